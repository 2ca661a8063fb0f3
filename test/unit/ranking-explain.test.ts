// rankWithSignals: the fused order moved by each signal, each switch honoured, the per-file cap, the
// question-coverage rule, and the explanation every result carries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_RANKING, describeExplanation, explanationLine, NO_RANKING_SIGNALS, resolveRanking, type ResolvedRanking } from "../../shared/src/ranking";
import { DEFAULT_FUSION, FUSION_BY_KIND, type Scored } from "../../server/src/search/fusion";
import { rankWithSignals, type CandidateRow } from "../../server/src/search/hybrid";
import { CONTAINER_FACTOR } from "../../server/src/search/container-heads";
import { COMMENTS_DOWN_FACTOR } from "../../server/src/search/comment-chunks";
import { INTERFACES_DOWN_FACTOR } from "../../server/src/search/interface-chunks";
import { LATER_PIECE_FACTOR, PROSE_IN_CODE_FACTOR, PROSE_KEPT, SYMBOL_WEIGHT } from "../../server/src/search/ranking-signals";

const list = (...ids: number[]): Scored[] => ids.map((id, i) => ({ id, score: 1 - i / 100 }));
const rows = (entries: [number, string, string, Record<string, unknown>?][]) => new Map<number, CandidateRow>(entries.map(([id, path, text, metadata]) => [id, { path, text, metadata: metadata ?? {} }]));

function rank(query: string, semantic: Scored[], lexical: Scored[], r: Map<number, CandidateRow>, ranking: ResolvedRanking = DEFAULT_RANKING, mode: "hybrid" | "lexical" = "hybrid") {
  return rankWithSignals({ mode, query, semantic, lexical, rows: r, ranking, fusion: DEFAULT_FUSION });
}

test("with every signal off the order is the plain fusion (keyword weighted 2, k 3)", () => {
  const r = rows([
    [1, "a.js", "one"],
    [2, "b.js", "two"],
    [3, "c.js", "three"],
  ]);
  // vector 1,2,3; keyword 3,2: 3 = 1/6 + 2/4, 2 = 1/5 + 2/5, 1 = 1/4
  assert.deepEqual(
    rank("x y", list(1, 2, 3), list(3, 2), r, NO_RANKING_SIGNALS).map((e) => e.id),
    [3, 2, 1],
  );
});

test("definition boost: the chunk that declares the queried name overtakes one that only uses it", () => {
  const r = rows([
    [1, "src/use.ts", "const x = parseRange(text); return parseRange(x)"],
    [2, "src/def.ts", "export function parseRange(text: string) {\n  return 1;\n}"],
  ]);
  const on = rank("parseRange", list(1, 2), list(1, 2), r, { ...NO_RANKING_SIGNALS, definitionBoost: true });
  assert.deepEqual(
    on.map((e) => e.id),
    [2, 1],
  );
  assert.deepEqual(on[0].explain.signals, [{ signal: "definitionBoost", factor: 2, detail: "declares parseRange, put first in the keyword list" }]);
  assert.equal(on[0].explain.lexicalRank, 2, "the explanation keeps BM25's own rank");
  const off = rank("parseRange", list(1, 2), list(1, 2), r, NO_RANKING_SIGNALS);
  assert.deepEqual(
    off.map((e) => e.id),
    [1, 2],
    "switched off, the use stays first",
  );
});

test("definition boost: a Rust struct leads its impl block; an impl block alone stands for its type", () => {
  const r = rows([
    [1, "src/walk.rs", "impl WalkParallel {\n    /// Execute the parallel recursive directory iterator.\n    pub fn run<'s, F>(self, mkf: F)", { symbol: "WalkParallel", language: "rust" }],
    [2, "src/walk.rs", "/// WalkParallel is a parallel recursive directory iterator.\npub struct WalkParallel {\n    paths: vec::IntoIter<PathBuf>,", { symbol: "WalkParallel", language: "rust" }],
    [3, "src/lib.rs", "let walker = WalkParallel::new(paths);", { language: "rust" }],
  ]);
  const out = rank("WalkParallel", list(1, 3, 2), list(1, 3, 2), r);
  assert.deepEqual(out.map((e) => e.id), [2, 1, 3]);
  assert.ok(out[0].explain.signals.some((s) => s.signal === "definitionBoost"));
  assert.ok(!out[1].explain.signals.some((s) => s.signal === "definitionBoost"), "the impl block is not the declaration while the struct is a candidate");
  // Without the struct among the candidates, the impl block is where the type is.
  r.delete(2);
  const alone = rank("WalkParallel", list(1, 3), list(3, 1), r);
  assert.equal(alone[0].id, 1);
  assert.ok(alone[0].explain.signals.some((s) => s.signal === "definitionBoost"));
});

test("definition boost: a class's opening that leads its constructor is where the class is; a constructor alone is not", () => {
  const r = rows([
    [1, "JSValue.cs", "    public static JSValueObject ReadFrom(IJSValueReader reader) => JSValue.ReadObjectFrom(reader);\n    }", { symbol: "Managed.JSValueObject", language: "csharp" }],
    [2, "JSValue.cs", "    public class JSValueObject : Dictionary<string, JSValue>, IEquatable<JSValueObject>\n    {\n        // Default constructor\n        public JSValueObject() { }", { symbol: "Managed.JSValueObject.JSValueObject", language: "csharp" }],
  ]);
  const out = rank("JSValueObject", list(1, 2), list(1, 2), r, { ...NO_RANKING_SIGNALS, definitionBoost: true });
  assert.equal(out[0].id, 2, JSON.stringify(out.map((e) => e.id)));
  assert.ok(out[0].explain.signals.some((s) => s.signal === "definitionBoost"));
  // A constructor on its own says the name and is not the class.
  const alone = rows([[1, "CallStack.java", "    public CallStack() {\n        push(new NameSpace());\n    }", { symbol: "bsh.CallStack.CallStack", language: "java" }]]);
  assert.deepEqual(rank("CallStack", list(1), list(1), alone, { ...NO_RANKING_SIGNALS, definitionBoost: true })[0].explain.signals, []);
});

test("definition boost: a Swift protocol leads its extension; an extension alone stands for its type", () => {
  const r = rows([
    [1, "Core/Records/Record.swift", "/**\n Provides the default implementation of `Record` protocol.\n */\npublic extension Record {\n  static func convert(from value: Any?) throws -> Self {", { language: "swift" }],
    [2, "Core/Records/Record.swift", "/**\n A protocol that allows initializing the object with a dictionary.\n */\npublic protocol Record: Convertible {\n  typealias Dict = [String: Any]", { symbol: "Record", language: "swift" }],
  ]);
  const out = rank("Record", list(1, 2), list(1, 2), r);
  assert.deepEqual(out.map((e) => e.id), [2, 1]);
  assert.ok(!out[1].explain.signals.some((s) => s.signal === "definitionBoost"), "the extension is not the declaration while the protocol is a candidate");
  r.delete(2);
  assert.ok(rank("Record", list(1), list(1), r)[0].explain.signals.some((s) => s.signal === "definitionBoost"));
});

