// Data minimisation (`--store-text none`, README "Keeping no text"), measured against a store that
// keeps text, in one run on the same corpora and labelled queries as eval/run.ts:
// - keyword (lexical) and hybrid search quality: nDCG@10 and MRR on chunk ranks (eval/metrics.ts);
// - indexing wall time (a fresh index of each corpus, bundled model), as a ratio none / full: each
//   mode indexed twice, in the order full, none, none, full, on a machine shared with other jobs;
// - search time per query, lexical and hybrid, in one process, the two stores' searches interleaved
//   query by query: the first round cold (a store without text reads and redacts each result's file),
//   the median of three more warm (its reader keeps the last 256 files' redacted lines);
// - database size (database and WAL, after close).
// Run: node --import tsx bench/store-text.ts [--corpora docs,code,python] [--offline]
// (writes bench/results/store-text.json)
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Engine } from "../server/src/engine/engine";
import type { StoreTextMode } from "../shared/src/types";
import { CORPORA, materialise } from "../eval/corpora";
import { defaultCategory, loadQueries, resolveQueries } from "../eval/labels";
import { judge, ndcg } from "../eval/metrics";

const { values } = parseArgs({
  options: {
    corpora: { type: "string", default: "docs,code,python" },
    offline: { type: "boolean", default: false },
    out: { type: "string", default: join(__dirname, "results", "store-text.json") },
  },
});

process.env.SEMSEARCH_CONFIG_DIR ??= join(tmpdir(), `store-text-bench-config-${process.pid}`);
const MODES = ["lexical", "hybrid"] as const;
const STORES: StoreTextMode[] = ["full", "none"];
const WARM_ROUNDS = 3;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const bytes = (db: string) => [db, `${db}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);

async function runCorpus(name: string) {
  const spec = CORPORA.find((c) => c.name === name);
  if (!spec) throw new Error(`unknown corpus ${name}`);
  const m = materialise(spec, undefined, { fetch: !values.offline });
  const queries = resolveQueries(loadQueries(join(__dirname, "..", "eval", "queries", `${name}.jsonl`), defaultCategory(spec.kind)), m.dir);
  const dbOf = (storeText: StoreTextMode, run: number) => join(m.dir, ".semsearch", `${storeText}-${run}.db`);
  const options = (storeText: StoreTextMode, run: number) => ({ root: m.dir, dbPath: dbOf(storeText, run), model: { model: "bundled" }, fallback: false as const, storeText });
  try {
    const indexMs: Record<StoreTextMode, number[]> = { full: [], none: [] };
    const chunks: Record<string, number> = {};
    for (const [run, storeText] of (["full", "none", "none", "full"] as StoreTextMode[]).entries()) {
      const engine = await Engine.open(options(storeText, run));
      try {
        const t0 = performance.now();
        chunks[storeText] = (await engine.indexFolder()).chunks;
        indexMs[storeText].push(performance.now() - t0);
      } finally {
        await engine.close();
      }
      process.stderr.write(`${name} / ${storeText}: indexed in ${(indexMs[storeText].at(-1)! / 1000).toFixed(1)} s\n`);
    }
    // The stores of runs 2 (none) and 3 (full), searched side by side.
    const engines = { none: await Engine.open(options("none", 2)), full: await Engine.open(options("full", 3)) };
    const figures: Record<string, Record<string, unknown>> = { full: {}, none: {} };
    try {
      for (const mode of MODES) {
        const times = { full: [] as number[][], none: [] as number[][] };
        const quality = { full: { ndcg: [] as number[], rr: [] as number[] }, none: { ndcg: [] as number[], rr: [] as number[] } };
        for (let roundNo = 0; roundNo <= WARM_ROUNDS; roundNo++) {
          for (const s of STORES) times[s].push([]);
          for (const q of queries) {
            for (const s of STORES) {
              const t0 = performance.now();
              const res = await engines[s].search({ query: q.query, topK: 10, mode });
              times[s][roundNo].push(performance.now() - t0);
              if (roundNo > 0) continue;
              const o = judge(res.results, q, "chunk");
              quality[s].ndcg.push(ndcg(o));
              quality[s].rr.push(o.first ? 1 / o.first : 0);
            }
          }
        }
        for (const s of STORES) {
          figures[s][mode] = {
            ndcg10: round(mean(quality[s].ndcg)),
            mrr: round(mean(quality[s].rr)),
            coldMsPerQuery: round(mean(times[s][0]), 2),
            warmMsPerQuery: round(median(times[s].slice(1).map(mean)), 2),
          };
        }
      }
    } finally {
      await engines.none.close();
      await engines.full.close();
    }
    const out: Record<string, unknown> = { corpus: name, files: m.files.length, queries: queries.length };
    for (const s of STORES) {
      out[s] = { chunks: chunks[s], indexMs: Math.round(mean(indexMs[s])), indexRunsMs: indexMs[s].map(Math.round), dbBytes: bytes(dbOf(s, s === "none" ? 2 : 3)), modes: figures[s] };
    }
    const ms = (s: StoreTextMode, mode: string, key: string) => (figures[s][mode] as Record<string, number>)[key];
    out.ratios = {
      index: round(mean(indexMs.none) / mean(indexMs.full), 2),
      ...Object.fromEntries(MODES.flatMap((mode) => ["cold", "warm"].map((k) => [`${mode}Search${k === "cold" ? "Cold" : "Warm"}`, round(ms("none", mode, `${k}MsPerQuery`) / ms("full", mode, `${k}MsPerQuery`), 2)]))),
      dbBytes: round(bytes(dbOf("none", 2)) / bytes(dbOf("full", 3)), 2),
    };
    process.stderr.write(`${name}: ${JSON.stringify(out)}\n`);
    return out;
  } finally {
    rmSync(m.dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = loadavg()[0];
  const runs = [];
  for (const name of values.corpora!.split(",")) runs.push(await runCorpus(name.trim()));
  const report = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, load1: [round(started, 2), round(loadavg()[0], 2)], node: process.version },
    model: "bundled",
    runs,
  };
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(values.out!, JSON.stringify(report, null, 2) + "\n");
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
