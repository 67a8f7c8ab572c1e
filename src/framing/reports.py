"""Parameterized reports: one command regenerates every outlet's report.

The notebooks in ``notebooks/`` (``outlet_report.ipynb``, ``comparison_report.ipynb``,
``explore.ipynb``) are templates stored without outputs. :func:`build_reports` executes them with
papermill for every outlet of a document table (plus one comparison report), renders each executed
notebook to HTML with the code hidden, and writes an ``index.html`` linking them::

    reports/<corpus>/index.html
    reports/<corpus>/<outlet-slug>/report.ipynb   executed notebook (the record of what ran)
    reports/<corpus>/<outlet-slug>/report.html    the report, code hidden
    reports/<corpus>/<outlet-slug>/figures/*.{pdf,svg,png}
    reports/<corpus>/<outlet-slug>/tables/*.{csv,tex}
    reports/<corpus>/<outlet-slug>/report.stamp.json   the inputs the report was built from

A report is rerun only when one of its inputs changed: the document, hits and feature tables
(SHA-256 of the files), the codebook (SHA-256), the notebook template (SHA-256), the parameters,
the framing version or the framing code itself (:func:`code_fingerprint`: SHA-256 of the
package's own files, so that editing the library reruns the reports even without a new version). A failing report does not stop the others; the index shows its error and the
partially executed notebook, and :attr:`BatchResult.ok` is false.

The notebooks call the small helpers here (:func:`report_setup`, :func:`show_figure`,
:func:`show_table`, :func:`provenance`) for report assembly only: every statistic and figure
comes from :mod:`framing.stats` and :mod:`framing.plots`.
"""
from __future__ import annotations

import functools
import hashlib
import html
import json
import math
import os
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .config import DEFAULT_CODEBOOK, DEFAULT_SEED, SAMPLE_CORPORA, project_paths, project_relative
from .io import FramingError, file_sha256, write_text

__all__ = [
    "BatchResult",
    "NotComputed",
    "ReportInputs",
    "ReportOutcome",
    "SavedFigure",
    "SavedTable",
    "build_reports",
    "code_fingerprint",
    "codebook_table",
    "corpus_name",
    "ensure_docs",
    "ensure_features",
    "load_report_inputs",
    "notebook_template",
    "optional",
    "outlet_slug",
    "outlet_slugs",
    "provenance",
    "render_html",
    "render_index",
    "report_heading",
    "report_setup",
    "run_pipeline",
    "show_figure",
    "show_table",
    "versus_rest",
]

#: Notebook templates, by report kind.
NOTEBOOKS = {
    "outlet": "outlet_report.ipynb",
    "comparison": "comparison_report.ipynb",
    "explore": "explore.ipynb",
}

#: Folder (under ``reports/<corpus>/``) of the comparison report; no outlet gets this slug.
COMPARISON_SLUG = "comparison"

#: Name of the per-report JSON file recording the inputs of the last run.
STAMP_NAME = "report.stamp.json"

#: Seconds a single notebook cell may run before its report is marked failed (a hung kernel
#: must not hang the batch).
CELL_TIMEOUT = 3600

#: Bumped when the stamp layout or the batch logic changes in a way that invalidates old reports.
STAMP_VERSION = 1

#: Slugs no outlet may take (the comparison report; names Windows reserves).
_RESERVED_SLUGS = frozenset({
    COMPARISON_SLUG, "index", "figures", "tables",
    "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
})


# ----------------------------------------------------------------------------- names
def outlet_slug(name: Any) -> str:
    """A safe folder name for an outlet name taken from data.

    Lower-case ASCII letters, digits and single hyphens only (accents are transliterated, anything
    else becomes a hyphen), at most 60 characters: never empty, never ``.``/``..``, never a path
    separator. ``"The Guardian"`` -> ``"the-guardian"``, ``"../etc"`` -> ``"etc"``,
    ``"Новая газета"`` -> ``"outlet-<hash>"``. Different names can slug alike ("BBC", "bbc");
    :func:`outlet_slugs` resolves such collisions for a whole corpus.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")
    if not slug:
        slug = "outlet-" + _short_hash(name)
    elif slug in _RESERVED_SLUGS:
        slug = f"{slug}-{_short_hash(name)}"
    return slug


def outlet_slugs(names: Iterable[Any]) -> dict[Any, str]:
    """Map each outlet name to a distinct safe folder name.

    Names whose :func:`outlet_slug` is unique keep it; where several names slug alike
    (``"BBC"`` and ``"bbc"``), each gets the slug plus an 8-character hash of its exact name, so
    the result depends only on the set of names, never on their order.
    """
    names = list(dict.fromkeys(names))
    base = {n: outlet_slug(n) for n in names}
    counts: dict[str, int] = {}
    for s in base.values():
        counts[s] = counts.get(s, 0) + 1
    out = {n: (s if counts[s] == 1 else f"{s}-{_short_hash(n)}") for n, s in base.items()}
    if len(set(out.values())) != len(out):  # pragma: no cover - needs a sha1 prefix collision
        raise FramingError("outlet names could not be given distinct folder names")
    return out


def _short_hash(value: Any) -> str:
    return hashlib.sha1(str(value).encode("utf-8")).hexdigest()[:8]


def corpus_name(docs_path: str | os.PathLike) -> str:
    """Name of a corpus from its document table: ``data/processed/<name>/docs.parquet`` -> name."""
    p = Path(docs_path)
    return outlet_slug(p.parent.name if p.stem == "docs" and p.parent.name else p.stem)


def notebook_template(kind: str, *, root: str | os.PathLike | None = None) -> Path:
    """Path of a report notebook template: ``notebooks/<name>`` of the project if present,
    else the copy shipped inside the package (``framing/templates/``)."""
    if kind not in NOTEBOOKS:
        raise FramingError(f"unknown report kind {kind!r}; expected one of {', '.join(NOTEBOOKS)}")
    name = NOTEBOOKS[kind]
    local = project_paths(root).notebooks / name
    if local.is_file():
        return local
    shipped = Path(__file__).resolve().parent / "templates" / name
    if shipped.is_file():
        return shipped
    raise FramingError(f"notebook template {name} not found in {local.parent} or {shipped.parent}")


# ----------------------------------------------------------------------------- inputs inside a notebook
@dataclass
class ReportInputs:
    """What a report notebook works on, prepared by :func:`report_setup`.

    ``docs``, ``hits`` and ``features`` are restricted to the date range (and, for a comparison,
    to the chosen outlets). ``output_dir`` holds ``figures/`` and ``tables/``.
    """

    corpus_path: Path
    docs: Any
    hits: Any
    features: Any
    codebook: Any
    outlet: str | None
    outlets: list[str]
    output_dir: Path
    parameters: dict
    corpus_sha256: str

    @property
    def figures_dir(self) -> Path:
        """Folder of the report's figures: ``output_dir/figures``."""
        return self.output_dir / "figures"

    @property
    def tables_dir(self) -> Path:
        """Folder of the report's tables: ``output_dir/tables``."""
        return self.output_dir / "tables"


