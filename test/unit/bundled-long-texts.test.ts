// The bundled model (USE Lite) reads the first 128 tokens of a text, and a chunk runs longer (~170 of
// its tokens on average): what it says past them is not in its vector. The provider can read a long
// text in windows of 128 and average them (SEMSEARCH_BUNDLED_LONG_TEXTS=windows; use-lite/windows.ts,
// bundled.ts), or declare its limit so that the indexer splits chunks ("split"); a text that fits
// embeds exactly as before either way. (Measured, neither became the default: docs/search-quality.md.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { bundledLongTexts, bundledVectorRecipe, loadBundledProvider, USE_LITE_WINDOW } from "../../server/src/embedding/bundled";
import { ModelLoadError, type EmbeddingProvider } from "../../server/src/embedding/provider";
import { readUseLiteVocabulary } from "../../server/src/embedding/use-lite/package-files";
import { UseLiteTokenizer } from "../../server/src/embedding/use-lite/tokenizer";
import { WINDOW_OVERLAP, windowRanges, windowTexts } from "../../server/src/embedding/use-lite/windows";
import { cosine } from "../../shared/src/vector-math";

/** Prose about a bakery: 138 tokens, already past the model's 128; twice over (a little changed), 276. */
const BAKERY =
  "The bakery opens at six in the morning. Flour, water, salt and yeast are mixed into a dough, which rests for several hours before it is shaped into loaves. " +
  "The baker checks the oven temperature, scores each loaf with a sharp blade and slides it onto the hot stone. Customers queue outside for sourdough, rye and seeded rolls, " +
  "and the smell of fresh bread fills the street. In the afternoon the bakers clean the mixers, weigh tomorrow's flour and feed the starter so that it is lively by dawn. ";
const FILLER = BAKERY + BAKERY.replace("six", "seven");
const VOLCANO = "Volcanoes erupt when magma rises through the crust, and lava flows down the mountain while ash clouds darken the sky.";
const QUERY = "volcano eruption lava and magma";

let tokenizer: UseLiteTokenizer;
let windows: EmbeddingProvider;
let first: EmbeddingProvider;
before(async () => {
  tokenizer = new UseLiteTokenizer(await readUseLiteVocabulary());
  windows = await loadBundledProvider({ runtime: "onnx", threads: 2, longTexts: "windows" });
  first = await loadBundledProvider({ runtime: "onnx", threads: 2, longTexts: "first" });
});
after(async () => {
  await windows?.dispose();
  await first?.dispose();
});

test("the chunk's only mention of its topic lies past its 128th token", () => {
  const before = tokenizer.encode(FILLER).length;
  assert.ok(before > USE_LITE_WINDOW, `${before} tokens before the topic`);
  assert.ok(tokenizer.encode(FILLER + VOLCANO).length <= 4 * USE_LITE_WINDOW);
  assert.ok(!/volcan|magma|lava/i.test(FILLER));
});

test("read as before (first 128 tokens), a chunk's tail is not in its vector: the topic counts only at the front", async () => {
  const [query, tail, front, fillerOnly] = await first.embed([QUERY, FILLER + VOLCANO, VOLCANO + " " + FILLER, FILLER]);
  // The vector of the chunk with the topic at its end is that of the chunk without it.
  assert.ok(cosine(tail, fillerOnly) > 0.999, `cosine ${cosine(tail, fillerOnly)}`);
  assert.ok(cosine(query, front) > cosine(query, tail) + 0.2, `front ${cosine(query, front)}, tail ${cosine(query, tail)}`);
});

test("read in windows, the tail counts: the chunk moves towards the query about its last sentence", async () => {
  const [queryW, tailW, fillerW] = await windows.embed([QUERY, FILLER + VOLCANO, FILLER]);
  const [queryF, tailF] = await first.embed([QUERY, FILLER + VOLCANO]);
  assert.ok(cosine(tailW, fillerW) < 0.99, `the topic changed the vector: cosine to the text without it ${cosine(tailW, fillerW)}`);
  assert.ok(cosine(queryW, tailW) > cosine(queryF, tailF) + 0.05, `windows ${cosine(queryW, tailW)}, first 128 tokens ${cosine(queryF, tailF)}`);
  assert.ok(cosine(queryW, tailW) > cosine(queryW, fillerW) + 0.05);
});

