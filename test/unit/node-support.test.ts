// better-sqlite3 13 crashes a Node without Node-API 10, so the store and bin/semsearch check first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nodeSupportProblem } from "../../server/src/store/node-support";
import { Store, StoreError } from "../../server/src/store/store";

const ROOT = join(__dirname, "..", "..");
const NAPI9 = join(ROOT, "test", "fixtures", "old-node", "napi9.cjs");

test("a Node with Node-API 10 or later is supported", () => {
  assert.equal(nodeSupportProblem({ node: "22.14.0", napi: "10" }), undefined);
  assert.equal(nodeSupportProblem({ node: "24.11.0", napi: "10" }), undefined);
});

test("an older Node is named, with the Node needed and the fix", () => {
  const problem = nodeSupportProblem({ node: "20.20.2", napi: "9" });
  assert.ok(problem);
  assert.match(problem, /Node\.js 20\.20\.2 \(Node-API 9\)/);
  assert.match(problem, /22\.14\.0 or later \(Node-API 10\)/);
  assert.match(problem, /semanticSearch\.server\.runtime/);
  assert.match(problem, /update to 1\.101/);
  const electron = nodeSupportProblem({ node: "20.18.3", napi: "9", electron: "34.5.8" });
  assert.match(electron ?? "", /Electron 34\.5\.8 with Node\.js 20\.18\.3/);
});

test("Store.open refuses an older Node with that message instead of loading the addon", () => {
  const versions = process.versions;
  Object.defineProperty(process, "versions", { value: { ...versions, node: "20.20.2", napi: "9" }, configurable: true });
  try {
    assert.throws(() => Store.open(":memory:"), (err: Error) => err instanceof StoreError && /Node\.js 20\.20\.2/.test(err.message));
  } finally {
    Object.defineProperty(process, "versions", { value: versions, configurable: true });
  }
  Store.open(":memory:").close();
});

test("bin/semsearch on an older Node re-runs itself on the Node that npm install pinned", () => {
  const r = spawnSync(process.execPath, ["-r", NAPI9, join(ROOT, "bin", "semsearch"), "embed", "hello", "--model", "bundled", "--json"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).dimensions, 512);
});

test("bin/semsearch on an older Node with no pinned Node says what to do", () => {
  const dir = mkdtempSync(join(tmpdir(), "semsearch-bin-"));
  try {
    mkdirSync(join(dir, "bin"));
    copyFileSync(join(ROOT, "bin", "semsearch"), join(dir, "bin", "semsearch"));
    const r = spawnSync(process.execPath, ["-r", NAPI9, join(dir, "bin", "semsearch"), "search", "x"], { encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /needs Node\.js 22\.14 or later \(Node-API 10\); this is Node\.js v20\.20\.2 \(Node-API 9\)/);
    assert.match(r.stderr, /npm install/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