def _default_corpus(root=None) -> Path:
    return project_paths(root).docs_table(SAMPLE_CORPORA[-1])


def load_report_inputs(corpus: str | os.PathLike | None = None, *, codebook: str | None = DEFAULT_CODEBOOK,
                       date_from: str | None = None, date_to: str | None = None,
                       outlets: Sequence[str] | None = None):
    """Read a document table and the hits and feature tables beside it.

    Returns ``(docs, hits, features, codebook)``, restricted to ``date_from``..``date_to``
    (inclusive, ``YYYY-MM-DD``; documents without a date are kept only when no range is given) and
    to ``outlets`` if given. ``corpus`` defaults to the bundled ukraine-media sample. Raises
    :class:`FramingError` naming the missing file when the features have not been extracted yet.
    """
    import pandas as pd

    from .io import read_parquet

    docs_path = Path(corpus) if corpus else _default_corpus()
    if not docs_path.exists():
        raise FramingError(f"{docs_path}: no such document table (run `framing run`, or `framing ingest` "
                           "and `framing features`, first)")
    hits_path = docs_path.with_name("hits.parquet")
    feats_path = docs_path.with_name("doc_features.parquet")
    for p in (hits_path, feats_path):
        if not p.exists():
            raise FramingError(f"{p}: missing; run `framing features {docs_path}` first")
    from .features import read_features_pair

    docs = read_parquet(docs_path)
    hits, feats = read_features_pair(hits_path, feats_path)  # never a half-replaced pair
    keep = pd.Series(True, index=docs.index)
    if date_from or date_to:
        dates = pd.to_datetime(docs["date"], errors="coerce")
        try:
            if date_from:
                keep &= dates >= pd.Timestamp(date_from)
            if date_to:
                keep &= dates < pd.Timestamp(date_to) + pd.Timedelta(days=1)
        except (ValueError, TypeError) as exc:
            raise FramingError(f"date_from/date_to must be YYYY-MM-DD, got {date_from!r}, {date_to!r}") from exc
    if outlets:
        known = set(docs["outlet"].astype(str))
        unknown = [o for o in outlets if o not in known]
        if unknown:
            raise FramingError(f"{docs_path}: no outlet(s) {', '.join(map(repr, unknown))}; "
                               f"outlets are {', '.join(sorted(known))}")
        keep &= docs["outlet"].isin(list(outlets))
    docs = docs[keep].reset_index(drop=True)
    ids = set(docs["doc_id"])
    hits = hits[hits["doc_id"].isin(ids)].reset_index(drop=True)
    feats = feats[feats["doc_id"].isin(ids)].reset_index(drop=True)
    cb = None
    if codebook is not None:
        from .codebook import load_codebook

        cb = load_codebook(codebook)
    return docs, hits, feats, cb


def report_setup(*, corpus=None, outlet=None, outlets=None, codebook=DEFAULT_CODEBOOK, date_from=None,
                 date_to=None, output_dir=None, seed=DEFAULT_SEED, kind="outlet") -> ReportInputs:
    """Everything a report notebook derives from its parameters, in one call.

    Loads the tables (:func:`load_report_inputs`), picks the outlet (``None``: the one with most
    documents), and creates ``output_dir/figures`` and ``output_dir/tables``; ``output_dir=None``
    means ``reports/_interactive/<corpus>/<outlet>`` so that exploring in JupyterLab never
    overwrites the batch reports.
    """
    docs_path = Path(corpus) if corpus else _default_corpus()
    docs, hits, feats, cb = load_report_inputs(docs_path, codebook=codebook, date_from=date_from,
                                               date_to=date_to, outlets=outlets)
    if docs.empty:
        raise FramingError(f"{docs_path}: no documents between {date_from or 'the start'} and "
                           f"{date_to or 'the end'}" + (f" for {', '.join(outlets)}" if outlets else ""))
    names = sorted(docs["outlet"].astype(str).unique())
    if kind == "outlet":
        if outlet is None:
            counts = docs["outlet"].astype(str).value_counts()
            outlet = min(counts[counts == counts.max()].index)  # ties: alphabetical
        elif outlet not in names:
            raise FramingError(f"{docs_path}: no documents from outlet {outlet!r} in the date range; "
                               f"outlets are {', '.join(names)}")
    if output_dir is None:
        sub = outlet_slugs(names)[outlet] if kind == "outlet" else kind
        output_dir = project_paths().reports / "_interactive" / corpus_name(docs_path) / sub
    out = Path(output_dir)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    params = {"corpus": project_relative(docs_path), "outlet": outlet, "outlets": list(outlets) if outlets else None,
              "codebook": _codebook_label(codebook), "date_from": date_from, "date_to": date_to, "seed": seed}
    if kind == "outlet":
        params.pop("outlets")
    else:
        params.pop("outlet")
    return ReportInputs(corpus_path=docs_path, docs=docs, hits=hits, features=feats, codebook=cb,
                        outlet=outlet, outlets=names, output_dir=out, parameters=params,
                        corpus_sha256=file_sha256(docs_path))


def _is_codebook_file(codebook) -> bool:
    """Whether ``codebook`` names a file (a path with a separator) rather than a shipped codebook."""
    return codebook is not None and any(sep in str(codebook) for sep in ("/", "\\"))


def _codebook_label(codebook):
    """A codebook as recorded: a shipped name as is, a path relative to the project root."""
    if not _is_codebook_file(codebook):
        return codebook
    return project_relative(codebook)


