// A long function or class is cut into pieces that all carry its symbol. For a question, the piece
// that says the question's words is often a later one, while the first piece (the signature and the
// doc comment, where a reader lands and where labels point) is in neither ranking. Such a first piece
// is looked up (the engine reads the file's chunks above the later piece) and stands in for it: it
// takes the later piece's place, and the later piece goes down as laterPiecesDown has it.
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

const pieceKey = (row: PieceRow) => `${row.path}\0${String(row.metadata.symbol)}`;

/**
 * The later pieces among the first FIRST_PIECE_DEPTH of each list whose symbol no candidate of the
 * same file declares above them: their first pieces are to be looked up.
 */
export function laterPiecesWithoutStart(rows: ReadonlyMap<number, PieceRow>, lists: readonly { id: number }[][]): number[] {
  // Where each file's symbol is first declared among the candidates, worked out once, when a later piece asks.
  let declaredFrom: Map<string, number> | undefined;
  const startedAbove = (row: PieceRow) => {
    if (!declaredFrom) {
      declaredFrom = new Map();
      for (const r of rows.values()) {
        if (declaresItsSymbol(r)) declaredFrom.set(pieceKey(r), Math.min(r.startLine, declaredFrom.get(pieceKey(r)) ?? Infinity));
      }
    }
    return (declaredFrom.get(pieceKey(row)) ?? Infinity) < row.startLine;
  };
  const wanted = new Set<number>();
  for (const list of lists) {
    for (const { id } of list.slice(0, FIRST_PIECE_DEPTH)) {
      const row = rows.get(id);
      if (row && !wanted.has(id) && isLaterPiece(row) && !startedAbove(row)) wanted.add(id);
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
  let below = later.startLine;
  for (const chunk of upward) {
    if (chunk.path !== later.path || chunk.startLine >= below) continue;
    if (chunk.metadata.symbol !== later.metadata.symbol || chunk.endLine < below) return undefined;
    if (declaresItsSymbol(chunk)) return chunk;
    below = chunk.startLine;
  }
  return undefined;
}

/**
 * The fused list with each looked-up first piece (`firstPieces`: later piece → its first piece) put
 * just above its best later piece, with that piece's fused score; a first piece already fused keeps
 * its own place. Returns which later piece each inserted entry stands in for.
 */
export function insertFirstPieces(fused: FusedEntry[], firstPieces: ReadonlyMap<number, number>): { fused: FusedEntry[]; standsInFor: Map<number, FusedEntry> } {
  const standsInFor = new Map<number, FusedEntry>();
  if (!firstPieces.size) return { fused, standsInFor };
  const present = new Set(fused.map((f) => f.id));
  const out: FusedEntry[] = [];
  for (const f of fused) {
    const first = firstPieces.get(f.id);
    if (first !== undefined && !present.has(first)) {
      present.add(first);
      out.push({ id: first, fused: f.fused, ranks: f.ranks.map(() => undefined) });
      standsInFor.set(first, f);
    }
    out.push(f);
  }
  return { fused: out, standsInFor };
}
