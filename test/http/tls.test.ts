// `semsearch serve` over TLS: HTTPS with a certificate the test makes, TLS 1.2 at the least, and
// mutual TLS where a client without a certificate signed by the given CA is refused.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { call } from "./client";
import { makePki, startServe, waitIndexed, type Pki, type Served } from "./serve-process";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "serve-tls-"));
const dir = join(work, "kb");
let pki: Pki;
const running: Served[] = [];

before(() => {
  cpSync(KB, dir, { recursive: true });
  pki = makePki(work);
});

after(async () => {
  for (const s of running) await s.stop();
  rmSync(work, { recursive: true, force: true });
});

async function serve(extra: string[]): Promise<Served> {
  const s = await startServe(["--dir", dir, "--documents", join(work, `docs-${running.length}`), "--tls-cert", pki.serverCert, "--tls-key", pki.serverKey, ...extra]);
  running.push(s);
  return s;
}

test("HTTPS with the server's certificate; plain HTTP is refused", async () => {
  const s = await serve([]);
  assert.match(s.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const tls = { ca: readFileSync(pki.ca) };
  await waitIndexed(async () => (await call("GET", `${s.url}/v1/status`, { tls })).body, 20);
  const r = await call("POST", `${s.url}/v1/search`, { tls, body: { query: "Where is the Eiffel Tower located?", k: 1 } });
  assert.equal(r.body.results[0].path, "05-eiffel-tower.md");
  await assert.rejects(call("GET", `${s.url.replace("https:", "http:")}/health`));
});

test("mutual TLS: no client certificate, no connection; a certificate from the CA is the identity in the audit trail", async () => {
  const audit = join(work, "audit.jsonl");
  // A public address is allowed once there are TLS and an authentication (here: client certificates).
  const s = await serve(["--client-ca", pki.ca, "--audit", audit, "--host", "0.0.0.0"]);
  const url = s.url.replace("0.0.0.0", "127.0.0.1");
  const withCert = { ca: readFileSync(pki.ca), cert: readFileSync(pki.clientCert), key: readFileSync(pki.clientKey) };
  await assert.rejects(call("GET", `${url}/health`, { tls: { ca: readFileSync(pki.ca) } }));
  await waitIndexed(async () => (await call("GET", `${url}/v1/status`, { tls: withCert })).body, 20);
  const r = await call("POST", `${url}/v1/search`, { tls: withCert, body: { query: "How many cells are in the human body?", k: 1 } });
  assert.equal(r.status, 200);
  assert.equal(r.body.results[0].path, "01-human-cells.md");
  const last = JSON.parse(readFileSync(audit, "utf8").trim().split("\n").at(-1)!);
  assert.match(last.identity, /CN=teller-42/);
  assert.match(last.identity, /O=Test Bank/);
});
