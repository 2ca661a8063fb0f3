// textDeclaresName's declaration pattern is written with lookbehinds (ranking-signals.ts) and made once
// for every name: it is tried only where the name occurs as a word, and reads the name back. It must
// decide exactly as the plain form it replaced, one pattern per name, "before, name, after" tried at
// every position: both are run here on this repository's own source
// and docs and on declarations in other languages, for the names those texts hold.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { textDeclaresName } from "../../server/src/search/ranking-signals";

const ROOT = join(__dirname, "..", "..");

// The forms written plainly, "before, name, after", as the reference.
const DECLARATION = String.raw`(?:function\s*\*?|func|fn|def|class|interface|struct|enum(?:\s+class)?|trait|type|typedef(?:\s+struct)?|module|mod|namespace|object|protocol|record|actor|(?<!\*)const|let|var|val|fun|sub|union|macro_rules!|local\s+function|(?<=^[ \t]*)local(?=[ \t])|alias|package)`;
const C_DECLARATION = String.raw`(?<!\bfriend\s+)(?:class|struct|union|enum(?:\s+class)?|typedef(?:\s+struct)?|namespace)`;
// Type parameters balanced to four levels: <...<...<...<...>...>...>...>.
let TYPE_PARAMETERS = String.raw`<[^<>;{}()]*>`;
for (let i = 0; i < 3; i++) TYPE_PARAMETERS = String.raw`<(?:=>|[^<>;{}()]|\{[^;{}]*\}|\([^;{}()]*\)|${TYPE_PARAMETERS})*>`;
function plainPattern(name: string, c = false): RegExp {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const end = String.raw`(?![\w$])`;
  return new RegExp(
    [
      String.raw`(?:^|[^\w$.])${c ? C_DECLARATION : DECLARATION}\s+(?:[\w$]+\s*(?:\.|::)\s*)*[*&]?${n}${end}(?![!?](?![:=]))(?!\s*=\s*(?:require\s*[('"]|(?:await\s+)?import\b))(?!(?<=\btype\s+${n})\s*(?:[,}]|as\s))(?!(?:\.|::?)[\w$])${c ? String.raw`(?!(?<=\b(?:class|struct|union|enum)\s+${n})\s*(?:<[^;{}]*>\s*)?;)(?!\s*(?:[*&(),]|(?!final\b)[A-Za-z_$]))` : ""}`,
      ...(c ? [String.raw`\b(?:class|struct|union)\s+[A-Z][A-Z0-9_]*\s+${n}${end}(?!\s*;)`] : []),
      ...(c ? [String.raw`\btypedef\b[^;{}]*[\s*(]${n}(?=\s*(?:[;\[]|\)\s*\())`, String.raw`^[ \t]*\}[ \t]*${n}(?=[ \t]*;)`] : []),
      ...(c ? [String.raw`^(?!(?:return|goto|delete|throw|else|case|typedef|using|co_return|co_yield)\b)(?:[A-Za-z_][\w:]*(?:<[^;{}()\n]*>)?(?:[ \t]*[*&]+[ \t]*|[ \t]+))+${n}(?=[ \t]*(?:\[[^\]\n]*\][ \t]*)*(?:=(?!=)|\{))`] : []),
      String.raw`\bfunction\s+(?:[\w$]+\.)*[\w$]+:${n}${end}`,
      String.raw`\bfunc\s*\([^)]*\)\s*${n}${end}`,
      String.raw`(?:^|[^\w$])(?:exports|module\.exports|this|self|prototype)\.${n}\s*=(?![=>])(?![ \t]*(?:[\w$]+(?:\.[\w$]+)*|require\s*\([^()\n]*\)(?:\.[\w$]+)*)[ \t]*;?[ \t]*$)`,
      String.raw`(?:^|[^\w$.]|[\w$]\.)${n}\s*[:=]\s*(?:async\s+)?(?:function\b|class\b|\([^)]*\)\s*(?::[^=\n]+)?=>|[\w$]+\s*=>)`,
      String.raw`^[ \t]*(?:(?:public|private|protected|static|async|get|set|override|abstract|final|virtual|inline|export|pub|def)\s+)*(?:[\w$:<>,*&\[\]]+\s+)*[*&]?(?:[\w$]+(?:<[^>\n]*>)?::)*${n}(?<!\boperator\s+${n})(?<!(?<!:):\s*${n})\s*(?:${TYPE_PARAMETERS})?\s*\((?:[^;{}()]|\{[^;{}]*\}|\([^;{}()]*\))*\)\s*(?:(?:const|volatile|override|final|noexcept(?:\s*\([^()]*\))?|&&?)\s*)*(?:(?:->|:)[^{;\n]*)?(?:throws[^{;\n]*)?\s*\{`,
      String.raw`^[ \t]*#[ \t]*define[ \t]+${n}${end}`,
      String.raw`^[ \t]*(?:(?:public|private|protected|internal|static|final|readonly|const|volatile|transient)\s+)+[\w$.]+(?:<[^;=\n]*>)?(?:\[\])*\??\s+${n}(?=\s*(?:=(?![=>])|;))`,
      String.raw`\benum\s+(?:class\s+)?[\w$]+[^{;\n]*\{(?:(?!^[ \t]*\}[ \t]*;?$)[^])*?^[ \t]*${n}(?=\s*(?:\([^)\n]*\)|\{[^}\n]*\})?\s*(?:[,;]|=(?![=>])|$))(?![^\n]*=>)`,
    ].join("|"),
    /\p{Lu}/u.test(name) ? "m" : "im",
  );
}

