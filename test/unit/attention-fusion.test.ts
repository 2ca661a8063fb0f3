// The attention fusion (server/src/embedding/graph-fusion/) on the tiny model written as a real q8
// export is (scripts/make-tiny-dynamic-model.py: DynamicQuantizeLinear + MatMulInteger): what the
// rewrite leaves in the graph, that the fused model gives the vectors the exported one gives, and
// that anything it was not written for is left as it is or refused by the probe.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { cosine } from "../../shared/src/vector-math";
import { parseOnnx, withExtraOutputs } from "../../server/src/inspect/onnx-model";
import { fuseAttention } from "../../server/src/embedding/graph-fusion/fuse-model";
import { AGREEMENT, fusedModel, probeAgreement } from "../../server/src/embedding/graph-fusion/fused-model";
import { loadTransformersProvider } from "../../server/src/embedding/transformers";
import { startCli, TINY_MODEL_DIR } from "../helpers/cli";

const FIXTURE = path.resolve(__dirname, "../fixtures/tiny-model");
const DYNAMIC = "semsearch/tiny-bert-dynamic";
// The same graph with a real export's traits: uint8 weights, one shared quantize node per input,
// reshape targets computed from the tensor's shape (scripts/make-tiny-dynamic-model.py).
const EXPORT = "semsearch/tiny-bert-export";
const onnxOf = (model: string) => path.join(FIXTURE, model, "onnx", "model_quantized.onnx");
const ONNX = onnxOf(DYNAMIC);
const original = () => new Uint8Array(readFileSync(ONNX));
const ops = (bytes: Uint8Array) => parseOnnx(bytes).nodes.reduce((m, n) => m.set(n.opType, (m.get(n.opType) ?? 0) + 1), new Map<string, number>());
const tmp = mkdtempSync(path.join(tmpdir(), "attention-fusion-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const TEXTS = ["hello world", "the quick brown fox jumps over the lazy dog", "a", "hello hello hello world world the fox", "dog"];

test("both attention blocks become QAttention; the nodes and weights they replace are gone", () => {
  const before = ops(original());
  const fused = fuseAttention(original(), { numHeads: 2 });
  assert.ok(fused.bytes, "reason" in fused ? fused.reason : "");
  assert.equal(fused.blocks, 2);
  const after = ops(fused.bytes);
  assert.equal(after.get("QAttention"), 2);
  assert.equal(after.get("Softmax") ?? 0, 0);
  assert.equal(after.get("Transpose") ?? 0, 0, "the head split and merge transposes went into the kernel");
  // Q, K and V of each layer were 3 of its 6 int8 products.
  assert.equal(after.get("MatMulInteger"), before.get("MatMulInteger")! - 6);
  const graph = parseOnnx(fused.bytes);
  const names = graph.initializers.map((t) => t.name);
  assert.ok(!names.some((n) => /attention\.self\.(query|key|value)\.weight_quantized$/.test(n)), "the separate Q/K/V weights were cut out");
  assert.deepEqual(
    graph.initializers.filter((t) => t.name.startsWith("semsearch_qattention_0_")).map((t) => [t.name, t.dims]),
    [
      ["semsearch_qattention_0_weight", [16, 48]],
      ["semsearch_qattention_0_bias", [48]],
      ["semsearch_qattention_0_weight_scale", [48]],
      ["semsearch_qattention_0_weight_zero_point", [48]],
    ],
  );
  const qattention = graph.nodes.find((n) => n.opType === "QAttention")!;
  assert.equal(qattention.domain, "com.microsoft");
  assert.equal(qattention.ints.num_heads, 2);
});

test("a graph written as a real export is fused too: uint8 weights, a shared quantize node, reshape targets computed at run time, Kᵀ in two steps", () => {
  const bytes = new Uint8Array(readFileSync(onnxOf(EXPORT)));
  const before = ops(bytes);
  assert.equal(before.get("Shape"), 9, "the fixture computes its reshape targets");
  assert.equal(before.get("DynamicQuantizeLinear"), 8, "one quantize node per input");
  assert.equal(before.get("Transpose"), 10, "Kᵀ in two steps: the head split, then the swap of the last two axes");
  const fused = fuseAttention(bytes, { numHeads: 2 });
  assert.ok(fused.bytes, "reason" in fused ? fused.reason : "");
  assert.equal(fused.blocks, 2);
  const after = ops(fused.bytes);
  assert.equal(after.get("QAttention"), 2);
  // The shape computations fed only the replaced reshapes: they went with them.
  assert.equal(after.get("Shape"), 1, "only the embeddings' position Shape is left");
  assert.equal(after.get("Concat") ?? 0, 0);
  assert.equal(after.get("Transpose") ?? 0, 0);
  const weight = parseOnnx(fused.bytes).initializers.find((t) => t.name === "semsearch_qattention_0_weight")!;
  assert.equal(weight.dataType, 2, "uint8 weights stay uint8");
  // Without the head count from config.json the reshapes do not say it: nothing is fused.
  const unhinted = fuseAttention(bytes);
  assert.match("reason" in unhinted ? unhinted.reason : "", /no quantized attention block matched/);
  // A shape computation that something else still reads would be left reading a value that is gone:
  // the rewrite is refused rather than written broken.
  const graph = parseOnnx(bytes);
  const shapeOf = graph.nodes.find((n) => n.opType === "Shape" && n.inputs[0].includes("query"))!.outputs[0];
  const kept = fuseAttention(withExtraOutputs(bytes, graph, [shapeOf]), { numHeads: 2 });
  assert.match("reason" in kept ? kept.reason : "", /would leave .*query.* unwritten/);
});

test("the fused model gives the exported model's vectors, padded batches included, and says it is fused", async () => {
  const load = (fuseAttention: boolean) => loadTransformersProvider({ modelId: DYNAMIC, localModelPath: FIXTURE, allowRemote: false, fuseAttention });
  const fused = await load(true);
  const plain = await load(false);
  try {
    assert.match(fused.runtime ?? "", /semsearch\/tiny-bert-dynamic with its 2 attention blocks fused into QAttention/);
    assert.equal(plain.runtime, undefined);
    const [a, b] = [await fused.embed(TEXTS), await plain.embed(TEXTS)];
    a.forEach((v, i) => assert.ok(cosine(v, b[i]) > 0.99999, `${TEXTS[i]}: ${cosine(v, b[i])}`));
    // The export-shaped graph does the same arithmetic: fused, it gives the same vectors again.
    const exported = await loadTransformersProvider({ modelId: EXPORT, localModelPath: FIXTURE, allowRemote: false });
    try {
      assert.match(exported.runtime ?? "", /with its 2 attention blocks fused into QAttention/);
      (await exported.embed(TEXTS)).forEach((v, i) => assert.ok(cosine(v, b[i]) > 0.99999, `${TEXTS[i]}: ${cosine(v, b[i])}`));
    } finally {
      await exported.dispose();
    }
  } finally {
    await fused.dispose();
    await plain.dispose();
  }
});

test("SEMSEARCH_FUSE_ATTENTION=0 loads the graph as exported", async () => {
  process.env.SEMSEARCH_FUSE_ATTENTION = "0";
  try {
    const p = await loadTransformersProvider({ modelId: DYNAMIC, localModelPath: FIXTURE, allowRemote: false });
    assert.equal(p.runtime, undefined);
    await p.dispose();
  } finally {
    delete process.env.SEMSEARCH_FUSE_ATTENTION;
  }
});

test("a q8 graph of another shape is run as exported, and the log says why", async () => {
  // The tiny model's own q8 is weight-only (DequantizeLinear + float MatMul): nothing to fuse.
  const p = await loadTransformersProvider({ modelId: "semsearch/tiny-bert", localModelPath: FIXTURE, allowRemote: false });
  try {
    assert.match(p.runtime ?? "", /as exported: its attention was not fused \(no quantized attention block matched\)/);
  } finally {
    await p.dispose();
  }
});

test("a block is left alone when its scale is not 1/sqrt(head size), or when something else reads inside it", () => {
  const bytes = original();
  const graph = parseOnnx(bytes);
  // The scores are divided by the constant sqrt_hd (√8): make it 3.
  const sqrt = graph.nodes.find((n) => n.opType === "Constant" && n.outputs[0] === "sqrt_hd")!.tensor!;
  const changed = bytes.slice();
  new DataView(changed.buffer, sqrt.raw!.start, 4).setFloat32(0, 3, true);
  const scaled = fuseAttention(changed, { numHeads: 2 });
  assert.equal(scaled.bytes, undefined);
  assert.match("reason" in scaled ? scaled.reason : "", /no quantized attention block matched/);
  // The first layer's attention probabilities as a graph output: that block must stay as it is.
  const softmax = graph.nodes.find((n) => n.opType === "Softmax")!.outputs[0];
  const watched = fuseAttention(withExtraOutputs(bytes, graph, [softmax]), { numHeads: 2 });
  assert.ok(watched.bytes, "the other block is still fused");
  assert.equal(watched.blocks, 1);
  assert.ok(parseOnnx(watched.bytes).nodes.some((n) => n.opType === "Softmax" && n.outputs[0] === softmax));
});

test("the probe refuses a fused graph that computes something else", async () => {
  const bytes = original();
  const fused = fuseAttention(bytes, { numHeads: 2 });
  assert.ok(fused.bytes);
  assert.ok((await probeAgreement(bytes, fused.bytes, { vocabSize: 56, threads: 1 })) >= AGREEMENT);
  // Change the fused Q/K/V weights of the first layer: the outputs move, and the probe sees it.
  const weight = parseOnnx(fused.bytes).initializers.find((t) => t.name === "semsearch_qattention_0_weight")!;
  const wrong = fused.bytes.slice();
  for (let i = weight.raw!.start; i < weight.raw!.end; i++) wrong[i] = (wrong[i] + 37) & 0xff;
  const agreement = await probeAgreement(bytes, wrong, { vocabSize: 56, threads: 1 });
  assert.ok(agreement < AGREEMENT, String(agreement));
  // And fusedModel, given a file that cannot be read, says so rather than failing the load.
  const missing = await fusedModel(path.join(tmp, "nope.onnx"), { threads: 1 });
  assert.match("reason" in missing ? missing.reason : "", /could not read/);
  const garbage = path.join(tmp, "garbage.onnx");
  writeFileSync(garbage, "not a model");
  const notOnnx = await fusedModel(garbage, { threads: 1 });
  assert.equal(notOnnx.bytes, undefined);
});

test("the CLI fuses for indexing and not for a one-shot search, which would pay the load time for one query", async () => {
  const dir = path.join(tmp, "notes");
  mkdirSync(dir);
  writeFileSync(path.join(dir, "plants.md"), "Photosynthesis turns sunlight, water and carbon dioxide into sugar.\n");
  writeFileSync(path.join(dir, "stars.md"), "A star is a ball of hot gas held together by its own gravity.\n");
  const model = ["--model", EXPORT, "--local-model-path", TINY_MODEL_DIR];
  const env = { ...process.env, SEMSEARCH_NO_SOCKET: "1", XDG_RUNTIME_DIR: path.join(tmp, "runtime") };
  const indexed = await startCli(["index", dir, ...model], env);
  assert.equal(indexed.code, 0, indexed.err);
  assert.match(indexed.err, /tiny-bert-export with its 2 attention blocks fused into QAttention/);
  const searched = await startCli(["search", "sunlight into sugar", "--dir", dir, ...model, "--no-server", "--verbose", "--k", "1"], env);
  assert.equal(searched.code, 0, searched.err);
  assert.match(searched.out, /plants\.md/);
  assert.doesNotMatch(searched.out + searched.err, /QAttention|attention was not fused/, "a one-shot search loads the graph as exported, silently");
});
