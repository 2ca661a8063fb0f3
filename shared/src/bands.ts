// The bands each model's scores are read with, shared by the server (search results, hover) and
// the client (the embedding view's comparison). How they were calibrated: server/src/search/bands.ts
// and eval/calibrate-bands.ts.
import { DEFAULT_BANDS, type BandThresholds } from "./types";

/**
 * Bands calibrated per model id, measured with eval/calibrate-bands.ts (figures in
 * docs/search-quality.md). A model not listed gets the seed's.
 */
export const MODEL_BANDS: Readonly<Record<string, BandThresholds>> = {
  "Xenova/all-MiniLM-L6-v2": DEFAULT_BANDS,
  "sentence-transformers/all-MiniLM-L6-v2": DEFAULT_BANDS,
  // 2,120 unrelated pairs (20 notes × 106 code chunks): median 0.30, p90 0.50, p99 0.685, max 0.73.
  // Right answers to the paraphrase questions score 0.32 to 0.68 with it: this model's cosine cannot
  // tell them from unrelated text, and its bands say so (its ranking still works: it is relative).
  "bundled:use-lite": { strong: 0.9, possible: 0.7 },
};

/**
 * The bands a search uses: the ones asked for, unless they are the seed's defaults untouched (75/40,
 * what a client sends when nobody changed the settings): then the model's calibrated bands.
 */
export function bandsFor(modelId: string, requested: BandThresholds | undefined): BandThresholds {
  const isDefault = !requested || (requested.strong === DEFAULT_BANDS.strong && requested.possible === DEFAULT_BANDS.possible);
  return isDefault ? (MODEL_BANDS[modelId] ?? DEFAULT_BANDS) : requested;
}
