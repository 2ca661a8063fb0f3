// Fusion by corpus kind: a query whose candidates are mostly prose (markdown, plain text) fuses its
// questions with FUSION_BY_KIND_PROSE, where meaning weighs more than over code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_RANKING, describeExplanation } from "../../shared/src/ranking";
import { corpusKindOf, DEFAULT_FUSION, FUSION_BY_KIND, FUSION_BY_KIND_PROSE, type Scored } from "../../server/src/search/fusion";
import { rankWithSignals, type CandidateRow } from "../../server/src/search/hybrid";

const list = (...ids: number[]): Scored[] => ids.map((id, i) => ({ id, score: 1 - i / 100 }));
const kinds = (m: Record<number, string>) => (id: number) => m[id];

test("corpusKindOf: prose when more than half of the lists' top chunks are markdown or text", () => {
  assert.equal(corpusKindOf([list(1, 2), list(3)], kinds({ 1: "markdown", 2: "text", 3: "code" })), "prose");
  assert.equal(corpusKindOf([list(1, 2), list(3)], kinds({ 1: "markdown", 2: "code", 3: "code" })), "code");
  // A tie is code; an id in both lists votes once.
  assert.equal(corpusKindOf([list(1, 2), list(2, 1)], kinds({ 1: "markdown", 2: "code" })), "code");
  assert.equal(corpusKindOf([list(1, 2, 3), list(3)], kinds({ 1: "markdown", 2: "markdown", 3: "code" })), "prose");
});

test("corpusKindOf: only the top of each list votes, unknown chunks do not, nothing known is code", () => {
  // Depth 2: ids 3, 4 and 5 (code) are below it.
  assert.equal(corpusKindOf([list(1, 2, 3), list(2, 1, 4, 5)], kinds({ 1: "markdown", 2: "markdown", 3: "code", 4: "code", 5: "code" }), 2), "prose");
  assert.equal(corpusKindOf([list(1, 2, 3)], kinds({ 1: "markdown" })), "prose");
  assert.equal(corpusKindOf([list(1, 2)], kinds({})), "code");
  assert.equal(corpusKindOf([[], []], kinds({})), "code");
});

test("the prose table differs from the code one only for questions, and weighs keywords less for them", () => {
  assert.deepEqual(FUSION_BY_KIND_PROSE.identifier, FUSION_BY_KIND.identifier);
  assert.deepEqual(FUSION_BY_KIND_PROSE.keywords, FUSION_BY_KIND.keywords);
  const ratio = (f: { weights: [number, number] }) => f.weights[1] / f.weights[0];
  assert.ok(ratio(FUSION_BY_KIND_PROSE.question) < ratio(FUSION_BY_KIND.question));
  assert.ok(ratio(FUSION_BY_KIND_PROSE.mixed) < ratio(FUSION_BY_KIND.mixed));
});

// A question whose answer (id 1) is vector #1 and keyword #2, against a chunk (id 10) that is keyword
// #1 but only vector #10: the shape of most docs questions hybrid lost to keyword weights set on code.
function question(kind: "markdown" | "code") {
  const query = "what happens when an end listener is added after the stream finished?";
  const rows = new Map<number, CandidateRow>();
  for (let id = 1; id <= 10; id++) rows.set(id, { path: `doc${id}.${kind === "code" ? "js" : "md"}`, text: id === 1 || id === 10 ? query : "filler", metadata: { kind } });
  return rankWithSignals({ mode: "hybrid", query, semantic: list(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), lexical: list(10, 1), rows, ranking: DEFAULT_RANKING, fusion: DEFAULT_FUSION });
}

test("over prose, a question's answer both lists rank high beats a keyword-only first place", () => {
  const prose = question("markdown");
  assert.equal(prose[0].id, 1);
  assert.equal(prose[0].explain.corpus, "prose");
  assert.deepEqual(prose[0].explain.weights, FUSION_BY_KIND_PROSE.question.weights);
  assert.match(describeExplanation(prose[0].explain), /^question query over prose, weights vector 1 : keyword 3;/);
});

test("over code the same lists keep the keyword list's first place first", () => {
  const code = question("code");
  assert.equal(code[0].id, 10);
  assert.equal(code[0].explain.corpus, "code");
  assert.deepEqual(code[0].explain.weights, FUSION_BY_KIND.question.weights);
  assert.match(describeExplanation(code[0].explain), /^question query, weights vector 1 : keyword 6;/);
});

test("rankWithSignals takes a prose table of the caller's (the evaluation's sweep)", () => {
  const query = "what happens when an end listener is added after the stream finished?";
  const rows = new Map<number, CandidateRow>([1, 2].map((id) => [id, { path: `d${id}.md`, text: query, metadata: { kind: "markdown" } }]));
  const proseByKind = { ...FUSION_BY_KIND_PROSE, question: { ...FUSION_BY_KIND_PROSE.question, weights: [1, 9] as [number, number] } };
  const out = rankWithSignals({ mode: "hybrid", query, semantic: list(1, 2), lexical: list(2, 1), rows, ranking: DEFAULT_RANKING, fusion: DEFAULT_FUSION, proseByKind });
  assert.deepEqual(out[0].explain.weights, [1, 9]);
  assert.equal(out[0].id, 2);
});
