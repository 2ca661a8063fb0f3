// The messages of the local socket through which a CLI (or an MCP server) asks a running server —
// `semsearch lsp`, the VS Code extension's server, `semsearch serve` — that already holds a folder's
// index, instead of opening the store and loading the model itself. Newline-delimited JSON: one
// request per line, one response per line, in order. Defined once here; the listener and the
// client both import it.
import { SEARCH_MODES, type BandThresholds, type SearchMode, type SearchOptions, type SearchResponse } from "../../../shared/src/types";

/** Bumped when a message changes incompatibly; a request of another version is refused. */
export const SOCKET_PROTOCOL_VERSION = 1;

/** The engine's search parameters, plus the model the asker expects the index to be for. */
export interface SocketSearchParams extends SearchOptions {
  /** Lexical mode only: keyword-relevance scores, no query embedding (see EngineSearchOptions.keywordScores). */
  keywordScores?: boolean;
  /**
   * The model the asker is configured with ("bundled", a hub id or a path), if it cares: a server
   * whose folder holds another model's index answers "model-mismatch" and the asker searches itself.
   */
  model?: string;
}

/** Passages that mean the same as a range of one of the folder's files (path relative to the folder). */
export interface SocketSimilarParams {
  path: string;
  startLine: number;
  endLine: number;
  text?: string;
  topK?: number;
  filter?: Record<string, string>;
  minScore?: number;
  model?: string;
}

export type SocketRequest =
  | { v: number; id?: number; method: "search"; params: SocketSearchParams }
  | { v: number; id?: number; method: "similar"; params: SocketSimilarParams }
  | { v: number; id?: number; method: "status"; params?: { model?: string } }
  | { v: number; id?: number; method: "reindex"; params: SocketReindexParams };

export type SocketMethod = SocketRequest["method"];

/**
 * Brings the folder's index up to date, as the editor's Re-index command does (rebuild: re-embed
 * everything). Answered when the pass ends, with the folder's status then: an asker that cannot wait
 * that long stops waiting, and the pass goes on in the server.
 */
export interface SocketReindexParams {
  rebuild?: boolean;
  model?: string;
}

/** What `status` answers: the folder's engine as the server sees it. */
export interface SocketStatus {
  root: string;
  dbPath: string;
  model: string;
  files: number;
  chunks: number;
  /** "indexing" while a pass runs: answers come from what is indexed so far. */
  state: string;
  /** The server's process id (for a person looking at `semsearch search --verbose`). */
  pid: number;
}

export interface SocketResults {
  search: SearchResponse;
  similar: SearchResponse;
  status: SocketStatus;
  reindex: SocketStatus;
}

/** Why a server did not answer a request; every one of them means "search locally instead". */
export type SocketErrorCode = "bad-request" | "not-ready" | "model-mismatch" | "failed";

export type SocketResponse<M extends SocketMethod = SocketMethod> =
  | { id?: number; ok: true; result: SocketResults[M] }
  | { id?: number; ok: false; code: SocketErrorCode; error: string };

/** A request line longer than this is refused (a query is at most 10,000 characters). */
export const MAX_REQUEST_BYTES = 1_000_000;
const MAX_TOP_K = 1000;

export class BadRequest extends Error {}

/** A request line, checked field by field; anything malformed is a BadRequest saying what is wrong. */
export function parseRequest(line: string): SocketRequest {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new BadRequest("a request is one line of JSON: {\"v\": 1, \"method\": \"search\"|\"similar\"|\"status\", \"params\": {...}}");
  }
  const r = object(raw, "the request");
  if (r.v !== SOCKET_PROTOCOL_VERSION) throw new BadRequest(`protocol version ${JSON.stringify(r.v)} is not supported; this server speaks v${SOCKET_PROTOCOL_VERSION}`);
  const id = r.id === undefined ? undefined : integer(r.id, "id", 0, Number.MAX_SAFE_INTEGER);
  switch (r.method) {
    case "search":
      return { v: SOCKET_PROTOCOL_VERSION, id, method: "search", params: searchParams(object(r.params, "params")) };
    case "similar":
      return { v: SOCKET_PROTOCOL_VERSION, id, method: "similar", params: similarParams(object(r.params, "params")) };
    case "status": {
      const p = r.params === undefined ? {} : object(r.params, "params");
      return { v: SOCKET_PROTOCOL_VERSION, id, method: "status", params: { model: optionalString(p.model, "params.model") } };
    }
    case "reindex": {
      const p = r.params === undefined ? {} : object(r.params, "params");
      if (p.rebuild !== undefined && typeof p.rebuild !== "boolean") throw new BadRequest("params.rebuild must be true or false");
      return { v: SOCKET_PROTOCOL_VERSION, id, method: "reindex", params: { rebuild: p.rebuild as boolean | undefined, model: optionalString(p.model, "params.model") } };
    }
    default:
      throw new BadRequest(`method must be one of search, similar, status, reindex; got ${JSON.stringify(r.method)}`);
  }
}

