"""Statistics on hand-made tables with known answers, the keyness example worked by hand, and the
Done-when on the bundled ukraine-media sample (RT's Kyiv share far below BBC's and the Guardian's)."""
from __future__ import annotations

import itertools
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from framing import stats
from framing.io import FramingError


# ----------------------------------------------------------------------------- fixtures
def _docs(rows):
    """rows: (doc_id, outlet, n_words[, date])"""
    out = pd.DataFrame([r[:3] for r in rows], columns=["doc_id", "outlet", "n_words"])
    out["date"] = pd.to_datetime([r[3] if len(r) > 3 else "2022-03-01" for r in rows])
    return out


def _hits(rows):
    """rows: (doc_id, feature, key, category[, field])"""
    out = pd.DataFrame([(r[0], r[1], r[2], r[3], r[4] if len(r) > 4 else "text") for r in rows],
                       columns=["doc_id", "feature", "key", "category", "field"])
    out["value"] = ""
    return out


@pytest.fixture()
def small():
    docs = _docs([("a1", "A", 100), ("a2", "A", 300), ("a3", "A", 100),
                  ("b1", "B", 200), ("b2", "B", 200)])
    hits = _hits([("a1", "label", "regime", ""), ("a1", "label", "regime", ""),
                  ("a3", "label", "regime", ""),
                  ("a1", "label", "regime", "", "title"),          # headline: not in body rate
                  ("b1", "hedge", "reportedly", "")])
    return docs, hits


def _poisson_corpus(rates: dict, n_docs: int, seed: int):
    """Documents of several outlets with Poisson hit counts at a known rate per 1,000 words."""
    rng = np.random.default_rng(seed)
    docs, hits = [], []
    for outlet, rate in rates.items():
        for i in range(n_docs):
            doc_id = f"{outlet}{i}"
            w = int(rng.integers(200, 1200))
            docs.append((doc_id, outlet, w))
            # overdispersed: a per-document multiplier (articles differ in topic)
            k = rng.poisson(rate * w / 1000 * rng.gamma(4, 1 / 4))
            hits += [(doc_id, "label", "regime", "")] * int(k)
    return _docs(docs), _hits(hits)


# ----------------------------------------------------------------------------- rates
def test_rates_ratio_of_sums_counts_and_insufficient_flag(small):
    docs, hits = small
    r = stats.outlet_rates(docs, hits, n_boot=200, min_docs=3).set_index("outlet")
    assert r.loc["A", "n_docs"] == 3 and r.loc["A", "n_words"] == 500 and r.loc["A", "n_hits"] == 3
    assert r.loc["A", "rate"] == pytest.approx(3 / 500 * 1000)          # 6.0, ratio of sums
    assert r.loc["A", "n_docs_with_hits"] == 2
    assert r.loc["B", "rate"] == pytest.approx(1 / 400 * 1000)
    # B has 2 documents < min_docs=3: flagged, and no interval is printed
    assert bool(r.loc["B", "insufficient"]) and np.isnan(r.loc["B", "ci_low"])
    assert not r.loc["A", "insufficient"]
    # A's bootstrap interval contains the estimate and lies within the per-document rates (0..20)
    assert 0 <= r.loc["A", "ci_low"] <= 6.0 <= r.loc["A", "ci_high"] <= 20.0


def test_rates_headline_hits_only_when_asked(small):
    docs, hits = small
    body = stats.outlet_rates(docs, hits, n_boot=0).set_index("outlet")
    both = stats.outlet_rates(docs, hits, n_boot=0, field=None).set_index("outlet")
    assert body.loc["A", "n_hits"] == 3 and both.loc["A", "n_hits"] == 4


def test_rates_levels_give_every_group_every_level(small):
    docs, hits = small
    r = stats.outlet_rates(docs, hits, levels=["feature", "key"], n_boot=50, min_docs=1)
    assert len(r) == 4  # 2 outlets x 2 (feature, key) levels, zeros included
    row = r.loc[(r.outlet == "B") & (r.key == "regime")].iloc[0]
    assert row.n_hits == 0 and row.rate == 0 and row.ci_low == 0
    assert row.ci_high == pytest.approx(3.689 / 400 * 1000, rel=1e-3)  # exact Poisson bound, 0 in 400 words


def test_rates_by_outlet_and_month():
    docs = _docs([("a1", "A", 100, "2022-03-02"), ("a2", "A", 100, "2022-04-20"),
                  ("a3", "A", 100, None)])
    hits = _hits([("a1", "label", "regime", ""), ("a3", "label", "regime", "")])
    r = stats.outlet_rates(docs, hits, by=["outlet", "month"], n_boot=0, min_docs=1)
    months = list(r["month"])
    assert months[:2] == ["2022-03", "2022-04"] and pd.isna(months[2])   # undated kept, last
    assert list(r["n_hits"]) == [1, 0, 1]


def test_bootstrap_interval_covers_the_true_rate():
    # 60 simulated corpora with a known rate: a 90% interval should contain it about 90% of the time
    covered = 0
    for rep in range(60):
        docs, hits = _poisson_corpus({"A": 4.0}, n_docs=40, seed=rep)
        r = stats.outlet_rates(docs, hits, n_boot=400, ci=0.90, seed=rep).iloc[0]
        covered += r.ci_low <= 4.0 <= r.ci_high
    assert 0.75 <= covered / 60 <= 0.99


def test_seeded_and_stable_when_an_outlet_is_added():
    docs, hits = _poisson_corpus({"A": 4.0, "B": 2.0}, n_docs=30, seed=1)
    r1 = stats.outlet_rates(docs, hits, n_boot=300)
    r2 = stats.outlet_rates(docs, hits, n_boot=300)
    pd.testing.assert_frame_equal(r1, r2)
    r3 = stats.outlet_rates(docs, hits, n_boot=300, seed=7)
    assert not np.allclose(r1.ci_low, r3.ci_low)
    # adding outlet C does not move A's or B's interval (one random stream per group)
    docs_c, hits_c = _poisson_corpus({"C": 1.0}, n_docs=30, seed=2)
    r4 = stats.outlet_rates(pd.concat([docs, docs_c]), pd.concat([hits, hits_c]), n_boot=300)
    pd.testing.assert_frame_equal(r4.iloc[:2].reset_index(drop=True), r1)


def test_hits_of_unknown_documents_are_ignored_with_a_warning(small):
    docs, hits = small
    hits = pd.concat([hits, _hits([("zz", "label", "regime", "")])])
    with pytest.warns(UserWarning, match="1 hit"):
        r = stats.outlet_rates(docs, hits, n_boot=0)
    assert r.n_hits.sum() == 4


