"""Features: the hits table (one row per match) and the per-document feature table.

Every number the project reports is an aggregate of the hits table, so each can be traced back to
the words behind it (``framing kwic``). Both the ``title`` and the ``text`` (``clean_text``) of a
document are analysed; offsets index into that field, so ``docs.clean_text[start:end] == hit.text``
for lexical hits.

>>> hits = extract_hits(docs)                     # lexical + quotes, default codebook
>>> hits = extract_hits(docs, "my.yaml", extractors=("lexical",))
>>> table = doc_features(docs, hits)              # counts per feature:key:value, share_ukrainian:<key>
>>> features_to_parquet("docs.parquet", "hits.parquet", codebook=None)   # streaming, for big corpora

Hits are ordered deterministically: by document (input order), field (title, then text), start
offset, feature, end offset, key, value.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import Counter, deque
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .codebook import Codebook, load_codebook
from .config import project_relative
from .io import FramingError, atomic_path, file_sha256
from .lexicon import Matcher, compile_codebook, find_lexical, find_lexical_scan
from .schema import ALL_HIT_COLUMNS, check_columns
from .text import context_from_spans, count_words, hit_sentences, sentence_spans

#: Extractors ``extract_hits`` knows.
EXTRACTORS = ("lexical", "quotes")

#: Hit columns holding integer offsets (-1 where they do not apply).
INT_HIT_COLUMNS = ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")

_COLS = tuple(ALL_HIT_COLUMNS)
_DEFAULTS = tuple(-1 if c in INT_HIT_COLUMNS else "" for c in _COLS)
_FIELD_RANK = {"title": 0, "text": 1}
_I_FIELD, _I_FEATURE, _I_KEY, _I_VALUE, _I_START, _I_END = (
    _COLS.index("field"), _COLS.index("feature"), _COLS.index("key"), _COLS.index("value"),
    _COLS.index("start"), _COLS.index("end"))


def _sort_key(row: tuple):
    return (_FIELD_RANK.get(row[_I_FIELD], 2), row[_I_START], row[_I_FEATURE], row[_I_END],
            row[_I_KEY], row[_I_VALUE])


def _str(x) -> str:
    if x is None:
        return ""
    if isinstance(x, str):
        return x
    try:
        if pd.isna(x):
            return ""
    except (TypeError, ValueError):
        pass
    return str(x)


def _int(x) -> int:
    if type(x) is int:  # the common case (quote offsets), without pd.isna
        return x
    try:
        return -1 if x is None or pd.isna(x) else int(x)
    except (TypeError, ValueError):
        return -1


#: (column, default, converter) of each quote-row column after doc_id, in hits-table order.
_QCONV = tuple((c, dflt, _int if c in INT_HIT_COLUMNS else _str) for c, dflt in zip(_COLS[1:], _DEFAULTS[1:]))


# ----------------------------------------------------------------------------- extraction
#: Columns after ``context`` (quote columns): constant in lexical rows.
_TAIL = _DEFAULTS[_COLS.index("quote_type"):]


def _lexical_field(text: str, matcher: Matcher, *, share_spans: bool):
    """The lexical hits of one field as columns ``(starts, ends, form indices, surfaces,
    contexts)``, or None without hits. A hit's context is the sentence holding it (through the
    sentence holding its last character). ``share_spans``: split the whole field
    (:func:`framing.text.sentence_spans`, cached), as the quote extractor will split it next
    anyway; otherwise find only the sentences around the hits (:func:`framing.text.hit_contexts`,
    the same spans, without splitting the rest of the field)."""
    raw, space_run = find_lexical_scan(text, matcher)
    if not raw:
        return None
    _fids, starts, ends, forms = zip(*raw)
    if share_spans:
        spans = sentence_spans(text)
        first = [s for s, _ in spans]
        contexts = [text[cs:ce] for cs, ce in (context_from_spans(text, spans, first, s, e)
                                               for s, e in zip(starts, ends))]
    else:
        contexts = hit_sentences(text, starts, ends, space_run=space_run)
    return starts, ends, forms, [text[s:e] for s, e in zip(starts, ends)], contexts


class _LexicalColumns:
    """The lexical hits of a batch of documents, column by column (no tuple or dict per hit)."""

    def __init__(self, matcher: Matcher):
        self.matcher = matcher
        self.doc: list[int] = []        # row of the document in the batch
        self.field: list[int] = []      # 0 title, 1 text
        self.form: list[int] = []       # index into matcher.rules
        self.start: list[int] = []
        self.end: list[int] = []
        self.surface: list[str] = []
        self.context: list[str] = []

    def __len__(self) -> int:
        return len(self.start)

    def add(self, row: int, field_code: int, part) -> None:
        starts, ends, forms, surfaces, contexts = part
        k = len(starts)
        self.doc += [row] * k
        self.field += [field_code] * k
        self.form += forms
        self.start += starts
        self.end += ends
        self.surface += surfaces
        self.context += contexts

    def rows(self, ids: list[str], lo: int = 0, hi: int | None = None) -> list[tuple]:
        """Hits ``lo:hi`` as row tuples in ``ALL_HIT_COLUMNS`` order (to merge with quote rows)."""
        rules = self.matcher.rules
        names = ("title", "text")
        out = []
        for i in range(lo, len(self) if hi is None else hi):
            r = rules[self.form[i]]
            out.append((ids[self.doc[i]], names[self.field[i]], r.feature, r.key, r.value, r.category,
                        self.start[i], self.end[i], self.surface[i], self.context[i], *_TAIL))
        return out

    def frame(self, ids: list[str]) -> pd.DataFrame:
        """The hits table (the same table, dtypes and order as :func:`_hits_frame` of the rows)."""
        if not _ARROW_STR or not len(self):
            return _hits_frame(self.rows(ids))
        import pyarrow as pa

        n = len(self)
        rules = self.matcher.rules
        form = pa.array(np.asarray(self.form, dtype=np.int64))

        def by_rule(attr):
            return pa.array([getattr(r, attr) for r in rules], type=pa.large_string()).take(form)

        cols = {
            "doc_id": pa.array(ids, type=pa.large_string()).take(pa.array(np.asarray(self.doc, dtype=np.int64))),
            "field": pa.array(["title", "text"], type=pa.large_string()).take(
                pa.array(np.asarray(self.field, dtype=np.int64))),
            "feature": by_rule("feature"), "key": by_rule("key"), "value": by_rule("value"),
            "category": by_rule("category"),
            "start": np.asarray(self.start, dtype=np.int64), "end": np.asarray(self.end, dtype=np.int64),
            "text": pa.array(self.surface, type=pa.large_string()),
            "context": pa.array(self.context, type=pa.large_string()),
        }
        for c, dflt in zip(_COLS[_COLS.index("quote_type"):], _TAIL):
            cols[c] = (np.full(n, dflt, dtype=np.int64) if c in INT_HIT_COLUMNS
                       else pa.array([dflt], type=pa.large_string()).take(pa.array(np.zeros(n, dtype=np.int64))))
        return pd.DataFrame({c: (pd.array(cols[c], dtype=_STR_DTYPE) if c not in INT_HIT_COLUMNS else cols[c])
                             for c in _COLS})


#: What ``astype("str")`` gives in this pandas; Arrow-backed (pandas 3) lets the lexical table be
#: built from Arrow arrays directly, else it is built from rows like the quote table.
_STR_DTYPE = pd.Series(["x"], dtype=object).astype("str").dtype
_ARROW_STR = isinstance(_STR_DTYPE, pd.StringDtype) and _STR_DTYPE.storage == "pyarrow"


def _quote_module():
    import importlib

    try:
        quotes = importlib.import_module("framing.quotes")
    except ImportError as exc:
        raise FramingError(
            "the 'quotes' extractor needs framing.quotes, which is not available "
            f"({exc}); run with extractors=('lexical',) (CLI: --extractors lexical)") from exc
    if not hasattr(quotes, "quote_hits"):
        raise FramingError("framing.quotes has no quote_hits(doc_id, title, text, codebook); "
                           "run with extractors=('lexical',) (CLI: --extractors lexical)")
    return quotes


def _check_extractors(extractors) -> tuple[str, ...]:
    if isinstance(extractors, str):
        extractors = tuple(e.strip() for e in extractors.split(",") if e.strip())
    extractors = tuple(extractors)
    unknown = [e for e in extractors if e not in EXTRACTORS]
    if unknown:
        raise FramingError(f"unknown extractor(s) {', '.join(unknown)} (known: {', '.join(EXTRACTORS)})")
    if not extractors:
        raise FramingError("no extractor given (known: lexical, quotes)")
    return extractors


def _docs_text_columns(docs: pd.DataFrame) -> tuple[list, list, list]:
    check_columns(docs, ["doc_id"], what="document table")
    if "clean_text" in docs.columns:
        texts = docs["clean_text"].tolist()
    elif "text" in docs.columns:
        raise FramingError("document table has 'text' but no 'clean_text': run framing ingest (it cleans the text)")
    else:
        raise FramingError(f"document table lacks column clean_text; has {', '.join(map(str, docs.columns))}")
    titles = docs["title"].tolist() if "title" in docs.columns else [""] * len(docs)
    return [_str(d) for d in docs["doc_id"].tolist()], titles, texts


def _extract_table(docs: pd.DataFrame, cb: Codebook, extractors: tuple[str, ...], *, progress: bool = False,
                   ) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """The hits table (sorted) and a list of (doc_id, extractor, error) for skipped items."""
    matcher = compile_codebook(cb)
    quotes = _quote_module() if "quotes" in extractors else None
    lexical = "lexical" in extractors
    ids, titles, texts = _docs_text_columns(docs)
    lex = _LexicalColumns(matcher)
    rows: list[tuple] = []
    errors: list[tuple[str, str, str]] = []
    it = zip(ids, titles, texts)
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(it, total=len(ids), unit="doc", desc="features")
    for row, (doc_id, title, text) in enumerate(it):
        title, text = _str(title), _str(text)
        first = len(lex)
        if lexical:
            try:  # all of a document's lexical hits, or none
                parts = [_lexical_field(title, matcher, share_spans=quotes is not None),
                         _lexical_field(text, matcher, share_spans=quotes is not None)]
            except Exception as exc:  # one broken document never stops the batch
                errors.append((doc_id, "lexical", f"{type(exc).__name__}: {exc}"))
                parts = [None, None]
            for code, part in enumerate(parts):
                if part is not None:
                    lex.add(row, code, part)
        if quotes is None:
            continue
        doc_rows = lex.rows(ids, first)
        try:
            qrows = [tuple([doc_id] + [conv(d.get(c, dflt)) for c, dflt, conv in _QCONV])
                     for d in quotes.quote_hits(doc_id, title, text, cb)]
            doc_rows.extend(qrows)  # all of a document's quote rows, or none
        except Exception as exc:
            errors.append((doc_id, "quotes", f"{type(exc).__name__}: {exc}"))
        if len(doc_rows) > 1:  # lexical rows come sorted; merge in the quotes
            doc_rows.sort(key=_sort_key)
        rows.extend(doc_rows)
    if quotes is None:
        return lex.frame(ids), errors
    return _hits_frame(rows), errors


def _hits_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows (tuples in ``ALL_HIT_COLUMNS`` order, strings and ints already clean) -> hits table."""
    if rows:
        df = pd.DataFrame.from_records(rows, columns=list(_COLS))
    else:
        df = pd.DataFrame({c: pd.Series([], dtype=object) for c in _COLS})
    for c in _COLS:
        df[c] = df[c].astype("int64") if c in INT_HIT_COLUMNS else df[c].astype("str")
    return df


