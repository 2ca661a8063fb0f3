// A language whose chunking changed enough (Ruby's lexer: chunking/index.ts chunkerRevision) has its
// revision folded into each file's stored hash: an index cut the old way re-chunks and re-embeds that
// language's files on the next pass, and leaves every other file as it was.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chunkerRevision } from "../../server/src/chunking";
import { BUNDLED_MODEL_ID } from "../../server/src/embedding/bundled";
import { Engine } from "../../server/src/engine/engine";
import { contentHash } from "../../server/src/engine/indexer";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const RUBY = "module Rack\n  class Parser\n    def post_match(name)\n      after = $' || ''\n    end\n\n    def last\n      1\n    end\n  end\nend\n";
const PY = "def add(a, b):\n    return a + b\n";

test("only the languages whose chunking changed carry a revision, and it changes their hash", () => {
  assert.ok(chunkerRevision("ruby"));
  assert.equal(chunkerRevision("python"), undefined, "Python has no block comments");
  assert.equal(chunkerRevision("markdown"), undefined);
  assert.match(chunkerRevision("java") ?? "", /comments kept whole/, "every language with block comments");
  assert.match(chunkerRevision("ruby") ?? "", /^ruby 2, comments kept whole$/, "both of Ruby's");
  assert.equal(chunkerRevision("constructor"), undefined, "not a property of every object");
  assert.equal(contentHash("x", [], undefined, undefined), contentHash("x"));
  assert.notEqual(contentHash("x", [], undefined, chunkerRevision("ruby")), contentHash("x"));
});

test("an index cut before the Ruby revision re-chunks its Ruby files on the next pass, and only those", async () => {
  const root = mkdtempSync(join(tmpdir(), "chunker-rev-"));
  dirs.push(root);
  writeFileSync(join(root, "parser.rb"), RUBY);
  writeFileSync(join(root, "add.py"), PY);
  let engine = await Engine.open({ root, model: { model: "bundled" } });
  assert.equal((await engine.indexFolder()).embedded, 2);
  const row = engine.store.findModel(BUNDLED_MODEL_ID)!.id;
  const db = engine.store.db;
  // As an index made before revisions stored them: the plain hash of each file's text.
  for (const path of ["parser.rb", "add.py"]) db.prepare("UPDATE files SET content_hash = ? WHERE model = ? AND path = ?").run(contentHash(readFileSync(join(root, path), "utf8")), row, path);
  const pyChunks = db.prepare("SELECT id FROM chunks WHERE model = ? AND path = 'add.py'").pluck().all(row);
  await engine.close();

  const notes: string[] = [];
  engine = await Engine.open({ root, model: { model: "bundled" }, log: (m) => notes.push(m) });
  try {
    const pass = await engine.indexFolder();
    assert.equal(pass.embedded, 1, "the Ruby file alone is cut and embedded again");
    assert.deepEqual(notes.filter((n) => n.startsWith("Re-chunked")), [`Re-chunked the ruby files an older version had cut otherwise (chunker ${chunkerRevision("ruby")}).`]);
    assert.deepEqual(engine.store.db.prepare("SELECT id FROM chunks WHERE model = ? AND path = 'add.py'").pluck().all(row), pyChunks, "the Python file's chunks are untouched");
    assert.equal((await engine.indexFolder()).embedded, 0, "and the pass after that has nothing to do");
    assert.equal(notes.filter((n) => n.startsWith("Re-chunked")).length, 1, "and says nothing more");
  } finally {
    await engine.close();
  }
});
