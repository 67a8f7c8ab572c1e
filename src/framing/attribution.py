"""Attribution by rules: who is quoted (speaker) and with which cue (say, claim, according to ...).

Nothing here downloads a model. An article field is analysed once (:class:`Article`): its sentences
and paragraphs, the attribution cues it contains (the codebook's ``cues:`` lexicon, inflected by a
small table + rules, found in one Aho-Corasick pass), the names it mentions (with the titles and
roles written before or after them), and its quoted spans.

* :func:`attribute_span` finds the speaker and cue of one quoted span inside its own sentence(s):
  ``“…,” X said`` / ``“…,” said X`` / ``X said: “…”`` / ``X told reporters “…”`` /
  ``X said that … “…” …`` / ``according to X, … “…”`` / ``…, adding that “…”`` / ``X: “…”`` and
  ``“…” – X`` (headlines). Neighbouring sentences and the rest of the article are searched by
  :mod:`framing.quotes`, which knows the other spans.
* :func:`reported_speech` lists attributions without quotation marks ("Peskov said that …",
  "according to the Pentagon, …", "Zelensky moans about …").
* :func:`cue_lexicon`, :func:`cue_lemma`, :func:`inflections`, :func:`verb_lemma` turn cue forms into
  lemmas and categories (neutral / endorsing / distancing, from the codebook).

Speakers are returned as the article names them, resolved to the fullest form it gives:
he/she to the most salient person named before (outside quotes), they to the last plural speaker,
a role ("the Kremlin spokesman", "the Ukrainian leader") to the name written with that role,
a surname ("Peskov") to the full name of its first mention ("Dmitry Peskov"). The offsets
(``speaker_start/end``) always point at the mention the attribution was read from.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import ahocorasick
import yaml

from .io import FramingError
from .text import sentence_spans

# Patterns used inside functions, compiled once (no re-module cache lookup per call).
_LEADING_THE = re.compile(r"^(?:The|the)\s+")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]?\.|(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col)\.")
_NP_WORD = re.compile(r"[\w’'´\-\.&]+")
_POSSESSIVE_SUFFIX = re.compile(r"(?:’s|'s|´s|s’|s')$")
_PLAIN_WORD = re.compile(r"[\w’'\-]+")
_HAVE_AUX = re.compile(r"\b(?:has|have|had)\b")
_POSSESSIVE_TAIL = re.compile(r"(?:’s|'s|’|')$")
_PERSONAL_PRONOUN_START = re.compile(r"\s*(?:[Hh]e|[Ss]he|[Tt]hey)\b")
_PUNCT_OR_PREPOSITION = re.compile(r"[,;:]|\b(?:of|in|on|at|to|for|from|by|with|about)\b")
_CAPITAL_AFTER_MARK = re.compile(r"[”\"’']?\s*[A-Z]")
_THAT_ABOUT_COLON_START = re.compile(r"\s*(?:that\s+|about\s+|:\s*)")
_WORDS_THEN_THAT = re.compile(r"\s*(?:[\w’'\-\.]+\s+){0,4}?that\s+")
_UP_TO_COMMA = re.compile(r"[^,]*,\s*")
_SPACE_OR_HYPHEN = re.compile(r"[\s\-]+")

# ----------------------------------------------------------------------------- cue lexicon
#: Irregular verb forms of cue lemmas (everything else is inflected by rule).
IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said", "says", "saying", "sayed"),
    "tell": ("told", "tells", "telling"),
    "write": ("wrote", "written", "writes", "writing"),
    "speak": ("spoke", "spoken", "speaks", "speaking"),
    "think": ("thought", "thinks", "thinking"),
    "find": ("found", "finds", "finding"),
    "show": ("showed", "shown", "shows", "showing"),
    "spin": ("spun", "spins", "spinning"),
    "lie": ("lied", "lies", "lying"),
    "hold": ("held", "holds", "holding"),
    "read": ("read", "reads", "reading"),
    "put": ("put", "puts", "putting"),
    "go": ("went", "goes", "going", "gone"),
    "feel": ("felt", "feels", "feeling"),
    "swear": ("swore", "sworn", "swears", "swearing"),
    "forecast": ("forecast", "forecasts", "forecasting", "forecasted"),
    "broadcast": ("broadcast", "broadcasts", "broadcasting"),
    "tweet": ("tweeted", "tweets", "tweeting"),
    "shoot": ("shot", "shoots", "shooting"),  # "Norkin shot back: ‘…’"
}

_VOWELS = set("aeiou")


def inflections(lemma: str) -> set[str]:
    """Surface forms of a cue lemma: ``claim`` -> claim, claims, claimed, claiming.

    Multi-word cues inflect their first word (``point out`` -> pointed out, points out ...);
    ``according to`` and other phrases without a verb head stay as they are.
    """
    lemma = lemma.strip().lower()
    if " " in lemma:
        head, rest = lemma.split(" ", 1)
        if head in ("according", "in", "as"):
            return {lemma}
        return {f"{h} {rest}" for h in inflections(head)}
    forms = {lemma}
    if lemma in IRREGULAR:
        return forms | set(IRREGULAR[lemma])
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        # consonant doubling: admit -> admitted, plan -> planned (both spellings kept: harmless)
        # ('qu' is a consonant: quip -> quipped, quiz -> quizzed)
        if (len(lemma) >= 3 and lemma[-1] not in _VOWELS | {"w", "x", "y"}
                and lemma[-2] in _VOWELS and (lemma[-3] not in _VOWELS or lemma[-4:-2] == "qu")):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
        if lemma.endswith("l"):  # British: signalled, travelled
            forms |= {lemma + "led", lemma + "ling"}
    return forms


def verb_lemma(form: str) -> str:
    """Lemma of a regular English verb form by rule (banned -> ban, praised -> praise,
    introduces -> introduce, described -> describe); irregular cue forms come from :data:`IRREGULAR`."""
    w = form.lower()
    for lemma, forms in IRREGULAR.items():
        if w in forms:
            return lemma
    if w.endswith("ied") or (w.endswith("ies") and len(w) > 4):
        return w[:-3] + "y"
    if w.endswith("ing") and len(w) > 5:
        stem = w[:-3]
    elif w.endswith("ed") and len(w) > 4:
        stem = w[:-2]
    elif w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    else:
        return w
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
        return stem[:-1]  # banned -> ban, committed -> commit
    if stem.endswith(("c", "g", "v", "u", "z")) or (stem[-1] == "s" and stem[-2] in _VOWELS):
        return stem + "e"  # introduced, encouraged, praised
    if (len(stem) >= 3 and stem[-1] not in _VOWELS | {"w", "x", "y"} and stem[-2] in _VOWELS
            and stem[-3] not in _VOWELS and not stem.endswith(("er", "en", "it", "on", "et", "el", "al", "om"))):
        return stem + "e"  # described, declared, noted
    return stem


def default_cues_path():
    """Path of the shipped cue lexicon ``codebooks/cues_en.yaml``."""
    return resources.files("framing") / "codebooks" / "cues_en.yaml"


def read_cue_file(path=None) -> dict[str, str]:
    """Read a cue lexicon YAML ``{category: [lemma, ...]}`` into ``{lemma: category}``.

    The fallback used when no codebook (or one without ``cues``) is given.
    """
    p = path or default_cues_path()
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except Exception as exc:  # missing file, bad YAML
        raise FramingError(f"{p}: cannot read the cue lexicon ({exc})") from exc
    if not isinstance(data, dict):
        raise FramingError(f"{p}: a cue lexicon maps categories to lists of cue lemmas")
    cues: dict[str, str] = {}
    for category, lemmas in data.items():
        if not isinstance(lemmas, list):
            raise FramingError(f"{p}: category {category!r} must list cue lemmas")
        for lemma in lemmas:
            cues[str(lemma).strip().lower()] = str(category)
    return cues


def cues_from_codebook(codebook: Any = None) -> dict[str, str]:
    """``{lemma: category}`` from a codebook (``.cues``), a plain dict, or the shipped lexicon."""
    if codebook is None:
        return dict(_default_cues())
    if isinstance(codebook, dict):
        return {str(k).lower(): str(v) for k, v in codebook.items()}
    cues = getattr(codebook, "cues", None)
    if cues:
        return {str(k).lower(): str(v) for k, v in dict(cues).items()}
    return dict(_default_cues())


@lru_cache(maxsize=1)
def _default_cues() -> tuple[tuple[str, str], ...]:
    return tuple(read_cue_file().items())


@dataclass(frozen=True)
class CueLexicon:
    """Compiled cue lexicon: ``automaton`` finds any cue form; ``lemma_of`` maps a form to its lemma."""

    categories: dict[str, str]
    lemma_of: dict[str, str]
    #: Aho-Corasick automaton over the lower-cased forms (value: (form, lemma))
    automaton: Any = None

    def category(self, lemma: str) -> str:
        return self.categories.get(lemma, "")


_LEXICON_CACHE: dict[tuple, CueLexicon] = {}


def cue_lexicon(codebook: Any = None) -> CueLexicon:
    """Compile the cue lexicon of ``codebook`` (cached per distinct lexicon)."""
    cues = cues_from_codebook(codebook)
    key = tuple(sorted(cues.items()))
    lex = _LEXICON_CACHE.get(key)
    if lex is None:
        lemma_of: dict[str, str] = {}
        for lemma in cues:
            for form in inflections(lemma):
                lemma_of.setdefault(form, lemma)
        automaton = ahocorasick.Automaton()
        for form, lemma in lemma_of.items():
            automaton.add_word(form, (form, lemma))
        automaton.make_automaton()
        lex = CueLexicon(dict(cues), lemma_of, automaton)
        _LEXICON_CACHE[key] = lex
    return lex


def cue_lemma(form: str, codebook: Any = None) -> str:
    """Lemma of a cue as written (``'claimed'`` -> ``'claim'``, ``'told reporters'`` -> ``'tell'``)."""
    lex = cue_lexicon(codebook)
    f = " ".join(form.lower().split())
    if f in lex.lemma_of:
        return lex.lemma_of[f]
    head = f.split(" ")[0] if f else ""
    return lex.lemma_of.get(head, "")


# ----------------------------------------------------------------------------- word lists
PRONOUNS = {"he": "m", "she": "f", "they": "p", "him": "m", "her": "f", "them": "p"}
_SUBJ_PRONOUNS = {"he", "she", "they", "we", "i", "you", "it"}
TITLES = {
    "president", "vice", "prime", "minister", "secretary", "general", "deputy", "spokesman",
    "spokeswoman", "spokesperson", "press", "foreign", "defense", "defence", "chancellor", "premier",
    "ambassador", "envoy", "adviser", "advisor", "commander", "chief", "head", "leader", "mayor",
    "governor", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "mr",
    "mrs", "ms", "dr", "prof", "professor", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov",
    "former", "acting", "interim", "state", "first", "lady", "king", "queen", "prince", "pope",
    "director", "officer", "official", "councillor", "councilor", "mp", "judge", "justice", "attorney",
    "lawyer", "analyst", "expert", "researcher", "economist", "coach", "ceo", "chair", "chairman",
    "chairwoman", "chairperson", "executive", "founder", "president-elect", "general-secretary",
    "patriarch", "colonel", "major", "lieutenant", "sergeant", "captain", "admiral", "marshal",
    "commissioner", "inspector", "superintendent", "sheriff", "constable", "detective", "dean",
    "spokesmen", "aide", "diplomat", "negotiator", "politician", "lawmaker", "legislator",
    "candidate", "reporter", "journalist", "correspondent", "editor", "author", "host", "manager",
    "supervisor", "agent", "activist", "organizer", "organiser", "coordinator", "member", "mother",
    "father", "son", "daughter", "wife", "husband", "brother", "sister", "resident", "student",
    "teacher", "doctor", "nurse", "worker", "owner", "captain", "staff", "intelligence", "defense",
    "secretary-general", "ex-president", "mp", "mep", "mla", "mpp", "premier", "speaker",
}
#: Role nouns that may head a speaker noun phrase ("the Kremlin spokesman", "the Ukrainian leader").
ROLE_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "leader", "president", "minister", "representative",
    "official", "chief", "head", "secretary", "chancellor", "ambassador", "envoy", "adviser",
    "advisor", "commander", "general", "governor", "mayor", "premier", "diplomat", "senator",
    "lawmaker", "analyst", "expert", "aide", "director", "officer", "prosecutor", "judge",
    "negotiator", "counterpart", "politician", "monarch", "king", "queen", "chairman", "ceo",
    "founder", "executive", "candidate", "author", "authors", "editor", "journalist", "host", "prime minister", "foreign minister", "press secretary",
    "secretary general", "pope", "patriarch", "professor", "economist", "coach", "captain",
}
_ROLEISH = TITLES | ROLE_NOUNS
#: Role words that say what someone is (not "mr", "former", "foreign"): a person given one of them is
#: not the referent of a different role.
_ROLE_HEADS = (ROLE_NOUNS | {"congressman", "congresswoman", "councillor", "sheriff", "reporter",
                             "correspondent", "anchor", "presenter", "chair", "chairwoman"}) - {"general", "head", "chief"}
_COLLECTIVE = {"family", "government", "couple", "pair", "ministry", "council", "committee", "team", "group",
               "police", "military", "army", "authorities", "administration", "party", "union", "company"}
_IRREGULAR_PAST = {"put", "made", "gave", "sent", "took", "set", "held", "got", "brought", "left", "kept", "met",
                   "won", "lost", "ran", "saw", "began", "became", "came", "went", "wrote", "told", "said", "spoke",
                   "found", "led", "shared", "issued", "took"}
_NOT_ADVERBS = {"family", "ally", "daily", "assembly", "rally", "weekly", "monthly", "july", "italy", "supply",
                "reply", "anomaly", "belly", "bully", "tally", "fly", "melly"}
#: Heads of "the ..." phrases that name a thing, not a person ("the report said", "the statement read").
_DOC_NOUNS = {"report", "statement", "study", "document", "letter", "post", "tweet", "message", "analysis",
              "assessment", "update", "bulletin", "briefing", "release", "article", "story", "piece", "column",
              "editorial", "survey", "poll", "research", "investigation", "email", "note", "video", "paper"}
_THING_NOUNS = {"report", "statement", "document", "doctrine", "note", "letter", "post", "tweet", "message",
                "study", "survey", "poll", "data", "analysis", "assessment", "update", "bulletin", "briefing",
                "release", "communique", "decree", "bill", "law", "ruling", "verdict", "indictment", "complaint",
                "lawsuit", "filing", "account", "feed", "page", "blog", "caption", "clip", "video", "footage",
                "sign", "placard", "banner", "headline", "article", "story", "piece", "column", "editorial",
                "obituary", "institution", "website", "site", "government", "military", "army", "police",
                "court", "kremlin", "pentagon", "ministry", "embassy", "west", "alliance", "bloc", "union",
                "party", "company", "firm", "bank", "group", "campaign", "move", "decision", "plan", "proposal",
                "agreement", "deal", "treaty", "order", "source", "research", "investigation", "inquiry"}
_MEDIA_ROLES = {"outlet", "paper", "newspaper", "agency", "broadcaster", "website", "site", "publication",
                "magazine", "channel", "network", "daily", "tabloid", "station"}
#: Nouns that introduce an organisation's name ("the British outlet Financial Times", "the
#: magazine Causeur", "the hacker group Killnet"): kept as the name's roles, so that "the outlet"
#: later resolves to it.
_ORG_ROLES = {"outlet", "paper", "newspaper", "agency", "broadcaster", "website", "site", "publication",
              "magazine", "channel", "network", "daily", "tabloid", "station", "group", "alliance", "bloc",
              "company", "firm", "organisation", "organization", "institute", "charity", "party", "movement",
              "ministry", "department", "office", "union", "court", "watchdog", "regulator", "outfit",
              "think-tank", "tank", "collective"}
#: Media nouns that stand for one another ("the tabloid …" -> "the newspaper", "the outlet").
_MEDIA_KIN = {"outlet", "paper", "newspaper", "tabloid", "daily", "publication", "magazine", "website", "site",
              "broadcaster", "channel", "network", "station"}
#: Common nouns for a few organisations the article may name only by name ("the alliance" -> NATO).
_ORG_HEAD_NAMES = {"alliance": ("nato", "north atlantic treaty organization", "north atlantic alliance"),
                   "bloc": ("eu", "european union", "nato")}
_PLACES = {"russia", "ukraine", "moscow", "kyiv", "kiev", "washington", "london", "paris", "berlin", "beijing",
           "europe", "the us", "us", "u.s.", "uk", "britain", "china", "nato", "the west", "west", "crimea",
           "donbas", "belarus", "poland", "germany", "france", "america", "the united states"}
#: For he/she, and "person" for a role or a description of either gender ("the host", "the 38-year-old").
_AND_NAME_AFTER = re.compile(r"\s+and\s+(?:(?:his|her|their)\s+)?(?:[a-z\-]+\s+){0,2}?((?:[A-Z][\w’'\-]*\s+){1,3}?[A-Z][\w’'\-]*)(?=[\s.,;:!?]|$)")
_PLURAL_ROLES = {"authors", "researchers", "pair", "duo", "two", "couple", "co-authors", "founders", "co-founders"}
_UNNAMED_PERSON = {"man", "woman", "resident", "source", "friend", "soldier", "witness", "critic", "commenter",
                   "user", "volunteer", "mother", "father", "son", "daughter", "driver", "officer", "survivor",
                   "local", "neighbour", "neighbor", "teacher", "doctor", "nurse", "worker", "student", "veteran",
                   "refugee", "conscript", "fighter", "pensioner", "shopkeeper", "farmer", "wife", "husband"}
_UNNAMED_PERSON_RE = re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:%s)\b" % "|".join(sorted(_UNNAMED_PERSON)))
#: Singular nouns that describe a person a lede may name only in the next sentence ("a ruling party MP").
_DESCRIBED_PERSON = (ROLE_NOUNS | _UNNAMED_PERSON | {
    "mp", "mep", "pundit", "commentator", "columnist", "historian", "academic", "scholar", "researcher",
    "scientist", "lawyer", "attorney", "activist", "reporter", "correspondent", "presenter", "anchor",
    "blogger", "campaigner", "legislator", "insider", "businessman", "businesswoman", "oligarch"}) - {"authors"}
_KIN = {"wife", "husband", "widow", "son", "daughter", "mother", "father", "brother", "sister"}
_PLURAL_NOUNS = {"men", "women", "people", "children", "police", "staff", "crew", "personnel", "public"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "person"}
_PERSON_ROLES = {"host", "anchor", "presenter", "leader", "president", "minister", "spokesman", "spokeswoman", "spokesperson", "premier",
                 "chancellor", "ambassador", "envoy", "diplomat", "governor", "mayor", "senator", "secretary",
                 "chief", "head", "commander", "adviser", "advisor", "aide", "official", "politician",
                 "lawmaker", "prosecutor", "judge", "negotiator"}
#: Nationality of a role, however written ("Ukraine's president", "the Ukrainian leader").
_NATION = {"ukraine's": "ukrainian", "russia's": "russian", "america's": "american", "us": "american",
           "u.s": "american", "u.s.": "american", "britain's": "british", "uk": "british", "the uk's": "british",
           "uk's": "british", "france's": "french", "germany's": "german", "china's": "chinese",
           "poland's": "polish", "belarus's": "belarusian", "kremlin": "russian", "kyiv's": "ukrainian",
           "moscow's": "russian", "kiev's": "ukrainian", "finland's": "finnish", "nato's": "nato"}
_NATIONALITIES = {"ukrainian", "russian", "american", "british", "french", "german", "chinese", "polish",
                  "belarusian", "finnish"}
_SYNONYMS = {
    "leader": {"president", "prime", "premier", "chancellor", "leader", "head"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson", "press", "secretary", "spokesmen"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson", "press", "secretary"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson", "press", "secretary"},
    "representative": {"representative", "secretary", "deputy", "envoy", "ambassador", "official"},
    "envoy": {"envoy", "ambassador", "representative"},
    "diplomat": {"diplomat", "minister", "ambassador", "envoy", "foreign"},
    "official": {"official", "secretary", "deputy", "minister", "spokesman", "representative", "head", "chief",
                 "director", "adviser", "advisor", "aide", "officer"},
    "president": {"president", "leader"},
    "head": {"head", "chief", "director", "leader"},
}
#: Capitalised words that open sentences but are no names.
_CAP_STOP = {
    "out", "up", "down", "over", "under", "around", "across",
    "the", "a", "an", "and", "but", "or", "so", "yet", "for", "nor", "however", "meanwhile", "also",
    "after", "before", "when", "while", "since", "although", "though", "if", "in", "on", "at", "by",
    "with", "without", "from", "to", "of", "as", "this", "that", "these", "those", "it", "its", "he",
    "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "there", "here",
    "then", "now", "still", "even", "yes", "no", "not", "all", "some", "many", "most", "more", "one",
    "two", "three", "several", "other", "another", "each", "every", "any", "both", "such", "what",
    "who", "whom", "which", "where", "why", "how", "during", "under", "over", "into", "about",
    "against", "between", "through", "despite", "because", "until", "unless", "whether", "instead",
    "according", "read", "more", "home", "news", "last", "first", "next", "earlier", "later", "today",
    "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "speaking", "asked", "citing", "overall", "recent", "both",
    "further", "indeed", "thus", "therefore", "moreover", "besides", "otherwise", "perhaps",
    "well", "just", "only", "again", "finally", "ultimately", "already", "let", "do", "does", "did",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
    "should", "must", "might", "shall", "our", "source", "sources", "officials", "photo", "image",
    "video", "watch", "related", "advertisement", "update", "updated", "breaking", "exclusive",
    "opinion", "analysis", "editor", "note", "like", "unlike", "amid", "among", "along", "toward",
    "towards", "within", "per", "via", "upon", "around", "across", "behind", "beyond", "near",
    "outside", "inside", "above", "below", "because", "once", "whatever", "whoever", "yet", "oh",
    "having", "being", "given", "sometimes", "photograph", "photo", "related", "watch", "listen",
}
#: Words that mark an organisation or a place rather than a person.
_ORG_WORDS = {
    "ministry", "council", "agency", "times", "news", "post", "union", "party", "office", "department",
    "house", "kremlin", "pentagon", "nato", "government", "commission", "committee", "court",
    "parliament", "congress", "senate", "assembly", "service", "services", "forces", "army", "navy",
    "police", "bank", "fund", "institute", "university", "association", "federation", "group", "corp",
    "inc", "ltd", "company", "organization", "organisation", "network", "press", "tass", "reuters",
    "bloomberg", "ria", "interfax", "bbc", "cnn", "cbc", "ctv", "rt", "ap", "afp", "journal",
    "guardian", "telegraph", "mail", "express", "herald", "tribune", "globe", "star", "sun", "review",
    "magazine", "daily", "weekly", "radio", "tv", "television", "channel", "media", "foundation",
    "centre", "center", "board", "authority", "administration", "cabinet", "city", "county",
    "province", "state", "states", "republic", "region", "ukraine", "russia", "moscow", "kyiv", "kiev",
    "washington", "london", "paris", "berlin", "beijing", "europe", "eu", "un", "us", "uk", "usa",
    "who", "imf", "osce", "iaea", "g7", "g20", "white", "security", "staff", "ministry",
    "intelligence", "alliance", "coalition", "campaign", "movement", "church", "club", "team",
    "league", "school", "hospital", "airlines", "network", "project", "initiative", "watch",
    "international", "national", "federal", "royal", "street", "road", "square", "avenue",
    "north", "south", "east", "west", "new", "united", "saint", "san", "los", "las", "great", "pipeline",
    "war", "ii", "iii", "nord", "stream", "sea", "river", "island", "islands", "mount", "lake", "ocean",
    "bay", "gulf", "valley", "airport", "station", "bridge", "hall", "palace", "tower", "prize", "cup",
    "games", "day", "week", "act", "bill", "treaty", "accord", "plan", "operation", "crimea", "donbas",
    "zealand", "kingdom", "emirates", "arabia", "korea", "africa", "america", "asia", "district",
    "oblast", "county", "capitol", "street", "twitter", "facebook", "telegram", "youtube", "instagram",
    "google", "apple", "microsoft", "amazon", "tesla", "spacex", "gazprom", "rosatom", "wagner",
    "photo", "photos", "pool", "images", "getty", "shutterstock", "alamy", "epa", "xinhua", "sputnik",
    "brigade", "regiment", "battalion", "division", "corps", "squadron", "fleet", "command", "programme",
    "program", "directorate", "inspectorate", "mission", "delegation", "embassy", "consulate", "academy",
    "college", "tribunal", "guards", "authority", "education", "politics", "studies", "affairs", "research",
    "relations", "health", "science", "energy", "development",
}
#: Nationality adjectives: never a speaker on their own ("a Ukrainian court said").
_DEMONYMS = re.compile(r"^(?:[A-Z][a-z]+(?:ian|ish|ese|ean|ani|i)|French|Dutch|Greek|Thai|Swiss|American|"
                       r"African|Korean|Mexican|German|Russian|European|Western|Eastern|Soviet|Pro-\w+|Anti-\w+)$")
_AUX = {
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "also", "then", "later",
    "again", "further", "previously", "earlier", "repeatedly", "reportedly", "recently", "once",
    "already", "even", "has also", "had also", "initially", "first", "subsequently", "publicly",
    "privately", "openly", "explicitly", "directly", "frequently", "often", "always", "never",
    "not", "did", "does", "do", "may", "might", "could", "can", "should", "must", "allegedly",
    "falsely", "angrily", "bluntly", "flatly", "strongly", "clearly", "simply", "just", "ultimately",
    "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "yesterday", "today", "last", "week", "month", "year", "weekend", "night", "been", "being",
    "quickly", "immediately",
    "wrongly", "correctly", "rightly", "confidently", "proudly", "separately", "still", "now", "since",
    "heard", "seen", "filmed", "pictured", "himself", "herself", "itself", "themselves",
}
_BOUNDARY_WORDS = {
    "that", "which", "who", "whom", "whose", "and", "but", "or", "while", "as", "because", "if",
    "when", "after", "before", "since", "although", "though", "where", "unless", "whether", "so",
    "than", "what", "how", "why", "once", "until", "even",
}
_LISTENERS = re.compile(
    r"\s+(?:reporters|journalists|the\s+press|the\s+media|a\s+news\s+conference|a\s+press\s+conference|"
    r"lawmakers|parliament|an?\s+interviewer|the\s+audience|the\s+crowd|supporters|viewers|listeners)\b")
_PREPS = {"of", "from", "to", "close", "at", "in", "with", "for", "on", "by", "near", "inside",
          "within", "under", "among", "including", "familiar"}
_NOT_BEFORE_CUE = {
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "recent", "such", "new", "any", "no", "of", "in", "on", "for", "with", "to", "by",
    "latest", "earlier", "previous", "first", "last", "official", "public", "press", "news",
    "media", "false", "unfounded", "many", "some", "several", "these", "whose", "what", "as",
    "been", "being", "be", "is", "are", "was", "were", "there", "which", "more", "further",
    "must", "can", "could", "should", "would", "will", "may", "might", "shall", "cannot", "to",
}
#: Common nouns that can head a speaker noun phrase ("officials said", "the ministry said").
SPEAKER_NOUNS = {
    "official", "officials", "source", "sources", "spokesman", "spokeswoman", "spokesperson", "minister",
    "ministry", "leader", "leaders", "agency", "report", "reports", "statement", "outlet", "paper",
    "newspaper", "magazine", "authors", "author", "lawmakers", "lawmaker", "hackers", "protesters",
    "protester", "people", "person", "experts", "expert", "analysts", "analyst", "residents", "resident",
    "ambassador", "diplomat", "diplomats", "governor", "president", "police", "military", "army", "court",
    "government", "administration", "office", "department", "spokespeople", "representative",
    "representatives", "envoy", "chief", "head", "secretary", "chancellor", "premier", "mayor", "senator",
    "adviser", "advisor", "aide", "aides", "commander", "commanders", "general", "director", "officer",
    "officers", "prosecutor", "prosecutors", "judge", "negotiator", "counterpart", "politician",
    "politicians", "group", "company", "firm", "bank", "council", "committee", "commission", "service",
    "services", "forces", "troops", "soldier", "soldiers", "witness", "witnesses", "friend", "friends",
    "family", "mother", "father", "wife", "husband", "son", "daughter", "man", "woman", "men", "women",
    "doctor", "doctors", "teacher", "student", "students", "worker", "workers", "volunteer", "volunteers",
    "activist", "activists", "journalist", "journalists", "reporter", "correspondent", "editor", "host",
    "observers", "critics", "critic", "supporters", "opponents", "voters", "citizens", "members",
    "commenters", "commentators", "users", "fans", "pundit", "pundits", "columnist", "blogger", "historian",
    "academic", "scholar", "presenter", "anchor",
    "member", "party", "alliance", "bloc", "union", "club", "team", "website", "site", "channel",
    "broadcaster", "publication", "document", "doctrine", "note", "letter", "post", "tweet", "message",
    "study", "survey", "poll", "data", "analysis", "assessment", "update", "bulletin", "briefing",
    "organisation", "organization", "institute", "ngo", "charity", "campaigners", "campaigner",
    "residents", "locals", "survivors", "victims", "refugees", "economist", "economists", "researcher",
    "researchers", "scientists", "scientist", "professor", "lawyer", "lawyers", "attorney", "coach",
    "owner", "founder", "ceo", "executive", "executives", "investigators", "inspector", "inspectors",
    "monitors", "mission", "delegation", "embassy", "consulate", "kremlin", "pentagon", "intelligence",
    "authorities", "authority", "regime", "cabinet", "parliament", "senate", "congress", "assembly",
    "legislator", "legislators", "mp", "mps", "mep", "chairman", "chairwoman", "chair", "deputy", "pair",
    "couple", "both", "others", "many", "some", "most", "several", "two", "three", "one", "all",
    "ukraine", "russia", "moscow", "kyiv", "kiev", "washington", "london", "beijing", "nato", "eu",
    "he", "she", "they", "we", "i", "it", "you", "who", "spokespersons", "insiders", "insider", "ally",
    "operator", "operators", "manufacturer", "governments", "ministries", "countries", "nations",
    "states", "allies", "partners", "west", "obituary", "institution", "caption", "clip", "video",
    "footage", "sign", "placard", "banner", "headline", "article", "story", "piece", "column",
    "op-ed", "editorial", "release", "communique", "communiqué", "decree", "bill", "law", "ruling",
    "verdict", "indictment", "complaint", "lawsuit", "filing", "account", "feed", "page", "blog",
    "agencies", "media", "newspapers", "channels",  # ("Russian state-run news agencies reported")
}
_BE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:also\s+)?$")
_AS_SAYING_END = re.compile(r"\bas\s+(saying|telling|writing)$", re.I)
_AS_SAYING = re.compile(r"\s+(?:[\w’'´\-\.,–—]+\s+){1,16}?as\s+(saying|telling|writing)\b")
_RELATIVE_WHO = re.compile(r",\s*(?:who|which)\s+(?:[a-z]+ly\s+|has\s+|had\s+|have\s+|also\s+|later\s+|just\s+|then\s+|"
                           r"once\s+|at\s+the\s+time\s+|in\s+\d{4}\s+|last\s+\w+\s+)*$")
_QUOTED_AS = re.compile(r"\s(?:was|were|is|are|has\s+been|had\s+been|being)\s+(?:also\s+)?(?:quoted|cited)"
                        r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday))?"
                        r"(?:\s+by\s+[^,;:]{1,60}?)?\s+as\s+$")


def floor_of(art: Article, ss: int, quote, cue) -> int:
    """Where a subject search before ``cue`` may start: after the quote when the quote precedes it."""
    floor = ss
    if quote is not None and quote[1] <= cue.start:
        floor = max(floor, quote[1] + 1)
    return floor


_INVERSION_END = re.compile(r"\s*(?:[,.;:!?)\]—–]|$|(?:who|on|in|at|during|according|adding|speaking|"
                            r"referring|as|after|before|while|when)\b)")
_NOUN_CUES = {"remark", "comment", "claim", "promise", "pledge", "vow", "warning", "statement", "assertion",
              "suggestion", "insistence", "admission", "allegation", "boast", "complaint", "announcement",
              "report", "tweet", "post", "note", "call", "demand", "plea", "appeal"}
_THAT_OR_QUOTE = re.compile(r"\s*(?:that\b|[:,]?\s*[“\"‘'«])")
_INVERTED_DET = re.compile(r"(?:one|two|three|several|some|many|a|an|its|his|her|their)\s")
_APPOSED_NAME = re.compile(r",\s+([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,3})\s*(?:[,.;]|$)")
_AFTER_QUOTE = re.compile(r"[”\"’']\s*,?\s*$")
_AFTER_COMMA = re.compile(r",\s*$")
_PRONOUN_COMMA = re.compile(r"\b(?:he|she|they)\s*,\s*$")
_LAST_WORD = re.compile(r"([\w’'\-]+)\s*$")
_INFINITIVE = re.compile(r"\bto\s+(?:[a-z]+ly\s+)?$")
_NOUN_CONTEXT = re.compile(r"\b(?:amid|among|despite|over|about|against|following|of|the|a|an|these|those|such|"
                           r"recent|new|false|unfounded|latest|earlier|previous)\s+$", re.I)
_PASSIVE_BY = re.compile(r"\s+by\s+")
_GERUND = re.compile(r"[a-z]+ing\b")
_PARTICIPLE_INTRO = re.compile(r"(?:,\s*|[”\"’]\s*,?\s*|\bby\s+|\bbefore\s+|\bafter\s+|\bwhile\s+|\bwhen\s+|\band\s+|^)$")

#: Cues that take an object and are never inverted after a quote ("… “not one European country”
#: recognised Russia's claim" is not recognised *by* Russia's claim).
_NO_INVERSION = {"show", "find", "recognise", "recognize", "verify", "describe", "call", "label", "characterize",
                 "characterise", "brand", "dub", "term", "dismiss", "deny", "accuse", "condemn", "criticise",
                 "criticize", "welcome", "blame", "praise", "hail", "laud", "slam", "blast", "mock", "ridicule",
                 "decry", "denounce", "cite", "quote", "mention", "demand", "propose", "promise", "pledge",
                 "threaten", "advise", "highlight", "underline", "disclose", "reveal", "call for", "call on",
                 "spin", "peddle", "parrot", "pretend", "lambast", "persuade", "outline", "rule out", "invoke",
                 "evoke", "charge", "define", "name", "list", "identify", "refer to", "encourage"}
_CLOSE_MARKS = ("”", "\"", "’", "'")
_COORDINATED = re.compile(r"(?<![\w’'\-])(?:and|but|then)\s+(?:(?:has|have|had|also|later|then|again|"
                          r"repeatedly|previously|once|even|further|[a-z]+ly)\s+){0,3}$")
_ADJ_DET_BEFORE = re.compile(r"\b(?:the|a|an|this|these|those|its|their|his|her|our|two|three|four|five|six|"
                             r"seven|eight|nine|ten|\d+)\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s+(?!(?:that|by|to|on|in|at|as|with|for|from|of|and|or|but|it|he|she|they|this|"
                         r"the|a|an|earlier|later|last|again|also)\b)[a-z][a-z\-]+\b(?!\s*[,.:;])")
# an absolute construction closing a clause: "…, with no damage to its structure reported." (a participle,
# not a reporting verb: nobody reports anything to anyone here)
_WITH_ABSOLUTE_BEFORE = re.compile(r"(?:^|[,;(]\s*)with\s+[^,;.:“”\"‘’]{1,60}$")
_CLAUSE_END_AFTER = re.compile(r"\s*(?:[.;)]|$)")
_MAINTAIN_AFTER = re.compile(r"\s*(?:that\b|[:,.;!?]|$|[“\"‘'«]\s*[A-Z]|(?:he|she|they|it|we|I)\b)")
_STATE_VERB_AFTER = re.compile(r"\s*(?:that\b|[:“\"‘'«,])")
_INITIALS_BEFORE = re.compile(r"\b(?:[A-Z]\.){2,}\s+$")
_NEGATED = re.compile(r"(?:n[’']t|\bnot|\bnever)\s+$")
_PLATFORM_BEFORE = re.compile(r"(?:Facebook|Telegram|Twitter|Instagram|TikTok|YouTube|VKontakte|VK|social\s+media|"
                              r"blog|website|news|press|media|phone|radio|television|TV)\s+$")
_MAKE_SOMEONE = re.compile(r"\b(?:make|makes|made|making|let|lets|letting)\s+(?:you|them|us|me|him|her|people|one)\s+$", re.I)
_NAMING = re.compile(r"\s+[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*(?:\s*,|\s+(?:who|which|that|is|was|has|had|[a-z]+ed|[a-z]+s)\b)")
_NOUN_BEFORE_NAMING = re.compile(r"\b(?:a|an|one)\s+(?:[a-z\-]+\s+){0,2}(?!(?:he|she|it|they|we|who|which)\s)[a-z]+\s+$")
_TO_VERB_AFTER = re.compile(r"\s+(?:on\s+)?to\s+[a-z]")
_NOUN_LIKE_CUES = {"urge", "blast", "charge", "joke", "rant", "state", "report", "note", "comment", "call", "post", "claim", "order", "demand", "promise",
                   "quote", "tweet", "answer", "reply", "remark", "warning", "pledge", "vow", "plea", "appeal",
                   "statement", "question", "estimate", "show", "find", "document", "concern", "fear", "hope"}
_DET_BEFORE = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their|his|her|our|every|each|any|no)\s+"
                         r"(?:[\w’'\-]+\s+)?$", re.I)
#: Cues that report speech only beside a quotation: after its close ("“…,” stormed one critic", "“…,” Demi
#: sniffed") or before its
#: opening mark, a colon allowed ("cheered on Twitter: “…”"; not "shared the following excerpts: The …").
_AT_QUOTE_ONLY = {"storm", "cheer", "detail", "list", "share", "crow", "sniff"}
_AS_BEFORE = re.compile(r"\bas\s+(?:[\w’'\-\.]+\s+){1,5}$")
_QUOTE_CLOSE_BEFORE = re.compile(r"[”\"’']\s*,?\s*(?:[\w’'\-\.]+\s+){0,3}$")  # ("“…,” Demi sniffed")
_COLON_OR_QUOTE_SOON = re.compile(r"[^.!?:“”\"‘’]{0,60}?(?::\s*)?[“\"‘]")
_DET_NAME_BEFORE = re.compile(r"\b(?:the|a|an|its|his|her|their)\s+(?:[A-Z][\w’'\-\.]*\s+){0,3}[A-Z][\w’'\-\.]*[^s\W]\s+$")
#: Names alone before a name, after a sentence end, and names alone after it up to an opening mark: a caption
#: (of words, not a nickname: "Maria “Masha” Alyokhina").
_CAPTION_BEFORE = re.compile(r"(?:[.!?]\s+|^)(?:[A-Z][\w’'\-\.]*\s+){0,4}(?:(?:and|&)\s+|,\s*)?$")
_CAPTION_AFTER = re.compile(r"(?:\s*(?:,|and|&)?\s*[A-Z][\w’'\-]*)*\s+[“\"](?=[A-Z][^”\"]*\s)")
#: Between an owner and a person in apposition to its role: "’s foreign policy chief, " (Josep Borrell).
_OWNER_ROLE_COMMA = re.compile(r"(?:’s|'s)\s+(?:[\w\-]+\s+){0,4}?([\w\-]+),\s+")
_POSSESSOR_BEFORE = re.compile(r"\b(?:call|calls|called|calling|describe|describes|described|describing|dub|dubbed|"
                               r"brand|branded|label|labelled|labeled|term|termed)\s+[A-Z][\w\-]*(?:’s|'s|s’|s')\s+$")
#: Words that say what office someone holds: a person given one of them holds no other role.
_OFFICE_WORDS = _ROLE_HEADS | {"secretary-general", "general-secretary", "secretary", "ex-president", "president-elect",
                               "chief", "head", "premier", "chancellor"}
_ING_NOUNS = {"briefing", "warning", "ruling", "hearing"}  # (not "during the live broadcast reading: “…”")
_IN_DET_BEFORE = re.compile(r"\b(?:in|at|during)\s+(?:a|an|the|his|her|its|their)\s+(?:[a-z\-]+\s+){0,3}$")
_ADVERB_END = re.compile(r"\b[a-z]+ly\s+$")
_PUBLISHED_WORDS = {"published", "issued", "released", "posted", "produced", "compiled"}
_PUBLISHED_BY = re.compile(r"\s+(?:published|issued|released|posted|produced|compiled)\s+by\s+(?:the\s+)?")
_PAST_SAYING = {"said", "says", "told", "tells", "added", "adds", "wrote", "writes", "reported", "reports",
                "noted", "notes", "stated", "states", "announced", "explained", "claimed", "warned", "insisted"}
_AFTER_VERB_OBJECT = re.compile(r"\b[a-z]+(?:ed|ied)\s+(?:to|at|on|in|with|from)\s+(?:the|a|an|his|her|their|its)\s+[a-z]+\s+$")
_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
               "tonight", "january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december", "earlier", "later", "overnight"}
_DET_ADJ_BEFORE = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their|his|her|our|every|each|any|no)\s+"
                             r"(?:[a-z]+ly\s+|so-)?$", re.I)
_DET_ONLY_BEFORE = re.compile(r"\b(?:the|a|an|his|her|its|their|our|this|that|these|those)\s+$", re.I)
_COUNTRY_OF = {"ukrainian": "Ukraine", "russian": "Russia", "chinese": "China", "polish": "Poland", "german": "Germany",
               "french": "France", "british": "Britain", "american": "United States", "belarusian": "Belarus",
               "turkish": "Turkey", "iranian": "Iran", "israeli": "Israel", "japanese": "Japan", "indian": "India"}
_WORD_BEFORE_COMMA = re.compile(r"([a-z\-]+)\s*,\s*$")
_QUOTING_NP = re.compile(r"\b(?:quoting|citing)\s+((?:the\s+|an?\s+)?(?:[\w’'\-\.]+\s+){0,4}?[\w’'\-\.]+)"
                         r"(?:\s+(?:dated|from|published)\b[^;:]{0,40}?)?\s*,\s*$")
_SPOKE_TO = re.compile(r"\b(?:spoke|speaks|speaking|talked|talks|talking|wrote|writes|took\s+to|went\s+on)\s+"
                       r"(?:to\s+)?(?:[^.;:!?]|\.(?=\w)){0,40}?\s+to\s+$")
_LINK_LINE = re.compile(r"\s*(?:Related|READ MORE|Read more|See also|Watch|WATCH|Also read)\s*:")
_PREP_JUST_BEFORE = re.compile(r"(?<!according )\b(?:to|from|by|for|about|against|of)\s+(?:the\s+)?(?:[A-Z][\w’'\-\.]*\s+){0,3}$")
_GAP_WORDS = re.compile(r"[A-Za-z]+")
_APPOSITIVE_GAP = re.compile(r"^(?:’s|'s)?\s*,[^,.;:]*,|^(?:’s|'s)")
_SENT_START = re.compile(r"[.!?:”\"\n]\s*$")
#: Upper-case letters (Latin, Greek, Cyrillic) as one character class body, without any range or hyphen.
_UPPER = "".join(c for c in map(chr, list(range(0x250)) + list(range(0x370, 0x530))) if c.isupper())
_CAP_TOKEN = (r"(?:(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Adm|Maj|Cpl|Pte|[A-Z])\."
              r"|[%s][\w’'\-]*)" % re.escape(_UPPER))
_CONNECTORS = {"de", "van", "von", "der", "den", "al", "bin", "la", "le", "da", "di"}
# (the look-ahead for a capital first lets the regex engine skip to candidate positions fast)
_NAME_RUN_RE = re.compile(r"(?<![\w’'\-])(?=[%s])%s(?:[ \u00a0](?:(?:de|van|von|der|den|al|bin|la|le|da|di)[ \u00a0]){0,2}%s)*"
                          % (re.escape(_UPPER), _CAP_TOKEN, _CAP_TOKEN))
_NONSPACE = re.compile(r"\S+")
_CREDIT_BEFORE = re.compile(r"(?:Photograph|Photo|Picture|Image|Credit|©)\s*:?\s*$")
_ROLE_WORD = re.compile(r"[\w\-]+")
_APPOSITION_AFTER = re.compile(r"(?:’s|'s)?,\s+(?:the|a|an|its|his|her)\s+((?:[\w\-]+\s+){0,6}?[\w\-]+)\s*(?:,|\bfor\b|\bof\b|\bat\b|\bin\b)")
_PREV_WORD = re.compile(r"([\w\-]+)\s+$")

#: An acronym as written: two to six letters, at least two capitals ("FT", "MoD", "AOC", "JCCC").
_ACRONYM = re.compile(r"(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{1,5}")
#: A capitalised phrase that may be spelled out by an acronym (function words allowed inside).
_PHRASE_RE = re.compile(r"(?<![\w’'\-])(?=[A-Z])[A-Z][\w’'\-]*(?:\s+(?:(?:of|for|and|on|the|de)\s+)?[A-Z][\w’'\-]*)*")
_PHRASE_ALIAS = re.compile(r"\s*(?:,\s*or\s+|\(\s*)([A-Z][A-Za-z]{1,5})\b")


#: Acronyms of roles, not of names: never expanded to a name with the same initials.
_ROLE_ACRONYMS = {"pm", "mp", "mps", "mep", "meps", "ceo", "cfo", "coo", "cto", "tv", "pr", "gp", "dj", "vip",
                  "hq", "ai", "dr", "md", "qc", "kc", "mla", "mpp", "po"}


#: Nouns that introduce an organisation's name (not "office": "the presidential office Andriy Yermak").
_ORG_INTRO = _MEDIA_KIN | {"group", "agency", "company", "firm", "charity", "movement", "collective", "outfit",
                           "think-tank", "institute", "organisation", "organization", "broadcaster"}
#: Last words of an organisation's name that keep the words before them ("Foreign Ministry", "Home Office").
_ORG_HEADS = {"ministry", "office", "department", "council", "committee", "commission", "service", "services",
              "agency", "bureau", "directorate", "command", "staff", "embassy", "administration", "secretariat"}
_FUNCTION_WORDS = {"the", "a", "an", "and", "but", "or", "so", "in", "on", "at", "by", "for", "from", "with", "of",
                   "to", "as", "after", "before", "while", "when", "if", "since", "meanwhile", "however", "also"}
#: "according to" followed by a norm, not a source ("according to plan", "according to the rules").
_NO_SOURCE = re.compile(r"(?:the\s+|their\s+|its\s+|his\s+|her\s+)?(?:plan|plans|schedule|law|laws|rules|tradition|"
                        r"custom|protocol|script|expectations|need|needs|size|age|type|design)\b(?!\s+(?:by|of|from)\b)", re.I)
_NAME_WITH_OF = re.compile(r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*(?:\s+(?:of|for|on|and)(?:\s+the)?\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                           r"January|February|March|April|May|June|July|August|September|October|November|December)\b)[A-Z][\w’'\-]*"
                           r"(?:\s+[A-Z][\w’'\-]*)*)+")
_IMPERSONAL = re.compile(r"\bit\s+(?:has\s+been|had\s+been|was|is|were)\s+(?:[a-z]+ly\s+|once\s+again\s+|again\s+|also\s+)*$")
_PREP_LEAD = re.compile(r"\b(?:of|to|for|from|with|by|about|against|at|in|on)\s+(?:the\s+)?(?:[A-Z][\w\-]*\s+)*$")
_PREP_BEFORE_NAME = re.compile(r"\b(?:of|to|for|from|with|by|about|against|at|in|on)\s+(?:the\s+)?"
                               r"(?:(?:Mr|Mrs|Ms|Dr|Sir|President|Prime\s+Minister|Minister|General|Gen|Lt|Col)\.?\s+)*$")
_ROLE_OPENING_CLAUSE = re.compile(
    r"(?:[.;]\s+|,\s+(?:while|whereas|but|and)\s+|\b(?:while|whereas)\s+)(?:[A-Z][\w’'\-]*(?:’s|'s)\s+|[Tt]he\s+|"
    r"[Hh]is\s+|[Hh]er\s+|[Ii]ts\s+)(?:[a-z\-]+\s+){0,2}(?:%s)\s*,\s*$" % "|".join(sorted(ROLE_NOUNS - {"authors"})))
_PASSIVE_AGENT_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|wn)\s+by\s+$")
_CLAUSE_IN_NP = re.compile(r"[‘’'\"“”]|\s(?!(?:the|a|an|its|his|her|their)\s)\w+\s+(?:[a-z]+ed|is|are|was|were|has|have|had|will|would|could|can)\b")
#: A modifier before a gerund ("Anti-money laundering expert"): the gerund is no participle clause.
_MODIFIER_BEFORE = re.compile(r"\b[A-Za-z]+-[a-z]+\s+$")
_SENT_OPEN = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_WENT_ON_TO = re.compile(r"\b(?:(?:went|goes|go|going|has\s+gone)\s+on|(?:continued|continues|proceeded)(?:\s+on)?)\s+to\s+$")
#: Platforms carry what others say; they are never "the outlet" or "the message" that spoke.
#: Documents that stand for one another ("published a post … The message went on to suggest …").
_MESSAGE_KIN = {"statement", "post", "message", "tweet", "letter", "note", "email", "release", "update"}
#: A message or document word, plural too ("a Ukrainian Defense Ministry post. It claimed …": its author).
_MESSAGE_WORD = re.compile(r"\b(?:%s)s?\b" % "|".join(sorted(_MESSAGE_KIN | {"report", "study"})))
_PLATFORMS = {"telegram", "facebook", "twitter", "instagram", "youtube", "tiktok", "vk", "vkontakte", "whatsapp",
              "truth social", "linkedin", "reddit", "x"}
#: A message as the place of words, not their author ("in a Facebook post", "in a statement")
_IN_A_MESSAGE = re.compile(r"(?:in|on|via|through)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w\-]+\s+){0,2}?"
                           r"(?:post|statement|tweet|message|letter|video|interview|address|article|op-ed|column|"
                           r"blog|update|release|email|speech)\s*")
_COMMA_GAP = re.compile(r"(?:’s|'s)?\s*,\s*")
_WORD_BEFORE = re.compile(r"([a-z\-]+)\s+$")


def _org_noun_before(text: str, pos: int) -> bool:
    """A name written right after an organisation noun is an organisation ("the tabloid Komsomolskaya
    Pravda", "the hacker group Killnet"), whatever its words look like."""
    m = _WORD_BEFORE.search(text, max(0, pos - 20), pos)
    return bool(m) and m.group(1) in _ORG_INTRO


#: Kinds of organisation that "the company", "the agency" may stand for (the last one that spoke).
_ORG_KIND_HEADS = {"company", "agency", "firm", "group", "organisation", "organization", "operator", "charity",
                   "institution", "ngo", "watchdog", "regulator", "corporation", "utility", "producer", "zoo"}
_HYPHEN_MODIFIER = re.compile(r"[A-Z][\w’']*-[a-z][\w\-]*")
_LATE_BEFORE = re.compile(r"\bthe\s+late\s+(?:[A-Z][\w\-\.]*\s+){0,3}$")
_WHO_AFTER = re.compile(r",?\s+who(?:[’']s)?\s")
_CAP_WORD = re.compile(r"[A-Z][\w’']*")


def _expand_acronyms(text: str, acronyms: set) -> dict:
    """``{acronym: phrase}`` for the acronyms the text spells out: a phrase followed by ", or ABC" /
    "(ABC)", else the first capitalised phrase whose capital initials (hyphenated parts counted:
    Ocasio-Cortez -> O, C) are the acronym's capitals (words before them dropped: "UK Ministry of
    Defence" -> "Ministry of Defence" for MoD)."""
    out: dict[str, str] = {}
    acronyms = {a for a in acronyms if a.lower() not in _ROLE_ACRONYMS}
    if not acronyms:
        return out
    want = {"".join(c for c in a if c.isupper()): a for a in sorted(acronyms)}  # sorted: same output in every process
    first_use = {a: text.find(a) for a in acronyms}
    # an expansion comes before the acronym's first use, and an alias ("…, or ANB") is its first use:
    # the text after the last first use need not be read
    end = min(len(text), max(first_use.values()) + 12)
    for pm in _PHRASE_RE.finditer(text, 0, end):
        phrase = pm.group(0)
        if " " not in phrase and "-" not in phrase:
            continue
        if phrase.endswith(("’s", "'s")):
            phrase = phrase[:-2]
        am = _PHRASE_ALIAS.match(text, pm.end())
        if am and am.group(1) in acronyms:
            out.setdefault(am.group(1), _LEADING_THE.sub("", phrase))
        words = [(w.start(), w.group(0)) for w in _CAP_WORD.finditer(phrase)]
        caps = "".join(w[0] for _, w in words)
        for up, acr in want.items():
            if acr in out or len(up) < 2:
                continue
            k = caps.find(up)
            # spelled out before its first use, as newswriting does ("Financial Times … FT")
            if k >= 0 and k + len(up) == len(caps) and pm.start() < first_use[acr]:
                sub = phrase[words[k][0]:].strip()
                if sub != acr and len(sub.split()) + sub.count("-") >= len(up):
                    out[acr] = _LEADING_THE.sub("", sub)
    return out


# ----------------------------------------------------------------------------- article analysis
@dataclass(slots=True)
class Mention:
    """A name as written: ``start``/``end`` of the name itself, ``roles`` the lower-cased words
    written before it in apposition ("kremlin spokesman"), ``person`` if it looks like a person."""

    start: int
    end: int
    text: str
    roles: frozenset
    person: bool


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    text: str
    lemma: str
    category: str


@dataclass
class Attribution:
    """Speaker and cue found for one span (empty strings / -1 where none)."""

    speaker: str = ""
    speaker_start: int = -1
    speaker_end: int = -1
    cue: str = ""
    cue_text: str = ""
    cue_category: str = ""
    cue_start: int = -1
    cue_end: int = -1
    how: str = ""  # 'sentence', 'previous', 'next', 'article', 'headline'

    @property
    def found(self) -> bool:
        return bool(self.speaker or self.cue)


@dataclass
class Article:
    """One field of a document, analysed once for attribution."""

    text: str
    lexicon: CueLexicon
    quotes: list = field(default_factory=list)  # (start, end) inside the marks
    sentences: list = field(default_factory=list)
    sent_starts: list = field(default_factory=list)
    paragraph_of_sentence: list = field(default_factory=list)
    cues: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    mention_starts: list = field(default_factory=list)
    full_names: dict = field(default_factory=dict)  # surname/lower single token -> full name
    quote_mask: list = field(default_factory=list)  # sorted quote (start,end) incl. marks
    _mask_starts: list = field(default_factory=list)
    _cue_starts: list = field(default_factory=list)
    _cue_start_set: set = field(default_factory=set)
    _speaker_cache: dict = field(default_factory=dict)
    _in_plural: bool = False
    _name_counts: dict = field(default_factory=dict)
    _mask_max_end: list = field(default_factory=list)
    _writer_cum: list = field(default_factory=list)
    _in_unnamed: bool = False
    _in_lookup: bool = False  # unnamed sources, pairs and document owners: one level only
    _in_named_next: bool = False  # a description named in the next sentences: one level only

    # -- construction
    @classmethod
    def build(cls, text: str, quotes: Iterable[tuple[int, int]], lexicon: CueLexicon) -> "Article":
        art = cls(text=text, lexicon=lexicon)
        art.quotes = sorted((int(s), int(e)) for s, e in quotes)
        art.quote_mask = [(max(0, s - 1), min(len(text), e + 1)) for s, e in art.quotes]
        art._mask_starts = [s for s, _ in art.quote_mask]
        mx, art._mask_max_end = 0, []
        for _, e in art.quote_mask:
            mx = max(mx, e)
            art._mask_max_end.append(mx)
        art.sentences = _sentences(text)
        art.sent_starts = [s for s, _ in art.sentences]
        art._paragraphs()
        art._find_mentions()
        art._find_cues()
        return art

    def _paragraphs(self) -> None:
        para = 0
        prev_end = 0
        out = []
        for s, e in self.sentences:
            gap = self.text[prev_end:s]
            if ("\n" in gap or "   " in gap) and out:  # a line break, or one flattened into spaces
                para += 1
            out.append(para)
            prev_end = e
        self.paragraph_of_sentence = out

    def in_quote(self, pos: int) -> bool:
        """True if ``pos`` lies inside a quoted span (marks included)."""
        mask = self.quote_mask
        i = bisect.bisect_right(self._mask_starts, pos) - 1
        # quotes may nest: look back over the few spans that start before pos
        while i >= 0:
            s, e = mask[i]
            if pos < e:
                return True
            if self._mask_max_end[i] <= pos:
                return False
            i -= 1
        return False

    def sentence_index(self, pos: int) -> int:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return max(0, i)

    def _find_mentions(self) -> None:
        """Names as written: runs of capitalised words, split into the titles/roles written
        before the name ("Kremlin spokesman", "Ukrainian President") and the name itself."""
        text = self.text
        mentions: list[Mention] = []
        for rm in _NAME_RUN_RE.finditer(text):
            rs0 = rm.start()
            g = rm.group(0)
            if " " not in g and "\u00a0" not in g:  # one word: the common case, kept cheap
                if text[rm.end():rm.end() + 1] == "/" or text[rs0 - 1:rs0] == "/" or text.startswith(" via ", rm.end()):
                    continue  # photo credits: "Danny Lawson/PA", "(IPN Wroclaw via AP)"
                lw0 = g.lower().rstrip(".")
                if lw0 in _CAP_STOP or lw0 in TITLES or ("-" in g and _HYPHEN_MODIFIER.fullmatch(g.rstrip("."))) \
                        or (lw0[-1:] in "nhesi" and _DEMONYMS.match(g)
                                                         and not ("who" in text[rm.end():rm.end() + 8] and _WHO_AFTER.match(text, rm.end()))):
                    continue  # (a demonym, not "Hordii who had come …")
                if lw0.endswith("ly") and len(lw0) > 6 and lw0 not in _FEMALE_NAMES and lw0 not in _MALE_NAMES \
                        and _SENT_OPEN.search(text, max(0, rs0 - 3), rs0):
                    continue  # "Originally, …", "Separately": an adverb opening the sentence
                name, ne = g, rs0 + len(g)
                if name.endswith(("’s", "'s")):
                    name, ne = name[:-2], ne - 2
                name = name.rstrip(".")
                if not name:
                    continue
                sp = text.rfind(" ", max(0, rs0 - 25), rs0 - 1)
                pw = text[sp + 1:rs0 - 1].lower() if rs0 > 0 and text[rs0 - 1] == " " else ""
                roles = self._roles_before(rs0) if pw in _ROLEISH or pw in _ORG_ROLES else set()
                is_org = lw0 in _ORG_WORDS or name.isupper()
                person = (not is_org) and bool(roles & TITLES)
                mentions.append(Mention(rs0, rs0 + len(name), name, frozenset(roles), person))
                continue
            run = [(rs0 + w.start(), rs0 + w.end(), w.group(0)) for w in _NONSPACE.finditer(g)]
            if run[-1][2].lower() in _CONNECTORS:
                run.pop()
            if text[rm.end():rm.end() + 1] == "/" or text[rs0 - 1:rs0] == "/" or _CREDIT_BEFORE.search(text, max(0, rs0 - 14), rs0) \
                    or text.startswith(" via ", rm.end()):
                continue  # photo credits: "Danny Lawson/PA", "Photograph: Pavlo Palamarchuk/Reuters"
            lows = [t[2].lower().rstrip(".") for t in run]
            k = 0
            while k < len(lows) and lows[k] in _CAP_STOP:
                k += 1
            while k < len(run) - 1 and "-" in run[k][2] and _HYPHEN_MODIFIER.fullmatch(run[k][2]):
                k += 1  # "Eton-alumnus Mikey Stewart Richardson", "Kremlin-backed …": a modifier, no name
            last_title = -1
            for q in range(k, len(lows)):
                if lows[q] in TITLES:
                    last_title = q
            roles = set(lows[k:last_title + 1]) if last_title >= 0 else set()
            m0 = last_title + 1 if last_title >= 0 else k
            if m0 == len(run) - 1 and m0 > 0 and lows[m0] in _ORG_HEADS:
                # "Russian Foreign Ministry", "the Home Office": the words before are the name, not roles
                m0 = 0
                while m0 < len(run) - 1 and lows[m0] in _FUNCTION_WORDS:
                    m0 += 1
                last_title = -1
                roles = set()
            if m0 >= len(run):
                continue
            roles |= self._roles_before(run[0][0])
            while len(run) - m0 >= 3 and lows[m0] in _ORG_WORDS and not any(w in _ORG_WORDS for w in lows[m0 + 1:]):
                roles.add(lows[m0])  # "(Ambassador of) Ukraine Andrey Melnik": the place is no part of the name
                m0 += 1
            ns, ne = run[m0][0], run[-1][1]
            name = text[ns:ne]
            if name.endswith(("’s", "'s")):
                name, ne = name[:-2], ne - 2
            name = name.rstrip(".")
            lw = lows[m0:]
            if len(lw) == 1 and (_DEMONYMS.match(name) or lw[0] in _CAP_STOP):
                continue
            is_org = any(w in _ORG_WORDS for w in lw) or name.isupper() or lows[0] == "the" \
                or text[max(0, ns - 4):ns].lower() == "the " or _org_noun_before(text, ns)
            person = (not is_org) and (len(lw) >= 2 or bool(roles & TITLES))
            if name:
                mentions.append(Mention(ns, ns + len(name), name, frozenset(roles), person))
        # roles written after a name in apposition: "Oleg Nikolaenko, the spokesman for ..."
        for k, m in enumerate(mentions):
            if not text.startswith((",", "’s,", "'s,"), m.end):
                continue  # (what the regex below needs first: a cheap test)
            am = _APPOSITION_AFTER.match(text, m.end)
            if am and not any(w in _ORG_WORDS or w in _PLACES for w in m.text.lower().split()):
                # (not a place or an organisation: "part of Russia, his ambassador in Washington called …")
                words = [w.lower() for w in _ROLE_WORD.findall(am.group(1))]
                if any(w in ROLE_NOUNS or w in TITLES for w in words):
                    mentions[k] = Mention(m.start, m.end, m.text, m.roles | frozenset(words), True)
        # full names: surname -> first full person name; single-token persons resolved
        full: dict[str, str] = {}
        for m in mentions:
            parts = m.text.split()
            if m.person and len(parts) >= 2 and not ("late " in text[max(0, m.start - 40):m.start]
                                                         and _LATE_BEFORE.search(text, max(0, m.start - 40), m.start)):
                # (not "the late Brigadier Peter Stewart-Richardson": the dead do not speak in the story)
                full.setdefault(parts[-1].lower(), m.text)
        for m in mentions:
            parts = m.text.split()
            if len(parts) == 1 and parts[0].lower() in full:
                m.person = True
        self.full_names = full
        for m in mentions:
            # a person named by one word: a common first name ("At the cemetery I meet Dmitry"), or a
            # word a relative "who" follows ("including Hordii who had come with his mother")
            if not m.person and " " not in m.text and not m.text.isupper():
                lw = m.text.lower()
                if lw not in _ORG_WORDS and lw not in _PLACES and (
                        lw in _MALE_NAMES or lw in _FEMALE_NAMES or "who" in text[m.end:m.end + 8] and _WHO_AFTER.match(text, m.end)):
                    m.person = True
        # a pet name given in parentheses after the name ("his daughter, Yaroslava (Yasia)"): the same person
        # (a short word of letters with the name's initial: not "Ted Cruz (R-Texas)", "Darya Dugina (Platonova)")
        for k in range(len(mentions) - 1):
            m, nick = mentions[k], mentions[k + 1]
            if not nick.text.isalpha() or nick.text.isupper() or text[m.end:nick.start] != " (" \
                    or not text.startswith(")", nick.end) or nick.text.lower() in full \
                    or nick.text[0] != m.text[0] or len(nick.text) >= len(m.text.split()[0]):
                continue
            lows_m = m.text.lower().split()
            if any(w in _ORG_WORDS or w in _PLACES for w in lows_m) or nick.text.lower() in _PLACES | _ORG_WORDS:
                continue
            if m.person or any(x.person for x in mentions if x.text == nick.text) \
                    or re.search(r"\b(?:%s),?\s+$" % "|".join(sorted(_KIN)), text[max(0, m.start - 20):m.start]):
                full[nick.text.lower()] = full.get(lows_m[-1], m.text) if len(lows_m) == 1 else m.text
                for x in mentions:
                    if x.text in (nick.text, m.text):
                        x.person = True
        # acronyms: "FT" -> "Financial Times", "MoD" -> "Ministry of Defence", "AOC" -> "Alexandria
        # Ocasio-Cortez", "ANB" -> "The Agency for National Security" (written "…, or ANB" / "… (ANB)")
        acronyms = {m.text for m in mentions if " " not in m.text and _ACRONYM.fullmatch(m.text)}
        if acronyms:
            persons = {m.text for m in mentions if m.person}
            for acr, expansion in sorted(_expand_acronyms(text, acronyms).items()):
                full[acr.lower()] = expansion
                first = expansion.split()[0].lower()
                if expansion in persons and first not in _FEMALE_NAMES and first not in _MALE_NAMES:
                    # a name the article shortens to its initials is an organisation ("Deutsche Welle" ->
                    # "DW"), unless it opens with a known first name ("Alexandria Ocasio-Cortez" -> "AOC")
                    for m in mentions:
                        if m.text == expansion:
                            m.person = False
                elif expansion in persons:
                    for m in mentions:
                        if m.text == acr:
                            m.person = True
        self.mentions = mentions
        counts: dict[str, int] = {}
        for m in mentions:
            if m.person:
                key = self.canonical(m.text)
                counts[key] = counts.get(key, 0) + 1
        self._name_counts = counts
        self.mention_starts = [m.start for m in mentions]

    def _roles_before(self, pos: int) -> set:
        """Role words written just before a name ("Kremlin spokesman" before "Dmitry Peskov")."""
        roles = set()
        for w in reversed(_ROLE_WORD.findall(self.text, max(0, pos - 40), pos)[-4:]):
            lw = w.lower()
            if lw in TITLES or lw in ROLE_NOUNS or lw in _ORG_ROLES or w[:1].isupper():
                roles.add(lw)
            else:
                break
        return roles

    def _find_cues(self) -> None:
        """Every cue form in the text (one Aho-Corasick pass over the lower-cased text), kept
        where it stands as a word, is not all capitals ("READ MORE"), not negated ("didn’t
        respond") and, when capitalised, opens a sentence ("According to ...")."""
        lex = self.lexicon
        text = self.text
        low = text.lower()
        if len(low) != len(text):  # a rare character whose lower case is longer: keep offsets
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        n = len(text)
        found = []
        for end, (form, lemma) in lex.automaton.iter(low):
            start = end - len(form) + 1
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] in "’'-_"):
                continue
            if end + 1 < n and (low[end + 1].isalnum() or low[end + 1] in "-_"):
                continue
            found.append((start, end + 1, lemma))
        found.sort(key=lambda t: (t[0], -t[1]))
        out = []
        last_end = -1
        for ws, end, lemma in found:
            if ws < last_end:
                continue
            w = text[ws:end]
            if w.isupper() and len(w) > 1:
                continue  # "READ MORE:", "SAYS"
            if _NEGATED.search(text, max(0, ws - 8), ws):
                continue  # "the mayor didn’t respond"
            if lemma in ("post", "tweet", "report", "note", "comment", "call") and _PLATFORM_BEFORE.search(text, max(0, ws - 14), ws):
                continue  # "a Facebook post", "in a Telegram post"
            if (w == lemma and lemma in _NOUN_LIKE_CUES or w in _ING_NOUNS) \
                    and _IN_DET_BEFORE.search(text, max(0, ws - 60), ws):
                continue  # "wrote in its daily intelligence briefing that …", "at a press briefing": a noun
            if lemma in _NOUN_LIKE_CUES and w == lemma and _POSSESSOR_BEFORE.search(text, max(0, ws - 30), ws):
                continue  # "called Sturgeon’s tweet “deeply disgraceful”": the named thing (not "Mr Macron’s
                #           remark that “…”", the possessor's words)
            if lemma in _NOUN_LIKE_CUES and w == lemma and _DET_NAME_BEFORE.search(text, max(0, ws - 60), ws):
                continue  # "a Ukrainian Defense Ministry post": a noun after a name (not "the Americans claim",
                #           "the UN Secretary-General calls")
            if lemma in _NOUN_LIKE_CUES and _DET_BEFORE.search(text, max(0, ws - 30), ws) and not (
                    w.endswith("ed") and not _DET_ADJ_BEFORE.search(text, max(0, ws - 30), ws)):
                continue  # "the Balkan state", "a report", "his comments": nouns ("The obituary stated" is a verb)
            if w.endswith("ed") and _ADJ_DET_BEFORE.search(text, max(0, ws - 12), ws) and _NOUN_AFTER.match(text, end):
                continue  # "the five declared nuclear powers", "his stated aim": an adjective
            if w in ("called", "named") and _NAMING.match(text, end) and _NOUN_BEFORE_NAMING.search(text, max(0, ws - 20), ws):
                continue  # "a conscript called Ruslan replied", "a company called Capital Construction": naming
            if w == lemma and _MAKE_SOMEONE.search(text, max(0, ws - 20), ws):
                continue  # "make you wonder", "let them say": a bare infinitive, no reporting verb
            if lemma in ("continue", "go on") and _TO_VERB_AFTER.match(text, end):
                continue  # "continued on to explain why …": the verb that follows is the cue
            if (w.endswith("ed") and _CLAUSE_END_AFTER.match(text, end)
                    and _WITH_ABSOLUTE_BEFORE.search(text, max(0, ws - 70), ws)):
                continue  # "…, with no damage to its structure reported.": a participle
            if lemma == "maintain" and not _MAINTAIN_AFTER.match(text, end):
                continue  # "had maintained “excellent” relationships": keep, not say
            if w == "state" and not _STATE_VERB_AFTER.match(text, end):
                continue  # "Russian state media", "state bodies": the noun (the verb takes that / a colon / a quote)
            if lemma == "put" and not (text.startswith(" it", end) and _AS_BEFORE.search(text, max(0, ws - 60), ws)):
                continue  # "put" reports words only in "as X put it"
            if lemma in _AT_QUOTE_ONLY and not (_QUOTE_CLOSE_BEFORE.search(text, max(0, ws - 50), ws)
                                                 or _COLON_OR_QUOTE_SOON.match(text, end)):
                continue  # "a perfect storm of …", "cheered the troops": no speech without a quotation beside it
            if w[0].isupper():  # capitalised: only at a sentence/line start ("According to ...", "Says ...")
                before = text[max(0, ws - 3):ws]
                if before.strip() and not _SENT_START.search(before) or _INITIALS_BEFORE.search(text, max(0, ws - 8), ws):
                    continue  # "U.S. State Department": no sentence start after an initialism
            out.append(Cue(ws, end, w, lemma, lex.category(lemma)))
            last_end = end
        self.cues = out
        self._cue_starts = [c.start for c in out]
        self._cue_start_set = set(self._cue_starts)

    # -- names
    def canonical(self, name: str) -> str:
        """Full form of a name the article gives ("Peskov" -> "Dmitry Peskov")."""
        parts = name.split()
        if len(parts) == 1 or len(parts) >= 2 and (parts[0][:1].isupper() and len(parts[0].rstrip(".")) <= 2
                                                   or parts[0] in _CONNECTORS):  # ("Ms von der Leyen")
            key = parts[-1].lower()
            got = self.full_names.get(key)
            if got is None and "-" in key:  # "Stewart-Richardson" written "Stewart Richardson" elsewhere
                got = self.full_names.get(key.rsplit("-", 1)[-1])
                if got is not None and got.lower().replace("-", " ").split()[-2:] != key.split("-")[-2:]:
                    got = None
            return got or name
        return name

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The last name mention lying inside ``[start, end)``."""
        i = bisect.bisect_left(self.mention_starts, start)
        found = None
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                found = self.mentions[i]
            i += 1
        return found

    def resolve_pronoun(self, pos: int, pronoun: str, *, outer_quote_speaker: str = "", role: str = "") -> str:
        """Most recent compatible name before ``pos`` (persons for he/she; any for they). ``role``:
        the head of a role phrase ("the host") that stands for the person; someone the article
        gives other roles (a president) is not that person."""
        p = pronoun.lower()
        if role:
            wanted = _SYNONYMS.get(role, {role})
        if p in ("i", "we", "me", "us") and outer_quote_speaker:
            return outer_quote_speaker
        here = self.sentence_index(pos)
        if p in ("they", "them") and not self._in_plural:
            self._in_plural = True  # one level only: "they" inside the search for "they" is not followed
            try:
                plural = self._plural_speaker(pos, here)
            finally:
                self._in_plural = False
            if plural:
                return plural
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        # distance in the writer's sentences: a run of quoted sentences in a dialogue ("“… ?” “I'm
        # sure …,” he replies") does not push the last speaker out of reach
        wc = self._writer_counts()
        w_here = wc[here]
        fallback = None
        first_person = prep_person = None
        while i >= 0:
            m = self.mentions[i]
            ms = self.sentence_index(m.start)
            if w_here - wc[ms] > 6:
                break
            if first_person is not None and w_here - wc[ms] > 2:
                break
            if not self.in_quote(m.start) and not _LINK_LINE.match(self.text, self.sentences[ms][0]):
                # (a "Related: …" link line is page furniture, not the story's people)
                if p in _PERSON_PRONOUNS and m.person and _gender_clash(p, self.canonical(m.text)):
                    i -= 1
                    continue  # "she" is not "Vladimir Putin"
                if role and m.person and m.roles & _ROLE_HEADS and not m.roles & wanted:
                    i -= 1
                    continue  # "the host" is not "Russian President Vladimir Putin"
                if p in _PERSON_PRONOUNS and m.person and self._in_caption(m):
                    i -= 1
                    continue  # a photo caption run into the text: "Vladimir Putin and Xi Jinping “…,” he said"
                if p in _PERSON_PRONOUNS and m.person:
                    # salience: a person who is a subject/speaker within the last two sentences wins
                    # over a more recent person mentioned in passing
                    if self._is_subject(m):
                        unnamed = self._later_unnamed_speaker(pos, here, p, m.start)
                        return unnamed or self.canonical(m.text)
                    if first_person is None and not self.text.startswith(("’s", "'s"), m.end):
                        # (a possessive, "one of Putin's officials", is no antecedent; the object of a
                        # preposition, "Speaking to Stephen Sackur", only the last resort)
                        if _PREP_JUST_BEFORE.search(self.text, max(0, m.start - 40), m.start):
                            if prep_person is None:
                                prep_person = m
                        else:
                            first_person = m
                    i -= 1
                    continue
                if p in ("he", "she", "him", "her") and fallback is None and len(m.text.split()) == 1 \
                        and m.text.lower() not in _ORG_WORDS and not m.text.isupper():
                    fallback = m
                if p in ("they", "them") and not m.person:
                    return self.canonical(m.text)
            i -= 1
        if first_person is None:
            first_person = prep_person
        chosen = first_person if first_person is not None else fallback
        # (with no one named in reach, an unnamed speaker a little further back: "A man … filming the brawl
        # …, said: … He added: … But the man then realised … He said: …")
        unnamed = self._later_unnamed_speaker(pos, here, p, chosen.start if chosen is not None else -1,
                                              3 if chosen is not None else 6)
        if unnamed:
            return unnamed
        return self.canonical(chosen.text) if chosen is not None else ""

    def _in_caption(self, m: Mention) -> bool:
        """Is ``m`` one of the names of a photo caption run into the text: names alone (joined by "and" or
        commas) between the end of a sentence and an opening quotation mark ("… El Mundo that he supports
        Chinese mediation. Vladimir Putin and Xi Jinping "There is no alternative," he said.")?"""
        ok = _CAPTION_BEFORE.search(self.text, max(0, m.start - 120), m.start)
        return bool(ok and _CAPTION_AFTER.match(self.text, m.end))

    def _later_unnamed_speaker(self, pos: int, here: int, p: str, after: int, reach: int = 3) -> str:
        """For he/she: an unnamed person who spoke after the name found (``after``) and before ``pos``
        ("A man, likely a Russian soldier, filming the brawl …, said: … He added: …"), else ''."""
        if p not in ("he", "she") or self._in_unnamed or not _UNNAMED_PERSON_RE.search(self.text, max(0, after), pos):
            return ""  # (cheap: no "a man", "one resident", … written since the name)
        self._in_unnamed = True  # one level only (its own flag: the cue speakers read here are memoised
        try:                     # and must not be read with the other look-ups switched off)
            wc = self._writer_counts()
            k = bisect.bisect_left(self._cue_starts, pos) - 1
            while k >= 0:
                c = self.cues[k]
                k -= 1
                si = self.sentence_index(c.start)
                if wc[here] - wc[si] > reach or c.start <= after:
                    return ""
                if self.in_quote(c.start):
                    continue
                spk, a, b, _, _ = _cue_speaker(self, c, self.sentences[si], quote=None)
                if not spk or a < 0:
                    continue
                if a <= after:
                    return ""
                words = spk.lower().replace(",", " ").split()
                if len(words) >= 2 and words[0] in ("a", "an", "one") and words[1] in _UNNAMED_PERSON \
                        and not (p == "she" and words[1] in ("man", "father", "son", "husband", "brother")) \
                        and not (p == "he" and words[1] in ("woman", "mother", "daughter", "wife", "sister")):
                    return spk
        finally:
            self._in_unnamed = False
        return ""

    def _writer_counts(self) -> list:
        """Running count of the sentences that hold the writer's words (not wholly inside a quote:
        its first and last characters both quoted), one entry per sentence (memoised)."""
        wc = self._writer_cum
        if not wc and self.sentences:
            n = 0
            for s, e in self.sentences:
                e1 = e - 1
                while e1 > s and self.text[e1].isspace():
                    e1 -= 1
                if not (self.in_quote(s) and self.in_quote(e1)):
                    n += 1
                wc.append(n)
        return wc

    def _recent_cue_speakers(self, pos: int, here: int):
        """``(speaker, start, end)`` of each cue before ``pos`` outside quotes, latest first, in
        sentence ``here`` and the three before it, for the cues whose speaker has a position."""
        k = bisect.bisect_left(self._cue_starts, pos) - 1
        while k >= 0:
            c = self.cues[k]
            si = self.sentence_index(c.start)
            if si < here - 3:
                return
            if not self.in_quote(c.start):
                spk, a, b, _, _ = _cue_speaker(self, c, self.sentences[si], quote=None)
                if spk and a >= 0:
                    yield spk, a, b
            k -= 1

    def relative_of(self, pos: int, possessive: str, kin: str) -> str:
        """For "his wife", "her son": the other person of the article with the owner's surname."""
        owner = self.resolve_pronoun(pos, "he" if possessive == "his" else "she")
        if owner and " " not in owner:  # a first name alone ("husband Vladimir"): the full name it starts
            owner = next((self.canonical(m.text) for m in self.mentions
                          if m.person and self.canonical(m.text).startswith(owner + " ")), owner)
        if not owner or len(owner.split()) < 2:
            return ""
        surname = owner.split()[-1].lower()
        female = kin in ("wife", "widow", "mother", "daughter", "sister")
        seen = set()
        for m in self.mentions:
            name = self.canonical(m.text)
            if name in seen or name == owner or not m.person:
                continue
            seen.add(name)
            parts = name.split()
            if len(parts) >= 2 and parts[-1].lower() == surname and not _gender_clash("she" if female else "he", name):
                return name
        return ""

    def group_named_as(self, pos: int, noun: str) -> str:
        """For "the hackers", "the rebels": the organisation last introduced with a word of the same stem
        before its name ("hacking group Killnet", "rebel group …"), within the article before ``pos``."""
        stem = noun[:4]
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and pos - self.mentions[i].start < 3000:
            m = self.mentions[i]
            before = [w.lower() for w in _PLAIN_WORD.findall(self.text, max(0, m.start - 30), m.start)[-2:]]
            if before and before[-1] in _ORG_INTRO:
                before = before[:-1]  # "hacking group Killnet"
            if not m.person and not self.in_quote(m.start) and before and before[-1].startswith(stem) \
                    and self.text[m.start - 1:m.start] == " ":
                return self.canonical(m.text)
            i -= 1
        return ""

    def coordinated_speaker(self, pos: int) -> str:
        """For "the authors", "the pair": a speaker of the last twenty sentences written as two names
        joined by "and" ("Leonard and his co-author Ivan Krastev")."""
        here = self.sentence_index(pos)
        self._in_lookup = True  # one level only
        try:
            k = bisect.bisect_left(self._cue_starts, pos) - 1
            while k >= 0 and self.sentence_index(self.cues[k].start) >= here - 20:
                c = self.cues[k]
                k -= 1
                if self.in_quote(c.start):
                    continue
                si = self.sentence_index(c.start)
                spk, a, b, _, _ = _cue_speaker(self, c, self.sentences[si], quote=None)
                if spk and 0 <= a < pos and " and " in spk \
                        and sum(1 for m in self.mentions if a <= m.start < b and m.person) >= 2:
                    return spk
        finally:
            self._in_lookup = False
        return ""

    def unnamed_source(self, pos: int, head: str) -> str:
        """For a definite role ("the spokesman", "the source", "its source"): the unnamed speaker
        with that role (any, for "source") introduced by an indefinite article in this sentence or
        the three before ("A Nexperia spokesman noted …", "a senior Western official … said")."""
        window = self.text[max(0, pos - 800):pos].lower()
        wanted = _SYNONYMS.get(head, {head})
        if not any(w in window for w in wanted) and head != "source":
            return ""  # (cheap: no unnamed source with that role was written just before)
        here = self.sentence_index(pos)
        self._in_lookup = True  # one level only
        try:
            for spk, a, b in self._recent_cue_speakers(pos, here):
                words = spk.lower().split()
                if words[:1] not in (["a"], ["an"], ["one"], ["another"]):
                    words = self.text[a:b].lower().split()  # (the source as written, named in the next sentences)
                if len(words) >= 2 and words[0] in ("a", "an", "one", "another") and a < pos \
                        and (head == "source" or words[-1] in wanted or head in words):
                    return spk
        finally:
            self._in_lookup = False
        return ""

    def owner_of_its(self, pos: int) -> str:
        """For "its" before ``pos``: the last country or organisation named outside quotes in this sentence,
        else the one opening the sentence before ("Russia will resume its participation …, its defence
        ministry said" -> Russia), else ''."""
        here = self.sentence_index(pos)
        i = bisect.bisect_left(self.mention_starts, self.sentences[here][0])
        while i < len(self.mentions) and self.mentions[i].start < pos:
            m = self.mentions[i]  # the subject of the clause ("Russia will resume … in the Black Sea grain deal")
            if not m.person and not self.in_quote(m.start) and m.text.lower() not in _PLATFORMS:
                return self.canonical(m.text) if self._is_subject(m) else ""
            i += 1
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        if here > 0 and i >= 0:
            ps = self.sentences[here - 1][0]
            k = bisect.bisect_left(self.mention_starts, ps)
            if k < len(self.mentions) and self.mentions[k].start - ps < 5 and not self.mentions[k].person:
                return self.canonical(self.mentions[k].text)
        return ""

    def subject_lately(self, name: str, pos: int) -> bool:
        """Is ``name`` the subject or speaker of a clause in this sentence or the two before ``pos``?"""
        here = self.sentence_index(pos)
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.sentence_index(self.mentions[i].start) >= here - 2:
            m = self.mentions[i]
            if self.canonical(m.text) == name and self._is_subject(m):
                return True
            i -= 1
        return False

    def named_before(self, name: str, pos: int) -> bool:
        """Is ``name`` (canonical) written as a name before ``pos``?"""
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0:
            if self.canonical(self.mentions[i].text) == name:
                return True
            i -= 1
        return False

    def named_next(self, pos: int, head: str) -> str:
        """A person described before being named, as a news lede does ("Poland's president has said … But
        … responsibility lies with Russia, …, Andrzej Duda said"; "a high-ranking Ukrainian official
        complained … “…,” Anton Gerashchenko, an adviser at …, told Newsweek"): the first person named in
        the next two sentences, as the speaker of a cue or the subject opening a sentence, who was not
        named before ``pos``; someone the article gives another role, or of the other gender, is not that
        person. ''  when the next person named is none of that."""
        if self._in_named_next:
            return ""
        kin = sorted((_SYNONYMS.get(head, {head}) & _DESCRIBED_PERSON) | {head})
        if re.search(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w’'\-\.]+\s+){0,4}?(?:%s)\b" % "|".join(map(re.escape, kin)),
                     self.text[max(0, pos - 800):pos]):
            return ""  # "a U.S. official said … the official said": the unnamed source again, not named later
        here = self.sentence_index(pos)
        wanted = _SYNONYMS.get(head, {head})
        gender = "he" if head in ("man", "father", "son", "husband", "brother", "spokesman", "chairman") else \
            "she" if head in ("woman", "mother", "daughter", "wife", "sister", "spokeswoman", "chairwoman") else ""
        self._in_named_next = True  # one level only (its own flag, and the cue speakers read unmemoised)
        try:
            for k in range(here + 1, min(len(self.sentences), here + 3)):
                ks, ke = self.sentences[k]
                found = []
                i = bisect.bisect_left(self.mention_starts, ks)
                while i < len(self.mentions) and self.mentions[i].start < ke:
                    m = self.mentions[i]
                    i += 1
                    if m.person and not self.in_quote(m.start) and self._is_subject(m):
                        found.append((m.start, m))
                        break
                for c in _cues_in(self, ks, ke):
                    if self.in_quote(c.start):
                        continue
                    spk, a, b, _, _ = _cue_speaker_uncached(self, c, (ks, ke), quote=None)
                    written = self.text[a:b].lower().split() if spk and a >= 0 else []
                    if written[:1] in (["the"], ["its"]) and written[-1] in kin:
                        return ""  # "the region’s emergency services spokesman said": still unnamed
                    m = self.mention_at(a, b + 1) if spk and a >= 0 else None
                    if m is not None and m.person and self.canonical(m.text) == spk:
                        found.append((m.start, m))
                        break
                if not found:
                    if any(m.person and not self.in_quote(m.start) for m in self.mentions
                           if ks <= m.start < ke):
                        return ""  # someone else is named first
                    continue
                m = min(found, key=lambda t: t[0])[1]
                name = self.canonical(m.text)
                if len(m.text.split()) < 2 or not all(w[:1].isupper() and not w.isupper() for w in m.text.split()) \
                        or self.named_before(name, pos) or (m.roles & _OFFICE_WORDS and not m.roles & wanted) \
                        or (gender and _gender_clash(gender, name)):
                    return ""
                return name
        finally:
            self._in_named_next = False
        return ""

    def _plural_speaker(self, pos: int, here: int) -> str:
        """For "they": the last plural or collective speaker of the three sentences before
        ("the authors of the bill claim …", "Aslin’s family said …")."""
        for spk, a, b in self._recent_cue_speakers(pos, here):
            written = self.text[a:b].lower().split()
            headw = written[-1] if written else ""
            if headw not in PRONOUNS and (headw in _COLLECTIVE or (headw.endswith("s") and headw in SPEAKER_NOUNS)):
                return spk
        return ""

    def resolve_it(self, pos: int) -> str:
        """For "it" before a cue: the organisation that was the speaker of a cue in this sentence or
        the three before ("Gazprom announced … for what it said is …"), else ''."""
        if self._in_plural:
            return ""
        here = self.sentence_index(pos)
        self._in_plural = True  # one level only
        try:
            for spk, a, b in self._recent_cue_speakers(pos, here):
                m = self.mention_at(a, b + 1)
                head = self.text[a:b].lower().split()[-1:]
                if (m is not None and not m.person and m.text.lower() not in _PLACES) or \
                        (head and head[0] in _ORG_ROLES | _COLLECTIVE and head[0] not in PRONOUNS):
                    return spk
        finally:
            self._in_plural = False
        # else the organisation whose message the sentence before names ("Sturgeon retweeted a Ukrainian
        # Defense Ministry post. It claimed that …"): the message's author
        if here > 0:
            ps, pe = self.sentences[here - 1]
            for dm in _MESSAGE_WORD.finditer(self.text[ps:pe]):
                m = self.mention_at(max(ps, ps + dm.start() - 60), ps + dm.start())
                if m is not None and not m.person and m.text.lower() not in _PLACES | _PLATFORMS \
                        and not self.in_quote(m.start) and self.text[m.end:ps + dm.start()].strip() == "":
                    return self.canonical(m.text)
        return ""

    def _is_subject(self, m: Mention) -> bool:
        """A mention that opens its clause or is directly followed by a cue (a speaker)."""
        # the object of a preposition is no subject ("another top aide to Mr Zelensky, said": the aide)
        pm = _PREP_BEFORE_NAME.search(self.text, max(0, m.start - 60), m.start)
        k = bisect.bisect_left(self._cue_starts, m.end)
        cue_next = k < len(self.cues) and not _SENT_START.search(self.text, m.end, self.cues[k].start)
        if cue_next:
            gap = _APPOSITIVE_GAP.sub(" ", self.text[m.end:self.cues[k].start])  # (once: it may be long)
            cue_next = len(gap) <= 30 and all(w.lower() in _AUX or w.endswith("ly") for w in _GAP_WORDS.findall(gap))
        # (only auxiliaries, adverbs or an appositive before a cue: "Biden to resist the urge" is no subject)
        if pm:
            # the object of "according to" is a speaker, the agent of a passive ("The phrase was coined by
            # Winston Churchill") a subject, so is the subject of an absolute clause ("with Mikhail Sheremet,
            # an MP who …, warning Kiev"); the object of any other preposition not
            return self.text[max(0, pm.start() - 10):pm.start()].lower().endswith("according ") \
                or bool(_PASSIVE_AGENT_BEFORE.search(self.text, max(0, pm.start() - 40), pm.end())) \
                or bool(cue_next and self.text[pm.start():pm.start() + 4] == "with"
                        and self.cues[k].text.endswith("ing"))
        if cue_next and self.cues[k].start - m.end <= 30:
            return True
        if self.text.startswith(",", m.end) and _ROLE_OPENING_CLAUSE.search(self.text, max(0, m.start - 70), m.start):
            return True  # "…, while China’s leader, Xi Jinping, has extolled …": a name in apposition to a subject role
        ss = self.sentences[self.sentence_index(m.start)][0]
        if m.start - ss >= 60 or _PREP_LEAD.search(self.text, ss, m.start):
            return False
        # it opens its clause: before it only an opening adverbial, roles and titles ("Kremlin spokesman",
        # "On Monday, the former president"), not a verb ("Ms Zelenska also met her German counterpart,
        # Elke Budenbender": the object)
        lead = _LEADING_ADVERBIAL.match(self.text, ss, m.start)
        pre = self.text[lead.end() if lead else ss:m.start]
        return not any(w.islower() and (w.endswith("ed") and len(w) > 4 or w in _IRREGULAR_PAST
                                        or w in self.lexicon.lemma_of) for w in _NP_WORD.findall(pre))

    def resolve_role(self, pos: int, np_words: list[str]) -> tuple[str, bool]:
        """Name for a role noun phrase ("the Kremlin spokesman") from appositions in the article."""
        words = [w.lower() for w in np_words if w.lower() not in ("the", "a", "an", "former", "its", "his", "her", "their")]
        if not words:
            return "", False
        head = words[-1]
        if head in _ORG_WORDS or head in _DOC_NOUNS or head in _ORG_KIND_HEADS or head in ("outlet", "paper", "newspaper", "agency",
                                                                "broadcaster", "website", "site", "publication",
                                                                "magazine", "channel", "network", "bank"):
            # an organisation introduced with that word ("the British outlet Financial Times", "the
            # Russian tabloid Komsomolskaya Pravda" -> "the outlet", "the newspaper"), nearest first
            kin = _MEDIA_KIN if head in _MEDIA_KIN else {head}
            known = _ORG_HEAD_NAMES.get(head, ())
            i = bisect.bisect_left(self.mention_starts, pos) - 1
            while i >= 0 and pos - self.mentions[i].start < 4000:
                m = self.mentions[i]
                if not m.person and (m.roles & kin or m.text.lower() in known) and not self.in_quote(m.start):
                    return self.canonical(m.text), True
                i -= 1
            # an organisation named earlier with that word ("the ministry" -> "Russian Foreign Ministry")
            i = bisect.bisect_left(self.mention_starts, pos) - 1
            while i >= 0 and pos - self.mentions[i].start < 4000:
                m = self.mentions[i]
                if not m.person and head in m.text.lower().split():
                    return m.text, True
                i -= 1
            if head in _DOC_NOUNS and not self._in_plural:
                # "In a statement released by the Foreign Office, Pinner’s family described him as … The
                # statement read: …": the speaker of the sentence that introduced the document
                here = self.sentence_index(pos)
                kin_docs = _MESSAGE_KIN if head in _MESSAGE_KIN else {head}
                pat = re.compile(r"\b(?:%s)s?\b" % "|".join(sorted(kin_docs)), re.I)
                for k in range(here - 1, max(-1, here - 4), -1):
                    ks, ke = self.sentences[k]
                    if pat.search(self.text, ks, ke):
                        self._in_plural = True  # one level only
                        try:
                            att = sentence_attribution(self, k)
                        finally:
                            self._in_plural = False
                        if att.speaker and head not in att.speaker.lower():
                            return att.speaker, True
                        break
            if head in _MEDIA_ROLES or head in _DOC_NOUNS or head in _ORG_KIND_HEADS:
                # "the outlet", "the paper", "the briefing", "the company": the last organisation that
                # spoke, not a place
                i = bisect.bisect_left(self.mention_starts, pos) - 1
                while i >= 0 and pos - self.mentions[i].start < 4000:
                    m = self.mentions[i]
                    if not m.person and m.text.lower() not in _PLACES and m.text.lower() not in _PLATFORMS \
                            and not self.in_quote(m.start) \
                            and not any(t in _PLACES for t in _SPACE_OR_HYPHEN.split(m.text.lower())) \
                            and self._is_subject(m):
                        return m.text, True
                    i -= 1
                # else the last organisation named in the three sentences before
                i = bisect.bisect_left(self.mention_starts, pos) - 1
                here = self.sentence_index(pos)
                while i >= 0 and self.sentence_index(self.mentions[i].start) >= here - 3:
                    m = self.mentions[i]
                    if not m.person and not self.in_quote(m.start) and m.text.lower() not in _PLACES \
                            and m.text.lower() not in _PLATFORMS \
                            and any(w in _ORG_WORDS for w in m.text.lower().split()):
                        return m.text, True
                    i -= 1
                # else the organisation that opens the quotation this sentence attributes, naming itself
                # ("“Roscosmos publishes satellite images …,” the agency said")
                i = bisect.bisect_left(self.mention_starts, self.sentences[here][0])
                while i < len(self.mentions) and self.mentions[i].start < pos:
                    m = self.mentions[i]
                    if self.text[m.start - 1:m.start] in ("“", "\"", "‘") and not m.person \
                            and m.text.lower() not in _PLACES and self.text.startswith(" ", m.end):
                        return self.canonical(m.text), True
                    i += 1
            return "", False
        wanted = _SYNONYMS.get(head, {head})
        mods = set(words[:-1])
        here = self.sentence_index(pos)
        nat = {_NATION.get(w.replace("’", "'").replace("´", "'"), w) for w in mods} & _NATIONALITIES
        best, best_score = "", 0.0
        for m in self.mentions:
            if not m.person or not m.roles:
                continue
            score = 0.0
            if m.roles & wanted:
                score += 2
            elif head not in m.roles:
                continue
            if nat and {_NATION.get(r.replace("’", "'").replace("´", "'"), r) for r in m.roles} & _NATIONALITIES - nat:
                continue  # "Ukraine's president" is not the one whose roles say "Russian"
            score += len(m.roles & mods)
            if mods and not (m.roles & mods) and m.roles & {"ukrainian", "russian", "american", "us", "u.s",
                                                            "british", "french", "german", "chinese"}:
                score -= 1.5
            # the person the article is about wins a tie; nearer (before) is better
            score += 0.3 * min(self._name_counts.get(self.canonical(m.text), 0), 10) / 10
            dist = abs(pos - m.start)
            score -= dist / 1e6
            if m.start > pos:
                score -= 0.5
            elif here - self.sentence_index(m.start) <= 2 and self._is_subject(m):
                score += 0.4  # the one in focus: the subject of one of the last sentences ("President Biden suggested …")
            if score > best_score:
                best, best_score = self.canonical(m.text), score
        return best, bool(best)




def _sentences(text: str) -> list[tuple[int, int]]:
    return sentence_spans(text)


# ----------------------------------------------------------------------------- speaker noun phrases
_NP_TOKEN = re.compile(r"[\w’'´\-\.&]+|[,;:()“”\"‘’«»–—]")


def _np_before(art: Article, pos: int, floor: int) -> tuple[int, int] | None:
    """Span of the noun phrase ending just before ``pos`` (subject of a cue), skipping
    auxiliaries/adverbs and one appositive (", a former Kremlin adviser,")."""
    text = art.text
    # the walk below goes back at most ~31 tokens: read the last 400 characters, and the whole
    # segment only when those hold too few tokens to be sure
    lo = max(floor, pos - 400)
    toks = [(m.start(), m.end(), m.group(0)) for m in _NP_TOKEN.finditer(text, lo, pos)]
    if lo > floor and len(toks) < 40:
        toks = [(m.start(), m.end(), m.group(0)) for m in _NP_TOKEN.finditer(text, floor, pos)]
    i = len(toks) - 1
    # skip auxiliaries / adverbs / "in a statement" etc.
    skipped = 0
    while i >= 0 and (toks[i][2].lower() in _AUX or (toks[i][2].endswith("ly") and toks[i][2].islower()
                                                    and toks[i][2] not in _NOT_ADVERBS)) and skipped < 5:
        i -= 1
        skipped += 1
    if i > 1 and toks[i][2] == ")" and toks[i - 2][2] == "(" and _ACRONYM.fullmatch(toks[i - 1][2]):
        i -= 3  # "the UN Refugee Agency (UNHCR) called on": the acronym in parentheses is no boundary
    if i > 0 and toks[i][2] in ("-", "–", "—", "--"):
        # an appositive between dashes naming the subject: "his deputy - armed forces minister James Heappey - said"
        m = art.mention_at(toks[max(0, i - 14)][0], toks[i - 1][1] + 1)
        if m is not None and m.person and _ends_phrase(art.text, m.end, toks[i - 1][1]) \
                and any(t[2] in ("-", "–", "—", "--") and t[0] < m.start for t in toks[max(0, i - 14):i]):
            return m.start, m.end
    if i >= 0 and toks[i][2] == ",":  # appositive: "Markov, a former adviser, said" / "Peskov, who ..., said"
        j = i - 1
        while j >= 0 and toks[j][2] not in (",", ";", ":") and i - j < 20 \
                and not (toks[j][2] in ("“", "”", "\"") and toks[j - 1][2] == ","):  # (‘Americanist’ inside)
            j -= 1
        if j >= 0 and toks[j][2] == "," and j > 0:
            m = art.mention_at(toks[j + 1][0], toks[i - 1][1] + 1) if j + 1 <= i - 1 else None
            if m is not None and m.person and m.start == toks[j + 1][0] and _ends_phrase(art.text, m.end, toks[i - 1][1]):
                return m.start, m.end  # "the representative for Crimea, Tamila Tasheva, said"
            i = j - 1
        elif j < 0 and i > 0:
            i -= 1  # the subject runs from the sentence start: "Expert Tom Keatinge at the think tank Rusi, told us"
        else:
            return None
    if i < 0:
        return None
    end_tok = i
    j = i
    while j >= 0:
        w = toks[j][2]
        lw = w.lower()
        if w in (",", ";", ":", "(", ")", "“", "”", "\"", "‘", "’", "«", "»", "–", "—", "-", "--"):
            break
        if lw in _BOUNDARY_WORDS and j < end_tok:
            break
        if j < end_tok and (j > 0 and "/" in text[toks[j - 1][1]:toks[j][0]] or ".com" in lw):
            break  # a link or a photo credit ("pic.twitter.com/VhEHoff6gw The Russian Foreign Ministry called")
        if j < end_tok and lw in art.lexicon.lemma_of and toks[j][0] in art._cue_start_set \
                and not (j > 0 and toks[j - 1][2].lower() in _DETERMINERS):
            break  # "said he told Lavrov": the subject of told is "he" (but "A post on ..." is a noun)
        if end_tok - j >= 9:
            if toks[j][2].lower() in ("a", "an", "the", "one"):
                j -= 1  # keep the article: "A spokesman for the Iranian mission at the United Nations said"
            break
        j -= 1
    start_tok = j + 1
    if end_tok > start_tok and toks[end_tok][2].lower() in ("who", "which", "that"):
        end_tok -= 1  # "A Russian lawmaker who called for …": the antecedent
    if start_tok > end_tok:
        return None
    # a finite verb inside the phrase: the subject is what precedes it
    for q in range(start_tok + 1, end_tok + 1):
        w = toks[q][2]
        if w.islower() and (w.endswith("ed") and len(w) > 4 and "-" not in w or w in _IRREGULAR_PAST) \
                and w not in SPEAKER_NOUNS and not (w in ("called", "named") and toks[q + 1:q + 2]
                                                   and toks[q + 1][2][:1].isupper()) \
                and toks[q - 1][2].lower() not in ("the", "a", "an", "his", "her", "its", "their"):
            end_tok = q - 1
            break
    # strip leading prepositions/conjunctions ("with Peskov stating")
    while start_tok <= end_tok and toks[start_tok][2].lower() in ({"with", "by", "and", "but", "then", "also", "so"} | _BOUNDARY_WORDS):
        start_tok += 1
    if start_tok > end_tok:
        return None
    w0 = toks[start_tok][2]
    if w0.islower() and w0.endswith("ly") and start_tok >= 2 and toks[start_tok - 1][2] == "," \
            and start_tok + 1 <= end_tok and toks[start_tok + 1][2].lower() in ("a", "an", "the"):
        # a second appositive ("A man, likely a Russian soldier, filming the brawl …, said"): the phrase
        # before it is the subject
        k = start_tok - 2
        while k >= 0 and toks[k][2] not in (",", ";", ":", "“", "”", "\"") and start_tok - 2 - k < 4:
            k -= 1
        if (k < 0 or toks[k][2] in (",", ";", ":")) and toks[k + 1][2].lower() in ("a", "an", "one", "the"):
            return toks[k + 1][0], toks[start_tok - 2][1]
    if start_tok > 0 and toks[start_tok - 1][2] == "," and w0.lower() in ("a", "an", "the"):
        # a second or longer appositive ("Will Young, a locomotive mechanic based in Kansas City, Mo., and an
        # organizer at …, said"; "Tareq Hadad, the co-founder … of Peace By Chocolate, a chocolate company
        # based in Antigonish, N.S., says"): the person named with a comma at the clause's start
        named = _person_opening_appositives(art, floor, toks[start_tok - 1][0])
        if named is not None:
            return named.start, named.end
    return toks[start_tok][0], toks[end_tok][1]


def _person_opening_appositives(art: Article, floor: int, comma: int) -> Mention | None:
    """The person named at the start of the clause (after an opening adverbial) and followed by a comma,
    when only appositive words (no cue, no sentence end, no quotation) come between it and ``comma``."""
    text = art.text
    lead = _LEADING_ADVERBIAL.match(text, floor, comma)
    start = lead.end() if lead else floor
    while start < comma and text[start].isspace():
        start += 1
    k = bisect.bisect_left(art.mention_starts, start)
    if k >= len(art.mentions):
        return None
    m = art.mentions[k]
    if m.start != start or not m.person or not text.startswith(",", m.end) or m.end >= comma:
        return None
    between = text[m.end:comma]
    if _cues_in(art, m.end, comma) or re.search(r"[.!?]\s+[A-Z]|[“”\"]", between) \
            or re.search(r"\b(?:is|are|was|were|has|have|had|will|would)\b", between):
        return None
    return m


def _np_after(art: Article, pos: int, ceil: int) -> tuple[int, int] | None:
    """Span of the noun phrase starting just after ``pos`` ("said Sergei Markov, a ...")."""
    text = art.text
    seg = text[pos:ceil]
    toks = [(pos + m.start(), pos + m.end(), m.group(0)) for m in _NP_TOKEN.finditer(seg)]
    if not toks:
        return None
    out = []
    for s, e, w in toks:
        lw = w.lower()
        if w in (",", ";", ":", "(", ")", "“", "”", "\"", "‘", "’", "«", "»", "–", "—", "-", "--") or lw in _BOUNDARY_WORDS:
            break
        if w.endswith(".") and not _ABBREVIATION.fullmatch(w):
            out.append((s, e - 1, w[:-1]))
            break
        out.append((s, e, w))
        if len(out) >= 9:
            break
    if not out:
        return None
    return out[0][0], out[-1][1]


def speaker_from_np(art: Article, s: int, e: int, *, outer_speaker: str = "") -> tuple[str, int, int]:
    """Turn a noun-phrase span into ``(speaker, start, end)``: the head of the phrase, with names
    resolved to their full form, pronouns and roles to the name they stand for."""
    text = art.text
    np_text = text[s:e]
    words = list(_NP_WORD.finditer(np_text))
    if not words:
        return "", -1, -1
    # the head part: words before the first preposition (not counting the first word)
    head_end = len(words)
    for k, w in enumerate(words):
        if k > 0 and w.group(0).lower() in _PREPS:
            head_end = k
            break
    head_words = words[:head_end]
    last_word = words[-1].group(0).lower()
    if last_word in ("he", "she", "they") and len(words) > 1:
        # "as a result he": the pronoun is the subject
        words = words[-1:]
        head_words = words
    hs, he = s + head_words[0].start(), s + head_words[-1].end()
    first = head_words[0].group(0).lower()
    if len(head_words) == 1 and first in PRONOUNS or first in ("i", "we"):
        if first in ("i", "we") and not outer_speaker:
            return "", -1, -1
        name = art.resolve_pronoun(hs, first, outer_quote_speaker=outer_speaker)
        return (name or text[hs:he]), hs, he
    # a document by its author: "a report by the Institute for the Study of War", "a statement from the ministry"
    # ("a post on social media from Cornwall Council": the author after a place of publication)
    by_at = next((k for k in range(len(head_words), min(len(words), len(head_words) + 5))
                  if words[k].group(0).lower() in ("by", "from")), -1)
    if 2 <= len(head_words) <= 4 and head_words[-1].group(0).lower() in _PUBLISHED_WORDS \
            and head_words[-2].group(0).lower() in _DOC_NOUNS and by_at == len(head_words):
        head_words = head_words[:-1]  # ("a report published by …" written as one phrase)
    pb = _PUBLISHED_BY.match(text, e) if len(head_words) <= 3 and words[-1].group(0).lower() in _DOC_NOUNS else None
    if pb:
        # "another piece published by the Washington Post in mid-June suggested": its publisher
        k = bisect.bisect_left(art.mention_starts, pb.end())
        if k < len(art.mentions) and art.mentions[k].start == pb.end() and not art.mentions[k].person:
            m = art.mentions[k]
            return art.canonical(m.text), m.start, m.end
    if len(head_words) <= 3 and head_words[-1].group(0).lower() in _DOC_NOUNS and by_at >= 0:
        m = art.mention_at(s + words[by_at].end(), e + 1)
        if m is not None:
            k = bisect.bisect_left(art.mention_starts, s + words[by_at].end())
            first = art.mentions[k] if k < len(art.mentions) and art.mentions[k].start < e else m
            return art.canonical(first.text), first.start, first.end
    # a person named at the end of the whole phrase ("Ukraine's ambassador to the EU Vsevolod Chentsov")
    m = art.mention_at(s, e + 1)
    if m is not None and m.person and m.start >= s and _ends_phrase(text, m.end, e):
        return art.canonical(m.text), m.start, m.end
    # role noun phrase: "the Kremlin spokesman", "the Ukrainian leader"
    # the phrase was cut inside a name ("… Court" of "Eighth Administrative Court of Appeal"): the whole name
    k = bisect.bisect_right(art.mention_starts, hs) - 1
    if k >= 0 and art.mentions[k].start < hs < art.mentions[k].end:
        m = art.mentions[k]
        role = _ROLE_WORD.findall(text, m.end, he)
        if text.startswith(("’s", "'s"), m.end) and role and role[-1].lower() in _PERSON_ROLES:
            # the owner of a role ("the Islamic Republic's foreign minister … Hossein Amirabdollahian
            # claimed"): the person the next sentences name, if any
            later = art.named_next(hs, role[-1].lower())
            if later:
                return later, hs, he
        return art.canonical(m.text), m.start, m.end
    hw = [w.group(0) for w in head_words]
    low = [w.lower() for w in hw]
    cm = _CALLED_NAME.search(text, hs, e) if (" called " in np_text or " named " in np_text) else None
    if cm and low[0] in ("a", "an", "one"):
        # "A conscript called Ruslan": the name given
        m = art.mention_at(cm.end(), e + 1)
        if m is not None and m.start == cm.end():
            return art.canonical(m.text), m.start, m.end
    if len(low) >= 3 and low[-1] in _DOC_NOUNS and low[-2].endswith(("’s", "'s")) and not art._in_lookup:
        # "the committee’s statement", "Russia’s note": whose document it is
        owner_end = s + head_words[-2].end() - 2
        art._in_lookup = True  # one level only
        try:
            spk, a, b = speaker_from_np(art, hs, owner_end)
        finally:
            art._in_lookup = False
        if spk:
            return spk, a, b
    if len(low) >= 2 and low[-1] in _DOC_NOUNS:
        # a document by the name it carries: "the ISD report", "a Kremlin statement"
        m = art.mention_at(hs, s + head_words[-2].end() + 1)
        if m is not None and m.start >= hs and not m.person and m.text.lower() not in _PLACES:
            return art.canonical(m.text), m.start, m.end
    if low[0] == "the" and hw[-1][:1].isupper() and len(words) > len(head_words) \
            and _NAME_WITH_OF.fullmatch(text, s + words[1].start(), e):
        # a name written with function words: "The Agency for National Security"
        return text[s + words[1].start():e], s + words[1].start(), e
    if len(low) == 2 and low[0] == "the" and low[1] in _PLURAL_ROLES and not art._in_lookup:
        # "the authors write" after "write Leonard and his co-author Ivan Krastev": the pair named before
        pair = art.coordinated_speaker(hs)
        if pair:
            return pair, hs, he
    if len(low) >= 2 and low[0] in ("the", "its", "their") and not art._in_lookup and len(words) == len(head_words) \
            and (low[-1] in ROLE_NOUNS or low[-1] in SPEAKER_NOUNS) and not hw[-1][:1].isupper():
        # "The spokesman said" after "A Nexperia spokesman noted", "the source said" after "A senior
        # Western official … said": that unnamed source again
        prior = art.unnamed_source(hs, low[-1])
        if prior:
            return prior, hs, he
    if len(low) == 2 and low[0] in ("his", "her") and low[1] in _KIN:
        # "his wife confirmed …": the person named with his surname ("Mrs Chernukhin" -> Lubov Chernukhin)
        kin = art.relative_of(hs, low[0], low[1])
        if kin:
            return kin, hs, he
    if low[0] in ("a", "an", "one") and len(low) >= 2 and low[-1] in _DESCRIBED_PERSON \
            and art._writer_counts()[art.sentence_index(hs)] <= 1:
        # a lede's description of the person the next sentences name ("a high-ranking Ukrainian official
        # complained … “…,” Anton Gerashchenko, an adviser at …, told Newsweek")
        later = art.named_next(hs, low[-1])
        if later:
            return later, hs, he
    proper = len(hw) >= 2 and low[0] == "the" and all(w[:1].isupper() for w in hw[1:]) \
        and not all(w in _ROLEISH for w in low[1:])  # ("The Ambassador" is a role)
    if not proper and (low[-1] in ROLE_NOUNS or " ".join(low[-2:]) in ROLE_NOUNS or (low[0] == "the" and (
            low[-1] in _ORG_WORDS or low[-1] in _DOC_NOUNS or low[-1] in _ORG_ROLES or low[-1] in _ORG_KIND_HEADS))):
        # ("the White House", "the JCCC": a name, not a role to resolve)
        if low[0] in ("a", "an", "one", "another") and low[-1] in ROLE_NOUNS | SPEAKER_NOUNS:
            # "a spokesman for parent company Meta", "a Defra spokesman", "one official": an unnamed
            # source, not a named one that shares the role; kept as written, with what follows the head.
            # In apposition to a name ("Olga Oliker, a director from the Crisis Group, …") it is that person.
            k = bisect.bisect_left(art.mention_starts, hs) - 1
            if k >= 0 and art.mentions[k].person and _COMMA_GAP.fullmatch(text, art.mentions[k].end, hs):
                m = art.mentions[k]
                return art.canonical(m.text), m.start, m.end
            return text[hs:e].rstrip(" ,"), hs, e
        if low[0] in ("the", "his", "her", "its") or len(low) <= 3:
            ap = _COMMA_GAP.match(text, he)
            k = bisect.bisect_left(art.mention_starts, ap.end()) if ap else -1
            if ap and 0 <= k < len(art.mentions) and art.mentions[k].start == ap.end() and art.mentions[k].person \
                    and text.startswith((",", " -", " –", " —"), art.mentions[k].end):
                # the name in apposition after the role ("The incumbent prime minister, Scott Morrison, pushed …")
                m = art.mentions[k]
                return art.canonical(m.text), m.start, m.end
            name, ok = art.resolve_role(hs, hw)
            if (not ok or not art.named_before(name, hs)) and low[-1] in _PERSON_ROLES:
                # no one named before holds the role: the person in focus who can hold it, else the person
                # the next sentences name ("Poland's president has said … Andrzej Duda said")
                focus = art.resolve_pronoun(hs, "person", role=low[-1]) if not ok and not low[-1].endswith("s") else ""
                if focus and art.subject_lately(focus, hs):
                    return focus, hs, he
                later = art.named_next(hs, low[-1])
                if later:
                    return later, hs, he
            if ok:
                return name, hs, he
            if low[-1] in _PERSON_ROLES and not low[-1].endswith("s"):
                # "the Ukrainian leader" with no apposition giving the role: the person in focus
                name = art.resolve_pronoun(hs, "person", role=low[-1])
                if name:
                    return name, hs, he
    # a name closing the head ("Kremlin spokesman Dmitry Peskov", "the Pentagon")
    m = art.mention_at(hs, he + 1)
    if m is not None and m.start >= hs and _ends_phrase(text, m.end, he):
        return art.canonical(m.text), m.start, m.end
    if low == ["it"]:
        # "for what it said is …": the organisation that spoke last
        name = art.resolve_it(hs)
        return (name, hs, he) if name else ("", -1, -1)
    if len(low) == 3 and low[0] == "the" and low[2] == "side" and low[1] in _COUNTRY_OF:
        # "the Ukrainian side officially pledged": the country
        return _COUNTRY_OF[low[1]], hs, he
    if low == ["one"] and len(words) > 1 and words[1].group(0).lower() == "of":
        # "One of the messages reported …": an unnamed one of them, as written; "journalists, one of whom
        # asked": one of the journalists
        if len(words) > 2 and words[2].group(0).lower() in ("whom", "which"):
            wb = _WORD_BEFORE.search(text, max(0, hs - 40), hs) or _WORD_BEFORE_COMMA.search(text, max(0, hs - 40), hs)
            return ("one of the " + wb.group(1) if wb else text[hs:e].rstrip(" ,")), hs, e
        return text[hs:e].rstrip(" ,"), hs, e
    if low[0] in ("it", "this", "which", "there", "that", "what"):
        return "", -1, -1
    if low[0] == "the" and len(low) == 2 and low[-1].endswith("s") and len(low[-1]) > 5 and hw[-1].islower() \
            and low[-1] not in ROLE_NOUNS and low[-1] not in _PLURAL_ROLES:
        # "The hackers" after "hacking group Killnet": the group introduced with a word of that stem
        group = art.group_named_as(hs, low[-1])
        if group:
            return group, hs, he
    if low[0] == "the" and 2 <= len(low) <= 4 and not low[-1].endswith("s") and low[-1] not in _PLURAL_NOUNS \
            and low[-1] not in _ORG_WORDS \
            and low[-1] not in _MEDIA_ROLES and low[-1] not in _THING_NOUNS and all(w.islower() for w in hw[1:]):
        # (a capitalised word names a specific role or thing: "the UN Secretary-General", "the EU list")
        # "the 38-year-old", "the driver": a person described, not named: the person in focus; but one
        # introduced unnamed ("a brave driver whose video has since gone viral … the driver says") stays so
        # (the cheap set test first: the search reads up to 3000 characters back)
        if low[-1] in _UNNAMED_PERSON and re.search(
                r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w’'\-]+\s+){0,3}?%s\b(?!\s*,?\s*[A-Z])" % re.escape(low[-1]),
                text[max(0, hs - 3000):hs]):
            return text[hs:he], hs, he
        name = art.resolve_pronoun(hs, "person")
        if name:
            return name, hs, he
    if low[0] == "the" and low[-1] in ROLE_NOUNS | SPEAKER_NOUNS and len(words) > len(head_words) \
            and words[len(head_words)].group(0).lower() in ("from", "for", "of", "at"):
        # "the spokesperson from the National Security Council", no name given: said whose
        return text[hs:e].rstrip(" ,"), hs, he
    if low[0] == "its" and 2 <= len(low) <= 4 and low[-1] in _ORG_HEADS | {"government", "military", "army"} \
            and all(w.islower() for w in hw):
        # "Russia will resume its participation …, its defence ministry said": the body of the country or
        # organisation "its" stands for
        owner = art.owner_of_its(hs)
        if owner:
            return f"{owner}’s {' '.join(hw[1:])}", hs, he
    # strip a possessive
    spk = text[hs:he]
    if spk.endswith(("’s", "'s", "´s")):
        spk = spk[:-2]
    return spk, hs, he


# ----------------------------------------------------------------------------- attribution of a span
def _cue_speaker(art: Article, cue: Cue, sent: tuple[int, int], *, quote: tuple[int, int] | None,
                 outer_speaker: str = "", inside: tuple[int, int] | None = None) -> tuple[str, int, int, str, int]:
    """Speaker of one cue within its sentence: ``(speaker, s, e, cue_text, cue_end)`` (memoised
    per article: reported speech, neighbours and quotes ask about the same cues). ``inside``: the
    quotation being searched (a quote nested in it), whose own marks do not block the search."""
    key = (cue.start, sent, quote, outer_speaker, inside)
    hit = art._speaker_cache.get(key)
    if hit is None:
        hit = art._speaker_cache[key] = _cue_speaker_uncached(art, cue, sent, quote=quote, outer_speaker=outer_speaker,
                                                              inside=inside)
    return hit


def _cue_speaker_uncached(art: Article, cue: Cue, sent: tuple[int, int], *, quote: tuple[int, int] | None,
                          outer_speaker: str = "", inside: tuple[int, int] | None = None) -> tuple[str, int, int, str, int]:
    text = art.text
    ss, se = sent
    cue_text, cue_end = cue.text, cue.end
    # "told reporters" -> cue text includes the listener
    if cue.lemma == "tell":
        lm = _LISTENERS.match(text, cue.end)
        if lm:
            cue_text, cue_end = text[cue.start:lm.end()], lm.end()
    m_as = _AS_SAYING.match(text, cue.end)
    if m_as and cue.lemma in ("cite", "quote", "report") and _BE_BEFORE.search(text, max(ss, cue.start - 20), cue.start):
        # passive: "she was quoted Thursday as saying": the subject of the passive, cue say
        be = _BE_BEFORE.search(text, max(ss, cue.start - 20), cue.start)
        np = _np_before(art, be.start(), floor_of(art, ss, quote, cue))
        if np:
            spk, a, b = speaker_from_np(art, *np, outer_speaker=outer_speaker)
            if spk:
                return spk, a, b, text[cue.start:m_as.end()], m_as.end()
    elif m_as and cue.lemma in ("cite", "quote", "report"):
        # "the magazine cited its source as saying": the cue is say, the speaker the cited source
        np = _np_after(art, cue.end, se)
        cue_text, cue_end = text[cue.start:m_as.end()], m_as.end()  # "cited its source as saying"
        if np:
            spk, a, b = speaker_from_np(art, *np, outer_speaker=outer_speaker)
            if spk:
                return spk, a, b, cue_text, cue_end
    if cue.lemma in ("according to", "in the words of"):
        np = _np_after(art, cue.end, se)
        if np and _NO_SOURCE.match(text, np[0]):
            return "", -1, -1, "", -1  # "going according to plan": no source
        if np:
            spk, a, b = speaker_from_np(art, *np, outer_speaker=outer_speaker)
            return spk, a, b, cue_text, cue_end
        return "", -1, -1, cue_text, cue_end
    # the end-anchored tests below only need the last words before the cue: each looks at the
    # few characters it can match (no regex scans the whole sentence)
    tail_start = max(ss, cue.start - 100)
    tail = text[tail_start:cue.start]
    before_empty = not tail.strip() and (tail_start == ss or not text[ss:tail_start].strip())
    tail_s = tail.rstrip()
    qa = _QUOTED_AS.search(tail) if tail_s.endswith(" as") else None
    if qa and cue.lemma in ("say", "tell", "write"):
        # "she was quoted as saying", "X is quoted by Y as saying"
        np = _np_before(art, tail_start + qa.start() + 1, floor_of(art, ss, quote, cue))
        if np:
            spk, a, b = speaker_from_np(art, *np, outer_speaker=outer_speaker)
            if spk:
                return spk, a, b, cue_text, cue_end
    near = max(ss, cue.start - 30)
    if _WENT_ON_TO.search(text, near, cue.start):
        # "He wrote that … and went on to claim that …": the clause subject's cue
        spk = _clause_subject(art, sent, cue.start, outer_speaker=outer_speaker)
        if spk[0]:
            return spk[0], spk[1], spk[2], cue_text, cue_end
    if _INFINITIVE.search(text, near, cue.start) and _SPOKE_TO.search(text, max(ss, cue.start - 70), cue.start):
        # "Dr Patrick Bury spoke to Express.co.uk to explain why …": the purpose of speaking is the cue
        spk = _clause_subject(art, sent, cue.start, outer_speaker=outer_speaker)
        if spk[0]:
            return spk[0], spk[1], spk[2], cue_text, cue_end
    if _INFINITIVE.search(text, near, cue.start) or _NOUN_CONTEXT.search(text, near, cue.start):
        return "", -1, -1, "", -1  # "to publicly recognise", "amid claims": no attribution
    if _IMPERSONAL.search(text, max(ss, cue.start - 40), cue.start):
        return "", -1, -1, "", -1  # "it was once again said that …": no one is named
    pm = _PASSIVE_BY.match(text, cue.end)
    if pm and cue.text.lower().endswith("ed") and not _GERUND.match(text, pm.end()):
        # (not "responded by saying …": a gerund after "by" is the manner, not an agent)
        # passive: "was described by X as ...", "the Britons condemned by Russian courts"
        np = _np_after(art, pm.end(), se)
        if np and (quote is None or not (np[0] <= quote[0] <= np[1] + 2)):
            m = art.mention_at(np[0], np[1] + 1)
            if m is not None:
                return art.canonical(m.text), m.start, m.end, cue_text, cue_end
        return "", -1, -1, "", -1
    if cue.text.lower() == "saying":
        # "The clip ends by quoting a Washington Post article dated December 3, 2021, saying: “…”": the quoted one
        qm = _QUOTING_NP.search(text, max(ss, cue.start - 120), cue.start)
        if qm:
            spk, a, b = speaker_from_np(art, qm.start(1), qm.end(1), outer_speaker=outer_speaker)
            if spk and spk[:1].isupper():
                return spk, a, b, cue_text, cue_end
    if cue.text.lower().endswith("ing"):
        # "criticized Biden for calling Putin a “killer”": the object of the blaming verb does the calling
        om = _OBJECT_FOR_ING.search(text, max(ss, cue.start - 80), cue.start)
        if om:
            spk, a, b = speaker_from_np(art, om.start(1), om.end(1), outer_speaker=outer_speaker)
            if spk and spk[0].isupper():
                return spk, a, b, cue_text, cue_end
    # a participle phrase opening the sentence ("Stressing that Hungary “…,” Orban emphasized",
    # "Having previously accused Nato of “doing nothing”, he does not expect"): the main clause's subject
    lead = _LEADING_PARTICIPLE.match(text, ss, cue.start)
    if lead and lead.end() == cue.start and (cue.text.lower().endswith("ing") or lead.group(1)):
        spk = _subject_after_comma(art, cue.end, se, outer_speaker=outer_speaker)
        if spk[0]:
            return spk[0], spk[1], spk[2], cue_text, cue_end
    # participle: "..., adding that", "responded by saying", "calling it"
    if cue.text.lower().endswith("ing") and (not tail or _PARTICIPLE_INTRO.search(tail[-24:])
                                             or _AFTER_VERB_OBJECT.search(tail[-40:])
                                             or _PARTICIPLE_INTRO.search(_ADVERB_END.sub("", tail[-40:]))):
        # (an adverb before the participle too: "…, sarcastically captioning it “…”")
        # (also after a verb and its object: "Someone replied to the video saying: …")
        spk = _clause_subject(art, sent, cue.start, outer_speaker=outer_speaker)
        if spk[0]:
            return spk[0], spk[1], spk[2], cue_text, cue_end
    # a verb coordinated with an earlier one: "He said … but insisted that …", "tweeted that … but
    # cautioned that …", "…, and has called …": the subject of the clause
    co = _COORDINATED.search(text, max(ss, cue.start - 70), cue.start)
    if co and (cue.text.lower().split()[0] != cue.lemma.split()[0] or _HAVE_AUX.search(co.group(0))):
        # (a bare form after "and" is an infinitive: "took the step to … and write to the government")
        spk = _clause_subject(art, sent, cue.start, outer_speaker=outer_speaker)
        if spk[0]:
            return spk[0], spk[1], spk[2], cue_text, cue_end
    # inversion: '”, said X' / ', said X' / 'says X' at the start
    last = tail_s[-1:]
    after_quote = last in _CLOSE_MARKS or (last == "," and tail_s[:-1].rstrip()[-1:] in _CLOSE_MARKS)
    after_comma = last == "," and not _PRONOUN_COMMA.search(tail_s[-12:])
    object_verb = cue.lemma in ("tell", "ask", "inform", "brief", "urge")
    if cue.lemma not in _NO_INVERSION and (not object_verb or (after_quote and "," in tail[-4:])) \
            and (after_quote or after_comma or before_empty):
        np = _np_after(art, cue_end, se)
        # "…, said Driganov, relaxing …" is an inversion; "Tasheva, said Kiev is relying …" is not
        if np and (text[np[0]].isupper() or text[np[0]:np[0] + 4].lower() == "the "
                   or (after_quote and _INVERTED_DET.match(text, np[0]))) \
                and (after_quote or _INVERSION_END.match(text, np[1]) and not _CLAUSE_IN_NP.search(text, np[0], np[1])):
            # ("Zelenskiy, in his address, said the ‘latest strike’ affected regions": a clause, no inversion)
            am = _APPOSED_NAME.match(text, np[1])
            if am:  # "said Driganov's companion, Polina Polishchuk, …": the name given in apposition
                m = art.mention_at(am.start(1), am.end(1) + 1)
                if m is not None and m.person and m.start == am.start(1):
                    return art.canonical(m.text), m.start, m.end, cue_text, cue_end
            spk, a, b = speaker_from_np(art, *np, outer_speaker=outer_speaker)
            cm = _AND_NAME_AFTER.match(text, np[1]) if spk else None
            if cm:  # "write Leonard and his co-author Ivan Krastev": both
                m2 = art.mention_at(cm.start(1), cm.end(1) + 1)
                if m2 is not None and m2.person and m2.start == cm.start(1) and m2.end == cm.end(1):
                    spk, b = spk + " and " + art.canonical(m2.text), m2.end
            if spk and spk.lower() not in _SUBJ_PRONOUNS | {"it"} and spk.lower() not in _TIME_WORDS:
                # (not "announced Tuesday, includes …": a time is no speaker)
                return spk, a, b, cue_text, cue_end
    # subject before the cue
    floor = ss
    if quote is not None and quote[1] <= cue.start:
        floor = max(floor, quote[1] + 1)
    # do not read into a quote
    # (a span starting at or after the cue can neither hold it nor end before it: only the spans
    # starting before it are read)
    for qs, qe in art.quote_mask[:bisect.bisect_left(art._mask_starts, cue.start)]:
        if inside is not None and qs < inside[0] and inside[1] < qe:
            continue  # the quotation being searched, or one around it
        if qs < cue.start <= qe:
            return "", -1, -1, cue_text, cue_end
        if qe <= cue.start and qe > floor and not (
                _WORD_AFTER_MARK.match(text, qe) and text.count(" ", qs, qe) <= 3
                and "," in text[qe:cue.start] and (quote is None or quote[0] > cue.start)):
            # (a quoted word inside an appositive, "Viktor Olevich, a well-known ‘Americanist’ within
            # Russia …, told", does not hide the subject before it)
            floor = qe
    rel = _RELATIVE_WHO.search(text, max(floor, cue.start - 40), cue.start)
    if rel:
        # the antecedent is the noun phrase right before ", who": after the last verb or preposition
        # ("I had received signals from state leaders, who said" -> state leaders)
        toks = list(_NP_TOKEN.finditer(text, max(floor, rel.start() - 120), rel.start()))
        k = len(toks)
        while k > 0 and len(toks) - k < 7:
            lw = toks[k - 1].group(0)
            if not lw[0].isalnum() or lw.lower() in _BOUNDARY_WORDS or lw.islower() and (
                    lw in _PREPS or lw.endswith("ed") and len(lw) > 4 or lw in _IRREGULAR_PAST):
                break
            k -= 1
        np = (toks[k].start(), toks[-1].end()) if 0 < k < len(toks) and toks[k - 1].group(0)[0].isalnum() \
            else _np_before(art, rel.start(), floor)
        if np:
            spk, a, b = speaker_from_np(art, *np, outer_speaker=outer_speaker)
            if spk:
                return spk, a, b, cue_text, cue_end
    np = _np_before(art, cue.start, floor)
    if np and _IN_A_MESSAGE.fullmatch(text, np[0], np[1]):
        # "declaring “…” in a Facebook post ruling out …": the message is the clause subject's
        spk = _clause_subject(art, sent, np[0], outer_speaker=outer_speaker)
        if spk[0]:
            return spk[0], spk[1], spk[2], cue_text, cue_end
    if np and _POSSESSIVE_SUFFIX.search(text[np[0]:np[1]]):
        # "Peskov’s comments" is a noun; "Mr Macron’s remark that “…”" still says whose words follow
        if cue.lemma in _NOUN_CUES and _THAT_OR_QUOTE.match(text, cue.end):
            # the possessor only ("cast doubt on Russia’s claims that …": Russia)
            pos_m = _POSSESSOR.search(text, np[0], np[1])
            a0 = np[0] + pos_m.start() - np[0] if pos_m else np[0]
            spk, a, b = speaker_from_np(art, pos_m.start(1) if pos_m else np[0], np[1])
            if spk:
                return spk, a, b, cue_text, cue_end
        return "", -1, -1, "", -1
    if np:
        w0 = _PLAIN_WORD.match(text[np[0]:np[1]])
        if w0 and w0.group(0).islower() and not (w0.group(0).endswith("ing") and _MODIFIER_BEFORE.search(
                text, max(floor, np[0] - 30), np[0])) \
                and (w0.group(0).endswith(("ing", "ed")) or w0.group(0) in ("held", "wore", "made", "put", "set")):
            # "displaying a placard reading …", "held a placard branding …": the clause's subject
            spk = _clause_subject(art, sent, np[0], outer_speaker=outer_speaker)
            if spk[0]:
                return spk[0], spk[1], spk[2], cue_text, cue_end
    if np:
        prev_word = _LAST_WORD.search(text, max(floor, cue.start - 40), cue.start)
        pw = prev_word.group(1).lower() if prev_word else ""
        if pw in _NOT_BEFORE_CUE and not (
                pw in ("first", "last", "further")
                and not _DET_ONLY_BEFORE.search(text, max(floor, prev_word.start(1) - 12), prev_word.start(1))) \
                and not (pw in ("official", "press", "media", "news", "public")
                         and (cue.text.lower() in _PAST_SAYING or cue.text.lower().endswith("ed"))) \
                and not (pw in ("been", "is", "are", "was", "were") and cue.text.lower().split()[0].endswith("ing")):
            # ("have been calling for": a progressive, not "been said")
            # ("the official said", "the Associated Press said": a noun before a past verb of saying)
            # ("the first claims" is a noun; "co-host Sonny Hostin first told viewers" is not)
            return "", -1, -1, "", -1
        if not _speakerish(art, *np):
            if cue.text.lower().endswith("ing") and not _DET_ONLY_BEFORE.search(text, max(floor, cue.start - 12), cue.start):
                # a participle after the clause's object ("had posted videos … over the weekend warning …"):
                # the clause subject
                spk = _clause_subject(art, sent, np[0], outer_speaker=outer_speaker)
                if spk[0]:
                    return spk[0], spk[1], spk[2], cue_text, cue_end
            return "", -1, -1, cue_text, cue_end
        spk, a, b = speaker_from_np(art, *np, outer_speaker=outer_speaker)
        if spk:
            return spk, a, b, cue_text, cue_end
    return "", -1, -1, cue_text, cue_end


_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these", "those",
                "some", "many", "several", "two", "three", "four", "one", "another", "other", "both", "each",
                "most", "all", "few", "no"}


