import { emitRange, packBlocks, paragraphs, type Limits, type Piece } from "./pieces";
import type { SourceLines } from "./source-lines";

/** Paragraphs merged up to the limit; a paragraph too long on its own is windowed. */
export function chunkPlainText(src: SourceLines, limits: Limits): Piece[] {
  return packBlocks(src, paragraphs(src, 0, src.count - 1), limits);
}

/** For languages we cannot parse: overlapping line windows over the whole file. */
export function chunkByWindows(src: SourceLines, limits: Limits): Piece[] {
  return emitRange(src, 0, src.count - 1, limits);
}
