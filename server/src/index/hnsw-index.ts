// The HNSW index of one model's vectors, persisted beside the database. It is a cache of SQLite:
// a sidecar file records which database generation and which chunk ids it holds, with an HMAC of
// itself and the index's bytes under this user's secret (trust/user-secret.ts). hnswlib trusts its
// input (a crafted entry point or neighbour list crashes the process), so a file this user's
// semsearch did not write is never handed to it; a missing, stale, corrupt or foreign one is rebuilt.
import type { HierarchicalNSW } from "hnswlib-node";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { closeSync, copyFileSync, existsSync, linkSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { withWriterLock } from "../store/writer-lock";
import { escapeRegExp } from "../text/regexp";
import { tagMatches, userSecret } from "../trust/user-secret";

// The native addon loads on first use: DEFAULT_HNSW and the types are imported by code (the CLI's
// keyword search) that never builds a graph.
const hnswlib = () => require("hnswlib-node") as typeof import("hnswlib-node");

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
  format: 2;
  modelId: string;
  dimensions: number;
  generation: number;
  params: HnswParams;
  bytes: number;
  /** The live labels (chunk ids) the file holds: how many, and a digest of them (labelDigest). */
  count: number;
  labels: string;
  /** HMAC-SHA256 under the user's secret of the other fields and the file's bytes (sidecarMac). */
  mac: string;
}

/**
 * "stale": made by this user but for other contents than the database now holds (another generation,
 * other chunk ids: two writers on one store). "untrusted": not provably written by this user's
 * semsearch (an old-style sidecar, a file from elsewhere, bytes changed since).
 */
