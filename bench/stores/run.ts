// Side-by-side: our store (SQLite + HnswIndex, and its exact scan) against exact search, LanceDB and
// usearch, on the same vectors in one run: real embeddings of the bench corpus and synthetic
// clustered 384-d sets. Each store is built in one process and queried in another (see worker.ts).
// Usage: npm run bench:stores -- [--sizes 10000,100000,1000000] [--no-real] [--stores a,b]
//        [--queries 200] [--m 16 --efc 200 --ef 100] [--big-efc 100] [--resume DIR]
// --resume DIR keeps the rows already in the output file and reuses the vectors, queries and ground
// truth of a set from DIR/<set>/ when there (a million-vector ground truth takes minutes to compute).
// At a million vectors and above, the HNSW graphs are built with --big-efc (default 100) so that a
// run stays within about an hour on two cores; the result rows say which parameters they used.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_HNSW, efSearchFor, type HnswParams } from "../../server/src/index/hnsw-index";
import { machine } from "../lib/machine";
import { arg, clusteredDataset, elapsedMs, groundTruth, round, type Dataset } from "../lib/synthetic";
import { ADAPTERS } from "./adapters";
import { realDataset } from "./real-vectors";

const sizes = arg("sizes", "10000,100000").split(",").filter(Boolean).map(Number);
const stores = arg("stores", Object.keys(ADAPTERS).join(",")).split(",");
const nQueries = Number(arg("queries", "200"));
const base: HnswParams = { m: Number(arg("m", String(DEFAULT_HNSW.m))), efConstruction: Number(arg("efc", String(DEFAULT_HNSW.efConstruction))), efSearch: Number(arg("ef", String(DEFAULT_HNSW.efSearch))) };
const bigEfc = Number(arg("big-efc", "100"));
const out = arg("out", join(__dirname, "..", "results", "stores.json"));
const REFERENCE = "ours-hnsw";

function runWorker(args: string[]): Record<string, number> {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", join(__dirname, "worker.ts"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    // LanceDB logs a deprecation warning per query through the Rust logger otherwise.
    env: { ...process.env, RUST_LOG: "error", LANCEDB_LOG: "error" },
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const last = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !last.startsWith("{")) return { failed: 1, exitCode: r.status ?? -1 };
  return JSON.parse(last);
}

/** Scans cost n per query: give exact stores fewer queries at large n so a run stays bounded. */
const queriesFor = (exact: boolean, n: number) => (exact ? Math.min(nQueries, Math.max(10, Math.floor(1e7 / n))) : nQueries);

