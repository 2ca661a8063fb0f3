// The HTTP API of `semsearch serve` on Fastify: every body validated against schemas.ts (which also
// make /openapi.json and /docs), bearer tokens or JWTs or client certificates, per-identity rate
// limits, body size limits, and an audit line for every request.
import type { TLSSocket } from "node:tls";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { AuditLog, AuditRecord } from "./audit";
import { Authenticator, AuthError, SCOPES, type Identity, type Scope } from "./auth";
import { registerRoutes } from "./routes";
import { registerMcpRoute } from "./mcp-route";
import type { ServedWorkspace } from "./served-workspace";

export interface AppOptions {
  served: ServedWorkspace;
  auth: Authenticator;
  audit?: AuditLog;
  /** TLS (1.2 or later); with `ca`, clients must present a certificate signed by it (mutual TLS). */
  https?: { key: Buffer; cert: Buffer; ca?: Buffer };
  /** Requests per identity per minute (default 600). */
  rateLimit?: number;
  /** Largest request body in bytes (default 2 MB): a larger one gets 413. */
  bodyLimit?: number;
}

declare module "fastify" {
  interface FastifyRequest {
    identity?: Identity;
    /** What the audit line records of a search's answer. */
    audit?: Pick<AuditRecord, "query" | "filter" | "results">;
  }
  interface FastifyContextConfig {
    /** The scope a route needs; routes without one (health, docs) are open. */
    scope?: Scope;
  }
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    https: o.https ? { key: o.https.key, cert: o.https.cert, minVersion: "TLSv1.2", ...(o.https.ca ? { ca: o.https.ca, requestCert: true, rejectUnauthorized: true } : {}) } : null,
    bodyLimit: o.bodyLimit ?? 2_000_000,
    // Unknown fields are refused, not silently dropped; types are not coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false } },
    logger: false,
  });

  await app.register(swagger, {
    openapi: {
      info: { title: "Semantic Search", version: "1", description: "Local semantic search over folders and a document collection: the seed tutorial's REST API." },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A static API token (`semsearch token create`) or an OAuth2 JWT." } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  /** Set when an audit line could not be written: the API then refuses requests rather than serve unaudited. */
  let auditFailure: Error | undefined;

  // Who is asking, before anything else runs for a route that needs a scope.
  app.addHook("onRequest", async (req, reply) => {
    const scope = req.routeOptions.config?.scope;
    if (!scope) return;
    if (auditFailure) {
      return reply.code(503).send({ statusCode: 503, error: "Service Unavailable", message: `the audit trail cannot be written (${auditFailure.message}); fix it and restart the server` });
    }
    try {
      req.identity = await identify(req, o.auth, !!o.https?.ca);
      Authenticator.require(req.identity, scope);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      if (err.wwwAuthenticate) reply.header("WWW-Authenticate", err.wwwAuthenticate);
      return reply.code(err.status).send({ statusCode: err.status, error: err.status === 401 ? "Unauthorized" : "Forbidden", message: err.message });
    }
  });
  await app.register(rateLimit, {
    global: true,
    hook: "preHandler",
    max: o.rateLimit ?? 600,
    timeWindow: 60_000,
    // By kind and id, so a token named "alice" and a JWT for "alice" do not share a budget.
    keyGenerator: (req: FastifyRequest) => (req.identity ? `${req.identity.kind}:${req.identity.id}` : req.ip),
  });
  if (o.audit) {
    const audit = o.audit;
    // Written before the answer leaves: no response goes out without its audit line.
    app.addHook("onSend", async (req: FastifyRequest, reply: FastifyReply, payload) => {
      if (!req.routeOptions.config?.scope && reply.statusCode < 400) return payload; // health and docs pages
      if (auditFailure) return payload; // the refusal that says so cannot be recorded either
      try {
        audit.append({
          identity: req.identity?.id ?? "unauthenticated",
          remote: req.ip,
          method: req.method,
          route: req.routeOptions.url ?? req.url,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          ...req.audit,
        });
        return payload;
      } catch (err) {
        // Fail closed: a bank's service does not answer what it can no longer record.
        auditFailure = err as Error;
        process.stderr.write(`semsearch: the audit trail cannot be written: ${auditFailure.message}; refusing API requests from now on\n`);
        reply.code(503).header("content-type", "application/json; charset=utf-8");
        return JSON.stringify({ statusCode: 503, error: "Service Unavailable", message: "the audit trail cannot be written" });
      }
    });
  }
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    const message = err.validation ? `invalid request: ${err.message}` : err.message;
    return reply.code(status).send({ statusCode: status, error: status === 500 ? "Internal Server Error" : (err.name ?? "Error"), message });
  });

  registerRoutes(app, o.served);
  registerMcpRoute(app, o.served);
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  // The address the server prints, opened in a browser: the API's pages rather than a 404.
  app.get("/", { schema: { hide: true } }, async (_req, reply) => reply.redirect("/docs"));
  return app;
}

/** The identity of a request: its bearer token or JWT, else its client certificate, else local and anonymous. */
async function identify(req: FastifyRequest, auth: Authenticator, mutualTls: boolean): Promise<Identity> {
  const subject = mutualTls ? certificateSubject(req) : undefined;
  if (auth.enabled) {
    const identity = await auth.authenticate(req.headers.authorization);
    return subject ? { ...identity, id: `${identity.id} (certificate ${subject})` } : identity;
  }
  // The CA vouches for a client certificate; without tokens or JWTs that is the whole authentication.
  if (subject) return { id: subject, kind: "mtls", scopes: [...SCOPES] };
  // No authentication configured: serve refuses this anywhere but on a loopback address.
  return { id: "anonymous", kind: "anonymous", scopes: [...SCOPES] };
}

function certificateSubject(req: FastifyRequest): string | undefined {
  const cert = (req.raw.socket as TLSSocket).getPeerCertificate?.();
  if (!cert?.subject) return undefined;
  return Object.entries(cert.subject)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : v}`)
    .join(", ");
}
