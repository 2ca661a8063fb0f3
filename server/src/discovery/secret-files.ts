// Files whose name says they hold credentials are never indexed, whatever their extension and
// however they arrive (the walk, a watched-file event, a save, an open buffer): the index keeps a
// copy of every file it reads, and a copy of a private key is a leak. Unlike DEFAULT_EXCLUDES these
// are reported, so that a user wondering why `.env.md` is not found learns why. No setting brings
// them back: `exclude` can only add to them.
import picomatch from "picomatch";

/** Base names (matched case-insensitively, at any depth). `.env*` takes `.env.example` too. */
export const SECRET_FILE_NAMES: readonly string[] = [
  ".env*",
  "*.pem",
  "*.key",
  "id_rsa*",
  "id_ed25519*",
  "*.p12",
  "*.pfx",
  ".npmrc",
  ".netrc",
  "credentials*.json",
  "*.keystore",
];

/** Folders of credentials (ssh keys, AWS credentials): nothing under them is indexed. */
export const SECRET_FOLDERS: readonly string[] = [".ssh", ".aws"];

const NAME_MATCHERS = SECRET_FILE_NAMES.map((glob) => ({ glob, test: picomatch(glob, { dot: true, nocase: true }) }));
const FOLDERS = new Set(SECRET_FOLDERS.map((f) => f.toLowerCase()));

/**
 * Why a path (posix, relative to the folder) may hold secrets and is not indexed, or undefined.
 * `isDir`: the path is itself a folder (the walk asks before going into one).
 */
export function secretPathReason(relPath: string, isDir = false): string | undefined {
  const parts = relPath.split("/").filter((p) => p && p !== ".");
  const folders = isDir ? parts : parts.slice(0, -1);
  const folder = folders.find((p) => FOLDERS.has(p.toLowerCase()));
  if (folder) return `may hold secrets (under ${folder}/)`;
  if (isDir) return undefined;
  const base = parts[parts.length - 1] ?? "";
  const hit = NAME_MATCHERS.find((m) => m.test(base));
  return hit ? `may hold secrets (name matches ${hit.glob})` : undefined;
}
