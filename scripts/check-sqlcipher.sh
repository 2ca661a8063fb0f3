#!/usr/bin/env bash
# Checks that an encrypted store (`semsearch index --encrypt`) opens in an independent SQLCipher 4:
#
#   scripts/check-sqlcipher.sh /usr/bin/sqlcipher            # a sqlcipher shell (reads SQL on stdin)
#   scripts/check-sqlcipher.sh /tmp/scratch/node_modules/@journeyapps/sqlcipher
#                                                            # or the npm package @journeyapps/sqlcipher,
#                                                            # built from source (see README, "Encryption at rest")
#
# Indexes a copy of examples/knowledge-base with the bundled model twice, under a passphrase and under
# a raw key x'<64 hex digits>' (what the VS Code extension uses), then with the tool: PRAGMA key and
# SELECT count(*) FROM chunks must give the CLI's chunk count and PRAGMA integrity_check "ok"; a wrong
# key must not open the file. Exits 0 when every check passes. Not run by CI: it needs a SQLCipher 4
# build, which the repository does not depend on. SQLCipher 3 (Debian 12's sqlcipher 3.4.1) cannot
# read SQLCipher 4 files and fails here. Needs no network; builds dist/ first when it is missing.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOL="${1:?usage: scripts/check-sqlcipher.sh SQLCIPHER_SHELL | PATH_TO/@journeyapps/sqlcipher}"
[ -e "$TOOL" ] || { echo "no such tool: $TOOL" >&2; exit 2; }
TOOL="$(cd "$(dirname "$TOOL")" && pwd)/$(basename "$TOOL")"
[ -f "$REPO/dist/cli.js" ] || (cd "$REPO" && npm run --silent build)
# bin/semsearch runs on the Node.js npm install pinned when the one on PATH is too old; the npm
# package's addon is Node-API, so any Node.js runs it.
NODE="$REPO/node_modules/.bin/node"
[ -x "$NODE" ] || NODE=node
WORK="$(mktemp -d "${TMPDIR:-/tmp}/semsearch-sqlcipher.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Runs SQL (on stdin) against DB with KEY through the tool; prints the rows, one a line, columns split by |.
run_sql() {
  local db="$1" key="$2"
  if [ -d "$TOOL" ]; then
    KEY="$key" "$NODE" -e '
      const sqlite3 = require(process.argv[1]);
      const db = new sqlite3.Database(process.argv[2], sqlite3.OPEN_READONLY);
      const sql = require("node:fs").readFileSync(0, "utf8").split(";").map((s) => s.trim()).filter(Boolean);
      const all = (q) => new Promise((res, rej) => db.all(q, (e, r) => (e ? rej(e) : res(r))));
      (async () => {
        await all(`PRAGMA key = '"'"'${process.env.KEY.replaceAll("'"'"'", "'"'"''"'"'")}'"'"'`);
        for (const q of sql) for (const r of await all(q)) console.log(Object.values(r).join("|"));
      })().catch((e) => { console.error("Error: " + e.message); process.exitCode = 1; }).finally(() => db.close());
    ' "$TOOL" "$db"
  else
    # SQLCipher 4's shell answers PRAGMA key with "ok" (3.x says nothing): that line is not a row asked for.
    { printf "PRAGMA key = '%s';\n" "${key//\'/\'\'}"; cat; } | "$TOOL" "$db" | sed '1{/^ok$/d}'
  fi
}

FAILED=0
check() {
  local label="$1" key="$2"
  local dir="$WORK/$label"
  cp -r "$REPO/examples/knowledge-base" "$dir"
  local summary
  summary="$(SEMSEARCH_DB_KEY="$key" "$REPO/bin/semsearch" index "$dir" --model bundled --encrypt 2>&1 | grep '^Indexed')"
  local expected
  expected="$(sed -E 's/.* files, ([0-9]+) chunks.*/\1/' <<< "$summary")"
  local db="$dir/.semsearch/index.db"
  local header
  header="$(head -c 15 "$db")"
  echo "[$label] semsearch: $summary"
  if [ "$header" = "SQLite format 3" ]; then echo "[$label] FAIL: the store is not encrypted"; FAILED=1; return; fi
  local out
  out="$(printf 'PRAGMA cipher_version;\nSELECT count(*) FROM chunks;\nPRAGMA integrity_check;\n' | run_sql "$db" "$key" 2>&1)" || true
  echo "[$label] $(basename "$TOOL"): $(tr '\n' ' ' <<< "$out")"
  if [ "$(sed -n 2p <<< "$out")" = "$expected" ] && [ "$(sed -n 3p <<< "$out")" = "ok" ]; then
    echo "[$label] PASS: SQLCipher $(sed -n 1p <<< "$out") opens it with the key: $expected chunks, integrity ok"
  else
    echo "[$label] FAIL: expected cipher version, $expected, ok"; FAILED=1
  fi
  local wrong
  wrong="$(printf 'SELECT count(*) FROM chunks;\n' | run_sql "$db" "not the key" 2>&1)" || true
  if [ "$wrong" = "$expected" ]; then echo "[$label] FAIL: a wrong key opened it"; FAILED=1; else echo "[$label] PASS: a wrong key does not open it ($(tail -1 <<< "$wrong"))"; fi
}

check passphrase "a passphrase for the sqlcipher check"
check raw-key "x'$("$NODE" -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("hex"))')'"
[ "$FAILED" = 0 ] && echo "All checks passed." || { echo "Some checks failed."; exit 1; }
