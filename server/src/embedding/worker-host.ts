// The process's one embedding worker, and this thread's client of it. The main thread starts the
// worker and hands out ports to it; a folder's engine thread asks its parent for a port (see
// engine/engine-thread.ts, which installs that connector). Requests carry a lane, and the worker
// runs queries before indexing batches.
import { isMainThread, MessageChannel, type MessagePort, type Worker } from "node:worker_threads";
import { startWorker } from "../threads/start-worker";
import type { CancelRequest, FromWorker, Lane, ToWorker } from "./worker-protocol";

export type { Lane } from "./worker-protocol";
type Request = ToWorker extends infer T ? (T extends { id: number; lane: Lane } ? Omit<T, "id" | "lane"> : never) : never;

export class EmbedCancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "EmbedCancelled";
  }
}

let worker: Worker | undefined;

/** A new port to the embedding worker (main thread only), starting the worker if it is not running. */
export function connectToEmbedWorker(): MessagePort {
  if (!isMainThread) throw new Error("only the main thread owns the embedding worker");
  if (!worker) {
    const started = startWorker(__dirname, "embed-worker");
    // The worker never keeps the process alive by itself: a client's port does while it waits.
    started.unref();
    started.on("error", () => undefined);
    started.on("exit", () => {
      if (worker === started) worker = undefined;
    });
    worker = started;
  }
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ type: "connect", port: port2 }, [port2]);
  return port1;
}

interface Pending {
  resolve(reply: FromWorker): void;
  reject(err: Error): void;
}

/** One thread's connection to the embedding worker; reconnects after the worker crashed. */
export class EmbedClient {
  private port: Promise<MessagePort> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Models this thread holds, with how many users each: the worker is told only when none is left. */
  private readonly holds = new Map<string, number>();

  constructor(private readonly connect: () => MessagePort | Promise<MessagePort>) {}

  /** The port once it is connected: a request is then posted within send() itself (see send). */
  private ready: MessagePort | undefined;

  /**
   * Sends a request and resolves with the worker's reply. With the port connected the request is
   * posted before send returns, not after an await: a hybrid search runs its keyword half on this
   * thread right after asking for the query's vector, and the worker embeds meanwhile only if the
   * request has already left.
   */
  send(request: Request, lane: Lane, signal?: AbortSignal): Promise<FromWorker> {
    if (signal?.aborted) return Promise.reject(new EmbedCancelled());
    try {
      if (this.ready) return this.post(this.ready, request, lane, signal);
      return this.ensurePort().then((port) => this.post(port, request, lane, signal));
    } catch (err) {
      // A connector that throws (no worker to be had) fails the request, as an await would have.
      return Promise.reject(err);
    }
  }

  /** Whether a request would be posted within send() (the port is connected): for tests. */
  get connected(): boolean {
    return this.ready !== undefined;
  }

  private post(port: MessagePort, request: Request, lane: Lane, signal?: AbortSignal): Promise<FromWorker> {
    const id = this.nextId++;
    return new Promise<FromWorker>((resolve, reject) => {
      const onAbort = () => port.postMessage({ type: "cancel", id } satisfies CancelRequest);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, {
        resolve: (reply) => {
          signal?.removeEventListener("abort", onAbort);
          if (reply.type === "failed" && reply.cancelled) reject(new EmbedCancelled());
          else resolve(reply);
        },
        reject: (err) => {
          signal?.removeEventListener("abort", onAbort);
          reject(err);
        },
      });
      port.ref();
      port.postMessage({ ...request, id, lane } as ToWorker);
    });
  }

  /** Counts a user of a loaded model. */
  hold(key: string): void {
    this.holds.set(key, (this.holds.get(key) ?? 0) + 1);
  }

  /** Drops a user of a model; the worker unloads it when no thread holds it any more. True if it did. */
  async release(key: string): Promise<boolean> {
    const left = (this.holds.get(key) ?? 0) - 1;
    if (left > 0) {
      this.holds.set(key, left);
      return false;
    }
    this.holds.delete(key);
    if (!this.port) return false;
    const reply = await this.send({ type: "release", key }, "query").catch(() => undefined);
    return reply?.type === "released" && reply.unloaded;
  }

  private ensurePort(): Promise<MessagePort> {
    this.port ??= Promise.resolve(this.connect()).then((port) => this.listen(port));
    return this.port;
  }

  private listen(port: MessagePort): MessagePort {
    const current = this.port;
    this.ready = port;
    port.on("message", (reply: FromWorker) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (!this.pending.size) port.unref();
      p.resolve(reply);
    });
    // The worker died: fail what it held; the next request connects to a fresh one.
    port.on("close", () => {
      if (this.port !== current) return;
      this.port = undefined;
      this.ready = undefined;
      this.holds.clear();
      const pending = [...this.pending.values()];
      this.pending.clear();
      for (const p of pending) p.reject(new Error("The embedding worker crashed; the request can be retried."));
    });
    port.unref();
    return port;
  }
}

let connector: (() => Promise<MessagePort>) | undefined;

/** For engine threads: how this thread gets a port to the embedding worker (through its parent). */
export function setEmbedConnector(connect: () => Promise<MessagePort>): void {
  connector = connect;
}

let client: EmbedClient | undefined;

/** This thread's client of the embedding worker. */
export function embedClient(): EmbedClient {
  client ??= new EmbedClient(() => (connector ?? connectToEmbedWorker)());
  return client;
}
