// The language server under use: how long from a saved change until it is searchable (p50, p95),
// and how fast searches answer while a full indexing pass runs, compared with an idle server.
// Usage: node --import tsx bench/lsp-bench.ts   (npm run build first; writes bench/results/lsp.json)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startClient } from "../test/lsp/lsp-client";
import { makeCorpus } from "./corpus";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (x: number) => Math.round(x * 10) / 10;
const TOPICS = ["glaciers carve valleys", "bees dance to share directions", "compilers lower syntax trees", "tides follow the moon", "sourdough needs a starter", "violins are tuned in fifths", "lichens pair fungi and algae", "rust prevents data races", "owls hunt at night", "saturn has rings of ice"];

async function main() {
  // A smaller slice of the corpus than the index bench: this one indexes it twice.
  const corpus = makeCorpus(300_000);
  const storage = mkdtempSync(join(tmpdir(), "lspbench-"));
  const searchesWhileIndexing: number[] = [];
  // A first server indexes the corpus; while it runs, we time searches.
  const startedAt = Date.now();
  const client = await startClient({ folders: [corpus.dir], storagePath: storage, indexTimeoutMs: 1_800_000 });
  const firstIndexSeconds = (Date.now() - startedAt) / 1000;

  // A rebuild, with searches fired throughout it.
  const end = client.nextIndexingEnd();
  await client.conn.sendRequest("semanticSearch/reindex", {});
  let rebuilding = true;
  void end.then(() => (rebuilding = false));
  while (rebuilding) {
    const t = process.hrtime.bigint();
    await client.conn.sendRequest("semanticSearch/search", { query: "how do I parse command line options", topK: 10 });
    searchesWhileIndexing.push(Number(process.hrtime.bigint() - t) / 1e6);
    await new Promise((r) => setTimeout(r, 20));
  }
  const idle: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = process.hrtime.bigint();
    await client.conn.sendRequest("semanticSearch/search", { query: TOPICS[i % TOPICS.length], topK: 10 });
    idle.push(Number(process.hrtime.bigint() - t) / 1e6);
  }

  // Save-to-searchable: write a file with a new sentence, announce the save, poll until it is the top hit.
  const saveToSearchable: number[] = [];
  for (let i = 0; i < 30; i++) {
    const sentence = `${TOPICS[i % TOPICS.length]} (note ${i})`;
    const path = join(corpus.dir, "bench-notes", `note-${i % 5}.md`);
    mkdirSync(join(corpus.dir, "bench-notes"), { recursive: true });
    writeFileSync(path, `# Note\n\n${sentence}\n`);
    const uri = pathToFileURL(path).href;
    const t = process.hrtime.bigint();
    await client.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri, type: 2 }] });
    for (;;) {
      const res: any = await client.conn.sendRequest("semanticSearch/search", { query: sentence, topK: 1 });
      if (res.results[0]?.uri === uri && res.results[0].text.includes(`(note ${i})`)) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    saveToSearchable.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const status: any = await client.conn.sendRequest("semanticSearch/status");
  await client.stop();
  rmSync(storage, { recursive: true, force: true });
  rmSync(corpus.dir, { recursive: true, force: true });
  const result = {
    bench: "lsp",
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    model: status.model,
    corpus: { files: status.files, chunks: status.chunks },
    firstIndexSeconds: round(firstIndexSeconds),
    saveToSearchableMs: { p50: round(pct(saveToSearchable, 50)), p95: round(pct(saveToSearchable, 95)), n: saveToSearchable.length },
    searchWhileIndexingMs: { p50: round(pct(searchesWhileIndexing, 50)), p95: round(pct(searchesWhileIndexing, 95)), n: searchesWhileIndexing.length },
    searchIdleMs: { p50: round(pct(idle, 50)), p95: round(pct(idle, 95)), n: idle.length },
  };
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "lsp.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
