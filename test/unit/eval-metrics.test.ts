// The evaluation's measures on small hand-made rankings: graded nDCG@10, MRR, recall@10, the
// collapse of chunk ranks to file ranks, the hybrid-not-worse property, option overrides and the
// ablation configurations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ablationsFrom } from "../../eval/ablation";
import { aggregate, collapseToFiles, judge, ndcg } from "../../eval/metrics";
import { applyOverrides, parseOverride } from "../../eval/overrides";
import { hybridNotWorse, violations } from "../../eval/property";

const hit = (path: string, startLine: number, endLine = startLine + 9) => ({ path, startLine, endLine });
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} != ${b}`);
const log2 = Math.log2;

// A graded query: the defining place (3) in a.py line 5, a directly relevant one (2) in a.py line 50,
// a related one (1) in b.py.
const graded = {
  graded: true,
  answers: [
    { path: "a.py", range: [5, 5] as [number, number], grade: 3, group: 0 },
    { path: "a.py", range: [50, 50] as [number, number], grade: 2, group: 1 },
    { path: "b.py", grade: 1, group: 2 },
  ],
};

test("graded nDCG@10: gains 2^grade - 1 at their ranks over the ideal order, each item counted once", () => {
  // ranks: 1 unrelated, 2 the grade-2 chunk, 3 the grade-3 chunk, 4 the grade-3 chunk again (a second
  // chunk overlapping it: no gain), 5 b.py.
  const hits = [hit("c.py", 1), hit("a.py", 45), hit("a.py", 1), hit("a.py", 2), hit("b.py", 1)];
  const o = judge(hits, graded, "chunk");
  assert.deepEqual(o.gains, [0, 3, 7, 0, 1]);
  assert.deepEqual(o.ideal, [7, 3, 1]);
  const dcg = 3 / log2(3) + 7 / log2(4) + 1 / log2(6);
  const idcg = 7 / log2(2) + 3 / log2(3) + 1 / log2(4);
  close(ndcg(o), dcg / idcg);
  assert.equal(o.first, 2);
  assert.equal(o.best, 3, "best = first hit on a grade-3 answer");
  assert.equal(o.found, 3);
  // Perfect order: 1.
  close(ndcg(judge([hit("a.py", 1), hit("a.py", 41), hit("b.py", 1)], graded, "chunk")), 1);
  // Nothing relevant: 0, and no first rank.
  const none = judge([hit("c.py", 1)], graded, "chunk");
  assert.equal(ndcg(none), 0);
  assert.equal(none.first, undefined);
});

test("a hit overlapping a grade-3 and a grade-2 answer claims the grade-3 one; a later hit can still earn the grade-2", () => {
  const wide = judge([hit("a.py", 1, 60), hit("a.py", 50, 55)], graded, "chunk");
  assert.deepEqual(wide.gains, [7, 3]);
});

test("only the top 10 count", () => {
  const hits = [...Array.from({ length: 10 }, (_, i) => hit("z.py", i * 10)), hit("a.py", 1)];
  const o = judge(hits, graded, "chunk");
  assert.equal(o.gains.length, 10);
  assert.equal(o.first, undefined);
  assert.equal(ndcg(o), 0);
});

test("ungraded labels are alternatives: one item of grade 1, nDCG = 1/log2(rank + 1)", () => {
  const alternatives = { graded: false, answers: [{ path: "r.md", range: [10, 12] as [number, number], grade: 1, group: 0 }, { path: "s.md", grade: 1, group: 0 }] };
  const o = judge([hit("x.md", 1), hit("x.md", 20), hit("s.md", 1), hit("r.md", 5)], alternatives, "chunk");
  assert.deepEqual(o.gains, [0, 0, 1, 0], "the second alternative found adds nothing");
  close(ndcg(o), 1 / log2(4));
  assert.equal(o.items, 1);
  assert.equal(o.found, 1);
});

test("file ranks: a file ranks where its first chunk does, and a graded query's items are its files", () => {
  const hits = [hit("c.py", 1), hit("a.py", 100), hit("c.py", 30), hit("b.py", 1), hit("a.py", 5)];
  assert.deepEqual(collapseToFiles(hits).map((h) => h.path), ["c.py", "a.py", "b.py"]);
  const o = judge(hits, graded, "file");
  // a.py (best grade in it: 3) at file rank 2 although the chunk at rank 2 is not the labelled line;
  // b.py (grade 1) at file rank 3; the grade-2 answer shares a.py's item.
  assert.deepEqual(o.gains, [0, 7, 1]);
  assert.deepEqual(o.ideal, [7, 1]);
  close(ndcg(o), (7 / log2(3) + 1 / log2(4)) / (7 + 1 / log2(3)));
  assert.equal(o.first, 2);
  assert.equal(o.best, 2);
  // The same list on chunk ranks finds the grade-3 line only at rank 5.
  const c = judge(hits, graded, "chunk");
  assert.equal(c.best, 5);
});

test("aggregate: means of nDCG, reciprocal ranks, recall and hit@1 over queries", () => {
  const perfect = judge([hit("a.py", 1), hit("a.py", 41), hit("b.py", 1)], graded, "chunk");
  const second = judge([hit("c.py", 1), hit("a.py", 1)], graded, "chunk");
  const none = judge([hit("c.py", 1)], graded, "chunk");
  const m = aggregate([perfect, second, none]);
  assert.equal(m.queries, 3);
  close(m.mrr, (1 + 1 / 2 + 0) / 3);
  close(m["recall@10"], (3 / 3 + 1 / 3 + 0) / 3);
  close(m["hit@1"], 1 / 3);
  close(m["ndcg@10"], (1 + ndcg(second) + 0) / 3);
});

test("property: hybrid must rank the best answer no lower than the better of semantic and lexical", () => {
  assert.ok(hybridNotWorse({ semantic: 3, lexical: 5, hybrid: 3 }));
  assert.ok(hybridNotWorse({ semantic: 3, lexical: 5, hybrid: 1 }));
  assert.ok(!hybridNotWorse({ semantic: 3, lexical: 5, hybrid: 4 }));
  assert.ok(!hybridNotWorse({ semantic: null, lexical: 2, hybrid: null }), "found by one half, lost by hybrid");
  assert.ok(hybridNotWorse({ semantic: null, lexical: null, hybrid: null }), "neither half found it: nothing to owe");
  // The printing-press case of issue 13: semantic puts the internet fact first, hybrid third.
  const queries = [
    { id: "para-internet", corpus: "paraphrase", category: "paraphrase", query: "How do computers around the world talk to each other?", best: { semantic: 1, lexical: 4, hybrid: 3 } },
    { id: "sym", corpus: "python", category: "symbol", query: "merge_setting", best: { semantic: 1, lexical: 4, hybrid: 3 } },
    { id: "ok", corpus: "docs", category: "docs", query: "how do I ...", best: { semantic: 2, lexical: 1, hybrid: 1 } },
  ];
  const v = violations(queries, ["semantic", "architecture", "paraphrase", "docs"]);
  assert.deepEqual(v.map((x) => x.id), ["para-internet"], "symbol queries are not natural-language questions");
  assert.deepEqual(v[0].ranks, { semantic: 1, lexical: 4, hybrid: 3 });
});

test("--set key=value: dotted keys, JSON values, copies instead of shared objects, clear errors", () => {
  assert.deepEqual(parseOverride("ranking.perFileCap=5"), { path: ["ranking", "perFileCap"], value: 5 });
  assert.deepEqual(parseOverride("ranking.demoteTests=false"), { path: ["ranking", "demoteTests"], value: false });
  assert.deepEqual(parseOverride("mode=lexical"), { path: ["mode"], value: "lexical" });
  assert.deepEqual(parseOverride('ranking.demote=["**/spec/**"]'), { path: ["ranking", "demote"], value: ["**/spec/**"] });
  assert.throws(() => parseOverride("perFileCap"), /key=value/);
  assert.throws(() => parseOverride("ranking..x=1"), /key=value/);
  const base = { query: "q", topK: 10, ranking: { pathMatch: true } };
  const out = applyOverrides(base, [parseOverride("ranking.perFileCap=0"), parseOverride("topK=20")]);
  assert.deepEqual(out, { query: "q", topK: 20, ranking: { pathMatch: true, perFileCap: 0 } });
  assert.deepEqual(base.ranking, { pathMatch: true }, "the original is not changed");
});

test("ablation: each boolean or numeric switch off alone, then all off; lists are left alone", () => {
  const base = { name: "baseline", search: [parseOverride("topK=10")], engine: [] };
  const defaults = { definitionBoost: true, perFileCap: 3, demote: ["**/test/**"] };
  const configs = ablationsFrom(base, defaults, { perFileCap: 0 });
  assert.deepEqual(configs.map((c) => c.name), ["without definitionBoost", "without perFileCap", "all signals off"]);
  assert.deepEqual(applyOverrides({}, configs[0].search), { topK: 10, ranking: { definitionBoost: false } });
  assert.deepEqual(applyOverrides({}, configs[1].search), { topK: 10, ranking: { perFileCap: 0 } });
  assert.deepEqual(applyOverrides({}, configs[2].search), { topK: 10, ranking: { definitionBoost: false, perFileCap: 0 } });
  assert.throws(() => ablationsFrom(base, { demote: [] }), /no boolean or numeric switch/);
});

test("ablation: a switch that is off by default is measured switched on, and stays off in 'all signals off'", () => {
  const base = { name: "baseline", search: [], engine: [] };
  const configs = ablationsFrom(base, { definitionBoost: true, fileCredit: false });
  assert.deepEqual(configs.map((c) => c.name), ["without definitionBoost", "with fileCredit", "all signals off"]);
  assert.deepEqual(applyOverrides({}, configs[1].search), { ranking: { fileCredit: true } });
  assert.deepEqual(applyOverrides({}, configs[2].search), { ranking: { definitionBoost: false, fileCredit: false } });
});

test("the results page: headline, categories, the property's violations and the ablation rows", async () => {
  const { renderResults } = await import("../../eval/report");
  const outcome = (first: number | null, grade3At: number | null = first) => ({ ndcg: first ? 1 / log2(first + 1) : 0, first, best: grade3At, found: first ? 1 : 0, items: 1 });
  const record = (id: string, corpus: string, category: string, ranks: [number | null, number | null, number | null]) => {
    const [semantic, lexical, hybrid] = ranks;
    const modes = { semantic: { chunk: outcome(semantic), file: outcome(semantic) }, lexical: { chunk: outcome(lexical), file: outcome(lexical) }, hybrid: { chunk: outcome(hybrid), file: outcome(hybrid) } };
    return { id, corpus, category, query: `query ${id}`, modes, best: { semantic, lexical, hybrid } };
  };
  const baseline = [
    record("s1", "py", "symbol", [null, 1, 1]),
    record("q1", "py", "semantic", [1, 3, 2]),
    // A docs question asked of the code corpus: its own rows, not part of the code figures.
    record("d1", "py", "repo-docs", [2, 1, 1]),
    record("p1", "kb", "paraphrase", [1, null, 1]),
  ];
  const off = [record("s1", "py", "symbol", [null, 2, 2]), record("q1", "py", "semantic", [1, 3, 1]), record("d1", "py", "repo-docs", [2, 1, 4]), record("p1", "kb", "paraphrase", [1, null, 3])];
  const text = renderResults({
    generatedAt: "2026-01-01T00:00:00.000Z",
    command: "npm run eval -- --ablate",
    seconds: 1,
    machine: { cpus: 2, memoryGiB: 1, node: "v22" },
    model: "bundled",
    modelId: "bundled:x",
    maxChunkChars: 1000,
    configs: [
      { name: "baseline", search: [], engine: [] },
      { name: "all signals off", search: [parseOverride("ranking.perFileCap=0")], engine: [] },
    ],
    corpora: [
      { name: "py", kind: "code", language: "Python", description: "d", packages: { "python3-x": "1 (sha256 ab)" }, files: 1, bytes: 2048, queries: 2 },
      { name: "kb", kind: "notes", description: "k", packages: {}, files: 1, bytes: 10, queries: 1 },
    ],
    runs: [
      { corpus: "py", kind: "code", modelId: "bundled:x", chunks: 5, indexSeconds: 1, configs: { baseline: { records: baseline.slice(0, 3), searchSeconds: 1 }, "all signals off": { records: off.slice(0, 3), searchSeconds: 1 } } },
      { corpus: "kb", kind: "notes", modelId: "bundled:x", chunks: 1, indexSeconds: 1, configs: { baseline: { records: baseline.slice(3), searchSeconds: 1 }, "all signals off": { records: off.slice(3), searchSeconds: 1 } } },
    ],
  });
  assert.match(text, /- command: `npm run eval -- --ablate`/);
  assert.match(text, /\| py \(Python\) \| d \| python3-x 1 \(sha256 ab\) \| 1 \| 2 \| 5 \| 2 \|/);
  assert.match(text, /\| 2 code-search queries over 1 corpus, nDCG@10 on chunk ranks \| 0\.815 \| 0\.750 \| 0\.500 \|/);
  assert.match(text, /\| 1 docs questions asked of a repository with its code, nDCG@10 on chunk ranks \| 1\.000 \| 1\.000 \| 0\.631 \|/);
  assert.match(text, /\| 1 paraphrased questions over the knowledge base, top-1 \| 1\/1 \| 0\/1 \| 1\/1 \|/);
  assert.match(text, /\| py \(Python\) \| 2 \| /);
  assert.match(text, /\| py: docs questions \| 1 \| 0\.631 \/ 0\.631 \| 1\.000 \/ 1\.000 \| 1\.000 \/ 1\.000 \|/);
  assert.match(text, /\| docs in a repository \| 1 \| 0\.631 \| /);
  assert.match(text, /\| code: symbol \| 1 \| 0\.000 \| 0\.000 \| 0\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \|/);
  // q1's hybrid file rank is its chunk rank here (2): neither first.
  assert.match(text, /\| semantic \| 1 \| 0 \| 0 \| 0 \| 0 \|/);
  // q1: semantic 1, hybrid 2: one violation; the symbol query is not checked.
  assert.match(text, /\*\*1 violations\*\* out of 3 questions \(semantic: 1\/1, architecture: 0\/0, paraphrase: 0\/1, docs: 0\/0, repo-docs: 0\/1; without the docs questions: 1\/3\)/);
  assert.match(text, /\| q1 \| semantic \| 2 \| 1 \| 3 \| query q1 \|/);
  // p1: hybrid first as semantic is: no paraphrase below semantic in the baseline.
  assert.match(text, /Paraphrases where hybrid ranks the answer below semantic alone: \*\*0\*\* of 1\./);
  // The ablation row of the all-off configuration: p1 at hybrid 3 is a violation there and below
  // semantic, q1 no longer a violation; d1 at hybrid 4 (lexical 1) is one, in its own column.
  assert.match(text, /\| all signals off \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| 1\.000 \| – \| – \| 0\.431 \| 0\/1 \| 1 \| 2 \|/);
});

test("before and after: the same queries of two runs side by side, with the property's counts", async () => {
  const { renderComparison } = await import("../../eval/report");
  const outcome = (first: number | null) => ({ ndcg: first ? 1 / log2(first + 1) : 0, first, best: first, found: first ? 1 : 0, items: 1 });
  const record = (id: string, category: string, [semantic, lexical, hybrid]: (number | null)[]) => ({
    id,
    corpus: "kb",
    category,
    query: id,
    modes: { semantic: { chunk: outcome(semantic), file: outcome(semantic) }, lexical: { chunk: outcome(lexical), file: outcome(lexical) }, hybrid: { chunk: outcome(hybrid), file: outcome(hybrid) } },
    best: { semantic, lexical, hybrid },
  });
  const report = (records: ReturnType<typeof record>[], generatedAt: string) => ({
    generatedAt,
    command: "npm run eval",
    seconds: 1,
    machine: { cpus: 1, memoryGiB: 1, node: "v22" },
    model: "bundled",
    modelId: "bundled:x",
    maxChunkChars: 1000,
    configs: [{ name: "baseline", search: [], engine: [] }],
    corpora: [{ name: "kb", kind: "notes", description: "k", packages: {}, files: 1, bytes: 1, queries: records.length }],
    runs: [{ corpus: "kb", kind: "notes", modelId: "bundled:x", chunks: 1, indexSeconds: 1, configs: { baseline: { records, searchSeconds: 1 } } }],
  });
  const before = report([record("p1", "paraphrase", [1, null, 3]), record("gone", "paraphrase", [1, 1, 1])], "2026-01-01");
  const after = report([record("p1", "paraphrase", [1, null, 1]), record("new", "paraphrase", [2, 2, 2])], "2026-01-02");
  const text = renderComparison(before, after, "eval/results/old.json").join("\n");
  assert.match(text, /Before: `npm run eval` of 2026-01-01 \(eval\/results\/old\.json\); after: this run\. 1 queries in both\./);
  // p1 alone: hybrid nDCG 1/log2(4) = 0.5 before, 1 after.
  assert.match(text, /\| paraphrase \| 1 \| 1\.000 1\.000 1\.000 \| 1\.000 1\.000 1\.000 \| 0\.000 0\.000 0\.000 \| 0\.000 0\.000 0\.000 \| 0\.500 0\.333 1\.000 \| 1\.000 1\.000 1\.000 \|/);
  assert.match(text, /Property violations: \*\*1 before, 0 after\*\* \(of 1 questions\); paraphrases where hybrid ranks the answer below semantic alone: \*\*1 before, 0 after\*\* \(of 1\)\./);
});

test("the file or the chunk: where hybrid loses a code question", async () => {
  const { lostWhere } = await import("../../eval/file-or-chunk");
  const outcome = (best: number | null) => ({ ndcg: 0, first: best, best, found: best ? 1 : 0, items: 1 });
  const record = (chunk: number | null, file: number | null) => {
    const mode = { chunk: outcome(chunk), file: outcome(file) };
    return { id: "q", corpus: "py", category: "semantic", query: "q", modes: { semantic: mode, lexical: mode, hybrid: mode }, best: { semantic: chunk, lexical: chunk, hybrid: chunk } };
  };
  // Both first; the file first and the chunk third; the file first and no answer chunk in the top
  // 10; the file fourth and no chunk; nothing found.
  const w = lostWhere([record(1, 1), record(3, 1), record(null, 1), record(null, 4), record(null, null)]);
  assert.deepEqual(w, { n: 5, fileFirst: 3, chunkFirst: 1, fileFirstChunkNot: 2, fileOnly: 2 });
});
