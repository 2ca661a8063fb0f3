// The JSON schemas of the HTTP API: Fastify validates every body with them (unknown fields refused)
// and @fastify/swagger builds /openapi.json and /docs from the same objects.
import { SEARCH_MODES } from "../../../shared/src/types";

const MAX_K = 200;

const k = { type: "integer", minimum: 1, maximum: MAX_K, default: 10, description: `How many results, 1 to ${MAX_K}.` } as const;
const folder = { type: "string", minLength: 1, maxLength: 200, description: "Only this served folder (its name in /v1/status; `documents` is the document collection)." } as const;
const scalar = { anyOf: [{ type: "string", maxLength: 1000 }, { type: "number" }, { type: "boolean" }] } as const;

/** Metadata key → value, as the language server's filter: exact match; `path` takes a glob. */
const filter = {
  type: "object",
  maxProperties: 20,
  propertyNames: { pattern: "^[A-Za-z0-9_][\\w.-]{0,63}$" },
  additionalProperties: scalar,
  description: 'The seed\'s WHERE clause: metadata key → value, exact match (`{"category": "science"}`); `path` takes a glob (`docs/**`).',
} as const;

export const searchBody = {
  type: "object",
  additionalProperties: false,
  required: ["query"],
  properties: {
    query: { type: "string", minLength: 1, maxLength: 10_000, pattern: "\\S" },
    k,
    filter,
    mode: { type: "string", enum: [...SEARCH_MODES], description: "semantic (meaning), lexical (keywords) or hybrid (both; the default)." },
    minScore: { type: "number", minimum: -1, maximum: 1, description: "Drop results whose cosine similarity is below this." },
    folder,
  },
} as const;

export const similarBody = {
  type: "object",
  additionalProperties: false,
  required: ["path", "startLine", "endLine"],
  properties: {
    path: { type: "string", minLength: 1, maxLength: 4096, description: "A file's path relative to its folder, as results give it." },
    startLine: { type: "integer", minimum: 1 },
    endLine: { type: "integer", minimum: 1 },
    k,
    folder,
  },
} as const;

export const embedBody = {
  type: "object",
  additionalProperties: false,
  required: ["text"],
  properties: { text: { type: "string", minLength: 1, maxLength: 10_000, pattern: "\\S" } },
} as const;

export const documentBody = {
  type: "object",
  additionalProperties: false,
  required: ["text"],
  properties: {
    id: { type: "string", pattern: "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$", description: "Optional; a new id is made when absent. Posting an existing id replaces it." },
    text: { type: "string", minLength: 1, maxLength: 1_000_000, pattern: "\\S" },
    metadata: {
      type: "object",
      maxProperties: 50,
      propertyNames: { pattern: "^[A-Za-z0-9_][\\w.-]{0,63}$", not: { enum: ["id"] } },
      // Values go into the document's front matter: no control characters.
      additionalProperties: { anyOf: [{ type: "string", maxLength: 1000, pattern: "^[^\\u0000-\\u001f]*$" }, { type: "number" }, { type: "boolean" }] },
    },
  },
} as const;

export const documentParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", pattern: "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$" } },
} as const;

const hit = {
  type: "object",
  properties: {
    folder: { type: "string" },
    path: { type: "string" },
    startLine: { type: "integer" },
    endLine: { type: "integer" },
    score: { type: "number", description: "Cosine similarity, -1 to 1." },
    band: { type: "string", enum: ["strong", "possible", "weak"] },
    text: { type: "string" },
    metadata: { type: "object", additionalProperties: true },
    textUnavailable: {
      type: "string",
      enum: ["file deleted", "file changed since indexing", "file unreadable"],
      description: "Present when the index keeps no text (--store-text none) and the file it is read from is gone or changed: text is then empty.",
    },
  },
} as const;

export const searchResponse = {
  type: "object",
  properties: {
    query: { type: "string" },
    model: { type: "string" },
    candidates: { type: "integer", description: "Chunks that passed the filter." },
    partial: { type: "string", description: "Present when results by meaning may miss passages (an index being rebuilt)." },
    results: { type: "array", items: hit },
  },
} as const;

export const embedResponse = {
  type: "object",
  properties: {
    model: { type: "string" },
    dimensions: { type: "integer" },
    vector: { type: "array", items: { type: "number" } },
    stats: { type: "object", additionalProperties: true },
  },
} as const;

export const documentResponse = {
  type: "object",
  properties: { id: { type: "string" }, text: { type: "string" }, metadata: { type: "object", additionalProperties: true } },
} as const;

export const statusResponse = {
  type: "object",
  properties: {
    state: { type: "string" },
    model: { type: "string" },
    files: { type: "integer" },
    chunks: { type: "integer" },
    message: { type: "string" },
    progress: { type: "object", properties: { done: { type: "integer" }, total: { type: "integer" }, current: { type: "string" } } },
    folders: {
      type: "array",
      items: { type: "object", properties: { name: { type: "string" }, root: { type: "string" }, state: { type: "string" }, files: { type: "integer" }, chunks: { type: "integer" } } },
    },
  },
} as const;

export const errorResponse = {
  type: "object",
  properties: { statusCode: { type: "integer" }, error: { type: "string" }, message: { type: "string" } },
} as const;
