// The audit trail of the HTTP service: a hash-chained JSON-lines file, and `semsearch audit verify`.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuditLog, verifyAuditFile, type AuditRecord } from "../../server/src/http/audit";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const dir = mkdtempSync(join(tmpdir(), "http-audit-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const fresh = () => join(dir, `audit-${++n}.jsonl`);
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

function record(i: number, extra: Partial<AuditRecord> = {}): AuditRecord {
  return { identity: "token:ci-bot", remote: "10.0.0.7", method: "POST", route: "/v1/search", status: 200, ms: 12 + i, query: `query ${i}`, ...extra };
}

/** A log of `count` lines, returned as its lines (without newlines). */
function writeLog(file: string, count: number): string[] {
  const log = AuditLog.open(file);
  for (let i = 0; i < count; i++) log.append(record(i));
  log.close();
  return readLines(file);
}

const readLines = (file: string) => readFileSync(file, "utf8").split("\n").slice(0, -1);
const writeLines = (file: string, lines: string[]) => writeFileSync(file, lines.map((l) => l + "\n").join(""));

test("each line carries time, the record and the hash of the line before", () => {
  const file = fresh();
  const log = AuditLog.open(file);
  log.append(record(0, { filter: { category: "loans" }, results: [{ id: "a.md#1", score: 0.91 }] }));
  log.append(record(1));
  log.close();
  const lines = readLines(file);
  assert.equal(lines.length, 2);
  const [first, second] = lines.map((l) => JSON.parse(l));
  assert.equal(first.prev, "0".repeat(64));
  assert.equal(second.prev, sha256(lines[0]));
  assert.ok(!Number.isNaN(Date.parse(first.time)) && first.time.endsWith("Z"));
  assert.deepEqual({ ...first, time: undefined, prev: undefined }, { ...record(0, { filter: { category: "loans" }, results: [{ id: "a.md#1", score: 0.91 }] }), time: undefined, prev: undefined });
  assert.deepEqual(verifyAuditFile(file), { ok: true, lines: 2, head: sha256(lines[1]) });
});

test("a new file is created with mode 0600; an existing file's mode is left alone", () => {
  const file = fresh();
  AuditLog.open(file).close();
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const other = fresh();
  writeFileSync(other, "", { mode: 0o640 });
  chmodSync(other, 0o640);
  AuditLog.open(other).close();
  assert.equal(statSync(other).mode & 0o777, 0o640, "open() does not change an existing file's mode");
});

test("redact stores the query's sha256 as queryHash, never its text", () => {
  const file = fresh();
  const log = AuditLog.open(file, { redact: true });
  log.append(record(0, { query: "customer 4417 overdraft" }));
  log.append(record(1, { query: undefined }));
  log.close();
  const text = readFileSync(file, "utf8");
  // Words, not the number: a line's hex hashes can contain any four digits by chance.
  assert.ok(!text.includes("customer") && !text.includes("overdraft"));
  const [first, second] = readLines(file).map((l) => JSON.parse(l));
  assert.equal(first.queryHash, sha256("customer 4417 overdraft"));
  assert.ok(!("query" in first));
  assert.ok(!("query" in second) && !("queryHash" in second));
  assert.equal(verifyAuditFile(file).ok, true);
});

test("a newline inside a query stays inside one line", () => {
  const file = fresh();
  const log = AuditLog.open(file);
  log.append(record(0, { query: 'a\nb "c"\u2028' }));
  log.close();
  assert.equal(readLines(file).length, 1);
  assert.equal(JSON.parse(readLines(file)[0]).query, 'a\nb "c"\u2028');
});

test("reopening continues the chain", () => {
  const file = fresh();
  writeLog(file, 3);
  const log = AuditLog.open(file);
  log.append(record(3));
  log.close();
  const lines = readLines(file);
  assert.equal(JSON.parse(lines[3]).prev, sha256(lines[2]));
  assert.deepEqual(verifyAuditFile(file), { ok: true, lines: 4, head: sha256(lines[3]) });
});

