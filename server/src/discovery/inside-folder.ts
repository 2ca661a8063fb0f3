// One check for every path that reaches the store: its real location (symbolic links resolved) must
// be inside the folder's real location. A link in the workspace to /etc/passwd is not the
// workspace's file, however it arrives (the walk, a watched-file event, a save).
import { realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative } from "node:path";

/** Why `relPath` is not really inside `root`, or undefined when it is (or does not exist yet). */
export function outsideFolder(root: string, relPath: string): string | undefined {
  const abs = join(root, relPath);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    try {
      // Not on disk (an unsaved buffer, a deleted file): its folder decides.
      real = join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return undefined;
    }
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const rel = relative(realRoot, real);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return `its real path ${real} is outside the folder ${realRoot}`;
  return undefined;
}
