// Hover: the three chunks elsewhere in the workspace that mean most nearly the same as the markdown
// paragraph or code declaration under the cursor. Null when there is nothing worth showing.
import type { Hover, MarkupContent } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { percent } from "../search/bands";
import { queryOptions } from "./settings";
import type { Workspace } from "./workspace";
import { toWire } from "./workspace";


const BAND_ICON = { strong: "●", possible: "◐", weak: "○" } as const;

export async function hoverAt(workspace: Workspace, doc: TextDocument, line: number, signal?: AbortSignal): Promise<Hover | null> {
  const settings = workspace.settingsFor(doc.uri);
  if (!settings.hover.enabled) return null;
  const where = workspace.locate(doc.uri);
  const engine = where?.folder.engine;
  if (!where || !engine) return null;
  const span = doc.languageId === "markdown" ? paragraphAround(doc, line) : codeSpan(await engine.chunkAt(where.relPath, line + 1), doc, line);
  if (!span || span.text.trim().length < 12) return null;
  const range = { path: where.relPath, startLine: span.start + 1, endLine: span.end + 1, text: span.text, topK: 3 };
  const response = await engine.similar({ ...range, ...queryOptions(settings) }, signal);
  // Only what clears the band (the model's calibrated "possible", search/bands.ts): a tooltip of weak
  // matches is noise, and a weak match shown as a percentage reads as a claim.
  const useful = response.results.filter((r) => r.band !== "weak");
  if (!useful.length) return null;
  const lines = ["**Similar elsewhere** (semantic search)", ""];
  for (const hit of useful) {
    const wire = toWire(where.folder, hit);
    const preview = hit.text.replace(/\s+/g, " ").trim().slice(0, 100);
    lines.push(`${BAND_ICON[hit.band]} **${percent(hit.score)}** ${hit.band} · [${hit.path}:${hit.startLine}](${wire.uri}#L${hit.startLine})  `);
    // An index that keeps no text reads it from the file; when that is gone or changed, the hover says so.
    if (hit.textUnavailable) lines.push(`*(text not shown: ${hit.textUnavailable})*`, "");
    else lines.push(`${escapeMarkdown(preview)}${hit.text.length > 100 ? "…" : ""}`, "");
  }
  // A long paragraph or declaration is compared by what the model reads of it (the bundled model: its
  // first 128 tokens); the tooltip says so rather than implying all of it was compared.
  const cut = response.truncated;
  if (cut) lines.push(`*Compared by its first ${cut.usedChars.toLocaleString("en-US")} of ${cut.totalChars.toLocaleString("en-US")} characters${cut.readTokens !== undefined ? `: the model reads ${cut.readTokens} tokens` : ""}.*`);
  const contents: MarkupContent = { kind: "markdown", value: lines.join("\n").trimEnd() };
  return { contents, range: { start: { line: span.start, character: 0 }, end: { line: span.end, character: doc.getText({ start: { line: span.end, character: 0 }, end: { line: span.end + 1, character: 0 } }).replace(/\r?\n$/, "").length } } };
}

/** The blank-line-delimited paragraph holding a line (0-based lines). */
function paragraphAround(doc: TextDocument, line: number): { start: number; end: number; text: string } | undefined {
  const lines = doc.getText().split(/\r?\n/);
  if (line >= lines.length || !lines[line].trim()) return undefined;
  let start = line;
  let end = line;
  while (start > 0 && lines[start - 1].trim()) start--;
  while (end < lines.length - 1 && lines[end + 1].trim()) end++;
  return { start, end, text: lines.slice(start, end + 1).join("\n") };
}

/** The stored declaration chunk under the cursor, read from the editor's text (it may be unsaved). */
function codeSpan(chunk: { startLine: number; endLine: number } | undefined, doc: TextDocument, line: number) {
  if (!chunk) return paragraphAround(doc, line);
  const start = chunk.startLine - 1;
  const end = Math.min(chunk.endLine - 1, doc.lineCount - 1);
  return { start, end, text: doc.getText({ start: { line: start, character: 0 }, end: { line: end + 1, character: 0 } }) };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}\[\]()#+!|<>])/g, "\\$1");
}
