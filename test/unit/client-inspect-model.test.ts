import assert from "node:assert/strict";
import { test } from "node:test";
import type { WeightsSummaryResult } from "../../shared/src/protocol";
import { histogram, samplePages, sortRows, tableRows, tensorCsvFileName, weightsSummaryJson } from "../../client/src/inspect-model";

const weights: WeightsSummaryResult = {
  model: "bundled",
  format: "onnx",
  directory: "/m",
  weightsFile: "model.onnx",
  files: [{ path: "model.onnx", bytes: 10 }],
  total_weights: 14,
  tensors: [
    { layer_name: "b.weight", shape: [2, 3], total_weights: 6, minimum: -1, maximum: 2, mean: 0.5, std_deviation: 0.9, first_10_values: [1, 2], dtype: "float32" },
    { layer_name: "a.bias", shape: [4], total_weights: 4, minimum: -3, maximum: 1, mean: -0.1, std_deviation: 1.2, first_10_values: [0], dtype: "float32" },
    { layer_name: "c.weight", shape: [1, 4], total_weights: 4, minimum: 0, maximum: 5, mean: 2, std_deviation: 0.3, first_10_values: [5], dtype: "int8 (dequantized)" },
  ],
  notes: [],
};

test("histogram: equal-width bins from min to max, the max in the last bin, non-finite values skipped", () => {
  const h = histogram([0, 1, 2, 3, 4, NaN, Infinity], 4);
  assert.equal(h.min, 0);
  assert.equal(h.max, 4);
  assert.equal(h.width, 1);
  assert.deepEqual(h.edges, [0, 1, 2, 3]);
  assert.deepEqual(h.counts, [1, 1, 1, 2]);
  assert.equal(h.total, 5);
  assert.equal(h.counts.reduce((a, b) => a + b, 0), h.total);
});

test("histogram: constant and empty inputs", () => {
  const c = histogram([2, 2, 2], 5);
  assert.equal(c.counts.reduce((a, b) => a + b, 0), 3);
  assert.deepEqual(c.counts, [3]);
  assert.deepEqual(c.edges, [2]);
  const e = histogram([], 5);
  assert.equal(e.total, 0);
  assert.deepEqual(e.counts, []);
});

test("samplePages: the whole tensor when small, evenly spread pages within the budget when large", () => {
  assert.deepEqual(samplePages(0), []);
  assert.deepEqual(samplePages(250, 1000, 100), [
    { offset: 0, limit: 100 },
    { offset: 100, limit: 100 },
    { offset: 200, limit: 50 },
  ]);
  const pages = samplePages(3_906_816, 200_000, 100_000);
  const read = pages.reduce((a, p) => a + p.limit, 0);
  assert.ok(read <= 200_000);
  assert.equal(pages[0].offset, 0);
  const last = pages[pages.length - 1];
  assert.equal(last.offset + last.limit, 3_906_816);
  for (const p of pages) assert.ok(p.limit <= 100_000 && p.offset >= 0);
});

test("sortRows: by name, numerically, by shape, descending, stable", () => {
  const rows = tableRows(weights);
  assert.deepEqual(sortRows(rows, "layer_name").map((r) => r.layer_name), ["a.bias", "b.weight", "c.weight"]);
  assert.deepEqual(sortRows(rows, "mean").map((r) => r.layer_name), ["a.bias", "b.weight", "c.weight"]);
  assert.deepEqual(sortRows(rows, "std_deviation", true).map((r) => r.layer_name), ["a.bias", "b.weight", "c.weight"]);
  // total_weights ties (4 and 4) keep file order.
  assert.deepEqual(sortRows(rows, "total_weights").map((r) => r.layer_name), ["a.bias", "c.weight", "b.weight"]);
  // Shape: by size, then dimensions ([1, 4] before [4]).
  assert.deepEqual(sortRows(rows, "shape").map((r) => r.layer_name), ["c.weight", "a.bias", "b.weight"]);
  assert.deepEqual(rows.map((r) => r.index), [0, 1, 2], "the input is not reordered");
});

test("weightsSummaryJson: the seed's field names, in file order, without extra fields", () => {
  const parsed = JSON.parse(weightsSummaryJson(weights));
  assert.equal(parsed.length, 3);
  assert.deepEqual(Object.keys(parsed[0]), ["layer_name", "shape", "total_weights", "minimum", "maximum", "mean", "std_deviation", "first_10_values"]);
  assert.equal(parsed[1].layer_name, "a.bias");
  assert.deepEqual(parsed[0].first_10_values, [1, 2]);
});

test("tensorCsvFileName: safe file names", () => {
  assert.equal(tensorCsvFileName("encoder.layer.0/attention:0"), "encoder.layer.0_attention_0.csv");
  assert.equal(tensorCsvFileName("///"), "tensor.csv");
});
