import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findOnPath, resolveRuntime } from "../../client/src/runtime";

const dir = mkdtempSync(join(tmpdir(), "semsearch-runtime-"));
const fake = join(dir, "mynode");
writeFileSync(fake, "#!/bin/sh\n");
chmodSync(fake, 0o755);
const notExec = join(dir, "plain");
writeFileSync(notExec, "");
chmodSync(notExec, 0o644);
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

test("no setting: the extension host's own Node", () => {
  assert.deepEqual(resolveRuntime(""), { kind: "default" });
  assert.deepEqual(resolveRuntime("   "), { kind: "default" });
  assert.deepEqual(resolveRuntime(undefined), { kind: "default" });
});

test("an absolute path to an executable is used as it is", () => {
  assert.deepEqual(resolveRuntime(fake), { kind: "path", path: fake });
});

test("a bare name is looked up on PATH only (never in the workspace folder)", () => {
  const env = { PATH: `/nonexistent${process.platform === "win32" ? ";" : ":"}${dir}` };
  assert.deepEqual(resolveRuntime("mynode", env), { kind: "path", path: fake });
  assert.equal(findOnPath("mynode", env), fake);
  const missing = resolveRuntime("nosuchnode", env);
  assert.equal(missing.kind, "missing");
  assert.match((missing as { reason: string }).reason, /not found on PATH/);
  // A relative PATH entry (".") is skipped: it would be the workspace folder.
  assert.equal(findOnPath("mynode", { PATH: "." }), undefined);
});

test("~ is the home folder; relative paths and non-executables are refused with a reason", () => {
  assert.deepEqual(resolveRuntime("~/mynode", {}, dir), { kind: "path", path: fake });
  const rel = resolveRuntime("./bin/node", {});
  assert.equal(rel.kind, "missing");
  assert.match((rel as { reason: string }).reason, /relative path/);
  if (process.platform !== "win32") assert.equal(resolveRuntime(notExec).kind, "missing");
  assert.equal(resolveRuntime(join(dir, "absent")).kind, "missing");
});
