"""Ingestion on real inputs: the bundled seeds and sample, hand-made fixtures in
tests/data/ingest/ (cp1251 and latin-1 pages written by hand, an RT-like HTML page built from
seed 004's sentences, CSV/JSONL rows copied from ukraine-media, the first rows of its
malformed data/NYT.csv), and -- where ../shared exists -- the whole ukraine-media corpus.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main
from framing.io import FramingError
from framing.ingest import (
    IngestReport,
    decode_bytes,
    ingest_paths,
    ingest_to_parquet,
    ingest_with_report,
    load_outlets,
    parse_dates,
    report_paths,
)
from framing.schema import DOC_COLUMNS
from framing.text import count_words

HERE = Path(__file__).resolve().parent
FIX = HERE / "data" / "ingest"
REPO = HERE.parent
SEEDS = REPO / "data" / "raw" / "seeds"
SAMPLE = REPO / "data" / "raw" / "ukraine-media-sample"


def copy(tmp_path: Path, *names: str, rename: dict | None = None) -> Path:
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    for n in names:
        shutil.copyfile(FIX / n, d / (rename or {}).get(n, n))
    return d


# ============================================================================ seeds
@pytest.fixture(scope="module")
def seeds():
    return ingest_with_report(SEEDS)


def test_seeds_bundle_is_byte_identical_to_shared(shared_dir):
    for f in sorted((shared_dir / "seeds").glob("*.txt")):
        assert (SEEDS / f.name).read_bytes() == f.read_bytes(), f.name


def test_seeds_table_has_contract_columns_and_manifest_metadata(seeds):
    docs, report = seeds
    assert list(docs.columns[: len(DOC_COLUMNS)]) == list(DOC_COLUMNS)
    assert len(docs) == 5 and report.n_docs == 5 and report.n_skipped == 0
    by_file = docs.set_index(docs.source.str.rsplit("/", n=1).str[-1])
    assert by_file.loc["004_1f8c25a30a4a49e8.txt", "outlet"] == "RT"
    assert by_file.loc["004_1f8c25a30a4a49e8.txt", "date"] == pd.Timestamp("2022-11-17 10:37")
    assert by_file.loc["004_1f8c25a30a4a49e8.txt", "title"] == "Zelensky confirms signals from West on peace talks"
    assert by_file.loc["002_1f503ffa5185a1ea.txt", "outlet"] == "Skai"
    assert by_file.loc["003_25849cf5fdbc0826.txt", "outlet"] == "The Moscow Times"
    assert by_file.loc["000_042faa28e221901a.txt", "outlet"] == "RT"
    assert by_file.loc["001_179fc8591ee18861.txt", "outlet"] == "unknown"
    # the manifest's empty title means "none": no guessed headline for 002 (its first line is a standfirst)
    assert by_file.loc["002_1f503ffa5185a1ea.txt", "title"] == ""
    assert pd.isna(by_file.loc["000_042faa28e221901a.txt", "date"])
    assert "inference" in by_file.loc["000_042faa28e221901a.txt", "attribution_note"].lower()
    assert str(docs["date"].dtype) == "datetime64[ns]"


def test_seeds_text_is_as_found_and_clean_text_is_clean(seeds):
    docs, _ = seeds
    for row in docs.itertuples():
        assert row.text == (REPO / row.source).read_text(encoding="utf-8")  # source: relative to the project root
        assert row.n_words == count_words(row.clean_text)
        assert row.encoding == "utf-8" and row.format == "txt"
    rt = docs[docs.source.str.endswith("004_1f8c25a30a4a49e8.txt")].iloc[0]
    assert rt.clean_text.startswith("The Ukrainian leader says he would agree to negotiations")  # headline only in title
    assert "Top stories" not in rt.clean_text and "TV-Novosti" not in rt.clean_text


def test_seed_manifest_columns(raw_dir):
    m = pd.read_csv(raw_dir / "seeds" / "manifest.csv", dtype=str, keep_default_na=False)
    assert list(m.columns) == ["file", "outlet", "date", "url", "title", "attribution_note"]
    assert sorted(m.file) == sorted(p.name for p in (raw_dir / "seeds").glob("*.txt"))
    assert (m.attribution_note.str.len() > 40).all()
    assert (m.url == "").all()  # no page shows its URL


def test_seeds_without_manifest_outlet_from_page_signatures(tmp_path):
    d = tmp_path / "pages"
    d.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copyfile(f, d / f.name)
    docs = ingest_paths(d)
    got = dict(zip(docs.source.str.rsplit("/", n=1).str[-1], docs.outlet))
    assert got["004_1f8c25a30a4a49e8.txt"] == "RT"               # "TV-Novosti" footer
    assert got["002_1f503ffa5185a1ea.txt"] == "Skai"             # "Source :Skai"
    assert got["003_25849cf5fdbc0826.txt"] == "The Moscow Times"  # "(... – TMT)"
    assert got["000_042faa28e221901a.txt"] == "RT"               # "Source X/RT/NYT/WP/AP": first known outlet
    assert got["001_179fc8591ee18861.txt"] == "unknown"          # "Source link" names nobody
    titles = dict(zip(docs.source.str.rsplit("/", n=1).str[-1], docs.title))
    assert titles["004_1f8c25a30a4a49e8.txt"] == "Zelensky confirms signals from West on peace talks"
    assert titles["001_179fc8591ee18861.txt"] == ""


def test_outlet_option_overrides_guesses_not_manifest(tmp_path):
    docs = ingest_paths(SEEDS, outlet="Somewhere")
    assert set(docs.outlet) == {"RT", "Skai", "The Moscow Times", "unknown"}  # manifest wins
    d = copy(tmp_path, "ru_cp1251.txt")
    assert ingest_paths(d, outlet="rt").outlet.tolist() == ["RT"]  # alias made canonical


# ============================================================================ encodings, html
def test_decode_cp1251_and_latin1_fixture_files():
    ru, enc = decode_bytes((FIX / "ru_cp1251.txt").read_bytes())
    assert enc == "cp1251"
    assert ru.startswith("Песков: переговоры с Киевом возможны")
    assert "«базовые условия»" in ru
    fr, enc = decode_bytes((FIX / "fr_latin1.txt").read_bytes())
    assert enc in ("cp1252", "latin_1", "iso8859_1", "iso-8859-1")
    assert "« Kyiv », la translittération ukrainienne" in fr and "l'écart" in fr


def test_ingest_encoded_pages(tmp_path):
    d = copy(tmp_path, "ru_cp1251.txt", "fr_latin1.txt")
    docs, report = ingest_with_report(d)
    assert report.n_docs == 2
    by = docs.set_index("encoding")
    assert "«новые регионы»" in by.loc["cp1251", "clean_text"]
    assert by.loc["cp1251", "title"] == "Песков: переговоры с Киевом возможны только после вывода войск"
    assert report.encodings["cp1251"] == 1


def test_html_page_through_trafilatura(tmp_path):
    d = copy(tmp_path, "rt_page.html")
    docs = ingest_paths(d)
    (row,) = docs.itertuples()
    assert row.format == "html"
    assert row.raw_html == (FIX / "rt_page.html").read_text(encoding="utf-8")
    assert row.url == "https://www.rt.com/news/566704-zelensky-peace-talks-signals/"
    assert row.outlet == "RT"  # from the domain
    assert row.title == "Zelensky confirms signals from West on peace talks"
    assert row.date == pd.Timestamp("2022-11-17 10:37")  # 10:37+03:00: as RT printed it (seed 004's "17 Nov, 2022 10:37")
    assert "Kiev’s foreign backers have been speaking to him" in row.clean_text
    assert "‘We think [Russian President Vladimir] Putin wants direct negotiations.’" in row.clean_text
    for gone in ("Top stories", "TV-Novosti", "cookies", "World News"):
        assert gone not in row.text, gone


def test_html_declared_cp1251_and_a_page_without_article(tmp_path):
    docs, report = ingest_with_report(copy(tmp_path, "ru_cp1251.html", "no_article.html"))
    (row,) = docs.itertuples()
    assert row.encoding == "cp1251" and row.title == "Песков: переговоры с Киевом возможны только после вывода войск"
    assert "«новые регионы»" in row.clean_text and "Главная" not in row.text
    (s,) = report.skipped
    assert s["source"].endswith("no_article.html") and s["reason"].startswith("no article text found in the HTML")


# ============================================================================ tables
def test_latin1_csv_with_a_malformed_line(tmp_path):
    docs, report = ingest_with_report(copy(tmp_path, "french_latin1.csv"))
    assert len(docs) == 2 and set(docs.encoding) <= {"cp1252", "latin_1", "iso8859_1"}
    assert docs.text[0].startswith("La rédaction a décidé d'écrire « Kyiv » plutôt que « Kiev »")
    assert docs.title[1] == "Donbass ou Donbas ? Les deux graphies coexistent"
    assert set(docs.outlet) == {"example.fr"}  # unknown domain: the domain itself
    (s,) = report.skipped
    assert s["source"].endswith("french_latin1.csv:line 4") and "expected 4 fields, saw 6" in s["reason"]


def test_yaml_manifest_in_a_subfolder_and_unused_entries(tmp_path):
    root = tmp_path / "corpus"
    sub = root / "ru"
    sub.mkdir(parents=True)
    shutil.copyfile(FIX / "ru_cp1251.txt", sub / "peskov.txt")
    shutil.copyfile(FIX / "fr_latin1.txt", root / "kyiv_fr.txt")
    (sub / "manifest.yaml").write_text(
        "peskov.txt:\n  outlet: tass\n  date: '2024-10-30'\n  url: https://tass.ru/politika/1\n  title: Песков о переговорах\n"
        "missing.txt:\n  outlet: RT\n", encoding="utf-8")
    docs, report = ingest_with_report(root)
    by = docs.set_index(docs.source.str.rsplit("/", n=1).str[-1])
    assert by.loc["peskov.txt", "outlet"] == "TASS" and by.loc["peskov.txt", "date"] == pd.Timestamp("2024-10-30")
    assert by.loc["peskov.txt", "title"] == "Песков о переговорах"
    assert by.loc["kyiv_fr.txt", "outlet"] == "unknown"  # no manifest entry, no signature
    assert any(w["source"].endswith("missing.txt") and "matches no file" in w["reason"] for w in report.warnings)
    assert {i["source"].rsplit("/", 1)[-1] for i in report.ignored} == {"manifest.yaml"}


def test_bad_manifest_is_a_user_error(tmp_path):
    d = copy(tmp_path, "ru_cp1251.txt")
    (d / "manifest.csv").write_text("name,outlet\nru_cp1251.txt,RT\n")
    with pytest.raises(FramingError, match="manifest.csv: entry 0 has no 'file'"):
        ingest_paths(d)
    with pytest.raises(FramingError, match="manifest not found"):
        ingest_paths(d, manifest=tmp_path / "nope.csv")


def test_csv_outlet_from_file_name_beats_domain(tmp_path):
    docs = ingest_paths(copy(tmp_path, "AssociatedPress.csv"))
    assert len(docs) == 3
    assert docs.url.str.contains("dailymail.co.uk/wires/ap").all()
    assert (docs.outlet == "AP").all()
    src = pd.read_csv(FIX / "AssociatedPress.csv", dtype=str, keep_default_na=False)
    assert docs.text.tolist() == src.Text.tolist()  # text exactly as found
    assert docs.source.str.endswith(("AssociatedPress.csv:0", "AssociatedPress.csv:1", "AssociatedPress.csv:2")).all()
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    shutil.copyfile(FIX / "AssociatedPress.csv", renamed / "bbc.csv")
    assert set(ingest_paths(renamed).outlet) == {"BBC"}  # the file name decides
    other = tmp_path / "x"
    other.mkdir()
    shutil.copyfile(FIX / "AssociatedPress.csv", other / "wire_copy.csv")
    assert set(ingest_paths(other).outlet) == {"Daily Mail"}  # no known file name: the domain


def test_messy_csv_columns_outlets_duplicates_dates(tmp_path):
    docs, report = ingest_with_report(copy(tmp_path, "messy.csv"))
    src = pd.read_csv(FIX / "messy.csv", dtype=str, keep_default_na=False)
    kept = docs.source.str.rsplit(":", n=1).str[-1].astype(int).tolist()
    # row 2 repeats row 0's text (with a trailing space), row 4 repeats row 3's URL, row 5 has no text
    assert kept == [0, 1, 3, 6, 7]
    assert report.n_duplicates == 2 and {d["reason"] for d in report.duplicates} == {"same text", "same URL"}
    assert any(s["source"].endswith("messy.csv:5") and s["reason"] == "no text" for s in report.skipped)
    # rows 6 and 7 have no URL and differ only in Kyiv/Kiev: a missing URL is never a duplicate
    assert {"Kyiv said on Monday that talks had not started.", "Kiev said on Monday that talks had not started."} <= set(docs.text)
    by = docs.set_index(docs.source.str.rsplit(":", n=1).str[-1].astype(int))
    assert by.loc[0, "outlet"] == "RT"           # "Russia Today" in the Publisher column
    assert by.loc[3, "outlet"] == "BBC"          # from bbc.com
    assert by.loc[1, "outlet"] == "unknown"      # no column value, unknown file name, no URL
    assert by.loc[0, "date"] == pd.Timestamp("2022-09-10 14:30")  # "…T14:30:00+03:00": as printed, offset dropped
    assert pd.isna(by.loc[1, "date"]) and report.n_bad_dates == 1
    assert any("sometime in September" in w["reason"] for w in report.warnings)
    assert by.loc[0, "title"] == src.Headline[0] and by.loc[0, "text"] == src.Body[0]


def test_syndicated_copy_is_kept_for_every_outlet_and_flagged(tmp_path):
    """An AP story (tests/data/ingest/AssociatedPress.csv, served from dailymail.co.uk) run word for
    word by two more outlets, once at their own URL and once without one. Each outlet's copy counts
    for that outlet; dup_of names the first copy's doc_id; a repeat within one outlet is dropped."""
    ap = pd.read_csv(FIX / "AssociatedPress.csv", dtype=str, keep_default_na=False)
    story = ap.iloc[0]
    d = tmp_path / "in"
    d.mkdir()
    shutil.copyfile(FIX / "AssociatedPress.csv", d / "AssociatedPress.csv")
    wire = pd.DataFrame({
        "Publisher": ["ABC", "ABC", "Express", "Express"],
        "Date": [story.Date] * 4,
        "URL": ["https://abcnews.go.com/International/wireStory/cities-near-nuclear-plant-89456123",
                "https://abcnews.go.com/International/wireStory/cities-near-nuclear-plant-89456123", "", ""],
        "Title": [story.Title] * 4,
        "Text": [story.Text, story.Text, story.Text + "  ", story.Text],  # ABC twice; Express twice
    })
    (d / "wire.csv").write_text(wire.to_csv(index=False), encoding="utf-8")
    docs, report = ingest_with_report(d)
    copies = docs.loc[docs.text.str.strip() == story.Text.strip()]
    assert copies.outlet.tolist() == ["AP", "ABC", "Express"]            # one copy per outlet, file order
    first = copies.doc_id.iloc[0]
    assert copies.dup_of.tolist() == [None, first, first]
    assert docs.loc[docs.text.str.strip() != story.Text.strip(), "dup_of"].isna().all()  # other AP stories: no copies
    assert report.n_syndicated == 2 and report.n_duplicates == 2         # ABC's and Express's repeats dropped
    assert {x["duplicate_of"].rsplit("/", 1)[-1] for x in report.duplicates} == {"wire.csv:0", "wire.csv:2"}
    assert {x["copy_of"].rsplit("/", 1)[-1] for x in report.syndicated} == {"AssociatedPress.csv:0"}
    assert report.outlets["ABC"] == 1 and report.outlets["Express"] == 1
    assert docs.doc_id.is_unique and "copies of another outlet's text kept 2" in report.summary()
    assert "COPIES ACROSS OUTLETS (kept, dup_of set): 2" in report.to_text()
    # doc ids of the AP rows do not depend on the copies: the same as ingesting AP alone
    alone = ingest_paths(FIX / "AssociatedPress.csv")
    assert docs.loc[docs.outlet == "AP", "doc_id"].tolist() == alone.doc_id.tolist()
    assert alone.dup_of.isna().all() and list(alone.columns).index("dup_of") == len(DOC_COLUMNS) + 3


