// First run of the packaged extension, as a new user meets it: the linux-x64 .vsix installed into a
// fresh code-server profile (new user-data-dir and extensions-dir) with no settings.json at all —
// not the bundled model, not the server's Node path: the server runs on the extension host's Node 24.
// The models folder is an empty temporary one (SEMSEARCH_MODELS in code-server's environment, which
// the extension host and the server inherit), so a model in ~/.cache/semsearch/models cannot hide
// the question. The workspace is a copy of examples/knowledge-base (20 markdown facts).
//
//   1. the first-run notification asks about Xenova/all-MiniLM-L6-v2, offering "Download" and
//      "Use the bundled offline model"; the status bar says "choose a model"; nothing is downloaded;
//   2. "Use the bundled offline model": the 20 facts are indexed with it, still nothing downloaded;
//   3. the "Semantic Search" quick pick ranks 05-eiffel-tower.md first for the Eiffel question;
//   4. the choice is in the user settings ("semanticSearch.model": "bundled"), and after Developer:
//      Reload Window the extension starts again without asking;
//   5. the installed .vsix passes the native-addon check (client/scripts/native-addons.mjs): a
//      linux-x64 target, Node-API addons only, all of them linux-x64 binaries.
//
// Screenshots: test/e2e/screenshots/first-run-*.png (`first-run-<test>-FAILED.png` when one fails,
// whose error then ends with the tail of the extension's output). SEMSEARCH_E2E_VSIX=<file> skips
// packaging.
import { after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import {
  REPO_ROOT, clickNotificationButton, escape, notificationButtons, notificationToast,
  projectVsixNames, readNotifications, runCommand, sleep,
  screenshot, statusBarItem, tempDir, toolPaths, waitForNotification, waitForWorkbench,
  type Page,
} from "./harness";
import { stableQuickHits, type QuickHit } from "./quick-hits";
import { extensionSuite } from "./suite";
import { addonKind, binaryPlatform, inspectVsix, platformMismatch } from "../../client/scripts/native-addons.mjs";

const KNOWLEDGE_BASE = resolve(REPO_ROOT, "examples/knowledge-base");
const TARGET = "linux-x64";
const DEFAULT_MODEL = "Xenova/all-MiniLM-L6-v2";
/** The first-run question (client/src/format.ts missingModelQuestion) and its buttons (client/src/model-choice.ts). */
const QUESTION = `Semantic Search: the embedding model ${DEFAULT_MODEL}`;
const NOT_HERE = "is not on this computer";
const DOWNLOAD = "Download";
const USE_BUNDLED = "Use the bundled offline model";
/** The status bar while the server waits for the choice (client/src/format.ts statusBarLook, state "needs-model"). */
const CHOOSE = "Semantic Search: choose a model";

/** The empty models folder the server is pointed at. */
const models = tempDir("semsearch-e2e-first-run-models-");
const suite = extensionSuite({
  name: "first-run",
  prepare(dir) {
    if (!existsSync(KNOWLEDGE_BASE)) throw new Error(`e2e: the fixture ${KNOWLEDGE_BASE} is missing`);
    cpSync(KNOWLEDGE_BASE, dir, { recursive: true });
  },
  // A fresh profile: no settings file at all.
  userSettings: null,
  env: { SEMSEARCH_MODELS: models.dir },
});
const scenario = suite.scenario;
/** Files and chunks of the first indexing. */
let indexed: { files: number; chunks: number; model: string } | undefined;

after(() => models.cleanup());

// ------------------------------------------------------------------------------------ helpers

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(join(dir, f)).isFile());
}

function userSettingsFile(): string {
  return join(suite.codeServer().userDataDir, "User", "settings.json");
}

