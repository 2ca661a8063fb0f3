// What the first-run model choice shows: the question, the status bar, and the old-Node message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isNodeTooOld, missingModelQuestion, statusBarLook, statusLines } from "../../client/src/format";
import type { MissingModel, StatusResult } from "../../shared/src/protocol";
import { nodeSupportProblem } from "../../server/src/store/node-support";

const miniLM: MissingModel = {
  model: "Xenova/all-MiniLM-L6-v2",
  approxBytes: 23_700_000,
  source: "https://huggingface.co/Xenova/all-MiniLM-L6-v2",
  lookedIn: ["/home/u/.cache/semsearch/models/Xenova/all-MiniLM-L6-v2"],
  downloadable: true,
};

test("the question names the model, its size and where it would come from", () => {
  const q = missingModelQuestion(miniLM);
  assert.match(q, /^Semantic Search: the embedding model Xenova\/all-MiniLM-L6-v2 is not on this computer\./);
  assert.match(q, /about 24 MB/);
  assert.match(q, /from https:\/\/huggingface\.co\/Xenova\/all-MiniLM-L6-v2/);
  assert.match(q, /bundled offline model/);
  assert.match(q, /Nothing is downloaded unless you choose to/);
});

test("an unknown size or a folder path is said so, not guessed", () => {
  assert.match(missingModelQuestion({ ...miniLM, approxBytes: undefined }), /size not known before the download starts/);
  const folder = missingModelQuestion({ ...miniLM, model: "/models/mine", downloadable: false });
  assert.match(folder, /cannot be downloaded/);
  assert.doesNotMatch(folder, /Download it/);
});

test("while the choice is pending the status bar asks for it", () => {
  const status: StatusResult = { state: "needs-model", files: 0, chunks: 0, model: miniLM.model, storagePath: "/s", message: "The model is not on this computer.", missingModel: miniLM };
  const look = statusBarLook({ kind: "running", status });
  assert.equal(look.text, "$(cloud-download) Semantic Search: choose a model");
  assert.equal(look.severity, "warning");
  assert.ok(statusLines({ kind: "running", status }).some((l) => /waiting for a model choice/.test(l)));
});

test("the server's old-Node message is recognised, so the client offers another Node", () => {
  assert.ok(isNodeTooOld(nodeSupportProblem({ node: "20.18.3", napi: "9", electron: "34.5.8" })));
  assert.equal(isNodeTooOld("Cannot open the database /x: disk I/O error"), false);
  assert.equal(isNodeTooOld(undefined), false);
});
