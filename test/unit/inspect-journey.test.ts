// A text's journey through the layers and its attention, run in this thread (the worker path is
// covered by the CLI and LSP tests). The tiny model's every stop and attention matrix is checked
// against scripts/make-tiny-model.py's independent numpy forward pass; the bundled model against
// its own final output.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadBundledProvider } from "../../server/src/embedding/bundled";
import type { EmbeddingProvider } from "../../server/src/embedding/provider";
import { loadTransformersProvider } from "../../server/src/embedding/transformers";
import { attentionFrom, journeyFrom, resolveToken } from "../../server/src/inspect/journey";
import { compareTexts, cosine } from "../../server/src/inspect/compare";
import { runInspectJob } from "../../server/src/inspect/worker-jobs";
import type { Trace } from "../../server/src/inspect/trace";

const FIXTURE = path.resolve(__dirname, "../fixtures/tiny-model");
const SPEC = { model: "semsearch/tiny-bert", localModelPath: FIXTURE };

interface Reference {
  stops: { hidden: number[][]; mean_pooled: number[] }[];
  attention: number[][][];
  embedding: number[];
}
const journey = (JSON.parse(readFileSync(path.join(FIXTURE, "expected.json"), "utf8")) as {
  journey: { text: string; tokens: string[]; stop_names: string[]; fp32: Reference; q8: Reference };
}).journey;

const providers: EmbeddingProvider[] = [];
after(async () => {
  for (const p of providers) await p.dispose();
});

function assertClose(actual: ArrayLike<number>, wanted: ArrayLike<number>, tol: number, what: string) {
  assert.equal(actual.length, wanted.length, `${what}: length`);
  for (let i = 0; i < wanted.length; i++) assert.ok(Math.abs(actual[i] - wanted[i]) <= tol, `${what}[${i}]: got ${actual[i]}, expected ${wanted[i]}`);
}

const traces = new Map<string, Promise<Trace>>();
function trace(dtype: "q8" | "fp32"): Promise<Trace> {
  if (!traces.has(dtype)) traces.set(dtype, runInspectJob({ kind: "trace", spec: SPEC, text: journey.text, dtype }));
  return traces.get(dtype)!;
}

for (const dtype of ["q8", "fp32"] as const) {
  test(`${dtype}: every journey stop, every token's full vector, matches the numpy forward pass`, async () => {
    const t = await trace(dtype);
    const ref = journey[dtype];
    assert.deepEqual(t.tokens, journey.tokens);
    assert.equal(t.layers, 2);
    assert.deepEqual(t.tokenStops.map((s) => s.name), journey.stop_names);
    assert.equal(t.tokenStops.length, ref.stops.length);
    t.tokenStops.forEach((stop, k) => {
      assert.equal(stop.width, 16);
      ref.stops[k].hidden.forEach((row, tok) => assertClose(stop.data.subarray(tok * 16, tok * 16 + 16), row, 2e-4, `${dtype} stop ${k} token ${tok}`));
    });
    assert.match(t.source, new RegExp(dtype === "q8" ? "onnx/model_quantized\\.onnx" : "onnx/model\\.onnx"));
  });

  test(`${dtype}: the journey's mean over tokens at each stop matches numpy, and per-token focus picks that token`, async () => {
    const t = await trace(dtype);
    const ref = journey[dtype];
    const mean = journeyFrom(t, journey.text, { values: 16 });
    assert.deepEqual(mean.focus, { kind: "mean" });
    ref.stops.forEach((s, k) => assertClose(mean.stops[k].values, s.mean_pooled, 2e-4, `mean at stop ${k}`));
    const tower = journeyFrom(t, journey.text, { token: "tower", values: 5 });
    assert.deepEqual(tower.focus, { kind: "token", index: 3, token: "tower" });
    ref.stops.forEach((s, k) => assertClose(tower.stops[k].values, s.hidden[3].slice(0, 5), 2e-4, `tower at stop ${k}`));
    assert.ok(tower.stops.every((s) => s.values.length === 5));
  });

  test(`${dtype}: attention, averaged over heads, of every token in every layer matches numpy`, async () => {
    const t = await trace(dtype);
    const ref = journey[dtype];
    for (let layer = 1; layer <= 2; layer++) {
      journey.tokens.forEach((_, tok) => {
        const a = attentionFrom(t, journey.text, layer, tok);
        assert.equal(a.heads, 2);
        assert.equal(a.token.index, tok);
        assertClose(a.weights.map((w) => w.weight), ref.attention[layer - 1][tok], 1e-4, `${dtype} layer ${layer} token ${tok}`);
        assert.ok(Math.abs(a.weights.reduce((s, w) => s + w.weight, 0) - 1) < 1e-5, "a row of attention sums to 1");
      });
    }
  });

  test(`${dtype}: the last stop, pooled and normalised, is the embedding the search uses`, async () => {
    const t = await trace(dtype);
    const provider = await loadTransformersProvider({ modelId: SPEC.model, localModelPath: FIXTURE, dtype });
    providers.push(provider);
    const [searchVector] = await provider.embed([journey.text]);
    const j = journeyFrom(t, journey.text, { values: 16 });
    const last = j.stops.at(-1)!;
    assert.equal(last.name, "normalised (the embedding)");
    assert.equal(last.kind, "sentence");
    assertClose(last.values, searchVector, 1e-6, "journey end vs provider");
    assertClose(last.values, journey[dtype].embedding, 2e-4, "journey end vs numpy");
    assert.ok(Math.abs(last.stats.norm - 1) < 1e-6);
    // The pooled stop is the mean of the last layer's tokens.
    assertClose(j.stops.at(-2)!.values, journey[dtype].stops[2].mean_pooled, 2e-4, "pooled");
  });
}

