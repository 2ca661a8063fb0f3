// The code-aware ranking signals as pure functions: declarations in every supported language, path
// matches with plural and prefix variants, demotion globs and generated files, file credit and the per-file cap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_DEMOTE_GLOBS, DEFAULT_RANKING } from "../../shared/src/ranking";
import { capPerFile, demotionMatcher, fileCredit, inScope, isDemoted, isGeneratedChunk, pathMatchScore, pathWords, singular, symbolMatchScore, symbolInScope, symbolIsName, textDeclaresName, textImplementsName, wordsMatch } from "../../server/src/search/ranking-signals";

test("a declaration of the name is found in each supported language", () => {
  const cases: [string, string, string][] = [
    ["typescript", "parseRange", "export async function parseRange(text: string) {\n  return 1;\n}"],
    ["typescript class", "Range", "export default class Range extends Base {"],
    ["typescript interface", "RangeOptions", "export interface RangeOptions {\n  loose?: boolean;\n}"],
    ["typescript type", "Band", 'export type Band = "strong" | "weak";'],
    ["javascript arrow", "satisfies", "const satisfies = (version, range, options) => {"],
    ["javascript exports", "compare", "exports.compare = function (a, b) { return a - b }"],
    ["javascript object method", "test", "class Comparator {\n  test (version) {\n    return true\n  }\n}"],
    ["python def", "parse_args", "    def parse_args(self, argv=None):\n        pass"],
    ["python class", "Session", "class Session(SessionRedirectMixin):\n    pass"],
    ["go func", "Execute", "func Execute() error {\n\treturn nil\n}"],
    ["go method", "Execute", "func (c *Command) Execute() error {\n\treturn c.ExecuteC()\n}"],
    ["go type", "Command", "type Command struct {\n\tUse string\n}"],
    ["rust fn", "is_match", "    pub fn is_match(&self, text: &str) -> bool {"],
    ["rust struct", "Regex", "pub struct Regex(Exec);"],
    ["rust trait", "Replacer", "pub trait Replacer {"],
    ["java method", "compareTo", "  public int compareTo(Version other) {"],
    ["java class", "Version", "public final class Version implements Comparable<Version> {"],
    ["c function", "sqlite3_open", "int sqlite3_open(const char *filename, sqlite3 **ppDb) {"],
    ["c struct", "node", "typedef struct node {\n  int value;\n} node_t;"],
    ["c define", "MAX_PATH", "#define MAX_PATH 4096"],
    ["cpp method", "push_back", "void Vector::push_back(const T& value) {"],
    ["csharp", "Parse", "public static Version Parse(string input) {"],
    ["ruby def", "call", "    def call(env)\n      @app.call(env)\n    end"],
    ["ruby self", "parse_query", "  def self.parse_query(qs, d = nil)"],
    ["ruby module", "Utils", "module Rack\n  module Utils\n  end\nend"],
    ["php", "handle", "    public function handle(Request $request) {"],
    ["kotlin", "parse", "fun parse(text: String): Version {"],
    ["swift", "parse", "func parse(_ text: String) -> Version {"],
    ["scala", "parse", "def parse(text: String): Version = {"],
    ["lua", "setup", "local function setup(opts)"],
    ["shell", "usage", "function usage {\n  echo help\n}"],
    ["typescript method with a return type", "validateSchema", "  validateSchema(schema: AnySchema, throwOrLogError?: boolean): boolean | Promise<unknown> {"],
    ["typescript generic method", "compile", "  compile<T = unknown>(schema: Schema | JSONSchemaType<T>, _meta?: boolean): ValidateFunction<T> {"],
    ["typescript nested generics", "compile", "  compile<N extends never, T extends SomeJTDSchemaType<X>>(\n    schema: T\n  ): ValidateFunction<JTDDataType<T>> {"],
    ["typescript destructured parameter", "errorsText", "  errorsText(\n    errors = this.errors,\n    {separator = \", \", dataVar = \"data\"}: ErrorsTextOptions = {}\n  ): string {"],
    ["typescript callback parameter", "run", "  run(cb: (err: Error) => void): void {"],
    ["a function given to an object's property", "makeRe", "picomatch.makeRe = (input, options) => {"],
    ["a function expression given to a property", "escape", "Utils.escape = function (text) {"],
    ["rust enum variant", "CompiledTooBig", "pub enum Error {\n    Syntax(String),\n    CompiledTooBig(usize),\n}"],
    ["typescript enum member", "Green", "export enum Color {\n  Red = 1,\n  Green\n}"],
    ["java enum constant", "MERCURY", "public enum Planet {\n    MERCURY (3.303e+23, 2.4397e6),\n    VENUS (4.869e+24, 6.0518e6);\n}"],
  ];
  for (const [what, name, text] of cases) assert.equal(textDeclaresName(name, text), true, `${what}: ${name}`);
});

