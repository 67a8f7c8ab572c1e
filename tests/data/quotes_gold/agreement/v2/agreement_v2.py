"""Agreement study 2 on the quote gold set: the hard distinction scare / other / partial under guideline v2.

Run from anywhere:  python tests/data/quotes_gold/agreement/v2/agreement_v2.py [--json results.json]

Inputs (this folder): blind_items.jsonl and strata.jsonl (from draw_v2.py), second_annotator.jsonl (the blind
labels); the gold (first annotation, after the v2 re-read) is read from ../../spans_{a,b,d,e}.jsonl; optional
proposed_corrections.jsonl (item, proposed type) gives the "gold with the proposed corrections" figures.

Design: stratified on the gold type. Stratum scare: every gold scare span (fraction 1). Strata other_short and
partial_short: 60 drawn at random from the gold other / partial spans of at most 6 words. The population the
re-weighted figures describe is the union of the three strata (the confusable region of the tuning batches,
not the whole gold set: direct spans and long partial/other spans are outside it). Horvitz-Thompson weights:
each sampled item counts stratum_size / sampled_in_stratum (scare 1). Kappa and scare P/R/F1 are computed from
the weighted matrix; 95% intervals by a stratified bootstrap (2,000 resamples within strata), as in
../agreement.py, whose statistics and speaker rule are reused.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.stats import beta

HERE = Path(__file__).resolve().parent
GOLD = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))
from agreement import (
    TYPES,
    binarise,
    boot_ci,
    cm_table,
    kappa,
    key,
    load,
    prf,
    speaker_same,
)

QUOTE_TYPES = {"direct", "partial"}


def gold_rows(items):
    """The gold row of every item, matched on (gold_id, field, start, end)."""
    gold = {key(r): r for b in "abde" for r in load(GOLD / f"spans_{b}.jsonl")}
    return [gold[key(it)] for it in items]


def weights(strata):
    """Horvitz-Thompson weight of each item: its stratum's size over the number sampled from it."""
    return np.array([s["stratum_size"] / s["sampled_in_stratum"] for s in strata], dtype=float)


def type_block(y1, y2, w, strata):
    """Agreement of y2 (second) with y1 (reference) on type: raw agreement, kappa (4 types, scare vs not),
    scare P/R/F1, on the sample and re-weighted, with stratified bootstrap intervals."""
    y1, y2 = np.asarray(y1), np.asarray(y2)
    agree = y1 == y2
    b1, b2 = np.asarray(binarise(y1)), np.asarray(binarise(y2))
    ones = np.ones(len(y1))
    bl = ["scare", "not"]
    return {
        "n": len(y1),
        "raw_agreement_sample": round(float(agree.mean()), 3),
        "raw_agreement_sample_ci95": boot_ci(lambda i: float(agree[i].mean()), strata),
        "raw_agreement_reweighted": round(float((w * agree).sum() / w.sum()), 3),
        "raw_agreement_reweighted_ci95": boot_ci(lambda i: float((w[i] * agree[i]).sum() / w[i].sum()), strata),
        "kappa_sample": round(kappa(y1, y2), 3),
        "kappa_sample_ci95": boot_ci(lambda i: kappa(y1[i], y2[i]), strata),
        "kappa_reweighted": round(kappa(y1, y2, w), 3),
        "kappa_reweighted_ci95": boot_ci(lambda i: kappa(y1[i], y2[i], w[i]), strata),
        "scare_vs_not": {
            "kappa_sample": round(kappa(b1, b2, labels=bl), 3),
            "kappa_sample_ci95": boot_ci(lambda i: kappa(b1[i], b2[i], labels=bl), strata),
            "kappa_reweighted": round(kappa(b1, b2, w, labels=bl), 3),
            "kappa_reweighted_ci95": boot_ci(lambda i: kappa(b1[i], b2[i], w[i], labels=bl), strata),
            "scare_prf_sample": prf(y1, y2, ones),
            "scare_f1_sample_ci95": boot_ci(lambda i: prf(y1[i], y2[i], ones[i])["f1"], strata),
            "scare_prf_reweighted": prf(y1, y2, w),
            "scare_f1_reweighted_ci95": boot_ci(lambda i: prf(y1[i], y2[i], w[i])["f1"], strata),
        },
        "confusion_sample": confusion(y1, y2, ones),
        "confusion_reweighted": confusion(y1, y2, w),
    }


