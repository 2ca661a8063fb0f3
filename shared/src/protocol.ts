// The custom LSP requests of the semantic search server, typed once for server and client alike.
import { RequestType, RequestType0 } from "vscode-languageserver-protocol";
import type { Band, ChunkMetadata, EmbedResult, MetadataFilter } from "./types";

/** A position-free range as LSP has it (0-based lines and characters). */
export interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface WireHit {
  uri: string;
  range: WireRange;
  /** Cosine similarity in [-1, 1]. */
  score: number;
  band: Band;
  text: string;
  metadata: ChunkMetadata;
}

export interface WireSearchResult {
  model: string;
  candidates: number;
  results: WireHit[];
}

export interface SearchParams {
  query: string;
  topK?: number;
  filter?: MetadataFilter;
  minScore?: number;
}

export interface SimilarParams {
  uri: string;
  range: WireRange;
  topK?: number;
}

export interface EmbedParams {
  text: string;
}

export type IndexState = "indexing" | "idle" | "error";

export interface StatusResult {
  state: IndexState;
  files: number;
  chunks: number;
  model: string;
  storagePath: string;
  message?: string;
  /** While indexing: how far it has come. */
  progress?: { done: number; total: number; current?: string };
}

export namespace SearchRequest {
  export const method = "semanticSearch/search";
  export const type = new RequestType<SearchParams, WireSearchResult, void>(method);
}

export namespace SimilarRequest {
  export const method = "semanticSearch/similar";
  export const type = new RequestType<SimilarParams, WireSearchResult, void>(method);
}

export namespace EmbedRequest {
  export const method = "semanticSearch/embed";
  export const type = new RequestType<EmbedParams, EmbedResult, void>(method);
}

export namespace StatusRequest {
  export const method = "semanticSearch/status";
  export const type = new RequestType0<StatusResult, void>(method);
}

export namespace ReindexRequest {
  export const method = "semanticSearch/reindex";
  export const type = new RequestType<Record<string, never>, StatusResult, void>(method);
}

/** Sent by the server whenever its status changes, so the client's status bar needs no polling. */
export namespace StatusNotification {
  export const method = "semanticSearch/statusChanged";
}

/** Settings under `semanticSearch.*`, as the server reads them through workspace/configuration. */
export interface ServerSettings {
  model: string;
  localModelPath: string;
  allowModelDownload: boolean;
  fallbackToBundled: boolean;
  include: string[];
  exclude: string[];
  maxFileSize: number;
  thresholds: { strong: number; possible: number };
  hover: { enabled: boolean };
  trace: { server: "off" | "messages" | "verbose" };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  model: "Xenova/all-MiniLM-L6-v2",
  localModelPath: "",
  allowModelDownload: false,
  fallbackToBundled: true,
  include: [],
  exclude: [],
  maxFileSize: 1_000_000,
  thresholds: { strong: 0.75, possible: 0.4 },
  hover: { enabled: true },
  trace: { server: "off" },
};

/** initializationOptions the client may send. */
export interface InitOptions {
  model?: string;
  storagePath?: string;
  offline?: boolean;
}
