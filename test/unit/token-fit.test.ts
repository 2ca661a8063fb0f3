// Chunks longer than the model's token limit are split at line ends instead of being cut off.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { splitToFit } from "../../server/src/chunking/token-fit";
import { embedSortedByLength } from "../../server/src/engine/embed-calls";
import { Engine } from "../../server/src/engine/engine";
import { loadTransformersProvider } from "../../server/src/embedding/transformers";

const chunk = (lines: string[], startLine = 10) => ({ startLine, endLine: startLine + lines.length - 1, text: lines.join("\n"), metadata: { kind: "code" } });

test("a chunk within the limit comes back as it is", () => {
  const c = chunk(["a b", "c d"]);
  assert.deepEqual(splitToFit(c, [2, 2], 4), [c]);
});

test("lines are packed greedily into parts within the limit, with their own line numbers", () => {
  const lines = ["one two three", "four five", "six", "seven eight nine ten", "eleven"];
  const parts = splitToFit(chunk(lines), [3, 2, 1, 4, 1], 5);
  assert.deepEqual(parts.map((p) => [p.startLine, p.endLine]), [[10, 11], [12, 13], [14, 14]]);
  assert.deepEqual(parts.map((p) => p.text), ["one two three\nfour five", "six\nseven eight nine ten", "eleven"]);
  // Nothing lost, nothing repeated, metadata kept.
  assert.equal(parts.map((p) => p.text).join("\n"), lines.join("\n"));
  assert.ok(parts.every((p) => p.metadata.kind === "code"));
});

test("one line over the limit is sliced, at spaces where it can be", () => {
  const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
  const parts = splitToFit(chunk(["head", words.join(" "), "tail"], 1), [1, 40, 1], 10);
  assert.equal(parts[0].text, "head");
  assert.equal(parts.at(-1)!.text, "tail");
  const middle = parts.slice(1, -1);
  assert.ok(middle.length >= 4, `${middle.length} slices`);
  assert.ok(middle.every((p) => p.startLine === 2 && p.endLine === 2));
  assert.equal(middle.map((p) => p.text).join(""), words.join(" "));
  assert.ok(middle.every((p) => !p.text.startsWith(" ")), "cut after a space, not before a word");
});

test("parts of blank lines only are dropped; a count mismatch is an error", () => {
  const long = "lorem ipsum dolor sit amet consectetur";
  const parts = splitToFit(chunk([long, "   ", long]), [12, 0, 12], 8);
  assert.ok(parts.every((p) => p.text.trim() !== ""));
  assert.deepEqual(new Set(parts.map((p) => p.startLine)), new Set([10, 12]));
  assert.equal(parts.map((p) => p.text).join(""), long + long);
  assert.throws(() => splitToFit(chunk(["a", "b"]), [1], 4), /2 lines but 1 counts/);
});

test("the indexer embeds shortest first, a few at a time, and returns vectors in input order", async () => {
  const texts = ["ccc", "a", "bbbbb", "dd", "e", "ffffff"];
  const calls: string[][] = [];
  const vectors = await embedSortedByLength(texts, async (batch) => {
    calls.push(batch);
    return batch.map((t) => Float32Array.of(t.length, t.charCodeAt(0)));
  }, 4);
  assert.deepEqual(calls, [["a", "e", "dd", "ccc"], ["bbbbb", "ffffff"]]);
  assert.deepEqual(vectors.map((v) => String.fromCharCode(v[1])), ["c", "a", "b", "d", "e", "f"]);
  await assert.rejects(embedSortedByLength(["x", "y"], async () => [Float32Array.of(1)]), /1 vectors for 2 texts/);
});

const FIXTURE = resolve(__dirname, "../fixtures/tiny-model");
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test("a chunk past the tiny model's 64 tokens is indexed in parts that each fit, covering every line", async () => {
  const root = mkdtempSync(join(tmpdir(), "token-fit-"));
  dirs.push(root);
  // 16 lines of 7 tokens: one 112-token paragraph (under the 1,000-character chunk size).
  const lines = Array.from({ length: 16 }, () => "the eiffel tower is in paris .");
  writeFileSync(join(root, "notes.txt"), lines.join("\n") + "\n");
  const model = { model: "semsearch/tiny-bert", localModelPath: FIXTURE };
  const engine = await Engine.open({ root, model });
  try {
    assert.equal(engine.model.maxTokens, 64);
    assert.equal(engine.model.specialTokens, 2, "[CLS] and [SEP]");
    const summary = await engine.indexFolder();
    const mid = engine.model.modelId;
    const row = engine.store.findModel(mid)!;
    const stored = [...engine.store.chunks(engine.store.ids(row.id)).values()].sort((a, b) => a.startLine - b.startLine);
    assert.equal(summary.chunks, stored.length);
    assert.ok(stored.length >= 2, `${stored.length} chunks`);
    // Consecutive line ranges from 1 to 16, and their texts are the file's lines.
    assert.equal(stored[0].startLine, 1);
    assert.equal(stored.at(-1)!.endLine, 16);
    for (let i = 1; i < stored.length; i++) assert.equal(stored[i].startLine, stored[i - 1].endLine + 1);
    assert.equal(stored.map((c) => c.text).join("\n"), lines.join("\n"));
    const tokenizer = await loadTransformersProvider({ modelId: model.model, localModelPath: FIXTURE });
    try {
      for (const c of stored) assert.ok(tokenizer.countTokens!([c.text])[0] <= 64, `lines ${c.startLine}-${c.endLine} fit`);
    } finally {
      await tokenizer.dispose();
    }
  } finally {
    await engine.close();
  }
});
