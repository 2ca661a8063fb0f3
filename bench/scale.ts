// Scale: (1) a million 384-d vectors written through our Store and HnswIndex (no embedder), then
// the store reopened and queried: peak RSS must stay under 8 GB; (2) a workspace of 10,000 small
// markdown and code files indexed by the engine with the tiny test model (16 dims, fast), sampling
// RSS over time: the peak and the growth between passes show whether memory is bounded.
// Usage: npm run bench:scale -- [--part vectors|workspace|both] [--n 1000000] [--efc N]
//        [--files 10000] [--queries 100]                      (writes bench/results/scale.json)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Engine } from "../server/src/engine/engine";
import { DEFAULT_HNSW, HnswIndex } from "../server/src/index/hnsw-index";
import { Store } from "../server/src/store/store";
import { machine, peakRssMiB, rssMiB } from "./lib/machine";
import { arg, ClusteredStream, elapsedMs, percentile, recallAt, rng, round, row, StreamingTruth } from "./lib/synthetic";
import { bytesUnder } from "./stores/worker-utils";

const OUT = join(__dirname, "results", "scale.json");
const TINY_MODEL = resolve(__dirname, "..", "test", "fixtures", "tiny-model", "semsearch", "tiny-bert");

/** RSS every `everyMs`, with whatever `label()` says is happening. */
function sampler(everyMs: number, label: () => Record<string, unknown>) {
  const started = process.hrtime.bigint();
  const samples: Record<string, unknown>[] = [];
  const take = () => samples.push({ s: round(elapsedMs(started) / 1000, 1), rssMiB: rssMiB(), ...label() });
  const timer = setInterval(take, everyMs);
  return {
    samples,
    take,
    stop() {
      clearInterval(timer);
      take();
    },
  };
}

async function vectors() {
  const n = Number(arg("n", "1000000"));
  const nQueries = Number(arg("queries", "100"));
  const dims = 384;
  const params = { ...DEFAULT_HNSW, efConstruction: Number(arg("efc", String(DEFAULT_HNSW.efConstruction))) };
  const dir = mkdtempSync(join(tmpdir(), "scale-vectors-"));
  const start = rssMiB();
  let rows = 0;
  const s = sampler(5000, () => ({ rows }));
  // The same vectors as bench/stores' synthetic-<n> set: seed 11, data first, then the queries.
  const stream = new ClusteredStream(dims, 11);
  const store = Store.open(join(dir, "index.db"));
  const model = store.model("bench", dims).id;
  let index: HnswIndex | undefined = HnswIndex.open(join(dir, "index.hnsw"), "bench", dims, 0, () => [], params).index;
  const t0 = process.hrtime.bigint();
  const BATCH = 1000;
  for (; rows < n; ) {
    const batch = stream.next(Math.min(BATCH, n - rows));
    const count = batch.length / dims;
    const chunks = Array.from({ length: count }, (_, i) => ({ startLine: rows + i, endLine: rows + i, text: `row ${rows + i}`, metadata: {}, vector: row(batch, dims, i) }));
    const result = store.writeBatch(model, [{ path: `f${rows}.md`, contentHash: String(rows), size: 0, chunks }]);
    index.add(result.added);
    rows += count;
    if (rows % 100_000 === 0) console.error(`  ${rows} rows, ${round(elapsedMs(t0) / 1000, 0)} s, RSS ${rssMiB()} MiB`);
    // Let the sampler run between batches.
    if (rows % 10_000 === 0) await new Promise((r) => setImmediate(r));
  }
  const buildSeconds = elapsedMs(t0) / 1000;
  const t1 = process.hrtime.bigint();
  index.save(store.generation(model));
  const saveSeconds = elapsedMs(t1) / 1000;
  const rssAfterBuild = rssMiB();
  store.close();
  // Drop the graph built in this process, then open both again as a server starting up would.
  index = undefined;
  global.gc?.();
  const queries = stream.next(nQueries);
  const t2 = process.hrtime.bigint();
  const reopened = Store.open(join(dir, "index.db"));
  const m = reopened.findModel("bench")!;
  const opened = HnswIndex.open(join(dir, "index.hnsw"), "bench", dims, m.generation, () => reopened.ids(m.id), params);
  if (opened.outcome !== "loaded") throw new Error(`reopen: ${opened.outcome}`);
  const openSeconds = elapsedMs(t2) / 1000;
  const times: number[] = [];
  const found: number[][] = [];
  for (let i = 0; i < nQueries; i++) {
    const t = process.hrtime.bigint();
    const hits = opened.index.search(row(queries, dims, i), 10);
    times.push(elapsedMs(t));
    found.push(hits.map((h) => h.id - 1));
  }
  const rssQuerying = rssMiB();
  s.stop();
  reopened.close();
  // After close: SQLite has checkpointed its WAL into the database file by then.
  const diskBytes = bytesUnder(dir);
  // Ground truth: the same stream again, batch by batch.
  const t3 = process.hrtime.bigint();
  const truth = new StreamingTruth(queries, dims, 10);
  const again = new ClusteredStream(dims, 11);
  for (let done = 0; done < n; done += 10_000) truth.add(again.next(Math.min(10_000, n - done)), done);
  const truthSeconds = elapsedMs(t3) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return {
    n,
    dims,
    params,
    rssAtStartMiB: start,
    buildSeconds: round(buildSeconds, 1),
    saveSeconds: round(saveSeconds, 1),
    rssAfterBuildMiB: rssAfterBuild,
    reopenSeconds: round(openSeconds, 1),
    rssWhileQueryingMiB: rssQuerying,
    peakRssMiB: peakRssMiB(),
    withinBoundMiB: 8192,
    withinBound: peakRssMiB() < 8192,
    diskBytes,
    queries: nQueries,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    recallAt10: round(recallAt(truth.result(), found, 10), 4),
    groundTruthSeconds: round(truthSeconds, 1),
    samples: s.samples,
  };
}

