// API stubs written as code: a file that declares another library's functions with empty bodies so
// that a documentation tool, a type checker or an editor knows them (LDoc's `builtin/string.lua`,
// LuaLS `---@meta` files, PHP's IDE stubs, Closure Compiler externs, Python's `def f(x) -> int: ...`
// outside a .pyi). Such a file repeats every word of the real API's documentation, so it crowds
// search the way a `.d.ts` stub does, but no path glob names it. What gives it away is its content:
// every function it declares has a body written empty.

interface StubRules {
  /** A function declaration, at the start of a line. */
  declaration: RegExp;
  /** The same declaration with an empty body. */
  empty: RegExp;
}

/**
 * The rules for a language from what opens a declaration, up to the name (`head`), and what makes
 * its body empty after the parameters (`emptyBody`). Parameters are read up to the first `)`: a
 * default value with parentheses in it makes a declaration look non-empty, which can only keep a
 * stub file from being called one.
 */
function stubRules(head: string, emptyBody: string): StubRules {
  return { declaration: new RegExp(String.raw`${head}\s*\(`, "gm"), empty: new RegExp(String.raw`${head}\s*\([^)]*\)${emptyBody}`, "gm") };
}

const CURLY = stubRules(String.raw`^[ \t]*(?:(?:export|default|async|public|protected|private|static|final)\s+)*function\s*&?\s*[\w$]+`, String.raw`\s*(?::\s*[^{;\n]+)?\{\s*\}`);

const RULES: Readonly<Record<string, StubRules>> = {
  lua: stubRules(String.raw`^[ \t]*(?:local\s+)?function\s+[\w.:]+`, String.raw`\s*end\b`),
  javascript: CURLY,
  typescript: CURLY,
  php: CURLY,
  // `...` as the whole body, on the signature's line or the next.
  python: stubRules(String.raw`^[ \t]*(?:async\s+)?def\s+\w+`, String.raw`\s*(?:->[^:\n]+)?:[ \t]*(?:\.\.\.|\n[ \t]*\.\.\.)[ \t]*(?:#[^\n]*)?$`),
};

/** Fewer declarations than this say nothing: a file with two no-op callbacks is not a stub. */
const MIN_DECLARATIONS = 3;

const count = (re: RegExp, text: string) => text.match(re)?.length ?? 0;

/**
 * Whether a code file is an API stub: it declares at least three functions and writes every one of
 * them with an empty body (`function string.byte(s, i, j) end`). Declarations without any body (a C
 * header, an interface) are not stubs: they are how those languages declare, and they are not matched.
 */
export function isStubText(text: string, language: string): boolean {
  const rules = Object.hasOwn(RULES, language) ? RULES[language] : undefined;
  if (!rules) return false;
  const declared = count(rules.declaration, text);
  return declared >= MIN_DECLARATIONS && count(rules.empty, text) === declared;
}
