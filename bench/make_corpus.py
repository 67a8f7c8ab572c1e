"""Build a benchmark corpus of N articles by resampling real articles, streamed to Parquet.

The articles come from real news text (by default the ``ukraine-media`` CSVs under
``../shared/corpora/``, where present, else the bundled ``data/raw/ukraine-media-sample``; or any
docs table / CSV files given with ``--source``). A *pool* of
distinct articles (title, text, outlet, date, url) is read once, cleaned once with
:func:`framing.clean.clean_text`, and then N rows are drawn from it with replacement
(``--seed``), batch by batch, and written as row groups of one Parquet file, so memory is
bounded by the pool plus one batch whatever N is (1M articles is fine on a laptop).

The output is a docs table (``framing/schema.py``): doc_id (unique per resampled copy),
outlet, date, url (made unique per copy with a ``#copy-i`` fragment, so de-duplication in
ingest keeps every row), title, text, clean_text, n_words, source (``bench:<origin>#<i>``),
plus ``orig_id`` (the pool article the copy came from). ``--dataset DIR`` also (or instead,
with ``--no-file``) writes the same rows as a directory of Parquet parts for Dask.

Usage::

    python bench/make_corpus.py --n 100000 --seed 1 --out bench/out/corpus-100k.parquet
    python bench/make_corpus.py --n 1000000 --out bench/out/corpus-1m.parquet --dataset bench/out/corpus-1m.d
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
SHARED_SOURCE = Path(os.environ.get("FRAMING_SHARED", REPO.parent / "shared")) / "corpora" / "ukraine-media"
#: The full ukraine-media corpus where it is (developers' machines, CI), else the bundled sample.
DEFAULT_SOURCE = SHARED_SOURCE if SHARED_SOURCE.is_dir() else REPO / "data" / "raw" / "ukraine-media-sample"

#: Arrow schema of the docs table written here (stable across batches and runs).
DOCS_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("outlet", pa.string()),
        ("date", pa.timestamp("ns")),
        ("url", pa.string()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("clean_text", pa.string()),
        ("n_words", pa.int64()),
        ("source", pa.string()),
        ("orig_id", pa.string()),
    ]
)

_WS_RE = re.compile(r"[ \t\u00a0]+")


def _fallback_clean(text: str) -> str:
    """Whitespace normalisation, used only when :mod:`framing.clean` is not importable."""
    return "\n".join(_WS_RE.sub(" ", line).strip() for line in str(text).splitlines()).strip()


def _cleaner():
    try:
        from framing.clean import clean_text  # noqa: PLC0415
    except ImportError:
        return _fallback_clean, "fallback-whitespace"
    return clean_text, "framing.clean.clean_text"


def _read_csv_pool(path: Path) -> pd.DataFrame:
    """Articles of one ukraine-media style CSV (Date, URL, Title, Text); outlet from the file name."""
    df = pd.read_csv(path, on_bad_lines="skip", dtype=str, keep_default_na=False)
    cols = {c.lower(): c for c in df.columns}
    missing = [c for c in ("title", "text") if c not in cols]
    if missing:
        raise SystemExit(f"{path}: lacks column(s) {missing}; has {list(df.columns)}")
    out = pd.DataFrame(
        {
            "outlet": df[cols["outlet"]] if "outlet" in cols else path.stem,
            "date": pd.to_datetime(df[cols["date"]], errors="coerce", utc=True, format="mixed").dt.tz_localize(None)
            if "date" in cols
            else pd.NaT,
            "url": df[cols["url"]] if "url" in cols else "",
            "title": df[cols["title"]],
            "text": df[cols["text"]],
        }
    )
    out["origin"] = [f"{path.name}:{i}" for i in range(len(out))]
    return out


def load_pool(sources: list[Path], *, min_chars: int = 500) -> tuple[pd.DataFrame, dict]:
    """Distinct real articles to resample from, with ``clean_text`` and ``n_words`` computed once.

    ``sources``: folders (searched recursively for ``*.csv`` and ``*.parquet``), CSV files with
    Title/Text (and Date/URL) columns, or docs tables (Parquet). Articles whose text is shorter
    than ``min_chars`` (abstracts, stubs) are dropped; repeated URLs are kept once.
    """
    from framing.text import count_words

    files: list[Path] = []
    for src in sources:
        src = Path(src)
        if src.is_dir():
            files += sorted(p for p in src.rglob("*") if p.suffix.lower() in (".csv", ".parquet"))
        elif src.is_file():
            files.append(src)
        else:
            raise SystemExit(f"{src}: no such file or folder")
    if not files:
        raise SystemExit(f"no .csv or .parquet files under {', '.join(map(str, sources))}")
    frames = []
    for f in files:
        if f.suffix.lower() == ".parquet":
            d = pd.read_parquet(f, columns=None)
            d = d.reindex(columns=["outlet", "date", "url", "title", "text"]).fillna({"url": "", "title": ""})
            d["origin"] = [f"{f.name}:{i}" for i in range(len(d))]
        else:
            d = _read_csv_pool(f)
        frames.append(d)
    pool = pd.concat(frames, ignore_index=True)
    n_read = len(pool)
    pool["text"] = pool["text"].fillna("").astype(str)
    pool["title"] = pool["title"].fillna("").astype(str)
    pool = pool[pool["text"].str.len() >= min_chars]
    has_url = pool["url"].fillna("").astype(str).str.len() > 0
    pool = pool[~(has_url & pool["url"].duplicated())].reset_index(drop=True)
    clean, cleaner_name = _cleaner()
    pool["clean_text"] = [clean(t) for t in pool["text"]]
    pool["n_words"] = [count_words(t) for t in pool["clean_text"]]
    pool["date"] = pd.to_datetime(pool["date"], errors="coerce")
    info = {
        "files": [str(f) for f in files],
        "n_read": n_read,
        "n_pool": len(pool),
        "min_chars": min_chars,
        "cleaner": cleaner_name,
        "pool_text_mb": round(sum(len(t.encode("utf-8")) for t in pool["clean_text"]) / 1e6, 2),
    }
    return pool, info


def _pool_table(pool: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(
        pool[["outlet", "date", "url", "title", "text", "clean_text", "n_words", "origin"]].assign(
            url=pool["url"].fillna("").astype(str), outlet=pool["outlet"].astype(str)
        ),
        preserve_index=False,
    ).cast(
        pa.schema(
            [
                ("outlet", pa.string()),
                ("date", pa.timestamp("ns")),
                ("url", pa.string()),
                ("title", pa.string()),
                ("text", pa.string()),
                ("clean_text", pa.string()),
                ("n_words", pa.int64()),
                ("origin", pa.string()),
            ]
        )
    )


def iter_batches(pool: pd.DataFrame, n: int, *, seed: int, batch_size: int):
    """Yield Arrow tables (``DOCS_SCHEMA``) of at most ``batch_size`` resampled articles, n in all."""
    table = _pool_table(pool)
    rng = np.random.default_rng(seed)
    width = max(7, len(str(n - 1)))
    for lo in range(0, n, batch_size):
        hi = min(n, lo + batch_size)
        idx = rng.integers(0, table.num_rows, size=hi - lo)
        part = table.take(pa.array(idx))
        numbers = [f"{i:0{width}d}" for i in range(lo, hi)]
        urls = part.column("url").to_pylist()
        origins = part.column("origin").to_pylist()
        yield pa.table(
            {
                "doc_id": pa.array([f"bench{seed}-{k}" for k in numbers], pa.string()),
                "outlet": part.column("outlet"),
                "date": part.column("date"),
                "url": pa.array([f"{u}#copy-{k}" if u else "" for u, k in zip(urls, numbers)], pa.string()),
                "title": part.column("title"),
                "text": part.column("text"),
                "clean_text": part.column("clean_text"),
                "n_words": part.column("n_words"),
                "source": pa.array([f"bench:{o}#{k}" for o, k in zip(origins, numbers)], pa.string()),
                "orig_id": part.column("origin"),
            },
            schema=DOCS_SCHEMA,
        )


def make_corpus(
    n: int,
    out: str | os.PathLike | None,
    *,
    seed: int = 1,
    sources: list[Path] | None = None,
    row_group_size: int = 5000,
    dataset: str | os.PathLike | None = None,
    part_size: int | None = None,
    min_chars: int = 500,
) -> dict:
    """Write ``n`` resampled articles to ``out`` (one Parquet file, row groups of
    ``row_group_size``) and/or ``dataset`` (a folder of ``part-NNNNN.parquet`` files of
    ``part_size`` rows). Both are written to temporary names and renamed when complete.
    Returns a summary dict (also written as ``<out>.json``)."""
    if n <= 0:
        raise SystemExit("--n must be positive")
    if out is None and dataset is None:
        raise SystemExit("nothing to write: give --out and/or --dataset")
    t0 = time.perf_counter()
    pool, info = load_pool(sources or [DEFAULT_SOURCE], min_chars=min_chars)
    if pool.empty:
        raise SystemExit("the pool of source articles is empty")
    part_size = part_size or row_group_size
    step = min(row_group_size, part_size)
    writer = tmp_out = None
    if out is not None:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp_out = out.with_name(f".{out.name}.tmp")
        writer = pq.ParquetWriter(tmp_out, DOCS_SCHEMA, compression="zstd", use_dictionary=["outlet"])
    tmp_dir = None
    if dataset is not None:
        dataset = Path(dataset)
        tmp_dir = dataset.with_name(f".{dataset.name}.tmp")
        if tmp_dir.exists():
            import shutil

            shutil.rmtree(tmp_dir)
        tmp_dir.mkdir(parents=True)
    n_bytes = 0
    pending: list[pa.Table] = []
    pending_rows = 0
    part_no = 0

    def flush_part(tables):
        nonlocal part_no
        pq.write_table(pa.concat_tables(tables), tmp_dir / f"part-{part_no:05d}.parquet",
                       compression="zstd", use_dictionary=["outlet"], row_group_size=row_group_size)
        part_no += 1

    try:
        for batch in iter_batches(pool, n, seed=seed, batch_size=step):
            n_bytes += sum(len(s.encode("utf-8")) for s in batch.column("clean_text").to_pylist())
            if writer is not None:
                writer.write_table(batch, row_group_size=row_group_size)
            if tmp_dir is not None:
                pending.append(batch)
                pending_rows += batch.num_rows
                if pending_rows >= part_size:
                    flush_part(pending)
                    pending, pending_rows = [], 0
        if tmp_dir is not None and pending:
            flush_part(pending)
        if writer is not None:
            writer.close()
            writer = None
            os.replace(tmp_out, out)
        if tmp_dir is not None:
            import shutil

            if dataset.exists():
                shutil.rmtree(dataset)
            os.replace(tmp_dir, dataset)
    except BaseException:
        if writer is not None:
            writer.close()
        if tmp_out is not None and tmp_out.exists():
            tmp_out.unlink()
        raise
    summary = {
        "n": n,
        "seed": seed,
        "out": str(out) if out is not None else None,
        "dataset": str(dataset) if dataset is not None else None,
        "n_parts": part_no,
        "row_group_size": row_group_size,
        "clean_text_mb": round(n_bytes / 1e6, 2),
        "file_mb": round(out.stat().st_size / 1e6, 2) if out is not None else None,
        "seconds": round(time.perf_counter() - t0, 2),
        "pool": info,
    }
    if out is not None:
        Path(f"{out}.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=10_000, help="number of articles (default: %(default)s)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", help="output docs table (.parquet); default bench/out/corpus-<n>.parquet")
    p.add_argument("--dataset", help="also write a folder of Parquet parts (for Dask)")
    p.add_argument("--no-file", action="store_true", help="with --dataset: do not write --out")
    p.add_argument("--source", action="append", type=Path,
                   help=f"CSV/Parquet file or folder of real articles (repeatable; default {DEFAULT_SOURCE})")
    p.add_argument("--row-group-size", type=int, default=5000, help="rows per Parquet row group")
    p.add_argument("--part-size", type=int, default=None, help="rows per part file of --dataset (default: row group size)")
    p.add_argument("--min-chars", type=int, default=500, help="drop source articles shorter than this (abstracts)")
    args = p.parse_args(argv)
    out = None if args.no_file else (args.out or REPO / "bench" / "out" / f"corpus-{args.n}.parquet")
    summary = make_corpus(
        args.n, out, seed=args.seed, sources=args.source, row_group_size=args.row_group_size,
        dataset=args.dataset, part_size=args.part_size, min_chars=args.min_chars,
    )
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