const OTHER_LANGUAGES = [
  "def parse_args(argv):\n    return argv\n\nclass Range(object):\n    pass",
  "func (r *Reader) Read(p []byte) (n int, err error) {\n\treturn 0, nil\n}\nfunc NewReader() *Reader { return nil }",
  "impl Display for Range {\n    fn fmt(&self) {}\n}\npub fn new() -> Self {\n}\nimpl<T> Iterator for Walker<T> {}",
  "impl<'a> Replacer for &'a str {\n    fn replace_append(&mut self) {}\n}\nimpl<T> Into<T> for Pool {}\nimpl Regex {\n    pub fn new() {}\n}",
  "// the command either has no sub commands, or no available sub command\nfunc (c *Command) HasSubCommands() bool {\ndef session():\nclass Session(SessionRedirectMixin):",
  "pub enum Error {\n    Syntax(String),\n    CompiledTooBig(usize),\n}\nmatch e {\n    Syntax(s) => s,\n}\nexport enum Color {\n  Red = 1,\n  Green\n}",
    "picomatch.makeRe = (input, options) => {\n};\nUtils.escape = function (text) {};\nstate.negated = options.negate;\nconst re = picomatch.compileRe(parsed);",
  // C++: forward declarations declare nothing here; an export macro may stand before a class's name.
  "template <typename Context> class basic_format_args;\nclass FMT_API format_error : public std::runtime_error {\n};\nstruct Point;\nclass Widget final {\n};\n",
  "#define MAX_LEN 10\n  #  define  MIN_LEN 2\nstatic int compute_total(int a, int b)\n{\n  return a + b;\n}",
  // C and C++ globals given a value at the left margin; a local, a statement and a prototype.
  "constexpr int kAlpha = -60;\nstatic const char *const names[] = {\n};\nconst std::array<int, 3> kSizes{1, 2, 3};\nint setup(void);\nreturn total = 0;\nint f(void) {\n    int count = 0;\n}",
  // C: a struct's name used as a type, typedefs of a type, a pointer to a function, an unnamed struct.
  "struct hashfn\n{\n  const char *prefix;\n};\nstatic const struct hashfn *\nget_hashfn (const char *setting)\n{\n  const struct hashfn *h;\n}\ntypedef uint32_t BF_word;\ntypedef BF_word BF_key[BF_N + 2];\ntypedef void (*crypt_fn) (const char *phrase,\n    size_t phr_size);\ntypedef struct {\n  BF_key P;\n} BF_ctx;\nstruct des_buffer buf, *bp;\nsizeof (struct crypt_internal)",
  "public static List<String> splitWords(String text) throws IOException {\n  return null;\n}\nstd::vector<int> Matrix::rows() const {\n}",
  // Java's Allman style: the body's brace on the line after the `throws` list.
  "    public static Object getObjectProperty(\n\t\tObject obj, String propName )\n        throws UtilEvalError, ReflectError\n    {\n    }\n    abstract Object readValue(String key) throws IOException;",
  "exports.readConfig = function () {};\nmodule.exports.loadAll = () => 1;\nthis.handler = async (x) => x;\nconst Range = require('../classes/range');",
  // Lua: methods and module functions, classes made by a call, modules bound by require.
  "local OrderedMap = class(Map)\nfunction OrderedMap:keys ()\n  return self._keys\nend\nfunction Date.Format:parse (str)\nend\nlocal utils = require 'pl.utils'\nlocal List = require('pl.List')\nDate.Interval = class(Date)\nfunction stringx.splitlines(s, keep_ends)\nend",
  "local function helper(x) return x end\nmacro_rules! my_vec { () => {} }\nsub trim_line { }\nenum class Color { Red };",
  // Type parameters over several lines, nested, with a function type; a name in another's constraint.
  "  create<\n    TOptions extends Partial<\n      RuntimeConfig<Create<TParams>>\n    >,\n    TFn extends (input: string) => void,\n  >(\n    options?: TOptions,\n  ) {\n  }\nexport function combineLatest<T extends Record<string, ObservableInput<any>>>(sources: T): Observable<T> {\n}",
  // Java and C# fields behind their modifiers; a local without one, a comparison, a call.
  "    public static final int URI_TYPE_ASSET = 1;\n    private final Map<String, List<Integer>> pluginMap;\n    internal static readonly string[] Names = { };\n    protected int? retries;\n        int count = 0;\n        if (type == URI_TYPE_ASSET) {\n        helper.run(pluginMap);",
  // Ruby: `route!` and `empty?` are methods of their own; TypeScript's `let x!: T` declares x.
  "      def route!(base = settings, pass_block = nil)\n      def empty?\n        true\n      end\n      def route(verb, path, options = {}, &block)\nlet total!: number;",
  "  parseRange: (text: string): Range => {\n  }\n  onChange = (e) => e\n  get value() {\n  }",
  // Names beyond ASCII, and texts that upper-casing lengthens (ß is SS): the name's own pattern decides.
  "def größe(x):\n    pass\nclass Straße:\n    MAX_LEN = 1\nfn maß() {}\nconst café = () => 1;\nlet xparse = 2; parse_it(a) {\n}",
  "  compile<T = unknown>(schema: AnySchema, _meta?: boolean): ValidateFunction<T> {\n  }\n  errorsText(\n    {separator = \", \"}: Options = {}\n  ): string {\n  }\n  run(cb: (err: Error) => void): void {\n  }\n  overload(x: string): number\n",
];

