// Who is calling the HTTP service, and may they do this: static API tokens and OAuth2 JWTs, both sent
// as `Authorization: Bearer ...` (RFC 6750), and three scopes.
import { timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { hashToken, isScope, readTokensFile, SCOPES, type Scope, type TokenEntry } from "./tokens";

export { SCOPES, type Scope };

export interface Identity {
  id: string;
  kind: "token" | "jwt" | "mtls" | "anonymous";
  scopes: Scope[];
}

export interface AuthConfig {
  /** JSON file of static token hashes (format in tokens.ts). */
  tokensFile?: string;
  /** A JWKS file path, or an https:// URL (plain http:// only to a loopback host, for tests). */
  jwks?: string;
  /** Required with jwks: without them a token minted by the same IdP for another service would pass. */
  issuer?: string;
  audience?: string;
}

const REALM = "semsearch";
// Asymmetric algorithms only: the keys come from a public JWKS, and allowing HS* would invite
// algorithm-confusion tricks. jwtVerify never accepts "none".
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];
const CLOCK_TOLERANCE_S = 5;
// jose error codes that mean "this token is bad" (401). Any other failure (the JWKS URL is down or
// answers garbage) is ours, not the caller's: it is rethrown as a plain Error with statusCode 503.
const TOKEN_FAULTS = new Set([
  "ERR_JWT_EXPIRED",
  "ERR_JWT_CLAIM_VALIDATION_FAILED",
  "ERR_JWT_INVALID",
  "ERR_JWS_INVALID",
  "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
  "ERR_JWKS_NO_MATCHING_KEY",
  "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
  "ERR_JOSE_ALG_NOT_ALLOWED",
  "ERR_JOSE_NOT_SUPPORTED",
]);

export class AuthError extends Error {
  /** The WWW-Authenticate header value to send with the response. */
  readonly wwwAuthenticate?: string;
  constructor(
    readonly status: 401 | 403,
    message: string,
    wwwAuthenticate?: string,
  ) {
    super(message);
    this.name = "AuthError";
    this.wwwAuthenticate = wwwAuthenticate;
  }
}

/** RFC 6750 allows only printable ASCII without `"` and `\` inside its quoted values. */
function q(s: string): string {
  return `"${s.replace(/[^\x20-\x7e]|["\\]/g, "'")}"`;
}

function invalidToken(description: string): AuthError {
  return new AuthError(401, description, `Bearer realm=${q(REALM)}, error="invalid_token", error_description=${q(description)}`);
}

export class Authenticator {
  private constructor(
    private readonly tokens: TokenEntry[],
    private readonly keys: JWTVerifyGetKey | undefined,
    private readonly issuer: string | undefined,
    private readonly audience: string | undefined,
  ) {}

  static async create(cfg: AuthConfig): Promise<Authenticator> {
    const tokens = cfg.tokensFile !== undefined ? readTokensFile(cfg.tokensFile) : [];
    let keys: JWTVerifyGetKey | undefined;
    if (cfg.jwks !== undefined) {
      if (!cfg.issuer || !cfg.audience) {
        throw new Error(`JWT verification (JWKS ${cfg.jwks}) needs both an issuer and an audience, so that tokens minted for another service are refused`);
      }
      keys = /^https?:\/\//i.test(cfg.jwks) ? remoteKeys(cfg.jwks) : localKeys(cfg.jwks);
    }
    return new Authenticator(tokens, keys, cfg.issuer, cfg.audience);
  }

  get enabled(): boolean {
    return this.tokens.length > 0 || this.keys !== undefined;
  }