def test_bad_input_is_a_framing_error(small):
    docs, hits = small
    with pytest.raises(FramingError, match="n_words"):
        stats.outlet_rates(docs.drop(columns="n_words"), hits)
    with pytest.raises(FramingError, match="more than once"):
        stats.outlet_rates(pd.concat([docs, docs.iloc[:1]]), hits)
    with pytest.raises(FramingError, match="ci"):
        stats.outlet_rates(docs, hits, ci=95)


def test_empty_hits_give_well_formed_tables(small):
    from framing.schema import empty_hits

    docs, _ = small
    h = empty_hits()
    r = stats.outlet_rates(docs, h, n_boot=50, min_docs=1)
    assert list(r.n_hits) == [0, 0] and (r.ci_high > 0).all()          # Poisson upper bounds
    for table in (stats.variant_shares(docs, h), stats.compare_outlets(docs, h), stats.compare_variant_shares(docs, h),
                  stats.attribution_by_speaker(docs, h), stats.attribution_gap(docs, h)):
        assert table.empty and len(table.columns) > 5


# ----------------------------------------------------------------------------- variant shares
def test_variant_shares_pooled_share_nan_and_wilson():
    from statsmodels.stats.proportion import proportion_confint

    docs = _docs([("x1", "X", 100), ("x2", "X", 100), ("x3", "X", 100), ("y1", "Y", 100)])
    hits = _hits([("x1", "variant", "kyiv", "ukrainian")] * 3 + [("x1", "variant", "kyiv", "russian")]
                 + [("x2", "variant", "kyiv", "russian")] * 2
                 + [("x2", "variant", "odesa", "ukrainian", "title")]
                 + [("y1", "variant", "odesa", "russian")])
    s = stats.variant_shares(docs, hits, n_boot=200, min_docs=2).set_index(["outlet", "key"])
    x = s.loc[("X", "kyiv")]
    assert (x.n_docs, x.n_docs_using, x.n_ukrainian, x.n_russian) == (3, 2, 3, 3)
    assert (x.n_docs_ukrainian_only, x.n_docs_russian_only, x.n_docs_mixed) == (0, 1, 1)
    assert x.share_ukrainian == pytest.approx(0.5)                  # 3 / (3 + 3)
    # resampling 2 documents (shares 3/4 and 0/2) can only give 0, 0.5 or 0.75
    assert x.ci_low == 0 and x.ci_high == 0.75
    lo, hi = proportion_confint(3, 6, alpha=0.05, method="wilson")
    assert (x.wilson_low, x.wilson_high) == pytest.approx((lo, hi))
    assert np.isnan(s.loc[("Y", "kyiv"), "share_ukrainian"])        # Y never names Kyiv
    assert s.loc[("Y", "kyiv"), "n_docs_using"] == 0 and s.loc[("Y", "kyiv"), "insufficient"]
    assert s.loc[("X", "odesa"), "n_ukrainian"] == 1                # headline hits count here


def test_document_bootstrap_covers_where_hit_level_intervals_do_not():
    """Articles are internally consistent (each has its own propensity to write the Ukrainian form):
    the document bootstrap keeps its coverage, a Wilson interval over hits does not."""
    boot = wilson = 0
    for rep in range(60):
        rng = np.random.default_rng(rep)
        docs, hits = [], []
        for i in range(40):
            p = rng.beta(0.5, 0.5)                            # strongly clustered: most articles pick one form
            m = 1 + rng.poisson(6)
            u = rng.binomial(m, p)
            docs.append((f"d{i}", "X", 500))
            hits += [(f"d{i}", "variant", "kyiv", "ukrainian")] * int(u) + [(f"d{i}", "variant", "kyiv", "russian")] * int(m - u)
        s = stats.variant_shares(_docs(docs), _hits(hits), n_boot=400, ci=0.90, seed=rep).iloc[0]
        boot += s.ci_low <= 0.5 <= s.ci_high                 # true share: E[p] = 0.5
        wilson += s.wilson_low <= 0.5 <= s.wilson_high
    assert boot / 60 >= 0.8
    assert wilson / 60 <= boot / 60 - 0.2


def test_unanimous_documents_get_a_wilson_interval_not_a_point():
    from statsmodels.stats.proportion import proportion_confint

    docs = _docs([(f"x{i}", "X", 100) for i in range(8)])
    hits = _hits([(f"x{i}", "variant", "kyiv", "ukrainian") for i in range(8) for _ in range(i + 1)])
    x = stats.variant_shares(docs, hits, n_boot=200).iloc[0]
    assert x.share_ukrainian == 1.0 and x.ci_high == 1.0
    # 8 of 8 documents (not 36 of 36 hits) as the unit
    assert x.ci_low == pytest.approx(proportion_confint(8, 8, method="wilson")[0])
    assert x.ci_low < x.wilson_low


def test_interval_bounds_are_clean_at_zero_and_one():
    """A share of 0 or 1 gets bounds of exactly 0 or 1 (not 2.8e-17 or 0.9999999999999998), every
    share bound lies in [0, 1], every rate bound is >= 0, and no -0.0 or noise below 1e-12 is left."""
    docs = _docs([(f"u{i}", "U", 100) for i in range(7)] + [(f"r{i}", "R", 100) for i in range(7)]
                 + [(f"m{i}", "M", 100) for i in range(7)])
    hits = _hits([(f"u{i}", "variant", "kyiv", "ukrainian") for i in range(7)]
                 + [(f"r{i}", "variant", "kyiv", "russian") for i in range(7) for _ in range(i + 1)]
                 + [(f"m{i}", "variant", "kyiv", "ukrainian" if i % 3 else "russian") for i in range(7)]
                 + [(f"m{i}", "label", "regime", "") for i in range(3)])
    shares = stats.variant_shares(docs, hits, n_boot=200).set_index("outlet")
    assert shares.loc["R", ["share_ukrainian", "ci_low", "wilson_low"]].tolist() == [0.0, 0.0, 0.0]
    assert shares.loc["U", ["share_ukrainian", "ci_high", "wilson_high"]].tolist() == [1.0, 1.0, 1.0]
    rates = stats.outlet_rates(docs, hits, levels=["feature"], n_boot=200)
    for table, cols, top in ((shares, ["ci_low", "ci_high", "wilson_low", "wilson_high"], 1.0),
                             (rates, ["rate", "ci_low", "ci_high"], np.inf)):
        v = table[cols].to_numpy(dtype=float)
        v = v[np.isfinite(v)]
        assert ((v >= 0) & (v <= top)).all()
        assert not ((v != 0) & (np.abs(v) < 1e-12)).any()
        assert not np.signbit(v[v == 0]).any()
    diffs = stats.compare_variant_shares(docs, hits, n_boot=200, n_perm=200)
    assert ((diffs["ci_low"] >= -1) & (diffs["ci_high"] <= 1)).all()


