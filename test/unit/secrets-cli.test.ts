// What the measurement in issue 15 found, as a user meets it: tokens in deploy.sh, settings.py and
// notes.md went into the index and came back in search results. After `semsearch index` (the built
// CLI) no search finds them and no row of the database holds them, secret files are skipped with a
// note, `--secret-pattern` adds a shape, and a bad pattern is a usage error, not a crash.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { fakeChars, fakePrivateKey, fakeTokens } from "../helpers/fake-secrets";

const CLI = join(__dirname, "..", "..", "bin", "semsearch");
const work = mkdtempSync(join(tmpdir(), "secrets-cli-"));
const ws = join(work, "ws");
after(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(CLI, args, { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tokens = fakeTokens(7);
const tok = (name: string) => tokens.find((t) => t.name === name)!.token;
const password = "Tr0ub4dor" + fakeChars(8, 11);
const employeeId = "EMP-" + fakeChars(9, 12, "0123456789");
const key = fakePrivateKey("OPENSSH", 5, 7);
/** Every secret the workspace holds, each of which must be nowhere in the index. */
const secrets = [...tokens.map((t) => t.token), password, ...key.split("\n").slice(1, -1)];

function write(path: string, text: string) {
  mkdirSync(dirname(join(ws, path)), { recursive: true });
  writeFileSync(join(ws, path), text);
}

before(() => {
  write(
    "deploy.sh",
    [
      "#!/bin/sh",
      "# Deploys the release bundle to the staging cluster.",
      `export AWS_ACCESS_KEY_ID=${tok("aws-access-key-id")}`,
      `export GITHUB_TOKEN=${tok("github-token")}`,
      `export DB_PASSWORD=${password}`,
      `curl -H "Authorization: Bearer ${tok("jwt")}" https://deploy.example.com/release`,
      `npm config set //registry.npmjs.org/:_authToken ${tok("npm-token")}`,
      "",
    ].join("\n"),
  );
  write(
    "settings.py",
    [
      '"""Settings of the billing service."""',
      `STRIPE_KEY = "${tok("stripe-key")}"`,
      `SLACK_WEBHOOK_TOKEN = "${tok("slack-token")}"`,
      `OPENAI_API_KEY = "${tok("openai-key")}"`,
      `ANTHROPIC_API_KEY = "${tok("anthropic-key")}"`,
      `GOOGLE_MAPS_KEY = "${tok("google-api-key")}"`,
      `GITLAB = {"token": "${tok("gitlab-token")}"}`,
      "",
      "def billing_currency():",
      '    return "EUR"',
      "",
    ].join("\n"),
  );
  write(
    "notes.md",
    ["# Deploy notes", "", "The staging cluster is deployed from deploy.sh.", "", "The old key, kept here by mistake:", "", key, "", `Badge ${employeeId} opens the server room.`, ""].join("\n"),
  );
  write(".env", `API_TOKEN=${tok("github-token")}\n`);
  write("id_rsa", key + "\n");
  write(".aws/credentials", `[default]\naws_access_key_id = ${tok("aws-access-key-id")}\n`);
  write(".aws/notes.md", `# AWS\n\nThe key is ${tok("aws-access-key-id")}.\n`);
});

/** Every chunk text and metadata in the database. */
function storedRows(): { path: string; text: string; metadata: string }[] {
  const db = new Database(join(ws, ".semsearch", "index.db"), { readonly: true });
  try {
    return db.prepare("SELECT path, text, metadata FROM chunks").all() as { path: string; text: string; metadata: string }[];
  } finally {
    db.close();
  }
}

test("semsearch index: secret files are skipped with a note, and no token reaches search results or the database", () => {
  const r = run("index", ws, "--model", "bundled", "--secret-pattern", "EMP-[0-9]{9}");
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /skipped \.env: may hold secrets \(name matches \.env\*\)/);
  assert.match(r.err, /skipped id_rsa: may hold secrets \(name matches id_rsa\*\)/);
  assert.match(r.err, /skipped \.aws: may hold secrets \(under \.aws\/\)/);
  assert.match(r.out, /^Indexed 3 files, \d+ chunks .*3 skipped/);

  for (const secret of [...secrets, employeeId]) {
    const s = run("search", secret, "--dir", ws, "--model", "bundled", "--mode", "lexical", "--k", "20", "--json");
    assert.equal(s.code, 0, s.err);
    const hits = JSON.parse(s.out).results as { text: string; metadata: unknown }[];
    for (const hit of hits) assert.ok(!hit.text.includes(secret) && !JSON.stringify(hit.metadata).includes(secret), `found ${secret.slice(0, 8)}... in ${hit.text}`);
  }

  const rows = storedRows();
  assert.deepEqual([...new Set(rows.map((row) => row.path))].sort(), ["deploy.sh", "notes.md", "settings.py"]);
  for (const row of rows) for (const secret of [...secrets, employeeId]) assert.ok(!row.text.includes(secret) && !row.metadata.includes(secret), `${row.path} holds ${secret.slice(0, 8)}...`);
  const all = rows.map((row) => row.text).join("\n");
  for (const name of ["aws-access-key-id", "github-token", "secret-assignment", "jwt", "npm-token", "stripe-key", "slack-token", "openai-key", "anthropic-key", "google-api-key", "gitlab-token", "private-key", "custom"]) {
    assert.ok(all.includes(`[redacted: ${name}]`), `no ${name} marker in\n${all}`);
  }

  // The code around the secrets is still found: names of the settings, the prose of the notes.
  const byName = run("search", "DB_PASSWORD", "--dir", ws, "--model", "bundled", "--mode", "lexical", "--json");
  assert.equal(JSON.parse(byName.out).results[0]?.path, "deploy.sh", byName.out);
  const notes = JSON.parse(run("search", "server room badge", "--dir", ws, "--model", "bundled", "--mode", "lexical", "--json").out);
  const badge = notes.results.find((h: { path: string }) => h.path === "notes.md");
  assert.ok(badge, JSON.stringify(notes));
  // Line numbers are the file's: the badge line comes after the 7-line key block.
  assert.equal(badge.endLine, 15, JSON.stringify(badge));
});

test("an extra pattern is remembered by the index: a later run without it still redacts; only --rebuild forgets it", () => {
  const again = run("index", ws, "--model", "bundled");
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /\(0 embedded, 0 removed/, "nothing was re-chunked");
  assert.ok(storedRows().every((row) => !row.text.includes(employeeId)));
  writeFileSync(join(ws, "notes.md"), `# Badges\n\nBadge ${employeeId} is the new one.\n`);
  assert.equal(run("index", ws, "--model", "bundled").code, 0);
  assert.ok(storedRows().some((row) => row.path === "notes.md" && row.text.includes("Badge [redacted: custom] is the new one.")));

  const rebuilt = run("index", ws, "--model", "bundled", "--rebuild");
  assert.equal(rebuilt.code, 0, rebuilt.err);
  assert.ok(storedRows().some((row) => row.text.includes(employeeId)), "a rebuild starts from the patterns given");
  assert.ok(storedRows().every((row) => secrets.every((s) => !row.text.includes(s))), "the built-in shapes are always redacted");
});

test("an invalid --secret-pattern is a usage error that names the pattern, and nothing is indexed", () => {
  const fresh = join(work, "fresh.db");
  const r = run("index", ws, "--model", "bundled", "--db", fresh, "--secret-pattern", "ok-[0-9]+", "--secret-pattern", "key=([a-z");
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /--secret-pattern: "key=\(\[a-z" is not a valid regular expression \(.+\); fix or remove it\./);
  assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
  const empty = run("index", ws, "--model", "bundled", "--db", fresh, "--secret-pattern", "(x)?");
  assert.equal(empty.code, 2, empty.err);
  assert.match(empty.err, /matches the empty string/);
  assert.ok(!existsSync(fresh), "no database was made");
});
