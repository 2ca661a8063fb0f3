// The CLI as a user runs it: the built bin/semsearch (npm test builds first).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { blobStorage } from "../../server/src/store/vectors";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const KB = join(ROOT, "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "cli-"));
cpSync(KB, work, { recursive: true });
after(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(CLI, args, { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("index prints a one-line summary and writes the default database", () => {
  const r = run("index", work, "--model", "bundled");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out.trim(), /^Indexed 20 files, 20 chunks in [\d.]+ s \(20 embedded, 0 removed, 0 skipped; model bundled:use-lite\)$/);
  assert.ok(existsSync(join(work, ".semsearch", "index.db")));
});

test("search --json has exactly the documented shape", () => {
  const r = run("search", "How do plants make food?", "--dir", work, "--model", "bundled", "--k", "3", "--filter", "category=science", "--json");
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.deepEqual(Object.keys(out).sort(), ["candidates", "model", "query", "results"]);
  assert.equal(out.query, "How do plants make food?");
  assert.equal(out.model, "bundled:use-lite");
  assert.equal(out.candidates, 5);
  assert.equal(out.results.length, 3);
  for (const hit of out.results) {
    assert.deepEqual(Object.keys(hit).sort(), ["band", "endLine", "metadata", "path", "score", "startLine", "text"]);
    assert.ok(hit.score >= -1 && hit.score <= 1);
    assert.ok(["strong", "possible", "weak"].includes(hit.band));
    assert.ok(!hit.path.startsWith("/"), "paths are relative to the folder");
    assert.equal(hit.metadata.category, "science");
  }
  assert.equal(out.results[0].path, "00-photosynthesis.md");
  assert.ok(out.results[0].score >= out.results[1].score);
});

test("search prints readable results with percentages and bands", () => {
  const r = run("search", "Where is the Eiffel Tower located?", "--dir", work, "--model", "bundled", "--k", "2");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /2 results for "Where is the Eiffel Tower located\?" \(20 candidates; model bundled:use-lite\)/);
  assert.match(r.out, /#1\s+\d+\.\d%\s+(strong|possible|weak)\s+05-eiffel-tower\.md:\d+-\d+/);
});

test("search of a pasted page: the header repeats its start, and stderr says the model read only that", () => {
  const page = Array(400).fill("Where is the Eiffel Tower located?").join(" ");
  const r = run("search", page, "--dir", work, "--model", "bundled", "--k", "1", "--no-server");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^1 result for "Where is the Eiffel Tower located\? Where[^"]*… \(13999 characters\)" \(20 candidates; model bundled:use-lite\)\n/);
  assert.ok(r.out.split("\n")[0].length < 220, r.out.split("\n")[0]);
  assert.match(r.err, /^semsearch: .*(read|cut)/i);
  assert.match(r.out, /#1\s+\d+\.\d%\s+(strong|possible|weak)\s+05-eiffel-tower\.md/);
});

test("embed --json gives the vector and its statistics", () => {
  const r = run("embed", "The Eiffel Tower is in Paris.", "--model", "bundled", "--json");
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.deepEqual(Object.keys(out).sort(), ["dimensions", "model", "stats", "vector"]);
  assert.equal(out.dimensions, 512);
  assert.equal(out.vector.length, 512);
  assert.ok(Math.abs(out.stats.norm - 1) < 1e-4);
  assert.equal(out.stats.min, Math.min(...out.vector));
  assert.equal(out.stats.max, Math.max(...out.vector));
});

test("embed prints the first 20 values with their signs, as the seed does", () => {
  const r = run("embed", "The Eiffel Tower is in Paris.", "--model", "bundled");
  assert.equal(r.code, 0, r.err);
  const values = r.out.split("\n").filter((l) => /^\[\s*\d+\] [+-]\d\.\d{6}/.test(l));
  assert.equal(values.length, 20);
  assert.match(r.out, /Smallest: [+-]\d\.\d{6}\s+Largest: [+-]\d\.\d{6}\s+Average: [+-]\d\.\d{6}/);
});

test("usage errors exit 2 with a message; a missing folder exits 1 and creates nothing", () => {
  const noQuery = run("search", "--dir", work);
  assert.equal(noQuery.code, 2);
  assert.match(noQuery.err, /search needs a query/);
  const badFilter = run("search", "x", "--dir", work, "--model", "bundled", "--filter", "science");
  assert.equal(badFilter.code, 2);
  assert.match(badFilter.err, /key=value/);
  const unknown = run("frobnicate");
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown command "frobnicate"/);
  const missing = join(work, "no-such-folder");
  const r = run("index", missing, "--model", "bundled");
  assert.equal(r.code, 1);
  assert.match(r.err, /folder not found/);
  assert.ok(!existsSync(missing));
});

test("an unknown model without fallback fails clearly and keeps the index", () => {
  const r = run("search", "Eiffel", "--dir", work, "--model", "nobody/no-such-model", "--no-fallback", "--json");
  assert.equal(r.code, 1);
  assert.match(r.err, /Could not load embedding model "nobody\/no-such-model"/);
  const again = run("search", "Where is the Eiffel Tower located?", "--dir", work, "--model", "bundled", "--json", "--k", "1");
  assert.equal(JSON.parse(again.out).results[0].path, "05-eiffel-tower.md");
});

test("index --vector-storage int8 stores 8-bit vectors that search still ranks; a bad value is a usage error", () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-int8-"));
  try {
    cpSync(KB, dir, { recursive: true });
    const r = run("index", dir, "--model", "bundled", "--vector-storage", "int8");
    assert.equal(r.code, 0, r.err);
    const db = new Database(join(dir, ".semsearch", "index.db"), { readonly: true });
    const blobs = db.prepare("SELECT vector FROM chunks").all() as { vector: Buffer }[];
    db.close();
    assert.equal(blobs.length, 20);
    assert.ok(blobs.every((b) => blobStorage(b.vector) === "int8"), "every row is int8");
    const s = run("search", "Where is the Eiffel Tower located?", "--dir", dir, "--model", "bundled", "--k", "1", "--json");
    assert.equal(s.code, 0, s.err);
    assert.equal(JSON.parse(s.out).results[0].path, "05-eiffel-tower.md");
    const bad = run("index", dir, "--model", "bundled", "--vector-storage", "float16");
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--vector-storage is float32 or int8; got "float16"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
