import fs, { promises as fsp, type Dirent, type Stats } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { ChunkKind } from "../../../shared/src/types";
import { isBinary } from "./binary";
import { compileGlobs, DEFAULT_EXCLUDES, isBuildOutput, type PathMatcher } from "./excludes";
import { errorCode, unreadableReason } from "./fs-errors";
import { GitignoreStack } from "./gitignore";
import { secretPathReason } from "./secret-files";
import { languageOf, mayBeIndexed, SCRIPT_HEAD_BYTES, scriptLanguage } from "./languages";
import { DEFAULT_MAX_FILE_SIZE, tooLargeReason } from "./read-file";

export interface DiscoverOptions {
  /** Globs relative to the root (posix); when given, only matching files are kept. */
  include?: string[];
  /** Globs to exclude on top of DEFAULT_EXCLUDES and .gitignore. */
  exclude?: string[];
  /** Bytes; larger files are skipped. Default 1_000_000. */
  maxFileSize?: number;
  signal?: AbortSignal;
}

export interface DiscoveredFile {
  absPath: string;
  /** Posix, relative to the root. */
  relPath: string;
  size: number;
  mtimeMs: number;
  language: string;
  kind: ChunkKind;
}

export interface SkippedFile {
  relPath: string;
  /** Human-readable: "binary file", "larger than 1 MB (52.4 MB)", "unreadable: permission denied", "symlink loop". */
  reason: string;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

const SNIFF_BYTES = 8192;
// Plain descriptors rather than FileHandle objects: several times cheaper per
// file, which matters when sniffing tens of thousands of them.
const open = promisify(fs.open);
const read = promisify(fs.read);
const close = promisify(fs.close);
const stat = promisify(fs.stat);
// Enough parallel opens to hide disk latency, few enough to stay far from EMFILE.
const FILE_CHECK_CONCURRENCY = 16;

/**
 * Lists the files under `root` worth indexing, sorted by relPath.
 *
 * Symlinks: a symlinked file is indexed when it points inside the root. A
 * symlinked folder is never descended into: inside the root its content is
 * already found at its real location, outside it is not ours, and a link to an
 * ancestor is reported as a loop.
 */
export async function discover(root: string, opts: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const rootAbs = path.resolve(root);
  let rootStat: Stats;
  try {
    rootStat = await fsp.stat(rootAbs);
  } catch (err) {
    const code = errorCode(err);
    if (code === "ENOENT" || code === "ENOTDIR") throw new Error(`folder not found: ${rootAbs}`);
    throw new Error(`cannot open folder ${rootAbs}: ${unreadableReason(err)}`);
  }
  if (!rootStat.isDirectory()) throw new Error(`not a folder: ${rootAbs}`);

  const walker = new Walker(opts, await fsp.realpath(rootAbs));
  await walker.walkDir(rootAbs, "", walker.rootReal, GitignoreStack.empty(), new Set([walker.rootReal]));
  const byPath = (a: { relPath: string }, b: { relPath: string }) =>
    a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0;
  return { files: walker.files.sort(byPath), skipped: walker.skipped.sort(byPath) };
}

interface FileCandidate {
  absPath: string;
  relPath: string;
  /** Already known when the entry was a symlink we had to stat. */
  stat?: Stats;
}

class Walker {
  readonly files: DiscoveredFile[] = [];
  readonly skipped: SkippedFile[] = [];
  private readonly excluded: PathMatcher;
  private readonly included: PathMatcher | undefined;
  private readonly maxFileSize: number;
  private readonly signal: AbortSignal | undefined;

  constructor(opts: DiscoverOptions, readonly rootReal: string) {
    this.excluded = compileGlobs([...DEFAULT_EXCLUDES, ...(opts.exclude ?? [])]);
    this.included = opts.include && opts.include.length > 0 ? compileGlobs(opts.include) : undefined;
    this.maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    this.signal = opts.signal;
  }

  async walkDir(
    absDir: string,
    relDir: string,
    realDir: string,
    inherited: GitignoreStack,
    ancestors: ReadonlySet<string>,
  ): Promise<void> {
    this.signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(absDir, { withFileTypes: true });
    } catch (err) {
      this.skip(relDir || ".", unreadableReason(err));
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    // A virtualenv under any name: thousands of third-party files.
    if (relDir !== "" && names.has("pyvenv.cfg")) return;

    const gitignores = await this.loadGitignores(absDir, relDir, names, inherited);
    const candidates: FileCandidate[] = [];
    const subdirs: Array<{ abs: string; rel: string; real: string }> = [];

    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(absDir, entry.name);
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;

      const secret = secretPathReason(rel, entry.isDirectory());
      if (secret) {
        this.skip(rel, secret);
      } else if (entry.isSymbolicLink()) {
        await this.visitSymlink(abs, rel, gitignores, ancestors, candidates);
      } else if (entry.isDirectory()) {
        if (isBuildOutput(entry.name, relDir, names) || this.isExcluded(rel, true, gitignores)) continue;
        subdirs.push({ abs, rel, real: path.join(realDir, entry.name) });
      } else if (entry.isFile()) {
        if (this.wants(rel, gitignores)) candidates.push({ absPath: abs, relPath: rel });
      } else if (this.wants(rel, gitignores)) {
        // FIFOs, sockets, devices: opening one could block or never end.
        this.skip(rel, "not a regular file");
      }
    }

