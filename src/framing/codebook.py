"""Codebooks: the researcher's instrument, kept as YAML data and validated on load.

A codebook lists *entries* (one per thing measured: a spelling choice, a label, a hedge, a
sourcing formula), each with named *forms* (the values recorded in the hits table) and the
literal terms or regular expressions that realise them, plus an optional attribution-cue
lexicon (``cues:``). See ``docs/codebook.md`` for the format and the matching rules.

>>> cb = load_codebook()              # the shipped default, russia_ukraine
>>> cb = load_codebook("migration")   # another shipped codebook, by name
>>> cb = load_codebook("my.yaml")     # a researcher's own file
>>> print(describe_codebook(cb))

Every problem in a codebook file raises :class:`CodebookError` naming the file, the entry and
the reason, so a bad instrument never produces numbers.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .config import DEFAULT_CODEBOOK
from .io import FramingError

#: Folder of the codebooks shipped with the package.
SHIPPED_DIR = Path(__file__).resolve().parent / "codebooks"

#: Features a codebook entry may measure ('quote' and 'reported_speech' belong to the quote extractor).
FEATURES = ("variant", "label", "hedge", "sourcing", "frame", "term")

#: Orientation categories allowed for ``feature: variant`` forms. Only 'ukrainian' and 'russian'
#: enter ``share_ukrainian``; 'neutral' forms are counted but excluded from the share.
VARIANT_CATEGORIES = ("ukrainian", "russian", "neutral")

#: Case rules. ``sensitive``: as written in the pattern, or the whole pattern in capitals
#: (headlines); ``exact``: only as written; ``insensitive``: any case.
CASE_RULES = ("sensitive", "exact", "insensitive")

#: Cue lexicon used when a codebook has no ``cues:`` section.
DEFAULT_CUES = "cues_en"

#: List of words held at a distance used when a codebook has no ``distance_words:`` field.
DEFAULT_DISTANCE_WORDS = "distance_words_en"

#: Attribution-cue categories.
CUE_CATEGORIES = ("neutral", "endorsing", "distancing")

_TOP_FIELDS = {"name", "description", "version", "language", "references", "cues", "distance_words", "entries"}
_ENTRY_FIELDS = {"feature", "description", "case", "forms", "exceptions", "requires", "notes"}
_FORM_FIELDS = {"category", "terms", "regex", "exceptions", "requires", "case", "description"}
_REQUIRES_FIELDS = {"after", "before"}
_CUE_META_FIELDS = {"name", "description", "version", "language"}
_KEY_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")


class CodebookError(FramingError):
    """A codebook (or its cue lexicon) that cannot be used: names the file, the entry and the reason."""


# ----------------------------------------------------------------------------- data model
@dataclass(frozen=True)
class Form:
    """One value of an entry (e.g. the spelling 'Kiev'), with everything needed to match it.

    ``exceptions`` and ``requires`` already include the entry-level ones.
    """

    value: str
    category: str
    terms: tuple[str, ...]
    regex: tuple[str, ...]
    case: str
    exceptions: tuple[str, ...] = ()
    requires_after: str | None = None
    requires_before: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Entry:
    """A codebook entry: ``key`` (e.g. 'kyiv'), the ``feature`` it measures and its forms."""

    key: str
    feature: str
    description: str
    case: str
    forms: tuple[Form, ...]

    def columns(self) -> list[str]:
        """Count columns of the per-document feature table: ``feature:key:value`` per form."""
        return [f"{self.feature}:{self.key}:{f.value}" for f in self.forms]


@dataclass(frozen=True)
class Codebook:
    """A validated codebook.

    Attributes: ``name``, ``path`` (the YAML file), ``sha256`` (of the file's bytes: cite it with
    your results), ``entries`` (tuple of :class:`Entry`, file order), ``cues`` (dict cue lemma ->
    'neutral' | 'endorsing' | 'distancing'), ``cues_path`` and ``fingerprint`` (SHA-256 over the
    codebook and cue file bytes: changes when either file changes).
    """

    name: str
    path: Path
    sha256: str
    entries: tuple[Entry, ...]
    cues: dict[str, str] = field(default_factory=dict)
    description: str = ""
    version: str = ""
    cues_path: Path | None = None
    fingerprint: str = ""
    distance_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    distance_words_path: Path | None = None

    def __hash__(self) -> int:  # the cue dict is not hashable; the file versions identify a codebook
        return hash((str(self.path), self.fingerprint))

    def entry(self, key: str) -> Entry:
        for e in self.entries:
            if e.key == key:
                return e
        raise KeyError(key)

    @property
    def keys(self) -> list[str]:
        return [e.key for e in self.entries]

    def columns(self) -> list[str]:
        """All ``feature:key:value`` count columns, in codebook order."""
        return [c for e in self.entries for c in e.columns()]

    def variant_keys(self) -> list[str]:
        """Keys of the ``variant`` entries (each gets a ``share_ukrainian:<key>`` column)."""
        return [e.key for e in self.entries if e.feature == "variant"]

    def __repr__(self) -> str:  # the automaton-free, short form
        return f"Codebook(name={self.name!r}, entries={len(self.entries)}, cues={len(self.cues)}, sha256={self.sha256[:12]})"


# ----------------------------------------------------------------------------- YAML loading
class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys (plain safe_load silently keeps the last)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    loader.flatten_mapping(node)
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, f"unhashable key {key!r}", key_node.start_mark) from None
        if key in seen:
            raise _DuplicateKey(key, seen[key], key_node.start_mark.line + 1)
        seen[key] = key_node.start_mark.line + 1
    return dict(loader.construct_pairs(node, deep=deep))


class _DuplicateKey(Exception):
    def __init__(self, key, first_line: int, line: int):
        super().__init__(key)
        self.key, self.first_line, self.line = key, first_line, line


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path, what: str):
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CodebookError(f"{path}: cannot read {what} ({exc.strerror or exc})") from exc
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_StrictLoader)  # noqa: S506 (strict SafeLoader)
    except UnicodeDecodeError as exc:
        raise CodebookError(f"{path}: {what} is not UTF-8 text ({exc})") from exc
    except _DuplicateKey as exc:
        parents = _key_path(raw.decode("utf-8", "replace"), exc.line)
        if parents == ["entries"]:
            raise CodebookError(f"{path}: entry {exc.key!r}: duplicate key, defined twice (lines {exc.first_line} "
                                f"and {exc.line}); each key may appear once") from None
        where = ""
        if len(parents) >= 2 and parents[0] == "entries":
            where = f"entry {parents[1]!r}: "
            parents = parents[2:]
        inside = f" in {'.'.join(parents)}" if parents else ""
        raise CodebookError(
            f"{path}: {where}duplicate key {exc.key!r}{inside} at line {exc.line} (first defined at line "
            f"{exc.first_line}); each key may appear once") from None
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise CodebookError(f"{path}: not valid YAML{at} ({problem})") from exc
    return raw, data


def _key_path(text: str, line: int) -> list[str]:
    """Keys enclosing (by indentation) the mapping key on 1-based ``line`` of a block-style YAML text."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return []
    cur = lines[line - 1]
    indent = len(cur) - len(cur.lstrip())
    path: list[str] = []
    for prev in reversed(lines[: line - 1]):
        stripped = prev.strip()
        if not stripped or stripped.startswith("#"):
            continue
        ind = len(prev) - len(prev.lstrip())
        if ind < indent and ":" in stripped:
            path.append(stripped.split(":", 1)[0].strip().strip("'\""))
            indent = ind
            if ind == 0:
                break
    return path[::-1]


