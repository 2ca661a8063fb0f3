// The lexical index: an FTS5 table beside `chunks`, one row per chunk with rowid = chunks.id.
// It is contentless (the text already lives in `chunks`) with contentless_delete, so a chunk's row
// can be deleted by rowid alone. The Store keeps it in step with `chunks` in the same transactions.
import type Database from "better-sqlite3";
import { lexicalFields } from "../search/lexical";
import { lastSegment } from "../search/query-kind";
import { averageLength, FTS5_B, FTS5_K1, fts5Idf, readVarints, RELENGTH_DEPTH, reweighCodeLength } from "./bm25-length";
import { hashedText } from "./hashed-terms";

export const FTS_TABLE = "chunks_fts";

// porter: "retries" finds "retry"; unicode61 folds case and diacritics; `_` is a token character so
// that snake_case names stay whole tokens (their parts are added by lexicalFields).
const TOKENIZER = `porter unicode61 remove_diacritics 2 tokenchars '_'`;

// A store that keeps no text (stored-text.ts) indexes keyed hashes of the words, already folded and
// stemmed in JS (hashed-terms.ts): porter would stem the hex tokens again, so it is left out.
const HASHED_TOKENIZER = `unicode61`;

/** BM25 column weights: a word in the symbol, heading or path says more than one in the body. */
export const NAME_WEIGHT = 2;

/** The table's columns: body and names. */
const FTS_COLUMNS = 2;

/** `hashed`: the table of a store that keeps no text, fed hashed words (FtsWriter with `hashed`). */
export function createFtsTable(db: Database.Database, hashed = false): void {
  db.exec(`CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(body, names, content='', contentless_delete=1, tokenize="${hashed ? HASHED_TOKENIZER : TOKENIZER}")`);
}

