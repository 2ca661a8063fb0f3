// The same decision the walk makes, for one path: used when a watcher reports a single file, so that
// an editor event never indexes what a full walk would leave out.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { compileGlobs, DEFAULT_EXCLUDES, isBuildOutput } from "./excludes";
import { GitignoreStack } from "./gitignore";
import { mayBeIndexed } from "./languages";

export interface PathFilterOptions {
  include?: string[];
  exclude?: string[];
}

export function isIndexablePath(root: string, relPath: string, opts: PathFilterOptions = {}): boolean {
  if (!relPath || relPath.startsWith("../") || path.isAbsolute(relPath)) return false;
  // A file whose name says no language may be a script: the indexer reads its first lines.
  if (!mayBeIndexed(relPath)) return false;
  const excluded = compileGlobs([...DEFAULT_EXCLUDES, ...(opts.exclude ?? [])]);
  if (opts.include?.length && !compileGlobs(opts.include)(relPath)) return false;
  const parts = relPath.split("/");
  let stack = GitignoreStack.empty();
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join("/");
    if (dir && (excluded(dir) || stack.ignores(dir, true) || isBuildOutputDir(root, dir))) return false;
    stack = withGitignore(stack, root, dir);
  }
  return !excluded(relPath) && !stack.ignores(relPath, false);
}

/** Whether the walk leaves `dir` out as a build's output (excludes.ts); its parent is read only for a folder named build. */
function isBuildOutputDir(root: string, dir: string): boolean {
  const name = path.posix.basename(dir);
  if (name !== "build") return false;
  const parent = dir.includes("/") ? path.posix.dirname(dir) : "";
  return isBuildOutput(name, parent, entriesOf(root, parent));
}

function entriesOf(root: string, dir: string): string[] {
  try {
    return readdirSync(path.join(root, dir));
  } catch {
    return [];
  }
}

function withGitignore(stack: GitignoreStack, root: string, dir: string): GitignoreStack {
  try {
    return stack.with(dir, readFileSync(path.join(root, dir, ".gitignore"), "utf8"));
  } catch {
    return stack;
  }
}
