// Indexing at scale: a workspace of 10,000 real source and documentation files (copied from this
// project's node_modules: .js, .ts and .md) indexed cold by the language server with the MiniLM-shaped
// q8 model, measuring
//   - chunks/s of the whole pass (discover, read, chunk, embed, write SQLite, insert into HNSW), and
//     its ratio to the FLOP limit: FLOPs of the chunks actually embedded (bench/lib/bench-model.ts
//     bertFlops, tokens counted by the model's tokenizer) over the machine's int8 rate on all cores
//     (onnxruntime MatMulInteger, bench/lib/onnx-matmul.ts), the accounting of bench/throughput.ts (§5);
//   - peak memory: RSS of the server process and any process it started, polled from /proc;
//   - responsiveness: every 250 ms a semanticSearch/status, semanticSearch/search or semanticSearch/embed
//     (by turns, each sent on time whether or not the last has answered), response times while the
//     pass runs. A search during the first pass asks the folder being indexed (it answered nothing
//     before that was fixed: searchesWithHits says how many found something), and the embed request
//     crosses to the engine thread and the embedding worker while they index.
// Usage: npm run build && node --import tsx bench/index-scale.ts [--files 10000] [--max-file-bytes 8192]
//        [--model-dir DIR] [--ping-ms 250] [--no-rate] [--max-seconds S] [--out FILE]
//                                                             (writes bench/results/index-scale.json)
// Files are capped at 4 KB by default (10,000 of them make about 36,000 chunks): the code chunker cuts
// by function, so larger files multiply the chunks and the run time (8 KB: about 49,000 chunks).
// The MiniLM-shaped model: /usr/bin/python3 scripts/make-bench-model.py (see npm run bench:throughput).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { storageDirFor } from "../server/src/lsp/storage";
import { Store } from "../server/src/store/store";
import { walk } from "./corpus";
import { BENCH_MODEL, benchModelSpec, bertFlops, DEFAULT_BENCH_MODEL_DIR } from "./lib/bench-model";
import { startServer } from "./lib/lsp-server";
import { machine } from "./lib/machine";
import { measurePeak, type RateResult } from "./lib/onnx-matmul";
import { pollTreeRss } from "./lib/proc-tree";
import { arg, percentile, round } from "./lib/synthetic";

const FILES = Number(arg("files", "10000"));
const MAX_FILE_BYTES = Number(arg("max-file-bytes", "4096"));
const MODEL_DIR = arg("model-dir", DEFAULT_BENCH_MODEL_DIR);
const PING_MS = Number(arg("ping-ms", "250"));
const MEASURE_RATE = !process.argv.includes("--no-rate");
/** Stop the pass after this long (0: never) and report what was indexed by then, marked partial. */
const MAX_SECONDS = Number(arg("max-seconds", "0"));
const NODE_MODULES = join(__dirname, "..", "node_modules");
const OUT = arg("out", join(__dirname, "results", "index-scale.json"));
/** The model's token limit as the engine sets it (transformers.ts DEFAULT_MAX_TOKENS). */
const MAX_TOKENS = 256;
const QUERIES = ["how do I parse command line options", "retry a request after a timeout", "where are settings stored", "read a file line by line"];

/** Folder names the indexer skips as generated or vendored (discovery/excludes.ts): renamed in the copy. */
const SKIPPED_DIRS = new Set(["node_modules", "dist", "build", "out", "vendor", "coverage", "target", ".cache", ".git", ".next", ".nuxt", ".venv"]);

/**
 * FILES files of node_modules, .js/.mjs/.cjs/.ts/.md of 100 B to MAX_FILE_BYTES, evenly spaced over the
 * sorted list (so every package contributes, not the first few), copied into a temporary folder with
 * skipped folder names renamed so that the indexer sees them all.
 */
