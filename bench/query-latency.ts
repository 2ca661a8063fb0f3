// The whole query, end to end: p50/p95 of one search request (query embedding + HNSW + keyword
// search + fusion + reading the hits) at 10k and 100k chunks, with the MiniLM-shaped q8 model and the
// bundled model, (a) through the engine in this process (Engine.search, with its opt-in per-stage
// timings) and (b) through the language server (a real `semsearch lsp --stdio`, the
// semanticSearch/search request, timed at the client; process start excluded).
//
// The store is filled directly, as bench/rebuild-latency.ts does: files of 50 chunks each whose text is
// real chunks of the bench corpus (npm docs and .d.ts, bench/corpus.ts) repeated to reach the size,
// with synthetic clustered vectors of the model's width and the files' real content hashes, and the
// HNSW file built beside the database with the default parameters. Opening it finds nothing to embed
// and nothing to rebuild. Only the query is embedded, for real, by the model under test.
//
// Usage: npm run build && node --import tsx bench/query-latency.ts [--sizes 10000,100000]
//        [--models minilm,bundled] [--modes hybrid,semantic,lexical] [--paths engine,lsp] [--queries 60]
//        [--model-dir DIR] [--keep DIR] [--code-length on|off] [--out FILE]        (writes bench/results/query-latency.json unless --out)
// --keep DIR builds each fixture (store, HNSW file, folder) in DIR once and reuses it on later runs,
// so that two versions of the code can be measured in turns on the same data (bench/RESULTS.md §9).
// The MiniLM-shaped model: /usr/bin/python3 scripts/make-bench-model.py (see npm run bench:throughput).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { SearchMode } from "../shared/src/types";
import { chunkFile } from "../server/src/chunking";
import { languageOf } from "../server/src/discovery/languages";
import { BUNDLED_MODEL_ID } from "../server/src/embedding/bundled";
import type { ModelSpec } from "../server/src/embedding/model-spec";
import { Engine, indexFileFor, type SearchTimings } from "../server/src/engine/engine";
import { contentHash } from "../server/src/engine/indexer";
import { DEFAULT_HNSW, HnswIndex } from "../server/src/index/hnsw-index";
import { storageDirFor } from "../server/src/lsp/storage";
import { Store, type FileUpdate } from "../server/src/store/store";
import { makeCorpus, walk } from "./corpus";
import { BENCH_MODEL, benchModelSpec, DEFAULT_BENCH_MODEL_DIR } from "./lib/bench-model";
import { startServer } from "./lib/lsp-server";
import { machine } from "./lib/machine";
import { arg, ClusteredStream, elapsedMs, listArg, percentile, round } from "./lib/synthetic";

const SIZES = listArg("sizes", [10_000, 100_000]);
const MODELS = arg("models", "minilm,bundled").split(",");
const MODES = arg("modes", "hybrid,semantic,lexical").split(",") as SearchMode[];
const PATHS = arg("paths", "engine,lsp").split(",");
const QUERIES_PER_MODE = Number(arg("queries", "60"));
const MODEL_DIR = arg("model-dir", DEFAULT_BENCH_MODEL_DIR);
const KEEP = arg("keep", "");
// --code-length off: keyword search with FTS5's own b for code chunks too (ranking.bm25CodeLength
// false), to time the re-weighting against the same fixture.
const RANKING = arg("code-length", "on") === "off" ? { bm25CodeLength: false } : undefined;
/** Searches before the first measured one (the model's first runs and the index's first load are slow), then per mode. */
const WARM_UP_FIRST = 20;
const WARM_UP = 5;
const PER_FILE = 50;
const OUT = arg("out", join(__dirname, "results", "query-latency.json"));
/** The p95 to compare against (issue 14): 100k chunks, MiniLM-shaped model, process start excluded. */
const TARGET_P95_MS = 15;

/**
 * Questions a developer would type about this corpus, a mix of common and rare words: 60 measured,
 * all different, so that nothing a search remembers between queries (the keyword index's document
 * frequencies, store/fts.ts KeywordIndex) can answer a query because it was asked before. Words recur
 * across them, as a vocabulary does. Every mode runs the same 60 (hybrid first).
 */
