// "Inspect Model" and "Show Layer Journey of Selection": two webviews over the server's
// semanticSearch/inspect/* requests, with charts drawn by Chart.js (client/media/vendor, copied there
// by scripts/build.mjs). Sorting, binning and export shaping are in inspect-model.ts (unit-tested).
import * as fs from "node:fs/promises";
import * as vscode from "vscode";
import {
  ExportTensorCsvRequest,
  InspectAttentionRequest,
  InspectJourneyRequest,
  InspectTensorRequest,
  InspectWeightsRequest,
  type JourneyParams,
  type WeightsSummaryResult,
} from "../../shared/src/protocol";
import { histogram, samplePages, sortRows, tableRows, tensorCsvFileName, weightsSummaryJson, type TensorColumn } from "./inspect-model";
import type { ServerManager } from "./server";
import { makeNonce, page } from "./webview-html";

function inspectHtml(webview: vscode.Webview, media: vscode.Uri, title: string, script: string, body: string): string {
  const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(media, ...p)).toString();
  return page(
    {
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      styleUris: [uri("webview.css"), uri("inspect.css")],
      scriptUris: [uri("vendor", "chart.umd.js"), uri("inspect-common.js"), uri(script)],
    },
    title,
    body,
  );
}

function createPanel(context: vscode.ExtensionContext, viewType: string, title: string): { panel: vscode.WebviewPanel; media: vscode.Uri } {
  const media = vscode.Uri.joinPath(context.extensionUri, "client", "media");
  const panel = vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Beside, {
    enableScripts: true,
    retainContextWhenHidden: true,
    localResourceRoots: [media],
  });
  panel.iconPath = vscode.Uri.joinPath(media, "semantic-search.svg");
  return { panel, media };
}

// ------------------------------------------------------------------------------- Inspect Model

type ModelMessage =
  | { type: "ready" }
  | { type: "sort"; column: TensorColumn; descending?: boolean }
  | { type: "select"; name: string }
  | { type: "exportJson" }
  | { type: "exportCsv"; name?: string };

const MAX_HISTOGRAM_VALUES = 200_000;

export class InspectModelPanel {
  private static current: InspectModelPanel | undefined;
  private weights: WeightsSummaryResult | undefined;
  private selected: string | undefined;

  static async show(context: vscode.ExtensionContext, server: ServerManager): Promise<void> {
    if (InspectModelPanel.current) {
      InspectModelPanel.current.panel.reveal(undefined, false);
      return;
    }
    InspectModelPanel.current = new InspectModelPanel(context, server);
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    context: vscode.ExtensionContext,
    private readonly server: ServerManager,
  ) {
    const { panel, media } = createPanel(context, "semanticSearch.inspectModel", "Inspect Model");
    this.panel = panel;
    panel.webview.html = inspectHtml(
      panel.webview,
      media,
      "Inspect Model",
      "inspect-model.js",
      `<header><h1>Inspect Model</h1></header>
<p id="status" class="status" role="status" aria-live="polite">Reading the weights…</p>
<section id="totals" class="stats"></section>
<section id="files-section"><h2>Files on disk</h2><table class="values" id="files"><thead><tr><th>file</th><th>bytes</th></tr></thead><tbody></tbody></table></section>
<div class="actions">
  <button id="export-json" type="button">Export weights_summary.json</button>
  <button id="export-csv" type="button" class="secondary">Export tensor CSV</button>
</div>
<section><h2 id="hist-title">Histogram</h2><div class="chart-box"><canvas id="histogram" aria-label="Histogram of the chosen tensor's values" role="img"></canvas></div></section>
<section><h2>Layers <span class="muted" id="row-count"></span></h2>
<div class="table-scroll"><table class="values layers" id="layers"><thead><tr>
<th data-col="layer_name">name</th><th data-col="shape">shape</th><th data-col="total_weights">count</th><th data-col="minimum">min</th><th data-col="maximum">max</th><th data-col="mean">mean</th><th data-col="std_deviation">std</th>
</tr></thead><tbody></tbody></table></div></section>`,
    );
    panel.webview.onDidReceiveMessage((m: ModelMessage) => void this.onMessage(m).catch((err) => this.post({ type: "status", text: (err as Error).message, error: true })));
    panel.onDidDispose(() => {
      if (InspectModelPanel.current === this) InspectModelPanel.current = undefined;
    });
  }

