"""Small text utilities shared by the stages: word counts and sentence spans with offsets.

Nothing here changes the text: functions return counts or ``(start, end)`` character offsets
into the string they were given, so every hit can point back to what was written.
"""
from __future__ import annotations

import bisect
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
# Group 1 (a lookahead: the matches are the same without it): the first non-space character
# after the candidate, '' at the end of the text, which _is_break reads for a lower-case start.
_END_RE = re.compile(r"(?:[.!?…]+[\"'”’»)\]]*(?=\s+)|\n\s*\n|\n|[ \t\u00a0]{3,})(?=\s*(\S?))")


def count_words(text: str | None) -> int:
    """Number of words in ``text`` (the denominator of every rate per 1,000 words)."""
    if not text:
        return 0
    return len(WORD_RE.findall(text))


_ABBR_TOKEN_RE = re.compile(r"([\w.]+)\.$")
_INITIAL_RE = re.compile(r"[a-z]|(?:[a-z]\.)+[a-z]")


_ABBR_MAX_LEN = max(map(len, _ABBREVIATIONS))


def _is_abbreviation(text: str, end: int) -> bool:
    """True if the period ending at ``end`` closes a known abbreviation or an initial.

    The token is the run of word characters and periods before the period (within 11
    characters: :func:`_is_abbreviation_re`). Found here with ``str.rstrip`` over the ASCII ones
    (one C call instead of a regex search); where the run is stopped by a non-ASCII word character
    (é), the regex decides."""
    if end > 7 and text[end - 8:end - 1].isalnum():  # 7 == _ABBR_MAX_LEN + 1 (asserted below)
        # the token read below ends in more letters/digits than any listed abbreviation has
        # characters, with no period among them: not an abbreviation, not an initial (the
        # answer the regexes below give, without running them)
        return False
    window = text[end - 12 if end > 12 else 0:end - 1]
    rest = window.rstrip(_ASCII_WORD_OR_PERIOD)
    if rest and not rest[-1].isascii() and rest[-1].isalnum():
        return _is_abbreviation_re(text, end)
    token = window[len(rest):]  # ASCII: compared in any case below, as lower-cased above
    if not token:
        return False
    if token in _ABBREVIATIONS_ANY_CASE:
        return True
    # single capital initial ("J. Smith") or dotted acronym ("U.S.")
    return (len(token) == 1 or "." in token) and _INITIAL_ANY_CASE_RE.fullmatch(token) is not None


def _case_variants(word: str) -> set[str]:
    variants = {""}
    for c in word:
        variants = {v + x for v in variants for x in {c.lower(), c.upper()}}
    return variants


#: Every ASCII spelling whose lower case is a listed abbreviation; _INITIAL_RE in either case.
_ABBREVIATIONS_ANY_CASE = frozenset(v for a in _ABBREVIATIONS for v in _case_variants(a))
_INITIAL_ANY_CASE_RE = re.compile(r"[a-zA-Z]|(?:[a-zA-Z]\.)+[a-zA-Z]")


assert _ABBR_MAX_LEN == 6, "update the constants of _is_abbreviation's first test"

#: The ASCII characters of the token before a period (``[\w.]``).
_ASCII_WORD_OR_PERIOD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_."


def _is_abbreviation_re(text: str, end: int) -> bool:
    r""":func:`_is_abbreviation` by regex: the token is what ``([\w.]+)\.$`` finds in the 12
    characters up to ``end`` (the reference; used where the token holds non-ASCII characters)."""
    m = _ABBR_TOKEN_RE.search(text, max(0, end - 12), end)
    if not m:
        return False
    token = m.group(1).lower()
    if token in _ABBREVIATIONS:
        return True
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
    for m in _break_candidates(text).finditer(text):
        if not _is_break(text, m, n):
            continue
        end = m.end()
        _push(text, start, end, spans)
        start = end
    if start < n:
        _push(text, start, n, spans)
    return tuple(spans)


# _END_RE without its spaces alternative, written to start with a character class so that the
# regex engine skips in C every character that cannot start a candidate (five times faster on
# news text): each alternative's first character is consumed by the class and re-checked by a
# lookbehind, so at every position it matches exactly what _END_RE's first three alternatives
# match there. _END_RE's fourth alternative (three or more spaces, tabs or no-break spaces)
# cannot match a text holding no tab, no no-break space and no three spaces in a row; there the
# two patterns give the same matches (spans, order, text).
_END_FAST_RE = re.compile(r"[.!?…\n](?:(?<=[.!?…])[.!?…]*[\"'”’»)\]]*(?=\s+)|(?<=\n)\s*\n|(?<=\n))(?=\s*(\S?))")