// A name on a comment line is not declared there (`# @overload def has_entry(key, value)`): the
// reference reads the text with those lines emptied.
function withoutCommentLines(text: string): string {
  return text.replace(/^[ \t]*(?:#(?![ \t]*define\b|\[|!)|\/\/|--|\/\*|\*(?=[ \t]|\/|$)).*$/gm, "");
}

function texts(): string[] {
  const out = [...OTHER_LANGUAGES];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|md)$/.test(entry)) out.push(readFileSync(path, "utf8").slice(0, 3000));
    }
  };
  walk(join(ROOT, "server", "src", "search"));
  walk(join(ROOT, "server", "src", "store"));
  walk(join(ROOT, "examples", "knowledge-base"));
  return out;
}

test("the name-first declaration pattern decides as the plain one on every text and name", () => {
  const all = texts();
  let pairs = 0;
  let declared = 0;
  for (const text of all) {
    // The names a text holds (identifiers and words), and a few it does not.
    const names = [...new Set(text.match(/[\p{L}_$][\p{L}\p{N}_$]+/gu) ?? [])].slice(0, 60);
    names.push("nowhere_here", "Range", "x", "parse", "PARSE_IT", "Größe", "max_len");
    for (const name of names) {
      // As any language reads it, and as C and C++ do (forward declarations, export macros).
      for (const language of ["typescript", "cpp"]) {
        const plain = name.length >= 2 && plainPattern(name, language === "cpp").test(withoutCommentLines(text));
        // No symbol: only the text decides (the symbol is symbolIsName's, not tested here).
        assert.equal(textDeclaresName(name, text, language), plain, `${JSON.stringify(name)} (${language}) in ${JSON.stringify(text.slice(0, 80))}`);
        pairs++;
        if (plain) declared++;
      }
    }
  }
  // Enough of both answers for the comparison to mean something.
  assert.ok(pairs > 1000, `${pairs} pairs`);
  assert.ok(declared > 50, `${declared} declarations`);
});

