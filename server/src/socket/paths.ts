// Where a folder's socket lives, and the checks that keep it this user's: a Unix socket (no network
// port) in a folder only this user can enter, named by a hash of the database's path. Both ends check
// the folder and the socket before using them; another user's, or one anybody can write to, is never
// listened on nor connected to.
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** Who "this user" is; tests pass another uid to play a stranger. */
export interface OwnerCheck {
  /** Default: process.getuid(). */
  uid?: number;
  /** The folder holding the sockets; default socketFolder(). */
  folder?: string;
}

/** $XDG_RUNTIME_DIR/semsearch (a per-user tmpfs on most Linux systems), else ~/.cache/semsearch/run. */
export function socketFolder(env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, "semsearch") : join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "semsearch", "run");
}

/** The socket of the server that holds a database: the same path for every process that names it. */
export function socketPathFor(dbPath: string, folder = socketFolder()): string {
  // Unix socket paths are limited to about 100 bytes: a short hash, not the database's path.
  return join(folder, `${createHash("sha256").update(resolve(dbPath)).digest("hex").slice(0, 24)}.sock`);
}

/** Sockets are a Unix-only path here (on Windows the CLI always searches itself). */
export function socketsSupported(): boolean {
  return process.platform !== "win32" && typeof process.getuid === "function";
}

function ownUid(check: OwnerCheck): number {
  return check.uid ?? process.getuid!();
}

/** Why a folder is not safe to hold sockets, or undefined when it is this user's and only this user's. */
export function unsafeFolder(folder: string, check: OwnerCheck = {}): string | undefined {
  const st = lstatSync(folder, { throwIfNoEntry: false });
  if (!st) return `${folder} does not exist`;
  if (!st.isDirectory()) return `${folder} is not a folder (or is a symbolic link)`;
  if (st.uid !== ownUid(check)) return `${folder} belongs to another user (uid ${st.uid})`;
  if (st.mode & 0o077) return `${folder} can be entered by other users (mode ${(st.mode & 0o777).toString(8)}; it must be 700)`;
  return undefined;
}

/** Why a socket file is not one to connect to, or undefined when it is this user's, private socket. */
export function unsafeSocket(path: string, check: OwnerCheck = {}): string | undefined {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st) return `${path} does not exist`;
  if (!st.isSocket()) return `${path} is not a socket`;
  if (st.uid !== ownUid(check)) return `${path} belongs to another user (uid ${st.uid})`;
  if (st.mode & 0o077) return `${path} is open to other users (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}

/** Creates the socket folder (mode 700) if missing; then why it is unsafe, or undefined. */
export function ensureSocketFolder(folder: string, check: OwnerCheck = {}): string | undefined {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (err) {
    return `cannot create ${folder}: ${(err as Error).message}`;
  }
  return unsafeFolder(folder, check);
}
