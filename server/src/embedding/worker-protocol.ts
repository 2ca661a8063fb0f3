// Messages between the engine and its embedding worker thread. One worker serves the whole process
// (onnxruntime's native addon cannot be loaded again in a second worker), holding one provider per
// model spec; every message carries an id so that replies find their request.
import type { ModelSpec } from "./model-spec";
import type { InspectJob, Trace } from "../inspect/trace";

export type ToWorker =
  | { type: "load"; id: number; key: string; spec: ModelSpec }
  | { type: "unload"; id: number; key: string }
  | { type: "embed"; id: number; key: string; texts: string[] }
  | { type: "count"; id: number; key: string; texts: string[] }
  // The model inspector's runs with intermediate outputs (server/src/inspect/worker-jobs.ts).
  | { type: "inspect"; id: number; job: InspectJob };

export type FromWorker =
  // specialTokens: what the model adds to every text; null when it does not count tokens (no hard limit).
  | { type: "loaded"; id: number; modelId: string; dimensions: number; maxTokens: number; specialTokens: number | null }
  | { type: "unloaded"; id: number }
  | { type: "failed"; id: number; message: string; modelId?: string; lookedIn?: string[]; missing?: boolean }
  | { type: "embedded"; id: number; vectors: Float32Array[] }
  | { type: "counted"; id: number; counts: number[] }
  | { type: "inspected"; id: number; result: Trace };
