// One indexing pass: discover, read, hash, chunk, embed in batches, write each batch in one
// transaction and mirror it into the HNSW index. Files whose content hash is unchanged cost a read
// and a hash, nothing more.
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { ChunkKind, IndexProgress, IndexSummary, SkippedNote } from "../../../shared/src/types";
import { chunkerRevision, chunkFile } from "../chunking";
import { discover, languageOf, mayBeScript, readFileHead, readIndexableFile, SCRIPT_HEAD_BYTES, scriptLanguage } from "../discovery";
import { outsideFolder } from "../discovery/inside-folder";
import { secretPathReason } from "../discovery/secret-files";
import { redactSecrets, SECRET_RULES_VERSION } from "../secrets";
import { SourceLines } from "../chunking/source-lines";
import { keyedFileHash, sliceIn } from "../store/stored-text";
import { forgetSecretPatterns, secretRules, type SecretRules } from "../secrets/remembered";
import type { HnswIndex } from "../index/hnsw-index";
import type { FileUpdate, Store } from "../store/store";
import { withWriterLock } from "../store/writer-lock";
import { splitToFit } from "../chunking/token-fit";
import { embedSortedByLength } from "./embed-calls";
import { recipeChangeNote, recordedRecipe, recordRecipe, type VectorRecipe } from "./vector-recipe";
import type { ResolvedOptions } from "./options";

export interface IndexRunOptions {
  signal?: AbortSignal;
  onProgress?: (p: IndexProgress) => void;
  /** The text of a file open in an editor: it wins over the copy on disk. */
  openText?: (relPath: string) => string | undefined;
}

interface PreparedFile {
  update: FileUpdate;
  /** A store that keeps no text: the file's redacted lines, to place slices of long lines (store/stored-text.ts). */
  lines?: readonly string[];
}

/** The model's token limit and a way to count, for models that cut texts off past it. */
export interface ModelFit {
  maxTokens: number;
  /** What the model adds to every text ([CLS] and [SEP] for BERT): lines are counted without it. */
  specialTokens: number;
  countTokens(texts: string[]): Promise<number[]>;
}

