// The HNSW work that used to hold the thread: a rebuild now goes a slice at a time and a save runs in
// hnswlib's own thread, so a thread that also answers searches keeps answering.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HnswIndex } from "../../server/src/index/hnsw-index";
import { EmbeddingService } from "../../server/src/embedding/embedding-service";

function vectors(n: number, dims: number, seed = 11): Map<number, Float32Array> {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const out = new Map<number, Float32Array>();
  for (let i = 1; i <= n; i++) {
    const v = Float32Array.from({ length: dims }, rnd);
    const norm = Math.hypot(...v);
    out.set(i, v.map((x) => x / norm));
  }
  return out;
}

function temp() {
  const dir = mkdtempSync(join(tmpdir(), "hnsw-bg-"));
  return { file: join(dir, "index.m.hnsw"), done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A stand-in for SQLite: reads the vectors of ids that still exist. */
const reader = (rows: Map<number, Float32Array>) => (ids: number[]) => ids.flatMap((id) => (rows.has(id) ? [{ id, vector: rows.get(id)! }] : []));

test("a gradual rebuild yields between slices; searches meanwhile see what is added so far", async () => {
  const t = temp();
  try {
    const rows = vectors(5000, 8);
    const { index } = HnswIndex.open(t.file, "m", 8, 0, () => []);
    const seen: { done: number; size: number; found: number }[] = [];
    const probe = rows.get(1)!;
    // Runs between slices only if the rebuild really lets go of the thread.
    const watch = setInterval(() => {
      if (index.rebuilding) seen.push({ done: index.rebuilding.done, size: index.size, found: index.search(probe, 5).length });
    }, 0);
    const finished = await index.rebuildGradually([...rows.keys()], reader(rows));
    clearInterval(watch);
    assert.equal(finished, true);
    assert.ok(seen.length >= 3, `the thread was free ${seen.length} times during the rebuild`);
    assert.ok(seen.some((s) => s.done > 0 && s.done < 5000), JSON.stringify(seen.slice(0, 5)));
    for (const s of seen) assert.equal(s.size, s.done, "searches see exactly the vectors added so far");
    assert.equal(index.rebuilding, undefined);
    assert.equal(index.size, 5000);
    assert.equal(index.search(probe, 1)[0].id, 1);
  } finally {
    t.done();
  }
});

test("changes made during a rebuild are kept, and rows deleted meanwhile are not resurrected", async () => {
  const t = temp();
  try {
    const rows = vectors(600, 8);
    const extra = vectors(1, 8, 99).get(1)!;
    const { index } = HnswIndex.open(t.file, "m", 8, 0, () => []);
    const edits = setImmediate(() => {
      // A file re-indexed while the graph is rebuilt: its old rows go, a new one comes.
      rows.delete(500);
      index.remove([500]);
      rows.set(9999, extra);
      index.add([{ id: 9999, vector: extra }]);
    });
    await index.rebuildGradually([...rows.keys()], reader(rows));
    clearImmediate(edits);
    assert.equal(index.has(500), false);
    assert.equal(index.has(9999), true);
    assert.equal(index.size, 600);
    assert.equal(index.search(extra, 1)[0].id, 9999);
  } finally {
    t.done();
  }
});

test("a rebuild stops when asked (the engine closed), without finishing", async () => {
  const t = temp();
  try {
    const rows = vectors(5000, 8);
    const { index } = HnswIndex.open(t.file, "m", 8, 0, () => []);
    let slices = 0;
    const finished = await index.rebuildGradually([...rows.keys()], reader(rows), () => ++slices > 1);
    assert.equal(finished, false);
    assert.ok(index.size > 0 && index.size < 5000, String(index.size));
  } finally {
    t.done();
  }
});

test("saveAsync writes in hnswlib's thread; changes made meanwhile wait, then apply; the file loads", async () => {
  const t = temp();
  try {
    const rows = vectors(2000, 16);
    const { index } = HnswIndex.open(t.file, "m", 16, 0, () => []);
    index.rebuild([...rows].map(([id, vector]) => ({ id, vector })));
    const saving = index.saveAsync(5);
    // While the write runs: a removal is hidden from searches at once, an addition waits for the write.
    index.remove([1]);
    const extra = vectors(1, 16, 77).get(1)!;
    index.add([{ id: 5000, vector: extra }]);
    assert.ok(!index.search(rows.get(1)!, 3).some((h) => h.id === 1), "a removed id is not returned while the save runs");
    await saving;
    assert.equal(index.search(extra, 1)[0].id, 5000, "the addition is applied after the write");
    assert.ok(!index.search(rows.get(1)!, 3).some((h) => h.id === 1));
    assert.equal(index.dirty, true, "the changes made during the save still need saving");
    const loaded = HnswIndex.open(t.file, "m", 16, 5, () => rows.keys());
    assert.equal(loaded.outcome, "loaded");
    assert.equal(loaded.index.search(rows.get(1)!, 1)[0].id, 1, "the file holds the graph as it was when the save began");
  } finally {
    t.done();
  }
});

test("the embedding worker unloads a model once no engine holds it", async () => {
  const a = new EmbeddingService();
  const b = new EmbeddingService();
  await a.load({ model: "bundled" });
  await b.load({ model: "bundled" });
  assert.equal(await a.dispose(), false, "still held by the other engine");
  assert.equal(await b.dispose(), true, "the last holder lets it go");
  const c = new EmbeddingService();
  await c.load({ model: "bundled" });
  assert.equal((await c.embed(["a sentence"], "query"))[0].length, 512, "loads again when asked");
  assert.equal(await c.dispose(), true);
});