# ----------------------------------------------------------------------------- validation helpers
def _strings(value, where: str, fname: str) -> tuple[str, ...]:
    """A string or a list of non-empty strings -> tuple; anything else is an error."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise CodebookError(f"{where}: {fname} must be a string or a list of strings, got {type(value).__name__}")
    out = []
    for i, v in enumerate(value):
        if not isinstance(v, str):
            raise CodebookError(f"{where}: {fname}[{i}] must be a string, got {v!r}")
        if not v.strip():
            raise CodebookError(f"{where}: {fname}[{i}] is an empty pattern")
        out.append(v)
    return tuple(out)


def _compile(pattern: str, where: str, fname: str, flags: int = 0, *, allow_empty: bool = False) -> None:
    try:
        rx = re.compile(pattern, flags)
    except re.error as exc:
        raise CodebookError(f"{where}: {fname} pattern {pattern!r} does not compile ({exc})") from None
    if not allow_empty and rx.fullmatch(""):
        raise CodebookError(f"{where}: {fname} pattern {pattern!r} matches the empty string")


def _check_mapping(spec, allowed, where: str, *, expected: str, label: str = "field(s)") -> None:
    """Raise :class:`CodebookError` unless ``spec`` is a mapping whose fields are all ``allowed``:
    ``"<where>: <expected>"``, or ``"<where>: unknown <label> x, y (allowed: a, b)"``."""
    if not isinstance(spec, dict):
        raise CodebookError(f"{where}: {expected}")
    unknown = set(spec) - set(allowed)
    if unknown:
        raise CodebookError(f"{where}: unknown {label} {', '.join(map(str, sorted(unknown)))} "
                            f"(allowed: {', '.join(sorted(allowed))})")


def _requires(value, where: str) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    _check_mapping(value, _REQUIRES_FIELDS, where, label="field(s) in requires:",
                   expected="requires must be a mapping with 'after' and/or 'before' regexes")
    out = []
    for k in ("after", "before"):
        v = value.get(k)
        if v is None:
            out.append(None)
            continue
        if not isinstance(v, str) or not v.strip():
            raise CodebookError(f"{where}: requires.{k} is an empty pattern")
        _compile(v, where, f"requires.{k}", allow_empty=True)
        out.append(v)
    return out[0], out[1]


def _case(value, where: str, default: str) -> str:
    if value is None:
        return default
    if value is True:
        return "sensitive"
    if value is False:
        return "insensitive"
    if value not in CASE_RULES:
        raise CodebookError(f"{where}: case must be one of {', '.join(CASE_RULES)}, got {value!r}")
    return value


def _parse_entry(key, spec, fpath: Path) -> Entry:
    where = f"{fpath}: entry {key!r}"
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise CodebookError(f"{where}: key must be letters, digits, '_', '.', '-' (no spaces or ':')")
    _check_mapping(spec, _ENTRY_FIELDS, where, expected="must be a mapping with feature, description and forms")
    feature = spec.get("feature")
    if feature is None:
        raise CodebookError(f"{where}: missing field 'feature' (one of {', '.join(FEATURES)})")
    if feature not in FEATURES:
        raise CodebookError(f"{where}: unknown feature {feature!r} (one of {', '.join(FEATURES)})")
    description = spec.get("description") or ""
    if not isinstance(description, str):
        raise CodebookError(f"{where}: description must be text")
    case = _case(spec.get("case"), where, "sensitive")
    exceptions = _strings(spec.get("exceptions"), where, "exceptions")
    for p in exceptions:
        _compile(p, where, "exceptions", re.IGNORECASE)
    after, before = _requires(spec.get("requires"), where)

    forms_spec = spec.get("forms")
    if forms_spec is None:
        raise CodebookError(f"{where}: missing field 'forms' (the values to count, each with terms or regex)")
    if not isinstance(forms_spec, dict) or not forms_spec:
        raise CodebookError(f"{where}: forms must be a non-empty mapping value -> {{category, terms, regex}}")
    forms = []
    for value, fspec in forms_spec.items():
        fwhere = f"{where}, form {value!r}"
        if not isinstance(value, str) or not value.strip() or ":" in value:
            raise CodebookError(f"{fwhere}: form names must be non-empty text without ':'")
        if isinstance(fspec, list):  # shorthand: a list of terms
            fspec = {"terms": fspec}
        _check_mapping(fspec, _FORM_FIELDS, fwhere, expected="must be a mapping with category and terms/regex")
        category = fspec.get("category", "")
        if category is None:
            category = ""
        if not isinstance(category, str):
            raise CodebookError(f"{fwhere}: category must be text")
        if feature == "variant" and category not in VARIANT_CATEGORIES:
            raise CodebookError(f"{fwhere}: a variant form needs category {', '.join(VARIANT_CATEGORIES)}; "
                                f"got {category!r}")
        terms = _strings(fspec.get("terms"), fwhere, "terms")
        for i, t in enumerate(terms):
            if t != t.strip():
                raise CodebookError(f"{fwhere}: terms[{i}] {t!r} has leading or trailing spaces")
        regex = _strings(fspec.get("regex"), fwhere, "regex")
        fcase = _case(fspec.get("case"), fwhere, case)
        for p in regex:
            _compile(p, fwhere, "regex", re.IGNORECASE if fcase == "insensitive" else 0)
        if not terms and not regex:
            raise CodebookError(f"{fwhere}: no patterns (give terms and/or regex)")
        fexc = _strings(fspec.get("exceptions"), fwhere, "exceptions")
        for p in fexc:
            _compile(p, fwhere, "exceptions", re.IGNORECASE)
        fafter, fbefore = _requires(fspec.get("requires"), fwhere)
        fdesc = fspec.get("description") or ""
        forms.append(Form(
            value=value, category=category, terms=terms, regex=regex, case=fcase,
            exceptions=exceptions + fexc,
            requires_after=fafter if fafter is not None else after,
            requires_before=fbefore if fbefore is not None else before,
            description=str(fdesc),
        ))
    return Entry(key=key, feature=feature, description=description, case=case, forms=tuple(forms))


def _check_duplicate_terms(entries: list[Entry], fpath: Path) -> None:
    """The same term twice within one feature would count one word twice: reject it."""
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for e in entries:
        for f in e.forms:
            for t in f.terms:
                norm = t.casefold() if f.case == "insensitive" else t
                k = (e.feature, _unify_apostrophes(norm))
                if k in seen and seen[k] != (e.key, f.value):
                    ok, ov = seen[k]
                    raise CodebookError(
                        f"{fpath}: entry {e.key!r}, form {f.value!r}: term {t!r} is also a term of entry {ok!r}, "
                        f"form {ov!r} (feature {e.feature!r}); a term may belong to one form per feature")
                seen[k] = (e.key, f.value)


# the characters framing.lexicon reads as one another when matching (kept in step with it)
_APOS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "\xa0": " ", "\u2007": " ", "\u2009": " ",
                       "\u202f": " ", "\u2010": "-", "\u2011": "-"})


def _unify_apostrophes(s: str) -> str:
    return s.translate(_APOS)


# ----------------------------------------------------------------------------- cues
def _load_cues(spec, fpath: Path) -> tuple[dict[str, str], Path | None, bytes]:
    """``cues:`` -> (lemma -> category, path of the cue file or None, bytes of that file)."""
    if spec is None:
        return {}, None, b""
    cue_path = None
    raw = b""
    where = f"{fpath}: cues"
    if isinstance(spec, str):
        cue_path = _referenced_file(spec, fpath, "cues", "cue file")
        raw, spec = _read_yaml(cue_path, "cue lexicon")
        where = f"{cue_path}"
        if isinstance(spec, dict):
            spec = {k: v for k, v in spec.items() if k not in _CUE_META_FIELDS}
    if not isinstance(spec, dict):
        raise CodebookError(f"{where}: cues must be a mapping {{neutral: [...], endorsing: [...], distancing: [...]}} "
                            "or the name of a shipped cue file")
    cues: dict[str, str] = {}
    for cat, lemmas in spec.items():
        if cat not in CUE_CATEGORIES:
            raise CodebookError(f"{where}: unknown cue category {cat!r} (one of {', '.join(CUE_CATEGORIES)})")
        for lemma in _strings(lemmas, f"{where}: cue category {cat!r}", "lemmas"):
            norm = " ".join(lemma.lower().split())
            if norm in cues and cues[norm] != cat:
                raise CodebookError(f"{where}: cue {lemma!r} is in two categories ({cues[norm]!r} and {cat!r})")
            cues[norm] = cat
    return cues, cue_path, raw


# ----------------------------------------------------------------------------- words held at a distance
_DISTANCE_FIELDS = {"name", "version", "language", "description", "stems", "euphemisms"}


def load_distance_words(path: str | os.PathLike | None = None) -> dict[str, tuple[str, ...]]:
    """The prior list of words commonly held at a distance (``codebooks/distance_words_en.yaml`` by
    default), which the quote typer reads to keep a quoted word scare against the surface signs of a
    term (guideline v2). Returns ``{"stems": (...), "euphemisms": (...)}``, lower-cased.

    Raises :class:`CodebookError` for a file that is not a mapping, an unknown field, a list that is
    missing or empty, an empty or non-string item, or an item listed twice."""
    return _read_distance_words(Path(path) if path is not None else SHIPPED_DIR / "distance_words_en.yaml")[1]


def _read_distance_words(fpath: Path) -> tuple[bytes, dict[str, tuple[str, ...]]]:
    """:func:`load_distance_words` with the file's bytes too (one read: the codebook fingerprint hashes them)."""
    if not fpath.is_file():
        raise CodebookError(f"{fpath}: distance-word list not found")
    raw, data = _read_yaml(fpath, "distance-word list")
    if not isinstance(data, dict):
        raise CodebookError(f"{fpath}: a distance-word list is a mapping with 'stems' and 'euphemisms'")
    _check_mapping(data, _DISTANCE_FIELDS, str(fpath), expected="a mapping")
    out: dict[str, tuple[str, ...]] = {}
    for key in ("stems", "euphemisms"):
        if key not in data:
            raise CodebookError(f"{fpath}: missing field {key!r}")
        items = [" ".join(x.lower().split()) for x in _strings(data[key], f"{fpath}: {key}", key)]
        if not items:
            raise CodebookError(f"{fpath}: {key} is empty")
        seen = set()
        for x in items:
            if x in seen:
                raise CodebookError(f"{fpath}: {key}: {x!r} is listed twice")
            seen.add(x)
        out[key] = tuple(items)
    return raw, out


