// The weights summary and one tensor's CSV, against statistics computed independently in numpy
// by scripts/make-tiny-model.py (expected.json), and against the bundled model's own manifest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Writable } from "node:stream";
import { formatValue, tensorCsvChunks, writeTensorCsv, writeTensorCsvFile } from "../../server/src/inspect/csv";
import { locateModel } from "../../server/src/inspect/model-files";
import { seedWeightsSummary, type WeightTensor } from "../../server/src/inspect/tensor-stats";
import { findTensor, loadWeights, weightsSummary } from "../../server/src/inspect/weights";

const FIXTURE = path.resolve(__dirname, "../fixtures/tiny-model");
const MODEL_DIR = path.join(FIXTURE, "semsearch", "tiny-bert");
const SPEC = { model: "semsearch/tiny-bert", localModelPath: FIXTURE };

interface ExpectedWeight {
  name: string;
  shape: number[];
  total: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  first_10_values: number[];
}
const expected = JSON.parse(readFileSync(path.join(FIXTURE, "expected.json"), "utf8")) as {
  weights: { fp32: ExpectedWeight[]; q8: ExpectedWeight[]; total: number };
};

function close(actual: number, wanted: number, tol: number, what: string) {
  assert.ok(Math.abs(actual - wanted) <= tol, `${what}: got ${actual}, expected ${wanted}`);
}

function checkAgainst(summary: Awaited<ReturnType<typeof weightsSummary>>, refs: ExpectedWeight[], tol: number) {
  assert.deepEqual(summary.tensors.map((t) => t.layer_name).sort(), refs.map((r) => r.name).sort(), "the same tensors, no more, no fewer");
  for (const ref of refs) {
    const t = summary.tensors.find((x) => x.layer_name === ref.name)!;
    assert.deepEqual(t.shape, ref.shape, `${ref.name} shape`);
    assert.equal(t.total_weights, ref.total, `${ref.name} total`);
    close(t.minimum, ref.min, tol, `${ref.name} min`);
    close(t.maximum, ref.max, tol, `${ref.name} max`);
    close(t.mean, ref.mean, 1e-9 + tol, `${ref.name} mean`);
    close(t.std_deviation, ref.std, 1e-9 + tol, `${ref.name} std`);
    assert.equal(t.first_10_values.length, Math.min(10, ref.total));
    t.first_10_values.forEach((v, i) => close(v, ref.first_10_values[i], tol, `${ref.name} first_10_values[${i}]`));
  }
}

test("weights summary of the fp32 tiny model matches numpy: every tensor's shape, count, min, max, mean, std, first values", async () => {
  const summary = await weightsSummary(locateModel(SPEC));
  assert.equal(summary.format, "onnx");
  assert.equal(summary.weightsFile, "onnx/model.onnx", "the fp32 file is preferred for weights");
  assert.equal(summary.directory, MODEL_DIR);
  assert.ok(summary.notes.some((n) => n.includes("onnx/model.onnx")), "says which file was read");
  // float32 values come back exactly; mean and std are float64 sums as in numpy.
  checkAgainst(summary, expected.weights.fp32, 0);
  assert.equal(summary.total_weights, expected.weights.total);
  assert.ok(summary.tensors.every((t) => t.dtype === "float32"));
  assert.deepEqual(
    summary.files.map((f) => f.path).sort(),
    ["config.json", "onnx/model.onnx", "onnx/model_quantized.onnx", "tokenizer.json", "tokenizer_config.json"],
  );
  assert.ok(summary.files.every((f) => f.bytes > 0));
});

