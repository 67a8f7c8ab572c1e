"""Experiment: does a small learned quote typer generalise better than the hand-written rules?

For every gold span of the tuning batches (A, B, D, E of ``tests/data/quotes_gold``) that the
extractor finds, the rules' type is kept for spans they call *direct*; for spans they call
*partial*, *scare* or *other* a classifier re-types the span from features of the document text
and the extractor's own row (never from the gold row, which gives only the label). The features
describe the span's form and surroundings, not its words, so that the model cannot memorise
particular spans (see ``docs/learned_typer.md``).

Validation is leave-one-batch-out: train on three tuning batches, score on the fourth, with the
scoring of :func:`framing.evaluate.evaluate_scare` (matched spans; unmatched gold and predictions
count as misses and false alarms, unchanged by the model). The rules were tuned on all four
batches, so they are in-sample on every fold.

    python scripts/quote_typer_experiment.py              # LOBO table (markdown) on A, B, D, E
    python scripts/quote_typer_experiment.py --json out.json

Nothing here reads ``tests/data/quotes_gold/heldout``.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from framing import attribution as attr
from framing.evaluate import TYPES, default_scare_path, evaluate_scare, load_scare_gold
from framing.quotes import _held_at_distance, _one_sides_euphemism, distance_words_of, find_quote_spans, quote_hits

TUNING = ("a", "b", "d", "e")
RETYPED = ("partial", "scare", "other")  # the rules' types the model may change; direct stays
SEED = 0

_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
_STOP = {"the", "a", "an", "of", "in", "on", "to", "and", "or", "for", "with", "by", "at", "from", "is", "are",
         "was", "were", "be", "been", "it", "its", "that", "this", "as", "not", "no", "but", "he", "she", "they",
         "we", "i", "you", "his", "her", "their", "our", "has", "have", "had", "will", "would", "can", "could"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my",
                "your", "so-called", "such"}
_LABEL_BEFORE = re.compile(r"\b(?:so[- ]called|call(?:s|ed|ing)?|dub(?:s|bed|bing)?|term(?:s|ed)?|label(?:s|led|ed)?|"
                           r"brand(?:s|ed)?|known\s+as|described\s+as|referred\s+to\s+as|nicknamed|named)\s*$", re.I)
_DOUBT_BEFORE = re.compile(r"\b(?:alleged(?:ly)?|supposed(?:ly)?|purported(?:ly)?|self-proclaimed|so-called|sham|"
                           r"imaginary|hardly|far\s+from|not\s+a|nothing)\b", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|am|be|been|has|have|had|will|would|can|could|should|must|may|might|"
                     r"do|does|did|won't|can't|don't|doesn't|didn't|isn't|aren't|wasn't)\b", re.I)
_PRONOUN_START = re.compile(r"^(?:i|we|you|he|she|they|it|my|our|your|us|me|them)\b", re.I)
_MODIFIER_FUNCTION = _STOP | {"than", "into", "over", "after", "before", "about", "because", "while", "when",
                              "which", "who", "what", "where", "if", "so", "all", "some", "any", "more", "said",
                              "says", "told", "also", "there", "then", "now"}


# ----------------------------------------------------------------------------- documents
class DocContext:
    """One gold document analysed once: per field its text, quote spans, sentences, cues and the
    rules' typed quote rows (for the features that read the rest of the article)."""

    def __init__(self, doc_id: str, title: str, text: str, lexicon):
        self.doc_id = doc_id
        self.fields = {"title": title or "", "text": text or ""}
        self.art = {}
        for name, t in self.fields.items():
            spans = find_quote_spans(t)
            self.art[name] = attr.Article.build(t, [(q.start, q.end) for q in spans], lexicon)
        self.hits = [h for h in quote_hits(doc_id, title, text) if h["feature"] == "quote"]
        # lower-case words outside every quote / inside quotes, per field, with positions
        self.words_out: dict[str, list[tuple[int, str]]] = {}
        self.words_in: dict[str, list[tuple[int, str]]] = {}
        for name, t in self.fields.items():
            art = self.art[name]
            out, inn = [], []
            for m in _WORD.finditer(t):
                (inn if art.in_quote(m.start()) else out).append((m.start(), m.group(0).lower()))
            self.words_out[name], self.words_in[name] = out, inn
        self.cue_sentences = {name: {self.art[name].sentence_index(c.start) for c in self.art[name].cues}
                              for name in self.fields}


def _content(words: list[str]) -> list[str]:
    return [w for w in words if len(w) > 2 and w not in _STOP and not w.isdigit()]


