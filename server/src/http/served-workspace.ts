// What `semsearch serve` serves: one or more folders and the document collection, each with its own
// engine thread, kept fresh as the language server keeps an editor's folders (the same Workspace,
// FileSync and folder watchers). Each folder's database is the one `semsearch index` writes, in
// <folder>/.semsearch/, so indexing from the CLI and serving share one index.
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerSettings, WireSearchResult } from "../../../shared/src/protocol";
import type { FolderAnswer, MetadataFilter, SearchMode } from "../../../shared/src/types";
import { FileSync } from "../lsp/file-sync";
import type { FolderIndex } from "../lsp/folder-index";
import { FolderWatchers } from "../lsp/folder-watcher";
import { queryOptions, readSettings } from "../lsp/settings";
import { Workspace } from "../lsp/workspace";
import { DocumentFolder, type DocumentMetadata, type StoredDocument } from "./documents";

export interface ServedFolderStatus {
  name: string;
  root: string;
  /** idle, indexing, error, needs-model (the language server's states). */
  state: string;
  files: number;
  chunks: number;
}

export interface ServedStatus {
  state: string;
  model: string;
  files: number;
  chunks: number;
  message?: string;
  progress?: { done: number; total: number; current?: string };
  folders: ServedFolderStatus[];
}

/** The name of the document collection among the served folders. */
export const DOCUMENTS = "documents";

export class ServedWorkspace {
  private readonly names = new Map<FolderIndex, string>();

  private constructor(
    readonly workspace: Workspace,
    readonly documents: DocumentFolder,
    private readonly sync: FileSync,
    private readonly watchers: FolderWatchers,
    readonly settings: ServerSettings,
  ) {}

  static async open(opts: { dirs: string[]; documentsDir: string; settings: Record<string, unknown>; log: (message: string) => void; databaseKey?: string }): Promise<ServedWorkspace> {
    const settings = readSettings(opts.settings);
    // --encrypt: every store is opened encrypted under the key; a plaintext one is refused (db encrypt converts it).
    const workspace = new Workspace({ databaseInFolder: true, databaseKey: opts.databaseKey }, opts.log, () => undefined, () => undefined);
    workspace.settings = settings;
    const sync = new FileSync(workspace, () => undefined, () => undefined, () => undefined);
    const watchers = new FolderWatchers((changes) => sync.watched(changes), opts.log);
    const documents = new DocumentFolder(resolve(opts.documentsDir));
    const served = new ServedWorkspace(workspace, documents, sync, watchers, settings);
    const roots = [...opts.dirs.map((d) => resolve(d)), documents.root];
    const folders = workspace.setFolders(roots.map((root) => ({ uri: pathToFileURL(root).href })));
    folders.forEach((f, i) => {
      f.encryptPlaintext = false;
      workspace.setFolderSettings(f.uri, settings);
      served.names.set(f, i === folders.length - 1 ? DOCUMENTS : uniqueName(basename(f.root), [...served.names.values()]));
    });
    await Promise.all(folders.map((f) => f.open(settings)));
    for (const f of folders) if (f.state === "error") throw new Error(`${f.root}: ${f.message}`);
    // Index in the background, as the language server does; requests are answered from what is there.
    for (const f of folders) void f.index().catch((err) => opts.log(`indexing ${f.root}: ${(err as Error).message}`));
    await Promise.all(folders.map((f) => watchers.watch(f, settings.exclude)));
    return served;
  }

  /** Every served folder's name, the document collection last. */
  folderNames(): string[] {
    return this.workspace.folders.map((f) => this.names.get(f)!);
  }

  folderNamed(name: string): FolderIndex | undefined {
    return this.workspace.folders.find((f) => this.names.get(f) === name);
  }

  nameOf(folder: FolderIndex): string {
    return this.names.get(folder)!;
  }

