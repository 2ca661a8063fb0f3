// An interface, a trait or a protocol says what a type can do, in the words a question uses, and
// TypeScript's interfaces carry a doc comment on every member ("Returns an event handler function
// that can be used to resize the header"), but it holds no body: the code that does it is elsewhere.
// table-core's interfaces led its questions about resizing, sorting and filtering over the
// implementations (`header.getResizeHandler = ...`). For a question, such a chunk goes down
// (interfacesDown); a code name is left to the definition signals, since there the declaration is
// often what is asked for. docs/search-quality.md (thirty-second round) has the figures.
import { syntaxFor } from "../chunking/code/syntax";
import { lexChunk } from "./comment-chunks";

/**
 * Multiplies the score of an interface's chunk, for a question. Chosen on the tuning sets' 1,819
 * queries (hybrid nDCG@10 on chunk ranks, the mean over every category: off 0.6278; ×0.8 0.6288;
 * ×0.7 0.6290; ×0.5 0.6295; ×0.3 and ×0.2 0.6296, level with it); their questions, semantic /
 * architecture, 0.469 / 0.350 off and 0.471 / 0.354 at ×0.5, violations 147 both. On the 1,851
 * held-out queries: 0.6177 → 0.6186, violations 145 both (eval/sweep-signals.ts --signal interfaces,
 * bench/results/sweep-interfaces.json).
 */
export const INTERFACES_DOWN_FACTOR = 0.5;

// What opens a declaration of behaviour without bodies, per language, read on the first line of code.
const TS_TYPE = /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:interface|type)\s+[\w$]+/;
const OPENERS: Readonly<Record<string, RegExp>> = {
  typescript: TS_TYPE,
  typescriptreact: TS_TYPE,
  go: /^\s*type\s+\w+\s+interface\b/,
  java: /^\s*(?:(?:public|protected|private|static|sealed|non-sealed|abstract)\s+)*@?interface\s+\w+/,
  kotlin: /^\s*(?:(?:public|internal|private|protected|sealed|fun|expect|actual)\s+)*interface\s+\w+/,
  csharp: /^\s*(?:(?:public|internal|private|protected|partial)\s+)*interface\s+\w+/,
  php: /^\s*interface\s+\w+/,
  rust: /^\s*(?:pub(?:\([\w:\s]+\))?\s+)?(?:unsafe\s+)?trait\s+\w+/,
  swift: /^\s*(?:(?:public|open|internal|fileprivate|private)\s+)*protocol\s+\w+/,
  scala: /^\s*(?:(?:sealed|private|protected)\s+)*trait\s+\w+/,
};

const OPENING_WORD = /\b(?:interface|type|trait|protocol)\b/;

// A line that opens a body: a method with its code (a Java default method, a Rust provided method, a
// Go function after the interface), an arrow function's block, a class. Such a chunk holds code.
const OPENS_BODY = /\)[^;{}=]*\{\s*$|=>\s*\{\s*$|\bfunction\b[^;]*\{|^\s*(?:export\s+)?(?:abstract\s+)?class\b/;

interface InterfaceRow {
  text: string;
  metadata: Record<string, unknown>;
}

/**
 * Whether a code chunk is the declaration of an interface (a TypeScript type alias too), a trait or a
 * protocol, without a body in it: its first line of code opens one, by its language's keyword, and no
 * other line opens a method's or a function's body. Read with the chunker's lexer, so a keyword in a
 * comment or a string does not count. A piece of a long interface that starts among its members is not
 * recognised.
 */
export function isInterfaceChunk(row: InterfaceRow): boolean {
  if (row.metadata.kind !== "code" || typeof row.metadata.language !== "string" || !Object.hasOwn(OPENERS, row.metadata.language)) return false;
  // Most candidates say none of the keywords: they are not lexed (about 30 µs a chunk, as commentsDown's reading).
  if (!OPENING_WORD.test(row.text)) return false;
  const syntax = syntaxFor(row.metadata.language);
  if (!syntax) return false;
  const code = lexChunk(row, row.text.split("\n"), syntax)
    .map((line) => line.code)
    .filter((line) => line.trim() && !/^\s*@/.test(line));
  if (!code.length || !OPENERS[row.metadata.language].test(code[0])) return false;
  return !code.slice(1).some((line) => OPENS_BODY.test(line));
}
