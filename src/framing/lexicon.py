"""Compile a codebook into one matcher and find every lexical hit in a text in one pass.

How a text is matched (the rules researchers need to know; see also docs/codebook.md):

1. **One scan for all literal terms.** Every ``terms`` pattern of every entry goes into a single
   Aho–Corasick automaton (pyahocorasick) built over case-folded terms; each text is lower-cased
   once (a length-preserving fold: curly apostrophes read as ``'``, no-break spaces as spaces,
   Unicode hyphens as ``-``) and scanned once. Offsets in the folded text are offsets in the
   original, so ``text[start:end]`` is the match as written.
   ``regex`` patterns (rare; prefer terms) are each run over the original text.
2. **Word boundaries.** A match must not continue a word on either side: "Kiev" does not match in
   "Kievan", "war" not in "software". Apostrophes and hyphens are boundaries, so possessives and
   compounds count: Kyiv's, Kyiv’s, Kyiv-based, pro-Kiev.
3. **Case.** ``sensitive`` (default): the term as written, or the whole term in capitals
   (headlines: KYIV); ``exact``: only as written; ``insensitive``: any case.
4. **Exceptions** veto a match when one of their regexes (case-insensitive) matches a stretch of
   text, within 100 characters either side of the hit, that covers the hit (chicken Kiev, Odessa, Texas).
   **requires.after** must match right after the hit, **requires.before** right before it
   (Vladimir counts only when Zelensky follows).
5. **Overlaps.** Within one feature, when matches overlap the longest wins (ties: the earlier
   start, then the earlier entry/form in the codebook), so "illegally annexed" is one label, not
   also "annexed". Matches of different features may overlap ("Kiev regime": a label, and a Kiev
   spelling).
"""
from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from .codebook import Codebook, load_codebook

#: Characters either side of a hit searched for exceptions and requires.before.
CONTEXT_CHARS = 100

#: Characters read as another for matching only (one character for one, so offsets are kept):
#: curly apostrophes as ', no-break and thin spaces as a space, Unicode hyphens as -.
_FOLD_MAP = {"’": "'", "‘": "'", "ʼ": "'", "′": "'",
             "\xa0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",
             "\u2010": "-", "\u2011": "-"}
_FOLD_TABLE = str.maketrans(_FOLD_MAP)
_FOLD_CLASS = {"'": "['’‘ʼ′]", " ": "[ \xa0\u2007\u2009\u202f]", "-": "[-\u2010\u2011]"}


