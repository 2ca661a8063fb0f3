// The fusion for code, chosen on the tuning sets only and checked on the held-out ones (eval/held-out.ts).
// Re-ranks the cached rankings of eval/fusion-by-kind.ts (--cache) with the engine's rankWithSignals:
// for each query kind, a grid of RRF k, keyword weight and coverage power (meaning's lead left as it
// is), then the lead varied around the best of that; every variant scored on the tuning sets'
// queries of that kind over code. Prints the shipped and the chosen table side by side, per category,
// on the tuning sets and on the held-out sets, with lexical alone beside them and the property
// violations (questions hybrid ranks below the better of its halves). Writes it all to --out.
//
//   node --import tsx eval/fusion-held-out.ts --cache .semsearch/eval-fusion-by-kind/rankings.json [--out FILE]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_RANKING, QUERY_KINDS, type QueryKind } from "../shared/src/ranking";
import { corpusKindOf, FUSION_BY_KIND, type KindFusion } from "../server/src/search/fusion";
import { classifyQuery } from "../server/src/search/query-kind";
import { bestRank, DEFAULT_CACHE, loadCache, ranked, type Cached } from "./diagnose";
import { HELD_OUT, HELD_OUT_BY_ROUND } from "./held-out";
import { QUESTION_CATEGORIES } from "./labels";
import { aggregate, judge } from "./metrics";
import { hybridNotWorse } from "./property";

type Table = Record<QueryKind, KindFusion>;
interface Query extends Cached {
  kind: QueryKind;
  /** Lexical's chunk ids: fusion does not change them, so they are ranked once. */
  lexicalIds: number[];
}

const isQuestion = (p: Cached) => (QUESTION_CATEGORIES as readonly string[]).includes(p.q.category);

function hybridIds(p: Query, byKind: Table): number[] {
  return ranked(p, "hybrid", DEFAULT_RANKING, byKind).map((r) => r.id);
}

const ndcg = (p: Query, ids: number[]) => aggregate([judge(ids.slice(0, 10).map((id) => p.rows.get(id)!), p.q)])["ndcg@10"];

