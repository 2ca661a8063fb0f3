// Checks of request parameters: a bad request gets InvalidParams with a message that says what is
// wrong, and never reaches the engine.
import { ErrorCodes, ResponseError } from "vscode-languageserver";
import type { DownloadModelParams, EmbedParams, InitOptions, SearchParams, SimilarParams, WireRange } from "../../../shared/src/protocol";
import { isHubId } from "../embedding/model-download";
import { SEARCH_MODES, type SearchMode } from "../../../shared/src/types";

const MAX_TOP_K = 200;

function invalid(method: string, message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${message}`);
}

function object(method: string, raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw invalid(method, "params must be an object");
  return raw as Record<string, unknown>;
}

function optionalTopK(method: string, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_TOP_K) throw invalid(method, `topK must be a whole number from 1 to ${MAX_TOP_K}`);
  return v;
}

export function searchParams(raw: unknown): SearchParams {
  const method = "semanticSearch/search";
  const p = object(method, raw);
  if (typeof p.query !== "string" || !p.query.trim()) throw invalid(method, "query must be a non-empty string");
  if (p.query.length > 10_000) throw invalid(method, "query is longer than 10,000 characters");
  let filter: Record<string, string> | undefined;
  if (p.filter !== undefined && p.filter !== null) {
    if (typeof p.filter !== "object" || Array.isArray(p.filter)) throw invalid(method, "filter must be an object of key: value strings");
    // No prototype, so that a "__proto__" key is a key like any other (it matches no chunk).
    filter = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(p.filter)) {
      if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") throw invalid(method, `filter.${k} must be a string`);
      filter[k] = String(v);
    }
  }
  if (p.minScore !== undefined && p.minScore !== null && (typeof p.minScore !== "number" || p.minScore < -1 || p.minScore > 1)) {
    throw invalid(method, "minScore must be a number from -1 to 1");
  }
  let mode: SearchMode | undefined;
  if (p.mode !== undefined && p.mode !== null) {
    if (typeof p.mode !== "string" || !SEARCH_MODES.includes(p.mode as SearchMode)) throw invalid(method, `mode must be one of ${SEARCH_MODES.join(", ")}`);
    mode = p.mode as SearchMode;
  }
  if (p.explain !== undefined && p.explain !== null && typeof p.explain !== "boolean") throw invalid(method, "explain must be true or false");
  return { query: p.query, topK: optionalTopK(method, p.topK), filter, minScore: (p.minScore as number | undefined) ?? undefined, mode, ...(p.explain === true ? { explain: true } : {}) };
}

export function similarParams(raw: unknown): SimilarParams {
  const method = "semanticSearch/similar";
  const p = object(method, raw);
  if (typeof p.uri !== "string" || !p.uri) throw invalid(method, "uri must be a document URI string");
  return { uri: p.uri, range: range(method, p.range), topK: optionalTopK(method, p.topK) };
}

export function embedParams(raw: unknown): EmbedParams {
  const method = "semanticSearch/embed";
  const p = object(method, raw);
  if (typeof p.text !== "string" || !p.text.trim()) throw invalid(method, "text must be a non-empty string");
  if (p.text.length > 100_000) throw invalid(method, "text is longer than 100,000 characters");
  return { text: p.text };
}

/**
 * initialize's initializationOptions, checked: a field of the wrong type is left out (its default
 * applies) rather than failing later, deep inside opening a folder.
 */
export function initOptions(raw: unknown): InitOptions {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  // Fields this check does not know pass as they are: whoever reads them checks them.
  const o: Record<string, unknown> = { ...raw };
  const drop = (key: string, ok: (v: unknown) => boolean) => {
    if (o[key] !== undefined && !ok(o[key])) delete o[key];
  };
  drop("model", (v) => typeof v === "string" && v.length > 0);
  drop("settings", (v) => !!v && typeof v === "object" && !Array.isArray(v));
  drop("storagePath", (v) => typeof v === "string" && v.length > 0);
  drop("databaseKey", (v) => typeof v === "string" && v.length > 0);
  for (const flag of ["offline", "askForMissingModel", "databaseInFolder"]) drop(flag, (v) => typeof v === "boolean");
  return o as InitOptions;
}

/** textDocument/hover's params, checked: the document's uri and the (0-based) line. */
export function hoverParams(raw: unknown): { uri: string; line: number } {
  const method = "textDocument/hover";
  const p = object(method, raw);
  const doc = p.textDocument as { uri?: unknown } | undefined;
  if (!doc || typeof doc !== "object" || typeof doc.uri !== "string") throw invalid(method, "textDocument must be {uri: string}");
  const pos = p.position as { line?: unknown; character?: unknown } | undefined;
  if (!pos || typeof pos !== "object" || !isCount(pos.line) || !isCount(pos.character)) throw invalid(method, "position must be {line, character} with whole numbers of at least 0");
  return { uri: doc.uri, line: pos.line };
}

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function range(method: string, v: unknown): WireRange {
  const pos = (x: unknown, name: string) => {
    const o = x as { line?: unknown; character?: unknown } | undefined;
    if (!o || typeof o.line !== "number" || typeof o.character !== "number" || o.line < 0 || o.character < 0) {
      throw invalid(method, `range.${name} must be {line, character} with numbers of at least 0`);
    }
    return { line: o.line, character: o.character };
  };
  const r = v as { start?: unknown; end?: unknown } | undefined;
  if (!r || typeof r !== "object") throw invalid(method, "range must be {start, end}");
  const start = pos(r.start, "start");
  const end = pos(r.end, "end");
  if (end.line < start.line) throw invalid(method, "range.end is before range.start");
  return { start, end };
}

export function downloadModelParams(raw: unknown): DownloadModelParams {
  const method = "semanticSearch/downloadModel";
  const p = object(method, raw);
  if (typeof p.model !== "string" || !isHubId(p.model)) throw invalid(method, "model must be a Hugging Face model id such as Xenova/all-MiniLM-L6-v2");
  return { model: p.model, workDoneToken: p.workDoneToken as DownloadModelParams["workDoneToken"] };
}