test("a Rust impl block implements its type: not a declaration of it, nor of the trait it implements", () => {
  for (const text of ["impl fmt::Display for Regex {\n    fn fmt(&self) {}\n}", "impl Regex {\n    pub fn new() {}\n}", "impl<'r> Regex {", "unsafe impl Send for Regex {}"]) {
    assert.equal(textImplementsName("Regex", text), true, text);
    assert.equal(textDeclaresName("Regex", text), false, text);
  }
  assert.equal(textImplementsName("regex", "impl Regex {"), true, "a name in lower case matches any case");
  assert.equal(textImplementsName("Display", "impl fmt::Display for Regex {"), false, "the trait is used, not implemented here");
  assert.equal(textImplementsName("Replacer", "impl<'a> Replacer for &'a str {"), false);
  assert.equal(textImplementsName("Regex", "impl RegexSet {"), false, "a longer name is another name");
  assert.equal(textImplementsName("Regex", "let r = Regex::new(x); // impl detail"), false);
});

test("a Swift extension is where a type's methods are: it implements the type, and declares neither it nor its protocol", () => {
  for (const text of ["public extension Record {\n  func toDictionary() -> Dict {", "extension Record: Equatable {", "extension Outer.Record {"]) {
    assert.equal(textImplementsName("Record", text), true, text);
    assert.equal(textDeclaresName("Record", text, "swift"), false, text);
  }
  assert.equal(textImplementsName("Equatable", "extension Record: Equatable {"), false, "the protocol is conformed to, not extended");
  assert.equal(textImplementsName("Outer", "extension Outer.Record {"), false, "a nested type's extension is not its outer type's");
  assert.equal(textDeclaresName("Record", "public protocol Record: Convertible {", "swift"), true);
});

test("a member the query qualifies is not a local variable of a function body (JS, TS, Lua, Rust)", () => {
  const body = "  command(nameAndArgs, execOpts) {\n    let opts = execOpts;\n    const desc = opts.description;\n  }";
  assert.equal(textDeclaresName("opts", body, "javascript"), true, "unqualified, any declaration counts");
  assert.equal(textDeclaresName("opts", body, "javascript", true), false, "a local is not Command.opts");
  assert.equal(textDeclaresName("opts", "  opts() {\n    return {};\n  }", "javascript", true), true);
  assert.equal(textDeclaresName("parse", "export const parse = (text) => text;", "typescript", true), true, "a module's top level");
  assert.equal(textDeclaresName("keys", "function M.f()\n  local keys = {}\nend", "lua", true), false);
  assert.equal(textDeclaresName("cache", "    let cache = Cache::new();", "rust", true), false);
  // Elsewhere an indented `let` or `val` may be a member: Swift's `let x: Int` in a struct.
  assert.equal(textDeclaresName("width", "struct Size {\n    let width: Int\n}", "swift", true), true);
  assert.equal(textDeclaresName("width", "class Size {\n    val width = 1\n}", "kotlin", true), true);
});

test("a name typed with its $ is declared with it", () => {
  assert.equal(textDeclaresName("$constructor", "export function $constructor<T>(name: string) {\n}"), true);
  assert.equal(textDeclaresName("$constructor", "export const $ZodX: core.$constructor<$ZodX> = core.$constructor(\"$ZodX\", (inst) => {});"), false, "a use");
  assert.equal(textDeclaresName("$constructor", "  constructor(params?: Params) {\n    this.x = 1;\n  }"), false, "every class's constructor is another name");
  assert.equal(textDeclaresName("$ZodType", "export const $ZodType: core.$constructor<$ZodType> = core.$constructor(\"$ZodType\", (inst, def) => {"), true);
  assert.equal(textDeclaresName("$ZodType", "export const ZodType: core.$constructor<ZodType> = core.$constructor(\"ZodType\", (inst, def) => {"), false);
});

