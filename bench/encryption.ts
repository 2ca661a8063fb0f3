// The cost of encryption at rest (README "Encryption at rest"), in one run, encrypted vs plaintext:
// - `semsearch index` of the knowledge base and of a ~2k-chunk folder (bench/corpus.ts), wall time;
// - search p50: in one process (the engine opened as the language server and `serve` open it; an
//   encrypted store builds its graph in memory at open, engineOpenMs) and per CLI call (`semsearch
//   search`, a process each: on an encrypted store it scans the stored vectors, no graph);
// - the HNSW rebuild from SQLite an encrypted store does on every open, at 10k chunks of 512 numbers,
//   next to loading the saved graph a plaintext store reads.
// Run: npm run build && node --import tsx bench/encryption.ts   (writes bench/results/encryption.json)
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../server/src/engine/engine";
import { HnswIndex } from "../server/src/index/hnsw-index";
import { Store } from "../server/src/store/store";
import { makeCorpus } from "./corpus";
import { ClusteredStream } from "./lib/synthetic";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "bin", "semsearch");
const KEY = `x'${"3c".repeat(32)}'`;
const QUERIES = ["How do plants make food?", "Where is the Eiffel Tower located?", "request cancellation", "error handling of a failed call", "how to configure the server", "what does the model download", "text document synchronization", "a story about the ocean"];

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function cli(args: string[], encrypted: boolean): { ms: number; out: string } {
  const t0 = process.hrtime.bigint();
  const env = { ...process.env, SEMSEARCH_DB_KEY: encrypted ? KEY : undefined };
  const r = spawnSync(CLI, args, { encoding: "utf8", env });
  if (r.status !== 0) throw new Error(`semsearch ${args.join(" ")}: ${r.stderr}`);
  return { ms: ms(t0), out: r.stdout };
}

async function folderCost(name: string, source: string) {
  const out: Record<string, unknown> = { folder: name };
  for (const encrypted of [false, true]) {
    const dir = mkdtempSync(join(tmpdir(), `enc-bench-${name}-`));
    cpSync(source, dir, { recursive: true });
    const idx = cli(["index", dir, "--model", "bundled", "--json", ...(encrypted ? ["--encrypt"] : [])], encrypted);
    const summary = JSON.parse(idx.out);
    // As the language server and `serve` open it (writable): an encrypted store builds its graph in memory.
    const t0 = process.hrtime.bigint();
    const engine = await Engine.open({ root: dir, model: { model: "bundled" }, databaseKey: encrypted ? KEY : undefined });
    const openMs = ms(t0);
    const inProcess: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const query of QUERIES) {
        const t0 = process.hrtime.bigint();
        await engine.search({ query, topK: 10 });
        if (round > 0) inProcess.push(ms(t0));
      }
    }
    await engine.close();
    const perCall: number[] = [];
    for (const query of QUERIES) perCall.push(cli(["search", query, "--dir", dir, "--model", "bundled", "--no-server", "--k", "10"], encrypted).ms);
    out[encrypted ? "encrypted" : "plaintext"] = {
      chunks: summary.chunks,
      indexMs: Math.round(idx.ms),
      engineOpenMs: Math.round(openMs),
      searchInProcessP50Ms: +p50(inProcess).toFixed(2),
      searchCliP50Ms: Math.round(p50(perCall)),
    };
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** The rebuild an encrypted store pays on open, vs loading the saved graph of a plaintext one. */
async function rebuildCost(n: number, dims: number) {
  const dir = mkdtempSync(join(tmpdir(), "enc-bench-hnsw-"));
  const out: Record<string, unknown> = { chunks: n, dims };
  try {
    for (const encrypted of [false, true]) {
      const path = join(dir, `${encrypted ? "enc" : "plain"}.db`);
      const store = Store.open(path, encrypted ? { key: KEY, encrypt: true } : {});
      const m = store.model("bench", dims).id;
      const stream = new ClusteredStream(dims, 7);
      for (let at = 0; at < n; at += 500) {
        const rows = stream.next(500);
        store.writeBatch(m, Array.from({ length: 500 }, (_, i) => ({
          path: `f${at + i}`, contentHash: "h", size: 1,
          chunks: [{ startLine: 1, endLine: 1, text: `chunk ${at + i}`, metadata: {}, vector: rows.subarray(i * dims, (i + 1) * dims) }],
        })));
      }
      const file = join(dir, `${encrypted ? "enc" : "plain"}.hnsw`);
      const ids = store.ids(m);
      const t0 = process.hrtime.bigint();
      const { index } = HnswIndex.open(file, "bench", dims, store.generation(m), () => ids, undefined, !encrypted);
      await index.rebuildGradually(ids, (slice) => store.vectors(m, slice));
      const rebuildMs = ms(t0);
      const entry: Record<string, number> = { rebuildMs: Math.round(rebuildMs) };
      if (!encrypted) {
        index.save(store.generation(m));
        const t1 = process.hrtime.bigint();
        const { outcome } = HnswIndex.open(file, "bench", dims, store.generation(m), () => ids, undefined, true);
        if (outcome !== "loaded") throw new Error(`the saved graph did not load: ${outcome}`);
        entry.loadSavedMs = Math.round(ms(t1));
      }
      out[encrypted ? "encrypted" : "plaintext"] = entry;
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function main() {
  const corpus = makeCorpus(Number(process.env.ENC_BENCH_BYTES ?? 1_000_000));
  try {
    const results = {
      when: new Date().toISOString(),
      note: "2 cores shared with other jobs (see loadAverage); wall times, one run. Index: `semsearch index` with the bundled model. Search CLI: one process per query (--no-server).",
      loadAverage: loadavg().map((x) => +x.toFixed(2)),
      folders: [await folderCost("knowledge-base", join(ROOT, "examples", "knowledge-base")), await folderCost("corpus", corpus.dir)],
      hnswRebuild: await rebuildCost(10_000, 512),
    };
    writeFileSync(join(__dirname, "results", "encryption.json"), JSON.stringify(results, null, 2) + "\n");
    console.log(JSON.stringify(results, null, 2));
  } finally {
    rmSync(corpus.dir, { recursive: true, force: true });
  }
}

void main();
