"""Execute every report notebook on a small fixture corpus (18 real articles, 3 outlets) and check
what a researcher gets: executed notebooks, HTML with figures and tables, an index whose links
resolve, escaped article text, incremental reruns, failing reports reported, byte-identical
figures and tables when regenerated.

Slow-ish (about ten notebook executions): one batch build is shared by the tests of this module
(and by test_report_screenshot.py) through ``built_reports``.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from framing import reports
from framing.cli import main

REPO = Path(__file__).resolve().parents[1]


pytestmark = pytest.mark.slow

SLUGS = {"comparison", "rt", "bbc", "the-guardian"}


@pytest.fixture(scope="module")
def built(built_reports):
    return built_reports


def _hrefs(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"#]+)"', page)
            if not h.startswith(("http:", "https:", "data:", "mailto:"))]


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ----------------------------------------------------------------------------- the first build
def test_every_report_runs(built):
    res = built.result
    assert res.ok, res.summary()
    assert {r.slug for r in res.reports} == SLUGS
    assert res.n_run == 4 and "\n4 reports: 4 run, 0 up to date, 0 failed\n" in res.summary()
    for slug in SLUGS:
        d = built.out / slug
        for name in ("report.ipynb", "report.html", reports.STAMP_NAME):
            assert (d / name).is_file(), d / name
        figs = {p.stem for p in (d / "figures").iterdir()}
        assert len(figs) >= 3, figs
        for stem in figs:
            for ext in ("pdf", "svg", "png"):
                assert (d / "figures" / f"{stem}.{ext}").stat().st_size > 1000
        tabs = {p.stem for p in (d / "tables").iterdir()}
        assert "provenance" in tabs and "corpus_overview" in tabs
        for stem in tabs:
            assert (d / "tables" / f"{stem}.csv").is_file() and (d / "tables" / f"{stem}.tex").is_file()


def test_reports_show_scare_quote_candidates_to_read(built):
    """Every report lists a random sample of scare-quote candidates in context, since their typing is
    about half right on new text; the comparison also plots each outlet's candidate rate."""
    for slug in SLUGS:
        d = built.out / slug
        table = pd.read_csv(d / "tables" / "scare_quote_sample.csv")
        assert {"left", "match", "right"} <= set(table.columns)
        page = (d / "report.html").read_text(encoding="utf-8")
        assert "Scare quotes" in page and "candidates" in page
    comparison = built.out / "comparison"
    assert (comparison / "figures" / "scare_quote_rates.pdf").is_file()
    table = pd.read_csv(comparison / "tables" / "scare_quote_sample.csv")
    assert len(table) and table.groupby("outlet").size().max() <= 5


def test_executed_notebooks_carry_their_parameters_and_no_errors(built):
    for slug in SLUGS:
        nb = nbformat.read(built.out / slug / "report.ipynb", as_version=4)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1
        # paths relative to the report folder (the kernel's working directory): nothing absolute
        corpus = re.search(r'^corpus = "(.+)"$', injected[0].source, re.M).group(1)
        assert not Path(corpus).is_absolute()
        assert (built.out / slug / corpus).resolve() == Path(built.docs).resolve()
        assert str(built.out.parent) not in (built.out / slug / "report.ipynb").read_text(encoding="utf-8")
        assert nb.metadata.papermill["output_path"] == "report.ipynb"
        if slug != "comparison":
            outlet = {"rt": "RT", "bbc": "BBC", "the-guardian": "The Guardian"}[slug]
            assert f"outlet = {outlet!r}".replace("'", '"') in injected[0].source
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"]
        stamp = json.loads((built.out / slug / reports.STAMP_NAME).read_text())
        assert stamp["status"] == "ok" and stamp["inputs"]["framing_version"]


