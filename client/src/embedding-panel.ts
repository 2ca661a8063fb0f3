// "Show Embedding of Selection": the seed's "Peeping Inside" for the selected text (dimensions, min,
// max, mean, norm, a chart and a table of the values), and a comparison with a second text.
import * as vscode from "vscode";
import { EmbedRequest } from "../../shared/src/protocol";
import type { EmbedResult } from "../../shared/src/types";
import type { ServerManager } from "./server";
import { compareVectors } from "./vector-compare";
import { embeddingContent, embeddingPageBody, errorContent, makeNonce, page, type EmbeddedText } from "./webview-html";
import { bandsFor } from "../../shared/src/bands";

type ViewMessage = { type: "ready" } | { type: "compare"; text?: string } | { type: "single" };

export class EmbeddingPanel implements vscode.Disposable {
  static readonly viewType = "semanticSearch.embedding";
  private static current: EmbeddingPanel | undefined;

  private first: EmbeddedText | undefined;
  private second: EmbeddedText | undefined;
  /** What the content area shows now (sent again when the webview reloads). */
  private content = "";
  private readonly disposables: vscode.Disposable[] = [];

  /** Embeds the text and shows it, in the open embedding view if there is one. */
  static async show(context: vscode.ExtensionContext, server: ServerManager, text: string): Promise<void> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: "Semantic Search: embedding the selection" },
      () => embed(server, text),
    );
    let panel = EmbeddingPanel.current;
    if (!panel) {
      panel = new EmbeddingPanel(context, server);
      EmbeddingPanel.current = panel;
    } else {
      panel.panel.reveal(undefined, false);
    }
    panel.first = { text, result };
    panel.second = undefined;
    panel.render();
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    context: vscode.ExtensionContext,
    private readonly server: ServerManager,
  ) {
    const media = vscode.Uri.joinPath(context.extensionUri, "client", "media");
    this.panel = vscode.window.createWebviewPanel(EmbeddingPanel.viewType, "Embedding of Selection", vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    this.panel.iconPath = vscode.Uri.joinPath(media, "semantic-search.svg");
    const webview = this.panel.webview;
    webview.html = page(
      {
        cspSource: webview.cspSource,
        nonce: makeNonce(),
        styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(media, "webview.css")).toString()],
        scriptUris: [webview.asWebviewUri(vscode.Uri.joinPath(media, "embedding.js")).toString()],
      },
      "Embedding of Selection",
      embeddingPageBody(""),
    );
    this.disposables.push(
      webview.onDidReceiveMessage((m: ViewMessage) => void this.onMessage(m)),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The model's calibrated bands, unless the user set thresholds: as the server bands search results. */
  private thresholds() {
    const c = vscode.workspace.getConfiguration("semanticSearch");
    const set = { strong: c.get<number>("thresholds.strong", 0.75), possible: c.get<number>("thresholds.possible", 0.4) };
    return this.first ? bandsFor(this.first.result.model, set) : set;
  }

  private render(status = ""): void {
    if (!this.first) return;
    let html: string;
    if (this.second) {
      try {
        const comparison = compareVectors(this.first.result.vector, this.second.result.vector);
        html = embeddingContent(this.first, { embedded: this.second, comparison }, this.thresholds());
      } catch (err) {
        // Two different models (the setting changed in between): the vectors cannot be compared.
        html = embeddingContent(this.first) + errorContent(`Cannot compare: ${(err as Error).message}. Show the embedding of the selection again.`);
      }
    } else {
      html = embeddingContent(this.first);
    }
    this.content = html;
    this.panel.title = this.second ? "Embedding: Comparison" : "Embedding of Selection";
    void this.panel.webview.postMessage({ type: "content", html, status });
  }

  private async onMessage(m: ViewMessage): Promise<void> {
    switch (m.type) {
      case "ready":
        if (this.content) void this.panel.webview.postMessage({ type: "content", html: this.content });
        return;
      case "single":
        this.second = undefined;
        this.render();
        return;
      case "compare": {
        const text = typeof m.text === "string" ? m.text : "";
        if (!text.trim() || !this.first) return;
        try {
          const result = await embed(this.server, text);
          this.second = { text, result };
          this.render();
        } catch (err) {
          void this.panel.webview.postMessage({ type: "status", text: (err as Error).message, error: true });
        }
      }
    }
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (EmbeddingPanel.current === this) EmbeddingPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

async function embed(server: ServerManager, text: string): Promise<EmbedResult> {
  return server.request(EmbedRequest.type, { text });
}
