// The first-run model choice, as the VS Code extension drives it: a client that asks the user
// (initializationOptions.askForMissingModel) gets state "needs-model" instead of a silent fallback,
// and the model is fetched only when it sends semanticSearch/downloadModel.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CancellationTokenSource } from "vscode-languageserver-protocol/node";
import { DownloadModelRequest, SearchRequest, StatusRequest, type DownloadModelParams } from "../../shared/src/protocol";
import { startFakeHub, type FakeHub } from "../helpers/fake-hub";
import { startClient, waitFor, type Client } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const TINY = join(__dirname, "..", "fixtures", "tiny-model", "semsearch", "tiny-bert");
const MODEL = "semsearch/tiny-bert";
const temp: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temp.push(dir);
  return dir;
};
let hub: FakeHub;
let slowHub: FakeHub;

before(async () => {
  hub = await startFakeHub({ [MODEL]: TINY });
  slowHub = await startFakeHub({ [MODEL]: TINY }, { throttle: { chunk: 512, everyMs: 25 } });
});
after(async () => {
  await hub?.close();
  await slowHub?.close();
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

async function start(hubUrl: string, opts: { ask?: boolean } = {}): Promise<{ client: Client; models: string }> {
  const root = tempDir("choice-ws-");
  cpSync(KB, root, { recursive: true });
  const models = tempDir("choice-models-");
  const client = await startClient({
    folders: [root],
    storagePath: tempDir("choice-store-"),
    settings: { model: MODEL },
    initializationOptions: { askForMissingModel: opts.ask ?? true },
    env: { SEMSEARCH_MODELS: models, SEMSEARCH_HUB: hubUrl },
  });
  return { client, models };
}

test("a missing model puts the server in needs-model, with what a download would fetch; nothing is fetched", async () => {
  const { client, models } = await start(hub.url);
  // The first test: nothing has asked the hub for anything yet.
  try {
    const status = await client.conn.sendRequest(StatusRequest.type);
    assert.equal(status.state, "needs-model");
    assert.equal(status.missingModel?.model, MODEL);
    assert.equal(status.missingModel?.source, `${hub.url}/${MODEL}`);
    assert.equal(status.missingModel?.downloadable, true);
    assert.ok(status.missingModel?.lookedIn.some((d: string) => d.startsWith(models)));
    assert.match(status.message ?? "", /not on this computer/);
    assert.equal(status.chunks, 0);
    assert.deepEqual(hub.requests, []);
    assert.deepEqual(readdirSync(models), []);
    // Searching says why there are no results rather than failing.
    const result = await client.conn.sendRequest(SearchRequest.type, { query: "Eiffel Tower" });
    assert.deepEqual(result.results, []);
  } finally {
    await client.stop();
  }
});

test("downloadModel fetches the model with work-done progress, then the folder indexes with it", async () => {
  const { client } = await start(hub.url);
  try {
    const token = "download-1";
    const indexed = client.nextIndexingEnd();
    const result = await client.conn.sendRequest(DownloadModelRequest.type, { model: MODEL, workDoneToken: token });
    assert.equal(result.model, MODEL);
    assert.ok(result.bytes > 30_000, String(result.bytes));
    const progress = client.progressByToken.filter((p) => p.token === token).map((p) => p.value);
    assert.equal(progress[0]?.kind, "begin", JSON.stringify(progress));
    assert.match(progress[0].title ?? "", /Downloading semsearch\/tiny-bert/);
    assert.equal(progress.at(-1)?.kind, "end");
    await indexed;
    await waitFor(async () => (await client.conn.sendRequest(StatusRequest.type)).state === "idle", 60_000, "idle");
    const status = await client.conn.sendRequest(StatusRequest.type);
    assert.equal(status.model, MODEL);
    assert.equal(status.chunks, 20);
    assert.equal(status.missingModel, undefined);
  } finally {
    await client.stop();
  }
});

test("a cancelled download answers RequestCancelled, keeps nothing, and the choice is still open", async () => {
  const { client, models } = await start(slowHub.url);
  try {
    const source = new CancellationTokenSource();
    const pending = client.conn.sendRequest(DownloadModelRequest.type, { model: MODEL }, source.token);
    await waitFor(() => slowHub.requests.some((r) => r.endsWith("model_quantized.onnx")), 30_000, "the ONNX file to be asked for");
    source.cancel();
    await assert.rejects(pending, (err: any) => err.code === -32800);
    assert.deepEqual(readdirSync(models).flatMap((d) => readdirSync(join(models, d))), []);
    assert.equal((await client.conn.sendRequest(StatusRequest.type)).state, "needs-model");
  } finally {
    await client.stop();
  }
});

test("bad downloadModel params get InvalidParams; the server keeps running", async () => {
  const { client } = await start(hub.url);
  try {
    for (const params of [{}, { model: "../../etc" }, { model: 42 }]) {
      await assert.rejects(client.conn.sendRequest(DownloadModelRequest.type, params as DownloadModelParams), (err: any) => err.code === -32602 && /Hugging Face model id/.test(err.message));
    }
    assert.equal((await client.conn.sendRequest(StatusRequest.type)).state, "needs-model");
  } finally {
    await client.stop();
  }
});

test("a client that does not ask keeps today's behaviour: the bundled model, and a note saying so", async () => {
  const asked = hub.requests.length;
  const { client } = await start(hub.url, { ask: false });
  try {
    const status = await client.conn.sendRequest(StatusRequest.type);
    assert.equal(status.state, "idle");
    assert.equal(status.model, "bundled:use-lite");
    assert.match(status.message ?? "", /Using the bundled offline model instead/);
    assert.equal(hub.requests.length, asked);
  } finally {
    await client.stop();
  }
});
