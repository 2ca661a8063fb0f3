// Search modes end to end with the bundled offline model: keyword search finds an identifier by its
// words, hybrid brings both retrievers' finds, filters and minScore hold in every mode, and the
// score is always the cosine similarity.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Engine } from "../../server/src/engine/engine";
import { indexedBundledFolder, type IndexedFolder } from "../helpers/bundled-engine";

let folder: IndexedFolder;
let root: string;
let engine: Engine;

const FILES: Record<string, string> = {
  "src/files.ts": [
    "export function readFileSync(path: string): string {",
    "  return cache.get(path) ?? load(path);",
    "}",
    "",
  ].join("\n"),
  "src/geometry.ts": [
    "export function circleArea(radius: number): number {",
    "  return Math.PI * radius * radius;",
    "}",
    "",
  ].join("\n"),
  "docs/storage.md": [
    "---",
    "category: guide",
    "---",
    "# Loading documents",
    "",
    "Documents are loaded from disk when they are first opened, then kept in memory.",
    "",
  ].join("\n"),
  "docs/plants.md": ["---", "category: science", "---", "# Photosynthesis", "", "Plants turn sunlight, water and carbon dioxide into sugar.", ""].join("\n"),
  "docs/travel.md": ["---", "category: travel", "---", "# Paris", "", "The Eiffel Tower stands on the Champ de Mars in Paris.", ""].join("\n"),
};

before(async () => {
  folder = await indexedBundledFolder("hybrid-", FILES);
  ({ root, engine } = folder);
});

after(() => folder?.close());

test("hybrid is the default mode", async () => {
  assert.equal(engine.options.searchMode, "hybrid");
  const res = await engine.search({ query: "read file sync", topK: 5 });
  assert.ok(res.results.every((r) => r.matchedBy !== undefined));
  assert.ok(res.results.some((r) => r.matchedBy !== "semantic"), "the default mode consults the keyword index");
});

test("lexical mode finds readFileSync from the words 'read file sync', with its cosine as the score", async () => {
  const lexical = await engine.search({ query: "read file sync", topK: 5, mode: "lexical" });
  assert.equal(lexical.results[0].path, "src/files.ts");
  assert.equal(lexical.results[0].matchedBy, "lexical");
  assert.ok(lexical.results.every((r) => r.matchedBy === "lexical"));
  // The score is the chunk's cosine similarity to the query, as semantic search computes it.
  const semantic = await engine.search({ query: "read file sync", topK: 10, mode: "semantic" });
  const same = semantic.results.find((r) => r.path === "src/files.ts")!;
  assert.ok(Math.abs(same.score - lexical.results[0].score) < 1e-6, `${same.score} vs ${lexical.results[0].score}`);
  assert.ok(lexical.results[0].score >= -1 && lexical.results[0].score <= 1);
  assert.ok(semantic.results.every((r) => r.matchedBy === "semantic"));
  // Words the files do not contain find nothing by keyword.
  assert.deepEqual((await engine.search({ query: "zebra quasar", mode: "lexical" })).results, []);
  // Nothing searchable at all: no results, no error.
  assert.deepEqual((await engine.search({ query: "?! *", mode: "lexical" })).results, []);
});

test("hybrid returns what either retriever found and says which", async () => {
  const res = await engine.search({ query: "readFileSync", topK: 5, mode: "hybrid" });
  assert.equal(res.results[0].path, "src/files.ts");
  assert.notEqual(res.results[0].matchedBy, "semantic");
  const kinds = new Set(res.results.map((r) => r.matchedBy));
  assert.ok(kinds.has("semantic"), "vector-only finds are kept");
  assert.equal(res.results.length, 5);
  // A question with no shared words still gets semantic answers.
  const eiffel = await engine.search({ query: "famous landmarks in France", topK: 2 });
  assert.equal(eiffel.results[0].path, "docs/travel.md");
});

test("filters apply in the lexical and hybrid modes, and candidates counts what passed them", async () => {
  for (const mode of ["lexical", "hybrid"] as const) {
    const res = await engine.search({ query: "documents loaded from disk", topK: 10, mode, filter: { category: "science" } });
    assert.equal(res.candidates, 1, mode);
    assert.ok(res.results.every((r) => r.metadata.category === "science"), mode);
    const code = await engine.search({ query: "read file sync", topK: 10, mode, filter: { path: "src/**" } });
    assert.equal(code.candidates, 2, mode);
    assert.ok(code.results.every((r) => r.path.startsWith("src/")), mode);
  }
  const all = await engine.search({ query: "read file sync", mode: "lexical" });
  assert.equal(all.candidates, 5);
});

test("minScore drops hits below that cosine in every mode", async () => {
  for (const mode of ["semantic", "lexical", "hybrid"] as const) {
    const all = await engine.search({ query: "read file sync", topK: 10, mode });
    const cut = all.results[0].score;
    const strict = await engine.search({ query: "read file sync", topK: 10, mode, minScore: cut });
    assert.ok(strict.results.length >= 1, mode);
    assert.ok(strict.results.every((r) => r.score >= cut), mode);
  }
});

test("the searchMode option sets the default; a request's mode wins over it", async () => {
  const semanticByDefault = await Engine.open({ root, model: { model: "bundled" }, searchMode: "semantic" });
  try {
    const res = await semanticByDefault.search({ query: "read file sync", topK: 3 });
    assert.ok(res.results.every((r) => r.matchedBy === "semantic"));
    const lexical = await semanticByDefault.search({ query: "read file sync", topK: 3, mode: "lexical" });
    assert.ok(lexical.results.every((r) => r.matchedBy === "lexical"));
  } finally {
    await semanticByDefault.close();
  }
});
