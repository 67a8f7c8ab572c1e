"""Scoring: the GGT scorer's rules on hand-made cases, and floors on both gold sets."""
from __future__ import annotations

import json

import pytest

from framing.evaluate import (_compare_ggt, _index, _overlap, _parse_quotations, evaluate_ggt,
                              evaluate_scare, load_scare_gold, run_evaluation, scare_errors, speaker_match)
from framing.io import FramingError

# Floors set just below the scores reached (see docs/quotes.md); a change that lowers them fails.
GGT_FLOORS = {"f1_0.3": 84.8, "f1_0.8": 83.5, "speaker_0.3": 93.2, "verb_0.3": 96.1}
# The quote-type floors are on batches A+B+D+E (D and E joined the tuning set after their out-of-sample
# measurement: the in-sample set changed, so the floors were reset to the new scores minus ~0.01).
# Re-set on 2026-11-24 when the gold was re-read against guideline v2 (16 tuning spans typed scare
# became other terms; same rules: scare F1 0.805 -> 0.701, other 0.836 -> 0.794, cue 0.903 -> 0.910).
# Raised on 2026-11-24 after typing round 4 (terms against doubt): scare F1 0.701 -> 0.862 (0.850 after the
# three corrections of agreement study 2), other 0.794 -> 0.859;
# speaker and cue after the attribution round 3 (speaker 0.871 -> 0.898, cue 0.909 -> 0.922).
SCARE_FLOORS = {"scare_f1": 0.84, "speaker_accuracy": 0.89, "cue_accuracy": 0.915, "span_f1": 0.99,
                "direct_f1": 0.97, "partial_f1": 0.945, "other_f1": 0.85}


# ----------------------------------------------------------------------------- the GGT scorer's rules
def test_index_parsing_like_the_ggt_scorer():
    assert _index("(603,674)") == (603, 674)
    assert _index("") is None and _index(")") is None and _index(None) is None


def test_overlap_is_relative_to_the_gold_span():
    assert _overlap((0, 10), (0, 100)) == 1.0          # a longer prediction covers the gold span
    assert _overlap((0, 100), (0, 10)) == 0.1
    assert _overlap(None, (0, 10)) == 0.0               # empty gold offsets can never match


def _q(span, speaker="", sidx=None, verb="", floating=False):
    return {"quote_index": span, "speaker": speaker, "speaker_index": sidx, "verb": verb,
            "is_floating_quote": floating}


def test_greedy_matching_threshold_speaker_and_verb():
    gold = [_q((0, 100), "she", (101, 104), "said"), _q((200, 240), "", None, ""), _q(None, "he", None, "said")]
    pred = [_q((0, 79), "Darian Lonechild", (101, 104), "said"),
            _q((200, 240), "Lonechild", (150, 159), "", floating=True),
            _q((500, 520), "x", None, "says")]
    c3 = _compare_ggt(gold, pred, 0.3)
    assert c3 == {"tp": 2, "fn": 1, "fp": 1, "speaker": 2, "verb": 2}
    c8 = _compare_ggt(gold, pred, 0.8)                # 0.79 is not > 0.8
    assert c8 == {"tp": 1, "fn": 2, "fp": 2, "speaker": 1, "verb": 1}


def test_quote_list_pasted_twice_uses_the_complete_copy():
    good = json.dumps([{"speaker": "A", "quote": "x", "quote_index": "(1,2)"}])
    broken = '[\n  {\n "speaker": "A", "quote": "x", "quote_index": "(1,' + "\n" + good
    assert _parse_quotations(broken, "id")[0]["speaker"] == "A"


def test_speaker_match():
    assert speaker_match("Dmitry Peskov", "Peskov")
    assert speaker_match("the Kremlin", "Kremlin")
    assert speaker_match("", "")
    assert not speaker_match("Vladimir Putin", "Dmitry Peskov")
    assert not speaker_match("", "Dmitry Peskov")
    assert speaker_match("Volodymyr Zelenskyy", "Vladimir Zelensky")      # transliteration
    assert speaker_match("Russian Foreign Minister Sergey Lavrov", "Sergey Lavrov")
    assert not speaker_match("Peter Stewart-Richardson", "Sergey Lavrov")
    # gold rows d-rt-0668 / a-rt-0477 give the acronym, the article the full name (guideline v2)
    assert speaker_match("the Advertising Standards Authority", "ASA")
    assert speaker_match("WWF", "World Wildlife Fund")
    assert speaker_match("JCCC", "Joint Center on Control and Coordination (JCCC)")
    assert not speaker_match("UN", "Ursula Nobody")                         # two initials: too loose
    assert speaker_match("Ukraine's security service", "Ukrainian security services")
    # a shared last word that names a kind of body is not a shared surname
    assert not speaker_match("Russian Foreign Ministry", "Ukrainian Defence Ministry")
    assert not speaker_match("Russian forces", "Ukrainian forces")


# ----------------------------------------------------------------------------- floors
@pytest.fixture(scope="module")
def ggt_scores(ggt_gold):
    return evaluate_ggt(ggt_gold)


@pytest.mark.parametrize("key", sorted(GGT_FLOORS))
def test_ggt_scores_stay_above_their_floors(ggt_scores, key):
    assert ggt_scores[key] >= GGT_FLOORS[key], (key, ggt_scores[key])


