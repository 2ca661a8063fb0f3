// Fusing ranked lists (the vector search and the BM25 search) into one ranking. Cosine similarities
// and BM25 scores live on unrelated scales, so the default fuses by rank (reciprocal rank fusion);
// a score-based convex combination is here too so the evaluation can compare the two
// (docs/search-quality.md has the figures behind the default).
import type { QueryKind } from "../../../shared/src/ranking";

/** One list's entries, best first. `score` is higher-is-better (cosine, or minus BM25). */
export interface Scored {
  id: number;
  score: number;
  /** Keyword list only: what BM25's b for code put on a code chunk's score (store/bm25-length.ts). */
  lengthFactor?: number;
}

export interface FusedEntry {
  id: number;
  /** The fused score: only its order means anything. */
  fused: number;
  /** 1-based rank of the entry in each input list, undefined where the list lacks it. */
  ranks: (number | undefined)[];
}

export type FusionMethod =
  /** score = sum over lists of weight / (k + rank) */
  | { method: "rrf"; k: number; weights?: number[] }
  /** score = sum over lists of weight * (min-max normalised score), 0 where missing */
  | { method: "convex"; weights: number[] };

/**
 * The default of hybrid search, chosen on the evaluation in docs/search-quality.md: RRF with a small
 * k, so that one list's first places are not outvoted by chunks both lists rank mediocre (the
 * classic k = 60 fell well below keyword search alone), and the keyword list weighted twice, as it
 * was the stronger retriever with the bundled model on every corpus.
 */
export const DEFAULT_FUSION: FusionMethod = { method: "rrf", k: 3, weights: [1, 2] };

/**
 * A per-entry factor on one list's contribution (1 when absent): hybrid search scales a keyword hit
 * by how many of a question's words it holds (hybrid.ts), so one shared common word cannot lead.
 */
export type EntryScale = (listIndex: number, id: number) => number;

export function fuse(lists: Scored[][], how: FusionMethod = DEFAULT_FUSION, scale?: EntryScale): FusedEntry[] {
  return how.method === "rrf" ? reciprocalRankFusion(lists, how.k, how.weights, scale) : convexFusion(lists, how.weights, scale);
}

/** Cormack, Clarke & Büttcher (2009): rank-only, so no list's score scale can swamp another's. */
export function reciprocalRankFusion(lists: Scored[][], k = 60, weights?: number[], scale?: EntryScale): FusedEntry[] {
  return combine(lists, (list, i, rank) => ((weights?.[i] ?? 1) * (scale ? scale(i, list[rank - 1].id) : 1)) / (k + rank));
}

/** Min-max normalises each list to [0, 1], then adds the lists' weighted scores. */
export function convexFusion(lists: Scored[][], weights: number[], scale?: EntryScale): FusedEntry[] {
  const ranges = lists.map((list) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const e of list) {
      lo = Math.min(lo, e.score);
      hi = Math.max(hi, e.score);
    }
    return { lo, span: hi - lo };
  });
  return combine(lists, (list, i, rank) => {
    const { lo, span } = ranges[i];
    // A list whose entries all score alike gives each the full weight: they are equally good.
    const norm = span > 0 ? (list[rank - 1].score - lo) / span : 1;
    return (weights[i] ?? 1) * norm * (scale ? scale(i, list[rank - 1].id) : 1);
  });
}

function combine(lists: Scored[][], contribution: (list: Scored[], listIndex: number, rank: number) => number): FusedEntry[] {
  const byId = new Map<number, FusedEntry>();
  lists.forEach((list, i) => {
    list.forEach((entry, at) => {
      let fused = byId.get(entry.id);
      if (!fused) {
        fused = { id: entry.id, fused: 0, ranks: new Array(lists.length).fill(undefined) };
        byId.set(entry.id, fused);
      }
      // A list that names an id twice counts it once, at its best rank.
      if (fused.ranks[i] !== undefined) return;
      fused.ranks[i] = at + 1;
      fused.fused += contribution(list, i, at + 1);
    });
  });
  return [...byId.values()].sort(compareFused);
}

