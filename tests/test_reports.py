"""Fast tests of the report pipeline's pieces: safe names, notebook templates, index page,
provenance, feature staleness. (Executing the notebooks is in test_notebooks.py.)"""
from __future__ import annotations

import ast
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from framing import __version__, reports
from framing.io import FramingError

REPO = Path(__file__).resolve().parents[1]


TEMPLATES = ["outlet_report.ipynb", "comparison_report.ipynb", "explore.ipynb"]
COMMON_PARAMETERS = {"corpus", "codebook", "date_from", "date_to", "output_dir", "seed"}


# ----------------------------------------------------------------------------- outlet names -> folders
@pytest.mark.parametrize("name, slug", [
    ("RT", "rt"),
    ("The Guardian", "the-guardian"),
    ("Associated Press", "associated-press"),
    ("Le Monde diplomatique", "le-monde-diplomatique"),
    ("Süddeutsche Zeitung", "suddeutsche-zeitung"),
    ("bbc.co.uk", "bbc-co-uk"),
])
def test_outlet_slug_readable(name, slug):
    assert reports.outlet_slug(name) == slug


@pytest.mark.parametrize("name", ["..", ".", "../../etc/passwd", "a/b\\c", "/", "", "   ", "Новая газета",
                                  "<script>", "comparison", "CON", "nul", "x" * 300, "a\x00b"])
def test_outlet_slug_is_always_a_safe_single_folder_name(name):
    slug = reports.outlet_slug(name)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
    assert slug not in {".", "..", "comparison", "con", "nul"}
    assert len(slug) <= 70
    assert Path(slug).name == slug


def test_outlet_slugs_resolve_collisions_deterministically():
    names = ["BBC", "bbc", "B.B.C.", "RT", "Новая газета", "Новая Газета", "Comparison"]
    slugs = reports.outlet_slugs(names)
    assert len(set(slugs.values())) == len(names)  # no collision
    assert slugs["RT"] == "rt"  # a unique slug stays readable
    assert all(slugs[n].startswith("b-b-c") or slugs[n].startswith("bbc") for n in ["BBC", "bbc", "B.B.C."])
    assert reports.outlet_slugs(list(reversed(names))) == slugs  # order does not matter
    assert reports.outlet_slugs(names) == slugs  # and reruns agree
    assert slugs["Comparison"] != reports.COMPARISON_SLUG


def test_corpus_name_from_docs_path():
    assert reports.corpus_name("data/processed/ukraine-media-sample/docs.parquet") == "ukraine-media-sample"
    assert reports.corpus_name("/tmp/My Corpus.parquet") == "my-corpus"


# ----------------------------------------------------------------------------- notebook templates
def _params_cell(nb):
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "exactly one cell tagged 'parameters'"
    return cells[0]


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_is_clean_and_parameterized(name):
    path = REPO / "notebooks" / name
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "stored without outputs"
    for c in code:
        ast.parse(c.source)  # every cell is valid Python
    # the parameters cell holds literals only
    cell = _params_cell(nb)
    names = set()
    for stmt in ast.parse(cell.source).body:
        assert isinstance(stmt, ast.Assign) and len(stmt.targets) == 1, ast.dump(stmt)
        ast.literal_eval(stmt.value)
        names.add(stmt.targets[0].id)
    assert COMMON_PARAMETERS <= names
    assert ("outlets" if name.startswith("comparison") else "outlet") in names
    # derived values come right after it, through report_setup
    nxt = nb.cells[nb.cells.index(cell) + 1]
    assert nxt.cell_type == "code" and "reports.report_setup(" in nxt.source
    # it reads like a paper section: a title, method text, and provenance at the end
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= 5
    assert "## Provenance" in nb.cells[-2].source and "reports.provenance(" in nb.cells[-1].source


