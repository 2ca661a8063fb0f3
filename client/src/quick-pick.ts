// "Semantic Search" in the command palette: a quick pick that searches as you type.
import * as vscode from "vscode";
import { SearchRequest, type WireHit, type WireSearchResult } from "../../shared/src/protocol";
import { explanationLine } from "../../shared/src/ranking";
import { bandIcon, formatLines, formatPercent, preview, shownText, type ClientPhase } from "./format";
import type { ResultOpener } from "./open-result";
import { buildSearch, describeFilter, FILTER_HELP } from "./query-parser";
import { relativePath } from "./results-model";
import type { Searches } from "./searches";
import type { ServerManager } from "./server";

export const DEBOUNCE_MS = 250;
const TOP_K = 30;

interface HitItem extends vscode.QuickPickItem {
  hit?: WireHit;
}

const OPEN_SIDE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon("split-horizontal"), tooltip: "Open to the Side" };
const TO_VIEW: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon("list-tree"), tooltip: "Show These Results in the Results View" };

export function showSearchQuickPick(server: ServerManager, opener: ResultOpener, searches: Searches, initial = ""): void {
  const qp = vscode.window.createQuickPick<HitItem>();
  qp.title = "Semantic Search";
  qp.placeholder = `Search by meaning; filters: ${FILTER_HELP}`;
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  qp.buttons = [TO_VIEW];
  qp.value = initial;
  let timer: NodeJS.Timeout | undefined;
  let cts: vscode.CancellationTokenSource | undefined;
  let seq = 0;
  let last: { title: string; result: WireSearchResult } | undefined;
  const disposables: vscode.Disposable[] = [];

  const folders = () => (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: f.uri.toString(), name: f.name }));

  const note = (label: string, icon = "info"): HitItem => ({ label: `$(${icon}) ${label.replace(/\s+/g, " ").trim()}`, alwaysShow: true });
  const indexingNote = (): HitItem | undefined => {
    const phase: ClientPhase = server.phase;
    if (phase.kind === "failed") return note(`The server could not start: ${phase.message}`, "error");
    const s = phase.kind === "running" ? phase.status : undefined;
    if (s?.state === "indexing") return note(s.progress ? `Indexing ${s.progress.done}/${s.progress.total} files; results may be incomplete` : "Indexing…", "sync~spin");
    if (s?.state === "error" && s.message) return note(s.message, "error");
    if (s?.state === "needs-model") return note(`${s.message ?? "No model yet."} Click the status bar item to choose.`, "cloud-download");
    return undefined;
  };

  const run = async () => {
    const mine = ++seq;
    cts?.cancel();
    cts?.dispose();
    cts = undefined;
    const { params, parsed } = buildSearch(qp.value, {}, { topK: TOP_K });
    const problems = parsed.problems.map((p) => note(p, "warning"));
    if (!params) {
      qp.busy = false;
      const filter = describeFilter(parsed.filter);
      qp.items = [...problems, ...(qp.value.trim() ? [note(filter ? `Filtering by ${filter}: now type what to look for` : "Type what to look for")] : [])];
      return;
    }
    const source = new vscode.CancellationTokenSource();
    cts = source;
    qp.busy = true;
    try {
      // explain: each hit says why it ranked (shown in its detail); semantic mode sends none.
      const result = await server.request(SearchRequest.type, { ...params, explain: true }, source.token);
      if (mine !== seq) return;
      const filter = describeFilter(params.filter);
      last = { title: `"${params.query}"${filter ? ` ${filter}` : ""}`, result };
      const head = [...problems];
      const idx = indexingNote();
      if (idx) head.push(idx);
      // The vector index is being rebuilt: say that results by meaning may be missing some passages.
      if (result.partial) head.push(note(result.partial, "warning"));
      if (!result.results.length) {
        head.push(note(`No results${filter ? ` for ${filter}` : ""} (${result.candidates} chunks searched)`));
        qp.items = head;
      } else {
        // Above results, notes are separators: not selectable, so Enter opens the best result.
        const separators = head.map((h): HitItem => ({ label: h.label.replace(/^\$\([^)]*\)\s*/, ""), kind: vscode.QuickPickItemKind.Separator }));
        qp.items = [...separators, ...result.results.map((hit) => toItem(hit))];
      }
    } catch (err) {
      if (mine !== seq || source.token.isCancellationRequested) return;
      qp.items = [...problems, note((err as Error)?.message ?? String(err), "error")];
    } finally {
      if (mine === seq) qp.busy = false;
    }
  };

  const toItem = (hit: WireHit): HitItem => {
    const path = relativePath(hit.uri, folders());
    const heading = typeof hit.metadata.heading === "string" ? hit.metadata.heading : typeof hit.metadata.symbol === "string" ? hit.metadata.symbol : "";
    return {
      // The label is the score, so that the quick pick's own filtering on the typed text does not
      // reorder or hide results; alwaysShow keeps every result visible.
      label: `${bandIcon(hit.band)} ${formatPercent(hit.score)}`,
      description: `${path}:${formatLines(hit.range)}${heading ? ` · ${heading}` : ""}${hit.matchedBy === "lexical" ? " · keyword match" : ""}`,
      detail: hitDetail(hit),
      alwaysShow: true,
      buttons: [OPEN_SIDE],
      hit,
    };
  };

  disposables.push(
    qp.onDidChangeValue(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void run(), DEBOUNCE_MS);
    }),
    qp.onDidAccept(() => {
      const hit = qp.selectedItems[0]?.hit ?? qp.activeItems[0]?.hit;
      if (!hit) return;
      qp.hide();
      void opener.open(hit, { preview: false }).then(undefined, (err) => vscode.window.showErrorMessage(`Semantic Search: could not open ${hit.uri}: ${(err as Error).message}`));
    }),
    qp.onDidTriggerItemButton((e) => {
      if (e.item.hit) void opener.open(e.item.hit, { side: true, preserveFocus: true, preview: true });
    }),
    qp.onDidTriggerButton((b) => {
      if (b === TO_VIEW && last) {
        searches.showHits(last.title, last.result);
        qp.hide();
        void vscode.commands.executeCommand("semanticSearch.results.focus");
      }
    }),
    qp.onDidHide(() => {
      if (timer) clearTimeout(timer);
      seq++;
      cts?.cancel();
      cts?.dispose();
      for (const d of disposables) d.dispose();
      qp.dispose();
    }),
  );
  const idx = indexingNote();
  if (idx && !initial) qp.items = [idx];
  qp.show();
  if (initial) void run();
}

/**
 * A result's detail line: why it ranked (lexical and hybrid: each ranking's place and every signal
 * with its factor, shared/src/ranking.ts explanationLine), then the start of its text. Semantic
 * results are ordered by their score alone, so they show the text only.
 */
export function hitDetail(hit: WireHit): string {
  const text = preview(shownText(hit), 160);
  return hit.explain ? `$(info) ${explanationLine(hit.explain)} — ${text}` : text;
}