// Ties (common with RRF: rank 1 in one list equals rank 1 in the other) go to the entry with the
// better best rank, then to the earlier list's order (the vector search comes first), then to id.
function compareFused(a: FusedEntry, b: FusedEntry): number {
  if (b.fused !== a.fused) return b.fused - a.fused;
  const best = (e: FusedEntry) => Math.min(...e.ranks.map((r) => r ?? Infinity));
  if (best(a) !== best(b)) return best(a) - best(b);
  for (let i = 0; i < a.ranks.length; i++) {
    const ra = a.ranks[i] ?? Infinity;
    const rb = b.ranks[i] ?? Infinity;
    if (ra !== rb) return ra - rb;
  }
  return a.id - b.id;
}

/**
 * Query-aware fusion: RRF whose k and list weights (vector, keyword) depend on the query's kind, and
 * how strongly a keyword hit's contribution follows the share of the query's words it holds
 * (coverage^power; 0 leaves it alone). `semanticLeadBelow`: when the best of the keyword list's
 * first `semanticLeadDepth` hits holds less than this share of the query's words, the keyword match
 * is a weak one ("world" in "how do computers around the world talk to each other?") and the vector
 * list leads: the two weights swap. The head, not the first hit alone: BM25 can put first a chunk
 * that holds one word (a Proxy's `apply` trap, for "applied") above hits that hold four of the
 * question's words (sixteenth round).
 * `semanticLeadWords`: only while that hit holds at most this many of the words; one that holds two
 * or more is no chance match on a word, however long the question (a question of thirteen words
 * whose best hit held three of them had meaning lead it, and the bundled model's vectors know little
 * of code: docs/search-quality.md, fifteenth round). Used when the engine's fusion is the default
 * one, for queries over code; over prose (corpusKindOf) FUSION_BY_KIND_PROSE, which differs for
 * questions.
 *
 * Chosen on the evaluation (eval/fusion-by-kind.ts; bundled model, 250 queries over docs, JavaScript,
 * Python, Go, Rust, Ruby and the knowledge base; nDCG@10 on chunk ranks of hybrid, other signals at
 * their defaults; docs/search-quality.md has the tables). With the bundled model the keyword list is
 * the stronger one for every kind, so every kind weighs it 4 to 6 times the vector list; what differs
 * is k and the lead:
 *   code names (37 queries): k = 10, keyword ×4, 0.797 (k = 3: 0.750; k = 1: 0.712);
 *   questions (195): k = 5, keyword ×6, the vector list leading below 25% coverage with each keyword
 *     hit then counted by its coverage: all 250 queries 0.626 and 25 property violations (keyword ×4:
 *     0.627 and 31; ×8: 0.619 and 24; leading below 34%: about 0.015 lower), and no paraphrase below
 *     semantic alone (the lead with the weights merely swapped and keyword ×4 left two: a one-word
 *     keyword hit still moved the vector order);
 *   questions with a code name in them (15): k = 1, keyword ×4, no lead, 0.742 on them (leading
 *     below 25%: 0.717; k = 5: 0.713); re-swept in the sixteenth round on the 42 such queries of
 *     the sets that are not held out: k = 10, keyword ×6, each keyword hit scaled by its coverage,
 *     0.590 -> 0.600 on them, and on the held-out sets, not used to choose it, 0.619 -> 0.621 over
 *     their 399 queries; over prose it kept the old setting (two docs questions fell 1.00 -> 0.63
 *     and 0.50 with the new one);
 *   bare keywords (3 queries, too few to tune) follow code names.
 * Scaling every keyword hit by its coverage outside the lead (coveragePower 1) was within 0.005 of
 * these or below, and so was scaling each vector hit by its normalised cosine.
 */
