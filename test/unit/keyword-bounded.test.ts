// The keyword search's shortcuts (store/fts.ts KeywordIndex, boundedMatches): its top results are
// exactly those of scoring every match of the OR query, and the document frequencies it remembers
// are forgotten whenever the database changes, by this connection or another.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { quoteTerm } from "../../server/src/search/lexical";
import { FTS_TABLE, ftsRowCount, KeywordIndex, NAME_WEIGHT, termScoreBound } from "../../server/src/store/fts";
import { rng } from "../../bench/lib/synthetic";
import { Store, type FileUpdate } from "../../server/src/store/store";

function tempDb(): { path: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), "keyword-bounded-"));
  return { path: join(dir, "index.db"), done: () => rmSync(dir, { recursive: true, force: true }) };
}

// Words that stay themselves under porter stemming. COMMON ones are in a good share of the chunks,
// some in more than half (KeywordIndex.informative drops those); RARE ones in a few.
const COMMON = ["alpha", "bravo", "delta", "kilo", "lima", "mike", "oscar", "papa", "romeo", "sierra"];
const RARE = Array.from({ length: 120 }, (_, i) => `zq${i}x`);
const FILLER = Array.from({ length: 300 }, (_, i) => `fill${i}w`);

/** `files` files of 30 chunks: filler text with common words at their rates and a rare word now and then; some chunks repeated. */
function fixtureUpdates(files: number, seed: number): FileUpdate[] {
  const r = rng(seed);
  const rates = COMMON.map((_, i) => 0.7 / (i + 1));
  const texts: string[] = [];
  const updates: FileUpdate[] = [];
  for (let f = 0; f < files; f++) {
    const chunks = [];
    for (let c = 0; c < 30; c++) {
      // Every tenth chunk copies an earlier one: equal scores, as copied text gives.
      let text: string;
      if (texts.length > 10 && r() < 0.1) text = texts[Math.floor(r() * texts.length)];
      else {
        const words: string[] = [];
        const length = 10 + Math.floor(r() * 60);
        for (let w = 0; w < length; w++) words.push(FILLER[Math.floor(r() * FILLER.length)]);
        COMMON.forEach((word, i) => {
          const times = r() < rates[i] ? 1 + Math.floor(r() * 3) : 0;
          for (let k = 0; k < times; k++) words.splice(Math.floor(r() * words.length), 0, word);
        });
        if (r() < 0.3) words.splice(Math.floor(r() * words.length), 0, RARE[Math.floor(r() * r() * RARE.length)]);
        text = words.join(" ");
        texts.push(text);
      }
      chunks.push({ startLine: c * 3 + 1, endLine: c * 3 + 2, text, metadata: c % 7 === 0 ? { symbol: COMMON[c % COMMON.length] } : {}, vector: Float32Array.of(1, 0) });
    }
    updates.push({ path: `dir${f % 5}/file${f}.md`, contentHash: `h${f}`, size: 1, chunks });
  }
  return updates;
}

/** What the keyword search stands for: BM25 over the OR of the informative terms, every match scored. */
function exhaustive(store: Store, model: number, quoted: string[], limit: number): { id: number; score: number }[] {
  const rank = `bm25(${FTS_TABLE}, 1.0, ${NAME_WEIGHT})`;
  const match = new KeywordIndex(store.db).informative(quoted).map((t) => t.term).join(" OR ");
  return store.db
    .prepare(
      `SELECT f.rowid AS id, -${rank} AS score FROM ${FTS_TABLE} f JOIN chunks c ON c.id = f.rowid
       WHERE ${FTS_TABLE} MATCH ? AND c.model = ? ORDER BY ${rank}, f.rowid LIMIT ?`,
    )
    .all(match, model, limit) as { id: number; score: number }[];
}

