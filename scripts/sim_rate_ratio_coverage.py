"""Coverage of compare_outlets' rate-ratio interval on simulated corpora with clustered hits.

Two outlets, A (``na`` documents) and B (``nb``), 300-1,200 words per document; hits per document
are Poisson with rate ``lam_a`` / ``lam_b`` per 1,000 words times a gamma frailty of shape ``k``
(mean 1: negative binomial hits, the smaller ``k`` the more they cluster; ``k = 0``: plain
Poisson). Each corpus is compared with ``compare_outlets(reference="B")``; the script prints how
often the interval covers the true ratio lam_a / lam_b, overall and by ``ci_method``, and for the
corpora where A has no hit. The numbers in docs/statistics.md (*A group without a hit*) come from

    python scripts/sim_rate_ratio_coverage.py 10 100 1.0 1.0 0.1 1000
    python scripts/sim_rate_ratio_coverage.py 20 200 0.3 0.3 0.3 1000
    python scripts/sim_rate_ratio_coverage.py 60 60 0.05 0.05 0.2 1000
    python scripts/sim_rate_ratio_coverage.py 60 60 0.05 0.05 0 1000

(arguments: na nb lam_a lam_b k n_sims; seeded, a few minutes each).
"""
from __future__ import annotations

import sys
import warnings

import numpy as np
import pandas as pd

from framing import stats


def simulate(n_sims: int, na: int, nb: int, lam_a: float, lam_b: float, k: float | None, seed: int = 1,
             n_boot: int = 1000) -> pd.DataFrame:
    """One row per simulated corpus: hits of A and B, the interval, its method, whether it covers."""
    rng = np.random.default_rng(seed)
    rho = lam_a / lam_b
    rows = []
    for s in range(n_sims):
        w = rng.integers(300, 1200, size=na + nb).astype(float)
        g = rng.gamma(k, 1 / k, size=na + nb) if k else np.ones(na + nb)
        lam = np.r_[np.full(na, lam_a), np.full(nb, lam_b)] / 1000
        y = rng.poisson(lam * g * w)
        docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(na + nb)], "n_words": w,
                             "outlet": ["A"] * na + ["B"] * nb})
        hits = pd.DataFrame([(f"d{i}", "f", "k", "text") for i in range(na + nb) for _ in range(y[i])],
                            columns=["doc_id", "feature", "key", "field"])
        if hits.empty:
            rows.append({"xa": 0, "xb": 0, "method": None, "cover": np.nan})
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = stats.compare_outlets(docs, hits, reference="B", n_perm=0, n_boot=n_boot, seed=s).iloc[0]
        rows.append({"xa": r.n_hits, "xb": r.n_hits_ref, "method": r.ci_method, "lo": r.ci_low, "hi": r.ci_high,
                     "cover": (r.ci_low <= rho <= r.ci_high) if r.ci_method else np.nan})
    return pd.DataFrame(rows)


def main(argv: list[str]) -> None:
    na, nb, lam_a, lam_b, k, n = (float(x) for x in argv)
    d = simulate(int(n), int(na), int(nb), lam_a, lam_b, k if k > 0 else None)
    print(f"na={na:.0f} nb={nb:.0f} lam_a={lam_a} lam_b={lam_b} k={k} rho={lam_a / lam_b:.3g} sims={int(n)}")
    print(f"  no interval (no hit at all): {d.method.isna().mean():.3f}")
    print(f"  coverage, rows with an interval: {d.cover.dropna().mean():.3f} (n={d.cover.notna().sum()})")
    for m, g in d.groupby("method"):
        print(f"  {m:10s} n={len(g):4d} coverage={g.cover.mean():.3f} median upper={g.hi.median():.3g}")
    z = d[(d.xa == 0) & (d.xb > 0)]
    print(f"  A without a hit: n={len(z)} {z.method.value_counts().to_dict()} coverage={z.cover.mean():.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    main(sys.argv[1:])
