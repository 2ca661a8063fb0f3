// Fuses the self-attention blocks of a dynamically quantized BERT (the q8 export transformers.js
// models ship: onnxruntime's quantize_dynamic over a torch export) into onnxruntime's QAttention
// kernel. onnxruntime's own load-time optimizer leaves these blocks as some thirty nodes each: its
// AttentionFusion only matches float Q/K/V products, so a quantized graph keeps three int8
// products, four reshape/transpose pairs, two float products, the scale, the mask and the softmax
// (bench/RESULTS.md §5d: a third of a call). QAttention does the same arithmetic in one kernel.
//
// One block, as written (each of Q, K, V alike; `x` is the layer input):
//   DynamicQuantizeLinear(x) -> MatMulInteger(xq, W, xzp, wzp) -> Cast -> Mul(·, xs·ws) -> Add(b)
//     -> Reshape [B,S,heads,d] -> Transpose (Q, V: 0,2,1,3; K: 0,2,3,1, or 0,2,1,3 then 0,1,3,2)
//   MatMul(Q, Kᵀ) -> Div(√d) or Mul(1/√d) -> Add(mask term) -> Softmax(-1) -> MatMul(·, V)
//     -> Transpose(0,2,1,3) -> Reshape [B,S,hidden]
// becomes QAttention(xq, [Wq|Wk|Wv], [bq|bk|bv], xs, ws per column, mask, xzp, wzp per column).
// The mask term must be computed from the attention-mask input alone; QAttention reads that input
// as a 0/1 mask. Reshape targets may be constants or computed from the tensor (Shape nodes, which
// go with the block). Anything that does not match exactly is left as it is; fused-model.ts runs
// both graphs on a probe before the fused one is used.
import { DataType, type OnnxNode } from "../../inspect/onnx-model";
import { ElemType, type InitSpec, type NodeSpec } from "../use-lite/onnx-proto";
import type { GraphIndex } from "./graph-index";

/** One quantized linear layer feeding a head split: x -> int8 product -> scale -> bias. */
interface QuantizedLinear {
  quantize: OnnxNode;
  weight: { rows: number; cols: number; dataType: number; bytes: Uint8Array };
  /** Per output column. */
  scale: number[];
  zeroPoint: number[];
  bias: number[];
  /** The nodes from the int8 product to the bias, which the fusion replaces. */
  nodes: OnnxNode[];
}

export interface AttentionBlock {
  q: QuantizedLinear;
  k: QuantizedLinear;
  v: QuantizedLinear;
  heads: number;
  /** Every node the QAttention replaces (the Q branch's DynamicQuantizeLinear stays: it feeds QAttention). */
  replaced: OnnxNode[];
  /** The node whose output QAttention writes (the final Reshape). */
  output: OnnxNode;
}

const same = (a: number[] | undefined, b: number[]) => !!a && a.length === b.length && a.every((x, i) => x === b[i]);

function isOp(node: OnnxNode | undefined, op: string): node is OnnxNode {
  return !!node && node.opType === op && !node.domain;
}

/** Finds every attention block of the graph that can be fused. */
export function findAttentionBlocks(g: GraphIndex, maskInput: string, numHeadsHint?: number): AttentionBlock[] {
  const blocks: AttentionBlock[] = [];
  for (const softmax of g.graph.nodes) {
    if (!isOp(softmax, "Softmax")) continue;
    const block = matchBlock(g, softmax, maskInput, numHeadsHint);
    if (block) blocks.push(block);
  }
  return blocks;
}

