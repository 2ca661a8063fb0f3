// Why a question loses in hybrid: re-ranks the cached rankings of eval/fusion-by-kind.ts (--cache)
// with the engine's own rankWithSignals and prints, for every natural-language question where hybrid
// puts the best answer below the better of semantic and lexical (the property of eval/property.ts,
// counted as npm run eval counts it: the best-graded answer, lexical with the signals on), the
// query's kind, the fusion weights, the two lists' ranks of the answer and of what beat it; then
// every paraphrase where hybrid is below semantic, and the figures per category.
//
//   node --import tsx eval/diagnose.ts --cache .semsearch/eval-fusion-by-kind/rankings.json [--all]
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_RANKING, describeExplanation, type ResolvedRanking } from "../shared/src/ranking";
import { DEFAULT_FUSION, type KindFusion, type Scored } from "../server/src/search/fusion";
import { rankWithSignals, type CandidateRow, type SignalRanked } from "../server/src/search/hybrid";
import { classifyQuery, type QueryKind } from "../server/src/search/query-kind";
import { isRelevant, QUESTION_CATEGORIES, type ResolvedQuery } from "./labels";
import { aggregate, judge } from "./metrics";
import { hybridNotWorse } from "./property";

type Row = CandidateRow & { startLine: number; endLine: number };

export interface Cached {
  q: ResolvedQuery;
  corpus: string;
  semantic: Scored[];
  lexical: Scored[];
  named?: Scored[];
  rows: Map<number, Row>;
}

/** Where eval/fusion-by-kind.ts --cache is asked to save its rankings, and the sweeps read them by default. */
export const DEFAULT_CACHE = join(__dirname, "..", ".semsearch", "eval-fusion-by-kind", "rankings.json");

/** The rankings eval/fusion-by-kind.ts saved with --cache; an error that says how to make them when there are none. */
export function loadCache(file: string): Cached[] {
  if (!existsSync(file)) throw new Error(`no cached rankings at ${file}: run node --import tsx eval/fusion-by-kind.ts --cache ${file} first`);
  const saved = JSON.parse(readFileSync(resolve(file), "utf8")) as (Omit<Cached, "rows"> & { rows: [number, Row][] })[];
  return saved.map((p) => ({ ...p, rows: new Map(p.rows) }));
}

type Mode = "semantic" | "lexical" | "hybrid";

/** One mode's order of a cached query, as the engine ranks it; `byKind` replaces the per-kind fusion for code (a sweep's variant). */
export function ranked(p: Cached, mode: Mode, ranking: ResolvedRanking = DEFAULT_RANKING, byKind?: Record<QueryKind, KindFusion>): { id: number; explain?: SignalRanked["explain"] }[] {
  if (mode === "semantic") return p.semantic.map((s) => ({ id: s.id }));
  return rankWithSignals({ mode, query: p.q.query, semantic: p.semantic, lexical: p.lexical, named: p.named, rows: p.rows, ranking, fusion: DEFAULT_FUSION, byKind });
}

/** 1-based chunk rank of the first hit matching a best-graded answer in the top 10, or null. */
export function bestRank(p: Cached, ids: number[]): number | null {
  const top = Math.max(...p.q.answers.map((a) => a.grade ?? 1));
  const best = p.q.answers.filter((a) => (a.grade ?? 1) === top);
  const at = ids.slice(0, 10).findIndex((id) => {
    const row = p.rows.get(id);
    return row !== undefined && isRelevant(row, best);
  });
  return at < 0 ? null : at + 1;
}

function main(): void {
  const { values } = parseArgs({ options: { cache: { type: "string", default: DEFAULT_CACHE }, all: { type: "boolean", default: false } } });
  const ps = loadCache(values.cache!);
  const lines: string[] = [];
  let violations = 0;
  const byCategory = new Map<string, { n: number; v: number }>();
  for (const p of ps) {
    const lists = { semantic: ranked(p, "semantic"), lexical: ranked(p, "lexical"), hybrid: ranked(p, "hybrid") };
    const r = { semantic: bestRank(p, lists.semantic.map((x) => x.id)), lexical: bestRank(p, lists.lexical.map((x) => x.id)), hybrid: bestRank(p, lists.hybrid.map((x) => x.id)) };
    if (!(QUESTION_CATEGORIES as readonly string[]).includes(p.q.category)) continue;
    const c = byCategory.get(p.q.category) ?? { n: 0, v: 0 };
    c.n++;
    const bad = !hybridNotWorse(r);
    if (bad) {
      violations++;
      c.v++;
    }
    byCategory.set(p.q.category, c);
    if (!bad && !values.all) continue;
    const a = classifyQuery(p.q.query);
    lines.push(`\n${bad ? "VIOLATION" : "ok"} ${p.q.id} [${p.q.category}, ${a.kind}] hybrid ${r.hybrid ?? "–"} semantic ${r.semantic ?? "–"} lexical ${r.lexical ?? "–"}: ${p.q.query}`);
    const top = Math.max(...p.q.answers.map((x) => x.grade ?? 1));
    const best = p.q.answers.filter((x) => (x.grade ?? 1) === top);
    lists.hybrid.slice(0, Math.min(10, (r.hybrid ?? 10))).forEach((h, i) => {
      const row = p.rows.get(h.id)!;
      lines.push(`  ${String(i + 1).padStart(2)} ${isRelevant(row, best) ? "*" : " "} ${row.path}:${row.startLine}  ${h.explain ? describeExplanation(h.explain) : ""}`);
    });
    if (r.hybrid === null) {
      const at = lists.hybrid.findIndex((h) => isRelevant(p.rows.get(h.id)!, best));
      if (at >= 0) {
        const h = lists.hybrid[at];
        lines.push(`  ${at + 1} * ${p.rows.get(h.id)!.path}  ${describeExplanation(h.explain!)}`);
      }
    }
  }
  process.stdout.write(lines.join("\n") + "\n");
  process.stdout.write(`\nviolations: ${violations} (${[...byCategory].map(([c, x]) => `${c} ${x.v}/${x.n}`).join(", ")})\n`);
  // Per category and mode, nDCG@10 on chunk ranks.
  const cats = [...new Set(ps.map((p) => p.q.category))];
  for (const c of [...cats, "all"]) {
    const subset = c === "all" ? ps : ps.filter((p) => p.q.category === c);
    const m = (mode: Mode) => aggregate(subset.map((p) => judge(ranked(p, mode).slice(0, 10).map((x) => p.rows.get(x.id)!), p.q)))["ndcg@10"].toFixed(3);
    process.stdout.write(`${c.padEnd(13)} n=${String(subset.length).padStart(3)} semantic ${m("semantic")} lexical ${m("lexical")} hybrid ${m("hybrid")}\n`);
  }
  const para = ps.filter((p) => p.q.category === "paraphrase");
  const worse = para.filter((p) => (bestRank(p, ranked(p, "hybrid").map((x) => x.id)) ?? 99) > (bestRank(p, ranked(p, "semantic").map((x) => x.id)) ?? 99));
  process.stdout.write(`paraphrases where hybrid is below semantic: ${worse.map((p) => p.q.id).join(", ") || "none"}\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`diagnose: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
