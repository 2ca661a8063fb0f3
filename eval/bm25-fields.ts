// Keyword ranking variants measured on the same chunks: plain BM25 over the chunk text (what a
// stock FTS5 or a plain BM25 gives), the shipped layout (text with identifier parts, one `names`
// column of symbol + heading + path weighted 2), and symbol, heading and path as columns of their
// own with their own bm25() weights; and the shipped layout with other k1 and b, scored in JS from
// the table's postings (FTS5's bm25() has k1 = 1.2 and b = 0.75 built in).
//
// Reads the chunks of the indexes eval/fusion-by-kind.ts built (--reuse DIR, same default), builds
// each variant as an in-memory FTS5 table, runs every labelled query in keyword order (top 10), and
// prints nDCG@10 / MRR / recall@10 per category.
//
//   node --import tsx eval/bm25-fields.ts [--corpora code,python,...] [--reuse DIR] [--model bundled|tiny|minilm]
//        [--k1 1.2,2,3,5] [--b 0,0.2,0.3,0.5,0.75] [--split]   (--split: the 48 three-column weightings too)
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { identifierParts } from "../server/src/search/identifiers";
import { matchTerms } from "../server/src/search/lexical";
import { fts5Idf, readVarints } from "../server/src/store/bm25-length";
import { CORPORA } from "./corpora";
import { EVAL_CHUNK_CHARS, evalEngineOptions } from "./engine-options";
import { defaultCategory, loadQueries, resolveQueries, type ResolvedQuery } from "./labels";
import { aggregate, judge, type Metrics, type Outcome } from "./metrics";

const ROOT = join(__dirname, "..");
const { values } = parseArgs({
  options: {
    corpora: { type: "string", default: CORPORA.map((c) => c.name).join(",") },
    reuse: { type: "string", default: join(ROOT, ".semsearch", "eval-fusion-by-kind") },
    model: { type: "string", default: "bundled" },
    k1: { type: "string", default: "1.2,2,3,5" },
    b: { type: "string", default: "0,0.2,0.3,0.5,0.75" },
    split: { type: "boolean", default: false },
  },
});

interface Chunk {
  id: number;
  path: string;
  text: string;
  startLine: number;
  endLine: number;
  symbol: string;
  heading: string;
}

interface Layout {
  name: string;
  tokenizer: string;
  /** Column name -> the text stored in it. */
  columns: Record<string, (c: Chunk) => string>;
  weights: number[];
  /** BM25's k1 and b, scored in JS from the table's postings (fts5vocab) instead of FTS5's bm25(). */
  params?: { k1: number; b: number };
}

const PORTER = `porter unicode61 remove_diacritics 2 tokenchars '_'`;
const withParts = (t: string) => {
  const parts = identifierParts(t);
  return parts.length ? `${t}\n${parts.join(" ")}` : t;
};

const shippedColumns = { body: (c: Chunk) => withParts(c.text), names: (c: Chunk) => withParts([c.symbol, c.heading, c.path].filter(Boolean).join("\n")) };

const layouts: Layout[] = [
  { name: "plain BM25: text only, unicode61", tokenizer: "unicode61", columns: { body: (c) => c.text }, weights: [1] },
  { name: "plain BM25: text only, porter", tokenizer: PORTER, columns: { body: (c) => c.text }, weights: [1] },
  ...[1, 2, 4].map((w) => ({
    name: `shipped: body+parts, names×${w}`,
    tokenizer: PORTER,
    columns: shippedColumns,
    weights: [1, w],
  })),
];
for (const k1 of values.k1!.split(",").map(Number)) {
  for (const b of values.b!.split(",").map(Number)) {
    layouts.push({ name: `shipped, k1 ${k1} b ${b}`, tokenizer: PORTER, columns: shippedColumns, weights: [1, 2], params: { k1, b } });
  }
}
for (const s of values.split ? [1, 2, 4, 8] : []) {
  for (const h of [1, 2, 4]) {
    for (const p of [0.5, 1, 2, 4]) {
      layouts.push({
        name: `split: symbol×${s} heading×${h} path×${p}`,
        tokenizer: PORTER,
        columns: {
          body: (c) => withParts(c.text),
          symbol: (c) => withParts(c.symbol),
          heading: (c) => withParts(c.heading),
          path: (c) => withParts(c.path),
        },
        weights: [1, s, h, p],
      });
    }
  }
}

function run(chunks: Chunk[], queries: ResolvedQuery[], layout: Layout): Outcome[] {
  const db = new Database(":memory:");
  const cols = Object.keys(layout.columns);
  db.exec(`CREATE VIRTUAL TABLE f USING fts5(${cols.join(", ")}, tokenize="${layout.tokenizer}")`);
  const insert = db.prepare(`INSERT INTO f (rowid, ${cols.join(", ")}) VALUES (?, ${cols.map(() => "?").join(", ")})`);
  db.transaction(() => {
    for (const c of chunks) insert.run(c.id, ...cols.map((k) => layout.columns[k](c)));
  })();
  const count = db.prepare(`SELECT count(*) AS n FROM f WHERE f MATCH ?`);
  const rank = `bm25(f, ${layout.weights.join(", ")})`;
  const search = db.prepare(`SELECT rowid AS id FROM f WHERE f MATCH ? ORDER BY ${rank} LIMIT 10`);
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const scored = layout.params ? jsBm25(db, cols.length, layout.weights, layout.params, layout.tokenizer) : undefined;
  const out = queries.map((q) => {
    const terms = matchTerms(q.query);
    // As the engine does (store/fts.ts KeywordIndex.informative): terms in more than half the chunks are dropped.
    const kept = terms.length <= 1 ? terms : terms.filter((t) => (count.get(t) as { n: number }).n <= chunks.length / 2);
    const match = (kept.length ? kept : terms).join(" OR ");
    const ids = !match ? [] : scored ? scored(kept.length ? kept : terms) : (search.all(match) as { id: number }[]).map((r) => r.id);
    return judge(ids.map((id) => byId.get(id)!), q, "chunk");
  });
  db.close();
  return out;
}