test("the search's default file (q8) is what the journey runs when no dtype is asked for", async () => {
  const t = await runInspectJob({ kind: "trace", spec: SPEC, text: "paris" });
  assert.match(t.source, /onnx\/model_quantized\.onnx/);
  assert.match(t.source, /module names/);
  assert.deepEqual(t.tokens, ["[CLS]", "paris", "[SEP]"]);
});

test("tokens are chosen by index, by text (any case, without word-piece marks) or by a split word's first piece", () => {
  const bert = ["[CLS]", "the", "eiffel", "tower", "##s", "[SEP]"];
  assert.equal(resolveToken(bert, 3), 3);
  assert.equal(resolveToken(bert, "3"), 3);
  assert.equal(resolveToken(bert, "Tower"), 3);
  assert.equal(resolveToken(bert, "s"), 4);
  assert.throws(() => resolveToken(bert, 6), /out of range: the text has 6 tokens/);
  assert.throws(() => resolveToken(bert, "louvre"), /no token "louvre".*0:\[CLS\]/);
  const sp = ["▁The", "▁E", "iff", "el", "▁To", "wer"];
  assert.equal(resolveToken(sp, "Tower"), 4);
  assert.equal(resolveToken(sp, "eiffel"), 1);
});

test("attention asks for a layer the model has", async () => {
  const t = await trace("q8");
  assert.throws(() => attentionFrom(t, journey.text, 3, 0), /layer must be from 1 to 2/);
  assert.throws(() => attentionFrom(t, journey.text, 0, 0), /layer must be from 1 to 2/);
});

test("bundled model: one stop per layer it has (embeddings + 2), its own pooling, and its final output is the search's embedding", async () => {
  const text = "The Eiffel Tower is in Paris.";
  const t = await runInspectJob({ kind: "trace", spec: { model: "bundled" }, text });
  assert.equal(t.layers, 2);
  assert.deepEqual(t.tokenStops.map((s) => [s.name, s.width]), [["embeddings", 256], ["layer 1", 512], ["layer 2", 512]]);
  assert.deepEqual(t.sentenceStops.map((s) => s.name), ["mean pooled", "tanh dense layer", "normalised (the embedding)"]);
  assert.equal(t.tokens.length, 10);
  assert.equal(t.tokens[8], "▁Paris");
  const j = journeyFrom(t, text, { values: 512 });
  // The model's own "mean pooled" node is the mean of the last layer over the tokens.
  assertClose(j.stops[2].values, j.stops[3].values, 1e-4, "mean of layer 2 vs the model's pooling");
  const provider = await loadBundledProvider();
  providers.push(provider);
  const [searchVector] = await provider.embed([text]);
  assertClose(j.stops[5].values, searchVector, 1e-5, "journey end vs the bundled provider");

  assert.ok(Array.isArray(t.attention));
  const a = attentionFrom(t, text, 2, "Tower");
  assert.equal(a.heads, 4);
  assert.equal(a.token.token, "▁To");
  assert.ok(Math.abs(a.weights.reduce((s, w) => s + w.weight, 0) - 1) < 1e-4);
});

test("bundled model: a selection's line break is the unknown piece, shown as <unk>", async () => {
  const t = await runInspectJob({ kind: "trace", spec: { model: "bundled" }, text: "The Eiffel Tower is in Paris.\n\tx" });
  assert.deepEqual(t.tokens.slice(-3), [".", "<unk>", "x"]);
  assert.ok(!t.tokens.some((tok) => tok.includes("\uFFFD")));
});

test("compare: scores in the order given, side by side rows with |a - b|, from the given embeddings", async () => {
  const vectors: Record<string, number[]> = { a: [1, 0, 0], b: [0.6, 0.8, 0], c: [-1, 0, 0] };
  const r = await compareTexts("m", async (texts) => texts.map((x) => Float32Array.from(vectors[x])), "a", ["b", "c"], 2);
  assert.deepEqual(r.results.map((x) => [x.text, Math.round(x.score * 1000) / 1000]), [["b", 0.6], ["c", -1]]);
  assert.equal(r.dimensions, 3);
  assert.deepEqual(r.sideBySide.rows.map((x) => [x.index, x.a, x.b, Math.round(x.difference * 1000) / 1000]), [[0, 1, 0.6000000238418579, 0.4], [1, 0, 0.800000011920929, 0.8]]);
  assert.equal(cosine([1, 1], [2, 2]), 1);
  await assert.rejects(compareTexts("m", async () => [], "a", []), /at least one text/);
});