/** Fills the FTS table from every stored chunk (migration 3; a store dropping its text, hashed), a page at a time. */
export function backfillFts(db: Database.Database, hashed = false): number {
  const page = db.prepare("SELECT id, path, text, metadata FROM chunks WHERE id > ? ORDER BY id LIMIT 500");
  const writer = new FtsWriter(db, hashed);
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

  /** `hashed`: a store that keeps no text, whose index holds keyed hashes of the words (hashed-terms.ts). */
  constructor(
    db: Database.Database,
    private readonly hashed = false,
  ) {
    this.insert = db.prepare(`INSERT INTO ${FTS_TABLE} (rowid, body, names) VALUES (?, ?, ?)`);
    this.deleteFile = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid IN (SELECT id FROM chunks WHERE model = ? AND path = ?)`);
    this.deleteModel = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid IN (SELECT id FROM chunks WHERE model = ?)`);
  }

  add(id: number, path: string, text: string, metadata: Record<string, unknown>): void {
    const f = lexicalFields(path, text, metadata);
    if (this.hashed) this.insert.run(id, hashedText(f.body), hashedText(f.names));
    else this.insert.run(id, f.body, f.names);
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
 * Chunks of a model that match an FTS5 expression, best BM25 first (equal scores by id), at most
 * `limit` of them (all when a filter will drop some); `score` is minus BM25 so that higher is better,
 * as with cosine.
 */
export function ftsMatches(db: Database.Database, model: number, match: string, limit = -1): { id: number; score: number }[] {
  const rank = `bm25(${FTS_TABLE}, 1.0, ${NAME_WEIGHT})`;
  // Every FTS row is this model's when no other model has chunks: the JOIN that checks each match's
  // model (a lookup in chunks per matching row, most of a search's time at 100k chunks) is skipped.
  if (!otherModelsHaveChunks(db, model)) {
    return db.prepare(`SELECT rowid AS id, -${rank} AS score FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ? ORDER BY ${rank}, rowid LIMIT ?`).all(match, limit) as {
      id: number;
      score: number;
    }[];
  }
  const stmt = db.prepare(
    `SELECT f.rowid AS id, -${rank} AS score
     FROM ${FTS_TABLE} f JOIN chunks c ON c.id = f.rowid
     WHERE ${FTS_TABLE} MATCH ? AND c.model = ?
     ORDER BY ${rank}, f.rowid LIMIT ?`,
  );
  return stmt.all(match, model, limit) as { id: number; score: number }[];
}

/** At most this many FTS matches are read to find the chunks a name is the symbol of. */
const NAME_SCAN = 2000;

/** A quoted term and the number of FTS rows (chunks) that hold it. */
export interface TermFrequency {
  term: string;
  df: number;
}

/** KeywordIndex.informative's rule on known frequencies: at most half of `total`, else the rarest term alone. */
export function keepInformative(terms: TermFrequency[], total: number): TermFrequency[] {
  if (terms.length <= 1) return terms;
  const kept = terms.filter((d) => d.df <= total / 2);
  if (kept.length) return kept;
  return [terms.reduce((a, b) => (b.df < a.df ? b : a))];
}

/** Whether a model other than `model` has chunks (then the FTS table holds rows of more than one model). */
export function otherModelsHaveChunks(db: Database.Database, model: number): boolean {
  const others = db.prepare("SELECT id FROM models WHERE id <> ?").pluck().all(model) as number[];
  const any = db.prepare("SELECT 1 FROM chunks WHERE model = ? LIMIT 1").pluck();
  return others.some((m) => any.get(m) !== undefined);
}

// FTS5's bm25() (sqlite3.c, fts5Bm25Function): k1 = FTS5_K1, and a term's IDF is
// log((N - n + 0.5) / (n + 0.5)) floored at 1e-6, N the table's rows and n those holding the term.
// A term adds idf * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl)) to a chunk's score, which is
// below idf * (k1 + 1) however often the term occurs (f) and however short the chunk (D > 0).

/** The most one term can add to any chunk's BM25 score, for a table of `rows` rows. */
export function termScoreBound(df: number, rows: number): number {
  return fts5Idf(df, rows) * (FTS5_K1 + 1);
}

/**
 * Keyword search over a store, with what it needs to know about the FTS table remembered between
 * queries until the database changes: each term's document frequency, the table's row count, and
 * whether the table holds one model's rows only. Counting the chunks that hold a common word walks
 * its whole posting list (tens of thousands of entries at 100k chunks); a vocabulary repeats from
 * query to query, and the counts only change when something is written.
 */
export class KeywordIndex {
  private stateKey = "";
  private readonly df = new Map<string, number>();
  private table: { chunks: number; ftsRows: number | undefined; averageLength: number | undefined } | undefined;
  private singleModel = new Map<number, boolean>();
  private readonly state: Database.Statement;
  private readonly count: Database.Statement;
  private readonly averages: Database.Statement;
  private names: Database.Statement | undefined;

  constructor(private readonly db: Database.Database) {
    // data_version moves when another connection commits, total_changes when this one writes:
    // together they change whenever the table may have.
    this.state = db.prepare("SELECT data_version AS v, total_changes() AS c FROM pragma_data_version");
    this.count = db.prepare(`SELECT count(*) FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`).pluck();
    this.averages = db.prepare(`SELECT block FROM ${FTS_TABLE}_data WHERE id = 1`).pluck();
  }

  /** How many document-frequency lookups ran (not served from memory) since this opened: for tests. */
  lookups = 0;

  /**
   * The informative terms' chunks (informative), best BM25 first, at most `limit` of them; score is
   * minus BM25, as ftsMatches gives. Without a limit, every match (a filter will drop some). `codeB`:
   * BM25's b for code chunks (bm25-length.ts; FTS5_B leaves FTS5's order as it is).
   */
  search(model: number, quotedTerms: string[], limit?: number, codeB = FTS5_B): { id: number; score: number; lengthFactor?: number }[] {
    if (!quotedTerms.length) return [];
    const terms = this.informative(quotedTerms);
    const table = this.tableStats();
    const relength = codeB !== FTS5_B && table.averageLength !== undefined;
    const bounded = limit !== undefined && limit >= 1;
    // Re-weighting can lift a chunk from below the limit: FTS5 is asked for more.
    const depth = bounded && relength ? Math.max(limit, RELENGTH_DEPTH) : limit;
    const found = this.matches(model, terms, table, depth);
    if (!relength) return found;
    const reweighed = reweighCodeLength(this.db, FTS_TABLE, FTS_COLUMNS, found, table.averageLength!, codeB);
    return bounded ? reweighed.slice(0, limit) : reweighed;
  }

  private matches(model: number, terms: TermFrequency[], table: { ftsRows: number | undefined }, limit: number | undefined): { id: number; score: number }[] {
    const exhaustive = () => ftsMatches(this.db, model, terms.map((t) => t.term).join(" OR "), limit);
    // The bounded search needs the row count BM25 uses (as committed: not inside a write, whose
    // counts are still in memory), and every FTS row to be this model's.
    if (limit === undefined || limit < 1 || table.ftsRows === undefined || this.db.inTransaction || !this.onlyModel(model)) return exhaustive();
    return boundedMatches(this.db, terms, table.ftsRows, limit);
  }

  /**
   * Chunks whose own symbol is a name: the symbol, or its last segment (`getInterface` of
   * `XThis.getInterface`), equals `name` but for case. The FTS index finds this model's chunks whose
   * symbol, heading or path holds the word, unranked (ranking would favour a class's short members
   * over the class itself, BM25 reading the whole row's length), at most NAME_SCAN of them; their
   * symbols decide. In path order, a file's chunks in file order, at most `limit`: the order a fresh
   * index stores them in. In the order of storing, a file indexed again went behind the others, and
   * once commander's command.js had been re-indexed, the twenty windows of `Command` in its type
   * declarations took the places of the class itself.
   */
  nameMatches(model: number, quotedTerm: string, name: string, limit: number): { id: number; symbol: string }[] {
    // CROSS JOIN keeps SQLite from walking all of the model's chunks to test each against the
    // matches; the model is tested before the scan's limit, so that another model's chunks in the
    // same table cannot use it up.
    this.names ??= this.db.prepare(
      `SELECT c.id AS id, json_extract(c.metadata, '$.symbol') AS symbol, c.path AS path, c.start_line AS startLine
       FROM ${FTS_TABLE} f CROSS JOIN chunks c ON c.id = f.rowid
       WHERE ${FTS_TABLE} MATCH ? AND c.model = ? ORDER BY f.rowid LIMIT ${NAME_SCAN}`,
    );
    const rows = this.names.all(`names : ${quotedTerm}`, model) as { id: number; symbol: unknown; path: string; startLine: number }[];
    const wanted = name.toLowerCase();
    const named = rows.filter((r): r is typeof r & { symbol: string } => typeof r.symbol === "string" && lastSegment(r.symbol).toLowerCase() === wanted);
    named.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.startLine - b.startLine));
    return named.slice(0, limit).map((r) => ({ id: r.id, symbol: r.symbol }));
  }

  /**
   * The terms worth matching: those in at most half of the indexed chunks. BM25 gives a term in more
   * than half of them no weight (FTS5 floors its IDF at 1e-6), yet every chunk holding it is a match
   * that must be scored: "return" in a code base, or any word of a narrow vocabulary, turns a keyword
   * search into a scan (bench/RESULTS.md: 47 ms at 50k chunks, against under 1 ms once pruned). When
   * every term is that common, the rarest one is kept so that the search still finds something.
   */
  informative(quotedTerms: string[]): TermFrequency[] {
    this.refresh();
    return keepInformative(
      quotedTerms.map((term) => ({ term, df: this.frequency(term) })),
      this.tableStats().chunks,
    );
  }

  /** Chunks holding a quoted term, remembered until the database changes. */
  frequency(quotedTerm: string): number {
    this.refresh();
    let n = this.df.get(quotedTerm);
    if (n === undefined) {
      n = this.count.get(quotedTerm) as number;
      this.lookups++;
      this.df.set(quotedTerm, n);
    }
    return n;
  }

  private refresh(): void {
    const s = this.state.get() as { v: number; c: number };
    const key = `${s.v}:${s.c}`;
    if (key === this.stateKey) return;
    this.stateKey = key;
    this.df.clear();
    this.table = undefined;
    this.singleModel.clear();
  }

  private tableStats(): { chunks: number; ftsRows: number | undefined; averageLength: number | undefined } {
    if (!this.table) {
      const averages = this.averages.get() as Buffer | undefined;
      this.table = {
        chunks: (this.db.prepare("SELECT count(*) FROM chunks").pluck().get() as number) ?? 0,
        ftsRows: ftsRowCount(averages),
        averageLength: averageLength(averages, FTS_COLUMNS),
      };
    }
    return this.table;
  }

  private onlyModel(model: number): boolean {
    let only = this.singleModel.get(model);
    if (only === undefined) {
      only = !otherModelsHaveChunks(this.db, model);
      this.singleModel.set(model, only);
    }
    return only;
  }
}

