// The search mode at the edges: the LSP request's `mode` param and the semanticSearch.searchMode
// setting.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ErrorCodes, ResponseError } from "vscode-languageserver";
import { DEFAULT_SETTINGS } from "../../shared/src/protocol";
import { searchParams } from "../../server/src/lsp/params";
import { needsReopen, readSettings } from "../../server/src/lsp/settings";

test("semanticSearch/search takes mode semantic, lexical or hybrid, or none", () => {
  for (const mode of ["semantic", "lexical", "hybrid"] as const) assert.equal(searchParams({ query: "x", mode }).mode, mode);
  assert.equal(searchParams({ query: "x" }).mode, undefined);
  assert.equal(searchParams({ query: "x", mode: null }).mode, undefined);
});

test("an unknown mode is InvalidParams, naming the modes", () => {
  for (const mode of ["fuzzy", "", "HYBRID", 1, true, ["lexical"]]) {
    assert.throws(
      () => searchParams({ query: "x", mode }),
      (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams && /mode must be one of semantic, lexical, hybrid/.test(e.message),
      String(mode),
    );
  }
});

test("semanticSearch.searchMode defaults to hybrid, ignores bad values, and needs no re-open", () => {
  assert.equal(DEFAULT_SETTINGS.searchMode, "hybrid");
  assert.equal(readSettings({}).searchMode, "hybrid");
  assert.equal(readSettings({ searchMode: "lexical" }).searchMode, "lexical");
  assert.equal(readSettings({ searchMode: "semantic" }).searchMode, "semantic");
  assert.equal(readSettings({ searchMode: "keyword" }).searchMode, "hybrid");
  assert.equal(readSettings({ searchMode: 2 }).searchMode, "hybrid");
  assert.ok(!needsReopen(readSettings({}), readSettings({ searchMode: "lexical" })), "a mode change re-indexes nothing");
});
