"""Shared steps of the quote gold set's batch draw scripts (batches_de/draw_d.py, draw_e.py; heldout/draw_c.py,
draw_f.py, draw_g.py).

Each script keeps what makes its batch: seed, outlets (FILES), sizes, HAND_SOUGHT, exclusions. This module holds
what they do alike, so that every batch is drawn and checked the same way:
- reading the corpus CSVs into eligible rows (`eligible`), minus earlier batches' sources (`sources`);
- the seeded random draw of short articles with a quotation mark (`random_picks`);
- the scare-candidate score and listing used to seek documents by hand (`score`, `ranked`, `print_top`);
- checking documents_*.jsonl against the draw (`check_batch`: `read_batch`, `how_drawn`, `check_slices`,
  `check_matches`).
Rows are (row, text, title) tuples; a draw is a list of (outlet, row, how) with how 'random' or 'sought'.
"""
import json
import re
from pathlib import Path

import pandas as pd

GOLD = Path(__file__).resolve().parent
# the shared data folder next to the repository (../shared/corpora from the repo root)
DEFAULT_CORPORA = GOLD.parents[2] / ".." / "shared" / "corpora"
# outlet -> its CSV below the corpora folder (the same file in every batch)
CSV = {'RT': 'ukraine-media/data/RT.csv', 'BBC': 'ukraine-media/data/bbc.csv',
       'Guardian': 'ukraine-media/data/guardian.csv', 'Reuters': 'ukraine-media/data/Reuters.csv',
       'AP': 'ukraine-media/data/AssociatedPress.csv', 'Fox': 'ukraine-media/data_filtered/data_removed/Fox.csv',
       'Daily Mail': 'ukraine-media/data/DailyMail.csv', 'CNN': 'ukraine-media/data/CNN.csv',
       'Express': 'ukraine-media/data/Express.csv', 'NBC': 'ukraine-media/data/NBC.csv',
       'HuffPost': 'ukraine-media/data/HuffPost.csv', 'ABC': 'ukraine-media/data/ABC.csv',
       'Mirror': 'ukraine-media/data/Mirror.csv', 'CBS': 'ukraine-media/data/CBS.csv'}
# a quotation mark of any kind (an apostrophe only where it opens a word)
QM = re.compile(r'[“”"«»„‘]|(?<![A-Za-z0-9])\'')
# one to three words in quotation marks, standing alone: the shape of a scare quote
SQ = re.compile(r"(?:^|[\s(])[‘'“\"]([A-Za-z-]+(?: [A-Za-z-]+){0,2})[’'”\"](?=[\s,.;:!?)]|$)")
SO_CALLED = re.compile(r"so-called [‘'“\"]")
SHORT_SINGLE = re.compile(r"(?:^|[\s(])[‘'][A-Za-z-]+(?: [A-Za-z-]+){0,2}[’'](?=[\s,.;:!?)])")


def corpora_dir(argv):
    """The corpora folder: the first argument that is not an --option, else DEFAULT_CORPORA."""
    args = [a for a in argv[1:] if not a.startswith('--')]
    return Path(args[0]) if args else DEFAULT_CORPORA


def files(outlets):
    """outlet -> CSV of a batch's outlets, in the given order (the order the random draw goes through them)."""
    return {o: CSV[o] for o in outlets}


def read_jsonl(path):
    """The lines of a .jsonl file as dicts."""
    with open(path) as f:
        return [json.loads(line) for line in f]


def sources(paths):
    """The `source` fields ('corpora/<csv>:row <i>') of the documents_*.jsonl files at paths; only that field
    is used, so that earlier (also held-out) batches can be excluded without reading their annotation."""
    return {d['source'] for p in paths for d in read_jsonl(p)}


def eligible(batch_files, corpora, excluded, keep=lambda outlet, row: True):
    """Per outlet (in `batch_files` order), [(row, text, title)] of the CSV rows with a non-empty text whose source is
    not in `excluded` and for which keep(outlet, row) holds (batches D and E split RT by row parity)."""
    elig = {}
    for o, p in batch_files.items():
        df = pd.read_csv(corpora / p)
        elig[o] = [(i, r['Text'], str(r['Title'])) for i, r in df.iterrows()
                   if isinstance(r['Text'], str) and r['Text'] and f'corpora/{p}:row {i}' not in excluded
                   and keep(o, i)]
    return elig


