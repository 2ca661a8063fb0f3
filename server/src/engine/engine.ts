// The editor-agnostic engine: a vector database over one folder. The CLI and the language server
// are thin front ends over this class.
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import { DEFAULT_RANKING, resolveRanking, type RankExplanation, type ResolvedRanking } from "../../../shared/src/ranking";
import type { EmbedResult, Truncation, IndexSummary, MatchedBy, SearchHit, SearchMode, SearchOptions, SearchResponse } from "../../../shared/src/types";
import { BUNDLED_MODEL_ID, bundledQueryText, bundledVectorRecipe } from "../embedding/bundled";
import { EmbeddingService, type LoadedModel } from "../embedding/embedding-service";
import { isBundled } from "../embedding/model-spec";
import type { HnswIndex } from "../index/hnsw-index";
import { bandOf, bandsFor } from "../search/bands";
import { compileFilter } from "../search/filter";
import type { Scored } from "../search/fusion";
import { firstPieceAbove, laterPiecesNearTop } from "../search/first-pieces";
import { FUSION_DEPTH, NAMED_DEPTH, namesToLookUp, rankWithSignals, type Ranked } from "../search/hybrid";
import { classifyQuery, isQuestionKind } from "../search/query-kind";
import { matchTerms } from "../search/lexical";
import { cosine, describeVector, topK } from "../search/vector-math";
import { Store, type ModelRow, type StoredChunk } from "../store/store";
import { CODE_LENGTH_B, FTS5_B } from "../store/bm25-length";
import { compileSecretPatterns } from "../secrets";
import { secretRules } from "../secrets/remembered";
import { ChunkTextReader } from "./chunk-text";
import type { Indexer, IndexRunOptions } from "./indexer";
import { resolveOptions, type EngineOptions, type ResolvedOptions } from "./options";
import { byScoreThenPlace } from "./tie-order";

export interface EngineStatus {
  model: string;
  dimensions: number;
  files: number;
  chunks: number;
  dbPath: string;
  fallbackReason?: string;
  /** While the HNSW index is rebuilt in the background: vectors added so far, of how many. */
  rebuilding?: { done: number; total: number };
}

export interface SimilarOptions {
  path: string;
  startLine: number;
  endLine: number;
  /** The text of the range as the editor has it; without it the stored chunks of the range are used. */
  text?: string;
  topK?: number;
  filter?: SearchOptions["filter"];
  minScore?: number;
  bands?: SearchOptions["bands"];
  efSearch?: number;
}

/**
 * Milliseconds each stage of one search took, filled only when a caller passes one (bench/query-latency.ts):
 * off by default, so a normal search pays nothing for it.
 */
export interface SearchTimings {
  /** Waiting for the query's vector; in lexical and hybrid search only after the keyword half, which runs meanwhile. */
  embed?: number;
  vector?: number;
  keyword?: number;
  /** Fusion of the two rankings and the cosine of every ranked chunk. */
  fusion?: number;
  /** Reading the kept chunks' rows from SQLite into hits. */
  hits?: number;
}

// The indexer (discovery, chunking, secret rules) and hnswlib (a native addon) load on first use:
// a keyword search from the CLI, a process per query, needs neither.
const hnswModule = () => require("../index/hnsw-index") as typeof import("../index/hnsw-index");
const indexerModule = () => require("./indexer") as typeof import("./indexer");

// A function's pieces are a few chunks: the chunks above a later piece are read this many at a time.
const ROWS_AT_A_TIME = 4;

/** A search as the engine takes it: the shared options, and how a keyword-only search may score. */
export interface EngineSearchOptions extends SearchOptions {
  /**
   * Mode "lexical" without minScore only: score each hit by its keyword relevance, BM25 relative to
   * the best hit's (the first hit 1.0), instead of its cosine to the query. Nothing is embedded, so
   * an engine opened with openLazy loads no model (the CLI's lexical search, local or over the socket).
   */
  keywordScores?: boolean;
}

/** Thrown when a search's signal was aborted before it finished: the caller asked for another. */
export class SearchCancelled extends Error {
  constructor() {
    super("search cancelled");
    this.name = "SearchCancelled";
  }
}

/** What the engine's queries cost since it opened: shown in the status, counted by the cancellation test. */
export interface QueryCounters {
  /** Query texts embedded in full (searches, similar-to-text, embed). */
  queriesEmbedded: number;
  /** Queries given up because the caller no longer wanted them. */
  queriesCancelled: number;
}

