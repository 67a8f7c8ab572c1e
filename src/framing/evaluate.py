"""Scores of the quote extractor on two gold sets.

* :func:`evaluate_ggt`: the Gender Gap Tracker quote gold set (98 Canadian news articles, 1,466
  quotes with speaker and verb), scored the way that project scores its own extractor
  (``NLP/evaluation/src/eval/evaluate_quotes.py`` in sfu-discourse-lab/GenderGapTracker):
  for each gold quote in turn, the best remaining predicted quote whose overlap
  ``|gold ∩ pred| / |gold|`` exceeds the threshold (0.3 and 0.8) is its match; unmatched gold
  quotes are false negatives, unmatched predictions false positives. On a match, the speaker is
  right if the predicted speaker span overlaps the gold one (or the gold quote has no speaker
  and the prediction has no cue of its own: a "floating" quote), and the verb is right if the
  surface verbs are equal (lower case).
* :func:`evaluate_scare`: the project's hand-annotated quote-type gold set
  (``tests/data/quotes_gold``): precision / recall / F1 per type (direct, partial, scare, other),
  and speaker and cue accuracy on the matched direct and partial spans.

:func:`run_evaluation` prints either or both as a table (``framing evaluate ggt|scare|all``).
"""
from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .config import find_project_root
from .io import FramingError, write_text
from .quotes import quote_hits

GGT_XLSX = "AnnotationTable_byArticle_withReplacementArticles.xlsx"
GGT_ZIP = "rawtext.zip"
#: The Gender Gap Tracker's own extractor on this set (their README, V5.3).
GGT_THEIRS = {"f1_0.3": 83.7, "f1_0.8": 76.1, "speaker_0.3": 86.5, "verb_0.3": 92.1}
TYPES = ("direct", "partial", "scare", "other")


# ----------------------------------------------------------------------------- locations
def default_ggt_path() -> Path:
    """``$FRAMING_SHARED/gold/gendergaptracker``, else ``../shared/gold/gendergaptracker``."""
    shared = os.environ.get("FRAMING_SHARED")
    base = Path(shared) if shared else find_project_root().parent / "shared"
    return base / "gold" / "gendergaptracker"


def default_scare_path() -> Path:
    """The quote-type gold set shipped with the repository: ``tests/data/quotes_gold``."""
    return find_project_root() / "tests" / "data" / "quotes_gold"


# ----------------------------------------------------------------------------- GGT gold
def _parse_quotations(raw: Any, ident: str) -> list[dict]:
    """The ``quotations`` JSON list of one article. One article's list was pasted twice with the
    first copy unclosed: the last complete list in the cell is used."""
    if not isinstance(raw, str) or not raw.strip():
        return []
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        data = None
        dec = json.JSONDecoder()
        for m in reversed(list(re.finditer(r"\[\s*\{", raw))):
            try:
                data, _ = dec.raw_decode(raw[m.start():])
                break
            except json.JSONDecodeError:
                continue
        if data is None:
            raise FramingError(f"GGT gold: quotations of article {ident} are not readable JSON")
    return [q for q in data if isinstance(q, dict)]


def _index(s: Any) -> tuple[int, int] | None:
    """``"(12,40)"`` -> (12, 40); empty, ``")"`` or malformed -> None (as the GGT scorer does)."""
    if not isinstance(s, str):
        return None
    parts = [p.strip() for p in s.replace("(", "").replace(")", "").split(",") if p.strip()]
    if len(parts) != 2:
        return None
    try:
        a, b = int(parts[0]), int(parts[1])
    except ValueError:
        return None
    return (a, b)


def _locate(text: str, needle: str, near: int) -> tuple[int, int] | None:
    """Occurrence of ``needle`` in ``text`` nearest to offset ``near`` (whitespace-tolerant)."""
    needle = needle.strip()
    if not needle:
        return None
    pat = re.compile(r"\s+".join(re.escape(w) for w in needle.split()))
    best = None
    for m in pat.finditer(text):
        d = abs(m.start() - near)
        if best is None or d < best[0]:
            best = (d, m.start(), m.end())
    return (best[1], best[2]) if best else None


