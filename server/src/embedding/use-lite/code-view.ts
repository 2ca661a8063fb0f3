// The "words view" of a text for the bundled model (USE Lite), an English sentence model that reads
// the first 128 tokens of what it is given. Code is mostly punctuation and glued identifiers to it:
// `parseRange(` is four odd sentencepiece pieces, every `{`, `);` and indentation space is a token
// of the 128, and `max_retries` shares no piece with "retries". The view hands it words instead:
//   - identifiers are split into their lower-case words (search/identifiers.ts decides what a part
//     is, as for the keyword index): parseRange -> "parse range", max_retries -> "max retries",
//     HTTPAdapter -> "http adapter", Pkg::Name -> "Pkg Name";
//   - runs of operators, brackets and other punctuation become one space, except sentence
//     punctuation that ends a word (".", ",", ":", "?", "!" before a space or the end), so comments
//     and prose keep their sentences;
//   - numbers stay, dotted ones whole (1.2.3); words with an apostrophe stay whole (don't);
//   - whitespace, indentation and line breaks included, becomes one space.
// A sentence of plain words passes through unchanged, so a question typed as a question embeds as
// before; `parseRange` typed as a query becomes "parse range", like the code it is looking for.
// Used when SEMSEARCH_BUNDLED_CODE_VIEW=1 (../bundled.ts, bundledCodeView), for code chunks and queries
// only; measured in docs/search-quality.md, "A words view of code for the bundled model".
import { splitIdentifier } from "../../search/identifiers";

// One token at a time: a dotted number (1.2.3, v1.2.3), a word (letters, digits, `_`, `$`, inner apostrophes), a
// whitespace run, or one other character.
const TOKEN = /[\p{L}\p{M}]*\p{N}+(?:\.\p{N}+)+|[\p{L}\p{M}\p{N}_$]+(?:['’][\p{L}\p{M}]+)*|\s+|[^\p{L}\p{M}\p{N}_$\s]/gu;
const WORDLIKE = /^[\p{L}\p{M}\p{N}_$]/u;
/** Kept when it ends a word: what ends a clause or a sentence in prose and comments. */
const SENTENCE_END = new Set([".", ",", ":", "?", "!", "。", "，", "、", "：", "？", "！"]);
/** May stand between a word and its sentence punctuation: "(see above)." keeps its ".". */
const CLOSING = new Set([")", "]", "}", '"', "'", "`", "”", "’", "*", "_"]);

/** The words view of a text; a text with no word in it is returned as it was (the model needs something to read). */
export function codeView(text: string): string {
  const tokens = text.match(TOKEN) ?? [];
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (/^\s/u.test(token)) {
      out.push(" ");
      i++;
    } else if (WORDLIKE.test(token)) {
      out.push(wordOf(token));
      i++;
    } else {
      // A run of punctuation: a space, or the sentence punctuation it ends with when it closes a word.
      let j = i;
      while (j < tokens.length && !WORDLIKE.test(tokens[j]) && !/^\s/u.test(tokens[j])) j++;
      const run = tokens.slice(i, j);
      const last = run[run.length - 1];
      const afterWord = i > 0 && WORDLIKE.test(tokens[i - 1]);
      const beforeSpace = j === tokens.length || /^\s/u.test(tokens[j]);
      const closes = run.slice(0, -1).every((c) => CLOSING.has(c));
      out.push(afterWord && beforeSpace && closes && SENTENCE_END.has(last) ? last : " ");
      i = j;
    }
  }
  const view = out.join("").replace(/ {2,}/g, " ").trim();
  return view === "" ? text : view;
}

/** A compound identifier as its lower-case words; a plain word (or number) as it is. */
function wordOf(token: string): string {
  if (token.includes(".")) return token;
  if (/['’]/u.test(token)) return token;
  const parts = splitIdentifier(token);
  if (parts.length === 0) return " ";
  if (parts.length === 1 && parts[0] === token.toLowerCase()) return token;
  return parts.join(" ");
}