test("a use or a mention is not a declaration", () => {
  assert.equal(textDeclaresName("parseRange", "const r = parseRange(text)\nreturn r"), false);
  assert.equal(textDeclaresName("Range", "if (x instanceof Range) return new Range(x)"), false);
  assert.equal(textDeclaresName("compare", "// compare two versions\nreturn compare(a, b)"), false);
  assert.equal(textDeclaresName("parse", "function parseAll() {}"), false, "a longer name is another name");
  assert.equal(textDeclaresName("Range", "'use strict'\nconst Range = require('../classes/range')"), false, "an import is not a definition");
  assert.equal(textDeclaresName("Range", "const Range = await import('./range.js')"), false);
  assert.equal(textDeclaresName("compile", "  compile<T = unknown>(schema: JTDSchemaType<T>): ValidateFunction<T>\n  compile(x)"), false, "an overload signature has no body");
  assert.equal(textDeclaresName("describe", 'describe("ranges", () => {\n  if (ok) {\n  }\n})'), false, "a call whose callback holds a block");
  assert.equal(textDeclaresName("makeRe", "state.makeRe = options.makeRe"), false, "a property given a value that is not a function");
  assert.equal(textDeclaresName("makeRe", "const re = picomatch.makeRe(glob)"), false);
  // Exporting or storing a name declared elsewhere: the declaration is where the name was made.
  assert.equal(textDeclaresName("Command", "exports.Command = Command;"), false, "a re-export");
  assert.equal(textDeclaresName("suggestSimilar", "exports.suggestSimilar = suggestSimilar;\n"), false);
  assert.equal(textDeclaresName("Help", "exports.Help = require('./lib/help.js').Help;"), false);
  assert.equal(textDeclaresName("parse", "module.exports.parse = utils.parse"), false);
  assert.equal(textDeclaresName("name", "    this.name = name;"), false, "a field set from a parameter");
  assert.equal(textDeclaresName("compare", "exports.compare = (a, b) => a - b;"), true, "a function made in place");
  assert.equal(textDeclaresName("options", "    this.options = { loose: true };"), true);
  assert.equal(textDeclaresName("Replacer", "impl<'a> Replacer for &'a str {\n    fn replace_append() {}"), false, "implementing a trait is a use of it");
  assert.equal(textDeclaresName("Into", "impl<T> Into<T> for Pool {"), false);
  assert.equal(textDeclaresName("Syntax", "match e {\n    Syntax(s) => s,\n}"), false, "a match arm");
  assert.equal(textDeclaresName("Fast", "enum Mode {\n  Slow,\n}\n\nfn f() {\n  g(\n    Fast,\n  )\n}"), false, "after the enum's closing brace");
  assert.equal(textDeclaresName("Fast", "// an enum of modes\ng(\n  Fast,\n)"), false, "the word enum in prose");
  // A name typed with a capital is matched as typed; one typed in lower case matches any case.
  assert.equal(textDeclaresName("Command", "// no available sub command\nfunc (c *Command) Has() bool {"), false, "prose in a comment");
  assert.equal(textDeclaresName("Session", "def session():\n    return Session()"), false);
  assert.equal(textDeclaresName("session", "class Session(SessionRedirectMixin):"), true);
});