def _speakerish(art: Article, s: int, e: int) -> bool:
    """Can the phrase ``text[s:e]`` be a speaker? Its head (before any preposition) must end in a
    name, a pronoun or a speaker noun, and not be a day, an adverb or a function word."""
    words = _NP_WORD.findall(art.text[s:e])
    if not words:
        return False
    head = words
    for k, w in enumerate(words):
        if k > 0 and w.lower() in _PREPS:
            head = words[:k]
            break
    last = head[-1]
    low = _POSSESSIVE_TAIL.sub("", last.lower()).rstrip(".")
    if low in SPEAKER_NOUNS or low in PRONOUNS:
        return True
    if low in _CAP_STOP or low in _AUX or low in _BOUNDARY_WORDS or low.endswith("ly"):
        return False
    if last[:1].isupper():
        return True
    # a common noun phrase opened by a determiner ("the driver", "a city official")
    first = words[0].lower()
    if first in _DETERMINERS and len(head) <= 5 and not any(w.lower() in _AUX or w.lower() in _BOUNDARY_WORDS for w in head[1:]):
        return True
    # a person named at the very end ("... ambassador to the EU Vsevolod Chentsov")
    m = art.mention_at(s, e + 1)
    return bool(m and m.person and _ends_phrase(art.text, m.end, e))