def _stem(w: str) -> str:
    """A crude stem (first six letters) so that *liberation* and *liberated* meet; crude on purpose:
    the feature asks whether the article repeats the span's words, not which words."""
    return w[:6]


# ----------------------------------------------------------------------------- features
def span_features(row: dict, ctx: DocContext, distance) -> dict[str, float]:
    """Features of one predicted quote row (a ``quote_hits`` row) from the document text and the
    rules' output. No feature names a word of the span (only counts and classes), so the model
    cannot memorise spans."""
    field = row["field"]
    text = ctx.fields[field]
    s, e = int(row["start"]), int(row["end"])
    span = text[s:e]
    words = _WORD.findall(span)
    low = [w.lower() for w in words]
    art = ctx.art[field]
    si = art.sentence_index(s)
    ss, se = art.sentences[si] if art.sentences else (0, len(text))
    before = text[ss:max(ss, s - 1)]
    after = text[min(e + 1, len(text)):se]
    f: dict[str, float] = {}
    # the rules
    for t in RETYPED:
        f[f"rule_{t}"] = float(row["quote_type"] == t)
    f["has_speaker"] = float(bool(row["speaker"]))
    f["has_cue"] = float(bool(row["cue"]))
    cat = row["cue_category"] or ""
    for c in ("neutral", "distancing", "endorsing"):
        f[f"cuecat_{c}"] = float(cat == c)
    f["cue_in_sentence_of_span"] = float(row["cue_start"] >= ss and row["cue_start"] < se) if row["cue"] else 0.0
    # form of the span
    n = len(words)
    f["n_words"] = min(n, 30)
    f["log_chars"] = math.log1p(len(span))
    for k in (1, 2, 3):
        f[f"words_eq_{k}"] = float(n == k)
    f["words_ge_7"] = float(n >= 7)
    f["all_title_case"] = float(n > 0 and all(w[:1].isupper() for w in words))
    f["first_upper"] = float(bool(words) and words[0][:1].isupper())
    f["all_lower"] = float(n > 0 and all(w.islower() for w in words))
    f["any_all_caps"] = float(any(len(w) > 1 and w.isupper() for w in words))
    f["digits"] = float(any(ch.isdigit() for ch in span))
    f["ends_punct"] = float(bool(re.search(r"[.!?,;:…]\W*$", span)))
    f["inner_punct"] = float(bool(re.search(r"[,;:]", span[:-1])))
    f["finite_verb"] = float(bool(_FINITE.search(span)))
    f["pronoun_start"] = float(bool(_PRONOUN_START.match(span)))
    f["ly_word"] = float(any(w.endswith("ly") and len(w) > 4 for w in low))
    f["hyphenated"] = float(any("-" in w for w in words))
    f["distance_prior"] = float(_held_at_distance(words, distance))
    f["euphemism"] = float(_one_sides_euphemism(words, distance))
    # marks and field
    om = text[s - 1] if s > 0 else ""
    f["single_marks"] = float(om in "‘'‚")
    f["title"] = float(field == "title")
    # position
    f["rel_pos"] = s / max(1, len(text)) if field == "text" else 0.0
    f["sentence_index_le_1"] = float(si <= 1)
    n_par = max(1, (art.paragraph_of_sentence[-1] + 1) if art.paragraph_of_sentence else 1)
    f["rel_paragraph"] = (art.paragraph_of_sentence[si] / n_par) if art.paragraph_of_sentence else 0.0
    # place in the sentence
    bw = _WORD.findall(before)
    aw = _WORD.findall(after)
    f["opens_sentence"] = float(len(bw) == 0)
    f["closes_sentence"] = float(len(aw) == 0)
    f["whole_sentence_share"] = len(span) / max(1, se - ss)
    f["det_before"] = float(bool(bw) and bw[-1].lower() in _DETERMINERS)
    nxt = text[e + 1:e + 40] if e + 1 <= len(text) else ""
    m = re.match(r"\s+([a-z][\w\-]*)", nxt)
    f["modifier_before_noun"] = float(bool(m) and m.group(1) not in _MODIFIER_FUNCTION
                                      and not m.group(1).endswith(("ed", "ly")))
    f["label_verb_before"] = float(bool(_LABEL_BEFORE.search(text[max(0, ss, s - 40):max(0, s - 1)])))
    f["doubt_word_before"] = float(bool(_DOUBT_BEFORE.search(before)))
    f["gloss_after"] = float(bool(re.match(r"[’'”\"]?\s*(?:[–—(]|,\s+(?:or|a|an|the|which\s+means|meaning)\b)", text[e:e + 30])))
    f["colon_before"] = float(bool(re.search(r":\s*$", text[max(0, s - 4):max(0, s - 1)])))
    f["comma_before"] = float(bool(re.search(r",\s*$", text[max(0, s - 4):max(0, s - 1)])))
    f["cue_in_sentence"] = float(si in ctx.cue_sentences[field])
    # the sentence's other quotes, as the rules typed them
    others = [h for h in ctx.hits if h["field"] == field and h["start"] != s
              and ss <= h["start"] < se]
    f["n_other_quotes_sentence"] = min(len(others), 4)
    f["other_quote_attributed"] = float(any(h["quote_type"] in ("direct", "partial") for h in others))
    f["other_quote_scare_other"] = float(any(h["quote_type"] in ("scare", "other") for h in others))
    f["doc_n_quotes_log"] = math.log1p(len(ctx.hits))
    f["doc_share_direct"] = (sum(h["quote_type"] == "direct" for h in ctx.hits) / max(1, len(ctx.hits)))
    # the span's words elsewhere in the article
    cont = _content(low)
    stems = {_stem(w) for w in cont}
    if stems:
        out_elsewhere, in_elsewhere, cue_sent = set(), set(), set()
        for fname in ctx.fields:
            fart = ctx.art[fname]
            for pos, w in ctx.words_out[fname]:
                st = _stem(w)
                if st in stems:
                    out_elsewhere.add(st)
                    if fart.sentence_index(pos) in ctx.cue_sentences[fname]:
                        cue_sent.add(st)
            for pos, w in ctx.words_in[fname]:
                if fname == field and s <= pos < e:
                    continue
                st = _stem(w)
                if st in stems:
                    in_elsewhere.add(st)
        f["share_words_unquoted_elsewhere"] = len(out_elsewhere) / len(stems)
        f["share_words_quoted_elsewhere"] = len(in_elsewhere) / len(stems)
        f["share_words_in_cue_sentence"] = len(cue_sent) / len(stems)
    else:
        f["share_words_unquoted_elsewhere"] = f["share_words_quoted_elsewhere"] = 0.0
        f["share_words_in_cue_sentence"] = 0.0
    f["no_content_words"] = float(not stems)
    phrase = " ".join(low)
    f["phrase_repeated"] = float(len(phrase) > 3 and (
        sum(t.lower().count(phrase) for t in ctx.fields.values()) > 1))
    return f