async function main() {
  const resume = arg("resume", "");
  const result = { bench: "stores", date: new Date().toISOString(), machineAtStart: machine(), command: process.argv.slice(2).join(" "), params: base, bigEfc, datasets: [] as object[], rows: [] as Record<string, unknown>[], machineAtEnd: {} };
  if (resume && existsSync(out)) {
    const previous = JSON.parse(readFileSync(out, "utf8"));
    result.rows = previous.rows;
    result.datasets = previous.datasets;
    result.date = previous.date;
  }
  const save = () => {
    mkdirSync(join(__dirname, "..", "results"), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
  };
  const sets: { name: string; load: () => Promise<Dataset> }[] = [];
  if (!process.argv.includes("--no-real")) sets.push({ name: "real", load: () => realDataset("bundled", nQueries) });
  for (const n of sizes) sets.push({ name: `synthetic-${n}`, load: async () => clusteredDataset(n, nQueries, 384, 11) });
  for (const set of sets) {
    const ds = await set.load();
    const work = resume ? join(resume, set.name) : mkdtempSync(join(tmpdir(), "stores-bench-"));
    mkdirSync(work, { recursive: true });
    const files = { data: join(work, "data.f32"), queries: join(work, "queries.f32"), truth: join(work, "truth.json") };
    if (!existsSync(files.truth)) {
      writeFileSync(files.data, ds.data);
      writeFileSync(files.queries, ds.queries);
      const t = process.hrtime.bigint();
      writeFileSync(files.truth, JSON.stringify(groundTruth(ds, 10)));
      // A resumed run whose files were lost recomputes them (same seed, same vectors): one entry a set.
      result.datasets = result.datasets.filter((d) => (d as { name: string }).name !== set.name);
      result.datasets.push({ name: set.name, n: ds.n, dims: ds.dims, queries: ds.q, groundTruthSeconds: round(elapsedMs(t) / 1000, 1) });
    }
    console.error(`${set.name}: ${ds.n} x ${ds.dims}, ${ds.q} queries`);
    // efSearch 0 (the default) is resolved here as the engine would for this many vectors, so every
    // HNSW store of the row set searches with the same breadth.
    const sized = { ...base, efSearch: efSearchFor(base.efSearch, ds.n) };
    const params = ds.n >= 1_000_000 ? { ...sized, efConstruction: bigEfc } : sized;
    // The dataset's memory is released before the workers run: they read the files.
    (ds as { data?: Float32Array }).data = undefined;
    for (const store of stores) {
      const adapter = ADAPTERS[store];
      if (result.rows.some((r) => r.dataset === set.name && r.store === store && !r.failed)) continue;
      const dir = mkdtempSync(join(tmpdir(), `store-${store}-`));
      console.error(`  ${store}: building`);
      const common = ["--store", store, "--dir", dir, "--dims", String(ds.dims), "--params", JSON.stringify(params)];
      const build = runWorker([...common, "--phase", "build", "--data", files.data]);
      const query = build.failed ? {} : runWorker([...common, "--phase", "query", "--queries", files.queries, "--truth", files.truth, "--count", String(queriesFor(adapter.exact, ds.n))]);
      rmSync(dir, { recursive: true, force: true });
      const rowOut = { dataset: set.name, n: ds.n, dims: ds.dims, store, what: adapter.describe(params), ...build, ...query };
      console.error(`  ${JSON.stringify(rowOut)}`);
      result.rows.push(rowOut);
      save();
    }
    if (!resume) rmSync(work, { recursive: true, force: true });
  }
  for (const row of result.rows) Object.assign(row, ratios(row, result.rows.find((r) => r.dataset === row.dataset && r.store === REFERENCE)));
  result.machineAtEnd = machine();
  save();
  console.log(table(result.rows));
}

/** Each store against ours (SQLite + HNSW) on the same dataset: > 1 means "more than ours". */
function ratios(row: Record<string, unknown>, ref: Record<string, unknown> | undefined) {
  if (!ref) return {};
  const r = (key: string) => (typeof row[key] === "number" && typeof ref[key] === "number" && (ref[key] as number) > 0 ? round((row[key] as number) / (ref[key] as number), 2) : undefined);
  return { vsOurs: { build: r("buildSeconds"), p50: r("p50Ms"), qps: r("qps"), memory: r("queryRssMiB"), disk: r("diskBytes") } };
}

function table(rows: Record<string, any>[]): string {
  const head = "| dataset | store | build s | p50 ms | p95 ms | QPS | recall@10 | RSS MiB (store) | disk MiB | build/ours | p50/ours | QPS/ours | RSS/ours | disk/ours |";
  const lines = rows.map((r) =>
    r.failed
      ? `| ${r.dataset} | ${r.store} | failed (exit ${r.exitCode}) |||||||||||||`
      : `| ${r.dataset} | ${r.store} | ${r.buildSeconds} | ${r.p50Ms} | ${r.p95Ms} | ${r.qps} | ${r.recallAt10} | ${r.queryRssMiB} (${r.storeRssMiB}) | ${round(r.diskBytes / 2 ** 20, 1)} | ${r.vsOurs?.build ?? ""} | ${r.vsOurs?.p50 ?? ""} | ${r.vsOurs?.qps ?? ""} | ${r.vsOurs?.memory ?? ""} | ${r.vsOurs?.disk ?? ""} |`,
  );
  return [head, head.replace(/[^|]+/g, "---"), ...lines].join("\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
