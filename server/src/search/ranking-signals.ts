// Code-aware ranking signals, each a pure function of a candidate chunk (its path, text and
// metadata) and the query. They move the fused order of lexical and hybrid search (hybrid.ts); each
// can be switched off (shared/src/ranking.ts), and docs/search-quality.md measures each alone and
// together. The strengths below were chosen on the evaluation (eval/fusion-by-kind.ts).
import picomatch from "picomatch";
import { escapeRegExp } from "../text/regexp";
import { spelledOut } from "./abbreviations";
import { splitIdentifier, WORD } from "./identifiers";
import { lastSegment, segments } from "./query-kind";

// Strengths, from eval/fusion-by-kind.ts (hybrid nDCG@10 over 250 queries, the others at their
// defaults): flat around each value, so none is fitted to a few queries.
/** Multiplies the score of a chunk that declares a name the query asks for (×1.25: 0.615, ×2: 0.622, ×4: 0.623). */
export const DEFINITION_FACTOR = 2;
/** A full match of the query's words in a file's base name multiplies its chunks' scores by 1 + this (0.25: 0.620, 0.5: 0.622, 2: 0.617). */
export const PATH_WEIGHT = 0.5;
/**
 * A chunk whose symbol is wholly made of the query's words multiplies its score by 1 + this (half of
 * its words: 1 + this / 2; fewer: nothing). Hybrid nDCG@10, 154 code queries on chunk / file ranks:
 * none 0.523 / 0.763; 0.25: 0.528 / 0.769; 0.5: 0.532 / 0.762; 1: 0.532 / 0.751 (architecture
 * questions 0.223 without, 0.248 at 0.5, 0.272 at 1: stronger lifts a file's named chunk over the
 * answer's file). Only a match of half the name or more counts: 2/3 or all of it gained less.
 */
export const SYMBOL_WEIGHT = 0.5;
/** Multiplies the score of a chunk in a demoted file: tests, examples, vendored copies, stubs (×0.25: 0.622, ×0.5: 0.622, ×0.75: 0.618). */
export const DEMOTE_FACTOR = 0.5;
/** Share of the scores of a file's other ranked chunks that each of its chunks gains (file credit is off by default: it cost 0.014). */
export const FILE_CREDIT = 0.25;
/**
 * Multiplies the score of a later piece of a long function or class for a question, when the piece
 * that declares it is a candidate too (code, all 256 queries, hybrid nDCG@10 on chunk ranks: off
 * 0.604; ×0.6: 0.618; ×0.4: 0.621; ×0.2: 0.623).
 */
export const LATER_PIECE_FACTOR = 0.4;
/**
 * Where most of a query's candidates are code, the PROSE_KEPT best markdown or plain-text candidates
 * keep their score and each further one is multiplied by PROSE_IN_CODE_FACTOR. On the five corpora
 * that carry their package's docs (hybrid nDCG@10 on chunk ranks, 112 code questions / 40 docs
 * questions asked of the repository): off 0.355 / 0.746; every prose candidate ×0.25 0.393 / 0.199;
 * the best one kept 0.369 / 0.714; the best two kept 0.364 / 0.746; ×0.1 after two as ×0.25.
 */
export const PROSE_IN_CODE_FACTOR = 0.25;
export const PROSE_KEPT = 2;

// ---------------------------------------------------------------- definitions

// Words that introduce a named declaration in the supported languages (shared/src/languages.ts):
// JS/TS function/class/interface/enum/type/namespace/const/let/var, Python def/class, Go func/type,
// Rust fn/struct/enum/trait/type/mod/impl/macro_rules!, Java/C#/Kotlin/Swift/Scala class/interface/
// record/object/protocol/fun/func/val/def, C/C++ struct/union/enum/typedef/namespace, Ruby def/class/
// module, PHP function/class/trait, Lua function, shell function. Rust's `impl` and Swift's
// `extension` are where a type's methods are: textImplementsName.
const DECLARATION_WORDS = String.raw`function\s*\*?|func|fn|def|class|interface|struct|enum(?:\s+class)?|trait|type|typedef(?:\s+struct)?|module|mod|namespace|object|protocol|record|actor|val|fun|sub|union|macro_rules!|alias|package`;
// The words that also declare a function's locals. Lua's `local` only where a statement starts: in a
// comment it is an English word ("makes default allocation local" before a line that says the name).
// Rust's raw pointer type `*const Vtable` uses the type and declares nothing.
const VARIABLE_WORDS = String.raw`(?<!\*)const|let|var|local\s+function|(?<=^[ \t]*)local(?=[ \t])`;
const DECLARATION = `(?:${DECLARATION_WORDS}|${VARIABLE_WORDS})`;

// A member of a type or module (a name the query qualifies, `Command.opts`) is not a local variable:
// in these languages `let`, `const`, `var` and `local` inside a function body declare locals, so for
// a member they count only at a line's start (a module's top level), not indented.
const TOP_LEVEL_VARIABLE_WORDS = String.raw`(?<=^(?:export\s+(?:default\s+)?)?)(?:const|let|var)|(?<=^)local\s+function|(?<=^)local(?=[ \t])`;
const MEMBER_DECLARATION = `(?:${DECLARATION_WORDS}|${TOP_LEVEL_VARIABLE_WORDS})`;
const LOCALS_IN_BODIES = new Set(["javascript", "javascriptreact", "typescript", "typescriptreact", "lua", "rust"]);

// A field's modifiers and its type (generics and arrays included), before the name: see declarationForms.
const FIELD_MODIFIERS = String.raw`(?:public|private|protected|internal|static|final|readonly|const|volatile|transient)`;
const FIELD_TYPE = String.raw`[\w$.]+(?:<[^;=\n]*>)?(?:\[\])*\??`;

