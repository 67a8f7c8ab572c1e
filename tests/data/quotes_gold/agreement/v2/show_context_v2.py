"""Blind-phase helper of agreement study 2 (adapted from ../show_context.py): print each blind item with
±W characters of context and every other place its words occur in the title and text of its article.
Usage: python show_context_v2.py FROM TO [WIDTH]   (reads blind_items.jsonl and ../../documents_{a,b,d,e}.jsonl)"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parents[1]


def load_docs():
    """gold_id -> document, over the tuning batches' documents files."""
    docs = {}
    for b in "abde":
        with open(GOLD / f"documents_{b}.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                docs[d["gold_id"]] = d
    return docs


def show(it, d, width):
    """Print one item: header, title, context with the span in ⟦⟧, other occurrences of its words."""
    f = d[it["field"]]
    s, e = it["start"], it["end"]
    print(f"=== #{it['item']} {it['gold_id']} {it['field']} [{s}:{e}] outlet={d['outlet'][:30]}")
    print("TITLE:", d["title"][:200])
    pre = f[max(0, s - width):s].replace("\n", " ¶ ")
    post = f[e:e + width].replace("\n", " ¶ ")
    print("CTX:", pre + "⟦" + f[s:e] + "⟧" + post)
    words = it["text"].strip(" ,.")
    if 3 <= len(words) < 60:
        for fld in ("title", "text"):
            t = d[fld]
            for m in re.finditer(r"\b" + re.escape(words) + r"\b", t, re.IGNORECASE):
                if fld == it["field"] and m.start() <= s < m.end() + 2:
                    continue
                print(f"  ALSO {fld}@{m.start()}:", t[max(0, m.start() - 150):m.end() + 150].replace("\n", " ¶ "))
    print()


def main():
    docs = load_docs()
    with open(HERE / "blind_items.jsonl", encoding="utf-8") as f:
        items = [json.loads(line) for line in f]
    a, b = int(sys.argv[1]), int(sys.argv[2])
    width = int(sys.argv[3]) if len(sys.argv) > 3 else 250
    for it in items[a:b]:
        show(it, docs[it["gold_id"]], width)


if __name__ == "__main__":
    main()
