// What a query looks like: a code name (`readFileSync`, `max_chunk_chars`, `Pkg::Name`, `fs.readFile`,
// a lone `Comparator`), a few bare keywords, a natural-language question, or a question with a code
// name inside it ("where does parseRange handle x-ranges?"). Hybrid search weighs the keyword and
// the vector rankings by it (fusion.ts: keywords find names, meaning answers questions), and the
// definition boost (ranking-signals.ts) looks for chunks that declare the names found here.
import type { QueryKind } from "../../../shared/src/ranking";

export type { QueryKind } from "../../../shared/src/ranking";

export interface QueryAnalysis {
  kind: QueryKind;
  /** Code names in the query, as typed (`parseRange`, `Pkg::Name`, `a.b` as given). */
  identifiers: string[];
  /**
   * Names a chunk may declare: the identifiers, their last segment (`Name` of `Pkg::Name`), and, in
   * a query of code names or bare keywords, every word (a lone `satisfies` may well be a function).
   */
  names: string[];
  /**
   * The innermost qualifier of a name that the query gives only qualified: `Regex` for both `Regex::new`
   * and `new` in the query `Regex::new`, `Utils` for `Rack::Utils.escape_html`. A chunk declaring `new`
   * declares `Regex::new` only inside `Regex` (ranking-signals.ts inScope), not `RegexSet::new`.
   */
  qualifiers: ReadonlyMap<string, string>;
}

// Words that make a text a sentence rather than a list of names.
const QUESTION_WORDS = new Set(
  ("a an and are as at be been but by can could did do does for from has have how i if in into is it its me my of on or " +
    "should so that the their then there these this those to was we were what when where which who why will with would you your").split(" "),
);

