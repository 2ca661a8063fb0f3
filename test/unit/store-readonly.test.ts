// Searching never writes: `semsearch search` opens the database read-only, rebuilds a missing or
// stale HNSW index in memory only, and works where it may not write at all.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ROOT, CLI, TINY } from "../helpers/cli";

const base = mkdtempSync(join(tmpdir(), "store-readonly-"));
chmodSync(base, 0o755);
after(() => {
  chmodTree(base, true);
  rmSync(base, { recursive: true, force: true });
});
const CONFIG = join(base, "config");

function run(args: string[], opts: { config?: string; uid?: number } = {}) {
  const env = { ...process.env, SEMSEARCH_CONFIG_DIR: opts.config ?? CONFIG, HOME: base };
  const r = spawnSync(CLI, args, { encoding: "utf8", env, ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function indexed(name: string): { dir: string; store: string } {
  const dir = join(base, name);
  cpSync(join(ROOT, "examples", "knowledge-base"), dir, { recursive: true });
  const r = run(["index", dir, ...TINY]);
  assert.equal(r.code, 0, r.err);
  return { dir, store: join(dir, ".semsearch") };
}

/** name -> mtime and SHA-256 of every file in a folder. */
function snapshot(folder: string): Map<string, string> {
  return new Map(
    readdirSync(folder).map((f) => {
      const p = join(folder, f);
      return [f, `${statSync(p).mtimeMs} ${createHash("sha256").update(readFileSync(p)).digest("hex")}`];
    }),
  );
}

/** Every file as it was; the only new names a reader may leave are SQLite's shared-memory index and an empty log. */
function assertUnchanged(store: string, before: Map<string, string>): void {
  const after = snapshot(store);
  for (const [name, state] of before) assert.equal(after.get(name), state, `${name} is unchanged`);
  for (const name of after.keys()) {
    if (before.has(name)) continue;
    assert.ok(name === "index.db-shm" || name === "index.db-wal", `unexpected new file ${name}`);
    if (name === "index.db-wal") assert.equal(statSync(join(store, name)).size, 0);
  }
}

function search(dir: string, opts: { config?: string; uid?: number } = {}) {
  return run(["search", "Which river carries the most water?", "--dir", dir, ...TINY, "--k", "3", "--json"], opts);
}

function chmodTree(dir: string, writable: boolean): void {
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    if (f.isDirectory()) chmodTree(p, writable);
    else chmodSync(p, writable ? 0o644 : 0o444);
  }
  chmodSync(dir, writable ? 0o755 : 0o555);
}

test("search changes no file in .semsearch, even when it must rebuild the HNSW index", () => {
  const { dir, store } = indexed("no-writes");
  const hnsw = readdirSync(store).filter((f) => f.includes(".hnsw"));
  assert.equal(hnsw.length, 2);
  // Without its HNSW file a search rebuilds the graph: in memory, never saved.
  for (const f of hnsw) rmSync(join(store, f));
  const before = snapshot(store);
  for (let i = 0; i < 3; i++) {
    const r = search(dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).results.length, 3);
  }
  assertUnchanged(store, before);
  for (const f of hnsw) assert.ok(!existsSync(join(store, f)), `${f} was not written`);
});

test("search works on a read-only database in a read-only folder", () => {
  const { dir, store } = indexed("read-only");
  let config = CONFIG;
  let uid: number | undefined;
  if (process.getuid?.() === 0) {
    // root may write anywhere: search as another user that holds the same secret (the same person).
    config = join(base, "config-nobody");
    cpSync(CONFIG, config, { recursive: true });
    chownSync(config, 65534, 65534);
    chownSync(join(config, "user-secret"), 65534, 65534);
    uid = 65534;
  }
  chmodTree(dir, false);
  const before = snapshot(store);
  const r = search(dir, { config, uid });
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.equal(out.results.length, 3);
  assert.equal(out.results[0].path, "06-amazon-river.md");
  assert.deepEqual(snapshot(store), before);
  chmodTree(dir, true);
});

test("search on a store that needs a migration says to run index first and changes nothing", () => {
  const { dir, store } = indexed("old-schema");
  const db = new Database(join(store, "index.db"));
  db.pragma("user_version = 3");
  db.close();
  const before = snapshot(store);
  const r = search(dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /needs an upgrade\. Run semsearch index on the folder first/);
  assertUnchanged(store, before);
  assert.equal(run(["index", dir, ...TINY]).code, 0);
  assert.equal(search(dir).code, 0);
});

test("search where nothing was indexed says to run index first and creates nothing", () => {
  const dir = join(base, "never-indexed");
  cpSync(join(ROOT, "examples", "knowledge-base"), dir, { recursive: true });
  const r = search(dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /There is no index at .*index\.db\. Run semsearch index on the folder first/);
  assert.ok(!existsSync(join(dir, ".semsearch")));
});
