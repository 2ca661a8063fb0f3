// End-to-end tests of "Semantic Search: Inspect Model" and "Show Layer Journey of Selection" in the
// packaged extension (see extension.e2e.ts for the set-up: code-server, Chromium, the bundled model,
// the server on the extension host's Node). Screenshots go to test/e2e/screenshots/inspect-*.png.
// SEMSEARCH_E2E_VSIX=<file> skips packaging.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { openFile, runCommand, screenshot, selectLines, sleep, webviewFrame, writeTree, type Frame, type Page } from "./harness";
import { extensionSuite, resetWindow } from "./suite";

const suite = extensionSuite({
  name: "inspect",
  prepare: (dir) => writeTree(dir, { "notes/paris.md": "# Paris\n\nThe Eiffel Tower is in Paris.\n" }),
});
const ws = { dir: suite.dir };
const scenario = suite.scenario;

async function waitUntil<T>(what: string, fn: () => Promise<T | undefined>, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** Accepts the file name VS Code's save dialog (the simple file dialog of VS Code for the web) proposes. */
async function acceptSaveDialog(p: Page): Promise<void> {
  const input = p.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ state: "visible", timeout: 15_000 });
  await p.waitForTimeout(500);
  await input.press("Enter");
}

const num = (s: string) => Number(s.replace(/,/g, ""));

scenario("1. Inspect Model: totals, layer table, sorting, histogram of the chosen tensor", async (p) => {
  await resetWindow(p);
  await runCommand(p, "Semantic Search: Inspect Model");
  const view: Frame = await webviewFrame(p, { hasText: "Inspect Model", timeout: 60_000 });
  const total = await waitUntil("the total weights", async () => {
    const t = await view.locator("#total-weights").innerText({ timeout: 1000 });
    return t ? t : undefined;
  }, 60_000);
  assert.equal(num(total), 6_975_914, "the bundled model has 6,975,914 weights");
  const rows = view.locator("#layers tbody tr");
  const count = await rows.count();
  const tensors = num(await view.locator("#tensor-count").innerText());
  assert.ok(count > 0 && count === tensors, `one row per tensor: ${count} rows, ${tensors} tensors`);
  assert.ok((await view.locator("#files tbody tr").count()) >= 1, "the files on disk are listed");

  // The histogram of the largest tensor is drawn first.
  await waitUntil("the histogram", async () => ((await view.locator("#hist-title").innerText()).startsWith("Histogram of ") ? true : undefined), 60_000);
  await screenshot(p, "inspect-model");

  // Sort by count, descending (two clicks): counts are non-increasing.
  const countHeader = view.locator('#layers th[data-col="total_weights"]');
  await countHeader.click();
  await waitUntil("ascending sort", async () => ((await countHeader.getAttribute("class"))?.includes("sorted-asc") ? true : undefined));
  await countHeader.click();
  await waitUntil("descending sort", async () => ((await countHeader.getAttribute("class"))?.includes("sorted-desc") ? true : undefined));
  const counts: number[] = (await view.locator("#layers tbody tr td:nth-child(3)").allInnerTexts()).map(num);
  assert.equal(counts.length, count);
  for (let i = 1; i < counts.length; i++) assert.ok(counts[i - 1] >= counts[i], `sorted by count, descending: ${counts.slice(0, 10).join(", ")}`);
  assert.equal(counts.reduce((a, b) => a + b, 0), 6_975_914, "the counts add up to the total");

  // Choose the last (smallest) row: the histogram follows it.
  const last = rows.nth(count - 1);
  const name = await last.getAttribute("data-name");
  await last.click();
  const title = await waitUntil("the histogram of the chosen tensor", async () => {
    const t = await view.locator("#hist-title").innerText();
    return t.includes(`Histogram of ${name} `) ? t : undefined;
  });
  assert.match(title, /\d[\d,]* values/);
  await screenshot(p, "inspect-model-sorted");

  // Export weights_summary.json (save dialog): the seed's field names, one entry per tensor.
  const jsonPath = join(ws.dir, "weights_summary.json");
  await view.locator("#export-json").click();
  await acceptSaveDialog(p);
  await waitUntil("the JSON export", async () => ((await view.locator("#status").innerText()).includes("Wrote ") && existsSync(jsonPath) ? true : undefined));
  const summary = JSON.parse(readFileSync(jsonPath, "utf8"));
  assert.equal(summary.length, count);
  assert.deepEqual(Object.keys(summary[0]), ["layer_name", "shape", "total_weights", "minimum", "maximum", "mean", "std_deviation", "first_10_values"]);
  assert.equal(summary.reduce((a: number, t: { total_weights: number }) => a + t.total_weights, 0), 6_975_914);

  // Export the chosen tensor as CSV (inspect/exportTensorCsv writes it; the dialog proposes <tensor>.csv).
  await view.locator("#export-csv").click();
  await acceptSaveDialog(p);
  const status = await waitUntil("the CSV export", async () => {
    const t = await view.locator("#status").innerText();
    return /Wrote [\d,]+ rows .* to .*\.csv/.test(t) ? t : undefined;
  });
  const csvPath = / to (.*\.csv)$/.exec(status)![1];
  assert.ok(csvPath.startsWith(ws.dir) && existsSync(csvPath), `the CSV is in the workspace: ${csvPath}`);
  const rowsWritten = num(/Wrote ([\d,]+) rows/.exec(status)?.[1] ?? "NaN");
  assert.equal(readFileSync(csvPath, "utf8").trim().split("\n").length, rowsWritten + 1, `a header and ${rowsWritten} rows: ${status}`);
  await screenshot(p, "inspect-model-exported");
});

scenario("2. Layer Journey: 6 stops for the bundled model; a token's attention sums to 100%", async (p) => {
  await resetWindow(p);
  await openFile(p, "notes/paris.md");
  await selectLines(p, 3);
  await runCommand(p, "Semantic Search: Show Layer Journey of Selection");
  const view: Frame = await webviewFrame(p, { hasText: "Layer Journey", timeout: 60_000 });
  const stops = await waitUntil("the journey", async () => (await view.locator("#summary").getAttribute("data-stops")) ?? undefined, 60_000);
  assert.equal(Number(stops), 6, "the bundled model's journey has 6 stops");
  assert.equal(await view.locator("#stops tbody tr").count(), 6);
  assert.match(await view.locator("#summary").innerText(), /mean over tokens/);
  const tokens = view.locator("#tokens button");
  assert.ok((await tokens.count()) >= 2, "the tokens are listed");
  await screenshot(p, "inspect-journey");

  await tokens.nth(1).click();
  const sum = await waitUntil("the attention", async () => (await view.locator("#attention-summary").getAttribute("data-sum")) ?? undefined);
  assert.ok(Math.abs(Number(sum) - 100) < 0.5, `attention percentages sum to ~100%: ${sum}`);
  const summary = await view.locator("#attention-summary").innerText();
  assert.match(summary, /heads averaged/);
  await view.locator("#attention").scrollIntoViewIfNeeded();
  await screenshot(p, "inspect-journey-attention");
});
