"""Throughput of every stage on the same text, beside raw reference scanners, with peak RSS per stage.

One run measures, on one benchmark corpus (``bench/make_corpus.py``; built if missing):

  ingest          CSV -> docs            framing.ingest.ingest_paths
  clean           text -> clean_text     framing.clean.clean_text
  lexical         codebook matches       framing.features.extract_hits(extractors=("lexical",))
  quotes          quotes + attribution   framing.features.extract_hits(extractors=("quotes",))
  full            lexical + quotes       framing.features.extract_hits (what `framing features` does)
  aggregate       hits -> outlet rates   framing.stats.outlet_rates (else a groupby)
  stream_w1/w2    features_to_parquet over Parquet row groups, 1 and 2 worker processes (whole corpus)
  dask_w1/w2      framing.distributed.extract_hits_dask, LocalCluster with 1 and 2 workers
  aho             reference: one pyahocorasick automaton over every literal codebook term, case-folded
  countvec        reference: sklearn CountVectorizer(vocabulary=codebook terms, ngram_range=(1, 3))
  grep            reference: LC_ALL=C grep -c -F -f terms (one document per line, lower-cased)
  reports_noop    a second `framing reports` run over the sample corpora (nothing changed)
  report_one      one outlet report (forced) minus a bare kernel start

Each stage runs in its own subprocess, so its peak RSS (``ru_maxrss``; worker processes counted
separately) is its own. In-memory stages iterate over the corpus's Parquet row groups and time
only the stage's own call, in wall-clock seconds and in CPU seconds of the process; rates are
MB of text (UTF-8 title + clean_text; for ingest and clean the raw ``text``) per second and
documents per second. On a shared machine the CPU-second rates are the steadier numbers; the
worker-scaling ratio can only be measured in wall-clock time.

Usage::

    python bench/throughput.py --n 10000            # build/reuse bench/out/corpus-10000.parquet
    python bench/throughput.py --n 200 --quick      # a smoke run (a few seconds)
    python bench/throughput.py --docs my_docs.parquet --stages lexical,aho,countvec

Writes ``bench/out/results.json`` (``--json``) and prints a table with the ratios the targets
in bench/README.md are about.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO / "bench"))

ALL_STAGES = (
    "ingest", "clean", "lexicon", "vectorize", "lexical", "quotes", "full", "aggregate",
    "aho", "countvec", "grep",
    "stream_w1", "stream_w2", "dask_w1", "dask_w2",
    "reports_noop", "report_one",
)
QUICK_STAGES = ("ingest", "clean", "lexicon", "vectorize", "lexical", "quotes", "full", "aggregate", "aho", "countvec", "grep",
                "stream_w1", "stream_w2")


# ============================================================================ helpers (both sides)
def _vm_hwm_mb() -> float | None:
    """Peak RSS of this process since its exec (Linux VmHWM; ru_maxrss would include the parent's
    RSS at fork time, since Linux carries it across exec)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _rss_mb() -> dict:
    """Peak RSS of this process, in MB (VmHWM where available, else ru_maxrss)."""
    hwm = _vm_hwm_mb()
    if hwm is None:
        scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
        hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    return {"peak_rss_mb": round(hwm, 1)}