class LexMatch(NamedTuple):
    """One lexical hit: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    feature: str
    key: str
    value: str
    category: str


@dataclass(frozen=True)
class _FormRule:
    index: int            # position of the form in the codebook (tie-break)
    feature: str
    feature_id: int
    key: str
    value: str
    category: str
    case: str
    exception: re.Pattern | None
    after: re.Pattern | None
    before: re.Pattern | None
    #: lower-case ASCII strings one of which every match of ``exception`` contains (None: unknown)
    exception_needs: tuple[str, ...] | None = None

    #: the same strings as one pattern (one C scan of a window finds any of them)
    exception_needs_re: re.Pattern | None = None
    #: lower-case ASCII strings one of which every match of ``exception`` starts with, as one
    #: pattern (None: unknown), and the longest of them
    exception_starts_re: re.Pattern | None = None
    exception_starts_len: int = 0


class Matcher:
    """A codebook compiled for matching. Build with :func:`compile_codebook`; use with :func:`find_lexical`."""

    def __init__(self, codebook: Codebook, *, prefilter: bool = True):
        self.codebook = codebook
        self.rules: list[_FormRule] = []
        self.features: list[str] = []
        self.regexes: list[tuple[int, re.Pattern]] = []
        self.n_terms = 0
        self.fold_chars = False
        automaton = ahocorasick.Automaton()
        payloads: dict[str, list[tuple]] = {}
        # feature ids follow the feature names' alphabetical order, so sorting candidates by
        # (start, feature id, end) gives the hits table's order (start, feature, end)
        self.features = sorted({e.feature for e in codebook.entries})
        for entry in codebook.entries:
            fid = self.features.index(entry.feature)
            for form in entry.forms:
                exc = (re.compile("|".join(f"(?:{p})" for p in form.exceptions), re.IGNORECASE)
                       if form.exceptions else None)
                after = re.compile(form.requires_after, re.IGNORECASE) if form.requires_after else None
                before = (re.compile(f"(?:{form.requires_before})\\Z", re.IGNORECASE)
                          if form.requires_before else None)
                fi = len(self.rules)
                rule = _FormRule(fi, entry.feature, fid, entry.key, form.value, form.category,
                                 form.case, exc, after, before,
                                 *(_needs_pair(exc, form.terms) if prefilter else (None, None, None, 0)))
                self.rules.append(rule)
                for term in form.terms:
                    unified = term.translate(_FOLD_TABLE)
                    if any(c in unified for c in "' -"):
                        self.fold_chars = True
                    payloads.setdefault(_fold(unified), []).append(_term_payload(rule, term, unified))
                    self.n_terms += 1
                for rx in form.regex:
                    flags = re.IGNORECASE if form.case == "insensitive" else 0
                    self.regexes.append((fi, re.compile(rx, flags)))
        # terms added in order of their letters' frequency in English: a trie node's children are
        # searched in the order they were added, so the scan finds common letters first (same
        # matches, ~8% faster scan of news text)
        self.reports_space_runs = bool(payloads) and _SPACE_RUN not in payloads
        if self.reports_space_runs:
            # also report three folded spaces in a row (see find_lexical_scan): a candidate of
            # feature id -1 that passes every check and is removed before overlaps are resolved
            # (added first: the space is the commonest character, so it is found first)
            automaton.add_word(_SPACE_RUN, (-1, -1, len(_SPACE_RUN), None, None, None, False, False, False,
                                            None, ()))
        for folded in sorted(payloads, key=_scan_rank):
            plist = payloads[folded]
            # the first payload inline, any others (forms sharing the folded term) in its last item
            automaton.add_word(folded, plist[0][:-1] + (tuple(plist[1:]),))
        if payloads:
            automaton.make_automaton()
        self.automaton = automaton if payloads else None

    def __repr__(self) -> str:
        return (f"Matcher({self.codebook.name!r}: {self.n_terms} terms in one automaton, "
                f"{len(self.regexes)} regexes, {len(self.rules)} forms)")

    def fold(self, text: str) -> str:
        """Length-preserving case fold used for the automaton scan."""
        if text.isascii():  # O(1); no character of _FOLD_MAP, nothing whose lower case is longer
            return text.lower()
        folded = _fold(text)
        if self.fold_chars:
            for c, r in _FOLD_MAP.items():
                if c in folded:
                    folded = folded.replace(c, r)
        return folded


#: Three spaces as the folded text has them (a no-break or thin space reads as a space).
_SPACE_RUN = "   "

#: Characters by frequency in English text (space first); others rank after them.
_SCAN_ORDER = {c: i for i, c in enumerate(" etaoinsrhldcumwfgypbvk'-jxqz")}


def _scan_rank(term: str) -> list[int]:
    return [_SCAN_ORDER.get(c, len(_SCAN_ORDER) + ord(c)) for c in term]


def _term_payload(rule: _FormRule, term: str, unified: str) -> tuple:
    """What the automaton holds for one term of a form, everything the scan checks without
    looking the form up: ``(form index, feature id, length, case, exact, upper, word at start,
    word at end, context check, needs, more)``. ``case``/``exact``/``upper`` are None for an
    ``insensitive`` form (no case check); ``context check``: the form's ``requires.after``
    pattern where that is its only context rule, else whether it has requires or exceptions;
    ``needs``: its exception's prefilter (:func:`_needs_pair`) where an exception is all the
    form's context rules, so a window lacking those strings is accepted on the spot; ``more``:
    the payloads of other forms with the same folded term (filled in when the automaton is built)."""
    sensitive = rule.case != "insensitive"
    ctx = rule.exception is not None or rule.after is not None or rule.before is not None
    only_exception = rule.after is None and rule.before is None
    return (rule.index, rule.feature_id, len(term),
            rule.case if sensitive else None, unified if sensitive else None,
            unified.upper() if sensitive else None,
            _is_word(unified[0]), _is_word(unified[-1]),
            rule.after if ctx and rule.exception is None and rule.before is None else ctx,
            rule.exception_needs_re if only_exception else None, ())


def _has_fold_char(s: str) -> bool:
    return any(c in s for c in _FOLD_MAP)


def _fold(text: str) -> str:
    """``text.lower()`` with one character out per character in (U+0130 would otherwise grow)."""
    low = text.lower()
    if len(low) != len(text):
        low = text.replace("\u0130", "I").lower()
    return low


#: Characters that ``re.IGNORECASE`` matches to an ASCII letter but that lower-case to another
#: character (dotless i, long s): where a text holds one, exceptions are always run as regexes.
_IGNORECASE_ODD = ("\u0131", "\u017f")


def _fold_for_needs(text: str, folded: str) -> str | None:
    """``folded`` (the lower-cased text) if every character an exception regex could match to
    an ASCII letter reads as that letter in it, else None (no prefilter for this text)."""
    if text.isascii():
        return folded
    for c in _IGNORECASE_ODD:
        if c in text:
            return None
    return folded


def _needs_pair(exc: re.Pattern | None, terms) -> tuple:
    """``(exception_needs, exception_needs_re, exception_starts_re, exception_starts_len)`` of a
    form (see :func:`_required_literals` and :func:`_required_starts`)."""
    if exc is None:
        return None, None, None, 0
    needs = _required_literals(exc, [_fold(t) for t in terms])
    starts = _required_starts(exc)
    return (needs, _literal_set_re(needs) if needs else None,
            _literal_set_re(starts) if starts else None, max(map(len, starts)) if starts else 0)


def _literal_set_re(strings) -> re.Pattern:
    """One pattern matching exactly the given strings, written as a trie (``b(?:anking|order)|…``)
    so that at each position the regex engine tries only the strings starting with its character."""
    return re.compile(_trie_pattern(sorted(set(strings))))


def _trie_pattern(strings: list[str]) -> str:
    """Pattern of sorted, unique, non-empty strings, grouped by first character. A string that
    starts another one stands for both (wherever the longer occurs, so does it)."""
    groups: dict[str, list[str]] = {}
    for x in strings:
        groups.setdefault(x[0], []).append(x[1:])
    parts = []
    for head, tails in groups.items():
        if "" in tails:
            parts.append(re.escape(head))
        else:
            parts.append(re.escape(head) + (f"(?:{_trie_pattern(tails)})" if len(tails) > 1 else re.escape(tails[0])))
    return "|".join(parts)


def _parse_tree(pattern: re.Pattern):
    """``(items, sre)``: the top-level items of ``pattern``'s parse tree and the module that parsed
    it (``re._parser``; ``sre_parse`` before Python 3.11), or None where it cannot be parsed."""
    try:
        from re import _parser as sre
    except ImportError:  # Python 3.10
        import sre_parse as sre  # type: ignore[no-redef]
    try:
        return list(sre.parse(pattern.pattern, pattern.flags)), sre
    except Exception:  # pragma: no cover - compiled already, so parsable
        return None


def _required_starts(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` starts with (its leading
    literal characters, through groups and alternations; zero-width ``\\b``/``^`` skipped), or None.
    Lets the exception check start at the first such string in its window instead of the window's
    start: no match can start before it (same ``_IGNORECASE_ODD`` caveat as the needed strings)."""
    parsed = _parse_tree(pattern)
    if parsed is None:  # pragma: no cover - compiled already, so parsable
        return None
    tree, sre = parsed
    starts = _starts_of(tree, sre)
    return tuple(sorted(starts)) if starts else None