def load_ggt(path: str | os.PathLike | None = None) -> list[dict]:
    """The GGT gold set as ``[{id, text, quotes: [{quote, quote_index, speaker, speaker_index,
    verb}]}]`` with offsets re-found in the raw text by the quoted words (the spreadsheet's
    offsets drift by a few characters per paragraph). A quote whose index is empty keeps
    ``quote_index=None``: the GGT scorer cannot match it, so it counts as a false negative."""
    p = Path(path) if path else default_ggt_path()
    xlsx, zpath = p / GGT_XLSX, p / GGT_ZIP
    for f in (xlsx, zpath):
        if not f.exists():
            raise FramingError(f"{f}: GGT gold file not found (give the folder with --path)")
    table = pd.read_excel(xlsx, engine="openpyxl")
    texts: dict[str, str] = {}
    with zipfile.ZipFile(zpath) as z:
        for name in z.namelist():
            m = re.search(r"([0-9a-f]{24})\.txt$", name)
            if m:
                texts[m.group(1)] = z.read(name).decode("utf-8")
    out = []
    for _, row in table.iterrows():
        # one _id lacks its parentheses ("ObjectId5c54…)"): drop the prefix before reading the hex digits
        m = re.search(r"[0-9a-f]{24}", re.sub(r"^\s*ObjectId\(?", "", str(row.get("_id", ""))))
        if not m or m.group(0) not in texts:
            continue
        ident = m.group(0)
        text = texts[ident]
        quotes = []
        for q in _parse_quotations(row.get("quotations"), ident):
            qtext = str(q.get("quote", "") or "")
            qi = _index(q.get("quote_index"))
            loc = None
            if qi is not None:
                loc = _locate(text, qtext, qi[0]) or qi
            drift = (loc[0] - qi[0]) if (loc and qi) else 0
            si = _index(q.get("speaker_index"))
            spk = str(q.get("speaker", "") or "")
            sloc = None
            if si is not None and spk.strip():
                sloc = _locate(text, spk, si[0] + drift) or si
            quotes.append({"quote": qtext, "quote_index": loc, "speaker": spk, "speaker_index": sloc,
                           "verb": str(q.get("verb", "") or "")})
        out.append({"id": ident, "text": text, "quotes": quotes})
    return out


def ggt_predictions(doc_id: str, text: str, codebook: Any = None) -> list[dict]:
    """The extractor's output in GGT form: quotes (direct, and partial with a named speaker; marks
    included in the span as GGT annotates them) and reported speech; quotes lying inside a reported
    clause are part of that clause (GGT annotates one quote per attribution); scare and other
    quotes are no quotations in GGT's sense. Verb = first word of the cue as written
    ("according to" is no verb: '')."""
    rows = quote_hits(doc_id, "", text, codebook)
    rep = [r for r in rows if r["feature"] == "reported_speech" and r["field"] == "text"]
    quotes = [r for r in rows if r["feature"] == "quote" and r["field"] == "text"
              and (r["quote_type"] == "direct" or (r["quote_type"] == "partial" and r["speaker"]))]
    out = []
    for r in quotes:
        if any(o is not r and o["start"] <= r["start"] and r["end"] <= o["end"] and (o["end"] - o["start"]) > (r["end"] - r["start"]) for o in quotes):
            continue  # nested quote
        if any(p["start"] <= r["start"] and r["end"] <= p["end"] for p in rep):
            continue
        s, e = r["start"], r["end"]
        if s > 0 and not text[s - 1].isalnum():
            s -= 1
        if e < len(text) and not text[e].isalnum():
            e += 1
        out.append(_ggt_row(r, s, e, text))
    for r in rep:
        out.append(_ggt_row(r, r["start"], r["end"], text))
    return out


