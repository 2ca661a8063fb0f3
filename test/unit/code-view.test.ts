// The words view the bundled model reads code through (server/src/embedding/use-lite/code-view.ts):
// identifiers as their words, punctuation runs gone, whitespace collapsed, sentences left alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledCodeView, bundledQueryText, bundledVectorRecipe } from "../../server/src/embedding/bundled";
import { ModelLoadError } from "../../server/src/embedding/provider";
import { codeView } from "../../server/src/embedding/use-lite/code-view";
import { Engine } from "../../server/src/engine/engine";
import { cosine } from "../../shared/src/vector-math";

test("identifiers of every naming style become their lower-case words", () => {
  assert.equal(codeView("parseRange"), "parse range");
  assert.equal(codeView("HTTPAdapter"), "http adapter");
  assert.equal(codeView("max_retries"), "max retries");
  assert.equal(codeView("MAX_CHUNK_CHARS"), "max chunk chars");
  assert.equal(codeView("max-age"), "max age");
  assert.equal(codeView("Regex::new"), "Regex new");
  assert.equal(codeView("MockRequest.env_for"), "mock request env for");
  assert.equal(codeView("__init__"), "init");
  assert.equal(codeView("utf8Decode"), "utf 8 decode");
});

test("JavaScript: brackets and operators go, words and comments stay", () => {
  const js = "const parseRange = (range, options) => {\n  // Trim the range first.\n  if (!range) return null;\n  return new Range(range.trim(), options).set;\n}";
  assert.equal(codeView(js), "const parse range range, options Trim the range first. if range return null return new Range range trim options set");
});

test("Python: snake_case split, the docstring kept as a sentence", () => {
  const py = 'def merge_setting(request_setting, session_setting):\n    """Determines the setting for a request."""\n    if session_setting is None:\n        return request_setting';
  assert.equal(codeView(py), "def merge setting request setting, session setting: Determines the setting for a request if session setting is None: return request setting");
});

test("Rust, Go and Ruby: paths, receivers and references", () => {
  assert.equal(codeView("pub fn new(re: &str) -> Result<Regex, Error> {\n    RegexBuilder::new(re).build()\n}"), "pub fn new re: str Result Regex, Error regex builder new re build");
  assert.equal(codeView("func (c *Command) ExecuteC() (cmd *Command, err error) {\n\tif c.ctx == nil {"), "func c Command execute c cmd Command, err error if c ctx nil");
  assert.equal(codeView("def self.parse_file(config, opts = Server::Options.new)"), "def self parse file config, opts Server Options new");
});

test("a plain sentence or question passes through unchanged", () => {
  for (const prose of [
    "How do I parse a range?",
    "Where is the Authorization header dropped when a redirect goes to a different host?",
    "Don't retry twice. Then, stop: it failed!",
    "日本語の文章はそのまま残る。",
  ]) {
    assert.equal(codeView(prose), prose);
  }
});

test("numbers stay whole, versions included", () => {
  // The comma after a closing quote is kept, as after a closing bracket in prose.
  assert.equal(codeView("satisfies('1.2.3', '>=1.0.0 <2.0.0')"), "satisfies 1.2.3, 1.0.0 2.0.0");
  assert.equal(codeView("v1.2.3 and 404"), "v1.2.3 and 404");
});

test("sentence punctuation survives a closing bracket, and only at the end of a word", () => {
  assert.equal(codeView("It fails (see above). Then it stops."), "It fails see above. Then it stops.");
  // Punctuation inside code is not a sentence's.
  assert.equal(codeView("a.b.c = x ? y : z;"), "a b c x y z");
});

test("whitespace and indentation collapse to one space", () => {
  assert.equal(codeView("  if x:\n\n\t\treturn   y\n"), "if x: return y");
});

test("the view of a view is itself", () => {
  for (const text of [
    "const parseRange = (range, options) => { return new Range(range.trim(), options).set; }",
    "def merge_setting(request_setting, session_setting): pass",
    "It fails (see above). Then it stops.",
    "satisfies('1.2.3', '>=1.0.0 <2.0.0')",
  ]) {
    const once = codeView(text);
    assert.equal(codeView(once), once);
  }
});

test("a text with no word in it is left as it is, so the model still reads something", () => {
  assert.equal(codeView("{}"), "{}");
  assert.equal(codeView(""), "");
  assert.equal(codeView("   "), "   ");
});