def test_zero_hits_rate_has_a_poisson_upper_bound():
    docs = _docs([(f"x{i}", "X", 500) for i in range(6)])
    r = stats.outlet_rates(docs, _hits([("x0", "label", "regime", "", "title")]), n_boot=100).iloc[0]
    assert r.n_hits == 0 and r.rate == 0 and r.ci_low == 0
    assert r.ci_high == pytest.approx(3.689 / 3000 * 1000, rel=1e-3)   # -ln(0.025) events in 3,000 words


def test_compare_variant_shares_difference_and_interval():
    docs, hits = [], []
    for i in range(20):
        docs += [(f"r{i}", "R", 300), (f"b{i}", "B", 300)]
        hits += [(f"r{i}", "variant", "kyiv", "russian")] * 3 + [(f"r{i}", "variant", "kyiv", "ukrainian")] * (i % 4 == 0)
        hits += [(f"b{i}", "variant", "kyiv", "ukrainian")] * 2
    d = stats.compare_variant_shares(_docs(docs), _hits(hits), key="kyiv", n_boot=500, n_perm=500).iloc[0]
    assert (d.outlet_a, d.outlet_b) == ("B", "R")
    assert d.share_a == 1.0 and d.share_b == pytest.approx(5 / 65)
    assert d.difference == pytest.approx(1 - 5 / 65)
    assert d.excludes_zero and d.p_value < 0.01 and d.significant
    # the interval combines each outlet's own interval (MOVER): B's 20-of-20 documents keep their uncertainty
    s = stats.variant_shares(_docs(docs), _hits(hits), key="kyiv", n_boot=500).set_index("outlet")
    b, r = s.loc["B"], s.loc["R"]
    assert b.ci_high == 1.0 and b.ci_low < 0.85                          # Wilson, 20 documents as unit
    lo = d.difference - np.sqrt((b.share_ukrainian - b.ci_low) ** 2 + (r.ci_high - r.share_ukrainian) ** 2)
    hi = d.difference + np.sqrt((b.ci_high - b.share_ukrainian) ** 2 + (r.share_ukrainian - r.ci_low) ** 2)
    assert (d.ci_low, d.ci_high) == pytest.approx((lo, min(hi, 1.0)))
    assert d.difference - d.ci_low >= b.share_ukrainian - b.ci_low      # at least B's own uncertainty


# ----------------------------------------------------------------------------- comparisons
def test_adjust_pvalues_matches_statsmodels_and_keeps_nan():
    from statsmodels.stats.multitest import multipletests

    p = np.array([0.01, 0.04, np.nan, 0.03, 0.5, 0.001])
    ok = ~np.isnan(p)
    for method, sm_name in (("holm", "holm"), ("bh", "fdr_bh")):
        adj = stats.adjust_pvalues(p, method=method)
        assert np.isnan(adj[2])
        np.testing.assert_allclose(adj[ok], multipletests(p[ok], method=sm_name)[1])
    with pytest.raises(FramingError):
        stats.adjust_pvalues(p, method="bonferroni-ish")


def test_permutation_pvalue_matches_exact_enumeration():
    # 3 + 3 documents: all 20 splits can be enumerated; the Monte Carlo p-value must agree
    docs = _docs([("a1", "A", 100), ("a2", "A", 200), ("a3", "A", 100),
                  ("b1", "B", 100), ("b2", "B", 300), ("b3", "B", 100)])
    counts = {"a1": 3, "a2": 4, "a3": 2, "b1": 1, "b2": 1, "b3": 0}
    hits = _hits([(d, "label", "regime", "") for d, k in counts.items() for _ in range(k)])
    ids = list(counts)
    w = dict(zip(docs.doc_id, docs.n_words))

    def diff(group):
        rest = [i for i in ids if i not in group]
        return (sum(counts[i] for i in group) / sum(w[i] for i in group)
                - sum(counts[i] for i in rest) / sum(w[i] for i in rest))

    obs = diff(["a1", "a2", "a3"])
    splits = list(itertools.combinations(ids, 3))
    exact = sum(abs(diff(list(s))) >= abs(obs) - 1e-12 for s in splits) / len(splits)
    c = stats.compare_outlets(docs, hits, n_perm=20000, n_boot=100, min_docs=3)
    p = c.loc[c.outlet == "A", "p_value"].iloc[0]
    assert exact == pytest.approx(0.1)
    # sequential Monte Carlo stops after ~100 exceedances (about 1,000 permutations here): SD ~0.01
    assert p == pytest.approx(exact, abs=0.03)


def test_compare_outlets_finds_a_real_difference_and_not_a_null_one():
    docs, hits = _poisson_corpus({"A": 8.0, "B": 2.0, "C": 2.0}, n_docs=40, seed=3)
    c = stats.compare_outlets(docs, hits, n_perm=1000, n_boot=500).set_index("outlet")
    assert c.loc["A", "reference"] == "rest"
    true_rr = 8.0 / 2.0
    assert c.loc["A", "ci_low"] < true_rr * 1.05 and c.loc["A", "ci_high"] > true_rr * 0.7
    assert c.loc["A", "p_adjusted"] < 0.01 and c.loc["A", "significant"]
    # Holm across the three rows, as statsmodels does it
    from statsmodels.stats.multitest import multipletests

    np.testing.assert_allclose(c["p_adjusted"], multipletests(c["p_value"], method="holm")[1])
    # B against C: same true rate
    bc = stats.compare_outlets(docs, hits, reference="C", n_perm=1000, n_boot=300).set_index("outlet")
    assert bc.loc["B", "ci_low"] < 1 < bc.loc["B", "ci_high"] and bc.loc["B", "p_value"] > 0.05
    assert "C" not in bc.index


def test_compare_outlets_glm_agrees_with_the_bootstrap():
    docs, hits = _poisson_corpus({"A": 6.0, "B": 3.0}, n_docs=60, seed=5)
    perm = stats.compare_outlets(docs, hits, n_perm=500, n_boot=500).set_index("outlet")
    for fam in ("poisson", "negbin"):
        glm = stats.compare_outlets(docs, hits, method="glm", glm_family=fam).set_index("outlet")
        assert glm.loc["A", "method"] == f"glm-{fam}"
        assert glm.loc["A", "rate_ratio"] == pytest.approx(perm.loc["A", "rate_ratio"], rel=0.15)
        assert glm.loc["A", "ci_low"] > 1 and glm.loc["A", "p_value"] < 0.01
    with pytest.raises(FramingError, match="method"):
        stats.compare_outlets(docs, hits, method="t-test")
    with pytest.raises(FramingError, match="reference"):
        stats.compare_outlets(docs, hits, reference="Nowhere")


