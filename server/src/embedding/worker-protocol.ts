// Messages between the embedding worker and its clients. One worker serves the whole process
// (onnxruntime's native addon cannot be loaded again in a second worker). Each client (the main
// thread, and each folder's engine thread) talks to it over a MessagePort of its own; every message
// carries the client's id so that replies find their request. The worker schedules all clients'
// requests in two lanes, so a query waits behind at most the one indexing batch already running.
import type { MessagePort } from "node:worker_threads";
import type { ModelSpec } from "./model-spec";
import type { ReadExtent } from "./provider";
import type { InspectJob, Trace } from "../inspect/trace";

export type Lane = "query" | "index";

/** A request from a client; `lane` says how urgent it is. */
export type ToWorker = (
  | { type: "load"; id: number; key: string; spec: ModelSpec }
  /** This client no longer uses the model; the worker unloads a model no client holds. */
  | { type: "release"; id: number; key: string }
  /** measure: also say how much of each text the model reads (a query's or a selection's note, Truncation). */
  | { type: "embed"; id: number; key: string; texts: string[]; measure?: boolean }
  /** How much of each text the model reads, without embedding it. */
  | { type: "measure"; id: number; key: string; texts: string[] }
  | { type: "count"; id: number; key: string; texts: string[] }
  // The model inspector's runs with intermediate outputs (server/src/inspect/worker-jobs.ts).
  | { type: "inspect"; id: number; job: InspectJob }
) & { lane: Lane };

/** Drops a request that has not started yet; it is answered "failed" with `cancelled`. */
export interface CancelRequest {
  type: "cancel";
  id: number;
}

/** On the worker's parentPort: a new client's port. */
export interface ConnectMessage {
  type: "connect";
  port: MessagePort;
}

export type FromWorker =
  // specialTokens: what the model adds to every text; null when it does not count tokens (no hard limit).
  | { type: "loaded"; id: number; modelId: string; dimensions: number; maxTokens: number; specialTokens: number | null; runtime?: string }
  | { type: "released"; id: number; unloaded: boolean }
  | { type: "failed"; id: number; message: string; modelId?: string; lookedIn?: string[]; missing?: boolean; cancelled?: boolean }
  // extents: with `measure`, one per text; null when the model cannot say (it has no readExtent).
  | { type: "embedded"; id: number; vectors: Float32Array[]; extents?: (ReadExtent | null)[] }
  | { type: "measured"; id: number; extents: (ReadExtent | null)[] }
  | { type: "counted"; id: number; counts: number[] }
  | { type: "inspected"; id: number; result: Trace };
