// The server side of the local socket (see protocol.ts): one listener per folder a server holds,
// answering searches from that folder's engine, so that `semsearch search` in a loop costs a
// connection, not a process that opens the store and loads the model. Started and stopped with the
// folder (lsp/workspace.ts, which `semsearch serve` uses too). It never takes the server down: a
// bad request gets an error line, a failure to listen gets a log line and no socket.
import { createServer, createConnection, type Server, type Socket } from "node:net";
import { chmodSync, lstatSync, unlinkSync } from "node:fs";
import type { SearchResponse } from "../../../shared/src/types";
import { BUNDLED_MODEL_ID } from "../embedding/bundled";
import { isBundled } from "../embedding/model-spec";
import type { EngineSearchOptions, EngineStatus, SimilarOptions } from "../engine/engine";
import { ensureSocketFolder, socketFolder, socketPathFor, socketsSupported, unsafeSocket, type OwnerCheck } from "./paths";
import { BadRequest, MAX_REQUEST_BYTES, parseRequest, type SocketErrorCode, type SocketRequest, type SocketResponse, type SocketStatus } from "./protocol";

/** What the socket answers from: a folder's engine (in-process or in its thread), whatever holds it. */
export interface SocketEngine {
  readonly modelId: string;
  search(opts: EngineSearchOptions, signal?: AbortSignal): Promise<SearchResponse>;
  similar(opts: SimilarOptions, signal?: AbortSignal): Promise<SearchResponse>;
  status(): EngineStatus | undefined;
}

export interface SocketTarget {
  root: string;
  dbPath: string;
  /** The engine when it can answer (open, possibly indexing), else undefined: "not-ready", the asker searches itself. */
  engine(): SocketEngine | undefined;
  /** The model setting the folder was opened with ("bundled", a hub id, a path). */
  configuredModel(): string | undefined;
  /** The folder's state, for `status` ("idle", "indexing", ...). */
  state(): string;
  /** Brings the folder's index up to date (the Re-index command's pass); resolves when it ends. Absent: `reindex` is refused. */
  reindex?(rebuild: boolean): Promise<void>;
}

export interface ListenOptions extends OwnerCheck {
  log?: (message: string) => void;
}

/** Socket files this process listens on: removed if the process exits without closing them. */
const listening = new Set<string>();
let exitHook = false;

export class SocketListener {
  private constructor(
    private readonly server: Server,
    readonly path: string,
    private readonly inode: number,
    private readonly connections: Set<Socket>,
  ) {}

  /** Listens for a folder; undefined (with a log line saying why) when it cannot or must not. */
  static async start(target: SocketTarget, opts: ListenOptions = {}): Promise<SocketListener | undefined> {
    const log = opts.log ?? (() => undefined);
    if (!socketsSupported() || process.env.SEMSEARCH_NO_SOCKET) return undefined;
    try {
      return await SocketListener.listen(target, opts, log);
    } catch (err) {
      log(`not opening a local socket for ${target.root}: ${(err as Error)?.message ?? err}`);
      return undefined;
    }
  }

  private static async listen(target: SocketTarget, opts: ListenOptions, log: (message: string) => void): Promise<SocketListener | undefined> {
    const folder = opts.folder ?? socketFolder();
    const unsafe = ensureSocketFolder(folder, opts);
    if (unsafe) {
      log(`not opening a local socket for ${target.root}: ${unsafe}`);
      return undefined;
    }
    const path = socketPathFor(target.dbPath, folder);
    if (lstatSync(path, { throwIfNoEntry: false })) {
      const foreign = unsafeSocket(path, opts);
      if (foreign) {
        log(`not opening a local socket for ${target.root}: ${foreign}`);
        return undefined;
      }
      if (await answers(path)) {
        log(`not opening a local socket for ${target.root}: another process already serves ${target.dbPath} at ${path}`);
        return undefined;
      }
      removeQuietly(path); // left over from a server that is gone
    }
    const connections = new Set<Socket>();
    const server = createServer((conn) => serve(conn, target, connections, log));
    server.maxConnections = 64;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(path, () => {
          server.off("error", reject);
          resolve();
        });
      });
      // Owner-only; the folder (700) already keeps others out between listen and chmod.
      chmodSync(path, 0o600);
    } catch (err) {
      server.close();
      log(`not opening a local socket for ${target.root}: ${(err as Error).message}`);
      return undefined;
    }
    server.on("error", (err) => log(`local socket ${path}: ${err.message}`));
    // A listener never keeps a process alive on its own.
    server.unref();
    listening.add(path);
    if (!exitHook) {
      exitHook = true;
      process.once("exit", () => listening.forEach(removeQuietly));
    }
    return new SocketListener(server, path, lstatSync(path).ino, connections);
  }

  /** Stops listening and removes the socket file (if it is still the one this listener made). */
  async close(): Promise<void> {
    listening.delete(this.path);
    for (const c of this.connections) c.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (lstatSync(this.path, { throwIfNoEntry: false })?.ino === this.inode) removeQuietly(this.path);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Whether a live server answers on a socket (a connection is accepted). */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = createConnection(path);
    conn.once("connect", () => {
      conn.destroy();
      resolve(true);
    });
    conn.once("error", () => resolve(false));
  });
}

