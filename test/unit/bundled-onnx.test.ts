// The bundled model (USE Lite) run by onnxruntime from its converted graph, against the same model
// run by TF.js (the runtime it replaced) in this process: the same token ids, and vectors with
// cosine >= 0.999 on 50 fixed texts, so that indexes built by either runtime stay valid.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { embedInWindows, loadBundledProvider } from "../../server/src/embedding/bundled";
import { windowTexts } from "../../server/src/embedding/use-lite/windows";
import { ModelLoadError, type EmbeddingProvider } from "../../server/src/embedding/provider";
import { loadUseLiteTfjs, type UseLiteTfjs } from "../../server/src/embedding/use-lite/tfjs-runner";
import { UseLiteTokenizer } from "../../server/src/embedding/use-lite/tokenizer";
import { readUseLiteFiles } from "../../server/src/embedding/use-lite/package-files";
import { buildUseLiteOnnx } from "../../server/src/embedding/use-lite/graph";
import { parseOnnx } from "../../server/src/inspect/onnx-model";
import { cosine } from "../../shared/src/vector-math";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");

/** 50 texts: the 20 knowledge-base articles (prose, several past the model's 128 tokens) and 30 more. */
const TEXTS: string[] = [
  ...readdirSync(KB)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => readFileSync(join(KB, f), "utf8")),
  "Which landmark in Paris was built for a world's fair?",
  "How do plants make food?",
  "a",
  "?",
  "The quick brown fox jumps over the lazy dog.",
  "export function add(a: number, b: number): number {\n  return a + b;\n}",
  "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)",
  "SELECT id, name FROM users WHERE created_at > NOW() - INTERVAL '7 days' ORDER BY name;",
  "const x = { a: [1, 2, 3], b: `template ${value}` }; // comment",
  "#include <stdio.h>\nint main(void) { printf(\"hi\\n\"); return 0; }",
  "Emoji and symbols: 😀 🚀 ☃ → ≠ ∑ — “quoted” ‘text’",
  "Unicode scripts: 中文字符, 日本語のテキスト, 한국어, Ελληνικά, русский текст, العربية",
  "ＦＵＬＬＷＩＤＴＨ letters and ﬁ ligatures are NFKC-normalised",
  "   leading and trailing spaces   ",
  "tabs\tand\nnewlines\n\nbetween words",
  "UPPERCASE WORDS SHOUTED LOUDLY",
  "numbers 1234567890 3.14159 1e-9 0xFF 42%",
  "https://example.com/path?query=1&other=two#fragment",
  "user@example.com wrote on 2024-01-31T12:00:00Z",
  "word ".repeat(200),
  "supercalifragilisticexpialidocious antidisestablishmentarianism",
  "The mitochondria is the powerhouse of the cell.",
  "Light travels at about 299,792 kilometres per second in a vacuum.",
  "git commit -m \"fix: handle empty input\" && git push origin main",
  "Error: ENOENT: no such file or directory, open '/tmp/missing.json'",
  "| col a | col b |\n|---|---|\n| 1 | 2 |",
  "<div class=\"card\"><p>Hello, <b>world</b>!</p></div>",
  "interface Options { threads?: number; runtime: \"onnx\" | \"tfjs\" }",
  "La tour Eiffel est une tour de fer puddlé de 330 mètres de hauteur située à Paris.",
  Array.from({ length: 60 }, (_, i) => `item${i}`).join(", "),
];


let tfjs: UseLiteTfjs;
let onnx: EmbeddingProvider & { backend: string };
before(async () => {
  tfjs = await loadUseLiteTfjs();
  onnx = await loadBundledProvider({ runtime: "onnx", threads: 2 });
});
after(async () => {
  await onnx?.dispose();
});

test("the fixed set has 50 texts, some longer than the 128 tokens the model reads", () => {
  assert.equal(TEXTS.length, 50);
  assert.ok(TEXTS.some((t) => tfjs.tokenizer.encode(t).length > 128));
});

test("the converted graph reads back as ONNX with the TF.js graph's weights and shape", async () => {
  const files = await readUseLiteFiles();
  const { bytes, shape } = buildUseLiteOnnx(files);
  assert.deepEqual({ maxTokens: shape.maxTokens, heads: shape.heads, scales: shape.scales }, { maxTokens: 128, heads: 4, scales: [0.125, Math.fround(1 / Math.sqrt(128))] });
  const graph = parseOnnx(bytes);
  assert.deepEqual(graph.inputs, ["ids", "positions", "attention_bias", "pool"]);
  assert.deepEqual(graph.outputs, ["embedding"]);
  const byName = new Map(graph.initializers.map((t) => [t.name, t]));
  assert.deepEqual(byName.get("module/Embeddings_en")?.dims, [8002, 256]);
  // A 1x1 Conv2D kernel [1, 1, 256, 768] becomes a MatMul weight [256, 768], its bytes unchanged.
  const qkv = "module/Encoder_en/KonaTransformer/Encode/Layer_0/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0";
  assert.deepEqual(byName.get(qkv)?.dims, [256, 768]);
  const raw = byName.get(qkv)!.raw!;
  assert.deepEqual(bytes.subarray(raw.start, raw.end), files.weights.get(qkv)!.bytes);
  const ops = new Set(graph.nodes.map((n) => n.opType));
  for (const op of ["Gather", "LayerNormalization", "MatMul", "Softmax", "Relu", "Tanh"]) assert.ok(ops.has(op), op);
});