#: Common first names by grammatical gender, for he/she agreement only (unknown names agree with both).
_FEMALE_NAMES = set("""maria anna olga elena yelena yulia julia natalia natalya irina tatiana tatyana svetlana liz
elizabeth ursula kamala nancy hillary annalena sanna kaja alexandria laura kayleigh victoria jen jennifer karine
linda marina lyudmila ludmila iryna oksana olena kateryna daria darya polina tamila franziska giorgia theresa
margaret angela emily sarah jessica mary patricia susan karen lisa nicole claire tulsi valentina veronika
viktoria ekaterina yekaterina alla galina nadia nadezhda vera sofia sophie emma olivia amy helen kate catherine
christine christina marie anne rachel rebecca ruth lauren megan michelle samantha stephanie alice lucy louise
ella ksenia kristina larisa larissa lubov lyubov oleksandra mariya khrystyna ivanna solomiya ulyana hanna
agnieszka beata ewa magdalena katarzyna marta joanna nikki kristi lindsey kirsten elise""".split())
_MALE_NAMES = set("""vladimir volodymyr dmitry dmitri dmytro sergey sergei serhiy andrey andrei andriy alexander
aleksandr oleksandr oleksiy alexei aleksey mikhail mykhailo nikolai mykola ivan igor ihor yuri yuriy boris pavel
pavlo viktor vitaly vitali vitaliy oleg oleh anatoly anatoliy ramzan yevgeny evgeny yevhen maxim maksym denis
denys roman ruslan kirill kyrylo valery valeriy joe joseph donald barack george john james robert michael
william david richard thomas charles christopher daniel matthew anthony mark paul steven andrew kenneth joshua
kevin brian timothy ronald jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
brandon benjamin samuel frank gregory raymond patrick jack dennis jerry tyler aaron adam nathan henry peter
zachary kyle walter harold keir rishi boris emmanuel olaf jens antony lloyd jake ned mitch kevin chuck ted
recep xi jair narendra viktor volodimir vasily vasyl stepan taras bohdan rinat petro pyotr vadim vadym
gennady hennadiy lev leonid arseniy arseny mikheil nikita artem artyom yaroslav""".split())


