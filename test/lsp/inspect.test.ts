// The model inspector's requests over LSP, against whichever model the server has loaded: the
// tiny fixture model first (checked against its numpy reference), then the bundled model.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startClient, type Client } from "./lsp-client";

const FIXTURE = join(__dirname, "..", "fixtures", "tiny-model");
const TINY_MODEL = join(FIXTURE, "semsearch", "tiny-bert");
const expected = JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8"));
const TEXT = expected.journey.text as string;

let root: string;
let storage: string;
let client: Client;
const request = (method: string, params: unknown) => client.conn.sendRequest(`semanticSearch/${method}`, params) as Promise<any>;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "lsp-inspect-"));
  storage = mkdtempSync(join(tmpdir(), "lsp-inspect-store-"));
  writeFileSync(join(root, "paris.md"), "# Paris\n\nThe Eiffel Tower is in Paris.\n");
  client = await startClient({ folders: [root], storagePath: storage, settings: { model: TINY_MODEL, fallbackToBundled: false } });
});

after(async () => {
  await client?.stop();
  rmSync(root, { recursive: true, force: true });
  rmSync(storage, { recursive: true, force: true });
});

test("inspect/weights: every tensor of the loaded model with numpy's statistics, and where its files are", async () => {
  const w = await request("inspect/weights", {});
  assert.equal(w.model, TINY_MODEL);
  assert.equal(w.directory, TINY_MODEL);
  assert.equal(w.weightsFile, "onnx/model.onnx");
  assert.equal(w.total_weights, expected.weights.total);
  assert.equal(w.tensors.length, expected.weights.fp32.length);
  for (const ref of expected.weights.fp32) {
    const t = w.tensors.find((x: any) => x.layer_name === ref.name);
    assert.deepEqual([t.shape, t.total_weights, t.minimum, t.maximum, t.first_10_values], [ref.shape, ref.total, ref.min, ref.max, ref.first_10_values], ref.name);
    assert.ok(Math.abs(t.mean - ref.mean) < 1e-9 && Math.abs(t.std_deviation - ref.std) < 1e-9, ref.name);
  }
  assert.ok(w.files.some((f: any) => f.path === "onnx/model_quantized.onnx"));
});

test("inspect/tensor pages through one tensor; inspect/exportTensorCsv writes it all", async () => {
  const ref = expected.weights.fp32.find((x: any) => x.name === "embeddings.word_embeddings.weight");
  const page = await request("inspect/tensor", { name: ref.name, offset: 5, limit: 5 });
  assert.deepEqual([page.total, page.offset, page.shape], [896, 5, [56, 16]]);
  assert.deepEqual(page.values, ref.first_10_values.slice(5, 10));
  const file = join(storage, "one_layer_full.csv");
  const out = await request("inspect/exportTensorCsv", { name: ref.name, path: file });
  assert.equal(out.rows, 896);
  const lines = readFileSync(file, "utf8").trimEnd().split("\n");
  assert.equal(lines.length, 897);
  assert.equal(out.bytes, readFileSync(file).length);
});

test("inspect/journey: a stop after the embeddings and after each layer, matching numpy, ending at the search's embedding", async () => {
  const j = await request("inspect/journey", { text: TEXT, token: "eiffel" });
  assert.deepEqual(j.tokens, expected.journey.tokens);
  assert.equal(j.layers, 2);
  assert.deepEqual(j.focus, { kind: "token", index: 2, token: "eiffel" });
  assert.deepEqual(j.stops.map((s: any) => [s.name, s.kind]), [["embeddings", "token"], ["layer 1", "token"], ["layer 2", "token"], ["mean pooled", "sentence"], ["normalised (the embedding)", "sentence"]]);
  assert.equal(j.stops[0].values.length, 16, "20 values asked by default, the model has 16");
  j.stops.slice(0, 3).forEach((s: any, k: number) =>
    s.values.forEach((v: number, i: number) => assert.ok(Math.abs(v - expected.journey.q8.stops[k].hidden[2][i]) < 2e-4, `stop ${k}[${i}]`)),
  );
  const emb = await request("embed", { text: TEXT });
  j.stops[4].values.forEach((v: number, i: number) => assert.ok(Math.abs(v - emb.vector[i]) < 1e-6, `embedding[${i}]`));
});

