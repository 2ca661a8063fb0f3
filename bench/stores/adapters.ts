// The stores compared by bench/stores: each builds itself from a flat Float32Array into a folder,
// and opens that folder again in a fresh process to answer queries, so the memory measured for
// querying is what a long-running server would hold, not the benchmark's copy of the data.
// Search results are 0-based row numbers of the data, as the ground truth has them.
import { join } from "node:path";
import { DEFAULT_HNSW, HnswIndex, type HnswParams } from "../../server/src/index/hnsw-index";
import { cosine, topK } from "../../server/src/search/vector-math";
import { Store } from "../../server/src/store/store";
import type { VectorStorage } from "../../server/src/store/vectors";
import { exactTopK, row } from "../lib/synthetic";

export interface Opened {
  search(q: Float32Array, k: number): Promise<number[]> | number[];
  close(): Promise<void> | void;
}

export interface Adapter {
  /** Exact stores answer every query by a full scan: the runner gives them fewer queries at large n. */
  exact: boolean;
  describe(p: HnswParams): string;
  build(dir: string, data: Float32Array, dims: number, p: HnswParams): Promise<void> | void;
  open(dir: string, dims: number, p: HnswParams): Promise<Opened> | Opened;
}

const MODEL = "bench";
/** Vectors per transaction, as the indexer writes a batch of files at a time. */
const BATCH = 1000;

/** Writes rows through Store.writeBatch, one "file" of 100 chunks at a time; rowid = row + 1. */
function fillStore(store: Store, data: Float32Array, dims: number, storage: VectorStorage, each?: (added: { id: number; vector: Float32Array }[]) => void) {
  const model = store.model(MODEL, dims).id;
  const n = data.length / dims;
  for (let start = 0; start < n; start += BATCH) {
    const files = [];
    for (let f = start; f < Math.min(n, start + BATCH); f += 100) {
      const chunks = [];
      for (let r = f; r < Math.min(n, f + 100, start + BATCH); r++) {
        chunks.push({ startLine: r, endLine: r, text: `row ${r}`, metadata: {}, vector: row(data, dims, r) });
      }
      files.push({ path: `f${f}.md`, contentHash: String(f), size: 0, chunks });
    }
    const result = store.writeBatch(model, files, [], storage);
    if (start === 0 && result.added[0]?.id !== 1) throw new Error("expected rowids to start at 1");
    each?.(result.added);
  }
  return model;
}

const oursHnsw: Adapter = {
  exact: false,
  describe: (p) => `SQLite (float32 BLOBs) + our HnswIndex (hnswlib-node), M=${p.m} efC=${p.efConstruction} ef=${p.efSearch}`,
  build(dir, data, dims, p) {
    const store = Store.open(join(dir, "index.db"));
    const { index } = HnswIndex.open(join(dir, "index.hnsw"), MODEL, dims, 0, () => [], p);
    // As the indexer does: each committed batch goes into the graph.
    const model = fillStore(store, data, dims, "float32", (added) => index.add(added));
    index.save(store.generation(model));
    store.close();
  },
  open(dir, dims, p) {
    const store = Store.open(join(dir, "index.db"));
    const model = store.findModel(MODEL)!;
    const { index, outcome } = HnswIndex.open(join(dir, "index.hnsw"), MODEL, dims, model.generation, () => store.ids(model.id), p);
    if (outcome !== "loaded") throw new Error(`index ${outcome}`);
    return {
      search: (q, k) => index.search(q, k).map((h) => h.id - 1),
      close: () => store.close(),
    };
  },
};

/** The engine's exact path (used below 2,000 candidates): scan the model's rows in SQLite. */
function oursExact(storage: VectorStorage): Adapter {
  return {
    exact: true,
    describe: () => `SQLite (${storage} BLOBs), exact scan as the engine does it`,
    build(dir, data, dims) {
      const store = Store.open(join(dir, "index.db"));
      fillStore(store, data, dims, storage);
      store.close();
    },
    open(dir) {
      const store = Store.open(join(dir, "index.db"));
      const model = store.findModel(MODEL)!.id;
      return {
        search(q, k) {
          const scored = (function* () {
            for (const v of store.vectors(model)) yield { id: v.id, score: cosine(q, v.vector) };
          })();
          return topK(scored, k).map((h) => h.id - 1);
        },
        close: () => store.close(),
      };
    },
  };
}

/** Brute force over the vectors held in memory: the ground truth's own method. */
const exactMemory: Adapter = {
  exact: true,
  describe: () => "exact: brute force over a Float32Array in memory (JS)",
  async build(dir, data) {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "vectors.f32"), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  },
  async open(dir, dims) {
    const { readFileSync } = await import("node:fs");
    const buf = readFileSync(join(dir, "vectors.f32"));
    const data = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    return { search: (q, k) => exactTopK(data, dims, q, k), close: () => {} };
  },
};

