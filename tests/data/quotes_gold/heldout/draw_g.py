"""Reproduce how the documents of held-out batch G of the quote gold set were chosen.

    python tests/data/quotes_gold/heldout/draw_g.py [CORPORA_DIR]                # default ../shared/corpora
    python tests/data/quotes_gold/heldout/draw_g.py [CORPORA_DIR] --candidates   # list scare candidates

Prints the (outlet, row, how) picks and checks them against documents_g.jsonl (and that every span's text
equals field[start:end]). Batch G is disjoint from batches A, B, D, E and held-out C and F (their `source`
fields; only that field of documents_c/f.jsonl is read).
"""
import json, random, re, sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
ARGS = [a for a in sys.argv[1:] if not a.startswith('--')]
CORPORA = Path(ARGS[0]) if ARGS else HERE.parents[3] / ".." / "shared" / "corpora"
FILES = {'RT': 'ukraine-media/data/RT.csv', 'BBC': 'ukraine-media/data/bbc.csv',
         'Guardian': 'ukraine-media/data/guardian.csv', 'Reuters': 'ukraine-media/data/Reuters.csv',
         'AP': 'ukraine-media/data/AssociatedPress.csv', 'Fox': 'ukraine-media/data_filtered/data_removed/Fox.csv',
         'Daily Mail': 'ukraine-media/data/DailyMail.csv', 'CNN': 'ukraine-media/data/CNN.csv',
         'Express': 'ukraine-media/data/Express.csv', 'NBC': 'ukraine-media/data/NBC.csv',
         'HuffPost': 'ukraine-media/data/HuffPost.csv'}
SHORT = {'RT': 'rt', 'BBC': 'bbc', 'Guardian': 'guardian', 'Reuters': 'reuters', 'AP': 'ap', 'Fox': 'fox',
         'Daily Mail': 'dm', 'CNN': 'cnn', 'Express': 'express', 'NBC': 'nbc', 'HuffPost': 'huffpost'}
# random documents per outlet: 3 for the four largest outlets of the list, 2 for the others (26 in all)
N_RANDOM = {o: (3 if o in ('RT', 'BBC', 'Guardian', 'Fox') else 2) for o in FILES}
# documents sought by hand, chosen by reading candidates listed by scripts (the --candidates listing: short quoted
# words in the headline, "so-called" + quote, short single-quoted words in the text, opinion URLs). In the order
# they were annotated:
HAND_SOUGHT = [('HuffPost', 371), ('Fox', 589), ('Fox', 562), ('Fox', 750), ('RT', 803), ('RT', 962), ('RT', 263),
               ('RT', 897), ('RT', 331), ('HuffPost', 73), ('BBC', 348), ('RT', 755), ('RT', 368), ('HuffPost', 333)]
QM = re.compile(r'[“”"«»„‘]|(?<![A-Za-z0-9])\'')
SQ = re.compile(r"(?:^|[\s(])[‘'“\"]([A-Za-z-]+(?: [A-Za-z-]+){0,2})[’'”\"](?=[\s,.;:!?)]|$)")


def score(t, ti):
    """Scare-candidate score: short quoted words in the headline, "so-called" + quote, short ‘…’ words."""
    s = 3 * len(SQ.findall(ti)) + 2 * len(re.findall(r"so-called [‘'“\"]", t))
    return s + len(re.findall(r"(?:^|[\s(])[‘'][A-Za-z-]+(?: [A-Za-z-]+){0,2}[’'](?=[\s,.;:!?)])", t))


def excluded():
    """Sources already in batches A, B, D, E and held-out C and F (only the `source` field is read)."""
    paths = [GOLD / f'documents_{b}.jsonl' for b in 'abde'] + [HERE / f'documents_{b}.jsonl' for b in 'cf']
    return {json.loads(l)['source'] for p in paths for l in open(p)}


def eligible():
    """Per outlet, (row, text, title) of rows with text that no earlier batch holds."""
    excl, elig = excluded(), {}
    for o, p in FILES.items():
        df = pd.read_csv(CORPORA / p)
        elig[o] = [(i, r['Text'], str(r['Title'])) for i, r in df.iterrows()
                   if isinstance(r['Text'], str) and r['Text'] and f'corpora/{p}:row {i}' not in excl]
    return elig


def draw(elig):
    """Random picks (seed 61, N_RANDOM per outlet, short texts with a quotation mark), then the hand-sought."""
    rng = random.Random(61)
    short = lambda o: [x for x in elig[o] if len(x[1]) < 3500 and QM.search(x[1] + ' ' + x[2])]
    docs = []
    for o in FILES:
        docs += [(o, i, 'random') for i, _, _ in rng.sample(short(o), N_RANDOM[o])]
    used = {(o, i) for o, i, _ in docs}
    assert not used & set(HAND_SOUGHT), 'a hand-sought document is also a random one'
    return docs + [(o, i, 'sought') for o, i in HAND_SOUGHT]


def candidates(elig, used):
    """Print the highest-scoring scare candidates per outlet (to read and choose from by hand)."""
    for o in FILES:
        sc = sorted(((score(t, ti), i, ti) for i, t, ti in elig[o] if len(t) < 4500 and (o, i) not in used),
                    reverse=True)
        for s, i, ti in sc[:15]:
            print(o, i, s, ti[:100])


def check(docs):
    """documents_g.jsonl holds exactly the draw, first-span notes say how; every span's text is its slice."""
    spans = [json.loads(l) for l in open(HERE / 'spans_g.jsonl')]
    got, fields = {}, {}
    for l in open(HERE / 'documents_g.jsonl'):
        d = json.loads(l)
        fields[d['gold_id']] = d
        first = next(s for s in spans if s['gold_id'] == d['gold_id'])
        got[d['source']] = first['note'].split(';')[0]
    for s in spans:
        assert fields[s['gold_id']][s['field']][s['start']:s['end']] == s['text'], s
        assert s['type'] in ('direct', 'partial', 'scare', 'other'), s
        assert s['type'] in ('direct', 'partial') or not (s['speaker'] or s['cue']), s
    want = {f'corpora/{FILES[o]}:row {i}': how for o, i, how in docs}
    assert want == got, 'documents_g.jsonl does not match the draw'
    print(len(docs), 'documents,', len(spans), 'spans; matches documents_g.jsonl')


def main():
    elig = eligible()
    docs = draw(elig)
    if '--candidates' in sys.argv:
        candidates(elig, {(o, i) for o, i, _ in docs})
        return
    for o, i, how in docs:
        print(o, i, how)
    if '--no-check' not in sys.argv:
        check(docs)


if __name__ == '__main__':
    main()
