// A code chunk can be comments and nothing else: a licence, a file's or a package's overview (Go's
// `doc.go`), a long doc comment cut off from the code it documents, commented-out code. Such prose
// says the words a question uses more often than the code does, and both halves rank it high: in the
// rankings saved in the thirty-first round, such chunks held 1,168 places of the top tens of 679
// questions. For a question, it goes down (commentsDown); the code is what such a question is
// answered by. Reading a chunk's lines costs about 30 µs, some 3 ms for a question's candidates.
// docs/search-quality.md (thirty-first round) has the figures.
import { lexLines, type Inside, type LineInfo } from "../chunking/code/lexer";
import { syntaxFor, type Syntax } from "../chunking/code/syntax";
import { lastSegment } from "./query-kind";
import { wordPattern } from "./ranking-signals";

/**
 * Multiplies the score of a chunk of comments alone, for a question. Chosen on the tuning sets' 1,819
 * queries (hybrid nDCG@10 on chunk ranks, the mean over every category: off 0.6230; ×0.7 0.6256;
 * ×0.5 0.6268; ×0.3 0.6278; ×0.2 and ×0.1 0.6279, level with it); their code questions, semantic /
 * architecture, 0.463 / 0.340 off and 0.469 / 0.350 at ×0.3, violations 152 → 147. On the 1,851
 * held-out queries: 0.6139 → 0.6177, violations 148 → 145 (eval/sweep-signals.ts --signal comments,
 * bench/results/sweep-comments.json).
 */
export const COMMENTS_DOWN_FACTOR = 0.3;

/**
 * At most this many lines of code beside the comments: one lets Go's package clause under the
 * package's doc comment count, or an import under a licence; a line that names the chunk's own
 * symbol (a function's head under its docstring) never counts as comments alone (at
 * ×0.3, tuning sets: none 0.6269, one 0.6278, two 0.6280 with a violation more; held out 0.6173,
 * 0.6177, 0.6173).
 */
export const COMMENTS_DOWN_CODE_LINES = 1;

/** Fewer lines of comment than this are a note between declarations, not prose that competes. */
const MIN_COMMENT_LINES = 3;

interface CommentRow {
  text: string;
  metadata: Record<string, unknown>;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Whether a code chunk is comments (and the text of multi-line strings: Python's docstrings) with at
 * most `maxCodeLines` lines of code: lines are told apart by the chunker's lexer for the chunk's
 * language. A chunk that begins inside a comment or a string (a window of a long one) is read as its
 * rest: the chunker records where (`startsInside`); in an index made before it did, a closing
 * star-slash before any opener, or neither and every line led by a star, tells a block comment's.
 * Languages the lexer does not know never count.
 */
export function isCommentChunk(row: CommentRow, maxCodeLines = COMMENTS_DOWN_CODE_LINES): boolean {
  if (row.metadata.kind !== "code" || typeof row.metadata.language !== "string") return false;
  const syntax = syntaxFor(row.metadata.language);
  if (!syntax) return false;
  const lines = row.text.split("\n");
  const info = lexChunk(row, lines, syntax);
  let prose = 0;
  const code: string[] = [];
  info.forEach((line, i) => {
    if (line.blank || !LETTER_OR_DIGIT.test(lines[i])) return;
    if (LETTER_OR_DIGIT.test(line.code)) code.push(line.code);
    // Inside a string that spans lines, a docstring's text is prose too; a table of one-line strings is neither.
    else if (line.commentOnly || line.startsInside) prose++;
  });
  return code.length <= maxCodeLines && prose >= MIN_COMMENT_LINES && !code.some((line) => headsItsSymbol(line, row.metadata.symbol));
}

/**
 * The chunk's lines as the file read them: from inside the comment or string the chunker recorded it
 * starts in; for a chunk indexed before that was recorded, from inside a block comment when the text
 * shows it does.
 */
export function lexChunk(row: CommentRow, lines: string[], syntax: Syntax): LineInfo[] {
  const inside = row.metadata.startsInside;
  if (inside && typeof inside === "object") return lexLines(lines, syntax, inside as Inside);
  const opener = insideBlockComment(row.text, syntax);
  return lexLines(opener ? [opener, ...lines] : lines, syntax).slice(opener ? 1 : 0);
}

/** The opener to read the text after, when it starts inside a C-style block comment; else undefined. */
function insideBlockComment(text: string, syntax: Syntax): string | undefined {
  if (!syntax.blockComments.some((rule) => rule.close === "*/")) return undefined;
  const close = text.indexOf("*/");
  const open = text.indexOf("/*");
  // Neither: the middle of a long block comment, when every line that is not blank begins with a star.
  if (close < 0) return open < 0 && text.split("\n").every((line) => !line.trim() || /^\s*\*/.test(line)) ? "/*" : undefined;
  return open < 0 || open > close ? "/*" : undefined;
}

/**
 * The line of code names the chunk's own symbol: the head of the declaration its doc comment
 * documents (`def easter(year, method=EASTER_WESTERN):` under its docstring), which is where a
 * question about it is answered, not prose.
 */
function headsItsSymbol(code: string, symbol: unknown): boolean {
  if (typeof symbol !== "string" || !symbol) return false;
  const name = /[\w$]+/.exec(lastSegment(symbol) ?? "")?.[0];
  return !!name && wordPattern(name).test(code);
}
