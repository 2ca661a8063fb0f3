// Language servers and the store: the Re-index command works when the model's dimensions changed
// (the advice of the error it replaces), and two servers on one storage path (two editor windows on
// one workspace) leave an HNSW index a third server can load: every chunk in it, no stale label.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { HierarchicalNSW } from "hnswlib-node";
import { ReindexRequest, SearchRequest, StatusRequest } from "../../shared/src/protocol";
import { startClient, waitFor } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const work = mkdtempSync(join(tmpdir(), "two-servers-"));
after(() => rmSync(work, { recursive: true, force: true }));
const env = { SEMSEARCH_CONFIG_DIR: join(work, "config") };

function find(dir: string, suffix: string): string {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) {
      const found = find(p, suffix);
      if (found) return found;
    } else if (f.endsWith(suffix)) return p;
  }
  return "";
}

test("Re-index replaces an index whose vectors have other dimensions than the model gives", async () => {
  const folder = join(work, "dims");
  const storagePath = join(work, "dims-storage");
  cpSync(KB, folder, { recursive: true });
  let client = await startClient({ folders: [folder], storagePath, env });
  await client.stop();
  const dbPath = find(storagePath, "index.db");
  assert.ok(dbPath, "the server wrote a database under its storage path");
  const db = new Database(dbPath);
  db.prepare("UPDATE models SET dimensions = 8").run();
  db.close();

  client = await startClient({ folders: [folder], storagePath, env });
  try {
    const broken = await client.conn.sendRequest(StatusRequest.type);
    assert.equal(broken.state, "error");
    assert.match(broken.message ?? "", /holds 8-dimension vectors .* or the Re-index command/);
    await client.conn.sendRequest(ReindexRequest.type, {});
    await waitFor(async () => (await client.conn.sendRequest(StatusRequest.type)).state === "idle", 120_000, "the folder to be re-indexed");
    const fixed = await client.conn.sendRequest(StatusRequest.type);
    assert.equal(fixed.chunks, 20);
  } finally {
    await client.stop();
  }
});

test("two servers on one storage path, then a third: its HNSW index holds every chunk and no stale label", async () => {
  const folder = join(work, "shared");
  const storagePath = join(work, "shared-storage");
  cpSync(KB, folder, { recursive: true });
  // Verbose: each server logs the files it updated, so the test knows when both took every change.
  const settings = { trace: { server: "verbose" } };
  const [a, b] = await Promise.all([startClient({ folders: [folder], storagePath, env, settings }), startClient({ folders: [folder], storagePath, env, settings })]);
  try {
    // Each waits for the other's first pass (one pass per store at a time); edits come after both.
    await Promise.all([a.waitForIdle(), b.waitForIdle()]);
    // Both windows see the same edits (file watchers are the client's: each is told by its own).
    rmSync(join(folder, "09-tokyo.md"));
    for (let i = 0; i < 6; i++) writeFileSync(join(folder, `note-${i}.md`), `# Note ${i}\n\nA note about rivers and towers, number ${i}.\n`);
    appendFileSync(join(folder, "06-amazon-river.md"), "\nIt flows through Brazil.\n");
    // In order, one after the other: the last one done means all are.
    const changes = [
      { uri: pathToFileURL(join(folder, "09-tokyo.md")).href, type: 3 },
      ...Array.from({ length: 6 }, (_, i) => ({ uri: pathToFileURL(join(folder, `note-${i}.md`)).href, type: 1 })),
      { uri: pathToFileURL(join(folder, "06-amazon-river.md")).href, type: 2 },
    ];
    await Promise.all([a, b].map((c) => c.conn.sendNotification("workspace/didChangeWatchedFiles", { changes })));
    for (const c of [a, b]) await waitFor(() => c.logs.some((l) => /^updated 06-amazon-river\.md: /.test(l)), 60_000, "both servers to take the changes");
    await Promise.all([a.waitForIdle(), b.waitForIdle()]);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
  const db = new Database(find(storagePath, "index.db"), { readonly: true });
  const ids = db.prepare("SELECT id FROM chunks").pluck().all() as number[];
  db.close();
  assert.equal(ids.length, 25);

  // The third loads the file the two left as it is: it matches the database.
  const c = await startClient({ folders: [folder], storagePath, env });
  try {
    assert.ok(!c.logs.some((l) => /HNSW index (stale|untrusted|unreadable)/.test(l)), c.logs.join("\n"));
    assert.equal((await c.conn.sendRequest(StatusRequest.type)).chunks, 25);
  } finally {
    await c.stop();
  }
  const raw = new HierarchicalNSW("cosine", 512);
  raw.readIndexSync(find(storagePath, ".hnsw"), true);
  const labels = new Set(raw.getIdsList());
  for (const id of ids) assert.ok(labels.has(id), `chunk ${id} is in the HNSW file`);
  const live = new Set(ids);
  for (const label of labels) if (!live.has(label)) assert.throws(() => raw.getPoint(label), `stale label ${label} is deleted`);
});
