// A search during a folder's first index pass finds what that pass has stored so far. The folder's
// chunk count (what the status bar shows) refreshes only when the pass ends; a search that went by it
// skipped the folder and answered nothing until the whole folder was indexed (bench/RESULTS.md, §10).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { SearchRequest, StatusRequest, type StatusResult } from "../../shared/src/protocol";
import { delay, startClient, type Client } from "./lsp-client";

// Files are indexed in path order and stored a batch at a time (engine/options.ts, batchSize: a batch
// is written once it holds 32 chunks). The first file is one long document whose hundreds of chunks
// make the first batch: until it is written (seconds of embedding), the folder has nothing stored, so
// the one status the engine sends on its own after opening (engine-thread.ts, reportRebuild, 500 ms
// after the open) still counts 0 chunks, as it would for any pass with a slow model. The needle is in
// the second batch: once the pass is past file 40, it is in the store. The 3,000 small files after it
// keep the pass going for a long while (tens of seconds), so the search below is answered during it.
const FILLERS = 3000;
const STORED_AFTER = 40;
const NEEDLE = "Axolotls regrow entire limbs, including bones, muscles and nerves, after an amputation.";

/** About 300 chunks of ledger prose, well under 1 MB (the default maxFileSize). */
function longDocument(): string {
  const sections: string[] = ["# Ledger archive\n"];
  for (let i = 0; i < 300; i++) {
    const line = `Entry ${i} records the shipment of ${i * 7} crates of ceramic tiles from depot ${i % 23} to the harbour office.`;
    sections.push(`## Ledger entry ${i}\n\n${Array.from({ length: 6 }, () => line).join(" ")}\n`);
  }
  return sections.join("\n");
}

let work: string;
let root: string;
let client: Client;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "lsp-first-pass-"));
  root = join(work, "ws");
  mkdirSync(root);
  writeFileSync(join(root, "0000-archive.md"), longDocument());
  writeFileSync(join(root, "0001-needle.md"), `# Regeneration\n\n${NEEDLE}\n`);
  for (let i = 2; i < FILLERS + 2; i++) {
    const n = String(i).padStart(4, "0");
    writeFileSync(join(root, `${n}-inventory.md`), `# Warehouse ${n}\n\nThe quarterly inventory of warehouse ${n} lists ${i * 3} pallets of printer paper and ${i % 17} forklifts.\n`);
  }
  // startClient waits for the first pass to end, so the server starts with an empty folder and is
  // then given this one, as when a folder is added to the workspace: its first pass starts then.
  const empty = join(work, "empty");
  mkdirSync(empty);
  client = await startClient({ folders: [empty], storagePath: join(work, "storage") });
  await client.conn.sendNotification("workspace/didChangeWorkspaceFolders", { event: { added: [{ uri: pathToFileURL(root).href, name: "ws" }], removed: [] } });
});

after(async () => {
  // The pass is still running: stopping the server ends it.
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

const status = () => client.conn.sendRequest(StatusRequest.type);

test("a search during a folder's first pass finds a file the pass has already stored", async () => {
  let s: StatusResult;
  for (const until = Date.now() + 180_000; ; await delay(100)) {
    s = await status();
    if ((s.progress?.done ?? 0) >= STORED_AFTER) break;
    assert.notEqual(s.state, "error", s.message);
    assert.ok(Date.now() < until, `the first pass to get past file ${STORED_AFTER}: ${JSON.stringify(s)}`);
  }
  assert.equal(s.chunks, 0, "the folder's last status still counts no chunks: its first pass has not ended");

  const r = await client.conn.sendRequest(SearchRequest.type, { query: "which animal can regrow its limbs after amputation", topK: 3 });
  const during = await status();
  // What makes this test mean something: the answer came while the first pass was still running.
  assert.equal(during.state, "indexing", `the first pass ended before the search was answered: make the folder bigger (${JSON.stringify(during.progress)})`);
  assert.ok(during.progress && during.progress.done < during.progress.total);

  assert.ok(r.results.length > 0, "the search answered no results during the first pass");
  assert.match(r.results[0].uri, /0001-needle\.md$/);
  assert.match(r.results[0].text, /Axolotls regrow entire limbs/);
});
