import type { EmbedResult, VectorStats } from "../../../shared/src/types";

/** Cosine similarity; vectors in the store are already unit length, but queries may not be. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export function vectorStats(v: ArrayLike<number>): VectorStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    sq += x * x;
  }
  return v.length ? { min, max, mean: sum / v.length, norm: Math.sqrt(sq) } : { min: 0, max: 0, mean: 0, norm: 0 };
}

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
