// Scores, bands, line spans and previews as the quick pick, the results view and the status bar show
// them. Pure (no `vscode`).
import type { MissingModel, StatusResult, WireRange } from "../../shared/src/protocol";
import type { Band, BandThresholds, MatchedBy } from "../../shared/src/types";
import { DEFAULT_BANDS } from "../../shared/src/types";

/** Cosine similarity as a percentage with one decimal: 0.7934 -> "79.3%". */
export function formatPercent(score: number): string {
  if (!Number.isFinite(score)) return "–";
  // Avoid "-0.0%" for tiny negative scores.
  const value = Math.round(score * 1000) / 10;
  return `${(Object.is(value, -0) ? 0 : value).toFixed(1)}%`;
}

/** A threshold as a whole percentage when it is one: 0.4 -> "40%", 0.425 -> "42.5%". */
export function formatThreshold(score: number): string {
  const value = Math.round(score * 1000) / 10;
  return Number.isInteger(value) ? `${value}%` : `${value.toFixed(1)}%`;
}

export function bandOf(score: number, thresholds: BandThresholds = DEFAULT_BANDS): Band {
  if (score >= thresholds.strong) return "strong";
  if (score >= thresholds.possible) return "possible";
  return "weak";
}

/** Codicon ids of the bands. */
export const BAND_CODICON: Record<Band, string> = {
  strong: "pass-filled",
  possible: "circle-large-outline",
  weak: "circle-slash",
};

/** Theme colour ids of the bands (for ThemeIcon colours). */
export const BAND_COLOR: Record<Band, string> = {
  strong: "charts.green",
  possible: "charts.yellow",
  weak: "disabledForeground",
};

/** `$(pass-filled)`: a band's icon for labels that render codicons. */
export function bandIcon(band: Band): string {
  return `$(${BAND_CODICON[band] ?? BAND_CODICON.weak})`;
}

/** "79.3% strong": the score badge of a result; "· keyword" when only the keyword search found it. */
export function scoreBadge(score: number, band: Band, matchedBy?: MatchedBy): string {
  return `${formatPercent(score)} ${band}${matchedBy === "lexical" ? " · keyword" : ""}`;
}

/**
 * The 0-based inclusive lines a wire range covers. A chunk range ends at character 0 of the line
 * after its last line (LSP's exclusive end), which is not a line of the chunk.
 */
export function rangeLines(range: WireRange): { start: number; end: number } {
  const start = range.start.line;
  let end = range.end.line;
  if (range.end.character === 0 && end > start) end--;
  return { start, end: Math.max(start, end) };
}

/** "12" or "12–20": 1-based line numbers of a range. */
export function formatLines(range: WireRange): string {
  const { start, end } = rangeLines(range);
  return start === end ? `${start + 1}` : `${start + 1}–${end + 1}`;
}

/**
 * A hit's text as shown: an index that keeps no text (semanticSearch.storeText "none") reads it from
 * the file, and when that is gone or changed the hit has none; it says why instead.
 */
export function shownText(hit: { text: string; textUnavailable?: string }): string {
  return hit.textUnavailable ? `(text not shown: ${hit.textUnavailable})` : hit.text;
}