function assertSameTop(actual: { id: number; score: number }[], expected: { id: number; score: number }[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: how many`);
  actual.forEach((a, i) => {
    assert.equal(a.id, expected[i].id, `${what}: the chunk at ${i + 1}`);
    // Each statement adds the terms' BM25 shares in its own order: the last bits may differ.
    assert.ok(Math.abs(a.score - expected[i].score) <= 1e-9 * Math.abs(expected[i].score), `${what}: the score at ${i + 1}: ${a.score} vs ${expected[i].score}`);
  });
}

test("the bounded keyword search gives the exhaustive search's top 20 and top 50, where common and rare words mix", () => {
  const t = tempDb();
  const store = Store.open(t.path);
  try {
    const m = store.model("m", 2).id;
    store.writeBatch(m, fixtureUpdates(100, 7));
    const chunks = store.counts(m).chunks;
    assert.equal(chunks, 3000);
    const df = (word: string) => store.db.prepare(`SELECT count(*) FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`).pluck().get(quoteTerm(word)) as number;
    // The fixture is what the test is about: a word in most chunks, words in a fifth, and rare ones.
    assert.ok(df("alpha") > chunks / 2, `alpha in ${df("alpha")}`);
    assert.ok(df("delta") > chunks / 10 && df("delta") < chunks / 2, `delta in ${df("delta")}`);
    assert.ok(df("zq3x") > 0 && df("zq3x") < 60, `zq3x in ${df("zq3x")}`);

    const r = rng(11);
    const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)];
    const queries: string[][] = [
      ["alpha", "zq0x"],
      ["bravo", "delta", "kilo"],
      ["delta", "zq1x", "zq2x", "lima"],
      ["romeo", "sierra"],
      ["zq5x"],
      ["alpha", "bravo"],
      ["nosuchword", "oscar", "zq4x"],
      // One term twice (a store without text hashes "header" and "headers" alike): counted twice, as FTS5 does.
      ["delta", "zq1x", "delta"],
    ];
    for (let q = 0; q < 40; q++) {
      const words = new Set<string>();
      const n = 2 + Math.floor(r() * 5);
      for (let i = 0; i < n; i++) words.add(r() < 0.6 ? pick(COMMON) : pick(RARE.slice(0, 30)));
      queries.push([...words]);
    }
    for (const words of queries) {
      const quoted = words.map(quoteTerm);
      for (const limit of [20, 50]) {
        assertSameTop(store.keywordSearch(m, quoted, limit), exhaustive(store, m, quoted, limit), `"${words.join(" ")}", top ${limit}`);
      }
    }
    // Without a limit (a filter will drop some), every match, in the same order.
    const all = store.keywordSearch(m, ['"delta"', '"zq1x"']);
    assertSameTop(all, exhaustive(store, m, ['"delta"', '"zq1x"'], -1), "every match");
    assert.equal(all.length, df("delta") + df("zq1x") - (store.db.prepare(`SELECT count(*) FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH '"delta" AND "zq1x"'`).pluck().get() as number));
  } finally {
    store.close();
    t.done();
  }
});

test("no chunk's share of a term's BM25 exceeds the bound the bounded search relies on", () => {
  const store = Store.open(":memory:");
  try {
    const m = store.model("m", 2).id;
    store.writeBatch(m, fixtureUpdates(20, 3));
    const rows = ftsRowCount(store.db.prepare(`SELECT block FROM ${FTS_TABLE}_data WHERE id = 1`).pluck().get() as Buffer);
    assert.equal(rows, store.counts(m).chunks, "the row count bm25() uses, read from the FTS table's averages record");
    for (const word of [...COMMON, ...RARE.slice(0, 10)]) {
      const q = quoteTerm(word);
      const n = store.db.prepare(`SELECT count(*) FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`).pluck().get(q) as number;
      if (!n) continue;
      const best = store.db.prepare(`SELECT -bm25(${FTS_TABLE}, 1.0, ${NAME_WEIGHT}) AS s FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ? ORDER BY s DESC LIMIT 1`).pluck().get(q) as number;
      assert.ok(best > 0 && best <= termScoreBound(n, rows!), `${word}: best ${best}, bound ${termScoreBound(n, rows!)}`);
    }
  } finally {
    store.close();
  }
});

test("the FTS row count is read from SQLite's varints", () => {
  assert.equal(ftsRowCount(Buffer.from([0x05, 0x10])), 5);
  assert.equal(ftsRowCount(Buffer.from([0x81, 0x00])), 128);
  assert.equal(ftsRowCount(Buffer.from([0x86, 0xc3, 0x17])), 6 * 128 * 128 + 0x43 * 128 + 0x17);
  assert.equal(ftsRowCount(Buffer.alloc(0)), undefined);
  assert.equal(ftsRowCount(Buffer.from([0x81])), undefined, "a row count cut short");
  assert.equal(ftsRowCount(undefined), undefined);
});

test("remembered document frequencies are forgotten when this connection or another writes", () => {
  const t = tempDb();
  const store = Store.open(t.path);
  const other = Store.open(t.path);
  try {
    const m = store.model("m", 2).id;
    const chunk = (text: string) => ({ startLine: 1, endLine: 1, text, metadata: {}, vector: Float32Array.of(1, 0) });
    store.writeBatch(m, [{ path: "a.md", contentHash: "a", size: 1, chunks: [chunk("heron by the river"), chunk("kingfisher by the river"), chunk("a quiet pond")] }]);
    const index = new KeywordIndex(store.db);
    assert.equal(index.frequency('"river"'), 2);
    assert.equal(index.frequency('"river"'), 2);
    assert.equal(index.lookups, 1, "asked again, the count is remembered");

    // This connection writes: the count is looked up again, and is the new one.
    store.writeBatch(m, [{ path: "b.md", contentHash: "b", size: 1, chunks: [chunk("river delta"), chunk("river mouth")] }]);
    assert.equal(index.frequency('"river"'), 4);
    assert.equal(index.lookups, 2);

    // Another connection (another process, as the language server beside a CLI search) writes.
    other.writeBatch(m, [{ path: "a.md", contentHash: "a2", size: 1, chunks: [chunk("a quiet pond")] }]);
    assert.equal(index.frequency('"river"'), 2);
    assert.equal(index.lookups, 3);

    // The search itself sees the change: the chunks that were rewritten are gone from the results.
    const found = store.keywordSearch(m, ['"river"'], 10).map((h) => store.chunks([h.id]).get(h.id)!.text);
    assert.deepEqual(found.sort(), ["river delta", "river mouth"]);
  } finally {
    other.close();
    store.close();
    t.done();
  }
});

test("in a store with two models, each model's keyword search finds its own chunks only, in the exhaustive order", () => {
  const store = Store.open(":memory:");
  try {
    const a = store.model("a", 2).id;
    const b = store.model("b", 2).id;
    store.writeBatch(a, fixtureUpdates(10, 5));
    store.writeBatch(b, fixtureUpdates(10, 6));
    const aIds = new Set(store.ids(a));
    for (const words of [["delta", "zq1x"], ["bravo", "kilo", "zq0x"]]) {
      const quoted = words.map(quoteTerm);
      const hits = store.keywordSearch(a, quoted, 20);
      assert.ok(hits.length > 0 && hits.every((h) => aIds.has(h.id)), "model a's chunks only");
      assertSameTop(hits, exhaustive(store, a, quoted, 20), words.join(" "));
    }
  } finally {
    store.close();
  }
});
