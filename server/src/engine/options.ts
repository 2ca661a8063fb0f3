import { join } from "node:path";
import type { BandThresholds, SearchMode, StoreTextMode } from "../../../shared/src/types";
import { DEFAULT_BANDS, DEFAULT_SEARCH_MODE } from "../../../shared/src/types";
import type { Fallback } from "../embedding/embedding-service";
import type { ModelSpec } from "../embedding/model-spec";
import { DEFAULT_HNSW, type HnswParams } from "../index/hnsw-index";
import type { VectorStorage } from "../store/vectors";
import { DEFAULT_FUSION, type FusionMethod } from "../search/fusion";
import { compileSecretPatterns } from "../secrets";

export interface EngineOptions {
  /** The folder whose files are indexed; result paths are relative to it. */
  root: string;
  /** The SQLite file; default <root>/.semsearch/index.db. */
  dbPath?: string;
  model: ModelSpec;
  /**
   * Fall back to the bundled model when the configured one cannot load (default true).
   * "unless-missing": only when it is broken; a model that is not on disk throws a ModelLoadError with
   * `missing` set, so that the caller can ask the user whether to download it.
   */
  fallback?: Fallback;
  include?: string[];
  exclude?: string[];
  /** Files larger than this many bytes are skipped (default 1 MB). */
  maxFileSize?: number;
  /** Chunks longer than this many characters are split (default 1000, about 256 MiniLM tokens). */
  maxChunkChars?: number;
  /**
   * Regular expressions of secrets to redact from chunk text on top of the built-in shapes
   * (server/src/secrets/patterns.ts). An invalid one makes open fail with InvalidSecretPattern.
   */
  secretPatterns?: string[];
  bands?: BandThresholds;
  hnsw?: HnswParams;
  /** Candidate sets up to this size are searched exactly instead of through HNSW. */
  exactSearchLimit?: number;
  /** Chunks per embedding call. */
  batchSize?: number;
  /**
   * How new vectors are written to SQLite: "float32" (default, exact) or "int8" (8-bit scalar
   * quantization, about 3.8x smaller rows for a small recall cost; see bench/RESULTS.md).
   */
  vectorStorage?: VectorStorage;
  /** The mode of a search that names none (default hybrid). */
  searchMode?: SearchMode;
  /** How hybrid search fuses the vector and keyword rankings (default: RRF, see search/fusion.ts). */
  fusion?: FusionMethod;
  log?: (message: string) => void;
  /**
   * Open at once and rebuild a missing or stale HNSW index in the background (the language server),
   * instead of before open returns (the CLI). Meanwhile vector results are marked partial.
   */
  rebuildInBackground?: boolean;
  /**
   * Search only: the database is opened read-only (Store.open readOnly) and nothing in .semsearch is
   * ever written; a stale or missing HNSW index is rebuilt in memory and not saved.
   */
  readOnly?: boolean;
  /**
   * About to re-index from scratch (index --rebuild, the Re-index command): a model whose stored
   * vectors have other dimensions than it now gives is emptied and taken, instead of refused.
   */
  rebuild?: boolean;
  /**
   * The key of an encrypted store (store/cipher.ts): a passphrase or x'<64 hex>'. A plaintext store
   * ignores it unless `encrypt`. An encrypted store never writes its HNSW index to disk.
   */
  databaseKey?: string;
  /** Encryption required: a new store is created encrypted, a plaintext one is refused (semsearch db encrypt). */
  encrypt?: boolean;
  /**
   * Whether the store keeps chunk text ("full") or only vectors, locations, metadata and a keyed
   * digest ("none": results read their text from the files; store/stored-text.ts). A store in the
   * other mode is converted on open (a search never converts). Unset: the store keeps its mode (a new one: full).
   */
  storeText?: StoreTextMode;
}

export type ResolvedOptions = Required<Omit<EngineOptions, "include" | "log" | "databaseKey" | "storeText">> & Pick<EngineOptions, "include" | "log" | "databaseKey" | "storeText">;

export function resolveOptions(o: EngineOptions): ResolvedOptions {
  return {
    root: o.root,
    dbPath: o.dbPath ?? defaultDbPath(o.root),
    model: o.model,
    fallback: o.fallback ?? true,
    include: o.include,
    exclude: o.exclude ?? [],
    maxFileSize: o.maxFileSize ?? 1_000_000,
    maxChunkChars: o.maxChunkChars ?? 1000,
    secretPatterns: checkedSecretPatterns(o.secretPatterns ?? []),
    bands: o.bands ?? DEFAULT_BANDS,
    hnsw: o.hnsw ?? DEFAULT_HNSW,
    exactSearchLimit: o.exactSearchLimit ?? 2000,
    batchSize: o.batchSize ?? 32,
    vectorStorage: o.vectorStorage ?? "float32",
    searchMode: o.searchMode ?? DEFAULT_SEARCH_MODE,
    fusion: o.fusion ?? DEFAULT_FUSION,
    log: o.log,
    rebuildInBackground: o.rebuildInBackground ?? false,
    readOnly: o.readOnly ?? false,
    rebuild: o.rebuild ?? false,
    databaseKey: o.databaseKey,
    encrypt: o.encrypt ?? false,
    storeText: o.storeText,
  };
}

/** Refuses a bad pattern before anything is opened or indexed; the indexer compiles its own. */
function checkedSecretPatterns(patterns: string[]): string[] {
  compileSecretPatterns(patterns);
  return patterns;
}

export function defaultDbPath(root: string): string {
  return join(root, ".semsearch", "index.db");
}
