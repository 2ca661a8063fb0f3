// Cancellation reaches the engine. While the embedding worker is busy (here with one long compare
// request, as it would be with a slow model or a loaded machine), a fast typist's queries pile up:
// a newer search supersedes the older ones and a cancelled one is dropped before its embedding, so
// only the newest query waiting when the worker comes free is computed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CancellationTokenSource } from "vscode-languageserver-protocol/node";
import { CompareRequest, SearchRequest, StatusRequest } from "../../shared/src/protocol";
import { delay, startClient, type Client } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
let root: string;
let storage: string;
let client: Client;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "cancel-ws-"));
  storage = mkdtempSync(join(tmpdir(), "cancel-store-"));
  cpSync(KB, root, { recursive: true });
  client = await startClient({ folders: [root], storagePath: storage });
});

after(async () => {
  await client?.stop();
  rmSync(root, { recursive: true, force: true });
  rmSync(storage, { recursive: true, force: true });
});

/** One job that holds the embedding worker for several seconds: 40 texts of 10,000 characters in one call. */
// The bundled model reads 128 tokens of a text and runs on onnxruntime, so a few hundred texts are
// needed to hold the worker for seconds: five compare requests of 100 (the most one takes).
function occupyEmbeddingWorker(): Promise<unknown> {
  const long = (i: number) => Array.from({ length: 700 }, (_, k) => `word${(i * 7 + k) % 500} tides glaciers`).join(" ").slice(0, 10_000);
  const compare = (n: number) => client.conn.sendRequest(CompareRequest.type, { anchor: long(n), texts: Array.from({ length: 100 }, (_, i) => long(n + i + 1)) });
  return Promise.all([0, 1, 2, 3, 4].map((n) => compare(n * 100)));
}

const queries = async () => (await client.conn.sendRequest(StatusRequest.type)).queries!;

test("20 queries 20 ms apart while the worker is busy: only the newest waiting one is computed", async () => {
  const busy = occupyEmbeddingWorker();
  await delay(100);
  const before = await queries();
  const outcomes: Promise<{ ok: boolean; code?: number; results?: number }>[] = [];
  for (let i = 0; i < 20; i++) {
    outcomes.push(
      client.conn.sendRequest(SearchRequest.type, { query: `where is the eiffel tower ${i}`, topK: 3 }).then(
        (r) => ({ ok: true, results: r.results.length }),
        (err) => ({ ok: false, code: err.code }),
      ),
    );
    await delay(20);
  }
  const settled = await Promise.all(outcomes);
  await busy;
  const after = await queries();
  // How many pile up depends on how long the worker stays busy (the model's speed, the machine's
  // load); what must hold is that only the newest query waiting when the worker comes free runs.
  const computed = settled.filter((s) => s.ok).length;
  assert.ok(settled[19].ok && settled[19].results! > 0, "the last query is answered");
  assert.ok(computed <= 3, `most queries were superseded while the worker was busy: ${JSON.stringify(settled)}`);
  assert.ok(settled.every((s) => s.ok || s.code === -32802), "superseded searches answer ServerCancelled");
  assert.equal(after.embedded - before.embedded, computed, "the superseded queries were dropped before the model ran");
  assert.equal(after.cancelled - before.cancelled, 20 - computed);
});

test("a search the client cancels while it waits is never embedded, and the server goes on", async () => {
  const busy = occupyEmbeddingWorker();
  await delay(100);
  const before = await queries();
  const source = new CancellationTokenSource();
  const pending = client.conn.sendRequest(SearchRequest.type, { query: "how many cells are in the human body", topK: 3 }, source.token);
  await delay(50);
  source.cancel();
  await assert.rejects(pending, (err: { code?: number }) => err.code === -32800);
  await busy;
  const after = await queries();
  assert.equal(after.embedded - before.embedded, 0);
  assert.equal(after.cancelled - before.cancelled, 1);
  const answer = await client.conn.sendRequest(SearchRequest.type, { query: "how many cells are in the human body", topK: 3 });
  assert.match(answer.results[0].uri, /01-human-cells\.md$/);
});
