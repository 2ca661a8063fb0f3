// `semsearch serve` as a client meets it: the real server process on a free port, with tokens, JWTs,
// an audit trail and a document collection; TLS and mutual TLS in tls.test.ts.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { call } from "./client";
import { cli, refusedServe, startServe, waitIndexed, type Served } from "./serve-process";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "serve-"));
const dir = join(work, "kb");
const documents = join(work, "documents");
const tokensFile = join(work, "tokens.json");
const jwksFile = join(work, "jwks.json");
const auditFile = join(work, "audit.jsonl");
const ISSUER = "https://login.bank.example";
const AUDIENCE = "semsearch";
let server: Served;
const tokens: Record<string, string> = {};
let signingKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

const args = () => ["--dir", dir, "--documents", documents, "--tokens", tokensFile, "--jwks", jwksFile, "--issuer", ISSUER, "--audience", AUDIENCE, "--audit", auditFile];
const get = (path: string, token = tokens.reader) => call("GET", server.url + path, { token });
const post = (path: string, body: unknown, token = tokens.reader) => call("POST", server.url + path, { token, body });

async function jwt(claims: Record<string, unknown>, opts: { expires?: string; notBefore?: string; issuer?: string; audience?: string } = {}) {
  let t = new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuedAt().setIssuer(opts.issuer ?? ISSUER).setAudience(opts.audience ?? AUDIENCE).setSubject("analyst@bank");
  t = t.setExpirationTime(opts.expires ?? "5m");
  if (opts.notBefore) t = t.setNotBefore(opts.notBefore);
  return t.sign(signingKey);
}

