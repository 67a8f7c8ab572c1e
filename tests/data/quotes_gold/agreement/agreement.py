"""Inter-annotator agreement on the quote-type gold set (tests/data/quotes_gold).

Run from the repository root:  python tests/data/quotes_gold/agreement/agreement.py [--json out.json]

Inputs (all in this folder):
  first_annotator.jsonl   the first (gold) annotation of the 203 sampled spans, frozen *before* adjudication
  second_annotator.jsonl  the blind second annotation of the same spans
and ../spans_a.jsonl, ../spans_b.jsonl (the gold after adjudication) for the "after adjudication" figures.

Sample design: stratified on the first annotator's label. Stratum "scare": all 53 spans the first
annotator called scare (sampling fraction 1). Stratum "rest": 150 of the other 1,062 spans, drawn at
random (seed 11). Population estimates weight every "rest" item by 1062/150 and every "scare" item by 1
(Horvitz-Thompson), which is unbiased for the confusion-matrix cells of the full 1,115-span set provided
the 150 were a simple random sample of the rest stratum. Confidence intervals: stratified bootstrap.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
from sklearn.metrics import cohen_kappa_score, confusion_matrix

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
TYPES = ["direct", "partial", "scare", "other"]
# Frame of the sample: the gold set as it was when the sample was drawn (before adjudication).
N_TOTAL = 1115
N_SCARE_FIRST = 53           # every one of them is in the sample
N_REST = N_TOTAL - N_SCARE_FIRST
N_REST_SAMPLED = 150
W_REST = N_REST / N_REST_SAMPLED
BOOT = 2000
QUOTE_TYPES = {"direct", "partial"}


def load(p: Path) -> list[dict]:
    with open(p, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def key(r: dict) -> tuple:
    return (r["gold_id"], r["field"], r["start"], r["end"])


# ---------------------------------------------------------------- speaker comparison
_DROP_WORDS = {"the", "a", "an", "mr", "mrs", "ms", "dr", "president", "prime", "minister", "spokesman",
               "spokeswoman", "spokesperson", "of", "for", "s"}
_ALIASES = {"russias": "russian", "russia": "russian", "ukraines": "ukrainian", "ukraine": "ukrainian",
            "britains": "british", "defence": "defense", "kiev": "kyiv"}


def _tokens(name: str) -> list[str]:
    s = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\([^)]*\)", " ", s)                   # "(ANB)"
    s = re.sub(r"['’]s\b", "", s)                      # possessives
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    toks = [_ALIASES.get(t, t) for t in s.split()]
    return [t for t in toks if t not in _DROP_WORDS]


def _surname_like(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= 0.8   # Zelensky / Zelenskiy / Zelenskyy


def speaker_same(a: str, b: str) -> tuple[bool, bool]:
    """(exact after normalisation, same referent by rule). The rule: both empty; or one token set
    contained in the other ("Welsh soldiers" ~ "Royal Welsh soldiers", "SBU" ~ "Ukrainian security
    service SBU"); or the last tokens (surnames) match allowing transliteration variants. A shared
    surname is not proof of the same person (see the Stewart-Richardson case in AGREEMENT.md)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta and not tb:
        return True, True
    if not ta or not tb:
        return False, False
    if ta == tb:
        return True, True
    sa, sb = set(ta), set(tb)
    if sa <= sb or sb <= sa:
        return False, True
    if _surname_like(ta[-1], tb[-1]) and ta[-1] not in {"ministry", "office", "council", "government"}:
        return False, True
    return False, False


# ---------------------------------------------------------------- statistics
def kappa(y1, y2, w=None, labels=TYPES) -> float:
    return float(cohen_kappa_score(y1, y2, labels=labels, sample_weight=w))


def prf(ref, hyp, w, positive="scare") -> dict:
    ref = np.asarray(ref) == positive
    hyp = np.asarray(hyp) == positive
    w = np.asarray(w, dtype=float)
    tp = float(w[ref & hyp].sum()); fp = float(w[~ref & hyp].sum()); fn = float(w[ref & ~hyp].sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": round(tp, 2), "fp": round(fp, 2), "fn": round(fn, 2),
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def binarise(y):
    return ["scare" if t == "scare" else "not" for t in y]


def boot_ci(fn, strata, n=BOOT, seed=0):
    """Stratified bootstrap (resample within each stratum); fn(idx) -> float. 95% percentile CI."""
    rng = np.random.default_rng(seed)
    groups = [np.flatnonzero(strata == s) for s in np.unique(strata)]
    vals = []
    for _ in range(n):
        idx = np.concatenate([rng.choice(g, size=len(g), replace=True) for g in groups])
        try:
            vals.append(fn(idx))
        except ValueError:
            continue
    lo, hi = np.nanpercentile(vals, [2.5, 97.5])
    return [round(float(lo), 3), round(float(hi), 3)]


def cm_table(y1, y2, w=None, digits=0) -> str:
    m = confusion_matrix(y1, y2, labels=TYPES, sample_weight=w)
    head = "A1 \\ A2   " + "".join(f"{t:>9}" for t in TYPES) + f"{'total':>9}"
    lines = [head]
    for t, row in zip(TYPES, m):
        lines.append(f"{t:<10}" + "".join(f"{v:>9.{digits}f}" for v in row) + f"{row.sum():>9.{digits}f}")
    lines.append(f"{'total':<10}" + "".join(f"{v:>9.{digits}f}" for v in m.sum(0)) + f"{m.sum():>9.{digits}f}")
    return "\n".join(lines)


def type_block(name, y1, y2, w, strata) -> dict:
    y1 = np.asarray(y1); y2 = np.asarray(y2); w = np.asarray(w, float)
    agree = y1 == y2
    out = {
        "n": int(len(y1)),
        "raw_agreement_sample": round(float(agree.mean()), 3),
        "kappa_sample": round(kappa(y1, y2), 3),
        "kappa_sample_ci95": boot_ci(lambda i: kappa(y1[i], y2[i]), strata),
        "raw_agreement_reweighted": round(float((w * agree).sum() / w.sum()), 3),
        "kappa_reweighted": round(kappa(y1, y2, w), 3),
        "kappa_reweighted_ci95": boot_ci(lambda i: kappa(y1[i], y2[i], w[i]), strata),
    }
    b1, b2 = np.asarray(binarise(y1)), np.asarray(binarise(y2))
    out["scare_vs_rest"] = {
        "kappa_sample": round(kappa(b1, b2, labels=["scare", "not"]), 3),
        "kappa_reweighted": round(kappa(b1, b2, w, labels=["scare", "not"]), 3),
        "kappa_reweighted_ci95": boot_ci(lambda i: kappa(b1[i], b2[i], w[i], labels=["scare", "not"]), strata),
        "scare_prf_second_vs_first_sample": prf(y1, y2, np.ones(len(y1))),
        "scare_prf_second_vs_first_reweighted": prf(y1, y2, w),
        "scare_f1_reweighted_ci95": boot_ci(lambda i: prf(y1[i], y2[i], w[i])["f1"], strata),
    }
    return out


def attribution_block(A, B) -> dict:
    both = [(a, b) for a, b in zip(A, B) if a["type"] in QUOTE_TYPES and b["type"] in QUOTE_TYPES]
    sp = [(a, b, *speaker_same(a["speaker"], b["speaker"])) for a, b in both]
    cue = [(a, b, (a["cue"] or "").strip().lower() == (b["cue"] or "").strip().lower()) for a, b in both]
    return {
        "n_both_direct_or_partial": len(both),
        "speaker_exact_normalised": round(sum(x[2] for x in sp) / len(sp), 3),
        "speaker_same_referent_rule": round(sum(x[3] for x in sp) / len(sp), 3),
        "cue_exact": round(sum(x[2] for x in cue) / len(cue), 3),
        "speaker_mismatches": [{"item": a["item"], "text": a["text"][:60], "first": a["speaker"],
                                "second": b["speaker"]} for a, b, _, same in sp if not same],
        "cue_mismatches": [{"item": a["item"], "text": a["text"][:60], "first": a["cue"], "second": b["cue"]}
                           for a, b, ok in cue if not ok],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="also write the numbers to this file")
    args = ap.parse_args(argv)

    first = load(HERE / "first_annotator.jsonl")
    second = load(HERE / "second_annotator.jsonl")
    by_key = {key(r): r for r in second}
    assert len(first) == len(second) == len(by_key) == N_SCARE_FIRST + N_REST_SAMPLED
    B = [by_key[key(a)] for a in first]                     # match on gold_id, field, start, end
    assert all(a["text"] == b["text"] for a, b in zip(first, B))
    gold_now = {key(r): r for p in sorted(GOLD.glob("spans_*.jsonl")) for r in load(p)}
    G = [gold_now[key(a)] for a in first]                   # adjudicated gold, same spans

    y1 = [a["type"] for a in first]
    y2 = [b["type"] for b in B]
    yg = [g["type"] for g in G]
    strata = np.array(["scare" if t == "scare" else "rest" for t in y1])
    assert (strata == "scare").sum() == N_SCARE_FIRST
    w = np.where(strata == "scare", 1.0, W_REST)

    res = {
        "design": {"n_total": N_TOTAL, "n_sample": len(first), "stratum_scare": N_SCARE_FIRST,
                   "stratum_rest_sampled": N_REST_SAMPLED, "stratum_rest_size": N_REST,
                   "weight_rest": round(W_REST, 4), "bootstrap_reps": BOOT},
        "type_counts": {"first": dict(Counter(y1)), "second": dict(Counter(y2)),
                        "adjudicated_gold": dict(Counter(yg))},
        "first_vs_second": type_block("first vs second", y1, y2, w, strata),
        "adjudicated_vs_second": type_block("adjudicated gold vs second", yg, y2, w, strata),
        "attribution_first_vs_second": attribution_block(first, B),
        "attribution_adjudicated_vs_second": attribution_block(
            [{**g, "item": a["item"]} for g, a in zip(G, first)], B),
    }
    disagreements = [{"item": a["item"], "gold_id": a["gold_id"], "text": a["text"][:60],
                      "first": a["type"], "second": b["type"], "adjudicated": g["type"]}
                     for a, b, g in zip(first, B, G) if a["type"] != b["type"]]
    res["type_disagreements"] = disagreements

    # ------------------------------------------------------------ report
    P = print
    d = res["design"]
    P(f"Sample: {d['n_sample']} of {d['n_total']} spans; all {d['stratum_scare']} first-annotator scare spans "
      f"+ {d['stratum_rest_sampled']} of the other {d['stratum_rest_size']} (weight {d['weight_rest']:.3f}).")
    P("Type counts:", res["type_counts"])
    for tag, yy1, yy2 in [("FIRST vs SECOND", y1, y2), ("ADJUDICATED GOLD vs SECOND", yg, y2)]:
        blk = res["first_vs_second" if tag.startswith("FIRST") else "adjudicated_vs_second"]
        P(f"\n== {tag} ==")
        P(f"raw agreement   sample {blk['raw_agreement_sample']:.3f}   re-weighted {blk['raw_agreement_reweighted']:.3f}")
        P(f"Cohen's kappa   sample {blk['kappa_sample']:.3f} {blk['kappa_sample_ci95']}   "
          f"re-weighted {blk['kappa_reweighted']:.3f} {blk['kappa_reweighted_ci95']}")
        P("confusion matrix (sample counts):")
        P(cm_table(yy1, yy2))
        P("confusion matrix (re-weighted to the 1,115-span set, estimated counts):")
        P(cm_table(yy1, yy2, w, digits=1))
        s = blk["scare_vs_rest"]
        P(f"scare vs rest: kappa sample {s['kappa_sample']:.3f}, re-weighted {s['kappa_reweighted']:.3f} "
          f"{s['kappa_reweighted_ci95']}")
        P(f"  scare P/R/F1 of second against first, sample:      {s['scare_prf_second_vs_first_sample']}")
        P(f"  scare P/R/F1 of second against first, re-weighted: {s['scare_prf_second_vs_first_reweighted']} "
          f"F1 CI {s['scare_f1_reweighted_ci95']}")
    for tag in ("attribution_first_vs_second", "attribution_adjudicated_vs_second"):
        at = res[tag]
        P(f"\n== {tag} (spans both annotators call direct/partial: {at['n_both_direct_or_partial']}) ==")
        P(f"speaker: exact after normalisation {at['speaker_exact_normalised']:.3f}; "
          f"same referent (surname / containment rule) {at['speaker_same_referent_rule']:.3f}")
        P(f"cue lemma exact: {at['cue_exact']:.3f}")
        for m in at["speaker_mismatches"]:
            P(f"  speaker #{m['item']}: {m['first']!r} vs {m['second']!r}   [{m['text']}]")
        for m in at["cue_mismatches"]:
            P(f"  cue     #{m['item']}: {m['first']!r} vs {m['second']!r}   [{m['text']}]")
    P("\n== type disagreements (first / second / adjudicated) ==")
    for x in disagreements:
        P(f"  #{x['item']:>3} {x['gold_id']:<16} {x['first']:>7} / {x['second']:<7} / {x['adjudicated']:<7} {x['text']!r}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
