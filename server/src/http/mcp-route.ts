// POST /mcp: the MCP tools (server/src/mcp) over Streamable HTTP, behind the same authentication,
// TLS, rate limits and audit trail as the REST API: it is an ordinary Fastify route with a scope, so
// app.ts's hooks run for it. Stateless (a server and transport per request, JSON answers, no
// sessions): every request is authenticated on its own, and nothing outlives it.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { version } from "../../../package.json";
import { ServedBackend } from "../mcp/served-backend";
import { createMcpServer } from "../mcp/tools";
import type { ServedWorkspace } from "./served-workspace";

export function registerMcpRoute(app: FastifyInstance, served: ServedWorkspace): void {
  const backend = new ServedBackend(served);
  app.route({
    method: ["POST", "GET", "DELETE"],
    url: "/mcp",
    config: { scope: "search" },
    schema: { description: "Model Context Protocol over Streamable HTTP (stateless, JSON answers): the tools search, similar, status and reindex (reindex needs the admin scope)." },
    handler: async (req, reply) => {
      const server = createMcpServer(backend, { version, reindexRefusal: () => reindexRefusal(req) });
      const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      try {
        await server.connect(transport);
        const response = await transport.handleRequest(toWebRequest(req), { parsedBody: req.body });
        const text = await response.text();
        req.audit = auditOf(req.body, text);
        reply.code(response.status);
        response.headers.forEach((value, name) => void reply.header(name, value));
        return reply.send(text);
      } finally {
        await server.close();
      }
    },
  });
}

function reindexRefusal(req: FastifyRequest): string | undefined {
  const identity = req.identity;
  if (!identity || identity.scopes.includes("admin")) return undefined;
  return `reindex needs the admin scope; ${identity.id} has ${identity.scopes.join(", ") || "none"}. Use a token with the admin scope (semsearch token create --scopes search,write,admin), or leave the index to follow the files by itself.`;
}

/** The same request as a web Request (the body is Fastify's, already parsed and size-limited). */
function toWebRequest(req: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const url = `${req.protocol}://${req.hostname}${req.url}`;
  const hasBody = req.method === "POST" && req.body !== undefined;
  return new Request(url, { method: req.method, headers, body: hasBody ? JSON.stringify(req.body) : undefined });
}

/** What the audit line records of a tool call: the tool and its query or path, and the hits it returned. */
function auditOf(body: unknown, answer: string): FastifyRequest["audit"] {
  const call = body as { method?: string; params?: { name?: string; arguments?: Record<string, unknown> } } | undefined;
  if (call?.method !== "tools/call") return undefined;
  const args = call.params?.arguments ?? {};
  const what = typeof args.query === "string" ? args.query : typeof args.path === "string" ? `${args.path}:${args.startLine}-${args.endLine}` : "";
  let results: { id: string; score: number }[] | undefined;
  try {
    const hits = JSON.parse(answer)?.result?.structuredContent?.results;
    if (Array.isArray(hits)) results = hits.map((h: { folder: string; path: string; startLine: number; endLine: number; score: number }) => ({ id: `${h.folder}/${h.path}:${h.startLine}-${h.endLine}`, score: h.score }));
  } catch {
    // Not JSON (an error the transport wrote as text): the status code says enough.
  }
  return { query: `${call.params?.name ?? "?"}${what ? `: ${what}` : ""}`, ...(results ? { results } : {}) };
}
