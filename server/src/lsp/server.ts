// The language server: thin wiring from LSP to the engine. Any LSP client can use it
// (`semsearch lsp --stdio`); the VS Code extension starts it over IPC. Every optional client
// capability is checked before use, with a fallback (client-features.ts); each folder's engine runs
// in a thread of its own, so this thread only speaks the protocol, syncs files and reports status.
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ReindexRequest, StatusNotification, StatusRequest } from "../../../shared/src/protocol";
import { clientFeatures, initialFolders, type ClientFeatures } from "./client-features";
import { exitOnUncaught } from "./crash";
import { registerDownloadHandler } from "./download-handler";
import { bufferTooLarge, FileSync } from "./file-sync";
import { FolderLifecycle } from "./folder-lifecycle";
import { FolderWatchers } from "./folder-watcher";
import { MessageGate } from "./message-gate";
import { folderChanges, renamedFiles, watchedChanges } from "./notification-params";
import { registerInspectHandlers } from "./inspect-handlers";
import { databaseKeyFor, takeEnvKey } from "./env-key";
import { initOptions } from "./params";
import { registerQueryHandlers } from "./query-handlers";
import { Workspace } from "./workspace";
import { layerSettings } from "./settings";

/**
 * `defaults`: `semanticSearch` settings from the command line (`semsearch lsp --store-text none`),
 * under whatever the client sends (initializationOptions.settings, workspace/configuration).
 */
export function startServer(given?: Connection, defaults: Record<string, unknown> = {}): Connection {
  // SEMSEARCH_DB_KEY leaves process.env before any thread or process is started (env-key.ts).
  const envKey = takeEnvKey();
  // Requests before initialize, a second initialize and malformed notifications are dealt with before any handler runs.
  const gate = new MessageGate();
  const connection = given ?? createConnection(ProposedFeatures.all, { messageStrategy: gate });
  exitOnUncaught(connection);
  gate.register(connection);
  const documents = new TextDocuments(TextDocument);
  let workspace: Workspace;
  let sync: FileSync;
  let client: ClientFeatures = clientFeatures(undefined);
  let statusTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  const verbose = (message: string) => {
    if (workspace?.settings.trace.server === "verbose") connection.console.log(message);
  };
  const info = (message: string) => connection.console.info(message);

  // The status bar follows this notification; while indexing it is sent at most every 250 ms. A
  // client without work-done progress sees indexing through it alone.
  const statusChanged = () => {
    if (statusTimer || stopped) return;
    statusTimer = setTimeout(() => {
      statusTimer = undefined;
      if (stopped) return;
      try {
        connection.sendNotification(StatusNotification.type, workspace.status()).catch(() => undefined);
      } catch {
        // the connection is closed: nobody is listening any more
      }
    }, 250);
  };

  // For a client that cannot watch files: the server watches each folder itself.
  const watchers = new FolderWatchers((changes) => sync.watched(changes), info);
  const folders = new FolderLifecycle(connection, () => workspace, () => client, watchers, info, statusChanged);

  connection.onInitialize((params): InitializeResult => {
    const init = initOptions(params.initializationOptions);
    if (Object.keys(defaults).length) init.settings = layerSettings(defaults, init.settings);
    init.databaseKey = databaseKeyFor(init, envKey, info);
    client = clientFeatures(params.capabilities);
    // An index pass reads open editors' texts, except those over maxFileSize (the disk's copy is read instead).
    const openText = (uri: string) => {
      const text = documents.get(uri)?.getText();
      return text !== undefined && !bufferTooLarge(text, workspace.settingsFor(uri).maxFileSize) ? text : undefined;
    };
    workspace = new Workspace(init, info, statusChanged, openText, () => documents.keys());
    sync = new FileSync(workspace, (uri) => documents.get(uri), verbose, statusChanged, info);
    workspace.setFolders(initialFolders(params));
    gate.opened();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: client.workspaceFolders },
          fileOperations: { didRename: { filters: [{ scheme: "file", pattern: { glob: "**/*" } }] } },
        },
      },
      serverInfo: { name: "semantic-search", version: "0.1.0" },
    };
  });

  connection.onInitialized(() => {
    // Each step on its own: a client that refuses a registration still gets its folders indexed.
    if (client.watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*" }] }).then(undefined, (err) => {
        // The client will not report changes on disk after all: the server watches the folders itself.
        info(`registering the file watcher failed (${(err as Error)?.message ?? err}); watching the folders in the server`);
        client.watchFiles = false;
        void folders.serial("watching the folders", () => folders.watchFolders(workspace.folders));
      });
    }
    if (client.configurationRegistration) {
      void folders.attempt("registering for settings changes", () => connection.client.register(DidChangeConfigurationNotification.type, { section: "semanticSearch" }));
    }
    if (client.workspaceFolders) {
      void folders.attempt("subscribing to workspace folder changes", () =>
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          const { added, removed } = folderChanges(e);
          void folders.serial("changing the workspace folders", () => folders.foldersChanged(added, removed));
        }),
      );
    }
    void folders.serial("opening the workspace folders", () => folders.applySettings());
  });

  connection.onDidChangeConfiguration((change) => {
    const section = (change?.settings as { semanticSearch?: unknown } | null | undefined)?.semanticSearch;
    if (section && typeof section === "object") folders.pushed = section;
    void folders.serial("applying the settings", () => folders.applySettings());
  });

  connection.onDidChangeWatchedFiles((raw) => {
    const { changes, dropped } = watchedChanges(raw);
    if (dropped) info(`ignored ${dropped} malformed file change${dropped === 1 ? "" : "s"}: each must be {uri: string, type: 1, 2 or 3}`);
    return sync.watched(changes);
  });
  connection.workspace.onDidRenameFiles(async (raw) => {
    for (const f of renamedFiles(raw)) await sync.renamed(f.oldUri, f.newUri);
  });
  documents.onDidChangeContent((e) => sync.edited(e.document));
  documents.onDidSave((e) => void sync.update(e.document.uri));
  // Unsaved edits that were thrown away: the disk copy is the truth again.
  documents.onDidClose((e) => void sync.update(e.document.uri));

  registerQueryHandlers(connection, () => workspace, documents, verbose);
  connection.onRequest(StatusRequest.type, () => workspace.status());
  registerInspectHandlers(connection, () => workspace);
  // After a download the folders open again, in line with settings changes so the two never interleave.
  registerDownloadHandler(connection, () => folders.serial("opening the folders with the downloaded model", () => folders.openAndIndex(workspace.folders)));

  connection.onRequest(ReindexRequest.type, async () => {
    void folders.indexAll(workspace.folders, true);
    await new Promise((r) => setImmediate(r));
    return workspace.status();
  });

  connection.onShutdown(async () => {
    stopped = true;
    clearTimeout(statusTimer);
    watchers.closeAll();
    sync?.dispose();
    await folders.attempt("closing the folders", () => workspace?.closeAll());
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

if (require.main === module) startServer();
