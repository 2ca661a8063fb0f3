// A secret only this user can read, so that semsearch can tell the files it wrote itself from files
// someone else made (a repository that ships a .semsearch folder, another account on the machine):
// the HNSW file and the database carry an HMAC under this key, and anything that does not verify is
// rebuilt from sources this user trusts instead of being handed to native code or shown as content.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, closeSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const SECRET_FILE = "user-secret";
const SECRET_BYTES = 32;

/** The user's own semsearch config folder: $SEMSEARCH_CONFIG_DIR, else $XDG_CONFIG_HOME/semsearch, else ~/.config/semsearch. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SEMSEARCH_CONFIG_DIR) return env.SEMSEARCH_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, "semsearch");
  return join(homedir(), ".config", "semsearch");
}

const cache = new Map<string, Buffer>();

/**
 * The 32-byte secret of this user, created on first use (mode 0600 in a 0700 folder). Two processes
 * creating it at once both end up with the same key: each writes its own temporary file and links
 * it into place, which fails if the other got there first, and then reads whoever won.
 */
export function userSecret(dir = configDir()): Buffer {
  const cached = cache.get(dir);
  if (cached) return cached;
  const file = join(dir, SECRET_FILE);
  let secret = readSecret(file);
  if (!secret) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${SECRET_FILE}.${process.pid}.${randomBytes(6).toString("hex")}`);
    writeFileSync(tmp, randomBytes(SECRET_BYTES), { mode: 0o600, flag: "wx" });
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw secretError(file, err as Error);
    } finally {
      rmSync(tmp, { force: true });
    }
    secret = readSecret(file);
    if (!secret) throw secretError(file, new Error(`it does not hold ${SECRET_BYTES} bytes`));
  }
  cache.set(dir, secret);
  return secret;
}

function readSecret(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw secretError(file, err as Error);
  }
  try {
    const st = statSync(file);
    // A key others can read is no secret: tighten it rather than trust it less (it was ours to begin with).
    if (process.platform !== "win32" && (st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) chmodSync(file, 0o600);
    const bytes = readFileSync(fd);
    if (bytes.length !== SECRET_BYTES) {
      throw secretError(file, new Error(`it holds ${bytes.length} bytes, not ${SECRET_BYTES}; delete it and semsearch will make a new one (indexes are then rebuilt)`));
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

function secretError(file: string, err: Error): Error {
  return new Error(`Cannot use semsearch's user secret ${file}: ${err.message}. Check the folder's permissions or set SEMSEARCH_CONFIG_DIR.`);
}

/** HMAC-SHA256 under this user's secret, of strings and bytes in order (each length-prefixed, so parts cannot be shifted). */
export function userHmac(...parts: (string | Buffer)[]): Buffer {
  const h = createHmac("sha256", userSecret());
  for (const p of parts) {
    const bytes = typeof p === "string" ? Buffer.from(p, "utf8") : p;
    const len = Buffer.alloc(8);
    len.writeBigUInt64BE(BigInt(bytes.length));
    h.update(len).update(bytes);
  }
  return h.digest();
}

/** Compares a hex tag with the expected bytes in constant time; a malformed tag is simply false. */
export function tagMatches(tag: unknown, expected: Buffer): boolean {
  if (typeof tag !== "string" || !/^[0-9a-f]+$/.test(tag) || tag.length !== expected.length * 2) return false;
  return timingSafeEqual(Buffer.from(tag, "hex"), expected);
}

/** Forgets cached secrets (tests that switch SEMSEARCH_CONFIG_DIR inside one process). */
export function forgetCachedSecrets(): void {
  cache.clear();
}
