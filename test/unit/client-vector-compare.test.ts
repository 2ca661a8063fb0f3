import { test } from "node:test";
import assert from "node:assert/strict";
import { compareVectors, cosineSimilarity, vectorStats } from "../../client/src/vector-compare";

test("stats of a vector: min, max, mean, norm", () => {
  const s = vectorStats([3, -4, 0, 1]);
  assert.equal(s.min, -4);
  assert.equal(s.max, 3);
  assert.equal(s.mean, 0);
  assert.ok(Math.abs(s.norm - Math.sqrt(26)) < 1e-12);
  assert.deepEqual(vectorStats([]), { min: 0, max: 0, mean: 0, norm: 0 });
});

test("cosine similarity: same direction 1, opposite -1, orthogonal 0, zero vector 0", () => {
  assert.ok(Math.abs(cosineSimilarity([1, 2, 3], [2, 4, 6]) - 1) < 1e-12);
  assert.ok(Math.abs(cosineSimilarity([1, 2], [-1, -2]) + 1) < 1e-12);
  assert.equal(cosineSimilarity([1, 0], [0, 5]), 0);
  assert.equal(cosineSimilarity([0, 0], [1, 1]), 0);
  assert.throws(() => cosineSimilarity([1, 2], [1, 2, 3]), /2 and 3 dimensions/);
});

test("a comparison gives per-dimension differences and the dimensions that differ most", () => {
  const c = compareVectors([0.5, 0.1, -0.2, 0], [0.1, 0.1, 0.3, 0], 2);
  assert.deepEqual(
    c.diffs.map((d) => Math.round(d * 1000) / 1000),
    [0.4, 0, -0.5, 0],
  );
  assert.deepEqual(
    c.top.map((t) => t.dim),
    [2, 0],
  );
  assert.equal(Math.round(c.maxAbsDiff * 1000) / 1000, 0.5);
  assert.equal(Math.round(c.meanAbsDiff * 1000) / 1000, 0.225);
  assert.ok(Math.abs(c.distance - Math.sqrt(0.16 + 0.25)) < 1e-12);
  assert.ok(c.cosine > -1 && c.cosine < 1);
});
