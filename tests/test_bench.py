"""The benchmark scripts run on a tiny input and report sane numbers (no speed assertions)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
DOC_COLUMNS = ["doc_id", "outlet", "date", "url", "title", "text", "clean_text", "n_words", "source"]


def _run(*args, timeout=600):
    proc = subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          cwd=str(REPO))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, raw_dir) -> Path:
    """200 articles resampled from the bundled sample corpus (available everywhere), row groups of 50."""
    out = tmp_path_factory.mktemp("bench") / "corpus.parquet"
    _run(BENCH / "make_corpus.py", "--n", 200, "--seed", 7, "--out", out, "--row-group-size", 50,
         "--source", raw_dir / "ukraine-media-sample", "--dataset", out.with_suffix(".d"), "--part-size", 120)
    return out


def test_make_corpus_writes_a_docs_table(corpus):
    docs = pd.read_parquet(corpus)
    assert len(docs) == 200
    assert list(docs.columns[: len(DOC_COLUMNS)]) == DOC_COLUMNS
    assert docs["doc_id"].is_unique and docs["url"].is_unique
    assert pq.ParquetFile(corpus).metadata.num_row_groups == 4
    assert (docs["clean_text"].str.len() >= 1).all() and (docs["n_words"] > 0).all()
    assert docs["outlet"].nunique() > 3
    # resampled: copies of the same source article carry the same text
    dup = docs[docs.duplicated("orig_id", keep=False)]
    assert len(dup) > 0 and (dup.groupby("orig_id")["clean_text"].nunique() == 1).all()
    from framing.text import count_words

    assert docs["n_words"].tolist() == [count_words(t) for t in docs["clean_text"]]
    # the partitioned copy holds the same rows
    parts = sorted(corpus.with_suffix(".d").glob("part-*.parquet"))
    assert len(parts) == 2
    pd.testing.assert_frame_equal(pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True), docs)
    summary = json.loads(Path(f"{corpus}.json").read_text())
    assert summary["n"] == 200 and summary["pool"]["n_pool"] > 100


def test_make_corpus_is_reproducible(corpus, tmp_path, raw_dir):
    again = tmp_path / "again.parquet"
    _run(BENCH / "make_corpus.py", "--n", 200, "--seed", 7, "--out", again, "--row-group-size", 50,
         "--source", raw_dir / "ukraine-media-sample")
    pd.testing.assert_frame_equal(pd.read_parquet(again), pd.read_parquet(corpus))
    other = tmp_path / "other.parquet"
    _run(BENCH / "make_corpus.py", "--n", 200, "--seed", 8, "--out", other, "--source", raw_dir / "ukraine-media-sample")
    assert pd.read_parquet(other)["orig_id"].tolist() != pd.read_parquet(corpus)["orig_id"].tolist()


STAGES = "clean,lexicon,vectorize,lexical,full,aho,countvec,grep,stream_w1,aggregate"


@pytest.fixture(scope="module")
def results(corpus, tmp_path_factory) -> tuple[dict, Path]:
    work = tmp_path_factory.mktemp("work")
    out = work / "results.json"
    proc = _run(BENCH / "throughput.py", "--docs", corpus, "--quick", "--stages", STAGES, "--json", out,
                "--work", work, "--batch-size", 80, timeout=900)
    assert "ratios:" in proc.stdout and "targets:" in proc.stdout
    return json.loads(out.read_text()), work


def test_throughput_reports_positive_rates(results):
    report, _ = results
    res = report["results"]
    assert set(res) == set(STAGES.split(","))
    for name, r in res.items():
        assert "error" not in r and "skipped" not in r, (name, r)
        assert r["wall_s"] > 0, name
        assert r["peak_rss_mb"] > 10, name
        if name != "aggregate":
            assert r["docs"] == 200, name
            assert r["mb_s_wall"] > 0 and r["docs_s_wall"] > 0, name
    assert report["corpus"]["corpus_docs"] == 200
    for key in ("lexical/aho (cpu)", "vectorize/aho (cpu)", "full/countvec (cpu)"):
        assert report["ratios"][key] > 0
    assert report["machine"]["cpus"] >= 1


def test_lexical_counts_match_hits_table_and_direct_count(results):
    report, work = results
    res = report["results"]
    direct = res["lexicon"]["lexical_counts"]  # framing.lexicon.count_lexical over every title and text
    assert sum(direct.values()) > 50
    assert res["lexical"]["lexical_counts"] == direct
    assert res["lexical"]["offsets_ok"] is True
    # the streamed hits table (features_to_parquet) holds the same lexical hits
    hits = pd.read_parquet(work / "stream_w1" / "hits.parquet")
    lex = hits[~hits["feature"].isin(["quote", "reported_speech"])]
    counts = {":".join(k): int(v) for k, v in lex.groupby(["feature", "key", "value"]).size().items()}
    assert counts == direct
    assert res["stream_w1"]["hits"] == res["full"]["hits"] == len(hits)
    assert report["targets"]["hits-table counts == direct count_lexical"]["met"] is True
    assert report["targets"]["streamed hits == in-memory hits"]["met"] is True
    # the count matrix of FramingVectorizer (the lexical features) sums to the same counts
    assert res["vectorize"]["lexical_counts"] == direct
    assert report["targets"]["vectorizer counts == hits-table counts"]["met"] is True


def test_reference_scanners_count_something(results):
    res = results[0]["results"]
    assert res["aho"]["matches"] > 0 and res["aho"]["terms"] > 50
    assert res["countvec"]["count"] > 0
    assert 0 < res["grep"]["matching_lines"] <= 200  # grep -c counts matching lines: one per document


@pytest.mark.parametrize("extra", [["--read-only"], ["--extractors", "lexical", "--pre-buffer", "off"]])
def test_memory_script_reports_peaks(corpus, extra):
    proc = _run(BENCH / "memory.py", corpus, "--batch-size", 50, *extra)
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    assert res["docs"] == 200 and res["peak_rss_mb"] > 50 and res["peak_arrow_mb"] >= 0


def test_throughput_rejects_unknown_stage(corpus):
    proc = subprocess.run([sys.executable, str(BENCH / "throughput.py"), "--docs", str(corpus), "--stages", "nope"],
                          capture_output=True, text=True, cwd=str(REPO))
    assert proc.returncode == 2 and "unknown stage" in proc.stderr