// A method's type parameters, balanced to four levels and over several lines (tRPC's `create<\n
// TOptions extends Partial<RuntimeConfig<Create<TParams>>>,\n>(`), with an object type or a
// function type (`=>` included) in a constraint; balanced, so that in `f<T extends Record<string,
// Input<any>>>(` Input is not a method.
const TYPE_PARAMETERS = [1, 2, 3].reduce(
  (inner) => String.raw`<(?:=>|[^<>;{}()]|\{[^;{}]*\}|\([^;{}()]*\)|${inner})*>`,
  String.raw`<[^<>;{}()]*>`,
);

// In C and C++ only these introduce a named declaration; `const` there qualifies a type
// (`const text_style& rhs`), the other languages' words are names like any other, and a `friend
// class X` names a class declared elsewhere.
const C_DECLARATION = String.raw`(?<!\bfriend\s+)(?:class|struct|union|enum(?:\s+class)?|typedef(?:\s+struct)?|namespace)`;
// A word of the type before a C or C++ variable's name (`const`, `std::vector<int>`, `char *`), and
// the words that lead a statement instead (`return x;`, `delete p;`).
const C_TYPE_WORD = String.raw`[A-Za-z_][\w:]*(?:<[^;{}()\n]*>)?(?:[ \t]*[*&]+[ \t]*|[ \t]+)`;
const C_NOT_TYPE = String.raw`(?:return|goto|delete|throw|else|case|typedef|using|co_return|co_yield)`;

/**
 * Whether the chunker's symbol is `name`, by its last segment; `parse_range` and `parseRange` are
 * the same name. With textDeclaresName, what "a chunk declares a name" means to the ranking.
 */
export function symbolIsName(name: string, symbol: unknown): boolean {
  const want = lastSegment(name);
  if (!want || want.length < 2 || typeof symbol !== "string" || !symbol) return false;
  return nameKey(lastSegment(symbol)) === nameKey(want) || nameKey(symbol) === nameKey(name);
}

/**
 * Whether the chunker's symbol is a constructor of `name`: a member named as its container
 * (`basic_format_args.basic_format_args`, C++, Java, C#). A type's constructors say its name as a
 * method does, but the type is declared where its class is.
 */
function isConstructorOf(name: string, symbol: unknown): boolean {
  if (typeof symbol !== "string" || !symbol) return false;
  const parts = segments(symbol);
  if (parts.length < 2) return false;
  const want = nameKey(lastSegment(name));
  return nameKey(parts[parts.length - 1]) === want && nameKey(parts[parts.length - 2]) === want;
}

/**
 * Whether a chunk stands for a constructor of `name` and not for the type: its symbol is a
 * constructor and its text does not open the type itself. A container's bare opening line leads its
 * first member (chunking/code), so `public class JSValueObject : ... {` with its default constructor
 * is one chunk named `JSValueObject.JSValueObject`: that chunk is where the class is.
 */
export function isConstructorOnly(name: string, symbol: unknown, text: string): boolean {
  if (!isConstructorOf(name, symbol)) return false;
  const want = lastSegment(name);
  return !compiledOnce(typeOpenings, want, () => new RegExp(String.raw`(?<![\w$])(?:class|struct|interface|record|enum)\s+(?:[A-Z][A-Z0-9_]*\s+)?${escapeRegExp(want)}(?![\w$])(?!\s*;)`)).test(text);
}

const typeOpenings = new Map<string, RegExp>();

/** A name as symbols are compared: `parse_range`, `parseRange` and `ParseRange` are one name. */
function nameKey(name: string): string {
  return name.replace(/[_\-]/g, "").toLowerCase();
}

/**
 * Whether the text has a declaration of `name`: a declaration word and the name (`def parse_args`,
 * `class Range`, `fn new`, `func (r *Reader) Read`), a function given to a
 * name or a property (`name = function`, `name: (a) =>`, `exports.name =`, `obj.name = () =>`), a
 * method header (`name(args) {`), `#define NAME`, or a member of an enum (`Name(usize),`). A name
 * with a capital letter is matched as written, one in lower case in any case. In C and C++ (the
 * chunk's `language`) a forward declaration (`class X;`) is none, an export macro may stand
 * between `class` and the name, and a global given a value at the left margin declares its name
 * (`constexpr int kAlpha = -60;`). In Python a module's assignment declares its names (`NOTHING =
 * ...`, `ib = attr = attrib`, `TIMEOUT: float = 5`): that is how a module exports a constant or an alias.
 * In shell, likewise, an assignment at the left margin (`PKG="byobu"`, `export PATH=...`). A name on a
 * line that is a comment is not declared there (`# @overload def has_entry(key, value)`).
 */
export function textDeclaresName(name: string, text: string, language?: unknown, member = false): boolean {
  const want = lastSegment(name);
  if (!want || want.length < 2) return false;
  // Every form of the pattern holds the name itself: a text without it (compared as the pattern's
  // case-insensitive match does) is not tried, and most of a search's candidates lack it.
  const cased = /\p{Lu}/u.test(want);
  if (!cased && !upperCase(text).includes(want.toUpperCase())) return false;
  // Upper-casing can lengthen a text (ß is SS): positions in it are then not the text's.
  const haystack = cased ? text : upperCase(text);
  const dialect = dialectOf(language, member);
  if (!ASCII_NAME.test(want) || haystack.length !== text.length) return declarationPattern(want, cased, dialect).test(text.replace(COMMENT_LINES, ""));
  // One pattern serves every name (one made per name cost 0.5 ms to compile on its first text, for
  // each new word of each query): it is tried where each place the name stands as a word ends, and
  // its lookbehinds read back over exactly that name.
  const pattern = DECLARED.get(declaredKey(cased, dialect))!;
  const needle = cased ? want : want.toUpperCase();
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    // A word character before it makes it part of a longer name; one after, the pattern refuses.
    if (at > 0 && /[\w$]/.test(text[at - 1])) continue;
    pattern.lastIndex = at + want.length;
    if (pattern.test(text) && !inLineComment(text, at)) return true;
  }
  return false;
}

