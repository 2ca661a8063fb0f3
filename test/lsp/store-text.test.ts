// semanticSearch.storeText in the language server: with "none" the folder's index keeps no text and
// results read it back (an open buffer's text wins over the disk's, as that is what was indexed);
// switching the setting re-derives the index without a reload.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { SearchRequest } from "../../shared/src/protocol";
import { storageDirFor } from "../../server/src/lsp/storage";
import { startClient, waitFor, type Client } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
let work: string;
let ws: string;
let client: Client;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "lsp-store-text-"));
  ws = join(work, "ws");
  mkdirSync(ws);
  cpSync(KB, ws, { recursive: true });
  client = await startClient({ folders: [ws], storagePath: join(work, "storage"), settings: { storeText: "none" }, env: { SEMSEARCH_CONFIG_DIR: join(work, "config") } });
  await client.waitForIdle();
});

after(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** The folder's stored chunk texts (the server holds the database open; WAL lets us read beside it). */
function storedTexts(): string[] {
  const db = new Database(join(storageDirFor(ws, join(work, "storage")), "index.db"), { readonly: true });
  try {
    return db.prepare("SELECT text FROM chunks").pluck().all() as string[];
  } finally {
    db.close();
  }
}

const search = (query: string) => client.conn.sendRequest(SearchRequest.type, { query, topK: 3, mode: "hybrid" });

test("storeText none: no text stored, results read theirs from the file, an open buffer's wins", async () => {
  await waitFor(() => storedTexts().length >= 20, 60_000, "the folder to be indexed");
  assert.ok(storedTexts().every((t) => t === ""), "no chunk keeps its text");
  const eiffel = (await search("Where is the Eiffel Tower?")).results[0];
  assert.equal(eiffel.uri, pathToFileURL(join(ws, "05-eiffel-tower.md")).href);
  assert.match(eiffel.text, /iron lattice tower located on the Champ de Mars/);
  assert.equal(eiffel.textUnavailable, undefined);

  // An edited, unsaved buffer is indexed as the editor has it: the result shows that text, not the disk's.
  const uri = pathToFileURL(join(ws, "05-eiffel-tower.md")).href;
  const edited = "The Eiffel Tower is a wrought-iron lattice tower on the Champ de Mars in Paris, painted every seven years.\n";
  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text: edited } });
  await waitFor(async () => /painted every seven years/.test((await search("Eiffel Tower painted")).results.find((r) => r.uri === uri)?.text ?? ""), 30_000, "the buffer's text in the result");
  assert.ok(storedTexts().every((t) => t === ""), "the buffer's text is not stored either");
});

test("switching storeText to full re-derives the index with text, without a reload", async () => {
  client.settings = { ...client.settings, storeText: "full" };
  await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: { semanticSearch: client.settings } });
  await waitFor(() => storedTexts().some((t) => /Champ de Mars/.test(t)), 60_000, "text to be stored again");
  await client.waitForIdle();
  const hit = (await search("Eiffel Tower painted")).results[0];
  assert.match(hit.text, /Eiffel Tower/);
});

test("semsearch lsp --store-text none is the default a client's settings can override; a bad value exits 2", async () => {
  const other = join(work, "ws2");
  mkdirSync(other);
  cpSync(KB, other, { recursive: true });
  const second = await startClient({ folders: [other], storagePath: join(work, "storage2"), args: ["--store-text", "none"], env: { SEMSEARCH_CONFIG_DIR: join(work, "config") } });
  try {
    await second.waitForIdle();
    const db = () => new Database(join(storageDirFor(other, join(work, "storage2")), "index.db"), { readonly: true });
    await waitFor(() => {
      const d = db();
      try {
        return (d.prepare("SELECT count(*) FROM chunks").pluck().get() as number) >= 20;
      } finally {
        d.close();
      }
    }, 60_000, "the folder to be indexed");
    const d = db();
    assert.deepEqual(d.prepare("SELECT DISTINCT text FROM chunks").pluck().all(), [""]);
    d.close();
  } finally {
    await second.stop();
  }
  const { spawnSync } = await import("node:child_process");
  const bad = spawnSync(join(__dirname, "..", "..", "bin", "semsearch"), ["lsp", "--stdio", "--store-text", "some"], { encoding: "utf8", input: "" });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--store-text is full .* or none/);
});