test("the bundled recipe: code chunks as words after their path, prose as it is, and a key of its own", () => {
  assert.equal(bundledCodeView("1"), true);
  assert.equal(bundledCodeView("0"), false);
  assert.throws(() => bundledCodeView("yes"), (err: Error) => err instanceof ModelLoadError && /SEMSEARCH_BUNDLED_CODE_VIEW is "yes"; set it to "1"/.test(err.message));
  const off = bundledVectorRecipe("first", false);
  assert.equal(off.key, undefined, "without the view, indexes made before keep their hashes");
  assert.equal(off.chunkText, undefined);
  const on = bundledVectorRecipe("first", true);
  assert.ok(on.key && on.chunkText);
  assert.notEqual(bundledVectorRecipe("windows", true).key, bundledVectorRecipe("windows", false).key);
  assert.notEqual(bundledVectorRecipe("windows", true).key, on.key);
  assert.equal(on.chunkText("function parseRange(range) {\n  return range.trim();\n}", "lib/range.js", { kind: "code" }), "lib range js: function parse range range return range trim");
  const markdown = "## Ranges\n\nA `range` is a set of *comparators*.";
  assert.equal(on.chunkText(markdown, "README.md", { kind: "markdown" }), markdown);
  assert.equal(on.chunkText(markdown, "notes.txt", { kind: "text" }), markdown);
  assert.equal(bundledQueryText("parseRange", true), "parse range");
  assert.equal(bundledQueryText("how is a range parsed?", true), "how is a range parsed?");
  assert.equal(bundledQueryText("parseRange", false), "parseRange");
});

test("with SEMSEARCH_BUNDLED_CODE_VIEW=1 the engine embeds code chunks and queries as words, markdown as it is", async () => {
  const root = mkdtempSync(join(tmpdir(), "code-view-"));
  const previous = process.env.SEMSEARCH_BUNDLED_CODE_VIEW;
  // Read on this thread, when a pass starts and when a query is embedded (not by the embedding worker).
  const viewOn = (on: boolean) => (process.env.SEMSEARCH_BUNDLED_CODE_VIEW = on ? "1" : "0");
  let engine: Engine | undefined;
  try {
    mkdirSync(join(root, "lib"));
    const code = "function parseRange(range, options) {\n  const trimmed = range.trim();\n  return trimmed.split(/\\s*\\|\\|\\s*/).map((part) => parseComparator(part, options));\n}\n";
    writeFileSync(join(root, "lib", "range.js"), code);
    writeFileSync(join(root, "README.md"), "# Ranges\n\nA `range` is a set of comparators joined by `||`; see `parseRange`.\n");
    viewOn(true);
    engine = await Engine.open({ root, model: { model: "bundled" } });
    await engine.indexFolder();
    const res = await engine.search({ query: "parseRange", topK: 10, mode: "semantic" });
    const hit = (path: string) => res.results.find((h) => h.path === path)!;
    const codeHit = hit("lib/range.js");
    const mdHit = hit("README.md");
    const vector = async (text: string) => Float32Array.from((await engine!.embed(text)).vector);
    // The engine gives the model a query as words; a text that is words already stays as it is.
    const codeWords = bundledVectorRecipe("first", true).chunkText!(codeHit.text, "lib/range.js", { kind: "code" });
    assert.equal(codeView(codeWords), codeWords);
    const query = await vector("parseRange");
    assert.deepEqual(query, await vector("parse range"));
    const codeVector = await vector(codeWords);
    viewOn(false);
    const mdAsIs = await vector(mdHit.text);
    const queryAsIs = await vector("parseRange");
    const codeAsIs = await vector(codeHit.text);
    assert.ok(Math.abs(codeHit.score - cosine(query, codeVector)) < 1e-4, `code chunk: ${codeHit.score} against ${cosine(query, codeVector)}`);
    assert.ok(Math.abs(mdHit.score - cosine(query, mdAsIs)) < 1e-4, `markdown chunk: ${mdHit.score} against ${cosine(query, mdAsIs)}`);
    // Not what the texts as they are give.
    assert.ok(Math.abs(codeHit.score - cosine(queryAsIs, codeAsIs)) > 0.01, `${codeHit.score} against ${cosine(queryAsIs, codeAsIs)}`);
  } finally {
    await engine?.close();
    if (previous === undefined) delete process.env.SEMSEARCH_BUNDLED_CODE_VIEW;
    else process.env.SEMSEARCH_BUNDLED_CODE_VIEW = previous;
    rmSync(root, { recursive: true, force: true });
  }
});