export class Indexer {
  private rulesCache: SecretRules | undefined;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly store: Store,
    private readonly model: number,
    private readonly index: HnswIndex,
    private readonly embed: (texts: string[]) => Promise<Float32Array[]>,
    private readonly fit?: ModelFit,
    /** How the model's vectors are made beyond its id (vector-recipe.ts): `key` is folded into file hashes. */
    private readonly recipe?: VectorRecipe,
  ) {}

  /** Extra secret patterns: the options' and those remembered in the store (secrets/remembered.ts). */
  private secretRules(): SecretRules {
    return (this.rulesCache ??= secretRules(this.store.db, this.o.secretPatterns));
  }

  /**
   * One pass, under the store's writer lock (store/writer-lock.ts): another process's pass would undo
   * this one's (a rebuild clears what it wrote) and change the counts it reports. `rebuild` first
   * forgets everything indexed for the model.
   */
  run(opts: IndexRunOptions & { rebuild?: boolean }): Promise<IndexSummary> {
    return withWriterLock(
      this.store.path,
      async () => {
        if (opts.rebuild) {
          forgetSecretPatterns(this.store.db);
          this.rulesCache = undefined;
          this.store.clearModel(this.model);
          this.index.rebuild([]);
        }
        return this.pass(opts);
      },
      { signal: opts.signal, log: this.o.log },
    );
  }

  private async pass(opts: IndexRunOptions): Promise<IndexSummary> {
    const started = Date.now();
    const found = await discover(this.o.root, { include: this.o.include, exclude: this.o.exclude, maxFileSize: this.o.maxFileSize, signal: opts.signal });
    const skipped: SkippedNote[] = found.skipped.map((s) => ({ path: s.relPath, reason: s.reason }));
    const known = this.store.fileHashes(this.model);
    this.noteRecipeChange(known.size);
    const present = new Set(found.files.map((f) => f.relPath));
    const gone = [...known.keys()].filter((p) => !present.has(p));
    let embedded = 0;
    // Languages whose files were cut again only for a chunker revision, and which revisions.
    const recut = new Map<string, Set<string>>();
    let batch: PreparedFile[] = [];
    let removals: string[] = gone;
    // One batch is embedded while the next is read and chunked, and the next batch's first call is
    // queued in the worker while this one's last call runs and it is written, so that the model waits
    // for neither (bench/index-scale.ts, 2,000 files on 2 cores: 129 chunks/s against 122). Batches are
    // still written one at a time, in order, each in one transaction; `writing` is the last batch
    // started, and a batch is started only once the one before the last has been written: two batches,
    // so two embedding calls (embed-calls.ts sends a batch's one at a time), are out at most. The
    // worker runs queries first (embed-worker.ts), so a search still waits behind one indexing call at
    // most. Two calls of one batch out at once measured no faster and made searches slower.
    let writing: Promise<void> | undefined;
    const flush = async () => {
      if (!batch.length && !removals.length) return;
      const files = batch;
      const previous = writing;
      writing = this.write(files, removals, previous).then(() => {
        // Files that gave text to embed: an empty file is indexed (it has no chunks) but embeds nothing.
        embedded += files.filter((f) => f.update.chunks.length > 0).length;
      });
      // Its failure is reported where it is awaited (the next flush, or the end of the pass); until
      // then it must not count as an unhandled rejection, which would end the process.
      writing.catch(() => undefined);
      batch = [];
      removals = [];
      await previous;
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
        const revision = chunkerRevision(file.language, read.text);
        const hash = this.fileHash(read.text, revision);
        const stored = known.get(file.relPath);
        if (stored === hash) continue;
        // Unchanged but for how its language is cut (chunkerRevision): said once at the end.
        if (stored !== undefined && revision && stored === this.fileHash(read.text)) recut.set(file.language, (recut.get(file.language) ?? new Set()).add(revision));
        batch.push(this.prepare(file.relPath, read.text, hash, file.language, file.kind));
        if (batch.reduce((n, f) => n + f.update.chunks.length, 0) >= this.o.batchSize) await flush();
      }
      await flush();
      await writing;
    } finally {
      // A batch already being embedded when the pass stops (cancelled, or failed) is finished and
      // written, as the batch being written was before batches overlapped; its own failure is not
      // the pass's error if the pass failed first.
      await writing?.catch(() => undefined);
      // Even a cancelled run keeps what it wrote: the index is saved to match the database.
      await saveInStep(this.store, this.model, this.index);
    }
    opts.onProgress?.({ done: total, total });
    if (recut.size) {
      const languages = [...recut.keys()].sort();
      this.o.log?.(`Re-chunked the ${languages.join(", ")} files an older version had cut otherwise (chunker ${languages.map((l) => [...recut.get(l)!].join(", ")).join(", ")}).`);
    }
    const counts = this.store.counts(this.model);
    return { files: counts.files, chunks: counts.chunks, embedded, removed: gone.length, skipped, seconds: (Date.now() - started) / 1000 };
  }

  /** One file, from an editor buffer when `text` is given, else from disk. */
  async updateFile(relPath: string, text?: string): Promise<{ chunks: number; skipped?: string }> {
    const named = languageOf(relPath);
    if (!named && !mayBeScript(relPath)) return { chunks: 0, skipped: "not a file type that is indexed" };
    // The walk's two refusals, for a path that arrives on its own (a watched file, a save, a buffer).
    const outside = secretPathReason(relPath) ?? outsideFolder(this.o.root, relPath);
    if (outside) {
      // Whatever it held before (if anything) leaves the index too.
      this.removeFiles([relPath]);
      return { chunks: 0, skipped: `not indexed: ${outside}` };
    }
    if (text === undefined) {
      // A file whose name says no language is read whole only when its first lines name one: a log
      // or a lock file that changes every second is not read in full each time.
      const head = named ? undefined : await readFileHead(join(this.o.root, relPath), SCRIPT_HEAD_BYTES);
      if (head !== undefined && !scriptLanguage(head)) {
        this.removeFiles([relPath]);
        return { chunks: 0, skipped: "not a file type that is indexed" };
      }
      const read = await readIndexableFile(join(this.o.root, relPath), this.o.maxFileSize);
      if ("skip" in read) {
        this.removeFiles([relPath]);
        return { chunks: 0, skipped: read.skip };
      }
      text = read.text;
    }
    // A file whose name says no language is a script while its `#!` line or a mode line names one,
    // and leaves the index when that line goes.
    const lang = named ?? scriptLanguage(text);
    if (!lang) {
      this.removeFiles([relPath]);
      return { chunks: 0, skipped: "not a file type that is indexed" };
    }
    const hash = this.fileHash(text, chunkerRevision(lang.language, text));
    if (this.store.fileHashes(this.model).get(relPath) === hash) return { chunks: 0 };
    const prepared = this.prepare(relPath, text, hash, lang.language, lang.kind);
    await this.write([prepared], []);
    return { chunks: prepared.update.chunks.length };
  }

  /**
   * The hash a file's text is stored under: keyed in a store that keeps no text (stored-text.ts).
   * `revision` is how it is cut (chunkerRevision of its language and text); without one, as hashes
   * were before chunker revisions.
   */
  private fileHash(text: string, revision?: string): string {
    const hash = contentHash(text, this.secretRules().sources, this.recipe?.key, revision);
    return this.store.textMode === "none" ? keyedFileHash(hash) : hash;
  }

  /**
   * An index made with another vector recipe (or before recipes) is embedded again by this pass, as
   * every file's hash now differs (contentHash): say so once, and remember the recipe.
   */
  private noteRecipeChange(indexedFiles: number): void {
    const recorded = recordedRecipe(this.store.db, this.model);
    if (recorded === this.recipe?.key) return;
    if (this.recipe && indexedFiles > 0) this.o.log?.(recipeChangeNote(this.recipe, indexedFiles));
    recordRecipe(this.store.db, this.model, this.recipe?.key);
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
    const chunks = chunkFile(relPath, text, language, kind, { maxChars: this.o.maxChunkChars, secretPatterns: this.secretRules().patterns });
    // Only a store without text needs them, and only for chunks of one line (a slice of a long line).
    const lines = this.store.textMode === "none" && chunks.some((c) => c.startLine === c.endLine) ? new SourceLines(redactSecrets(text, this.secretRules().patterns).text).lines : undefined;
    return {
      lines,
      update: {
        path: relPath,
        contentHash: hash,
        size: Buffer.byteLength(text),
        chunks: chunks.map((c) => ({ startLine: c.startLine, endLine: c.endLine, text: c.text, metadata: c.metadata, vector: new Float32Array(0) })),
      },
    };
  }

  /**
   * Embeds a batch of files, then writes them (and removals) in one transaction. In a pass the batch
   * may start while the one before it (`previous`) is still being embedded: this batch's embedding
   * starts now, and it is written once `previous` has been. If `previous` failed, this batch is not
   * written (batches are written in order) and that error is the one reported.
   */
  private async write(files: PreparedFile[], removals: string[], previous?: Promise<void>): Promise<void> {
    if (!files.length && !removals.length) return previous;
    const [before, own] = await Promise.allSettled([previous, files.length ? this.embedFiles(files) : undefined]);
    if (before.status === "rejected") throw before.reason;
    if (own.status === "rejected") throw own.reason;
    this.commit(files, removals);
  }

  /** Fits the files' chunks to the model and gives each its vector. */
  private async embedFiles(files: PreparedFile[]): Promise<void> {
    if (this.fit) await fitChunks(files, this.fit);
    for (const f of files) {
      if (f.lines) for (const c of f.update.chunks) if (c.startLine === c.endLine) c.slice = sliceIn(f.lines[c.startLine - 1], c.text);
    }
    const vectors = await embedSortedByLength(files.flatMap((f) => f.update.chunks.map((c) => this.recipe?.chunkText?.(c.text, f.update.path, c.metadata) ?? c.text)), this.embed);
    let next = 0;
    for (const f of files) for (const c of f.update.chunks) c.vector = vectors[next++];
  }

  /** Writes embedded files (and removals) in one transaction, and mirrors them into the HNSW index. */
  private commit(files: PreparedFile[], removals: string[]): void {
    const result = this.store.writeBatch(this.model, files.map((f) => f.update), removals, this.o.vectorStorage);
    this.index.remove(result.removed);
    this.index.add(result.added);
  }
}

