"""Cleaning of article text: remove page furniture, normalise whitespace, nothing else.

:func:`clean_text` is a pipeline of small ``str -> str`` steps (in the style of
``textacy.preprocessing``), each usable on its own and each with keyword-only options.
Every step removes *whole lines* (or a trailing run of boilerplate sentences) that are page
furniture -- navigation, widgets, credits, footers -- and leaves every other character alone:

* quotation marks and apostrophes stay as written (“ ” ‘ ’ " ' « »), spellings are not folded
  (Kiev stays Kiev, Kyiv stays Kyiv), case is not changed, no words are edited;
* whitespace is normalised (runs of spaces/tabs to one space, no trailing spaces, at most one
  blank line), paragraph breaks (single or double newlines) are kept.

The steps, in the order :data:`DEFAULT_STEPS` applies them:

==========================  ===================================================================
step                        removes
==========================  ===================================================================
normalize_whitespace        CR/LF variants, NBSP/zero-width/BOM, repeated spaces, 3+ newlines
remove_icon_lists           lines that are runs of icon names ("icon bookmark-bicon ... fm")
remove_comment_widgets      "0 0 votes / Article Rating / Subscribe / Notify of / guest /
                            0 Comments / Oldest / Newest Most Voted / Inline Feedbacks / ..."
remove_page_tail            everything from a "Top stories", "Latest news", "Must read",
                            "RT Features", "Podcasts", "You might also like", ... heading on,
                            when no article paragraph follows it (related-story blocks,
                            repeated twice on RT pages, language menus, app links)
remove_read_more            "READ MORE: ..." lines and "Read more" teasers with the teaser
                            headline printed around them; a trailing " Read more"
remove_photo_credits        caption lines ending in a credit "© Name / Agency"
remove_copyright_lines      "© ... All rights reserved." and "Copyright ..." footer lines
remove_cookie_notices       "This website uses cookies ...", "Accept cookies"
remove_source_lines         "Source link", "Source :Skai", "Source X/RT/NYT/WP/AP"
remove_breadcrumbs          "Home / News / In the world / ...", "HomeWorld News"
remove_datelines            lines holding only a date/time ("17 Nov, 2022 10:37")
remove_author_bio           a last paragraph that is a first-person author bio
remove_trailing_boilerplate site boilerplate at the end of the text (BBC's "© 2022 BBC. The
                            BBC is not responsible for the content of external sites. ...",
                            "Follow BBC West on Facebook, Twitter and Instagram. Send your
                            story ideas to ...@bbc.co.uk"), ABC's "The Note" footer and
                            Fox News staff bios ("Charles Creitz is a reporter for Fox
                            News Digital. He joined Fox News in 2013 ...")
remove_symbol_lines         lines with no letter or digit ("-", "()")
remove_repeated_lines       exact repeats of a headline/label line or of a repeated block
                            (teasers, alt text); a repeated sentence or quoted sentence stays
==========================  ===================================================================

:func:`remove_title_lines` (drop the headline where the page repeats it at the top) runs when
``clean_text`` is given the document's ``title``. :func:`extract_title` guesses a headline for
a page that has none.

All patterns are compiled once at import; steps first check a cheap substring so that text
without the furniture costs almost nothing (ingest cleans every article of a corpus).
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

__all__ = [
    "clean_text",
    "DEFAULT_STEPS",
    "normalize_whitespace",
    "remove_icon_lists",
    "remove_comment_widgets",
    "remove_page_tail",
    "remove_read_more",
    "remove_photo_credits",
    "remove_copyright_lines",
    "remove_cookie_notices",
    "remove_source_lines",
    "remove_breadcrumbs",
    "remove_datelines",
    "remove_author_bio",
    "remove_trailing_boilerplate",
    "remove_symbol_lines",
    "remove_repeated_lines",
    "remove_title_lines",
    "extract_title",
]

# ----------------------------------------------------------------------------- whitespace
_NEWLINES_RE = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# runs of 2+ whitespace characters other than newline, or one that is not a plain space
# (tabs, NBSP, thin spaces, ...); single plain spaces are left alone (fast on long text)
_SPACES_RE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
_SPACE_AROUND_NL_RE = re.compile(r" +\n *|\n +")
_MANY_NL_RE = re.compile(r"\n{3,}")
_SPECIAL_RE = re.compile(
    "[\r\x0b\x0c\x85\u2028\u2029\u200b-\u200d\u2060\ufeff\u00ad\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)


def normalize_whitespace(text: str, *, keep_paragraphs: bool = True) -> str:
    """Normalise whitespace; keep paragraph breaks.

    Line breaks become ``\\n``; zero-width characters, soft hyphens and a BOM are dropped;
    every other run of whitespace inside a line (spaces, tabs, no-break and thin spaces)
    becomes one space; lines are stripped; three or more newlines become one blank line.
    With ``keep_paragraphs=False`` all line breaks become single spaces (one-line text).
    Letters, punctuation and quotation marks are never touched.
    """
    if not text:
        return ""
    # one scan for any character that needs more than plain-space handling (most texts have none)
    special = _SPECIAL_RE.search(text) is not None
    if special:
        text = _NEWLINES_RE.sub("\n", text)
        text = _INVISIBLE_RE.sub("", text)
    if special or "  " in text:
        text = _SPACES_RE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _SPACE_AROUND_NL_RE.sub("\n", text)
    if keep_paragraphs:
        if "\n\n\n" in text:
            text = _MANY_NL_RE.sub("\n\n", text)
    else:
        text = re.sub(r"\n+", " ", text)
    return text.strip()


def _drop_lines(text: str, keep: Callable[[str], bool]) -> str:
    """Keep the lines for which ``keep(line)`` is true (line breaks of kept lines preserved)."""
    lines = text.split("\n")
    kept = [ln for ln in lines if keep(ln)]
    if len(kept) == len(lines):
        return text
    return _MANY_NL_RE.sub("\n\n", "\n".join(kept)).strip("\n")


# ----------------------------------------------------------------------------- icon lists
_ICON_RE = re.compile(r"\b[\w-]*icon\b", re.IGNORECASE)


def remove_icon_lists(text: str, *, min_icons: int = 5, min_share: float = 0.3) -> str:
    """Drop lines that are lists of icon names, as scraped from an SVG sprite.

    Removes e.g. ``date 2022-11-17 icon bookmark-bicon bookmarkicon cameraicon ... fm``
    (a line with at least ``min_icons`` words ending in "icon" making up at least
    ``min_share`` of its words). Keeps sentences that mention an icon ("an icon of
    resistance").
    """
    if "icon" not in text:
        return text

    def keep(line: str) -> bool:
        n = len(_ICON_RE.findall(line))
        if n < min_icons:
            return True
        return n / max(1, len(line.split())) < min_share

    return _drop_lines(text, keep)


# ----------------------------------------------------------------------------- comment widgets
#: Lines that only ever occur in comment widgets (wpDiscuz and the like).
_WIDGET_STRONG_RE = re.compile(
    r"^(?:\d+\s+\d+\s+votes?|Article Rating|Notify of|Inline Feedbacks|View all comments|"
    r"Newest Most Voted|Oldest Newest Most Voted|Would love your thoughts, please comment\.?x?|"
    r"Login to comment|Leave a (?:comment|reply)|\d+\s+Comments?)$",
    re.IGNORECASE,
)
#: Lines that are widget parts only next to a strong line (alone they could be article text).
_WIDGET_WEAK_RE = re.compile(r"^(?:Subscribe|guest|Oldest|Newest|Most Voted|Login|\d+|x|\(\)|Comments?)$", re.IGNORECASE)


def remove_comment_widgets(text: str) -> str:
    """Drop comment-widget blocks.

    A run of consecutive lines (blank lines allowed) made only of widget lines -- "0 0 votes",
    "Article Rating", "Subscribe", "Notify of", "guest", "0 Comments", "Oldest", "Newest Most
    Voted", "Inline Feedbacks", "View all comments", "Would love your thoughts, please
    comment.x", "()", "x" -- and holding at least one line that only a widget has
    ("Article Rating", "Notify of", "Inline Feedbacks", ...) is removed. A lone "Subscribe" or
    "guest" line elsewhere is left alone.
    """
    if not any(k in text for k in ("Article Rating", "Notify of", "Inline Feedbacks", "View all comments", "please comment", "votes")):
        return text
    lines = text.split("\n")
    drop = [False] * len(lines)
    i = 0
    n = len(lines)
    while i < n:
        s = lines[i].strip()
        if s and (_WIDGET_STRONG_RE.match(s) or _WIDGET_WEAK_RE.match(s)):
            j = i
            strong = False
            last = i
            while j < n:
                t = lines[j].strip()
                if not t:
                    j += 1
                    continue
                if _WIDGET_STRONG_RE.match(t):
                    strong = True
                elif not _WIDGET_WEAK_RE.match(t):
                    break
                last = j
                j += 1
            if strong:
                for k in range(i, last + 1):
                    drop[k] = True
            i = last + 1
        else:
            i += 1
    if not any(drop):
        return text
    return _MANY_NL_RE.sub("\n\n", "\n".join(ln for ln, d in zip(lines, drop) if not d)).strip("\n")


# ----------------------------------------------------------------------------- page tail
#: Headings of related-content blocks at the foot of a page.
TAIL_HEADINGS = (
    "Top stories", "RT Features", "Latest news", "Must read", "More", "Podcasts", "All podcasts",
    "You might also like", "You might also likeRELATED", "Recommended to you", "Recommended",
    "Related", "Related stories", "Related articles", "Related news", "Most read", "Most popular",
    "Trending", "Trending now", "More from", "More stories", "Read next", "Also read", "Popular",
    "Editor's picks", "Editor’s picks", "Sponsored", "Advertisement",
)
_TAIL_HEAD_RE = re.compile(r"^(?:%s)\s*:?$" % "|".join(re.escape(h) for h in TAIL_HEADINGS), re.IGNORECASE)
_PROSE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")


def _is_prose(line: str, min_words: int) -> bool:
    s = line.strip()
    return len(s.split()) >= min_words and bool(_PROSE_END_RE.search(s))


def remove_page_tail(text: str, *, min_prose_words: int = 25, headings: Iterable[str] | None = None) -> str:
    """Cut the page tail: everything from the first related-content heading after which no
    article paragraph follows.

    Headings are whole lines such as "Top stories", "RT Features", "Latest news", "Must read",
    "More", "Podcasts", "You might also like" (:data:`TAIL_HEADINGS`, or ``headings``). The cut
    is made only if no line after the heading is prose (at least ``min_prose_words`` words
    ending in sentence punctuation), so a heading-like line inside an article never costs a
    paragraph. This takes the "Top stories / RT Features" block that RT prints twice, podcast
    lists, language menus, "RT News App", and the "Latest news / Must read / More" teasers.
    """
    head_re = _TAIL_HEAD_RE
    if headings is not None:
        head_re = re.compile(r"^(?:%s)\s*:?$" % "|".join(re.escape(h) for h in headings), re.IGNORECASE)
    if "\n" not in text:
        return text
    lines = text.split("\n")
    # scan from the end: the cut point is the earliest heading with no prose after it
    cut = None
    for i in range(len(lines) - 1, -1, -1):
        s = lines[i].strip()
        if _is_prose(s, min_prose_words):
            break
        if head_re.match(s):
            cut = i
    if cut is None or cut == 0:
        return text
    return "\n".join(lines[:cut]).rstrip()


# ----------------------------------------------------------------------------- read more
_READ_MORE_LINE_RE = re.compile(r"^(?:READ MORE|Read more|Read More|MORE|ALSO READ|Also read)\s*:\s*\S.*$")
_READ_MORE_BARE_RE = re.compile(r"^(?:Read more|READ MORE|Read More)\s*$")
_READ_MORE_END_RE = re.compile(r"\s+(?:Read more|READ MORE)\s*$")


def remove_read_more(text: str) -> str:
    """Drop "read more" links.

    Removes lines "READ MORE: Zelensky rules out return to Minsk peace deals", bare "Read more"
    lines together with the teaser headline a page prints around them (the same line just
    before and just after), and a " Read more" left at the very end of one-line text. A
    sentence that merely contains "read more" is kept.
    """
    if "ead more" not in text and "EAD MORE" not in text and "ead More" not in text and "lso read" not in text \
            and "LSO READ" not in text and "MORE:" not in text:
        return text
    lines = text.split("\n")
    drop = [False] * len(lines)
    for i, ln in enumerate(lines):
        s = ln.strip()
        if _READ_MORE_LINE_RE.match(s):
            drop[i] = True
        elif _READ_MORE_BARE_RE.match(s):
            drop[i] = True
            prev = next((k for k in range(i - 1, -1, -1) if lines[k].strip()), None)
            nxt = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
            if prev is not None and nxt is not None and lines[prev].strip() == lines[nxt].strip():
                drop[prev] = drop[nxt] = True
    out = "\n".join(ln for ln, d in zip(lines, drop) if not d) if any(drop) else text
    if out.rstrip().endswith(("Read more", "READ MORE")):
        out = _READ_MORE_END_RE.sub("", out)
    return _MANY_NL_RE.sub("\n\n", out).strip("\n")


# ----------------------------------------------------------------------------- credits, footers
#: A caption line ending in a credit: "... © Jean Catuffe / Getty Images", "... ©  AFP / Sergei Supinsky".
_PHOTO_CREDIT_RE = re.compile(r"©\s*[^©\n/]{1,60}/\s*[^©\n/]{1,60}$")
_PHOTO_LINE_RE = re.compile(r"^(?:Photo|Image|Picture|Photograph|Credit)s?(?:\s+credit)?\s*:\s*.{1,100}$", re.IGNORECASE)


def remove_photo_credits(text: str, *, max_words: int = 40) -> str:
    """Drop photo captions with their credit.

    Removes lines of at most ``max_words`` words that end in a credit "© Name / Agency", such
    as "Ukrainian leader Vladimir Zelensky. ©  Jean Catuffe / Getty Images", and short lines
    "Photo: Reuters". An article sentence that contains © elsewhere is kept.
    """
    if "©" not in text and "hoto" not in text and "mage" not in text and "redit" not in text:
        return text

    def keep(line: str) -> bool:
        s = line.strip()
        if not (_PHOTO_CREDIT_RE.search(s) or _PHOTO_LINE_RE.match(s)):
            return True
        return len(s.split()) > max_words

    return _drop_lines(text, keep)


_COPYRIGHT_RE = re.compile(
    r"^(?:©|\(c\)|Copyright\b).{0,200}$|^.{0,200}\bAll rights reserved\.?$", re.IGNORECASE
)


def remove_copyright_lines(text: str, *, max_words: int = 30) -> str:
    """Drop copyright footer lines.

    Removes short lines (at most ``max_words`` words) starting with "©"/"Copyright" or ending
    in "All rights reserved.", e.g. "© Autonomous Nonprofit Organization “TV-Novosti”,
    2005–2022. All rights reserved." Article sentences about copyright are longer or do not
    have this shape and are kept.
    """
    if "©" not in text and "opyright" not in text and "ights reserved" not in text and "(c)" not in text \
            and "(C)" not in text and "COPYRIGHT" not in text:
        return text

    def keep(line: str) -> bool:
        s = line.strip()
        return not (s and _COPYRIGHT_RE.match(s) and len(s.split()) <= max_words)

    return _drop_lines(text, keep)


_COOKIE_RE = re.compile(
    r"^(?:This (?:web)?site uses cookies\b.{0,200}|We use cookies\b.{0,200}|(?:Accept|Reject|Manage) (?:all )?cookies\.?"
    r"|Cookie (?:settings|policy|preferences)\.?|By continuing to (?:use|browse) (?:this|our) (?:web)?site.{0,200})$",
    re.IGNORECASE,
)


def remove_cookie_notices(text: str) -> str:
    """Drop cookie banners: "This website uses cookies. Read RT Privacy policy to find out
    more.", "Accept cookies", "We use cookies ...". A sentence reporting on cookies, which does
    not start the line this way, is kept."""
    if "ookie" not in text:
        return text
    return _drop_lines(text, lambda ln: not _COOKIE_RE.match(ln.strip()))


_SOURCE_LINE_RE = re.compile(r"^Source\s*(?::\s*|\s)\s*[^\s].{0,40}$|^Source link$|^Source\s*:\s*$")


def remove_source_lines(text: str, *, max_words: int = 5) -> str:
    """Drop source/credit lines of aggregator pages: "Source link", "Source :Skai",
    "Source X/RT/NYT/WP/AP" (lines of at most ``max_words`` words starting with "Source").
    Sentences starting with "Sources said ..." or longer lines are kept."""
    if "Source" not in text:
        return text

    def keep(line: str) -> bool:
        s = line.strip()
        return not (_SOURCE_LINE_RE.match(s) and not s.startswith("Sources") and len(s.split()) <= max_words)

    return _drop_lines(text, keep)


_BREADCRUMB_RE = re.compile(r"^Home\s*(?:/|›|»|>|\|)\s*\S.*$|^Home(?=[A-Z])[\w’' -]{1,40}$")


def remove_breadcrumbs(text: str) -> str:
    """Drop breadcrumb navigation lines: "Home / News / In the world / NATO urged ...",
    "Home › World", and RT's squashed "HomeWorld News". A sentence starting with the word
    "Home" ("Home is where ...") is kept."""
    if "Home" not in text:
        return text
    return _drop_lines(text, lambda ln: not _BREADCRUMB_RE.match(ln.strip()))


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE_RE = re.compile(
    r"^(?:(?:Published|Updated|Posted|Last updated)\s*:?\s*)?(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
    r"(?:\d{1,2}\s+" + _MONTH + r",?\s+\d{4}|" + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"(?:,?\s+\d{1,2}:\d\d(?::\d\d)?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC|BST|CET|EST|EDT|MSK|[+-]\d\d:?\d\d))?)?$"
)


def remove_datelines(text: str) -> str:
    """Drop lines that hold only a publication date/time: "17 Nov, 2022 10:37",
    "Published: March 3, 2022", "2022-11-17". A sentence with a date in it is kept."""
    return _drop_lines(text, lambda ln: not _DATELINE_RE.match(ln.strip()))


_FIRST_PERSON_RE = re.compile(r"\b(?:I|I'm|I’m|I am|my|me)\b")
_BIO_WORDS_RE = re.compile(
    r"\b(?:journalis[mt]s?|writer|editor|reporter|correspondent|freelance|columnist|blogger|years? of experience)\b",
    re.IGNORECASE,
)


def remove_author_bio(text: str, *, max_words: int = 80) -> str:
    """Drop a first-person author bio that ends the page ("With a wealth of experience honed
    over 4+ years in journalism, I bring a seasoned voice to the world of news. ...").

    Only the *last* paragraph is considered, only when the text has more than one paragraph,
    it has at most ``max_words`` words, speaks in the first person and talks about
    journalism/writing/editing. Reported first-person quotes inside the article stay.
    """
    body, sep, last = text.rstrip().rpartition("\n")
    if not sep or not body.strip():
        return text
    s = last.strip()
    if len(s.split()) > max_words or s[:1] in "“\"‘'«":
        return text
    if _FIRST_PERSON_RE.search(s) and _BIO_WORDS_RE.search(s):
        return body.rstrip()
    return text


# ----------------------------------------------------------------------------- site boilerplate
#: Boilerplate that some sites append to every article, anchored at the end of the text
#: (the corpus has paragraphs joined into one line, so these are matched as sentences).
TRAILING_BOILERPLATE = (
    # BBC: copyright + external-links notice
    r"©\s*\d{4}\s+BBC\.\s*The BBC is not responsible for the content of external sites\.\s*"
    r"(?:Read about our approach to external linking\.)?",
    r"The BBC is not responsible for the content of external sites\.\s*(?:Read about our approach to external linking\.)?",
    # BBC regional: "Follow BBC West Midlands on Facebook, Twitter and Instagram. Send your story ideas to: x@bbc.co.uk"
    r"(?:Why not )?(?:Follow|Find) BBC[^.?!]{0,80}? on (?:Facebook|Twitter|Instagram)[^.?!]{0,60}[.?!]?"
    r"(?:\s*(?:You can also send|Send) (?:your )?story ideas to:?\s*\S+@bbc\.co\.uk\.?)?"
    r"(?:\s*If you have a story suggestion,? email:?\s*\S+@bbc\.co\.uk\.?)?"
    r"(?:\s*or send video here\.?)?",
    r"(?:You can also send|Send) (?:your|us your )?story ideas to:?\s*\S+@bbc\.co\.uk\.?(?:\s*or send video here\.?)?",
    r"If you have a story suggestion,? email:?\s*\S+@bbc\.co\.uk\.?",
    # BBC "Have your say" form notice
    r"You can also get in touch in the following ways:.{0,400}?HaveYourSay@bbc\.co\.uk\.?"
    r"(?:\s*Please include your name, age and location with any submission\.)?",
    # ABC News: "The Note" newsletter footer
    r"(?:http://apple\.co/\S+\s*)?(?:WHAT YOU NEED TO KNOW TODAY\s*)?Download the ABC News app and select \"The Note\" "
    r"as an item of interest to receive the day['’]s sharpest political analysis\.",
    r"The Note is a daily ABC News feature that highlights the day['’]s top stories in politics\.",
    r"Please check back tomorrow for the latest\.",
    # Fox News: staff bio sentences ending the item (the run must name Fox News)
    r"(?=[^\n]{0,600}Fox News)(?:(?:(?:[A-Z][\w'’-]+|[A-Z]\.) ){1,4}(?:covers|focuses on|joined Fox News|is a (?:[\w-]+ ){0,4}(?:reporter|writer|producer|correspondent|editor))"
    r"|(?:He|She) (?:joined Fox News|also photographs)|Joining Fox News Digital)[^.]{0,250}\.",
)
_TRAILING_MARKERS = ("©", "The BBC is not", "Follow BBC", "Why not follow BBC", "Find BBC", "You can also send",
                     "Send your story", "Send us your story", "If you have a story", "You can also get in touch",
                     "http://apple.co", "WHAT YOU NEED", "Download the ABC", "The Note is", "Please check back",
                     " covers ", " focuses on ", "joined Fox News", "Joining Fox News", " is a ", "also photographs")
_TRAILING_RE = re.compile(r"(?:\s*(?:%s))+\s*$" % "|".join("(?:%s)" % p for p in TRAILING_BOILERPLATE), re.DOTALL)


def remove_trailing_boilerplate(text: str, *, patterns: Iterable[str] | None = None) -> str:
    """Drop site boilerplate at the very end of the text.

    By default (:data:`TRAILING_BOILERPLATE`) the BBC footer found at the end of BBC items:
    "© 2022 BBC. The BBC is not responsible for the content of external sites. Read about our
    approach to external linking.", "Follow BBC West Midlands on Facebook, Twitter and
    Instagram. Send your story ideas to: newsonline.westmidlands@bbc.co.uk", and the "Have your
    say" form notice; ABC News' "Download the ABC News app and select "The Note" ..." footer;
    Fox News staff bios ("Adam Shaw is a politics reporter for Fox News Digital, ..."). Only a
    run that ends the text is removed; the same words inside an article stay.
    """
    if patterns is None:
        tail = text[-1500:]
        if "bbc" not in tail.lower() and "ABC News" not in tail and "Fox News" not in tail:
            return text
        rx = _TRAILING_RE
    else:
        rx = re.compile(r"(?:\s*(?:%s))+\s*$" % "|".join("(?:%s)" % p for p in patterns), re.DOTALL)
    tail_start = max(0, len(text) - 2000)
    if patterns is None:
        # start at the first boilerplate marker in the tail instead of trying every position
        marks = [i for i in (text.find(k, tail_start) for k in _TRAILING_MARKERS) if i >= 0]
        if not marks:
            return text
        tail_start = max(0, min(marks) - 60)  # a name may precede " is a " / " covers "
    m = rx.search(text, tail_start)
    if not m:
        return text
    return text[: m.start()].rstrip()


# ----------------------------------------------------------------------------- leftovers
_HAS_ALNUM_RE = re.compile(r"\w")


def remove_symbol_lines(text: str) -> str:
    """Drop lines with no letter or digit ("-", "()", "•"); keep every line with a word."""
    return _drop_lines(text, lambda ln: not ln.strip() or bool(_HAS_ALNUM_RE.search(ln)))


#: Quotation marks that open a quoted line: a refrain or a pull-quote, repeated on purpose.
_OPENING_QUOTES = "“\"‘'«„‹「"


#: A line cut short with an ellipsis: a teaser's truncated lede ("Russia fired over 200 missile and
#: drones across Ukraine..."), not a sentence the article ends (a quotation ending "…”" is one).
_TRUNCATED_RE = re.compile(r"(?:\.\.\.|…)$")


def _is_sentence(line: str) -> bool:
    """Ends as a sentence does (. ! ? …, possibly inside closing quotes), and is not a teaser cut
    short with a bare ellipsis."""
    return bool(_PROSE_END_RE.search(line)) and not _TRUNCATED_RE.search(line)


def _is_quoted_sentence(line: str) -> bool:
    """A quotation that is a sentence: a refrain ("“Glory to Ukraine!”") or a pull-quote
    ("“Evacuation … is now impossible,” Haidai said."). A headline that opens with a quotation
    but does not end as a sentence ("‘Ukraine is bankrupt’ – Moscow", RT's style) is not one."""
    return line.startswith(tuple(_OPENING_QUOTES)) and _is_sentence(line)


def _looks_like_furniture(line: str) -> bool:
    """A repeated line that a page, not the article, prints twice: not a sentence (no final
    . ! ? …, or cut short with a bare ellipsis) -- a headline, image alt text, a teaser headline
    or truncated teaser lede, a label ("Interactive", "0:00"). A headline opening with a
    quotation ("‘Deep mistrust’ between US and Zelensky – NYT") is furniture too: only a
    quotation that is a sentence is kept (:func:`_is_quoted_sentence`)."""
    return not _is_sentence(line)


def remove_repeated_lines(text: str, *, max_words: int = 60) -> str:
    """Drop page furniture printed twice; keep what the article itself repeats.

    A line that repeats, exactly, a line seen earlier (the first occurrence stays) is dropped
    when it has at most ``max_words`` words and looks like furniture:

    * it is not a sentence -- a headline printed again as image alt text, a teaser headline (also
      one that opens with a quotation, "‘Ukraine is bankrupt’ – Moscow"), a teaser lede cut short
      with "...", a label such as "Interactive" (:func:`_looks_like_furniture`); or
    * it belongs to a repeated *block*: the line before or after it (blank lines aside) repeats an
      earlier line too, as when RT prints its "Top stories" teasers twice -- unless it is a quoted
      sentence (:func:`_is_quoted_sentence`).

    Kept: a sentence or a quotation the article repeats on its own -- a refrain ("“Glory to
    Ukraine!”" ending each part of a speech), a pull-quote that repeats a paragraph of the body
    word for word, a one-line paragraph said twice. Counting them twice is what the page printed;
    dropping the later one would move a quote away from its attribution. Two identical long
    paragraphs (more than ``max_words`` words) are left for the researcher to see.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    stripped = [ln.strip() for ln in lines]
    seen: set[str] = set()
    repeat = [False] * len(lines)
    for i, s in enumerate(stripped):
        if s:
            repeat[i] = s in seen and len(s.split()) <= max_words
            seen.add(s)
    if not any(repeat):
        return text
    nonblank = [i for i, s in enumerate(stripped) if s]
    in_block = set()
    for a, b in zip(nonblank, nonblank[1:]):
        if repeat[a] and repeat[b]:
            in_block.update((a, b))
    drop = [repeat[i] and (_looks_like_furniture(stripped[i])
                           or (i in in_block and not _is_quoted_sentence(stripped[i])))
            for i in range(len(lines))]
    if not any(drop):
        return text
    return _MANY_NL_RE.sub("\n\n", "\n".join(ln for ln, d in zip(lines, drop) if not d)).strip("\n")


def remove_title_lines(text: str, *, title: str | None, max_lines: int = 8) -> str:
    """Drop the headline where the page repeats it in its first ``max_lines`` lines.

    A line equal to ``title`` (after whitespace normalisation), or a section label glued to it
    ("NATOKey to Peace" for the title "Key to Peace"), is removed, so the headline is counted
    in the ``title`` field only. Nothing happens without a title.
    """
    if not title or not text:
        return text
    t = " ".join(str(title).split())
    if not t:
        return text
    lines = text.split("\n")
    seen_nonblank = 0
    drop = [False] * len(lines)
    for i, ln in enumerate(lines):
        s = ln.strip()
        if not s:
            continue
        if len(s) <= len(t) + 32:  # only short lines can be the headline: skip the split for paragraphs
            s = " ".join(s.split())
        seen_nonblank += 1
        if seen_nonblank > max_lines:
            break
        if s == t or (s.endswith(t) and 0 < len(s) - len(t) <= 15 and " " not in s[: len(s) - len(t)]):
            drop[i] = True
    if not any(drop):
        return text
    return _MANY_NL_RE.sub("\n\n", "\n".join(ln for ln, d in zip(lines, drop) if not d)).strip("\n")


def extract_title(text: str, *, max_words: int = 25) -> str:
    """Guess a headline for a plain-text page without one: the first heading-like line of the
    cleaned text (2 to ``max_words`` words, not ending in a full stop, with a capital letter,
    not a single label word). Returns "" when there is none (e.g. text that starts with a
    paragraph)."""
    for ln in text.split("\n")[:6]:
        s = ln.strip()
        if not s:
            continue
        words = s.split()
        if 2 <= len(words) <= max_words and not s.endswith((".", ",", ":", ";")) and s[0].isupper():
            return s
        return ""
    return ""


# ----------------------------------------------------------------------------- pipeline
#: The cleaning steps, in order. Each is ``str -> str``.
DEFAULT_STEPS: tuple[Callable[[str], str], ...] = (
    normalize_whitespace,
    remove_icon_lists,
    remove_comment_widgets,
    remove_page_tail,
    remove_read_more,
    remove_photo_credits,
    remove_copyright_lines,
    remove_cookie_notices,
    remove_source_lines,
    remove_breadcrumbs,
    remove_datelines,
    remove_author_bio,
    remove_trailing_boilerplate,
    remove_symbol_lines,
    remove_repeated_lines,
)


def clean_text(text: str | None, *, title: str | None = None, steps: Iterable[Callable[[str], str]] | None = None) -> str:
    """Remove page furniture and normalise whitespace; keep every article sentence as written.

    ``steps`` defaults to :data:`DEFAULT_STEPS` (see the module docstring for what each
    removes); pass your own sequence of ``str -> str`` functions to change the pipeline. With
    ``title``, a headline the page repeats at its top is dropped too (:func:`remove_title_lines`).
    Quotation marks, apostrophes, spellings and case are never changed. ``None`` gives "".
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    text = str(text)
    for step in DEFAULT_STEPS if steps is None else steps:
        text = step(text)
    if title:
        text = remove_title_lines(text, title=title)
    if steps is None:  # the default steps normalise first and only drop whole lines after that
        return _MANY_NL_RE.sub("\n\n", text).strip() if "\n\n\n" in text else text.strip()
    return normalize_whitespace(text)