export class Engine {
  private closed = false;
  readonly counters: QueryCounters = { queriesEmbedded: 0, queriesCancelled: 0 };
  /** The background rebuild of the HNSW index, while it runs. */
  private rebuild: Promise<void> | undefined;

  /** The model and its HNSW index; undefined until first needed in an engine opened with openLazy. */
  private loaded: { model: LoadedModel; index: HnswIndex } | undefined;
  private loading: Promise<void> | undefined;
  /** Vector search scans the stored vectors, with no HNSW graph (see useModel). */
  private exactOnly = false;

  /** A store that keeps no text: the texts editors gave the indexer, by path, which results read back first. */
  private readonly editorTexts = new Map<string, string>();
  /** A store that keeps no text: reads hits' text back from the files (chunk-text.ts). */
  private readonly textReader: ChunkTextReader;

  private constructor(
    readonly options: ResolvedOptions,
    readonly store: Store,
    private readonly embedder: EmbeddingService,
    private modelRow: ModelRow,
  ) {
    this.textReader = textReaderFor(options, store, (p) => this.editorTexts.get(p));
  }

  /** Opens the database, loads the model (in a worker) and the model's HNSW index. */
  static async open(options: EngineOptions): Promise<Engine> {
    const o = resolveOptions(options);
    if (!statSync(o.root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`folder not found: ${o.root}`);
    const store = Store.open(o.dbPath, { readOnly: o.readOnly, log: o.log, key: o.databaseKey, encrypt: o.encrypt });
    useTextMode(store, o);
    const embedder = new EmbeddingService();
    try {
      const model = await embedder.load(o.model, o.fallback);
      const engine = new Engine(o, store, embedder, store.model(model.modelId, model.dimensions, o.rebuild));
      await engine.useModel(model);
      return engine;
    } catch (err) {
      await embedder.dispose();
      store.close();
      throw err;
    }
  }

  /**
   * Opens the database only: the model (its embedding worker) and the HNSW index load on the first
   * call that needs a vector, so a keyword search (search with mode "lexical" and keywordScores)
   * never loads them (the CLI, which starts a process per query). The index searched is the one
   * stored for the configured model's id, or, when that has none and fallback is allowed, the
   * bundled model's (where `semsearch index` put it when the configured model was missing). With no
   * index for either, this is Engine.open.
   */
  static async openLazy(options: EngineOptions): Promise<Engine> {
    const o = resolveOptions(options);
    if (!statSync(o.root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`folder not found: ${o.root}`);
    const store = Store.open(o.dbPath, { readOnly: o.readOnly, log: o.log, key: o.databaseKey, encrypt: o.encrypt });
    useTextMode(store, o);
    const configured = isBundled(o.model.model) ? BUNDLED_MODEL_ID : o.model.model;
    const own = store.findModel(configured);
    const row = own ?? (o.fallback && configured !== BUNDLED_MODEL_ID ? store.findModel(BUNDLED_MODEL_ID) : undefined);
    if (!row) {
      store.close();
      return Engine.open(options);
    }
    // The folder was indexed with the bundled model because the configured one was missing: its
    // vectors are searched with the model that made them, without trying (and warning about, on
    // every search) the configured one again. `semsearch index` is where the configured model returns.
    if (!own) o.model = { model: BUNDLED_MODEL_ID };
    return new Engine(o, store, new EmbeddingService(), row);
  }

  /** Takes a loaded model: its row (the one it was opened with, unless a fallback changed the model) and its HNSW index. */
  private async useModel(model: LoadedModel): Promise<void> {
    const o = this.options;
    if (model.fallbackReason) o.log?.(model.fallbackReason);
    if (model.runtime) o.log?.(model.runtime);
    if (model.modelId !== this.modelRow.modelId || model.dimensions !== this.modelRow.dimensions) this.modelRow = this.store.model(model.modelId, model.dimensions, o.rebuild);
    const row = this.modelRow;
    const file = indexFileFor(o.dbPath, model.modelId);
    // An encrypted store's vectors never reach the disk in plaintext: its graph lives in memory only.
    const persist = !this.store.encrypted;
    const { index, outcome } = hnswModule().HnswIndex.open(file, model.modelId, model.dimensions, this.store.generation(row.id), () => this.store.ids(row.id), o.hnsw, persist);
    this.loaded = { model, index };
    // A search of an encrypted store (read-only, the graph never saved): building the graph costs
    // far more than the exact scans it would save (3 s against a few ms at 10k chunks), so none is built.
    this.exactOnly = !persist && this.store.readOnly;
    if (outcome !== "loaded" && !this.exactOnly) {
      const { chunks } = this.store.counts(row.id);
      // Not persisted (an encrypted store): built on every open by design, which is not news.
      if (chunks > 0 && persist) o.log?.(`HNSW index ${outcome}; rebuilding it from ${chunks} stored vectors${o.rebuildInBackground ? " in the background" : ""}.`);
      this.rebuild = this.rebuildIndex();
      if (!o.rebuildInBackground) await this.rebuild;
    }
  }

  /** Loads the model and the HNSW index if this engine was opened lazily and has not loaded them yet. */
  private ensureLoaded(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.loading ??= this.embedder.load(this.options.model, this.options.fallback).then((model) => this.useModel(model));
    return this.loading;
  }

  /** The loaded model (an engine opened lazily loads it on first need; see openLazy). */
  get model(): LoadedModel {
    return this.need().model;
  }

  get index(): HnswIndex {
    return this.need().index;
  }

  private need(): { model: LoadedModel; index: HnswIndex } {
    if (!this.loaded) throw new Error("the embedding model is not loaded yet (the engine was opened lazily)");
    return this.loaded;
  }

  /** The model's id: known without loading it (the id the index is stored under). */
  get modelId(): string {
    return this.loaded?.model.modelId ?? this.modelRow.modelId;
  }

  /** Brings the index up to date with the folder: only files whose content changed are embedded. */
  async indexFolder(opts: IndexRunOptions & { rebuild?: boolean } = {}): Promise<IndexSummary> {
    await this.ensureLoaded();
    // A rebuild from scratch waits for a background rebuild of the graph; the indexer clears the model under its lock.
    if (opts.rebuild) await this.rebuild;
    const openText = opts.openText;
    if (!openText || this.store.textMode === "full") return this.indexer().run(opts);
    // What an editor gave is what was indexed: results read it back from there, not from the disk.
    return this.indexer().run({
      ...opts,
      openText: (p) => {
        const text = openText(p);
        if (text !== undefined) this.editorTexts.set(p, text);
        return text;
      },
    });
  }

  /** Re-indexes one file, from the given text (an open editor buffer) or from disk; an aborted signal stops its embedding. */
  async updateFile(path: string, text?: string, signal?: AbortSignal): Promise<{ chunks: number; skipped?: string }> {
    await this.ensureLoaded();
    const result = await this.indexer(signal).updateFile(path, text);
    if (this.store.textMode === "none") {
      if (text !== undefined && !result.skipped) this.editorTexts.set(path, text);
      else this.editorTexts.delete(path);
    }
    return result;
  }

  removeFiles(paths: string[]): number {
    for (const p of paths) this.editorTexts.delete(p);
    return this.indexer().removeFiles(paths);
  }

  removeUnder(relDir: string): number {
    return this.indexer().removeUnder(relDir);
  }

  /** The stored chunk that holds a line of a file (1-based), if that file is indexed. */
  chunkAt(path: string, line: number): { startLine: number; endLine: number; text: string } | undefined {
    const [id] = this.store.chunksInRange(this.modelRow.id, path, line, line);
    return id === undefined ? undefined : this.rows([id]).get(id);
  }

  /** Saves the HNSW index if it changed since it was last saved, without holding the thread. */
  async flush(): Promise<void> {
    const index = this.loaded?.index;
    if (index?.dirty && this.store.db.open && !this.store.readOnly) await indexerModule().saveInStep(this.store, this.modelRow.id, index);
  }

  async embed(text: string, signal?: AbortSignal): Promise<EmbedResult> {
    const vector = await this.embedQuery(text, signal);
    return { ...describeVector(this.modelId, vector), ...(await this.truncatedNote(text)) };
  }

  /**
   * A query's vector; a signal aborted before the embedding starts, or while it runs, cancels it.
   * With the model loaded, the request is on its way to the embedding worker when this returns (no
   * await before it): search() runs the keyword half meanwhile.
   */
  private embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    const cancelled = () => {
      this.counters.queriesCancelled++;
      return new SearchCancelled();
    };
    if (signal?.aborted) return Promise.reject(cancelled());
    const embedded = () =>
      this.embedder.embed([this.queryText(text)], "query", signal).then(
        ([vector]) => {
          this.counters.queriesEmbedded++;
          if (signal?.aborted) throw cancelled();
          return vector;
        },
        (err) => {
          throw signal?.aborted ? cancelled() : err;
        },
      );
    return this.loaded ? embedded() : this.ensureLoaded().then(embedded);
  }

  /**
   * Semantic, lexical or hybrid search (opts.mode, else the engine's searchMode). Every hit's score is
   * its cosine similarity to the query, whichever retriever found it; the order is the mode's.
   */
  async search(opts: EngineSearchOptions, signal?: AbortSignal, timings?: SearchTimings): Promise<SearchResponse> {
    const mode = opts.mode ?? this.options.searchMode;
    const k = opts.topK ?? 10;
    if (mode === "lexical" && opts.keywordScores && opts.minScore === undefined) return this.keywordOnly(opts, k);
    let started = timings && performance.now();
    const embedding = this.embedQuery(opts.query, signal);
    const ef = opts.efSearch;
    const partial = this.partialNote(mode !== "lexical");
    if (mode === "semantic") {
      const query = await embedding;
      if (timings) timings.embed = performance.now() - started!;
      const { candidates, hits } = this.nearest(query, k, opts.filter, new Set(), opts.minScore, opts.bands, ef, timings);
      return { query: opts.query, model: this.modelId, candidates, results: hits.map((h) => ({ ...h, matchedBy: "semantic" as const })), ...partial, ...(await this.truncatedNote(opts.query)) };
    }
    // The keyword half needs no vector: it runs on this thread while the embedding worker embeds the
    // query (the two are the largest stages of a hybrid search). embedQuery has already posted the
    // request (a model not loaded yet: the keyword half runs while it loads); a failure of the
    // embedding is thrown by the await below, not lost.
    embedding.catch(() => undefined);
    // Deeper lists than k: fusion needs the runners-up, and minScore may drop some of the best.
    const depth = Math.max(k, FUSION_DEPTH);
    const { allowed, candidates } = this.candidates(opts.filter, new Set());
    // Resolved once: the keyword half reads its BM25 switch, the ranking all of it.
    const ranking = resolveRanking(opts.ranking);
    const { lexical, named } = timed(timings, "keyword", () => ({ lexical: this.keywordSearch(opts.query, depth, allowed, ranking.bm25CodeLength), named: this.namedSearch(opts.query, allowed) }));
    started = timings && performance.now();
    const query = await embedding;
    if (timings) timings.embed = performance.now() - started!;
    const semantic = mode === "hybrid" ? timed(timings, "vector", () => this.vectorSearch(query, depth, allowed, new Set(), ef)) : [];
    const { ranked, rows, scores } = timed(timings, "fusion", () => {
      const { ranked, rows } = this.rankCandidates(mode, opts.query, ranking, semantic, lexical, named);
      // Without minScore only the first k are kept: the cosines of the other candidates are not read.
      return { ranked, rows, scores: this.cosines(query, opts.minScore === undefined ? ranked.slice(0, k) : ranked) };
    });
    const kept = ranked.filter((r) => opts.minScore === undefined || scores.get(r.id)! >= opts.minScore).slice(0, k);
    const results = timed(timings, "hits", () => this.toHits(kept.map((r) => ({ ...r, score: scores.get(r.id)! })), opts.bands, opts.explain, rows));
    return { query: opts.query, model: this.modelId, candidates, results, ...partial, ...(await this.truncatedNote(opts.query)) };
  }

  /** A lexical search scored by keyword relevance: no query vector, so no model (see EngineSearchOptions.keywordScores). */
  private keywordOnly(opts: SearchOptions, k: number): SearchResponse {
    const { allowed, candidates } = this.candidates(opts.filter, new Set());
    const ranking = resolveRanking(opts.ranking);
    const lexical = this.keywordSearch(opts.query, Math.max(k, FUSION_DEPTH), allowed, ranking.bm25CodeLength);
    const bm25 = new Map(lexical.map((s) => [s.id, s.score]));
    const best = lexical[0]?.score ?? 0;
    const { ranked, rows } = this.rankCandidates("lexical", opts.query, ranking, [], lexical, this.namedSearch(opts.query, allowed));
    // A declaration found by its name alone leads the list: it scores as the list's best does.
    const scored = ranked.slice(0, k).map((r) => ({ ...r, score: best > 0 ? (bm25.get(r.id) ?? best) / best : 0 }));
    return { query: opts.query, model: this.modelId, candidates, results: this.toHits(scored, opts.bands, opts.explain, rows) };
  }

  /**
   * The order of a lexical or hybrid search: the two rankings fused, then the ranking signals
   * (search/hybrid.ts), as `ranking` switches them; with every signal off, the plain fusion.
   * Also the candidates' rows, which the hits are made from: in a store without text each row's
   * text is read back from its file, once per search.
   */
  private rankCandidates(
    mode: Exclude<SearchMode, "semantic">,
    query: string,
    ranking: ResolvedRanking,
    semantic: Scored[],
    lexical: Scored[],
    named: Scored[],
  ): { ranked: (Ranked & { explain?: RankExplanation })[]; rows: Map<number, StoredChunk> } {
    const rows = this.rows([...new Set([...semantic, ...lexical, ...named].map((s) => s.id))]);
    const place = () => rows;
    const firstPieces = ranking.firstPieceStandsIn && isQuestionKind(classifyQuery(query).kind) ? this.firstPieces(rows, [semantic, lexical]) : undefined;
    const ranked = rankWithSignals({
      mode,
      query,
      semantic: byScoreThenPlace(semantic, place),
      lexical: byScoreThenPlace(lexical, place),
      named,
      firstPieces,
      rows,
      ranking,
      fusion: this.options.fusion,
    });
    return { ranked, rows };
  }

  /**
   * For later pieces of a function near the top of the lists, that first piece, read from the chunks
   * above it in its file (search/first-pieces.ts); their rows join `rows`.
   */
  private firstPieces(rows: Map<number, StoredChunk>, lists: Scored[][]): Map<number, number> {
    const found = new Map<number, number>();
    // Several later pieces of one long function walk up through the same windows: each is read once.
    const read = new Map<number, StoredChunk>();
    for (const id of laterPiecesNearTop(rows, lists)) {
      const later = rows.get(id)!;
      const above = this.store.chunksInRange(this.modelRow.id, later.path, 1, later.startLine - 1).reverse();
      const first = firstPieceAbove(later, this.rowsInTurn(above, rows, read));
      if (!first) continue;
      rows.set(first.id, first);
      found.set(id, first.id);
    }
    return found;
  }

  /**
   * The rows of `ids` in their order, read a few at a time as they are asked for; those `known` or
   * `read` already are not read again, and those read join `read`.
   */
  private *rowsInTurn(ids: number[], known: ReadonlyMap<number, StoredChunk>, read: Map<number, StoredChunk>): Generator<StoredChunk> {
    for (let at = 0; at < ids.length; at += ROWS_AT_A_TIME) {
      const batch = ids.slice(at, at + ROWS_AT_A_TIME);
      for (const [id, row] of this.rows(batch.filter((id) => !known.has(id) && !read.has(id)))) read.set(id, row);
      for (const id of batch) {
        const row = known.get(id) ?? read.get(id);
        if (row) yield row;
      }
    }
  }

  /** Vectors of this model: the graph's count, or SQLite's while the graph is being rebuilt. */
  private indexedCount(): number {
    // Opened lazily and no vector needed yet: the stored count is the graph's, without loading it.
    if (!this.loaded || this.exactOnly) return this.store.counts(this.modelRow.id).chunks;
    return this.index.rebuilding?.total ?? this.index.size;
  }

  /** While the HNSW index is rebuilt, vector results cover only the vectors added so far: say so. */
  private partialNote(usesVectors: boolean): { partial?: string } {
    const r = this.loaded?.index.rebuilding;
    if (!r || !usesVectors) return {};
    return { partial: `The vector index is being rebuilt (${r.done} of ${r.total} vectors so far): results by meaning may be missing some passages.` };
  }

  /**
   * A query longer than the model reads is embedded from its start only (embedding/provider.ts): say
   * so. Asked after the text's embedding, whose reply carries what the model read of it.
   */
  private async truncatedNote(text: string): Promise<{ truncated?: Truncation }> {
    const truncated = await this.embedder.truncation(text);
    return truncated ? { truncated } : {};
  }

  /** Rebuilds the HNSW index from SQLite a slice at a time, then saves it. */
  private async rebuildIndex(): Promise<void> {
    const model = this.modelRow.id;
    const done = await this.index.rebuildGradually([...this.store.ids(model)], (ids) => this.store.vectors(model, ids), () => this.closed || !this.store.db.open);
    // A read-only engine (a search) keeps the rebuilt index in memory: searching never writes.
    if (done && !this.closed && !this.store.readOnly) {
      await indexerModule().saveInStep(this.store, model, this.index);
      // A new index has nothing to rebuild: only a graph remade from stored vectors is news.
      if (this.index.persisted && this.index.size > 0) this.options.log?.(`HNSW index rebuilt: ${this.index.size} vectors.`);
    }
  }

  /**
   * The two rankings a hybrid search fuses, each up to `depth` long, with their own scores (cosine;
   * minus BM25) and every entry's cosine. For the evaluation harness, which compares fusion methods
   * on the same lists.
   */
  async rankedLists(queryText: string, depth: number, filter?: SearchOptions["filter"]) {
    await this.ensureLoaded();
    const [query] = await this.embedder.embed([this.queryText(queryText)], "query");
    const { allowed, candidates } = this.candidates(filter, new Set());
    const semantic = this.vectorSearch(query, depth, allowed, new Set());
    const lexical = this.keywordSearch(queryText, depth, allowed, DEFAULT_RANKING.bm25CodeLength);
    const named = this.namedSearch(queryText, allowed);
    const cosines = this.cosines(query, [...semantic, ...lexical, ...named]);
    const rows = this.store.chunks([...cosines.keys()]);
    const place = (list: Scored[]) =>
      list.flatMap((s) => {
        const row = rows.get(s.id);
        return row ? [{ id: s.id, score: s.score, cosine: cosines.get(s.id)!, path: row.path, startLine: row.startLine, endLine: row.endLine }] : [];
      });
    return { candidates, semantic: place(semantic), lexical: place(lexical), named: place(named) };
  }

  /** What else means the same as a range of a file; the range's own chunks are left out. */
  async similar(opts: SimilarOptions, signal?: AbortSignal): Promise<SearchResponse> {
    await this.ensureLoaded();
    const own = new Set(this.store.chunksInRange(this.modelRow.id, opts.path, opts.startLine, opts.endLine));
    let query: Float32Array | undefined;
    if (opts.text?.trim()) query = await this.embedQuery(opts.text, signal);
    else query = mean([...this.store.vectors(this.modelRow.id, [...own])].map((v) => v.vector));
    const label = opts.text ?? `${opts.path}:${opts.startLine}-${opts.endLine}`;
    if (!query) return { query: label, model: this.modelId, candidates: 0, results: [] };
    const { candidates, hits } = this.nearest(query, opts.topK ?? 10, opts.filter, own, opts.minScore, opts.bands, opts.efSearch);
    return { query: label, model: this.modelId, candidates, results: hits, ...this.partialNote(true), ...(opts.text?.trim() ? await this.truncatedNote(opts.text) : {}) };
  }

  status(): EngineStatus {
    const { files, chunks } = this.store.counts(this.modelRow.id);
    return {
      model: this.modelId,
      dimensions: this.loaded?.model.dimensions ?? this.modelRow.dimensions,
      files,
      chunks,
      dbPath: this.options.dbPath,
      fallbackReason: this.loaded?.model.fallbackReason,
      ...(this.loaded?.index.rebuilding ? { rebuilding: { ...this.loaded.index.rebuilding } } : {}),
    };
  }

  /** `exiting`: the process ends after this (a CLI command), so a model unloaded is no news for the log. */
  async close({ exiting = false }: { exiting?: boolean } = {}): Promise<void> {
    this.closed = true;
    await this.rebuild;
    await this.flush();
    // The last engine using a model lets the embedding worker unload it: switching models frees the old one.
    if ((await this.embedder.dispose()) && !exiting) this.options.log?.(`Unloaded the model ${this.modelId}: no folder uses it any more.`);
    this.store.close();
  }

  /** What the model is given for a query or a selection: the bundled model may read it as words (bundledQueryText). */
  private queryText(text: string): string {
    return this.modelId === BUNDLED_MODEL_ID ? bundledQueryText(text) : text;
  }

  /** Embeds texts for indexing (the slow lane: queries go first). */
  embedForIndex(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return this.embedder.embed(texts, "index", signal);
  }

  /** With a signal, the indexer's embedding calls stop once it is aborted (nothing is written then). */
  private indexer(signal?: AbortSignal): Indexer {
    const { maxTokens, specialTokens } = this.model;
    // Only models that cut texts off (and so count tokens) need chunks fitted to their limit.
    const fit = specialTokens === undefined ? undefined : { maxTokens, specialTokens, countTokens: (t: string[]) => this.embedder.countTokens(t, "index") };
    // How the bundled model reads long chunks is part of what made its vectors (engine/vector-recipe.ts).
    const recipe = this.model.modelId === BUNDLED_MODEL_ID ? { modelId: BUNDLED_MODEL_ID, ...bundledVectorRecipe() } : undefined;
    return new (indexerModule().Indexer)(this.options, this.store, this.modelRow.id, this.index, (t) => this.embedForIndex(t, signal), fit, recipe);
  }

  private nearest(query: Float32Array, k: number, filter: SearchOptions["filter"], exclude: Set<number>, minScore?: number, bands?: SearchOptions["bands"], efSearch?: number, timings?: SearchTimings) {
    const { allowed, candidates } = this.candidates(filter, exclude);
    let scored = timed(timings, "vector", () => byScoreThenPlace(this.vectorSearch(query, k, allowed, exclude, efSearch), (ids) => this.store.chunks(ids)));
    if (minScore !== undefined) scored = scored.filter((s) => s.score >= minScore);
    return { candidates, hits: timed(timings, "hits", () => this.toHits(scored, bands)) };
  }

  /** Ids that pass the metadata filter (undefined: every chunk does), and how many candidates that is. */
  private candidates(filter: SearchOptions["filter"], exclude: Set<number>): { allowed?: number[]; candidates: number } {
    const accept = compileFilter(filter);
    let allowed: number[] | undefined;
    if (accept) {
      allowed = [];
      for (const row of this.store.filterFields(this.modelRow.id)) {
        if (!exclude.has(row.id) && accept(row.path, JSON.parse(row.metadata))) allowed.push(row.id);
      }
    }
    return { allowed, candidates: allowed ? allowed.length : this.indexedCount() - (exclude.size ? countIn(exclude, this.index) : 0) };
  }

  /** BM25 over the FTS index; a query without a searchable word finds nothing. */
  private keywordSearch(text: string, k: number, allowed: number[] | undefined, codeLength: boolean): Scored[] {
    const terms = matchTerms(text);
    if (!terms.length) return [];
    const codeB = codeLength ? CODE_LENGTH_B : FTS5_B;
    if (!allowed) return this.store.keywordSearch(this.modelRow.id, terms, k, codeB);
    const pass = new Set(allowed);
    return this.store
      .keywordSearch(this.modelRow.id, terms, undefined, codeB)
      .filter((m) => pass.has(m.id))
      .slice(0, k);
  }

  /**
   * Chunks whose symbol is a queried code name (search/hybrid.ts namesToLookUp), as candidates for its
   * declaration: in file order, at most NAMED_DEPTH for each name.
   */
  private namedSearch(text: string, allowed: number[] | undefined): Scored[] {
    const pass = allowed && new Set(allowed);
    return namesToLookUp(text).flatMap((name) =>
      this.store
        .nameSearch(this.modelRow.id, name, pass ? Number.MAX_SAFE_INTEGER : NAMED_DEPTH)
        .filter((m) => !pass || pass.has(m.id))
        .slice(0, NAMED_DEPTH)
        .map((m) => ({ id: m.id, score: 0 })),
    );
  }

  /** Cosine of every ranked chunk: from the vector ranking where it has them, else from the stored vector. */
  private cosines(query: Float32Array, ranked: { id: number }[]): Map<number, number> {
    // Every score from the stored vector, none from the graph's float32 distance: a chunk shows the
    // same cosine whether or not an approximate graph search happened to reach it (two indexes of the
    // same files differ in the 7th decimal otherwise).
    const scores = new Map<number, number>();
    const missing = ranked.map((r) => r.id);
    for (const v of this.store.vectors(this.modelRow.id, missing)) scores.set(v.id, cosine(query, v.vector));
    // A chunk whose vector is gone (a race with a writer) scores nothing rather than crashing a search.
    for (const id of missing) if (!scores.has(id)) scores.set(id, 0);
    return scores;
  }

  private vectorSearch(query: Float32Array, k: number, allowed: number[] | undefined, exclude: Set<number>, efSearch?: number): Scored[] {
    const model = this.modelRow.id;
    const candidates = allowed ? allowed.length : this.indexedCount() - (exclude.size ? countIn(exclude, this.index) : 0);
    let scored: { id: number; score: number }[];
    // During a rebuild the stored vectors are the whole truth; the graph is only part of it.
    if (candidates <= this.options.exactSearchLimit || this.exactOnly) {
      // Small or heavily filtered sets: an exact scan is both faster and right every time.
      const ids = allowed ?? undefined;
      const all = (function* (vs: Iterable<{ id: number; vector: Float32Array }>) {
        for (const v of vs) if (!exclude.has(v.id)) yield { id: v.id, score: cosine(query, v.vector) };
      })(this.store.vectors(model, ids));
      scored = topK(all, k);
    } else {
      const allowedSet = allowed ? new Set(allowed) : undefined;
      const pass = allowedSet ? (id: number) => allowedSet.has(id) : exclude.size ? (id: number) => !exclude.has(id) : undefined;
      scored = this.index.search(query, k, pass, efSearch);
    }
    return scored;
  }

  /**
   * Chunk rows with their text: every hit, ranking signal and hover preview reads chunks through
   * here. A store that keeps no text has it read back from the files (chunk-text.ts); what cannot be
   * comes with its reason and no text.
   */
  private rows(ids: number[]): Map<number, StoredChunk> {
    const rows = this.store.chunks(ids);
    if (this.store.textMode === "none") this.textReader.fill(rows.values());
    return rows;
  }

  private toHits(scored: (Scored & { matchedBy?: MatchedBy; explain?: RankExplanation })[], bands = this.options.bands, explain = false, rows = this.rows(scored.map((s) => s.id))): SearchHit[] {
    // The seed's default bands stand for the model's calibrated ones (search/bands.ts).
    const thresholds = bandsFor(this.modelId, bands);
    const hits: SearchHit[] = [];
    for (const s of scored) {
      const row = rows.get(s.id);
      if (!row) continue;
      const hit: SearchHit = {
        path: row.path,
        startLine: row.startLine,
        endLine: row.endLine,
        score: s.score,
        band: bandOf(s.score, thresholds),
        text: row.text,
        metadata: row.metadata,
      };
      if (row.textUnavailable) hit.textUnavailable = row.textUnavailable;
      if (s.matchedBy) hit.matchedBy = s.matchedBy;
      if (explain && s.explain) hit.explain = s.explain;
      hits.push(hit);
    }
    return hits;
  }
}

/** One HNSW file per model, beside the database: index.db -> index.<model>-<hash>.hnsw */
export function indexFileFor(dbPath: string, modelId: string): string {
  const slug = modelId.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60);
  const hash = createHash("sha256").update(modelId).digest("hex").slice(0, 8);
  return join(dirname(dbPath), `${basename(dbPath, ".db")}.${slug}-${hash}.hnsw`);
}