def test_dup_of_names_the_first_copy_through_a_chain_of_copies(tmp_path):
    """The real AP story again: Fox runs it at the AP URL with a line added (so not the same text),
    and the Mirror runs Fox's version word for word at its own URL. All three are one story: both
    copies name the AP article, not the Mirror a copy of a copy (dup_of was Fox's '~2' id there)."""
    ap = pd.read_csv(FIX / "AssociatedPress.csv", dtype=str, keep_default_na=False)
    story = ap.iloc[0]
    d = tmp_path / "in"
    d.mkdir()
    shutil.copyfile(FIX / "AssociatedPress.csv", d / "AssociatedPress.csv")
    fox_text = story.Text + "\n\nFox News' Greg Norman contributed to this report."
    wire = pd.DataFrame({
        "Publisher": ["Fox", "Mirror"], "Date": [story.Date] * 2,
        "URL": [story.URL, "https://www.mirror.co.uk/news/world-news/cities-near-nuclear-plant-26412345"],
        "Title": [story.Title] * 2, "Text": [fox_text, fox_text],
    })
    (d / "wire.csv").write_text(wire.to_csv(index=False), encoding="utf-8")
    docs, report = ingest_with_report(d)
    first = docs.loc[(docs.outlet == "AP") & (docs.url == story.URL), "doc_id"].item()
    copies = docs.loc[docs.outlet.isin(["Fox", "Mirror"])].set_index("outlet")
    assert copies.dup_of.tolist() == [first, first] and report.n_syndicated == 2
    assert [x["copy_of"].rsplit("/", 1)[-1] for x in report.syndicated] == ["AssociatedPress.csv:0"] * 2
    assert [x["reason"].split(" as ")[0] for x in report.syndicated] == ["same URL", "same text"]
    # one story once: the AP article stands for all three
    assert (docs.dup_of.isna() & docs.doc_id.isin([first, *copies.doc_id])).sum() == 1
    # a missing URL links nothing: two other outlets' own versions of other AP stories, no URL
    own = pd.DataFrame({"Publisher": ["Express", "Daily Star"], "Date": [story.Date] * 2, "URL": ["", ""],
                        "Title": ap.Title[1:3].tolist(),
                        "Text": [t + "\n\nAdditional reporting by our staff." for t in ap.Text[1:3]]})
    (d / "zz_own.csv").write_text(own.to_csv(index=False), encoding="utf-8")
    docs2, report2 = ingest_with_report(d)
    assert docs2.loc[docs2.outlet.isin(["Express", "Daily Star"]), "dup_of"].isna().all()
    assert report2.n_syndicated == 2


