"""The Dask engine gives exactly the local engine's hits (framing.distributed)."""
from __future__ import annotations

import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from framing.distributed import extract_hits_dask, plan_partitions, read_partition
from framing.io import FramingError

distributed = pytest.importorskip("distributed", reason="dask[distributed] not installed (pip install framing[dask])")

ROWS_PER_GROUP = 60  # the sample corpus (476 docs) is rewritten with small row groups: several partitions


@pytest.fixture(scope="module")
def sample_docs(tmp_path_factory, raw_dir) -> str:
    """The bundled ukraine-media sample, ingested at test time, in row groups of 60 documents."""
    from framing.ingest import ingest_paths

    docs = ingest_paths([raw_dir / "ukraine-media-sample"])
    assert len(docs) > 400
    path = tmp_path_factory.mktemp("dask") / "docs.parquet"
    pq.write_table(pa.Table.from_pandas(docs, preserve_index=False), path, row_group_size=ROWS_PER_GROUP)
    return str(path)


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes on loopback, small memory."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0", memory_limit="1GiB", silence_logs=40) as c:
        yield c.scheduler_address


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(list(df.columns), kind="mergesort").reset_index(drop=True)


def test_dask_hits_equal_local_hits(sample_docs, tmp_path):
    """A LocalCluster of 2 worker processes on loopback (started and closed by the call) gives
    exactly the local engine's hits: same rows, columns, dtypes and order."""
    import psutil

    from framing.features import extract_hits

    def workers_alive():  # multiprocessing's resource tracker legitimately outlives the cluster
        return {c.pid for c in psutil.Process().children(recursive=True)
                if c.is_running() and c.status() != psutil.STATUS_ZOMBIE
                and "resource_tracker" not in " ".join(c.cmdline())}

    before = workers_alive()
    out = tmp_path / "hits"
    summary = extract_hits_dask(sample_docs, out, workers=2, partition_size=100, memory_limit="1GiB")
    local_hits = extract_hits(pd.read_parquet(sample_docs))  # right after: the same code as the workers ran
    assert {"variant", "label", "quote"} <= set(local_hits["feature"])  # a real comparison
    assert summary.scheduler == "LocalCluster" and summary.n_workers == 2
    parts = sorted(p.name for p in out.glob("*.parquet"))
    assert parts == [f"part-{i:05d}.parquet" for i in range(summary.n_partitions)]
    assert summary.n_partitions == 4  # 8 row groups of <= 60 docs, grouped two by two (>= 100 docs)
    assert len({p["worker"] for p in summary.parts}) == 2  # both workers did some of the work
    dask_hits = pd.read_parquet(out)
    assert summary.n_docs == len(pd.read_parquet(sample_docs, columns=["doc_id"]))
    assert summary.n_hits == len(dask_hits) == len(local_hits)
    assert list(dask_hits.columns) == list(local_hits.columns)
    assert dask_hits.dtypes.to_dict() == local_hits.dtypes.to_dict()
    pd.testing.assert_frame_equal(_sorted(dask_hits), _sorted(local_hits))
    # parts are numbered in document order, so even the row order is the local engine's
    pd.testing.assert_frame_equal(dask_hits, local_hits)
    meta = pq.read_schema(out / "part-00000.parquet").metadata
    assert meta[b"framing.codebook"] == b"russia_ukraine" and meta[b"framing.extractors"] == b"lexical,quotes"
    assert len(meta[b"framing.codebook_sha256"]) == 64
    assert workers_alive() <= before  # the cluster was closed: no worker process left behind


def test_dask_reads_partitioned_docs_and_lexical_only(sample_docs, cluster, tmp_path):
    from framing.features import extract_hits

    docs = pd.read_parquet(sample_docs)
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, lo in enumerate(range(0, len(docs), 150)):
        docs.iloc[lo:lo + 150].to_parquet(folder / f"part-{i}.parquet", index=False)
    out = tmp_path / "hits"
    summary = extract_hits_dask(folder, out, scheduler=cluster, extractors=("lexical",), partition_size=1000)
    assert summary.n_partitions == 4  # one per file
    got = pd.read_parquet(out)
    want = extract_hits(docs, extractors=("lexical",))
    assert set(got["feature"]) == set(want["feature"]) and "quote" not in set(got["feature"])
    pd.testing.assert_frame_equal(got, want)
    # the hits table also reads lazily with Dask
    import dask.dataframe as dd

    assert len(dd.read_parquet(str(out))) == len(want)


def test_one_row_group_is_split_across_workers(sample_docs, cluster, tmp_path):
    """A docs table written as one row group (as pandas does) still gives every worker a share."""
    one = tmp_path / "one.parquet"
    pd.read_parquet(sample_docs).to_parquet(one, index=False)
    assert pq.ParquetFile(one).metadata.num_row_groups == 1
    summary = extract_hits_dask(one, tmp_path / "hits", scheduler=cluster, extractors=("lexical",))
    assert summary.n_partitions == 2 and [p["n_docs"] for p in summary.parts] == [238, 238]
    assert len({p["worker"] for p in summary.parts}) == 2
    from framing.features import extract_hits

    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "hits"),
                                  extract_hits(pd.read_parquet(one), extractors=("lexical",)))