def extract_hits(docs: pd.DataFrame, codebook: Codebook | str | os.PathLike | None = None, *,
                 extractors: Iterable[str] = ("lexical", "quotes"), progress: bool = False) -> pd.DataFrame:
    """The hits table of a document table: one row per match, columns ``schema.ALL_HIT_COLUMNS``.

    ``docs`` needs ``doc_id`` and ``clean_text`` (``title`` is analysed too where present).
    ``extractors``: ``"lexical"`` (codebook variants, labels, hedges, sourcing: one automaton pass
    per field) and/or ``"quotes"`` (:func:`framing.quotes.quote_hits`). A document on which an
    extractor fails is skipped for that extractor and listed in ``hits.attrs["errors"]``
    (``[(doc_id, extractor, message), ...]``); the others are processed.
    """
    extractors = _check_extractors(extractors)
    cb = load_codebook(codebook)
    hits, errors = _extract_table(docs, cb, extractors, progress=progress)
    hits.attrs["errors"] = errors
    hits.attrs["codebook"] = cb.name
    hits.attrs["codebook_sha256"] = cb.sha256
    return hits


# ----------------------------------------------------------------------------- per-document table
def _hit_columns(hits: pd.DataFrame) -> pd.Series:
    return hits["feature"].astype(str) + ":" + hits["key"].astype(str) + ":" + hits["value"].astype(str)


