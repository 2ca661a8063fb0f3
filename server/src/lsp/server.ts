// The language server: thin wiring from LSP to the engine. Any LSP client can use it
// (`semsearch lsp --stdio`); the VS Code extension starts it over IPC.
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  EmbedRequest,
  ReindexRequest,
  SearchRequest,
  SimilarRequest,
  StatusNotification,
  StatusRequest,
  type InitOptions,
} from "../../../shared/src/protocol";
import { FileSync } from "./file-sync";
import { hoverAt } from "./hover";
import { embedParams, searchParams, similarParams } from "./params";
import { needsReopen, readSettings } from "./settings";
import { Workspace } from "./workspace";
import { registerInspectHandlers } from "./inspect-handlers";
import { registerDownloadHandler } from "./download-handler";

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  // A bug in one request must not take the server (and the user's editor features) down with it.
  process.on("uncaughtException", (err) => connection.console.error(`uncaught: ${err.stack ?? err}`));
  process.on("unhandledRejection", (err) => connection.console.error(`unhandled: ${(err as Error)?.stack ?? err}`));
  const documents = new TextDocuments(TextDocument);
  let workspace: Workspace;
  let sync: FileSync;
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let reconfiguring: Promise<void> = Promise.resolve();
  let statusTimer: NodeJS.Timeout | undefined;

  const verbose = (message: string) => {
    if (workspace?.settings.trace.server === "verbose") connection.console.log(message);
  };
  const info = (message: string) => connection.console.info(message);

  // The status bar follows this notification; while indexing it is sent at most every 250 ms.
  const statusChanged = () => {
    if (statusTimer) return;
    statusTimer = setTimeout(() => {
      statusTimer = undefined;
      void connection.sendNotification(StatusNotification.type, workspace.status());
    }, 250);
  };

  connection.onInitialize((params): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitOptions;
    workspace = new Workspace(init, info, statusChanged, (uri) => documents.get(uri)?.getText());
    sync = new FileSync(workspace, (uri) => documents.get(uri), verbose, statusChanged);
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: "root" }] : []);
    workspace.setFolders(folders);
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: true },
          fileOperations: { didRename: { filters: [{ scheme: "file", pattern: { glob: "**/*" } }] } },
        },
      },
      serverInfo: { name: "semantic-search", version: "0.1.0" },
    };
  });

  connection.onInitialized(async () => {
    if (canWatchFiles) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*" }] });
    }
    if (canPullConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: "semanticSearch" });
    connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
      for (const f of e.removed) await workspace.removeFolder(f.uri);
      const added = workspace.setFolders(e.added);
      await Promise.all(added.map((f) => f.open(workspace.settings)));
      void indexAll(added);
    });
    workspace.settings = await fetchSettings();
    await reopenAll();
  });

  async function fetchSettings(pushed?: unknown) {
    let raw = pushed;
    if (canPullConfiguration) {
      try {
        raw = await connection.workspace.getConfiguration("semanticSearch");
      } catch (err) {
        info(`could not read settings: ${(err as Error).message}`);
      }
    }
    return readSettings(raw, workspace.init);
  }

  /** Opens every folder with the settings in force, then indexes them in the background. */
  async function reopenAll() {
    await Promise.all(workspace.folders.map((f) => f.open(workspace.settings)));
    statusChanged();
    void indexAll(workspace.folders);
  }

  async function indexAll(folders = workspace.folders, rebuild = false) {
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin("Semantic Search: indexing", 0, "looking for files", true);
    progress.token.onCancellationRequested(() => folders.forEach((f) => void f.stopIndexing()));
    const report = () => {
      const s = workspace.status();
      if (s.progress) {
        const current = s.progress.current ? `: ${s.progress.current}` : "";
        progress.report(Math.floor((100 * s.progress.done) / Math.max(1, s.progress.total)), `${s.progress.done}/${s.progress.total} files${current}`);
      }
      statusChanged();
    };
    try {
      await Promise.all(folders.map((f) => f.index({ rebuild, onProgress: report })));
    } finally {
      progress.done();
      statusChanged();
    }
  }

  connection.onDidChangeConfiguration((change) => {
    reconfiguring = reconfiguring.then(async () => {
      const pushed = (change.settings as { semanticSearch?: unknown } | undefined)?.semanticSearch;
      const next = await fetchSettings(pushed);
      const reopen = needsReopen(workspace.settings, next);
      workspace.settings = next;
      if (reopen) {
        info(`settings changed; using model ${next.model}`);
        await reopenAll();
      }
    });
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    for (const change of changes) {
      if (change.type === FileChangeType.Deleted) await sync.deleted(change.uri);
      else await sync.update(change.uri);
    }
  });
  connection.workspace.onDidRenameFiles(async ({ files }) => {
    for (const f of files) await sync.renamed(f.oldUri, f.newUri);
  });
  documents.onDidChangeContent((e) => sync.edited(e.document));
  documents.onDidSave((e) => void sync.update(e.document.uri));
  // Unsaved edits that were thrown away: the disk copy is the truth again.
  documents.onDidClose((e) => void sync.update(e.document.uri));

  connection.onRequest(SearchRequest.type, async (raw, token) => {
    const p = searchParams(raw);
    const topK = p.topK ?? 10;
    const mode = p.mode ?? workspace.settings.searchMode;
    const result = await workspace.searchAll(topK, (f) => f.engine?.search({ query: p.query, topK, filter: p.filter, minScore: p.minScore, mode }) ?? Promise.resolve(undefined), mode === "semantic" ? "score" : "rank");
    return checkCancelled(token, result);
  });

  connection.onRequest(SimilarRequest.type, async (raw, token) => {
    const p = similarParams(raw);
    const where = workspace.locate(p.uri);
    const topK = p.topK ?? 10;
    const doc = documents.get(p.uri);
    // Trimmed: a whole-line selection brings a trailing newline that would shift the vector a little.
    const text = doc?.getText(p.range).trim();
    const startLine = p.range.start.line + 1;
    const endLine = Math.max(startLine, p.range.end.character === 0 && p.range.end.line > p.range.start.line ? p.range.end.line : p.range.end.line + 1);
    const result = await workspace.searchAll(topK, async (f) => {
      if (!f.engine) return undefined;
      if (where && f === where.folder) return f.engine.similar({ path: where.relPath, startLine, endLine, text: text?.trim() ? text : undefined, topK });
      if (!text?.trim()) return undefined;
      // A selection is a passage, not keywords: "similar" means similar in meaning.
      return f.engine.search({ query: text, topK, mode: "semantic" });
    });
    return checkCancelled(token, result);
  });

  connection.onRequest(EmbedRequest.type, async (raw, token) => {
    const p = embedParams(raw);
    const engine = workspace.folders.find((f) => f.engine)?.engine;
    if (!engine) throw new ResponseError(LSPErrorCodes.ServerCancelled, `No model is loaded yet: ${workspace.status().message ?? "the server is still starting"}`);
    return checkCancelled(token, await engine.embed(p.text));
  });

  connection.onRequest(StatusRequest.type, () => workspace.status());
  registerInspectHandlers(connection, () => workspace);
  // After a download the folders open again, in line with settings changes so the two never interleave.
  registerDownloadHandler(connection, () => (reconfiguring = reconfiguring.then(reopenAll)));

  connection.onRequest(ReindexRequest.type, async () => {
    void indexAll(workspace.folders, true);
    await new Promise((r) => setImmediate(r));
    return workspace.status();
  });

  connection.onHover(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      return checkCancelled(token, await hoverAt(workspace, doc, params.position.line));
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      verbose(`hover: ${(err as Error).message}`);
      return null;
    }
  });

  connection.onShutdown(async () => {
    sync.dispose();
    await workspace.closeAll();
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** Some clients send a null token (a trailing undefined argument): treat it as never cancelled. */
function checkCancelled<T>(token: CancellationToken | null | undefined, value: T): T {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "request cancelled");
  return value;
}

if (require.main === module) startServer();
