// BM25's length normalisation per kind of chunk (store/bm25-length.ts): code chunks are scored as if
// b were CODE_LENGTH_B, markdown and text keep FTS5's b = 0.75, and the ranking option
// bm25CodeLength switches it from the engine down.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../server/src/engine/engine";
import { averageLength, CODE_LENGTH_B, FTS5_B, FTS5_K1, lengthFactor, readVarints } from "../../server/src/store/bm25-length";
import { FTS_TABLE, NAME_WEIGHT } from "../../server/src/store/fts";
import { Store, type FileUpdate } from "../../server/src/store/store";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Words of two syllables: no digits or case changes, so identifier parts add no tokens.
const SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "ze"];
const filler = (n: number, seed: number) => Array.from({ length: n }, (_, i) => SYLLABLES[(i + seed) % 10] + SYLLABLES[(i * 3 + seed * 7) % 10]).join(" ");

/** One chunk per file: `text` of the given kind. */
function update(path: string, text: string, kind: string): FileUpdate {
  return { path, contentHash: path, size: text.length, chunks: [{ startLine: 1, endLine: 1, text, metadata: { kind }, vector: Float32Array.of(1, 0) }] };
}

test("readVarints reads SQLite's varints; averageLength reads the averages record", () => {
  assert.deepEqual(readVarints(Buffer.from([0x05, 0x10]), 2), [5, 16]);
  assert.deepEqual(readVarints(Buffer.from([0x81, 0x00, 0x07]), 2), [128, 7]);
  assert.deepEqual(readVarints(Buffer.from([0x86, 0xc3, 0x17]), 1), [6 * 128 * 128 + 0x43 * 128 + 0x17]);
  assert.deepEqual(readVarints(Buffer.from([0x05]), 3), [5], "a short record gives what it has");
  assert.deepEqual(readVarints(Buffer.from([0x05, 0x81]), 2), [5], "a varint the record cuts short is not read");
  // Nine bytes: the ninth is taken whole.
  assert.deepEqual(readVarints(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x81, 0x01]), 1), [2 ** 8 + 1]);
  assert.equal(averageLength(Buffer.from([0x04, 0x0a, 0x06]), 2), 4, "4 rows, 10 + 6 tokens");
  assert.equal(averageLength(Buffer.alloc(0), 2), undefined);
  assert.equal(averageLength(Buffer.from([0x00, 0x01, 0x01]), 2), undefined, "no rows");
});

test("lengthFactor: 1 at the average length or with FTS5's own b; above 1 for longer chunks, below for shorter", () => {
  for (const b of [0, 0.3, CODE_LENGTH_B, 1]) assert.ok(Math.abs(lengthFactor(120, 120, b) - 1) < 1e-12, `b ${b}`);
  for (const length of [5, 120, 900]) assert.equal(lengthFactor(length, 120, FTS5_B), 1);
  assert.ok(lengthFactor(480, 120, CODE_LENGTH_B) > 1.3);
  assert.ok(lengthFactor(30, 120, CODE_LENGTH_B) < 1);
  assert.equal(lengthFactor(30, 0, CODE_LENGTH_B), 1, "no average (an empty table): unchanged");
});

test("a re-weighted score is BM25 with the code b, exactly, for a term found once, as read from FTS5's own records", () => {
  const store = Store.open(":memory:");
  try {
    const m = store.model("m", 2).id;
    const updates = [10, 40, 160, 400].map((n, i) => update(`f${i}.ts`, `${filler(n, i)} zebra`, "code"));
    // Most chunks without the word, so that its IDF is positive (FTS5 floors a negative one at 1e-6).
    for (let i = 0; i < 20; i++) updates.push(update(`g${i}.ts`, filler(50, 9 + i), "code"));
    store.writeBatch(m, updates);
    // What FTS5 stores: each row's tokens (docsize) and the table's averages, read back by SQL.
    const lengths = new Map<number, number>();
    for (const r of store.db.prepare(`SELECT id, sz FROM ${FTS_TABLE}_docsize`).all() as { id: number; sz: Buffer }[]) {
      lengths.set(r.id, readVarints(r.sz, 2).reduce((a, x) => a + x, 0));
    }
    const rows = lengths.size;
    const average = averageLength(store.db.prepare(`SELECT block FROM ${FTS_TABLE}_data WHERE id = 1`).pluck().get() as Buffer, 2)!;
    assert.equal(average, [...lengths.values()].reduce((a, x) => a + x, 0) / rows, "the averages record agrees with the rows' sizes");
    const idf = Math.log((rows - 4 + 0.5) / (4 + 0.5));
    assert.ok(idf > 0);
    const fts = new Map(
      (store.db.prepare(`SELECT rowid AS id, -bm25(${FTS_TABLE}, 1.0, ${NAME_WEIGHT}) AS s FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH '"zebra"'`).all() as { id: number; s: number }[]).map((r) => [r.id, r.s]),
    );
    const bm25 = (length: number, b: number) => (idf * (FTS5_K1 + 1)) / (1 + FTS5_K1 * (1 - b + (b * length) / average));
    for (const [id, s] of fts) assert.ok(Math.abs(s - bm25(lengths.get(id)!, FTS5_B)) < 1e-9, "FTS5's bm25() is the formula with b = 0.75");
    const reweighed = store.keywordSearch(m, ['"zebra"'], 10, CODE_LENGTH_B);
    assert.equal(reweighed.length, 4);
    for (const r of reweighed) assert.ok(Math.abs(r.score - bm25(lengths.get(r.id)!, CODE_LENGTH_B)) < 1e-9, `chunk ${r.id}: ${r.score}`);
  } finally {
    store.close();
  }
});

