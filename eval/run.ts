// npm run eval: labelled queries against pinned third-party corpora (eval/corpora.ts), for each
// model, chunk size and search mode. Prints nDCG@10, MRR and recall@10 per category and mode, on
// chunk ranks and on file ranks, the hybrid-not-worse property, and (--ablate) the same with each
// ranking signal switched off; writes eval/results/eval-<model>-<chunk size>[-ablation].json and eval/RESULTS.md.
//
//   npm run eval -- [--models bundled,tiny,minilm] [--corpora docs,code,python,...: eval/corpora.ts names]
//                   [--chunk-sizes 1000] [--ablate] [--set key=value ...] [--engine-set key=value ...]
//                   [--sweep] [--offline] [--keep-excluded] [--reuse DIR] [--out-dir DIR] [--md FILE | --no-md]
//                   [--compare RESULTS.json] [--render RESULTS.json]
//
// --set ranking.perFileCap=5 overrides a search option (SearchOptions) for every search; --engine-set
// fusion.k=5 an engine option (EngineOptions, the engine is reopened on the same index). Values are
// JSON when they parse as JSON (true, 3, ["a"]), else strings. --ablate runs the baseline, then each
// switch of the engine's ranking signals (shared/src/ranking.ts DEFAULT_RANKING) off alone, then all
// off. --sweep also compares the fusion variants of eval/sweep.ts on the raw rankings. --offline:
// a .deb that is not in eval/.cache yet is an error instead of an apt-get download. --keep-excluded:
// the corpora keep the generated files their sources exclude (JavaCC's parser, regex's scraped tests,
// libxcrypt's tables), as a checkout has them; use a --reuse folder of its own. --compare FILE adds
// a "Before and after" section against an earlier run's results JSON; --render FILE rewrites
// RESULTS.md from a results JSON without searching (with --compare, to add that section afterwards).
//
// The index is built fresh for every model and chunk size (with the bundled model about 4 minutes
// for all corpora on two busy cores, 7.5 with --ablate), so the figures never come from a stale database. --reuse DIR keeps
// the corpora and their indexes in DIR between runs, for iterating on search-time settings only: an
// index made by older indexing code would not be rebuilt.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SEARCH_MODES, type SearchMode } from "../shared/src/types";
import { Engine } from "../server/src/engine/engine";
import { ablationConfigs, type Config } from "./ablation";
import { CORPORA, materialise, type Materialised } from "./corpora";
import { EVAL_CHUNK_CHARS, EVAL_MODELS, evalEngineOptions } from "./engine-options";
import { defaultCategory, isRelevant, loadQueries, resolveQueries, type ResolvedQuery } from "./labels";
import { firstRank, judge, metrics, ndcg, type Outcome } from "./metrics";
import { applyOverrides, parseOverride } from "./overrides";
import type { BestRanks } from "./property";
import { renderResults, type CorpusRun, type ModeOutcome, type QueryRecord, type Report } from "./report";
import { fusedTop, VARIANTS } from "./sweep";

const ROOT = join(__dirname, "..");

const { values } = parseArgs({
  options: {
    models: { type: "string", default: "bundled" },
    corpora: { type: "string", default: CORPORA.map((c) => c.name).join(",") },
    "chunk-sizes": { type: "string", default: String(EVAL_CHUNK_CHARS) },
    "out-dir": { type: "string", default: join(__dirname, "results") },
    md: { type: "string", default: join(__dirname, "RESULTS.md") },
    "no-md": { type: "boolean", default: false },
    reuse: { type: "string" },
    set: { type: "string", multiple: true, default: [] },
    "engine-set": { type: "string", multiple: true, default: [] },
    ablate: { type: "boolean", default: false },
    sweep: { type: "boolean", default: false },
    offline: { type: "boolean", default: false },
    "keep-excluded": { type: "boolean", default: false },
    // A results JSON of an earlier run: RESULTS.md gets a "Before and after" section against it.
    compare: { type: "string" },
    // Render RESULTS.md from this results JSON (with --compare) instead of running any search.
    render: { type: "string" },
  },
});

