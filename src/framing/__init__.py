"""framing: measure how news outlets frame the same events.

The public API, one function per stage (data flows one way):

    docs  = framing.ingest_paths(["data/raw/seeds"])          # raw -> documents
    hits  = framing.extract_hits(docs)                         # documents -> hits (every match, with offsets)
    feats = framing.doc_features(docs, hits)                   # hits -> per-document counts and shares
    table = framing.kwic.kwic(docs, hits, key="kyiv")          # read the hits behind a count
    rates = framing.outlet_rates(docs, hits)                   # hits -> per-outlet rates with CIs

Modules: ingest, clean, codebook, lexicon, quotes, attribution, features, kwic, stats, plots,
tables, reports, evaluate, cli.
"""
from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "ingest_paths": "ingest",
    "load_codebook": "codebook",
    "extract_hits": "features",
    "doc_features": "features",
    "extract_quotes": "quotes",
    "outlet_rates": "stats",
    "variant_shares": "stats",
    "save_figure": "plots",
    "project_paths": "config",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    # Lazy imports keep `framing --help` and `import framing` fast. Stage modules
    # (framing.kwic, framing.stats, ...) are imported as submodules, never shadowed here.
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(f"framing.{_LAZY[name]}"), name)
    try:
        return importlib.import_module(f"framing.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"module 'framing' has no attribute {name!r}") from None