# ----------------------------------------------------------------------------- public API
def shipped_codebooks() -> list[str]:
    """Names of the codebooks shipped with the package (cue lexicons excluded)."""
    out = []
    for p in sorted(SHIPPED_DIR.glob("*.yaml")):
        try:
            head = p.read_text(encoding="utf-8")
        except OSError:
            continue
        if re.search(r"^entries:", head, re.M):
            out.append(p.stem)
    return out


def resolve_codebook_path(name_or_path: str | os.PathLike | None = None) -> Path:
    """The YAML file behind a codebook name or path (``None`` -> the default codebook)."""
    if name_or_path is None:
        name_or_path = DEFAULT_CODEBOOK
    s = str(name_or_path)
    p = Path(s)
    looks_like_path = isinstance(name_or_path, os.PathLike) or s.endswith((".yaml", ".yml")) or "/" in s or os.sep in s
    if not looks_like_path:
        shipped = SHIPPED_DIR / f"{s}.yaml"
        if shipped.is_file():
            return shipped
        if p.is_file():
            return p
        raise CodebookError(f"no codebook named {s!r}; shipped: {', '.join(shipped_codebooks())} "
                            "(or give the path to a YAML file)")
    if not p.is_file():
        raise CodebookError(f"{p}: codebook file not found")
    return p


