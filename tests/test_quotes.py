"""Quote-mark pairing, quote types and hits rows, on real sentences from the seeds and the corpus."""
from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from framing.quotes import classify_quotes, extract_quotes, find_quote_spans, quote_hits
from framing.schema import ALL_HIT_COLUMNS


def spans(text):
    return [text[q.start:q.end] for q in find_quote_spans(text)]


def rule_table(*items):
    """The rows of a table merged from several rules: a string names the rule of the rows after it, a tuple is
    a row (text, quoted, …). Each row's id is its rule and its quoted words, so that a failure says which
    sentence of which rule failed."""
    rows, rule = [], None
    for item in items:
        if isinstance(item, str):
            rule = item
        else:
            rows.append(pytest.param(*item, id=f"{rule}: {_ascii(item[1])[:40]}"))
    return rows


def _ascii(words):
    """Quoted words as a readable test id: curly quotes straightened, accents dropped."""
    words = words.translate(str.maketrans("‘’“”´–—", "''\"\"'--"))
    return unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")


@pytest.fixture(scope="module")
def seeds(raw_dir):
    d = raw_dir / "seeds"
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))}


# ----------------------------------------------------------------------------- pairing
def test_curly_double_and_single_quotes_with_apostrophes_around():
    # seed 000 (RT): possessives with ’ inside and around single-quoted spans
    text = ("Zelensky claimed that the leak came after “many countries” supported his ‘victory plan’. "
            "The Ukrainian leader did not dispute the accuracy of the Times’ reporting about Kyiv’s request.")
    assert spans(text) == ["many countries", "victory plan"]


def test_offsets_are_inside_the_marks():
    text = "After that, Putin was “re-elected” for a fifth term."
    (q,) = find_quote_spans(text)
    assert text[q.start - 1] == "“" and text[q.end] == "”"
    assert (q.open_mark, q.close_mark, q.depth, q.closed) == ("“", "”", 0, True)


@pytest.mark.parametrize("text", [
    "Russia's army and Kyiv’s defenders, as in the ’90s, rock ’n’ roll and the 'boys' club.",
    "He was runnin’ late, the Times’ editors said, and the 80's were over.",
])
def test_apostrophes_are_not_quotes(text):
    got = spans(text)
    assert "s army and Kyiv" not in " ".join(got)
    assert all("’90" not in s and "n’ roll" not in s for s in got)
    if "'boys'" in text:
        assert got == ["boys"]
    else:
        assert got == []


def test_plural_possessive_does_not_close_a_single_quote_early():
    # Daily Mail style: single quotes everywhere, a plural before the closing mark
    text = ("Britain's Ministry of Defence said Russia will deploy so-called 'blocking units' which "
            "'threaten to shoot their own retreating soldiers in order to compel offensives'.")
    assert spans(text) == ["blocking units", "threaten to shoot their own retreating soldiers in order to compel offensives"]


def test_nested_quotes_are_their_own_spans(seeds):
    text = seeds["004"]
    got = spans(text)
    outer = [s for s in got if s.startswith("I had received signals")]
    assert outer and outer[0].endswith("against Ukraine,’")
    assert "We think [Russian President Vladimir] Putin wants direct negotiations." in got
    inner = [q for q in find_quote_spans(text) if text[q.start:q.end].startswith("We think")]
    assert inner[0].depth == 1


def test_straight_quotes_and_guillemets_and_low_marks():
    assert spans('He called it "a sham" and left.') == ["a sham"]
    assert spans("Le Kremlin parle d'une «opération spéciale».") == ["opération spéciale"]
    assert spans("Die Zeitung schrieb „Frieden jetzt“ auf die Titelseite.") == ["Frieden jetzt"]


def test_quote_reopened_without_closing_on_one_line_is_one_span_per_paragraph():
    # BBC copy whose paragraphs were run together: each paragraph re-opens the quote
    text = ('He said: "The lorry was picked up from Preston Fleet Services. "Baby stuff, things for elderly '
            'people, food and equipment. "We drove it into the Ukraine."')
    assert spans(text) == ["The lorry was picked up from Preston Fleet Services.",
                           "Baby stuff, things for elderly people, food and equipment.",
                           "We drove it into the Ukraine."]


def test_quote_running_over_a_paragraph_break():
    text = ("“We will not give up our land.\n“We will fight for every village,” the mayor said.\n"
            "A stray closing mark” and an unmatched “opening do not make spans.")
    assert spans(text) == ["We will not give up our land.", "We will fight for every village,"]


def test_scare_quote_missing_its_closing_mark_is_ignored():
    assert spans("The “referendum was held at gunpoint, officials said.") == []


# ----------------------------------------------------------------------------- types and attribution
def _by_text(rows, text, feature="quote"):
    found = [r for r in rows if r["feature"] == feature and r["text"].startswith(text)]
    assert found, f"no {feature} row starting with {text!r}"
    return found[0]


def test_done_when_seed_000_distancing_cues_of_zelensky(seeds):
    rows = quote_hits("000", "Key to Peace", seeds["000"])
    moans = [r for r in rows if r["feature"] == "reported_speech" and r["cue"] == "moan"]
    assert moans and "Zelensky" in moans[0]["speaker"]
    assert moans[0]["cue_text"] == "moans" and moans[0]["cue_category"] == "distancing"
    claimed = _by_text(rows, "many countries")
    assert claimed["quote_type"] == "partial"
    assert "Zelensky" in claimed["speaker"]
    assert (claimed["cue"], claimed["cue_text"], claimed["cue_category"]) == ("claim", "claimed", "distancing")
    assert claimed["value"] == "distancing" and claimed["key"] == "partial"


def test_done_when_seed_000_peskov_said_and_told_reporters_are_neutral(seeds):
    text = seeds["000"]
    rows = quote_hits("000", "Key to Peace", text)
    told = _by_text(rows, "The basic conditions")
    assert told["quote_type"] == "direct"
    assert told["speaker"] == "Dmitry Peskov"          # "Peskov" resolved to the first full mention
    assert text[told["speaker_start"]:told["speaker_end"]] == "Peskov"
    assert (told["cue"], told["cue_text"], told["cue_category"]) == ("tell", "told reporters", "neutral")
    assert text[told["cue_start"]:told["cue_end"]] == "told reporters"
    said = [r for r in rows if r["feature"] == "reported_speech" and r["cue_text"] == "said"
            and r["speaker"] == "Dmitry Peskov"]
    assert said and all(r["cue_category"] == "neutral" for r in said)


def test_done_when_seed_003_re_elected_is_a_scare_quote(seeds):
    text = seeds["003"]
    rows = quote_hits("003", "NATO urged Ukraine not to enter peace talks with Russia", text)
    r = _by_text(rows, "re-elected")
    assert r["quote_type"] == "scare" and r["key"] == "scare"
    assert r["speaker"] == "" and r["cue"] == "" and r["speaker_start"] == -1
    # the neighbouring short quotes are attributed, not scare: sources told Meduza
    sensed = _by_text(rows, "sensed the weakness of the West")
    assert sensed["quote_type"] == "partial" and sensed["cue"] == "tell"


def test_role_and_pronoun_resolution_on_seed_003(seeds):
    rows = quote_hits("003", "", seeds["003"])
    emph = [r for r in rows if r["feature"] == "reported_speech" and r["cue"] == "emphasize"]
    # "the NATO representative emphasized" -> the name given earlier with that role
    assert emph[0]["speaker"] == "Mircea Joane"
    last = _by_text(rows, "It is possible to agree on everything")
    assert last["speaker"] == "Volodymyr Zelensky"     # "the Ukrainian leader emphasized"


def test_floating_quote_carries_on_the_previous_attribution(seeds):
    text = seeds["002"]
    rows = quote_hits("002", "", text)
    first = _by_text(rows, "Putin has not made any final decision")
    r = _by_text(rows, "He would prefer not to pay")
    assert r["speaker"] == "Sergei Markov" and r["quote_type"] == "direct"
    # the cue is the previous sentence's "said": same offsets, before the quote's own sentence
    assert (r["cue"], r["cue_start"]) == ("say", first["cue_start"]) and r["cue_start"] < r["start"]
    assert text[r["cue_start"]:r["cue_end"]] == "said"


def test_headline_fragment_attributed_in_the_body_is_partial():
    title = "Kyiv slams ‘moral and legal’ claims"
    text = ("Therefore, NATO has a “moral and legal” obligation to support Kyiv, "
            "NATO Deputy Secretary General Mircea Geoana said on Monday.")
    res = classify_quotes(title, text)
    (t,) = res["title"]
    assert t["quote_type"] == "partial" and t["attribution"].speaker == "Mircea Geoana"
    assert t["attribution"].speaker_start == -1   # the speaker is named in the body, not the title


def test_titles_of_operations_and_plans_are_other(seeds):
    rows = quote_hits("000", "", seeds["000"])
    plan = [r for r in rows if r["text"] == "victory plan"]
    assert plan and all(r["quote_type"] == "other" for r in plan)


# ----------------------------------------------------------------------------- hits table
def test_extract_quotes_rows_follow_the_hits_contract(seeds):
    docs = pd.DataFrame({
        "doc_id": ["000", "003", "empty", "nan"],
        "title": ["Key to Peace", "NATO urged Ukraine not to enter peace talks with Russia", "", None],
        "clean_text": [seeds["000"], seeds["003"], "", float("nan")],
    })
    hits = extract_quotes(docs)
    assert list(hits.columns) == list(ALL_HIT_COLUMNS)
    assert set(hits.feature) == {"quote", "reported_speech"}
    assert hits.attrs["errors"] == []
    for r in hits.itertuples(index=False):
        src = docs.set_index("doc_id").loc[r.doc_id]
        field = src["title"] if r.field == "title" else src["clean_text"]
        assert field[r.start:r.end] == r.text
        if r.speaker_start >= 0:
            assert field[r.speaker_start:r.speaker_end]
        if r.cue_start >= 0:
            assert field[r.cue_start:r.cue_end] == r.cue_text
        assert (r.key == r.quote_type) or (r.feature == "reported_speech" and r.key == "reported")
    assert set(hits.quote_type) <= {"direct", "partial", "scare", "other", "reported"}
    assert hits.start.dtype == "int64"


def test_extract_quotes_needs_the_document_columns():
    from framing.io import FramingError

    with pytest.raises(FramingError, match="clean_text"):
        extract_quotes(pd.DataFrame({"doc_id": [1], "title": ["x"]}))


QUOTE_TYPE_WITH_SPEAKER_AND_CUE = rule_table(
    "labels_glosses_and_copulas",
    # a label the named subject applies with an active verb (BBC copy)
    ("Since Russia sent troops into Ukraine on February 24, Zelensky has banned a total of 15 political "
     "parties as “pro-Russian” and arrested a number of opposition figures.", "pro-Russian", "partial", "Zelensky", "ban"),
    # a passive label with its agent after "by" (RT copy)
    ("The late Soviet reformist leader Mikhail Gorbachev has now been marked as “liquidated” by a "
     "controversial Ukrainian website that lists supposed enemies.", "liquidated", "partial",
     "a controversial Ukrainian website", "mark"),
    # a passive label without an agent (AP copy)
    ('Vulin is considered "Moscow´s man" within the Serbian government.', "Moscow´s man", "partial", "", "consider"),
    # the wording of a charge or a claim belongs to the court or claimant (gold guideline conventions)
    ("The legislator was found guilty of deliberately disseminating ‘false information’ about Russia’s "
     "military.", "false information", "partial", "", "find guilty"),
    ("Mystery surrounds Russian nuclear tests, amid claims they are being 'disrupted' from within.",
     "disrupted", "partial", "", "claim"),
    # a copula: no one's words ("re-elected" stays scare)
    ("After that, Putin was “re-elected” for a fifth term.", "re-elected", "scare", "", ""),
    # a gloss is a name, not a scare quote (RT copy)
    ("Mirotvorets, or ‘Peacemaker’, is a public database of individuals.", "Peacemaker", "other", "", ""),
    # words listed as words (Daily Mail copy)
    ("A series of words flashed up behind them: 'future', 'confident', 'victory'.", "confident", "other", "", ""),
    "what_x_calls_is_the_subjects_label",
    # "what X calls …": the named subject's label, even for an operation's name (bbc.csv row 131; Fox.csv row 23)
    ('President Putin has avoided large-scale conscription for what Russia calls its "special military operation" '
     'in Ukraine.', "special military operation", "partial", "Russia", "call"),
    ('Moscow’s spymaster is waging what his strategists term "new generation warfare." Having deployed '
     'cyberhackers who attacked America’s burgers and gas stations.', "new generation warfare.", "partial", "his strategists",
     "term"),
)


@pytest.mark.parametrize("text, quoted, qtype, speaker, cue", QUOTE_TYPE_WITH_SPEAKER_AND_CUE)
def test_quote_type_with_speaker_and_cue(text, quoted, qtype, speaker, cue):
    """A quote's type, speaker and cue, all three pinned ("" where there is none)."""
    r = _typed(text, quoted)
    assert (r["quote_type"], r["speaker"], r["cue"]) == (qtype, speaker, cue)


# ----------------------------------------------------------------------------- typing rules (error analysis)
# Every sentence below is quoted from the corpus (corpora/ukraine-media/data/<file>.csv, 0-based row) or
# the seeds, as kept in the quote-type gold's documents_*.jsonl.
def _typed(text, quoted, title=""):
    res = quote_hits("x", title, text)
    rows = [r for r in res if r["feature"] == "quote" and r["text"] == quoted]
    assert rows, [r["text"] for r in res if r["feature"] == "quote"]
    return rows[0]


