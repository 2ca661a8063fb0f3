// The sidebar's search panel (`semanticSearch.searchPanel`, a webview view): a query box and filter
// fields. Results go to the Results tree below it.
import * as vscode from "vscode";
import type { FilterFields } from "./query-parser";
import type { Searches } from "./searches";
import { makeNonce, page, searchPanelBody } from "./webview-html";

export const SEARCH_PANEL_VIEW = "semanticSearch.searchPanel";

type PanelMessage =
  | ({ type: "search"; query?: string } & FilterFields)
  | { type: "clear" }
  | { type: "ready" };

export class SearchPanel implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly searches: Searches,
    private readonly onClear: () => void,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, "client", "media");
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.html = page(
      {
        cspSource: view.webview.cspSource,
        nonce: makeNonce(),
        styleUris: [view.webview.asWebviewUri(vscode.Uri.joinPath(media, "webview.css")).toString()],
        scriptUris: [view.webview.asWebviewUri(vscode.Uri.joinPath(media, "search-panel.js")).toString()],
      },
      "Semantic Search",
      searchPanelBody(),
    );
    this.disposables.push(
      view.webview.onDidReceiveMessage((m: PanelMessage) => void this.onMessage(m)),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
      }),
    );
  }

  private async onMessage(m: PanelMessage): Promise<void> {
    if (m.type === "clear") {
      this.onClear();
      return;
    }
    if (m.type !== "search") return;
    const str = (v: unknown) => (typeof v === "string" ? v : "");
    void this.view?.webview.postMessage({ type: "busy", busy: true });
    const outcome = await this.searches.searchToView(str(m.query), {
      category: str(m.category),
      language: str(m.language),
      kind: str(m.kind),
      path: str(m.path),
    });
    void this.view?.webview.postMessage({ type: "busy", busy: false });
    void this.view?.webview.postMessage({ type: "status", text: outcome.text, error: outcome.error });
  }

  /** Puts text into the query box and focuses it. */
  async focus(query?: string): Promise<void> {
    await vscode.commands.executeCommand(`${SEARCH_PANEL_VIEW}.focus`);
    if (query !== undefined) void this.view?.webview.postMessage({ type: "setQuery", query });
    void this.view?.webview.postMessage({ type: "focus" });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
