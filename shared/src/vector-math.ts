// Arithmetic on embedding vectors that the server (search, inspect) and the client (the embedding
// view's comparison) both do. Pure, no dependencies.
import type { VectorStats } from "./types";

/** Cosine similarity; 0 when either vector is all zeros. Throws when the lengths differ. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`cosine: the vectors have ${a.length} and ${b.length} dimensions`);
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

/** The seed's "peek" at a vector: smallest, largest and mean value and its length; zeros when empty. */
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
