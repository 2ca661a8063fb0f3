// The language server's log is one for all folders (the editor's output channel, serve's stderr):
// what a folder's engine says there starts with the folder, so that two folders' notes can be told
// apart. Here: the note that a folder's vector index file is gone and is rebuilt from the store.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { indexFileFor } from "../../server/src/engine/engine";
import { BUNDLED_MODEL_ID } from "../../server/src/embedding/bundled";
import { storageDirFor } from "../../server/src/lsp/storage";
import { startClient, waitFor } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const a = mkdtempSync(join(tmpdir(), "lsp-log-a-"));
const b = mkdtempSync(join(tmpdir(), "lsp-log-b-"));
const storage = mkdtempSync(join(tmpdir(), "lsp-log-store-"));
after(() => {
  for (const d of [a, b, storage]) rmSync(d, { recursive: true, force: true });
});

test("an engine's note in the shared log names its folder", async () => {
  cpSync(KB, a, { recursive: true });
  cpSync(KB, b, { recursive: true });
  const first = await startClient({ folders: [a, b], storagePath: storage });
  await first.waitForIdle();
  await first.stop();
  // Folder b's HNSW file goes missing: the next start rebuilds it from its stored vectors, and says so.
  rmSync(indexFileFor(join(storageDirFor(b, storage), "index.db"), BUNDLED_MODEL_ID));
  const second = await startClient({ folders: [a, b], storagePath: storage });
  try {
    const note = (l: string) => /HNSW index \w+; rebuilding it from 20 stored vectors/.test(l);
    await waitFor(() => second.logs.some(note), 60_000, "the rebuild note");
    const notes = second.logs.filter(note);
    assert.deepEqual(notes.map((l) => l.startsWith(`${b}: `)), [true], notes.join("\n"));
  } finally {
    await second.stop();
  }
});
