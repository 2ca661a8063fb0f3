// The status bar item: model and state from `semanticSearch/statusChanged`; a click opens the status
// quick pick (with "Re-index workspace").
import * as vscode from "vscode";
import { ReindexRequest } from "../../shared/src/protocol";
import { statusBarLook, statusLines, type ClientPhase } from "./format";
import type { ModelChoice } from "./model-choice";
import type { ServerManager } from "./server";

export const UNTRUSTED_NOTE =
  "Restricted mode: this workspace is not trusted, so its settings for semanticSearch.server.runtime and semanticSearch.localModelPath are ignored (user settings still apply). Search, hovers and indexing work as usual.";

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("semanticSearch.status", vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = "Semantic Search";
    this.item.command = "semanticSearch.showStatus";
    this.update({ kind: "starting" });
    this.item.show();
  }

  update(phase: ClientPhase): void {
    const look = statusBarLook(phase);
    this.item.text = look.text;
    this.item.backgroundColor =
      look.severity === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : look.severity === "warning" ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown("**Semantic Search**\n\n");
    for (const line of statusLines(phase)) tip.appendText(`${line}\n`).appendMarkdown("\n");
    if (!vscode.workspace.isTrusted) tip.appendMarkdown("\n$(shield) ").appendText(UNTRUSTED_NOTE).appendMarkdown("\n");
    tip.appendMarkdown("\n_Click for status and actions._");
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `Semantic Search: ${statusLines(phase).join(". ")}` };
  }

  dispose(): void {
    this.item.dispose();
  }
}

interface ActionItem extends vscode.QuickPickItem {
  run?: () => unknown;
}

/** `semanticSearch.showStatus`: the status in full, and what can be done about it. */
export async function showStatusQuickPick(server: ServerManager, modelChoice?: ModelChoice): Promise<void> {
  const phase = server.phase;
  const items: ActionItem[] = statusLines(phase).map(statusItem);
  if (!vscode.workspace.isTrusted) items.push({ label: "$(shield) Restricted mode", detail: UNTRUSTED_NOTE });
  items.push({ label: "Actions", kind: vscode.QuickPickItemKind.Separator });
  const actions: ActionItem[] = [];
  const missing = modelChoice?.pending;
  if (missing) {
    actions.push({ label: "$(cloud-download) Choose a model…", detail: `Download ${missing.model}, or use the bundled offline model`, run: () => modelChoice?.ask(missing) });
  }
  if (phase.kind === "running") {
    actions.push({ label: "$(refresh) Re-index workspace", detail: "Rebuild the index of every workspace folder from scratch", run: () => reindex(server) });
  }
  actions.push(
    { label: "$(debug-restart) Restart server", run: () => server.restart() },
    { label: "$(output) Show output", run: () => server.output.show(true) },
    { label: "$(gear) Open settings", run: () => vscode.commands.executeCommand("workbench.action.openSettings", "semanticSearch") },
  );
  if (!vscode.workspace.isTrusted) actions.push({ label: "$(shield) Manage workspace trust", run: () => vscode.commands.executeCommand("workbench.trust.manage") });
  items.push(...actions);

  const qp = vscode.window.createQuickPick<ActionItem>();
  qp.title = "Semantic Search: Status";
  qp.placeholder = "Pick an action";
  qp.items = items;
  // The status reads first, but Enter runs the first action.
  qp.activeItems = [actions[0]];
  const picked = await new Promise<ActionItem | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (!item?.run) return;
      resolve(item);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  await picked?.run?.();
}

/** A status line as a quick pick item: an icon by its kind, the long part as the detail. */
function statusItem(line: string): ActionItem {
  const icons: [RegExp, string][] = [
    [/^Model:/, "symbol-namespace"],
    [/^State: ready/, "check"],
    [/^State: error|^Error:|could not start/, "error"],
    [/^Indexing:/, "sync"],
    [/^Indexed:/, "database"],
    [/^Note:/, "warning"],
    [/^Database:/, "folder"],
  ];
  const icon = icons.find(([re]) => re.test(line))?.[1] ?? "info";
  const at = line.indexOf(": ");
  if (line.length > 80 && at > 0) return { label: `$(${icon}) ${line.slice(0, at)}`, detail: line.slice(at + 2) };
  return { label: `$(${icon}) ${line}` };
}

export async function reindex(server: ServerManager): Promise<void> {
  try {
    const status = await server.request(ReindexRequest.type, {});
    void vscode.window.setStatusBarMessage(`Semantic Search: re-indexing (${status.model})`, 3000);
  } catch (err) {
    void vscode.window.showErrorMessage(`Semantic Search: could not re-index: ${(err as Error).message}`);
  }
}