test("definition boost: a TypeScript implementation leads its overload signatures; signatures alone stand for it", () => {
  const r = rows([
    [1, "operators/exhaustMap.ts", "/* tslint:disable:max-line-length */\nexport function exhaustMap<T, O extends ObservableInput<any>>(\n  project: (value: T, index: number) => O\n): OperatorFunction<T, ObservedValueOf<O>>;", { symbol: "exhaustMap", language: "typescript" }],
    [2, "operators/exhaustMap.ts", "export function exhaustMap<T, R, O extends ObservableInput<any>>(\n  project: (value: T, index: number) => O\n): OperatorFunction<T, ObservedValueOf<O> | R> {\n  return operate((source, subscriber) => {", { symbol: "exhaustMap", language: "typescript" }],
    [3, "operators/exhaust.ts", "export const exhaust = exhaustAll; // see exhaustMap", { language: "typescript" }],
  ]);
  const out = rank("exhaustMap", list(3, 1, 2), list(1, 3, 2), r);
  assert.equal(out[0].id, 2, JSON.stringify(out.map((e) => e.id)));
  assert.ok(!out.find((e) => e.id === 1)!.explain.signals.some((s) => s.signal === "definitionBoost"), "the signatures are not the declaration while the implementation is a candidate");
  // Without the implementation among the candidates (a .d.ts, or a list cut short), the signatures are where it is declared.
  r.delete(2);
  const alone = rank("exhaustMap", list(3, 1), list(3, 1), r);
  assert.equal(alone[0].id, 1);
  assert.ok(alone[0].explain.signals.some((s) => s.signal === "definitionBoost"));
});

test("definition boost: a Lua function leads its forward declaration; the declaration alone stands for it", () => {
  const r = rows([
    [1, "ldoc/doc.lua", "local build_arg_list, split_iden  -- forward declaration", { language: "lua" }],
    [2, "ldoc/doc.lua", "function build_arg_list (names,pmods)\n   -- build up the string representation of the argument list", { symbol: "build_arg_list", language: "lua" }],
    [3, "ldoc/doc.lua", "      self.args = build_arg_list (names,pmods)", { symbol: "Item:finish", language: "lua" }],
  ]);
  const out = rank("build_arg_list", list(1, 3, 2), list(2, 3, 1), r);
  assert.equal(out[0].id, 2, JSON.stringify(out.map((e) => e.id)));
  assert.ok(!out.find((e) => e.id === 1)!.explain.signals.some((s) => s.signal === "definitionBoost"), "the forward declaration is not the definition while the function is a candidate");
  r.delete(2);
  const alone = rank("build_arg_list", list(1, 3), list(3, 1), r);
  assert.ok(alone.find((e) => e.id === 1)!.explain.signals.some((s) => s.signal === "definitionBoost"), "alone, the forward declaration is where the name is declared");
});

test("definition boost: a Lua module's field leads the modules that alias it; an alias alone stands for it", () => {
  const r = rows([
    [1, "resty/core/response.lua", 'local base = require "resty.core.base"\nlocal FFI_BAD_CONTEXT = base.FFI_BAD_CONTEXT\nlocal FFI_NO_REQ_CTX = base.FFI_NO_REQ_CTX', { language: "lua" }],
    [2, "resty/core/misc.lua", 'local base = require "resty.core.base"\nlocal FFI_BAD_CONTEXT = base.FFI_BAD_CONTEXT', { language: "lua" }],
    [3, "resty/core/base.lua", "_M.FFI_OK = 0\n_M.FFI_NO_REQ_CTX = -100\n_M.FFI_BAD_CONTEXT = -101\n_M.FFI_ERROR = -1", { language: "lua" }],
  ]);
  const out = rank("FFI_BAD_CONTEXT", list(3, 1, 2), list(1, 2, 3), r);
  assert.equal(out[0].id, 3, JSON.stringify(out.map((e) => e.id)));
  assert.ok(!out.find((e) => e.id === 1)!.explain.signals.some((s) => s.signal === "definitionBoost"), "an alias is not the definition while the module's field is a candidate");
  r.delete(3);
  const alone = rank("FFI_BAD_CONTEXT", list(1, 2), list(1, 2), r);
  assert.ok(alone.find((e) => e.id === 1)!.explain.signals.some((s) => s.signal === "definitionBoost"), "alone, an alias is where the name is declared");
});

test("definition boost: a C struct's opening leads the closing line cut from it; the closing line alone stands for it", () => {
  const r = rows([
    [1, "hiredis/async.h", "} redisAsyncContext;", { symbol: "redisAsyncContext", language: "cpp" }],
    [2, "hiredis/async.h", "/* Context for an async connection to Redis */\ntypedef struct redisAsyncContext {\n    /* Hold the regular context, so it can be realloc'ed. */\n    redisContext c;", { symbol: "redisAsyncContext", language: "cpp" }],
    [3, "hiredis/async.c", "static redisAsyncContext *redisAsyncInitialize(redisContext *c) {", { symbol: "redisAsyncInitialize", language: "c" }],
  ]);
  const out = rank("redisAsyncContext", list(1, 3, 2), list(1, 2, 3), r);
  assert.equal(out[0].id, 2, JSON.stringify(out.map((e) => e.id)));
  assert.ok(!out.find((e) => e.id === 1)!.explain.signals.some((s) => s.signal === "definitionBoost"), "the closing line is not the definition while the opening is a candidate");
  r.delete(2);
  const alone = rank("redisAsyncContext", list(1, 3), list(1, 3), r);
  assert.ok(alone.find((e) => e.id === 1)!.explain.signals.some((s) => s.signal === "definitionBoost"), "alone, the closing line is where the name is declared");
});

test("definition boost: a C function leads its documented prototype, named after it; the prototype alone stands for it", () => {
  const r = rows([
    [1, "src/cmark-gfm.h", "/** Finish parsing and return a pointer to a tree of nodes.\n */\nCMARK_GFM_EXPORT\ncmark_node *cmark_parser_finish(cmark_parser *parser);", { symbol: "cmark_parser_finish", language: "cpp" }],
    [2, "src/blocks.c", "cmark_node *cmark_parser_finish(cmark_parser *parser) {\n  if (parser->linebuf.size) {", { symbol: "cmark_parser_finish", language: "c" }],
    [3, "src/main.c", "  document = cmark_parser_finish(parser);", { symbol: "main", language: "c" }],
  ]);
  const out = rank("cmark_parser_finish", list(1, 3, 2), list(1, 3, 2), r);
  assert.equal(out[0].id, 2, JSON.stringify(out.map((e) => e.id)));
  assert.ok(!out.find((e) => e.id === 1)!.explain.signals.some((s) => s.signal === "definitionBoost"), "the prototype is not the definition while the function is a candidate");
  // Nor is the first window of a prototype's long doc comment, which carries its name too.
  r.set(4, { ...r.get(1)!, text: "\t/// \\brief Returns a view of the node matching a fully-qualified \"TOML path\".\n\t///\n\t/// std::cout << toml::at_path(config, \"foo.bar[2]\") << \"\\n\";" });
  const windowed = rank("cmark_parser_finish", list(4, 1, 3, 2), list(4, 1, 3, 2), r);
  assert.equal(windowed[0].id, 2, JSON.stringify(windowed.map((e) => e.id)));
  assert.ok(!windowed.find((e) => e.id === 4)!.explain.signals.some((s) => s.signal === "definitionBoost"));
  r.delete(4);
  r.delete(2);
  const alone = rank("cmark_parser_finish", list(1, 3), list(1, 3), r);
  assert.ok(alone.find((e) => e.id === 1)!.explain.signals.some((s) => s.signal === "definitionBoost"), "alone, the prototype is where the name is declared");
});

