// The endpoints, versioned under /v1. Results use the shape of `semsearch search --json`, each hit
// with the name of the served folder it comes from.
import type { FastifyInstance } from "fastify";
import type { MetadataFilter, SearchMode } from "../../../shared/src/types";
import type { FolderIndex } from "../lsp/folder-index";
import type { DocumentMetadata } from "./documents";
import { documentBody, documentParams, documentResponse, embedBody, embedResponse, errorResponse, searchBody, searchResponse, similarBody, statusResponse } from "./schemas";
import type { ServedWorkspace } from "./served-workspace";

interface SearchBody {
  query: string;
  k: number;
  filter?: Record<string, string | number | boolean>;
  mode?: SearchMode;
  minScore?: number;
  folder?: string;
}
interface SimilarBody {
  path: string;
  startLine: number;
  endLine: number;
  k: number;
  folder?: string;
}

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 413: errorResponse, 429: errorResponse };

class NotFound extends Error {
  readonly statusCode = 404;
  constructor(message: string) {
    super(message);
    this.name = "Not Found";
  }
}

export function registerRoutes(app: FastifyInstance, served: ServedWorkspace): void {
  const ws = served.workspace;

  /** The folders a request names (one), or all of them. */
  const foldersFor = (name?: string): FolderIndex[] => {
    if (!name) return ws.folders;
    const f = served.folderNamed(name);
    if (!f) throw new NotFound(`no served folder is named "${name}"; the folders are ${served.folderNames().join(", ")}`);
    return [f];
  };

  app.get("/health", { schema: { description: "Liveness; needs no authentication." } }, async () => ({ status: "ok" }));

  app.get("/v1/status", { config: { scope: "search" }, schema: { response: { 200: statusResponse, ...errors } } }, async () => served.status());

  app.post<{ Body: SearchBody }>("/v1/search", { config: { scope: "search" }, schema: { body: searchBody, response: { 200: searchResponse, ...errors } } }, async (req) => {
    const b = req.body;
    const filter = b.filter ? (Object.fromEntries(Object.entries(b.filter).map(([k, v]) => [k, String(v)])) as MetadataFilter) : undefined;
    const body = await served.search({ query: b.query, k: b.k, filter, minScore: b.minScore, mode: b.mode, folders: foldersFor(b.folder) });
    req.audit = { query: b.query, filter, results: body.results.map((r) => ({ id: `${r.folder}/${r.path}:${r.startLine}-${r.endLine}`, score: r.score })) };
    return body;
  });

  app.post<{ Body: SimilarBody }>("/v1/similar", { config: { scope: "search" }, schema: { body: similarBody, response: { 200: searchResponse, ...errors } } }, async (req) => {
    const b = req.body;
    const folder = foldersFor(b.folder ?? served.folderNames()[0])[0];
    if (!folder.engine) throw new NotFound(`the folder ${served.nameOf(folder)} is not open: ${folder.message ?? folder.state}`);
    if (b.endLine < b.startLine) throw Object.assign(new Error("endLine is before startLine"), { statusCode: 400 });
    const body = await served.similar(folder, { path: b.path, startLine: b.startLine, endLine: b.endLine, k: b.k });
    req.audit = { query: body.query, results: body.results.map((r) => ({ id: `${r.folder}/${r.path}:${r.startLine}-${r.endLine}`, score: r.score })) };
    return body;
  });

  app.post<{ Body: { text: string } }>("/v1/embed", { config: { scope: "search" }, schema: { body: embedBody, response: { 200: embedResponse, ...errors } } }, async (req) => {
    const engine = ws.folders.find((f) => f.engine)?.engine;
    if (!engine) throw Object.assign(new Error("no model is loaded yet"), { statusCode: 503 });
    req.audit = { query: req.body.text };
    return engine.embed(req.body.text);
  });

  app.post<{ Body: { id?: string; text: string; metadata?: DocumentMetadata } }>(
    "/v1/documents",
    { config: { scope: "write" }, schema: { body: documentBody, response: { 201: documentResponse, ...errors } } },
    async (req, reply) => {
      const doc = await served.putDocument(req.body);
      req.audit = { results: [{ id: `documents/${doc.id}`, score: 1 }] };
      return reply.code(201).send(doc);
    },
  );

  app.get<{ Params: { id: string } }>("/v1/documents/:id", { config: { scope: "search" }, schema: { params: documentParams, response: { 200: documentResponse, ...errors } } }, async (req) => {
    const doc = served.documents.get(req.params.id);
    if (!doc) throw new NotFound(`no document "${req.params.id}"`);
    return doc;
  });

  app.delete<{ Params: { id: string } }>("/v1/documents/:id", { config: { scope: "write" }, schema: { params: documentParams, response: { ...errors } } }, async (req, reply) => {
    if (!(await served.deleteDocument(req.params.id))) throw new NotFound(`no document "${req.params.id}"`);
    req.audit = { results: [{ id: `documents/${req.params.id}`, score: 0 }] };
    return reply.code(204).send();
  });

  app.post("/v1/reindex", { config: { scope: "admin" }, schema: { response: { 202: statusResponse, ...errors } } }, async (_req, reply) => {
    void served.reindex();
    await new Promise((r) => setImmediate(r));
    return reply.code(202).send(served.status());
  });
}
