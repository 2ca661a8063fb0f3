// Watches a workspace folder's files for a client that cannot (no dynamic registration of
// workspace/didChangeWatchedFiles), and reports what changed as such a client would.
//
// One fs.watch per folder that discovery would walk into, rather than fs.watch(root, { recursive }):
// on Linux, Node 22's recursive mode reads the whole tree synchronously and puts an inotify watch on
// every file and folder, node_modules and .git included, which blocks the server on a large
// repository and can use up fs.inotify.max_user_watches. Per folder, the excluded and generated
// folders (discovery's DEFAULT_EXCLUDES, `semanticSearch.exclude`, .gitignore) cost nothing.
import { lstat, readdir, readFile } from "node:fs/promises";
import { watch, type FSWatcher } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { FileChangeType, type FileEvent } from "vscode-languageserver";
import { compileGlobs, DEFAULT_EXCLUDES, isBuildOutput, type PathMatcher } from "../discovery/excludes";
import { GitignoreStack } from "../discovery/gitignore";

export interface FolderWatcherOptions {
  /** `semanticSearch.exclude` of the folder: globs on top of DEFAULT_EXCLUDES and .gitignore. */
  exclude?: string[];
  /** Told what changed, in order, a batch at a time; the next batch waits for it. */
  onChanges: (changes: FileEvent[]) => Promise<void> | void;
  log?: (message: string) => void;
  /** Quiet time after the last event before a batch is sent (default 200 ms). */
  debounceMs?: number;
  /** A batch is sent at the latest this long after its first event, however busy the disk (default 2 s). */
  maxDelayMs?: number;
}

/** A new folder with more files than this is reported as the folder (one pass over it), not file by file. */
const MAX_FILES_PER_NEW_FOLDER = 200;

export class FolderWatcher {
  /** Watched folders by absolute path, with the .gitignore rules in force inside them. */
  private readonly dirs = new Map<string, { watcher: FSWatcher; rel: string; gitignores: GitignoreStack }>();
  private readonly excluded: PathMatcher;
  private pending = new Set<string>();
  private quietTimer: NodeJS.Timeout | undefined;
  private firstPendingAt = 0;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;
  private warned = false;

  constructor(
    readonly root: string,
    private readonly opts: FolderWatcherOptions,
  ) {
    this.excluded = compileGlobs([...DEFAULT_EXCLUDES, ...(opts.exclude ?? [])]);
  }

