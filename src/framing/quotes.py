"""Quoted spans, their type (direct / partial / scare / other) and their attribution.

Three steps, each usable alone:

* :func:`find_quote_spans` pairs quotation marks (“ ” " ‘ ’ ' « » „ ‚ ‹ ›) within each paragraph,
  nested or not, and tells closing single quotes from apostrophes (Russia's, Kyiv’s, ’90s,
  rock ’n’ roll, runnin’). Offsets are those of the quoted words, without the marks.
* :func:`classify_quotes` attributes each span (:mod:`framing.attribution`) and types it. A span
  is *scare* only when no attribution is found in its sentence (a cue that really holds it, a verb
  of saying or labelling whose clause it sits in, a named agent, a passive label, a charge), its
  neighbours, or elsewhere in the article (the same words, or their inflections, quoted or
  reported with a speaker), it is not listed with someone's quote, and it is not a name, a title
  or a word mentioned as a word (*other*). docs/quotes.md gives the rules in order.
* :func:`quote_hits` / :func:`extract_quotes` turn the result into rows of the hits table
  (feature ``quote``; attributed clauses without marks as feature ``reported_speech``).

Nothing in the text is normalised: offsets point into the title / clean_text as written.
"""
from __future__ import annotations

import functools
import os
import re
from typing import Any, NamedTuple

import pandas as pd

from . import attribution as attr
from .schema import ALL_HIT_COLUMNS, check_columns, empty_hits

# Patterns used inside functions, compiled once (no re-module cache lookup per call).
_WORD_CHAR = re.compile(r"\w")
_SENTENCE_END_BEFORE = re.compile(r"[.!?…:][’'”\"»]?\s+$")
_FULL_STOP_NO_SPACE = re.compile(r"[a-z\d][.!?…]$")
_SENTENCE_END_BEFORE_SINGLE = re.compile(r"[.!?…][”\"»]?\s+$")
_OR_GLOSS_BEFORE = re.compile(r"(?:,\s*or|\(|[–—-]\s*or)\s*$")
_GLOSS_CLOSE_AFTER = re.compile(r"\s*[,)–—-]")
_ENDS_IN_PUNCT = re.compile(r"[.!?,]$")
_CLAUSE_PUNCT = re.compile(r"[.!?,;]")
_OR_OR_SO_CALLED_BEFORE = re.compile(r"\bor\s*$|so-called\s*$")
_AFTER_QUOTE_COMMA = re.compile(r"[’'”\"],\s*$")
_COMMA_THEN_QUOTE = re.compile(r",\s*['‘“\"]")
_NON_WORD_RUN = re.compile(r"[\W_]+")
_PARENTHESES = re.compile(r"\([^()]*\)")
_BY_START = re.compile(r"\s*by\b")
_CLAUSE_BOUNDARY_MARK = re.compile(r"[;:–—]|\s-{1,2}\s")
_ONLY_SPACE_COMMA_COLON = re.compile(r"[\s,:]*")
_TO_START = re.compile(r"\s*to\b")
_THAT_OR_COLON_START = re.compile(r"\s*(?:that|:)")
_AND_BEFORE = re.compile(r"\band\s+(?:\w+ly\s+)?$")
_COMMA_OR_DASH = re.compile(r"[,–—]")
_TO_INFINITIVE_BEFORE = re.compile(r"(?:\b(?:is|are|was|were|be|has|have|had|had\s+been)\s+)?\bto\s+$")
_POSSESSIVE_END = re.compile(r"[’']s$")
_WORD_TOKEN = re.compile(r"[\w’'\-]+")
_CLAUSE_BREAK_WORDS = re.compile(r"[;:–—]|\b(?:which|who|that|because|while|whereas|but)\b")
_LISTENER_END = re.compile(r"\b(?:reporters|journalists|the press|the media)\s*$")
_SAYING_VERB_END = re.compile(r"\b(?:said|says|told|tells|wrote|writes|added|adds|asked|stated|declared|"
                              r"replied|responded|warned|claimed|insisted|tweeted|posted|that|[a-z]+ed)\s*$")
_END_PUNCT_TRAILING = re.compile(r"[.!?…,]\W*$")
_COLON_AFTER = re.compile(r"[’'”\"»]?\s*:")
# a whole clause after a coordinating or subordinating word (and, but, because, mean) is direct as well:
# "warned that … and “the best thing that awaits them … is a trial”"
_CONJ_BEFORE = re.compile(r"\b(?:and|but|because|since|so|mean|means|meant)\s*$")
_THAT_COLON_COMMA_BEFORE = re.compile(r"(?:\bthat|[:,])\s*$")

# ----------------------------------------------------------------------------- mark pairing
_MARK_RE = re.compile(r"[“”\"‘’'«»„‚‹›‟]")
_DOUBLE = set("“”\"„‟")
_SINGLE = set("‘’'‚")
_OPEN_SPACE = set("([{—–-/\u00a0") | {"\t"}
_CLOSE_FOLLOW = set(",.;:!?)]}…—–-")
_APOS_WORDS = re.compile(r"(?:em|n|til|tis|twas|cause|bout|round|s)\b|\d\d(?:s\b|\b)", re.IGNORECASE)


class QuoteSpan(NamedTuple):
    """A quoted span: ``start``/``end`` of the words inside the marks, the marks themselves,
    ``depth`` (0 outermost, 1 nested ...), ``closed`` (False: ran to the paragraph's end)."""

    start: int
    end: int
    open_mark: str
    close_mark: str
    depth: int
    closed: bool


def _klass(ch: str) -> str:
    if ch in _DOUBLE:
        return "d"
    if ch in _SINGLE:
        return "s"
    if ch in "«»":
        return "g"
    return "a"  # ‹ ›


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair the quotation marks of ``text``; return the quoted spans in text order.

    Rules: marks pair within a paragraph (a line); a nested quote is its own span; an opening
    mark never closed is a span to the end of its paragraph only when the quotation runs on
    (the paragraph starts with it, or the next paragraph re-opens: the old convention for
    quotes over several paragraphs), else it is ignored; a single mark between letters,
    before a decade (’90s) or in a contraction (’n’, ’em, ’til) is an apostrophe; a ’ after
    a word that may be a possessive (Times’) or a dropped g (runnin’) closes a quote only
    if no later mark in the paragraph can close it.
    """
    if not text:
        return []
    spans: list[QuoteSpan] = []
    n = len(text)
    pos = 0
    while pos <= n:
        nl = text.find("\n", pos)
        pe = n if nl < 0 else nl
        if pe > pos:
            _pair_paragraph(text, pos, pe, spans)
        if nl < 0:
            break
        pos = nl + 1
    spans.sort(key=lambda q: (q.start, -q.end))
    # depth = number of spans that enclose this one (marks left open on the stack do not count)
    out, ends = [], []
    for q in spans:
        while ends and ends[-1] < q.end:
            ends.pop()
        out.append(q._replace(depth=len(ends)))
        ends.append(q.end)
    return out


def _pair_paragraph(text: str, ps: int, pe: int, spans: list[QuoteSpan]) -> None:
    marks = [(m.start(), m.group(0)) for m in _MARK_RE.finditer(text, ps, pe)]
    if not marks:
        return
    stack: list[tuple[int, str]] = []  # (index, mark)
    skip = set()
    for k, (i, ch) in enumerate(marks):
        if i in skip:
            continue
        p = text[i - 1] if i > ps else " "
        nx = text[i + 1] if i + 1 < pe else " "
        p_space = p.isspace() or p in _OPEN_SPACE or (p in "“‘«„\"'" and i > ps)
        n_space = nx.isspace() or i + 1 >= pe
        n_close = n_space or nx in _CLOSE_FOLLOW or nx in "”’»\"'"
        openish = p_space and not n_space
        closeish = (not p_space) and n_close
        kl = _klass(ch)
        open_of = [j for j, (_, m) in enumerate(stack) if _klass(m) == kl]
        role = None
        if kl == "d":
            if ch in "“„‟":
                role = "close" if (closeish and open_of and ch == "“" and stack[open_of[-1]][1] == "„") else "open"
                if ch == "“" and closeish and open_of and not openish:
                    role = "close"
            elif ch == "”":
                role = "open" if (openish and not open_of) else "close"
            else:  # straight "
                if openish:
                    role = "open" if not (open_of and not p_space) else "close"
                elif closeish:
                    role = "close"
                else:
                    role = "close" if open_of else "open"
        elif kl == "g":
            if ch == "«":
                role = "open"
            else:
                role = "open" if (openish and not open_of) else "close"
        elif kl == "a":
            role = "open" if ch == "‹" else "close"
        else:  # single marks: apostrophe or quote
            if p.isalnum() and nx.isalnum():
                continue  # Kyiv’s, don’t, rock’n’roll
            rest = text[i + 1:pe]
            if (p_space or p in "‘’'") and _APOS_WORDS.match(rest):
                # ’90s, ’em, ’n’ (skip the second mark of ’n’)
                if rest[:1].lower() == "n" and rest[1:2] in "’'":
                    skip.add(i + 2)
                if rest[:1].lower() != "s" or not rest[1:2].isalpha():
                    continue
            if ch == "‚":
                role = "open" if openish else None
            elif ch == "‘":
                if openish or (p_space and nx in "“\"«"):
                    role = "open"
                elif closeish and open_of:
                    role = "close"
            else:  # ’ or '
                if openish:
                    role = "open"
                elif closeish:
                    if not open_of:
                        continue  # plural possessive (the Times’ reporting), dropped g
                    j = i  # the word before the mark (looked back from it, not searched from the paragraph start)
                    while j > ps and (text[j - 1].isalnum() or text[j - 1] == "_"):
                        j -= 1
                    w = text[j:i]
                    if (w.endswith("s") or (w.endswith("in") and len(w) > 3)) and nx == " " \
                            and _later_single_close(text, marks, k, pe):
                        continue
                    role = "close"
                elif p_space and n_space:
                    continue
        if role is None:
            continue
        if role == "open":
            # a quotation re-opened after a sentence end without closing (paragraphs of one quote
            # run together on one line: "A. "B. "C.") ends the open span and starts a new one
            # (a nested quote may close right before: `… regulation.’ "The Russian …`)
            # (an opening-shaped mark may follow the full stop without a space: `sanctions.“We have …`)
            if open_of and (kl in ("d", "g") and (_SENTENCE_END_BEFORE.search(text[max(ps, i - 5):i])
                                                  or ch in "“„«" and _FULL_STOP_NO_SPACE.search(text[max(ps, i - 2):i]))
                            or kl == "s" and _SENTENCE_END_BEFORE_SINGLE.search(text[max(ps, i - 5):i])):
                j = open_of[-1]
                oi, om = stack[j]
                del stack[j:]
                inner = _inner_words(text, oi + 1, i)
                if inner:
                    spans.append(QuoteSpan(*inner, om, "", j, False))
            stack.append((i, ch))
            continue
        if not open_of:
            continue  # stray closing mark
        j = open_of[-1]
        oi, om = stack[j]
        del stack[j:]  # inner unclosed marks are dropped
        inner = _inner_words(text, oi + 1, i)
        if inner:
            spans.append(QuoteSpan(*inner, om, ch, j, True))
    # unclosed openings: a quotation running on to the next paragraph
    if stack:
        nxt = text[pe + 1:pe + 4].lstrip() if pe < len(text) else ""
        reopen = bool(nxt) and nxt[0] in "“\"«„‘"
        for depth, (oi, om) in enumerate(stack):
            if _klass(om) not in ("d", "g"):
                continue
            at_start = not text[ps:oi].strip()
            if not (reopen or at_start) or depth > 0:
                continue
            s, e = oi + 1, pe
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s and _WORD_CHAR.search(text[s:e]):
                spans.append(QuoteSpan(s, e, om, "", depth, False))
            break


def _inner_words(text: str, s: int, e: int) -> tuple[int, int] | None:
    """``(start, end)`` of ``text[s:e]`` (between two marks) without outer whitespace, or None
    when it holds no word (empty marks, punctuation only)."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s and _WORD_CHAR.search(text, s, e) else None


def _later_single_close(text: str, marks, k: int, pe: int) -> bool:
    """Is there, after mark ``k``, a ’ or ' that looks like a closing quote before any new opening?"""
    for i, ch in marks[k + 1:]:
        if ch not in "’'‘":
            continue
        p = text[i - 1]
        nx = text[i + 1] if i + 1 < pe else " "
        if p.isalnum() and nx.isalnum():
            continue
        if p.isspace() and nx.isalnum():
            return False  # an opening mark comes first
        if not p.isspace() and (nx.isspace() or nx in _CLOSE_FOLLOW or i + 1 >= pe):
            return True
    return False


# ----------------------------------------------------------------------------- typing
_OTHER_BEFORE = re.compile(
    r"(?:\b(?:[Oo]peration|[Pp]lan|[Pp]rogramm?e?|[Bb]ook|[Ff]ilm|[Mm]ovie|[Dd]ocumentary|[Ss]eries|[Ss]how|"
    r"[Nn]ewspaper|[Mm]agazine|[Ss]ong|[Aa]lbum|[Nn]ovel|[Aa]rticle|[Cc]olumn|[Hh]eadline|[Ss]logan|[Mm]otto|"
    r"[Hh]ashtag|[Dd]octrine|[Ww]ords?|[Tt]erms?|[Pp]hrases?|[Ll]abel|[Tt]itled|[Ee]ntitled|"
    r"(?:[Nn]ickname|[Mm]oniker|[Ss]obriquet)(?:\s+(?:of\s+)?the)?|"
    r"(?:[Pp]olicy|[Dd]octrine|[Pp]rinciple|[Tt]heory|[Mm]yth|[Cc]oncept|[Nn]otion|[Ii]deology)\s+of(?:\s+the)?|"
    r"(?:[Nn]amed|[Dd]ubbed|[Nn]icknamed|[Kk]nown\s+as|[Bb]illed\s+as)(?:\s+(?:the|a|an))?|"
    r"\b(?:a|an)\s+(?:[\w\-]+\s+){0,2}?(?:[a-z\-]+\s+called|[\w\-]+\s+Called)|"
    r"[Pp]odcast|[Pp]roject|[Ee]xercises?|[Dd]rills?|[Ii]nstallation|[Ee]xhibition|[Aa]rtwork|[Pp]ainting|"
    r"[Ss]culpture|[Pp]oem|[Oo]pera|[Pp]lay|[Gg]roup|[Cc]hannel|[Aa]ccount|[Hh]andle|[Cc]hat|[Ff]orum|"
    r"[Cc]ry|[Rr]efrain|[Mm]antra|[Cc]atchphrase|[Mm]eme|"
    r"(?:[Ss]igns?|[Bb]anners?|[Gg]raffiti|[Bb]illboards?|[Ii]nscriptions?)\s+(?:saying|reading|that\s+(?:said|read))|"
    r"[Bb]rand|[Cc]ampaign|[Ii]nitiative|[Ss]tatus|[Ff]ormula|[Ee]pisode|[Cc]hant(?:ing|ed)?|[Tt]ag|[Ss]ection|"
    r"[Cc]ategory|[Ll]ist|[Ee]vent)\s*[:,]?\s*|\b(?:[Kk]nown|[Rr]eferred\s+to)\s+as\s+(?:the|an?)\s+)$")
_OTHER_AFTER = re.compile(
    r"\s*(?:scheme|programme|program|rules|regime|channel|order|concept|register|doctrine|plan|policy|strategy|"
    r"initiative|project|format|formula|podcast|series|brand|hashtag|slogan|motto|movement|"
    r"co-host|host|anchor|presenter|column|newsletter|website|app|account|page|button|tactics?|manoeuvres?|"
    r"maneuvers?|camp|plans|bar|pub|hotel|restaurant|caf[eé]|festival|exhibition|award|prize|medal|label|"
    r"conference|forum|congress)\b")
# verbs that found or set up a thing: the quoted noun group after them is its name
# ("issued a decree establishing a “register of oligarchs”", "had created a “working group”")
_FOUNDING_BEFORE = re.compile(r"\b(?:establish(?:es|ed|ing)?|creat(?:e|es|ed|ing)|set(?:s|ting)?\s+up|"
                              r"launch(?:es|ed|ing)?|form(?:s|ed|ing)?|found(?:s|ed|ing)?)\s+(?:a|an)\s*$", re.I)
_BODY_NOUNS = {"group", "register", "registry", "list", "committee", "council", "commission", "fund", "unit", "units",
               "force", "forces", "team", "centre", "center", "office", "agency", "database", "platform", "coalition",
               "network", "movement", "party", "bureau", "service", "board", "brigade", "battalion", "corps", "club"}
# a term glossed right after it: "has “de-arched,” or exited a major market"; "“color revolutions” -- a series of"
_OR_NOT_GLOSS = (r"(?!(?:if|whether|not|might|may|could|would|will|should|can|must|did|does|do|was|were|is|are|"
                 r"had|has|have|even|perhaps|maybe)\b)")
_OR_GLOSS = re.compile(r"\s+or\s+" + _OR_NOT_GLOSS)
_GLOSS_AFTER = re.compile(r"\s*,\s+or\s+" + _OR_NOT_GLOSS + r"|\s+(?:--|–|—)\s+(?:a|an|the)\s+\w+\s+of\b")
# a word of a title or name mentioned as a word: the “enthusiasm” of the title
_OF_THE_TITLE = re.compile(r"\s*(?:of|in)\s+the\s+(?:title|name|headline|slogan|hashtag)\b")
#: a translation from a language named before it: "(Ukrainian for “Good day”)", "Russian for ‘sign’"
_TRANSLATION_BEFORE = re.compile(r"(?:[(,–—-]\s*|\b(?:the|a)\s+)(?:[A-Z][a-z]+(?:ian|ish|ese|ic)|French|Greek|Latin|Dutch|Hebrew|Farsi|Hindi|Urdu|"
                                 r"Czech|Thai|German|Slovak)\s+(?:word\s+)?for\s*(?:(?:a|an|the)\s+)?$")