class TreeRSS:
    """Samples the memory of this process and all its descendants (worker processes, Dask nannies
    and workers) every ``interval`` seconds; keeps the peak of the sum and of the largest process.
    The sum is over PSS (proportional set size: pages shared by forked workers counted once, split
    between them) where the OS reports it, else RSS. Needs psutil (installed with dask[distributed])."""

    def __init__(self, interval: float = 0.1):
        self.interval = interval
        self.peak_total = 0.0
        self.peak_process = 0.0
        self.peak_procs = 0
        self.use_pss = sys.platform.startswith("linux")
        self._stop = None
        self._thread = None

    def __enter__(self):
        try:
            import psutil
        except ImportError:
            return self
        import threading

        me = psutil.Process()
        self._stop = threading.Event()

        def loop():
            while not self._stop.is_set():
                try:
                    procs = [me, *me.children(recursive=True)]
                    rss, pss = [], []
                    for pr in procs:
                        try:
                            info = pr.memory_full_info() if self.use_pss else pr.memory_info()
                            rss.append(info.rss / 2**20)
                            pss.append(getattr(info, "pss", info.rss) / 2**20)
                        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                            pass
                        except Exception:
                            self.use_pss = False
                    self.peak_total = max(self.peak_total, sum(pss))
                    self.peak_process = max(self.peak_process, max(rss, default=0.0))
                    self.peak_procs = max(self.peak_procs, len(rss))
                except Exception:
                    pass
                self._stop.wait(self.interval)

        self._thread = threading.Thread(target=loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        if self._thread is not None:
            self._stop.set()
            self._thread.join()

    def result(self) -> dict:
        if self._thread is None:
            return {}
        return {"peak_rss_tree_mb": round(self.peak_total, 1), "peak_rss_max_process_mb": round(self.peak_process, 1),
                "processes": self.peak_procs, "tree_measure": "pss" if self.use_pss else "rss"}


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _utf8_len(values) -> int:
    return sum(len(v.encode("utf-8")) for v in values if isinstance(v, str))


def codebook_terms(codebook) -> list[str]:
    """Every literal term of the codebook (all forms of all entries), case-folded, unique, sorted.

    Regex-only forms have no literal term and are not in the reference scanners' vocabulary."""
    terms = {t.casefold() for e in codebook.entries for f in e.forms for t in f.terms if t.strip()}
    return sorted(terms)


def iter_doc_batches(path: Path, columns: list[str], *, limit: int | None = None):
    """Row-group batches of the docs table (bounded memory), at most ``limit`` documents."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    seen = 0
    for rg in range(pf.metadata.num_row_groups):
        if limit is not None and seen >= limit:
            return
        df = pf.read_row_group(rg, columns=columns).to_pandas()
        if limit is not None and seen + len(df) > limit:
            df = df.iloc[: limit - seen]
        seen += len(df)
        yield df


# ============================================================================ child side: one stage
class Timer:
    """Accumulates wall and CPU seconds over the timed sections of a stage."""

    def __init__(self):
        self.wall = 0.0
        self.cpu = 0.0

    def __enter__(self):
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall += time.perf_counter() - self._w
        self.cpu += time.process_time() - self._c


def _load_codebook(name):
    from framing.codebook import load_codebook

    return load_codebook(name)


def stage_ingest(a) -> dict:
    from framing.ingest import ingest_paths

    csv = Path(a.work) / "ingest.csv"
    t = Timer()
    with t:
        docs = ingest_paths([str(csv)], progress=False)
    meta = json.loads((Path(a.work) / "ingest.json").read_text())
    # docs/s over the input rows: ingest drops the resampled corpus's repeated texts as duplicates
    return {"docs": meta["rows"], "docs_out": len(docs), "bytes": meta["bytes"], "file_bytes": csv.stat().st_size,
            "wall_s": t.wall, "cpu_s": t.cpu}


def stage_clean(a) -> dict:
    from framing.clean import clean_text

    t, n, b = Timer(), 0, 0
    for df in iter_doc_batches(a.docs, ["title", "text"], limit=a.limit):
        texts, titles = df["text"].tolist(), df["title"].tolist()
        with t:
            for text, title in zip(texts, titles):
                clean_text(text, title=title)
        n += len(df)
        b += _utf8_len(texts)
    return {"docs": n, "bytes": b, "wall_s": t.wall, "cpu_s": t.cpu}


def _stage_extract(a, extractors) -> dict:
    from framing.features import extract_hits

    cb = _load_codebook(a.codebook)
    extract_hits(next(iter_doc_batches(a.docs, _EXTRACT_COLS, limit=20)), cb, extractors=extractors)  # warm
    t, n, b, n_hits = Timer(), 0, 0, 0
    counts: dict[str, int] = {}
    offsets_ok = True
    for df in iter_doc_batches(a.docs, _EXTRACT_COLS, limit=a.limit):
        with t:
            hits = extract_hits(df, cb, extractors=extractors)
        n += len(df)
        b += _utf8_len(df["title"]) + _utf8_len(df["clean_text"])
        n_hits += len(hits)
        if len(hits):
            lex = hits[~hits["feature"].isin(["quote", "reported_speech"])]
            for k, v in lex.groupby(["feature", "key", "value"]).size().items():
                counts[":".join(map(str, k))] = counts.get(":".join(map(str, k)), 0) + int(v)
            if "lexical" in extractors and len(lex):
                offsets_ok &= _offsets_reproduce(df, lex)
        del hits
    out = {"docs": n, "bytes": b, "wall_s": t.wall, "cpu_s": t.cpu, "hits": n_hits}
    if "lexical" in extractors:
        out["lexical_counts"] = dict(sorted(counts.items()))
        out["offsets_ok"] = bool(offsets_ok)
    return out


def _offsets_reproduce(docs, hits) -> bool:
    """Every lexical hit's offsets cut its text out of the field it points into."""
    by_id = docs.set_index("doc_id")
    for h in hits.itertuples(index=False):
        src = by_id.at[h.doc_id, "title" if h.field == "title" else "clean_text"]
        if src[h.start:h.end] != h.text:
            return False
    return True


_EXTRACT_COLS = ["doc_id", "outlet", "date", "title", "clean_text", "n_words"]


def stage_lexical(a):
    return _stage_extract(a, ("lexical",))


def stage_quotes(a):
    return _stage_extract(a, ("quotes",))


def stage_full(a):
    return _stage_extract(a, ("lexical", "quotes"))


def stage_lexicon(a) -> dict:
    """framing.lexicon.find_lexical alone (the matcher, no hits table): where lexical time goes."""
    from framing.lexicon import compile_codebook, count_lexical, find_lexical

    matcher = compile_codebook(_load_codebook(a.codebook))
    t, n, b, n_matches = Timer(), 0, 0, 0
    counts: dict[str, int] = {}
    for df in iter_doc_batches(a.docs, ["title", "clean_text"], limit=a.limit):
        titles, texts = df["title"].tolist(), df["clean_text"].tolist()
        with t:
            for ti, tx in zip(titles, texts):
                n_matches += len(find_lexical(ti or "", matcher)) + len(find_lexical(tx or "", matcher))
        for ti, tx in zip(titles, texts):  # the direct count, untimed
            for text in (ti or "", tx or ""):
                for k, v in count_lexical(text, matcher).items():
                    counts[k] = counts.get(k, 0) + v
        n += len(df)
        b += _utf8_len(titles) + _utf8_len(texts)
    return {"docs": n, "bytes": b, "wall_s": t.wall, "cpu_s": t.cpu, "matches": n_matches,
            "lexical_counts": dict(sorted(counts.items()))}


def stage_vectorize(a) -> dict:
    """framing.features.FramingVectorizer.transform: the lexical features as a document x feature count
    matrix (the scikit-learn API; what doc_features holds), no hits table. Its column sums are
    compared with the hits table's counts (targets: "vectorizer counts == hits-table counts")."""
    import numpy as np

    from framing.features import FramingVectorizer

    vec = FramingVectorizer(_load_codebook(a.codebook)).fit()
    names = vec.get_feature_names_out()
    total = np.zeros(len(names), dtype="int64")
    t, n, b = Timer(), 0, 0
    for df in iter_doc_batches(a.docs, ["title", "clean_text"], limit=a.limit):
        with t:
            X = vec.transform(df)
        total += np.asarray(X.sum(axis=0)).ravel()
        n += len(df)
        b += _utf8_len(df["title"].tolist()) + _utf8_len(df["clean_text"].tolist())
    counts = {str(k): int(v) for k, v in zip(names, total) if v}
    return {"docs": n, "bytes": b, "wall_s": t.wall, "cpu_s": t.cpu, "lexical_counts": dict(sorted(counts.items()))}


def stage_aggregate(a) -> dict:
    """Per-outlet rates with bootstrap intervals (framing.stats.outlet_rates) from the streamed hits."""
    import pandas as pd

    hits_path = Path(a.work) / "stream_w1" / "hits.parquet"
    if not hits_path.exists():
        return {"skipped": "needs stream_w1's hits table"}
    docs = pd.read_parquet(a.docs, columns=["doc_id", "outlet", "date", "n_words"])
    hits = pd.read_parquet(hits_path)
    t = Timer()
    try:
        from framing.stats import outlet_rates
    except ImportError:
        how = "groupby (framing.stats not available)"
        with t:
            res = (hits.merge(docs[["doc_id", "outlet"]], on="doc_id")
                   .groupby(["outlet", "feature", "key", "value"]).size())
    else:
        how = "framing.stats.outlet_rates(docs, hits)"
        with t:
            res = outlet_rates(docs, hits)
    return {"docs": len(docs), "hits": len(hits), "bytes": 0, "wall_s": t.wall, "cpu_s": t.cpu,
            "how": how, "result_rows": int(len(res))}


def stage_aho(a) -> dict:
    import ahocorasick

    cb = _load_codebook(a.codebook)
    terms = codebook_terms(cb)
    auto = ahocorasick.Automaton()
    for i, term in enumerate(terms):
        auto.add_word(term, i)
    auto.make_automaton()
    t, t_raw, n, b, matches, matches_raw = Timer(), Timer(), 0, 0, 0, 0
    for df in iter_doc_batches(a.docs, ["title", "clean_text"], limit=a.limit):
        texts = [f"{ti}\n{tx}" for ti, tx in zip(df["title"], df["clean_text"])]
        with t:  # the reference: case-folded scan (what a case-insensitive term count needs)
            for s in texts:
                for _ in auto.iter(s.lower()):
                    matches += 1
        with t_raw:  # the bare scan, no case folding (an upper bound)
            for s in texts:
                for _ in auto.iter(s):
                    matches_raw += 1
        n += len(df)
        b += _utf8_len(df["title"]) + _utf8_len(df["clean_text"])
    return {"docs": n, "bytes": b, "wall_s": t.wall, "cpu_s": t.cpu, "matches": matches, "terms": len(terms),
            "nofold_wall_s": t_raw.wall, "nofold_cpu_s": t_raw.cpu, "nofold_matches": matches_raw}


def stage_countvec(a) -> dict:
    from sklearn.feature_extraction.text import CountVectorizer

    cb = _load_codebook(a.codebook)
    vocab = sorted({" ".join(t.split()) for t in codebook_terms(cb)})
    vec = CountVectorizer(vocabulary=vocab, ngram_range=(1, 3), lowercase=True)
    t, n, b, total = Timer(), 0, 0, 0
    for df in iter_doc_batches(a.docs, ["title", "clean_text"], limit=a.limit):
        texts = [f"{ti}\n{tx}" for ti, tx in zip(df["title"], df["clean_text"])]
        with t:
            m = vec.transform(texts)
        total += int(m.sum())
        n += len(df)
        b += _utf8_len(df["title"]) + _utf8_len(df["clean_text"])
    return {"docs": n, "bytes": b, "wall_s": t.wall, "cpu_s": t.cpu, "count": total, "terms": len(vocab)}


def stage_grep(a) -> dict:
    work = Path(a.work)
    terms_file, text_file = work / "terms.txt", work / "grep_text.txt"
    grep = shutil.which("grep")
    if not grep:
        return {"skipped": "grep not found"}
    env = {**os.environ, "LC_ALL": "C"}
    subprocess.run([grep, "-c", "-F", "-f", str(terms_file), str(text_file)], env=env, capture_output=True)  # warm cache
    c0, w0 = _cpu_children(), time.perf_counter()
    res = subprocess.run([grep, "-c", "-F", "-f", str(terms_file), str(text_file)], env=env,
                         capture_output=True, text=True)
    wall, cpu = time.perf_counter() - w0, _cpu_children() - c0
    meta = json.loads((work / "grep_text.json").read_text())
    return {"docs": meta["docs"], "bytes": meta["bytes"], "wall_s": wall, "cpu_s": cpu,
            "matching_lines": int(res.stdout.strip() or 0)}


def _stream(a, workers: int, name: str) -> dict:
    from framing.features import features_to_parquet

    out = Path(a.work) / name / "hits.parquet"
    out.parent.mkdir(parents=True, exist_ok=True)
    c0, w0 = _cpu_self() + _cpu_children(), time.perf_counter()
    summary = features_to_parquet(a.docs, out, codebook=a.codebook, engine="local", scheduler=None,
                                  workers=workers, batch_size=a.batch_size, progress=False,
                                  extractors=a.stream_extractors.split(","))
    wall = time.perf_counter() - w0
    cpu = _cpu_self() + _cpu_children() - c0
    return _stream_result(a, out, wall, cpu, str(summary))


def _stream_result(a, out: Path, wall: float, cpu: float, summary: str) -> dict:
    import pyarrow.parquet as pq

    meta = json.loads((Path(a.work) / "corpus.json").read_text())
    n_hits = (sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(out.glob("*.parquet")))
              if out.is_dir() else pq.ParquetFile(out).metadata.num_rows)
    return {"docs": meta["docs"], "bytes": meta["bytes"], "wall_s": wall, "cpu_s": cpu, "hits": n_hits,
            "summary": summary[:300]}


