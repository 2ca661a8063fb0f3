// semanticSearch/downloadModel: the first-run "Download" button. The model is fetched only on this
// request (the user's click), with progress and cancellation, and then every folder opens with it.
import { ErrorCodes, LSPErrorCodes, ResponseError, type Connection } from "vscode-languageserver/node";
import { DownloadModelRequest } from "../../../shared/src/protocol";
import { DownloadCancelled, downloadModel, type DownloadProgress } from "../embedding/model-download";
import { defaultModelFolder } from "../embedding/model-spec";
import { formatSize } from "../discovery/format-size";
import { downloadModelParams } from "./params";

export function registerDownloadHandler(connection: Connection, reopenAll: () => Promise<void>): void {
  connection.onRequest(DownloadModelRequest.type, async (raw, token) => {
    const p = downloadModelParams(raw);
    // Custom requests get no reporter of their own: attach one to the token the client sent, if any.
    const workDone = connection.window.attachWorkDoneProgress(p.workDoneToken);
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    workDone.begin(`Downloading ${p.model}`, 0, "connecting", true);
    let last = 0;
    const report = (progress: DownloadProgress) => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const percent = progress.expected ? Math.min(99, Math.floor((100 * progress.received) / progress.expected)) : undefined;
      workDone.report(percent ?? 0, `${progress.file}: ${formatSize(progress.received)}${progress.expected ? ` of ${formatSize(progress.expected)}` : ""}`);
    };
    try {
      const result = await downloadModel({ modelId: p.model, modelsDir: defaultModelFolder(), signal: abort.signal, onProgress: report });
      connection.console.info(`downloaded ${p.model} (${formatSize(result.bytes)}) into ${result.dir}`);
      await reopenAll();
      return { model: p.model, path: result.dir, bytes: result.bytes };
    } catch (err) {
      if (err instanceof DownloadCancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, `The download of ${p.model} was cancelled; nothing was kept.`);
      connection.console.error(`downloading ${p.model}: ${(err as Error).message}`);
      throw new ResponseError(ErrorCodes.InternalError, (err as Error).message);
    } finally {
      cancelled.dispose();
      workDone.done();
    }
  });
}
