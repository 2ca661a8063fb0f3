// One interface for every embedding model, so the engine never knows which one it runs.

export interface EmbeddingProvider {
  /** Stable id stored with every vector, e.g. "Xenova/all-MiniLM-L6-v2" or "bundled:use-lite". */
  readonly modelId: string;
  readonly dimensions: number;
  /**
   * The tokens of a text the provider reads: the model's sequence limit (256 for all-MiniLM-L6-v2),
   * or more for a provider that reads a long text in windows of its model's limit (the bundled one:
   * 8 windows of 128). Texts are cut to about this much before they are tokenized (cutToWindow).
   */
  readonly maxTokens: number;
  /** How the model runs, when that is worth a line in the log (its graph rewritten, or why not). */
  readonly runtime?: string;
  /**
   * Tokens each text takes untruncated, the model's special tokens included. Present when texts past
   * maxTokens are cut off (transformers.js models), so that the indexer can split them instead.
   */
  countTokens?(texts: string[]): number[];
  /**
   * How much of a text the model reads, in its own tokens (see ReadExtent): for the note that says a
   * query or a selection was cut. The text has been cut to maxTokens' characters already (cutToWindow).
   */
  readExtent?(text: string): ReadExtent;
  /** L2-normalised vectors, one per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

/**
 * The part of one text a model reads. The character cut (cutToWindow) lets several times a window's
 * worth of text through, so whether a text was read whole is told by the tokens, not the characters:
 * the bundled model reads the first 128 tokens of the 8,192 characters it is given, ~500 of prose.
 * The model's own tokens ([CLS], [SEP]) are not counted.
 */
export interface ReadExtent {
  /** Tokens the text has. */
  tokens: number;
  /** Tokens of it that the model reads: all, or the first so many. */
  readTokens: number;
  /** Characters of the text, from its start, that those tokens cover. */
  readChars: number;
  /** True when readChars is estimated in proportion to the tokens, not where the last token read ends. */
  approximate: boolean;
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

/**
 * Characters a token covers at most, for cutting texts before the tokenizer sees them. English runs
 * about 4 characters a token; 16 leaves room for long words, numbers and code, so a text cut here
 * still fills the model's window. Cutting matters because tokenizing and running a long text costs
 * far more than the window it ends up in (bench: 100,000 characters held the embedding worker for
 * 15-30 s on the bundled model, which reads every token it is given; 8,000 took 0.1 s).
 */
export const MAX_CHARS_PER_TOKEN = 16;

/** The window assumed for a model that names none (or an unbounded one). */
const FALLBACK_WINDOW_TOKENS = 512;

/** The longest text, in characters, worth handing to a model with this token window. */
export function inputCharLimit(maxTokens: number): number {
  const window = Number.isFinite(maxTokens) && maxTokens > 0 ? maxTokens : FALLBACK_WINDOW_TOKENS;
  return window * MAX_CHARS_PER_TOKEN;
}

/** The start of a text that a model with this token window reads; a surrogate pair is never split. */
export function cutToWindow(text: string, maxTokens: number): string {
  const limit = inputCharLimit(maxTokens);
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}