// A line that is a comment: `#` (not C's `#define`, Rust's `#[...]` or a `#!` line), `//`, `--`, or a
// block comment's `/*` or ` * `. Written there, `# @overload def has_entry(key, value)` (Ruby's YARD)
// or ` * function plugin(md) {` (a JSDoc example) shows a declaration; the code declares it below.
const COMMENT_LINE = /^[ \t]*(?:#(?![ \t]*define\b|\[|!)|\/\/|--|\/\*|\*(?=[ \t]|\/|$))/;
const COMMENT_LINES = new RegExp(`${COMMENT_LINE.source}.*$`, "gm");

/** Whether the name at position `at` of the text is on a line that is a comment. */
function inLineComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  // Up to the name's first letter: a generator method's star (`  *walk(node) {`) is no comment's.
  return COMMENT_LINE.test(text.slice(lineStart, at + 1));
}

/**
 * Whether the text is an implementation of `name`, Rust's `impl Name {` or `impl Trait for Name {`
 * (`impl Name for Type` is a use of the trait Name), or Swift's `extension Name {` or `extension
 * Name: Protocol {`: where the type's methods are, not where the type is. The ranking counts it as
 * the type's declaration only where no candidate declares the type itself (search/hybrid.ts), so that
 * `pub struct WalkParallel {` leads `impl WalkParallel {`, and `public protocol Record` leads
 * `public extension Record`.
 */
export function textImplementsName(name: string, text: string): boolean {
  const want = lastSegment(name);
  if (!want || want.length < 2 || !(text.includes("impl") || text.includes("extension"))) return false;
  // As textDeclaresName: a name typed with a capital matches as typed, one in lower case in any case.
  const cased = /\p{Lu}/u.test(want);
  if (cased ? !text.includes(want) : !upperCase(text).includes(want.toUpperCase())) return false;
  return compiledOnce(implementations, want, () => {
    const n = escapeRegExp(want);
    const rust = String.raw`\bimpl(?:\s*<[^>{]*>)?\s+(?:[\w:]+(?:<[^>{]*>)?\s+for\s+)?${n}(?![\w$])(?!\s*(?:<[^>{]*>)?\s*for\b)`;
    // `extension Outer.Inner` extends Inner, not Outer.
    const swift = String.raw`\bextension\s+(?:[\w$]+\.)*${n}(?![\w$.])`;
    return new RegExp(`${rust}|${swift}`, cased ? "" : "i");
  }).test(text);
}

const implementations = new Map<string, RegExp>();

/** Names the shared pattern can read back over: `[\w$]+`. */
const ASCII_NAME = /^[\w$]+$/;

// A query with several names tests each on the same chunk in turn: its text is upper-cased once.
let lastText: string | undefined;
let lastUpper = "";

function upperCase(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastUpper = text.toUpperCase();
  }
  return lastUpper;
}

const patterns = new Map<string, RegExp>();

/** The pattern for one name, for names the shared pattern cannot read back over (`größe`). */
function declarationPattern(name: string, cased: boolean, dialect?: Dialect): RegExp {
  // Written as the name, then the forms: the engine tries them only where the name occurs.
  const key = `${dialect ? `${dialect} ` : ""}${name}`;
  return compiledOnce(patterns, key, () => new RegExp(`${escapeRegExp(name)}(?:${declarationForms(escapeRegExp(name), cased, dialect)})`, cased ? "m" : "im"));
}

/**
 * Which declaration forms a chunk's language reads: C and C++ their own, and a struct's fields for a
 * name the query qualifies (`z_stream.avail_in`); a name the query qualifies
 * as a member, in a language whose function bodies declare locals with the same words, only
 * top-level variables; Python its module's assignments too, shell its script's, Lua its module
 * table's fields, Go the members of a `const (`, `var (` or `type (` block, and Ruby its constants.
 */
const DIALECTS = ["C", "C member", "member", "Python", "shell", "Lua", "Lua member", "Go", "Ruby"] as const;
type Dialect = (typeof DIALECTS)[number];

function dialectOf(language: unknown, member: boolean): Dialect | undefined {
  if (language === "c" || language === "cpp") return member ? "C member" : "C";
  if (language === "lua") return member ? "Lua member" : "Lua";
  if (member && typeof language === "string" && LOCALS_IN_BODIES.has(language)) return "member";
  return language === "python" ? "Python" : language === "shellscript" ? "shell" : language === "go" ? "Go" : language === "ruby" ? "Ruby" : undefined;
}

/** Any name's declaration, tried (sticky) where a name ends; `[\w$]+` reads the name back. */
const ANY_NAME = String.raw`[\w$]+`;
// One pattern for each dialect (and none), matched as typed or in any case.
const DECLARED: ReadonlyMap<string, RegExp> = new Map(
  [undefined, ...DIALECTS].flatMap((dialect) =>
    [true, false].map((cased): [string, RegExp] => [declaredKey(cased, dialect), new RegExp(declarationForms(ANY_NAME, cased, dialect), cased ? "my" : "imy")]),
  ),
);