def provenance(inputs: ReportInputs):
    """The provenance table a report ends with: what was measured, on what, with what.

    Rows: framing version, codebook name and SHA-256 (and with its cue lexicon), corpus path and
    SHA-256 (of the document table file), SHA-256 of the hits table, number of documents and
    outlets, the date range asked for and the one found, every parameter, and the versions of
    Python and the numerical libraries. No timestamps, so that the table is byte-identical when
    regenerated in the same environment.
    """
    import pandas as pd

    dates = pd.to_datetime(inputs.docs["date"], errors="coerce")
    found = (f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if dates.notna().any() else "no dates")
    cb = inputs.codebook
    rows = [
        ("framing version", __version__),
        ("codebook", getattr(cb, "name", str(inputs.parameters.get("codebook")))),
        ("codebook sha256", getattr(cb, "sha256", "")),
        ("codebook + cue lexicon sha256", getattr(cb, "fingerprint", "")),
        ("corpus", project_relative(inputs.corpus_path)),
        ("corpus sha256", inputs.corpus_sha256),
        ("documents", str(len(inputs.docs))),
        ("documents without a date", str(int(dates.isna().sum()))),
        ("outlets", str(len(inputs.outlets))),
        ("date range asked", (f"{inputs.parameters.get('date_from') or 'start'} to "
                              f"{inputs.parameters.get('date_to') or 'end'}")),
        ("date range found", found),
    ]
    hits_path = inputs.corpus_path.with_name("hits.parquet")
    if hits_path.exists():
        rows.insert(6, ("hits table sha256", file_sha256(hits_path)))
    rows += [(f"parameter {k}", json.dumps(v, ensure_ascii=False)) for k, v in inputs.parameters.items()]
    rows += [(f"{name} version", version) for name, version in _library_versions()]
    return pd.DataFrame(rows, columns=["item", "value"])


def _library_versions() -> list[tuple[str, str]]:
    """Versions of Python and of the libraries the numbers depend on."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    out = [("python", platform.python_version())]
    for dist in ("numpy", "pandas", "scipy", "statsmodels", "scikit-learn", "matplotlib"):
        try:
            out.append((dist, version(dist)))
        except PackageNotFoundError:
            pass
    return out


#: Group label of "every other outlet" in :func:`versus_rest`.
REST_LABEL = "all other outlets"


def versus_rest(docs, outlet: str):
    """A copy of ``docs`` where every outlet but ``outlet`` is called ``"all other outlets"``
    (the original name is kept in ``source_outlet``), so that any statistic grouping by outlet
    compares one outlet with the rest of the corpus pooled, e.g.
    ``stats.variant_shares(versus_rest(docs, "RT"), hits)``."""
    out = docs.copy()
    names = out["outlet"].astype(str)
    out["source_outlet"] = names
    out["outlet"] = names.where(names == str(outlet), REST_LABEL)
    return out


def report_heading(inputs: ReportInputs):
    """The opening line of a report: the outlet (or outlets), documents and date range, as HTML
    (names from data are escaped)."""
    import pandas as pd
    from IPython.display import HTML

    e = html.escape
    docs = inputs.docs
    dates = pd.to_datetime(docs["date"], errors="coerce")
    span = f"{dates.min():%d %B %Y} to {dates.max():%d %B %Y}" if dates.notna().any() else "undated"
    if inputs.outlet is not None:
        n = int((docs["outlet"].astype(str) == inputs.outlet).sum())
        head = (f"<h2>{e(inputs.outlet)}</h2><p>{n:,} of {len(docs):,} documents from {len(inputs.outlets)} "
                f"outlets, {e(span)}; corpus <code>{e(inputs.corpus_path.name)}</code> "
                f"({e(inputs.corpus_path.parent.name)}).</p>")
    else:
        head = (f"<h2>{len(inputs.outlets)} outlets: {e(', '.join(inputs.outlets))}</h2><p>{len(docs):,} documents, "
                f"{e(span)}; corpus <code>{e(inputs.corpus_path.name)}</code> "
                f"({e(inputs.corpus_path.parent.name)}).</p>")
    return HTML(head)


def codebook_table(codebook):
    """One row per codebook form: feature, key, value, category, terms (for reading, not analysis)."""
    import pandas as pd

    rows = [{"feature": en.feature, "key": en.key, "value": f.value, "category": f.category,
             "terms": ", ".join(f.terms) or " | ".join(f.regex), "description": en.description}
            for en in codebook.entries for f in en.forms]
    return pd.DataFrame(rows, columns=["feature", "key", "value", "category", "terms", "description"])


#: Display width of a figure, in CSS pixels per inch of the saved figure (3.5 in -> 525 px).
_CSS_PX_PER_INCH = 150
#: Rows of a table shown in a report (the CSV and TeX files hold every row).
MAX_SHOWN_ROWS = 25


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _relative(p: Path, base: Path) -> str:
    try:
        return p.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return p.resolve().as_uri()


def _file_links(paths: Sequence[Path], base: Path) -> str:
    return " · ".join(f'<a href="{html.escape(_relative(p, base))}">{html.escape(p.suffix[1:].upper())}</a>'
                      for p in paths)


class SavedFigure:
    """A figure saved by :func:`show_figure`: displays the saved PNG at its printed size, with
    links to the PDF, SVG and PNG files (relative to the report's folder)."""

    def __init__(self, paths: Sequence[Path], base: Path, *, dpi: int = 300):
        self.paths = [Path(p) for p in paths]
        self.base = Path(base)
        self.dpi = dpi

    def _repr_html_(self) -> str:
        import base64

        png = next((p for p in self.paths if p.suffix == ".png"), None)
        img = ""
        if png is not None:
            data = png.read_bytes()
            size = _png_size(data)
            width = f"{round(size[0] / self.dpi * _CSS_PX_PER_INCH)}px" if size else "100%"
            img = (f'<img src="data:image/png;base64,{base64.b64encode(data).decode("ascii")}" '
                   f'alt="figure {html.escape(png.stem)}" style="width:{width};max-width:100%">')
        return (f'<figure class="framing-figure" style="margin:0.5em 0">{img}'
                f'<figcaption style="font-size:0.85em;color:#555">Figure files: '
                f'{_file_links(self.paths, self.base)}</figcaption></figure>')

    def __repr__(self) -> str:
        return "figure saved: " + ", ".join(str(p) for p in self.paths)


#: Cells stay on one line; a wide table scrolls sideways instead of wrapping names letter by letter.
_TABLE_STYLE = "<style>.framing-table td, .framing-table th { white-space: nowrap; }</style>"


class SavedTable:
    """A table saved by :func:`show_table`: displays its caption, the first rows (every cell
    HTML-escaped, no index, compact numbers) and links to the CSV and TeX files."""

    def __init__(self, df, paths: Sequence[Path], base: Path, *, caption: str, max_rows: int = MAX_SHOWN_ROWS):
        self.df = df
        self.paths = [Path(p) for p in paths]
        self.base = Path(base)
        self.caption = caption
        self.max_rows = max_rows

    def _repr_html_(self) -> str:
        shown = self.df.head(self.max_rows)
        body = shown.to_html(index=False, escape=True, na_rep="–", float_format=_format_number, border=0,
                             classes="dataframe framing-table")
        n = len(self.df)
        more = f"showing {len(shown)} of {n:,} rows; " if n > len(shown) else f"{n:,} rows; "
        return (f'<div class="framing-table-block">{_TABLE_STYLE}<p style="margin-bottom:0.3em"><b>Table.</b> '
                f'{html.escape(self.caption)}</p><div style="overflow-x:auto">{body}</div>'
                f'<p style="font-size:0.85em;color:#555">{more}'
                f'files: {_file_links(self.paths, self.base)}</p></div>')

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.df.head(self.max_rows).to_string(index=False)}"


