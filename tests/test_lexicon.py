"""Lexical matching on real sentences: what must match, what must not, and exact offsets.

Sentences are copied verbatim from the seeds (data/raw/seeds, also ../shared/seeds) and from
../shared/corpora/ukraine-media (file and 0-based data row of pandas.read_csv given), except
where marked "hand-made" (cases the corpus does not contain: the dish, Odessa in Texas).
"""
from __future__ import annotations

import pandas as pd
import pytest

from framing.codebook import load_codebook
from framing.lexicon import compile_codebook, find_lexical


@pytest.fixture(scope="module")
def m():
    return compile_codebook(load_codebook())


def found(text, matcher, feature=None, key=None):
    out = []
    for h in find_lexical(text, matcher):
        assert text[h.start:h.end] == h.surface  # offsets index the original string
        if (feature is None or h.feature == feature) and (key is None or h.key == key):
            out.append((h.surface, h.key, h.value))
    return out


# ----------------------------------------------------------------------------- spellings
def test_vladimir_zelensky_counts_vladimir_putin_never(m):
    # seeds/000 (RT) and seeds/004 (RT)
    assert found("Ukrainian leader Vladimir Zelensky.", m, key="volodymyr") == [("Vladimir", "volodymyr", "Vladimir")]
    s = ("President Vladimir Putin’s press secretary was commenting on speculation by the British outlet "
         "Financial Times about some kind of peace talks, calling the story fake news.")
    assert found(s, m, "variant") == []
    s = "had received signals from state leaders, who said: ‘We think [Russian President Vladimir] Putin wants direct negotiations"
    assert found(s, m, key="volodymyr") == []
    # seeds/002 (Moscow Times): the Ukrainian form
    s = "The Ukrainian president Volodymyr Zelensky declared on Tuesday that his country would not make any concessions"
    assert found(s, m, "variant") == [("Volodymyr", "volodymyr", "Volodymyr"), ("Zelensky", "zelensky", "Zelensky")]


def test_possessives_count_curly_and_straight(m):
    # seeds/004 (RT)
    s = ("Ukrainian President Vladimir Zelensky has acknowledged that Kiev’s foreign backers have been speaking "
         "to him about the possibility of peace talks with Moscow.")
    assert found(s, m, key="kyiv") == [("Kiev", "kyiv", "Kiev")]
    # data/guardian.csv row 24
    s = ("The other demands made by Podolyak, an adviser to President Volodymyr Zelenskiy’s chief of staff, "
         "were “500 tanks; 2,000 armoured vehicles; 1,000 drones”")
    assert found(s, m, "variant") == [("Volodymyr", "volodymyr", "Volodymyr"), ("Zelenskiy", "zelensky", "Zelenskiy")]
    # data/bbc.csv: straight apostrophe
    assert found("Kyiv's mayor Vitali Klitschko said", m, key="kyiv") == [("Kyiv", "kyiv", "Kyiv")]


def test_compounds_count_derivatives_do_not(m):
    # data/AssociatedPress.csv row 52
    s = ('"Putin will try to bite one piece of Ukrainian territory after another to strengthen his negotiating '
         'stand," said Mykola Sunhurovskyi, a military analyst with the Kyiv-based Razumkov Center think-tank.')
    assert found(s, m, key="kyiv") == [("Kyiv", "kyiv", "Kyiv")]
    # data/RT.csv row 57 and data/AssociatedPress.csv row 4
    assert found("He did so on Sunday night after an intense campaign by pro-Kiev activists, who accused him of "
                 "ignorance.", m, key="kyiv") == [("Kiev", "kyiv", "Kiev")]
    assert found("with pro-Kyiv volunteers loyal to Dzhokhar Dudayev", m, key="kyiv") == [("Kyiv", "kyiv", "Kyiv")]
    # data/RT.csv row 728: Kievan is a different word
    assert found("It became the capital city of the eponymous province within the Kievan Governorate of the "
                 "Russian Empire.", m, key="kyiv") == []
    # the campaign hashtag is one token: no spelling hit inside it (hand-made)
    assert found("#KyivNotKiev", m, key="kyiv") == []