/** Punctuation around a token that is not part of it: "(parseRange)," -> parseRange. */
const EDGES = /^[("'`\[{<]+|[)"'`\]}>?!,;:.]+$/g;
/** A name with its type arguments, as a type is written: `Draft<T>`, `Vec<u8>`, `Result<T,E>`. */
const TYPE_ARGUMENTS = /^([\p{L}_$][\p{L}\p{N}_$.:]*)<[^\s]*>$/u;

/**
 * A token that is a code name by its shape: camelCase or PascalCase with an inner capital, snake_case,
 * SCREAMING_CASE with `_`, a qualified name (`a.b`, `Pkg::Name`, `Obj:method`, `a->b`, `a#b`), a call (`name()`),
 * or a `$var` / `@attr` / `#macro`.
 */
export function isIdentifierLike(token: string): boolean {
  const t = token.replace(/\(\)$/, "");
  if (/\(\)$/.test(token) && /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(t)) return true;
  if (!/^[\p{L}_$@#][\p{L}\p{N}_$.:\->#]*$/u.test(t) || /[.:\->#]$/.test(t)) return false;
  if (/[\p{Ll}\p{N}]\p{Lu}/u.test(t) || /\p{Lu}\p{Lu}\p{Ll}\p{Ll}/u.test(t)) return true; // camelCase, PascalCase with a second word, utf8Decode, HTTPServer
  if (/[\p{L}\p{N}]_[\p{L}\p{N}]/u.test(t) || /^_+[\p{L}]/u.test(t)) return true; // snake_case, SCREAMING_CASE, __dirname
  if (/[\p{L}\p{N}_](?:\.|::?|->|#)[\p{L}_$]/u.test(t)) return true; // a.b, Pkg::Name, Lua's Obj:method, ptr->field, Class#method
  if (/^[$@][\p{L}_]/u.test(t)) return true; // $var, @attr
  return false;
}

/** The last segment of a qualified name: `Pkg::Name` -> `Name`, `fs.readFile` -> `readFile`. */
export function lastSegment(name: string): string {
  const parts = segments(name);
  return parts[parts.length - 1];
}

/**
 * The segments of a qualified name: `Rack::Utils.escape_html` -> Rack, Utils, escape_html; Lua's
 * `Date:diff` -> Date, diff. A qualified name's last segment drops its sigil (`Client::$instance`
 * -> instance); a lone name keeps a `$`, which JavaScript names hold: Zod's `$constructor` is
 * another function than every class's `constructor`.
 */
export function segments(name: string): string[] {
  const parts = name.replace(/\(\)$/, "").split(/\.|::?|->|#/);
  parts[parts.length - 1] = parts[parts.length - 1].replace(parts.length > 1 ? /^[$@]/ : /^@/, "");
  return parts;
}

/** A question, with or without a code name in it: what the question-only signals act on. */
export function isQuestionKind(kind: QueryKind): boolean {
  return kind === "question" || kind === "mixed";
}

export function classifyQuery(query: string): QueryAnalysis {
  const analysis = classify(query);
  // A name typed with its `!` is Ruby's bang method (`save!`, not `save`) or Rust's macro (`json!`,
  // declared as `macro_rules! json`): both spellings are names a chunk may declare. In a sentence a
  // `!` is an exclamation.
  if (analysis.kind !== "identifier" && analysis.kind !== "keywords") return analysis;
  const bangs = query
    .trim()
    .split(/\s+/)
    .filter((t) => /^[\p{L}_$][\p{L}\p{N}_$]*!$/u.test(t));
  return bangs.length ? { ...analysis, names: unique([...analysis.names, ...bangs]) } : analysis;
}

function classify(query: string): QueryAnalysis {
  const raw = query.trim().split(/\s+/);
  // `name()` is a call: a code name whatever its shape; the parentheses are not part of it.
  const calls = new Set(raw.filter((t) => /^[\p{L}_$][\p{L}\p{N}_$.:]*\(\)[,;:.?!]*$/u.test(t)).map((t) => t.replace(/\(\).*$/, "")));
  const tokens = raw
    .map((t) => t.replace(/\(\)(?=[,;:.?!]*$)/, "").replace(TYPE_ARGUMENTS, "$1").replace(EDGES, ""))
    .filter((t) => t.length > 0);
  if (!tokens.length) return { kind: "question", identifiers: [], names: [], qualifiers: new Map() };
  const asked = /\?\s*$/.test(query) || tokens.some((t) => QUESTION_WORDS.has(t.toLowerCase()));
  // A declaration word makes the name after it a code name: `class Range`, `def parse`. In a
  // sentence most declaration words are English ("an options object turns on", "one function to
  // keep", "let the server send"), so there only a capitalised name counts (`the class Range`), and
  // a question word never does.
  const sentence = asked || tokens.length > 3;
  const declared = tokens.filter(
    (t, i) =>
      i > 0 &&
      DECLARATION_WORDS.has(tokens[i - 1]) &&
      /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(t) &&
      !QUESTION_WORDS.has(t.toLowerCase()) &&
      (!sentence || /^\p{Lu}/u.test(t)),
  );
  const identifiers = unique([...tokens.filter((t) => isIdentifierLike(t) || calls.has(t)), ...declared]);
  const lone = tokens.length === 1 ? tokens[0] : undefined;
  // A lone capitalised word (`Comparator`, `Minipass`) is a type or a module name more often than not.
  if (lone && !asked && (identifiers.length || /^\p{Lu}[\p{L}\p{N}_$]*$/u.test(lone))) {
    return { kind: "identifier", identifiers: [lone], names: namesOf([lone], []), qualifiers: qualifiersOf([lone], tokens) };
  }
  // Only code names, maybe behind a declaration word: `class Range`, `fn parse_args`, `SemVer compare`.
  const codeWords = tokens.filter((t) => !identifiers.includes(t) && !DECLARATION_WORDS.has(t));
  if (!asked && identifiers.length && codeWords.every((t) => /^\p{Lu}/u.test(t) || /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(t)) && codeWords.length <= 1) {
    return { kind: "identifier", identifiers, names: namesOf(identifiers, codeWords), qualifiers: qualifiersOf(identifiers, tokens) };
  }
  if (identifiers.length) return { kind: "mixed", identifiers, names: namesOf(identifiers, []), qualifiers: qualifiersOf(identifiers, tokens) };
  // A few bare words, no sentence: "lru cache", "semver satisfies", "photosynthesis". A declaration
  // word among them says what kind of name the others are ("Logger interface"); alone it is the name.
  if (!asked && tokens.length <= 3) {
    const words = tokens.filter((t) => /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(t));
    const named = words.filter((t) => !DECLARATION_WORDS.has(t));
    return { kind: "keywords", identifiers: [], names: namesOf([], named.length ? named : words), qualifiers: new Map() };
  }
  return { kind: "question", identifiers: [], names: [], qualifiers: new Map() };
}

/** Words that introduce a declaration in some supported language: kept out of the names. */
export const DECLARATION_WORDS = new Set([
  "function", "func", "fn", "def", "class", "interface", "struct", "enum", "trait", "type", "typedef", "module",
  "namespace", "object", "protocol", "record", "impl", "const", "let", "var", "val", "macro", "sub", "union", "fun",
]);

function namesOf(identifiers: string[], words: string[]): string[] {
  return unique([...identifiers, ...identifiers.map(lastSegment), ...words].filter((n) => n.length >= 2));
}

/**
 * The innermost qualifier of each qualified identifier, for it and its last segment; a last segment
 * the query also gives on its own (`new Regex::new`) is asked for anywhere, and has none.
 */
function qualifiersOf(identifiers: string[], tokens: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of identifiers) {
    const parts = segments(id);
    const qualifier = parts[parts.length - 2];
    if (!qualifier) continue;
    out.set(id, qualifier);
    const last = parts[parts.length - 1];
    if (!tokens.includes(last)) out.set(last, qualifier);
  }
  return out;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
