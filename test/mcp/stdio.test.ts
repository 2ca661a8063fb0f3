// `semsearch mcp` (the built CLI) driven over stdio by the SDK's Client, after indexing
// examples/knowledge-base with `semsearch index` into a temporary database.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { call, toolChecks } from "./mcp-checks";

const CLI = join(__dirname, "..", "..", "bin", "semsearch");
const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "mcp-stdio-"));
const dir = join(work, "kb");
const db = join(work, "index.db");
let client: Client;
let transport: StdioClientTransport;
const stderr: string[] = [];

before(async () => {
  cpSync(KB, dir, { recursive: true });
  const indexed = spawnSync(CLI, ["index", dir, "--db", db, "--model", "bundled"], { encoding: "utf8" });
  assert.equal(indexed.status, 0, indexed.stderr);
  transport = new StdioClientTransport({ command: CLI, args: ["mcp", "--dir", dir, "--db", db, "--model", "bundled"], stderr: "pipe" });
  transport.stderr?.on("data", (d) => stderr.push(String(d)));
  client = new Client({ name: "mcp-stdio-test", version: "1" });
  await client.connect(transport);
});

after(async () => {
  await client?.close();
  rmSync(work, { recursive: true, force: true });
});

test("initialize: the server says who it is and how to use it", () => {
  assert.equal(client.getServerVersion()?.name, "semsearch");
  assert.ok(client.getServerCapabilities()?.tools);
  assert.match(client.getInstructions() ?? "", /grep/);
});

toolChecks(() => client, "kb");

test("reindex: a new file is indexed and found; the answer says the pass finished", async () => {
  writeFileSync(join(dir, "20-glaciers.md"), "---\ncategory: geography\n---\n# Glaciers\n\nA glacier is a persistent body of dense ice that moves under its own weight.\n");
  const r = await call(client, "reindex", {});
  assert.ok(!r.isError, r.text);
  const s = r.structuredContent as { finished: boolean; files: number; chunks: number };
  assert.equal(s.finished, true);
  assert.equal(s.files, 21);
  assert.match(r.text, /Re-indexed/);
  const found = await call(client, "search", { query: "What is a glacier?", k: 1 });
  assert.equal(found.hits[0]?.path, "20-glaciers.md");
});

test("the process logs to stderr only: stdout carried nothing but the protocol", () => {
  // A stray line on stdout would have failed the client's JSON-RPC parsing and every test above.
  assert.match(stderr.join(""), /serving .*kb/);
});

test("dist/mcp.js, what the VS Code extension starts (on its own Node, `mcp --dir ...`), serves the same tools", async () => {
  const own = new Client({ name: "mcp-extension-test", version: "1" });
  const entry = join(__dirname, "..", "..", "dist", "mcp.js");
  await own.connect(new StdioClientTransport({ command: process.execPath, args: [entry, "mcp", "--dir", dir, "--db", db, "--model", "bundled", "--no-index"], stderr: "ignore" }));
  try {
    const r = await call(own, "search", { query: "When was the Eiffel Tower built?", k: 3 });
    assert.equal(r.hits[0]?.path, "05-eiffel-tower.md");
  } finally {
    await own.close();
  }
});