const QUERIES = [
  "how do I parse command line options",
  "retry a request after a timeout",
  "where are settings stored",
  "text document synchronization",
  "semantic tokens legend",
  "convert a stream to a buffer",
  "glob pattern matching",
  "cancel a pending request",
  "workspace folders changed",
  "read a file line by line",
  "hover markdown content",
  "escape html entities",
  "environment variables",
  "progress notification token",
  "deep merge of two objects",
  "validate a json schema",
  "compress a response with gzip",
  "diagnostic severity levels",
  "rename symbol across files",
  "register a capability dynamically",
  "code action kinds for quick fixes",
  "completion item insert text format",
  "signature help trigger characters",
  "go to definition of a symbol",
  "find all references in the workspace",
  "document formatting options tab size",
  "folding range provider",
  "inlay hints for parameter names",
  "call hierarchy incoming calls",
  "type hierarchy supertypes",
  "color presentation request",
  "linked editing ranges",
  "file operation will rename files",
  "show message request with actions",
  "log trace notification verbosity",
  "client capabilities for workspace edit",
  "resource operations create and delete file",
  "text edit with annotation id",
  "position encoding utf-16",
  "selection range parent",
  "document link resolve target",
  "code lens command execution",
  "moniker kind and uniqueness",
  "work done progress begin report end",
  "initialize result server info",
  "shutdown and exit the server",
  "publish diagnostics version",
  "document highlight read write",
  "workspace symbol query results",
  "did change configuration settings",
  "watched files glob pattern kind",
  "parse a semver version range",
  "minimatch brace expansion",
  "spawn a child process with arguments",
  "yaml front matter parsing",
  "escape a regular expression",
  "pretty print json with indentation",
  "debounce a function call",
  "uuid generation random bytes",
  "http proxy agent configuration",
];

/** Searched before the measured ones (the model's first runs and the index's first load are slow): none of them is measured. */
const WARM_UP_QUERIES = [
  "open a text document",
  "close the connection",
  "markdown string value",
  "array of ranges",
  "request handler returns a promise",
  "notebook cell kinds",
  "uri of the document",
  "error codes of a response",
  "line and character offsets",
  "register a notification handler",
  "string escape sequences",
  "default export of a module",
  "node version requirements",
  "install with npm",
  "command line usage examples",
  "license of the package",
  "typescript type declarations",
  "async iteration of events",
  "options object with defaults",
  "callback with an error first",
];

interface ModelUnderTest {
  name: string;
  spec: ModelSpec;
  modelId: string;
  dims: number;
}

function modelsUnderTest(): ModelUnderTest[] {
  return MODELS.map((name) => {
    if (name === "minilm") return { name: "minilm-shaped q8", spec: benchModelSpec(MODEL_DIR), modelId: BENCH_MODEL, dims: 384 };
    if (name === "bundled") return { name: "bundled (USE Lite)", spec: { model: "bundled" }, modelId: BUNDLED_MODEL_ID, dims: 512 };
    throw new Error(`--models: unknown model "${name}"; use minilm, bundled or both (comma-separated)`);
  });
}

/** Real chunk texts of the bench corpus, as the indexer cuts them. */
function corpusChunks(): string[] {
  const corpus = makeCorpus();
  const texts: string[] = [];
  for (const file of walk(corpus.dir, () => true).sort()) {
    const rel = relative(corpus.dir, file);
    const info = languageOf(rel);
    if (!info) continue;
    for (const c of chunkFile(rel, readFileSync(file, "utf8"), info.language, info.kind)) texts.push(c.text);
  }
  rmSync(corpus.dir, { recursive: true, force: true });
  return texts;
}

interface Fixture {
  root: string;
  storage: string;
  dbPath: string;
  chunks: number;
  files: number;
  buildSeconds: number;
}

