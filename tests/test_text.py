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