test("inside a qualifier: by the symbol's qualifier, or the container it names, else the text's word or a path part", () => {
  assert.equal(inScope("Regex", "new", { path: "src/re_unicode.rs", text: "pub fn new(re: &str) {", symbol: "Regex.new" }), true);
  assert.equal(inScope("Regex", "new", { path: "src/re_set.rs", text: "impl RegexSet { fn new() { Regex::new(x) }", symbol: "RegexSet.new" }), false, "the symbol's qualifier decides");
  assert.equal(inScope("MockRequest", "env_for", { path: "lib/rack/mock.rb", text: "def self.env_for(uri)", symbol: "Rack.MockRequest.env_for" }), true);
  assert.equal(inScope("Regex", "new", { path: "src/a.rs", text: "impl Regex {\n  fn new() {", symbol: undefined }), true);
  assert.equal(inScope("Regex", "new", { path: "src/pikevm.rs", text: "impl Cache {\n  /// a new cache for a Regex\n  fn new() {", symbol: "Cache" }), false, "a chunk that is another container");
  assert.equal(inScope("Regex", "new", { path: "src/re.rs", text: "impl Regex {\n  fn new() {", symbol: "Regex" }), true, "a chunk that is the qualifier itself");
  assert.equal(inScope("cobra", "ld", { path: "cobra/cobra.go", text: "func ld(s, t string) int {", symbol: "ld" }), true, "named after the name: the path decides");
  assert.equal(inScope("Regex", "new", { path: "src/a.rs", text: "use regex::bytes;\nfn new() {", symbol: undefined }), false, "the word as written: regex is not Regex");
  assert.equal(inScope("Utils", "escape_html", { path: "lib/rack/utils.rb", text: "def escape_html(string)", symbol: "escape_html" }), true, "a path part");
  // A member set on the object a factory builds, in a chunk named after the factory's feature.
  assert.equal(inScope("column", "pin", { path: "src/features/ColumnPinning.ts", text: "createColumn: (column, table) => {\n  column.pin = position => {", symbol: "ColumnPinning" }), true, "assigned as qualified");
  assert.equal(inScope("column", "pin", { path: "src/features/RowPinning.ts", text: "createRow: (row, table) => {\n  row.pin = (position) => {", symbol: "RowPinning" }), false, "assigned on another object");
  assert.equal(inScope("column", "pin", { path: "src/features/ColumnPinning.ts", text: "if (column.pin == null) {", symbol: "ColumnPinning" }), false, "compared, not assigned");
  // Only its symbol: the member named inside the qualifier, or the qualifier itself; not the text.
  assert.equal(symbolInScope("Regex", "new", { symbol: "Regex.new" }), true);
  assert.equal(symbolInScope("Regex", "new", { symbol: "Regex" }), true);
  assert.equal(symbolInScope("Regex", "new", { symbol: "RegexSet.new" }), false);
  assert.equal(symbolInScope("TypeConverterProviderImpl", "obtainTypeConverter", { symbol: "obtainTypeConverter" }), false);
  assert.equal(symbolInScope("Regex", "new", {}), false);
  // The segment before the name, wherever it stands: a chunk that opens a type with a nested one.
  assert.equal(symbolInScope("Sinatra", "Templates", { symbol: "Sinatra.Templates.ContentTyped" }), true);
  assert.equal(symbolInScope("Base", "Templates", { symbol: "Sinatra.Templates.ContentTyped" }), false);
  // A stretch of a class's body, named after the class (inside its module): the class is the container.
  assert.equal(symbolInScope("Base", "route", { symbol: "Sinatra.Base" }), true);
  assert.equal(symbolInScope("Sinatra", "route", { symbol: "Sinatra.Base" }), true, "or a sibling of the one named");
  assert.equal(symbolInScope("Request", "route", { symbol: "Sinatra.Base" }), false);
  // A chunk that opens its symbol's class holds that class's members, not its container's: Faraday's
  // `class Middleware` inside `class Response` has an `on_complete` of its own.
  const middleware = { symbol: "Faraday.Response.Middleware", text: "    class Middleware < Faraday::Middleware\n      def on_complete(env)\n      end" };
  assert.equal(symbolInScope("Response", "on_complete", middleware), false);
  assert.equal(symbolInScope("Middleware", "on_complete", middleware), true);
  assert.equal(symbolInScope("Response", "on_complete", { symbol: "Faraday.Response.Middleware" }), true, "without its text, a sibling of the one named");
  assert.equal(inScope("Response", "on_complete", { path: "lib/faraday/response.rb", ...middleware }), false);
  assert.equal(inScope("Utils", "escape_html", { path: "lib/rack/utilities_test.rb", text: "def escape_html(string)", symbol: "escape_html" }), false);
});

test("the chunker's symbol counts, by its last segment, snake_case and camelCase alike", () => {
  assert.equal(symbolIsName("test", "Comparator.test"), true);
  assert.equal(symbolIsName("Comparator.test", "Comparator.test"), true);
  assert.equal(symbolIsName("parse_range", "parseRange"), true);
  assert.equal(symbolIsName("Name", "Pkg::Other"), false);
});

test("path words drop question words and keep identifier parts", () => {
  assert.deepEqual(pathWords("how does parseRange handle ranges?"), ["parserange", "parse", "range", "handle", "ranges"]);
});