const usearch = (quantization: "f32" | "i8"): Adapter => ({
  exact: false,
  describe: (p) => `usearch HNSW (${quantization}), connectivity=${p.m} expansion_add=${p.efConstruction} expansion_search=${p.efSearch}`,
  async build(dir, data, dims, p) {
    const { Index } = await import("usearch");
    const n = data.length / dims;
    const index = new Index({ dimensions: dims, metric: "cos" as never, quantization: quantization as never, connectivity: p.m, expansion_add: p.efConstruction, expansion_search: p.efSearch, multi: false });
    const keys = new BigUint64Array(n);
    for (let i = 0; i < n; i++) keys[i] = BigInt(i);
    // One call: usearch inserts with all cores (0 = as many threads as it sees fit).
    index.add(keys, data, 0);
    index.save(join(dir, "index.usearch"));
  },
  async open(dir, dims, p) {
    const { Index } = await import("usearch");
    const index = new Index({ dimensions: dims, metric: "cos" as never, quantization: quantization as never, connectivity: p.m, expansion_add: p.efConstruction, expansion_search: p.efSearch, multi: false });
    index.load(join(dir, "index.usearch"));
    return {
      search: (q, k) => Array.from(index.search(q, k, 1).keys, Number),
      close: () => {},
    };
  },
});

type LanceIndex = "flat" | "ivf_pq" | "ivf_hnsw_sq";

const lancedb = (kind: LanceIndex): Adapter => ({
  exact: kind === "flat",
  describe: (p) =>
    kind === "flat"
      ? "LanceDB, no index (flat scan, cosine)"
      : kind === "ivf_pq"
        ? "LanceDB IVF_PQ with its defaults (cosine; sqrt(n) partitions, dims/16 sub-vectors; nprobes 20)"
        : `LanceDB IVF_HNSW_SQ (cosine, 1 partition, m=${p.m} efConstruction=${p.efConstruction}; ef=${p.efSearch})`,
  async build(dir, data, dims, p) {
    const lancedb = await import("@lancedb/lancedb");
    // The CommonJS build, the one LanceDB itself requires: with the ESM build, its instanceof
    // checks fail and it re-creates the table, rejecting the schema.
    const arrow = require("apache-arrow") as typeof import("apache-arrow");
    const db = await lancedb.connect(dir);
    const n = data.length / dims;
    const schema = new arrow.Schema([
      new arrow.Field("id", new arrow.Int32(), false),
      new arrow.Field("vector", new arrow.FixedSizeList(dims, new arrow.Field("item", new arrow.Float32(), true)), false),
    ]);
    // Arrow batches over the same Float32Array: no per-row JS objects even at a million rows.
    const batchOf = (start: number, end: number) => {
      const rows = end - start;
      const ids = arrow.makeData({ type: new arrow.Int32(), length: rows, data: Int32Array.from({ length: rows }, (_, i) => start + i) });
      const values = arrow.makeData({ type: new arrow.Float32(), length: rows * dims, data: data.subarray(start * dims, end * dims) });
      const vectors = arrow.makeData({ type: schema.fields[1].type, length: rows, nullCount: 0, child: values });
      const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length: rows, nullCount: 0, children: [ids, vectors] });
      return new arrow.Table(schema, [new arrow.RecordBatch(schema, struct)]);
    };
    const step = 100_000;
    const table = await db.createTable("vectors", batchOf(0, Math.min(n, step)) as never);
    for (let s = step; s < n; s += step) await table.add(batchOf(s, Math.min(n, s + step)) as never);
    if (kind === "ivf_pq") await table.createIndex("vector", { config: lancedb.Index.ivfPq({ distanceType: "cosine" }) });
    if (kind === "ivf_hnsw_sq") {
      await table.createIndex("vector", { config: lancedb.Index.hnswSq({ distanceType: "cosine", numPartitions: 1, m: p.m, efConstruction: p.efConstruction }) });
    }
    table.close();
    db.close();
  },
  async open(dir, _dims, p) {
    const lancedb = await import("@lancedb/lancedb");
    const db = await lancedb.connect(dir);
    const table = await db.openTable("vectors");
    return {
      async search(q, k) {
        let query = table.vectorSearch(q).distanceType("cosine").select(["id"]).limit(k);
        if (kind === "ivf_hnsw_sq") query = query.ef(p.efSearch);
        const rows = (await query.toArray()) as { id: number }[];
        return rows.map((r) => r.id);
      },
      close: () => {
        table.close();
        db.close();
      },
    };
  },
});

export const ADAPTERS: Record<string, Adapter> = {
  "ours-hnsw": oursHnsw,
  "ours-exact-f32": oursExact("float32"),
  "ours-exact-int8": oursExact("int8"),
  "exact-memory": exactMemory,
  usearch: usearch("f32"),
  "usearch-i8": usearch("i8"),
  "lancedb-flat": lancedb("flat"),
  "lancedb-ivfpq": lancedb("ivf_pq"),
  "lancedb-hnswsq": lancedb("ivf_hnsw_sq"),
};

export const DEFAULT_PARAMS: HnswParams = DEFAULT_HNSW;