  /** The workspace's status with each served folder by name, as the HTTP service and MCP report it. */
  status(): ServedStatus {
    const s = this.workspace.status();
    return {
      state: s.state,
      model: s.model,
      files: s.files,
      chunks: s.chunks,
      ...(s.message ? { message: s.message } : {}),
      ...(s.progress ? { progress: s.progress } : {}),
      folders: this.workspace.folders.map((f) => {
        const counts = f.engine?.status();
        return { name: this.nameOf(f), root: f.root, state: f.state, files: counts?.files ?? 0, chunks: counts?.chunks ?? 0 };
      }),
    };
  }

  /** Stores a document and indexes it before answering, so it is searchable as soon as the call returns. */
  async putDocument(doc: { id?: string; text: string; metadata?: DocumentMetadata }): Promise<StoredDocument> {
    const stored = this.documents.put(doc);
    await this.sync.update(this.documentUri(stored.id));
    return stored;
  }

  async deleteDocument(id: string): Promise<boolean> {
    if (!this.documents.delete(id)) return false;
    await this.sync.deleted(this.documentUri(id));
    return true;
  }

  /**
   * A search over the given folders (all of them by default), merged, each hit with its folder's name:
   * what the REST API's /v1/search and the /mcp tools answer.
   */
  async search(r: { query: string; k: number; filter?: MetadataFilter; minScore?: number; mode?: SearchMode; folders?: FolderIndex[] }): Promise<FolderAnswer> {
    const asked = new Set(r.folders ?? this.workspace.folders);
    const mode = r.mode ?? this.settings.searchMode;
    const result = await this.workspace.searchAll(
      r.k,
      (f) => (asked.has(f) && f.engine ? f.engine.search({ query: r.query, topK: r.k, filter: r.filter, minScore: r.minScore, mode, ...queryOptions(this.settings) }) : Promise.resolve(undefined)),
      mode === "semantic" ? "score" : "rank",
    );
    return this.answer(r.query, result);
  }

  /** The passages most like lines of a file in an open folder (the caller checks that it is open). */
  async similar(folder: FolderIndex, r: { path: string; startLine: number; endLine: number; k: number }): Promise<FolderAnswer> {
    if (!folder.engine) throw new Error(`the folder ${this.nameOf(folder)} is not open`);
    const response = await folder.engine.similar({ path: r.path, startLine: r.startLine, endLine: r.endLine, topK: r.k, ...queryOptions(this.settings) });
    const result = await this.workspace.searchAll(r.k, async (f) => (f === folder ? response : undefined));
    return this.answer(`${r.path}:${r.startLine}-${r.endLine}`, result);
  }

  /** Rebuilds every folder's index from its files (the documents are files too, so they stay). */
  async reindex(): Promise<void> {
    await Promise.all(this.workspace.folders.map((f) => f.index({ rebuild: true })));
  }

  async close(): Promise<void> {
    this.watchers.closeAll();
    this.sync.dispose();
    await this.workspace.closeAll();
  }

  /** A merged answer with folder-relative paths and 1-based lines, as `search --json` has them. */
  private answer(query: string, result: WireSearchResult): FolderAnswer {
    return {
      query,
      model: result.model,
      candidates: result.candidates,
      ...(result.partial ? { partial: result.partial } : {}),
      results: result.results.map((hit) => {
        const where = this.workspace.locate(hit.uri)!;
        return {
          folder: this.nameOf(where.folder),
          path: where.relPath,
          startLine: hit.range.start.line + 1,
          endLine: hit.range.end.line,
          score: hit.score,
          band: hit.band,
          text: hit.text,
          metadata: hit.metadata,
          ...(hit.textUnavailable ? { textUnavailable: hit.textUnavailable } : {}),
        };
      }),
    };
  }

  private documentUri(id: string): string {
    return pathToFileURL(`${this.documents.root}/${this.documents.relPath(id)}`).href;
  }
}

function uniqueName(base: string, taken: string[]): string {
  let name = base === DOCUMENTS ? `${base}-folder` : base;
  for (let i = 2; taken.includes(name); i++) name = `${base}-${i}`;
  return name;
}