def stage_stream_w1(a):
    return _stream(a, 1, "stream_w1")


def stage_stream_w2(a):
    return _stream(a, 2, "stream_w2")


def _dask(a, workers: int, name: str) -> dict:
    from framing.distributed import extract_hits_dask

    out = Path(a.work) / name / "hits"
    c0, w0 = _cpu_self() + _cpu_children(), time.perf_counter()
    summary = extract_hits_dask(a.docs, out, codebook=a.codebook, workers=workers,
                                partition_size=a.batch_size, memory_limit="2GiB",
                                extractors=a.stream_extractors.split(","))
    wall = time.perf_counter() - w0
    cpu = _cpu_self() + _cpu_children() - c0  # worker processes are reaped when the cluster closes
    res = _stream_result(a, out, wall, cpu, str(summary))
    res["extract_s_sum"] = summary.extract_seconds
    res["startup_s"] = summary.startup_seconds
    return res


def stage_dask_w1(a):
    return _dask(a, 1, "dask_w1")


def stage_dask_w2(a):
    return _dask(a, 2, "dask_w2")


def _reports_root(a) -> Path:
    """A scratch project (its own data/processed and reports/) over the repository's sample corpora
    and notebook templates, so the benchmark never touches the working tree's outputs."""
    root = Path(a.work) / "reports-root"
    if not (root / "pyproject.toml").exists():
        (root / "data").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
        if not (root / "data" / "raw").exists():
            (root / "data" / "raw").symlink_to(REPO / "data" / "raw", target_is_directory=True)
        shutil.copytree(REPO / "notebooks", root / "notebooks", dirs_exist_ok=True)
    return root


