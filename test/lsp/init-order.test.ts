// The LSP lifecycle over raw stdio: a request before initialize is answered ServerNotInitialized
// (-32002), not with a crash of a handler; notifications before it are dropped; a second initialize
// is refused with an error and the server keeps serving.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startRaw, type RawServer } from "./raw-rpc";
import { waitFor } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
let work: string;
let server: RawServer;

before(() => {
  work = mkdtempSync(join(tmpdir(), "init-order-"));
  cpSync(KB, join(work, "kb"), { recursive: true });
  server = startRaw();
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const SERVER_NOT_INITIALIZED = -32002;

function initializeParams() {
  const uri = pathToFileURL(join(work, "kb")).href;
  return {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri, name: "kb" }],
    initializationOptions: { storagePath: join(work, "storage"), settings: { model: "bundled" } },
    capabilities: {},
  };
}

test("requests before initialize get ServerNotInitialized, and notifications are dropped", async () => {
  for (const [method, params] of [
    ["semanticSearch/status", undefined],
    ["semanticSearch/search", { query: "eiffel tower" }],
    ["semanticSearch/similar", { uri: "file:///x.md", range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } }],
    ["semanticSearch/embed", { text: "hello" }],
    ["semanticSearch/reindex", {}],
    ["textDocument/hover", { textDocument: { uri: "file:///x.md" }, position: { line: 0, character: 0 } }],
  ] as const) {
    const reply = await server.request(method, params);
    assert.equal(reply.error?.code, SERVER_NOT_INITIALIZED, `${method}: ${JSON.stringify(reply)}`);
    assert.match(reply.error!.message, /not initialized.*initialize/i);
  }
  // Notifications that would touch the workspace: dropped, not crashing the server.
  server.notify("textDocument/didOpen", { textDocument: { uri: pathToFileURL(join(work, "kb", "early.md")).href, languageId: "markdown", version: 1, text: "# Early" } });
  server.notify("workspace/didChangeConfiguration", { settings: { semanticSearch: { model: "bundled" } } });
  server.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(join(work, "kb", "x.md")).href, type: 1 }] });
  const status = await server.request("semanticSearch/status");
  assert.equal(status.error?.code, SERVER_NOT_INITIALIZED);
  assert.ok(server.alive(), server.stderr.join(""));
});

test("initialize works after the refused requests; a second initialize is refused and the server keeps serving", async () => {
  const first = await server.request("initialize", initializeParams());
  assert.ok(first.result?.capabilities, JSON.stringify(first));
  server.notify("initialized", {});

  const second = await server.request("initialize", initializeParams());
  assert.equal(second.result, undefined, JSON.stringify(second));
  assert.ok(second.error, JSON.stringify(second));
  assert.notEqual(second.error!.code, SERVER_NOT_INITIALIZED);
  assert.match(second.error!.message, /already initialized/);

  // Still serving the first workspace: it indexes and answers a search.
  await waitFor(async () => (await server.request("semanticSearch/status")).result?.state === "idle", 120_000, "indexing to end");
  const found = await server.request("semanticSearch/search", { query: "Where is the Eiffel Tower?", topK: 3 });
  assert.ok(found.result?.results?.[0]?.uri.endsWith("05-eiffel-tower.md"), JSON.stringify(found).slice(0, 500));
  assert.ok(server.alive());
});

test("an initialize with malformed params is answered, its bad fields ignored, and the server serves", async () => {
  const other = startRaw();
  try {
    const init = await other.request("initialize", {
      processId: null,
      rootUri: 5,
      workspaceFolders: ["x", { uri: 7 }, { uri: "file:" }, { uri: "http://example.com/" }],
      initializationOptions: { model: 5, storagePath: 7, settings: "x", offline: "yes" },
      capabilities: "none",
    });
    assert.ok(init.result?.capabilities, JSON.stringify(init));
    other.notify("initialized", {});
    const status = await other.request("semanticSearch/status");
    assert.equal(status.result?.files, 0, JSON.stringify(status));
    const search = await other.request("semanticSearch/search", { query: "anything" });
    assert.deepEqual(search.result?.results, [], JSON.stringify(search));
    assert.ok(other.alive());
  } finally {
    await other.stop();
  }
});