PARTIAL_QUOTES_WITH_THEIR_CUE = rule_table(
    "fragments_in_a_saying_verbs_clause_are_partial",
    # a closing reporting clause (RT.csv row 0)
    ("Over the past three days, soldiers stationed in the area have been “re-deployed” to territory of the "
     "Donetsk People’s Republic, the ministry claimed.", "re-deployed", None, "claim"),
    # ", according to X" at the end (RT.csv row 383)
    ("These “mercenaries” come in addition to the “gigantic” military aid provided to Kiev by Washington, "
     "and are not necessarily frontline fighters, according to Causeur.", "gigantic", "Causeur", "according to"),
    # a verb of saying whose content clause holds the fragment (DailyMail.csv rows 169, 203)
    ("Parts of Kyiv suffered power cuts into the evening, and a city official warned strikes could leave "
     "Ukraine's capital without power and heat for 'several days or weeks'.", "several days or weeks", None, "warn"),
    ("That has led one prominent Russian academic to speculate that Russian top brass have been 'sabotaging' "
     "the nuclear tests - either because they fear Putin trying to use the weapons in Ukraine, or because they "
     "don't work.", "sabotaging", None, "speculate"),
    # through a progressive verb, in a list of labels (bbc.csv row 703)
    ('President Putin\'s media monopoly has also helped him to persuade many here that Russians in Ukraine are '
     'battling "Nazis", "neo-Nazis", "ultra-nationalists" and "liberating Ukraine from fascism" - creating a '
     'parallel reality around events there.', "ultra-nationalists", None, "persuade"),
    # idioms of arguing (Fox.csv row 467) and "introducing itself as" (RT.csv row 842)
    ('Fox News host Brian Kilmeade made his case on why America should be "all-in" helping Ukraine fight for '
     'freedom on Saturday\'s "One Nation," as some dispute over what America\'s role in the war should be.',
     "all-in", "Brian Kilmeade", "make the case"),
    ("Killnet surfaced in March, introducing itself as a “friend” to Russia and attacking the websites of "
     "Ukrainian President Volodymyr Zelensky.", "friend", "Killnet", "introduce"),
    # a noun of saying with its agent (guardian.csv row 197)
    ("Their firepower goes far beyond the original commitment made by Nato members to only send “defensive "
     "systems” to Ukraine when the war began.", "defensive systems", "Nato members", "commit"),
    # a passive label through a comma (guardian.csv row 32)
    ("Nato’s summit in Madrid this month is billed as its most consequential, “transformative” gathering since "
     "the cold war era.", "transformative", "", "bill"),
    # a noun of saying with its content clause (RT.csv row 121)
    ("The Russian Defense Ministry’s statement comes after its claim on Monday that the Ukrainian "
     "counteroffensive in Kherson had “failed miserably.”", "failed miserably.", None, "claim"),
    # a verb of judging (HuffPost.csv row 107) and "reject … as" past a noun (DailyMail.csv row 128)
    ("The U.S. Department of State also determined last month that the WNBA athlete was “wrongfully detained” "
     "when she was arrested in February.", "wrongfully detained", None, "determine"),
    ("Britain, France, and the United States rejected that claim as 'transparently false.' Poland's government "
     "said it is preparing for the Kremlin's next move.", "transparently false.", None, "reject"),
    # the wording a law punishes (guardian.csv row 6)
    ("The Russian parliament recently passed legislation imposing jail terms of up to 15 years for anyone "
     "spreading “fake news” or carrying out any public action that would discredit the military action.",
     "fake news", "", "jail"),
    "more_verbs_and_nouns_of_saying",
    # "as X calls it", "what X deems" (bbc.csv row 368; guardian.csv row 93)
    ('It is not a major speech or policy announcement on the invasion of Ukraine - or as Russia calls it, its '
     '"special military operation".', "special military operation", "Russia", "call"),
    ("A Moscow court has fined US-backed broadcaster Radio Liberty/Radio Free Europe 20m roubles over what it "
     "deems to be “fake” content about Russia’s latest invasion of Ukraine.", "fake", None, "deem"),
    # verbs of judging, likening, expressing, finding (CBS.csv row 73; DailyMail.csv row 16; bbc.csv row 361;
    # RT.csv row 415; HuffPost.csv row 241)
    ('Russia considers Japan to be a "hostile" country -- a designation it shares with all European Union '
     'countries.', "hostile", "Russia", "consider"),
    ("Kyiv has likened Moscow's efforts to remove the civilian population from Kherson to Soviet-like "
     "'deportations' of its people.", "deportations", "Kyiv", "liken"),
    ('The city may lie in ruins, but Russia has repeatedly talked of "de-Nazification and demilitarisation" of '
     'Ukraine.', "de-Nazification and demilitarisation", "Russia", "talk of"),
    ("The ministry also expressed its “deep concern” over the developments and said that the Russian "
     "peacekeeping force is “making every effort” to stabilize the situation.", "deep concern", None, "express"),
    ("In 2019, the investigation by special counsel Robert Mueller into the matter found that Trump’s campaign "
     "was at times “receptive” to offers of help from Russian operatives.", "receptive", None, "find"),
    # nouns of saying with "to" / "that" (NYT.csv rows 2791, 1401)
    ("He loomed as a colossus over British politics, the man who had redrawn the country’s political map with a "
     "vow to “get Brexit done.”", "get Brexit done.", None, "vow"),
    ("Administration officials were forced to walk back the ad-lib that Russian President Vladimir V. Putin "
     "“cannot remain in power,” which captured the attention of foreign policy experts.",
     "cannot remain in power,", None, "ad-lib"),
    # "his words" are his utterance, not words mentioned as words (RT.csv row 147)
    ("The Ukrainian Foreign Ministry once again stated that the murder “had nothing to do with Ukraine” and "
     "called his words “unjust.”", "unjust.", "Ukrainian Foreign Ministry", "call"),
)


@pytest.mark.parametrize("text, quoted, speaker, cue", PARTIAL_QUOTES_WITH_THEIR_CUE)
def test_partial_quotes_with_their_cue(text, quoted, speaker, cue):
    """A fragment in a clause of saying is partial with its cue; a speaker of None is not pinned by the row."""
    r = _typed(text, quoted)
    assert (r["quote_type"], r["cue"]) == ("partial", cue)
    if speaker is not None:  # None: the row pins no speaker
        assert r["speaker"] == speaker


@pytest.mark.parametrize("text, quoted, title", [
    # another verb's participle between cue and fragment (RT.csv row 886, a headline; Fox.csv row 77)
    ("", "swastika", "Ukrainian government advisor praises soldier wearing ‘swastika’"),
    ('Center for the National Interests senior fellow Christian Whiton joined "Jesse Watters Primetime" Monday '
     'to react to Vladimir Putin declaring two regions in eastern Ukraine independent states and deploying '
     '"peacekeeping troops" to the area.', "peacekeeping troops", ""),
    # the topic responded to is not the words (RT.csv row 860)
    ("Vitaly Klitschko, who used to be a professional boxer prior to becoming a politician, has responded to "
     "the news of his fake ‘twin,’ saying that “the enemy is not calming down and is waging war on all fronts” "
     "to discredit Ukrainian politicians.", "twin,", ""),
    # an object shown, not words (RT.csv row 394; RT.csv row 628)
    ("According to local media, the Defense Ministry confirmed in late July that the videos were authentic and "
     "indeed showed the tanks North Macedonia sought to ‘donate’ to Ukraine.", "donate", ""),
    ("Ovsyannikova displayed toys covered in ‘blood’ during her stunt and held a placard branding Russia’s "
     "president a “murderer” and Russian troops “fascists,” imagery from the scene shows.", "blood", ""),
    # a verb coordinated with the clause's own, no reporting clause (DailyMail.csv row 173)
    ("Vladimir Putin’s puppet officials began ‘evacuating’ civilians out of the area this week and claim the "
     "number could reach 60,000 in a move that Kyiv has described as forced deportations.", "evacuating", ""),
    # two words in the writer's sentence are not carried over from the previous one (guardian.csv row 52)
    ("In Afghanistan in 2001, the then US defence secretary Donald Rumsfeld advised President George W Bush to "
     "go in, punish the regime and immediately get out. He was ignored by the “nation builders”, who proceeded "
     "to impose a vast imperial apparatus on Afghanistan and wreck it.", "nation builders", ""),
    # "so-called" is the writer's distance, even in a law's wording (Fox.csv row 348)
    ('Russian President Vladimir Putin has signed into law legislation that could punish journalists with up to '
     '15 years in prison for reporting so-called "fake" news about his military invasion of Ukraine.', "fake", ""),
])
def test_scare_quotes_near_an_unrelated_cue_stay_scare(text, quoted, title):
    r = _typed(text, quoted, title)
    assert (r["quote_type"], r["speaker"], r["cue"]) == ("scare", "", "")


def test_opinion_of_a_source_in_the_previous_sentence(seeds):
    # seed 003: "However, in his opinion, if Russia defeats Ukraine, … Therefore, NATO has a “moral and legal”
    # obligation to support Kyiv." (the NATO representative's view)
    r = _typed(seeds["003"], "moral and legal")
    assert r["quote_type"] == "partial" and "Joane" in r["speaker"]


@pytest.mark.parametrize("title, body, quoted, qtype, speaker", [
    # a headline's words found in the body by stem: bombing ~ bomber (RT.csv row 58)
    ("Two Russian embassy workers killed in 'suicide bombing'",
     "A suicide bomber detonated his vest around the corner from the main gate of the Russian embassy, "
     "apparently targeting locals queuing for visas, according to local media.", "suicide bombing", "partial",
     "local media"),
    # three content words, one missing in the body: best fighter pilot ~ best pilot (RT.csv row 306)
    ("Ukraine’s ‘best fighter pilot’ killed",
     "The institution in the city of Ivano-Frankovsk said on social media that Anton Listopad was “recognized "
     "in 2019 as the best pilot of the Ukrainian Air Force and took part in military action in the east of "
     "Ukraine.”", "best fighter pilot", "partial", None),
    # one word met unquoted in an attributed sentence, outside anyone's words, is not theirs (RT.csv row 540)
    ("Grave of Ukraine’s Nazi ‘hero’ defaced in Germany",
     "During his almost eight-year tenure as his country’s top diplomat in Germany, Melnik, known for his deep "
     "sympathy for the controversial Ukrainian national hero, found himself at the center of several scandals.",
     "hero", "scare", ""),
    # ... but the same word in someone's reported speech is (RT.csv row 269)
    ("Russia names main victim of US energy ‘victory’",
     "Western Europe’s current woes with natural gas supplies are due to US pressure to block the Nord Stream 2 "
     "pipeline from coming online, the Russian ambassador to Washington Anatoly Antonov claimed in a TV "
     "interview on Wednesday. Nord Stream 2 was a victory for Washington, which “struck a massive blow not so "
     "much against Russia, but against European competitiveness,” Antonov said.", "victory", "partial",
     "Anatoly Antonov"),
])
def test_headline_words_looked_up_in_the_body(title, body, quoted, qtype, speaker):
    rows = [r for r in quote_hits("x", title, body) if r["field"] == "title" and r["text"] == quoted]
    assert rows and rows[0]["quote_type"] == qtype
    if speaker is not None:
        assert rows[0]["speaker"] == speaker


