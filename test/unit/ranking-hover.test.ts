// The hover shows only hits that clear the band ("possible" or better); below it, nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TextDocument } from "vscode-languageserver-textdocument";
import { DEFAULT_SETTINGS } from "../../shared/src/protocol";
import type { SearchHit } from "../../shared/src/types";
import { hoverAt } from "../../server/src/lsp/hover";
import type { Workspace } from "../../server/src/lsp/workspace";

const hit = (path: string, score: number, band: SearchHit["band"]): SearchHit => ({ path, startLine: 1, endLine: 2, score, band, text: `text of ${path}`, metadata: {} });

function fakeWorkspace(results: SearchHit[]): Workspace {
  const engine = {
    chunkAt: async () => undefined,
    similar: async () => ({ query: "q", model: "bundled:use-lite", candidates: 3, results }),
  };
  const folder = { root: "/ws", engine };
  return { settingsFor: () => DEFAULT_SETTINGS, locate: () => ({ folder, relPath: "notes.md" }) } as unknown as Workspace;
}

const doc = TextDocument.create("file:///ws/notes.md", "markdown", 1, "# Plants\n\nPlants turn sunlight, water and carbon dioxide into sugar.\n");

test("weak hits are left out of the hover; the rest keep their percentage and band", async () => {
  const hover = await hoverAt(fakeWorkspace([hit("a.md", 0.82, "strong"), hit("b.md", 0.71, "possible"), hit("fusion.ts", 0.451, "weak")]), doc, 2);
  const text = (hover!.contents as { value: string }).value;
  assert.match(text, /82\.0%\*\* strong/);
  assert.match(text, /71\.0%\*\* possible/);
  assert.ok(!text.includes("fusion.ts"), "a weak 45% hit is not offered");
});

test("a paragraph longer than the model reads: the hover says what it was compared by", async () => {
  const workspace = fakeWorkspace([hit("a.md", 0.82, "strong")]);
  const engine = (workspace.locate("") as unknown as { folder: { engine: { similar: () => Promise<object> } } }).folder.engine;
  const whole = await engine.similar();
  engine.similar = async () => ({ ...whole, truncated: { usedChars: 487, totalChars: 1500, tokens: 395, readTokens: 128, message: "cut" } });
  const text = ((await hoverAt(workspace, doc, 2))!.contents as { value: string }).value;
  assert.match(text, /\*Compared by its first 487 of 1,500 characters: the model reads 128 tokens\.\*/);
  engine.similar = async () => whole;
  const short = ((await hoverAt(workspace, doc, 2))!.contents as { value: string }).value;
  assert.doesNotMatch(short, /Compared by/);
});

test("nothing clears the band: no hover at all", async () => {
  assert.equal(await hoverAt(fakeWorkspace([hit("fusion.ts", 0.451, "weak"), hit("x.md", 0.35, "weak")]), doc, 2), null);
});
