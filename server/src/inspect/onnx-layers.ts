// Where, in an ONNX encoder graph, the hidden state leaves the embedding layer and each
// transformer layer, and where each layer's attention probabilities are. ONNX files only name
// their final output, so these tensors are found in the graph, by two strategies:
//
// 1. Module scopes. torch.onnx / optimum exports (Xenova's models among them) name nodes after the
//    PyTorch module they come from: "/embeddings/LayerNorm/...", "/encoder/layer.3/output/LayerNorm/...".
//    A scope's output is the last computing node in it whose result is used outside the scope.
// 2. Structure, for graphs without such names: one Softmax per layer, and a LayerNorm after the
//    embeddings and two per post-LN layer (BERT), so stops are LayerNorms 0, 2, 4, ...
import type { OnnxGraph, OnnxNode } from "./onnx-model";

export interface LayerPlan {
  /** Stop 0: after the embeddings; stop i: after layer i. */
  hidden: string[];
  /** Attention probabilities [batch, heads, seq, seq] per layer, or why there are none. */
  attention: string[] | { missing: string };
  strategy: "module names" | "graph structure";
}

/** Ops that move, reshape or (de)quantise values: never where a layer "ends". */
const PLUMBING = new Set([
  "Shape", "Size", "Constant", "ConstantOfShape", "Cast", "Unsqueeze", "Squeeze", "Concat", "Gather", "Slice",
  "DynamicQuantizeLinear", "QuantizeLinear", "DequantizeLinear", "Reshape", "Identity", "Range", "Equal", "Where", "Expand",
]);
const NORMS = new Set(["LayerNormalization", "SkipLayerNormalization", "SimplifiedLayerNormalization", "SkipSimplifiedLayerNormalization", "EmbedLayerNormalization"]);
const FUSED_ATTENTION = new Set(["Attention", "MultiHeadAttention", "PackedAttention", "GroupQueryAttention"]);

export function planLayers(graph: OnnxGraph): LayerPlan {
  return byModuleNames(graph) ?? byStructure(graph);
}

function scopeOf(name: string): { kind: "embeddings" } | { kind: "layer"; index: number } | undefined {
  const layer = /(?:^|\/)(?:encoder\/)?layers?[._](\d+)\//.exec(name);
  if (layer) return { kind: "layer", index: Number(layer[1]) };
  if (/(?:^|\/)embeddings\//.test(name)) return { kind: "embeddings" };
  return undefined;
}

function byModuleNames(graph: OnnxGraph): LayerPlan | undefined {
  const scopeKey = (n: OnnxNode) => {
    const s = scopeOf(n.name);
    return s ? (s.kind === "embeddings" ? "e" : `l${s.index}`) : undefined;
  };
  const producerScope = new Map<string, string | undefined>();
  for (const n of graph.nodes) for (const o of n.outputs) producerScope.set(o, scopeKey(n));
  // Tensors used outside the scope that made them (or graph outputs).
  const leaves = new Set(graph.outputs);
  for (const n of graph.nodes) {
    const here = scopeKey(n);
    for (const i of n.inputs) if (producerScope.has(i) && producerScope.get(i) !== here) leaves.add(i);
  }
  const last = new Map<string, string>();
  const softmax = new Map<number, string>();
  for (const n of graph.nodes) {
    const key = scopeKey(n);
    if (!key) continue;
    if (n.opType === "Softmax" && key.startsWith("l") && !softmax.has(Number(key.slice(1)))) softmax.set(Number(key.slice(1)), n.outputs[0]);
    if (!PLUMBING.has(n.opType) && n.outputs[0] && leaves.has(n.outputs[0])) last.set(key, n.outputs[0]);
  }
  const layers = [...last.keys()].filter((k) => k.startsWith("l")).map((k) => Number(k.slice(1))).sort((a, b) => a - b);
  if (!last.has("e") || !layers.length || layers.some((l, i) => l !== i)) return undefined;
  const hidden = [last.get("e")!, ...layers.map((l) => last.get(`l${l}`)!)];
  const attention = layers.every((l) => softmax.has(l)) ? layers.map((l) => softmax.get(l)!) : { missing: attentionMissing(graph) };
  return { hidden, attention, strategy: "module names" };
}

function byStructure(graph: OnnxGraph): LayerPlan {
  const softmax = graph.nodes.filter((n) => n.opType === "Softmax").map((n) => n.outputs[0]);
  const fused = graph.nodes.filter((n) => FUSED_ATTENTION.has(n.opType));
  const norms = graph.nodes.filter((n) => NORMS.has(n.opType));
  const layers = fused.length || softmax.length;
  if (layers && norms.length === 2 * layers + 1) {
    const hidden = norms.filter((_, i) => i % 2 === 0).map((n) => n.outputs[0]);
    const attention = !fused.length && softmax.length === layers ? softmax : { missing: attentionMissing(graph) };
    return { hidden, attention, strategy: "graph structure" };
  }
  throw new Error(
    `cannot find the layer outputs in this ONNX graph: its nodes are not named after model modules, and it has ` +
      `${softmax.length} Softmax, ${fused.length} fused attention and ${norms.length} LayerNorm nodes ` +
      `(a BERT-style encoder has one attention and two LayerNorms per layer, plus one after the embeddings). ` +
      `Only the final output (the embedding) can be shown for this model.`,
  );
}

function attentionMissing(graph: OnnxGraph): string {
  return graph.nodes.some((n) => FUSED_ATTENTION.has(n.opType))
    ? "this model computes attention inside a fused Attention operator, which does not expose the attention weights"
    : "this model's graph has no Softmax per layer to read the attention weights from";
}
