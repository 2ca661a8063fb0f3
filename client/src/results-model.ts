// The results view's model: hits grouped by file, weak hits held back, and the message the view
// shows above the tree (indexing progress, empty states, errors). Pure (no `vscode`).
import type { StatusResult, WireHit } from "../../shared/src/protocol";
import { describeExplanation } from "../../shared/src/ranking";
import { formatThreshold, type ClientPhase } from "./format";

export interface WorkspaceFolderLike {
  uri: string;
  name: string;
}

export interface FileGroup {
  uri: string;
  /** Path relative to its workspace folder, posix separators; prefixed by the folder's name in a multi-root workspace. */
  path: string;
  /** Best score in the group. */
  best: number;
  /** Hits of this file, in the server's ranking. */
  hits: WireHit[];
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * Why a hit ranked where it did, as a line of markdown for its tooltip: each ranking's place, the
 * fusion's weights and every signal with its factor (shared/src/ranking.ts describeExplanation).
 * Undefined for a semantic hit, which is ordered by its score alone and carries no explanation.
 */
export function rankingNote(hit: Pick<WireHit, "explain">): string | undefined {
  if (!hit.explain) return undefined;
  // Symbol names hold markdown's characters (max_retries, __init__, Vec<T>): shown as written.
  const text = describeExplanation(hit.explain).replace(/([\\`*_\[\]|<>~])/g, "\\$1");
  return `**Why it ranked here:** ${text}`;
}

/**
 * A file URI as a path relative to the workspace folder holding it (the deepest one), like VS Code's
 * asRelativePath; a URI outside every folder keeps its full path.
 */
export function relativePath(uri: string, folders: readonly WorkspaceFolderLike[]): string {
  let best: WorkspaceFolderLike | undefined;
  for (const f of folders) {
    const base = f.uri.endsWith("/") ? f.uri : `${f.uri}/`;
    if (uri.startsWith(base) && (!best || f.uri.length > best.uri.length)) best = f;
  }
  if (!best) {
    const path = uri.replace(/^file:\/\//, "");
    return decode(path);
  }
  const base = best.uri.endsWith("/") ? best.uri : `${best.uri}/`;
  const rel = decode(uri.slice(base.length));
  return folders.length > 1 ? `${best.name}/${rel}` : rel;
}

/**
 * Hits grouped by file, keeping the server's ranking: files in the order of their first hit, hits in
 * ranking order. In hybrid mode that ranking is the fused one, not the cosine order, and the
 * sidebar must agree with the quick pick.
 */
export function groupByFile(hits: readonly WireHit[], folders: readonly WorkspaceFolderLike[]): FileGroup[] {
  const groups = new Map<string, FileGroup>();
  for (const hit of hits) {
    let g = groups.get(hit.uri);
    if (!g) {
      g = { uri: hit.uri, path: relativePath(hit.uri, folders), best: -Infinity, hits: [] };
      groups.set(hit.uri, g);
    }
    g.hits.push(hit);
    g.best = Math.max(g.best, hit.score);
  }
  return [...groups.values()];
}

/**
 * The hits to show and how many weak ones are held back ("weak": below the "possible" threshold).
 * A weak hit that the keyword search found (hybrid or lexical mode) stays: the exact word is why
 * it is there.
 */
export function visibleHits(hits: readonly WireHit[], showWeak: boolean): { shown: WireHit[]; hiddenWeak: number } {
  if (showWeak) return { shown: [...hits], hiddenWeak: 0 };
  const shown = hits.filter((h) => h.band !== "weak" || h.matchedBy === "lexical" || h.matchedBy === "both");
  return { shown, hiddenWeak: hits.length - shown.length };
}

/** What the results view shows: which search it is and what came back. */
export interface ResultsState {
  /** The query, or a description such as "similar to notes.md:3–9". Undefined before any search. */
  title?: string;
  hits: WireHit[];
  /** The "possible" threshold the server banded these hits with (the model's, unless the user set one). */
  possible?: number;
  /** Set while a request is in flight. */
  searching?: boolean;
  /** A failed request's message. */
  error?: string;
}

/**
 * The view's message (shown above the tree; VS Code's welcome content shows when there is neither a
 * message nor an item). Empty string: no message.
 */
export function resultsMessage(opts: {
  phase: ClientPhase;
  results: ResultsState;
  showWeak: boolean;
  possibleThreshold: number;
}): string {
  const parts: string[] = [];
  const { phase, results } = opts;
  const possible = results.possible ?? opts.possibleThreshold;
  const status: StatusResult | undefined = phase.kind === "running" ? phase.status : undefined;
  if (phase.kind === "failed") parts.push(`The server could not start: ${phase.message}`);
  else if (phase.kind === "stopped") parts.push("The server is stopped.");
  else if (status?.state === "error") parts.push(status.message ? `Error: ${status.message}` : "The index is in an error state; see the Semantic Search output.");
  else if (status?.state === "needs-model") parts.push(`${status.message ?? "No model yet."} Click "Semantic Search: choose a model" in the status bar.`);
  else if (status?.state === "indexing") {
    parts.push(status.progress ? `Indexing ${status.progress.done}/${status.progress.total} files; results may be incomplete.` : "Indexing: looking for files…");
  }
  if (results.title !== undefined) {
    if (results.searching) parts.push("Searching…");
    else if (results.error) parts.push(`Search failed: ${results.error}`);
    else {
      const { shown, hiddenWeak } = visibleHits(results.hits, opts.showWeak);
      if (!results.hits.length) parts.push("No results.");
      else if (!shown.length) {
        parts.push(`No results above ${formatThreshold(possible)} (${hiddenWeak} weak ${hiddenWeak === 1 ? "result" : "results"} hidden).`);
      } else if (hiddenWeak) {
        parts.push(`${hiddenWeak} weak ${hiddenWeak === 1 ? "result" : "results"} below ${formatThreshold(possible)} hidden.`);
      }
    }
  }
  return parts.join(" ");
}