  /**
   * From the Authorization header: "Bearer <static token>" or "Bearer <JWT>". Throws AuthError(401)
   * with a WWW-Authenticate value when missing or invalid.
   *
   * With auth not enabled every caller is "anonymous" with every scope: serving without auth is then
   * the caller's explicit choice (the server should allow it on loopback only).
   */
  async authenticate(authorization: string | undefined): Promise<Identity> {
    if (!this.enabled) return { id: "anonymous", kind: "anonymous", scopes: [...SCOPES] };
    // RFC 6750 3.1: a request with no credentials (or another scheme) gets the challenge without an
    // error code; only a bad bearer token gets error="invalid_token".
    const challenge = `Bearer realm=${q(REALM)}`;
    if (!authorization) throw new AuthError(401, "authentication required: send Authorization: Bearer <token>", challenge);
    const m = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!m) throw new AuthError(401, "the Authorization header must be: Bearer <token>", challenge);
    const token = m[1];
    // A JWT is three base64url parts; a static token (ss_ + base64url) never contains a dot.
    if (token.split(".").length === 3) return this.verifyJwt(token);
    return this.matchStatic(token);
  }

  /** Throws AuthError(403) when the identity lacks the scope. Scopes do not imply one another. */
  static require(identity: Identity, scope: Scope): void {
    if (identity.scopes.includes(scope)) return;
    const message = `${identity.kind} "${identity.id}" needs the "${scope}" scope`;
    throw new AuthError(403, message, `Bearer realm=${q(REALM)}, error="insufficient_scope", error_description=${q(message)}, scope=${q(scope)}`);
  }

  private matchStatic(token: string): Identity {
    const digest = Buffer.from(hashToken(token).slice("sha256:".length), "hex");
    let found: TokenEntry | undefined;
    // Compare against every entry, in constant time each, so the time taken says nothing about the hashes.
    for (const e of this.tokens) {
      if (timingSafeEqual(digest, Buffer.from(e.hash.slice("sha256:".length), "hex"))) found = e;
    }
    if (!found) throw invalidToken("unknown token");
    return { id: found.name, kind: "token", scopes: [...found.scopes] };
  }

  private async verifyJwt(token: string): Promise<Identity> {
    if (!this.keys) throw invalidToken("JWTs are not accepted here (no JWKS configured)");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_S,
        // A token without an expiry would be good forever.
        requiredClaims: ["exp"],
      }));
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code && TOKEN_FAULTS.has(code)) throw invalidToken(describe(err as Error & { code: string; claim?: string }));
      // statusCode is what Fastify's error handling reads; the detail stays in `cause`, for the log.
      const unavailable = new Error("cannot verify JWTs right now: the signing keys (JWKS) are unavailable", { cause: err });
      throw Object.assign(unavailable, { statusCode: 503 });
    }
    const id = typeof payload.sub === "string" && payload.sub ? payload.sub : typeof payload.client_id === "string" ? payload.client_id : "";
    if (!id) throw invalidToken("the token has neither sub nor client_id");
    return { id, kind: "jwt", scopes: scopesOf(payload) };
  }
}

/** OAuth2 puts scopes in `scope` (space-separated); some IdPs use `scp` (an array, or a string). */
function scopesOf(payload: JWTPayload): Scope[] {
  const raw: unknown[] = [];
  if (typeof payload.scope === "string") raw.push(...payload.scope.split(/\s+/));
  if (typeof payload.scp === "string") raw.push(...payload.scp.split(/\s+/));
  else if (Array.isArray(payload.scp)) raw.push(...payload.scp);
  // Scopes the IdP grants for other services are none of ours: ignored, not an error.
  return [...new Set(raw.filter(isScope))];
}

function describe(err: Error & { code: string; claim?: string }): string {
  switch (err.code) {
    case "ERR_JWT_EXPIRED":
      return "the token has expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return err.claim === "nbf" ? "the token is not valid yet" : `the token's "${err.claim}" claim is wrong or missing`;
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "the token's signature does not verify";
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "no known key matches the token";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "the token's algorithm is not allowed";
    default:
      return "the token is malformed";
  }
}

function localKeys(file: string): JWTVerifyGetKey {
  let jwks: { keys?: unknown };
  try {
    jwks = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`JWKS file ${file}: ${(err as Error).message}`);
  }
  if (!jwks || !Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new Error(`JWKS file ${file}: expected {"keys": [<JWK>, ...]} with at least one key`);
  for (const k of jwks.keys as Record<string, unknown>[]) {
    // Private or shared-secret keys in a verification key set mean a key has leaked into config.
    if (k?.kty === "oct" || "d" in (k ?? {})) throw new Error(`JWKS file ${file}: holds a private or symmetric key${k?.kid ? ` (kid ${k.kid})` : ""}; it must hold only public keys`);
  }
  try {
    return createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
  } catch (err) {
    throw new Error(`JWKS file ${file}: ${(err as Error).message}`);
  }
}

function remoteKeys(url: string): JWTVerifyGetKey {
  const u = new URL(url);
  // Keys fetched over plain http could be swapped by anyone on the path: only a loopback host may use it.
  if (u.protocol === "http:" && !["127.0.0.1", "[::1]", "localhost"].includes(u.hostname)) {
    throw new Error(`JWKS URL ${url}: must be https:// (plain http:// only to a loopback host)`);
  }
  // Fetched on the first JWT and cached by jose (refetched on an unknown kid, at most every 30 s).
  return createRemoteJWKSet(u);
}
