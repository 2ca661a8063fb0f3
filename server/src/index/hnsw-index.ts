// The HNSW index of one model's vectors, persisted beside the database. It is a cache of SQLite:
// a sidecar file records which database generation it reflects and a fingerprint of its bytes,
// so a missing, stale, corrupt or foreign index file is detected and rebuilt instead of trusted.
import { HierarchicalNSW } from "hnswlib-node";
import { createHash } from "node:crypto";
import { existsSync, openSync, readFileSync, readSync, closeSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";

export interface HnswParams {
  m: number;
  efConstruction: number;
  /** Search breadth; 0 = grow with the index (efSearchFor). */
  efSearch: number;
}

/**
 * Chosen by bench/hnsw-sweep.ts (bench/RESULTS.md): on clustered 384-d vectors, M=32 with
 * efSearch=100 answers fastest of the settings with recall@10 >= 0.98 at 20k and 100k vectors, and
 * efConstruction=100 builds the graph in about half the time of 200 at the same recall. The former
 * M=16/efC=200/efS=100 fell to 0.968 at 100k. An index saved with other values is rebuilt once.
 * efSearch 0 lets the breadth grow with the index: a fixed 100 fell to recall@10 0.817 at 1M vectors.
 */
export const DEFAULT_HNSW: HnswParams = { m: 32, efConstruction: 100, efSearch: 0 };

/**
 * The efSearch used at a given index size. A fixed breadth finds a shrinking share of the true
 * neighbours as the graph grows (bench/results/scale.json, 1M vectors: recall@10 0.817 / 0.923 /
 * 0.971 / 0.988 at 100 / 200 / 400 / 800), so "auto" keeps 100 up to 125,000 vectors (0.992 at
 * 100k) and then grows linearly to 800 at a million, capped at 1,000 (queries stay under ~10 ms).
 */
export function efSearchFor(requested: number, size: number): number {
  if (requested > 0) return requested;
  return Math.min(1000, Math.max(100, Math.ceil(size / 1250)));
}

interface Sidecar {
  format: 1;
  modelId: string;
  dimensions: number;
  generation: number;
  params: HnswParams;
  bytes: number;
  fingerprint: string;
}

export type LoadOutcome = "loaded" | "missing" | "stale" | "unreadable";

/** A change that waits while hnswlib writes the file in its own thread. */
type PendingChange = { add: { id: number; vector: Float32Array } } | { remove: number };

/**
 * A gradual rebuild adds vectors for this long, then lets the thread answer what waits. One insert
 * costs from microseconds (a small graph) to a few milliseconds (100k vectors of 512 numbers), so the
 * slice is measured in time, not in vectors.
 */
const REBUILD_SLICE_MS = 4;
const REBUILD_STEP = 8;

export class HnswIndex {
  private index: HierarchicalNSW;
  private live = new Set<number>();
  /** Changed since the last save. */
  dirty = false;
  /** While a gradual rebuild runs: how far it has come. Searches see only the vectors added so far. */
  rebuilding: { done: number; total: number } | undefined;
  /** Set while saveAsync writes: changes queue here so hnswlib never reads a graph that moves. */
  private pending: PendingChange[] | undefined;

  private constructor(
    readonly file: string,
    readonly modelId: string,
    readonly dimensions: number,
    readonly params: HnswParams,
  ) {
    this.index = HnswIndex.empty(dimensions, params, 1024);
  }

  private static empty(dimensions: number, params: HnswParams, capacity: number): HierarchicalNSW {
    const index = new HierarchicalNSW("cosine", dimensions);
    // allowReplaceDeleted: a re-indexed file's new vectors reuse the slots its old ones left.
    index.initIndex({ maxElements: capacity, m: params.m, efConstruction: params.efConstruction, randomSeed: 100, allowReplaceDeleted: true });
    index.setEf(efSearchFor(params.efSearch, 0));
    return index;
  }

  /** Opens the persisted index if it reflects `generation`; otherwise says why it must be rebuilt. */
  static open(
    file: string,
    modelId: string,
    dimensions: number,
    generation: number,
    liveIds: () => Iterable<number>,
    params: HnswParams = DEFAULT_HNSW,
  ): { index: HnswIndex; outcome: LoadOutcome } {
    const index = new HnswIndex(file, modelId, dimensions, params);
    const outcome = index.tryLoad(generation, liveIds);
    return { index, outcome };
  }

  private tryLoad(generation: number, liveIds: () => Iterable<number>): LoadOutcome {
    if (!existsSync(this.file) || !existsSync(sidecarOf(this.file))) return "missing";
    let sidecar: Sidecar;
    try {
      sidecar = JSON.parse(readFileSync(sidecarOf(this.file), "utf8"));
    } catch {
      return "unreadable";
    }
    if (sidecar.format !== 1 || sidecar.modelId !== this.modelId || sidecar.dimensions !== this.dimensions) return "stale";
    if (sidecar.generation !== generation || !sameParams(sidecar.params, this.params)) return "stale";
    // Never hand hnswlib bytes we did not write: a foreign or truncated file can crash native code.
    if (statSync(this.file).size !== sidecar.bytes || fingerprint(this.file) !== sidecar.fingerprint) return "unreadable";
    try {
      const loaded = new HierarchicalNSW("cosine", this.dimensions);
      loaded.readIndexSync(this.file, true);
      loaded.setEf(efSearchFor(this.params.efSearch, loaded.getCurrentCount()));
      this.index = loaded;
      // hnswlib keeps soft-deleted labels in its id list; SQLite knows which ids are live.
      this.live = new Set(liveIds());
      return "loaded";
    } catch {
      return "unreadable";
    }
  }

  /** Replaces the contents with these vectors (a rebuild from SQLite). */
  rebuild(vectors: Iterable<{ id: number; vector: Float32Array }>, expectedCount = 0): void {
    this.index = HnswIndex.empty(this.dimensions, this.params, Math.max(1024, expectedCount));
    this.live.clear();
    this.add(vectors);
  }

  /**
   * Rebuilds from SQLite a slice at a time, yielding between slices, so that a thread that also
   * answers searches is never held for the whole rebuild (about 105 s at 100k vectors). `slice` reads
   * the vectors of a list of ids (rows deleted meanwhile are simply not returned); vectors added or
   * removed by the caller during the rebuild are applied as they come.
   */
  async rebuildGradually(ids: number[], slice: (ids: number[]) => Iterable<{ id: number; vector: Float32Array }>, stop?: () => boolean): Promise<boolean> {
    this.index = HnswIndex.empty(this.dimensions, this.params, Math.max(1024, ids.length));
    this.live.clear();
    this.dirty = true;
    this.rebuilding = { done: 0, total: ids.length };
    try {
      let at = 0;
      while (at < ids.length) {
        if (stop?.()) return false;
        const until = performance.now() + REBUILD_SLICE_MS;
        do {
          this.add(slice(ids.slice(at, at + REBUILD_STEP)));
          at = Math.min(ids.length, at + REBUILD_STEP);
        } while (at < ids.length && performance.now() < until);
        this.rebuilding.done = at;
        await new Promise((resolve) => setImmediate(resolve));
      }
      return true;
    } finally {
      this.rebuilding = undefined;
    }
  }

  add(vectors: Iterable<{ id: number; vector: Float32Array }>): void {
    for (const { id, vector } of vectors) {
      if (this.live.has(id)) continue;
      if (this.pending) {
        this.live.add(id);
        this.pending.push({ add: { id, vector } });
        continue;
      }
      this.ensureCapacity(1);
      this.index.addPoint(Array.from(vector), id, true);
      this.live.add(id);
      this.dirty = true;
    }
  }

  remove(ids: Iterable<number>): void {
    for (const id of ids) {
      if (!this.live.delete(id)) continue;
      if (this.pending) {
        this.pending.push({ remove: id });
        continue;
      }
      this.index.markDelete(id);
      this.dirty = true;
    }
  }

  get size(): number {
    return this.live.size;
  }

  has(id: number): boolean {
    return this.live.has(id);
  }

  /**
   * Nearest neighbours by cosine similarity (1 - hnswlib's cosine distance). `efSearch` overrides the
   * index's breadth for this query (0 = grow with the index).
   */
  search(query: Float32Array, k: number, accept?: (id: number) => boolean, efSearch = this.params.efSearch): { id: number; score: number }[] {
    const n = Math.min(k, this.live.size);
    if (n <= 0) return [];
    this.index.setEf(Math.max(efSearchFor(efSearch, this.live.size), n));
    // While a save holds changes back, the graph may still hold ids removed since: drop them.
    const live = this.pending ? (id: number) => this.live.has(id) && (!accept || accept(id)) : accept;
    const result = this.index.searchKnn(Array.from(query), n, live);
    return result.neighbors.map((id, i) => ({ id, score: 1 - result.distances[i] }));
  }

  /**
   * save() without holding the thread: hnswlib writes the file in its own thread while searches go
   * on; changes made meanwhile wait and are applied when the write is done.
   */
  async saveAsync(generation: number): Promise<void> {
    if (this.pending || this.rebuilding) return;
    this.pending = [];
    const tmp = `${this.file}.tmp`;
    try {
      await this.index.writeIndex(tmp);
      renameSync(tmp, this.file);
      this.writeSidecar(generation);
    } finally {
      // Replayed on the graph in order; `live` already holds their outcome.
      const changes = this.pending;
      this.pending = undefined;
      for (const c of changes) {
        if ("add" in c) {
          this.ensureCapacity(1);
          this.index.addPoint(Array.from(c.add.vector), c.add.id, true);
        } else {
          this.index.markDelete(c.remove);
        }
      }
      if (changes.length) this.dirty = true;
    }
  }

  /** Writes atomically: the index to a temporary file renamed into place, then the sidecar. */
  save(generation: number): void {
    const tmp = `${this.file}.tmp`;
    this.index.writeIndexSync(tmp);
    renameSync(tmp, this.file);
    this.writeSidecar(generation);
  }

  private writeSidecar(generation: number): void {
    const sidecar: Sidecar = {
      format: 1,
      modelId: this.modelId,
      dimensions: this.dimensions,
      generation,
      params: this.params,
      bytes: statSync(this.file).size,
      fingerprint: fingerprint(this.file),
    };
    writeFileSync(sidecarOf(this.file), JSON.stringify(sidecar));
    this.dirty = false;
  }

  static remove(file: string): void {
    rmSync(file, { force: true });
    rmSync(sidecarOf(file), { force: true });
  }

  private ensureCapacity(extra: number): void {
    const max = this.index.getMaxElements();
    // Deleted slots are reused, so only live points count towards the capacity we need.
    if (this.index.getCurrentCount() + extra <= max) return;
    this.index.resizeIndex(Math.max(max * 2, this.index.getCurrentCount() + extra));
  }
}

function sidecarOf(file: string): string {
  return `${file}.json`;
}

function sameParams(a: HnswParams | undefined, b: HnswParams): boolean {
  return !!a && a.m === b.m && a.efConstruction === b.efConstruction;
}

/** SHA-256 of the first and last MiB and the size: cheap on a 1 GB index, catches foreign and truncated files. */
function fingerprint(file: string): string {
  const size = statSync(file).size;
  const hash = createHash("sha256").update(String(size));
  const fd = openSync(file, "r");
  try {
    const span = Math.min(size, 1 << 20);
    const head = Buffer.alloc(span);
    readSync(fd, head, 0, span, 0);
    hash.update(head);
    if (size > span) {
      const tail = Buffer.alloc(span);
      readSync(fd, tail, 0, span, size - span);
      hash.update(tail);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}
