import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SETTINGS } from "../../shared/src/protocol";
import { UsageError } from "../../server/src/cli/args";
import { hnswFrom } from "../../server/src/cli/hnsw-args";
import { DEFAULT_HNSW, efSearchFor } from "../../server/src/index/hnsw-index";
import { needsReopen, readSettings } from "../../server/src/lsp/settings";

test("the settings' HNSW defaults are the measured DEFAULT_HNSW", () => {
  assert.deepEqual(DEFAULT_SETTINGS.hnsw, DEFAULT_HNSW);
  assert.deepEqual(readSettings({}).hnsw, DEFAULT_HNSW);
});

test("semanticSearch.hnsw.* is read, and bad values fall back to the defaults", () => {
  assert.deepEqual(readSettings({ hnsw: { m: 32, efConstruction: 400, efSearch: 50 } }).hnsw, { m: 32, efConstruction: 400, efSearch: 50 });
  assert.deepEqual(readSettings({ hnsw: { m: 1, efConstruction: "big", efSearch: -3 } }).hnsw, DEFAULT_HNSW);
  const a = readSettings({});
  // efSearch is read per query (no reopen); m and efConstruction shape the graph (settings.test.ts).
  assert.ok(!needsReopen(a, readSettings({ hnsw: { efSearch: 300 } })));
  assert.ok(needsReopen(a, readSettings({ hnsw: { m: 16 } })));
  assert.ok(!needsReopen(a, readSettings({})));
});

test("--hnsw-* flags fill in the defaults they do not name, and reject non-integers", () => {
  assert.equal(hnswFrom({}), undefined);
  assert.deepEqual(hnswFrom({ "hnsw-ef-search": "250" }), { ...DEFAULT_HNSW, efSearch: 250 });
  assert.deepEqual(hnswFrom({ "hnsw-m": "8", "hnsw-ef-construction": "100" }), { ...DEFAULT_HNSW, m: 8, efConstruction: 100 });
  assert.throws(() => hnswFrom({ "hnsw-m": "1" }), UsageError);
  assert.throws(() => hnswFrom({ "hnsw-ef-search": "fast" }), UsageError);
  assert.throws(() => hnswFrom({ "hnsw-ef-search": "-1" }), UsageError);
  assert.deepEqual(hnswFrom({ "hnsw-ef-search": "0" }), { ...DEFAULT_HNSW, efSearch: 0 });
});

test("efSearch 0 grows with the index; an explicit value is used as it is", () => {
  assert.equal(DEFAULT_HNSW.efSearch, 0);
  assert.equal(efSearchFor(0, 0), 100);
  assert.equal(efSearchFor(0, 125_000), 100);
  assert.equal(efSearchFor(0, 250_000), 200);
  assert.equal(efSearchFor(0, 1_000_000), 800);
  assert.equal(efSearchFor(0, 50_000_000), 1000);
  assert.equal(efSearchFor(64, 1_000_000), 64);
  // Never shrinks as the index grows.
  for (let n = 0; n < 2_000_000; n += 10_007) assert.ok(efSearchFor(0, n + 10_007) >= efSearchFor(0, n));
});

test("the extension's contributed hnsw defaults are DEFAULT_HNSW (VS Code sends them to the server)", () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(
    { m: props["semanticSearch.hnsw.m"].default, efConstruction: props["semanticSearch.hnsw.efConstruction"].default, efSearch: props["semanticSearch.hnsw.efSearch"].default },
    DEFAULT_HNSW,
  );
});

test("semanticSearch.vectorStorage is float32 or int8, and a change re-opens the folders", () => {
  assert.equal(readSettings({}).vectorStorage, "float32");
  assert.equal(readSettings({ vectorStorage: "int8" }).vectorStorage, "int8");
  assert.equal(readSettings({ vectorStorage: "float16" }).vectorStorage, "float32");
  assert.ok(needsReopen(readSettings({}), readSettings({ vectorStorage: "int8" })));
});