def doc_features(docs: pd.DataFrame, hits: pd.DataFrame, codebook: Codebook | str | None = None, *,
                 fields: Iterable[str] = ("title", "text")) -> pd.DataFrame:
    """Wide per-document table: ``doc_id, outlet, date, n_words``, one count column per
    ``feature:key:value`` (every codebook form, in codebook order, then any other feature found
    in ``hits`` such as ``quote:<type>:<cue category>``, sorted), and ``share_ukrainian:<key>`` per
    variant key = Ukrainian forms / (Ukrainian + Russian forms), NaN where a document uses neither
    (neutral forms such as Zelensky or Dnieper do not enter the share).

    Counts include the hits of ``fields`` (default title and text; ``fields=("text",)`` for counts
    over the same words as ``n_words``, the word count of ``clean_text``, taken from ``docs`` where
    present). Rows follow ``docs``.
    """
    cb = load_codebook(codebook)
    check_columns(docs, ["doc_id"], what="document table")
    ids = docs["doc_id"].map(_str)
    base = pd.DataFrame({"doc_id": ids.to_numpy(dtype=object)})
    base["outlet"] = docs["outlet"].map(_str).to_numpy(dtype=object) if "outlet" in docs.columns else "unknown"
    base["date"] = (pd.to_datetime(docs["date"], errors="coerce").to_numpy() if "date" in docs.columns
                    else pd.Series(pd.NaT, index=base.index, dtype="datetime64[ns]"))
    if "n_words" in docs.columns:
        base["n_words"] = pd.to_numeric(docs["n_words"], errors="coerce").fillna(0).astype("int64").to_numpy()
    elif "clean_text" in docs.columns:
        base["n_words"] = np.array([count_words(_str(t)) for t in docs["clean_text"]], dtype="int64")
    else:
        base["n_words"] = 0
    cols = cb.columns()
    fields = (fields,) if isinstance(fields, str) else tuple(fields)
    if set(fields) != {"title", "text"} and len(hits):
        check_columns(hits, ["field"], what="hits table")
        hits = hits[hits["field"].isin(fields)]
    if len(hits):
        check_columns(hits, ["doc_id", "feature", "key", "value"], what="hits table")
        h = pd.DataFrame({"doc_id": hits["doc_id"].map(_str).to_numpy(dtype=object),
                          "col": _hit_columns(hits).to_numpy(dtype=object)})
        counts = h.groupby(["doc_id", "col"], sort=False).size().unstack("col", fill_value=0)
        extra = sorted(set(counts.columns) - set(cols))
    else:
        counts = pd.DataFrame(index=pd.Index([], name="doc_id"))
        extra = []
    counts = counts.reindex(index=ids.to_numpy(dtype=object), columns=cols + extra, fill_value=0)
    counts = counts.fillna(0).astype("int64")
    counts.index = base.index
    shares = {}
    for e in cb.entries:
        if e.feature != "variant":
            continue
        ukr = [f"variant:{e.key}:{f.value}" for f in e.forms if f.category == "ukrainian"]
        rus = [f"variant:{e.key}:{f.value}" for f in e.forms if f.category == "russian"]
        u = counts[ukr].sum(axis=1).astype("float64")
        r = counts[rus].sum(axis=1).astype("float64")
        tot = u + r
        shares[f"share_ukrainian:{e.key}"] = (u / tot.where(tot > 0)).astype("float64")
    out = pd.concat([base, counts, pd.DataFrame(shares, index=base.index)], axis=1)
    return out


