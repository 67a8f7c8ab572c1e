"""Ingestion: raw article files -> one document table (``docs``, see :mod:`framing.schema`).

Supported inputs (a path is a file or a folder read recursively, in sorted order):

* ``.txt`` pages and ``.html``/``.htm`` pages (HTML through trafilatura; the raw HTML is kept in
  the ``raw_html`` column), with an optional manifest (``manifest.csv``/``manifest.yaml`` in the
  folder, or ``manifest=``) giving file, outlet, date, url, title for each page;
* ``.csv``/``.tsv`` tables and ``.jsonl``/``.json`` records with a text column and metadata
  columns, recognised case-insensitively (``Date, URL, Title, Text`` ...) or mapped with
  ``column_map={"Body": "text"}``.

Every record becomes one row with doc_id, outlet, date (timezone-naive: the local date and time
as the outlet printed it, any UTC offset dropped, not converted), url, title, text (as
found), clean_text (:func:`framing.clean.clean_text`), n_words, source (``path`` or
``path:row``, row = 0-based data row, i.e. ``pd.read_csv(path).iloc[row]``), plus raw_html,
encoding, format, dup_of (see below), and any extra input columns. Paths in ``source`` and in the report are
relative to the project root when the file lies under it (else as given), so the table does
not depend on where the project was cloned (:func:`framing.config.project_relative`).

Outlet, in order: the manifest's or the table's outlet column; ``outlet=`` (the user's
explicit choice); the file name of a table when it names a known outlet (``bbc.csv`` ->
BBC, ``AssociatedPress.csv`` -> AP, whose URLs point at dailymail.co.uk); the URL's domain;
a page signature (RT's "TV-Novosti" footer, "Source :Skai", "– TMT)"); else ``"unknown"``.
Names are made canonical with the alias table ``outlets.yaml`` shipped with the package
(``outlets=`` takes your own).

Nothing stops a batch: unreadable, empty, binary or undecodable files and rows without text
are skipped with a reason, exact duplicates *within an outlet* (same non-empty URL, or the same
text) are dropped, unparseable dates become NaT. The same text (or URL) in *another* outlet is
syndicated copy (an AP or Reuters story several outlets ran): every outlet's copy is kept, and
``dup_of`` names the doc_id of the first copy (None for the first and for unique articles).
All of it is counted in the :class:`IngestReport`,
which :func:`ingest_to_parquet` writes beside the table (``<stem>.ingest_report.json`` and
``.txt``).
"""
from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from .clean import clean_text, extract_title, remove_title_lines
from .config import find_project_root, project_relative
from .io import FramingError, write_parquet, write_text
from .schema import DOC_COLUMNS
from .text import count_words

__all__ = [
    "IngestReport",
    "OutletTable",
    "load_outlets",
    "ingest_paths",
    "ingest_with_report",
    "ingest_to_parquet",
    "report_paths",
    "decode_bytes",
    "parse_dates",
]

#: An HTML page whose extracted text has fewer words is a navigation/index page, not an article.
MIN_HTML_WORDS = 5
PAGE_EXTS = {".txt", ".html", ".htm"}
TABLE_EXTS = {".csv", ".tsv", ".jsonl", ".ndjson", ".json"}
MANIFEST_NAMES = ("manifest.csv", "manifest.yaml", "manifest.yml")
#: Files in a corpus folder that are documentation, not articles (never ingested, listed as ignored).
DOC_FILE_RE = re.compile(r"^(?:readme|license|licence|copying|notice|source|sources|changelog|authors|citation|manifest)(?:\.[\w.]+)?$", re.IGNORECASE)

#: Column names recognised (case-insensitively, ignoring spaces/dashes) for each docs column.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("doc_id", "docid", "document_id", "article_id", "id"),
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext", "maintext", "story"),
    "title": ("title", "headline", "heading", "head"),
    "date": ("date", "published", "publish_date", "published_date", "published_at", "pub_date",
             "publication_date", "datetime", "date_publish", "timestamp", "time"),
    "url": ("url", "link", "href", "uri", "source_url", "article_url", "web_url"),
    "outlet": ("outlet", "publisher", "publication", "media", "media_outlet", "newspaper",
               "source_name", "site_name", "sitename", "site"),
}
TARGETS = tuple(COLUMN_ALIASES)

_URL_RE = re.compile(r"^\s*(?:https?://|www\.)", re.IGNORECASE)
_ISO_DATE_RE = re.compile(r"^\s*\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d)?")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


