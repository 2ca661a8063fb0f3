import { test } from "node:test";
import assert from "node:assert/strict";
import { buildSearch, describeFilter, normalizePathGlob, parseQuery } from "../../client/src/query-parser";
import { compileFilter } from "../../server/src/search/filter";

test("an inline category filter is taken out of the query", () => {
  const p = parseQuery("category:science how do plants make food");
  assert.equal(p.query, "how do plants make food");
  assert.deepEqual(p.filter, { category: "science" });
  assert.deepEqual(p.problems, []);
});

test("filters may stand anywhere; the words keep their order, single-spaced", () => {
  const p = parseQuery("  where is   lang:python  the tokenizer kind:code ");
  assert.equal(p.query, "where is the tokenizer");
  assert.deepEqual(p.filter, { language: "python", kind: "code" });
});

test("lang becomes the language key, and common short names become VS Code language ids", () => {
  assert.deepEqual(parseQuery("lang:ts x").filter, { language: "typescript" });
  assert.deepEqual(parseQuery("lang:PY x").filter, { language: "python" });
  assert.deepEqual(parseQuery("language:sh x").filter, { language: "shellscript" });
  assert.deepEqual(parseQuery("lang:c++ x").filter, { language: "cpp" });
  assert.deepEqual(parseQuery("lang:c# x").filter, { language: "csharp" });
  assert.deepEqual(parseQuery("lang:rust x").filter, { language: "rust" });
});

test("path globs pass through; a plain folder name means everything under it", () => {
  assert.deepEqual(parseQuery("path:docs/** x").filter, { path: "docs/**" });
  assert.deepEqual(parseQuery("path:**/*.py x").filter, { path: "**/*.py" });
  assert.equal(normalizePathGlob("docs"), "docs/**");
  assert.equal(normalizePathGlob("./src/lib/"), "src/lib/**");
  assert.equal(normalizePathGlob("docs/plants.md"), "docs/plants.md");
  assert.equal(normalizePathGlob("src\\engine"), "src/engine/**");
  // The glob the parser makes is one the server's filter matches with.
  const match = compileFilter({ path: normalizePathGlob("docs") })!;
  assert.equal(match("docs/a/b.md", {}), true);
  assert.equal(match("src/docs.md", {}), false);
});

test("quoted values may hold spaces", () => {
  const p = parseQuery('category:"earth science" rocks path:\'my docs/**\'');
  assert.deepEqual(p.filter, { category: "earth science", path: "my docs/**" });
  assert.equal(p.query, "rocks");
});

test("kind must be markdown, code or text; a wrong kind is reported and left out", () => {
  assert.deepEqual(parseQuery("kind:md x").filter, { kind: "markdown" });
  const bad = parseQuery("kind:picture cats");
  assert.deepEqual(bad.filter, {});
  assert.equal(bad.query, "cats");
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0], /kind:picture.*markdown, code, text/);
});

test("a filter word with no value is reported, not searched for", () => {
  const p = parseQuery("category: plants");
  assert.deepEqual(p.filter, {});
  assert.equal(p.query, "plants");
  assert.match(p.problems[0], /category: needs a value/);
});

test("words that only look like filters stay in the query", () => {
  const p = parseQuery("note:this https://example.com error:ENOENT");
  assert.deepEqual(p.filter, {});
  assert.equal(p.query, "note:this https://example.com error:ENOENT");
  // A colon inside a word is not a filter either.
  assert.deepEqual(parseQuery("foo:category:science").filter, {});
});

test("the last of two same filters wins", () => {
  assert.deepEqual(parseQuery("lang:go lang:rust x").filter, { language: "rust" });
});

test("buildSearch: SearchParams with the filter, topK and minScore", () => {
  const { params } = buildSearch("category:science how do plants make food", {}, { topK: 5, minScore: 0.2 });
  assert.deepEqual(params, { query: "how do plants make food", filter: { category: "science" }, topK: 5, minScore: 0.2 });
  // No filter key at all when there is none.
  assert.deepEqual(buildSearch("plain words").params, { query: "plain words" });
});

test("buildSearch: the panel's fields join the typed filters and win over them", () => {
  const { params } = buildSearch("lang:go kind:code sorting", { language: "py", category: " science ", path: "src", kind: "" });
  assert.deepEqual(params?.filter, { language: "python", kind: "code", category: "science", path: "src/**" });
  const bad = buildSearch("x", { kind: "video" });
  assert.deepEqual(bad.params?.filter, undefined);
  assert.match(bad.parsed.problems[0], /video/);
});

test("buildSearch: filters alone are not a search", () => {
  const b = buildSearch("lang:python ");
  assert.equal(b.params, undefined);
  assert.deepEqual(b.parsed.filter, { language: "python" });
  assert.equal(buildSearch("   ").params, undefined);
});

test("describeFilter writes a filter back the way it is typed", () => {
  assert.equal(describeFilter({ category: "science", language: "python" }), "category:science lang:python");
  assert.equal(describeFilter({ category: "earth science" }), 'category:"earth science"');
  assert.equal(describeFilter(undefined), "");
  // And it parses back to the same filter.
  assert.deepEqual(parseQuery(`${describeFilter({ category: "earth science", language: "go", path: "docs/**" })} x`).filter, {
    category: "earth science",
    language: "go",
    path: "docs/**",
  });
});