QUOTE_TYPE_OF_A_QUOTE = rule_table(
    "names_and_glossed_terms_are_other",
    # names of what was set up (RT.csv row 690; AssociatedPress.csv row 82)
    ("On June 30, he also issued a decree establishing a “register of oligarchs,” targeting the top business "
     "figures in the country under a law passed in 2021.", "register of oligarchs,", "other"),
    ('Last year, Vulin had created a "working group" with Nikolai Patrushev, the powerful secretary of the '
     'Kremlin´s Security Council, to fight "color revolutions" -- a series of mass protests.', "working group", "other"),
    # terms glossed right after them (AssociatedPress.csv rows 82, 189)
    ('Last year, Vulin had created a "working group" with Nikolai Patrushev, the powerful secretary of the '
     'Kremlin´s Security Council, to fight "color revolutions" -- a series of mass protests.', "color revolutions", "other"),
    ('Selling its Russian restaurants was the first time the company has "de-arched," or exited a major market.',
     "de-arched,", "other"),
    # a name before the thing it names (Fox.csv row 23; guardian.csv row 196, a headline)
    ('Biden dispatched Secretary of State Hilary Clinton to Moscow with a mistranslated "reset" button.', "reset", "other"),
    ("Russia’s ‘cauldron’ tactic may be tipping Donbas battle in its favour", "cauldron", "other"),
    # a word of a title mentioned as a word (guardian.csv row 27)
    ("It should be said right away that the “enthusiasm” of the title is mainly for two things.", "enthusiasm", "other"),
    # the name of a document (Reuters.csv row 7)
    ('The renewed talks would cover the election, U.S. sanctions on Venezuela and a "social agreement" that '
     'would enable distribution of $3 billion in goods.', "social agreement", "other"),
    "direct_needs_a_whole_clause",
    # a noun group after the cue is a fragment, however long (bbc.csv row 584)
    ('This was despite Mrs Chernukhin\'s condemnation of "Russian military aggression in Ukraine" where she '
     'called for "the strongest possible sanctions against Putin\'s regime and its enablers".',
     "the strongest possible sanctions against Putin's regime and its enablers", "partial"),
    # a name, not a clause (guardian.csv row 73)
    ("Russian officials have threatened to hold military tribunals they have called “Nuremberg 2.0”, meant to "
     "mirror war crimes trials being held in Kyiv.", "Nuremberg 2.0", "partial"),
    # the writer's subject, quoted (RT.csv row 746)
    ("The Eighth Administrative Court of Appeal in the western city of Lviv announced that “the activities of the "
     "Communist Party of Ukraine are prohibited.” “Funds and other assets” of the party will be nationalized.",
     "Funds and other assets", "partial"),
    # a predicate without its subject (RT.csv row 383)
    ("The claim was published by the right-leaning outlet last week in an analysis of the five-month-long "
     "Russia-Ukraine conflict, which, it stated, “is not the fight of David against Goliath,” contrary to what "
     "many people believe.", "is not the fight of David against Goliath,", "partial"),
    # a whole clause after "that" (AssociatedPress.csv row 155)
    ('Putin didn´t name any country in particular, but noted that "Russia sincerely values its historically '
     'strong, friendly and trusting relations with countries of Latin America, Asia and Africa."',
     "Russia sincerely values its historically strong, friendly and trusting relations with countries of Latin "
     "America, Asia and Africa.", "direct"),
    # a clause followed by its reporting clause, after a photo credit (AssociatedPress.csv row 75)
    ('Residents seem unconcerned about the sanctions by Western countries. (AP Photo) "At first, we were very '
     'disappointed," said Yegor Driganov, a young man taking in the view along the riverbank.',
     "At first, we were very disappointed,", "direct"),
    "speech_names_and_words_unattributed",
    # first- or second-person words are somebody's speech, never the writer's distance
    # (guardian.csv row 101, a sub-heading; bbc.csv row 73)
    ("‘I lost everything’ Ivan Mishchenko in the ruins of his farmhouse.", "I lost everything", "direct"),
    ('"It\'s all a bluff" and "we\'re at war already" were the most common responses when people were asked '
     'whether they were worried.', "we're at war already", "partial"),
    # a reporting clause with a verb no lexicon holds, after a quote ending in a comma (bbc.csv row 156)
    ('"Open the borders," Mr Huizinga implores the EU, "just let the stuff through."', "Open the borders,",
     "direct"),
    # a capitalised single word nobody is quoted saying is a name (RT.csv rows 708, 432)
    ("The Belgorod, however, is also designed to be able to carry up to six ‘Poseidon’ nuclear-powered "
     "torpedoes, which are still under development.", "Poseidon", "other"),
    ("The first stores were opened at the Sheremetyevo and Vnukovo airports in Moscow, and the hotels “Ukraine” "
     "and “Leningrad” – two of Moscow’s famous “seven sisters” high-rises.", "Ukraine", "other"),
    # ... but not a class of people (AssociatedPress.csv row 167), nor in a title-case headline (guardian.csv
    # row 159 tells of the same fine; the NYT writes its headlines in title case)
    ("It's a stark departure from outgoing Prime Minister Boris Johnson´s business-focused \"Sinophile\" "
     "approach.", "Sinophile", "scare"),
    # words as words after "concepts like" (RT.csv row 874)
    ("Also, with the weaponization of concepts like “freedom” and “democracy” in the West’s propaganda wars "
     "concerning Venezuela, Russia, Cuba, Bolivia, and others.", "freedom", "other"),
    # a noun of a name rule followed by a predicate is no name (Express.csv row 80)
    ("He explained the military campaign “has been working in Ukraine’s favour” as Russian troops are now being "
     "“pushed out” from the city.", "has been working in Ukraine’s favour", "partial"),
    "names_glosses_and_objects",
    # "a <noun> called", "dubbed the", "known as the": a name (DailyMail.csv rows 172, 47; Express.csv row 29),
    # and an alternative offered with "or" to a name is its gloss
    ("The blog added that this area was likely surveilled by a spy vessel called 'Yantar' in August 2021.",
     "Yantar", "other"),
    ("The latest to die was Nikolay Petrunin, 47, dubbed the 'Gas wonderkid', who allegedly died from "
     "complications from Covid in mid-October.", "Gas wonderkid", "other"),
    ("He also relies on the protection he enjoys from his inner circle of security chiefs, known as the "
     "“siloviki” or “strongmen”.", "strongmen", "other"),
    # the name of a label (RT.csv row 53) and a hashtag (RT.csv row 436)
    ("Novaya Gazeta was shut down following two notices of violation sent by Roskomnadzor over the paper’s "
     "refusal to use the “foreign agent” label for organizations branded as such by the government.",
     "foreign agent", "other"),
    ("Sturgeon added a hashtag ‘robertburns’ to the post, along with ‘#solidarity’ and a Ukrainian flag.",
     "#solidarity", "other"),
    # the object a verb of showing shows is no one's words (DailyMail.csv row 201)
    ("Shocking footage showed 'teacher' Pavel Firsov demonstrating a Kalashnikov machine-gun and an anti-tank "
     "grenade launcher to kindergarten children.", "teacher", "scare"),
    # a one-word reply before "X said" is speech even without a cue that holds it (HuffPost.csv row 477)
    ("“What’s your response when you hear that?” Tapper asked Kelly. “Disbelief,” Kelly said, as shown in the "
     "video below.", "Disbelief,", "partial"),
    "capitalised_words_quoted_mid_sentence_are_names",
    # capitalised words quoted inside the writer's sentence, no one saying them: names (RT.csv row 432,
    # Fox.csv row 797 in data_removed, AssociatedPress.csv row 83)
    ("The first stores were opened at the Sheremetyevo and Vnukovo airports in Moscow, and the hotels “Ukraine” and "
     "“Leningrad” – two of Moscow’s famous high-rises.", "Leningrad", "other"),
    ('The Sally Special was built by Porsche in collaboration with Pixar in the style of Sally Carrera from the "Cars" '
     'film franchise.', "Cars", "other"),
    ('The consortium hasn´t provided any estimates regarding how much natural gas is contained in the initial '
     '"Calypso" field found in 2018.', "Calypso", "other"),
    # ... but not a word derived from a name (AssociatedPress.csv row 167), nor a word opening the sentence
    ("It's a stark departure from outgoing Prime Minister Boris Johnson´s business-focused \"Sinophile\" approach.",
     "Sinophile", "scare"),
    "echoes_in_any_order_and_no_agent_in_the_fact",
    # echoes: the words close together in someone's quote, in any order (RT.csv row 515) ...
    ("Jens Stoltenberg took it upon himself recently to lecture the members of the European Parliament about the need "
     "to “pay the price” necessary to keep Ukraine able to function. “The price we pay as the European Union, as "
     "NATO,” he declared, “is the price we can measure in currency, in money.”", "pay the price", "partial"),
    # ... a word repeated counts once (DailyMail.csv row 212)
    ("He said Russia was using its fighters in a 'reckless' and 'unnecessary' way, which includes flying 'very, very' "
     "close to Nato aircraft. 'In one event I was aware of, a Russian fighter went very close,' he added.",
     "very, very", "partial"),
    # "explained by the fact that" has no agent who speaks (RT.csv row 158)
    ("Its necessity is explained by the fact that sometimes people are subjected to humiliation during mass "
     "“cleansings” captured on video.", "cleansings", "scare"),
    "held_signs_are_their_holders",
    # a slogan or banner someone chants or holds is theirs (guardian.csv row 131) ...
    ("Before kick-off the crowd chanted the slogan “Armed Forces of Ukraine”. They waved banners saying “Kherson is "
     "Ukraine”, a reference to the southern region.", "Armed Forces of Ukraine", "partial"),
    # ... a sign no one is said to hold is other (guardian.csv row 130)
    ("As well as the empty school buses, the streets were littered with signs saying “Caution! Children!” as a "
     "protest against the violation of children’s rights.",
     "Caution! Children!", "other"),
    "titles_of_laws_are_names",
    # the title of a law, "On …" (RT.csv row 927; CNN.csv row 1)
    ("In 2019, a wide-ranging piece of legislation called “On ensuring the functioning of the Ukrainian language as "
     "the state language,” championed by then-President Petro Poroshenko, was passed.",
     "On ensuring the functioning of the Ukrainian language as the state language,", "other"),
    ("Paragraph three of the martial law order states, “If necessary, other measures provided for by the Federal "
     "Constitutional Law of January 30, 2002 No. 1-FKZ ‘on martial law’ may be applied in the Russian Federation.”",
     "on martial law", "other"),
    "a_short_whole_reply_after_a_colon_is_direct",
    # a whole short reply after its cue's colon (DailyMail.csv rows 201 and 278)
    ("Putin asked: 'Do you feel confident…are your skills returning?' A conscript called Ruslan replied: 'Yes, sir.'",
     "Yes, sir.", "direct"),
    ("Asked if he had any regrets over ordering the invasion of his neighbouring country on February 24, Putin said: "
     "'No.' He acknowledged that the war was unpleasant.", "No.", "direct"),
    "a_whole_clause_after_but_and_because_is_direct",
    # a whole lower-case clause after "but", "and" or "because" is direct (DailyMail.csv row 67, RT.csv row 11)
    ("Kremlin spokesman Dmitry Peskov on Wednesday acknowledged persisting problems with equipment for the draftees, "
     "but 'vigorous measures taken to rectify the situation are already yielding the first positive results'.",
     "vigorous measures taken to rectify the situation are already yielding the first positive results", "direct"),
    ("She said that falling behind the deadline was “absolutely normal” because “there are things outside of our "
     "control.”", "there are things outside of our control.", "direct"),
    "a_feeling_after_a_copula_is_the_subjects_word",
    # a feeling predicated of someone is their word (HuffPost.csv row 16, bbc.csv row 63) ...
    ("Whelan was sentenced to 16 years in prison in 2020. Whelan’s family is “devastated” he’s still in Russia.",
     "devastated", "partial"),
    ('Owen, 16, was "absolutely buzzing" and glad that "everyone will know how we are now."', "absolutely buzzing",
     "partial"),
    # ... a copula with any other word labels nothing (seeds/003, the rule's classic case)
    ("After that, Putin was “re-elected” for a fifth term and decided to include Ukraine.", "re-elected", "scare"),
    "a_term_is_other_and_a_doubted_word_scare",
    # a quoted modifier right before the noun it qualifies is a term (DailyMail.csv row 32, RT.csv row 794,
    # corpus articles outside the gold)
    ("It is also building lines of 'dragon's teeth' anti-tank fortifications deep in Luhansk to slow Kyiv's "
     "advance.", "dragon's teeth", "other"),
    ("Another issue that has likely played into the hands of North Korean technology hunters is the ‘brain drain’ "
     "phenomenon, with dozens of Soviet engineers fleeing abroad.", "brain drain", "other"),
    # a definition set off right after the span (bbc.csv row 10, CBS.csv row 28)
    ("There’s a shortage of refining capacity, which has led to substantial increase in the \"refining margin\" – "
     "the difference between what they pay for crude oil and what they can make selling the refined products.",
     "refining margin", "other"),
    # (the comma inside the marks; ABC.csv, outside the gold)
    ("Jennings, who was a guest last week on former Trump adviser Steve Bannon's podcast and talked there about "
     "finding \"mules,\" a reference to the debunked \"2000 Mules\" film, posted on Truth Social over the weekend that "
     "some of the individuals at the drop boxes were not associated with her group.", "mules,", "other"),
    ("Under the umbrella of the ITER project, the 35 partnering nations are building the world's largest "
     "\"tokamak\" — a giant, doughnut-shaped contraption made of incredibly powerful magnets.", "tokamak", "other"),
    # signs of doubt win over the modifier: a word commonly held at a distance ("peacekeeping", "research"),
    # an evaluative word in -ly, a contesting word before it, an attitude word, a verb and its object
    ("The week before, Putin tested out a potential model for attacking Ukraine in Kazakhstan, deploying "
     "\"peacekeeping\" forces to quell protests against the country’s Kremlin-backed leader.", "peacekeeping",
     "scare"),
    ("A Russian 'research' ship sailed close to Shetland after undersea cables were cut.", "research", "scare"),
    ("But, just as importantly, far from being a rogue or \"slovenly\" reporter, Duranty was a brilliant "
     "journalist.", "slovenly", "scare"),
    ("It's a stark departure from outgoing Prime Minister Boris Johnson´s business-focused \"Sinophile\" approach "
     "and part of a hardening of anti-China rhetoric.", "Sinophile", "scare"),
    ("With a range of more than 600 miles, the explosive-laden drones can 'loiter' above potential targets for "
     "hours.", "loiter", "scare"),
    ("Vladimir Putin’s puppet officials began ‘evacuating’ civilians out of the area this week.", "evacuating",
     "scare"),
    # a noun in -ly is no evaluative word, an adjective in -en no participle, "to" after "due" or "opposed" no
    # infinitive (RT.csv row 417, guardian.csv row 23, bbc.csv row 129)
    ("Ukraine’s showering of Donetsk with the insidious, internationally-prohibited ‘butterfly’ anti-personnel mines "
     "of late", "butterfly", "other"),
    ("The Guardian reported last year that many wealthy people buying “golden passports” to Malta often planned to "
     "spend little time in the country.", "golden passports", "other"),
    ("Tactical nuclear weapons are those which can be used at relatively short distances, as opposed to "
     "\"strategic\" nuclear weapons which can be launched over much longer distances.", "strategic", "other"),
    # a noun in -ing is a head like any other (DailyMail.csv row 239): a 'strong' rating
    ("The Marine Corps, meanwhile, fared the best, receiving a 'strong' rating - an improvement from the previous "
     "year.", "strong", "other"),
    # a time word after the span is no noun it qualifies (RT.csv, outside the gold)
    ("Butusov infamously filmed himself firing a cannon on the Donbass “separatists” last year.", "separatists",
     "scare"),
    "a_plain_noun_group_is_a_term",
    # a plain noun group of two or three words in the writer's running sentence is a compound used as a term
    # (bbc.csv rows 354, 377, 348; corpus articles outside the gold)
    ('Switzerland was granted "eternal neutrality" at the Congress of Vienna in 1815.', "eternal neutrality", "other"),
    ('The rise in Russian investment comes just months after the UAE was placed on a "grey list" by the Financial '
     'Action Task Force (FATF), a global financial crime watchdog.', "grey list", "other"),
    ('And they turned out to be up against a determined and well-trained Ukrainian army who fought them to a '
     'standstill in a classic demonstration of "dynamic defence" - not holding a line but rather hitting the '
     'attackers at points of maximum vulnerability.', "dynamic defence", "other"),
    # not a group holding a word commonly held at a distance, a verb form, or an analogy with a name
    ("Expect much self-congratulation over how the 30-country alliance united to protect the “free world” against "
     "Russian aggression. Yet huge question marks remain.", "free world", "scare"),
    # a predicate is no noun group: after a relative pronoun, or with an irregular past (DailyMail, batch D)
    ("There have also been questions over the death of Putin's point man for developing Russia's vast Arctic "
     "resources who 'fell overboard' to his death from a boat.", "fell overboard", "scare"),
    # an article inside the marks is not part of the compound (RT, batch D)
    ("The coalescing of ‘the collective West’ – based on the imaginary dichotomy of democracy and autocracy – "
     "harms China’s interests.", "the collective West", "other"),
    # an -ing or -ed modifier after a determiner or a preposition qualifies its noun (Reuters, batch E; bbc.csv):
    # the “shopping list”, under "enhanced surveillance"; a definition with a copula (RT.csv row 805)
    ("The “shopping list” also includes chips made by US companies such as Texas Instruments.", "shopping list",
     "other"),
    ("On Saturday, the country´s economy formally stopped being under \"enhanced surveillance\" by its European "
     "creditors.", "enhanced surveillance", "other"),
    ("Eastern Ukrainians (“skhidnyaks” is the derogatory term used in the western parts of the country) may go to "
     "the front and die all they want.", "skhidnyaks", "other"),
    # ... but a phrase of the prior stays scare (RT.csv, outside the gold)
    ("Russia has become a leader of the Global South, led by Russian President Vladimir Putin, who represents a "
     "rejection of the so-called 'rules-based order'.", "rules-based order", "scare"),
    # a label for a class of people is as often the writer's irony (guardian, batch B: the “nation builders”)
    ("Are new narratives emerging that reflect a split between German, French and Italian “surrender monkeys” on "
     "one side, versus the American, British and Polish “war hawks” on the other?", "surrender monkeys", "scare"),
    "stance_lists_events_and_aims",
    # a modal or a negated auxiliary, or an adverb of degree or manner opening the phrase, voices someone's
    # stance: somebody's words, not the writer's distance (bbc.csv, RT.csv, outside the gold)
    ("NI said his family stayed in their home as long as they could but the children \"couldn't cope anymore\".",
     "couldn't cope anymore", "partial"),
    ("It was not until the Joint Intelligence Committee issued its considered view that an invasion was now "
     "\"highly likely\" - that everyone began to realise this was for real.", "highly likely", "partial"),
    ("The group also includes other “carefully vetted” Western army veterans from the US, the UK, Ireland, and "
     "elsewhere.", "carefully vetted", "partial"),
    # a word listed right after a word mentioned as a word is one too (guardian.csv, outside the gold)
    ("It also looked at the language used by Russian officials depicting Ukrainians as somehow subhuman, with terms "
     "like “zombified”, “bestial” or “subordinate”, or as diseased or contaminated, using words like “scum” and "
     "“filth”.", "filth", "other"),
    # the name of an event (AssociatedPress.csv row 0)
    ("Activists hold a giant Ukrainian flag during an event \"Ukraine united\" in Kyiv, Ukraine, Sunday, Aug. 28, "
     "2022.", "Ukraine united", "other"),
    # the content of a stated aim is the aim-holder's wording (DailyMail.csv, RT.csv, guardian.csv)
    ("He has failed to achieve his initial aim of toppling the government - and even the reduced aim of "
     "'liberating' the Donbas region looks beyond his grasp.", "liberating", "partial"),
    ("The Kremlin’s objective was to “depersonify” Ukraine, stripping it of its language and culture.",
     "depersonify", "partial"),
    # not targets hit, nor a modifier (RT, batch A: a list of Lithuanian target websites … a ‘wishlist’)
    ("Ammunition and artillery stores have become significant targets in the ongoing 'special military "
     "operation' in recent weeks.", "special military operation", "scare"),
)


@pytest.mark.parametrize("text, quoted, qtype", QUOTE_TYPE_OF_A_QUOTE)
def test_quote_type_of_a_quote(text, quoted, qtype):
    """The type of a quoted span, read from the words around it (the rule a row pins is in its id)."""
    assert _typed(text, quoted)["quote_type"] == qtype


def test_quotes_listed_together_share_their_source():
    # bbc.csv row 724: the short quote is listed with a longer fragment of the same profile
    text = ('Renato Coppo is a tattoo artist in the picturesque Swiss city of Lucerne with a love of "Asian art" '
            'and "many years of professional experience in the field of tattooing".')
    assert _typed(text, "Asian art")["quote_type"] == "partial"
    assert _typed(text, "many years of professional experience in the field of tattooing")["quote_type"] == "partial"


def test_inflected_words_of_someones_quote_are_theirs():
    # bbc.csv row 2: "reclaiming and strengthening" echoes Putin's quoted "reclaim and strengthen"
    text = ('"It seems it has fallen to us, too, to reclaim and strengthen," Mr Putin concluded, with a near-smirk. '
            "His comments have also rattled the Baltic countries. The Estonian foreign ministry summoned the Russian "
            "ambassador to condemn his reference to Peter the Great's assault on Narva, now in Estonia, as Russia "
            '"reclaiming and strengthening" its territory.')
    r = _typed(text, "reclaiming and strengthening")
    assert r["quote_type"] == "partial" and r["speaker"].endswith("Putin")
    # a shared first five letters is not enough (AssociatedPress.csv row 167): Sinophile is no Sinophobe
    text = ("It's a stark departure from outgoing Prime Minister Boris Johnson´s business-focused \"Sinophile\" "
            "approach. Johnson, who took power in 2019, always stressed that he was not a \"knee-jerk Sinophobe\".")
    assert _typed(text, "Sinophile")["quote_type"] == "scare"


