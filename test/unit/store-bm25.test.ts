// Keyword scores depend only on what is indexed, not on how the index got there: a fresh index, the
// same after `index --rebuild`, after edits that were undone, and after two indexers ran at once
// give identical BM25 scores (FTS5 keeps document and term statistics that deletes must undo exactly).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { FTS_TABLE, NAME_WEIGHT } from "../../server/src/store/fts";
import { ROOT, CLI, TINY } from "../helpers/cli";

const base = mkdtempSync(join(tmpdir(), "store-bm25-"));
after(() => rmSync(base, { recursive: true, force: true }));
const env = { ...process.env, SEMSEARCH_CONFIG_DIR: join(base, "config") };
const QUERIES = ['"store" OR "index"', '"model"', '"search" OR "query"', '"rebuild"', '"chunk" OR "vector" OR "text"', '"transaction"'];

function index(dir: string, ...extra: string[]) {
  const r = spawnSync(CLI, ["index", dir, ...TINY, ...extra], { encoding: "utf8", env });
  assert.equal(r.status, 0, r.stderr);
}

function start(dir: string): Promise<number | null> {
  return new Promise((resolve) => spawn(CLI, ["index", dir, ...TINY], { env, stdio: "ignore" }).on("exit", resolve));
}

/** A copy of some source files: enough chunks that FTS5 writes several segments. */
function corpus(name: string): string {
  const dir = join(base, name);
  cpSync(join(ROOT, "server", "src", "store"), join(dir, "store"), { recursive: true });
  cpSync(join(ROOT, "server", "src", "search"), join(dir, "search"), { recursive: true });
  return dir;
}

/** Every query's matches as "path:start-end score", by path (ids differ between stores; scores must not). */
function scores(dir: string): string[][] {
  const db = new Database(join(dir, ".semsearch", "index.db"), { readonly: true });
  const stmt = db.prepare(
    `SELECT c.path || ':' || c.start_line || '-' || c.end_line || ' ' || printf('%.9f', bm25(${FTS_TABLE}, 1.0, ${NAME_WEIGHT})) AS hit
     FROM ${FTS_TABLE} f JOIN chunks c ON c.id = f.rowid WHERE ${FTS_TABLE} MATCH ? ORDER BY 1`,
  );
  const out = QUERIES.map((q) => stmt.pluck().all(q) as string[]);
  db.close();
  return out;
}

test("a fresh index, a rebuilt one, one whose edits were undone and one written by two indexers score alike", async () => {
  const fresh = corpus("fresh");
  index(fresh);
  const expected = scores(fresh);
  assert.ok(expected.every((hits) => hits.length > 0));

  const rebuilt = corpus("rebuilt");
  index(rebuilt);
  index(rebuilt, "--rebuild");
  index(rebuilt, "--rebuild");
  assert.deepEqual(scores(rebuilt), expected, "after --rebuild");

  const undone = corpus("undone");
  index(undone);
  const file = join(undone, "store", "store.ts");
  const original = readFileSync(file, "utf8");
  writeFileSync(file, original.replace(/transaction/g, "batch").replace(/model/g, "encoder"));
  rmSync(join(undone, "search", "fusion.ts"));
  index(undone);
  writeFileSync(file, original);
  cpSync(join(ROOT, "server", "src", "search", "fusion.ts"), join(undone, "search", "fusion.ts"));
  index(undone);
  assert.deepEqual(scores(undone), expected, "after edits undone");

  const raced = corpus("raced");
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(await Promise.all([start(raced), start(raced)]), [0, 0]);
  }
  assert.deepEqual(scores(raced), expected, "after two indexers at once");
});