#: Slavic surnames mark gender where the first name is unknown (Nino Nazarova; Peskov, Zelensky)
_FEMALE_SURNAME = re.compile(r"(?:ova|eva|yova|skaya|tskaya|ska|cka)$")
_MALE_SURNAME = re.compile(r"(?:ov|ev|yov|sky|skiy|skyi|skyy|ski|cki)$")


def _gender_clash(pronoun: str, name: str) -> bool:
    if pronoun == "person":
        return False
    parts = name.lower().split()
    first = parts[0].rstrip(".")
    last = parts[-1] if len(parts) >= 2 and first not in _MALE_NAMES and first not in _FEMALE_NAMES else ""
    if pronoun in ("she", "her"):
        return first in _MALE_NAMES or first in ("mr", "sir", "lord") or bool(last and _MALE_SURNAME.search(last))
    return first in _FEMALE_NAMES or first in ("mrs", "ms", "miss", "lady", "dame") \
        or bool(last and _FEMALE_SURNAME.search(last))


def _ends_phrase(text: str, mend: int, pend: int) -> bool:
    """True if a mention ending at ``mend`` closes the phrase ending at ``pend`` (a possessive allowed)."""
    rest = text[mend:pend]
    return not rest.strip() or rest in ("’s", "'s", "’", "'")


