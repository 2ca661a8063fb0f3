// The bundled model must load every time: in ~550 search processes one once exited with "Backend
// 'wasm' has not yet been initialized" (TF.js's backend start raced the graph's load). Here the
// loader runs cold 200 times, each in a fresh process (onnxruntime's native addon loads once per
// process, so fresh worker threads cannot load it again), as many at once as there are cores; each
// must load the default runtime (onnx, not a fallback) and give the reference vector. The TF.js
// runtime, still the fallback, is loaded cold 10 times as well.
// The child is bundled once with esbuild, so that a process costs node's start-up and the model's
// load, not a TypeScript compile: about 0.4 s of CPU a load.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { fallbackNote, loadBundledProvider } from "../../server/src/embedding/bundled";

const ROOT = join(__dirname, "..", "..");
const TEXT = "The Eiffel Tower was built for the 1889 World's Fair in Paris.";
// Inside the repository, so that the child resolves the packages (and their dynamic imports) as dist/ does.
mkdirSync(join(ROOT, "node_modules", ".cache"), { recursive: true });
const work = mkdtempSync(join(ROOT, "node_modules", ".cache", "bundled-cold-"));
const child = join(work, "load-bundled.cjs");
let reference: Float32Array;

before(async () => {
  await build({
    stdin: {
      contents: `
        import { loadBundledProvider } from "./server/src/embedding/bundled";
        loadBundledProvider().then(async (p) => {
          const [v] = await p.embed([${JSON.stringify(TEXT)}]);
          process.stdout.write(JSON.stringify({ runtime: p.backend, line: p.runtime, vector: Array.from(v) }));
          await p.dispose();
        }, (err) => { process.stderr.write(String(err && err.message)); process.exit(1); });`,
      resolveDir: ROOT,
      loader: "ts",
    },
    outfile: child,
    bundle: true,
    platform: "node",
    format: "cjs",
    packages: "external",
    logLevel: "error",
  });
  const provider = await loadBundledProvider({ runtime: "onnx" });
  [reference] = await provider.embed([TEXT]);
  await provider.dispose();
});
after(() => rmSync(work, { recursive: true, force: true }));

interface Outcome {
  code: number;
  stderr: string;
  runtime?: string;
  /** The provider's line for the log (EmbeddingProvider.runtime). */
  line?: string;
  vector?: number[];
}

function coldLoad(env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [child], { env: { ...process.env, ...env }, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve(code === 0 ? { code, stderr, ...JSON.parse(stdout) } : { code, stderr });
    });
  });
}

/** `count` cold loads, `availableParallelism()` at a time. */
async function coldLoads(count: number, env: Record<string, string>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      outcomes.push(await coldLoad(env));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, lane));
  return outcomes;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot; // both are unit vectors
}

test("200 cold loads of the bundled model in fresh processes all load onnxruntime and embed", async () => {
  const outcomes = await coldLoads(200, { SEMSEARCH_BUNDLED_RUNTIME: "" });
  assert.equal(outcomes.length, 200);
  const failed = outcomes.filter((o) => o.code !== 0);
  assert.deepEqual(failed.map((o) => o.stderr), [], `${failed.length} of 200 loads failed`);
  for (const o of outcomes) {
    assert.equal(o.runtime, "onnx");
    assert.equal(o.line, undefined, "the default runtime is nothing to log");
    assert.ok(cosine(o.vector!, reference) > 0.99999);
  }
});

test("10 cold loads of the TF.js fallback wait for its backend and embed", async () => {
  const outcomes = await coldLoads(10, { SEMSEARCH_BUNDLED_RUNTIME: "tfjs" });
  for (const o of outcomes) {
    assert.equal(o.code, 0, o.stderr);
    assert.equal(o.runtime, "tfjs");
    assert.equal(o.line, undefined, "a runtime chosen by SEMSEARCH_BUNDLED_RUNTIME is nothing to log");
    assert.ok(cosine(o.vector!, reference) >= 0.999);
  }
});

test("the log says why the bundled model runs on TF.js only when onnxruntime failed to load", () => {
  assert.equal(fallbackNote(undefined, "onnx", []), undefined);
  assert.equal(fallbackNote("tfjs", "tfjs", []), undefined);
  assert.equal(fallbackNote(undefined, "tfjs", ["onnx: cannot open shared object file"]), "The bundled model runs on TensorFlow.js, which is slower: onnxruntime did not load (onnx: cannot open shared object file).");
});
