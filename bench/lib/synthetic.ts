// Synthetic embeddings for benchmarks: unit vectors around 50 Gaussian centres, the same
// distribution as bench/query-bench.ts, but generated into one flat Float32Array so that a million
// 384-d vectors (1.5 GB) do not become a million small JS objects.
// Queries are drawn from the same centres as the data (held-out points), as real queries land
// near real documents; query-bench draws them from other centres, which is a harder, less real case.

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Dataset {
  dims: number;
  /** n rows of dims floats, row-major, each row of unit length. */
  data: Float32Array;
  queries: Float32Array;
  n: number;
  q: number;
}

/**
 * The clustered distribution as a stream: next(count) gives the following rows, so a million
 * vectors can be made (twice, identically) in batches without holding them all.
 */
export class ClusteredStream {
  private readonly r: () => number;
  private readonly centres: Float32Array[];

  constructor(readonly dims: number, seed = 1, private readonly clusters = 50, private readonly spread = 0.8) {
    this.r = rng(seed);
    this.centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dims }, () => this.gauss()));
  }

  private gauss(): number {
    return Math.sqrt(-2 * Math.log(this.r() + 1e-12)) * Math.cos(2 * Math.PI * this.r());
  }

  next(count: number): Float32Array {
    const dims = this.dims;
    const out = new Float32Array(count * dims);
    for (let row = 0; row < count; row++) {
      const c = this.centres[Math.floor(this.r() * this.clusters)];
      const base = row * dims;
      let sq = 0;
      for (let i = 0; i < dims; i++) {
        const x = c[i] + this.spread * this.gauss();
        out[base + i] = x;
        sq += x * x;
      }
      const inv = 1 / Math.sqrt(sq);
      for (let i = 0; i < dims; i++) out[base + i] *= inv;
    }
    return out;
  }
}

/** n data vectors, then q query vectors from the same stream; deterministic for a given seed. */
export function clusteredDataset(n: number, q: number, dims: number, seed = 1): Dataset {
  const stream = new ClusteredStream(dims, seed);
  const data = stream.next(n);
  const queries = stream.next(q);
  return { dims, data, queries, n, q };
}

export function row(m: Float32Array, dims: number, i: number): Float32Array {
  return m.subarray(i * dims, (i + 1) * dims);
}

/**
 * Exact top-k by dot product (rows and queries are unit length, so this is cosine), as 0-based
 * row numbers, best first. The ground truth every recall figure is measured against.
 */
export function exactTopK(data: Float32Array, dims: number, query: Float32Array, k: number): number[] {
  const n = data.length / dims;
  const ids: number[] = [];
  const scores: number[] = [];
  for (let r = 0; r < n; r++) {
    let dot = 0;
    const base = r * dims;
    for (let i = 0; i < dims; i++) dot += data[base + i] * query[i];
    offerTopK(ids, scores, k, r, dot);
  }
  return ids;
}

/** Puts (id, score) into a best-first list of at most k if it belongs there. */
function offerTopK(ids: number[], scores: number[], k: number, id: number, score: number): void {
  if (ids.length >= k && score <= scores[scores.length - 1]) return;
  // Insertion into a short sorted list: k is 10, so this beats a heap.
  let j = ids.length < k ? ids.length : k - 1;
  while (j > 0 && scores[j - 1] < score) {
    scores[j] = scores[j - 1];
    ids[j] = ids[j - 1];
    j--;
  }
  scores[j] = score;
  ids[j] = id;
}

export function groundTruth(ds: Dataset, k: number): number[][] {
  return Array.from({ length: ds.q }, (_, i) => exactTopK(ds.data, ds.dims, row(ds.queries, ds.dims, i), k));
}

/** Share of the true top-k found, over all queries. */
export function recallAt(truth: number[][], found: number[][], k: number): number {
  let hits = 0;
  for (let i = 0; i < truth.length; i++) {
    const want = new Set(truth[i].slice(0, k));
    for (const id of found[i].slice(0, k)) if (want.has(id)) hits++;
  }
  return hits / (truth.length * k);
}

export const percentile = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export const median = (xs: number[]): number => percentile(xs, 50);

export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

export function listArg(name: string, fallback: number[]): number[] {
  const v = arg(name, "");
  return v ? v.split(",").map(Number) : fallback;
}

/** Running exact top-k of many queries over data seen batch by batch (for data too big to hold). */
export class StreamingTruth {
  private ids: number[][];
  private scores: number[][];

  constructor(private readonly queries: Float32Array, private readonly dims: number, private readonly k: number) {
    const q = queries.length / dims;
    this.ids = Array.from({ length: q }, () => []);
    this.scores = Array.from({ length: q }, () => []);
  }

  /** Rows of `batch` are numbered from `offset`. */
  add(batch: Float32Array, offset: number): void {
    const { dims, k } = this;
    const n = batch.length / dims;
    for (let qi = 0; qi < this.ids.length; qi++) {
      const q = this.queries.subarray(qi * dims, (qi + 1) * dims);
      const ids = this.ids[qi];
      const scores = this.scores[qi];
      for (let r = 0; r < n; r++) {
        let dot = 0;
        const base = r * dims;
        for (let i = 0; i < dims; i++) dot += batch[base + i] * q[i];
        offerTopK(ids, scores, k, offset + r, dot);
      }
    }
  }

  result(): number[][] {
    return this.ids;
  }
}
