#!/usr/bin/env bash
# The main job on the bundled fixture: index the seed's knowledge base with the bundled offline
# model, ask it the seed's first question, then run the shared acceptance check.
set -euo pipefail
cd "$(dirname "$0")/.."
kb=../shared/fixtures/knowledge-base
db=.semsearch/demo.db
bin/semsearch index "$kb" --db "$db" --model bundled
bin/semsearch search "Where is the Eiffel Tower located?" --dir "$kb" --db "$db" --model bundled --k 3
node ../shared/acceptance/seed-knowledge-base.mjs
