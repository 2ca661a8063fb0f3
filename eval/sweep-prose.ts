// The sweep behind FUSION_BY_KIND_PROSE (server/src/search/fusion.ts): re-ranks the cached rankings of
// eval/fusion-by-kind.ts (--cache) with the engine's rankWithSignals, the prose table varied (k, the
// keyword weight and the coverage below which meaning leads, for questions; then k and the keyword
// weight for questions with code names), the code table left alone. Prints, per variant, hybrid
// nDCG@10 on chunk ranks per category, the property violations (as npm run eval counts them) and the
// paraphrases where hybrid is below semantic alone.
//
//   node --import tsx eval/sweep-prose.ts [--cache .semsearch/eval-fusion-by-kind/rankings.json]
import { parseArgs } from "node:util";
import { DEFAULT_RANKING, type QueryKind, type ResolvedRanking } from "../shared/src/ranking";
import { DEFAULT_FUSION, FUSION_BY_KIND_PROSE, type KindFusion } from "../server/src/search/fusion";
import { rankWithSignals, type SignalRankInput } from "../server/src/search/hybrid";
import { bestRank, DEFAULT_CACHE, loadCache, type Cached } from "./diagnose";
import { QUESTION_CATEGORIES } from "./labels";
import { aggregate, judge } from "./metrics";
import { hybridNotWorse } from "./property";

type Table = Record<QueryKind, KindFusion>;

/**
 * Hybrid nDCG@10 per category, violations and paraphrases below semantic, with `variant` (a prose
 * table, signal strengths, switches) in place of the engine's defaults.
 */
export function measure(
  ps: Cached[],
  variant: Pick<SignalRankInput, "proseByKind" | "strengths"> & { ranking?: ResolvedRanking },
): { byCategory: Map<string, number>; all: number; violations: number; paraphrasesBelow: number } {
  const scores = new Map<string, number[]>();
  let violations = 0;
  let paraphrasesBelow = 0;
  for (const p of ps) {
    const input = { query: p.q.query, semantic: p.semantic, lexical: p.lexical, named: p.named, rows: p.rows, fusion: DEFAULT_FUSION, ...variant, ranking: variant.ranking ?? DEFAULT_RANKING };
    const hybrid = rankWithSignals({ ...input, mode: "hybrid" });
    const s = scores.get(p.q.category) ?? [];
    s.push(aggregate([judge(hybrid.slice(0, 10).map((h) => p.rows.get(h.id)!), p.q)])["ndcg@10"]);
    scores.set(p.q.category, s);
    if (!(QUESTION_CATEGORIES as readonly string[]).includes(p.q.category)) continue;
    const lexical = rankWithSignals({ ...input, mode: "lexical" });
    const r = { semantic: bestRank(p, p.semantic.map((x) => x.id)), lexical: bestRank(p, lexical.map((x) => x.id)), hybrid: bestRank(p, hybrid.map((x) => x.id)) };
    if (!hybridNotWorse(r)) violations++;
    if (p.q.category === "paraphrase" && (r.hybrid ?? 99) > (r.semantic ?? 99)) paraphrasesBelow++;
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { byCategory: new Map([...scores].map(([c, xs]) => [c, mean(xs)])), all: mean([...scores.values()].flat()), violations, paraphrasesBelow };
}

function main(): void {
  const { values } = parseArgs({ options: { cache: { type: "string", default: DEFAULT_CACHE } } });
  const ps = loadCache(values.cache!);
  const line = (name: string, t: Table) => {
    const m = measure(ps, { proseByKind: t });
    process.stdout.write(`${name.padEnd(34)} ${[...m.byCategory].map(([c, x]) => `${c} ${x.toFixed(3)}`).join(" ")} all ${m.all.toFixed(3)} violations ${m.violations} paraphrases below ${m.paraphrasesBelow}\n`);
  };
  line("shipped", FUSION_BY_KIND_PROSE);
  const q = FUSION_BY_KIND_PROSE.question;
  for (const k of [1, 2, 3, 4, 5, 10, 20, 60])
    for (const w of [1, 2, 3, 4, 6])
      for (const lead of [0.2, 0.25, 0.34]) line(`question k=${k} keyword ×${w} lead <${lead}`, { ...FUSION_BY_KIND_PROSE, question: { ...q, k, weights: [1, w], semanticLeadBelow: lead } });
  for (const k of [1, 2, 3, 5])
    for (const w of [2, 3, 4, 6]) line(`mixed k=${k} keyword ×${w}`, { ...FUSION_BY_KIND_PROSE, mixed: { ...FUSION_BY_KIND_PROSE.mixed, k, weights: [1, w] } });
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`sweep-prose: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
