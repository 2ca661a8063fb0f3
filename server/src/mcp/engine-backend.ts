// The index of `semsearch mcp`: one folder's Engine in this process, kept up to date by an indexing
// pass at start and on the reindex tool. Searches are answered meanwhile from what is indexed.
import { basename } from "node:path";
import { documentedHit, type IndexProgress, type SearchResponse } from "../../../shared/src/types";
import type { Engine } from "../engine/engine";
import type { McpAnswer, McpBackend, McpFolder, McpSearchRequest, McpSimilarRequest, McpStatus } from "./backend";

export class EngineBackend implements McpBackend {
  private readonly folder: McpFolder;
  private running: Promise<void> | undefined;
  private progress: IndexProgress | undefined;
  private error: string | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.folder = { name: basename(engine.options.root), root: engine.options.root };
  }

  folders(): McpFolder[] {
    return [this.folder];
  }

  async search(r: McpSearchRequest): Promise<McpAnswer> {
    if (r.folders && !r.folders.includes(this.folder.name)) return { query: r.query, model: this.engine.modelId, candidates: 0, results: [] };
    return this.shape(await this.engine.search({ query: r.query, topK: r.k, filter: r.filter, mode: r.mode }));
  }

  async similar(r: McpSimilarRequest): Promise<McpAnswer> {
    return this.shape(await this.engine.similar({ path: r.path, startLine: r.startLine, endLine: r.endLine, topK: r.k }));
  }

  status(): McpStatus {
    const s = this.engine.status();
    const state = this.running ? "indexing" : this.error ? "error" : "idle";
    const notes = [this.error, s.fallbackReason, s.rebuilding && `The vector index is being rebuilt: ${s.rebuilding.done} of ${s.rebuilding.total} vectors.`].filter(Boolean);
    return {
      state,
      model: s.model,
      files: s.files,
      chunks: s.chunks,
      ...(notes.length ? { message: notes.join(" ") } : {}),
      ...(this.running && this.progress ? { progress: { ...this.progress } } : {}),
      folders: [{ ...this.folder, state, files: s.files, chunks: s.chunks }],
    };
  }

  /** One pass at a time: a call while one runs waits for it (a rebuild waits, then runs its own). */
  reindex(rebuild: boolean): Promise<void> {
    if (this.running && !rebuild) return this.running;
    const previous = this.running ?? Promise.resolve();
    const run = previous.then(async () => {
      this.error = undefined;
      try {
        const summary = await this.engine.indexFolder({ rebuild, onProgress: (p) => (this.progress = p) });
        this.log(`indexed ${summary.files} files, ${summary.chunks} chunks (${summary.embedded} embedded) in ${summary.seconds.toFixed(1)} s`);
      } catch (err) {
        this.error = `Indexing failed: ${(err as Error).message}`;
        this.log(this.error);
      } finally {
        this.progress = undefined;
        if (this.running === run) this.running = undefined;
      }
    });
    this.running = run;
    return run;
  }

  /** Waits for a pass that runs (before closing the engine under it). */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  private shape(response: SearchResponse): McpAnswer {
    return answerOf(response, this.folder.name);
  }
}

/** An engine's answer (the shape of `search --json`) as the tools' answer, each hit from `folder`. */
export function answerOf(response: SearchResponse, folder: string): McpAnswer {
  return {
    query: response.query,
    model: response.model,
    candidates: response.candidates,
    ...(response.partial ? { partial: response.partial } : {}),
    results: response.results.map((h) => ({ folder, ...documentedHit(h) })),
  };
}
