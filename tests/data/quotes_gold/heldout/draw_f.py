"""Reproduce how the documents of held-out batch F of the quote gold set were chosen.

    python tests/data/quotes_gold/heldout/draw_f.py [CORPORA_DIR]                # default ../shared/corpora
    python tests/data/quotes_gold/heldout/draw_f.py [CORPORA_DIR] --candidates   # list scare candidates

Prints the (outlet, row, how) picks and checks them against documents_f.jsonl (and that every span's text
equals field[start:end]). Batch F is disjoint from batches A, B, C, D and E (their `source` fields).
"""
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
sys.path.insert(0, str(GOLD))
import drawlib  # shared steps of the draw scripts, in the folder above

CORPORA = drawlib.corpora_dir(sys.argv)
FILES = drawlib.files(['RT', 'BBC', 'Guardian', 'Reuters', 'AP', 'Fox', 'Daily Mail', 'CNN', 'Express'])
N_RANDOM = 3          # random documents per outlet
# documents sought by hand, chosen by reading candidates listed by scripts: the --candidates listing (short quoted
# words in the headline, "so-called" + quote, short single-quoted words in the text); short quoted spans whose
# sentence has no speech verb and whose words occur nowhere else in the article; headline quotes whose words do
# not recur in the body; "so-called"/"alleged"/"self-styled" + quote; opinion URLs; related-link headlines
# ("DON'T MISS", "READ MORE") in Express texts. In the order they were annotated:
HAND_SOUGHT = [('RT', 437), ('RT', 888), ('RT', 165), ('RT', 530), ('RT', 179), ('Express', 28),
               ('Express', 85), ('BBC', 256), ('Express', 20), ('Daily Mail', 192), ('RT', 730), ('Fox', 433)]


def eligible():
    """Per outlet, (row, text, title) of rows with text that no earlier batch (A, B, D, E, held-out C) holds."""
    excl = drawlib.sources([GOLD / f'documents_{b}.jsonl' for b in 'abde'] + [HERE / 'documents_c.jsonl'])
    return drawlib.eligible(FILES, CORPORA, excl)


def draw(elig):
    """Random picks (seed 47, N_RANDOM per outlet, short texts with a quotation mark), then the hand-sought."""
    return drawlib.random_then_sought(random.Random(47), elig, N_RANDOM, HAND_SOUGHT)


def main():
    elig = eligible()
    docs = draw(elig)
    if '--candidates' in sys.argv:
        drawlib.print_top(elig, docs)
        return
    drawlib.print_picks(docs)
    if '--no-check' not in sys.argv:
        _, spans = drawlib.check_batch(docs, FILES, HERE / 'documents_f.jsonl', HERE / 'spans_f.jsonl')
        print(len(docs), 'documents,', len(spans), 'spans; matches documents_f.jsonl')


if __name__ == '__main__':
    main()
