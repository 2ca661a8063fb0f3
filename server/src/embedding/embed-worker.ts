// The embedding worker: model inference is synchronous native work, so it runs here, off the
// thread that answers searches and editor requests.
import { parentPort } from "node:worker_threads";
import { loadProvider } from "./model-spec";
import { ModelLoadError, type EmbeddingProvider } from "./provider";
import type { FromWorker, ToWorker } from "./worker-protocol";
import { runInspectJob, traceBuffers } from "../inspect/worker-jobs";

const port = parentPort!;
const providers = new Map<string, Promise<EmbeddingProvider>>();

function send(message: FromWorker, transfer: ArrayBuffer[] = []) {
  port.postMessage(message, transfer);
}

function loaded(key: string): Promise<EmbeddingProvider> {
  const loading = providers.get(key);
  if (!loading) throw new Error("the model is not loaded");
  return loading;
}

async function handle(message: ToWorker): Promise<void> {
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
      const specialTokens = p.countTokens ? p.countTokens([""])[0] : null;
      send({ type: "loaded", id: message.id, modelId: p.modelId, dimensions: p.dimensions, maxTokens: p.maxTokens, specialTokens });
      return;
    }
    case "unload": {
      const loading = providers.get(message.key);
      providers.delete(message.key);
      await (await loading?.catch(() => undefined))?.dispose();
      send({ type: "unloaded", id: message.id });
      return;
    }
    case "embed": {
      // Own buffers, so that each can be transferred without copying it again.
      const vectors = (await (await loaded(message.key)).embed(message.texts)).map((v) => v.slice());
      send({ type: "embedded", id: message.id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
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

port.on("message", (message: ToWorker) => {
  handle(message).catch((err: Error) => {
    send({
      type: "failed",
      id: message.id,
      message: err.message,
      modelId: err instanceof ModelLoadError ? err.modelId : undefined,
      lookedIn: err instanceof ModelLoadError ? err.lookedIn : undefined,
      missing: err instanceof ModelLoadError ? err.missing : undefined,
    });
  });
});