test("inspect/attention: one token's attention in one layer, averaged over heads, matching numpy", async () => {
  const a = await request("inspect/attention", { text: TEXT, layer: 2, token: 3 });
  assert.deepEqual([a.layer, a.layers, a.heads, a.token], [2, 2, 2, { index: 3, token: "tower" }]);
  a.weights.forEach((w: any, i: number) => assert.ok(Math.abs(w.weight - expected.journey.q8.attention[1][3][i]) < 1e-4, `weight ${i}`));
});

test("compare: cosine similarity of each text to the anchor, and the first two side by side", async () => {
  const c = await request("compare", { anchor: expected.embeddings[0].text, texts: [expected.embeddings[1].text, expected.embeddings[2].text], values: 16 });
  const [a, b, m] = [0, 1, 2].map((i) => expected.embeddings[i].q8.embedding as number[]);
  const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
  assert.equal(c.dimensions, 16);
  assert.ok(Math.abs(c.results[0].score - dot(a, b)) < 1e-4);
  assert.ok(Math.abs(c.results[1].score - dot(a, m)) < 1e-4);
  assert.equal(c.sideBySide.rows.length, 16);
});

test("bad parameters are InvalidParams with a message; a missing token or layer is a failed request", async () => {
  const code = async (method: string, params: unknown) => {
    try {
      await request(method, params);
      return undefined;
    } catch (err) {
      return [(err as { code: number }).code, (err as Error).message];
    }
  };
  assert.deepEqual(await code("inspect/journey", { text: "  " }), [-32602, "semanticSearch/inspect/journey: text must be a non-empty string"]);
  assert.deepEqual(await code("inspect/attention", { text: "x", token: 0 }), [-32602, "semanticSearch/inspect/attention: layer is required (1 is the first transformer layer)"]);
  assert.deepEqual(await code("inspect/exportTensorCsv", { name: "x", path: "relative.csv" }), [-32602, "semanticSearch/inspect/exportTensorCsv: path must be an absolute file path"]);
  assert.deepEqual(await code("compare", { anchor: "a", texts: [] }), [-32602, "semanticSearch/compare: texts must be an array of 1 to 100 strings"]);
  const [failed, message] = (await code("inspect/attention", { text: TEXT, layer: 1, token: "louvre" }))!;
  assert.equal(failed, -32803);
  assert.match(message as string, /no token "louvre"/);
  assert.match((await code("inspect/tensor", { name: "nope" }))![1] as string, /no weight tensor named "nope"/);
  // Registered by their RequestType (one parameter), the handlers never see a request without params:
  // it is refused as InvalidParams, not run with the cancellation token in place of the params.
  for (const method of ["inspect/weights", "inspect/tensor", "compare"]) {
    const none = await client.conn.sendRequest(`semanticSearch/${method}`).then(
      () => undefined,
      (err: { code: number }) => err.code,
    );
    assert.equal(none, -32602, `${method} without params`);
  }
});

test("after switching to the bundled model, the requests look at it: its manifest's weights and its 2 layers", async () => {
  const end = client.nextIndexingEnd();
  client.settings = { ...client.settings, model: "bundled" };
  await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
  await end;
  const w = await request("inspect/weights", {});
  assert.deepEqual([w.model, w.format, w.total_weights, w.tensors.length], ["bundled:use-lite", "tfjs", 6_975_914, 61]);
  const j = await request("inspect/journey", { text: "The Eiffel Tower is in Paris.", values: 3 });
  assert.deepEqual(j.stops.map((s: any) => [s.name, s.width]), [["embeddings", 256], ["layer 1", 512], ["layer 2", 512], ["mean pooled", 512], ["tanh dense layer", 512], ["normalised (the embedding)", 512]]);
  const a = await request("inspect/attention", { text: "The Eiffel Tower is in Paris.", layer: 1, token: "Tower" });
  assert.equal(a.heads, 4);
  assert.equal(a.weights.length, 10);
});