def _format_number(x: float) -> str:
    if math.isnan(x):
        return "–"
    if x in (float("inf"), float("-inf")):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    if abs(x) < 1e-3:
        return f"{x:.1e}"
    if abs(x) >= 1e5:
        return f"{x:,.0f}"
    return f"{x:.3f}"


class NotComputed:
    """A result that could not be computed on this data (e.g. a classifier on a corpus with one
    outlet), with the reason. Displays as a one-line note; attribute access, indexing and calls
    return the same object, so the cells that would show it show the note instead."""

    def __init__(self, reason: str):
        self.reason = reason

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self

    def __getitem__(self, item):
        return self

    def __call__(self, *args, **kwargs):
        return self

    def __bool__(self) -> bool:
        return False

    def _repr_html_(self) -> str:
        return f'<p class="framing-note" style="color:#8a4b00"><b>Not computed:</b> {html.escape(self.reason)}</p>'

    def __repr__(self) -> str:
        return f"Not computed: {self.reason}"


def optional(func, *args, **kwargs):
    """``func(*args, **kwargs)``, or :class:`NotComputed` with the reason when the library says the
    data cannot support it (a :class:`FramingError`, e.g. too few outlets), an input table is
    empty, or an input was not computed. Any other exception is a bug and propagates, so the
    report fails visibly."""
    name = getattr(func, "__name__", "step")
    for a in (*args, *kwargs.values()):
        if isinstance(a, NotComputed):
            return a
        if getattr(a, "empty", False) and hasattr(a, "columns"):
            return NotComputed(f"{name}: no data in this selection (an input table has no rows)")
    try:
        return func(*args, **kwargs)
    except FramingError as exc:
        return NotComputed(f"{name}: {exc}")


def show_figure(fig, stem: str, inputs: ReportInputs):
    """Save ``fig`` with :func:`framing.plots.save_figure` as ``figures/<stem>.{pdf,svg,png}``,
    close it (so it is not drawn twice), and return an object displaying the saved PNG.
    A :class:`NotComputed` is passed through (it displays its reason)."""
    if isinstance(fig, NotComputed):
        return fig
    import matplotlib.pyplot as plt

    from .plots import save_figure

    paths = save_figure(fig, inputs.figures_dir / stem)
    plt.close(fig)
    return SavedFigure(paths, inputs.output_dir)


def show_table(df, stem: str, inputs: ReportInputs, *, caption: str, max_rows: int = MAX_SHOWN_ROWS):
    """Save ``df`` with :func:`framing.tables.save_table` as ``tables/<stem>.{csv,tex}`` (every row,
    every digit) and return an object displaying its first ``max_rows`` rows. A
    :class:`NotComputed` is passed through (it displays its reason)."""
    if isinstance(df, NotComputed):
        return df
    from .tables import save_table

    paths = save_table(df, inputs.tables_dir / stem, caption=caption, label=f"tab:{stem}")
    return SavedTable(df, paths, inputs.output_dir, caption=caption, max_rows=max_rows)


# ----------------------------------------------------------------------------- batch
@dataclass
class ReportOutcome:
    """One report of a batch: where it is and what happened to it."""

    corpus: str
    kind: str  # 'outlet' or 'comparison'
    name: str  # outlet name, or 'comparison'
    slug: str
    out_dir: Path
    status: str = "pending"  # 'ran', 'up to date', 'failed'
    error: str = ""
    seconds: float = 0.0

    @property
    def notebook(self) -> Path:
        """The executed (or partially executed) notebook."""
        return self.out_dir / "report.ipynb"

    @property
    def html(self) -> Path:
        """The rendered report."""
        return self.out_dir / "report.html"


@dataclass
class BatchResult:
    """The outcome of :func:`build_reports` or :func:`run_pipeline`."""

    reports: list[ReportOutcome] = field(default_factory=list)
    indexes: list[Path] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)  # ingest/features lines, in order
    errors: list[str] = field(default_factory=list)  # corpus-level failures
    seconds: float | None = None  # wall time of the whole call

    @property
    def ok(self) -> bool:
        """True when no corpus step and no report failed."""
        return not self.errors and all(r.status != "failed" for r in self.reports)

    @property
    def n_run(self) -> int:
        """Reports executed in this call."""
        return sum(r.status == "ran" for r in self.reports)

    @property
    def n_up_to_date(self) -> int:
        """Reports skipped because their inputs had not changed."""
        return sum(r.status == "up to date" for r in self.reports)

    @property
    def n_failed(self) -> int:
        """Reports that failed."""
        return sum(r.status == "failed" for r in self.reports)

    def summary(self) -> str:
        """What the batch did, one line per step, a count of reports and one line per failure."""
        lines = list(self.steps)
        lines.append(f"{len(self.reports)} reports: {self.n_run} run, {self.n_up_to_date} up to date, "
                     f"{self.n_failed} failed")
        if self.reports and not self.n_run and not self.n_failed:
            lines[-1] += " (nothing to rerun; --force reruns all)"
        for r in self.reports:
            if r.status == "failed":
                lines.append(f"  FAILED {r.corpus}/{r.slug}: {r.error} (partial notebook: {r.notebook})")
        lines += [f"  error: {e}" for e in self.errors]
        lines += [f"index: {p}" for p in self.indexes]
        if self.seconds is not None:
            lines.append(f"done in {self.seconds:.1f} s")
        return "\n".join(lines)

    def extend(self, other: BatchResult) -> None:
        """Add another batch's reports, indexes, steps and errors to this one."""
        self.reports += other.reports
        self.indexes += other.indexes
        self.steps += other.steps
        self.errors += other.errors


#: Suffixes of the package files whose change reruns the reports (code, codebooks, outlet list,
#: house style); everything under ``templates/`` counts too.
CODE_SUFFIXES = (".py", ".yaml", ".yml", ".mplstyle")


def code_fingerprint(package: str | os.PathLike | None = None) -> str:
    """SHA-256 of the installed framing package's own files: every ``.py``, ``.yaml`` and
    ``.mplstyle`` file under the package folder and every file under ``templates/`` (names and
    bytes; ``__pycache__`` and hidden files left out). A change to the library's code, shipped
    codebooks, style or templates changes it, and with it every report's stamp. Cheap to repeat:
    file hashes are cached by size and modification time (:func:`framing.io.file_sha256`).
    ``package``: another package folder to fingerprint (default: this installed package)."""
    pkg = Path(package) if package is not None else Path(__file__).resolve().parent
    parts = [file_sha256(pkg, suffixes=CODE_SUFFIXES)]
    if (pkg / "templates").is_dir():
        parts.append(file_sha256(pkg / "templates"))
    return hashlib.sha256("\n".join(parts).encode("ascii")).hexdigest()


