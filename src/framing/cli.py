"""The ``framing`` command line: one sub-command per stage, plus ``run`` for the whole job.

Each handler only parses options and calls the library; all logic lives in the stage modules.
User errors (:class:`framing.io.FramingError`) are printed as one line, without a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .config import DEFAULT_CODEBOOK, DEFAULT_SEED, SAMPLE_CORPORA, project_paths
from .io import FramingError

EPILOG = """Typical session:
  framing ingest data/raw/seeds --out data/processed/seeds/docs.parquet
  framing features data/processed/seeds/docs.parquet
  framing kwic data/processed/seeds/docs.parquet --key kyiv
  framing reports data/processed/seeds/docs.parquet
or all of it, for the bundled sample corpora:  framing run
"""


# ----------------------------------------------------------------------------- handlers
def _cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import ingest_to_parquet

    out = args.out
    if out is None:
        name = args.corpus or Path(args.paths[0]).resolve().stem
        out = project_paths().docs_table(name)
    report = ingest_to_parquet(
        args.paths,
        out,
        manifest=args.manifest,
        outlet=args.outlet,
        column_map=_parse_mapping(args.columns),
        outlets=args.outlets,
        progress=not args.quiet,
    )
    print(report.summary())
    return 0 if report.n_docs > 0 else 1


def _cmd_features(args: argparse.Namespace) -> int:
    from .features import features_to_parquet

    docs = Path(args.docs)
    out = Path(args.out) if args.out else docs.with_name("hits.parquet")
    summary = features_to_parquet(
        docs,
        out,
        codebook=args.codebook,
        engine=args.engine,
        scheduler=args.scheduler,
        workers=args.workers,
        batch_size=args.batch_size,
        progress=not args.quiet,
        extractors=args.extractors,
    )
    print(summary)
    return 0


def _cmd_kwic(args: argparse.Namespace) -> int:
    from .kwic import kwic_from_files

    table = kwic_from_files(
        args.docs,
        hits=args.hits,
        codebook=args.codebook,
        key=args.key,
        value=args.value,
        feature=args.feature,
        outlet=args.outlet,
        date_from=args.date_from,
        date_to=args.date_to,
        width=args.width,
    )
    if args.limit:
        table = table.head(args.limit)
    if args.out:
        from .io import write_csv

        write_csv(table, args.out)
        print(f"{len(table)} lines written to {args.out}")
    else:
        _print_kwic(table)
    return 0


def _print_kwic(table) -> None:
    if table.empty:
        print("no matches")
        return
    for row in table.itertuples(index=False):
        print(f"{row.outlet[:12]:>12} {str(row.doc_id)[:10]:10} {row.left[-50:]:>50} [{row.match}] {row.right[:50]}")


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import run_evaluation

    batches = [b.strip() for b in args.batches.split(",") if b.strip()] if args.batches else None
    print(run_evaluation(args.gold, path=args.path, out=args.out, codebook=args.codebook, batches=batches,
                         ci=args.ci))
    return 0


def _cmd_reports(args: argparse.Namespace) -> int:
    from .reports import build_reports

    result = build_reports(
        args.docs or None,
        out=args.out,
        outlets=args.outlet or None,
        codebook=args.codebook,
        jobs=args.jobs,
        force=args.force,
        seed=args.seed,
        progress=not args.quiet,
        date_from=args.date_from,
        date_to=args.date_to,
        show_code=args.show_code,
    )
    print(result.summary())
    return 0 if result.ok else 1


def _cmd_run(args: argparse.Namespace) -> int:
    from .reports import run_pipeline

    result = run_pipeline(
        corpora=args.corpus or list(SAMPLE_CORPORA),
        codebook=args.codebook,
        jobs=args.jobs,
        force=args.force,
        seed=args.seed,
        progress=not args.quiet,
    )
    print(result.summary())
    return 0 if result.ok else 1


def _cmd_codebook(args: argparse.Namespace) -> int:
    from .codebook import describe_codebook, load_codebook

    cb = load_codebook(args.codebook)
    print(describe_codebook(cb))
    return 0


# ----------------------------------------------------------------------------- parser
def _parse_mapping(items: list[str] | None) -> dict[str, str] | None:
    """``["Text=text", "Date=date"]`` -> ``{"Text": "text", "Date": "date"}``."""
    if not items:
        return None
    mapping = {}
    for item in items:
        for part in item.split(","):
            if "=" not in part:
                raise FramingError(f"--columns takes SOURCE=TARGET pairs, got {part!r}")
            src, dst = part.split("=", 1)
            mapping[src.strip()] = dst.strip()
    return mapping


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="framing",
        description="Measure how news outlets frame the same events.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name, help_, func, description=None):
        sp = sub.add_parser(name, help=help_, description=description or help_,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        sp.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
        sp.set_defaults(func=func)
        return sp

    sp = add("ingest", "read raw articles (txt, html, csv, jsonl + manifest) into a document table", _cmd_ingest,
             "Read articles from files or folders (recursively) into one Parquet document table with\n"
             "columns doc_id, outlet, date, url, title, text, clean_text, n_words, source. Writes an\n"
             "ingest report (skipped files/rows with reasons, duplicates dropped) beside the output:\n"
             "<stem>.ingest_report.json and <stem>.ingest_report.txt. Exits 2 if no document could be read.\n"
             "Outlet: manifest/column, else --outlet, else a known file name (bbc.csv), else the URL's\n"
             "domain, else a page signature (RT's footer, 'Source :Skai'), else 'unknown'.")
    sp.add_argument("paths", nargs="+", metavar="PATH", help="file (.txt .html .csv .tsv .jsonl .json) or folder read recursively")
    sp.add_argument("--out", metavar="DOCS.parquet", help="output table (default: data/processed/<name>/docs.parquet)")
    sp.add_argument("--manifest", metavar="FILE", help="csv/yaml with file,outlet,date,url,title (default: a manifest.* found in the folder)")
    sp.add_argument("--outlet", help="outlet for every document whose manifest/columns name none (beats file-name/domain guesses)")
    sp.add_argument("--outlets", metavar="OUTLETS.yaml", help="outlet alias table (default: the shipped framing/outlets.yaml)")
    sp.add_argument("--corpus", help="corpus name for the default output folder")
    sp.add_argument("--columns", action="append", metavar="SRC=DST[,SRC=DST]",
                    help="map input column names to doc_id/outlet/date/url/title/text, e.g. Text=text,URL=url")

    sp = add("features", "extract codebook features, quotes and attribution into a hits table", _cmd_features,
             "Run every extractor over a document table in one pass per text and write the hits table\n"
             "(one row per hit, with offsets and context) and the per-document feature table\n"
             "(doc_features.parquet) beside it.")
    sp.add_argument("docs", metavar="DOCS.parquet", help="document table written by 'framing ingest'")
    sp.add_argument("--out", metavar="HITS.parquet", help="hits table (default: hits.parquet beside the documents)")
    sp.add_argument("--codebook", default=DEFAULT_CODEBOOK, help="shipped codebook name or path to a YAML file (default: %(default)s)")
    sp.add_argument("--engine", choices=["local", "dask"], default="local", help="run in this process (default) or on a Dask cluster")
    sp.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: address of an existing scheduler (default: a LocalCluster)")
    sp.add_argument("--workers", type=int, default=1, help="worker processes (local) or LocalCluster workers (dask)")
    sp.add_argument("--batch-size", type=int, default=2000, help="documents per batch (memory is bounded by the batch)")
    sp.add_argument("--extractors", default="lexical,quotes", metavar="LIST",
                    help="comma-separated: lexical (codebook terms), quotes (quotes and attribution) (default: %(default)s)")

    sp = add("kwic", "keyword in context: read the hits behind a count", _cmd_kwic,
             "List hits in context (doc_id, outlet, left, match, right), filtered by codebook key,\n"
             "value, feature, outlet and date. Uses the hits table beside the documents if present,\n"
             "else extracts on the fly.")
    sp.add_argument("docs", metavar="DOCS.parquet")
    sp.add_argument("--hits", metavar="HITS.parquet", help="hits table (default: hits.parquet beside the documents)")
    sp.add_argument("--codebook", default=DEFAULT_CODEBOOK)
    sp.add_argument("--key", action="append", help="codebook key (repeatable), e.g. kyiv")
    sp.add_argument("--value", action="append", help="form/value (repeatable), e.g. Kiev")
    sp.add_argument("--feature", action="append", help="feature (repeatable), e.g. variant, quote")
    sp.add_argument("--outlet", action="append", help="outlet (repeatable)")
    sp.add_argument("--date-from", metavar="YYYY-MM-DD")
    sp.add_argument("--date-to", metavar="YYYY-MM-DD")
    sp.add_argument("--width", type=int, default=60, help="characters of context a side")
    sp.add_argument("--limit", type=int, default=0, help="show at most N lines")
    sp.add_argument("--out", metavar="FILE.csv", help="write the table to CSV instead of printing")

    sp = add("evaluate", "score the quote extractor on a gold set", _cmd_evaluate,
             "ggt:   the Gender Gap Tracker gold set (quote F1 at overlap >= 0.3 / 0.8, speaker and verb\n"
             "       accuracy), scored as that project scores its own extractor; read from\n"
             "       $FRAMING_SHARED/gold/gendergaptracker, ../shared/gold/gendergaptracker or --path.\n"
             "scare: the project's hand-annotated quote-type gold set (precision/recall/F1 per type,\n"
             "       speaker and cue accuracy), shipped under tests/data/quotes_gold.\n"
             "all:   both (the GGT set is skipped with a note where it is absent). See docs/quotes.md.")
    sp.add_argument("gold", choices=["ggt", "scare", "all"], nargs="?", default="all")
    sp.add_argument("--path", help="folder or file of the gold set (default: the known location)")
    sp.add_argument("--codebook", default=DEFAULT_CODEBOOK)
    sp.add_argument("--out", metavar="FILE.json", help="also write the scores as JSON")
    sp.add_argument("--batches", metavar="B1,B2",
                    help="scare gold only: score these batches of the folder (e.g. 'd,e'; default: all of them)")
    sp.add_argument("--ci", action="store_true",
                    help="scare gold only: add 95%% intervals (bootstrap over documents) to every F1 and accuracy")

    sp = add("reports", "build the per-outlet and comparison reports (papermill + nbconvert)", _cmd_reports,
             "Executes notebooks/outlet_report.ipynb for every outlet (or each --outlet) and\n"
             "notebooks/comparison_report.ipynb for all of them (or the chosen ones), renders each to\n"
             "HTML with the code hidden, and writes <out>/index.html linking them, with provenance.\n"
             "Per report: report.ipynb, report.html, figures/*.{pdf,svg,png}, tables/*.{csv,tex}.\n"
             "Without DOCS, for the bundled sample corpora into reports/<corpus>/. Reruns only the\n"
             "reports whose inputs changed (corpus, codebook, notebook, parameters, version); a\n"
             "failing report is shown in the index and makes the command exit 1.")
    sp.add_argument("docs", nargs="?", metavar="DOCS.parquet")
    sp.add_argument("--out", metavar="DIR", help="output folder (default: reports/<corpus>)")
    sp.add_argument("--outlet", action="append", help="only these outlets (repeatable)")
    sp.add_argument("--codebook", default=DEFAULT_CODEBOOK)
    sp.add_argument("--jobs", type=int, default=2, help="notebooks executed in parallel (default: %(default)s)")
    sp.add_argument("--force", action="store_true", help="rerun every report even if its inputs have not changed")
    sp.add_argument("--seed", type=int, default=DEFAULT_SEED)
    sp.add_argument("--date-from", metavar="YYYY-MM-DD", help="only documents from this date")
    sp.add_argument("--date-to", metavar="YYYY-MM-DD", help="only documents up to this date (inclusive)")
    sp.add_argument("--show-code", action="store_true", help="keep the code cells in report.html (default: hidden)")

    sp = add("run", "ingest + features + reports for the bundled sample corpora", _cmd_run)
    sp.add_argument("--corpus", action="append", choices=list(SAMPLE_CORPORA), help="only this sample corpus")
    sp.add_argument("--codebook", default=DEFAULT_CODEBOOK)
    sp.add_argument("--jobs", type=int, default=2)
    sp.add_argument("--force", action="store_true")
    sp.add_argument("--seed", type=int, default=DEFAULT_SEED)

    sp = add("codebook", "validate a codebook and list its entries", _cmd_codebook,
             "Validate a codebook and list its entries, forms, terms, exceptions and SHA-256 (cite it with\n"
             "your results). A bad entry is reported as one line: file, entry, reason. Shipped codebooks:\n"
             "russia_ukraine (default), migration. Format and matching rules: docs/codebook.md.")
    sp.add_argument("codebook", nargs="?", default=DEFAULT_CODEBOOK,
                    help="shipped name or path to a YAML file (default: %(default)s)")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except FramingError as exc:
        print(f"framing {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `framing kwic ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("interrupted; outputs already written are complete, the rest were not written", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
