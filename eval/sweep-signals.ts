// The sweeps behind the signals that act on a question's chunks by what they are: containerYields
// (server/src/search/container-heads.ts: the head's factor and the depth at which a member counts as
// near), commentsDown (server/src/search/comment-chunks.ts: the factor and the lines of code a
// chunk of comments may hold) and interfacesDown (server/src/search/interface-chunks.ts: the
// factor). Re-ranks the cached rankings of eval/fusion-by-kind.ts (--cache) with the engine's
// rankWithSignals and prints hybrid nDCG@10 on chunk ranks per category, the mean over every query
// and the property violations, on the tuning sets (where the default is chosen) and on the held-out
// sets (eval/held-out.ts) apart. Writes the table to --out.
//
//   node --import tsx eval/sweep-signals.ts --signal containers|comments|interfaces [--cache .semsearch/eval-fusion-by-kind/rankings.json] [--out FILE]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_RANKING, type ResolvedRanking } from "../shared/src/ranking";
import { type SignalStrengths } from "../server/src/search/hybrid";
import { CONTAINER_FACTOR, CONTAINER_NEAR } from "../server/src/search/container-heads";
import { COMMENTS_DOWN_CODE_LINES, COMMENTS_DOWN_FACTOR } from "../server/src/search/comment-chunks";
import { INTERFACES_DOWN_FACTOR } from "../server/src/search/interface-chunks";
import { DEFAULT_CACHE, loadCache } from "./diagnose";
import { HELD_OUT } from "./held-out";
import { measure } from "./sweep-prose";

interface Variant {
  name: string;
  on: boolean;
  strengths: Partial<SignalStrengths>;
}

interface Sweep {
  switch: keyof ResolvedRanking;
  shipped: Partial<SignalStrengths>;
  variants: Variant[];
}

const SWEEPS: Record<string, Sweep> = {
  containers: {
    switch: "containerYields",
    shipped: { container: CONTAINER_FACTOR, containerNear: CONTAINER_NEAR },
    variants: [
      ...[0.7, 0.6, 0.5, 0.4, 0.3].map((container) => ({ name: `×${container}, near ${CONTAINER_NEAR}`, on: true, strengths: { container } })),
      ...[10, 20, 40].map((containerNear) => ({ name: `×${CONTAINER_FACTOR}, near ${containerNear}`, on: true, strengths: { containerNear } })),
    ],
  },
  comments: {
    switch: "commentsDown",
    shipped: { comments: COMMENTS_DOWN_FACTOR, commentCodeLines: COMMENTS_DOWN_CODE_LINES },
    variants: [
      ...[0.7, 0.5, 0.3, 0.2, 0.1].map((comments) => ({ name: `×${comments}, code ≤ ${COMMENTS_DOWN_CODE_LINES}`, on: true, strengths: { comments } })),
      ...[0, 2].map((commentCodeLines) => ({ name: `×${COMMENTS_DOWN_FACTOR}, code ≤ ${commentCodeLines}`, on: true, strengths: { commentCodeLines } })),
    ],
  },
  interfaces: {
    switch: "interfacesDown",
    shipped: { interfaces: INTERFACES_DOWN_FACTOR },
    variants: [0.8, 0.7, 0.5, 0.3, 0.2].map((interfaces) => ({ name: `×${interfaces}`, on: true, strengths: { interfaces } })),
  },
};

function main(): void {
  const { values } = parseArgs({
    options: {
      signal: { type: "string" },
      cache: { type: "string", default: DEFAULT_CACHE },
      out: { type: "string" },
    },
  });
  const sweep = SWEEPS[values.signal ?? ""];
  if (!sweep) throw new Error(`--signal is one of ${Object.keys(SWEEPS).join(", ")}; got ${JSON.stringify(values.signal)}`);
  const ps = loadCache(values.cache!);
  const heldOut = new Set(HELD_OUT);
  const sets = { tuning: ps.filter((p) => !heldOut.has(p.corpus)), "held out": ps.filter((p) => heldOut.has(p.corpus)) };
  const report: Record<string, Record<string, unknown>> = {};
  for (const v of [{ name: "off", on: false, strengths: {} }, ...sweep.variants]) {
    report[v.name] = {};
    for (const [set, qs] of Object.entries(sets)) {
      const m = measure(qs, { strengths: v.strengths, ranking: { ...DEFAULT_RANKING, [sweep.switch]: v.on } });
      report[v.name][set] = { queries: qs.length, byCategory: Object.fromEntries(m.byCategory), all: m.all, violations: m.violations };
      const cells = ["semantic", "architecture", "symbol"].map((c) => `${c} ${m.byCategory.get(c)?.toFixed(4) ?? "–"}`).join("  ");
      process.stdout.write(`${v.name.padEnd(18)} ${set.padEnd(9)} (${qs.length}) ${cells}  all ${m.all.toFixed(4)}  violations ${m.violations}\n`);
    }
  }
  const out = resolve(values.out ?? join(__dirname, "..", "bench", "results", `sweep-${values.signal}.json`));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ generatedAt: new Date().toISOString(), signal: sweep.switch, shipped: sweep.shipped, report }, null, 2));
  process.stdout.write(`wrote ${out}\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`sweep-signals: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