/** Whether hybrid ranks the best answer below the better of its two halves (eval/property.ts). */
function violates(p: Query, ids: number[]): boolean {
  return !hybridNotWorse({ semantic: bestRank(p, p.semantic.map((s) => s.id)), lexical: bestRank(p, p.lexicalIds), hybrid: bestRank(p, ids) });
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/** Hybrid nDCG@10 of `ps` under `byKind`. */
function score(ps: Query[], byKind: Table): number {
  return mean(ps.map((p) => ndcg(p, hybridIds(p, byKind))));
}

interface Summary {
  queries: number;
  hybrid: Record<string, number>;
  lexical: Record<string, number>;
  violations: number;
  questions: number;
}

function summarise(ps: Query[], byKind: Table): Summary {
  const hybrid: Record<string, number[]> = { all: [] };
  const lexical: Record<string, number[]> = { all: [] };
  let violations = 0;
  for (const p of ps) {
    const ids = hybridIds(p, byKind);
    const h = ndcg(p, ids);
    const l = ndcg(p, p.lexicalIds);
    for (const key of ["all", p.q.category, `kind ${p.kind}`]) {
      (hybrid[key] ??= []).push(h);
      (lexical[key] ??= []).push(l);
    }
    if (isQuestion(p) && violates(p, ids)) violations++;
  }
  const means = (m: Record<string, number[]>) => Object.fromEntries(Object.entries(m).map(([k, xs]) => [k, mean(xs)]));
  return { queries: ps.length, hybrid: means(hybrid), lexical: means(lexical), violations, questions: ps.filter(isQuestion).length };
}

/** The grid for one kind: k × keyword weight × coverage with the shipped lead, best first. */
function sweepKind(ps: Query[], kind: QueryKind, shipped: Table): { fusion: KindFusion; ndcg: number }[] {
  const base = shipped[kind];
  const subset = ps.filter((p) => p.kind === kind);
  const tried: { fusion: KindFusion; ndcg: number }[] = [];
  const tryOne = (fusion: KindFusion) => tried.push({ fusion, ndcg: score(subset, { ...shipped, [kind]: fusion }) });
  for (const k of [3, 5, 10, 20, 30]) for (const w of [2, 4, 6, 8, 12, 20]) for (const c of [0, 1]) tryOne({ ...base, k, weights: [1, w], coveragePower: c });
  tried.sort((a, b) => b.ndcg - a.ndcg);
  const best = tried[0].fusion;
  // The lead around the best: none, or below each coverage, with the weights swapped or counted by coverage.
  tryOne({ k: best.k, weights: best.weights, coveragePower: best.coveragePower });
  for (const below of [0.2, 0.25, 0.34, 0.5])
    for (const lead of [undefined, { weights: [best.weights[1], 1] as [number, number], coveragePower: 1 }])
      tryOne({ ...best, semanticLeadBelow: below, semanticLeadWords: base.semanticLeadWords ?? 1, semanticLeadDepth: base.semanticLeadDepth ?? 5, lead });
  return tried.sort((a, b) => b.ndcg - a.ndcg);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      cache: { type: "string", default: DEFAULT_CACHE },
      out: { type: "string", default: join(__dirname, "..", "bench", "results", "fusion-held-out.json") },
    },
  });
  const heldOut = new Set<string>(HELD_OUT);
  // Over code only: prose has its own table (eval/sweep-prose.ts).
  const all: Query[] = loadCache(values.cache!)
    .filter((p) => corpusKindOf([p.semantic, p.lexical], (id) => p.rows.get(id)?.metadata.kind) === "code")
    .map((p) => ({ ...p, kind: classifyQuery(p.q.query).kind, lexicalIds: [] }));
  for (const p of all) p.lexicalIds = ranked(p, "lexical").map((r) => r.id);
  const tuning = all.filter((p) => !heldOut.has(p.corpus));
  const test = all.filter((p) => heldOut.has(p.corpus));
  const missing = HELD_OUT.filter((name) => !test.some((p) => p.corpus === name));
  log(`${all.length} queries over code: ${tuning.length} to choose on, ${test.length} held out (${HELD_OUT.length - missing.length} sets${missing.length ? `; not in the cache: ${missing.join(", ")}` : ""})`);

  const chosen: Table = { ...FUSION_BY_KIND };
  const sweeps: Record<string, unknown> = {};
  for (const kind of QUERY_KINDS) {
    const n = tuning.filter((p) => p.kind === kind).length;
    if (n < 20) {
      log(`${kind}: ${n} tuning queries, too few to choose on; kept`);
      continue;
    }
    const started = Date.now();
    const results = sweepKind(tuning, kind, FUSION_BY_KIND);
    const shippedScore = score(tuning.filter((p) => p.kind === kind), FUSION_BY_KIND);
    sweeps[kind] = results;
    log(`${kind} (${n} tuning queries, ${results.length} variants, ${((Date.now() - started) / 1000).toFixed(0)} s): shipped ${shippedScore.toFixed(4)}`);
    for (const r of results.slice(0, 5)) log(`  ${r.ndcg.toFixed(4)} ${JSON.stringify(r.fusion)}`);
    // Keep the shipped setting unless the best beats it by more than noise on the tuning queries.
    if (results[0].ndcg > shippedScore + 0.002) chosen[kind] = results[0].fusion;
  }

  const report: Record<string, unknown> = { generatedAt: new Date().toISOString(), cache: values.cache, heldOut: HELD_OUT, shipped: FUSION_BY_KIND, chosen, sweeps };
  const groups: [string, Query[]][] = [
    ["tuning", tuning],
    ["held out", test],
    ...Object.entries(HELD_OUT_BY_ROUND).slice(-2).map(([round, names]): [string, Query[]] => [`held out, ${round} round`, test.filter((p) => (names as readonly string[]).includes(p.corpus))]),
  ];
  for (const [name, ps] of groups) {
    const before = summarise(ps, FUSION_BY_KIND);
    const after = summarise(ps, chosen);
    report[name] = { shipped: before, chosen: after };
    log(`\n${name} (${ps.length} queries): nDCG@10 hybrid shipped → chosen (lexical)`);
    const keys = Object.keys(before.hybrid).sort((a, b) => Number(a.startsWith("kind ")) - Number(b.startsWith("kind ")));
    for (const c of keys) log(`  ${c.padEnd(16)} ${before.hybrid[c].toFixed(3)} → ${after.hybrid[c].toFixed(3)}   (${before.lexical[c].toFixed(3)})`);
    log(`  violations    ${before.violations} → ${after.violations} of ${before.questions}`);
  }
  const out = resolve(values.out!);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, (_k, v) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 10000) / 10000 : v), 2) + "\n");
  log(`wrote ${out}`);
}

function log(message: string): void {
  process.stdout.write(message + "\n");
}

if (require.main === module) main();