_LEADING_ADVERBIAL = re.compile(
    r"\s*(?:(?:On|In|During|At|After|Before|Earlier|Later|Last|Prior\s+to|Since|While|When|Speaking|Asked|"
    r"Following|Meanwhile|However|Still|Also|But|And|Yet|Then|Now|Separately|Instead|Overall|For\s+his\s+part|"
    r"For\s+her\s+part|Addressing|Writing|Commenting|Responding|Reacting|Appearing|Citing|Referring|"
    # a time before or after ("A year after the Nazi surrender, he accepted …")
    r"(?:An?|One|Two|Three|Four|Five|Several|A\s+few|Some)\s+(?:days?|weeks?|months?|years?|hours?|decades?)\s+"
    r"(?:after|before|later|earlier|ago))\b[^,;]{0,80},\s*)+")


def _clause_subject(art: Article, sent: tuple[int, int], pos: int, *, outer_speaker: str = "") -> tuple[str, int, int]:
    """Subject of the main clause before ``pos``: the speaker of an earlier cue in the sentence,
    else the first name or pronoun of the sentence outside quotes."""
    ss, _ = sent
    for c in _cues_in(art, ss, pos):
        if not c.text.lower().endswith("ing") and not art.in_quote(c.start):
            spk = _cue_speaker(art, c, sent, quote=None, outer_speaker=outer_speaker)
            if spk[0]:
                return spk[0], spk[1], spk[2]
    text = art.text
    start = ss
    lead = _LEADING_ADVERBIAL.match(text, ss, pos)
    if lead:
        start = lead.end()
    seg = text[start:pos]
    m = _PERSONAL_PRONOUN_START.match(seg)
    if m:
        a = start + m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        return speaker_from_np(art, a, start + m.end(), outer_speaker=outer_speaker)
    # a name (with its titles) opening the clause, outside quotes ("“Family …,” urge the authors,
    # adding …": not "Family")
    i = bisect.bisect_left(art.mention_starts, start)
    while i < len(art.mentions) and art.mentions[i].start < pos and art.in_quote(art.mentions[i].start):
        i += 1
    if i < len(art.mentions):
        mm = art.mentions[i]
        pre = text[start:mm.start]
        if mm.start < pos and len(pre) < 60 and not _PUNCT_OR_PREPOSITION.search(pre):
            # "Serial entrepreneur Oleg Tinkov has ...": a name after role words is the subject
            while i + 1 < len(art.mentions) and art.mentions[i + 1].start < pos:
                am = _OWNER_ROLE_COMMA.fullmatch(text, mm.end, art.mentions[i + 1].start)
                if am and am.group(1).lower() in _ROLEISH and art.mentions[i + 1].person:
                    # "The EU’s foreign policy chief, Josep Borrell, was … justified in describing": the
                    # person in apposition to the owner's role
                    mm = art.mentions[i + 1]
                    break
                gap = text[mm.end:art.mentions[i + 1].start].split()
                lone = not mm.person and " " not in mm.text and len(gap) <= 2 and all(g.islower() for g in gap)
                if gap and all(g.lower() in _ROLEISH or g.lower() in SPEAKER_NOUNS for g in gap) or not gap or lone:
                    i += 1
                    mm = art.mentions[i]
                else:
                    break
            return art.canonical(mm.text), mm.start, mm.end
    m = _ROLE_SUBJECT.match(seg)
    if m:
        return speaker_from_np(art, start + m.start(1), start + m.end(1), outer_speaker=outer_speaker)
    return "", -1, -1