test("a declaration shown on a comment line declares nothing; C's #define and the code below it do", () => {
  const yard = "    # @overload def has_entry(key, value)\n    #   @param [Object] key key for entry.\n";
  assert.equal(textDeclaresName("has_entry", yard, "ruby"), false);
  assert.equal(textDeclaresName("has_entry", yard + "    def has_entry(*options) # rubocop:disable Naming/PredicateName\n", "ruby"), true);
  const jsdoc = "/**\n * @example\n * function plugin(md) {\n *   md.use(x)\n * }\n */\n";
  assert.equal(textDeclaresName("plugin", jsdoc, "javascript"), false);
  assert.equal(textDeclaresName("plugin", jsdoc + "export function plugin(md, options) {\n}\n", "javascript"), true);
  assert.equal(textDeclaresName("parse", "// def parse(text): the old name\n-- function parse(s)\n", "python"), false);
  assert.equal(textDeclaresName("MAX_LEN", "#define MAX_LEN 10\n", "c"), true);
  assert.equal(textDeclaresName("tests", "#[cfg(test)] mod tests {\n}\n", "rust"), true);
  // A generator method opens its line with a star, and is declared.
  assert.equal(textDeclaresName("walk", "class Tree {\n  *walk(node) {\n    yield node\n  }\n}\n", "javascript"), textDeclaresName("walk", "class Tree {\n  walk(node) {\n    yield node\n  }\n}\n", "javascript"));
});

test("Ruby: a method whose name ends in ! or ? is another method", () => {
  assert.equal(textDeclaresName("route", "    def route!(base = settings, pass_block = nil)\n", "ruby"), false);
  assert.equal(textDeclaresName("route", "    def route(verb, path, options = {}, &block)\n", "ruby"), true);
  assert.equal(textDeclaresName("empty", "  def empty?\n    @items.empty?\n  end", "ruby"), false);
  assert.equal(textDeclaresName("total", "let total!: number;", "typescript"), true);
});

test("Python: an assignment at a module's top level declares its names; an indented one, a comparison or another language's does not", () => {
  const module = "s = attributes = attrs\nib = attr = attrib\nTIMEOUT: float = 5\ngröße = 3\nif ready == 1:\n    local_name = 3\n";
  for (const name of ["s_", "attributes", "ib", "attr", "TIMEOUT", "größe"]) {
    const declared = name !== "s_";
    assert.equal(textDeclaresName(name, module, "python"), declared, name);
  }
  assert.equal(textDeclaresName("attrib", module, "python"), false, "the value is not declared");
  assert.equal(textDeclaresName("ready", module, "python"), false, "a comparison");
  assert.equal(textDeclaresName("local_name", module, "python"), false, "a function's local");
  assert.equal(textDeclaresName("TIMEOUT", module, "ruby"), false, "Python only");
  assert.equal(textDeclaresName("attributes", module, "javascript"), false, "Python only");
});

test("shell: an assignment at the left margin declares a script's global; an indented one, a use or another language's does not", () => {
  const script = 'PKG="byobu"\nexport BYOBU_PREFIX=/usr\nreadonly MAX_TRIES=3\ndeclare -a VARS_TO_UPDATE=(DISPLAY SSH_AUTH_SOCK)\nPATH+=":$BYOBU_PREFIX/bin"\nupdate() {\n\tlocal value="$1"\n\tcount=0\n\tfor var in $VARS_TO_UPDATE; do echo "$PKG"; done\n}\n[ "$MODE" = fast ] && run\n';
  for (const name of ["PKG", "BYOBU_PREFIX", "MAX_TRIES", "VARS_TO_UPDATE", "PATH", "pkg"]) assert.equal(textDeclaresName(name, script, "shellscript"), true, name);
  assert.equal(textDeclaresName("count", script, "shellscript"), false, "a function's variable");
  assert.equal(textDeclaresName("MODE", script, "shellscript"), false, "a comparison");
  assert.equal(textDeclaresName("var", script, "shellscript"), false, "a loop's variable");
  assert.equal(textDeclaresName("PKG", script, "javascript"), false, "shell only");
});

test("Go: a member of a const, var or type block is declared; a value's lines, a comment and a function's statements are not", () => {
  const text = [
    "// IniOptions for writing",
    "type IniOptions uint",
    "",
    "const (",
    "\t// IniIncludeDefaults indicates that default values should be written.",
    "\tIniNone IniOptions = 0",
    "\tIniIncludeDefaults = 1 << iota",
    "\tIniCommentDefaults",
    "\tminWidth, maxWidth = 20, 80 // columns",
    ")",
    "",
    "var (",
    "\tMemoryBudget int = 1e6",
    "\tdefaults = map[string]int{",
    "\t\tDefaultKey: 1,",
    "\t}",
    ")",
    "",
    "type (",
    "\tCompletion struct {",
    "\t\tItem string",
    "\t}",
    ")",
    "",
    "func run() {",
    "\tresult := IniNone",
    "\tuse(result)",
    "}",
  ].join("\n");
  for (const name of ["IniNone", "IniIncludeDefaults", "IniCommentDefaults", "minWidth", "maxWidth", "MemoryBudget", "defaults", "Completion", "IniOptions"]) assert.equal(textDeclaresName(name, text, "go"), true, name);
  for (const name of ["DefaultKey", "Item", "result", "use", "iota"]) assert.equal(textDeclaresName(name, text, "go"), false, name);
  assert.equal(textDeclaresName("IniCommentDefaults", text, "rust"), false, "Go only");
});

