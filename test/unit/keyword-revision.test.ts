// A store whose keyword rows were written an older way (store/keyword-revision.ts) has them
// rewritten once when opened for writing, from its stored text; a store that keeps no text says why
// it cannot, and nothing is lost either way.
import { test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { identifierParts } from "../../server/src/search/identifiers";
import { matchTerms } from "../../server/src/search/lexical";
import { FTS_TABLE } from "../../server/src/store/fts";
import { KEYWORD_REVISION, keywordRevision } from "../../server/src/store/keyword-revision";
import { Store, type FileUpdate } from "../../server/src/store/store";

/** Runs `check` on a database path in a folder of its own, removed afterwards. */
function withTempDb(check: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "keyword-revision-"));
  try {
    check(join(dir, "index.db"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const files: FileUpdate[] = [
  {
    path: "lib/constants.js",
    contentHash: "a",
    size: 1,
    chunks: [{ startLine: 1, endLine: 1, text: "const MAX_LENGTH = 256", metadata: { kind: "code", language: "javascript" }, vector: Float32Array.of(1, 0) }],
  },
  {
    path: "notes.md",
    contentHash: "b",
    size: 1,
    chunks: [{ startLine: 1, endLine: 1, text: "The longest river.", metadata: { kind: "markdown", language: "markdown" }, vector: Float32Array.of(0, 1) }],
  },
];

/** Puts the store back as revision 1 left it: code rows without spelled-out words, no revision recorded. */
function asRevision1(store: Store): void {
  const rows = store.db.prepare("SELECT id, path, text FROM chunks").all() as { id: number; path: string; text: string }[];
  const withParts = (t: string) => [t, ...identifierParts(t)].join(" ");
  for (const r of rows) {
    store.db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid = ?`).run(r.id);
    store.db.prepare(`INSERT INTO ${FTS_TABLE} (rowid, body, names) VALUES (?, ?, ?)`).run(r.id, withParts(r.text), withParts(r.path));
  }
  store.db.prepare("DELETE FROM meta WHERE key = 'keywords.revision'").run();
}

const search = (store: Store, model: number, query: string) => store.keywordSearch(model, matchTerms(query), 10).map((h) => h.id);

/** A store at `path` holding `updates`, its keyword rows as revision 1 left them; its model's row id. */
function olderStore(path: string, updates: FileUpdate[] = files): number {
  const store = Store.open(path);
  const m = store.model("m", 2).id;
  store.writeBatch(m, updates);
  asRevision1(store);
  store.close();
  return m;
}

test("an older store's code rows are rewritten once on opening, and then find the spelled-out words", () =>
  withTempDb((path) => {
    const store = Store.open(path);
    const m = store.model("m", 2).id;
    store.writeBatch(m, files);
    assert.equal(keywordRevision(store.db), KEYWORD_REVISION, "a new store is made the current way");
    const [code] = store.ids(m).sort((a, b) => a - b);
    assert.deepEqual(search(store, m, "maximum"), [code]);
    asRevision1(store);
    assert.deepEqual(search(store, m, "maximum"), [], "the old rows lack the spelled-out word");
    store.close();

    const log: string[] = [];
    const reopened = Store.open(path, { log: (l) => log.push(l) });
    assert.deepEqual(search(reopened, m, "maximum"), [code]);
    assert.deepEqual(search(reopened, m, "longest river").length, 1, "prose rows are untouched and still found");
    assert.equal(keywordRevision(reopened.db), KEYWORD_REVISION);
    assert.deepEqual(log, ["Rewrote the keyword entries of 1 code chunk once: they now also hold the words their abbreviations stand for (cmp: compare)."]);
    reopened.close();

    const again: string[] = [];
    Store.open(path, { log: (l) => again.push(l) }).close();
    assert.deepEqual(again, [], "done once");
  }));

test("a read-only open leaves an older store as it is", () =>
  withTempDb((path) => {
    const m = olderStore(path);
    const reader = Store.open(path, { readOnly: true });
    assert.equal(keywordRevision(reader.db), 1);
    assert.deepEqual(search(reader, m, "max length").length, 1, "its rows still work");
    reader.close();
  }));

test("a store that keeps no text cannot rewrite its rows: it says so once and keeps them", () =>
  withTempDb((path) => {
    const store = Store.open(path);
    const m = store.model("m", 2).id;
    store.writeBatch(m, files);
    store.setTextMode("none", () => undefined);
    store.db.prepare("DELETE FROM meta WHERE key = 'keywords.revision'").run();
    const before = store.db.prepare(`SELECT count(*) FROM ${FTS_TABLE}`).pluck().get();
    store.close();

    const log: string[] = [];
    const reopened = Store.open(path, { log: (l) => log.push(l) });
    assert.equal(log.length, 1);
    assert.match(log[0], /keeps no text, so the keyword entries of its 1 code chunk cannot be rewritten from it.*semsearch index --rebuild/);
    assert.equal(reopened.db.prepare(`SELECT count(*) FROM ${FTS_TABLE}`).pluck().get(), before);
    assert.equal(search(reopened, m, "max length").length, 1, "its rows still work");
    assert.equal(keywordRevision(reopened.db), KEYWORD_REVISION);
    reopened.close();
  }));

test("a store another process holds locked opens with its old rows, and is rewritten on a later open", () =>
  withTempDb((path) => {
    const m = olderStore(path);

    // Another process writing (or rewriting the rows itself) past the busy timeout.
    const other = new Database(path);
    other.exec("BEGIN IMMEDIATE");
    try {
      const opened = Store.open(path);
      assert.equal(keywordRevision(opened.db), 1);
      assert.deepEqual(search(opened, m, "max length").length, 1, "the old rows still work");
      opened.close();
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    const later = Store.open(path);
    assert.equal(keywordRevision(later.db), KEYWORD_REVISION);
    assert.deepEqual(search(later, m, "maximum").length, 1);
    later.close();
  }));

test("every code chunk of a larger store is rewritten, page after page", () =>
  withTempDb((path) => {
    const many: FileUpdate[] = Array.from({ length: 12 }, (_, f) => ({
      path: `lib/f${f}.js`,
      contentHash: `h${f}`,
      size: 1,
      chunks: Array.from({ length: 100 }, (_, c) => ({ startLine: c + 1, endLine: c + 1, text: `const MAX_${f}_${c} = ${c}`, metadata: { kind: "code" }, vector: Float32Array.of(1, 0) })),
    }));
    olderStore(path, many);
    const holding = (s: Store) => s.db.prepare(`SELECT count(*) FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH '"maximum"'`).pluck().get();
    const reader = Store.open(path, { readOnly: true });
    assert.equal(holding(reader), 0, "before: no row holds the spelled-out word");
    reader.close();
    const log: string[] = [];
    const reopened = Store.open(path, { log: (l) => log.push(l) });
    assert.equal(holding(reopened), 1200);
    assert.match(log[0], /of 1200 code chunks once/);
    reopened.close();
  }));
