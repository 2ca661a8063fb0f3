// Store.chunks reads many ids in one statement (a JSON array bound as one parameter, in batches):
// it must give exactly the rows a read of each id alone gives, in the order asked, across batches,
// without the ids that have no row, and with a text-less store's digest and slice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Store, type StoredChunk } from "../../server/src/store/store";

function tempStore(): { store: Store; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), "chunk-rows-"));
  const store = Store.open(join(dir, "index.db"));
  return { store, done: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
}

const chunk = (i: number, extra: object = {}) => ({
  startLine: i * 3 + 1,
  endLine: i * 3 + 2,
  text: `chunk ${i} of the file: ${"word ".repeat(i % 7)}`,
  metadata: { language: "markdown", n: i, ...(i % 2 ? { symbol: `name${i}` } : {}) },
  vector: Float32Array.from([1, i]),
  ...extra,
});

/** One statement per id, as Store.chunks read them before: the reference. */
function oneByOne(store: Store, ids: number[]): Map<number, StoredChunk> {
  const stmt = store.db.prepare(
    `SELECT id, path, start_line AS startLine, end_line AS endLine, text, metadata, content_hash AS contentHash, timestamp,
            text_digest AS digest, text_from AS sliceFrom, text_to AS sliceTo FROM chunks WHERE id = ?`,
  );
  const out = new Map<number, StoredChunk>();
  for (const id of ids) {
    const row = stmt.get(id) as any;
    if (!row || out.has(id)) continue;
    const { digest, sliceFrom, sliceTo, metadata, ...rest } = row;
    const c: StoredChunk = { ...rest, metadata: JSON.parse(metadata) };
    if (digest) c.digest = digest;
    if (sliceFrom !== null && sliceTo !== null) c.slice = { from: sliceFrom, to: sliceTo };
    out.set(id, c);
  }
  return out;
}

test("chunks(ids) gives the rows of one read per id, in the order asked, across batches", () => {
  const { store, done } = tempStore();
  try {
    const model = store.model("m", 2).id;
    const files = [0, 1, 2].map((f) => ({ path: `d/f${f}.md`, contentHash: `h${f}`, size: 1, chunks: Array.from({ length: 450 }, (_, i) => chunk(f * 450 + i)) }));
    store.writeBatch(model, files);
    const all = store.ids(model);
    assert.equal(all.length, 1350);
    // Shuffled (a fixed permutation), more than one batch of ids, with ids that have no row and a repeat.
    const asked = [...all.map((id, i) => all[(i * 7919) % all.length]), 999_999, -1, all[5], all[0]];
    const got = store.chunks(asked);
    const want = oneByOne(store, asked);
    assert.equal(got.size, all.length);
    assert.deepEqual([...got.keys()], [...want.keys()]);
    assert.deepEqual([...got.entries()], [...want.entries()]);
    assert.equal(got.has(999_999), false);
    const first = got.get(all[1])!;
    assert.deepEqual(first.metadata, { language: "markdown", n: 1, symbol: "name1" });
    assert.equal(first.path, "d/f0.md");
    assert.equal(store.chunks([]).size, 0);
  } finally {
    done();
  }
});

test("chunks(ids) of a store without text gives each row's digest and slice", () => {
  const { store, done } = tempStore();
  try {
    assert.equal(store.setTextMode("none", () => undefined), "started");
    const model = store.model("m", 2).id;
    store.writeBatch(model, [{ path: "a.txt", contentHash: "h", size: 1, chunks: [chunk(1), chunk(2, { slice: { from: 10, to: 40 } })] }]);
    const ids = store.ids(model).sort((a, b) => b - a);
    const got = store.chunks(ids);
    assert.deepEqual([...got.entries()], [...oneByOne(store, ids).entries()]);
    const [sliced, plain] = ids.map((id) => got.get(id)!);
    assert.equal(sliced.text, "");
    assert.ok(Buffer.isBuffer(plain.digest) && plain.digest.length > 0);
    assert.deepEqual(sliced.slice, { from: 10, to: 40 });
    assert.equal(plain.slice, undefined);
  } finally {
    done();
  }
});
