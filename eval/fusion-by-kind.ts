// The sweep behind query-aware fusion and the ranking signals' strengths (server/src/search/fusion.ts
// FUSION_BY_KIND, server/src/search/ranking-signals.ts): every labelled query's two raw rankings
// (vector and BM25, 50 deep) are fetched once, then every variant re-ranks them offline with the
// engine's own rankWithSignals, so hundreds of variants cost seconds.
//
//   node --import tsx eval/fusion-by-kind.ts [--corpora code,python,...] [--model bundled|tiny|minilm] [--reuse DIR] [--out FILE]
//
// Prints, per query kind (query-kind.ts), the best RRF k / keyword weight / coverage power; then
// the ablation table (each signal off alone, each alone, all off) and the signal-strength sweep,
// with nDCG@10, MRR and recall@10 per category, and how many natural-language questions hybrid
// ranks below the better of its two halves. Writes everything to --out (JSON).
// The per-kind grid varies the table for code (FUSION_BY_KIND): queries whose candidates are prose
// keep FUSION_BY_KIND_PROSE, which eval/sweep-prose.ts varies.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_RANKING, NO_RANKING_SIGNALS, QUERY_KINDS, RANKING_SWITCHES, type QueryKind, type ResolvedRanking } from "../shared/src/ranking";
import { Engine } from "../server/src/engine/engine";
import { DEFAULT_FUSION, FUSION_BY_KIND, type KindFusion, type Scored } from "../server/src/search/fusion";
import { rankWithSignals, type CandidateRow, type SignalStrengths } from "../server/src/search/hybrid";
import { classifyQuery } from "../server/src/search/query-kind";
import { CORPORA, materialise } from "./corpora";
import { EVAL_CHUNK_CHARS, evalEngineOptions } from "./engine-options";
import { defaultCategory, isRelevant, loadQueries, QUESTION_CATEGORIES, resolveQueries, type ResolvedQuery } from "./labels";
import { aggregate, judge, type Metrics, type Unit } from "./metrics";

const ROOT = join(__dirname, "..");
const { values } = parseArgs({
  options: {
    corpora: { type: "string", default: CORPORA.map((c) => c.name).join(",") },
    model: { type: "string", default: "bundled" },
    reuse: { type: "string", default: join(ROOT, ".semsearch", "eval-fusion-by-kind") },
    out: { type: "string", default: join(ROOT, "bench", "results", "fusion-by-kind.json") },
    depth: { type: "string", default: "50" },
    // The fetched rankings as JSON: written after fetching, read instead of fetching when present
    // (for iterating on variants; delete it after changing indexing or the engine's retrieval).
    cache: { type: "string" },
  },
});
const askedCorpora = values.corpora!.split(",").map((s) => s.trim());

interface Prepared {
  q: ResolvedQuery;
  corpus: string;
  kind: QueryKind;
  semantic: Scored[];
  lexical: Scored[];
  /** Found by a queried name (engine rankedLists); missing in a cache written before it existed. */
  named?: Scored[];
  rows: Map<number, CandidateRow & { startLine: number; endLine: number }>;
}

interface Variant {
  name: string;
  ranking: ResolvedRanking;
  byKind: Record<QueryKind, KindFusion>;
  strengths?: Partial<SignalStrengths>;
}

async function prepare(): Promise<Prepared[]> {
  const cache = values.cache && resolve(values.cache);
  if (cache && existsSync(cache)) {
    const saved = JSON.parse(readFileSync(cache, "utf8")) as (Omit<Prepared, "rows"> & { rows: [number, Prepared["rows"] extends Map<number, infer R> ? R : never][] })[];
    // A cache may hold more corpora than asked for (it is written once over all of them): keep the
    // asked ones, so a sweep over tuning sets never reads a held-out set's queries.
    const wanted = new Set(askedCorpora);
    const missing = [...wanted].filter((name) => !saved.some((p) => p.corpus === name));
    if (missing.length) throw new Error(`${cache} has no rankings for ${missing.join(", ")}: delete it or pass another --cache`);
    const kept = saved.filter((p) => wanted.has(p.corpus));
    log(`read the rankings of ${kept.length} of ${saved.length} queries from ${cache}`);
    return kept.map((p) => ({ ...p, kind: classifyQuery(p.q.query).kind, rows: new Map(p.rows) }));
  }
  const out = await fetchRankings();
  if (cache) {
    mkdirSync(dirname(cache), { recursive: true });
    writeFileSync(cache, JSON.stringify(out.map((p) => ({ ...p, rows: [...p.rows] }))));
  }
  return out;
}

