// One workspace folder's engine (in a thread of its own, see engine/remote-engine.ts) and its
// background indexing run.
import { relative, sep } from "node:path";
import type { IndexProgress, IndexSummary } from "../../../shared/src/types";
import type { MissingModel, ServerSettings } from "../../../shared/src/protocol";
import { approxDownloadBytes, isHubId, modelSource } from "../embedding/model-download";
import { ModelLoadError } from "../embedding/provider";
import { RemoteEngine } from "../engine/remote-engine";
import { pathOf } from "./uri";
import { compileSecretPatterns } from "../secrets";

/** "needs-model": the configured model is not on disk and the client is asking the user what to do. */
export type FolderState = "opening" | "indexing" | "idle" | "error" | "needs-model";

export class FolderIndex {
  engine: RemoteEngine | undefined;
  state: FolderState = "opening";
  message: string | undefined;
  progress: IndexProgress | undefined;
  lastSummary: IndexSummary | undefined;
  /** Set in state "needs-model". */
  missingModel: MissingModel | undefined;
  private run: { abort: AbortController; done: Promise<void> } | undefined;
  /** The settings of the last open, for a Re-index that must open the folder again (see index). */
  private settings: ServerSettings | undefined;
  /** SEMSEARCH_DB_KEY or initializationOptions.databaseKey (env-key.ts): the store is opened encrypted under it (store/cipher.ts). */
  databaseKey: string | undefined;
  /** With a key, a plaintext store is encrypted in place (the editor); off, it is refused (`semsearch serve --encrypt`). */
  encryptPlaintext = true;

  constructor(
    readonly uri: string,
    readonly root: string,
    /** The folder's SQLite file (see Workspace.dbPathFor). */
    readonly dbPath: string,
    private readonly log: (message: string) => void,
    private readonly changed: () => void,
    private readonly openText: (uri: string) => string | undefined = () => undefined,
    /** The client asks the user before the bundled model replaces a model that is not on disk. */
    private readonly askForMissingModel = false,
    /** The uris of the documents open in the editor: their text wins over the disk's in a pass. */
    private readonly openUris: () => string[] = () => [],
  ) {}

  /**
   * Encryption was turned on (semanticSearch.encryptIndex) for a folder whose store is plaintext: the
   * store is encrypted in place (store/convert.ts) and its plaintext HNSW files removed, rather than
   * the folder refused. Loaded only here: the language server's own thread never opens SQLite otherwise.
   */
  private async encryptPlaintextStore(key: string): Promise<void> {
    const { fileIsEncrypted } = require("../store/cipher") as typeof import("../store/cipher");
    if (fileIsEncrypted(this.dbPath) !== false) return;
    const { convertStore } = require("../store/convert") as typeof import("../store/convert");
    await convertStore(this.dbPath, { to: "encrypted", key }, this.log);
    this.log(`${this.root}: encrypted its index ${this.dbPath} in place (semanticSearch.encryptIndex is on).`);
  }

