// Several semsearch processes on one store: migrations that two first-time runs race through, and
// two writers whose HNSW files must end up holding exactly the database's chunks.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { HierarchicalNSW } from "hnswlib-node";
import { Engine } from "../../server/src/engine/engine";
import { ROOT, TINY, TINY_MODEL_DIR, startCli } from "../helpers/cli";

const base = mkdtempSync(join(tmpdir(), "store-concurrency-"));
after(() => rmSync(base, { recursive: true, force: true }));
// This process opens the store too (the third opener): it must be the same user as the CLI runs.
process.env.SEMSEARCH_CONFIG_DIR = join(base, "config");
const env = { ...process.env };

const start = (...args: string[]) => startCli(args, env);

test("two first-time index runs started together both succeed (migrations under a write lock)", async () => {
  for (let round = 0; round < 4; round++) {
    const dir = join(base, `first-${round}`);
    cpSync(join(ROOT, "examples", "knowledge-base"), dir, { recursive: true });
    const runs = await Promise.all([start("index", dir, ...TINY), start("index", dir, ...TINY)]);
    for (const r of runs) assert.equal(r.code, 0, `round ${round}: ${r.err}`);
    const db = new Database(join(dir, ".semsearch", "index.db"), { readonly: true });
    assert.equal(db.prepare("SELECT count(*) FROM files").pluck().get(), 20);
    assert.equal(db.prepare("SELECT count(*) FROM models").pluck().get(), 1);
    db.close();
  }
});

test("two writers on one store, then a third opener: the HNSW index holds every chunk and no stale label", async () => {
  const dir = join(base, "writers");
  cpSync(join(ROOT, "examples", "knowledge-base"), dir, { recursive: true });
  const dbPath = join(dir, ".semsearch", "index.db");
  for (let round = 0; round < 4; round++) {
    // Each round changes some files, so the two writers remove and add chunks under each other.
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, `extra-${i}.md`), `# Extra ${i}\n\nRound ${round} note ${i}: ${"words ".repeat(round + i)}\n`);
    if (round % 2) rmSync(join(dir, `extra-${round}.md`));
    const runs = await Promise.all([start("index", dir, ...TINY), start("index", dir, ...TINY)]);
    for (const r of runs) assert.equal(r.code, 0, `round ${round}: ${r.err}`);
  }
  const db = new Database(dbPath, { readonly: true });
  const ids = (db.prepare("SELECT id FROM chunks").pluck().all() as number[]).sort((a, b) => a - b);
  db.close();
  assert.ok(ids.length > 20);

  // The file itself: every chunk present; any other label it holds is marked deleted (getPoint refuses it).
  const file = join(dir, ".semsearch", readdirSync(join(dir, ".semsearch")).find((f) => f.endsWith(".hnsw"))!);
  const raw = new HierarchicalNSW("cosine", 16);
  raw.readIndexSync(file, true);
  const labels = new Set(raw.getIdsList());
  for (const id of ids) assert.ok(labels.has(id), `chunk ${id} is in the HNSW file`);
  const live = new Set(ids);
  for (const label of labels) if (!live.has(label)) assert.throws(() => raw.getPoint(label), `stale label ${label} is deleted`);

  // A third opener loads it as it is (no rebuild) and searches all of it.
  const logs: string[] = [];
  const engine = await Engine.open({
    root: dir,
    model: { model: "semsearch/tiny-bert", localModelPath: TINY_MODEL_DIR },
    fallback: false,
    exactSearchLimit: 0,
    log: (m) => logs.push(m),
  });
  try {
    assert.ok(!logs.some((m) => /rebuilding/.test(m)), logs.join("\n"));
    assert.deepEqual(engine.index.labels().sort((a, b) => a - b), ids);
    const r = await engine.search({ query: "note about words", topK: 10, mode: "semantic" });
    assert.equal(r.results.length, 10);
  } finally {
    await engine.close();
  }
});
