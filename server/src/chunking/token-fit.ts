// Chunks are cut by characters, but a model reads tokens and silently drops what lies past its limit
// (256 for all-MiniLM-L6-v2). Code and tables can hold twice the tokens per character of prose, so
// a chunk that the model would truncate is split here, at line ends, into parts that fit; none of
// its text goes unembedded.

export interface LineSpan {
  /** 1-based, inclusive; the text is exactly these lines joined with "\n" (or a slice of one line). */
  startLine: number;
  endLine: number;
  text: string;
}

/**
 * Splits `chunk` into consecutive parts of at most `limit` tokens, given the token count of each of
 * its lines (`lineTokens[i]` for line i of chunk.text, without the model's special tokens). Lines are
 * packed greedily; a single line over the limit is cut into equal slices of characters. A chunk that
 * fits comes back as it is.
 */
export function splitToFit<T extends LineSpan>(chunk: T, lineTokens: readonly number[], limit: number): T[] {
  const lines = chunk.text.split("\n");
  if (lines.length !== lineTokens.length) throw new Error(`splitToFit: ${lines.length} lines but ${lineTokens.length} counts`);
  const budget = Math.max(1, Math.floor(limit));
  if (lineTokens.reduce((a, b) => a + b, 0) <= budget) return [chunk];
  const parts: T[] = [];
  let first = 0;
  let used = 0;
  const emit = (from: number, to: number) => {
    if (to < from) return;
    parts.push({ ...chunk, startLine: chunk.startLine + from, endLine: chunk.startLine + to, text: lines.slice(from, to + 1).join("\n") });
  };
  for (let i = 0; i < lines.length; i++) {
    const t = lineTokens[i];
    if (t > budget) {
      emit(first, i - 1);
      // 10% spare: tokens are not spread evenly over a line's characters.
      parts.push(...sliceLine(chunk, lines[i], chunk.startLine + i, Math.ceil((t * 1.1) / budget)));
      first = i + 1;
      used = 0;
    } else if (used + t > budget) {
      emit(first, i - 1);
      first = i;
      used = t;
    } else {
      used += t;
    }
  }
  emit(first, lines.length - 1);
  // Parts of blank lines only say nothing (and a model embeds them as noise).
  const meaningful = parts.filter((p) => p.text.trim() !== "");
  return meaningful.length ? meaningful : [chunk];
}

/** One over-long line in `pieces` slices of about equal length, cut at a space where there is one nearby. */
function sliceLine<T extends LineSpan>(chunk: T, line: string, lineNo: number, pieces: number): T[] {
  const out: T[] = [];
  const size = Math.ceil(line.length / pieces);
  let start = 0;
  while (start < line.length) {
    let end = Math.min(line.length, start + size);
    if (end < line.length) {
      const space = line.lastIndexOf(" ", end);
      if (space > start + size / 2) end = space + 1;
    }
    const text = line.slice(start, end);
    if (text.trim()) out.push({ ...chunk, startLine: lineNo, endLine: lineNo, text });
    start = end;
  }
  return out;
}