# ----------------------------------------------------------------------------- scikit-learn
try:  # scikit-learn is a core dependency, but keep the module importable without it
    from sklearn.base import BaseEstimator, TransformerMixin
except ImportError:  # pragma: no cover
    BaseEstimator, TransformerMixin = object, object


class FramingVectorizer(TransformerMixin, BaseEstimator):
    """Codebook counts as a scikit-learn transformer (fit / transform / get_feature_names_out).

    ``X``: a docs DataFrame (``clean_text``, and ``title`` if ``fields`` includes it) or an
    iterable of strings (treated as text). Output: a sparse CSR matrix, one column per codebook
    form (``feature:key:value``, codebook order), counts of lexical hits (or rates per 1,000
    words with ``per_1000_words=True``). The vocabulary is the codebook, so ``fit`` learns
    nothing from the data; it compiles the codebook.
    """

    def __init__(self, codebook=None, *, fields=("title", "text"), per_1000_words=False):
        self.codebook = codebook
        self.fields = fields
        self.per_1000_words = per_1000_words

    def fit(self, X=None, y=None):
        """Load and compile the codebook (the vocabulary); learns nothing from ``X``."""
        cb = load_codebook(self.codebook)
        self.codebook_ = cb
        self.matcher_ = compile_codebook(cb)
        self.feature_names_out_ = np.array(cb.columns(), dtype=object)
        self._index = {c: i for i, c in enumerate(self.feature_names_out_)}
        # the same index keyed by a match's (feature, key, value), so transform builds no strings
        self._index_by_match = {(e.feature, e.key, f.value): self._index[f"{e.feature}:{e.key}:{f.value}"]
                                for e in cb.entries for f in e.forms}
        return self

    def get_feature_names_out(self, input_features=None):
        """Column names: one ``feature:key:value`` per codebook form, in codebook order."""
        if not hasattr(self, "feature_names_out_"):
            self.fit()
        return self.feature_names_out_.copy()

    def _fields(self, X):
        fields = tuple(self.fields)
        bad = [f for f in fields if f not in ("title", "text")]
        if bad:
            raise FramingError(f"FramingVectorizer fields must be 'title' and/or 'text', got {bad}")
        if isinstance(X, pd.DataFrame):
            n = len(X)
            if "text" in fields and "clean_text" not in X.columns:
                raise FramingError("FramingVectorizer: the docs DataFrame lacks clean_text")
            texts = X["clean_text"].map(_str).tolist() if "text" in fields else [""] * n
            titles = X["title"].map(_str).tolist() if ("title" in fields and "title" in X.columns) else [""] * n
            return titles, texts
        texts = [_str(x) for x in X]
        return [""] * len(texts), texts

    def transform(self, X):
        """Counts (or rates per 1,000 words) of each codebook form per document, as a CSR matrix."""
        from scipy import sparse

        if not hasattr(self, "matcher_"):
            self.fit()
        titles, texts = self._fields(X)
        rows, cols, vals = [], [], []
        index = self._index_by_match
        matcher = self.matcher_
        for i, (title, text) in enumerate(zip(titles, texts)):
            c: Counter = Counter(index[m.feature, m.key, m.value]
                                 for t in (title, text) if t for m in find_lexical(t, matcher))
            denom = count_words(text) / 1000.0 if self.per_1000_words else 1.0
            for j, v in c.items():
                rows.append(i)
                cols.append(j)
                vals.append(v / denom if denom else np.nan)
        dtype = "float64" if self.per_1000_words else "int64"
        return sparse.csr_matrix((np.asarray(vals, dtype=dtype), (rows, cols)),
                                 shape=(len(texts), len(self.feature_names_out_)))


