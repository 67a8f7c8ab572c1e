"""Reproduce how the documents of batch D of the quote-type gold set were chosen.

    python tests/data/quotes_gold/batches_de/draw_d.py [CORPORA_DIR]   # default ../shared/corpora
    python tests/data/quotes_gold/batches_de/draw_d.py --candidates    # list scare candidates (for the hand pick)

Prints the (outlet, row, how) picks and checks them against documents_d.jsonl / spans_d.jsonl.
Random: `random.Random(41)`, for each outlet in FILES order `rng.sample` of N_RANDOM[outlet] articles with text under
3,500 characters and at least one quotation mark. Sought: HAND_SOUGHT, chosen by reading the --candidates listing.
Excludes every (file, row) in batches A, B and held-out C; from RT.csv only even rows (batch E takes odd).
"""
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
sys.path.insert(0, str(GOLD))
import drawlib  # shared steps of the draw scripts, in the folder above

CORPORA = drawlib.corpora_dir(sys.argv)
FILES = drawlib.files(['RT', 'Guardian', 'AP', 'Daily Mail', 'ABC', 'Mirror', 'NBC'])
N_RANDOM = {'RT': 4, 'Guardian': 4, 'AP': 4, 'Daily Mail': 4, 'ABC': 3, 'Mirror': 3, 'NBC': 4}   # 26
# documents sought by hand, after reading the candidates that --candidates lists (short quoted words in the
# headline, "so-called" + quote, short single-quoted words in the text, short quotes with no speech verb)
HAND_SOUGHT = [('RT', 436), ('RT', 376), ('RT', 668), ('RT', 198), ('Daily Mail', 79), ('Daily Mail', 140),
               ('RT', 684), ('RT', 702), ('Daily Mail', 201), ('Daily Mail', 67), ('Daily Mail', 172), ('RT', 472),
               ('Daily Mail', 47)]
SPEECH = re.compile(r'\b(sa(id|y|ys)|t[oe]ll?d?s?|add\w*|according|claim\w*|wr[oi]te\w*|call\w*|describ\w*|dubb\w*|'
                    r'stat\w*|insist\w*|warn\w*|urg\w*|argu\w*|accus\w*|not\w*|explain\w*|ask\w*|brand\w*|label\w*|'
                    r'tweet\w*|denounc\w*|slam\w*|blast\w*|refer\w*|put it|post\w*|report\w*|announc\w*|decla\w*|'
                    r'sugg\w*|deem\w*|known as|nicknamed|nam\w*|term\w*|quot\w*)\b', re.IGNORECASE)


def eligible():
    """(outlet -> [(row, text, title)]) of rows not in batches A, B, C; RT even rows only."""
    excl = drawlib.sources([GOLD / 'documents_a.jsonl', GOLD / 'documents_b.jsonl',
                            GOLD / 'heldout' / 'documents_c.jsonl'])
    return drawlib.eligible(FILES, CORPORA, excl, keep=lambda o, i: o != 'RT' or i % 2 == 0)


def draw(elig):
    """The random picks (seeded) followed by the hand-sought ones."""
    docs = drawlib.random_picks(random.Random(41), elig, N_RANDOM)
    ok = {(o, i) for o in FILES for i, _, _ in elig[o]}
    assert all(x in ok for x in HAND_SOUGHT), 'a hand-sought document is in batch A/B/C or an odd RT row'
    return docs + drawlib.sought(HAND_SOUGHT)


def candidates(elig, used):
    """Print scare candidates to read: per outlet the best-scoring rows with their short quoted spans, then
    every short quoted span (texts under 6,000 characters) whose sentence has no speech verb."""
    for o in FILES:
        for s, i, t, ti in drawlib.ranked(o, elig[o], used)[:12]:
            if s == 0:
                break
            shorts = [m.group(1) for m in drawlib.SQ.finditer(ti + ' ' + t)]
            print(f'{o}\t{i}\t{s}\t{ti[:90]}\t{shorts[:8]}')
    for o in FILES:
        for i, t, ti in elig[o]:
            if len(t) > 6000 or (o, i) in used:
                continue
            for m in drawlib.SQ.finditer(t):
                a, b = t.rfind('. ', 0, m.start()), t.find('. ', m.end())
                if not SPEECH.search(t[max(a, 0):b if b > 0 else len(t)]):
                    print(f'{o}\t{i}\tno speech verb\t{t[max(0, m.start() - 90):m.end() + 40]!r}')


def main():
    elig = eligible()
    docs = draw(elig)
    if '--candidates' in sys.argv:
        candidates(elig, {(o, i) for o, i, how in docs if how == 'random'})
        return
    drawlib.print_picks(docs)
    drawlib.check_batch(docs, FILES, GOLD / 'documents_d.jsonl', GOLD / 'spans_d.jsonl', slices=False)
    print(len(docs), 'documents; matches documents_d.jsonl')


if __name__ == '__main__':
    main()
