// `semsearch search --explain`: a `why:` line under each hit in text, an `explain` key per hit in
// --json (and none without --explain, so the documented shape holds).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const TINY_MODEL = join(ROOT, "test", "fixtures", "tiny-model", "semsearch", "tiny-bert");
const work = mkdtempSync(join(tmpdir(), "ranking-cli-"));
const dir = join(work, "src");

function run(args: string[]) {
  const r = spawnSync(CLI, args, { encoding: "utf8", env: { ...process.env, SEMSEARCH_NO_SOCKET: "1", XDG_RUNTIME_DIR: join(work, "runtime") } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  mkdirSync(join(dir, "lib"), { recursive: true });
  writeFileSync(join(dir, "lib", "app.js"), "const a = parseRange('1.x')\nconst b = parseRange('2.x')\nmodule.exports = [parseRange(a), parseRange(b)]\n");
  writeFileSync(join(dir, "lib", "range.js"), "function parseRange (text) {\n  return text.split('.')\n}\nmodule.exports = parseRange\n");
  const r = run(["index", dir, "--model", TINY_MODEL, "--no-fallback"]);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(work, { recursive: true, force: true }));

test("--explain prints why each hit ranked", () => {
  const r = run(["search", "parseRange", "--dir", dir, "--model", TINY_MODEL, "--no-fallback", "--mode", "lexical", "--k", "2", "--explain", "--no-server"]);
  assert.equal(r.code, 0, r.err);
  // Code chunks: the keyword rank says what BM25's code b did to the score. app.js says parseRange
  // four times and is the longer file, so it leads BM25, and the declaration is put first.
  assert.match(
    r.out,
    /#1 .* lib\/range\.js:1-\d+ .*\n.*\n    why: identifier query, keyword ranking only; keyword #\d \(BM25 ×[\d.]+ for a code chunk's length\); fused [\d.]+; definitionBoost ×2 \(declares parseRange, put first in the keyword list\)/,
  );
});

test("--json --explain adds explain per hit; --json alone keeps the documented keys", () => {
  const withExplain = JSON.parse(run(["search", "parseRange", "--dir", dir, "--model", TINY_MODEL, "--no-fallback", "--mode", "lexical", "--json", "--explain", "--no-server"]).out);
  assert.equal(withExplain.results[0].path, "lib/range.js");
  assert.equal(withExplain.results[0].explain.queryKind, "identifier");
  assert.ok(withExplain.results[0].explain.signals.some((s: { signal: string }) => s.signal === "definitionBoost"));
  const plain = JSON.parse(run(["search", "parseRange", "--dir", dir, "--model", TINY_MODEL, "--no-fallback", "--mode", "lexical", "--json", "--no-server"]).out);
  assert.deepEqual(Object.keys(plain.results[0]), ["path", "startLine", "endLine", "score", "band", "text", "metadata"]);
});
