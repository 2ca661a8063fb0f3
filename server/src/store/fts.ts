// The lexical index: an FTS5 table beside `chunks`, one row per chunk with rowid = chunks.id.
// It is contentless (the text already lives in `chunks`) with contentless_delete, so a chunk's row
// can be deleted by rowid alone. The Store keeps it in step with `chunks` in the same transactions.
import type Database from "better-sqlite3";
import { lexicalFields } from "../search/lexical";

export const FTS_TABLE = "chunks_fts";

// porter: "retries" finds "retry"; unicode61 folds case and diacritics; `_` is a token character so
// that snake_case names stay whole tokens (their parts are added by lexicalFields).
const TOKENIZER = `porter unicode61 remove_diacritics 2 tokenchars '_'`;

/** BM25 column weights: a word in the symbol, heading or path says more than one in the body. */
export const NAME_WEIGHT = 2;

export function createFtsTable(db: Database.Database): void {
  db.exec(`CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(body, names, content='', contentless_delete=1, tokenize="${TOKENIZER}")`);
}

/** Fills the FTS table from every stored chunk (migration 3), a page at a time. */
export function backfillFts(db: Database.Database): number {
  const page = db.prepare("SELECT id, path, text, metadata FROM chunks WHERE id > ? ORDER BY id LIMIT 500");
  const writer = new FtsWriter(db);
  let last = 0;
  let count = 0;
  for (;;) {
    const rows = page.all(last) as { id: number; path: string; text: string; metadata: string }[];
    if (!rows.length) return count;
    for (const r of rows) writer.add(r.id, r.path, r.text, JSON.parse(r.metadata));
    last = rows[rows.length - 1].id;
    count += rows.length;
  }
}

/** Statements that mirror chunk writes; run them inside the Store's transactions. */
export class FtsWriter {
  private readonly insert: Database.Statement;
  private readonly deleteFile: Database.Statement;
  private readonly deleteModel: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO ${FTS_TABLE} (rowid, body, names) VALUES (?, ?, ?)`);
    this.deleteFile = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid IN (SELECT id FROM chunks WHERE model = ? AND path = ?)`);
    this.deleteModel = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid IN (SELECT id FROM chunks WHERE model = ?)`);
  }

  add(id: number, path: string, text: string, metadata: Record<string, unknown>): void {
    const f = lexicalFields(path, text, metadata);
    this.insert.run(id, f.body, f.names);
  }

  /** Before the file's chunks are deleted: the subquery finds their ids. */
  removeFile(model: number, path: string): void {
    this.deleteFile.run(model, path);
  }

  removeModel(model: number): void {
    this.deleteModel.run(model);
  }
}

/**
 * The terms worth matching: those in at most half of the indexed chunks. BM25 gives a term in more
 * than half of them no weight (FTS5 floors its IDF at 1e-6), yet every chunk holding it is a match
 * that must be scored: "return" in a code base, or any word of a narrow vocabulary, turns a keyword
 * search into a scan (bench/RESULTS.md: 47 ms at 50k chunks, against under 1 ms once pruned). When
 * every term is that common, the rarest one is kept so that the search still finds something.
 */
export function informativeTerms(db: Database.Database, quotedTerms: string[]): string[] {
  if (quotedTerms.length <= 1) return quotedTerms;
  // The FTS table has one row per chunk (kept in step by the Store); counting chunks is instant.
  const total = (db.prepare("SELECT count(*) AS n FROM chunks").get() as { n: number }).n;
  const count = db.prepare(`SELECT count(*) AS n FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`);
  const df = quotedTerms.map((t) => ({ t, n: (count.get(t) as { n: number }).n }));
  const kept = df.filter((d) => d.n <= total / 2).map((d) => d.t);
  if (kept.length) return kept;
  return [df.reduce((a, b) => (b.n < a.n ? b : a)).t];
}

/**
 * Chunks of a model that match an FTS5 expression, best BM25 first, at most `limit` of them (all when
 * a filter will drop some); `score` is minus BM25 so that higher is better, as with cosine.
 */
export function ftsMatches(db: Database.Database, model: number, match: string, limit = -1): { id: number; score: number }[] {
  const rank = `bm25(${FTS_TABLE}, 1.0, ${NAME_WEIGHT})`;
  const stmt = db.prepare(
    `SELECT f.rowid AS id, -${rank} AS score
     FROM ${FTS_TABLE} f JOIN chunks c ON c.id = f.rowid
     WHERE ${FTS_TABLE} MATCH ? AND c.model = ?
     ORDER BY ${rank} LIMIT ?`,
  );
  return stmt.all(match, model, limit) as { id: number; score: number }[];
}
