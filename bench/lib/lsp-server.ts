// A language server for the benches: `bin/semsearch lsp --stdio` (the build in dist/) with one
// workspace folder and the given settings, answering what an editor answers. Unlike the tests'
// client (test/lsp/lsp-client.ts), starting returns at once, so a bench can send requests while the
// first indexing pass runs.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from "vscode-languageserver-protocol/node";

const CLI = join(__dirname, "..", "..", "bin", "semsearch");

export interface BenchServer {
  conn: ProtocolConnection;
  proc: ChildProcess;
  logs: string[];
  stderr: string[];
  /** Every $/progress begin and end, with when it came (Date.now()). */
  progress: { kind: string; at: number }[];
  /** How many indexing progresses have ended so far. */
  indexingEnds(): number;
  /** Resolves once `count` indexing progresses have ended (the first pass is the first). */
  waitForIndexingEnds(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(opts: { root: string; storagePath: string; settings: Record<string, unknown>; cli?: string }): Promise<BenchServer> {
  const proc = spawn(opts.cli ?? CLI, ["lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const logs: string[] = [];
  const stderr: string[] = [];
  let ends = 0;
  const progress: { kind: string; at: number }[] = [];
  proc.stderr!.on("data", (d) => stderr.push(String(d)));
  conn.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === "semanticSearch" ? opts.settings : null)));
  conn.onRequest("client/registerCapability", () => null);
  conn.onRequest("window/workDoneProgress/create", () => null);
  conn.onNotification("$/progress", (p: { value: { kind: string } }) => {
    if (p.value.kind === "report") return;
    progress.push({ kind: p.value.kind, at: Date.now() });
    if (p.value.kind === "end") ends++;
  });
  conn.onNotification("window/logMessage", (m: { message: string }) => void logs.push(m.message));
  conn.listen();
  await conn.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: pathToFileURL(opts.root).href, name: "bench" }],
    initializationOptions: { storagePath: opts.storagePath },
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  await conn.sendNotification("initialized", {});
  return {
    conn,
    proc,
    logs,
    stderr,
    progress,
    indexingEnds: () => ends,
    async waitForIndexingEnds(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (ends < count) {
        if (proc.exitCode !== null) throw new Error(`the server exited (${proc.exitCode}): ${stderr.join("").slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`indexing did not end within ${timeoutMs} ms`);
        await sleep(50);
      }
    },
    async stop() {
      await Promise.race([conn.sendRequest("shutdown"), sleep(60_000)]).catch(() => undefined);
      await conn.sendNotification("exit").catch(() => undefined);
      await Promise.race([new Promise((r) => proc.once("exit", r)), sleep(10_000)]);
      if (proc.exitCode === null) proc.kill("SIGKILL");
      conn.dispose();
    },
  };
}
