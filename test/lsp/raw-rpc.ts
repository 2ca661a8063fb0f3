// Raw JSON-RPC over the server's stdio, for tests that must send what a well-behaved client library
// never would: requests before initialize, a second initialize, malformed messages, garbage bytes.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const SERVER = join(__dirname, "..", "..", "bin", "semsearch");

export interface RawServer {
  proc: ChildProcess;
  /** Every message the server sent, in order. */
  received: any[];
  stderr: string[];
  /** Resolves with the server's exit code once it has exited. */
  exited: Promise<number | null>;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Writes one framed message (any JSON value, or a raw string body sent as it is). */
  send(message: unknown): void;
  /** Writes bytes with no framing at all. */
  sendBytes(bytes: string | Buffer): void;
  /** Sends a request and waits for the response with its id (answering the server's own requests meanwhile). */
  request(method: string, params?: unknown, timeoutMs?: number): Promise<{ result?: any; error?: { code: number; message: string } }>;
  notify(method: string, params?: unknown): void;
  /** shutdown + exit, then kill if still running. */
  stop(): Promise<void>;
}

let nextId = 1;

export function startRaw(env: Record<string, string> = {}): RawServer {
  const proc = spawn(SERVER, ["lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
  const received: any[] = [];
  const stderr: string[] = [];
  const waiting = new Map<number | string, (m: any) => void>();
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    proc.once("exit", (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  proc.stderr!.on("data", (d) => stderr.push(String(d)));
  // Writes after the server died must not fail the test process.
  proc.stdin!.on("error", () => undefined);

  let buffer = Buffer.alloc(0);
  proc.stdout!.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
      buffer = buffer.subarray(headerEnd + 4 + length);
      const message = JSON.parse(body);
      received.push(message);
      onMessage(message);
    }
  });

  const write = (body: string) => {
    if (!proc.stdin!.writable) return;
    proc.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };

  function onMessage(m: any): void {
    if (m.method && m.id !== undefined) {
      // The server asks something (configuration, registrations, progress): answer as a plain client would.
      write(JSON.stringify({ jsonrpc: "2.0", id: m.id, result: m.method === "workspace/configuration" ? (m.params?.items ?? []).map(() => ({ model: "bundled" })) : null }));
      return;
    }
    if (m.id !== undefined && m.id !== null && !m.method) waiting.get(m.id)?.(m);
  }

  const server: RawServer = {
    proc,
    received,
    stderr,
    exited,
    alive: () => exitCode === undefined,
    send: (message) => write(typeof message === "string" ? message : JSON.stringify(message)),
    sendBytes: (bytes) => {
      if (proc.stdin!.writable) proc.stdin!.write(bytes);
    },
    request(method, params, timeoutMs = 60_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${method} in ${timeoutMs} ms`)), timeoutMs);
        waiting.set(id, (m) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(m);
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`the server exited before answering ${method}: ${stderr.join("").slice(-2000)}`));
        });
        write(JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) }));
      });
    },
    notify(method, params) {
      write(JSON.stringify({ jsonrpc: "2.0", method, ...(params === undefined ? {} : { params }) }));
    },
    async stop() {
      if (server.alive()) {
        await Promise.race([server.request("shutdown", undefined, 5000).catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
        server.notify("exit");
        const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
        if (!done) proc.kill("SIGKILL");
      }
    },
  };
  return server;
}