def test_chicken_kiev_is_a_dish(m):
    # hand-made: the corpus has no chicken Kiev
    assert found("Marks & Spencer sold its first chicken Kiev in 1979.", m, key="kyiv") == []
    assert found("Chicken Kiev, a breaded fillet stuffed with garlic butter, is on the menu.", m, key="kyiv") == []
    # ... while the city in the same sentence still counts
    assert found("A Kiev restaurant served chicken Kiev.", m, key="kyiv") == [("Kiev", "kyiv", "Kiev")]


def test_odessa_texas_is_not_odesa(m):
    # hand-made
    assert found("The rally was held in Odessa, Texas, on Saturday.", m, key="odesa") == []
    assert found("Odessa, TX is an oil town.", m, key="odesa") == []
    # data/AssociatedPress.csv: the Ukrainian port
    assert found("Residents of Odessa, Ukraine’s critical port on the Black Sea", m, key="odesa") == [
        ("Odessa", "odesa", "Odessa")]


def test_case_rules(m):
    # data/CBS.csv row 1: dateline in capitals counts (sensitive = as written or all capitals)
    s = "KYIV, Ukraine — Ukraine's state electricity operator on Saturday announced regular scheduled blackouts in Kyiv"
    assert found(s, m, key="kyiv") == [("KYIV", "kyiv", "Kyiv"), ("Kyiv", "kyiv", "Kyiv")]
    # lower case is not the proper name (hand-made)
    assert found("the kiev and kyiv hashtags", m, key="kyiv") == []
    # labels are case-insensitive: seeds/000 'Citing' at the start of a sentence
    s = "Citing anonymous sources, FT has claimed that Moscow and Kiev are\xa0“in preliminary discussions”\xa0to resume peace talks."
    assert ("Citing", "citing", "citing") in found(s, m, "sourcing")
    # DPR only in capitals: seeds/000
    s = "Russian troops raise the flag over Selidovo in the Donetsk People’s Republic (DPR)\xa0©\xa0\xa0Sputnik / Russian Defense Ministry"
    assert found(s, m, key="territory_status") == [("People’s Republic", "territory_status", "peoples_republic"),
                                                  ("DPR", "territory_status", "dpr_lpr")]
    assert found("a dpr of 3", m, key="territory_status") == []


def test_other_spellings(m):
    # seeds/002 (Moscow Times)
    s = ("Reuters reported earlier that Putin may agree to discuss the separation of four regions in Ukraine – "
         "Donetsk, Luhansk, Zaporizhia and Kherson – which Russia declared illegally annexed in 2022 but does not "
         "fully control.")
    assert found(s, m, "variant") == [("Ukraine", "ukraine", "Ukraine"), ("Luhansk", "luhansk", "Luhansk"),
                                      ("Zaporizhia", "zaporizhzhia", "Zaporizhzhia")]
    s = ("Russia may also be ready to withdraw its forces from small territories it holds in the Kharkiv and "
         "Mykolayiv regions, according to two of the officials cited by Reuters.")
    assert found(s, m, "variant") == [("Kharkiv", "kharkiv", "Kharkiv"), ("Mykolayiv", "mykolaiv", "Mykolaiv")]
    # seeds/000 (RT)
    s = ("This means not just the incursion into Kursk Region, but the Donetsk and Lugansk People’s Republics, "
         "as well as Kherson and Zaporozhye Regions in their full administrative boundaries.")
    assert found(s, m, "variant") == [("Lugansk", "luhansk", "Lugansk"), ("Zaporozhye", "zaporizhzhia", "Zaporozhye")]
    # data/AssociatedPress.csv row 17: Dnipro (river, Ukrainian form) and Zaporizhzhya
    s = ("(AP Photo/Evgeniy Maloletka, File) FILE - A man walks on a pedestrian crossing point near the Dnipro river "
         "and Zaporizhzhya nuclear plant on the other side in Nikopol, Ukraine, Aug, 22, 2022.")
    assert found(s, m, "variant") == [("Dnipro", "dnipro", "Dnipro"), ("Zaporizhzhya", "zaporizhzhia", "Zaporizhzhia"),
                                      ("Ukraine", "ukraine", "Ukraine")]
    # data/AssociatedPress.csv row 0: Dnieper is the neutral English river name
    s = "adjacent to the plant along the left bank of the Dnieper River, but along the Ukraine-controlled right bank"
    assert found(s, m, key="dnipro") == [("Dnieper", "dnipro", "Dnieper")]
    # surname, not the city (hand-made)
    assert found("Yuri Nikolayev, a spokesman, said", m, key="mykolaiv") == []
    assert found("In Nikolaev, sirens sounded.", m, key="mykolaiv") == [("Nikolaev", "mykolaiv", "Nikolaev")]


