"""Floors on the held-out quote-type batch (tests/data/quotes_gold/heldout/).

That batch was annotated after the rules were written and is never used to tune them: nobody
working on quotes.py or attribution.py reads its spans or its per-span errors. Only aggregate scores
are checked here, so a change that generalises worse fails, while the batch stays unseen. The floors
sit just below the scores of 2026-11-24 (scare F1 0.45, speaker 0.70, cue 0.83; see README).
"""
from __future__ import annotations

import pytest

from framing.evaluate import evaluate_scare

HELDOUT_FLOORS = {"scare_f1": 0.40, "speaker_accuracy": 0.67, "cue_accuracy": 0.80, "span_f1": 0.99,
                  "direct_f1": 0.95, "partial_f1": 0.83, "other_f1": 0.40}


@pytest.fixture(scope="module")
def heldout_scores(test_data):
    return evaluate_scare(test_data / "quotes_gold" / "heldout")


def test_heldout_batch_is_separate_and_large_enough(heldout_scores):
    assert heldout_scores["n_docs"] >= 60 and heldout_scores["n_gold"] >= 500
    assert heldout_scores["scare"]["n_gold"] >= 15


def test_heldout_scores_stay_above_their_floors(heldout_scores):
    s = heldout_scores
    assert s["scare"]["f1"] >= HELDOUT_FLOORS["scare_f1"], s["scare"]
    assert s["speaker_accuracy"] >= HELDOUT_FLOORS["speaker_accuracy"]
    assert s["cue_accuracy"] >= HELDOUT_FLOORS["cue_accuracy"]
    assert s["spans"]["f1"] >= HELDOUT_FLOORS["span_f1"]
    for t in ("direct", "partial", "other"):
        assert s[t]["f1"] >= HELDOUT_FLOORS[f"{t}_f1"], (t, s[t])


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
