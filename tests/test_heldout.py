"""Floors on the held-out quote-type batch (tests/data/quotes_gold/heldout/).

That batch was annotated after the rules were written and is never used to tune them: nobody
working on quotes.py or attribution.py reads its spans or its per-span errors. Only aggregate scores
are checked here, so a change that generalises worse fails, while the batch stays unseen. The floors
sit just below the scores reached (see README). Assertion messages name the batch only, never
the scores, so that a failing run does not show the batch's numbers to whoever is tuning.
"""
from __future__ import annotations

import pytest

from framing.evaluate import evaluate_scare

#: per held-out batch: C (annotated after the first rules), F (annotated blind on the last day of the
#: first tuning rounds) and G (annotated blind while the third rounds ran, scored only when they ended);
#: each batch scored alone, on the gold as re-read against guideline v2
HELDOUT_FLOORS = {   # scores of the 2026-11-24 third-round rules, minus ~0.03 (README, docs/quotes.md)
    "c": {"scare_f1": 0.50, "speaker_accuracy": 0.75, "cue_accuracy": 0.83, "span_f1": 0.99,
          "direct_f1": 0.95, "partial_f1": 0.86, "other_f1": 0.55},
    "f": {"scare_f1": 0.33, "speaker_accuracy": 0.70, "cue_accuracy": 0.84, "span_f1": 0.99,
          "direct_f1": 0.95, "partial_f1": 0.85, "other_f1": 0.56},
    "g": {"scare_f1": 0.38, "speaker_accuracy": 0.55, "cue_accuracy": 0.72, "span_f1": 0.99,
          "direct_f1": 0.92, "partial_f1": 0.80, "other_f1": 0.52},
}
SIZES = {"c": (68, 546, 13), "f": (39, 326, 19), "g": (40, 373, 26)}  # documents, spans, scare spans (guideline v2)


@pytest.fixture(scope="module", params=sorted(HELDOUT_FLOORS))
def heldout_scores(request, test_data):
    return request.param, evaluate_scare(test_data / "quotes_gold" / "heldout", batches=[request.param])


def test_heldout_batches_are_separate_and_large_enough(heldout_scores):
    batch, s = heldout_scores
    n_docs, n_spans, n_scare = SIZES[batch]
    assert (s["n_docs"], s["n_gold"], s["scare"]["n_gold"]) == (n_docs, n_spans, n_scare)


def test_heldout_scores_stay_above_their_floors(heldout_scores):
    batch, s = heldout_scores
    got = {"scare_f1": s["scare"]["f1"], "speaker_accuracy": s["speaker_accuracy"],
           "cue_accuracy": s["cue_accuracy"], "span_f1": s["spans"]["f1"],
           **{f"{t}_f1": s[t]["f1"] for t in ("direct", "partial", "other")}}
    below = sorted(k for k, floor in HELDOUT_FLOORS[batch].items() if got[k] < floor)
    assert not below, f"held-out batch {batch}: below the floor on {below}"  # names only, no scores


def test_batches_are_chosen_by_name_and_an_unknown_one_is_named(test_data, capsys):
    """``framing evaluate scare --batches`` scores only the named batches of a gold folder (the
    held-out batches are scored one by one as well as together); a batch that is not there is an
    error naming the batches that are."""
    from framing.cli import main
    from framing.evaluate import load_scare_gold

    folder = test_data / "quotes_gold" / "heldout"
    docs, spans = load_scare_gold(folder, batches=["c"])
    assert set(docs["batch"]) == {"c"} and len(docs) == 68 and len(spans) == 546
    with pytest.raises(Exception, match=r"no batch 'zz'; batches are .*c"):
        load_scare_gold(folder, batches=["zz"])
    assert main(["evaluate", "scare", "--path", str(folder), "--batches", "c"]) == 0
    assert "68 documents, 546 gold spans" in capsys.readouterr().out