def test_column_map_for_unrecognised_names(tmp_path):
    df = pd.read_csv(FIX / "messy.csv", dtype=str, keep_default_na=False).rename(
        columns={"Body": "Story Words", "Headline": "Hed"})
    p = tmp_path / "odd.csv"
    df.to_csv(p, index=False)
    docs, report = ingest_with_report(p)
    assert report.n_docs == 0 and "no text column" in report.skipped[0]["reason"]
    docs = ingest_paths(p, column_map={"story words": "text", "Hed": "title"})
    assert len(docs) == 5 and docs.title.iloc[0] == df.Hed[0]
    # a typo in the target would silently drop the column it maps: a user error
    with pytest.raises(FramingError, match="unknown document column.*'titel'"):
        ingest_paths(p, column_map={"story words": "text", "Hed": "titel"})


def test_jsonl_with_a_broken_line_keeps_doc_ids(tmp_path):
    docs, report = ingest_with_report(copy(tmp_path, "articles.jsonl"))
    assert docs.doc_id.tolist() == ["rt-0", "rt-1", "bbc-1"]
    assert docs.format.eq("jsonl").all()
    assert [s["source"].rsplit("/", 1)[-1] for s in report.skipped] == ["articles.jsonl:2"]
    assert "invalid JSON" in report.skipped[0]["reason"]
    assert docs.outlet.tolist() == ["RT", "RT", "BBC"]