test("a long code chunk that says the word more often moves above a short one; markdown keeps FTS5's order", () => {
  const store = Store.open(":memory:");
  try {
    // Lengths chosen so that the order flips: b = 0.75 puts one mention in 6 words above three in
    // 100; b = 0.4 the other way round (with an average of about 35 words).
    const short = `${filler(5, 1)} zebra`;
    const long = `${filler(32, 2)} zebra ${filler(32, 3)} zebra ${filler(32, 4)} zebra`;
    const others = Array.from({ length: 8 }, (_, i) => filler(30, 10 + i));
    // The kind is read from the path, as discovery gave it (languages.ts): the metadata says the same.
    const write = (kind: string, ext: string) => {
      const mm = store.model(`m-${kind}${ext}`, 2).id;
      store.writeBatch(mm, [update(`short${ext}`, short, kind), update(`long${ext}`, long, kind), ...others.map((t, i) => update(`o${i}${ext}`, t, kind))]);
      return mm;
    };
    const code = write("code", ".ts");
    const paths = (model: number, b: number) => store.keywordSearch(model, ['"zebra"'], 10, b).map((r) => store.chunks([r.id]).get(r.id)!.path);
    assert.deepEqual(paths(code, FTS5_B), ["short.ts", "long.ts"], "FTS5's b: the short chunk leads");
    assert.deepEqual(paths(code, CODE_LENGTH_B), ["long.ts", "short.ts"], "the code b: the long one, with three mentions, leads");
    const prose = write("markdown", ".md");
    assert.deepEqual(paths(prose, CODE_LENGTH_B), ["short.md", "long.md"], "markdown keeps b = 0.75");
    const text = write("text", ".txt");
    assert.deepEqual(paths(text, CODE_LENGTH_B), ["short.txt", "long.txt"], "plain text keeps b = 0.75");
    // A script without an extension (`bin/deploy`, found by its #! line) is code.
    const script = write("code", "");
    assert.deepEqual(paths(script, CODE_LENGTH_B), ["long", "short"], "a script is code");
    // Without a limit (a filter drops some afterwards) every match is re-weighted alike.
    assert.deepEqual(store.keywordSearch(code, ['"zebra"'], undefined, CODE_LENGTH_B).map((r) => store.chunks([r.id]).get(r.id)!.path), ["long.ts", "short.ts"]);
  } finally {
    store.close();
  }
});

for (const storeText of ["full", "none"] as const) {
  test(`the engine applies the code b unless ranking.bm25CodeLength is false (a store that keeps ${storeText === "full" ? "its text" : "no text"})`, async () => {
    const root = mkdtempSync(join(tmpdir(), "bm25-length-"));
    dirs.push(root);
    writeFileSync(join(root, "short.ts"), `export const tiny = "${filler(3, 1)} quokka";\n`);
    const body = (seed: number) => `  // ${filler(10, seed)}\n`.repeat(3);
    writeFileSync(join(root, "long.ts"), `export function handle() {\n${body(2)}  // quokka\n${body(3)}  // quokka\n${body(4)}  // quokka\n}\n`);
    for (let i = 0; i < 8; i++) writeFileSync(join(root, `other${i}.ts`), `export const v${i} = "${filler(30, 20 + i)}";\n`);
    // A store without text indexes keyed hashes of the words: its FTS table has the same lengths.
    const engine = await Engine.open({ root, model: { model: "bundled" }, storeText });
    try {
      await engine.indexFolder();
      const order = async (bm25CodeLength: boolean) =>
        (await engine.search({ query: "quokka", topK: 5, mode: "lexical", ranking: { bm25CodeLength, pathMatch: false, definitionBoost: false, symbolMatch: false } })).results.map((r) => r.path);
      assert.deepEqual(await order(false), ["short.ts", "long.ts"]);
      assert.deepEqual(await order(true), ["long.ts", "short.ts"]);
      // --explain says what the length did to each keyword score.
      const explained = await engine.search({ query: "quokka", topK: 5, mode: "lexical", explain: true });
      const factor = (path: string) => explained.results.find((r) => r.path === path)!.explain!.keywordLengthFactor!;
      assert.ok(factor("long.ts") > 1 && factor("short.ts") < 1, `long ${factor("long.ts")}, short ${factor("short.ts")}`);
      const off = await engine.search({ query: "quokka", topK: 5, mode: "lexical", explain: true, ranking: { bm25CodeLength: false } });
      assert.ok(off.results.every((r) => r.explain!.keywordLengthFactor === undefined));
    } finally {
      await engine.close();
    }
  });
}
