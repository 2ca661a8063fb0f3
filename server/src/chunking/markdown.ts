import { packBlocks, paragraphs, type Limits, type Piece } from "./pieces";
import type { SourceLines } from "./source-lines";

interface Heading {
  /** First line of the heading (the text line of a setext heading). */
  line: number;
  /** Last line of the heading (the underline of a setext heading). */
  lastLine: number;
  level: number;
  title: string;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
// Lines that cannot be the text of a setext heading: lists, quotes, tables, HTML, rules.
const NOT_SETEXT_TEXT = /^(\s{4,}|\s*([-*+>|<#]|\d+[.)])(\s|$))/;

/**
 * One piece per heading section, with its heading line kept in the text so a
 * search for the heading finds the section. Sections over the limit are split
 * by paragraphs (fenced code kept whole), then by line windows.
 */
export function chunkMarkdown(src: SourceLines, bodyStart: number, limits: Limits): Piece[] {
  const inFence = new Array<boolean>(src.count).fill(false);
  const headings = findHeadings(src, bodyStart, inFence);

  interface Section {
    start: number;
    headingEnd: number; // last line of the heading(s) leading the section; start - 1 if none
    end: number;
    path: string[];
  }
  const sections: Section[] = [];
  const stack: Heading[] = [];
  const firstHeading = headings.length > 0 ? headings[0].line : src.count;
  if (firstHeading > bodyStart) sections.push({ start: bodyStart, headingEnd: bodyStart - 1, end: firstHeading - 1, path: [] });
  headings.forEach((h, idx) => {
    while (stack.length > 0 && stack[stack.length - 1].level >= h.level) stack.pop();
    stack.push(h);
    const end = idx + 1 < headings.length ? headings[idx + 1].line - 1 : src.count - 1;
    sections.push({ start: h.line, headingEnd: h.lastLine, end, path: stack.map((s) => s.title) });
  });

  const pieces: Piece[] = [];
  // Start of heading-only sections waiting to be shown with the next section's body.
  let pendingStart = -1;
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i];
    const hasBody = src.trim(section.headingEnd + 1, section.end) !== undefined;
    if (!hasBody) {
      if (section.headingEnd >= section.start && pendingStart < 0) pendingStart = section.start;
      continue;
    }
    const start = pendingStart >= 0 ? pendingStart : section.start;
    const headed = section.headingEnd >= section.start;
    pendingStart = -1;
    for (const piece of sectionPieces(src, start, section.headingEnd, section.end, headed, inFence, limits)) {
      pieces.push({ ...piece, headingPath: section.path.length > 0 ? section.path : undefined });
    }
  }
  // A document of headings only is still worth finding by its headings.
  if (pieces.length === 0 && pendingStart >= 0) {
    const last = sections[sections.length - 1];
    for (const piece of sectionPieces(src, pendingStart, last.end, last.end, true, inFence, limits)) {
      pieces.push({ ...piece, headingPath: last.path.length > 0 ? last.path : undefined });
    }
  }
  return pieces;
}

function sectionPieces(
  src: SourceLines,
  start: number,
  headingEnd: number,
  end: number,
  headed: boolean,
  inFence: boolean[],
  limits: Limits,
): Piece[] {
  if (!headed) return packBlocks(src, paragraphs(src, start, end, (i) => inFence[i]), limits);
  // The heading lines (with any empty headings merged in) form the first block.
  const blocks: Array<[number, number]> = [[start, headingEnd], ...paragraphs(src, headingEnd + 1, end, (i) => inFence[i])];
  return packBlocks(src, blocks, limits, true);
}

function findHeadings(src: SourceLines, bodyStart: number, inFence: boolean[]): Heading[] {
  const headings: Heading[] = [];
  let fence: { char: string; length: number } | undefined;
  for (let i = bodyStart; i < src.count; i++) {
    const line = src.lines[i];
    if (fence) {
      inFence[i] = true;
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      // A backtick fence's info string cannot contain backticks (CommonMark).
      if (!(open[1][0] === "`" && line.slice(line.indexOf(open[1]) + open[1].length).includes("`"))) {
        fence = { char: open[1][0], length: open[1].length };
        inFence[i] = true;
        continue;
      }
    }
    const atx = ATX.exec(line);
    if (atx) {
      headings.push({ line: i, lastLine: i, level: atx[1].length, title: (atx[2] ?? "").trim() });
      continue;
    }
    const next = i + 1 < src.count ? src.lines[i + 1] : undefined;
    if (next !== undefined && SETEXT_UNDERLINE.test(next) && isSetextText(src, i, bodyStart)) {
      headings.push({ line: i, lastLine: i + 1, level: next.trim().startsWith("=") ? 1 : 2, title: line.trim() });
      i++;
    }
  }
  return headings;
}

/** Only a single-line paragraph right after a blank line (or the start) counts, to avoid mistaking rules. */
function isSetextText(src: SourceLines, i: number, bodyStart: number): boolean {
  const line = src.lines[i];
  if (line.trim() === "" || NOT_SETEXT_TEXT.test(line)) return false;
  return i === bodyStart || src.isBlank(i - 1);
}
