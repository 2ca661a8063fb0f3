import { test } from "node:test";
import assert from "node:assert/strict";
import { compileFilter, parseFilterArgs } from "../../server/src/search/filter";
import { bandOf, percent } from "../../server/src/search/bands";

test("a filter matches exactly on every key, like the seed's WHERE clause", () => {
  const f = compileFilter({ category: "science", topic: "biology" })!;
  assert.equal(f("a.md", { category: "science", topic: "biology" }), true);
  assert.equal(f("a.md", { category: "science", topic: "astronomy" }), false);
  assert.equal(f("a.md", { category: "science" }), false);
  assert.equal(f("a.md", { category: "sciences", topic: "biology" }), false);
});

test("list-valued metadata matches when any element does; numbers compare as text", () => {
  const f = compileFilter({ tags: "rust", year: "1889" })!;
  assert.equal(f("a.md", { tags: ["go", "rust"], year: 1889 }), true);
  assert.equal(f("a.md", { tags: ["go"], year: 1889 }), false);
});

test("path is a glob over the file's path", () => {
  const f = compileFilter({ path: "docs/**" })!;
  assert.equal(f("docs/guide/intro.md", {}), true);
  assert.equal(f("src/docs.ts", {}), false);
  assert.equal(compileFilter({ path: "**/*.py" })!("a/b/c.py", {}), true);
});

test("no filter means no predicate at all", () => {
  assert.equal(compileFilter(undefined), undefined);
  assert.equal(compileFilter({}), undefined);
});

test("command-line filters parse key=value and reject anything else", () => {
  assert.deepEqual({ ...parseFilterArgs(["category=science", "path=docs/**", "q=a=b"]) }, { category: "science", path: "docs/**", q: "a=b" });
  // A prototype-less object: "__proto__" is a key like any other.
  assert.deepEqual(Object.keys(parseFilterArgs(["__proto__=x"])), ["__proto__"]);
  assert.throws(() => parseFilterArgs(["science"]), /key=value/);
  assert.throws(() => parseFilterArgs(["=x"]), /key=value/);
});

test("relevance bands follow the seed's thresholds and can be moved", () => {
  assert.equal(bandOf(0.793), "strong");
  assert.equal(bandOf(0.75), "strong");
  assert.equal(bandOf(0.494), "possible");
  assert.equal(bandOf(0.196), "weak");
  assert.equal(bandOf(0.5, { strong: 0.45, possible: 0.2 }), "strong");
  assert.equal(percent(0.7934), "79.3%");
});