def load_codebook(name_or_path: str | os.PathLike | Codebook | None = None) -> Codebook:
    """Load and validate a codebook.

    ``None`` -> the shipped default (``russia_ukraine``); a bare name -> a shipped codebook
    (``"migration"``); a path -> a researcher's YAML file; a :class:`Codebook` is returned as is.
    Raises :class:`CodebookError` naming the file, the entry and the reason for any problem:
    duplicate keys, unknown fields or features, missing forms, empty or non-compiling patterns,
    the same term in two forms of one feature, unknown cue categories, a cue in two categories.
    """
    if isinstance(name_or_path, Codebook):
        return name_or_path
    path = resolve_codebook_path(name_or_path)
    raw, data = _read_yaml(path, "codebook")
    _check_mapping(data, _TOP_FIELDS, str(path), label="top-level field(s)",
                   expected="a codebook is a mapping with 'name' and 'entries'")
    entries_spec = data.get("entries")
    if not isinstance(entries_spec, dict) or not entries_spec:
        raise CodebookError(f"{path}: 'entries' must be a non-empty mapping key -> entry")
    entries = [_parse_entry(k, v, path) for k, v in entries_spec.items()]
    _check_duplicate_terms(entries, path)
    # no cues: section -> the shipped English cue lexicon (what the quote extractor would use anyway)
    cues, cue_path, cue_raw = _load_cues(data.get("cues", DEFAULT_CUES), path)
    dw_path = _referenced_file(data.get("distance_words", DEFAULT_DISTANCE_WORDS), path, "distance_words",
                               "distance-word list")
    dw_raw, distance = _read_distance_words(dw_path)
    name = data.get("name") or path.stem
    fingerprint = hashlib.sha256(raw + b"\0" + cue_raw + b"\0" + dw_raw).hexdigest()
    return Codebook(
        name=str(name), path=path.resolve(), sha256=hashlib.sha256(raw).hexdigest(),
        entries=tuple(entries), cues=cues, description=str(data.get("description") or "").strip(),
        version=str(data.get("version") or ""), cues_path=cue_path, fingerprint=fingerprint,
        distance_words=distance, distance_words_path=dw_path,
    )


