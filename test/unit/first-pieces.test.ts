// A first piece standing in for its function's later piece (search/first-pieces.ts): which later
// pieces want their start looked up, where the start is found among the chunks above, how it enters
// the fused list, and the whole path through Engine.search (bundled offline model).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_RANKING, describeExplanation, explanationLine, NO_RANKING_SIGNALS } from "../../shared/src/ranking";
import { Engine } from "../../server/src/engine/engine";
import { firstPieceAbove, insertFirstPieces, laterPiecesNearTop, type PieceRow } from "../../server/src/search/first-pieces";
import { DEFAULT_FUSION, type Scored } from "../../server/src/search/fusion";
import { rankWithSignals, type CandidateRow } from "../../server/src/search/hybrid";
import { LATER_PIECE_FACTOR } from "../../server/src/search/ranking-signals";
import { indexedBundledFolder, type IndexedFolder } from "../helpers/bundled-engine";

const fn = { symbol: "Ledger.settle", kind: "code", language: "python" };
// Windows of one function: each repeats the last line of the one above it.
const piece = (id: number, startLine: number, endLine: number, text: string, metadata: Record<string, unknown> = fn) => ({ id, path: "bank/ledger.py", startLine, endLine, text, metadata });
const FIRST = piece(1, 10, 30, "    def settle(self, rates):\n        \"\"\"Bring every account up to date.\"\"\"");
const MIDDLE = piece(2, 30, 50, "        for entry in self.entries:\n            entry.refresh(rates)");
const LATER = piece(3, 50, 60, "        # the overdraft penalty is charged here\n        entry.balance -= penalty");

test("later pieces near the top of a list are the ones to look up, whether or not their start is a candidate", () => {
  const rows = new Map<number, PieceRow>([
    [3, LATER],
    [4, piece(4, 5, 9, "class Ledger:\n    def open(self):", { symbol: "Ledger.open", kind: "code", language: "python" })],
    [5, { path: "README.md", startLine: 1, text: "overdraft penalty", metadata: { kind: "markdown" } }],
  ]);
  assert.deepEqual(laterPiecesNearTop(rows, [[{ id: 3 }, { id: 4 }, { id: 5 }]]), [3], "a first piece and prose are not later pieces");
  rows.set(1, FIRST);
  assert.deepEqual(laterPiecesNearTop(rows, [[{ id: 3 }]]), [3], "its start is a candidate too, maybe far below: it moves up");
  rows.delete(1);
  const deep = [...Array.from({ length: 10 }, (_, i) => ({ id: 100 + i })), { id: 3 }];
  assert.deepEqual(laterPiecesNearTop(rows, [deep]), [], "too deep in the list to reach the top");
});

test("the start is the nearest declaring chunk above, through chunks of the same symbol only", () => {
  assert.equal(firstPieceAbove(LATER, [MIDDLE, FIRST])?.id, 1);
  assert.equal(firstPieceAbove(LATER, [MIDDLE, FIRST, piece(0, 1, 10, "def settle(x):\n    pass")])?.id, 1, "a chunk further up is another function of that name");
  const other = piece(6, 40, 50, "    def close(self):\n        return 1", { symbol: "Ledger.close", kind: "code", language: "python" });
  assert.equal(firstPieceAbove(LATER, [other, MIDDLE, FIRST]), undefined, "another symbol in between: the function started below it");
  assert.equal(firstPieceAbove(LATER, [MIDDLE]), undefined, "no declaring piece above");
  // A class's header over glue among its members (Ruby's `class << self` block): not windows of one piece.
  const klass = { symbol: "Thor", kind: "code", language: "ruby" };
  const header = piece(7, 3, 4, "class Thor\n  $thor_runner ||= false", klass);
  const glue = piece(8, 5, 36, "  class << self\n    # registers a subcommand", klass);
  assert.equal(firstPieceAbove(glue, [header]), undefined);
  assert.equal(firstPieceAbove(glue, [{ ...header, endLine: 5 }])?.id, 7, "a window that repeats a line of the one below is part of it");
  // Read lazily: nothing above the first piece is asked for.
  const asked: number[] = [];
  function* upward() {
    for (const c of [MIDDLE, FIRST, piece(0, 1, 10, "import os")]) {
      asked.push(c.id);
      yield c;
    }
  }
  assert.equal(firstPieceAbove(LATER, upward())?.id, 1);
  assert.deepEqual(asked, [2, 1]);
});