def test_report_html_hides_code_and_shows_figures_that_exist(built):
    for slug in SLUGS:
        d = built.out / slug
        page = (d / "report.html").read_text(encoding="utf-8")
        assert "reports.report_setup(" not in page  # code hidden
        assert page.count('src="data:image/png;base64,') >= 3  # figures inline
        fig_links = [h for h in _hrefs(page) if h.startswith("figures/")]
        assert len(fig_links) >= 9
        for h in fig_links + [h for h in _hrefs(page) if h.startswith("tables/")]:
            assert (d / h).is_file(), f"{slug}/report.html links to missing {h}"
        assert "<table" in page and "Provenance" in page
    rt = (built.out / "rt" / "report.html").read_text(encoding="utf-8")
    # the measured difference is in the report: RT writes Kiev, the others Kyiv
    assert ">Kiev<" in rt and "all other outlets" in rt


def test_index_links_resolve_and_show_provenance(built):
    page = (built.out / "index.html").read_text(encoding="utf-8")
    links = _hrefs(page)
    assert {f"{s}/report.html" for s in SLUGS} <= set(links)
    for h in links:
        assert (built.out / h).exists(), f"index.html links to missing {h}"
    assert "0 failed" in page and hashlib.sha256(built.docs.read_bytes()).hexdigest() in page
    assert "The Guardian" in page and "russia_ukraine" in page


def test_article_text_is_escaped_in_every_page(built):
    pages = [built.out / "index.html", *(built.out / s / "report.html" for s in SLUGS)]
    for p in pages:
        assert "<script>alert(" not in p.read_text(encoding="utf-8"), p
    # the planted text did reach a page (the Guardian's variants in context), escaped
    guardian = (built.out / "the-guardian" / "report.html").read_text(encoding="utf-8")
    assert "framing-xss" in guardian and "&lt;script&gt;alert(" in guardian


# ----------------------------------------------------------------------------- reruns
def test_second_run_reruns_nothing_without_importing_papermill(built, frozen_code_fingerprint):
    before = {s: (built.out / s / "report.html").stat().st_mtime_ns for s in SLUGS}
    code = ("import sys, time; t = time.perf_counter(); from framing.reports import build_reports; "
            f"r = build_reports({str(built.docs)!r}, out={str(built.out)!r}, codebook={built.codebook!r}, "
            f"progress=False, _code_sha={frozen_code_fingerprint!r}); "
            "print(r.summary()); print('heavy imports:', sorted(m for m in ('papermill', 'nbconvert', 'nbclient') "
            "if m in sys.modules)); print('seconds:', round(time.perf_counter() - t, 2))")
    res = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "4 reports: 0 run, 4 up to date, 0 failed (nothing to rerun" in res.stdout
    assert "heavy imports: []" in res.stdout
    assert {s: (built.out / s / "report.html").stat().st_mtime_ns for s in SLUGS} == before


def test_forced_rerun_gives_byte_identical_figures_and_tables(built):
    rt = built.out / "rt"
    before = {k: v for k, v in built.digests["rt"].items() if k.startswith(("figures/", "tables/"))}
    res = reports.build_reports(built.docs, out=built.out, outlets=["RT"], codebook=built.codebook, force=True,
                                jobs=2, progress=False)
    assert res.ok and res.n_run == 2  # RT and the comparison of the chosen outlets
    assert {r.slug for r in res.reports} == {"rt", f"comparison-{reports._short_hash('RT')}"}
    after = {k: v for k, v in _digests(rt).items() if k.startswith(("figures/", "tables/"))}
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"regenerated files differ: {changed}"
    # the comparison of all outlets was not overwritten, and the index still lists every report
    assert _digests(built.out / "comparison") == built.digests["comparison"]
    page = (built.out / "index.html").read_text(encoding="utf-8")
    assert {f"{s}/report.html" for s in SLUGS} <= set(_hrefs(page))


