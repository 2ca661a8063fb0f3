// The redactor: every built-in secret shape becomes a `[redacted: <name>]` marker, line counts and
// the code around a secret stay as they were, ordinary code is left alone, and user patterns are
// added (or refused with the reason). All tokens are fakes made at run time (test/helpers).
import { test } from "node:test";
import assert from "node:assert/strict";
import { chunkFile } from "../../server/src/chunking";
import { compileSecretPatterns, DEFAULT_SECRET_PATTERNS, InvalidSecretPattern, redactSecrets } from "../../server/src/secrets";
import { fakeChars, fakePrivateKey, fakeTokens } from "../helpers/fake-secrets";

const lines = (s: string) => s.split("\n").length;

test("every built-in token shape is redacted, in code, in prose and in quotes, with the right name", () => {
  const tokens = fakeTokens();
  for (const { name, token } of tokens) {
    for (const [before, after] of [["const key = \"", "\";"], ["Use ", " for the deploy."], ["token: ", ""], ["(", ")"]]) {
      const text = `line one\n${before}${token}${after}\nline three`;
      const r = redactSecrets(text);
      assert.ok(!r.text.includes(token), `${name} survived in ${JSON.stringify(r.text)}`);
      assert.equal(r.text, `line one\n${before}[redacted: ${name}]${after}\nline three`, name);
      assert.deepEqual(r.found, [name]);
    }
  }
  // Every built-in pattern has a fake above (the assignment ones and the key block are tested below).
  const covered = new Set([...tokens.map((t) => t.name), "secret-assignment", "private-key"]);
  for (const p of DEFAULT_SECRET_PATTERNS) assert.ok(covered.has(p.name), `no test token for ${p.name}`);
});

test("a private key block becomes one marker and blank lines: the line count and the lines after it stay", () => {
  for (const kind of ["RSA", "EC", "OPENSSH", "ENCRYPTED", ""]) {
    const key = fakePrivateKey(kind, 6);
    const text = `# notes\nkey:\n${key}\nafter the key\n`;
    const r = redactSecrets(text);
    assert.equal(lines(r.text), lines(text), kind);
    assert.ok(!r.text.includes("PRIVATE KEY") && !r.text.includes(key.split("\n")[1]), r.text);
    assert.equal(r.text, `# notes\nkey:\n[redacted: private-key]${"\n".repeat(7)}\nafter the key\n`);
  }
  // CRLF files keep their CRLFs; a block with no END line (a truncated file) runs to the end.
  const crlf = `a\r\n${fakePrivateKey("RSA", 3).replace(/\n/g, "\r\n")}\r\nb`;
  assert.equal(redactSecrets(crlf).text, `a\r\n[redacted: private-key]${"\r\n".repeat(4)}\r\nb`);
  const cut = `a\n${fakePrivateKey("RSA", 3).split("\n").slice(0, 3).join("\n")}`;
  assert.equal(redactSecrets(cut).text, `a\n[redacted: private-key]\n\n`);
});

test("secret assignments lose their value and keep their name, quoted or in .env style", () => {
  const value = "hunter" + "2" + fakeChars(10, 5);
  const cases: Array<[string, string]> = [
    [`password = "${value}"`, `password = "[redacted: secret-assignment]"`],
    [`DB_PASSWORD='${value}'`, `DB_PASSWORD='[redacted: secret-assignment]'`],
    [`  "api_key": "${value}",`, `  "api_key": "[redacted: secret-assignment]",`],
    [`apiKey: '${value}'`, `apiKey: '[redacted: secret-assignment]'`],
    [`client_secret := "${value}"`, `client_secret := "[redacted: secret-assignment]"`],
    [`:auth_token => "${value}"`, `:auth_token => "[redacted: secret-assignment]"`],
    [`export GITHUB_TOKEN=${value}`, `export GITHUB_TOKEN=[redacted: secret-assignment]`],
    [`AWS_SECRET_ACCESS_KEY=${value} ./deploy`, `AWS_SECRET_ACCESS_KEY=[redacted: secret-assignment] ./deploy`],
  ];
  for (const [input, want] of cases) assert.equal(redactSecrets(input).text, want, input);
});

test("ordinary code is left alone: short values, words, variables, URLs, comparisons, lookalike names", () => {
  const keep = [
    `password_field = "password_confirmation"`,
    `token = get_token(request)`,
    `if password == "abc123def456gh": pass`,
    `const TOKEN_URL = "https://example.com/oauth2/token"`,
    `TOKEN_URL=https://example.com/oauth2/token`,
    `export API_TOKEN=$(cat /run/secrets/api1234567890)`,
    `export API_TOKEN="$API_TOKEN_FROM_VAULT_2"`,
    `password = "short1"`,
    `npm install sk-learn-wrapper-for-everyone`,
    `see AKIA in the docs; ghp_ is the prefix of personal tokens`,
    `const eyJ = 1; skeleton-key-generator-component`,
  ];
  for (const text of keep) assert.deepEqual(redactSecrets(text), { text, found: [] }, text);
});

test("chunks never hold a secret, and keep the file's line numbers after a redacted key block", () => {
  const [gh] = fakeTokens().filter((t) => t.name === "github-token");
  const text = ["---", `title: Deploy`, `token: ${gh.token}`, "---", "# Deploy", "", fakePrivateKey("RSA", 10), "", "## After", "", "The rest of the notes."].join("\n");
  const chunks = chunkFile("notes.md", text, "markdown", "markdown", { maxChars: 120 });
  for (const c of chunks) {
    assert.ok(!c.text.includes(gh.token) && !c.text.includes("PRIVATE KEY"), c.text);
    assert.ok(!JSON.stringify(c.metadata).includes(gh.token), JSON.stringify(c.metadata));
  }
  const after = chunks.find((c) => c.text.includes("The rest of the notes."));
  assert.ok(after, JSON.stringify(chunks));
  assert.equal(after.endLine, 22, "the last line is still line 22");
  assert.equal(text.split("\n")[after.startLine - 1], after.text.split("\n")[0]);
});

test("extra patterns are redacted as custom, a (?<secret>) group alone; a bad one is refused with the reason", () => {
  const id = "ACME-" + fakeChars(12, 9, "0123456789");
  const extra = compileSecretPatterns(["ACME-[0-9]{12}", "(?:employee id|badge) (?<secret>[0-9]{6})"]);
  const r = redactSecrets(`call ${id} now\nbadge 123456 here`, extra);
  assert.equal(r.text, "call [redacted: custom] now\nbadge [redacted: custom] here");
  assert.equal(redactSecrets(`call ${id} now`).text, `call ${id} now`, "not a built-in shape");

  assert.throws(() => compileSecretPatterns(["ok", "(["], "--secret-pattern"), (err: Error) => {
    assert.ok(err instanceof InvalidSecretPattern);
    assert.match(err.message, /^--secret-pattern: "\(\[" is not a valid regular expression \(.+\); fix or remove it\.$/);
    return true;
  });
  assert.throws(() => compileSecretPatterns(["x*"]), /"x\*" matches the empty string/);
  // A pattern that can match emptily somewhere (a lookahead) marks nothing there.
  assert.equal(redactSecrets("abc", compileSecretPatterns(["(?=b)"])).text, "abc");
});

test("overlapping matches become one marker, so no part of either survives", () => {
  const [gh] = fakeTokens().filter((t) => t.name === "github-token");
  const extra = compileSecretPatterns([gh.token.slice(10, 30) + "[A-Za-z0-9]+ and more"]);
  const r = redactSecrets(`x ${gh.token} and more y`, extra);
  assert.equal(r.text, "x [redacted: github-token] y");
});
