// Files whose names say they hold credentials are never indexed, and each is reported: by the walk
// (the CLI and the language server's full index) and by the one check every single path passes
// (Indexer.updateFile: watched files, saves, open buffers).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { discover } from "../../server/src/discovery";
import { secretPathReason, SECRET_FILE_NAMES } from "../../server/src/discovery/secret-files";
import { Engine } from "../../server/src/engine/engine";
import { fakeTokens } from "../helpers/fake-secrets";

test("secret file names match at any depth and in any case; ordinary names do not", () => {
  const secret = [
    ".env", ".env.local", ".env.example", "app/.env.production", ".ENV", "server.pem", "tls/Server.PEM", "private.key", "id_rsa", "id_rsa.pub",
    "keys/id_ed25519", "id_ed25519.txt", "cert.p12", "cert.pfx", ".npmrc", "home/.netrc", "credentials.json", "credentials-prod.json",
    "release.keystore", ".ssh/config", ".ssh/notes.md", "home/me/.aws/credentials", ".AWS/config.md", ".env.md", "id_rsa.md",
  ];
  for (const path of secret) assert.match(secretPathReason(path) ?? "", /^may hold secrets \((name matches \S+|under \.(ssh|aws)\/)\)$/i, path);
  assert.equal(secretPathReason(".env.md"), "may hold secrets (name matches .env*)");
  assert.equal(secretPathReason("a/.aws/b/c.md"), "may hold secrets (under .aws/)");
  // Folders: the walk asks before going in.
  assert.equal(secretPathReason(".ssh", true), "may hold secrets (under .ssh/)");
  assert.equal(secretPathReason("docs", true), undefined);
  const ordinary = ["environment.md", "docs/env.md", "keys.md", "monkey.ts", "keyboard.key.md", "credentials.md", "notes/ssh.md", "aws/deploy.sh", "my.env/readme.md", "README.md"];
  for (const path of ordinary) assert.equal(secretPathReason(path), undefined, path);
  assert.equal(SECRET_FILE_NAMES.length, 11);
});

let work: string;
before(() => {
  work = mkdtempSync(join(tmpdir(), "secret-files-"));
  const files: Record<string, string> = {
    "notes.md": "# Notes\n\nOrdinary notes about the deploy.\n",
    ".env.md": "# Env\n\nDATABASE_URL and friends.\n",
    ".env": "API_KEY=not-here\n",
    "id_rsa.txt": "not really a key\n",
    "server.key": "not really a key\n",
    "creds/credentials.json": "{}\n",
    ".ssh/notes.md": "# SSH\n\nWhich host uses which key.\n",
    "home/.aws/config.md": "# AWS\n\nprofiles\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  }
});
after(() => rmSync(work, { recursive: true, force: true }));

test("the walk skips secret files and folders, with a note for each that says why", async () => {
  const found = await discover(work);
  assert.deepEqual(found.files.map((f) => f.relPath), ["notes.md"]);
  assert.deepEqual(found.skipped, [
    { relPath: ".env", reason: "may hold secrets (name matches .env*)" },
    { relPath: ".env.md", reason: "may hold secrets (name matches .env*)" },
    { relPath: ".ssh", reason: "may hold secrets (under .ssh/)" },
    { relPath: "creds/credentials.json", reason: "may hold secrets (name matches credentials*.json)" },
    { relPath: "home/.aws", reason: "may hold secrets (under .aws/)" },
    { relPath: "id_rsa.txt", reason: "may hold secrets (name matches id_rsa*)" },
    { relPath: "server.key", reason: "may hold secrets (name matches *.key)" },
  ]);
});

test("updateFile refuses a secret path however it arrives (from disk or a buffer), and secrets in chunks are redacted", async () => {
  const engine = await Engine.open({ root: work, dbPath: join(work, ".semsearch", "index.db"), model: { model: "bundled" } });
  try {
    for (const path of [".env.md", ".ssh/notes.md", "home/.aws/config.md"]) {
      assert.deepEqual(await engine.updateFile(path), { chunks: 0, skipped: `not indexed: ${secretPathReason(path)}` }, path);
      assert.deepEqual(await engine.updateFile(path, "# Buffer\n\nunsaved text of a secret file\n"), { chunks: 0, skipped: `not indexed: ${secretPathReason(path)}` }, path);
    }
    const tokens = fakeTokens(3);
    const buffer = `# Tokens\n\n${tokens.map((t) => `- ${t.token}`).join("\n")}\n`;
    const r = await engine.updateFile("notes.md", buffer);
    assert.ok(r.chunks > 0, JSON.stringify(r));
    const hits = await engine.search({ query: "tokens", topK: 20, mode: "lexical" });
    assert.ok(hits.results.length > 0);
    for (const hit of hits.results) for (const t of tokens) assert.ok(!hit.text.includes(t.token), `${t.name} in ${hit.text}`);
    const all = hits.results.map((h) => h.text).join("\n");
    assert.match(all, /\[redacted: github-token\]/);
    assert.deepEqual((await engine.search({ query: "notes", topK: 20, mode: "lexical" })).results.map((h) => h.path).filter((p) => p !== "notes.md"), []);
  } finally {
    await engine.close();
  }
  // What SQLite itself holds: no token in any chunk's text or metadata, the redaction markers instead.
  const db = new Database(join(work, ".semsearch", "index.db"), { readonly: true });
  try {
    const rows = db.prepare("SELECT path, text, metadata FROM chunks").all() as { path: string; text: string; metadata: string }[];
    assert.deepEqual([...new Set(rows.map((r) => r.path))], ["notes.md"]);
    for (const row of rows) for (const t of fakeTokens(3)) assert.ok(!row.text.includes(t.token) && !row.metadata.includes(t.token), t.name);
  } finally {
    db.close();
  }
});