_GLOSS_BEFORE = re.compile(r"\b(?:meaning|means|translated\s+as|translates\s+as|literally|known\s+locally\s+as|"
                           r"short\s+for|stands\s+for)\s*[:,]?\s*$", re.I)
_OTHER_LAST = {"plan", "operation", "doctrine", "formula", "initiative", "programme", "program",
               "summit", "strategy", "format", "corridor", "deal", "act"}
_DOCUMENT_LAST = {"agreement", "concept", "charter", "treaty", "pact", "accord", "convention", "memorandum",
                  "declaration", "communique", "communiqué", "manifesto", "roadmap"}
_SMALL = {"of", "the", "and", "for", "in", "on", "a", "an", "to", "de", "at", "by", "with", "&"}
_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
_AS_WORD_BEFORE = re.compile(r"\b(?:(?:word|term|phrase|expression|label|slogan)s?\s+(?:of\s+|like\s+|such\s+as\s+)?|"
                             r"(?:concept|notion)s?\s+(?:like|such\s+as)\s+)$", re.I)


_INITIALS = re.compile(r"(?:[A-Z]\.){2,4}")


_SIGN_BEFORE = re.compile(r"\b(?:slogans?|chants?|banners?|signs?|placards?|posters?|cry|mantra)\b[^.;:]*$", re.I)
_HELD_BY = re.compile(r"\b(?:wav(?:e|es|ed|ing)|h(?:old|olds|eld|olding)|chant(?:s|ed|ing)?|display(?:s|ed|ing)?|"
                      r"carr(?:y|ies|ied|ying)|rais(?:e|es|ed|ing)|shout(?:s|ed|ing)?|s(?:ang|ing|ings|inging)|"
                      r"brandish(?:es|ed|ing)?)\b", re.I)


_LAW_TITLE_START = re.compile(r"\s*[Oo]n\s+(?:the\s+)?[a-z]")
_LAW_BEFORE = re.compile(r"\b(?:[Ll]aws?|[Aa]cts?|[Dd]ecrees?|[Rr]esolutions?|[Bb]ills?|[Ll]egislation|[Cc]odes?|"
                         r"[Oo]rders?|[Dd]irectives?|[Rr]egulations?)\b(?:[^.;“”\"‘’]|\bNo\.){0,70}$")


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


_POSSESSED_WORDS = re.compile(r"(?:\b(?:his|her|their|its|my|our|your)|[’']s?)\s+(?:own\s+)?(?:words?|terms?|phrases?)"
                              r"\s*[:,]?\s*$", re.I)
# a word of the name lists used as a verb: "will show ‘how fixed’ …", "to plan", "campaigned"
_VERB_NOT_NOUN = re.compile(r"\b(?:will|would|to|can|could|may|might|must|should|shall|did|does|do|not)\s+"
                            r"(?:[a-z]+ly\s+)?[a-z]+\s*[:,]?\s*$", re.I)
_PREDICATE_OPENERS = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
                      "must", "may", "might", "shall", "do", "does", "did", "been", "being", "until", "unless",
                      "that", "which", "who", "because", "if", "when", "while", "whether", "not"}


def _predicate_start(words: list[str]) -> bool:
    """Does a span open, in lower case, with an auxiliary or a subordinating word? Then it is a
    predicate or a clause (*has been working in Ukraine's favour*), never a name."""
    return bool(words) and words[0].islower() and words[0] in _PREDICATE_OPENERS


attr_pronouns = {"i", "we", "you", "he", "she", "it", "they"}


_WHAT_X_CALLS = re.compile(r"\b[Ww]hat\s+((?:[\w’'\-\.]+\s+){1,6}?)(call(?:s|ed)?|term(?:s|ed)?|dub(?:s|bed)?|"
                           r"describe(?:s|d)?\s+as|refer(?:s|red)?\s+to\s+as|label(?:s|led|ed)?|"
                           r"(?:deem|consider|regard|see|view)(?:s|ed)?(?:\s+(?:to\s+be|as))?|saw\s+as)\s+"
                           r"(?:(?:its|their|his|her|the|a|an)\s+)?"
                           r"(?:(?:[\w\-]+\s+){0,3}?[\w\-]+[’']s\s+|(?:[\w\-]+\s+){1,2})?$")
#: ("what he called the authoritarian leader’s “genius” strategy": a possessor and two words may come between)
# "as Russia calls it, its “special military operation”", "as he put it, “…”"
_AS_X_CALLS = re.compile(r"\b[Aa]s\s+((?:[\w’'\-\.]+\s+){1,6}?)(call(?:s|ed)?|term(?:s|ed)?|dub(?:s|bed)?|"
                         r"put(?:s)?|describe(?:s|d)?|label(?:s|led|ed)?)\s+(?:it|them|him|her)\s*,?\s*"
                         r"(?:(?:its|their|his|her|the|a|an)\s+)?$")


# after the span: "(or “liberate” as the Russians put it)", "“even war has rules”, as the ICRC puts it"
_AS_X_PUTS_IT_AFTER = re.compile(r"[\s,”\"’']*\s[Aa]s\s+((?:[\w’'\-\.]+\s+){1,8}?)(puts?|call(?:s|ed)?|says?|said|"
                                 r"describe(?:s|d)?)\s+(?:it|them)\b")


_AS_PUT_BY_AFTER = re.compile(r"[\s,”\"’']*\s[Aa]s\s+(?:[a-z]+ly\s+)?(put|said|described|called)\s+by\s+(\S)")


def _what_x_calls(f: _Field, q: QuoteSpan, sent_start: int) -> attr.Attribution | None:
    """"What Russia calls its “special military operation”", "what his strategists term “new
    generation warfare”": the label is the named subject's words (partial), even when it names
    an operation or a plan."""
    text = f.text
    m = _WHAT_X_CALLS.search(text, max(sent_start, q.start - 90), q.start - 1) \
        or _AS_X_CALLS.search(text, max(sent_start, q.start - 90), q.start - 1) \
        or _AS_X_PUTS_IT_AFTER.match(text, q.end + 1)
    pb = None if m else _AS_PUT_BY_AFTER.match(text, q.end + 1)
    if pb and len(_words(text[q.start:q.end])) <= 6:
        # "like ‘hara-kiri’, as aptly put by Marine Le Pen": the agent's words
        np = attr._np_after(f.art, pb.start(2) - 1, min(len(text), pb.start(2) + 60))
        spk, s0, e0 = attr.speaker_from_np(f.art, *np) if np else ("", -1, -1)
        if spk:
            lemma = _verb_lemma(f, pb.group(1))
            return attr.Attribution(spk, s0, e0, lemma, pb.group(1), f.art.lexicon.category(lemma), pb.start(1),
                                    pb.end(1), how="sentence")
    if not m or len(_words(text[q.start:q.end])) > 6:
        return None
    a, b = m.start(1), m.start(1) + len(m.group(1).rstrip())
    spk, s0, e0 = attr.speaker_from_np(f.art, a, b)
    if not spk and _words(text[a:b])[-1].lower() not in ("it", "they", "he", "she", "we"):
        return None  # (a pronoun not resolved still names an agent: "what it deems to be “fake”")
    verb = m.group(2)
    lemma = _verb_lemma(f, verb.split()[0])
    return attr.Attribution(spk, s0, e0, lemma, verb, f.art.lexicon.category(lemma), m.start(2), m.end(2),
                            how="sentence")


def _subject_resolved(art: attr.Article, subject: tuple[str, int, int], pronouns: tuple[str, ...]) -> tuple[str, int, int]:
    """A clause subject (``attr._clause_subject``) with a subject pronoun of ``pronouns`` replaced by whom it
    stands for (no offsets then: the name is elsewhere; '' when unresolved)."""
    spk, a, b = subject
    if spk.lower() in pronouns:
        return (art.resolve_pronoun(a, spk.lower()) or "" if a >= 0 else ""), -1, -1
    return spk, a, b


def _possessive_owner(art: attr.Article, pos: int, pron: str) -> str:
    """Whom a possessive pronoun at ``pos`` stands for: *his* read as *he*, *her* as *she*, any other
    (*its*, *their*) as *they*; '' when the article does not say."""
    return art.resolve_pronoun(pos, {"his": "he", "her": "she"}.get(pron, "they"))


# a possessor right before the span: "his", "Putin's", "President Putin’s"
_POSSESSOR_BEFORE = re.compile(r"(?:\b(?P<pron>his|her|their|its)|(?P<name>\b[A-Z][\w\-]+)[’']s)\s+(?:own\s+)?"
                               r"(?:(?:long|brutal|ongoing|so-called|latest|failed|full-scale|bloody|unprovoked|"
                               r"continuing|new)\s+)?$")


_NAME_VERB_BEFORE = re.compile(r"\b([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2})\s+(?:(?:has|had|have)\s+)?[a-z]+(?:ed|s)\s+$")


def _possessors_operation(f: _Field, q: QuoteSpan, sent_start: int) -> attr.Attribution | None:
    """A quoted *operation* with a possessor (*his “operation”*, *President Putin's “special military
    operation”*) is the possessor's label for the war, not a name: partial, the possessor speaking
    (without a possessor, *the “special military operation” that began …*, it stays a name)."""
    text = f.text
    words = _words(text[q.start:q.end])
    if not words or words[-1] != "operation" or len(words) > 3:
        return None
    m = _POSSESSOR_BEFORE.search(text, max(sent_start, q.start - 40), q.start - 1)
    if not m:
        return None
    near = _NAME_VERB_BEFORE.search(text, max(sent_start, m.start() - 60), m.start())
    if m.group("pron") and near:
        # the name right before the verb: "before Russia launched its “…”"
        spk, a, b = attr.speaker_from_np(f.art, near.start(1), near.end(1))
    elif m.group("pron"):
        # the subject of its clause first ("Russia, which launched its “…”"), else the pronoun resolved
        spk, a, b = attr._clause_subject(f.art, (sent_start, m.start()), m.start())
        if not spk or spk.lower() in attr_pronouns:
            spk = _possessive_owner(f.art, m.start(), m.group("pron"))
            a, b = (-1, -1)
    else:
        spk, a, b = attr.speaker_from_np(f.art, m.start("name"), m.end("name"))
    if not spk:
        return None
    return attr.Attribution(spk, a, b, "", "", "", -1, -1, how="sentence")


def _is_other(text: str, q: QuoteSpan, sent_start: int, distance: dict[str, tuple[str, ...]]) -> bool:
    before = text[max(sent_start, q.start - 40):q.start - 1]
    span = text[q.start:q.end]
    words = _words(span)
    if not words:
        return True
    if _LAW_TITLE_START.match(span) and _LAW_BEFORE.search(text, max(sent_start, q.start - 90), q.start - 1):
        return True  # a law's title, "On …": Law … No. 1-FKZ ‘on martial law’, legislation called “On …”
    sign = _SIGN_BEFORE.search(before)
    if sign and _HELD_BY.search(text, sent_start, max(sent_start, q.start - 40) + sign.start()):
        return False  # a slogan or banner someone chants or holds is theirs: "the crowd chanted the slogan “…”"
    if _OTHER_BEFORE.search(before) and len(words) <= 8 and not _predicate_start(words) \
            and not _POSSESSED_WORDS.search(before) and not _VERB_NOT_NOUN.search(before):
        # "... called/named/dubbed X" only when not said by someone ("calling it ..."); not a
        # predicate or clause after the noun ("the military campaign “has been working …”",
        # "operation “until the end of …”") nor someone's words ("called his words “unjust”")
        return True
    last = words[-1].lower()
    if last in _OTHER_LAST and len(words) <= 4 and not _ENDS_IN_PUNCT.search(span if len(words) > 3 else "") \
            and not (last == "operation" and _POSSESSOR_BEFORE.search(before)) and "of" not in words \
            and not _one_sides_euphemism(words, distance) \
            and not re.search(r"\b(?:an?|so-called|its\s+so-called|call(?:s|ed|ing)?(?:\s+(?:it|its|their|his|her|the))?)\s*$",
                              before, re.I):
        return True  # the ‘victory plan’, his ‘peace formula’ (a name); not a “special operation” (a label)
    if last in _DOCUMENT_LAST and 2 <= len(words) <= 4 and not re.search(r"so-called\s*$", before, re.I) \
            and "of" not in (w.lower() for w in words):
        return True  # the name of a document: a “social agreement”, its “strategic concept”
    caps = [w for w in words if w.lower() not in _SMALL]
    if len(words) >= 2 and caps and all(w[0].isupper() or w[0].isdigit() for w in caps) \
            and not _CLAUSE_PUNCT.search(span.rstrip(".,!?")) and len(words) <= 7 \
            and not (words[0].lower() in attr_pronouns and len(words) > 2) \
            and not (len(words) >= 3 and _speech_words(span) and _title_cased(text)):
        return True  # (not first-person words in a title-case headline: ‘I’ll Stand on the Side of Russia’)
    if len(words) == 1 and len(words[0]) <= 2 and words[0].isupper():
        return True  # a letter or symbol: the 'Z', the letters 'V' and 'O'
    if _INITIALS.fullmatch(span.strip()):
        return True  # initials: her “B.G.”
    if len(words) == 1 and span.lstrip().startswith("#"):
        return True  # a hashtag: ‘#solidarity’
    if len(words) <= 3 and _AS_WORD_BEFORE.search(before) and not _POSSESSED_WORDS.search(before):
        return True
    after = text[q.end + 1:q.end + 4]
    if len(words) <= 4 and _OTHER_AFTER.match(text, q.end + 1):
        return True  # the 'golden visa' scheme, ‘free travel’ rules, the “Outnumbered” co-host
    if 2 <= len(words) <= 4 and _FOUNDING_BEFORE.search(before) and any(w.lower() in _BODY_NOUNS for w in words):
        return True  # the name of a body or list set up: a “register of oligarchs”, a “working group”
    if len(words) <= 3 and (span.rstrip().endswith(",") and _OR_GLOSS.match(text, q.end + 1)
                            or _GLOSS_AFTER.match(text, q.end + 1)) \
            and not _OR_OR_SO_CALLED_BEFORE.search(before):
        return True  # a term glossed after it: “de-arched,” or exited …; “color revolutions” -- a series of …
    if len(words) <= 3 and _OF_THE_TITLE.match(text, q.end + 1):
        return True  # the “enthusiasm” of the title
    if len(words) <= 3 and _GLOSS_BEFORE.search(before):
        return True  # a military response meaning “affirmative”
    if len(words) <= 4 and _TRANSLATION_BEFORE.search(before):
        return True  # a translation, a word as a word: “dobrogo dnia!” (Ukrainian for “Good day”)
    if len(words) <= 3 and _OR_GLOSS_BEFORE.search(before) and _GLOSS_CLOSE_AFTER.match(after):
        return True  # a gloss: Mirotvorets, or ‘Peacemaker’, … / encirclements – or “cauldrons” –
    if len(words) == 1 and (_AFTER_QUOTE_COMMA.search(before) or _COMMA_THEN_QUOTE.match(after)) \
            and re.search(r"\b(?:words?|terms?|slogans?|letters?|signs?|symbols?)\b", text[sent_start:q.start], re.I):
        return True  # a list of words as words: 'future', 'confident', 'victory'
    return False


_SUBJECT_START = {
    "i", "we", "you", "he", "she", "it", "they", "there", "this", "these", "those", "our", "my", "your",
    "his", "her", "their", "its", "the", "a", "an", "nowadays", "now", "today", "everyone", "everything",
    "nobody", "nothing", "no", "all", "some", "many", "most", "every", "each", "one", "russia", "ukraine",
    "people", "what", "even", "unfortunately", "obviously", "sometimes", "perhaps", "maybe", "also",
}


def _clause_like(span: str) -> bool:
    """A whole clause: at least three words, opening with a capital, or (at least four words)
    with a subject-like word ("we will use ...", "nowadays there are ...", "it means ...")."""
    s = span.lstrip("[(… .'‘\"“")
    if not s:
        return False
    words = _words(span)
    if (s[0].isupper() or s[0].isdigit()) and len(words) >= 3:
        return True
    return len(words) >= 4 and words[0].lower() in _SUBJECT_START


def _norm_words(s: str) -> str:
    return " ".join(w.lower() for w in _words(s))


# ----------------------------------------------------------------------------- one document field
class _Field:
    """A field (title or text) with its quote spans and article analysis."""

    def __init__(self, name: str, text: str, lexicon, distance: dict[str, tuple[str, ...]] | None = None):
        self.name = name
        #: the codebook's words held at a distance (``Codebook.distance_words``)
        self.distance = distance if distance is not None else _shipped_distance_words()
        self.text = text or ""
        self.spans = find_quote_spans(self.text)
        self.art = attr.Article.build(self.text, [(q.start, q.end) for q in self.spans], lexicon)
        self.types: list[str] = []
        self.attrs: list[attr.Attribution] = []
        self._lower_words = None
        self._sent_stems = None
        self._quote_stems: dict[int, set] = {}
        self._reported: list[dict] | None = None

    def quote_stems(self, k: int) -> set:
        """Stems of the words of span ``k`` (memoised)."""
        st = self._quote_stems.get(k)
        if st is None:
            q = self.spans[k]
            st = self._quote_stems[k] = _stems(self.text[q.start:q.end])
        return st

    def words_outside_quotes(self, start: int, end: int) -> set:
        """Lower-case words of ``text[start:end]`` that are outside every quoted span."""
        out = set()
        for m in _WORD.finditer(self.text, start, end):
            if not self.art.in_quote(m.start()):
                out.add(m.group(0).lower())
        return out

    def reported(self) -> list[dict]:
        """Reported speech of the field (:func:`framing.attribution.reported_speech`), computed once
        the field's quotes are attributed."""
        if self._reported is None:
            self._reported = attr.reported_speech(self.art, quote_attrs=dict(enumerate(self.attrs)))
        return self._reported

    @property
    def lower_words(self) -> str:
        """The field's words, lower case, one space apart (and around): for phrase look-ups."""
        if self._lower_words is None:
            ms = list(_WORD.finditer(self.text))
            self.word_offsets = [m.start() for m in ms]
            # one lower() over the joined words (word offsets are kept apart, so a letter whose
            # lower case is longer cannot shift them)
            self._lower_words = (" " + " ".join([m.group(0) for m in ms]) + " ").lower()
        return self._lower_words