# ----------------------------------------------------------------------------- data
def collect(path=None, batches=TUNING) -> pd.DataFrame:
    """One row per scored row of :func:`evaluate_scare` (matches, misses, false alarms) of each
    batch: batch, kind, gold type, rules' type, and for the rows with a prediction the features."""
    docs, _ = load_scare_gold(path, batches=list(batches))
    lex = attr.cue_lexicon(None)
    distance = distance_words_of(None)
    ctxs = {d.gold_id: DocContext(d.gold_id, d.title or "", d.text or "", lex) for d in docs.itertuples(index=False)}
    out = []
    for b in batches:
        res = evaluate_scare(path, batches=[b], return_details=True)
        for kind, gt, pt, g, p in res["details"]:
            r = {"batch": b, "kind": kind, "gold": gt, "rules": pt,
                 "doc_id": (g or p)["gold_id"] if g is not None else p["doc_id"]}
            if p is not None:
                r.update({"x_" + k: v for k, v in span_features(p, ctxs[p["doc_id"]], distance).items()})
            out.append(r)
    df = pd.DataFrame(out)
    xcols = [c for c in df.columns if c.startswith("x_")]
    df[xcols] = df[xcols].fillna(0.0)
    return df


def feature_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if c.startswith("x_")]


def retyped_mask(df: pd.DataFrame) -> pd.Series:
    """Rows whose type the model decides: a prediction the rules typed partial, scare or other."""
    return df["rules"].isin(RETYPED)


def train_mask(df: pd.DataFrame) -> pd.Series:
    """Training rows: matched spans the rules typed partial/scare/other whose gold type is one of
    those three (the few gold *direct* among them are left out: the model does not predict direct)."""
    return retyped_mask(df) & (df["kind"] == "match") & df["gold"].isin(RETYPED)


