// The text half of a tool's answer: what an agent reads to decide which lines to open, in a budget of
// characters. Every hit's location comes first (`path:12-30 (87% strong)`), so that it can open the
// right lines without another call; snippets share what is left of the budget.
import { bandsFor } from "../../../shared/src/bands";
import { oneLine } from "../../../shared/src/one-line";
import type { McpAnswer, McpHit } from "./backend";

/** About 1,000 tokens (a token is about 4 characters of English or code). */
export const DEFAULT_MAX_CHARS = 4000;
export const MIN_MAX_CHARS = 200;
export const MAX_MAX_CHARS = 100_000;
/** Shorter than this, a snippet says too little to be worth its characters. */
const MIN_SNIPPET = 40;

export function pct(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/**
 * The bands an answer's hits were given: the model's calibrated ones (shared/src/bands.ts), which
 * every engine the tools reach uses unless an editor's user set other thresholds in its settings.
 */
export function bandsLegend(model: string): string {
  const b = bandsFor(model, undefined);
  return `strong >= ${pct(b.strong)}, possible >= ${pct(b.possible)}, weak below`;
}

/** `path:12-30 (87% strong)`; `where` gives the path as the agent should open it. */
export function location(hit: McpHit, where: (hit: McpHit) => string): string {
  return `${where(hit)}:${hit.startLine}-${hit.endLine} (${pct(hit.score)} ${hit.band})`;
}

export function renderAnswer(answer: McpAnswer, opts: { maxChars: number; where: (hit: McpHit) => string; notes?: string[] }): string {
  const hits = answer.results;
  const head = [
    `${hits.length} ${hits.length === 1 ? "hit" : "hits"} for "${oneLine(answer.query, 200)}" (model ${answer.model}; ${answer.candidates} candidates; score = cosine similarity, ${bandsLegend(answer.model)})`,
    ...(answer.partial ? [`Note: ${answer.partial}`] : []),
    ...(opts.notes ?? []),
  ].join("\n");
  if (!hits.length) return head;
  const locations = hits.map((h) => location(h, opts.where));
  // As many locations as fit, keeping room for the line that says how many were left out.
  let shown = hits.length;
  const tail = (n: number) => (n < hits.length ? `\n… ${hits.length - n} more in structuredContent (raise maxChars to list them)` : "");
  const cost = (n: number) => head.length + locations.slice(0, n).reduce((sum, l) => sum + 1 + l.length, 0) + tail(n).length;
  while (shown > 0 && cost(shown) > opts.maxChars) shown--;
  // What is left goes to the snippets, evenly; each costs its text plus "\n  ".
  const perHit = Math.floor((opts.maxChars - cost(shown)) / Math.max(1, shown)) - 3;
  const lines = [head];
  for (let i = 0; i < shown; i++) {
    lines.push(locations[i]);
    // An index that keeps no text reads it from the file; when that is gone or changed, say so.
    if (perHit >= MIN_SNIPPET) lines.push(hits[i].textUnavailable ? `  (text not shown: ${hits[i].textUnavailable})` : `  ${oneLine(hits[i].text, perHit)}`);
  }
  return lines.join("\n") + tail(shown);
}
