// The requests a user waits for: search, similar, embed and hover. Each one's cancellation reaches
// the engine (a cancelled query stops before its embedding and before its search, and an embedding
// still queued is dropped), and a newer search supersedes the ones still running, so a fast typist
// never queues work.
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { EmbedRequest, SearchRequest, SimilarRequest } from "../../../shared/src/protocol";
import type { SearchOptions } from "../../../shared/src/types";
import { SearchCancelled, type SimilarOptions } from "../engine/engine";
import type { FolderIndex } from "./folder-index";
import { bufferTooLarge } from "./file-sync";
import { hoverAt } from "./hover";
import { embedParams, hoverParams, searchParams, similarParams } from "./params";
import { queryOptions } from "./settings";
import type { Workspace } from "./workspace";

export function registerQueryHandlers(connection: Connection, workspace: () => Workspace, documents: TextDocuments<TextDocument>, verbose: (message: string) => void): void {
  /** The searches still running: a new one supersedes them. */
  const searches = new Set<AbortController>();

  /** Runs a query with a signal that aborts when the client cancels it (or `superseded` fires). */
  async function answer<T>(token: CancellationToken | null | undefined, run: (signal: AbortSignal) => Promise<T>, superseding = false): Promise<T> {
    const abort = new AbortController();
    const cancelled = token?.onCancellationRequested?.(() => abort.abort("cancelled"));
    if (superseding) {
      for (const older of searches) older.abort("superseded");
      searches.add(abort);
    }
    try {
      if (token?.isCancellationRequested) abort.abort("cancelled");
      const result = await run(abort.signal);
      if (abort.signal.aborted) throw new SearchCancelled();
      return result;
    } catch (err) {
      if (!(err instanceof SearchCancelled) && !abort.signal.aborted) throw err;
      workspace().queriesCancelled++;
      // Superseded is the server's own call (the client may ask again); cancelled is the client's.
      if (abort.signal.reason === "superseded") throw new ResponseError(LSPErrorCodes.ServerCancelled, "superseded by a newer search");
      throw new ResponseError(LSPErrorCodes.RequestCancelled, "request cancelled");
    } finally {
      cancelled?.dispose();
      searches.delete(abort);
    }
  }

  connection.onRequest(SearchRequest.type, (raw, token) => {
    const p = searchParams(raw);
    const ws = workspace();
    const topK = p.topK ?? 10;
    // Each folder searches with its own settings; a mode in the request wins over the folder's.
    const modeOf = (f: FolderIndex) => p.mode ?? ws.settingsFor(f).searchMode;
    const order = ws.folders.every((f) => modeOf(f) === "semantic") ? "score" : "rank";
    return answer(
      token,
      (signal) =>
        ws.searchAll(
          topK,
          (f) => {
            const opts: SearchOptions = { query: p.query, topK, filter: p.filter, minScore: p.minScore, mode: modeOf(f), ...queryOptions(ws.settingsFor(f)), ...(p.explain === true ? { explain: true } : {}) };
            return f.engine?.search(opts, signal) ?? Promise.resolve(undefined);
          },
          order,
        ),
      true,
    );
  });

  connection.onRequest(SimilarRequest.type, (raw, token) => {
    const p = similarParams(raw);
    const ws = workspace();
    const where = ws.locate(p.uri);
    const topK = p.topK ?? 10;
    const doc = documents.get(p.uri);
    // Trimmed: a whole-line selection brings a trailing newline that would shift the vector a little.
    const text = doc?.getText(p.range).trim();
    const startLine = p.range.start.line + 1;
    const endLine = Math.max(startLine, p.range.end.character === 0 && p.range.end.line > p.range.start.line ? p.range.end.line : p.range.end.line + 1);
    return answer(token, (signal) =>
      ws.searchAll(topK, async (f) => {
        if (!f.engine) return undefined;
        const query = queryOptions(ws.settingsFor(f));
        if (where && f === where.folder) {
          const opts: SimilarOptions = { path: where.relPath, startLine, endLine, text: text?.trim() ? text : undefined, topK, ...query };
          return f.engine.similar(opts, signal);
        }
        if (!text?.trim()) return undefined;
        // A selection is a passage, not keywords: "similar" means similar in meaning.
        const opts: SearchOptions = { query: text, topK, mode: "semantic", ...query };
        return f.engine.search(opts, signal);
      }),
    );
  });

  connection.onRequest(EmbedRequest.type, (raw, token) => {
    const p = embedParams(raw);
    const ws = workspace();
    const engine = ws.folders.find((f) => f.engine)?.engine;
    if (!engine) throw new ResponseError(LSPErrorCodes.ServerCancelled, `No model is loaded yet: ${ws.status().message ?? "the server is still starting"}`);
    return answer(token, (signal) => engine.embed(p.text, signal));
  });

  connection.onHover(async (raw, token) => {
    const p = hoverParams(raw);
    const doc = documents.get(p.uri);
    // hoverAt reads the folder's hover setting itself. A buffer too large to index is too large to
    // split into paragraphs on every hover as well.
    if (!doc || bufferTooLarge(doc.getText(), workspace().settingsFor(doc.uri).maxFileSize)) return null;
    try {
      return await answer(token, (signal) => hoverAt(workspace(), doc, p.line, signal));
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      verbose(`hover: ${(err as Error).message}`);
      return null;
    }
  });
}