def false_scare_bound(y2, strata, st, prf_rw):
    """The bootstrap cannot see false scare calls in a stratum where the sample has none (a zero cell). Bound
    them: per non-scare stratum, the one-sided 95% Clopper-Pearson upper limit on the rate of second-annotator
    scare calls, times the stratum size; then the scare precision and F1 if every stratum were at its limit."""
    out, fp_hi = {}, 0.0
    sizes = {s["stratum"]: (s["stratum_size"], s["sampled_in_stratum"]) for s in st}
    for name, (size, n) in sorted(sizes.items()):
        if name == "scare":
            continue
        x = int(sum(1 for t, s in zip(y2, strata) if s == name and t == "scare"))
        upper = float(beta.ppf(0.95, x + 1, n - x)) if x < n else 1.0
        out[name] = {"called_scare": x, "of": n, "rate_upper95": round(upper, 4),
                     "population_upper95": round(upper * size, 1)}
        fp_hi += upper * size
    tp, fn = prf_rw["tp"], prf_rw["fn"]
    p = tp / (tp + fp_hi) if tp + fp_hi else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    out["worst_case_precision"] = round(p, 3)
    out["worst_case_f1"] = round(2 * p * r / (p + r) if p + r else 0.0, 3)
    return out


def confusion(y1, y2, w):
    """{reference type: {second type: (weighted) count}}."""
    m = {a: {b: 0.0 for b in TYPES} for a in TYPES}
    for a, b, x in zip(y1, y2, w):
        m[a][b] += float(x)
    return {a: {b: round(v, 1) for b, v in row.items()} for a, row in m.items()}


def attribution_block(G, S):
    """Speaker (exact / same referent, ../agreement.py's rule) and cue agreement on spans both call partial or
    direct."""
    both = [(g, s) for g, s in zip(G, S) if g["type"] in QUOTE_TYPES and s["type"] in QUOTE_TYPES]
    sp = [(g, s, *speaker_same(g["speaker"], s["speaker"])) for g, s in both]
    cue = [(g, s, (g["cue"] or "").strip().lower() == (s["cue"] or "").strip().lower()) for g, s in both]
    n = max(len(both), 1)
    return {
        "n_both_direct_or_partial": len(both),
        "speaker_exact_normalised": round(sum(x[2] for x in sp) / n, 3),
        "speaker_same_referent_rule": round(sum(x[3] for x in sp) / n, 3),
        "cue_exact": round(sum(x[2] for x in cue) / n, 3),
        "speaker_mismatches": [{"item": s["item"], "text": s["text"][:60], "gold": g["speaker"],
                                "second": s["speaker"]} for g, s, _, same in sp if not same],
        "cue_mismatches": [{"item": s["item"], "text": s["text"][:60], "gold": g["cue"], "second": s["cue"]}
                           for g, s, ok in cue if not ok],
    }


