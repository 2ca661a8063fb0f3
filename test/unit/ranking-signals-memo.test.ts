// The ranking signals remember what depends on one input only (a text's upper case, a path's words,
// a path's demotion): asked again, in any order, they answer as on first sight.
import { test } from "node:test";
import assert from "node:assert/strict";
import { demotionMatcher, isDemoted, pathMatchScore, textDeclaresName } from "../../server/src/search/ranking-signals";

test("textDeclaresName answers alike whether texts come one after another or interleaved", () => {
  const a = "export function parseRange(text) {\n  return text;\n}";
  const b = "const x = parseRange(y); // a call, not a declaration\nclass Lexer {}";
  const cases: [string, string, boolean][] = [
    ["parseRange", a, true],
    ["Lexer", a, false],
    ["parseRange", b, false],
    ["Lexer", b, true],
    ["lexer", b, true],
    ["parseRange", a, true],
    ["Lexer", b, true],
    ["Lexer", a, false],
  ];
  for (const [name, text, want] of cases) assert.equal(textDeclaresName(name, text), want, `${name} in ${JSON.stringify(text.slice(0, 20))}`);
  // Same length, same case-insensitive content, different text: not mistaken for the last one.
  assert.equal(textDeclaresName("lexer", "class Lexer {}"), true);
  assert.equal(textDeclaresName("lexer", "class Lexxr {}"), false);
});

test("pathMatchScore gives the same score for a path seen before, against other query words", () => {
  const path = "src/http/redirect-handler.ts";
  const first = pathMatchScore(path, ["redirect", "handler"]);
  assert.equal(first, 1);
  assert.equal(pathMatchScore("lib/other/file.ts", ["redirect"]), 0);
  assert.equal(pathMatchScore(path, ["redirect", "handler"]), first);
  // The remembered parts serve other words: a folder word counts half.
  assert.equal(pathMatchScore(path, ["http"]), 0.5);
  assert.equal(pathMatchScore(path, ["zebra"]), 0);
});

test("a demotion matcher answers a path the same the second time", () => {
  const globs = ["**/test/**", "**/*.d.ts"];
  const m = demotionMatcher(globs);
  assert.equal(demotionMatcher(globs), m);
  for (let round = 0; round < 2; round++) {
    assert.equal(m("test/a.ts"), true);
    assert.equal(m("src/types/index.d.ts"), true);
    assert.equal(m("src/index.ts"), false);
    assert.equal(isDemoted("test/a.ts", m, ["parse"]), true);
    assert.equal(isDemoted("test/a.ts", m, ["test"]), false);
  }
});

test("a demotion list is compiled once by its globs, not by the array that carries them", () => {
  // The language server brings its settings' globs as a new array with every search.
  const globs = ["**/vendor/**", "**/*.min.js"];
  const m = demotionMatcher([...globs]);
  assert.equal(demotionMatcher([...globs]), m);
  assert.equal(demotionMatcher(structuredClone(globs)), m);
  // Other globs, another matcher.
  const other = demotionMatcher(["**/vendor/**"]);
  assert.notEqual(other, m);
  assert.equal(other("lib/x.min.js"), false);
  assert.equal(m("lib/x.min.js"), true);
});
