/**
 * Names a statement from its header (the code up to where its body opens).
 * "function" and "container" declarations get chunks of their own; a
 * container too big for one chunk is split into its members. "value"
 * declarations (constants, aliases) only stand alone when they span a few
 * lines; one-liners are packed with their neighbours.
 */
export type DeclarationKind = "function" | "container" | "type" | "value";

export interface Declaration {
  /** May be "" for an anonymous container (extern "C" {}, an anonymous namespace). */
  name: string;
  kind: DeclarationKind;
}

type Matcher = (header: string) => Declaration | undefined;

const CONTROL = new Set([
  "if", "for", "while", "switch", "catch", "return", "new", "sizeof", "typeof", "function", "super", "this",
  "else", "do", "try", "using", "lock", "foreach", "synchronized", "when", "match", "throw", "delete", "await",
  "defined", "alignof", "decltype", "static_assert", "assert",
]);
// C and C++ name functions with the other languages' keywords: libmagic's `match`, a mutex's `lock`.
export const C_NAMES_OTHERS_RESERVE: readonly string[] = ["function", "super", "lock", "foreach", "synchronized", "when", "match", "await"];
const C_CONTROL = new Set([...CONTROL].filter((word) => !C_NAMES_OTHERS_RESERVE.includes(word)));

function rule(re: RegExp, kind: DeclarationKind, group = 1): Matcher {
  return (header) => {
    const m = re.exec(header);
    return m ? { name: m[group] ?? "", kind } : undefined;
  };
}

function first(...matchers: Matcher[]): Matcher {
  return (header) => {
    for (const m of matchers) {
      const d = m(header);
      if (d) return d;
    }
    return undefined;
  };
}

/** `ReturnType name(args) {`: the identifier before the first parenthesis, in C-like languages. */
const cStyleFunction = (header: string, control: ReadonlySet<string> = CONTROL): Declaration | undefined => {
  const paren = header.indexOf("(");
  if (paren <= 0) return undefined;
  const before = header.slice(0, paren);
  if (before.includes("=")) return undefined;
  // A qualifier may carry template arguments (`SkipList<Key, Comparator>::NewNode`, a template's member
  // defined out of its class): they are dropped from the name, which then keeps its class.
  const m = /(~?[A-Za-z_]\w*(?:<[^<>()]*>)?(?:::~?[A-Za-z_]\w*(?:<[^<>()]*>)?)*|operator\s*\S+)\s*(?:<[^<>]*>)?\s*$/.exec(before);
  const name = m && !m[1].startsWith("operator") ? m[1].replace(/<[^<>()]*>/g, "") : m?.[1];
  if (!name || control.has(name)) return undefined;
  return { name, kind: "function" };
};

const ASSIGNED_FUNCTION = /^([\w$]+(?:\.[\w$]+)+)\s*=\s*(?:[\w$]+(?:\.[\w$]+)*\s*=\s*)*(?:async\s+)?(?:function\b\s*\*?\s*([\w$]*)|\([^)]*\)\s*=>|[\w$]+\s*=>)/;

/**
 * A function assigned to a property, as ES5 code declares its methods: `res.send = function send(body) {`,
 * `Route.prototype.dispatch = function (req, res, done) {` (named Route.dispatch), `exports.parse = (str) => {`
 * (named parse), `module.exports = function createApplication() {` (named by its function).
 */
const assignedFunction: Matcher = (header) => {
  const m = ASSIGNED_FUNCTION.exec(header);
  if (!m) return undefined;
  if (m[1] === "module.exports") return m[2] ? { name: m[2], kind: "function" } : undefined;
  const name = m[1].replace(/^(?:module\.)?exports\./, "").replace(/\.prototype\./, ".");
  return { name, kind: "function" };
};

/**
 * The opening of a function wrapped in parentheses and called at once, up to its body's brace:
 * `(function () {`, `;(function (root) {`, `(async () => {` (closed by `})();` or `}).call(this);`).
 * Its body is two levels down, inside the parenthesis (block-statements.ts).
 */