/** One line of text: whitespace collapsed, cut at a word boundary with an ellipsis. */
export function preview(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The first meaningful line of a chunk (skipping blank lines, markdown heading marks, comment marks). */
export function firstLine(text: string, max = 80): string {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s*(#{1,6}\s+|\/\/+\s*|\/\*+\s*|\*\s+|--\s+)/, "").trim();
    if (line && line !== "*/" && line !== "---") return preview(line, max);
  }
  return preview(text, max);
}

/** "Xenova/all-MiniLM-L6-v2" -> "all-MiniLM-L6-v2"; a model folder path -> its folder name. */
export function shortModelName(model: string | undefined): string {
  if (!model) return "no model";
  const trimmed = model.replace(/[\\/]+$/, "");
  const last = trimmed.slice(Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\")) + 1);
  return last || trimmed;
}

/** 12345 -> "12,345" (no locale surprises in tests). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** What the client knows of the server: not started, starting, running (with a status), or failed. */
export type ClientPhase =
  | { kind: "starting" }
  | { kind: "running"; status?: StatusResult }
  | { kind: "failed"; message: string }
  | { kind: "stopped" };

export interface StatusBarLook {
  text: string;
  /** "error" / "warning" select the status bar's error/warning background. */
  severity: "normal" | "warning" | "error";
}

/** The status bar item's text for a phase: `$(sync~spin) Semantic Search: 240/900` and so on. */
export function statusBarLook(phase: ClientPhase): StatusBarLook {
  switch (phase.kind) {
    case "starting":
      return { text: "$(loading~spin) Semantic Search: starting", severity: "normal" };
    case "stopped":
      return { text: "$(circle-slash) Semantic Search: stopped", severity: "normal" };
    case "failed":
      return { text: "$(error) Semantic Search: failed", severity: "error" };
    case "running": {
      const s = phase.status;
      if (!s) return { text: "$(loading~spin) Semantic Search: starting", severity: "normal" };
      if (s.state === "error") return { text: "$(error) Semantic Search: error", severity: "error" };
      if (s.state === "needs-model") return { text: "$(cloud-download) Semantic Search: choose a model", severity: "warning" };
      if (s.state === "indexing") {
        const p = s.progress;
        return { text: p ? `$(sync~spin) Semantic Search: ${p.done}/${p.total}` : "$(sync~spin) Semantic Search: indexing", severity: "normal" };
      }
      // Idle with a message: the configured model did not load and the bundled one stands in.
      const icon = s.message ? "$(warning)" : "$(check)";
      return { text: `${icon} ${shortModelName(s.model)}: ${formatCount(s.chunks)} chunks`, severity: s.message ? "warning" : "normal" };
    }
  }
}

/** Lines for the status bar tooltip and the status quick pick. */
export function statusLines(phase: ClientPhase): string[] {
  switch (phase.kind) {
    case "starting":
      return ["The language server is starting."];
    case "stopped":
      return ["The language server is stopped. Run \"Semantic Search: Restart Server\" to start it."];
    case "failed":
      return [`The language server could not start: ${phase.message}`];
    case "running": {
      const s = phase.status;
      if (!s) return ["The language server is starting."];
      const lines = [`Model: ${s.model}`];
      if (s.state === "indexing") {
        lines.push(s.progress ? `Indexing: ${s.progress.done}/${s.progress.total} files` : "Indexing: looking for files");
      } else if (s.state === "error") {
        lines.push("State: error");
      } else if (s.state === "needs-model") {
        lines.push("State: waiting for a model choice (download it, or use the bundled offline model)");
      } else {
        lines.push("State: ready");
      }
      lines.push(`Indexed: ${formatCount(s.files)} files, ${formatCount(s.chunks)} chunks`);
      if (s.message) lines.push(`${s.state === "error" ? "Error" : "Note"}: ${s.message}`);
      if (s.storagePath) lines.push(`Database: ${s.storagePath}`);
      return lines;
    }
  }
}

/** True when the server says its Node.js is older than the database addon needs (Node-API 10). */
export function isNodeTooOld(message: string | undefined): boolean {
  return !!message && /needs Node\.js [\d.]+ or later \(Node-API 10\)/.test(message);
}

/** True when a server error says a native module was built for another Node ABI. */
export function isAbiMismatch(message: string | undefined): boolean {
  return !!message && /NODE_MODULE_VERSION|compiled against a different Node\.js version|was compiled against|ERR_DLOPEN_FAILED/i.test(message);
}

/**
 * The gist of a native-module ABI error: which module, and the ABIs it was built for and needed
 * ("NODE_MODULE_VERSION 115" is Node 20, 137 is Node 24).
 */
export function abiSummary(message: string): { module?: string; builtFor?: number; needs?: number } {
  const module = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(message)?.[1]?.replace(/\\/g, "/");
  const builtFor = /using\s+NODE_MODULE_VERSION\s+(\d+)/.exec(message)?.[1];
  const needs = /requires\s+NODE_MODULE_VERSION\s+(\d+)/.exec(message)?.[1];
  return { module, builtFor: builtFor ? Number(builtFor) : undefined, needs: needs ? Number(needs) : undefined };
}

/** The first-run question: which model is missing, what a download costs and where it comes from. */
export function missingModelQuestion(m: MissingModel): string {
  const size = m.approxBytes ? `about ${Math.round(m.approxBytes / 1e6)} MB` : "size not known before the download starts";
  const download = m.downloadable ? `Download it (${size}) from ${m.source}, or use` : "It cannot be downloaded (it is a folder path); use";
  return `Semantic Search: the embedding model ${m.model} is not on this computer. ${download} the bundled offline model, which works with no network. Nothing is downloaded unless you choose to.`;
}