def _find_in_body(body: _Field, words: str, *, exclude: int = -1) -> attr.Attribution | None:
    """Attribution of the same words elsewhere in ``body``: in another attributed quote, or in an
    attributed sentence (quoted or not)."""
    if not words:
        return None
    low = body.lower_words
    hits = []
    i = low.find(" " + words + " ")
    while i >= 0:
        hits.append(body.word_offsets[low.count(" ", 0, i + 1) - 1])
        i = low.find(" " + words + " ", i + 1)
    if not hits:
        return None
    for k, q in enumerate(body.spans):
        if k == exclude or k >= len(body.attrs):
            continue
        a = body.attrs[k]
        if a.speaker and any(q.start <= h < q.end for h in hits):
            return a
    if len(words.split()) <= 1:
        return None  # one word met again unquoted in someone's sentence is not their word
    for h in hits:
        if exclude >= 0 and body.spans[exclude].start <= h < body.spans[exclude].end:
            continue
        k = body.art.sentence_index(h)
        a = attr.sentence_attribution(body.art, k)
        if a.speaker:
            return a
    return None


_STOP = {"the", "a", "an", "of", "in", "on", "to", "and", "or", "for", "with", "by", "at", "from", "is", "are",
         "was", "were", "be", "its", "it", "as", "that", "this", "not", "no"}


_SUFFIXES = ("isations", "izations", "isation", "ization", "ations", "ation", "ments", "ment", "ings", "ing",
             "ions", "ion", "ers", "er", "ors", "or", "ies", "ied", "ed", "es", "ly", "s", "e")


@functools.lru_cache(maxsize=1 << 16)
def _strip_suffix(w: str) -> str:
    """The word in lower case less one common suffix (liberation -> liber, liberated -> liberat)."""
    w = w.lower()
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[:-len(suf)]
    return w


def _stem(w: str) -> str:
    """A crude stem: one common suffix off, then the first five letters (liquidation ~ liquidated,
    bombing ~ bomber, liberation ~ liberated ~ liberates)."""
    return _strip_suffix(w)[:5]


def _same_word(a: str, b: str) -> bool:
    """Inflections of one word: equal once a suffix is off, or one a prefix of the other of five
    letters or more (liberation ~ liberated; not Sinophile ~ Sinophobe)."""
    a, b = _strip_suffix(a), _strip_suffix(b)
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 5 and long_.startswith(short)


def _stems(s: str, *, content: bool = False) -> set:
    """Stems of the words of ``s``, hyphenated words split (rules-based ~ rules based);
    ``content``: without function words and words of one or two letters."""
    out = set()
    for w in _words(s):
        for part in w.split("-"):
            if content and (part.lower() in _STOP or len(part) <= 2):
                continue
            if part:
                out.add(_stem(part))
    return out


def _stems_in_attributed_quote(body: _Field, span: str, *, exclude: int = -1) -> attr.Attribution | None:
    """The words of a short body span (at most three content words), inflected otherwise, inside
    another quote of the body that someone is quoted saying: ‘liberation’ ~ “we liberated …”."""
    stems = _stems(span, content=True)
    if not stems or len(stems) > 3:
        return None
    mine = [p for w in _words(span) for p in w.split("-") if p and p.lower() not in _STOP and len(p) > 2]
    for kk, q in enumerate(body.spans):
        if kk == exclude or kk >= len(body.attrs) or not body.attrs[kk].speaker:
            continue
        if body.types[kk] != "other" and stems <= body.quote_stems(kk) \
                and all(any(_same_word(w, o) for o in _NON_WORD_RUN.split(body.text[q.start:q.end]) if o) for w in mine) \
                and _in_a_row(mine, body.text[q.start:q.end]):
            oq = body.spans[exclude] if exclude >= 0 else None
            if oq is not None and q.start <= oq.start and oq.end <= q.end:
                continue  # its own enclosing quote is handled as nesting
            return body.attrs[kk]
    return None


def _in_a_row(mine: list[str], quote: str) -> bool:
    """Do the content words ``mine`` stand close together inside ``quote``, within a window of twice
    their number of content words, in any order (*reclaiming and strengthening* ~ *to reclaim and
    strengthen*, *pay the price* ~ *the price we pay*)? Words scattered over a quote are no phrase of
    it (*trench candles* ~ *(The candles) can be used to dry out a trench*)."""
    mine = list(dict.fromkeys(w.lower() for w in mine))
    if len(mine) < 2:
        return True
    theirs = [p for w in _words(quote) for p in w.split("-") if p and p.lower() not in _STOP and len(p) > 2]
    size = 2 * len(mine)
    for i in range(max(1, len(theirs) - size + 1)):
        window = theirs[i:i + size]
        if all(any(_same_word(w, o) for o in window) for w in mine):
            return True
    return False


def _find_stems_in_body(body: _Field, span: str) -> attr.Attribution | None:
    """For a headline's words: a body sentence holding every content word of the span (by stem:
    liquidation ~ liquidated, best fighter pilot ~ best pilot ... fighter) that is attributed, or
    that holds an attributed quote. A single content word counts only inside someone's quote in
    the body (a word the writer uses again in an attributed sentence is not the source's)."""
    stems = _stems(span, content=True)
    if not stems or not body.art.sentences:
        return None
    if len(stems) == 1:
        st = next(iter(stems))
        for kk, q in enumerate(body.spans):
            if kk < len(body.attrs) and body.attrs[kk].speaker and body.types[kk] in ("direct", "partial") \
                    and st in body.quote_stems(kk):
                return body.attrs[kk]
        # the same word (not merely the same stem) in someone's reported speech, outside marks:
        # "‘victory’" in the headline, "he said, the US won a victory" in the body
        # (spelled with or without its hyphen: ‘eyewatering’ ~ eye-watering)
        word = next((w.lower() for w in _words(span) if _stem(w) == st), "").replace("-", "")
        for r in body.reported():
            if word in {w.replace("-", "") for w in body.words_outside_quotes(r["start"], r["end"])}:
                return r["attribution"]
        return None
    if body._sent_stems is None:
        body._sent_stems = [_stems(body.text[a:b]) for a, b in body.art.sentences]
    for k, st in enumerate(body._sent_stems):
        if not (stems <= st or len(stems) >= 3 and len(stems - st) == 1 and len(stems & st) >= 2):
            continue  # (of three content words or more, one may be missing: best fighter pilot ~ best pilot)
        a = attr.sentence_attribution(body.art, k)
        if a.speaker:
            return a
        ss, se = body.art.sentences[k]
        for kk, q in enumerate(body.spans):
            if ss <= q.start < se and kk < len(body.attrs) and body.attrs[kk].speaker:
                return body.attrs[kk]
    return None


def classify_quotes(title: str, text: str, codebook: Any = None) -> dict[str, list[dict]]:
    """Attribute and type every quoted span of a document's title and text.

    Returns ``{"title": [...], "text": [...]}``, one dict per span (start, end, text, context,
    quote_type, the attribution fields) plus ``{"reported_title": [...], "reported_text": [...]}``
    for reported speech without marks.
    """
    lex = attr.cue_lexicon(codebook)
    distance = distance_words_of(codebook)
    fields = {"text": _Field("text", text, lex, distance), "title": _Field("title", title, lex, distance)}
    body = fields["text"]
    _type_field(body, body)
    _type_field(fields["title"], body, headline=True)
    out: dict[str, list[dict]] = {}
    for name, f in fields.items():
        rows = []
        for q, t, a in zip(f.spans, f.types, f.attrs):
            rows.append(dict(start=q.start, end=q.end, text=f.text[q.start:q.end],
                             context=_context(f, q.start), quote_type=t, attribution=a,
                             open_mark=q.open_mark, close_mark=q.close_mark, depth=q.depth))
        out[name] = rows
        rep = []
        for r in f.reported():
            r["text"] = f.text[r["start"]:r["end"]]
            r["context"] = _context(f, r["start"])
            r["quote_type"] = "reported"
            rep.append(r)
        out["reported_" + name] = rep
    return out


def _context(f: _Field, pos: int) -> str:
    if not f.art.sentences:
        return f.text
    s, e = f.art.sentences[f.art.sentence_index(pos)]
    return f.text[s:e].replace("\n", " ")


_TITLE_SPEAKER_FIRST = re.compile(r"^\s*([A-Z][\w’'\-\.]*(?:\s+[A-Z][\w’'\-\.]*){0,3})\s*:\s+\S")
_TITLE_SPEAKER_LAST = re.compile(r"(?:\s[–—-]\s*|:\s*)([A-Z][\w’'\-\.]*(?:\s+[A-Z][\w’'\-\.]*){0,3})\s*$")


def _title_cue(f: _Field, q: QuoteSpan):
    """The cue of a headline, outside its quotes: the nearest before the span ("Zelensky moans
    about ...", "Putin blasts US ‘hegemony,’ predicts end to ‘unipolar’ world": predict), else a
    closing reporting clause ("… ‘threaten to unleash …’, Kyiv warns")."""
    before = [c for c in f.art.cues if c.start < q.start - 1 and not f.art.in_quote(c.start)]
    if before:
        return before[-1]
    for c in f.art.cues:
        if c.start > q.end and c.lemma not in attr._EVIDENCE_CUES and not f.art.in_quote(c.start) \
                and _TITLE_CLOSING_CUE.fullmatch(f.text, q.end, c.start) and _TITLE_END.fullmatch(f.text, c.end):
            return c
    return None


#: between a headline's quote and a closing cue: the mark, a comma and a short subject ("’, Kyiv warns")
_TITLE_CLOSING_CUE = re.compile(r"[”\"’']?[^,“”\"‘’]{0,40},\s+(?:[\w’'\-\.]+\s+){1,3}")
#: what may follow a headline's closing cue: nothing, or a tag ("…, Ukrainian general says: Exclusive")
_TITLE_END = re.compile(r"[\s.!?]*(?:[:|–—-]\s*[A-Z][\w\-]*(?:\s+[A-Za-z][\w\-]*)?\s*)?")


def _headline_speaker(f: _Field, body: _Field) -> attr.Attribution | None:
    """'Kilmeade: America should be ‘all-in’ …' / '… ‘unrealistic’ – Moscow' / '…: Victoria Coates'."""
    for rx in (_TITLE_SPEAKER_FIRST, _TITLE_SPEAKER_LAST):
        m = rx.search(f.text)
        if m:
            name = m.group(1).strip()
            if name.lower() in attr._CAP_STOP or name.isupper() and len(name) > 6 and " " not in name:
                pass
            full = body.art.canonical(name.title() if name.isupper() else name)
            return attr.Attribution(full, m.start(1), m.end(1), how="headline")
    return None


def _type_field(f: _Field, body: _Field, *, headline: bool = False) -> None:
    art = f.art
    text = f.text
    n = len(f.spans)
    f.types = [""] * n
    f.attrs = [attr.Attribution() for _ in range(n)]
    # 0. a label someone gives ("what Russia calls its “special military operation”"): theirs;
    #    titles, names of plans and operations, words as words: 'other' whatever surrounds them
    preset: dict[int, attr.Attribution] = {}
    for k, q in enumerate(f.spans):
        si = art.sentence_index(q.start)
        ss0 = art.sentences[si][0] if art.sentences else 0
        called = _what_x_calls(f, q, ss0) or _possessors_operation(f, q, ss0)
        if called is not None:
            preset[k] = called
        elif _is_other(text, q, ss0, f.distance):
            f.types[k] = "other"
    # 1. local attribution (nested quotes inside their enclosing quote first needs the outer one)
    order = sorted(range(n), key=lambda k: f.spans[k].depth)
    for k in order:
        q = f.spans[k]
        if f.types[k] == "other":
            continue
        if k in preset:
            f.attrs[k] = preset[k]
            continue
        if headline:
            # a headline's words are first looked for in the body, where they are attributed
            hit = _find_in_body(body, _norm_words(text[q.start:q.end])) or _find_stems_in_body(body, text[q.start:q.end])
            if hit is not None:
                # the headline's own verb is the cue ("Russia condemns ‘arrogant’ note"), the
                # speaker the one the body names
                own = _title_cue(f, q)
                if own is not None:
                    f.attrs[k] = attr.Attribution(hit.speaker, -1, -1, own.lemma, own.text, own.category,
                                                  own.start, own.end, how="article")
                else:  # no verb in the headline ("‘superweapons’ myth dispelled – Shoigu"): no cue
                    f.attrs[k] = attr.Attribution(hit.speaker, -1, -1, "", "", "", -1, -1, how="article")
                continue
        if q.depth > 0:
            continue  # nested quotes: after their enclosing quote is attributed (step 2b)
        f.attrs[k] = attr.attribute_span(art, q.start, q.end)
        if f.attrs[k].found and not _cue_holds_fragment(f, q, f.attrs[k]):
            f.attrs[k] = attr.Attribution()
    # 2. neighbours: previous sentence (same paragraph, or the paragraph before for a quote that
    #    opens its paragraph), next sentence for a whole-sentence quote
    for k in range(n):
        a = f.attrs[k]
        q = f.spans[k]
        if a.found or q.depth > 0 or f.types[k] == "other":
            continue
        si = art.sentence_index(q.start)
        ss, se = art.sentences[si] if art.sentences else (0, len(text))
        whole = not text[ss:q.start - 1].strip(" \t—–-") and len(_words(text[q.end:se])) == 0
        opens_par = not text[ss:q.start - 1].strip() and (si == 0 or art.paragraph_of_sentence[si] != art.paragraph_of_sentence[si - 1])
        got = None
        short = len(_words(text[q.start:q.end])) <= 2
        if si > 0 and (art.paragraph_of_sentence[si - 1] == art.paragraph_of_sentence[si] or (opens_par and whole)) \
                and not (short and not whole):
            # (one or two words in the writer's own sentence are not carried over from the sentence
            # before: "He was ignored by the “nation builders”" after Rumsfeld's advice)
            got = _previous_attribution(f, k, si - 1, whole=whole)
            if got is not None and not whole and got.cue and _words(text[ss:q.start - 1]) \
                    and not _SENTENCE_END_BEFORE_MARK.search(text, ss, max(ss, q.start - 1)):
                # a fragment in a sentence of its own takes the speaker before, not that sentence's verb: its
                # cue is the verb of its own sentence that holds it, if any ("His heartfelt ‘end the war’ plea
                # came …" after "… he added")
                own = _cue_clause_attribution(f, q, art.sentences[si])
                got = attr.Attribution(got.speaker, got.speaker_start, got.speaker_end,
                                       own.cue if own is not None else "", own.cue_text if own is not None else "",
                                       own.cue_category if own is not None else "", -1, -1, how="previous")
            if got is None and whole and si > 1 and art.paragraph_of_sentence[si - 2] == art.paragraph_of_sentence[si] \
                    and not attr.sentence_attribution(art, si - 1).found:
                # reported speech going on for a sentence before the quote resumes it
                got = _previous_attribution(f, k, si - 2, whole=whole)
        if got is None and whole and si + 1 < len(art.sentences) and art.paragraph_of_sentence[si + 1] == art.paragraph_of_sentence[si]:
            nxt = attr.sentence_attribution(art, si + 1)
            ns, ne = art.sentences[si + 1]
            if nxt.found and len(_words(text[ns:ne])) <= 8:
                got = nxt
                got.how = "next"
        if got is None and whole and k + 1 < n:
            # a quotation broken into pieces: “A. “B,” he said. → A is his too
            nq = f.spans[k + 1]
            na = f.attrs[k + 1]
            if nq.depth == 0 and na.found and na.how == "sentence" and art.sentence_index(nq.start) <= si + 2 \
                    and not _words(text[q.end + 1:nq.start - 1]):
                got = attr.Attribution(na.speaker, na.speaker_start, na.speaker_end, na.cue, na.cue_text,
                                       na.cue_category, na.cue_start, na.cue_end, how="next")
        if got is not None:
            f.attrs[k] = got
    # 2b. nested quotes: their own attribution inside the enclosing quote ("who said: ‘…’"), else
    #     the enclosing quote's: words quoted inside someone's quotation are that speaker's
    for k in order:
        q = f.spans[k]
        if q.depth == 0 or f.types[k] == "other":
            continue
        outer = None
        for kk in range(n):
            o = f.spans[kk]
            if kk != k and o.start <= q.start and q.end <= o.end and o.depth < q.depth:
                outer = kk
        if outer is None:
            continue
        oa = f.attrs[outer]
        own = attr.attribute_span(art, q.start, q.end, outer_speaker=oa.speaker,
                                  enclosing=(f.spans[outer].start, f.spans[outer].end))
        if own.how == "sentence" and own.cue:
            f.attrs[k] = own
        elif oa.found:
            f.attrs[k] = attr.Attribution(oa.speaker, oa.speaker_start, oa.speaker_end, oa.cue, oa.cue_text,
                                          oa.cue_category, oa.cue_start, oa.cue_end, how="enclosing")
    # 3. types, with the article-wide search for the words of unattributed spans
    for k in range(n):
        q = f.spans[k]
        a = f.attrs[k]
        span = text[q.start:q.end]
        si = art.sentence_index(q.start)
        ss = art.sentences[si][0] if art.sentences else 0
        if f.types[k] == "other":
            continue
        if not a.found:
            hit = None
            words = _norm_words(span)
            if f is body:
                hit = _find_in_body(body, words, exclude=k) or _stems_in_attributed_quote(body, span, exclude=k)
            else:
                hit = _find_in_body(body, words) or _headline_speaker(f, body)
            if hit is not None:
                # the speaker the body names; the cue only when it stands in this sentence or the one
                # next to it: an echo of someone's words further off has no attributing verb of its own
                near = f is body and hit.cue_start >= 0 and abs(art.sentence_index(hit.cue_start) - si) <= 1
                f.attrs[k] = attr.Attribution(hit.speaker, -1, -1, hit.cue if near else "",
                                              hit.cue_text if near else "", hit.cue_category if near else "",
                                              -1, -1, how="article")
                if f is body and not near and art.sentences:
                    # the verb of the span's own sentence that holds it is its cue ("accused Nato of “…”",
                    # "to speculate that … ‘…’"), the speaker still the one who said the words
                    gov = _cue_clause_attribution(f, q, art.sentences[si])
                    if gov is not None and gov.cue:
                        a2 = f.attrs[k]
                        a2.cue, a2.cue_text, a2.cue_category = gov.cue, gov.cue_text, gov.cue_category
                if f is body and hit.speaker_start >= 0:
                    f.attrs[k].speaker_start, f.attrs[k].speaker_end = -1, -1
                f.types[k] = "partial"
                continue
        if a.found or f.attrs[k].found:
            f.types[k] = _direct_or_partial(text, q, ss, f.attrs[k], sent_end=art.sentences[si][1] if art.sentences else len(text))
            continue
        nw = len(_words(span))
        if nw >= 5 and _is_clause(span):
            f.types[k] = "direct"
        elif nw >= 6:
            f.types[k] = "partial"
        else:
            agent = _self_label(f, q, ss) or (None if headline else _agent_attribution(f, q, ss)) \
                or _feeling(f, q, ss)
            if agent is None:
                agent = _passive_label(f, q, ss) or _charge_or_claim(f, q, ss) or _stated_aim(f, q, ss)
            if agent is None and not (headline and _speech_words(span)):
                # (a headline's own verb of saying holds its fragment too: "Biden Vows to Back Ukraine
                # ‘as Long as It Takes’"; a headline's first-person words stay speech, typed below)
                agent = _cue_clause_attribution(f, q, art.sentences[si] if art.sentences else (0, len(text)))
            if agent is None and not headline and art.sentences:
                agent = _opinion_attribution(f, q, si) or _in_the_words_of(f, q, si) or _to_view_attribution(f, q, si) \
                    or _possessor_source(f, q, ss) or _saying_noun(f, q, ss)
            if agent is not None:
                f.attrs[k] = agent
                f.types[k] = "partial"
            elif not headline and _proper_name_inside(text, q, ss) and not _CLASS_WORD.search(_words(span)[-1]):
                f.types[k] = "other"
            else:
                f.types[k] = _unattributed_type(f, q, ss, headline=headline)
    # 4. quotes listed together ("a love of “Asian art” and “many years of professional experience
    #    …”") come from the same source: a scare quote joined to a partial or direct one by a comma,
    #    "and" or "or" takes its type and attribution
    for k in range(n):
        if f.types[k] not in ("scare", "partial"):
            continue
        q = f.spans[k]
        if k > 0 and f.types[k - 1] == "other" and f.spans[k - 1].depth == q.depth \
                and _OR_JOIN.fullmatch(text[f.spans[k - 1].end + 1:q.start - 1]):
            f.types[k] = "other"  # a gloss offered as an alternative: the “siloviki” or “strongmen”
            f.attrs[k] = attr.Attribution()
            continue
        if f.types[k] != "scare":
            continue
        if k + 1 < n and f.types[k + 1] == "scare" and f.spans[k + 1].depth == q.depth \
                and _OR_JOIN.fullmatch(text[q.end + 1:f.spans[k + 1].start - 1]) \
                and len(_words(text[q.start:q.end])) <= 2 \
                and len(_words(text[f.spans[k + 1].start:f.spans[k + 1].end])) <= 2:
            # two terms offered as alternatives, no one saying either, are kinds named, not words held
            # at a distance: "whether it is ‘hybrid’ or ‘trench’"
            f.types[k] = f.types[k + 1] = "other"
            continue
        for kk in (k - 1, k + 1):
            if not 0 <= kk < n or f.types[kk] not in ("partial", "direct") or f.spans[kk].depth != q.depth:
                continue
            o = f.spans[kk]
            between = text[q.end + 1:o.start - 1] if kk > k else text[o.end + 1:q.start - 1]
            if _LIST_JOIN.fullmatch(between) or kk < k and _AND_THAT_JOIN.fullmatch(between):
                # (also a that-clause coordinated with the quote's own: "…, that “the fate of Ukraine
                # remains in the balance” and that the West “cannot be complacent”")
                f.types[k] = "partial"
                f.attrs[k] = f.attrs[kk]
                break
    # 5. a scare candidate that the writer uses as a term, with no sign of doubt, is other (guideline v2)
    for k in range(n):
        if f.types[k] == "scare":
            q = f.spans[k]
            ss = art.sentences[art.sentence_index(q.start)][0] if art.sentences else 0
            if _held_as_term(f, q, ss) or _other_elsewhere(f, body, k):
                f.types[k] = "other"
    # 6. a scare candidate listed right after a word mentioned as a word or a name is one too: words
    #    like “scum” and “filth”; the earlier ‘sputnik’ and ‘pogrom’ follow their first item
    for k in range(1, n):
        if f.types[k] == "scare" and f.types[k - 1] == "other" and f.spans[k - 1].depth == f.spans[k].depth \
                and _AND_OR_JOIN.fullmatch(text[f.spans[k - 1].end + 1:f.spans[k].start - 1]) \
                and len(_words(text[f.spans[k].start:f.spans[k].end])) <= 2:
            f.types[k] = "other"


