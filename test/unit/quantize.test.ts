import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dequantize, quantize } from "../../server/src/store/quantize";
import { Store } from "../../server/src/store/store";
import { blobStorage, vectorFromBlob, vectorToBlob } from "../../server/src/store/vectors";
import { cosine, topK } from "../../server/src/search/vector-math";
// The benchmarks' seeded generator (mulberry32): the thresholds below are checked on the same data every run.
import { rng } from "../../bench/lib/synthetic";


/** Unit vectors around a few centres, like real embeddings (and bench/lib/synthetic.ts). */
function clustered(n: number, dims: number, seed: number, centres = 20): Float32Array[] {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const cs = Array.from({ length: centres }, () => Float32Array.from({ length: dims }, gauss));
  return Array.from({ length: n }, () => {
    const c = cs[Math.floor(r() * centres)];
    const v = Float32Array.from({ length: dims }, (_, i) => c[i] + 0.8 * gauss());
    let sq = 0;
    for (const x of v) sq += x * x;
    return v.map((x) => x / Math.sqrt(sq));
  });
}

test("int8 round trip: every component within half a quantization step", () => {
  for (const v of clustered(50, 384, 1)) {
    const q = quantize(v);
    const back = dequantize(q);
    let max = -Infinity;
    let min = Infinity;
    for (const x of v) (max = Math.max(max, x)), (min = Math.min(min, x));
    assert.ok(Math.abs(q.step - (max - min) / 255) < 1e-6);
    for (let i = 0; i < v.length; i++) assert.ok(Math.abs(back[i] - v[i]) <= q.step / 2 + 1e-6, `component ${i}`);
    // What search sees: the direction barely moves.
    assert.ok(cosine(v, back) > 0.9995, `cosine ${cosine(v, back)}`);
  }
});

test("int8 handles constant, empty and extreme vectors", () => {
  assert.deepEqual(Array.from(vectorFromBlob(vectorToBlob(Float32Array.from([0.5, 0.5, 0.5]), "int8"))), [0.5, 0.5, 0.5]);
  assert.equal(vectorFromBlob(vectorToBlob(new Float32Array(0), "int8")).length, 0);
  const extreme = Float32Array.from([-1, 1, 0, 0.25]);
  const back = vectorFromBlob(vectorToBlob(extreme, "int8"));
  // The ends come back to within float32 rounding of the step.
  assert.ok(Math.abs(back[0] + 1) < 1e-6 && Math.abs(back[1] - 1) < 1e-6);
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(back[i] - extreme[i]) <= 2 / 255 / 2 + 1e-6);
});

test("blobs describe themselves: int8 is ~3.8x smaller, float32 stays the seed's raw bytes", () => {
  const v = clustered(1, 384, 2)[0];
  const f = vectorToBlob(v);
  const q = vectorToBlob(v, "int8");
  assert.equal(f.byteLength, 384 * 4);
  assert.equal(q.byteLength, 384 + 16);
  assert.equal(blobStorage(f), "float32");
  assert.equal(blobStorage(q), "int8");
  assert.deepEqual(Array.from(vectorFromBlob(f)), Array.from(v));
  // A blob as older versions wrote it (raw Float32 bytes, from an unaligned pool offset) still reads.
  const old = Buffer.concat([Buffer.from([9]), Buffer.from(new Float32Array([0.1, -0.2, 0.3]).buffer)]).subarray(1);
  assert.deepEqual(Array.from(vectorFromBlob(old)), Array.from(Float32Array.from([0.1, -0.2, 0.3])));
});

test("a store mixing float32 rows and int8 rows reads both", () => {
  const dir = mkdtempSync(join(tmpdir(), "quant-"));
  try {
    const store = Store.open(join(dir, "index.db"));
    const m = store.model("m", 4).id;
    const a = Float32Array.from([0.1, 0.2, 0.3, 0.4]);
    const b = Float32Array.from([-0.5, 0.5, 0.25, 0]);
    store.writeBatch(m, [{ path: "a.md", contentHash: "a", size: 1, chunks: [{ startLine: 1, endLine: 1, text: "a", metadata: {}, vector: a }] }]);
    store.writeBatch(m, [{ path: "b.md", contentHash: "b", size: 1, chunks: [{ startLine: 1, endLine: 1, text: "b", metadata: {}, vector: b }] }], [], "int8");
    const blobs = store.db.prepare("SELECT vector FROM chunks ORDER BY id").pluck().all() as Buffer[];
    assert.deepEqual(blobs.map(blobStorage), ["float32", "int8"]);
    const [ra, rb] = [...store.vectors(m)].map((r) => r.vector);
    assert.deepEqual(Array.from(ra), Array.from(a));
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(rb[i] - b[i]) <= 1 / 255 / 2 + 1e-6);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("exact search over int8 vectors keeps recall@10 >= 0.9 against float32 (clustered 384-d)", (t) => {
  const data = clustered(3000, 384, 3);
  const queries = clustered(40, 384, 4).map((_, i) => data[i * 7]).concat(clustered(40, 384, 5));
  const decoded = data.map((v) => vectorFromBlob(vectorToBlob(v, "int8")));
  let hits = 0;
  for (const q of queries) {
    const truth = new Set(topK(data.map((v, id) => ({ id, score: cosine(q, v) })), 10).map((x) => x.id));
    const got = topK(decoded.map((v, id) => ({ id, score: cosine(q, v) })), 10);
    hits += got.filter((x) => truth.has(x.id)).length;
  }
  const recall = hits / (queries.length * 10);
  assert.ok(recall >= 0.9, `recall@10 ${recall}`);
  t.diagnostic(`recall@10 int8 vs float32: ${recall}`);
});