test("plural, singular and prefix variants of a word match a path part", () => {
  assert.equal(singular("ranges"), "range");
  assert.equal(singular("entries"), "entry");
  assert.equal(singular("classes"), "class");
  assert.equal(wordsMatch("ranges", "range"), true);
  assert.equal(wordsMatch("parse", "parser"), true);
  assert.equal(wordsMatch("cache", "lrucache"), true);
  assert.equal(wordsMatch("config", "configuration"), true);
  assert.equal(wordsMatch("ran", "range"), false, "short prefixes are noise");
  assert.equal(wordsMatch("sort", "port"), false);
});

test("a name's abbreviation matches the word it stands for, as in the keyword index", () => {
  assert.equal(wordsMatch("compare", "cmp"), true);
  assert.equal(wordsMatch("maximum", "max"), true);
  assert.equal(wordsMatch("arguments", "args"), true);
  assert.equal(wordsMatch("compare", "cap"), false);
  assert.equal(pathMatchScore("semver/functions/cmp.js", pathWords("compare two versions")), 1 / 3);
  assert.equal(symbolMatchScore("maxLength", pathWords("maximum allowed length")), 1);
});

test("a base-name match counts more than a folder match, and nothing matches nothing", () => {
  const file = pathMatchScore("semver/ranges/intersects.js", ["intersects"]);
  const folder = pathMatchScore("semver/ranges/outside.js", ["range"]);
  assert.equal(file, 1);
  assert.equal(folder, 0.5);
  assert.equal(pathMatchScore("semver/functions/diff.js", ["cache"]), 0);
  assert.equal(pathMatchScore("semver/internal/lrucache.js", ["lru", "cache", "evict", "entries"]), 1 / 3, "one word of at most three counted");
});

test("symbol match: the share of a chunk's name the query's words make up, from half of it", () => {
  const words = pathWords("how are redirects followed");
  assert.equal(symbolMatchScore("resolve_redirects", words), 0.5, "one word of two");
  assert.equal(symbolMatchScore("SessionRedirectMixin.resolve_redirects", words), 0.5, "the last segment is the name");
  assert.equal(symbolMatchScore("rebuild_auth", words), 0);
  assert.equal(symbolMatchScore("get_redirect_target", words), 0, "one word of three is chance");
  assert.equal(symbolMatchScore("initPoolManager", pathWords("where is the connection pool manager created")), 2 / 3, "camelCase parts, 'init' not asked");
  assert.equal(symbolMatchScore("ConnectionPools", pathWords("connection pool")), 1, "plural and singular");
  assert.equal(symbolMatchScore(undefined, words), 0, "a chunk without a symbol");
  assert.equal(symbolMatchScore("fn", words), 0, "a name without a word of three letters");
});

test("default demotion: tests (also C's and Rust's tests.c, test_*.c, bench_*.c, tests.rs), examples, vendored copies, shims, minified builds, .d.ts and .pyi stubs", () => {
  const demoted = demotionMatcher(DEFAULT_DEMOTE_GLOBS);
  for (const p of ["test/parse.js", "pkg/tests/a.py", "src/__tests__/x.ts", "lib/range.test.ts", "cobra/command_test.go", "requests/test_api.py", "examples/basic.rs", "vendor/lib/x.go", "third_party/zlib/inflate.c", "sqlite/sqlite3-amalgamation.c", "dist/app.min.js", "lib/compat/old.js", "index.d.ts", "attr/validators.pyi", "spec/foo_spec.rb", "hiredis/test.c", "secp256k1/src/tests.c", "src/tests_exhaustive.c", "src/modules/ecdh/tests_impl.h", "src/bench_sign.c", "src/builder/tests.rs"]) {
    assert.equal(demoted(p), true, p);
  }
  for (const p of ["src/parse.ts", "semver/ranges/intersects.js", "requests/sessions.py", "lib/rack/utils.rb", "contest/a.js", "latest.ts", "attr/validators.py", "pkg/pyinfo.py", "werkzeug/test.py", "jinja2/tests.py", "luarocks/cmd/test.lua", "src/testrand_impl.h", "src/latest_tests.c"]) assert.equal(demoted(p), false, p);
});

