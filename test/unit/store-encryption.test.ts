// The store under SQLCipher: what it writes to disk (database, WAL, shared memory) holds no stored
// text, while the connection is open and after a crash-like kill; the key decides who reads it; and
// an encrypted store's HNSW graph is never written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileIsEncrypted } from "../../server/src/store/cipher";
import { Store, StoreError } from "../../server/src/store/store";
import { HnswIndex } from "../../server/src/index/hnsw-index";

const SENTENCE = "the quartermaster hid the brass astrolabe under the lighthouse stairs";
const KEY = "a passphrase";

function tempDir(): { dir: string; path: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), "store-enc-"));
  return { dir, path: join(dir, "index.db"), done: () => rmSync(dir, { recursive: true, force: true }) };
}

function write(store: Store, n: number): void {
  const m = store.model("m", 3).id;
  store.writeBatch(m, Array.from({ length: n }, (_, i) => ({
    path: `f${i}.md`,
    contentHash: `h${i}`,
    size: 1,
    chunks: [{ startLine: 1, endLine: 1, text: `${SENTENCE} ${i}`, metadata: { title: SENTENCE }, vector: Float32Array.from([i, 1, 0]) }],
  })));
}

/** Files of the folder whose raw bytes hold the sentence. */
function leaks(dir: string): string[] {
  return readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes("brass astrolabe"));
}

test("an encrypted store's files hold no stored text, with the WAL still open", () => {
  const t = tempDir();
  const store = Store.open(t.path, { key: KEY, encrypt: true });
  assert.equal(store.encrypted, true);
  write(store, 50);
  assert.ok(existsSync(`${t.path}-wal`), "the WAL is in use (pages not yet checkpointed)");
  assert.deepEqual(leaks(t.dir), []);
  store.close();
  assert.deepEqual(leaks(t.dir), []);
  assert.equal(fileIsEncrypted(t.path), true);
  // The same writes unencrypted do leak: the check above can fail.
  const p = tempDir();
  const plain = Store.open(p.path);
  write(plain, 50);
  assert.ok(leaks(p.dir).length > 0);
  plain.close();
  t.done();
  p.done();
});

test("killed mid-write (SIGKILL, no close): the database, WAL and -shm hold no stored text, and the store opens with its key", async () => {
  const t = tempDir();
  const child = spawn(process.execPath, ["--import", "tsx", "-e", `
    const { Store } = require(${JSON.stringify(join(__dirname, "../../server/src/store/store"))});
    const store = Store.open(${JSON.stringify(t.path)}, { key: ${JSON.stringify(KEY)}, encrypt: true });
    const m = store.model("m", 3).id;
    for (let b = 0; b < 20; b++) store.writeBatch(m, Array.from({ length: 20 }, (_, i) => ({ path: "f" + b + "-" + i, contentHash: "h", size: 1,
      chunks: [{ startLine: 1, endLine: 1, text: ${JSON.stringify(SENTENCE)} + b + i, metadata: {}, vector: Float32Array.from([i, 1, b]) }] })));
    process.stdout.write("written\\n");
    setInterval(() => {}, 1000);
  `], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("written") && resolve());
    child.on("exit", (code) => reject(new Error(`the writer exited early (${code})`)));
  });
  child.removeAllListeners("exit");
  child.kill("SIGKILL");
  await new Promise((resolve) => child.on("close", resolve));
  assert.ok(existsSync(`${t.path}-wal`), "the kill left the WAL behind");
  assert.deepEqual(leaks(t.dir), []);
  const store = Store.open(t.path, { key: KEY, readOnly: true });
  assert.equal(store.counts(store.model("m", 3).id).chunks, 400, "the WAL's pages are recovered with the key");
  store.close();
  t.done();
});

test("the key decides: none, a wrong one, a plaintext store with encrypt", () => {
  const t = tempDir();
  Store.open(t.path, { key: KEY, encrypt: true }).close();
  assert.throws(() => Store.open(t.path), (e: Error) => e instanceof StoreError && /is encrypted: give its key/.test(e.message));
  assert.throws(() => Store.open(t.path, { readOnly: true }), /is encrypted: give its key/);
  assert.throws(() => Store.open(t.path, { key: "wrong" }), /Wrong key/);
  assert.throws(() => Store.open(t.path, { key: "wrong", readOnly: true }), /Wrong key/);
  const p = tempDir();
  Store.open(p.path).close();
  assert.throws(() => Store.open(p.path, { key: KEY, encrypt: true }), /not encrypted.*semsearch db encrypt/);
  // Without `encrypt`, a key (say, from the environment) does not stop a plaintext store from opening.
  const plain = Store.open(p.path, { key: KEY });
  assert.equal(plain.encrypted, false);
  plain.close();
  t.done();
  p.done();
});

test("an HNSW index that is not persisted never writes a file, and removes one left from before", () => {
  const t = tempDir();
  const file = join(t.dir, "index.m.hnsw");
  const persisted = HnswIndex.open(file, "m", 3, 0, () => [], undefined, true).index;
  persisted.add([{ id: 1, vector: Float32Array.from([1, 0, 0]) }]);
  persisted.save(1);
  assert.ok(existsSync(file), "a persisted index is saved");
  const { index, outcome } = HnswIndex.open(file, "m", 3, 1, () => [1], undefined, false);
  assert.equal(outcome, "missing");
  assert.equal(existsSync(file), false, "the plaintext file from before is removed");
  index.add([{ id: 2, vector: Float32Array.from([0, 1, 0]) }]);
  index.save(2);
  assert.equal(index.dirty, false);
  assert.deepEqual(readdirSync(t.dir), []);
  assert.equal(index.search(Float32Array.from([0, 1, 0]), 1)[0].id, 2);
  t.done();
});
