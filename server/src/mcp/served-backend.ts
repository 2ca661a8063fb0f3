// The index of `semsearch serve` for its /mcp endpoint: every served folder (and the document
// collection), answered the way the REST routes answer, each hit with its folder's name.
import type { WireSearchResult } from "../../../shared/src/protocol";
import type { FolderIndex } from "../lsp/folder-index";
import { queryOptions } from "../lsp/settings";
import type { ServedWorkspace } from "../http/served-workspace";
import { ToolInputError, type McpAnswer, type McpBackend, type McpFolder, type McpSearchRequest, type McpSimilarRequest, type McpStatus } from "./backend";

export class ServedBackend implements McpBackend {
  constructor(private readonly served: ServedWorkspace) {}

  folders(): McpFolder[] {
    return this.served.workspace.folders.map((f) => ({ name: this.served.nameOf(f), root: f.root }));
  }

  async search(r: McpSearchRequest): Promise<McpAnswer> {
    const ws = this.served.workspace;
    const asked = new Set(r.folders ? ws.folders.filter((f) => r.folders!.includes(this.served.nameOf(f))) : ws.folders);
    const mode = r.mode ?? this.served.settings.searchMode;
    const result = await ws.searchAll(
      r.k,
      (f) => (asked.has(f) && f.engine ? f.engine.search({ query: r.query, topK: r.k, filter: r.filter, mode, ...queryOptions(this.served.settings) }) : Promise.resolve(undefined)),
      mode === "semantic" ? "score" : "rank",
    );
    return this.shape(r.query, result);
  }

  async similar(r: McpSimilarRequest): Promise<McpAnswer> {
    const folder = this.served.folderNamed(r.folder);
    if (!folder?.engine) throw new ToolInputError(`the folder ${r.folder} is not open (${folder?.message ?? folder?.state ?? "unknown folder"}); call status to see the folders.`);
    const response = await folder.engine.similar({ path: r.path, startLine: r.startLine, endLine: r.endLine, topK: r.k, ...queryOptions(this.served.settings) });
    const result = await this.served.workspace.searchAll(r.k, async (f: FolderIndex) => (f === folder ? response : undefined));
    return this.shape(`${r.path}:${r.startLine}-${r.endLine}`, result);
  }

  status(): McpStatus {
    const ws = this.served.workspace;
    const s = ws.status();
    return {
      state: s.state,
      model: s.model,
      files: s.files,
      chunks: s.chunks,
      ...(s.message ? { message: s.message } : {}),
      ...(s.progress ? { progress: s.progress } : {}),
      folders: ws.folders.map((f) => {
        const fs = f.engine?.status();
        return { name: this.served.nameOf(f), root: f.root, state: f.state, files: fs?.files ?? 0, chunks: fs?.chunks ?? 0 };
      }),
    };
  }

  async reindex(rebuild: boolean): Promise<void> {
    await Promise.all(this.served.workspace.folders.map((f) => f.index({ rebuild })));
  }

  private shape(query: string, result: WireSearchResult): McpAnswer {
    const ws = this.served.workspace;
    return {
      query,
      model: result.model,
      candidates: result.candidates,
      ...(result.partial ? { partial: result.partial } : {}),
      results: result.results.map((hit) => {
        const where = ws.locate(hit.uri)!;
        return {
          folder: this.served.nameOf(where.folder),
          path: where.relPath,
          startLine: hit.range.start.line + 1,
          endLine: hit.range.end.line,
          score: hit.score,
          band: hit.band,
          text: hit.text,
          metadata: hit.metadata,
        };
      }),
    };
  }
}
