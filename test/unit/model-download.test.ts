// The first-run "Download" button's fetch, against a stand-in hub on loopback.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DownloadCancelled, downloadModel, isHubId, type DownloadProgress } from "../../server/src/embedding/model-download";
import { loadTransformersProvider } from "../../server/src/embedding/transformers";
import { startFakeHub, type FakeHub } from "../helpers/fake-hub";

const TINY = join(__dirname, "..", "fixtures", "tiny-model", "semsearch", "tiny-bert");
let hub: FakeHub;
let slowHub: FakeHub;
let dir: string;

before(async () => {
  hub = await startFakeHub({ "semsearch/tiny-bert": TINY, "semsearch/no-onnx": join(TINY, "onnx") });
  // 1 KB every 20 ms: the 32 KB ONNX file takes over half a second, long enough to cancel.
  slowHub = await startFakeHub({ "semsearch/tiny-bert": TINY }, { throttle: { chunk: 1024, everyMs: 20 } });
  dir = mkdtempSync(join(tmpdir(), "download-"));
});
after(async () => {
  await hub?.close();
  await slowHub?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a download fetches the model's files into <models>/<id>/, reporting bytes as they come", async () => {
  const seen: DownloadProgress[] = [];
  const result = await downloadModel({ modelId: "semsearch/tiny-bert", modelsDir: dir, hub: hub.url, onProgress: (p) => seen.push(p) });
  const target = join(dir, "semsearch", "tiny-bert");
  assert.equal(result.dir, target);
  for (const f of ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model_quantized.onnx"]) {
    assert.deepEqual(readFileSync(join(target, f)), readFileSync(join(TINY, f)), f);
  }
  // The hub has no special_tokens_map.json for this model: optional, so skipped.
  assert.ok(!existsSync(join(target, "special_tokens_map.json")));
  assert.ok(hub.requests.includes("/semsearch/tiny-bert/resolve/main/special_tokens_map.json"));
  const expected = ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model_quantized.onnx"].reduce((n, f) => n + readFileSync(join(TINY, f)).length, 0);
  assert.equal(result.bytes, expected);
  assert.equal(seen.at(-1)?.received, expected);
  assert.ok(seen.some((p) => p.file === "onnx/model_quantized.onnx"));
  // No scratch folder is left beside it.
  assert.deepEqual(readdirSync(join(dir, "semsearch")), ["tiny-bert"]);
  // And the loader finds it there, with downloads still off.
  const provider = await loadTransformersProvider({ modelId: "semsearch/tiny-bert", localModelPath: dir, cacheDir: dir, allowRemote: false });
  assert.ok(provider.dimensions > 0);
  await provider.dispose();
});

test("a cancelled download stops and leaves nothing where the loader would look", async () => {
  const models = mkdtempSync(join(tmpdir(), "download-cancel-"));
  try {
    const abort = new AbortController();
    const pending = downloadModel({
      modelId: "semsearch/tiny-bert",
      modelsDir: models,
      hub: slowHub.url,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.file === "onnx/model_quantized.onnx" && p.received > 0) abort.abort();
      },
    });
    await assert.rejects(pending, (err: Error) => err instanceof DownloadCancelled);
    assert.deepEqual(readdirSync(models).flatMap((d) => readdirSync(join(models, d))), []);
  } finally {
    rmSync(models, { recursive: true, force: true });
  }
});

test("a model the hub lacks fails with the address and the HTTP status, and leaves nothing", async () => {
  const models = mkdtempSync(join(tmpdir(), "download-404-"));
  try {
    await assert.rejects(downloadModel({ modelId: "semsearch/absent", modelsDir: models, hub: hub.url }), /semsearch\/absent\/resolve\/main\/config\.json failed: HTTP 404/);
    // A model whose folder lacks a required file fails too, not half-saved.
    await assert.rejects(downloadModel({ modelId: "semsearch/no-onnx", modelsDir: models, hub: hub.url }), /HTTP 404/);
    assert.deepEqual(readdirSync(models).flatMap((d) => readdirSync(join(models, d))), []);
  } finally {
    rmSync(models, { recursive: true, force: true });
  }
});

test("an unreachable hub says which address and what to do", async () => {
  await assert.rejects(downloadModel({ modelId: "semsearch/tiny-bert", modelsDir: dir, hub: "http://127.0.0.1:9" }), /Could not reach http:\/\/127\.0\.0\.1:9\/semsearch\/tiny-bert\/resolve\/main\/config\.json.*copy the model folder/);
});

test("only hub ids can be downloaded: no paths, nothing that climbs out of the models folder", async () => {
  assert.ok(isHubId("Xenova/all-MiniLM-L6-v2"));
  assert.ok(isHubId("bert-base-uncased"));
  for (const bad of ["../etc", "a/../../b", "/abs/path", "a/b/c", "a b/c", ""]) assert.equal(isHubId(bad), false, bad);
  await assert.rejects(downloadModel({ modelId: "../escape", modelsDir: dir, hub: hub.url }), /not a Hugging Face model id/);
});
