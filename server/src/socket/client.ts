// Asking a running server that holds a folder's index (see protocol.ts), from the CLI or an MCP
// server. It never throws: every way of not getting an answer comes back as `ok: false` with the
// reason, and the caller searches the store itself.
//
//   const answer = await askRunningServer(dbPath, { method: "search", params: { query: "retry", topK: 5 } });
//   if (answer.ok) print(answer.result); else searchLocally(); // answer.why, answer.message say why
import { createConnection } from "node:net";
import { unlinkSync } from "node:fs";
import { socketFolder, socketPathFor, socketsSupported, unsafeFolder, unsafeSocket, type OwnerCheck } from "./paths";
import { MAX_REQUEST_BYTES, SOCKET_PROTOCOL_VERSION, type SocketErrorCode, type SocketMethod, type SocketRequest, type SocketResponse, type SocketResults } from "./protocol";

/** A request without the envelope: the method and its params. */
export type AskRequest = SocketRequest extends infer R ? (R extends SocketRequest ? Omit<R, "v" | "id"> : never) : never;

export interface AskOptions extends OwnerCheck {
  /** How long to wait for the answer (default 5 s); then the caller searches itself. */
  timeoutMs?: number;
}

/**
 * Why there is no answer: "unsupported" (Windows), "no-socket" (no server holds this database),
 * "unsafe" (the folder or socket is another user's or open to others: not used), "stale" (a socket
 * file nobody listens on: removed), "timeout", "declined" (the server answered an error, see code),
 * "broken" (the connection failed or the answer was not a response).
 */
export type AskFailure = "unsupported" | "no-socket" | "unsafe" | "stale" | "timeout" | "declined" | "broken";

export type AskOutcome<M extends SocketMethod> =
  | { ok: true; result: SocketResults[M]; socket: string }
  | { ok: false; why: AskFailure; message: string; socket?: string; code?: SocketErrorCode };

/** Asks the server whose folder's database is `dbPath` (as it opened it; resolved to an absolute path). */
export async function askRunningServer<R extends AskRequest>(dbPath: string, request: R, opts: AskOptions = {}): Promise<AskOutcome<R["method"]>> {
  if (!socketsSupported()) return { ok: false, why: "unsupported", message: "local sockets are not used on this platform" };
  const folder = opts.folder ?? socketFolder();
  const socket = socketPathFor(dbPath, folder);
  try {
    const badFolder = unsafeFolder(folder, opts);
    if (badFolder) return { ok: false, why: badFolder.endsWith("does not exist") ? "no-socket" : "unsafe", message: badFolder };
    const badSocket = unsafeSocket(socket, opts);
    if (badSocket) return { ok: false, why: badSocket.endsWith("does not exist") ? "no-socket" : "unsafe", message: badSocket, socket };
  } catch (err) {
    // An unreadable runtime folder, say: no server to ask.
    return { ok: false, why: "broken", message: `${socket}: ${(err as Error).message}`, socket };
  }
  return exchange<R["method"]>(socket, { v: SOCKET_PROTOCOL_VERSION, id: 1, ...request } as SocketRequest, opts.timeoutMs ?? 5000);
}

function exchange<M extends SocketMethod>(socket: string, request: SocketRequest, timeoutMs: number): Promise<AskOutcome<M>> {
  return new Promise((resolve) => {
    const conn = createConnection(socket);
    let buffered = "";
    let settled = false;
    const finish = (outcome: AskOutcome<M>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, why: "timeout", message: `no answer from ${socket} within ${timeoutMs} ms`, socket }), timeoutMs);
    conn.setEncoding("utf8");
    conn.on("connect", () => conn.write(JSON.stringify(request) + "\n"));
    conn.on("data", (chunk: string) => {
      buffered += chunk;
      if (buffered.length > 64 * MAX_REQUEST_BYTES) return finish({ ok: false, why: "broken", message: "the answer is too long", socket });
      const end = buffered.indexOf("\n");
      if (end >= 0) finish(toOutcome<M>(buffered.slice(0, end), socket));
    });
    conn.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ECONNREFUSED") {
        // A socket file left by a server that died: nobody listens. It passed the owner check, so it is ours to remove.
        try {
          unlinkSync(socket);
        } catch {
          // gone already, or removed by another CLI at the same moment
        }
        return finish({ ok: false, why: "stale", message: `${socket} is left over from a server that is gone; removed it`, socket });
      }
      if (err.code === "ENOENT") return finish({ ok: false, why: "no-socket", message: `${socket} does not exist`, socket });
      finish({ ok: false, why: "broken", message: `${socket}: ${err.message}`, socket });
    });
    conn.on("close", () => finish({ ok: false, why: "broken", message: `${socket} closed the connection without an answer`, socket }));
  });
}

function toOutcome<M extends SocketMethod>(line: string, socket: string): AskOutcome<M> {
  let response: SocketResponse<M>;
  try {
    response = JSON.parse(line) as SocketResponse<M>;
  } catch {
    return { ok: false, why: "broken", message: "the server's answer is not JSON", socket };
  }
  if (response && response.ok === true && response.result && typeof response.result === "object") return { ok: true, result: response.result, socket };
  if (response && response.ok === false) return { ok: false, why: "declined", code: response.code, message: String(response.error), socket };
  return { ok: false, why: "broken", message: "the server's answer is not a response", socket };
}
