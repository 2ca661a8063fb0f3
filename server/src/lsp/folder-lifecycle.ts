// Opening, indexing and watching the workspace folders, and giving each its settings. Settings,
// folder and model changes run one at a time, in order, and one that fails never blocks the next.
import type { Connection, WorkDoneProgressServerReporter } from "vscode-languageserver/node";
import type { ServerSettings } from "../../../shared/src/protocol";
import type { ClientFeatures } from "./client-features";
import type { FolderIndex } from "./folder-index";
import type { FolderWatchers } from "./folder-watcher";
import { layerSettings, needsReopen, readSettings } from "./settings";
import type { Workspace } from "./workspace";

export class FolderLifecycle {
  private queue: Promise<void> = Promise.resolve();
  /** The last `semanticSearch` section pushed with didChangeConfiguration. */
  pushed: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly workspace: () => Workspace,
    private readonly client: () => ClientFeatures,
    private readonly watchers: FolderWatchers,
    private readonly info: (message: string) => void,
    private readonly statusChanged: () => void,
  ) {}

  /** Runs one step on its own: when it fails the failure is logged and whatever comes next still runs. */
  async attempt(what: string, step: () => Promise<unknown> | unknown): Promise<void> {
    try {
      await step();
    } catch (err) {
      this.info(`${what} failed: ${(err as Error)?.message ?? err}`);
    }
  }

  /** Queues a change behind the ones before it. */
  serial(what: string, task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task).catch((err) => this.connection.console.error(`${what}: ${(err as Error)?.stack ?? err}`));
    this.queue = run;
    return run;
  }

  async foldersChanged(added: { uri: string; name?: string }[], removed: { uri: string }[]): Promise<void> {
    const ws = this.workspace();
    for (const f of removed) {
      this.watchers.unwatch(f.uri);
      await ws.removeFolder(f.uri);
    }
    await this.applySettings(ws.setFolders(added));
    this.statusChanged();
  }

  /**
   * Reads the settings again and gives each folder its own. Only a change to what a folder's index
   * stores (model, files, graph, vector format) opens it again; query-time settings (thresholds,
   * efSearch, searchMode, hover) are read by each request and take effect at once.
   */
  async applySettings(folders: FolderIndex[] = this.workspace().folders): Promise<void> {
    const ws = this.workspace();
    const { base, perFolder } = await this.loadSettings(folders);
    ws.settings = base;
    const reopen: FolderIndex[] = [];
    folders.forEach((f, i) => {
      if (!ws.folders.includes(f)) return; // removed while the client was asked
      const before = ws.folderSettings(f.uri);
      const after = perFolder[i];
      ws.setFolderSettings(f.uri, after);
      if (before && !needsReopen(before, after)) return;
      if (before) this.info(`${f.root}: settings changed; opening it again with model ${after.model}`);
      reopen.push(f);
    });
    this.statusChanged();
    await this.openAndIndex(reopen);
  }

  /**
   * The settings of each folder, from workspace/configuration (one item per folder, with its scopeUri)
   * when the client can be asked, else from initializationOptions.settings and the last pushed ones.
   */
  private async loadSettings(folders: FolderIndex[]): Promise<{ base: ServerSettings; perFolder: ServerSettings[] }> {
    const init = this.workspace().init;
    const read = (answer: unknown) => readSettings(layerSettings(init.settings, this.pushed, answer), init);
    let answers: unknown;
    if (this.client().configuration) {
      try {
        answers = await this.connection.workspace.getConfiguration([{ section: "semanticSearch" }, ...folders.map((f) => ({ scopeUri: f.uri, section: "semanticSearch" }))]);
      } catch (err) {
        this.info(`could not read settings: ${(err as Error)?.message ?? err}`);
      }
    }
    if (!Array.isArray(answers)) {
      const settings = read(undefined);
      return { base: settings, perFolder: folders.map(() => settings) };
    }
    const all = answers as unknown[];
    return { base: read(all[0]), perFolder: folders.map((_, i) => read(all[i + 1] ?? all[0])) };
  }

  /** Opens folders with their settings, indexes them in the background, and watches them if the client cannot. */
  async openAndIndex(folders: FolderIndex[]): Promise<void> {
    if (!folders.length) return;
    await Promise.all(folders.map((f) => this.openFolder(f)));
    this.statusChanged();
    void this.indexAll(folders);
    await this.watchFolders(folders);
  }

  /** For a client that does not report changes on disk: one watcher per folder, with the folder's excludes. */
  async watchFolders(folders: FolderIndex[]): Promise<void> {
    if (this.client().watchFiles) return;
    const ws = this.workspace();
    await Promise.all(folders.map((f) => ws.folders.includes(f) && this.attempt(`watching ${f.root}`, () => this.watchers.watch(f, ws.settingsFor(f).exclude))));
  }

  private async openFolder(f: FolderIndex): Promise<void> {
    try {
      await f.open(this.workspace().settingsFor(f));
    } catch (err) {
      // open() reports the failures it expects itself; this is for one it did not.
      f.state = "error";
      f.message = `Opening ${f.root} failed: ${(err as Error)?.message ?? err}`;
      this.info(f.message);
    }
  }

  async indexAll(folders = this.workspace().folders, rebuild = false): Promise<void> {
    let progress: WorkDoneProgressServerReporter | undefined;
    const report = () => {
      const s = this.workspace().status();
      if (progress && s.progress) {
        const current = s.progress.current ? `: ${s.progress.current}` : "";
        progress.report(Math.floor((100 * s.progress.done) / Math.max(1, s.progress.total)), `${s.progress.done}/${s.progress.total} files${current}`);
      }
      this.statusChanged();
    };
    // The passes start at once, so the status never reads "idle" between opening and indexing.
    const passes = folders.map((f) => f.index({ rebuild, onProgress: report }).catch((err) => this.info(`indexing ${f.root}: ${(err as Error)?.message ?? err}`)));
    this.statusChanged();
    if (this.client().workDoneProgress) {
      try {
        progress = await this.connection.window.createWorkDoneProgress();
        progress.begin("Semantic Search: indexing", 0, "looking for files", true);
        progress.token.onCancellationRequested(() => folders.forEach((f) => void this.attempt(`stopping ${f.root}`, () => f.stopIndexing())));
        report();
      } catch (err) {
        // Not fatal: the status notification still tells how far indexing has come.
        this.info(`no indexing progress in the client: ${(err as Error)?.message ?? err}`);
        progress = undefined;
      }
    }
    try {
      await Promise.all(passes);
    } finally {
      progress?.done();
      this.statusChanged();
    }
  }
}
