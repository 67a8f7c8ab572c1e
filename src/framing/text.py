"""Small text utilities shared by the stages: word counts and sentence spans with offsets.

Nothing here changes the text: functions return counts or ``(start, end)`` character offsets
into the string they were given, so every hit can point back to what was written.
"""
from __future__ import annotations

import functools
import re

#: A word: letters/digits, with inner apostrophes or hyphens (Kyiv's, Kyiv-based, don’t).
WORD_RE = re.compile(r"\w+(?:[’'\-‐]\w+)*")

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "maj", "capt", "sgt",
    "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "sec", "dept", "mt", "ft",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vs", "v", "etc", "e.g", "i.e", "a.m", "p.m", "inc", "corp", "ltd", "co",
    "u.s", "u.k", "u.n", "e.u", "approx", "est", "fig", "al",
}

# Candidate sentence end: terminal punctuation, optional closing quotes/brackets, then space.
_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+)|\n\s*\n|\n|[ \t\u00a0]{3,}")
_NEXT_CHAR = re.compile(r"\s+(\S)")


def count_words(text: str | None) -> int:
    """Number of words in ``text`` (the denominator of every rate per 1,000 words)."""
    if not text:
        return 0
    return len(WORD_RE.findall(text))


_ABBR_TOKEN_RE = re.compile(r"([\w.]+)\.$")
_INITIAL_RE = re.compile(r"[a-z]|(?:[a-z]\.)+[a-z]")


def _is_abbreviation(text: str, end: int) -> bool:
    """True if the period ending at ``end`` closes a known abbreviation or an initial."""
    m = _ABBR_TOKEN_RE.search(text, max(0, end - 12), end)
    if not m:
        return False
    token = m.group(1).lower()
    if token in _ABBREVIATIONS:
        return True
    # single capital initial ("J. Smith") or dotted acronym ("U.S.")
    return _INITIAL_RE.fullmatch(token) is not None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; return ``(start, end)`` offsets, whitespace trimmed.

    A rule-based splitter (no model download): breaks at line breaks, at runs of three or more
    spaces (paragraph breaks flattened by scrapers) and at ``. ! ? …`` (with any closing quotes
    or brackets) followed by whitespace, except after common abbreviations and initials, and
    not before a lower-case continuation.
    """
    return list(_sentence_spans_cached(text))


@functools.lru_cache(maxsize=16)
def _sentence_spans_cached(text: str) -> tuple[tuple[int, int], ...]:
    # The lexical extractor (context column) and the quote/attribution stage split the same
    # field in turn: a small cache keyed by the text removes the second split.
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _END_RE.finditer(text):
        end = m.end()
        token = m.group(0)
        if "\n" not in token:
            if token[0] in " \t\u00a0":
                # a paragraph break flattened into spaces: only before a capital, digit or quote
                if end >= n or not (text[end].isupper() or text[end].isdigit() or text[end] in "“\"‘'«("):
                    continue
            elif token.startswith(".") and _is_abbreviation(text, m.start() + 1):
                continue
            else:
                nxt = _NEXT_CHAR.match(text, end)
                if nxt and nxt.group(1).islower():
                    continue
        _push(text, start, end, spans)
        start = end
    if start < n:
        _push(text, start, n, spans)
    return tuple(spans)


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_at(text: str, pos: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The ``(start, end)`` span of the sentence holding character ``pos``."""
    spans = spans if spans is not None else sentence_spans(text)
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return max(0, pos - 100), min(len(text), pos + 100)


def context_window(text: str, start: int, end: int, *, width: int = 60) -> tuple[str, str, str]:
    """``(left, match, right)`` around ``text[start:end]``, at most ``width`` chars a side,
    with line breaks shown as spaces (for keyword-in-context listings)."""
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return left, text[start:end], right