def _referenced_file(ref, fpath: Path, field_name: str, what: str) -> Path:
    """A file a codebook names: a shipped one by bare name (``distance_words_en``) or a path relative to
    the codebook (``./my_words.yaml``)."""
    where = f"{fpath}: {field_name}"
    if not isinstance(ref, str) or not ref.strip():
        raise CodebookError(f"{where}: the name of a shipped {what} or a path to a YAML file, got {ref!r}")
    ref = ref.strip()
    if ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref:
        p = (fpath.parent / ref).resolve()
    else:
        p = SHIPPED_DIR / f"{ref}.yaml"
        if not p.is_file():
            raise CodebookError(f"{where}: no shipped {what} {ref!r} (expected {p})")
    if not p.is_file():
        raise CodebookError(f"{where}: {what} {p} not found")
    return p


def describe_codebook(cb: Codebook) -> str:
    """A human-readable listing: name, file, SHA-256, then one block per entry with its forms."""
    lines = [f"codebook {cb.name}" + (f" (version {cb.version})" if cb.version else ""),
             f"  file:   {cb.path}", f"  sha256: {cb.sha256}"]
    if cb.description:
        lines.append(f"  {cb.description.splitlines()[0]}")
    by_feature: dict[str, int] = {}
    for e in cb.entries:
        by_feature[e.feature] = by_feature.get(e.feature, 0) + 1
    lines.append(f"  {len(cb.entries)} entries: " + ", ".join(f"{n} {f}" for f, n in by_feature.items()))
    if cb.cues:
        counts: dict[str, int] = {}
        for cat in cb.cues.values():
            counts[cat] = counts.get(cat, 0) + 1
        src = cb.cues_path.name if cb.cues_path else "inline"
        lines.append(f"  cues ({src}): " + ", ".join(f"{counts.get(c, 0)} {c}" for c in CUE_CATEGORIES))
    for e in cb.entries:
        lines.append("")
        lines.append(f"{e.feature}:{e.key}  [case {e.case}]")
        if e.description:
            lines.append("  " + " ".join(e.description.split()))
        for f in e.forms:
            pats = list(f.terms) + [f"/{r}/" for r in f.regex]
            cat = f" ({f.category})" if f.category else ""
            lines.append(f"  - {f.value}{cat}: {', '.join(pats)}")
            if f.exceptions:
                lines.append(f"      except: {'; '.join(f.exceptions)}")
            if f.requires_after:
                lines.append(f"      requires after: {f.requires_after}")
            if f.requires_before:
                lines.append(f"      requires before: {f.requires_before}")
    return "\n".join(lines)