function declaredKey(cased: boolean, dialect?: Dialect): string {
  return `${cased ? "cased" : "any case"}${dialect ? `, ${dialect}` : ""}`;
}

/**
 * The forms of a declaration of the name that `n` matches, each "what comes after the name" with
 * "what comes before it, ending with the name" as a lookbehind, so that they are tried where a name
 * ends rather than at every position of the text: the same texts match as "before, name, after",
 * several times faster (a keyword query tests each of its words on ~100 candidates;
 * test/unit/declares-name.test.ts). A name typed with a capital is matched as typed (the callers'
 * flags): code declares `Command`, while prose in a comment says "sub command".
 */
function declarationForms(n: string, cased: boolean, dialect?: Dialect): string {
  const end = String.raw`(?![\w$])`;
  const c = dialect === "C" || dialect === "C member";
  const member = dialect === "member" || dialect === "Lua member";
  const lua = dialect === "Lua" || dialect === "Lua member";
  // C and C++: `class basic_format_args;` is a forward declaration (Rust's `struct Unit;` is not),
  // and `struct hashfn *h`, `const struct hashfn *` or `struct crypt_data data` use the type:
  // a pointer, a reference, a name, a parenthesis or a comma after it (an export macro before a
  // class's name, `class FMT_API format_error`, is not its name either; `final` is no name).
  const notDeclaring = c ? String.raw`(?!(?<=\b(?:class|struct|union|enum)\s+${n})\s*(?:<[^;{}]*>\s*)?;)(?!\s*(?:[*&(),]|(?!final\b)[A-Za-z_$]))` : "";
  return [
    // Not an import bound to a name: `const Range = require('../classes/range')`, Lua's `local
    // utils = require 'pl.utils'`, TypeScript's `import { type Extension, type Context as C }`; nor
    // a qualifier: `function OrderedMap:keys ()` declares `keys`. Ruby's `def route!` and `def
    // empty?` are other methods than route and empty (TypeScript's `let x!: T` declares x).
    String.raw`(?<=(?:^|[^\w$.])${c ? C_DECLARATION : member ? MEMBER_DECLARATION : DECLARATION}\s+(?:[\w$]+\s*(?:\.|::)\s*)*[*&]?${n})${end}(?![!?](?![:=]))(?!\s*=\s*(?:require\s*[('"]|(?:await\s+)?import\b))(?!(?<=\btype\s+${n})\s*(?:[,}]|as\s))(?!(?:\.|::?)[\w$])${notDeclaring}`,
    // A Lua method: `function Date.Format:parse (str)`.
    String.raw`(?<=\bfunction\s+(?:[\w$]+\.)*[\w$]+:${n})${end}`,
    // A C++ class behind its export macro: `class FMT_API format_error : public std::runtime_error {`.
    ...(c ? [String.raw`(?<=\b(?:class|struct|union)\s+[A-Z][A-Z0-9_]*\s+${n})${end}(?!\s*;)`] : []),
    // C's typedef declares its last name: `typedef uint32_t BF_word;`, `typedef BF_word BF_key[18];`,
    // `typedef void (*crypt_fn) (...)`; and `} BF_ctx;` ends a typedef of an unnamed struct.
    // zlib's `} FAR deflate_state;` behind a macro in capitals.
    ...(c ? [String.raw`(?<=\btypedef\b[^;{}]*[\s*(]${n})(?=\s*(?:[;\[]|\)\s*\())`, String.raw`(?<=^[ \t]*\}[ \t]*(?:[A-Z][A-Z0-9_]*[ \t]+)*\**[ \t]*${n})(?=[ \t]*;)`] : []),
    // A C or C++ field, for a name the query qualifies: `    uInt     avail_in;`, `    z_const Bytef *next_in;`,
    // `    unsigned bits : 4;`, `    std::vector<int> items_ = {};`, indented, its type's words before it. Not
    // `return x;` or `delete p;`. A local in a function body reads the same, and the qualifier's scope
    // (inScope) tells the struct's chunk from a function that only says the struct's name.
    ...(dialect === "C member" ? [String.raw`(?<=^[ \t]+(?!${C_NOT_TYPE}\b)(?:${C_TYPE_WORD})+${n})(?=[ \t]*(?:\[[^\]\n]*\][ \t]*)*(?::[ \t]*\w+[ \t]*)?(?:=[^;\n]*)?;)`] : []),
    // A C or C++ variable or constant at a file's or a namespace's top level, at the left margin and
    // given a value: `constexpr int kAlpha = -60;`, `static const char *const names[] = {`,
    // `const std::array<int, 3> kSizes{1, 2, 3};`. Indented, it is most often a function's local.
    ...(c ? [String.raw`(?<=^(?!${C_NOT_TYPE}\b)(?:${C_TYPE_WORD})+${n})(?=[ \t]*(?:\[[^\]\n]*\][ \t]*)*(?:=(?!=)|\{))`] : []),
    String.raw`(?<=\bfunc\s*\([^)]*\)\s*${n})${end}`,
    // Not when it is given a name or a module declared elsewhere: `exports.Command = Command;`.
    String.raw`(?<=(?:^|[^\w$])(?:exports|module\.exports|this|self|prototype)\.${n})\s*=(?![=>])(?![ \t]*(?:[\w$]+(?:\.[\w$]+)*|require\s*\([^()\n]*\)(?:\.[\w$]+)*)[ \t]*;?[ \t]*$)`,
    // A name or an object's property given a function or a class: `name = function`, `name: (a) =>`,
    // `picomatch.makeRe = (input, options) =>`, Lua's `Date.Format = class()`.
    String.raw`(?<=(?:^|[^\w$.]|[\w$]\.)${n})\s*[:=]\s*(?:async\s+)?(?:function\b|class\b|\([^)]*\)\s*(?::[^=\n]+)?=>|[\w$]+\s*=>)`,
    // A method header: type parameters (`compile<T = unknown>(`), parameters that may hold one
    // level of braces or parentheses (`{separator = ", "}: Options = {}`, `cb: (e: Error) => void`),
    // then a return type (TypeScript `): R {`, C++ `-> R`), C++'s `const override`, `noexcept` and the
    // like, `throws`, and the body's brace, which may open on the next line after the `throws` list
    // too (Java's Allman style). A conversion operator (C#'s `public static implicit operator
    // VerificationResultData(VerificationResult r)`, C++'s `operator bool() const`) converts to the
    // type, and declares neither it nor a method; nor does a base class called after a colon, in a
    // C++ constructor's initializer list (`: BasicAdapter(value) { }`) or a Kotlin class's supertypes
    // (`class Foo : Bar(x) {`).
    String.raw`(?<=^[ \t]*(?:(?:public|private|protected|static|async|get|set|override|abstract|final|virtual|inline|export|pub|def)\s+)*(?:[\w$:<>,*&\[\]]+\s+)*[*&]?(?:[\w$]+(?:<[^>\n]*>)?::)*${n})(?<!\boperator\s+${n})(?<!(?<!:):\s*${n})\s*(?:${TYPE_PARAMETERS})?\s*\((?:[^;{}()]|\{[^;{}]*\}|\([^;{}()]*\))*\)\s*(?:(?:const|volatile|override|final|noexcept(?:\s*\([^()]*\))?|&&?)\s*)*(?:(?:->|:)[^{;\n]*)?(?:throws[^{;\n]*)?\s*\{`,
    String.raw`(?<=^[ \t]*#[ \t]*define[ \t]+${n})${end}`,
    // A field behind its modifiers and type (Java, C#): `public static final int URI_TYPE_ASSET = 1;`,
    // `private readonly Dictionary<string, int> cache;`. A modifier is required: `int count = 0;` in a
    // body is a local.
    String.raw`(?<=^[ \t]*(?:${FIELD_MODIFIERS}\s+)+${FIELD_TYPE}\s+${n})(?=\s*(?:=(?![=>])|;))`,
    // Python: an assignment at a module's top level, not indented (inside a function it is a local),
    // possibly annotated or chained: `NOTHING = ...`, `TIMEOUT: float = 5`, `s = attributes = attrs`.
    ...(dialect === "Python" ? [String.raw`(?<=^(?:[A-Za-z_]\w*[ \t]*=[ \t]*)*${n})[ \t]*(?::[^=\n]*)?=(?!=)`] : []),
    // Shell: a script's global, assigned at the left margin (`VARS_TO_UPDATE="DISPLAY ..."`, `export
    // PKG=byobu`, `readonly MAX=3`, `declare -a LIST=(...)`); indented, it is most often a function's.
    ...(dialect === "shell" ? [String.raw`(?<=^(?:(?:export|readonly|declare|typeset)(?:[ \t]+-[A-Za-z]+)*[ \t]+)?${n})(?=\+?=)`] : []),
    // Lua: a module table's field, assigned at the left margin (`_M.FFI_BAD_CONTEXT = -101`,
    // `M.version = "1.2"`): that is how a module exports a constant. Indented, it sets a field in a
    // body; given a name (`_M.collect_captures = collect_captures`, not `true` or `nil`), it exports
    // what is declared elsewhere.
    ...(lua ? [String.raw`(?<=^(?:[\w$]+\.)+${n})[ \t]*=(?!=)(?![ \t]*(?!(?:true|false|nil)(?![\w$]))[A-Za-z_$][\w$]*(?:\.[\w$]+)*[ \t]*;?[ \t]*(?:--[^\n]*)?$)`] : []),
    // Go: a member of a `const (`, `var (` or `type (` block, one tab in, as gofmt writes it: the name
    // (and any others it shares the line with), maybe a type, then `=`, a comment or the line's end:
    // `IniIncludeDefaults = 1 << iota`, `IniCommentDefaults` (iota goes on), `FieldKeyMsg = "msg"`,
    // `MemoryBudget int = 1e6`, `Options struct {`. A value's own lines are two tabs in.
    ...(dialect === "Go" ? [String.raw`(?<=\b(?:const|var|type)[ \t]*\((?:(?!^[ \t]*\)[ \t]*$)[^])*?^(?:\t| {2,4})(?:[\w$]+[ \t]*,[ \t]*)*${n})(?=(?:[ \t]*,[ \t]*[\w$]+)*(?:[ \t]+[^=\n]*?)?[ \t]*(?:=(?!=)|\/\/|$))`] : []),
    // Ruby: a constant, any name assigned with a capital first (`BODY_FORMATS = {`, `Data =
    // Struct.new(...)`), at a file's, a module's or a class's level: a method cannot assign one. Only
    // for a name typed with a capital, since a case-blind match would take every local for one.
    ...(dialect === "Ruby" && cased ? [String.raw`(?<=^[ \t]*${n})(?<=^[ \t]*[A-Z][\w]*)[ \t]*=(?![=~>])`] : []),
    // A member of an enum's body, on a line of its own: Rust `Name(usize),`, TypeScript `Name = 1,`,
    // Java `NAME("x"),`, C++ `Name` before the closing brace; not a match arm (`Name(x) =>`).
    String.raw`(?<=\benum\s+(?:class\s+)?[\w$]+[^{;\n]*\{(?:(?!^[ \t]*\}[ \t]*;?$)[^])*?^[ \t]*${n})(?=\s*(?:\([^)\n]*\)|\{[^}\n]*\})?\s*(?:[,;]|=(?![=>])|$))(?![^\n]*=>)`,
  ].join("|");
}

