// The engine's handle on one model in the embedding worker: loads it (falling back to the bundled
// model when allowed) and embeds through the worker's two lanes.
import { BUNDLED_MODEL_ID } from "./bundled";
import { isBundled, type ModelSpec } from "./model-spec";
import { cutToWindow, inputCharLimit, MAX_CHARS_PER_TOKEN, ModelLoadError, type ReadExtent } from "./provider";
import type { Truncation } from "../../../shared/src/types";
import { embedClient, type Lane } from "./worker-host";
import type { FromWorker } from "./worker-protocol";

export type { Lane } from "./worker-host";

export interface LoadedModel {
  modelId: string;
  dimensions: number;
  maxTokens: number;
  /** Tokens the model adds to every text; undefined when it does not count tokens (no hard limit). */
  specialTokens?: number;
  /** Set when the configured model failed and the bundled one was loaded instead. */
  fallbackReason?: string;
  /** How the model runs (EmbeddingProvider.runtime), for the log. */
  runtime?: string;
}

/** When to use the bundled model instead of one that fails to load (see EngineOptions.fallback). */
export type Fallback = boolean | "unless-missing";

/** Query texts whose measured extent is kept (EmbeddingService.truncation). */
const MEASURED_KEPT = 16;

type LoadReply = Extract<FromWorker, { type: "loaded" | "failed" }>;

export class EmbeddingService {
  private key: string | undefined;
  model: LoadedModel | undefined;

  /** Loads the model; on failure falls back to the bundled model as `fallback` allows. */
  async load(spec: ModelSpec, fallback: Fallback = true): Promise<LoadedModel> {
    const first = await this.loadKey(spec);
    if (first.type === "loaded") return this.use(spec, first);
    const failure = new ModelLoadError(first.message, first.modelId ?? spec.model, first.lookedIn ?? [], !!first.missing);
    if (!fallback || isBundled(spec.model) || (fallback === "unless-missing" && failure.missing)) throw failure;
    const bundled: ModelSpec = { model: BUNDLED_MODEL_ID };
    const second = await this.loadKey(bundled);
    if (second.type !== "loaded") throw new ModelLoadError(`${failure.message} The bundled fallback failed too: ${second.message}`, failure.modelId, failure.lookedIn);
    return this.use(bundled, second, `${failure.message} Using the bundled offline model instead.`);
  }

  /**
   * Vectors for texts; an aborted signal drops the request if it has not started (EmbedCancelled).
   * Not async: the request is posted before this returns when the worker's port is connected (see
   * EmbedClient.send), so that a caller can go on with other work while the worker embeds.
   */
  embed(texts: string[], lane: Lane = "index", signal?: AbortSignal): Promise<Float32Array[]> {
    if (!texts.length) return Promise.resolve([]);
    if (!this.key) return Promise.reject(new Error("no embedding model is loaded"));
    // Cut here as well as in the worker, so that a huge text is not even copied across threads.
    const maxTokens = this.model?.maxTokens ?? Infinity;
    let cut: string[];
    try {
      cut = texts.map((t) => cutToWindow(t, maxTokens));
    } catch (err) {
      return Promise.reject(err);
    }
    // A query or a selection: the worker says with its vector how much of it the model read, for truncation().
    const measure = lane === "query" && cut.length === 1;
    return embedClient()
      .send({ type: "embed", key: this.key, texts: cut, ...(measure ? { measure } : {}) }, lane, signal)
      .then((reply) => {
        if (reply.type !== "embedded") throw new Error(`Embedding failed: ${reply.type === "failed" ? reply.message : reply.type}`);
        if (measure && reply.extents) this.remember(cut[0], reply.extents[0]);
        return reply.vectors;
      });
  }

  /**
   * Set when the model reads less than all of `text` (see ReadExtent), so that the result can say so.
   * After a query-lane embed of the same text this reads what the worker measured with it; otherwise
   * it asks the worker, which tokenizes the text cut to its character bound, never more.
   */
  async truncation(text: string): Promise<Truncation | undefined> {
    const maxTokens = this.model?.maxTokens ?? Infinity;
    const cut = cutToWindow(text, maxTokens);
    const extent = this.measured.has(cut) ? this.measured.get(cut) : await this.measure(cut).catch(() => null);
    return truncationNote(text.length, cut.length, maxTokens, extent ?? undefined);
  }

