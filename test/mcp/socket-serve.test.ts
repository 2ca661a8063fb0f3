// `semsearch mcp --dir <folder>` (no --db) beside `semsearch serve` on the same folder: it finds the
// server's socket by the folder's default database (<dir>/.semsearch/index.db) and answers through it;
// reindex runs serve's own pass.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { call as httpCall } from "../http/client";
import { startServe, waitIndexed, type Served } from "../http/serve-process";
import { call } from "./mcp-checks";

const CLI = join(__dirname, "..", "..", "bin", "semsearch");
const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "mcp-socket-serve-"));
const dir = join(work, "kb");
const runtime = join(work, "runtime");
const env = { XDG_RUNTIME_DIR: runtime };
let served: Served;
let client: Client;
const stderr: string[] = [];

before(async () => {
  mkdirSync(runtime, { mode: 0o700 });
  cpSync(KB, dir, { recursive: true });
  served = await startServe(["--dir", dir, "--documents", join(work, "documents")], env);
  await waitIndexed(async () => (await httpCall("GET", `${served.url}/v1/status`)).body, 20);
  // A process that can load no model: only the server's answers can succeed.
  const transport = new StdioClientTransport({
    command: CLI,
    args: ["mcp", "--dir", dir, "--model", "bundled"],
    env: { ...(process.env as Record<string, string>), ...env, SEMSEARCH_BUNDLED_RUNTIME: "no-such-runtime" },
    stderr: "pipe",
  });
  transport.stderr?.on("data", (d) => stderr.push(String(d)));
  client = new Client({ name: "mcp-socket-serve-test", version: "1" });
  await client.connect(transport);
});

after(async () => {
  await client?.close();
  await served?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("status and search answer via serve's socket, found without --db", async () => {
  const s = (await call(client, "status")).structuredContent as { via: string; server: { pid: number; dbPath: string }; chunks: number };
  assert.equal(s.via, "language server socket");
  assert.equal(s.server.pid, served.proc.pid);
  assert.equal(s.server.dbPath, join(dir, ".semsearch", "index.db"));
  assert.equal(s.chunks, 20);
  const r = await call(client, "search", { query: "When was the Eiffel Tower built?", k: 3 });
  assert.ok(!r.isError, r.text);
  assert.equal(r.hits[0].path, "05-eiffel-tower.md");
  assert.deepEqual([r.hits[0].startLine, r.hits[0].endLine], [6, 6]);
});

test("reindex runs serve's pass: the new file is in serve's index", async () => {
  writeFileSync(join(dir, "20-glaciers.md"), "# Glaciers\n\nA glacier is a persistent body of dense ice that moves under its own weight.\n");
  const r = await call(client, "reindex", { waitSeconds: 120 });
  assert.ok(!r.isError, r.text);
  assert.equal((r.structuredContent as { finished: boolean; files: number }).finished, true);
  const status = (await httpCall("GET", `${served.url}/v1/status`)).body as { files: number };
  assert.equal(status.files, 21);
  const found = await call(client, "search", { query: "What is a glacier?", k: 1 });
  assert.equal(found.hits[0]?.path, "20-glaciers.md");
});