function matchBlock(g: GraphIndex, softmax: OnnxNode, maskInput: string, numHeadsHint?: number): AttentionBlock | undefined {
  const axis = softmax.ints.axis ?? -1;
  if (axis !== -1 && axis !== 3) return undefined;
  const maskAdd = g.producer(softmax.inputs[0], "Add");
  if (!maskAdd || !g.soleReader(maskAdd.outputs[0], "Softmax")) return undefined;
  // scores + mask, in either order (a mask term can be a Mul too).
  const scaled = scaledScores(g, maskAdd.inputs[0], maskAdd.inputs[1], maskInput) ?? scaledScores(g, maskAdd.inputs[1], maskAdd.inputs[0], maskInput);
  if (!scaled) return undefined;
  const { scale, scores, c } = scaled;

  const qHeads = headSplit(g, scores.inputs[0], [0, 2, 1, 3]);
  const kHeads = keyHeads(g, scores.inputs[1]);
  const context = g.soleReader(softmax.outputs[0], "MatMul");
  if (!qHeads || !kHeads || !context || context.inputs[0] !== softmax.outputs[0]) return undefined;
  const vHeads = headSplit(g, context.inputs[1], [0, 2, 1, 3]);
  const merge = g.soleReader(context.outputs[0], "Transpose");
  const output = merge && same(merge.intLists?.perm, [0, 2, 1, 3]) ? g.soleReader(merge.outputs[0], "Reshape") : undefined;
  if (!vHeads || !output) return undefined;

  const q = quantizedLinear(g, qHeads.input);
  const k = quantizedLinear(g, kHeads.input);
  const v = quantizedLinear(g, vHeads.input);
  if (!q || !k || !v) return undefined;
  // One input for all three, quantized alike (onnxruntime may have given each its own node).
  if (q.quantize.inputs[0] !== k.quantize.inputs[0] || q.quantize.inputs[0] !== v.quantize.inputs[0]) return undefined;
  const hidden = q.weight.cols;
  if (k.weight.cols !== hidden || v.weight.cols !== hidden || q.weight.rows !== k.weight.rows || q.weight.rows !== v.weight.rows) return undefined;
  if (q.weight.dataType !== k.weight.dataType || q.weight.dataType !== v.weight.dataType) return undefined;
  const heads = qHeads.heads ?? kHeads.heads ?? vHeads.heads ?? numHeadsHint;
  if (!heads || hidden % heads !== 0) return undefined;
  // QAttention scales the scores by 1/√d itself: the graph must do exactly that.
  const d = hidden / heads;
  const factor = scale.opType === "Div" ? 1 / c[0] : c[0];
  if (Math.abs(factor * Math.sqrt(d) - 1) > 1e-4) return undefined;

  const replaced = [...q.nodes, ...k.nodes, ...v.nodes, ...qHeads.nodes, ...kHeads.nodes, ...vHeads.nodes, scores, scale, maskAdd, softmax, context, merge!, output];
  // The K and V branches' own quantize nodes go too when nothing else reads them.
  for (const branch of [k, v]) {
    if (branch.quantize === q.quantize || replaced.includes(branch.quantize)) continue;
    const readers = branch.quantize.outputs.flatMap((o) => g.dataReaders(o)).map((i) => g.graph.nodes[i]);
    if (readers.every((r) => replaced.includes(r))) replaced.push(branch.quantize);
  }
  // Nothing outside the block may read what the block computes (the Q quantize node's outputs aside;
  // Shape nodes that read a block value are checked in fuse-model.ts: they must go with the block).
  for (const node of replaced) {
    for (const out of node.outputs) {
      if (node === output) continue;
      if (g.graph.outputs.includes(out) || g.dataReaders(out).some((i) => !replaced.includes(g.graph.nodes[i]))) return undefined;
    }
  }
  return { q, k, v, heads, replaced, output };
}

/** `scaled` = Div(MatMul(Q, Kᵀ), c) or Mul(…, c), added to `maskTerm`, a function of the mask input alone. */
function scaledScores(g: GraphIndex, scaled: string, maskTerm: string, maskInput: string) {
  const scale = g.producer(scaled, "Div") ?? g.producer(scaled, "Mul");
  if (!scale || !g.soleReader(scale.outputs[0], "Add") || !g.dependsOnlyOn(maskTerm, maskInput)) return undefined;
  const constant = scale.inputs.find((i) => g.isConstant(i));
  const scoresName = scale.inputs.find((i) => i !== constant);
  const c = constant === undefined ? undefined : g.constant(constant)?.values;
  const scores = scoresName === undefined ? undefined : g.producer(scoresName, "MatMul");
  if (!c || c.length !== 1 || !scores || !g.soleReader(scores.outputs[0], scale.opType)) return undefined;
  return { scale, scores, c };
}

/** value = Transpose(perm)(Reshape(input, [B, S, heads, d])): the input, the two nodes and heads if the shape says. */
function headSplit(g: GraphIndex, value: string, perm: number[]) {
  const transpose = g.producer(value, "Transpose");
  if (!transpose || !same(transpose.intLists?.perm, perm) || g.dataReaders(value).length !== 1) return undefined;
  const reshape = g.producer(transpose.inputs[0], "Reshape");
  if (!reshape || g.dataReaders(reshape.outputs[0]).length !== 1) return undefined;
  const shape = g.constant(reshape.inputs[1])?.values;
  // A shape computed at run time (Shape/Gather/Concat) leaves the head count to the model's config.
  const heads = shape && shape.length === 4 && shape[2] > 0 ? shape[2] : undefined;
  if (shape && shape.length !== 4) return undefined;
  return { input: reshape.inputs[0], nodes: [reshape, transpose], heads };
}

/** Kᵀ: one Transpose(0,2,3,1) of the head split, or the head split's (0,2,1,3) then a swap of the last two axes (0,1,3,2). */
function keyHeads(g: GraphIndex, value: string) {
  const direct = headSplit(g, value, [0, 2, 3, 1]);
  if (direct) return direct;
  const swap = g.producer(value, "Transpose");
  if (!swap || !same(swap.intLists?.perm, [0, 1, 3, 2]) || g.dataReaders(value).length !== 1) return undefined;
  const heads = headSplit(g, swap.inputs[0], [0, 2, 1, 3]);
  return heads && { ...heads, nodes: [...heads.nodes, swap] };
}

