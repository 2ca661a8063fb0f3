// The one list of languages, and everyone who reads it: discovery, the client's document selector,
// the `lang:` filter and the search panel's menu. They used to keep copies that drifted apart
// (.tsx buffers never reached the server), so these tests hold them against each other.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EDITOR_LANGUAGE_IDS, INDEX_LANGUAGE_IDS, INDEXED_LANGUAGES, indexLanguageOfEditorId, indexLanguageOfTypedName } from "../../shared/src/languages";
import { languageOf } from "../../server/src/discovery";
import { parseQuery } from "../../client/src/query-parser";
import { searchPanelBody } from "../../client/src/webview-html";

const clientSrc = join(import.meta.dirname ?? __dirname, "../../client/src");

// Written out by hand rather than taken from the list: these are the files the issue was about.
const SAMPLE_PATHS = ["App.tsx", "App.jsx", "a.ts", "a.mjs", "Main.kt", "build.gradle.kts", "App.swift", "Main.scala", "init.lua", "guide.rst", "book.adoc", "README", "Rakefile", "notes.md"];

test("each language is listed once, with its extensions and names unique across the list", () => {
  assert.equal(new Set(INDEX_LANGUAGE_IDS).size, INDEX_LANGUAGE_IDS.length);
  assert.equal(new Set(EDITOR_LANGUAGE_IDS).size, EDITOR_LANGUAGE_IDS.length);
  const extensions = INDEXED_LANGUAGES.flatMap((l) => l.extensions);
  assert.equal(new Set(extensions).size, extensions.length);
  for (const ext of extensions) assert.match(ext, /^\.[a-z0-9+]+$/, `${ext}: lower case, with the dot`);
  // A typed name that meant two languages would silently pick one of them.
  const owner = new Map<string, string>();
  for (const l of INDEXED_LANGUAGES) {
    for (const name of [l.id, ...(l.editorIds ?? []), ...(l.typedNames ?? []), ...l.extensions.map((e) => e.slice(1))]) {
      const was = owner.get(name.toLowerCase());
      assert.ok(was === undefined || was === l.id, `${name} names both ${was} and ${l.id}`);
      owner.set(name.toLowerCase(), l.id);
    }
  }
});

test("every file discovery indexes has its language in the client's document selector", () => {
  const paths = [...SAMPLE_PATHS, ...INDEXED_LANGUAGES.flatMap((l) => [...l.extensions.map((e) => `a${e}`), ...(l.fileNames ?? [])])];
  for (const p of paths) {
    const info = languageOf(p);
    assert.ok(info, `${p} is indexed`);
    assert.ok(EDITOR_LANGUAGE_IDS.includes(info.language), `${p} (${info.language}) is in the selector`);
  }
});

test("the selector asks for the JSX flavours' buffers, which the index keeps under their base language", () => {
  for (const id of ["typescriptreact", "javascriptreact", "kotlin", "swift", "scala", "lua", "restructuredtext", "asciidoc"]) {
    assert.ok(EDITOR_LANGUAGE_IDS.includes(id), id);
  }
  assert.equal(indexLanguageOfEditorId("typescriptreact")?.id, "typescript");
  assert.equal(indexLanguageOfEditorId("javascriptreact")?.id, "javascript");
  assert.equal(indexLanguageOfEditorId("typescript")?.id, "typescript");
  assert.equal(indexLanguageOfEditorId("json"), undefined);
  assert.deepEqual(languageOf("src/App.tsx"), { language: "typescript", kind: "code" });
  assert.deepEqual(languageOf("src/App.jsx"), { language: "javascript", kind: "code" });
  // Editor-only ids are never what the index stores.
  for (const id of EDITOR_LANGUAGE_IDS) assert.ok(INDEX_LANGUAGE_IDS.includes(indexLanguageOfEditorId(id)!.id), id);
});

test("the client's document selector is the shared list, not a copy", () => {
  // server.ts imports vscode, so it cannot load here; its source has to say it.
  const source = readFileSync(join(clientSrc, "server.ts"), "utf8");
  assert.match(source, /export const SERVER_LANGUAGES\b[^=]*= EDITOR_LANGUAGE_IDS;/);
  assert.match(source, /documentSelector: SERVER_LANGUAGES\.map/);
});

test("every index language is reachable from lang:, by its id, its extensions and its editor ids", () => {
  for (const l of INDEXED_LANGUAGES) {
    assert.deepEqual(parseQuery(`lang:${l.id} x`).filter, { language: l.id }, l.id);
    assert.deepEqual(parseQuery(`lang:${l.id.toUpperCase()} x`).filter, { language: l.id }, l.id);
    for (const ext of l.extensions) {
      assert.deepEqual(parseQuery(`lang:${ext.slice(1)} x`).filter, { language: languageOf(`a${ext}`)!.language }, ext);
    }
    for (const id of l.editorIds ?? []) assert.deepEqual(parseQuery(`lang:${id} x`).filter, { language: l.id }, id);
  }
});

test("lang:tsx and lang:typescriptreact filter on typescript, where the index keeps .tsx", () => {
  assert.deepEqual(parseQuery("lang:tsx x").filter, { language: "typescript" });
  assert.deepEqual(parseQuery("lang:typescriptreact x").filter, { language: "typescript" });
  assert.deepEqual(parseQuery("lang:jsx x").filter, { language: "javascript" });
  assert.deepEqual(parseQuery("lang:javascriptreact x").filter, { language: "javascript" });
  assert.equal(indexLanguageOfTypedName(" TSX "), "typescript");
});

test("names people type for the languages the old alias table lacked", () => {
  const cases: Array<[string, string]> = [
    ["golang", "go"], ["node", "javascript"], ["shell", "shellscript"], ["bash", "shellscript"], ["c#", "csharp"],
    ["kt", "kotlin"], ["kts", "kotlin"], ["swift", "swift"], ["scala", "scala"], ["lua", "lua"],
    ["rst", "restructuredtext"], ["adoc", "asciidoc"], ["mdx", "markdown"], ["h", "cpp"], ["text", "plaintext"],
  ];
  for (const [typed, language] of cases) assert.deepEqual(parseQuery(`lang:${typed} x`).filter, { language }, typed);
  // A name that is no language stays as typed: it matches nothing rather than something else.
  assert.deepEqual(parseQuery("lang:cobol x").filter, { language: "cobol" });
});

test("the search panel's language menu offers every index language, and only those", () => {
  const menu = /<select id="language"[^>]*>(.*?)<\/select>/s.exec(searchPanelBody())?.[1] ?? "";
  const values = [...menu.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1]);
  // "" is "any"; typescriptreact would be a filter value that matches nothing in the index.
  assert.deepEqual(values, ["", ...INDEX_LANGUAGE_IDS]);
});
