// The sweep behind containerYields (server/src/search/container-heads.ts): re-ranks the cached
// rankings of eval/fusion-by-kind.ts (--cache) with the engine's rankWithSignals, the head's factor
// and the depth at which a member counts as near varied, and prints hybrid nDCG@10 on chunk ranks per
// category, the mean over every query and the property violations, on the tuning sets (where the
// default is chosen) and on the held-out sets (eval/held-out.ts) apart. Writes the table to --out.
//
//   node --import tsx eval/sweep-containers.ts [--cache .semsearch/eval-fusion-by-kind/rankings.json] [--out FILE]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_RANKING } from "../shared/src/ranking";
import { type SignalStrengths } from "../server/src/search/hybrid";
import { CONTAINER_FACTOR, CONTAINER_NEAR } from "../server/src/search/container-heads";
import { DEFAULT_CACHE, loadCache } from "./diagnose";
import { HELD_OUT } from "./held-out";
import { measure } from "./sweep-prose";

function main(): void {
  const { values } = parseArgs({
    options: {
      cache: { type: "string", default: DEFAULT_CACHE },
      out: { type: "string", default: join(__dirname, "..", "bench", "results", "sweep-containers.json") },
    },
  });
  const ps = loadCache(values.cache!);
  const heldOut = new Set(HELD_OUT);
  const sets = { tuning: ps.filter((p) => !heldOut.has(p.corpus)), "held out": ps.filter((p) => heldOut.has(p.corpus)) };
  const variants: { name: string; on: boolean; strengths: Partial<SignalStrengths> }[] = [
    { name: "off", on: false, strengths: {} },
    ...[0.7, 0.6, 0.5, 0.4, 0.3].map((container) => ({ name: `×${container}, near ${CONTAINER_NEAR}`, on: true, strengths: { container } })),
    ...[10, 20, 40].map((containerNear) => ({ name: `×${CONTAINER_FACTOR}, near ${containerNear}`, on: true, strengths: { containerNear } })),
  ];
  const report: Record<string, Record<string, unknown>> = {};
  for (const v of variants) {
    report[v.name] = {};
    for (const [set, qs] of Object.entries(sets)) {
      const m = measure(qs, { strengths: v.strengths, ranking: { ...DEFAULT_RANKING, containerYields: v.on } });
      report[v.name][set] = { queries: qs.length, byCategory: Object.fromEntries(m.byCategory), all: m.all, violations: m.violations };
      const cells = ["semantic", "architecture", "symbol"].map((c) => `${c} ${m.byCategory.get(c)?.toFixed(4) ?? "–"}`).join("  ");
      process.stdout.write(`${v.name.padEnd(18)} ${set.padEnd(9)} (${qs.length}) ${cells}  all ${m.all.toFixed(4)}  violations ${m.violations}\n`);
    }
  }
  const out = resolve(values.out!);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ generatedAt: new Date().toISOString(), shipped: { container: CONTAINER_FACTOR, containerNear: CONTAINER_NEAR }, report }, null, 2));
  process.stdout.write(`wrote ${out}\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`sweep-containers: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
