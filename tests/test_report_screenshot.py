"""Render one report in headless Chromium and check, on the screenshot's pixels, that a reader
sees figures and tables (not a blank page, not raw markup). Skipped where Chromium is absent
(CI installs Debian's chromium package in .ci/run; locally: apt-get install chromium)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[1]


pytestmark = pytest.mark.slow

WIDTH, HEIGHT = 1200, 2000


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    pytest.skip("chromium not installed (CI installs Debian's chromium package; apt-get install chromium)")


def screenshot(url: str, png: Path, profile: Path) -> np.ndarray:
    """Screenshot ``url`` at WIDTH x HEIGHT with headless Chromium; return the RGB pixels."""
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={png}",
           f"--window-size={WIDTH},{HEIGHT}", url]
    res = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=180)
    assert png.is_file(), f"chromium wrote no screenshot (exit {res.returncode}): {res.stderr[-2000:]}"
    return np.asarray(Image.open(png).convert("RGB")).astype(int)


def _coloured(px: np.ndarray) -> np.ndarray:
    """Saturated pixels: figure marks (the house palette), never black/grey text or white."""
    return (px.max(axis=2) - px.min(axis=2)) > 60


def _table_rows(px: np.ndarray) -> int:
    """Pixel rows where at least a third of the width is light grey (striped table rows, rules)."""
    light_grey = (px.min(axis=2) >= 225) & (px.max(axis=2) <= 250) & ((px.max(axis=2) - px.min(axis=2)) < 6)
    return int((light_grey.mean(axis=1) > 0.33).sum())


@pytest.fixture(scope="module")
def built(built_reports):
    return built_reports


def test_report_screenshot_shows_figures_and_tables(built, tmp_path):
    profile = tmp_path / "profile"
    blank_html = tmp_path / "blank.html"
    blank_html.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    blank = screenshot(blank_html.as_uri(), tmp_path / "blank.png", profile)
    page = screenshot((built.out / "rt" / "report.html").as_uri(), tmp_path / "rt.png", profile)

    assert page.shape == (HEIGHT, WIDTH, 3) and blank.shape == page.shape
    # the method tells a blank page from a report
    assert (blank != 255).any(axis=2).mean() < 0.001 and _coloured(blank).sum() == 0 and _table_rows(blank) == 0

    nonwhite = (page != 255).any(axis=2).mean()
    assert nonwhite > 0.05, f"only {nonwhite:.1%} of the page is not white"
    # figures: coloured marks (dots, bars) in a compact block, not scattered
    ys, xs = np.nonzero(_coloured(page))
    assert len(ys) > 300, f"{len(ys)} coloured pixels: no figure visible"
    assert xs.max() - xs.min() < WIDTH * 0.95
    # tables: many striped rows
    assert _table_rows(page) > 100, f"{_table_rows(page)} table-like pixel rows"
    # text: dark pixels (headings, table cells) across the page
    dark = (page.max(axis=2) < 80).mean(axis=1) > 0
    assert dark.sum() > 300


def test_index_screenshot_shows_the_report_list(built, tmp_path):
    page = screenshot((built.out / "index.html").as_uri(), tmp_path / "index.png", tmp_path / "profile")
    assert (page != 255).any(axis=2).mean() > 0.01
    # status words are coloured (green "ok")
    assert _coloured(page).sum() > 50