def _ggt_row(r: dict, s: int, e: int, text: str) -> dict:
    # a quote carrying on the previous sentence's attribution is "floating" in GGT's sense: GGT
    # annotates no verb for it (our rows keep the carried-over cue)
    floating = not r["cue_text"] or (0 <= r["cue_end"] <= r["start"] and re.search(r"[.!?]", text[r["cue_end"]:r["start"]]))
    verb = r["cue_text"].split()[0].lower() if r["cue_text"] and r["cue"] != "according to" and not floating else ""
    return {"quote_index": (s, e), "speaker": r["speaker"],
            "speaker_index": (r["speaker_start"], r["speaker_end"]) if r["speaker_start"] >= 0 else None,
            "verb": verb, "is_floating_quote": bool(floating), "text": r["text"]}


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    """``|a ∩ b| / |a|`` with ``a`` the reference (0 if either is missing or empty)."""
    if a is None or b is None or a[1] <= a[0] or b[1] <= b[0]:
        return 0.0
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / (a[1] - a[0])


def _compare_ggt(gold: list[dict], pred: list[dict], threshold: float) -> dict:
    """The GGT scorer's greedy matching for one document."""
    remaining = list(pred)
    tp = n_spk = n_verb = 0
    for g in gold:
        best, best_score = None, 0.0
        for p in remaining:
            sc = _overlap(g["quote_index"], p["quote_index"])
            if sc > threshold and sc > best_score:
                best, best_score = p, sc
        if best is None:
            continue
        remaining = [p for p in remaining if p is not best]
        tp += 1
        spk = _overlap(g["speaker_index"], best["speaker_index"]) > 0 or (
            best["is_floating_quote"] and not g["speaker"].strip())
        n_spk += bool(spk)
        n_verb += g["verb"].lower().strip() == best["verb"].lower().strip()
    return {"tp": tp, "fn": len(gold) - tp, "fp": len(remaining), "speaker": n_spk, "verb": n_verb}


def evaluate_ggt(path: str | os.PathLike | None = None, *, codebook: Any = None,
                 thresholds=(0.3, 0.8)) -> dict:
    """Quote precision/recall/F1 at span overlap > 0.3 and > 0.8, speaker and verb accuracy
    (percentages, as the GGT project reports them), with counts."""
    docs = load_ggt(path)
    preds = {d["id"]: ggt_predictions(d["id"], d["text"], codebook) for d in docs}
    res: dict[str, Any] = {"n_docs": len(docs), "n_gold": sum(len(d["quotes"]) for d in docs),
                           "n_pred": sum(len(p) for p in preds.values()), "theirs": dict(GGT_THEIRS)}
    for t in thresholds:
        tot = {"tp": 0, "fn": 0, "fp": 0, "speaker": 0, "verb": 0}
        for d in docs:
            c = _compare_ggt(d["quotes"], preds[d["id"]], t)
            for k in tot:
                tot[k] += c[k]
        p = tot["tp"] / max(1, tot["tp"] + tot["fp"])
        r = tot["tp"] / max(1, tot["tp"] + tot["fn"])
        f = 2 * p * r / (p + r) if p + r else 0.0
        res[f"precision_{t}"] = round(100 * p, 1)
        res[f"recall_{t}"] = round(100 * r, 1)
        res[f"f1_{t}"] = round(100 * f, 1)
        res[f"speaker_{t}"] = round(100 * tot["speaker"] / max(1, tot["tp"]), 1)
        res[f"verb_{t}"] = round(100 * tot["verb"] / max(1, tot["tp"]), 1)
        res[f"counts_{t}"] = tot
    return res


