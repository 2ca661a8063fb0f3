// The "Semantic Search" quick pick (client/src/quick-pick.ts) against a fake `vscode` module: it asks
// the server to explain its ranking, and each result's detail says why it ranked (each ranking's
// place, every signal and its factor) before the start of its text; a semantic result, which has no
// explanation, shows its text alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { SearchParams, WireHit, WireSearchResult } from "../../shared/src/protocol";
import type { RankExplanation } from "../../shared/src/ranking";
import { installFakeVscode, FakeTokenSource } from "../helpers/fake-vscode";

type Listener = (e?: unknown) => void;

class FakeQuickPick {
  title = "";
  placeholder = "";
  value = "";
  busy = false;
  items: { label: string; description?: string; detail?: string; hit?: WireHit }[] = [];
  buttons: unknown[] = [];
  selectedItems: unknown[] = [];
  activeItems: unknown[] = [];
  matchOnDescription = true;
  matchOnDetail = true;
  private on = (_l: Listener) => ({ dispose() {} });
  onDidChangeValue = this.on;
  onDidAccept = this.on;
  onDidTriggerItemButton = this.on;
  onDidTriggerButton = this.on;
  onDidHide = this.on;
  show() {}
  hide() {}
  dispose() {}
}

const picks: FakeQuickPick[] = [];
const fakeVscode = {
  ThemeIcon: class {
    constructor(readonly id: string) {}
  },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  CancellationTokenSource: FakeTokenSource,
  window: {
    createQuickPick: () => {
      const qp = new FakeQuickPick();
      picks.push(qp);
      return qp;
    },
    showErrorMessage: () => undefined,
  },
  workspace: { workspaceFolders: [{ name: "proj", uri: { toString: () => "file:///work/proj" } }] },
  commands: { executeCommand: async () => undefined },
};

installFakeVscode(fakeVscode);
const { showSearchQuickPick, hitDetail } = require("../../client/src/quick-pick") as typeof import("../../client/src/quick-pick");

const range = { start: { line: 9, character: 0 }, end: { line: 14, character: 0 } };
const explained: RankExplanation = {
  queryKind: "identifier",
  weights: [1, 4],
  semanticRank: 3,
  lexicalRank: 1,
  fused: 0.48,
  signals: [
    { signal: "definitionBoost", factor: 2, detail: "declares parseRange" },
    { signal: "pathMatch", factor: 1.1666666, detail: "path matches the query's words (33%)" },
  ],
  final: 1.12,
};
const hit = (text: string, explain?: RankExplanation): WireHit => ({
  uri: "file:///work/proj/src/range.ts",
  range,
  score: 0.61,
  band: "possible",
  text,
  metadata: { symbol: "parseRange" },
  matchedBy: "both",
  ...(explain ? { explain } : {}),
});

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

test("the quick pick asks for explain and shows why each hit ranked in its detail", async () => {
  const sent: SearchParams[] = [];
  const result: WireSearchResult = {
    model: "bundled",
    candidates: 12,
    results: [
      hit("export function parseRange(text: string) {", explained),
      hit("const demoted = 1;", { ...explained, semanticRank: undefined, lexicalRank: 7, signals: [{ signal: "demoteTests", factor: 0.5, detail: "test, example, vendored, shim or stub file" }], capped: true }),
    ],
  };
  const server = {
    phase: { kind: "running", status: { state: "ready" } },
    request: async (_type: unknown, params: SearchParams) => (sent.push(params), result),
  };
  showSearchQuickPick(server as never, { open: async () => undefined } as never, { showHits() {} } as never, "parseRange");
  await settle();
  assert.equal(sent.length, 1);
  assert.equal(sent[0].query, "parseRange");
  assert.equal(sent[0].explain, true, "the request asks the server for explanations");
  const items = picks.at(-1)!.items.filter((i) => i.hit);
  assert.equal(items.length, 2);
  assert.equal(items[0].detail, "$(info) vector #3, keyword #1 · defines parseRange ×2 · path matches ×1.17 — export function parseRange(text: string) {");
  assert.match(items[1].detail!, /^\$\(info\) not in vector top, keyword #7 · test\/example\/vendored file ×0\.5 · after other files \(per-file cap\) — const demoted = 1;$/);
});

test("a hit without an explanation (semantic mode) shows its text alone; meaning leading is said", () => {
  assert.equal(hitDetail(hit("plain   text\nover lines")), "plain text over lines");
  const led = hitDetail(hit("the internet links computers", { queryKind: "question", weights: [6, 1], lead: "semantic", semanticRank: 1, fused: 1, signals: [], final: 1 }));
  assert.equal(led, "$(info) vector #1, not in keyword top (meaning led) — the internet links computers");
  const lexicalOnly = hitDetail(hit("x", { queryKind: "keywords", weights: [0, 4], lexicalRank: 2, fused: 1, signals: [{ signal: "fileCredit", add: 0.12345, detail: "other chunks of the file rank well too" }], final: 1.1 }));
  assert.equal(lexicalOnly, "$(info) keyword #2 · file credit +0.123 — x", "lexical mode: no vector rank to speak of");
});
