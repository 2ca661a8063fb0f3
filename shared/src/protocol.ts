// The custom LSP requests of the semantic search server, typed once for server and client alike.
import { NotificationType, RequestType, RequestType0, type WorkDoneProgressParams } from "vscode-languageserver-protocol";
import { DEFAULT_BANDS, DEFAULT_SEARCH_MODE, type BandThresholds, type EmbedResult, type MetadataFilter, type SearchHit, type SearchMode, type StoreTextMode, type Truncation } from "./types";
import { DEFAULT_DEMOTE_GLOBS } from "./ranking";

/** A position-free range as LSP has it (0-based lines and characters). */
export interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * One search hit on the wire: a SearchHit whose place is a document URI and an LSP range instead of
 * a path relative to the folder and 1-based lines.
 */
export interface WireHit extends Omit<SearchHit, "path" | "startLine" | "endLine"> {
  uri: string;
  range: WireRange;
}

export interface WireSearchResult {
  model: string;
  candidates: number;
  results: WireHit[];
  /** Set when results by meaning may miss passages, and why (a folder's vector index is being rebuilt). */
  partial?: string;
  /** Set when the query text was cut to what the model reads. */
  truncated?: Truncation;
  /**
   * The thresholds the hits' bands come from: the model's calibrated ones unless the user set others
   * (server/src/search/bands.ts). A client says "below N% hidden" with these, not with its settings.
   */
  bands?: BandThresholds;
}

export interface SearchParams {
  query: string;
  topK?: number;
  filter?: MetadataFilter;
  minScore?: number;
  /** Default: the `semanticSearch.searchMode` setting. */
  mode?: SearchMode;
  /** Give each hit an `explain`: the ranking signals that placed it (describeExplanation in shared/src/ranking.ts words it). */
  explain?: boolean;
}

export interface SimilarParams {
  uri: string;
  range: WireRange;
  topK?: number;
}

export interface EmbedParams {
  text: string;
}

/** "needs-model": the configured model is not on disk and the client asks the user what to do (see MissingModel). */
export type IndexState = "indexing" | "idle" | "error" | "needs-model";

/** The configured model is not on this computer: what a download would fetch, for the first-run choice. */
export interface MissingModel {
  model: string;
  /** Approximate download size, when known without asking the network. */
  approxBytes?: number;
  /** Where a download would come from. */
  source: string;
  /** The folders that were searched. */
  lookedIn: string[];
  /** Whether the id can be downloaded at all (a hub id, not a folder path). */
  downloadable: boolean;
}

export interface StatusResult {
  state: IndexState;
  files: number;
  chunks: number;
  model: string;
  storagePath: string;
  message?: string;
  /** While indexing: how far it has come. */
  progress?: { done: number; total: number; current?: string };
  /** With state "needs-model": the model to download or replace with the bundled one. */
  missingModel?: MissingModel;
  /** Since the server started: query texts embedded in full, and queries given up as cancelled or superseded. */
  queries?: { embedded: number; cancelled: number };
}

export interface DownloadModelParams extends WorkDoneProgressParams {
  model: string;
}