# ============================================================================ report
@dataclass
class IngestReport:
    """What an ingest run read, kept, skipped and dropped (written beside the output table).

    ``skipped``: files and rows not ingested, each ``{"source", "reason"}``;
    ``duplicates``: rows dropped as exact duplicates of an earlier row of the same outlet,
    ``{"source", "duplicate_of", "reason"}``; ``syndicated``: rows kept although another outlet
    has the same text or URL (their ``dup_of`` is set), ``{"source", "copy_of", "reason"}``;
    ``warnings``: rows kept with a problem (unparseable date, repaired columns, empty after
    cleaning) and manifest problems; ``ignored``: files in a folder that are not articles
    (README, LICENSE, unsupported types).
    """

    paths: list[str] = field(default_factory=list)
    out: str | None = None
    n_files: int = 0
    n_files_skipped: int = 0
    n_records: int = 0
    n_docs: int = 0
    n_skipped: int = 0
    n_duplicates: int = 0
    n_syndicated: int = 0
    n_bad_dates: int = 0
    n_repaired: int = 0
    outlets: dict[str, int] = field(default_factory=dict)
    formats: dict[str, int] = field(default_factory=dict)
    encodings: dict[str, int] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    syndicated: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    ignored: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    megabytes: float = 0.0

    def skip(self, source: str, reason: str, *, file: bool = False) -> None:
        """Record a skipped file or row (``file=True`` counts it as a skipped file)."""
        self.skipped.append({"source": str(source), "reason": reason})
        self.n_skipped += 1
        if file:
            self.n_files_skipped += 1

    def warn(self, source: str, reason: str) -> None:
        """Record a problem with a row or file that was kept."""
        self.warnings.append({"source": str(source), "reason": reason})

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (what the JSON report holds)."""
        return asdict(self)

    def summary(self, *, max_lines: int = 20) -> str:
        """A readable summary: counts, then one line per skipped item (at most ``max_lines``)."""
        lines = [
            f"ingested {self.n_docs} documents from {self.n_files} file(s) "
            f"({self.megabytes:.1f} MB in {self.seconds:.1f} s)" + (f" -> {self.out}" if self.out else ""),
            f"  records read {self.n_records}; skipped {self.n_skipped} "
            f"({self.n_files_skipped} file(s)); duplicates dropped {self.n_duplicates} (within an outlet); "
            f"copies of another outlet's text kept {self.n_syndicated} (dup_of); "
            f"unparseable dates {self.n_bad_dates}; rows with repaired columns {self.n_repaired}",
        ]
        if self.outlets:
            lines.append("  outlets: " + ", ".join(f"{k} {v}" for k, v in sorted(self.outlets.items(), key=lambda kv: (-kv[1], kv[0]))))
        if self.skipped:
            reasons = Counter(_reason_kind(s["reason"]) for s in self.skipped)
            lines.append("  skip reasons: " + "; ".join(f"{k} ({v})" for k, v in reasons.most_common()))
            for s in self.skipped[:max_lines]:
                lines.append(f"  skipped {s['source']}: {s['reason']}")
            if 0 < max_lines < len(self.skipped):
                lines.append(f"  ... {len(self.skipped) - max_lines} more in the report file")
        if self.warnings:
            kinds = Counter(_reason_kind(w["reason"]) for w in self.warnings)
            lines.append("  warnings: " + "; ".join(f"{k} ({v})" for k, v in kinds.most_common()))
        if self.out:
            j, t = report_paths(self.out)
            lines.append(f"  report: {j}")
        return "\n".join(lines)

    def to_text(self) -> str:
        """The full readable report: summary, then every skipped row, warning and duplicate."""
        parts = [self.summary(max_lines=0), ""]
        for title, items, keys in (
            ("SKIPPED", self.skipped, ("source", "reason")),
            ("WARNINGS (kept)", self.warnings, ("source", "reason")),
            ("DUPLICATES (dropped)", self.duplicates, ("source", "duplicate_of", "reason")),
            ("COPIES ACROSS OUTLETS (kept, dup_of set)", self.syndicated, ("source", "copy_of", "reason")),
            ("IGNORED FILES", self.ignored, ("source", "reason")),
        ):
            parts.append(f"{title}: {len(items)}")
            for it in items:
                parts.append("  " + " | ".join(str(it.get(k, "")) for k in keys))
            parts.append("")
        return "\n".join(parts)

    def write(self, out: str | os.PathLike) -> tuple[Path, Path]:
        """Write ``<stem>.ingest_report.json`` and ``.txt`` beside ``out``; return both paths."""
        j, t = report_paths(out)
        write_text(j, json.dumps(self.to_dict(), ensure_ascii=False, indent=1))
        write_text(t, self.to_text())
        return j, t


def _reason_kind(reason: str) -> str:
    return reason.split(":")[0].split(" (")[0][:60]


def report_paths(out: str | os.PathLike) -> tuple[Path, Path]:
    """The report files written beside an output table: ``docs.parquet`` ->
    ``docs.ingest_report.json`` and ``docs.ingest_report.txt``."""
    out = Path(out)
    stem = out.name[: -len(".parquet")] if out.name.endswith(".parquet") else out.stem
    return out.with_name(stem + ".ingest_report.json"), out.with_name(stem + ".ingest_report.txt")


# ============================================================================ outlets
def _alias_key(name: str) -> str:
    return re.sub(r"[\s._\-]+", "", str(name).strip().lower())


class OutletTable:
    """Canonical outlet names from aliases, URL domains and page signatures (``outlets.yaml``)."""

    def __init__(self, entries: Mapping[str, Mapping[str, Any]], *, source: str = "<dict>"):
        self.source = source
        self.aliases: dict[str, str] = {}
        self.domains: dict[str, str] = {}
        self.signatures: list[tuple[re.Pattern, str]] = []
        for name, spec in entries.items():
            spec = spec or {}
            if not isinstance(spec, Mapping):
                raise FramingError(f"{source}: outlet {name!r} must map to aliases/domains/signatures, got {type(spec).__name__}")
            self.aliases[_alias_key(name)] = name
            for a in spec.get("aliases") or []:
                self.aliases[_alias_key(a)] = name
            for d in spec.get("domains") or []:
                self.domains[str(d).lower().strip()] = name
            for s in spec.get("signatures") or []:
                try:
                    self.signatures.append((re.compile(s), name))
                except re.error as exc:
                    raise FramingError(f"{source}: outlet {name!r}: bad signature pattern {s!r} ({exc})") from exc

    def canonical(self, name: str | None) -> str | None:
        """The canonical name of a known alias ("bbc" -> "BBC"), else None."""
        if not name or not str(name).strip():
            return None
        return self.aliases.get(_alias_key(name))

    def normalise(self, name: str) -> str:
        """Canonical name of a known alias or domain ("nytimes.com" -> "NYT"), else the name
        as written (stripped)."""
        c = self.canonical(name)
        if c:
            return c
        name = str(name).strip()
        if re.fullmatch(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}/?", name, re.IGNORECASE):
            d = self.from_domain(name)
            if d in self.aliases.values():
                return d
        return name

    def from_domain(self, url: str | None) -> str | None:
        """Outlet of a URL: a known domain (sub-domains included) -> its name; an unknown
        domain -> the domain itself without "www."; no URL -> None."""
        if not url or not str(url).strip():
            return None
        u = str(url).strip()
        if not re.match(r"^[a-z][a-z0-9+.-]*://", u, re.IGNORECASE):
            u = "http://" + u
        try:
            host = (urlsplit(u).hostname or "").lower().rstrip(".")
        except ValueError:
            return None
        if not host or "." not in host:
            return None
        parts = host.split(".")
        for i in range(len(parts) - 1):
            cand = ".".join(parts[i:])
            if cand in self.domains:
                return self.domains[cand]
        return host[4:] if host.startswith("www.") else host

    def from_signature(self, text: str) -> str | None:
        """Outlet recognised from the page's own text (footer, credit line), else None.

        Tries the signatures of ``outlets.yaml`` first, then a "Source: X" / "Source X/Y/Z"
        line naming a known outlet (the first part that is one).
        """
        if not text:
            return None
        for rx, name in self.signatures:
            if rx.search(text):
                return name
        for m in _SOURCE_LINE_RE.finditer(text):
            for part in re.split(r"[/,;|&]+", m.group(1)):
                c = self.canonical(part)
                if c:
                    return c
        return None


_SOURCE_LINE_RE = re.compile(r"(?m)^\s*Source\s*:?\s*([^\n]{1,60})$")


def load_outlets(path: str | os.PathLike | None = None) -> OutletTable:
    """Load the outlet alias table: ``path``, or the one shipped with the package."""
    import yaml

    if path is None:
        src = "framing/outlets.yaml"
        raw = resources.files("framing").joinpath("outlets.yaml").read_text(encoding="utf-8")
    else:
        src = str(path)
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise FramingError(f"{path}: cannot read outlet table ({exc.strerror or exc})") from exc
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        raise FramingError(f"{src}: not valid YAML ({exc})") from exc
    entries = data.get("outlets", data) if isinstance(data, Mapping) else None
    if not isinstance(entries, Mapping):
        raise FramingError(f"{src}: expected a mapping 'outlets: {{name: {{aliases, domains, signatures}}}}'")
    return OutletTable(entries, source=src)


# ============================================================================ decoding
def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode file bytes; return ``(text, encoding)``.

    A BOM wins; then a ``declared`` encoding (e.g. an HTML meta charset) if it decodes; then
    UTF-8; then charset-normalizer's best guess (cp1251, latin-1, ...). Raises ``ValueError``
    with the reason for binary or undecodable data.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes)")
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ValueError("undecodable: no text encoding fits")
    try:
        return data.decode(best.encoding), best.encoding
    except (LookupError, UnicodeDecodeError) as exc:
        raise ValueError(f"undecodable as {best.encoding} ({exc})") from exc


def _printable_share(text: str) -> float:
    sample = text[:5000]
    if not sample:
        return 1.0
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0xFFF0 <= ord(ch) <= 0xFFFF or 0xE000 <= ord(ch) <= 0xF8FF)
    return 1 - bad / len(sample)


def _read_text_file(path: Path, *, declared_from_html: bool = False) -> tuple[str, str, int]:
    """Read and decode a file; raise ValueError with a reason for the report."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"unreadable ({exc.strerror or exc})") from exc
    if not data.strip():
        raise ValueError("empty file")
    declared = None
    if declared_from_html:
        m = _META_CHARSET_RE.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "ignore")
    text, enc = decode_bytes(data, declared=declared)
    if _printable_share(text) < 0.95:
        raise ValueError(f"binary or garbled content (decoded as {enc})")
    return text, enc, len(data)


