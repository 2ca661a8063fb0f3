// First run: the configured model (all-MiniLM-L6-v2 by default) is not on this computer. Instead of
// falling back silently, the user chooses: download it (with progress, cancellable), or use the
// bundled offline model. The choice is remembered: the download leaves the model on disk, and the
// bundled choice is written to the `semanticSearch.model` setting where the model came from.
import * as vscode from "vscode";
import type { MissingModel } from "../../shared/src/protocol";
import { missingModelQuestion } from "./format";
import type { ServerManager } from "./server";

export const DOWNLOAD = "Download";
export const USE_BUNDLED = "Use the bundled offline model";

export class ModelChoice implements vscode.Disposable {
  private asking = false;
  /** Models the user dismissed the question for in this window: asked again only from the status bar. */
  private readonly dismissed = new Set<string>();
  private readonly listener: vscode.Disposable;

  constructor(private readonly server: ServerManager) {
    this.listener = server.onDidChangePhase((phase) => {
      const missing = phase.kind === "running" && phase.status?.state === "needs-model" ? phase.status.missingModel : undefined;
      if (missing && !this.dismissed.has(missing.model)) void this.ask(missing);
    });
  }

  /** The missing model, if the server is waiting for a choice. */
  get pending(): MissingModel | undefined {
    const phase = this.server.phase;
    return phase.kind === "running" && phase.status?.state === "needs-model" ? phase.status.missingModel : undefined;
  }

  /** Asks (again); from the status bar and the status quick pick. */
  async ask(missing = this.pending): Promise<void> {
    if (!missing || this.asking) return;
    this.asking = true;
    try {
      const actions = missing.downloadable ? [DOWNLOAD, USE_BUNDLED] : [USE_BUNDLED];
      const pick = await vscode.window.showInformationMessage(missingModelQuestion(missing), ...actions);
      if (pick === DOWNLOAD) await this.download(missing);
      else if (pick === USE_BUNDLED) await useBundled();
      else this.dismissed.add(missing.model);
    } finally {
      this.asking = false;
    }
  }

  private async download(missing: MissingModel): Promise<void> {
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Semantic Search: downloading ${missing.model}`, cancellable: true },
        (progress, token) => {
          let shown = 0;
          return this.server.downloadModel(
            missing.model,
            (report) => {
              // withProgress adds increments; the server reports a running percentage.
              const percent = report.percentage ?? shown;
              progress.report({ message: report.message, increment: Math.max(0, percent - shown) });
              shown = Math.max(shown, percent);
            },
            token,
          );
        },
      );
      void vscode.window.setStatusBarMessage(`Semantic Search: ${missing.model} downloaded (${Math.round(result.bytes / 1e6)} MB); indexing with it`, 5000);
    } catch (err) {
      const cancelled = (err as { code?: number }).code === -32800;
      const text = cancelled
        ? `Semantic Search: the download of ${missing.model} was cancelled; nothing was kept.`
        : `Semantic Search: could not download ${missing.model}: ${(err as Error).message}`;
      const RETRY = "Try Again";
      const pick = await vscode.window.showWarningMessage(text, RETRY, USE_BUNDLED);
      if (pick === RETRY) await this.download(missing);
      else if (pick === USE_BUNDLED) await useBundled();
      else this.dismissed.add(missing.model);
    }
  }

  dispose(): void {
    this.listener.dispose();
  }
}

/** Remembers "bundled" where the model setting came from, so the choice holds in the same scope. */
async function useBundled(): Promise<void> {
  const config = vscode.workspace.getConfiguration("semanticSearch");
  const where = config.inspect<string>("model");
  const target =
    where?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : where?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update("model", "bundled", target);
}
