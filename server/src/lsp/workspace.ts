// The server's view of the workspace: its folders, the settings in force (each folder may have its
// own), and the status that the client's status bar shows. Requests that span folders merge their
// answers here.
import { pathToFileURL } from "node:url";
import { statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { defaultDbPath } from "../engine/options";
import { storageDirFor } from "./storage";
import type { InitOptions, ServerSettings, StatusResult, WireHit, WireSearchResult } from "../../../shared/src/protocol";
import type { BandThresholds, IndexProgress, SearchHit, SearchResponse, Truncation } from "../../../shared/src/types";
import { bandsFor } from "../search/bands";
import { FolderIndex } from "./folder-index";
import { pathOf } from "./uri";
import { readSettings } from "./settings";
import { SocketListener } from "../socket/listener";
import { folderSocketTarget } from "../socket/folder-target";

export class Workspace {
  folders: FolderIndex[] = [];
  /** The settings without a folder's scope: those of a folder that has none of its own yet. */
  settings: ServerSettings;
  /** Queries given up since the server started: cancelled by the client, or superseded by a newer one. */
  queriesCancelled = 0;
  /** Each folder's own settings (workspace/configuration with its scopeUri), by folder uri. */
  private scoped = new Map<string, ServerSettings>();
  /** Each folder's local socket (socket/listener.ts), through which `semsearch search` asks this server. */
  private sockets = new Map<FolderIndex, Promise<SocketListener | undefined>>();

  constructor(
    readonly init: InitOptions,
    private readonly log: (message: string) => void,
    private readonly changed: () => void,
    private readonly openText: (uri: string) => string | undefined,
    /** The uris of the documents open in the editor (an index pass reads their text, not the disk's). */
    private readonly openUris: () => string[] = () => [],
  ) {
    this.settings = readSettings({}, init);
  }

  setFolders(folders: { uri: string; name?: string }[]): FolderIndex[] {
    const added: FolderIndex[] = [];
    for (const f of folders) {
      if (typeof f?.uri !== "string" || this.folders.some((x) => x.uri === f.uri) || !f.uri.startsWith("file:")) continue;
      const root = pathOf(f.uri);
      if (!root || !isDirectory(root)) {
        this.log(`not a folder this server can open (a file: URI of a folder on this computer is needed): ${f.uri.slice(0, 200)}`);
        continue;
      }
      const folder = new FolderIndex(f.uri, root, this.dbPathFor(root), this.log, this.changed, this.openText, !!this.init.askForMissingModel, this.openUris);
      folder.databaseKey = this.init.databaseKey;
      this.folders.push(folder);
      added.push(folder);
      this.sockets.set(folder, SocketListener.start(folderSocketTarget(folder, () => this.settingsFor(folder).model), { log: this.log }));
    }
    return added;
  }

  async removeFolder(uri: string): Promise<void> {
    const folder = this.folders.find((f) => f.uri === uri);
    this.folders = this.folders.filter((f) => f !== folder);
    this.scoped.delete(uri);
    if (folder) await this.closeSocket(folder);
    await folder?.close();
  }

  /**
   * Where a folder's database lives: in the per-user cache (or initializationOptions.storagePath) for
   * an editor, never in the repository; in <folder>/.semsearch/ when `databaseInFolder` is set, as
   * `semsearch index` and `semsearch serve` keep it, so the two share one index.
   */
  dbPathFor(root: string): string {
    return this.init.databaseInFolder ? defaultDbPath(root) : join(storageDirFor(root, this.init.storagePath), "index.db");
  }

  /** The settings in force for a folder, or for the folder that holds a document (by uri). */
  settingsFor(folderOrUri: FolderIndex | string): ServerSettings {
    const uri = typeof folderOrUri === "string" ? (this.locate(folderOrUri)?.folder.uri ?? folderOrUri) : folderOrUri.uri;
    return this.scoped.get(uri) ?? this.settings;
  }

  /** The settings a folder was last given, if any. */
  folderSettings(uri: string): ServerSettings | undefined {
    return this.scoped.get(uri);
  }

  setFolderSettings(uri: string, settings: ServerSettings): void {
    this.scoped.set(uri, settings);
  }

  /** The folder that holds a document, and the document's path relative to it (posix). */
  locate(uri: string): { folder: FolderIndex; relPath: string } | undefined {
    const path = typeof uri === "string" ? pathOf(uri) : undefined;
    if (!path) return undefined;
    let best: { folder: FolderIndex; relPath: string } | undefined;
    for (const folder of this.folders) {
      const rel = relative(folder.root, path);
      if (!rel || rel.startsWith("..") || rel.startsWith(sep + sep)) continue;
      if (!best || folder.root.length > best.folder.root.length) best = { folder, relPath: rel.split(sep).join("/") };
    }
    return best;
  }

  /**
   * Asks every ready folder and keeps the best answers overall. Semantic answers merge by score; the
   * lexical and hybrid orders are not by score (the score stays the cosine), so those merge by each
   * hit's rank within its folder, ties going to the higher score.
   */
  async searchAll(topK: number, ask: (folder: FolderIndex) => Promise<SearchResponse | undefined>, order: "score" | "rank" = "score"): Promise<WireSearchResult> {
    // A folder with nothing indexed has nothing to find: asking it would only embed the query again
    // (each folder's engine embeds it, on the process's one embedding worker). Except while a pass
    // runs: the count is the one of the last status, which a pass refreshes only when it ends, and
    // the chunks it has stored so far are found (a first pass would otherwise answer nothing until done).
    const asked = this.folders.filter((f) => f.engine && (f.state === "indexing" || (f.engine.status()?.chunks ?? 1) > 0));
    const answers = await Promise.all(asked.map(async (f) => ({ folder: f, response: await ask(f) })));
    let candidates = 0;
    const partial: string[] = [];
    // Every folder embeds the same query, so any one's note on cutting it says it for all.
    let truncated: Truncation | undefined;
    let bands: BandThresholds | undefined;
    const hits: { wire: WireHit; rank: number }[] = [];
    for (const { folder, response } of answers) {
      if (!response) continue;
      bands ??= bandsFor(response.model, this.settingsFor(folder).thresholds);
      candidates += response.candidates;
      if (response.partial) partial.push(response.partial);
      truncated ??= response.truncated;
      response.results.forEach((hit, rank) => hits.push({ wire: toWire(folder, hit), rank }));
    }
    hits.sort((a, b) => (order === "rank" && a.rank !== b.rank ? a.rank - b.rank : b.wire.score - a.wire.score));
    const results = hits.slice(0, topK).map((h) => h.wire);
    return { model: this.modelName(), candidates, results, ...(partial.length ? { partial: [...new Set(partial)].join(" ") } : {}), ...(truncated ? { truncated } : {}), ...(bands ? { bands } : {}) };
  }

  modelName(): string {
    return this.folders.find((f) => f.engine)?.engine?.modelId ?? this.settings.model;
  }

  status(): StatusResult {
    let files = 0;
    let chunks = 0;
    let embedded = 0;
    const progress: IndexProgress = { done: 0, total: 0 };
    const rebuilding: string[] = [];
    for (const f of this.folders) {
      const s = f.engine?.status();
      files += s?.files ?? 0;
      chunks += s?.chunks ?? 0;
      embedded += f.engine?.counters.queriesEmbedded ?? 0;
      if (s?.rebuilding) rebuilding.push(`Rebuilding the vector index of ${f.root}: ${s.rebuilding.done} of ${s.rebuilding.total} vectors; until it is done, results by meaning may miss some passages.`);
      if (f.progress) {
        progress.done += f.progress.done;
        progress.total += f.progress.total;
        progress.current = f.progress.current ?? progress.current;
      }
    }
    const errors = this.folders.filter((f) => f.state === "error");
    const missingModel = this.folders.find((f) => f.state === "needs-model")?.missingModel;
    const busy = this.folders.some((f) => f.state === "indexing" || f.state === "opening");
    const notes = [...this.folders.map((f) => f.message).filter((m): m is string => !!m), ...rebuilding];
    return {
      state: errors.length ? "error" : missingModel ? "needs-model" : busy ? "indexing" : "idle",
      files,
      chunks,
      model: this.modelName(),
      storagePath: this.folders.map((f) => f.dbPath).join(", "),
      message: notes.length ? [...new Set(notes)].join(" ") : undefined,
      progress: busy && progress.total ? progress : undefined,
      ...(missingModel ? { missingModel } : {}),
      queries: { embedded, cancelled: this.queriesCancelled },
    };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.folders.map((f) => this.closeSocket(f)));
    await Promise.all(this.folders.map((f) => f.close()));
  }

  private async closeSocket(folder: FolderIndex): Promise<void> {
    const listener = this.sockets.get(folder);
    this.sockets.delete(folder);
    await (await listener)?.close();
  }
}

export function toWire(folder: FolderIndex, hit: SearchHit): WireHit {
  return {
    uri: pathToFileURL(`${folder.root}/${hit.path}`).href,
    // Chunks keep 1-based inclusive lines; LSP ranges are 0-based with an exclusive end.
    range: { start: { line: hit.startLine - 1, character: 0 }, end: { line: hit.endLine, character: 0 } },
    score: hit.score,
    band: hit.band,
    text: hit.text,
    metadata: hit.metadata,
    ...(hit.matchedBy ? { matchedBy: hit.matchedBy } : {}),
    ...(hit.explain ? { explain: hit.explain } : {}),
    ...(hit.textUnavailable ? { textUnavailable: hit.textUnavailable } : {}),
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // ENOTDIR, EACCES, a name too long: no folder to open either way
  }
}
