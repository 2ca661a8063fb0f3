// The local socket between the CLI and a running server (server/src/socket/): the listener with a
// stand-in engine, the client's checks (owner, mode, stale files), and the CLI falling back to its
// own search whenever the socket cannot be used.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SearchResponse } from "../../shared/src/types";
import { askRunningServer } from "../../server/src/socket/client";
import { SocketListener, type SocketEngine, type SocketTarget } from "../../server/src/socket/listener";
import { socketPathFor } from "../../server/src/socket/paths";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const KB = join(ROOT, "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "cli-socket-"));
/** A private socket folder for these tests (as $XDG_RUNTIME_DIR/semsearch would be). */
const runtime = join(work, "runtime");
const folder = join(runtime, "semsearch");
const kb = join(work, "kb");

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(CLI, args, { encoding: "utf8", env: { ...process.env, XDG_RUNTIME_DIR: runtime, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same, without blocking this process: for when this process holds the socket the CLI asks. */
function runAsync(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(CLI, args, { env: { ...process.env, XDG_RUNTIME_DIR: runtime } });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (code) => resolve({ code, out, err }));
  });
}

const searched: unknown[] = [];
/** A stand-in engine: answers every search with one hit, and records what it was asked. */
const fakeEngine: SocketEngine = {
  modelId: "bundled:use-lite",
  async search(opts): Promise<SearchResponse> {
    searched.push(opts);
    return { query: opts.query, model: "bundled:use-lite", candidates: 7, results: [{ path: "from-the-server.md", startLine: 1, endLine: 2, score: 0.5, band: "possible", text: "served", metadata: {} }] };
  },
  async similar(opts) {
    return { query: opts.path, model: "bundled:use-lite", candidates: 0, results: [] };
  },
  status: () => ({ model: "bundled:use-lite", dimensions: 512, files: 3, chunks: 9, dbPath: "x" }),
};

/** A folder held by a server; engine null: still opening. */
function target(dbPath: string, engine: SocketEngine | null = fakeEngine): SocketTarget {
  return { root: work, dbPath, engine: () => engine ?? undefined, configuredModel: () => "bundled", state: () => (engine ? "idle" : "opening") };
}

before(() => {
  mkdirSync(runtime, { mode: 0o700 });
  cpSync(KB, kb, { recursive: true });
  const r = run(["index", kb, "--model", "bundled"]);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(work, { recursive: true, force: true }));

test("a listener answers search and status; its socket is owner-only in an owner-only folder, and gone after close", async () => {
  const db = join(work, "a.db");
  const listener = await SocketListener.start(target(db), { folder });
  assert.ok(listener);
  assert.equal(listener.path, socketPathFor(db, folder));
  assert.equal(lstatSync(folder).mode & 0o777, 0o700);
  assert.equal(lstatSync(listener.path).mode & 0o777, 0o600);
  const answer = await askRunningServer(db, { method: "search", params: { query: "anything", topK: 3, mode: "lexical", keywordScores: true } }, { folder });
  assert.ok(answer.ok, JSON.stringify(answer));
  assert.equal(answer.result.results[0].path, "from-the-server.md");
  assert.deepEqual(searched.at(-1), { query: "anything", topK: 3, filter: undefined, minScore: undefined, mode: "lexical", bands: undefined, efSearch: undefined, keywordScores: true });
  const similar = await askRunningServer(db, { method: "similar", params: { path: "notes/a.md", startLine: 1, endLine: 3 } }, { folder });
  assert.ok(similar.ok, JSON.stringify(similar));
  assert.equal(similar.result.query, "notes/a.md");
  const escape = await askRunningServer(db, { method: "similar", params: { path: "../../etc/passwd", startLine: 1, endLine: 1 } }, { folder });
  assert.equal(!escape.ok && escape.code, "bad-request");
  const status = await askRunningServer(db, { method: "status" }, { folder });
  assert.ok(status.ok);
  assert.equal(status.result.chunks, 9);
  assert.equal(status.result.pid, process.pid);
  await listener.close();
  assert.equal(existsSync(listener.path), false);
  const gone = await askRunningServer(db, { method: "status" }, { folder });
  assert.equal(gone.ok, false);
  assert.equal(!gone.ok && gone.why, "no-socket");
});

test("bad requests get an error line and the listener keeps serving; other models and unopened folders are declined", async () => {
  const db = join(work, "b.db");
  const listener = (await SocketListener.start(target(db), { folder }))!;
  const lines = await rawExchange(listener.path, ['{"v":1,"method":"search","params":{"query":""}}', "not json", '{"v":9,"method":"status"}', '{"v":1,"method":"drop"}', '{"v":1,"method":"search","params":{"query":"x","topK":5000}}']);
  assert.equal(lines.length, 5);
  for (const l of lines) {
    assert.equal(l.ok, false);
    assert.equal(l.code, "bad-request");
  }
  assert.match(lines[0].error, /query must be a non-empty string/);
  assert.match(lines[2].error, /version 9 is not supported/);
  assert.match(lines[4].error, /topK must be a whole number from 1 to 1000/);
  const other = await askRunningServer(db, { method: "search", params: { query: "x", model: "Xenova/all-MiniLM-L6-v2" } }, { folder });
  assert.equal(!other.ok && other.code, "model-mismatch");
  const same = await askRunningServer(db, { method: "search", params: { query: "x", model: "bundled" } }, { folder });
  assert.ok(same.ok, JSON.stringify(same));
  await listener.close();

  const opening = (await SocketListener.start(target(db, null), { folder }))!;
  const notReady = await askRunningServer(db, { method: "search", params: { query: "x" } }, { folder });
  assert.equal(!notReady.ok && notReady.code, "not-ready");
  await opening.close();
});

test("a folder open to others, or another user's, is neither listened on nor connected to", async () => {
  const open = join(work, "open-runtime", "semsearch");
  mkdirSync(open, { recursive: true });
  chmodSync(open, 0o777);
  const logs: string[] = [];
  assert.equal(await SocketListener.start(target(join(work, "c.db")), { folder: open, log: (m) => logs.push(m) }), undefined);
  assert.match(logs.join("\n"), /can be entered by other users \(mode 777/);
  const r = await askRunningServer(join(work, "c.db"), { method: "status" }, { folder: open });
  assert.equal(!r.ok && r.why, "unsafe");

  // Another user: the same private folder, seen by a process of another uid.
  const db = join(work, "d.db");
  const listener = (await SocketListener.start(target(db), { folder }))!;
  const stranger = await askRunningServer(db, { method: "status" }, { folder, uid: process.getuid!() + 1 });
  assert.equal(!stranger.ok && stranger.why, "unsafe");
  assert.match(!stranger.ok ? stranger.message : "", /belongs to another user/);
  assert.equal(await SocketListener.start(target(db), { folder, uid: process.getuid!() + 1, log: () => undefined }), undefined);
  await listener.close();
});

test("the CLI asks a running server over the socket and prints the same shape as a local search", async () => {
  const db = join(kb, ".semsearch", "index.db");
  const listener = (await SocketListener.start(target(db), { folder }))!;
  try {
    const viaSocket = await runAsync(["search", "Eiffel", "--dir", kb, "--model", "bundled", "--json", "--verbose"]);
    assert.equal(viaSocket.code, 0, viaSocket.err);
    assert.match(viaSocket.err, /via socket /);
    const served = JSON.parse(viaSocket.out);
    assert.equal(served.results[0].path, "from-the-server.md");
    const local = run(["search", "Eiffel", "--dir", kb, "--model", "bundled", "--json", "--no-server", "--verbose"]);
    assert.equal(local.code, 0, local.err);
    assert.match(local.err, /via local store/);
    const mine = JSON.parse(local.out);
    assert.equal(mine.results[0].path, "05-eiffel-tower.md");
    assert.deepEqual(Object.keys(served).sort(), Object.keys(mine).sort());
    assert.deepEqual(Object.keys(served.results[0]).sort(), Object.keys(mine.results[0]).sort());
    // The CLI spelled out what a local search would use, so that the server's settings do not change the answer.
    assert.deepEqual((searched.at(-1) as { bands: unknown }).bands, { strong: 0.75, possible: 0.4 });
  } finally {
    await listener.close();
  }
});

test("a stale socket file (nobody listens) is removed and the CLI searches itself, exit 0", () => {
  const db = join(kb, ".semsearch", "index.db");
  const path = socketPathFor(db, folder);
  // A server that died without cleaning up: it listened, then was killed.
  const dead = spawnSync(process.execPath, ["-e", `require("net").createServer().listen(${JSON.stringify(path)}, () => { require("fs").chmodSync(${JSON.stringify(path)}, 0o600); process.kill(process.pid, "SIGKILL"); })`]);
  assert.equal(dead.signal, "SIGKILL");
  assert.ok(lstatSync(path).isSocket());
  const r = run(["search", "Eiffel", "--dir", kb, "--model", "bundled", "--mode", "lexical", "--json", "--verbose"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /left over from a server that is gone; removed it/);
  assert.match(r.err, /via local store/);
  assert.equal(JSON.parse(r.out).results[0].path, "05-eiffel-tower.md");
  assert.equal(existsSync(path), false);
});

test("a socket folder open to others is not used by the CLI: it searches itself, exit 0", () => {
  const loose = join(work, "loose-runtime");
  mkdirSync(join(loose, "semsearch"), { recursive: true });
  chmodSync(join(loose, "semsearch"), 0o777);
  const r = run(["search", "Eiffel", "--dir", kb, "--model", "bundled", "--mode", "lexical", "--json", "--verbose"], { XDG_RUNTIME_DIR: loose });
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /can be entered by other users/);
  assert.match(r.err, /via local store/);
  assert.equal(JSON.parse(r.out).results[0].path, "05-eiffel-tower.md");
  // Without --verbose the fallback is silent.
  const quiet = run(["search", "Eiffel", "--dir", kb, "--model", "bundled", "--mode", "lexical", "--json"], { XDG_RUNTIME_DIR: loose });
  assert.equal(quiet.code, 0, quiet.err);
  assert.equal(quiet.err, "");
  assert.deepEqual(readdirSync(join(loose, "semsearch")), []);
});

/** Sends raw lines on one connection and collects as many answer lines. */
function rawExchange(path: string, lines: string[]): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const conn = createConnection(path);
    let buffered = "";
    conn.setEncoding("utf8");
    conn.on("connect", () => conn.write(lines.join("\n") + "\n"));
    conn.on("data", (d: string) => {
      buffered += d;
      const got = buffered.split("\n").filter(Boolean);
      if (got.length >= lines.length) {
        conn.destroy();
        resolve(got.map((l) => JSON.parse(l)));
      }
    });
    conn.on("error", reject);
  });
}
