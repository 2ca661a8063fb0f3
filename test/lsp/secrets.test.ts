// The language server's paths into the index keep secrets out too: an open buffer holding tokens is
// indexed with them redacted (search and hover never show one), a buffer of a secret file is refused
// with a log line, `semanticSearch.secrets.extraPatterns` adds a shape per folder, and an invalid
// pattern stops only its folder, with the reason in the log and the status, never the server.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { SearchRequest } from "../../shared/src/protocol";
import { fakeChars, fakeTokens } from "../helpers/fake-secrets";
import { startClient, waitFor, type Client } from "./lsp-client";

let work: string;
let ws: string;
let bad: string;
let client: Client;
const uri = (path: string) => pathToFileURL(join(ws, path)).href;

const tokens = fakeTokens(5);
const gh = tokens.find((t) => t.name === "github-token")!.token;
const aws = tokens.find((t) => t.name === "aws-access-key-id")!.token;
const badge = "EMP-" + fakeChars(9, 21, "0123456789");
const NOTES = "# Release\n\nThe release of the staging cluster is deployed with a token kept in the vault.\n";
// Tokens early in the paragraph, so that a hover preview (its first 100 characters) would show them.
const BUFFER = `# Release token\n\nToken ${gh} and key ${aws} deploy the release of the staging cluster; badge ${badge} opens the vault.\n`;

/** Hover and result text as a person reads it: markdown escapes removed. */
const plain = (s: string) => s.replace(/\\(.)/g, "$1");

before(async () => {
  work = mkdtempSync(join(tmpdir(), "lsp-secrets-"));
  ws = join(work, "ws");
  bad = join(work, "bad");
  mkdirSync(ws, { recursive: true });
  mkdirSync(bad, { recursive: true });
  writeFileSync(join(ws, "notes.md"), NOTES);
  writeFileSync(join(bad, "notes.md"), NOTES);
  client = await startClient({
    folders: [ws, bad],
    storagePath: join(work, "storage"),
    // Thresholds of its own: with the bundled model's calibrated bands (search/bands.ts) the hover would
    // show nothing for two paragraphs this loosely alike, and it must show the redacted one.
    settings: { trace: { server: "verbose" }, thresholds: { strong: 0.9, possible: 0.3 } },
    folderSettings: { [ws]: { secrets: { extraPatterns: ["EMP-[0-9]{9}"] } }, [bad]: { secrets: { extraPatterns: ["EMP-([0-9"] } } },
  });
});

after(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("an invalid extra pattern stops its folder with the reason in the log and the status; the server goes on", async () => {
  const reason = /semanticSearch\.secrets\.extraPatterns: "EMP-\(\[0-9" is not a valid regular expression \(.+\); fix or remove it\./;
  await waitFor(() => client.logs.some((l) => l.includes(bad) && reason.test(l)), 30_000, "the bad pattern to be logged");
  const status = (await client.conn.sendRequest("semanticSearch/status")) as { state: string; message?: string };
  assert.equal(status.state, "error");
  assert.match(status.message ?? "", reason);
  // The other folder was indexed, and the server still answers.
  const r = await client.conn.sendRequest(SearchRequest.type, { query: "staging cluster release", topK: 5, mode: "lexical" });
  assert.ok(r.results.some((h) => h.uri === uri("notes.md")), JSON.stringify(r.results.map((h) => h.uri)));
  assert.equal(client.proc.exitCode, null);
});

test("an open buffer with tokens is indexed redacted: no search or hover shows a token", async () => {
  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: uri("release-token.md"), languageId: "markdown", version: 1, text: BUFFER } });
  const found = () => client.conn.sendRequest(SearchRequest.type, { query: "badge opens the vault", topK: 10, mode: "lexical" });
  await waitFor(async () => (await found()).results.some((h) => h.uri === uri("release-token.md")), 30_000, "the buffer to be indexed");
  const hit = (await found()).results.find((h) => h.uri === uri("release-token.md"))!;
  assert.equal(hit.text.split("\n").length, 3, "the chunk keeps its lines");
  assert.match(hit.text, /Token \[redacted: github-token\] and key \[redacted: aws-access-key-id\] deploy .* badge \[redacted: custom\] opens/);

  for (const secret of [gh, aws, badge]) {
    for (const mode of ["lexical", "hybrid", "semantic"] as const) {
      const r = await client.conn.sendRequest(SearchRequest.type, { query: secret, topK: 20, mode });
      for (const h of r.results) assert.ok(!h.text.includes(secret) && !JSON.stringify(h.metadata).includes(secret), `${mode}: ${h.text}`);
    }
  }

  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: uri("notes.md"), languageId: "markdown", version: 1, text: NOTES } });
  const hover: any = await client.conn.sendRequest("textDocument/hover", { textDocument: { uri: uri("notes.md") }, position: { line: 2, character: 5 } });
  assert.ok(hover, "a hover on the notes paragraph");
  const shown = plain(hover.contents.value);
  assert.match(shown, /release-token\.md:1/, shown);
  assert.match(shown, /\[redacted: github-token\]/, shown);
  for (const secret of [gh, aws, badge]) assert.ok(!shown.includes(secret), shown);
});

test("an unsaved edit that adds a token is redacted too; a buffer of a secret file is refused with a log line", async () => {
  const npm = tokens.find((t) => t.name === "npm-token")!.token;
  await client.conn.sendNotification("textDocument/didChange", {
    textDocument: { uri: uri("release-token.md"), version: 2 },
    contentChanges: [{ text: `${BUFFER}\nThe publish step uses ${npm} from the registry settings.\n` }],
  });
  const query = () => client.conn.sendRequest(SearchRequest.type, { query: "publish step registry settings", topK: 10, mode: "lexical" });
  await waitFor(async () => (await query()).results.some((h) => h.uri === uri("release-token.md") && h.text.includes("publish step")), 30_000, "the edit to be indexed");
  for (const h of (await query()).results) assert.ok(!h.text.includes(npm), h.text);
  assert.ok((await query()).results.some((h) => h.text.includes("[redacted: npm-token]")));

  await client.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: uri(".env.md"), languageId: "markdown", version: 1, text: `# Env\n\nThe vault password is in here: ${gh}\n` } });
  await waitFor(() => client.logs.some((l) => /\.env\.md: not indexed: may hold secrets \(name matches \.env\*\)/.test(l)), 30_000, "the refusal to be logged");
  const r = await client.conn.sendRequest(SearchRequest.type, { query: "vault password", topK: 20, mode: "lexical" });
  assert.ok(r.results.every((h) => !h.uri.endsWith(".env.md")), JSON.stringify(r.results.map((h) => h.uri)));
});
