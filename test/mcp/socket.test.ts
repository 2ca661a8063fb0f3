// `semsearch mcp` beside a running language server that holds the folder: the tools answer through
// the server's local socket, from the editor's index, with no engine, store or model of their own;
// when the server dies mid-session the next call answers from the MCP process's own index instead.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { storageDirFor } from "../../server/src/lsp/storage";
import { askRunningServer } from "../../server/src/socket/client";
import { startClient, type Client as LspClient } from "../lsp/lsp-client";
import { call, toolChecks } from "./mcp-checks";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const KB = join(ROOT, "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "mcp-socket-"));
const dir = join(work, "kb");
const storage = join(work, "storage");
const runtime = join(work, "runtime");
/** The database the language server opens for the folder: what the VS Code registration passes as --db. */
const db = join(storageDirFor(dir, storage), "index.db");
/** The MCP processes and the server agree on where sockets live. */
const env = { XDG_RUNTIME_DIR: runtime, SEMSEARCH_STORAGE: storage };
let lsp: LspClient;

interface Session {
  client: Client;
  stderr: string[];
}
const sessions: Session[] = [];

/** `semsearch mcp --dir <folder> --db <the server's database>`, driven by the SDK's client over stdio. */
async function startMcp(extraEnv: Record<string, string> = {}): Promise<Session> {
  const transport = new StdioClientTransport({
    command: CLI,
    args: ["mcp", "--dir", dir, "--db", db, "--model", "bundled"],
    env: { ...(process.env as Record<string, string>), ...env, ...extraEnv },
    stderr: "pipe",
  });
  const session: Session = { client: new Client({ name: "mcp-socket-test", version: "1" }), stderr: [] };
  transport.stderr?.on("data", (d) => session.stderr.push(String(d)));
  await session.client.connect(transport);
  sessions.push(session);
  return session;
}

interface Status {
  state: string;
  files: number;
  chunks: number;
  model: string;
  message?: string;
  via?: string;
  server?: { pid: number; dbPath: string };
}

// The first session cannot load any model: SEMSEARCH_BUNDLED_RUNTIME names no runtime, so an engine of
// its own would fail on the first search. Only answers through the socket can succeed.
let socketOnly: Session;

before(async () => {
  mkdirSync(runtime, { mode: 0o700 });
  cpSync(KB, dir, { recursive: true });
  lsp = await startClient({ folders: [dir], storagePath: storage, env });
  await lsp.waitForIdle();
  socketOnly = await startMcp({ SEMSEARCH_BUNDLED_RUNTIME: "no-such-runtime" });
});

after(async () => {
  for (const s of sessions) await s.client.close().catch(() => undefined);
  await lsp?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("status: answered via the language server socket, by the server's process, from its database", async () => {
  const r = await call(socketOnly.client, "status");
  assert.ok(!r.isError, r.text);
  const s = r.structuredContent as unknown as Status;
  assert.equal(s.via, "language server socket");
  assert.equal(s.server?.pid, lsp.proc.pid);
  assert.equal(s.server?.dbPath, db);
  assert.equal(s.chunks, 20);
  assert.match(r.text, new RegExp(`answered via the language server socket \\(process ${lsp.proc.pid}`));
  assert.match(socketOnly.stderr.join(""), /answering from the server of .* over its local socket/);
});

test("search through the socket: the Eiffel fact first, with its lines; no engine was opened in the MCP process", async () => {
  const r = await call(socketOnly.client, "search", { query: "When was the Eiffel Tower built?", k: 3 });
  assert.ok(!r.isError, r.text);
  assert.equal(r.hits[0].path, "05-eiffel-tower.md");
  assert.deepEqual([r.hits[0].startLine, r.hits[0].endLine], [6, 6]);
  assert.match(r.text, /05-eiffel-tower\.md:6-6 \(\d+% (strong|possible|weak)\)/);
  // This process could load no model: had it searched its own index, the search would have failed.
  assert.doesNotMatch(socketOnly.stderr.join(""), /own index|SEMSEARCH_BUNDLED_RUNTIME/);
  // Nor did it make an index of its own in the folder (the default database without --db).
  assert.equal(existsSync(join(dir, ".semsearch")), false);
});

// Every check the stdio and HTTP transports pass, answered by the language server over its socket.
toolChecks(() => socketOnly.client, "kb");

test("reindex through the socket: the server indexes a new file, and the answer says the pass finished", async () => {
  writeFileSync(join(dir, "20-glaciers.md"), "---\ncategory: geography\n---\n# Glaciers\n\nA glacier is a persistent body of dense ice that moves under its own weight.\n");
  const r = await call(socketOnly.client, "reindex", { waitSeconds: 120 });
  assert.ok(!r.isError, r.text);
  const s = r.structuredContent as unknown as Status & { finished: boolean };
  assert.equal(s.finished, true);
  assert.equal(s.via, "language server socket");
  assert.equal(s.files, 21);
  const found = await call(socketOnly.client, "search", { query: "What is a glacier?", k: 1 });
  assert.equal(found.hits[0]?.path, "20-glaciers.md");
  // The language server indexed it (its own status says so), not the MCP process.
  const lspStatus = (await lsp.conn.sendRequest("semanticSearch/status")) as { files: number };
  assert.equal(lspStatus.files, 21);
});

test("the socket's reindex method checks its params", async () => {
  const bad = await askRunningServer(db, { method: "reindex", params: { rebuild: "yes" as unknown as boolean } }, { folder: join(runtime, "semsearch") });
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.code, "bad-request");
  assert.match(!bad.ok ? bad.message : "", /params\.rebuild must be true or false/);
});

test("a live server that declines (another model): the MCP process answers from the same database read-only, and leaves reindex to the server", async () => {
  const transport = new StdioClientTransport({
    command: CLI,
    // The server's folder holds the bundled model's index; this process is configured for another model.
    args: ["mcp", "--dir", dir, "--db", db, "--model", "Xenova/all-MiniLM-L6-v2"],
    env: { ...(process.env as Record<string, string>), ...env, SEMSEARCH_MODELS: join(work, "no-models") },
    stderr: "pipe",
  });
  const session: Session = { client: new Client({ name: "mcp-socket-test", version: "1" }), stderr: [] };
  transport.stderr?.on("data", (d) => session.stderr.push(String(d)));
  await session.client.connect(transport);
  sessions.push(session);
  const r = await call(session.client, "status");
  assert.ok(!r.isError, r.text);
  const s = r.structuredContent as unknown as Status;
  assert.equal(s.via, "own index");
  assert.match(s.message ?? "", /did not answer: this server searches .* with model bundled:use-lite, not Xenova\/all-MiniLM-L6-v2/);
  assert.match(s.message ?? "", /Opened read-only: the running server writes this index/);
  const found = await call(session.client, "search", { query: "When was the Eiffel Tower built?", k: 1 });
  assert.ok(!found.isError, found.text);
  assert.equal(found.hits[0]?.path, "05-eiffel-tower.md");
  const re = await call(session.client, "reindex", {});
  assert.equal(re.isError, true);
  assert.match(re.text, /the running editor or server owns this index .*Re-index Workspace/s);
  assert.match(session.stderr.join(""), /read-only: a running server writes it/);
});

test("the server exits mid-session: the next search still answers, from the MCP process's own index, and status says so", async () => {
  const session = await startMcp();
  const before = (await call(session.client, "status")).structuredContent as unknown as Status;
  assert.equal(before.via, "language server socket");

  // Killed, not shut down: its socket file stays behind, and nobody listens on it.
  lsp.proc.kill("SIGKILL");
  await lsp.exitCode;

  const r = await call(session.client, "search", { query: "When was the Eiffel Tower built?", k: 3 });
  assert.ok(!r.isError, r.text);
  assert.equal(r.hits[0].path, "05-eiffel-tower.md");
  assert.deepEqual([r.hits[0].startLine, r.hits[0].endLine], [6, 6]);

  const s = (await call(session.client, "status")).structuredContent as unknown as Status;
  assert.equal(s.via, "own index");
  assert.equal(s.server, undefined);
  assert.match(s.message ?? "", new RegExp(`The running server that holds ${db.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is gone`));
  // The same index the server kept (its database), not a second one: the new file is in it.
  assert.equal(s.files, 21);
  assert.match(session.stderr.join(""), /answering from this process's own index/);
  // Now this process is the index's writer: reindex runs here.
  const re = await call(session.client, "reindex", { waitSeconds: 120 });
  assert.ok(!re.isError, re.text);
  assert.equal((re.structuredContent as { finished: boolean }).finished, true);

  // The session that can load no model has no index to fall back on: it says why, and keeps running.
  const failed = await call(socketOnly.client, "search", { query: "Eiffel Tower", k: 1 });
  assert.equal(failed.isError, true);
  assert.match(failed.text, /SEMSEARCH_BUNDLED_RUNTIME/);
  const { tools } = await socketOnly.client.listTools();
  assert.equal(tools.length, 4);
});
