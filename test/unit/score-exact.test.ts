// A hit's score is its cosine from the stored vector, whichever way the search reached it: through
// the HNSW graph (float32 distances) or an exact scan. Two indexes of the same files then show the
// same numbers, not ones that differ in the 7th decimal with the graph's path.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../server/src/engine/engine";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const root = mkdtempSync(join(tmpdir(), "score-exact-"));
cpSync(KB, root, { recursive: true });
after(() => rmSync(root, { recursive: true, force: true }));

test("hybrid scores are the same through the graph as through an exact scan", async () => {
  const scoresWith = async (exactSearchLimit: number) => {
    const engine = await Engine.open({ root, model: { model: "bundled" }, exactSearchLimit });
    try {
      await engine.indexFolder();
      const r = await engine.search({ query: "Which landmark in Paris was built for a world's fair?", topK: 10, mode: "hybrid" });
      return new Map(r.results.map((h) => [`${h.path}:${h.startLine}`, h.score]));
    } finally {
      await engine.close();
    }
  };
  const viaGraph = await scoresWith(0);
  const exact = await scoresWith(1_000_000);
  assert.ok(viaGraph.size >= 5);
  for (const [where, score] of viaGraph) if (exact.has(where)) assert.equal(score, exact.get(where), where);
});