#: A role opening the clause, quoted words allowed inside (The "Ingraham Angle" host went on to …)
_ROLE_SUBJECT = re.compile(r"\s*((?:[Tt]he|[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther|[Mm]ost|[Aa]n?)\s+(?:[\w\-“”\"‘’']+\s+){0,3}?(?:%s))\b" % "|".join(
    sorted(ROLE_NOUNS | SPEAKER_NOUNS, key=len, reverse=True)))


_LEADING_PARTICIPLE = re.compile(r"\s*(?:(?:After|Before|While|When|Since|Besides|Despite|By|Apart\s+from|In\s+addition\s+to)"
                                 r"\s+)?(?:(Having|having)\s+(?:been\s+)?)?(?:[a-z]+ly\s+|also\s+|already\s+|long\s+){0,2}")
_AFTER_COMMA_SUBJECT = re.compile(r"[”\"’']?\s*,?\s*[”\"’']?\s+(?=[A-Z]|(?:he|she|they|it|we)\b)")


def _subject_after_comma(art: Article, pos: int, se: int, *, outer_speaker: str = "") -> tuple[str, int, int]:
    """Subject of the main clause that follows an opening participle phrase: the clause after the
    first comma (inside or outside a closing quotation mark) that opens with a name or a pronoun."""
    text = art.text
    k = text.find(",", pos, se)
    while k >= 0:
        m = _AFTER_COMMA_SUBJECT.match(text, k + 1) if text[k + 1:k + 2] in "”\"’' " else None
        if m:
            return _clause_subject(art, (m.end(), se), se, outer_speaker=outer_speaker)
        k = text.find(",", k + 1, se)
    return "", -1, -1