def test_shipped_templates_match_notebooks_folder():
    """The package ships copies of the notebooks (for installs without the source tree)."""
    for name in TEMPLATES:
        a = (REPO / "notebooks" / name).read_bytes()
        b = (REPO / "src" / "framing" / "templates" / name).read_bytes()
        assert a == b, f"{name}: run python scripts/make_notebooks.py"
    res = subprocess.run([sys.executable, str(REPO / "scripts" / "make_notebooks.py"), "--check"],
                         check=False, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_notebook_template_lookup():
    assert reports.notebook_template("outlet") == REPO / "notebooks" / "outlet_report.ipynb"
    with pytest.raises(FramingError, match="unknown report kind"):
        reports.notebook_template("nope")


# ----------------------------------------------------------------------------- index page
def _outcome(tmp_path, name, slug, status, error="", kind="outlet"):
    return reports.ReportOutcome(corpus="c", kind=kind, name=name, slug=slug, out_dir=tmp_path / slug,
                                 status=status, error=error)


def test_index_escapes_names_and_errors(tmp_path):
    docs = tmp_path / "docs.parquet"
    evil = '<script>alert("outlet")</script>'
    meta = pd.DataFrame({"outlet": [evil, "RT", "RT"],
                         "date": pd.to_datetime(["2022-03-01", "2022-04-01", None])})
    meta.to_parquet(docs)
    rs = [
        _outcome(tmp_path, "All outlets compared", "comparison", "ran", kind="comparison"),
        _outcome(tmp_path, evil, reports.outlet_slug(evil), "failed", error='NameError: <img src=x onerror="boom">'),
        _outcome(tmp_path, "RT", "rt", "up to date"),
    ]
    page = reports.render_index("c", docs, meta, rs, codebook=("russia_ukraine", "ab" * 32), seed=1,
                                out_dir=tmp_path)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert html.escape(evil) in page and "&lt;img src=x" in page
    assert 'href="rt/report.html"' in page and 'href="comparison/report.html"' in page
    # the failed report links its partial notebook
    assert f'href="{reports.outlet_slug(evil)}/report.ipynb"' in page
    assert "2022-03-01 to 2022-04-01" in page and __version__ in page
    assert "1 failed" in page


def test_batch_summary_counts_and_says_when_nothing_ran(tmp_path):
    res = reports.BatchResult(reports=[_outcome(tmp_path, "RT", "rt", "up to date"),
                                       _outcome(tmp_path, "BBC", "bbc", "up to date")])
    assert res.ok
    assert res.summary().startswith("2 reports: 0 run, 2 up to date, 0 failed (nothing to rerun")
    res.reports.append(_outcome(tmp_path, "X", "x", "failed", error="cell 3: ValueError: bad"))
    assert not res.ok
    assert "FAILED c/x: cell 3: ValueError: bad" in res.summary()


# ----------------------------------------------------------------------------- inputs and provenance
def test_file_sha256_hashes_files_and_folders_with_one_cached_helper(tmp_path):
    """framing.io.file_sha256 serves files and folders (reports has no hashing of its own): a
    folder's hash covers file names and bytes, skips hidden files and __pycache__, can be limited
    to some suffixes, and changes when a file does."""
    import hashlib

    from framing.io import file_sha256

    assert not hasattr(reports, "_sha")
    d = tmp_path / "pkg"
    (d / "sub").mkdir(parents=True)
    (d / "a.py").write_text("x = 1\n")
    (d / "sub" / "b.yaml").write_text("k: v\n")
    assert file_sha256(d / "a.py") == hashlib.sha256(b"x = 1\n").hexdigest()
    before = file_sha256(d)
    (d / ".hidden").write_text("ignored")
    (d / "__pycache__").mkdir()
    (d / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    (d / "notes.txt").write_text("not code")
    assert file_sha256(d, suffixes={".py", ".yaml"}) == before
    assert file_sha256(d) != before  # notes.txt counts without a suffix filter
    (d / "sub" / "b.yaml").write_text("k: w\n")
    changed = file_sha256(d, suffixes={".py", ".yaml"})
    assert changed != before
    (d / "sub" / "b.yaml").rename(d / "b.yaml")  # same bytes, another place
    assert file_sha256(d, suffixes={".py", ".yaml"}) != changed


def test_code_fingerprint_covers_code_codebooks_style_and_templates(tmp_path):
    """The report stamps carry a fingerprint of the package's own files, so a change to the
    library reruns the reports; bytecode, hidden files and other files do not count."""
    import shutil

    pkg = tmp_path / "framing"
    shutil.copytree(Path(reports.__file__).parent, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    fp = reports.code_fingerprint(pkg)
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "stats.cpython-311.pyc").write_bytes(b"\0")
    (pkg / "notes.txt").write_text("not code")
    (pkg / ".swp").write_text("editor")
    assert reports.code_fingerprint(pkg) == fp
    for rel in ("stats.py", "outlets.yaml", "codebooks/russia_ukraine.yaml", "styles/framing.mplstyle",
                "templates/index.html"):
        f = pkg / rel
        original = f.read_bytes()
        f.write_bytes(original + b"\n")
        assert reports.code_fingerprint(pkg) != fp, rel
        f.write_bytes(original)
        assert reports.code_fingerprint(pkg) == fp, rel


@pytest.fixture()
def small_corpus(tmp_path, report_fixture):
    return report_fixture.build_docs(tmp_path / "corpus")


def test_ensure_features_runs_once_then_only_when_docs_change(small_corpus, report_fixture):
    first = reports.ensure_features(small_corpus, progress=False)
    assert first and "18 documents" in first
    hits = pd.read_parquet(small_corpus.with_name("hits.parquet"))
    assert {"variant", "quote"} <= set(hits["feature"])
    assert reports.ensure_features(small_corpus, progress=False) is None  # up to date
    docs = pd.read_parquet(small_corpus)
    report_fixture.write_parquet(docs.head(12), small_corpus)  # the corpus changed
    again = reports.ensure_features(small_corpus, progress=False)
    assert again and "12 documents" in again


def test_a_half_replaced_features_pair_is_refused_then_rebuilt(small_corpus, report_fixture):
    """hits.parquet replaced without doc_features (an interrupted run): reports refuse to read the
    pair, and ensure_features treats it as stale even though its stamp still matches."""
    from framing.features import features_pair_status, features_to_parquet

    assert reports.ensure_features(small_corpus, progress=False)
    hits = small_corpus.with_name("hits.parquet")
    other = small_corpus.with_name("other.parquet")
    report_fixture.write_parquet(pd.read_parquet(small_corpus).head(5), other)
    features_to_parquet(other, small_corpus.parent / "x" / "hits.parquet", progress=False, extractors=("lexical",))
    hits.write_bytes((small_corpus.parent / "x" / "hits.parquet").read_bytes())  # only the hits table swapped
    assert features_pair_status(hits) == "mismatch"
    with pytest.raises(FramingError, match="was not built from"):
        reports.load_report_inputs(small_corpus)
    assert reports.ensure_features(small_corpus, progress=False)  # stale: extracted again
    assert features_pair_status(hits) == "ok"
    docs, hits_df, feats, _ = reports.load_report_inputs(small_corpus)
    assert len(feats) == len(docs) == 18


def test_ensure_features_reruns_when_the_framing_code_changes(small_corpus):
    """The features stamp carries the package fingerprint: hits extracted by other code are stale."""
    assert reports.ensure_features(small_corpus, progress=False, _code_sha="code-a")
    stamp = json.loads(small_corpus.with_name("features.stamp.json").read_text(encoding="utf-8"))
    assert stamp["inputs"]["code_fingerprint"] == "code-a"
    assert reports.ensure_features(small_corpus, progress=False, _code_sha="code-a") is None
    assert reports.ensure_features(small_corpus, progress=False, _code_sha="code-b")  # extracted again


def test_ensure_features_trusts_framing_features_only_with_the_same_codebook(small_corpus):
    from framing.codebook import shipped_codebooks
    from framing.features import features_to_parquet

    hits = small_corpus.with_name("hits.parquet")
    features_to_parquet(small_corpus, hits, codebook="russia_ukraine", progress=False)
    assert reports.ensure_features(small_corpus, progress=False) is None  # made by `framing features`
    good = hits.read_bytes()
    hits.write_bytes(b"not parquet")  # a damaged table is never up to date
    assert reports.ensure_features(small_corpus, progress=False)
    small_corpus.with_name("features.stamp.json").unlink()
    hits.write_bytes(good)
    other = next((c for c in shipped_codebooks() if c != "russia_ukraine"), None)
    if other is None:
        pytest.skip("only one shipped codebook")
    features_to_parquet(small_corpus, hits, codebook=other, progress=False)
    assert reports.ensure_features(small_corpus, progress=False)  # other codebook: extracted again
    assert reports._parquet_codebook_sha(hits) == reports.load_report_inputs(small_corpus)[3].sha256


def test_report_setup_provenance_and_versus_rest(small_corpus, tmp_path):
    reports.ensure_features(small_corpus, progress=False)
    inputs = reports.report_setup(corpus=small_corpus, outlet="RT", date_from="2022-05-01", date_to="2022-06-30",
                                  output_dir=tmp_path / "out")
    assert (tmp_path / "out" / "figures").is_dir() and (tmp_path / "out" / "tables").is_dir()
    dates = inputs.docs["date"]
    assert dates.min() >= pd.Timestamp("2022-05-01") and dates.max() < pd.Timestamp("2022-07-01")
    assert set(inputs.hits["doc_id"]) <= set(inputs.docs["doc_id"])
    prov = dict(zip(*reports.provenance(inputs).T.values))
    assert prov["framing version"] == __version__
    assert prov["codebook"] == "russia_ukraine" and len(prov["codebook sha256"]) == 64
    assert prov["documents"] == str(len(inputs.docs))
    assert prov["date range asked"] == "2022-05-01 to 2022-06-30"
    assert json.loads(prov["parameter outlet"]) == "RT"
    vs = reports.versus_rest(inputs.docs, "RT")
    assert set(vs["outlet"]) == {"RT", reports.REST_LABEL}
    assert (vs["source_outlet"] == inputs.docs["outlet"]).all()


def test_report_setup_errors_name_the_problem(small_corpus, tmp_path):
    reports.ensure_features(small_corpus, progress=False)
    with pytest.raises(FramingError, match="no documents from outlet 'Fox'"):
        reports.report_setup(corpus=small_corpus, outlet="Fox", output_dir=tmp_path)
    with pytest.raises(FramingError, match="no documents between 2030-01-01"):
        reports.report_setup(corpus=small_corpus, date_from="2030-01-01", output_dir=tmp_path)
    with pytest.raises(FramingError, match="YYYY-MM-DD"):
        reports.report_setup(corpus=small_corpus, date_from="yesterday", output_dir=tmp_path)
    with pytest.raises(FramingError, match="no such document table"):
        reports.report_setup(corpus=tmp_path / "none.parquet", output_dir=tmp_path)


def test_render_html_hides_code_by_default_and_escapes_text_output(tmp_path):
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    nb = new_notebook(cells=[
        new_markdown_cell("# Title"),
        new_code_cell("import secret_setup", outputs=[]),
        new_code_cell("print(title)", outputs=[new_output("stream", name="stdout",
                                                          text='<script>alert("x")</script> Kyiv\n')]),
    ])
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    hidden = reports.render_html(path, tmp_path / "hidden.html", title="<b>RT</b> report").read_text()
    shown = reports.render_html(path, tmp_path / "shown.html", show_code=True).read_text()
    assert "secret_setup" not in hidden and "print(title)" not in hidden
    assert "secret_setup" in shown  # (pygments splits "print(title)" into spans)
    for page in (hidden, shown):
        assert '<script>alert("x")' not in page and "&lt;script&gt;" in page
    assert "<title>&lt;b&gt;RT&lt;/b&gt; report</title>" in hidden
