"""Keyword in context on real sentences: filters, context, files and the CLI."""
from __future__ import annotations

import pandas as pd
import pytest

from framing.cli import main
from framing.features import extract_hits, features_to_parquet
from framing.io import FramingError
from framing.kwic import KWIC_COLUMNS, kwic, kwic_from_files

LEX = ("lexical",)


def docs() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["rt1", "rt2", "bbc1", "nodate"],
        "outlet": ["RT", "RT", "BBC", "BBC"],
        "date": pd.to_datetime(["2022-10-05", "2022-11-20", "2022-10-06", None]),
        "title": ["Zelensky confirms signals from West on peace talks", "", "Kyiv hit by drones", ""],
        "clean_text": [
            # seeds/004 (RT)
            "Ukrainian President Vladimir Zelensky has acknowledged that Kiev’s foreign backers have been "
            "speaking to him about the possibility of peace talks with Moscow.",
            # seeds/001 (RT)
            "However, this is not currently the case, as the Kiev regime has rejected peaceful resolutions to "
            "the conflict.",
            # seeds/003 (Moscow Times)
            "For his part, Ukrainian President Volodymyr Zelensky admitted for the first time that negotiations "
            "between Moscow and Kyiv could begin.",
            # data/AssociatedPress.csv row 52
            "a military analyst with the Kyiv-based Razumkov Center think-tank.",
        ],
    })


def test_kwic_on_the_fly_left_match_right():
    k = kwic(docs(), key="kyiv", width=20)
    assert list(k.columns) == KWIC_COLUMNS
    assert list(zip(k.doc_id, k.match)) == [("rt1", "Kiev"), ("rt2", "Kiev"), ("bbc1", "Kyiv"), ("bbc1", "Kyiv"),
                                            ("nodate", "Kyiv")]
    row = k.iloc[0]
    assert row.left == "s acknowledged that " and row.right == "’s foreign backers h"
    assert row.outlet == "RT" and row.date == pd.Timestamp("2022-10-05") and row.field == "text"
    title_row = k[k.field == "title"].iloc[0]
    assert (title_row.doc_id, title_row.left, title_row.right) == ("bbc1", "", " hit by drones")


def test_filters_value_outlet_feature_dates():
    d = docs()
    assert list(kwic(d, value="Kiev").doc_id) == ["rt1", "rt2"]
    assert list(kwic(d, key=["kyiv"], outlet="BBC").match) == ["Kyiv", "Kyiv", "Kyiv"]
    lab = kwic(d, feature="label")
    assert set(lab.key) == {"ukrainian_state_labels", "war_name"} and set(lab.doc_id) == {"rt2"}
    # dates inclusive; a document without a date is left out when a date filter is given
    assert list(kwic(d, key="kyiv", date_from="2022-10-06", date_to="2022-10-06").doc_id) == ["bbc1", "bbc1"]
    assert list(kwic(d, key="kyiv", date_from="2022-11-01").doc_id) == ["rt2"]
    assert kwic(d, key="nothing").empty and list(kwic(d, key="nothing").columns) == KWIC_COLUMNS
    with pytest.raises(FramingError, match="not a date"):
        kwic(d, date_from="2022-13-01")


def test_given_hits_equal_on_the_fly():
    d = docs()
    h = extract_hits(d, extractors=LEX)
    pd.testing.assert_frame_equal(kwic(d, h, key="volodymyr"), kwic(d, key="volodymyr"))
    k = kwic(d, h, key="volodymyr")
    assert list(zip(k.doc_id, k.match, k.value)) == [("rt1", "Vladimir", "Vladimir"), ("bbc1", "Volodymyr", "Volodymyr")]


def test_kwic_from_files_and_cli(tmp_path, capsys):
    p = tmp_path / "docs.parquet"
    docs().to_parquet(p, index=False)
    # without a hits table: extracted on the fly
    k1 = kwic_from_files(p, key="kyiv", value="Kiev")
    features_to_parquet(p, codebook=None, progress=False, extractors=LEX)
    assert (tmp_path / "hits.parquet").exists()
    k2 = kwic_from_files(p, key="kyiv", value="Kiev")
    pd.testing.assert_frame_equal(k1, k2, check_dtype=False)
    assert list(k2.doc_id) == ["rt1", "rt2"]
    with pytest.raises(FramingError, match="no such hits table"):
        kwic_from_files(p, hits=tmp_path / "missing.parquet")
    assert main(["kwic", str(p), "--key", "kyiv", "--outlet", "BBC", "--width", "30"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and all("[Kyiv]" in line for line in out)
    csv = tmp_path / "k.csv"
    assert main(["kwic", str(p), "--value", "Kiev", "--out", str(csv)]) == 0
    assert list(pd.read_csv(csv).doc_id) == ["rt1", "rt2"]
    assert main(["kwic", str(p), "--key", "nothing"]) == 0
    assert "no matches" in capsys.readouterr().out


# ----------------------------------------------------------------------------- a sample to read
@pytest.fixture(scope="module")
def sample_scare(raw_dir):
    """The scare-quote candidates of the bundled ukraine-media sample (476 real articles)."""
    from framing.ingest import ingest_paths

    sample_docs = ingest_paths([raw_dir / "ukraine-media-sample"])
    hits = extract_hits(sample_docs)
    return kwic(sample_docs, hits, feature="quote", key="scare", width=40)


def test_sample_kwic_draws_n_per_outlet_reproducibly(sample_scare):
    """Scare-quote candidates of the bundled sample: n per outlet, in table order, the same for the
    same seed, and all of an outlet's rows when it has fewer than n."""
    from framing.kwic import sample_kwic

    table = sample_scare
    per_outlet = table["outlet"].value_counts()
    assert per_outlet.max() > 5 and per_outlet.min() < 5      # both cases occur in the sample
    s = sample_kwic(table, n=5, by="outlet", seed=3)
    assert s["outlet"].value_counts().to_dict() == {o: min(5, c) for o, c in per_outlet.items()}
    assert s.equals(sample_kwic(table, n=5, by="outlet", seed=3))
    assert not s.equals(sample_kwic(table, n=5, by="outlet", seed=4))
    # rows come from the table unchanged and keep its order (document, field, offset)
    merged = s.merge(table, how="left", indicator=True)
    assert (merged["_merge"] == "both").all()
    order = table.reset_index().merge(s)["index"]
    assert order.is_monotonic_increasing
    assert len(sample_kwic(table, n=7, by=None, seed=0)) == 7
    with pytest.raises(FramingError, match="no such column"):
        sample_kwic(table, by="newspaper")
