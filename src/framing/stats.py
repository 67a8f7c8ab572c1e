"""Aggregates with honest uncertainty: per-outlet rates and shares, outlet comparisons, attribution
by speaker, keyness, and how distinctive each outlet's framing is.

Every function is a pure function of the project's tables (``docs``, ``hits``, ``doc_features``;
see :mod:`framing.schema`) and returns a tidy :class:`pandas.DataFrame` (or a small dataclass of
DataFrames). Random procedures are seeded (``seed=DEFAULT_SEED``); each group draws from its own
stream derived from the seed and the group's label, so adding an outlet to a corpus does not
change another outlet's interval.

Conventions shared by the functions below
-----------------------------------------
* **The unit of resampling is the document.** Hits in one article are not independent (an
  article that writes "Kiev" once writes it ten times), so every interval comes from a bootstrap
  over documents (Efron 1979), and every permutation test shuffles whole documents between outlets.
* **Rates are ratios of sums**: hits per 1,000 words = 1000 × Σ hits / Σ words over the documents
  of a group (long articles weigh more, as they do for a reader).
* **Every number carries its n**: ``n_docs`` (and ``n_words``, ``n_hits`` …) sit beside each
  estimate, and a row with fewer than ``min_docs`` documents has ``insufficient=True`` and no
  interval, so a table never prints a confident number from a handful of articles.
* Intervals are percentile bootstrap intervals at level ``ci`` (default 95 %). Where the
  bootstrap cannot vary (a share of 0 or 1 in every document, a group without a hit) an exact or
  Wilson bound takes its place, and tables with several methods say which in ``ci_method``.

See ``docs/statistics.md`` for the methods and references.
"""
from __future__ import annotations

import re
import unicodedata
import warnings
import zlib
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .config import DEFAULT_SEED
from .io import FramingError
from .schema import check_columns
from .text import WORD_RE

__all__ = [
    "DEFAULT_SPEAKERS",
    "add_month",
    "outlet_rates",
    "variant_shares",
    "compare_outlets",
    "compare_variant_shares",
    "adjust_pvalues",
    "speaker_groups",
    "attribution_by_speaker",
    "attribution_gap",
    "keyness",
    "log_odds_dirichlet",
    "outlet_classifier",
    "outlet_map",
    "ClassifierResult",
    "OutletMap",
]

#: Cue categories of the attribution codebook, in display order.
CUE_CATEGORIES = ("neutral", "endorsing", "distancing")

#: Frequently quoted speakers of the Russia-Ukraine corpus, matched by surname (case- and
#: accent-insensitive). Each canonical name lists the spellings that count as that person.
DEFAULT_SPEAKERS: dict[str, tuple[str, ...]] = {
    "Zelensky": ("zelensky", "zelenskyy", "zelenskiy", "zelenskii", "zelenskyi", "zelenski"),
    "Putin": ("putin",),
    "Peskov": ("peskov",),
    "Lavrov": ("lavrov",),
    "Zakharova": ("zakharova",),
    "Shoigu": ("shoigu", "shoygu"),
    "Medvedev": ("medvedev",),
    "Nebenzya": ("nebenzya", "nebenzia"),
    "Biden": ("biden",),
    "Blinken": ("blinken",),
    "Kirby": ("kirby",),
    "Psaki": ("psaki",),
    "Austin": ("austin",),
    "Kuleba": ("kuleba",),
    "Podolyak": ("podolyak", "podoliak"),
    "Arestovich": ("arestovich", "arestovych"),
    "Reznikov": ("reznikov",),
    "Klitschko": ("klitschko", "klychko"),
    "Stoltenberg": ("stoltenberg",),
    "Johnson": ("johnson",),
    "Scholz": ("scholz",),
    "Macron": ("macron",),
    "Erdogan": ("erdogan",),
    "Guterres": ("guterres",),
    "Kyiv (government)": ("kyiv", "kiev"),
}

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "one"}


# ============================================================================ small helpers
def _blas_single_thread(func):
    """Run ``func`` with one BLAS/OpenMP thread: the matrices here are small and many, and threading
    on a shared machine makes them 2-50 times slower (oversubscription), never faster."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
            return func(*args, **kwargs)
        with threadpool_limits(limits=1):
            return func(*args, **kwargs)

    return wrapper


def _as_list(x) -> list:
    if x is None:
        return []
    if isinstance(x, (str, bytes)) or not isinstance(x, Iterable):
        return [x]
    return list(x)


def _rng(seed: int, *labels) -> np.random.Generator:
    """A generator for one group: derived from ``seed`` and the group's label (stable across runs)."""
    tag = zlib.crc32(repr(tuple(str(x) for x in labels)).encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence([int(seed), tag]))


def _check_ci(ci: float) -> None:
    if not 0 < ci < 1:
        raise FramingError(f"ci must be between 0 and 1 (e.g. 0.95), got {ci!r}")


def add_month(docs: pd.DataFrame, *, date: str = "date", name: str = "month") -> pd.DataFrame:
    """Return a copy of ``docs`` with a ``month`` column ("2022-03"; missing where the date is NaT).

    Use it to group by outlet × month: ``outlet_rates(add_month(docs), hits, by=["outlet", "month"])``
    (the rate functions add it themselves when ``by`` names ``month`` and the table has none).
    """
    check_columns(docs, [date], what="docs table")
    out = docs.copy()
    d = pd.to_datetime(out[date], errors="coerce")
    month = d.dt.strftime("%Y-%m")
    out[name] = month.where(d.notna(), None).astype("object")
    return out