def test_rate_ratio_interval_counts_undefined_replicates_conservatively():
    """Replicates where neither group drew a hit (0/0) have no ratio: they are counted, and the
    bounds take them as 0 (lower) and +inf (upper) instead of silently dropping them."""
    a = (1 - 0.9) / 2
    # 20 replicates: 2 undefined (0/0), 1 infinite (reference drew no hit), 17 finite ratios 1..17
    ra = np.array([0.0, 0.0, 5.0] + list(range(1, 18)), dtype=float)[:, None]
    rb = np.array([0.0, 0.0, 0.0] + [1.0] * 17)[:, None]
    lo, hi, undefined = stats._rate_ratio_interval(ra, rb, ci=0.9)
    assert undefined[0] == pytest.approx(0.1)
    assert lo[0] == 0 and hi[0] == np.inf          # 2 of 20 count as 0, 3 of 20 as +inf: both > 5%
    lo, hi, _ = stats._rate_ratio_interval(ra, rb, ci=0.5)   # 25% / 75% points, past the undefined ones
    # sorted with undefined -> 0: 0 0 1 2 3 4 ... 17 inf; 25% point at 4.75 -> 3.75
    # sorted with undefined -> inf: 1 ... 15 16 17 inf inf inf; 75% point at 14.25 -> 15.25
    assert lo[0] == pytest.approx(3.75) and hi[0] == pytest.approx(15.25)
    # dropping the undefined replicates (the old behaviour) gives a finite, narrower lower bound
    kept = np.array([np.inf] + list(range(1, 18)), dtype=float)
    assert np.nanquantile(np.where(np.isinf(kept), np.nan, kept), a) > 0
    # no undefined, no infinite replicate: exactly np.quantile (existing intervals do not move)
    r = np.random.default_rng(1).gamma(2, 1, size=(500, 3))
    lo, hi, undefined = stats._rate_ratio_interval(r, np.ones((500, 3)), ci=0.95)
    np.testing.assert_allclose(lo, np.quantile(r, 0.025, axis=0))
    np.testing.assert_allclose(hi, np.quantile(r, 0.975, axis=0))
    assert (undefined == 0).all()


def test_compare_outlets_reports_undefined_replicates_on_a_rare_feature():
    # A and B each have one document (of 10) with hits: a resample of either misses it with
    # probability 0.9**10 = 0.35, so about 12% of replicates are 0/0 -- too many to bound the ratio
    docs = _docs([(f"a{i}", "A", 500) for i in range(10)] + [(f"b{i}", "B", 500) for i in range(10)])
    hits = _hits([("a0", "label", "regime", "")] * 3 + [("b0", "label", "regime", "")] * 2)
    c = stats.compare_outlets(docs, hits, n_perm=200, n_boot=2000).set_index("outlet")
    assert c.loc["A", "rate_ratio"] == pytest.approx(1.5)
    assert c.loc["A", "boot_undefined"] == pytest.approx(0.9 ** 20, abs=0.03)
    assert c.loc["A", "ci_low"] == 0 and c.loc["A", "ci_high"] == np.inf     # [0, inf]: no bound, said so
    glm = stats.compare_outlets(docs, hits, method="glm")
    assert glm["boot_undefined"].isna().all()                                 # no bootstrap, no share


def test_compare_outlets_rare_real_feature_is_not_a_confident_zero(sample_tables):
    """On the bundled sample "Chernihiv/Chernigov" occurs in a few AP documents only: a resample of
    'the rest' often holds none of them. The old interval for the BBC against the rest was
    [0, 0] -- certainty from 1,000 replicates of which ~35% had no ratio at all."""
    docs, hits = sample_tables
    c = stats.compare_outlets(docs, hits, feature="variant", key="chernihiv", n_perm=200, n_boot=1000)
    bbc = c.loc[c.outlet == "BBC"].iloc[0]
    assert bbc.n_hits == 0 and bbc.n_hits_ref > 0 and bbc.rate_ratio == 0
    assert bbc.boot_undefined > 0.2 and bbc.ci_high == np.inf
    every = stats.compare_outlets(docs, hits, n_perm=100, n_boot=500)
    tested = every.loc[~every.insufficient & np.isfinite(every.rate_ratio)]
    # a finite estimate always gets both bounds (np.quantile gave NaN next to an infinite replicate)
    assert tested.ci_low.notna().all() and tested.ci_high.notna().all()
    assert ((every.boot_undefined >= 0) & (every.boot_undefined <= 1)).all()


def test_exact_rate_ratio_interval_matches_r_poisson_test():
    """The exact conditional interval (Clopper-Pearson on hits_a of hits_a + hits_b, mapped to the
    rate ratio with the word counts as exposures) reproduces R's poisson.test and Fay's
    rateratio.test on their documented examples."""
    lo, hi = stats._exact_rate_ratio_interval(np.array([2.0, 2.0]), np.array([17877.0, 17877.0]),
                                              np.array([10.0, 9.0]), np.array([20000.0, 16660.0]), 0.95)
    np.testing.assert_allclose(lo, [0.02383738, 0.02177406], rtol=1e-6)
    np.testing.assert_allclose(hi, [1.04995468, 1.00054910], rtol=1e-6)
    # no hit in A: 0 to the ratio at which 0 of n is the 2.5% tail; no hit in B: the mirror, to +inf
    lo, hi = stats._exact_rate_ratio_interval(np.array([0.0, 5.0]), np.array([1000.0, 1000.0]),
                                              np.array([5.0, 0.0]), np.array([4000.0, 4000.0]), 0.95)
    p_hi = 1 - 0.025 ** (1 / 5)
    assert lo[0] == 0 and hi[0] == pytest.approx(p_hi / (1 - p_hi) * 4)
    assert lo[1] == pytest.approx((1 - p_hi) / p_hi * 4) and hi[1] == np.inf


