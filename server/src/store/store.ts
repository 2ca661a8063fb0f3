// SQLite is the source of truth: every chunk, its vector and metadata live here. The HNSW index
// beside it is only a cache that can always be rebuilt from these rows.
import type Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { applyKey, encryptedNoKey, fileIsEncrypted, isNotADatabase, keyFormatProblem, plainButEncryptAsked, wrongKey, type DatabaseKey } from "./cipher";
import { FTS_TABLE, FtsWriter, KeywordIndex } from "./fts";
import { hashedTerm } from "./hashed-terms";
import { quoteTerm } from "../search/lexical";
import { refreshKeywordRows } from "./keyword-revision";
import { dropStoredText, restoreStoredText, startTextMode, storedTextMode, textDigest, type TextMode, type TextSlice } from "./stored-text";
import { openDatabase } from "./sqlite";
import { nodeSupportProblem } from "./node-support";
import { makeStoreFolder, ownerOnlyFile } from "./owner-only";
import { mayStampLegacy, ownedByThisUser, stampAsThisUsers } from "../trust/store-owner";
import { MIGRATIONS, OWNER_TAG_VERSION, SCHEMA_VERSION } from "./schema";
import { vectorFromBlob, vectorToBlob, type VectorStorage } from "./vectors";
import type { TextUnavailable } from "../../../shared/src/types";

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}

export interface NewChunk {
  startLine: number;
  endLine: number;
  text: string;
  metadata: Record<string, unknown>;
  vector: Float32Array;
  /** A store that keeps no text: where a slice of one long line sits in it (stored-text.ts). */
  slice?: TextSlice;
}

/** One file's new content: its chunks replace whatever the file had before. */
export interface FileUpdate {
  path: string;
  contentHash: string;
  size: number;
  chunks: NewChunk[];
}

export interface StoredChunk {
  id: number;
  path: string;
  startLine: number;
  endLine: number;
  text: string;
  metadata: Record<string, unknown>;
  contentHash: string;
  timestamp: number;
  /** A store that keeps no text: the keyed digest of the text as indexed (text is then ""). */
  digest?: Buffer;
  /** ... and where in its one line a slice of a long line sits. */
  slice?: TextSlice;
  /** Set by the engine when the text could not be read back (engine/chunk-text.ts). */
  textUnavailable?: TextUnavailable;
}

export interface ModelRow {
  id: number;
  modelId: string;
  dimensions: number;
  generation: number;
}

export interface BatchResult {
  added: { id: number; vector: Float32Array }[];
  removed: number[];
}

export interface StoreOpenOptions {
  /**
   * Open for reading only (searches): nothing is ever written, no migration runs (a store that needs
   * one says to run `semsearch index` first), and a store this user did not make is refused.
   */
  readOnly?: boolean;
  /** Told why a store's contents were dropped (one made by someone else). */
  log?: (message: string) => void;
  /** The key of an encrypted store (cipher.ts). An existing plaintext store ignores it, unless `encrypt`. */
  key?: DatabaseKey;
  /** Encryption is required: a new store is created encrypted, and a plaintext one is refused (db encrypt converts it). */
  encrypt?: boolean;
}

/** Ids read per statement by Store.chunks (SQLite binds a JSON array of them as one parameter). */
const CHUNK_BATCH = 500;

export class Store {
  private constructor(
    readonly db: Database.Database,
    readonly path: string,
    readonly readOnly = false,
    /** Removes the private copy a read-only open of an unwritable folder reads (openReadOnlyDatabase). */
    private readonly cleanup?: () => void,
    /** SQLCipher-encrypted: nothing derived from it (the HNSW file) may be written in plaintext. */
    readonly encrypted = false,
  ) {
    // A store that keeps no text zeroes what it deletes: a page freed by a rewrite keeps no old text.
    if (this.textMode === "none" && !readOnly) db.pragma("secure_delete = ON");
  }

  /**
   * Whether chunk text is stored ("full") or only its digest ("none", stored-text.ts). Read from the
   * store each time (a lookup in `meta`): another process may have converted it since this one opened.
   */
  get textMode(): TextMode {
    return storedTextMode(this.db);
  }

