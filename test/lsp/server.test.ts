// The language server over stdio, driven the way an editor drives it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CancellationTokenSource } from "vscode-languageserver-protocol/node";
import { startClient, waitFor, type Client } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const TINY_MODEL = join(__dirname, "..", "fixtures", "tiny-model", "semsearch", "tiny-bert");
const CODE = `import math


def circle_area(radius):
    """Area of a circle from its radius."""
    return math.pi * radius * radius


def fahrenheit_to_celsius(degrees):
    """Convert a temperature from Fahrenheit to Celsius."""
    return (degrees - 32) * 5 / 9
`;

let root: string;
let storage: string;
let client: Client;
const uri = (rel: string) => pathToFileURL(join(root, rel)).href;
const search = (query: string, extra: object = {}) => client.conn.sendRequest("semanticSearch/search", { query, topK: 5, ...extra }) as Promise<any>;
const topUri = async (query: string) => (await search(query)).results[0]?.uri;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "lsp-ws-"));
  storage = mkdtempSync(join(tmpdir(), "lsp-store-"));
  cpSync(KB, join(root, "facts"), { recursive: true });
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "src", "geometry.py"), CODE);
  client = await startClient({ folders: [root], storagePath: storage });
});

after(async () => {
  await client?.stop();
  rmSync(root, { recursive: true, force: true });
  rmSync(storage, { recursive: true, force: true });
});

test("indexing reports work-done progress from begin to end, with files done and total", () => {
  const kinds = client.progress.map((p) => p.kind);
  assert.equal(kinds[0], "begin");
  assert.equal(kinds.at(-1), "end");
  assert.ok(client.progress.some((p) => p.kind === "report" && /^21\/21 files/.test(p.message ?? "")), JSON.stringify(client.progress));
  assert.ok(client.progress.some((p) => p.kind === "report" && /files: facts\/\d\d-/.test(p.message ?? "")), "the current file is named");
});

test("the seed's knowledge base answers the seed's queries through semanticSearch/search", async () => {
  assert.equal(await topUri("Where is the Eiffel Tower located?"), uri("facts/05-eiffel-tower.md"));
  assert.equal(await topUri("How many cells are in the human body?"), uri("facts/01-human-cells.md"));
  const plants = await search("How do plants make food?", { filter: { category: "science" }, topK: 3 });
  assert.equal(plants.candidates, 5);
  assert.equal(plants.results[0].uri, uri("facts/00-photosynthesis.md"));
  assert.ok(plants.results.every((r: any) => r.metadata.category === "science"));
  assert.equal(plants.model, "bundled:use-lite");
  const hit = plants.results[0];
  assert.deepEqual(hit.range, { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } });
  assert.ok(["strong", "possible", "weak"].includes(hit.band));
});

test("similar leaves the text itself out and finds its neighbour", async () => {
  const res: any = await client.conn.sendRequest("semanticSearch/similar", {
    uri: uri("facts/16-artificial-intelligence.md"),
    range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } },
    topK: 3,
  });
  assert.ok(!res.results.some((r: any) => r.uri === uri("facts/16-artificial-intelligence.md")));
  assert.equal(res.results[0].uri, uri("facts/19-machine-learning.md"));
});

test("embed returns the vector and its statistics; status describes the index", async () => {
  const emb: any = await client.conn.sendRequest("semanticSearch/embed", { text: "The Eiffel Tower is in Paris." });
  assert.equal(emb.dimensions, 512);
  assert.equal(emb.vector.length, 512);
  assert.ok(Math.abs(emb.stats.norm - 1) < 1e-4);
  const status: any = await client.conn.sendRequest("semanticSearch/status");
  assert.equal(status.state, "idle");
  assert.equal(status.files, 21);
  assert.ok(status.chunks >= 22, `${status.chunks} chunks`);
  assert.equal(status.model, "bundled:use-lite");
  assert.ok(status.storagePath.startsWith(storage), "the database lives where the client said");
  assert.ok(client.statuses.length > 0, "status notifications were sent");
});

