// The ONNX side of the inspector without running anything: the protobuf reader, finding the layer
// outputs in a graph (by module names, and by structure when nodes have no such names), adding
// graph outputs, and dequantising per-channel weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { planLayers } from "../../server/src/inspect/onnx-layers";
import { DataType, parseOnnx, withExtraOutputs, type OnnxGraph } from "../../server/src/inspect/onnx-model";
import { onnxWeightTensors } from "../../server/src/inspect/onnx-weights";
import { encodeVarint, readVarint } from "../../server/src/inspect/protobuf";

const MODEL_DIR = path.resolve(__dirname, "../fixtures/tiny-model/semsearch/tiny-bert");
const fp32 = new Uint8Array(readFileSync(path.join(MODEL_DIR, "onnx/model.onnx")));
const q8 = new Uint8Array(readFileSync(path.join(MODEL_DIR, "onnx/model_quantized.onnx")));

const HIDDEN = [
  "/embeddings/LayerNorm/LayerNormalization_output_0",
  "/encoder/layer.0/output/LayerNorm/LayerNormalization_output_0",
  "/encoder/layer.1/output/LayerNorm/LayerNormalization_output_0",
];
const ATTENTION = ["/encoder/layer.0/attention/self/Softmax_output_0", "/encoder/layer.1/attention/self/Softmax_output_0"];

test("varints: small, multi-byte and negative int64 (ten bytes, two's complement)", () => {
  assert.deepEqual(readVarint(Uint8Array.from([0x96, 0x01]), 0), [150, 2]);
  assert.deepEqual(readVarint(Uint8Array.from(encodeVarint(2 ** 40 + 5)), 0), [2 ** 40 + 5, 6]);
  const minusOne = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  assert.deepEqual(readVarint(minusOne, 0), [-1, 10]);
  assert.throws(() => readVarint(Uint8Array.from([0x80]), 0), /truncated/);
});

test("the fixture parses: inputs, output, learned weights as initialisers, module-scoped node names", () => {
  const g = parseOnnx(fp32);
  assert.deepEqual(g.inputs, ["input_ids", "attention_mask", "token_type_ids"]);
  assert.deepEqual(g.outputs, ["last_hidden_state"]);
  assert.equal(g.initializers.length, 37);
  const q = g.initializers.find((t) => t.name === "encoder.layer.0.attention.self.query.weight")!;
  assert.deepEqual(q.dims, [16, 16]);
  assert.equal(q.dataType, DataType.FLOAT);
  assert.equal(q.raw!.end - q.raw!.start, 16 * 16 * 4);
  const ln = g.nodes.find((n) => n.name === "/encoder/layer.1/output/LayerNorm/LayerNormalization")!;
  assert.equal(ln.opType, "LayerNormalization");
  assert.equal(ln.ints.axis, -1, "negative int64 attributes are read as negative");
});

test("layer outputs and attention are found by module names, in fp32 and q8 files alike", () => {
  for (const bytes of [fp32, q8]) {
    const plan = planLayers(parseOnnx(bytes));
    assert.equal(plan.strategy, "module names");
    assert.deepEqual(plan.hidden, HIDDEN);
    assert.deepEqual(plan.attention, ATTENTION);
  }
});

test("without module names, the same tensors are found from the graph's structure", () => {
  const g = parseOnnx(fp32);
  const anonymous: OnnxGraph = { ...g, nodes: g.nodes.map((n, i) => ({ ...n, name: `node_${i}` })) };
  const plan = planLayers(anonymous);
  assert.equal(plan.strategy, "graph structure");
  assert.deepEqual(plan.hidden, HIDDEN);
  assert.deepEqual(plan.attention, ATTENTION);
});

test("a graph whose layers cannot be found says so plainly; a fused attention op means no attention", () => {
  const g = parseOnnx(fp32);
  const strip = (ops: string[]): OnnxGraph => ({ ...g, nodes: g.nodes.filter((n) => !ops.includes(n.opType)).map((n, i) => ({ ...n, name: `n${i}` })) });
  assert.throws(() => planLayers(strip(["LayerNormalization"])), /cannot find the layer outputs.*Only the final output/);
  const fused: OnnxGraph = { ...g, nodes: g.nodes.map((n) => (n.opType === "Softmax" ? { ...n, opType: "Attention", domain: "com.microsoft" } : n)) };
  const plan = planLayers(fused);
  assert.deepEqual(plan.hidden, HIDDEN);
  assert.match((plan.attention as { missing: string }).missing, /fused Attention operator/);
});

test("extra outputs are appended to the graph; everything else is unchanged", () => {
  const g = parseOnnx(fp32);
  const edited = withExtraOutputs(fp32, g, [...HIDDEN, "last_hidden_state"]);
  const e = parseOnnx(edited);
  assert.deepEqual(e.outputs, ["last_hidden_state", ...HIDDEN], "an existing output is not added twice");
  assert.deepEqual(e.inputs, g.inputs);
  assert.deepEqual(e.nodes, g.nodes);
  assert.deepEqual(e.initializers.map((t) => [t.name, t.dims]), g.initializers.map((t) => [t.name, t.dims]));
  // The bytes before the graph are the original's.
  assert.deepEqual(edited.subarray(0, g.graphField.tagStart), fp32.subarray(0, g.graphField.tagStart));
});

test("per-channel quantized weights are dequantized channel by channel along the node's axis", () => {
  // A [2, 3] int8 weight with one scale per column (axis 1), zero points 1, 0, -1.
  const raw = Int8Array.from([10, 20, 30, -10, -20, -30]);
  const scales = Float32Array.from([0.5, 0.25, 2]);
  const zeros = Int8Array.from([1, 0, -1]);
  const buf = new Uint8Array([...new Uint8Array(raw.buffer), ...new Uint8Array(scales.buffer), ...new Uint8Array(zeros.buffer)]);
  const g: OnnxGraph = {
    inputs: [],
    outputs: [],
    graphField: { tagStart: 0, start: 0, end: 0 },
    initializers: [
      { name: "w_quantized", dims: [2, 3], dataType: DataType.INT8, raw: { start: 0, end: 6 } },
      { name: "w_scale", dims: [3], dataType: DataType.FLOAT, raw: { start: 6, end: 18 } },
      { name: "w_zero_point", dims: [3], dataType: DataType.INT8, raw: { start: 18, end: 21 } },
    ],
    nodes: [{ name: "dq", opType: "DequantizeLinear", domain: "", inputs: ["w_quantized", "w_scale", "w_zero_point"], outputs: ["w"], ints: { axis: 1 } }],
  };
  const { tensors } = onnxWeightTensors(buf, g);
  assert.equal(tensors.length, 1);
  assert.equal(tensors[0].name, "w");
  const values = Array.from({ length: 6 }, (_, i) => tensors[0].at(i));
  assert.deepEqual(values, [(10 - 1) * 0.5, 20 * 0.25, (30 + 1) * 2, (-10 - 1) * 0.5, -20 * 0.25, (-30 + 1) * 2]);
});