    await this.checkFiles(candidates);
    for (const dir of subdirs) {
      await this.walkDir(dir.abs, dir.rel, dir.real, gitignores, new Set([...ancestors, dir.real]));
    }
  }

  private async visitSymlink(
    abs: string,
    rel: string,
    gitignores: GitignoreStack,
    ancestors: ReadonlySet<string>,
    candidates: FileCandidate[],
  ): Promise<void> {
    let real: string;
    let target: Stats;
    try {
      real = await fsp.realpath(abs);
      target = await stat(real);
    } catch (err) {
      const code = errorCode(err);
      // Reported whatever the name: a dangling link may well have been a folder.
      if (this.isExcluded(rel, false, gitignores)) return;
      this.skip(rel, code === "ENOENT" ? "broken symlink" : code === "ELOOP" ? "symlink loop" : unreadableReason(err));
      return;
    }
    if (target.isDirectory()) {
      if (this.isExcluded(rel, true, gitignores)) return;
      if (ancestors.has(real)) this.skip(rel, "symlink loop");
      else if (!isInside(this.rootReal, real)) this.skip(rel, "symlink points outside the folder");
      return;
    }
    if (!this.wants(rel, gitignores)) return;
    if (!isInside(this.rootReal, real)) this.skip(rel, "symlink points outside the folder");
    else if (!target.isFile()) this.skip(rel, "not a regular file");
    else candidates.push({ absPath: abs, relPath: rel, stat: target });
  }

  private async loadGitignores(
    absDir: string,
    relDir: string,
    names: ReadonlySet<string>,
    inherited: GitignoreStack,
  ): Promise<GitignoreStack> {
    let stack = inherited;
    const sources = relDir === "" ? [".git/info/exclude", ".gitignore"] : [".gitignore"];
    for (const source of sources) {
      if (!names.has(source.split("/")[0])) continue;
      try {
        stack = stack.with(relDir, await fsp.readFile(path.join(absDir, source), "utf8"));
      } catch (err) {
        const code = errorCode(err);
        // .git/info/exclude is optional; .gitignore being a folder is odd but harmless.
        if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") continue;
        this.skip(relDir ? `${relDir}/${source}` : source, unreadableReason(err));
      }
    }
    return stack;
  }

  private isExcluded(rel: string, isDir: boolean, gitignores: GitignoreStack): boolean {
    return this.excluded(rel) || gitignores.ignores(rel, isDir);
  }

  /** A file we would index if it turns out readable, small and textual (and a script, when its name does not say). */
  private wants(rel: string, gitignores: GitignoreStack): boolean {
    if (!mayBeIndexed(rel)) return false;
    if (this.included && !this.included(rel)) return false;
    return !this.isExcluded(rel, false, gitignores);
  }

  private async checkFiles(candidates: FileCandidate[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < candidates.length) {
        const candidate = candidates[next++];
        await this.checkFile(candidate);
      }
    };
    await Promise.all(Array.from({ length: Math.min(FILE_CHECK_CONCURRENCY, candidates.length) }, worker));
  }

  private async checkFile(candidate: FileCandidate): Promise<void> {
    const { absPath, relPath } = candidate;
    const named = languageOf(relPath);
    let fd: number | undefined;
    try {
      const st = candidate.stat ?? (await stat(absPath));
      const tooLarge = st.size > this.maxFileSize;
      if (named && tooLarge) {
        this.skip(relPath, tooLargeReason(st.size, this.maxFileSize));
        return;
      }
      fd = await open(absPath, "r");
      const head = Buffer.alloc(Math.min(SNIFF_BYTES, st.size));
      const { bytesRead } = await read(fd, head, 0, head.length, 0);
      // A file whose name says no language is indexed when its `#!` line or an editor's mode line
      // names one we index; any other (a Makefile, a licence, an image) is none of ours, and no skip
      // worth reporting.
      const info = named ?? scriptLanguage(head.toString("utf8", 0, Math.min(bytesRead, SCRIPT_HEAD_BYTES)));
      if (!info) return;
      if (tooLarge) {
        this.skip(relPath, tooLargeReason(st.size, this.maxFileSize));
        return;
      }
      if (isBinary(head.subarray(0, bytesRead))) {
        this.skip(relPath, "binary file");
        return;
      }
      this.files.push({ absPath, relPath, size: st.size, mtimeMs: st.mtimeMs, language: info.language, kind: info.kind });
    } catch (err) {
      // Gone between readdir and now: nothing to index and nothing to report. Nor is a file without
      // an extension that could not be read: nothing says it was code.
      if (errorCode(err) === "ENOENT" || !named) return;
      this.skip(relPath, unreadableReason(err));
    } finally {
      if (fd !== undefined) await close(fd).catch(() => undefined);
    }
  }

  private skip(relPath: string, reason: string): void {
    this.skipped.push({ relPath, reason });
  }
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (rel !== ".." && !rel.startsWith(".." + path.sep) && !path.isAbsolute(rel));
}