export type LoadOutcome = "loaded" | "missing" | "stale" | "unreadable" | "untrusted";

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
    /** False for an encrypted store: the graph (every vector) is never written, only rebuilt in memory. */
    readonly persisted = true,
  ) {
    this.index = HnswIndex.empty(dimensions, params, 1024);
  }

  private static empty(dimensions: number, params: HnswParams, capacity: number): HierarchicalNSW {
    const index = new (hnswlib().HierarchicalNSW)("cosine", dimensions);
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
    persisted = true,
  ): { index: HnswIndex; outcome: LoadOutcome } {
    const index = new HnswIndex(file, modelId, dimensions, params, persisted);
    // Not persisted: a file left from when the store was plaintext is not read, and is removed
    // (where the folder allows it: a search of a read-only folder must still answer).
    if (!persisted) {
      try {
        HnswIndex.remove(file);
      } catch {
        // left as it is; it is never read
      }
    }
    const outcome = persisted ? index.tryLoad(generation, liveIds) : "missing";
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
    if (typeof sidecar !== "object" || sidecar === null || sidecar.format !== 2) return "untrusted";
    if (sidecar.modelId !== this.modelId || sidecar.dimensions !== this.dimensions) return "stale";
    if (sidecar.generation !== generation || !sameParams(sidecar.params, this.params)) return "stale";
    // The file must hold exactly the database's chunks: a writer that saved its own view while
    // another process changed the store leaves labels that are gone and lacks new ones.
    const ids = [...liveIds()];
    if (sidecar.count !== ids.length || sidecar.labels !== labelDigest(ids)) return "stale";
    // Checked and loaded through a private hard link: a writer renaming a new file into place
    // meanwhile cannot swap the bytes between the check and the load.
    const own = `${this.file}.${process.pid}.${randomBytes(6).toString("hex")}.load`;
    try {
      try {
        linkSync(this.file, own);
      } catch {
        copyFileSync(this.file, own);
      }
      if (statSync(own).size !== sidecar.bytes || !tagMatches(sidecar.mac, sidecarMac(sidecar, own))) return "untrusted";
      const loaded = new (hnswlib().HierarchicalNSW)("cosine", this.dimensions);
      loaded.readIndexSync(own, true);
      loaded.setEf(efSearchFor(this.params.efSearch, loaded.getCurrentCount()));
      this.index = loaded;
      // hnswlib keeps soft-deleted labels in its id list; SQLite knows which ids are live.
      this.live = new Set(ids);
      return "loaded";
    } catch {
      return "unreadable";
    } finally {
      rmSync(own, { force: true });
    }
  }

  /**
   * Makes the graph hold exactly these ids (SQLite's, read in one snapshot): another process writing
   * the same store adds and removes chunks this one never saw. Returns how many labels changed.
   */
  reconcile(ids: number[], vectors: (ids: number[]) => Iterable<{ id: number; vector: Float32Array }>): number {
    const want = new Set(ids);
    const gone = [...this.live].filter((id) => !want.has(id));
    const missing = ids.filter((id) => !this.live.has(id));
    this.remove(gone);
    if (missing.length) this.add(vectors(missing));
    return gone.length + missing.length;
  }

  /** The live labels: the chunk ids searches can return. */
  labels(): number[] {
    return [...this.live];
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
    if (!this.persisted) return this.keepInMemory();
    if (this.pending || this.rebuilding) return;
    removeLeftovers(this.file);
    this.pending = [];
    // What the file will hold: `live` moves on during the write, the graph does not.
    const labels = [...this.live];
    const tmp = tempName(this.file);
    try {
      await this.index.writeIndex(tmp);
      // Another process saving the same index at once (two editor windows) would pair its sidecar
      // with this file: the pair is renamed into place under a lock of its own.
      await withWriterLock(this.file, async () => this.install(tmp, generation, labels));
    } finally {
      rmSync(tmp, { force: true });
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
    if (!this.persisted) return this.keepInMemory();
    removeLeftovers(this.file);
    const tmp = tempName(this.file);
    try {
      this.index.writeIndexSync(tmp);
      this.install(tmp, generation, [...this.live]);
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /**
   * Signs a written temporary file and renames it and its sidecar into place. Temporary names are
   * per process: two writers never write into one file. Should their renames interleave, the
   * sidecar names the other's bytes, its HMAC fails, and the next opener rebuilds.
   */
  private install(tmp: string, generation: number, labels: number[]): void {
    const fields: Omit<Sidecar, "mac"> = {
      format: 2,
      modelId: this.modelId,
      dimensions: this.dimensions,
      generation,
      params: this.params,
      bytes: statSync(tmp).size,
      count: labels.length,
      labels: labelDigest(labels),
    };
    const sidecar: Sidecar = { ...fields, mac: sidecarMac(fields, tmp).toString("hex") };
    const sidecarTmp = tempName(sidecarOf(this.file));
    writeFileSync(sidecarTmp, JSON.stringify(sidecar));
    renameSync(tmp, this.file);
    renameSync(sidecarTmp, sidecarOf(this.file));
    this.dirty = false;
  }

  /** An index that is not persisted is as saved as it will ever be. */
  private keepInMemory(): void {
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

/**
 * Deletes the temporary files and private links (tempName, tryLoad) that processes which have since
 * died left beside the index: each is as big as the index. Only writers call this (a search writes
 * nothing, not even a deletion).
 */
function removeLeftovers(file: string): void {
  const dir = dirname(file);
  const pattern = new RegExp(`^${escapeRegExp(basename(file))}(?:\\.json)?\\.(\\d+)\\.[0-9a-f]+\\.(?:tmp|load)$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (pid && pid !== process.pid && !processAlive(pid)) rmSync(join(dir, name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function tempName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
}

/** The set of labels, whatever their order: SHA-256 of the sorted ids. */
export function labelDigest(ids: Iterable<number>): string {
  const sorted = Float64Array.from(ids).sort();
  return createHash("sha256").update(Buffer.from(sorted.buffer, sorted.byteOffset, sorted.byteLength)).digest("hex");
}

/**
 * HMAC-SHA256 under the user's secret of the sidecar's fields (all but the MAC) and every byte of the
 * index file. Every byte: a check of parts of it (the former fingerprint) lets a crafted middle through.
 */
function sidecarMac(fields: Omit<Sidecar, "mac"> & { mac?: string }, file: string): Buffer {
  const { mac: _mac, ...rest } = fields;
  const header = JSON.stringify({
    format: rest.format,
    modelId: rest.modelId,
    dimensions: rest.dimensions,
    generation: rest.generation,
    params: { m: rest.params?.m, efConstruction: rest.params?.efConstruction, efSearch: rest.params?.efSearch },
    bytes: rest.bytes,
    count: rest.count,
    labels: rest.labels,
  });
  const hmac = createHmac("sha256", userSecret()).update("semsearch-hnsw\n").update(header).update("\n");
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      hmac.update(n === buf.length ? buf : buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hmac.digest();
}