def _cues_in(art: Article, start: int, end: int) -> list[Cue]:
    """The cues starting in ``[start, end)`` (cues are sorted by start: two bisections)."""
    starts = art._cue_starts
    return art.cues[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def _quote_region(art: Article, qs: int, qe: int) -> tuple[int, int, int, int]:
    """Sentence indices and offsets covering a quote (a quote may span several sentences)."""
    i = art.sentence_index(qs)
    j = art.sentence_index(max(qs, qe - 1))
    # a closing mark and attribution may sit in the sentence after the one holding the last word
    s = art.sentences[i][0] if art.sentences else 0
    e = art.sentences[j][1] if art.sentences else len(art.text)
    if e <= qe + 1 and j + 1 < len(art.sentences) and art.paragraph_of_sentence[j + 1] == art.paragraph_of_sentence[j]:
        nxt = art.sentences[j + 1]
        # the closing mark fell into the next "sentence" (a split inside the quote): only when what
        # follows the mark is no new capitalised sentence
        if nxt[0] <= qe + 2 and (not _CAPITAL_AFTER_MARK.match(art.text[qe:qe + 4]) or _inverted_reporting_clause(art, qe)):
            j += 1
            e = nxt[1]
    return i, j, s, e


_NAME_THEN_WORD = re.compile(r"[”\"’']?\s*(?:[A-Z][\w’'\-\.]*\s+){1,4}([a-z]+)")


def _inverted_reporting_clause(art: Article, qe: int) -> bool:
    """After a quote ending in ? or !: a name and a cue ("“… such a plan?” Zelenskyy added"), the
    quote's own reporting clause though a capital follows the mark."""
    m = _NAME_THEN_WORD.match(art.text, qe)
    return bool(m) and m.start(1) in art._cue_start_set and art.text[qe - 1:qe] in "?!"


def attribute_span(art: Article, qs: int, qe: int, *, outer_speaker: str = "",
                   enclosing: tuple[int, int] | None = None) -> Attribution:
    """Speaker and cue of the quoted span ``[qs, qe)`` (offsets inside the marks).

    Looks in the span's sentence(s) (the cue governing the span, outside any quote) and for the
    headline forms ``X: “…”`` / ``“…” – X``. Neighbouring sentences and the rest of the article
    are searched by :mod:`framing.quotes`, which knows the other spans. ``enclosing``: the span
    of the quotation this one is nested in (search inside it only).
    """
    if not art.sentences:
        return Attribution()
    i, j, rs, re_ = _quote_region(art, qs, qe)
    if enclosing is not None:  # nested quote: search inside the enclosing quote only
        rs, re_ = enclosing
    res = _attribute_in(art, qs, qe, (rs, re_), outer_speaker=outer_speaker, inside=enclosing)
    if res.found:
        res.how = "sentence"
        return res
    if enclosing is not None:
        return Attribution(speaker=outer_speaker, how="enclosing") if outer_speaker else Attribution()
    # headline-style attributions inside the sentence: 'X: “…”' and '“…” – X'
    res = _colon_or_dash(art, qs, qe, (rs, re_))
    if res.found:
        res.how = "sentence"
        return res
    return Attribution()


_DASH_AFTER = re.compile(r"\s*[,.]?\s*[–—-]\s*([A-Z][\w’'\-\.]*(?:\s+[A-Z][\w’'\-\.]*){0,4})\s*$")
_COLON_BEFORE = re.compile(r"(?:^|[.!?]\s+)([A-Z][\w’'\-\.]*(?:\s+[\w’'\-\.]+){0,5})\s*:\s*$")


def _colon_or_dash(art: Article, qs: int, qe: int, region: tuple[int, int]) -> Attribution:
    text = art.text
    rs, re_ = region
    after = text[qe + 1:re_]
    m = _DASH_AFTER.match(after)
    if m:
        a = qe + 1 + m.start(1)
        spk, s, e = speaker_from_np(art, a, qe + 1 + m.end(1))
        if spk:
            return Attribution(spk, s, e)
    before = text[rs:max(rs, qs - 1)]
    m = _COLON_BEFORE.search(before)
    if m:
        a = rs + m.start(1)
        np_text = m.group(1)
        if len(np_text.split()) <= 4 and not _LINK_LINE.match(np_text + ":"):  # ("Related: ‘…’" is a link)
            spk, s, e = speaker_from_np(art, a, rs + m.end(1))
            if spk and spk[0].isupper():
                return Attribution(spk, s, e)
    return Attribution()


_GOVERNS = re.compile(r"^\s*(?:(?:[\w’'\-\.]+\s+){0,4}?(?:that|:)|(?:[\w’'\-\.]+\s+){0,3}?[\w’'\-\.]+\s*:|\s*,)\s*$")
_REPORTING_CLAUSE = re.compile(r"[,–—]\s*(?:[\w’'\-\.()]+\s+){1,5}$")
_WORDS_RE = re.compile(r"[^\W_]+")
_CLOSING_CLAUSE = re.compile(r"(?:\s+(?:on|in|at|last|this|late|early)?\s*[\w’'\-\.]+){0,4}\s*[.!?]?[”\"’']?\s*$")
#: What follows a quote when the writer's sentence goes on rather than closing with a reporting clause
#: ("reported “…” and called on …", "denies being the “straw man” for X and says …").
_GAP_CONTINUES = re.compile(r"[\s,]*(?:and|but|or|for|of|to|in|on|at|with|by|from|as|that|which|who|whom|while|"
                            r"when|because|after|before|into|over|about|against|than|if)\b")
_SUBORDINATE_BEFORE = re.compile(r"\b(?:while|although|though|whereas|because|since|after|before|when|if|once|"
                                 r"unless)\s+(?:[\w’'\-]+\s+){0,5}$", re.I)
_OBJECT_FOR_ING = re.compile(r"\b(?:criticiz|criticis|accus|blam|prais|thank|condemn|slamm|mock|attack|lambast|ridicul|"
                             r"chid|rebuk|scold|fault|applaud|commend|hail|laud|punish|sanction)\w*\s+"
                             r"((?:[A-Z][\w’'\-\.]*\s+){1,3}|him\s+|her\s+|them\s+)(?:for|of)\s+$")
_WORD_AFTER_MARK = re.compile(r" [a-z]")
_POSSESSOR = re.compile(r"((?:[A-Z][\w\-\.]*\s+){0,3}[A-Z][\w\-\.]*|the\s+[a-z]+)(?:’s|'s|´s)\s*(?:[\w\-]+\s*)?$")
_CALLED_NAME = re.compile(r"\s+(?:called|named)\s+(?=[A-Z])")
_THAT_AFTER_CUE = re.compile(r"\s*(?:[\w’'\-]+\s+){0,4}?that\b")
_THAT_AFTER = re.compile(r"\s*(?:[\w’'\-]+\s+){0,2}?that\b")
_SHORT_GAP = re.compile(r"^[\s,.!?;:—–\-)\]]*(?:[\w’'\-\.]+\s+){0,8}$")


def _attribute_in(art: Article, qs: int, qe: int, region: tuple[int, int], *, outer_speaker: str = "",
                  inside: tuple[int, int] | None = None) -> Attribution:
    """Nearest usable cue in ``region`` outside quotes, and its speaker."""
    text = art.text
    rs, re_ = region
    cands = []
    for c in _cues_in(art, rs, re_):
        if qs - 1 <= c.start < qe + 1:
            continue  # inside this quote
        if art.in_quote(c.start) and (inside is None or _in_inner_quote(art, c.start, inside)):
            continue
        participle = c.text.lower().endswith("ing")
        if c.lemma == "in the words of" and c.start >= qe:
            continue  # (only before the words it gives: "or, in the words of Sergey Lavrov, as acts of “…”")
        if c.start >= qe:
            dist = c.start - qe
            gap = text[qe + 1:c.start]
            # "“…,” X said" / "“…,” said X": only a short subject between quote and cue
            if not participle and _SHORT_GAP.match(gap) and not _GAP_CONTINUES.match(gap) \
                    and not _THAT_AFTER_CUE.match(text, c.end):
                pref = 0  # (not "“…,” he admitted in late June that …": that verb has its own content clause)
            else:
                pref = 2 if not participle else 3
            if c.lemma == "put" and len(_WORDS_RE.findall(gap.rsplit(" as ", 1)[0])) <= 4:
                pref = -2  # "… a ‘blank check’ to Ukraine, as GOP Leader Kevin McCarthy put it": whose words they are
        else:
            dist = qs - c.end
            # the nearest cue before the quote governs it ("X said that … “…”", "X told reporters: “…”");
            # one that introduces the quote directly ("said Wednesday that “…”", "said: “…”") comes first
            pref = -1 if _GOVERNS.match(text[c.end:max(c.end, qs - 1)]) else 1
            if pref == 1 and c.text.lower().endswith("ing") and "," not in text[c.end:qs]:
                lead = _LEADING_PARTICIPLE.match(text, art.sentences[art.sentence_index(c.start)][0], c.start)
                if lead and lead.end() == c.start:
                    pref = -1  # "Stressing that Hungary “must be …,” Orban emphasized": the opening participle's words
            if _SUBORDINATE_BEFORE.search(text, max(rs, c.start - 50), c.start) and "," in text[c.end:qs] \
                    and not _THAT_AFTER.match(text, c.end):  # ("after X said that Kiev, using …, is going to “…”")
                # "X said that while the men had pleaded guilty, they were given … “…”": a cue in a
                # subordinate clause closed before the quote does not govern it
                pref = 4
        cands.append((pref, dist, c))
    cands.sort(key=lambda t: (t[0], t[1]))
    sent = (rs, re_)
    one_word = len(_WORDS_RE.findall(text[qs:qe])) <= 1
    for pref, _, c in cands:
        if one_word and pref >= 2 and not _REPORTING_CLAUSE.search(text, max(rs, c.start - 60), c.start):
            continue  # a single word and a cue in a later clause: not that cue's word
            # (a closing reporting clause — "…, Zelensky insisted" — still counts)
        spk, s, e, cue_text, cue_end = _cue_speaker(art, c, sent, quote=(qs, qe), outer_speaker=outer_speaker,
                                                    inside=inside)
        if not cue_text:
            continue
        if spk and c.end <= qs:
            # reported speech inside reported speech ("He said Interpol urged members to … “…”"): the
            # words are the outer speaker's
            outer = _outer_saying_cue(art, c, rs)
            if outer is not None:
                ospk, os_, oe, ocue_text, ocue_end = _cue_speaker(art, outer, sent, quote=(qs, qe),
                                                                 outer_speaker=outer_speaker, inside=inside)
                if ospk and ocue_text and (ospk != spk or c.lemma in ("speak", "talk")):
                    # (the same speaker on both levels keeps the inner verb of saying: "said he told Lavrov
                    # that “…”"; "said he had spoken “to the staff …”" is said)
                    spk, s, e, cue_text, cue_end, c = ospk, os_, oe, ocue_text, ocue_end, outer
        if spk:
            lemma = _lemma_of(art, c, cue_text)
            return Attribution(spk, s, e, lemma, cue_text, art.lexicon.category(lemma), c.start, cue_end)
    return Attribution()


_SAID_THEN_SUBJECT = re.compile(r"\s+(?:that\s+)?(?:[A-Z][\w’'\-\.]*(?:\s+[A-Z][\w’'\-\.]*){0,3}|the\s+[a-z]+|it|they|he|she|we)"
                                r"\s+(?:[a-z]+ly\s+|had\s+|has\s+|have\s+)*$")


def _outer_saying_cue(art: Article, c: Cue, rs: int) -> Cue | None:
    """The cue of saying whose content clause holds cue ``c`` right after its subject ("said
    Interpol urged …", "said that the ministry claimed …"), in the same sentence, else None."""
    k = bisect.bisect_left(art._cue_starts, c.start) - 1
    if k < 0:
        return None
    o = art.cues[k]
    if o.start < rs or o.lemma not in ("say", "tell", "write", "add") or art.in_quote(o.start):
        return None
    if not _SAID_THEN_SUBJECT.fullmatch(art.text, o.end, c.start):
        return None
    return o


def _in_inner_quote(art: Article, pos: int, inside: tuple[int, int]) -> bool:
    """``pos`` lies in a quote nested inside the quotation ``inside`` (not just in that quotation)."""
    return any(s <= pos < e and inside[0] <= s for s, e in art.quote_mask)


def _lemma_of(art: Article, c: Cue, cue_text: str) -> str:
    """Lemma of the cue as finally read ("cited … as saying" -> say; "told reporters" -> tell)."""
    m = _AS_SAYING_END.search(cue_text)
    if m:
        return {"saying": "say", "telling": "tell", "writing": "write"}[m.group(1).lower()]
    return art.lexicon.lemma_of.get(" ".join(cue_text.lower().split()), c.lemma)


def sentence_attribution(art: Article, k: int) -> Attribution:
    """Attribution carried by sentence ``k`` itself (a cue with a speaker outside quotes)."""
    s, e = art.sentences[k]
    found = None
    for c in _cues_in(art, s, e):
        if art.in_quote(c.start):
            continue
        spk, a, b, cue_text, cue_end = _cue_speaker(art, c, (s, e), quote=None)
        if spk and cue_text:
            lemma = _lemma_of(art, c, cue_text)
            att = Attribution(spk, a, b, lemma, cue_text, art.lexicon.category(lemma), c.start, cue_end)
            if found is None:
                found = att
            if found is not att and _CLOSING_CLAUSE.match(art.text, cue_end, e) \
                    and art.text[max(s, min(a, c.start) - 3):min(a, c.start)].rstrip().endswith((",", "—", "–")):
                # a closing reporting clause governs the sentence: "While many politicians claim …,
                # this is not the case, Zakharova said."
                return att
    return found or Attribution()


# ----------------------------------------------------------------------------- reported speech
_EVIDENCE_CUES = {"show", "find", "demonstrate", "prove", "establish"}
_EVIDENCE_SOURCES = {"poll", "polls", "survey", "surveys", "study", "studies", "data", "report", "reports",
                     "research", "analysis", "figures", "statistics", "numbers", "documents", "records",
                     "footage", "video", "images", "evidence", "investigation", "inquiry", "review", "audit",
                     "test", "tests", "researchers", "scientists", "investigators", "census", "assessment"}


def reported_speech(art: Article, *, quote_attrs: dict | None = None) -> list[dict]:
    """Attributions without quotation marks: one dict per cue that has a speaker and a content
    clause of at least three words outside quotes. Keys: start, end (the clause), and the
    :class:`Attribution` fields."""
    used = set()
    for a in (quote_attrs or {}).values():
        if a.cue_start >= 0:
            used.add(a.cue_start)
    out = []
    for k, (ss, se) in enumerate(art.sentences):
        for c in _cues_in(art, ss, se):
            if art.in_quote(c.start):
                continue
            spk, a, b, cue_text, cue_end = _cue_speaker(art, c, (ss, se), quote=None)
            if not spk or not cue_text:
                continue
            if c.lemma in _EVIDENCE_CUES and art.text[a:b].lower().split()[-1:] and \
                    art.text[a:b].lower().split()[-1] not in _EVIDENCE_SOURCES:
                continue  # "the poll showed that …" is reported; "his refusal shows …" is not
            clause = _content_clause(art, c, cue_end, (ss, se), (a, b))
            if clause is None:
                continue
            cs, ce = clause
            outside = _words_outside_quotes(art, cs, ce)
            if outside < 3:
                continue
            if c.start in used and outside < 4:
                continue
            out.append(dict(start=cs, end=ce, attribution=Attribution(
                spk, a, b, _lemma_of(art, c, cue_text), cue_text, art.lexicon.category(_lemma_of(art, c, cue_text)),
                c.start, cue_end, how="sentence")))
    return out




#: Cues that take a content clause without "that" ("said it's possible", "told detectives he ...").
_BARE_CLAUSE_CUES = {
    "say", "tell", "claim", "state", "add", "write", "admit", "insist", "argue", "note", "warn", "report",
    "confirm", "explain", "acknowledge", "concede", "allege", "maintain", "contend", "assert", "predict",
    "suggest", "indicate", "announce", "reveal", "complain", "boast", "stress", "emphasise", "emphasize",
    "reiterate", "recall", "remind", "estimate", "agree", "deny", "tweet", "post", "testify", "declare",
    "answer", "reply", "respond", "remark", "comment", "observe", "point out", "lament", "whine", "grumble",
    "believe", "think", "hope", "fear", "promise", "vow", "pledge", "signal", "repeat", "conclude",
}
_NOT_CLAUSE_START = {
    "to", "for", "of", "by", "with", "nothing", "something", "goodbye", "hello", "thanks", "sorry", "so",
    "yes", "no", "as", "from", "against", "into", "over", "more", "less", "much", "little", "little",
    "farewell", "anything", "everything", "otherwise", "earlier", "later", "and", "or", "but", "before",
    "after", "without", "through", "up", "out", "off", "down", "back", "hi", "amen",
}
_ADVERBIAL = re.compile(
    r"\s*(?:(?:on|in|at|during|last|this|earlier|later|late|early|again|also|previously|recently|repeatedly|"
    r"publicly|privately|yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)\b(?:\s+(?!that\b)[\w’'\-\.]+){0,4}?\s*,?\s*)?"
    r"(?=that\b|[A-Za-z\u201c\"‘'])", re.I)


_ADVERB_START = {"on", "in", "at", "during", "last", "this", "earlier", "later", "late", "early", "again",
                 "also", "previously", "recently", "repeatedly", "publicly", "privately", "yesterday",
                 "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                 "sunday", "aug.", "sept.", "oct.", "nov.", "dec.", "jan.", "feb.", "then", "once", "now",
                 "separately", "afterwards", "afterward", "ultimately", "finally", "both", "all"}
_ADVERB_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                 "february", "march", "april", "may", "june", "july", "august", "september", "october",
                 "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", "twitter",
                 "facebook", "telegram", "instagram", "cnn", "bbc", "fox"}
