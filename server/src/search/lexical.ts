// What the lexical (FTS5/BM25) index stores for a chunk, and how a user's query becomes an FTS5
// MATCH expression. Both sides go through the same identifier splitting, so `readFileSync` in the
// code and "read file sync" in a query meet on the words read, file and sync.
import { spelledOut } from "./abbreviations";
import { identifierParts, partsBeyond, splitIdentifier, WORD } from "./identifiers";

/** The FTS row of a chunk: its text, and the names around it (symbol, heading, path). */
export interface LexicalFields {
  body: string;
  names: string;
}

export function lexicalFields(path: string, text: string, metadata: Record<string, unknown>): LexicalFields {
  const names = [metadata.symbol, metadata.heading, path].filter((v): v is string => typeof v === "string" && v.length > 0).join("\n");
  const code = metadata.kind === "code";
  return { body: withParts(text, code), names: withParts(names, code) };
}

/**
 * The text, then the parts of its compound identifiers (the original tokens stay searchable too);
 * in code, then the words its abbreviations stand for, once each (search/abbreviations.ts): `err`
 * on every line of a Go function is one "error", not dozens.
 */
function withParts(text: string, code: boolean): string {
  if (!code) {
    const parts = identifierParts(text);
    return parts.length ? `${text}\n${parts.join(" ")}` : text;
  }
  // Code: one pass over its tokens gives both the parts and the words their abbreviations stand for.
  const parts: string[] = [];
  const words = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const split = splitIdentifier(m[0]);
    parts.push(...partsBeyond(m[0], split));
    for (const part of split) for (const w of spelledOut(part)) words.add(w);
  }
  const added = [...parts, ...words];
  return added.length ? `${text}\n${added.join(" ")}` : text;
}

// Words that carry no topic in a question. Dropped from queries only (the index keeps them), and
// only while some other word remains: a query made of nothing else still searches for them.
const STOP_WORDS = new Set(
  ("a an and are as at be been being but by can could did do does for from had has have how i if in into is it its " +
    "me my no not of on or our should so than that the their them then there these they this those to was we were " +
    "what when where which who whom why will with would you your").split(" "),
);

/** Enough terms for any real question; a pasted page of text must not become a huge query. */
const MAX_TERMS = 64;

/**
 * An FTS5 MATCH expression for any user text, or undefined when it has no searchable word. Every
 * term is a double-quoted string, so FTS5 operators and syntax in the input (AND, NEAR, "*", ":",
 * "^", quotes, parentheses) are only ever words. Terms are OR-ed: BM25 ranks chunks with more (and
 * rarer) matching words first, which suits questions better than requiring every word.
 */
export function buildMatchQuery(query: string): string | undefined {
  const terms = matchTerms(query);
  return terms.length ? terms.join(" OR ") : undefined;
}

/** The quoted terms that buildMatchQuery OR-s together; empty when the text has no searchable word. */
export function matchTerms(query: string): string[] {
  const all: string[] = [];
  for (const m of query.matchAll(WORD)) {
    const word = m[0].toLowerCase();
    all.push(word, ...partsBeyond(m[0]));
  }
  const unique = [...new Set(all)];
  const content = unique.filter((t) => !STOP_WORDS.has(t));
  return (content.length ? content : unique).slice(0, MAX_TERMS).map(quoteTerm);
}

/** An FTS5 string: wrapped in double quotes, a double quote inside doubled. */
export function quoteTerm(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** The words a query asks for, as typed, without question words (all of them when nothing else is left). */
export function queryContentWords(query: string): string[] {
  const byLower = new Map<string, string>();
  for (const m of query.matchAll(WORD)) if (!byLower.has(m[0].toLowerCase())) byLower.set(m[0].toLowerCase(), m[0]);
  const content = [...byLower].filter(([lower]) => !STOP_WORDS.has(lower)).map(([, w]) => w);
  return content.length ? content : [...byLower.values()];
}

/** A rough stem, for comparing words outside FTS5 (which has Porter's): parses, parsed, parsing -> pars. */
export function roughStem(word: string): string {
  const w = word.toLowerCase();
  const m = /^(.{3,}?)(?:ations?|ings?|ers?|ed|es|s|ly|ions?|ies|y|e)$/.exec(w);
  return m ? m[1] : w;
}

/**
 * The share of the query's words a chunk holds (the word itself or its identifier parts, compared by
 * rough stem; with `spellOut`, as for a code chunk, also the words its abbreviations stand for, as
 * its keyword row holds them), in [0, 1]. A question's keyword hit that holds one word of five is a
 * weak match however rare that word is: "How do computers around the world talk to each other?"
 * must not lead with a passage that only says "world".
 */
export function termCoverage(words: string[], text: string, spellOut = false): number {
  if (!words.length) return 1;
  const have = new Set<string>();
  const add = (word: string) => {
    have.add(roughStem(word));
    if (spellOut) for (const full of spelledOut(word.toLowerCase())) have.add(roughStem(full));
  };
  for (const m of text.matchAll(WORD)) {
    add(m[0]);
    for (const p of partsBeyond(m[0])) add(p);
  }
  let hit = 0;
  for (const w of words) {
    const parts = partsBeyond(w);
    if (have.has(roughStem(w)) || (parts.length > 1 && parts.every((p) => have.has(roughStem(p))))) hit++;
  }
  return hit / words.length;
}
