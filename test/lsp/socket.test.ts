// A language server that holds two folders opens a local socket for each; `semsearch search` asks
// it there instead of opening the store, gets the same answer as a local search, and the sockets are
// gone once the server exits.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { storageDirFor } from "../../server/src/lsp/storage";
import { socketPathFor } from "../../server/src/socket/paths";
import { startClient, type Client } from "./lsp-client";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const KB = join(ROOT, "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "lsp-socket-"));
const a = join(work, "a");
const b = join(work, "b");
const storage = join(work, "storage");
const runtime = join(work, "runtime");
const sockets = join(runtime, "semsearch");
/** The CLI and the server agree on where sockets live, and the CLI finds the server's databases in `storage`. */
const env = { XDG_RUNTIME_DIR: runtime, SEMSEARCH_STORAGE: storage };
let client: Client;

/** The CLI, without blocking this process. */
function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(CLI, args, { env: { ...process.env, ...env } });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (code) => resolve({ code, out, err }));
  });
}

before(async () => {
  mkdirSync(runtime, { mode: 0o700 });
  cpSync(KB, a, { recursive: true });
  mkdirSync(b);
  writeFileSync(join(b, "quokka.md"), "# Quokka\n\nA quokka is a small marsupial that lives on Rottnest Island near Perth.\n");
  client = await startClient({ folders: [a, b], storagePath: storage, env });
  await client.waitForIdle();
});

after(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("the server opens one owner-only socket per folder, named by its database", () => {
  const expected = [a, b].map((root) => socketPathFor(join(storageDirFor(root, storage), "index.db"), sockets));
  assert.deepEqual(readdirSync(sockets).sort(), expected.map((p) => p.slice(sockets.length + 1)).sort());
});

test("the CLI searches through the server's socket: the folder's own store is never opened", async () => {
  const r = await run(["search", "Where is the Eiffel Tower located?", "--dir", a, "--model", "bundled", "--k", "3", "--json", "--verbose"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /via socket /);
  assert.doesNotMatch(r.err, /via local store/);
  const out = JSON.parse(r.out);
  assert.equal(out.results[0].path, "05-eiffel-tower.md");
  // The CLI's own database (<dir>/.semsearch) does not exist: only the server's index could answer.
  assert.equal(existsSync(join(a, ".semsearch")), false);

  // Each folder's socket answers for its own folder.
  const other = await run(["search", "marsupial", "--dir", b, "--model", "bundled", "--mode", "lexical", "--json", "--verbose"]);
  assert.equal(other.code, 0, other.err);
  assert.match(other.err, /via socket /);
  assert.deepEqual(JSON.parse(other.out).results.map((h: { path: string }) => h.path), ["quokka.md"]);
});

test("the answer over the socket is the local answer: same keys, same hits, same scores", async () => {
  const db = join(storageDirFor(a, storage), "index.db");
  for (const mode of ["hybrid", "lexical", "semantic"]) {
    const args = ["search", "Eiffel Tower in Paris", "--dir", a, "--db", db, "--model", "bundled", "--k", "5", "--mode", mode, "--json", "--verbose"];
    const served = await run(args);
    const local = await run([...args, "--no-server"]);
    assert.equal(served.code, 0, served.err);
    assert.equal(local.code, 0, local.err);
    assert.match(served.err, /via socket /, mode);
    assert.match(local.err, /via local store/, mode);
    const s = JSON.parse(served.out);
    const l = JSON.parse(local.out);
    assert.deepEqual(Object.keys(s).sort(), Object.keys(l).sort(), mode);
    assert.deepEqual(
      s.results.map((h: any) => ({ ...h, score: h.score.toFixed(6) })),
      l.results.map((h: any) => ({ ...h, score: h.score.toFixed(6) })),
      mode,
    );
  }
});

test("the sockets are removed when the server exits", async () => {
  await client.stop();
  assert.deepEqual(readdirSync(sockets), []);
  // And the CLI, finding no server, opens the index itself.
  const r = await run(["search", "marsupial", "--dir", b, "--db", join(storageDirFor(b, storage), "index.db"), "--model", "bundled", "--mode", "lexical", "--json", "--verbose"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /via local store/);
  assert.deepEqual(JSON.parse(r.out).results.map((h: { path: string }) => h.path), ["quokka.md"]);
});
