// Retrieval metrics with graded relevance, on chunk ranks and on file ranks.
//
// A query's answers form relevant items (labels.ts): in a graded query each label is one item with
// its grade (3 defining, 2 directly relevant, 1 related); in an ungraded one all labels together are
// one item of grade 1 (alternatives: any one is enough). Walking down the top 10:
//   - a hit matches an answer when it is in the answer's file and (chunk ranks) its lines overlap
//     the answer's lines; (file ranks) the list is first collapsed to files, a file ranking where
//     its first chunk does, and a file matches every answer in it;
//   - a hit earns the gain 2^grade − 1 of the best item it matches that no earlier hit has claimed,
//     and claims it: several chunks of one function count once, so chunk sizes stay comparable;
// and then per query:
//   nDCG@10   = DCG / ideal DCG, DCG = Σ gain / log2(rank + 1), the ideal putting every item first,
//               best grade first (with one ungraded item this is 1/log2(rank + 1), as before);
//   MRR       = 1 / rank of the first relevant hit (0 when none is in the top 10);
//   recall@10 = share of the query's items found in the top 10;
//   hit@1     = 1 when the first hit is relevant.
// On file ranks a graded query's items are its files (grade: the best label in the file); an
// ungraded query keeps its single item.

export const CUTOFF = 10;

export interface Metrics {
  "ndcg@10": number;
  mrr: number;
  "recall@10": number;
  "hit@1": number;
  queries: number;
}

export interface Hit {
  path: string;
  startLine: number;
  endLine: number;
}

export interface JudgedAnswer {
  path: string;
  range?: [number, number];
  grade?: number;
  group?: number;
}

export type Unit = "chunk" | "file";

export interface Outcome {
  /** Gain of each of the top 10 hits (0: not relevant, or its item was already found). */
  gains: number[];
  /** The ideal gains, best first. */
  ideal: number[];
  /** 1-based rank of the first relevant hit, undefined when none is in the top 10. */
  first?: number;
  /** 1-based rank of the first hit matching an answer of the query's highest grade. */
  best?: number;
  /** Items found in the top 10, and how many there are. */
  found: number;
  items: number;
}

const gainOf = (grade: number) => 2 ** grade - 1;

/** The list as files: each file once, where its first chunk ranks. */
export function collapseToFiles<H extends Hit>(hits: H[]): H[] {
  const seen = new Set<string>();
  return hits.filter((h) => (seen.has(h.path) ? false : (seen.add(h.path), true)));
}

/** Answers as relevant items for a unit: on file ranks a graded query's items are its files. */
function itemsFor(answers: JudgedAnswer[], unit: Unit, graded: boolean): { answer: JudgedAnswer; item: string; grade: number }[] {
  return answers.map((a) => ({
    answer: a,
    item: unit === "file" && graded ? `file:${a.path}` : `group:${a.group ?? 0}`,
    grade: a.grade ?? 1,
  }));
}

/** Judges one ranked list (best first) against a query's answers (labels.ts ResolvedQuery). */
export function judge(hits: Hit[], query: { answers: JudgedAnswer[]; graded: boolean }, unit: Unit = "chunk"): Outcome {
  const { answers, graded } = query;
  const list = (unit === "file" ? collapseToFiles(hits) : hits).slice(0, CUTOFF);
  const items = itemsFor(answers, unit, graded);
  const itemGrade = new Map<string, number>();
  for (const it of items) itemGrade.set(it.item, Math.max(itemGrade.get(it.item) ?? 0, it.grade));
  const top = Math.max(...items.map((it) => it.grade));
  const matches = (h: Hit, a: JudgedAnswer) =>
    a.path === h.path && (unit === "file" || !a.range || (h.startLine <= a.range[1] && h.endLine >= a.range[0]));
  const claimed = new Set<string>();
  const gains: number[] = [];
  let first: number | undefined;
  let best: number | undefined;
  list.forEach((h, i) => {
    const hit = items.filter((it) => matches(h, it.answer));
    if (hit.length && first === undefined) first = i + 1;
    if (hit.some((it) => it.grade === top) && best === undefined) best = i + 1;
    const open = hit.filter((it) => !claimed.has(it.item)).sort((a, b) => itemGrade.get(b.item)! - itemGrade.get(a.item)!);
    if (!open.length) return void gains.push(0);
    claimed.add(open[0].item);
    gains.push(gainOf(itemGrade.get(open[0].item)!));
  });
  const ideal = [...itemGrade.values()].sort((a, b) => b - a).slice(0, CUTOFF).map(gainOf);
  return { gains, ideal, first, best, found: claimed.size, items: itemGrade.size };
}

const dcg = (gains: number[]) => gains.reduce((s, g, i) => s + g / Math.log2(i + 2), 0);

/** nDCG@10 of one outcome. */
export function ndcg(o: Outcome): number {
  const ideal = dcg(o.ideal);
  return ideal > 0 ? dcg(o.gains) / ideal : 0;
}

/** Mean metrics over queries. */
export function aggregate(outcomes: Outcome[]): Metrics {
  const n = outcomes.length || 1;
  const sum = (f: (o: Outcome) => number) => outcomes.reduce((s, o) => s + f(o), 0) / n;
  return {
    "ndcg@10": sum(ndcg),
    mrr: sum((o) => (o.first ? 1 / o.first : 0)),
    "recall@10": sum((o) => (o.items ? o.found / o.items : 0)),
    "hit@1": sum((o) => (o.first === 1 ? 1 : 0)),
    queries: outcomes.length,
  };
}

/** 1-based rank of the first item that passes, within the cutoff. */
export function firstRank<T>(items: T[], relevant: (item: T) => boolean): number | undefined {
  const at = items.slice(0, CUTOFF).findIndex(relevant);
  return at < 0 ? undefined : at + 1;
}

/**
 * Metrics from first-relevant ranks alone (one ungraded item per query): what the fusion sweep
 * (eval/sweep.ts) compares variants on.
 */
export function metrics(ranks: (number | undefined)[]): Metrics {
  return aggregate(
    ranks.map((r) => {
      const within = r !== undefined && r <= CUTOFF ? r : undefined;
      const gains = within ? [...Array(within - 1).fill(0), 1] : [];
      return { gains, ideal: [1], first: within, best: within, found: within ? 1 : 0, items: 1 };
    }),
  );
}