test("definition boost: Ruby's route! is another method than route; asked for with its bang, it is declared", () => {
  const r = rows([
    [1, "lib/sinatra/base.rb", "    # Run routes defined on the class and all superclasses.\n    def route!(base = settings, pass_block = nil)\n      routes = base.routes[@request.request_method]", { symbol: "Sinatra.Base.route!", language: "ruby" }],
    [2, "lib/sinatra/base.rb", "      def route(verb, path, options = {}, &block)\n        enable :empty_path_info if path == ''", { symbol: "Sinatra.Base", language: "ruby" }],
  ]);
  const boosted = (query: string) => rank(query, list(1, 2), list(1, 2), r).filter((e) => e.explain.signals.some((s) => s.signal === "definitionBoost")).map((e) => e.id);
  assert.deepEqual(boosted("route"), [2]);
  assert.deepEqual(boosted("Base.route"), [2], "the stretch of class Base is inside Base");
  assert.ok(boosted("route!").includes(1), "typed with its bang, the bang method is declared");
});

test("demote tests: a Rust test inside a source file goes down as a test file does, unless asked for", () => {
  const r = rows([
    [1, "src/gitignore.rs", "#[test]\nfn parse_excludes_file1() {\n    let data = bytes(\"[core]\\nexcludesFile = /foo/bar\");\n}", { symbol: "tests.parse_excludes_file1", language: "rust" }],
    [2, "src/gitignore.rs", "fn parse_excludes_file(data: &[u8]) -> Option<PathBuf> {", { symbol: "parse_excludes_file", language: "rust" }],
  ]);
  const out = rank("read the excludes file from the git config", list(1, 2), list(1, 2), r, { ...NO_RANKING_SIGNALS, demoteTests: true, demote: [...DEFAULT_RANKING.demote] });
  assert.deepEqual(out.map((e) => e.id), [2, 1]);
  assert.deepEqual(out[1].explain.signals, [{ signal: "demoteTests", factor: 0.5, detail: "a test inside a source file" }]);
  assert.deepEqual(rank("test for the excludes file in the git config", list(1, 2), list(1, 2), r, { ...NO_RANKING_SIGNALS, demoteTests: true, demote: [...DEFAULT_RANKING.demote] }).map((e) => e.id), [1, 2], "asked for");
  // Globs that demote no test folder leave inline tests alone too.
  assert.deepEqual(rank("read the excludes file from the git config", list(1, 2), list(1, 2), r, { ...NO_RANKING_SIGNALS, demoteTests: true, demote: ["**/vendor/**"] }).map((e) => e.id), [1, 2]);
});

test("definition boost: for a qualified name a local variable of a method is not the member", () => {
  const r = rows([
    [1, "lib/command.js", "  command(nameAndArgs, actionOptsOrExecDesc, execOpts) {\n    let desc = actionOptsOrExecDesc;\n    let opts = execOpts;", { symbol: "Command.command", language: "javascript" }],
    [2, "lib/command.js", "  /**\n   * Return an object containing local option values.\n   */\n  opts() {\n    return this._optionValues;", { symbol: "Command.opts", language: "javascript" }],
  ]);
  const out = rank("Command.opts", list(1, 2), list(1, 2), r);
  assert.deepEqual(out.map((e) => e.id), [2, 1]);
  assert.ok(!out[1].explain.signals.some((s) => s.signal === "definitionBoost"), "let opts is a local");
});

test("definition boost: a C++ class's constructors do not count as declaring the class", () => {
  const r = rows([
    [1, "fmt/core.h", "  constexpr basic_format_args() : desc_(0), args_(nullptr) {}", { symbol: "basic_format_args.basic_format_args", language: "cpp" }],
    [2, "fmt/core.h", "  constexpr basic_format_args(unsigned long long desc, const format_arg* args)\n      : desc_(desc), args_(args) {}", { symbol: "basic_format_args.basic_format_args", language: "cpp" }],
    [3, "fmt/core.h", "/** A view of a collection of formatting arguments. */\ntemplate <typename Context> class basic_format_args {\n public:\n  using size_type = int;", { symbol: "basic_format_args", language: "cpp" }],
  ]);
  const out = rank("basic_format_args", list(1, 2, 3), list(1, 2, 3), r);
  assert.equal(out[0].id, 3, JSON.stringify(out.map((e) => e.id)));
  assert.ok(out[0].explain.signals.some((s) => s.signal === "definitionBoost"));
  for (const e of out.slice(1)) assert.ok(!e.explain.signals.some((s) => s.signal === "definitionBoost"), `${e.id} is a constructor`);
});

test("definition boost: the chunker's symbol counts only where no chunk of the file with it declares the name", () => {
  // The glue of a split class carries the class's symbol; the chunk whose text declares the class is the one lifted.
  const r = rows([
    [1, "fmt/os.h", " public:\n  buffered_file(const buffered_file&) = delete;\n  void operator=(const buffered_file&) = delete;", { symbol: "buffered_file", language: "cpp" }],
    [2, "fmt/os.h", "// A buffered file.\nclass buffered_file {\n private:\n  FILE* file_;", { symbol: "buffered_file", language: "cpp" }],
  ]);
  const out = rank("buffered_file", list(1, 2), list(1, 2), r);
  assert.deepEqual(out.map((e) => e.id), [2, 1]);
  assert.ok(!out[1].explain.signals.some((s) => s.signal === "definitionBoost"));
  // Where no chunk's text declares it (a form the text check does not know), the symbol still does.
  const alone = rows([
    [1, "src/use.c", "  return total(a, b) + total(b, a);", { language: "c" }],
    [2, "src/total.c", "static int\ntotal(int a, int b) /* sums */\n{\n  return a + b;\n}", { symbol: "total", language: "c" }],
  ]);
  assert.equal(rank("total", list(1, 2), list(1, 2), alone)[0].id, 2);
});