def test_compare_outlets_zero_hits_get_an_exact_interval_not_zero_width():
    """A has no hit in 40 documents, B has one in each of 20 of its 40: every bootstrap ratio is 0,
    so the percentile interval is [0, 0]. A zero count is compatible with a positive rate: the
    interval is the exact conditional one, and ci_method says so. Swapping the sides gives
    [exact lower bound, inf]."""
    docs = _docs([(f"a{i}", "A", 500) for i in range(40)] + [(f"b{i}", "B", 500) for i in range(40)])
    hits = _hits([(f"b{i}", "label", "regime", "") for i in range(0, 40, 2)])
    c = stats.compare_outlets(docs, hits, n_perm=200, n_boot=1000).set_index("outlet")
    a, b = c.loc["A"], c.loc["B"]
    assert a.rate_ratio == 0 and a.boot_undefined == 0
    p_hi = 1 - 0.025 ** (1 / 20)                                    # Clopper-Pearson, 0 of 20
    assert a.ci_method == "exact" and a.ci_low == 0 and a.ci_high == pytest.approx(p_hi / (1 - p_hi))
    assert b.ci_method == "exact" and b.ci_high == np.inf and b.ci_low == pytest.approx((1 - p_hi) / p_hi)
    # a comparison where both groups have hits keeps its bootstrap interval
    both = stats.compare_outlets(docs, _hits([("a0", "label", "regime", "")] * 2 + [("b1", "label", "regime", "")]
                                             + [(f"a{i}", "label", "regime", "") for i in range(1, 40, 3)]
                                             + [(f"b{i}", "label", "regime", "") for i in range(0, 40, 4)]),
                                 n_perm=200, n_boot=500)
    assert (both.ci_method == "bootstrap").all() and (both.ci_low < both.ci_high).all()
    glm = stats.compare_outlets(docs, hits, method="glm")
    assert glm.ci_method.isna().all()                                # no estimate, no interval


def test_zero_hit_interval_widens_when_the_other_side_clusters():
    """B's 40 hits sit in 5 of its 40 documents (8 each): hits are not independent, and the exact
    conditional interval, which assumes they are, is too narrow. The upper bound is then the MOVER
    one (exact Poisson bound for A's zero rate, document bootstrap for B's), which is wider."""
    docs = _docs([(f"a{i}", "A", 500) for i in range(40)] + [(f"b{i}", "B", 500) for i in range(40)])
    clustered = _hits([(f"b{i}", "label", "regime", "") for i in range(0, 40, 8) for _ in range(8)])
    spread = _hits([(f"b{i}", "label", "regime", "") for i in range(40)])   # one hit in every document
    p_hi = stats._exact_rate_ratio_interval(np.array([0.0]), np.array([20000.0]), np.array([40.0]),
                                            np.array([20000.0]), 0.95)[1][0]
    c = stats.compare_outlets(docs, clustered, n_perm=200, n_boot=2000).set_index("outlet").loc["A"]
    assert c.ci_method == "mover" and c.ci_low == 0 and c.ci_high > 1.2 * p_hi   # says which bound it is
    s_ = stats.compare_outlets(docs, spread, n_perm=200, n_boot=2000).set_index("outlet").loc["A"]
    assert s_.ci_high == pytest.approx(p_hi) and s_.ci_method == "exact"   # no clustering: the exact bound holds
    lower, upper = stats._mover_zero_bounds(np.zeros((3, 1)), np.array([[1.0], [2.0], [3.0]]), np.array([0.0]),
                                            20000.0, np.array([40.0]), 20000.0, 0.95, 1000.0)
    lb = np.quantile([1.0, 2.0, 3.0], 0.025)
    phi = np.var([1.0, 2.0, 3.0], ddof=1) * 20000.0**2 / (1000.0**2 * 40)   # B's dispersion: 10
    assert upper[0] == pytest.approx(phi * 3.689 / 20000 * 1000 / np.sqrt(lb * (2 * 2.0 - lb)), rel=1e-3)


def test_zero_hit_interval_of_a_small_outlet_allows_for_its_own_clustering():
    """A small outlet (10 documents) has no hit; in the other 100 documents the 80 hits sit 8 each in
    10 of them. At equal rates per document, 10 documents without the word happen 0.9^10 = 35% of the
    time, so the data cannot say the small outlet uses it less: the interval must contain 1. The
    exact bound (and the MOVER bound with a plain Poisson bound for the zero count, ~0.46 and ~0.6)
    excluded it; the zero count's bound now takes the other group's dispersion."""
    docs = _docs([(f"a{i}", "A", 500) for i in range(10)] + [(f"b{i}", "B", 500) for i in range(100)])
    hits = _hits([(f"b{i}", "label", "regime", "") for i in range(0, 100, 10) for _ in range(8)])
    c = stats.compare_outlets(docs, hits, reference="B", n_perm=500, n_boot=2000).iloc[0]
    exact_hi = stats._exact_rate_ratio_interval([0.0], [5000.0], [80.0], [50000.0], 0.95)[1][0]
    assert exact_hi < 0.5
    assert c.n_hits == 0 and c.ci_method == "mover" and c.ci_low == 0 and c.ci_high > 1
    assert c.p_value > 0.2                                           # the document permutation test agrees


def test_compare_outlets_real_zero_hit_rows_are_not_zero_width(sample_tables):
    """On the bundled sample "purported" occurs 4 times, none in the BBC: the bootstrap interval of
    BBC against the rest was [0, 0] (1.7% of replicates undefined). Now every row where one side
    has no hit has an interval of positive width: exact where the bootstrap collapsed, the
    conservative bootstrap [0, inf] where too many replicates had no ratio (Chernihiv)."""
    from scipy.stats import binomtest

    docs, hits = sample_tables
    c = stats.compare_outlets(docs, hits, n_perm=200, n_boot=2000)
    p = c.loc[(c.outlet == "BBC") & (c.key == "purported")].iloc[0]
    assert (p.n_hits, p.n_hits_ref) == (0, 4) and p.boot_undefined < 0.025
    w = docs.loc[docs.outlet == "BBC", "n_words"].sum()
    w_ref = docs.loc[docs.outlet != "BBC", "n_words"].sum()
    p_hi = binomtest(0, 4).proportion_ci(0.95, method="exact").high
    assert p.ci_method == "exact" and p.ci_low == 0
    assert p.ci_high == pytest.approx(p_hi / (1 - p_hi) * w_ref / w)     # about 18: weak evidence, said so
    one_zero = c.loc[~c.insufficient & ((c.n_hits == 0) != (c.n_hits_ref == 0))]
    assert len(one_zero) > 20 and (one_zero.ci_high > one_zero.ci_low).all()
    chernihiv = c.loc[(c.outlet == "BBC") & (c.key == "chernihiv")].iloc[0]
    assert chernihiv.ci_method == "bootstrap" and chernihiv.ci_high == np.inf
    assert set(c.loc[c.ci_low.notna(), "ci_method"]) == {"bootstrap", "exact", "mover"}
    # NYT against the rest for "Mykolaiv" (39 hits in 15 documents of the rest, none in the NYT):
    # the exact bound (0.48) assumes independent hits and claims the NYT uses the name less than
    # half as often; the document permutation test finds no difference (p ~ 0.17). The MOVER bound
    # with the rest's dispersion for the NYT's zero count is the one reported, and ci_method names it
    myk = c.loc[(c.outlet == "NYT") & (c.key == "mykolaiv")].iloc[0]
    assert (myk.n_hits, myk.n_hits_ref) == (0, 39) and myk.ci_method == "mover" and myk.ci_low == 0
    w = docs.loc[docs.outlet == "NYT", "n_words"].sum()
    exact_hi = stats._exact_rate_ratio_interval([0.0], [w], [39.0], [docs.n_words.sum() - w], 0.95)[1][0]
    assert exact_hi == pytest.approx(0.48, abs=0.01) and myk.ci_high > 2
    # no zero-count interval claims a difference that the document permutation test plainly does
    # not see (before: BBC "Odesa" [0, 0.72], NYT "Mykolaiv", Reuters "Kharkiv" [0, 0.91], p > 0.1)
    zero = c.loc[c.ci_method.isin(["exact", "mover"])]
    unclear = zero.loc[zero.p_value > 0.1]
    assert len(unclear) >= 10 and ((unclear.ci_low <= 1) & (unclear.ci_high >= 1)).all()
    assert c.loc[c.ci_low.isna(), "ci_method"].isna().all()