def test_ggt_gold_is_read_whole(ggt_scores):
    # all 98 articles (one _id is "ObjectId5c54…)" without its parenthesis) and every quote,
    # including the article whose list was pasted twice (1,466 without it)
    assert ggt_scores["n_docs"] == 98 and ggt_scores["n_gold"] >= 1466


@pytest.fixture(scope="module")
def scare_scores():
    return evaluate_scare()


def test_quote_type_gold_is_in_the_repository(scare_scores):
    docs, spans = load_scare_gold()
    assert len(docs) >= 50 and len(spans) >= 300
    assert set(spans["type"]) <= {"direct", "partial", "scare", "other"}
    assert scare_scores["n_gold"] == len(spans)


def test_scare_quotes_beat_the_short_span_baseline(scare_scores):
    # "short span => scare" scores F1 0.16-0.21 on this gold (issue 5); attribution must do better
    docs, spans = load_scare_gold()
    short = spans["text"].str.count(r"[^\W_]+") <= 2
    gold = spans["type"] == "scare"
    p, r = (short & gold).sum() / short.sum(), (short & gold).sum() / gold.sum()
    assert scare_scores["scare"]["f1"] > 1.5 * (2 * p * r / (p + r))


def test_scare_gold_scores_stay_above_their_floors(scare_scores):
    s = scare_scores
    assert s["scare"]["f1"] >= SCARE_FLOORS["scare_f1"], s["scare"]
    assert s["speaker_accuracy"] >= SCARE_FLOORS["speaker_accuracy"]
    assert s["cue_accuracy"] >= SCARE_FLOORS["cue_accuracy"]
    assert s["spans"]["f1"] >= SCARE_FLOORS["span_f1"]
    for t in ("direct", "partial", "other"):
        assert s[t]["f1"] >= SCARE_FLOORS[f"{t}_f1"], (t, s[t])


def test_scare_errors_list_every_type_confusion(scare_scores):
    err = scare_errors()
    off_diagonal = sum(n for gt, row in scare_scores["confusion"].items() for pt, n in row.items() if gt != pt)
    assert len(err) == off_diagonal
    assert (err.gold_type != err.pred_type).all()
    docs, _ = load_scare_gold()
    d = docs.set_index("gold_id")
    for r in err.head(20).itertuples():
        assert d.loc[r.gold_id, r.field][r.start:r.end] == r.text and f"[[{r.text}]]" in r.context


def test_document_bootstrap_intervals_hold_the_scores():
    s = evaluate_scare(batches=["d", "e"], ci=True, n_boot=500)
    ci = s["ci"]
    for t in ("direct", "partial", "scare", "other"):
        lo, hi = ci[f"{t}_f1"]
        assert lo <= s[t]["f1"] <= hi and lo < hi, (t, ci[f"{t}_f1"], s[t]["f1"])
    for k in ("speaker_accuracy", "cue_accuracy"):
        assert ci[k][0] <= s[k] <= ci[k][1]
    # 33 scare spans in 84 documents: the interval is wide, and it is the same for the same seed
    assert ci["scare_f1"][1] - ci["scare_f1"][0] > 0.1
    assert evaluate_scare(batches=["d", "e"], ci=True, n_boot=500)["ci"] == ci


def test_bootstrap_of_identical_documents_is_degenerate():
    # every document scores the same, so every resample gives the point estimate
    from framing.evaluate import score_intervals
    g = {"gold_id": "", "speaker": "Dmitry Peskov", "cue": "say"}
    p = {"doc_id": "", "speaker": "Peskov", "cue": "tell"}
    rows = []
    for d in "abcdef":
        rows += [("match", "scare", "scare", {**g, "gold_id": d}, {**p, "doc_id": d}),
                 ("fp", "", "scare", None, {**p, "doc_id": d}),
                 ("match", "direct", "direct", {**g, "gold_id": d}, {**p, "doc_id": d})]
    ci = score_intervals(rows, n_boot=200)
    assert ci["scare_f1"] == (0.667, 0.667)          # TP 1, predicted 2, gold 1 per document
    assert ci["speaker_accuracy"] == (1.0, 1.0) and ci["cue_accuracy"] == (0.0, 0.0)


# ----------------------------------------------------------------------------- report and CLI
def test_run_evaluation_prints_a_table_and_writes_json(tmp_path):
    out = tmp_path / "scores.json"
    table = run_evaluation("scare", out=out)
    assert "scare" in table and "speaker accuracy" in table
    data = json.loads(out.read_text())
    assert set(data) == {"scare"} and "f1" in data["scare"]["scare"]


def test_missing_gold_is_a_user_error(tmp_path):
    with pytest.raises(FramingError, match="gendergaptracker|not found"):
        run_evaluation("ggt", path=tmp_path / "gendergaptracker")
    with pytest.raises(FramingError, match="unknown gold"):
        run_evaluation("nope")


def test_all_goes_on_without_the_ggt_set(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_SHARED", str(tmp_path))
    table = run_evaluation("all")
    assert "not found" in table and "Quote-type gold" in table


def test_cli_evaluate_scare(tmp_path, capsys):
    from framing.cli import main

    assert main(["evaluate", "scare", "--out", str(tmp_path / "s.json")]) == 0
    assert "Quote-type gold" in capsys.readouterr().out
    assert main(["evaluate", "scare", "--batches", "d", "--ci"]) == 0
    assert "95% percentile bootstrap over documents" in capsys.readouterr().out
    assert main(["evaluate", "ggt", "--path", str(tmp_path)]) == 2
    assert "error" in capsys.readouterr().err