/** The user settings as VS Code wrote them (JSON with comments allowed), or undefined when there is no file. */
function readUserSettings(): { text: string; values: Record<string, unknown> } | undefined {
  const file = userSettingsFile();
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  const json = text.replace(/^\s*\/\/.*$/gm, "").replace(/,(\s*[}\]])/g, "$1");
  try {
    return { text, values: json.trim() ? JSON.parse(json) : {} };
  } catch (err) {
    throw new Error(`${file} is not JSON (${(err as Error).message}): ${text}`);
  }
}

/** The status bar item of the extension; the label spells the whole status ("Model: … State: ready. Indexed: …"). */
async function status(p: Page): Promise<{ text: string; label: string }> {
  return (await statusBarItem(p, "semanticSearch.status")) ?? { text: "", label: "" };
}

/**
 * Waits until the status bar says the index is ready with files in it; returns the counts, the
 * model and the texts the status bar went through. Fails at once when the server is not well, and,
 * unless `stillChoosing` (right after the choice, which takes a moment to reach the server), when
 * it asks for a model.
 */
async function waitForReady(p: Page, opts: { stillChoosing?: boolean; timeout?: number } = {}): Promise<{ files: number; chunks: number; model: string; text: string; seen: string[] }> {
  const timeout = opts.timeout ?? 150_000;
  const deadline = Date.now() + timeout;
  const seen: string[] = [];
  // The item's text and its label are read one after the other, and the status bar may be redrawn
  // between them: ready counts only when two reads in a row agree, as waitForResults settles.
  let previous = "";
  for (;;) {
    const s = await status(p);
    if (s.text && seen[seen.length - 1] !== s.text) seen.push(s.text);
    const m = /Model: (.+?)\. State: ready\. Indexed: ([\d,]+) files, ([\d,]+) chunks/.exec(s.label);
    const settled = JSON.stringify(s) === previous;
    previous = JSON.stringify(s);
    if (m && Number(m[2].replace(/,/g, "")) > 0 && settled) {
      return { model: m[1], files: Number(m[2].replace(/,/g, "")), chunks: Number(m[3].replace(/,/g, "")), text: s.text, seen };
    }
    if (/failed|State: error|stopped/.test(`${s.text} ${s.label}`)) throw new Error(`the server is not well: ${JSON.stringify(s)}`);
    if (!opts.stillChoosing) {
      if (s.text.includes(CHOOSE)) throw new Error(`the status bar asks for a model again: ${JSON.stringify(s)}`);
      const toasts = await readNotifications(p);
      if (toasts.some((t) => t.includes(NOT_HERE))) throw new Error(`the model question is shown again: ${JSON.stringify(toasts)}`);
    }
    if (Date.now() > deadline) throw new Error(`indexing did not finish within ${timeout} ms; the status bar went ${JSON.stringify(seen)}, now ${JSON.stringify(s)}`);
    await sleep(500);
  }
}

/** Lines of the extension's output that say how the server was started. */
function serverStarts(): string[] {
  return suite.codeServer().readVSCodeLogs("Semantic Search").split("\n").filter((l) => l.includes("Starting the server:"));
}

async function paletteSearch(p: Page, query: string, timeout = 30_000): Promise<QuickHit[]> {
  await escape(p, 2);
  await p.keyboard.press("Control+Shift+P");
  const widget = p.locator(".quick-input-widget");
  const input = widget.locator("input").first();
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(">Semantic Search");
  const row = widget.locator(".monaco-list-row", { has: p.locator(".label-name", { hasText: /^\s*Semantic Search\s*$/ }) }).first();
  await row.waitFor({ state: "visible", timeout: 15_000 });
  await row.click();
  await widget.locator(".quick-input-title", { hasText: "Semantic Search" }).waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(query);
  return stableQuickHits(p, query, timeout);
}

// ------------------------------------------------------------------------------------ tests

