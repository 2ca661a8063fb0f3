// The embedding worker: model inference is synchronous native work, so it runs here, off the
// threads that answer searches and editor requests. Clients connect over ports of their own (see
// worker-protocol.ts); one request runs at a time, queries before indexing batches.
import { parentPort, type MessagePort } from "node:worker_threads";
import { loadProvider } from "./model-spec";
import { cutToWindow, ModelLoadError, type EmbeddingProvider, type ReadExtent } from "./provider";
import type { CancelRequest, ConnectMessage, FromWorker, Lane, ToWorker } from "./worker-protocol";
import { runInspectJob, traceBuffers } from "../inspect/worker-jobs";

interface Job {
  port: MessagePort;
  message: ToWorker;
}

const providers = new Map<string, Promise<EmbeddingProvider>>();
/** The clients that hold each loaded model: a model nobody holds is unloaded. */
const holders = new Map<string, Set<MessagePort>>();
const lanes: Record<Lane, Job[]> = { query: [], index: [] };
let running = false;

parentPort!.on("message", (m: ConnectMessage) => {
  if (m.type === "connect") attach(m.port);
});

function attach(port: MessagePort): void {
  port.on("message", (m: ToWorker | CancelRequest) => {
    if (m.type === "cancel") return cancel(port, m.id);
    lanes[m.lane].push({ port, message: m });
    schedule();
  });
  // A client that goes away (its thread ended) lets go of its models.
  port.on("close", () => {
    for (const [key, ports] of holders) if (ports.delete(port)) void unloadIfUnheld(key);
  });
}

function cancel(port: MessagePort, id: number): void {
  for (const lane of Object.values(lanes)) {
    const at = lane.findIndex((j) => j.port === port && j.message.id === id);
    if (at < 0) continue;
    lane.splice(at, 1);
    port.postMessage({ type: "failed", id, message: "cancelled before it started", cancelled: true } satisfies FromWorker);
  }
}

/**
 * The next job is chosen after the messages that arrived meanwhile are read: a model run blocks
 * this thread, and the cancels sent during it must drop their jobs before one of them starts.
 */
let scheduled: NodeJS.Immediate | undefined;
function schedule(afterRun = false): void {
  if (scheduled && !afterRun) return;
  // After a run, a choice scheduled before it (when a message came in meanwhile) would be made in the
  // same pass of the event loop, before the messages that arrived during the run are read: a search
  // sent then would wait behind a queued indexing call. A new one runs after they are read.
  if (scheduled) clearImmediate(scheduled);
  scheduled = setImmediate(() => {
    scheduled = undefined;
    pump();
  });
}

function pump(): void {
  if (running) return;
  const job = lanes.query.shift() ?? lanes.index.shift();
  if (!job) return;
  running = true;
  handle(job)
    .catch((err: Error) => {
      job.port.postMessage({
        type: "failed",
        id: job.message.id,
        message: err.message,
        modelId: err instanceof ModelLoadError ? err.modelId : undefined,
        lookedIn: err instanceof ModelLoadError ? err.lookedIn : undefined,
        missing: err instanceof ModelLoadError ? err.missing : undefined,
      } satisfies FromWorker);
    })
    .finally(() => {
      running = false;
      schedule(true);
    });
}

function loaded(key: string): Promise<EmbeddingProvider> {
  const loading = providers.get(key);
  if (!loading) throw new Error("the model is not loaded");
  return loading;
}

async function unloadIfUnheld(key: string): Promise<boolean> {
  if (holders.get(key)?.size) return false;
  holders.delete(key);
  const loading = providers.get(key);
  providers.delete(key);
  await (await loading?.catch(() => undefined))?.dispose();
  return !!loading;
}

/**
 * How much of each (already cut) text the model reads; null where the provider cannot say. Only a
 * note hangs on it: a failure to measure never fails the embedding it came with.
 */
function measure(provider: EmbeddingProvider, texts: string[]): (ReadExtent | null)[] {
  return texts.map((t) => {
    try {
      return provider.readExtent?.(t) ?? null;
    } catch {
      return null;
    }
  });
}

async function handle({ port, message }: Job): Promise<void> {
  const send = (reply: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
  switch (message.type) {
    case "load": {
      let loading = providers.get(message.key);
      if (!loading) {
        loading = loadProvider(message.spec);
        providers.set(message.key, loading);
        // A failed load is not cached: the user may fix the setting and try again.
        loading.catch(() => providers.delete(message.key));
      }
      const p = await loading;
      holders.set(message.key, (holders.get(message.key) ?? new Set()).add(port));
      const specialTokens = p.countTokens ? p.countTokens([""])[0] : null;
      send({ type: "loaded", id: message.id, modelId: p.modelId, dimensions: p.dimensions, maxTokens: p.maxTokens, specialTokens, ...(p.runtime ? { runtime: p.runtime } : {}) });
      return;
    }
    case "release": {
      holders.get(message.key)?.delete(port);
      send({ type: "released", id: message.id, unloaded: await unloadIfUnheld(message.key) });
      return;
    }
    case "embed": {
      // Own buffers, so that each can be transferred without copying it again.
      // Cut to what the model reads before it tokenizes: whoever sent a huge text, the run stays short.
      const provider = await loaded(message.key);
      const texts = message.texts.map((t) => cutToWindow(t, provider.maxTokens));
      const vectors = (await provider.embed(texts)).map((v) => v.slice());
      // Measured in the same job, so the note costs no second trip that could wait behind an indexing batch.
      const extents = message.measure ? measure(provider, texts) : undefined;
      send({ type: "embedded", id: message.id, vectors, extents }, vectors.map((v) => v.buffer as ArrayBuffer));
      return;
    }
    case "measure": {
      const provider = await loaded(message.key);
      send({ type: "measured", id: message.id, extents: measure(provider, message.texts.map((t) => cutToWindow(t, provider.maxTokens))) });
      return;
    }
    case "count": {
      const provider = await loaded(message.key);
      if (!provider.countTokens) throw new Error(`${provider.modelId} does not count tokens`);
      send({ type: "counted", id: message.id, counts: provider.countTokens(message.texts) });
      return;
    }
    case "inspect": {
      const result = await runInspectJob(message.job);
      send({ type: "inspected", id: message.id, result }, traceBuffers(result));
      return;
    }
  }
}