/** Splits chunks the model would truncate into parts that fit (chunking/token-fit.ts). */
async function fitChunks(files: PreparedFile[], fit: ModelFit): Promise<void> {
  const counts = await fit.countTokens(files.flatMap((f) => f.update.chunks.map((c) => c.text)));
  if (counts.every((n) => n <= fit.maxTokens)) return;
  let k = 0;
  for (const f of files) {
    const fitted: FileUpdate["chunks"] = [];
    for (const chunk of f.update.chunks) {
      if (counts[k++] <= fit.maxTokens) {
        fitted.push(chunk);
        continue;
      }
      const lineCounts = (await fit.countTokens(chunk.text.split("\n"))).map((n) => n - fit.specialTokens);
      fitted.push(...splitToFit(chunk, lineCounts, fit.maxTokens - fit.specialTokens));
    }
    f.update.chunks = fitted;
  }
}

/**
 * Saves the HNSW index as the database has it now: another process writing the same store (a second
 * editor window on one workspace) may have added and removed chunks this one never saw, so the graph
 * first takes SQLite's ids, read in the same snapshot as the generation the file is stamped with.
 */
export async function saveInStep(store: Store, model: number, index: HnswIndex): Promise<void> {
  if (index.rebuilding || !store.db.open) return;
  const { ids, generation } = store.snapshot(model);
  index.reconcile(ids, (missing) => store.vectors(model, missing));
  await index.saveAsync(generation);
}

/**
 * The stored hash of a file: its text, and the redaction rules its chunks were made with, so that a
 * change to the rules (a new built-in version, other extra patterns) chunks every file again rather
 * than leaving secrets the new rules would catch in the index.
 */
export function contentHash(text: string, secretPatterns: readonly string[] = [], vectorRecipe?: string, chunker?: string): string {
  const hash = createHash("sha256").update(text);
  hash.update(`\0${SECRET_RULES_VERSION}`);
  // And how its vectors are made (vector-recipe.ts): an index made otherwise is embedded again.
  if (vectorRecipe !== undefined) hash.update(`\x01${vectorRecipe}`);
  // And how its language is cut (chunking/index.ts chunkerRevision): an index cut otherwise is cut again.
  if (chunker !== undefined) hash.update(`\x02${chunker}`);
  for (const p of secretPatterns) hash.update(`\0${p}`);
  return hash.digest("hex");
}