export interface DownloadModelResult {
  model: string;
  /** The folder the model was saved in. */
  path: string;
  bytes: number;
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

/**
 * Downloads the configured model from the hub after the user said so (the first-run choice); reports
 * progress through the params' workDoneToken and stops when the request is cancelled. The folders are
 * then opened with it.
 */
export namespace DownloadModelRequest {
  export const method = "semanticSearch/downloadModel";
  export const type = new RequestType<DownloadModelParams, DownloadModelResult, void>(method);
}

/** Sent by the server whenever its status changes, so the client's status bar needs no polling. */
export namespace StatusNotification {
  export const method = "semanticSearch/statusChanged";
  export const type = new NotificationType<StatusResult>(method);
}

/**
 * Settings under `semanticSearch.*`, as the server reads them through workspace/configuration, once per
 * workspace folder (each folder may have its own).
 */
export interface ServerSettings {
  model: string;
  localModelPath: string;
  /** `semanticSearch.modelKeyFile`: RSA private key of a model folder made by `semsearch model encrypt`. */
  modelKeyFile: string;
  allowModelDownload: boolean;
  fallbackToBundled: boolean;
  include: string[];
  exclude: string[];
  maxFileSize: number;
  thresholds: { strong: number; possible: number };
  hover: { enabled: boolean };
  trace: { server: "off" | "messages" | "verbose" };
  /** `semanticSearch.searchMode`: the mode of a search request that names none. */
  searchMode: SearchMode;
  /** `semanticSearch.hnsw.*`: the HNSW graph (m, efConstruction) and search breadth (efSearch, 0 = grows with the index). */
  hnsw: { m: number; efConstruction: number; efSearch: number };
  /** `semanticSearch.vectorStorage`: how newly embedded vectors are kept in SQLite ("int8": 8-bit, about 4x smaller). */
  vectorStorage: "float32" | "int8";
  /** `semanticSearch.secrets.extraPatterns`: regular expressions of secrets to redact on top of the built-in shapes. */
  secrets: { extraPatterns: string[] };
  /**
   * `semanticSearch.ranking.demote`: globs of files that keyword and hybrid search rank lower;
   * `semanticSearch.ranking.demoteGenerated`: whether files a tool generated do too (shared/src/ranking.ts).
   */
  ranking: { demote: string[]; demoteGenerated: boolean };
  /**
   * `semanticSearch.storeText`: "none" keeps no chunk text in the index (vectors, locations, metadata
   * and keyed hashes only); results read their text from the files. A change re-derives the index.
   * Not given (a client without the setting, `semsearch serve` without --store-text): each store keeps
   * the mode it has, and a new one keeps text. VS Code always sends it (default "full").
   */
  storeText?: StoreTextMode;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  model: "Xenova/all-MiniLM-L6-v2",
  localModelPath: "",
  modelKeyFile: "",
  allowModelDownload: false,
  fallbackToBundled: true,
  include: [],
  exclude: [],
  maxFileSize: 1_000_000,
  thresholds: { ...DEFAULT_BANDS },
  hover: { enabled: true },
  trace: { server: "off" },
  searchMode: DEFAULT_SEARCH_MODE,
  // The same numbers as DEFAULT_HNSW in server/src/index/hnsw-index.ts (a test keeps them equal).
  hnsw: { m: 32, efConstruction: 100, efSearch: 0 },
  vectorStorage: "float32",
  secrets: { extraPatterns: [] },
  ranking: { demote: [...DEFAULT_DEMOTE_GLOBS], demoteGenerated: true },
  storeText: "full",
};

/** initializationOptions the client may send. */
export interface InitOptions {
  /** The default of `semanticSearch.model` (a `model` in `settings` or from the client wins). */
  model?: string;
  /**
   * `semanticSearch.*` settings, shaped as under that section (`{ model, exclude, thresholds: { strong } }`),
   * for a client without workspace/configuration. Settings the client sends or pushes later are laid
   * over these.
   */
  settings?: Record<string, unknown>;
  storagePath?: string;
  offline?: boolean;
  /**
   * The client asks the user what to do when the configured model is not on disk (download it, or use
   * the bundled model): the server then waits in state "needs-model" instead of falling back silently.
   */
  askForMissingModel?: boolean;
  /** Keep each folder's database in <folder>/.semsearch/ (where `semsearch index` puts it), not in the per-user cache. */
  databaseInFolder?: boolean;
  /**
   * Encryption at rest: every folder's store is opened (or created) SQLCipher-encrypted under this key,
   * a passphrase or x'<64 hex digits>', and its HNSW graph is kept in memory only. Never logged.
   * Better given in the server's environment, SEMSEARCH_DB_KEY (server/src/lsp/env-key.ts), which no
   * protocol trace shows; this field wins when both are given. The VS Code extension
   * (semanticSearch.encryptIndex) uses the environment only.
   */
  databaseKey?: string;
}

// ---------------------------------------------------------------- peeping inside the model
// The seed's "Peeping Inside" sections (6, 10, 11): weights, one tensor in full, a text's journey
// through the layers, attention, and comparing sentences. Every request works on the model that
// the server has loaded (the bundled model when it fell back to it).

/** One weight tensor, in the field names of the seed's weights_summary.json. */
export interface WeightTensorSummary {
  layer_name: string;
  shape: number[];
  total_weights: number;
  minimum: number;
  maximum: number;
  mean: number;
  /** Population standard deviation (numpy's default, ddof = 0). */
  std_deviation: number;
  first_10_values: number[];
}

export interface ModelFileInfo {
  /** Relative to the model's folder. */
  path: string;
  bytes: number;
}

export interface WeightsSummaryResult {
  model: string;
  format: "onnx" | "tfjs";
  /** The folder that holds the model's files. */
  directory: string;
  /** The file the weights were read from, relative to `directory` (ONNX: the fp32 file when present). */
  weightsFile: string;
  files: ModelFileInfo[];
  /** Sum of every tensor's size: the model's weight count. */
  total_weights: number;
  /** Every weight tensor in file order; `dtype` as stored ("float32", "int8 (dequantized)", ...). */
  tensors: (WeightTensorSummary & { dtype: string })[];
  notes: string[];
}

export interface TensorValuesParams {
  /** A `layer_name` from the weights summary. */
  name: string;
  offset?: number;
  /** At most 100,000 values per request; default 1,000. */
  limit?: number;
}

export interface TensorValuesResult {
  model: string;
  name: string;
  shape: number[];
  total: number;
  offset: number;
  /** Row-major values from `offset`; `index` of values[i] is offset + i. */
  values: number[];
}

export interface ExportTensorCsvParams {
  name: string;
  /** Absolute path of the CSV file to write (`index,weight_value` rows, as the seed's one_layer_full.csv). */
  path: string;
}

export interface ExportTensorCsvResult {
  path: string;
  rows: number;
  bytes: number;
}

export interface JourneyParams {
  text: string;
  /** How many leading values of each stop to return; default 20. */
  values?: number;
  /** A token index (0 is the first token, e.g. [CLS]) or a token's text; omitted: the mean over tokens. */
  token?: number | string;
}

export interface JourneyStop {
  /** 0 = after the embedding layer, i = after transformer layer i; sentence stops follow. */
  index: number;
  /** "embeddings", "layer 1", ..., then e.g. "mean pooled", "normalised (the embedding)". */
  name: string;
  /** The graph tensor (ONNX) or node (TF.js) read at this stop. */
  tensor: string;
  /** "token": per-token hidden state (focus token or mean); "sentence": one vector for the text. */
  kind: "token" | "sentence";
  width: number;
  values: number[];
  /** Of the whole vector at this stop (not only the values shown); the same fields as VectorStats. */
  stats: { min: number; max: number; mean: number; norm: number };
}

export interface JourneyResult {
  model: string;
  text: string;
  tokens: string[];
  focus: { kind: "token"; index: number; token: string } | { kind: "mean" };
  /** Transformer layers the model has (token stops are layers + 1). */
  layers: number;
  stops: JourneyStop[];
  /** Which file was run and how the intermediate outputs were obtained. */
  source: string;
  notes: string[];
}

export interface AttentionParams {
  text: string;
  /** Transformer layer, 1-based (layer 1 is the first after the embeddings, as in the journey). */
  layer: number;
  /** A token index or a token's text. */
  token: number | string;
}

export interface AttentionResult {
  model: string;
  text: string;
  tokens: string[];
  layer: number;
  layers: number;
  heads: number;
  token: { index: number; token: string };
  /** How much `token` attends to each token, averaged over heads; sums to 1. */
  weights: { index: number; token: string; weight: number }[];
  tensor: string;
  source: string;
}

export interface CompareParams {
  anchor: string;
  texts: string[];
  /** Dimensions in the side-by-side table of anchor and texts[0]; default 20, at most the model's dimensions. */
  values?: number;
}

export interface CompareResult {
  model: string;
  dimensions: number;
  anchor: string;
  /** In the order given; score is the cosine similarity of the embeddings the search uses. */
  results: { text: string; score: number }[];
  /** The seed's Part 3: anchor and texts[0] dimension by dimension; difference is |a - b|. */
  sideBySide: { a: string; b: string; score: number; rows: { index: number; a: number; b: number; difference: number }[] };
}

export namespace InspectWeightsRequest {
  export const method = "semanticSearch/inspect/weights";
  export const type = new RequestType<Record<string, never>, WeightsSummaryResult, void>(method);
}

export namespace InspectTensorRequest {
  export const method = "semanticSearch/inspect/tensor";
  export const type = new RequestType<TensorValuesParams, TensorValuesResult, void>(method);
}

export namespace ExportTensorCsvRequest {
  export const method = "semanticSearch/inspect/exportTensorCsv";
  export const type = new RequestType<ExportTensorCsvParams, ExportTensorCsvResult, void>(method);
}

export namespace InspectJourneyRequest {
  export const method = "semanticSearch/inspect/journey";
  export const type = new RequestType<JourneyParams, JourneyResult, void>(method);
}

export namespace InspectAttentionRequest {
  export const method = "semanticSearch/inspect/attention";
  export const type = new RequestType<AttentionParams, AttentionResult, void>(method);
}

export namespace CompareRequest {
  export const method = "semanticSearch/compare";
  export const type = new RequestType<CompareParams, CompareResult, void>(method);
}