def test_the_ukraine_only_as_head_noun(m):
    # data/DailyMail.csv row 130: "the Ukraine" as the country's name
    s = ("led Biden officials to claim that Saudi Arabia was helping Russia, a member of the greater OPEC alliance, "
         "with its war in the Ukraine.")
    assert found(s, m, key="ukraine") == [("the Ukraine", "ukraine", "the Ukraine")]
    # data/AssociatedPress.csv row 33: "the Ukraine war" -- the article belongs to "war"
    s = ("Western estimates of Russian dead in the Ukraine war have ranged from more than 15,000 to over 20,000 - "
         "more than the Soviet Union lost during its 10-year war in Afghanistan.")
    assert found(s, m, key="ukraine") == [("Ukraine", "ukraine", "Ukraine")]
    # "the Ukrainian" is not "the Ukraine" (seeds/000)
    assert found("No negotiations with Kiev can take place unless the Ukrainian troops first withdraw", m,
                 key="ukraine") == []


# ----------------------------------------------------------------------------- labels, overlaps
def test_overlapping_multiword_terms_longest_wins_within_a_feature(m):
    # data/AssociatedPress.csv row 128
    s = ('"Onboard of this ship there are grains that were plundered and illegally transported by the Russian '
         'occupation authorities from the storage facilities located on temporarily occupied territories in '
         'Zaporizhzhya, Kherson and Mykolaiv," the embassy said.')
    assert found(s, m, key="territory_status") == [("temporarily occupied territories", "territory_status", "occupied")]
    # data/ABC.csv row 25: one label, illegally_annexed, not also 'annexed'
    s = ("In his public address, Putin portrayed the martial law declaration as a technicality, limited to the "
         "Ukrainian regions he illegally annexed last month.")
    assert found(s, m, key="annexation") == [("illegally annexed", "annexation", "illegally_annexed")]
    # data/AssociatedPress.csv row 25
    s = ("the drones appear to be operational and ready to use, said the officials, who spoke on condition of "
         "anonymity to discuss sensitive intelligence.")
    assert found(s, m, "sourcing") == [("on condition of anonymity", "anonymous_source", "anonymity")]


def test_overlaps_across_features_are_kept(m):
    # seeds/001 (RT): a label and a spelling at once
    s = "However, this is not currently the case, as the Kiev regime has rejected peaceful resolutions to the conflict."
    hits = found(s, m)
    assert ("Kiev", "kyiv", "Kiev") in hits
    assert ("Kiev regime", "ukrainian_state_labels", "kiev_regime") in hits
    assert ("conflict", "war_name", "conflict") in hits


