// Searches that fill the Results view: from the search panel, from the quick pick, and "find similar".
import * as vscode from "vscode";
import { SearchRequest, SimilarRequest, type WireSearchResult } from "../../shared/src/protocol";
import { formatLines, formatThreshold } from "./format";
import { buildSearch, describeFilter, type FilterFields } from "./query-parser";
import type { ResultsView } from "./results-view";
import { relativePath, visibleHits } from "./results-model";
import { SERVER_LANGUAGES, type ServerManager } from "./server";

export const RESULTS_TOP_K = 30;

export interface SearchOutcome {
  /** One line for the search panel's status. */
  text: string;
  error?: boolean;
}

export class Searches {
  private pending: vscode.CancellationTokenSource | undefined;

  constructor(
    private readonly server: ServerManager,
    private readonly results: ResultsView,
  ) {}

  /** Parses what was typed (plus the panel's fields), searches, and shows the hits in the Results view. */
  async searchToView(input: string, fields: FilterFields = {}): Promise<SearchOutcome> {
    const { params, parsed } = buildSearch(input, fields, { topK: RESULTS_TOP_K });
    if (parsed.problems.length && !params) return { text: parsed.problems.join(" "), error: true };
    if (!params) return { text: "Type what to look for (filters alone are not a search).", error: true };
    const filter = describeFilter(params.filter);
    const title = `"${params.query}"${filter ? ` ${filter}` : ""}`;
    // explain: each hit's tooltip says why it ranked (results-view.ts); semantic mode sends none.
    const outcome = await this.run(title, (token) => this.server.request(SearchRequest.type, { ...params, explain: true }, token));
    if (parsed.problems.length) outcome.text = `${parsed.problems.join(" ")} ${outcome.text}`;
    return outcome;
  }

  /** The editor's selection (or the given range) as the query: chunks that mean the same elsewhere. */
  async similarToView(editor: vscode.TextEditor, selection: vscode.Range = editor.selection): Promise<SearchOutcome> {
    const doc = editor.document;
    const text = doc.getText(selection);
    if (!text.trim()) {
      void vscode.window.showInformationMessage("Semantic Search: select the text to find similar passages for.");
      return { text: "Nothing selected.", error: true };
    }
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: f.uri.toString(), name: f.name }));
    const where = doc.uri.scheme === "file" ? relativePath(doc.uri.toString(), folders) : doc.uri.path.split("/").pop();
    const wireRange = { start: { line: selection.start.line, character: selection.start.character }, end: { line: selection.end.line, character: selection.end.character } };
    const title = `similar to ${where}:${formatLines(wireRange)}`;
    // The server knows the text of the documents it syncs (files of its languages); anything else
    // (an untitled buffer, a JSON file) is searched by its text.
    const synced = doc.uri.scheme === "file" && SERVER_LANGUAGES.includes(doc.languageId);
    const outcome = await this.run(title, (token) =>
      synced
        ? this.server.request(SimilarRequest.type, { uri: doc.uri.toString(), range: wireRange, topK: RESULTS_TOP_K }, token)
        : this.server.request(SearchRequest.type, { query: text.slice(0, 10_000), topK: RESULTS_TOP_K, explain: true }, token),
    );
    await this.results.reveal(false);
    return outcome;
  }

  /** Shows hits found elsewhere (by the quick pick) in the Results view. */
  showHits(title: string, result: WireSearchResult): void {
    this.results.show(title, result.results, result.bands?.possible);
  }

  private async run(title: string, ask: (token: vscode.CancellationToken) => Promise<WireSearchResult>): Promise<SearchOutcome> {
    this.pending?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.pending = cts;
    this.results.searching(title);
    try {
      const result = await ask(cts.token);
      if (cts.token.isCancellationRequested) return { text: "" };
      this.results.show(title, result.results, result.bands?.possible);
      return { text: summary(result) };
    } catch (err) {
      if (cts.token.isCancellationRequested) return { text: "" };
      const message = (err as Error)?.message ?? String(err);
      this.results.fail(title, message);
      return { text: message, error: true };
    } finally {
      if (this.pending === cts) this.pending = undefined;
      cts.dispose();
    }
  }
}

function summary(result: WireSearchResult): string {
  // A long selection or query is searched by what the model read of it: the status line says so.
  return [counts(result), result.partial, result.truncated?.message].filter(Boolean).join(" ");
}

function counts(result: WireSearchResult): string {
  const possible = result.bands?.possible ?? vscode.workspace.getConfiguration("semanticSearch").get<number>("thresholds.possible", 0.4);
  const { shown, hiddenWeak } = visibleHits(result.results, false);
  if (!result.results.length) return `No results (${result.candidates} chunks searched).`;
  if (!shown.length) return `No results above ${formatThreshold(possible)}; ${hiddenWeak} weak.`;
  return `${shown.length} ${shown.length === 1 ? "result" : "results"}${hiddenWeak ? ` (+${hiddenWeak} weak)` : ""} from ${result.candidates} chunks.`;
}
