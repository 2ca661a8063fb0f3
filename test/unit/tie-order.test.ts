// Equal scores rank by place in the folder, so an index updated file by file ranks like one built
// from scratch (re-indexing a file gives its chunks new ids; id order would differ).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../server/src/engine/engine";
import { byScoreThenPlace, type Place } from "../../server/src/engine/tie-order";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test("ties go by path then line; other scores keep their order", () => {
  const places = new Map<number, Place>([
    [1, { path: "b.md", startLine: 1 }],
    [2, { path: "a.md", startLine: 9 }],
    [3, { path: "a.md", startLine: 2 }],
    [4, { path: "c.md", startLine: 1 }],
  ]);
  const list = [
    { id: 4, score: 0.9 },
    { id: 1, score: 0.5 },
    { id: 2, score: 0.5 },
    { id: 3, score: 0.5 },
  ];
  assert.deepEqual(byScoreThenPlace(list, () => places).map((s) => s.id), [4, 3, 2, 1]);
  const noTies = [{ id: 1, score: 0.3 }, { id: 2, score: 0.2 }];
  assert.equal(byScoreThenPlace(noTies, () => assert.fail("no ties: no lookup")), noTies);
});

test("an updated index ranks tied hits as a fresh index of the same files does", async () => {
  const make = () => {
    const dir = mkdtempSync(join(tmpdir(), "ties-"));
    dirs.push(dir);
    writeFileSync(join(dir, "a.md"), "# A\n\nThe eiffel tower is in paris.\n");
    writeFileSync(join(dir, "b.md"), "# B\n\nThe eiffel tower is in paris.\n");
    return dir;
  };
  const order = async (dir: string, edit?: () => void) => {
    const engine = await Engine.open({ root: dir, model: { model: "bundled" } });
    try {
      await engine.indexFolder();
      if (edit) {
        edit();
        await engine.indexFolder();
      }
      const out: Record<string, string[]> = {};
      for (const mode of ["lexical", "hybrid", "semantic"] as const) {
        const r = await engine.search({ query: "eiffel tower paris", topK: 4, mode });
        out[mode] = r.results.filter((h) => h.text.includes("eiffel")).map((h) => h.path);
      }
      return out;
    } finally {
      await engine.close();
    }
  };
  // a.md is re-indexed after b.md, so its chunk gets the larger id; a fresh index gives it the smaller.
  const updated = await order(make(), () => {});
  const dir = make();
  const edited = await order(dir, () => appendFileSync(join(dir, "a.md"), "\n# Later\n\nSomething else entirely about rivers.\n"));
  const fresh = make();
  appendFileSync(join(fresh, "a.md"), "\n# Later\n\nSomething else entirely about rivers.\n");
  const clean = await order(fresh);
  assert.deepEqual(edited, clean);
  assert.deepEqual(clean.lexical, ["a.md", "b.md"]);
  assert.deepEqual(updated.lexical, ["a.md", "b.md"]);
});
