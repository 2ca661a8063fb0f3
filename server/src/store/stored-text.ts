// Data minimisation (`--store-text none`, semanticSearch.storeText): a store that keeps no text.
// Its chunk rows hold locations, metadata (symbol, heading, front matter: names, not content) and
// vectors; `chunks.text` is empty, the keyword index holds keyed hashes of the words
// (hashed-terms.ts), and each chunk keeps a keyed digest of its text so that a result read back
// from the file can tell whether the file still says what was indexed (engine/chunk-text.ts).
//
// The store records its mode in `meta`. Opening it in the other mode re-derives it: full -> none
// rewrites every chunk row without its text and rebuilds the keyword index from hashes (then
// VACUUMs, so no freed page keeps a copy); none -> full forgets the chunks, which the next index
// pass derives from the files again (there is no text to fill them from).
import type Database from "better-sqlite3";
import type { StoreTextMode } from "../../../shared/src/types";
import { userHmac } from "../trust/user-secret";
import { backfillFts, createFtsTable, FTS_TABLE } from "./fts";
import { metaValue, setMetaValue } from "./meta";

export type TextMode = StoreTextMode;

const KEY = "store.text";

/** Bytes of a chunk's text digest: 128 bits tell a changed text from the indexed one. */
const DIGEST_BYTES = 16;

/** The mode a store was written in; a store from before modes (or a new one) keeps text. Read on every write and search. */
export function storedTextMode(db: Database.Database): TextMode {
  return metaValue(db, KEY) === "none" ? "none" : "full";
}

function recordTextMode(db: Database.Database, mode: TextMode): void {
  setMetaValue(db, KEY, mode);
}

/**
 * A file's content hash as a store without text keeps it: keyed (HMAC-SHA256 under the user's secret,
 * hex) over the plain one, so that the hash cannot confirm a guess of a file's whole text either.
 */
export function keyedFileHash(plainHash: string): string {
  return userHmac("semsearch file hash v1", plainHash).toString("hex");
}

/** The keyed digest of a chunk's text (HMAC-SHA256 under the user's secret, 16 bytes). */
export function textDigest(text: string): Buffer {
  return userHmac("semsearch chunk text v1", text).subarray(0, DIGEST_BYTES);
}

/**
 * Where a chunk's text sits in the source lines it spans, when it is a slice of one over-long line
 * (chunking/pieces.ts, chunking/token-fit.ts): character offsets into that line. Undefined when the
 * chunk is its lines whole, or when the file no longer holds it (its digest will then say so).
 */
export interface TextSlice {
  from: number;
  to: number;
}

/** Finds a chunk's slice in its (redacted) line; undefined for a whole-lines chunk. */
export function sliceIn(line: string | undefined, text: string): TextSlice | undefined {
  if (line === undefined || line === text) return undefined;
  const from = line.indexOf(text);
  // Any occurrence will do: the same characters read back give the same digest.
  return from < 0 ? undefined : { from, to: from + text.length };
}

/**
 * full -> none. `sliceOf` says where a single-line chunk sits in its line (it reads the file); the
 * text itself goes, and with it the word index, rebuilt from hashes. One IMMEDIATE transaction, then
 * a VACUUM and a WAL truncation, with secure_delete on, so that no page of the file or its WAL keeps
 * the old text.
 */
export function dropStoredText(db: Database.Database, sliceOf: (path: string, line: number, text: string) => TextSlice | undefined): void {
  db.pragma("secure_delete = ON");
  db.transaction(() => {
    db.exec(`DROP TABLE ${FTS_TABLE}`);
    createFtsTable(db, true);
    backfillFts(db, true);
    const page = db.prepare("SELECT id, path, start_line AS startLine, end_line AS endLine, text FROM chunks WHERE id > ? AND text <> '' ORDER BY id LIMIT 500");
    const update = db.prepare("UPDATE chunks SET text = '', text_digest = ?, text_from = ?, text_to = ? WHERE id = ?");
    let last = 0;
    for (;;) {
      const rows = page.all(last) as { id: number; path: string; startLine: number; endLine: number; text: string }[];
      if (!rows.length) break;
      for (const r of rows) {
        const slice = r.startLine === r.endLine ? sliceOf(r.path, r.startLine, r.text) : undefined;
        update.run(textDigest(r.text), slice?.from ?? null, slice?.to ?? null, r.id);
      }
      last = rows[rows.length - 1].id;
    }
    // The file hashes are keyed too (keyedFileHash), as the indexer now computes them.
    const hashes = db.prepare("SELECT DISTINCT content_hash AS hash FROM files UNION SELECT DISTINCT content_hash FROM chunks").pluck().all() as string[];
    const rekeyFiles = db.prepare("UPDATE files SET content_hash = ? WHERE content_hash = ?");
    const rekeyChunks = db.prepare("UPDATE chunks SET content_hash = ? WHERE content_hash = ?");
    for (const h of hashes) {
      const keyed = keyedFileHash(h);
      rekeyFiles.run(keyed, h);
      rekeyChunks.run(keyed, h);
    }
    recordTextMode(db, "none");
  }).immediate();
  compact(db);
}

/**
 * none -> full: every chunk, keyword entry and file hash is forgotten (the generation moves on, so
 * the HNSW graph follows), and the next index pass reads every file again.
 */
export function restoreStoredText(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`DROP TABLE ${FTS_TABLE}`);
    createFtsTable(db, false);
    db.exec("DELETE FROM chunks; DELETE FROM files; UPDATE models SET generation = generation + 1");
    recordTextMode(db, "full");
  }).immediate();
  compact(db);
}

/** A store without chunks (a new one): the mode is recorded, and the keyword table made for it, before anything is written. */
export function startTextMode(db: Database.Database, mode: TextMode): void {
  db.transaction(() => {
    db.exec(`DROP TABLE ${FTS_TABLE}`);
    createFtsTable(db, mode === "none");
    recordTextMode(db, mode);
  }).immediate();
}

/** Rewrites the file without free pages and empties the WAL: nothing deleted lingers on disk. */
function compact(db: Database.Database): void {
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("VACUUM");
  db.pragma("wal_checkpoint(TRUNCATE)");
}