def test_failing_report_is_reported_and_the_others_still_run(built, tmp_path):
    # from 6 June 2022 the fixture has RT and Guardian articles but no BBC article
    out = tmp_path / "failing"
    res = reports.build_reports(built.docs, out=out, outlets=["BBC", "RT"], date_from="2022-06-06",
                                codebook=built.codebook, jobs=2, progress=False)
    assert not res.ok
    status = {r.slug: r.status for r in res.reports}
    assert status["bbc"] == "failed" and status["rt"] == "ran"
    bbc = next(r for r in res.reports if r.slug == "bbc")
    assert "FramingError" in bbc.error and "no documents from outlet 'BBC'" in bbc.error
    assert bbc.notebook.is_file() and not bbc.html.exists()  # the partial notebook is kept
    assert "FAILED" in res.summary() and str(bbc.notebook) in res.summary()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "failed" in page and "bbc/report.ipynb" in page and "no documents from outlet" in page
    # the CLI exits non-zero and reruns only the failed report
    code = main(["reports", str(built.docs), "--out", str(out), "--outlet", "BBC", "--outlet", "RT",
                 "--date-from", "2022-06-06", "--codebook", built.codebook, "-q"])
    assert code == 1
    assert json.loads((out / "rt" / reports.STAMP_NAME).read_text())["status"] == "ok"


# ----------------------------------------------------------------------------- the explore notebook
def test_explore_notebook_runs_with_plain_papermill(built, tmp_path):
    out_nb = tmp_path / "explore.ipynb"
    res = subprocess.run(
        [sys.executable, "-m", "papermill", str(REPO / "notebooks" / "explore.ipynb"), str(out_nb),
         "-p", "corpus", str(built.docs), "-p", "outlet", "The Guardian", "-p", "key", "kyiv",
         "-p", "output_dir", str(tmp_path / "explore"), "-p", "codebook", built.codebook,
         "--cwd", str(tmp_path), "--no-progress-bar"],
        check=False, capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    nb = nbformat.read(out_nb, as_version=4)
    text = json.dumps([o for c in nb.cells if c.cell_type == "code" for o in c.outputs])
    assert "kyiv" in text and "Kyiv" in text  # the KWIC listing shows the key as written
    assert (tmp_path / "explore" / "tables" / "provenance.csv").is_file()
    page = reports.render_html(out_nb, tmp_path / "explore.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in page and "framing-xss" in page


# ----------------------------------------------------------------------------- framing run
def test_run_pipeline_ingests_extracts_reports_then_does_nothing(tmp_path, report_fixture, frozen_code_fingerprint):
    """``framing run`` on a project holding one raw corpus: two RT seed pages with their manifest
    rows. One outlet, so the comparison report says what it cannot compute instead of failing."""
    root = tmp_path / "project"
    raw = root / "data" / "raw" / "mini"
    raw.mkdir(parents=True)
    seeds = REPO / "data" / "raw" / "seeds"
    if not (seeds / "manifest.csv").is_file():
        pytest.skip("data/raw/seeds not present")
    keep = ["000_042faa28e221901a.txt", "004_1f8c25a30a4a49e8.txt"]
    lines = (seeds / "manifest.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (raw / "manifest.csv").write_text(lines[0] + "".join(l for l in lines[1:] if l.split(",")[0] in keep),
                                      encoding="utf-8")
    for name in keep:
        (raw / name).write_bytes((seeds / name).read_bytes())

    codebook = str(report_fixture.frozen_codebook(tmp_path / "codebook"))  # immune to edits during the session
    res = reports.run_pipeline(["mini"], root=root, codebook=codebook, jobs=2, progress=False)
    assert res.ok, res.summary()
    assert {r.slug for r in res.reports} == {"comparison", "rt"} and res.n_run == 2
    assert any(s.startswith("ingest mini: ") and "skipped" not in s for s in res.steps)
    assert any(s.startswith("features mini: ") and "skipped" not in s for s in res.steps)
    out = root / "reports" / "mini"
    assert (out / "index.html").is_file() and (out / "rt" / "report.html").is_file()
    comparison = (out / "comparison" / "report.html").read_text(encoding="utf-8")
    assert "Not computed:" in comparison  # e.g. the classifier needs two outlets

    again = reports.run_pipeline(["mini"], root=root, codebook=codebook, jobs=2, progress=False)
    text = again.summary()
    assert "ingest mini: raw files unchanged, skipped" in text
    assert "features mini: up to date, skipped" in text
    assert "2 reports: 0 run, 2 up to date, 0 failed (nothing to rerun" in text
