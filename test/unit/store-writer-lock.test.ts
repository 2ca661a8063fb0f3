// One indexing pass per store (server/src/store/writer-lock.ts): a second waits for the first, a
// lock left by a process that died is taken over, and a wait can be cancelled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { withWriterLock } from "../../server/src/store/writer-lock";

function tempDb(): { db: string; dir: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), "writer-lock-"));
  return { db: join(dir, "index.db"), dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test("passes on one store run one after the other, never together", async () => {
  const t = tempDb();
  const events: string[] = [];
  const pass = (name: string) =>
    withWriterLock(t.db, async () => {
      events.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 50));
      events.push(`${name} end`);
      return name;
    });
  assert.deepEqual(await Promise.all([pass("a"), pass("b"), pass("c")]), ["a", "b", "c"]);
  for (let i = 0; i < events.length; i += 2) assert.equal(events[i].split(" ")[0], events[i + 1].split(" ")[0], events.join(", "));
  assert.deepEqual(readdirSync(t.dir), [], "the lock and its temporary files are gone");
  t.done();
});

test("a lock whose process died is taken over; one of a live process is waited for, and the wait can be cancelled", async () => {
  const t = tempDb();
  // A process that has exited: its pid is free.
  const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  writeFileSync(`${t.db}.lock`, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), token: "dead" }));
  assert.equal(await withWriterLock(t.db, async () => "ran"), "ran");
  assert.ok(!existsSync(`${t.db}.lock`));

  writeFileSync(`${t.db}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: "alive" }));
  const logs: string[] = [];
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 300);
  await assert.rejects(withWriterLock(t.db, async () => "never", { signal: abort.signal, log: (m) => logs.push(m) }), { name: "AbortError" });
  assert.match(logs.join("\n"), new RegExp(`Another semsearch \\(process ${process.pid}\\) is indexing this folder; waiting`));
  assert.ok(existsSync(`${t.db}.lock`), "a live holder's lock stays");
  t.done();
});
