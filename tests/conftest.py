"""Shared fixtures. Tests that read ../shared/ skip with a reason where it is absent."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMING_SHARED", REPO.parent / "shared"))
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def test_data() -> Path:
    return DATA


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return REPO / "data" / "raw"


def _folder_or_skip(p: Path, why: str | None = None) -> Path:
    """``p`` if it is a folder, else skip the test saying what is missing."""
    if not p.is_dir():
        pytest.skip(why or f"{p} not found")
    return p


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _folder_or_skip(SHARED, f"../shared not found at {SHARED} (only on the developers' machines and CI)")


@pytest.fixture(scope="session")
def shared_corpus(shared_dir) -> Path:
    return _folder_or_skip(shared_dir / "corpora" / "ukraine-media")


@pytest.fixture(scope="session")
def ggt_gold(shared_dir) -> Path:
    return _folder_or_skip(shared_dir / "gold" / "gendergaptracker")


# ----------------------------------------------------------------------------- report fixture corpus
def _load_report_fixture():
    """tests/data/reports/fixture.py, loaded once per session (its build is shared by the modules)."""
    name = "framing_tests_reports_fixture"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, DATA / "reports" / "fixture.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def report_fixture():
    """The report tests' fixture module: ``build_docs``, ``frozen_codebook``, ``built_reports``, …"""
    return _load_report_fixture()


@pytest.fixture(scope="session")
def frozen_code_fingerprint():
    """``framing.reports.code_fingerprint()`` as it was when the session started, for the whole
    session: report stamps carry the package's fingerprint, and people editing the package while
    the tests run must not turn a "nothing to rerun" check into a rerun (as the frozen codebook
    does for codebook edits). Another package folder passed explicitly is still fingerprinted."""
    from framing import reports

    original = reports.code_fingerprint
    value = original()
    mp = pytest.MonkeyPatch()
    mp.setattr(reports, "code_fingerprint", lambda package=None: value if package is None else original(package))
    yield value
    mp.undo()


@pytest.fixture(scope="session")
def built_reports(report_fixture, frozen_code_fingerprint, tmp_path_factory):
    """The fixture corpus's reports, built once per session (see tests/data/reports/fixture.py)."""
    return report_fixture.built_reports(tmp_path_factory)
