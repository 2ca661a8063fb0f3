// Identifier-aware words. Code names glue words together (readFileSync, HTTPServer, max_chunk_chars,
// utf8Decode), and a person searching types them apart ("read file sync"). SQLite's unicode61
// tokenizer sees `readFileSync` as one token, so the lexical index stores each identifier's parts
// beside it, and queries look for both. This is the one place that decides what a "part" is.

/** A run of characters that the FTS tokenizer keeps together (unicode61 with `_` as a token char). */
export const WORD = /[\p{L}\p{M}\p{N}_]+/gu;

// Within one `_`-free segment: an acronym before a capitalised word (HTTP|Server), a capitalised or
// lower-case word (File, read), an acronym at the end (parseHTML), digits, or uncased letters.
const PART = /\p{Lu}+(?=\p{Lu}[\p{Ll}\p{M}])|\p{Lu}?[\p{Ll}\p{M}]+|\p{Lu}+|\p{N}+|[\p{L}\p{M}]+/gu;

/**
 * The lower-case words of an identifier: camelCase, PascalCase, snake_case, SCREAMING_CASE,
 * kebab-case and letter/digit boundaries. A plain word gives itself alone.
 *   splitIdentifier("readFileSync") -> ["read", "file", "sync"]
 *   splitIdentifier("HTTPServer2")  -> ["http", "server", "2"]
 */
export function splitIdentifier(identifier: string): string[] {
  const parts: string[] = [];
  for (const segment of identifier.split(/[_\-.$]+/)) {
    for (const m of segment.matchAll(PART)) parts.push(m[0].toLowerCase());
  }
  return parts;
}

/**
 * The parts of a token that the tokenizer would not find by itself: several words (readFileSync),
 * or one word under decoration (__dirname). Empty for a plain word.
 */
export function partsBeyond(token: string, parts = splitIdentifier(token)): string[] {
  return parts.length > 1 || (parts.length === 1 && parts[0] !== token.toLowerCase()) ? parts : [];
}

/** The parts of every compound identifier in a text, one list entry per occurrence. */
export function identifierParts(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) out.push(...partsBeyond(m[0]));
  return out;
}
