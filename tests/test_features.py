"""Hits table, per-document features, the vectorizer and the streaming Parquet writer.

Documents are the bundled seeds (data/raw/seeds, read with framing.ingest), the bundled
ukraine-media sample, and real sentences pasted below; the whole-corpus check reads
../shared/corpora/ukraine-media and skips where it is absent.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from framing.cli import main
from framing.codebook import load_codebook
from framing.features import (
    FramingVectorizer,
    doc_features,
    doc_features_path,
    extract_hits,
    features_to_parquet,
)
from framing.io import FramingError
from framing.schema import ALL_HIT_COLUMNS

LEX = ("lexical",)


@pytest.fixture(scope="module")
def seeds(raw_dir):
    from framing.ingest import ingest_paths

    docs = ingest_paths([raw_dir / "seeds"])
    assert len(docs) == 5
    return docs


@pytest.fixture(scope="module")
def seed_hits(seeds):
    return extract_hits(seeds, extractors=LEX)


def small_docs() -> pd.DataFrame:
    """Three documents made of real sentences (sources in the comments)."""
    return pd.DataFrame({
        "doc_id": ["rt1", "bbc1", "none1"],
        "outlet": ["RT", "BBC", "Reuters"],
        "date": pd.to_datetime(["2022-10-05", "2022-10-06", "2022-10-07"]),
        # seeds/004 headline; data/bbc.csv style headline; no codebook term
        "title": ["Zelensky confirms signals from West on peace talks", "Kyiv hit by drones", "Markets close"],
        "clean_text": [
            # seeds/004 (RT)
            "Ukrainian President Vladimir Zelensky has acknowledged that Kiev’s foreign backers have been speaking "
            "to him about the possibility of peace talks with Moscow. Kiev asked for more weapons.",
            # seeds/003 (Moscow Times) + data/AssociatedPress.csv row 52
            "For his part, Ukrainian President Volodymyr Zelensky admitted for the first time that negotiations "
            "between Moscow and Kyiv could begin. He spoke to the Kyiv-based Razumkov Center.",
            "Stocks fell on Tuesday.",
        ],
        "n_words": [29, 28, 4],
    })


# ----------------------------------------------------------------------------- extract_hits
def test_hits_columns_offsets_and_context_on_the_seeds(seeds, seed_hits):
    h = seed_hits
    assert list(h.columns) == list(ALL_HIT_COLUMNS)
    assert len(h) > 50
    assert set(h["field"]) == {"title", "text"}
    by_id = seeds.set_index("doc_id")
    for r in h.itertuples(index=False):
        src = by_id.at[r.doc_id, "clean_text" if r.field == "text" else "title"]
        assert src[r.start:r.end] == r.text
        assert r.text in r.context and r.context in src  # the sentence holding the hit
        assert r.speaker_start == -1 and r.cue == ""
    # RT seed: Kiev and Vladimir Zelensky; the Moscow Times seed 003: Kyiv and Volodymyr
    rt = h[h.doc_id == seeds.doc_id.iloc[0]]
    assert (rt.value == "Kiev").sum() >= 5 and (rt.value == "Kyiv").sum() == 0
    assert set(rt[rt.key == "volodymyr"].value) == {"Vladimir"}


def test_hits_are_sorted_deterministically(seeds, seed_hits):
    h = seed_hits
    pos = {d: i for i, d in enumerate(seeds.doc_id)}
    key = list(zip(h.doc_id.map(pos), h.field.map({"title": 0, "text": 1}), h.start, h.feature, h.end))
    assert key == sorted(key)
    again = extract_hits(seeds.iloc[::-1].iloc[::-1], extractors=LEX)
    pd.testing.assert_frame_equal(h, again)


def test_context_is_the_sentence(seed_hits):
    # seeds/001 (RT): "However, this is not currently the case, as the Kiev regime has rejected ..."
    row = seed_hits[(seed_hits.key == "ukrainian_state_labels")].iloc[0]
    assert row.text == "Kiev regime"
    assert row.context == ("However, this is not currently the case, as the Kiev regime has rejected peaceful "
                           "resolutions to the conflict.")


def test_title_and_text_both_analysed():
    docs = small_docs()
    h = extract_hits(docs, extractors=LEX)
    t = h[h.field == "title"]
    assert list(zip(t.doc_id, t.text)) == [("rt1", "Zelensky"), ("bbc1", "Kyiv")]
    assert (h.doc_id == "none1").sum() == 0


def test_quotes_extractor_combined_with_lexical(seeds):
    pytest.importorskip("framing.quotes")
    h = extract_hits(seeds)
    assert {"quote", "variant"} <= set(h.feature)
    q = h[h.feature == "quote"]
    assert (q.quote_type != "").all()
    by_id = seeds.set_index("doc_id")
    for r in q.itertuples(index=False):
        src = by_id.at[r.doc_id, "clean_text" if r.field == "text" else "title"]
        assert src[r.start:r.end] == r.text
    lex = extract_hits(seeds, extractors=LEX)
    pd.testing.assert_frame_equal(h[h.feature.isin(set(lex.feature))].reset_index(drop=True), lex)


def test_missing_quotes_module_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "framing.quotes", None)  # import now raises ImportError
    with pytest.raises(FramingError, match="quotes.*extractors=\\('lexical',\\)"):
        extract_hits(small_docs())
    assert len(extract_hits(small_docs(), extractors=LEX)) > 0
    with pytest.raises(FramingError, match="unknown extractor"):
        extract_hits(small_docs(), extractors=("lexicon",))


def test_a_failing_document_is_skipped_and_reported(monkeypatch):
    quotes = pytest.importorskip("framing.quotes")
    real = quotes.quote_hits

    def flaky(doc_id, title, text, codebook):
        if doc_id == "bbc1":
            raise ValueError("boom")
        return real(doc_id, title, text, codebook)

    monkeypatch.setattr(quotes, "quote_hits", flaky)
    docs = small_docs()
    docs.loc[2, "clean_text"] = None  # a missing text is an empty text, not an error
    h = extract_hits(docs)
    assert h.attrs["errors"] == [("bbc1", "quotes", "ValueError: boom")]
    assert (h.doc_id == "bbc1").any()  # its lexical hits are kept
    assert (h.doc_id == "rt1").any()


# ----------------------------------------------------------------------------- doc_features
def test_doc_features_counts_and_shares():
    docs = small_docs()
    h = extract_hits(docs, extractors=LEX)
    f = doc_features(docs, h)
    cb = load_codebook()
    assert list(f.columns[:4]) == ["doc_id", "outlet", "date", "n_words"]
    assert set(cb.columns()) <= set(f.columns)
    assert list(f.doc_id) == ["rt1", "bbc1", "none1"]
    rt, bbc, none = (f.iloc[i] for i in range(3))
    assert rt["variant:kyiv:Kiev"] == 2 and rt["variant:kyiv:Kyiv"] == 0
    assert rt["share_ukrainian:kyiv"] == 0.0
    assert bbc["variant:kyiv:Kyiv"] == 3 and bbc["share_ukrainian:kyiv"] == 1.0
    assert math.isnan(none["share_ukrainian:kyiv"])  # undefined, not zero
    assert rt["variant:zelensky:Zelensky"] == 2  # title + text
    assert doc_features(docs, h, fields=("text",)).loc[0, "variant:zelensky:Zelensky"] == 1
    assert math.isnan(rt["share_ukrainian:zelensky"])  # Zelensky is neutral: no share
    assert bbc["share_ukrainian:volodymyr"] == 1.0
    # every count column sums to the number of hits behind it
    cols = h.feature + ":" + h.key + ":" + h.value
    for c, n in cols.value_counts().items():
        assert f[c].sum() == n


def test_doc_features_mixed_share_and_quote_columns(seeds):
    pytest.importorskip("framing.quotes")
    docs = pd.DataFrame({"doc_id": ["mix"], "title": [""],
                         # hand-made: one of each spelling
                         "clean_text": ["Kyiv said the Kiev regime was wrong."]})
    f = doc_features(docs, extract_hits(docs, extractors=LEX))
    assert f.loc[0, "share_ukrainian:kyiv"] == 0.5
    assert f.loc[0, "outlet"] == "unknown" and f.loc[0, "n_words"] == 7
    h = extract_hits(seeds)
    f = doc_features(seeds, h)
    qcols = [c for c in f.columns if c.startswith("quote:")]
    assert qcols and f[qcols].to_numpy().sum() == (h.feature == "quote").sum()


def test_vectorizer_matches_doc_features(seeds, seed_hits):
    vec = FramingVectorizer()
    X = vec.fit_transform(seeds)
    names = vec.get_feature_names_out()
    assert X.shape == (5, len(names)) and list(names) == load_codebook().columns()
    f = doc_features(seeds, seed_hits)
    np.testing.assert_array_equal(X.toarray(), f[list(names)].to_numpy())
    # plain strings are texts; rates per 1,000 words
    Y = FramingVectorizer(per_1000_words=True).fit_transform(["Kiev and Kyiv and Kyiv."])
    j = list(names).index("variant:kyiv:Kyiv")
    assert Y[0, j] == pytest.approx(2 / 5 * 1000)
    # usable in a scikit-learn pipeline
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MaxAbsScaler

    assert make_pipeline(FramingVectorizer(), MaxAbsScaler()).fit_transform(seeds).shape == X.shape


# ----------------------------------------------------------------------------- features_to_parquet
@pytest.fixture(scope="module")
def sample_parquet(raw_dir, tmp_path_factory):
    from framing.ingest import ingest_paths

    docs = ingest_paths([raw_dir / "ukraine-media-sample"]).head(120)
    p = tmp_path_factory.mktemp("sample") / "docs.parquet"
    docs.to_parquet(p, index=False, row_group_size=50)
    return p, docs


def test_features_to_parquet_streams_and_matches_in_memory(sample_parquet, tmp_path):
    path, docs = sample_parquet
    out = tmp_path / "hits.parquet"
    summary = features_to_parquet(path, out, codebook=None, batch_size=32, progress=False, extractors=LEX)
    assert "120 documents" in summary and str(out) in summary and "russia_ukraine" in summary
    hits = pd.read_parquet(out)
    expected = extract_hits(docs, extractors=LEX)
    pd.testing.assert_frame_equal(hits, expected, check_dtype=False)
    feats = pd.read_parquet(doc_features_path(out))
    assert doc_features_path(out) == tmp_path / "doc_features.parquet"
    exp_f = doc_features(docs, expected)
    pd.testing.assert_frame_equal(feats, exp_f, check_dtype=False)
    meta = pq.ParquetFile(out).schema_arrow.metadata
    assert meta[b"framing.codebook_sha256"] == load_codebook().sha256.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc_features.parquet", "hits.parquet"]  # no temp left


def test_two_workers_give_the_same_tables(sample_parquet, tmp_path):
    path, _ = sample_parquet
    features_to_parquet(path, tmp_path / "a" / "hits.parquet", batch_size=30, progress=False, extractors=LEX)
    features_to_parquet(path, tmp_path / "b" / "hits.parquet", batch_size=30, workers=2, progress=False,
                        extractors=LEX)
    for name in ("hits.parquet", "doc_features.parquet"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "a" / name), pd.read_parquet(tmp_path / "b" / name))


def test_features_to_parquet_user_errors(sample_parquet, tmp_path):
    path, docs = sample_parquet
    with pytest.raises(FramingError, match="no such file"):
        features_to_parquet(tmp_path / "nope.parquet", progress=False, extractors=LEX)
    bad = tmp_path / "bad.parquet"
    docs[["doc_id", "title"]].to_parquet(bad)
    with pytest.raises(FramingError, match="lacks column clean_text"):
        features_to_parquet(bad, progress=False, extractors=LEX)
    with pytest.raises(FramingError, match="unknown engine"):
        features_to_parquet(path, tmp_path / "h.parquet", engine="spark", progress=False, extractors=LEX)
    assert not (tmp_path / "h.parquet").exists()


def test_cli_features_writes_beside_the_documents(sample_parquet, tmp_path, capsys):
    path, _ = sample_parquet
    docs = tmp_path / "docs.parquet"
    docs.write_bytes(Path(path).read_bytes())
    assert main(["features", str(docs), "--extractors", "lexical", "-q"]) == 0
    assert (tmp_path / "hits.parquet").exists() and (tmp_path / "doc_features.parquet").exists()
    assert "hits:" in capsys.readouterr().out
    assert main(["features", str(docs), "--codebook", "nope", "-q"]) == 2
    assert "no codebook named 'nope'" in capsys.readouterr().err


# ----------------------------------------------------------------------------- whole corpus
@pytest.mark.shared
@pytest.mark.slow
def test_rt_writes_kiev_bbc_writes_kyiv_over_the_whole_corpus(shared_corpus):
    from framing.ingest import ingest_paths

    docs = ingest_paths([shared_corpus / "data"])
    assert len(docs) > 5000
    h = extract_hits(docs, extractors=LEX)
    h = h[h.feature == "variant"].merge(docs[["doc_id", "outlet"]], on="doc_id")
    counts = h.groupby(["outlet", "value"]).size().unstack(fill_value=0)
    rt = counts.loc[[o for o in counts.index if o.lower() == "rt"][0]]
    bbc = counts.loc[[o for o in counts.index if o.lower() == "bbc"][0]]
    assert rt["Kiev"] > 50 * max(rt["Kyiv"], 1) and rt["Kharkov"] > 10 * max(rt["Kharkiv"], 1)
    assert bbc["Kyiv"] > 50 * max(bbc["Kiev"], 1) and bbc["Kharkiv"] > 10 * max(bbc["Kharkov"], 1)
    assert rt["Kiev"] > 1000 and bbc["Kyiv"] > 400
    assert rt["Donbass"] > rt["Donbas"] and bbc["Donbas"] > bbc["Donbass"]


def test_doc_features_from_a_partitioned_hits_table(sample_parquet, tmp_path):
    """The Dask engine writes hits as a folder of parts; the per-document table is then built by
    reading documents and hits in step. Same result as the in-memory table."""
    from framing.features import _doc_features_from_files

    path, docs = sample_parquet
    hits = extract_hits(docs, extractors=LEX)
    parts = tmp_path / "hits.parquet"
    parts.mkdir()
    bounds = [0, 7, 400, len(hits) // 2, len(hits)]  # uneven parts, not aligned with document batches
    for i, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
        hits.iloc[lo:hi].to_parquet(parts / f"part-{i:05d}.parquet", index=False)
    dest = tmp_path / "doc_features.parquet"
    n = _doc_features_from_files(path, parts, dest, load_codebook(), batch_size=17)
    assert n == len(docs)
    from framing.features import features_pair_status

    assert features_pair_status(parts, dest) == "ok"  # the folder's hash, recorded and matching
    pd.testing.assert_frame_equal(pd.read_parquet(dest), doc_features(docs, hits), check_dtype=False)
    # hits out of document order cannot be merged in step: an error, not silently wrong counts
    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    hits.iloc[::-1].to_parquet(shuffled / "part-00000.parquet", index=False)
    with pytest.raises(FramingError, match="not in the order"):
        _doc_features_from_files(path, shuffled, tmp_path / "x.parquet", load_codebook(), batch_size=17)


def test_rt_vs_bbc_on_the_bundled_sample(raw_dir):
    """The same signal on the 476-article sample shipped with the package (no ../shared needed)."""
    from framing.ingest import ingest_paths

    docs = ingest_paths([raw_dir / "ukraine-media-sample"])
    f = doc_features(docs, extract_hits(docs, extractors=LEX))
    by = f.groupby("outlet")[["variant:kyiv:Kyiv", "variant:kyiv:Kiev", "share_ukrainian:kyiv"]]
    sums, shares = by.sum(), by.mean()
    assert sums.loc["RT", "variant:kyiv:Kiev"] > 10 * sums.loc["RT", "variant:kyiv:Kyiv"]
    assert sums.loc["BBC", "variant:kyiv:Kyiv"] > 10 * max(sums.loc["BBC", "variant:kyiv:Kiev"], 1)
    assert shares.loc["RT", "share_ukrainian:kyiv"] < 0.1 < 0.9 < shares.loc["BBC", "share_ukrainian:kyiv"]


def test_features_to_parquet_reports_skipped_items(sample_parquet, tmp_path, monkeypatch):
    quotes = pytest.importorskip("framing.quotes")
    path, docs = sample_parquet
    bad_id = docs.doc_id.iloc[3]
    real = quotes.quote_hits

    def flaky(doc_id, title, text, codebook):
        if doc_id == bad_id:
            raise RuntimeError("unbalanced quotes")
        return real(doc_id, title, text, codebook)

    monkeypatch.setattr(quotes, "quote_hits", flaky)
    small = tmp_path / "docs.parquet"
    docs.head(10).to_parquet(small, index=False)
    summary = features_to_parquet(small, progress=False)
    assert "1 item(s) skipped" in summary and "unbalanced quotes" in summary
    errs = pd.read_csv(tmp_path / "hits.errors.csv")
    assert list(errs.doc_id) == [bad_id] and errs.extractor[0] == "quotes"
    h = pd.read_parquet(tmp_path / "hits.parquet")
    assert set(h.doc_id) <= set(docs.doc_id.head(10)) and (h.doc_id == bad_id).any()  # lexical hits kept


def test_vectorizer_without_clean_text_is_a_framing_error():
    with pytest.raises(FramingError, match="lacks clean_text"):
        FramingVectorizer(fields=("text",)).fit_transform(pd.DataFrame({"title": ["Kyiv"], "text": ["Kyiv"]}))


# ----------------------------------------------------------------------------- fast lexical table
def test_lexical_table_built_by_columns_equals_the_row_built_table(sample_parquet):
    """The lexical-only table (columns from Arrow arrays, contexts found around the hits) is the
    table built row by row with contexts from the whole-field split, value for value and dtype
    for dtype, on 120 sample articles."""
    from framing.features import _hits_frame, _lexical_field, _LexicalColumns
    from framing.lexicon import compile_codebook

    _, docs = sample_parquet
    fast = extract_hits(docs, extractors=LEX)
    matcher = compile_codebook(load_codebook())
    lex = _LexicalColumns(matcher)
    ids = docs["doc_id"].tolist()
    for row, (title, text) in enumerate(zip(docs["title"].fillna(""), docs["clean_text"].fillna(""))):
        for code, field in enumerate((title, text)):
            part = _lexical_field(field, matcher, share_spans=True)
            if part is not None:
                lex.add(row, code, part)
    slow = _hits_frame(lex.rows(ids))
    assert len(fast) > 1000 and fast.equals(slow) and (fast.dtypes == slow.dtypes).all()
    assert extract_hits(docs.head(0), extractors=LEX).equals(_hits_frame([]))


# ----------------------------------------------------------------------------- the hits / doc_features pair
def test_doc_features_records_the_hits_table_it_was_built_from(sample_parquet, tmp_path):
    from framing.features import HITS_SHA256_KEY, check_features_pair, features_pair_status
    from framing.io import file_sha256

    path, _ = sample_parquet
    out = tmp_path / "hits.parquet"
    features_to_parquet(path, out, batch_size=40, progress=False, extractors=LEX)
    meta = pq.read_schema(doc_features_path(out)).metadata
    assert meta[HITS_SHA256_KEY].decode() == file_sha256(out)
    assert features_pair_status(out) == "ok"
    check_features_pair(out)
    assert features_pair_status(tmp_path / "nope.parquet") == "missing"
    from framing.features import read_features_pair

    hits, feats = read_features_pair(out)
    assert len(feats) == 120 and feats["variant:kyiv:Kyiv"].sum() == (hits["value"] == "Kyiv").sum() > 0


def test_a_crash_between_the_two_renames_is_detected(sample_parquet, tmp_path, monkeypatch):
    """Simulate a run that dies after the per-document table is in place but before the hits
    table is: the new doc_features sits beside the old hits, and the pair check says so."""
    import framing.io
    from framing.features import check_features_pair, features_pair_status

    path, docs = sample_parquet
    out = tmp_path / "hits.parquet"
    features_to_parquet(path, out, progress=False, extractors=LEX)
    old_hits = out.read_bytes()
    fewer = tmp_path / "fewer.parquet"
    docs.head(30).to_parquet(fewer, index=False)

    real_replace = framing.io.os.replace

    def replace(src, dst):
        if Path(dst) == out:
            raise OSError("simulated crash before the hits table is renamed")
        return real_replace(src, dst)

    monkeypatch.setattr(framing.io.os, "replace", replace)
    with pytest.raises(OSError, match="simulated crash"):
        features_to_parquet(fewer, out, progress=False, extractors=LEX)
    monkeypatch.undo()
    assert out.read_bytes() == old_hits                                 # the old hits table
    assert len(pd.read_parquet(doc_features_path(out))) == 30          # the new per-document table
    assert features_pair_status(out) == "mismatch"
    with pytest.raises(FramingError, match="was not built from"):
        check_features_pair(out)
    from framing.features import read_features_pair

    with pytest.raises(FramingError, match="run `framing features` again"):
        read_features_pair(out)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left
    features_to_parquet(fewer, out, progress=False, extractors=LEX)     # a complete rerun repairs it
    assert features_pair_status(out) == "ok"