def test_labels_and_exceptions_on_real_sentences(m):
    # seeds/001 (RT)
    s = ("The situation in Crimea was also mentioned, with Peskov stating that it broke away from Ukraine after a "
         "Western-backed coup in 2014 and rejoined Russia the same year.")
    assert found(s, m, "label") == [("coup", "revolution_2014", "coup"),
                                    ("rejoined Russia", "annexation", "reunification")]
    # data/CBS.csv row 12 (title): families reunite; the bare verb is not the annexation frame
    s = ("A 10-year-old girl was devastated to leave her cat behind when her family fled Ukraine. But they "
         "recently reunited in California.")
    assert found(s, m, key="annexation") == []
    # data/Express.csv row 42: family reunification is not the annexation frame
    s = ("do not appear to include steps for family reunification or in other ways ensure respect for the principle "
         "of the best interests of the child.")
    assert found(s, m, key="annexation") == []
    # data/ABC.csv row 21: Second World War is not a label for this war; 'wars' is
    s = "\"There hasn't been any wars at that scale in Europe, or elsewhere in the world, since the Second World War."
    assert found(s, m, key="war_name") == [("wars", "war_name", "war")]
    # data/AssociatedPress.csv row 7: a food crisis is not a name for the war; the war is
    s = ("Economic fallout from the COVID-19 pandemic, a food crisis worsened by Russia's war in Ukraine, and "
         "climate change are among the challenges facing many African countries expected to define the two-day "
         "conference.")
    assert found(s, m, key="war_name") == [("war", "war_name", "war")]
    # seeds/002: hedge; seeds/003: anonymous sourcing
    s = ("In the end, however, Kiev said that Russia had organized “a massive informational-psychological attack” "
         "against Ukraine by spreading a false warning, allegedly from Ukrainian military intelligence, of an "
         "imminent massive airstrike.")
    assert found(s, m, "hedge") == [("allegedly", "alleged", "allegedly")]
    s = ("He “sensed the weakness of the West” and “is ready to go on until victory”, including another attempt to "
         "take Kyiv and Kharkiv, sources close to the presidential administration told Meduza.")
    assert found(s, m, "sourcing") == [("sources close to", "anonymous_source", "close_to")]
    # data/CBS.csv row 10: hedge inside a quotation, and a label
    s = ('"The so-called evacuation of invaders from the temporarily occupied territory of the Kherson region, '
         'including from medical institutions, continues," the General Staff of the Armed Forces of Ukraine said.')
    assert found(s, m, "hedge") == [("so-called", "so_called", "so-called")]
    assert found(s, m, key="territory_status") == [("temporarily occupied territory", "territory_status", "occupied")]


# ----------------------------------------------------------------------------- offsets and engine
def test_offsets_exact_when_lowercasing_changes_length(m):
    # 'İ'.lower() is two characters; offsets must still index the original text (hand-made)
    s = "İİstanbul talks: Kyiv’s delegation met the Kiev regime’s envoys in İzmir. KİEV"
    for h in find_lexical(s, m):
        assert s[h.start:h.end] == h.surface
    assert [h.surface for h in find_lexical(s, m) if h.key == "kyiv"] == ["Kyiv", "Kiev"]


def test_unicode_spaces_hyphens_apostrophes_are_read_as_ascii_offsets_kept(m):
    # hand-made: a no-break space inside "according to", U+2010/U+2011 hyphens, a curly apostrophe
    s = "Citing sources, according\xa0to FT, the so\u2010called \u201cneo\u2011Nazis\u201d of Kyiv\u2011based People’s Republic"
    got = [(h.surface, h.value) for h in find_lexical(s, m)]
    assert got == [("Citing", "citing"), ("according\xa0to", "according_to"), ("so\u2010called", "so-called"),
                   ("neo\u2011Nazis", "neo_nazi"), ("Kyiv", "Kyiv"), ("People’s Republic", "peoples_republic")]


def test_one_automaton_for_all_terms(m):
    cb = load_codebook()
    n_terms = sum(len(f.terms) for e in cb.entries for f in e.forms)
    assert m.n_terms == n_terms
    # one automaton holding every term, and a run of three spaces (find_lexical_scan reports it)
    assert m.automaton is not None and len(m.automaton) <= n_terms + 1 and "   " in m.automaton
    assert m.regexes == []  # the default codebook needs no per-pattern regex scan