_CLAUSE_OPENERS = {"he", "she", "they", "it", "there", "we", "i", "you", "the", "a", "an", "his", "her",
                   "their", "its", "this", "these", "those", "some", "many", "most", "all", "no", "any",
                   "several", "only", "one", "two", "three", "more", "nobody", "everyone", "if", "because"}


def _content_clause(art: Article, cue: Cue, cue_end: int, sent: tuple[int, int],
                    spk: tuple[int, int]) -> tuple[int, int] | None:
    """The reported clause of a cue: after it ("X said (that) CLAUSE", "X told reporters CLAUSE"),
    or before it ("CLAUSE, X said", "CLAUSE, according to X", "CLAUSE, she says, and ...")."""
    text = art.text
    ss, se = sent
    while se > ss and text[se - 1] in ".!?":
        se -= 1

    def clause_before():
        # "CLAUSE, X said [Monday]." / "CLAUSE, said X" / "CLAUSE, she says, and ..."
        first = min(spk[0], cue.start) if spk[0] >= 0 else cue.start
        pre = text[ss:first]
        if not pre.rstrip().endswith((",", "”", "\"", "’", "—", "–")):
            return None
        before = pre.rstrip(" ,—–")
        if len(before.split()) >= 3:
            return ss, ss + len(before)
        return None

    if cue.lemma == "according to":
        if spk[1] >= 0 and spk[0] >= cue.start:
            after = text[spk[1]:se]
            m = _UP_TO_COMMA.match(after)
            if cue.start - ss < 3 and m:
                return spk[1] + m.end(), se
            before = text[ss:cue.start].rstrip(" ,")
            if len(before.split()) >= 3:
                return ss, ss + len(before)
        return None
    if spk[0] > cue.start:  # inversion: "CLAUSE, said X"
        return clause_before()
    after = text[cue_end:se]
    if cue.lemma in ("tell", "ask", "urge", "warn", "inform", "advise", "brief", "remind"):
        # "told reporters (that) ...": an object (at most four words) precedes the clause
        mm = _WORDS_THEN_THAT.match(after)
        if mm:
            return cue_end + mm.end(), se
        if cue.lemma not in ("tell", "remind"):
            return None
        mm = re.match(r"\s*(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w’'\-\.]+\s+){0,3}?"
                      r"(?=(?:he|she|they|it|there|we|i|the|a|his|her|their|its)\b)", after, re.I)
        if mm and mm.end() > len(after) - len(after.lstrip()):
            rest = after[mm.end():]
            if len(rest.split()) >= 3:
                return cue_end + mm.end(), se
        return clause_before()
    m = _THAT_ABOUT_COLON_START.match(after)
    if m:
        if m.group(0).strip() == "about" and cue.lemma not in ("moan", "complain", "boast", "lament", "whine",
                                                               "grumble", "brag", "rant", "gripe", "warn"):
            return None
        start = cue_end + (m.end() if m.group(0).strip() != "that" else len(after) - len(after.lstrip()))
        return (start, se) if len(text[start:se].split()) >= 2 else None
    if cue.lemma not in _BARE_CLAUSE_CUES and cue.lemma not in ("moan",):
        return clause_before()
    adv = _ADVERBIAL.match(after)
    rest = after[adv.end():] if adv else after
    first = _PLAIN_WORD.match(rest)
    if not first or len(rest.split()) < 3:
        return clause_before()
    fw = first.group(0).lower()
    if fw in _NOT_CLAUSE_START:
        return clause_before()
    if fw == "that":
        return cue_end + (len(after) - len(after.lstrip())), se
    return cue_end + (adv.end() if adv else 0) + (len(rest) - len(rest.lstrip())), se


def _words_outside_quotes(art: Article, s: int, e: int) -> int:
    """Words of ``text[s:e]`` outside quoted spans (marks included), counted piece by piece."""
    text = art.text
    cuts = sorted((max(qs, s), min(qe, e)) for qs, qe in art.quote_mask if qe > s and qs < e)
    n, pos = 0, s
    for a, b in cuts:
        if a > pos:
            n += len(_WORDS_RE.findall(text[pos:a]))
        pos = max(pos, b)
    if pos < e:
        n += len(_WORDS_RE.findall(text[pos:e]))
    return n