# ----------------------------------------------------------------------------- models
def make_model(kind: str):
    """The candidate classifiers, fixed before validation (no tuning on the folds)."""
    if kind == "logreg":
        return make_pipeline(StandardScaler(), LogisticRegression(C=0.3, class_weight="balanced", max_iter=5000,
                                                                  random_state=SEED))
    if kind == "logreg_unweighted":
        return make_pipeline(StandardScaler(), LogisticRegression(C=0.3, max_iter=5000, random_state=SEED))
    if kind == "gbt":
        return GradientBoostingClassifier(n_estimators=150, max_depth=2, learning_rate=0.05, subsample=0.8,
                                          min_samples_leaf=10, random_state=SEED)
    if kind == "rules_only":
        return LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000, random_state=SEED)
    if kind.endswith("_no_rules"):
        return make_model(kind[:-len("_no_rules")])
    raise ValueError(kind)


#: Features that carry the tuned rules' decisions (their type, and the attribution they found). The
#: ``*_no_rules`` models drop them: the rules were tuned on every tuning batch, so on LOBO these
#: features are in-sample even for the test batch; without them the model's LOBO is honest.
RULE_FEATURES = ("x_rule_", "x_has_speaker", "x_has_cue", "x_cuecat_", "x_cue_in_sentence_of_span")


def columns_for(kind: str, df: pd.DataFrame) -> list[str]:
    if kind == "rules_only":
        return [f"x_rule_{t}" for t in RETYPED]
    if kind.endswith("_no_rules"):
        return [c for c in feature_columns(df) if not c.startswith(RULE_FEATURES)]
    return feature_columns(df)


def predict_types(train: pd.DataFrame, test: pd.DataFrame, kind: str) -> pd.Series:
    """The test rows' predicted types: the model's on the retyped rows, the rules' elsewhere."""
    cols = columns_for(kind, train)
    tm = train_mask(train)
    model = make_model(kind)
    model.fit(train.loc[tm, cols].to_numpy(float), train.loc[tm, "gold"].to_numpy())
    pred = test["rules"].copy()
    rm = retyped_mask(test)
    if rm.any():
        pred.loc[rm] = model.predict(test.loc[rm, cols].to_numpy(float))
    return pred


# ----------------------------------------------------------------------------- scoring
def scores(df: pd.DataFrame, pred: pd.Series) -> dict[str, dict[str, float]]:
    """Per-type P/R/F1 as :func:`evaluate_scare` counts them (a miss has no predicted type, a
    false alarm no gold type)."""
    out = {}
    for t in TYPES:
        tp = int(((df["kind"] == "match") & (df["gold"] == t) & (pred == t)).sum())
        n_pred = int((pred == t).sum())
        n_gold = int((df["gold"] == t).sum())
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out[t] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "pred": n_pred,
                  "gold": n_gold}
    return out


KINDS = ("logreg", "logreg_unweighted", "gbt", "rules_only", "logreg_no_rules", "gbt_no_rules")


def lobo(df: pd.DataFrame, kinds=KINDS) -> dict:
    """Leave-one-batch-out predictions of every model kind, and the rules' own types."""
    preds = {"rules": df["rules"].copy()}
    for k in kinds:
        p = pd.Series(index=df.index, dtype=object)
        for b in TUNING:
            test = df["batch"] == b
            p.loc[test] = predict_types(df[~test], df[test], k)
        preds[k] = p
    return preds


