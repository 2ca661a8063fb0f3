// Data minimisation (`--store-text none`): an index that keeps vectors, locations and metadata but no
// text. Nothing of the fixture's text is anywhere in the store folder (database, WAL, HNSW and its
// sidecar: every byte, every text column); results still come with their text, read back from the
// files; keyword search still finds words and identifier parts; a result whose file changed or went
// says so and shows nothing stale; a redacted secret stays redacted; and a store that kept text
// gives it up when reopened in mode none.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = mkdtempSync(join(tmpdir(), "store-text-none-"));
process.env.SEMSEARCH_CONFIG_DIR = join(base, "config");
after(() => rmSync(base, { recursive: true, force: true }));

import Database from "better-sqlite3";
import { Engine } from "../../server/src/engine/engine";
import { porterStem } from "../../server/src/store/porter-stem";
import { hashWord, normaliseWord } from "../../server/src/store/hashed-terms";
import { WORD } from "../../server/src/search/identifiers";
import { fakeTokens } from "../helpers/fake-secrets";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const bundled = { model: "bundled" };

// A code file whose names are compounds: "indexable file" must meet readIndexableFile.
const CODE = `// Reads a file that discovery found, checking it again on the open handle.
export async function readIndexableFile(absolutePath: string, maxFileSize: number): Promise<string> {
  const contents = await loadEverything(absolutePath);
  if (contents.length > maxFileSize) throw new Error("larger than allowed");
  return contents;
}
`;

// One line far longer than a chunk: its chunks are slices of the line, read back by offset.
const LONG_LINE = Array.from({ length: 260 }, (_, i) => `marmalade${i % 17} quietly`).join(" ");

let folderCount = 0;
function folder(): string {
  const dir = join(base, `ws${folderCount++}`);
  mkdirSync(dir, { recursive: true });
  cpSync(KB, dir, { recursive: true });
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src", "read-file.ts"), CODE);
  writeFileSync(join(dir, "long.md"), `# Preserves\n\n${LONG_LINE}\n`);
  return dir;
}

/** Every markdown and code file of the fixture, as the folder has it. */
function fixtureTexts(root: string): string[] {
  return [...readdirSync(root).filter((f) => f.endsWith(".md")).map((f) => readFileSync(join(root, f), "utf8")), CODE];
}

/** Ten sentences of six or more words from the fixture's body text. */
function sentences(root: string): string[] {
  const all = fixtureTexts(root)
    .flatMap((t) => t.replace(/^---[\s\S]*?---/, "").split(/(?<=[.!?])\s+|\n/))
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 6 && !s.startsWith("#") && !s.startsWith("//"));
  assert.ok(all.length >= 10, "the fixture has ten sentences to look for");
  return all.slice(0, 10);
}

/**
 * The fixture's words of 8+ letters, but for the names a none store keeps on purpose: paths, front
 * matter, headings and symbols (metadata).
 */
function longWords(root: string, storeFolder: string): string[] {
  const db = new Database(join(storeFolder, "index.db"), { readonly: true });
  const kept = (db.prepare("SELECT path || ' ' || metadata FROM chunks").pluck().all() as string[]).join("\n").toLowerCase();
  db.close();
  const words = new Set<string>();
  for (const t of fixtureTexts(root)) for (const m of t.matchAll(/\p{L}{8,}/gu)) if (!kept.includes(m[0].toLowerCase())) words.add(m[0].toLowerCase());
  return [...words];
}

/** Which of `needles` appear in any file of the store folder (bytes, case folded) or in any text value of any table. */
function leaks(storeFolder: string, needles: string[]): string[] {
  const found = new Set<string>();
  for (const name of readdirSync(storeFolder)) {
    const bytes = readFileSync(join(storeFolder, name)).toString("latin1").toLowerCase();
    for (const n of needles) if (bytes.includes(n.toLowerCase())) found.add(`${n} (in ${name})`);
  }
  const db = new Database(join(storeFolder, "index.db"), { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  for (const table of tables) {
    let rows: Record<string, unknown>[];
    try {
      rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
    } catch {
      continue; // an FTS5 table itself is not readable as rows; its shadow tables are
    }
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        const text = typeof value === "string" ? value : Buffer.isBuffer(value) ? value.toString("latin1") : "";
        for (const n of needles) if (text.toLowerCase().includes(n.toLowerCase())) found.add(`${n} (${table}.${column})`);
      }
    }
  }
  db.close();
  return [...found];
}