  /**
   * Re-derives the store in another text mode (stored-text.ts). To none: the text of every chunk goes
   * (`sliceOf` places a slice of a long line, reading the file). To full: the chunks are forgotten and
   * the next index pass reads every file again. A store without chunks just records the new mode.
   */
  setTextMode(mode: TextMode, sliceOf: (path: string, line: number, text: string) => TextSlice | undefined): "converted" | "started" | "unchanged" {
    const current = this.textMode;
    if (mode === current) return "unchanged";
    if (this.readOnly) throw new StoreError(`The index at ${this.path} stores text "${current}"; it can change to "${mode}" only when written (semsearch index).`);
    const empty = !this.db.prepare("SELECT 1 FROM chunks LIMIT 1").get();
    if (empty) startTextMode(this.db, mode);
    else if (mode === "none") dropStoredText(this.db, sliceOf);
    else restoreStoredText(this.db);
    this.db.pragma(`secure_delete = ${mode === "none" ? "ON" : "OFF"}`);
    return empty ? "started" : "converted";
  }

  static open(path: string, options: StoreOpenOptions = {}): Store {
    // Checked before better-sqlite3 loads its addon, which would crash an older Node outright.
    const unsupported = nodeSupportProblem();
    if (unsupported) throw new StoreError(unsupported);
    const key = keyFor(path, options);
    if (options.readOnly) return Store.openReadOnly(path, key);
    if (path !== ":memory:") makeStoreFolder(dirname(path));
    let db: Database.Database | undefined;
    try {
      db = openDatabase(path, { timeout: 5000 }, key !== undefined);
      if (path !== ":memory:") ownerOnlyFile(path);
      if (key) applyKey(db, key);
      // Two processes creating one store at once: switching a new file to WAL fails at once with
      // SQLITE_BUSY (SQLite calls no busy handler there), so it is retried within the timeout.
      const opened = db;
      whileBusy(() => opened.pragma("journal_mode = WAL"), 5000);
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
    } catch (err) {
      // A wrong key fails here, at the first read: the connection is not kept.
      if (db?.open) db.close();
      throw new StoreError(explainOpenError(path, err as Error, key));
    }
    try {
      migrate(db, path, options.log);
      refreshRowsUnlessBusy(db, options.log);
    } catch (err) {
      db.close();
      throw err instanceof StoreError ? err : new StoreError(explainOpenError(path, err as Error, key));
    }
    return new Store(db, path, false, undefined, key !== undefined);
  }

