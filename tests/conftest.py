"""Shared fixtures. Tests that read ../shared/ skip with a reason where it is absent."""
from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED} (only on the developers' machines and CI)")
    return SHARED


@pytest.fixture(scope="session")
def shared_corpus(shared_dir) -> Path:
    p = shared_dir / "corpora" / "ukraine-media"
    if not p.is_dir():
        pytest.skip(f"{p} not found")
    return p


@pytest.fixture(scope="session")
def ggt_gold(shared_dir) -> Path:
    p = shared_dir / "gold" / "gendergaptracker"
    if not p.is_dir():
        pytest.skip(f"{p} not found")
    return p
