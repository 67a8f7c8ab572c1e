"""Reproduce how the documents of held-out batch C were chosen (not needed to use the batch).

    python tests/data/quotes_gold/heldout/draw_c.py [CORPORA_DIR]   # default ../shared/corpora

Prints the 68 (outlet, row, how) picks and checks them against documents_c.jsonl.
"""
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
sys.path.insert(0, str(GOLD))
import drawlib  # shared steps of the draw scripts, in the folder above

CORPORA = Path(sys.argv[1]) if len(sys.argv) > 1 else drawlib.DEFAULT_CORPORA
FILES = drawlib.files(['RT', 'BBC', 'Guardian', 'Fox', 'Daily Mail', 'CNN', 'NBC', 'HuffPost', 'Express', 'AP',
                       'Reuters'])
# documents sought by hand (reading candidates listed by a script: short quoted spans whose sentence has no
# speech verb, headline quotes whose words do not recur in the body, "so-called"/"alleged" + quote)
HAND_SOUGHT = [('RT', 78), ('RT', 874), ('RT', 393), ('RT', 158), ('RT', 708), ('RT', 511), ('Fox', 528),
               ('RT', 12), ('RT', 650), ('RT', 703), ('RT', 607), ('Daily Mail', 236), ('BBC', 833)]


def scored_picks(rng, elig, used):
    """1 pick per outlet among its best-scoring scare candidates (score >= max(1, top - 1)), by rng.choice."""
    docs = []
    for o in FILES:
        sc = drawlib.ranked(o, elig[o], used)
        top = max(s for s, *_ in sc)
        docs.append((o, rng.choice(sorted(i for s, i, _, _ in sc if s >= max(1, top - 1))), 'sought'))
    return docs


def main():
    elig = drawlib.eligible(FILES, CORPORA, drawlib.sources([GOLD / f'documents_{b}.jsonl' for b in 'ab']))
    rng = random.Random(13)
    docs = drawlib.random_picks(rng, elig, 2)                         # round 1: 2 random per outlet
    docs += scored_picks(rng, elig, {(o, i) for o, i, _ in docs})     # 1 scored pick per outlet
    docs += drawlib.sought(HAND_SOUGHT)
    docs += drawlib.random_picks(rng, elig, 2, {(o, i) for o, i, _ in docs})   # round 2: 2 more random per outlet
    drawlib.print_picks(docs)
    drawlib.check_batch(docs, FILES, HERE / 'documents_c.jsonl', HERE / 'spans_c.jsonl', slices=False)
    print(len(docs), 'documents; matches documents_c.jsonl')


if __name__ == '__main__':
    main()