/**
 * FTS5's bm25() (sqlite3.c fts5Bm25Function) with k1 and b as parameters: a term's frequency is the
 * weighted sum of its counts per column, D the row's tokens over all columns, IDF floored at 1e-6.
 * Returns a ranker: quoted terms -> the top 10 row ids.
 */
function jsBm25(db: Database.Database, nCols: number, weights: number[], p: { k1: number; b: number }, tokenizer: string): (terms: string[]) => number[] {
  db.exec(`CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance'); CREATE VIRTUAL TABLE tok USING fts5(x, tokenize="${tokenizer}"); CREATE VIRTUAL TABLE tokv USING fts5vocab(tok, 'row')`);
  const len = new Map<number, number>();
  for (const r of db.prepare("SELECT id, sz FROM f_docsize").all() as { id: number; sz: Buffer }[]) {
    len.set(r.id, readVarints(r.sz, nCols).reduce((a, x) => a + x, 0));
  }
  const N = len.size;
  const avgdl = [...len.values()].reduce((a, x) => a + x, 0) / N;
  const postings = db.prepare("SELECT doc, col, count(*) AS n FROM v WHERE term = ? GROUP BY doc, col");
  // The table's tokenizer, run on one query term at a time: the term as the index holds it.
  const clearTok = db.prepare("DELETE FROM tok");
  const putTok = db.prepare("INSERT INTO tok (x) VALUES (?)");
  const tokTerms = db.prepare("SELECT term FROM tokv").pluck();
  const colIndex = new Map<string, number>();
  db.prepare("SELECT * FROM pragma_table_info('f')").all().forEach((r, i) => colIndex.set((r as { name: string }).name, i));
  return (terms) => {
    const score = new Map<number, number>();
    for (const quoted of terms) {
      clearTok.run();
      putTok.run(quoted.slice(1, -1).replace(/""/g, '"'));
      const tokens = tokTerms.all() as string[];
      if (tokens.length !== 1) continue;
      const freq = new Map<number, number>();
      for (const r of postings.all(tokens[0]) as { doc: number; col: string; n: number }[]) {
        freq.set(r.doc, (freq.get(r.doc) ?? 0) + r.n * (weights[colIndex.get(r.col) ?? 0] ?? 1));
      }
      const idf = fts5Idf(freq.size, N);
      for (const [doc, f] of freq) {
        const add = (idf * f * (p.k1 + 1)) / (f + p.k1 * (1 - p.b + (p.b * len.get(doc)!) / avgdl));
        score.set(doc, (score.get(doc) ?? 0) + add);
      }
    }
    return [...score].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10).map(([id]) => id);
  };
}

function main(): void {
  const perCorpus: { name: string; chunks: Chunk[]; queries: ResolvedQuery[] }[] = [];
  for (const name of values.corpora!.split(",").map((s) => s.trim())) {
    const spec = CORPORA.find((c) => c.name === name);
    if (!spec) throw new Error(`unknown corpus ${name}`);
    const dir = join(resolve(values.reuse!), name);
    const dbPath = evalEngineOptions(values.model!, EVAL_CHUNK_CHARS, dir).dbPath!;
    if (!existsSync(dbPath)) throw new Error(`${dbPath} is missing: run eval/fusion-by-kind.ts first (it builds the indexes)`);
    const db = new Database(dbPath, { readonly: true });
    const rows = db.prepare("SELECT id, path, text, start_line AS startLine, end_line AS endLine, metadata FROM chunks").all() as (Omit<Chunk, "symbol" | "heading"> & { metadata: string })[];
    db.close();
    const chunks = rows.map((r) => {
      const m = JSON.parse(r.metadata) as Record<string, unknown>;
      return { ...r, symbol: typeof m.symbol === "string" ? m.symbol : "", heading: typeof m.heading === "string" ? m.heading : "" };
    });
    const queries = resolveQueries(loadQueries(join(__dirname, "queries", `${name}.jsonl`), defaultCategory(spec.kind)), dir);
    perCorpus.push({ name, chunks, queries });
  }
  const categories = [...new Set(perCorpus.flatMap((c) => c.queries.map((q) => q.category)))];
  const f = (m: Metrics) => `${m["ndcg@10"].toFixed(3)} ${m.mrr.toFixed(3)} ${m["recall@10"].toFixed(3)}`;
  process.stdout.write(`${"layout".padEnd(40)} ${[...categories, "all"].map((c) => c.padEnd(19)).join(" ")}\n`);
  const results: { name: string; all: Metrics }[] = [];
  for (const layout of layouts) {
    const outcomes = perCorpus.flatMap((c) => run(c.chunks, c.queries, layout).map((o, i) => ({ o, category: c.queries[i].category })));
    const cells = categories.map((cat) => aggregate(outcomes.filter((x) => x.category === cat).map((x) => x.o)));
    const all = aggregate(outcomes.map((x) => x.o));
    results.push({ name: layout.name, all });
    process.stdout.write(`${layout.name.padEnd(40)} ${[...cells, all].map((m) => f(m).padEnd(19)).join(" ")}\n`);
  }
  results.sort((a, b) => b.all["ndcg@10"] - a.all["ndcg@10"]);
  process.stdout.write(`\nbest five by nDCG@10: ${results.slice(0, 5).map((r) => `${r.name} ${r.all["ndcg@10"].toFixed(3)}`).join("; ")}\n`);
}

main();
