"""Reproduce how the documents of held-out batch C were chosen (not needed to use the batch).

    python tests/data/quotes_gold/heldout/draw_c.py [CORPORA_DIR]   # default ../shared/corpora

Prints the 68 (outlet, row, how) picks and checks them against documents_c.jsonl.
"""
import json, random, re, sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
CORPORA = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[3] / ".." / "shared" / "corpora"
FILES = {'RT': 'ukraine-media/data/RT.csv', 'BBC': 'ukraine-media/data/bbc.csv',
         'Guardian': 'ukraine-media/data/guardian.csv', 'Fox': 'ukraine-media/data_filtered/data_removed/Fox.csv',
         'Daily Mail': 'ukraine-media/data/DailyMail.csv', 'CNN': 'ukraine-media/data/CNN.csv',
         'NBC': 'ukraine-media/data/NBC.csv', 'HuffPost': 'ukraine-media/data/HuffPost.csv',
         'Express': 'ukraine-media/data/Express.csv', 'AP': 'ukraine-media/data/AssociatedPress.csv',
         'Reuters': 'ukraine-media/data/Reuters.csv'}
# documents sought by hand (reading candidates listed by a script: short quoted spans whose sentence has no
# speech verb, headline quotes whose words do not recur in the body, "so-called"/"alleged" + quote)
HAND_SOUGHT = [('RT', 78), ('RT', 874), ('RT', 393), ('RT', 158), ('RT', 708), ('RT', 511), ('Fox', 528),
               ('RT', 12), ('RT', 650), ('RT', 703), ('RT', 607), ('Daily Mail', 236), ('BBC', 833)]
QM = re.compile(r'[“”"«»„‘]|(?<![A-Za-z0-9])\'')
SQ = re.compile(r"(?:^|[\s(])[‘'“\"]([A-Za-z-]+(?: [A-Za-z-]+){0,2})[’'”\"](?=[\s,.;:!?)]|$)")


def score(t, ti):
    s = 3 * len(SQ.findall(ti)) + 2 * len(re.findall(r"so-called [‘'“\"]", t))
    return s + len(re.findall(r"(?:^|[\s(])[‘'][A-Za-z-]+(?: [A-Za-z-]+){0,2}[’'](?=[\s,.;:!?)])", t))


def main():
    excl = {json.loads(l)['source'] for b in 'ab' for l in open(GOLD / f'documents_{b}.jsonl')}
    elig = {}
    for o, p in FILES.items():
        df = pd.read_csv(CORPORA / p)
        elig[o] = [(i, r['Text'], str(r['Title'])) for i, r in df.iterrows()
                   if isinstance(r['Text'], str) and r['Text'] and f'corpora/{p}:row {i}' not in excl]
    rng = random.Random(13)
    docs = []
    short = lambda o: [x for x in elig[o] if len(x[1]) < 3500 and QM.search(x[1] + ' ' + x[2])]
    for o in FILES:                                   # round 1: 2 random per outlet
        docs += [(o, i, 'random') for i, _, _ in rng.sample(short(o), 2)]
    used = {(o, i) for o, i, _ in docs}
    for o in FILES:                                   # 1 scored pick per outlet
        pool = [x for x in elig[o] if len(x[1]) < 4500 and (o, x[0]) not in used]
        sc = [(score(t, ti), i) for i, t, ti in pool]
        top = max(s for s, _ in sc)
        docs.append((o, rng.choice(sorted(i for s, i in sc if s >= max(1, top - 1))), 'sought'))
    docs += [(o, i, 'sought') for o, i in HAND_SOUGHT]
    used = {(o, i) for o, i, _ in docs}
    for o in FILES:                                   # round 2: 2 more random per outlet
        docs += [(o, i, 'random') for i, _, _ in rng.sample([x for x in short(o) if (o, x[0]) not in used], 2)]
    got = {}
    spans = [json.loads(l) for l in open(HERE / 'spans_c.jsonl')]
    for l in open(HERE / 'documents_c.jsonl'):
        d = json.loads(l)
        first = next(s for s in spans if s['gold_id'] == d['gold_id'])
        got[d['source']] = first['note'].split(';')[0]
    want = {f'corpora/{FILES[o]}:row {i}': how for o, i, how in docs}
    for o, i, how in docs:
        print(o, i, how)
    assert want == got, 'documents_c.jsonl does not match the draw'
    print(len(docs), 'documents; matches documents_c.jsonl')


if __name__ == '__main__':
    main()
