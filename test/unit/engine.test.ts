// The engine end to end on real files, with the bundled offline model.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine, indexFileFor } from "../../server/src/engine/engine";
import { ModelLoadError } from "../../server/src/embedding/provider";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const dirs: string[] = [];
function workspace(withKb = true): string {
  const dir = mkdtempSync(join(tmpdir(), "engine-"));
  dirs.push(dir);
  if (withKb) cpSync(KB, dir, { recursive: true });
  return dir;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const bundled = { model: "bundled" };

test("indexes the seed's knowledge base and answers the seed's queries", async () => {
  const root = workspace();
  const engine = await Engine.open({ root, model: bundled });
  try {
    assert.equal(engine.model.specialTokens, undefined, "the bundled model has no hard token limit: nothing to fit");
    const summary = await engine.indexFolder();
    assert.equal(summary.files, 20);
    assert.equal(summary.chunks, 20);
    const eiffel = await engine.search({ query: "Where is the Eiffel Tower located?", topK: 3 });
    assert.equal(eiffel.results[0].path, "05-eiffel-tower.md");
    assert.equal(eiffel.candidates, 20);
    assert.ok(eiffel.results[0].score > eiffel.results[1].score);
    const plants = await engine.search({ query: "How do plants make food?", topK: 3, filter: { category: "science" } });
    assert.equal(plants.candidates, 5);
    assert.equal(plants.results[0].path, "00-photosynthesis.md");
    assert.ok(plants.results.every((r) => r.metadata.category === "science"));
    // minScore cuts at a cosine: just above the runner-up's, only the best is left. (Semantic mode
    // ranks by cosine; hybrid's runner-up by rank need not have the second-best cosine.)
    const ranked = await engine.search({ query: "Where is the Eiffel Tower located?", topK: 3, mode: "semantic" });
    const strict = await engine.search({ query: "Where is the Eiffel Tower located?", topK: 10, mode: "semantic", minScore: ranked.results[1].score + 1e-6 });
    assert.equal(strict.results.length, 1);
  } finally {
    await engine.close();
  }
});

test("re-indexing touches only changed files; deleted files leave the index", async () => {
  const root = workspace();
  let engine = await Engine.open({ root, model: bundled });
  await engine.indexFolder();
  await engine.close();
  engine = await Engine.open({ root, model: bundled });
  try {
    const again = await engine.indexFolder();
    assert.equal(again.embedded, 0);
    writeFileSync(join(root, "09-tokyo.md"), "---\ncategory: geography\n---\n\nKyoto was the imperial capital of Japan for more than a thousand years.\n");
    unlinkSync(join(root, "05-eiffel-tower.md"));
    const changed = await engine.indexFolder();
    assert.equal(changed.embedded, 1);
    assert.equal(changed.removed, 1);
    assert.equal(changed.files, 19);
    const eiffel = await engine.search({ query: "Where is the Eiffel Tower located?", topK: 19 });
    assert.ok(!eiffel.results.some((r) => r.path === "05-eiffel-tower.md"));
    const kyoto = await engine.search({ query: "old imperial capital of Japan", topK: 1 });
    assert.match(kyoto.results[0].text, /Kyoto/);
  } finally {
    await engine.close();
  }
});

test("exact search and HNSW agree on the top result for every fixture query", async () => {
  const root = workspace();
  const exact = await Engine.open({ root, model: bundled, exactSearchLimit: 1_000_000 });
  await exact.indexFolder();
  const queries = ["Where is the Eiffel Tower located?", "How many cells are in the human body?", "tallest mountain", "who invented printing", "programming language with simple syntax"];
  const exactTop = [];
  for (const q of queries) exactTop.push((await exact.search({ query: q, topK: 1 })).results[0].path);
  await exact.close();
  const hnsw = await Engine.open({ root, model: bundled, exactSearchLimit: 0 });
  try {
    for (const [i, q] of queries.entries()) assert.equal((await hnsw.search({ query: q, topK: 1 })).results[0].path, exactTop[i], q);
  } finally {
    await hnsw.close();
  }
});

test("similar finds other chunks and leaves out the range itself", async () => {
  const root = workspace();
  const engine = await Engine.open({ root, model: bundled });
  try {
    await engine.indexFolder();
    const res = await engine.similar({ path: "16-artificial-intelligence.md", startLine: 1, endLine: 10, topK: 3 });
    assert.ok(!res.results.some((r) => r.path === "16-artificial-intelligence.md"));
    assert.equal(res.results[0].path, "19-machine-learning.md");
  } finally {
    await engine.close();
  }
});

test("bad input is skipped with a note and nothing indexed is lost", async () => {
  const root = workspace();
  writeFileSync(join(root, "binary.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
  writeFileSync(join(root, "huge.md"), "");
  truncateSync(join(root, "huge.md"), 50 * 1024 * 1024);
  writeFileSync(join(root, "latin1.md"), Buffer.concat([Buffer.from("# Caf"), Buffer.from([0xe9]), Buffer.from(" au lait\n\nA caf\xe9 serves coffee with hot milk.\n", "latin1")]));
  mkdirSync(join(root, "loop"));
  symlinkSync("..", join(root, "loop", "up"));
  const engine = await Engine.open({ root, model: bundled });
  try {
    const files = readdirSync(root).filter((f) => f.endsWith(".md")).sort();
    const victim = files.find((f) => f.startsWith("12-"))!;
    const summary = await engine.indexFolder({
      onProgress: (p) => {
        if (p.current === victim) unlinkSync(join(root, victim));
      },
    });
    const reasons = new Map(summary.skipped.map((s) => [s.path, s.reason]));
    assert.match(reasons.get("binary.md") ?? "", /binary/i);
    assert.match(reasons.get("huge.md") ?? "", /larger than/i);
    assert.match(reasons.get("latin1.md") ?? "", /UTF-8/i);
    assert.match(reasons.get(victim) ?? "", /deleted/i);
    assert.equal(summary.files, 20); // 19 facts + latin1.md
    const cafe = await engine.search({ query: "coffee with milk", topK: 1 });
    assert.equal(cafe.results[0].path, "latin1.md");
  } finally {
    await engine.close();
  }
});

test("an empty folder indexes to nothing and searches to nothing", async () => {
  const root = workspace(false);
  const engine = await Engine.open({ root, model: bundled });
  try {
    const summary = await engine.indexFolder();
    assert.deepEqual([summary.files, summary.chunks], [0, 0]);
    const res = await engine.search({ query: "anything" });
    assert.deepEqual(res.results, []);
    assert.equal(res.candidates, 0);
  } finally {
    await engine.close();
  }
});

test("a corrupt index file is rebuilt from SQLite and nothing is lost", async () => {
  const root = workspace();
  let engine = await Engine.open({ root, model: bundled });
  await engine.indexFolder();
  const file = indexFileFor(engine.options.dbPath, engine.modelId);
  await engine.close();
  writeFileSync(file, "garbage that is not an hnsw index");
  const logs: string[] = [];
  engine = await Engine.open({ root, model: bundled, log: (m) => logs.push(m) });
  try {
    assert.ok(logs.some((l) => /(unreadable|untrusted); rebuilding it from 20 stored vectors/.test(l)), logs.join("\n"));
    assert.equal(engine.index.size, 20);
    const res = await engine.search({ query: "Where is the Eiffel Tower located?", topK: 1 });
    assert.equal(res.results[0].path, "05-eiffel-tower.md");
  } finally {
    await engine.close();
  }
});

test("an unknown model id says which model and where it looked; fallback is announced", async () => {
  const root = workspace();
  const seed = await Engine.open({ root, model: bundled });
  await seed.indexFolder();
  await seed.close();
  const spec = { model: "nobody/no-such-model", localModelPath: join(root, "models") };
  await assert.rejects(
    Engine.open({ root, model: spec, fallback: false }),
    (e: Error) => e instanceof ModelLoadError && e.message.includes("nobody/no-such-model") && e.message.includes(join(root, "models")),
  );
  const logs: string[] = [];
  const engine = await Engine.open({ root, model: spec, log: (m) => logs.push(m) });
  try {
    assert.equal(engine.modelId, "bundled:use-lite");
    assert.match(engine.status().fallbackReason ?? "", /nobody\/no-such-model.*bundled offline model instead/s);
    assert.ok(logs.some((l) => l.includes("bundled offline model instead")));
    assert.equal(engine.status().chunks, 20, "the bundled model's index was kept");
  } finally {
    await engine.close();
  }
});