def _other_elsewhere(f: _Field, body: _Field, k: int) -> bool:
    """The same words quoted elsewhere in the article and typed *other* there (a term glossed, a name
    given): the article uses them as a term here too (*'kindness backpacks'* in the headline, *the
    so-called "kindness backpacks"* in the body)."""
    q = f.spans[k]
    words = _norm_words(f.text[q.start:q.end])
    if not words:
        return False
    for kk, o in enumerate(body.spans):
        if (body is f and kk == k) or kk >= len(body.types) or body.types[kk] != "other":
            continue
        if _norm_words(body.text[o.start:o.end]) != words:
            continue
        nxt = re.match(r"\s+([a-z][a-z\-]*)\b", body.text[o.end + 1:o.end + 30])
        if len(words.split()) == 1 and body.text[o.start:o.start + 1].islower() \
                and body.text[o.start:o.end].rstrip()[-1:].isalnum() and nxt and nxt.group(1) not in _NOT_A_HEAD:
            continue  # one word before a noun ("openly ‘pro-Russian’ political forces") is weak evidence
        return True
    return False


_RELATIVES = {"which", "who", "whom", "whose", "that", "where", "when"}
_DERIVED_WORD = re.compile(r"(?:phile|phobe|philes|phobes|ism|isms|ist|ists|esque|ness)$")


def _proper_name_inside(text: str, q: QuoteSpan, sent_start: int) -> bool:
    """One or two capitalised words quoted inside the writer's sentence (not at its start, nor after a
    colon) that no one is said to use: a name — a shop, a hotel, a film, a gas field (“Beryozka” shops,
    the hotels “Ukraine” and “Leningrad”, the “Cars” franchise)."""
    words = _words(text[q.start:q.end])
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() and not w.isupper() for w in words):
        return False
    if _DERIVED_WORD.search(words[-1]):
        return False  # a word derived from a name is no name: "Sinophile" approach, "Putinist"
    before = text[sent_start:max(sent_start, q.start - 1)].rstrip()
    return bool(before) and before[-1] not in ":;–—-(" and not before.endswith(("“", "\"", "‘", "'"))


_SENTENCE_END_BEFORE_MARK = re.compile(r"[.!?…][”\"’']?\s*$")
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s*(?:and|or|as\s+well\s+as))\s*")
_OR_JOIN = re.compile(r",?\s+or\s+")
_AND_OR_JOIN = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s*")
_AND_THAT_JOIN = re.compile(r"\s*,?\s*and\s+that\s+(?:[\w’'\-\.]+\s+){0,6}")


# ----------------------------------------------------------------------------- unattributed spans
_SPEECH_PRONOUNS = {"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "i’m", "i'm",
                    "we’re", "we're", "you’re", "you're", "i’ve", "i've", "we’ve", "we've", "i’ll", "i'll",
                    "we’ll", "we'll", "i’d", "i'd"}
# a capitalised word that stays a common word or a class of people, not a name: demonyms and
# political or religious adjectives (“Russians”, ‘Nazis’, “Sinophile”, “Western”)
_CLASS_WORD = re.compile(r"(?:ians?|eans?|icans?|ese|ish|ists?|isms?|ites?|philes?|phobes?|phobic|ern|ics?)$|"
                         r"^(?:Germans?|Moroccans?|Afghans?|Pakistanis?|Israelis?|Iraqis?|Saudis?|Yemenis?|Thais?)$|"
                         r"^(?:Nazis?|Soviets?|Commies?|Yanks?|Brits?|Great|Gods?|Heroes|Hero)$", re.I)


# a reporting clause after a quote that ends in a comma, with a verb no lexicon holds:
# "“Open the borders,” Mr Huizinga implores the EU"
_INVERTED_REPORTING = re.compile(r"\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?:[A-Z][\w’'\-]+\s+){1,3}(?:[a-z]{3,}(?:s|ed)|said|told|wrote)\b|"
                                 r"\s+(?:he|she|they|it)\s+(?:[a-z]{3,}(?:s|ed)|said|told|wrote)\b")


def _speech_words(span: str) -> bool:
    """Does the span speak in the first or second person (‘I lost everything’, “we’re at war
    already”)? Such words are somebody's speech, never the writer's distance."""
    return any(w.lower() in _SPEECH_PRONOUNS for w in _words(span))


def _title_cased(text: str) -> bool:
    """Is a headline in title case (“‘Partygate’ Fine”, “Can It Hold?”)? There a capital says nothing."""
    ws = [w for w in _words(text) if w.lower() not in _SMALL and w[0].isalpha()]
    return len(ws) >= 3 and sum(w[0].isupper() for w in ws) >= 0.8 * len(ws)


def _capitalised_name(f: _Field, q: QuoteSpan, sent_start: int, *, headline: bool) -> bool:
    """A single capitalised word that nobody is quoted saying, not a class of people: a name (the
    ‘Poseidon’ torpedoes, the hotels “Ukraine”, songs like “Wrecked”)."""
    span = f.text[q.start:q.end]
    words = _words(span)
    if len(words) != 1 or not words[0][0].isupper() or words[0].isupper() and len(words[0]) > 2 \
            and (len(words[0]) > 6 or span.rstrip()[-1:] in "!?"):
        return False  # (an acronym is a name, “HIMARS”, “CODA” star; not a shout, "BULLSHIT!")
    if _CLASS_WORD.search(words[0]):
        return False  # “Russians”, ‘Nazis’, “Western”
    return not (headline and _title_cased(f.text))


def _unattributed_type(f: _Field, q: QuoteSpan, sent_start: int, *, headline: bool) -> str:
    """The type of a short span attributed to no one: first- or second-person words are speech
    (direct if a clause, else partial); a capitalised single word is a name (other); the rest is
    scare."""
    span = f.text[q.start:q.end]
    if _speech_words(span) or _INVERTED_REPORTING.match(f.text, q.end + 1) and span.rstrip()[-1:] in ",!?" \
            or span.rstrip().endswith("!"):
        # (an exclamation is somebody's cry, never a word held at a distance: ‘Taken the bait!’)
        return "direct" if _clause_like(span) else "partial"
    if _is_clause(span) and (len(_words(span)) >= 3 or _pronoun_clause(_words(span), True)) \
            and (_FINITE.search(span) or _FINITE_MAIN.search(span)):
        # a whole clause is somebody's words, not a word held at a distance: ‘It’s a hurricane’
        return _direct_or_partial(f.text, q, sent_start)
    if _capitalised_name(f, q, sent_start, headline=headline):
        return "other"
    if len(_words(span)) >= 4:
        # a scare quote is a word or a short phrase: four or five words that no rule attributes are
        # someone's words far more often (the gold: 3 of 77 scare quotes have four words or more,
        # against 104 partial quotes of four or five words)
        return "partial"
    if _stance_words(span):
        # a modal or an adverb of manner or degree is somebody's stance, not a word held at a distance:
        # children ‘couldn't cope anymore’, 'must be fingerprinted', it was now “highly likely”
        return "partial"
    return "scare"  # (unless a term: step 5 of _type_field, after quotes listed together)


_MODAL_START = {"must", "should", "could", "would", "will", "can", "may", "might", "cannot", "shall", "ought",
                "can't", "can’t", "won't", "won’t", "mustn't", "mustn’t"}
_NOT_ADVERBS = {"only", "early", "daily", "weekly", "monthly", "yearly", "likely", "friendly", "elderly", "lovely",
                "ugly", "lonely", "costly", "deadly", "orderly", "holy", "silly", "jolly", "family", "italy", "july",
                "rally", "supply", "reply", "apply", "assembly", "ally", "belly", "bully", "fly", "sly", "unlikely",
                "lively", "timely", "kindly", "manly", "worldly", "homely", "cowardly", "slovenly", "beastly"}


def _stance_words(span: str) -> bool:
    """Does a short span voice someone's stance rather than name something: it opens with a modal or
    holds a negated auxiliary (‘must be fingerprinted’, ‘couldn't cope anymore’), or it is a phrase of
    two or three words opening with an adverb in -ly (“highly likely”, ‘carefully vetted’, “inexplicably
    focusing”)? A writer's distance falls on a word, not on a modal or an adverb of degree."""
    words = _words(span)
    if not words:
        return False
    first = words[0].lower()
    if first in _MODAL_START or re.search(r"n[’']t\b", span):
        return True
    return 2 <= len(words) <= 3 and first.endswith("ly") and len(first) > 5 and first not in _NOT_ADVERBS


# ----------------------------------------------------------------------------- terms against doubt
# Guideline v2: a word quoted as a *term* (a technical name, jargon, a coinage, a label the writer
# explains) is other; a word the writer does not accept (an evaluative or contested word, one side's
# euphemism) is scare. Surface signs of a term, each overridden by a sign of doubt:
#: function words and common verbs that cannot be the noun a quoted modifier qualifies
_NOT_A_HEAD = {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "than", "that",
               "which", "who", "whom", "whose", "where", "when", "while", "if", "is", "are", "was", "were", "be",
               "been", "being", "has", "have", "had", "will", "would", "can", "could", "should", "must", "may",
               "might", "shall", "do", "does", "did", "not", "no", "so", "the", "a", "an", "this", "these", "those",
               "its", "their", "his", "her", "our", "my", "your", "it", "they", "he", "she", "we", "you", "i",
               "there", "then", "now", "also", "still", "even", "just", "only", "into", "over", "under", "about",
               "after", "before", "against", "between", "through", "during", "without", "within", "across",
               "around", "amid", "among", "toward", "towards", "upon", "like", "since", "until", "because",
               "though", "although", "whether", "all", "any", "some", "more", "most", "such", "per", "via",
               "says", "said", "seems", "seemed", "looks", "remains", "became", "becomes", "makes", "made",
               "means", "meant", "takes", "took", "gets", "got", "goes", "went", "comes", "came", "gives", "gave",
               "shows", "appears", "continues", "includes", "began", "begins", "won", "lost", "sends", "sent",
               "left", "put", "set", "let", "kept", "keeps", "stands", "stood", "lies", "runs", "ran", "tells",
               "told", "wants", "needs", "helps", "works", "exists", "happens", "matters", "belongs", "here",
               "again", "too", "very", "well", "yet", "ever", "never", "already", "soon", "up", "out", "off",
               "down", "away", "back", "together", "instead", "anyway", "either", "neither", "both", "each",
               "every", "own", "other", "another", "what", "how", "why", "whatever", "above", "below",
               "beyond", "behind", "near", "inside", "outside", "along", "onto", "despite", "unless", "include",
               "included", "last", "next", "year", "years", "week", "weeks", "month", "months", "day",
               "days", "today", "yesterday", "tomorrow", "night", "having", "getting", "becoming", "going", "coming", "making", "taking"}
_TO_PREPOSITION = {"due", "according", "next", "prior", "close", "thanks", "owing", "up", "compared", "similar",
                   "subject", "contrary", "addition", "relation", "response", "opposed", "exposed", "access"}
_VERB_BEFORE = {"can", "could", "will", "would", "may", "might", "must", "should", "shall", "to", "did", "does", "do",
                "not", "never"}
#: a word naming an attitude to a country or a people: held at a distance (a “Sinophile” approach)
_ATTITUDE_WORD = re.compile(r"(?:phile|philes|phobe|phobes|phobic|philia|phobia)$")
#: a verb form: the quoted word is an action or a state (Putin was “re-elected”, began ‘evacuating’)
_VERB_ENDING = re.compile(r"(?:ed|ing|taken|given|broken|chosen|stolen|forgotten|written|spoken|driven|fallen|"
                          r"hidden|beaten|eaten|frozen|sworn|shown|known|grown|thrown|drawn|risen|ridden|bitten)$")
#: nouns in -ly, which are no evaluative adjectives or adverbs: ‘butterfly’ mines
_LY_NOUNS = {"butterfly", "family", "ally", "rally", "supply", "assembly", "bully", "italy", "july", "monopoly",
             "anomaly", "fly", "jelly", "belly", "holly", "reply", "folly", "lily", "firefly", "dragonfly"}
#: a definition or gloss set off right after the span: "the “refining margin” – the difference between
#: …", "‘spotters’ – people that …", "a “tokamak” — a giant, doughnut-shaped contraption made …",
#: "‘mules,’ a reference to …", "“main character syndrome,” a term popularized …"
_DEFINED_AFTER = re.compile(
    r"[,.]?\s*(?:[–—]|-{1,2}(?=\s))\s*(?:(?:a|an|the|those)\s+(?:[\w’'\-]+,?\s+){0,4}?(?:of|between|that|which|who|whose|"
    r"where|used|made|designed|meant|for|such\s+as|[a-z]{3,}ing)\b|(?:people|those|men|women|soldiers|troops|fighters|units|weapons|devices|"
    r"drones|companies|firms|areas|places|things|groups)\s+(?:who|that|which|whose|with|used)\b)|"
    r"[,.]?\s*[,(–—]\s*(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){0,2}?(?:term|word|phrase|expression|slang|jargon|"
    r"euphemism|nickname|reference|acronym|abbreviation)\b|"
    r"[,.]?\s+(?:is|are|was|were)\s+(?:an?|the)\s+(?:[\w\-]+\s+){0,3}?(?:term|word|phrase|expression|name|nickname|"
    r"euphemism|slang|jargon|acronym|abbreviation)\b")
