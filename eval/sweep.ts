// Fusion variants compared on the same two rankings per query (the engine's vector and BM25 lists,
// fetched once): RRF with several k, weighted RRF, a min-max convex combination of the scores, how
// deep each list goes, and whether the fused top 10 is shown in fused order or by cosine.
import { fuse, type FusionMethod } from "../server/src/search/fusion";

export interface ListEntry {
  id: number;
  /** The list's own score: cosine for the vector list, minus BM25 for the keyword list. */
  score: number;
  cosine: number;
  path: string;
  startLine: number;
  endLine: number;
}

export interface Variant {
  name: string;
  /** How many entries of each list take part. */
  depth: number;
  fusion: FusionMethod;
  /** "cosine": the fused top 10 re-sorted by cosine (scores would then read in order). */
  order: "fused" | "cosine";
}

const rrf = (k: number, lexicalWeight = 1, depth = 50): Variant => ({
  name: `rrf k=${k}${lexicalWeight !== 1 ? ` lexical×${lexicalWeight}` : ""}${depth !== 50 ? ` depth=${depth}` : ""}`,
  depth,
  fusion: { method: "rrf", k, weights: lexicalWeight !== 1 ? [1, lexicalWeight] : undefined },
  order: "fused",
});

const convex = (semanticWeight: number, depth = 50): Variant => ({
  name: `convex semantic=${semanticWeight}${depth !== 50 ? ` depth=${depth}` : ""}`,
  depth,
  fusion: { method: "convex", weights: [semanticWeight, Math.round((1 - semanticWeight) * 100) / 100] },
  order: "fused",
});

export const VARIANTS: Variant[] = [
  ...[1, 3, 5, 10, 20, 60].flatMap((k) => [0.5, 1, 1.5, 2, 3].map((w) => rrf(k, w))),
  ...[10, 20, 100].flatMap((d) => [rrf(5, 1, d), rrf(10, 1, d), rrf(60, 1, d)]),
  ...[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9].map((a) => convex(a)),
  ...[10, 20, 100].map((d) => convex(0.3, d)),
  { ...rrf(60), name: "rrf k=60, top 10 by cosine", order: "cosine" },
];

/** The top 10 of one variant, best first. */
export function fusedTop(semantic: ListEntry[], lexical: ListEntry[], v: Variant): ListEntry[] {
  const sem = semantic.slice(0, v.depth);
  const lex = lexical.slice(0, v.depth);
  const byId = new Map<number, ListEntry>([...lex, ...sem].map((e) => [e.id, e]));
  const top = fuse([sem, lex], v.fusion)
    .slice(0, 10)
    .map((f) => byId.get(f.id)!);
  return v.order === "cosine" ? top.sort((a, b) => b.cosine - a.cosine) : top;
}
