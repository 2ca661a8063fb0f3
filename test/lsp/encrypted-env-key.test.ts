// The language server keyed through its environment, SEMSEARCH_DB_KEY, as the VS Code extension starts
// it (client/src/server-launch.ts): no databaseKey in initializationOptions, so the key never crosses
// the protocol, and still every folder's store is created encrypted and searches answer.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SearchRequest } from "../../shared/src/protocol";
import { startClient, type Client } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const KEY = `x'${"7e".repeat(32)}'`;
let work: string;
let root: string;
let storage: string;
let client: Client;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((p) => join(dir, p)).filter((p) => statSync(p).isFile());
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "lsp-env-key-"));
  root = join(work, "ws");
  storage = join(work, "storage");
  cpSync(KB, root, { recursive: true });
  client = await startClient({ folders: [root], storagePath: storage, env: { SEMSEARCH_DB_KEY: KEY } });
  await client.waitForIdle(120_000);
});

after(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("with the key in SEMSEARCH_DB_KEY only, the store is encrypted and search works", async () => {
  const r = await client.conn.sendRequest(SearchRequest.type, { query: "How do plants make food?", topK: 3 });
  assert.ok(r.results.length > 0, "search answers");
  assert.match(r.results[0].uri, /00-photosynthesis\.md$/);
  const files = filesUnder(storage);
  const db = files.find((f) => f.endsWith("index.db"));
  assert.ok(db, `a database in ${storage}: ${files.join(", ")}`);
  assert.notEqual(readFileSync(db).subarray(0, 15).toString("latin1"), "SQLite format 3", "no SQLite header: the file is encrypted");
  for (const f of files) assert.equal(readFileSync(f).includes("Photosynthesis"), false, `${f} holds an indexed sentence`);
  assert.deepEqual(files.filter((f) => /\.hnsw/.test(f)), [], "no plaintext HNSW graph");
  assert.equal(client.logs.some((l) => l.includes("7e7e7e7e")), false, "the key is never logged");
});

test("a server started without the key cannot open that store, and says it is encrypted", async () => {
  await client.stop();
  const other = await startClient({ folders: [root], storagePath: storage });
  try {
    const status = await waitForStatus(other, (s) => s.state === "error");
    assert.match(status.message ?? "", /is encrypted: give its key/);
  } finally {
    await other.stop();
  }
});

async function waitForStatus(c: Client, ok: (s: { state: string; message?: string }) => boolean): Promise<{ state: string; message?: string }> {
  const until = Date.now() + 60_000;
  for (;;) {
    const s = (await c.conn.sendRequest("semanticSearch/status")) as { state: string; message?: string };
    if (ok(s) || Date.now() > until) return s;
    await new Promise((r) => setTimeout(r, 200));
  }
}
