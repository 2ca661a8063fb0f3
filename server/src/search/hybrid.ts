// The order of results in the lexical and hybrid modes, from the two rankings (pure: the engine
// fetches the lists and the cosine scores).
import type { MatchedBy, SearchMode } from "../../../shared/src/types";
import { fuse, type FusionMethod, type Scored } from "./fusion";

/**
 * How deep each ranking goes before fusion (or before a minScore cut). With the default small RRF k
 * a chunk ranked 50th adds almost nothing, so deeper lists change little (docs/search-quality.md).
 */
export const FUSION_DEPTH = 50;

export interface Ranked {
  id: number;
  matchedBy: MatchedBy;
}

export function rankForMode(mode: Exclude<SearchMode, "semantic">, semantic: Scored[], lexical: Scored[], how: FusionMethod): Ranked[] {
  if (mode === "lexical") return lexical.map((l) => ({ id: l.id, matchedBy: "lexical" }));
  return fuse([semantic, lexical], how).map((f) => ({
    id: f.id,
    matchedBy: f.ranks[0] !== undefined && f.ranks[1] !== undefined ? "both" : f.ranks[0] !== undefined ? "semantic" : "lexical",
  }));
}
