"""Peak memory of the streaming extraction, with pyarrow's ``pre_buffer`` as released or switched off.

Reproduces the memory table and finding 1 of bench/README.md::

    python bench/memory.py bench/out/corpus-100000.parquet --extractors lexical
    python bench/memory.py bench/out/corpus-100000.parquet --extractors lexical --pre-buffer off
    python bench/memory.py bench/out/corpus-1000000.parquet --read-only          # reading alone

``--pre-buffer off`` makes every ``pyarrow.parquet.ParquetFile`` opened in this process use
``pre_buffer=False`` (what the suggested one-line fix in ``framing.features`` does). Peak RSS and
peak Arrow allocation are sampled every 0.2 s (psutil).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("docs", type=Path, help="docs table (e.g. from bench/make_corpus.py)")
    p.add_argument("--extractors", default="lexical,quotes")
    p.add_argument("--batch-size", type=int, default=2000)
    p.add_argument("--pre-buffer", choices=["default", "off"], default="default")
    p.add_argument("--read-only", action="store_true", help="only iterate over the batches (no extraction)")
    a = p.parse_args(argv)

    import psutil
    import pyarrow as pa
    import pyarrow.parquet as pq

    if a.pre_buffer == "off":
        base = pq.ParquetFile

        class ParquetFileNoPrebuffer(base):
            def __init__(self, *args, **kwargs):
                kwargs.setdefault("pre_buffer", False)
                super().__init__(*args, **kwargs)

        pq.ParquetFile = ParquetFileNoPrebuffer

    proc = psutil.Process()
    peak = {"rss_mb": 0.0, "arrow_mb": 0.0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak["rss_mb"] = max(peak["rss_mb"], proc.memory_info().rss / 2**20)
            peak["arrow_mb"] = max(peak["arrow_mb"], pa.total_allocated_bytes() / 2**20)
            stop.wait(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    t0 = time.perf_counter()
    n = 0
    if a.read_only:
        cols = ["doc_id", "outlet", "date", "title", "clean_text", "n_words"]
        for rb in pq.ParquetFile(a.docs).iter_batches(batch_size=a.batch_size, columns=cols):
            n += len(rb.to_pandas())
    else:
        from framing.features import features_to_parquet

        with tempfile.TemporaryDirectory() as tmp:
            features_to_parquet(a.docs, Path(tmp) / "hits.parquet", codebook=None, workers=1,
                                batch_size=a.batch_size, progress=False, extractors=a.extractors.split(","))
        n = pq.ParquetFile(a.docs).metadata.num_rows
    stop.set()
    thread.join()
    print(json.dumps({"docs": n, "pre_buffer": a.pre_buffer, "read_only": a.read_only,
                      "extractors": None if a.read_only else a.extractors, "seconds": round(time.perf_counter() - t0, 1),
                      "peak_rss_mb": round(peak["rss_mb"]), "peak_arrow_mb": round(peak["arrow_mb"])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
