// The bundled model end to end through the built CLI (npm test builds first): index the example
// knowledge base with `--model bundled` (onnxruntime, the default runtime) and search it by meaning.
// The same index searched with the TF.js runtime ranks the same fact first with the same score:
// vectors from either runtime live in one index, so indexes built before the switch stay valid.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const work = mkdtempSync(join(tmpdir(), "bundled-cli-"));
cpSync(join(ROOT, "examples", "knowledge-base"), work, { recursive: true });
after(() => rmSync(work, { recursive: true, force: true }));

const QUERY = "Which landmark in Paris was built for a world's fair?";

function run(args: string[], runtime = "") {
  const r = spawnSync(CLI, args, { encoding: "utf8", env: { ...process.env, SEMSEARCH_BUNDLED_RUNTIME: runtime } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function search(runtime: string): { path: string; score: number }[] {
  const r = run(["search", QUERY, "--dir", work, "--model", "bundled", "--mode", "semantic", "--k", "3", "--no-server", "--json"], runtime);
  assert.equal(r.code, 0, r.err);
  // A plain search of a model that is there has nothing to tell: no runtime tag, no unload at exit.
  assert.equal(r.err, "");
  const out = JSON.parse(r.out) as { model: string; results: { path: string; score: number }[] };
  assert.equal(out.model, "bundled:use-lite");
  return out.results;
}

test("index --model bundled, then a search by meaning finds the Eiffel Tower fact first", () => {
  const indexed = run(["index", work, "--model", "bundled"]);
  assert.equal(indexed.code, 0, indexed.err);
  // A first index of a folder, with the model asked for, has nothing to tell on stderr.
  assert.equal(indexed.err, "");
  assert.match(indexed.out, /Indexed 20 files, 20 chunks .*model bundled:use-lite/);
  const results = search("");
  assert.equal(results[0].path, "05-eiffel-tower.md");
  assert.ok(results[0].score > results[1].score);
});

test("the TF.js runtime searching the same index ranks the same fact first with the same score", () => {
  const onnx = search("onnx");
  const tfjs = search("tfjs");
  assert.equal(tfjs[0].path, "05-eiffel-tower.md");
  assert.deepEqual(tfjs.map((r) => r.path), onnx.map((r) => r.path));
  for (let i = 0; i < onnx.length; i++) assert.ok(Math.abs(onnx[i].score - tfjs[i].score) < 0.002, `${onnx[i].score} vs ${tfjs[i].score}`);
});

test("a folder indexed with the bundled model because the default was missing is searched without the warning", () => {
  const folder = mkdtempSync(join(tmpdir(), "bundled-cli-fallback-"));
  const models = mkdtempSync(join(tmpdir(), "bundled-cli-no-models-"));
  try {
    cpSync(join(ROOT, "examples", "knowledge-base"), folder, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, SEMSEARCH_MODELS: models };
    delete env.SEMSEARCH_MODEL;
    const cli = (args: string[]) => spawnSync(CLI, args, { encoding: "utf8", env });
    // Indexing is where the choice is made, and said once, with the folder looked in named once.
    const indexed = cli(["index", folder]);
    assert.equal(indexed.status, 0, indexed.stderr);
    assert.match(indexed.stderr, /Using the bundled offline model instead/);
    assert.equal(indexed.stderr.split(join(models, "Xenova", "all-MiniLM-L6-v2")).length - 1, 1, indexed.stderr);
    // Each search then reads the vectors with the model that made them and has nothing to say.
    for (let i = 0; i < 2; i++) {
      const r = cli(["search", QUERY, "--dir", folder, "--mode", "semantic", "--k", "3", "--no-server", "--json"]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, "");
      const out = JSON.parse(r.stdout) as { model: string; results: { path: string }[] };
      assert.equal(out.model, "bundled:use-lite");
      assert.equal(out.results[0].path, "05-eiffel-tower.md");
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(models, { recursive: true, force: true });
  }
});
