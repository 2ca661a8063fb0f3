// An index the bundled model made reading the first 128 tokens of each chunk (the default, and every
// index from before modes) holds other vectors for long chunks than one made reading them in windows
// (SEMSEARCH_BUNDLED_LONG_TEXTS=windows). Its files' stored hashes carry no vector recipe
// (engine/vector-recipe.ts), so a pass in windows mode embeds every file again, says so once, and
// never leaves the two kinds mixed.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLED_MODEL_ID, bundledVectorRecipe } from "../../server/src/embedding/bundled";
import { Engine } from "../../server/src/engine/engine";
import { contentHash } from "../../server/src/engine/indexer";
import { recordedRecipe } from "../../server/src/engine/vector-recipe";
import { cosine } from "../../shared/src/vector-math";

// This process's engines (and its embedding worker, which copies the environment when it starts) read long chunks in windows.
process.env.SEMSEARCH_BUNDLED_LONG_TEXTS = "windows";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const BAKERY =
  "The bakery opens at six in the morning. Flour, water, salt and yeast are mixed into a dough, which rests for several hours before it is shaped into loaves. " +
  "The baker checks the oven temperature, scores each loaf with a sharp blade and slides it onto the hot stone. Customers queue outside for sourdough, rye and seeded rolls. ";
const VOLCANO = "Volcanoes erupt when magma rises through the crust, and lava flows down the mountain while ash clouds darken the sky.";
/** One chunk (under 1,000 characters) whose topic comes after its first 128 tokens. */
const LONG = `${BAKERY}${BAKERY.replace("six", "seven")}${VOLCANO}\n`;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "recipe-"));
  dirs.push(dir);
  cpSync(KB, dir, { recursive: true });
  writeFileSync(join(dir, "bakery.md"), LONG);
  return dir;
}

test("a file's stored hash changes with the vector recipe, and stays as it was without one", () => {
  assert.equal(contentHash("text", [], undefined), contentHash("text"));
  assert.notEqual(contentHash("text", [], "recipe a"), contentHash("text"));
  assert.notEqual(contentHash("text", [], "recipe a"), contentHash("text", [], "recipe b"));
});

test("an index made reading the first 128 tokens is re-embedded once on the next pass, with a note; then nothing is", async () => {
  const root = workspace();
  const recipe = bundledVectorRecipe();
  assert.ok(recipe.key, "windows mode has a recipe key");
  let engine = await Engine.open({ root, model: { model: "bundled" } });
  const files = (await engine.indexFolder()).files;
  assert.equal(files, 21);
  const row = engine.store.findModel(BUNDLED_MODEL_ID)!.id;
  assert.equal(recordedRecipe(engine.store.db, row), recipe.key);
  // Make it an index made in the default mode: hashes without a recipe key, and none remembered.
  const db = engine.store.db;
  for (const { path } of db.prepare("SELECT path FROM files WHERE model = ?").all(row) as { path: string }[]) {
    db.prepare("UPDATE files SET content_hash = ? WHERE model = ? AND path = ?").run(contentHash(readFileSync(join(root, path), "utf8")), row, path);
  }
  db.prepare("DELETE FROM meta WHERE key LIKE 'vectors.recipe.%'").run();
  const oldIds = new Set(db.prepare("SELECT id FROM chunks WHERE model = ?").pluck().all(row) as number[]);
  await engine.close();

  const notes: string[] = [];
  engine = await Engine.open({ root, model: { model: "bundled" }, log: (m) => notes.push(m) });
  try {
    const pass = await engine.indexFolder();
    assert.equal(pass.embedded, files, "every file is embedded again");
    const note = notes.filter((n) => n.startsWith("Re-embedding"));
    assert.deepEqual(note, [`Re-embedding all ${files} indexed files once: ${BUNDLED_MODEL_ID} now reads the whole of each chunk, in windows of 128 tokens, and this index was made otherwise; search keeps working meanwhile.`]);
    const ids = engine.store.db.prepare("SELECT id FROM chunks WHERE model = ?").pluck().all(row) as number[];
    assert.ok(ids.length >= files && ids.every((id) => !oldIds.has(id)), "no chunk of the old index is left");
    assert.equal(recordedRecipe(engine.store.db, row), recipe.key);
    // The long chunk's stored vector is now that of its whole text, the topic at its end included.
    const [bakery] = engine.store.db.prepare("SELECT id FROM chunks WHERE model = ? AND path = 'bakery.md'").pluck().all(row) as number[];
    const stored = [...engine.store.vectors(row, [bakery])][0].vector;
    const whole = Float32Array.from((await engine.embed(LONG)).vector);
    const withoutTopic = Float32Array.from((await engine.embed(`${BAKERY}${BAKERY.replace("six", "seven")}`)).vector);
    assert.ok(cosine(stored, whole) > 0.999, `cosine to the whole text ${cosine(stored, whole)}`);
    assert.ok(cosine(stored, withoutTopic) < 0.99);

    const again = await engine.indexFolder();
    assert.equal(again.embedded, 0);
    assert.equal(notes.filter((n) => n.startsWith("Re-embedding")).length, 1, "said once");
  } finally {
    await engine.close();
  }
});

test("a new index records its recipe without a note", async () => {
  const root = workspace();
  const notes: string[] = [];
  const engine = await Engine.open({ root, model: { model: "bundled" }, log: (m) => notes.push(m) });
  try {
    await engine.indexFolder();
    assert.deepEqual(notes.filter((n) => n.startsWith("Re-embedding")), []);
    assert.equal(recordedRecipe(engine.store.db, engine.store.findModel(BUNDLED_MODEL_ID)!.id), bundledVectorRecipe().key);
  } finally {
    await engine.close();
  }
});

test("in windows mode a long selection (hover, similar, embed) is embedded whole, up to 16,384 characters", async () => {
  const root = workspace();
  const engine = await Engine.open({ root, model: { model: "bundled" } });
  try {
    const tail = await engine.embed(LONG);
    const without = await engine.embed(`${BAKERY}${BAKERY.replace("six", "seven")}`);
    assert.equal(tail.truncated, undefined);
    assert.ok(cosine(Float32Array.from(tail.vector), Float32Array.from(without.vector)) < 0.99, "the tail changed the vector");
    const long = "Plants turn light into sugar. ".repeat(500); // 15,000 characters
    assert.equal((await engine.embed(long)).truncated, undefined);
    const longer = (await engine.embed(long + long)).truncated;
    assert.equal(longer?.usedChars, 16_384);
  } finally {
    await engine.close();
  }
});