def test_features_to_parquet_engine_dask(sample_docs, cluster, tmp_path):
    """The features module's engine="dask" path delegates here and writes doc_features too."""
    from framing.features import doc_features, doc_features_path, extract_hits, features_to_parquet

    out = tmp_path / "hits.parquet"
    summary = features_to_parquet(sample_docs, out, codebook=None, engine="dask", scheduler=cluster, workers=2,
                                  batch_size=120, progress=False, extractors=("lexical",))
    assert "Dask" in summary
    assert out.is_dir()
    local_hits = extract_hits(pd.read_parquet(sample_docs), extractors=("lexical",))
    pd.testing.assert_frame_equal(pd.read_parquet(out), local_hits)
    feats = pd.read_parquet(doc_features_path(out))
    want = doc_features(pd.read_parquet(sample_docs), local_hits)
    count_cols = [c for c in want.columns if c.count(":") == 2]
    assert count_cols and feats[count_cols].sum().to_dict() == want[count_cols].sum().to_dict()


def test_failed_run_leaves_previous_output(sample_docs, cluster, tmp_path):
    out = tmp_path / "hits"
    out.mkdir()
    (out / "part-00000.parquet").write_bytes(b"previous")
    bad = tmp_path / "bad.parquet"
    pd.DataFrame({"doc_id": ["a"], "title": ["Kiev"]}).to_parquet(bad)  # no clean_text
    with pytest.raises(FramingError, match="clean_text"):
        extract_hits_dask(bad, out, scheduler=cluster)
    with pytest.raises(FramingError, match="no such file"):
        extract_hits_dask(tmp_path / "missing.parquet", out, scheduler=cluster)
    assert (out / "part-00000.parquet").read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp folder left


def test_unreachable_scheduler_is_a_user_error(sample_docs, tmp_path):
    with pytest.raises(FramingError, match="cannot reach the Dask scheduler"):
        extract_hits_dask(sample_docs, tmp_path / "hits", scheduler="tcp://127.0.0.1:9", extractors=("lexical",),
                          connect_timeout="2s")
    assert not (tmp_path / "hits").exists()


def test_empty_docs_table_gives_empty_hits_with_schema(cluster, tmp_path):
    from framing.features import hits_schema

    docs = tmp_path / "empty.parquet"
    pd.DataFrame({c: pd.Series([], dtype="str") for c in ("doc_id", "title", "clean_text")}).to_parquet(docs)
    summary = extract_hits_dask(docs, tmp_path / "hits", scheduler=cluster)
    got = pq.read_table(tmp_path / "hits")
    assert summary.n_docs == 0 and got.num_rows == 0
    assert got.schema.names == hits_schema().names


# ----------------------------------------------------------------------------- planning (no cluster)
def _table_file(tmp_path, n_rows: int, row_group_size: int):
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"doc_id": [f"d{i}" for i in range(n_rows)], "clean_text": ["x"] * n_rows}),
                   path, row_group_size=row_group_size)
    return path


def test_plan_groups_row_groups_in_order(tmp_path):
    path = _table_file(tmp_path, 100, 10)
    parts = plan_partitions(path, partition_size=25)
    assert [p.n_rows for p in parts] == [30, 30, 30, 10]
    assert [p.index for p in parts] == [0, 1, 2, 3]
    ids = pd.concat([read_partition(p) for p in parts])["doc_id"].tolist()
    assert ids == [f"d{i}" for i in range(100)]


def test_plan_slices_big_row_groups(tmp_path):
    path = _table_file(tmp_path, 1000, 1000)
    parts = plan_partitions(path, partition_size=300)
    assert [p.n_rows for p in parts] == [250, 250, 250, 250]  # equal slices of at most 300 rows
    assert all(p.row_groups == (0,) for p in parts)
    ids = pd.concat([read_partition(p, chunk_rows=64) for p in parts])["doc_id"].tolist()
    assert ids == [f"d{i}" for i in range(1000)]
    assert read_partition(parts[1], ["doc_id"]).columns.tolist() == ["doc_id"]


def test_plan_rejects_bad_input(tmp_path):
    with pytest.raises(FramingError, match="no such file"):
        plan_partitions(tmp_path / "nope.parquet")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FramingError, match="no .parquet files"):
        plan_partitions(tmp_path / "empty")
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet")
    with pytest.raises(FramingError, match="not a readable Parquet"):
        plan_partitions(bad)
    with pytest.raises(FramingError, match="at least 1"):
        plan_partitions(_table_file(tmp_path, 10, 5), partition_size=0)


def test_bad_options_are_user_errors(sample_docs, tmp_path):
    with pytest.raises(FramingError, match="unknown extractor"):
        extract_hits_dask(sample_docs, tmp_path / "hits", extractors=("lexical", "sentiment"))
    with pytest.raises(FramingError, match="workers must be at least 1"):
        extract_hits_dask(sample_docs, tmp_path / "hits", workers=0)
    with pytest.raises(FramingError, match="partition_size must be at least 1"):
        extract_hits_dask(sample_docs, tmp_path / "hits", partition_size=0)
    assert not (tmp_path / "hits").exists()


def test_missing_dask_is_a_user_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(FramingError, match=r"pip install framing\[dask\]"):
        extract_hits_dask(tmp_path / "docs.parquet", tmp_path / "hits")