scenario("1. a fresh profile: the first-run notification offers a download or the bundled model; nothing is downloaded", async (p) => {
  const before = readUserSettings();
  assert.ok(!before || !Object.keys(before.values).some((k) => k.startsWith("semanticSearch.")), `no Semantic Search setting in the fresh profile: ${before?.text}`);

  // activation, the server's start and its model lookup come first: be generous
  const message = await waitForNotification(p, NOT_HERE, 120_000);
  assert.ok(message.includes(QUESTION), `the question names the default model: ${message}`);
  assert.ok(message.includes(NOT_HERE), message);
  const buttons = await notificationButtons(p, NOT_HERE);
  assert.ok(buttons.includes(DOWNLOAD), `a "${DOWNLOAD}" button: ${JSON.stringify(buttons)}`);
  assert.ok(buttons.includes(USE_BUNDLED), `a "${USE_BUNDLED}" button: ${JSON.stringify(buttons)}`);
  await p.waitForTimeout(500); // the toast slides in: let it settle for the picture
  await screenshot(p, "first-run-1-question");

  const s = await status(p);
  assert.ok(s.text.includes(CHOOSE), `the status bar waits for the choice: ${JSON.stringify(s)}`);
  assert.deepEqual(filesUnder(models.dir), [], `nothing was downloaded into ${models.dir}`);

  // default settings: the server runs on the extension host's own Node (code-server's Node 24)
  const starts = serverStarts();
  assert.equal(starts.length, 1, `the server was started once: ${JSON.stringify(starts)}`);
  assert.ok(starts[0].includes(`Starting the server: ${toolPaths().node24} (the extension host's Node v24.`), `the server runs on the extension host's Node 24: ${starts[0]}`);
});

scenario("2. \"Use the bundled offline model\" indexes the 20 facts with it", async (p) => {
  await clickNotificationButton(p, NOT_HERE, USE_BUNDLED);
  const ready = await waitForReady(p, { stillChoosing: true });
  indexed = { files: ready.files, chunks: ready.chunks, model: ready.model };
  await screenshot(p, "first-run-2-ready");
  assert.equal(ready.files, 20, `the 20 facts are indexed: ${JSON.stringify(ready)}`);
  assert.ok(ready.chunks >= 20, `a chunk per fact at least: ${JSON.stringify(ready)}`);
  assert.match(ready.model, /^bundled\b/, `the bundled model runs: ${JSON.stringify(ready)}`);
  // "$(check) <model>: N chunks" (statusBarLook, state idle); the icon is not text
  assert.equal(ready.text, `${ready.model}: ${ready.chunks} chunks`, `the status bar names the model and the chunk count (it went ${JSON.stringify(ready.seen)})`);
  const { label } = await status(p);
  assert.doesNotMatch(label, /Note:|Error:/, `no warning in the status: ${label}`);
  const toasts = await readNotifications(p);
  assert.ok(!toasts.some((t) => /Semantic Search/.test(t)), `no question, error or warning left: ${JSON.stringify(toasts)}`);
  assert.deepEqual(filesUnder(models.dir), [], `still nothing downloaded into ${models.dir}`);
});

scenario("3. the palette search finds the Eiffel fact first", async (p) => {
  const hits = await paletteSearch(p, "Where is the Eiffel Tower located?");
  await screenshot(p, "first-run-3-quick-pick");
  assert.ok(hits.length >= 3, `several results: ${JSON.stringify(hits)}`);
  const [first, ...rest] = hits;
  assert.equal(first.path, "05-eiffel-tower.md", `the Eiffel fact comes first: ${JSON.stringify(hits.slice(0, 3))}`);
  assert.equal(first.startLine, 6, "the fact's paragraph starts on line 6 (after the front matter)");
  assert.ok(first.score > 0 && first.score <= 100, `it has a score: ${first.score}%`);
  for (const h of rest) assert.ok(h.score <= first.score, `${h.path} (${h.score}%) scores no higher than the Eiffel fact (${first.score}%)`);
  assert.match(first.preview, /Eiffel/, `the preview shows the fact: ${first.preview}`);
  await escape(p);
});

