// Shapes a model trace into the seed's views: the travel of the first N values through the
// layers (for one token, or for the mean over the sentence's tokens), and one token's attention.
import type { AttentionResult, JourneyResult, JourneyStop } from "../../../shared/src/protocol";
import type { Trace } from "./trace";
import { vectorStats } from "../search/vector-math";

export const DEFAULT_VALUES = 20;

/** Token text without the word-piece markers ("##", SentencePiece's "▁", BPE's "Ġ"), lower-cased. */
function bare(token: string): string {
  return token.replace(/^(##|▁|Ġ)/, "").toLowerCase();
}

/**
 * A token index, or the first token whose text matches (ignoring case and word-piece markers), or
 * the first piece of a word split into pieces ("Tower" -> "▁To" of "▁To" "wer").
 */
export function resolveToken(tokens: string[], token: number | string): number {
  if (typeof token === "number" || /^\d+$/.test(token)) {
    const i = Number(token);
    if (!Number.isInteger(i) || i < 0 || i >= tokens.length) throw new Error(`token index ${token} is out of range: the text has ${tokens.length} tokens (0-${tokens.length - 1}): ${tokens.join(" ")}`);
    return i;
  }
  const wanted = bare(token);
  let i = tokens.findIndex((t) => t === token);
  if (i < 0) i = tokens.findIndex((t) => bare(t) === wanted);
  if (i < 0) i = tokens.findIndex((_, k) => spells(tokens, k, wanted));
  if (i < 0) throw new Error(`no token "${token}" in the text; its tokens are: ${tokens.map((t, k) => `${k}:${t}`).join(" ")}`);
  return i;
}

/** Whether the pieces from `start` on spell `word` exactly. */
function spells(tokens: string[], start: number, word: string): boolean {
  let s = "";
  for (let k = start; k < tokens.length && s.length < word.length; k++) s += bare(tokens[k]);
  return s === word && bare(tokens[start]).length > 0;
}

/** Row `token` of a [tokens, width] stop, or the mean of its rows. */
export function focusVector(data: Float32Array, width: number, token: number | undefined): Float64Array {
  const rows = data.length / width;
  const out = new Float64Array(width);
  if (token !== undefined) {
    for (let h = 0; h < width; h++) out[h] = data[token * width + h];
    return out;
  }
  for (let r = 0; r < rows; r++) for (let h = 0; h < width; h++) out[h] += data[r * width + h];
  for (let h = 0; h < width; h++) out[h] /= rows;
  return out;
}

export function journeyFrom(trace: Trace, text: string, opts: { values?: number; token?: number | string } = {}): JourneyResult {
  const n = opts.values ?? DEFAULT_VALUES;
  const token = opts.token === undefined ? undefined : resolveToken(trace.tokens, opts.token);
  const stops: JourneyStop[] = [];
  for (const s of trace.tokenStops) {
    const v = focusVector(s.data, s.width, token);
    stops.push({ index: stops.length, name: s.name, tensor: s.tensor, kind: "token", width: s.width, values: Array.from(v.subarray(0, n)), stats: vectorStats(v) });
  }
  for (const s of trace.sentenceStops) {
    stops.push({ index: stops.length, name: s.name, tensor: s.tensor, kind: "sentence", width: s.width, values: Array.from(s.data.subarray(0, n)), stats: vectorStats(s.data) });
  }
  return {
    model: trace.model,
    text,
    tokens: trace.tokens,
    focus: token === undefined ? { kind: "mean" } : { kind: "token", index: token, token: trace.tokens[token] },
    layers: trace.layers,
    stops,
    source: trace.source,
    notes: trace.notes,
  };
}

export function attentionFrom(trace: Trace, text: string, layer: number, tokenRef: number | string): AttentionResult {
  if (!Array.isArray(trace.attention)) throw new Error(`${trace.model}: attention is not available: ${trace.attention.missing}.`);
  if (!Number.isInteger(layer) || layer < 1 || layer > trace.attention.length) {
    throw new Error(`layer must be from 1 to ${trace.attention.length} (${trace.model} has ${trace.attention.length} transformer layers); got ${layer}`);
  }
  const token = resolveToken(trace.tokens, tokenRef);
  const a = trace.attention[layer - 1];
  const seq = trace.tokens.length;
  return {
    model: trace.model,
    text,
    tokens: trace.tokens,
    layer,
    layers: trace.attention.length,
    heads: a.heads,
    token: { index: token, token: trace.tokens[token] },
    weights: trace.tokens.map((t, j) => ({ index: j, token: t, weight: a.data[token * seq + j] })),
    tensor: a.tensor,
    source: trace.source,
  };
}
