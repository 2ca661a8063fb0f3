// The property hybrid search owes every natural-language question: it must not rank the question's
// best answer below where the better of its two halves (semantic alone, lexical alone) ranks it.
// Ranks are those of the first hit matching an answer of the query's highest grade, in the top 10
// (chunk ranks); a question neither half answers in its top 10 cannot be violated.
import type { SearchMode } from "../shared/src/types";

export type BestRanks = Record<SearchMode, number | null>;

export interface Violation {
  id: string;
  corpus: string;
  category: string;
  query: string;
  ranks: BestRanks;
}

/** Whether hybrid ranks the best answer at least as high as the better of semantic and lexical. */
export function hybridNotWorse(ranks: BestRanks): boolean {
  const halves = [ranks.semantic, ranks.lexical].filter((r): r is number => r !== null);
  if (!halves.length) return true;
  return ranks.hybrid !== null && ranks.hybrid <= Math.min(...halves);
}

export function violations<Q extends { id: string; corpus: string; category: string; query: string; best: BestRanks }>(queries: Q[], categories: readonly string[]): Violation[] {
  return queries
    .filter((q) => categories.includes(q.category) && !hybridNotWorse(q.best))
    .map((q) => ({ id: q.id, corpus: q.corpus, category: q.category, query: q.query, ranks: q.best }));
}
