// The indexer keeps the embedding worker busy: a pass embeds its next batch while the last one is
// embedded and written (engine/indexer.ts). What must hold while batches overlap: vectors still go
// to the texts they were made from, batches are written one at a time in order (each in one
// transaction), no more than two batches (so two embedding calls) are in progress, a failed batch
// stops the pass with nothing written after it, and the worker still runs a search before the
// indexing calls queued ahead of it.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Indexer } from "../../server/src/engine/indexer";
import { resolveOptions } from "../../server/src/engine/options";
import { HnswIndex } from "../../server/src/index/hnsw-index";
import { Store, type FileUpdate } from "../../server/src/store/store";
import { EmbeddingService } from "../../server/src/embedding/embedding-service";
import { TINY_MODEL_DIR } from "../helpers/cli";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A vector that says which text it was made from: its length and first and last characters. */
const vectorOf = (t: string) => Float32Array.of(t.length, t.charCodeAt(0), t.charCodeAt(t.length - 1), 1);

interface Setup {
  indexer: Indexer;
  store: Store;
  model: number;
  /** "embed:<paths>" when a call is sent, "write:<paths>" when a batch is written, in the order they happened. */
  events: string[];
  writes: FileUpdate[][];
  /** The most embedding calls that were out (sent, not answered) at once. */
  mostOut(): number;
}

/** A folder of one-chunk files, indexed in batches of two files, with `embed` as the model. */
function setup(files: number, embed: (texts: string[]) => Promise<Float32Array[]>, events: string[] = []): Setup {
  const root = mkdtempSync(join(tmpdir(), "index-pipeline-"));
  dirs.push(root);
  mkdirSync(join(root, "docs"));
  // Each file's one chunk is its own text, so an embedding call says which files it is for.
  for (let i = 0; i < files; i++) writeFileSync(join(root, "docs", `f${i}.md`), `note f${i} about topic ${i}\n`);
  const o = resolveOptions({ root, dbPath: join(root, ".semsearch", "index.db"), model: { model: "fake" }, batchSize: 2 });
  mkdirSync(join(root, ".semsearch"));
  const store = Store.open(o.dbPath);
  const model = store.model("fake", 4).id;
  const { index } = HnswIndex.open(join(root, ".semsearch", "fake.hnsw"), "fake", 4, store.generation(model), () => store.ids(model));
  const writes: FileUpdate[][] = [];
  const writeBatch = store.writeBatch.bind(store);
  store.writeBatch = (m, updates, removed, storage) => {
    events.push(`write:${updates.map((u) => /f\d+/.exec(u.path)![0]).join(",")}`);
    writes.push(updates);
    return writeBatch(m, updates, removed, storage);
  };
  let out = 0;
  let most = 0;
  const indexer = new Indexer(o, store, model, index, (texts) => {
    events.push(`embed:${texts.map((t) => /f\d+/.exec(t)![0]).join(",")}`);
    most = Math.max(most, ++out);
    return embed(texts).finally(() => out--);
  });
  return { indexer, store, model, events, writes, mostOut: () => most };
}

const batchOf = (event: string) => event.slice(event.indexOf(":") + 1);

test("a pass embeds the next batch while the last is written; batches are written in order, each whole, two in progress at most", async () => {
  const events: string[] = [];
  let firstCall: (() => void) | undefined;
  let secondCallSeen = false;
  const s = setup(6, async (texts) => {
    if (!firstCall && !secondCallSeen) {
      // The first batch's answer waits until the second batch's call has been sent (or, if it never
      // is, for a second, and the order of events below shows it was not).
      await new Promise<void>((resolve) => {
        firstCall = resolve;
        setTimeout(resolve, 1000);
      });
    } else if (firstCall) {
      secondCallSeen = true;
      firstCall();
    }
    return texts.map(vectorOf);
  }, events);
  try {
    const summary = await s.indexer.run({});
    assert.equal(summary.files, 6);
    assert.equal(summary.embedded, 6);
    const writes = events.filter((e) => e.startsWith("write:"));
    const embeds = events.filter((e) => e.startsWith("embed:"));
    assert.equal(writes.length, 3, events.join(" "));
    // One call per batch of two one-chunk files, and each batch written whole, in the order it was embedded.
    assert.deepEqual(writes.map(batchOf), embeds.map(batchOf).map((b) => b.split(",").sort().join(",")));
    // Overlap: the second batch was sent to the model before the first was written.
    assert.ok(events.indexOf(embeds[1]) < events.indexOf(writes[0]), events.join(" "));
    // Bound: the third batch was not sent before the first was written, and two calls at most were out.
    assert.ok(events.indexOf(embeds[2]) > events.indexOf(writes[0]), events.join(" "));
    assert.equal(s.mostOut(), 2);
    // Every chunk was written with the vector of its own text.
    for (const batch of s.writes) for (const f of batch) for (const c of f.chunks) assert.deepEqual(c.vector, vectorOf(c.text), f.path);
    assert.equal(s.store.counts(s.model).chunks, 6);
  } finally {
    s.store.close();
  }
});

test("a batch that fails to embed stops the pass: the batches before it are kept, none after it is written", async () => {
  let calls = 0;
  const s = setup(8, async (texts) => {
    // Answers come a turn later, so that the next batch is under way when the second fails.
    await new Promise((r) => setImmediate(r));
    if (++calls === 2) throw new Error("the model broke");
    return texts.map(vectorOf);
  });
  try {
    await assert.rejects(s.indexer.run({}), /the model broke/);
    const embeds = s.events.filter((e) => e.startsWith("embed:"));
    const writes = s.events.filter((e) => e.startsWith("write:"));
    assert.deepEqual(writes.map(batchOf), [embeds[0]].map(batchOf).map((b) => b.split(",").sort().join(",")), s.events.join(" "));
    assert.equal(s.store.counts(s.model).files, 2);
  } finally {
    s.store.close();
  }
});

test("a pass cancelled while a batch is embedded writes that batch and stops, keeping what it wrote", async () => {
  const abort = new AbortController();
  const s = setup(6, async (texts) => {
    abort.abort();
    await new Promise((r) => setImmediate(r));
    return texts.map(vectorOf);
  });
  try {
    await assert.rejects(s.indexer.run({ signal: abort.signal }), (err: Error) => err.name === "AbortError");
    const writes = s.events.filter((e) => e.startsWith("write:"));
    assert.equal(writes.length, 1, s.events.join(" "));
    assert.equal(s.store.counts(s.model).files, 2);
  } finally {
    s.store.close();
  }
});

test("the worker runs a search before indexing calls queued ahead of it, so overlapping batches keep a search behind one call at most", async () => {
  const service = new EmbeddingService();
  try {
    await service.load({ model: "semsearch/tiny-bert", localModelPath: TINY_MODEL_DIR }, false);
    const sentence = "the eiffel tower is in paris .";
    const order: string[] = [];
    const track = (name: string, p: Promise<unknown>) => p.then(() => order.push(name));
    // Two indexing calls out at once, as the indexer sends them (the first long enough to be still
    // running when the search arrives), then a search: all posted before any returns.
    const calls = [
      track("index 1", service.embed(Array(64).fill(Array(8).fill(sentence).join(" ")), "index")),
      track("index 2", service.embed([sentence], "index")),
      track("search", service.embed([sentence], "query")),
    ];
    await Promise.all(calls);
    assert.ok(order.indexOf("search") < order.indexOf("index 2"), order.join(", "));
  } finally {
    await service.dispose();
  }
});