test("Ruby: a constant assigned at any level is declared when typed with a capital; a local, a comparison or a lower-case query is not", () => {
  const text = "module WebMock\n  class BodyPattern\n    BODY_FORMATS = {\n      'text/xml' => :xml,\n    }\n    Data = Struct.new(:name)\n    def body_format(content_type)\n      format = BODY_FORMATS[content_type]\n      return :json if FORMAT == :json\n    end\n  end\nend\n";
  for (const name of ["BODY_FORMATS", "Data", "BodyPattern.BODY_FORMATS"]) assert.equal(textDeclaresName(name, text, "ruby"), true, name);
  assert.equal(textDeclaresName("format", text, "ruby"), false, "a method's local");
  assert.equal(textDeclaresName("FORMAT", text, "ruby"), false, "a comparison");
  assert.equal(textDeclaresName("body_formats", text, "ruby"), false, "typed in lower case: a local would match as well");
  assert.equal(textDeclaresName("BODY_FORMATS", text, "python"), false, "Ruby only: indented in Python is a local");
});

test("Java and C#: a field behind its modifiers and type is declared; a local without a modifier is not", () => {
  const text = "public class CordovaResourceApi {\n    public static final int URI_TYPE_ASSET = 1;\n    private final Map<String, List<Integer>> pluginMap;\n    internal static readonly string[] Names = { };\n    void run() {\n        int count = 0;\n        if (kind == URI_TYPE_ASSET) { use(pluginMap); }\n    }\n}";
  for (const name of ["URI_TYPE_ASSET", "pluginMap", "Names"]) assert.equal(textDeclaresName(name, text, "java"), true, name);
  assert.equal(textDeclaresName("count", text, "java"), false, "a local");
  assert.equal(textDeclaresName("kind", text, "java"), false, "a comparison");
  assert.equal(textDeclaresName("URI_TYPE_ASSET", "        if (kind == URI_TYPE_ASSET) { return URI_TYPE_ASSET; }", "java"), false, "uses only");
});

test("TypeScript: a method's type parameters may span lines, nest and hold function types; a name inside another's is not declared", () => {
  const create = "  create<\n    TOptions extends Partial<\n      RuntimeConfig<CreateRootConfigTypesFromPartial<TParams>>\n    >,\n    TFn extends (input: string) => void,\n  >(\n    options?: ValidateShape<TOptions> | undefined,\n  ) {\n    return createInner<TParams>()(options);\n  }";
  assert.equal(textDeclaresName("create", create, "typescript"), true);
  const overload = "export function combineLatest<T extends Record<string, ObservableInput<any>>>(sourcesObject: T): Observable<T> {\n}";
  assert.equal(textDeclaresName("combineLatest", overload, "typescript"), true);
  assert.equal(textDeclaresName("ObservableInput", overload, "typescript"), false, "a type argument of another's constraint");
});

test("Java: a method whose body opens on the line after its throws list is declared; an abstract one is not", () => {
  const header = "    public static Object getObjectProperty(\n\t\tObject obj, String propName )\n        throws UtilEvalError, ReflectError\n    {";
  assert.equal(textDeclaresName("getObjectProperty", header, "java"), true);
  assert.equal(textDeclaresName("getObjectProperty", "\tpublic Object getObjectProperty( Object obj ) throws ReflectError\n\t{", "java"), true);
  // No body: a call or an abstract method says the name but declares nothing there.
  assert.equal(textDeclaresName("readValue", "    abstract Object readValue(String key) throws IOException;\n    {", "java"), false);
  assert.equal(textDeclaresName("getObjectProperty", "\t\tvalue = getObjectProperty( obj, name );\n\t{", "java"), false);
});

