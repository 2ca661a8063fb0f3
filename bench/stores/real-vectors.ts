// Real embeddings for the store comparison: the bench corpus (bench/corpus.ts) indexed by the engine
// with the bundled model (no network needed), its vectors read back from SQLite and cached in the
// temp folder so later runs skip the minutes of embedding. Every 10th chunk is held out as a query:
// doc-to-doc neighbours, the "find similar" case, with queries that look like the data.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../server/src/engine/engine";
import { makeCorpus } from "../corpus";
import type { Dataset } from "../lib/synthetic";

const CACHE = join(tmpdir(), "semsearch-bench-cache");

export async function realDataset(model = "bundled", maxQueries = 200): Promise<Dataset & { model: string; chunks: number; seconds: number; cached: boolean }> {
  const file = join(CACHE, `real-${model.replace(/[^A-Za-z0-9]+/g, "_")}.json`);
  let cached = true;
  if (!existsSync(file)) {
    cached = false;
    const corpus = makeCorpus();
    const started = process.hrtime.bigint();
    const engine = await Engine.open({ root: corpus.dir, model: { model } });
    await engine.indexFolder();
    const row = engine.store.findModel(engine.modelId)!;
    const vectors = [...engine.store.vectors(row.id)].map((v) => Array.from(v.vector));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const meta = { model: engine.modelId, dims: engine.model.dimensions, corpusFiles: corpus.files, corpusBytes: corpus.bytes, seconds };
    await engine.close();
    rmSync(corpus.dir, { recursive: true, force: true });
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(file, JSON.stringify({ ...meta, vectors }));
  }
  const saved = JSON.parse(readFileSync(file, "utf8")) as { model: string; dims: number; seconds: number; vectors: number[][] };
  const dims = saved.dims;
  const held = saved.vectors.filter((_, i) => i % 10 === 5).slice(0, maxQueries);
  const kept = saved.vectors.filter((_, i) => i % 10 !== 5 || held.length <= Math.floor(i / 10));
  // Unit length, as the engine stores them; the exact ground truth relies on it.
  const flat = (rows: number[][]) => {
    const out = new Float32Array(rows.length * dims);
    rows.forEach((r, i) => {
      const norm = Math.hypot(...r) || 1;
      for (let j = 0; j < dims; j++) out[i * dims + j] = r[j] / norm;
    });
    return out;
  };
  return { dims, data: flat(kept), queries: flat(held), n: kept.length, q: held.length, model: saved.model, chunks: saved.vectors.length, seconds: saved.seconds, cached };
}
