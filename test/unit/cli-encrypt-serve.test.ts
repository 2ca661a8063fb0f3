// `semsearch serve --encrypt`: the served folders' stores (the document collection's included) are
// encrypted under the key, searches answer as usual, and no file of theirs holds an indexed sentence
// or an HNSW graph.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { call } from "../http/client";
import { startServe, waitIndexed } from "../http/serve-process";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "serve-encrypt-"));
after(() => rmSync(work, { recursive: true, force: true }));

test("serve --encrypt: encrypted stores, searches answered, no plaintext on disk", async () => {
  const dir = join(work, "kb");
  const documents = join(work, "documents");
  cpSync(KB, dir, { recursive: true });
  const server = await startServe(["--dir", dir, "--documents", documents, "--encrypt"], { SEMSEARCH_DB_KEY: "serve key" });
  try {
    await waitIndexed(async () => (await call("GET", `${server.url}/v1/status`)).body as { state: string; chunks: number }, 20);
    const r = await call("POST", `${server.url}/v1/search`, { body: { query: "How do plants make food?", k: 3 } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.match(JSON.stringify(r.body), /00-photosynthesis\.md/);
  } finally {
    await server.stop();
  }
  for (const store of [join(dir, ".semsearch"), join(documents, ".semsearch")]) {
    const names = readdirSync(store);
    assert.ok(names.includes("index.db"), store);
    assert.deepEqual(names.filter((n) => n.includes(".hnsw")), [], "no graph file");
    assert.notEqual(readFileSync(join(store, "index.db")).subarray(0, 15).toString("latin1"), "SQLite format 3");
    for (const n of names) {
      const bytes = readFileSync(join(store, n));
      for (const s of ["Photosynthesis", "Eiffel Tower"]) assert.equal(bytes.includes(s), false, `${n} holds "${s}"`);
    }
  }
});