before(async () => {
  cpSync(KB, dir, { recursive: true });
  for (const [name, scopes] of [["reader", "search"], ["writer", "search,write"], ["admin", "search,write,admin"]]) {
    const r = cli(["token", "create", "--name", name, "--scopes", scopes, "--tokens", tokensFile]);
    assert.equal(r.code, 0, r.stderr);
    tokens[name] = r.stdout.trim().split(/\s+/).find((w) => w.startsWith("ss_"))!;
  }
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  signingKey = privateKey;
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" }] }));
  server = await startServe(args());
  await waitIndexed(async () => (await get("/v1/status")).body, 20);
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("health, OpenAPI and the docs page need no token; the API does", async () => {
  assert.deepEqual((await call("GET", `${server.url}/health`)).body, { status: "ok" });
  const spec = (await call("GET", `${server.url}/openapi.json`)).body;
  assert.ok(spec.openapi.startsWith("3."));
  for (const p of ["/v1/search", "/v1/similar", "/v1/embed", "/v1/documents", "/v1/documents/{id}", "/v1/reindex", "/v1/status"]) assert.ok(spec.paths[p], p);
  assert.deepEqual(spec.paths["/v1/search"].post.requestBody.content["application/json"].schema.required, ["query"]);
  // The interactive page and its assets are served from the package: no network needed.
  const docs = await call("GET", `${server.url}/docs`);
  assert.equal(docs.status, 200);
  assert.match(docs.text, /swagger-ui/i);
  assert.equal((await call("GET", `${server.url}/docs/static/swagger-ui.css`)).status, 200);
});

test("no token, a wrong token, or a token without the scope: 401 with WWW-Authenticate, or 403", async () => {
  const none = await call("POST", `${server.url}/v1/search`, { body: { query: "Eiffel Tower" } });
  assert.equal(none.status, 401);
  assert.match(String(none.headers["www-authenticate"]), /^Bearer realm="semsearch"/);
  const wrong = await post("/v1/search", { query: "Eiffel Tower" }, "ss_not-a-real-token");
  assert.equal(wrong.status, 401);
  assert.match(String(wrong.headers["www-authenticate"]), /invalid_token/);
  const forbidden = await post("/v1/documents", { text: "a fact" }, tokens.reader);
  assert.equal(forbidden.status, 403);
  assert.match(forbidden.body.message, /write/);
  assert.equal((await post("/v1/reindex", undefined, tokens.writer)).status, 403);
});

test("search answers the seed's question in the CLI's JSON shape, with filters, modes and a folder", async () => {
  const r = await post("/v1/search", { query: "Where is the Eiffel Tower located?", k: 3 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.body).sort(), ["candidates", "model", "query", "results"]);
  assert.equal(r.body.results.length, 3);
  const top = r.body.results[0];
  assert.deepEqual(Object.keys(top).sort(), ["band", "endLine", "folder", "metadata", "path", "score", "startLine", "text"]);
  assert.equal(top.path, "05-eiffel-tower.md");
  assert.equal(top.folder, "kb");
  assert.ok(top.score > 0 && top.score <= 1);
  const science = await post("/v1/search", { query: "How do plants make food?", k: 3, filter: { category: "science" } });
  assert.equal(science.body.candidates, 5);
  assert.equal(science.body.results[0].path, "00-photosynthesis.md");
  assert.ok(science.body.results.every((h: any) => h.metadata.category === "science"));
  const lexical = await post("/v1/search", { query: "photosynthesis", mode: "lexical", k: 1, folder: "kb" });
  assert.equal(lexical.body.results[0].path, "00-photosynthesis.md");
});

test("similar and embed", async () => {
  const sim = await post("/v1/similar", { path: "05-eiffel-tower.md", startLine: 1, endLine: 200, k: 3 });
  assert.equal(sim.status, 200, sim.text);
  assert.ok(sim.body.results.length > 0);
  assert.ok(sim.body.results.every((h: any) => h.path !== "05-eiffel-tower.md"), "the range itself is left out");
  const emb = await post("/v1/embed", { text: "The Eiffel Tower is in Paris." });
  assert.equal(emb.body.dimensions, 512);
  assert.equal(emb.body.vector.length, 512);
  assert.ok(Math.abs(emb.body.stats.norm - 1) < 1e-3);
});

test("bad input gets a 4xx that says what is wrong, and the server stays up", async () => {
  const cases: [unknown, number, RegExp][] = [
    [{ query: "" }, 400, /query/],
    [{ query: "   " }, 400, /query/],
    [{ query: 42 }, 400, /query/],
    [{ query: "x", k: 1_000_000 }, 400, /k/],
    [{ query: "x", k: "ten" }, 400, /k/],
    [{ query: "x", mode: "psychic" }, 400, /mode/],
    [{ query: "x", colour: "red" }, 400, /additional/i],
    [{ query: "x", filter: "category=science" }, 400, /filter/],
    [{ query: "x", folder: "nowhere" }, 404, /nowhere.*kb, documents/],
  ];
  for (const [body, status, message] of cases) {
    const r = await post("/v1/search", body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.match(r.body.message, message, JSON.stringify(body));
  }
  const malformed = await call("POST", `${server.url}/v1/search`, { token: tokens.reader, raw: '{"query": "x",' });
  assert.equal(malformed.status, 400);
  const proto = await call("POST", `${server.url}/v1/search`, { token: tokens.reader, raw: '{"query": "x", "filter": {"__proto__": {"category": "x"}}}' });
  assert.equal(proto.status, 400);
  const huge = await post("/v1/documents", { text: "x".repeat(3_000_000) }, tokens.writer);
  assert.equal(huge.status, 413);
  assert.equal((await get("/v1/documents/..%2Fetc%2Fpasswd")).status, 400);
  assert.equal((await get("/v1/documents/not-there")).status, 404);
  assert.equal((await get("/health")).status, 200);
});

test("documents: added, searched with a filter, read, deleted; kept across a restart; untouched by a re-index", async () => {
  const added = await post("/v1/documents", { id: "fact-21", text: "The Great Barrier Reef is the largest coral reef system on Earth.", metadata: { category: "nature", source: "bank-kb" } }, tokens.writer);
  assert.equal(added.status, 201, added.text);
  assert.equal(added.body.id, "fact-21");
  const found = await post("/v1/search", { query: "biggest coral reef in the world", k: 1, filter: { category: "nature" } });
  assert.equal(found.body.results[0].folder, "documents");
  assert.equal(found.body.results[0].metadata.source, "bank-kb");
  assert.match(found.body.results[0].text, /Great Barrier Reef/);
  const read = await get("/v1/documents/fact-21");
  assert.deepEqual(read.body, { id: "fact-21", text: "The Great Barrier Reef is the largest coral reef system on Earth.", metadata: { category: "nature", source: "bank-kb", id: "fact-21" } });
  const temp = await post("/v1/documents", { text: "A short-lived note about quokkas smiling." }, tokens.writer);
  assert.match(temp.body.id, /^[0-9a-f-]{36}$/);
  assert.equal((await call("DELETE", `${server.url}/v1/documents/${temp.body.id}`, { token: tokens.writer })).status, 204);
  assert.equal((await get(`/v1/documents/${temp.body.id}`)).status, 404);
  const gone = await post("/v1/search", { query: "quokkas smiling", k: 3, folder: "documents" });
  assert.ok(gone.body.results.every((h: any) => !/quokkas/.test(h.text)));

  assert.equal((await post("/v1/reindex", undefined, tokens.admin)).status, 202);
  await waitIndexed(async () => (await get("/v1/status")).body, 21);
  await server.stop();
  server = await startServe(args());
  await waitIndexed(async () => (await get("/v1/status")).body, 21);
  // Each served folder with its own counts, as MCP's status tool gives them.
  const status = (await get("/v1/status")).body;
  const folder = status.folders.find((f: { root: string }) => f.root === dir);
  assert.ok(folder, JSON.stringify(status.folders));
  assert.equal(folder.state, "idle");
  assert.ok(folder.files >= 20 && folder.chunks >= 20, JSON.stringify(folder));
  const after = await post("/v1/search", { query: "biggest coral reef in the world", k: 1, filter: { category: "nature" } });
  assert.match(after.body.results[0].text, /Great Barrier Reef/);
});

test("the served folder is kept fresh: a file written to it becomes searchable without a restart", async () => {
  writeFileSync(join(dir, "21-mariana-trench.md"), "---\ncategory: geography\n---\n\n# Mariana Trench\n\nThe Mariana Trench is the deepest known part of the world's oceans.\n");
  const deadline = Date.now() + 60_000;
  let top = "";
  while (Date.now() < deadline) {
    const r = await post("/v1/search", { query: "deepest point in the ocean", k: 1, filter: { category: "geography" } });
    top = r.body.results[0]?.path ?? "";
    if (top === "21-mariana-trench.md") break;
    await new Promise((res) => setTimeout(res, 250));
  }
  assert.equal(top, "21-mariana-trench.md");
});

test("OAuth2 JWTs: valid ones with their scopes pass; expired, early, wrong issuer or audience do not", async () => {
  const good = await jwt({ scope: "search" });
  assert.equal((await post("/v1/search", { query: "Eiffel" }, good)).status, 200);
  assert.equal((await post("/v1/documents", { text: "x" }, good)).status, 403);
  for (const bad of [await jwt({ scope: "search" }, { expires: "-1m" }), await jwt({ scope: "search" }, { notBefore: "10m" }), await jwt({ scope: "search" }, { issuer: "https://evil.example" }), await jwt({ scope: "search" }, { audience: "other" })]) {
    const r = await post("/v1/search", { query: "Eiffel" }, bad);
    assert.equal(r.status, 401, r.text);
  }
});

test("every API request leaves an audit line in a 0600 file whose chain `semsearch audit verify` checks", async () => {
  await call("POST", `${server.url}/v1/search`, { body: { query: "no token" } });
  await post("/v1/search", { query: "How many cells are in the human body?", k: 2 });
  const lines = readFileSync(auditFile, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(statSync(auditFile).mode & 0o777, 0o600);
  const last = lines.at(-1);
  assert.equal(last.identity, "reader");
  assert.equal(last.method, "POST");
  assert.equal(last.route, "/v1/search");
  assert.equal(last.status, 200);
  assert.equal(last.query, "How many cells are in the human body?");
  assert.equal(last.results.length, 2);
  assert.match(last.results[0].id, /^kb\/01-human-cells\.md:/);
  assert.ok(lines.some((l) => l.status === 401 && l.identity === "unauthenticated"));
  assert.equal(cli(["audit", "verify", auditFile]).code, 0);
  const copy = join(work, "tampered.jsonl");
  const raw = readFileSync(auditFile, "utf8").split("\n");
  const edited = raw[1].replace(/"identity":"[^"]*"/, '"identity":"mallory"');
  assert.notEqual(edited, raw[1]);
  raw[1] = edited;
  writeFileSync(copy, raw.join("\n"));
  const verdict = cli(["audit", "verify", copy]);
  assert.equal(verdict.code, 1);
  assert.match(verdict.stdout + verdict.stderr, /line/);
});

test("a public address is refused without TLS and authentication, and the message says what to add", () => {
  const r = refusedServe(["--dir", dir, "--documents", documents, "--host", "0.0.0.0", "--port", "0"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /refusing to listen on 0\.0\.0\.0.*TLS \(--tls-cert FILE --tls-key FILE\) and authentication/);
  const withAuth = refusedServe(["--dir", dir, "--documents", documents, "--host", "0.0.0.0", "--port", "0", "--tokens", tokensFile]);
  assert.equal(withAuth.code, 1);
  assert.match(withAuth.stderr, /without TLS/);
});

test("rate limits are per identity (429 past the limit); --audit-redact keeps a hash of the query, not the query", async () => {
  const redacted = join(work, "redacted.jsonl");
  const limited = await startServe(["--dir", dir, "--documents", join(work, "docs-limited"), "--tokens", tokensFile, "--rate-limit", "3", "--audit", redacted, "--audit-redact"]);
  try {
    const ask = (token: string) => call("POST", `${limited.url}/v1/search`, { token, body: { query: "a confidential question about accounts", mode: "lexical" } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask(tokens.reader)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal((await ask(tokens.writer)).status, 200, "another identity has its own budget");
    const lines = readFileSync(redacted, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.ok(lines.length >= 5);
    assert.ok(lines.every((l) => l.query === undefined));
    assert.ok(lines.some((l) => /^[0-9a-f]{64}$/.test(l.queryHash)));
    assert.ok(!readFileSync(redacted, "utf8").includes("confidential"));
  } finally {
    await limited.stop();
  }
});
