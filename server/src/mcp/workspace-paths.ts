// The `path` arguments of the tools: relative to the workspace (as hits give them) or absolute, never
// outside it. A search's path is a prefix (a folder or a file) or a glob; similar's is one file.
import { existsSync } from "node:fs";
import { isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { ToolInputError, type McpFolder } from "./backend";

const GLOB_CHARS = /[*?[\]{}!]/;

/** A path inside one folder, relative to its root, with forward slashes. */
interface Placed {
  folder: McpFolder;
  rel: string;
}

function outside(path: string, folders: McpFolder[]): ToolInputError {
  const roots = folders.map((f) => f.root).join(", ");
  return new ToolInputError(`path "${path}" is outside the workspace (${roots}); give a path relative to it, as search hits show them (for example "src/" or "docs/**/*.md"), or an absolute path inside it.`);
}

/** Where an absolute path falls, if inside a folder (the deepest root wins when folders nest). */
function placeAbsolute(path: string, folders: McpFolder[]): Placed | undefined {
  const abs = resolve(path);
  const inside = folders
    .map((folder) => ({ folder, rel: relative(folder.root, abs) }))
    .filter(({ rel }) => rel === "" || (!rel.startsWith("..") && !isAbsolute(rel)))
    .sort((a, b) => a.rel.length - b.rel.length);
  return inside[0] && { folder: inside[0].folder, rel: inside[0].rel.split(sep).join("/") };
}

/** A relative path, normalized; undefined when it climbs out (`../x`). */
function normalizeRelative(path: string): string | undefined {
  const rel = posix.normalize(path.replace(/\\/g, "/"));
  if (rel === ".." || rel.startsWith("../")) return undefined;
  return rel === "." ? "" : rel.replace(/^\.\//, "");
}

/**
 * A search's `path`: the glob for the `path` filter (a prefix matches the file itself and everything
 * under it), and the folder it names when it is absolute.
 */
export function searchPathFilter(path: string, folders: McpFolder[]): { glob?: string; folder?: string } {
  const raw = path.trim();
  if (!raw) return {};
  let rel: string | undefined;
  let folder: string | undefined;
  if (isAbsolute(raw) && !GLOB_CHARS.test(raw)) {
    const placed = placeAbsolute(raw, folders);
    if (!placed) throw outside(path, folders);
    ({ rel } = placed);
    folder = placed.folder.name;
  } else {
    if (isAbsolute(raw)) throw new ToolInputError(`path "${path}" is an absolute glob; give globs relative to the workspace, for example "src/**/*.ts".`);
    rel = normalizeRelative(raw);
    if (rel === undefined) throw outside(path, folders);
  }
  rel = rel.replace(/\/+$/, "");
  if (!rel) return { folder };
  return { glob: GLOB_CHARS.test(rel) ? rel : `${rel}{,/**}`, folder };
}

/** similar's `path`: one file in one folder (a relative path is looked for in each folder, in order). */
export function placeFile(path: string, folders: McpFolder[]): Placed {
  const raw = path.trim();
  if (!raw) throw new ToolInputError(`path is empty; give the file, relative to the workspace as search hits show it.`);
  if (isAbsolute(raw)) {
    const placed = placeAbsolute(raw, folders);
    if (!placed || !placed.rel) throw outside(path, folders);
    return placed;
  }
  const rel = normalizeRelative(raw);
  if (rel === undefined || !rel) throw outside(path, folders);
  const folder = folders.find((f) => existsSync(join(f.root, rel))) ?? folders[0];
  return { folder, rel };
}