async function fetchRankings(): Promise<Prepared[]> {
  const out: Prepared[] = [];
  const depth = Number(values.depth);
  for (const name of askedCorpora) {
    const spec = CORPORA.find((c) => c.name === name);
    if (!spec) throw new Error(`unknown corpus ${name}; known: ${CORPORA.map((c) => c.name).join(", ")}`);
    const m = materialise(spec, join(resolve(values.reuse!), spec.name), { fetch: true });
    const queries = resolveQueries(loadQueries(join(__dirname, "queries", `${spec.name}.jsonl`), defaultCategory(spec.kind)), m.dir);
    // The engine as `npm run eval` opens it, so that a --reuse folder shared with it indexes once.
    const engine = await Engine.open(evalEngineOptions(values.model!, EVAL_CHUNK_CHARS, m.dir));
    try {
      const summary = await engine.indexFolder();
      log(`${name}: ${summary.chunks} chunks (${summary.embedded} files embedded now), ${queries.length} queries`);
      for (const q of queries) {
        const lists = await engine.rankedLists(q.query, depth);
        const ids = [...new Set([...lists.semantic, ...lists.lexical, ...lists.named].map((e) => e.id))];
        const stored = engine.store.chunks(ids);
        const rows = new Map([...stored].map(([id, r]) => [id, { path: r.path, text: r.text, metadata: r.metadata, startLine: r.startLine, endLine: r.endLine }]));
        out.push({
          q,
          corpus: name,
          kind: classifyQuery(q.query).kind,
          semantic: lists.semantic.map((e) => ({ id: e.id, score: e.score })),
          lexical: lists.lexical.map((e) => ({ id: e.id, score: e.score })),
          named: lists.named.map((e) => ({ id: e.id, score: e.score })),
          rows,
        });
      }
    } finally {
      await engine.close();
    }
  }
  return out;
}

type Mode = "semantic" | "lexical" | "hybrid";

/** The top 10 of one query in one mode under one variant. */
function top10(p: Prepared, mode: Mode, v: Variant) {
  const ids = mode === "semantic" ? p.semantic.map((s) => s.id) : rankWithSignals({ mode, query: p.q.query, semantic: p.semantic, lexical: p.lexical, named: p.named, rows: p.rows, ranking: v.ranking, fusion: DEFAULT_FUSION, byKind: v.byKind, strengths: v.strengths }).map((r) => r.id);
  return ids.slice(0, 10).map((id) => p.rows.get(id)!).filter(Boolean);
}

function outcome(p: Prepared, mode: Mode, v: Variant, unit: Unit = "chunk") {
  return judge(top10(p, mode, v), p.q, unit);
}

/** Chunk rank of the first hit matching a best-graded answer (as npm run eval's property counts it). */
function firstRank(p: Prepared, mode: Mode, v: Variant): number {
  const top = Math.max(...p.q.answers.map((a) => a.grade ?? 1));
  const best = p.q.answers.filter((a) => (a.grade ?? 1) === top);
  const at = top10(p, mode, v).findIndex((h) => isRelevant(h, best));
  return at < 0 ? Infinity : at + 1;
}

function score(ps: Prepared[], mode: Mode, v: Variant, unit: Unit = "chunk"): Metrics {
  return aggregate(ps.map((p) => outcome(p, mode, v, unit)));
}

/**
 * Natural-language questions whose best answer hybrid ranks below where the better half does; the
 * lexical half with the same signals, as npm run eval counts it.
 */
function violations(ps: Prepared[], v: Variant): number {
  return ps.filter((p) => (QUESTION_CATEGORIES as readonly string[]).includes(p.q.category)).filter((p) => {
    const best = Math.min(firstRank(p, "semantic", v), firstRank(p, "lexical", v));
    return best <= 10 && firstRank(p, "hybrid", v) > best;
  }).length;
}

const f = (x: number) => x.toFixed(3);
const row = (m: Metrics) => `${f(m["ndcg@10"])} ${f(m.mrr)} ${f(m["recall@10"])}`;

