// The language server keyed two ways: through initializationOptions.databaseKey (any LSP client), and
// through SEMSEARCH_DB_KEY in its environment, as the VS Code extension starts it
// (client/src/server-launch.ts), so that the key never crosses the protocol. Either way every folder's
// store is created encrypted, searches answer as usual, nothing in the storage folder holds an indexed
// sentence or an HNSW file, the key is never logged, and a server without the key says why.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SearchRequest } from "../../shared/src/protocol";
import { startClient, waitFor, type Client } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const KEY = `x'${"5a".repeat(32)}'`;
const ENV_KEY = `x'${"7e".repeat(32)}'`;
let work: string;
let root: string;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((p) => join(dir, p)).filter((p) => statSync(p).isFile());
}

before(() => {
  work = mkdtempSync(join(tmpdir(), "lsp-encrypted-"));
  root = join(work, "ws");
  cpSync(KB, root, { recursive: true });
});

after(() => rmSync(work, { recursive: true, force: true }));

const CHANNELS = [
  { via: "initializationOptions.databaseKey", key: KEY, keyed: { initializationOptions: { databaseKey: KEY } } },
  { via: "SEMSEARCH_DB_KEY in the environment only", key: ENV_KEY, keyed: { env: { SEMSEARCH_DB_KEY: ENV_KEY } } },
];

for (const { via, key, keyed } of CHANNELS) {
  describe(`keyed through ${via}`, () => {
    let storage: string;
    let client: Client;

    before(async () => {
      storage = mkdtempSync(join(work, "storage-"));
      client = await startClient({ folders: [root], storagePath: storage, ...keyed });
      await client.waitForIdle(120_000);
    });

    after(() => client?.stop());

    test("an encrypted store answers searches; its files hold no indexed sentence and no HNSW graph", async () => {
      const r = await client.conn.sendRequest(SearchRequest.type, { query: "How do plants make food?", topK: 3 });
      assert.ok(r.results.length > 0);
      assert.match(r.results[0].uri, /00-photosynthesis\.md$/);
      const files = filesUnder(storage);
      const db = files.find((f) => f.endsWith("index.db"));
      assert.ok(db, `a database in ${storage}: ${files.join(", ")}`);
      assert.notEqual(readFileSync(db).subarray(0, 15).toString("latin1"), "SQLite format 3");
      for (const f of files) {
        const bytes = readFileSync(f);
        for (const s of ["Photosynthesis", "Eiffel Tower", "chlorophyll"]) assert.equal(bytes.includes(s), false, `${f} holds "${s}"`);
      }
      assert.deepEqual(files.filter((f) => /\.hnsw/.test(f)), []);
      const hex = key.slice(2, 10);
      assert.equal(client.logs.some((l) => l.includes(key) || l.includes(hex)), false, "the key is never logged");
    });

    test("a server without the key cannot open the store, and says it is encrypted", async () => {
      await client.stop();
      const other = await startClient({ folders: [root], storagePath: storage });
      try {
        await waitFor(() => other.logs.some((l) => /is encrypted: give its key/.test(l)), 60_000, "the encrypted store to be reported");
        const status = (await other.conn.sendRequest("semanticSearch/status")) as { state: string; message?: string };
        assert.equal(status.state, "error");
        assert.doesNotMatch(status.message ?? "", /file is not a database/);
        assert.equal(other.proc.exitCode, null, "the server goes on");
      } finally {
        await other.stop();
      }
    });
  });
}

test("turning encryption on for a folder whose store is plaintext encrypts it in place", async () => {
  const plainStorage = join(work, "storage-plain");
  const first = await startClient({ folders: [root], storagePath: plainStorage });
  await first.waitForIdle(120_000);
  await first.stop();
  const db = filesUnder(plainStorage).find((f) => f.endsWith("index.db"))!;
  assert.equal(readFileSync(db).subarray(0, 15).toString("latin1"), "SQLite format 3");
  assert.ok(filesUnder(plainStorage).some((f) => f.endsWith(".hnsw")), "a plaintext store has its HNSW file");

  const encrypted = await startClient({ folders: [root], storagePath: plainStorage, initializationOptions: { databaseKey: KEY } });
  try {
    await encrypted.waitForIdle(120_000);
    assert.ok(encrypted.logs.some((l) => /encrypted its index .* in place/.test(l)), encrypted.logs.join("\n"));
    assert.notEqual(readFileSync(db).subarray(0, 15).toString("latin1"), "SQLite format 3");
    assert.deepEqual(filesUnder(plainStorage).filter((f) => /\.hnsw/.test(f)), []);
    const r = await encrypted.conn.sendRequest(SearchRequest.type, { query: "Where is the Eiffel Tower located?", topK: 3 });
    assert.match(r.results[0]?.uri ?? "", /05-eiffel-tower\.md$/);
  } finally {
    await encrypted.stop();
  }
});
