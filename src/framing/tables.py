"""Tables for papers: every table a report shows, as CSV (full precision, for re-analysis) and
LaTeX (booktabs, escaped, rounded, ready for ``\\input{}``).

Output is deterministic (the same table gives the same bytes) and written atomically through
:mod:`framing.io`. :func:`format_intervals` turns an estimate and its interval into the
"0.42 [0.38, 0.47]" strings a paper prints, and says "too few (n=3)" where a row is marked
``insufficient`` instead of printing a confident number.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from .io import FramingError, atomic_path, write_text

__all__ = ["save_table", "to_latex", "format_intervals", "latex_escape"]

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    """Escape LaTeX's special characters in plain text (``R&D 5% _x`` -> ``R\\&D 5\\% \\_x``)."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in str(text))


def format_intervals(
    df: pd.DataFrame,
    *,
    estimate: str,
    low: str = "ci_low",
    high: str = "ci_high",
    n: str | None = None,
    digits: int = 2,
    percent: bool = False,
    name: str | None = None,
    drop: bool = True,
) -> pd.DataFrame:
    """Replace ``estimate``, ``low`` and ``high`` by one text column "0.42 [0.38, 0.47]".

    Rows with ``insufficient=True`` read "too few (n=3)" (``n`` names the count column, e.g.
    ``"n_docs"``; without it "too few"); a missing estimate reads "–". ``percent=True`` prints
    42.0 [38.1, 47.3] for shares. The new column is called ``name`` (default: ``estimate``) and
    takes the estimate's place; ``drop=False`` keeps the numeric columns too.
    """
    for c in (estimate, low, high, *([n] if n else [])):
        if c not in df.columns:
            raise FramingError(f"format_intervals: the table lacks column {c!r}")
    k = 100.0 if percent else 1.0
    fmt = f"{{:.{digits}f}}"
    bad = df["insufficient"].fillna(False).astype(bool) if "insufficient" in df.columns else pd.Series(False, index=df.index)
    out_vals = []
    for e, lo, hi, b, nn in zip(df[estimate], df[low], df[high], bad,
                                df[n] if n else [None] * len(df)):
        if b:
            out_vals.append("too few" if nn is None or pd.isna(nn) else f"too few (n={int(nn)})")
        elif e is None or pd.isna(e):
            out_vals.append("–")
        elif lo is None or hi is None or pd.isna(lo) or pd.isna(hi):
            out_vals.append(fmt.format(k * e))
        else:
            out_vals.append(f"{fmt.format(k * e)} [{fmt.format(k * lo)}, {fmt.format(k * hi)}]")
    out = df.copy()
    pos = list(out.columns).index(estimate)
    label = name or estimate
    if drop:
        out = out.drop(columns=[estimate, low, high])
    elif label == estimate:
        label = f"{estimate} (CI)"
    out.insert(min(pos, len(out.columns)), label, out_vals)
    return out


_LESS_THAN = "LESSTHANPLACEHOLDER"


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """A meaningful index (named, or labels such as the outlets of a confusion matrix) becomes
    column(s); an unnamed integer index (0..n-1, or what is left of it after filtering) is dropped.
    Multi-level column names are joined with " / "."""
    named = any(n is not None for n in df.index.names)
    if named or not pd.api.types.is_integer_dtype(df.index.dtype):
        df = df.reset_index()
    if isinstance(df.columns, pd.MultiIndex):
        df = df.copy()
        df.columns = [" / ".join(str(x) for x in c if str(x)) for c in df.columns]
    return df


def _is_p_column(name: str) -> bool:
    return name in ("p", "p_value", "p_adjusted", "q_value") or name.startswith(("p_value", "p_adj"))


def _format_p(p) -> str | None:
    """p-values as papers print them: 0.032, 0.004, <0.001 (missing stays missing)."""
    if p is None or pd.isna(p):
        return None
    if p < 0.001:
        return _LESS_THAN + "0.001"
    return f"{p:.3f}"


