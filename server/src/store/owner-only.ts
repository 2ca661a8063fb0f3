// The index holds a copy of what it read (text, vectors that can be inverted back to text), so its
// folder is for its owner only: a folder semsearch creates is made 0700, a `.semsearch` folder is
// tightened to 0700 when this user owns it, and the database file is made 0600. A folder the user
// named that already existed (`--db /shared/x.db`) is left as it is: changing it could lock others
// out of something that is not ours.
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const OWNER_ONLY_DIR = 0o700;
const OWNER_ONLY_FILE = 0o600;

/** Creates the store's folder owner-only (and its `.gitignore` in `.semsearch`); tightens an existing `.semsearch`. */
export function makeStoreFolder(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  else if (basename(dir) === ".semsearch") tighten(dir, OWNER_ONLY_DIR);
  const ignore = join(dir, ".gitignore");
  if (basename(dir) === ".semsearch" && !existsSync(ignore)) writeFileSync(ignore, "# semsearch's index: never commit it\n*\n");
}

/** The database file, readable by its owner only (SQLite creates it with the process's umask). */
export function ownerOnlyFile(file: string): void {
  if (existsSync(file)) tighten(file, OWNER_ONLY_FILE);
}

function tighten(path: string, mode: number): void {
  try {
    const st = statSync(path);
    // Only what this user owns; a failure (another owner, a read-only file system) changes nothing.
    if (typeof process.getuid === "function" && st.uid !== process.getuid()) return;
    if ((st.mode & 0o777) !== mode) chmodSync(path, mode);
  } catch {
    // the permissions stay as they were
  }
}