#: a sign in the sentence before the span that the writer contests the word: far from, nothing, hardly …
_CONTEST_BEFORE = re.compile(r"\b(?:far\s+from|nothing|hardly|supposed(?:ly)?|purported(?:ly)?|alleged(?:ly)?|"
                             r"imaginary|pseudo|sham|bogus|mock|fake|self-proclaimed|self-declared|not\s+(?:a|an|the|so|"
                             r"very|really|exactly|quite))\b", re.I)


def _held_as_term(f: _Field, q: QuoteSpan, sent_start: int) -> bool:
    """Is an unattributed short span a *term* the writer uses without doubting it (guideline v2:
    other), not a word held at a distance (scare)?

    Signs of a term: a quoted modifier right before the noun it qualifies (*“kamikaze” drones*,
    *the ‘brain drain’ phenomenon*, *a 'strong' rating*), or a definition set off right after the
    span (*the “refining margin” – the difference between …*, *‘mules,’ a reference to …*). Signs of
    doubt, which win: a word of the prior list of words commonly held at a distance
    (``codebooks/distance_words_en.yaml``:
    *peacekeeping*, *liberation*, *referendum*, *research* ship …), one side's euphemism, an
    evaluative word in *-ly* (*“slovenly” reporter*), a verb form after anything but a determiner
    (*began ‘evacuating’ civilians*), and a contesting word before it in the sentence (*far from
    being a rogue or “slovenly” reporter*)."""
    text = f.text
    span = text[q.start:q.end]
    words = _words(span)
    if not words or len(words) > 3 or _held_at_distance(words, f.distance):
        return False
    before = text[sent_start:max(sent_start, q.start - 1)]
    if _CONTEST_BEFORE.search(before[-60:]):
        return False
    last = words[-1].lower()
    if len(words) == 1 and (last.endswith("ly") and last not in _LY_NOUNS or _ATTITUDE_WORD.search(last)):
        return False  # an evaluative word: “slovenly”, “friendly”, “indefinitely”, a “Sinophile” approach
    if _DEFINED_AFTER.match(text, q.end + 1) or span.rstrip().endswith(",") \
            and _DEFINED_AFTER.match("," + text[q.end + 1:q.end + 120]):
        return True  # (the comma may stand inside the marks: ‘mules,’ a reference to …)
    if _plain_noun_group(f, q, words, before):
        return True
    m = re.match(r"\s+([a-z][a-z\-]+)\b", text[q.end + 1:q.end + 40])
    if m and span.rstrip()[-1:].isalnum():
        head = m.group(1)
        if head in _NOT_A_HEAD or head.endswith(("ed", "ly")):
            return False
        bw = _words(before)
        if bw and bw[-1].lower() in _VERB_BEFORE \
                and not (bw[-1].lower() == "to" and len(bw) > 1 and bw[-2].lower() in _TO_PREPOSITION):
            return False  # a verb after a modal or "to": can ‘loiter’ above (not "due to")
        if _VERB_ENDING.search(last) and not (bw and bw[-1].lower() in _DETERMINER_START):
            return False  # a verb and its object: began ‘evacuating’ civilians
        return True
    return False


_SUBJECT_BEFORE = {"who", "which", "that", "he", "she", "they", "it", "we", "i", "you"}
_PEOPLE_LABEL = re.compile(r"(?:ers|ists|ians|ors|ites|men|women|people|hawks|doves|monkeys|heads|babies)$")
_ANALOGY_FIRST = {"new", "another", "next", "second", "little", "modern-day", "latter-day", "real", "true", "mini"}


def _plain_noun_group(f: _Field, q: QuoteSpan, words: list[str], before: str) -> bool:
    """A noun group of two or three words, in the writer's running sentence (not a headline), with no
    verb form, pronoun, adverb or function word at its edges: a compound the writer uses as a term
    (the “exclusion zone”, “enhanced surveillance”, the “shopping list”)."""
    if f.name == "title" or not 2 <= len(words) <= 3 or re.search(r"n[’']t\b", f.text[q.start:q.end]):
        return False
    low = [w.lower() for w in words]
    if low[0] in ("the", "a", "an") and len(low) == 3:
        low, words = low[1:], words[1:]  # the article inside the marks: ‘the collective West’
    if low[0] in _NOT_A_HEAD or low[-1] in _NOT_A_HEAD or low[0].endswith("ly") or any(w in attr_pronouns for w in low):
        return False
    bw = _words(before)
    modifier_form = len(low) >= 2 and _VERB_ENDING.search(low[0]) and not _VERB_ENDING.search(low[-1]) \
        and bool(bw) and (bw[-1].lower() in _DETERMINER_START or bw[-1].lower() in _NOT_A_HEAD
                          and bw[-1].lower() not in _SUBJECT_BEFORE and bw[-1].lower() not in _VERB_BEFORE
                          and bw[-1].lower() not in _PREDICATE_OPENERS)
    # (an -ing or -ed modifier after a determiner or a preposition qualifies the noun: the “shopping list”,
    # under "enhanced surveillance"; after a verb it is a verb and its object: began ‘evacuating civilians’)
    if any(_VERB_ENDING.search(w) and len(w) > 4 for w in (low[1:] if modifier_form else low)) \
            or _CLAUSE_PUNCT.search(f.text[q.start:q.end].rstrip(".,")):
        return False
    if bw and bw[-1].lower() in _SUBJECT_BEFORE or _FINITE_MAIN.search(" ".join(low[1:] if modifier_form else low)):
        return False  # a predicate, not a noun group: a man who ‘fell overboard’
    if low[0] in _ANALOGY_FIRST and words[1][:1].isupper():
        return False  # an analogy with a person or a place, held at a distance: a potential ‘new Zelensky’
    if _PEOPLE_LABEL.search(low[-1]):
        return False  # a label for a class of people is the writer's irony as often as a term: the “nation
        #               builders”, “surrender monkeys”, the “nuclear terrorists”
    return True


@functools.lru_cache(maxsize=1)
def _shipped_distance_words() -> dict[str, tuple[str, ...]]:
    """The shipped list of words commonly held at a distance in war and political reporting
    (``codebooks/distance_words_en.yaml``), for calls without a codebook."""
    from .codebook import load_distance_words
    return load_distance_words()


def distance_words_of(codebook: Any = None) -> dict[str, tuple[str, ...]]:
    """The words held at a distance that the typer reads for ``codebook``: its ``distance_words``
    (``distance_words:`` in the codebook YAML; docs/codebook.md), else the shipped list (no codebook,
    a plain cue dict, or a codebook name or path, which :func:`framing.codebook.load_codebook` reads)."""
    dw = getattr(codebook, "distance_words", None)
    if dw:
        return dw
    if isinstance(codebook, (str, os.PathLike)):
        return _codebook_distance_words(os.fspath(codebook))
    return _shipped_distance_words()


@functools.lru_cache(maxsize=8)
def _codebook_distance_words(name_or_path: str) -> dict[str, tuple[str, ...]]:
    from .codebook import load_codebook
    return load_codebook(name_or_path).distance_words


def _one_sides_euphemism(words: list[str], distance: dict[str, tuple[str, ...]]) -> bool:
    """Is the span one side's own name for what it does (*“special military operation”*,
    *“denazification”*)? Guideline v2: partial when the article attributes it, else scare, never
    the neutral name of an operation."""
    low = " ".join(w.lower() for w in words)
    return any(low == e or low.startswith(e + " ") for e in distance["euphemisms"])


def _held_at_distance(words: list[str], distance: dict[str, tuple[str, ...]]) -> bool:
    """Does the span hold a word of the prior list (a stem as a word's prefix, or a phrase in the span)?"""
    low = " ".join(w.lower() for w in words)
    toks = low.split()
    return any((" " in s and s in low) or any(t.startswith(s) for t in toks) for s in distance["stems"])


# verbs of saying, asking and labelling whose content a quoted fragment in their clause belongs to
# (the codebook's cue lexicon adds its own; evidence and perception verbs such as show, find, see,
# display or respond to are left out: their object is not someone's words)
_AS_VERBS = {"introduce", "present", "portray", "style", "cast", "refer", "hail", "praise", "tout", "depict",
             "characterise", "characterize", "see", "view", "regard", "treat", "list", "classify", "identify",
             "reject", "dismiss", "reclassify", "credit", "qualify", "herald"}
_GOVERNING_VERBS = (
    "say", "tell", "claim", "allege", "insist", "argue", "assert", "contend", "maintain", "warn", "caution",
    "speculate", "suggest", "predict", "note", "add", "write", "state", "declare", "announce", "proclaim",
    "ask", "urge", "demand", "call for", "call on", "plead", "promise", "pledge", "vow", "threaten",
    "accuse", "blame", "denounce", "condemn", "describe", "brand", "label", "dub", "term", "designate",
    "call", "persuade", "convince", "complain", "boast", "admit", "deny", "tweet", "post", "reply", "answer",
    "explain", "stress", "emphasise", "emphasize", "acknowledge", "concede", "recall", "estimate",
    "determine", "conclude", "rule", "believe", "think", "liken", "consider", "deem", "hint",
    "recount", "express", "cite", "testify", "implore", "wish", "shout", "scream", "yell", "exclaim",
    "order", "instruct", "decree", "cry", "quip", "recommend", "observe", "gush", "berate", "criticise",
    "criticize", "slam", "lambast", "decry", "deride", "mock", "ridicule", "scold", "castigate", "rebuke",
    "assure", "reassure", "exhort", "beg", "greet", "congratulate",
    *sorted(_AS_VERBS))
_IDIOM_CUES = {r"ma(?:ke|kes|de|king)\s+(?:the|his|her|their|its|a)\s+case": "make the case",
               r"beat(?:s|en|ing)?\s+the\s+drum": "beat the drum",
               r"talk(?:s|ed|ing)\s+(?:of|about)": "talk of", r"sp(?:oke|eaks|oken)\s+of": "speak of",
               r"f(?:ound|inds)\s+that": "find", r"ma(?:ke|kes|de|king)\s+(?:it\s+)?clear": "make clear"}
_GOVERNING_RE = re.compile(r"(?<![\w\-])(%s|%s)\b" % (
    "|".join(_IDIOM_CUES),
    "|".join(sorted({re.escape(f) for v in _GOVERNING_VERBS for f in attr.inflections(v)}, key=len, reverse=True))),
    re.I)
_TAIL_VERBS = ("said|says|claimed|claims|added|adds|insisted|insists|argued|argues|warned|warns|stated|states|"
               "reported|reports|wrote|writes|noted|notes|alleged|alleges|told|explained|suggested|believes|"
               "believed|estimated|estimates|predicted|predicts|maintained|maintains|contended|asserted|"
               "declared|announced|tweeted|posted|say|claim|argue|warn|believe|note|report|write|estimate|"
               "predict|insist|suggest|allege|explain|add|found|finds")
# "…, the ministry claimed." / "…, according to Causeur." / "…, said Peskov." at the end of the sentence
_REPORTING_TAIL = re.compile(
    r"[^;:–—()]*?,[”\"’']?\s+(?:according\s+to\s+(?P<acc>[^,;:]{2,80}?)\s*(?:[.!?,;:”\"’']|$)|"
    r"(?P<subj>(?:[\w’'\-\.]+\s+){1,14}?)(?P<v1>%s)\b(?:\s+(?!that\b)[\w’'\-\.]+){0,6}?\s*(?:[.!?,;:”\"’'–—]|$)|"
    r"(?P<v2>%s)\s+(?P<obj>(?:[\w’'\-\.]+\s*){1,8}?)\s*(?:[.!?,;:”\"’']|$))" % (_TAIL_VERBS, _TAIL_VERBS))
_GAP_BLOCK = re.compile(r"[;:–—()]|\s-{1,2}\s|\b(?:who|which|where|whose|whom|but|while|whereas|although|though|"
                        r"because|since|after|before|until|unless|if)\b", re.I)
_DET_OR_POSS = re.compile(r"(?:\b(?:the|a|an|this|that|these|those|its|their|his|her|our|my|your|every|each|any|"
                          r"no|such|of|in|on|at|amid|over|about|with|without)|[’']s?)\s+$", re.I)


# a gerund after a preposition is a verb, not a noun: "justified in describing the embargo as a “landmark” deal"
_GERUND_AFTER_PREP = re.compile(r"\b(?:in|by|for|of|after|before|without|from)\s+[a-z]+ing$", re.I)
# a participle set off by commas with only a time phrase describes the noun before it, it reports
# no words of the main clause: "The latest … package, announced Tuesday, includes …"
_COMMA_END = re.compile(r",\s*$")
_TIME_INSERT = re.compile(r"(?:\s+(?:on|in|last|this|earlier|late|early|yesterday|today|week|month|year|"
                          r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                          r"May|June|July|August|September|October|November|December|\d+)\b){1,4}\s*,")
_NAME_THEN_COMMA = re.compile(r"\s+(?:[A-Z][\w’'\-]*\s+){0,3}[A-Z][\w’'\-]*\s*,")
_HEADLINE_TAIL = re.compile(r"[^;()]*?,\s+(?P<v>says|claims|warns|insists|admits|reveals|suggests|believes)\s+"
                            r"(?P<obj>(?:[\w’'\.]+\s*){1,4}?)\s*(?:$|[-–—]\s)")
# "that" right before a finite verb is the relative pronoun, its subject: "images of Putin that called him “…”"
_RELATIVE_SUBJECT = re.compile(r"\b\w+\s+that\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)$")
# a sentence opening with the question put to the speaker: "Asked about the numbers of alleged …"
_ASKED_OPENING = re.compile(r"\W*(?:When\s+)?(?:Asked|Questioned|Pressed)\s+"
                            r"(?:about|on|whether|if|why|how|what|over)\b[^,;:]*$")
_BY_THEN_THAT = re.compile(r"(?P<by>\s*by\s+(?!the\s+fact\b)(?:[\w’'\-]+\s+){1,4}?)that\b")
_PROGRESSIVE_ING = re.compile(r"\b(?:is|are|was|were|be|been|being|am|’re|'re|’s|'s)\s+(?:\w+\s+)?\w+ing$", re.I)


def _governs_fragment(gap: str, cue_text: str) -> bool:
    """Is a quoted fragment that follows ``cue_text`` after ``gap`` inside the cue's content clause
    or object? Not when a clause boundary comes between (; : – — a relative pronoun, a
    subordinating conjunction), when a participle of another verb heads a phrase between
    (*deploying “peacekeeping troops”*, *wearing ‘swastika’*), when the verb is a passive with its
    agent (*condemned by ‘show trial’*), or more than 15 words apart. Parentheses are skipped;
    *but* may join two parts of a *that* clause."""
    gap = _PARENTHESES.sub(" ", gap)
    if gap.strip() == ":":
        return True  # the verb's colon opens the quote: "A soldier can be heard shouting: “…”"
    if _BY_THEN_THAT.match(gap):
        gap = gap[_BY_THEN_THAT.match(gap).end("by"):]  # "had been told by guards that they were …"
    if _BY_START.match(gap) or _other_verb_phrase(gap):
        return False
    if len(_words(gap)) > 15:
        return False
    if re.match(r"\s*(?:[\w’'\-]+\s+){0,3}?that\b", gap, re.I):
        # inside the verb's that-clause, subordinate and relative clauses are still its content
        return not _CLAUSE_BOUNDARY_MARK.search(gap)
    return not _GAP_BLOCK.search(gap)


_ING_OK_BEFORE = {"against", "for", "of", "about", "by", "without", "from", "in", "on", "after", "before", "at",
                  "with", "into", "over", "upon", "through", "while", "when", "since", "like", "besides"}


def _other_verb_phrase(gap: str) -> bool:
    """Does ``gap`` end in a participle of another verb whose object the quoted span is (*soldier
    wearing ‘swastika’*, *and deploying “peacekeeping troops”*)? Not a progressive (*are
    battling*), a gerund after a preposition (*against carrying out a*), or *having*/*being*."""
    ws = _words(gap)
    while ws and ws[-1].lower() in ("a", "an", "the", "its", "their", "his", "her", "some", "more", "so-called"):
        ws.pop()
    if not ws:
        return False
    i = len(ws) - 1
    lw = ws[i].lower()
    if not (lw.endswith("ing") and len(lw) > 4) or lw in _ING_NOT_VERBS:
        return False
    if _PROGRESSIVE_ING.search(" ".join(ws[max(0, i - 2):i + 1])) or (i and ws[i - 1].lower() in _ING_OK_BEFORE):
        return False
    if i and ws[i - 1].lower() in _DETERMINER_START:
        return False  # an adjective: "warning of a looming “nuclear accident”"
    return i > 0  # (the cue's own complement, "began ‘…’", has nothing between)


_ING_NOT_VERBS = {"being", "having", "nothing", "something", "anything", "everything", "during", "including",
                  "according", "following", "regarding", "concerning", "morning", "evening", "building", "meeting",
                  "thing", "king", "wing", "spring", "string", "ring", "bring", "sing", "sting", "swing", "ceiling"}


_AFTER_QUOTE_CUE = re.compile(r"^[\s,.!?;:—–\-)\]”\"’']*(?:[\w’'\-\.]+\s+){0,6}$")


