import type { EmbedResult } from "../../../shared/src/types";
import { vectorStats } from "../../../shared/src/vector-math";

// Shared with the client; re-exported so the engine's modules find all vector arithmetic here.
export { cosine, vectorStats } from "../../../shared/src/vector-math";

/** Keeps the k best by score, highest first. */
export function topK<T extends { score: number }>(items: Iterable<T>, k: number): T[] {
  const best: T[] = [];
  for (const item of items) {
    if (best.length < k) {
      best.push(item);
      if (best.length === k) best.sort((x, y) => y.score - x.score);
    } else if (item.score > best[k - 1].score) {
      best[k - 1] = item;
      for (let i = k - 1; i > 0 && best[i].score > best[i - 1].score; i--) [best[i], best[i - 1]] = [best[i - 1], best[i]];
    }
  }
  return best.sort((x, y) => y.score - x.score);
}

/** The seed's "peek" at one vector: its numbers and their summary. */
export function describeVector(model: string, vector: Float32Array): EmbedResult {
  const values = Array.from(vector);
  return { model, dimensions: values.length, vector: values, stats: vectorStats(values) };
}