# ----------------------------------------------------------------------------- quote-type gold
def load_scare_gold(path: str | os.PathLike | None = None, *, batches=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(documents, spans)`` of the quote-type gold set: every ``documents_*.jsonl`` /
    ``spans_*.jsonl`` in the folder (or only the named ``batches``)."""
    p = Path(path) if path else default_scare_path()
    if not p.is_dir():
        raise FramingError(f"{p}: quote-type gold folder not found")
    docs, spans, known = [], [], []
    for f in sorted(p.glob("documents_*.jsonl")):
        batch = f.stem[len("documents_"):]
        known.append(batch)
        if batches and batch not in batches:
            continue
        docs.extend(_read_jsonl(f, batch))
        sf = p / f"spans_{batch}.jsonl"
        if sf.exists():
            spans.extend(_read_jsonl(sf, batch))
    unknown = sorted(set(batches or ()) - set(known))
    if unknown:
        raise FramingError(f"{p}: no batch {', '.join(map(repr, unknown))}; batches are {', '.join(known) or 'none'}")
    if not docs:
        raise FramingError(f"{p}: no documents_*.jsonl found")
    d = pd.DataFrame(docs)
    s = pd.DataFrame(spans) if spans else pd.DataFrame(
        columns=["gold_id", "field", "start", "end", "text", "type", "speaker", "cue", "batch"])
    for c in ("speaker", "cue", "note"):
        if c in s.columns:
            s[c] = s[c].fillna("").astype(str)
    d = d.drop_duplicates("gold_id", keep="last")
    return d, s


def _read_jsonl(path: Path, batch: str) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FramingError(f"{path}:{n}: not a JSON line ({exc.msg})") from exc
            r["batch"] = batch
            rows.append(r)
    return rows


_SPK_TITLES = {"president", "prime", "minister", "mr", "mrs", "ms", "dr", "sir", "foreign", "defence",
               "defense", "secretary", "spokesman", "spokeswoman", "spokesperson", "press", "general", "deputy",
               "former", "chancellor", "ambassador", "senator", "sen", "rep", "gov", "governor", "mayor", "the",
               "a", "an", "of", "for", "and"}


_SPK_ALIASES = {"russia": "russian", "ukraine": "ukrainian", "britain": "british", "defence": "defense",
                "kiev": "kyiv"}
# Last words that name a kind of body, not a person: two ministries are not the same speaker because both
# end in "ministry" (the agreement study's guard).
_NOT_SURNAMES = {"ministry", "office", "council", "government", "service", "department", "agency",
                 "committee", "court", "army", "force", "police", "official", "media"}
_ACRONYM_SKIP = {"of", "and", "the", "for", "on", "in", "to", "de", "a", "an"}


def _spk_tokens(name: str) -> list[str]:
    name = unicodedata.normalize("NFKD", name or "")
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = re.sub(r"\([^)]*\)", " ", name)
    name = re.sub(r"(?:’s|'s|’|')(?=\s|$)", " ", name)
    toks = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", name)
    return [_singular(_SPK_ALIASES.get(t, t)) for t in toks if t not in _SPK_TITLES]


def _singular(tok: str) -> str:
    """*services* ~ *service*: a plain plural -s dropped (both names go through it alike)."""
    return tok[:-1] if len(tok) > 4 and tok.endswith("s") and not tok.endswith(("ss", "us", "is")) else tok


def _same_surname(a: str, b: str) -> bool:
    """Surnames equal, allowing transliteration (Zelensky / Zelenskiy / Zelenskyy)."""
    if a in _NOT_SURNAMES or b in _NOT_SURNAMES:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8 and a[0] == b[0]


def _acronyms(name: str) -> set[str]:
    """The acronyms a name stands for: one in parentheses (*Joint Center ... (JCCC)*) and the initials of
    its words when there are three or more (*World Wildlife Fund* -> WWF; *Advertising Standards
    Authority* -> ASA), function words skipped; two initials would match too many people's names."""
    name = unicodedata.normalize("NFKD", name or "")
    out = {m.upper() for m in re.findall(r"\(([A-Za-z]{2,8})\)", name)}
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", re.sub(r"\([^)]*\)", " ", name))
             if w.lower() not in _ACRONYM_SKIP]
    if len(words) >= 3:
        out.add("".join(w[0] for w in words).upper())
    return out