def _starts_of(items, sre) -> frozenset[str] | None:
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            break
        if op is sre.AT:  # zero width: the match starts with what follows
            continue
        if op is sre.SUBPATTERN:
            return _starts_of(list(av[-1]), sre)
        if op is sre.BRANCH:
            alts = [_starts_of(list(a), sre) for a in av[1]]
            return frozenset().union(*alts) if alts and all(alts) else None
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            return _starts_of(list(av[2]), sre)
        if op is getattr(sre, "ATOMIC_GROUP", None):
            return _starts_of(list(av), sre)
        return None
    return frozenset(["".join(run)]) if run else None


def _required_literals(pattern: re.Pattern, terms: list[str] = ()) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains, read from its
    parse tree (runs of literal characters; a group, alternation or repeat of at least one
    contributes what it requires), or None where nothing is certain. Used to skip running an
    exception regex over a window that holds none of them: a necessary condition, so the answer
    never changes (characters matched case-insensitively outside ASCII: ``_IGNORECASE_ODD``).
    Strings inside one of the form's ``terms`` (lower-cased) are chosen last: the hit itself would
    always supply them."""
    parsed = _parse_tree(pattern)
    if parsed is None:  # pragma: no cover - compiled already, so parsable
        return None
    tree, sre = parsed
    need = _needs_of(tree, sre, tuple(terms))
    return tuple(sorted(need)) if need else None


def _needs_of(items, sre, terms: tuple[str, ...]) -> frozenset[str] | None:
    """What a sequence of parsed items requires: the most selective of its literal runs and of
    its mandatory sub-parts (none inside a term, then longest shortest string, then fewest)."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            options.append(frozenset(["".join(run)]))
            run = []
        sub = None
        if op is sre.SUBPATTERN:
            sub = _needs_of(list(av[-1]), sre, terms)
        elif op is sre.BRANCH:
            alts = [_needs_of(list(a), sre, terms) for a in av[1]]
            sub = frozenset().union(*alts) if alts and all(alts) else None
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            sub = _needs_of(list(av[2]), sre, terms)
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            sub = _needs_of(list(av), sre, terms)
        if sub:
            options.append(sub)
    if run:
        options.append(frozenset(["".join(run)]))
    if not options:
        return None
    return max(options, key=lambda o: (not any(x in t for x in o for t in terms), min(map(len, o)), -len(o)))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def compile_codebook(codebook: Codebook | str | None = None) -> Matcher:
    """Compile a codebook (object, shipped name, path or ``None`` for the default) into a :class:`Matcher`."""
    cb = load_codebook(codebook)
    return _compiled(cb)


