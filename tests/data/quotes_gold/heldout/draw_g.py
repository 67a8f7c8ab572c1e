"""Reproduce how the documents of held-out batch G of the quote gold set were chosen.

    python tests/data/quotes_gold/heldout/draw_g.py [CORPORA_DIR]                # default ../shared/corpora
    python tests/data/quotes_gold/heldout/draw_g.py [CORPORA_DIR] --candidates   # list scare candidates

Prints the (outlet, row, how) picks and checks them against documents_g.jsonl (and that every span's text
equals field[start:end]). Batch G is disjoint from batches A, B, D, E and held-out C and F (their `source`
fields; only that field of documents_c/f.jsonl is read).
"""
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
sys.path.insert(0, str(GOLD))
import drawlib  # shared steps of the draw scripts, in the folder above

CORPORA = drawlib.corpora_dir(sys.argv)
FILES = drawlib.files(['RT', 'BBC', 'Guardian', 'Reuters', 'AP', 'Fox', 'Daily Mail', 'CNN', 'Express', 'NBC',
                       'HuffPost'])
SHORT = {'RT': 'rt', 'BBC': 'bbc', 'Guardian': 'guardian', 'Reuters': 'reuters', 'AP': 'ap', 'Fox': 'fox',
         'Daily Mail': 'dm', 'CNN': 'cnn', 'Express': 'express', 'NBC': 'nbc', 'HuffPost': 'huffpost'}
# random documents per outlet: 3 for the four largest outlets of the list, 2 for the others (26 in all)
N_RANDOM = {o: (3 if o in ('RT', 'BBC', 'Guardian', 'Fox') else 2) for o in FILES}
# documents sought by hand, chosen by reading candidates listed by scripts (the --candidates listing: short quoted
# words in the headline, "so-called" + quote, short single-quoted words in the text, opinion URLs). In the order
# they were annotated:
HAND_SOUGHT = [('HuffPost', 371), ('Fox', 589), ('Fox', 562), ('Fox', 750), ('RT', 803), ('RT', 962), ('RT', 263),
               ('RT', 897), ('RT', 331), ('HuffPost', 73), ('BBC', 348), ('RT', 755), ('RT', 368), ('HuffPost', 333)]


def eligible():
    """Per outlet, (row, text, title) of rows with text that no earlier batch (A, B, D, E, held-out C and F)
    holds (only the `source` field of documents_c/f.jsonl is read)."""
    excl = drawlib.sources([GOLD / f'documents_{b}.jsonl' for b in 'abde']
                           + [HERE / f'documents_{b}.jsonl' for b in 'cf'])
    return drawlib.eligible(FILES, CORPORA, excl)


def draw(elig):
    """Random picks (seed 61, N_RANDOM per outlet, short texts with a quotation mark), then the hand-sought."""
    return drawlib.random_then_sought(random.Random(61), elig, N_RANDOM, HAND_SOUGHT)


def check(docs):
    """The shared check (draw, first-span notes, slices), and that every span has a known type and only direct
    and partial quotes have a speaker or cue."""
    _, spans = drawlib.check_batch(docs, FILES, HERE / 'documents_g.jsonl', HERE / 'spans_g.jsonl')
    for s in spans:
        assert s['type'] in ('direct', 'partial', 'scare', 'other'), s
        assert s['type'] in ('direct', 'partial') or not (s['speaker'] or s['cue']), s
    print(len(docs), 'documents,', len(spans), 'spans; matches documents_g.jsonl')


def main():
    elig = eligible()
    docs = draw(elig)
    if '--candidates' in sys.argv:
        drawlib.print_top(elig, docs)
        return
    drawlib.print_picks(docs)
    if '--no-check' not in sys.argv:
        check(docs)


if __name__ == '__main__':
    main()