function makeWorkspace(): { dir: string; files: number; bytes: number; candidates: number } {
  if (!Number.isInteger(FILES) || FILES < 1) throw new Error(`--files must be a whole number of at least 1, not ${arg("files", "")}`);
  const keep = (p: string) => /\.(m?js|cjs|ts|md)$/i.test(p) && !/\.(min|bundle)\.m?js$/i.test(p) && !/\.map$/.test(p);
  const candidates = walk(NODE_MODULES, keep)
    .filter((p) => {
      const size = statSync(p).size;
      return size >= 100 && size <= MAX_FILE_BYTES;
    })
    .sort();
  if (candidates.length < FILES) throw new Error(`only ${candidates.length} files of node_modules fit (100 B to ${MAX_FILE_BYTES} B): use a smaller --files or a larger --max-file-bytes`);
  const dir = mkdtempSync(join(tmpdir(), "index-scale-ws-"));
  const step = candidates.length / FILES;
  let bytes = 0;
  for (let i = 0; i < FILES; i++) {
    const src = candidates[Math.floor(i * step)];
    const rel = relative(NODE_MODULES, src)
      .split("/")
      .map((seg, j, all) => (j < all.length - 1 && SKIPPED_DIRS.has(seg) ? `${seg.replace(/^\./, "")}_` : seg))
      .join("/");
    mkdirSync(join(dir, dirname(rel)), { recursive: true });
    copyFileSync(src, join(dir, rel));
    bytes += statSync(src).size;
  }
  return { dir, files: FILES, bytes, candidates: candidates.length };
}

/** Tokens of every stored chunk as the model sees them (cut at its limit), and their FLOPs. */
async function chunkFlops(dbPath: string): Promise<{ files: number; chunks: number; tokens: number; flops: number }> {
  const { AutoTokenizer, env } = await import("@huggingface/transformers");
  env.localModelPath = MODEL_DIR;
  env.allowRemoteModels = false;
  const tokenizer = (await AutoTokenizer.from_pretrained(BENCH_MODEL)) as unknown as (t: string[], o: object) => { attention_mask: { data: ArrayLike<bigint> } };
  const store = Store.open(dbPath);
  try {
    const model = store.findModel(BENCH_MODEL);
    if (!model) throw new Error(`no vectors of ${BENCH_MODEL} in ${dbPath}: the server indexed with another model (is fallbackToBundled off?)`);
    const ids = store.ids(model.id);
    let tokens = 0;
    let flops = 0;
    for (let i = 0; i < ids.length; i += 500) {
      for (const chunk of store.chunks(ids.slice(i, i + 500)).values()) {
        const t = Number(tokenizer([chunk.text], { truncation: true, max_length: MAX_TOKENS }).attention_mask.data.length);
        tokens += t;
        flops += bertFlops(t);
      }
    }
    return { files: store.counts(model.id).files, chunks: ids.length, tokens, flops };
  } finally {
    store.close();
  }
}

/** The int8 two-thread rate bench/throughput.ts recorded on this machine, if it has run. */
function recordedRate(): RateResult | undefined {
  try {
    const t = JSON.parse(readFileSync(join(__dirname, "results", "throughput.json"), "utf8"));
    return (t.rates as RateResult[]).find((r) => r.op === "MatMulInteger" && r.threads === availableParallelism());
  } catch {
    return undefined;
  }
}

/** A status or a search every `everyMs`, each timed from send to answer; stop() waits for the last. */
type PingKind = "status" | "search" | "embed";
const PING_KINDS: PingKind[] = ["status", "search", "embed"];

