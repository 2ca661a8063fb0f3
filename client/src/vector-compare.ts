// The seed's "Peeping Inside" for one vector, and a comparison of two. Pure (no `vscode`).
import type { VectorStats } from "../../shared/src/types";

export function vectorStats(v: readonly number[]): VectorStats {
  if (!v.length) return { min: 0, max: 0, mean: 0, norm: 0 };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sq = 0;
  for (const x of v) {
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    sq += x * x;
  }
  return { min, max, mean: sum / v.length, norm: Math.sqrt(sq) };
}

/** Cosine similarity; 0 when either vector is all zeros. Throws when the lengths differ. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`the vectors have ${a.length} and ${b.length} dimensions`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (!na || !nb) return 0;
  return dot / Math.sqrt(na * nb);
}

export interface DimensionDiff {
  dim: number;
  a: number;
  b: number;
  /** a - b */
  diff: number;
}

export interface VectorComparison {
  cosine: number;
  /** Euclidean distance between the two vectors. */
  distance: number;
  /** Per-dimension a - b. */
  diffs: number[];
  meanAbsDiff: number;
  maxAbsDiff: number;
  /** The dimensions that differ most, largest |a - b| first. */
  top: DimensionDiff[];
}

export function compareVectors(a: readonly number[], b: readonly number[], topN = 10): VectorComparison {
  const cosine = cosineSimilarity(a, b);
  const diffs = a.map((x, i) => x - b[i]);
  let sumAbs = 0;
  let maxAbs = 0;
  let sq = 0;
  for (const d of diffs) {
    sumAbs += Math.abs(d);
    maxAbs = Math.max(maxAbs, Math.abs(d));
    sq += d * d;
  }
  const top = diffs
    .map((diff, dim) => ({ dim, a: a[dim], b: b[dim], diff }))
    .sort((x, y) => Math.abs(y.diff) - Math.abs(x.diff) || x.dim - y.dim)
    .slice(0, topN);
  return { cosine, distance: Math.sqrt(sq), diffs, meanAbsDiff: diffs.length ? sumAbs / diffs.length : 0, maxAbsDiff: maxAbs, top };
}
