#!/usr/bin/env bash
# The runs behind the tables in bench/README.md (about 15 minutes on 2 idle cores).
# Usage: bash bench/run_all.sh        (from the repository root, virtual env active)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
[ -f "$OUT/corpus-10000.parquet" ] || python bench/make_corpus.py --n 10000 --out "$OUT/corpus-10000.parquet"
[ -f "$OUT/corpus-100000.parquet" ] || python bench/make_corpus.py --n 100000 --out "$OUT/corpus-100000.parquet"

# 1. every extraction stage and the references on the same 5,000 articles, median of 3 runs;
#    streaming and Dask with 1 and 2 workers over the whole 10k corpus
python bench/throughput.py --n 10000 --limit 5000 --ingest-limit 5000 --repeat 3 \
  --stages ingest,clean,lexicon,lexical,quotes,full,aho,countvec,grep,stream_w1,aggregate,stream_w2,dask_w1,dask_w2 \
  --json "$OUT/results.json"

# 2. peak RSS of the streaming extraction (lexical + quotes, 1 worker) over 100k articles
python bench/throughput.py --n 100000 --limit 1000 --ingest-limit 100 --stages stream_w1 \
  --json "$OUT/results-100k.json"

# 3. the reports: no-op rerun, one outlet report's overhead
python bench/throughput.py --n 10000 --limit 100 --ingest-limit 100 --stages reports_noop,report_one \
  --json "$OUT/results-reports.json"

# 4. memory with pyarrow's pre_buffer as released and switched off (lexical only; 1M: build it first)
for n in 10000 100000; do
  for pb in default off; do
    python bench/memory.py "$OUT/corpus-$n.parquet" --extractors lexical --pre-buffer "$pb" | tee -a "$OUT/memory.jsonl"
  done
done

for f in results results-100k results-reports; do
  python bench/throughput.py --markdown "$OUT/$f.json" > "$OUT/$f.md"
done
echo "tables: $OUT/results.md $OUT/results-100k.md $OUT/results-reports.md"
