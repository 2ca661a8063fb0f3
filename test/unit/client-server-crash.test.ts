// What the client counts on when the server hits a bug it did not catch: the server says why (the
// error's stack on stderr and in a window/logMessage) and exits non-zero, so that the client starts a
// fresh one (vscode-languageclient restarts a crashed server) instead of talking to broken state.
//
// The built server (npm run build) runs over stdio as an editor starts it; the crash comes from a
// script preloaded through NODE_OPTIONS (nothing in the product knows about it): once the test
// creates a trigger file, the script throws, or leaves a promise rejected, on the server's main thread.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StatusRequest } from "../../shared/src/protocol";
import { startClient, waitFor, type Client } from "../lsp/lsp-client";

let dir: string;
let preload: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "server-crash-"));
  preload = join(dir, "crash-preload.js");
  writeFileSync(
    preload,
    `const { existsSync } = require("node:fs");
if (require("node:worker_threads").isMainThread && process.env.CRASH_TRIGGER) {
  const timer = setInterval(() => {
    if (!existsSync(process.env.CRASH_TRIGGER)) return;
    clearInterval(timer);
    if (process.env.CRASH_KIND === "reject") Promise.reject(new Error("crash-test rejection"));
    else throw new Error("crash-test exception");
  }, 20);
  timer.unref();
}
`,
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function crash(kind: "throw" | "reject"): Promise<{ code: number | null; signal: string | null; stderr: string; logs: string[] }> {
  const root = mkdtempSync(join(dir, `ws-${kind}-`));
  const storage = mkdtempSync(join(dir, `store-${kind}-`));
  writeFileSync(join(root, "note.md"), "# Note\n\nThe Eiffel Tower is in Paris.\n");
  const trigger = join(dir, `trigger-${kind}`);
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(preload)}`].filter(Boolean).join(" ");
  const client: Client = await startClient({
    folders: [root],
    storagePath: storage,
    env: { NODE_OPTIONS: nodeOptions, CRASH_TRIGGER: trigger, CRASH_KIND: kind },
  });
  try {
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      client.proc.once("exit", (code, signal) => resolve({ code, signal })),
    );
    // Alive and answering before the crash: the preload script alone changes nothing.
    const status = await client.conn.sendRequest(StatusRequest.type);
    assert.equal(status.state, "idle");
    assert.equal(client.proc.exitCode, null);
    writeFileSync(trigger, "");
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the server did not exit after the ${kind}; stderr: ${client.stderr.join("")}`)), 15_000);
      }),
    ]).finally(() => clearTimeout(timer));
    // The exit ends the stream; the last messages have been read by then, or never will be.
    await waitFor(() => client.logs.some((l) => l.includes("crash-test")), 2_000, "the log message").catch(() => undefined);
    return { ...result, stderr: client.stderr.join(""), logs: [...client.logs] };
  } finally {
    if (client.proc.exitCode === null && client.proc.signalCode === null) await client.stop();
    else client.conn.dispose();
    rmSync(root, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  }
}

test("an uncaught exception is logged with its stack, to stderr and to the client, and the server exits with code 1", async () => {
  const r = await crash("throw");
  assert.deepEqual([r.code, r.signal], [1, null]);
  assert.match(r.stderr, /Error: crash-test exception\n\s+at .*crash-preload\.js/);
  const log = r.logs.find((l) => l.includes("crash-test exception"));
  assert.ok(log, `a window/logMessage with the error, among: ${JSON.stringify(r.logs)}`);
  assert.match(log, /crash-preload\.js/, "with its stack");
});

test("an unhandled promise rejection gets the same treatment", async () => {
  const r = await crash("reject");
  assert.deepEqual([r.code, r.signal], [1, null]);
  assert.match(r.stderr, /unhandled promise rejection: Error: crash-test rejection\n\s+at .*crash-preload\.js/);
  assert.ok(
    r.logs.some((l) => l.includes("unhandled promise rejection: Error: crash-test rejection")),
    `a window/logMessage with the rejection, among: ${JSON.stringify(r.logs)}`,
  );
});
