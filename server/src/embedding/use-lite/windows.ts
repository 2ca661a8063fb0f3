// USE Lite reads the first 128 tokens of a text and drops the rest (./graph.ts: ClipToMaxLength),
// while a chunk of 1,000 characters runs to ~170 of its tokens on average, code to more. In the
// "windows" mode (bundled.ts, LongTexts; not the default) a long text is cut here into windows of
// whole tokens that the model reads in full, a few tokens overlapping, and its vector is the mean of
// the windows'. A text that fits is left as it is, so that it embeds exactly as before.
import type { UseLiteTokenizer } from "./tokenizer";

/** Tokens two neighbouring windows share, so that no phrase is only ever read cut in two. */
export const WINDOW_OVERLAP = 16;

const SEPARATOR = "\u2581";

/**
 * The token ranges [start, end) that cover `count` tokens in windows of at most `size`: one window
 * when the text fits; else the fewest windows of `size` that overlap by at least `overlap`, spread
 * evenly from the first token to the last, so every window is full (a short last window would weigh
 * as much in the mean as a full one).
 */
export function windowRanges(count: number, size: number, overlap = WINDOW_OVERLAP): [number, number][] {
  if (count <= size) return [[0, count]];
  const step = Math.max(1, size - overlap);
  const windows = Math.ceil((count - overlap) / step);
  const ranges: [number, number][] = [];
  for (let w = 0; w < windows; w++) {
    const start = Math.round((w * (count - size)) / (windows - 1));
    ranges.push([start, start + size]);
  }
  return ranges;
}

/**
 * The texts of the windows of `text` (windowRanges over its tokens), each made of whole tokens so
 * that it tokenizes again to the same ids: a window starts at a word start where one lies within
 * half the overlap after its planned start. A text that fits comes back alone and unchanged.
 */
export function windowTexts(tokenizer: UseLiteTokenizer, text: string, size: number, overlap = WINDOW_OVERLAP): string[] {
  const { ids, spans, symbols } = tokenizer.pieces(text);
  if (ids.length <= size) return [text];
  const wordStart = (t: number) => symbols[spans[t][0]] === SEPARATOR;
  return windowRanges(ids.length, size, overlap).map(([start, end]) => {
    let from = start;
    while (from > 0 && !wordStart(from) && from < start + overlap / 2 && from + 1 < end) from++;
    if (from > 0 && !wordStart(from)) from = start;
    const last = Math.min(end, ids.length) - 1;
    // The model puts one separator in front of every text: the window's own leading one is dropped.
    return symbols
      .slice(spans[from][0], spans[last][1])
      .join("")
      .replace(/^\u2581/, "")
      .replace(/\u2581/g, " ");
  });
}