/**
 * Whether a chunk that declares `name` lies inside `qualifier`, the innermost qualifier the query
 * gives it (`Regex` of `Regex::new`): its text assigns the name on the qualifier (`column.pin =`,
 * assignsQualified); its symbol's own qualifier is that name (`Regex.new`, not
 * `RegexSet.new`); a symbol of one segment other than the name is the container the chunk is (`impl
 * Cache { fn new`), and must be it; a chunk named after the name alone, or not named, is inside when
 * its text says the qualifier as a word (`impl Regex {`, `picomatch.makeRe = (`) or its path has it
 * as a part (`cobra/cobra.go` for `cobra.ld`, `rack/utils.rb` for `Rack::Utils.escape_html`).
 * Symbols and path parts compare as symbolIsName does, a plural as its singular; the text, case and all.
 */
export function inScope(qualifier: string, name: string, chunk: { path: string; text: string; symbol?: unknown }): boolean {
  if (assignsQualified(qualifier, name, chunk.text)) return true;
  const parts = symbolSegments(chunk.symbol);
  if (parts.length >= 2 || (parts.length === 1 && scopeKey(parts[0]) !== scopeKey(lastSegment(name)))) return symbolInScope(qualifier, name, chunk);
  if (wordPattern(qualifier).test(chunk.text)) return true;
  const { fileParts, folderParts } = pathParts(chunk.path);
  return [...fileParts, ...folderParts].some((p) => scopeKey(p) === scopeKey(qualifier));
}

