// A minimal LSP client for the integration tests: starts the built server over stdio and speaks
// JSON-RPC with it, answering the requests a real editor would (configuration, registrations,
// progress creation) and recording the progress and notifications it sends.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";

export interface Client {
  conn: ProtocolConnection;
  proc: ChildProcess;
  settings: Record<string, unknown>;
  /** Every $/progress value, in order. */
  progress: { kind: string; message?: string; percentage?: number }[];
  /** The same, with the token each was sent for. */
  progressByToken: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }[];
  statuses: any[];
  logs: string[];
  stderr: string[];
  /** Resolves when the next indexing progress (after this call) ends. */
  nextIndexingEnd(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const SERVER = join(__dirname, "..", "..", "bin", "semsearch");

export async function startClient(opts: {
  folders: string[];
  storagePath: string;
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  indexTimeoutMs?: number;
  /** Added to the server's environment. */
  env?: Record<string, string>;
}): Promise<Client> {
  const proc = spawn(SERVER, ["lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...opts.env } });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const client: Client = {
    conn,
    proc,
    settings: { model: "bundled", ...opts.settings },
    progress: [],
    progressByToken: [],
    statuses: [],
    logs: [],
    stderr: [],
    nextIndexingEnd: (timeoutMs = opts.indexTimeoutMs ?? 120_000) => {
      const seen = client.progress.length;
      return waitFor(() => client.progress.slice(seen).some((p) => p.kind === "end"), timeoutMs, "indexing to end");
    },
    async stop() {
      try {
        await Promise.race([conn.sendRequest("shutdown"), delay(5000)]);
        await conn.sendNotification("exit");
      } catch {
        /* already gone */
      }
      await Promise.race([new Promise((r) => proc.once("exit", r)), delay(5000)]);
      proc.kill("SIGKILL");
      conn.dispose();
    },
  };
  proc.stderr!.on("data", (d) => client.stderr.push(String(d)));
  conn.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === "semanticSearch" ? client.settings : null)),
  );
  conn.onRequest("client/registerCapability", () => null);
  conn.onRequest("window/workDoneProgress/create", () => null);
  conn.onNotification("$/progress", (p: { token: string | number; value: any }) => {
    client.progress.push(p.value);
    client.progressByToken.push(p);
  });
  conn.onNotification("semanticSearch/statusChanged", (s) => void client.statuses.push(s));
  conn.onNotification("window/logMessage", (m: { message: string }) => void client.logs.push(m.message));
  conn.listen();
  const end = client.nextIndexingEnd();
  await conn.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: opts.folders.map((f, i) => ({ uri: pathToFileURL(f).href, name: `folder${i}` })),
    initializationOptions: { storagePath: opts.storagePath, ...opts.initializationOptions },
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { hover: { contentFormat: ["markdown"] }, synchronization: { didSave: true } },
    },
  });
  await conn.sendNotification("initialized", {});
  await end;
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
