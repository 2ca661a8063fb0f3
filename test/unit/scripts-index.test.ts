// Scripts whose name says no language (`bin/deploy`, a git hook, a sourced `borg.helper`) are
// indexed by the language their `#!` line or an editor's mode line names, in a full pass and when a
// file or buffer arrives on its own; a file whose first lines stop naming a language leaves the index.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLED_MODEL_ID } from "../../server/src/embedding/bundled";
import { Engine } from "../../server/src/engine/engine";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test("a script's #! line gives it a language: indexed in a pass, updated from a buffer, removed when the line goes", async () => {
  const root = mkdtempSync(join(tmpdir(), "scripts-index-"));
  dirs.push(root);
  mkdirSync(join(root, "bin"));
  writeFileSync(join(root, "bin", "deploy"), "#!/usr/bin/env bash\n# Copy the built site to the web server.\nrsync -a dist/ web:/srv/site\n");
  writeFileSync(join(root, "Makefile"), "all:\n\tcc -o tool tool.c\n");
  const engine = await Engine.open({ root, model: { model: "bundled" } });
  try {
    const model = engine.store.findModel(BUNDLED_MODEL_ID)!.id;
    const languagesOf = (path: string) => engine.store.db.prepare("SELECT metadata FROM chunks WHERE model = ? AND path = ?").pluck().all(model, path).map((m) => JSON.parse(m as string).language);
    assert.equal((await engine.indexFolder()).files, 1, "the script, not the Makefile");
    assert.deepEqual([...new Set(languagesOf("bin/deploy"))], ["shellscript"]);
    const hits = await engine.search({ query: "copy the built site to the web server", topK: 3, mode: "lexical" });
    assert.equal(hits.results[0]?.path, "bin/deploy");

    // A new script from an open editor, before it is saved.
    const added = await engine.updateFile("bin/migrate", "#!/usr/bin/env python3\ndef migrate(db):\n    db.upgrade()\n");
    assert.ok(added.chunks > 0, JSON.stringify(added));
    assert.deepEqual([...new Set(languagesOf("bin/migrate"))], ["python"]);

    // A sourced handler with an extension we do not index, and only Emacs's and Vim's mode lines.
    const helper = await engine.updateFile("share/borg.helper", "# -*- mode: sh; sh-basic-offset: 3; -*-\n# vim: set filetype=sh:\nborg_wizard() {\n  echo wizard\n}\n");
    assert.ok(helper.chunks > 0, JSON.stringify(helper));
    assert.deepEqual([...new Set(languagesOf("share/borg.helper"))], ["shellscript"]);
    assert.deepEqual(await engine.updateFile("img/logo.png", "#!/bin/sh\n"), { chunks: 0, skipped: "not a file type that is indexed" }, "an image is never read as a script");
    // A log that changes on disk is read only as far as its first lines, which name no language: not
    // read whole (it would be refused as too large), and not reported as a file we index.
    mkdirSync(join(root, "logs"));
    writeFileSync(join(root, "logs", "app.log"), "GET /health 200\n".repeat(150_000));
    assert.deepEqual(await engine.updateFile("logs/app.log"), { chunks: 0, skipped: "not a file type that is indexed" });

    // Its first line no longer names a language: the file leaves the index.
    assert.deepEqual(await engine.updateFile("bin/deploy", "rsync -a dist/ web:/srv/site\n"), { chunks: 0, skipped: "not a file type that is indexed" });
    assert.deepEqual(languagesOf("bin/deploy"), []);
    assert.deepEqual(await engine.updateFile("Makefile"), { chunks: 0, skipped: "not a file type that is indexed" });
  } finally {
    await engine.close();
  }
});
