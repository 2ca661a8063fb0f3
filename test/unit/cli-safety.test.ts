// The CLI with a hostile workspace: text with terminal escapes is printed harmless (and exact in
// --json), links out of the folder are not indexed, and the index folder is never committed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forTerminal } from "../../server/src/cli/terminal-text";

const CLI = join(__dirname, "..", "..", "bin", "semsearch");
const work = mkdtempSync(join(tmpdir(), "cli-safety-"));
const ws = join(work, "ws");
const OSC52 = "\u001b]52;c;ZWNobyBwd25lZA==\u0007";
const run = (...args: string[]) => spawnSync(CLI, args, { encoding: "utf8" });

before(() => {
  mkdirSync(ws);
  writeFileSync(join(ws, "note.md"), `# Clipboard\n\nA note about lighthouses ${OSC52} and \u001b[31mred\u001b[0m harbour lights.\n`);
  writeFileSync(join(work, "outside.md"), "# Outside\n\nLighthouse keepers' private diary, kept outside the folder.\n");
  symlinkSync(join(work, "outside.md"), join(ws, "linked.md"));
  const r = run("index", ws, "--model", "bundled");
  assert.equal(r.status, 0, r.stderr);
});
after(() => rmSync(work, { recursive: true, force: true }));

test("human-readable search shows control characters as escapes; --json keeps the text exact", () => {
  const human = run("search", "lighthouses harbour lights", "--dir", ws, "--model", "bundled", "--k", "3");
  assert.equal(human.status, 0, human.stderr);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(human.stdout), "no raw control character reaches the terminal");
  assert.match(human.stdout, /\\x1b\]52;c;ZWNobyBwd25lZA==\\x07/);
  const json = JSON.parse(run("search", "lighthouses harbour lights", "--dir", ws, "--model", "bundled", "--k", "3", "--json").stdout);
  assert.ok(json.results.some((r: { text: string }) => r.text.includes(OSC52)));
});

test("forTerminal escapes C0 and C1 controls and newlines, and leaves tabs and text alone", () => {
  assert.equal(forTerminal("a\u001b[2Jb"), "a\\x1b[2Jb");
  assert.equal(forTerminal("file\nname.md"), "file\\nname.md");
  assert.equal(forTerminal("x\u009by"), "x\\x9by");
  assert.equal(forTerminal("tab\there é 東京"), "tab\there é 東京");
});

test("a link out of the folder is not indexed, and .semsearch/ carries a .gitignore of *", () => {
  const json = JSON.parse(run("search", "lighthouse keepers private diary", "--dir", ws, "--model", "bundled", "--k", "5", "--json").stdout);
  assert.ok(json.results.every((r: { path: string }) => r.path !== "linked.md"));
  assert.match(readFileSync(join(ws, ".semsearch", ".gitignore"), "utf8"), /^\*$/m);
});

test("--k past 1000 is a usage error that says the range, not a database error", () => {
  const r = run("search", "lighthouses", "--dir", ws, "--model", "bundled", "--k", "1e20");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--k takes a whole number from 1 to 1000; got 1e20/);
});

test("--filter __proto__=x filters on that key (nothing has it) instead of being silently ignored", () => {
  const all = JSON.parse(run("search", "lighthouses", "--dir", ws, "--model", "bundled", "--json").stdout);
  assert.ok(all.candidates > 0);
  for (const key of ["__proto__", "constructor", "toString"]) {
    const r = run("search", "lighthouses", "--dir", ws, "--model", "bundled", "--filter", `${key}=x`, "--json");
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.candidates, 0, key);
    assert.deepEqual(out.results, []);
  }
});
