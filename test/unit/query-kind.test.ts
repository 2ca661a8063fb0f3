// The query classifier: code names against questions, and code names inside questions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { classifyQuery, isIdentifierLike, lastSegment } from "../../server/src/search/query-kind";

test("code names by their shape: camelCase, snake_case, SCREAMING_CASE, qualified names, calls", () => {
  for (const t of ["readFileSync", "HTTPServer", "utf8Decode", "max_chunk_chars", "MAX_SIZE", "__dirname", "fs.readFile", "Pkg::Name", "ptr->next", "Array#map", "Date:diff", "parse()", "$scope"]) {
    assert.equal(isIdentifierLike(t), true, t);
  }
  for (const t of ["world", "Tokyo", "x-ranges", "1.2.3", "parse.", "e", "what?"]) assert.equal(isIdentifierLike(t), false, t);
});

test("identifier queries: one or more code names, a lone capitalised word, a name behind a declaration word", () => {
  for (const q of ["readFileSync", "max_chunk_chars", "Pkg::Name", "fs.readFile", "Comparator", "SemVer compare", "class Range", "fn parse_args", "parseRange()"]) {
    assert.equal(classifyQuery(q).kind, "identifier", q);
  }
  assert.deepEqual(classifyQuery("Pkg::Name").identifiers, ["Pkg::Name"]);
  assert.ok(classifyQuery("Pkg::Name").names.includes("Name"), "the last segment is a name a chunk may declare");
  // A qualified name is asked for inside its innermost qualifier, the name alone too.
  assert.deepEqual([...classifyQuery("Regex::new").qualifiers], [["Regex::new", "Regex"], ["new", "Regex"]]);
  assert.deepEqual([...classifyQuery("Rack::Utils.escape_html").qualifiers], [["Rack::Utils.escape_html", "Utils"], ["escape_html", "Utils"]]);
  assert.deepEqual([...classifyQuery("new Regex::new").qualifiers], [["Regex::new", "Regex"]], "a name also given on its own is asked for anywhere");
  // Lua's method call syntax qualifies as `.` does.
  assert.equal(classifyQuery("OrderedMap:keys").kind, "identifier");
  assert.deepEqual([...classifyQuery("OrderedMap:keys").qualifiers], [["OrderedMap:keys", "OrderedMap"], ["keys", "OrderedMap"]]);
  assert.equal(lastSegment("Date.Format:parse"), "parse");
  assert.equal(classifyQuery("Command").qualifiers.size, 0);
  assert.equal(classifyQuery("where does parseRange handle x-ranges?").qualifiers.size, 0);
  assert.ok(classifyQuery("class Range").names.includes("Range"));
  assert.ok(!classifyQuery("class Range").names.includes("class"), "a declaration word is not a name");
});

test("a type written with its type arguments is its name: `type Draft<T>`, `Vec<u8>`", () => {
  assert.deepEqual(classifyQuery("type Draft<T>"), { kind: "identifier", identifiers: ["Draft"], names: ["Draft"], qualifiers: new Map() });
  assert.deepEqual(classifyQuery("Vec<u8>").names, ["Vec"]);
  assert.deepEqual(classifyQuery("Result<T,E>").names, ["Result"]);
  assert.equal(classifyQuery("where is Option<T> unwrapped?").kind, "question");
});

test("among a few bare words a declaration word says what the others are; alone it is the name", () => {
  assert.deepEqual(classifyQuery("Logger interface").names, ["Logger"]);
  assert.deepEqual(classifyQuery("parse type").names, ["parse"]);
  assert.deepEqual(classifyQuery("type").names, ["type"]);
});

test("a name typed with its bang is a name with and without it: Ruby's save!, Rust's json!", () => {
  for (const q of ["route!", "json!", "Base route!"]) {
    const a = classifyQuery(q);
    const bare = q.split(" ").pop()!.replace(/!$/, "");
    assert.ok(a.names.includes(`${bare}!`) && a.names.includes(bare), `${q}: ${JSON.stringify(a.names)}`);
  }
  // An exclamation in a sentence names nothing.
  assert.deepEqual(classifyQuery("this search is great!").names, []);
  assert.equal(classifyQuery("route").names.includes("route!"), false);
});

