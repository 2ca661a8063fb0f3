// The figures of `npm run eval` are for the engine as the eval opens it (eval/engine-options.ts);
// users, and any re-measurement of search quality, go through `semsearch search --json`. This checks
// the two rank alike on a real corpus of the eval (semver and picomatch with their READMEs): a
// default the CLI changed and the eval did not (the chunk size, the fusion, a ranking signal) would
// make the eval measure something nobody runs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../server/src/engine/engine";
import { CORPORA, materialise } from "../../eval/corpora";
import { EVAL_CHUNK_CHARS, evalEngineOptions } from "../../eval/engine-options";
import { CATEGORIES, loadQueries, resolveQueries, type ResolvedQuery } from "../../eval/labels";
import { judge, ndcg } from "../../eval/metrics";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const work = mkdtempSync(join(tmpdir(), "eval-cli-"));
// Two copies of the corpus: the eval's engine indexes one, the CLI the other, each as it would.
const evalDir = join(work, "eval");
const cliDir = join(work, "cli");
let queries: ResolvedQuery[] = [];

before(() => {
  const spec = CORPORA.find((c) => c.name === "code")!;
  materialise(spec, evalDir);
  materialise(spec, cliDir);
  // The first four queries of each category the corpus has: bare names, questions over code,
  // architecture questions and docs questions asked of the repository.
  const all = resolveQueries(loadQueries(join(ROOT, "eval", "queries", "code.jsonl")), evalDir);
  queries = CATEGORIES.flatMap((c) => all.filter((q) => q.category === c).slice(0, 4));
  const r = spawnSync(CLI, ["index", cliDir, "--model", "bundled"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
});
after(() => rmSync(work, { recursive: true, force: true }));

type Hit = { path: string; startLine: number; endLine: number };
const key = (h: Hit) => `${h.path}:${h.startLine}-${h.endLine}`;

test("semsearch search --json ranks as npm run eval measures, query for query", async () => {
  assert.ok(queries.length >= 12, `${queries.length} queries sampled`);
  assert.ok(new Set(queries.map((q) => q.category)).size >= 3);
  const engine = await Engine.open(evalEngineOptions("bundled", EVAL_CHUNK_CHARS, evalDir));
  try {
    await engine.indexFolder();
    let sumEval = 0;
    let sumCli = 0;
    for (const q of queries) {
      const byEval = (await engine.search({ query: q.query, topK: 10, mode: "hybrid" })).results;
      const r = spawnSync(CLI, ["search", q.query, "--dir", cliDir, "--model", "bundled", "--k", "10", "--json", "--no-server"], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      const byCli = JSON.parse(r.stdout).results as Hit[];
      assert.deepEqual(byCli.map(key), byEval.map(key), `${q.id}: "${q.query}"`);
      sumEval += ndcg(judge(byEval, q, "chunk"));
      sumCli += ndcg(judge(byCli, q, "chunk"));
    }
    assert.equal(sumCli, sumEval);
    // Not a figure to keep: only that the sample finds its answers at all, so equal lists mean something.
    assert.ok(sumEval / queries.length > 0.3, `mean nDCG@10 ${(sumEval / queries.length).toFixed(3)}`);
  } finally {
    await engine.close();
  }
});

