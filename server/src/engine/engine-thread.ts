// A folder's engine in a thread of its own: SQLite reads and writes, the HNSW graph (rebuilds,
// saves, searches) and filtered searches all block, so they run here and never hold the thread that
// answers the editor. The embedding worker is reached through a port the parent hands over.
import { parentPort, type MessagePort } from "node:worker_threads";
import { setEmbedConnector } from "../embedding/worker-host";
import { ModelLoadError } from "../embedding/provider";
import { Engine, type EngineStatus } from "./engine";
import type { EngineCalls, EngineMethod, FromEngine, ToEngine, WireError } from "./engine-protocol";

const parent = parentPort!;
const post = (m: FromEngine) => parent.postMessage(m);

const portWaiters: ((port: MessagePort) => void)[] = [];
setEmbedConnector(
  () =>
    new Promise<MessagePort>((resolve) => {
      portWaiters.push(resolve);
      post({ type: "need-embed-port" });
    }),
);

let engine: Engine | undefined;
const running = new Map<number, AbortController>();
/** Calls whose result changes the counts the status bar shows. */
const CHANGES_STATUS = new Set<EngineMethod>(["open", "indexFolder", "updateFile", "removeFiles", "removeUnder"]);

parent.on("message", (m: ToEngine) => {
  if (m.type === "embed-port") return void portWaiters.shift()?.(m.port);
  if (m.type === "abort") return void running.get(m.id)?.abort();
  const abort = new AbortController();
  running.set(m.id, abort);
  call(m.method, m.args, m.id, abort.signal)
    .then((result) => post({ type: "result", id: m.id, result, status: statusAfter(m.method), counters: engine && { ...engine.counters } }))
    .catch((err: Error) => post({ type: "error", id: m.id, error: toWire(err), status: statusAfter(m.method), counters: engine && { ...engine.counters } }))
    .finally(() => {
      running.delete(m.id);
      if (m.method === "close") parent.close();
    });
});

function statusAfter(method: EngineMethod): EngineStatus | undefined {
  return CHANGES_STATUS.has(method) && engine ? safeStatus(engine) : undefined;
}

function safeStatus(e: Engine): EngineStatus | undefined {
  try {
    return e.status();
  } catch {
    return undefined; // closed meanwhile
  }
}

function need(): Engine {
  if (!engine) throw new Error("the engine is not open");
  return engine;
}

async function call(method: EngineMethod, args: unknown, id: number, signal: AbortSignal): Promise<unknown> {
  switch (method) {
    case "open": {
      const a = args as EngineCalls["open"]["args"];
      engine = await Engine.open({ ...a, rebuildInBackground: true, log: (message) => post({ type: "log", message }) });
      reportRebuild(engine);
      return { model: engine.model } satisfies EngineCalls["open"]["result"];
    }
    case "indexFolder": {
      const a = args as EngineCalls["indexFolder"]["args"];
      const texts = new Map(Object.entries(a.openTexts));
      return need().indexFolder({ rebuild: a.rebuild, signal, openText: (p) => texts.get(p), onProgress: (progress) => post({ type: "progress", id, progress }) });
    }
    case "updateFile": {
      const a = args as EngineCalls["updateFile"]["args"];
      return need().updateFile(a.path, a.text, signal);
    }
    case "removeFiles":
      return need().removeFiles((args as EngineCalls["removeFiles"]["args"]).paths);
    case "removeUnder":
      return need().removeUnder((args as EngineCalls["removeUnder"]["args"]).relDir);
    case "chunkAt": {
      const a = args as EngineCalls["chunkAt"]["args"];
      return need().chunkAt(a.path, a.line);
    }
    case "flush":
      return need().flush();
    case "embed":
      return need().embed((args as EngineCalls["embed"]["args"]).text, signal);
    case "search":
      return need().search(args as EngineCalls["search"]["args"], signal);
    case "similar":
      return need().similar(args as EngineCalls["similar"]["args"], signal);
    case "close": {
      const e = engine;
      engine = undefined;
      await e?.close();
      return undefined;
    }
  }
}

/** While a background rebuild runs, the status bar hears how far it is, twice a second. */
function reportRebuild(e: Engine): void {
  const tick = setInterval(() => {
    const status = engine === e ? safeStatus(e) : undefined;
    if (status) post({ type: "status", status });
    if (!status?.rebuilding) clearInterval(tick);
  }, 500);
}

function toWire(err: Error): WireError {
  const wire: WireError = { name: err.name, message: err.message };
  if (err instanceof ModelLoadError) Object.assign(wire, { modelId: err.modelId, lookedIn: err.lookedIn, missing: err.missing });
  return wire;
}