  private post(message: unknown): void {
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(m: ModelMessage): Promise<void> {
    switch (m.type) {
      case "ready": {
        this.weights = await this.server.request(InspectWeightsRequest.type, {});
        const w = this.weights;
        this.post({
          type: "weights",
          model: w.model,
          format: w.format,
          directory: w.directory,
          weightsFile: w.weightsFile,
          files: w.files,
          total_weights: w.total_weights,
          tensorCount: w.tensors.length,
          rows: tableRows(w),
        });
        if (w.tensors.length) await this.select(this.selected ?? [...w.tensors].sort((a, b) => b.total_weights - a.total_weights)[0].layer_name);
        return;
      }
      case "sort":
        if (!this.weights) return;
        this.post({ type: "rows", rows: sortRows(tableRows(this.weights), m.column, m.descending === true), column: m.column, descending: m.descending === true });
        return;
      case "select":
        await this.select(m.name);
        return;
      case "exportJson":
        await this.exportJson();
        return;
      case "exportCsv":
        await this.exportCsv(m.name ?? this.selected);
        return;
    }
  }

  private async select(name: string): Promise<void> {
    this.selected = name;
    this.post({ type: "status", text: `Reading the values of ${name}…` });
    const first = await this.server.request(InspectTensorRequest.type, { name, offset: 0, limit: 1 });
    const values: number[] = [];
    for (const p of samplePages(first.total, MAX_HISTOGRAM_VALUES)) {
      const page = await this.server.request(InspectTensorRequest.type, { name, offset: p.offset, limit: p.limit });
      for (const v of page.values) values.push(v);
    }
    if (this.selected !== name) return;
    const h = histogram(values, 60);
    this.post({ type: "histogram", name, shape: first.shape, total: first.total, sampled: values.length, histogram: h });
    this.post({ type: "status", text: "" });
  }

  private async exportJson(): Promise<void> {
    if (!this.weights) return;
    const target = await vscode.window.showSaveDialog({
      title: "Export weights_summary.json",
      defaultUri: defaultUri("weights_summary.json"),
      filters: { JSON: ["json"] },
    });
    if (!target) return;
    const json = weightsSummaryJson(this.weights);
    await fs.writeFile(target.fsPath, json, "utf8");
    this.post({ type: "status", text: `Wrote ${this.weights.tensors.length} tensors to ${target.fsPath}` });
  }

  private async exportCsv(name: string | undefined): Promise<void> {
    if (!name) return void this.post({ type: "status", text: "Choose a tensor in the table first.", error: true });
    const target = await vscode.window.showSaveDialog({
      title: `Export ${name} as CSV`,
      defaultUri: defaultUri(tensorCsvFileName(name)),
      filters: { CSV: ["csv"] },
    });
    if (!target) return;
    const r = await this.server.request(ExportTensorCsvRequest.type, { name, path: target.fsPath });
    this.post({ type: "status", text: `Wrote ${r.rows.toLocaleString("en-US")} rows (${r.bytes.toLocaleString("en-US")} bytes) to ${r.path}` });
  }
}

function defaultUri(fileName: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
}

// ------------------------------------------------------------------------------- Layer Journey

type JourneyMessage =
  | { type: "ready" }
  | { type: "focus"; token?: number; values?: number }
  | { type: "attention"; token: number; layer: number };

export class JourneyPanel {
  private static current: JourneyPanel | undefined;
  private text = "";
  private values = 10;

  static async show(context: vscode.ExtensionContext, server: ServerManager, text: string): Promise<void> {
    let panel = JourneyPanel.current;
    if (!panel) {
      panel = new JourneyPanel(context, server);
      JourneyPanel.current = panel;
    } else {
      panel.panel.reveal(undefined, false);
    }
    panel.text = text;
    if (panel.ready) await panel.load(undefined);
  }

  private readonly panel: vscode.WebviewPanel;
  private ready = false;

  private constructor(
    context: vscode.ExtensionContext,
    private readonly server: ServerManager,
  ) {
    const { panel, media } = createPanel(context, "semanticSearch.journey", "Layer Journey");
    this.panel = panel;
    panel.webview.html = inspectHtml(
      panel.webview,
      media,
      "Layer Journey",
      "inspect-journey.js",
      `<header><h1>Layer Journey</h1></header>
<blockquote class="source-text" id="text"></blockquote>
<p id="status" class="status" role="status" aria-live="polite">Running the model…</p>
<div class="fields inline">
  <label for="focus">Vector</label>
  <select id="focus"><option value="mean">mean over tokens</option></select>
  <label for="count">Values</label>
  <select id="count"><option>5</option><option selected>10</option><option>20</option></select>
</div>
<p class="muted" id="summary"></p>
<div class="chart-box tall"><canvas id="journey" role="img" aria-label="The first values of the vector at each stop"></canvas></div>
<div class="table-scroll"><table class="values" id="stops"><thead><tr><th>#</th><th>stop</th><th>kind</th><th>width</th><th>min</th><th>max</th><th>mean</th><th>norm</th></tr></thead><tbody></tbody></table></div>
<h2>Attention</h2>
<p class="muted">Click a token to see how much it attends to each token (averaged over heads).</p>
<div class="fields inline"><label for="layer">Layer</label><select id="layer"></select></div>
<div id="tokens" class="tokens" role="list"></div>
<p class="muted" id="attention-summary"></p>
<div class="chart-box"><canvas id="attention" role="img" aria-label="Attention of the chosen token to each token"></canvas></div>`,
    );
    panel.webview.onDidReceiveMessage((m: JourneyMessage) => void this.onMessage(m).catch((err) => this.post({ type: "status", text: (err as Error).message, error: true })));
    panel.onDidDispose(() => {
      if (JourneyPanel.current === this) JourneyPanel.current = undefined;
    });
  }

  private post(message: unknown): void {
    void this.panel.webview.postMessage(message);
  }

  private async load(token: number | undefined): Promise<void> {
    const params: JourneyParams = { text: this.text, values: this.values };
    if (token !== undefined) params.token = token;
    this.post({ type: "status", text: "Running the model…" });
    const journey = await this.server.request(InspectJourneyRequest.type, params);
    this.post({ type: "journey", journey });
    this.post({ type: "status", text: "" });
  }

  private async onMessage(m: JourneyMessage): Promise<void> {
    switch (m.type) {
      case "ready":
        this.ready = true;
        if (this.text) await this.load(undefined);
        return;
      case "focus":
        if (typeof m.values === "number" && m.values > 0 && m.values <= 100) this.values = Math.floor(m.values);
        await this.load(typeof m.token === "number" ? m.token : undefined);
        return;
      case "attention": {
        const result = await this.server.request(InspectAttentionRequest.type, { text: this.text, layer: m.layer, token: m.token });
        this.post({ type: "attention", attention: result });
        return;
      }
    }
  }
}