/** value = Add(Mul(Cast(MatMulInteger(xq, W, xzp, wzp)), Mul(xs, ws)), b), bias on either side. */
function quantizedLinear(g: GraphIndex, value: string): QuantizedLinear | undefined {
  const add = g.producer(value, "Add");
  if (!add) return undefined;
  const biasName = add.inputs.find((i) => g.isConstant(i));
  const product = g.producer(add.inputs.find((i) => i !== biasName) ?? "", "Mul");
  const bias = biasName === undefined ? undefined : g.constant(biasName);
  if (!product || !bias || bias.dataType !== DataType.FLOAT || bias.dims.length !== 1 || g.dataReaders(product.outputs[0]).length !== 1) return undefined;
  const [castOut, scaleOut] = g.producer(product.inputs[0], "Cast") ? [product.inputs[0], product.inputs[1]] : [product.inputs[1], product.inputs[0]];
  const cast = g.producer(castOut, "Cast");
  const scaleMul = g.producer(scaleOut, "Mul");
  if (!cast || cast.ints.to !== DataType.FLOAT || !scaleMul) return undefined;
  const integer = g.producer(cast.inputs[0], "MatMulInteger");
  if (!integer) return undefined;
  const quantize = g.producer(integer.inputs[0], "DynamicQuantizeLinear");
  if (!quantize || integer.inputs[2] !== quantize.outputs[2]) return undefined;
  const weightScaleName = scaleMul.inputs.find((i) => i !== quantize.outputs[1]);
  if (!scaleMul.inputs.includes(quantize.outputs[1]) || weightScaleName === undefined) return undefined;
  const w = g.constant(integer.inputs[1]);
  const ws = g.constant(weightScaleName);
  const wzp = integer.inputs[3] ? g.constant(integer.inputs[3]) : undefined;
  if (!w?.bytes || w.dims.length !== 2 || !ws || ws.dataType !== DataType.FLOAT) return undefined;
  if (integer.inputs[3] && (!wzp || wzp.dataType !== w.dataType)) return undefined;
  const [rows, cols] = w.dims;
  const perColumn = (values: number[]) => (values.length === 1 ? new Array<number>(cols).fill(values[0]) : values.length === cols ? values : undefined);
  const scale = perColumn(ws.values);
  const zeroPoint = perColumn(wzp?.values ?? [0]);
  if (!scale || !zeroPoint || bias.values.length !== cols) return undefined;
  for (const node of [integer, cast, scaleMul, product, add]) if (g.dataReaders(node.outputs[0]).length !== 1) return undefined;
  return { quantize, weight: { rows, cols, dataType: w.dataType, bytes: w.bytes }, scale, zeroPoint, bias: bias.values, nodes: [integer, cast, scaleMul, product, add] };
}

/** The QAttention node and its four constants for one block; `n` numbers the block. */
export function qattentionFor(block: AttentionBlock, n: number, maskIndex: string): { node: NodeSpec; name: string; initializers: InitSpec[] } {
  const { q, k, v } = block;
  const prefix = `semsearch_qattention_${n}`;
  const { rows, cols } = q.weight;
  // [rows, 3·cols]: each row is Q's row, then K's, then V's.
  const weight = new Uint8Array(rows * cols * 3);
  for (let r = 0; r < rows; r++) {
    [q, k, v].forEach((part, p) => weight.set(part.weight.bytes.subarray(r * cols, (r + 1) * cols), r * cols * 3 + p * cols));
  }
  const int8 = q.weight.dataType === DataType.INT8;
  const zeroPoints = [...q.zeroPoint, ...k.zeroPoint, ...v.zeroPoint];
  const initializers: InitSpec[] = [
    { name: `${prefix}_weight`, dims: [rows, cols * 3], type: int8 ? ElemType.INT8 : ElemType.UINT8, bytes: weight },
    { name: `${prefix}_bias`, dims: [cols * 3], type: ElemType.FLOAT, bytes: floats([...q.bias, ...k.bias, ...v.bias]) },
    { name: `${prefix}_weight_scale`, dims: [cols * 3], type: ElemType.FLOAT, bytes: floats([...q.scale, ...k.scale, ...v.scale]) },
    { name: `${prefix}_weight_zero_point`, dims: [cols * 3], type: int8 ? ElemType.INT8 : ElemType.UINT8, bytes: int8 ? new Uint8Array(Int8Array.from(zeroPoints).buffer) : Uint8Array.from(zeroPoints) },
  ];
  const [xq, xs, xzp] = q.quantize.outputs;
  const node: NodeSpec = {
    op: "QAttention",
    domain: "com.microsoft",
    inputs: [xq, initializers[0].name, initializers[1].name, xs, initializers[2].name, maskIndex, xzp, initializers[3].name],
    outputs: [block.output.outputs[0]],
    attrs: { num_heads: block.heads },
  };
  return { node, name: `${prefix}`, initializers };
}

function floats(values: number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}
