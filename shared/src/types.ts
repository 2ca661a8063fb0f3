// Types that cross the wire between the engine, the language server, the CLI and the client.
// Defined once here; every side imports them.
import type { RankExplanation, RankingOptions } from "./ranking";

/** What kind of source a chunk came from. */
export type ChunkKind = "markdown" | "code" | "text";

/** The seed's rule of thumb: trust at 75% and over, consider from 40%, ignore below. */
export type Band = "strong" | "possible" | "weak";

export interface BandThresholds {
  /** Cosine similarity at and above which a result is "strong" (default 0.75). */
  strong: number;
  /** Cosine similarity at and above which a result is "possible" (default 0.40). */
  possible: number;
}

export const DEFAULT_BANDS: BandThresholds = { strong: 0.75, possible: 0.4 };

/** Metadata of a chunk: front matter keys, heading path, language, kind, symbol. */
export type ChunkMetadata = Record<string, unknown>;

/** The seed's "peek" at one vector. */
export interface VectorStats {
  min: number;
  max: number;
  mean: number;
  norm: number;
}

/**
 * Set on a result whose text was longer than the model reads: only its start was embedded. Texts are
 * cut to a character bound that covers the model's token window (see embedding/provider.ts), so a
 * pasted book costs what a page costs and never holds the embedding worker for minutes; within that
 * bound the model reads a number of its tokens (the bundled one 128: ~500 characters of prose).
 */
export interface Truncation {
  /** Characters of the text that were embedded (its start); estimated when the model cannot say where its last token ends. */
  usedChars: number;
  /** Characters the text had. */
  totalChars: number;
  /** Tokens the text has in the model's tokenizer (estimated past the character bound); absent when the model cannot count them. */
  tokens?: number;
  /** Tokens of it that the model read. */
  readTokens?: number;
  /** The same, in words, for people. */
  message: string;
}

export interface EmbedResult {
  model: string;
  dimensions: number;
  vector: number[];
  stats: VectorStats;
  /** Set when the text was cut to what the model reads. */
  truncated?: Truncation;
}

/** Exact-match metadata filters, like the seed's WHERE clause; `path` is a glob. */
export type MetadataFilter = Record<string, string>;

/**
 * How a search finds its candidates: `semantic` by vector similarity, `lexical` by keywords (BM25 over
 * chunk text, symbol names, headings and paths), `hybrid` both, fused by rank.
 */
export type SearchMode = "semantic" | "lexical" | "hybrid";

export const SEARCH_MODES: readonly SearchMode[] = ["semantic", "lexical", "hybrid"];

export const DEFAULT_SEARCH_MODE: SearchMode = "hybrid";

/** Which retriever found a hit: a hit found only lexically still carries its cosine score. */
export type MatchedBy = "semantic" | "lexical" | "both";

/** One search hit as the engine and the CLI give it: the path is relative to the indexed folder. */
export interface SearchHit {
  path: string;
  startLine: number;
  endLine: number;
  /** Cosine similarity in [-1, 1]; shown as a percentage. */
  score: number;
  band: Band;
  text: string;
  metadata: ChunkMetadata;
  /** Which retriever found it (absent from the CLI's --json, whose shape is fixed). */
  matchedBy?: MatchedBy;
  /** Why it ranked where it did: set when the search asked for it (SearchOptions.explain). */
  explain?: RankExplanation;
  /**
   * Set when `text` is empty because it could not be shown: the index keeps no text
   * (`--store-text none`, semanticSearch.storeText) and the file it was read back from is gone, or no
   * longer holds what was indexed. Never set for a store that keeps text.
   */
  textUnavailable?: TextUnavailable;
}

/** Why a hit of an index that keeps no text shows none (SearchHit.textUnavailable). */
export type TextUnavailable = "file deleted" | "file changed since indexing" | "file unreadable";

/** Whether an index keeps each chunk's text ("full", the default) or only vectors, locations and metadata ("none"). */
export type StoreTextMode = "full" | "none";
export const STORE_TEXT_MODES: readonly StoreTextMode[] = ["full", "none"];

/** A hit as `semsearch search --json` documents it: no matchedBy or explain (scripts compare keys). */
export type DocumentedHit = Pick<SearchHit, "path" | "startLine" | "endLine" | "score" | "band" | "text" | "metadata" | "textUnavailable">;

/** textUnavailable only when set: an index that keeps text gives exactly the documented keys. */
export function documentedHit(h: SearchHit): DocumentedHit {
  const hit: DocumentedHit = { path: h.path, startLine: h.startLine, endLine: h.endLine, score: h.score, band: h.band, text: h.text, metadata: h.metadata };
  if (h.textUnavailable) hit.textUnavailable = h.textUnavailable;
  return hit;
}

/** A hit of a search over several folders (`semsearch serve`, `semsearch mcp`): the folder it is from, by name. */
export interface FolderHit extends DocumentedHit {
  folder: string;
}

/** The merged answer of a search over several folders, in the shape of `search --json` plus each hit's folder. */
export interface FolderAnswer {
  query: string;
  model: string;
  candidates: number;
  partial?: string;
  results: FolderHit[];
}

export interface SearchResponse {
  query: string;
  model: string;
  /** How many chunks passed the metadata filter (all chunks when there is none). */
  candidates: number;
  results: SearchHit[];
  /** Set when the vector results may miss chunks, and why (the HNSW index is being rebuilt). */
  partial?: string;
  /** Set when the query text was cut to what the model reads. */
  truncated?: Truncation;
}

export interface SearchOptions {
  query: string;
  topK?: number;
  filter?: MetadataFilter;
  /** Cosine similarity below which hits are dropped, in every mode. */
  minScore?: number;
  /** Default: the engine's `searchMode` option (hybrid unless set). */
  mode?: SearchMode;
  /** Band thresholds for this query (default: the engine's); query-time settings need no reopen. */
  bands?: BandThresholds;
  /** HNSW search breadth for this query (0 = grow with the index; default: the engine's). */
  efSearch?: number;
  /** Lexical and hybrid modes: which ranking signals apply (default: all, see shared/src/ranking.ts). */
  ranking?: RankingOptions;
  /** Lexical and hybrid modes: give each hit an `explain` of the signals that placed it. */
  explain?: boolean;
}

export interface IndexProgress {
  done: number;
  total: number;
  current?: string;
}

export interface SkippedNote {
  path: string;
  reason: string;
}

export interface IndexSummary {
  files: number;
  chunks: number;
  /** Files whose content changed and were embedded again. */
  embedded: number;
  removed: number;
  skipped: SkippedNote[];
  seconds: number;
}
