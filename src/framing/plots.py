"""Publication figures from the tables of :mod:`framing.stats`, in one house style.

Every plot function takes the DataFrame a stats function returned (column names as there),
draws on ``ax`` if given (else on a new figure ``width`` inches wide: :data:`ONE_COLUMN` 3.5 in
or :data:`TWO_COLUMN` 7 in) and returns the Figure. Rows marked ``insufficient`` (too few
documents) are drawn hollow and labelled, never as a confident dot. A table with nothing to
draw (no rows, or no finite estimate) raises :class:`~framing.io.FramingError` naming the
function and what is missing, never an empty frame or a matplotlib error (in a report,
:func:`framing.reports.optional` turns it into a "not computed" note). :func:`save_figure`
writes PDF, SVG and 300-dpi PNG, byte-identical for the same input.

The house style (``styles/framing.mplstyle``) uses the Okabe-Ito colour-blind-safe palette,
the cividis colour map, 7-9 pt DejaVu Sans (shipped with matplotlib, so figures look the same
on every machine), no top/right spines and no grid unless it helps reading values.
"""
from __future__ import annotations

import contextlib
import os
from importlib import resources
from pathlib import Path
from typing import Iterator, Sequence

import matplotlib
import matplotlib.patches
import numpy as np
import pandas as pd

from .io import FramingError, atomic_path

__all__ = [
    "ONE_COLUMN", "TWO_COLUMN", "PALETTE", "CUE_COLOURS", "style_path", "use_house_style", "house_style",
    "plot_intervals", "plot_variant_shares", "plot_share_differences", "plot_rate_ratios", "plot_attribution_gap", "plot_heatmap",
    "plot_time_series", "plot_keyness", "plot_cue_categories", "plot_outlet_map", "save_figure",
]

#: Figure widths in inches: one journal column and the full page width.
ONE_COLUMN = 3.5
TWO_COLUMN = 7.0

#: Okabe & Ito (2008) colours, in the order the style cycles through them; their yellow (unreadable
#: as a line or dot on white) is replaced by Paul Tol's wine.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#882255"]

#: Colours of the attribution cue categories (neutral is grey: the unmarked case).
CUE_COLOURS = {"neutral": "#BBBBBB", "endorsing": "#0072B2", "distancing": "#D55E00"}

_INSUFFICIENT = "#999999"


def style_path() -> Path:
    """Path of the shipped ``framing.mplstyle``."""
    return Path(str(resources.files("framing") / "styles" / "framing.mplstyle"))


def use_house_style() -> None:
    """Apply the house style to every figure drawn from now on (e.g. at the top of a notebook)."""
    import matplotlib.style

    matplotlib.style.use(style_path())


@contextlib.contextmanager
def house_style() -> Iterator[None]:
    """Context manager: the house style inside the ``with`` block only.

    Every plot function of this module draws inside it, so figures look the same whatever
    the notebook's global settings are.
    """
    import matplotlib.style

    with matplotlib.style.context(style_path()):
        yield


def _new_ax(ax, width: float, height: float):
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