function pinger(send: (kind: PingKind, i: number) => Promise<unknown>, everyMs: number) {
  const samples: { kind: PingKind; sentAt: number; ms: number }[] = [];
  let lastStatus: unknown;
  const failures: { kind: PingKind; sentAt: number; message: string }[] = [];
  let searchesWithHits = 0;
  const inFlight = new Set<Promise<void>>();
  let i = 0;
  const tick = () => {
    const kind = PING_KINDS[i % PING_KINDS.length];
    const sentAt = Date.now();
    const t = process.hrtime.bigint();
    const p = send(kind, i++)
      .then((answer) => {
        samples.push({ kind, sentAt, ms: Number(process.hrtime.bigint() - t) / 1e6 });
        if (kind === "status") lastStatus = answer;
        else if (kind === "search" && (answer as { results?: unknown[] }).results?.length) searchesWithHits++;
      })
      .catch((err) => {
        failures.push({ kind, sentAt, message: (err as Error).message });
        console.error(`  ${kind} failed: ${(err as Error).message}`);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const timer = setInterval(tick, everyMs);
  return {
    samples,
    lastStatus: () => lastStatus as { chunks?: number; progress?: { done: number; total: number } } | undefined,
    searchesWithHits: () => searchesWithHits,
    failures,
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}

function byKind(samples: { kind: PingKind; ms: number }[]) {
  return { ...Object.fromEntries(PING_KINDS.map((k) => [k, latency(samples.filter((s) => s.kind === k).map((s) => s.ms))])), all: latency(samples.map((s) => s.ms)) };
}

function latency(xs: number[]) {
  return xs.length ? { n: xs.length, p50Ms: round(percentile(xs, 50), 1), p95Ms: round(percentile(xs, 95), 1), maxMs: round(Math.max(...xs), 1) } : { n: 0 };
}

async function main() {
  const spec = benchModelSpec(MODEL_DIR);
  const result: Record<string, unknown> = {
    bench: "index-scale",
    date: new Date().toISOString(),
    command: `node --import tsx bench/index-scale.ts ${process.argv.slice(2).join(" ")}`.trim(),
    machineAtStart: machine(),
    loadAverageAtStart: loadavg().map((x) => round(x, 2)),
    model: `${BENCH_MODEL} (q8; all-MiniLM-L6-v2's shape, random weights)`,
  };
  const nproc = availableParallelism();
  let rate: RateResult | undefined;
  if (MEASURE_RATE) {
    console.error(`measuring the machine's int8 rate (MatMulInteger, ${nproc} threads)...`);
    rate = await measurePeak("MatMulInteger", nproc);
    console.error(`  ${rate.gigaOpsPerSecond} G ops/s`);
  }
  const recorded = recordedRate();

  const ws = makeWorkspace();
  result.workspace = { files: ws.files, bytes: ws.bytes, fileSizes: `100 B to ${MAX_FILE_BYTES} B`, candidates: ws.candidates, from: "node_modules .js/.mjs/.cjs/.ts/.md, evenly spaced over the sorted paths" };
  console.error(`workspace: ${ws.files} files, ${round(ws.bytes / 2 ** 20, 1)} MiB in ${ws.dir}`);
  const storage = mkdtempSync(join(tmpdir(), "index-scale-store-"));
  const dbPath = join(storageDirFor(ws.dir, storage), "index.db");
  try {
    const spawnedAt = Date.now();
    const server = await startServer({ root: ws.dir, storagePath: storage, settings: { model: spec.model, localModelPath: spec.localModelPath, fallbackToBundled: false } });
    const memory = pollTreeRss(server.proc.pid!, 250);
    const query = (i: number) => QUERIES[Math.floor(i / PING_KINDS.length) % QUERIES.length];
    const sendPing = (kind: PingKind, i: number) =>
      kind === "status"
        ? server.conn.sendRequest("semanticSearch/status")
        : kind === "search"
          ? server.conn.sendRequest("semanticSearch/search", { query: query(i), topK: 10 })
          : server.conn.sendRequest("semanticSearch/embed", { text: query(i) });
    const pings = pinger(sendPing, PING_MS);
    const idleSamples: typeof pings.samples = [];
    let idleSearchesWithHits = 0;
    let status: { files: number; chunks: number; model: string; state: string };
    // A line every 15 s: if the run must be stopped early, the log still tells how far it came.
    const onStatus = setInterval(() => {
      // (The status's chunk count is the engine's as of its last answer: during a pass, not live.)
      const lastStatus = pings.lastStatus() ?? {};
      const recent = pings.samples.slice(-40).map((s) => s.ms);
      console.error(`  ${round((Date.now() - spawnedAt) / 1000, 0)} s: files ${lastStatus.progress?.done ?? "?"}/${lastStatus.progress?.total ?? "?"}, peak RSS ${memory.peak()} MiB, last 40 answers p50/max ${round(percentile(recent, 50), 1)}/${round(Math.max(...recent), 1)} ms, load ${loadavg()[0].toFixed(2)}`);
    }, 15_000);
    let stoppedAt: number | undefined;
    try {
      try {
        await server.waitForIndexingEnds(1, MAX_SECONDS > 0 ? MAX_SECONDS * 1000 : 4 * 3600_000);
      } catch (err) {
        if (!(MAX_SECONDS > 0) || !/did not end/.test((err as Error).message)) throw err;
        stoppedAt = Date.now();
        console.error(`  stopped after --max-seconds ${MAX_SECONDS}: the figures cover what was indexed by then`);
      }
      await pings.stop();
      status = (await server.conn.sendRequest("semanticSearch/status")) as typeof status;
      // The same requests on the idle server afterwards, for comparison (skipped when stopped early).
      if (!stoppedAt) {
        const idle = pinger((kind, i) => sendPing(kind, i), PING_MS);
        await new Promise((r) => setTimeout(r, 60 * PING_MS));
        await idle.stop();
        idleSamples.push(...idle.samples);
        idleSearchesWithHits = idle.searchesWithHits();
      }
    } finally {
      clearInterval(onStatus);
      await pings.stop();
      await server.stop();
    }
    // Stopped early, the server finishes the batch it is on before it exits: count up to its exit.
    if (stoppedAt) stoppedAt = Date.now();
    const mem = memory.stop();
    if (status.model !== BENCH_MODEL) throw new Error(`the server indexed with ${status.model}, not ${BENCH_MODEL}: ${server.logs.join(" ")}`);
    const begin = server.progress.find((p) => p.kind === "begin")?.at ?? spawnedAt;
    const end = stoppedAt ?? server.progress.find((p) => p.kind === "end")!.at;
    const seconds = (end - begin) / 1000;
    // Only answers to requests sent while the pass ran: the editor's view of it.
    const during = pings.samples.filter((s) => s.sentAt >= begin && s.sentAt <= end);

    console.error("counting tokens of the stored chunks...");
    // What the database holds once the server has exited (the status's counts lag during a pass).
    const work = await chunkFlops(dbPath);
    const limit = (r: RateResult | undefined) => {
      if (!r) return undefined;
      const limitSeconds = work.flops / (r.gigaOpsPerSecond * 1e9);
      return { gigaOpsPerSecond: r.gigaOpsPerSecond, shape: r.shape, limitChunksPerSecond: round(work.chunks / limitSeconds, 1), ratio: round(limitSeconds / seconds, 3) };
    };
    result.indexing = {
      ...(stoppedAt ? { partial: `stopped after --max-seconds ${MAX_SECONDS}, before the pass ended; chunks and files are those indexed by then` } : {}),
      files: work.files,
      chunks: work.chunks,
      secondsFromSpawn: round((end - spawnedAt) / 1000, 1),
      seconds: round(seconds, 1),
      chunksPerSecond: round(work.chunks / seconds, 1),
      filesPerSecond: round(work.files / seconds, 1),
      meanTokensPerChunk: round(work.tokens / work.chunks, 1),
      tokensPerSecond: Math.round(work.tokens / seconds),
      mflopsPerToken: round(bertFlops(1) / 1e6, 2),
      achievedGflops: round(work.flops / seconds / 1e9, 2),
    };
    result.flopLimit = {
      note: "FLOPs of the stored chunks (tokens cut at 256) over the int8 MatMulInteger rate on all cores; ratio = achieved / limit, as in bench/throughput.ts",
      measuredNow: limit(rate),
      recordedByThroughputBench: limit(recorded),
    };
    result.memory = { peakRssMiB: mem.peakMiB, processes: mem.maxProcesses, samples: mem.samples };
    result.responsiveness = {
      everyMs: PING_MS,
      // Requests refused before the model had loaded are not counted: the pass had not begun.
      failuresDuringIndexing: pings.failures.filter((f) => f.sentAt >= begin && f.sentAt <= end),
      searchesWithHits: pings.searchesWithHits(),
      duringIndexing: byKind(during),
      idleAfterwards: { ...byKind(idleSamples), searchesWithHits: idleSearchesWithHits },
    };
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  }
  result.machineAtEnd = machine();
  result.loadAverageAtEnd = loadavg().map((x) => round(x, 2));
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 2) + "\n");
  const { samples: _s, ...memory } = result.memory as Record<string, unknown>;
  console.log(JSON.stringify({ ...result, memory }, null, 2));
  // The language client's streams of the stopped server would keep this script alive.
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