def _is_acronym(name: str) -> str:
    """The acronym a name is (*the WWF* -> WWF), or ''."""
    words = [w for w in re.findall(r"[\w-]+", name or "") if w.lower() not in _ACRONYM_SKIP]
    return words[0].upper() if len(words) == 1 and re.fullmatch(r"[A-Z]{2,8}", words[0]) else ""


def speaker_match(pred: str, gold: str) -> bool:
    """Same speaker? The rule of the gold set's agreement study (agreement/AGREEMENT.md): names
    lower-cased without accents, possessives, parentheses, articles and titles, a country read as its
    adjective (Russia's ~ Russian); the same referent when one name's words contain the other's, when the
    surnames match allowing transliteration (Zelensky / Zelenskiy) but not when the last word names a kind
    of body (*ministry*, *office*), or when one is the other's acronym (WWF ~ World Wildlife Fund;
    guideline v2). Both empty matches; one empty does not."""
    a, b = _spk_tokens(pred), _spk_tokens(gold)
    if not a and not b:
        return not (pred or "").strip() and not (gold or "").strip() or (pred or "").strip().lower() == (gold or "").strip().lower()
    if not a or not b:
        return False
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    if _same_surname(a[-1], b[-1]):
        return True
    ap, bg = _is_acronym(pred), _is_acronym(gold)
    return bool(ap and ap in _acronyms(gold) or bg and bg in _acronyms(pred))


def _match_spans(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping spans (largest overlap first)."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def evaluate_scare(path: str | os.PathLike | None = None, *, codebook: Any = None, batches=None,
                   return_details: bool = False, ci: bool = False, n_boot: int = 2000, seed: int = 0) -> dict:
    """Per-type precision/recall/F1, span detection, speaker and cue accuracy on the quote-type gold.

    ``ci=True`` adds ``res["ci"]``: 95% intervals of every F1 and accuracy from a bootstrap over
    *documents* (``n_boot`` resamples, ``seed``), since spans of one article are not independent
    (see :func:`score_intervals`)."""
    docs, spans = load_scare_gold(path, batches=batches)
    rows = []
    for d in docs.itertuples(index=False):
        hits = quote_hits(d.gold_id, d.title or "", d.text or "", codebook)
        for field in ("title", "text"):
            g = spans[(spans.gold_id == d.gold_id) & (spans.field == field)].to_dict("records") if len(spans) else []
            p = [h for h in hits if h["feature"] == "quote" and h["field"] == field]
            pairs = _match_spans(g, p)
            mg = {i for i, _ in pairs}
            mp = {j for _, j in pairs}
            for i, j in pairs:
                rows.append(("match", g[i]["type"], p[j]["quote_type"], g[i], p[j]))
            for i, gg in enumerate(g):
                if i not in mg:
                    rows.append(("fn", gg["type"], "", gg, None))
            for j, pp in enumerate(p):
                if j not in mp:
                    rows.append(("fp", "", pp["quote_type"], None, pp))
    res = score_rows(rows, n_docs=len(docs), n_gold=int(len(spans)))
    if ci:
        res["ci"] = score_intervals(rows, n_boot=n_boot, seed=seed)
    if return_details:
        res["details"] = rows
    return res