  /** Opens the engine with these settings, replacing (and closing) the one it had. */
  async open(settings: ServerSettings, rebuild = false): Promise<void> {
    this.settings = settings;
    await this.stopIndexing();
    const old = this.engine;
    this.engine = undefined;
    this.missingModel = undefined;
    this.setState("opening");
    await old?.close();
    try {
      // A bad extra pattern stops the folder rather than be dropped: the secret it was meant to
      // hide would go into the index. The error names the setting and the pattern.
      compileSecretPatterns(settings.secrets.extraPatterns, "semanticSearch.secrets.extraPatterns");
      if (this.databaseKey !== undefined && this.encryptPlaintext) await this.encryptPlaintextStore(this.databaseKey);
      this.engine = await RemoteEngine.open({
        root: this.root,
        dbPath: this.dbPath,
        model: {
          model: settings.model,
          localModelPath: settings.localModelPath || undefined,
          modelKeyFile: settings.modelKeyFile || undefined,
          allowDownload: settings.allowModelDownload,
        },
        fallback: this.askForMissingModel && settings.fallbackToBundled ? "unless-missing" : settings.fallbackToBundled,
        include: settings.include.length ? settings.include : undefined,
        exclude: settings.exclude,
        maxFileSize: settings.maxFileSize,
        bands: settings.thresholds,
        hnsw: settings.hnsw,
        vectorStorage: settings.vectorStorage,
        secretPatterns: settings.secrets.extraPatterns,
        storeText: settings.storeText,
        // Several folders share one log (the editor's output channel, serve's stderr): say whose it is.
        log: (message) => this.log(`${this.root}: ${message}`),
        rebuild,
        databaseKey: this.databaseKey,
        encrypt: this.databaseKey !== undefined,
      }, this.changed);
      this.setState("idle", this.engine.model.fallbackReason);
    } catch (err) {
      this.log(`${this.root}: ${(err as Error).message}`);
      if (this.askForMissingModel && err instanceof ModelLoadError && err.missing) {
        this.missingModel = {
          model: err.modelId,
          approxBytes: approxDownloadBytes(err.modelId),
          source: modelSource(err.modelId),
          lookedIn: err.lookedIn,
          downloadable: isHubId(err.modelId),
        };
        this.setState("needs-model", `The model ${err.modelId} is not on this computer: download it, or use the bundled offline model.`);
      } else {
        this.setState("error", (err as Error).message);
      }
    }
  }

  /** Starts a background pass (cancelling one that runs); resolves when it ends. */
  index(opts: { rebuild?: boolean; onProgress?: (p: IndexProgress) => void } = {}): Promise<void> {
    const engine = this.engine;
    if (!engine) {
      // Re-index of a folder that could not open (its index holds vectors of other dimensions than the
      // model now gives): open it again for a rebuild from scratch, which replaces them.
      if (opts.rebuild && this.state === "error" && this.settings) return this.open(this.settings, true).then(() => (this.engine ? this.index(opts) : undefined));
      return Promise.resolve();
    }
    const previous = this.run;
    previous?.abort.abort();
    const abort = new AbortController();
    const done = (async () => {
      await previous?.done;
      if (abort.signal.aborted || this.engine !== engine) return;
      this.setState("indexing");
      try {
        const summary = await engine.indexFolder({
          signal: abort.signal,
          rebuild: opts.rebuild,
          openTexts: this.openTexts(),
          onProgress: (p) => {
            this.progress = p;
            opts.onProgress?.(p);
          },
        });
        this.lastSummary = summary;
        this.progress = undefined;
        for (const s of summary.skipped) this.log(`skipped ${s.path}: ${s.reason}`);
        this.log(`${this.root}: ${summary.files} files, ${summary.chunks} chunks (${summary.embedded} embedded) in ${summary.seconds.toFixed(1)} s`);
        this.setState("idle", engine.model.fallbackReason);
      } catch (err) {
        this.progress = undefined;
        if (abort.signal.aborted) return;
        this.setState("error", `Indexing ${this.root} failed: ${(err as Error).message}`);
        this.log(this.message!);
      }
    })();
    this.run = { abort, done };
    return done;
  }

  /** The open editors' texts of this folder's files, by path relative to it: a pass reads these, not the disk. */
  private openTexts(): Record<string, string> {
    const texts: Record<string, string> = {};
    for (const uri of this.openUris()) {
      const path = pathOf(uri);
      if (!path) continue;
      const rel = relative(this.root, path);
      if (!rel || rel.startsWith("..")) continue;
      const text = this.openText(uri);
      if (text !== undefined) texts[rel.split(sep).join("/")] = text;
    }
    return texts;
  }

  /** Stops the pass that runs, if any; a folder whose pass was stopped is idle, not "indexing" for ever. */
  async stopIndexing(): Promise<void> {
    const run = this.run;
    this.run = undefined;
    run?.abort.abort();
    await run?.done;
    if (run && this.state === "indexing") {
      this.progress = undefined;
      this.setState("idle", this.engine?.model.fallbackReason);
    }
  }

  async close(): Promise<void> {
    await this.stopIndexing();
    await this.engine?.close();
    this.engine = undefined;
  }

  private setState(state: FolderState, message?: string): void {
    this.state = state;
    this.message = message;
    this.changed();
  }
}