def _need(df: pd.DataFrame, cols: Sequence[str], what: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise FramingError(f"{what}: the table lacks column(s) {', '.join(missing)}; "
                           f"has {', '.join(map(str, df.columns))}")


def _nothing_to_draw(what: str, why: str = "the table has no rows") -> FramingError:
    return FramingError(f"{what}: nothing to draw ({why})")


def _flag(df: pd.DataFrame) -> np.ndarray:
    if "insufficient" in df.columns:
        return df["insufficient"].fillna(False).to_numpy(dtype=bool)
    return np.zeros(len(df), dtype=bool)


# ============================================================================ dot plots
def plot_intervals(
    df: pd.DataFrame,
    *,
    estimate: str,
    low: str = "ci_low",
    high: str = "ci_high",
    label: str | Sequence[str] = "outlet",
    n: str | None = "n_docs",
    hue: str | None = None,
    ax=None,
    xlabel: str | None = None,
    title: str | None = None,
    reference: float | None = None,
    xlim: tuple[float, float] | None = None,
    logx: bool = False,
    sort: bool = True,
    width: float = ONE_COLUMN,
):
    """Dot plot with interval whiskers, one row per ``label`` (the workhorse of the figures).

    Row labels carry the n behind each estimate ("BBC (n=312)"); rows flagged ``insufficient``
    are drawn as hollow grey dots without whiskers and labelled "too few". ``hue`` draws one
    dot per value of that column on each row (dodged vertically, Okabe-Ito colours).
    ``reference`` draws a vertical line (e.g. 0 for differences, 1 for rate ratios).
    """
    labels = [label] if isinstance(label, str) else list(label)
    _need(df, [estimate, low, high, *labels, *([n] if n else []), *([hue] if hue else [])], "plot_intervals")
    if df.empty:
        raise _nothing_to_draw("plot_intervals")
    if not np.isfinite(df[estimate].to_numpy(dtype=float)).any():
        raise _nothing_to_draw("plot_intervals", f"no finite {estimate}")
    data = df.copy()
    data["_label"] = data[labels].astype(str).agg(" · ".join, axis=1)
    hues = list(dict.fromkeys(data[hue].astype(str))) if hue else [None]
    rows = list(dict.fromkeys(data["_label"]))
    if sort:
        order = data.groupby("_label", sort=False)[estimate].mean().sort_values(kind="mergesort")
        rows = list(order.index) + [r for r in rows if r not in order.index]
    finite = np.concatenate([data[c].to_numpy(dtype=float) for c in (estimate, low, high)])
    finite = finite[np.isfinite(finite) & ((finite > 0) if logx else True)]
    if xlim is not None:
        lo_edge, hi_edge = xlim
    elif len(finite):
        lo_edge, hi_edge = (finite.min() / 1.5, finite.max() * 1.5) if logx else (
            finite.min() - 0.1 * np.ptp(finite), finite.max() + 0.1 * np.ptp(finite))
    else:
        lo_edge, hi_edge = (0.1, 10.0) if logx else (0.0, 1.0)
    with house_style():
        height = max(1.4, 0.22 * len(rows) * (1 + 0.35 * (len(hues) - 1)) + 0.7)
        fig, ax = _new_ax(ax, width, height)
        step = 0.7 / max(len(hues), 1)
        ticklabels = {}
        for hi, hv in enumerate(hues):
            sub = data if hv is None else data.loc[data[hue].astype(str) == hv]
            colour = PALETTE[hi % len(PALETTE)]
            offset = ((len(hues) - 1) / 2 - hi) * step if hv is not None else 0.0
            ys = np.array([rows.index(r) for r in sub["_label"]], dtype=float) + offset
            est = sub[estimate].to_numpy(dtype=float)
            lo = sub[low].to_numpy(dtype=float)
            hi_ = sub[high].to_numpy(dtype=float)
            bad = _flag(sub)
            ok = ~bad & np.isfinite(est)
            # an unbounded side (a rate ratio against zero hits) runs to the edge, ending in an arrowhead
            open_hi = ok & (~np.isfinite(hi_) if not logx else ~(np.isfinite(hi_) & (hi_ > 0)))
            open_lo = ok & (~np.isfinite(lo) if not logx else ~(np.isfinite(lo) & (lo > 0)))
            lo = np.where(open_lo, lo_edge, lo)
            hi_ = np.where(open_hi, hi_edge, hi_)
            ax.hlines(ys[ok], lo[ok], hi_[ok], color=colour, linewidth=1.2)
            ax.plot(hi_[open_hi], ys[open_hi], ">", color=colour, markersize=3)
            ax.plot(lo[open_lo], ys[open_lo], "<", color=colour, markersize=3)
            ax.plot(est[ok], ys[ok], "o", color=colour, markersize=4, label=hv if hv is not None else None)
            weak = bad & np.isfinite(est)
            ax.plot(est[weak], ys[weak], "o", markerfacecolor="white", markeredgecolor=_INSUFFICIENT,
                    markersize=4)
            if hv is not None and n:  # several dots per row: the n goes beside each dot
                for x_, y_, nn, b in zip(np.where(np.isfinite(hi_), hi_, est), ys, sub[n], bad):
                    if np.isfinite(x_) and not pd.isna(nn):
                        ax.annotate(f"n={int(nn)}{' (too few)' if b else ''}", (x_, y_), xytext=(3, 0),
                                    textcoords="offset points", va="center", fontsize=5.5, color="#555555")
            if hv is None:  # one dot per row: the n goes in the row label
                for lab, nn, b in zip(sub["_label"], sub[n] if n else [None] * len(sub), bad):
                    ticklabels[lab] = lab if nn is None or pd.isna(nn) else f"{lab} (n={int(nn)}{', too few' if b else ''})"
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([ticklabels.get(r, r) for r in rows])
        ax.set_ylim(-0.6, len(rows) - 0.4)
        if logx:
            import matplotlib.ticker as mticker

            ax.set_xscale("log")
            ax.xaxis.set_major_locator(mticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
            ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:g}"))
            ax.xaxis.set_minor_formatter(mticker.NullFormatter())
        if reference is not None:
            ax.axvline(reference, color="#666666", linewidth=0.6, linestyle="--", zorder=0)
        if xlim is not None:
            ax.set_xlim(*xlim)
        ax.set_xlabel(xlabel or estimate)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.grid(axis="x", visible=True)
        ax.set_axisbelow(True)
        if hue:
            ax.legend(title=hue, loc="best")
        if title:
            ax.set_title(title)
    return fig


def plot_variant_shares(shares: pd.DataFrame, *, key: str | Sequence[str] | None = None,
                        label: str | Sequence[str] | None = None, hue: str | None = None, ax=None,
                        title: str | None = None, width: float = ONE_COLUMN):
    """Share of the Ukrainian form by outlet (table of :func:`framing.stats.variant_shares`).

    One key: one dot per outlet. Several keys: one colour per key (or give ``label="key",
    hue="outlet"`` for one row per key and one colour per outlet). The n beside each estimate is
    the number of documents using the key (``n_docs_using``), the n the interval rests on.
    """
    _need(shares, ["key", "share_ukrainian", "ci_low", "ci_high", "n_docs_using"], "plot_variant_shares")
    data = shares if key is None else shares.loc[shares["key"].isin([key] if isinstance(key, str) else key)]
    if data.empty:
        raise _nothing_to_draw("plot_variant_shares", "the table has no rows" if key is None else f"no rows for key {key!r}")
    keys = data["key"].unique()
    if label is None:
        label = [c for c in data.columns if c not in _SHARE_COLS and c != "key" and c != hue] or ["outlet"]
    if hue is None and len(keys) > 1 and "key" not in _as_cols(label):
        hue = "key"
    what = f"“{keys[0]}”" if len(keys) == 1 else "each place name"
    return plot_intervals(data, estimate="share_ukrainian", label=label, n="n_docs_using", hue=hue, ax=ax,
                          xlim=(-0.02, 1.02), xlabel=f"Share of the Ukrainian spelling of {what}", title=title,
                          width=width)


def _as_cols(x) -> list:
    return [x] if isinstance(x, str) else list(x)


_SHARE_COLS = {"n_docs", "n_docs_using", "n_docs_ukrainian_only", "n_docs_russian_only", "n_docs_mixed", "n_ukrainian", "n_russian", "share_ukrainian", "ci_low", "ci_high",
               "wilson_low", "wilson_high", "insufficient"}


def plot_share_differences(diffs: pd.DataFrame, *, ax=None, title: str | None = None, width: float = ONE_COLUMN):
    """Differences in the Ukrainian share between two outlets (:func:`framing.stats.compare_variant_shares`),
    one row per pair and key, with the 0 line."""
    _need(diffs, ["key", "outlet_a", "outlet_b", "difference", "ci_low", "ci_high"], "plot_share_differences")
    if diffs.empty:
        raise _nothing_to_draw("plot_share_differences")
    data = diffs.assign(pair=diffs["outlet_a"].astype(str) + " − " + diffs["outlet_b"].astype(str))
    keys = data["key"].unique()
    return plot_intervals(data, estimate="difference", label="pair", n=None,
                          hue="key" if len(keys) > 1 else None, ax=ax, reference=0.0, xlim=(-1.02, 1.02),
                          xlabel="Difference in the share of the Ukrainian spelling", title=title, width=width)


def plot_rate_ratios(comparison: pd.DataFrame, *, ax=None, title: str | None = None, width: float = TWO_COLUMN):
    """Forest plot of rate ratios (:func:`framing.stats.compare_outlets`) on a log axis with the
    line of no difference at 1; one row per outlet × feature/key. An unbounded interval side (no
    hit in one group) ends in an arrowhead; rows whose ratio is 0 or infinite cannot be placed on
    a log axis and are left out (they stay in the table)."""
    _need(comparison, ["outlet", "rate_ratio", "ci_low", "ci_high"], "plot_rate_ratios")
    level_cols = [c for c in ("feature", "key") if c in comparison.columns]
    data = comparison.loc[np.isfinite(comparison["rate_ratio"].to_numpy(dtype=float))
                          & (comparison["rate_ratio"] > 0)]
    if data.empty:
        raise _nothing_to_draw("plot_rate_ratios", "the table has no rows" if comparison.empty
                               else "no finite, positive rate ratio to place on a log axis")
    data = data.sort_values([*level_cols, "outlet"], ascending=False, kind="mergesort")
    ref = str(data["reference"].iloc[0]) if "reference" in data.columns else "rest"
    one = data["outlet"].nunique() == 1
    who = f"{data['outlet'].iloc[0]} (n={int(data['n_docs'].iloc[0])})" if one else "outlet"
    return plot_intervals(data, estimate="rate_ratio", label=level_cols if one else [*level_cols, "outlet"],
                          n=None if one else "n_docs", ax=ax, reference=1.0, logx=True, sort=False,
                          xlabel=f"Rate ratio, {who} / {ref} (log scale)", title=title, width=width)


def plot_attribution_gap(gap: pd.DataFrame, *, label: str | Sequence[str] | None = None, ax=None,
                         title: str | None = None, width: float = ONE_COLUMN):
    """Per outlet, the gap in the share of (e.g. distancing) cues between two speakers
    (:func:`framing.stats.attribution_gap`), with intervals and the 0 line.

    ``label``: the column(s) naming a row; by default the grouping columns of the table, i.e. the
    columns before ``speaker_a`` (``outlet``, or ``outlet`` and ``month``), so that no statistic
    (``boot_undefined``, ``ci_method``, a column added later) ever becomes part of a row label.
    """
    _need(gap, ["speaker_a", "speaker_b", "cue_category", "difference", "ci_low", "ci_high"], "plot_attribution_gap")
    if gap.empty:
        raise _nothing_to_draw("plot_attribution_gap")
    if label is None:
        label = list(gap.columns[:list(gap.columns).index("speaker_a")]) or ["outlet"]
    _need(gap, _as_cols(label), "plot_attribution_gap")
    r = gap.iloc[0]
    data = gap.loc[np.isfinite(gap["difference"].to_numpy(dtype=float))]
    if data.empty:
        raise _nothing_to_draw("plot_attribution_gap", "no finite difference")
    return plot_intervals(data, estimate="difference", label=label, n="n_docs", ax=ax, reference=0.0,
                          xlim=(-1.02, 1.02), title=title, width=width,
                          xlabel=f"Share of {r.cue_category} cues: {r.speaker_a} − {r.speaker_b}")


# ============================================================================ heatmap
def plot_heatmap(
    rates: pd.DataFrame,
    *,
    row: str = "outlet",
    col: str = "key",
    value: str = "rate",
    ax=None,
    annotate: bool = True,
    fmt: str = "{:.1f}",
    cmap: str = "cividis",
    colorbar_label: str | None = None,
    title: str | None = None,
    width: float = TWO_COLUMN,
):
    """Heatmap of ``value`` (default: rate per 1,000 words, :func:`framing.stats.outlet_rates`)
    by ``row`` × ``col``. Cells marked ``insufficient`` are left blank (hatched)."""
    _need(rates, [row, col, value], "plot_heatmap")
    if rates.empty:
        raise _nothing_to_draw("plot_heatmap")
    data = rates.copy()
    bad = _flag(data)
    data.loc[bad, value] = np.nan
    grid = data.pivot_table(index=row, columns=col, values=value, aggfunc="first", dropna=False, sort=True)
    M = grid.to_numpy(dtype=float)
    with house_style():
        height = max(1.6, 0.22 * grid.shape[0] + 1.0)
        fig, ax = _new_ax(ax, width, height)
        masked = np.ma.masked_invalid(M)
        im = ax.imshow(masked, aspect="auto", cmap=cmap, interpolation="nearest")
        ax.set_facecolor("white")
        if np.isnan(M).any():
            ys, xs = np.nonzero(np.isnan(M))
            for y, x in zip(ys, xs):
                ax.add_patch(matplotlib.patches.Rectangle((x - 0.5, y - 0.5), 1, 1, fill=False, hatch="///",
                                                          edgecolor="#CCCCCC", linewidth=0))
        ax.set_xticks(range(grid.shape[1]))
        ax.set_xticklabels([str(c) for c in grid.columns], rotation=45, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(grid.shape[0]))
        ax.set_yticklabels([str(r) for r in grid.index])
        ax.tick_params(length=0)
        for s in ax.spines.values():
            s.set_visible(False)
        if annotate and np.isfinite(M).any():
            lo, hi = np.nanmin(M), np.nanmax(M)
            mid = (lo + hi) / 2
            for (y, x), v in np.ndenumerate(M):
                if np.isfinite(v):
                    ax.text(x, y, fmt.format(v), ha="center", va="center", fontsize=6,
                            color="white" if v < mid else "black")
        cb = fig.colorbar(im, ax=ax, shrink=0.8)
        cb.set_label(colorbar_label or ("Hits per 1,000 words" if value == "rate" else value))
        cb.outline.set_visible(False)
        if title:
            ax.set_title(title)
    return fig


# ============================================================================ time series
def plot_time_series(
    rates: pd.DataFrame,
    *,
    x: str = "month",
    y: str = "rate",
    group: str | None = "outlet",
    low: str = "ci_low",
    high: str = "ci_high",
    ax=None,
    ylabel: str | None = None,
    title: str | None = None,
    width: float = TWO_COLUMN,
):
    """One line per ``group`` over ``x`` (month strings "2022-03" or dates) with the interval as
    a band (e.g. ``outlet_rates(docs, hits, by=["outlet", "month"])``). Insufficient points are
    hollow and have no band."""
    _need(rates, [x, y, low, high, *([group] if group else [])], "plot_time_series")
    data = rates.loc[rates[x].notna()].copy()
    xs = data[x]
    if not pd.api.types.is_datetime64_any_dtype(xs):
        xs = pd.to_datetime(xs.astype(str), errors="coerce")
    data["_x"] = xs
    data = data.loc[data["_x"].notna()].sort_values([*([group] if group else []), "_x"], kind="mergesort")
    if data.empty:
        raise _nothing_to_draw("plot_time_series", "the table has no rows" if rates.empty else f"no row with a {x}")
    groups = list(dict.fromkeys(data[group].astype(str))) if group else [None]
    with house_style():
        fig, ax = _new_ax(ax, width, 2.6 if width <= ONE_COLUMN else 3.0)
        for i, g in enumerate(groups):
            sub = data if g is None else data.loc[data[group].astype(str) == g]
            colour = PALETTE[i % len(PALETTE)]
            bad = _flag(sub)
            t = sub["_x"].to_numpy()
            v = sub[y].to_numpy(dtype=float)
            lo = np.where(bad, np.nan, sub[low].to_numpy(dtype=float))
            hi = np.where(bad, np.nan, sub[high].to_numpy(dtype=float))
            ax.fill_between(t, lo, hi, color=colour, alpha=0.18, linewidth=0)
            ax.plot(t, np.where(bad, np.nan, v), "-o", color=colour, markersize=3, label=g)
            ax.plot(t[bad], v[bad], "o", markerfacecolor="white", markeredgecolor=colour, markersize=3)
        ax.set_ylabel(ylabel or ("Hits per 1,000 words" if y == "rate" else y))
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", visible=True)
        ax.set_axisbelow(True)
        import matplotlib.dates as mdates

        t_all = data["_x"]
        monthly = bool(len(t_all)) and bool((t_all.dt.day == 1).all())
        if monthly:  # month data: one tick per month (or every k-th), never day ticks
            span = (t_all.max().year - t_all.min().year) * 12 + t_all.max().month - t_all.min().month + 1
            loc = mdates.MonthLocator(interval=max(1, -(-span // 8)))
        else:
            loc = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
        if group and len(groups) > 4:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        elif group:
            ax.legend(loc="best")
        if title:
            ax.set_title(title)
    return fig


# ============================================================================ keyness
def plot_keyness(
    table: pd.DataFrame,
    *,
    score: str | None = None,
    n: int = 10,
    ax=None,
    target_label: str = "target",
    reference_label: str = "reference",
    title: str | None = None,
    width: float = ONE_COLUMN,
):
    """Bars of the ``n`` most over-used and ``n`` most under-used terms of a keyness table
    (:func:`framing.stats.keyness`: G², signed by direction; or :func:`framing.stats.log_odds_dirichlet`:
    z). Labels carry the raw counts (target/reference)."""
    if score is None:
        score = "z" if "z" in table.columns else "g2"
    _need(table, ["term", score, "direction", "count_target", "count_reference"], "plot_keyness")
    data = table.copy()
    signed = np.where(data["direction"] == "target", 1.0, -1.0) * data[score].abs().to_numpy(dtype=float)
    data["_s"] = signed
    top = data.loc[data["_s"] > 0].nlargest(n, "_s")
    bottom = data.loc[data["_s"] < 0].nsmallest(n, "_s")
    if top.empty and bottom.empty:
        raise _nothing_to_draw("plot_keyness", "the table has no rows" if table.empty else f"no term with a non-zero {score}")
    data = pd.concat([bottom.iloc[::-1], top.iloc[::-1]]).sort_values("_s", kind="mergesort")
    with house_style():
        fig, ax = _new_ax(ax, width, max(1.6, 0.16 * len(data) + 0.8))
        colours = [PALETTE[0] if s > 0 else PALETTE[1] for s in data["_s"]]
        ys = np.arange(len(data))
        ax.barh(ys, data["_s"], color=colours, height=0.7)
        ax.set_yticks(ys)
        ax.set_yticklabels([f"{t} ({a}/{b})" for t, a, b in
                            zip(data["term"], data["count_target"], data["count_reference"])])
        ax.axvline(0, color="#333333", linewidth=0.6)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        name = {"g2": "Log-likelihood G² (signed by direction)", "z": "Log-odds z (informative Dirichlet prior)"}.get(score, score)
        ax.set_xlabel(f"{name}\n← {reference_label}   |   {target_label} →")
        if title:
            ax.set_title(title)
    return fig


# ============================================================================ cue categories
def plot_cue_categories(
    attribution: pd.DataFrame,
    *,
    by: str = "outlet",
    speakers: Sequence[str] | None = None,
    categories: Sequence[str] = ("neutral", "endorsing", "distancing"),
    ax=None,
    title: str | None = None,
    width: float = TWO_COLUMN,
):
    """Stacked bars of cue-category shares per speaker × outlet
    (:func:`framing.stats.attribution_by_speaker`). Each bar is labelled with the number of
    attributed quotes; bars with too few documents are greyed out and marked."""
    _need(attribution, ["speaker", by, "cue_category", "share", "n_quotes"], "plot_cue_categories")
    data = attribution if speakers is None else attribution.loc[attribution["speaker"].isin(speakers)]
    data = data.loc[data["n_quotes"] > 0]
    if data.empty:
        raise _nothing_to_draw("plot_cue_categories", "no speaker with attributed quotes"
                               + ("" if speakers is None else f" among {', '.join(map(str, speakers))}"))
    wide = data.pivot_table(index=["speaker", by], columns="cue_category", values="share", aggfunc="first",
                            sort=False).reindex(columns=list(categories)).fillna(0.0)
    data = data.assign(_bad=_flag(data))
    meta = data.groupby(["speaker", by], sort=False).agg(n_quotes=("n_quotes", "first"), bad=("_bad", "first"))
    with house_style():
        fig, ax = _new_ax(ax, width, max(1.6, 0.2 * len(wide) + 0.9))
        ys = np.arange(len(wide))[::-1]
        left = np.zeros(len(wide))
        bad = meta.loc[wide.index, "bad"].to_numpy(dtype=bool)
        for cat in categories:
            vals = np.where(bad, 0.0, wide[cat].to_numpy(dtype=float))
            ax.barh(ys, vals, left=left, color=CUE_COLOURS.get(cat, "#777777"), height=0.75, label=cat,
                    edgecolor="white", linewidth=0.4)
            left += vals
        for y in ys[bad]:  # too few documents: an empty frame, no shares
            ax.barh(y, 1.0, height=0.75, color="white", edgecolor="#BBBBBB", linewidth=0.5, hatch="///")
            ax.text(0.5, y, "too few documents", ha="center", va="center", fontsize=6, color="#555555")
        labels = [f"{sp} · {o} (n={int(meta.loc[(sp, o), 'n_quotes'])}{', too few' if meta.loc[(sp, o), 'bad'] else ''})"
                  for sp, o in wide.index]
        ax.set_yticks(ys)
        ax.set_yticklabels(labels)
        ax.set_xlim(0, 1)
        ax.set_xlabel("Share of attributed quotes by cue category (n = quotes)")
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        handles = [matplotlib.patches.Patch(color=CUE_COLOURS.get(c, "#777777"), label=c) for c in categories]
        ax.legend(handles=handles, ncols=len(categories), loc="lower left", bbox_to_anchor=(0, 1.0))
        if title:
            ax.set_title(title, pad=14)
    return fig


# ============================================================================ outlet map
def plot_outlet_map(coords: pd.DataFrame, *, explained: pd.DataFrame | None = None, label: str = "outlet",
                    ax=None, title: str | None = None, width: float = ONE_COLUMN):
    """Outlets on the first two principal components of their framing profiles
    (:func:`framing.stats.outlet_map`; pass its ``coords`` and ``explained``)."""
    _need(coords, [label, "pc1", "pc2"], "plot_outlet_map")
    if coords.empty:
        raise _nothing_to_draw("plot_outlet_map")
    with house_style():
        fig, ax = _new_ax(ax, width, width * 0.85 if width <= ONE_COLUMN else 4.5)
        ax.axhline(0, color="#DDDDDD", linewidth=0.5, zorder=0)
        ax.axvline(0, color="#DDDDDD", linewidth=0.5, zorder=0)
        ax.plot(coords["pc1"], coords["pc2"], "o", color=PALETTE[0])
        for _, r in coords.iterrows():
            ax.annotate(str(r[label]), (r["pc1"], r["pc2"]), xytext=(3, 3), textcoords="offset points", fontsize=6.5)
        ev = {}
        if explained is not None and len(explained):
            ev = dict(zip(explained["component"], explained["explained_variance_ratio"]))
        ax.set_xlabel("PC1" + (f" ({ev['pc1']:.0%} of variance)" if "pc1" in ev else ""))
        ax.set_ylabel("PC2" + (f" ({ev['pc2']:.0%} of variance)" if "pc2" in ev else ""))
        ax.margins(0.15)
        if title:
            ax.set_title(title)
    return fig


# ============================================================================ saving
#: Metadata that makes output reproducible: no dates, no version strings.
_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "framing", "Producer": "framing"},
    "svg": {"Date": None, "Creator": "framing"},
    "png": {"Software": "framing"},
}


def save_figure(fig, stem: str | os.PathLike, *, formats: Sequence[str] = ("pdf", "svg", "png"),
                dpi: int = 300) -> list[Path]:
    """Write ``fig`` to ``<stem>.pdf``, ``<stem>.svg`` and ``<stem>.png`` (``dpi`` for the PNG);
    return the paths.

    The same figure gives byte-identical files: creation dates and software versions are left
    out of the metadata, the SVG id salt is fixed (``svg.hashsalt``), and each file is written
    to a temporary name and renamed into place (:func:`framing.io.atomic_path`). The PNG is
    exactly width × dpi by height × dpi pixels (no tight bounding box).
    """
    stem = Path(stem)
    if stem.suffix.lower().lstrip(".") in {"pdf", "svg", "png"}:
        stem = stem.with_suffix("")
    paths = []
    for fmt in formats:
        fmt = fmt.lower().lstrip(".")
        if fmt not in _METADATA:
            raise FramingError(f"save_figure: unsupported format {fmt!r} (use pdf, svg, png)")
        dest = stem.parent / f"{stem.name}.{fmt}"
        with matplotlib.rc_context({"svg.hashsalt": "framing", "pdf.compression": 6}):
            with atomic_path(dest, suffix=f".{fmt}.tmp") as tmp:
                fig.savefig(tmp, format=fmt, dpi=dpi, metadata=_METADATA[fmt], bbox_inches=None)
        paths.append(dest)
    return paths
