// SEMSEARCH_BUNDLED_LONG_TEXTS=split: the bundled model declares its 128-token window and counts
// tokens, so the indexer splits a long chunk into parts the model reads whole (engine/indexer.ts
// fitChunks, chunking/token-fit.ts) instead of letting the model drop its tail.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../server/src/engine/engine";
import { readUseLiteVocabulary } from "../../server/src/embedding/use-lite/package-files";
import { UseLiteTokenizer } from "../../server/src/embedding/use-lite/tokenizer";

// This process's engines and embedding worker (which copies the environment when it starts).
process.env.SEMSEARCH_BUNDLED_LONG_TEXTS = "split";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const LINES = [
  "The bakery opens at six in the morning, and the first loaves go into the oven before dawn.",
  "Flour, water, salt and yeast are mixed into a dough, which rests for several hours.",
  "The baker scores each loaf with a sharp blade and slides it onto the hot stone.",
  "Customers queue outside for sourdough, rye and seeded rolls.",
  "In the afternoon the bakers clean the mixers and weigh tomorrow's flour.",
  "They feed the starter so that it is lively by dawn, and sweep the floor.",
  "Volcanoes erupt when magma rises through the crust, and lava flows down the mountain.",
];

test("a chunk past 128 tokens is indexed as parts of at most 128, together all of its lines", async () => {
  const root = mkdtempSync(join(tmpdir(), "split-"));
  dirs.push(root);
  const text = LINES.join("\n") + "\n";
  writeFileSync(join(root, "bakery.md"), text);
  const tokenizer = new UseLiteTokenizer(await readUseLiteVocabulary());
  assert.ok(tokenizer.encode(text).length > 128 && text.length < 1000, "one chunk, past the window");
  const engine = await Engine.open({ root, model: { model: "bundled" } });
  try {
    assert.equal(engine.model.maxTokens, 128);
    assert.equal(engine.model.specialTokens, 0);
    const summary = await engine.indexFolder();
    assert.ok(summary.chunks >= 2, `${summary.chunks} chunks`);
    const rows = engine.store.db.prepare("SELECT start_line AS s, end_line AS e, text FROM chunks ORDER BY start_line").all() as { s: number; e: number; text: string }[];
    for (const r of rows) assert.ok(tokenizer.encode(r.text).length <= 128, `${tokenizer.encode(r.text).length} tokens: lines ${r.s}-${r.e}`);
    assert.deepEqual(rows.map((r) => r.text).join("\n").split("\n"), LINES);
    // The last line is a part's, so the volcano question finds it at the top.
    const hit = (await engine.search({ query: "volcano eruption lava and magma", topK: 1, mode: "semantic" })).results[0];
    assert.equal(hit.endLine, LINES.length);
  } finally {
    await engine.close();
  }
});
