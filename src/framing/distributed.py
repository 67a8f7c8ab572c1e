"""Dask engine: the same feature extraction on a Dask cluster, over a (partitioned) Parquet docs table.

``framing features DOCS --engine dask`` and ``features_to_parquet(..., engine="dask")`` call
:func:`extract_hits_dask`. It plans partitions from the Parquet metadata (whole row groups,
grouped to about ``partition_size`` documents; a bigger row group is sliced), and submits one
task per partition. Each task reads *its own* rows straight from storage, runs
:func:`framing.features.extract_hits` on them, and writes one Parquet part of the hits table,
so no document text travels through the scheduler and every worker's memory is bounded by one
partition. Parts are written into a temporary folder beside ``out`` that is renamed onto ``out``
when every part is complete; an interrupted or failed run leaves ``out`` as it was.

The result is a *partitioned* hits table: a folder of ``part-NNNNN.parquet`` files, numbered in
document order, with one schema. Read it whole with ``pandas.read_parquet(out)`` (same rows, in
the same order, as the local engine writes), or lazily with ``dask.dataframe.read_parquet(out)``.

With ``scheduler=None`` a :class:`distributed.LocalCluster` of ``workers`` single-threaded
processes is started on 127.0.0.1 and closed afterwards; with ``scheduler="tcp://host:8786"``
an existing cluster is used (its workers must see ``docs_path`` and the folder of ``out``: a
shared file system, as for any Dask cluster reading files).

Dask is an optional extra: ``pip install framing[dask]``. It is imported only when called.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .io import FramingError

#: Default number of documents per Dask partition (task).
DEFAULT_PARTITION_SIZE = 2000

#: Docs columns the extraction reads (the raw ``text``, often the largest, is not needed).
_READ_COLUMNS = ("doc_id", "outlet", "date", "title", "clean_text", "n_words")

#: At most this many skipped-document errors are sent back per partition.
_MAX_ERRORS = 20

_INSTALL_HINT = "the Dask engine needs dask[distributed]: pip install framing[dask]"


def _require_dask():
    """Import and return ``distributed``, or raise :class:`FramingError` with the install hint."""
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError as exc:  # pragma: no cover - exercised where dask is absent
        raise FramingError(f"{_INSTALL_HINT} ({exc})") from exc
    return distributed


# ----------------------------------------------------------------------------- planning
@dataclass(frozen=True)
class Partition:
    """A slice of the docs table read by one task: row groups of one file, optionally sliced."""

    index: int
    path: str
    row_groups: tuple[int, ...]
    n_rows: int
    offset: int = 0  # rows to skip at the start of the (concatenated) row groups
    length: int | None = None  # rows to keep (None: all)


def _parquet_files(docs_path: Path) -> list[Path]:
    if docs_path.is_file():
        return [docs_path]
    if docs_path.is_dir():
        files = sorted(
            p for p in docs_path.rglob("*")
            if p.is_file() and p.suffix in (".parquet", ".parq", ".pq") and not p.name.startswith((".", "_"))
        )
        if not files:
            raise FramingError(f"{docs_path}: folder holds no .parquet files")
        return files
    raise FramingError(f"{docs_path}: no such file or folder")


def plan_partitions(docs_path: str | os.PathLike, *, partition_size: int = DEFAULT_PARTITION_SIZE) -> list[Partition]:
    """Split a Parquet docs table (file or folder of parts) into partitions of about
    ``partition_size`` documents, in document order, from the Parquet metadata only."""
    import pyarrow.parquet as pq

    if partition_size < 1:
        raise FramingError(f"partition_size must be at least 1, got {partition_size}")
    parts: list[Partition] = []
    for f in _parquet_files(Path(docs_path)):
        try:
            meta = pq.ParquetFile(f).metadata
        except Exception as exc:
            raise FramingError(f"{f}: not a readable Parquet table ({exc})") from exc
        group: list[int] = []
        rows = 0
        for rg in range(meta.num_row_groups):
            n = meta.row_group(rg).num_rows
            if n > partition_size:  # a big row group: equal slices of at most partition_size rows
                if group:
                    parts.append(Partition(len(parts), str(f), tuple(group), rows))
                    group, rows = [], 0
                k = -(-n // partition_size)
                piece = -(-n // k)
                for lo in range(0, n, piece):
                    length = min(piece, n - lo)
                    parts.append(Partition(len(parts), str(f), (rg,), length, offset=lo, length=length))
                continue
            group.append(rg)
            rows += n
            if rows >= partition_size:
                parts.append(Partition(len(parts), str(f), tuple(group), rows))
                group, rows = [], 0
        if group:
            parts.append(Partition(len(parts), str(f), tuple(group), rows))
    return parts


# ----------------------------------------------------------------------------- one task
def read_partition(part: Partition, columns: list[str] | None = None, *, chunk_rows: int = 1024) -> pd.DataFrame:
    """Read the documents of one partition (the same dtypes as ``pandas.read_parquet``).

    A slice of a big row group is read by streaming that row group in chunks of ``chunk_rows``
    and keeping only the slice's rows, so memory stays bounded by the partition, not the row group.
    (``pre_buffer=False``: with pyarrow's default, pre-buffered column chunks stay allocated.)"""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(part.path, pre_buffer=False)
    if part.length is None:
        return pf.read_row_groups(list(part.row_groups), columns=columns).to_pandas()
    lo, hi = part.offset, part.offset + part.length
    batches, pos = [], 0
    for rb in pf.iter_batches(batch_size=chunk_rows, row_groups=list(part.row_groups), columns=columns):
        end = pos + rb.num_rows
        if end > lo:
            a, b = max(0, lo - pos), min(rb.num_rows, hi - pos)
            batches.append(rb.slice(a, b - a))
        pos = end
        if pos >= hi:
            break
    schema = pf.schema_arrow if columns is None else pa.schema([pf.schema_arrow.field(c) for c in columns])
    return pa.Table.from_batches(batches, schema=schema).to_pandas()


def count_rows(docs_path: str | os.PathLike) -> int:
    """Documents in a Parquet docs table (file or folder of parts), from the metadata."""
    import pyarrow.parquet as pq

    total = 0
    for f in _parquet_files(Path(docs_path)):
        try:
            total += pq.ParquetFile(f).metadata.num_rows
        except Exception as exc:
            raise FramingError(f"{f}: not a readable Parquet table ({exc})") from exc
    return total


def _docs_columns(path: str) -> list[str]:
    """The docs columns the extraction reads (as the local engine), checking the required ones."""
    import pyarrow.parquet as pq

    names = pq.ParquetFile(path).schema_arrow.names
    for need in ("doc_id", "clean_text"):
        if need not in names:
            raise FramingError(f"{path}: document table lacks column {need}; has {', '.join(names)}")
    return [c for c in _READ_COLUMNS if c in names]


def run_partition(part: Partition, tmp_dir: str, *, codebook: Any, extractors: tuple[str, ...],
                  columns: list[str] | None, metadata: dict | None = None) -> dict:
    """Task body: read one partition, extract its hits, write ``part-NNNNN.parquet`` into ``tmp_dir``
    (schema :func:`framing.features.hits_schema`, the same as the local engine's table).

    Returns counts, timings and the first skipped-document errors (only this goes back to the client)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .features import extract_hits, hits_schema

    t0 = time.perf_counter()
    docs = read_partition(part, columns)
    t1 = time.perf_counter()
    hits = extract_hits(docs, codebook, extractors=extractors)
    t2 = time.perf_counter()
    errors = list(hits.attrs.get("errors", []))
    hits = hits.reset_index(drop=True)
    schema = hits_schema()
    if metadata:
        schema = schema.with_metadata(metadata)
    table = pa.Table.from_pandas(hits, schema=schema, preserve_index=False)
    dest = Path(tmp_dir) / f"part-{part.index:05d}.parquet"
    tmp = dest.with_name(f".{dest.name}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, dest)
    n_chars = int(docs["clean_text"].fillna("").str.len().sum())
    return {
        "index": part.index,
        "n_docs": len(docs),
        "n_hits": len(hits),
        "n_chars": n_chars,
        "n_errors": len(errors),
        "errors": [tuple(map(str, e)) for e in errors[:_MAX_ERRORS]],
        "read_s": t1 - t0,
        "extract_s": t2 - t1,
        "write_s": time.perf_counter() - t2,
        "worker": os.getpid(),
    }


# ----------------------------------------------------------------------------- driver
@dataclass
class DaskRunSummary:
    """What :func:`extract_hits_dask` did; ``str()`` gives a one-line summary for the CLI."""

    out: str
    n_docs: int
    n_hits: int
    n_partitions: int
    n_workers: int
    scheduler: str
    seconds: float
    extract_seconds: float
    startup_seconds: float = 0.0
    n_errors: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list, repr=False)
    parts: list[dict] = field(default_factory=list, repr=False)

    def __str__(self) -> str:
        rate = self.n_docs / self.seconds if self.seconds > 0 else float("nan")
        line = (
            f"{self.n_docs} documents -> {self.n_hits} hits in {self.n_partitions} partition(s) on "
            f"{self.n_workers} Dask worker(s) ({self.scheduler}) in {self.seconds:.1f} s ({rate:.0f} docs/s)\n"
            f"hits (partitioned): {self.out}"
        )
        if self.n_errors:
            d, ex, msg = self.errors[0]
            line += f"\n{self.n_errors} item(s) skipped after an extractor error; first: doc {d} ({ex}): {msg}"
        return line


def extract_hits_dask(
    docs_path: str | os.PathLike,
    out: str | os.PathLike,
    *,
    codebook: Any = None,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    extractors: Iterable[str] = ("lexical", "quotes"),
    memory_limit: str | float | int | None = "auto",
    connect_timeout: str | float = "20s",
    progress: bool = False,
) -> DaskRunSummary:
    """Extract hits from a Parquet docs table on a Dask cluster; write a partitioned hits table.

    Parameters
    ----------
    docs_path
        Docs table: one Parquet file (partitions are its row groups) or a folder of Parquet parts.
    out
        Output folder (replaced atomically when every part is written): ``part-NNNNN.parquet``
        files in document order. ``pandas.read_parquet(out)`` gives the same table as the local engine.
    codebook
        A loaded :class:`framing.codebook.Codebook`, a shipped name, a YAML path, or None (default).
    scheduler
        Address of an existing scheduler (``tcp://host:8786``); None starts a LocalCluster on
        127.0.0.1 with ``workers`` single-threaded worker processes, closed afterwards.
    workers
        Worker processes of the LocalCluster (ignored with ``scheduler``).
    partition_size
        About this many documents per task (whole row groups are grouped; bigger ones are sliced).
    extractors
        Passed to :func:`framing.features.extract_hits`.
    memory_limit
        Per-worker memory limit of the LocalCluster (Dask's syntax: "auto", "2GiB", bytes, None).
    connect_timeout
        How long to try to reach ``scheduler`` before giving up (Dask's syntax: "20s", seconds).
    progress
        Show a progress bar over partitions.
    """
    distributed = _require_dask()
    docs_path = Path(docs_path)
    out = Path(out)
    if workers < 1:
        raise FramingError(f"workers must be at least 1, got {workers}")
    if partition_size < 1:
        raise FramingError(f"partition_size must be at least 1, got {partition_size}")
    from .features import _check_extractors

    extractors = _check_extractors(extractors)
    files = _parquet_files(docs_path)
    n_rows = count_rows(docs_path)
    from .codebook import load_codebook

    cb = load_codebook(codebook)
    columns = _docs_columns(str(files[0]))
    if "quotes" in extractors:
        from .features import _quote_module

        _quote_module()  # fail here, with the features module's message, if quotes cannot run
    from . import __version__
    from .config import project_relative

    # the same provenance as the local engine's table (docs path relative to the project root)
    metadata = {b"framing.codebook": cb.name.encode(), b"framing.codebook_sha256": cb.sha256.encode(),
                b"framing.codebook_fingerprint": cb.fingerprint.encode(), b"framing.version": __version__.encode(),
                b"framing.extractors": ",".join(extractors).encode(),
                b"framing.docs": project_relative(docs_path).encode()}

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    t0 = time.perf_counter()
    cluster = client = None
    futures: list = []
    startup = 0.0
    try:
        if scheduler:
            try:
                client = distributed.Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise FramingError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
            where = scheduler
        else:
            cluster = distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address="127.0.0.1:0", memory_limit=memory_limit, silence_logs=40,
            )
            client = distributed.Client(cluster)
            where = "LocalCluster"
        startup = time.perf_counter() - t0
        slots = client.nthreads()
        n_workers = len(slots)
        # at least one partition per worker thread (a small table still uses every worker)
        size = max(1, min(partition_size, -(-n_rows // max(1, sum(slots.values())))))
        parts = plan_partitions(docs_path, partition_size=size)
        cb_future = client.scatter(cb, broadcast=True) if parts else None
        futures = [
            client.submit(run_partition, p, str(tmp_dir), codebook=cb_future, extractors=extractors,
                          columns=columns, metadata=metadata, key=f"framing-hits-{p.index:05d}-{tmp_dir.name}",
                          pure=False)
            for p in parts
        ]
        results = []
        iterator = distributed.as_completed(futures)
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(futures), desc="partitions", unit="part")
        for fut in iterator:
            try:
                results.append(fut.result())
            except FramingError:
                raise
            except Exception as exc:
                idx = futures.index(fut)
                raise FramingError(f"{parts[idx].path}: partition {idx} (row groups {list(parts[idx].row_groups)}) "
                                   f"failed on the Dask cluster: {type(exc).__name__}: {exc}") from exc
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        if not parts:
            _write_empty(tmp_dir, metadata)
        if out.exists():
            if out.is_dir():
                shutil.rmtree(out)
            else:
                out.unlink()
        os.replace(tmp_dir, out)
    except BaseException:
        if client is not None and futures:
            client.cancel(futures)
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    results.sort(key=lambda r: r["index"])
    return DaskRunSummary(
        out=str(out),
        n_docs=sum(r["n_docs"] for r in results),
        n_hits=sum(r["n_hits"] for r in results),
        n_partitions=len(parts),
        n_workers=n_workers,
        scheduler=where,
        seconds=time.perf_counter() - t0,
        startup_seconds=startup,
        extract_seconds=sum(r["extract_s"] for r in results),
        n_errors=sum(r["n_errors"] for r in results),
        errors=[e for r in results for e in r["errors"]],
        parts=results,
    )


def _write_empty(tmp_dir: Path, metadata: dict) -> None:
    import pyarrow.parquet as pq

    from .features import hits_schema

    pq.write_table(hits_schema().with_metadata(metadata).empty_table(), Path(tmp_dir) / "part-00000.parquet")