# ============================================================================ dates
#: An ISO 8601 date-time with a UTC offset: group 1 is the local date and time as printed.
_ISO_OFFSET_RE = re.compile(
    r"^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?)\s*(?:Z|UTC|GMT|[+-]\d\d(?::?\d\d)?)$", re.IGNORECASE)


#: A numeric date with dots, "04.03.2022" (optionally followed by a time): day first in every
#: convention that writes dots (Russian, Ukrainian, German, Polish ...); dateutil would read it
#: month first (3 April).
_DOTTED_DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?=$|[\sT,])")

#: A time followed by a time-zone abbreviation ("5:00 PM EST", "10:37 MSK"), which pandas cannot
#: parse (the whole date became NaT). Unambiguous ones map to their offset; "ET", "CT", "MT", "PT"
#: (standard or daylight time, whichever was in force) have none.
_ZONE_ABBREVIATIONS = {
    "EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500", "MST": "-0700", "MDT": "-0600",
    "PST": "-0800", "PDT": "-0700", "BST": "+0100", "CET": "+0100", "CEST": "+0200", "EET": "+0200",
    "EEST": "+0300", "MSK": "+0300", "ET": None, "CT": None, "MT": None, "PT": None,
}
_ZONE_ABBREVIATION_RE = re.compile(
    r"(\d{1,2}:\d\d(?::\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?)\s*\(?(%s)\)?$" % "|".join(_ZONE_ABBREVIATIONS))


def _normalise_date_text(values: pd.Series, *, utc: bool) -> pd.Series:
    """Rewrite two forms the parsers misread: a dotted numeric date becomes ISO, day first
    ("04.03.2022 10:37" -> "2022-03-04 10:37"); a trailing zone abbreviation becomes its offset
    ("5:00 PM EST" -> "5:00 PM -0500"; dropped again unless ``utc``). An abbreviation without a
    fixed offset ("ET") is dropped in local mode, where no offset is applied anyway; with ``utc``
    it stays, and the value is reported as unparseable rather than given a guessed clock."""
    def dotted(m: re.Match) -> str:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"

    def zone(m: re.Match) -> str:
        offset = _ZONE_ABBREVIATIONS[m.group(2)]
        if offset is None:
            return m.group(0) if utc else m.group(1)
        return f"{m.group(1)} {offset}"

    out = values.str.replace(_DOTTED_DATE_RE, dotted, regex=True)
    return out.str.replace(_ZONE_ABBREVIATION_RE, zone, regex=True)


def _scalar_local(value: str, fmt: str):
    """One value parsed alone (``fmt`` as for :func:`pandas.to_datetime`): its wall-clock time,
    any time zone dropped; NaT where it does not parse."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ts = pd.to_datetime(value, format=fmt)
    except (ValueError, TypeError, OverflowError):
        return pd.NaT
    if ts is pd.NaT or pd.isna(ts):
        return pd.NaT
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def _parse_local(values: pd.Series, fmt: str) -> pd.Series:
    """Parse ``values`` with ``fmt`` ("ISO8601" or "mixed") to naive ``datetime64[us]``: the
    local wall-clock time as written. Vectorised; values whose time zones differ (pandas refuses to
    mix them without converting to UTC) are parsed one by one."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = pd.to_datetime(values, errors="coerce", format=fmt)
    except (ValueError, TypeError, OverflowError):
        parsed = None
    if parsed is not None and isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)  # one zone for all: keep the wall-clock time
    if parsed is None or not pd.api.types.is_datetime64_dtype(parsed.dtype):
        parsed = pd.Series([_scalar_local(v, fmt) for v in values], index=values.index, dtype="datetime64[us]")
    return parsed.astype("datetime64[us]")