test("without the fp32 file, the int8 weights of the q8 file are dequantized under their own names", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "q8-only-"));
  try {
    const dir = path.join(root, "only", "q8");
    mkdirSync(path.join(dir, "onnx"), { recursive: true });
    for (const f of ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model_quantized.onnx"]) copyFileSync(path.join(MODEL_DIR, f), path.join(dir, f));
    const summary = await weightsSummary(locateModel({ model: dir }));
    assert.equal(summary.weightsFile, "onnx/model_quantized.onnx");
    // The scales and zero points are folded into their weights, not listed as tensors.
    assert.ok(!summary.tensors.some((t) => /_scale$|_zero_point$|_quantized$/.test(t.layer_name)));
    checkAgainst(summary, expected.weights.q8, 1e-7);
    assert.equal(summary.total_weights, expected.weights.total);
    const word = summary.tensors.find((t) => t.layer_name === "embeddings.word_embeddings.weight")!;
    assert.equal(word.dtype, "int8 (dequantized)");
    assert.equal(summary.tensors.find((t) => t.layer_name === "embeddings.LayerNorm.bias")!.dtype, "float32");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("weights_summary.json has exactly the seed's field names", async () => {
  const seed = seedWeightsSummary((await weightsSummary(locateModel(SPEC))).tensors);
  for (const entry of seed) {
    assert.deepEqual(Object.keys(entry), ["layer_name", "shape", "total_weights", "minimum", "maximum", "mean", "std_deviation", "first_10_values"]);
  }
  assert.equal(seed[0].layer_name, "embeddings.word_embeddings.weight");
});

test("one tensor's CSV holds every value: header, index column, float32-exact values, numpy's statistics", async () => {
  const weights = await loadWeights(locateModel(SPEC));
  const ref = expected.weights.fp32.find((w) => w.name === "encoder.layer.0.intermediate.dense.weight")!;
  const tensor = findTensor(weights, ref.name);
  const dir = mkdtempSync(path.join(tmpdir(), "csv-"));
  try {
    const file = path.join(dir, "one_layer_full.csv");
    const { rows, bytes } = await writeTensorCsvFile(tensor, file);
    const text = readFileSync(file, "utf8");
    assert.equal(bytes, Buffer.byteLength(text));
    const lines = text.trimEnd().split("\n");
    assert.equal(lines[0], "index,weight_value");
    assert.equal(rows, ref.total);
    assert.equal(lines.length, ref.total + 1);
    const values = lines.slice(1).map((line, i) => {
      const [index, value] = line.split(",");
      assert.equal(Number(index), i);
      return Number(value);
    });
    values.forEach((v, i) => assert.equal(Math.fround(v), tensor.at(i), `row ${i} round-trips to the stored float32`));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    close(mean, ref.mean, 1e-7, "mean of the CSV");
    close(std, ref.std, 1e-7, "std of the CSV");
    close(Math.min(...values), ref.min, 1e-7, "min of the CSV");
    close(Math.max(...values), ref.max, 1e-7, "max of the CSV");
    // The shortest decimal is within half a float32 step of the stored value.
    values.slice(0, 10).forEach((v, i) => close(v, ref.first_10_values[i], 1e-7, `CSV row ${i}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an unknown tensor name is an error that suggests near names", async () => {
  const weights = await loadWeights(locateModel(SPEC));
  assert.throws(() => findTensor(weights, "query.weight"), /did you mean "encoder\.layer\.0\.attention\.self\.query\.weight"/);
  assert.throws(() => findTensor(weights, "nothing-like-it"), /semsearch inspect weights/);
});

test("the CSV of a large tensor is produced in bounded chunks and waits for a slow writer", async () => {
  const size = 1_000_003;
  const big: WeightTensor = { name: "big", shape: [size], size, dtype: "float32", at: (i) => Math.fround(i / 7) };
  let largest = 0;
  let chunks = 0;
  for (const chunk of tensorCsvChunks(big, 10_000)) {
    chunks++;
    largest = Math.max(largest, chunk.length);
  }
  assert.equal(chunks, 1 + Math.ceil(size / 10_000));
  assert.ok(largest < 10_000 * 30, `no chunk holds more than its rows (largest ${largest} chars)`);

  // A writer that accepts 64 KB at a time and is slow to drain: the writer must honour backpressure.
  let received = 0;
  let lines = 0;
  let last = "";
  const slow = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      received += chunk.length;
      const s = last + chunk.toString();
      const parts = s.split("\n");
      last = parts.pop()!;
      lines += parts.length;
      setImmediate(done);
    },
  });
  const { rows, bytes } = await writeTensorCsv(big, slow);
  assert.equal(rows, size);
  assert.equal(bytes, received);
  assert.equal(lines, size + 1);
});

test("CSV values use the fewest of 7-9 digits that give back the float32", () => {
  assert.equal(formatValue(0.5), "0.5");
  assert.equal(formatValue(3), "3");
  assert.equal(formatValue(Math.fround(0.1)), "0.1");
  assert.equal(formatValue(Math.fround(0.169540539)), "0.16954054");
  assert.equal(formatValue(Math.fround(-0.03980178)), "-0.03980178");
  assert.equal(formatValue(Math.fround(1e-7)), "1e-7");
  let seed = 12345;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const x = Math.fround((seed / 2 ** 31 - 0.5) * 10 ** ((seed % 13) - 6));
    assert.equal(Math.fround(Number(formatValue(x))), x, `${x} -> ${formatValue(x)}`);
  }
});

test("bundled model: every tensor of its manifest, and the total is the sum of the manifest's tensor sizes", async () => {
  const location = locateModel({ model: "bundled" });
  assert.equal(location.kind, "tfjs");
  const manifest = JSON.parse(readFileSync(path.join(location.dir, "model.json"), "utf8")).weightsManifest as { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
  const entries = manifest.flatMap((g) => g.weights);
  const sizes = entries.map((w) => w.shape.reduce((a, b) => a * b, 1));
  const summary = await weightsSummary(location);
  assert.equal(summary.format, "tfjs");
  assert.equal(summary.weightsFile, "model.json");
  assert.equal(summary.total_weights, sizes.reduce((a, b) => a + b, 0));
  assert.equal(summary.total_weights, 6_975_914);
  assert.deepEqual(summary.tensors.map((t) => t.layer_name), entries.map((w) => w.name));
  assert.ok(summary.files.some((f) => f.path === "group1-shard1of7"));

  // The embedding table read independently: its byte offset is the sizes of the tensors before it.
  const k = entries.findIndex((w) => w.name === "module/Embeddings_en");
  const offset = sizes.slice(0, k).reduce((a, b, i) => a + b * (entries[i].dtype === "float32" || entries[i].dtype === "int32" ? 4 : 1), 0);
  const shards = Buffer.concat(manifest[0].paths.map((p) => readFileSync(path.join(location.dir, p))));
  const first = Array.from({ length: 10 }, (_, i) => shards.readFloatLE(offset + 4 * i));
  const table = summary.tensors[k];
  assert.deepEqual(table.shape, [8002, 256]);
  assert.deepEqual(table.first_10_values, first);
  assert.ok(table.std_deviation > 0 && table.minimum < table.mean && table.mean < table.maximum);
});
