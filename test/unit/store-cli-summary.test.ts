// What `semsearch index` says must be true: the dimension-mismatch advice (--rebuild) works, an empty
// file embeds nothing, and the summary reports what the database holds even when two runs overlap.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ROOT, CLI, TINY, startCli } from "../helpers/cli";

const base = mkdtempSync(join(tmpdir(), "store-cli-summary-"));
after(() => rmSync(base, { recursive: true, force: true }));
const env = { ...process.env, SEMSEARCH_CONFIG_DIR: join(base, "config") };

function run(...args: string[]) {
  const r = spawnSync(CLI, args, { encoding: "utf8", env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const start = (...args: string[]) => startCli(args, env);

function folder(name: string): string {
  const dir = join(base, name);
  cpSync(join(ROOT, "examples", "knowledge-base"), dir, { recursive: true });
  return dir;
}

function dbCounts(dir: string): { files: number; chunks: number } {
  const db = new Database(join(dir, ".semsearch", "index.db"), { readonly: true });
  const files = db.prepare("SELECT count(*) FROM files").pluck().get() as number;
  const chunks = db.prepare("SELECT count(*) FROM chunks").pluck().get() as number;
  db.close();
  return { files, chunks };
}

test("after the model's dimensions changed, the advised index --rebuild works", () => {
  const dir = folder("dimensions");
  assert.equal(run("index", dir, ...TINY).code, 0);
  // As if the index had been made by an earlier version of the model with 8-number vectors.
  const db = new Database(join(dir, ".semsearch", "index.db"));
  db.prepare("UPDATE models SET dimensions = 8").run();
  db.close();
  const refused = run("index", dir, ...TINY);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /holds 8-dimension vectors but the model now gives 16\. Re-index from scratch \(semsearch index --rebuild/);

  const rebuilt = run("index", dir, ...TINY, "--rebuild");
  assert.equal(rebuilt.code, 0, rebuilt.err);
  assert.match(rebuilt.out, /^Indexed 20 files, 20 chunks .*\(20 embedded/);
  const s = run("search", "Which river carries the most water?", "--dir", dir, ...TINY, "--k", "2", "--json");
  assert.equal(s.code, 0, s.err);
  assert.equal(JSON.parse(s.out).results.length, 2);
  assert.equal(run("index", dir, ...TINY).code, 0, "and the next plain index is happy");
});

test("an empty file is indexed but not reported as embedded", () => {
  const dir = folder("empty-file");
  assert.equal(run("index", dir, ...TINY).code, 0);
  writeFileSync(join(dir, "empty.md"), "");
  const r = run("index", dir, ...TINY);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\(0 embedded, 0 removed/);
  writeFileSync(join(dir, "empty.md"), "# Now with words\n\nSomething to embed.\n");
  assert.match(run("index", dir, ...TINY).out, /\(1 embedded, 0 removed/);
});

test("two index --rebuild runs at once: each summary reports what the database holds, neither fails", async () => {
  const dir = join(base, "overlap");
  // Enough files and chunks that the two runs overlap.
  cpSync(join(ROOT, "server", "src", "store"), join(dir, "store"), { recursive: true });
  cpSync(join(ROOT, "server", "src", "search"), join(dir, "search"), { recursive: true });
  assert.equal(run("index", dir, ...TINY).code, 0);
  const expected = dbCounts(dir);
  for (let round = 0; round < 3; round++) {
    const runs = await Promise.all([start("index", dir, ...TINY, "--rebuild"), start("index", dir, ...TINY, "--rebuild")]);
    assert.deepEqual(dbCounts(dir), expected);
    for (const r of runs) {
      assert.equal(r.code, 0, `round ${round}: ${r.err}`);
      assert.match(r.out, new RegExp(`^Indexed ${expected.files} files, ${expected.chunks} chunks `), `round ${round}: ${r.out}`);
    }
  }
});
