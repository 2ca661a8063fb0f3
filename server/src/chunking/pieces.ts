import type { Inside } from "./code/lexer";
import type { SourceLines } from "./source-lines";

/** A chunk before it gets its file-level metadata; start/end are 0-based inclusive. */
export interface Piece {
  start: number;
  end: number;
  text: string;
  symbol?: string;
  headingPath?: string[];
  /** Code: the comment or string its first line starts inside, when it does. */
  startsInside?: Inside;
  /** Code: the symbol of the function whose body defines this piece's function (an inner function). */
  within?: string;
}

export interface Limits {
  maxChars: number;
  overlapLines: number;
}

/** A range as one piece if it fits, else as overlapping line windows. Blank edges are trimmed. */
export function emitRange(src: SourceLines, start: number, end: number, limits: Limits): Piece[] {
  const trimmed = src.trim(start, end);
  if (!trimmed) return [];
  const [s, e] = trimmed;
  if (src.length(s, e) <= limits.maxChars) return [{ start: s, end: e, text: src.text(s, e) }];
  return windowRange(src, s, e, limits);
}

/**
 * Line windows of at most maxChars. Each window repeats up to overlapLines
 * lines of the previous one so that a sentence or statement cut at the border
 * is still whole in one of them, and always adds at least one new line, so
 * the loop ends. A line longer than maxChars is cut by characters instead.
 */
export function windowRange(src: SourceLines, start: number, end: number, limits: Limits): Piece[] {
  const { maxChars, overlapLines } = limits;
  const pieces: Piece[] = [];
  const isLong = (i: number) => src.lines[i].length > maxChars;
  let cur = start;
  let lastStart = -1;
  while (cur <= end) {
    if (src.isBlank(cur)) {
      cur++;
      continue;
    }
    if (isLong(cur)) {
      for (const part of splitLongLine(src.lines[cur], maxChars)) pieces.push({ start: cur, end: cur, text: part });
      lastStart = cur;
      cur++;
      continue;
    }
    let first = cur;
    if (pieces.length > 0) {
      for (let k = cur - 1; k >= Math.max(start, cur - overlapLines, lastStart + 1); k--) {
        if (isLong(k) || src.length(k, cur) > maxChars) break;
        first = k;
      }
    }
    let last = cur;
    while (last + 1 <= end && !isLong(last + 1) && src.length(first, last + 1) <= maxChars) last++;
    const trimmed = src.trim(first, last);
    if (trimmed) pieces.push({ start: trimmed[0], end: trimmed[1], text: src.text(trimmed[0], trimmed[1]) });
    lastStart = first;
    cur = last + 1;
  }
  return pieces;
}

/**
 * Cuts one over-long line (minified code, a base64 blob) into parts of at most
 * maxChars, preferring to cut after whitespace near the end of each part.
 */
export function splitLongLine(line: string, maxChars: number): string[] {
  const parts: string[] = [];
  let pos = 0;
  while (pos < line.length) {
    let cut = Math.min(pos + maxChars, line.length);
    if (cut < line.length) {
      const space = line.lastIndexOf(" ", cut - 1);
      if (space >= pos + Math.floor(maxChars * 0.8)) cut = space + 1;
    }
    const part = line.slice(pos, cut);
    if (part.trim() !== "") parts.push(part);
    pos = cut;
  }
  return parts;
}

/**
 * Packs consecutive blocks (paragraphs, statements) into pieces of at most
 * maxChars. Blocks are never split unless one alone is too long. With
 * `keepFirstWithNext`, the first block (a heading) is never left alone: if
 * it cannot join the next block whole, both are windowed together so the
 * heading lands in the first window.
 */
export function packBlocks(
  src: SourceLines,
  blocks: ReadonlyArray<[number, number]>,
  limits: Limits,
  keepFirstWithNext = false,
): Piece[] {
  const pieces: Piece[] = [];
  let group: [number, number] | undefined;
  let groupIsFirstOnly = false;
  for (let b = 0; b < blocks.length; b++) {
    const [s, e] = blocks[b];
    if (!group) {
      group = [s, e];
      groupIsFirstOnly = keepFirstWithNext && b === 0;
      continue;
    }
    if (src.length(group[0], e) <= limits.maxChars || groupIsFirstOnly) {
      group = [group[0], e];
    } else {
      pieces.push(...emitRange(src, group[0], group[1], limits));
      group = [s, e];
    }
    groupIsFirstOnly = false;
  }
  if (group) pieces.push(...emitRange(src, group[0], group[1], limits));
  return pieces;
}

/** Maximal runs of non-blank lines in [start, end]; `joined(i)` keeps line i with the previous one even if blank. */
export function paragraphs(
  src: SourceLines,
  start: number,
  end: number,
  joined: (i: number) => boolean = () => false,
): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  let blockStart = -1;
  let lastContent = -1;
  for (let i = start; i <= end; i++) {
    const content = !src.isBlank(i);
    if (content || (blockStart >= 0 && joined(i))) {
      if (blockStart < 0) blockStart = i;
      if (content) lastContent = i;
    } else if (blockStart >= 0) {
      blocks.push([blockStart, lastContent]);
      blockStart = -1;
    }
  }
  if (blockStart >= 0) blocks.push([blockStart, lastContent]);
  return blocks;
}
