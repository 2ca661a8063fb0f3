// What the MCP tools ask of an index, whatever serves it: one folder's Engine (`semsearch mcp` over
// stdio) or the folders of `semsearch serve` (Streamable HTTP at /mcp). The tools (tools.ts) check
// and shape; a backend only answers.
import type { FolderAnswer, FolderHit, MetadataFilter, SearchMode } from "../../../shared/src/types";
import type { ServedStatus } from "../http/served-workspace";

/** One hit: the shape of `semsearch search --json`, plus the served folder it comes from. */
export type McpHit = FolderHit;

export type McpAnswer = FolderAnswer;

/** A folder the index covers: hit paths are relative to its root. */
export interface McpFolder {
  name: string;
  root: string;
}

/** A served workspace's status (a served folder each, or the one folder of `semsearch mcp`), and who answers. */
export interface McpStatus extends ServedStatus {
  /** `semsearch mcp` only: who answers, a running server over its local socket or this process's own engine. */
  via?: McpVia;
  /** The running server that answers (via the socket): its process and the database it holds. */
  server?: { pid: number; dbPath: string };
}

export type McpVia = "language server socket" | "own index";

export interface McpSearchRequest {
  query: string;
  k: number;
  filter?: MetadataFilter;
  mode?: SearchMode;
  /** Only these folders (by name); all when absent. */
  folders?: string[];
}

export interface McpSimilarRequest {
  folder: string;
  path: string;
  startLine: number;
  endLine: number;
  k: number;
}

export interface McpBackend {
  folders(): McpFolder[];
  search(request: McpSearchRequest): Promise<McpAnswer>;
  similar(request: McpSimilarRequest): Promise<McpAnswer>;
  status(): McpStatus | Promise<McpStatus>;
  /**
   * Brings the index up to date with the files (rebuild: re-embeds everything). Resolves when the pass
   * ends; a caller that cannot wait races it against a timer and reports the status instead.
   */
  reindex(rebuild: boolean): Promise<void>;
}

/** A refusal the caller can fix: it becomes an MCP error result with this message. */
export class ToolInputError extends Error {}