/** `also`: more strings that must not be there (a store that kept text's plain file hashes). */
function assertNoText(root: string, also: string[] = []): void {
  const store = join(root, ".semsearch");
  const words = longWords(root, store);
  assert.ok(words.length > 50, `enough words to look for (${words.length})`);
  assert.deepEqual(leaks(store, [...sentences(root), ...words, ...also]), []);
}

/** The file hashes a store holds. */
function fileHashes(root: string): string[] {
  const db = new Database(join(root, ".semsearch", "index.db"), { readonly: true });
  try {
    return db.prepare("SELECT content_hash FROM files").pluck().all() as string[];
  } finally {
    db.close();
  }
}

test("the hand-written Porter stemmer stems every fixture word as SQLite's FTS5 porter tokenizer does", () => {
  const words = new Set<string>();
  for (const t of fixtureTexts(KB)) for (const m of t.matchAll(WORD)) words.add(m[0]);
  for (const w of ["caresses", "ponies", "relational", "conditional", "hopping", "generalizations", "retries", "retry", "agreed", "feed", "sized", "filing", "hoping", "controlling", "rolling", "electricity", "adjustable", "Café", "naïve"]) words.add(w);
  const db = new Database(":memory:");
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize="porter unicode61 remove_diacritics 2 tokenchars '_'"); CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);`);
  const list = [...words];
  const insert = db.prepare("INSERT INTO t (rowid, x) VALUES (?, ?)");
  list.forEach((w, i) => insert.run(i + 1, w));
  const sqlite = new Map((db.prepare("SELECT doc, term FROM v").all() as { doc: number; term: string }[]).map((r) => [r.doc, r.term]));
  const differ = list.filter((w, i) => sqlite.get(i + 1) !== normaliseWord(w)).map((w) => `${w}: sqlite ${sqlite.get(list.indexOf(w) + 1)}, ours ${normaliseWord(w)}`);
  assert.ok(list.length > 300, `words compared: ${list.length}`);
  assert.deepEqual(differ, []);
  assert.equal(porterStem("retries"), porterStem("retry"));
  assert.equal(hashWord("Retries"), hashWord("retry"), "a word and its inflection meet on one token");
  assert.match(hashWord("eiffel"), /^[0-9a-f]{12}$/);
  db.close();
});

test("--store-text none: no fixture sentence or long word anywhere in the store; results read their text from the files", async () => {
  const root = folder();
  const secret = fakeTokens(3).find((t) => t.name === "github-token")!.token;
  writeFileSync(join(root, "deploy-notes.md"), `# Deploying the lighthouse service\n\nThe deployment pipeline pushes with token ${secret} to the staging cluster every evening.\n`);
  const engine = await Engine.open({ root, model: bundled, storeText: "none" });
  try {
    const summary = await engine.indexFolder();
    assert.ok(summary.chunks > 20);
    assert.equal(engine.store.textMode, "none");
    // Scanned with the WAL still open (pages not yet checkpointed), then after close.
    assertNoText(root);
    assert.deepEqual(leaks(join(root, ".semsearch"), [secret, "pipeline pushes"]), []);

    const eiffel = await engine.search({ query: "Where is the Eiffel Tower located?", topK: 3, mode: "semantic" });
    assert.equal(eiffel.results[0].path, "05-eiffel-tower.md");
    assert.match(eiffel.results[0].text, /The Eiffel Tower is an iron lattice tower located on the Champ de Mars/);
    assert.equal(eiffel.results[0].textUnavailable, undefined);

    const word = await engine.search({ query: "Eiffel", topK: 3, mode: "lexical", keywordScores: true });
    assert.equal(word.results[0]?.path, "05-eiffel-tower.md", "a keyword search finds the word through its hash");
    const stemmed = await engine.search({ query: "constructing lattices", topK: 3, mode: "lexical", keywordScores: true });
    assert.equal(stemmed.results[0]?.path, "05-eiffel-tower.md", "inflections meet through the stem");
    const part = await engine.search({ query: "indexable file", topK: 3, mode: "lexical", keywordScores: true });
    assert.equal(part.results[0]?.path, "src/read-file.ts", "identifier parts are hashed too");
    assert.match(part.results[0].text, /readIndexableFile/);
    const hybrid = await engine.search({ query: "readIndexableFile", topK: 5, mode: "hybrid" });
    assert.equal(hybrid.results[0]?.path, "src/read-file.ts");
    // A search reads its candidates' text from the files once: the ranking and the hits share it.
    const texts = (engine as unknown as { textReader: { fill(rows: Iterable<unknown>): void } }).textReader;
    const fill = texts.fill.bind(texts);
    let fills = 0;
    texts.fill = (rows) => (fills++, fill(rows));
    for (const mode of ["hybrid", "lexical"] as const) {
      fills = 0;
      await engine.search({ query: "readIndexableFile", topK: 5, mode, ...(mode === "lexical" ? { keywordScores: true } : {}) });
      assert.equal(fills, 1, `${mode}: one read of the candidates' text`);
    }
    texts.fill = fill;

    // Every chunk reads back, slices of the long line too (none is "changed" right after indexing).
    const all = await engine.search({ query: "marmalade quietly preserves", topK: 100, mode: "semantic" });
    assert.ok(all.results.length > 20);
    assert.deepEqual(all.results.filter((r) => r.textUnavailable), []);
    const slices = all.results.filter((r) => r.path === "long.md" && r.startLine === r.endLine && r.startLine === 3);
    assert.ok(slices.length >= 2, "the long line was cut into slices");
    for (const s of slices) assert.ok(LONG_LINE.includes(s.text) && s.text.length < LONG_LINE.length);

    // The secret the indexer redacted stays redacted in the text read back from the file.
    const deploy = await engine.search({ query: "deployment pipeline staging cluster", topK: 3, mode: "hybrid" });
    const hit = deploy.results.find((r) => r.path === "deploy-notes.md")!;
    assert.ok(hit, "the file with a secret is found");
    assert.match(hit.text, /\[redacted: github-token\]/);
    assert.ok(!hit.text.includes(secret));

    // A file changed since indexing: no stale text, and the reason.
    appendFileSync(join(root, "05-eiffel-tower.md"), "\nIt was repainted last year.\n");
    writeFileSync(join(root, "05-eiffel-tower.md"), readFileSync(join(root, "05-eiffel-tower.md"), "utf8").replace("iron lattice", "steel lattice"));
    const changed = await engine.search({ query: "Where is the Eiffel Tower located?", topK: 1, mode: "semantic" });
    assert.equal(changed.results[0].path, "05-eiffel-tower.md");
    assert.equal(changed.results[0].textUnavailable, "file changed since indexing");
    assert.equal(changed.results[0].text, "");
    // ... and one deleted.
    unlinkSync(join(root, "05-eiffel-tower.md"));
    const gone = await engine.search({ query: "Eiffel", topK: 1, mode: "lexical", keywordScores: true });
    assert.equal(gone.results[0].textUnavailable, "file deleted");
    assert.equal(gone.results[0].text, "");
  } finally {
    await engine.close();
  }
  assertNoText(root);
  // A search (read-only) of the store finds words and reads text back too.
  const reader = await Engine.openLazy({ root, model: bundled, readOnly: true });
  try {
    const r = await reader.search({ query: "photosynthesis", topK: 1, mode: "lexical", keywordScores: true });
    assert.equal(r.results[0].path, "00-photosynthesis.md");
    assert.match(r.results[0].text, /sunlight/);
  } finally {
    await reader.close();
  }
});

