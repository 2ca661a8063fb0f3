// The Results tree (client/src/results-view.ts) and the searches that fill it (client/src/searches.ts)
// against a fake `vscode` module: a search asks the server to explain its ranking, and each hit's
// tooltip says why it ranked (each ranking's place, the weights, every signal with its factor); a
// semantic hit, which has no explanation, shows its text alone. A search by a passage the model read
// only the start of says so in the status line.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { SearchParams, WireHit, WireSearchResult } from "../../shared/src/protocol";
import type { RankExplanation } from "../../shared/src/ranking";
import { installFakeVscode, FakeTokenSource } from "../helpers/fake-vscode";

class FakeMarkdown {
  value = "";
  constructor(_value?: string, readonly supportThemeIcons = false) {}
  appendMarkdown(text: string) {
    this.value += text;
    return this;
  }
  appendCodeblock(code: string, language = "") {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

class FakeEmitter {
  event = () => ({ dispose() {} });
  fire() {}
  dispose() {}
}

const fakeVscode = {
  TreeItem: class {
    [key: string]: unknown;
    constructor(
      readonly label: string,
      readonly collapsibleState: number,
    ) {}
  },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  MarkdownString: FakeMarkdown,
  ThemeIcon: Object.assign(
    class {
      constructor(
        readonly id: string,
        readonly color?: unknown,
      ) {}
    },
    { File: "file" },
  ),
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  Uri: { parse: (s: string) => ({ toString: () => s }) },
  EventEmitter: FakeEmitter,
  CancellationTokenSource: FakeTokenSource,
  window: { createTreeView: () => ({ dispose() {}, reveal: async () => undefined }) },
  workspace: {
    workspaceFolders: [{ name: "proj", uri: { toString: () => "file:///work/proj" } }],
    onDidChangeConfiguration: () => ({ dispose() {} }),
    getConfiguration: () => ({ get: (_key: string, fallback: unknown) => fallback }),
  },
  commands: { executeCommand: async () => undefined },
};

installFakeVscode(fakeVscode);
// searches.ts reads only SERVER_LANGUAGES from ./server, whose language client needs a real editor.
const serverModule = require.resolve("../../client/src/server");
require.cache[serverModule] = { id: serverModule, filename: serverModule, loaded: true, exports: { SERVER_LANGUAGES: ["markdown", "python"] } } as unknown as NodeJS.Module;
const { ResultsView } = require("../../client/src/results-view") as typeof import("../../client/src/results-view");
const { Searches } = require("../../client/src/searches") as typeof import("../../client/src/searches");

const explained: RankExplanation = {
  queryKind: "identifier",
  weights: [1, 4],
  semanticRank: 3,
  lexicalRank: 1,
  fused: 0.48,
  signals: [{ signal: "definitionBoost", factor: 2, detail: "declares max_retries" }],
  final: 0.96,
};
const hit = (line: number, explain?: RankExplanation): WireHit => ({
  uri: "file:///work/proj/src/retry.py",
  range: { start: { line, character: 0 }, end: { line: line + 3, character: 0 } },
  score: 0.81,
  band: "strong",
  text: `max_retries = ${line}`,
  metadata: { symbol: "max_retries", language: "python" },
  matchedBy: explain ? "both" : "semantic",
  ...(explain ? { explain } : {}),
});

type Tree = InstanceType<typeof ResultsView>;
function hitTooltips(view: Tree): string[] {
  const files = view.getChildren();
  return files.flatMap((file) => view.getChildren(file)).map((node) => (view.getTreeItem(node).tooltip as unknown as FakeMarkdown).value);
}

test("a search from the panel asks the server why each hit ranked, and the hit's tooltip says it", async () => {
  const view = new ResultsView();
  const sent: SearchParams[] = [];
  const server = {
    request: async (_type: unknown, params: SearchParams) => {
      sent.push(params);
      return { model: "bundled:use-lite", candidates: 40, results: [hit(9, explained)], bands: { strong: 0.9, possible: 0.7 } } satisfies WireSearchResult;
    },
  };
  const searches = new Searches(server as never, view);
  const outcome = await searches.searchToView("max_retries");
  assert.equal(outcome.error, undefined, outcome.text);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].explain, true, "the request asks for explanations");
  const [tip] = hitTooltips(view);
  assert.match(tip, /\*\*Why it ranked here:\*\* identifier query, weights vector 1 : keyword 4/);
  assert.match(tip, /vector #3, keyword #1/);
  // The signal and its factor, with the symbol's underscore escaped so markdown shows it as written.
  assert.match(tip, /definitionBoost ×2 \(declares max\\_retries\)/);
  assert.match(tip, /final 0\.96/);
  assert.ok(tip.indexOf("Why it ranked here") < tip.indexOf("```python"), "the reason comes before the code");
});

test("a semantic hit carries no explanation, and its tooltip shows the text alone", () => {
  const view = new ResultsView();
  view.show("similar to src/a.py:1-4", [hit(20)], 0.7);
  const [tip] = hitTooltips(view);
  assert.doesNotMatch(tip, /Why it ranked/);
  assert.match(tip, /max_retries = 20/);
});

test("a search by a passage longer than the model reads says so in the panel's status line", async () => {
  const message = "The text has 395 tokens (1,500 characters), and the model reads only its first 128 tokens.";
  const server = {
    request: async () => ({ model: "bundled:use-lite", candidates: 40, results: [hit(9, explained)], truncated: { usedChars: 487, totalChars: 1500, message } }) satisfies WireSearchResult,
  };
  const outcome = await new Searches(server as never, new ResultsView()).searchToView("a long pasted passage");
  assert.equal(outcome.text, `1 result from 40 chunks. ${message}`);
});
