"""Every figure type drawn from real stats output, saved in PDF, SVG and PNG twice (byte-identical),
and the PNG's pixels checked: expected size for inches × dpi, not blank."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from framing import plots, stats  # noqa: E402
from framing.io import FramingError  # noqa: E402


@pytest.fixture(scope="module")
def tables():
    """Small synthetic corpus (3 outlets, one with too few documents) through the stats functions."""
    rng = np.random.default_rng(0)
    docs, hits = [], []
    words = ["kyiv", "kiev", "war", "special", "operation", "invasion", "regime", "said", "claimed"]
    for outlet, n, p_ukr in (("BBC", 40, 0.95), ("RT", 40, 0.05), ("Tiny", 3, 0.5)):
        for i in range(n):
            doc_id = f"{outlet}{i}"
            month = f"2022-0{3 + i % 4}-15"
            docs.append({"doc_id": doc_id, "outlet": outlet, "n_words": 400, "date": pd.Timestamp(month),
                         "clean_text": " ".join(rng.choice(words, 40))})
            for _ in range(rng.poisson(3)):
                hits.append({"doc_id": doc_id, "field": "text", "feature": "variant", "key": rng.choice(["kyiv", "kharkiv"]),
                             "category": "ukrainian" if rng.random() < p_ukr else "russian", "speaker": "",
                             "cue_category": ""})
            for _ in range(rng.poisson(2 if outlet == "RT" else 1)):
                hits.append({"doc_id": doc_id, "field": "text", "feature": "label", "key": "regime",
                             "category": "", "speaker": "", "cue_category": ""})
            for sp in ("Vladimir Zelensky", "Putin"):
                hits.append({"doc_id": doc_id, "field": "text", "feature": "quote", "key": "direct", "category": "",
                             "speaker": sp, "cue_category": rng.choice(["neutral", "endorsing", "distancing"])})
    docs, hits = pd.DataFrame(docs), pd.DataFrame(hits)
    ft = pd.DataFrame({"outlet": ["A", "B", "C", "D"], "n_docs": [10, 12, 9, 20], "pc1": [1.0, -0.5, 0.2, -0.7],
                       "pc2": [0.1, 0.4, -0.8, 0.3]})
    return {
        "shares": stats.variant_shares(docs, hits, n_boot=200),
        "diffs": stats.compare_variant_shares(docs, hits, n_boot=200, n_perm=200, min_docs=2),
        "rates": stats.outlet_rates(docs, hits, levels=["feature", "key"], n_boot=200),
        "monthly": stats.outlet_rates(docs, hits, by=["outlet", "month"], feature="label", n_boot=200),
        "compare": stats.compare_outlets(docs, hits, n_perm=200, n_boot=200),
        "keyness": stats.keyness(docs, target="RT", min_count=1),
        "logodds": stats.log_odds_dirichlet(docs, target="RT", min_count=1),
        "attribution": stats.attribution_by_speaker(docs, hits, min_quotes=5, n_boot=200),
        "gap": stats.attribution_gap(docs, hits, n_boot=200),
        "map": ft,
        "docs": docs,
        "hits": hits,
    }


def _figures(t):
    return {
        "variant_shares": plots.plot_variant_shares(t["shares"], key="kyiv"),
        "variant_shares_keys": plots.plot_variant_shares(t["shares"]),
        "share_differences": plots.plot_share_differences(t["diffs"]),
        "rate_ratios": plots.plot_rate_ratios(t["compare"]),
        "heatmap": plots.plot_heatmap(t["rates"]),
        "time_series": plots.plot_time_series(t["monthly"]),
        "keyness": plots.plot_keyness(t["keyness"], n=5, target_label="RT"),
        "log_odds": plots.plot_keyness(t["logodds"], n=5),
        "cue_categories": plots.plot_cue_categories(t["attribution"]),
        "attribution_gap": plots.plot_attribution_gap(t["gap"]),
        "outlet_map": plots.plot_outlet_map(t["map"], explained=pd.DataFrame(
            {"component": ["pc1", "pc2"], "explained_variance_ratio": [0.6, 0.3]})),
    }


def test_every_figure_in_three_formats_byte_identical(tables, tmp_path):
    first = _figures(tables)
    written = {}
    for name, fig in first.items():
        paths = plots.save_figure(fig, tmp_path / "a" / name)
        assert [p.suffix for p in paths] == [".pdf", ".svg", ".png"]
        written[name] = [p.read_bytes() for p in paths]
        assert written[name][0].startswith(b"%PDF") and b"<svg" in written[name][1][:2000]
        assert written[name][2].startswith(b"\x89PNG")
        assert b"CreationDate" not in written[name][0]                # no dates in the metadata
        assert b"<dc:date>" not in written[name][1]
    plt.close("all")
    # the same input drawn again from scratch gives the same bytes
    for name, fig in _figures(tables).items():
        paths = plots.save_figure(fig, tmp_path / "b" / name)
        for old, new in zip(written[name], (p.read_bytes() for p in paths)):
            assert old == new, f"{name}: output differs between two runs"
    plt.close("all")
    assert not [p for p in tmp_path.rglob(".*")], "temporary files left behind"


def test_png_pixels_have_the_expected_size_and_are_not_blank(tables, tmp_path):
    fig = plots.plot_variant_shares(tables["shares"], key="kyiv")
    w_in, h_in = fig.get_size_inches()
    assert w_in == pytest.approx(plots.ONE_COLUMN)
    png = plots.save_figure(fig, tmp_path / "shares", formats=("png",), dpi=300)[0]
    img = mpimg.imread(png)
    assert img.shape[:2] == (round(h_in * 300), round(w_in * 300))
    rgb = img[..., :3]
    non_white = (rgb < 0.95).any(axis=-1).mean()
    assert 0.01 < non_white < 0.6, non_white                            # ink, but not a filled block
    # the Okabe-Ito blue of the dots is really there
    blue = np.array([0x00, 0x72, 0xB2]) / 255
    assert (np.abs(rgb - blue).max(axis=-1) < 0.05).sum() > 50
    plt.close(fig)


def test_heatmap_png_two_column_width(tables, tmp_path):
    fig = plots.plot_heatmap(tables["rates"])
    png = plots.save_figure(fig, tmp_path / "heat.png", formats=("png",), dpi=150)[0]
    assert png.name == "heat.png"
    img = mpimg.imread(png)
    assert img.shape[1] == round(plots.TWO_COLUMN * 150)
    assert img[..., :3].std() > 0.1                                      # colours, not a flat image
    plt.close(fig)


def test_insufficient_rows_are_labelled_not_plotted_as_confident(tables):
    fig = plots.plot_variant_shares(tables["shares"], key="kyiv")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(lab.startswith("Tiny") and "too few" in lab for lab in labels)
    assert any(lab.startswith("RT (n=") for lab in labels)
    # one row per key, one colour per outlet: the n is the documents using the key, not all documents
    fig3 = plots.plot_variant_shares(tables["shares"], label="key", hue="outlet")
    notes = [t.get_text() for t in fig3.axes[0].texts]
    using = tables["shares"]["n_docs_using"].astype(int)
    assert {f"n={n}" for n in using[~tables["shares"].insufficient]} <= set(notes)
    assert any(t.endswith("(too few)") for t in notes)
    fig2 = plots.plot_cue_categories(tables["attribution"])
    texts = [t.get_text() for t in fig2.axes[0].texts]
    assert "too few documents" in texts
    plt.close("all")


def test_draws_on_a_given_axes(tables):
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(7, 3))
    assert plots.plot_time_series(tables["monthly"], ax=ax1) is fig
    assert plots.plot_keyness(tables["keyness"], ax=ax2) is fig
    assert ax1.get_ylabel() == "Hits per 1,000 words"
    plt.close(fig)


def test_house_style_is_scoped_and_shipped():
    assert plots.style_path().is_file()
    before = matplotlib.rcParams["axes.spines.top"]
    with plots.house_style():
        assert matplotlib.rcParams["axes.spines.top"] is False
        assert matplotlib.rcParams["svg.hashsalt"] == "framing"
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0].lower() in ("#0072b2", "0072b2")
    assert matplotlib.rcParams["axes.spines.top"] == before


def test_bad_input_is_a_framing_error(tables, tmp_path):
    with pytest.raises(FramingError, match="share_ukrainian"):
        plots.plot_variant_shares(tables["rates"])
    fig = plots.plot_keyness(tables["keyness"])
    with pytest.raises(FramingError, match="format"):
        plots.save_figure(fig, tmp_path / "x", formats=("jpg",))
    plt.close(fig)


def test_unbounded_intervals_end_in_arrowheads_and_zero_ratios_are_left_out():
    c = pd.DataFrame({"feature": ["hedge"] * 3, "key": ["purported", "alleged", "self_proclaimed"],
                      "outlet": ["RT"] * 3, "reference": ["rest"] * 3, "n_docs": [60] * 3,
                      "rate_ratio": [11.6, 1.4, 0.0], "ci_low": [0.0, 0.35, 0.0], "ci_high": [np.nan, 3.3, 0.0]})
    fig = plots.plot_rate_ratios(c)
    ax = fig.axes[0]
    markers = {ln.get_marker() for ln in ax.get_lines() if len(ln.get_xdata())}
    assert {">", "<", "o"} <= markers
    assert [t.get_text() for t in ax.get_yticklabels()] == ["hedge · purported", "hedge · alleged"]
    assert "RT (n=60) / rest" in ax.get_xlabel()
    plt.close(fig)


def test_attribution_gap_rows_are_labelled_by_the_grouping_only(tables):
    """Row labels are the grouping columns of attribution_gap (outlet, or outlet and month), never
    one of its numeric columns (boot_undefined, ci_method) or a column added later."""
    gap = tables["gap"]
    assert {"boot_undefined", "ci_method"} <= set(gap.columns)
    want = {f"{o} (n={n}{', too few' if bad else ''})" for o, n, bad in zip(gap.outlet, gap.n_docs, gap.insufficient)}
    for table in (gap, gap.assign(new_statistic=0.5)):
        fig = plots.plot_attribution_gap(table)
        assert {t.get_text() for t in fig.axes[0].get_yticklabels()} == want
        plt.close(fig)
    monthly = stats.attribution_gap(tables["docs"], tables["hits"], by=["outlet", "month"], n_boot=100, min_docs=2)
    fig = plots.plot_attribution_gap(monthly)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == len(monthly) and all(lab.split(" (n=")[0].count(" · ") == 1 for lab in labels)
    assert any(lab.startswith("RT · 2022-04 (n=") for lab in labels)
    plt.close(fig)


def test_nothing_to_draw_is_a_framing_error_in_every_plot_function(tables):
    """An empty table (or one with no finite estimate) raises FramingError naming the function,
    never a bare ValueError from pandas or matplotlib, and leaves no figure open."""
    empty = {name: df.iloc[:0] for name, df in tables.items() if isinstance(df, pd.DataFrame)}
    calls = {
        "plot_intervals": lambda: plots.plot_intervals(empty["rates"], estimate="rate"),
        "plot_variant_shares": lambda: plots.plot_variant_shares(empty["shares"]),
        "plot_share_differences": lambda: plots.plot_share_differences(empty["diffs"]),
        "plot_rate_ratios": lambda: plots.plot_rate_ratios(empty["compare"]),
        "plot_attribution_gap": lambda: plots.plot_attribution_gap(empty["gap"]),
        "plot_heatmap": lambda: plots.plot_heatmap(empty["rates"]),
        "plot_time_series": lambda: plots.plot_time_series(empty["monthly"]),
        "plot_keyness": lambda: plots.plot_keyness(empty["keyness"]),
        "plot_cue_categories": lambda: plots.plot_cue_categories(empty["attribution"]),
        "plot_outlet_map": lambda: plots.plot_outlet_map(empty["map"]),
    }
    open_before = len(plt.get_fignums())
    for name, call in calls.items():
        with pytest.raises(FramingError, match=rf"{name}: nothing to draw"):
            call()
    # rows, but none that a log axis can place: every rate ratio infinite or zero
    c = pd.DataFrame({"feature": ["hedge"] * 2, "key": ["a", "b"], "outlet": ["RT"] * 2, "n_docs": [9] * 2,
                      "rate_ratio": [np.inf, 0.0], "ci_low": [1.0, 0.0], "ci_high": [np.inf, 0.5]})
    with pytest.raises(FramingError, match="plot_rate_ratios: nothing to draw .*log axis"):
        plots.plot_rate_ratios(c)
    with pytest.raises(FramingError, match="plot_intervals: nothing to draw .*no finite"):
        plots.plot_intervals(c.assign(rate_ratio=np.nan), estimate="rate_ratio", label="key", n=None)
    assert len(plt.get_fignums()) == open_before