test("a store that kept text gives it all up when opened with none, and takes it back (re-indexed) with full", async () => {
  const root = folder();
  let engine = await Engine.open({ root, model: bundled });
  await engine.indexFolder();
  const before = await engine.search({ query: "Eiffel", topK: 1, mode: "lexical", keywordScores: true });
  await engine.close();
  const store = join(root, ".semsearch");
  // The check can fail: a store that keeps text holds the fixture's sentences.
  assert.ok(leaks(store, sentences(root)).length > 0);
  // Its file hashes are plain SHA-256 of the text, which would confirm a guess of a whole file: they must go too.
  const plainHashes = fileHashes(root);
  assert.ok(plainHashes.length >= 20);

  engine = await Engine.open({ root, model: bundled, storeText: "none" });
  try {
    assert.equal(engine.store.textMode, "none");
    assertNoText(root, plainHashes);
    const after = await engine.search({ query: "Eiffel", topK: 1, mode: "lexical", keywordScores: true });
    assert.deepEqual(after.results.map((r) => [r.path, r.startLine, r.text]), before.results.map((r) => [r.path, r.startLine, r.text]));
    const summary = await engine.indexFolder();
    assert.equal(summary.embedded, 0, "nothing to embed again: the vectors stay");
    const long = await engine.search({ query: "marmalade", topK: 10, mode: "lexical", keywordScores: true });
    assert.ok(long.results.length >= 2 && long.results.every((r) => r.text && !r.textUnavailable), "slices placed from the file on conversion");
  } finally {
    await engine.close();
  }
  assertNoText(root);

  engine = await Engine.open({ root, model: bundled, storeText: "full" });
  try {
    assert.equal(engine.store.textMode, "full");
    assert.equal(engine.status().chunks, 0, "back to full: the chunks are re-derived from the files");
    const summary = await engine.indexFolder();
    assert.ok(summary.embedded > 20);
    const row = engine.store.db.prepare("SELECT text FROM chunks WHERE path = '05-eiffel-tower.md'").pluck().get() as string;
    assert.match(row, /iron lattice tower/);
    const word = await engine.search({ query: "Eiffel", topK: 1, mode: "lexical", keywordScores: true });
    assert.equal(word.results[0].path, "05-eiffel-tower.md");
  } finally {
    await engine.close();
  }
});

