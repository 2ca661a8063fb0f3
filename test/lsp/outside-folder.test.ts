// A workspace cannot pull files from outside itself into the index: a symbolic link to a file
// elsewhere, announced as a changed file, is refused by the one real-path check every path passes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { SearchRequest } from "../../shared/src/protocol";
import { startClient, waitFor, type Client } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
let work: string;
let client: Client;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "outside-"));
  cpSync(KB, join(work, "ws"), { recursive: true });
  // A secret outside the workspace, and a link to it inside.
  writeFileSync(join(work, "secret.txt"), "root:x:0:0:root:/root:/bin/bash\nThe vault combination is seven seven three.\n");
  symlinkSync(join(work, "secret.txt"), join(work, "ws", "passwd.txt"));
  // Verbose, so that the server logs what it did with each file.
  client = await startClient({ folders: [join(work, "ws")], storagePath: join(work, "storage"), settings: { trace: { server: "verbose" } } });
});

after(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("a symlink to a file outside the folder, announced as changed, never reaches the index", async () => {
  const uri = pathToFileURL(join(work, "ws", "passwd.txt")).href;
  await client.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri, type: 2 }] });
  await client.conn.sendNotification("textDocument/didSave", { textDocument: { uri } });
  await waitFor(() => client.logs.some((l) => /passwd\.txt: not indexed: its real path .* is outside the folder/.test(l)), 30_000, "the refusal to be logged");
  const r = await client.conn.sendRequest(SearchRequest.type, { query: "vault combination root bin bash", topK: 20 });
  assert.ok(r.results.every((h) => !h.uri.endsWith("passwd.txt") && !/vault combination/.test(h.text)), JSON.stringify(r.results.map((h) => h.uri)));
  // A file really inside still goes in.
  writeFileSync(join(work, "ws", "vault.md"), "# Vault\n\nThe vault is opened with a combination lock.\n");
  await client.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(join(work, "ws", "vault.md")).href, type: 1 }] });
  await waitFor(async () => (await client.conn.sendRequest(SearchRequest.type, { query: "vault combination lock", topK: 1 })).results[0]?.uri.endsWith("vault.md") ?? false, 30_000, "vault.md to be searchable");
});
