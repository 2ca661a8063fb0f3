#!/usr/bin/env bash
# The seed's "Peeping Inside" files for a model, in one go:
#
#   npm run peek                          # the bundled model, into a fresh temporary folder
#   npm run peek -- OUTDIR                # into OUTDIR
#   PEEK_MODEL=Xenova/all-MiniLM-L6-v2 npm run peek -- OUTDIR   # any model semsearch can load
#
# Writes weights_summary.json (the seed's field names), weights.txt, one_layer_full.csv (every
# value of one small tensor), journey.txt/.json for "The Eiffel Tower is in Paris.", attention.txt
# and compare.txt. Builds first when dist/ is missing. Needs no network.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$(mktemp -d "${TMPDIR:-/tmp}/semsearch-peek.XXXXXX")}"
MODEL="${PEEK_MODEL:-bundled}"
TEXT="The Eiffel Tower is in Paris."
mkdir -p "$OUT"
[ -f "$REPO/dist/cli.js" ] || (cd "$REPO" && npm run --silent build)
semsearch() { "$REPO/bin/semsearch" "$@" --model "$MODEL"; }

semsearch inspect weights --out "$OUT/weights_summary.json" > /dev/null
semsearch inspect weights > "$OUT/weights.txt"
# The seed's one_layer_full.csv is "one small layer (384 rows)": the smallest 1-D weight tensor
# with at least 256 values (a bias or LayerNorm vector), chosen from the summary.
TENSOR="$(node -e '
  const t = require(process.argv[1]).filter((x) => x.shape.length === 1 && x.total_weights >= 256);
  t.sort((a, b) => a.total_weights - b.total_weights);
  process.stdout.write(t.length ? t[0].layer_name : "");' "$OUT/weights_summary.json")"
if [ -n "$TENSOR" ]; then
  semsearch inspect tensor "$TENSOR" --csv --out "$OUT/one_layer_full.csv"
fi
semsearch inspect journey "$TEXT" > "$OUT/journey.txt"
semsearch inspect journey "$TEXT" --json > "$OUT/journey.json"
semsearch inspect attention "$TEXT" --layer 1 --token Tower > "$OUT/attention.txt"
semsearch compare "$TEXT" "Paris is home to the famous Eiffel Tower." "France is a country in Western Europe." \
  "Machine learning is a subset of artificial intelligence." "The Amazon river flows through South America." > "$OUT/compare.txt"
echo "peek: model $MODEL; wrote to $OUT:"
ls -l "$OUT"
