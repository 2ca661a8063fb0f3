// How the indexer hands texts to the model: shortest first, a few at a time. A call is padded to
// its longest text, so texts of similar length together waste the least work (bench/throughput.ts:
// 1.3x the chunks/s of corpus order for a MiniLM-shaped model), and small calls keep a search from
// waiting long behind indexing in the shared embedding worker.

/** Texts per embedding call while indexing; bench/lsp-bench.ts measured 32 a call holding searches for seconds. */
export const EMBED_CALL_SIZE = 4;

/** Embeds `texts` shortest first in calls of `callSize`; the vectors come back in the input order. */
export async function embedSortedByLength(
  texts: readonly string[],
  embed: (texts: string[]) => Promise<Float32Array[]>,
  callSize = EMBED_CALL_SIZE,
): Promise<Float32Array[]> {
  const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length || a - b);
  const vectors = new Array<Float32Array>(texts.length);
  for (let start = 0; start < order.length; start += callSize) {
    const ids = order.slice(start, start + callSize);
    const got = await embed(ids.map((i) => texts[i]));
    if (got.length !== ids.length) throw new Error(`the model returned ${got.length} vectors for ${ids.length} texts`);
    ids.forEach((id, k) => (vectors[id] = got[k]));
  }
  return vectors;
}