test("definition boost: a declaration far down both lists leads the keyword list of a code-name query", () => {
  // Ten chunks that use Command (keyword #1..#10, vector #2..#11), a window of its body that only
  // carries the symbol (keyword #11), and the declaration, which BM25 missed and the vector list has 12th.
  const uses: [number, string, string, Record<string, unknown>][] = Array.from({ length: 10 }, (_, i) => [
    i + 1,
    `cmd/use${i}.go`,
    `// Command runs\nfunc run${i}(c *Command) { c.Command.Execute(); Command.Run(c) }`,
    { symbol: `run${i}` },
  ]);
  const r = rows([
    ...uses,
    [11, "cmd/command.go", "\t// fields of the Command\n\tUse string\n\tShort string", { symbol: "Command" }],
    [12, "cmd/command.go", "// Command is just that, a command for your application.\ntype Command struct {\n\tName string", { symbol: "Command" }],
  ]);
  const keyword = list(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  const vector = list(13, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12);
  const on = rank("Command", vector, keyword, r, { ...NO_RANKING_SIGNALS, definitionBoost: true });
  assert.equal(on[0].id, 12, JSON.stringify(on.slice(0, 3)));
  assert.equal(on[0].explain.lexicalRank, undefined, "BM25 did not find it");
  assert.match(describeExplanation(on[0].explain), /not in keyword top; .*declares Command, put first in the keyword list/);
  const window = on.find((e) => e.id === 11)!;
  assert.ok(!window.explain.signals.some((s) => s.detail?.includes("first in the keyword list")), "a window with the symbol but no declaration line is not moved");
  assert.notEqual(
    rank("Command", vector, keyword, r, NO_RANKING_SIGNALS)[0].id,
    12,
    "switched off, the declaration stays where fusion puts it",
  );
  // Lexical mode lists keyword matches only: the vector list's declaration does not join it.
  assert.ok(!rank("Command", vector, keyword, r, { ...NO_RANKING_SIGNALS, definitionBoost: true }, "lexical").some((e) => e.id === 12));
  assert.equal(explanationLine(on[0].explain).split(" · ")[1], "defines Command, first among keyword hits ×2");
  // A declaration BM25 already ranked first was not moved, and its explanation does not say it was.
  const already = rank("Command", vector, list(12, 1, 2), r, { ...NO_RANKING_SIGNALS, definitionBoost: true });
  assert.deepEqual(already[0].explain.signals, [{ signal: "definitionBoost", factor: 2, detail: "declares Command" }]);
  assert.equal(already[0].explain.lexicalRank, 1);
  // A question is not a request for the declaration: its order is the fusion's.
  const question = rank("how does a Command run its hooks", vector, keyword, r, { ...NO_RANKING_SIGNALS, definitionBoost: true });
  assert.ok(!question.some((e) => e.explain.signals.some((s) => s.detail?.includes("first in the keyword list"))));
});

test("definition boost: a declaration in neither list, found by its symbol, leads; other chunks so found play no part", () => {
  // The members of a big class fill both lists; the class's own chunk and a glue chunk carrying its
  // symbol come only from the lookup by name (Store.nameSearch).
  const members: [number, string, string, Record<string, unknown>][] = Array.from({ length: 10 }, (_, i) => [
    i + 1,
    "src/Registry.java",
    `public Registry with${i}(Registry other) { return other; }`,
    { symbol: `Registry.with${i}` },
  ]);
  const r = rows([
    ...members,
    [11, "src/Registry.java", "/** Keeps entries. */\npublic class Registry {\n\tprivate Map entries;", { symbol: "Registry" }],
    [12, "src/Registry.java", "\t// End of the constructors", { symbol: "Registry" }],
  ]);
  const keyword = list(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  const vector = list(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
  const named = list(11, 12);
  for (const mode of ["hybrid", "lexical"] as const) {
    const on = rankWithSignals({ mode, query: "Registry", semantic: vector, lexical: keyword, named, rows: r, ranking: { ...NO_RANKING_SIGNALS, definitionBoost: true }, fusion: DEFAULT_FUSION });
    assert.equal(on[0].id, 11, `${mode}: ${JSON.stringify(on.slice(0, 2))}`);
    assert.equal(on[0].explain.lexicalRank, undefined);
    assert.equal(on[0].explain.signals[0].detail, "declares Registry, found by its name, put first in the keyword list");
    assert.equal(explanationLine(on[0].explain).split(" · ")[1], "defines Registry, found by its name ×2");
    assert.ok(!on.some((e) => e.id === 12), `${mode}: glue found by name declares nothing and is left out`);
  }
  // Without the lookup the class is not a candidate at all; with the signal off the lookup is unused.
  assert.ok(!rank("Registry", vector, keyword, r, { ...NO_RANKING_SIGNALS, definitionBoost: true }).some((e) => e.id === 11));
  const off = rankWithSignals({ mode: "hybrid", query: "Registry", semantic: vector, lexical: keyword, named, rows: r, ranking: NO_RANKING_SIGNALS, fusion: DEFAULT_FUSION });
  assert.ok(!off.some((e) => e.id === 11));
});

test("later pieces: for a question, a function's later window goes down when its first one is a candidate", () => {
  const fn = { symbol: "Session.resolve_redirects", kind: "code", language: "python" };
  const r = rows([
    [1, "requests/sessions.py", "    def resolve_redirects(self, resp, req):\n        \"\"\"Receives a Response. Returns a generator of Responses or Requests.\"\"\"", fn],
    [2, "requests/sessions.py", "            # Release the connection back into the pool.\n            resp.close()\n            redirects followed here", fn],
    [3, "requests/models.py", "    def is_redirect(self):\n        return 'location' in self.headers", { symbol: "Response.is_redirect", kind: "code", language: "python" }],
  ]);
  const question = "how are redirects followed";
  const on = rank(question, list(2, 3, 1), list(2, 1, 3), r, { ...NO_RANKING_SIGNALS, laterPiecesDown: true });
  const later = on.find((e) => e.id === 2)!;
  assert.deepEqual(later.explain.signals, [{ signal: "laterPiecesDown", factor: LATER_PIECE_FACTOR, detail: "a later piece of Session.resolve_redirects, whose start is a candidate too" }]);
  assert.ok(on.findIndex((e) => e.id === 1) < on.findIndex((e) => e.id === 2), "the start of the function ranks above its later piece");
  assert.equal(explanationLine(later.explain).split(" · ")[1], `later piece ×${LATER_PIECE_FACTOR}`);
  assert.deepEqual(on.find((e) => e.id === 1)!.explain.signals, [], "the first piece is not moved");
  // Without its first piece among the candidates the later piece stands for the function: not moved.
  const withoutStart = new Map([...r].filter(([id]) => id !== 1));
  const alone = rank(question, list(2, 3), list(2, 3), withoutStart, { ...NO_RANKING_SIGNALS, laterPiecesDown: true });
  assert.deepEqual(alone.find((e) => e.id === 2)!.explain.signals, []);
  // A code name asks for the thing itself (the definition signals decide), and the switch turns it off.
  assert.deepEqual(rank("resolve_redirects", list(2, 1), list(2, 1), r, { ...NO_RANKING_SIGNALS, laterPiecesDown: true }).find((e) => e.id === 2)!.explain.signals, []);
  assert.deepEqual(rank(question, list(2, 3, 1), list(2, 1, 3), r, NO_RANKING_SIGNALS).find((e) => e.id === 2)!.explain.signals, []);
  // A constructor's pieces (symbol X.X) never count as declaring X: none of them goes down.
  const ctor = { symbol: "Range.Range", kind: "code", language: "java" };
  const rc = rows([
    [1, "Range.java", "\tpublic Range(int lo, int hi) {\n\t\tthis.lo = lo;", ctor],
    [2, "Range.java", "\t\tthis.hi = hi;\n\t\tcheck range bounds\n\t}", ctor],
  ]);
  assert.ok(rank("how is a range checked", list(2, 1), list(2, 1), rc, { ...NO_RANKING_SIGNALS, laterPiecesDown: true }).every((e) => e.explain.signals.length === 0));
});

test("definition boost: a qualified name is declared inside its qualifier, unless no candidate is", () => {
  // Every type of a crate has its `fn new`: `Regex::new` asks for Regex's, which BM25 ranks last.
  const r = rows([
    [1, "src/compile.rs", "impl Compiler {\n    pub fn new() -> Self {\n        Regex::new(\"a\")", { symbol: "Compiler.new" }],
    [2, "src/re_set.rs", "impl RegexSet {\n    pub fn new<I, S>(exprs: I) -> Result<RegexSet, Error> {", { symbol: "RegexSet.new" }],
    [3, "src/pool.rs", "    fn new(create: CreateFn<T>) -> Pool<T> {", {}],
    [4, "src/re_unicode.rs", "impl Regex {\n    pub fn new(re: &str) -> Result<Regex, Error> {", { symbol: "Regex.new" }],
  ]);
  const keyword = list(1, 2, 3, 4);
  const on = rank("Regex::new", list(9), keyword, r, { ...NO_RANKING_SIGNALS, definitionBoost: true });
  assert.equal(on[0].id, 4, JSON.stringify(on.map((e) => e.id)));
  assert.deepEqual(on[0].explain.signals.map((s) => s.detail), ["declares Regex::new, put first in the keyword list"]);
  for (const other of on.slice(1)) assert.deepEqual(other.explain.signals, [], `${other.id}: a new of another type, or of none`);
  // Without a symbol the text or the path places it: `impl Regex {`, or `cobra/cobra.go` for cobra.ld.
  const bare = rows([
    [1, "src/a.rs", "impl Builder {\n    pub fn new() -> Builder {", {}],
    [2, "src/b.rs", "impl Regex {\n    pub fn new(re: &str) -> Regex {", {}],
  ]);
  assert.equal(rank("Regex::new", [], list(1, 2), bare, { ...NO_RANKING_SIGNALS, definitionBoost: true })[0].id, 2);
  const go = rows([
    [1, "doc/util.go", "func ld(s, t string) int {", {}],
    [2, "cobra.go", "func ld(s, t string, ignoreCase bool) int {", {}],
  ]);
  assert.equal(rank("cobra.ld", [], list(1, 2), go, { ...NO_RANKING_SIGNALS, definitionBoost: true })[0].id, 2);
  // A member its symbol names inside the qualifier leads a function of the same name that only
  // calls it through the qualifier (expo-modules-core's Kotlin, a blind set).
  const kotlin = rows([
    [1, "types/TypeConverterProvider.kt", "inline fun <reified T : Any> obtainTypeConverter(): TypeConverter<T> {\n  return TypeConverterProviderImpl.obtainTypeConverter(typeOf<T>()) as TypeConverter<T>\n}", { symbol: "obtainTypeConverter" }],
    [2, "types/TypeConverterProvider.kt", "  override fun obtainTypeConverter(type: KType): TypeConverter<*> {\n    getCachedConverter(type)?.let {", { symbol: "TypeConverterProviderImpl.obtainTypeConverter" }],
  ]);
  const member = rank("TypeConverterProviderImpl.obtainTypeConverter", list(1, 2), list(1, 2), kotlin, { ...NO_RANKING_SIGNALS, definitionBoost: true });
  assert.deepEqual(member.map((e) => e.id), [2, 1]);
  assert.deepEqual(member[1].explain.signals, [], "the caller declares a function of that name outside the qualifier");
  // A qualifier no candidate is inside (a module alias): every declaration of the name counts.
  const alias = rows([
    [1, "lib/util.js", "const data = readFile(path)", {}],
    [2, "lib/io.js", "function readFile(path, options) {", {}],
  ]);
  const viaAlias = rank("fs.readFile", [], list(1, 2), alias, { ...NO_RANKING_SIGNALS, definitionBoost: true });
  assert.equal(viaAlias[0].id, 2);
  assert.equal(viaAlias[0].explain.signals[0].detail, "declares fs.readFile, put first in the keyword list");
});

test("path match: a file named after the query's words goes up", () => {
  const r = rows([
    [1, "semver/functions/satisfies.js", "module.exports = fn"],
    [2, "semver/ranges/subset.js", "checks whether a range is a subset"],
  ]);
  const q = "is a range a subset of another";
  assert.deepEqual(
    rank(q, list(1, 2), list(1, 2), r, { ...NO_RANKING_SIGNALS, pathMatch: true }).map((e) => e.id),
    [2, 1],
  );
  assert.deepEqual(
    rank(q, list(1, 2), list(1, 2), r, NO_RANKING_SIGNALS).map((e) => e.id),
    [1, 2],
  );
});

test("symbol match: in a question, the chunk named with its words overtakes one that only mentions them", () => {
  const r = rows([
    [1, "requests/models.py", "redirects are followed by the session", { symbol: "Response.history" }],
    [2, "requests/sessions.py", "def resolve_redirects(self, resp, req):", { symbol: "SessionRedirectMixin.resolve_redirects" }],
  ]);
  const q = "how are redirects followed";
  const on = rank(q, list(1, 2), list(1, 2), r, { ...NO_RANKING_SIGNALS, symbolMatch: true });
  assert.deepEqual(
    on.map((e) => e.id),
    [2, 1],
  );
  assert.equal(on[0].explain.signals[0].signal, "symbolMatch");
  assert.equal(on[0].explain.signals[0].factor, 1 + SYMBOL_WEIGHT * 0.5, "half of its name is the query's words");
  assert.deepEqual(
    rank(q, list(1, 2), list(1, 2), r, NO_RANKING_SIGNALS).map((e) => e.id),
    [1, 2],
    "switched off, the fused order stays",
  );
  // A query with a code name leaves names to the definition boost.
  const named = rank("where does resolve_redirects follow redirects", list(1, 2), list(1, 2), r, { ...NO_RANKING_SIGNALS, symbolMatch: true });
  assert.ok(named.every((e) => e.explain.signals.length === 0));
});

test("demotion: a test file goes below the source it tests, unless the query asks for tests", () => {
  const r = rows([
    [1, "tests/test_sessions.py", "def test_session_redirect(): session.get(url)"],
    [2, "requests/sessions.py", "class Session: handles redirects"],
  ]);
  const demote = { ...NO_RANKING_SIGNALS, demoteTests: true, demote: DEFAULT_RANKING.demote };
  assert.deepEqual(
    rank("session redirect handling", list(1, 2), list(1, 2), r, demote).map((e) => e.id),
    [2, 1],
  );
  assert.deepEqual(
    rank("tests for session redirect", list(1, 2), list(1, 2), r, demote).map((e) => e.id),
    [1, 2],
  );
  assert.deepEqual(
    rank("session redirect handling", list(1, 2), list(1, 2), r, { ...demote, demote: ["**/nothing/**"] }).map((e) => e.id),
    [1, 2],
    "the globs are a setting",
  );
});

test("file credit: a file with several good chunks overtakes a lone chunk just above them", () => {
  const r = rows([
    [1, "lone.md", "x"],
    [2, "many.md", "x"],
    [3, "many.md", "x"],
    [4, "many.md", "x"],
  ]);
  const on = rank("q w", list(1, 2, 3, 4), list(1, 2, 3, 4), r, { ...NO_RANKING_SIGNALS, fileCredit: true });
  assert.equal(on[0].id, 2);
  assert.equal(on[0].explain.signals[0].signal, "fileCredit");
  assert.equal(rank("q w", list(1, 2, 3, 4), list(1, 2, 3, 4), r, NO_RANKING_SIGNALS)[0].id, 1);
});

test("per-file cap: the top 3 of one file, then other files, then the rest, marked capped", () => {
  const r = rows([1, 2, 3, 4, 5, 6].map((id) => [id, id <= 5 ? "big.ts" : "other.ts", "x"] as [number, string, string]));
  const out = rank("q w", list(1, 2, 3, 4, 5, 6), list(1, 2, 3, 4, 5, 6), r, { ...NO_RANKING_SIGNALS, perFileCap: 3 });
  assert.deepEqual(
    out.map((e) => e.id),
    [1, 2, 3, 6, 4, 5],
  );
  assert.deepEqual(
    out.map((e) => !!e.explain.capped),
    [false, false, false, false, true, true],
  );
});

test("a question's keyword hit holding one of its words cannot lead over meaning (the 'world' case)", () => {
  const r = rows([
    [1, "printing-press.md", "The printing press changed the world of books."],
    [2, "internet.md", "The internet links computers everywhere so that machines can exchange messages."],
  ]);
  const q = "How do computers around the world talk to each other?";
  // Keyword search puts the printing press first (it has the rarer word "world"); vectors put the internet first.
  const plain = rank(q, list(2, 1), list(1, 2), r, NO_RANKING_SIGNALS);
  assert.equal(plain[0].id, 1, "plain fusion: the keyword list's weight wins");
  const aware = rank(q, list(2, 1), list(1, 2), r, { ...NO_RANKING_SIGNALS, queryAwareFusion: true });
  assert.equal(aware[0].id, 2);
  assert.equal(aware[0].explain.queryKind, "question");
  assert.equal(aware[0].explain.lead, "semantic");
  assert.match(describeExplanation(aware[0].explain), /meaning leads/);
  // A keyword hit that holds most of the question's words keeps the keyword list in the lead.
  const r2 = rows([
    [1, "net.md", "Computers around the world talk to each other over the internet."],
    [2, "press.md", "The printing press."],
  ]);
  const keyworded = rank(q, list(2, 1), list(1, 2), r2, { ...NO_RANKING_SIGNALS, queryAwareFusion: true });
  assert.equal(keyworded[0].id, 1);
  assert.equal(keyworded[0].explain.lead, undefined);
});

test("a long question's keyword hit holding two or more of its words keeps the keyword list in the lead", () => {
  // Thirteen content words: a hit holding three of them is under a quarter, yet no chance match.
  const q = "drop repeated identical log lines that come in within a few seconds and just report how many were skipped";
  const r = rows([
    [1, "sinks/dup_filter_sink.h", "// Duplicate message removal sink: skips a message identical to the last one.\nvoid sink_it_(const details::log_msg &msg) override {"],
    [2, "sinks/hourly_file_sink.h", "// Rotating file sink based on time: rotates every hour."],
  ]);
  const out = rank(q, list(2, 1), list(1, 2), r, { ...NO_RANKING_SIGNALS, queryAwareFusion: true });
  assert.equal(out[0].id, 1, JSON.stringify(out.map((e) => [e.id, e.explain.lead])));
  assert.equal(out[0].explain.lead, undefined);
  // The same hit holding one word of the thirteen is the chance match meaning leads over.
  const one = rows([
    [1, "sinks/dup_filter_sink.h", "void flush_() override { sink_->flush(); } // skipped"],
    [2, "sinks/hourly_file_sink.h", "// Rotating file sink based on time: rotates every hour."],
  ]);
  assert.equal(rank(q, list(2, 1), list(1, 2), one, { ...NO_RANKING_SIGNALS, queryAwareFusion: true })[0].explain.lead, "semantic");
});

test("the lead reads the keyword list's head: a first hit on one word does not hand the lead to meaning when the next holds several", () => {
  const q = "How is a data transformer wired in and applied to request inputs and response outputs?";
  const r = rows([
    [1, "shared/createProxy/index.ts", "const proxy = new Proxy(noop, { apply(_1, _2, args) { return callback(args); } });"],
    [2, "shared/transformResponse.ts", "// Applies the data transformer to each response's output.\nfunction transformResponse(config, response) {"],
    [3, "router.ts", "export function createRouter() {"],
  ]);
  // Keywords put the one-word hit first, the transformer second; meaning puts something else first.
  const out = rank(q, list(3, 1, 2), list(1, 2, 3), r, { ...NO_RANKING_SIGNALS, queryAwareFusion: true });
  assert.equal(out[0].explain.lead, undefined, JSON.stringify(out.map((e) => [e.id, e.explain.lead])));
  assert.notEqual(out[0].id, 3);
  // With only one-word hits in the head, meaning still leads.
  const weak = rows([
    [1, "shared/createProxy/index.ts", "const proxy = new Proxy(noop, { apply(_1, _2, args) { return callback(args); } });"],
    [2, "shared/logger.ts", "// Writes each request to the log."],
    [3, "router.ts", "export function createRouter() {"],
  ]);
  assert.equal(rank(q, list(3, 1, 2), list(1, 2, 3), weak, { ...NO_RANKING_SIGNALS, queryAwareFusion: true })[0].explain.lead, "semantic");
});

test("a code chunk's abbreviations count for the words they stand for when the lead is decided", () => {
  const q = "reject a request body that is bigger than the configured maximum";
  const code = rows([
    [1, "upload/handler.ts", "export class BodySizeError extends Error { constructor(public maxBytes: number) { super(); } }"],
    [2, "transformer.ts", "export function getTransformer() {"],
  ]);
  // `max` stands for "maximum" in code, so the hit holds two of the words: keywords keep the lead.
  const out = rank(q, list(2, 1), list(1, 2), code, { ...NO_RANKING_SIGNALS, queryAwareFusion: true });
  assert.equal(out[0].explain.lead, undefined);
  assert.equal(out[0].id, 1);
  // The same words in prose are not spelled out (a README's "max" is a code sample's).
  const prose = rows([
    [1, "upload/README.md", "The body size: maxBytes.", { kind: "markdown" }],
    [2, "transformer.ts", "export function getTransformer() {", { kind: "code" }],
  ]);
  assert.equal(rank(q, list(2, 1), list(1, 2), prose, { ...NO_RANKING_SIGNALS, queryAwareFusion: true })[0].explain.lead, "semantic");
});

test("lexical mode: BM25 order moved by the same signals, no vector rank in the explanation", () => {
  const r = rows([
    [1, "a/use.go", "x := Execute()"],
    [2, "a/command.go", "func (c *Command) Execute() error {"],
  ]);
  const out = rank("Execute", [], list(1, 2), r, DEFAULT_RANKING, "lexical");
  assert.deepEqual(
    out.map((e) => [e.id, e.matchedBy]),
    [
      [2, "lexical"],
      [1, "lexical"],
    ],
  );
  assert.equal(out[0].explain.semanticRank, undefined);
  assert.equal(out[0].explain.lexicalRank, 2);
  assert.equal(out[0].explain.weights[0], 0, "no vector weight in lexical mode");
  assert.match(describeExplanation(out[0].explain), /^identifier query, keyword ranking only; keyword #2; /);
});

test("the explanation: kind, weights, both ranks, the fused score, each signal and the final score", () => {
  const r = rows([
    [1, "semver/classes/range.js", "class Range {\n  constructor (range, options) {"],
    [2, "semver/test/range.js", "t.test('Range', () => new Range('1.x'))"],
  ]);
  const [first] = rank("Range", list(1, 2), list(2, 1), r);
  assert.equal(first.id, 1);
  const e = first.explain;
  assert.equal(e.queryKind, "identifier");
  assert.equal(e.semanticRank, 1);
  assert.equal(e.lexicalRank, 2);
  assert.deepEqual(
    e.signals.map((s) => s.signal),
    ["definitionBoost", "pathMatch"],
  );
  const product = e.signals.reduce((x, s) => x * (s.factor ?? 1), e.fused);
  assert.ok(Math.abs(product - e.final) < 1e-12, "final = fused × the factors");
  const text = describeExplanation(e);
  assert.match(text, /^identifier query, weights vector 1 : keyword \d/);
  assert.match(text, /vector #1, keyword #2/);
  assert.match(text, /definitionBoost ×2 \(declares Range, put first in the keyword list\)/);
});

test("bad ranking options are refused with a message that names the option", () => {
  assert.throws(() => resolveRanking({ perFileCap: -1 }), /ranking\.perFileCap is a whole number/);
  assert.throws(() => resolveRanking({ definitionBoost: "yes" as unknown as boolean }), /ranking\.definitionBoost is true or false/);
  assert.throws(() => resolveRanking({ demote: "test/**" as unknown as string[] }), /ranking\.demote is a list of globs/);
  assert.deepEqual(resolveRanking({ perFileCap: 5 }), { ...DEFAULT_RANKING, perFileCap: 5 });
});

test("the LSP search request takes explain: true or false, and refuses anything else with a clear error", async () => {
  const { searchParams } = await import("../../server/src/lsp/params");
  assert.equal(searchParams({ query: "parseRange", explain: true }).explain, true);
  assert.equal(searchParams({ query: "parseRange", explain: false }).explain, undefined);
  assert.equal("explain" in searchParams({ query: "parseRange" }), false, "the params keep their shape without it");
  assert.throws(() => searchParams({ query: "parseRange", explain: "yes" }), /explain must be true or false/);
});

test("when meaning leads, a keyword hit holding one of the question's words barely moves the vector order", () => {
  // The shape of "How many tiny building blocks is a person made of?": vectors have the answer
  // second; the keyword list's only hit shares one word ("made") and is fourth by meaning.
  const r = rows([
    [1, "cpu.md", "A processor executes instructions."],
    [2, "cells.md", "The human body has about 37 trillion cells."],
    [3, "dna.md", "Genes carry instructions."],
    [4, "wall.md", "The wall was made of stone and brick."],
  ]);
  const q = "How many tiny building blocks is a person made of?";
  const aware = rank(q, list(1, 2, 3, 4), list(4), r, { ...NO_RANKING_SIGNALS, queryAwareFusion: true });
  assert.equal(aware[0].explain.lead, "semantic");
  assert.deepEqual(
    aware.map((e) => e.id),
    [1, 2, 3, 4],
    "the vector order stands: the one-word keyword hit does not climb over the answer",
  );
  // A lead keyword hit still counts by its coverage: it breaks a tie between vector neighbours.
  const tie = rank(q, list(1, 2), list(2), rows([
    [1, "a.md", "x"],
    [2, "b.md", "tiny"],
  ]), { ...NO_RANKING_SIGNALS, queryAwareFusion: true });
  const b = tie.find((e) => e.id === 2)!.explain;
  assert.equal(b.lead, "semantic");
  const [vectorWeight] = b.weights;
  assert.ok(b.fused > vectorWeight / (FUSION_BY_KIND.question.k + 2), "the keyword hit adds a little to its vector rank's share");
});

test("prose among code: past the two best, README sections that repeat the code's words go below the code", () => {
  const question = "do two ranges have any version in common?";
  const section = (n: number) => `Ranges, part ${n}: two ranges have a version in common when their comparators intersect.`;
  const code = (id: number, path: string) => [id, path, `const f${id} = (r1, r2) => r1.intersects(r2)`, { kind: "code", language: "javascript" }] as [number, string, string, Record<string, unknown>];
  const r = rows([
    [1, "README.md", section(1), { kind: "markdown" }],
    [2, "README.md", section(2), { kind: "markdown" }],
    [3, "README.md", section(3), { kind: "markdown" }],
    [4, "docs/ranges.txt", section(4), { kind: "text" }],
    code(5, "ranges/intersects.js"),
    code(6, "classes/range.js"),
    code(7, "ranges/subset.js"),
    code(8, "ranges/outside.js"),
    code(9, "ranges/gtr.js"),
  ]);
  const order = list(1, 2, 3, 4, 5, 6, 7, 8, 9);
  const on = rank(question, order, order, r, { ...NO_RANKING_SIGNALS, queryAwareFusion: true, proseInCodeDown: true });
  assert.equal(on[0].explain.corpus, "code");
  // The two best prose candidates keep their place: a docs question's answer is among them.
  assert.deepEqual(on.slice(0, 2).map((e) => e.id), [1, 2]);
  assert.ok(on.slice(0, 2).every((e) => e.explain.signals.length === 0));
  // The others go below code they led.
  const at = (id: number) => on.findIndex((e) => e.id === id);
  assert.ok(at(3) > at(5) && at(4) > at(5), JSON.stringify(on.map((e) => e.id)));
  const third = on[at(3)];
  assert.deepEqual(third.explain.signals, [{ signal: "proseInCodeDown", factor: PROSE_IN_CODE_FACTOR, detail: `markdown or text among candidates that are mostly code, after the ${PROSE_KEPT} best` }]);
  assert.ok(on.filter((e) => e.id >= 5).every((e) => e.explain.signals.length === 0), "code is not moved");
  assert.match(explanationLine(third.explain), /prose among code ×0\.25/);
  // Switched off, the fused order stands; lexical mode honours the switch too.
  assert.deepEqual(rank(question, order, order, r, { ...NO_RANKING_SIGNALS, queryAwareFusion: true }).map((e) => e.id), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const lexical = rank(question, [], order, r, { ...NO_RANKING_SIGNALS, proseInCodeDown: true }, "lexical");
  assert.ok(lexical.findIndex((e) => e.id === 3) > lexical.findIndex((e) => e.id === 5));
});

test("prose among code: where most candidates are prose, or all are, nothing moves", () => {
  const docs = rows([
    [1, "docs/ranges.md", "Two ranges intersect when some version satisfies both.", { kind: "markdown" }],
    [2, "docs/versions.md", "A version has a major, a minor and a patch number.", { kind: "markdown" }],
    [3, "notes.txt", "Ranges are sets of comparators.", { kind: "text" }],
    [4, "ranges/intersects.js", "const intersects = (r1, r2) => r1.intersects(r2)", { kind: "code" }],
  ]);
  const out = rank("when do two ranges intersect?", list(1, 2, 3, 4), list(1, 2, 3, 4), docs, { ...NO_RANKING_SIGNALS, queryAwareFusion: true, proseInCodeDown: true });
  assert.equal(out[0].explain.corpus, "prose");
  assert.deepEqual(out.map((e) => e.id), [1, 2, 3, 4]);
  assert.ok(out.every((e) => e.explain.signals.length === 0));
});

test("the explanation carries the keyword list's length factor for code chunks, and says it", () => {
  const r = rows([
    [1, "src/parse.js", "function parse (text) { return text }"],
    [2, "README.md", "parse the text", { kind: "markdown" }],
  ]);
  const lexical: Scored[] = [
    { id: 1, score: 2, lengthFactor: 1.3 },
    { id: 2, score: 1 },
  ];
  const out = rank("how is the text parsed", [], lexical, r, DEFAULT_RANKING, "lexical");
  const code = out.find((o) => o.id === 1)!.explain;
  const prose = out.find((o) => o.id === 2)!.explain;
  assert.equal(code.keywordLengthFactor, 1.3);
  assert.equal(prose.keywordLengthFactor, undefined, "no factor for prose");
  assert.match(describeExplanation(code), /keyword #1 \(BM25 ×1\.3 for a code chunk's length\)/);
  assert.match(explanationLine(code), /^keyword #1 \(length ×1\.3\)/);
  assert.doesNotMatch(describeExplanation(prose), /length/);
  // Found by the vector list alone: no keyword rank, so no factor either.
  const vectorOnly = rank("how is the text parsed", list(1), [{ id: 2, score: 1 }], r)[0];
  assert.equal(vectorOnly.explain.keywordLengthFactor, undefined);
});

test("container yields: for a question, a class head goes down when its member is near the top", () => {
  const r = rows([
    [1, "requests/adapters.py", 'class HTTPAdapter(BaseAdapter):\n    """The built-in HTTP Adapter for urllib3: pools connections and retries."""', { symbol: "HTTPAdapter", kind: "code", language: "python" }],
    [2, "requests/adapters.py", "    def init_poolmanager(self, connections, maxsize, block=False):\n        self.poolmanager = PoolManager(num_pools=connections)", { symbol: "HTTPAdapter.init_poolmanager", kind: "code", language: "python" }],
    [3, "requests/models.py", "class Response:\n    pass", { symbol: "Response", kind: "code", language: "python" }],
  ]);
  const question = "where are connections pooled";
  const on = rank(question, list(1, 2, 3), list(1, 2, 3), r, { ...NO_RANKING_SIGNALS, containerYields: true });
  assert.ok(on.findIndex((e) => e.id === 2) < on.findIndex((e) => e.id === 1), "the member ranks above its class");
  const head = on.find((e) => e.id === 1)!;
  assert.deepEqual(head.explain.signals, [{ signal: "containerYields", factor: CONTAINER_FACTOR, detail: "the head of HTTPAdapter, whose member HTTPAdapter.init_poolmanager is near the top too" }]);
  assert.equal(explanationLine(head.explain).split(" · ")[1], `member near ×${CONTAINER_FACTOR}`);
  // A code name asks for the thing named, and the switch turns it off.
  assert.ok(rank("HTTPAdapter", list(1, 2, 3), list(1, 2, 3), r, { ...NO_RANKING_SIGNALS, containerYields: true }).every((e) => e.explain.signals.length === 0));
  assert.deepEqual(rank(question, list(1, 2, 3), list(1, 2, 3), r, NO_RANKING_SIGNALS).map((e) => e.id), [1, 2, 3]);
  // Without a member among the candidates the head is not moved.
  const alone = new Map([...r].filter(([id]) => id !== 2));
  assert.deepEqual(rank(question, list(1, 3), list(1, 3), alone, { ...NO_RANKING_SIGNALS, containerYields: true }).find((e) => e.id === 1)!.explain.signals, []);
});

test("commentsDown: for a question a chunk of comments alone goes below the code, says so, and leaves code names alone", () => {
  const r = rows([
    [1, "webmock/util/version_checker.rb", '# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,\n# IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR ANY CLAIM, ARISING FROM,\n# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS.', { kind: "code", language: "ruby" }],
    [2, "webmock/webmock.rb", "def self.net_connect_allowed?(uri = nil)\n  Config.instance.allow_net_connect\nend", { symbol: "WebMock.net_connect_allowed?", kind: "code", language: "ruby" }],
    [3, "webmock/errors.rb", "class NetConnectNotAllowedError < Exception\nend", { symbol: "WebMock.NetConnectNotAllowedError", kind: "code", language: "ruby" }],
  ]);
  const question = "when is a real network connection allowed";
  const on = rank(question, list(1, 2, 3), list(1, 2, 3), r, { ...NO_RANKING_SIGNALS, commentsDown: true });
  assert.equal(on[on.length - 1].id, 1, "the licence goes below the code");
  const licence = on.find((e) => e.id === 1)!;
  assert.deepEqual(licence.explain.signals, [{ signal: "commentsDown", factor: COMMENTS_DOWN_FACTOR, detail: "comments with no code: a licence, an overview, or a doc comment cut off from its code" }]);
  assert.equal(explanationLine(licence.explain).split(" · ")[1], `comments only ×${COMMENTS_DOWN_FACTOR}`);
  // A code name asks for the thing named; the switch turns it off.
  assert.ok(rank("NetConnectNotAllowedError", list(1, 2, 3), list(1, 2, 3), r, { ...NO_RANKING_SIGNALS, commentsDown: true }).every((e) => e.explain.signals.length === 0));
  assert.deepEqual(rank(question, list(1, 2, 3), list(1, 2, 3), r, NO_RANKING_SIGNALS).map((e) => e.id), [1, 2, 3]);
});

test("interfacesDown: for a question an interface's declaration goes below the code that does it, says so, and leaves code names alone", () => {
  const r = rows([
    [1, "table-core/src/features/ColumnSizing.ts", "export interface ColumnSizingHeader {\n  /**\n   * Returns an event handler function that can be used to resize the header.\n   */\n  getResizeHandler: (context?: Document) => (event: unknown) => void\n}", { symbol: "ColumnSizingHeader", kind: "code", language: "typescript" }],
    [2, "table-core/src/features/ColumnSizing.ts", "header.getResizeHandler = _contextDocument => {\n  const column = table.getColumn(header.column.id)\n  return (e: unknown) => onMove(e)\n}", { symbol: "ColumnSizing", kind: "code", language: "typescript" }],
    [3, "table-core/src/core/headers.ts", "export function buildHeaderGroups() {\n  return []\n}", { symbol: "buildHeaderGroups", kind: "code", language: "typescript" }],
  ]);
  const question = "how does dragging the edge of a header resize the column";
  const on = rank(question, list(1, 2, 3), list(1, 2, 3), r, { ...NO_RANKING_SIGNALS, interfacesDown: true });
  assert.equal(on[on.length - 1].id, 1, "the interface goes below the code");
  const declared = on.find((e) => e.id === 1)!;
  assert.deepEqual(declared.explain.signals, [{ signal: "interfacesDown", factor: INTERFACES_DOWN_FACTOR, detail: "an interface, trait or protocol with no bodies: the code that does it answers a question" }]);
  assert.equal(explanationLine(declared.explain).split(" · ")[1], `interface only ×${INTERFACES_DOWN_FACTOR}`);
  // A code name asks for the thing named; the switch turns it off.
  assert.ok(rank("ColumnSizingHeader", list(1, 2, 3), list(1, 2, 3), r, { ...NO_RANKING_SIGNALS, interfacesDown: true }).every((e) => e.explain.signals.length === 0));
  assert.deepEqual(rank(question, list(1, 2, 3), list(1, 2, 3), r, NO_RANKING_SIGNALS).map((e) => e.id), [1, 2, 3]);
});
