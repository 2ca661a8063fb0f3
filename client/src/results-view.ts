// The Results tree (`semanticSearch.results`): hits grouped by file with score badges; its message
// carries the index's progress, empty states and errors.
import * as vscode from "vscode";
import type { WireHit } from "../../shared/src/protocol";
import { BAND_CODICON, BAND_COLOR, firstLine, formatLines, formatPercent, scoreBadge, shownText, type ClientPhase } from "./format";
import { groupByFile, rankingNote, resultsMessage, visibleHits, type FileGroup, type ResultsState } from "./results-model";

type Node = { kind: "file"; group: FileGroup } | { kind: "hit"; hit: WireHit; group: FileGroup };

export const RESULTS_VIEW = "semanticSearch.results";

export class ResultsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private state: ResultsState = { hits: [] };
  private phase: ClientPhase = { kind: "starting" };
  private showWeak = false;
  private groups: FileGroup[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.view = vscode.window.createTreeView(RESULTS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("semanticSearch.thresholds")) this.refresh();
      }),
    );
    void vscode.commands.executeCommand("setContext", "semanticSearch.showWeak", false);
    this.refresh();
  }

  get results(): ResultsState {
    return this.state;
  }

  setPhase(phase: ClientPhase): void {
    this.phase = phase;
    this.updateMessage();
  }

  /** Marks a search as running (the old results stay until the new ones arrive). */
  searching(title: string): void {
    this.state = { ...this.state, title, searching: true, error: undefined };
    this.updateMessage();
  }

  show(title: string, hits: WireHit[], possible?: number): void {
    this.state = { title, hits, possible };
    this.refresh();
  }

  fail(title: string, error: string): void {
    this.state = { title, hits: [], error };
    this.refresh();
  }

  clear(): void {
    this.state = { hits: [] };
    this.refresh();
  }

  setShowWeak(show: boolean): void {
    this.showWeak = show;
    void vscode.commands.executeCommand("setContext", "semanticSearch.showWeak", show);
    this.refresh();
  }

  /** Reveals the view (and, when asked, focuses it). */
  async reveal(focus = false): Promise<void> {
    const first = this.groups[0];
    if (first) {
      await this.view.reveal({ kind: "file", group: first }, { focus, select: false, expand: true }).then(undefined, () => undefined);
    } else {
      await vscode.commands.executeCommand(`${RESULTS_VIEW}.focus`).then(undefined, () => undefined);
    }
  }

  private refresh(): void {
    const { shown } = visibleHits(this.state.hits, this.showWeak);
    this.groups = groupByFile(shown, (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: f.uri.toString(), name: f.name })));
    void vscode.commands.executeCommand("setContext", "semanticSearch.hasResults", this.state.title !== undefined);
    this.view.description = this.state.title;
    this.view.badge = shown.length ? { value: shown.length, tooltip: `${shown.length} ${shown.length === 1 ? "result" : "results"}` } : undefined;
    this.updateMessage();
    this.changed.fire(undefined);
  }

  private updateMessage(): void {
    const possible = vscode.workspace.getConfiguration("semanticSearch").get<number>("thresholds.possible", 0.4);
    this.view.message = resultsMessage({ phase: this.phase, results: this.state, showWeak: this.showWeak, possibleThreshold: possible }) || undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === "file") {
      const { group } = node;
      const slash = group.path.lastIndexOf("/");
      const item = new vscode.TreeItem(group.path.slice(slash + 1), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `file:${group.uri}`;
      item.resourceUri = vscode.Uri.parse(group.uri);
      item.description = `${slash > 0 ? `${group.path.slice(0, slash)} · ` : ""}${formatPercent(group.best)}`;
      item.tooltip = `${group.path}\nbest match ${formatPercent(group.best)}, ${group.hits.length} ${group.hits.length === 1 ? "result" : "results"}`;
      item.contextValue = "semanticSearch.file";
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    const { hit } = node;
    const text = shownText(hit);
    const item = new vscode.TreeItem(`${formatLines(hit.range)}: ${firstLine(text, 70)}`, vscode.TreeItemCollapsibleState.None);
    item.id = `hit:${hit.uri}#${hit.range.start.line}-${hit.range.end.line}`;
    item.description = scoreBadge(hit.score, hit.band, hit.matchedBy);
    item.iconPath = new vscode.ThemeIcon(BAND_CODICON[hit.band], new vscode.ThemeColor(BAND_COLOR[hit.band]));
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`$(${BAND_CODICON[hit.band]}) **${formatPercent(hit.score)}** ${hit.band} · ${node.group.path}:${formatLines(hit.range)}\n\n`);
    const why = rankingNote(hit);
    if (why) tip.appendMarkdown(`${why}\n\n`);
    tip.appendCodeblock(text.length > 800 ? `${text.slice(0, 800)}\n…` : text, typeof hit.metadata.language === "string" ? hit.metadata.language : "");
    item.tooltip = tip;
    item.contextValue = "semanticSearch.hit";
    item.command = { command: "semanticSearch.openResult", title: "Open Result", arguments: [hit] };
    item.accessibilityInformation = { label: `${formatPercent(hit.score)} ${hit.band}, ${node.group.path} line ${formatLines(hit.range)}: ${firstLine(text, 70)}` };
    return item;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.groups.map((group) => ({ kind: "file", group }));
    if (node.kind === "file") return node.group.hits.map((hit) => ({ kind: "hit", hit, group: node.group }));
    return [];
  }

  getParent(node: Node): Node | undefined {
    return node.kind === "hit" ? { kind: "file", group: node.group } : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
