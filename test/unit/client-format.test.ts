import { test } from "node:test";
import assert from "node:assert/strict";
import {
  abiSummary,
  bandIcon,
  bandOf,
  firstLine,
  formatCount,
  formatLines,
  formatPercent,
  formatThreshold,
  isAbiMismatch,
  preview,
  rangeLines,
  scoreBadge,
  shortModelName,
  statusBarLook,
  statusLines,
} from "../../client/src/format";
import type { StatusResult } from "../../shared/src/protocol";

const range = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

test("scores are percentages with one decimal", () => {
  assert.equal(formatPercent(0.7934), "79.3%");
  assert.equal(formatPercent(1), "100.0%");
  assert.equal(formatPercent(0.4), "40.0%");
  assert.equal(formatPercent(-0.12345), "-12.3%");
  assert.equal(formatPercent(-0.0001), "0.0%");
  assert.equal(formatPercent(Number.NaN), "–");
});

test("thresholds read as whole percentages when they are", () => {
  assert.equal(formatThreshold(0.4), "40%");
  assert.equal(formatThreshold(0.75), "75%");
  assert.equal(formatThreshold(0.425), "42.5%");
});

test("the score badge is the percentage and the band", () => {
  assert.equal(scoreBadge(0.7934, "strong"), "79.3% strong");
  assert.equal(scoreBadge(0.41, "possible"), "41.0% possible");
  // A hit only the keyword search found says so; one both found does not.
  assert.equal(scoreBadge(0.31, "weak", "lexical"), "31.0% weak · keyword");
  assert.equal(scoreBadge(0.8, "strong", "both"), "80.0% strong");
});

test("bands follow the seed's thresholds, or the ones given", () => {
  assert.equal(bandOf(0.75), "strong");
  assert.equal(bandOf(0.7499), "possible");
  assert.equal(bandOf(0.4), "possible");
  assert.equal(bandOf(0.39), "weak");
  assert.equal(bandOf(0.6, { strong: 0.6, possible: 0.3 }), "strong");
  assert.equal(bandOf(0.29, { strong: 0.6, possible: 0.3 }), "weak");
});

test("each band has its own codicon", () => {
  assert.equal(bandIcon("strong"), "$(pass-filled)");
  assert.equal(bandIcon("possible"), "$(circle-large-outline)");
  assert.equal(bandIcon("weak"), "$(circle-slash)");
});

test("chunk ranges end at character 0 of the next line, which is not part of the chunk", () => {
  assert.deepEqual(rangeLines(range(11, 0, 20, 0)), { start: 11, end: 19 });
  assert.equal(formatLines(range(11, 0, 20, 0)), "12–20");
  assert.equal(formatLines(range(4, 0, 5, 0)), "5");
  // A selection that ends inside a line keeps that line.
  assert.equal(formatLines(range(2, 3, 4, 7)), "3–5");
  assert.equal(formatLines(range(7, 0, 7, 0)), "8");
});

test("previews are one line, cut at a word with an ellipsis", () => {
  assert.equal(preview("a\n\n  b\tc"), "a b c");
  const long = "word ".repeat(50);
  const p = preview(long, 40);
  assert.ok(p.length <= 40, p);
  assert.ok(p.endsWith("word…"), p);
  assert.equal(preview("short", 40), "short");
});

test("firstLine skips heading and comment marks and blank lines", () => {
  assert.equal(firstLine("\n## Photosynthesis\nPlants make food"), "Photosynthesis");
  assert.equal(firstLine("// loads the model\nfunction load() {}"), "loads the model");
  assert.equal(firstLine("/**\n * Parses a query.\n */"), "Parses a query.");
});

test("model names are shortened to their last part", () => {
  assert.equal(shortModelName("Xenova/all-MiniLM-L6-v2"), "all-MiniLM-L6-v2");
  assert.equal(shortModelName("/home/me/models/tiny-bert/"), "tiny-bert");
  assert.equal(shortModelName("bundled"), "bundled");
  assert.equal(shortModelName(undefined), "no model");
});

test("counts get thousands separators", () => {
  assert.equal(formatCount(1234567), "1,234,567");
  assert.equal(formatCount(999), "999");
});

const status = (s: Partial<StatusResult>): StatusResult => ({ state: "idle", files: 20, chunks: 1234, model: "Xenova/all-MiniLM-L6-v2", storagePath: "/tmp/db", ...s });

test("status bar: indexing shows a spinner and progress", () => {
  const look = statusBarLook({ kind: "running", status: status({ state: "indexing", progress: { done: 240, total: 900 } }) });
  assert.equal(look.text, "$(sync~spin) Semantic Search: 240/900");
  assert.equal(look.severity, "normal");
});

test("status bar: ready shows the model and the chunk count; a fallback note makes it a warning", () => {
  assert.deepEqual(statusBarLook({ kind: "running", status: status({}) }), { text: "$(check) all-MiniLM-L6-v2: 1,234 chunks", severity: "normal" });
  const fallback = statusBarLook({ kind: "running", status: status({ model: "bundled", message: "Could not load Xenova/all-MiniLM-L6-v2; using the bundled model." }) });
  assert.equal(fallback.text, "$(warning) bundled: 1,234 chunks");
  assert.equal(fallback.severity, "warning");
});

test("status bar: errors and failed starts are errors", () => {
  assert.equal(statusBarLook({ kind: "running", status: status({ state: "error", message: "boom" }) }).severity, "error");
  assert.deepEqual(statusBarLook({ kind: "failed", message: "spawn ENOENT" }), { text: "$(error) Semantic Search: failed", severity: "error" });
  assert.match(statusBarLook({ kind: "starting" }).text, /starting/);
});

test("status lines say the model, the state, the counts and the message", () => {
  const lines = statusLines({ kind: "running", status: status({ state: "error", message: "model could not load: no such folder" }) });
  assert.ok(lines.includes("Model: Xenova/all-MiniLM-L6-v2"));
  assert.ok(lines.includes("State: error"));
  assert.ok(lines.includes("Indexed: 20 files, 1,234 chunks"));
  assert.ok(lines.includes("Error: model could not load: no such folder"));
  assert.ok(statusLines({ kind: "running", status: status({ state: "indexing", progress: { done: 1, total: 2 } }) }).includes("Indexing: 1/2 files"));
  assert.match(statusLines({ kind: "failed", message: "spawn node ENOENT" })[0], /could not start: spawn node ENOENT/);
});

test("native module ABI errors are recognised", () => {
  assert.equal(
    isAbiMismatch("The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 137."),
    true,
  );
  assert.equal(isAbiMismatch("folder not found: /x"), false);
  assert.equal(isAbiMismatch(undefined), false);
});

test("the gist of an ABI error: the module and both ABI numbers", () => {
  const message =
    "Cannot open the database /x/index.db: The module '/ext/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 137. Please try re-compiling";
  assert.deepEqual(abiSummary(message), { module: "better-sqlite3", builtFor: 115, needs: 137 });
  assert.equal(abiSummary("C:\\ext\\node_modules\\@scope\\mod\\build\\x.node was compiled against").module, "@scope/mod");
  assert.deepEqual(abiSummary("something else"), { module: undefined, builtFor: undefined, needs: undefined });
});