/** A folder and its database and HNSW file, as if the server had indexed it with `m`; in `at` (two folders made there) if given. */
function buildFixture(m: ModelUnderTest, chunks: number, texts: string[], at?: string): Fixture {
  const t0 = process.hrtime.bigint();
  if (at) mkdirSync(at, { recursive: true });
  const root = mkdtempSync(join(at ?? tmpdir(), "qlat-ws-"));
  const storage = mkdtempSync(join(at ?? tmpdir(), "qlat-store-"));
  const dbPath = join(storageDirFor(root, storage), "index.db");
  const store = Store.open(dbPath);
  const model = store.model(m.modelId, m.dims).id;
  const { index } = HnswIndex.open(indexFileFor(dbPath, m.modelId), m.modelId, m.dims, 0, () => [], DEFAULT_HNSW);
  const stream = new ClusteredStream(m.dims, 7);
  const files = Math.ceil(chunks / PER_FILE);
  let next = 0;
  for (let f = 0; f < files; f += 50) {
    const updates: FileUpdate[] = [];
    for (let i = f; i < Math.min(files, f + 50); i++) {
      const count = Math.min(PER_FILE, chunks - i * PER_FILE);
      const parts = Array.from({ length: count }, () => texts[next++ % texts.length]);
      const text = parts.join("\n\n") + "\n";
      const path = `d${i % 20}/file-${i}.md`;
      mkdirSync(join(root, `d${i % 20}`), { recursive: true });
      writeFileSync(join(root, path), text);
      const vectors = stream.next(count);
      let line = 1;
      updates.push({
        path,
        contentHash: contentHash(text),
        size: Buffer.byteLength(text),
        chunks: parts.map((part, j) => {
          const startLine = line;
          line += part.split("\n").length + 1;
          return { startLine, endLine: line - 2, text: part, metadata: { language: "markdown", kind: "markdown" }, vector: vectors.subarray(j * m.dims, (j + 1) * m.dims) };
        }),
      });
    }
    index.add(store.writeBatch(model, updates).added);
    if (next % 20_000 < 2500) console.error(`  ${next} chunks, ${round(elapsedMs(t0) / 1000, 0)} s`);
  }
  index.save(store.generation(model));
  const counts = store.counts(model);
  store.close();
  return { root, storage, dbPath, chunks: counts.chunks, files: counts.files, buildSeconds: round(elapsedMs(t0) / 1000, 1) };
}

const STAGES = ["embed", "vector", "keyword", "fusion", "hits"] as const;

interface Sample {
  ms: number;
  stages?: SearchTimings;
  /**
   * CPU time of this process (every thread: the embedding worker's too) during the request, in-process
   * searches only. On a shared machine it moves far less with the load than the wall-clock time.
   */
  cpuMs?: number;
}

function summarize(samples: Sample[]) {
  const ms = samples.map((s) => s.ms);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const out: Record<string, unknown> = { n: ms.length, p50Ms: round(percentile(ms, 50), 2), p95Ms: round(percentile(ms, 95), 2), maxMs: round(Math.max(...ms), 2), meanMs: round(mean, 2) };
  if (samples[0]?.cpuMs !== undefined) {
    const cpu = samples.map((s) => s.cpuMs!);
    out.cpu = { p50Ms: round(percentile(cpu, 50), 2), p95Ms: round(percentile(cpu, 95), 2), meanMs: round(cpu.reduce((a, b) => a + b, 0) / cpu.length, 2) };
  }
  if (samples[0]?.stages) {
    // Each stage's mean and its share of the mean request; "other" is what no stage covers.
    const stages: Record<string, { meanMs: number; p50Ms: number; share: number }> = {};
    let covered = 0;
    for (const stage of STAGES) {
      const xs = samples.map((s) => s.stages![stage] ?? 0);
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      covered += m;
      stages[stage] = { meanMs: round(m, 3), p50Ms: round(percentile(xs, 50), 3), share: round(m / mean, 3) };
    }
    stages.other = { meanMs: round(mean - covered, 3), p50Ms: NaN, share: round((mean - covered) / mean, 3) };
    out.stages = stages;
  }
  return out;
}

/** Warm-up, then QUERIES_PER_MODE searches of each mode, one at a time. */
async function measureModes(search: (query: string, mode: SearchMode, timings?: SearchTimings) => Promise<number>, withStages: boolean) {
  const byMode: Record<string, unknown> = {};
  for (let i = 0; i < WARM_UP_FIRST; i++) await search(WARM_UP_QUERIES[i % WARM_UP_QUERIES.length], MODES[i % MODES.length]);
  for (const mode of MODES) {
    for (let i = 0; i < WARM_UP; i++) await search(WARM_UP_QUERIES[(WARM_UP_FIRST + i) % WARM_UP_QUERIES.length], mode);
    const samples: Sample[] = [];
    for (let i = 0; i < QUERIES_PER_MODE; i++) {
      const stages: SearchTimings | undefined = withStages ? {} : undefined;
      const cpu = process.cpuUsage();
      const t = process.hrtime.bigint();
      const hits = await search(QUERIES[i % QUERIES.length], mode, stages);
      const ms = elapsedMs(t);
      const used = process.cpuUsage(cpu);
      samples.push({ ms, stages, ...(withStages ? { cpuMs: (used.user + used.system) / 1000 } : {}) });
      if (hits === 0 && mode !== "lexical") throw new Error(`a ${mode} search found nothing: the fixture is not what the engine reads`);
    }
    byMode[mode] = summarize(samples);
    console.error(`    ${mode}: ${JSON.stringify(byMode[mode])}`);
  }
  return byMode;
}