/**
 * The row count FTS5's bm25() uses (N): the first varint of the table's "averages" record (rowid 1
 * of its %_data table), SQLite's varint format. Undefined when it cannot be read.
 */
export function ftsRowCount(block: Buffer | undefined): number | undefined {
  if (!block || !block.length) return undefined;
  return readVarints(block, 1)[0];
}

const topStatements = new WeakMap<Database.Database, Database.Statement>();

/** The best matches of one FTS expression by BM25, prepared once a connection (each search runs it 2-4 times). */
function topStatement(db: Database.Database): Database.Statement {
  let top = topStatements.get(db);
  if (!top) {
    const rank = `bm25(${FTS_TABLE}, 1.0, ${NAME_WEIGHT})`;
    top = db.prepare(`SELECT rowid AS id, -${rank} AS score FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ? ORDER BY ${rank}, rowid LIMIT ?`);
    topStatements.set(db, top);
  }
  return top;
}

/** Classes of boundedMatches searched one by one; the rest, if any, in one statement. */
const BOUNDED_CLASSES = 4;

/**
 * The top `limit` chunks by BM25 over the OR of `terms`, exactly, without scoring every chunk that
 * holds a common term (in the spirit of MaxScore, Turtle & Flood 1995). Every matching chunk falls
 * in one class: its rarest query term is t_i (terms by rarity t_1, t_2, ...), and it holds some later
 * term ("multi") or none ("single"). A multi chunk of t_i scores at most bound(t_i) + bound(later
 * terms), a single one bound(t_i) (termScoreBound). The classes are searched rarest first, each for
 * its best `limit`; a class whose bound is not above the limit-th best score found so far cannot
 * enter the top and is skipped, and once no later class can, the search stops. The rare classes are
 * small and quickly lift that score above what the common words' chunks could reach, so those are
 * never scored. After BOUNDED_CLASSES classes, the remaining ones are searched together.
 *
 * A multi class is "t_i AND (later) NOT (earlier)", an expression naming every term once, so bm25()
 * scores its chunks exactly as the plain OR query does. A single class is "t_i" alone: bm25() then
 * counts the posting list of t_i only (every statement counts those of all its terms, for their
 * IDF: a common word's costs more than scoring the class). Its chunks that hold other terms too come
 * with less than their score; each belongs to a class searched before (or skipped, as unable to
 * enter the top), and keeps the higher of its two scores, so it never takes a place it should not;
 * and a single chunk it pushes out of this class's best `limit` has `limit` chunks above it anyway.
 */
