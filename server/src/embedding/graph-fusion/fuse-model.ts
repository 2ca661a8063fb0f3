// A copy of a q8 BERT-style ONNX model with its attention blocks fused (attention-fusion.ts),
// spliced into the original bytes: the replaced nodes and the constants only they used are cut out,
// the new nodes go where the old block ended, and everything else (weights included) is copied as
// it was. Pure: no file access, no onnxruntime (fused-model.ts checks the result).
import { parseOnnx, type OnnxGraph, type OnnxNode } from "../../inspect/onnx-model";
import { concat, encodeVarint, fields, readVarint, text, Wire } from "../../inspect/protobuf";
import { ElemType, encodeInitializerField, encodeNodeField, encodeOpsetImportField, type NodeSpec } from "../use-lite/onnx-proto";
import { findAttentionBlocks, qattentionFor } from "./attention-fusion";
import { GraphIndex } from "./graph-index";

export interface FuseOptions {
  /** The graph input holding the 0/1 attention mask. Default "attention_mask". */
  maskInput?: string;
  /** Heads per layer (config.json num_attention_heads), for graphs whose reshapes compute their shape. */
  numHeads?: number;
}

export type FuseResult = { bytes: Uint8Array; blocks: number } | { bytes?: undefined; reason: string };

const MS_DOMAIN = "com.microsoft";

export function fuseAttention(model: Uint8Array, options: FuseOptions = {}): FuseResult {
  const maskInput = options.maskInput ?? "attention_mask";
  let graph: OnnxGraph;
  try {
    graph = parseOnnx(model);
  } catch (err) {
    return { reason: `not a readable ONNX model (${(err as Error).message})` };
  }
  if (!graph.inputs.includes(maskInput)) return { reason: `the graph has no ${maskInput} input` };
  if (graph.nodes.some((n) => !n.span)) return { reason: "node positions unknown" };
  const g = new GraphIndex(model, graph);
  const blocks = findAttentionBlocks(g, maskInput, options.numHeads);
  if (!blocks.length) return { reason: "no quantized attention block matched" };

  const maskIndex = "semsearch_mask_index_int32";
  const removed = new Set<OnnxNode>(blocks.flatMap((b) => b.replaced));
  // New nodes, keyed by the node they take the place of (written where it was).
  const inserted = new Map<OnnxNode, NodeSpec[]>();
  const names = new Map<NodeSpec, string>();
  const initializers = blocks.flatMap((block, n) => {
    const { node, name, initializers } = qattentionFor(block, n, maskIndex);
    inserted.set(block.output, [node]);
    names.set(node, name);
    return initializers;
  });
  const maskCast: NodeSpec = { op: "Cast", inputs: [maskInput], outputs: [maskIndex], attrs: { to: ElemType.INT32 } };
  names.set(maskCast, "semsearch_mask_index_cast");
  inserted.set(graph.nodes[0], [maskCast, ...(inserted.get(graph.nodes[0]) ?? [])]);

  // What the new graph still reads: anything else that only the replaced nodes read goes too
  // (the mask term's nodes, K/V quantize nodes, Constant nodes of scales and shapes).
  const added = [...inserted.values()].flat();
  const { dead, read: usedNames } = deadAfter(graph, removed, added);
  const droppedInitializers = graph.initializers.filter((t) => !usedNames.has(t.name) && t.span);
  // Every value the new graph reads must still be written: a Shape node that read a replaced value
  // and feeds something that stays (not only the replaced reshapes) would be left dangling.
  const written = new Set([...graph.inputs, ...graph.initializers.filter((t) => usedNames.has(t.name)).map((t) => t.name), ...initializers.map((t) => t.name)]);
  for (const n of graph.nodes) if (!dead.has(n)) for (const o of n.outputs) written.add(o);
  for (const n of added) for (const o of n.outputs) written.add(o);
  const dangling = [...usedNames].find((name) => name && !written.has(name));
  if (dangling !== undefined) return { reason: `the rewrite would leave ${dangling} unwritten` };

  const cuts: { at: number; end: number; insert?: Uint8Array[] }[] = [];
  for (const node of graph.nodes) {
    const add = inserted.get(node)?.map((spec) => encodeNodeField(spec, names.get(spec)!)) ?? [];
    if (dead.has(node)) cuts.push({ at: node.span!.start, end: node.span!.end, insert: add });
    else if (add.length) cuts.push({ at: node.span!.start, end: node.span!.start, insert: add });
  }
  for (const t of droppedInitializers) cuts.push({ at: t.span!.start, end: t.span!.end });
  cuts.sort((a, b) => a.at - b.at);
  const { start, end, tagStart } = graph.graphField;
  const pieces: Uint8Array[] = [];
  let cursor = start;
  for (const cut of cuts) {
    pieces.push(model.subarray(cursor, cut.at), ...(cut.insert ?? []));
    cursor = cut.end;
  }
  pieces.push(model.subarray(cursor, end), ...initializers.map(encodeInitializerField));
  const payload = concat(pieces);
  const [tag] = readVarint(model, tagStart);
  const needsDomain = !hasOpsetDomain(model, MS_DOMAIN);
  const bytes = concat([
    model.subarray(0, tagStart),
    new Uint8Array(encodeVarint(tag)),
    new Uint8Array(encodeVarint(payload.length)),
    payload,
    model.subarray(end),
    ...(needsDomain ? [encodeOpsetImportField(MS_DOMAIN, 1)] : []),
  ]);
  return { bytes, blocks: blocks.length };
}

/**
 * The removed nodes and every node whose outputs nothing reads once they are gone (dead), and the
 * values the remaining and added nodes and the graph's outputs read (read).
 */
function deadAfter(graph: OnnxGraph, removed: Set<OnnxNode>, added: NodeSpec[]): { dead: Set<OnnxNode>; read: Set<string> } {
  const dead = new Set(removed);
  for (;;) {
    const read = new Set([...graph.nodes.filter((n) => !dead.has(n)).flatMap((n) => n.inputs), ...added.flatMap((n) => n.inputs), ...graph.outputs]);
    const more = graph.nodes.filter((n) => !dead.has(n) && n.outputs.every((o) => !o || !read.has(o)));
    if (!more.length) return { dead, read };
    for (const n of more) dead.add(n);
  }
}

function hasOpsetDomain(model: Uint8Array, domain: string): boolean {
  for (const f of fields(model)) {
    if (f.no !== 8 || f.wire !== Wire.Bytes) continue;
    for (const x of fields(model, f.start, f.end)) if (x.no === 1 && x.wire === Wire.Bytes && text(model, x) === domain) return true;
  }
  return false;
}