def _cue_holds_fragment(f: _Field, q: QuoteSpan, a: attr.Attribution) -> bool:
    """Does the cue found in the span's own sentence hold a short fragment (at most three words,
    not a clause)? Not when the fragment sits in another verb's phrase after the cue (*praises
    soldier wearing ‘swastika’*, *showed the tanks North Macedonia sought to ‘donate’*), in the
    topic of a verb of responding (*responded to the news of his fake ‘twin’*), or before a cue
    that is neither right after the quote (“…,” *X said*) nor a closing reporting clause (*began
    ‘evacuating’ civilians … and claim …*)."""
    text = f.text
    if a.how != "sentence" or a.cue_start < 0 or q.depth > 0:
        return True
    span = text[q.start:q.end]
    if len(_words(span)) > 3 or _clause_like(span):
        return True
    if a.cue_end <= q.start:
        gap = text[a.cue_end:q.start - 1]
        if a.cue in ("show", "display", "demonstrate", "watch") and not gap.strip():
            return False  # "footage showed ‘teacher’ Pavel Firsov": the object shown
        if _ONLY_SPACE_COMMA_COLON.fullmatch(gap):
            return True
        if a.cue in ("respond", "react", "reply") and _TO_START.match(gap):
            return False  # the topic responded to, not the words
        if a.cue in _EVIDENCE_VERBS and not _THAT_OR_COLON_START.match(gap):
            return False  # "showed the tanks … sought to ‘donate’": an object shown, not words
        return not (_BY_START.match(gap) or _other_verb_phrase(gap))
    if a.cue_start >= q.end:
        ss = f.art.sentences[f.art.sentence_index(q.start)][0] if f.art.sentences else 0
        if _ASKED_OPENING.match(text, ss, q.start - 1):
            return False  # "Asked about the numbers of alleged “spies,” the governor admitted …": the
            #               question's words, not the answer's
        # "‘evacuating’ civilians … and claim the number …": the verb coordinated with the clause's
        # own verb, no reporting clause of the quote
        return not _AND_BEFORE.search(text[max(q.end, a.cue_start - 20):a.cue_start]) \
            or bool(_COMMA_OR_DASH.search(text[q.end + 1:a.cue_start]) and _REPORTING_TAIL.match(text[q.end + 1:a.cue_end + 1]))
    return True


_EVIDENCE_VERBS = {"show", "find", "display", "demonstrate", "prove", "see", "watch", "hear"}


# a noun of saying with its agent: "the original commitment made by Nato members to only send “…”"
_SPEECH_NOUN_BY = re.compile(r"\b(commitments?|pledges?|promises?|vows?|claims?|demands?|warnings?|calls?|assurances?|"
                             r"complaints?|accusations?|allegations?|criticism|condemnation|denials?|remarks?|"
                             r"comments?|suggestions?|assertions?|"
                             r"threats?|offers?|requests?|proposals?|statements?)\s+(?:(?:made|issued|given|voiced|"
                             r"put\s+forward)\s+)?by\s+(?=\S)", re.I)
# a noun of saying with its content clause: "its claim on Monday that the counteroffensive had “failed
# miserably”"
_SPEECH_NOUN_THAT = re.compile(
    r"(?:\b((?:its|his|her|their)|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}[’']s)\s+(?:[a-z\-]+\s+){0,2}?)?"
    r"\b(claims?|statements?|assertions?|allegations?|warnings?|insistence|arguments?|accusations?|"
    r"assurances?|promises?|pledges?|predictions?|determination|conclusion|finding|ruling|verdict|"
    r"vows?|declarations?|praise|remarks?|comments?|pleas?|appeals?|descriptions?|ad-libs?|requests?|"
    r"demands?|instructions?|narratives?|suggestions?|insinuations?)"
    r"\s+(?:(?:on|in|last|this|earlier|\w+day)\s+(?:\w+\s+)?)?(?:that|to|of)\s")
_SPEECH_NOUN_LEMMA = {"commitment": "commit", "pledge": "pledge", "promise": "promise", "vow": "vow", "claim": "claim",
                      "demand": "demand", "warning": "warn", "call": "call", "assurance": "assure", "threat": "threaten",
                      "offer": "offer", "request": "request", "proposal": "propose", "statement": "state",
                      "assertion": "assert", "allegation": "allege", "insistence": "insist", "argument": "argue",
                      "accusation": "accuse", "prediction": "predict", "determination": "determine",
                      "conclusion": "conclude", "finding": "find", "ruling": "rule", "verdict": "rule",
                      "declaration": "declare", "remark": "remark", "comment": "comment", "plea": "plead",
                      "appeal": "appeal", "description": "describe", "ad-lib": "ad-lib", "praise": "praise",
                      "instruction": "instruct",
                      "complaint": "complain", "criticism": "criticise", "condemnation": "condemn",
                      "denial": "deny", "suggestion": "suggest"}
# "in his opinion", "in the view of the NATO representative": a paraphrased source
_OPINION = re.compile(r"\b[Ii]n\s+(?:(his|her|their)\s+(?:opinion|view|words)|the\s+(?:opinion|view|words)\s+of\s+|"
                      r"(?P<owner>(?:the\s+)?[\w\-]+(?:\s+[\w\-]+){0,2})[’']s?\s+(?:opinion|view|words)\b)")


# "To an independent filmmaker in Hanoi, Vietnam, President Putin is a “wise leader.”": the view of the one
# named after a sentence-opening "To" (not "To date", "To that end", "To be sure", "To the extent")
_TO_VIEW = re.compile(r"\W*To\s+(?!date\b|that\b|this\b|be\b|the\s+extent\b|some\s+extent\b|what\b|make\b)"
                      r"(?P<np>(?:the\s+|an?\s+|many\s+|most\s+|some\s+)?(?:[\w’'\-\.]+\s+){0,7}?[\w’'\-\.]+),\s")


def _to_view_attribution(f: _Field, q: QuoteSpan, si: int) -> attr.Attribution | None:
    """A fragment in a sentence opening with *To X,* gives X's view (*To an independent filmmaker in
    Hanoi, … Putin is a “wise leader.”*): partial, X speaking (the first name in the phrase), no cue."""
    ss = f.art.sentences[si][0]
    m = _TO_VIEW.match(f.text, ss, max(ss, q.start - 1))
    if not m or not any(w[:1].isupper() for w in _words(m.group("np"))[1:] or _words(m.group("np"))):
        return None
    spk, a, b = attr.speaker_from_np(f.art, m.start("np"), m.end("np"))
    if not spk:
        return None
    return attr.Attribution(spk, a, b, "", "", "", -1, -1, how="opinion")


_IN_THE_WORDS_OF = re.compile(r"\b(?:in\s+the\s+words\s+of|to\s+quote|as\s+(?:it\s+was\s+)?(?:put|described)\s+by)\s+")


def _in_the_words_of(f: _Field, q: QuoteSpan, si: int) -> attr.Attribution | None:
    """*In the words of X* (or *to quote X*) in the span's sentence gives its quoted words to X (*shelling of
    residential areas was "indiscriminate" - in the words of the local mayor -*): partial, X speaking, no cue."""
    art, text = f.art, f.text
    ss, se = art.sentences[si]
    for m in _IN_THE_WORDS_OF.finditer(text, ss, se):
        if art.in_quote(m.start()):
            continue
        np = attr._np_after(art, m.end() - 1, min(se, m.end() + 80))
        if np:
            spk, a, b = attr.speaker_from_np(art, *np)
            own = text[np[0]:np[1]].strip()
            if spk and not set(spk.lower().split()) & set(own.lower().split()):
                spk, a, b = own, np[0], np[1]  # the phrase itself, not a person the resolver guessed
            if spk:
                return attr.Attribution(spk, a, b, how="sentence")
    return None


def _opinion_attribution(f: _Field, q: QuoteSpan, si: int) -> attr.Attribution | None:
    """A fragment in a sentence, or after a sentence of the same paragraph, that gives a source's
    opinion ("However, in his opinion, if Russia defeats Ukraine, … Therefore, NATO has a “moral
    and legal” obligation"): partial, the source's words; the speaker is the pronoun resolved, or
    the phrase after "of"; no cue."""
    art, text = f.art, f.text
    cands = [(art.sentences[si][0], q.start - 1)]
    if si > 0 and art.paragraph_of_sentence[si - 1] == art.paragraph_of_sentence[si] \
            and len(_words(text[q.start:q.end])) > 2:
        cands.append(art.sentences[si - 1])
    for a, b in cands:
        m = _OPINION.search(text, a, max(a, b))
        if not m or art.in_quote(m.start()):
            continue
        if m.group(1):
            spk = _possessive_owner(art, m.start(1), m.group(1).lower())
            if spk:
                return attr.Attribution(spk, m.start(1), m.end(1), how="opinion")
        elif m.group("owner"):  # "in the expert’s opinion"
            spk, s0, e0 = attr.speaker_from_np(art, m.start("owner"), m.end("owner"))
            if spk:
                return attr.Attribution(spk, s0, e0, how="opinion")
        else:
            np = attr._np_after(art, m.end() - 1, min(len(text), m.end() + 80))
            if np:
                spk, s0, e0 = attr.speaker_from_np(art, *np)
                if spk:
                    return attr.Attribution(spk, s0, e0, how="opinion")
    return None


def _verb_lemma(f: _Field, form: str) -> str:
    """Lemma of a verb form: the cue lexicon's when it lists the form (added -> add), else by rule."""
    form = " ".join(form.lower().split())
    lemma = f.art.lexicon.lemma_of.get(form)
    if lemma:
        return lemma
    head, _, rest = form.partition(" ")
    return attr.verb_lemma(head) + (" " + rest if rest else "")


def _speaker_of_cue_at(f: _Field, start: int, sent: tuple[int, int]) -> tuple[str, int, int]:
    """The speaker the attribution module reads for a cue starting at ``start``, or the clause's
    subject; ('', -1, -1) when neither names anyone."""
    art = f.art
    if start in art._cue_start_set:
        c = art.cues[art._cue_starts.index(start)]
        spk, a, b, _, _ = attr._cue_speaker(art, c, sent, quote=None)
        if spk:
            return spk, a, b
    pos = start
    inf = _TO_INFINITIVE_BEFORE.search(art.text[max(sent[0], start - 20):start])
    if inf:  # "one prominent academic to speculate", "Joe Biden is to ask"
        pos = start - (len(art.text[max(sent[0], start - 20):start]) - inf.start())
    np = attr._np_before(art, pos, sent[0])
    if np and attr._speakerish(art, *np):
        spk = attr.speaker_from_np(art, *np)
        if spk[0]:
            return spk
    spk = attr._clause_subject(art, (sent[0], start), start)
    if spk[0] and spk[0].lower() not in ("it", "there"):
        return spk
    return "", -1, -1


def _cue_clause_attribution(f: _Field, q: QuoteSpan, sent: tuple[int, int]) -> attr.Attribution | None:
    """A fragment inside the clause of a verb of saying or labelling in its own sentence, which
    the attribution search did not tie to a named speaker:

    * a closing reporting clause: *soldiers have been “re-deployed” to …, the ministry claimed*;
      *these “mercenaries” come …, according to Causeur*;
    * a preceding verb whose content clause or object holds the span, with nothing between but
      the clause itself (no other clause boundary, relative pronoun or conjunction, at most 15
      words): *a city official warned strikes could leave the capital without power for ‘several
      days or weeks’*, *to speculate that top brass have been ‘sabotaging’ the tests*.

    Partial; the speaker is the cue's speaker where the attribution module can read one."""
    text = f.text
    ss, se = sent
    tail = text[q.end + 1:se]
    m = _REPORTING_TAIL.match(tail)
    if m and m.group("v1") and (not m.group("subj").strip() or _words(m.group("subj"))[0].lower() in _ING_OK_BEFORE
                                or _words(m.group("subj"))[0].lower() in _RELATIVES):
        m = None  # (no subject, a prepositional phrase: "…, with no damage to its structure reported", or a
        #          relative clause: "“Wrecked,” which Reynolds wrote about …")
    if m:
        g = "acc" if m.group("acc") else ("v1" if m.group("v1") else "v2")
        cs = q.end + 1 + (m.start(g) if g != "acc" else tail.rfind("according", 0, m.start("acc")))
        ce = q.end + 1 + (m.end(g) if g != "acc" else m.start("acc") - 1)
        cue_text = text[cs:ce].strip()
        lemma = "according to" if g == "acc" else _verb_lemma(f, cue_text)
        spk, a, b = _speaker_of_cue_at(f, cs, sent)
        if g == "acc" and not spk:
            np = attr._np_after(f.art, q.end + 1 + m.start("acc") - 1, q.end + 1 + m.end("acc"))
            if np:
                spk, a, b = attr.speaker_from_np(f.art, *np)
        return attr.Attribution(spk, a, b, lemma, cue_text, f.art.lexicon.category(lemma), cs, cs + len(cue_text),
                                how="clause")
    hm = _HEADLINE_TAIL.match(text, q.end + 1) if f.name == "title" else None
    if hm:
        # a headline's closing reporting clause holds all of it, across a colon: "Russians ‘flee’
        # Kherson: Putin loyalists … are among thousands evacuating city …, claims resident - after …"
        cs, ce = hm.span("v")
        lemma = _verb_lemma(f, hm.group("v"))
        spk, a, b = attr.speaker_from_np(f.art, *hm.span("obj"))
        return attr.Attribution(spk, a, b, lemma, hm.group("v"), f.art.lexicon.category(lemma), cs, ce, how="clause")
    tm = None
    for tm in _SPEECH_NOUN_THAT.finditer(text, ss, max(ss, q.start - 1)):
        pass
    if tm is not None and tm.group(2).lower().startswith(("narrative", "suggestion", "insinuation")) \
            and not tm.group(0).rstrip().endswith("that"):
        tm = None  # (a narrative *that* …, not "the narrative of the need for …")
    if tm is not None and not f.art.in_quote(tm.start()) and _governs_fragment(text[tm.end():q.start - 1], tm.group(2)):
        spk, a, b = "", -1, -1
        if tm.group(1):  # "Russia's claim that …", "its claim that …"
            owner = tm.group(1)
            a = tm.start(1)
            b = a + len(_POSSESSIVE_END.sub("", owner))
            if owner.lower() in ("its", "his", "her", "their"):
                spk = _possessive_owner(f.art, a, owner.lower())
            else:
                spk, a, b = attr.speaker_from_np(f.art, a, b)
            if not spk:
                a = b = -1
        noun = tm.group(2).lower()
        lemma = _SPEECH_NOUN_LEMMA.get(noun.rstrip("s"), _SPEECH_NOUN_LEMMA.get(noun, noun.rstrip("s")))
        return attr.Attribution(spk, a, b, lemma, tm.group(2), f.art.lexicon.category(lemma), tm.start(2), tm.end(2),
                                how="clause")
    nm = None
    for nm in _SPEECH_NOUN_BY.finditer(text, ss, max(ss, q.start - 1)):
        pass
    if nm is not None and not f.art.in_quote(nm.start()) and _governs_fragment(text[nm.end():q.start - 1], nm.group(1)):
        np = attr._np_after(f.art, nm.end() - 1, min(se, nm.end() + 80))
        spk, a, b = attr.speaker_from_np(f.art, *np) if np else ("", -1, -1)
        if spk:
            lemma = _SPEECH_NOUN_LEMMA.get(nm.group(1).lower().rstrip("s"), nm.group(1).lower().rstrip("s"))
            return attr.Attribution(spk, a, b, lemma, nm.group(1), f.art.lexicon.category(lemma),
                                    nm.start(1), nm.end(1), how="clause")
    best = None
    for cm in _GOVERNING_RE.finditer(text, ss, max(ss, q.start - 1)):
        if attr.verb_lemma(cm.group(0).split()[0]) in _AS_VERBS and " as " not in text[cm.end():q.start]:
            continue  # "introducing itself as a “friend”" (a label), not "presented the plan"
        if _DET_OR_POSS.search(text, max(ss, cm.start() - 30), cm.start()) and best is not None:
            continue  # a noun ("rejected that claim as"): the verb before it governs
        best = cm
    if best is None or f.art.in_quote(best.start()):
        return None
    cs, ce = best.start(), best.end()
    head = text[ss:cs]
    if not _words(head) or _DET_OR_POSS.search(head) and not _GERUND_AFTER_PREP.search(head + best.group(0)) \
            and not _RELATIVE_SUBJECT.search(head + best.group(0)) or attr._NEGATED.search(head):
        return None  # no subject before it, a noun ("the claim", "his call"), or negated
    cue_text = text[cs:ce]
    if not _governs_fragment(text[ce:q.start - 1], cue_text):
        return None
    if _COMMA_END.search(head) and _TIME_INSERT.match(text, ce, q.start):
        return None  # "the package, announced Tuesday, includes additional “HIMARS”": the noun described
    if cue_text.lower() in ("called", "named", "dubbed") and _NAME_THEN_COMMA.match(text, ce, q.start):
        return None  # "a movement called Combat Brotherhood, is a ‘veteran …’": the name of that noun
    lemma = next((lem for rx, lem in _IDIOM_CUES.items() if re.fullmatch(rx, cue_text, re.I)), "") \
        or _verb_lemma(f, cue_text)
    spk, a, b = _speaker_of_cue_at(f, cs, sent)
    return attr.Attribution(spk, a, b, lemma, cue_text, f.art.lexicon.category(lemma), cs, ce, how="clause")


_LABEL_VERBS = {"consider", "describe", "bill", "brand", "label", "call", "report", "mark", "term", "characterize",
                "characterise", "portray", "deem", "regard", "see", "view", "cast", "list", "designate", "accuse",
                "quote", "cite", "claim", "allege", "say", "believe", "think", "rumour", "rumor", "present",
                "tout", "hail", "praise", "denounce", "condemn", "dismiss", "decry", "call out", "record", "pan",
                "slam", "deride", "criticise", "criticize", "mock", "ridicule", "lambast", "blast", "tell", "warn",
                "inform", "advise", "assure", "blame", "herald", "class", "classify", "frame", "depict", "paint"}
#: verbs that label only with "as" right before the span: "classed as", "framed as", "depicted as"
_AS_ONLY_LABELS = {"class", "classify", "frame", "depict", "paint", "herald"}
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+"
                             r"(?:(?:[a-z]+ly|later|also|then|since|now|often|once|long|widely|first)\s+)?"
                             r"([a-z]+(?:ed|en|id|ld|ght))\b"
                             r"(?:\s+(?:as|to\s+be|of|for|being))?(?:,?\s+[\w’'\-]+(?:\.[\w’'\-]+)*\.?){0,5}?,?\s*$")
