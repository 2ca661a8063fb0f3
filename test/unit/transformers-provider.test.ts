// The transformers.js provider against the tiny fixture model. The expected vectors were
// computed independently in numpy by scripts/make-tiny-model.py, so these tests check the
// tokenizer, the ONNX run, our pooling and our normalisation end to end, all offline.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadTransformersProvider } from "../../server/src/embedding/transformers";
import { l2Normalize, meanPool } from "../../server/src/embedding/pooling";
import { ModelLoadError, type EmbeddingProvider } from "../../server/src/embedding/provider";

const FIXTURE = path.resolve(__dirname, "../fixtures/tiny-model");
const MODEL_ID = "semsearch/tiny-bert";

interface Reference {
  last_hidden_state: number[][];
  embedding: number[];
}
interface ExpectedEntry {
  text: string;
  tokens: string[];
  input_ids: number[];
  truncated_to: number | null;
  fp32: Reference;
  q8: Reference;
}
const expected = JSON.parse(readFileSync(path.join(FIXTURE, "expected.json"), "utf8")) as {
  model: { hidden_size: number; max_position_embeddings: number };
  embeddings: ExpectedEntry[];
};

// Every load below has downloads off: any fetch would be a bug, so record them all.
const realFetch = globalThis.fetch;
const fetched: string[] = [];
globalThis.fetch = (async (input: unknown) => {
  fetched.push(String(input));
  throw new Error("network access in a test");
}) as typeof fetch;

const providers: EmbeddingProvider[] = [];
async function load(extra: { dtype?: "q8" | "fp32"; maxTokens?: number; modelId?: string } = {}) {
  const p = await loadTransformersProvider({ modelId: MODEL_ID, localModelPath: FIXTURE, allowRemote: false, ...extra });
  providers.push(p);
  return p;
}
after(async () => {
  for (const p of providers) await p.dispose();
  globalThis.fetch = realFetch;
});