test("C and C++: a forward declaration declares nothing, a class behind its export macro does", () => {
  for (const language of ["c", "cpp"]) {
    assert.equal(textDeclaresName("basic_format_args", "template <typename Context> class basic_format_args;", language), false);
    assert.equal(textDeclaresName("Point", "struct Point;\n", language), false);
    assert.equal(textDeclaresName("format_error", "class FMT_API format_error : public std::runtime_error {", language), true);
    assert.equal(textDeclaresName("Widget", "class Widget final {", language), true);
    assert.equal(textDeclaresName("basic_format_args", "  friend class basic_format_args<Context>;", language), false);
    assert.equal(textDeclaresName("formatter", "template <typename T> struct formatter<T, char>;", language), false);
    // A struct's name used as a type declares nothing; its body's brace, on the next line too, does.
    const c = "struct hashfn\n{\n  size_t plen;\n};\n";
    assert.equal(textDeclaresName("hashfn", c, language), true);
    for (const use of ["static const struct hashfn *\nget_hashfn (const char *setting)", "  const struct hashfn *h = get_hashfn (setting);", "struct crypt_data data;", "sizeof (struct crypt_internal)", "void f (struct des_ctx *ctx, int n)"]) {
      const name = /struct (\w+)/.exec(use)![1];
      assert.equal(textDeclaresName(name, use, language), false, use);
    }
    // A typedef declares its last name, not the type it renames.
    assert.equal(textDeclaresName("BF_word", "typedef uint32_t BF_word;", language), true);
    assert.equal(textDeclaresName("uint32_t", "typedef uint32_t BF_word;", language), false);
    assert.equal(textDeclaresName("BF_key", "typedef BF_word BF_key[BF_N + 2];", language), true);
    assert.equal(textDeclaresName("crypt_fn", "typedef void (*crypt_fn) (const char *phrase,\n  size_t phr_size);", language), true);
    assert.equal(textDeclaresName("BF_ctx", "typedef struct {\n  BF_key P;\n} BF_ctx;", language), true);
    // zlib's `} FAR deflate_state;`: a macro in capitals may stand before the typedef's name.
    assert.equal(textDeclaresName("deflate_state", "typedef struct internal_state {\n  int status;\n} FAR deflate_state;", language), true);
    assert.equal(textDeclaresName("FAR", "typedef struct internal_state {\n  int status;\n} FAR deflate_state;", language), false);
    // `const` qualifies a type in C and C++: a parameter declares nothing.
    assert.equal(textDeclaresName("text_style", "  FMT_CONSTEXPR text_style& operator|=(const text_style& rhs) {", language), false);
  }
  // Elsewhere a name followed by `;` is declared: Rust's unit struct and module, `let x;`.
  assert.equal(textDeclaresName("Unit", "pub struct Unit;", "rust"), true);
  assert.equal(textDeclaresName("api", "mod api;", "rust"), true);
  assert.equal(textDeclaresName("cache", "let cache;", "javascript"), true);
});

test("C# and C++: a conversion operator declares neither the type it converts to nor a method of that name", () => {
  const csharp = "    public static implicit operator VerificationResultData(VerificationResult result)\n    {\n        return new VerificationResultData(result);\n    }\n";
  assert.equal(textDeclaresName("VerificationResultData", csharp, "csharp"), false);
  assert.equal(textDeclaresName("VerificationResultData", "internal class VerificationResultData\n{\n}\n", "csharp"), true);
  assert.equal(textDeclaresName("bool", "    explicit operator bool() const {\n        return ok_;\n    }\n", "cpp"), false);
  // A method that happens to follow a word ending in "operator" is still a method.
  assert.equal(textDeclaresName("Apply", "    public Result Apply(Operator op)\n    {\n    }\n", "csharp"), true);
  assert.equal(textDeclaresName("Convert", "    public static Tooperator Convert(int x)\n    {\n    }\n", "csharp"), true);
});

test("C++ and Kotlin: a base class called after a colon is not declared there; a member defined out of its class is", () => {
  const initializer = "    /// Construct a JsonCppAdapter containing a specific JsonCpp value\n    JsonCppAdapter(const Json::Value &value)\n      : BasicAdapter(value) { }\n";
  assert.equal(textDeclaresName("BasicAdapter", initializer, "cpp"), false);
  assert.equal(textDeclaresName("JsonCppAdapter", initializer, "cpp"), true);
  assert.equal(textDeclaresName("Bar", "class Foo : Bar(x) {\n}\n", "kotlin"), false);
  assert.equal(textDeclaresName("Foo", "class Foo(val x: Int) : Bar() {\n}\n", "kotlin"), true);
  assert.equal(textDeclaresName("rows", "std::vector<int> Matrix::rows() const {\n}\n", "cpp"), true);
  assert.equal(textDeclaresName("equalTo", "template<class ValueType>\ninline bool GenericRapidJsonFrozenValue<ValueType>::equalTo(const Adapter &other, bool strict) const\n{\n}\n", "cpp"), true);
});

