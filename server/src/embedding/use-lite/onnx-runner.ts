// Runs USE Lite's converted graph (./graph.ts) with onnxruntime-node. Loads in the embedding worker
// only: onnxruntime's native addon can be loaded by one thread of a process.
import type { InferenceSession, Tensor } from "onnxruntime-node";
import { onnxruntime } from "../onnxruntime";
import { buildUseLiteOnnx } from "./graph";
import { readUseLiteFiles } from "./package-files";
import { UseLiteTokenizer } from "./tokenizer";

/**
 * Tokens packed into one model run. Attention is computed over the whole run and masked to each
 * text's block, so the masked-out part costs time: runs of a few texts keep it small while the
 * matrix products still get enough rows to keep every core busy.
 */
export const RUN_TOKENS = 256;
/** Added to attention scores across texts: the value TF.js's graph adds for padding. */
const MASKED = -1e9;

export interface UseLiteOnnx {
  tokenizer: UseLiteTokenizer;
  /** Positions the model reads per text; later tokens are dropped, as the TF.js graph does. */
  maxTokens: number;
  /** One vector (not normalised) per text. */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}


export async function loadUseLiteOnnx(options: { threads: number; runTokens?: number }): Promise<UseLiteOnnx> {
  const files = await readUseLiteFiles();
  const tokenizer = new UseLiteTokenizer(files.vocabulary);
  const { bytes, shape } = buildUseLiteOnnx(files);
  const ort = onnxruntime();
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: options.threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
    // As for transformers.js models (embedding/transformers.ts): threads that sleep between calls
    // leave the search's main thread a core (bench/RESULTS.md §9b).
    extra: { session: { intra_op: { allow_spinning: "0" } } },
  });
  const runTokens = Math.max(shape.maxTokens, options.runTokens ?? RUN_TOKENS);

  async function run(ids: number[][]): Promise<Float32Array[]> {
    const n = Math.max(1, ids.reduce((sum, t) => sum + t.length, 0));
    const flatIds = new Int32Array(n);
    const positions = new Int32Array(n);
    const bias = new Float32Array(n * n).fill(MASKED);
    const pool = new Float32Array(ids.length * n);
    if (n === 1 && ids.every((t) => t.length === 0)) bias[0] = 0; // only empty texts: one unused token keeps shapes non-empty
    let at = 0;
    ids.forEach((text, t) => {
      for (let i = 0; i < text.length; i++) {
        flatIds[at + i] = text[i];
        positions[at + i] = i;
        bias.fill(0, (at + i) * n + at, (at + i) * n + at + text.length);
        pool[t * n + at + i] = 1 / text.length;
      }
      at += text.length;
    });
    const feeds: Record<string, Tensor> = {
      ids: new ort.Tensor("int32", flatIds, [n]),
      positions: new ort.Tensor("int32", positions, [n]),
      attention_bias: new ort.Tensor("float32", bias, [n, n]),
      pool: new ort.Tensor("float32", pool, [ids.length, n]),
    };
    const out = (await session.run(feeds)).embedding;
    const data = out.data as Float32Array;
    const width = out.dims[1];
    const rows = ids.map((_, t) => data.slice(t * width, (t + 1) * width));
    out.dispose();
    return rows;
  }

  return {
    tokenizer,
    maxTokens: shape.maxTokens,
    async embed(texts) {
      const ids = texts.map((t) => tokenizer.encode(t).slice(0, shape.maxTokens));
      const vectors: Float32Array[] = [];
      // Texts in order, as many to a run as fit in runTokens.
      for (let start = 0; start < ids.length; ) {
        let end = start + 1;
        let tokens = ids[start].length;
        while (end < ids.length && tokens + ids[end].length <= runTokens) tokens += ids[end++].length;
        vectors.push(...(await run(ids.slice(start, end))));
        start = end;
      }
      return vectors;
    },
    async dispose() {
      await (session as InferenceSession & { release?: () => Promise<void> }).release?.();
    },
  };
}
