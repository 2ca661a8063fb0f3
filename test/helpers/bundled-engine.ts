// A folder of small files written to a temp directory and indexed by an Engine on the bundled offline
// model: the set-up of the engine-level ranking tests (hybrid-engine, ranking-engine).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../server/src/engine/engine";

export interface IndexedFolder {
  root: string;
  engine: Engine;
  /** Closes the engine and removes the folder. */
  close(): Promise<void>;
}

/** Writes `files` (relative path -> text) under a new temp folder and indexes it with the bundled model. */
export async function indexedBundledFolder(prefix: string, files: Record<string, string>): Promise<IndexedFolder> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const engine = await Engine.open({ root, model: { model: "bundled" } });
  await engine.indexFolder();
  return {
    root,
    engine,
    close: async () => {
      await engine.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