# ----------------------------------------------------------------------------- attribution
@pytest.mark.parametrize("name,group", [
    ("Vladimir Zelensky", "Zelensky"), ("Zelenskyy", "Zelensky"), ("President Volodymyr Zelenskiy", "Zelensky"),
    ("Zelensky's", "Zelensky"), ("Putin spokesman Dmitry Peskov", "Peskov"), ("Sergei Lavrov", "Lavrov"),
    ("Recep Tayyip Erdoğan", "Erdogan"), ("Jane Doe", "Doe"), ("Donald Trump", "Trump"), ("Trump", "Trump"),
    ("Kiev", "Kyiv (government)"), ("Kyiv", "Kyiv (government)"), ("Ukrainian officials", "Ukrainian officials"),
    ("the ministry", "Ministry"), ("Russian Defense Ministry", "Russian Defense Ministry"), ("Kremlin", "Kremlin"),
    ("Zelensky’s adviser", "Zelensky adviser"), ("President Zelensky's office", "President Zelensky office"),
    ("Putin's spokesman Dmitry Peskov", "Peskov"), ("Volodymyr Zelensky's", "Zelensky"),
    ("he", None), ("She", None), ("The", None), ("", None),
])
def test_speaker_grouping_by_surname(name, group):
    assert stats._speaker_key(name, stats.DEFAULT_SPEAKERS, fallback=True) == group


def test_attribution_by_speaker_shares_and_counts():
    docs = _docs([(f"r{i}", "RT", 300) for i in range(6)] + [(f"g{i}", "Guardian", 300) for i in range(6)])
    rows = []
    for i in range(6):
        rows += [(f"r{i}", "Vladimir Zelensky", "distancing"), (f"r{i}", "Zelenskyy", "neutral"),
                 (f"r{i}", "Putin", "neutral")]
        rows += [(f"g{i}", "Volodymyr Zelensky", "neutral"), (f"g{i}", "Putin", "distancing"),
                 (f"g{i}", "he", "neutral")]
    hits = pd.DataFrame(rows, columns=["doc_id", "speaker", "cue_category"])
    hits["feature"], hits["key"] = "quote", "direct"
    a = stats.attribution_by_speaker(docs, hits, min_quotes=5, n_boot=200)
    z = a.loc[(a.speaker == "Zelensky") & (a.outlet == "RT")].set_index("cue_category")
    assert list(z.index) == ["neutral", "endorsing", "distancing"]
    assert z.loc["distancing", "share"] == pytest.approx(0.5) and z.loc["neutral", "n_quotes"] == 12
    assert z.loc["distancing", "n_docs"] == 6 and z.loc["endorsing", "share"] == 0
    p = a.loc[(a.speaker == "Putin") & (a.outlet == "Guardian")].set_index("cue_category")
    assert p.loc["distancing", "share"] == 1.0
    assert set(a.speaker) == {"Zelensky", "Putin"}                  # "he" dropped
    groups = stats.speaker_groups(hits)
    assert set(groups.loc[groups.speaker_group == "Zelensky", "speaker"]) == {
        "Vladimir Zelensky", "Zelenskyy", "Volodymyr Zelensky"}
    few = stats.attribution_by_speaker(docs.iloc[:3], hits, speakers=["Putin"], min_docs=5, n_boot=50)
    assert few.insufficient.all() and few.ci_low.isna().all()


def test_attribution_gap_pairs_the_two_speakers_within_documents():
    docs = _docs([(f"r{i}", "RT", 300) for i in range(8)] + [(f"g{i}", "Guardian", 300) for i in range(8)])
    rows = []
    for i in range(8):
        # RT: Kiev "claimed" (distancing), Moscow "said"; Guardian: both "said", one distancing for Moscow
        rows += [(f"r{i}", "Kiev", "distancing"), (f"r{i}", "Kiev", "distancing" if i % 4 else "neutral"),
                 (f"r{i}", "Moscow", "neutral")]
        rows += [(f"g{i}", "Kyiv", "neutral"), (f"g{i}", "Moscow", "distancing" if i == 0 else "neutral")]
    hits = pd.DataFrame(rows, columns=["doc_id", "speaker", "cue_category"])
    hits["feature"], hits["key"] = "reported_speech", "reported"
    g = stats.attribution_gap(docs, hits, speakers=("Kyiv (government)", "Moscow"), n_boot=300).set_index("outlet")
    rt = g.loc["RT"]
    assert (rt.n_quotes_a, rt.n_quotes_b, rt.n_docs) == (16, 8, 8)
    assert rt.share_a == pytest.approx(14 / 16) and rt.share_b == 0 and rt.difference == pytest.approx(14 / 16)
    assert rt.ci_low > 0.5 and rt.excludes_zero
    gu = g.loc["Guardian"]
    assert gu.difference == pytest.approx(-1 / 8) and gu.ci_low < 0 < gu.ci_high and not gu.excludes_zero
    # Guardian's Kyiv share is 0 in all 8 documents: the interval still has room above 0 (MOVER, Wilson)
    assert gu.ci_high > 0.2 and gu.ci_method == "mover"
    assert rt.ci_method == "mover"                              # RT's Moscow share is 0 in every document too
    # every document quotes both speakers: no draw lacks one
    assert rt.boot_undefined == 0 and gu.boot_undefined == 0
    with pytest.raises(FramingError, match="category"):
        stats.attribution_gap(docs, hits, category="sceptical")


