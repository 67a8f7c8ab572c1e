"""The data contract in framing.schema matches what ingest really writes and what docs/ingest.md
documents: every docs column ingest writes is listed, in order, with a meaning."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from framing import schema
from framing.ingest import ingest_paths

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


@pytest.fixture(scope="module")
def ingested():
    """The seeds (text files) and the ingest fixtures (CSV, JSONL, HTML) as docs tables."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            "seeds": ingest_paths(REPO / "data" / "raw" / "seeds"),
            "fixtures": ingest_paths([HERE / "data" / "ingest" / name for name in
                                      ("AssociatedPress.csv", "articles.jsonl", "rt_page.html")]),
        }


def test_ingest_writes_the_schema_columns_in_order(ingested):
    listed = list(schema.ALL_DOC_COLUMNS)
    assert listed[:len(schema.DOC_COLUMNS)] == list(schema.DOC_COLUMNS)
    assert "dup_of" in schema.DOC_EXTRA_COLUMNS and "dup_of" not in schema.DOC_COLUMNS
    for name, docs in ingested.items():
        assert list(docs.columns[:len(listed)]) == listed, name
        schema.check_columns(docs, listed, what=f"{name} docs table")
    # dup_of is None for articles that are not copies of another outlet's (no copies here)
    assert ingested["seeds"].dup_of.isna().all()
    assert ingested["fixtures"].raw_html.notna().sum() == 1                # the one HTML page


def test_every_docs_column_is_documented_in_ingest_md():
    """docs/ingest.md's column table and the schema name the same columns (besides *extras*)."""
    md = (REPO / "docs" / "ingest.md").read_text(encoding="utf-8")
    table = md.split("| column | content |", 1)[1].split("\n\n", 1)[0]
    documented = set()
    for line in table.splitlines()[2:]:
        first_cell = line.split("|")[1]
        documented |= set(re.findall(r"`([a-z_]+)`", first_cell))
    assert documented == set(schema.ALL_DOC_COLUMNS)
    assert all(v.strip() for v in schema.ALL_DOC_COLUMNS.values())