_CACHE: dict[tuple[str, str], Matcher] = {}


def _compiled(cb: Codebook) -> Matcher:
    """One compiled matcher per codebook file version (path + fingerprint) per process."""
    key = (str(cb.path), cb.fingerprint)
    m = _CACHE.get(key)
    if m is None or m.codebook is not cb and m.codebook.entries != cb.entries:
        m = _CACHE[key] = Matcher(cb)
        if len(_CACHE) > 8:
            _CACHE.pop(next(iter(_CACHE)))
    return m


def _case_ok(surface: str, case: str, exact: str, upper: str) -> bool:
    if case == "insensitive":
        return True
    if surface == exact or (case == "sensitive" and surface == upper):
        return True
    if _has_fold_char(surface):
        s = surface.translate(_FOLD_TABLE)
        return s == exact or (case == "sensitive" and s == upper)
    return False


def _context_ok(text: str, start: int, end: int, rule: _FormRule, cache: dict | None = None,
                folded: str | None = None) -> bool:
    """requires.after / requires.before hold and no exception covers ``text[start:end]``.

    Exceptions are searched within ``CONTEXT_CHARS`` characters either side of the hit.
    ``folded``: the text as :func:`_fold_for_needs` reads it, when the caller has it; then an
    exception is only searched where the window holds one of the strings it needs (a C-speed
    ``str.find``; the same answer, several times faster than running the regex)."""
    if rule.after is not None and rule.after.match(text, end) is None:
        return False
    if rule.before is not None and rule.before.search(text[max(0, start - CONTEXT_CHARS):start]) is None:
        return False
    if rule.exception is not None:
        if folded is not None and rule.exception_needs_re is not None \
                and rule.exception_needs_re.search(folded, start - CONTEXT_CHARS, end + CONTEXT_CHARS) is None:
            return True  # no match of the exception can lie in the window
        return not _exception_covers(text, start, end, rule, folded)
    return True


def _exception_covers(text: str, start: int, end: int, rule: _FormRule, folded: str | None = None) -> bool:
    """A match of the form's exception within ``CONTEXT_CHARS`` characters either side covers
    ``text[start:end]``. With ``folded`` (see :func:`_context_ok`), the regex runs from the first
    string in the window that a match of it must start with (at or before the hit, else no match
    can cover it): from any earlier position it would find nothing before that string, so its
    matches from there are the same."""
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    if folded is not None and rule.exception_starts_re is not None:
        first = rule.exception_starts_re.search(folded, lo, start + rule.exception_starts_len)
        if first is None or first.start() > start:
            return False
        lo = first.start()
    for m in rule.exception.finditer(text, lo, hi):
        if m.start() > start:
            break
        if m.end() >= end:
            return True
    return False


def find_lexical(text: str, matcher: Matcher | Codebook | str | None = None) -> list[LexMatch]:
    """Every codebook hit in ``text``, sorted by start offset, then feature, end, key and value.

    ``text[m.start:m.end] == m.surface`` always holds. ``matcher`` is a :class:`Matcher`
    (compile once with :func:`compile_codebook` when matching many texts) or anything
    :func:`framing.codebook.load_codebook` accepts.
    """
    if not isinstance(matcher, Matcher):
        matcher = compile_codebook(matcher)
    rules = matcher.rules
    out = []
    for _fid, s, e, fi in find_lexical_raw(text, matcher):
        r = rules[fi]
        out.append(LexMatch(s, e, text[s:e], r.feature, r.key, r.value, r.category))
    return out