async function viaEngine(m: ModelUnderTest, fx: Fixture) {
  const logs: string[] = [];
  const engine = await Engine.open({ root: fx.root, dbPath: fx.dbPath, model: m.spec, fallback: false, log: (s) => logs.push(s) });
  try {
    const status = engine.status();
    if (status.chunks !== fx.chunks || logs.some((l) => /rebuilding/.test(l))) throw new Error(`the engine did not open the fixture as built (${status.chunks} chunks; ${logs.join(" ")})`);
    return await measureModes(async (query, mode, timings) => (await engine.search({ query, topK: 10, mode, ranking: RANKING }, undefined, timings)).results.length, true);
  } finally {
    await engine.close();
  }
}

async function viaLsp(m: ModelUnderTest, fx: Fixture) {
  const settings = { model: m.spec.model, localModelPath: m.spec.localModelPath ?? "", fallbackToBundled: false };
  const server = await startServer({ root: fx.root, storagePath: fx.storage, settings });
  try {
    // Opening finds every file unchanged; a pass that embeds would take far longer than this.
    await server.waitForIndexingEnds(1, 300_000);
    const status = (await server.conn.sendRequest("semanticSearch/status")) as { chunks: number; model: string };
    const reEmbedded = server.logs.some((l) => /\((?!0 )\d+ embedded\)/.test(l));
    if (status.chunks !== fx.chunks || reEmbedded || server.logs.some((l) => /rebuilding/.test(l))) throw new Error(`the server did not open the fixture as built (${JSON.stringify(status)}; ${server.logs.join(" ")})`);
    return await measureModes(async (query, mode) => ((await server.conn.sendRequest("semanticSearch/search", { query, topK: 10, mode })) as { results: unknown[] }).results.length, false);
  } finally {
    await server.stop();
  }
}

function table(rows: Record<string, any>[]): string {
  const head = "| model | chunks | path | mode | p50 ms | p95 ms | CPU p50 / p95 ms | embed | HNSW | keyword | fusion | hits | other |";
  const share = (r: any, s: string) => (r.stages ? `${Math.round(r.stages[s].share * 100)}% (${r.stages[s].meanMs} ms)` : "–");
  const cpu = (r: any) => (r.cpu ? `${r.cpu.p50Ms} / ${r.cpu.p95Ms}` : "–");
  const lines = rows.map((r) => `| ${r.model} | ${r.chunks} | ${r.path} | ${r.mode} | ${r.p50Ms} | ${r.p95Ms} | ${cpu(r)} | ${STAGES.map((s) => share(r, s)).join(" | ")} | ${share(r, "other")} |`);
  return [head, head.replace(/[^|]+/g, "---"), ...lines].join("\n");
}

