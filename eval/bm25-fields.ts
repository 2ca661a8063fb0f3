// Keyword ranking variants measured on the same chunks: plain BM25 over the chunk text (what a
// stock FTS5 or a plain BM25 gives), the shipped layout (text with identifier parts, one `names`
// column of symbol + heading + path weighted 2), and symbol, heading and path as columns of their
// own with their own bm25() weights. FTS5's bm25 has k1 = 1.2 and b = 0.75 built in; what can be
// tuned is the column weights and the tokenization, so that is what this compares.
//
// Reads the chunks of the indexes eval/fusion-by-kind.ts built (--reuse DIR, same default), builds
// each variant as an in-memory FTS5 table, runs every labelled query in keyword order (top 10), and
// prints nDCG@10 / MRR / recall@10 per category.
//
//   node --import tsx eval/bm25-fields.ts [--corpora code,python,...] [--reuse DIR]
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { identifierParts } from "../server/src/search/identifiers";
import { matchTerms } from "../server/src/search/lexical";
import { CORPORA } from "./corpora";
import { defaultCategory, loadQueries, resolveQueries, type ResolvedQuery } from "./labels";
import { aggregate, judge, type Metrics, type Outcome } from "./metrics";

const ROOT = join(__dirname, "..");
const { values } = parseArgs({
  options: {
    corpora: { type: "string", default: CORPORA.map((c) => c.name).join(",") },
    reuse: { type: "string", default: join(ROOT, ".semsearch", "eval-fusion-by-kind") },
    model: { type: "string", default: "bundled" },
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
}

const PORTER = `porter unicode61 remove_diacritics 2 tokenchars '_'`;
const withParts = (t: string) => {
  const parts = identifierParts(t);
  return parts.length ? `${t}\n${parts.join(" ")}` : t;
};

const layouts: Layout[] = [
  { name: "plain BM25: text only, unicode61", tokenizer: "unicode61", columns: { body: (c) => c.text }, weights: [1] },
  { name: "plain BM25: text only, porter", tokenizer: PORTER, columns: { body: (c) => c.text }, weights: [1] },
  ...[1, 2, 4].map((w) => ({
    name: `shipped: body+parts, names×${w}`,
    tokenizer: PORTER,
    columns: { body: (c: Chunk) => withParts(c.text), names: (c: Chunk) => withParts([c.symbol, c.heading, c.path].filter(Boolean).join("\n")) },
    weights: [1, w],
  })),
];
for (const s of [1, 2, 4, 8]) {
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
  const out = queries.map((q) => {
    const terms = matchTerms(q.query);
    // As the engine does (store/fts.ts KeywordIndex.informative): terms in more than half the chunks are dropped.
    const kept = terms.length <= 1 ? terms : terms.filter((t) => (count.get(t) as { n: number }).n <= chunks.length / 2);
    const match = (kept.length ? kept : terms).join(" OR ");
    const ids = match ? (search.all(match) as { id: number }[]).map((r) => r.id) : [];
    return judge(ids.map((id) => byId.get(id)!), q, "chunk");
  });
  db.close();
  return out;
}

function main(): void {
  const perCorpus: { name: string; chunks: Chunk[]; queries: ResolvedQuery[] }[] = [];
  for (const name of values.corpora!.split(",").map((s) => s.trim())) {
    const spec = CORPORA.find((c) => c.name === name);
    if (!spec) throw new Error(`unknown corpus ${name}`);
    const dir = join(resolve(values.reuse!), name);
    const dbPath = join(dir, ".semsearch", `${values.model}.db`);
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