  private static openReadOnly(path: string, key: DatabaseKey | undefined): Store {
    const runIndex = `Run semsearch index on the folder first.`;
    if (path === ":memory:" || !existsSync(path)) throw new StoreError(`There is no index at ${path}. ${runIndex}`);
    let db: Database.Database;
    let cleanup: (() => void) | undefined;
    try {
      ({ db, cleanup } = openReadOnlyDatabase(path, key));
    } catch (err) {
      throw new StoreError(explainOpenError(path, err as Error, key));
    }
    try {
      const version = db.pragma("user_version", { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw new StoreError(newerSchema(path, version));
      if (version < SCHEMA_VERSION) throw new StoreError(`The index at ${path} was made by an older semsearch and needs an upgrade. ${runIndex}`);
      if (!ownedByThisUser(db)) {
        throw new StoreError(`The index at ${path} was not made by this user's semsearch, so its contents are not shown. ${runIndex} (it re-derives them from your files).`);
      }
    } catch (err) {
      db.close();
      cleanup?.();
      throw err instanceof StoreError ? err : new StoreError(explainOpenError(path, err as Error, key));
    }
    return new Store(db, path, true, cleanup, key !== undefined);
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.cleanup?.();
  }

  /**
   * The row of a model, created on first use. Vectors of two models never share a row set. A model
   * whose stored vectors have other dimensions is refused, unless `replace` (a rebuild from scratch):
   * then its rows are dropped and it takes the new dimensions.
   */
  model(modelId: string, dimensions: number, replace = false): ModelRow {
    let found = this.findModel(modelId);
    if (found && found.dimensions !== dimensions && replace && !this.readOnly) {
      const id = found.id;
      this.db.transaction(() => {
        this.clearModel(id);
        this.db.prepare("UPDATE models SET dimensions = ? WHERE id = ?").run(dimensions, id);
      }).immediate();
      found = this.findModel(modelId);
    }
    // Read-only: a model never indexed has no rows; id 0 is never a row's (ids start at 1), so it finds none.
    if (!found && this.readOnly) return { id: 0, modelId, dimensions, generation: 0 };
    if (found) {
      if (found.dimensions !== dimensions) {
        throw new StoreError(
          `The index for model "${modelId}" holds ${found.dimensions}-dimension vectors but the model now gives ${dimensions}. ` +
            `Re-index from scratch (semsearch index --rebuild, or the Re-index command).`,
        );
      }
      return found;
    }
    // Another process may add the same model at the same moment: theirs is as good as ours.
    this.db.prepare("INSERT INTO models (model_id, dimensions) VALUES (?, ?) ON CONFLICT (model_id) DO NOTHING").run(modelId, dimensions);
    return this.model(modelId, dimensions, replace);
  }

  findModel(modelId: string): ModelRow | undefined {
    const row = this.db
      .prepare("SELECT id, model_id AS modelId, dimensions, generation FROM models WHERE model_id = ?")
      .get(modelId) as ModelRow | undefined;
    return row;
  }

  models(): ModelRow[] {
    return this.db.prepare("SELECT id, model_id AS modelId, dimensions, generation FROM models").all() as ModelRow[];
  }

  generation(model: number): number {
    const row = this.db.prepare("SELECT generation FROM models WHERE id = ?").get(model) as { generation: number } | undefined;
    return row?.generation ?? 0;
  }

  /** path -> content hash of every file indexed for a model. */
  fileHashes(model: number): Map<string, string> {
    const rows = this.db.prepare("SELECT path, content_hash AS hash FROM files WHERE model = ?").all(model) as {
      path: string;
      hash: string;
    }[];
    return new Map(rows.map((r) => [r.path, r.hash]));
  }

  /** Writes many files' chunks in one transaction: a crash leaves either all of them or none. */
  /** `storage` is how the new vectors are encoded; rows already stored keep their own format. */
  writeBatch(model: number, updates: FileUpdate[], removedPaths: string[] = [], storage: VectorStorage = "float32"): BatchResult {
    const result: BatchResult = { added: [], removed: [] };
    const idsOf = this.db.prepare("SELECT id FROM chunks WHERE model = ? AND path = ?").pluck();
    const deleteChunks = this.db.prepare("DELETE FROM chunks WHERE model = ? AND path = ?");
    const deleteFile = this.db.prepare("DELETE FROM files WHERE model = ? AND path = ?");
    const insertChunk = this.db.prepare(
      `INSERT INTO chunks (model, path, start_line, end_line, text, vector, metadata, timestamp, content_hash, text_digest, text_from, text_to)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let keepsText = true;
    const upsertFile = this.db.prepare(
      `INSERT INTO files (model, path, content_hash, size, indexed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (model, path) DO UPDATE SET content_hash = excluded.content_hash, size = excluded.size, indexed_at = excluded.indexed_at`,
    );
    let fts: FtsWriter;
    const removePath = (path: string) => {
      result.removed.push(...(idsOf.all(model, path) as number[]));
      fts.removeFile(model, path);
      deleteChunks.run(model, path);
    };
    const write = this.db.transaction(() => {
      // Read under the write lock: the mode the rows go in is the store's as of this transaction.
      keepsText = this.textMode === "full";
      fts = new FtsWriter(this.db, !keepsText);
      const now = Date.now() / 1000;
      for (const path of removedPaths) {
        removePath(path);
        deleteFile.run(model, path);
      }
      for (const update of updates) {
        removePath(update.path);
        for (const c of update.chunks) {
          const info = insertChunk.run(
            model,
            update.path,
            c.startLine,
            c.endLine,
            keepsText ? c.text : "",
            vectorToBlob(c.vector, storage),
            JSON.stringify(c.metadata),
            now,
            update.contentHash,
            keepsText ? null : textDigest(c.text),
            keepsText ? null : (c.slice?.from ?? null),
            keepsText ? null : (c.slice?.to ?? null),
          );
          const id = Number(info.lastInsertRowid);
          fts.add(id, update.path, c.text, c.metadata);
          result.added.push({ id, vector: c.vector });
        }
        upsertFile.run(model, update.path, update.contentHash, update.size, now);
      }
      if (result.added.length || result.removed.length || removedPaths.length || updates.length) {
        this.db.prepare("UPDATE models SET generation = generation + 1 WHERE id = ?").run(model);
      }
    });
    try {
      // IMMEDIATE: the write lock is taken before the first read. A deferred transaction that read
      // first fails at once (SQLITE_BUSY_SNAPSHOT, no busy wait) if another process wrote meanwhile.
      write.immediate();
    } catch (err) {
      if (isBusy(err)) throw new StoreError(explainOpenError(this.path, err as Error));
      throw err;
    }
    return result;
  }

  /** Forgets everything indexed for one model (a rebuild from scratch). */
  clearModel(model: number): void {
    const clear = this.db.transaction(() => {
      // BM25 statistics are the table's: when no other model has chunks, the keyword index is reset
      // whole, leaving exactly what a fresh index starts from (no tombstones, no leftover rows).
      const others = this.db.prepare("SELECT 1 FROM chunks WHERE model <> ? LIMIT 1").get(model);
      if (others) new FtsWriter(this.db, this.textMode === "none").removeModel(model);
      else this.db.exec(`INSERT INTO ${FTS_TABLE} (${FTS_TABLE}) VALUES ('delete-all')`);
      this.db.prepare("DELETE FROM chunks WHERE model = ?").run(model);
      this.db.prepare("DELETE FROM files WHERE model = ?").run(model);
      this.db.prepare("UPDATE models SET generation = generation + 1 WHERE id = ?").run(model);
    });
    if (this.db.inTransaction) clear();
    else clear.immediate();
  }

  counts(model: number): { files: number; chunks: number } {
    const files = this.db.prepare("SELECT COUNT(*) FROM files WHERE model = ?").pluck().get(model) as number;
    const chunks = this.db.prepare("SELECT COUNT(*) FROM chunks WHERE model = ?").pluck().get(model) as number;
    return { files, chunks };
  }

  /** Every (id, vector) of a model, for rebuilding the HNSW index or an exact scan. */
  *vectors(model: number, ids?: number[]): Generator<{ id: number; vector: Float32Array }> {
    if (ids) {
      const stmt = this.db.prepare("SELECT vector FROM chunks WHERE id = ? AND model = ?").pluck();
      for (const id of ids) {
        const blob = stmt.get(id, model) as Buffer | undefined;
        if (blob) yield { id, vector: vectorFromBlob(blob) };
      }
      return;
    }
    const rows = this.db.prepare("SELECT id, vector FROM chunks WHERE model = ? ORDER BY id").iterate(model) as Iterable<{
      id: number;
      vector: Buffer;
    }>;
    for (const row of rows) yield { id: row.id, vector: vectorFromBlob(row.vector) };
  }

  /** The chunk ids of a model and the generation they make, read in one snapshot (another process may be writing). */
  snapshot(model: number): { ids: number[]; generation: number } {
    return this.db.transaction(() => ({ ids: this.ids(model), generation: this.generation(model) }))();
  }

  ids(model: number): number[] {
    return this.db.prepare("SELECT id FROM chunks WHERE model = ?").pluck().all(model) as number[];
  }

  /** The fields a metadata filter looks at, for every chunk of a model. */
  *filterFields(model: number): Generator<{ id: number; path: string; metadata: string }> {
    yield* this.db.prepare("SELECT id, path, metadata FROM chunks WHERE model = ?").iterate(model) as Iterable<{
      id: number;
      path: string;
      metadata: string;
    }>;
  }

  /**
   * The rows of chunk ids, in the order of `ids` (an id without a row is left out). Read in one
   * statement per CHUNK_BATCH ids, not one per id: a hybrid search reads ~100 rows for its ranking
   * signals, and a statement call each cost more than the reading.
   */
  chunks(ids: number[]): Map<number, StoredChunk> {
    const out = new Map<number, StoredChunk>();
    if (!ids.length) return out;
    type Row = Omit<StoredChunk, "metadata" | "digest" | "slice"> & { metadata: string; digest: Buffer | null; sliceFrom: number | null; sliceTo: number | null };
    const found = new Map<number, Row>();
    for (let at = 0; at < ids.length; at += CHUNK_BATCH) {
      for (const row of this.chunkRows().all(JSON.stringify(ids.slice(at, at + CHUNK_BATCH))) as Row[]) found.set(row.id, row);
    }
    for (const id of ids) {
      const row = found.get(id);
      if (!row || out.has(id)) continue;
      const { digest, sliceFrom, sliceTo, metadata, ...rest } = row;
      const chunk: StoredChunk = { ...rest, metadata: JSON.parse(metadata) };
      if (digest) chunk.digest = digest;
      if (sliceFrom !== null && sliceTo !== null) chunk.slice = { from: sliceFrom, to: sliceTo };
      out.set(id, chunk);
    }
    return out;
  }

  private chunkRowsStatement: Database.Statement | undefined;

  /** Rows of the ids in a JSON array, prepared once (preparing costs about as much as a small read). */
  private chunkRows(): Database.Statement {
    this.chunkRowsStatement ??= this.db.prepare(
      `SELECT id, path, start_line AS startLine, end_line AS endLine, text, metadata, content_hash AS contentHash, timestamp,
              text_digest AS digest, text_from AS sliceFrom, text_to AS sliceTo
       FROM chunks WHERE id IN (SELECT value FROM json_each(?))`,
    );
    return this.chunkRowsStatement;
  }

  /** Document frequencies and table counts, kept between keyword searches until the database changes. */
  private keywordIndex: KeywordIndex | undefined;

  private keywords(): KeywordIndex {
    return (this.keywordIndex ??= new KeywordIndex(this.db));
  }

  /**
   * Keyword search for a query's quoted terms (search/lexical.ts matchTerms): the chunks of a model
   * holding its informative terms (fts.ts KeywordIndex.informative), best BM25 first, with score = -BM25, at
   * most `limit` of them (found without scoring every match: fts.ts boundedMatches). No limit means
   * every match (a filter will drop some). `codeB`: BM25's b for code chunks (bm25-length.ts).
   */
  keywordSearch(model: number, quotedTerms: string[], limit?: number, codeB?: number): { id: number; score: number; lengthFactor?: number }[] {
    // A store without text indexes hashed words (hashed-terms.ts): the query's words are hashed alike.
    // Two words of one stem ("header", "headers") stay two terms, as they are in a store with text
    // (where FTS5 stems each), so that BM25 weighs the query the same in both.
    const terms = this.textMode === "full" ? quotedTerms : quotedTerms.map(hashedTerm);
    return this.keywords().search(model, terms, limit, codeB);
  }

  /** Chunks whose own symbol is `name` or ends in it (fts.ts KeywordIndex.nameMatches), in file order, at most `limit`. */
  nameSearch(model: number, name: string, limit: number): { id: number; symbol: string }[] {
    const term = quoteTerm(name.toLowerCase());
    return this.keywords().nameMatches(model, this.textMode === "full" ? term : hashedTerm(term), name, limit);
  }

  /** Chunks of one file that overlap a line range (1-based, inclusive). */
  chunksInRange(model: number, path: string, startLine: number, endLine: number): number[] {
    return this.db
      .prepare("SELECT id FROM chunks WHERE model = ? AND path = ? AND start_line <= ? AND end_line >= ? ORDER BY start_line")
      .pluck()
      .all(model, path, endLine, startLine) as number[];
  }
}

/**
 * Brings the schema up to date and makes sure the store is this user's. The fast path reads only;
 * otherwise everything happens in one IMMEDIATE transaction (the write lock taken up front) that
 * looks at user_version again inside it: two processes opening a new store at once would both see
 * version 0 outside it, and the second would fail on "table models already exists".
 */
function migrate(db: Database.Database, path: string, log?: (message: string) => void): void {
  const seen = db.pragma("user_version", { simple: true }) as number;
  if (seen > SCHEMA_VERSION) throw new StoreError(newerSchema(path, seen));
  // A database in memory is this process's own: there is no one else's to tell it from.
  const owned = () => path === ":memory:" || ownedByThisUser(db);
  if (seen === SCHEMA_VERSION && owned()) return;
  db.transaction(() => {
    const current = db.pragma("user_version", { simple: true }) as number;
    if (current > SCHEMA_VERSION) throw new StoreError(newerSchema(path, current));
    for (const m of MIGRATIONS.filter((m) => m.version > current)) m.up(db);
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    if (owned()) return;
    // A new store is ours; an untagged one from before tags may be (see mayStampLegacy for why).
    const fresh = current === 0;
    if (!fresh && !(current < OWNER_TAG_VERSION && mayStampLegacy(path))) {
      dropDerivedContent(db);
      log?.(
        `The index ${path} was not made by this user's semsearch (another user's, or copied from elsewhere): ` +
          `its contents were dropped and are re-derived from the files.`,
      );
    }
    stampAsThisUsers(db);
  }).immediate();
}

/** Forgets every chunk, vector, keyword entry and file hash: all of it is re-derived from the files. */
function dropDerivedContent(db: Database.Database): void {
  db.exec(`
    INSERT INTO ${FTS_TABLE} (${FTS_TABLE}) VALUES ('delete-all');
    DELETE FROM chunks;
    DELETE FROM files;
    DELETE FROM models;
  `);
}

function newerSchema(path: string, version: number): string {
  return (
    `The database ${path} has schema version ${version}, newer than this semsearch understands (${SCHEMA_VERSION}). ` +
    `Upgrade semsearch, or delete the file to index again.`
  );
}

/**
 * A read-only connection. A WAL database needs its -shm file; in a folder nobody may write to, once
 * the last writer removed it, SQLite refuses to open the database at all (SQLITE_READONLY_DIRECTORY),
 * and this build of SQLite takes no `immutable` URI. Then a private copy in the temp folder is read,
 * which is also exact: no one can be writing to the original.
 */
function openReadOnlyDatabase(path: string, key: DatabaseKey | undefined): { db: Database.Database; cleanup?: () => void } {
  try {
    const db = openDatabase(path, { readonly: true, fileMustExist: true, timeout: 5000 }, key !== undefined);
    try {
      if (key) applyKey(db, key);
      db.pragma("user_version", { simple: true });
    } catch (err) {
      db.close();
      throw err;
    }
    return { db };
  } catch (err) {
    const code = (err as { code?: string }).code ?? "";
    if (!code.startsWith("SQLITE_CANTOPEN") && !code.startsWith("SQLITE_READONLY")) throw err;
    const dir = mkdtempSync(join(tmpdir(), "semsearch-ro-"));
    const cleanup = () => rmSync(dir, { recursive: true, force: true });
    try {
      const copy = join(dir, "index.db");
      copyFileSync(path, copy);
      if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
      // An encrypted store's copy is as encrypted as the store: its pages (WAL's too) are copied as they are.
      const db = openDatabase(copy, { readonly: true, fileMustExist: true }, key !== undefined);
      if (key) applyKey(db, key);
      return { db, cleanup };
    } catch (copyErr) {
      cleanup();
      throw copyErr;
    }
  }
}

/**
 * The keyword rows brought up to date (keyword-revision.ts), unless another process holds the write
 * lock past the busy timeout: most likely rewriting them itself. The old rows still work, and the
 * next open finds them rewritten or rewrites them.
 */
function refreshRowsUnlessBusy(db: Database.Database, log?: (message: string) => void): void {
  try {
    refreshKeywordRows(db, log);
  } catch (err) {
    if (!isBusy(err)) throw err;
  }
}

/** Runs `work` again while it fails with SQLITE_BUSY, for up to `ms`. */
function whileBusy<T>(work: () => T, ms: number): T {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return work();
    } catch (err) {
      if (!isBusy(err) || Date.now() > deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + Math.random() * 20);
    }
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? "";
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
}

/**
 * The key to open `path` with, or undefined for a plaintext store. Decided from the file's first bytes
 * before SQLite reads it, so that a missing key is said as such and never as "file is not a database".
 */
function keyFor(path: string, options: StoreOpenOptions): DatabaseKey | undefined {
  const key = options.key || undefined;
  const problem = key === undefined ? undefined : keyFormatProblem(key);
  if (problem) throw new StoreError(`${problem}.`);
  if (path === ":memory:") return options.encrypt ? key : undefined;
  const encrypted = fileIsEncrypted(path);
  if (encrypted === true) {
    if (!key) throw new StoreError(encryptedNoKey(path));
    return key;
  }
  if (encrypted === false) {
    if (options.encrypt) throw new StoreError(plainButEncryptAsked(path));
    return undefined;
  }
  if (options.encrypt && !key) throw new StoreError(`Encryption was asked for ${path} but no key was given: set SEMSEARCH_DB_KEY or give --key-file FILE.`);
  return options.encrypt ? key : undefined;
}

function explainOpenError(path: string, err: Error, key?: DatabaseKey): string {
  const code = (err as { code?: string }).code ?? "";
  if (key && isNotADatabase(err)) return wrongKey(path);
  if (code === "SQLITE_NOTADB" || /not a database/i.test(err.message)) {
    return `${path} is not a semsearch database (SQLite says: ${err.message}). Move it away or choose another file with --db.`;
  }
  if (isBusy(err) || /locked|busy/i.test(err.message)) {
    return `The database ${path} is locked by another process. Close the other semsearch or editor window using it, then try again.`;
  }
  if (code === "SQLITE_CANTOPEN") {
    return `Cannot open the database ${path}: ${err.message}. Check that the folder exists and is writable.`;
  }
  return `Cannot open the database ${path}: ${err.message}`;
}

/** Creates the database's folder; a `.semsearch` folder gets a .gitignore of `*`, so an index is never committed by accident. */