export function boundedMatches(db: Database.Database, terms: TermFrequency[], rows: number, limit: number): { id: number; score: number }[] {
  // A term no chunk holds adds nothing to any score and matches nothing.
  const t = terms.filter((x) => x.df > 0).sort((a, b) => a.df - b.df);
  const bound = t.map((x) => termScoreBound(x.df, rows));
  // tail[i]: the most terms i, i+1, ... can add to one chunk's score.
  const tail = new Array<number>(t.length + 1).fill(0);
  for (let i = t.length - 1; i >= 0; i--) tail[i] = tail[i + 1] + bound[i];
  const top = topStatement(db);
  let best: { id: number; score: number }[] = [];
  let floor = -Infinity;
  // bm25() and these bounds may round differently in the last bits: the margin keeps the test safe.
  const above = (b: number) => floor === -Infinity || b > floor + Math.abs(floor) * 1e-9 + 1e-12;
  const search = (expression: string) => {
    // A chunk found twice keeps its higher score (a single class's "t_i" gives part of some scores).
    const byId = new Map(best.map((b) => [b.id, b]));
    for (const row of top.all(expression, limit) as { id: number; score: number }[]) {
      const seen = byId.get(row.id);
      if (!seen || row.score > seen.score) byId.set(row.id, row);
    }
    best = [...byId.values()].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
    if (best.length >= limit) floor = best[limit - 1].score;
  };
  const or = (xs: TermFrequency[]) => xs.map((x) => x.term).join(" OR ");
  for (let i = 0; i < t.length && above(tail[i]); i++) {
    const earlier = i ? ` NOT (${or(t.slice(0, i))})` : "";
    if (i === BOUNDED_CLASSES) {
      search(`(${or(t.slice(i))})${earlier}`);
      break;
    }
    const later = or(t.slice(i + 1));
    if (later && above(bound[i] + tail[i + 1])) search(`(${t[i].term} AND (${later}))${earlier}`);
    if (above(bound[i])) search(t[i].term);
  }
  return best;
}