  /** What the worker measured of the latest query-lane texts (each cut), for truncation(). */
  private readonly measured = new Map<string, ReadExtent | null>();

  private remember(cut: string, extent: ReadExtent | null): void {
    this.measured.delete(cut);
    this.measured.set(cut, extent);
    // A few are enough: truncation() is asked right after the embed it belongs to.
    if (this.measured.size > MEASURED_KEPT) this.measured.delete(this.measured.keys().next().value!);
  }

  private async measure(cut: string): Promise<ReadExtent | null> {
    if (!this.key) return null;
    const reply = await embedClient().send({ type: "measure", key: this.key, texts: [cut] }, "query");
    if (reply.type !== "measured") throw new Error(`Measuring the text failed: ${reply.type === "failed" ? reply.message : reply.type}`);
    return reply.extents[0];
  }

  /** Token counts as the model sees the texts (see EmbeddingProvider.countTokens); only for models with specialTokens. */
  async countTokens(texts: string[], lane: Lane = "index"): Promise<number[]> {
    if (!texts.length) return [];
    if (!this.key) throw new Error("no embedding model is loaded");
    const reply = await embedClient().send({ type: "count", key: this.key, texts }, lane);
    if (reply.type === "counted") return reply.counts;
    throw new Error(`Counting tokens failed: ${reply.type === "failed" ? reply.message : reply.type}`);
  }

  /** Lets go of the model: the worker unloads it once no engine in the process holds it (then true). */
  async dispose(): Promise<boolean> {
    const key = this.key;
    this.key = undefined;
    return key ? embedClient().release(key) : false;
  }

  private async loadKey(spec: ModelSpec): Promise<LoadReply> {
    try {
      const reply = await embedClient().send({ type: "load", key: keyOf(spec), spec }, "query");
      if (reply.type === "loaded" || reply.type === "failed") return reply;
      return { type: "failed", id: reply.id, message: `unexpected reply ${reply.type}` };
    } catch (err) {
      return { type: "failed", id: 0, message: (err as Error).message };
    }
  }

  private use(spec: ModelSpec, reply: FromWorker & { type: "loaded" }, fallbackReason?: string): LoadedModel {
    this.key = keyOf(spec);
    embedClient().hold(this.key);
    this.model = { modelId: reply.modelId, dimensions: reply.dimensions, maxTokens: reply.maxTokens, specialTokens: reply.specialTokens ?? undefined, fallbackReason, ...(reply.runtime ? { runtime: reply.runtime } : {}) };
    return this.model;
  }
}

function keyOf(spec: ModelSpec): string {
  return JSON.stringify([isBundled(spec.model) ? BUNDLED_MODEL_ID : spec.model, spec.localModelPath ?? "", !!spec.allowDownload, spec.cacheDir ?? "", spec.fuseAttention !== false]);
}

/**
 * The note for a text of `totalChars` characters, of which the first `cutChars` went to the model
 * (cutToWindow) and it read `extent` of those. Without an extent (a model that cannot say) only the
 * character cut is known. Past the cut the text was never tokenized: its tokens are estimated at
 * the rate of the part that was.
 */
export function truncationNote(totalChars: number, cutChars: number, maxTokens: number, extent?: ReadExtent): Truncation | undefined {
  const n = (x: number) => x.toLocaleString("en-US");
  const advice = "Select or paste a shorter passage to search by all of it.";
  const charCut = cutChars < totalChars;
  if (!extent) {
    if (!charCut) return undefined;
    return {
      usedChars: cutChars,
      totalChars,
      message: `The text has ${n(totalChars)} characters; the model reads about ${n(inputCharLimit(maxTokens) / MAX_CHARS_PER_TOKEN)} tokens, so only the first ${n(cutChars)} characters were embedded. ${advice}`,
    };
  }
  if (!charCut && extent.readTokens >= extent.tokens) return undefined;
  const tokens = charCut && cutChars > 0 ? Math.round((extent.tokens * totalChars) / cutChars) : extent.tokens;
  const usedChars = Math.min(extent.readChars, cutChars);
  return {
    usedChars,
    totalChars,
    tokens,
    readTokens: extent.readTokens,
    message:
      `The text has ${charCut ? "about " : ""}${n(tokens)} tokens (${n(totalChars)} characters), and the model reads only its first ${n(extent.readTokens)} tokens: ` +
      `${extent.approximate ? "about " : ""}the first ${n(usedChars)} characters were embedded, the rest was not. ${advice}`,
  };
}