def parse_dates(values: pd.Series, *, utc: bool = False) -> tuple[pd.Series, pd.Series]:
    """Parse date strings to timezone-naive datetimes: the date and time **as the outlet printed
    them**.

    A value with a UTC offset keeps its local wall-clock time and calendar date; the offset is
    dropped, not applied: "2022-03-01T01:30:00+03:00" -> 2022-03-01 01:30 (converting to UTC
    would move the article to 28 February, a day the outlet did not publish it). ``utc=True``
    converts offset-carrying values to UTC instead (values without an offset are taken as UTC),
    for a common clock across outlets.

    Returns ``(dates, bad)``: ``dates`` is ``datetime64[ns]`` with NaT where the value is
    empty or unparseable; ``bad`` is True where a non-empty value could not be parsed (or
    lies outside 1800-2200). ISO 8601 is parsed vectorised; other forms ("17 Nov, 2022
    10:37", "March 3, 2022") go through dateutil (month first for "03/04/2022"; day first for
    the dotted "04.03.2022", as everywhere dots are written). A zone abbreviation after the time
    ("5:00 PM EST", "10:37 MSK") counts as its offset (:func:`_normalise_date_text`).
    """
    s = values.fillna("").astype(str).str.strip()
    empty = s.eq("") | s.str.lower().isin(["nan", "nat", "none", "null"])
    # microsecond resolution while parsing (covers any year); ns only after the plausibility mask
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")

    def naive_utc(uniq: pd.Series, fmt: str) -> pd.Series:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = pd.to_datetime(uniq, errors="coerce", utc=True, format=fmt)
        return parsed.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[us]")

    todo = ~empty
    if todo.any():
        # parse each distinct value once (dates repeat a lot in a corpus), then map back
        uniq = pd.Series(pd.unique(s[todo]))
        text = _normalise_date_text(uniq, utc=utc)
        if utc:
            parsed = naive_utc(text, "ISO8601")
        else:  # strip an ISO offset first: what is left is the local time, parsed without a zone
            parsed = _parse_local(text.str.replace(_ISO_OFFSET_RE, r"\1", regex=True), "ISO8601")
        rest = parsed.isna()
        if rest.any():
            parsed[rest] = naive_utc(text[rest], "mixed") if utc else _parse_local(text[rest], "mixed")
        out.loc[todo] = s[todo].map(pd.Series(parsed.to_numpy(), index=uniq.to_numpy())).astype("datetime64[us]")
    implausible = out.notna() & ((out.dt.year < 1800) | (out.dt.year > 2200))
    naive = out.mask(implausible)
    bad = ~empty & naive.isna()
    return naive.astype("datetime64[ns]"), bad


# ============================================================================ manifests
def _load_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Manifest entries keyed by the file path relative to the manifest's folder."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            text, _, _ = _read_text_file(path)
            df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (ValueError, pd.errors.ParserError) as exc:
            raise FramingError(f"{path}: unreadable manifest ({exc})") from exc
        rows = df.to_dict("records")
    elif suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise FramingError(f"{path}: unreadable manifest ({exc})") from exc
        if isinstance(data, Mapping) and "documents" in data:
            data = data["documents"]
        if isinstance(data, Mapping):
            rows = [{"file": k, **(v or {})} for k, v in data.items()]
        elif isinstance(data, list):
            rows = data
        else:
            raise FramingError(f"{path}: a manifest is a list of entries with 'file', or a mapping file -> fields")
    else:
        raise FramingError(f"{path}: manifest must be .csv, .yaml or .yml")
    entries: dict[str, dict[str, str]] = {}
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise FramingError(f"{path}: entry {i} is not a mapping")
        row = {str(k).strip().lower(): ("" if v is None else str(v)) for k, v in row.items()}
        key = row.pop("file", None) or row.pop("path", None) or row.pop("filename", None)
        if not key:
            raise FramingError(f"{path}: entry {i} has no 'file' (columns: file, outlet, date, url, title)")
        entries[Path(key.strip()).as_posix()] = row
    return entries


class _Manifests:
    """Manifest lookup: an explicit manifest, plus manifest.* files found in the folders."""

    def __init__(self, explicit: str | os.PathLike | None):
        self.by_dir: dict[Path, dict[str, dict[str, str]]] = {}
        self.explicit: dict[str, dict[str, str]] = {}
        self.explicit_dir: Path | None = None
        self.used: set[tuple[Path | None, str]] = set()
        if explicit is not None:
            p = Path(explicit)
            if not p.is_file():
                raise FramingError(f"{p}: manifest not found")
            self.explicit = _load_manifest(p)
            self.explicit_dir = p.resolve().parent

    def add_dir(self, folder: Path, manifest_file: Path) -> None:
        self.by_dir[folder.resolve()] = _load_manifest(manifest_file)

    def lookup(self, path: Path) -> dict[str, str] | None:
        rp = path.resolve()
        candidates: list[tuple[Path | None, dict]] = []
        if self.explicit:
            candidates.append((self.explicit_dir, self.explicit))
        for parent in rp.parents:
            if parent in self.by_dir:
                candidates.append((parent, self.by_dir[parent]))
        for base, entries in candidates:
            keys = []
            if base is not None:
                try:
                    keys.append(rp.relative_to(base).as_posix())
                except ValueError:
                    pass
            keys.append(rp.name)
            for k in keys:
                if k in entries:
                    self.used.add((base, k))
                    return entries[k]
        return None

    def unused(self) -> list[str]:
        out = []
        for base, entries in ([(self.explicit_dir, self.explicit)] if self.explicit else []) + list(self.by_dir.items()):
            for k in entries:
                if (base, k) not in self.used and (base, Path(k).name) not in self.used:
                    out.append(f"{base}/{k}" if base else k)
        return out


# ============================================================================ file discovery
def _discover(paths: Iterable[str | os.PathLike], report: IngestReport, manifests: _Manifests,
              root: Path) -> list[tuple[Path, str]]:
    """Files to ingest as (path, display path), in a deterministic order. The display path (the
    ``source`` of the documents) is relative to the project ``root`` when the file lies under it."""
    files: list[tuple[Path, str]] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            report.skip(project_relative(p, root), "no such file or folder", file=True)
            continue
        if p.is_file():
            ext = p.suffix.lower()
            if ext in PAGE_EXTS or ext in TABLE_EXTS:
                files.append((p, project_relative(p, root)))
            else:
                report.skip(project_relative(p, root), f"unsupported file type {ext or '(none)'} (use .txt .html .csv .tsv .jsonl .json)", file=True)
            continue
        base = project_relative(p, root)
        found = sorted(x for x in p.rglob("*") if x.is_file())
        for f in found:
            rel = f.relative_to(p)
            if f.name.lower() in MANIFEST_NAMES:
                manifests.add_dir(f.parent, f)
        for f in found:
            rel = f.relative_to(p)
            disp = f"{base}/{rel.as_posix()}" if base != "." else rel.as_posix()
            if any(part.startswith(".") for part in rel.parts):
                continue
            name = f.name.lower()
            ext = f.suffix.lower()
            if name in MANIFEST_NAMES:
                report.ignored.append({"source": disp, "reason": "manifest"})
            elif DOC_FILE_RE.match(name):
                report.ignored.append({"source": disp, "reason": "documentation file"})
            elif ext in PAGE_EXTS or ext in TABLE_EXTS:
                files.append((f, disp))
            else:
                report.ignored.append({"source": disp, "reason": f"unsupported file type {ext or '(none)'}"})
    return files


