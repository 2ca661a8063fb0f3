// The `mode` of semanticSearch/search and the semanticSearch.searchMode setting, through the
// language server, over two workspace folders.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startClient, waitFor, type Client } from "./lsp-client";
import { bandsFor } from "../../server/src/search/bands";

let code: string;
let docs: string;
let storage: string;
let client: Client;
const search = (query: string, extra: object = {}) => client.conn.sendRequest("semanticSearch/search", { query, topK: 5, ...extra }) as Promise<any>;

before(async () => {
  code = mkdtempSync(join(tmpdir(), "lsp-mode-code-"));
  docs = mkdtempSync(join(tmpdir(), "lsp-mode-docs-"));
  storage = mkdtempSync(join(tmpdir(), "lsp-mode-store-"));
  mkdirSync(join(code, "src"));
  writeFileSync(join(code, "src", "files.ts"), "export function readFileSync(path: string): string {\n  return cache.get(path) ?? load(path);\n}\n");
  writeFileSync(join(code, "src", "area.ts"), "export function circleArea(radius: number): number {\n  return Math.PI * radius * radius;\n}\n");
  writeFileSync(join(docs, "paris.md"), "# Paris\n\nThe Eiffel Tower stands on the Champ de Mars in Paris.\n");
  writeFileSync(join(docs, "plants.md"), "# Plants\n\nPlants turn sunlight, water and carbon dioxide into sugar.\n");
  client = await startClient({ folders: [code, docs], storagePath: storage, settings: { searchMode: "semantic" } });
});

after(async () => {
  await client?.stop();
  for (const d of [code, docs, storage]) rmSync(d, { recursive: true, force: true });
});

test("the setting chooses the mode of a request that names none; a request's mode wins", async () => {
  const byDefault = await search("read file sync");
  assert.ok(byDefault.results.length > 0);
  assert.ok(byDefault.results.every((r: any) => r.matchedBy === "semantic"));
  const lexical = await search("read file sync", { mode: "lexical" });
  assert.match(lexical.results[0].uri, /src\/files\.ts$/);
  assert.ok(lexical.results.every((r: any) => r.matchedBy === "lexical"));
  assert.ok(lexical.results.every((r: any) => r.score >= -1 && r.score <= 1), "scores stay cosine similarities");
  const hybrid = await search("readFileSync", { mode: "hybrid" });
  assert.match(hybrid.results[0].uri, /src\/files\.ts$/);
  assert.ok(hybrid.results.some((r: any) => r.uri.includes("lsp-mode-docs-")), "both folders answer");
});

test("changing semanticSearch.searchMode takes effect without re-indexing", async () => {
  client.settings = { ...client.settings, searchMode: "lexical" };
  await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: { semanticSearch: client.settings } });
  await waitFor(async () => (await search("read file sync")).results.every((r: any) => r.matchedBy === "lexical"), 10_000, "the new mode");
  const status: any = await client.conn.sendRequest("semanticSearch/status");
  assert.equal(status.state, "idle");
});

test("an unknown mode is InvalidParams", async () => {
  await assert.rejects(
    client.conn.sendRequest("semanticSearch/search", { query: "x", mode: "fuzzy" }),
    (e: any) => e.code === -32602 && /mode must be one of semantic, lexical, hybrid/.test(e.message),
  );
  await assert.rejects(
    client.conn.sendRequest("semanticSearch/search", { query: "x", mode: 3 }),
    (e: any) => e.code === -32602,
  );
});

test("a search says which band thresholds its hits were given: the model's, unless the user set some", async () => {
  const answer = await search("Eiffel Tower", { mode: "hybrid" });
  assert.deepEqual(answer.bands, bandsFor(answer.model, undefined));
  client.settings = { ...client.settings, thresholds: { strong: 0.6, possible: 0.3 } };
  await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: { semanticSearch: client.settings } });
  await waitFor(async () => (await search("Eiffel Tower")).bands?.possible === 0.3, 10_000, "the user's thresholds");
});