  /** Watches the folder and every folder under it that is not excluded; resolves once all are watched. */
  async start(): Promise<void> {
    await this.watchTree(this.root, "", GitignoreStack.empty(), undefined);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.quietTimer);
    for (const { watcher } of this.dirs.values()) watcher.close();
    this.dirs.clear();
    this.pending.clear();
  }

  /** Resolves when the events seen so far have been reported (for tests and shutdown). */
  settled(): Promise<void> {
    return this.flushing;
  }

  /** Folders being watched (for tests). */
  get watchedFolders(): string[] {
    return [...this.dirs.values()].map((d) => d.rel);
  }

  /**
   * Watches a folder and, recursively, the folders under it. `found` collects the files met on the
   * way (for a folder that appeared after the start, whose files no event will announce).
   */
  private async watchTree(abs: string, rel: string, inherited: GitignoreStack, found: string[] | undefined): Promise<void> {
    if (this.closed || this.dirs.has(abs)) return;
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      return; // gone or unreadable: its parent's watcher reports it if it comes back
    }
    const names = new Set(entries.map((e) => e.name));
    // As discovery: a virtualenv under any name is thousands of third-party files.
    if (rel && names.has("pyvenv.cfg")) return;
    const gitignores = await loadGitignores(abs, rel, names, inherited);
    if (this.closed || this.dirs.has(abs)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(abs, { persistent: false }, (_event, name) => this.queue(name ? join(abs, name.toString()) : abs));
    } catch (err) {
      this.warn(`cannot watch ${abs}: ${(err as Error).message}`);
      return;
    }
    // The folder went away (its parent reports that) or the watch failed: stop watching it.
    watcher.on("error", () => this.unwatchUnder(abs));
    this.dirs.set(abs, { watcher, rel, gitignores });
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const childAbs = join(abs, entry.name);
      // Symlinked folders are not walked (as discovery): their content is elsewhere, or not ours.
      if (entry.isDirectory() && !entry.isSymbolicLink()) {
        if (!isBuildOutput(entry.name, rel, names) && !this.isExcludedDir(childRel, gitignores)) await this.watchTree(childAbs, childRel, gitignores, found);
      } else if (found && (entry.isFile() || entry.isSymbolicLink())) {
        found.push(childAbs);
      }
    }
  }

  private isExcludedDir(rel: string, gitignores: GitignoreStack): boolean {
    return this.excluded(rel) || gitignores.ignores(rel, true);
  }

  private queue(path: string): void {
    if (this.closed) return;
    if (!this.pending.size) this.firstPendingAt = Date.now();
    this.pending.add(path);
    clearTimeout(this.quietTimer);
    const quiet = this.opts.debounceMs ?? 200;
    const latest = this.firstPendingAt + (this.opts.maxDelayMs ?? 2000) - Date.now();
    this.quietTimer = setTimeout(() => this.flush(), Math.max(0, Math.min(quiet, latest)));
  }

  private flush(): void {
    const paths = [...this.pending];
    this.pending.clear();
    this.flushing = this.flushing.then(() => this.report(paths)).catch((err) => this.opts.log?.(`file watcher: ${(err as Error).message}`));
  }

  /** Looks at what each path is now, and reports it: gone, a new folder's files, or a changed file. */
  private async report(paths: string[]): Promise<void> {
    const changes: FileEvent[] = [];
    for (const path of paths) {
      if (this.closed) return;
      const rel = relative(this.root, path);
      if (!rel || rel.startsWith("..")) continue;
      const relPosix = rel.split(sep).join("/");
      const parent = this.dirs.get(join(path, ".."));
      let stat;
      try {
        stat = await lstat(path);
      } catch {
        stat = undefined;
      }
      if (!stat) {
        this.unwatchUnder(path);
        changes.push({ uri: pathToFileURL(path).href, type: FileChangeType.Deleted });
      } else if (stat.isDirectory()) {
        // Events on a watched folder itself (its own entries changed) are covered by those entries' events.
        if (this.dirs.has(path) || this.isExcludedDir(relPosix, parent?.gitignores ?? GitignoreStack.empty())) continue;
        const found: string[] = [];
        await this.watchTree(path, relPosix, parent?.gitignores ?? GitignoreStack.empty(), found);
        if (found.length > MAX_FILES_PER_NEW_FOLDER) changes.push({ uri: pathToFileURL(path).href, type: FileChangeType.Created });
        else for (const file of found) changes.push({ uri: pathToFileURL(file).href, type: FileChangeType.Created });
      } else {
        // Files: whether one is worth indexing (.gitignore, include, exclude, language) is FileSync's call.
        changes.push({ uri: pathToFileURL(path).href, type: FileChangeType.Changed });
      }
    }
    if (changes.length && !this.closed) await this.opts.onChanges(changes);
  }

  private unwatchUnder(path: string): void {
    for (const [abs, dir] of this.dirs) {
      if (abs === path || abs.startsWith(path + sep)) {
        dir.watcher.close();
        this.dirs.delete(abs);
      }
    }
  }

  private warn(message: string): void {
    if (this.warned) return;
    this.warned = true;
    this.opts.log?.(`${message}; changes on disk in some folders may be missed until the next index pass.`);
  }
}

/** The folder's .gitignore (and, at the root, .git/info/exclude) over its parents' rules, as discovery reads them. */
async function loadGitignores(abs: string, rel: string, names: ReadonlySet<string>, inherited: GitignoreStack): Promise<GitignoreStack> {
  let stack = inherited;
  for (const source of rel === "" ? [".git/info/exclude", ".gitignore"] : [".gitignore"]) {
    if (!names.has(source.split("/")[0])) continue;
    try {
      stack = stack.with(rel, await readFile(join(abs, source), "utf8"));
    } catch {
      /* optional, or not a file */
    }
  }
  return stack;
}

/**
 * One watcher per workspace folder, for a client that cannot watch files: started when a folder
 * opens, started again when its excludes change, closed when the folder goes or the server stops.
 */
export class FolderWatchers {
  private readonly watchers = new Map<string, { watcher: FolderWatcher; key: string }>();

  constructor(
    private readonly onChanges: (changes: FileEvent[]) => Promise<void> | void,
    private readonly log: (message: string) => void,
  ) {}

  async watch(folder: { uri: string; root: string }, exclude: string[]): Promise<void> {
    const key = JSON.stringify(exclude);
    const existing = this.watchers.get(folder.uri);
    if (existing?.key === key) return;
    existing?.watcher.close();
    const watcher = new FolderWatcher(folder.root, { exclude, onChanges: this.onChanges, log: this.log });
    this.watchers.set(folder.uri, { watcher, key });
    await watcher.start();
  }

  unwatch(uri: string): void {
    this.watchers.get(uri)?.watcher.close();
    this.watchers.delete(uri);
  }

  closeAll(): void {
    for (const { watcher } of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