def report(res, y_gold, y2, w, tag):
    """Print one comparison block."""
    blk = res[tag]
    print(f"\n== {tag} ==")
    print(f"raw agreement  sample {blk['raw_agreement_sample']:.3f} {blk['raw_agreement_sample_ci95']}  "
          f"re-weighted {blk['raw_agreement_reweighted']:.3f} {blk['raw_agreement_reweighted_ci95']}")
    print(f"kappa (4)      sample {blk['kappa_sample']:.3f} {blk['kappa_sample_ci95']}  "
          f"re-weighted {blk['kappa_reweighted']:.3f} {blk['kappa_reweighted_ci95']}")
    s = blk["scare_vs_not"]
    print(f"kappa scare/not sample {s['kappa_sample']:.3f} {s['kappa_sample_ci95']}  "
          f"re-weighted {s['kappa_reweighted']:.3f} {s['kappa_reweighted_ci95']}")
    print(f"scare P/R/F1 sample      {s['scare_prf_sample']}  F1 CI {s['scare_f1_sample_ci95']}")
    print(f"scare P/R/F1 re-weighted {s['scare_prf_reweighted']}  F1 CI {s['scare_f1_reweighted_ci95']}")
    if "false_scare_zero_cell_bound" in s:
        print(f"false-scare bound (zero cells): {s['false_scare_zero_cell_bound']}")
    print("confusion (sample; rows gold, columns second):")
    print(cm_table(y_gold, y2))
    print("confusion (re-weighted to the strata's population):")
    print(cm_table(y_gold, y2, w, digits=1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="also write the numbers to this file")
    args = ap.parse_args(argv)

    items = load(HERE / "blind_items.jsonl")
    strata_rows = {r["item"]: r for r in load(HERE / "strata.jsonl")}
    second = {r["item"]: r for r in load(HERE / "second_annotator.jsonl")}
    assert len(items) == len(strata_rows) == len(second)
    st = [strata_rows[it["item"]] for it in items]
    S = [second[it["item"]] for it in items]
    assert all(key(a) == key(b) == key(c) for a, b, c in zip(items, st, S))
    G = gold_rows(items)
    assert all(g["text"] == it["text"] for g, it in zip(G, items))
    strata = np.array([s["stratum"] for s in st])
    w = weights(st)
    yg = [g["type"] for g in G]
    y2 = [s["type"] for s in S]
    assert all(s == {"scare": "scare", "other_short": "other", "partial_short": "partial"}[s2]
               for s, s2 in zip(yg, strata)), "a gold type differs from its stratum"

    sizes = {s["stratum"]: (s["stratum_size"], s["sampled_in_stratum"]) for s in st}
    res = {
        "design": {"n_sample": len(items), "strata": {k: {"size": a, "sampled": b, "weight": round(a / b, 4)}
                                                      for k, (a, b) in sorted(sizes.items())},
                   "population": int(sum(a for a, _ in sizes.values())), "bootstrap_reps": 2000},
        "type_counts": {"gold": dict(Counter(yg)), "second": dict(Counter(y2))},
        "gold_vs_second": type_block(yg, y2, w, strata),
        "attribution_gold_vs_second": attribution_block(G, S),
    }
    res["gold_vs_second"]["scare_vs_not"]["false_scare_zero_cell_bound"] = false_scare_bound(
        y2, strata, st, res["gold_vs_second"]["scare_vs_not"]["scare_prf_reweighted"])
    corr_path = HERE / "proposed_corrections.jsonl"
    yc = None
    if corr_path.exists():
        corr = {r["item"]: r["proposed_type"] for r in load(corr_path)}
        yc = [corr.get(it["item"], t) for it, t in zip(items, yg)]
        res["n_proposed_type_corrections"] = len(corr)
        res["corrected_gold_vs_second"] = type_block(yc, y2, w, strata)
    res["type_disagreements"] = [
        {"item": it["item"], "gold_id": it["gold_id"], "field": it["field"], "start": it["start"],
         "text": it["text"][:60], "gold": a, "second": b, "stratum": s}
        for it, a, b, s in zip(items, yg, y2, strata) if a != b]

    d = res["design"]
    print(f"Sample {d['n_sample']} of a population of {d['population']} spans; strata {d['strata']}")
    print("type counts:", res["type_counts"])
    report(res, yg, y2, w, "gold_vs_second")
    if yc is not None:
        report(res, yc, y2, w, "corrected_gold_vs_second")
    at = res["attribution_gold_vs_second"]
    print(f"\nspeaker/cue on {at['n_both_direct_or_partial']} spans both call direct/partial: speaker exact "
          f"{at['speaker_exact_normalised']}, same referent {at['speaker_same_referent_rule']}, cue {at['cue_exact']}")
    for m in at["speaker_mismatches"]:
        print(f"  speaker #{m['item']}: gold {m['gold']!r} / second {m['second']!r}  [{m['text']}]")
    for m in at["cue_mismatches"]:
        print(f"  cue     #{m['item']}: gold {m['gold']!r} / second {m['second']!r}  [{m['text']}]")
    print(f"\n== type disagreements ({len(res['type_disagreements'])}) ==")
    for x in res["type_disagreements"]:
        print(f"  #{x['item']:>3} {x['gold_id']:<16} {x['field']:<5} {x['gold']:>7} / {x['second']:<7} {x['text']!r}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
