// A language whose chunking changed enough (Ruby's lexer: chunking/index.ts chunkerRevision) has its
// revision folded into each file's stored hash, and so has a file the block-comment change cuts
// otherwise (one with an empty line inside a block comment): an index cut the old way re-chunks and
// re-embeds those files on the next pass, and leaves every other file as it was.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chunkerRevision } from "../../server/src/chunking";
import { BUNDLED_MODEL_ID } from "../../server/src/embedding/bundled";
import { Engine } from "../../server/src/engine/engine";
import { contentHash } from "../../server/src/engine/indexer";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const RUBY = "module Rack\n  class Parser\n    def post_match(name)\n      after = $' || ''\n    end\n\n    def last\n      1\n    end\n  end\nend\n";
const PY = "def add(a, b):\n    return a + b\n";
const JAVA_PLAIN = "/**\n * A point.\n */\nclass Point {\n}\n";
const JAVA_GAP = "/**\n\tA point.\n\n\tIn two paragraphs.\n*/\nclass Point {\n}\n";

test("only the languages whose chunking changed carry a revision, and it changes their hash", () => {
  assert.ok(chunkerRevision("ruby"));
  assert.equal(chunkerRevision("python", 'def f():\n    """doc\n\n    more"""\n'), undefined, "Python has no block comments");
  assert.equal(chunkerRevision("markdown"), undefined);
  // The block-comment change applies to the files it changes: those with an empty line inside one.
  assert.equal(chunkerRevision("java", JAVA_PLAIN), undefined);
  assert.equal(chunkerRevision("java", JAVA_GAP), "comments kept whole");
  assert.equal(chunkerRevision("typescript", "/**\n * One.\n *\n * Two.\n */\nfunction f() {}\n\n/* a */\n\nlet x;\n"), undefined, "a blank line between two comments is outside both");
  assert.equal(chunkerRevision("ruby", RUBY), "ruby 3");
  assert.equal(chunkerRevision("ruby", "=begin\nOne\n\nTwo\n=end\ndef f\nend\n"), "ruby 3, comments kept whole", "both of Ruby's");
  assert.equal(chunkerRevision("c", "/* never closed\n\n"), "c 2, comments kept whole");
  assert.equal(chunkerRevision("constructor"), undefined, "not a property of every object");
  // The naming changes of the fourteenth round apply to the files that may have what they name.
  assert.equal(chunkerRevision("c", "typedef void (*crypt_fn) (const char *phrase);\n"), "c 2, function pointer typedefs named, function pointers named");
  assert.equal(chunkerRevision("c", "typedef uint32_t BF_word;\n"), "c 2");
  assert.equal(chunkerRevision("swift", "public protocol ChainableException: Error, AnyObject {\n}\n"), "type names end at a colon");
  assert.equal(chunkerRevision("kotlin", "class Module : BaseModule() {\n}\n"), "type names end at a colon");
  assert.equal(chunkerRevision("swift", "public final class ModuleRegistry {\n}\n"), undefined);
  assert.equal(chunkerRevision("cpp", "std::string Foo::name() {\n}\n"), "cpp 2", "a C++ scope is not a colon after a name");
  // The naming changes of the twenty-first round, likewise.
  assert.equal(chunkerRevision("cpp", "template<typename K>\nvoid SkipList<K>::Insert(const K& key) {\n}\n"), "cpp 2, template qualifiers kept");
  assert.equal(chunkerRevision("php", "<?php\nnamespace {\nfunction twig_compare($a, $b) {}\n}\n"), "php 2, global namespace cut by function");
  assert.equal(chunkerRevision("php", "<?php\nnamespace Twig\\Extension {\nclass A {}\n}\n"), "php 2");
  assert.equal(chunkerRevision("lua", "return function(busted)\n  function busted.fail() end\nend\n"), "returned module function cut by function");
  assert.equal(chunkerRevision("lua", "local M = {}\nreturn M\n"), undefined);
  // (An indented local function may be an inner one: the thirty-third round's revision looks no further.)
  assert.equal(chunkerRevision("lua", "do\n  local function helper() end\nend\n"), "do blocks cut by function, long functions cut by the functions they define");
  assert.equal(chunkerRevision("lua", "for i = 1, 3 do\n  print(i)\nend\n"), undefined);
  // The thirtieth round's: a module's code inside a wrapper function at the left margin.
  assert.equal(chunkerRevision("lua", "local function init(C, c, types)\n\n-- the calls\nlocal S = {}\nreturn S\nend\n"), "module wrapper functions cut by function");
  assert.equal(chunkerRevision("lua", "local function init(C,\n    c, types)\n  local S = {}\nend\n"), "module wrapper functions cut by function", "parameters over lines: cannot tell");
  assert.equal(chunkerRevision("lua", "M.new = function (self)\n--[[ a\n  comment ]]\n  return self\nend\n"), "module wrapper functions cut by function", "a block comment: cannot tell");
  assert.equal(chunkerRevision("lua", "local function helper(x)\n  -- indented, as functions are\n  return x\nend\n"), undefined);
  assert.equal(chunkerRevision("lua", "function M.f(x)\nend\n"), undefined);
  assert.equal(chunkerRevision("lua", "function string.find(s, pattern,\n    plain) end\n"), undefined, "parameters over lines, then end: no body");
  assert.equal(chunkerRevision("lua", "function string.len(s) end\n\n-- next\nfunction string.sub(s, i) end\n"), undefined, "one-line functions: no body");
  assert.equal(chunkerRevision("lua", "function f(x) if x then return end\nlocal y = x\nend\n"), "module wrapper functions cut by function", "a block opened on the header line: cannot tell");
  assert.equal(chunkerRevision("c", "typedef struct {\n  int cost;\n} ErrorStatus;\n"), "c 2, anonymous typedefs named");
  assert.equal(chunkerRevision("c", "typedef struct TSTree TSTree;\n"), "c 2", "a typedef that names a struct declares no body");
  // The thirty-sixth round's: a tagged struct named after its alias, and past a macro before the alias.
  assert.equal(chunkerRevision("c", "typedef struct z_stream_s {\n  uInt avail_in;\n} z_stream;\n"), "c 2, anonymous typedefs named, typedefs named after their alias");
  assert.equal(chunkerRevision("c", "typedef struct z_stream_s z_stream;\n} PROLOG_STATE;\n"), "c 2", "no body; a name in capitals alone");
  assert.equal(chunkerRevision("c", "typedef struct {\n  int x;\n} FAR deflate_state;\n"), "c 2, anonymous typedefs named, typedefs named after their alias");
  assert.equal(chunkerRevision("c", "struct z_stream_s {\n  uInt avail_in;\n};\n"), "c 2");
  // The twenty-eighth round's: a C++ type's name before its base list's colon, a C pointer to a function.
  assert.equal(chunkerRevision("cpp", "class BasicAdapter: public Adapter\n{\n};\n"), "cpp 2, type names stop at the base list's colon");
  assert.equal(chunkerRevision("cpp", "class BasicAdapter : public Adapter\n{\n};\n"), "cpp 2");
  assert.equal(chunkerRevision("cpp", "namespace winrt::{{ namespaceCpp }}\n{\n}\n"), "cpp 2, type names stop at the base list's colon");
  assert.equal(chunkerRevision("c", "struct encoding {\n  int (PTRCALL *sameName)(const char *);\n};\n"), "c 2, function pointers named");
  assert.equal(chunkerRevision("c", "int total = (a * b) + (c);\n"), "c 2");
  assert.equal(chunkerRevision("kotlin", "/** Pixels to dp. */\ninternal fun pxToDp(px: Float): Float = px / density\n"), "documented expression functions named");
  assert.equal(chunkerRevision("kotlin", "internal fun pxToDp(px: Float): Float = px / density\n"), undefined);
  assert.equal(chunkerRevision("kotlin", "internal fun View.pxToDp(px: Float): Float = px / density\n"), "extension functions named after their receiver");
  assert.equal(chunkerRevision("typescript", "export function original<T>(value: T): T | undefined\nexport function original(value: any): any {\n}\n"), "overloads lead an undocumented implementation");
  assert.equal(chunkerRevision("typescript", "export function original(value: any): any {\n}\n"), undefined);
  assert.equal(chunkerRevision("typescript", "export function innerFrom<O extends ObservableInput<any>>(input: O): Observable<O>;\nexport function innerFrom<T>(input: T): Observable<T> {\n}\n"), "overloads lead an undocumented implementation", "type parameters may nest");
  assert.equal(chunkerRevision("kotlin", "interface Listener {\n  fun screens(): List<Screen>\n  fun top(): Screen\n}\n"), "type arguments end a line, unions go on");
  assert.equal(chunkerRevision("typescript", "type Mode =\n  | 'a'\n  | 'b'\n"), "type arguments end a line, unions go on");
  assert.equal(chunkerRevision("kotlin", "val f = { x: Int ->\n  x\n}\n"), undefined, "an arrow is not a type argument");

  assert.equal(chunkerRevision("c", "/// Initialize an array.\n#define array_init(self) ((self)->size = 0)\n"), "c 2, documented macros named");
  assert.equal(chunkerRevision("c", "#define array_init(self) ((self)->size = 0)\n"), "c 2");
  assert.equal(chunkerRevision("javascript", "export default (rawHeaders) => {\n}\n"), "anonymous exports named after their file");
  assert.equal(chunkerRevision("javascript", "module.exports = only\n"), undefined);
  assert.equal(chunkerRevision("python", 'try:\n    import ssl\nexcept ImportError:\n    def wrap(sock):\n        return sock\n'), "conditional blocks cut by definition");
  assert.equal(chunkerRevision("python", "def f(x):\n    if x:\n        return 1\n"), undefined, "an if inside a function is not cut");
  assert.equal(chunkerRevision("shellscript", 'if [ -z "$LOADED" ]; then\n  f() {\n    :\n  }\nfi\n'), "shellscript 4, conditional blocks cut by function");
  assert.equal(chunkerRevision("shellscript", 'f() {\n  if [ -n "$1" ]; then\n    :\n  fi\n}\n'), "shellscript 4", "an indented if is not cut");
  assert.equal(chunkerRevision("php", "<?php\nif (!function_exists('f')) {\n  function f() {}\n}\n"), "php 2, conditional blocks cut by function");
  assert.equal(chunkerRevision("ruby", "begin\n  require 'psych'\nrescue LoadError\nend\n"), "ruby 3, conditional blocks cut by function");
  assert.equal(chunkerRevision("lua", "if jit then\n  function f() end\nend\n"), "conditional blocks cut by function");
  assert.equal(chunkerRevision("rust", "cfg_net! {\n    fn f() {}\n}\n"), "conditional blocks cut by function");
  assert.equal(chunkerRevision("rust", "macro_rules! cfg_net {\n    ($($item:item)*) => {}\n}\n"), undefined, "a macro's definition is no block of items");
  assert.equal(chunkerRevision("typescript", "export const $ZodX: core.$constructor<$ZodX> =\n  /*@__PURE__*/\n  core.$constructor(\"$ZodX\", (inst) => {\n  });\n"), "comments inside a statement");
  assert.equal(chunkerRevision("ruby", "total = first +\n  # the second half\n  second\n"), "ruby 3, comments inside a statement");
  assert.equal(chunkerRevision("go", "x := a + /* note\n  */ b\n"), "comments inside a statement", "a block comment opened after the line's last operator");
  assert.equal(chunkerRevision("typescript", "const x = 1;\n// next\nconst y = 2;\n"), undefined);
  assert.equal(chunkerRevision("javascript", "module.exports = {\n  get body () {\n    return 1\n  },\n}\n"), "exported objects cut by member");
  assert.equal(chunkerRevision("javascript", "/**\n * Send.\n */\n\nres.send = function send(body) {\n}\n"), "assigned functions named, doc comments across a blank line");
  assert.equal(chunkerRevision("java", "/**\n * Sends.\n */\n\npublic void send() {\n}\n"), "doc comments across a blank line");
  assert.equal(chunkerRevision("javascript", "/**\n * Send.\n */\nres.send = function send(body) {\n}\n"), "assigned functions named", "a doc comment right above its code was always kept");
  assert.equal(chunkerRevision("javascript", "res.statusCode = 200;\n"), undefined);
  assert.equal(chunkerRevision("typescript", "export class Router<\n  T,\n> {\n}\n"), "type parameters over lines");
  // An indented function may be an inner one: the thirty-third round's revision looks no further.
  assert.equal(chunkerRevision("javascript", "(function () {\n  function a() {}\n})();\n"), "functions called at once cut by function, long functions cut by the functions they define");
  // The thirty-second round's: a block comment or a multi-line string long enough to start a window inside.
  const prose = (n: number) => Array.from({ length: n }, () => "Options may be given in a short or a long form.").join("\n");
  assert.equal(chunkerRevision("rust", `/*\n${prose(12)}\n*/\nmod flags;\n`), "windows inside comments marked");
  assert.equal(chunkerRevision("rust", `/*\n${prose(3)}\n*/\nmod flags;\n`), undefined, "too short to start a window inside");
  assert.equal(chunkerRevision("go", `var usage = \`\n${prose(12)}\n\`\n`), "windows inside comments marked", "Go's raw string");
  assert.equal(chunkerRevision("python", `"""\n${prose(12)}\n"""\nimport os\n`), "windows inside comments marked", "a docstring");
  assert.equal(chunkerRevision("python", `def f():\n    '''\n${prose(12)}\n    '''\n`), "windows inside comments marked", "single quotes");
  assert.equal(chunkerRevision("python", `# ${prose(12).replace(/\n/g, "\n# ")}\nimport os\n`), undefined, "line comments are never inside");
  assert.equal(chunkerRevision("typescript", `const a = \`x\`;\n${prose(12)}\nconst b = \`y\`;\n`), undefined, "two short template strings");
  assert.equal(chunkerRevision("typescript", `/**\n * ${prose(12).replace(/\n/g, "\n * ")}\n */\nexport function f() {}\n`), "windows inside comments marked");
  assert.equal(contentHash("x", [], undefined, undefined), contentHash("x"));
  assert.notEqual(contentHash("x", [], undefined, chunkerRevision("ruby")), contentHash("x"));
});