def find_lexical_raw(text: str, matcher: Matcher) -> list[tuple[int, int, int, int]]:
    """The hits of :func:`find_lexical` as bare ``(feature id, start, end, form index)`` tuples
    (``matcher.rules[form index]`` holds feature, key, value, category), in the same order: for
    callers that build tables column by column and need no :class:`LexMatch` per hit."""
    return find_lexical_scan(text, matcher)[0]


def find_lexical_scan(text: str, matcher: Matcher) -> tuple[list[tuple[int, int, int, int]], bool]:
    """``(hits, space_run)``: the hits of :func:`find_lexical_raw`, and False where the text
    certainly holds no three spaces in a row (the automaton scan looks for that too, so the
    sentence splitter need not: :func:`framing.text.hit_sentences`); True where it may."""
    if not text:
        return [], False
    n = len(text)
    rules = matcher.rules
    cands: list[tuple[int, int, int, int]] = []  # (feature id, start, end, form index)
    needs_text = None
    if matcher.automaton is not None:
        folded = matcher.fold(text)
        needs_text = _fold_for_needs(text, folded)
        add = cands.append
        # one payload per term (see _term_payload), unpacked in the loop header; the checks in
        # order of cost: word boundaries, case, then requires/exceptions
        for last, (fi, fid, length, case, exact, upper, w0, w1, ctx, needs, more) in \
                matcher.automaton.iter(folded):
            end = last + 1
            if more:
                for p in more:
                    if _term_ok(text, n, end, p, rules, needs_text):
                        add((p[1], end - p[2], end, p[0]))
            start = end - length
            if w0 and start:
                c = text[start - 1]
                if c.isalnum() or c == "_":
                    continue
            if w1 and end < n:
                c = text[end]
                if c.isalnum() or c == "_":
                    continue
            if case is not None and not text.startswith(exact, start) \
                    and not _case_ok(text[start:end], case, exact, upper):
                continue
            if ctx:
                if needs is not None and needs_text is not None:
                    # an exception is the form's only context rule: accepted at once where the
                    # window lacks every string a match of it needs (what _context_ok does)
                    if needs.search(needs_text, start - CONTEXT_CHARS, end + CONTEXT_CHARS) is not None \
                            and _exception_covers(text, start, end, rules[fi], needs_text):
                        continue
                elif ctx is True:
                    if not _context_ok(text, start, end, rules[fi], None, needs_text):
                        continue
                elif ctx.match(text, end) is None:  # requires.after is the form's only context rule
                    continue
            add((fid, start, end, fi))
    for fi, rx in matcher.regexes:
        rule = rules[fi]
        for m in rx.finditer(text):
            start, end = m.span()
            if start == end:
                continue
            if start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
                continue
            if end < n and _is_word(text[end]) and _is_word(text[end - 1]):
                continue
            if _context_ok(text, start, end, rule, None, needs_text):
                cands.append((rule.feature_id, start, end, fi))
    if not cands:
        return cands, not matcher.reports_space_runs
    cands.sort()
    if cands[0][0] < 0:  # the automaton's report of a run of spaces (feature id -1), not a hit
        del cands[:bisect.bisect_left(cands, (0,))]
        return _resolve_overlaps(cands, True), True
    return _resolve_overlaps(cands, True), not matcher.reports_space_runs


def _term_ok(text: str, n: int, end: int, payload: tuple, rules: list[_FormRule], needs_text: str | None) -> bool:
    """The checks of :func:`find_lexical_raw`'s scan for one payload ending at ``end`` (for the
    rare terms held by several forms)."""
    fi, _fid, length, case, exact, upper, w0, w1, ctx, _needs, _more = payload
    start = end - length
    if w0 and start > 0 and _is_word(text[start - 1]):
        return False
    if w1 and end < n and _is_word(text[end]):
        return False
    if case is not None and not _case_ok(text[start:end], case, exact, upper):
        return False
    return not ctx or _context_ok(text, start, end, rules[fi], None, needs_text)


_START_FEATURE_END = operator.itemgetter(1, 0, 2)


