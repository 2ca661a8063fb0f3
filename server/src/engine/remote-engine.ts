// The protocol thread's handle on a folder's engine thread: the Engine's API, asynchronous. It
// keeps the engine's latest status so that the status bar never waits on the engine.
import type { Worker } from "node:worker_threads";
import type { EmbedResult, IndexProgress, IndexSummary, SearchOptions, SearchResponse } from "../../../shared/src/types";
import type { LoadedModel } from "../embedding/embedding-service";
import { ModelLoadError } from "../embedding/provider";
import { connectToEmbedWorker } from "../embedding/worker-host";
import { SearchCancelled, type EngineStatus, type QueryCounters, type SimilarOptions } from "./engine";
import type { EngineCalls, EngineMethod, FromEngine, ToEngine, WireError } from "./engine-protocol";
import type { EngineOptions } from "./options";
import { startWorker } from "../threads/start-worker";

interface Call {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onProgress?: (p: IndexProgress) => void;
}

export class RemoteEngine {
  private readonly calls = new Map<number, Call>();
  private nextId = 1;
  private latest: EngineStatus | undefined;
  /** The engine's query counters as of its last answer. */
  counters: QueryCounters = { queriesEmbedded: 0, queriesCancelled: 0 };
  private exited: Error | undefined;
  model!: LoadedModel;

  private constructor(
    private readonly thread: Worker,
    private readonly log: (message: string) => void,
    /** Told when the engine's status changes without a call (a background rebuild). */
    private readonly onStatus: () => void,
  ) {
    thread.on("message", (m: FromEngine) => this.onMessage(m));
    thread.on("error", (err) => this.fail(new Error(`The engine thread failed: ${err.message}`)));
    thread.on("exit", (code) => this.fail(new Error(`The engine thread exited (code ${code}).`)));
  }

  /** Starts a thread for the folder and opens its engine there. */
  static async open(options: EngineOptions, onStatus: () => void = () => undefined): Promise<RemoteEngine> {
    const { log, ...args } = options;
    const remote = new RemoteEngine(startWorker(__dirname, "engine-thread"), log ?? (() => undefined), onStatus);
    try {
      remote.model = (await remote.call("open", args)).model;
    } catch (err) {
      await remote.thread.terminate();
      throw err;
    }
    return remote;
  }

  get modelId(): string {
    return this.model.modelId;
  }

  /** The engine's counts as of its last answer. */
  status(): EngineStatus | undefined {
    return this.latest;
  }

  indexFolder(opts: { rebuild?: boolean; signal?: AbortSignal; onProgress?: (p: IndexProgress) => void; openTexts?: Record<string, string> }): Promise<IndexSummary> {
    return this.call("indexFolder", { rebuild: opts.rebuild, openTexts: opts.openTexts ?? {} }, opts.signal, opts.onProgress);
  }

  /** An aborted signal stops the update (a newer change to the file, or its editor was closed): nothing is written. */
  updateFile(path: string, text?: string, signal?: AbortSignal): Promise<{ chunks: number; skipped?: string }> {
    return this.call("updateFile", { path, text }, signal);
  }

  removeFiles(paths: string[]): Promise<number> {
    return this.call("removeFiles", { paths });
  }

  removeUnder(relDir: string): Promise<number> {
    return this.call("removeUnder", { relDir });
  }

  chunkAt(path: string, line: number): Promise<{ startLine: number; endLine: number; text: string } | undefined> {
    return this.call("chunkAt", { path, line });
  }

  flush(): Promise<void> {
    return this.call("flush", {});
  }

  embed(text: string, signal?: AbortSignal): Promise<EmbedResult> {
    return this.call("embed", { text }, signal);
  }

  search(opts: SearchOptions, signal?: AbortSignal): Promise<SearchResponse> {
    return this.call("search", opts, signal);
  }

  similar(opts: SimilarOptions, signal?: AbortSignal): Promise<SearchResponse> {
    return this.call("similar", opts, signal);
  }

  /** Saves and closes the engine; its thread ends. */
  async close(): Promise<void> {
    if (this.exited) return;
    await this.call("close", {}).catch((err: Error) => this.log(`closing the engine: ${err.message}`));
  }

  private call<M extends EngineMethod>(method: M, args: EngineCalls[M]["args"], signal?: AbortSignal, onProgress?: (p: IndexProgress) => void): Promise<EngineCalls[M]["result"]> {
    if (this.exited) return Promise.reject(this.exited);
    if (signal?.aborted) return Promise.reject(method === "indexFolder" ? abortError() : new SearchCancelled());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const abort = () => this.thread.postMessage({ type: "abort", id } satisfies ToEngine);
      signal?.addEventListener("abort", abort, { once: true });
      const done = () => signal?.removeEventListener("abort", abort);
      this.calls.set(id, {
        resolve: (v) => {
          done();
          resolve(v as EngineCalls[M]["result"]);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        onProgress,
      });
      this.thread.postMessage({ type: "call", id, method, args } as ToEngine);
    });
  }

  private onMessage(m: FromEngine): void {
    switch (m.type) {
      case "result":
      case "error": {
        if (m.status) this.latest = m.status;
        if (m.counters) this.counters = m.counters;
        const call = this.calls.get(m.id);
        this.calls.delete(m.id);
        if (m.type === "result") call?.resolve(m.result);
        else call?.reject(fromWire(m.error));
        return;
      }
      case "progress":
        this.calls.get(m.id)?.onProgress?.(m.progress);
        return;
      case "status":
        this.latest = m.status;
        this.onStatus();
        return;
      case "log":
        this.log(m.message);
        return;
      case "need-embed-port": {
        const port = connectToEmbedWorker();
        this.thread.postMessage({ type: "embed-port", port } satisfies ToEngine, [port]);
        return;
      }
    }
  }

  /** The thread is gone: every call still waiting fails with the reason. */
  private fail(err: Error): void {
    this.exited ??= err;
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const c of calls) c.reject(err);
  }
}

function abortError(): Error {
  const err = new Error("aborted");
  err.name = "AbortError";
  return err;
}

function fromWire(e: WireError): Error {
  if (e.name === "ModelLoadError") return new ModelLoadError(e.message, e.modelId ?? "", e.lookedIn ?? [], !!e.missing);
  if (e.name === "SearchCancelled") return new SearchCancelled();
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
