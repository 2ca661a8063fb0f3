// /mcp on `semsearch serve` (the built CLI) driven by the SDK's Client over Streamable HTTP: the same
// checks as over stdio, behind the REST API's authentication (no token: 401) and audit trail.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { call as httpCall } from "../http/client";
import { request as httpsRequest } from "node:https";
import { cli, makePki, startServe, waitIndexed, type Served } from "../http/serve-process";
import { call, toolChecks } from "./mcp-checks";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "mcp-http-"));
const dir = join(work, "kb");
const tokensFile = join(work, "tokens.json");
const auditFile = join(work, "audit.jsonl");
const tokens: Record<string, string> = {};
let server: Served;
let client: Client;

async function connect(token?: string): Promise<Client> {
  const c = new Client({ name: "mcp-http-test", version: "1" });
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  await c.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers } }));
  return c;
}

before(async () => {
  cpSync(KB, dir, { recursive: true });
  for (const [name, scopes] of [["reader", "search"], ["admin", "search,write,admin"]]) {
    const r = cli(["token", "create", "--name", name, "--scopes", scopes, "--tokens", tokensFile]);
    assert.equal(r.code, 0, r.stderr);
    tokens[name] = r.stdout.trim().split(/\s+/).find((w) => w.startsWith("ss_"))!;
  }
  server = await startServe(["--dir", dir, "--documents", join(work, "documents"), "--tokens", tokensFile, "--audit", auditFile]);
  await waitIndexed(async () => (await httpCall("GET", `${server.url}/v1/status`, { token: tokens.reader })).body, 20);
  client = await connect(tokens.reader);
});

after(async () => {
  await client?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("without a token, or with a wrong one, /mcp answers 401 like the REST API", async () => {
  await assert.rejects(connect(), /401|Unauthorized/);
  await assert.rejects(connect("ss_not-a-real-token"), /401|Unauthorized/);
  const raw = await httpCall("POST", `${server.url}/mcp`, { body: { jsonrpc: "2.0", id: 1, method: "tools/list" } });
  assert.equal(raw.status, 401);
  assert.match(String(raw.headers["www-authenticate"]), /^Bearer realm="semsearch"/);
});

test("initialize over HTTP: the server says who it is", () => {
  assert.equal(client.getServerVersion()?.name, "semsearch");
  assert.ok(client.getServerCapabilities()?.tools);
});

toolChecks(() => client, "kb");

test("reindex needs the admin scope: a reader gets an error result that says so, an admin a finished pass", async () => {
  const refused = await call(client, "reindex", {});
  assert.equal(refused.isError, true);
  assert.match(refused.text, /reindex needs the admin scope/);
  const admin = await connect(tokens.admin);
  try {
    const r = await call(admin, "reindex", { waitSeconds: 60 });
    assert.ok(!r.isError, r.text);
    assert.equal((r.structuredContent as { finished: boolean }).finished, true);
    assert.ok((r.structuredContent as { chunks: number }).chunks >= 20);
  } finally {
    await admin.close();
  }
});

test("every /mcp request has its audit line: who, the tool and query, the hits", async () => {
  await call(client, "search", { query: "audited Eiffel question", k: 2 });
  const lines = readFileSync(auditFile, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const mcp = lines.filter((l) => l.route === "/mcp");
  assert.ok(mcp.some((l) => l.status === 401 && l.identity === "unauthenticated"), "the refused requests are recorded");
  const search = mcp.find((l) => l.query === "search: audited Eiffel question");
  assert.ok(search, "the search is recorded");
  assert.equal(search.identity, "reader");
  assert.equal(search.status, 200);
  assert.equal(search.results.length, 2);
  assert.match(search.results[0].id, /^kb\/.+\.md:\d+-\d+$/);
});

/** One JSON-RPC message to /mcp over HTTPS with a private CA (the SDK client's fetch takes no CA). */
function tlsPost(url: string, ca: Buffer, body: unknown, token?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    if (token) headers.authorization = `Bearer ${token}`;
    const req = httpsRequest(url, { method: "POST", headers, ca }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, text }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

test("over TLS: /mcp answers the tools to a token, 401 without", async () => {
  const pki = makePki(work);
  const tls = await startServe(["--dir", dir, "--documents", join(work, "documents-tls"), "--tokens", tokensFile, "--tls-cert", pki.serverCert, "--tls-key", pki.serverKey]);
  try {
    assert.match(tls.url, /^https:/);
    const ca = readFileSync(pki.ca);
    const list = { jsonrpc: "2.0", id: 1, method: "tools/list", params: {} };
    assert.equal((await tlsPost(`${tls.url}/mcp`, ca, list)).status, 401);
    const ok = await tlsPost(`${tls.url}/mcp`, ca, list, tokens.reader);
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(JSON.parse(ok.text).result.tools.map((t: { name: string }) => t.name).sort(), ["reindex", "search", "similar", "status"]);
  } finally {
    await tls.stop();
  }
});
