"""Reproduce how the documents of held-out batch F of the quote gold set were chosen.

    python tests/data/quotes_gold/heldout/draw_f.py [CORPORA_DIR]                # default ../shared/corpora
    python tests/data/quotes_gold/heldout/draw_f.py [CORPORA_DIR] --candidates   # list scare candidates

Prints the (outlet, row, how) picks and checks them against documents_f.jsonl (and that every span's text
equals field[start:end]). Batch F is disjoint from batches A, B, C, D and E (their `source` fields).
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
         'Express': 'ukraine-media/data/Express.csv'}
N_RANDOM = 3          # random documents per outlet
# documents sought by hand, chosen by reading candidates listed by scripts: the --candidates listing (short quoted
# words in the headline, "so-called" + quote, short single-quoted words in the text); short quoted spans whose
# sentence has no speech verb and whose words occur nowhere else in the article; headline quotes whose words do
# not recur in the body; "so-called"/"alleged"/"self-styled" + quote; opinion URLs; related-link headlines
# ("DON'T MISS", "READ MORE") in Express texts. In the order they were annotated:
HAND_SOUGHT = [('RT', 437), ('RT', 888), ('RT', 165), ('RT', 530), ('RT', 179), ('Express', 28),
               ('Express', 85), ('BBC', 256), ('Express', 20), ('Daily Mail', 192), ('RT', 730), ('Fox', 433)]
QM = re.compile(r'[“”"«»„‘]|(?<![A-Za-z0-9])\'')
SQ = re.compile(r"(?:^|[\s(])[‘'“\"]([A-Za-z-]+(?: [A-Za-z-]+){0,2})[’'”\"](?=[\s,.;:!?)]|$)")


def score(t, ti):
    """Scare-candidate score: short quoted words in the headline, "so-called" + quote, short ‘…’ words."""
    s = 3 * len(SQ.findall(ti)) + 2 * len(re.findall(r"so-called [‘'“\"]", t))
    return s + len(re.findall(r"(?:^|[\s(])[‘'][A-Za-z-]+(?: [A-Za-z-]+){0,2}[’'](?=[\s,.;:!?)])", t))


def excluded():
    """Sources already in batches A, B, D, E and held-out C."""
    paths = [GOLD / f'documents_{b}.jsonl' for b in 'abde'] + [HERE / 'documents_c.jsonl']
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
    """Random picks (seed 47, N_RANDOM per outlet, short texts with a quotation mark), then the hand-sought."""
    rng = random.Random(47)
    short = lambda o: [x for x in elig[o] if len(x[1]) < 3500 and QM.search(x[1] + ' ' + x[2])]
    docs = []
    for o in FILES:
        docs += [(o, i, 'random') for i, _, _ in rng.sample(short(o), N_RANDOM)]
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
    """documents_f.jsonl holds exactly the draw, first-span notes say how; every span's text is its slice."""
    spans = [json.loads(l) for l in open(HERE / 'spans_f.jsonl')]
    got, fields = {}, {}
    for l in open(HERE / 'documents_f.jsonl'):
        d = json.loads(l)
        fields[d['gold_id']] = d
        first = next(s for s in spans if s['gold_id'] == d['gold_id'])
        got[d['source']] = first['note'].split(';')[0]
    for s in spans:
        assert fields[s['gold_id']][s['field']][s['start']:s['end']] == s['text'], s
    want = {f'corpora/{FILES[o]}:row {i}': how for o, i, how in docs}
    assert want == got, 'documents_f.jsonl does not match the draw'
    print(len(docs), 'documents,', len(spans), 'spans; matches documents_f.jsonl')


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