def score_rows(rows: list[tuple], *, n_docs: int, n_gold: int) -> dict:
    """The scores of :func:`evaluate_scare` from its detail rows (``(kind, gold_type, pred_type,
    gold_row, pred_row)``, kind ``match``/``fn``/``fp``): per-type and span precision/recall/F1,
    speaker, cue and type accuracy, and the confusion of types. A script that changes the predicted
    types of the rows (an experimental typer) scores them with the same code."""
    res: dict[str, Any] = {"n_docs": n_docs, "n_gold": n_gold,
                           "n_pred": sum(1 for r in rows if r[4] is not None)}
    for t in TYPES:
        tp = sum(1 for k, gt, pt, *_ in rows if k == "match" and gt == t and pt == t)
        n_pred = sum(1 for k, gt, pt, *_ in rows if pt == t)
        n_true = sum(1 for k, gt, pt, *_ in rows if gt == t)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_true if n_true else 0.0
        res[t] = {"precision": round(p, 3), "recall": round(r, 3),
                  "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "n_gold": n_true, "n_pred": n_pred}
    m = [r for r in rows if r[0] == "match"]
    span_tp = len(m)
    sp = span_tp / max(1, res["n_pred"])
    sr = span_tp / max(1, res["n_gold"])
    res["spans"] = {"precision": round(sp, 3), "recall": round(sr, 3),
                    "f1": round(2 * sp * sr / (sp + sr), 3) if sp + sr else 0.0}
    att = [r for r in m if r[1] in ("direct", "partial")]
    res["n_attributed"] = len(att)
    res["speaker_accuracy"] = round(sum(speaker_match(r[4]["speaker"], r[3]["speaker"]) for r in att) / max(1, len(att)), 3)
    res["cue_accuracy"] = round(sum((r[4]["cue"] or "") == (r[3]["cue"] or "").lower().strip() for r in att) / max(1, len(att)), 3)
    res["type_accuracy"] = round(sum(r[1] == r[2] for r in m) / max(1, len(m)), 3)
    # confusion of types: gold type -> predicted type ('' = no span on the other side)
    conf: dict[str, dict[str, int]] = {}
    for _, gt, pt, *_ in rows:
        conf.setdefault(gt or "", {}).setdefault(pt or "", 0)
        conf[gt or ""][pt or ""] += 1
    res["confusion"] = conf
    return res


def _row_doc(row: tuple) -> str:
    return row[3]["gold_id"] if row[3] is not None else row[4]["doc_id"]


_CI_KEYS = [f"{t}_{k}" for t in TYPES for k in ("tp", "pred", "gold")] + [
    "span_tp", "span_pred", "span_gold", "att", "speaker_ok", "cue_ok"]


def _doc_counts(rows: list[tuple]) -> np.ndarray:
    """One row of counts per document (columns ``_CI_KEYS``): what every score is a ratio of."""
    docs = sorted({_row_doc(r) for r in rows})
    at = {d: i for i, d in enumerate(docs)}
    col = {k: j for j, k in enumerate(_CI_KEYS)}
    c = np.zeros((len(docs), len(_CI_KEYS)))
    for r in rows:
        i = at[_row_doc(r)]
        kind, gt, pt, g, p = r
        if gt:
            c[i, col[f"{gt}_gold"]] += 1
            c[i, col["span_gold"]] += 1
        if pt:
            c[i, col[f"{pt}_pred"]] += 1
            c[i, col["span_pred"]] += 1
        if kind == "match":
            c[i, col["span_tp"]] += 1
            if gt == pt:
                c[i, col[f"{gt}_tp"]] += 1
            if gt in ("direct", "partial"):
                c[i, col["att"]] += 1
                c[i, col["speaker_ok"]] += speaker_match(p["speaker"], g["speaker"])
                c[i, col["cue_ok"]] += (p["cue"] or "") == (g["cue"] or "").lower().strip()
    return c


def _f1(tp: np.ndarray, pred: np.ndarray, gold: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(pred + gold > 0, 2 * tp / (pred + gold), 0.0)


def score_intervals(rows: list[tuple], *, n_boot: int = 2000, seed: int = 0, level: float = 0.95) -> dict:
    """Percentile intervals of the gold-set scores, resampling whole documents with replacement.

    A gold batch is a sample of articles, and the spans of one article share its outlet, its writer
    and its quotation habits, so spans are not independent draws: the bootstrap resamples documents
    (the cluster bootstrap) and recomputes every score from the resampled counts. F1 is 2·TP /
    (predicted + gold). Returns ``{"scare_f1": (lo, hi), ..., "speaker_accuracy": (lo, hi),
    "cue_accuracy": (lo, hi), "n_boot": n_boot}``."""
    c = _doc_counts(rows)
    if not len(c):
        return {"n_boot": 0}
    rng = np.random.default_rng(seed)
    w = rng.multinomial(len(c), np.full(len(c), 1 / len(c)), size=n_boot)    # documents drawn per resample
    tot = w @ c
    col = {k: j for j, k in enumerate(_CI_KEYS)}
    a = (1 - level) / 2 * 100
    out: dict[str, Any] = {}

    def band(x: np.ndarray) -> tuple[float, float]:
        lo, hi = np.nanpercentile(x, [a, 100 - a])
        return (round(float(lo), 3), round(float(hi), 3))

    for t in TYPES:
        out[f"{t}_f1"] = band(_f1(tot[:, col[f"{t}_tp"]], tot[:, col[f"{t}_pred"]], tot[:, col[f"{t}_gold"]]))
    out["spans_f1"] = band(_f1(tot[:, col["span_tp"]], tot[:, col["span_pred"]], tot[:, col["span_gold"]]))
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in ("speaker", "cue"):
            out[f"{k}_accuracy"] = band(tot[:, col[f"{k}_ok"]] / tot[:, col["att"]])
    out["n_boot"] = n_boot
    return out


def scare_errors(path: str | os.PathLike | None = None, *, codebook: Any = None, batches=None,
                 width: int = 160) -> pd.DataFrame:
    """Every span whose type differs between the quote-type gold and the extractor, one row each
    (an unmatched span on either side has type ''): gold_id, source, field, start, end, text,
    gold_type, pred_type, gold/pred speaker and cue, the gold note, and ``context`` (``width``
    characters either side, the span in [[ ]]). For error analysis: group by the type pair."""
    docs, _ = load_scare_gold(path, batches=batches)
    res = evaluate_scare(path, codebook=codebook, batches=batches, return_details=True)
    src = {d.gold_id: d for d in docs.itertuples(index=False)}
    out = []
    for kind, gt, pt, g, p in res["details"]:
        if gt == pt:
            continue
        s = g or p
        gid = g["gold_id"] if g else p["doc_id"]
        field = g["field"] if g else p["field"]
        d = src[gid]
        t = (d.title if field == "title" else d.text) or ""
        a, b = int(s["start"]), int(s["end"])
        out.append({"gold_id": gid, "source": getattr(d, "source", ""), "field": field, "start": a, "end": b,
                    "text": t[a:b], "gold_type": gt, "pred_type": pt,
                    "gold_speaker": (g or {}).get("speaker", ""), "pred_speaker": (p or {}).get("speaker", ""),
                    "gold_cue": (g or {}).get("cue", ""), "pred_cue": (p or {}).get("cue", ""),
                    "note": (g or {}).get("note", ""),
                    "context": (t[max(0, a - width):a] + "[[" + t[a:b] + "]]" + t[b:b + width]).replace("\n", " / ")})
    cols = ["gold_id", "source", "field", "start", "end", "text", "gold_type", "pred_type", "gold_speaker",
            "pred_speaker", "gold_cue", "pred_cue", "note", "context"]
    return pd.DataFrame(out, columns=cols)


# ----------------------------------------------------------------------------- report
def format_ggt(res: dict) -> str:
    th = res["theirs"]
    lines = [f"Gender Gap Tracker gold: {res['n_docs']} articles, {res['n_gold']} gold quotes, {res['n_pred']} predicted",
             f"{'':24}{'framing':>10}{'GGT V5.3':>10}"]
    for label, key in (("quote F1 (overlap>0.3)", "f1_0.3"), ("quote F1 (overlap>0.8)", "f1_0.8"),
                       ("speaker accuracy (0.3)", "speaker_0.3"), ("verb accuracy (0.3)", "verb_0.3")):
        lines.append(f"{label:24}{res[key]:>10.1f}{th.get(key, float('nan')):>10.1f}")
    for t in (0.3, 0.8):
        lines.append(f"  at {t}: P {res[f'precision_{t}']:.1f}  R {res[f'recall_{t}']:.1f}  "
                     f"speaker {res[f'speaker_{t}']:.1f}  verb {res[f'verb_{t}']:.1f}")
    return "\n".join(lines)


def format_scare(res: dict) -> str:
    lines = [f"Quote-type gold: {res['n_docs']} documents, {res['n_gold']} gold spans, {res['n_pred']} predicted",
             f"{'type':10}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    ci = res.get("ci") or {}
    if ci:
        lines[1] += f"  {'F1 95% CI':>14}"

    def band(key: str) -> str:
        return f" [{ci[key][0]:.3f}, {ci[key][1]:.3f}]" if key in ci else ""

    for t in (*TYPES, "spans"):
        r = res[t]
        lines.append(f"{t:10}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}"
                     f"{r.get('n_gold', res['n_gold']):>7}{r.get('n_pred', res['n_pred']):>7}"
                     + (f"  {band(t + '_f1'):>14}" if ci else ""))
    lines.append(f"speaker accuracy {res['speaker_accuracy']:.3f}{band('speaker_accuracy')}, cue accuracy "
                 f"{res['cue_accuracy']:.3f}{band('cue_accuracy')} (n = {res['n_attributed']} matched "
                 f"direct/partial spans); type accuracy {res['type_accuracy']:.3f}")
    if ci:
        lines.append(f"intervals: 95% percentile bootstrap over documents ({ci['n_boot']} resamples)")
    return "\n".join(lines)


def run_evaluation(gold: str = "all", *, path: str | os.PathLike | None = None,
                   out: str | os.PathLike | None = None, codebook: Any = None, batches=None,
                   ci: bool = False) -> str:
    """Score ``gold`` ('ggt', 'scare' or 'all') and return a printable table; ``out`` also
    writes the scores as JSON. ``path`` overrides the gold location (one gold set only);
    ``batches`` restricts the quote-type gold to the named batches (``["d", "e"]``); ``ci`` adds
    document-bootstrap intervals to the quote-type scores."""
    if gold not in ("ggt", "scare", "all"):
        raise FramingError(f"unknown gold set {gold!r}: use ggt, scare or all")
    if gold == "all" and path:
        raise FramingError("--path names one gold set: use it with 'ggt' or 'scare'")
    cb = _codebook(codebook)
    scores: dict[str, Any] = {}
    parts = []
    if gold in ("ggt", "all"):
        if gold == "all" and not (default_ggt_path() / GGT_XLSX).exists():
            # the GGT set lives outside the repository: 'all' goes on without it
            parts.append(f"Gender Gap Tracker gold: not found at {default_ggt_path()} (skipped)")
        else:
            scores["ggt"] = evaluate_ggt(path if gold == "ggt" else None, codebook=cb)
            parts.append(format_ggt(scores["ggt"]))
    if gold in ("scare", "all"):
        scores["scare"] = evaluate_scare(path if gold == "scare" else None, codebook=cb, batches=batches, ci=ci)
        parts.append(format_scare(scores["scare"]))
    if out:
        write_text(out, json.dumps(scores, indent=2, default=str))
    return "\n\n".join(parts)


def _codebook(codebook: Any):
    """A codebook name/path -> Codebook (via framing.codebook when present); objects pass through."""
    if codebook is None or not isinstance(codebook, (str, os.PathLike)):
        return codebook
    try:
        from .codebook import load_codebook
    except ImportError:  # codebook module not installed yet: the shipped cue lexicon
        return None
    return load_codebook(codebook)
