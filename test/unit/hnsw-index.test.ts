import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HnswIndex } from "../../server/src/index/hnsw-index";
import { cosine, topK } from "../../server/src/search/vector-math";

/** Deterministic pseudo-random unit vectors (a small LCG), so the test is repeatable. */
function vectors(n: number, dims: number, seed = 7): { id: number; vector: Float32Array }[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return Array.from({ length: n }, (_, i) => {
    const v = Float32Array.from({ length: dims }, rnd);
    const norm = Math.hypot(...v);
    return { id: i + 1, vector: v.map((x) => x / norm) };
  });
}

function exact(data: { id: number; vector: Float32Array }[], q: Float32Array, k: number) {
  return topK(data.map((d) => ({ id: d.id, score: cosine(q, d.vector) })), k);
}

function tempFile() {
  const dir = mkdtempSync(join(tmpdir(), "hnsw-"));
  return { file: join(dir, "index.m.hnsw"), done: () => rmSync(dir, { recursive: true, force: true }) };
}

test("incremental add and delete gives the same answers as a rebuild", () => {
  const data = vectors(600, 16);
  const t = tempFile();
  const { index: incremental } = HnswIndex.open(t.file, "m", 16, 0, () => []);
  incremental.add(data.slice(0, 400));
  incremental.remove(data.slice(100, 200).map((d) => d.id));
  incremental.add(data.slice(400)); // grows past the first capacity: resizeIndex
  const live = [...data.slice(0, 100), ...data.slice(200)];
  const { index: rebuilt } = HnswIndex.open(t.file + "2", "m", 16, 0, () => []);
  rebuilt.rebuild(live);
  assert.equal(incremental.size, live.length);
  for (const q of vectors(20, 16, 99)) {
    const a = incremental.search(q.vector, 5).map((r) => r.id);
    const b = rebuilt.search(q.vector, 5).map((r) => r.id);
    const truth = exact(live, q.vector, 5).map((r) => r.id);
    assert.deepEqual(a, truth);
    assert.deepEqual(b, truth);
    assert.ok(!a.some((id) => id > 100 && id <= 200), "a deleted vector came back");
  }
  t.done();
});

test("exact and HNSW search agree on the top result and report cosine similarity", () => {
  const data = vectors(300, 8);
  const t = tempFile();
  const { index } = HnswIndex.open(t.file, "m", 8, 0, () => []);
  index.rebuild(data);
  for (const q of vectors(30, 8, 5)) {
    const [h] = index.search(q.vector, 1);
    const [e] = exact(data, q.vector, 1);
    assert.equal(h.id, e.id);
    assert.ok(Math.abs(h.score - e.score) < 1e-5, `${h.score} vs ${e.score}`);
  }
  t.done();
});

test("a saved index reloads only when it matches the database generation", () => {
  const data = vectors(50, 4);
  const t = tempFile();
  const { index } = HnswIndex.open(t.file, "m", 4, 3, () => []);
  index.rebuild(data);
  index.save(3);
  const ids = () => data.map((d) => d.id);
  const loaded = HnswIndex.open(t.file, "m", 4, 3, ids);
  assert.equal(loaded.outcome, "loaded");
  assert.equal(loaded.index.size, 50);
  assert.equal(loaded.index.search(data[7].vector, 1)[0].id, data[7].id);
  assert.equal(HnswIndex.open(t.file, "m", 4, 4, ids).outcome, "stale");
  assert.equal(HnswIndex.open(t.file, "other-model", 4, 3, ids).outcome, "stale");
  assert.equal(HnswIndex.open(t.file + "-missing", "m", 4, 3, ids).outcome, "missing");
  t.done();
});

test("a corrupt or foreign index file is detected before hnswlib reads it", () => {
  const data = vectors(50, 4);
  const t = tempFile();
  const { index } = HnswIndex.open(t.file, "m", 4, 1, () => []);
  index.rebuild(data);
  index.save(1);
  const good = readFileSync(t.file);
  const ids = () => data.map((d) => d.id);
  assert.equal(HnswIndex.open(t.file, "m", 4, 1, ids).outcome, "loaded");
  // Bytes this user's semsearch did not write fail the sidecar's HMAC (store-hnsw-trust.test.ts crafts worse).
  writeFileSync(t.file, Buffer.concat([good.subarray(0, 64), Buffer.alloc(good.length - 64, 0xff)]));
  assert.equal(HnswIndex.open(t.file, "m", 4, 1, ids).outcome, "untrusted");
  writeFileSync(t.file, "PK\u0003\u0004 a zip file, not an index");
  assert.equal(HnswIndex.open(t.file, "m", 4, 1, ids).outcome, "untrusted");
  // A sidecar for other chunk ids than the database holds is stale.
  writeFileSync(t.file, good);
  assert.equal(HnswIndex.open(t.file, "m", 4, 1, () => ids().slice(1)).outcome, "stale");
  writeFileSync(t.file + ".json", "{not json");
  assert.equal(HnswIndex.open(t.file, "m", 4, 1, ids).outcome, "unreadable");
  t.done();
});
