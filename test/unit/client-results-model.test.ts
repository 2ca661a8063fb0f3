import { test } from "node:test";
import assert from "node:assert/strict";
import type { WireHit } from "../../shared/src/protocol";
import { groupByFile, relativePath, resultsMessage, visibleHits } from "../../client/src/results-model";

const root = "file:///work/proj";
const hit = (path: string, line: number, score: number, band: WireHit["band"] = score >= 0.75 ? "strong" : score >= 0.4 ? "possible" : "weak"): WireHit => ({
  uri: `${root}/${path}`,
  range: { start: { line, character: 0 }, end: { line: line + 3, character: 0 } },
  score,
  band,
  text: `text at ${path}:${line}`,
  metadata: {},
});
const folders = [{ uri: root, name: "proj" }];

test("relative paths are relative to the workspace folder, decoded", () => {
  assert.equal(relativePath(`${root}/docs/my%20notes.md`, folders), "docs/my notes.md");
  assert.equal(relativePath("file:///elsewhere/a.md", folders), "/elsewhere/a.md");
  // A folder whose name is a prefix of another is not its parent.
  assert.equal(relativePath("file:///work/project2/a.md", folders), "/work/project2/a.md");
});

test("in a multi-root workspace the deepest folder wins and its name leads the path", () => {
  const two = [
    { uri: "file:///work", name: "work" },
    { uri: "file:///work/proj", name: "proj" },
  ];
  assert.equal(relativePath("file:///work/proj/a.md", two), "proj/a.md");
  assert.equal(relativePath("file:///work/other/b.md", two), "work/other/b.md");
});

test("hits are grouped by file in the server's ranking, which in hybrid mode is not the cosine order", () => {
  // As a hybrid search ranks them: a keyword match with a lower cosine can come first.
  const ranked = [hit("a.md", 10, 0.5), hit("b.md", 1, 0.9), hit("a.md", 2, 0.8), hit("c.md", 0, 0.3), hit("b.md", 30, 0.45)];
  const groups = groupByFile(ranked, folders);
  assert.deepEqual(
    groups.map((g) => g.path),
    ["a.md", "b.md", "c.md"],
  );
  assert.deepEqual(
    groups[0].hits.map((h) => h.range.start.line),
    [10, 2],
  );
  assert.equal(groups[0].best, 0.8);
  assert.equal(groups[1].best, 0.9);
  assert.equal(groups[1].hits.length, 2);
});

test("weak hits are held back unless asked for", () => {
  const hits = [hit("a.md", 1, 0.8), hit("b.md", 1, 0.2), hit("c.md", 1, 0.39)];
  assert.deepEqual(visibleHits(hits, false), { shown: [hits[0]], hiddenWeak: 2 });
  assert.equal(visibleHits(hits, true).shown.length, 3);
  assert.equal(visibleHits(hits, true).hiddenWeak, 0);
});

test("weak hits the keyword search found stay visible", () => {
  const hits = [{ ...hit("a.md", 1, 0.2), matchedBy: "lexical" as const }, { ...hit("b.md", 1, 0.1), matchedBy: "both" as const }, { ...hit("c.md", 1, 0.1), matchedBy: "semantic" as const }];
  const v = visibleHits(hits, false);
  assert.deepEqual(
    v.shown.map((h) => h.uri.split("/").pop()),
    ["a.md", "b.md"],
  );
  assert.equal(v.hiddenWeak, 1);
});

const running = (s: object = {}) => ({
  kind: "running" as const,
  status: { state: "idle" as const, files: 900, chunks: 3000, model: "m", storagePath: "/db", ...s },
});

test("message: indexing progress", () => {
  const m = resultsMessage({ phase: running({ state: "indexing", progress: { done: 240, total: 900 } }), results: { hits: [] }, showWeak: false, possibleThreshold: 0.4 });
  assert.match(m, /Indexing 240\/900 files/);
});

test("message: nothing above the threshold says so, with the count of weak results", () => {
  const m = resultsMessage({ phase: running(), results: { title: "q", hits: [hit("a.md", 1, 0.1), hit("b.md", 1, 0.2)] }, showWeak: false, possibleThreshold: 0.4 });
  assert.equal(m, "No results above 40% (2 weak results hidden).");
  // With weak results shown there is nothing to say.
  assert.equal(resultsMessage({ phase: running(), results: { title: "q", hits: [hit("a.md", 1, 0.1)] }, showWeak: true, possibleThreshold: 0.4 }), "");
});

test("message: the threshold quoted is the one the server banded the hits with, when it says", () => {
  const hits = [hit("a.md", 1, 0.5, "weak"), hit("b.md", 1, 0.2)];
  assert.equal(resultsMessage({ phase: running(), results: { title: "q", hits, possible: 0.7 }, showWeak: false, possibleThreshold: 0.4 }), "No results above 70% (2 weak results hidden).");
});

test("message: no results at all, errors, and the server's state", () => {
  assert.equal(resultsMessage({ phase: running(), results: { title: "q", hits: [] }, showWeak: false, possibleThreshold: 0.4 }), "No results.");
  assert.match(resultsMessage({ phase: running({ state: "error", message: "model could not load: X" }), results: { hits: [] }, showWeak: false, possibleThreshold: 0.4 }), /Error: model could not load: X/);
  assert.match(resultsMessage({ phase: { kind: "failed", message: "spawn ENOENT" }, results: { hits: [] }, showWeak: false, possibleThreshold: 0.4 }), /could not start: spawn ENOENT/);
  assert.equal(resultsMessage({ phase: running(), results: { title: "q", hits: [], error: "timeout" }, showWeak: false, possibleThreshold: 0.4 }), "Search failed: timeout");
});

test("message: none before any search while the index is ready (the welcome text shows instead)", () => {
  assert.equal(resultsMessage({ phase: running(), results: { hits: [] }, showWeak: false, possibleThreshold: 0.4 }), "");
});

test("message: some weak hits hidden next to good ones", () => {
  const m = resultsMessage({ phase: running(), results: { title: "q", hits: [hit("a.md", 1, 0.9), hit("b.md", 1, 0.1)] }, showWeak: false, possibleThreshold: 0.45 });
  assert.equal(m, "1 weak result below 45% hidden.");
});
