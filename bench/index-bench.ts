// Indexing speed: chunks per second and peak memory, on a corpus of real npm documentation and code.
// Usage: node --import tsx bench/index-bench.ts [--model bundled|ID]   (writes bench/results/index.json)
import { rmSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { Engine } from "../server/src/engine/engine";
import { makeCorpus } from "./corpus";

async function main() {
  const model = process.argv.includes("--model") ? process.argv[process.argv.indexOf("--model") + 1] : "bundled";
  const corpus = makeCorpus();
  const started = process.hrtime.bigint();
  const engine = await Engine.open({ root: corpus.dir, model: { model } });
  const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = await engine.indexFolder();
  const reindex = await engine.indexFolder();
  await engine.close();
  const result = {
    bench: "index",
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    model: engine.modelId,
    corpus: { files: corpus.files, bytes: corpus.bytes, packages: corpus.packages },
    modelLoadSeconds: round(loadSeconds),
    files: summary.files,
    chunks: summary.chunks,
    seconds: round(summary.seconds),
    chunksPerSecond: round(summary.chunks / summary.seconds),
    unchangedReindexSeconds: round(reindex.seconds),
    peakRssMiB: round(process.resourceUsage().maxRSS / 1024),
  };
  rmSync(corpus.dir, { recursive: true, force: true });
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "index.json"), JSON.stringify(result, null, 2) + "\n");
  const { packages: _omit, ...shown } = result.corpus;
  console.log(JSON.stringify({ ...result, corpus: shown }, null, 2));
}

const round = (x: number) => Math.round(x * 100) / 100;
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