const qualifiedAssignments = new Map<string, RegExp>();

/**
 * Whether the text assigns the name as the query qualifies it, `column.pin = position => {`: a
 * member set on the object in the factory that builds it (TanStack's features, a CommonJS module's
 * `exports.x =`), whatever the chunk is named after (the feature, `ColumnPinning`). Its own words,
 * case and all, so `row.pin =` is not it.
 */
function assignsQualified(qualifier: string, name: string, text: string): boolean {
  const key = `${qualifier}\u0000${name}`;
  return compiledOnce(qualifiedAssignments, key, () => new RegExp(String.raw`(?<![\w$])${escapeRegExp(qualifier)}\s*(?:\.|::)\s*${escapeRegExp(lastSegment(name) ?? name)}\s*=(?![=>])`)).test(text);
}

/**
 * Whether a chunk's symbol alone places the declaration of `name` inside `qualifier`. Where the
 * symbol has the name among its segments, the segment before it is its container: a member named
 * within the qualifier (`TypeConverterProviderImpl.obtainTypeConverter`), or a type whose chunk opens
 * with a nested one (`Sinatra.Templates.ContentTyped` holds `module Templates`). Otherwise the chunk
 * is a piece of a container (`Sinatra.Base`, a stretch of class Base's methods) or of a sibling member
 * (`Base.route!`): the last segment or the one before it, but only the last where the chunk's text
 * opens that type (`class Middleware` nested in `Response`). The strongest of inScope's evidence: where
 * a candidate has it, a chunk that is inside only by saying the qualifier (a top-level
 * `obtainTypeConverter()` that calls `TypeConverterProviderImpl.obtainTypeConverter(...)`) is not.
 */
export function symbolInScope(qualifier: string, name: string, chunk: { symbol?: unknown; text?: string }): boolean {
  const parts = symbolSegments(chunk.symbol);
  if (!parts.length) return false;
  const want = scopeKey(qualifier);
  const at = parts.map(scopeKey).lastIndexOf(scopeKey(lastSegment(name)));
  if (at >= 0) return at > 0 && scopeKey(parts[at - 1]) === want;
  const last = parts[parts.length - 1];
  if (scopeKey(last) === want) return true;
  // A chunk that opens its symbol's type (`class Middleware` in `Faraday.Response.Middleware`) holds
  // that type's members, not its container's.
  if (chunk.text !== undefined && opensType(last, chunk.text)) return false;
  return parts.length >= 2 && scopeKey(parts[parts.length - 2]) === want;
}

const typeOpeners = new Map<string, RegExp>();

/** Whether the text opens a class, module, struct, interface, trait, object or enum called `name`. */
function opensType(name: string, text: string): boolean {
  return compiledOnce(typeOpeners, name, () => new RegExp(String.raw`(?<![\w$])(?:class|module|struct|interface|trait|object|enum)\s+(?:[\w$]+(?:::|\.))*${escapeRegExp(name)}(?![\w$])`)).test(text);
}

/** Names compared for scope as symbolIsName compares them: case and separators aside, a plural as its singular. */
const scopeKey = (s: string) => singular(nameKey(s));

function symbolSegments(symbol: unknown): string[] {
  return typeof symbol === "string" && symbol ? segments(symbol) : [];
}

const words = new Map<string, RegExp>();

/** `word` standing alone in a text, case and all; compiled once per word. */
export function wordPattern(word: string): RegExp {
  return compiledOnce(words, word, () => new RegExp(`(?<![\\w$])${escapeRegExp(word)}(?![\\w$])`));
}

/** Patterns made for names: a search tests a few names, and the same ones come back query after query. */
const NAMES_KEPT = 500;

/** A pattern made for a name once, among the last NAMES_KEPT names. */
function compiledOnce(cache: Map<string, RegExp>, name: string, make: () => RegExp): RegExp {
  return remembered(cache, name, NAMES_KEPT, make);
}

/**
 * `make()` for `key` once, while the cache holds fewer than `limit` keys: then it starts over, so
 * that a long session's caches stay bounded without bookkeeping on every read.
 */