test("an index cut before the revisions re-chunks the files they change on the next pass, and only those", async () => {
  const root = mkdtempSync(join(tmpdir(), "chunker-rev-"));
  dirs.push(root);
  writeFileSync(join(root, "parser.rb"), RUBY);
  writeFileSync(join(root, "add.py"), PY);
  writeFileSync(join(root, "Plain.java"), JAVA_PLAIN);
  writeFileSync(join(root, "Gap.java"), JAVA_GAP);
  let engine = await Engine.open({ root, model: { model: "bundled" } });
  assert.equal((await engine.indexFolder()).embedded, 4);
  const row = engine.store.findModel(BUNDLED_MODEL_ID)!.id;
  const db = engine.store.db;
  // As an index made before revisions stored them: the plain hash of each file's text.
  for (const path of ["parser.rb", "add.py", "Plain.java", "Gap.java"]) db.prepare("UPDATE files SET content_hash = ? WHERE model = ? AND path = ?").run(contentHash(readFileSync(join(root, path), "utf8")), row, path);
  const chunksOf = (path: string) => engine.store.db.prepare("SELECT id FROM chunks WHERE model = ? AND path = ?").pluck().all(row, path);
  const pyChunks = chunksOf("add.py");
  const plainChunks = chunksOf("Plain.java");
  await engine.close();

  const notes: string[] = [];
  engine = await Engine.open({ root, model: { model: "bundled" }, log: (m) => notes.push(m) });
  try {
    const pass = await engine.indexFolder();
    assert.equal(pass.embedded, 2, "the Ruby file and the Java file with a gap in a comment alone are cut and embedded again");
    assert.deepEqual(notes.filter((n) => n.startsWith("Re-chunked")), [
      `Re-chunked the java, ruby files an older version had cut otherwise (chunker comments kept whole, ${chunkerRevision("ruby", RUBY)}).`,
    ]);
    assert.deepEqual(chunksOf("add.py"), pyChunks, "the Python file's chunks are untouched");
    assert.deepEqual(chunksOf("Plain.java"), plainChunks, "and so are the Java file's whose comments have no empty line");
    assert.equal((await engine.indexFolder()).embedded, 0, "and the pass after that has nothing to do");
    assert.equal(notes.filter((n) => n.startsWith("Re-chunked")).length, 1, "and says nothing more");
  } finally {
    await engine.close();
  }
});
