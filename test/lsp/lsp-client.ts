// A minimal LSP client for the integration tests: starts the built server over stdio and speaks
// JSON-RPC with it, answering the requests a real editor would (configuration, registrations,
// progress creation) and recording the progress and notifications it sends. By default it is a full
// client; `capabilities` makes it a lesser one, which answers only what it declared it can do.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  ErrorCodes,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";

export interface Client {
  conn: ProtocolConnection;
  proc: ChildProcess;
  settings: Record<string, unknown>;
  /** Settings of one folder (by its path), laid over `settings` when the server asks with its scopeUri. */
  folderSettings: Record<string, Record<string, unknown>>;
  capabilities: ClientCapabilities;
  /** Every item of every workspace/configuration request, in order. */
  configurationItems: { scopeUri?: string; section?: string }[];
  /** Requests the server sent that this client did not declare it supports (answered MethodNotFound). */
  refused: string[];
  /** Every $/progress value, in order. */
  progress: { kind: string; message?: string; percentage?: number }[];
  /** The same, with the token each was sent for. */
  progressByToken: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }[];
  statuses: any[];
  logs: string[];
  stderr: string[];
  /** Resolves when the next indexing progress (after this call) ends. */
  nextIndexingEnd(timeoutMs?: number): Promise<void>;
  /** Resolves when semanticSearch/status no longer says "indexing". */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /** The server process's exit code, once it has exited (null when it was killed). */
  exitCode: Promise<number | null>;
  /** shutdown, then exit; kills the server if it has not exited 5 s later. Resolves with its exit code. */
  stop(): Promise<number | null>;
}

const SERVER = join(__dirname, "..", "..", "bin", "semsearch");

/** What the tests' editor used to declare, and still does by default. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  window: { workDoneProgress: true },
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: { hover: { contentFormat: ["markdown"] }, synchronization: { didSave: true } },
};

export async function startClient(opts: {
  folders: string[];
  storagePath: string;
  settings?: Record<string, unknown>;
  folderSettings?: Record<string, Record<string, unknown>>;
  initializationOptions?: Record<string, unknown>;
  /** Default: FULL_CAPABILITIES. */
  capabilities?: ClientCapabilities;
  /** How initialize names the folders: as workspaceFolders (default), or only the first as rootUri or rootPath. */
  folderParams?: "workspaceFolders" | "rootUri" | "rootPath";
  /** Requests this client declares it supports but answers with an error (a client that misbehaves). */
  failRequests?: string[];
  indexTimeoutMs?: number;
  /** Added to the server's environment. */
  env?: Record<string, string>;
  /** Added to `semsearch lsp --stdio`. */
  args?: string[];
}): Promise<Client> {
  const proc = spawn(SERVER, ["lsp", "--stdio", ...(opts.args ?? [])], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...opts.env } });
  const exitCode = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const capabilities = opts.capabilities ?? FULL_CAPABILITIES;
  const indexTimeoutMs = opts.indexTimeoutMs ?? 120_000;
  const client: Client = {
    conn,
    proc,
    settings: { model: "bundled", ...opts.settings },
    folderSettings: { ...opts.folderSettings },
    capabilities,
    configurationItems: [],
    refused: [],
    progress: [],
    progressByToken: [],
    statuses: [],
    logs: [],
    stderr: [],
    nextIndexingEnd: (timeoutMs = indexTimeoutMs) => {
      const seen = client.progress.length;
      return waitFor(() => client.progress.slice(seen).some((p) => p.kind === "end"), timeoutMs, "indexing to end");
    },
    waitForIdle: (timeoutMs = indexTimeoutMs) =>
      waitFor(async () => ((await conn.sendRequest("semanticSearch/status")) as { state: string }).state !== "indexing", timeoutMs, "indexing to end"),
    exitCode,
    async stop() {
      try {
        await Promise.race([conn.sendRequest("shutdown"), delay(5000)]);
        await conn.sendNotification("exit");
      } catch {
        /* already gone */
      }
      const code = await Promise.race([exitCode, delay(5000).then(() => "running" as const)]);
      if (code === "running") proc.kill("SIGKILL");
      conn.dispose();
      return code === "running" ? null : code;
    },
  };
  proc.stderr!.on("data", (d) => client.stderr.push(String(d)));
  // Requests the client did not declare: a real client of this kind would not know them.
  // (vscode-jsonrpc's star handler, which ProtocolConnection's types leave out; named handlers come first.)
  (conn as unknown as { onRequest(handler: (method: string) => unknown): void }).onRequest((method) => {
    client.refused.push(method);
    return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
  });
  if (capabilities.workspace?.configuration) {
    conn.onRequest("workspace/configuration", (params: { items: { scopeUri?: string; section?: string }[] }) => {
      client.configurationItems.push(...params.items);
      return params.items.map((item) => {
        if (item.section !== "semanticSearch") return null;
        const folder = item.scopeUri?.startsWith("file:") ? client.folderSettings[fileURLToPath(item.scopeUri)] : undefined;
        return { ...client.settings, ...folder };
      });
    });
  }
  const failing = new Set(opts.failRequests);
  const answer = (method: string) => () => (failing.has(method) ? new ResponseError(ErrorCodes.InternalError, `${method} failed in the client`) : null);
  if (JSON.stringify(capabilities).includes('"dynamicRegistration":true')) conn.onRequest("client/registerCapability", answer("client/registerCapability"));
  if (capabilities.window?.workDoneProgress) conn.onRequest("window/workDoneProgress/create", answer("window/workDoneProgress/create"));
  conn.onNotification("$/progress", (p: { token: string | number; value: any }) => {
    client.progress.push(p.value);
    client.progressByToken.push(p);
  });
  conn.onNotification("semanticSearch/statusChanged", (s) => void client.statuses.push(s));
  conn.onNotification("window/logMessage", (m: { message: string }) => void client.logs.push(m.message));
  conn.listen();
  const end = capabilities.window?.workDoneProgress && !failing.has("window/workDoneProgress/create") ? client.nextIndexingEnd() : undefined;
  const uris = opts.folders.map((f) => pathToFileURL(f).href);
  const folderParams = opts.folderParams ?? "workspaceFolders";
  await conn.sendRequest("initialize", {
    processId: process.pid,
    rootUri: folderParams === "rootUri" ? uris[0] : null,
    ...(folderParams === "rootPath" ? { rootPath: opts.folders[0] } : {}),
    ...(folderParams === "workspaceFolders" ? { workspaceFolders: uris.map((uri, i) => ({ uri, name: `folder${i}` })) } : {}),
    initializationOptions: { storagePath: opts.storagePath, ...opts.initializationOptions },
    capabilities,
  });
  await conn.sendNotification("initialized", {});
  if (end) await end;
  else await client.waitForIdle();
  return client;
}

export function delay(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}
