// The seed's "Peeping Inside" for one vector, and a comparison of two. Pure (no `vscode`).
import { cosine as cosineSimilarity, vectorStats } from "../../shared/src/vector-math";

export { cosineSimilarity, vectorStats };

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