def test_json_records_with_paragraph_lists_and_numbers(tmp_path):
    src = pd.read_csv(FIX / "AssociatedPress.csv", dtype=str, keep_default_na=False)
    paras = src.Text[0].split(". ", 2)
    p = tmp_path / "export.json"
    p.write_text(json.dumps({"articles": [
        {"id": 17, "title": src.Title[0], "body": paras, "url": src.URL[0], "published": "2022-08-28"},
        "not a record",
    ]}), encoding="utf-8")
    docs, report = ingest_with_report(p)
    (row,) = docs.itertuples()
    assert row.doc_id == "17" and row.text == "\n\n".join(paras) and row.format == "json"
    assert row.outlet == "Daily Mail"  # no outlet column, unknown file name: the domain
    assert report.skipped[0]["source"].endswith("export.json:1")


def test_nyt_shifted_columns_are_repaired(tmp_path):
    docs, report = ingest_with_report(copy(tmp_path, "nyt_abstracts.csv", rename={"nyt_abstracts.csv": "NYT.csv"}))
    raw = pd.read_csv(FIX / "nyt_abstracts.csv", dtype=str, keep_default_na=False)
    # the header says URL,Date,Title,Text; the rows are date, headline, lead paragraph, abstract
    assert raw.URL[0] == "2022-02-01T00:11:05+0000"
    assert report.n_repaired == 5 and len(docs) == 4
    row = docs.iloc[0]
    assert row.outlet == "NYT" and row.url == ""
    assert row.date == pd.Timestamp("2022-02-01 00:11:05")
    assert row.title == "Angry U.S.-Russia Exchange at U.N. Punctuates Deepening Ukraine Rift"
    assert row.text == raw.Title[0] + "\n\n" + raw.Text[0]  # nothing lost
    assert any(s["source"].endswith("NYT.csv:4") and s["reason"] == "no text" for s in report.skipped)