test("an inner function's start counts as a later piece of its outer function, whose start is found above its other inner functions", () => {
  const outer = { symbol: "make_hash", kind: "code", language: "python" };
  const inner = (symbol: string) => ({ symbol: `make_hash.${symbol}`, within: "make_hash", kind: "code", language: "python" });
  const start = { id: 20, path: "attr/_make.py", startLine: 10, endLine: 25, text: "def make_hash(cls, attrs):\n    \"\"\"Cache the hash once.\"\"\"", metadata: outer };
  const sibling = { id: 21, path: "attr/_make.py", startLine: 27, endLine: 35, text: "    def append_lines(prefix):\n        return prefix", metadata: inner("append_lines") };
  const code = { id: 22, path: "attr/_make.py", startLine: 37, endLine: 40, text: "    if cache_hash:\n        lines.append(x)", metadata: outer };
  const helper = { id: 23, path: "attr/_make.py", startLine: 42, endLine: 60, text: "    def hash_lines(indent):\n        return indent", metadata: inner("hash_lines") };
  assert.deepEqual(laterPiecesNearTop(new Map<number, PieceRow>([[23, helper]]), [[{ id: 23 }]]), [23]);
  assert.deepEqual(laterPiecesNearTop(new Map<number, PieceRow>([[23, helper], [20, start]]), [[{ id: 23 }]]), [23], "the outer start moves up even when it is a candidate");
  // Up past the outer function's own code and its other inner functions, blank lines between them.
  assert.equal(firstPieceAbove(helper, [code, sibling, start])?.id, 20);
  assert.equal(firstPieceAbove(helper, [code, { ...sibling, metadata: { symbol: "other", kind: "code", language: "python" } }, start]), undefined, "another function in between");
  // A function that is nobody's inner function declares itself: no later piece.
  assert.deepEqual(laterPiecesNearTop(new Map<number, PieceRow>([[23, { ...helper, metadata: { ...inner("hash_lines"), within: undefined } }]]), [[{ id: 23 }]]), []);
});

test("a first piece fused below the piece it stands in for moves up to it, with the higher score", () => {
  const entry = (id: number, fused: number) => ({ id, fused, ranks: [undefined, 1] as (number | undefined)[] });
  const { fused, standsInFor } = insertFirstPieces([entry(23, 0.9), entry(5, 0.6), entry(20, 0.3)], new Map([[23, 20]]));
  assert.deepEqual(fused.map((f) => [f.id, f.fused]), [[20, 0.9], [23, 0.9], [5, 0.6]]);
  assert.equal(standsInFor.get(20)?.id, 23);
  // One fused above it stays where it is.
  assert.deepEqual(insertFirstPieces([entry(20, 1), entry(23, 0.9)], new Map([[23, 20]])).fused.map((f) => f.id), [20, 23]);
});

test("a first piece enters the fused list just above its best later piece, once", () => {
  const fused = [
    { id: 7, fused: 0.5, ranks: [1, 2] },
    { id: 3, fused: 0.4, ranks: [undefined, 1] },
    { id: 2, fused: 0.3, ranks: [2, undefined] },
  ];
  const { fused: out, standsInFor } = insertFirstPieces(fused, new Map([[3, 1], [2, 1]]));
  assert.deepEqual(out.map((f) => [f.id, f.fused]), [[7, 0.5], [1, 0.4], [3, 0.4], [2, 0.3]]);
  assert.deepEqual(out[1].ranks, [undefined, undefined], "it was in neither ranking");
  assert.equal(standsInFor.get(1)?.id, 3);
  assert.equal(insertFirstPieces(fused, new Map([[3, 7]])).fused.length, 3, "a first piece already fused keeps its own place");
});