def _framing_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "framing"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "framing.cli"]


def stage_reports_noop(a) -> dict:
    """`framing run` once (builds every sample report), then `framing reports` three times: the
    median wall time of a rerun with nothing changed, as a user sees it (process start included)."""
    import statistics

    root = _reports_root(a)
    env = {**os.environ, "FRAMING_ROOT": str(root)}
    w0 = time.perf_counter()
    first = subprocess.run([*_framing_cmd(), "run", "-q"], cwd=root, env=env, capture_output=True, text=True)
    build_s = time.perf_counter() - w0
    if first.returncode not in (0, 1):
        return {"error": f"framing run failed: {(first.stderr or first.stdout).strip()[-300:]}"}
    # settle: a run right after `framing run` may still rebuild what `run` and `reports` see differently
    settle = subprocess.run([*_framing_cmd(), "reports", "-q"], cwd=root, env=env, capture_output=True, text=True)
    times, noop, last = [], [], None
    for _ in range(3):
        w0 = time.perf_counter()
        last = subprocess.run([*_framing_cmd(), "reports", "-q"], cwd=root, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - w0)
        noop.append(" 0 run" in (last.stdout or ""))
    out = (last.stdout or "") + (last.stderr or "")
    return {"docs": 0, "bytes": 0, "wall_s": statistics.median(times), "cpu_s": float("nan"), "runs_s": times,
            "all_noop": all(noop), "first_build_s": build_s, "first_exit": first.returncode,
            "settle_noop": " 0 run" in (settle.stdout or ""), "exit": last.returncode,
            "output_tail": out.strip()[-400:]}