/** The earlier run to compare with (--compare), read once. */
function comparison(): { report: Report; file: string } | undefined {
  if (!values.compare) return undefined;
  const file = resolve(values.compare);
  try {
    return { report: JSON.parse(readFileSync(file, "utf8")) as Report, file: relative(ROOT, file) };
  } catch (err) {
    throw new Error(`--compare ${values.compare}: not a readable results JSON of npm run eval (${(err as Error).message})`);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const before = comparison();
  if (values.render) {
    const report = JSON.parse(readFileSync(resolve(values.render), "utf8")) as Report;
    const md = resolve(values.md!);
    writeFileSync(md, renderResults(report, before));
    log(`wrote ${relative(process.cwd(), md)} from ${values.render}`);
    return;
  }
  const modelNames = values.models!.split(",").map((s) => s.trim());
  for (const m of modelNames) if (!EVAL_MODELS[m]) throw new Error(`unknown model ${m}; known: ${Object.keys(EVAL_MODELS).join(", ")}`);
  const sizes = values["chunk-sizes"]!.split(",").map((s) => Number(s.trim()));
  for (const s of sizes) if (!(Number.isInteger(s) && s > 0)) throw new Error(`--chunk-sizes takes positive integers, not ${s}`);
  const specs = values.corpora!.split(",").map((name) => {
    const spec = CORPORA.find((c) => c.name === name.trim());
    if (!spec) throw new Error(`unknown corpus ${name}; known: ${CORPORA.map((c) => c.name).join(", ")}`);
    return spec;
  });
  const base: Config = {
    name: "baseline",
    search: (values.set as string[]).map(parseOverride),
    engine: (values["engine-set"] as string[]).map(parseOverride),
  };
  const configs = values.ablate ? [base, ...(await ablationConfigs(base))] : [base];
  const corpora: { m: Materialised; queries: ResolvedQuery[] }[] = [];
  try {
    for (const spec of specs) {
      const m = materialise(spec, values.reuse ? join(resolve(values.reuse), spec.name) : undefined, { fetch: !values.offline, keepExcluded: values["keep-excluded"] });
      const queries = resolveQueries(loadQueries(join(__dirname, "queries", `${spec.name}.jsonl`), defaultCategory(spec.kind)), m.dir);
      corpora.push({ m, queries });
      log(`corpus ${spec.name}: ${m.files.length} files, ${(m.bytes / 1024).toFixed(0)} KiB, ${queries.length} queries (${Object.entries(m.packages).map(([p, v]) => `${p} ${v}`).join(", ")})`);
    }
    for (const model of modelNames) {
      for (const size of sizes) {
        const runs: CorpusRun[] = [];
        for (const c of corpora) runs.push(await evaluate(model, size, c.m, c.queries, configs));
        const report: Report = {
          generatedAt: new Date().toISOString(),
          command: `npm run eval -- ${process.argv.slice(2).join(" ")}`.trim(),
          seconds: (Date.now() - started) / 1000,
          machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
          model,
          modelId: runs[0]?.modelId ?? model,
          maxChunkChars: size,
          configs: configs.map((c) => ({ name: c.name, search: c.search, engine: c.engine })),
          corpora: corpora.map(({ m, queries }) => ({
            name: m.spec.name,
            kind: m.spec.kind,
            language: m.spec.language,
            description: m.spec.description,
            packages: m.packages,
            files: m.files.length,
            bytes: m.bytes,
            queries: queries.length,
          })),
          runs,
        };
        const text = renderResults(report, before);
        log("\n" + text);
        const outDir = resolve(values["out-dir"]!);
        mkdirSync(outDir, { recursive: true });
        const out = join(outDir, `eval-${model}-${size}${values.ablate ? "-ablation" : ""}.json`);
        writeFileSync(out, toJson(report));
        log(`wrote ${relative(process.cwd(), out)}`);
        if (!values["no-md"] && model === modelNames[0] && size === sizes[0]) {
          const md = resolve(values.md!);
          mkdirSync(dirname(md), { recursive: true });
          writeFileSync(md, text);
          log(`wrote ${relative(process.cwd(), md)}`);
        }
      }
    }
  } finally {
    if (!values.reuse) for (const c of corpora) rmSync(c.m.dir, { recursive: true, force: true });
  }
}

async function evaluate(model: string, maxChunkChars: number, corpus: Materialised, queries: ResolvedQuery[], configs: Config[]): Promise<CorpusRun> {
  const baseOptions = evalEngineOptions(model, maxChunkChars, corpus.dir);
  let engine = await Engine.open(applyOverrides(baseOptions, configs[0].engine));
  let openedWith = JSON.stringify(configs[0].engine);
  try {
    const summary = await engine.indexFolder();
    log(`${model} / ${corpus.spec.name} / ${maxChunkChars} chars: ${summary.chunks} chunks indexed in ${summary.seconds.toFixed(1)} s`);
    const run: CorpusRun = {
      corpus: corpus.spec.name,
      kind: corpus.spec.kind,
      modelId: engine.modelId,
      chunks: summary.chunks,
      indexSeconds: summary.seconds,
      configs: {},
    };
    for (const config of configs) {
      if (JSON.stringify(config.engine) !== openedWith) {
        // Engine options differ: reopen on the same index (nothing is re-embedded).
        await engine.close();
        engine = await Engine.open(applyOverrides(baseOptions, config.engine));
        openedWith = JSON.stringify(config.engine);
      }
      const records: QueryRecord[] = [];
      const t0 = Date.now();
      for (const q of queries) {
        const modes = {} as Record<SearchMode, ModeOutcome>;
        for (const mode of SEARCH_MODES) {
          const res = await engine.search(applyOverrides({ query: q.query, topK: 10, mode }, config.search));
          const chunk = judge(res.results, q, "chunk");
          const file = judge(res.results, q, "file");
          modes[mode] = { chunk: summariseOutcome(chunk), file: summariseOutcome(file) };
        }
        const best = Object.fromEntries(SEARCH_MODES.map((m) => [m, modes[m].chunk.best])) as BestRanks;
        records.push({ id: q.id, corpus: corpus.spec.name, category: q.category, query: q.query, modes, best });
      }
      run.configs[config.name] = { records, searchSeconds: (Date.now() - t0) / 1000 };
      log(`  ${config.name}: ${queries.length} queries × ${SEARCH_MODES.length} modes in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    if (values.sweep) run.sweep = await sweep(engine, queries);
    return run;
  } finally {
    await engine.close();
  }
}

/** The report as JSON: figures to three decimals (more would be noise), one line per query record. */
function toJson(report: Report): string {
  const rounded = (_key: string, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
  const records: string[] = [];
  const text = JSON.stringify(
    report,
    (key, v) => {
      if (v && typeof v === "object" && "modes" in v && "best" in v) {
        records.push(JSON.stringify(v, rounded));
        return `@@record ${records.length - 1}@@`;
      }
      return rounded(key, v);
    },
    2,
  );
  return text.replace(/"@@record (\d+)@@"/g, (_, i: string) => records[Number(i)]) + "\n";
}

function summariseOutcome(o: Outcome): { ndcg: number; first: number | null; best: number | null; found: number; items: number } {
  return { ndcg: ndcg(o), first: o.first ?? null, best: o.best ?? null, found: o.found, items: o.items };
}

/** Fusion variants on the engine's two raw rankings, first-relevant ranks only (eval/sweep.ts). */
async function sweep(engine: Engine, queries: ResolvedQuery[]) {
  const variantRanks = VARIANTS.map(() => [] as (number | undefined)[]);
  for (const q of queries) {
    const lists = await engine.rankedLists(q.query, 100);
    VARIANTS.forEach((v, i) => variantRanks[i].push(firstRank(fusedTop(lists.semantic, lists.lexical, v), (h) => isRelevant(h, q.answers))));
  }
  return VARIANTS.map((v, i) => ({ variant: v.name, metrics: metrics(variantRanks[i]) }));
}

function log(message: string): void {
  process.stdout.write(message + "\n");
}

main().catch((err) => {
  process.stderr.write(`eval: ${(err as Error).message}\n`);
  process.exit(1);
});
