// A query's embedding request leaves within the call that asks for it once the worker's port is
// connected (EmbedClient.send, EmbeddingService.embed, Engine.search): a hybrid search runs its
// keyword half on its own thread right after, and the worker embeds meanwhile only if the request
// has already been posted.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MessagePort, type MessagePort as Port } from "node:worker_threads";
import { Engine } from "../../server/src/engine/engine";
import { EmbedCancelled, EmbedClient } from "../../server/src/embedding/worker-host";
import type { FromWorker } from "../../server/src/embedding/worker-protocol";
import { TINY_MODEL_DIR } from "../helpers/cli";

/** A stand-in for the worker's port: records what is posted, and replies when told to. */
class FakePort {
  posted: any[] = [];
  private handlers = new Map<string, ((x: any) => void)[]>();
  on(event: string, f: (x: any) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), f]);
    return this;
  }
  emit(event: string, x?: any) {
    for (const f of this.handlers.get(event) ?? []) f(x);
  }
  postMessage(m: any) {
    this.posted.push(m);
  }
  ref() {}
  unref() {}
}

const reply = (port: FakePort, id: number) => port.emit("message", { type: "embedded", id, vectors: [Float32Array.from([id])] } as FromWorker);

test("EmbedClient posts within send() once connected; before that, and after the port closed, once it connects", async () => {
  const ports: FakePort[] = [];
  const client = new EmbedClient(() => {
    const p = new FakePort();
    ports.push(p);
    return p as unknown as Port;
  });
  assert.equal(client.connected, false);
  const first = client.send({ type: "embed", key: "k", texts: ["a"] }, "query");
  // Not connected yet: the connection is made first, so nothing has left.
  assert.equal(ports[0]?.posted.length ?? 0, 0);
  await new Promise((r) => setImmediate(r));
  assert.equal(ports[0].posted.length, 1);
  assert.equal(client.connected, true);
  reply(ports[0], ports[0].posted[0].id);
  assert.equal(((await first) as any).vectors[0][0], ports[0].posted[0].id);

  // Connected: the request is posted before send returns.
  const second = client.send({ type: "embed", key: "k", texts: ["b"] }, "query");
  assert.equal(ports[0].posted.length, 2);
  assert.deepEqual(ports[0].posted[1].texts, ["b"]);
  assert.equal(ports[0].posted[1].lane, "query");
  reply(ports[0], ports[0].posted[1].id);
  assert.equal(((await second) as any).type, "embedded");

  // An aborted signal: nothing is posted, the promise rejects.
  const aborted = AbortSignal.abort();
  await assert.rejects(client.send({ type: "embed", key: "k", texts: ["c"] }, "query", aborted), EmbedCancelled);
  assert.equal(ports[0].posted.length, 2);

  // The worker died: a pending request fails, and the next one connects to a fresh port.
  const pending = client.send({ type: "embed", key: "k", texts: ["d"] }, "query");
  ports[0].emit("close");
  await assert.rejects(pending, /crashed/);
  assert.equal(client.connected, false);
  const fresh = client.send({ type: "embed", key: "k", texts: ["e"] }, "query");
  await new Promise((r) => setImmediate(r));
  assert.equal(ports.length, 2);
  assert.deepEqual(ports[1].posted[0].texts, ["e"]);
  reply(ports[1], ports[1].posted[0].id);
  assert.equal(((await fresh) as any).type, "embedded");
});

test("a connector that throws fails the request: send rejects, it does not throw", async () => {
  const client = new EmbedClient(() => {
    throw new Error("no embedding worker here");
  });
  let sent: Promise<unknown> | undefined;
  assert.doesNotThrow(() => (sent = client.send({ type: "embed", key: "k", texts: ["a"] }, "query")));
  await assert.rejects(sent!, /no embedding worker here/);
  assert.equal(client.connected, false);
});

let root: string;
let engine: Engine;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "sync-post-"));
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "src", "files.ts"), "export function readFileSync(path: string): string {\n  return load(path);\n}\n");
  engine = await Engine.open({ root, model: { model: "semsearch/tiny-bert", localModelPath: TINY_MODEL_DIR }, fallback: false });
  await engine.indexFolder();
});

after(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

test("a hybrid search has posted its query's embedding before its keyword half runs", async () => {
  const posted: any[] = [];
  const original = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, message: any, ...rest: any[]) {
    posted.push(message);
    return (original as any).call(this, message, ...rest);
  };
  let search: Promise<unknown>;
  try {
    // Everything up to the search's first await runs in this call: the keyword half, and before it the post.
    search = engine.search({ query: "read file sync", mode: "hybrid", topK: 3 });
  } finally {
    MessagePort.prototype.postMessage = original;
  }
  assert.deepEqual(
    posted.filter((m) => m?.type === "embed").map((m) => [m.texts, m.lane]),
    [[["read file sync"], "query"]],
  );
  const res = (await search) as { results: { path: string }[] };
  assert.equal(res.results[0]?.path, "src/files.ts");
});
