// One interface for every embedding model, so the engine never knows which one it runs.

export interface EmbeddingProvider {
  /** Stable id stored with every vector, e.g. "Xenova/all-MiniLM-L6-v2" or "bundled:use-lite". */
  readonly modelId: string;
  readonly dimensions: number;
  /** The model's sequence limit used for truncation (256 tokens for all-MiniLM-L6-v2). */
  readonly maxTokens: number;
  /**
   * Tokens each text takes untruncated, the model's special tokens included. Present when texts past
   * maxTokens are cut off (transformers.js models), so that the indexer can split them instead.
   */
  countTokens?(texts: string[]): number[];
  /** L2-normalised vectors, one per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

/** A model that could not be loaded: says which, where we looked, and (in the message) what to set. */
export class ModelLoadError extends Error {
  constructor(
    message: string,
    readonly modelId: string,
    readonly lookedIn: string[],
    /** True when the model is simply not on disk (and may be downloaded), not broken. */
    readonly missing = false,
  ) {
    super(message);
    this.name = "ModelLoadError";
  }
}