scenario("4. the choice is remembered: the user setting, and no question after a reload", async (p) => {
  const settings = readUserSettings();
  assert.ok(settings, `VS Code wrote the user settings: ${userSettingsFile()}`);
  assert.match(settings.text, /"semanticSearch\.model"\s*:\s*"bundled"/, `the choice is a user setting: ${settings.text}`);
  assert.equal(settings.values["semanticSearch.model"], "bundled");
  assert.ok(!Object.keys(settings.values).some((k) => k.startsWith("semanticSearch.server.")), `nothing about the server's Node was written: ${settings.text}`);

  const startsBefore = serverStarts().length;
  await runCommand(p, "Developer: Reload Window");
  await waitForWorkbench(p);
  // the reloaded window starts the extension (and its server) anew, with the remembered model
  const ready = await waitForReady(p);
  await screenshot(p, "first-run-4-reloaded");
  assert.ok(serverStarts().length > startsBefore, `the extension started the server again after the reload: ${JSON.stringify(serverStarts())}`);
  assert.deepEqual({ files: ready.files, chunks: ready.chunks, model: ready.model }, indexed, "the same index, with the bundled model");
  assert.ok(!ready.seen.some((t) => t.includes(CHOOSE)), `the status bar never asked for a model: ${JSON.stringify(ready.seen)}`);
  const toasts = await readNotifications(p);
  assert.ok(!toasts.some((t) => t.includes(NOT_HERE)), `no model question after the reload: ${JSON.stringify(toasts)}`);
  assert.equal(await notificationToast(p, NOT_HERE).count(), 0, "no model question toast");
  assert.deepEqual(filesUnder(models.dir), [], `still nothing downloaded into ${models.dir}`);
});

scenario("5. the installed .vsix passes the native-addon check: linux-x64, Node-API addons only", async () => {
  const vsix = suite.vsix();
  if (!process.env.SEMSEARCH_E2E_VSIX) {
    assert.ok(projectVsixNames(TARGET).map((f) => basename(f)).includes(basename(vsix)), `npm run package wrote the ${TARGET} .vsix: ${basename(vsix)}`);
  }
  const report = inspectVsix(vsix);
  const addons = report.addons.map((a) => `${a.name} (${a.kind})`);
  assert.equal(report.target, TARGET, `the .vsix declares its target: ${basename(vsix)}`);
  assert.deepEqual(report.problems, [], `no native-addon problem in ${basename(vsix)}; addons: ${JSON.stringify(addons)}`);
  assert.ok(report.addons.length > 0, "the .vsix holds native addons");
  assert.ok(report.addons.every((a) => a.kind === "node-api"), `every addon is Node-API: ${JSON.stringify(addons)}`);
  assert.ok(report.addons.some((a) => a.name === `extension/node_modules/better-sqlite3/prebuilds/${TARGET}.node`), `better-sqlite3's ${TARGET} prebuild is in it: ${JSON.stringify(addons)}`);

  // what code-server unpacked is the same: every .node file of the installed extension
  const installed = readdirSync(suite.codeServer().extensionsDir).find((d) => d.startsWith("semsearch.semantic-search-"));
  assert.ok(installed, `the extension is installed in ${suite.codeServer().extensionsDir}: ${JSON.stringify(readdirSync(suite.codeServer().extensionsDir))}`);
  const dir = join(suite.codeServer().extensionsDir, installed);
  const nodeFiles = filesUnder(dir).filter((f) => f.endsWith(".node"));
  assert.deepEqual(nodeFiles.map((f) => `extension/${f}`).sort(), report.addons.map((a) => a.name).sort(), "the installed addons are the .vsix's");
  for (const f of nodeFiles) {
    const bytes = readFileSync(join(dir, f));
    assert.equal(addonKind(bytes).kind, "node-api", `${f} is a Node-API addon`);
    assert.equal(platformMismatch(binaryPlatform(bytes), TARGET), null, `${f} is built for ${TARGET}`);
  }
});