def _resolve_overlaps(cands: list[tuple[int, int, int, int]], is_sorted: bool = False
                      ) -> list[tuple[int, int, int, int]]:
    """Within each feature keep the longest of overlapping matches (ties: earlier start, then
    codebook order). ``cands`` are ``(feature id, start, end, form index)`` (``is_sorted``: already
    in that tuple order); returns the kept ones sorted by start, feature, end (at most one kept
    match per feature and span)."""
    if not is_sorted:
        cands.sort()
    if not any(a[0] == b[0] and b[1] < a[2] for a, b in zip(cands, cands[1:])):
        # no match overlaps the next one of its feature: every cluster below is a single match
        cands.sort(key=_START_FEATURE_END)
        return cands
    kept: list[tuple[int, int, int, int]] = []
    i, n = 0, len(cands)
    while i < n:
        fid, _s, cluster_end, _fi = cands[i]
        j = i + 1
        while j < n and cands[j][0] == fid and cands[j][1] < cluster_end:
            if cands[j][2] > cluster_end:
                cluster_end = cands[j][2]
            j += 1
        if j - i == 1:
            kept.append(cands[i])
        else:
            chosen: list[tuple[int, int, int, int]] = []
            for c in sorted(cands[i:j], key=lambda c: (c[1] - c[2], c[1], c[3])):
                if all(c[2] <= k[1] or c[1] >= k[2] for k in chosen):
                    chosen.append(c)
            kept.extend(chosen)
        i = j
    kept.sort(key=_START_FEATURE_END)  # start, feature (alphabetical id), end
    return kept


def _term_regex(term: str) -> str:
    """A literal term as a regex: apostrophes, spaces and hyphens match their Unicode variants,
    word boundaries where the term starts/ends with a word character."""
    body = "".join(_FOLD_CLASS.get(_FOLD_MAP.get(ch, ch)) or re.escape(ch) for ch in term)
    lead = r"(?<!\w)" if _is_word(term[0]) else ""
    trail = r"(?!\w)" if _is_word(term[-1]) else ""
    return lead + body + trail


def reference_find_lexical(text: str, matcher: Matcher | Codebook | str | None = None) -> list[LexMatch]:
    """A second, independent route to the same hits, for testing: one regular-expression scan per
    form and term (slow; never used in production). Case rules, boundaries and the character
    reading are re-implemented with ``re``; exceptions, requires and overlaps use the same rules.
    :func:`find_lexical` must return exactly the same list.
    """
    if not isinstance(matcher, Matcher):
        matcher = compile_codebook(matcher)
    cands: list[tuple[int, int, int, int]] = []
    fi = 0
    for entry in matcher.codebook.entries:
        for form in entry.forms:
            rule = matcher.rules[fi]
            for term in form.terms:
                variants = {term} if form.case == "exact" else {term, term.upper()}
                flags = re.IGNORECASE if form.case == "insensitive" else 0
                for v in sorted(variants):
                    # a lookahead finds overlapping occurrences too
                    for m in re.finditer(f"(?=({_term_regex(v)}))", text, flags):
                        start, end = m.span(1)
                        if _context_ok(text, start, end, rule):
                            cands.append((rule.feature_id, start, end, fi))
            for rx in form.regex:
                flags = re.IGNORECASE if form.case == "insensitive" else 0
                for m in re.finditer(rx, text, flags):
                    start, end = m.span()
                    if start == end:
                        continue
                    if start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
                        continue
                    if end < len(text) and _is_word(text[end]) and _is_word(text[end - 1]):
                        continue
                    if _context_ok(text, start, end, rule):
                        cands.append((rule.feature_id, start, end, fi))
            fi += 1
    cands = sorted(set(cands))
    out = []
    for _fid, s, e, i in _resolve_overlaps(cands):
        r = matcher.rules[i]
        out.append(LexMatch(s, e, text[s:e], r.feature, r.key, r.value, r.category))
    return out


def count_lexical(text: str, matcher: Matcher) -> dict[str, int]:
    """Counts per ``feature:key:value`` column for one text (what the per-document table holds)."""
    out: dict[str, int] = {}
    for m in find_lexical(text, matcher):
        col = f"{m.feature}:{m.key}:{m.value}"
        out[col] = out.get(col, 0) + 1
    return out


def sentence_index(spans: list[tuple[int, int]]):
    """Helper for callers holding sentence spans: a function ``pos -> (start, end)`` by bisection."""
    starts = [s for s, _ in spans]

    def at(pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and spans[i][0] <= pos < spans[i][1]:
            return spans[i]
        return None

    return at