test("the ported tokenizer gives TF.js's token ids for every text", async () => {
  const ported = new UseLiteTokenizer((await readUseLiteFiles()).vocabulary);
  for (const text of TEXTS) assert.deepEqual(ported.encode(text), tfjs.tokenizer.encode(text), JSON.stringify(text.slice(0, 60)));
});

test("onnxruntime's vectors match TF.js's: cosine >= 0.999 on each of the 50 texts", async (t) => {
  assert.equal(onnx.backend, "onnx");
  // TF.js in the indexer's calls of 4; onnxruntime in one call, so texts share packed runs.
  const reference: number[][] = [];
  for (let i = 0; i < TEXTS.length; i += 4) reference.push(...(await tfjs.embed(TEXTS.slice(i, i + 4))));
  const vectors = await onnx.embed(TEXTS);
  assert.equal(vectors.length, TEXTS.length);
  const worst = Math.min(...vectors.map((v, i) => cosine(v, reference[i])));
  t.diagnostic(`lowest cosine over the 50 texts: ${worst.toFixed(7)}`);
  vectors.forEach((v, i) => {
    assert.equal(v.length, 512);
    const c = cosine(v, reference[i]);
    assert.ok(c >= 0.999, `text ${i} (${JSON.stringify(TEXTS[i].slice(0, 40))}): cosine ${c}, worst ${worst}`);
  });
});

test("read in windows (SEMSEARCH_BUNDLED_LONG_TEXTS=windows), long texts get the same vectors from both runtimes", async () => {
  const windowed = await loadBundledProvider({ runtime: "onnx", threads: 2, longTexts: "windows" });
  try {
    assert.equal(windowed.longTexts, "windows");
    const tokenizer = new UseLiteTokenizer((await readUseLiteFiles()).vocabulary);
    // The set's long texts, and each knowledge-base article followed by the next two.
    const joined = TEXTS.slice(0, 20).map((t, i) => [t, TEXTS[(i + 1) % 20], TEXTS[(i + 2) % 20]].join("\n\n"));
    const long = [...TEXTS, ...joined].filter((t) => tokenizer.encode(t).length > 128);
    assert.ok(long.length >= 20, `${long.length} long texts`);
    const reference = await embedInWindows(long, (t) => windowTexts(tokenizer, t, 128), async (texts) => (await tfjs.embed(texts)).map((v) => Float32Array.from(v)));
    const vectors = await windowed.embed(long);
    vectors.forEach((v, i) => assert.ok(cosine(v, reference[i]) >= 0.999, `long text ${i}: cosine ${cosine(v, reference[i])}`));
    // And they are not the first window's vectors any more.
    const firsts = await onnx.embed(long);
    assert.ok(vectors.some((v, i) => cosine(v, firsts[i]) < 0.99));
  } finally {
    await windowed.dispose();
  }
});

test("texts packed into one run do not see each other: alone or together, the same vector", async () => {
  const together = await onnx.embed(TEXTS.slice(20, 30));
  for (let i = 0; i < 10; i++) {
    const [alone] = await onnx.embed([TEXTS[20 + i]]);
    assert.ok(cosine(alone, together[i]) > 0.99999, `text ${20 + i}`);
  }
});

test("vectors are unit length, and empty texts still get one each, wherever they are", async () => {
  const vectors = await onnx.embed(["", "hello", ""]);
  assert.equal(vectors.length, 3);
  for (const v of vectors) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-5);
  assert.ok(cosine(vectors[0], vectors[1]) < 0.99, "an empty text is not embedded as its neighbour");
  assert.deepEqual(await onnx.embed([]), []);
  assert.equal((await onnx.embed(["", ""])).length, 2);
});

test("an unknown SEMSEARCH_BUNDLED_RUNTIME is a clear load error", async () => {
  const saved = process.env.SEMSEARCH_BUNDLED_RUNTIME;
  process.env.SEMSEARCH_BUNDLED_RUNTIME = "gpu";
  try {
    await assert.rejects(loadBundledProvider(), (err: Error) => err instanceof ModelLoadError && /SEMSEARCH_BUNDLED_RUNTIME is "gpu"; set it to "onnx" or "tfjs"/.test(err.message));
  } finally {
    if (saved === undefined) delete process.env.SEMSEARCH_BUNDLED_RUNTIME;
    else process.env.SEMSEARCH_BUNDLED_RUNTIME = saved;
  }
});