test("reopen and verify work across read-chunk boundaries (long lines, long files)", () => {
  const file = fresh();
  const log = AuditLog.open(file);
  for (let i = 0; i < 100; i++) log.append(record(i, { query: `q${i} ${"x".repeat(1500)}` }));
  log.append(record(100, { query: "y".repeat(150_000) })); // one line longer than a read chunk
  log.close();
  const again = AuditLog.open(file);
  again.append(record(101));
  again.close();
  const lines = readLines(file);
  assert.equal(JSON.parse(lines[101]).prev, sha256(lines[100]));
  assert.deepEqual(verifyAuditFile(file), { ok: true, lines: 102, head: sha256(lines[101]) });
  lines[50] = lines[50].replace("q50", "q5O");
  writeLines(file, lines);
  assert.equal(verifyAuditFile(file).brokenAt, 52);
});

test("verify catches an edited line at the line after it", () => {
  const file = fresh();
  const lines = writeLog(file, 5);
  lines[1] = lines[1].replace('"status":200', '"status":201');
  writeLines(file, lines);
  const r = verifyAuditFile(file);
  assert.equal(r.ok, false);
  assert.equal(r.brokenAt, 3);
  assert.match(r.reason ?? "", /does not match line 2/);
});

test("verify catches a deleted line", () => {
  const file = fresh();
  const lines = writeLog(file, 5);
  writeLines(file, [...lines.slice(0, 2), ...lines.slice(3)]);
  const r = verifyAuditFile(file);
  assert.equal(r.ok, false);
  assert.equal(r.brokenAt, 3);
  assert.match(r.reason ?? "", /does not match line 2/);
  // Deleting the first line is caught too: the new first line does not start the chain.
  writeLines(file, lines.slice(1));
  assert.equal(verifyAuditFile(file).brokenAt, 1);
});

test("verify catches a reordered pair", () => {
  const file = fresh();
  const lines = writeLog(file, 5);
  writeLines(file, [lines[0], lines[2], lines[1], lines[3], lines[4]]);
  assert.equal(verifyAuditFile(file).brokenAt, 2);
});

test("verify catches an appended forged line", () => {
  const file = fresh();
  writeLog(file, 3);
  const forged = JSON.stringify({ time: new Date().toISOString(), ...record(9, { identity: "token:ops" }), prev: "0".repeat(64) });
  appendFileSync(file, forged + "\n");
  const r = verifyAuditFile(file);
  assert.equal(r.ok, false);
  assert.equal(r.brokenAt, 4);
  assert.equal(r.lines, 4);
});

test("open refuses a log whose last line is truncated or corrupt", () => {
  const file = fresh();
  const lines = writeLog(file, 2);
  writeFileSync(file, lines[0] + "\n" + lines[1].slice(0, 20));
  assert.throws(() => AuditLog.open(file), (e: Error) => e.message.includes(file) && /truncated/.test(e.message));
  assert.equal(verifyAuditFile(file).brokenAt, 2);
  writeFileSync(file, lines[0] + "\n" + "not json\n");
  assert.throws(() => AuditLog.open(file), /not valid JSON/);
  // Nothing was appended by the refused opens.
  assert.equal(readFileSync(file, "utf8"), lines[0] + "\nnot json\n");
});

test("an empty file verifies as 0 lines; append after close throws", () => {
  const file = fresh();
  const log = AuditLog.open(file);
  log.close();
  assert.deepEqual(verifyAuditFile(file), { ok: true, lines: 0, head: "0".repeat(64) });
  assert.throws(() => log.append(record(0)), /closed/);
});

test("semsearch audit verify: exit 0 when intact, 1 when broken or missing", () => {
  const run = (...args: string[]) => spawnSync(CLI, args, { encoding: "utf8" });
  const file = fresh();
  const lines = writeLog(file, 4);

  const ok = run("audit", "verify", file);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, `audit: ${file}: 4 lines, chain intact\n`);

  writeLines(file, [lines[0], lines[2], lines[3]]);
  const broken = run("audit", "verify", file);
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, new RegExp(`^audit: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: chain broken at line 2: `));

  const missing = run("audit", "verify", join(dir, "nope.jsonl"));
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.jsonl: no such file/);

  const usage = run("audit", "check", file);
  assert.equal(usage.status, 2);
});
