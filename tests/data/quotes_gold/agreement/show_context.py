"""Blind-phase helper: print each sampled span with context and other occurrences of its words.
Usage: python show_context.py FROM TO [WIDTH] [BLIND.jsonl] [DOCS.jsonl]
(the blind file had item, gold_id, field, start, end, text; DOCS = documents_a + documents_b lines)"""
import json,sys,re
docs={}
for l in open(sys.argv[5] if len(sys.argv)>5 else '/tmp/iaa/docs.jsonl'):
    d=json.loads(l); docs[d['gold_id']]=d
items=[json.loads(l) for l in open(sys.argv[4] if len(sys.argv)>4 else '/tmp/iaa/blind.jsonl')]
a,b=int(sys.argv[1]),int(sys.argv[2])
W=int(sys.argv[3]) if len(sys.argv)>3 else 250
for it in items[a:b]:
    d=docs[it['gold_id']]; f=d[it['field']]; s,e=it['start'],it['end']
    print(f"=== #{it['item']} {it['gold_id']} {it['field']} [{s}:{e}] len={e-s} outlet={d['outlet']}")
    print("TITLE:", d['title'][:200])
    pre=f[max(0,s-W):s].replace('\n',' ¶ '); post=f[e:e+W].replace('\n',' ¶ ')
    print("CTX:", pre+"⟦"+f[s:e]+"⟧"+post)
    if 3<=e-s<60:
        # other occurrences in title/text
        for fld in ('title','text'):
            t=d[fld]
            for m in re.finditer(r'\b'+re.escape(it['text'].strip(' ,.'))+r'\b',t,re.I):
                if fld==it['field'] and m.start()<=s<m.end()+2: continue
                print(f"  ALSO {fld}@{m.start()}:", t[max(0,m.start()-150):m.end()+150].replace('\n',' ¶ '))
    print()
