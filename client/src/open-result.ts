// Opening a hit: the file at the chunk's first line, the chunk highlighted until the next result is
// opened or the document is edited.
import * as vscode from "vscode";
import type { WireHit } from "../../shared/src/protocol";
import { rangeLines } from "./format";

export class ResultOpener implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor("editor.rangeHighlightBackground"),
    borderColor: new vscode.ThemeColor("editor.findMatchHighlightBorder"),
    overviewRulerColor: new vscode.ThemeColor("editorOverviewRuler.findMatchForeground"),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private highlighted: { editor: vscode.TextEditor; uri: string } | undefined;
  private readonly disposables: vscode.Disposable[] = [this.decoration];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.highlighted && e.contentChanges.length && e.document.uri.toString() === this.highlighted.uri) this.clear();
      }),
    );
  }

  async open(hit: Pick<WireHit, "uri" | "range">, opts: { preview?: boolean; side?: boolean; preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.parse(hit.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const lines = rangeLines(hit.range);
    const last = Math.max(0, doc.lineCount - 1);
    const start = Math.min(lines.start, last);
    const end = Math.min(Math.max(lines.end, start), last);
    const range = new vscode.Range(start, 0, end, doc.lineAt(end).text.length);
    const editor = await vscode.window.showTextDocument(doc, {
      selection: new vscode.Range(start, 0, start, 0),
      preview: opts.preview ?? true,
      preserveFocus: opts.preserveFocus ?? false,
      viewColumn: opts.side ? vscode.ViewColumn.Beside : undefined,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.clear();
    editor.setDecorations(this.decoration, [range]);
    this.highlighted = { editor, uri: doc.uri.toString() };
    return editor;
  }

  clear(): void {
    this.highlighted?.editor.setDecorations(this.decoration, []);
    this.highlighted = undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