function remembered<T>(cache: Map<string, T>, key: string, limit: number, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
  }
  return value;
}

// ---------------------------------------------------------------- paths

const PATH_STOP = new Set(
  ("a an and are as at be been but by can could do does for from has have how i if in into is it its me my not of on or our " +
    "should so than that the their them then there these they this those to was we were what when where which who why will with would you your " +
    "use used using get set make code file files function method way work works").split(" "),
);

/** The query's words worth looking for in a path: content words and identifier parts, 3 letters or more. */
export function pathWords(query: string): string[] {
  const out = new Set<string>();
  for (const m of query.matchAll(WORD)) {
    for (const w of [m[0].toLowerCase(), ...splitIdentifier(m[0])]) if (w.length >= 3 && !PATH_STOP.has(w) && !/^\d+$/.test(w)) out.add(w);
  }
  return [...out];
}

/** Singular of a plain English plural: ranges -> range, entries -> entry, classes -> class. */
export function singular(w: string): string {
  if (w.length > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
  if (w.length > 4 && /(?:ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

/**
 * A query word and a path part are the same word: equal, the word the part abbreviates, plural/singular,
 * or one a prefix (4+ letters) or part of the other.
 */
export function wordsMatch(word: string, part: string): boolean {
  if (word === part) return true;
  // A name's abbreviation is the word it stands for, as the keyword index reads code (search/abbreviations.ts).
  if (spelledOut(part).some((w) => w === word || singular(w) === singular(word))) return true;
  const a = singular(word);
  const b = singular(part);
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.includes(short);
}

/**
 * How well a path matches the query's words, in [0, 1]: a word in the file's base name counts 1, in
 * a folder name 0.5, over at most three words (a long question is not expected to name its file with
 * every word). 0 when nothing matches.
 */
export function pathMatchScore(path: string, words: string[]): number {
  if (!words.length) return 0;
  const { fileParts, folderParts } = pathParts(path);
  let score = 0;
  for (const w of words) {
    if (fileParts.some((p) => wordsMatch(w, p))) score += 1;
    else if (folderParts.some((p) => wordsMatch(w, p))) score += 0.5;
  }
  return Math.min(1, score / Math.min(words.length, 3));
}

/** Paths whose parts are remembered; a search reads ~100, and the same files come back query after query. */
const PATH_PARTS_KEPT = 20_000;
const pathPartsSeen = new Map<string, { fileParts: string[]; folderParts: string[] }>();

/** The words of a path's base name (without its extension) and of its folders, each 2 letters or more. */
function pathParts(path: string): { fileParts: string[]; folderParts: string[] } {
  return remembered(pathPartsSeen, path, PATH_PARTS_KEPT, () => {
    const segments = path.split("/");
    const file = segments.pop()!.replace(/\.[^.]*$/, "");
    const partsOf = (s: string) => [...new Set([s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""), ...splitIdentifier(s)])].filter((p) => p.length >= 2);
    return { fileParts: partsOf(file), folderParts: segments.flatMap(partsOf) };
  });
}

// ---------------------------------------------------------------- symbols

/**
 * How much of a chunk's symbol (its last segment, split into words of 3 letters or more) the query's
 * words make up, in [0, 1]: `resolve_redirects` against "how are redirects followed" is 0.5, since
 * "redirects" is one of its two words. 0 below half (one word of a long name is chance) or without a
 * symbol.
 */
export function symbolMatchScore(symbol: unknown, words: string[]): number {
  if (typeof symbol !== "string" || !symbol || !words.length) return 0;
  const parts = [...new Set(splitIdentifier(lastSegment(symbol)))].filter((p) => p.length >= 3);
  if (!parts.length) return 0;
  const m = parts.filter((p) => words.some((w) => wordsMatch(w, p))).length / parts.length;
  return m >= 0.5 ? m : 0;
}

// ---------------------------------------------------------------- demotion

/**
 * Demotion globs compiled once per list of globs, by content: a search through the language server
 * brings its settings' list as a new array every time (copied, then cloned to the engine thread), and
 * compiling it cost 0.8 to 3.5 ms a search, against 0.01 ms for a list seen before. A few lists at most.
 */
const compiled = new Map<string, (path: string) => boolean>();
const LISTS_KEPT = 16;

export function demotionMatcher(globs: readonly string[]): (path: string) => boolean {
  return remembered(compiled, JSON.stringify(globs), LISTS_KEPT, () => {
    // `**/x/**` should also match a path that starts with x/ (a relative path has no leading folder).
    const isMatch = globs.length ? picomatch([...globs], { dot: true, nocase: true }) : () => false;
    // The globs' regexes cost more than the rest of a chunk's signals: each path is tested once.
    const seen = new Map<string, boolean>();
    return (path: string) => remembered(seen, path, PATH_PARTS_KEPT, () => isMatch(path) || isMatch(`_/${path}`));
  });
}

/**
 * Whether a chunk's file goes down: it matches a demotion glob and the query does not ask for that
 * kind of file (a query word that is a part of the path, "test" for test/…, "example" for examples/…).
 */
export function isDemoted(path: string, matcher: (path: string) => boolean, queryWords: string[]): boolean {
  if (!matcher(path)) return false;
  const parts = new Set(path.split(/[/.]/).flatMap((s) => splitIdentifier(s)).map(singular));
  return !queryWords.some((w) => KIND_WORDS.has(singular(w)) && parts.has(singular(w)));
}

/**
 * Whether a chunk is a test written inside a source file: Rust keeps its unit tests beside the code,
 * in `#[cfg(test)] mod tests`, so a path says nothing of them (11% of the ignore crate's chunks). A
 * query that asks for tests ("test for add_line") keeps them.
 */
export function isInlineTest(row: { text: string; metadata: Record<string, unknown> }, queryWords: string[]): boolean {
  const symbol = typeof row.metadata.symbol === "string" ? row.metadata.symbol : "";
  const inTestModule = row.metadata.language === "rust" && /^tests?(?:\.|$)/.test(symbol);
  if (!inTestModule && !/#\[(?:test|cfg\(test\))\]/.test(row.text)) return false;
  return !queryWords.some((w) => singular(w) === "test");
}

/**
 * Whether a chunk comes from a code file a tool generated (its first lines say so; the chunker marks
 * it, chunking/generated.ts). A query that says "generated" (or "generator", "codegen") keeps it.
 */
export function isGeneratedChunk(row: { metadata: Record<string, unknown> }, queryWords: string[]): boolean {
  if (row.metadata.generated !== true || row.metadata.kind !== "code") return false;
  return !queryWords.some((w) => /^(?:generated?|generators?|codegen|autogenerated)$/i.test(w));
}

/**
 * Whether a chunk comes from an API stub: a code file that declares only functions with empty bodies
 * (the chunker marks it, chunking/stubs.ts). A query that says "stub" keeps it.
 */
export function isStubChunk(row: { metadata: Record<string, unknown> }, queryWords: string[]): boolean {
  if (row.metadata.stub !== true || row.metadata.kind !== "code") return false;
  return !queryWords.some((w) => singular(w) === "stub");
}

/** Words that name a kind of demoted file: a query holding one (and a path holding it too) asks for that kind. */
const KIND_WORDS = new Set([
  "test", "spec", "testing", "testdata", "fixture", "mock", "example", "demo", "sample", "vendor", "vendored", "third",
  "party", "external", "extern", "amalgamation", "min", "bundle", "compat", "compatibility", "shim", "polyfill", "legacy", "d",
]);

// ---------------------------------------------------------------- per file

/**
 * File credit: each chunk gains FILE_CREDIT × the scores of its file's other chunks in the list,
 * at most its own score (so credit can double a chunk, not more). Returns the additions by index.
 */
export function fileCredit<T extends { path: string; score: number }>(items: T[], weight = FILE_CREDIT): number[] {
  const total = new Map<string, number>();
  for (const it of items) total.set(it.path, (total.get(it.path) ?? 0) + it.score);
  return items.map((it) => Math.min(it.score, weight * (total.get(it.path)! - it.score)));
}

/**
 * At most `cap` chunks of one file, in order; the others follow, in their order, so that a short list
 * still fills up. Returns the new order and which items were moved down. cap 0: unchanged.
 */
export function capPerFile<T extends { path: string }>(items: T[], cap: number): { order: T[]; moved: Set<T> } {
  if (cap <= 0) return { order: items, moved: new Set() };
  const seen = new Map<string, number>();
  const kept: T[] = [];
  const later: T[] = [];
  for (const it of items) {
    const n = seen.get(it.path) ?? 0;
    seen.set(it.path, n + 1);
    (n < cap ? kept : later).push(it);
  }
  return { order: [...kept, ...later], moved: new Set(later) };
}

type PieceRow = { path: string; metadata: Record<string, unknown> };

/**
 * Whether some candidate of a row's file with the row's symbol (one of the pieces of that function
 * or class) declares `name` in its text, by the caller's `declares`; worked out once a file, symbol
 * and name. Both the glue rule of the definition boost and laterPieceFinder ask it.
 */
export function pieceDeclares(rows: ReadonlyMap<number, PieceRow>, declares: (id: number, name: string) => boolean): (row: PieceRow, name: string) => boolean {
  const found = new Map<string, boolean>();
  return (row, name) => {
    const key = `${row.path}\0${String(row.metadata.symbol)}\0${name}`;
    let any = found.get(key);
    if (any === undefined) {
      any = [...rows].some(([id, r]) => r.path === row.path && r.metadata.symbol === row.metadata.symbol && declares(id, name));
      found.set(key, any);
    }
    return any;
  };
}

/**
 * Whether a candidate is a later piece of a function or class (its symbol, which it returns): a code
 * chunk whose text does not declare its own symbol (the second window of a long function, glue in a
 * class) while another piece of it among the candidates does (its first piece; `declaredInSymbol`
 * is pieceDeclares). `declares` is the caller's test of a candidate's text, constructors excepted.
 * Nothing is tested for a piece alone in its symbol among the candidates.
 */
export function laterPieceFinder(
  rows: ReadonlyMap<number, PieceRow>,
  declares: (id: number, name: string) => boolean,
  declaredInSymbol: (row: PieceRow, name: string) => boolean,
): (id: number) => string | undefined {
  const keyOf = (r: PieceRow) => `${r.path}\0${String(r.metadata.symbol)}`;
  let pieces: Map<string, number> | undefined;
  return (id) => {
    const row = rows.get(id);
    const symbol = row?.metadata.symbol;
    if (!row || row.metadata.kind !== "code" || typeof symbol !== "string" || !symbol) return undefined;
    if (!pieces) {
      pieces = new Map();
      for (const r of rows.values()) if (typeof r.metadata.symbol === "string") pieces.set(keyOf(r), (pieces.get(keyOf(r)) ?? 0) + 1);
    }
    if ((pieces.get(keyOf(row)) ?? 0) < 2) return undefined;
    const name = lastSegment(symbol);
    // This piece does not declare it, so a declaring piece of the symbol is another one.
    return !declares(id, name) && declaredInSymbol(row, name) ? symbol : undefined;
  };
}
