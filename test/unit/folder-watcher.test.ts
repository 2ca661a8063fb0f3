// The server's own file watcher (for clients that cannot watch files): what it watches, and the
// events it reports.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { FileEvent } from "vscode-languageserver";
import { FolderWatcher } from "../../server/src/lsp/folder-watcher";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), "watcher-"));
  dirs.push(root);
  for (const d of ["src/lib", "node_modules/pkg", ".git/objects", "drafts", "generated/deep", "env", "build", "web/build", "lib/live/build"]) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, "web", "package.json"), "{}\n");
  writeFileSync(join(root, ".gitignore"), "generated/\n");
  writeFileSync(join(root, "env", "pyvenv.cfg"), "home = /usr/bin\n");
  writeFileSync(join(root, "src", "a.ts"), "export const a = 1;\n");
  return root;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("watches the folders discovery would walk, not the excluded, ignored or generated ones", async () => {
  const root = tree();
  const watcher = new FolderWatcher(root, { exclude: ["drafts/**"], onChanges: () => {} });
  try {
    await watcher.start();
    assert.deepEqual(watcher.watchedFolders.sort(), ["", "lib", "lib/live", "lib/live/build", "src", "src/lib", "web"]);
  } finally {
    watcher.close();
  }
});

test("reports created, changed and deleted files, and the files of a new folder, as file events", async () => {
  const root = tree();
  const events: FileEvent[] = [];
  const watcher = new FolderWatcher(root, { onChanges: (changes) => void events.push(...changes), debounceMs: 50 });
  const uri = (rel: string) => pathToFileURL(join(root, rel)).href;
  const has = (rel: string, type: number) => events.some((e) => e.uri === uri(rel) && e.type === type);
  try {
    await watcher.start();
    writeFileSync(join(root, "src", "lib", "b.ts"), "export const b = 2;\n");
    await until(() => has("src/lib/b.ts", 2), "b.ts");
    writeFileSync(join(root, "src", "a.ts"), "export const a = 3;\n");
    await until(() => has("src/a.ts", 2), "a.ts changed");
    rmSync(join(root, "src", "a.ts"));
    await until(() => has("src/a.ts", 3), "a.ts deleted");

    // A folder moved in whole: no event names its files, so the watcher lists them, then watches it.
    const outside = mkdtempSync(join(tmpdir(), "watcher-out-"));
    dirs.push(outside);
    mkdirSync(join(outside, "docs", "guide"), { recursive: true });
    writeFileSync(join(outside, "docs", "guide", "intro.md"), "# Intro\n");
    renameSync(join(outside, "docs"), join(root, "docs"));
    await until(() => has("docs/guide/intro.md", 1), "the moved folder's file");
    assert.ok(watcher.watchedFolders.includes("docs/guide"));
    writeFileSync(join(root, "docs", "guide", "next.md"), "# Next\n");
    await until(() => has("docs/guide/next.md", 2), "a file in the moved folder");

    rmSync(join(root, "docs"), { recursive: true });
    await until(() => has("docs", 3), "the folder's deletion");
    await until(() => !watcher.watchedFolders.some((d) => d.startsWith("docs")), "the folder to be unwatched");

    // Nothing from the folders it does not watch.
    writeFileSync(join(root, "node_modules", "pkg", "index.js"), "module.exports = 1;\n");
    writeFileSync(join(root, "generated", "deep", "out.ts"), "export {};\n");
    writeFileSync(join(root, "src", "lib", "c.ts"), "export const c = 4;\n");
    await until(() => has("src/lib/c.ts", 2), "c.ts");
    await watcher.settled();
    assert.ok(!events.some((e) => e.uri.includes("/node_modules/") || e.uri.includes("/generated/")), JSON.stringify(events));
  } finally {
    watcher.close();
  }
});

test("after close, nothing is reported", async () => {
  const root = tree();
  const events: FileEvent[] = [];
  const watcher = new FolderWatcher(root, { onChanges: (changes) => void events.push(...changes), debounceMs: 10 });
  await watcher.start();
  watcher.close();
  assert.deepEqual(watcher.watchedFolders, []);
  writeFileSync(join(root, "src", "late.ts"), "export {};\n");
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(events, []);
});