export const CALLED_AT_ONCE = /^[;!]?\s*\(\s*(?:async\s+)?(?:function\b[^(]*\([^)]*\)|\([^)]*\)\s*=>)\s*\{()/;

const TS_MODIFIERS = String.raw`(?:(?:export|default|declare|abstract|async|public|private|protected|static|readonly|override|accessor)\s+)*`;
const typescript = first(
  rule(new RegExp(`^${TS_MODIFIERS}function\\s*\\*?\\s*([\\w$]+)`), "function"),
  (header) => (/^export\s+default\s+(?:async\s+)?function\b/.test(header) ? { name: "default", kind: "function" } : undefined),
  rule(new RegExp(`^${TS_MODIFIERS}class\\s+([\\w$]+)`), "container"),
  (header) => (/^export\s+default\s+(?:abstract\s+)?class\b/.test(header) ? { name: "default", kind: "container" } : undefined),
  rule(new RegExp(`^${TS_MODIFIERS}(?:interface|(?:const\\s+)?enum)\\s+([\\w$]+)`), "container"),
  rule(new RegExp(`^${TS_MODIFIERS}(?:namespace|module)\\s+([\\w$.]+)`), "container"),
  rule(/^declare\s+(?:global)\b()/, "container"),
  // A CommonJS module's class or object of methods (Koa's `module.exports = { get body() {...}, ... }`):
  // a container, so that a big one is cut by its members, not into windows.
  rule(/^module\.exports\s*=\s*class\s+([\w$]+)/, "container"),
  assignedFunction,
  rule(/^(?:module\.exports\s*=|export\s+default)\s*\{()/, "container"),
  // A file's code wrapped in a function called at once (`(function () {`): a container, so that the
  // functions it holds are cut and named as they would be at top level.
  rule(CALLED_AT_ONCE, "container"),
  rule(new RegExp(`^${TS_MODIFIERS}type\\s+([\\w$]+)`), "value"),
  rule(
    new RegExp(`^${TS_MODIFIERS}(?:const|let|var)\\s+([\\w$]+)[^=]*=\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*(?::[^=]+)?=>|[\\w$]+\\s*=>)`),
    "function",
  ),
  rule(new RegExp(`^${TS_MODIFIERS}(?:const|let|var)\\s+([\\w$]+)`), "value"),
);
// Class members: methods, accessors, arrow-function properties. Not control
// statements, which a namespace body may hold.
const notControl = (m: Matcher): Matcher => (header) => {
  const d = m(header);
  return d && !CONTROL.has(d.name) ? d : undefined;
};
const typescriptMember = notControl(first(
  rule(/^(?:(?:public|private|protected|static|readonly|override|declare|abstract)\s+)*(#?[\w$]+)[?!]?\s*(?::[^=]*)?=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[\w$]+\s*=>)/, "function"),
  rule(/^(?:(?:public|private|protected|static|override|abstract|async|get|set)\s+)*\*?\s*(#?[\w$]+)\s*(?:<[^>]*>)?\s*\(/, "function"),
  // An object literal's function property: `parse: function (str) {`, `close: async () => {`.
  rule(/^([\w$]+)\s*:\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>|[\w$]+\s*=>)/, "function"),
));

const python = first(rule(/^(?:async\s+)?def\s+(\w+)/, "function"), rule(/^class\s+(\w+)/, "container"));

const go = first(
  (header) => {
    const m = /^func\s*\(\s*(?:\w+\s+)?\*?\s*(\w+)(?:\[[^\]]*\])?\s*\)\s*(\w+)/.exec(header);
    return m ? { name: `${m[1]}.${m[2]}`, kind: "function" } : undefined;
  },
  rule(/^func\s+(\w+)/, "function"),
  rule(/^type\s+(\w+)(?:\[[^\]]*\])?\s+(?:struct|interface)\b/, "container"),
  rule(/^type\s+(\w+)/, "value"),
  rule(/^(?:var|const)\s+(\w+)/, "value"),
);

const RUST_MODIFIERS = String.raw`(?:(?:pub(?:\([^)]*\))?|default|unsafe|async|const|extern(?:\s+"[^"]*")?)\s+)*`;
const rust = first(
  rule(new RegExp(`^${RUST_MODIFIERS}fn\\s+(\\w+)`), "function"),
  rule(/^macro_rules!\s*(\w+)/, "function"),
  (header) => {
    // `impl Trait for Type` is Type's (`&'a str`, `&mut T` and `dyn T` too), `impl Type` as well.
    const m = /^(?:unsafe\s+)?impl(?:\s*<[^{]*?>)?\s+(?:!?([\w:]+)(?:<[^{]*?>)?\s+for\s+)?(?:&\s*(?:'\w+\s+)?(?:mut\s+)?)?(?:dyn\s+)?([\w:]+)/.exec(header);
    return m ? { name: m[2], kind: "container" } : undefined;
  },
  rule(new RegExp(`^${RUST_MODIFIERS}(?:struct|enum|union|trait|mod)\\s+(\\w+)`), "container"),
  rule(/^extern\s+"[^"]*"\s*\{()/, "container"),
  rule(new RegExp(`^${RUST_MODIFIERS}(?:type|const|static)\\s+(?:mut\\s+)?(\\w+)`), "value"),
);

const JVM_MODIFIERS = String.raw`(?:(?:public|private|protected|internal|static|final|abstract|sealed|open|data|inner|override|partial|readonly|unsafe|virtual|new|extern|async|case|implicit|lazy|fileprivate|package|native|synchronized|strictfp|suspend|operator|infix|inline|tailrec|external|actual|expect|annotation|value|enum|mutating|convenience|required|dynamic|indirect|final|export|default|@\w+(?:\([^)]*\))?)\s+)*`;
const CONTAINER_WORDS = "class|interface|enum|record|struct|namespace|object|trait|protocol|extension|module|actor";
// The name stops at a colon: `protocol ChainableException: Error` (Swift), `class Foo: Bar()` (Kotlin).
const container = rule(new RegExp(`^${JVM_MODIFIERS}(?:${CONTAINER_WORDS})\\s+([A-Za-z_][\\w.]*(?:::[A-Za-z_]\\w*)*)`), "container");

const java = first(container, cStyleFunction);
// C# returns tuples: `public static (UniTask, CancellationTokenRegistration) ToUniTask(this ...)` was
// read as a function named "static". The tuple type is read as one word.
const TUPLE_RETURN = /^((?:[a-z]+\s+)*)\((?:[^()]|\([^()]*\))*\)\??\s*(?=[A-Za-z_]\w*\s*(?:<[^()]*>)?\s*\()/;
const csharp = first(container, rule(/^namespace\s+([\w.]+)/, "container"), (header) => cStyleFunction(header.replace(TUPLE_RETURN, "$1Tuple ")));
const KOTLIN_FUNCTION = new RegExp(`^${JVM_MODIFIERS}fun\\s+(?:<[^>]*>\\s*)?(?:([\\w.]+)(?:<(?:[^<>]|<[^<>]*>)*>)?\\??\\.)?(\\w+)`);
const kotlin = first(
  // `fun interface ViewEventCallback<T>`: a functional interface, not a function named "interface".
  rule(new RegExp(`^${JVM_MODIFIERS}fun\\s+interface\\s+(\\w+)`), "container"),
  // An extension function is named after its receiver's type and itself, as a method of that type
  // (`fun CameraSession.configureOutputs()` is CameraSession.configureOutputs); the receiver may be
  // generic (`fun <V> ListenableFuture<V>.await()`, once named ListenableFuture), nullable, or
  // qualified by its package (`android.view.View.pxToDp` is View.pxToDp).
  (header) => {
    const m = KOTLIN_FUNCTION.exec(header);
    return m ? { name: m[1] ? `${m[1].split(".").pop()}.${m[2]}` : m[2], kind: "function" } : undefined;
  },
  // A class's `companion object { ... }` holds what Java calls its static members, called as
  // `Outer.member`: a container without a name of its own, so they are named after the class.
  rule(new RegExp(`^${JVM_MODIFIERS}companion\\s+object\\b()`), "container"),
  container,
  rule(new RegExp(`^${JVM_MODIFIERS}(?:val|var|const\\s+val)\\s+(\\w+)`), "value"),
);
// Swift's `class func` and `class var` are a type's own members (as `static` ones are), not classes
// named "func": capacitor-sqlite's UtilsDownloadFromHTTP came out as nine pieces of `.func`.
const SWIFT_TYPE_MEMBER = String.raw`(?:class\s+${JVM_MODIFIERS})?`;
const swift = first(
  rule(new RegExp(`^${JVM_MODIFIERS}${SWIFT_TYPE_MEMBER}func\\s+(\\w+)`), "function"),
  // `public macro OptimizedFunction() = #externalMacro(...)`: a macro is declared as a function is.
  rule(new RegExp(`^${JVM_MODIFIERS}macro\\s+(\\w+)`), "function"),
  rule(new RegExp(`^${JVM_MODIFIERS}(init|deinit)\\b`), "function"),
  rule(new RegExp(`^${JVM_MODIFIERS}(?:${CONTAINER_WORDS})\\s+(?!${JVM_MODIFIERS}(?:var|let|subscript)\\b)([A-Za-z_][\\w.]*)`), "container"),
);
const scala = first(
  rule(new RegExp(`^${JVM_MODIFIERS}def\\s+(\\w+)`), "function"),
  container,
  rule(new RegExp(`^${JVM_MODIFIERS}(?:val|var)\\s+(\\w+)`), "value"),
);
const php = first(
  rule(/^(?:(?:public|private|protected|static|final|abstract)\s+)*function\s+&?(\w+)/, "function"),
  rule(/^(?:(?:final|abstract|readonly)\s+)*(?:class|interface|trait|enum)\s+(\w+)/, "container"),
  rule(/^namespace\s+([\w\\]+)\s*\{/, "container"),
  // The global namespace in braces (`namespace { function twig_compare(...) ... }`): its functions are
  // declarations of their own, not windows of one block.
  rule(/^namespace\s*\{()/, "container"),
  // A class's constant or property: `public static $STATEMENT_PARSERS = [` (a 300-line table), `const LEVELS = [`.
  rule(/^(?:(?:public|private|protected|static|final|readonly|var)\s+)+(?:\??[\w\\|]+\s+)?\$(\w+)\s*=/, "value"),
  rule(/^(?:(?:public|private|protected|final)\s+)*const\s+(?:[\w\\]+\s+)?(\w+)\s*=/, "value"),
);

// `__attribute__((no_sanitize("undefined")))` or `__declspec(dllexport)` before a function: read as
// its name, they named fmt's `reserve` "__attribute__"; so did one after its return type
// (libmagic's `private const char * __attribute__((__format_arg__(3)))`, then `file_fmtcheck(`).
const COMPILER_ATTRIBUTES = /(?:__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)|__declspec\s*\((?:[^()]|\([^()]*\))*\))\s*/g;

const NAMESPACE = /^(?:inline\s+)?namespace\b/;

// A variable given a brace initializer, after its type: the name, then any array bounds.
const C_TABLE = /^(?:[A-Za-z_][\w:<>,]*[\s*&]+)+([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)*=\s*\{/;

/** Where a pointer to a function is named: `(*name)`, or `(CALLCONV *name)` behind a calling convention. */
export const POINTER_DECLARATOR = String.raw`\(\s*(?:[A-Z][A-Z0-9_]*\s+)?\*\s*([A-Za-z_]\w*)\s*\)`;
// A type: `typedef void (*crypt_fn) (...)`, `typedef int (PTRCALL *SCANNER)(...)`.
const TYPEDEF_POINTER = new RegExp(String.raw`^typedef\b[^;{]*?${POINTER_DECLARATOR}`);
// A variable or a struct's member: its type's words, then the declarator and the parameters'
// parenthesis (`int (PTRCALL *sameName)(const ENCODING *, ...)`).
const FUNCTION_POINTER = new RegExp(String.raw`^(?!return\b)(?:[A-Za-z_][\w:<>]*[\s*&]+)+${POINTER_DECLARATOR}\s*\(`);

// C and C++: a header with parentheses is a function even when it says "struct".
const cFamily: Matcher = (full) => {
  if (full.startsWith("#")) return rule(/^#\s*define\s+(\w+)/, "value")(full);
  const header = withoutTemplateHead(full).replace(COMPILER_ATTRIBUTES, "");
  const paren = header.indexOf("(");
  const brace = header.indexOf("{");
  // A namespace's parentheses are a macro's after its name (libstdc++'s `namespace std
  // _GLIBCXX_VISIBILITY(default)`): it is no function named after the macro.
  const hasParens = paren >= 0 && (brace < 0 || paren < brace) && !NAMESPACE.test(header);
  // A pointer to a function, a type or a variable, is named in its parentheses, not after its return type.
  const pointer = TYPEDEF_POINTER.exec(header) ?? FUNCTION_POINTER.exec(header);
  if (pointer) return { name: pointer[1], kind: "value" };
  if (!hasParens) {
    // `extern "C" {`, and a block a macro opens (toml++'s `TOML_NAMESPACE_START {`, a namespace's as a
    // rule), are containers without a name: their members keep their own names.
    if (/^extern\s+"[^"]*"\s*\{/.test(header) || /^[A-Z][A-Z0-9_]*\s*\{/.test(header)) return { name: "", kind: "container" };
    // A forward declaration (`class basic_format_args;`) names a type declared elsewhere: it is packed with its neighbours.
    if (/^(?:template\s*<[^{]*>\s*)?(?:class|struct|union|enum(?:\s+class)?)\s+[A-Za-z_][\w:]*\s*;/.test(header)) return undefined;
    // Export macros may stand before the name: `class FMT_API format_error : public std::runtime_error {`,
    // `class TOML_ABSTRACT_INTERFACE TOML_EXPORTED_CLASS node`.
    // An inline namespace (`inline namespace literals`) is a namespace like any other. A qualified
    // name keeps its `::`, and the name stops at the colon of a base list written without a space
    // (`class BasicAdapter: public Adapter`).
    const m = /^(?:template\s*<[^{]*>\s*)?(?:typedef\s+)?(?:class|struct|union|enum(?:\s+class)?|(?:inline\s+)?namespace)\s*(?:[A-Z][A-Z0-9_]*\s+(?=[A-Za-z_]))*([A-Za-z_]\w*(?:::[A-Za-z_]\w*)*)?/.exec(header);
    if (m) return { name: m[1] ?? "", kind: "container" };
    // A table: `static const unsigned char ebcdic_to_ascii[] = {`, `private char text_chars[256] = {`.
    const table = C_TABLE.exec(header);
    if (table) return { name: table[1], kind: "value" };
    return undefined;
  }
  return cStyleFunction(header, C_CONTROL);
};

/**
 * A C++ header without its `template <...>` head, which may hold parentheses and nested brackets
 * (`template <typename T, FMT_ENABLE_IF(std::is_integral<T>::value)>`): a `<` or `>` counts only
 * outside parentheses, where a comparison could stand.
 */
function withoutTemplateHead(header: string): string {
  const head = /^template\s*</.exec(header);
  if (!head) return header;
  let angles = 1;
  let parens = 0;
  for (let i = head[0].length; i < header.length; i++) {
    const ch = header[i];
    if (ch === "(") parens++;
    else if (ch === ")") parens = Math.max(0, parens - 1);
    else if (parens === 0 && ch === "<") angles++;
    else if (parens === 0 && ch === ">" && --angles === 0) return header.slice(i + 1).trimStart();
  }
  return header;
}

const ruby = first(
  // Behind method modifiers: `private def x`, `ruby2_keywords def y`, `memoize def z`.
  rule(/^(?:[a-z_]\w*\s+)*def\s+(?:self\.)?([\w.]+[?!=]?|[^\s(]+)/, "function"),
  rule(/^(?:class|module)\s+(?!<<)([\w:]+)/, "container"),
  // `class << self` holds the class's own methods, called as `Thor.subcommand`: a container
  // without a name of its own, so they are named after the class.
  rule(/^class\s*<<\s*self\b()/, "container"),
);

const lua = first(
  rule(/^(?:local\s+)?function\s+([\w.:]+)/, "function"),
  rule(/^(?:local\s+)?([\w.:]+)\s*=\s*function\b/, "function"),
  // A module that returns a function holding its functions (`return function(busted) ... end`): a
  // container, so that those functions are declarations of their own, not windows of one block.
  rule(/^return\s+function\s*\(()/, "container"),
  // A `do ... end` block that keeps its helpers local: cut by the functions it holds, likewise.
  rule(/^do$()/, "container"),
  // A table: `local keyword_dictionary = {`, `M.defaults = {` (one of three lines or more gets a chunk).
  rule(/^(?:local\s+)?([\w.]+)\s*=\s*\{/, "value"),
);

const shell = first(rule(/^function\s+([\w.:-]+)/, "function"), rule(/^([\w.:-]+)\s*\(\s*\)/, "function"));

const TOP_LEVEL: Record<string, Matcher> = {
  typescript,
  typescriptreact: typescript,
  javascript: typescript,
  javascriptreact: typescript,
  python,
  go,
  rust,
  java,
  csharp,
  kotlin,
  swift,
  scala,
  php,
  c: cFamily,
  cpp: cFamily,
  ruby,
  lua,
  shellscript: shell,
};

const MEMBER: Record<string, Matcher> = {
  typescript: first(typescript, typescriptMember),
  typescriptreact: first(typescript, typescriptMember),
  javascript: first(typescript, typescriptMember),
  javascriptreact: first(typescript, typescriptMember),
  php,
  kotlin,
  swift,
  scala,
};

// Leading annotations, attributes and decorators, which say nothing about what is declared.
const ANNOTATIONS = /^(?:(?:@[\w.]+(?:\((?:[^()]|\([^()]*\))*\))?|#\[(?:[^\][]|\[[^\]]*\])*\]|\[(?:[^\][]|\[[^\]]*\])*\])\s*)+/;

// A Lua function stored in a table under a string key: Luacheck's parser keeps one per statement,
// `statements["if"] = function(state)`, named `statements.if`; under a key that is no word
// (`suffix_handlers["("]`), after its table.
const LUA_KEYED_FUNCTION = /^\s*([\w.:]+)\s*\[\s*(["'])([^"'\]\n]*)\2\s*\]\s*=\s*function\b/;

/**
 * The declaration a statement's first line makes by a string's content, which the header classify
 * reads has blanked (lexer.ts): the key of a Lua table entry holding a function.
 */
export function keyedFunction(line: string, language: string): Declaration | undefined {
  if (language !== "lua") return undefined;
  const m = LUA_KEYED_FUNCTION.exec(line);
  if (!m) return undefined;
  return { name: /^[A-Za-z_]\w*$/.test(m[3]) ? `${m[1]}.${m[3]}` : m[1], kind: "function" };
}

export function classify(header: string, language: string, inContainer: boolean): Declaration | undefined {
  const text = header.replace(ANNOTATIONS, "").trim();
  if (text === "") return undefined;
  const matcher = (inContainer ? MEMBER[language] : undefined) ?? TOP_LEVEL[language];
  return matcher?.(text);
}