def _read_stamp(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _features_stamp_path(docs_path: Path) -> Path:
    return docs_path.with_name("features.stamp.json")


def _features_inputs(docs_path: Path, codebook_sha: str, code_sha: str) -> dict:
    return {"docs_sha256": file_sha256(docs_path), "codebook_sha256": codebook_sha, "framing_version": __version__,
            "code_fingerprint": code_sha}


def ensure_features(docs_path: str | os.PathLike, *, codebook: str = DEFAULT_CODEBOOK, force: bool = False,
                    progress: bool = True, _code_sha: str | None = None) -> str | None:
    """Extract hits and per-document features beside ``docs_path`` when they are missing or stale.

    Stale means: the document table, the codebook or the framing code (:func:`code_fingerprint`;
    ``_code_sha`` when the caller computed it already) changed since the features were written
    (recorded in ``features.stamp.json``); without a stamp (features made by ``framing features``), the
    document table is newer than them or they were extracted with another codebook (the SHA-256
    stored in their Parquet metadata). A hits table and per-document table that were not written
    together (an interrupted run: :func:`framing.features.features_pair_status` ``"mismatch"``)
    are stale too.
    Returns the features step's summary line, or ``None`` when nothing needed doing.
    """
    docs_path = Path(docs_path)
    hits = docs_path.with_name("hits.parquet")
    feats = docs_path.with_name("doc_features.parquet")
    stamp_path = _features_stamp_path(docs_path)
    from .codebook import load_codebook

    cb = load_codebook(codebook)
    want = _features_inputs(docs_path, getattr(cb, "fingerprint", "") or cb.sha256, _code_sha or code_fingerprint())
    from .features import features_pair_status

    # a pair half-replaced by an interrupted run (hits and doc_features not built together) is stale
    if not force and hits.exists() and feats.exists() and features_pair_status(hits, feats) != "mismatch":
        stamp = _read_stamp(stamp_path)
        if stamp:
            if stamp.get("inputs") == want:
                return None
        elif (min(hits.stat().st_mtime_ns, feats.stat().st_mtime_ns) >= docs_path.stat().st_mtime_ns
              and _parquet_codebook_sha(hits) in (None, cb.sha256)):
            return None  # written by `framing features` with this codebook after the documents
    from .features import features_to_parquet

    summary = features_to_parquet(docs_path, hits, codebook=codebook, engine="local", scheduler=None,
                                  workers=1, batch_size=2000, progress=progress)
    write_text(stamp_path, json.dumps({"inputs": want}, indent=1, sort_keys=True) + "\n")
    return f"features {docs_path.parent.name}: {str(summary).strip().splitlines()[0]}"


def _parquet_codebook_sha(path: Path) -> str | None:
    """The codebook SHA-256 that framing.features stored in a table's Parquet metadata; ``None``
    when the table has no such metadata, ``""`` when it cannot be read (never up to date)."""
    try:
        import pyarrow.parquet as pq

        files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
        meta = pq.read_schema(files[0]).metadata or {}
    except Exception:  # noqa: BLE001 - unreadable or no files: stale, extract again
        return ""
    value = meta.get(b"framing.codebook_sha256")
    return value.decode("ascii") if value else None


def _codebook_info(codebook: str) -> tuple[str, str]:
    from .codebook import load_codebook

    cb = load_codebook(codebook)
    # the fingerprint covers the codebook and its cue lexicon: a change to either reruns the reports
    return cb.name, getattr(cb, "fingerprint", "") or cb.sha256


def _read_outlets_and_dates(docs_path: Path):
    from .io import read_parquet

    return read_parquet(docs_path, columns=["outlet", "date"])


def build_reports(docs_path: str | os.PathLike | None = None, *, out: str | os.PathLike | None = None,
                  outlets: Sequence[str] | None = None, codebook: str = DEFAULT_CODEBOOK, jobs: int = 2,
                  force: bool = False, seed: int = DEFAULT_SEED, progress: bool = True,
                  date_from: str | None = None, date_to: str | None = None, show_code: bool = False,
                  root: str | os.PathLike | None = None, _code_sha: str | None = None) -> BatchResult:
    """Build the outlet reports and the comparison report of a corpus.

    ``docs_path=None`` builds them for each bundled sample corpus
    (``data/processed/<corpus>/docs.parquet`` into ``reports/<corpus>/``); otherwise for that
    document table into ``out`` (default ``reports/<corpus name>/``). Hits and features are
    extracted first if missing or stale. ``outlets`` restricts the outlet reports and the
    comparison to those outlets; ``jobs`` notebooks run in parallel. Reports whose inputs have
    not changed are skipped unless ``force``. ``show_code`` keeps the code in the HTML (it is
    always in the executed ``report.ipynb``). Never raises for a failing report: see
    :attr:`BatchResult.ok` and the index page. (``_code_sha``: the :func:`code_fingerprint`
    when a caller has computed it for the whole batch already.)
    """
    t0 = time.perf_counter()
    paths = project_paths(root)
    code_sha = _code_sha or code_fingerprint()  # once per batch
    if docs_path is None:
        if out is not None:
            raise FramingError("--out needs a DOCS.parquet (without one, each sample corpus goes to reports/<corpus>/)")
        result = BatchResult()
        for corpus in SAMPLE_CORPORA:
            result.extend(build_reports(paths.docs_table(corpus), out=paths.corpus_reports(corpus),
                                        outlets=outlets, codebook=codebook, jobs=jobs, force=force, seed=seed,
                                        progress=progress, date_from=date_from, date_to=date_to,
                                        show_code=show_code, root=root, _code_sha=code_sha))
        result.seconds = time.perf_counter() - t0
        return result

    docs_path = Path(docs_path).resolve()
    if not docs_path.exists():
        raise FramingError(f"{docs_path}: no such document table (run `framing ingest` first, or `framing run`)")
    _check_date("--date-from", date_from)
    _check_date("--date-to", date_to)
    name = corpus_name(docs_path)
    out_dir = Path(out) if out is not None else paths.corpus_reports(name)
    result = BatchResult()

    step = ensure_features(docs_path, codebook=codebook, force=False, progress=progress, _code_sha=code_sha)
    if step:
        result.steps.append(step)

    meta = _read_outlets_and_dates(docs_path)
    all_outlets = sorted(meta["outlet"].astype(str).unique())
    if outlets:
        unknown = [o for o in outlets if o not in all_outlets]
        if unknown:
            raise FramingError(f"{docs_path}: no outlet(s) {', '.join(map(repr, unknown))}; "
                               f"outlets are {', '.join(all_outlets)}")
        chosen = sorted(dict.fromkeys(outlets))
    else:
        chosen = all_outlets
    slugs = outlet_slugs(all_outlets)  # slugs from the whole corpus: stable whatever is chosen

    cb_name, cb_sha = _codebook_info(codebook)
    common = {
        "stamp_version": STAMP_VERSION,
        "framing_version": __version__,
        "code_fingerprint": code_sha,
        "corpus_sha256": file_sha256(docs_path),
        "hits_sha256": file_sha256(docs_path.with_name("hits.parquet")),
        "doc_features_sha256": file_sha256(docs_path.with_name("doc_features.parquet")),
        "codebook": cb_name,
        "codebook_fingerprint": cb_sha,
    }
    base_params = {"corpus": str(docs_path), "codebook": codebook, "date_from": date_from,
                   "date_to": date_to, "seed": seed}

    tasks = []
    if outlets:  # a comparison of chosen outlets never overwrites the comparison of all
        comp_slug = f"{COMPARISON_SLUG}-{_short_hash(chr(0).join(chosen))}"
        comp_label = "Compared: " + ", ".join(chosen)
    else:
        comp_slug, comp_label = COMPARISON_SLUG, "All outlets compared"
    specs = [("comparison", comp_label, comp_slug, {**base_params, "outlets": chosen if outlets else None})]
    specs += [("outlet", o, slugs[o], {**base_params, "outlet": o}) for o in chosen]
    for kind, label, slug, params in specs:
        template = notebook_template(kind, root=root)
        rdir = out_dir / slug
        outcome = ReportOutcome(corpus=name, kind=kind, name=label, slug=slug, out_dir=rdir)
        key_params = {k: v for k, v in params.items() if k != "corpus"}
        inputs = {**common, "notebook": template.name, "notebook_sha256": file_sha256(template), "parameters": key_params,
                  "show_code": bool(show_code)}
        stamp = _read_stamp(rdir / STAMP_NAME)
        if (not force and stamp.get("inputs") == inputs and stamp.get("status") == "ok"
                and outcome.html.is_file() and outcome.notebook.is_file()):
            outcome.status = "up to date"
            outcome.seconds = float(stamp.get("seconds", 0.0))
        else:
            tasks.append({"template": str(template), "out_dir": str(rdir), "inputs": inputs,
                          "root": str(root) if root is not None else None,
                          "report": {"kind": kind, "name": label, "slug": slug}, "show_code": bool(show_code),
                          "parameters": {**params, "corpus": _relative_to(docs_path, rdir), "output_dir": ".",
                                         "codebook": _codebook_parameter(codebook, rdir)},
                          "title": f"{label} — framing report ({name})" if kind == "outlet"
                          else f"Outlets compared — framing report ({name})",
                          "index": len(result.reports), "name": f"{name}/{slug}"})
        result.reports.append(outcome)

    if tasks:
        for res in _execute_all(tasks, jobs=jobs, progress=progress, desc=name, log=out_dir / "kernels.log"):
            r = result.reports[res["index"]]
            r.status, r.error, r.seconds = res["status"], res["error"], res["seconds"]

    index = out_dir / "index.html"
    others = _earlier_reports(out_dir, exclude={r.slug for r in result.reports}, common=common, corpus=name)
    page = render_index(name, docs_path, meta, [*result.reports, *others], codebook=(cb_name, cb_sha), seed=seed,
                        date_from=date_from, date_to=date_to, out_dir=out_dir, code_sha=code_sha)
    _write_if_changed(index, page)
    result.indexes.append(index)
    result.seconds = time.perf_counter() - t0
    return result


def _check_date(option: str, value) -> None:
    import datetime as dt

    if value is None:
        return
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        raise FramingError(f"{option} must be a date YYYY-MM-DD, got {value!r}") from None


def _earlier_reports(out_dir: Path, *, exclude: set[str], common: dict, corpus: str) -> list[ReportOutcome]:
    """Reports in ``out_dir`` not part of this run (e.g. a run with ``--outlet``), for the index:
    'up to date' when built from the same corpus, features, codebook and version, else 'stale'."""
    found = []
    if not out_dir.is_dir():
        return found
    for stamp_path in sorted(out_dir.glob(f"*/{STAMP_NAME}")):
        rdir = stamp_path.parent
        if rdir.name in exclude:
            continue
        stamp = _read_stamp(stamp_path)
        info = stamp.get("report") or {}
        if not info:
            continue
        inputs = stamp.get("inputs") or {}
        same = all(inputs.get(k) == v for k, v in common.items())
        status = "failed" if stamp.get("status") != "ok" else ("up to date" if same else "stale")
        found.append(ReportOutcome(corpus=corpus, kind=info.get("kind", "outlet"), name=info.get("name", rdir.name),
                                   slug=rdir.name, out_dir=rdir, status=status, error=stamp.get("error", ""),
                                   seconds=float(stamp.get("seconds", 0.0))))
    return found


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    write_text(path, text)


# ----------------------------------------------------------------------------- execution (worker side)
def _execute_all(tasks: list[dict], *, jobs: int, progress: bool, desc: str, log: Path) -> list[dict]:
    """Execute and render every task in ``jobs`` worker processes; return one result dict per task.

    Each worker imports papermill and nbconvert once (about 1.5 s) and then executes many
    notebooks, so the import cost is paid ``jobs`` times, not once per report. The kernels'
    own chatter (stderr) goes to ``log`` instead of the terminal.
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from tqdm.auto import tqdm

    jobs = max(1, min(int(jobs or 1), len(tasks)))
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("", encoding="utf-8")
    bar = tqdm(total=len(tasks), desc=f"reports {desc}", unit="report", disable=not progress, file=sys.stderr)
    results = []
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn"),
                               initializer=_warm_worker, initargs=(str(log),))
    try:
        futures = {pool.submit(_execute_one, t): t for t in tasks}
        for fut in as_completed(futures):
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - the worker died (out of memory, killed): report, go on
                t = futures[fut]
                res = {"index": t["index"], "name": t["name"], "status": "failed", "seconds": 0.0,
                       "error": f"worker process failed: {type(exc).__name__}: {_first_line(str(exc))}"}
            results.append(res)
            bar.update(1)
            if res["status"] == "failed":
                bar.write(f"report {res['name']} failed: {res['error']}", file=sys.stderr)
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
    return results


def _warm_worker(log: str | None = None) -> None:
    if log:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(fd, 2)  # kernels inherit this: their warnings go to the log
        os.close(fd)
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401


@functools.lru_cache(maxsize=2)
def _html_exporter(show_code: bool = False):
    from nbconvert import HTMLExporter

    # Code hidden by default: a report reads like a paper section; the executed .ipynb keeps the code.
    return HTMLExporter(exclude_input=not show_code, exclude_input_prompt=True, exclude_output_prompt=True,
                        embed_images=True)


def render_html(notebook: str | os.PathLike, html_path: str | os.PathLike, *, title: str | None = None,
                show_code: bool = False) -> Path:
    """Render an executed notebook to HTML with the code hidden (nbconvert's lab template; code
    cells without output are left out). The executed notebook keeps the code."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    # code is hidden: code cells without output (imports, parameters) would only leave blank space
    if not show_code:
        nb.cells = [c for c in nb.cells if c.cell_type != "code" or c.get("outputs")]
    if title:
        nb.metadata["title"] = title
    body, _ = _html_exporter(show_code).from_notebook_node(nb)
    return write_text(html_path, body)


def _clear_outputs(rdir: Path) -> None:
    """Remove what a previous run of this report wrote, so nothing stale survives a rerun."""
    for sub in ("figures", "tables"):
        shutil.rmtree(rdir / sub, ignore_errors=True)
    for name in ("report.html", "report.ipynb", STAMP_NAME):  # a failed rerun must not show the old notebook
        (rdir / name).unlink(missing_ok=True)


def _execute_one(task: dict) -> dict:
    """Execute one report notebook with papermill and render it; never raises."""
    rdir = Path(task["out_dir"])
    t0 = time.perf_counter()
    status, error = "ran", ""
    try:
        import papermill as pm
        from papermill.exceptions import PapermillExecutionError

        rdir.mkdir(parents=True, exist_ok=True)
        _clear_outputs(rdir)
        running = rdir / ".report.running.ipynb"
        notebook = rdir / "report.ipynb"
        try:
            pm.execute_notebook(task["template"], str(running), parameters=task["parameters"], cwd=str(rdir),
                                kernel_name="python3", progress_bar=False, log_output=False,
                                request_save_on_cell_execute=False, execution_timeout=CELL_TIMEOUT)
        except PapermillExecutionError as exc:
            status, error = "failed", f"cell {exc.exec_count}: {exc.ename}: {_first_line(exc.evalue)}"
        except Exception as exc:  # noqa: BLE001 - kernel died, bad template, ...: a failed report
            status, error = "failed", f"{type(exc).__name__}: {_first_line(str(exc))}"
        if running.exists():
            _portable_metadata(running, template=task["template"], root=task.get("root"))
            os.replace(running, notebook)
        if status == "ran":
            render_html(notebook, rdir / "report.html", title=task["title"], show_code=task["show_code"])
    except Exception as exc:  # noqa: BLE001 - rendering or file system: report it, go on
        status, error = "failed", f"{type(exc).__name__}: {_first_line(str(exc))}"
    seconds = round(time.perf_counter() - t0, 2)
    stamp = {"inputs": task["inputs"], "report": task["report"], "status": "ok" if status == "ran" else "failed",
             "error": error,
             "seconds": seconds, "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    try:
        write_text(rdir / STAMP_NAME, json.dumps(stamp, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    except OSError as exc:
        status, error = "failed", f"could not write {rdir / STAMP_NAME}: {exc}"
    return {"index": task["index"], "name": task["name"], "status": status, "error": error, "seconds": seconds}


def _relative_to(path: str | os.PathLike, start: str | os.PathLike) -> str:
    """``path`` relative to ``start`` (POSIX separators), so that an executed notebook, which runs
    with its report folder as working directory, names no absolute path of the machine it ran on;
    the absolute path where no relative one exists (another drive)."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path(start).resolve())).as_posix()
    except ValueError:
        return str(Path(path).resolve())


def _codebook_parameter(codebook, rdir: Path):
    """The codebook as a report notebook receives it: a shipped name as is, a file relative to the
    report folder (the kernel's working directory)."""
    if not _is_codebook_file(codebook):
        return codebook
    return _relative_to(codebook, rdir)


def _portable_metadata(notebook: Path, *, template: str, root: str | os.PathLike | None = None) -> None:
    """Replace papermill's absolute ``input_path``/``output_path`` in an executed notebook by the
    template's project-relative path and the notebook's own name (what a reader can use anywhere).
    Papermill's timings (start, end, duration per cell) are kept: they are part of the run's record."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    pm_meta = nb.metadata.get("papermill")
    if not pm_meta:
        return
    pm_meta["input_path"] = project_relative(template, root)
    pm_meta["output_path"] = "report.ipynb"
    nbformat.write(nb, str(notebook))


def _first_line(text: str) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(text)).strip()
    return (text.splitlines() or [""])[0][:300]


# ----------------------------------------------------------------------------- index page
def _index_template() -> str:
    return (Path(__file__).resolve().parent / "templates" / "index.html").read_text(encoding="utf-8")


def render_index(corpus: str, docs_path: Path, meta, reports: Sequence[ReportOutcome], *,
                 codebook: tuple[str, str], seed: int, date_from=None, date_to=None,
                 out_dir: Path, code_sha: str | None = None) -> str:
    """The ``index.html`` of a corpus: provenance, and one row per report with its status.

    Every value taken from data (outlet names, error messages, paths) is HTML-escaped.
    Deterministic: it changes only when a report's status or inputs change.
    """
    import pandas as pd

    e = html.escape
    dates = pd.to_datetime(meta["date"], errors="coerce")
    found = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if dates.notna().any() else "no dates"
    counts = meta["outlet"].astype(str).value_counts()
    prov = [
        ("corpus", corpus),
        ("document table", project_relative(docs_path)),
        ("corpus sha256", file_sha256(docs_path)),
        ("documents", f"{len(meta):,}"),
        ("outlets", str(len(counts))),
        ("dates in corpus", found),
        ("date range reported", f"{date_from or 'start'} to {date_to or 'end'}"),
        ("codebook", codebook[0]),
        ("codebook fingerprint (sha256 of codebook + cue lexicon)", codebook[1]),
        ("framing version", __version__),
        *([("framing code sha256 (package files)", code_sha)] if code_sha else []),
        ("seed", str(seed)),
    ]
    prov_rows = "\n".join(f"<tr><th>{e(k)}</th><td><code>{e(v)}</code></td></tr>" for k, v in prov)
    rows = []
    for r in reports:
        rel = r.out_dir.resolve().relative_to(out_dir.resolve()).as_posix() if _is_under(r.out_dir, out_dir) \
            else r.out_dir.resolve().as_uri()
        label = r.name
        if r.kind == "comparison":
            n = f"{len(meta):,}" if r.slug == COMPARISON_SLUG else ""
        else:
            n = f"{int(counts.get(r.name, 0)):,}"
        stamp = _read_stamp(r.out_dir / STAMP_NAME)
        built = ""
        if stamp.get("finished"):
            built = f"{e(str(stamp['finished'])[:16].replace('T', ' '))} ({float(stamp.get('seconds', 0)):.0f} s)"
        if r.status == "failed":
            link = e(label)
            status = '<span class="failed">failed</span>'
            detail = (f"{e(r.error)}<br>partial notebook: "
                      f'<a href="{e(rel)}/report.ipynb"><code>{e(str(r.notebook))}</code></a>')
        else:
            link = f'<a href="{e(rel)}/report.html">{e(label)}</a>'
            status = {"ran": '<span class="ok">ok</span> (built in this run)',
                      "up to date": '<span class="ok">ok</span> (up to date)',
                      "stale": '<span class="failed">stale</span> (built from other inputs; rerun to update)',
                      }.get(r.status, e(r.status))
            detail = (f'<a href="{e(rel)}/report.ipynb">notebook</a> · <a href="{e(rel)}/figures/">figures</a>'
                      f' · <a href="{e(rel)}/tables/">tables</a>')
        rows.append(f"<tr><td>{link}</td><td class=\"num\">{n}</td><td>{status}</td><td>{built}</td>"
                    f"<td>{detail}</td></tr>")
    n_failed = sum(r.status == "failed" for r in reports)
    body = (
        "<h2>Reports</h2>\n<table>\n<thead><tr><th>report</th><th>documents</th><th>status</th>"
        "<th>built</th><th>files / error</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
        "<h2>Provenance</h2>\n<table>\n<tbody>\n" + prov_rows + "\n</tbody>\n</table>"
    )
    n_comp = sum(r.kind == "comparison" for r in reports)
    return _fill_index(title=f"framing reports: {corpus}",
                       summary=f"{len(reports) - n_comp} outlet reports and {n_comp} comparison"
                               f"{'s' if n_comp != 1 else ''}; {n_failed} failed", body=body)


def _fill_index(*, title: str, summary: str, body: str) -> str:
    page = _index_template()
    for key, value in {"{{title}}": html.escape(title), "{{summary}}": html.escape(summary),
                       "{{version}}": html.escape(__version__)}.items():
        page = page.replace(key, value)
    return page.replace("{{body}}", body)


def _is_under(p: Path, base: Path) -> bool:
    try:
        p.resolve().relative_to(base.resolve())
        return True
    except ValueError:
        return False


# ----------------------------------------------------------------------------- the whole job
def ensure_docs(corpus: str, *, root=None, force: bool = False, progress: bool = True,
                _code_sha: str | None = None) -> str | None:
    """Ingest ``data/raw/<corpus>`` into ``data/processed/<corpus>/docs.parquet`` unless the raw files
    and the framing code (:func:`code_fingerprint`; ``_code_sha`` when the caller computed it
    already) are unchanged since the last ingest (recorded in ``ingest.stamp.json``). Returns the
    ingest summary, or ``None`` when nothing needed doing."""
    paths = project_paths(root)
    raw = paths.corpus_raw(corpus)
    if not raw.is_dir():
        raise FramingError(f"{raw}: sample corpus folder not found")
    docs = paths.docs_table(corpus)
    stamp_path = docs.with_name("ingest.stamp.json")
    want = {"raw_sha256": file_sha256(raw), "framing_version": __version__,
            "code_fingerprint": _code_sha or code_fingerprint()}
    if not force and docs.exists() and _read_stamp(stamp_path).get("inputs") == want:
        return None
    from .ingest import ingest_to_parquet

    report = ingest_to_parquet([str(raw)], docs, progress=progress, root=paths.root)
    if getattr(report, "n_docs", 1) == 0:
        raise FramingError(f"{raw}: no documents could be ingested")
    write_text(stamp_path, json.dumps({"inputs": want}, indent=1, sort_keys=True) + "\n")
    summary = report.summary() if hasattr(report, "summary") else str(report)
    return f"ingest {corpus}: " + (str(summary).strip().splitlines() or [""])[0]


def run_pipeline(corpora: Sequence[str] = SAMPLE_CORPORA, *, codebook: str = DEFAULT_CODEBOOK, jobs: int = 2,
                 force: bool = False, seed: int = DEFAULT_SEED, progress: bool = True,
                 root: str | os.PathLike | None = None) -> BatchResult:
    """``framing run``: ingest, features and reports for each corpus in ``data/raw/``.

    Each step is skipped when its inputs are unchanged, so a second run does nothing (and says
    so). A corpus that fails to ingest is reported and the others go on.
    """
    paths = project_paths(root)
    result = BatchResult()
    t0 = time.perf_counter()
    code_sha = code_fingerprint()  # once for the whole run
    for corpus in corpora:
        try:
            step = ensure_docs(corpus, root=root, force=force, progress=progress, _code_sha=code_sha)
            result.steps.append(step or f"ingest {corpus}: raw files unchanged, skipped")
            sub = build_reports(paths.docs_table(corpus), out=paths.corpus_reports(corpus), codebook=codebook,
                                jobs=jobs, force=force, seed=seed, progress=progress, root=root,
                                _code_sha=code_sha)
        except FramingError as exc:
            result.errors.append(f"{corpus}: {exc}")
            continue
        if not sub.steps:
            sub.steps.append(f"features {corpus}: up to date, skipped")
        result.extend(sub)
    if len(result.indexes) > 1:
        top = paths.reports / "index.html"
        _write_if_changed(top, _render_top_index(result, paths.reports))
        result.indexes.insert(0, top)
    result.seconds = time.perf_counter() - t0
    return result


def _render_top_index(result: BatchResult, reports_dir: Path) -> str:
    e = html.escape
    items = []
    for idx in result.indexes:
        corpus = idx.parent.name
        rs = [r for r in result.reports if r.corpus == corpus]
        failed = sum(r.status == "failed" for r in rs)
        rel = idx.resolve().relative_to(reports_dir.resolve()).as_posix() if _is_under(idx, reports_dir) \
            else idx.resolve().as_uri()
        items.append(f'<li><a href="{e(rel)}">{e(corpus)}</a>: {len(rs)} reports'
                     + (f', <span class="failed">{failed} failed</span>' if failed else "") + "</li>")
    body = "<ul>\n" + "\n".join(items) + "\n</ul>"
    return _fill_index(title="framing reports", summary=f"{len(result.indexes)} corpora", body=body)
