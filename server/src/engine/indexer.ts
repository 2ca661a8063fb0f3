// One indexing pass: discover, read, hash, chunk, embed in batches, write each batch in one
// transaction and mirror it into the HNSW index. Files whose content hash is unchanged cost a read
// and a hash, nothing more.
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { ChunkKind, IndexProgress, IndexSummary, SkippedNote } from "../../../shared/src/types";
import { chunkFile } from "../chunking";
import { discover, languageOf, readIndexableFile } from "../discovery";
import type { HnswIndex } from "../index/hnsw-index";
import type { FileUpdate, Store } from "../store/store";
import type { ResolvedOptions } from "./options";

const EMBED_CALL_SIZE = 4;

export interface IndexRunOptions {
  signal?: AbortSignal;
  onProgress?: (p: IndexProgress) => void;
  /** The text of a file open in an editor: it wins over the copy on disk. */
  openText?: (relPath: string) => string | undefined;
}

interface PreparedFile {
  update: FileUpdate;
  texts: string[];
}

export class Indexer {
  constructor(
    private readonly o: ResolvedOptions,
    private readonly store: Store,
    private readonly model: number,
    private readonly index: HnswIndex,
    private readonly embed: (texts: string[]) => Promise<Float32Array[]>,
  ) {}

  async run(opts: IndexRunOptions): Promise<IndexSummary> {
    const started = Date.now();
    const found = await discover(this.o.root, { include: this.o.include, exclude: this.o.exclude, maxFileSize: this.o.maxFileSize, signal: opts.signal });
    const skipped: SkippedNote[] = found.skipped.map((s) => ({ path: s.relPath, reason: s.reason }));
    const known = this.store.fileHashes(this.model);
    const present = new Set(found.files.map((f) => f.relPath));
    const gone = [...known.keys()].filter((p) => !present.has(p));
    let embedded = 0;
    let batch: PreparedFile[] = [];
    let removals: string[] = gone;
    const flush = async () => {
      await this.write(batch, removals);
      embedded += batch.length;
      batch = [];
      removals = [];
    };
    const total = found.files.length;
    try {
      for (let i = 0; i < total; i++) {
        opts.signal?.throwIfAborted();
        const file = found.files[i];
        opts.onProgress?.({ done: i, total, current: file.relPath });
        const open = opts.openText?.(file.relPath);
        const read = open !== undefined ? { text: open } : await readIndexableFile(file.absPath, this.o.maxFileSize);
        if ("skip" in read) {
          skipped.push({ path: file.relPath, reason: read.skip });
          // A file that vanished or became unreadable leaves the index rather than lying in it.
          if (known.has(file.relPath)) removals.push(file.relPath);
          continue;
        }
        if (read.note) skipped.push({ path: file.relPath, reason: read.note });
        const hash = contentHash(read.text);
        if (known.get(file.relPath) === hash) continue;
        batch.push(this.prepare(file.relPath, read.text, hash, file.language, file.kind));
        if (batch.reduce((n, f) => n + f.texts.length, 0) >= this.o.batchSize) await flush();
      }
      await flush();
    } finally {
      // Even a cancelled run keeps what it wrote: the index is saved to match the database.
      this.index.save(this.store.generation(this.model));
    }
    opts.onProgress?.({ done: total, total });
    const counts = this.store.counts(this.model);
    return { files: counts.files, chunks: counts.chunks, embedded, removed: gone.length, skipped, seconds: (Date.now() - started) / 1000 };
  }

  /** One file, from an editor buffer when `text` is given, else from disk. */
  async updateFile(relPath: string, text?: string): Promise<{ chunks: number; skipped?: string }> {
    const lang = languageOf(relPath);
    if (!lang) return { chunks: 0, skipped: "not a file type that is indexed" };
    if (text === undefined) {
      const read = await readIndexableFile(join(this.o.root, relPath), this.o.maxFileSize);
      if ("skip" in read) {
        this.removeFiles([relPath]);
        return { chunks: 0, skipped: read.skip };
      }
      text = read.text;
    }
    const hash = contentHash(text);
    if (this.store.fileHashes(this.model).get(relPath) === hash) return { chunks: 0 };
    const prepared = this.prepare(relPath, text, hash, lang.language, lang.kind);
    await this.write([prepared], []);
    return { chunks: prepared.update.chunks.length };
  }

  /** Removes every indexed file at or below a folder (a deleted directory). */
  removeUnder(relDir: string): number {
    const prefix = relDir.replace(/\/+$/, "") + "/";
    const paths = [...this.store.fileHashes(this.model).keys()].filter((p) => p === relDir || p.startsWith(prefix));
    return paths.length ? this.removeFiles(paths) : 0;
  }

  removeFiles(paths: string[]): number {
    const result = this.store.writeBatch(this.model, [], paths);
    this.index.remove(result.removed);
    return result.removed.length;
  }

  private prepare(relPath: string, text: string, hash: string, language: string, kind: ChunkKind): PreparedFile {
    const chunks = chunkFile(relPath, text, language, kind, { maxChars: this.o.maxChunkChars });
    return {
      update: {
        path: relPath,
        contentHash: hash,
        size: Buffer.byteLength(text),
        chunks: chunks.map((c) => ({ startLine: c.startLine, endLine: c.endLine, text: c.text, metadata: c.metadata, vector: new Float32Array(0) })),
      },
      texts: chunks.map((c) => c.text),
    };
  }

  /** Embeds a batch of files, then writes them (and removals) in one transaction. */
  private async write(files: PreparedFile[], removals: string[]): Promise<void> {
    if (!files.length && !removals.length) return;
    const texts = files.flatMap((f) => f.texts);
    const vectors: Float32Array[] = [];
    // Small embedding calls: a search waits behind at most one of them in the worker (bench/lsp-bench.ts
    // measured 4.5 s p50 with 32 texts a call), and the bundled model gains nothing from larger batches.
    for (let i = 0; i < texts.length; i += EMBED_CALL_SIZE) vectors.push(...(await this.embed(texts.slice(i, i + EMBED_CALL_SIZE))));
    let next = 0;
    for (const f of files) for (const c of f.update.chunks) c.vector = vectors[next++];
    const result = this.store.writeBatch(this.model, files.map((f) => f.update), removals, this.o.vectorStorage);
    this.index.remove(result.removed);
    this.index.add(result.added);
  }
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
