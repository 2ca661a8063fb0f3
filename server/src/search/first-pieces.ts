// A long function or class is cut into pieces that all carry its symbol. For a question, the piece
// that says the question's words is often a later one, while the first piece (the signature and the
// doc comment, where a reader lands and where labels point) is in neither ranking, or far below it.
// Such a first piece is looked up (the engine reads the file's chunks above the later piece) and
// stands in for it: it takes the later piece's place, or keeps its own if that is higher, and the
// later piece goes down as laterPiecesDown has it. A long function cut by the functions it defines
// (chunk-code.ts) treats each inner function's start the same way, except that the inner function
// keeps its score: its outer start moves up just above it.
import type { FusedEntry } from "./fusion";
import { lastSegment } from "./query-kind";
import { isConstructorOnly, textDeclaresName } from "./ranking-signals";

/** How deep in each ranking later pieces are looked at: beyond it a stand-in would not reach the top 10. */
export const FIRST_PIECE_DEPTH = 10;

export interface PieceRow {
  path: string;
  startLine: number;
  text: string;
  metadata: Record<string, unknown>;
}

function declaresItsSymbol(row: PieceRow): boolean {
  const symbol = row.metadata.symbol;
  return typeof symbol === "string" && !!symbol && textDeclaresName(lastSegment(symbol), row.text, row.metadata.language);
}

/** A code chunk whose text does not declare its own symbol (a constructor's pieces excepted): a later piece of it. */
function isLaterPiece(row: PieceRow): boolean {
  const symbol = row.metadata.symbol;
  return row.metadata.kind === "code" && typeof symbol === "string" && !!symbol && !isConstructorOnly(lastSegment(symbol), symbol, row.text) && !declaresItsSymbol(row);
}

/**
 * The function whose body defines this chunk's function, when the chunk is the start of such an
 * inner function (chunk-code.ts cuts a long function by them): its outer function's start stands in
 * for it as for a later piece, since the question may be about the outer function as a whole.
 */
function outerOf(row: PieceRow): string | undefined {
  const within = row.metadata.within;
  return typeof within === "string" && within && row.metadata.kind === "code" && declaresItsSymbol(row) ? within : undefined;
}

/**
 * The later pieces among the first FIRST_PIECE_DEPTH of each list, and the starts of inner functions
 * there: their first pieces (the inner functions' outer starts) are to be looked up. A start that is
 * a candidate already is looked up too: far below its later piece, it would leave the function to
 * the later piece, which laterPiecesDown sends down (nlohmann/json's `parse_cbor_internal`, cut in 24,
 * whose start was 35th in the keyword list while a window deep in its body was first).
 */
export function laterPiecesNearTop(rows: ReadonlyMap<number, PieceRow>, lists: readonly { id: number }[][]): number[] {
  const wanted = new Set<number>();
  for (const list of lists) {
    for (const { id } of list.slice(0, FIRST_PIECE_DEPTH)) {
      const row = rows.get(id);
      // Asked first: it reads the chunk's text only when the chunk is in a function's body, and an
      // inner function's start is then no later piece, whose test would read the same text again.
      if (row && !wanted.has(id) && (outerOf(row) || isLaterPiece(row))) wanted.add(id);
    }
  }
  return [...wanted];
}

/**
 * The first piece of a later piece's function, from the chunks of its file above it, nearest first
 * (read lazily: a long file's chunks are not all read): going up through the windows the function
 * was cut into (each repeats the last lines of the one above it), the nearest that declares it. A
 * chunk of another symbol, or one that does not reach the window below it, ends the search: the
 * later piece is then glue among a class's members, whose header is no start of what matched.
 */
export function firstPieceAbove<T extends PieceRow & { endLine: number }>(later: PieceRow, upward: Iterable<T>): T | undefined {
  const outer = outerOf(later);
  const symbol = outer ?? later.metadata.symbol;
  // Above an inner function lie its outer function's own code and its other inner functions, with
  // blank lines between them: any of those, in any order, until the outer function's start.
  const inOuter = (s: unknown) => outer !== undefined && typeof s === "string" && s.startsWith(`${outer}.`);
  let below = later.startLine;
  for (const chunk of upward) {
    if (chunk.path !== later.path || chunk.startLine >= below) continue;
    if (inOuter(chunk.metadata.symbol)) {
      below = chunk.startLine;
      continue;
    }
    if (chunk.metadata.symbol !== symbol || (outer === undefined && chunk.endLine < below)) return undefined;
    if (declaresItsSymbol(chunk)) return chunk;
    below = chunk.startLine;
  }
  return undefined;
}

/**
 * The fused list with each looked-up first piece (`firstPieces`: later piece → its first piece) put
 * just above its best later piece, with that piece's fused score; a first piece fused above it keeps
 * its own place, one fused below it moves up. Returns which later piece each moved entry stands in for.
 */
export function insertFirstPieces(fused: FusedEntry[], firstPieces: ReadonlyMap<number, number>): { fused: FusedEntry[]; standsInFor: Map<number, FusedEntry> } {
  const standsInFor = new Map<number, FusedEntry>();
  if (!firstPieces.size) return { fused, standsInFor };
  const byId = new Map(fused.map((f) => [f.id, f]));
  const placed = new Set<number>();
  const out: FusedEntry[] = [];
  for (const f of fused) {
    if (placed.has(f.id)) continue;
    const first = firstPieces.get(f.id);
    if (first !== undefined && !placed.has(first)) {
      const own = byId.get(first);
      out.push(own ? { ...own, fused: Math.max(own.fused, f.fused) } : { id: first, fused: f.fused, ranks: f.ranks.map(() => undefined) });
      placed.add(first);
      standsInFor.set(first, f);
    }
    out.push(f);
    placed.add(f.id);
  }
  return { fused: out, standsInFor };
}
