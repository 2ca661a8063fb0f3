// Splitting a file's text into chunks worth embedding: markdown by headings,
// code by declarations, plain text by paragraphs.
import { INDEXED_LANGUAGES } from "../../../shared/src/languages";
import type { ChunkKind } from "../../../shared/src/types";
import { redactSecrets, type SecretPattern } from "../secrets";
import { ANGLES_OPENER, OPERATOR_GOING_ON } from "./code/block-statements";
import { ANONYMOUS_EXPORT, chunkCode, COMPOUND } from "./code/chunk-code";
import { C_NAMES_OTHERS_RESERVE, POINTER_DECLARATOR } from "./code/declarations";
import { RUBY_BLOCK_WORD, RUBY_CONDITION_KEYWORD, syntaxFor } from "./code/syntax";
import { parseFrontMatter } from "./front-matter";
import { isGeneratedText } from "./generated";
import { isStubText } from "./stubs";
import { chunkMarkdown } from "./markdown";
import { windowRange, type Limits, type Piece } from "./pieces";
import { chunkByWindows, chunkPlainText } from "./plain-text";
import { SourceLines } from "./source-lines";

export interface Chunk {
  relPath: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /**
   * Exactly the source lines startLine..endLine joined with "\n" (CR and a BOM
   * removed, secrets replaced by `[redacted: ...]`), except for a part of one over-long line, which
   * is a slice of it.
   */
  text: string;
  language: string;
  kind: ChunkKind;
  /** Code: the declaration, e.g. "parse", "Parser.next", "Server.Handle". */
  symbol?: string;
  /** Markdown: the headings above the chunk, outermost first. */
  headingPath?: string[];
  /**
   * Front matter keys, then language, kind, `generated: true` for a code file a tool wrote
   * (generated.ts), `stub: true` for one that declares only empty functions (stubs.ts), symbol,
   * `startsInside` for a code chunk whose first line is inside a comment or string (code/lexer.ts
   * Inside), `within` for a piece of a function defined in another function's body (that function's
   * symbol), and heading (headingPath joined with " > ").
   */
  metadata: Record<string, unknown>;
}

export interface ChunkOptions {
  /** Default 1000 characters: roughly the 256-token window of all-MiniLM-L6-v2. */
  maxChars?: number;
  /** Lines repeated between consecutive windows of a long block. Default 2. */
  overlapLines?: number;
  /** Secret shapes redacted on top of the built-in ones (semanticSearch.secrets.extraPatterns). */
  secretPatterns?: readonly SecretPattern[];
}

export const DEFAULT_MAX_CHARS = 1000;
export const DEFAULT_OVERLAP_LINES = 2;

/**
 * How a language's files are cut, where that changed enough that an index made before should cut
 * them again: folded into each file's stored hash (engine/indexer.ts contentHash), so that the next
 * pass re-chunks and re-embeds that language's files only. A language without one keeps the hashes
 * it always had. Ruby 2, PHP 2 and shell 2: %-literals, regexes, `$'`, heredocs and block keywords
 * that had cut whole files into windows (docs/search-quality.md, "Ruby files read as Ruby"). C and
 * C++ 2: a forward declaration is no chunk of its own, a class's export macro is not its name, a
 * macro alone on its line ends its statement (and `.h` files moved from c to cpp, as VS Code has them).
 * Ruby 3 (thirty-sixth round): character literals of signs (`?}`), commands in backticks, regexes
 * over lines, keywords after operators, labels and block parameters, a line after `= \`, methods
 * called `do`; found in 20 files of activesupport, Sequel, Nokogiri, Rouge, react-native's scripts and
 * mustermann, and too many forms for a test of the text that finds every file they change. Shell 3 (the same round): a
 * command substitution in double quotes holds quotes of its own (`"$(awk -F'"' ...)"`), the regex of
 * `[[ $x =~ ... ]]` is text, and a keyword after an escaped sign goes on its word (`\#if\ *)`).
 * Shell 4 (thirty-eighth round): the one-line statements right above a long block lead its first
 * window (lynis's comment and `Register --test-no ...` line above `if [ ${SKIPTEST} -eq 0 ]; then`).
 */
const CHUNKER_REVISIONS: Readonly<Record<string, string>> = { ruby: "ruby 3", php: "php 2", shellscript: "shellscript 4", c: "c 2", cpp: "cpp 2" };

/**
 * A file with an empty line inside a block comment (old Javadoc, C and PHP doc comments between
 * paragraphs): that line was read as a blank line, which cut the comment's first paragraphs off the
 * declaration it documents into a chunk of their own (docs/search-quality.md, "A Java set"). Only
 * such files are cut again: the others chunk as before, and re-embedding every JavaScript file of a
 * workspace for a form JSDoc hardly uses would cost minutes for nothing.
 */
const BLOCK_COMMENT_REVISION = "comments kept whole";

// A Lua function's header up to its parameters' opening: `local function init(`, `M.new = function (`.
// And what must not follow its parameters for it to have a body below: `end` closing the line, with
// no block opened before it on that line (`function string.len(s) end`, a stub or a one-liner).
const NOT_ONE_LINE = String.raw`(?!(?:(?!\b(?:then|do|function|repeat)\b)[^\n])*\bend[ \t]*(?:--[^\n]*)?\r?\n)`;
const LUA_FUNCTION_HEAD = String.raw`(?:(?:local[ \t]+)?function[ \t]+[\w.:]+|(?:local[ \t]+)?[\w.:]+[ \t]*=[ \t]*function)[ \t]*\(`;

