// Messages between a folder's engine thread (engine-thread.ts) and its proxy on the language
// server's protocol thread (remote-engine.ts). The protocol thread keeps only the protocol, file sync
// and status; SQLite, the HNSW index and the indexer live in the engine thread.
import type { MessagePort } from "node:worker_threads";
import type { EmbedResult, IndexProgress, IndexSummary, SearchOptions, SearchResponse } from "../../../shared/src/types";
import type { LoadedModel } from "../embedding/embedding-service";
import type { EngineStatus, QueryCounters, SimilarOptions } from "./engine";
import type { EngineOptions } from "./options";

/** The engine calls the protocol thread makes, with their arguments and results. */
export interface EngineCalls {
  open: { args: Omit<EngineOptions, "log">; result: { model: LoadedModel } };
  indexFolder: { args: { rebuild?: boolean; openTexts: Record<string, string> }; result: IndexSummary };
  updateFile: { args: { path: string; text?: string }; result: { chunks: number; skipped?: string } };
  removeFiles: { args: { paths: string[] }; result: number };
  removeUnder: { args: { relDir: string }; result: number };
  chunkAt: { args: { path: string; line: number }; result: { startLine: number; endLine: number; text: string } | undefined };
  flush: { args: Record<string, never>; result: void };
  embed: { args: { text: string }; result: EmbedResult };
  search: { args: SearchOptions; result: SearchResponse };
  similar: { args: SimilarOptions; result: SearchResponse };
  close: { args: Record<string, never>; result: void };
}

export type EngineMethod = keyof EngineCalls;

export type ToEngine =
  | { [M in EngineMethod]: { type: "call"; id: number; method: M; args: EngineCalls[M]["args"] } }[EngineMethod]
  /** Aborts a call still running (an indexing pass, a search waiting for its embedding). */
  | { type: "abort"; id: number }
  /** A port to the embedding worker, asked for with "need-embed-port". */
  | { type: "embed-port"; port: MessagePort };

/** An error as it crosses the thread boundary; ModelLoadError's fields ride along. */
export interface WireError {
  name: string;
  message: string;
  modelId?: string;
  lookedIn?: string[];
  missing?: boolean;
}

export type FromEngine =
  | { type: "result"; id: number; result: unknown; status?: EngineStatus; counters?: QueryCounters }
  | { type: "error"; id: number; error: WireError; status?: EngineStatus; counters?: QueryCounters }
  | { type: "progress"; id: number; progress: IndexProgress }
  /** The engine's own state changed (counts, a background rebuild's progress). */
  | { type: "status"; status: EngineStatus }
  | { type: "log"; message: string }
  | { type: "need-embed-port" };
