// semsearch inspect and semsearch compare as a user runs them: the built bin/semsearch (npm test
// builds first), so model runs go through the embedding worker.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, CLI } from "../helpers/cli";

const FIXTURE = join(ROOT, "test", "fixtures", "tiny-model");
const TINY = ["--model", "semsearch/tiny-bert", "--local-model-path", FIXTURE];
const expected = JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "inspect-cli-"));
after(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(CLI, args, { encoding: "utf8", env: { ...process.env, SEMSEARCH_MODELS: join(work, "no-models") } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("inspect weights --out writes the seed's weights_summary.json; the text output ends with the total", () => {
  const file = join(work, "weights_summary.json");
  const r = run("inspect", "weights", ...TINY, "--out", file);
  assert.equal(r.code, 0, r.err);
  const seed = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(seed.length, expected.weights.fp32.length);
  assert.deepEqual(Object.keys(seed[0]), ["layer_name", "shape", "total_weights", "minimum", "maximum", "mean", "std_deviation", "first_10_values"]);
  const ref = expected.weights.fp32.find((w: any) => w.name === "encoder.layer.1.output.dense.weight");
  const got = seed.find((w: any) => w.layer_name === ref.name);
  assert.deepEqual([got.shape, got.total_weights, got.minimum, got.first_10_values], [ref.shape, ref.total, ref.min, ref.first_10_values]);

  const text = run("inspect", "weights", ...TINY);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /Layer : embeddings\.word_embeddings\.weight\nShape : \(56, 16\)  \(896 weights, float32\)/);
  assert.match(text.out, /TOTAL weights in this model: 6,432 in 37 tensors\n$/);
  assert.match(text.out, /Folder  : .*tiny-bert\n/);
});

test("inspect tensor --csv streams index,weight_value rows of one tensor", () => {
  const file = join(work, "one_layer_full.csv");
  const r = run("inspect", "tensor", "encoder.layer.0.attention.self.query.bias", "--csv", "--out", file, ...TINY);
  assert.equal(r.code, 0, r.err);
  const lines = readFileSync(file, "utf8").trimEnd().split("\n");
  assert.equal(lines[0], "index,weight_value");
  assert.equal(lines.length, 17);
  const ref = expected.weights.fp32.find((w: any) => w.name === "encoder.layer.0.attention.self.query.bias");
  lines.slice(1, 11).forEach((l, i) => assert.ok(Math.abs(Number(l.split(",")[1]) - ref.first_10_values[i]) < 1e-7, l));
  const stdout = run("inspect", "tensor", "encoder.layer.0.attention.self.query.bias", "--csv", ...TINY);
  assert.equal(stdout.out.trimEnd().split("\n").length, 17);
  const unknown = run("inspect", "tensor", "nope", ...TINY);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /no weight tensor named "nope"/);
});

test("inspect journey --json: 3 token stops and the embedding, through the worker", () => {
  const r = run("inspect", "journey", "The Eiffel Tower is in Paris.", "--token", "paris", "--values", "4", "--json", ...TINY);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(j.stops.map((s: any) => s.name), ["embeddings", "layer 1", "layer 2", "mean pooled", "normalised (the embedding)"]);
  assert.deepEqual(j.focus, { kind: "token", index: 6, token: "paris" });
  j.stops.slice(0, 3).forEach((s: any, k: number) =>
    s.values.forEach((v: number, i: number) => assert.ok(Math.abs(v - expected.journey.q8.stops[k].hidden[6][i]) < 2e-4, `stop ${k} [${i}]`)),
  );
  const text = run("inspect", "journey", "The Eiffel Tower is in Paris.", ...TINY);
  assert.match(text.out, /Travel of the first 16 values:/, "at most the model's width");
  assert.match(text.out, /Following: the mean over its 9 tokens/);
});

test("inspect attention prints each token's share; --json has the numbers", () => {
  const r = run("inspect", "attention", "The Eiffel Tower is in Paris.", "--layer", "1", "--token", "tower", "--json", ...TINY);
  assert.equal(r.code, 0, r.err);
  const a = JSON.parse(r.out);
  a.weights.forEach((w: any, i: number) => assert.ok(Math.abs(w.weight - expected.journey.q8.attention[0][3][i]) < 1e-4));
  const text = run("inspect", "attention", "The Eiffel Tower is in Paris.", "--layer", "2", "--token", "3", ...TINY);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /layer 2 of 2, 2 heads averaged\nToken 3 "tower" pays attention to:/);
  const missing = run("inspect", "attention", "The Eiffel Tower is in Paris.", ...TINY);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /needs --layer L/);
  const badLayer = run("inspect", "attention", "x", "--layer", "9", "--token", "0", ...TINY);
  assert.equal(badLayer.code, 1);
  assert.match(badLayer.err, /layer must be from 1 to 2/);
});

test("compare ranks against the anchor and shows the first two sentences side by side", () => {
  const r = run("compare", "the eiffel tower is in paris", "paris is home to the tower", "machine learning", "--values", "3", "--json", ...TINY);
  assert.equal(r.code, 0, r.err);
  const c = JSON.parse(r.out);
  const [a, b, m] = [0, 1, 2].map((i) => expected.embeddings[i].q8.embedding as number[]);
  const cos = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
  assert.ok(Math.abs(c.results[0].score - cos(a, b)) < 1e-4);
  assert.ok(Math.abs(c.results[1].score - cos(a, m)) < 1e-4);
  assert.equal(c.sideBySide.rows.length, 3);
  assert.ok(Math.abs(c.sideBySide.rows[1].difference - Math.abs(a[1] - b[1])) < 1e-4);
  const text = run("compare", "the eiffel tower", "paris", ...TINY);
  assert.match(text.out, /Anchor sentence: "the eiffel tower"\n +\d+\.\d%  paris\n/);
  assert.match(text.out, /Index      Vector A   Vector B  Difference\n\[  0\]/);
  assert.equal(run("compare", "only one", ...TINY).code, 2);
});

test("without the configured model on disk, inspect falls back to the bundled model and says so", () => {
  const r = run("inspect", "weights", "--model", "Xenova/all-MiniLM-L6-v2", "--json");
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /are not on disk.*--allow-download.*--local-model-path.*Using the bundled offline model instead/);
  const s = JSON.parse(r.out);
  assert.equal(s.model, "bundled:use-lite");
  assert.equal(s.total_weights, 6_975_914);
  const strict = run("inspect", "weights", "--model", "Xenova/all-MiniLM-L6-v2", "--no-fallback");
  assert.equal(strict.code, 1);
});