def table(df: pd.DataFrame, preds: dict) -> str:
    lines = ["| fold (test batch) | spans | gold scare / other / partial | model | scare F1 (P / R) | other F1 | partial F1 |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for b in list(TUNING) + ["pooled"]:
        m = df["batch"] == b if b != "pooled" else pd.Series(True, index=df.index)
        sub = df[m]
        g = sub["gold"].value_counts()
        for name, p in preds.items():
            sc = scores(sub, p[m])
            lines.append(f"| {b.upper() if b != 'pooled' else 'pooled'} | {int((sub['gold'] != '').sum())} | "
                         f"{g.get('scare', 0)} / {g.get('other', 0)} / {g.get('partial', 0)} | {name} | "
                         f"{sc['scare']['f1']:.3f} ({sc['scare']['p']:.2f} / {sc['scare']['r']:.2f}) | "
                         f"{sc['other']['f1']:.3f} | {sc['partial']['f1']:.3f} |")
    return "\n".join(lines)


def doc_bootstrap_diff(df: pd.DataFrame, a: pd.Series, b: pd.Series, t: str = "scare", n_boot: int = 2000,
                       seed: int = SEED) -> tuple[float, float, float]:
    """Pooled F1 of type ``t`` of ``a`` minus ``b``, with a 95% bootstrap interval over documents."""
    rng = np.random.default_rng(seed)
    docs = df["doc_id"].unique()
    idx = {d: np.flatnonzero(df["doc_id"].to_numpy() == d) for d in docs}

    def counts(p: pd.Series) -> np.ndarray:
        c = np.zeros((len(docs), 3))
        for i, d in enumerate(docs):
            r = idx[d]
            g, k, pv = df["gold"].to_numpy()[r], df["kind"].to_numpy()[r], p.to_numpy()[r]
            c[i] = [((k == "match") & (g == t) & (pv == t)).sum(), (pv == t).sum(), (g == t).sum()]
        return c

    ca, cb = counts(a), counts(b)

    def f1(c: np.ndarray) -> float:
        tp, pr, go = c
        return 2 * tp / (pr + go) if pr + go else 0.0

    point = f1(ca.sum(0)) - f1(cb.sum(0))
    diffs = []
    for _ in range(n_boot):
        s = rng.integers(0, len(docs), len(docs))
        diffs.append(f1(ca[s].sum(0)) - f1(cb[s].sum(0)))
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    return point, float(lo), float(hi)


def sensitivity(df: pd.DataFrame, Cs=(0.01, 0.03, 0.1, 0.3, 1.0, 3.0)) -> str:
    """Pooled LOBO F1 of the logistic model over its regularisation and class weighting, with and
    without the rules' features, and its agreement with the rules on the retyped spans: a check
    that the conclusion does not hang on the fixed C = 0.3 (not a choice of C)."""
    rm = retyped_mask(df)
    lines = ["| rules' features | class weight | C | scare F1 | other F1 | partial F1 | agrees with rules |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for with_rules in (True, False):
        cols = feature_columns(df) if with_rules else [c for c in feature_columns(df) if not c.startswith(RULE_FEATURES)]
        for cw in ("balanced", None):
            for C in Cs:
                p = df["rules"].copy()
                for b in TUNING:
                    test = df["batch"] == b
                    tr = df[~test]
                    tm = train_mask(tr)
                    m = make_pipeline(StandardScaler(), LogisticRegression(C=C, class_weight=cw, max_iter=5000,
                                                                           random_state=SEED))
                    m.fit(tr.loc[tm, cols].to_numpy(float), tr.loc[tm, "gold"].to_numpy())
                    idx = test & rm
                    p.loc[idx] = m.predict(df.loc[idx, cols].to_numpy(float))
                sc = scores(df, p)
                lines.append(f"| {'yes' if with_rules else 'no'} | {cw or 'none'} | {C:g} | {sc['scare']['f1']:.3f} | "
                             f"{sc['other']['f1']:.3f} | {sc['partial']['f1']:.3f} | {(p[rm] == df['rules'][rm]).mean():.3f} |")
    return "\n".join(lines)


def coefficients(df: pd.DataFrame) -> pd.DataFrame:
    """Standardised coefficients of the logistic model trained on all four tuning batches."""
    cols = feature_columns(df)
    tm = train_mask(df)
    model = make_model("logreg").fit(df.loc[tm, cols].to_numpy(float), df.loc[tm, "gold"].to_numpy())
    lr = model[-1]
    return pd.DataFrame(lr.coef_.T, index=[c[2:] for c in cols], columns=lr.classes_)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", help="write the per-fold scores here")
    ap.add_argument("--coef", action="store_true", help="print the full-data logistic coefficients")
    ap.add_argument("--sensitivity", action="store_true", help="print the logistic model's LOBO over C and weighting")
    a = ap.parse_args(argv)
    gold = Path(default_scare_path())
    df = collect(gold, TUNING)
    print(f"{len(df)} scored rows; {int(train_mask(df).sum())} training spans "
          f"(rules partial/scare/other, gold partial/scare/other); {len(feature_columns(df))} features\n")
    preds = lobo(df)
    print(table(df, preds))
    print()
    for k in KINDS:
        for t in ("scare", "other", "partial"):
            d, lo, hi = doc_bootstrap_diff(df, preds[k], preds["rules"], t)
            print(f"pooled {t} F1, {k} - rules: {d:+.3f} [{lo:+.3f}, {hi:+.3f}] (document bootstrap)")
    if a.sensitivity:
        print()
        print(sensitivity(df))
    if a.coef:
        print()
        print(coefficients(df).round(2).sort_values("scare").to_string())
    if a.json:
        out = {}
        for b in list(TUNING) + ["pooled"]:
            m = df["batch"] == b if b != "pooled" else pd.Series(True, index=df.index)
            out[b] = {name: scores(df[m], p[m]) for name, p in preds.items()}
        Path(a.json).write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