def test_doc_ids_are_stable_and_unique(tmp_path):
    a = ingest_paths(copy(tmp_path, "messy.csv", "ru_cp1251.txt"))
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copyfile(FIX / "messy.csv", other / "messy.csv")
    shutil.copyfile(FIX / "ru_cp1251.txt", other / "ru_cp1251.txt")
    b = ingest_paths(other)
    assert a.doc_id.tolist() == b.doc_id.tolist()  # same content elsewhere -> same ids
    assert a.doc_id.is_unique and a.doc_id.str.fullmatch(r"[0-9a-f]{16}").all()


# ============================================================================ bad input, report, output
def test_bad_files_are_skipped_with_reasons(tmp_path):
    d = copy(tmp_path, "empty.txt", "blank.txt", "binary.txt", "ru_cp1251.txt")
    (d / "notes.docx").write_bytes(b"PK\x03\x04")
    (d / "README.md").write_text("about this folder")
    docs, report = ingest_with_report([d, tmp_path / "missing"])
    assert len(docs) == 1
    reasons = {s["source"].rsplit("/", 1)[-1]: s["reason"] for s in report.skipped}
    assert reasons["empty.txt"] == "empty file" and reasons["blank.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary")
    assert reasons["missing"] == "no such file or folder"
    assert {i["source"].rsplit("/", 1)[-1] for i in report.ignored} == {"notes.docx", "README.md"}
    assert report.n_skipped == 4