function searchParams(p: Record<string, unknown>): SocketSearchParams {
  if (typeof p.query !== "string" || !p.query.trim()) throw new BadRequest("params.query must be a non-empty string");
  if (p.query.length > 10_000) throw new BadRequest("params.query is longer than 10,000 characters");
  if (p.mode !== undefined && !SEARCH_MODES.includes(p.mode as SearchMode)) throw new BadRequest(`params.mode must be one of ${SEARCH_MODES.join(", ")}`);
  if (p.keywordScores !== undefined && typeof p.keywordScores !== "boolean") throw new BadRequest("params.keywordScores must be true or false");
  return {
    query: p.query,
    topK: p.topK === undefined ? undefined : integer(p.topK, "params.topK", 1, MAX_TOP_K),
    filter: filter(p.filter),
    minScore: p.minScore === undefined ? undefined : number(p.minScore, "params.minScore", -1, 1),
    mode: p.mode as SearchMode | undefined,
    bands: bands(p.bands),
    efSearch: p.efSearch === undefined ? undefined : integer(p.efSearch, "params.efSearch", 0, 100_000),
    keywordScores: p.keywordScores as boolean | undefined,
    model: optionalString(p.model, "params.model"),
  };
}

function similarParams(p: Record<string, unknown>): SocketSimilarParams {
  if (typeof p.path !== "string" || !p.path || p.path.startsWith("/") || p.path.split(/[\\/]/).includes("..")) {
    throw new BadRequest("params.path must be a path relative to the folder, without ..");
  }
  const startLine = integer(p.startLine, "params.startLine", 1, Number.MAX_SAFE_INTEGER);
  const endLine = integer(p.endLine, "params.endLine", startLine, Number.MAX_SAFE_INTEGER);
  if (p.text !== undefined && (typeof p.text !== "string" || p.text.length > 100_000)) throw new BadRequest("params.text must be a string of at most 100,000 characters");
  return {
    path: p.path,
    startLine,
    endLine,
    text: p.text as string | undefined,
    topK: p.topK === undefined ? undefined : integer(p.topK, "params.topK", 1, MAX_TOP_K),
    filter: filter(p.filter),
    minScore: p.minScore === undefined ? undefined : number(p.minScore, "params.minScore", -1, 1),
    model: optionalString(p.model, "params.model"),
  };
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new BadRequest(`${what} must be a JSON object`);
  return v as Record<string, unknown>;
}

function integer(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw new BadRequest(`${what} must be a whole number from ${min} to ${max}`);
  return v;
}

function number(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) throw new BadRequest(`${what} must be a number from ${min} to ${max}`);
  return v;
}

function optionalString(v: unknown, what: string): string | undefined {
  if (v !== undefined && typeof v !== "string") throw new BadRequest(`${what} must be a string`);
  return v;
}

function filter(v: unknown): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  const o = object(v, "params.filter");
  // No prototype: a "__proto__" key is a key like any other (it matches no chunk).
  const out = Object.create(null) as Record<string, string>;
  for (const [k, x] of Object.entries(o)) {
    if (typeof x !== "string") throw new BadRequest(`params.filter.${k} must be a string`);
    out[k] = x;
  }
  return out;
}

function bands(v: unknown): BandThresholds | undefined {
  if (v === undefined) return undefined;
  const o = object(v, "params.bands");
  return { strong: number(o.strong, "params.bands.strong", -1, 1), possible: number(o.possible, "params.bands.possible", -1, 1) };
}