def to_latex(
    df: pd.DataFrame,
    *,
    caption: str,
    label: str,
    float_format: str | Callable[[float], str] = "%.2f",
    escape_caption: bool = True,
    notes: str | None = None,
    column_format: str | None = None,
    position: str = "htbp",
) -> str:
    """The LaTeX (booktabs) source of ``df``: cells and headers escaped, floats rounded with
    ``float_format``, p-value columns (``p_value``, ``p_adjusted``) as 0.032 or $<$0.001, missing
    values as "--", booleans as yes/no, wrapped in a ``table`` float with ``caption`` and
    ``label`` (and ``notes`` in small type below the table). Needs ``\\usepackage{booktabs}``."""
    if not label or any(ch.isspace() for ch in label):
        raise FramingError(f"table label must be one word such as 'tab:kyiv-shares', got {label!r}")
    df = _flat(df)
    data = df.reset_index(drop=True).copy()
    data.columns = [str(c) for c in data.columns]
    for c in data.columns:  # booleans as yes/no, p-values as a paper prints them
        if data[c].dtype == bool:
            data[c] = data[c].map({True: "yes", False: "no"})
        elif _is_p_column(c) and pd.api.types.is_float_dtype(data[c]):
            data[c] = data[c].map(_format_p).astype(object)
    if column_format is None:  # numbers (and p-values) right-aligned, text left-aligned
        column_format = "".join("r" if _is_p_column(c) or (pd.api.types.is_numeric_dtype(df[c0])
                                                           and not pd.api.types.is_bool_dtype(df[c0])) else "l"
                                for c, c0 in zip(data.columns, df.columns))
    ff = (lambda v: float_format % v) if isinstance(float_format, str) else float_format
    tex = data.to_latex(index=False, escape=True, na_rep="--", float_format=ff, column_format=column_format,
                        caption=latex_escape(caption) if escape_caption else caption, label=label,
                        position=position)
    if "\\toprule" not in tex:  # pragma: no cover - pandas always writes booktabs rules
        raise FramingError("pandas did not write booktabs rules")
    tex = tex.replace(_LESS_THAN, "$<$")
    tex = tex.replace("\\begin{table}[" + position + "]\n", "\\begin{table}[" + position + "]\n\\centering\n", 1)
    if notes:
        tex = tex.replace("\\end{tabular}\n", "\\end{tabular}\n\\par\\smallskip{\\footnotesize "
                          + (latex_escape(notes) if escape_caption else notes) + "\\par}\n", 1)
    return tex


def save_table(df: pd.DataFrame, stem: str | os.PathLike, *, caption: str, label: str,
               **latex_options: Any) -> list[Path]:
    """Write ``df`` to ``<stem>.csv`` (all digits, UTF-8, ``\\n`` line ends) and ``<stem>.tex``
    (booktabs, see :func:`to_latex`, which takes ``latex_options``: ``float_format``,
    ``escape_caption``, ``notes``, ``column_format``, ``position``); return
    ``[csv_path, tex_path]``.

    A meaningful index (named, or labels such as the outlets of a confusion matrix) is written as
    the first column(s); an unnamed integer index (row numbers, also after filtering) is not.
    """
    if not isinstance(df, pd.DataFrame):
        raise FramingError(f"save_table expects a DataFrame, got {type(df).__name__}")
    stem = Path(stem)
    if stem.suffix.lower() in (".csv", ".tex"):
        stem = stem.with_suffix("")
    csv_path = stem.parent / f"{stem.name}.csv"
    tex_path = stem.parent / f"{stem.name}.tex"
    tex = to_latex(df, caption=caption, label=label, **latex_options)
    with atomic_path(csv_path, suffix=".csv.tmp") as tmp:
        _flat(df).to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")
    write_text(tex_path, tex)
    return [csv_path, tex_path]