test("C++: a method whose parameters are followed by override, final or noexcept is declared", () => {
  assert.equal(textDeclaresName("equalTo", "    bool equalTo(const Adapter &other, bool strict) const override\n    {\n        return false;\n    }\n", "cpp"), true);
  assert.equal(textDeclaresName("size", "  size_t size() const noexcept final {\n    return n_;\n  }\n", "cpp"), true);
  assert.equal(textDeclaresName("swap", "  void swap(buffer& other) noexcept(std::is_nothrow_swappable_v<T>) {\n  }\n", "cpp"), true);
  assert.equal(textDeclaresName("get", "  T& get() & {\n    return v_;\n  }\n", "cpp"), true);
  // Called, it is not declared.
  assert.equal(textDeclaresName("equalTo", "    return other.equalTo(*this, strict);\n", "cpp"), false);
});

test("Rust: a raw pointer type `*const T` uses the type; a `const` item declares its name", () => {
  assert.equal(textDeclaresName("Vtable", "if self.vtable as *const Vtable == &PROMOTABLE_EVEN_VTABLE", "rust"), false);
  assert.equal(textDeclaresName("UninitSlice", "unsafe { &*(maybe_uninit as *const [MaybeUninit<u8>] as *const UninitSlice) }", "rust"), false);
  assert.equal(textDeclaresName("Vtable", "pub(crate) struct Vtable {", "rust"), true);
  assert.equal(textDeclaresName("PROMOTABLE_EVEN_VTABLE", "const PROMOTABLE_EVEN_VTABLE: Vtable = Vtable {", "rust"), true);
  assert.equal(textDeclaresName("limit", "const limit = 10;", "javascript"), true);
});

test("Lua: a method or module function declares its own name, not its table's; a class made by a call is declared", () => {
  const text = "local OrderedMap = class(Map)\n\nfunction OrderedMap:keys ()\n  return self._keys\nend\n";
  assert.equal(textDeclaresName("OrderedMap", text, "lua"), true);
  assert.equal(textDeclaresName("keys", text, "lua"), true);
  // Only methods of the table: it is their qualifier, and declared elsewhere.
  assert.equal(textDeclaresName("OrderedMap", "function OrderedMap:keys ()\nend\nfunction OrderedMap.iter (self)\nend", "lua"), false);
  assert.equal(textDeclaresName("stringx", "function stringx.splitlines(s, keep_ends)\nend", "lua"), false);
  assert.equal(textDeclaresName("OrderedMap", "-- @function OrderedMap:__pairs\nOrderedMap.__pairs = OrderedMap.iter", "lua"), false);
  assert.equal(textDeclaresName("splitlines", "function stringx.splitlines(s, keep_ends)\nend", "lua"), true);
  assert.equal(textDeclaresName("parse", "function Date.Format:parse (str)\nend", "lua"), true);
  assert.equal(textDeclaresName("Format", "Date.Format = class()", "lua"), true);
  assert.equal(textDeclaresName("Format", "function Date.Format:parse (str)\nend", "lua"), false);
  // A module bound to a local by require, with or without parentheses, declares nothing here.
  assert.equal(textDeclaresName("utils", "local utils = require 'pl.utils'", "lua"), false);
  assert.equal(textDeclaresName("List", "local List = require('pl.List')", "lua"), false);
  assert.equal(textDeclaresName("List", "local List = utils.stdmt.List", "lua"), true);
  // A module table's field assigned at the left margin is how a module exports a constant; indented
  // it sets a field in a body, and given a bare name it exports what is declared elsewhere.
  assert.equal(textDeclaresName("FFI_BAD_CONTEXT", "_M.FFI_NO_REQ_CTX = -100\n_M.FFI_BAD_CONTEXT = -101", "lua"), true);
  assert.equal(textDeclaresName("version", '_M.version = "0.1.25"', "lua"), true);
  assert.equal(textDeclaresName("FFI_OK", "_M.FFI_OK = 0", "lua"), true);
  assert.equal(textDeclaresName("enabled", "M.enabled = false -- off until configured", "lua"), true);
  assert.equal(textDeclaresName("FFI_BAD_CONTEXT", "_M.FFI_BAD_CONTEXT = -101", "lua", true), true);
  assert.equal(textDeclaresName("count", "function M.reset()\n    self.count = 0\nend", "lua"), false);
  assert.equal(textDeclaresName("collect_captures", "_M.collect_captures = collect_captures", "lua"), false);
  assert.equal(textDeclaresName("CallInfo", "Closure.CallInfo = CallInfo -- exported", "lua"), false);
  assert.equal(textDeclaresName("status", "if ngx.status == 200 then", "lua"), false);
  assert.equal(textDeclaresName("FFI_BAD_CONTEXT", "_M.FFI_BAD_CONTEXT = -101", "javascript"), false);
  // `local` is a declaration where a statement starts, not in a sentence.
  assert.equal(textDeclaresName("NameSpace", "// This modification makes default allocation local\nNameSpace varScope = this;", "java"), false);
  assert.equal(textDeclaresName("NameSpace", "// a local NameSpace here", "java"), false);
});