@pytest.mark.parametrize("text, quoted, speaker", [
    # an operation's name that someone is said to call it: a label, not a name (NBC.csv row 15)
    ("It was a rare Russian business to come out against Putin’s war in Ukraine, which the Kremlin insists on "
     "calling its “special military operation.” The company’s board of directors called for an end.",
     "special military operation.", "Kremlin"),
    # "creating a ‘dirty bomb’" is no body being set up (DailyMail.csv row 151, a headline read as text)
    ("Russia claims Ukraine is in the 'final stage' of creating a 'dirty bomb' as Kyiv's top general admits "
     "Zelensky's office is worried", "dirty bomb", "Russia"),
])
def test_labels_someone_gives_are_not_names(text, quoted, speaker):
    r = _typed(text, quoted)
    assert (r["quote_type"], r["speaker"]) == ("partial", speaker)


def test_near_misses_of_the_name_rules():
    # "or" before a verb is no gloss (RT.csv row 31): the writer's distance stays scare
    r = _typed("Razumkov could have become a potential ‘new Zelensky,’ or might at least have split the current "
               "team during new parliamentary elections.", "new Zelensky,")
    assert r["quote_type"] == "scare"
    # "breach of … convention" is a label someone gave, not a document's name (guardian.csv row 47)
    r = _typed("Russia-Ukraine war: UK defence secretary travels to Kyiv as death sentence for Britons labelled "
               "‘breach of Geneva convention’ – live", "breach of Geneva convention")
    assert r["quote_type"] == "partial" and r["cue"] == "label"


QUOTE_TYPE_AND_CUE = rule_table(
    "clause_and_participle_edge_cases",
    # an -ing adjective after a determiner is no other verb (RT.csv row 4)
    ("Rafael Grossi, director general of the International Atomic Energy Agency (IAEA), has warned, warning of a "
     "looming “nuclear accident” at the site.", "nuclear accident", "partial", "warn"),
    # a progressive with an adverb inside (bbc.csv row 536)
    ('Oleksandr says he is now treating "awful injuries" that he had hoped never to see.', "awful injuries",
     "partial", "say"),
    # a clause opening with a determiner and a main verb (HuffPost.csv row 680), or with "only" (RT.csv row 206)
    ("Biden would address questions about his son’s work, noting that even though he hadn’t been accused of "
     "impropriety, “the average Joe hears that and says that sounds fishy.”",
     "the average Joe hears that and says that sounds fishy.", "direct", "note"),
    ("Russian Foreign Ministry spokeswoman Maria Zakharova wrote on Telegram that “only an ambassador of a "
     "terrorist regime can say such things.”", "only an ambassador of a terrorist regime can say such things.",
     "direct", "write"),
    "critics_names_of_ideas_and_self_descriptions",
    # a verb of criticising holds its object's words (bbc.csv row 550, DailyMail.csv row 189)
    ('Now he berates Russia for its "propaganda" and the "murder of women, children, people of Ukraine".',
     "propaganda", "partial", "berate"),
    ("He recently derided Ms Meloni as 'arrogant' in written comments.", "arrogant", "partial", "deride"),
    # the name of a policy, myth or concept, and a moniker (RT.csv rows 119, 865, 225)
    ("The policy of ‘perestroika’ was announced in 1986 as an attempt to reorganize the economy.", "perestroika",
     "other", ""),
    ("Dontsov's romanticism is based on the myth of the ‘final battle’ from German-Scandinavian paganism.",
     "final battle", "other", ""),
    ("They seek to highlight their admiration of the imperial period in Russian history, hence its informal moniker "
     "the ‘imperka’.", "imperka", "other", ""),
    # a self-described label is the described one's own (NBC.csv row 100) ...
    ("It clashes with the Western-influenced music scene that gave birth to Little Big, a self-described "
     "“punk-pop-rave band.” The four-person band spawned a dance craze.", "punk-pop-rave band.", "partial",
     "self-describe"),
    # ... but a name taken is a name (HuffPost.csv row 619)
    ("Much of the OPCW’s investigation was conducted after the whistleblower, self-styled as “Alex,” left the "
     "organization.", "Alex,", "other", ""),
    "narratives_that_and_assurances",
    # a narrative *that* … is a claim (bbc.csv row 588); assure is a verb of saying (NYT.csv row 3849)
    ('It would also allow Mr Putin to play into his baseless narrative that the Ukrainian government has been '
     'overrun by "Nazis".', "Nazis", "partial", "narrative"),
    ("The announcement was aimed to assure markets that there would be “no shortfall” as a result of Russia’s "
     "invasion of Ukraine.", "no shortfall", "partial", "assure"),
    # ... but not "the narrative of …" (RT.csv row 741)
    ("They better peddle the premature public narrative of the need for investment under the guise of "
     "‘reconstruction’.", "reconstruction", "scare", ""),
    "passive_adverbs_exhortations_and_conferences",
    # a passive label with an adverb such as "later" (RT.csv row 134)
    ("The period from 1945 until 1991, when Latvia seceded from the USSR, was later designated by Riga as “Soviet "
     "occupation.”", "Soviet occupation.", "partial", "designate"),
    # exhort is a verb of saying (NYT.csv row 925)
    ("He opened the door to nationalizing the assets of Western companies pulling out of Russia and exhorted senior "
     "officials to “act decisively” to preserve jobs.", "act decisively", "partial", "exhort"),
    # the name of a conference (AssociatedPress.csv row 50)
    ('Kishida made the comment at a "green transformation" conference on bolstering the country´s efforts to curb '
     'emissions.', "green transformation", "other", ""),
    "begging_greeting_crediting_and_congratulating",
    # beg, greet, congratulate; credit … as (HuffPost.csv row 360, NYT.csv rows 4749 and 905, bbc.csv row 330)
    ("She broke down weeping in an MSNBC interview on Tuesday, as she begged Western governments to provide "
     "“maximum military assistance” to her homeland.", "maximum military assistance", "partial", "beg"),
    ("They were welcomed personally by President Recep Tayyip Erdogan, who greeted them in English with “good "
     "morning.”", "good morning.", "partial", "greet"),
    ("Players credit their little-known coach as their “spiritual support.”", "spiritual support.", "partial", "credit"),
    ('He also congratulated veterans on day of "great victory".', "great victory", "partial", "congratulate"),
    "put_by_qualified_as_declared_aims_and_laws_about",
    # "as aptly put by X" (RT.csv row 552)
    ("The anti-Russian sanctions have hit the French economy like ‘hara-kiri’, as aptly put by Marine Le Pen.",
     "hara-kiri", "partial", "put"),
    # qualify … as (RT.csv row 789)
    ("The act would target African governments, officials, and businesses doing business with Russia, qualified as "
     "“manipulation” and “exploitation” of Africans to Russia’s benefit.", "manipulation", "partial", "qualify"),
    # a declared aim is someone's (bbc.csv row 152); a law's wording is the law's (guardian.csv row 187)
    ('Russian forces are bombarding towns and cities in eastern Ukraine with the declared aim of "liberating" the old '
     'industrial heartland known as Donbas.', "liberating", "partial", "declare"),
    ("A new Russian law about “fakes” meant the entire newsroom could be jailed for their coverage.", "fakes", "partial", ""),
)


@pytest.mark.parametrize("text, quoted, qtype, cue", QUOTE_TYPE_AND_CUE)
def test_quote_type_and_cue(text, quoted, qtype, cue):
    """A quote's type and the cue lemma that decides it ("" where there is none)."""
    r = _typed(text, quoted)
    assert (r["quote_type"], r["cue"]) == (qtype, cue)


# ----------------------------------------------------------------------------- typing that generalises
def test_a_single_capitalised_word_in_a_title_case_headline_is_no_name():
    r = _typed("", "Partygate", "Johnson’s Cabinet Backs Him After ‘Partygate’ Fine")
    assert r["quote_type"] == "scare"


# ----------------------------------------------------------------------------- speaker and cue (issue 5)
def _attributed(text, quoted, title=""):
    field = "title" if title and quoted in title else "text"
    res = quote_hits("x", title, text)
    rows = [r for r in res if r["feature"] == "quote" and r["field"] == field and r["text"] == quoted]
    assert rows, [r["text"] for r in res if r["feature"] == "quote"]
    return rows[0]["speaker"], rows[0]["cue"]


def test_an_echo_of_someones_words_far_off_takes_the_speaker_but_no_cue():
    # AssociatedPress.csv row 167: the lede's "China threat" is Ben Bland's phrase, quoted paragraphs
    # later; the echo has no attributing verb of its own
    text = ('While inflation and recession fears weigh heavily on the minds of voters, another issue is popping up '
            'in political campaigns from the U.K. and Australia to the U.S. and beyond: the "China threat." The two '
            'finalists vying to become Britain\'s next prime minister have both vowed to get tough. Campaigners '
            'have noticed. Voters too. "It\'s just moved over from Australia," said Ben Bland, director of the '
            'Asia-Pacific program at London\'s Chatham House think tank. "There´s a similar atmosphere with some '
            'politicians trying to deploy the China threat as a domestic political tool."')
    assert _attributed(text, "China threat.") == ("Ben Bland", "")


@pytest.mark.parametrize("title, quoted, cue", [
    # the headline verb nearest before the fragment (AssociatedPress.csv row 145)
    ("Putin blasts US 'hegemony,' predicts end to 'unipolar' world", "unipolar", "predict"),
    ("Putin blasts US 'hegemony,' predicts end to 'unipolar' world", "hegemony,", "blast"),
    # a closing reporting clause of the headline (DailyMail.csv row 173; ABC.csv row 23, with a tag after it)
    ("Vladimir Putin's dambusters 'threaten to unleash catastrophic flood in new scare tactic', Kyiv warns",
     "threaten to unleash catastrophic flood in new scare tactic", "warn"),
    ("'We are and should be worried' of Putin's nuclear threat, Ukrainian general says: Exclusive",
     "We are and should be worried", "say"),
])
def test_a_headline_fragment_takes_the_headlines_own_verb(title, quoted, cue):
    body = ("Russian President Vladimir Putin said the era of the unipolar world was over and called US hegemony "
            "a danger. Kyiv warned that Russia could threaten to unleash catastrophic flood in new scare tactic, "
            "presidential aide Andriy Yermak said.")
    assert _attributed(body, quoted, title)[1] == cue


SPEAKER_OF_A_QUOTE = rule_table(
    "pronouns_reach_one_word_names",
    # a person named by one word: a common first name, in a dialogue whose quoted sentences do not
    # push him out of reach (bbc.csv row 703)
    ('At the cemetery I meet Dmitry. He lays red carnations at the grave of his former paratrooper comrade, an '
     'officer called Sergei Tysyachny. "I don\'t believe these fakes," Dmitry says about war crime allegations. '
     '"I will never believe them. "I know how my commander, Sergei, taught us to act. I trust my comrades and my '
     'army. They would never do things like this." "But investigations are under way," I continue. "What if you '
     'were shown cast-iron evidence that crimes happened? Would you believe it then?" "I\'m sure there will be no '
     'evidence," he replies.', "I'm sure there will be no evidence,", "Dmitry"),
    # ... or a word a relative "who" follows, though it ends like a demonym (Reuters.csv row 43)
    ('"This is how human nature works," said Nino Nazarova. Some children joined their parents during Sunday\'s '
     'candle-making session, including Hordii who had come with his mother to help. "At the beginning, it (the '
     'war) was really scary, but now I have got a little bit used to it," he said.',
     "At the beginning, it (the war) was really scary, but now I have got a little bit used to it,", "Hordii"),
    "names_that_are_no_persons_and_unnamed_roles",
    # an organisation is no antecedent of "he" (Express.csv row 29: not "Eurasia Programme")
    ("Media moguls and military suppliers are set to turn on Putin, leading to his eventual “disappearance”, "
     "according to Professor Nikolai Petrov, a senior research fellow on the Russia and Eurasia Programme at "
     "Chatham House. Speaking to Express.co.uk about how the oligarchs could depose Putin, he said: “They will "
     "fight against each other, and it will destabilise the system.”", "They will fight against each other, and "
     "it will destabilise the system.", "Nikolai Petrov"),
    # a photo credit "(X via AP)" names no one (AssociatedPress.csv row 45)
    ('The monument was dismantled, said Rafal Leskiewicz, spokesman for the institute. (IPN Wroclaw via AP) "It '
     'is impossible to keep such monuments in the public sphere," he told The Associated Press.',
     "It is impossible to keep such monuments in the public sphere,", "Rafal Leskiewicz"),
    # "the White House" is a name, not a role to resolve to another organisation (ABC.csv row 9)
    ('The Energy Department will run the rebate programs, according to the U.S. Department of Energy. "Energy '
     'upgrades can reduce indoor and local outdoor air pollution," the White House said.',
     "Energy upgrades can reduce indoor and local outdoor air pollution,", "White House"),
    # an unnamed role keeps whose it is (Reuters.csv row 48)
    ('The United States is concerned about threats from Iran against Saudi Arabia, a White House spokesperson '
     'said on Tuesday. "We are concerned about the threat picture," said the spokesperson from the National '
     'Security Council.', "We are concerned about the threat picture,",
     "the spokesperson from the National Security Council"),
    "the_person_in_focus",
    # the object of a verb is no subject in focus, even near the sentence start (DailyMail.csv row 158)
    ("Olena Zelenska, who married the Ukrainian president in 2003, spoke out as she visited refugees. Ms Zelenska "
     "also met her German counterpart, Elke Budenbender, and raised the issue of providing more weapons. She added: "
     "'I am forced to raise the topic of providing weapons to Ukraine.'",
     "I am forced to raise the topic of providing weapons to Ukraine.", "Olena Zelenska"),
    # "Biden to resist the urge": the noun "urge" makes no subject of Biden (Fox.csv row 186, data_removed)
    ('In a guest essay published in The New York Times last week, former Obama aide David Axelrod told Biden to '
     'resist the urge to tout his achievements, writing plainly, "Mr. President, proceed with caution." "Polls '
     'show that the vast majority of Americans believe we are on the wrong track," he wrote.',
     "Polls show that the vast majority of Americans believe we are on the wrong track,", "David Axelrod"),
    # a role resolves to the subject in focus, not to a name inside a possessive (RT.csv row 620)
    ("In a later TV appearance, Andrey Smirnov reiterated that Zelensky would decide the future of the two "
     "officials. The deputy head of Zelensky’s office rejected speculation that Aleksey Simonenko is set to keep "
     "the role permanently. “Some politicians should engage in less politics during wartime,” he advised.",
     "Some politicians should engage in less politics during wartime,", "Andrey Smirnov"),
    # the object of a preposition is the last resort for a described person (bbc.csv row 820)
    ("It says Nikita Mazepin is a “person associated with a leading businessperson”. Speaking to Stephen Sackur "
     "from Moscow, the driver described the sanctions as “cancel culture against my country”.",
     "cancel culture against my country", "Nikita Mazepin"),
    "subjects_past_adverbials_dashes_and_relatives",
    # the antecedent of "which" past an adverbial "at the time" (RT.csv row 842)
    ("Killnet has attacked the websites of the neo-Nazi militia group Right Sector, and the hacking collective "
     "Anonymous, which at the time had just declared “cyber-war” on Moscow.", "cyber-war", "Anonymous"),
    # a participle's subject that is no name: "Some commenters" (RT.csv row 436)
    ("Some commenters went even further, calling on Sturgeon to “resign immediately” over her comment.",
     "resign immediately", "Some commenters"),
    # "Putin last month declared": the time is no part of the subject (DailyMail.csv row 201)
    ("Faced with a series of defeats in the war, Putin last month declared a 'partial mobilization' to call up "
     "hundreds of thousands of extra troops.", "partial mobilization", "Putin"),
    # a comma inside the that-clause of "after X said" does not close a subordinate clause (RT.csv row 915)
    ("Tasheva’s remarks came a day after Ukraine’s Defense Minister Alexey Reznikov said that Kiev, using "
     "US-supplied weapons, is going to “liberate” all land lost to Russia, including Crimea.", "liberate",
     "Alexey Reznikov"),
    # a name between dashes (DailyMail.csv row 203)
    ("Ben Wallace, UK defence secretary, was then summoned to an emergency meeting at the Pentagon this week to have "
     "discussions that his deputy - armed forces minister James Heappey - said were 'beyond belief'.",
     "beyond belief", "James Heappey"),
    "kinds_of_organisation_and_hyphenated_modifiers",
    # "the company" is the organisation that spoke before (CBS.csv row 48)
    ('The plant lost its last outside power source, operator Energoatom reported. Energoatom said diesel '
     'generators were supplying the plant. "Russian shelling and damage to the energy infrastructure are the '
     'same manifestation of nuclear terrorism," the company said.', "Russian shelling and damage to the energy "
     "infrastructure are the same manifestation of nuclear terrorism,", "Energoatom"),
    # "Self-styled" is a modifier, no name (RT.csv row 842)
    ("Self-styled ‘pro-Russian’ hacking group Killnet took down numerous Lithuanian government websites on "
     "Monday, two days after warning Vilnius that failure to unblock the corridor would result in such an attack.",
     "pro-Russian", "Killnet"),
    "appositions_and_according_to",
    # "part of Russia, his ambassador in Washington called": no apposition making Russia a person; the role
    # is the ambassador named later (CBS.csv row 62)
    ('As Vladimir Putin signed laws declaring a huge swath of Ukraine part of Russia, his ambassador in Washington '
     'called the United States\' plan an "immediate threat" to Russia\'s strategic interests. "We are on the brink '
     'of a military clash," Russian Ambassador Anatoly Antonov said.', "immediate threat", "Anatoly Antonov"),
    # the object of "According to" is the last organisation that spoke (RT.csv row 235)
    ("According to Russia’s Investigative Committee, the explosive device ripped through the car she was driving "
     "in Moscow Region, near the village of Bolshie Vyazemy. “It has already been established that the explosive "
     "was planted under the bottom of the car,” the agency said.",
     "It has already been established that the explosive was planted under the bottom of the car,",
     "Russia’s Investigative Committee"),
    "long_unnamed_sources_and_participles_after_an_object",
    # a long unnamed source keeps its article (CNN.csv row 0)
    ("A spokesman for the Iranian mission at the United Nations said, “Iran does not confirm this claim and rejects "
     "it.”", "Iran does not confirm this claim and rejects it.",
     "A spokesman for the Iranian mission at the United Nations"),
    # a participle after a verb and its object takes the clause subject (Mirror.csv row 2)
    ('Someone replied to the video saying: "To be on the wrong side of TOS would have to be a terrifying '
     'experience."', "To be on the wrong side of TOS would have to be a terrifying experience.", "Someone"),
    "one_of_whom_and_link_lines_are_no_speakers",
    # "one of whom asked": one of the journalists (DailyMail.csv row 245)
    ("Peskov made his remarks on a conference call with journalists, one of whom asked whether occupied parts of "
     "Ukraine are now under Moscow's 'nuclear umbrella'.", "nuclear umbrella", "one of the journalists"),
    # a "Related:" link is no speaker (guardian.csv row 73)
    ("They were each sentenced to more than 11 years in prison.   Related: ‘They’ve gone through hell’: fears for "
     "British prisoners of war in Ukraine   Prosecutors said Aslin had admitted it.", "They’ve gone through hell",
     ""),
)