def test_user_codebook_regex_requires_before_and_list_shorthand(test_data):
    mm = compile_codebook(test_data / "codebooks" / "good_minimal.yaml")
    # hand-made
    s = "Russia staged referendums in four regions; Kyiv and the West called them a sham referendum. A so-called vote."
    hits = [(h.surface, h.value) for h in find_lexical(s, mm)]
    assert ("referendums", "referendum") in hits       # requires.before 'staged '
    assert ("sham referendum", "sham_referendum") in hits  # regex form; the longer match wins over 'referendum'
    assert ("referendum", "referendum") not in hits
    assert ("so-called", "so-called") in hits          # list shorthand for terms
    assert ("Kyiv", "Kyiv") in hits


def test_migration_codebook_matches():
    mm = compile_codebook("migration")
    # hand-made sentence in the style of UK coverage
    s = "Ministers warned of a flood of migrants and called them illegals; refugees crossed in small boats. A swarm of bees."
    got = [(h.surface, h.key, h.value) for h in find_lexical(s, mm)]
    assert ("flood of migrants", "metaphor", "water") in got
    assert ("illegals", "person_label", "illegal") in got
    assert ("refugees", "status_label", "refugee") in got
    assert ("small boats", "crossing", "small_boats") in got
    assert not any(g[0] == "swarm" for g in got)  # exception: a swarm of bees


def test_automaton_and_regex_routes_give_identical_hits(raw_dir, m):
    """Two independent routes to the same hits: the one-pass automaton (production) and one regex
    scan per term (lexicon.reference_find_lexical). Real text: the seeds and every 12th article of
    the bundled ukraine-media sample; plus hand-made edge cases."""
    from framing.ingest import ingest_paths
    from framing.lexicon import reference_find_lexical

    docs = ingest_paths([raw_dir / "seeds", raw_dir / "ukraine-media-sample"])
    docs = pd.concat([docs.head(5), docs.iloc[5::12]])
    texts = docs["title"].fillna("").tolist() + docs["clean_text"].fillna("").tolist()
    texts += ["İİ KİEV Kyiv’s KYIV'S kyiv Kyiv_x pro-Kiev Kievan the Ukraine. THE UKRAINE war "
              "Vladimir  Zelensky, Vladimir V. Putin; so-called SO-CALLED so called illegally annexed annexation "
              "according\xa0to neo\u2011Nazi SELF\u2010PROCLAIMED Donetsk People’s Republic"]
    n = 0
    for t in texts:
        a = find_lexical(t, m)
        assert a == reference_find_lexical(t, m), t[:80]
        n += len(a)
    assert n > 500


# ----------------------------------------------------------------------------- exception prefilter
def test_characters_ignorecase_reads_as_ascii_are_folded_or_listed():
    """The exception prefilter looks for ASCII strings in the lower-cased text: every character
    that re.IGNORECASE matches to an ASCII one must lower-case to it, or be listed as odd."""
    import re
    import sys

    from framing.lexicon import _IGNORECASE_ODD, _fold

    ascii_ci = re.compile("[ -~]", re.IGNORECASE)
    for ch in map(chr, range(128, sys.maxunicode + 1)):
        if ascii_ci.fullmatch(ch):
            partners = [x for x in map(chr, range(32, 127)) if re.fullmatch(re.escape(x), ch, re.IGNORECASE)]
            assert all(_fold(ch) == x.lower() for x in partners) or ch in _IGNORECASE_ODD, hex(ord(ch))


