// `semsearch search --mode`: the built CLI (npm test builds first) on the seed's knowledge base.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const KB = join(ROOT, "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "cli-mode-"));

function run(...args: string[]) {
  const r = spawnSync(CLI, args, { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  cpSync(KB, work, { recursive: true });
  const r = run("index", work, "--model", "bundled");
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(work, { recursive: true, force: true }));

test("every mode answers the seed's question, and --json keeps exactly the documented keys", () => {
  for (const mode of ["semantic", "lexical", "hybrid"]) {
    const r = run("search", "Where is the Eiffel Tower located?", "--dir", work, "--model", "bundled", "--k", "3", "--mode", mode, "--json");
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.deepEqual(Object.keys(out).sort(), ["candidates", "model", "query", "results"]);
    assert.equal(out.results[0].path, "05-eiffel-tower.md", mode);
    for (const hit of out.results) {
      assert.deepEqual(Object.keys(hit).sort(), ["band", "endLine", "metadata", "path", "score", "startLine", "text"], mode);
      assert.ok(hit.score >= -1 && hit.score <= 1, `${mode}: ${hit.score} is a cosine similarity`);
    }
  }
});

test("the text output marks hits that only the keyword index found", () => {
  const r = run("search", "Eiffel", "--dir", work, "--model", "bundled", "--k", "3", "--mode", "lexical");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /05-eiffel-tower\.md:\d+-\d+ {2}\(keyword match\)/);
});

test("an unknown --mode is a usage error", () => {
  const r = run("search", "anything", "--dir", work, "--model", "bundled", "--mode", "fuzzy");
  assert.equal(r.code, 2);
  assert.match(r.err, /--mode is one of semantic, lexical, hybrid; got "fuzzy"/);
});
