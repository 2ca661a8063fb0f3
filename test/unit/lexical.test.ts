// Identifier splitting, the FTS row of a chunk, and MATCH query building (escaping included),
// checked against a real FTS5 table with the tokenizer the store uses.
import { test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { identifierParts, splitIdentifier } from "../../server/src/search/identifiers";
import { buildMatchQuery, lexicalFields, quoteTerm } from "../../server/src/search/lexical";
import { createFtsTable, FTS_TABLE } from "../../server/src/store/fts";

test("identifiers split at camelCase, PascalCase, acronyms, snake, kebab and digit boundaries", () => {
  const cases: [string, string[]][] = [
    ["readFileSync", ["read", "file", "sync"]],
    ["ReadFileSync", ["read", "file", "sync"]],
    ["HTTPServer", ["http", "server"]],
    ["parseHTML", ["parse", "html"]],
    ["getHTTPResponseCode", ["get", "http", "response", "code"]],
    ["max_chunk_chars", ["max", "chunk", "chars"]],
    ["MAX_SAFE_INTEGER", ["max", "safe", "integer"]],
    ["__dirname", ["dirname"]],
    ["kebab-case-name", ["kebab", "case", "name"]],
    ["utf8Decode", ["utf", "8", "decode"]],
    ["base64", ["base", "64"]],
    ["v2", ["v", "2"]],
    ["word", ["word"]],
    ["größeWert", ["größe", "wert"]],
    ["", []],
  ];
  for (const [input, parts] of cases) assert.deepEqual(splitIdentifier(input), parts, input);
});

test("identifierParts lists the parts of compound identifiers only, once per occurrence", () => {
  assert.deepEqual(identifierParts("const x = readFileSync(p); readFileSync(q) plain words"), ["read", "file", "sync", "read", "file", "sync"]);
  assert.deepEqual(identifierParts("nothing compound here"), []);
  assert.deepEqual(identifierParts("snake_case and camelCase"), ["snake", "case", "camel", "case"]);
  // `_` is a token character, so a decorated name needs its bare word added.
  assert.deepEqual(identifierParts("__dirname"), ["dirname"]);
});

test("a chunk's FTS row keeps the text and adds identifier parts; names hold symbol, heading and path", () => {
  const f = lexicalFields("src/fsUtil.ts", "export function readFileSync() {}", { symbol: "readFileSync", kind: "code" });
  assert.match(f.body, /^export function readFileSync\(\) \{\}\n/);
  // In code, the words abbreviations stand for come last: sync, and the path's src and util.
  assert.match(f.body, /read file sync synchronous$/);
  assert.equal(f.names, "readFileSync\nsrc/fsUtil.ts\nread file sync fs util synchronous source utility utilities");
  const md = lexicalFields("docs/a.md", "Plain prose.", { heading: "Install > Linux" });
  assert.equal(md.body, "Plain prose.");
  assert.equal(md.names, "Install > Linux\ndocs/a.md");
});

test("a code chunk's row also holds the words its abbreviations stand for, once each; prose keeps its own words", () => {
  const code = "const MAX_LENGTH = 256\nconst cmp = (a, op, b) => { if (err) throw err; if (err) return }";
  const f = lexicalFields("src/cmp.js", code, { symbol: "cmp", kind: "code" });
  const added = f.body.slice(code.length + 1).split(" ");
  // Parts first (MAX_LENGTH), then the spelled-out words, each once however often `err` occurs.
  assert.deepEqual(added, ["max", "length", "maximum", "compare", "comparison", "error"]);
  assert.equal(f.names, "cmp\nsrc/cmp.js\ncompare comparison source");
  // The same text as prose (a README's code sample) gets no spelled-out words.
  const prose = lexicalFields("README.md", code, { kind: "markdown" });
  assert.equal(prose.body, `${code}\nmax length`);
});

test("a question in full words finds the code's abbreviated name, and not prose that only abbreviates", () => {
  const db = new Database(":memory:");
  createFtsTable(db);
  const rows: [number, string, string, Record<string, unknown>][] = [
    [1, "lib/constants.js", "const MAX_LENGTH = 256", { kind: "code" }],
    [2, "README.md", "Set max_length in the config.", { kind: "markdown" }],
    [3, "lib/other.js", "const width = 80", { kind: "code" }],
  ];
  const insert = db.prepare(`INSERT INTO ${FTS_TABLE} (rowid, body, names) VALUES (?, ?, ?)`);
  for (const [id, path, text, metadata] of rows) {
    const f = lexicalFields(path, text, metadata);
    insert.run(id, f.body, f.names);
  }
  const found = db.prepare(`SELECT rowid FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`).pluck().all(buildMatchQuery("maximum allowed size")!);
  assert.deepEqual(found, [1]);
});

test("queries: words and identifier parts OR-ed, quoted, de-duplicated, stop words dropped", () => {
  assert.equal(buildMatchQuery("read file sync"), `"read" OR "file" OR "sync"`);
  assert.equal(buildMatchQuery("readFileSync"), `"readfilesync" OR "read" OR "file" OR "sync"`);
  assert.equal(buildMatchQuery("how do I read the file"), `"read" OR "file"`);
  // Nothing but stop words: search for them rather than for nothing.
  assert.equal(buildMatchQuery("how do I"), `"how" OR "do" OR "i"`);
  assert.equal(buildMatchQuery("   "), undefined);
  assert.equal(buildMatchQuery("?!* ()"), undefined);
  const long = Array.from({ length: 200 }, (_, i) => `word${i}x`).join(" ");
  assert.ok(buildMatchQuery(long)!.split(" OR ").length <= 64);
  assert.equal(quoteTerm(`a"b`), `"a""b"`);
});

test("FTS5 syntax in a query is only ever words: every query runs and finds what its words find", () => {
  const db = new Database(":memory:");
  createFtsTable(db);
  const insert = db.prepare(`INSERT INTO ${FTS_TABLE} (rowid, body, names) VALUES (?, ?, ?)`);
  insert.run(1, "near the river and not far", "");
  insert.run(2, "column body: value", "");
  insert.run(3, "readFileSync reads a file\nread file sync", "");
  const match = db.prepare(`SELECT rowid FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ? ORDER BY rowid`).pluck();
  const run = (q: string) => {
    const expr = buildMatchQuery(q);
    return expr === undefined ? [] : (match.all(expr) as number[]);
  };
  const hostile = [
    `"unbalanced`,
    `NEAR(river far, 2)`,
    `river AND NOT far`,
    `body:value`,
    `names : value`,
    `^near`,
    `riv*`,
    `-river +far`,
    `(river OR`,
    `"" '' \\ ; -- /* */`,
    `{body names}: river`,
    `AND OR NOT NEAR`,
    `read_file_sync`,
    "\u0000 \u{1F600} ü",
  ];
  for (const q of hostile) assert.doesNotThrow(() => run(q), q);
  assert.deepEqual(run("NEAR(river far, 2)"), [1]);
  assert.deepEqual(run("body:value"), [2]);
  assert.deepEqual(run("AND OR NOT NEAR"), [1]);
  // Porter stemming and identifier parts meet on both sides.
  assert.deepEqual(run("reading files"), [3]);
  assert.deepEqual(run("readFileSync"), [3]);
  assert.deepEqual(run("read_file_sync"), [3]);
  db.close();
});
