// Huge inputs never starve short requests: a text longer than the model reads is cut to a bound
// that covers its window (and the result says so), and an editor buffer over maxFileSize is not
// indexed, like a file on disk over it. A buffer's update that is still running when its editor
// closes is stopped, and the index ends with the file's copy on disk.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { EmbedRequest, SearchRequest, SimilarRequest } from "../../shared/src/protocol";
import { startClient, waitFor, type Client } from "./lsp-client";

const ROOT = join(__dirname, "..", "..");
const KB = join(ROOT, "examples", "knowledge-base");
let work: string;
let ws: string;
let client: Client;

/** Text of about `chars` characters, in sentences, with a word that nothing else in the folder has. */
function prose(word: string, chars: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const line = `The ${word} number ${i} drifts slowly over the quiet harbour at dawn.\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join("").slice(0, chars);
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "huge-inputs-"));
  ws = join(work, "ws");
  cpSync(KB, ws, { recursive: true });
  writeFileSync(join(ws, "lighthouse.md"), "# The lighthouse\n\nThe lighthouse keeper climbs the spiral stairs every evening to light the lamp.\n");
  client = await startClient({ folders: [ws], storagePath: join(work, "storage"), settings: { trace: { server: "verbose" } } });
});

after(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("an embed of 100,000 characters answers, says it was cut, and a search sent right after it answers", async () => {
  const text = prose("lantern", 100_000);
  assert.equal(text.length, 100_000);
  const embedding = client.conn.sendRequest(EmbedRequest.type, { text });
  const search = client.conn.sendRequest(SearchRequest.type, { query: "Where is the Eiffel Tower?", topK: 3 });
  const [embedded, found] = await Promise.all([embedding, search]);
  assert.ok(embedded.truncated, "the embed result says the text was cut");
  assert.equal(embedded.truncated!.totalChars, 100_000);
  assert.ok(embedded.truncated!.usedChars > 0 && embedded.truncated!.usedChars < 100_000);
  assert.match(embedded.truncated!.message, /100,000 characters/);
  assert.equal(embedded.vector.length, embedded.dimensions);
  assert.ok(found.results[0]?.uri.endsWith("05-eiffel-tower.md"), JSON.stringify(found.results.map((r) => r.uri)));
  assert.equal(found.truncated, undefined, "a short query is not cut");
});

test("similar over a 40,000-character selection answers and says the selection was cut", async () => {
  const uri = pathToFileURL(join(ws, "selection.md")).href;
  const text = prose("cathedral", 40_000);
  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text } });
  const lines = text.split("\n").length;
  const r = await client.conn.sendRequest(SimilarRequest.type, { uri, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } }, topK: 5 });
  assert.ok(r.truncated, JSON.stringify({ ...r, results: r.results.length }));
  assert.equal(r.truncated!.totalChars, text.trim().length);
  assert.ok(Array.isArray(r.results));
  await client.conn.sendNotification("textDocument/didClose", { textDocument: { uri } });
});

test("an open buffer over maxFileSize is not indexed, says so, and a search right after answers", async () => {
  const uri = pathToFileURL(join(ws, "enormous.md")).href;
  // 1.5 MB, over the default limit of 1 MB; nothing of it is on disk.
  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text: prose("xylophone", 1_500_000) } });
  const found = await client.conn.sendRequest(SearchRequest.type, { query: "Where is the Eiffel Tower?", topK: 3 });
  assert.ok(found.results[0]?.uri.endsWith("05-eiffel-tower.md"));
  await waitFor(() => client.logs.some((l) => /enormous\.md: the open editor's text is not indexed: larger than .*maxFileSize/.test(l)), 30_000, "the size note");
  await waitFor(() => client.logs.some((l) => /updated enormous\.md/.test(l)), 30_000, "the update from disk");
  const r = await client.conn.sendRequest(SearchRequest.type, { query: "xylophone drifts over the harbour", topK: 20 });
  assert.ok(r.results.every((h) => !h.uri.endsWith("enormous.md")), JSON.stringify(r.results.map((h) => h.uri)));
  await client.conn.sendNotification("textDocument/didClose", { textDocument: { uri } });
});

test("closing a large buffer stops its update, and the index holds the file's copy on disk", async () => {
  const uri = pathToFileURL(join(ws, "lighthouse.md")).href;
  const updatesBefore = client.logs.filter((l) => /updating lighthouse\.md from the open editor/.test(l)).length;
  // 600 KB: within the limit, and hundreds of chunks to embed.
  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text: prose("saffron", 600_000) } });
  await waitFor(() => client.logs.filter((l) => /updating lighthouse\.md from the open editor/.test(l)).length > updatesBefore, 30_000, "the buffer's update to start");
  await client.conn.sendNotification("textDocument/didClose", { textDocument: { uri } });
  await waitFor(() => client.logs.some((l) => /stopped updating .*lighthouse\.md: a newer change/.test(l)), 60_000, "the buffer's update to stop");
  await waitFor(() => client.logs.some((l) => /updated lighthouse\.md/.test(l)), 60_000, "the update from disk");
  const saffron = await client.conn.sendRequest(SearchRequest.type, { query: "saffron drifts over the quiet harbour", topK: 20 });
  assert.ok(saffron.results.every((h) => !/saffron/i.test(h.text)), JSON.stringify(saffron.results.map((h) => h.uri)));
  const keeper = await client.conn.sendRequest(SearchRequest.type, { query: "lighthouse keeper spiral stairs", topK: 3 });
  assert.ok(keeper.results[0]?.uri.endsWith("lighthouse.md"), JSON.stringify(keeper.results.map((h) => h.uri)));
  assert.match(keeper.results[0].text, /lighthouse keeper/);
});

test("closing a large buffer of a file that is not on disk leaves nothing of it in the index", async () => {
  const uri = pathToFileURL(join(ws, "scratch.md")).href;
  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text: prose("marmalade", 400_000) } });
  await waitFor(() => client.logs.some((l) => /updating scratch\.md from the open editor/.test(l)), 30_000, "the buffer's update to start");
  await client.conn.sendNotification("textDocument/didClose", { textDocument: { uri } });
  await waitFor(() => client.logs.some((l) => /updating scratch\.md from disk/.test(l)), 60_000, "the update from disk to start");
  await waitFor(() => client.logs.some((l) => /updated scratch\.md: /.test(l)), 60_000, "the update from disk to end");
  assert.ok(client.logs.some((l) => /stopped updating .*scratch\.md/.test(l)), "the buffer's update was stopped, not finished");
  const r = await client.conn.sendRequest(SearchRequest.type, { query: "marmalade drifts over the quiet harbour", topK: 20 });
  assert.ok(r.results.every((h) => !h.uri.endsWith("scratch.md")), JSON.stringify(r.results.map((h) => h.uri)));
});

test("the CLI answers a search whose query is 100 KB, saying the query was cut", () => {
  const dir = join(work, "cli");
  cpSync(KB, dir, { recursive: true });
  const bin = join(ROOT, "bin", "semsearch");
  const indexed = spawnSync(bin, ["index", dir, "--model", "bundled"], { encoding: "utf8" });
  assert.equal(indexed.status, 0, indexed.stderr);
  const query = `Where is the Eiffel Tower? ${prose("tower", 100_000)}`.slice(0, 100_000);
  const searched = spawnSync(bin, ["search", query, "--dir", dir, "--model", "bundled", "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.equal(searched.status, 0, searched.stderr);
  const out = JSON.parse(searched.stdout);
  assert.ok(Array.isArray(out.results) && out.results.length > 0, searched.stdout.slice(0, 500));
  assert.equal(out.truncated?.totalChars, 100_000, JSON.stringify(out.truncated));
});
