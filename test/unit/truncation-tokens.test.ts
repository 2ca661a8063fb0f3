// The "text was cut" note is told by the tokens the model reads, not by the character bound alone:
// the bundled model is given up to 8,192 characters but reads the first 128 of its tokens (~500
// characters of prose), so a 1,500-character selection is read only in part and must say so.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddingService, truncationNote } from "../../server/src/embedding/embedding-service";
import { inputCharLimit } from "../../server/src/embedding/provider";
import { readUseLiteVocabulary } from "../../server/src/embedding/use-lite/package-files";
import { UseLiteTokenizer } from "../../server/src/embedding/use-lite/tokenizer";
import { Engine } from "../../server/src/engine/engine";
import { cosine } from "../../shared/src/vector-math";
import { CLI, TINY_MODEL_DIR } from "../helpers/cli";

const SENTENCES = [
  "Lighthouses were built along dangerous coasts to warn ships away from rocks and shallow water at night.",
  "The keeper climbed the spiral stairs every evening, trimmed the wick and polished the great lens until it shone.",
  "On stormy nights the beam swept across the waves while the fog horn sounded every thirty seconds.",
  "Supplies arrived by boat once a month, weather permitting, and the family kept a garden behind the tower.",
  "Today most lights are automatic, and the old cottages have become museums, guest houses or artists' studios.",
];
/** English prose of exactly `chars` characters. */
function paragraph(chars: number): string {
  let text = "";
  for (let i = 0; text.length < chars; i++) text += `${SENTENCES[i % SENTENCES.length]} `;
  return text.slice(0, chars).trimEnd().padEnd(chars, ".");
}
const LONG = paragraph(1_500);
const SHORT = paragraph(300);

// Models run in the embedding worker only: onnxruntime's addon cannot be loaded in two threads of a
// process. This thread uses the bundled model's tokenizer, which needs no onnxruntime.
let tokenizer: Promise<UseLiteTokenizer> | undefined;
function useLiteTokenizer(): Promise<UseLiteTokenizer> {
  tokenizer ??= readUseLiteVocabulary().then((v) => new UseLiteTokenizer(v));
  return tokenizer;
}

let work: string;
let engine: Engine;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "truncation-tokens-"));
  const root = join(work, "ws");
  mkdirSync(root);
  writeFileSync(join(root, "lighthouse.md"), `# Lighthouses\n\n${SHORT}\n`);
  writeFileSync(join(root, "bakery.md"), "# The bakery\n\nThe bakery opens at six; sourdough, rye and seeded rolls come out of the oven.\n");
  engine = await Engine.open({ root, model: { model: "bundled" } });
  await engine.indexFolder();
});

after(async () => {
  await engine?.close();
  rmSync(work, { recursive: true, force: true });
});

test("the note says how many tokens the text has, how many the model reads, about how many characters, and what to do", () => {
  const note = truncationNote(1_500, 1_500, 512, { tokens: 358, readTokens: 128, readChars: 531, approximate: false })!;
  assert.deepEqual({ ...note, message: undefined }, { usedChars: 531, totalChars: 1_500, tokens: 358, readTokens: 128, message: undefined });
  assert.match(note.message, /The text has 358 tokens \(1,500 characters\), and the model reads only its first 128 tokens: the first 531 characters were embedded/);
  assert.match(note.message, /Select or paste a shorter passage/);
  // An estimate says so.
  assert.match(truncationNote(1_000, 1_000, 256, { tokens: 300, readTokens: 254, readChars: 847, approximate: true })!.message, /only its first 254 tokens: about the first 847 characters were embedded/);
  // A text the model reads whole has no note.
  assert.equal(truncationNote(300, 300, 512, { tokens: 73, readTokens: 73, readChars: 300, approximate: false }), undefined);
  // Past the character bound the text was never tokenized: its tokens are estimated at the rate of the part that was.
  const cut = truncationNote(100_000, 8_192, 512, { tokens: 2_000, readTokens: 128, readChars: 531, approximate: false })!;
  assert.equal(cut.tokens, Math.round((2_000 * 100_000) / 8_192));
  assert.match(cut.message, /about 24,414 tokens \(100,000 characters\)/);
  // A model that cannot measure: the character bound alone, as before.
  assert.equal(truncationNote(1_500, 1_500, 512), undefined);
  const bound = truncationNote(100_000, 8_192, 512)!;
  assert.equal(bound.usedChars, 8_192);
  assert.equal(bound.readTokens, undefined);
});