test("hover on a paragraph shows the most similar chunks with scores and links; nothing on a blank line", async () => {
  const docUri = uri("facts/16-artificial-intelligence.md");
  const { readFileSync } = await import("node:fs");
  await client.conn.sendNotification("textDocument/didOpen", {
    textDocument: { uri: docUri, languageId: "markdown", version: 1, text: readFileSync(join(root, "facts/16-artificial-intelligence.md"), "utf8") },
  });
  const hover: any = await client.conn.sendRequest("textDocument/hover", { textDocument: { uri: docUri }, position: { line: 5, character: 10 } });
  assert.equal(hover.contents.kind, "markdown");
  assert.match(hover.contents.value, /\*\*\d+\.\d%\*\* (strong|possible|weak)/);
  assert.match(hover.contents.value, /\[facts\/19-machine-learning\.md:6\]\(file:\/\/.*19-machine-learning\.md#L6\)/);
  assert.ok(!hover.contents.value.includes("16-artificial-intelligence.md:"), "the paragraph itself is not shown");
  const blank = await client.conn.sendRequest("textDocument/hover", { textDocument: { uri: docUri }, position: { line: 4, character: 0 } });
  assert.equal(blank, null);
  const outside = await client.conn.sendRequest("textDocument/hover", { textDocument: { uri: "untitled:Untitled-1" }, position: { line: 0, character: 0 } });
  assert.equal(outside, null);
});

test("hover on a code symbol uses its declaration; the hover setting turns it off without a restart", async () => {
  writeFileSync(join(root, "src", "units.py"), `def celsius_from_fahrenheit(f):\n    """Turn a Fahrenheit temperature into Celsius degrees."""\n    return (f - 32) * 5 / 9\n`);
  await client.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri("src/units.py"), type: 1 }] });
  await waitFor(async () => (await topUri("convert temperature fahrenheit celsius"))?.endsWith("units.py") || (await search("convert temperature fahrenheit celsius")).results.some((r: any) => r.uri.endsWith("units.py")), 20_000, "units.py to be indexed");
  const docUri = uri("src/geometry.py");
  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: docUri, languageId: "python", version: 1, text: CODE } });
  const hover: any = await client.conn.sendRequest("textDocument/hover", { textDocument: { uri: docUri }, position: { line: 9, character: 6 } });
  assert.ok(hover, "a hover on fahrenheit_to_celsius");
  assert.match(hover.contents.value, /src\/units\.py:1/);
  client.settings = { ...client.settings, hover: { enabled: false } };
  await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
  await waitFor(async () => (await client.conn.sendRequest("textDocument/hover", { textDocument: { uri: docUri }, position: { line: 9, character: 6 } })) === null, 10_000, "hover to turn off");
  client.settings = { ...client.settings, hover: { enabled: true } };
  await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
});

test("an unsaved edit is searchable from the buffer after a short debounce", async () => {
  const docUri = uri("facts/09-tokyo.md");
  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: docUri, languageId: "markdown", version: 1, text: "Tokyo is big." } });
  await client.conn.sendNotification("textDocument/didChange", {
    textDocument: { uri: docUri, version: 2 },
    contentChanges: [{ text: "---\ncategory: science\n---\n\nQuantum entanglement links the states of particles across any distance.\n" }],
  });
  await waitFor(async () => (await topUri("spooky action between particles far apart")) === docUri, 20_000, "the edit to be searchable");
});