def _prepare_docs(docs: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    need = ["doc_id", "n_words"] + [c for c in by if c != "month"]
    check_columns(docs, need, what="docs table")
    if "month" in by and "month" not in docs.columns:
        docs = add_month(docs)
    if docs["doc_id"].duplicated().any():
        dup = docs.loc[docs["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise FramingError(f"docs table: doc_id {dup!r} occurs more than once; doc_id must be unique")
    out = docs[["doc_id", "n_words", *[c for c in by if c not in ("doc_id", "n_words")]]].copy()
    out["n_words"] = pd.to_numeric(out["n_words"], errors="coerce").fillna(0).astype("float64")
    return out.reset_index(drop=True)


def _filter_hits(hits: pd.DataFrame, *, feature=None, key=None, value=None, category=None,
                 field=None) -> pd.DataFrame:
    check_columns(hits, ["doc_id", "feature", "key"], what="hits table")
    mask = pd.Series(True, index=hits.index)
    for col, want in (("feature", feature), ("key", key), ("value", value), ("category", category),
                      ("field", field)):
        if want is None:
            continue
        check_columns(hits, [col], what="hits table")
        mask &= hits[col].isin(_as_list(want))
    return hits.loc[mask]


def _count_matrix(docs: pd.DataFrame, hits: pd.DataFrame, levels: list[str]) -> tuple[np.ndarray, list[tuple]]:
    """Counts of hits per document (rows aligned with ``docs``) × level combination (columns)."""
    known = hits["doc_id"].isin(docs["doc_id"])
    if not known.all():
        n_bad = int((~known).sum())
        warnings.warn(f"{n_bad} hit(s) refer to documents not in the docs table and are ignored",
                      stacklevel=3)
        hits = hits.loc[known]
    if not levels:
        counts = hits.groupby("doc_id").size()
        vec = docs["doc_id"].map(counts).fillna(0).to_numpy(dtype="float64")
        return vec[:, None], [()]
    check_columns(hits, levels, what="hits table")
    if hits.empty:
        return np.zeros((len(docs), 0)), []
    table = hits.groupby(["doc_id", *levels], dropna=False).size().unstack(levels, fill_value=0)
    table = table.reindex(docs["doc_id"].to_numpy(), fill_value=0)
    cols = [c if isinstance(c, tuple) else (c,) for c in table.columns]
    order = sorted(range(len(cols)), key=lambda i: tuple(str(x) for x in cols[i]))
    return table.to_numpy(dtype="float64")[:, order], [cols[i] for i in order]


def _bootstrap_weights(n: int, n_boot: int, rng: np.random.Generator, *, chunk_cells: int = 4_000_000):
    """Yield blocks of bootstrap weights (how often each of ``n`` documents is drawn), shape (b, n)."""
    per = max(1, chunk_cells // max(n, 1))
    done = 0
    while done < n_boot:
        b = min(per, n_boot - done)
        idx = rng.integers(0, n, size=(b, n))
        flat = (idx + (np.arange(b) * n)[:, None]).ravel()
        yield np.bincount(flat, minlength=b * n).reshape(b, n).astype("float64")
        done += b


def _boot_ratio(num: np.ndarray, den: np.ndarray, *, n_boot: int, rng: np.random.Generator,
                scale: float = 1.0) -> np.ndarray:
    """Bootstrap replicates of ``scale × Σ num / Σ den`` over documents (rows): shape (n_boot, k).

    ``num`` is (n, k); ``den`` is (n,) or (n, k). Replicates with a zero denominator are NaN.
    """
    n, k = num.shape
    out = np.empty((n_boot, k))
    pos = 0
    for w in _bootstrap_weights(n, n_boot, rng):
        sn = w @ num
        sd = w @ den
        if sd.ndim == 1:
            sd = sd[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            out[pos:pos + len(w)] = np.where(sd > 0, scale * sn / np.where(sd > 0, sd, 1), np.nan)
        pos += len(w)
    return out


def _quantiles(reps: np.ndarray, ci: float) -> tuple[np.ndarray, np.ndarray]:
    a = (1 - ci) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        lo, hi = np.nanquantile(reps, [a, 1 - a], axis=0)
    return lo, hi


def _quantile_with_inf(x: np.ndarray, q: float) -> np.ndarray:
    """Column-wise ``q`` quantile of ``x`` (b, k) that may hold +inf (no NaN), interpolated like
    ``np.quantile`` (linear): a quantile that falls on or next to an infinite replicate is +inf
    (``np.quantile`` gives NaN there, from inf - inf)."""
    x = np.sort(x, axis=0)
    h = (x.shape[0] - 1) * q
    f, c = int(np.floor(h)), int(np.ceil(h))
    lo_v, hi_v = x[f], x[c]
    with np.errstate(invalid="ignore"):
        mid = lo_v + (hi_v - lo_v) * (h - f)
    return np.where(np.isinf(hi_v) & (c > f), np.inf, np.where(c == f, lo_v, mid))


def _difference_interval(diff: np.ndarray, ci: float) -> tuple[float, float, float]:
    """Percentile interval of a difference of two shares from bootstrap replicates ``diff`` (NaN
    where a draw held no quote of one side, so one share is undefined), and the undefined share.
    As in :func:`_rate_ratio_interval` the undefined draws are not dropped but bound the interval
    conservatively: -1 for the lower bound, +1 for the upper (the most a difference of shares can
    be). Without undefined draws this is the plain percentile interval."""
    a = (1 - ci) / 2
    undefined = np.isnan(diff)
    lo = np.quantile(np.where(undefined, -1.0, diff), a)
    hi = np.quantile(np.where(undefined, 1.0, diff), 1 - a)
    return _tidy(lo, -1.0, 1.0), _tidy(hi, -1.0, 1.0), float(undefined.mean())


def _rate_ratio_interval(ra: np.ndarray, rb: np.ndarray, ci: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Percentile interval of the rate ratio from paired bootstrap replicates of the two rates
    (``ra``, ``rb``: (n_boot, k)), and the share of replicates where the ratio is undefined.

    A replicate with ``rb = 0`` and ``ra > 0`` is a ratio of +inf (a valid, largest value). One
    with ``ra = rb = 0`` (neither resample holds a hit) or a resample without words (NaN) has no
    ratio at all. Dropping those would condition the interval on "at least one hit was drawn" and
    hide how often that failed; instead the bounds are **conservative**: the lower bound counts
    every undefined replicate as 0, the upper bound counts it as +inf, so the interval contains the
    percentile interval of any value the undefined replicates could take (worst-case bounds). Once
    more than ``(1 - ci) / 2`` of the replicates are undefined the interval is [0, inf]: the data
    cannot bound the ratio. Returns ``(lo, hi, undefined_share)``, each of length k.
    """
    a = (1 - ci) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(rb > 0, ra / np.where(rb > 0, rb, 1.0), np.where(ra > 0, np.inf, np.nan))
    undefined = np.isnan(r)
    lo = _quantile_with_inf(np.where(undefined, 0.0, r), a)
    hi = _quantile_with_inf(np.where(undefined, np.inf, r), 1 - a)
    return lo, hi, undefined.mean(axis=0)


def _exact_rate_ratio_interval(xa, wa, xb, wb, ci: float) -> tuple[np.ndarray, np.ndarray]:
    """Exact conditional interval for the ratio of two Poisson rates ``(xa / wa) / (xb / wb)``
    (hits ``xa``, ``xb`` in ``wa``, ``wb`` words; arrays of equal length).

    Given the total ``n = xa + xb``, ``xa`` is binomial with ``π = ρ·wa / (ρ·wa + wb)``; the
    Clopper-Pearson bounds of ``π`` (equal tails of ``(1 - ci) / 2``, as the exact Poisson bound of
    :func:`outlet_rates`) map to ``ρ = π / (1 - π) · wb / wa`` (the interval of R's
    ``poisson.test``; Fay 2010). ``xa = 0`` gives ``[0, finite]``, ``xb = 0`` gives
    ``[finite, +inf]``. NaN where ``n = 0`` or a group has no words. It treats hits as independent,
    so it is used only where the document bootstrap collapses (see :func:`compare_outlets`).
    """
    from scipy.stats import beta

    a = (1 - ci) / 2
    xa, wa, xb, wb = (np.asarray(v, dtype="float64") for v in (xa, wa, xb, wb))
    n = xa + xb
    ok = (n > 0) & (wa > 0) & (wb > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_lo = np.where(ok & (xa > 0), beta.ppf(a, np.maximum(xa, 1), n - xa + 1), 0.0)
        p_hi = np.where(ok & (xb > 0), beta.ppf(1 - a, xa + 1, np.maximum(n - xa, 1)), 1.0)
        scale = np.where(ok, wb / np.where(wa > 0, wa, 1.0), np.nan)
        lo = p_lo / (1 - p_lo) * scale
        hi = np.where(p_hi < 1, p_hi / np.where(p_hi < 1, 1 - p_hi, 1.0) * scale, np.inf)
    return np.where(ok, lo, np.nan), np.where(ok, hi, np.nan)


def _dispersion(reps: np.ndarray, x, w, per: float) -> np.ndarray:
    """Variance inflation of a group's rate over Poisson, from its document-bootstrap replicates
    ``reps`` (n_boot, k): φ = Var*(rate) / (per · rate / w) (the Poisson variance of a rate of
    ``x`` hits in ``w`` words, per ``per`` words), at least 1; 1 where ``x = 0`` (no estimate).
    φ ≈ 1 when hits are spread one per document, larger the more they cluster."""
    x = np.asarray(x, dtype="float64")
    if reps.shape[0] < 2 or not w > 0:
        return np.ones_like(x)
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        var = np.nanvar(reps, axis=0, ddof=1)
        phi = var * w * w / (per * per * x)
    return np.where((x > 0) & np.isfinite(phi), np.maximum(phi, 1.0), 1.0)


def _mover_zero_bounds(ra, rb, xa, wa, xb, wb, ci: float, per: float) -> tuple[np.ndarray, np.ndarray]:
    """Bounds of a rate ratio with one zero count that keep the clustering of hits: MOVER
    (Zou & Donner 2008) combining a bound of the zero group's rate with the document-bootstrap
    interval of the other group's rate (replicates ``ra`` / ``rb``). Returns ``(lower, upper)``:
    ``upper`` for ``xa = 0``, U = u_a / sqrt(l_b (2 r_b - l_b)); ``lower`` for ``xb = 0``, by
    symmetry L = sqrt(l_a (2 r_a - l_a)) / u_b. ``inf`` / ``0`` where the bootstrap bound is 0.

    The zero group's bound is the exact Poisson one (:func:`outlet_rates`) with its words divided
    by the other group's dispersion φ (:func:`_dispersion`; quasi-Poisson, a dispersion common to
    both groups): u_a = φ_b · (-ln(α/2)) / w_a. A zero count says nothing about how the group's
    hits would cluster, and clustered hits leave many documents -- or a whole small outlet -- without
    one at a rate the plain Poisson bound excludes."""
    a = (1 - ci) / 2
    xa, xb = np.asarray(xa, dtype="float64"), np.asarray(xb, dtype="float64")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        la, lb = np.nanquantile(ra, a, axis=0), np.nanquantile(rb, a, axis=0)
    r_a, r_b = xa / wa * per if wa > 0 else xa * np.nan, xb / wb * per if wb > 0 else xb * np.nan
    u_a = _poisson_upper(wa, ci, per) * _dispersion(rb, xb, wb, per)
    u_b = _poisson_upper(wb, ci, per) * _dispersion(ra, xa, wa, per)
    with np.errstate(divide="ignore", invalid="ignore"):
        db = lb * (2 * r_b - lb)
        upper = np.where(db > 0, u_a / np.sqrt(np.where(db > 0, db, 1.0)), np.inf)
        da = la * (2 * r_a - la)
        lower = np.where(da > 0, np.sqrt(np.where(da > 0, da, 0.0)) / u_b, 0.0)
    return lower, upper


def _zero_count_to_exact(lo, hi, xa, wa, xb, wb, ci: float, *, boot=None):
    """Where one group has no hit and the other has some, every bootstrap ratio is 0 (or every one
    +inf), and unless too many replicates are undefined the percentile interval has zero width
    ([0, 0] or [inf, inf]): a zero count read as certainty. There the interval becomes the exact
    conditional one (:func:`_exact_rate_ratio_interval`), widened to the MOVER bound of
    :func:`_mover_zero_bounds` where that is wider (``boot``: its ``(ra, rb, per)``; computed only
    where some entry is replaced), because the
    exact interval treats hits as independent and is too narrow when the other group's hits
    cluster in few documents. Returns ``(lo, hi, exact, widened)``: ``exact`` marks the replaced
    entries, ``widened`` those of them whose bound is the MOVER one (``ci_method`` "mover")."""
    xa, xb = np.asarray(xa, dtype="float64"), np.asarray(xb, dtype="float64")
    exact = ((xa == 0) != (xb == 0)) & (np.asarray(lo) == np.asarray(hi))
    widened = np.zeros(exact.shape, dtype=bool)
    if exact.any():
        el, eh = _exact_rate_ratio_interval(xa, wa, xb, wb, ci)
        if boot is not None:
            ra, rb, per = boot
            ml, mu = _mover_zero_bounds(ra, rb, xa, wa, xb, wb, ci, per)
            widened = exact & (((xa == 0) & (mu > eh)) | ((xb == 0) & (ml < el)))
            eh = np.where(xa == 0, np.maximum(eh, mu), eh)  # the wider of the two upper bounds
            el = np.where(xb == 0, np.minimum(el, ml), el)  # and of the two lower bounds
        lo, hi = np.where(exact, el, lo), np.where(exact, eh, hi)
    return lo, hi, exact, widened


#: Values this close to a bound (0, 1, or the lower/upper limit given) are floating-point noise.
_NOISE = 1e-12


def _tidy(x, lo: float | None = 0.0, hi: float | None = None):
    """``x`` with floating-point noise removed: values within :data:`_NOISE` of 0 or of a bound
    become exactly that (no ``2.8e-17`` for 0, no ``0.9999999999999998`` for 1, no ``-0.0``), then
    clipped to ``[lo, hi]`` (``None``: unbounded). NaN stays NaN; returns float or array like ``x``."""
    a = np.asarray(x, dtype="float64")
    for b in {0.0, *(v for v in (lo, hi) if v is not None)}:
        a = np.where(np.abs(a - b) < _NOISE, b, a)
    a = np.clip(a, -np.inf if lo is None else lo, np.inf if hi is None else hi) + 0.0
    return float(a) if a.ndim == 0 else a


def _ratio(num, den, scale=1.0):
    num = np.asarray(num, dtype="float64")
    den = np.asarray(den, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, scale * num / np.where(den > 0, den, 1), np.nan)


def _wilson(k, n, ci: float) -> tuple[np.ndarray, np.ndarray]:
    from scipy.stats import norm

    k = np.asarray(k, dtype="float64")
    n = np.asarray(n, dtype="float64")
    z = norm.ppf(1 - (1 - ci) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    lo = np.where(n > 0, centre - half, np.nan)
    hi = np.where(n > 0, centre + half, np.nan)
    return _tidy(lo, 0.0, 1.0), _tidy(hi, 0.0, 1.0)


def _degenerate_to_wilson(point, lo, hi, n_units, ci: float):
    """Where every resampled document gives the same share of 0 or 1, the bootstrap interval is a
    point; replace it by the Wilson interval with the document as the unit (``n_units`` documents,
    all on one side): e.g. 31 of 31 documents -> [0.89, 1]."""
    point, lo, hi = (np.atleast_1d(np.asarray(x, dtype="float64")).copy() for x in (point, lo, hi))
    n_units = np.broadcast_to(np.asarray(n_units, dtype="float64"), point.shape)
    flat = np.isfinite(point) & (lo == hi) & ((point == 0) | (point == 1)) & (n_units > 0)
    if flat.any():
        wl, wh = _wilson(point[flat] * n_units[flat], n_units[flat], ci)
        lo[flat], hi[flat] = wl, wh
    return _tidy(lo, 0.0, 1.0), _tidy(hi, 0.0, 1.0)


def _share_interval(num: np.ndarray, den: np.ndarray, *, n_boot: int, rng: np.random.Generator,
                    ci: float) -> tuple[float, float, float]:
    """Pooled share Σnum/Σden over documents (all with den > 0) and its document-bootstrap
    interval, or the documents-as-unit Wilson interval where the bootstrap collapses at 0 or 1."""
    share = _ratio(num.sum(), den.sum()).item()
    reps = _boot_ratio(num[:, None], den, n_boot=n_boot, rng=rng)
    lo, hi = _degenerate_to_wilson(share, *_quantiles(reps, ci), len(num), ci)  # tidied to [0, 1]
    return share, float(lo[0]), float(hi[0])


def _mover(p1, l1, u1, p2, l2, u2) -> tuple[float, float]:
    """Interval for p1 - p2 from the two groups' own intervals (MOVER: Newcombe 1998; Zou & Donner
    2008). Exact where one interval is a Wilson bound at 0 or 1, where a bootstrap of the
    difference would ignore that group's uncertainty."""
    d = p1 - p2
    lo = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    hi = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return _tidy(lo, -1.0, 1.0), _tidy(hi, -1.0, 1.0)


def _poisson_upper(words, ci: float, per: float):
    """Exact Poisson upper bound of a rate when no hit was seen in ``words`` words."""
    from scipy.stats import chi2

    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(words > 0, 0.5 * chi2.ppf(1 - (1 - ci) / 2, 2) / words * per, np.nan)


def _group_indices(docs: pd.DataFrame, by: list[str]) -> list[tuple[tuple, np.ndarray]]:
    if not by:
        return [((), np.arange(len(docs)))]
    groups = docs.groupby(by, dropna=False, sort=False).indices
    items = [((k if isinstance(k, tuple) else (k,)), v) for k, v in groups.items()]
    items.sort(key=lambda kv: tuple((pd.isna(x), str(x)) for x in kv[0]))
    return items


def _level_names(levels) -> list[str]:
    return _as_list(levels)


# ============================================================================ rates
@_blas_single_thread
def outlet_rates(
    docs: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    feature: str | Sequence[str] | None = None,
    key: str | Sequence[str] | None = None,
    value: str | Sequence[str] | None = None,
    levels: str | Sequence[str] | None = None,
    field: str | None = "text",
    per: float = 1000.0,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = DEFAULT_SEED,
    min_docs: int = 5,
) -> pd.DataFrame:
    """Hits per 1,000 words per group, with a bootstrap interval over documents.

    Parameters
    ----------
    docs, hits
        The document and hits tables. Documents without hits count (as zeros).
    by
        Grouping column(s) of ``docs``: ``"outlet"``, or ``["outlet", "month"]`` (``month`` is
        derived from ``date`` when absent, see :func:`add_month`).
    feature, key, value
        Keep only these hits (e.g. ``feature="label"``, ``key="kyiv"``, ``value="Kiev"``).
    levels
        Hit column(s) to break the rate down by, e.g. ``"feature"`` or ``["feature", "key"]``:
        one row per group × level. ``None`` pools all selected hits.
    field
        ``"text"`` (default) counts hits in the article body only, matching the denominator
        (``n_words`` counts the body); ``None`` also counts headline hits.
    per
        Rate unit in words (1,000).
    n_boot, ci, seed
        Bootstrap replicates, interval level, seed.
    min_docs
        Rows with fewer documents get ``insufficient=True`` and no interval.

    Returns
    -------
    DataFrame with the ``by`` columns, the ``levels`` columns, ``n_docs``, ``n_docs_with_hits``,
    ``n_words``, ``n_hits``, ``rate`` (hits per ``per`` words, ratio of sums), ``ci_low``,
    ``ci_high``, ``insufficient``. Where a group has no hit at all the bootstrap cannot vary, so
    ``ci_high`` is the exact Poisson upper bound for zero events in ``n_words`` words.
    """
    _check_ci(ci)
    by = _as_list(by)
    levels = _level_names(levels)
    d = _prepare_docs(docs, by)
    h = _filter_hits(hits, feature=feature, key=key, value=value, field=field)
    counts, cols = _count_matrix(d, h, levels)
    words = d["n_words"].to_numpy()
    rows = []
    for label, idx in _group_indices(d, by):
        c = counts[idx]
        w = words[idx]
        n_docs = len(idx)
        rate = _ratio(c.sum(0), w.sum(), per)
        lo = hi = np.full(len(cols), np.nan)
        if n_docs >= max(min_docs, 1) and n_boot > 0 and len(cols):
            reps = _boot_ratio(c, w, n_boot=n_boot, rng=_rng(seed, *label), scale=per)
            lo, hi = _quantiles(reps, ci)
            none = c.sum(0) == 0  # no hit at all: the bootstrap cannot vary; exact Poisson bound
            hi = np.where(none, _poisson_upper(w.sum(), ci, per), hi)
        for j, lev in enumerate(cols):
            rows.append({
                **dict(zip(by, label)), **dict(zip(levels, lev)),
                "n_docs": n_docs,
                "n_docs_with_hits": int((c[:, j] > 0).sum()),
                "n_words": int(w.sum()),
                "n_hits": int(c[:, j].sum()),
                "rate": _tidy(rate[j]),
                "ci_low": _tidy(lo[j]),
                "ci_high": _tidy(hi[j]),
                "insufficient": n_docs < min_docs,
            })
    cols_out = [*by, *levels, "n_docs", "n_docs_with_hits", "n_words", "n_hits", "rate", "ci_low",
                "ci_high", "insufficient"]
    return pd.DataFrame(rows, columns=cols_out)


# ============================================================================ variant shares
def _variant_counts(d: pd.DataFrame, hits: pd.DataFrame, *, key, feature, field, ukrainian, russian):
    h = _filter_hits(hits, feature=feature, key=key, field=field)
    check_columns(h, ["category"], what="hits table")
    h = h.loc[h["category"].isin([ukrainian, russian])]
    u, keys_u = _count_matrix(d, h.loc[h["category"] == ukrainian], ["key"])
    r, keys_r = _count_matrix(d, h.loc[h["category"] == russian], ["key"])
    keys = sorted({k[0] for k in keys_u} | {k[0] for k in keys_r}, key=str)
    U = np.zeros((len(d), len(keys)))
    R = np.zeros((len(d), len(keys)))
    for j, k in enumerate(keys):
        if (k,) in keys_u:
            U[:, j] = u[:, keys_u.index((k,))]
        if (k,) in keys_r:
            R[:, j] = r[:, keys_r.index((k,))]
    return keys, U, R


@_blas_single_thread
def variant_shares(
    docs: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    key: str | Sequence[str] | None = None,
    feature: str = "variant",
    field: str | None = None,
    ukrainian: str = "ukrainian",
    russian: str = "russian",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = DEFAULT_SEED,
    min_docs: int = 5,
) -> pd.DataFrame:
    """Share of the Ukrainian form (Kyiv, Kharkiv, Odesa …) per group and variant key.

    The share is pooled over hits: ``n_ukrainian / (n_ukrainian + n_russian)`` over the documents
    of the group that use the key at all; its interval is a bootstrap over those documents
    (so one article repeating "Kiev" twenty times cannot make the interval narrow). A Wilson
    interval that treats every hit as independent is given as ``wilson_low``/``wilson_high`` for
    comparison only: it is too narrow whenever articles are internally consistent. Where every
    document uses only one form (share 0 or 1) the bootstrap cannot vary; the interval is then
    the Wilson interval with the document as the unit (31 of 31 documents -> [0.89, 1]).

    Headline hits count too (``field=None``): a headline is where a spelling is most visible.
    The hit ``category`` column tells the orientation (``ukrainian``/``russian``, as in the
    codebook); other categories are ignored.

    Returns one row per group × key: the ``by`` columns, ``key``, ``n_docs`` (documents in the
    group), ``n_docs_using`` (documents using either form; of which ``n_docs_ukrainian_only``,
    ``n_docs_russian_only``, ``n_docs_mixed``), ``n_ukrainian``, ``n_russian`` (hits),
    ``share_ukrainian`` (NaN where no document uses the key), ``ci_low``, ``ci_high``,
    ``wilson_low``, ``wilson_high``, ``insufficient`` (``n_docs_using < min_docs``; no interval).
    """
    _check_ci(ci)
    by = _as_list(by)
    d = _prepare_docs(docs, by)
    keys, U, R = _variant_counts(d, hits, key=key, feature=feature, field=field,
                                 ukrainian=ukrainian, russian=russian)
    rows = []
    for label, idx in _group_indices(d, by):
        for j, k in enumerate(keys):
            u, r = U[idx, j], R[idx, j]
            using = (u + r) > 0
            n_using = int(using.sum())
            nu, nr = float(u.sum()), float(r.sum())
            share = nu / (nu + nr) if nu + nr > 0 else np.nan
            lo = hi = np.nan
            if n_using >= max(min_docs, 1) and n_boot > 0:
                _, lo, hi = _share_interval(u[using], (u + r)[using], n_boot=n_boot,
                                            rng=_rng(seed, *label, k), ci=ci)
            wl, wh = _wilson(nu, nu + nr, ci)
            rows.append({
                **dict(zip(by, label)), "key": k,
                "n_docs": len(idx), "n_docs_using": n_using,
                "n_docs_ukrainian_only": int(((u > 0) & (r == 0)).sum()),
                "n_docs_russian_only": int(((r > 0) & (u == 0)).sum()),
                "n_docs_mixed": int(((u > 0) & (r > 0)).sum()),
                "n_ukrainian": int(nu), "n_russian": int(nr),
                "share_ukrainian": share, "ci_low": _tidy(lo, 0.0, 1.0), "ci_high": _tidy(hi, 0.0, 1.0),
                "wilson_low": float(wl), "wilson_high": float(wh),
                "insufficient": n_using < min_docs,
            })
    cols = [*by, "key", "n_docs", "n_docs_using", "n_docs_ukrainian_only", "n_docs_russian_only", "n_docs_mixed",
            "n_ukrainian", "n_russian", "share_ukrainian", "ci_low", "ci_high", "wilson_low", "wilson_high",
            "insufficient"]
    return pd.DataFrame(rows, columns=cols)


# ============================================================================ comparisons
def adjust_pvalues(p, *, method: str = "holm") -> np.ndarray:
    """Correct p-values for multiple comparisons; NaN p-values stay NaN and are not counted.

    ``method``: ``"holm"`` (Holm 1979, family-wise error), ``"bh"`` (Benjamini & Hochberg 1995,
    false discovery rate) or ``"none"``. Uses :func:`statsmodels.stats.multitest.multipletests`.
    """
    from statsmodels.stats.multitest import multipletests

    names = {"holm": "holm", "bh": "fdr_bh", "fdr_bh": "fdr_bh", "none": None}
    if method not in names:
        raise FramingError(f"unknown correction {method!r}: use 'holm', 'bh' or 'none'")
    p = np.asarray(p, dtype="float64")
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    if names[method] is None or not ok.any():
        out[ok] = p[ok]
        return out
    out[ok] = multipletests(p[ok], method=names[method])[1]
    return out


def _tests_table(rows: list[dict], columns: list[str], *, correction: str, alpha: float) -> pd.DataFrame:
    """The table of a family of tests: ``rows`` (each with a ``p_value``) in ``columns`` order,
    with ``p_adjusted`` (``correction`` across every row; NaN p-values, i.e. untested rows, stay
    NaN and do not count) and ``significant`` (``p_adjusted < alpha``)."""
    out = pd.DataFrame(rows, columns=[c for c in columns if c not in ("p_adjusted", "significant")])
    out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(dtype="float64"), method=correction)
    out["significant"] = out["p_adjusted"] < alpha
    return out[columns]


#: Sequential Monte Carlo: a test stops once this many permuted statistics reach the observed one.
PERM_STOP_AFTER = 100


def _perm_test(num: np.ndarray, den: np.ndarray, labels: np.ndarray, tests: Sequence[int], *, n_perm: int,
               rng: np.random.Generator, scale: float = 1.0, block: int = 500) -> np.ndarray:
    """Two-sided permutation p-values for "group g against all other documents", for every g in
    ``tests`` and every column of ``num``: the statistic is the difference of ratios of sums
    ``scale × (Σ_g num / Σ_g den − Σ_rest num / Σ_rest den)``.

    One permutation of the document labels serves every group (each group's documents are then a
    uniform random subset of its size). Sequential Monte Carlo (Besag & Clifford 1991): a test
    stops once :data:`PERM_STOP_AFTER` permuted statistics are at least as extreme as the observed
    one (p = k / L); otherwise all ``n_perm`` permutations run and p = (k + 1) / (n_perm + 1).
    Where fewer than :data:`PERM_STOP_AFTER` permutations reach the observed statistic, that
    Monte Carlo value cannot resolve small p-values, so the tail probability of a normal
    distribution with the permutation distribution's mean and SD (the combinatorial central limit
    theorem) is used when it is smaller. Returns an array (len(tests), k); NaN where the observed
    statistic is undefined.
    """
    from scipy.stats import norm

    n, k = num.shape
    den2 = den[:, None] if den.ndim == 1 else den
    tot_n, tot_d = num.sum(0), den2.sum(0)

    def stat(mask):  # mask (b, n) float -> (b, k)
        sa_n, sa_d = mask @ num, mask @ den2
        with np.errstate(divide="ignore", invalid="ignore"):
            return scale * (sa_n / sa_d - (tot_n - sa_n) / (tot_d - sa_d))

    G = len(tests)
    obs = np.vstack([stat((labels == g).astype("float64")[None, :])[0] for g in tests]) if G else np.zeros((0, k))
    tol = 1e-9 * np.maximum(1.0, np.abs(obs))
    exceed = np.zeros((G, k))
    used = np.zeros((G, k))
    s1 = np.zeros((G, k))
    s2 = np.zeros((G, k))
    cnt = np.zeros((G, k))
    active = np.isfinite(obs)
    done = 0
    block = max(1, min(block, 2_000_000 // max(n, 1)))
    while done < n_perm and active.any():
        b = min(block, n_perm - done)
        L = np.stack([labels[rng.permutation(n)] for _ in range(b)])
        for gi, g in enumerate(tests):
            act = active[gi]
            if not act.any():
                continue
            t = stat((L == g).astype("float64"))[:, act]
            fin = np.isfinite(t)
            exceed[gi, act] += (fin & (np.abs(t) >= np.abs(obs[gi, act]) - tol[gi, act])).sum(0)
            used[gi, act] += b
            tt = np.where(fin, t, 0.0)
            s1[gi, act] += tt.sum(0)
            s2[gi, act] += (tt**2).sum(0)
            cnt[gi, act] += fin.sum(0)
        done += b
        active &= exceed < PERM_STOP_AFTER
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(exceed >= PERM_STOP_AFTER, exceed / used, (exceed + 1) / (used + 1))
        mean = s1 / cnt
        sd = np.sqrt(np.maximum(s2 / cnt - mean**2, 0.0))
        a = np.abs(obs)
        p_norm = norm.sf((a - mean) / sd) + norm.cdf((-a - mean) / sd)
    tail = (exceed < PERM_STOP_AFTER) & (sd > 0) & np.isfinite(p_norm)
    p = np.where(tail, np.minimum(p, p_norm), p)
    p[~np.isfinite(obs)] = np.nan
    return np.clip(p, 0.0, 1.0)


def _glm_rate_ratio(y: np.ndarray, words: np.ndarray, in_a: np.ndarray, *, family: str, ci: float):
    """Rate ratio A vs B, its interval and p-value from a count GLM with log(words) offset."""
    import statsmodels.api as sm

    keep = words > 0
    y, words, x = y[keep], words[keep], in_a[keep].astype("float64")
    if y.sum() == 0 or y[x == 1].sum() == 0 or y[x == 0].sum() == 0:
        return np.nan, np.nan, np.nan, np.nan
    X = sm.add_constant(x, has_constant="add")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if family == "poisson":
                res = sm.GLM(y, X, family=sm.families.Poisson(), offset=np.log(words)).fit(cov_type="HC0")
            elif family == "negbin":
                res = sm.NegativeBinomial(y, X, offset=np.log(words)).fit(disp=0, maxiter=200)
            else:
                raise FramingError(f"unknown glm family {family!r}: use 'poisson' or 'negbin'")
        except FramingError:
            raise
        except Exception:
            return np.nan, np.nan, np.nan, np.nan
    params = np.asarray(res.params)
    lo, hi = np.asarray(res.conf_int(alpha=1 - ci))[1]
    return float(np.exp(params[1])), float(np.exp(lo)), float(np.exp(hi)), float(np.asarray(res.pvalues)[1])


@_blas_single_thread
def compare_outlets(
    docs: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    by: str = "outlet",
    feature: str | Sequence[str] | None = None,
    key: str | Sequence[str] | None = None,
    levels: str | Sequence[str] = ("feature", "key"),
    reference: str | None = None,
    method: str = "permutation",
    glm_family: str = "poisson",
    field: str | None = "text",
    per: float = 1000.0,
    n_perm: int = 2000,
    n_boot: int = 2000,
    ci: float = 0.95,
    correction: str = "holm",
    alpha: float = 0.05,
    seed: int = DEFAULT_SEED,
    min_docs: int = 5,
) -> pd.DataFrame:
    """Does an outlet use a feature more or less often than the others? One test per outlet × level.

    Each outlet is compared with a reference: all *other* documents (``reference=None``) or one
    named outlet (``reference="BBC"``: every other outlet against it). Per comparison and per
    level (default: each ``feature``/``key`` of the hits) it reports both rates, the **rate ratio**
    with an interval and a p-value, corrected for multiple comparisons across *all* rows of the
    table (every feature × outlet is one test in the family).

    ``method="permutation"`` (default): documents are shuffled between the two groups (group
    sizes fixed, seeded; up to ``n_perm`` times, stopping early once 100 permuted statistics
    reach the observed one — Besag & Clifford 1991); the statistic is the difference of rates
    (ratio of sums); two-sided. Where Monte Carlo cannot resolve a very small p-value (fewer
    than 100 permuted statistics as extreme), the normal approximation to the permutation
    distribution is used if smaller, so that a correction over many tests can still reach
    significance. The rate-ratio interval is a bootstrap over documents within each group.
    ``method="glm"``: a count regression per level, hits ~ group with ``log(n_words)`` offset —
    ``glm_family="poisson"`` with sandwich (HC0) standard errors, robust to overdispersion, or
    ``"negbin"`` (negative binomial, dispersion estimated); rate ratio = exp(coefficient), Wald
    interval and p-value. Levels where either group has no hits get NaN from the GLM (the
    coefficient is infinite); the permutation test still applies there.

    ``correction``: ``"holm"`` (family-wise) or ``"bh"`` (false discovery rate), or ``"none"``.
    Outlets with fewer than ``min_docs`` documents are listed with ``insufficient=True`` and not
    tested (they do not enter the correction).

    Rate-ratio bootstrap replicates in which neither group drew a hit (0/0) have no ratio; they
    are not dropped (that would condition the interval on drawing a hit) but counted:
    ``boot_undefined`` is their share, and the bounds treat them conservatively (0 for the lower
    bound, +inf for the upper; see :func:`_rate_ratio_interval`). A replicate where only the
    reference drew no hit is a ratio of +inf and counts as such. Where one group has no hit at all
    and the other has some, every replicate is 0 (or +inf) and the percentile interval has zero
    width ([0, 0]) unless too many are undefined; a zero count is compatible with a positive rate,
    so there the interval is the exact conditional one for a ratio of Poisson rates with the word
    counts as exposures (:func:`_exact_rate_ratio_interval`; R's ``poisson.test``), widened to the
    MOVER bound where that is wider (:func:`_mover_zero_bounds`; ``ci_method`` "mover"). Neither
    knows how the zero group's hits would cluster, so under clustering these rows cover less than
    ``ci`` (see docs/statistics.md).

    Returns columns: the level columns, ``outlet``, ``reference``, ``n_docs``, ``n_docs_ref``,
    ``n_hits``, ``n_hits_ref``, ``rate``, ``rate_ref``, ``rate_ratio``, ``ci_low``, ``ci_high``,
    ``ci_method`` (which method gave the interval: ``"bootstrap"``, ``"exact"``, ``"mover"`` where
    the MOVER bound widened the exact one, ``"wald"`` for the GLM; None where there is no interval),
    ``boot_undefined`` (share of bootstrap replicates with no ratio; NaN for the GLM), ``p_value``,
    ``p_adjusted``, ``significant`` (``p_adjusted < alpha``), ``method``, ``insufficient``.
    """
    _check_ci(ci)
    if method not in ("permutation", "glm"):
        raise FramingError(f"unknown method {method!r}: use 'permutation' or 'glm'")
    levels = _level_names(levels)
    d = _prepare_docs(docs, [by])
    h = _filter_hits(hits, feature=feature, key=key, field=field)
    counts, cols = _count_matrix(d, h, levels)
    words = d["n_words"].to_numpy()
    outlets = d[by].to_numpy()
    groups = [g for g, _ in _group_indices(d, [by])]
    if reference is not None and reference not in set(outlets):
        raise FramingError(f"reference outlet {reference!r} not in the docs table "
                           f"(outlets: {', '.join(sorted(map(str, set(outlets))))})")
    p_rest = {}
    if method == "permutation" and reference is None and len(cols):
        # one set of permutations for every "outlet vs the rest" test
        codes, uniques = pd.factorize(pd.Series(outlets), use_na_sentinel=True)
        testable = [i for i, u in enumerate(uniques)
                    if min_docs <= (codes == i).sum() <= len(codes) - min_docs]
        pv = _perm_test(counts, words, codes, testable, n_perm=n_perm, rng=_rng(seed, "perm", "rest"), scale=per)
        p_rest = {uniques[i]: pv[j] for j, i in enumerate(testable)}
    rows = []
    for (g,) in groups:
        if reference is not None and g == reference:
            continue
        a = outlets == g
        b = ~a if reference is None else outlets == reference
        ref_name = "rest" if reference is None else reference
        na, nb = int(a.sum()), int(b.sum())
        insufficient = na < min_docs or nb < min_docs
        ca, cb = counts[a], counts[b]
        rate_a = _ratio(ca.sum(0), words[a].sum(), per)
        rate_b = _ratio(cb.sum(0), words[b].sum(), per)
        rr = _ratio(rate_a, rate_b)
        rr = np.where((rate_b == 0) & (rate_a > 0), np.inf, rr)
        lo = hi = p = undefined = np.full(len(cols), np.nan)
        ci_method = np.full(len(cols), None, dtype=object)
        if not insufficient and len(cols):
            if method == "permutation":
                rng = _rng(seed, "compare", g, ref_name)
                ra = _boot_ratio(ca, words[a], n_boot=n_boot, rng=rng, scale=per)
                rb = _boot_ratio(cb, words[b], n_boot=n_boot, rng=rng, scale=per)
                if n_boot > 0:
                    lo, hi, undefined = _rate_ratio_interval(ra, rb, ci)
                    # one group without a hit: a zero-width bootstrap interval becomes the exact one
                    xa, wa, xb, wb = ca.sum(0), words[a].sum(), cb.sum(0), words[b].sum()
                    lo, hi, exact, widened = _zero_count_to_exact(
                        lo, hi, xa, wa, xb, wb, ci, boot=(ra, rb, per))
                    no_ratio = np.isnan(rr)  # neither group has a hit: no estimate, no interval
                    lo, hi = np.where(no_ratio, np.nan, lo), np.where(no_ratio, np.nan, hi)
                    ci_method = np.where(no_ratio, None, np.where(
                        widened, "mover", np.where(exact, "exact", "bootstrap"))).astype(object)
                if reference is not None:
                    both = a | b
                    p = _perm_test(counts[both], words[both], a[both].astype("int64"), [1], n_perm=n_perm,
                                   rng=_rng(seed, "perm", g, ref_name), scale=per)[0]
                else:
                    p = p_rest.get(g, np.full(len(cols), np.nan))
            else:
                both = a | b
                res = [_glm_rate_ratio(counts[both, j], words[both], a[both], family=glm_family, ci=ci)
                       for j in range(len(cols))]
                rr = np.array([r[0] for r in res])
                lo = np.array([r[1] for r in res])
                hi = np.array([r[2] for r in res])
                p = np.array([r[3] for r in res])
                ci_method = np.where(np.isnan(lo), None, "wald").astype(object)
        for j, lev in enumerate(cols):
            rows.append({
                **dict(zip(levels, lev)), "outlet": g, "reference": ref_name,
                "n_docs": na, "n_docs_ref": nb,
                "n_hits": int(ca[:, j].sum()), "n_hits_ref": int(cb[:, j].sum()),
                "rate": _tidy(rate_a[j]), "rate_ref": _tidy(rate_b[j]),
                "rate_ratio": _tidy(rr[j]), "ci_low": _tidy(lo[j]), "ci_high": _tidy(hi[j]),
                "ci_method": ci_method[j], "boot_undefined": float(undefined[j]),
                "p_value": float(p[j]), "method": method if method == "permutation" else f"glm-{glm_family}",
                "insufficient": insufficient,
            })
    cols_out = [*levels, "outlet", "reference", "n_docs", "n_docs_ref", "n_hits", "n_hits_ref", "rate",
                "rate_ref", "rate_ratio", "ci_low", "ci_high", "ci_method", "boot_undefined", "p_value", "p_adjusted",
                "significant", "method", "insufficient"]
    return _tests_table(rows, cols_out, correction=correction, alpha=alpha)


@_blas_single_thread
def compare_variant_shares(
    docs: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    key: str | Sequence[str] | None = None,
    by: str = "outlet",
    pairs: Sequence[tuple[str, str]] | None = None,
    feature: str = "variant",
    field: str | None = None,
    ukrainian: str = "ukrainian",
    russian: str = "russian",
    n_boot: int = 2000,
    n_perm: int = 2000,
    ci: float = 0.95,
    correction: str = "holm",
    alpha: float = 0.05,
    seed: int = DEFAULT_SEED,
    min_docs: int = 5,
) -> pd.DataFrame:
    """Pairwise outlet-vs-outlet difference in the share of the Ukrainian form, per key.

    ``difference = share_a - share_b`` (shares pooled over hits as in :func:`variant_shares`),
    with an interval combining the two outlets' own intervals (document bootstrap within each
    outlet, or the documents-as-unit Wilson interval at 0 or 1, exactly as :func:`variant_shares`
    reports them) by the MOVER method (Newcombe 1998; Zou & Donner 2008) — so an outlet that
    writes "Kyiv" in all of its 21 documents still contributes its uncertainty — and a
    two-sided permutation p-value (documents using the key shuffled between the two outlets; as
    in :func:`compare_outlets`),
    corrected across all rows with ``correction``. ``pairs`` defaults to every pair of outlets
    (in sorted order); give e.g. ``[("RT", "bbc"), ("RT", "guardian")]`` to test only those.

    Returns columns ``key``, ``outlet_a``, ``outlet_b``, ``n_docs_a``, ``n_docs_b`` (documents
    using the key), ``share_a``, ``share_b``, ``difference``, ``ci_low``, ``ci_high``,
    ``excludes_zero``, ``p_value``, ``p_adjusted``, ``significant``, ``insufficient``.
    """
    _check_ci(ci)
    d = _prepare_docs(docs, [by])
    keys, U, R = _variant_counts(d, hits, key=key, feature=feature, field=field,
                                 ukrainian=ukrainian, russian=russian)
    outlets = d[by].to_numpy()
    names = sorted({str(o) for o in outlets})
    if pairs is None:
        pairs = [(x, y) for i, x in enumerate(names) for y in names[i + 1:]]
    lookup = {str(o): o for o in set(outlets)}
    rows = []
    for a_name, b_name in pairs:
        for nm in (a_name, b_name):
            if str(nm) not in lookup:
                raise FramingError(f"outlet {nm!r} not in the docs table (outlets: {', '.join(names)})")
        a_all = outlets == lookup[str(a_name)]
        b_all = outlets == lookup[str(b_name)]
        for j, k in enumerate(keys):
            tot = U[:, j] + R[:, j]
            a = a_all & (tot > 0)
            b = b_all & (tot > 0)
            na, nb = int(a.sum()), int(b.sum())
            sa = _ratio(U[a, j].sum(), tot[a].sum()).item()
            sb = _ratio(U[b, j].sum(), tot[b].sum()).item()
            insufficient = na < min_docs or nb < min_docs
            lo = hi = p = np.nan
            if not insufficient:
                # each outlet's interval exactly as variant_shares() gives it, combined by MOVER
                _, la, ua = _share_interval(U[a, j], tot[a], n_boot=n_boot, rng=_rng(seed, lookup[str(a_name)], k), ci=ci)
                _, lb, ub = _share_interval(U[b, j], tot[b], n_boot=n_boot, rng=_rng(seed, lookup[str(b_name)], k), ci=ci)
                lo, hi = _mover(sa, la, ua, sb, lb, ub)
                both = a | b
                p = float(_perm_test(U[both, j][:, None], tot[both], a[both].astype("int64"), [1], n_perm=n_perm,
                                     rng=_rng(seed, "perm", a_name, b_name, k))[0, 0])
            rows.append({
                "key": k, "outlet_a": a_name, "outlet_b": b_name, "n_docs_a": na, "n_docs_b": nb,
                "share_a": sa, "share_b": sb, "difference": sa - sb, "ci_low": lo, "ci_high": hi,
                "excludes_zero": bool(lo > 0 or hi < 0), "p_value": p, "insufficient": insufficient,
            })
    cols = ["key", "outlet_a", "outlet_b", "n_docs_a", "n_docs_b", "share_a", "share_b", "difference",
            "ci_low", "ci_high", "excludes_zero", "p_value", "p_adjusted", "significant", "insufficient"]
    return _tests_table(rows, cols, correction=correction, alpha=alpha)


# ============================================================================ attribution
def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()


_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


#: Words that make a speaker an institution or a group, not a person ("Russian Defence Ministry").
_INSTITUTION_WORDS = {
    "ministry", "department", "office", "officials", "official", "government", "army", "forces", "military",
    "council", "committee", "agency", "service", "services", "police", "house", "kremlin", "spokesman",
    "spokeswoman", "spokesperson", "command", "staff", "embassy", "administration", "company", "group",
    "news", "times", "post", "party", "bank", "union", "nations", "commission", "court", "parliament",
    "guard", "corps", "statement", "report", "media", "press", "authorities", "sources", "source",
    "people", "residents", "troops", "soldiers", "experts", "analysts", "leaders", "diplomats",
}
_ARTICLES = {"the", "a", "an"}
#: Words after a name that make the speaker someone else ("Zelensky aide", "Putin's spokesman").
_ROLE_WORDS = {
    "aide", "aides", "adviser", "advisers", "advisor", "advisors", "office", "wife", "husband", "son",
    "daughter", "spokesman", "spokeswoman", "spokesperson", "government", "administration", "team", "camp",
    "party", "ministry", "officials", "official", "allies", "ally", "regime", "press",
}


def _speaker_key(name, aliases: Mapping[str, tuple[str, ...]], *, fallback: bool) -> str | None:
    """Canonical speaker for a name as written.

    1. A spelling listed in ``aliases`` (case/accent-insensitive, any word of the name; the last
       matching word wins): "Putin spokesman Dmitry Peskov" -> "Peskov". A match followed by a
       role word or in the possessive ("Zelensky's aide", "Zelensky office") is someone else.
    2. With ``fallback``: a person's name (two or more capitalised words, none of them an
       institution word) -> its surname ("Donald Trump" -> "Trump", matching a bare "Trump");
       anything else (institutions, groups, places used for governments) -> the words as written
       without a leading article, first letter capitalised ("the ministry" -> "Ministry",
       "Ukrainian officials" stays).
    Pronouns, bare articles and empty names give None (not attributable).
    """
    if not isinstance(name, str) or not name.strip():
        return None
    found = _NAME_TOKEN.findall(name)
    possessive = [bool(re.search(r"['’]s$", t)) for t in found]
    raw = [re.sub(r"['’]s$", "", t) for t in found]
    tokens = [_fold(t) for t in raw]
    if not tokens:
        return None
    for i in range(len(tokens) - 1, -1, -1):
        # "Zelensky's aide", "Putin spokesman ...": someone else speaking for the person
        if i < len(tokens) - 1 and (possessive[i] or any(t in _ROLE_WORDS for t in tokens[i + 1:])):
            continue
        for canon, forms in aliases.items():
            if tokens[i] in forms:
                return canon
    if not fallback:
        return None
    while tokens and tokens[0] in _ARTICLES:
        tokens, raw = tokens[1:], raw[1:]
    if not tokens or (len(tokens) == 1 and (tokens[0] in _PRONOUNS or len(tokens[0]) < 2)):
        return None
    person = (len(raw) >= 2 and all(t[:1].isupper() for t in raw)
              and not any(t in _INSTITUTION_WORDS for t in tokens))
    if person:
        return raw[-1][:1].upper() + raw[-1][1:]
    text = " ".join(raw)
    return text[:1].upper() + text[1:]


def _alias_table(speakers) -> tuple[dict[str, tuple[str, ...]], bool]:
    if speakers is None:
        return dict(DEFAULT_SPEAKERS), True
    if isinstance(speakers, str):
        speakers = [speakers]
    if isinstance(speakers, Mapping):
        return {c: tuple(_fold(a) for a in _as_list(v)) for c, v in speakers.items()}, False
    out = {}
    for s in speakers:
        canon = next((c for c, forms in DEFAULT_SPEAKERS.items() if _fold(s) in forms or _fold(s) == _fold(c)), None)
        out[canon or s] = DEFAULT_SPEAKERS.get(canon, (_fold(s),))
    return out, False


def _attributed_quotes(hits: pd.DataFrame, d: pd.DataFrame, *, features, categories, aliases,
                       fallback: bool) -> pd.DataFrame:
    """Quote hits of the documents ``d`` with a cue in ``categories`` and a speaker that
    :func:`_speaker_key` resolves (column ``_speaker``, the canonical name)."""
    h = _filter_hits(hits, feature=list(features))
    check_columns(h, ["speaker", "cue_category"], what="hits table")
    h = h.loc[h["cue_category"].isin(list(categories)) & h["doc_id"].isin(d["doc_id"])]
    h = h.assign(_speaker=[_speaker_key(s, aliases, fallback=fallback) for s in h["speaker"]])
    return h.loc[h["_speaker"].notna()]


def speaker_groups(hits: pd.DataFrame, *, speakers=None,
                   features: Sequence[str] = ("quote", "reported_speech")) -> pd.DataFrame:
    """How each speaker name as written was grouped: ``speaker`` (as written), ``speaker_group``
    (canonical), ``n`` (hits). Use it to audit the grouping behind :func:`attribution_by_speaker`."""
    check_columns(hits, ["speaker"], what="hits table")
    h = _filter_hits(hits, feature=list(features))
    aliases, fallback = _alias_table(speakers)
    names = h["speaker"].fillna("").astype(str)
    counts = names.value_counts()
    out = pd.DataFrame({"speaker": counts.index.astype(str), "n": counts.to_numpy()})
    out["speaker_group"] = [_speaker_key(s, aliases, fallback=fallback) for s in out["speaker"]]
    out = out.loc[out["speaker_group"].notna()]
    return out[["speaker_group", "speaker", "n"]].sort_values(["speaker_group", "n", "speaker"],
                                                             ascending=[True, False, True]).reset_index(drop=True)


@_blas_single_thread
def attribution_by_speaker(
    docs: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    speakers: Sequence[str] | Mapping[str, Sequence[str]] | None = None,
    min_quotes: int = 20,
    max_speakers: int | None = 12,
    features: Sequence[str] = ("quote", "reported_speech"),
    categories: Sequence[str] = CUE_CATEGORIES,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = DEFAULT_SEED,
    min_docs: int = 5,
) -> pd.DataFrame:
    """Share of neutral / endorsing / distancing attribution cues per speaker and outlet.

    Does an outlet write "claimed" for one side and "said" for the other? Quotes and reported
    speech with a cue category are grouped by speaker: names are matched by **surname**,
    case- and accent-insensitively, so "Vladimir Zelensky", "Zelenskyy", "Volodymyr Zelenskiy"
    and "President Zelensky" are one speaker (``DEFAULT_SPEAKERS`` lists the spellings; the last
    word that matches wins, so "Putin spokesman Dmitry Peskov" is Peskov; "Kyiv" and "Kiev" used
    for the Ukrainian government are one speaker, so that the grouping does not depend on the
    outlet's spelling). Other people are grouped by surname ("Donald Trump" with "Trump");
    institutions and groups by their name as written ("Ukrainian officials", "Ministry").
    Unresolved pronouns are dropped.
    :func:`speaker_groups` shows which written names went into which group.

    ``speakers``: ``None`` (the most quoted speakers with at least ``min_quotes`` attributed
    quotes in the whole table, at most ``max_speakers``), a list of names (e.g.
    ``["Zelensky", "Putin"]``, spellings from ``DEFAULT_SPEAKERS``), or a dict
    ``{canonical: [spellings]}``.

    Shares are pooled over quotes within speaker × outlet; intervals are a bootstrap over
    documents (quotes in one article share an author's habits); a share of 0 or 1 in every
    document gets the Wilson interval with the document as the unit, as in :func:`variant_shares`.

    Returns one row per speaker × group × category: ``speaker``, the ``by`` columns,
    ``cue_category``, ``n_docs`` (documents quoting the speaker), ``n_quotes`` (attributed
    quotes of the speaker in the group), ``n_category``, ``share``, ``ci_low``, ``ci_high``,
    ``insufficient`` (``n_docs < min_docs``; no interval).
    """
    _check_ci(ci)
    by = _as_list(by)
    d = _prepare_docs(docs, by)
    aliases, fallback = _alias_table(speakers)
    h = _attributed_quotes(hits, d, features=features, categories=categories, aliases=aliases, fallback=fallback)
    totals = h["_speaker"].value_counts()
    if speakers is None:
        keep = [s for s, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])) if n >= min_quotes]
        if max_speakers is not None:
            keep = keep[:max_speakers]
    else:
        keep = list(aliases)
    h = h.merge(d, on="doc_id", how="left")
    cols = ["speaker", *by, "cue_category", "n_docs", "n_quotes", "n_category", "share", "ci_low",
            "ci_high", "insufficient"]
    rows = []
    for sp in keep:
        hs = h.loc[h["_speaker"] == sp]
        if hs.empty:
            for label, _ in _group_indices(d, by):
                for cat in categories:
                    rows.append({"speaker": sp, **dict(zip(by, label)), "cue_category": cat, "n_docs": 0,
                                 "n_quotes": 0, "n_category": 0, "share": np.nan, "ci_low": np.nan,
                                 "ci_high": np.nan, "insufficient": True})
            continue
        # documents × categories count matrix for this speaker
        m = hs.groupby(["doc_id", "cue_category"]).size().unstack("cue_category", fill_value=0)
        m = m.reindex(columns=list(categories), fill_value=0)
        dm = d.set_index("doc_id").loc[m.index, by].reset_index()
        C = m.to_numpy(dtype="float64")
        for label, idx in _group_indices(dm, by):
            c = C[idx]
            tot = c.sum(1)
            n_docs = len(idx)
            share = _ratio(c.sum(0), tot.sum())
            lo = hi = np.full(len(categories), np.nan)
            if n_docs >= max(min_docs, 1) and n_boot > 0:
                reps = _boot_ratio(c, tot, n_boot=n_boot, rng=_rng(seed, "attr", sp, *label))
                lo, hi = _degenerate_to_wilson(share, *_quantiles(reps, ci), n_docs, ci)
            for j, cat in enumerate(categories):
                rows.append({"speaker": sp, **dict(zip(by, label)), "cue_category": cat, "n_docs": n_docs,
                             "n_quotes": int(tot.sum()), "n_category": int(c[:, j].sum()),
                             "share": float(share[j]), "ci_low": _tidy(lo[j], 0.0, 1.0),
                             "ci_high": _tidy(hi[j], 0.0, 1.0),
                             "insufficient": n_docs < min_docs})
    return pd.DataFrame(rows, columns=cols)


@_blas_single_thread
def attribution_gap(
    docs: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    speakers: tuple[str, str] = ("Zelensky", "Putin"),
    category: str = "distancing",
    by: str | Sequence[str] = "outlet",
    features: Sequence[str] = ("quote", "reported_speech"),
    categories: Sequence[str] = CUE_CATEGORIES,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = DEFAULT_SEED,
    min_docs: int = 5,
) -> pd.DataFrame:
    """Does an outlet write "claimed" for one side and "said" for the other? Per outlet, the share
    of ``category`` cues among the attributed quotes of speaker A minus that of speaker B.

    Speakers are grouped as in :func:`attribution_by_speaker` (``speakers`` are two canonical
    names, e.g. ``("Kyiv (government)", "Moscow")``). The interval resamples the outlet's
    documents that quote either speaker *jointly* (one bootstrap draw gives both shares), so an
    article quoting both sides counts once and the dependence between the two shares is kept.
    Where a share is 0 or 1 in every document the bootstrap cannot vary it; the interval then
    combines the two speakers' own intervals (documents-as-unit Wilson) by MOVER, as in
    :func:`compare_variant_shares`.

    Returns one row per group: the ``by`` columns, ``speaker_a``, ``speaker_b``, ``cue_category``,
    ``n_docs`` (documents quoting A or B), ``n_docs_a``, ``n_docs_b``, ``n_quotes_a``,
    ``n_quotes_b``, ``share_a``, ``share_b``, ``difference`` (A - B), ``ci_low``, ``ci_high``,
    ``ci_method`` (``"bootstrap"`` or ``"mover"``; None without an interval), ``boot_undefined``,
    ``excludes_zero``, ``insufficient`` (fewer than ``min_docs`` documents quote A or B; no interval).
    A bootstrap draw holding no quote of A or none of B has no gap; such draws are not dropped but
    bound the interval conservatively (-1 for the lower bound, +1 for the upper:
    :func:`_difference_interval`), and ``boot_undefined`` is their share (as in
    :func:`compare_outlets`; NaN where no bootstrap ran; with ``"mover"`` the undefined draws do
    not bound the interval: each speaker's interval comes from the draws holding that speaker).
    """
    _check_ci(ci)
    if len(speakers) != 2:
        raise FramingError(f"attribution_gap compares two speakers, got {speakers!r}")
    if category not in categories:
        raise FramingError(f"unknown cue category {category!r} (categories: {', '.join(categories)})")
    by = _as_list(by)
    d = _prepare_docs(docs, by)
    aliases, _ = _alias_table(list(speakers))
    names = list(aliases)
    h = _attributed_quotes(hits, d, features=features, categories=categories, aliases=aliases, fallback=False)
    cols = [*by, "speaker_a", "speaker_b", "cue_category", "n_docs", "n_docs_a", "n_docs_b", "n_quotes_a",
            "n_quotes_b", "share_a", "share_b", "difference", "ci_low", "ci_high", "ci_method", "boot_undefined",
            "excludes_zero", "insufficient"]
    # per document: [category A, all A, category B, all B]
    parts = []
    for sp in names:
        hs = h.loc[h["_speaker"] == sp]
        parts.append(hs.loc[hs["cue_category"] == category].groupby("doc_id").size())
        parts.append(hs.groupby("doc_id").size())
    m = pd.concat(parts, axis=1, keys=["ca", "ta", "cb", "tb"]).fillna(0)
    dm = d.set_index("doc_id").loc[m.index, by].reset_index() if len(m) else d.iloc[:0]
    M = m.to_numpy(dtype="float64")
    rows = []
    for label, idx in _group_indices(dm, by) if len(m) else []:
        x = M[idx]
        na, nb = int((x[:, 1] > 0).sum()), int((x[:, 3] > 0).sum())
        sa = _ratio(x[:, 0].sum(), x[:, 1].sum()).item()
        sb = _ratio(x[:, 2].sum(), x[:, 3].sum()).item()
        insufficient = na < min_docs or nb < min_docs
        lo = hi = undefined = np.nan
        ci_method = None
        if not insufficient and n_boot > 0:
            reps = _boot_ratio(x[:, [0, 2]], x[:, [1, 3]], n_boot=n_boot, rng=_rng(seed, "gap", *names, *label))
            undefined = float(np.isnan(reps[:, 0] - reps[:, 1]).mean())
            (la, lb), (ua, ub) = _quantiles(reps, ci)
            if (la == ua and sa in (0.0, 1.0)) or (lb == ub and sb in (0.0, 1.0)):
                # a share stuck at 0 or 1 in every document: the joint bootstrap cannot show its
                # uncertainty; combine the per-speaker intervals (documents as unit) by MOVER
                la, ua = (float(v[0]) for v in _degenerate_to_wilson(sa, la, ua, na, ci))
                lb, ub = (float(v[0]) for v in _degenerate_to_wilson(sb, lb, ub, nb, ci))
                lo, hi = _mover(sa, la, ua, sb, lb, ub)
                ci_method = "mover"
            else:
                lo, hi, undefined = _difference_interval(reps[:, 0] - reps[:, 1], ci)
                ci_method = "bootstrap"
        rows.append({**dict(zip(by, label)), "speaker_a": names[0], "speaker_b": names[1], "cue_category": category,
                     "n_docs": len(idx), "n_docs_a": na, "n_docs_b": nb, "n_quotes_a": int(x[:, 1].sum()),
                     "n_quotes_b": int(x[:, 3].sum()), "share_a": sa, "share_b": sb, "difference": sa - sb,
                     "ci_low": lo, "ci_high": hi, "ci_method": ci_method, "boot_undefined": undefined,
                     "excludes_zero": bool(lo > 0 or hi < 0),
                     "insufficient": insufficient})
    return pd.DataFrame(rows, columns=cols)


# ============================================================================ keyness
def _term_counts(docs, *, target, by, text_column, ngram_range, lowercase, token_pattern):
    from sklearn.feature_extraction.text import CountVectorizer

    check_columns(docs, [by, text_column], what="docs table")
    is_target = docs[by].isin(_as_list(target)).to_numpy()
    if not is_target.any():
        raise FramingError(f"no document has {by} = {target!r} "
                           f"(values: {', '.join(sorted(map(str, docs[by].dropna().unique())))})")
    if is_target.all():
        raise FramingError(f"every document has {by} = {target!r}: there is no reference corpus")
    vec = CountVectorizer(ngram_range=tuple(ngram_range), lowercase=lowercase,
                          token_pattern=token_pattern, dtype=np.int64)
    texts = docs[text_column].fillna("").astype(str).tolist()
    try:
        X = vec.fit_transform(texts).tocsr()
    except ValueError as exc:  # scikit-learn: "empty vocabulary; perhaps the documents only contain stop words"
        raise FramingError(f"no term in the {text_column!r} column of any document ({len(texts)} documents): "
                           f"both the target ({by} = {target!r}) and the reference are empty") from exc
    a = np.asarray(X[is_target].sum(axis=0)).ravel().astype("float64")
    b = np.asarray(X[~is_target].sum(axis=0)).ravel().astype("float64")
    for side, counts, n in (("target", a, int(is_target.sum())), ("reference", b, int((~is_target).sum()))):
        if counts.sum() == 0:
            who = f"{by} = {target!r}" if side == "target" else f"{by} other than {target!r}"
            raise FramingError(f"the {side} corpus is empty: its {n} document(s) ({who}) hold no term in "
                               f"{text_column!r}, so no rate can be compared (G², log ratio and z would be NaN)")
    return vec.get_feature_names_out(), a, b


#: Token pattern for keyness: dotted abbreviations as one token ("U.S.", "U.K."), else words with
#: inner apostrophes/hyphens ("Kyiv's", "Kyiv-based") as the word counts define them
#: (framing.text.WORD_RE). Possessives stay as written: "kiev’s" is its own term.
TOKEN_PATTERN = r"(?:\b\w\.){2,}|" + WORD_RE.pattern


def keyness(
    docs: pd.DataFrame,
    *,
    target: str | Sequence[str],
    by: str = "outlet",
    text_column: str = "clean_text",
    ngram_range: tuple[int, int] = (1, 1),
    min_count: int = 5,
    correction: str = "bh",
    lowercase: bool = True,
    token_pattern: str = TOKEN_PATTERN,
) -> pd.DataFrame:
    """Words or n-grams over- and under-used by ``target`` (an outlet) against all other documents.

    Log-likelihood G² (Dunning 1993) in the two-cell form of Rayson & Garside (2000): with ``a``,
    ``b`` the term's counts in target and reference and ``c``, ``d`` the corpus sizes (tokens or
    n-grams), ``E1 = c(a+b)/(c+d)``, ``E2 = d(a+b)/(c+d)``, ``G² = 2 [a ln(a/E1) + b ln(b/E2)]``
    (0 ln 0 = 0); ``p_value`` from χ² with 1 df. ``log_ratio`` is the effect size (Hardie 2014),
    ``log2((a/c) / (b/d))`` with 0.5 added to a zero count. Counts come from scikit-learn's
    ``CountVectorizer`` (``ngram_range``, lower-cased unless ``lowercase=False``; tokens are dotted
    abbreviations and words as :data:`TOKEN_PATTERN` defines them).

    Returns one row per term with total count ≥ ``min_count``, sorted by G² (largest first):
    ``term``, ``count_target``, ``count_reference``, ``n_target``, ``n_reference`` (corpus sizes),
    ``per_million_target``, ``per_million_reference``, ``g2``, ``p_value``, ``p_adjusted``
    (``correction`` across the terms reported: ``"bh"`` by default, ``"holm"`` or ``"none"``),
    ``log_ratio``, ``direction`` (``"target"`` if over-used by the target, else ``"reference"``).
    G² measures evidence, not size: read it with ``log_ratio`` and the raw counts.

    Raises :class:`FramingError` naming the side when the target or the reference holds no term
    at all (e.g. an outlet whose texts are all empty): the comparison is then undefined.
    """
    from scipy.stats import chi2

    terms, a, b = _term_counts(docs, target=target, by=by, text_column=text_column,
                               ngram_range=ngram_range, lowercase=lowercase, token_pattern=token_pattern)
    c, d = a.sum(), b.sum()
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
        g2 = 2 * (t1 + t2)
        aa = np.where(a > 0, a, 0.5)
        bb = np.where(b > 0, b, 0.5)
        log_ratio = np.log2((aa / c) / (bb / d))
    out = pd.DataFrame({
        "term": terms, "count_target": a.astype("int64"), "count_reference": b.astype("int64"),
        "n_target": int(c), "n_reference": int(d),
        "per_million_target": 1e6 * a / c, "per_million_reference": 1e6 * b / d,
        "g2": g2, "p_value": chi2.sf(g2, 1), "log_ratio": log_ratio,
        "direction": np.where(a / c >= b / d, "target", "reference"),
    })
    out = out.loc[(a + b) >= min_count].copy()
    out.insert(out.columns.get_loc("p_value") + 1, "p_adjusted",
               adjust_pvalues(out["p_value"].to_numpy(dtype="float64"), method=correction))
    return out.sort_values(["g2", "term"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def log_odds_dirichlet(
    docs: pd.DataFrame,
    *,
    target: str | Sequence[str],
    by: str = "outlet",
    text_column: str = "clean_text",
    ngram_range: tuple[int, int] = (1, 1),
    min_count: int = 5,
    alpha0: float | None = None,
    background: pd.Series | None = None,
    lowercase: bool = True,
    token_pattern: str = TOKEN_PATTERN,
) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, §3.5).

    With ``y_t``, ``y_r`` a term's counts in target and reference, ``n_t``, ``n_r`` the corpus
    sizes, and prior pseudo-counts ``α_w`` summing to ``α0``::

        δ_w = ln[(y_t+α_w)/(n_t+α0-y_t-α_w)] - ln[(y_r+α_w)/(n_r+α0-y_r-α_w)]
        σ²_w ≈ 1/(y_t+α_w) + 1/(y_r+α_w)
        z_w = δ_w / σ_w

    The prior is informative: ``α_w`` is proportional to the term's frequency in the background
    corpus — by default target + reference pooled (``background`` may give other counts, a
    Series indexed by term). ``alpha0`` scales the prior's total weight; ``None`` uses the
    background counts themselves (α0 = background size), as in the common implementation.
    Frequent words then need large differences to score, rare words are shrunk toward zero.

    Returns one row per term with total count ≥ ``min_count``, sorted by ``z`` (largest first):
    ``term``, ``count_target``, ``count_reference``, ``n_target``, ``n_reference``, ``prior``
    (α_w), ``delta``, ``variance``, ``z``, ``direction``. An empty target or reference corpus
    raises :class:`FramingError`, as in :func:`keyness`.
    """
    terms, a, b = _term_counts(docs, target=target, by=by, text_column=text_column,
                               ngram_range=ngram_range, lowercase=lowercase, token_pattern=token_pattern)
    bg = a + b if background is None else pd.Series(background).reindex(terms).fillna(0).to_numpy(dtype="float64")
    if bg.sum() <= 0:
        raise FramingError("log_odds_dirichlet: the background counts are all zero")
    prior = bg if alpha0 is None else alpha0 * bg / bg.sum()
    a0 = prior.sum()
    nt, nr = a.sum(), b.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((a + prior) / (nt + a0 - a - prior))
                 - np.log((b + prior) / (nr + a0 - b - prior)))
        var = 1 / (a + prior) + 1 / (b + prior)
        z = delta / np.sqrt(var)
    out = pd.DataFrame({
        "term": terms, "count_target": a.astype("int64"), "count_reference": b.astype("int64"),
        "n_target": int(nt), "n_reference": int(nr), "prior": prior,
        "delta": delta, "variance": var, "z": z,
        "direction": np.where(delta >= 0, "target", "reference"),
    })
    out = out.loc[((a + b) >= min_count) & (prior > 0)]
    return out.sort_values(["z", "term"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


# ============================================================================ distinctiveness
def _feature_columns(doc_features: pd.DataFrame, features) -> list[str]:
    if features is not None:
        cols = _as_list(features)
        check_columns(doc_features, cols, what="doc_features table")
        return cols
    cols = [c for c in doc_features.columns
            if isinstance(c, str) and ":" in c and not c.startswith("share_")
            and pd.api.types.is_numeric_dtype(doc_features[c])]
    if not cols:
        raise FramingError("doc_features table has no feature count columns ('feature:key:value')")
    return cols


@dataclass
class ClassifierResult:
    """What :func:`outlet_classifier` found. All attributes are DataFrames except ``dropped``."""

    summary: pd.DataFrame  #: model, accuracy and balanced accuracy (mean, sd over folds), n
    folds: pd.DataFrame  #: per-fold scores of the model and the majority baseline
    top_features: pd.DataFrame  #: outlet, rank, feature, coefficient (most telling features)
    confusion: pd.DataFrame  #: cross-validated confusion matrix (rows: true outlet)
    dropped: list = field(default_factory=list)  #: outlets with fewer documents than folds


@_blas_single_thread
def outlet_classifier(
    doc_features: pd.DataFrame,
    *,
    features: Sequence[str] | None = None,
    by: str = "outlet",
    cv: int = 5,
    seed: int = DEFAULT_SEED,
    top: int = 5,
    C: float = 1.0,
) -> ClassifierResult:
    """How distinctive is each outlet's framing? Predict the outlet from the framing features.

    Features are rates per 1,000 words of each ``feature:key:value`` count column (documents with
    no words are left out), transformed with ``log1p`` and standardised; the model is a
    multinomial logistic regression (L2, ``C``, class weights balanced so that small outlets
    count), scored by stratified ``cv``-fold cross-validation (shuffled, seeded) against a
    majority-class baseline (``DummyClassifier``). Report **balanced accuracy** beside accuracy:
    with unequal outlet sizes the majority baseline's accuracy is high and meaningless.

    The most telling features per outlet are the largest positive coefficients of a model fitted
    on all documents (standardised units: log-odds per standard deviation of the feature).
    """
    from sklearn.dummy import DummyClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, balanced_accuracy_score, confusion_matrix
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    check_columns(doc_features, [by, "n_words"], what="doc_features table")
    cols = _feature_columns(doc_features, features)
    df = doc_features.loc[pd.to_numeric(doc_features["n_words"], errors="coerce").fillna(0) > 0]
    df = df.loc[df[by].notna()]
    sizes = df[by].value_counts()
    dropped = sorted(map(str, sizes.index[sizes < cv]))
    df = df.loc[~df[by].astype(str).isin(dropped)]
    if df[by].nunique() < 2:
        raise FramingError(f"outlet_classifier needs at least two outlets with {cv} or more documents")
    X = np.log1p(df[cols].to_numpy(dtype="float64") / df["n_words"].to_numpy(dtype="float64")[:, None] * 1000)
    y = df[by].astype(str).to_numpy()
    splitter = StratifiedKFold(n_splits=cv, shuffle=True, random_state=seed)

    def make_model():
        return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=5000, class_weight="balanced"))

    fold_rows = []
    pred = np.empty(len(y), dtype=object)
    for i, (train, test) in enumerate(splitter.split(X, y), start=1):
        for name, est in (("logistic regression", make_model()),
                          ("majority baseline", DummyClassifier(strategy="most_frequent"))):
            est.fit(X[train], y[train])
            p = est.predict(X[test])
            if name == "logistic regression":
                pred[test] = p
            fold_rows.append({"model": name, "fold": i, "accuracy": accuracy_score(y[test], p),
                              "balanced_accuracy": balanced_accuracy_score(y[test], p)})
    folds = pd.DataFrame(fold_rows)
    summary_rows = []
    for name, f in folds.groupby("model", sort=False):
        summary_rows.append({
            "model": name,
            "accuracy_mean": f["accuracy"].mean(), "accuracy_sd": f["accuracy"].std(ddof=1),
            "balanced_accuracy_mean": f["balanced_accuracy"].mean(),
            "balanced_accuracy_sd": f["balanced_accuracy"].std(ddof=1),
            "n_docs": len(y), "n_outlets": len(np.unique(y)), "n_features": len(cols), "cv": cv,
        })
    labels = sorted(np.unique(y))
    confusion = pd.DataFrame(confusion_matrix(y, pred.astype(str), labels=labels),
                             index=pd.Index(labels, name="true"), columns=pd.Index(labels, name="predicted"))
    model = make_model()
    model.fit(X, y)
    lr = model[-1]
    coef = lr.coef_
    classes = list(lr.classes_)
    if coef.shape[0] == 1:  # binary: one row, positive for classes[1]
        coef = np.vstack([-coef[0], coef[0]])
    top_rows = []
    for i, outlet in enumerate(classes):
        order = np.argsort(-coef[i], kind="mergesort")[:top]
        for r, j in enumerate(order, start=1):
            top_rows.append({"outlet": outlet, "rank": r, "feature": cols[j], "coefficient": float(coef[i, j])})
    return ClassifierResult(summary=pd.DataFrame(summary_rows), folds=folds,
                            top_features=pd.DataFrame(top_rows), confusion=confusion, dropped=dropped)


@dataclass
class OutletMap:
    """What :func:`outlet_map` found."""

    coords: pd.DataFrame  #: outlet, n_docs, pc1, pc2
    explained: pd.DataFrame  #: component, explained_variance_ratio
    loadings: pd.DataFrame  #: feature, pc1, pc2


@_blas_single_thread
def outlet_map(
    doc_features: pd.DataFrame,
    *,
    features: Sequence[str] | None = None,
    by: str = "outlet",
    min_docs: int = 5,
    per: float = 1000.0,
) -> OutletMap:
    """A 2-D map of outlets: PCA of their framing profiles.

    Each outlet's profile is its pooled rate per 1,000 words of every ``feature:key:value``
    column (ratio of sums over its documents); profiles are standardised feature by feature
    across outlets (features that do not vary are dropped) and projected on the first two
    principal components. Signs are fixed so that each component's largest loading is positive
    (reruns and new data give comparable pictures). Outlets with fewer than ``min_docs``
    documents are left out. ``explained`` gives the share of between-outlet variance each
    component captures: read the map only as far as it goes.
    """
    from sklearn.decomposition import PCA

    check_columns(doc_features, [by, "n_words"], what="doc_features table")
    cols = _feature_columns(doc_features, features)
    g = doc_features.groupby(by, dropna=True)
    sums = g[cols].sum()
    words = g["n_words"].sum().astype("float64")
    n_docs = g.size()
    keep = n_docs.index[n_docs >= min_docs]
    sums, words, n_docs = sums.loc[keep], words.loc[keep], n_docs.loc[keep]
    if len(keep) < 3:
        raise FramingError(f"outlet_map needs at least three outlets with {min_docs} or more documents")
    prof = sums.div(words.where(words > 0), axis=0) * per
    prof = prof.loc[:, prof.std(ddof=0) > 0]
    Z = ((prof - prof.mean()) / prof.std(ddof=0)).to_numpy()
    pca = PCA(n_components=2, svd_solver="full")
    xy = pca.fit_transform(Z)
    comps = pca.components_.copy()
    for i in range(2):
        s = np.sign(comps[i, np.argmax(np.abs(comps[i]))]) or 1.0
        comps[i] *= s
        xy[:, i] *= s
    coords = pd.DataFrame({by: prof.index.astype(str), "n_docs": n_docs.to_numpy(), "pc1": xy[:, 0],
                           "pc2": xy[:, 1]})
    explained = pd.DataFrame({"component": ["pc1", "pc2"],
                              "explained_variance_ratio": pca.explained_variance_ratio_})
    loadings = pd.DataFrame({"feature": prof.columns, "pc1": comps[0], "pc2": comps[1]})
    return OutletMap(coords=coords, explained=explained, loadings=loadings)
