from framing.text import count_words, sentence_spans, context_window


def test_count_words_keeps_possessives_and_compounds_as_one_word():
    assert count_words("Kyiv's Kyiv-based officials said “no”.") == 5


def test_sentence_spans_on_seed_text_respects_abbreviations():
    text = ("However, U.S. officials said they had seen no indication. Also, Washington has rejected talks.\n"
            "After that, Putin was “re-elected” for a fifth term.")
    sents = [text[s:e] for s, e in sentence_spans(text)]
    assert sents == [
        "However, U.S. officials said they had seen no indication.",
        "Also, Washington has rejected talks.",
        "After that, Putin was “re-elected” for a fifth term.",
    ]


def test_context_window_offsets():
    text = "NATO has a “moral and legal” obligation to support Kyiv."
    s = text.index("Kyiv")
    assert context_window(text, s, s + 4, width=8) == ("support ", "Kyiv", ".")


# ----------------------------------------------------------------------------- local sentence bounds
def _sample_texts(raw_dir):
    """Every title and clean text of the bundled sample corpus and the seeds (real news text)."""
    from framing.ingest import ingest_paths

    docs = ingest_paths([raw_dir / "ukraine-media-sample", raw_dir / "seeds"], progress=False)
    return [t for col in ("title", "clean_text") for t in docs[col].tolist() if isinstance(t, str) and t]


def test_fast_break_candidates_are_the_reference_regex_matches(raw_dir):
    from framing.text import _END_RE, _break_candidates

    texts = _sample_texts(raw_dir)
    assert len(texts) > 900
    for t in texts:
        assert [m.span() for m in _break_candidates(t).finditer(t)] == [m.span() for m in _END_RE.finditer(t)]
    # a text with tabs, no-break spaces or three spaces in a row takes the reference pattern
    flat = "Kyiv said so.   Moscow denied it.\tLater:\u00a0\u00a0\u00a0More."
    assert _break_candidates(flat) is _END_RE
    assert [flat[s:e] for s, e in sentence_spans(flat)] == ["Kyiv said so.", "Moscow denied it.", "Later:",
                                                        "More."]


def test_hit_contexts_equal_the_whole_field_split_at_every_position(raw_dir):
    """The context found around a hit is the one the whole-field split gives, for a hit at
    every character of the seeds and every 7th character of the sample (any length)."""
    from framing.text import context_from_spans, hit_contexts

    texts = _sample_texts(raw_dir)
    checked = 0
    for k, t in enumerate(texts):
        spans = sentence_spans(t)
        first = [s for s, _ in spans]
        step = 1 if k % 40 == 0 else 7
        hits = [(s, min(len(t), s + (1, 4, 9, 40, 400)[s % 5])) for s in range(k % step, len(t), step)]
        assert hit_contexts(t, hits) == [context_from_spans(t, spans, first, s, e) for s, e in hits]
        checked += len(hits)
        # sparse hits too: a scan goes on from the previous sentence or starts again, by the gap
        sparse = [(s, min(len(t), s + 1 + s % 7)) for s in range(k % 97, len(t), 97 + 211 * (k % 7))]
        assert hit_contexts(t, sparse) == [context_from_spans(t, spans, first, s, e) for s, e in sparse]
    assert checked > 200_000


def test_sentence_bounds_on_a_seed_paragraph():
    from framing.text import sentence_bounds, trim_span

    # seeds/003 (The Moscow Times), with an abbreviation and a quotation inside the second sentence
    text = ("Zelensky admitted that talks could begin. “We are ready,” U.S. officials quoted him as saying "
            "on Tuesday.  Kyiv-based analysts disagreed.")
    pos = text.index("officials")
    lo, hi = sentence_bounds(text, pos)
    assert text[slice(*trim_span(text, lo, hi))] == "“We are ready,” U.S. officials quoted him as saying on Tuesday."
    # a known break before the hit bounds the search and gives the same answer
    assert lo == text.index("begin.") + 6 and sentence_bounds(text, pos, floor=lo) == (lo, hi)
    assert sentence_bounds(text, text.index("Kyiv")) == (hi, len(text))


def test_long_words_before_a_period_are_not_abbreviations():
    from framing.text import _ABBR_MAX_LEN, _is_abbreviation

    assert _ABBR_MAX_LEN == 6
    for text, expected in [("said Gen.", True), ("in the U.S.", True), ("on Tuesday.", False),
                           ("the approx.", True), ("Ukrainian.", False), ("J.", True), ("Zaporizhzhia.", False)]:
        assert _is_abbreviation(text, len(text)) is expected, text


def test_abbreviation_check_equals_the_regex_reading_on_real_and_odd_text(raw_dir):
    """The token before a period read with str.rstrip gives the regex's answer at every period of
    the sample and the seeds, and on text mixing non-ASCII word characters, dotless i, long s,
    curly apostrophes and underscores with the listed abbreviations."""
    import itertools

    from framing.text import _ABBREVIATIONS, _is_abbreviation, _is_abbreviation_re

    checked = answers = 0
    for t in _sample_texts(raw_dir):
        for i, c in enumerate(t):
            if c == ".":
                assert _is_abbreviation(t, i + 1) is _is_abbreviation_re(t, i + 1), t[max(0, i - 15):i + 1]
                checked += 1
                answers += _is_abbreviation_re(t, i + 1)
    assert checked > 10_000 and answers > 300
    pieces = ["", " ", "x", "(", "é", "_", ".", "’", "ı", "ſ", "Ü", "2", "abcdefgh", "K"]
    for pre, a in itertools.product(itertools.product(pieces, repeat=2), sorted(_ABBREVIATIONS) + ["J", "U.S"]):
        for word in (a, a.upper(), a.title()):
            t = "".join(pre) + word + "."
            assert _is_abbreviation(t, len(t)) is _is_abbreviation_re(t, len(t)), t