@pytest.mark.parametrize("text, quoted, speaker", SPEAKER_OF_A_QUOTE)
def test_speaker_of_a_quote(text, quoted, speaker):
    """Whom a quote is given to (names, roles, pronouns resolved across sentences)."""
    assert _attributed(text, quoted)[0] == speaker


def test_paragraph_quotes_run_together_reopen_after_a_nested_quote_closes():
    # Reuters.csv row 12: a statement's paragraphs run together on one line; one ends in a nested
    # quote, so the next paragraph's mark follows `.’ ` — still a re-opening, not a nested opening
    text = ('"Russia\'s position was brought to the attention of U.N. Secretary General Antonio Guterres. "In '
            'particular, the Ukrainian side officially pledged that \'the Maritime Humanitarian Corridor will be '
            'used only in accordance with the provisions of the Black Sea Initiative.\' "The Russian Federation '
            'believes that the guarantees received at the moment appear sufficient."')
    got = spans(text)
    assert got[1].startswith("In particular, the Ukrainian side officially pledged")
    assert got[2].startswith("the Maritime Humanitarian Corridor")
    assert got[3].startswith("The Russian Federation believes")


SPEAKER_AND_CUE_OF_A_QUOTE = rule_table(
    "speaker_and_cue_of_quotes_going_on_from_reported_speech",
    # a long appositive between the name and its verb (bbc.csv row 724), and the quote that goes on
    # from that reported speech in the next sentence
    ('As part of the Pandora Papers Russia project, the BBC has discovered evidence that: Tom Keatinge, director '
     'of the Centre for Financial Crime and Security Studies at the defence think tank RUSI, said the oligarchs '
     'Western countries are trying to sanction have many of these shell companies. "That just shows you how big '
     'a challenge we are going to have in genuinely enforcing the sanctions against oligarchs."',
     "That just shows you how big a challenge we are going to have in genuinely enforcing the sanctions against "
     "oligarchs.", "Tom Keatinge", "say"),
    # a role with quoted words in it ('The "Ingraham Angle" host') is the person in focus who can hold
    # that role: not the president named just before (Fox.csv row 348)
    ('Laura Ingraham said Tuesday that she no longer believes the administration. Russian President Vladimir '
     'Putin has signed into law legislation that could punish journalists with up to 15 years in prison for '
     'reporting so-called "fake" news about his military invasion of Ukraine. The "Ingraham Angle" host went on '
     'to accuse Biden of lying. "Now this is just one of the many lies that Biden is telling Americans who are '
     'suffering under his weak leadership."',
     "Now this is just one of the many lies that Biden is telling Americans who are suffering under his weak "
     "leadership.", "Laura Ingraham", "accuse"),
    # a cue inside a subordinate clause closed before the quote does not govern it (guardian.csv row 51)
    ("A pro-Russia official in Donetsk said that while the men had pleaded guilty, they were given the death "
     "penalty because of “the main, unshakable principle – justice”.", "the main, unshakable principle – justice",
     "A pro-Russia official in Donetsk", "say"),
    "speakers_of_messages_participles_and_nouns_of_saying",
    # a message is where the words were written, its author the clause's subject (RT.csv row 842)
    ("Lithuanian President Gitanas Nauseda doubled down on the blockade on Sunday, declaring “it is absolutely "
     "clear that Lithuania must and will implement EU sanctions” in a Facebook post ruling out the possibility of "
     "“corridors” or “appeasement of Russia.”", "corridors", "Gitanas Nauseda", "rule out"),
    # ... or named after the place of publication (bbc.csv row 594)
    ('A post on social media from Cornwall Council said it was "saddened" to see the flag had disappeared.',
     "saddened", "Cornwall Council", "say"),
    # a participle phrase opening the sentence: the main clause's subject (guardian.csv row 32, RT.csv row 788)
    ("“Of course, we will hear words of support,” said its foreign minister, Dmytro Kuleba. Having previously "
     "accused Nato of “doing nothing”, he does not expect concrete action in Madrid.", "doing nothing",
     "Dmytro Kuleba", "accuse"),
    ("Prime Minister Viktor Orban spoke on Friday. Stressing that Hungary “must be on the side of peace,” Orban "
     "emphasized that the events of the past few months made it clear to Budapest.",
     "must be on the side of peace,", "Viktor Orban", "stress"),
    # a noun of saying with its agent (guardian.csv row 45)
    ("Responding to complaints by foreign secretary Liz Truss that the trial was a “sham”, Russia’s foreign "
     "ministry has observed that the British reaction to such cases is “often hysterical”.", "sham",
     "Liz Truss", "complain"),
    "unnamed_sources_again_and_cue_forms",
    # "the spokesman" after "A Nexperia spokesman noted": that unnamed source again (Express.csv row 64)
    ("A Nexperia spokesman noted that none of the components that were identified in the procurement document "
     "is manufactured at the UK site. They added that their components were not made for military use. The "
     "spokesman said: “Nexperia utterly condemns Russia’s illegal invasion of Ukraine.”",
     "Nexperia utterly condemns Russia’s illegal invasion of Ukraine.", "A Nexperia spokesman", "say"),
    # ... and "the source" after "A senior Western official … said" (DailyMail.csv row 227)
    ("A senior Western official, speaking on condition of anonymity, said kamikaze drones supplied to Moscow by "
     "Iran were being used because Russian missiles were running out. ‘Our assessment is that this will be "
     "unsustainable,’ the source said.", "Our assessment is that this will be unsustainable,",
     "A senior Western official", "say"),
    # "continued on to explain": explain is the cue (Express.csv row 8)
    ("Dr Patrick Bury said the strikes hurt. Dr Bury continued on to explain why both sides would be keen to avoid "
     "the open conflict of a “street battle,” having already suffered huge losses in the war so far.",
     "street battle,", "Patrick Bury", "explain"),
    # "a missile blast" is a noun, not the cue (Mirror.csv row 15)
    ("Poland's president has said a missile blast that killed two people near its border with Ukraine appears "
     "to have been an \"unfortunate accident\" and not an \"intentional attack\".", "unfortunate accident",
     "Poland's president", "say"),
    "adverbs_gerunds_and_hyphens_around_the_cue",
    # "first" after a name is an adverb, not "the first claims" (Fox.csv row 159, data_removed)
    ('"Estimates are 50,000 Ukrainians will be dead or wounded," co-host Sonny Hostin first told viewers, "and '
     'that this is going to start a humanitarian crisis."', "Estimates are 50,000 Ukrainians will be dead or wounded,",
     "Sonny Hostin", "tell"),
    # "responded by saying" is no passive with an agent; "it added" is the ministry (RT.csv row 343)
    ("On Thursday, the Russian Foreign Ministry responded by saying Stano had no authority to make such "
     "statements. The Iranian deal was built on “carefully measured balance of interests” and not “crude "
     "political pressure,” it added.", "crude political pressure,", "Russian Foreign Ministry", "add"),
    # a hyphenated -ed word is no finite verb inside the subject (bbc.csv row 200)
    ('On Saturday, the Finnish state-owned company Gasgrid Finland said in a statement that gas supplies were '
     'stopped on 21 May. "Gasgrid Finland has directed gas imports in Balticconnector and the gas system is '
     'currently in balance," it said.', "Gasgrid Finland has directed gas imports in Balticconnector and the gas "
     "system is currently in balance,", "Gasgrid Finland", "say"),
    # echo is a verb of saying (Express.csv row 17)
    ("BBC's Steve Rosenberg echoed this: \"Back in Moscow Vladimir Putin was inaugurating a giant Ferris wheel. "
     "Surreal.\"", "Back in Moscow Vladimir Putin was inaugurating a giant Ferris wheel. Surreal.",
     "BBC's Steve Rosenberg", "echo"),
    "reporting_clauses_after_questions_and_kin",
    # "“…?” Zelenskyy added": the reporting clause after a question mark (Fox.csv row 612, data_removed)
    ('Ukrainian President Volodymyr Zelenskyy speaks from Kyiv, Ukraine, on Tuesday. : "How could a plan that '
     'provides for the death of tens of thousands of their own soldiers come about? Who could approve such a '
     'plan?" Zelenskyy added in an apparent swipe at Putin.', "How could a plan that provides for the death of "
     "tens of thousands of their own soldiers come about? Who could approve such a plan?", "Volodymyr Zelenskyy",
     "add"),
    # "maintained “excellent” relationships" is keeping, not saying; "his wife" is the woman with his
    # surname (bbc.csv row 584)
    ('Lubov Chernukhin\'s husband Vladimir was in the Russian government between 2000 and 2002. He was then '
     'appointed chairman of a state bank. But in a 2018 court case, his wife confirmed that Mr Chernukhin had '
     'maintained "excellent" relationships with "prominent members of the Russian establishment". Vladimir '
     'Chernukhin said he arrived in the UK in 2004.', "excellent", "Lubov Chernukhin", "confirm"),
    "officials_courts_and_passive_agents",
    # "the official said" / "the Ukrainian official wrote": the noun before a past verb of saying is the
    # speaker, resolved to the adviser named before (Express.csv row 67)
    ('The adorable footage was shared on Twitter by Anton Gerashchenko, advisor to the Minister of Internal '
     'Affairs of Ukraine. "That is what we’re fighting for," the Ukrainian official wrote in his tweet.',
     "That is what we’re fighting for,", "Anton Gerashchenko", "write"),
    # "is heard asking" (DailyMail.csv row 201)
    ("In a wooden exchange, Putin is heard asking the mobilised men: 'How long have you been here?'",
     "How long have you been here?", "Putin", "ask"),
    # a passive label with its agent before the quote (RT.csv row 496)
    ("Last week the Russian military said it destroyed four of the rocket launching systems, a claim that was "
     "dismissed by Kiev as “misinformation.”", "misinformation.", "Kiev", "dismiss"),
    # a court rules (RT.csv row 746)
    ("The party was formally outlawed in December 2015 by the District Administrative Court of Kiev. The court ruled "
     "that it “performs actions aimed at changing the constitutional order by force.”",
     "performs actions aimed at changing the constitutional order by force.", "District Administrative Court", "rule"),
    "closing_clauses_and_the_subject_of_a_blamed_gerund",
    # "the official asserted" closes the quote (RT.csv row 539)
    ("“I suspect everybody,” Vitaliy Kim stated. In order to remain strong in the face of Russian forces one needs "
     "to keep “a clear head as well as a heated heart,” the official asserted.",
     "a clear head as well as a heated heart,", "Vitaliy Kim", "assert"),
    # a verb after the quote with its own that-clause is no reporting clause of the quote (RT.csv row 702)
    ("While Andrey Melnik had repeatedly defended his remark and insisted it was “not a matter of apologizing,” he "
     "admitted in late June that he ultimately “regretted” the offensive statement.",
     "not a matter of apologizing,", "Andrey Melnik", "insist"),
    # "criticized Biden for calling Putin a “killer”": Biden calls (Fox.csv row 23, data_removed)
    ('Last March, Andrej Turchak accused Joe Biden of having dementia. The Russian press criticized Biden for calling '
     'Putin a "killer" in an interview.', "killer", "Joe Biden", "call"),
    "appositives_possessors_and_naming",
    # a quoted word inside an appositive does not hide the subject (DailyMail.csv row 140)
    ("Viktor Olevich, a well-known 'Americanist' within Russia and chief analyst at the Centre for Actual Politics, "
     "told viewers and a stunned host that Russia 'cannot win' despite eight months of fighting.", "cannot win",
     "Viktor Olevich", "tell"),
    # the possessor of a noun of saying, not the clause around it (DailyMail.csv row 140)
    ("Olevich, who was schooled in the US but now lives in Moscow, also cast doubt on Russia's claims that Ukraine "
     "is building a 'dirty bomb' despite the protests of host Andrey Norkin.", "dirty bomb", "Russia", "claim"),
    # "A conscript called Ruslan": naming, not a cue; the name is the speaker (DailyMail.csv row 201)
    ("Putin asked: 'Do you feel confident?' A conscript called Ruslan replied: 'Yes, sir.'", "Yes, sir.", "Ruslan",
     "reply"),
    # whose statement it is (RT.csv row 915)
    ("Meanwhile, the Russian Investigative Committee has opened a criminal case in relation to the shelling. "
     "According to the committee’s statement, “the military personnel of the Armed Forces of Ukraine targeted the "
     "platform of the gas production tower.”", "the military personnel of the Armed Forces of Ukraine targeted the "
     "platform of the gas production tower.", "Russian Investigative Committee", "according to"),
    "past_verbs_after_a_subject_and_acronyms",
    # "The obituary stated": a past verb after a subject, not the noun "the state" (RT.csv row 306)
    ("The obituary stated that Listopad led the air parade over Kiev during last year’s celebration of the "
     "country’s independence, with “millions of Ukrainians watching with joy and pride.”",
     "millions of Ukrainians watching with joy and pride.", "The obituary", "state"),
    # "the JCCC reported": the body named with that acronym, not the one mentioned with it (RT.csv row 258)
    ("The shelling was reported by the Lugansk People’s Republic (LPR) representative office in the Joint Center on "
     "Control and Coordination (JCCC) on its Telegram channel. “Three civilians were killed,” the JCCC reported.",
     "Three civilians were killed,", "Joint Center on Control and Coordination", "report"),
    "reflexives_and_acronyms_before_the_verb",
    # a reflexive after the name (RT.csv row 343)
    ("“It’s yes or no,” Stano insisted. Borrell himself also called the document “the final text” at that time.",
     "the final text", "Borrell", "call"),
    # an acronym in parentheses between the name and its verb (RT.csv row 668)
    ("In April, the UN Refugee Agency (UNHCR) called on the British authorities to develop “a more appropriate "
     "matching process” to ensure that women are not matched with single men.", "a more appropriate matching process",
     "UN Refugee Agency", "call on"),
    "wondering_and_bare_infinitives",
    # wonder reports a question (RT.csv row 436) ...
    ("Another user wondered on Twitter how the Scottish minister can “glorify the deaths” of Russian soldiers.",
     "glorify the deaths", "Another user", "wonder"),
    # ... but "make you wonder" is a bare infinitive (RT.csv row 28)
    ("Sometimes, the spokeswoman Maria Zakharova claimed, countries with long-standing democratic traditions make "
     "you wonder if they really do not have anyone that can “adequately, professionally, and intelligently represent "
     "the various branches of government.”", "adequately, professionally, and intelligently represent the various "
     "branches of government.", "Maria Zakharova", "claim"),
    "echo_cues_and_progressives",
    # the verb of the span's own sentence is the cue of an echo of someone's words quoted later (RT.csv row 376)
    ("The ‘Grand Duchy of Lithuania’ will destroy ‘Mongol’ Moscow if the ‘Mongols’ of China invade Taiwan, a ruling "
     "party MP from the small Baltic state has declared. Matas Maldeikis chairs the parliamentary committee for "
     "relations with Taiwan. He has antagonized China before. “If the Mongols invade Taiwan, we will retaliate by "
     "destroying the small Mongol village called ‘Moscow,’” Maldeikis tweeted last week.", "Mongols",
     "Matas Maldeikis", "declare"),
    # "have been calling for": a progressive (RT.csv row 615)
    ("Currently, LGBT propaganda in Russia is only banned when directed at children, but some politicians have been "
     "calling for harsher restrictions and punishments for the “denial of family values” and “propaganda of "
     "non-traditional sexual relations.”", "denial of family values", "some politicians", "call for"),
    "the_president_in_focus_and_what_he_called",
    # "the president": of two presidents, the one who is the subject of the sentence before (DailyMail.csv row 273)
    ("President Vladimir Putin has warned that direct clashes with Russia would spark 'global catastrophe'. NATO is "
     "set to start military drills on Monday. President Biden suggested in a Tuesday evening interview that the "
     "United States military has a contingency plan in the event Russian President Vladimir launches a nuclear on "
     "Ukraine. 'He, in fact, cannot continue with impunity to talk about the use of a tactical nuclear weapon,' the "
     "president told CNN's Jake Tapper.", "He, in fact, cannot continue with impunity to talk about the use of a "
     "tactical nuclear weapon,", "Biden", "tell"),
    # "what he called the authoritarian leader’s “genius” strategy" (HuffPost.csv row 166)
    ("Donald Trump also faced backlash after initially praising what he called the authoritarian leader’s “genius” "
     "strategy for invading Ukraine.", "genius", "Donald Trump", "call"),
    "charges_and_closing_clauses_with_acronyms",
    # a closing reporting clause with an acronym in parentheses (Reuters.csv row 9)
    ('Russian security services have detained a Ukrainian citizen on suspicion of planning to "sabotage" a power '
     'line in Crimea, Russia\'s Federal Security Service (FSB) said on Wednesday.', "sabotage",
     "Russia's Federal Security Service", "say"),
    # the wording of a charge: the court that convicts on it (guardian.csv row 51)
    ("A court in Russian-controlled east Ukraine convicted 28-year-old Aiden Aslin, from Newark, 48-year-old Shaun "
     "Pinner, from Watford, and Saaudun Brahim on charges of “terrorism”.", "terrorism", "A court", "charge"),
    "fragments_carried_from_the_sentence_before_take_their_own_verb",
    # a fragment in a sentence of its own carries the speaker before but not that sentence's verb
    # (DailyMail.csv row 47) ...
    ("Anatoly Karpov added: 'No, I could not imagine at all that Russians and Ukrainians would go to war. I have many "
     "friends in Ukraine.' His heartfelt 'end the war' plea came in April in an interview.", "end the war",
     "Anatoly Karpov", ""),
    # ... its cue is the verb of its own sentence that holds it (Express.csv row 8)
    ("The Ministry of Defence reported: “The limited availability of reconnaissance UAVs is likely degrading "
     "commanders’ awareness.” Intelligence updates have suggested Ukraine’s bid to “break the morale” of occupying "
     "forces may have been a success.", "break the morale", "Ministry of Defence", "suggest"),
    "purposes_of_speaking_and_nested_verbs_of_saying",
    # "spoke to X to explain": the purpose of speaking is the cue (Express.csv row 8)
    ("As Ukraine escalates its strategy to close in on the city, Dr Patrick Bury spoke to Express.co.uk to explain why "
     "both sides would be keen to avoid a “ruinous street battle” in Kherson.", "ruinous street battle",
     "Patrick Bury", "explain"),
    # speak of (Express.csv row 29)
    ("Ukrainian President Zelensky spoke of “good news” but did not elaborate.", "good news", "Zelensky", "speak of"),
    # "said he had spoken “…”" is said; "said he told Lavrov that “…”" keeps tell (NBC.csv row 16, AP row 82)
    ("Rafael Grossi said he had spoken “to the staff a lot and the people of Enerhodar.”",
     "to the staff a lot and the people of Enerhodar.", "Rafael Grossi", "say"),
    ('Interior Minister Aleksandar Vulin said he told Lavrov during their meeting that "Serbia is the only state in '
     'Europe that didn´t introduce sanctions."', "Serbia is the only state in Europe that didn´t introduce sanctions.",
     "Aleksandar Vulin", "tell"),
)


