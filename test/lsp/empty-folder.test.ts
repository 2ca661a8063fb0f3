// A search embeds its query once per folder that has something to find: an empty folder (such as
// serve's document collection before any document is posted) costs nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SearchRequest, StatusRequest } from "../../shared/src/protocol";
import { startClient, type Client } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
let work: string;
let client: Client;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "empty-folder-"));
  cpSync(KB, join(work, "kb"), { recursive: true });
  mkdirSync(join(work, "empty"));
  client = await startClient({ folders: [join(work, "kb"), join(work, "empty")], storagePath: join(work, "storage") });
});

after(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("a search over a folder with chunks and an empty one embeds the query once", async () => {
  const before = (await client.conn.sendRequest(StatusRequest.type)).queries!;
  const r = await client.conn.sendRequest(SearchRequest.type, { query: "Where is the Eiffel Tower located?", topK: 3 });
  assert.match(r.results[0].uri, /05-eiffel-tower\.md$/);
  const after = (await client.conn.sendRequest(StatusRequest.type)).queries!;
  assert.equal(after.embedded - before.embedded, 1);
});
