// npm run eval: labelled queries against pinned third-party corpora, for each model, chunk size
// and search mode; prints recall@1, recall@10, MRR and nDCG@10 and writes bench/results/eval.json.
//
//   npm run eval -- [--models bundled,tiny,minilm] [--corpora docs,code] [--chunk-sizes 1000] [--out FILE]
//                   [--reuse DIR]
//
// The index is built fresh for every model and chunk size (about a minute each with the bundled
// model on two cores), so the figures never come from a stale database. --reuse DIR keeps the
// corpora and their indexes in DIR between runs, for iterating on search-time settings (fusion)
// only: an index made by older indexing code would not be rebuilt.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SEARCH_MODES, type SearchMode } from "../shared/src/types";
import { Engine } from "../server/src/engine/engine";
import type { ModelSpec } from "../server/src/embedding/model-spec";
import { DEFAULT_FUSION } from "../server/src/search/fusion";
import { FUSION_DEPTH } from "../server/src/search/hybrid";
import { CORPORA, materialise, type Materialised } from "./corpora";
import { isRelevant, loadQueries, resolveQueries, type ResolvedQuery } from "./labels";
import { firstRank, metrics, type Metrics } from "./metrics";
import { fusedTop, VARIANTS } from "./sweep";

const ROOT = join(__dirname, "..");
const MODELS: Record<string, ModelSpec> = {
  bundled: { model: "bundled" },
  // Not a meaningful model (random weights, 32 dimensions): a floor that shows what the pipeline
  // and BM25 alone are worth.
  tiny: { model: "semsearch/tiny-bert", localModelPath: join(ROOT, "test", "fixtures", "tiny-model") },
  // The default model, when it is in the model folder (~/.cache/semsearch/models or SEMSEARCH_MODELS);
  // not run unless asked for (--models minilm), and never downloaded.
  minilm: { model: "Xenova/all-MiniLM-L6-v2" },
};

const { values } = parseArgs({
  options: {
    models: { type: "string", default: "bundled,tiny" },
    corpora: { type: "string", default: CORPORA.map((c) => c.name).join(",") },
    "chunk-sizes": { type: "string", default: "1000" },
    out: { type: "string", default: join(ROOT, "bench", "results", "eval.json") },
    reuse: { type: "string" },
  },
});

interface QueryRecord {
  id: string;
  corpus: string;
  /** Rank of the first answer in the top 10 per mode (null: not found). */
  ranks: Record<SearchMode, number | null>;
}

interface Run {
  model: string;
  modelId: string;
  maxChunkChars: number;
  corpus: string;
  chunks: number;
  indexSeconds: number;
  modes: Record<SearchMode, Metrics>;
  fusion: { variant: string; metrics: Metrics }[];
  queries: QueryRecord[];
}

async function main(): Promise<void> {
  const modelNames = values.models!.split(",").map((s) => s.trim());
  for (const m of modelNames) if (!MODELS[m]) throw new Error(`unknown model ${m}; known: ${Object.keys(MODELS).join(", ")}`);
  const sizes = values["chunk-sizes"]!.split(",").map((s) => Number(s.trim()));
  const specs = values.corpora!.split(",").map((name) => {
    const spec = CORPORA.find((c) => c.name === name.trim());
    if (!spec) throw new Error(`unknown corpus ${name}; known: ${CORPORA.map((c) => c.name).join(", ")}`);
    return spec;
  });
  const corpora: { m: Materialised; queries: ResolvedQuery[] }[] = [];
  try {
    for (const spec of specs) {
      const m = materialise(spec, values.reuse ? join(resolve(values.reuse), spec.name) : undefined);
      const queries = resolveQueries(loadQueries(join(__dirname, "queries", `${spec.name}.jsonl`)), m.dir);
      corpora.push({ m, queries });
      log(`corpus ${spec.name}: ${m.files.length} files, ${(m.bytes / 1024).toFixed(0)} KiB, ${queries.length} queries (${Object.entries(m.packages).map(([p, v]) => `${p}@${v}`).join(", ")})`);
    }
    const runs: Run[] = [];
    for (const model of modelNames) {
      for (const size of sizes) {
        for (const c of corpora) runs.push(await evaluate(model, size, c.m, c.queries));
        printTable(model, size, runs.filter((r) => r.model === model && r.maxChunkChars === size));
      }
    }
    const report = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      settings: { topK: 10, fusionDepth: FUSION_DEPTH, defaultFusion: DEFAULT_FUSION },
      corpora: corpora.map(({ m, queries }) => ({ name: m.spec.name, kind: m.spec.kind, description: m.spec.description, packages: m.packages, files: m.files.length, bytes: m.bytes, queries: queries.length })),
      summary: summarise(runs),
      runs,
    };
    const out = resolve(values.out!);
    mkdirSync(dirname(out), { recursive: true });
    // Figures to three decimals (seconds too): more would only be noise.
    const rounded = (_key: string, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
    writeFileSync(out, JSON.stringify(report, rounded, 2) + "\n");
    log(`wrote ${out}`);
  } finally {
    if (!values.reuse) for (const c of corpora) rmSync(c.m.dir, { recursive: true, force: true });
  }
}