test("USE Lite's tokenizer: the first 128 tokens, and exactly the characters they cover", async () => {
  const tokenizer = await useLiteTokenizer();
  const extent = tokenizer.readExtent(LONG, 128);
  assert.equal(extent.readTokens, 128);
  assert.equal(extent.tokens, tokenizer.encode(LONG).length);
  assert.ok(extent.tokens > 128, JSON.stringify(extent));
  assert.equal(extent.approximate, false);
  // The read part ends where the 128th token does: it tokenizes to those 128 tokens, and no more.
  assert.deepEqual(tokenizer.encode(LONG.slice(0, extent.readChars)), tokenizer.encode(LONG).slice(0, 128));
  const short = tokenizer.readExtent(SHORT, 128);
  assert.ok(short.tokens > 0 && short.tokens < 128, JSON.stringify(short));
  assert.deepEqual(short, { tokens: short.tokens, readTokens: short.tokens, readChars: 300, approximate: false });
  // No limit (the "windows" mode): every token is read.
  assert.deepEqual(tokenizer.readExtent(LONG, Infinity), { tokens: extent.tokens, readTokens: extent.tokens, readChars: LONG.length, approximate: false });
});

test("text that NFKC changes, or that the model is given rewritten, is measured in proportion, and says it is an estimate", async () => {
  const tokenizer = await useLiteTokenizer();
  const wide = LONG.replace(/a/g, "\uff41"); // fullwidth a: NFKC makes it "a"
  const extent = tokenizer.readExtent(wide, 128);
  assert.equal(extent.readTokens, 128);
  assert.equal(extent.approximate, true);
  assert.equal(extent.readChars, Math.round((wide.length * 128) / extent.tokens));
  // So is a text the model is given rewritten (the bundled model's words view): characters of the original.
  const rewritten = LONG.toLowerCase().replace(/[.,']/g, "");
  const viewed = tokenizer.readExtent(rewritten, 128, LONG);
  assert.equal(viewed.approximate, true);
  assert.equal(viewed.tokens, tokenizer.encode(rewritten).length);
  assert.equal(viewed.readChars, Math.round((LONG.length * 128) / viewed.tokens));
  assert.deepEqual(tokenizer.readExtent("short words", 128, "shortWords"), { tokens: tokenizer.encode("short words").length, readTokens: tokenizer.encode("short words").length, readChars: 10, approximate: false });
});

test("a 1,500-character selection now gets a note from embed, search and similar; a 300-character one gets none", async () => {
  const embedded = await engine.embed(LONG);
  assert.ok(embedded.truncated, "a 1,500-character text is read only in part");
  assert.equal(embedded.truncated.readTokens, 128);
  assert.equal(embedded.truncated.totalChars, 1_500);
  assert.ok(embedded.truncated.tokens! > 128);
  assert.ok(embedded.truncated.usedChars < 1_000, JSON.stringify(embedded.truncated));
  assert.match(embedded.truncated.message, /the model reads only its first 128 tokens/);
  assert.equal((await engine.embed(SHORT)).truncated, undefined);
  // What the model read is all that counts: the text up to usedChars embeds as the whole text does,
  // and a little less of it does not.
  const read = await engine.embed(LONG.slice(0, embedded.truncated.usedChars));
  const less = await engine.embed(LONG.slice(0, embedded.truncated.usedChars - 40));
  assert.equal(read.truncated, undefined);
  const vector = (r: { vector: number[] }) => Float32Array.from(r.vector);
  assert.ok(cosine(vector(embedded), vector(read)) > 0.9999, `cosine ${cosine(vector(embedded), vector(read))}`);
  assert.ok(cosine(vector(embedded), vector(less)) < 0.9999, `cosine ${cosine(vector(embedded), vector(less))}`);

  for (const mode of ["semantic", "hybrid", "lexical"] as const) {
    const found = await engine.search({ query: LONG, topK: 2, mode });
    assert.equal(found.truncated?.readTokens, 128, mode);
    assert.equal((await engine.search({ query: "lighthouse keeper", topK: 2, mode })).truncated, undefined, mode);
  }
  const similar = await engine.similar({ path: "lighthouse.md", startLine: 1, endLine: 3, text: LONG, topK: 2 });
  assert.equal(similar.truncated?.readTokens, 128);
  assert.equal((await engine.similar({ path: "lighthouse.md", startLine: 1, endLine: 3, text: SHORT, topK: 2 })).truncated, undefined);
});

test("a 100,000-character text is tokenized only up to the character bound, and the note combines both cuts", async () => {
  const huge = paragraph(100_000);
  const { truncated } = await engine.embed(huge);
  assert.ok(truncated);
  assert.equal(truncated.totalChars, 100_000);
  assert.equal(truncated.readTokens, 128);
  assert.ok(truncated.usedChars < 1_000);
  // Estimated from the 8,192 characters that were tokenized: far more tokens than 8,192 characters hold.
  assert.ok(truncated.tokens! > 10_000, JSON.stringify(truncated));
  assert.match(truncated.message, /about [\d,]+ tokens \(100,000 characters\)/);
});

test("a transformers.js model (the tiny test model): its tokenizer's count against its window, through the embedding worker", async () => {
  const service = new EmbeddingService();
  try {
    const model = await service.load({ model: "semsearch/tiny-bert", localModelPath: TINY_MODEL_DIR }, false);
    // 64 positions, two of them [CLS] and [SEP]: 62 tokens of text.
    assert.equal(model.maxTokens, 64);
    assert.equal(model.specialTokens, 2);
    const sentence = "the eiffel tower is in paris .";
    const longer = Array(20).fill(sentence).join(" ");
    assert.ok(longer.length < inputCharLimit(model.maxTokens), "well inside the character bound: only the tokens cut it");
    const [count] = await service.countTokens([longer]);
    // Without an embed before it, the note is measured by a request of its own.
    const asked = await service.truncation(longer);
    assert.equal(asked?.tokens, count - 2);
    assert.equal(asked?.readTokens, 62);
    assert.equal(asked?.usedChars, Math.round((longer.length * 62) / (count - 2)));
    assert.match(asked!.message, /the model reads only its first 62 tokens: about the first [\d,]+ characters were embedded/);
    // After a query's embed, the same note from what the worker measured with it.
    await service.embed([longer], "query");
    assert.deepEqual(await service.truncation(longer), asked);
    await service.embed([sentence], "query");
    assert.equal(await service.truncation(sentence), undefined);
  } finally {
    await service.dispose();
  }
});

test("the CLI embed prints the note for a 1,500-character text and none for a short one", () => {
  const long = spawnSync(CLI, ["embed", LONG, "--model", "bundled", "--json"], { encoding: "utf8" });
  assert.equal(long.status, 0, long.stderr);
  assert.match(long.stderr, /semsearch: The text has [\d,]+ tokens \(1,500 characters\), and the model reads only its first 128 tokens: the first \d+ characters were embedded/);
  assert.match(long.stderr, /Select or paste a shorter passage/);
  assert.equal(JSON.parse(long.stdout).dimensions, 512);
  const short = spawnSync(CLI, ["embed", SHORT, "--model", "bundled", "--json"], { encoding: "utf8" });
  assert.equal(short.status, 0, short.stderr);
  assert.doesNotMatch(short.stderr, /tokens/);
});
