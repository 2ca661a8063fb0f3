// Which model to load and how: the one description both the engine and the worker understand.
import { homedir } from "node:os";
import { join } from "node:path";
import { BUNDLED_MODEL_ID, loadBundledProvider } from "./bundled";
import type { EmbeddingProvider } from "./provider";
import { loadTransformersProvider } from "./transformers";

export const DEFAULT_MODEL = "Xenova/all-MiniLM-L6-v2";

export interface ModelSpec {
  /** "bundled", a model id such as "Xenova/all-MiniLM-L6-v2", or a path to a local model folder. */
  model: string;
  /** A folder holding models as <folder>/<org>/<name>/ (transformers.js's localModelPath). */
  localModelPath?: string;
  /** Only when true may transformers.js fetch the model from the hub. */
  allowDownload?: boolean;
  /** Where downloaded models are kept. */
  cacheDir?: string;
  /** RSA private key (PEM file) of a model folder encrypted with `semsearch model encrypt`. */
  modelKeyFile?: string;
  /**
   * Whether a q8 model's attention is rewritten for onnxruntime's fused kernel at load (graph-fusion/):
   * about 10% more chunks/s for a process that embeds many texts, for about 130 ms more load time,
   * which a one-shot command (a search, an embed) pays without the gain. Default true.
   */
  fuseAttention?: boolean;
}

/** Where models are looked for and downloaded to unless the user says otherwise: a per-user cache. */
export function defaultModelFolder(): string {
  return process.env.SEMSEARCH_MODELS ?? join(homedir(), ".cache", "semsearch", "models");
}

export function isBundled(model: string): boolean {
  return model === "bundled" || model === BUNDLED_MODEL_ID;
}

export async function loadProvider(spec: ModelSpec): Promise<EmbeddingProvider> {
  if (isBundled(spec.model)) return loadBundledProvider();
  return loadTransformersProvider({
    modelId: spec.model,
    localModelPath: spec.localModelPath || defaultModelFolder(),
    allowRemote: spec.allowDownload ?? false,
    cacheDir: spec.cacheDir || defaultModelFolder(),
    dtype: "q8",
    modelKeyFile: spec.modelKeyFile || undefined,
    fuseAttention: spec.fuseAttention,
  });
}
