// The processes a round starts and kills: `semsearch index` / `search` and the language server over
// stdio, each run by the same Node.js as this script (so SIGKILL reaches the process that holds the
// store, not a wrapper that re-runs itself on another Node).
import { spawn, type ChildProcess } from "node:child_process";
import { pathToFileURL } from "node:url";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from "vscode-languageserver-protocol/node";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Running {
  proc: ChildProcess;
  exited: Promise<Exit>;
  /** SIGKILL unless it has already exited; says whether the kill landed on a live process. */
  kill(): boolean;
}

export function start(bin: string, args: string[]): Running {
  const t0 = Date.now();
  const proc = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  proc.stdout!.on("data", (d) => (stdout += d));
  proc.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<Exit>((resolve) => proc.once("close", (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 })));
  return { proc, exited, kill: () => killNow(proc) };
}

export function run(bin: string, args: string[]): Promise<Exit> {
  return start(bin, args).exited;
}

function killNow(proc: ChildProcess): boolean {
  if (proc.exitCode !== null || proc.signalCode !== null) return false;
  return proc.kill("SIGKILL");
}

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every millisecond or so until it holds or `timeoutMs` passes; true if it held. */
export async function pollUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setImmediate(r));
  }
  return check();
}

/** A language server driven over raw JSON-RPC, as a client without optional capabilities would. */
export interface Server {
  proc: ChildProcess;
  conn: ProtocolConnection;
  exited: Promise<Exit>;
  /** Every semanticSearch/statusChanged the server sent, in order. */
  statuses: { state: string; files?: number; chunks?: number; message?: string }[];
  kill(): boolean;
  status(): Promise<{ state: string; chunks: number; files: number; message?: string }>;
  waitIdle(timeoutMs: number): Promise<boolean>;
  /** shutdown + exit; SIGKILL after `graceMs`. Resolves with the exit. */
  stop(graceMs?: number): Promise<Exit>;
}

export async function startServer(bin: string, folder: string, initializationOptions: Record<string, unknown>): Promise<Server> {
  const t0 = Date.now();
  const proc = spawn(process.execPath, [bin, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<Exit>((resolve) => proc.once("close", (code, signal) => resolve({ code, signal, stdout: "", stderr, ms: Date.now() - t0 })));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  // A killed server closes the pipes under pending writes: that is the point, not an error.
  proc.stdin!.on("error", () => undefined);
  conn.onError(() => undefined);
  const statuses: Server["statuses"] = [];
  conn.onNotification("semanticSearch/statusChanged", (s: Server["statuses"][number]) => void statuses.push(s));
  conn.onNotification("window/logMessage", () => undefined);
  conn.listen();
  const server: Server = {
    proc,
    conn,
    exited,
    statuses,
    kill: () => killNow(proc),
    status: () => conn.sendRequest("semanticSearch/status") as Promise<any>,
    async waitIdle(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (proc.exitCode !== null || proc.signalCode !== null) return false;
        const s = await Promise.race([server.status(), delay(5000).then(() => undefined)]).catch(() => undefined);
        if (s && s.state !== "indexing") return true;
        await delay(100);
      }
      return false;
    },
    async stop(graceMs = 10_000) {
      try {
        await Promise.race([conn.sendRequest("shutdown"), delay(graceMs)]);
        await conn.sendNotification("exit");
      } catch {
        /* already gone */
      }
      const done = await Promise.race([exited, delay(graceMs).then(() => undefined)]);
      if (!done) killNow(proc);
      const exit = await exited;
      conn.dispose();
      return exit;
    },
  };
  await conn.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "ws" }],
    initializationOptions,
    capabilities: {},
  });
  await conn.sendNotification("initialized", {});
  return server;
}
