// The per-user secret that signs this user's indexes (server/src/trust/user-secret.ts): where it
// lives, its permissions, and that processes creating it at once all end up with one key.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configDir, forgetCachedSecrets, userSecret } from "../../server/src/trust/user-secret";

const ROOT = join(__dirname, "..", "..");

test("the config folder is $SEMSEARCH_CONFIG_DIR, else $XDG_CONFIG_HOME/semsearch, else ~/.config/semsearch", () => {
  assert.equal(configDir({ SEMSEARCH_CONFIG_DIR: "/a/b", XDG_CONFIG_HOME: "/x" }), "/a/b");
  assert.equal(configDir({ XDG_CONFIG_HOME: "/x" }), "/x/semsearch");
  assert.match(configDir({}), /[/\\]\.config[/\\]semsearch$/);
});

test("the secret is 32 random bytes, file 0600 in a 0700 folder, the same on every call", () => {
  const base = mkdtempSync(join(tmpdir(), "secret-"));
  const dir = join(base, "config", "semsearch");
  try {
    const a = userSecret(dir);
    assert.equal(a.length, 32);
    assert.deepEqual(readFileSync(join(dir, "user-secret")), a);
    if (process.platform !== "win32") {
      assert.equal(statSync(join(dir, "user-secret")).mode & 0o777, 0o600);
      assert.equal(statSync(dir).mode & 0o777, 0o700);
    }
    forgetCachedSecrets();
    assert.deepEqual(userSecret(dir), a, "read back, not made anew");
    const other = join(base, "other");
    assert.notDeepEqual(userSecret(other), a, "another user's folder has another key");
  } finally {
    forgetCachedSecrets();
    rmSync(base, { recursive: true, force: true });
  }
});

test("a damaged secret file gives an error that says what to do", () => {
  const dir = mkdtempSync(join(tmpdir(), "secret-"));
  try {
    writeFileSync(join(dir, "user-secret"), "short");
    assert.throws(() => userSecret(dir), /holds 5 bytes, not 32; delete it/);
  } finally {
    forgetCachedSecrets();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("processes creating the secret at once all get the same key", async () => {
  const base = mkdtempSync(join(tmpdir(), "secret-race-"));
  try {
    for (let round = 0; round < 3; round++) {
      const dir = join(base, `round-${round}`);
      const script = `const { userSecret } = require(${JSON.stringify(join(ROOT, "server/src/trust/user-secret.ts"))}); process.stdout.write(userSecret(${JSON.stringify(dir)}).toString("hex"));`;
      const outputs = await Promise.all(
        Array.from({ length: 4 }, () => {
          const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT });
          let out = "";
          child.stdout.on("data", (d) => (out += d));
          return new Promise<string>((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`)))));
        }),
      );
      assert.equal(new Set(outputs).size, 1, `round ${round}: ${outputs.join(" ")}`);
      assert.equal(outputs[0], readFileSync(join(dir, "user-secret")).toString("hex"));
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
