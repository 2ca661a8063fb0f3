// The index as a running server holds it — the language server (VS Code's or `semsearch lsp`) or
// `semsearch serve` — asked over that server's local socket (socket/client.ts), so `semsearch mcp`
// needs neither the store nor the model. A call no server answers throws ServerUnavailable saying
// why; routed-backend.ts then answers from this process's own engine.
import { basename } from "node:path";
import { askRunningServer, type AskOutcome, type AskRequest } from "../socket/client";
import type { SocketResults, SocketStatus } from "../socket/protocol";
import { ToolInputError, type McpAnswer, type McpBackend, type McpFolder, type McpSearchRequest, type McpSimilarRequest, type McpStatus } from "./backend";
import { answerOf } from "./engine-backend";

/** How long to wait for an answer before answering from the own index instead. */
const TIMEOUTS = { search: 20_000, similar: 20_000, status: 5_000, reindex: 11 * 60_000 } as const;

type Failure = Extract<AskOutcome<"status">, { ok: false }>;

/** No server answered. `live`: one holds the database but did not answer (not ready, another model, too slow). */
export class ServerUnavailable extends Error {
  constructor(
    readonly failures: { dbPath: string; outcome: Failure }[],
    readonly live: { dbPath: string; outcome: Failure } | undefined,
  ) {
    super(failures.map((f) => `${f.dbPath}: ${f.outcome.message}`).join("; ") || "no server holds this folder");
  }
}

export class SocketBackend implements McpBackend {
  private readonly folder: McpFolder;
  /** The database of the server that answered last. */
  lastServed: string | undefined;

  constructor(
    root: string,
    /** The databases a server may hold the folder in, in the order their sockets are tried (socket/databases.ts). */
    private readonly databases: string[],
    /** The model this process is configured with: a server holding another model's index declines. */
    private readonly model: string,
  ) {
    this.folder = { name: basename(root), root };
  }

  folders(): McpFolder[] {
    return [this.folder];
  }

  async search(r: McpSearchRequest): Promise<McpAnswer> {
    const response = await this.ask({ method: "search", params: { query: r.query, topK: r.k, filter: r.filter, mode: r.mode, model: this.model } });
    if (r.folders && !r.folders.includes(this.folder.name)) return { query: r.query, model: response.model, candidates: 0, results: [] };
    return answerOf(response, this.folder.name);
  }

  async similar(r: McpSimilarRequest): Promise<McpAnswer> {
    const response = await this.ask({ method: "similar", params: { path: r.path, startLine: r.startLine, endLine: r.endLine, topK: r.k, model: this.model } });
    return answerOf(response, this.folder.name);
  }

  async status(): Promise<McpStatus> {
    return this.shapeStatus(await this.ask({ method: "status", params: { model: this.model } }));
  }

  async reindex(rebuild: boolean): Promise<void> {
    await this.ask({ method: "reindex", params: { rebuild, model: this.model } });
  }

  private shapeStatus(s: SocketStatus): McpStatus {
    return {
      state: s.state,
      model: s.model,
      files: s.files,
      chunks: s.chunks,
      folders: [{ ...this.folder, state: s.state, files: s.files, chunks: s.chunks }],
      via: "language server socket",
      server: { pid: s.pid, dbPath: s.dbPath },
    };
  }

  /** The first server that answers; a refusal the caller can act on is a ToolInputError; else ServerUnavailable. */
  private async ask<R extends AskRequest>(request: R): Promise<SocketResults[R["method"]]> {
    const failures: { dbPath: string; outcome: Failure }[] = [];
    for (const dbPath of this.databases) {
      const outcome = (await askRunningServer(dbPath, request, { timeoutMs: TIMEOUTS[request.method] })) as AskOutcome<R["method"]>;
      if (outcome.ok) {
        this.lastServed = dbPath;
        return outcome.result;
      }
      // The server took the question and answered it with an error: asking the own index would not do better.
      if (outcome.why === "declined" && (outcome.code === "failed" || outcome.code === "bad-request")) {
        if (request.method === "reindex") throw new ToolInputError(ownedByServer(dbPath, outcome.message));
        throw new ToolInputError(`the running server that holds ${dbPath} answered: ${outcome.message}`);
      }
      failures.push({ dbPath, outcome });
    }
    const live = failures.find((f) => f.outcome.why === "declined" || f.outcome.why === "timeout");
    throw new ServerUnavailable(failures, live);
  }
}

/** Why this process does not re-index a database a running server writes, and how to do it there. */
export function ownedByServer(dbPath: string, why: string): string {
  return (
    `the running editor or server owns this index (${dbPath}) and did not re-index it (${why}). Re-index there: in VS Code the command ` +
    `"Semantic Search: Re-index Workspace"; for \`semsearch serve\`, POST /v1/reindex with an admin token. The index also follows file changes by itself.`
  );
}
