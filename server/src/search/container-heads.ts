// The head of a class, struct, module or namespace (its declaration, doc comment and fields) repeats
// the words of every member it holds, so for a question it often outranks the member that answers it:
// Requests' `HTTPAdapter` (its doc comment: connection pools, retries) above `init_poolmanager` for
// where the connection pool is created, Rack's `MethodOverride` above its `method_override`. For a
// question, a head whose member is near the top too goes down (containerYields); the member is
// where the question is most often answered. docs/search-quality.md (thirtieth round) has the figures.

/**
 * Multiplies a container head's score. Chosen on the tuning sets' 1,665 queries (hybrid nDCG@10 on
 * chunk ranks, the mean over every category: off 0.6250; ×0.7 0.6277; ×0.6 0.6279; ×0.5 0.6280;
 * ×0.4 0.6274; ×0.3 0.6273); their code questions, semantic / architecture, 0.463 / 0.341 off and
 * 0.469 / 0.344 at ×0.5. On the 1,741 held-out queries: 0.6100 → 0.6134, their questions 0.467 /
 * 0.339 → 0.471 / 0.348 (eval/held-out.ts; the sweep re-ranks the saved rankings of
 * eval/fusion-by-kind.ts).
 */
export const CONTAINER_FACTOR = 0.5;

/**
 * How far down the fused list a member counts as near (at ×0.5, tuning sets: 20 0.6275, 30 0.6280,
 * 40 0.6279): much deeper, a member far below would still move its head.
 */
export const CONTAINER_NEAR = 30;

interface HeadRow {
  path: string;
  metadata: Record<string, unknown>;
}

const codeSymbol = (row: HeadRow): string | undefined => {
  const symbol = row.metadata.symbol;
  return row.metadata.kind === "code" && typeof symbol === "string" && symbol ? symbol : undefined;
};

/**
 * The heads among the first `near` of `order` (ids, best first): code chunks whose symbol
 * (`HTTPAdapter`) is the qualifier of another near chunk's symbol in the same file
 * (`HTTPAdapter.init_poolmanager`), each with the best-ranked such member's symbol, for the explanation.
 * Later pieces of the class (glue between its methods) carry its symbol and count as its head.
 */
export function containerHeads(order: readonly number[], rows: ReadonlyMap<number, HeadRow>, near = CONTAINER_NEAR): Map<number, string> {
  const candidates = order.slice(0, near).flatMap((id) => {
    const row = rows.get(id);
    const symbol = row && codeSymbol(row);
    const within = row && typeof row.metadata.within === "string" ? row.metadata.within : undefined;
    return row && symbol ? [{ id, path: row.path, symbol, within }] : [];
  });
  // A function defined in another's body is no member: its outer function's start does not yield to it.
  const innerOf = (m: { within?: string }, head: { symbol: string }) =>
    m.within !== undefined && `${m.within}.`.startsWith(`${head.symbol}.`);
  const heads = new Map<number, string>();
  for (const head of candidates) {
    const member = candidates.find((m) => m.path === head.path && m.symbol.startsWith(`${head.symbol}.`) && !innerOf(m, head));
    if (member) heads.set(head.id, member.symbol);
  }
  return heads;
}
