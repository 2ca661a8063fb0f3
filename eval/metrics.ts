// Retrieval metrics over the rank of the first relevant hit. Every labelled query needs one place
// that answers it (its labels are alternatives), so:
//   recall@k = share of queries answered within the top k,
//   MRR      = mean of 1/rank of the first answer (0 when it is not in the top 10),
//   nDCG@10  = mean of 1/log2(rank + 1) with binary relevance and one needed answer (ideal DCG = 1).
// Counting only the first relevant hit keeps the figures comparable across chunk sizes: smaller
// chunks put several relevant pieces of one section in the list, which must not count as more.

export const CUTOFF = 10;

export interface Metrics {
  "recall@1": number;
  "recall@10": number;
  mrr: number;
  "ndcg@10": number;
  queries: number;
}

/** `ranks`: per query, the 1-based rank of the first relevant hit, or undefined when none in the top 10. */
export function metrics(ranks: (number | undefined)[]): Metrics {
  const n = ranks.length || 1;
  let r1 = 0;
  let r10 = 0;
  let rr = 0;
  let dcg = 0;
  for (const r of ranks) {
    if (r === undefined || r > CUTOFF) continue;
    if (r === 1) r1++;
    r10++;
    rr += 1 / r;
    dcg += 1 / Math.log2(r + 1);
  }
  return { "recall@1": r1 / n, "recall@10": r10 / n, mrr: rr / n, "ndcg@10": dcg / n, queries: ranks.length };
}

/** 1-based rank of the first item that passes, within the cutoff. */
export function firstRank<T>(items: T[], relevant: (item: T) => boolean): number | undefined {
  const at = items.slice(0, CUTOFF).findIndex(relevant);
  return at < 0 ? undefined : at + 1;
}