test("the CLI: index --store-text none, search shows text read from the file or why not, a bad mode is a usage error", async () => {
  const { startCli, TINY } = await import("../helpers/cli");
  const env = { ...process.env, SEMSEARCH_CONFIG_DIR: join(base, "config-cli"), SEMSEARCH_NO_SOCKET: "1" };
  const root = folder();
  const bad = await startCli(["index", root, ...TINY, "--store-text", "some"], env);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--store-text is full .* or none .*; got "some"/);

  const indexed = await startCli(["index", root, ...TINY, "--store-text", "none"], env);
  assert.equal(indexed.code, 0, indexed.err);
  const db = new Database(join(root, ".semsearch", "index.db"), { readonly: true });
  assert.deepEqual(db.prepare("SELECT DISTINCT text FROM chunks").pluck().all(), [""]);
  db.close();
  assertNoText(root);

  const search = (...args: string[]) => startCli(["search", "Eiffel", "--dir", root, ...TINY, "--mode", "lexical", "--no-server", ...args], env);
  const found = await search();
  assert.equal(found.code, 0, found.err);
  assert.match(found.out, /05-eiffel-tower\.md:\d+-\d+[^\n]*\n\s+The Eiffel Tower is an iron lattice tower/);
  // A later index without the flag keeps the store's mode (it does not put the text back).
  const again = await startCli(["index", root, ...TINY], env);
  assert.equal(again.code, 0, again.err);
  assertNoText(root);
  // So does `serve` without the flag: serving an index must not put its text back.
  const { startServe, waitIndexed } = await import("../http/serve-process");
  const served = await startServe(["--dir", root, ...TINY, "--documents", join(base, "served-docs")], env as Record<string, string>);
  try {
    await waitIndexed(async () => (await fetch(`${served.url}/v1/status`)).json() as Promise<{ state: string; chunks: number }>, 1);
    const hit = (await (await fetch(`${served.url}/v1/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "Eiffel", k: 1, mode: "lexical" }) })).json()) as { results: { text: string }[] };
    assert.match(hit.results[0].text, /Eiffel Tower/);
  } finally {
    await served.stop();
  }
  assertNoText(root);

  unlinkSync(join(root, "05-eiffel-tower.md"));
  const gone = await search();
  assert.match(gone.out, /05-eiffel-tower\.md:\d+-\d+[^\n]*\n\s+\(text not shown: file deleted\)/);
  const json = JSON.parse((await search("--json")).out);
  assert.deepEqual([json.results[0].text, json.results[0].textUnavailable], ["", "file deleted"]);
});

test("the client shows why a hit has no text", async () => {
  const { shownText } = await import("../../client/src/format");
  assert.equal(shownText({ text: "The Eiffel Tower" }), "The Eiffel Tower");
  assert.equal(shownText({ text: "", textUnavailable: "file changed since indexing" }), "(text not shown: file changed since indexing)");
});

test("a store without chunks switches mode by recording it, with the keyword table made for that mode", async () => {
  const { Store } = await import("../../server/src/store/store");
  const path = join(base, "empty", "index.db");
  const store = Store.open(path);
  const tokenizer = () => store.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'chunks_fts'").pluck().get() as string;
  assert.match(tokenizer(), /porter/);
  assert.equal(store.setTextMode("none", () => undefined), "started");
  assert.doesNotMatch(tokenizer(), /porter/, "hashed words are stemmed already: no porter on top");
  assert.equal(store.setTextMode("full", () => undefined), "started");
  assert.match(tokenizer(), /porter/);
  store.close();
  const again = Store.open(path);
  assert.equal(again.textMode, "full");
  again.close();
});