test("rankWithSignals: for a question the first piece takes the later piece's place, which goes down; the switch and code names leave it", () => {
  const rows = new Map<number, CandidateRow>([
    [1, FIRST],
    [3, LATER],
    [8, { path: "bank/fees.py", text: "def fee(entry):\n    return entry.penalty", metadata: { symbol: "fee", kind: "code", language: "python" } }],
  ]);
  const lexical: Scored[] = [{ id: 3, score: 2 }, { id: 8, score: 1 }];
  const run = (query: string, ranking = DEFAULT_RANKING) => rankWithSignals({ mode: "lexical", query, semantic: [], lexical, firstPieces: new Map([[3, 1]]), rows, ranking, fusion: DEFAULT_FUSION });
  const on = run("where is the overdraft penalty charged");
  assert.equal(on[0].id, 1);
  assert.equal(on[0].matchedBy, "lexical", "matched as the piece it stands in for");
  assert.deepEqual(on[0].explain.signals.find((s) => s.signal === "firstPieceStandsIn"), { signal: "firstPieceStandsIn", detail: "the start of Ledger.settle, in place of a later piece of it that matched" });
  assert.equal(on[0].explain.lexicalRank, undefined, "the explanation does not claim a keyword rank it did not have");
  assert.ok(explanationLine(on[0].explain).includes("start of the match"), explanationLine(on[0].explain));
  assert.ok(!/firstPieceStandsIn [×+]/.test(describeExplanation(on[0].explain)), describeExplanation(on[0].explain));
  const later = on.find((e) => e.id === 3)!;
  assert.ok(later.explain.signals.some((s) => s.signal === "laterPiecesDown" && s.factor === LATER_PIECE_FACTOR));
  const off = run("where is the overdraft penalty charged", { ...DEFAULT_RANKING, firstPieceStandsIn: false });
  assert.ok(!off.some((e) => e.id === 1), "off: the first piece is not brought in");
  assert.ok(!run("Ledger.settle").some((e) => e.id === 1 && e.explain.signals.some((s) => s.signal === "firstPieceStandsIn")), "a code name is left to the definition signals");
  const plain = rankWithSignals({ mode: "lexical", query: "where is the overdraft penalty charged", semantic: [], lexical, firstPieces: new Map([[3, 1]]), rows, ranking: NO_RANKING_SIGNALS, fusion: DEFAULT_FUSION });
  assert.deepEqual(plain.map((e) => e.id), [3, 8], "every signal off: the plain keyword order");
});

// A long function whose signature and doc comment hold none of the question's words: only its last
// window says "overdraft penalty".
const FILLER = Array.from({ length: 30 }, (_, i) => `        balance_${i} = entry.amount * rates.get("tier_${i}", 1.0) + entry.adjustment_${i}`).join("\n");
const LEDGER = [
  "class Ledger:",
  "    def settle(self, entries, rates):",
  '        """Bring every account of the ledger up to date at the end of a day."""',
  "        for entry in entries:",
  FILLER,
  "            if entry.balance < 0:",
  "                # the overdraft penalty is charged once a day",
  "                entry.balance -= self.overdraft_penalty",
  "        return entries",
  "",
].join("\n");

// A long function cut into six windows; only the fourth and the last say the audit's marks.
const sums = (from: number) => Array.from({ length: 25 }, (_, i) => `    total_${from + i} = sum(entry.amount_${from + i} for entry in books)`);
const AUDIT = [
  "def audit(books):",
  '    """Check the books once a quarter."""',
  ...sums(0),
  ...sums(25),
  "    # alpha: the first mark is made here",
  ...sums(50),
  ...sums(75),
  "    # omega: the last mark is made here",
  "    return books",
  "",
].join("\n");

let folder: IndexedFolder;
let engine: Engine;

