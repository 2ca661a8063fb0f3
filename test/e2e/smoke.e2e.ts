// Smoke test of the e2e harness itself: a tiny extension made on the fly, packaged with vsce,
// installed into a real VS Code (code-server), its command run from the palette.
//   cd /work/main && node --import tsx --test test/e2e/smoke.e2e.ts
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  editorText, openBrowser, openFile, packageVsix, runCommand, screenshot, startCodeServer, tempDir,
  waitForNotification, waitForWorkbench, webviewText, hoverText, writeTree,
  type BrowserSession, type CodeServer,
} from "./harness";

const EXTENSION_FILES: Record<string, string> = {
  "package.json": JSON.stringify({
    name: "e2e-smoke",
    displayName: "E2E Smoke",
    description: "Throw-away extension for the e2e harness smoke test",
    version: "0.0.1",
    publisher: "semsearch-e2e",
    license: "MIT",
    engines: { vscode: "^1.90.0" },
    main: "./extension.js",
    activationEvents: ["onLanguage:markdown"],
    contributes: {
      commands: [
        { command: "e2eSmoke.sayHello", title: "Say Hello", category: "E2E Smoke" },
        { command: "e2eSmoke.showPanel", title: "Show Panel", category: "E2E Smoke" },
      ],
    },
  }, null, 2),
  "extension.js": `
const vscode = require("vscode");
exports.activate = function (context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("e2eSmoke.sayHello", () => {
      vscode.window.showInformationMessage("hello from the extension");
    }),
    vscode.commands.registerCommand("e2eSmoke.showPanel", () => {
      const panel = vscode.window.createWebviewPanel("e2eSmoke", "E2E Smoke Panel", vscode.ViewColumn.One, {});
      panel.webview.html = "<!DOCTYPE html><html><body><h1>webview says hi</h1><p id='n'>" + process.version + "</p></body></html>";
    }),
    vscode.languages.registerHoverProvider("markdown", {
      provideHover(doc, pos) {
        const range = doc.getWordRangeAtPosition(pos);
        if (range && doc.getText(range) === "semantic") return new vscode.Hover("smoke hover: semantic");
      },
    }),
  );
};
exports.deactivate = function () {};
`,
  "README.md": "# E2E Smoke\n\nThrow-away extension built by test/e2e/smoke.e2e.ts.\n",
};

const NOTE = "# Notes\n\nThe smoke test opens this file and looks for semantic search here.\n";

let ext: ReturnType<typeof tempDir>;
let ws: ReturnType<typeof tempDir>;
let cs: CodeServer | undefined;
let browser: BrowserSession | undefined;

before(async () => {
  ext = tempDir("semsearch-e2e-ext-");
  ws = tempDir("semsearch-e2e-ws-");
  writeTree(ext.dir, EXTENSION_FILES);
  writeTree(ws.dir, { "notes.md": NOTE, "docs/notes.md": "# Docs notes\n\nA second file with the same name.\n" });
  const vsix = packageVsix(ext.dir, { out: join(ext.dir, "e2e-smoke.vsix") });
  cs = await startCodeServer({ workspace: ws.dir, extensionVsix: vsix, name: "smoke" });
  browser = await openBrowser(cs.url);
  await waitForWorkbench(browser.page);
});

after(async () => {
  // always: browser first, then code-server (kills its process group), then temp folders
  if (browser) await screenshot(browser.page, "smoke-final").catch(() => {});
  await browser?.close();
  await cs?.stop();
  ext?.cleanup();
  ws?.cleanup();
});

test("the contributed command shows its notification", { timeout: 120_000 }, async () => {
  const page = browser!.page;
  await runCommand(page, "E2E Smoke: Say Hello");
  const msg = await waitForNotification(page, "hello from the extension");
  assert.equal(msg, "hello from the extension");
  await screenshot(page, "smoke-notification");
});

test("a workspace file opens in the editor", { timeout: 120_000 }, async () => {
  const page = browser!.page;
  await openFile(page, "notes.md");
  const text = await editorText(page);
  assert.match(text, /^# Notes$/m);
  assert.ok(text.includes("looks for semantic search here"), `editor shows: ${JSON.stringify(text)}`);
  await screenshot(page, "smoke-editor");
});

test("Quick Open tells same-named files apart by folder", { timeout: 120_000 }, async () => {
  const page = browser!.page;
  await openFile(page, "docs/notes.md");
  assert.match(await editorText(page), /^# Docs notes$/m);
  await openFile(page, "notes.md");
  assert.match(await editorText(page), /^# Notes$/m);
});

test("a hover from the extension shows on a token", { timeout: 120_000 }, async () => {
  const page = browser!.page;
  const hover = await hoverText(page, "semantic", { expect: "smoke hover" });
  assert.match(hover, /smoke hover: semantic/);
  await screenshot(page, "smoke-hover");
  await page.keyboard.press("Escape");
});

test("a webview's text can be read, and the extension host runs Node 24", { timeout: 120_000 }, async () => {
  const page = browser!.page;
  await runCommand(page, "E2E Smoke: Show Panel");
  const body = await webviewText(page, { hasText: "webview says hi" });
  assert.match(body, /webview says hi/);
  assert.match(body, /v24\./, `extension host's process.version in the webview: ${body}`);
  await screenshot(page, "smoke-webview");
});