async function main() {
  if (new Set(QUERIES).size !== QUERIES.length || QUERIES.some((q) => WARM_UP_QUERIES.includes(q))) throw new Error("the measured queries must all differ, from each other and from the warm-up ones");
  if (QUERIES_PER_MODE > QUERIES.length) throw new Error(`--queries: at most ${QUERIES.length} (each measured query is a different one)`);
  const models = modelsUnderTest();
  const result: Record<string, unknown> = {
    bench: "query-latency",
    date: new Date().toISOString(),
    command: `node --import tsx bench/query-latency.ts ${process.argv.slice(2).join(" ")}`.trim(),
    machineAtStart: machine(),
    loadAverageAtStart: loadavg().map((x) => round(x, 2)),
    queriesPerMode: QUERIES_PER_MODE,
    queriesDistinct: true,
    keptFixtures: KEEP || undefined,
    warmUp: { first: WARM_UP_FIRST, perMode: WARM_UP },
    targetP95Ms: TARGET_P95_MS,
  };
  const texts = corpusChunks();
  result.corpusChunks = texts.length;
  const rows: Record<string, unknown>[] = [];
  const fixtures: Record<string, unknown>[] = [];
  result.fixtures = fixtures;
  result.rows = rows;
  // Written after every model and size, so that a run stopped early keeps what it measured.
  const save = () => {
    result.savedAt = new Date().toISOString();
    result.loadAverageAtSave = loadavg().map((x) => round(x, 2));
    mkdirSync(join(__dirname, "results"), { recursive: true });
    writeFileSync(OUT, JSON.stringify(result, null, 2) + "\n");
  };
  for (const m of models) {
    for (const size of SIZES) {
      // --keep: the fixture of an earlier run, when there is one.
      const keptAt = KEEP ? join(KEEP, `${m.name.replace(/[^a-z0-9]+/gi, "-")}-${size}`) : undefined;
      const keptFile = keptAt && join(keptAt, "fixture.json");
      let fx: Fixture;
      if (keptFile && existsSync(keptFile)) {
        fx = JSON.parse(readFileSync(keptFile, "utf8")) as Fixture;
        console.error(`${m.name}, ${size} chunks: the fixture kept in ${keptAt}`);
      } else {
        console.error(`${m.name}, ${size} chunks: building the store...`);
        fx = buildFixture(m, size, texts, keptAt);
        if (keptFile) writeFileSync(keptFile, JSON.stringify(fx));
      }
      fixtures.push({ model: m.name, chunks: fx.chunks, files: fx.files, buildSeconds: fx.buildSeconds });
      console.error(`  ${fx.files} files, ${fx.chunks} chunks in ${fx.buildSeconds} s`);
      try {
        for (const path of PATHS) {
          console.error(`  via ${path}:`);
          const byMode = path === "engine" ? await viaEngine(m, fx) : path === "lsp" ? await viaLsp(m, fx) : undefined;
          if (!byMode) throw new Error(`--paths: unknown path "${path}"; use engine, lsp or both`);
          for (const [mode, figures] of Object.entries(byMode)) rows.push({ model: m.name, chunks: fx.chunks, path, mode, ...(figures as object) });
        }
      } finally {
        if (!keptAt) {
          rmSync(fx.root, { recursive: true, force: true });
          rmSync(fx.storage, { recursive: true, force: true });
        }
      }
      // The machine is shared: the load while this size was measured goes with its figures.
      fixtures[fixtures.length - 1].loadAverageAfter = loadavg().map((x) => round(x, 2));
      result.complete = false;
      save();
    }
  }
  result.complete = true;
  // The target: p95 under 15 ms at 100k chunks with the MiniLM-shaped model (the largest size run here).
  const biggest = Math.max(...rows.map((r) => r.chunks as number));
  result.target = rows
    .filter((r) => r.model === "minilm-shaped q8" && r.chunks === biggest)
    .map((r) => ({ chunks: r.chunks, path: r.path, mode: r.mode, p95Ms: r.p95Ms, underTarget: (r.p95Ms as number) < TARGET_P95_MS }));
  // What the language server adds to a request: its p50 minus the in-process p50 of the same search.
  result.lspOverheadMs = rows
    .filter((r) => r.path === "lsp")
    .flatMap((r) => {
      const e = rows.find((x) => x.path === "engine" && x.model === r.model && x.chunks === r.chunks && x.mode === r.mode);
      return e ? [{ model: r.model, chunks: r.chunks, mode: r.mode, p50: round((r.p50Ms as number) - (e.p50Ms as number), 2), p95: round((r.p95Ms as number) - (e.p95Ms as number), 2) }] : [];
    });
  result.machineAtEnd = machine();
  result.loadAverageAtEnd = loadavg().map((x) => round(x, 2));
  save();
  console.log(table(rows));
  console.log(`\ntarget p95 < ${TARGET_P95_MS} ms at ${biggest} chunks, MiniLM-shaped: ${(result.target as { path: string; mode: string; p95Ms: number; underTarget: boolean }[]).map((t) => `${t.path} ${t.mode} ${t.p95Ms} ms ${t.underTarget ? "yes" : "NO"}`).join("; ")}`);
  console.log(`\nload average at start ${(result.loadAverageAtStart as number[]).join(", ")}, at end ${(result.loadAverageAtEnd as number[]).join(", ")}; wrote ${OUT}`);
  // The language client's streams of the stopped servers would keep this script alive.
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