test("C and C++: a struct's field is declared for a name the query qualifies (z_stream.avail_in), not otherwise", () => {
  const struct = "typedef struct z_stream_s {\n    z_const Bytef *next_in;\n    uInt     avail_in;\n    unsigned flags : 4;\n    char name[16];\n    std::vector<int> items_ = {};\n} z_stream;";
  for (const language of ["c", "cpp"]) {
    for (const field of ["next_in", "avail_in", "flags", "name", "items_"]) {
      assert.equal(textDeclaresName(field, struct, language, true), true, `${language} ${field}`);
      assert.equal(textDeclaresName(field, struct, language), false, `${language} ${field}, not qualified`);
    }
    // Statements that end a line with a name and `;` but declare nothing; a type's name is not its field's.
    for (const statement of ["    return avail_in;", "    delete avail_in;", "    goto avail_in;", "    strm->avail_in = len;", "    avail_in;", "    f(x, avail_in);"]) {
      assert.equal(textDeclaresName("avail_in", statement, language, true), false, `${language}: ${statement}`);
    }
    assert.equal(textDeclaresName("uInt", struct, language, true), false, `${language}: a field's type`);
  }
});

test("C and C++: a variable or constant at the left margin, given a value, is declared; indented it is a local", () => {
  // nlohmann/json's `constexpr int kAlpha = -60;` was no declaration: its symbol query put the
  // function that uses it first.
  const file = "constexpr int kAlpha = -60;\nstatic const char *const level_names[] = {\n  \"debug\",\n};\nconst std::array<int, 3> kSizes{1, 2, 3};\nstruct options defaults = { 0 };";
  for (const language of ["c", "cpp"]) {
    for (const name of ["kAlpha", "level_names", "kSizes", "defaults"]) assert.equal(textDeclaresName(name, file, language), true, `${language} ${name}`);
    // A local in a body, a prototype, a statement, a comparison, an assignment with no type.
    const uses = "int compute(void) {\n    int kAlpha = 3;\n}\nint kAlpha(void);\nreturn kAlpha = 1;\nif (x) kAlpha = 2;\nkAlpha = 4;\nbool b = a\nint c == kAlpha;";
    assert.equal(textDeclaresName("kAlpha", uses, language), false, `${language}: ${uses}`);
  }
  // Other languages read `const x = 1` their own way; a Python global is Python's form.
  assert.equal(textDeclaresName("kAlpha", "int kAlpha = 5;", "java"), false);
});

test("TypeScript: a type imported or exported by name (`import { type X }`) is not declared; a type alias is", () => {
  // @mswjs/interceptors' client connection imports `type WebSocketExtension,`: it led the symbol query
  // for the class declared in another file.
  const imports = "import {\n  kExtensionContext,\n  type WebSocketExtension,\n  type WebSocketExtensionContext as Context,\n} from './web-socket-extension'\nexport { type Handler }";
  for (const name of ["WebSocketExtension", "WebSocketExtensionContext", "Handler"]) assert.equal(textDeclaresName(name, imports, "typescript"), false, name);
  assert.equal(textDeclaresName("Listener", "export type Listener = (event: Event) => void", "typescript"), true);
  assert.equal(textDeclaresName("Result", "type Result<T> =\n  | T\n  | undefined", "typescript"), true);
  assert.equal(textDeclaresName("Options", "type Options struct {\n\tName string\n}", "go"), true);
});
