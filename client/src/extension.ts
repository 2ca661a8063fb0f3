// The VS Code extension: starts the language server and wires its requests to the UI (the
// "Semantic Search" quick pick, the sidebar's search panel and Results tree, the status bar, the
// embedding view, "Find Similar to Selection").
import * as vscode from "vscode";
import type { WireHit } from "../../shared/src/protocol";
import { EmbeddingPanel } from "./embedding-panel";
import { InspectModelPanel, JourneyPanel } from "./inspect-panels";
import { ResultOpener } from "./open-result";
import { showSearchQuickPick } from "./quick-pick";
import { ResultsView } from "./results-view";
import { SearchPanel, SEARCH_PANEL_VIEW } from "./search-panel";
import { Searches } from "./searches";
import { ModelChoice } from "./model-choice";
import { registerMcpServers } from "./mcp-servers";
import { ServerManager } from "./server";
import { reindex, showStatusQuickPick, StatusBar, UNTRUSTED_NOTE } from "./status-bar";

let server: ServerManager | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel("Semantic Search", { log: true });
  server = new ServerManager(context, output);
  const srv = server;
  const statusBar = new StatusBar();
  const results = new ResultsView();
  const opener = new ResultOpener();
  const searches = new Searches(srv, results);
  const panel = new SearchPanel(context.extensionUri, searches, () => results.clear());
  const modelChoice = new ModelChoice(srv);

  context.subscriptions.push(
    output,
    srv,
    statusBar,
    results,
    opener,
    panel,
    modelChoice,
    srv.onDidChangePhase((phase) => {
      statusBar.update(phase);
      results.setPhase(phase);
    }),
    vscode.window.registerWebviewViewProvider(SEARCH_PANEL_VIEW, panel),

    vscode.commands.registerCommand("semanticSearch.search", (initial?: unknown) =>
      showSearchQuickPick(srv, opener, searches, typeof initial === "string" ? initial : selectedText(1000).replace(/\s+/g, " ").trim()),
    ),
    vscode.commands.registerCommand("semanticSearch.findSimilar", async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return void vscode.window.showInformationMessage("Semantic Search: open a file and select some text first.");
      await vscode.window.withProgress({ location: { viewId: "semanticSearch.results" }, title: "Finding similar" }, () => searches.similarToView(editor));
    }),
    vscode.commands.registerCommand("semanticSearch.showEmbedding", async () => {
      let text: string | undefined = selectedText(100_000);
      if (!text) {
        text = await vscode.window.showInputBox({
          title: "Semantic Search: Show Embedding",
          prompt: "Nothing is selected: type a text to embed",
          placeHolder: "The Eiffel Tower is in Paris.",
          ignoreFocusOut: true,
        });
      }
      if (!text?.trim()) return;
      try {
        await EmbeddingPanel.show(context, srv, text);
      } catch (err) {
        void vscode.window.showErrorMessage(`Semantic Search: could not embed the text: ${(err as Error).message}`);
      }
    }),
    vscode.commands.registerCommand("semanticSearch.inspectModel", async () => {
      try {
        await InspectModelPanel.show(context, srv);
      } catch (err) {
        void vscode.window.showErrorMessage(`Semantic Search: could not inspect the model: ${(err as Error).message}`);
      }
    }),
    vscode.commands.registerCommand("semanticSearch.showJourney", async () => {
      let text: string | undefined = selectedText(2_000);
      if (!text) {
        text = await vscode.window.showInputBox({
          title: "Semantic Search: Show Layer Journey",
          prompt: "Nothing is selected: type a text to follow through the layers",
          placeHolder: "The Eiffel Tower is in Paris.",
          ignoreFocusOut: true,
        });
      }
      if (!text?.trim()) return;
      try {
        await JourneyPanel.show(context, srv, text);
      } catch (err) {
        void vscode.window.showErrorMessage(`Semantic Search: could not show the layer journey: ${(err as Error).message}`);
      }
    }),
    vscode.commands.registerCommand("semanticSearch.showStatus", () => showStatusQuickPick(srv, modelChoice)),
    vscode.commands.registerCommand("semanticSearch.reindex", () => reindex(srv)),
    vscode.commands.registerCommand("semanticSearch.restartServer", () => srv.restart()),
    vscode.commands.registerCommand("semanticSearch.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("semanticSearch.clearResults", () => results.clear()),
    vscode.commands.registerCommand("semanticSearch.showWeakResults", () => results.setShowWeak(true)),
    vscode.commands.registerCommand("semanticSearch.hideWeakResults", () => results.setShowWeak(false)),
    vscode.commands.registerCommand("semanticSearch.focusSearchPanel", () => panel.focus()),
    vscode.commands.registerCommand("semanticSearch.openResult", async (hit?: WireHit, side?: boolean) => {
      if (!hit?.uri || !hit.range) return;
      try {
        await opener.open(hit, { side: side === true, preserveFocus: false });
      } catch (err) {
        void vscode.window.showErrorMessage(`Semantic Search: could not open ${hit.uri}: ${(err as Error).message}`);
      }
    }),

    vscode.workspace.onDidChangeConfiguration((e) => {
      // The server pulls its settings itself; only how it is launched needs a restart.
      if (e.affectsConfiguration("semanticSearch.server.runtime")) {
        output.appendLine("semanticSearch.server.runtime changed: restarting the server");
        void srv.restart();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.appendLine("The workspace is trusted now: restarting the server with its settings");
      void srv.restart();
    }),
  );

  explainRestrictedMode(output);
  // Agent mode finds the index as MCP servers (VS Code 1.101+; a no-op before).
  const mcp = registerMcpServers(context);
  if (mcp) context.subscriptions.push(mcp);
  // Activation does not wait for the server: the commands work (and say so) while it starts.
  void srv.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** The selection without the whitespace around it: a selected line's line break would be a token of its own. */
function selectedText(max: number): string {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return "";
  return editor.document.getText(editor.selection).trim().slice(0, max);
}

/** In an untrusted workspace: say what is limited, once, when the workspace's own settings are being ignored. */
function explainRestrictedMode(output: vscode.LogOutputChannel): void {
  if (vscode.workspace.isTrusted) return;
  output.appendLine(UNTRUSTED_NOTE);
  const config = vscode.workspace.getConfiguration("semanticSearch");
  const ignored = ["server.runtime", "localModelPath"].filter((key) => {
    const i = config.inspect(key);
    return i?.workspaceValue !== undefined || i?.workspaceFolderValue !== undefined;
  });
  if (!ignored.length) return;
  void vscode.window
    .showInformationMessage(
      `Semantic Search runs in restricted mode: this workspace sets ${ignored.map((k) => `semanticSearch.${k}`).join(" and ")}, which only apply once you trust it. Everything else works.`,
      "Manage Workspace Trust",
    )
    .then((pick) => {
      if (pick) void vscode.commands.executeCommand("workbench.trust.manage");
    });
}