def test_attribution_gap_counts_draws_without_one_speaker():
    """30 RT documents, only 2 quote Moscow: a resample misses both with probability
    (28/30)**30 = 0.127, and its Moscow share -- hence the gap -- is undefined. Those draws bound
    the interval (-1 / +1) instead of being dropped."""
    docs = _docs([(f"r{i}", "RT", 300) for i in range(30)])
    rows = [(f"r{i}", "Kiev", "distancing" if i % 3 else "neutral") for i in range(30)]
    rows += [("r0", "Moscow", "neutral"), ("r1", "Moscow", "distancing")]
    hits = pd.DataFrame(rows, columns=["doc_id", "speaker", "cue_category"])
    hits["feature"], hits["key"] = "reported_speech", "reported"
    g = stats.attribution_gap(docs, hits, speakers=("Kyiv (government)", "Moscow"), n_boot=2000,
                              min_docs=2).iloc[0]
    assert g.difference == pytest.approx(20 / 30 - 1 / 2)
    assert g.ci_low == -1 and g.ci_high == 1 and not g.excludes_zero      # dropping them gave [-0.40, 0.77]
    # ... and the table says how many there were, as compare_outlets does
    assert g.boot_undefined == pytest.approx((28 / 30) ** 30, abs=0.03) and g.ci_method == "bootstrap"
    # with every draw defined the interval is the plain percentile interval
    lo, hi, u = stats._difference_interval(np.array([-0.2, 0.0, 0.1, 0.3]), 0.5)
    assert (lo, hi, u) == (pytest.approx(np.quantile([-0.2, 0.0, 0.1, 0.3], 0.25)),
                           pytest.approx(np.quantile([-0.2, 0.0, 0.1, 0.3], 0.75)), 0.0)


