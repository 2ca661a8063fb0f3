// The results of the "Semantic Search" quick pick as a user reads them, once they stop changing.
import { quickPickRows, type Page } from "./harness";

export interface QuickHit {
  score: number;
  path: string;
  startLine: number;
  /** The heading or symbol after " · ", if any. */
  where: string;
  preview: string;
}

/**
 * Waits (after the 250 ms the quick pick waits past the last keystroke) until the open quick pick
 * shows results that stay the same between two looks, and returns them; fails on a problem row
 * (server not running, an error) or when none come within `timeout`.
 */
export async function stableQuickHits(p: Page, query: string, timeout = 30_000): Promise<QuickHit[]> {
  await p.waitForTimeout(400);
  const deadline = Date.now() + timeout;
  let previous = "";
  for (;;) {
    const rows = await quickPickRows(p);
    const problem = rows.find((r) => /could not|not running|error|failed/i.test(r.text) && !/%/.test(r.name));
    if (problem) throw new Error(`the quick pick shows a problem for "${query}": ${problem.text}`);
    const hits = rows.filter((r) => /^\d+(\.\d+)?%$/.test(r.name));
    const signature = JSON.stringify(rows.map((r) => r.text));
    if (hits.length && signature === previous) {
      return hits.map((r) => {
        const m = /^(.+?):(\d+)(?:–\d+)?(?: · (.*))?$/.exec(r.description);
        if (!m) throw new Error(`unexpected result description ${JSON.stringify(r.description)}`);
        return { score: Number.parseFloat(r.name), path: m[1], startLine: Number(m[2]), where: m[3] ?? "", preview: r.detail };
      });
    }
    if (Date.now() > deadline) throw new Error(`no stable results for "${query}" within ${timeout} ms; rows: ${JSON.stringify(rows.map((r) => r.text))}`);
    previous = signature;
    await p.waitForTimeout(500);
  }
}