async function evaluate(model: string, maxChunkChars: number, corpus: Materialised, queries: ResolvedQuery[]): Promise<Run> {
  const dbPath = join(corpus.dir, ".semsearch", `${model}-${maxChunkChars}.db`);
  const engine = await Engine.open({ root: corpus.dir, dbPath, model: MODELS[model], fallback: false, maxChunkChars });
  try {
    const summary = await engine.indexFolder();
    log(`${model} / ${corpus.spec.name} / ${maxChunkChars} chars: ${summary.chunks} chunks indexed in ${summary.seconds.toFixed(1)} s`);
    const records: QueryRecord[] = [];
    const variantRanks = VARIANTS.map(() => [] as (number | undefined)[]);
    for (const q of queries) {
      const ranks = {} as Record<SearchMode, number | null>;
      for (const mode of SEARCH_MODES) {
        const res = await engine.search({ query: q.query, topK: 10, mode });
        ranks[mode] = firstRank(res.results, (h) => isRelevant(h, q.answers)) ?? null;
      }
      records.push({ id: q.id, corpus: corpus.spec.name, ranks });
      const lists = await engine.rankedLists(q.query, 100);
      VARIANTS.forEach((v, i) => variantRanks[i].push(firstRank(fusedTop(lists.semantic, lists.lexical, v), (h) => isRelevant(h, q.answers))));
    }
    const modes = Object.fromEntries(SEARCH_MODES.map((mode) => [mode, metrics(records.map((r) => r.ranks[mode] ?? undefined))])) as Record<SearchMode, Metrics>;
    return {
      model,
      modelId: engine.modelId,
      maxChunkChars,
      corpus: corpus.spec.name,
      chunks: summary.chunks,
      indexSeconds: summary.seconds,
      modes,
      fusion: VARIANTS.map((v, i) => ({ variant: v.name, metrics: metrics(variantRanks[i]) })),
      queries: records,
    };
  } finally {
    await engine.close();
  }
}

/** All corpora pooled (every query counts once), per model, chunk size and mode or fusion variant. */
function summarise(runs: Run[]) {
  const groups = new Map<string, Run[]>();
  for (const r of runs) {
    const key = `${r.model}|${r.maxChunkChars}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs) => {
    const all = rs.flatMap((r) => r.queries);
    return {
      model: rs[0].model,
      maxChunkChars: rs[0].maxChunkChars,
      chunks: rs.reduce((n, r) => n + r.chunks, 0),
      indexSeconds: rs.reduce((n, r) => n + r.indexSeconds, 0),
      modes: Object.fromEntries(SEARCH_MODES.map((mode) => [mode, metrics(all.map((q) => q.ranks[mode] ?? undefined))])),
      fusion: VARIANTS.map((v, i) => ({ variant: v.name, metrics: pool(rs.map((r) => r.fusion[i].metrics)) })),
    };
  });
}

/** Query-weighted mean of per-corpus metrics (the same as computing them over the pooled ranks). */
function pool(ms: Metrics[]): Metrics {
  const n = ms.reduce((s, m) => s + m.queries, 0) || 1;
  const avg = (key: Exclude<keyof Metrics, "queries">) => ms.reduce((s, m) => s + m[key] * m.queries, 0) / n;
  return { "recall@1": avg("recall@1"), "recall@10": avg("recall@10"), mrr: avg("mrr"), "ndcg@10": avg("ndcg@10"), queries: n };
}

function printTable(model: string, size: number, runs: Run[]): void {
  const f = (x: number) => x.toFixed(3).padStart(7);
  const row = (corpus: string, what: string, m: Metrics) => log(`  ${corpus.padEnd(6)} ${what.padEnd(30)} ${f(m["recall@1"])} ${f(m["recall@10"])} ${f(m.mrr)} ${f(m["ndcg@10"])}`);
  log(`\nmodel ${model}, maxChunkChars ${size}`);
  log(`  ${"corpus".padEnd(6)} ${"mode".padEnd(30)} ${"R@1".padStart(7)} ${"R@10".padStart(7)} ${"MRR".padStart(7)} ${"nDCG@10".padStart(7)}`);
  for (const r of runs) for (const mode of SEARCH_MODES) row(r.corpus, mode, r.modes[mode]);
  const [all] = summarise(runs);
  for (const mode of SEARCH_MODES) row("all", mode, all.modes[mode] as Metrics);
  log("  fusion variants, all corpora (the ten best by nDCG@10; every one is in the JSON):");
  for (const v of [...all.fusion].sort((a, b) => b.metrics["ndcg@10"] - a.metrics["ndcg@10"]).slice(0, 10)) row("all", v.variant, v.metrics);
  log("");
}

function log(message: string): void {
  process.stdout.write(message + "\n");
}

main().catch((err) => {
  process.stderr.write(`eval: ${(err as Error).message}\n`);
  process.exit(1);
});