@pytest.mark.parametrize("text, quoted, speaker, cue", SPEAKER_AND_CUE_OF_A_QUOTE)
def test_speaker_and_cue_of_a_quote(text, quoted, speaker, cue):
    """The speaker and cue lemma of a quote's hits row."""
    assert _attributed(text, quoted) == (speaker, cue)


def test_what_he_called_someones_term_and_wishes():
    # "what he called the authoritarian leader’s “genius” strategy" (HuffPost.csv row 166)
    r = _typed("Trump also faced backlash after initially praising what he called the authoritarian leader’s "
               "“genius” strategy for invading Ukraine.", "genius")
    assert (r["quote_type"], r["cue"]) == ("partial", "call")
    # a wish is said (DailyMail.csv row 201)
    r = _typed("He was also filmed speaking to officers, shaking hands with them and wishing them 'good luck'.",
               "good luck")
    assert r["quote_type"] == "partial" and r["cue"] in ("wish", "speak")


QUOTE_TYPE_OF_A_QUOTE_WITH_A_HEADLINE = rule_table(
    "short_and_fronted_clauses_are_direct",
    # a clause opening with a fronted adverbial before its main clause (NBC.csv row 86; RT.csv row 945)
    ("In her speech, Zelenska emphasized that these contributions mean that “while Russia kills, America "
     "saves.”", "while Russia kills, America saves.", "", "direct"),
    ("Medvedev said that while he doesn’t want to scare anyone, “when people say that something is impossible, "
     "because it is never possible, they are always wrong.”",
     "when people say that something is impossible, because it is never possible, they are always wrong.", "", "direct"),
    # a personal pronoun with a finite verb is a clause however short (bbc.csv row 703; Fox.csv row 348)
    ('"I\'m sure there will be no evidence," he replies. "I\'m certain."', "I'm certain.", "", "direct"),
    ("", "it's vindictive", "Ingraham blasts Joe Biden's 'disgustingly Washington' response to question on gas "
     "prices: 'it's vindictive'", "direct"),
    "feelings_and_signs_are_someones_words",
    # a feeling the subject comes to have (bbc.csv row 564)
    ("When the war began in Ukraine Mr Wills started to become \"frustrated\" while listening to the news at work.",
     "frustrated", "", "partial"),
    # a feeling the headline leaves someone in (NBC.csv row 47)
    ("The plant is in Enerhodar.", "very scared",
     "Attacks on Europe’s largest nuclear power plant leave former worker 'very scared'", "partial"),
    # the words of a sign: "…,” it said (RT.csv row 391)
    ("Near some apartment blocks, numerous mines had been found and warning signs put out: “danger, mines,” it said "
     "by the tiny explosive circled with chalk.", "danger, mines,", "", "partial"),
)


@pytest.mark.parametrize("text, quoted, title, qtype", QUOTE_TYPE_OF_A_QUOTE_WITH_A_HEADLINE)
def test_quote_type_of_a_quote_with_a_headline(text, quoted, title, qtype):
    """The type of a span read with the article's headline."""
    assert _typed(text, quoted, title)["quote_type"] == qtype


def test_an_opening_mark_right_after_a_full_stop_reopens_the_quotation():
    # Express.csv row 64: `sanctions.“We have …` — the writer's re-opening mark with no space before it
    text = ("The spokesman said: “Nexperia utterly condemns Russia’s illegal invasion of Ukraine, we support and "
            "have abided by all international sanctions.“We have no Russian customers and do not sell into Russia. "
            "“Unfortunately, like other chip companies, we have seen incidents of our products being used.” Denys "
            "Shmyhal noted that Russia was beginning to run low on critical weapons. He said: “These are the ones "
            "that have precision accuracy.”")
    got = spans(text)
    assert got[0].endswith("all international sanctions.") and got[1].startswith("We have no Russian customers")
    assert got[-1] == "These are the ones that have precision accuracy."


@pytest.mark.parametrize("text, quoted, qtype, speaker, cue", [
    # a passive label with its agent: recorded as, panned as (DailyMail.csv row 4; HuffPost.csv row 287)
    ("Her official cause of death was recorded as 'mechanical asphyxiation' by the medical examiner.",
     "mechanical asphyxiation", "partial", "the medical examiner", "record"),
    ("Several states have already moved to suspend gas taxes despite the fact that it’s been panned as a "
     "“gimmick” by experts and lawmakers of both parties.", "gimmick", "partial", "experts", "pan"),
    # a closing reporting clause with a plural subject's bare verb (DailyMail.csv row 235)
    ("The children born as a result of this wartime rape are often stigmatised themselves as they become a "
     "'living reminder of the conflict', academics say.", "living reminder of the conflict", "partial", None, "say"),
    # what people shout is said (bbc.csv row 763)
    ('I have seen them jumping from smugglers\' boats into the shallows on a Greek beach, shouting with joy that '
     '"God is Great".', "God is Great", None, None, "shout"),
    # a film title ending in "-Man" is no demonym (HuffPost.csv row 577)
    ("Laney worked on Hollywood blockbusters such as “Star Wars: Episode II — Attack of the Clones,” “Hancock” "
     "and “Ant-Man.”", "Ant-Man.", "other", None, ""),
])
def test_passive_labels_tails_and_cries(text, quoted, qtype, speaker, cue):
    r = _typed(text, quoted)
    assert r["cue"] == cue and (qtype is None or r["quote_type"] == qtype)
    assert r["quote_type"] != "scare"
    if speaker is not None:
        assert r["speaker"] == speaker


@pytest.mark.parametrize("title, quoted, qtype, cue", [
    # a headline's own verb of saying holds its fragment, title case or not (NYT.csv rows 3233, 2434, headlines)
    ("Biden Vows to Back Ukraine ‘as Long as It Takes’ Despite Economic Toll", "as Long as It Takes", "partial",
     "vow"),
    ("Finland’s president talks of ‘a new era’ as he launches its bid to join NATO.", "a new era", "partial",
     "talk of"),
    # a participle opening a headline, with no auxiliary, labels (NYT.csv row 3247)
    ("Labeled a ‘Challenge’ by NATO, China Signals Its Own Hard-Line Worldview", "Challenge", "partial", "label"),
    # "a … Called" names a thing in a title-case headline too (NYT.csv row 292)
    ("The Potentially Grim Fate of a Ukrainian Town Called ‘Happiness’", "Happiness", "other", ""),
])
def test_headline_verbs_and_names(title, quoted, qtype, cue):
    r = _typed("", quoted, title)
    assert (r["quote_type"], r["cue"]) == (qtype, cue)


def test_the_late_father_does_not_take_the_sons_surname():
    # DailyMail.csv row 104: "Mr Stewart-Richardson" is the living co-founder, not "the late Brigadier …";
    # "Eton-alumnus" is a modifier, no part of the name
    text = ("He has co-founded the organisation with Eton-alumnus Mikey Stewart Richardson, son of the late "
            "Brigadier Peter Stewart-Richardson, who founded a charity. Mr Stewart-Richardson wrote on Facebook, "
            "shortly after the fund was set up in April, condemning Putin's 'evil' war.")
    assert _attributed(text, "evil") == ("Mikey Stewart Richardson", "condemn")


def test_first_person_headlines_and_verbs_are_no_names():
    # first-person words in a title-case headline are speech, not a title (NYT.csv row 3298)
    r = _typed("", "I’m Terrified I Might Be Here Forever",
               "Brittney Griner to Biden: ‘I’m Terrified I Might Be Here Forever’")
    assert r["quote_type"] == "direct"
    # "show" after "will" is the verb, not a TV show (DailyMail.csv row 48)
    r = _typed("He said the upcoming fiscal event will show 'how fixed' the new premier is on the promise to raise "
               "defence spending to 3 per cent of GDP by 2030.", "how fixed")
    assert r["quote_type"] != "other"