# a participle opening its sentence or headline, with no auxiliary: "Labeled a ‘Challenge’ by NATO, China …",
# "Branded a ‘traitor’, he …"
_OPENING_PARTICIPLE = re.compile(r"\W*([A-Za-z]+(?:ed|en))\s+(?:as\s+)?(?:(?:a|an|the)\s+)?$")
_BY_AGENT = re.compile(r"[”\"’']?\s*,?\s+by\s+(\S)")
_BY_BETWEEN = re.compile(r"\bby\s+")


_CHARGE_BEFORE = re.compile(
    r"\b(accus(?:e|ed|es|ing)|charg(?:e|ed|es|ing)|convict(?:ed|s|ing)?|found\s+guilty|suspect(?:ed|s)?|suspicion|"
    r"indict(?:ed|s|ment)?|outlaw(?:ed|s|ing)?|criminali[sz](?:e|ed|es|ing)|ban(?:ned|s|ning)?|"
    r"jail(?:ed|s|ing)?|imprison(?:ed|s|ing|ment)?|punish(?:es|ed|ing|able)?|prosecut(?:e|es|ed|ing|ion)|"
    r"penali[sz](?:e|es|ed|ing)|laws?(?=\s+(?:about|on|against)\s)|"
    r"(?:declared|stated|proclaimed|avowed)\s+(?:aims?|goals?|purposes?|intentions?)|"
    r"claims|allegations?|accusations?|rumou?rs|allegedly|reportedly|purportedly|supposedly)\b(?:\s+(?!of\b)[^\s.;:!?]+){0,10}?\s+(?:of|for|that|over|about)?"
    r"(?:\s+[^\s.;:!?]+){0,8}?\s*$", re.I)
_CHARGE_LEMMA = {"law": "", "laws": "", "declared aim": "declare", "declared aims": "declare",
                 "declared goal": "declare", "declared goals": "declare", "stated aim": "state", "stated aims": "state",
                 "stated goal": "state", "stated goals": "state", "declared purpose": "declare",
                 "declared intention": "declare",
                 "imprisonment": "imprison", "prosecution": "prosecute", "punishable": "punish",
                 "found guilty": "find guilty", "suspicion": "suspect", "indictment": "indict", "allegation": "allege",
                 "allegations": "allege", "accusation": "accuse", "accusations": "accuse", "claims": "claim",
                 "rumours": "rumour", "rumors": "rumor", "allegedly": "allege", "reportedly": "report",
                 "purportedly": "purport", "supposedly": "suppose"}


def _charge_or_claim(f: _Field, q: QuoteSpan, sent_start: int) -> attr.Attribution | None:
    """The wording of a charge, a law or a claim: "accused of disseminating ‘fakes’", "found guilty of
    ‘false information’", "amid claims they are being ‘disrupted’". Partial (the guideline: the wording
    belongs to the law, court or claimant), cue from the charging word, speaker unnamed."""
    text = f.text
    if re.search(r"so-called\s*$", text[max(sent_start, q.start - 12):q.start - 1], re.I):
        return None  # "for reporting so-called “fake” news": the writer's own distance
    m = _CHARGE_BEFORE.search(text, max(sent_start, q.start - 110), q.start - 1)
    if not m:
        return None
    word = " ".join(m.group(1).lower().split())
    lemma = _CHARGE_LEMMA[word] if word in _CHARGE_LEMMA else attr.verb_lemma(word)
    if lemma == "charg":
        lemma = "charge"
    spk, a, b = "", -1, -1
    if word not in _CHARGE_NO_AGENT and _ACTIVE_CHARGE_BEFORE.search(text, max(sent_start, m.start(1) - 30), m.start(1)):
        # an active verdict or law: its subject is the speaker ("A court … convicted X … on charges of
        # “terrorism”", "it has also criminalized “public actions”"); a passive names only the accused
        art = f.art
        si = art.sentence_index(q.start)
        spk, a, b = attr._clause_subject(art, art.sentences[si], m.start(1))
        if spk and (spk.lower() in attr.PRONOUNS or spk.lower() in ("he", "she", "they")):
            spk, a, b = "", -1, -1
    return attr.Attribution(spk, a, b, lemma, text[m.start(1):m.end(1)], f.art.lexicon.category(lemma),
                            m.start(1), m.end(1), how="charge")


#: Charging words with no agent in the sentence (the claimant is unnamed): "amid claims", "allegedly"
_CHARGE_NO_AGENT = {"claims", "allegation", "allegations", "accusation", "accusations", "rumours", "rumors",
                    "allegedly", "reportedly", "purportedly", "supposedly", "suspicion"}
#: Before an active verdict or law whose subject gives the wording: "convicted X on charges of",
#: "it has also criminalized"
_ACTIVE_CHARGE_BEFORE = re.compile(r"(?:\b(?:on\s+(?:the\s+)?|(?:has|have|had)\s+(?:[a-z]+ly\s+|also\s+)?)|"
                                   r"(?:\b[A-Z][\w’'\-]*|\b(?:court|parliament|government|regulator|ministry|authorities|"
                                   r"judges?|prosecutors?)) (?:[a-z]+ly\s+)?)$")


def _passive_label(f: _Field, q: QuoteSpan, sent_start: int) -> attr.Attribution | None:
    """A label given in the passive: "Vulin is considered “Moscow´s man”", "the summit is billed as
    its most “transformative” gathering", "Gorbachev has been marked as “liquidated” by a Ukrainian
    website". Partial; the speaker is the agent after *by* where there is one, else unnamed."""
    text = f.text
    m = _PASSIVE_BEFORE.search(text, max(sent_start, q.start - 80), q.start - 1) \
        or _OPENING_PARTICIPLE.match(text[sent_start:q.start - 1])
    if not m:
        return None
    if m.re is _OPENING_PARTICIPLE:  # (offsets of the match are relative to the sentence start)
        m = _OPENING_PARTICIPLE.match(text, sent_start, q.start - 1)
    lemma = attr.verb_lemma(m.group(1).lower())
    if lemma not in _LABEL_VERBS:
        return None
    if lemma in _AS_ONLY_LABELS and not re.search(r"\bas\s+(?:(?:a|an|the)\s+)?$", text[m.end(1):q.start - 1]):
        return None  # "is now depicted on the chevron of the ‘new’ Azov": a place, not a label
    spk, a, b = "", -1, -1
    bm = _BY_AGENT.match(text, q.end)
    inner = _BY_BETWEEN.search(text, m.end(1), q.start - 1)  # "was dismissed by Kiev as “…”"
    if bm or inner:
        at = bm.start(1) if bm else inner.end()
        np = attr._np_after(f.art, at - 1, min(len(text), at + 120, q.start - 1 if inner and not bm else len(text)))
        if np:
            spk, a, b = attr.speaker_from_np(f.art, *np)
    vs, ve = m.start(1), m.end(1)
    return attr.Attribution(spk, a, b, lemma, text[vs:ve], f.art.lexicon.category(lemma), vs, ve, how="passive")


_BE_HAVE = {"is", "was", "were", "are", "be", "been", "being", "has", "have", "had", "'s", "’s", "seems",
            "seemed", "appears", "appeared", "remains", "remained", "becomes", "became", "gets", "got"}
_AGENT_AUX = {"has", "have", "had", "will", "would", "also", "then", "later", "again", "now", "just",
              "recently", "repeatedly", "previously", "even", "once", "already", "reportedly", "allegedly"}
_VERB_FORM = re.compile(r"^[a-z]+(?:ed|es|s|ing)$")


def _agent_attribution(f: _Field, q: QuoteSpan, sent_start: int) -> attr.Attribution | None:
    """A label the clause's named subject applies: "Zelensky has banned 15 parties as “pro-Russian”",
    "Putin praised “unprecedented” relations". The subject must be a named actor (a name or a
    pronoun resolved to one) followed by an active verb before the quote; copulas and passives
    ("Putin was “re-elected”", "has been making") do not qualify."""
    art, text = f.art, f.text
    seg_start = sent_start
    lead = attr._LEADING_ADVERBIAL.match(text, sent_start, q.start)
    if lead:
        seg_start = lead.end()
    spk = attr._clause_subject(art, (sent_start, q.start), q.start)
    if not spk[0] or spk[1] < 0 or spk[1] < seg_start - 1:
        return None
    name, a, b = spk
    if name.lower() in ("he", "she", "they", "it", "we", "i"):
        return None
    m = art.mention_at(a, b + 1)
    if m is None or not (m.person or len(m.text.split()) > 1 or m.text.lower() in attr._ORG_WORDS
                         or m.text.lower() in art.full_names or m.start > sent_start):
        return None  # a capitalised first word ("Mystery surrounds …") is no named actor
    between = text[b:q.start - 1]
    if _CLAUSE_BREAK_WORDS.search(between) or len(between) > 120:
        return None
    # the rest of the name ("The Ministry of Defence framed …", "Macron of France pressed …") and an
    # aside ("John Thune, for one, hopes …") stand between the subject and its verb
    tail = _SUBJECT_TAIL.match(between)
    if tail:
        between = between[tail.end():]
        if tail.group(0).lstrip().startswith("of"):  # the whole name speaks: "The Ministry of Defence"
            b = b + len(tail.group(0).rstrip())
            name = text[a:b]
    toks = _WORD_TOKEN.findall(between)
    i = 0
    if toks and toks[0] in ("’s", "'s", "s"):
        return None
    while i < len(toks) and toks[i].lower() in _AGENT_AUX:
        i += 1
    if i >= len(toks):
        return None
    verb = toks[i]
    lv = verb.lower()
    if lv in _BE_HAVE or not verb.islower() or not _VERB_FORM.match(lv) or lv in attr.SPEAKER_NOUNS \
            or (i + 1 < len(toks) and toks[i + 1].lower() in _BE_HAVE):
        return None  # "NATO members are …": a noun, not the verb
    if i > 0 and toks[i - 1].lower() in ("has", "have", "had") and not lv.endswith("ed"):
        return None
    lemma = attr.verb_lemma(lv)
    if lemma in _EVIDENCE_VERBS:
        return None  # "displayed toys covered in ‘blood’": an object shown, not a label applied
    vpos = text.find(verb, b, q.start)
    cat = art.lexicon.category(lemma)
    if tail and not cat and lemma not in _LABEL_VERBS and lemma not in _VIEW_VERBS:
        return None  # past a name's tail or an aside only a verb of saying or labelling (not "fared")
    return attr.Attribution(name, a, b, lemma, verb, cat, vpos, vpos + len(verb), how="agent")


#: verbs of a view held, which no cue lexicon lists: "Thune, for one, hopes … not try to “relitigate”"
_VIEW_VERBS = {"hope", "want", "believe", "think", "fear", "wish", "expect", "feel", "prefer"}
#: after a subject's head, before its verb: "of Defence", "of France", ", for one,"
_SUBJECT_TAIL = re.compile(r"^(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w’'\-]*\s*)+|\s*,\s*(?:for\s+one|too|in\s+turn|meanwhile|however|"
                           r"for\s+(?:his|her|its|their)\s+part)\s*,)")


_FEELINGS = {"devastated", "delighted", "shocked", "heartbroken", "thrilled", "disappointed", "saddened",
             "horrified", "appalled", "furious", "angry", "upset", "frustrated", "worried", "concerned", "proud",
             "happy", "pleased", "relieved", "grateful", "humbled", "honoured", "honored", "outraged", "terrified",
             "scared", "stunned", "gutted", "buzzing", "overwhelmed", "sad", "ashamed", "embarrassed", "excited",
             "optimistic", "hopeful", "confident", "disgusted", "sickened", "dismayed", "alarmed", "amazed",
             # a state of mind or will, said of the subject as it would say it: Shmyhal is “not sure”
             "sure", "unsure", "certain", "uncertain", "convinced", "sceptical", "skeptical", "pessimistic",
             "determined", "committed", "keen", "eager", "willing", "ready", "open",
             "astounded", "astonished", "baffled", "bewildered", "puzzled", "flabbergasted", "startled", "dumbfounded",
             "livid", "incensed", "distraught", "elated", "ecstatic", "overjoyed", "touched", "moved", "inspired",
             "traumatised", "traumatized", "anxious", "nervous", "afraid", "frightened", "petrified", "desperate",
             "helpless", "hopeless", "lucky", "blessed", "privileged", "thankful"}
_FEELING_COPULA = re.compile(r"\b(?:is|are|was|were|am|feels?|felt|remains?|remained|been|be|’s|'s|’re|'re|"
                             r"becomes?|became|becoming|grows?|grew|gets?|got|getting)\s+"
                             r"(?:(?:so|very|really|absolutely|deeply|extremely|incredibly|still|now|just|all)\s+)?$")


_FEELING_OBJECT = re.compile(r"\b(?:leaves?|left|leaving|makes?|made|making|renders?|rendered)\s+(?:[\w’'\-]+\s+){1,4}?"
                             r"(?:(?:so|very|really|absolutely|deeply|extremely|incredibly|still|feeling|all)\s+)?$")


def _feeling(f: _Field, q: QuoteSpan, sent_start: int) -> attr.Attribution | None:
    """A feeling predicated of someone in their own word (*Whelan’s family is “devastated”*, *half of the
    people in the UK are ‘disappointed’*): the person's words, partial, the clause's subject speaking. A
    copula otherwise labels nothing (*Putin was “re-elected”* stays scare)."""
    words = _words(f.text[q.start:q.end])
    if not 1 <= len(words) <= 3 or words[-1].lower() not in _FEELINGS:
        return None
    if _FEELING_OBJECT.search(f.text, max(sent_start, q.start - 50), q.start - 1):
        # a feeling the sentence leaves someone in ("Attacks … leave former worker 'very scared'"): theirs
        return attr.Attribution("", -1, -1, "", "", "", -1, -1, how="sentence")
    if not _FEELING_COPULA.search(f.text, max(sent_start, q.start - 30), q.start - 1):
        return None
    spk, a, b = attr._clause_subject(f.art, (sent_start, q.start), q.start)
    return attr.Attribution(spk if spk.lower() not in ("it", "there", "this") else "", a, b, "", "", "", -1, -1,
                            how="sentence")


# an aim, goal or pretext whose content the span gives: "the reduced aim of ‘liberating’ the Donbas", "Putin's war
# aims, which included … the ‘liberation’ of the Donbas", "the declared target of “liberation”"
_AIM_BEFORE = re.compile(r"(?:\b(?P<pron>his|her|its|their)\s+|(?P<name>\b[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)[’']s\s+)?"
                         r"(?:[a-z\-]+\s+){0,2}?\b(?:aims?|goals?|target|objectives?|pretexts?|purposes?)"
                         r"(?:\s+of\b|\s+(?:was|is|were|are)\s+to\b|,\s+which\b)[^.;:!?“”\"‘’]{0,70}$")


def _stated_aim(f: _Field, q: QuoteSpan, sent_start: int) -> attr.Attribution | None:
    """A span that gives the content of an aim, goal, target or pretext in its sentence is the wording
    of whoever holds the aim (*the reduced aim of ‘liberating’ the Donbas*, *The Kremlin’s objective was
    to “depersonify” Ukraine*, *Putin's war aims, which included … the ‘liberation’*; the noun takes
    *of*, *was to* or *, which* after the noun: not *significant targets in the …*): partial, the
    possessor speaking when the sentence names one, no cue."""
    m = _AIM_BEFORE.search(f.text, max(sent_start, q.start - 130), max(sent_start, q.start - 1))
    if not m or f.art.in_quote(m.start()):
        return None
    spk, a, b = "", -1, -1
    if m.group("name"):
        spk, a, b = attr.speaker_from_np(f.art, m.start("name"), m.end("name"))
    elif m.group("pron"):
        spk = _possessive_owner(f.art, m.start("pron"), m.group("pron")) or ""
    return attr.Attribution(spk, a, b, "", "", "", -1, -1, how="sentence")


# a possessor right before the span: "the West’s ‘rules-based order’", "its ‘peacekeepers’"
_POSSESSOR_RIGHT_BEFORE = re.compile(r"(?:\b(?P<pron>his|her|their|its)|(?P<name>\b(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)"
                                     r"[’']s?)\s+(?:so-called\s+)?$")


_IS_CONTRACTED = {"it", "that", "what", "there", "here", "he", "she", "who", "this", "where", "how", "let"}


def _possessor_source(f: _Field, q: QuoteSpan, sent_start: int) -> attr.Attribution | None:
    """Guideline v2 (order of the tests): a possessor is a source. A span of up to three words right after
    its possessor, as the head of its noun group (*the West’s ‘rules-based order’, where …*, *its so-called
    ‘peacekeepers’*), is the possessor's term: partial, the possessor speaking, no cue. Not a modifier of
    a noun after it (*Russia's 'missing' nuclear tests*: the tests are Russia's, not the word), nor a
    possessor with a describing word between (*Nato’s defensive ‘shield’*), a name (*Fox News’ ‘Outnumbered’*),
    or a term the writer uses whoever owns it (*Iran's ‘breakout time’*, the signs of ``_held_as_term``)."""
    text = f.text
    words = _words(text[q.start:q.end])
    if not 1 <= len(words) <= 3 or f.name == "title":
        return None
    m = _POSSESSOR_RIGHT_BEFORE.search(text, max(sent_start, q.start - 50), max(sent_start, q.start - 1))
    if not m or f.art.in_quote(m.start()) or words[0][:1].isupper() \
            or m.group("name") and m.group("name").split()[-1].lower() in _IS_CONTRACTED:
        return None  # (a name: Fox News’ ‘Outnumbered’; "It’s" is "it is")
    if _held_as_term(f, q, sent_start):
        return None  # a term the writer uses, whoever owns it: Iran's ‘breakout time’
    nxt = re.match(r"\s+([a-z][a-z\-]+)\b", text[q.end + 1:q.end + 40])
    if nxt and nxt.group(1) not in _NOT_A_HEAD and text[q.start:q.end].rstrip()[-1:].isalnum():
        return None  # a modifier of the noun after it
    if m.group("name"):
        spk, a, b = attr.speaker_from_np(f.art, m.start("name"), m.end("name"))
    else:
        spk, a, b = _possessive_owner(f.art, m.start("pron"), m.group("pron")) or "", -1, -1
    if not spk:
        return None
    return attr.Attribution(spk, a, b, "", "", "", -1, -1, how="sentence")


