#!/usr/bin/env bash
# The main job on the repository's own copy of the seed's knowledge base: index it with the bundled
# offline model and ask it the seed's first question. When ../shared is beside the repository (as in
# CI), its acceptance check runs too.
set -euo pipefail
cd "$(dirname "$0")/.."
kb=examples/knowledge-base
db=.semsearch/demo.db
bin/semsearch index "$kb" --db "$db" --model bundled
bin/semsearch search "Where is the Eiffel Tower located?" --dir "$kb" --db "$db" --model bundled --k 3
acceptance=../shared/acceptance/seed-knowledge-base.mjs
if [ -f "$acceptance" ]; then
  node "$acceptance"
else
  echo "demo: $acceptance is not beside this repository; skipped the shared acceptance check."
fi