def _break_candidates(text: str, space_run: bool = True) -> re.Pattern:
    """The pattern whose ``finditer`` gives ``_END_RE``'s candidate breaks in ``text``, fastest
    first. ``space_run=False``: the caller knows the text holds no three spaces in a row (the
    costliest of the three checks)."""
    if "\t" in text or not text.isascii() and "\u00a0" in text or space_run and "   " in text:
        return _END_RE
    return _END_FAST_RE


def _is_break(text: str, m: re.Match, n: int) -> bool:
    """True if the candidate ``m`` (a match of ``_END_RE``) ends a sentence.

    A line break always does; a run of spaces only before a capital, digit or opening quote;
    terminal punctuation unless a period closes an abbreviation or initial, or a lower-case
    word follows. Depends only on the text around ``m``, never on earlier breaks.
    """
    token, nxt = m.group(0, 1)
    first = token[0]
    if first == "\n":  # only the line-break alternatives hold one, and they start with it
        return True
    if first in " \t\u00a0":
        # a paragraph break flattened into spaces: only before a capital, digit or quote
        end = m.end()
        return end < n and (text[end].isupper() or text[end].isdigit() or text[end] in "“\"‘'«(")
    # not before a lower-case continuation (the next non-space character, read by the pattern;
    # after terminal punctuation there is always whitespace)
    if nxt.islower():
        return False
    return not (first == "." and _is_abbreviation(text, m.start() + 1))


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


def sentence_bounds(text: str, pos: int, *, floor: int = 0, pattern: re.Pattern | None = None
                    ) -> tuple[int, int]:
    """Raw bounds ``(lo, hi)`` of the sentence holding character ``pos``, found by reading only
    the text around it: ``lo`` is the last sentence break at or before ``pos`` (or 0), ``hi`` the
    first one after it (or ``len(text)``). :func:`sentence_spans` gives the stretches between
    consecutive breaks with their whitespace trimmed, so for a ``pos`` that is not whitespace its
    span is ``text[lo:hi]`` trimmed (:func:`trim_span`).

    Why this is exact: whether a candidate (an ``_END_RE`` match) is a break depends only on the
    text around it (:func:`_is_break`), and the candidates after a position just after a letter
    or digit (which no candidate can contain) or after a break are the same whether the scan
    starts there or at 0. The scan starts ~200 characters before ``pos`` (further back while no
    break is found). ``floor``: 0 or a known break at or before ``pos`` (the scan never goes back
    further). ``pattern``: ``_break_candidates(text)``, when the caller has it.
    """
    lo, hi, _it = _bounds_scan(text, pos, floor, pattern if pattern is not None else _break_candidates(text))
    return lo, hi


def _bounds_scan(text: str, pos: int, floor: int, rx: re.Pattern):
    """:func:`sentence_bounds`, also returning its scan of the candidates, left just after the
    break that ends the sentence (the next candidates it yields are those after ``hi``)."""
    n = len(text)
    reach = 200
    while True:
        p = pos - reach
        if p <= floor:
            p = floor
        else:
            while p > floor and not text[p - 1].isalnum():
                p -= 1
        it = rx.finditer(text, p)
        before, after = _candidates_until(it, pos)
        lo = -1
        for m in reversed(before):
            if _is_break(text, m, n):
                lo = m.end()
                break
        if lo >= 0 or p == floor:
            break
        reach *= 4
    if lo < 0:
        lo = floor
    return lo, _first_break(text, after, it, n), it


def _candidates_until(it, pos: int) -> tuple[list[re.Match], re.Match | None]:
    """Break candidates from the scan ``it`` ending at or before ``pos``, and the first one ending
    after it (None when the scan runs out): the scan stops right after that one."""
    before: list[re.Match] = []
    for m in it:
        if m.end() > pos:
            return before, m
        before.append(m)
    return before, None


def _next_bounds(text: str, pos: int, floor: int, it, n: int):
    """:func:`_bounds_scan` for a ``pos`` after the sentence whose scan ``it`` is (``floor``: that
    sentence's end, a break): the scan goes on from there instead of starting again (the
    candidates after a break are the same however far back a scan starts), so hits sentences
    apart in one paragraph cost one pass over its candidates."""
    before, after = _candidates_until(it, pos)
    lo = floor
    for m in reversed(before):
        if _is_break(text, m, n):
            lo = m.end()
            break
    return lo, _first_break(text, after, it, n)