def test_ingest_to_parquet_writes_table_and_report(tmp_path):
    out = tmp_path / "proc" / "docs.parquet"
    report = ingest_to_parquet(copy(tmp_path, "messy.csv", "empty.txt"), out)
    assert isinstance(report, IngestReport) and report.n_docs == 5
    docs = pd.read_parquet(out)
    assert len(docs) == 5 and str(docs.date.dtype) == "datetime64[ns]"
    j, t = report_paths(out)
    assert j.name == "docs.ingest_report.json" and t.name == "docs.ingest_report.txt"
    data = json.loads(j.read_text())
    assert data["n_docs"] == 5 and data["n_duplicates"] == 2 and data["n_skipped"] == 2
    assert "empty.txt | empty file" in t.read_text()
    assert sorted(p.name for p in out.parent.iterdir()) == ["docs.ingest_report.json", "docs.ingest_report.txt", "docs.parquet"]
    assert "ingested 5 documents" in report.summary()


def test_everything_failing_raises_and_cli_exits_nonzero(tmp_path, capsys):
    d = copy(tmp_path, "empty.txt", "binary.txt")
    out = tmp_path / "docs.parquet"
    with pytest.raises(FramingError, match="no documents ingested"):
        ingest_to_parquet(d, out)
    assert not out.exists() and report_paths(out)[0].exists()
    assert main(["ingest", str(d), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing ingest: error: no documents ingested") and "\n" not in err


def test_cli_ingest(tmp_path, capsys):
    out = tmp_path / "docs.parquet"
    assert main(["ingest", str(FIX / "messy.csv"), str(FIX / "AssociatedPress.csv"), "--out", str(out), "-q",
                 "--columns", "Body=text"]) == 0
    printed = capsys.readouterr().out
    assert "ingested 8 documents" in printed and "skipped" in printed
    assert len(pd.read_parquet(out)) == 8


def test_parse_dates():
    s = pd.Series(["2022-06-16T15:16:27Z", "2022-11-17T10:37:00+03:00", "2022-09-10", "17 Nov, 2022 10:37", "", "n/a", "1066-10-14"])
    d, bad = parse_dates(s)
    assert d.tolist()[:4] == [pd.Timestamp("2022-06-16 15:16:27"), pd.Timestamp("2022-11-17 10:37"),
                              pd.Timestamp("2022-09-10"), pd.Timestamp("2022-11-17 10:37")]
    assert d[4:].isna().all() and bad.tolist() == [False, False, False, False, False, True, True]
    # utc=True converts instead (for a common clock across outlets)
    u, _ = parse_dates(s, utc=True)
    assert u[1] == pd.Timestamp("2022-11-17 07:37") and u[0] == d[0] and u[3] == d[3]


def test_dates_with_offsets_keep_the_outlets_calendar_date(tmp_path):
    """Published just after midnight in Kyiv/Moscow (+02:00/+03:00) or just before midnight in New
    York (-05:00): converting to UTC would move the article to the previous or next day. The date
    is kept as the outlet printed it, in ISO 8601 and in RFC 2822 ("Tue, 01 Mar 2022 …") form."""
    rows = pd.DataFrame({
        "Date": ["2022-03-01T01:30:00+03:00", "2022-02-24T00:05:00+02:00", "2022-02-28T23:30:00-05:00",
                 "2022-02-28T22:00:00.000Z", "Tue, 01 Mar 2022 01:30:00 +0300", "2022-03-01 00:40:00+0300"],
        "URL": [f"https://example.org/a{i}" for i in range(6)],
        "Title": [f"Story {i}" for i in range(6)],
        "Text": [f"Kyiv said on day {i} that the talks were over." for i in range(6)],
    })
    (tmp_path / "dated.csv").write_text(rows.to_csv(index=False), encoding="utf-8")
    docs = ingest_paths(tmp_path / "dated.csv")
    assert docs.date.dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2022-03-01 01:30", "2022-02-24 00:05", "2022-02-28 23:30", "2022-02-28 22:00", "2022-03-01 01:30",
        "2022-03-01 00:40"]
    # the old conversion to UTC put five of the six (all but the "Z" one) on another calendar day
    utc, _ = parse_dates(rows.Date, utc=True)
    assert (utc.dt.date != docs.date.dt.date).sum() == 5


def test_dates_dotted_day_first_and_zone_abbreviations(tmp_path):
    """Forms outlets print that were misread: Ukrainian and Russian sites write "04.03.2022 10:37"
    (4 March; dateutil read 3 April), US sites "March 3, 2022 5:00 PM EST" (a zone abbreviation
    pandas cannot parse: the article lost its date). Local mode keeps the printed time; utc=True
    applies the abbreviation's offset, and refuses to guess one for "ET" (EST or EDT)."""
    rows = pd.DataFrame({
        "Date": ["04.03.2022 10:37", "24.02.2022", "March 3, 2022 5:00 PM EST", "17 Nov, 2022 10:37 MSK",
                 "March 3, 2022 5:00 PM ET"],
        "URL": [f"https://example.org/d{i}" for i in range(5)],
        "Title": [f"Story {i}" for i in range(5)],
        "Text": [f"Kyiv said on day {i} that the talks were over." for i in range(5)],
    })
    (tmp_path / "dated.csv").write_text(rows.to_csv(index=False), encoding="utf-8")
    docs, report = ingest_with_report(tmp_path / "dated.csv")
    assert docs.date.dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2022-03-04 10:37", "2022-02-24 00:00", "2022-03-03 17:00", "2022-11-17 10:37", "2022-03-03 17:00"]
    assert report.n_bad_dates == 0
    utc, bad = parse_dates(rows.Date, utc=True)
    assert utc[2] == pd.Timestamp("2022-03-03 22:00") and utc[3] == pd.Timestamp("2022-11-17 07:37")
    assert pd.isna(utc[4]) and bad.tolist() == [False, False, False, False, True]


def test_outlet_table():
    t = load_outlets()
    assert t.canonical("AssociatedPress") == "AP" and t.canonical("bbc") == "BBC" and t.canonical("guardian") == "Guardian"
    assert t.from_domain("https://www.dailymail.co.uk/wires/ap/article-1.html") == "Daily Mail"
    assert t.from_domain("https://news.bbc.co.uk/x") == "BBC"
    assert t.from_domain("https://www.kyivpost.com/post/1") == "kyivpost.com"
    assert t.from_domain("") is None
    assert t.normalise("Russia Today") == "RT" and t.normalise("www.nytimes.com") == "NYT"
    assert t.normalise(" Kyiv Post ") == "Kyiv Post" and t.normalise("kyivpost.com") == "kyivpost.com"


# ============================================================================ sample corpus and the full corpus
def test_sample_corpus_outlets_and_size(raw_dir):
    docs, report = ingest_with_report(raw_dir / "ukraine-media-sample")
    counts = docs.outlet.value_counts()
    for o in ("RT", "BBC", "Guardian", "Reuters", "AP", "Fox", "Daily Mail", "NYT"):
        assert counts.get(o, 0) >= 50, o
    assert 300 <= len(docs) <= 500 and report.n_skipped == 0
    assert {i["source"].rsplit("/", 1)[-1] for i in report.ignored} == {"LICENSE.txt", "README.md"}
    size = sum(p.stat().st_size for p in (raw_dir / "ukraine-media-sample").iterdir())
    assert size < 5e6
    # every row's text is the CSV cell, exactly
    for csv in sorted((raw_dir / "ukraine-media-sample").glob("*.csv")):
        src = pd.read_csv(csv, dtype=str, keep_default_na=False)
        mine = docs[docs.source.str.startswith(csv.as_posix() + ":")]
        rows = mine.source.str.rsplit(":", n=1).str[-1].astype(int)
        assert mine.text.tolist() == src.Text.iloc[rows].tolist(), csv.name
        assert mine.source_row.tolist() == src.source_row.iloc[rows].tolist()
    # BBC boilerplate is gone from clean_text but kept in text
    bbc = docs[docs.outlet == "BBC"]
    assert bbc.text.str.contains("not responsible for the content of external sites").any()
    assert not bbc.clean_text.str.contains("not responsible for the content of external sites").any()


@pytest.mark.shared
def test_sample_rows_match_their_source_rows(raw_dir, shared_corpus):
    import importlib.util

    spec = importlib.util.spec_from_file_location("mk", REPO / "scripts" / "make_ukraine_sample.py")
    mk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mk)
    for outlet, (rel, name) in mk.SOURCES.items():
        sample = pd.read_csv(raw_dir / "ukraine-media-sample" / name, dtype=str, keep_default_na=False)
        src = pd.read_csv(shared_corpus / rel, dtype=str, keep_default_na=False)
        rows = src.iloc[sample.source_row.astype(int)]
        assert sample.Text.tolist() == rows.Text.tolist(), outlet
        assert sample.URL.tolist() == rows.URL.tolist(), outlet
        again, _ = mk.sample_outlet(shared_corpus / rel, n=mk.DEFAULT_PER_OUTLET, seed=mk.DEFAULT_SEED)
        assert again.source_row.tolist() == sample.source_row.astype(int).tolist(), outlet  # reproducible


