// The routing of `semsearch mcp` (server/src/mcp/routed-backend.ts) against a socket listener in this
// process whose folder target is a fake: what goes through the socket, what a server that is there
// but not ready gets, a server without socket reindex, and a server that is gone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SearchResponse } from "../../shared/src/types";
import { ToolInputError } from "../../server/src/mcp/backend";
import { RoutedBackend } from "../../server/src/mcp/routed-backend";
import { SocketBackend } from "../../server/src/mcp/socket-backend";
import { SocketListener, type SocketEngine, type SocketTarget } from "../../server/src/socket/listener";

const work = mkdtempSync(join(tmpdir(), "mcp-routed-"));
const root = join(work, "proj");
const runtime = join(work, "runtime");
const dbPath = join(work, "server", "index.db");
const savedRuntime = process.env.XDG_RUNTIME_DIR;
const logs: string[] = [];

/** What the fake server's engine answers: one hit, whatever the query. */
const answer: SearchResponse = {
  query: "q",
  model: "bundled:use-lite",
  candidates: 7,
  results: [{ path: "notes/a.md", startLine: 3, endLine: 9, score: 0.81, band: "strong", text: "alpha", metadata: { kind: "markdown" } }],
};
const asked: unknown[] = [];
const engine: SocketEngine = {
  modelId: "bundled:use-lite",
  search: async (opts) => (asked.push(opts), { ...answer, query: opts.query }),
  similar: async () => answer,
  status: () => ({ model: "bundled:use-lite", dimensions: 512, files: 4, chunks: 7, dbPath }),
};
let ready = true;
const target: SocketTarget = { root, dbPath, engine: () => (ready ? engine : undefined), configuredModel: () => "bundled", state: () => (ready ? "idle" : "opening") };
let listener: SocketListener | undefined;

function routed(): RoutedBackend {
  return new RoutedBackend(new SocketBackend(root, [dbPath], "bundled"), { root, db: dbPath, model: { model: "bundled" }, fallback: true, index: false, log: (m) => logs.push(m) });
}

before(async () => {
  mkdirSync(root);
  mkdirSync(runtime, { mode: 0o700 });
  writeFileSync(join(root, "a.md"), "# A\n\nalpha\n");
  // The socket folder both ends use: the backend's client reads it from the environment.
  process.env.XDG_RUNTIME_DIR = runtime;
  listener = await SocketListener.start(target);
  assert.ok(listener, "the listener started");
});

after(async () => {
  await listener?.close();
  if (savedRuntime === undefined) delete process.env.XDG_RUNTIME_DIR;
  else process.env.XDG_RUNTIME_DIR = savedRuntime;
  rmSync(work, { recursive: true, force: true });
});

test("search, similar and status go through the socket: the server's hits, with the asker's model and params", async () => {
  const b = routed();
  const a = await b.search({ query: "where is alpha", k: 5, filter: { kind: "markdown" }, mode: "semantic" });
  assert.deepEqual(a.results, [{ folder: "proj", path: "notes/a.md", startLine: 3, endLine: 9, score: 0.81, band: "strong", text: "alpha", metadata: { kind: "markdown" } }]);
  assert.equal(a.candidates, 7);
  assert.deepEqual(JSON.parse(JSON.stringify(asked.at(-1))), { query: "where is alpha", topK: 5, filter: { kind: "markdown" }, mode: "semantic" });
  assert.equal((await b.similar({ folder: "proj", path: "a.md", startLine: 1, endLine: 3, k: 2 })).results.length, 1);
  const s = await b.status();
  assert.equal(s.via, "language server socket");
  assert.deepEqual(s.server, { pid: process.pid, dbPath });
  assert.deepEqual([s.files, s.chunks, s.state], [4, 7, "idle"]);
  await b.close();
  assert.equal(existsSync(dbPath), false, "no index of its own was opened");
});

test("a server without reindex over the socket: an error that says the editor owns the index and how to re-index there", async () => {
  const b = routed();
  await assert.rejects(b.reindex(false), (err: Error) => err instanceof ToolInputError && /owns this index .*Re-index Workspace.*\/v1\/reindex/s.test(err.message));
  await b.close();
});

test("a server that holds the folder but is not ready: its database is read here read-only, and a database not made yet is a clear error", async () => {
  ready = false;
  try {
    const b = routed();
    await assert.rejects(b.search({ query: "alpha", k: 3 }), (err: Error) => {
      assert.ok(err instanceof ToolInputError, String(err));
      assert.match(err.message, /did not answer: .* is not open yet \(opening\)/);
      assert.match(err.message, /cannot be read here either .*try again in a moment/);
      return true;
    });
    await b.close();
    assert.equal(existsSync(dbPath), false, "a read-only open made no database");
  } finally {
    ready = true;
  }
});

test("a server that is gone: the own index opens (a writer, on the same database) and status says why", async () => {
  const b = routed();
  assert.equal((await b.status()).via, "language server socket");
  await listener!.close();
  listener = undefined;
  const s = await b.status();
  assert.equal(s.via, "own index");
  assert.equal(s.server, undefined);
  assert.match(s.message ?? "", /The running server that holds .*index\.db is gone .*answering from this process's own index/);
  assert.doesNotMatch(s.message ?? "", /read-only/);
  assert.ok(existsSync(dbPath), "the own index was opened on the server's database");
  assert.ok(logs.some((m) => /answering from this process's own index/.test(m)));
  await b.close();
});