test("a saved, a created, a deleted and a renamed file are each reflected in the next search", async () => {
  writeFileSync(join(root, "facts/08-sahara.md"), "The Atacama in Chile is the driest non-polar desert on Earth.\n");
  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: uri("facts/08-sahara.md"), languageId: "markdown", version: 1, text: "The Atacama in Chile is the driest non-polar desert on Earth.\n" } });
  await client.conn.sendNotification("textDocument/didSave", { textDocument: { uri: uri("facts/08-sahara.md") } });
  await waitFor(async () => (await topUri("driest desert in South America")) === uri("facts/08-sahara.md"), 20_000, "the saved file");

  writeFileSync(join(root, "facts/20-volcano.md"), "Mount Etna in Sicily is one of the most active volcanoes in the world.\n");
  await client.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri("facts/20-volcano.md"), type: 1 }] });
  await waitFor(async () => (await topUri("active volcano in Italy")) === uri("facts/20-volcano.md"), 20_000, "the created file");

  unlinkSync(join(root, "facts/05-eiffel-tower.md"));
  await client.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri("facts/05-eiffel-tower.md"), type: 3 }] });
  await waitFor(async () => !(await search("Eiffel Tower Paris", { topK: 30 })).results.some((r: any) => r.uri.endsWith("05-eiffel-tower.md")), 20_000, "the deleted file to leave");

  renameSync(join(root, "facts/07-mount-everest.md"), join(root, "facts/everest.md"));
  await client.conn.sendNotification("workspace/didRenameFiles", { files: [{ oldUri: uri("facts/07-mount-everest.md"), newUri: uri("facts/everest.md") }] });
  await waitFor(async () => (await topUri("tallest mountain on Earth")) === uri("facts/everest.md"), 20_000, "the renamed file");
  assert.ok(!(await search("tallest mountain on Earth", { topK: 30 })).results.some((r: any) => r.uri.endsWith("07-mount-everest.md")));
});

test("changing the model re-indexes into that model's own index, and switching back reuses the old one", async () => {
  const end = client.nextIndexingEnd();
  client.settings = { ...client.settings, model: TINY_MODEL, fallbackToBundled: false };
  await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
  await end;
  const tiny: any = await client.conn.sendRequest("semanticSearch/status");
  assert.equal(tiny.model, TINY_MODEL);
  assert.equal(tiny.state, "idle");
  const res = await search("tallest mountain");
  assert.equal(res.model, TINY_MODEL);
  const emb: any = await client.conn.sendRequest("semanticSearch/embed", { text: "paris" });
  assert.equal(emb.dimensions, 16);

  const back = client.nextIndexingEnd();
  const logsBefore = client.logs.length;
  client.settings = { ...client.settings, model: "bundled" };
  await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
  await back;
  await waitFor(() => client.logs.slice(logsBefore).some((l) => /files, \d+ chunks \(0 embedded\)/.test(l)), 10_000, "the bundled index to be reused");
  assert.equal((await search("tallest mountain on Earth")).model, "bundled:use-lite");
});

test("malformed requests get InvalidParams with a reason, and the server stays up", async () => {
  const expectError = async (method: string, params: unknown, code: number, pattern: RegExp) => {
    await assert.rejects(client.conn.sendRequest(method, params), (e: any) => e.code === code && pattern.test(e.message));
  };
  await expectError("semanticSearch/search", { query: 42 }, -32602, /query must be a non-empty string/);
  await expectError("semanticSearch/search", { query: "x", topK: -1 }, -32602, /topK/);
  await expectError("semanticSearch/search", { query: "x", filter: "category=science" }, -32602, /filter must be an object/);
  await expectError("semanticSearch/similar", { uri: uri("facts/09-tokyo.md") }, -32602, /range/);
  await expectError("semanticSearch/embed", {}, -32602, /text must be a non-empty string/);
  await expectError("semanticSearch/nope", {}, -32601, /Unhandled method|not found/i);
  const status: any = await client.conn.sendRequest("semanticSearch/status");
  assert.equal(status.state, "idle");
});

test("a cancelled request is answered with RequestCancelled", async () => {
  const source = new CancellationTokenSource();
  const pending = client.conn.sendRequest("semanticSearch/search", { query: "anything at all about rivers" }, source.token);
  source.cancel();
  await assert.rejects(pending, (e: any) => e.code === -32800);
  assert.ok((await search("rivers")).results.length > 0, "the server still answers");
});

test("reindex rebuilds from scratch", async () => {
  const end = client.nextIndexingEnd();
  const logsBefore = client.logs.length;
  await client.conn.sendRequest("semanticSearch/reindex", {});
  await end;
  await waitFor(() => client.logs.slice(logsBefore).some((l) => /\((\d+) embedded\)/.test(l) && !/\(0 embedded\)/.test(l)), 10_000, "a full re-embed");
  assert.equal(await topUri("tallest mountain on Earth"), uri("facts/everest.md"));
});