# a noun of saying, with its owner, right before the span: "Biden’s recent criticism of “ultra-MAGA” Republicans",
# "He made references (as usual) to "neo-Nazis"", "Putin's repeated talk of ‘denazification’"
_SAYING_NOUN_BEFORE = re.compile(
    r"(?:\b(?P<pron>his|her|their|its)\s+|(?P<name>\b(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)[’']s?\s+|"
    r"(?P<made>\b(?:made|make|makes|making)\s+(?:(?:a|repeated|several|many|frequent|numerous)\s+)?))"
    r"(?:[a-z\-]+\s+){0,2}?"
    r"(?P<noun>criticism|references?|talk|calls?(?=\s+(?:to|for)\b)|rhetoric|warnings?|denunciations?|condemnations?|praise|descriptions?|"
    r"characteri[sz]ations?|insistence|promises?|pledges?|remarks?|comments?|mentions?|language|invocations?|"
    r"labell?ing|branding|depiction|portrayal|framing|use\s+of\s+the\s+(?:words?|terms?|phrase))"
    r"\s+(?:\([^()]{1,30}\)\s+)?(?:of|to|about|for|as)\s+(?:(?:the|a|an|so-called)\s+)?$")
_SAYING_NOUN_LEMMA = {"criticism": "criticize", "reference": "refer", "references": "refer", "talk": "talk",
                      "warning": "warn", "warnings": "warn", "praise": "praise", "promise": "promise",
                      "promises": "promise", "pledge": "pledge", "pledges": "pledge", "remarks": "remark",
                      "remark": "remark", "comments": "comment", "comment": "comment", "description": "describe",
                      "descriptions": "describe", "condemnation": "condemn", "denunciation": "denounce",
                      "insistence": "insist", "call": "call", "calls": "call"}


def _saying_noun(f: _Field, q: QuoteSpan, sent_start: int) -> attr.Attribution | None:
    """A span right after a noun of saying whose owner the sentence names (*Biden’s recent criticism of
    “ultra-MAGA” Republicans*, *He made references (as usual) to "neo-Nazis"*, *their talk of ‘liberation’*):
    the owner's words, partial; the speaker is the possessor, or the subject of *made … references*."""
    text = f.text
    if len(_words(text[q.start:q.end])) > 3 or f.name == "title":
        return None
    m = _SAYING_NOUN_BEFORE.search(text, max(sent_start, q.start - 90), max(sent_start, q.start - 1))
    if not m or f.art.in_quote(m.start()):
        return None
    spk, a, b = "", -1, -1
    if m.group("name"):
        if m.group("name").split()[-1].lower() in _IS_CONTRACTED:
            return None
        spk, a, b = attr.speaker_from_np(f.art, m.start("name"), m.end("name"))
    elif m.group("pron"):
        spk = _possessive_owner(f.art, m.start("pron"), m.group("pron")) or ""
    else:
        spk, a, b = _subject_resolved(f.art, attr._clause_subject(f.art, (sent_start, q.start), m.start("made")),
                                      ("he", "she", "they"))
    if not spk:
        return None
    noun = m.group("noun").split()[0].lower()
    lemma = _SAYING_NOUN_LEMMA.get(noun, "")
    return attr.Attribution(spk, a, b, lemma, m.group("noun") if lemma else "",
                            f.art.lexicon.category(lemma) if lemma else "",
                            m.start("noun") if lemma else -1, m.end("noun") if lemma else -1, how="sentence")


#: a label the subject gives itself: "it positions itself as “…”", "who described himself as a “…”"
_REFLEXIVE_LABEL = re.compile(r"\b((?:describ|position|present|styl|bill|brand|market|tout|regard|consider|view|"
                              r"portray|fashion|proclaim|declar|identifi)(?:e|es|ed|ing|s|y|ies)?|sees?|saw|casts?|"
                              r"calls?|called|calling)\s+(?:itself|himself|herself|themselves|ourselves|myself)\s+"
                              r"(?:as\s+)?(?:(?:a|an|the)\s+)?$")
_SELF_LABEL = re.compile(r"\b[Ss]elf-(styled|described|identified)\s+(?:as\s+)?(?:(?:a|an|the)\s+)?$")


def _self_label(f: _Field, q: QuoteSpan, sent_start: int) -> attr.Attribution | None:
    """*Self-styled*, *self-described* right before the span: the words are the described one's own
    label for itself (*a self-described “punk-pop-rave band.”*), partial; the cue is the compound's verb
    (self-style), the speaker not read here. (*Self-proclaimed* “republics” is left alone: a status
    claimed, which the writer's marks doubt.)"""
    refl = _REFLEXIVE_LABEL.search(f.text, max(sent_start, q.start - 60), max(sent_start, q.start - 1))
    if refl and not f.art.in_quote(refl.start()):
        # "it positions itself as “independent, non-state media,”": the subject's label for itself
        lemma = attr.verb_lemma(refl.group(1).lower())
        spk, a, b = _subject_resolved(f.art, attr._clause_subject(f.art, (sent_start, q.start), refl.start(1)),
                                      ("he", "she", "it", "they"))
        return attr.Attribution(spk, a, b, lemma, refl.group(1), f.art.lexicon.category(lemma),
                                refl.start(1), refl.end(1), how="sentence")
    m = _SELF_LABEL.search(f.text, max(sent_start, q.start - 40), q.start - 1)
    words = _words(f.text[q.start:q.end])
    if not m or len(words) == 1 and words[0][:1].isupper():
        return None  # (a name taken: "the whistleblower, self-styled as “Alex,”")
    verb = m.group(1)
    lemma = "self-" + (verb[:-1] if verb.endswith(("ibed", "yled")) else attr.verb_lemma(verb))
    return attr.Attribution("", -1, -1, lemma, m.group(0).split()[0], f.art.lexicon.category(lemma),
                            m.start(), m.start() + len(m.group(0).split()[0]), how="sentence")


def _previous_attribution(f: _Field, k: int, sp: int, *, whole: bool) -> attr.Attribution | None:
    """Attribution carried over from sentence ``sp`` (before the span's sentence)."""
    art = f.art
    text = f.text
    ps, pe = art.sentences[sp]
    # an attributed quote in that sentence: the same speaker goes on (a "floating" quote); for a
    # whole-sentence quote, a quotation rather than a word or two of someone else's the sentence
    # mentions ("“…,” Lavrov said, … when Brussels condemned what it called the “annexation” …")
    found = None
    for kk in range(k - 1, -1, -1):
        o = f.spans[kk]
        if o.depth > 0:
            continue  # (a quote nested in a longer one: "‘road maps’" inside the quotation that ends in sp)
        if o.end < ps:
            break
        if o.end >= ps and f.attrs[kk].speaker and o.depth == 0:
            if found is None:
                found = kk
            if not whole or len(_words(text[o.start:o.end])) > 3:
                found = kk
                break
    if found is not None:
        a = f.attrs[found]
        return attr.Attribution(a.speaker, a.speaker_start, a.speaker_end, a.cue, a.cue_text, a.cue_category,
                                a.cue_start, a.cue_end, how="previous")
    if text[ps:pe].rstrip().endswith(":"):
        a = attr.sentence_attribution(art, sp)
        if a.found:
            a.how = "previous"
            return a
    a = attr.sentence_attribution(art, sp)
    if a.speaker and not (a.cue in _EVIDENCE_VERBS and not whole):
        # (a verb of showing reports no words: "Shocking footage showed ‘teacher’ Pavel Firsov …"
        # gives no speaker to a fragment of the next sentence)
        a.how = "previous"
        return a
    return None


_FINITE = re.compile(r"\b[a-z]+n[’']t\b|\b(?:is|are|was|were|will|would|can|could|should|must|has|have|had|do|does|did|may|"
                     r"might|shall|am|’re|'re|’ll|'ll|’ve|'ve|’m|'m)\b|"
                     r"\b(?:it|that|he|she|there|what|who|here|where|this|everything|nothing|one|let)[’']s\b", re.I)
_SUBORDINATE_START = {"that", "which", "who", "whom", "whose", "if", "when", "because", "to", "for", "of", "as",
                      "with", "by", "in", "on", "at", "from", "into", "about", "than", "whether", "while", "where"}


_DETERMINER_START = {"the", "a", "an", "this", "these", "those", "our", "my", "your", "his", "her", "their", "its",
                     "all", "some", "many", "most", "every", "each", "no", "one"}
_VERB_START = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "must",
               "may", "might", "shall", "do", "does", "did", "also", "still"}
# a finite main verb besides the auxiliaries: a past form not after a determiner nor before "by"
# (not "a docked warship", "supplied by"), or a common present form
_FINITE_MAIN = re.compile(r"(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)\b[a-z]{3,}ed\b(?!\s+by\b)|"
                          r"\b(?:says|hears|sees|thinks|believes|knows|wants|needs|makes|means|remains|seems|goes|"
                          r"comes|gets|takes|gives|shows|plays|stands|lies|works|helps|matters|"
                          # irregular past tenses ("the Kremlin gave the White House the choice …")
                          r"gave|took|went|came|saw|knew|became|began|wrote|spoke|grew|fell|drew|broke|"
                          r"rose|drove|chose|fought|threw|caught|struck|sank|fled|stole|forgot|swore|woke)\b")
_AFTER_QUOTE_REPORTING = re.compile(r"^[\s,.!?…”\"’']*(?:[\w’'\-\.]+[\s,]+){0,14}?$")


def _is_clause(span: str) -> bool:
    """A whole clause, by its surface: capitalised with at least three words (fewer than five need
    a lower-case word: *Nuremberg 2.0* is a name), or lower-case with at least four words opening
    with a subject, not a verb, *also* or a subordinating word; a determiner opening needs a finite
    verb (*the strongest possible sanctions against …* is a noun group)."""
    words = _words(span)
    if not words:
        return False
    w0 = words[0].lower()
    finite = _FINITE.search(span) is not None
    lower_clause = (len(words) >= 4 and w0 not in _SUBORDINATE_START and w0 not in _VERB_START
                    and (w0 in _SUBJECT_START or finite)
                    and (w0 not in _DETERMINER_START or finite or _FINITE_MAIN.search(span) is not None))
    s0 = span.lstrip("[(… .'‘\"“")
    clause = bool(s0) and (s0[0].isupper() or s0[0].isdigit()) and len(words) >= 3 \
        and (len(words) >= 5 or any(w.islower() for w in words[1:]))
    return clause or lower_clause or _pronoun_clause(words, finite) or _fronted_clause(span)


_PERSONAL = {"i", "we", "you", "he", "she", "it", "they"}


def _pronoun_clause(words: list[str], finite: bool) -> bool:
    """A personal pronoun with a finite verb is a clause however short: *it's vindictive*, *I'm
    certain*, *they are wrong*."""
    w0 = words[0].lower().replace("’", "'")
    return len(words) >= 2 and finite and (w0 in _PERSONAL or w0.split("'")[0] in _PERSONAL)


def _fronted_clause(span: str) -> bool:
    """A clause opening with a fronted adverbial (a subordinate clause or a prepositional phrase
    before a comma) whose main clause follows: *when people say …, they are always wrong*, *while
    Russia kills, America saves*, *despite its removal, this says so much …*."""
    words = _words(span)
    if not words or words[0].lower() not in _FRONTING:
        return False
    for m in re.finditer(",", span):
        head, rest = span[:m.start()], span[m.end():]
        rw = _words(rest)
        if len(_words(head)) < 2 or len(rw) < 2:
            continue
        subject = rw[0].lower() in _PERSONAL or rw[0][0].isupper() or rw[0].lower() in _SUBJECT_START
        verb = _FINITE.search(rest) or _FINITE_MAIN.search(rest) or re.fullmatch(r"[a-z]+(?:s|ed)", rw[1])
        if subject and verb and rw[0].lower() not in _SUBORDINATE_START | _FRONTING:
            return True
    return False


_FRONTING = {"when", "if", "while", "whereas", "although", "though", "because", "since", "as", "after", "before",
             "once", "unless", "until", "despite", "with", "without", "for", "like", "in", "on", "at", "by",
             "given", "unlike", "as long as"}


def _direct_or_partial(text: str, q: QuoteSpan, sent_start: int, a: attr.Attribution | None = None, *,
                       sent_end: int | None = None) -> str:
    """Direct: a whole clause introduced by the attribution (sentence start, colon, comma, *that*,
    or the cue itself: *said “there’s …”*) or followed by its reporting clause (“…,” *X said*);
    partial: a fragment inside the writer's sentence.

    A lower-case clause needs a subject and a verb: one opening with a determiner needs a finite
    verb (*the strongest possible sanctions against …* is a noun group), one opening with a verb
    or *also* is a predicate (*also feels that …*). A capitalised span of fewer than five words
    needs a lower-case word (*Nuremberg 2.0* is a name). A span with the writer's words after it in
    its sentence and no finite verb is the writer's subject or object (*“Funds and other assets” of
    the party will be nationalized*)."""
    span = text[q.start:q.end]
    words = _words(span)
    finite = _FINITE.search(span) is not None
    if not _is_clause(span):
        if a is not None and a.cue and span.lstrip("‘'\"“")[:1].isupper() and span.rstrip()[-1:] in ".!?" \
                and text[sent_start:max(sent_start, q.start - 1)].rstrip(" “\"‘'").endswith(":"):
            return "direct"  # a whole short reply after its cue's colon: "Ruslan replied: 'Yes, sir.'"
        return "partial"
    end = len(text) if sent_end is None else sent_end
    after = text[q.end + 1:end]
    cue_after = a is not None and a.cue_start >= q.end and _AFTER_QUOTE_REPORTING.match(text, q.end, a.cue_start)
    if not text[sent_start:max(sent_start, q.start - 1)].strip(" “\"‘'«„") and _COLON_AFTER.match(text, q.end) \
            and (finite or _FINITE_MAIN.search(span) or _speech_words(span)):
        return "direct"  # a clause opening its sentence, closed by a colon: "‘We need the truth’: the campaign …"
    if not finite and len(words) < 5 and len(_words(after)) >= 2 and not cue_after \
            and not _END_PUNCT_TRAILING.search(span):
        return "partial"
    before = text[sent_start:max(sent_start, q.start - 1)].rstrip(" “\"‘'«„")
    if not before.strip():
        return "direct"
    cue_right_before = a is not None and 0 <= a.cue_end <= q.start and not _words(text[a.cue_end:q.start - 1])
    if not span.lstrip("[(… .'‘\"“")[:1].isupper():
        # a lower-case clause is direct after "that" / a cue ("saying that “nowadays there are ...”")
        return "direct" if _THAT_COLON_COMMA_BEFORE.search(before) or cue_right_before \
            or a is not None and a.found and _CONJ_BEFORE.search(before) else "partial"
    if cue_right_before or cue_after:
        return "direct"
    b = before.rstrip()
    if b.endswith((":", ",", ")")) or _SAYING_VERB_END.search(b):
        return "direct"
    if _LISTENER_END.search(b):
        return "direct"
    return "partial"


# ----------------------------------------------------------------------------- hits rows
def _row(doc_id, field, feature, r) -> dict:
    a: attr.Attribution = r["attribution"]
    return {
        "doc_id": doc_id, "field": field, "feature": feature, "key": r["quote_type"],
        "value": a.cue_category or "", "category": "", "start": int(r["start"]), "end": int(r["end"]),
        "text": r["text"], "context": r["context"], "quote_type": r["quote_type"],
        "speaker": a.speaker or "", "speaker_start": int(a.speaker_start), "speaker_end": int(a.speaker_end),
        "cue": a.cue or "", "cue_text": a.cue_text or "", "cue_category": a.cue_category or "",
        "cue_start": int(a.cue_start), "cue_end": int(a.cue_end),
    }


def quote_hits(doc_id, title: str | None, text: str | None, codebook: Any = None) -> list[dict]:
    """Hits-table rows for the quotes and reported speech of one document.

    ``title`` and ``text`` (the clean_text) are read as written; offsets index into them.
    Rows: feature ``quote`` (key = quote type, value = cue category or '', text = the quoted
    words without the marks) and feature ``reported_speech`` (key ``reported``, text = the
    attributed clause). ``codebook`` gives the cue lexicon (``.cues``); None: the shipped one.
    """
    res = classify_quotes(title or "", text or "", codebook)
    rows = []
    for field in ("title", "text"):
        for r in res[field]:
            rows.append(_row(doc_id, field, "quote", r))
        for r in res["reported_" + field]:
            rows.append(_row(doc_id, field, "reported_speech", r))
    return rows


def extract_quotes(docs: pd.DataFrame, codebook: Any = None) -> pd.DataFrame:
    """Hits table of quotes and reported speech for a document table (doc_id, title, clean_text).

    A document whose extraction fails is skipped and its error kept in ``df.attrs['errors']``
    (a list of ``(doc_id, message)``); the rest go on.
    """
    check_columns(docs, ["doc_id", "title", "clean_text"], what="docs table")
    rows: list[dict] = []
    errors: list[tuple[str, str]] = []
    for doc_id, title, text in zip(docs["doc_id"], docs["title"], docs["clean_text"]):
        title = title if isinstance(title, str) else ""
        text = text if isinstance(text, str) else ""
        try:
            rows.extend(quote_hits(doc_id, title, text, codebook))
        except Exception as exc:  # one broken article does not stop the batch
            errors.append((str(doc_id), f"{type(exc).__name__}: {exc}"))
    if not rows:
        out = empty_hits()
    else:
        out = pd.DataFrame(rows, columns=list(ALL_HIT_COLUMNS))
        for c in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"):
            out[c] = out[c].astype("int64")
    out.attrs["errors"] = errors
    return out