# ----------------------------------------------------------------------------- streaming to Parquet
def hits_schema():
    """Arrow schema of the hits table: offsets int64, everything else string."""
    import pyarrow as pa

    return pa.schema([pa.field(c, pa.int64() if c in INT_HIT_COLUMNS else pa.string()) for c in _COLS])


def doc_features_path(hits_path: str | os.PathLike) -> Path:
    """Where the per-document table goes beside a hits table: ``hits.parquet`` ->
    ``doc_features.parquet``, ``x_hits.parquet`` -> ``x_doc_features.parquet``, else ``<stem>.doc_features.parquet``."""
    p = Path(hits_path)
    name = p.name
    if name.endswith("hits.parquet"):
        return p.with_name(name[: -len("hits.parquet")] + "doc_features.parquet")
    stem = name[:-8] if name.endswith(".parquet") else name
    return p.with_name(f"{stem}.doc_features.parquet")


#: Parquet metadata key of the per-document table: SHA-256 of the hits table it was built from.
HITS_SHA256_KEY = b"framing.hits_sha256"


def features_pair_status(hits_path: str | os.PathLike, feats_path: str | os.PathLike | None = None) -> str:
    """Whether a hits table and the per-document table beside it (:func:`doc_features_path`)
    belong together: ``"ok"`` (the per-document table records the hits table's SHA-256, and it
    matches), ``"mismatch"`` (it records another: one of the two was replaced without the other,
    e.g. a run stopped between writing them), ``"missing"`` (a table is absent) or
    ``"unrecorded"`` (a per-document table written before the hash was recorded)."""
    import pyarrow.parquet as pq

    hits_path = Path(hits_path)
    feats_path = Path(feats_path) if feats_path is not None else doc_features_path(hits_path)
    if not hits_path.exists() or not feats_path.exists():
        return "missing"
    recorded = (pq.read_schema(feats_path).metadata or {}).get(HITS_SHA256_KEY)
    if recorded is None:
        return "unrecorded"
    return "ok" if recorded.decode() == file_sha256(hits_path) else "mismatch"


def check_features_pair(hits_path: str | os.PathLike, feats_path: str | os.PathLike | None = None) -> None:
    """Raise :class:`FramingError` unless the hits table and its per-document table belong
    together (:func:`features_pair_status` ``"ok"``, or ``"unrecorded"`` for older tables): call
    it before reading the two as a pair."""
    feats_path = Path(feats_path) if feats_path is not None else doc_features_path(hits_path)
    status = features_pair_status(hits_path, feats_path)
    if status == "missing":
        raise FramingError(f"{hits_path} or {feats_path}: missing; run `framing features` first")
    if status == "mismatch":
        raise FramingError(f"{feats_path} was not built from {hits_path} (an interrupted or concurrent "
                           "`framing features` run replaced one without the other); run `framing features` again")


