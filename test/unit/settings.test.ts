// semanticSearch.* as the language server reads it: defaults defined once, settings laid over
// initializationOptions, and which changes open a folder again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SETTINGS, type ServerSettings } from "../../shared/src/protocol";
import { DEFAULT_BANDS } from "../../shared/src/types";
import { layerSettings, needsReopen, queryOptions, readSettings } from "../../server/src/lsp/settings";

test("nothing set reads as DEFAULT_SETTINGS, except storeText; the bands are the shared DEFAULT_BANDS", () => {
  // storeText not given: each store keeps its own mode (DEFAULT_SETTINGS holds VS Code's default).
  const unset = { ...DEFAULT_SETTINGS, storeText: undefined };
  assert.deepEqual(readSettings(undefined), unset);
  assert.deepEqual(readSettings({}), unset);
  assert.equal(readSettings({ storeText: "sometimes" }).storeText, undefined);
  assert.equal(readSettings({ storeText: "none" }).storeText, "none");
  assert.deepEqual(DEFAULT_SETTINGS.thresholds, DEFAULT_BANDS);
});

test("initializationOptions: model is the default model, offline forces the bundled one and no download", () => {
  assert.equal(readSettings({}, { model: "bundled" }).model, "bundled");
  assert.equal(readSettings({ model: "Xenova/x" }, { model: "bundled" }).model, "Xenova/x");
  const offline = readSettings({ allowModelDownload: true }, { offline: true });
  assert.equal(offline.model, "bundled");
  assert.equal(offline.allowModelDownload, false);
});

test("settings are laid over initializationOptions.settings key by key, objects merged and lists replaced", () => {
  const init = { model: "bundled", exclude: ["a/**"], thresholds: { strong: 0.9, possible: 0.5 } };
  const layered = layerSettings(init, { thresholds: { strong: 0.8 } }, { exclude: ["b/**"] });
  assert.deepEqual(layered, { model: "bundled", exclude: ["b/**"], thresholds: { strong: 0.8, possible: 0.5 } });
  assert.deepEqual(readSettings(layered).thresholds, { strong: 0.8, possible: 0.5 });
  // Absent or malformed layers are skipped, and no layer is changed.
  assert.deepEqual(layerSettings(undefined, null, "x", [1], init), init);
  assert.deepEqual(init.thresholds, { strong: 0.9, possible: 0.5 });
});

const STORED: [string, Partial<Record<string, unknown>>][] = [
  ["model", { model: "Xenova/other" }],
  ["localModelPath", { localModelPath: "/models" }],
  ["modelKeyFile", { modelKeyFile: "/keys/model.pem" }],
  ["allowModelDownload", { allowModelDownload: true }],
  ["fallbackToBundled", { fallbackToBundled: false }],
  ["storeText", { storeText: "none" }],
  ["include", { include: ["**/*.md"] }],
  ["exclude", { exclude: ["drafts/**"] }],
  ["maxFileSize", { maxFileSize: 10 }],
  ["hnsw.m", { hnsw: { m: 8 } }],
  ["hnsw.efConstruction", { hnsw: { efConstruction: 400 } }],
  ["vectorStorage", { vectorStorage: "int8" }],
  ["secrets.extraPatterns", { secrets: { extraPatterns: ["EMP-[0-9]{9}"] } }],
];

const QUERY_TIME: [string, Partial<Record<string, unknown>>][] = [
  ["thresholds", { thresholds: { strong: 0.9, possible: 0.1 } }],
  ["hnsw.efSearch", { hnsw: { efSearch: 300 } }],
  ["searchMode", { searchMode: "lexical" }],
  ["hover.enabled", { hover: { enabled: false } }],
  ["trace.server", { trace: { server: "verbose" } }],
  ["ranking.demote", { ranking: { demote: ["gen/**"] } }],
  ["ranking.demoteGenerated", { ranking: { demoteGenerated: false } }],
];

test("a change to what an index stores opens the folder again", () => {
  const base = readSettings({});
  for (const [name, raw] of STORED) assert.ok(needsReopen(base, readSettings(raw)), name);
});

test("query-time settings open nothing again", () => {
  const base = readSettings({});
  for (const [name, raw] of QUERY_TIME) {
    const next = readSettings(raw);
    assert.notDeepEqual(next, base, `${name} was read`);
    assert.ok(!needsReopen(base, next), name);
  }
  assert.ok(!needsReopen(base, readSettings(Object.assign({}, ...QUERY_TIME.map(([, raw]) => raw)))), "all of them at once");
});

test("every setting is either stored or query-time", () => {
  const covered = new Set([...STORED, ...QUERY_TIME].map(([name]) => name.split(".")[0]));
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof ServerSettings)[]) assert.ok(covered.has(key), key);
});

test("queryOptions hands a request the folder's bands, efSearch and demotions", () => {
  const s = readSettings({ thresholds: { strong: 0.6, possible: 0.2 }, hnsw: { efSearch: 64 }, ranking: { demote: ["gen/**"], demoteGenerated: false } });
  assert.deepEqual(queryOptions(s), { bands: { strong: 0.6, possible: 0.2 }, efSearch: 64, ranking: { demote: ["gen/**"], demoteGenerated: false } });
  assert.deepEqual(queryOptions(readSettings({})), { bands: DEFAULT_BANDS, efSearch: 0, ranking: { demote: [...DEFAULT_SETTINGS.ranking.demote], demoteGenerated: true } });
});
