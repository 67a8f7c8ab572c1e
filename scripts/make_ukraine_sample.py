"""Draw the bundled sample corpus data/raw/ukraine-media-sample/ from ukraine-media.

The source is the ``ukraine-media`` corpus (r2nery/ukraine-media, MIT licence), available to
developers at ``../shared/corpora/ukraine-media``. For each outlet below, the script reads the
outlet's CSV, keeps the rows whose Text is non-empty, whose URL is not repeated in the file and
whose Text mentions Ukraine (case-insensitive "ukrain", which does not favour either spelling
of Kyiv/Kiev or any label), and draws at most ``--per-outlet`` of them without replacement
with ``--seed``. Outlets with fewer such rows are kept whole. Rows keep the source's columns
and values exactly; one column is added at the end, ``source_row``: the 0-based row of the
article in the source file (``pd.read_csv(source_file).iloc[source_row]``). Rows are written
in source order. LICENSE.txt is copied and README.md states provenance and sampling.

Usage::

    python scripts/make_ukraine_sample.py                       # defaults below
    python scripts/make_ukraine_sample.py --source ../shared/corpora/ukraine-media \\
        --out data/raw/ukraine-media-sample --per-outlet 60 --seed 20221124

Running it again with the same source, seed and size reproduces the files byte for byte.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = Path(os.environ.get("FRAMING_SHARED", REPO.parent / "shared")) / "corpora" / "ukraine-media"
DEFAULT_OUT = REPO / "data" / "raw" / "ukraine-media-sample"
DEFAULT_SEED = 20221124  # framing.config.DEFAULT_SEED
DEFAULT_PER_OUTLET = 60

#: outlet -> (source file in ukraine-media, file name in the sample)
SOURCES: dict[str, tuple[str, str]] = {
    "RT": ("data/RT.csv", "RT.csv"),
    "BBC": ("data/bbc.csv", "bbc.csv"),
    "Guardian": ("data/guardian.csv", "guardian.csv"),
    "Reuters": ("data/Reuters.csv", "Reuters.csv"),
    "AP": ("data/AssociatedPress.csv", "AssociatedPress.csv"),
    "Fox": ("data_filtered/data_removed/Fox.csv", "Fox.csv"),
    "Daily Mail": ("data/DailyMail.csv", "DailyMail.csv"),
    "NYT": ("data_filtered/data_removed/NYT.csv", "NYT.csv"),
}
TOPIC_PATTERN = "ukrain"


def sample_outlet(path: Path, *, n: int, seed: int) -> tuple[pd.DataFrame, dict]:
    """Rows of one outlet's CSV: eligible rows, then a seeded draw of at most ``n``."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    df["source_row"] = range(len(df))
    has_text = df["Text"].str.strip().ne("")
    first_url = ~df["URL"].duplicated() | df["URL"].str.strip().eq("")
    on_topic = df["Text"].str.contains(TOPIC_PATTERN, case=False, regex=False)
    eligible = df[has_text & first_url & on_topic]
    take = eligible if len(eligible) <= n else eligible.sample(n=n, random_state=seed)
    take = take.sort_values("source_row")
    stats = {"rows": len(df), "eligible": len(eligible), "sampled": len(take),
             "date_min": take["Date"].min(), "date_max": take["Date"].max()}
    return take, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="ukraine-media folder (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    ap.add_argument("--per-outlet", type=int, default=DEFAULT_PER_OUTLET, help="articles per outlet at most (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)")
    args = ap.parse_args(argv)
    if not args.source.is_dir():
        print(f"make_ukraine_sample: source folder {args.source} not found", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for outlet, (rel, name) in SOURCES.items():
        src = args.source / rel
        take, st = sample_outlet(src, n=args.per_outlet, seed=args.seed)
        dest = args.out / name
        # pandas reads an empty header cell as "Unnamed: 0"; write it back empty, as in the source
        take = take.rename(columns=lambda c: "" if str(c).startswith("Unnamed: ") else c)
        take.to_csv(dest, index=False, lineterminator="\n")
        sha = hashlib.sha256(src.read_bytes()).hexdigest()[:16]
        rows.append((outlet, name, rel, st, sha, dest.stat().st_size))
        print(f"{outlet:10} {st['sampled']:3d} of {st['eligible']:4d} eligible ({st['rows']} rows) -> {dest}")
    shutil.copyfile(args.source / "LICENSE.txt", args.out / "LICENSE.txt")
    (args.out / "README.md").write_text(_readme(rows, args), encoding="utf-8")
    total = sum(r[3]["sampled"] for r in rows)
    size = sum(r[5] for r in rows) / 1e6
    print(f"{total} articles, {size:.2f} MB of CSV in {args.out}")
    return 0


def _readme(rows, args) -> str:
    table = "\n".join(
        f"| {o} | `{n}` | `{rel}` | {st['rows']} | {st['eligible']} | {st['sampled']} | {st['date_min'][:10]} – {st['date_max'][:10]} | `{sha}` |"
        for o, n, rel, st, sha, _ in rows
    )
    total = sum(r[3]["sampled"] for r in rows)
    return f"""# ukraine-media-sample

{total} real news articles on the Russia–Ukraine war (2022) from eight outlets, drawn from the
`ukraine-media` corpus (github.com/r2nery/ukraine-media, MIT licence: see `LICENSE.txt`, copied
unchanged). Bundled so that `framing run` and the tests have a small real corpus; for research,
ingest the full corpus or your own.

## Files
One CSV per outlet, in the source's format (`Date,URL,Title,Text`, plus `Topic` for Fox and
NYT and the unnamed index column of `bbc.csv` and `guardian.csv`), values unchanged, plus one
column `source_row`: the article's 0-based row in the source file
(`pd.read_csv(source_file).iloc[source_row]`). The outlet is in the file name (as in the
source): `framing ingest` maps `AssociatedPress.csv` to AP (its URLs point at
dailymail.co.uk/wires/ap, which is why the file name wins over the domain) and `bbc.csv` to BBC.

| outlet | file | source file | source rows | eligible | sampled | dates | source sha256 (16) |
| --- | --- | --- | ---: | ---: | ---: | --- | --- |
{table}

## How it was sampled
`python scripts/make_ukraine_sample.py --per-outlet {args.per_outlet} --seed {args.seed}`
(re-running it reproduces these files). Per outlet: rows with non-empty Text, the first row of
each URL, and Text mentioning Ukraine (case-insensitive `ukrain` — neutral between Kyiv/Kiev
and between labels); then a simple random sample of at most {args.per_outlet} rows
(`DataFrame.sample(random_state={args.seed})`), written in source order. Fox and NYT come from
`data_filtered/data_removed/` (full texts the original author later dropped with a topic
filter; still real articles); the NYT rows in `data/NYT.csv` are API abstracts and are not used.

## Caveats for comparisons
- The outlets were scraped over different periods (see *dates*): BBC in April–June, RT in
  June–September, AP in August, Daily Mail in October–November 2022, Fox and NYT over the
  whole year. Differences between outlets are confounded with time.
- Texts are as scraped: paragraphs joined into one line; BBC items end with site boilerplate
  (removed by `framing.clean`); AP items include photo captions; some Fox/NYT rows are only
  loosely about the war.
- 60 articles per outlet give wide confidence intervals: the sample shows the method, it is
  not a study.
"""


if __name__ == "__main__":
    sys.exit(main())
