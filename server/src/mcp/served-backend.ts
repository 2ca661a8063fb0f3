// The index of `semsearch serve` for its /mcp endpoint: every served folder (and the document
// collection), answered the way the REST routes answer, each hit with its folder's name.
import type { ServedWorkspace } from "../http/served-workspace";
import { ToolInputError, type McpAnswer, type McpBackend, type McpFolder, type McpSearchRequest, type McpSimilarRequest, type McpStatus } from "./backend";

export class ServedBackend implements McpBackend {
  constructor(private readonly served: ServedWorkspace) {}

  folders(): McpFolder[] {
    return this.served.workspace.folders.map((f) => ({ name: this.served.nameOf(f), root: f.root }));
  }

  async search(r: McpSearchRequest): Promise<McpAnswer> {
    const folders = r.folders ? this.served.workspace.folders.filter((f) => r.folders!.includes(this.served.nameOf(f))) : undefined;
    return this.served.search({ query: r.query, k: r.k, filter: r.filter, mode: r.mode, folders });
  }

  async similar(r: McpSimilarRequest): Promise<McpAnswer> {
    const folder = this.served.folderNamed(r.folder);
    if (!folder?.engine) throw new ToolInputError(`the folder ${r.folder} is not open (${folder?.message ?? folder?.state ?? "unknown folder"}); call status to see the folders.`);
    return this.served.similar(folder, r);
  }

  status(): McpStatus {
    return this.served.status();
  }

  async reindex(rebuild: boolean): Promise<void> {
    await Promise.all(this.served.workspace.folders.map((f) => f.index({ rebuild })));
  }
}
