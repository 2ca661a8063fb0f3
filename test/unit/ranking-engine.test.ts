// The ranking options through Engine.search (bundled offline model): `explain` on request only, the
// switches honoured per search, a bad option refused with its name, the keyword-only CLI path
// ranked by the same signals, and the bands calibrated for the bundled model.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { NO_RANKING_SIGNALS } from "../../shared/src/ranking";
import { Engine } from "../../server/src/engine/engine";
import { indexedBundledFolder, type IndexedFolder } from "../helpers/bundled-engine";
import { MODEL_BANDS } from "../../server/src/search/bands";

let folder: IndexedFolder;
let engine: Engine;

const FILES: Record<string, string> = {
  // Uses parseRange a lot: the keyword index ranks it first for the name.
  "src/app.ts": ["import { parseRange } from './range';", "const a = parseRange('1.x');", "const b = parseRange('2.x');", "export const both = [parseRange(a), parseRange(b)];", ""].join("\n"),
  "src/range.ts": ["export function parseRange(text: string): number[] {", "  return text.split('.').map(Number);", "}", ""].join("\n"),
  "test/range.test.ts": ["import { parseRange } from '../src/range';", "test('parseRange', () => parseRange('1.2'));", ""].join("\n"),
};

before(async () => {
  folder = await indexedBundledFolder("ranking-engine-", FILES);
  ({ engine } = folder);
});

after(() => folder?.close());

test("the definition comes first for its name, and explain says why", async () => {
  const res = await engine.search({ query: "parseRange", topK: 3, mode: "hybrid", explain: true });
  assert.equal(res.results[0].path, "src/range.ts");
  const e = res.results[0].explain!;
  assert.equal(e.queryKind, "identifier");
  assert.ok(e.signals.some((s) => s.signal === "definitionBoost"), JSON.stringify(e));
  const test = res.results.find((r) => r.path === "test/range.test.ts");
  if (test) assert.ok(test.explain!.signals.some((s) => s.signal === "demoteTests"), JSON.stringify(test.explain));
});

test("without explain: no explain field; with every signal off: the plain keyword order", async () => {
  const plain = await engine.search({ query: "parseRange", topK: 3, mode: "lexical", ranking: NO_RANKING_SIGNALS });
  assert.ok(plain.results.every((r) => r.explain === undefined));
  assert.equal(plain.results[0].path, "src/app.ts", "BM25 alone prefers the file that repeats the name");
  const ranked = await engine.search({ query: "parseRange", topK: 3, mode: "lexical" });
  assert.equal(ranked.results[0].path, "src/range.ts");
});

test("the keyword-only path (the CLI's lexical search) ranks with the same signals and explains", async () => {
  const res = await engine.search({ query: "parseRange", topK: 3, mode: "lexical", keywordScores: true, explain: true });
  assert.equal(res.results[0].path, "src/range.ts");
  assert.ok(res.results[0].explain!.signals.some((s) => s.signal === "definitionBoost"));
  assert.ok(res.results.every((r) => r.score > 0 && r.score <= 1), "scores stay keyword relevance relative to the best BM25 hit");
});

test("a bad ranking option is an error naming it", async () => {
  await assert.rejects(engine.search({ query: "x", mode: "hybrid", ranking: { perFileCap: 1.5 } }), /ranking\.perFileCap/);
});

test("the bundled model's hits are banded by its calibrated thresholds unless the caller sets its own", async () => {
  const [hit] = (await engine.search({ query: "parse a version range", topK: 1, mode: "semantic" })).results;
  const b = MODEL_BANDS["bundled:use-lite"];
  assert.equal(hit.band, hit.score >= b.strong ? "strong" : hit.score >= b.possible ? "possible" : "weak");
  const [own] = (await engine.search({ query: "parse a version range", topK: 1, mode: "semantic", bands: { strong: 0.99, possible: -1 } })).results;
  assert.equal(own.band, "possible");
});
