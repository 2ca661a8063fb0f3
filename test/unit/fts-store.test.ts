// The lexical index in the store: migration 3 upgrades a version 2 database and fills the FTS
// table from the chunks already there; writes, rewrites, removals and rebuilds keep it in step.
import { test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildMatchQuery } from "../../server/src/search/lexical";
import { FTS_TABLE, ftsMatches, KeywordIndex } from "../../server/src/store/fts";
import { MIGRATIONS, SCHEMA_VERSION } from "../../server/src/store/schema";
import { Store } from "../../server/src/store/store";

function tempDb(): { path: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), "fts-"));
  return { path: join(dir, "index.db"), done: () => rmSync(dir, { recursive: true, force: true }) };
}

const vec = (...xs: number[]) => Buffer.from(Float32Array.from(xs).buffer);
const find = (store: Store, model: number, query: string) => ftsMatches(store.db, model, buildMatchQuery(query)!).map((m) => m.id);
/** The terms a keyword search matches (fts.ts KeywordIndex.informative). */
const informative = (store: Store, quoted: string[]) => new KeywordIndex(store.db).informative(quoted).map((t) => t.term);

test("migration 3 upgrades a version 2 database and backfills the FTS index", () => {
  const t = tempDb();
  // A database as semsearch with schema version 2 left it.
  const old = new Database(t.path);
  old.transaction(() => {
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) m.up(old);
    old.pragma("user_version = 2");
  })();
  old.prepare("INSERT INTO models (id, model_id, dimensions) VALUES (1, 'm', 2)").run();
  const insert = old.prepare(
    "INSERT INTO chunks (model, path, start_line, end_line, text, vector, metadata, timestamp, content_hash) VALUES (1, ?, 1, 3, ?, ?, ?, 0, 'h')",
  );
  insert.run("src/fs.ts", "export function readFileSync(path) { return load(path) }", vec(1, 0), JSON.stringify({ symbol: "readFileSync", kind: "code" }));
  insert.run("docs/rivers.md", "The Nile is the longest river in Africa.", vec(0, 1), JSON.stringify({ heading: "Rivers", kind: "markdown" }));
  old.close();

  const store = Store.open(t.path);
  assert.equal(store.db.pragma("user_version", { simple: true }), SCHEMA_VERSION);
  const [fsId, riverId] = store.ids(1).sort((a, b) => a - b);
  assert.deepEqual(find(store, 1, "read file sync"), [fsId]);
  assert.deepEqual(find(store, 1, "longest rivers"), [riverId]);
  // The heading is searchable through the names column.
  assert.deepEqual(find(store, 1, "Rivers"), [riverId]);
  assert.deepEqual(find(store, 1, "nothing like this"), []);
  store.close();
  // Opening again runs no migration twice.
  const again = Store.open(t.path);
  assert.deepEqual(find(again, 1, "read file sync"), [fsId]);
  again.close();
  t.done();
});

test("writes, rewrites, removals and a model rebuild keep the FTS index in step with the chunks", () => {
  const t = tempDb();
  const store = Store.open(t.path);
  const a = store.model("a", 2).id;
  const b = store.model("b", 2).id;
  const chunk = (text: string) => ({ startLine: 1, endLine: 1, text, metadata: {}, vector: Float32Array.of(1, 0) });
  store.writeBatch(a, [{ path: "x.md", contentHash: "1", size: 1, chunks: [chunk("alpha centauri"), chunk("beta pictoris")] }]);
  store.writeBatch(b, [{ path: "x.md", contentHash: "1", size: 1, chunks: [chunk("alpha centauri")] }]);
  assert.equal(find(store, a, "alpha").length, 1);
  assert.equal(find(store, b, "alpha").length, 1, "each model sees its own chunks only");
  // Rewriting the file replaces its rows.
  store.writeBatch(a, [{ path: "x.md", contentHash: "2", size: 1, chunks: [chunk("gamma draconis")] }]);
  assert.deepEqual(find(store, a, "alpha"), []);
  assert.deepEqual(find(store, a, "beta"), []);
  assert.equal(find(store, a, "gamma").length, 1);
  // Removing the file removes them.
  store.writeBatch(a, [], ["x.md"]);
  assert.deepEqual(find(store, a, "gamma"), []);
  // A rebuild of one model leaves the other's rows alone.
  store.clearModel(b);
  assert.deepEqual(find(store, b, "alpha"), []);
  const rows = store.db.prepare(`SELECT COUNT(*) FROM ${FTS_TABLE}`).pluck().get();
  assert.equal(rows, 0);
  store.close();
  t.done();
});

test("a limit caps the matches; scores are minus BM25, best first", () => {
  const store = Store.open(":memory:");
  const m = store.model("m", 2).id;
  const chunk = (text: string) => ({ startLine: 1, endLine: 1, text, metadata: {}, vector: Float32Array.of(1, 0) });
  store.writeBatch(m, [
    { path: "a.md", contentHash: "1", size: 1, chunks: [chunk("river"), chunk("river river delta"), chunk("mountain")] },
  ]);
  const all = ftsMatches(store.db, m, buildMatchQuery("river delta")!);
  assert.equal(all.length, 2);
  assert.ok(all[0].score > all[1].score);
  assert.equal(ftsMatches(store.db, m, buildMatchQuery("river delta")!, 1).length, 1);
  store.close();
});

test("terms in more than half of the chunks are not matched; when all are, the rarest one is", () => {
  const t = tempDb();
  const store = Store.open(t.path);
  try {
    const m = store.model("m", 2).id;
    const chunk = (text: string) => ({ startLine: 1, endLine: 1, text, metadata: {}, vector: Float32Array.of(1, 0) });
    store.writeBatch(m, [
      { path: "a.md", contentHash: "a", size: 1, chunks: [chunk("return the river"), chunk("return early to the river"), chunk("return nothing here")] },
      { path: "b.md", contentHash: "b", size: 1, chunks: [chunk("a kingfisher by a river, then return"), chunk("the heron waits")] },
    ]);
    // "return" is in 4 of 5 chunks: it carries no BM25 weight, so it is not matched at all.
    assert.deepEqual(informative(store, ['"return"', '"kingfisher"']), ['"kingfisher"']);
    assert.deepEqual(informative(store, ['"return"', '"river"']), ['"river"'], "all common (4 and 3 of 5): the rarest");
    assert.deepEqual(informative(store, ['"return"']), ['"return"'], "a lone term is kept");
    assert.deepEqual(informative(store, ['"heron"', '"kingfisher"']), ['"heron"', '"kingfisher"']);
    // Pruning keeps the ranking's head: the chunk with the rare word comes first either way.
    const pruned = ftsMatches(store.db, m, informative(store, ['"return"', '"kingfisher"']).join(" OR "));
    const full = ftsMatches(store.db, m, '"return" OR "kingfisher"');
    assert.equal(pruned[0].id, full[0].id);
    assert.equal(pruned.length, 1);
    assert.equal(full.length, 4);
  } finally {
    store.close();
    t.done();
  }
});
