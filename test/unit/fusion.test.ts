// Rank fusion as pure functions, against scores computed by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { convexFusion, fuse, reciprocalRankFusion, type Scored } from "../../server/src/search/fusion";
import { rankForMode } from "../../server/src/search/hybrid";

const list = (...ids: number[]): Scored[] => ids.map((id, i) => ({ id, score: 1 - i / 10 }));
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} != ${b}`);

test("RRF with k=60: sum of 1/(k + rank) over the lists, best first, with each list's ranks", () => {
  // vector: 1, 2, 3   keyword: 3, 1, 4
  const fused = reciprocalRankFusion([list(1, 2, 3), list(3, 1, 4)], 60);
  assert.deepEqual(
    fused.map((f) => f.id),
    [1, 3, 2, 4],
  );
  // 1: 1/61 + 1/62 = 0.0325225...   3: 1/63 + 1/61 = 0.0322664...   2: 1/62   4: 1/63
  close(fused[0].fused, 1 / 61 + 1 / 62);
  close(fused[1].fused, 1 / 63 + 1 / 61);
  close(fused[2].fused, 1 / 62);
  close(fused[3].fused, 1 / 63);
  assert.deepEqual(
    fused.map((f) => f.ranks),
    [
      [1, 2],
      [3, 1],
      [2, undefined],
      [undefined, 3],
    ],
  );
});

test("a small k lets one list's first place beat a chunk both lists rank low", () => {
  // vector: 1, 5, 6, 9   keyword: 2, 7, 8, 9   (9 is fourth in both)
  const vector = list(1, 5, 6, 9);
  const keyword = list(2, 7, 8, 9);
  // k = 60: 9 = 2/64 = 0.03125 beats 1 = 1/61 = 0.01639
  assert.deepEqual(
    reciprocalRankFusion([vector, keyword], 60).map((f) => f.id).slice(0, 3),
    [9, 1, 2],
  );
  // k = 1: 1 = 1/2 = 0.5 and 2 = 0.5 beat 9 = 2/5 = 0.4; then 5 and 7 = 1/3
  assert.deepEqual(
    reciprocalRankFusion([vector, keyword], 1).map((f) => f.id),
    [1, 2, 9, 5, 7, 6, 8],
  );
});

test("weights scale each list's contributions", () => {
  // vector: 1, 2   keyword: 2, 1   weights 1 : 3, k = 10
  // 1: 1/11 + 3/12 = 0.34090...   2: 1/12 + 3/11 = 0.35606...
  const fused = reciprocalRankFusion([list(1, 2), list(2, 1)], 10, [1, 3]);
  assert.deepEqual(
    fused.map((f) => f.id),
    [2, 1],
  );
  close(fused[0].fused, 1 / 12 + 3 / 11);
  close(fused[1].fused, 1 / 11 + 3 / 12);
});

test("ties go to the better best rank, then to the first list's order; duplicates count once", () => {
  // 1 is first in the vector list only, 2 first in the keyword list only: equal scores.
  assert.deepEqual(
    reciprocalRankFusion([list(1), list(2)], 60).map((f) => f.id),
    [1, 2],
  );
  const dup = reciprocalRankFusion([list(7, 7, 8), []], 60);
  assert.deepEqual(
    dup.map((f) => [f.id, f.ranks[0]]),
    [
      [7, 1],
      [8, 3],
    ],
  );
  close(dup[0].fused, 1 / 61);
  assert.deepEqual(reciprocalRankFusion([[], []]), []);
});

test("convex fusion min-max normalises each list, then adds the weighted scores", () => {
  const vector: Scored[] = [
    { id: 1, score: 0.9 },
    { id: 2, score: 0.5 },
    { id: 3, score: 0.4 },
  ];
  const keyword: Scored[] = [
    { id: 3, score: 12 },
    { id: 4, score: 7 },
    { id: 1, score: 2 },
  ];
  // vector norm: 1 -> 1, 2 -> 0.2, 3 -> 0        keyword norm: 3 -> 1, 4 -> 0.5, 1 -> 0
  // weights 0.3 / 0.7: 1 = 0.3, 2 = 0.06, 3 = 0.7, 4 = 0.35
  const fused = convexFusion([vector, keyword], [0.3, 0.7]);
  assert.deepEqual(
    fused.map((f) => f.id),
    [3, 4, 1, 2],
  );
  close(fused[0].fused, 0.7);
  close(fused[1].fused, 0.35);
  close(fused[2].fused, 0.3);
  close(fused[3].fused, 0.06);
  // A list whose scores are all equal gives every entry the full weight.
  close(convexFusion([[{ id: 5, score: 3 }], []], [0.4, 0.6])[0].fused, 0.4);
  assert.deepEqual(
    fuse([vector, keyword], { method: "convex", weights: [0.3, 0.7] }).map((f) => f.id),
    [3, 4, 1, 2],
  );
});

test("lexical mode keeps the keyword order; hybrid marks which lists found each chunk", () => {
  const vector = list(1, 2);
  const keyword = list(3, 1);
  assert.deepEqual(rankForMode("lexical", vector, keyword, { method: "rrf", k: 60 }), [
    { id: 3, matchedBy: "lexical" },
    { id: 1, matchedBy: "lexical" },
  ]);
  assert.deepEqual(rankForMode("hybrid", vector, keyword, { method: "rrf", k: 60 }), [
    { id: 1, matchedBy: "both" },
    { id: 3, matchedBy: "lexical" },
    { id: 2, matchedBy: "semantic" },
  ]);
});