@pytest.mark.parametrize("text, quoted, title, qtype, speaker", [
    # "as X puts it" after the words (bbc.csv row 184; a whole clause after "but": direct) and "in the
    # expert's opinion" (RT.csv row 968)
    ('It may not seem like it, but "even war has rules", as the International Committee of the Red Cross puts '
     'it.', "even war has rules", "", "direct", "International Committee of the Red Cross"),
    ("In the expert’s opinion, the “decoupling” of Russian and European economies “is irreversible for a very "
     "long period.”", "decoupling", "", "partial", None),
    # a whole clause with a finite verb that no one is named for is still somebody's words (NYT.csv row 1630)
    ("", "They killed entire families.", "Zelensky vilifies Russia over atrocities: ‘They killed entire "
     "families.’", "direct", None),
    # a capitalised title with first-person words in the body stays a name (HuffPost.csv row 124)
    ("“Stand By Me,” by Ben E. King, is considered one of the greatest soul records ever recorded.",
     "Stand By Me,", "", "other", None),
])
def test_as_x_puts_it_opinions_and_clauses(text, quoted, title, qtype, speaker):
    r = _typed(text, quoted, title)
    assert r["quote_type"] == qtype
    if speaker is not None:
        assert r["speaker"] == speaker


@pytest.mark.parametrize("text, quoted, cue", [
    # a recommendation and an observation are said (NYT.csv row 389; HuffPost.csv row 640)
    ("A doctor recommended that Francis should take “a period of greater rest.”", "a period of greater rest.",
     "recommend"),
    ("Sen. Brian Schatz (D-Hawaii), who observed on Twitter that Republicans looked “shook” by the House "
     "managers’ closing arguments Thursday, warned that senators who vote against witnesses will pay.", "shook",
     ("observe", "warn")),   # (the closing "…, warned that" is read first; both are Schatz's)
])
def test_recommend_and_observe_say(text, quoted, cue):
    r = _typed(text, quoted)
    assert r["quote_type"] == "partial" and r["cue"] in ((cue,) if isinstance(cue, str) else cue)


def test_made_clear_and_two_word_pronoun_clauses():
    # "made clear that" (irregular past; NYT.csv row 130)
    r = _typed("In Ukraine and Ethiopia, Biden officials have made clear that the 2021 Kabul airlift was a “unique” "
               "operation that won’t be repeated.", "unique")
    assert (r["quote_type"], r["cue"]) == ("partial", "make clear")
    # a two-word pronoun clause after a headline colon is speech (ABC.csv row 2, the headline)
    r = _typed("", "It's unbelievable", "John Fetterman celebrates Oprah endorsement: 'It's unbelievable'")
    assert r["quote_type"] == "direct"


def test_reporting_tail_after_a_later_quote_and_no_relative_tail():
    # the closing reporting clause after a second quote of the sentence holds the first one too (RT.csv row 61)
    r = _typed("Sanctions should send a “signal” to the Russians that “their life cannot go on as normal,” Reinsalu "
               "added.", "signal")
    assert (r["quote_type"], r["speaker"], r["cue"]) == ("partial", "Reinsalu", "add")
    # a relative clause is no reporting clause: song titles stay names (AssociatedPress.csv row 199)
    r = _typed('The band needed to fit hits like "Radioactive" and "Believer" with songs like "Wrecked," which '
               'Reynolds wrote about losing his sister-in-law to cancer.', "Radioactive")
    assert r["quote_type"] == "other"


def test_known_as_the_term_is_a_name():
    # Express.csv row 29
    text = ("It is the protection he enjoys from his inner circle of security chiefs, known as the “siloviki” or "
            "“strongmen”, that keeps him in power, Nikolai Petrov said.")
    assert _typed(text, "siloviki")["quote_type"] == "other"


@pytest.mark.parametrize("text, quoted, qtype, speaker, cue", [
    # a gerund of saying after a preposition is a verb, not a noun (guardian.csv row 150)
    ("The EU’s foreign policy chief, Josep Borrell, was therefore justified in describing the oil embargo as a show "
     "of unity and a “landmark” agreement.", "landmark", "partial", None, "describe"),
    # a closing "…, the report found", across a relative clause and before a dash (guardian.csv row 11)
    ("A third “swing” group, who share the anti-Russian feelings of justice supporters but also the peace camp’s "
     "fears of escalation, accounted for about 20% of voters, the report found – with major distribution "
     "differences between countries.", "swing", "partial", None, None),
    # a participle set off by commas with a time phrase describes its noun; an acronym is a name (CBS.csv row 62)
    ('The latest American military aid package for Ukraine, announced Tuesday, includes additional "HIMARS" '
     'advanced rocket systems.', "HIMARS", "other", "", ""),
    # "a movement called X," names the movement; it labels nothing later (DailyMail.csv row 201; four
    # unattributed words are partial, see below)
    ("Firsov, from a militaristic pro-Kremlin movement called Combat Brotherhood, is a 'veteran of military "
     "operations' and regularly gives military lessons to older children.", "veteran of military operations",
     "partial", "", ""),
])
def test_gerunds_found_time_inserts_and_naming_participles(text, quoted, qtype, speaker, cue):
    r = _typed(text, quoted)
    assert r["quote_type"] == qtype
    if speaker is not None:
        assert r["speaker"] == speaker
    if cue is not None:
        assert r["cue"] == cue


def test_a_headline_word_matches_the_body_with_or_without_its_hyphen():
    # DailyMail.csv row 123: the headline's 'eyewatering' is Mahon's eye-watering
    title = ("Pub goers face £7 pints of lager as perfect storm of 'eyewatering' price hikes for basic ingredients "
             "hits brewing industry")
    text = ("Alan Mahon, founder and CEO of Brewgooder, said rising production costs had created a 'perfect storm' "
            "for the industry. And he said other key 'unseen' materials, such as energy and gas, have hit "
            "eye-watering levels, with carbon dioxide costing 3,000 per cent more than it did this time last year.")
    r = [h for h in quote_hits("x", title, text) if h["field"] == "title" and h["text"] == "eyewatering"][0]
    assert r["quote_type"] == "partial" and r["speaker"] == "Alan Mahon"


def test_the_authors_are_the_pair_named_before():
    # guardian.csv row 11: "write Leonard and his co-author Ivan Krastev" … "the authors write"
    text = ("“Countries felt vindicated in their hawkishness towards Russia,” write Mark Leonard and his co-author "
            "Ivan Krastev. The poll was taken in May. Governments will be forced to “balance the pursuit of European "
            "unity with opinions that diverge”, the authors write.")
    assert _attributed(text, "balance the pursuit of European unity with opinions that diverge") == \
        ("Mark Leonard and Ivan Krastev", "write")


def test_the_hackers_are_the_hacking_group_and_a_participle_after_the_object():
    # RT.csv row 842: "The hackers" after "hacking group Killnet"; "warning" after the clause's object
    text = ("Self-styled ‘pro-Russian’ hacking group Killnet took down numerous Lithuanian government websites on "
            "Monday. The hackers had posted multiple videos to social media over the weekend warning the Vilnius "
            "government it had 48 hours to remove the blockade or risk a “pinpoint strike at the heart of the "
            "Lithuanian system”.")
    assert _attributed(text, "pinpoint strike at the heart of the Lithuanian system") == ("Killnet", "warn")


QUOTE_TYPE_AND_A_SPEAKER_NAMED_IN_IT = rule_table(
    "a_possessors_operation_is_their_label",
    # a possessor's “operation” is that possessor's label for the war (bbc.csv row 703) ...
    ('The servicemen buried here lost their lives after 24 February: the start of President Putin\'s "special '
     'military operation" in Ukraine.', "special military operation", "partial", "Putin"),
    # ... (DailyMail.csv row 54, outside the gold: "its" is the relative clause's subject) ...
    ("Russia, which launched its 'special military operation' in Ukraine in February, has announced it has "
     "completed a mobilisation drive.", "special military operation", "partial", "Russia"),
    # ... (DailyMail.csv row 110: the name right before the verb, not the main clause's subject) ...
    ("Moscow and Beijing signed a no-limits partnership just days before Russia launched its 'special military "
     "operation' in Ukraine in February.", "special military operation", "partial", "Russia"),
    # ... (a possessor with an adjective between: Vladimir Putin’s long “special military operation”) ...
    ("Vladimir Putin’s long “special military operation” has taken on toll on the Russian military.",
     "special military operation", "partial", "Putin"),
    # ... and without a possessor, or anyone saying it, it is one side's euphemism held at a distance, not
    # the name of an operation (guideline v2; AssociatedPress.csv row 75)
    ('There\'s nothing about the "special military operation" that began six months ago.',
     "special military operation", "scare", ""),
    "a_possessor_is_a_source",
    # guideline v2, order of the tests: a possessor is a source (RT.csv row 331, outside the gold)
    ("But that was then and this is now in the West’s ‘rules-based order’, where each occasion requires a new set "
     "of rules.", "rules-based order", "partial", "West"),
    # ... not of a word modifying the noun after it (DailyMail, batch A): the tests are Russia's
    ("Mystery of Russia's 'missing' nuclear tests: No sign of long-awaited drills.", "missing", "scare", ""),
    # ... nor across a describing word (Guardian, batch B)
    ("Behind Nato’s defensive ‘shield’ lies weakness and division.", "shield", "scare", ""),
)


@pytest.mark.parametrize("text, quoted, qtype, speaker", QUOTE_TYPE_AND_A_SPEAKER_NAMED_IN_IT)
def test_quote_type_and_a_speaker_named_in_it(text, quoted, qtype, speaker):
    """A quote's type, and a speaker that holds the given name ("": no speaker)."""
    r = _typed(text, quoted)
    assert r["quote_type"] == qtype and (speaker in r["speaker"] if speaker else r["speaker"] == "")


def test_a_headlines_closing_reporting_clause_holds_it_across_a_colon():
    # DailyMail.csv row 169
    title = ("Russians ‘flee’ Kherson: Putin loyalists, officials and collaborators are among thousands evacuating city "
             "as advancing Ukrainian troops close in, claims resident - after dictator unleashed missile blitz on power "
             "stations")
    r = [h for h in quote_hits("x", title, "") if h["field"] == "title" and h["text"] == "flee"][0]
    assert r["quote_type"] == "partial" and r["cue"] == "claim"


def test_gush_is_a_verb_of_saying():
    # Fox.csv row 956 (data_removed)
    text = ("A separate report on Thursday gushed over Griner's freedom as one of Biden's \"political, policy and "
            "diplomacy wins\" to end the year.")
    r = _typed(text, "political, policy and diplomacy wins")
    assert r["quote_type"] == "partial" and r["cue"] == "gush"


def test_a_short_span_is_someones_only_as_a_phrase_of_their_quote():
    # Reuters.csv row 43: "trench" and "candles" are both in Nazarova's quote, but not as a phrase
    text = ('A group of Ukrainian volunteers has been making "trench candles" from tin cans for troops serving on the '
            'frontline. "(The candles) can be used to dry out a trench, cook food, which is very important, boil '
            'water, and warm people up," said Nino Nazarova, 28, an organiser of the initiative.')
    r = _typed(text, "trench candles")
    assert r["quote_type"] != "partial" and r["speaker"] == ""
    # ... while inflected words in a row are (bbc.csv row 2, the rule's own example)
    text = ('"The territory was Russian and I think we must return what was taken from us, to reclaim and '
            'strengthen," Putin said. He compared himself to Peter the Great, casting the tsar\'s campaign against '
            'Sweden as Russia "reclaiming and strengthening" its territory.')
    r = _typed(text, "reclaiming and strengthening")
    assert r["quote_type"] == "partial" and "Putin" in r["speaker"]


def test_two_unattributed_terms_offered_as_alternatives_are_named_kinds():
    # RT.csv row 684
    text = ("The aggressive rhetoric of Western leaders over the past five years have left Beijing with no choice but to "
            "prepare for a future war – regardless of whether it is ‘hybrid’ or ‘trench’.")
    assert _typed(text, "hybrid")["quote_type"] == "other"
    assert _typed(text, "trench")["quote_type"] == "other"
    # ... but not two words joined by "and" (RT.csv row 904: the writer's distance from both)
    text = "Her team published a message based on Panorama’s piece of ‘news’ and provided some in-depth ‘analysis’ of her own."
    assert _typed(text, "news")["quote_type"] == "scare"


def test_reported_speech_inside_reported_speech_and_link_lines():
    # guardian.csv row 127: "He said Interpol urged …": the words are his; the "Related:" link line is no
    # antecedent of "he"
    text = ("Interpol’s secretary general, Jürgen Stock, said weapons would be available on the criminal market. He "
            "added: “We should be alarmed.”   Related: Biden’s pledge to send rocket systems to Ukraine is no silver "
            "bullet   He said Interpol urged members to use its database to help “track and trace” the weapons.")
    assert _attributed(text, "track and trace") == ("Jürgen Stock", "say")


def test_a_relative_that_is_the_verbs_subject_and_a_question_is_not_the_answer():
    # AssociatedPress.csv row 75: "that" before "called" is the images, the verb's subject
    text = ('The annexation of Crimea produced almost instant memes, notably images of President Vladimir Putin that '
            'called him "the most polite person." a smug variant on the characterization of Russian troops as polite.')
    r = _typed(text, "the most polite person.")
    assert r["quote_type"] == "partial" and r["cue"] == "call"
    # RT.csv row 539: the words of the question put to the governor are not his
    text = ("Kharkiv authorities have detained twelve individuals believed to be working for Russia, Kim revealed. "
            "Asked about the numbers of alleged “spies,” the governor admitted he suspects literally everybody in the "
            "city of being a traitor.")
    r = _typed(text, "spies,")
    assert r["quote_type"] == "scare" and r["speaker"] == ""


def test_four_or_five_unattributed_words_are_someones_not_a_scare_quote():
    # DailyMail.csv row 184: the quoted words are Surovikin's, though no rule ties them to him
    text = ("Sergei Surovikin, Putin's new commander in Ukraine, has been preparing Russians for a retreat from the city "
            "- saying the situation is 'tense' and he refuses to rule out making 'the most difficult decisions'.")
    assert _typed(text, "the most difficult decisions")["quote_type"] == "partial"
    # ... while one or two words still are (RT.csv row 472)
    text = "That’s the kind of “unity” over which EU officials are patting each other on the back."
    assert _typed(text, "unity")["quote_type"] == "scare"


@pytest.mark.parametrize("text, quoted, qtype, cue", [
    # an exclamation is somebody's cry (Express.csv row 66, bbc.csv row 143)
    ("Russian fighter jet blasted out of sky as Ukraine spring trap on Putin 'Taken the bait!'", "Taken the bait!",
     "direct", None),
    ('"Liar! Warmonger!" cried the crowd angrily as Chancellor Olaf Scholz took to the stage.', "Liar! Warmonger!",
     "partial", None),
    # initials are a name (NYT.csv row 2679)
    ("Her name is in hashtags. Her “B.G.” and number are on fans’ jerseys and W.N.B.A. courts.", "B.G.", "other", ""),
    # a passive verb's agent before its that-clause (DailyMail.csv row 224)
    ("Organizations rescuing animals had been told by guards that they were transporting 'street animals' from "
     "Ukraine into an EU country.", "street animals", "partial", "tell"),
    # blamed by Russia on “…” (RT.csv row 197)
    ("Explosions at military sites on the peninsula have been blamed by Russia on Ukrainian “sabotage,” but Kiev has "
     "neither officially confirmed nor denied responsibility.", "sabotage,", "partial", "blame"),
    # a that-clause coordinated with a quoted one (bbc.csv row 494)
    ('Ms Truss will tell an audience at Mansion House, in the City of London, that "the fate of Ukraine remains in the '
     'balance" and that the West "cannot be complacent".', "cannot be complacent", "partial", None),
])
def test_cries_initials_agents_before_that_and_coordinated_that_clauses(text, quoted, qtype, cue):
    r = _typed(text, quoted)
    assert r["quote_type"] == qtype
    if cue is not None:
        assert r["cue"] == cue


