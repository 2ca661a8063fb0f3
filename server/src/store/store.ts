// SQLite is the source of truth: every chunk, its vector and metadata live here. The HNSW index
// beside it is only a cache that can always be rebuilt from these rows.
import Database from "better-sqlite3";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ftsMatches, FtsWriter, informativeTerms } from "./fts";
import { nodeSupportProblem } from "./node-support";
import { MIGRATIONS, SCHEMA_VERSION } from "./schema";
import { vectorFromBlob, vectorToBlob, type VectorStorage } from "./vectors";

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

export class Store {
  private constructor(readonly db: Database.Database, readonly path: string) {}

  static open(path: string): Store {
    // Checked before better-sqlite3 loads its addon, which would crash an older Node outright.
    const unsupported = nodeSupportProblem();
    if (unsupported) throw new StoreError(unsupported);
    if (path !== ":memory:") makeStoreFolder(dirname(path));
    let db: Database.Database;
    try {
      db = new Database(path, { timeout: 5000 });
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
    } catch (err) {
      throw new StoreError(explainOpenError(path, err as Error));
    }
    try {
      migrate(db, path);
    } catch (err) {
      db.close();
      throw err instanceof StoreError ? err : new StoreError(explainOpenError(path, err as Error));
    }
    return new Store(db, path);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The row of a model, created on first use. Vectors of two models never share a row set. */
  model(modelId: string, dimensions: number): ModelRow {
    const found = this.findModel(modelId);
    if (found) {
      if (found.dimensions !== dimensions) {
        throw new StoreError(
          `The index for model "${modelId}" holds ${found.dimensions}-dimension vectors but the model now gives ${dimensions}. ` +
            `Re-index from scratch (semsearch index --rebuild, or the Re-index command).`,
        );
      }
      return found;
    }
    this.db.prepare("INSERT INTO models (model_id, dimensions) VALUES (?, ?)").run(modelId, dimensions);
    return this.findModel(modelId)!;
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
      `INSERT INTO chunks (model, path, start_line, end_line, text, vector, metadata, timestamp, content_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const upsertFile = this.db.prepare(
      `INSERT INTO files (model, path, content_hash, size, indexed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (model, path) DO UPDATE SET content_hash = excluded.content_hash, size = excluded.size, indexed_at = excluded.indexed_at`,
    );
    const fts = new FtsWriter(this.db);
    const removePath = (path: string) => {
      result.removed.push(...(idsOf.all(model, path) as number[]));
      fts.removeFile(model, path);
      deleteChunks.run(model, path);
    };
    const write = this.db.transaction(() => {
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
            c.text,
            vectorToBlob(c.vector, storage),
            JSON.stringify(c.metadata),
            now,
            update.contentHash,
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
      write();
    } catch (err) {
      if (isBusy(err)) throw new StoreError(explainOpenError(this.path, err as Error));
      throw err;
    }
    return result;
  }

  /** Forgets everything indexed for one model (a rebuild from scratch). */
  clearModel(model: number): void {
    this.db.transaction(() => {
      new FtsWriter(this.db).removeModel(model);
      this.db.prepare("DELETE FROM chunks WHERE model = ?").run(model);
      this.db.prepare("DELETE FROM files WHERE model = ?").run(model);
      this.db.prepare("UPDATE models SET generation = generation + 1 WHERE id = ?").run(model);
    })();
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

  chunks(ids: number[]): Map<number, StoredChunk> {
    const stmt = this.db.prepare(
      `SELECT id, path, start_line AS startLine, end_line AS endLine, text, metadata, content_hash AS contentHash, timestamp
       FROM chunks WHERE id = ?`,
    );
    const out = new Map<number, StoredChunk>();
    for (const id of ids) {
      const row = stmt.get(id) as (Omit<StoredChunk, "metadata"> & { metadata: string }) | undefined;
      if (row) out.set(id, { ...row, metadata: JSON.parse(row.metadata) });
    }
    return out;
  }

  /**
   * Keyword search: chunks of a model matching an FTS5 expression (see search/lexical.ts), best BM25
   * first, with score = -BM25. No limit means every match (a filter will drop some).
   */
  lexical(model: number, match: string, limit?: number): { id: number; score: number }[] {
    return ftsMatches(this.db, model, match, limit);
  }

  /** Of quoted FTS terms, those worth matching (see fts.ts informativeTerms). */
  informativeTerms(quotedTerms: string[]): string[] {
    return informativeTerms(this.db, quotedTerms);
  }

  /** Chunks of one file that overlap a line range (1-based, inclusive). */
  chunksInRange(model: number, path: string, startLine: number, endLine: number): number[] {
    return this.db
      .prepare("SELECT id FROM chunks WHERE model = ? AND path = ? AND start_line <= ? AND end_line >= ? ORDER BY start_line")
      .pluck()
      .all(model, path, endLine, startLine) as number[];
  }
}

function migrate(db: Database.Database, path: string): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(
      `The database ${path} has schema version ${current}, newer than this semsearch understands (${SCHEMA_VERSION}). ` +
        `Upgrade semsearch, or delete the file to index again.`,
    );
  }
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (!pending.length) return;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? "";
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
}

function explainOpenError(path: string, err: Error): string {
  const code = (err as { code?: string }).code ?? "";
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
function makeStoreFolder(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const ignore = join(dir, ".gitignore");
  if (basename(dir) === ".semsearch" && !existsSync(ignore)) writeFileSync(ignore, "# semsearch's index: never commit it\n*\n");
}