/**
 * Changes to how some files of a language are named, each with a test of the text that may say yes
 * where no is right (the file is then cut again for nothing) but never no where yes is: only the
 * files a change can touch are re-chunked and re-embedded (docs/search-quality.md, fourteenth round).
 */
const NAMING_REVISIONS: readonly { languages: readonly string[]; mayApply: RegExp; revision: string }[] = [
  // `typedef void (*crypt_fn) (...)` is named crypt_fn, no longer `void`.
  { languages: ["c", "cpp"], mayApply: /\btypedef\b[^;{]*\(\s*\*/, revision: "function pointer typedefs named" },
  // `protocol ChainableException: Error` is named ChainableException, no longer `ChainableException:`.
  { languages: ["java", "csharp", "kotlin", "swift", "scala"], mayApply: /\b(?:class|interface|enum|struct|protocol|extension|object|record|trait|actor)\s+[A-Za-z_][\w.]*\s*:(?!:)/, revision: "type names end at a colon" },
  // `SkipList<Key, Comparator>::Insert(...)` is named SkipList::Insert, no longer Insert alone.
  { languages: ["cpp"], mayApply: /\b[A-Za-z_]\w*<[^<>()]*>::~?[A-Za-z_]\w*\s*\(/, revision: "template qualifiers kept" },
  // `->setHelp(<<<'EOT'` ... `EOT);`: what follows a heredoc's terminator is code, no longer text.
  { languages: ["php"], mayApply: /<<<[ \t]*(['"]?)([A-Za-z_]\w*)\1[\s\S]*?^[ \t]*\2\b[ \t]*\S/m, revision: "code after a heredoc's terminator" },
  // PHP's global `namespace { ... }` is cut by function, no longer into windows of one block.
  { languages: ["php"], mayApply: /^\s*namespace\s*\{/m, revision: "global namespace cut by function" },
  // A CommonJS module's `module.exports = { ... }` (or class, or `export default { ... }`) is cut by its members.
  { languages: ["javascript", "javascriptreact", "typescript", "typescriptreact"], mayApply: /^(?:module\.exports\s*=\s*(?:class\b|\{)|export\s+default\s*\{)/m, revision: "exported objects cut by member" },
  // `res.send = function send(body) {` and `Route.prototype.dispatch = function () {` are functions, no longer glue.
  { languages: ["javascript", "javascriptreact", "typescript", "typescriptreact"], mayApply: /^[ \t]*[\w$]+(?:\.[\w$]+)+\s*=\s*(?:[\w$.]+\s*=\s*)*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>|[\w$]+\s*=>)/m, revision: "assigned functions named" },
  // A file's code wrapped in a function called at once (`(function () { ... })();`) is cut by the functions it holds.
  { languages: ["javascript", "javascriptreact", "typescript", "typescriptreact"], mayApply: /^[;!]?\s*\((?:async\s+)?(?:function\b|\([^)]*\)\s*=>)/m, revision: "functions called at once cut by function" },
  // A doc comment, one blank line, then its code: the comment stays with the code (Express's and Koa's style).
  { languages: ["javascript", "javascriptreact", "typescript", "typescriptreact", "java", "csharp", "kotlin", "swift", "scala", "php", "c", "cpp", "go", "rust"], mayApply: /\/\*\*(?:(?!\*\/)[\s\S])*\*\/[ \t]*\r?\n[ \t]*\r?\n[ \t]*[^\s/]/, revision: "doc comments across a blank line" },
  // Type parameters one per line, closed by a line opening with `>`, no longer end the statement early.
  { languages: ["javascript", "javascriptreact", "typescript", "typescriptreact", "kotlin", "swift", "scala", "go", "ruby", "lua"], mayApply: /^[ \t]*>/m, revision: "type parameters over lines" },
  // A Lua module's `return function(busted) ... end` is cut by the functions it holds, no longer into windows.
  { languages: ["lua"], mayApply: /^\s*return\s+function\s*\(/m, revision: "returned module function cut by function" },
  // So is a function too big for one chunk whose body starts at the left margin (`local function
  // init(C, c, types)`, then the module's code): a function header, blank and comment lines, then a
  // line at the left margin other than `end`, or a block comment; or parameters over lines not
  // followed by `end` (`function string.find(s, pattern,` / `plain) end` has no body). A header
  // whose line closes with `end` has no body either (NOT_ONE_LINE).
  {
    languages: ["lua"],
    mayApply: new RegExp(
      String.raw`^[ \t]*${LUA_FUNCTION_HEAD}(?:[^)\n]*\n)+[^)\n]*\)(?![ \t]*end\b)|^[ \t]*${LUA_FUNCTION_HEAD}[^)\n]*\)${NOT_ONE_LINE}[^\n]*\n(?:[ \t]*(?:--(?!\[=*\[)[^\n]*)?\r?\n)*(?:[ \t]*--\[=*\[|(?![ \t]|end\b)[^\r\n])`,
      "m",
    ),
    revision: "module wrapper functions cut by function",
  },
  // A top-level `do ... end` block is cut by the functions it holds too.
  { languages: ["lua"], mayApply: /^do[ \t]*$/m, revision: "do blocks cut by function" },
  // `typedef struct { ... } TokenCache;` is named TokenCache, no longer left unnamed.
  { languages: ["c", "cpp"], mayApply: /\btypedef\s+(?:struct|union|enum)\b[^;{]*\{/, revision: "anonymous typedefs named" },
  // `LR"( ... )"`: a wide or Unicode raw string is text, no longer code.
  { languages: ["c", "cpp"], mayApply: /(?:u8|[uUL])R"[^()\\\s]{0,16}\(/, revision: "prefixed raw strings" },
  // `typedef struct z_stream_s { ... } z_stream;` is named z_stream, no longer after its tag, and
  // `} FAR deflate_state;` deflate_state, no longer after the macro.
  { languages: ["c", "cpp"], mayApply: /\btypedef\s+(?:struct|union|enum)\s+[A-Za-z_]\w*\s*\{|^[ \t]*\}[ \t]*[A-Z][A-Z0-9_]*[ \t]+[*A-Za-z_]/m, revision: "typedefs named after their alias" },
  // A documented one-expression function (`fun View.pxToDp(px: Float) = ...`) has a chunk and a name of its own.
  { languages: ["kotlin", "scala"], mayApply: /(?:\*\/|\/\/[^\n]*)[ \t]*\r?\n(?:[ \t]*@[^\n]*\r?\n)*[ \t]*(?:[a-z]+[ \t]+)*(?:fun|def)\b/, revision: "documented expression functions named" },
  // A line ending in a type argument (`): Promise<T>`) no longer runs on into the next statement;
  // a union or intersection written one member per line (`  | Observable<T>`) is one statement.
  { languages: ["javascript", "javascriptreact", "typescript", "typescriptreact", "go", "kotlin", "swift", "scala", "ruby", "lua", "shellscript"], mayApply: /[^=\-\s]>[ \t]*\r?$|^[ \t]*[|&](?![|&])/m, revision: "type arguments end a line, unions go on" },
  // `export function original<T>(value: T): T` over its implementation: the overloads and their doc comment join the implementation's chunk.
  { languages: ["typescript", "typescriptreact"], mayApply: /^[ \t]*(?:export\s+)?(?:(?:public|private|protected|static|async|abstract)\s+)*(?:function\s*\*?\s*)?([\w$]+)\s*(?:<[^\n]*?>)?\([^\n{]*\)[^\n{=]*;?[ \t]*\r?\n[ \t]*(?:export\s+)?(?:(?:public|private|protected|static|async)\s+)*(?:function\s*\*?\s*)?\1\s*[<(]/m, revision: "overloads lead an undocumented implementation" },
  // `/// Initialize an array.` over `#define array_init(self) ...`: a documented macro with arguments has a chunk and a name of its own.
  { languages: ["c", "cpp"], mayApply: /(?:\*\/|\/\/[^\n]*)[ \t]*\r?\n[ \t]*#[ \t]*define[ \t]+\w+\(/, revision: "documented macros named" },
  // `module.exports = (obj, keys) => {` in only.js is named only, `export default function () {` no longer "default".
  { languages: ["javascript", "javascriptreact", "typescript", "typescriptreact"], mayApply: new RegExp(ANONYMOUS_EXPORT.source, "m"), revision: "anonymous exports named after their file" },
  // A comment or blank line after an assignment or an operator (`export const X =`, then `/*@__PURE__*/`,
  // then the value) no longer ends the statement. The operator's line may end in a comment (a comment
  // line itself is no such line) or open a block comment; each language family with its own comments.
  {
    languages: ["javascript", "javascriptreact", "typescript", "typescriptreact", "go", "kotlin", "swift", "scala"],
    mayApply: operatorOverComment({ commentLine: String.raw`\/\/|\*(?:[ \t]|\r?$)`, trailing: String.raw`\/\/`, nextLine: String.raw`[ \t]*(?:\r?\n|\/\/|\/\*|\*)`, blockOpen: String.raw`\/\*` }),
    revision: "comments inside a statement",
  },
  { languages: ["ruby"], mayApply: operatorOverComment({ commentLine: "#", trailing: "#", nextLine: String.raw`[ \t]*\r?\n|[ \t]*#|=begin` }), revision: "comments inside a statement" },
  { languages: ["lua"], mayApply: operatorOverComment({ commentLine: "--", trailing: "--", nextLine: String.raw`[ \t]*(?:\r?\n|--)`, blockOpen: String.raw`--\[=*\[` }), revision: "comments inside a statement" },
  // A top-level Python `if`/`try`/`with` block too big for one chunk is cut by the definitions it holds.
  { languages: ["python"], mayApply: /^(?:if|else|try|except|finally|with)\b/m, revision: "conditional blocks cut by definition" },
  // A backslash in shell code escapes the character after it: `eval printf -v v "%s" \""\$$name"\"` no
  // longer opens a string that swallowed the rest of the file into one function.
  { languages: ["shellscript"], mayApply: /\\[^\s\w]/, revision: "backslash escapes in code" },
  // `dd if="$i" of="$target"`: a keyword followed by `=` no longer opens (or closes) a block.
  { languages: ["shellscript"], mayApply: /(?<![\w$-])(?:if|case|do|fi|esac|done)=/, revision: "keywords as arguments" },
  // A Kotlin class's `companion object { ... }` is cut by its members, named after the class, no longer into windows of the class.
  { languages: ["kotlin"], mayApply: /\bcompanion\s+object\b/, revision: "companion objects cut by member" },
  // Ruby's `class << self` likewise: its methods are named after the class.
  { languages: ["ruby"], mayApply: /^[ \t]*class\s*<<\s*self\b/m, revision: "class << self cut by method" },
  // `system %(diff "#{a}")`: a percent literal after a method name no longer reads as a modulo whose bracket never closes.
  { languages: ["ruby"], mayApply: /[A-Za-z_]\w*[?!]?[ \t]+%[([{<]/, revision: "percent literals as arguments" },
  // `#if A` / `class X {` / `#else` / `class Y {` / `#endif`: branches that each open (or close) the same
  // block are counted once, and the file below is no longer read one level too deep.
  { languages: ["c", "cpp", "csharp", "swift"], mayApply: /^[ \t]*#[ \t]*el(?:se|if)/m, revision: "twin conditional branches counted once" },
  // `[Obsolete(...)]`, `#endif`, `public static partial class ObservableWWW`: a conditional-compilation
  // line inside a declaration's header no longer hides the declaration (a line of code, not a
  // directive nor a closing brace, that ends in neither `;`, `{`, `}` nor `\`, then, maybe past
  // comment lines, such a line).
  { languages: ["c", "cpp", "csharp", "swift"], mayApply: /^[ \t]*[^#\s/*}][^\n]*[^;{}\s\\][ \t]*\r?\n(?:[ \t]*\/\/[^\n]*\r?\n)*[ \t]*#[ \t]*(?:if|ifdef|ifndef|elif|else|endif|region|endregion)\b/m, revision: "directives inside a declaration's header" },
  // `__attribute__((...))` or `__declspec(...)` before a C or C++ function is no longer its name.
  { languages: ["c", "cpp"], mayApply: /^[ \t]*(?:template\b[^\n]*)?(?:__attribute__|__declspec)\b/m, revision: "compiler attributes not names" },
  // `if (int < Int64.MinValue)` alone on its line, its branch on the next, then `else`: one statement,
  // no longer cut after the condition (Scala's and Kotlin's expression bodies, braceless JavaScript).
  {
    languages: ["javascript", "javascriptreact", "typescript", "typescriptreact", "go", "kotlin", "swift", "scala"],
    mayApply: /^[ \t]*(?:else\b|(?:else[ \t]+)?(?:if|while|for)[ \t]*\([^\n]*\)[ \t]*(?:\/\/[^\n]*|\/\*[^\n]*)?\r?$)/m,
    revision: "braceless conditions go on",
  },
  // Swift's `class func download(...)` is a method named download, no longer a class named "func".
  { languages: ["swift"], mayApply: /\bclass\s+(?:[a-z]+\s+)*(?:func|var|let|subscript)\b/, revision: "class members not classes" },
  // `fun interface ViewEventCallback<T>` is an interface; `public static (A, B) ToUniTask(...)` a method named ToUniTask.
  { languages: ["kotlin"], mayApply: /\bfun\s+interface\b/, revision: "functional interfaces named" },
  { languages: ["csharp"], mayApply: /^[ \t]*(?:[a-z]+[ \t]+)*\([^;{}]*\)\??\s*[A-Za-z_]\w*\s*(?:<[^;{}]*>)?\s*\(/m, revision: "tuple return types" },
  // A PHP class's constant or property of three lines or more is a declaration named after itself: `public static $STATEMENT_PARSERS = [`.
  { languages: ["php"], mayApply: /^[ \t]*(?:(?:(?:public|private|protected|static|final|readonly|var)[ \t]+)+(?:\??[\w\\|]+[ \t]+)?\$\w+|(?:(?:public|private|protected|final)[ \t]+)*const[ \t]+)/m, revision: "class constants and properties named" },
  // A C or C++ macro called alone on its lines (up to eight), without a semicolon, is a statement of its own, or
  // annotates the code right below it (block-statements.ts); maybe behind a trailing comment.
  { languages: ["c", "cpp"], mayApply: /^[ \t]*[A-Z][A-Z0-9_]*[ \t]*\((?:[^;{}\n]*\n){0,7}[^;{}\n]*\)[ \t]*(?:\/\/[^\n]*|\/\*[^\n]*)?\r?$/m, revision: "macro calls without a semicolon end" },
  // A Ruby condition in a class's or module's body that holds methods or classes is cut by them, as
  // one at the left margin is; a class in such a condition, at any depth, counts as a definition.
  { languages: ["ruby"], mayApply: /^([ \t]*)(?:if|unless|begin)\b[^\n]*\r?\n(?:(?:\1[ \t]+\S[^\n]*|\1(?:else|elsif|rescue|ensure)\b[^\n]*|[ \t]*)\r?\n)*?\1[ \t]+(?:def|class|module)\b/m, revision: "conditions in classes cut by definition" },
  // A Doxygen page or group comment (`/** \page ...`, ` * @defgroup ...`) a blank line above code no longer documents it.
  { languages: ["javascript", "javascriptreact", "typescript", "typescriptreact", "java", "csharp", "kotlin", "swift", "scala", "php", "c", "cpp", "go", "rust"], mayApply: /\/\*\*[ \t]*(?:\r?\n[ \t]*\*)?[ \t]*[\\@](?:mainpage|page|defgroup|addtogroup|file)\b/, revision: "doxygen pages document no declaration" },
  // `namespace std _GLIBCXX_VISIBILITY(default)` is the namespace std, no longer a function named
  // after the macro; `inline namespace literals` is a namespace too, no longer glue.
  { languages: ["cpp"], mayApply: /^[ \t]*(?:inline[ \t]+namespace\b|namespace\b[^;{\n]*\()/m, revision: "inline namespaces and namespaces with a macro named" },
  // A C or C++ macro's name alone on its line (`CMARK_GFM_EXPORT`) right above a declaration leads it, as a
  // macro call there does.
  { languages: ["c", "cpp"], mayApply: /^[ \t]*[A-Z][A-Z0-9_]*[ \t]*\r?\n[ \t]*[A-Za-z_]/m, revision: "export macros lead their declaration" },
  // A C or C++ prototype with a comment above it is a chunk named after its function, no longer glue
  // (chunk-code.ts, isDocumentedPrototype).
  { languages: ["c", "cpp"], mayApply: /(?:\*\/|\/\/[^\n]*)[ \t]*\r?\n[^;{}]*\([^;]*\)[^;{}]*;/, revision: "documented prototypes named" },
  // A macro alone over a brace (toml++'s `TOML_NAMESPACE_START`, then `{`) opens a block cut by member, no longer windows.
  { languages: ["c", "cpp"], mayApply: /^[ \t]*[A-Z][A-Z0-9_]*[ \t]*\r?\n[ \t]*\{/m, revision: "blocks a macro opens cut by member" },
  // In C and C++ a function may be named match, lock or when (libmagic's `match(struct magic_set *ms, ...)`),
  // and a compiler attribute after the return type is not the function's name.
  { languages: ["c", "cpp"], mayApply: new RegExp(String.raw`\b(?:${C_NAMES_OTHERS_RESERVE.join("|")})\s*\(`), revision: "functions named like other languages' keywords" },
  { languages: ["c", "cpp"], mayApply: /\S[ \t]*(?:__attribute__|__declspec)\s*\(/, revision: "compiler attributes after the return type not names" },
  // `class TOML_ABSTRACT_INTERFACE TOML_EXPORTED_CLASS node` is the class node: two export macros or more before the name.
  { languages: ["c", "cpp"], mayApply: /\b(?:class|struct|union|enum|namespace)[ \t]+[A-Z][A-Z0-9_]*[ \t]+[A-Z][A-Z0-9_]*[ \t]+[A-Za-z_]/, revision: "several export macros before a type's name" },
  // A C++ type's name stops at the colon of a base list written without a space (`class BasicAdapter: public Adapter`
  // is BasicAdapter, no longer `BasicAdapter:`), and `enum class Color: uint8_t` is Color; a `::` with no name
  // after it (a template's `namespace winrt::{{ name }}`) is no part of the name.
  { languages: ["c", "cpp"], mayApply: /\b(?:class|struct|union|enum|namespace)\s[^;{()]*?\w(?::(?!:)|::(?![A-Za-z_]))/, revision: "type names stop at the base list's colon" },
  // A pointer to a function is named in its parentheses (`int (PTRCALL *sameName)(...)` is sameName, no longer int).
  { languages: ["c", "cpp"], mayApply: new RegExp(String.raw`${POINTER_DECLARATOR}\s*\(`), revision: "function pointers named" },
  // A C or C++ table given a brace initializer (`static const unsigned char ebcdic_to_ascii[] = {`) is named
  // after it; only one that runs over several lines can change.
  { languages: ["c", "cpp"], mayApply: /^[ \t]*(?:[A-Za-z_][\w:<>,]*[\s*&]+)+[A-Za-z_]\w*[ \t]*(?:\[[^\]\n]*\][ \t]*)*=\s*\{[^}\n]*\n/m, revision: "tables named" },
  // A Lua table of three lines or more (`local keyword_dictionary = {`) is a chunk named after it, no longer
  // glue; only one that runs over several lines can change.
  { languages: ["lua"], mayApply: /^[ \t]*(?:local[ \t]+)?[\w.]+[ \t]*=[ \t]*\{[^}\n]*\n/m, revision: "tables named" },
  // A C# interpolated string's holes are code: a string inside one (`$"\"{v.Replace("\"", "\"\"")}\""`) no
  // longer ends the outer string and leaves the rest of the file a level off.
  { languages: ["csharp"], mayApply: /(?:\$@?|@\$)"[^\n]*\{[^}\n]*["'{\/]/, revision: "interpolated strings' holes read as code" },
  // A Swift macro (`public macro OptimizedFunction() = #externalMacro(...)`) is declared as a function is; a documented one gets a chunk and a name.
  { languages: ["swift"], mayApply: /\bmacro[ \t]+[A-Za-z_]/, revision: "macros named" },
  // Lua's `statements["if"] = function(state)` is a function named statements.if, no longer glue.
  { languages: ["lua"], mayApply: /^[ \t]*[\w.:]+[ \t]*\[[ \t]*["'][^"'\]\n]*["'][ \t]*\][ \t]*=[ \t]*function\b/m, revision: "functions under a table's string key named" },
  // A Kotlin extension function is named after its receiver's type and itself (`fun <V>
  // ListenableFuture<V>.await()` is ListenableFuture.await, no longer ListenableFuture; `fun
  // CameraSession.configureOutputs()` is CameraSession.configureOutputs, no longer configureOutputs).
  { languages: ["kotlin"], mayApply: /\bfun\s+(?:<[^>\n]*>\s*)?[\w.]+(?:<[^\n]*>)?\??\.\w/, revision: "extension functions named after their receiver" },
  // A shell parameter expansion is blanked inside: a `{` or a keyword inside it (`${HOSTNAME:-ltsp%{IP\}}`) no longer counts.
  { languages: ["shellscript"], mayApply: /\$\{(?:[^{}\n\\]|\\.)*(?:\{|\b(?:if|case|do|done|fi|esac|then|elif|else|for|while|until|function|select)\b)/, revision: "parameter expansions blanked" },
  // `:%` is a symbol (the modulo method), no longer a colon before a percent literal.
  { languages: ["ruby"], mayApply: /:%/, revision: "the :% symbol" },
  // A slash after a condition's keyword opens a regex (`when /%(-?\d+)d/`), no longer a division
  // followed by brackets and percent literals that left the rest of the file one window of its class.
  { languages: ["ruby"], mayApply: new RegExp(String.raw`${RUBY_CONDITION_KEYWORD}[ \t]*\/(?![/*])`), revision: "regexes after condition keywords" },
  // A slash inside a regex's interpolation (kramdown's `/ {#{indentation / 4}}/`) no longer ends the regex.
  { languages: ["ruby"], mayApply: /#\{[^}\n]*\/[^}\n]*\}/, revision: "slashes in regex interpolations" },
  // A quoted heredoc identifier may hold a sign (rake's `<<-'end;'`), and is blanked: its `end` closes no block.
  { languages: ["ruby"], mayApply: /<<[~-]?(['"`])[^'"`\n]*[^\w'"`\n][^'"`\n]*\1/, revision: "heredoc identifiers with signs" },
  // A line that goes on after a backslash starts no statement: a modifier `if` there opens no block.
  { languages: ["ruby"], mayApply: new RegExp(String.raw`\\\r?\n[ \t]*${RUBY_BLOCK_WORD}`), revision: "lines after a backslash go on" },
  // Rust, Swift, Kotlin and Scala nest block comments: a comment opened inside one needs its own close.
  { languages: ["rust", "swift", "kotlin", "scala"], mayApply: /\/\*(?:(?!\*\/)[\s\S])*\/\*/, revision: "nested block comments" },
  // So is one at the left margin in shell, Ruby, Lua and PHP: a library's guard against being sourced
  // twice, `if (!function_exists('f')) {`, `begin ... rescue LoadError`; and Rust's `cfg_net! {`.
  ...(["shellscript", "ruby", "lua", "php", "rust"] as const).map((language) => ({
    languages: [language],
    mayApply: new RegExp(COMPOUND[language].source, "m"),
    revision: "conditional blocks cut by function",
  })),
  // `class RequestEvent<`, `  DataType extends { requestId: string } = {`: a brace among type
  // parameters over lines is an object type, no longer the class's body (whose methods went unnamed).
  // A line that ends with `<`, then within fifty lines one with a brace that does not open with `>`.
  {
    languages: ["javascript", "javascriptreact", "typescript", "typescriptreact", "java", "csharp", "kotlin", "swift", "scala", "go", "rust", "c", "cpp", "php", "ruby", "lua"],
    mayApply: new RegExp(String.raw`${ANGLES_OPENER}[ \t]*(?:(?:\/\/|\/\*|#|--)[^\n]*)?\r?\n(?:[^\n]*\n){0,50}?[ \t]*(?!>)[^\n{]*\{`),
    revision: "braces among type parameters",
  },
  // A long function is cut by the named functions it defines (chunk-code.ts, splitsByInnerFunctions):
  // only a file with a function or an arrow function indented under something can change.
  {
    languages: ["javascript", "javascriptreact", "typescript", "typescriptreact"],
    mayApply: /^[ \t]+(?:(?:export|async)[ \t]+)*function\b|^[ \t]+(?:const|let|var)[ \t]+[\w$]+[^=\n]*=[ \t]*(?:async[ \t]+)?(?:function\b|\([^)\n]*\)[^=\n]*=>|[\w$]+[ \t]*=>)/m,
    revision: "long functions cut by the functions they define",
  },
  // TypeScript: a brace that opens an object type in a function's return type (`): Config & {`, `): Array<{`)
  // and stays open past its line no longer opens the body (block-statements.ts, opensOnlyReturnTypes).
  { languages: ["typescript", "typescriptreact"], mayApply: /\)\s*:(?:(?:[^{};]|\{[^{}]*\})*[&|<,:])?\s*\{/, revision: "object types in return types" },
  // In Lua, an indented `local function helper(` or `local helper = function(` (an inner function
  // that is not local leaves its file as it was cut until the file changes).
  { languages: ["lua"], mayApply: /^[ \t]+local[ \t]+(?:function\b|\w+[ \t]*=[ \t]*function\b)/m, revision: "long functions cut by the functions they define" },
  // In Python, a def more indented than a def above it, in that one's body.
  { languages: ["python"], mayApply: /^([ \t]*)(?:async[ \t]+)?def\b[^\n]*\r?\n(?:\1[ \t]+\S[^\n]*\r?\n|[ \t]*\r?\n)*?\1[ \t]+(?:async[ \t]+)?def\b/m, revision: "long functions cut by the functions they define" },
];

/**
 * Whether a text may hold, in one comment syntax, a line that is not itself a comment and ends in an
 * operator the statement splitter goes on past (block-statements.ts), maybe behind a trailing
 * comment, over a blank or comment line; or such an operator before a block comment's opening.
 */
function operatorOverComment(syntax: { commentLine: string; trailing: string; nextLine: string; blockOpen?: string }): RegExp {
  const overLine = String.raw`^(?![ \t]*(?:${syntax.commentLine}))[^\n]*${OPERATOR_GOING_ON}[ \t]*(?:(?:${syntax.trailing})[^\n]*)?\r?\n(?:${syntax.nextLine})`;
  const beforeBlock = syntax.blockOpen ? String.raw`|${OPERATOR_GOING_ON}[ \t]*${syntax.blockOpen}` : "";
  return new RegExp(overLine + beforeBlock, "m");
}

/**
 * A code file whose first lines say a tool generated it: its chunks carry `generated: true`, which
 * ranking reads (demoteGenerated). Only such files are cut again, as the naming changes are.
 */
const GENERATED_REVISION = "generated files marked";

/** A code file that declares only empty functions (stubs.ts): its chunks carry `stub: true`, which ranking reads. */
const STUB_REVISION = "API stubs marked";

const CODE_LANGUAGES = new Set(INDEXED_LANGUAGES.filter((l) => l.kind === "code").map((l) => l.id));

/**
 * A code chunk cut from the middle of a long comment or string carries `startsInside` (code/lexer.ts
 * Inside), which ranking reads to tell a window of prose from code (search/comment-chunks.ts). The
 * files cut again are those with a block comment or a multi-line string of LONG_SPAN_CHARS or more
 * (mayHaveLongSpan): a shorter one can start a window only in its last lines, under which the window
 * holds code. Strings of other forms (Rust's raw strings, Lua's long brackets, shell quotes over
 * lines) are not looked for: such a file gains the mark when it changes, or when the index is rebuilt.
 */
const INSIDE_REVISION = "windows inside comments marked";
const LONG_SPAN_CHARS = 500;
// The multi-line strings mayHaveLongSpan looks for, by language; each closes with its opener.
const MULTILINE_QUOTES: Readonly<Record<string, readonly string[]>> = {
  python: ['"""', "'''"],
  java: ['"""'],
  kotlin: ['"""'],
  swift: ['"""'],
  scala: ['"""'],
  csharp: ['"""'],
  javascript: ["`"],
  javascriptreact: ["`"],
  typescript: ["`"],
  typescriptreact: ["`"],
  go: ["`"],
};

/**
 * The revision of how a file of `language` is cut; given the file's `text`, also whether the
 * block-comment change, the naming changes, the generated and stub marks and the marks of windows
 * inside comments apply to it (without, as a language's revisions are listed).
 */
export function chunkerRevision(language: string, text?: string): string | undefined {
  const own = Object.hasOwn(CHUNKER_REVISIONS, language) ? CHUNKER_REVISIONS[language] : undefined;
  const comments = text !== undefined && mayHaveCommentGap(text, language) ? BLOCK_COMMENT_REVISION : undefined;
  const naming = text === undefined ? [] : NAMING_REVISIONS.filter((r) => r.languages.includes(language) && r.mayApply.test(text)).map((r) => r.revision);
  const generated = text !== undefined && CODE_LANGUAGES.has(language) && isGeneratedText(text) ? GENERATED_REVISION : undefined;
  const stub = text !== undefined && CODE_LANGUAGES.has(language) && isStubText(text, language) ? STUB_REVISION : undefined;
  const inside = text !== undefined && mayHaveLongSpan(text, language) ? INSIDE_REVISION : undefined;
  const all = [own, comments, ...naming, generated, stub, inside].filter((r): r is string => r !== undefined);
  return all.length ? all.join(", ") : undefined;
}

// Where a block comment opens and closes, for mayHaveCommentGap. Lua's `--[==[` closes with `]==]`:
// read as closing at `]]`, such a comment runs on, which can only say yes where no is right.
const COMMENT_DELIMITERS: Readonly<Record<string, readonly [string, string]>> = { ruby: ["=begin", "=end"], lua: ["--[", "]]"] };
const EMPTY_LINE = /\n[ \t]*\r?\n/;

/**
 * Whether the text may have an empty line inside a block comment. One pass over the text, each
 * comment read once; a `/*` inside a string or a line comment may make it say yes, which only cuts
 * the file again. A nested comment (Rust, Swift) read as closing at its inner end may make it say no:
 * that file keeps its old chunks until it changes.
 */
function mayHaveCommentGap(text: string, language: string): boolean {
  if (!syntaxFor(language)?.blockComments.length) return false;
  const [open, close] = commentDelimiters(language);
  return someSpan(text, open, close, (from, to) => EMPTY_LINE.test(text.slice(from + open.length, to)));
}

function commentDelimiters(language: string): readonly [string, string] {
  return Object.hasOwn(COMMENT_DELIMITERS, language) ? COMMENT_DELIMITERS[language] : ["/*", "*/"];
}

/**
 * Whether `test` holds for some span of the text from an opener to the next closer after it (`to`
 * is the closer's index, or the text's end when none follows); the next span starts after that
 * closer. One pass, each span read once.
 */
function someSpan(text: string, open: string, close: string, test: (from: number, to: number) => boolean): boolean {
  for (let at = text.indexOf(open); at >= 0; ) {
    const end = text.indexOf(close, at + open.length);
    if (test(at, end < 0 ? text.length : end)) return true;
    if (end < 0) return false;
    at = text.indexOf(open, end + close.length);
  }
  return false;
}

/**
 * Whether the text may have a block comment or a multi-line string of LONG_SPAN_CHARS or more. Each
 * is read from its opener to the next closer, as mayHaveCommentGap reads comments: a delimiter inside
 * another kind of text may make it say yes, which only cuts the file again.
 */
function mayHaveLongSpan(text: string, language: string): boolean {
  const syntax = syntaxFor(language);
  if (!syntax) return false;
  const pairs: (readonly [string, string])[] = (Object.hasOwn(MULTILINE_QUOTES, language) ? MULTILINE_QUOTES[language] : []).map((q) => [q, q] as const);
  if (syntax.blockComments.length) pairs.push(commentDelimiters(language));
  return pairs.some(([open, close]) => someSpan(text, open, close, (from, to) => to - from >= LONG_SPAN_CHARS));
}

// Pieces made only of these say nothing: a lone brace, a rule, a fence.
const NO_CONTENT = /^[\s{}()[\];,`~\-=*_#>|.:]*$/;

export function chunkFile(relPath: string, text: string, language: string, kind: ChunkKind, opts: ChunkOptions = {}): Chunk[] {
  const limits: Limits = {
    maxChars: Math.max(1, Math.floor(opts.maxChars ?? DEFAULT_MAX_CHARS)),
    overlapLines: Math.max(0, Math.floor(opts.overlapLines ?? DEFAULT_OVERLAP_LINES)),
  };
  // Secrets go before anything is cut or parsed: a key block split between two chunks would match
  // in neither, and front matter, symbols and headings are taken from the text too. Line breaks are
  // kept, so line numbers stay those of the file.
  const src = new SourceLines(redactSecrets(text, opts.secretPatterns).text);
  let frontMatter: Record<string, unknown> = {};
  let pieces: Piece[];
  if (kind === "markdown") {
    const fm = parseFrontMatter(src.lines);
    frontMatter = fm.data;
    pieces = chunkMarkdown(src, fm.bodyStart, limits);
  } else if (kind === "text") {
    pieces = chunkPlainText(src, limits);
  } else {
    pieces = codePieces(relPath, src, language, limits);
  }

  // Read from the file as it is, before secrets are redacted: a marker is never a secret.
  const generated = kind === "code" && isGeneratedText(text);
  const stub = kind === "code" && isStubText(text, language);
  const chunks: Chunk[] = [];
  for (const piece of enforceLimit(src, pieces, limits)) {
    if (NO_CONTENT.test(piece.text)) continue;
    const metadata: Record<string, unknown> = { ...frontMatter, language, kind };
    if (generated) metadata.generated = true;
    if (stub) metadata.stub = true;
    if (piece.symbol) metadata.symbol = piece.symbol;
    if (piece.startsInside) metadata.startsInside = piece.startsInside;
    if (piece.within) metadata.within = piece.within;
    if (piece.headingPath && piece.headingPath.length > 0) metadata.heading = piece.headingPath.join(" > ");
    const chunk: Chunk = { relPath, startLine: piece.start + 1, endLine: piece.end + 1, text: piece.text, language, kind, metadata };
    if (piece.symbol) chunk.symbol = piece.symbol;
    if (piece.headingPath && piece.headingPath.length > 0) chunk.headingPath = [...piece.headingPath];
    chunks.push(chunk);
  }
  return chunks;
}

function codePieces(relPath: string, src: SourceLines, language: string, limits: Limits): Piece[] {
  try {
    return chunkCode(relPath, src, language, limits) ?? chunkByWindows(src, limits);
  } catch {
    // The parsers are heuristics; a file that trips one still gets indexed.
    return chunkByWindows(src, limits);
  }
}

/** The size promise holds whatever a chunker did. */
function enforceLimit(src: SourceLines, pieces: Piece[], limits: Limits): Piece[] {
  if (pieces.every((p) => p.text.length <= limits.maxChars)) return pieces;
  return pieces.flatMap((p) =>
    p.text.length <= limits.maxChars
      ? [p]
      : windowRange(src, p.start, p.end, limits).map((w, i) => ({ ...w, symbol: p.symbol, headingPath: p.headingPath, within: p.within, ...(i === 0 && p.startsInside ? { startsInside: p.startsInside } : {}) })),
  );
}
