"""Draw the sample of agreement study 2 (guideline v2): the hard distinction scare / other / partial.

Run from anywhere:  python tests/data/quotes_gold/agreement/v2/draw_v2.py

Frame: the tuning batches' spans (spans_a, _b, _d, _e.jsonl) as they stand after the v2 re-read.
Strata (on the gold type; the gold is the first annotation):
  scare          every span typed scare (sampling fraction 1)
  other_short    60 drawn at random from the spans typed other whose text has at most 6 words
  partial_short  60 drawn at random from the spans typed partial whose text has at most 6 words
The "at most 6 words" limit is the confusable region: long partial and other spans are not mistaken for scare.
Rows are sorted by (gold_id, field, start, end) before drawing, so the draw does not depend on file order.

Writes (next to this script):
  blind_items.jsonl  item, gold_id, field, start, end, text -- no type, speaker, cue or note; shuffled
  strata.jsonl       item, gold_id, field, start, end, stratum, stratum_size, sampled_in_stratum
                     (not to be opened by the second annotator before the blind labels are committed)
Prints counts only, so that running it does not show any span's type.
"""
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parents[1]
BATCHES = ("a", "b", "d", "e")
SEED = 2024_11_24
N_PER_STRATUM = 60
MAX_WORDS = 6


def read_jsonl(path):
    """The lines of a .jsonl file as dicts."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def key(r):
    """A span's identity: (gold_id, field, start, end)."""
    return (r["gold_id"], r["field"], r["start"], r["end"])


def spans():
    """All tuning-batch spans, sorted by key."""
    rows = [r for b in BATCHES for r in read_jsonl(GOLD / f"spans_{b}.jsonl")]
    return sorted(rows, key=key)


def short(r):
    """True if the span's text has at most MAX_WORDS words."""
    return len(r["text"].split()) <= MAX_WORDS


def strata(rows):
    """stratum -> its rows (the frame of each stratum)."""
    return {"scare": [r for r in rows if r["type"] == "scare"],
            "other_short": [r for r in rows if r["type"] == "other" and short(r)],
            "partial_short": [r for r in rows if r["type"] == "partial" and short(r)]}


def draw(frames, rng):
    """[(stratum, row)]: all of scare, a seeded sample of N_PER_STRATUM from each other stratum, shuffled."""
    picked = [("scare", r) for r in frames["scare"]]
    for name in ("other_short", "partial_short"):
        picked += [(name, r) for r in rng.sample(frames[name], N_PER_STRATUM)]
    rng.shuffle(picked)
    return picked


def write(path, rows):
    """Write dicts as .jsonl."""
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main():
    frames = strata(spans())
    picked = draw(frames, random.Random(SEED))
    sizes = {k: len(v) for k, v in frames.items()}
    n_drawn = {k: sum(1 for s, _ in picked if s == k) for k in frames}
    blind, strat = [], []
    for i, (s, r) in enumerate(picked):
        base = {"item": i, "gold_id": r["gold_id"], "field": r["field"], "start": r["start"], "end": r["end"]}
        blind.append({**base, "text": r["text"]})
        strat.append({**base, "stratum": s, "stratum_size": sizes[s], "sampled_in_stratum": n_drawn[s]})
    write(HERE / "blind_items.jsonl", blind)
    write(HERE / "strata.jsonl", strat)
    print(f"frame sizes {sizes}; drawn {n_drawn}; {len(blind)} items written")


if __name__ == "__main__":
    main()