/**
 * Brings the store to the text mode the options ask for (none asked: the store keeps its own).
 * full -> none drops every chunk's text; none -> full forgets the chunks for the next pass to re-derive
 * (store/stored-text.ts). A search (read-only) never converts: it reads the store as it is.
 */
function useTextMode(store: Store, o: ResolvedOptions): void {
  const wanted = o.storeText;
  if (!wanted || wanted === store.textMode) return;
  if (store.readOnly) {
    o.log?.(`The index ${o.dbPath} keeps ${store.textMode === "none" ? "no text" : "text"}; a search does not change that (run semsearch index --store-text ${wanted}).`);
    return;
  }
  const reader = textReaderFor(o, store, () => undefined);
  const outcome = store.setTextMode(wanted, (path, line, text) => reader.sliceOf(path, line, text));
  if (outcome !== "converted") return;
  o.log?.(
    wanted === "none"
      ? `The index ${o.dbPath} now keeps no text: chunk text was removed and the keyword index holds hashed words; results read their text from the files.`
      : `The index ${o.dbPath} keeps text again: every file is read and embedded again on the next index pass.`,
  );
}

/** A text reader with the indexer's redaction rules: those remembered in the store and the options'. */
function textReaderFor(o: ResolvedOptions, store: Store, editorText: (path: string) => string | undefined): ChunkTextReader {
  let patterns: ReturnType<typeof compileSecretPatterns> | undefined;
  // A read-only store is not written to: the options' patterns are added here rather than remembered.
  const rules = () =>
    (patterns ??= store.readOnly ? [...secretRules(store.db, []).patterns, ...compileSecretPatterns(o.secretPatterns)] : secretRules(store.db, o.secretPatterns).patterns);
  return new ChunkTextReader(o.root, o.maxFileSize, rules, editorText);
}

/** Runs one stage of a search, adding its time to `timings` when there is one. */
function timed<T>(timings: SearchTimings | undefined, stage: keyof SearchTimings, run: () => T): T {
  if (!timings) return run();
  const started = performance.now();
  try {
    return run();
  } finally {
    timings[stage] = (timings[stage] ?? 0) + performance.now() - started;
  }
}

function countIn(ids: Set<number>, index: HnswIndex): number {
  let n = 0;
  for (const id of ids) if (index.has(id)) n++;
  return n;
}

function mean(vectors: Float32Array[]): Float32Array | undefined {
  if (!vectors.length) return undefined;
  const out = new Float32Array(vectors[0].length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i] += v[i] / vectors.length;
  return out;
}