def stage_report_one(a) -> dict:
    """One outlet report, forced, minus a bare kernel start (start, run one cell, shut down)."""
    import statistics

    import pandas as pd
    from jupyter_client.manager import start_new_kernel

    from framing.config import project_paths
    from framing.reports import build_reports

    kernel = []
    for _ in range(3):
        k0 = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3")
        kc.execute_interactive("1", timeout=60)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        kernel.append(time.perf_counter() - k0)
    kernel_s = statistics.median(kernel)
    root = _reports_root(a)
    docs = project_paths(root).docs_table("ukraine-media-sample")
    if not docs.exists():
        from framing.reports import ensure_docs

        ensure_docs("ukraine-media-sample", root=root, progress=False)
    outlet = pd.read_parquet(docs, columns=["outlet"])["outlet"].value_counts().sort_index().index[0]
    out = Path(a.work) / "report_one"
    build_reports(docs, out=out, outlets=[outlet], jobs=1, progress=False, root=root)  # features, caches
    runs = []
    for _ in range(2):
        res = build_reports(docs, out=out, outlets=[outlet], jobs=1, force=True, progress=False, root=root)
        runs.append({r.name: r.seconds for r in res.reports})
    one = statistics.median(r.get(outlet, float("nan")) for r in runs)
    # where the time goes: rendering the executed notebook to HTML (nbconvert) on its own
    from framing.reports import outlet_slug, render_html

    nb = out / outlet_slug(outlet) / "report.ipynb"
    render_s = float("nan")
    if nb.exists():
        r0 = time.perf_counter()
        render_html(nb, Path(a.work) / "render-check.html")
        render_s = time.perf_counter() - r0
    return {"docs": 0, "bytes": 0, "wall_s": one, "cpu_s": float("nan"), "kernel_start_s": kernel_s,
            "kernel_runs_s": kernel, "outlet": outlet, "outlet_report_s": one, "overhead_s": one - kernel_s,
            "html_render_s": render_s, "ok": bool(res.ok), "runs": runs}


STAGES = {name: globals()[f"stage_{name}"] for name in ALL_STAGES}


def run_child(a) -> int:
    a.docs = Path(a.docs)
    t0 = time.perf_counter()
    tree = TreeRSS()
    try:
        with tree:
            res = STAGES[a.stage](a)
    except ImportError as exc:
        res = {"skipped": f"not available: {exc}"}
    res.update(_rss_mb())
    res.update(tree.result())
    res["process_s"] = time.perf_counter() - t0
    Path(a.result).write_text(json.dumps(res, default=str), encoding="utf-8")
    return 0


# ============================================================================ parent side
def prepare(docs: Path, work: Path, codebook: str, *, limit: int | None, ingest_limit: int) -> dict:
    """Corpus stats, the terms file and the text file for grep, the CSV for ingest."""
    import pandas as pd

    from framing.codebook import load_codebook

    work.mkdir(parents=True, exist_ok=True)
    cb = load_codebook(codebook)
    terms = codebook_terms(cb)
    (work / "terms.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")
    n = b = 0
    with open(work / "grep_text.txt", "w", encoding="utf-8") as fh:
        for df in iter_doc_batches(docs, ["title", "clean_text"], limit=limit):
            for ti, tx in zip(df["title"], df["clean_text"]):
                fh.write(f"{ti}\n{tx}".replace("\n", " ").lower() + "\n")
            n += len(df)
            b += _utf8_len(df["title"]) + _utf8_len(df["clean_text"])
    meta = {"docs": n, "bytes": b}
    (work / "grep_text.json").write_text(json.dumps(meta))
    import pyarrow.parquet as pq

    total_docs = pq.ParquetFile(docs).metadata.num_rows
    tb = sum(_utf8_len(df["title"]) + _utf8_len(df["clean_text"])
             for df in iter_doc_batches(docs, ["title", "clean_text"]))
    (work / "corpus.json").write_text(json.dumps({"docs": total_docs, "bytes": tb}))
    # ingest input: the same articles as a CSV, as a user would bring them
    frames, raw_bytes = [], 0
    for df in iter_doc_batches(docs, ["outlet", "date", "url", "title", "text"], limit=ingest_limit):
        frames.append(df.rename(columns={"url": "URL", "date": "Date", "title": "Title", "text": "Text"}))
        raw_bytes += _utf8_len(df["text"])
    pd.concat(frames).to_csv(work / "ingest.csv", index=False)
    (work / "ingest.json").write_text(json.dumps({"rows": sum(map(len, frames)), "bytes": raw_bytes}))
    return {"docs_measured": n, "text_mb_measured": round(b / 1e6, 2), "corpus_docs": total_docs,
            "corpus_text_mb": round(tb / 1e6, 2), "terms": len(terms), "codebook": cb.name,
            "codebook_sha256": cb.sha256}


def run_stage(name: str, a, work: Path, *, limit: int | None, timeout: float) -> dict:
    result = work / f"{name}.result.json"
    result.unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "--stage", name, "--docs", str(a.docs), "--work", str(work),
           "--codebook", a.codebook, "--result", str(result), "--batch-size", str(a.batch_size),
           "--stream-extractors", a.stream_extractors]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=str(REPO))
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if proc.returncode != 0 or not result.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return {"error": f"exit {proc.returncode}: {' | '.join(tail)}"}
    res = json.loads(result.read_text())
    res["subprocess_s"] = time.perf_counter() - t0
    return res