before(async () => {
  folder = await indexedBundledFolder("first-pieces-", {
    "bank/ledger.py": LEDGER,
    "bank/rates.py": "def tier(rates, name):\n    return rates.get(name, 1.0)\n",
    "bank/limits.py": "def allowed(customer):\n    # no penalty while the account stays within its overdraft limit\n    return customer.overdraft_limit\n",
    "bank/audit.py": AUDIT,
  });
  ({ engine } = folder);
});

after(() => folder?.close());

test("Engine.search: the first piece is looked up in the store and stands in; off, the later piece leads", async () => {
  const query = "where is the overdraft penalty charged";
  const on = await engine.search({ query, topK: 3, mode: "lexical", explain: true });
  assert.equal(on.results[0].path, "bank/ledger.py");
  assert.ok(on.results[0].startLine <= 2, JSON.stringify(on.results.map((r) => [r.startLine, r.endLine])));
  assert.ok(on.results[0].explain!.signals.some((s) => s.signal === "firstPieceStandsIn"), JSON.stringify(on.results[0].explain));
  assert.ok(on.results.some((r) => r.path === "bank/ledger.py" && r.startLine > 2), "the later piece is still listed, below");
  const off = await engine.search({ query, topK: 3, mode: "lexical", ranking: { firstPieceStandsIn: false } });
  assert.ok(off.results[0].startLine > 2, JSON.stringify(off.results.map((r) => [r.startLine, r.endLine])));
  assert.ok(!off.results.some((r) => r.path === "bank/ledger.py" && r.startLine <= 2), "the first piece holds none of the words: no ranking has it");
});

test("Engine.search: a first piece that ranks far below its later piece moves up to stand in for it", async () => {
  // The start says "end of a day" and is a keyword candidate, below the later piece and the limits.
  const query = "where is the overdraft penalty charged at the end of a day";
  const on = await engine.search({ query, topK: 5, mode: "lexical", explain: true });
  const spans = JSON.stringify(on.results.map((r) => [r.path, r.startLine, r.endLine]));
  assert.equal(on.results[0].path, "bank/ledger.py", spans);
  assert.ok(on.results[0].startLine <= 2, spans);
  assert.ok(on.results[0].explain!.signals.some((s) => s.signal === "firstPieceStandsIn"), JSON.stringify(on.results[0].explain));
  // Off, it keeps its own place, below the limits; its later piece goes down as before.
  const off = await engine.search({ query, topK: 5, mode: "lexical", ranking: { firstPieceStandsIn: false } });
  assert.equal(off.results[0].path, "bank/limits.py", JSON.stringify(off.results.map((r) => [r.path, r.startLine, r.endLine])));
  assert.ok(off.results.some((r) => r.path === "bank/ledger.py" && r.startLine <= 2), "the start is a candidate of its own");
});

test("Engine.search: later pieces of one function walk up through its windows, each read once", async () => {
  // "alpha" is said in the fourth window of audit(), "omega" in its last: both look up the same start,
  // through the second and third windows, which match nothing and are read from the store.
  const store = (engine as unknown as { store: { chunks(ids: number[]): Map<number, unknown> } }).store;
  const chunks = store.chunks.bind(store);
  const reads = new Map<number, number>();
  store.chunks = (ids: number[]) => {
    for (const id of ids) reads.set(id, (reads.get(id) ?? 0) + 1);
    return chunks(ids);
  };
  try {
    const { results } = await engine.search({ query: "where are the alpha and omega marks made", topK: 5, mode: "lexical", explain: true });
    const spans = JSON.stringify(results.map((r) => [r.path, r.startLine, r.endLine]));
    assert.equal(results[0].path, "bank/audit.py", spans);
    assert.equal(results[0].startLine, 1, spans);
    assert.ok(results.filter((r) => r.path === "bank/audit.py" && r.startLine > 1).length >= 2, `both later pieces listed: ${spans}`);
    const twice = [...reads].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], "no chunk read twice in one search");
  } finally {
    store.chunks = chunks;
  }
});
