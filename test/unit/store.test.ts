import { test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS, SCHEMA_VERSION } from "../../server/src/store/schema";
import { Store, StoreError } from "../../server/src/store/store";

function tempDb(): { path: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), "store-"));
  return { path: join(dir, "index.db"), done: () => rmSync(dir, { recursive: true, force: true }) };
}

const vec = (...xs: number[]) => Float32Array.from(xs);

test("chunks round-trip with their vectors, metadata, lines and hash", () => {
  const t = tempDb();
  const store = Store.open(t.path);
  const m = store.model("test-model", 3).id;
  const written = store.writeBatch(m, [
    { path: "a.md", contentHash: "h1", size: 10, chunks: [{ startLine: 1, endLine: 4, text: "alpha", metadata: { category: "science", tags: ["x"] }, vector: vec(0.1, -0.2, 0.3) }] },
  ]);
  assert.equal(written.added.length, 1);
  const id = written.added[0].id;
  const row = store.chunks([id]).get(id)!;
  assert.deepEqual({ path: row.path, startLine: row.startLine, endLine: row.endLine, text: row.text, hash: row.contentHash }, { path: "a.md", startLine: 1, endLine: 4, text: "alpha", hash: "h1" });
  assert.deepEqual(row.metadata, { category: "science", tags: ["x"] });
  const [stored] = [...store.vectors(m)];
  assert.deepEqual(Array.from(stored.vector), Array.from(vec(0.1, -0.2, 0.3)));
  assert.equal(store.fileHashes(m).get("a.md"), "h1");
  store.close();
  // and it survives a restart
  const again = Store.open(t.path);
  assert.deepEqual(again.counts(again.model("test-model", 3).id), { files: 1, chunks: 1 });
  again.close();
  t.done();
});

test("re-writing a file replaces its chunks and reports the removed ids", () => {
  const t = tempDb();
  const store = Store.open(t.path);
  const m = store.model("m", 2).id;
  const first = store.writeBatch(m, [{ path: "f.ts", contentHash: "1", size: 1, chunks: [1, 2].map((i) => ({ startLine: i, endLine: i, text: `t${i}`, metadata: {}, vector: vec(i, 0) })) }]);
  const second = store.writeBatch(m, [{ path: "f.ts", contentHash: "2", size: 1, chunks: [{ startLine: 1, endLine: 1, text: "new", metadata: {}, vector: vec(0, 1) }] }]);
  assert.deepEqual(second.removed.sort(), first.added.map((a) => a.id).sort());
  assert.deepEqual(store.counts(m), { files: 1, chunks: 1 });
  const removed = store.writeBatch(m, [], ["f.ts"]);
  assert.deepEqual(removed.removed, second.added.map((a) => a.id));
  assert.deepEqual(store.counts(m), { files: 0, chunks: 0 });
  store.close();
  t.done();
});

test("one index per model: two models never see each other's vectors", () => {
  const t = tempDb();
  const store = Store.open(t.path);
  const a = store.model("model-a", 2).id;
  const b = store.model("model-b", 3).id;
  assert.notEqual(a, b);
  store.writeBatch(a, [{ path: "x.md", contentHash: "h", size: 1, chunks: [{ startLine: 1, endLine: 1, text: "x", metadata: {}, vector: vec(1, 0) }] }]);
  assert.deepEqual(store.counts(a), { files: 1, chunks: 1 });
  assert.deepEqual(store.counts(b), { files: 0, chunks: 0 });
  assert.equal([...store.vectors(b)].length, 0);
  assert.equal(store.fileHashes(b).size, 0);
  assert.throws(() => store.model("model-a", 5), /2-dimension vectors but the model now gives 5/);
  store.close();
  t.done();
});

test("a failed batch writes nothing (one transaction per batch)", () => {
  const t = tempDb();
  const store = Store.open(t.path);
  const m = store.model("m", 2).id;
  store.writeBatch(m, [{ path: "keep.md", contentHash: "k", size: 1, chunks: [{ startLine: 1, endLine: 1, text: "keep", metadata: {}, vector: vec(1, 0) }] }]);
  const bad = { startLine: 1, endLine: 1, text: null as unknown as string, metadata: {}, vector: vec(0, 1) };
  assert.throws(() =>
    store.writeBatch(m, [
      { path: "keep.md", contentHash: "k2", size: 1, chunks: [{ startLine: 1, endLine: 1, text: "replaced", metadata: {}, vector: vec(0, 1) }] },
      { path: "bad.md", contentHash: "b", size: 1, chunks: [bad] },
    ]),
  );
  assert.deepEqual(store.counts(m), { files: 1, chunks: 1 });
  assert.equal(store.fileHashes(m).get("keep.md"), "k");
  store.close();
  t.done();
});

test("migrations upgrade a version-1 database and keep its rows", () => {
  const t = tempDb();
  const db = new Database(t.path);
  MIGRATIONS[0].up(db);
  db.pragma("user_version = 1");
  db.prepare("INSERT INTO models (model_id, dimensions) VALUES ('old', 2)").run();
  db.prepare(
    "INSERT INTO chunks (model, path, start_line, end_line, text, vector, metadata, timestamp, content_hash) VALUES (1, 'old.md', 1, 2, 'old text', ?, '{}', 5, 'oldhash')",
  ).run(Buffer.from(vec(1, 0).buffer));
  db.close();
  const store = Store.open(t.path);
  assert.equal(store.db.pragma("user_version", { simple: true }), SCHEMA_VERSION);
  const m = store.model("old", 2).id;
  assert.deepEqual(store.counts(m), { files: 1, chunks: 1 });
  assert.equal(store.fileHashes(m).get("old.md"), "oldhash");
  store.close();
  t.done();
});

test("a database from a newer version, or a file that is not a database, gives a clear error", () => {
  const t = tempDb();
  const db = new Database(t.path);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  assert.throws(() => Store.open(t.path), (e: Error) => e instanceof StoreError && /newer than this semsearch understands/.test(e.message));
  writeFileSync(t.path, "this is not sqlite at all, just some text that fills a page ".repeat(100));
  rmSync(`${t.path}-wal`, { force: true });
  rmSync(`${t.path}-shm`, { force: true });
  assert.throws(() => Store.open(t.path), (e: Error) => e instanceof StoreError && /is not a semsearch database/.test(e.message));
  t.done();
});

test("a database locked by another writer gives a clear error and loses nothing", () => {
  const t = tempDb();
  const store = Store.open(t.path);
  const m = store.model("m", 2).id;
  store.writeBatch(m, [{ path: "a.md", contentHash: "a", size: 1, chunks: [{ startLine: 1, endLine: 1, text: "a", metadata: {}, vector: vec(1, 0) }] }]);
  const other = new Database(t.path, { timeout: 0 });
  other.exec("BEGIN EXCLUSIVE");
  store.db.pragma("busy_timeout = 50");
  assert.throws(
    () => store.writeBatch(m, [{ path: "b.md", contentHash: "b", size: 1, chunks: [{ startLine: 1, endLine: 1, text: "b", metadata: {}, vector: vec(0, 1) }] }]),
    (e: Error) => e instanceof StoreError && /locked by another process/.test(e.message),
  );
  other.exec("ROLLBACK");
  other.close();
  assert.deepEqual(store.counts(m), { files: 1, chunks: 1 });
  store.close();
  t.done();
});