test("natural-language questions, with or without a question mark", () => {
  for (const q of ["How do computers around the world talk to each other?", "where is the eiffel tower located", "bound repeated tokens in the regular expressions so malicious input cannot cause catastrophic backtracking", "Where is the Eiffel Tower located?"]) {
    const a = classifyQuery(q);
    assert.equal(a.kind, "question", q);
    assert.deepEqual(a.identifiers, [], q);
  }
});

test("an identifier inside a question makes it mixed, and the name is caught", () => {
  const a = classifyQuery("where does parseRange handle x-ranges?");
  assert.equal(a.kind, "mixed");
  assert.deepEqual(a.identifiers, ["parseRange"]);
  assert.ok(a.names.includes("parseRange"));
  const b = classifyQuery("how is the (max_chunk_chars) limit applied to markdown?");
  assert.equal(b.kind, "mixed");
  assert.deepEqual(b.identifiers, ["max_chunk_chars"]);
});

test("a few bare lower-case words are keywords, and each may be a name", () => {
  const a = classifyQuery("lru cache");
  assert.equal(a.kind, "keywords");
  assert.deepEqual(a.names, ["lru", "cache"]);
  assert.equal(classifyQuery("photosynthesis").kind, "keywords");
  assert.equal(classifyQuery("how to parse").kind, "question", "a question word makes it a sentence");
});

test("empty and punctuation-only queries are questions with no names (nothing to boost)", () => {
  for (const q of ["", "   ", "?!", "()"]) assert.deepEqual(classifyQuery(q), { kind: "question", identifiers: [], names: [], qualifiers: new Map() }, JSON.stringify(q));
});

test("lastSegment takes the name after the qualifier", () => {
  assert.equal(lastSegment("Pkg::Name"), "Name");
  assert.equal(lastSegment("fs.readFile"), "readFile");
  assert.equal(lastSegment("ptr->next"), "next");
  assert.equal(lastSegment("parse()"), "parse");
  assert.equal(lastSegment("plain"), "plain");
});

test("a lone name keeps its $, which JavaScript names hold; a qualified one drops its sigil", () => {
  assert.equal(lastSegment("$constructor"), "$constructor");
  assert.equal(lastSegment("$ZodType"), "$ZodType");
  assert.equal(lastSegment("Client::$instance"), "instance");
  assert.equal(lastSegment("obj.@attr"), "attr");
  assert.equal(lastSegment("@attr"), "attr");
  assert.deepEqual(classifyQuery("$constructor").names, ["$constructor"], "not constructor, which every class has");
});

test("in a sentence a declaration word that is also English does not make the next word a code name", () => {
  for (const q of [
    "import only one function to keep the bundle small",
    "check whether an arbitrary object behaves like a stream",
    "passing true instead of an options object turns on forgiving parsing",
    "let the front web server send the file itself",
  ]) {
    const a = classifyQuery(q);
    assert.equal(a.kind, "question", q);
    assert.deepEqual(a.identifiers, [], q);
  }
  const b = classifyQuery("how is a POST body encoded when I pass a dict, a JSON object or files");
  assert.ok(!b.identifiers.includes("or") && !b.names.includes("or"), "a question word is never a declared name");
  // A capitalised name behind the declaration word still is one, in a sentence or not.
  const c = classifyQuery("where is the class Range defined?");
  assert.equal(c.kind, "mixed");
  assert.deepEqual(c.identifiers, ["Range"]);
  assert.equal(classifyQuery("def parse").kind, "identifier", "outside a sentence a lower-case name counts");
  assert.deepEqual(classifyQuery("fn parse_args").identifiers, ["parse_args"]);
});
