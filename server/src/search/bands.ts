import type { Band, BandThresholds } from "../../../shared/src/types";
import { DEFAULT_BANDS } from "../../../shared/src/types";

/** The seed's rule of thumb, with thresholds a caller can move for models that score differently. */
export function bandOf(score: number, thresholds: BandThresholds = DEFAULT_BANDS): Band {
  if (score >= thresholds.strong) return "strong";
  if (score >= thresholds.possible) return "possible";
  return "weak";
}

export function percent(score: number): string {
  return `${(score * 100).toFixed(1)}%`;
}