def read_features_pair(hits_path: str | os.PathLike, feats_path: str | os.PathLike | None = None,
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(hits, doc_features)`` read from disk, checked to belong together before and after the
    read (:func:`check_features_pair`), so a run replacing them meanwhile cannot hand back a
    mixed pair."""
    from .io import read_parquet

    feats_path = Path(feats_path) if feats_path is not None else doc_features_path(hits_path)
    check_features_pair(hits_path, feats_path)
    hits, feats = read_parquet(hits_path), read_parquet(feats_path)
    check_features_pair(hits_path, feats_path)
    return hits, feats


_DOC_READ_COLUMNS = ("doc_id", "outlet", "date", "title", "clean_text", "n_words")

_WORKER_CB: dict = {}


def _process_batch(batch, cb: Codebook, extractors: tuple[str, ...], feats_part: str):
    """Worker body for one batch (an Arrow RecordBatch of documents): returns the hits as an Arrow
    table, and writes the batch's per-document table to ``feats_part``; only small results and
    Arrow buffers travel between processes."""
    import pyarrow as pa

    docs = batch.to_pandas() if not isinstance(batch, pd.DataFrame) else batch
    hits, errors = _extract_table(docs, cb, extractors)
    feats = doc_features(docs, hits, cb)
    feats.to_parquet(feats_part, index=False)
    n_chars = int(sum(len(_str(t)) for t in docs["clean_text"])) + (
        int(sum(len(_str(t)) for t in docs["title"])) if "title" in docs.columns else 0)
    table = pa.Table.from_pandas(hits, schema=hits_schema(), preserve_index=False)
    count_cols = [c for c in feats.columns if c.count(":") == 2]
    return table, len(docs), count_cols, Counter(hits["feature"].tolist()), errors, n_chars


def _batches(pf, columns: list[str], batch_size: int, part_dir: Path):
    for i, rb in enumerate(pf.iter_batches(batch_size=batch_size, columns=columns)):
        yield rb, str(part_dir / f"part-{i:06d}.parquet")


def _ordered_map(fn, items, *, workers: int, args: tuple):
    """``fn(item, *args, part)`` for each ``(item, part)`` in order; with workers > 1 a process pool
    with at most 2*workers batches in flight (memory stays bounded by the batch size)."""
    if workers <= 1:
        for it, part in items:
            yield part, fn(it, *args, part)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        for it, part in items:
            pending.append((part, pool.submit(fn, it, *args, part)))
            if len(pending) >= 2 * workers:
                part_, fut = pending.popleft()
                yield part_, fut.result()
        while pending:
            part_, fut = pending.popleft()
            yield part_, fut.result()


def features_to_parquet(docs_path: str | os.PathLike, out: str | os.PathLike | None = None, *,
                        codebook: Codebook | str | os.PathLike | None = None, engine: str = "local",
                        scheduler: str | None = None, workers: int = 1, batch_size: int = 2000,
                        progress: bool = True, extractors: Iterable[str] = ("lexical", "quotes")) -> str:
    """Extract hits from a Parquet document table, streaming in batches; return a summary line.

    Writes the hits table to ``out`` (default: ``hits.parquet`` beside the documents) and the
    per-document table beside it (:func:`doc_features_path`), each to a temporary file renamed
    into place when complete. Memory is bounded by ``batch_size`` documents (read with
    ``pyarrow.parquet.ParquetFile.iter_batches``). ``workers > 1`` processes batches in a process
    pool; output order is the same as with one worker. ``engine="dask"`` runs the extraction on a
    Dask cluster (:func:`framing.distributed.extract_hits_dask`; ``scheduler`` is the address of an
    existing one, else a LocalCluster of ``workers``) and writes a partitioned hits table (folder).
    The codebook name and SHA-256 are stored in the Parquet metadata of both tables.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    extractors = _check_extractors(extractors)
    cb = load_codebook(codebook)
    docs_path = Path(docs_path)
    out = Path(out) if out is not None else docs_path.with_name("hits.parquet")
    if batch_size < 1:
        raise FramingError(f"batch_size must be at least 1, got {batch_size}")
    if workers < 1:
        raise FramingError(f"workers must be at least 1, got {workers}")
    if engine == "dask":
        return _features_dask(docs_path, out, cb=cb, scheduler=scheduler, workers=workers,
                              batch_size=batch_size, progress=progress, extractors=extractors)
    if engine != "local":
        raise FramingError(f"unknown engine {engine!r} (local or dask)")
    if not docs_path.is_file():
        raise FramingError(f"{docs_path}: no such file (a document table written by 'framing ingest')")
    if "quotes" in extractors:
        _quote_module()
    try:
        # pre_buffer=False: pyarrow would otherwise keep every row group it has read until the scan
        # ends, so memory would grow with the corpus instead of staying bounded by the batch
        pf = pq.ParquetFile(docs_path, pre_buffer=False)
    except Exception as exc:
        raise FramingError(f"{docs_path}: not a readable Parquet table ({exc})") from exc
    names = pf.schema_arrow.names
    for need in ("doc_id", "clean_text"):
        if need not in names:
            raise FramingError(f"{docs_path}: document table lacks column {need}; has {', '.join(names)}")
    columns = [c for c in _DOC_READ_COLUMNS if c in names]
    n_total = pf.metadata.num_rows
    from . import __version__

    meta = {b"framing.codebook": cb.name.encode(), b"framing.codebook_sha256": cb.sha256.encode(),
            b"framing.codebook_fingerprint": cb.fingerprint.encode(), b"framing.version": __version__.encode(),
            b"framing.extractors": ",".join(extractors).encode(),
            b"framing.docs": project_relative(docs_path).encode()}  # not where the project was cloned
    schema = hits_schema().with_metadata(meta)
    feats_out = doc_features_path(out)

    t0 = time.perf_counter()
    n_docs = n_hits = n_chars = 0
    by_feature: Counter = Counter()
    errors: list[tuple[str, str, str]] = []
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=n_total, unit="doc", desc="features")
    out.parent.mkdir(parents=True, exist_ok=True)
    part_dir = Path(tempfile.mkdtemp(prefix=f".{out.name}.parts.", dir=out.parent))
    try:
        with atomic_path(out, suffix=".parquet.tmp") as tmp_hits, \
                atomic_path(feats_out, suffix=".parquet.tmp") as tmp_feats:
            part_files: list[Path] = []
            count_cols: list[str] = []
            with pq.ParquetWriter(tmp_hits, schema, compression="zstd") as writer:
                results = _ordered_map(_process_batch, _batches(pf, columns, batch_size, part_dir),
                                       workers=workers, args=(cb, extractors))
                for part, (table, n, cols, feats_by, errs, chars) in results:
                    writer.write_table(table)
                    n_docs += n
                    n_hits += table.num_rows
                    n_chars += chars
                    by_feature.update(feats_by)
                    errors.extend(errs)
                    part_files.append(Path(part))
                    count_cols.extend(c for c in cols if c not in count_cols)
                    if bar is not None:
                        bar.update(n)
            # the per-document table names the hits table it was built with (its SHA-256), so a
            # reader can tell a matching pair from one left half-replaced by a crash between the
            # two renames below (features_pair_status)
            _combine_doc_features(part_files, tmp_feats, cb, count_cols,
                                  {**meta, HITS_SHA256_KEY: file_sha256(tmp_hits).encode()})
        # both complete: the two renames happen here, back to back (doc_features, then hits)
    finally:
        if bar is not None:
            bar.close()
        shutil.rmtree(part_dir, ignore_errors=True)
    secs = time.perf_counter() - t0
    feats_desc = ", ".join(f"{n} {f}" for f, n in sorted(by_feature.items(), key=lambda kv: -kv[1]))
    lines = [
        f"{n_docs} documents ({n_chars / 1e6:.1f} M chars) -> {n_hits} hits ({feats_desc or 'none'}) "
        f"in {secs:.1f} s ({n_chars / 1e6 / max(secs, 1e-9):.1f} M chars/s, {workers} worker(s))",
        f"hits: {out}",
        f"per-document features: {feats_out}",
        f"codebook: {cb.name} (sha256 {cb.sha256[:12]}), extractors: {', '.join(extractors)}",
    ]
    err_path = out.with_name(f"{out.name[:-8] if out.name.endswith('.parquet') else out.name}.errors.csv")
    if not errors:
        err_path.unlink(missing_ok=True)  # a previous run's errors no longer describe these tables
    else:
        from .io import write_csv

        write_csv(pd.DataFrame(errors, columns=["doc_id", "extractor", "error"]), err_path)
        lines.append(f"{len(errors)} item(s) skipped after an extractor error (listed in {err_path}); first: "
                     f"doc {errors[0][0]} ({errors[0][1]}): {errors[0][2]}")
    return "\n".join(lines)