# ----------------------------------------------------------------------------- keyness
def _worked_example(test_data):
    md = (test_data / "stats" / "keyness_worked_example.md").read_text(encoding="utf-8")
    corpus = re.search(r"\| doc \| outlet \| clean_text \|\n\|[- |]+\|\n((?:\|.*\|\n)+)", md).group(1)
    docs = pd.DataFrame([[c.strip() for c in line.strip().strip("|").split("|")] for line in corpus.splitlines()],
                        columns=["doc_id", "outlet", "clean_text"])
    table = md.split("## Expected results")[1]
    lines = [ln for ln in table.splitlines() if ln.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    expected = pd.DataFrame([[c.strip() for c in ln.strip("|").split("|")] for ln in lines[2:]], columns=header)
    for c in header:
        if c not in ("term", "direction"):
            expected[c] = expected[c].astype(float)
    return docs, expected.set_index("term")


def test_keyness_reproduces_the_hand_worked_example(test_data):
    docs, exp = _worked_example(test_data)
    k = stats.keyness(docs, target="A", min_count=1).set_index("term")
    assert sorted(k.index) == sorted(exp.index)
    assert (k["n_target"] == 7).all() and (k["n_reference"] == 10).all()
    for term, e in exp.iterrows():
        assert k.loc[term, "count_target"] == e.count_target
        assert k.loc[term, "count_reference"] == e.count_reference
        assert k.loc[term, "g2"] == pytest.approx(e.g2, abs=1e-5)
        assert k.loc[term, "log_ratio"] == pytest.approx(e.log_ratio, abs=1e-5)
        assert k.loc[term, "direction"] == e.direction
    assert list(k.index[:2]) == ["kyiv", "kiev"]                      # sorted by G²
    from scipy.stats import chi2

    assert k.loc["kiev", "p_value"] == pytest.approx(chi2.sf(exp.loc["kiev", "g2"], 1), rel=1e-4)
    from statsmodels.stats.multitest import multipletests

    np.testing.assert_allclose(k["p_adjusted"], multipletests(k["p_value"], method="fdr_bh")[1])


def test_log_odds_reproduces_the_hand_worked_example(test_data):
    docs, exp = _worked_example(test_data)
    lo = stats.log_odds_dirichlet(docs, target="A", min_count=1).set_index("term")
    for term, e in exp.iterrows():
        assert lo.loc[term, "prior"] == pytest.approx(e.prior)
        assert lo.loc[term, "delta"] == pytest.approx(e.delta, abs=1e-5)
        assert lo.loc[term, "variance"] == pytest.approx(e.variance, abs=1e-5)
        assert lo.loc[term, "z"] == pytest.approx(e.z, abs=1e-5)
    assert lo.index[0] == "kiev"                                      # sorted by z
    # min_count filters rare terms after the prior is computed on the whole vocabulary
    assert set(stats.log_odds_dirichlet(docs, target="A", min_count=4)["term"]) == {"kiev", "war"}
    # rescaling the prior to alpha0 = 1.7 (a tenth) changes delta as the formula says
    small = stats.log_odds_dirichlet(docs, target="A", min_count=1, alpha0=1.7).set_index("term")
    a_w = 0.4
    expect = np.log((3 + a_w) / (7 + 1.7 - 3 - a_w)) - np.log((1 + a_w) / (10 + 1.7 - 1 - a_w))
    assert small.loc["kiev", "delta"] == pytest.approx(expect)


def test_keyness_bigrams_and_errors(test_data):
    docs, _ = _worked_example(test_data)
    k = stats.keyness(docs, target="A", ngram_range=(2, 2), min_count=1).set_index("term")
    assert k.loc["kiev claimed", "count_target"] == 1 and k.loc["the war", "count_reference"] == 1
    with pytest.raises(FramingError, match="no document"):
        stats.keyness(docs, target="Z")
    # an outlet whose texts are all empty: a clear error naming the empty side, not NaN G² / inf ratios
    empty = pd.concat([docs, pd.DataFrame({"doc_id": ["e1", "e2"], "outlet": ["E", "E"], "clean_text": ["", None]})])
    for fn in (stats.keyness, stats.log_odds_dirichlet):
        with pytest.raises(FramingError, match=r"the target corpus is empty: its 2 document\(s\) \(outlet = 'E'\)"):
            fn(empty, target="E", min_count=1)
    only_a = pd.concat([docs.loc[docs.outlet == "A"],
                        pd.DataFrame({"doc_id": ["e1"], "outlet": ["E"], "clean_text": ["  "]})])
    with pytest.raises(FramingError, match="the reference corpus is empty.*outlet other than 'A'"):
        stats.keyness(only_a, target="A", min_count=1)
    blank = pd.DataFrame({"outlet": ["A", "B"], "clean_text": ["", ""]})
    with pytest.raises(FramingError, match="no term .* both the target .* and the reference are empty"):
        stats.keyness(blank, target="A")
    us = pd.DataFrame({"outlet": ["A", "B"], "clean_text": ["The U.S. said Kyiv's", "the U.K. said Kyiv"]})
    terms = set(stats.keyness(us, target="A", min_count=1)["term"])
    assert {"u.s.", "u.k.", "kyiv's", "kyiv"} <= terms and "u" not in terms   # spellings kept as written


# ----------------------------------------------------------------------------- distinctiveness
def _feature_table(seed=0, n=40):
    rng = np.random.default_rng(seed)
    rows = []
    for outlet, (lam_a, lam_b) in {"RT": (6, 1), "BBC": (1, 1), "Guardian": (1, 4)}.items():
        for i in range(n):
            w = int(rng.integers(300, 900))
            rows.append({"doc_id": f"{outlet}{i}", "outlet": outlet, "n_words": w,
                         "variant:kyiv:Kiev": rng.poisson(lam_a * w / 500),
                         "label:regime:regime": rng.poisson(lam_b * w / 500),
                         "hedge:reportedly:reportedly": rng.poisson(w / 500),
                         "share_ukrainian:kyiv": np.nan})
    return pd.DataFrame(rows)


def test_outlet_classifier_beats_the_majority_baseline():
    res = stats.outlet_classifier(_feature_table(), cv=5, top=2)
    s = res.summary.set_index("model")
    assert s.loc["logistic regression", "balanced_accuracy_mean"] > s.loc["majority baseline", "balanced_accuracy_mean"] + 0.3
    assert s.loc["majority baseline", "balanced_accuracy_mean"] == pytest.approx(1 / 3)
    assert s.loc["logistic regression", "n_features"] == 3                 # share_ column left out
    top = res.top_features
    assert top.loc[(top.outlet == "RT") & (top["rank"] == 1), "feature"].item() == "variant:kyiv:Kiev"
    assert top.loc[(top.outlet == "Guardian") & (top["rank"] == 1), "feature"].item() == "label:regime:regime"
    assert res.confusion.to_numpy().sum() == 120 and len(res.folds) == 10
    again = stats.outlet_classifier(_feature_table(), cv=5, top=2)
    pd.testing.assert_frame_equal(res.summary, again.summary)


def test_outlet_map_coordinates_and_variance():
    ft = _feature_table()
    ft = pd.concat([ft, ft.assign(outlet=ft.outlet + "2", doc_id=ft.doc_id + "b")])
    m = stats.outlet_map(ft)
    assert list(m.coords.columns) == ["outlet", "n_docs", "pc1", "pc2"] and len(m.coords) == 6
    ev = m.explained.explained_variance_ratio
    assert 0.5 < ev.sum() <= 1 + 1e-9 and ev.iloc[0] >= ev.iloc[1]
    c = m.coords.set_index("outlet")
    # an outlet and its copy with the same profile land at the same point
    assert c.loc["RT", "pc1"] == pytest.approx(c.loc["RT2", "pc1"], abs=1e-6)
    assert abs(c.loc["RT", "pc1"] - c.loc["Guardian", "pc1"]) > 1
    with pytest.raises(FramingError, match="three outlets"):
        stats.outlet_map(ft, min_docs=1000)


# ----------------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def sample_tables(raw_dir):
    path = raw_dir / "ukraine-media-sample"
    if not path.is_dir():
        pytest.skip(f"{path} not found")
    ingest = pytest.importorskip("framing.ingest")
    features = pytest.importorskip("framing.features")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = ingest.ingest_paths([path])
        hits = features.extract_hits(docs, extractors=("lexical",))
    return docs, hits


def test_done_when_rt_kyiv_share_far_below_bbc_and_guardian(sample_tables):
    docs, hits = sample_tables
    d = stats.compare_variant_shares(docs, hits, key="kyiv", pairs=[("RT", "BBC"), ("RT", "Guardian")])
    for row in d.itertuples():
        assert row.share_a < 0.1 and row.share_b > 0.9, row
        assert row.difference < -0.8 and row.ci_high < 0 and row.excludes_zero, row
        assert row.n_docs_a >= 10 and row.n_docs_b >= 10 and row.significant
    s = stats.variant_shares(docs, hits, key="kyiv").set_index("outlet")
    assert s.loc["RT", "ci_high"] < s.loc["BBC", "ci_low"] and s.loc["RT", "ci_high"] < s.loc["Guardian", "ci_low"]


def test_real_sample_rates_keyness_and_classifier(sample_tables):
    docs, hits = sample_tables
    r = stats.outlet_rates(docs, hits, levels="feature", n_boot=300)
    assert set(r.outlet) == set(docs.outlet) and (r.ci_low <= r.rate + 1e-12).all()
    k = stats.keyness(docs, target="RT", min_count=10)
    top = k.loc[k.direction == "target", "term"].head(30).tolist()
    assert "kiev" in top                                              # RT's spelling stands out
    lo = stats.log_odds_dirichlet(docs, target="RT", min_count=10)
    assert "kiev" in lo.head(30)["term"].tolist()
    features = pytest.importorskip("framing.features")
    ft = features.doc_features(docs, hits)
    res = stats.outlet_classifier(ft, cv=5)
    s = res.summary.set_index("model")
    assert s.loc["logistic regression", "balanced_accuracy_mean"] > s.loc["majority baseline", "balanced_accuracy_mean"]
    assert res.top_features.loc[(res.top_features.outlet == "RT"), "feature"].str.contains("Kiev|Kharkov").any()


@pytest.mark.slow
@pytest.mark.shared
def test_whole_corpus_rt_against_every_other_outlet(shared_corpus):
    """On all ~6,900 articles: RT's Kyiv share is below every other outlet's, intervals excluding 0."""
    ingest = pytest.importorskip("framing.ingest")
    features = pytest.importorskip("framing.features")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = ingest.ingest_paths([shared_corpus / "data"])
        hits = features.extract_hits(docs, extractors=("lexical",))
    others = sorted(set(docs.outlet) - {"RT"})
    d = stats.compare_variant_shares(docs, hits, key="kyiv", pairs=[("RT", o) for o in others], n_boot=500, n_perm=500)
    ok = d.loc[~d.insufficient]
    assert len(ok) >= 10
    assert (ok.difference < -0.9).all() and (ok.ci_high < 0).all() and ok.significant.all()
    c = stats.compare_outlets(docs, hits, feature="variant", key="kyiv", n_perm=500, n_boot=300)
    assert c.loc[(c.outlet == "RT") & (c.key == "kyiv"), "significant"].all()
