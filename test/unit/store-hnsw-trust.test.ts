// A crafted HNSW file must never reach hnswlib, which trusts its input: a changed entry point,
// element count or neighbour list crashes the process (SIGSEGV). The sidecar's plain fingerprint
// could be recomputed by anyone; only an HMAC under this user's secret is accepted now. The CLI
// runs in a child process, so a crash shows as a failed test rather than a dead test runner.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, CLI, TINY } from "../helpers/cli";

const base = mkdtempSync(join(tmpdir(), "hnsw-trust-"));
after(() => rmSync(base, { recursive: true, force: true }));
const env = { ...process.env, SEMSEARCH_CONFIG_DIR: join(base, "config") };

function run(...args: string[]) {
  const r = spawnSync(CLI, args, { encoding: "utf8", env });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

function indexedFolder(name: string): { dir: string; hnsw: string } {
  const dir = join(base, name);
  cpSync(join(ROOT, "examples", "knowledge-base"), dir, { recursive: true });
  const r = run("index", dir, ...TINY);
  assert.equal(r.code, 0, r.err);
  const file = readdirSync(join(dir, ".semsearch")).find((f) => f.endsWith(".hnsw"));
  assert.ok(file, "index writes an HNSW file");
  return { dir, hnsw: join(dir, ".semsearch", file) };
}

/** The sidecar as semsearch wrote it before: a SHA-256 of the size, first and last MiB, which anyone can recompute. */
function oldStyleSidecar(file: string, current: { modelId: string; dimensions: number; generation: number; params: unknown }) {
  const bytes = readFileSync(file);
  const span = Math.min(bytes.length, 1 << 20);
  const hash = createHash("sha256").update(String(bytes.length)).update(bytes.subarray(0, span));
  if (bytes.length > span) hash.update(bytes.subarray(bytes.length - span));
  return { format: 1, modelId: current.modelId, dimensions: current.dimensions, generation: current.generation, params: current.params, bytes: bytes.length, fingerprint: hash.digest("hex") };
}

// hnswlib's header: offsetLevel0 (8 bytes), max_elements (8), cur_element_count (8),
// size_data_per_element (8), label_offset (8), offsetData (8), maxlevel (4), enterpoint_node (4).
// Each craft below kills a process that loads the file (SIGSEGV or SIGABRT), checked by hand.
const MAX_ELEMENTS = 8;
const ENTRY_POINT = 52;
const scribbleLinks = (b: Buffer) => {
  // Over the start of level 0: the first elements' neighbour lists point far outside the graph.
  for (let i = 200; i < Math.min(b.length - 8, 2000); i += 4) b.writeUInt32LE(0x7fffffff, i);
};

function assertSearchWorks(dir: string) {
  const s = run("search", "Which river carries the most water?", "--dir", dir, ...TINY, "--mode", "semantic", "--k", "3", "--json");
  assert.equal(s.code, 0, s.err);
  assert.equal(JSON.parse(s.out).results.length, 3);
}

for (const [what, craft] of [
  ["entry point", (b: Buffer) => b.writeUInt32LE(0x7ffffff0, ENTRY_POINT)],
  ["element count", (b: Buffer) => b.writeBigUInt64LE(1n, MAX_ELEMENTS)],
  ["neighbour list", scribbleLinks],
] as const) {
  test(`an HNSW file with a crafted ${what} and a recomputed old-style sidecar is rebuilt, not loaded`, () => {
    const { dir, hnsw } = indexedFolder(`craft-${what.replace(" ", "-")}`);
    const current = JSON.parse(readFileSync(`${hnsw}.json`, "utf8"));
    const bytes = readFileSync(hnsw);
    craft(bytes);
    writeFileSync(hnsw, bytes);
    writeFileSync(`${hnsw}.json`, JSON.stringify(oldStyleSidecar(hnsw, current)));
    // A changed file makes index add to the graph, where hnswlib follows the crafted header and links.
    appendFileSync(join(dir, "06-amazon-river.md"), "\nIt flows through Brazil.\n");

    const r = run("index", dir, ...TINY);
    assert.equal(r.signal, null, `index died of ${r.signal}: ${r.err}`);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /HNSW index untrusted; rebuilding it from 20 stored vectors/);
    assertSearchWorks(dir);
    // The rebuilt file is signed again and loads without a rebuild.
    assert.doesNotMatch(run("index", dir, ...TINY).err, /rebuilding/);
  });
}

test("a crafted file under the current sidecar (same size) fails its HMAC and is rebuilt", () => {
  const { dir, hnsw } = indexedFolder("craft-links");
  const bytes = readFileSync(hnsw);
  scribbleLinks(bytes);
  writeFileSync(hnsw, bytes);
  appendFileSync(join(dir, "06-amazon-river.md"), "\nIt flows through Brazil.\n");
  const r = run("index", dir, ...TINY);
  assert.equal(r.signal, null, `index died of ${r.signal}: ${r.err}`);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /HNSW index untrusted; rebuilding/);
  assertSearchWorks(dir);
});

test("temporary files a killed save or load left behind are removed by the next writer, not by a search", () => {
  const { dir, hnsw } = indexedFolder("leftovers");
  const dead = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
  const deadOnes = [`${hnsw}.${dead}.00aa11bb22cc.tmp`, `${hnsw}.json.${dead}.00aa11bb22cc.tmp`, `${hnsw}.${dead}.33dd44ee55ff.load`];
  const live = `${hnsw}.1.66aa77bb88cc.tmp`; // pid 1 is always running
  for (const f of [...deadOnes, live]) writeFileSync(f, "half an index");
  assertSearchWorks(dir);
  for (const f of deadOnes) assert.ok(existsSync(f), "a search deletes nothing");
  appendFileSync(join(dir, "06-amazon-river.md"), "\nIt flows through Brazil.\n");
  assert.equal(run("index", dir, ...TINY).code, 0);
  for (const f of deadOnes) assert.ok(!existsSync(f), `${f} is gone`);
  assert.ok(existsSync(live), "a running process's temporary file stays");
});
