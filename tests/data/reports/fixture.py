"""Build the small fixture corpus the report tests run on.

``articles.csv`` holds 18 real articles from ../shared/corpora/ukraine-media (MIT licence, see
data/raw/ukraine-media-sample): six each from RT, BBC and the Guardian, spread over their date
range, each mentioning Kyiv or Kiev (RT writes "Kiev", the others "Kyiv"). The texts are already
article text (no page furniture), so ``clean_text`` is the text as found.

:func:`build_docs` writes them as a document table (the columns of framing.schema.DOC_COLUMNS)
and, to test that article text shown in HTML is escaped, plants a script tag in the title of one
Guardian article and just before the first "Kyiv" of its text (the KWIC listings show it).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from framing.io import write_parquet
from framing.text import count_words

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles.csv"

#: What is planted into the data; must never appear unescaped in any HTML page.
SCRIPT = '<script>alert("framing-xss")</script>'
#: Row of articles.csv (0-based, a Guardian article) that gets it.
SCRIPT_ROW = 12


def load_articles(*, plant_script: bool = True) -> pd.DataFrame:
    df = pd.read_csv(ARTICLES, dtype=str, keep_default_na=False)
    if plant_script:
        title = df.at[SCRIPT_ROW, "title"]
        text = df.at[SCRIPT_ROW, "text"]
        k = text.index("Kyiv")
        df.at[SCRIPT_ROW, "title"] = SCRIPT + " " + title
        df.at[SCRIPT_ROW, "text"] = text[:k] + SCRIPT + " " + text[k:]
    df["doc_id"] = [hashlib.sha1(u.encode("utf-8")).hexdigest()[:16] for u in df["url"]]
    dates = pd.to_datetime(df["date"], utc=True, format="ISO8601")
    df["date"] = dates.dt.tz_convert(None).astype("datetime64[ns]")
    df["clean_text"] = df["text"]
    df["n_words"] = df["clean_text"].map(count_words).astype("int64")
    df["source"] = [f"{ARTICLES.name}:{i + 2}" for i in range(len(df))]
    return df[["doc_id", "outlet", "date", "url", "title", "text", "clean_text", "n_words", "source"]]


def build_docs(dest: Path, *, plant_script: bool = True) -> Path:
    """Write ``dest/docs.parquet`` and return its path."""
    path = Path(dest) / "docs.parquet"
    write_parquet(load_articles(plant_script=plant_script), path)
    return path


# ----------------------------------------------------------------------------- one shared batch build
_BUILT: dict = {}


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def frozen_codebook(dest: Path, name: str = "russia_ukraine") -> Path:
    """Copy a shipped codebook and its cue lexicon to ``dest`` and return the YAML path, so that a
    test session compares reports built with the same codebook even while it is being edited."""
    import re

    from framing.codebook import load_codebook

    cb = load_codebook(name)
    dest.mkdir(parents=True, exist_ok=True)
    text = cb.path.read_text(encoding="utf-8")
    if cb.cues_path is not None:
        (dest / cb.cues_path.name).write_bytes(cb.cues_path.read_bytes())
        text = re.sub(r"(?m)^cues:\s*\S+\s*$", f"cues: {cb.cues_path.name}", text)
    path = dest / cb.path.name
    path.write_text(text, encoding="utf-8")
    return path


def built_reports(tmp_path_factory):
    """Build the fixture corpus's reports once per test session (``jobs=2``, a frozen copy of the
    shipped codebook) and return ``.docs``, ``.out``, ``.codebook``, ``.result`` and ``.digests``
    (per report folder, file -> sha256, taken right after the build). Shared by
    test_notebooks.py and test_report_screenshot.py."""
    if "built" not in _BUILT:
        from types import SimpleNamespace

        from framing.reports import build_reports

        root = tmp_path_factory.mktemp("report-fixture")
        docs = build_docs(root / "corpus")
        codebook = str(frozen_codebook(root / "codebook"))
        out = root / "reports"
        result = build_reports(docs, out=out, codebook=codebook, jobs=2, progress=False)
        digests = {d.name: _digests(d) for d in out.iterdir() if d.is_dir()}
        _BUILT["built"] = SimpleNamespace(docs=docs, out=out, codebook=codebook, result=result, digests=digests)
    return _BUILT["built"]
