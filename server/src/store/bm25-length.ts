// BM25's length normalisation, set per kind of chunk. FTS5's bm25() has b = 0.75 built in (k1 = 1.2):
// a chunk twice the average length needs about 1.6 times the matches of an average one to score
// alike. That suits prose, where a long section that says a word once is about it less; it does not
// suit code, where a whole function or class is one chunk and the one that implements a question's
// answer is often the long one, and identifier parts (search/identifiers.ts) make code chunks longer
// still. On `npm run eval`, b = 0.4 for code chunks took hybrid nDCG@10 on code from 0.626 to 0.640
// (the held-out sets alike) and kept the docs questions where they were; a lower b for prose too
// lost them. docs/search-quality.md, "BM25's b set for code", has the sweep.
//
// FTS5 cannot be given another b, and better-sqlite3 cannot register an FTS5 ranking function, so
// FTS5 finds and orders the candidates and each code chunk's score is then re-weighted by the
// ratio of the two normalisations (lengthFactor). That ratio is exact for a term found once in the
// chunk, the common case, and close for more (a term found f times: the ratio moves toward 1).
import type Database from "better-sqlite3";
import { languageOf } from "../discovery/languages";
import { isProseKind } from "../search/fusion";

/** FTS5's built-in BM25 parameters (sqlite3.c fts5Bm25Function). */
export const FTS5_K1 = 1.2;
export const FTS5_B = 0.75;

/** A term's IDF as FTS5's bm25() has it: log((N - n + 0.5) / (n + 0.5)) for n of N rows, floored at 1e-6. */
export function fts5Idf(df: number, rows: number): number {
  const idf = Math.log((rows - df + 0.5) / (df + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}

/** b for code chunks (anything but markdown and plain text). */
export const CODE_LENGTH_B = 0.4;

/**
 * At least this many of FTS5's best are re-weighted (more when more are asked for): a long chunk
 * that b = 0.75 left lower still has to be among them to move up.
 */
export const RELENGTH_DEPTH = 100;

/**
 * What a term found once in a chunk of `length` tokens scores with `b`, relative to what it scores
 * with FTS5's b: (1 + k1·K₀) / (1 + k1·K), K = 1 - b + b·length/average.
 */
export function lengthFactor(length: number, average: number, b: number): number {
  if (!(average > 0)) return 1;
  const norm = (bb: number) => 1 - bb + (bb * length) / average;
  return (1 + FTS5_K1 * norm(FTS5_B)) / (1 + FTS5_K1 * norm(b));
}

/**
 * The varints at the start of an FTS5 record: a %_docsize row (tokens per column) or the
 * "averages" record (rows, then tokens per column). SQLite's varint: 7 bits a byte, high bit set on
 * all but the last, a ninth byte whole. A varint the record cuts short is not read.
 */
export function readVarints(block: Buffer, count: number): number[] {
  const out: number[] = [];
  let i = 0;
  while (out.length < count && i < block.length) {
    let value = 0;
    let complete = false;
    for (let n = 0; i < block.length && !complete; n++) {
      const byte = block[i++];
      if (n === 8) {
        value = value * 256 + byte;
        complete = true;
      } else {
        value = value * 128 + (byte & 0x7f);
        complete = !(byte & 0x80);
      }
    }
    if (!complete) break;
    out.push(value);
  }
  return out;
}

/** The FTS table's mean tokens a row over its `columns` columns, from its averages record; undefined when unreadable. */
export function averageLength(block: Buffer | undefined, columns: number): number | undefined {
  if (!block?.length) return undefined;
  const [rows, ...totals] = readVarints(block, columns + 1);
  if (!rows || totals.length < columns) return undefined;
  return totals.reduce((a, t) => a + t, 0) / rows;
}

const lengthStatements = new WeakMap<Database.Database, Database.Statement>();

/**
 * `matches` (FTS5's order, score = minus bm25) with each code chunk's score re-weighted to BM25 with
 * `codeB` (lengthFactor), best first, equal scores by id; a code chunk's entry says its factor
 * (for --explain). Markdown and text keep FTS5's score.
 * `table` is the FTS table and `columns` its column count: a row's length is its tokens over all of
 * them, as bm25() counts it.
 */
export function reweighCodeLength(
  db: Database.Database,
  table: string,
  columns: number,
  matches: { id: number; score: number }[],
  average: number,
  codeB: number,
): { id: number; score: number; lengthFactor?: number }[] {
  if (!matches.length) return matches;
  let lengths = lengthStatements.get(db);
  if (!lengths) {
    // The kind comes from the path, as discovery gave it (languageOf): reading the metadata column
    // would read past the row's text and vector, overflow pages and all, for every candidate.
    lengths = db.prepare(
      `SELECT c.id AS id, c.path AS path, d.sz AS sz
       FROM chunks c JOIN ${table}_docsize d ON d.id = c.id WHERE c.id IN (SELECT value FROM json_each(?))`,
    );
    lengthStatements.set(db, lengths);
  }
  const rows = lengths.all(JSON.stringify(matches.map((m) => m.id))) as { id: number; path: string; sz: Buffer }[];
  const factor = new Map<number, number>();
  for (const r of rows) {
    // A script without an extension has no language by its name, and is code.
    if (isProseKind(languageOf(r.path)?.kind)) continue;
    const length = readVarints(r.sz, columns).reduce((a, n) => a + n, 0);
    factor.set(r.id, lengthFactor(length, average, codeB));
  }
  return matches
    .map((m) => {
      const f = factor.get(m.id);
      return f === undefined ? { id: m.id, score: m.score } : { id: m.id, score: m.score * f, lengthFactor: f };
    })
    .sort((a, b) => b.score - a.score || a.id - b.id);
}