function assertClose(actual: ArrayLike<number>, wanted: ArrayLike<number>, tol: number, what: string) {
  assert.equal(actual.length, wanted.length, `${what}: length`);
  for (let i = 0; i < wanted.length; i++) {
    assert.ok(Math.abs(actual[i] - wanted[i]) <= tol, `${what}[${i}]: got ${actual[i]}, expected ${wanted[i]}`);
  }
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

test("meanPool averages only unmasked tokens, per batch row", () => {
  // batch 2, seq 3, hidden 2; row 0 has a padded last token, row 1 is all padding.
  const hidden = Float32Array.from([1, 2, 3, 4, 100, 100, 5, 5, 6, 6, 7, 7]);
  const mask = BigInt64Array.from([1n, 1n, 0n, 0n, 0n, 0n]);
  const [a, b] = meanPool(hidden, [2, 3, 2], mask);
  assert.deepEqual(Array.from(a), [2, 3]); // (1+3)/2, (2+4)/2: the 100s are ignored
  assert.deepEqual(Array.from(b), [0, 0]);
  // Plain number masks too.
  const [c] = meanPool(Float32Array.from([2, 0, 4, 6]), [1, 2, 2], [1, 1]);
  assert.deepEqual(Array.from(c), [3, 3]);
  assert.throws(() => meanPool(hidden, [2, 2, 2], mask), /dims/);
});

test("l2Normalize gives unit length and leaves zero vectors at zero", () => {
  assert.deepEqual(Array.from(l2Normalize(Float32Array.from([3, 4]))), [0.6000000238418579, 0.800000011920929]);
  const zero = l2Normalize(new Float32Array(3));
  assert.deepEqual(Array.from(zero), [0, 0, 0]);
  const input = Float32Array.from([1, 1]);
  l2Normalize(input);
  assert.deepEqual(Array.from(input), [1, 1], "input is not modified");
});

test("the fixture tokenizer and encoder reproduce the numpy reference", async () => {
  // Straight through transformers.js, so that a mismatch below can be told apart from a pooling bug.
  const hf = await import("@huggingface/transformers");
  await load(); // sets env.localModelPath / allowRemoteModels
  const tokenizer = await hf.AutoTokenizer.from_pretrained(MODEL_ID);
  const model = await hf.AutoModel.from_pretrained(MODEL_ID, { dtype: "fp32", device: "cpu" });
  try {
    for (const e of expected.embeddings.filter((x) => x.truncated_to === null)) {
      const enc = tokenizer(e.text);
      assert.deepEqual(Array.from(enc.input_ids.data as BigInt64Array, Number), e.input_ids, e.text);
      const out = await model(enc);
      assertClose(out.last_hidden_state.data as Float32Array, e.fp32.last_hidden_state.flat(), 1e-4, e.text);
    }
  } finally {
    await model.dispose();
  }
});

for (const dtype of ["q8", "fp32"] as const) {
  test(`${dtype}: embeddings match the numpy reference and have unit length`, async () => {
    const provider = await load({ dtype });
    assert.equal(provider.modelId, MODEL_ID);
    assert.equal(provider.dimensions, expected.model.hidden_size);
    // Default min(256, max_position_embeddings).
    assert.equal(provider.maxTokens, expected.model.max_position_embeddings);
    for (const e of expected.embeddings) {
      const [v] = await provider.embed([e.text]);
      assert.ok(v instanceof Float32Array);
      assertClose(v, e[dtype].embedding, 1e-4, `${dtype} "${e.text.slice(0, 30)}"`);
      assert.ok(Math.abs(norm(v) - 1) < 1e-5, `norm ${norm(v)}`);
    }
  });
}

test("the q8 and fp32 files really differ (model_quantized.onnx is quantised)", async () => {
  const [q] = await (await load({ dtype: "q8" })).embed(["machine learning"]);
  const [f] = await (await load({ dtype: "fp32" })).embed(["machine learning"]);
  assert.ok(Array.from(q).some((x, i) => Math.abs(x - f[i]) > 1e-4));
});

test("a batch of different lengths gives the same vectors as one text at a time", async () => {
  const provider = await load();
  const texts = expected.embeddings.map((e) => e.text).concat(["", "paris"]);
  const batch = await provider.embed(texts);
  assert.equal(batch.length, texts.length);
  for (let i = 0; i < texts.length; i++) {
    const [single] = await provider.embed([texts[i]]);
    assertClose(batch[i], single, 1e-5, `text ${i}`);
  }
  assert.deepEqual(await provider.embed([]), []);
});

test("long texts are truncated to maxTokens, keeping the closing [SEP]", async () => {
  const provider = await load({ maxTokens: 16 });
  assert.equal(provider.maxTokens, 16);
  const sentence = "the eiffel tower is in paris .";
  const long = Array(200).fill(sentence).join(" "); // 1400 tokens: would overflow 64 positions
  const [cut] = await provider.embed([long]);
  // 14 word pieces + [CLS] + [SEP] = 16 tokens: exactly what the truncated text must have become.
  const [head] = await provider.embed([`${sentence} ${sentence}`]);
  assertClose(cut, head, 1e-5, "truncated");
  // maxTokens can never exceed the model's positions.
  assert.equal((await load({ maxTokens: 10_000 })).maxTokens, expected.model.max_position_embeddings);
});

test("a model folder path works as the model id", async () => {
  const dir = path.join(FIXTURE, "semsearch", "tiny-bert");
  const provider = await loadTransformersProvider({ modelId: dir, allowRemote: false });
  providers.push(provider);
  assert.equal(provider.modelId, dir);
  const [v] = await provider.embed([expected.embeddings[0].text]);
  assertClose(v, expected.embeddings[0].q8.embedding, 1e-4, "path model");
});

test("an unknown model rejects with ModelLoadError naming the model, the folder and the fix", async () => {
  await assert.rejects(
    loadTransformersProvider({ modelId: "nobody/no-such-model", localModelPath: FIXTURE, allowRemote: false }),
    (err: unknown) => {
      assert.ok(err instanceof ModelLoadError);
      assert.equal(err.modelId, "nobody/no-such-model");
      const folder = path.join(FIXTURE, "nobody", "no-such-model");
      assert.ok(err.lookedIn.includes(folder), err.lookedIn.join());
      assert.match(err.message, /"nobody\/no-such-model"/);
      assert.ok(err.message.includes(folder), err.message);
      assert.match(err.message, /downloads are off/);
      assert.match(err.message, /semanticSearch\.localModelPath/);
      assert.match(err.message, /--allow-download/);
      return true;
    },
  );
  const missing = path.join(FIXTURE, "not-a-model");
  await assert.rejects(loadTransformersProvider({ modelId: missing }), (err: unknown) => {
    assert.ok(err instanceof ModelLoadError);
    assert.ok(err.message.includes(missing), err.message);
    return true;
  });
});

test("a folder that is both the local model folder and the download cache is named once", async () => {
  await assert.rejects(
    loadTransformersProvider({ modelId: "nobody/no-such-model", localModelPath: FIXTURE, cacheDir: FIXTURE, allowRemote: false }),
    (err: unknown) => {
      assert.ok(err instanceof ModelLoadError);
      const folder = path.join(FIXTURE, "nobody", "no-such-model");
      assert.deepEqual(err.lookedIn, [folder]);
      assert.equal(err.message.split(folder).length - 1, 1, err.message);
      assert.ok(err.message.includes(`${folder} (local model folder and download cache)`), err.message);
      return true;
    },
  );
});

test("nothing was fetched from the network", () => {
  assert.deepEqual(fetched, []);
});
