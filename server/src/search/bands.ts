import type { Band, BandThresholds } from "../../../shared/src/types";
import { DEFAULT_BANDS } from "../../../shared/src/types";
// Per-model bands are shared with the client (its embedding view bands a comparison the same way).
export { bandsFor, MODEL_BANDS } from "../../../shared/src/bands";

/** The seed's rule of thumb, with thresholds a caller can move for models that score differently. */
export function bandOf(score: number, thresholds: BandThresholds = DEFAULT_BANDS): Band {
  if (score >= thresholds.strong) return "strong";
  if (score >= thresholds.possible) return "possible";
  return "weak";
}

export function percent(score: number): string {
  return `${(score * 100).toFixed(1)}%`;
}

// Models spread cosine similarities differently: the seed's 75/40 were set for all-MiniLM-L6-v2,
// where unrelated texts score near 0; the bundled Universal Sentence Encoder Lite scores unrelated
// texts up to about 0.5 (a photosynthesis note against a comment about rank fusion: 45%). So each
// model's bands come from the cosines of pairs known to be unrelated (eval/calibrate-bands.ts):
// "possible" starts where 99% of unrelated pairs stay below, and "strong" keeps the seed's spacing
// above it. MiniLM keeps the seed's values.

/** The share of unrelated pairs that must fall below "possible". */
export const UNRELATED_QUANTILE = 0.99;


/** The q-quantile of ascending values (nearest rank). */
export function unrelatedQuantile(sortedAscending: number[], q: number): number {
  if (!sortedAscending.length) throw new Error("no similarities to calibrate from");
  const at = Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil(q * sortedAscending.length) - 1));
  return sortedAscending[at];
}

/**
 * Bands from the cosines of unrelated pairs: "possible" from the UNRELATED_QUANTILE of them rounded
 * up to 0.05 (never below the seed's 0.40), "strong" as far above it, in proportion, as the seed's
 * 0.75 is above 0.40: strong = possible + (1 - possible) * 0.35 / 0.60, rounded to 0.05.
 */
export function calibrateBands(unrelated: number[]): BandThresholds {
  const sorted = [...unrelated].sort((a, b) => a - b);
  const floor = unrelatedQuantile(sorted, UNRELATED_QUANTILE);
  const possible = Math.max(DEFAULT_BANDS.possible, Math.ceil(floor * 20 - 1e-9) / 20);
  const spacing = (DEFAULT_BANDS.strong - DEFAULT_BANDS.possible) / (1 - DEFAULT_BANDS.possible);
  const strong = Math.min(0.95, Math.round((possible + (1 - possible) * spacing) * 20) / 20);
  return { strong: round2(strong), possible: round2(possible) };
}


function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
