// Query speed and HNSW quality: p50/p95 latency of exact and HNSW search, and HNSW's recall@10
// against exact search, on synthetic unit vectors (clustered, like real embeddings are).
// Usage: node --import tsx bench/query-bench.ts [--n 20000] [--dims 384]   (writes bench/results/query.json)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { HnswIndex, DEFAULT_HNSW } from "../server/src/index/hnsw-index";
import { cosine, topK } from "../server/src/search/vector-math";
import { arg, rng } from "./lib/synthetic";


function clustered(n: number, dims: number, seed: number): Float32Array[] {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: 50 }, () => Float32Array.from({ length: dims }, gauss));
  return Array.from({ length: n }, () => {
    const c = centres[Math.floor(r() * centres.length)];
    const v = Float32Array.from({ length: dims }, (_, i) => c[i] + 0.8 * gauss());
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

function main() {
  const n = Number(arg("n", "20000"));
  const dims = Number(arg("dims", "384"));
  const queries = clustered(200, dims, 2);
  const data = clustered(n, dims, 1).map((vector, i) => ({ id: i + 1, vector }));
  const dir = mkdtempSync(join(tmpdir(), "qbench-"));
  const t0 = process.hrtime.bigint();
  const { index } = HnswIndex.open(join(dir, "bench.hnsw"), "bench", dims, 0, () => []);
  index.rebuild(data, n);
  const buildSeconds = ms(t0) / 1000;
  const exactTimes: number[] = [];
  const hnswTimes: number[] = [];
  let hits = 0;
  for (const q of queries) {
    let t = process.hrtime.bigint();
    const truth = topK(data.map((d) => ({ id: d.id, score: cosine(q, d.vector) })), 10);
    exactTimes.push(ms(t));
    t = process.hrtime.bigint();
    const approx = index.search(q, 10);
    hnswTimes.push(ms(t));
    const want = new Set(truth.map((x) => x.id));
    hits += approx.filter((x) => want.has(x.id)).length;
  }
  rmSync(dir, { recursive: true, force: true });
  const result = {
    bench: "query",
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    vectors: n,
    dimensions: dims,
    queries: queries.length,
    hnsw: DEFAULT_HNSW,
    hnswBuildSeconds: Math.round(buildSeconds * 100) / 100,
    exactMs: { p50: round(pct(exactTimes, 50)), p95: round(pct(exactTimes, 95)) },
    hnswMs: { p50: round(pct(hnswTimes, 50)), p95: round(pct(hnswTimes, 95)) },
    hnswRecallAt10: round(hits / (queries.length * 10), 4),
  };
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "query.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(result, null, 2));
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
main();