def quoted_short(rows, limit=3500):
    """The rows whose text is under `limit` characters and whose text or title has a quotation mark: the pool
    every random draw samples from (short enough to annotate, likely to hold a quote)."""
    return [x for x in rows if len(x[1]) < limit and QM.search(x[1] + ' ' + x[2])]


def random_picks(rng, elig, n, used=frozenset()):
    """For each outlet in order, rng.sample of n (an int, or outlet -> int) rows from its quoted_short pool minus
    the (outlet, row) pairs in `used`; returned as (outlet, row, 'random'). The order of the rng calls is what
    makes a batch reproducible, so callers keep theirs."""
    docs = []
    for o in elig:
        pool = [x for x in quoted_short(elig[o]) if (o, x[0]) not in used]
        docs += [(o, i, 'random') for i, _, _ in rng.sample(pool, n[o] if isinstance(n, dict) else n)]
    return docs


def sought(hand):
    """The hand-sought (outlet, row) pairs as (outlet, row, 'sought')."""
    return [(o, i, 'sought') for o, i in hand]


def random_then_sought(rng, elig, n, hand):
    """The draw of batches E, F, G: random_picks (n per outlet), then the hand-sought, none of which may also be
    a random pick."""
    docs = random_picks(rng, elig, n)
    assert not {(o, i) for o, i, _ in docs} & set(hand), 'a hand-sought document is also a random one'
    return docs + sought(hand)


def print_picks(docs):
    """Print the draw, one 'outlet row how' line per document."""
    for o, i, how in docs:
        print(o, i, how)


def score(t, ti):
    """Scare-candidate score of an article (text t, title ti): short quoted words in the headline count 3,
    "so-called" + quote 2, short single-quoted words in the text 1."""
    s = 3 * len(SQ.findall(ti)) + 2 * len(SO_CALLED.findall(t))
    return s + len(SHORT_SINGLE.findall(t))


def ranked(o, rows, used, limit=4500):
    """[(score, row, text, title)] of the rows with text under `limit` characters and (o, row) not in `used`,
    best score first (ties: higher row first)."""
    return sorted(((score(t, ti), i, t, ti) for i, t, ti in rows if len(t) < limit and (o, i) not in used),
                  reverse=True)


def print_top(elig, docs, n=15):
    """Print the n best-scoring scare candidates per outlet ('outlet row score title') that the draw `docs`
    does not hold, to read and choose the hand-sought documents from."""
    used = {(o, i) for o, i, _ in docs}
    for o in elig:
        for s, i, _, ti in ranked(o, elig[o], used)[:n]:
            print(o, i, s, ti[:100])


def read_batch(documents_path, spans_path):
    """(documents, spans) of a batch: the lines of its documents_*.jsonl and spans_*.jsonl as dicts."""
    spans = read_jsonl(spans_path)
    return read_jsonl(documents_path), spans


def how_drawn(documents, spans):
    """source -> how each document was drawn, as the note of its first span says ('random' or 'sought')."""
    got = {}
    for d in documents:
        first = next(s for s in spans if s['gold_id'] == d['gold_id'])
        got[d['source']] = first['note'].split(';')[0]
    return got


def check_slices(documents, spans):
    """Assert that every span's text is its document's field[start:end]."""
    fields = {d['gold_id']: d for d in documents}
    for s in spans:
        assert fields[s['gold_id']][s['field']][s['start']:s['end']] == s['text'], s


def check_matches(docs, batch_files, got, name):
    """Assert that the draw `docs` is exactly the documents file `name` holds (source -> how, from how_drawn)."""
    want = {f'corpora/{batch_files[o]}:row {i}': how for o, i, how in docs}
    assert want == got, f'{name} does not match the draw'


def check_batch(docs, batch_files, documents_path, spans_path, slices=True):
    """Check a batch's files against its draw: the first-span notes say how each document was drawn, (if
    `slices`) every span's text is its slice, and the documents file holds exactly the draw. Returns
    (documents, spans) for checks of a script's own."""
    documents, spans = read_batch(documents_path, spans_path)
    got = how_drawn(documents, spans)
    if slices:
        check_slices(documents, spans)
    check_matches(docs, batch_files, got, documents_path.name)
    return documents, spans