@pytest.fixture(scope="module")
def full_corpus(shared_corpus):
    return ingest_with_report(shared_corpus)


@pytest.mark.shared
@pytest.mark.slow
def test_whole_ukraine_media_corpus(full_corpus, shared_corpus):
    docs, report = full_corpus
    csvs = sorted(shared_corpus.rglob("*.csv"))
    assert len(csvs) == 20
    files_seen = set(docs.source.str.rsplit(":", n=1).str[0])
    assert files_seen == {p.as_posix() for p in csvs}  # every CSV contributed documents
    assert report.n_files_skipped == 0
    assert set(docs.outlet) >= {"RT", "BBC", "Guardian", "Reuters", "AP", "Fox", "Daily Mail", "NYT", "ABC",
                                "CBS", "CNN", "Express", "HuffPost", "Mirror", "NBC"}
    assert "unknown" not in set(docs.outlet)
    assert docs.doc_id.is_unique
    assert report.n_records == len(docs) + report.n_duplicates + sum(1 for s in report.skipped if s["reason"] == "no text")
    assert report.n_repaired == 6617  # every row of data/NYT.csv is shifted
    assert docs.date.notna().mean() > 0.99


@pytest.mark.shared
@pytest.mark.slow
def test_whole_corpus_text_is_not_lost_or_truncated(full_corpus, shared_corpus):
    docs, _ = full_corpus
    by_source = docs.set_index("source")
    checked = 0
    for csv in sorted(shared_corpus.rglob("*.csv")):
        src = pd.read_csv(csv, dtype=str, keep_default_na=False)
        mine = by_source[by_source.index.str.startswith(csv.as_posix() + ":")]
        rows = mine.index.str.rsplit(":", n=1).str[-1].astype(int)
        pick = list(range(0, len(mine), max(1, len(mine) // 25)))  # ~25 rows per file
        for k in pick:
            r = rows[k]
            got = mine.iloc[k]
            if csv.name == "NYT.csv" and csv.parent.name == "data":
                # shifted abstracts: text is the lead paragraph + the abstract, both whole
                lead, abstract = src.Title[r], src.Text[r]
                assert lead in got.text and abstract in got.text
                assert got.title == src.Date[r]
            else:
                assert got.text == src.Text[r], (csv, r)
                assert got.title == src.Title[r].strip()
                assert got.url == src.URL[r].strip()
            checked += 1
    assert checked > 400


def test_source_is_relative_to_the_project_root_whatever_the_clone_location(tmp_path):
    """The same raw folder in two clones, passed as absolute paths (as `framing run` does), gives
    the same source column and report paths: relative to each clone's root. A file outside the
    root keeps its path as given."""
    tables = []
    for clone in ("a", "b"):
        root = tmp_path / clone / "framing"
        raw = root / "data" / "raw" / "mini"
        raw.mkdir(parents=True)
        shutil.copyfile(SEEDS / "manifest.csv", raw / "manifest.csv")
        for name in ("000_042faa28e221901a.txt", "004_1f8c25a30a4a49e8.txt"):
            shutil.copyfile(SEEDS / name, raw / name)
        out = root / "data" / "processed" / "mini" / "docs.parquet"
        report = ingest_to_parquet([raw.resolve()], out.resolve(), root=root)
        docs = pd.read_parquet(out)
        assert docs["source"].tolist() == ["data/raw/mini/000_042faa28e221901a.txt",
                                           "data/raw/mini/004_1f8c25a30a4a49e8.txt"]
        assert report.paths == ["data/raw/mini"] and report.out == "data/processed/mini/docs.parquet"
        tables.append(docs)
    pd.testing.assert_frame_equal(tables[0], tables[1])
    outside = copy(tmp_path, "messy.csv")
    docs, _ = ingest_with_report([outside], root=tmp_path / "a" / "framing")
    assert docs["source"].str.startswith((outside / "messy.csv").as_posix() + ":").all()