def test_the_ukrainian_side_is_ukraine():
    # Reuters.csv row 12
    text = ("\"In particular, the Ukrainian side officially pledged that 'the Maritime Humanitarian Corridor will be "
            "used only in accordance with the provisions of the Black Sea Initiative.' \"The Russian Federation "
            "believes that the guarantees received at the moment appear sufficient.\"")
    assert _attributed(text, "the Maritime Humanitarian Corridor will be used only in accordance with the "
                             "provisions of the Black Sea Initiative.") == ("Ukraine", "pledge")


def test_the_agency_that_names_itself_in_its_quote():
    # RT.csv row 835
    text = ("While the leaders of the 30 members of the US-led bloc are busy with their deliberations in the Spanish "
            "capital, “Roscosmos publishes satellite images of the proverbial ‘decision making centers’ that support "
            "Ukrainian nationalists,” the agency said in a post on social media.")
    assert _attributed(text, "Roscosmos publishes satellite images of the proverbial ‘decision making centers’ that "
                             "support Ukrainian nationalists,") == ("Roscosmos", "say")


def test_a_link_before_the_subject_is_no_part_of_it():
    # RT.csv row 394: the tweet's link runs into the next sentence (no full stop after it)
    text = ("Macedonia possesses ~30 T-72A tanks, with at least 8 of them known to be currently being transported to "
            "Ukraine. pic.twitter.com/VhEHoff6gw The Russian Foreign Ministry called Skopje’s decision a “big mistake” "
            "in late July.")
    assert _attributed(text, "big mistake") == ("The Russian Foreign Ministry", "call")


def test_quoting_a_source_saying():
    # RT.csv row 162: "quoting X …, saying: “…”": X's words
    text = ("The clip ends by quoting a Washington Post article dated December 3, 2021, saying: “The embassy is so "
            "shorthanded that many staff have had to take on extra jobs.”")
    assert _attributed(text, "The embassy is so shorthanded that many staff have had to take on extra jobs.") == \
        ("Washington Post", "say")


def test_an_unnamed_speaker_and_his_next_words():
    # DailyMail.csv row 67: "A man, likely a Russian soldier, filming the brawl …, said:" and "He added:" after a
    # run of his quoted sentences, though Putin is named before
    text = ("Putin wanted men to fight. A man, likely a Russian soldier, filming the brawl from a building overlooking "
            "the chaos, said: 'Mobilised men are fighting crowd on crowd.' 'Some are jumping over here across a fence. "
            "This is a really tough fight.' He added: 'They are beating each other really, really hard.'")
    assert _attributed(text, "Mobilised men are fighting crowd on crowd.") == ("A man", "say")
    assert _attributed(text, "They are beating each other really, really hard.") == ("A man", "add")


def test_names_with_of_and_headline_clauses_before_a_colon():
    # "lack of strategy" is no plan's name (Fox.csv row 691)
    title = ("Biden's refusal to send rockets to Ukraine shows 'complete lack of strategy' from White House: "
             "Victoria Coates")
    r = [h for h in quote_hits("x", title, "") if h["field"] == "title"][0]
    assert r["quote_type"] != "other"
    # a clause opening a headline and closed by a colon is direct (guardian.csv row 109) ...
    text = "“We need the truth,” said Peter Obukhov, a city councillor."
    r = [h for h in quote_hits("x", "‘We need the truth’: the campaign to ‘de-Russify’ Odesa", text)
         if h["field"] == "title" and h["text"] == "We need the truth"][0]
    assert r["quote_type"] == "direct"
    # ... a noun group there is not (RT.csv row 176)
    text = "Putin called the killing “a vile, cruel crime” in a message to her family."
    r = [h for h in quote_hits("x", "'A vile, cruel crime': How Darya Dugina died", text)
         if h["field"] == "title" and h["text"] == "A vile, cruel crime"][0]
    assert r["quote_type"] == "partial"


def test_a_closing_reporting_clause_with_a_long_subject():
    # bbc.csv row 744: eleven words of subject before "has said"
    text = ('The UK\'s Ukrainian visa scheme is "unwelcoming", a crossbench peer offering her home to a fleeing family '
            'has said.')
    r = _typed(text, "unwelcoming")
    assert r["quote_type"] == "partial" and r["cue"] == "say"


def test_an_irregular_past_tense_makes_a_clause():
    # Fox.csv row 956 (data_removed): "gave" is the clause's verb
    text = ('News initially reported that "the Kremlin gave the White House the choice of either Griner or Whelan — '
            'or none."')
    assert _typed(text, "the Kremlin gave the White House the choice of either Griner or Whelan — or none.")[
        "quote_type"] == "direct"


# ----------------------------------------------------------------------------- terms against doubt (guideline v2)
def test_the_distance_word_prior_is_validated(tmp_path):
    from framing.codebook import CodebookError, load_distance_words
    words = load_distance_words()
    assert "liberat" in words["stems"] and "special military operation" in words["euphemisms"]
    bad = tmp_path / "d.yaml"
    bad.write_text("stems: [liberat, liberat]\neuphemisms: [special operation]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="listed twice"):
        load_distance_words(bad)
    bad.write_text("stems: [liberat]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="missing field 'euphemisms'"):
        load_distance_words(bad)
    bad.write_text("stems: [liberat]\neuphemisms: []\nwords: [x]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="unknown field"):
        load_distance_words(bad)


def test_a_state_of_mind_after_a_copula_is_the_subjects_word():
    # HuffPost.csv row 142 (outside the gold): Shmyhal is “not sure”, as he would say it
    r = _typed("Ukrainian Prime Minister Shmyhal is “not sure” U.N. Sec. Gen. Guterres' expected meeting with Russian "
               "President Putin this week will result in a diplomatic breakthrough.", "not sure")
    assert r["quote_type"] == "partial" and "Shmyhal" in r["speaker"]


def test_a_view_given_with_to_and_more_feelings():
    # "To X, …" gives X's view (NYT.csv row 1127, as body text): partial, X speaking
    r = _typed("To an independent filmmaker in Hanoi, Vietnam, President Vladimir V. Putin of Russia is a “wise "
               "leader.”", "wise leader.")
    assert r["quote_type"] == "partial" and r["speaker"] == "an independent filmmaker"
    # ... not "To date, …" (no view; the same sentence otherwise)
    r = _typed("To date, President Vladimir V. Putin of Russia is a “wise leader.”", "wise leader.")
    assert r["speaker"] == ""
    # a feeling after "would be" is the subject's word (bbc.csv row 605)
    r = _typed("Ms Champion said she was sure the British people who had given so quickly to the appeal would be "
               "\"astounded\" by the lack of speed of the government's aid delivery.", "astounded")
    assert r["quote_type"] == "partial"


def test_a_contesting_word_blocks_the_term_reading():
    # "alleged" before the span: the writer does not take the word as a plain term (RT, batch D). Whether it is
    # scare or the charge's word (partial) is for attribution; it is never other.
    r = _typed("Given that the victims of the alleged “assault” are below 14 years of age, they could face charges.",
               "assault")
    assert r["quote_type"] in ("scare", "partial")


# ----------------------------------------------------------------------------- typing, round 5: someone's words
@pytest.mark.parametrize("text, quoted, speaker, cue", [
    # a passive label whose agent is written with abbreviations (CBS.csv row 21, outside the gold)
    ("The annual exercise has been described by U.S. officials as \"routine\" around this time of year but "
     "nevertheless will take place against heightened Russian rhetoric about using nuclear weapons in Ukraine.",
     "routine", "U.S. officials", "describe"),
    # herald … as in the passive (HuffPost.csv row 661)
    ("The July phone call, which has been repeatedly heralded by the U.S. president as “perfect,” was key to a "
     "whistleblower complaint that led to Trump’s impeachment last week.", "perfect,", None, "herald"),
    # a verb of labelling past the rest of the subject's name (Express.csv row 7)
    ("The Ministry of Defence framed the retreat of the army from Izyum as a \"regrouping\" of forces to support "
     "their war efforts in the Donetsk direction.", "regrouping", "Ministry of Defence", "frame"),
    # a view past an aside (HuffPost.csv row 342)
    ("South Dakota Sen. John Thune, for one, hopes Congress and the country can unite on helping Ukraine now and "
     "not try to “relitigate” things like Trump’s Ukraine impeachment.", "relitigate", "John Thune", "hope"),
    # a class given in the passive (bbc.csv row 155)
    ("Only 47% of people here are Estonians, 36% are Russians and the rest are classed as \"aliens\" - stateless "
     "persons, mostly Russian-speaking.", "aliens", None, "class"),
    # a label the subject gives itself (RT.csv row 164)
    ("And although it positions itself as “independent, non-state media,” government officials still had a hand "
     "in its creation.", "independent, non-state media,", None, "position"),
    # a noun of saying with its possessor (NYT.csv row 2558) ...
    ("President Biden’s recent criticism of “ultra-MAGA” Republicans has led to a new business opportunity for "
     "entrepreneurial conservatives.", "ultra-MAGA", "Biden", "criticize"),
    # ... or with the subject of "made references to", a pronoun resolved (bbc.csv row 326)
    ("In his Red Square address to Russian troops, President Vladimir Putin repeated his frequently voiced "
     "justification for attacking Ukraine. He made references (as usual) to \"neo-Nazis\" in Ukraine.",
     "neo-Nazis", "Putin", "refer"),
])
def test_someones_words_by_labels_and_nouns_of_saying(text, quoted, speaker, cue):
    r = _typed(text, quoted)
    assert r["quote_type"] == "partial" and r["cue"] == cue
    if speaker:
        assert speaker in r["speaker"]


def test_words_of_an_unnamed_agent_stay_scare_and_terms_stay_other():
    # the new label and noun rules need their wording: no verb of labelling, no possessor (RT.csv row 339, outside
    # the gold: the writer's own distance)
    r = _typed("And it’s all because the politicians needed their anti-Russian stand-in state to appear as a "
               "dishonestly presented posterboy for ‘liberalism’ and ‘democracy’.", "democracy")
    assert r["quote_type"] == "scare"
    # an aside lets through only verbs of saying, labelling or a view (DailyMail, outside the gold)
    r = _typed("The Marine Corps, meanwhile, fared the best, receiving a 'strong' rating - an improvement from the "
               "'marginal' it received in 2021.", "strong")
    assert r["quote_type"] == "other"


@pytest.mark.parametrize("text, quoted, title", [
    # a translation after a named language (guardian.csv row 182; bbc, outside the gold)
    ("The confirmation came when the car window lowered to the greeting “dobrogo dnia!” (Ukrainian for “Good day”).",
     "Good day", ""),
    ("Russia announced it is about to start its 'Grom' exercises - Russian for 'thunder' - which will likely include "
     "test launches of ballistic missiles.", "thunder", ""),
    # a gloss after a spaced hyphen, closed by a participle (DailyMail.csv row 6) or by "such as" (RT.csv row 803)
    ("By day, it is a typical Russian 'stolovaya' - a casual restaurant serving traditional food.", "stolovaya", ""),
    ("Russia fully expects to be treated as such–especially when it comes to issues pertaining to the so-called "
     "“near abroad”–those former Soviet republics, such as Ukraine and Georgia, whose continued ties with Moscow are "
     "existential in nature.", "near abroad", ""),
    # the headline's words, typed other where the body quotes them (bbc.csv row 555)
    ("The pair are continuing to raise funds. The idea for the so-called \"kindness backpacks\" came from Marta "
     "Szyjkowska, who works at the Warsaw Expo Centre.", "kindness backpacks",
     "Ukrainian refugee children in Poland get 'kindness backpacks' from UK"),
])
def test_translations_glosses_and_terms_named_elsewhere_are_other(text, quoted, title):
    rows = [r for r in quote_hits("x", title, text) if r["feature"] == "quote" and r["text"] == quoted]
    assert rows and all(r["quote_type"] == "other" for r in rows)


def test_a_language_word_in_a_clause_is_no_translation():
    # "she was Russian for “…”" (HuffPost, outside the gold): the nationality, not a translation
    r = _typed("Nonetheless, she admitted that whenever people would ask her where she was from, she’d say she was "
               "Russian for “a multitude of reasons.”", "a multitude of reasons.")
    assert r["quote_type"] != "other"


def test_labels_with_as_only_and_calls_to():
    # "depicted" labels only with "as": here a place (RT, outside the gold), the writer's doubt stays
    r = _typed("A medieval heraldic symbol – a trident consisting of three swords – is now depicted on the chevron of "
               "the ‘new’ Azov in place of the stylized Wolfsangel.", "new")
    assert r["quote_type"] == "scare"
    # a call to … with its possessor is the caller's (RT.csv row 238)
    r = _typed("In 2014, Aleksandr Dugin was fired from his position at Moscow State University, after critics "
               "interpreted his call to “kill, kill, kill” those behind massacres in Ukraine as a call for a genocide.",
               "kill, kill, kill")
    assert r["quote_type"] == "partial" and r["cue"] == "call"


def test_a_single_word_modifier_elsewhere_is_no_term_here():
    # the writer's own 'returned' and a modifier 'pro-Russian' elsewhere do not make the word a term here (RT.csv
    # row 781: "organized by openly ‘pro-Russian’ political forces")
    text = ("Protests were organized by openly ‘pro-Russian’ political forces. In fact, there was little "
            "‘pro-Russian’ in their programme.")
    rows = [r for r in quote_hits("x", "", text) if r["feature"] == "quote"]
    assert rows[1]["quote_type"] == "scare"


def test_in_the_words_of_gives_the_words_to_their_source():
    # (bbc.csv row 565, outside the gold: the end read of round 5, fixed after it)
    r = _typed("The 23-year-old escaped the bombardment of Kharkiv, a city where shelling of residential areas was "
               "\"indiscriminate\" - in the words of the local mayor - from the start.", "indiscriminate")
    assert r["quote_type"] == "partial" and r["speaker"] == "the local mayor"


def test_the_codebooks_distance_words_decide_a_term_against_doubt(tmp_path):
    """Daily Mail (gold d-dm-0172, its first sentence): a Russian 'research' ship. A quoted modifier before its noun is a
    term's sign; the codebook's words held at a distance (shipped: *research*) keep it scare. With a
    researcher's list that lacks the word (``distance_words: ./words.yaml``) it is a term (other)."""
    from framing.codebook import load_codebook

    text = "A Russian 'research' ship sailed close to Shetland after undersea cables were mysteriously cut- as engineers battle to restore internet and phone communications."
    shipped = load_codebook()
    assert [r["quote_type"] for r in classify_quotes("", text, shipped)["text"]] == ["scare"]
    assert [r["quote_type"] for r in classify_quotes("", text, None)["text"]] == ["scare"]
    words = tmp_path / "words.yaml"
    words.write_text("stems: [liberat]\neuphemisms: [special military operation]\n", encoding="utf-8")
    cb = tmp_path / "cb.yaml"
    cb.write_text(shipped.path.read_text(encoding="utf-8").replace("cues: cues_en", "cues: cues_en\ndistance_words: ./words.yaml"),
                  encoding="utf-8")
    mine = load_codebook(cb)
    assert mine.distance_words["stems"] == ("liberat",)
    assert [r["quote_type"] for r in classify_quotes("", text, mine)["text"]] == ["other"]
    assert [r["quote_type"] for r in classify_quotes("", text, str(cb))["text"]] == ["other"]