def median_run(runs: list[dict]) -> dict:
    """The run with the median wall time, with the median CPU time and every run's times attached."""
    ok = [r for r in runs if "error" not in r and "skipped" not in r]
    if not ok:
        return runs[-1]
    import statistics

    ok.sort(key=lambda r: r.get("wall_s", 0))
    res = dict(ok[(len(ok) - 1) // 2])
    if len(runs) > 1:
        res["runs_wall_s"] = [round(r.get("wall_s", float("nan")), 3) for r in ok]
        cpus = [r["cpu_s"] for r in ok if r.get("cpu_s") == r.get("cpu_s") and r.get("cpu_s") is not None]
        if cpus:
            res["runs_cpu_s"] = [round(c, 3) for c in cpus]
            res["cpu_s"] = statistics.median(cpus)
        res["peak_rss_mb"] = max(r.get("peak_rss_mb", 0) for r in ok)
        if any("peak_rss_tree_mb" in r for r in ok):
            res["peak_rss_tree_mb"] = max(r.get("peak_rss_tree_mb", 0) for r in ok)
    return res


def _rate(res: dict, key: str) -> tuple[float | None, float | None]:
    """(MB/s, docs/s) over ``key`` seconds ('wall_s' or 'cpu_s')."""
    s = res.get(key)
    if not s or s != s or s <= 0:
        return None, None
    mb = res.get("bytes", 0) / 1e6 / s if res.get("bytes") else None
    ds = res.get("docs", 0) / s if res.get("docs") else None
    return mb, ds


def add_rates(results: dict) -> None:
    for res in results.values():
        if "error" in res or "skipped" in res:
            continue
        res["mb_s_wall"], res["docs_s_wall"] = _rate(res, "wall_s")
        res["mb_s_cpu"], res["docs_s_cpu"] = _rate(res, "cpu_s")


def ratios(results: dict) -> dict:
    def get(name, key):
        r = results.get(name, {})
        return r.get(key)

    def ratio(a_, b_):
        return round(a_ / b_, 3) if a_ and b_ else None

    out = {}
    for key, label in (("mb_s_cpu", "cpu"), ("mb_s_wall", "wall")):
        out[f"lexical/aho ({label})"] = ratio(get("lexical", key), get("aho", key))
        out[f"lexicon/aho ({label})"] = ratio(get("lexicon", key), get("aho", key))
        out[f"vectorize/aho ({label})"] = ratio(get("vectorize", key), get("aho", key))
        out[f"full/countvec ({label})"] = ratio(get("full", key), get("countvec", key))
    out["stream 2 workers/1 (wall)"] = ratio(get("stream_w1", "wall_s"), get("stream_w2", "wall_s"))
    out["dask 2 workers/1 (wall)"] = ratio(get("dask_w1", "wall_s"), get("dask_w2", "wall_s"))
    # CPU seconds of 1 worker / of 2 workers (all processes): 1.0 = parallelism costs no extra work;
    # on 2 idle cores the wall-clock speed-up can approach 2x this (less the serial part)
    out["stream CPU work 1/2 workers"] = ratio(get("stream_w1", "cpu_s"), get("stream_w2", "cpu_s"))
    out["dask CPU work 1/2 workers"] = ratio(get("dask_w1", "cpu_s"), get("dask_w2", "cpu_s"))
    return out


def targets(results: dict, rat: dict) -> dict:
    """The issue-8 targets, each as {value, target, met}."""
    def t(value, target, ok):
        return {"value": value, "target": target, "met": None if value is None else bool(ok)}

    la = rat.get("lexical/aho (cpu)")
    fc = rat.get("full/countvec (cpu)")
    w2 = rat.get("stream 2 workers/1 (wall)")
    d2 = rat.get("dask 2 workers/1 (wall)")
    rss = results.get("stream_w1", {}).get("peak_rss_tree_mb") or results.get("stream_w1", {}).get("peak_rss_mb")
    noop = results.get("reports_noop", {}).get("wall_s")
    one = results.get("report_one", {}).get("overhead_s")
    lex_counts = results.get("lexical", {}).get("lexical_counts")
    full_counts = results.get("full", {}).get("lexical_counts")
    if full_counts is None:  # a saved run: the comparison was made before the counts were dropped
        lex_equal = results.get("full", {}).get("lexical_counts_match_lexical_stage", False)
    else:
        lex_equal = lex_counts is not None and lex_counts == full_counts
    direct = results.get("lexicon", {}).get("lexical_counts")
    direct_equal = direct is not None and lex_counts == direct
    full_hits, stream_hits = results.get("full", {}).get("hits"), results.get("stream_w1", {}).get("hits")
    if results.get("full", {}).get("docs") != results.get("stream_w1", {}).get("docs"):
        full_hits = None  # --limit: the in-memory stages saw fewer documents than the streaming ones
    same_hits = full_hits is not None and full_hits == stream_hits
    va = rat.get("vectorize/aho (cpu)")
    vec_counts = results.get("vectorize", {}).get("lexical_counts")
    vec_equal = vec_counts is not None and lex_counts is not None and vec_counts == lex_counts
    return {
        "lexical features (FramingVectorizer counts) >= 0.5x aho": t(va, 0.5, va is not None and va >= 0.5),
        "lexical hits table >= 0.5x aho": t(la, 0.5, la is not None and la >= 0.5),
        "vectorizer counts == hits-table counts": t(vec_equal if vec_counts is not None and lex_counts is not None
                                                     else None, True, vec_equal),
        "full >= 2x countvec": t(fc, 2.0, fc is not None and fc >= 2.0),
        "2 workers >= 1.7x 1 (local process pool)": t(w2, 1.7, w2 is not None and w2 >= 1.7),
        "2 workers >= 1.7x 1 (Dask LocalCluster)": t(d2, 1.7, d2 is not None and d2 >= 1.7),
        "stream peak RSS < 1 GB (MB)": t(rss, 1000, rss is not None and rss < 1000),
        "no-op reports < 3 s": t(noop, 3.0, noop is not None and noop < 3.0),
        "one report overhead < 5 s": t(one, 5.0, one is not None and one < 5.0),
        "hits-table counts == direct count_lexical": t(direct_equal if lex_counts is not None and direct is not None
                                                        else None, True, direct_equal),
        "lexical counts identical (lexical-only vs full run)": t(lex_equal if "full" in results and "lexical" in results
                                                                 else None,
                                                                 True, lex_equal),
        "streamed hits == in-memory hits": t(same_hits if stream_hits is not None and full_hits is not None else None,
                                             True, same_hits),
    }


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as fh:
            info["ram_gb"] = round(int(fh.readline().split()[1]) / 1024 / 1024, 1)
        info["loadavg_start"] = os.getloadavg()
    except OSError:
        pass
    return info


def fmt(v, nd=1):
    if v is None or (isinstance(v, float) and v != v):
        return "-"
    return f"{v:,.{nd}f}" if isinstance(v, float) else str(v)


def print_table(results: dict, rat: dict, tg: dict) -> None:
    print(f"\n{'stage':13} {'docs':>8} {'MB':>7} {'wall s':>8} {'cpu s':>8} {'MB/s cpu':>9} {'MB/s wall':>9} "
          f"{'docs/s wall':>11} {'RSS MB':>7} {'tree MB':>8}")
    for name, r in results.items():
        if "error" in r or "skipped" in r:
            print(f"{name:13} {r.get('error') or r.get('skipped')}")
            continue
        print(f"{name:13} {r.get('docs', 0):>8} {fmt(r.get('bytes', 0) / 1e6):>7} {fmt(r.get('wall_s'), 2):>8} "
              f"{fmt(r.get('cpu_s'), 2):>8} {fmt(r.get('mb_s_cpu')):>9} {fmt(r.get('mb_s_wall')):>9} "
              f"{fmt(r.get('docs_s_wall'), 0):>11} {fmt(r.get('peak_rss_mb'), 0):>7} "
              f"{fmt(r.get('peak_rss_tree_mb'), 0):>8}")
    print("\nratios:")
    for k, v in rat.items():
        print(f"  {k:32} {fmt(v, 2)}")
    print("\ntargets:")
    for k, v in tg.items():
        mark = {True: "met", False: "NOT met", None: "not measured"}[v["met"]]
        print(f"  {k:52} {fmt(v['value'], 2) if not isinstance(v['value'], bool) else str(v['value']):>8}  "
              f"(target {v['target']})  {mark}")


def markdown(report: dict) -> str:
    """The results of one run as Markdown (the tables in bench/README.md are made with this)."""
    m, c = report["machine"], report["corpus"]
    report = {**report, "ratios": ratios(report["results"])}  # with the current definitions
    report["targets"] = targets(report["results"], report["ratios"])
    lines = [
        f"Run {report['date']} on {m.get('cpu_model', '?')} ({m.get('cpus')} CPUs), {m.get('ram_gb', '?')} GB RAM, "
        f"Python {m.get('python')}; load average at start {', '.join(f'{x:.1f}' for x in m.get('loadavg_start', []))}. "
        f"Corpus {Path(c['path']).name}: {c['corpus_docs']:,} docs, {c['corpus_text_mb']} MB of title + clean_text; "
        f"in-memory stages on {c['docs_measured']:,} docs ({c['text_mb_measured']} MB); "
        f"settings {report['settings']}.",
        "",
        "| stage | docs | MB | wall s | CPU s | MB/s (CPU) | MB/s (wall) | docs/s (wall) | peak memory MB* |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in report["results"].items():
        if "error" in r or "skipped" in r:
            lines.append(f"| {name} | {r.get('error') or r.get('skipped')} | | | | | | | |")
            continue
        rss = r.get("peak_rss_tree_mb") if r.get("processes", 1) > 1 else r.get("peak_rss_mb")
        lines.append(
            f"| {name} | {r.get('docs', 0):,} | {fmt(r.get('bytes', 0) / 1e6)} | {fmt(r.get('wall_s'), 2)} | "
            f"{fmt(r.get('cpu_s'), 2)} | {fmt(r.get('mb_s_cpu'))} | {fmt(r.get('mb_s_wall'))} | "
            f"{fmt(r.get('docs_s_wall'), 0)} | {fmt(rss, 0)} |")
    lines += ["", "\\* one process: its peak RSS (VmHWM); several (workers, Dask): peak of their summed PSS.",
              "", "| ratio | value |", "| --- | ---: |"]
    lines += [f"| {k} | {fmt(v, 2)} |" for k, v in report["ratios"].items()]
    lines += ["", "| target | measured | target | met |", "| --- | ---: | ---: | --- |"]
    for k, v in report["targets"].items():
        val = v["value"] if isinstance(v["value"], bool) else fmt(v["value"], 2)
        lines.append(f"| {k} | {val} | {v['target']} | {dict([(True, 'yes'), (False, '**no**'), (None, 'not measured')])[v['met']]} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=10_000, help="corpus size (bench/out/corpus-<n>.parquet, built if missing)")
    p.add_argument("--docs", help="use this docs table instead of a resampled corpus")
    p.add_argument("--workers", type=int, default=2, help="workers of the multi-worker stages (default 2)")
    p.add_argument("--quick", action="store_true", help="smoke run: no Dask and no reports stages, short timeouts")
    p.add_argument("--stages", help=f"comma-separated subset of: {','.join(ALL_STAGES)}")
    p.add_argument("--limit", type=int, help="documents for the in-memory stages (default: all)")
    p.add_argument("--ingest-limit", type=int, default=20_000, help="documents for the ingest stage (default 20000)")
    p.add_argument("--codebook", default="russia_ukraine")
    p.add_argument("--batch-size", type=int, default=2000, help="documents per batch / Dask partition")
    p.add_argument("--stream-extractors", default="lexical,quotes",
                   help="extractors of the stream_* and dask_* stages (default: lexical,quotes)")
    p.add_argument("--timeout", type=float, default=1800, help="seconds per stage")
    p.add_argument("--repeat", type=int, default=1, help="run each stage this many times; report the median")
    p.add_argument("--json", default=str(OUT / "results.json"), help="results file")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", action="store_true", help="keep the work folder (hits tables, CSV, text dump)")
    # child-process options
    p.add_argument("--stage", help=argparse.SUPPRESS)
    p.add_argument("--work", help="work folder (hits tables, CSV, text dump; default: a new folder in bench/out, "
                                  "removed unless --keep)")
    p.add_argument("--result", help=argparse.SUPPRESS)
    p.add_argument("--markdown", metavar="RESULTS.json", help="print an earlier run's results as Markdown and exit")
    a = p.parse_args(argv)
    if a.stage:
        return run_child(a)
    if a.markdown:
        print(markdown(json.loads(Path(a.markdown).read_text(encoding="utf-8"))))
        return 0

    stages = a.stages.split(",") if a.stages else list(QUICK_STAGES if a.quick else ALL_STAGES)
    bad = [s for s in stages if s not in ALL_STAGES]
    if bad:
        p.error(f"unknown stage(s) {bad}; choose from {ALL_STAGES}")
    if a.workers != 2:
        stages = [s for s in stages if s not in ("stream_w2", "dask_w2")]
    if a.docs:
        a.docs = Path(a.docs).resolve()
    else:
        a.docs = OUT / f"corpus-{a.n}.parquet"
        if not a.docs.exists():
            from make_corpus import make_corpus

            print(f"building {a.docs} ...", file=sys.stderr)
            make_corpus(a.n, a.docs, seed=a.seed)
    if a.work:
        work = Path(a.work).resolve()
        work.mkdir(parents=True, exist_ok=True)
    else:
        OUT.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f"run-{a.docs.stem}-", dir=OUT))
    print(f"corpus {a.docs}; work folder {work}", file=sys.stderr)
    info = prepare(a.docs, work, a.codebook, limit=a.limit, ingest_limit=min(a.ingest_limit, a.limit or a.ingest_limit))
    # stream_w1 must run before aggregate (it reads its hits)
    order = [s for s in ALL_STAGES if s in stages]
    if "aggregate" in order and "stream_w1" in order:
        order.remove("aggregate")
        order.insert(order.index("stream_w1") + 1, "aggregate")
    results = {}
    timeout = min(a.timeout, 300) if a.quick else a.timeout
    for name in order:
        print(f"  {name} ...", file=sys.stderr, flush=True)
        runs = [run_stage(name, a, work, limit=a.limit, timeout=timeout)
                for _ in range(1 if name in ("reports_noop", "report_one") else a.repeat)]
        results[name] = median_run(runs)
    add_rates(results)
    rat = ratios(results)
    tg = targets(results, rat)
    if "full" in results and "lexical_counts" in results["full"]:
        results["full"]["lexical_counts_match_lexical_stage"] = (
            results["full"]["lexical_counts"] == results.get("lexical", {}).get("lexical_counts"))
    for name, r in results.items():
        if name not in ("lexical", "lexicon", "vectorize"):
            r.pop("lexical_counts", None)
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {**machine(), "loadavg_end": os.getloadavg()},
        "corpus": {"path": str(a.docs), **info},
        "settings": {"workers": a.workers, "batch_size": a.batch_size, "limit": a.limit, "quick": a.quick,
                     "repeat": a.repeat,
                     "stream_extractors": a.stream_extractors},
        "results": results,
        "ratios": rat,
        "targets": tg,
    }
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(f"{a.json}.tmp")
    tmp.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, a.json)
    print_table(results, rat, tg)
    print(f"\nresults written to {a.json}")
    if not a.keep and not a.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
