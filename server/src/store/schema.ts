// The database schema as an ordered list of migrations. A database records the version it has
// reached in `PRAGMA user_version`; opening it runs every later migration in one transaction.
import type Database from "better-sqlite3";
import { backfillFts, createFtsTable } from "./fts";

export interface Migration {
  version: number;
  why: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    why: "the seed's documents table (id, text, vector, metadata, timestamp) grown into chunks of files",
    up(db) {
      db.exec(`
        CREATE TABLE models (
          id INTEGER PRIMARY KEY,
          model_id TEXT NOT NULL UNIQUE,
          dimensions INTEGER NOT NULL,
          generation INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE chunks (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          model INTEGER NOT NULL REFERENCES models(id),
          path TEXT NOT NULL,
          start_line INTEGER NOT NULL,
          end_line INTEGER NOT NULL,
          text TEXT NOT NULL,
          vector BLOB NOT NULL,
          metadata TEXT NOT NULL,
          timestamp REAL NOT NULL,
          content_hash TEXT NOT NULL
        );
        CREATE INDEX chunks_by_file ON chunks(model, path);
      `);
    },
  },
  {
    version: 2,
    why: "remember each file's content hash per model, so re-indexing touches only changed files",
    up(db) {
      db.exec(`
        CREATE TABLE files (
          model INTEGER NOT NULL REFERENCES models(id),
          path TEXT NOT NULL,
          content_hash TEXT NOT NULL,
          size INTEGER NOT NULL,
          indexed_at REAL NOT NULL,
          PRIMARY KEY (model, path)
        );
        INSERT OR IGNORE INTO files (model, path, content_hash, size, indexed_at)
          SELECT model, path, content_hash, 0, MAX(timestamp) FROM chunks GROUP BY model, path;
      `);
    },
  },
  {
    version: 3,
    why: "a lexical (FTS5, BM25) index of every chunk for keyword and hybrid search, filled from the chunks already stored",
    up(db) {
      createFtsTable(db);
      backfillFts(db);
    },
  },
  {
    version: 4,
    why: "a store id and its owner's tag (trust/store-owner.ts), so that an index someone else made is never taken for this user's",
    up(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`);
    },
  },
  {
    version: 5,
    why: "a store that keeps no text (stored-text.ts): each chunk's keyed text digest, and where a slice of one long line sits in it",
    up(db) {
      // Only the columns not there yet: a store whose version was set back must still open.
      const have = new Set((db.pragma("table_info(chunks)") as { name: string }[]).map((c) => c.name));
      for (const [name, type] of [["text_digest", "BLOB"], ["text_from", "INTEGER"], ["text_to", "INTEGER"]]) {
        if (!have.has(name)) db.exec(`ALTER TABLE chunks ADD COLUMN ${name} ${type}`);
      }
    },
  },
];

/** The first version whose stores carry an owner tag: an untagged store from before it may be stamped (store-owner.ts). */
export const OWNER_TAG_VERSION = 4;

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
