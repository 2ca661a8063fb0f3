// Which Node.js runs the language server. Pure (no `vscode`; reads the file system only).
//
// vscode-languageclient resolves a relative `runtime` against the workspace folder first, so a
// folder could ship its own "node" and have it run: this resolves the setting ourselves, to an
// absolute path (a bare name is looked up on PATH only; "~/" is the home folder).
import { accessSync, constants, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, isAbsolute, join, resolve } from "node:path";

export type RuntimeChoice =
  | { kind: "default" }
  | { kind: "path"; path: string }
  | { kind: "missing"; setting: string; reason: string };

function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    if (process.platform !== "win32") accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks a bare command name up on PATH (with PATHEXT on Windows). */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? "").split(delimiter).filter(Boolean);
  const exts = process.platform === "win32" ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";")] : [""];
  for (const dir of dirs) {
    if (!isAbsolute(dir)) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The `semanticSearch.server.runtime` setting as a path to launch, or why it cannot be used. */
export function resolveRuntime(setting: string | undefined, env: NodeJS.ProcessEnv = process.env, home = homedir()): RuntimeChoice {
  const value = (setting ?? "").trim();
  if (!value) return { kind: "default" };
  let p = value;
  if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) p = join(home, p.slice(1));
  if (!/[\\/]/.test(p)) {
    const found = findOnPath(p, env);
    return found ? { kind: "path", path: found } : { kind: "missing", setting: value, reason: `"${value}" was not found on PATH` };
  }
  if (!isAbsolute(p)) return { kind: "missing", setting: value, reason: `"${value}" is a relative path; give an absolute path to a node executable` };
  p = resolve(p);
  return isExecutableFile(p) ? { kind: "path", path: p } : { kind: "missing", setting: value, reason: `${p} is not an executable file` };
}