def _combine_doc_features(part_files: list[Path], dest: Path, cb: Codebook, count_cols: list[str], meta: dict) -> None:
    """Write the per-batch tables as one, with the union of their count columns (missing -> 0)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    base = ["doc_id", "outlet", "date", "n_words"]
    codebook_cols = cb.columns()
    extra = sorted(c for c in count_cols if c not in set(codebook_cols))
    share_cols = [f"share_ukrainian:{k}" for k in cb.variant_keys()]
    columns = base + codebook_cols + extra + share_cols
    fields = [pa.field("doc_id", pa.string()), pa.field("outlet", pa.string()),
              pa.field("date", pa.timestamp("ns")), pa.field("n_words", pa.int64())]
    fields += [pa.field(c, pa.int64()) for c in codebook_cols + extra]
    fields += [pa.field(c, pa.float64()) for c in share_cols]
    schema = pa.schema(fields).with_metadata(meta)
    with pq.ParquetWriter(dest, schema, compression="zstd") as writer:
        for p in part_files:
            df = pd.read_parquet(p)
            for c in codebook_cols + extra:
                if c not in df.columns:
                    df[c] = 0
            df["date"] = pd.to_datetime(df["date"], errors="coerce").astype("datetime64[ns]")
            writer.write_table(pa.Table.from_pandas(df[columns], schema=schema, preserve_index=False))


def _features_dask(docs_path: Path, out: Path, *, cb: Codebook, scheduler, workers, batch_size, progress,
                   extractors) -> str:
    try:
        from .distributed import extract_hits_dask
    except ImportError as exc:
        raise FramingError(f"the Dask engine is not available ({exc}); pip install framing[dask]") from exc
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise FramingError(f"the Dask engine needs dask[distributed]: pip install framing[dask] ({exc})") from exc
    summary = extract_hits_dask(docs_path, out, codebook=cb, scheduler=scheduler, workers=workers,
                                partition_size=batch_size, extractors=extractors, progress=progress)
    feats_out = doc_features_path(out)
    n = _doc_features_from_files(docs_path, out, feats_out, cb, batch_size=batch_size)
    return f"{summary}\nper-document features: {feats_out} ({n} documents)"


def _doc_features_from_files(docs_path: Path, hits_path: Path, dest: Path, cb: Codebook, *, batch_size: int) -> int:
    """Per-document table from a docs table and a (possibly partitioned) hits table, streaming.

    Hits are in document order, so both tables are read in step, one batch of documents at a time."""
    import pyarrow.dataset as ds

    hit_cols = ["doc_id", "feature", "key", "value"]
    hits_scanner = ds.dataset(str(hits_path), format="parquet").to_batches(columns=hit_cols, batch_size=65536)
    pending = pd.DataFrame({c: pd.Series([], dtype=object) for c in hit_cols})
    docs_files = sorted(p for p in docs_path.rglob("*.parquet")) if docs_path.is_dir() else [docs_path]
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory(dir=dest.parent) as tmpd:
        parts, count_cols, n = [], [], 0
        exhausted = False
        for f in docs_files:
            pf = pq.ParquetFile(f, pre_buffer=False)  # memory bounded by the batch (see above)
            columns = [c for c in ("doc_id", "outlet", "date", "n_words", "clean_text") if c in pf.schema_arrow.names]
            for rb in pf.iter_batches(batch_size=batch_size, columns=columns):
                docs = rb.to_pandas()
                ids = set(docs["doc_id"].map(_str))
                chunks = []
                while True:
                    if len(pending):
                        inside = pending["doc_id"].isin(ids)
                        if not inside.all():
                            first_out = int(np.argmin(inside.to_numpy()))
                            chunks.append(pending.iloc[:first_out])
                            pending = pending.iloc[first_out:]
                            break
                        chunks.append(pending)
                        pending = pending.iloc[0:0]
                    if exhausted:
                        break
                    try:
                        pending = next(hits_scanner).to_pandas()
                    except StopIteration:
                        exhausted = True
                hits = pd.concat(chunks, ignore_index=True) if chunks else pending.iloc[0:0]
                feats = doc_features(docs, hits, cb)
                p = Path(tmpd) / f"part-{len(parts):06d}.parquet"
                feats.to_parquet(p, index=False)
                parts.append(p)
                n += len(feats)
                for c in feats.columns:
                    if c.count(":") == 2 and c not in count_cols:
                        count_cols.append(c)
        if len(pending) or not exhausted and next(hits_scanner, None) is not None:
            bad = pending["doc_id"].iloc[0] if len(pending) else "?"
            raise FramingError(f"{hits_path}: hits are not in the order of {docs_path} or name documents it "
                               f"does not hold (first: doc {bad}); cannot build the per-document table")
        meta = {b"framing.codebook": cb.name.encode(), b"framing.codebook_sha256": cb.sha256.encode(),
                HITS_SHA256_KEY: file_sha256(hits_path).encode()}
        with atomic_path(dest, suffix=".parquet.tmp") as tmp:
            _combine_doc_features(parts, tmp, cb, count_cols, meta)
    return n
