"""Keyword in context: read the hits behind a count.

>>> kwic(docs, key="kyiv", value="Kiev", outlet="bbc")            # hits computed on the fly
>>> kwic(docs, hits, feature=["hedge"], date_from="2022-03-01")   # from an existing hits table
>>> kwic_from_files("data/processed/seeds/docs.parquet", key="kyiv")

Each row is one hit: ``doc_id, outlet, date, field, feature, key, value, left, match, right,
start, end``, where ``match`` is the hit as written and ``left``/``right`` are up to ``width``
characters of the same field either side (line breaks shown as spaces). Rows follow the hits
table's order (document, field, offset).
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .io import FramingError, read_parquet
from .schema import check_columns
from .text import context_window

KWIC_COLUMNS = ["doc_id", "outlet", "date", "field", "feature", "key", "value", "left", "match", "right",
                "start", "end"]

_QUOTE_FEATURES = ("quote", "reported_speech")


def _as_list(x) -> list[str] | None:
    if x is None:
        return None
    if isinstance(x, str):
        return [x]
    out = [str(v) for v in x]
    return out or None


def _date(x, name: str):
    if x is None or x == "":
        return None
    try:
        return pd.Timestamp(x)
    except (ValueError, TypeError) as exc:
        raise FramingError(f"{name}: not a date: {x!r} (use YYYY-MM-DD)") from exc


def _empty() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series([], dtype="int64" if c in ("start", "end") else object) for c in KWIC_COLUMNS})
    df["date"] = pd.Series([], dtype="datetime64[ns]")
    return df


def kwic(docs: pd.DataFrame, hits: pd.DataFrame | None = None, *, key=None, value=None, feature=None,
         outlet=None, date_from=None, date_to=None, width: int = 60, codebook=None) -> pd.DataFrame:
    """Keyword-in-context table of the hits matching every filter given.

    Each filter is a string or a list of strings (any of them matches): ``key`` (codebook entry,
    e.g. 'kyiv'), ``value`` (form, e.g. 'Kiev'), ``feature`` ('variant', 'label', 'quote', ...),
    ``outlet``; ``date_from``/``date_to`` are inclusive dates (documents without a date are left
    out when either is given). ``hits=None`` extracts the hits of the selected documents on the
    fly with ``codebook`` (lexical features; quotes too when ``feature`` asks for them).
    """
    check_columns(docs, ["doc_id"], what="document table")
    if width < 0:
        raise FramingError(f"width must be >= 0, got {width}")
    keys, values, features, outlets = map(_as_list, (key, value, feature, outlet))
    d_from, d_to = _date(date_from, "date_from"), _date(date_to, "date_to")
    d = docs
    if outlets is not None:
        if "outlet" not in d.columns:
            raise FramingError("cannot filter by outlet: the document table has no outlet column")
        d = d[d["outlet"].astype(str).isin(outlets)]
    if d_from is not None or d_to is not None:
        if "date" not in d.columns:
            raise FramingError("cannot filter by date: the document table has no date column")
        dates = pd.to_datetime(d["date"], errors="coerce")
        keep = dates.notna()
        if d_from is not None:
            keep &= dates >= d_from
        if d_to is not None:
            keep &= dates < d_to + pd.Timedelta(days=1) if d_to == d_to.normalize() else dates <= d_to
        d = d[keep]
    if hits is None:
        from .features import extract_hits

        wants_quotes = features is not None and any(f in _QUOTE_FEATURES for f in features)
        extractors = ("lexical", "quotes") if wants_quotes else ("lexical",)
        if wants_quotes and all(f in _QUOTE_FEATURES for f in features):
            extractors = ("quotes",)
        hits = extract_hits(d, codebook, extractors=extractors)
    else:
        check_columns(hits, ["doc_id", "field", "feature", "key", "value", "start", "end"], what="hits table")
    h = hits
    for col, wanted in (("key", keys), ("value", values), ("feature", features)):
        if wanted is not None:
            h = h[h[col].astype(str).isin(wanted)]
    ids = d["doc_id"].astype(str)
    h = h[h["doc_id"].astype(str).isin(set(ids))]
    if h.empty:
        return _empty()
    by_id = d.assign(doc_id=ids).drop_duplicates("doc_id").set_index("doc_id")
    titles = by_id["title"] if "title" in by_id.columns else pd.Series("", index=by_id.index)
    texts = by_id["clean_text"] if "clean_text" in by_id.columns else None
    if texts is None:
        raise FramingError("document table lacks clean_text: cannot show the context of text hits")
    rows = []
    for r in h.itertuples(index=False):
        did = str(r.doc_id)
        src = titles.get(did) if r.field == "title" else texts.get(did)
        src = src if isinstance(src, str) else ""
        left, match, right = context_window(src, int(r.start), int(r.end), width=width)
        rows.append((did, r.field, r.feature, r.key, r.value, left, match, right, int(r.start), int(r.end)))
    out = pd.DataFrame(rows, columns=["doc_id", "field", "feature", "key", "value", "left", "match", "right",
                                      "start", "end"])
    out.insert(1, "outlet", out["doc_id"].map(by_id["outlet"].astype(str)) if "outlet" in by_id.columns else "")
    out.insert(2, "date", pd.to_datetime(out["doc_id"].map(by_id["date"]), errors="coerce")
               if "date" in by_id.columns else pd.NaT)
    return out[KWIC_COLUMNS].reset_index(drop=True)


def kwic_from_files(docs_path: str | os.PathLike, *, hits: str | os.PathLike | None = None, codebook=None,
                    key=None, value=None, feature=None, outlet=None, date_from=None, date_to=None,
                    width: int = 60) -> pd.DataFrame:
    """:func:`kwic` over a document table on disk (what ``framing kwic`` calls).

    ``hits``: a hits table (file or partitioned folder); default ``hits.parquet`` beside the
    documents if it exists, else the hits are extracted on the fly with ``codebook``. Only the
    documents that have matching hits are kept in memory with their text.
    """
    docs_path = Path(docs_path)
    if not docs_path.exists():
        raise FramingError(f"{docs_path}: no such file (a document table written by 'framing ingest')")
    hits_path = Path(hits) if hits is not None else docs_path.with_name("hits.parquet")
    if hits is not None and not hits_path.exists():
        raise FramingError(f"{hits_path}: no such hits table (run 'framing features' first, or leave out --hits)")
    cols = ["doc_id", "outlet", "date", "title", "clean_text"]
    if hits_path.exists():
        filters = []
        for col, x in (("key", key), ("value", value), ("feature", feature)):
            lst = _as_list(x)
            if lst is not None:
                filters.append((col, "in", lst))
        hit_cols = ["doc_id", "field", "feature", "key", "value", "start", "end"]
        h = read_parquet(hits_path, columns=hit_cols, filters=filters or None)
        ids = list(dict.fromkeys(h["doc_id"].astype(str)))
        docs = read_parquet(docs_path, columns=_present(docs_path, cols),
                            filters=[("doc_id", "in", ids)] if ids else None)
        if not ids:
            docs = docs.iloc[0:0]
        return kwic(docs, h, key=key, value=value, feature=feature, outlet=outlet, date_from=date_from,
                    date_to=date_to, width=width, codebook=codebook)
    docs = read_parquet(docs_path, columns=_present(docs_path, cols))
    return kwic(docs, None, key=key, value=value, feature=feature, outlet=outlet, date_from=date_from,
                date_to=date_to, width=width, codebook=codebook)


def _present(path: Path, cols: list[str]) -> list[str]:
    import pyarrow.parquet as pq

    try:
        names = pq.ParquetFile(path).schema_arrow.names if path.is_file() else None
    except Exception as exc:
        raise FramingError(f"{path}: not a readable Parquet table ({exc})") from exc
    if names is None:
        return cols
    return [c for c in cols if c in names]


def sample_kwic(table: pd.DataFrame, *, n: int = 5, by: str | None = "outlet", seed: int = 0) -> pd.DataFrame:
    """A seeded random sample of a KWIC table to read by hand: ``n`` rows per ``by`` group (all of a
    group's rows when it has fewer; ``by=None``: ``n`` rows in all), in the table's order.

    For hits whose precision is not known on this corpus -- scare quotes above all, about half of
    which are something else on new text (docs/quotes.md) -- a researcher reads a fair sample of
    each outlet's hits before comparing counts: the first rows of a KWIC table are the first
    documents, not a sample. The same table and seed give the same rows."""
    if n < 0:
        raise FramingError(f"n must be >= 0, got {n}")
    if by is not None and by not in table.columns:
        raise FramingError(f"cannot sample by {by!r}: the table has no such column")
    if table.empty:
        return table.copy()
    groups = [table] if by is None else [g for _, g in table.groupby(by, sort=True, dropna=False)]
    picked = [g.sample(n=min(n, len(g)), random_state=seed) for g in groups]
    return table.loc[sorted(pd.concat(picked).index)].reset_index(drop=True)
