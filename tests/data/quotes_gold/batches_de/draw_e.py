"""Reproduce how the documents of batch E of the quote gold set were chosen.

    python tests/data/quotes_gold/batches_de/draw_e.py [CORPORA_DIR]   # default ../shared/corpora
    python tests/data/quotes_gold/batches_de/draw_e.py [CORPORA_DIR] --candidates   # list scare candidates

Prints the (outlet, row, how) picks and checks them against documents_e.jsonl (and that every span's
text equals field[start:end]). Batch E is disjoint from batches A, B, C (their `source` fields) and from the
sibling batch D (which takes only even RT rows; batch E takes only odd RT rows).
"""
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
sys.path.insert(0, str(GOLD))
import drawlib  # shared steps of the draw scripts, in the folder above

CORPORA = drawlib.corpora_dir(sys.argv)
FILES = drawlib.files(['RT', 'BBC', 'Reuters', 'Fox', 'CBS', 'Express', 'CNN', 'HuffPost'])
N_RANDOM = 3          # random documents per outlet
# documents sought by hand: read from the candidates the --candidates listing prints (short quoted words in
# the headline, "so-called" + quote, short single-quoted words in the text), chosen by reading
HAND_SOUGHT = [('RT', 235), ('RT', 539), ('RT', 459), ('RT', 913), ('RT', 801), ('RT', 343),
               ('HuffPost', 381), ('Fox', 176), ('Fox', 956), ('Express', 17), ('Express', 29),
               ('RT', 927), ('RT', 455), ('HuffPost', 358), ('HuffPost', 573), ('Express', 8),
               ('Fox', 604), ('Fox', 0), ('Fox', 961), ('Fox', 379), ('Fox', 695)]


def eligible():
    """Per outlet, (row, text, title) of rows with text, not in batches A, B and held-out C; RT odd rows only."""
    excl = drawlib.sources([GOLD / 'documents_a.jsonl', GOLD / 'documents_b.jsonl',
                            GOLD / 'heldout' / 'documents_c.jsonl'])
    return drawlib.eligible(FILES, CORPORA, excl, keep=lambda o, i: o != 'RT' or i % 2 == 1)


def draw(elig):
    """Random picks (seed 43, N_RANDOM per outlet, short texts with a quotation mark), then the hand-sought."""
    return drawlib.random_then_sought(random.Random(43), elig, N_RANDOM, HAND_SOUGHT)


def main():
    elig = eligible()
    docs = draw(elig)
    if '--candidates' in sys.argv:
        drawlib.print_top(elig, docs)
        return
    drawlib.print_picks(docs)
    _, spans = drawlib.check_batch(docs, FILES, GOLD / 'documents_e.jsonl', GOLD / 'spans_e.jsonl')
    print(len(docs), 'documents,', len(spans), 'spans; matches documents_e.jsonl')


if __name__ == '__main__':
    main()