def test_every_exception_match_holds_one_of_the_strings_it_needs(raw_dir, m):
    """The strings read from each exception regex occur in every match of it, on real text and
    on the exceptions' own examples; and matching with the prefilter gives the same hits as
    running every exception regex (the prefilter switched off)."""
    from framing.ingest import ingest_paths
    from framing.lexicon import Matcher, find_lexical_raw

    docs = ingest_paths([raw_dir / "seeds", raw_dir / "ukraine-media-sample"])
    texts = docs["title"].fillna("").tolist() + docs["clean_text"].fillna("").tolist()
    texts += ["He ordered chicken Kiev. Odessa, Texas and Odessa High School. The Cold War and World War II, "
              "a civil war, the Great Patriotic War. A food crisis and the cost-of-living crisis. "
              "Family reunification, German reunification. Myanmar's military junta. A failed coup attempt."]
    rules = [r for r in m.rules if r.exception is not None]
    assert {r.value for r in rules if r.exception_needs} >= {"war", "Kiev", "crisis", "Odessa"}
    seen = 0
    for t in texts:
        low = t.lower()
        for r in rules:
            if r.exception_needs is None:
                continue
            for x in r.exception.finditer(t):
                assert any(need in low[x.start():x.end()] for need in r.exception_needs), (r.value, x.group())
                seen += 1
    assert seen > 20
    # and every match starts with one of the strings the check starts its regex from
    starts = 0
    for t in texts:
        low = t.lower()
        for r in rules:
            if r.exception_starts_re is not None:
                for x in r.exception.finditer(t):
                    assert r.exception_starts_re.match(low, x.start()), (r.value, x.group())
                    starts += 1
    assert starts > 20
    assert {r.value for r in rules if r.exception_starts_re is not None} >= {"war", "crisis", "Odessa"}
    assert [r.exception_starts_re for r in rules if r.value == "Nikolaev"] == [None]  # starts with [A-Z]
    plain = Matcher(m.codebook, prefilter=False)  # every exception regex run wherever its term is found
    assert all(r.exception_needs_re is None for r in plain.rules)
    assert [find_lexical_raw(t, m) for t in texts] == [find_lexical_raw(t, plain) for t in texts]


def test_scan_reports_runs_of_three_spaces_as_folded(raw_dir, m):
    """find_lexical_scan gives the hits of find_lexical_raw and says whether the text may hold
    three spaces in a row (no-break and thin spaces read as spaces), so the sentence splitter can
    skip looking; never False where the text holds them."""
    from framing.ingest import ingest_paths
    from framing.lexicon import find_lexical_raw, find_lexical_scan

    docs = ingest_paths([raw_dir / "seeds", raw_dir / "ukraine-media-sample"])
    texts = docs["title"].fillna("").tolist() + docs["clean_text"].fillna("").tolist()
    texts += ["Kyiv said so.   Moscow denied it.", "Kyiv said so. \u00a0 Moscow", "Kyiv  said so.", "   ", "war"]
    seen = 0
    for t in texts:
        hits, space_run = find_lexical_scan(t, m)
        assert hits == find_lexical_raw(t, m)
        folded_run = "   " in m.fold(t)
        assert space_run is folded_run, t[:80]
        assert space_run or "   " not in t
        seen += space_run
    assert seen >= 3
    assert find_lexical_scan("", m) == ([], False)


def test_literal_set_pattern_finds_what_the_plain_alternation_finds():
    """The trie-shaped pattern of the exception prefilters finds a string of the set exactly where
    the plain alternation of the strings does (same leftmost position) on real phrases."""
    import re

    from framing.lexicon import _literal_set_re

    text = ("the world war and the cold war; a civil war, the war of independence, the great patriotic war, "
            "an energy crisis, the cost-of-living crisis, migrants and migration, the turmoil, new york")
    sets = [["world", "cold", "civil", "independence", "patriotic"], ["migrant", "migration", "mi", "oil"],
            ["n", "new york", "ny"], ["a", "an", "the", "building"], ["cost", "co", "c"]]
    for strings in sets:
        trie, plain = _literal_set_re(strings), re.compile("|".join(map(re.escape, strings)))
        for pos in range(len(text)):
            a, b = trie.search(text, pos), plain.search(text, pos)
            assert (a and a.start()) == (b and b.start()), (strings, pos)