# ============================================================================ pages (.txt/.html)
def _read_page(path: Path, disp: str, report: IngestReport) -> dict[str, Any] | None:
    ext = path.suffix.lower()
    is_html = ext in (".html", ".htm")
    try:
        raw, enc, nbytes = _read_text_file(path, declared_from_html=is_html)
    except ValueError as exc:
        report.skip(disp, str(exc), file=True)
        return None
    report.megabytes += nbytes / 1e6
    rec: dict[str, Any] = {"source": disp, "encoding": enc, "format": "html" if is_html else "txt",
                           "doc_id": "", "outlet": "", "date": "", "url": "", "title": "", "raw_html": None}
    if is_html:
        import trafilatura

        try:
            doc = trafilatura.bare_extraction(
                raw, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
                date_extraction_params={"original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
            )
        except Exception as exc:  # trafilatura/lxml raise many types on broken markup
            report.skip(disp, f"HTML extraction failed ({type(exc).__name__}: {exc})", file=True)
            return None
        if doc is not None and not isinstance(doc, Mapping):  # trafilatura >= 2 returns a Document
            doc = {k: getattr(doc, k, None) for k in ("text", "title", "url", "date", "sitename")}
        doc = doc or {}
        text = doc.get("text")
        if not text or count_words(text) < MIN_HTML_WORDS:
            n = count_words(text or "")
            report.skip(disp, f"no article text found in the HTML (extracted {n} word{'s' if n != 1 else ''})", file=True)
            return None
        rec.update(text=text, raw_html=raw, title=doc.get("title") or "", url=doc.get("url") or "",
                   date=doc.get("date") or "", _site=doc.get("sitename") or "")
        rec["_signature_text"] = raw
    else:
        if not raw.strip():
            report.skip(disp, "empty file", file=True)
            return None
        rec["text"] = raw
        rec["_signature_text"] = raw
    return rec


# ============================================================================ tables (.csv/.jsonl)
def _norm_col(name: str) -> str:
    return re.sub(r"[\s\-.]+", "_", str(name).strip().lower())


def _map_columns(columns: list[str], column_map: Mapping[str, str] | None) -> dict[str, str]:
    """Input column -> docs column, from the user's mapping first, then the known aliases."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    if column_map:
        lower = {str(c).lower(): c for c in columns}
        for src, dst in column_map.items():
            col = src if src in columns else lower.get(str(src).lower())
            if col is not None and dst not in taken:
                mapping[col] = dst
                taken.add(dst)
    normed = {c: _norm_col(c) for c in columns if c not in mapping}
    for target, aliases in COLUMN_ALIASES.items():
        if target in taken:
            continue
        for alias in aliases:
            hit = next((c for c, n in normed.items() if n == alias and c not in mapping), None)
            if hit is not None:
                mapping[hit] = target
                taken.add(target)
                break
    return mapping


def _sniff_file(path: Path) -> int:
    """Size of a file; raise ValueError if it is unreadable, empty or binary (checks its head only)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise ValueError(f"unreadable ({exc.strerror or exc})") from exc
    if not head.strip():
        if size <= len(head):
            raise ValueError("empty file")
    if b"\x00" in head[:8192] and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError("binary file (NUL bytes)")
    return size


def _read_csv(source, *, sep: str, encoding: str | None, disp: str, report: IngestReport) -> pd.DataFrame | None:
    """pandas' C parser; on a malformed file, the python parser with bad lines reported and skipped."""
    kw = dict(sep=sep, dtype=str, keep_default_na=False, na_filter=False)
    if encoding:
        kw["encoding"] = encoding
    try:
        return pd.read_csv(source, **kw)
    except pd.errors.EmptyDataError:
        report.skip(disp, "empty table (no header)", file=True)
        return None
    except UnicodeDecodeError:
        raise
    except (pd.errors.ParserError, ValueError):
        if isinstance(source, io.StringIO):
            source.seek(0)
    # retry, skipping malformed lines; pandas names each ("Skipping line 4: expected 4 fields, saw 6")
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            df = pd.read_csv(source, on_bad_lines="warn", **kw)
        except (pd.errors.ParserError, ValueError) as exc:
            report.skip(disp, f"not a readable CSV ({str(exc).splitlines()[0]})", file=True)
            return None
    for w in caught:
        for m in re.finditer(r"Skipping line (\d+): ([^\n]+)", str(w.message)):
            report.skip(f"{disp}:line {m.group(1)}", f"malformed CSV line ({m.group(2).strip()})")
    return df


def _read_table(path: Path, disp: str, report: IngestReport) -> pd.DataFrame | None:
    """Read a CSV/TSV/JSONL/JSON file into a DataFrame of strings (no column mapping yet).

    UTF-8 CSV files are parsed straight from disk (no decoded copy in memory); other
    encodings are detected and decoded first.
    """
    ext = path.suffix.lower()
    if ext in (".csv", ".tsv"):
        sep = "\t" if ext == ".tsv" else ","
        try:
            nbytes = _sniff_file(path)
        except ValueError as exc:
            report.skip(disp, str(exc), file=True)
            return None
        try:
            with open(path, "rb") as fh:
                bom = fh.read(3) == codecs.BOM_UTF8
            enc = "utf-8-sig" if bom else "utf-8"
            df = _read_csv(path, sep=sep, encoding="utf-8-sig", disp=disp, report=report)
        except UnicodeDecodeError:
            try:
                text, enc, nbytes = _read_text_file(path)
            except ValueError as exc:
                report.skip(disp, str(exc), file=True)
                return None
            df = _read_csv(io.StringIO(text), sep=sep, encoding=None, disp=disp, report=report)
        if df is None:
            return None
        report.megabytes += nbytes / 1e6
        df.attrs["encoding"] = enc
        df.attrs["format"] = "csv"
        return df
    try:
        text, enc, nbytes = _read_text_file(path)
    except ValueError as exc:
        report.skip(disp, str(exc), file=True)
        return None
    report.megabytes += nbytes / 1e6
    records: list[dict] = []
    if ext == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            report.skip(disp, f"not valid JSON ({exc})", file=True)
            return None
        if isinstance(data, Mapping):
            data = next((v for v in data.values() if isinstance(v, list)), [data])
        if not isinstance(data, list):
            report.skip(disp, "JSON is not a list of records", file=True)
            return None
        lines_ = enumerate(data)
    else:
        lines_ = enumerate(text.splitlines())
    for i, item in lines_:
        if isinstance(item, str):
            if not item.strip():
                continue
            try:
                item = json.loads(item)
            except json.JSONDecodeError as exc:
                report.skip(f"{disp}:{i}", f"invalid JSON line ({exc.msg})")
                continue
        if not isinstance(item, Mapping):
            report.skip(f"{disp}:{i}", "record is not a JSON object")
            continue
        r = dict(item)
        r["__row"] = i
        records.append(r)
    df = pd.DataFrame.from_records(records)
    for c in df.columns:
        if c != "__row" and pd.api.types.infer_dtype(df[c], skipna=False) != "string":
            df[c] = df[c].map(_json_value_to_str)
    df.attrs["encoding"] = enc
    df.attrs["format"] = "json" if ext == ".json" else "jsonl"
    return df


def _json_value_to_str(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "\n\n".join(v)  # a list of paragraphs
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _repair_shifted(df: pd.DataFrame, disp: str, report: IngestReport) -> pd.DataFrame:
    """Repair rows whose URL/date columns are swapped or whose header is shifted by one.

    * url holds a date and date holds a URL -> swapped back;
    * url holds a date and date holds neither (data/NYT.csv: header ``URL,Date,Title,Text``
      over rows ``date, headline, lead paragraph, abstract``) -> date <- url column, title <-
      date column, text <- the title and text columns joined by a blank line, url <- "".
    Each repaired row is counted and listed as a warning.
    """
    url, date = df["url"], df["date"]
    url_is_date = url.str.match(_ISO_DATE_RE) & ~url.str.match(_URL_RE)
    if not url_is_date.any():
        return df
    date_is_url = date.str.match(_URL_RE)
    date_is_date = date.str.match(_ISO_DATE_RE)
    swap = url_is_date & date_is_url
    shift = url_is_date & ~date_is_url & ~date_is_date
    if swap.any():
        df.loc[swap, ["url", "date"]] = df.loc[swap, ["date", "url"]].to_numpy()
    if shift.any():
        old_url = df.loc[shift, "url"].copy()
        old_date = df.loc[shift, "date"].copy()
        old_title = df.loc[shift, "title"].copy()
        old_text = df.loc[shift, "text"].copy()
        joined = [(a + "\n\n" + b) if (a.strip() and b.strip() and a.strip() != b.strip()) else (a if a.strip() else b)
                  for a, b in zip(old_title, old_text)]
        df.loc[shift, "date"] = old_url
        df.loc[shift, "title"] = old_date
        df.loc[shift, "text"] = joined
        df.loc[shift, "url"] = ""
    n = int(swap.sum() + shift.sum())
    report.n_repaired += n
    if swap.any():
        report.warn(disp, f"repaired columns: {int(swap.sum())} row(s) with URL and date swapped")
    if shift.any():
        report.warn(disp, f"repaired columns: {int(shift.sum())} row(s) shifted by one (date in the URL column, "
                          "headline in the date column): date <- URL column, title <- Date column, "
                          "text <- Title + Text columns, url empty")
    return df


def _standardise_table(df: pd.DataFrame, path: Path, disp: str, report: IngestReport,
                       column_map: Mapping[str, str] | None) -> pd.DataFrame | None:
    enc, fmt = df.attrs.get("encoding", ""), df.attrs.get("format", "")
    rows = df.pop("__row").astype(int).to_numpy() if "__row" in df.columns else range(len(df))
    drop = [c for c in df.columns if re.fullmatch(r"Unnamed: \d+", str(c)) or str(c).strip() == ""]
    df = df.drop(columns=drop)
    mapping = _map_columns(list(df.columns), column_map)
    if "text" not in mapping.values():
        report.skip(disp, f"no text column (columns: {', '.join(map(str, df.columns))}); "
                          "map one with --columns NAME=text", file=True)
        return None
    extras = [c for c in df.columns if c not in mapping]
    out = pd.DataFrame({dst: df[src].astype(str) for src, dst in mapping.items()}, index=df.index)
    for t in TARGETS:
        if t not in out:
            out[t] = ""
    out = out[list(TARGETS)].copy()
    out = _repair_shifted(out, disp, report)
    for c in extras:
        name = str(c)
        if name in out.columns or name in ("source", "clean_text", "n_words", "raw_html", "encoding", "format",
                                           "dup_of"):
            name = f"input_{name}"
        out[name] = df[c].astype(str)
    out["source"] = [f"{disp}:{r}" for r in rows]
    out["encoding"] = enc
    out["format"] = fmt
    out["raw_html"] = None
    out["_file"] = path.stem
    return out.reset_index(drop=True)


# ============================================================================ main entry points
def ingest_with_report(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    manifest: str | os.PathLike | None = None,
    outlet: str | None = None,
    column_map: Mapping[str, str] | None = None,
    outlets: str | os.PathLike | OutletTable | None = None,
    progress: bool = False,
    root: str | os.PathLike | None = None,
) -> tuple[pd.DataFrame, IngestReport]:
    """Ingest files/folders into a docs table; return ``(docs, report)``.

    Parameters
    ----------
    paths: a file or folder, or several (folders are read recursively, files in sorted order).
    manifest: csv/yaml with columns file, outlet, date, url, title (+ any extra columns, kept)
        for .txt/.html pages; by default a ``manifest.csv``/``manifest.yaml`` in a folder.
    outlet: outlet for every document whose manifest/table gives none (it overrides the
        file-name, domain and page-signature guesses).
    column_map: input column -> docs column (``{"Body": "text", "Link": "url"}``), applied
        before the automatic, case-insensitive recognition of common names.
    outlets: the outlet alias table (path to a YAML like ``framing/outlets.yaml``, or an
        :class:`OutletTable`); default the shipped one.
    progress: show tqdm progress bars over files and documents.
    root: the project root the ``source`` paths are made relative to (default: the project found
        from the working directory, :func:`framing.config.find_project_root`); files outside it
        keep their path as given.

    Never raises for bad input files: they are skipped and listed in the report. Raises
    :class:`FramingError` for a bad manifest, outlet table or column mapping (user settings).
    """
    t0 = time.perf_counter()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    table = outlets if isinstance(outlets, OutletTable) else load_outlets(outlets)
    bad = sorted({str(dst) for dst in (column_map or {}).values()} - set(TARGETS))
    if bad:  # a typo would silently drop the column it names
        raise FramingError(f"column mapping: unknown document column(s) {', '.join(map(repr, bad))} "
                           f"(map to one of {', '.join(TARGETS)})")
    root = find_project_root(root)
    report = IngestReport(paths=[project_relative(p, root) for p in paths])
    manifests = _Manifests(manifest)
    files = _discover(paths, report, manifests, root)
    report.n_files = len(files)

    from tqdm.auto import tqdm

    page_recs: list[dict[str, Any]] = []
    frames: list[pd.DataFrame] = []
    for order, (path, disp) in enumerate(tqdm(files, desc="ingest: reading files", unit="file",
                                              disable=not progress or len(files) < 2)):
        ext = path.suffix.lower()
        if ext in PAGE_EXTS:
            try:
                rec = _read_page(path, disp, report)
            except (MemoryError, KeyboardInterrupt):
                raise
            except Exception as exc:  # one broken file never stops the batch
                report.skip(disp, f"unexpected error reading the page ({type(exc).__name__}: {exc})", file=True)
                continue
            if rec is None:
                continue
            rec["_order"] = order
            entry = manifests.lookup(path)
            if entry:
                if "title" in entry:
                    rec["_title_given"] = True  # the manifest decides; no guessing
                for k, v in entry.items():
                    if k in ("outlet", "date", "url", "title", "doc_id"):
                        if v.strip():
                            rec[k] = v.strip()
                            if k == "outlet":
                                rec["_explicit_outlet"] = True
                    else:
                        rec[k] = v
            page_recs.append(rec)
        else:
            try:
                raw = _read_table(path, disp, report)
                std = None if raw is None else _standardise_table(raw, path, disp, report, column_map)
            except (MemoryError, KeyboardInterrupt):
                raise
            except Exception as exc:  # one broken file never stops the batch
                report.skip(disp, f"unexpected error reading the table ({type(exc).__name__}: {exc})", file=True)
                continue
            if std is not None:
                std["_order"] = order
                frames.append(std)
    for k in manifests.unused():
        report.warn(project_relative(k, root), "manifest entry matches no file")

    # --- pages: outlet from the manifest, --outlet, domain, signature
    if page_recs:
        for rec in page_recs:
            if rec.get("_explicit_outlet"):
                rec["outlet"] = table.normalise(rec["outlet"])
            elif outlet:
                rec["outlet"] = table.normalise(outlet)
            else:
                dom = table.from_domain(rec.get("url"))
                sig = table.from_signature(rec.get("_signature_text", ""))
                site = table.canonical(rec.get("_site")) if rec.get("_site") else None
                rec["outlet"] = (dom if dom and table.canonical(dom) else None) or sig or site or dom or "unknown"
            rec["_title_given"] = bool(rec.get("_title_given") or rec.get("title"))
            rec.pop("_signature_text", None)
            rec.pop("_site", None)
            rec.pop("_explicit_outlet", None)
        pages = pd.DataFrame.from_records(page_recs)
        pages["_file"] = ""
        pages["_page"] = True
        frames.append(pages)
    if not frames:
        docs = _empty_docs()
        report.seconds = time.perf_counter() - t0
        return docs, report

    df = pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
    # back into file order (then row order): the first of a set of duplicates is the one kept
    df = df.sort_values("_order", kind="stable").reset_index(drop=True)
    for c in TARGETS:
        df[c] = df[c].fillna("").astype(str)
    if "_page" not in df:
        df["_page"] = False
    df["_page"] = df["_page"].fillna(False).astype(bool)
    report.n_records += len(df)

    # --- rows without text
    empty = df["text"].str.strip().eq("")
    if empty.any():
        for src in df.loc[empty, "source"]:
            report.skip(src, "no text")
        df = df.loc[~empty].reset_index(drop=True)

    # --- outlets of table rows: column, --outlet, file name, domain
    tab = ~df["_page"]
    if tab.any():
        col = df.loc[tab, "outlet"].str.strip()
        has = col.ne("")
        resolved = pd.Series("", index=col.index, dtype=object)
        if has.any():
            uniq = {v: table.normalise(v) for v in col[has].unique()}
            resolved[has] = col[has].map(uniq)
        need = ~has
        if need.any():
            if outlet:
                resolved[need] = table.normalise(outlet)
            else:
                files_ = df.loc[tab, "_file"].fillna("")
                by_file = {f: table.canonical(f) for f in files_[need].unique()}
                fn = files_[need].map(by_file)
                resolved[need] = fn.fillna("")
                still = need & resolved.eq("")
                if still.any():
                    urls = df.loc[tab, "url"][still]
                    hosts = {u: table.from_domain(u) for u in urls.unique()}
                    resolved[still] = urls.map(hosts).fillna("unknown").replace("", "unknown")
        df.loc[tab, "outlet"] = resolved.replace("", "unknown")

    # --- strip metadata (text stays exactly as found)
    df["url"] = df["url"].str.strip()
    df["title"] = df["title"].str.strip()

    df = _drop_duplicates_within_outlets(df, report)

    # --- dates: the local date and time as printed (a UTC offset is dropped, not applied)
    dates, bad = parse_dates(df["date"])
    if bad.any():
        for src, v in zip(df.loc[bad, "source"], df.loc[bad, "date"]):
            report.warn(src, f"unparseable date {v[:40]!r} (kept without a date)")
        report.n_bad_dates = int(bad.sum())
    df["date"] = dates

    # --- clean text, titles of pages without one, word counts
    texts = df["text"].tolist()
    titles = df["title"].tolist()
    guess = df["_page"] & ~df["_title_given"].fillna(False).astype(bool) if "_title_given" in df else df["_page"]
    is_page = guess.tolist()
    it = zip(texts, titles, is_page)
    if progress and len(texts) > 2000:
        it = tqdm(it, total=len(texts), desc="ingest: cleaning", unit="doc")
    cleaned: list[str] = []
    new_titles: list[str] = []
    for text, title, page in it:
        if page and not title:
            c = clean_text(text)
            title = extract_title(c)
            if title:
                c = remove_title_lines(c, title=title)
        else:
            c = clean_text(text, title=title or None)
        cleaned.append(c)
        new_titles.append(title)
    df["clean_text"] = cleaned
    df["title"] = new_titles
    df["n_words"] = pd.Series([count_words(c) for c in cleaned], index=df.index, dtype="int64")
    for src in df.loc[df["n_words"].eq(0), "source"]:
        report.warn(src, "nothing left after cleaning (kept, n_words 0)")

    # --- doc ids: kept from the input, else sha1 of url, else of title + text
    given = df["doc_id"].str.strip()
    ids = [
        g if g else hashlib.sha1(("url:" + u if u else "text:" + t + "\x1f" + x).encode("utf-8")).hexdigest()[:16]
        for g, u, t, x in zip(given, df["url"], df["title"], df["text"])
    ]
    df["doc_id"] = ids
    dupid = df["doc_id"].duplicated(keep=False)
    if dupid.any():
        counts: Counter = Counter()
        newids = []
        for d, isdup in zip(df["doc_id"], dupid):
            counts[d] += 1
            newids.append(f"{d}~{counts[d]}" if isdup and counts[d] > 1 else d)
        for src, old in zip(df.loc[df["doc_id"].duplicated(), "source"], df.loc[df["doc_id"].duplicated(), "doc_id"]):
            report.warn(src, f"doc_id {old!r} repeats an earlier document's id; suffixed with ~N")
        df["doc_id"] = newids
    df["dup_of"] = _flag_copies_across_outlets(df, report)

    docs = _order_columns(df)
    report.n_docs = len(docs)
    report.outlets = {str(k): int(v) for k, v in docs["outlet"].value_counts().items()}
    report.formats = {str(k): int(v) for k, v in docs["format"].value_counts().items()}
    report.encodings = {str(k): int(v) for k, v in docs["encoding"].value_counts().items()}
    report.seconds = round(time.perf_counter() - t0, 3)
    report.megabytes = round(report.megabytes, 3)
    return docs, report


def _text_key(df: pd.DataFrame) -> pd.Series:
    """What makes two texts "the same": the text as found, surrounding whitespace ignored."""
    return df["text"].str.strip()


def _drop_duplicates_within_outlets(df: pd.DataFrame, report: IngestReport) -> pd.DataFrame:
    """Drop rows that repeat an earlier row *of the same outlet*: the same non-empty URL, or the
    same text (the first in file order is kept; a missing URL is never a duplicate). Each drop is
    listed in ``report.duplicates`` with the source it repeats. The same text in another outlet is
    not a duplicate (see :func:`_flag_copies_across_outlets`): an outlet that ran an AP story
    published it, and a comparison of outlets must count it."""
    key = pd.DataFrame({"outlet": df["outlet"], "url": df["url"], "text": _text_key(df), "source": df["source"]})
    has_url = key["url"].ne("")
    dup_url = has_url & key.duplicated(["outlet", "url"])
    dup_text = key.duplicated(["outlet", "text"])
    dup = dup_url | dup_text
    if not dup.any():
        return df
    first_url = key.loc[has_url].drop_duplicates(["outlet", "url"]).set_index(["outlet", "url"])["source"]
    first_text = key.drop_duplicates(["outlet", "text"]).set_index(["outlet", "text"])["source"]
    for i in df.index[dup]:
        o = key.at[i, "outlet"]
        if dup_url[i]:
            of, reason = first_url.get((o, key.at[i, "url"]), ""), "same URL"
        else:
            of, reason = first_text.get((o, key.at[i, "text"]), ""), "same text"
        report.duplicates.append({"source": key.at[i, "source"], "duplicate_of": of, "reason": reason})
    report.n_duplicates = int(dup.sum())
    return df.loc[~dup].reset_index(drop=True)


def _first_copies(text: pd.Series, url: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For rows in file order: the position of the first row of each row's group of copies, and
    whether the row repeats an earlier row's text, or its URL. Copies are linked by
    the same text or the same non-empty URL, transitively: a copy sharing its text with a copy
    that shares its URL with the first belongs to the first (union-find, the earliest row as root)."""
    n = len(text)
    root = np.arange(n)

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    repeats = {True: np.zeros(n, dtype=bool), False: np.zeros(n, dtype=bool)}
    has_url = url.ne("").to_numpy(dtype=bool)
    for key, is_text, usable in ((text.to_numpy(), True, np.ones(n, dtype=bool)),
                                 (url.to_numpy(), False, has_url)):  # a missing URL links nothing
        first: dict = {}
        for i, k in enumerate(key):
            if not usable[i]:
                continue
            if k in first:
                a, b = find(first[k]), find(i)
                if a != b:
                    root[max(a, b)] = min(a, b)
                repeats[is_text][i] = True
            else:
                first[k] = i
    return np.array([find(i) for i in range(n)], dtype=int), repeats[True], repeats[False]


def _flag_copies_across_outlets(df: pd.DataFrame, report: IngestReport) -> pd.Series:
    """``dup_of`` for each kept row: the doc_id of the first row (file order) of its group of
    copies -- rows with the same text or the same non-empty URL, transitively (an AP story, a copy
    with the AP URL and an added line, and a third outlet's copy of that copy are one group, and
    both copies point to the AP article) -- else None. Rows of one outlet never share a text or URL
    here (:func:`_drop_duplicates_within_outlets` ran first), so a flagged row is another outlet's
    copy: syndicated wire copy. Each is listed in ``report.syndicated``."""
    first, by_text, by_url = _first_copies(_text_key(df), df["url"])
    ids, sources = df["doc_id"].to_numpy(), df["source"].to_numpy()
    flagged = first != np.arange(len(df))
    dup_of = pd.Series([ids[f] if c else None for f, c in zip(first, flagged)], index=df.index, dtype=object)
    for i in np.flatnonzero(flagged):
        reason = ("same text as another outlet's article" if by_text[i]
                  else "same URL as another outlet's article" if by_url[i]
                  else "text or URL shared with a later copy of another outlet's article")
        report.syndicated.append({"source": sources[i], "copy_of": sources[first[i]], "reason": f"{reason} (kept)"})
    report.n_syndicated = int(flagged.sum())
    return dup_of


def _order_columns(df: pd.DataFrame) -> pd.DataFrame:
    df = df.drop(columns=[c for c in ("_file", "_page", "_title_given", "_order") if c in df.columns])
    first = list(DOC_COLUMNS) + ["raw_html", "encoding", "format", "dup_of"]
    rest = [c for c in df.columns if c not in first]
    out = df[first + rest]
    for c in rest:
        if out[c].dtype == object:
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out.reset_index(drop=True)


def _empty_docs() -> pd.DataFrame:
    cols = {c: pd.Series([], dtype=object) for c in DOC_COLUMNS}
    cols["date"] = pd.Series([], dtype="datetime64[ns]")
    cols["n_words"] = pd.Series([], dtype="int64")
    for c in ("raw_html", "encoding", "format", "dup_of"):
        cols[c] = pd.Series([], dtype=object)
    return pd.DataFrame(cols)


def ingest_paths(paths: str | os.PathLike | Iterable[str | os.PathLike], **options: Any) -> pd.DataFrame:
    """Ingest files/folders into a docs table; ``options`` are the keyword options of
    :func:`ingest_with_report` (``manifest``, ``outlet``, ``column_map``, ``outlets``,
    ``progress``, ``root``)."""
    docs, _ = ingest_with_report(paths, **options)
    return docs


def ingest_to_parquet(paths: str | os.PathLike | Iterable[str | os.PathLike], out: str | os.PathLike,
                      **options: Any) -> IngestReport:
    """Ingest and write the docs table to ``out`` (atomically) and the ingest report beside it
    (``<stem>.ingest_report.json`` + ``.txt``); ``options`` are the keyword options of
    :func:`ingest_with_report`.

    Raises :class:`FramingError` when no document at all could be ingested (the report is
    still written, so the reasons can be read); the table is then not written.
    """
    docs, report = ingest_with_report(paths, **options)
    report.out = project_relative(out, options.get("root"))
    if report.n_docs == 0:
        j, _ = report.write(out)
        reasons = Counter(_reason_kind(s["reason"]) for s in report.skipped)
        why = "; ".join(f"{k} ({v})" for k, v in reasons.most_common(3)) or "no article files found"
        raise FramingError(
            f"no documents ingested from {', '.join(map(str, report.paths))}: {why}; "
            f"{report.n_skipped} skipped, {report.n_duplicates} duplicates (report: {j})"
        )
    write_parquet(docs, out)
    report.write(out)
    return report