def _first_break(text: str, m, it, n: int) -> int:
    """End of the first break among the candidate ``m`` and those ``it`` yields next, else ``n``."""
    while m is not None:
        if _is_break(text, m, n):
            return m.end()
        m = next(it, None)
    return n


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` with leading and trailing whitespace moved inside (may become empty)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def context_from_spans(text: str, spans: list[tuple[int, int]], starts: list[int], start: int, end: int
                       ) -> tuple[int, int]:
    """The context of the hit ``text[start:end]`` given the field's :func:`sentence_spans`
    (``starts``: their start offsets): from the start of the sentence holding ``start`` to the end
    of the one holding ``end - 1``; where ``start`` falls between sentences (whitespace), a window
    of 100 characters either side."""
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and spans[i][0] <= start < spans[i][1]:
        j = bisect.bisect_right(starts, max(start, end - 1)) - 1
        return spans[i][0], max(spans[i][1], spans[j][1] if j >= 0 else spans[i][1])
    return max(0, start - 100), min(len(text), end + 100)


def hit_contexts(text: str, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each hit ``(start, end)`` in ``text`` (sorted by start), the ``(start, end)`` of its
    context: exactly :func:`context_from_spans` over :func:`sentence_spans`, but computed from
    the text around the hits (:func:`sentence_bounds`) instead of splitting the whole field,
    which costs more than finding the hits. Hits in one sentence share its bounds; a hit that
    starts or ends on whitespace (never a codebook term) takes the whole-field route.
    """
    if not hits:
        return []
    starts, ends = zip(*hits)
    return _hit_contexts(text, starts, ends, False)


def hit_sentences(text: str, starts, ends, *, space_run: bool = True) -> list[str]:
    """The context strings of :func:`hit_contexts` for hits ``starts[i]:ends[i]`` (one string
    object per sentence, shared by the hits it holds). ``space_run=False``: the text certainly
    holds no three spaces in a row (:func:`framing.lexicon.find_lexical_scan` tells)."""
    return _hit_contexts(text, starts, ends, True, space_run)


#: Hits further apart than this (characters after the previous hit's sentence) start a new scan
#: for their sentence instead of reading on through the candidates in between.
_READ_ON_CHARS = 600


def _hit_contexts(text: str, starts, ends, as_text: bool, space_run: bool = True) -> list:
    n = len(text)
    out: list = []
    if not starts:
        return out
    add = out.append
    rx = _break_candidates(text, space_run)
    lo = hi = -1          # raw bounds of the sentence of the previous hit
    cs = ce = 0           # the same, trimmed
    cur = None            # its context (offsets or text)
    it = None             # the scan that found hi, left just after it
    spans = first = None
    for start, end in zip(starts, ends):
        last = end - 1 if end - 1 > start else start
        if cs <= start and last < ce:  # within the previous hit's sentence
            add(cur)
            continue
        if last >= n or text[start].isspace() or text[last].isspace():
            if spans is None:
                spans = sentence_spans(text)
                first = [s for s, _ in spans]
            a, b = context_from_spans(text, spans, first, start, end)
            add(text[a:b] if as_text else (a, b))
            continue
        if not lo <= start < hi:
            # hits come sorted by start, so here start >= hi: the previous sentence's end is a floor
            if it is not None and 0 <= start - hi <= _READ_ON_CHARS:
                # _next_bounds, written out (the commonest way here): read on from the previous
                # sentence's end, a break; the last break up to the hit, then the first after it
                lo = hi
                before = []
                for m in it:
                    if m.end() > start:
                        break
                    before.append(m)
                else:
                    m = None
                for b in reversed(before):
                    if _is_break(text, b, n):
                        lo = b.end()
                        break
                hi = n
                while m is not None:
                    if _is_break(text, m, n):
                        hi = m.end()
                        break
                    m = next(it, None)
            else:
                lo, hi, it = _bounds_scan(text, start, hi if 0 <= hi <= start else 0, rx)
            cs, ce = lo, hi
            while cs < ce and text[cs].isspace():
                cs += 1
            while ce > cs and text[ce - 1].isspace():
                ce -= 1
            cur = text[cs:ce] if as_text else (cs, ce)
        if last < hi:
            add(cur)
        else:  # the hit runs into later sentences: up to the end of the one holding its last character
            b = trim_span(text, hi, sentence_bounds(text, last, floor=hi, pattern=rx)[1])[1]
            add(text[cs:b] if as_text else (cs, b))
    return out


def context_window(text: str, start: int, end: int, *, width: int = 60) -> tuple[str, str, str]:
    """``(left, match, right)`` around ``text[start:end]``, at most ``width`` chars a side,
    with line breaks shown as spaces (for keyword-in-context listings)."""
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return left, text[start:end], right
