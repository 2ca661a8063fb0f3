// API stubs written as code (chunking/stubs.ts): a file whose every function has an empty body is
// recognised by its content, marked on every chunk, and ranked below the code that does the work by
// keyword and hybrid search, with the stubs the demotion globs name by extension.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chunkerRevision, chunkFile } from "../../server/src/chunking";
import { isStubText } from "../../server/src/chunking/stubs";
import { Engine } from "../../server/src/engine/engine";
import { isStubChunk, pathWords } from "../../server/src/search/ranking-signals";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// As LDoc's builtin/string.lua documents Lua's own library: doc comments over empty functions.
const LUA_STUB = [
  "--- string operations like searching and matching.",
  "-- @module string",
  "",
  "local string = {}",
  "",
  "---",
  "-- Returns a copy of the string with every match of the pattern replaced.",
  "function string.gsub(s, pattern, repl, n) end",
  "",
  "---",
  "-- Looks for the first match of the pattern in the string.",
  "function string.find(s, pattern, init,",
  "                     plain) end",
  "",
  "---",
  "-- Returns a string with the pattern's matches replaced, in upper case.",
  "function string.upper(s) end",
  "",
  "return string",
  "",
].join("\n");

// The code that does the work, in the same words.
const LUA_CODE = [
  "local M = {}",
  "",
  "-- Replace every match of the pattern in the string, the way the templates are expanded.",
  "function M.expand(s, pattern, values)",
  "  return (s:gsub(pattern, function(name) return values[name] or '' end))",
  "end",
  "",
  "function M.trim(s)",
  "  return s:match('^%s*(.-)%s*$')",
  "end",
  "",
  "local function first(s, pattern)",
  "  local at = s:find(pattern, 1, true)",
  "  return at",
  "end",
  "",
  "return M",
  "",
].join("\n");

test("a file is a stub when it declares at least three functions and every one is empty", () => {
  const yes: [string, string, string][] = [
    ["Lua, a signature over two lines", LUA_STUB, "lua"],
    ["JavaScript externs", "/** @param {string} s */\nfunction escape(s) {}\nfunction unescape(s) {}\nexport function encode(s) { }\n", "javascript"],
    ["TypeScript with return types", "export function a(): void {}\nexport function b(x: number): number {}\nfunction c(): string {}\n", "typescript"],
    ["PHP IDE stubs", "<?php\n/** Returns the length. */\nfunction strlen(string $s): int {}\nfunction strtolower(string $s): string {}\nfunction &refs(array $a) {}\n", "php"],
    ["Python protocols", "class Stream(Protocol):\n    def read(self, size: int = -1) -> bytes: ...\n    def write(self, data: bytes) -> int:\n        ...\n    async def close(self): ...\n", "python"],
  ];
  for (const [what, text, language] of yes) assert.equal(isStubText(text, language), true, what);
  const no: [string, string, string][] = [
    ["Lua code", LUA_CODE, "lua"],
    ["two empty functions only", "function a() end\nfunction b() end\n", "lua"],
    ["empty functions beside one that works", LUA_STUB + "function string.len(s) return #s end\n", "lua"],
    ["a commented-out function does not count", "-- function x() end\n" + LUA_CODE, "lua"],
    ["PHP interface: declarations without a body", "<?php\ninterface A {\n  public function a();\n  public function b();\n  public function c();\n}\n", "php"],
    ["Python with pass", "def a():\n    pass\ndef b():\n    pass\ndef c():\n    pass\n", "python"],
    ["Python with a docstring body", 'def a():\n    """Do a."""\ndef b(): ...\ndef c(): ...\n', "python"],
    ["C declarations are how C declares", "int a(void);\nint b(int x);\nint c(char *s);\n", "c"],
    ["a language without rules", "fn a() {}\nfn b() {}\nfn c() {}\n", "rust"],
  ];
  for (const [what, text, language] of no) assert.equal(isStubText(text, language), false, what);
});

test("every chunk of a stub file says so, and only a stub file carries the stub revision", () => {
  const chunks = chunkFile("builtin/string.lua", LUA_STUB, "lua", "code", { maxChars: 200 });
  assert.ok(chunks.length >= 2);
  for (const c of chunks) assert.equal(c.metadata.stub, true, `${c.startLine}-${c.endLine}`);
  for (const c of chunkFile("template.lua", LUA_CODE, "lua", "code")) assert.equal(c.metadata.stub, undefined);
  assert.equal(chunkerRevision("lua", LUA_STUB), "API stubs marked");
  assert.equal(chunkerRevision("lua", LUA_CODE), undefined);
});

test("a stub chunk goes down unless the query says stub; code and prose do not", () => {
  const stub = { metadata: { language: "lua", kind: "code", stub: true } };
  assert.equal(isStubChunk(stub, pathWords("replace every match of a pattern")), true);
  assert.equal(isStubChunk(stub, pathWords("the stubs of the string library")), false);
  assert.equal(isStubChunk({ metadata: { language: "lua", kind: "code" } }, ["pattern"]), false, "code that works");
  assert.equal(isStubChunk({ metadata: { language: "markdown", kind: "markdown", stub: true } }, ["pattern"]), false, "front matter is the user's");
});

test("keyword and hybrid search put the code that works above a stub of the same words, and say why", async () => {
  const root = mkdtempSync(join(tmpdir(), "stubs-"));
  dirs.push(root);
  mkdirSync(join(root, "builtin"));
  writeFileSync(join(root, "builtin", "string.lua"), LUA_STUB);
  writeFileSync(join(root, "template.lua"), LUA_CODE);
  const engine = await Engine.open({ root, model: { model: "bundled" } });
  try {
    await engine.indexFolder();
    const query = "replace every match of the pattern in the string";
    for (const mode of ["lexical", "hybrid"] as const) {
      const keptByGlobs = await engine.search({ query, topK: 5, mode, ranking: { demote: ["**/test/**"] } });
      assert.equal(keptByGlobs.results[0].path, "builtin/string.lua", `${mode}: with stubs out of the demotion list, the stub, which repeats the words, leads`);
      const on = await engine.search({ query, topK: 5, mode, explain: true });
      assert.equal(on.results[0].path, "template.lua", mode);
      const stub = on.results.find((r) => r.path === "builtin/string.lua")!;
      assert.deepEqual(
        stub.explain!.signals.filter((s) => s.signal === "demoteTests").map((s) => s.detail),
        ["an API stub: every function its file declares has an empty body"],
      );
    }
    const asked = await engine.search({ query: "stub: " + query, topK: 5, mode: "lexical" });
    assert.equal(asked.results[0].path, "builtin/string.lua", "a query that says stub keeps it");
  } finally {
    await engine.close();
  }
});
