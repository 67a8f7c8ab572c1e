"""Project paths and run settings, all derived from one project root.

Nothing here is a hidden global that a stage reads behind your back: stages take paths as
arguments, and :func:`project_paths` is what the CLI and the notebooks call to get the defaults.

The project root is, in order: the ``root`` argument, the ``FRAMING_ROOT`` environment variable,
the nearest folder at or above the working directory holding both ``pyproject.toml`` and
``data/raw``, the source checkout this package was installed from (editable installs), or
the working directory.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: Names of the two sample corpora bundled under ``data/raw/``.
SAMPLE_CORPORA = ("seeds", "ukraine-media-sample")

#: Name of the codebook used when none is given.
DEFAULT_CODEBOOK = "russia_ukraine"

#: Seed for every random procedure (bootstrap, permutation tests, cross-validation).
DEFAULT_SEED = 20221124


def _looks_like_root(p: Path) -> bool:
    return (p / "pyproject.toml").is_file() and (p / "data" / "raw").is_dir()


def find_project_root(root: str | os.PathLike | None = None) -> Path:
    """Return the project root folder (see the module docstring for the search order)."""
    if root is not None:
        return Path(root).resolve()
    env = os.environ.get("FRAMING_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for p in (here, *here.parents):
        if _looks_like_root(p):
            return p
    src_checkout = Path(__file__).resolve().parents[2]
    if _looks_like_root(src_checkout):
        return src_checkout
    return here


@dataclass(frozen=True)
class ProjectPaths:
    """Folders of a framing project, cookiecutter-data-science style."""

    root: Path

    @property
    def raw(self) -> Path:
        """Immutable input corpora: never written by the code."""
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        """Document tables, hits tables and feature tables."""
        return self.root / "data" / "processed"

    @property
    def reports(self) -> Path:
        """Executed notebooks, HTML reports, figures and tables."""
        return self.root / "reports"

    @property
    def notebooks(self) -> Path:
        """Report templates (stored without outputs)."""
        return self.root / "notebooks"

    def corpus_raw(self, corpus: str) -> Path:
        """Raw files of a corpus: ``data/raw/<corpus>/``."""
        return self.raw / corpus

    def docs_table(self, corpus: str) -> Path:
        """Default document table of a corpus: ``data/processed/<corpus>/docs.parquet``."""
        return self.processed / corpus / "docs.parquet"

    def hits_table(self, corpus: str) -> Path:
        """Hits table of a corpus: ``data/processed/<corpus>/hits.parquet``."""
        return self.processed / corpus / "hits.parquet"

    def doc_features_table(self, corpus: str) -> Path:
        """Per-document feature table: ``data/processed/<corpus>/doc_features.parquet``."""
        return self.processed / corpus / "doc_features.parquet"

    def corpus_reports(self, corpus: str) -> Path:
        """Reports of a corpus: ``reports/<corpus>/``."""
        return self.reports / corpus


def project_paths(root: str | os.PathLike | None = None) -> ProjectPaths:
    """Paths of the project at ``root`` (or the one found from the working directory)."""
    return ProjectPaths(find_project_root(root))


def project_relative(path: str | os.PathLike, root: str | os.PathLike | None = None) -> str:
    """``path`` as recorded in tables, reports and provenance: relative to the project root
    (POSIX separators) when it lies under it, else as given.

    So that what is recorded does not depend on where the project was cloned: ``framing run``
    passes absolute paths, and ``/home/a/framing/data/raw/seeds/x.txt`` and
    ``/tmp/b/framing/data/raw/seeds/x.txt`` are both ``data/raw/seeds/x.txt``. ``root``: the
    project root (default :func:`find_project_root`). A path outside it (a corpus elsewhere on
    disk) is kept exactly as the user gave it.
    """
    p = Path(path)
    base = find_project_root(root)
    candidates = [(Path(os.path.abspath(p)), Path(os.path.abspath(base)))]  # symlinks as written
    try:
        candidates.append((p.resolve(), base.resolve()))  # and as they resolve
    except OSError:
        pass
    for full, b in candidates:
        try:
            rel = full.relative_to(b)
        except ValueError:
            continue
        return rel.as_posix() if rel.parts else "."
    return p.as_posix() if isinstance(path, os.PathLike) else str(path)
