// Keeps the index fresh as files change: editor buffers (debounced), saves, watcher events and
// renames. Work on one file is serialised, and a newer change to a file replaces an older one that
// has not started and stops one that has (its embedding is dropped, nothing is written), so an old
// version can never overwrite a new one and a closed editor's buffer stops costing anything.
// An editor buffer gets the size limit a file on disk gets (maxFileSize): past it, the copy on disk
// is indexed instead (itself within the limit, or not at all).
import { fileURLToPath } from "node:url";
import { statSync } from "node:fs";
import { FileChangeType } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { isIndexablePath } from "../discovery";
import { tooLargeReason } from "../discovery/read-file";
import type { FolderIndex } from "./folder-index";
import type { Workspace } from "./workspace";

const EDIT_DEBOUNCE_MS = 400;
const SAVE_INDEX_AFTER_MS = 3000;

type Job = (signal: AbortSignal) => Promise<void>;

export class FileSync {
  private timers = new Map<string, NodeJS.Timeout>();
  private running = new Map<string, Promise<void>>();
  private next = new Map<string, Job>();
  /** The job running for each file, to stop when a newer change to the file comes. */
  private current = new Map<string, AbortController>();
  /** Open buffers already reported as too large, so that each keystroke does not say it again. */
  private tooLarge = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly documentText: (uri: string) => TextDocument | undefined,
    private readonly log: (message: string) => void,
    private readonly changed: () => void,
    /** For what the user should hear of even without verbose tracing (a buffer too large to index). */
    private readonly notice: (message: string) => void = log,
  ) {}

  /** An edit in an open buffer: re-embedded from the buffer's text once typing pauses. */
  edited(doc: TextDocument): void {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        void this.update(doc.uri);
      }, EDIT_DEBOUNCE_MS),
    );
  }

  /** A save, a created or changed file: from the open buffer if there is one, else from disk. */
  update(uri: string): Promise<void> {
    clearTimeout(this.timers.get(uri));
    const where = this.workspace.locate(uri);
    if (!where) return Promise.resolve();
    const { folder, relPath } = where;
    if (isDirectory(uri)) return folder.index();
    const { include, exclude } = this.workspace.settingsFor(folder);
    if (!isIndexablePath(folder.root, relPath, { include, exclude })) return Promise.resolve();
    return this.enqueue(uri, async (signal) => {
      const engine = folder.engine;
      if (!engine) return;
      let text = this.documentText(uri)?.getText();
      const maxFileSize = this.workspace.settingsFor(folder).maxFileSize;
      if (text !== undefined && bufferTooLarge(text, maxFileSize)) {
        if (!this.tooLarge.has(uri)) this.notice(`${relPath}: the open editor's text is not indexed: ${bufferTooLarge(text, maxFileSize)} (semanticSearch.maxFileSize); the copy on disk is indexed instead, if it is within the limit.`);
        this.tooLarge.add(uri);
        text = undefined;
      } else if (text !== undefined) {
        this.tooLarge.delete(uri);
      }
      this.log(`updating ${relPath} from ${text === undefined ? "disk" : "the open editor"}`);
      const result = await engine.updateFile(relPath, text, signal);
      this.log(`updated ${relPath}: ${result.skipped ?? `${result.chunks} chunks`}`);
      this.afterChange(folder);
    });
  }

  /** A deleted file or folder leaves the index. */
  deleted(uri: string): Promise<void> {
    const where = this.workspace.locate(uri);
    if (!where) return Promise.resolve();
    const { folder, relPath } = where;
    return this.enqueue(uri, async () => {
      this.tooLarge.delete(uri);
      const engine = folder.engine;
      if (!engine) return;
      const removed = (await engine.removeFiles([relPath])) + (await engine.removeUnder(relPath));
      if (removed) this.log(`removed ${relPath}: ${removed} chunks`);
      this.afterChange(folder);
    });
  }

  /**
   * File events in the order they happened: the client's workspace/didChangeWatchedFiles, or the
   * server's own FolderWatcher for a client that cannot watch files.
   */
  async watched(changes: readonly { uri: string; type: FileChangeType }[]): Promise<void> {
    for (const change of changes) {
      if (change.type === FileChangeType.Deleted) await this.deleted(change.uri);
      else await this.update(change.uri);
    }
  }

  async renamed(oldUri: string, newUri: string): Promise<void> {
    await this.deleted(oldUri);
    await this.update(newUri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const a of this.current.values()) a.abort();
    clearTimeout(this.flushTimer);
  }

  private enqueue(key: string, job: Job): Promise<void> {
    // The job running for this file is out of date now: stop it rather than wait for it.
    this.current.get(key)?.abort();
    const hadNext = this.next.has(key);
    this.next.set(key, job);
    if (hadNext) return this.running.get(key) ?? Promise.resolve();
    const previous = this.running.get(key) ?? Promise.resolve();
    const run = previous.then(async () => {
      const current = this.next.get(key);
      this.next.delete(key);
      if (!current) return;
      const abort = new AbortController();
      this.current.set(key, abort);
      try {
        await current(abort.signal);
      } catch (err) {
        if (abort.signal.aborted) this.log(`stopped updating ${key}: a newer change to it came first`);
        else this.log(`could not update ${key}: ${(err as Error).message}`);
      } finally {
        if (this.current.get(key) === abort) this.current.delete(key);
      }
    });
    this.running.set(key, run);
    void run.then(() => {
      if (this.running.get(key) === run) this.running.delete(key);
    });
    return run;
  }

  /** The HNSW file is saved a little after the last change, not on every keystroke. */
  private afterChange(_folder: FolderIndex): void {
    this.changed();
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => {
      for (const f of this.workspace.folders) void f.engine?.flush().catch(() => undefined);
    }, SAVE_INDEX_AFTER_MS);
  }
}

/**
 * Why an editor's text is too large to index, or undefined when it is not: the limit of files on
 * disk (maxFileSize, in bytes of UTF-8) applies to buffers too. A string's UTF-8 size is between its
 * length and three times it, so only a text near the limit is measured.
 */
export function bufferTooLarge(text: string, maxFileSize: number): string | undefined {
  if (text.length * 3 <= maxFileSize) return undefined;
  const bytes = text.length > maxFileSize ? text.length : Buffer.byteLength(text);
  return bytes > maxFileSize ? tooLargeReason(bytes, maxFileSize) : undefined;
}

function isDirectory(uri: string): boolean {
  try {
    return statSync(fileURLToPath(uri), { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}
