// The evaluation harness's own pieces: metrics from ranks, label resolution against files, and
// corpus pinning. (npm run eval runs the harness itself.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CORPORA, CorpusError, materialise } from "../../eval/corpora";
import { isRelevant, resolveQueries, section } from "../../eval/labels";
import { firstRank, metrics } from "../../eval/metrics";

test("metrics from first-relevant ranks, computed by hand", () => {
  // ranks 1, 3, none, 10
  const m = metrics([1, 3, undefined, 10]);
  assert.equal(m["hit@1"], 1 / 4);
  assert.equal(m["recall@10"], 3 / 4);
  assert.ok(Math.abs(m.mrr - (1 + 1 / 3 + 1 / 10) / 4) < 1e-12);
  assert.ok(Math.abs(m["ndcg@10"] - (1 + 1 / 2 + 1 / Math.log2(11)) / 4) < 1e-12);
  assert.equal(metrics([11])["recall@10"], 0);
  assert.equal(firstRank(["a", "b", "c"], (x) => x === "c"), 3);
  assert.equal(firstRank(Array.from({ length: 20 }, (_, i) => i), (x) => x === 15), undefined);
});

test("labels resolve headings (ATX and setext), single lines and ranges; relevance is overlap", () => {
  const dir = mkdtempSync(join(tmpdir(), "labels-"));
  writeFileSync(
    join(dir, "a.md"),
    ["# Top", "intro", "## Options", "- `strip` one", "```", "# not a heading", "```", "## Other", "Setext title", "------------", "body", "- `strip` two"].join("\n"),
  );
  const [q] = resolveQueries(
    [
      {
        id: "q",
        query: "?",
        answers: [
          { path: "a.md", heading: "Options" },
          { path: "a.md", heading: "Setext title" },
          { path: "a.md", contains: "`strip`", anyOccurrence: true },
          { path: "a.md", lines: [2, 2] },
          { path: "a.md" },
        ],
      },
    ],
    dir,
  );
  assert.deepEqual(
    q.answers.map((a) => a.range),
    [[3, 7], [9, 12], [4, 4], [12, 12], [2, 2], undefined],
  );
  assert.throws(() => resolveQueries([{ id: "x", query: "?", answers: [{ path: "a.md", contains: "`strip`" }] }], dir), /on 2 lines/);
  assert.throws(() => resolveQueries([{ id: "x", query: "?", answers: [{ path: "a.md", heading: "Missing" }] }], dir), /occurs 0 times/);
  assert.throws(() => resolveQueries([{ id: "x", query: "?", answers: [{ path: "b.md" }] }], dir), /not in the corpus/);
  assert.throws(() => section("Top", ["# Top", "# Top"], "a.md", "x"), /occurs 2 times/);
  const answers = [{ path: "a.md", range: [4, 6] as [number, number] }];
  assert.ok(isRelevant({ path: "a.md", startLine: 6, endLine: 9 }, answers));
  assert.ok(!isRelevant({ path: "a.md", startLine: 7, endLine: 9 }, answers));
  assert.ok(!isRelevant({ path: "b.md", startLine: 1, endLine: 9 }, answers));
  assert.ok(isRelevant({ path: "c.js", startLine: 1, endLine: 2 }, [{ path: "c.js" }]));
  rmSync(dir, { recursive: true, force: true });
});

test("a corpus pinned to another version than node_modules holds fails, saying both", () => {
  const spec = { ...CORPORA[1], sources: [{ package: "semver", version: "0.0.1", files: ["index.js"] }] };
  assert.throws(() => materialise(spec), (e: unknown) => e instanceof CorpusError && /semver@0\.0\.1.*node_modules has \d/.test((e as Error).message));
  const missing = { ...CORPORA[1], sources: [{ package: "no-such-package-here", version: "1.0.0", files: ["x"] }] };
  assert.throws(() => materialise(missing), /not in .*node_modules: run npm ci/);
});
