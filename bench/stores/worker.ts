// One store, one phase, one process: `build` makes the store in --dir from --data; `query` opens it
// and runs --queries against --truth. A process per phase keeps each figure of resident memory and
// peak RSS to that store alone. Prints one JSON line.
import { readFileSync } from "node:fs";
import { peakRssMiB, rssMiB } from "../lib/machine";
import { arg, elapsedMs, percentile, recallAt, round, row } from "../lib/synthetic";
import { ADAPTERS } from "./adapters";
import { bytesUnder } from "./worker-utils";

function readF32(file: string): Float32Array {
  const buf = readFileSync(file);
  // readFileSync gives a Buffer of its own (not pooled) for large files; copy small ones to align.
  const copy = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
  return new Float32Array(copy.buffer, copy.byteOffset, copy.byteLength / 4);
}

async function main() {
  const adapter = ADAPTERS[arg("store", "")];
  if (!adapter) throw new Error(`unknown store ${arg("store", "")}`);
  const dir = arg("dir", "");
  const dims = Number(arg("dims", "384"));
  const params = JSON.parse(arg("params", "{}"));
  const k = 10;
  if (arg("phase", "") === "build") {
    const data = readF32(arg("data", ""));
    const baseline = rssMiB();
    const t = process.hrtime.bigint();
    await adapter.build(dir, data, dims, params);
    const buildSeconds = elapsedMs(t) / 1000;
    console.log(JSON.stringify({ buildSeconds: round(buildSeconds, 2), buildPeakRssMiB: peakRssMiB(), buildRssBaselineMiB: baseline, diskBytes: bytesUnder(dir) }));
    return;
  }
  const queries = readF32(arg("queries", ""));
  const truth: number[][] = JSON.parse(readFileSync(arg("truth", ""), "utf8"));
  const count = Math.min(Number(arg("count", String(truth.length))), truth.length);
  // Imports and the runtime are loaded before the baseline, so the difference is the store's.
  const name = arg("store", "");
  if (name.startsWith("lancedb")) await import("@lancedb/lancedb");
  if (name.startsWith("usearch")) await import("usearch");
  if (global.gc) global.gc();
  const baseline = rssMiB();
  const t0 = process.hrtime.bigint();
  const store = await adapter.open(dir, dims, params);
  const openMs = elapsedMs(t0);
  // Warm-up on queries that are not measured: the first searches fault pages in and JIT the scans.
  for (let i = 0; i < Math.min(5, count); i++) await store.search(row(queries, dims, count - 1 - i), k);
  const times: number[] = [];
  const found: number[][] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const t = process.hrtime.bigint();
    found.push(await store.search(row(queries, dims, i), k));
    times.push(elapsedMs(t));
  }
  const totalSeconds = elapsedMs(started) / 1000;
  const rss = rssMiB();
  await store.close();
  console.log(
    JSON.stringify({
      queries: count,
      openMs: round(openMs, 1),
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      qps: round(count / totalSeconds, 1),
      recallAt10: round(recallAt(truth.slice(0, count), found, k), 4),
      queryRssMiB: rss,
      storeRssMiB: round(rss - baseline, 1),
      queryPeakRssMiB: peakRssMiB(),
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