/** One connection: request lines answered in order; a line too long ends it. */
function serve(conn: Socket, target: SocketTarget, connections: Set<Socket>, log: (m: string) => void): void {
  connections.add(conn);
  conn.setEncoding("utf8");
  let buffered = "";
  let queue = Promise.resolve();
  const send = (response: SocketResponse) => {
    if (!conn.destroyed) conn.write(JSON.stringify(response) + "\n");
  };
  conn.on("data", (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (line.trim()) queue = queue.then(() => answer(line, target).then(send));
    }
    if (buffered.length > MAX_REQUEST_BYTES) {
      buffered = "";
      queue = queue.then(() => {
        send({ ok: false, code: "bad-request", error: `a request line is longer than ${MAX_REQUEST_BYTES} bytes` });
        conn.end();
      });
    }
  });
  conn.on("error", (err) => log(`local socket connection: ${err.message}`));
  conn.on("close", () => connections.delete(conn));
}

async function answer(line: string, target: SocketTarget): Promise<SocketResponse> {
  let request: SocketRequest;
  try {
    request = parseRequest(line);
  } catch (err) {
    return fail(undefined, err instanceof BadRequest ? "bad-request" : "failed", (err as Error).message);
  }
  const id = request.id;
  const engine = target.engine();
  if (!engine) return fail(id, "not-ready", `${target.root} is not open yet (${target.state()})`);
  const asked = request.params?.model;
  if (asked !== undefined && !sameModel(asked, engine.modelId, target.configuredModel())) {
    return fail(id, "model-mismatch", `this server searches ${target.root} with model ${engine.modelId}, not ${asked}`);
  }
  try {
    switch (request.method) {
      case "search": {
        const { model: _model, ...params } = request.params;
        return { id, ok: true, result: await engine.search(params) };
      }
      case "similar": {
        const { model: _model, ...params } = request.params;
        return { id, ok: true, result: await engine.similar(params) };
      }
      case "status":
        return { id, ok: true, result: statusOf(target, engine) };
      case "reindex": {
        if (!target.reindex) return fail(id, "bad-request", `this server does not re-index ${target.root} over the socket; use its own Re-index command`);
        await target.reindex(request.params.rebuild ?? false);
        // The engine may have been replaced (a rebuild of a folder that could not open): ask again.
        return { id, ok: true, result: statusOf(target, target.engine() ?? engine) };
      }
    }
  } catch (err) {
    return fail(id, "failed", (err as Error)?.message ?? String(err));
  }
}

function statusOf(target: SocketTarget, engine: SocketEngine): SocketStatus {
  const s = engine.status();
  return { root: target.root, dbPath: target.dbPath, model: engine.modelId, files: s?.files ?? 0, chunks: s?.chunks ?? 0, state: target.state(), pid: process.pid };
}

function fail(id: number | undefined, code: SocketErrorCode, error: string): SocketResponse {
  return { id, ok: false, code, error };
}

/** The asker's model setting names the engine's model, or is the same setting the folder was opened with. */
function sameModel(asked: string, engineModel: string, configured: string | undefined): boolean {
  const id = isBundled(asked) ? BUNDLED_MODEL_ID : asked;
  return id === engineModel || asked === configured;
}
