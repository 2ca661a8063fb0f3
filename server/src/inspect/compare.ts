// The seed's Parts 2 and 3: an anchor sentence against others by cosine similarity, and two
// sentences side by side, dimension by dimension.
import type { CompareResult } from "../../../shared/src/protocol";
import { cosine } from "../../../shared/src/vector-math";

export { cosine };

/**
 * `embed` gets the anchor first, then the texts, and must return the embeddings the search uses.
 * `values` bounds the side-by-side rows (default 20).
 */
export async function compareTexts(
  model: string,
  embed: (texts: string[]) => Promise<Float32Array[]>,
  anchor: string,
  texts: string[],
  values = 20,
): Promise<CompareResult> {
  if (!texts.length) throw new Error("compare needs at least one text besides the anchor");
  const [a, ...others] = await embed([anchor, ...texts]);
  const b = others[0];
  const rows = [];
  for (let i = 0; i < Math.min(values, a.length); i++) rows.push({ index: i, a: a[i], b: b[i], difference: Math.abs(a[i] - b[i]) });
  return {
    model,
    dimensions: a.length,
    anchor,
    results: texts.map((text, i) => ({ text, score: cosine(a, others[i]) })),
    sideBySide: { a: anchor, b: texts[0], score: cosine(a, b), rows },
  };
}