/** Small files of a few headed sections or functions each, of made-up but varied words. */
function makeWorkspace(files: number): { dir: string; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), "scale-workspace-"));
  const r = rng(5);
  const words = "vector index query store embedding chunk model search file folder server client cache batch token graph layer node edge score rank filter metadata path line range hash memory disk thread worker queue".split(" ");
  const sentence = (len: number) => Array.from({ length: len }, () => words[Math.floor(r() * words.length)]).join(" ");
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const sub = join(dir, `pkg${i % 100}`, `mod${Math.floor(i / 100) % 10}`);
    mkdirSync(sub, { recursive: true });
    let name: string;
    let text: string;
    if (i % 4 === 3) {
      name = `file${i}.ts`;
      text = Array.from({ length: 3 }, (_, f) => `/** ${sentence(12)} */\nexport function f${i}_${f}(x: number): number {\n  // ${sentence(10)}\n  return x * ${f + 1};\n}\n`).join("\n");
    } else {
      name = `note${i}.md`;
      text = `# Note ${i}\n\n${sentence(40)}.\n\n## ${sentence(3)}\n\n${sentence(60)}.\n\n## ${sentence(3)}\n\n${sentence(50)}.\n`;
    }
    writeFileSync(join(sub, name), text);
    bytes += text.length;
  }
  return { dir, bytes };
}

async function workspace() {
  const files = Number(arg("files", "10000"));
  const { dir, bytes } = makeWorkspace(files);
  const rssBeforeOpen = rssMiB();
  let phase = "open";
  let done = 0;
  const s = sampler(500, () => ({ phase, files: done }));
  const engine = await Engine.open({ root: dir, model: { model: TINY_MODEL }, fallback: false });
  const rssAfterOpen = rssMiB();
  const passes: Record<string, unknown>[] = [];
  const pass = async (name: string, rebuild = false) => {
    phase = name;
    done = 0;
    const t = process.hrtime.bigint();
    const summary = await engine.indexFolder({ rebuild, onProgress: (p) => (done = p.done) });
    global.gc?.();
    passes.push({ pass: name, seconds: round(elapsedMs(t) / 1000, 1), files: summary.files, chunks: summary.chunks, embedded: summary.embedded, rssAfterMiB: rssMiB(), peakSoFarMiB: peakRssMiB() });
    console.error(`  ${JSON.stringify(passes[passes.length - 1])}`);
  };
  await pass("first index");
  await pass("unchanged re-index");
  // A tenth of the files edited, as after a branch switch.
  for (let i = 0; i < files; i += 10) {
    const sub = join(dir, `pkg${i % 100}`, `mod${Math.floor(i / 100) % 10}`);
    const name = i % 4 === 3 ? `file${i}.ts` : `note${i}.md`;
    writeFileSync(join(sub, name), readFileSync(join(sub, name), "utf8") + `\nedited ${i}\n`);
  }
  await pass("re-index after editing 10%");
  await pass("rebuild", true);
  phase = "search";
  const t = process.hrtime.bigint();
  for (let i = 0; i < 50; i++) await engine.search({ query: `vector query ${i}`, topK: 10 });
  const searchMsEach = elapsedMs(t) / 50;
  await engine.close();
  s.stop();
  const diskBytes = bytesUnder(join(dir, ".semsearch"));
  rmSync(dir, { recursive: true, force: true });
  const rss = s.samples.map((x) => x.rssMiB as number);
  return {
    files,
    bytes,
    model: TINY_MODEL.replace(resolve(__dirname, "..") + "/", ""),
    rssBeforeOpenMiB: rssBeforeOpen,
    rssAfterOpenMiB: rssAfterOpen,
    passes,
    searchMsEach: round(searchMsEach, 1),
    maxSampledRssMiB: Math.max(...rss),
    peakRssMiB: peakRssMiB(),
    diskBytes,
    samples: s.samples,
  };
}

async function main() {
  const part = arg("part", "both");
  // Each part runs in its own process (npm run bench:scale runs both, one after the other), so one
  // part's peak RSS never shows in the other's; each keeps the other's last result in the file.
  if (part !== "vectors" && part !== "workspace") throw new Error("run the parts one per process: --part vectors, then --part workspace");
  const command = `node --import tsx --expose-gc bench/scale.ts ${process.argv.slice(2).join(" ")}`;
  const date = new Date().toISOString();
  const figures = part === "vectors" ? await vectors() : await workspace();
  // Read at the end, not the start: the other part may have finished meanwhile.
  const existing = (() => {
    try {
      return JSON.parse(readFileSync(OUT, "utf8"));
    } catch {
      return {};
    }
  })();
  const result = { ...existing, bench: "scale", machine: machine(), [part]: { date, command, ...figures, machineAtEnd: machine() } } as Record<string, unknown>;
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 2) + "\n");
  const { samples: _a, ...v } = (result.vectors ?? {}) as Record<string, unknown>;
  const { samples: _b, ...w } = (result.workspace ?? {}) as Record<string, unknown>;
  console.log(JSON.stringify({ vectors: v, workspace: w }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