export interface KindFusion {
  k: number;
  weights: [number, number];
  coveragePower: number;
  semanticLeadBelow?: number;
  /** Meaning leads only while the best of the first keyword hits holds at most this many of the query's words. */
  semanticLeadWords?: number;
  /** How many of the keyword list's first hits are read for the lead (default 1). */
  semanticLeadDepth?: number;
  /** When meaning leads: the weights (vector, keyword) and the coverage power; default the weights swapped. */
  lead?: { weights: [number, number]; coveragePower: number };
}

export const FUSION_BY_KIND: Record<QueryKind, KindFusion> = {
  identifier: { k: 10, weights: [1, 4], coveragePower: 0 },
  keywords: { k: 10, weights: [1, 4], coveragePower: 0 },
  question: { k: 5, weights: [1, 6], coveragePower: 0, semanticLeadBelow: 0.25, semanticLeadWords: 1, semanticLeadDepth: 5, lead: { weights: [6, 1], coveragePower: 1 } },
  mixed: { k: 10, weights: [1, 6], coveragePower: 1 },
};

/**
 * What the candidates of a query are: `code` chunks, or `prose` (markdown and plain-text chunks:
 * manuals, READMEs, notes). The vector list is a better half of hybrid over prose than over code
 * (bundled model, nDCG@10 on chunk ranks: 0.349 on the docs questions against 0.171 on the code
 * ones), so questions over prose weigh keywords less (FUSION_BY_KIND_PROSE).
 */
export type CorpusKind = "code" | "prose";

/** How many of each list's first entries vote on the corpus kind. */
export const CORPUS_KIND_DEPTH = 10;

/** Whether a chunk's `kind` metadata is prose (markdown or plain text) rather than code. */
export function isProseKind(kind: unknown): boolean {
  return kind === "markdown" || kind === "text";
}

/**
 * The corpus kind of a query: prose when more than half of the chunks at the top of either list
 * (CORPUS_KIND_DEPTH of each, counted once) are markdown or plain text, else code; code when there
 * are none. `kindOf` reads a chunk's `kind` metadata (undefined for a chunk it does not know).
 */
export function corpusKindOf(lists: Scored[][], kindOf: (id: number) => unknown, depth = CORPUS_KIND_DEPTH): CorpusKind {
  const ids = new Set(lists.flatMap((list) => list.slice(0, depth).map((e) => e.id)));
  let prose = 0;
  let known = 0;
  for (const id of ids) {
    const kind = kindOf(id);
    if (kind === undefined) continue;
    known++;
    if (isProseKind(kind)) prose++;
  }
  return known > 0 && prose * 2 > known ? "prose" : "code";
}

/**
 * Query-aware fusion over prose (corpusKindOf): code names and keywords as over code; questions with
 * k = 3, keyword ×3, and meaning leading below 20% coverage; questions with a code name in them k = 1,
 * keyword ×4 (the code table's setting until the sixteenth round, still the better one over prose).
 * Chosen on the evaluation (eval/sweep-prose.ts over the cached rankings; 76 docs questions over ten
 * READMEs and 20 paraphrases over the knowledge base, the 154 code queries untouched; docs/search-quality.md "Third round" has the grid): docs
 * nDCG@10 0.730 -> 0.742, paraphrases 0.945 -> 0.963 (semantic alone 0.945), property violations
 * 25 -> 23. Neighbours score alike (k = 2 or 4, keyword ×3 to ×4: 0.731 to 0.743); k = 5 with ×6, the
 * code questions' setting, 0.730; leading below 34%, 0.727.
 */
export const FUSION_BY_KIND_PROSE: Record<QueryKind, KindFusion> = {
  ...FUSION_BY_KIND,
  question: { k: 3, weights: [1, 3], coveragePower: 0, semanticLeadBelow: 0.2, semanticLeadWords: 1, semanticLeadDepth: 5, lead: { weights: [6, 1], coveragePower: 1 } },
  mixed: { k: 1, weights: [1, 4], coveragePower: 0 },
};