test("a query that asks for the kind of file does not demote it", () => {
  const demoted = demotionMatcher(DEFAULT_DEMOTE_GLOBS);
  assert.equal(isDemoted("tests/test_sessions.py", demoted, ["session"]), true);
  assert.equal(isDemoted("tests/test_sessions.py", demoted, ["tests", "session"]), false);
  assert.equal(isDemoted("examples/shootout.rs", demoted, ["example"]), false);
  assert.equal(isDemoted("src/lib.rs", demoted, ["example"]), false, "not demoted to begin with");
  assert.equal(isDemoted("tests/a.py", demotionMatcher([]), ["x"]), false, "no globs, no demotion");
});

test("file credit: a share of the file's other chunks' scores, never more than the chunk's own", () => {
  const items = [
    { path: "a", score: 0.5 },
    { path: "b", score: 0.4 },
    { path: "a", score: 0.3 },
    { path: "a", score: 0.1 },
  ];
  const add = fileCredit(items, 0.25);
  assert.ok(Math.abs(add[0] - 0.25 * 0.4) < 1e-12);
  assert.equal(add[1], 0, "a file of one chunk gets nothing");
  assert.ok(Math.abs(add[2] - 0.25 * 0.6) < 1e-12);
  assert.ok(Math.abs(add[3] - 0.1) < 1e-12, "capped at its own score (0.25 × 0.8 = 0.2 > 0.1)");
});

test("per-file cap: at most n chunks of a file before the others, the rest after, order kept", () => {
  const items = ["a1", "a2", "a3", "a4", "b1", "a5", "c1"].map((id) => ({ id, path: id[0] }));
  const { order, moved } = capPerFile(items, 2);
  assert.deepEqual(
    order.map((i) => i.id),
    ["a1", "a2", "b1", "c1", "a3", "a4", "a5"],
  );
  assert.deepEqual(
    [...moved].map((i) => i.id),
    ["a3", "a4", "a5"],
  );
  assert.deepEqual(
    capPerFile(items, 0).order.map((i) => i.id),
    items.map((i) => i.id),
    "0 is no cap",
  );
});

test("semanticSearch.ranking.demote: package.json's default is DEFAULT_DEMOTE_GLOBS, and a list from settings replaces it", async () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
  assert.deepEqual(manifest.contributes.configuration.properties["semanticSearch.ranking.demote"].default, [...DEFAULT_DEMOTE_GLOBS]);
  const { readSettings, queryOptions } = await import("../../server/src/lsp/settings");
  assert.deepEqual(readSettings({}).ranking.demote, [...DEFAULT_DEMOTE_GLOBS]);
  assert.deepEqual(readSettings({ ranking: { demote: ["gen/**", 3] } }).ranking.demote, ["gen/**"], "non-strings dropped");
  assert.deepEqual(readSettings({ ranking: { demote: "gen/**" } }).ranking.demote, [...DEFAULT_DEMOTE_GLOBS], "not a list: the default");
  assert.deepEqual(queryOptions(readSettings({ ranking: { demote: [] } })).ranking, { demote: [], demoteGenerated: true });
});

test("semanticSearch.ranking.demoteGenerated: on by default in package.json and the settings; only a boolean turns it off", async () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
  const setting = manifest.contributes.configuration.properties["semanticSearch.ranking.demoteGenerated"];
  assert.equal(setting.type, "boolean");
  assert.equal(setting.default, DEFAULT_RANKING.demoteGenerated);
  const { readSettings } = await import("../../server/src/lsp/settings");
  assert.equal(readSettings({}).ranking.demoteGenerated, true);
  assert.equal(readSettings({ ranking: { demoteGenerated: false } }).ranking.demoteGenerated, false);
  assert.equal(readSettings({ ranking: { demoteGenerated: "no" } }).ranking.demoteGenerated, true, "not a boolean: the default");
});

test("a generated code file goes down unless the query says generated; prose and hand-written code do not", () => {
  const generated = { metadata: { language: "go", kind: "code", generated: true } };
  assert.equal(isGeneratedChunk(generated, pathWords("where is the user request message")), true);
  assert.equal(isGeneratedChunk(generated, pathWords("the generated user request message")), false);
  assert.equal(isGeneratedChunk(generated, pathWords("which generator writes it")), false);
  assert.equal(isGeneratedChunk({ metadata: { language: "go", kind: "code" } }, ["user"]), false, "hand-written");
  assert.equal(isGeneratedChunk({ metadata: { language: "markdown", kind: "markdown", generated: true } }, ["user"]), false, "front matter is the user's");
});