async function main(): Promise<void> {
  const ps = await prepare();
  const report: Record<string, unknown> = { generatedAt: new Date().toISOString(), model: values.model, queries: ps.length };
  const categories = [...new Set(ps.map((p) => p.q.category))];
  const kinds = QUERY_KINDS.filter((k) => ps.some((p) => p.kind === k));
  log(`\nqueries by kind: ${kinds.map((k) => `${k} ${ps.filter((p) => p.kind === k).length}`).join(", ")}; by category: ${categories.map((c) => `${c} ${ps.filter((p) => p.q.category === c).length}`).join(", ")}`);
  const base: Variant = { name: "default", ranking: DEFAULT_RANKING, byKind: FUSION_BY_KIND };

  // 1. Fusion per kind, with the other signals at their defaults.
  const grid: KindFusion[] = [];
  // A lead either swaps the weights, or also counts each keyword hit by its coverage ("cov").
  for (const k of [1, 3, 5, 10, 30]) for (const w of [1, 2, 3, 4, 6, 8]) for (const c of [0, 1]) for (const lead of [undefined, 0.2, 0.25, 0.34, 0.5]) {
    grid.push({ k, weights: [1, w], coveragePower: c, ...(lead ? { semanticLeadBelow: lead } : {}) });
    if (lead) grid.push({ k, weights: [1, w], coveragePower: c, semanticLeadBelow: lead, lead: { weights: [w, 1], coveragePower: 1 } });
  }
  const chosen = { ...FUSION_BY_KIND };
  const sweep: Record<string, unknown> = {};
  log("\nfusion by query kind (nDCG@10 MRR R@10 of hybrid over that kind's queries; signals on):");
  for (const kind of kinds) {
    const subset = ps.filter((p) => p.kind === kind);
    const results = grid.map((g) => ({ g, m: score(subset, "hybrid", { ...base, byKind: { ...FUSION_BY_KIND, [kind]: g } }) }));
    results.sort((a, b) => b.m["ndcg@10"] - a.m["ndcg@10"] || b.m.mrr - a.m.mrr);
    const current = score(subset, "hybrid", base);
    sweep[kind] = results.map((r) => ({ ...r.g, metrics: r.m }));
    log(`  ${kind} (${subset.length}): current ${JSON.stringify(FUSION_BY_KIND[kind])} ${row(current)}`);
    for (const r of results.slice(0, 5)) log(`    k=${r.g.k} keyword×${r.g.weights[1]} coverage^${r.g.coveragePower} lead<${r.g.semanticLeadBelow ?? "-"}${r.g.lead ? " cov" : ""}: ${row(r.m)}`);
    chosen[kind] = results[0].g;
  }
  report.fusionSweep = sweep;

  // 2. Per mode and category, before (no signals, the old fixed fusion) and after (defaults).
  const before: Variant = { name: "before (plain RRF k=3, keyword×2, no signals)", ranking: NO_RANKING_SIGNALS, byKind: FUSION_BY_KIND };
  const table: Record<string, unknown> = {};
  log("\nper mode and category (nDCG@10 MRR R@10):");
  for (const v of [before, base]) {
    log(`  ${v.name}`);
    for (const mode of ["semantic", "lexical", "hybrid"] as Mode[]) {
      for (const c of [...categories, "all"]) {
        const subset = c === "all" ? ps : ps.filter((p) => p.q.category === c);
        const m = score(subset, mode, v);
        const mf = score(subset, mode, v, "file");
        table[`${v.name}|${mode}|${c}`] = { chunks: m, files: mf };
        log(`    ${mode.padEnd(8)} ${c.padEnd(13)} ${row(m)}   files ${row(mf)}`);
      }
    }
    log(`    questions ranked below the better half: ${violations(ps, v)} of ${ps.filter((p) => (QUESTION_CATEGORIES as readonly string[]).includes(p.q.category)).length}`);
  }
  report.modes = table;

  // 3. Ablation: each switch off alone, each alone, all off (hybrid and lexical).
  // bm25CodeLength shapes the keyword list itself, before the cached lists this re-ranks: `npm run
  // eval -- --ablate` measures it.
  const switches = RANKING_SWITCHES.filter((s) => s !== "bm25CodeLength");
  const offOf = (s: (typeof switches)[number]) => ({ [s]: NO_RANKING_SIGNALS[s] });
  const ablation: Variant[] = [
    base,
    ...switches.map((s) =>
      DEFAULT_RANKING[s] === false ? { ...base, name: `with ${s}`, ranking: { ...DEFAULT_RANKING, [s]: true } } : { ...base, name: `without ${s}`, ranking: { ...DEFAULT_RANKING, ...offOf(s) } },
    ),
    ...switches.map((s) => ({ ...base, name: `only ${s}`, ranking: { ...NO_RANKING_SIGNALS, [s]: typeof DEFAULT_RANKING[s] === "boolean" ? true : DEFAULT_RANKING[s], demote: DEFAULT_RANKING.demote } })),
    { ...base, name: "all off", ranking: NO_RANKING_SIGNALS },
  ];
  log(`\nablation (nDCG@10 MRR R@10; hybrid per category, then lexical all):`);
  log(`  ${"variant".padEnd(26)} ${categories.map((c) => c.padEnd(19)).join(" ")} ${"hybrid all".padEnd(19)} ${"lexical all".padEnd(19)} ${"hybrid files".padEnd(19)} below-half`);
  const abl: Record<string, unknown> = {};
  for (const v of ablation) {
    const cells = categories.map((c) => score(ps.filter((p) => p.q.category === c), "hybrid", v));
    const all = score(ps, "hybrid", v);
    const lex = score(ps, "lexical", v);
    const files = score(ps, "hybrid", v, "file");
    abl[v.name] = { categories: Object.fromEntries(categories.map((c, i) => [c, cells[i]])), hybrid: all, lexical: lex, hybridFiles: files, belowHalf: violations(ps, v) };
    log(`  ${v.name.padEnd(26)} ${cells.map((m) => row(m).padEnd(19)).join(" ")} ${row(all).padEnd(19)} ${row(lex).padEnd(19)} ${row(files).padEnd(19)} ${violations(ps, v)}`);
  }
  report.ablation = abl;

  // 4. Strengths, one at a time around the defaults.
  const strengths: [keyof SignalStrengths, number[]][] = [
    ["definition", [1.25, 1.5, 2, 3, 4]],
    ["path", [0.25, 0.5, 1, 2]],
    ["symbol", [0.25, 0.5, 1, 2]],
    ["demote", [0.25, 0.5, 0.75]],
    ["fileCredit", [0.05, 0.1, 0.25, 0.5, 1]],
  ];
  log("\nsignal strengths (hybrid all, lexical all, hybrid on file ranks):");
  const str: Record<string, unknown> = {};
  for (const [key, options] of strengths) {
    for (const x of options) {
      // File credit is off by default: its strengths are measured with it switched on.
      const v = { ...base, strengths: { [key]: x }, ...(key === "fileCredit" ? { ranking: { ...DEFAULT_RANKING, fileCredit: true } } : {}) };
      const h = score(ps, "hybrid", v);
      const l = score(ps, "lexical", v);
      const hf = score(ps, "hybrid", v, "file");
      str[`${key}=${x}`] = { hybrid: h, lexical: l, hybridFiles: hf };
      log(`  ${`${key}=${x}`.padEnd(18)} ${row(h)}   ${row(l)}   ${row(hf)}`);
    }
  }
  for (const cap of [1, 2, 3, 5, 0]) {
    const v = { ...base, ranking: { ...DEFAULT_RANKING, perFileCap: cap } };
    const h = score(ps, "hybrid", v);
    const l = score(ps, "lexical", v);
    const hf = score(ps, "hybrid", v, "file");
    str[`perFileCap=${cap}`] = { hybrid: h, lexical: l, hybridFiles: hf };
    log(`  ${`perFileCap=${cap}`.padEnd(18)} ${row(h)}   ${row(l)}   ${row(hf)}`);
  }
  report.strengths = str;

  // 5. The per-kind choice together.
  const tuned: Variant = { ...base, name: "best per kind", byKind: chosen };
  log(`\nbest per kind together: hybrid ${row(score(ps, "hybrid", tuned))}, below-half ${violations(ps, tuned)}; chosen ${JSON.stringify(chosen)}`);
  report.chosen = chosen;

  const out = resolve(values.out!);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, (_k, v) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v), 2) + "\n");
  log(`wrote ${out}`);
}

function log(message: string): void {
  process.stdout.write(message + "\n");
}

main().catch((err) => {
  process.stderr.write(`fusion-by-kind: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