test("a text of at most 128 tokens embeds exactly as before, alone or next to long ones", async () => {
  const short = [QUERY, VOLCANO, BAKERY.slice(0, 300), "", "a", "export function add(a: number, b: number): number {\n  return a + b;\n}"];
  for (const t of short) assert.ok(tokenizer.encode(t).length <= USE_LITE_WINDOW);
  const before = await first.embed(short);
  const now = await windows.embed([FILLER + VOLCANO, ...short, FILLER]);
  short.forEach((t, i) => assert.ok(cosine(before[i], now[i + 1]) >= 0.999999, JSON.stringify(t.slice(0, 30))));
  for (const v of now) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-5);
});

test("windows cover every token, each a full 128, neighbours sharing at least the overlap", () => {
  for (const count of [129, 150, 200, 255, 256, 1000, 1024]) {
    const ranges = windowRanges(count, 128);
    assert.equal(ranges[0][0], 0);
    assert.equal(ranges.at(-1)![1], count);
    for (const [s, e] of ranges) assert.equal(e - s, 128);
    for (let i = 1; i < ranges.length; i++) assert.ok(ranges[i - 1][1] - ranges[i][0] >= WINDOW_OVERLAP, `${count}: ${JSON.stringify(ranges)}`);
    // The fewest such windows: one fewer could not overlap that much.
    assert.ok((ranges.length - 1) * (128 - WINDOW_OVERLAP) + WINDOW_OVERLAP < count);
  }
  assert.deepEqual(windowRanges(128, 128), [[0, 128]]);
  assert.deepEqual(windowRanges(0, 128), [[0, 0]]);
});

test("window texts are whole tokens of the text: each fits, the first starts it and the last ends it", () => {
  for (const text of [FILLER + VOLCANO, "word ".repeat(400), Array.from({ length: 300 }, (_, i) => `item${i}`).join(", "), "const x = compute(a, b);\n".repeat(60)]) {
    const parts = windowTexts(tokenizer, text, 128);
    const ids = tokenizer.encode(text);
    assert.ok(parts.length >= 2);
    for (const p of parts) assert.ok(tokenizer.encode(p).length <= 128, `${tokenizer.encode(p).length} tokens: ${p.slice(0, 40)}`);
    assert.deepEqual(tokenizer.encode(parts[0]).slice(0, 20), ids.slice(0, 20));
    assert.deepEqual(tokenizer.encode(parts.at(-1)!).slice(-20), ids.slice(-20));
    assert.ok(text.normalize("NFKC").trimEnd().endsWith(parts.at(-1)!.trimEnd()));
  }
  assert.deepEqual(windowTexts(tokenizer, VOLCANO, 128), [VOLCANO]);
});

test("split mode declares the truth: a 128-token limit and a token count with no special tokens", async () => {
  const split = await loadBundledProvider({ runtime: "onnx", threads: 1, longTexts: "split" });
  try {
    assert.equal(split.maxTokens, 128);
    assert.deepEqual(split.countTokens!(["", VOLCANO]), [0, tokenizer.encode(VOLCANO).length]);
    assert.equal(windows.countTokens, undefined, "windows mode reads whole chunks: the indexer does not split them");
    assert.equal(windows.maxTokens, 8 * 128);
  } finally {
    await split.dispose();
  }
});

test("the mode is first unless SEMSEARCH_BUNDLED_LONG_TEXTS says otherwise; a wrong value is a clear error", () => {
  assert.equal(bundledLongTexts(undefined), "first");
  assert.equal(bundledLongTexts(""), "first");
  assert.equal(bundledLongTexts("windows"), "windows");
  assert.equal(bundledLongTexts("split"), "split");
  assert.throws(() => bundledLongTexts("all"), (err: Error) => err instanceof ModelLoadError && /SEMSEARCH_BUNDLED_LONG_TEXTS is "all"; set it to "first", "windows", "split", or unset it/.test(err.message));
  // The default adds nothing to file hashes, so indexes made before modes stay valid; the others do.
  assert.equal(bundledVectorRecipe("first").key, undefined);
  assert.ok(bundledVectorRecipe("windows").key && bundledVectorRecipe("split").key);
  assert.notEqual(bundledVectorRecipe("windows").key, bundledVectorRecipe("split").key);
});
