// Encryption at rest through the CLI as a user runs it (the built bin/semsearch): an encrypted index
// and search, no indexed sentence in any file of .semsearch, the errors of a missing or wrong key, the
// key file's permission check, and db encrypt / decrypt / rekey.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const KB = join(ROOT, "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "cli-encrypt-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** Sentences of the knowledge base: none may be readable in any file of an encrypted store. */
const SENTENCES = ["Photosynthesis", "Eiffel Tower", "chlorophyll"];
const KEY = "correct horse battery staple";

function folder(name: string): string {
  const dir = join(work, name);
  cpSync(KB, dir, { recursive: true });
  return dir;
}

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(CLI, args, { encoding: "utf8", env: { ...process.env, SEMSEARCH_DB_KEY: undefined, SEMSEARCH_NEW_DB_KEY: undefined, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every file under .semsearch, as raw bytes. */
function storeFiles(dir: string): { name: string; bytes: Buffer }[] {
  const store = join(dir, ".semsearch");
  return readdirSync(store).map((name) => ({ name, bytes: readFileSync(join(store, name)) }));
}

function assertNoPlaintext(dir: string): void {
  const files = storeFiles(dir);
  assert.ok(files.some((f) => f.name === "index.db"));
  for (const f of files) {
    for (const s of SENTENCES) assert.equal(f.bytes.includes(s), false, `${f.name} holds "${s}" in plaintext`);
  }
  assert.equal(files.filter((f) => /\.hnsw/.test(f.name)).length, 0, "no HNSW file is written beside an encrypted store");
  const db = readFileSync(join(dir, ".semsearch", "index.db"));
  assert.notEqual(db.subarray(0, 15).toString("latin1"), "SQLite format 3", "no SQLite header");
}

const search = (dir: string, env: Record<string, string>, ...extra: string[]) =>
  run(["search", "How do plants make food?", "--dir", dir, "--model", "bundled", "--k", "3", "--json", ...extra], env);

test("index --encrypt writes an encrypted store; search with the key finds what a plaintext store finds", () => {
  const enc = folder("enc");
  const plain = folder("plain");
  const r = run(["index", enc, "--model", "bundled", "--encrypt"], { SEMSEARCH_DB_KEY: KEY });
  assert.equal(r.code, 0, r.err);
  assert.equal(run(["index", plain, "--model", "bundled"]).code, 0);
  assertNoPlaintext(enc);
  const a = search(enc, { SEMSEARCH_DB_KEY: KEY });
  assert.equal(a.code, 0, a.err);
  const b = search(plain, {});
  assert.equal(a.out, b.out, "the same results, encrypted or not");
  assert.equal(JSON.parse(a.out).results[0].path, "00-photosynthesis.md");
  // A search never writes the graph either.
  assertNoPlaintext(enc);
  // better-sqlite3 without the key cannot read it.
  const raw = new Database(join(enc, ".semsearch", "index.db"), { readonly: true });
  assert.throws(() => raw.prepare("SELECT COUNT(*) FROM chunks").get(), /not a database/);
  raw.close();
});

test("no key, or a wrong one: a clear error and exit 1, never 'file is not a database'", () => {
  const enc = folder("keys");
  assert.equal(run(["index", enc, "--model", "bundled", "--encrypt"], { SEMSEARCH_DB_KEY: KEY }).code, 0);
  const none = search(enc, {});
  assert.equal(none.code, 1);
  assert.match(none.err, /is encrypted: give its key with SEMSEARCH_DB_KEY or --key-file/);
  const wrong = search(enc, { SEMSEARCH_DB_KEY: "not the key" });
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /Wrong key for the encrypted index/);
  for (const r of [none, wrong]) assert.doesNotMatch(r.err, /file is not a database/);
  const idx = run(["index", enc, "--model", "bundled"], { SEMSEARCH_DB_KEY: "not the key" });
  assert.equal(idx.code, 1);
  assert.match(idx.err, /Wrong key/);
});

test("--encrypt without a key is a usage error; --encrypt on a plaintext store says to run db encrypt", () => {
  const dir = folder("usage");
  const r = run(["index", dir, "--model", "bundled", "--encrypt"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--encrypt needs a key: set SEMSEARCH_DB_KEY/);
  assert.equal(existsSync(join(dir, ".semsearch", "index.db")), false, "nothing was created");
  assert.equal(run(["index", dir, "--model", "bundled"]).code, 0);
  const s = search(dir, { SEMSEARCH_DB_KEY: KEY }, "--encrypt");
  assert.equal(s.code, 1);
  assert.match(s.err, /is not encrypted, but encryption was asked for: run `semsearch db encrypt/);
});

test("--key-file: an owner-only file is used; a group- or world-readable one is refused", () => {
  const dir = folder("keyfile");
  const file = join(work, "db.key");
  writeFileSync(file, `${KEY}\n`);
  chmodSync(file, 0o644);
  const loose = run(["index", dir, "--model", "bundled", "--encrypt", "--key-file", file]);
  assert.equal(loose.code, 2);
  assert.match(loose.err, /can be read by other users \(mode 644\): .*chmod 600/);
  chmodSync(file, 0o600);
  const ok = run(["index", dir, "--model", "bundled", "--encrypt", "--key-file", file]);
  assert.equal(ok.code, 0, ok.err);
  // The file's first line is the key: the environment's passphrase opens the same store.
  assert.equal(search(dir, { SEMSEARCH_DB_KEY: KEY }).code, 0);
  assertNoPlaintext(dir);
});

test("a raw key x'<64 hex>' works; a malformed one is refused", () => {
  const dir = folder("raw");
  const raw = `x'${"ab".repeat(32)}'`;
  assert.equal(run(["index", dir, "--model", "bundled", "--encrypt"], { SEMSEARCH_DB_KEY: raw }).code, 0);
  assert.equal(search(dir, { SEMSEARCH_DB_KEY: raw }).code, 0);
  const bad = run(["index", dir, "--model", "bundled", "--encrypt"], { SEMSEARCH_DB_KEY: "x'abc'" });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /x'<64 hex digits>'/);
});

test("db encrypt -> rekey -> decrypt keeps the search results identical; a wrong key changes nothing", () => {
  const dir = folder("roundtrip");
  assert.equal(run(["index", dir, "--model", "bundled"]).code, 0);
  assert.ok(storeFiles(dir).some((f) => f.name.endsWith(".hnsw")), "a plaintext store has its HNSW file");
  const before = search(dir, {});
  assert.equal(before.code, 0);

  const enc = run(["db", "encrypt", dir], { SEMSEARCH_DB_KEY: KEY });
  assert.equal(enc.code, 0, enc.err);
  assert.match(enc.out, /encrypted\.\nRemoved the plaintext HNSW files/);
  assertNoPlaintext(dir);
  assert.equal(search(dir, { SEMSEARCH_DB_KEY: KEY }).out, before.out);

  const again = run(["db", "encrypt", dir], { SEMSEARCH_DB_KEY: KEY });
  assert.equal(again.code, 1);
  assert.match(again.err, /already encrypted/);

  const snapshot = readFileSync(join(dir, ".semsearch", "index.db"));
  const wrong = run(["db", "decrypt", dir], { SEMSEARCH_DB_KEY: "nope" });
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /Wrong key/);
  assert.ok(readFileSync(join(dir, ".semsearch", "index.db")).equals(snapshot), "a wrong key leaves the file as it was");

  const rekey = run(["db", "rekey", "--db", join(dir, ".semsearch", "index.db")], { SEMSEARCH_DB_KEY: KEY, SEMSEARCH_NEW_DB_KEY: "new key" });
  assert.equal(rekey.code, 0, rekey.err);
  assert.match(search(dir, { SEMSEARCH_DB_KEY: KEY }).err, /Wrong key/);
  assert.equal(search(dir, { SEMSEARCH_DB_KEY: "new key" }).out, before.out);
  assertNoPlaintext(dir);

  const dec = run(["db", "decrypt", dir], { SEMSEARCH_DB_KEY: "new key" });
  assert.equal(dec.code, 0, dec.err);
  assert.equal(readFileSync(join(dir, ".semsearch", "index.db")).subarray(0, 15).toString("latin1"), "SQLite format 3");
  assert.equal(search(dir, {}).out, before.out);
  assert.ok(!storeFiles(dir).some((f) => f.name.includes(".rekey")), "no copy is left behind");
});

test("db without a key, or with an unknown action, is a usage error", () => {
  const dir = folder("dbusage");
  assert.equal(run(["index", dir, "--model", "bundled"]).code, 0);
  const r = run(["db", "encrypt", dir]);
  assert.equal(r.code, 2);
  assert.match(r.err, /db encrypt needs the key to encrypt with: set SEMSEARCH_DB_KEY/);
  assert.equal(run(["db", "shred", dir], { SEMSEARCH_DB_KEY: KEY }).code, 2);
  const rk = run(["db", "rekey", dir], { SEMSEARCH_DB_KEY: KEY });
  assert.equal(rk.code, 2);
});
