// Where a workspace folder's database lives: where the client says, or a per-user cache keyed by the
// folder's path; never inside the user's repository unless they ask for it.
import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { basename, join } from "node:path";

export function storageDirFor(folderPath: string, storagePath?: string): string {
  const base = storagePath || process.env.SEMSEARCH_STORAGE || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "semsearch", "workspaces");
  const key = createHash("sha256").update(folderPath).digest("hex").slice(0, 12);
  return join(base, `${basename(folderPath).replace(/[^A-Za-z0-9._-]+/g, "_")}-${key}`);
}
