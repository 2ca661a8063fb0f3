// What one run of a model with its intermediate outputs exposed gives back: the raw material of
// the journey and attention views. Made in the embedding worker, shaped on the calling thread.
import type { ModelSpec } from "../embedding/model-spec";

export interface TraceStop {
  name: string;
  /** The graph tensor (ONNX) or node (TF.js) it was read from. */
  tensor: string;
  width: number;
  /** Token stops: [tokens, width] row-major; sentence stops: [width]. */
  data: Float32Array;
}

export interface TraceAttention {
  tensor: string;
  heads: number;
  /** [from token, to token] row-major, averaged over heads. */
  data: Float32Array;
}

export interface Trace {
  model: string;
  tokens: string[];
  /** Transformer layers: tokenStops has layers + 1 entries (after the embeddings, then each layer). */
  layers: number;
  tokenStops: TraceStop[];
  /** After the layers: pooling and whatever else the model does to reach the embedding (last). */
  sentenceStops: TraceStop[];
  attention: TraceAttention[] | { missing: string };
  /** Which file was run and how the intermediate outputs were obtained. */
  source: string;
  notes: string[];
}

/** The inspector's work for the embedding worker (the only thread that may run onnxruntime). */
export type InspectJob = { kind: "trace"; spec: ModelSpec; text: string; dtype?: "q8" | "fp32" };

export function averageHeads(data: Float32Array, heads: number, seq: number): Float32Array {
  const sum = new Float64Array(seq * seq);
  for (let h = 0; h < heads; h++) for (let i = 0; i < seq * seq; i++) sum[i] += data[h * seq * seq + i];
  return Float32Array.from(sum, (x) => x / heads);
}
