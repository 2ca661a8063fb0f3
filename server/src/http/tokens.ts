// Static API tokens: generating them, and the file that holds their hashes.
//
// Kept apart from auth.ts so that `semsearch token ...` does not load jose.
//
// The tokens file is a JSON object with one array (an object rather than a bare array leaves room to add
// fields later without breaking old files):
//
//   {"tokens": [{"name": "ci-bot", "hash": "sha256:<64 hex>", "scopes": ["search"]}]}
//
// Only the SHA-256 of each token is stored: a leaked file (a backup, a config repo) does not leak
// working tokens. A plain hash without salt is enough here because the tokens are 32 random bytes, not
// passwords: there is nothing to guess.
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";

export type Scope = "search" | "write" | "admin";
export const SCOPES: readonly Scope[] = ["search", "write", "admin"];

export interface TokenEntry {
  name: string;
  hash: string;
  scopes: Scope[];
}

/** The prefix makes a semsearch token recognisable (in a secret scanner, in a leaked log). */
export const TOKEN_PREFIX = "ss_";
const HASH = /^sha256:[0-9a-f]{64}$/;
// Names end up in audit lines and error messages: keep them to characters that need no escaping.
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function isScope(s: unknown): s is Scope {
  return typeof s === "string" && (SCOPES as readonly string[]).includes(s);
}

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return "sha256:" + createHash("sha256").update(token, "utf8").digest("hex");
}

/** Reads and validates a tokens file; every error names the file and the entry at fault. */
export function readTokensFile(file: string): TokenEntry[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`tokens file ${file}: cannot read it: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`tokens file ${file}: not valid JSON: ${(err as Error).message}`);
  }
  const list = (data as { tokens?: unknown } | null)?.tokens;
  if (typeof data !== "object" || Array.isArray(data) || !Array.isArray(list)) {
    throw new Error(`tokens file ${file}: expected {"tokens": [{"name", "hash", "scopes"}, ...]}`);
  }
  const names = new Set<string>();
  const hashes = new Set<string>();
  return list.map((raw: unknown, i: number) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const where = `tokens file ${file}: entry ${i + 1}${typeof e.name === "string" ? ` ("${e.name}")` : ""}`;
    // A plaintext token in the file defeats the point of hashing: refuse rather than accept it.
    if ("token" in e || (typeof e.hash === "string" && e.hash.startsWith(TOKEN_PREFIX))) {
      throw new Error(`${where} holds a plaintext token; store only its hash ("sha256:<hex>", as \`semsearch token create\` writes)`);
    }
    if (typeof e.name !== "string" || !NAME.test(e.name)) throw new Error(`${where}: "name" must be 1-64 letters, digits or . _ @ -`);
    if (typeof e.hash !== "string" || !HASH.test(e.hash)) throw new Error(`${where}: "hash" must be "sha256:" and 64 lowercase hex digits`);
    if (!Array.isArray(e.scopes) || e.scopes.length === 0) throw new Error(`${where}: "scopes" must be a non-empty array`);
    // Unlike JWT scopes (minted elsewhere), these are ours: an unknown one is a typo worth stopping for.
    const bad = e.scopes.find((s) => !isScope(s));
    if (bad !== undefined) throw new Error(`${where}: unknown scope ${JSON.stringify(bad)} (known: ${SCOPES.join(", ")})`);
    if (names.has(e.name)) throw new Error(`${where}: the name is used twice`);
    if (hashes.has(e.hash)) throw new Error(`${where}: the same token hash is listed twice`);
    names.add(e.name);
    hashes.add(e.hash);
    return { name: e.name, hash: e.hash, scopes: [...new Set(e.scopes as Scope[])] };
  });
}

/** Parses "search,write" into scopes; throws on an empty list or an unknown scope. */
export function parseScopeList(list: string): Scope[] {
  const parts = list.split(",").map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error(`no scopes given (known: ${SCOPES.join(", ")})`);
  const bad = parts.find((s) => !isScope(s));
  if (bad !== undefined) throw new Error(`unknown scope "${bad}" (known: ${SCOPES.join(", ")})`);
  return [...new Set(parts as Scope[])];
}

/**
 * Adds a new token to the file (creating it with mode 0600 when missing) and returns the token: the
 * only time it exists in clear. Refuses a name already in the file.
 */
export function addToken(file: string, name: string, scopes: Scope[]): string {
  if (!NAME.test(name)) throw new Error(`token name "${name}" must be 1-64 letters, digits or . _ @ -`);
  if (scopes.length === 0 || !scopes.every(isScope)) throw new Error(`scopes must be some of: ${SCOPES.join(", ")}`);
  const exists = existsSync(file);
  const entries = exists ? readTokensFile(file) : [];
  if (entries.some((e) => e.name === name)) throw new Error(`tokens file ${file}: a token named "${name}" already exists`);
  const token = generateToken();
  entries.push({ name, hash: hashToken(token), scopes: [...new Set(scopes)] });
  // Write a sibling file then rename it over: a crash mid-write must not leave a file the server
  // cannot parse. The new file keeps an existing file's mode, or 0600 for a new one.
  const mode = exists ? statSync(file).mode & 0o777 : 0o600;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ tokens: entries }, null, 2) + "\n", { mode, flag: "wx" });
  chmodSync(tmp, mode); // writeFileSync's mode is filtered by the umask
  renameSync(tmp, file);
  return token;
}
