// isCommentChunk: which code chunks are comments alone, told by the chunker's lexer per language.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chunkFile } from "../../server/src/chunking";
import type { Inside } from "../../server/src/chunking/code/lexer";
import { isCommentChunk } from "../../server/src/search/comment-chunks";

const code = (language: string, text: string, maxCodeLines?: number) => isCommentChunk({ text, metadata: { kind: "code", language } }, maxCodeLines);

test("a licence, a package's overview with its clause, a crate's doc and a module's docstring are comments alone", () => {
  assert.equal(code("c", "/*\n * Copyright (c) 2010 The Authors\n *\n * Permission is hereby granted, free of charge, to any person\n * obtaining a copy of this software.\n */"), true, "C licence");
  assert.equal(code("ruby", "# THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND,\n# EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF\n# MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND\n# NONINFRINGEMENT."), true, "Ruby licence");
  assert.equal(code("go", "/*\nPackage flags provides an extensive command line option parser.\nThe flags package is similar in functionality to the go built-in flag package\nbut provides more options and uses reflection.\n*/\npackage flags"), true, "Go package doc and clause");
  assert.equal(code("rust", "//! RON is a simple config format which looks similar to Rust syntax.\n//!\n//! ## Features\n//! Data types are written as in Rust.\n//! Comments are allowed."), true, "Rust crate doc");
  assert.equal(code("python", '"""\nThe parser reads a grammar and builds a tree.\nIt keeps going through errors,\nwrapping what it cannot read in error nodes.\n"""'), true, "Python module docstring");
});

test("a window of a long block comment is read as the comment's rest", () => {
  assert.equal(code("java", "     * Converts a length string into pixels or user units,\n     * relative to the view box when the unit is a percentage.\n     * @param length the string to read\n     */"), true, "the end of a Javadoc");
  assert.equal(code("cpp", " * Setting YESCRYPT_WORM enables only minimal deviations from classic scrypt:\n * support for the t parameter, and pre- and post-hashing.\n *\n * Setting YESCRYPT_RW fully enables yescrypt."), true, "the middle of one");
  assert.equal(code("typescript", "  * not a comment's middle\n  const x = a * b\n  return x * 2\n  * y"), false, "a line of code among starred ones");
});

test("code under its comment, a table of strings, prose chunks and languages the lexer does not know are not", () => {
  assert.equal(code("go", "// methodNotAllowedHandler returns a simple request handler\n// that replies to each request with a status code 405.\n// It is used when no route matches the method.\nfunc methodNotAllowedHandler() http.Handler {\n\treturn http.HandlerFunc(methodNotAllowed)\n}"), false, "a function with its doc comment");
  assert.equal(code("php", "        'RIGHT JOIN' => [\n            'class' => 'PhpMyAdmin\\\\SqlParser\\\\Components\\\\JoinKeyword',\n            'field' => 'join',\n        ],"), false, "one-line strings are data");
  assert.equal(code("c", "// one note\n// and another"), false, "two lines of comment are a note");
  assert.equal(isCommentChunk({ text: "# Title\n\nSome prose\nmore prose\nand more", metadata: { kind: "markdown", language: "markdown" } }), false, "markdown");
  assert.equal(code("klingon", "// a\n// b\n// c"), false, "no lexer for the language");
});

test("a declaration's head under a long doc comment is where the declaration is, not prose", () => {
  const text = 'def easter(year, method=EASTER_WESTERN):\n    """\n    This method was ported from the work done by GM Arts,\n    on top of the algorithm by Claus Tondering, which was\n    based in part on the algorithm of Ouding (1940).\n    """';
  const chunk = (symbol?: string) => isCommentChunk({ text, metadata: { kind: "code", language: "python", ...(symbol ? { symbol } : {}) } });
  assert.equal(chunk("easter"), false, "the chunk's own function");
  assert.equal(chunk("dateutil.easter"), false, "qualified");
  assert.equal(chunk("EASTER_ORTHODOX"), true, "a line that names another symbol");
  assert.equal(chunk(), true, "no symbol");
});

test("the lines of code a chunk of comments may hold", () => {
  const twoLines = "// Reads the header of a frame and checks its magic number,\n// its version and the flags it sets, then the descriptor's\n// checksum, and returns the header's size.\nsize_t readHeader(Frame *f,\n                  const void *src);";
  assert.equal(code("c", twoLines), false, "two lines of code, by default");
  assert.equal(code("c", twoLines, 2), true, "allowed two");
  assert.equal(code("go", "// Package chi is a small, idiomatic and composable router.\n//\n// chi is built on the new context package, and its routes\n// are matched by a Patricia radix trie.\npackage chi", 0), false, "a package clause is a line of code");
});

// A package comment without a star on each line, long enough to be cut into windows, as go-flags' flags.go has.
const GO_PACKAGE_DOC = `/*\nPackage flags provides an extensive command line option parser.\n\n${Array.from({ length: 40 }, (_, i) => `Options of group ${i} may be given in a short or a long form, with or without a value.`).join("\n")}\n*/\npackage flags\n`;
const PY_MODULE_DOC = `"""\nThe parser reads a grammar and builds a tree.\n\n${Array.from({ length: 40 }, (_, i) => `Step ${i} of the recovery wraps what it cannot read in an error node.`).join("\n")}\n"""\nimport os\n`;

test("a window from the middle of a long comment or docstring is read as the file read it: the chunker records where it starts", () => {
  for (const [language, path, text, inside] of [
    ["go", "flags.go", GO_PACKAGE_DOC, { kind: "comment", close: "*/" }],
    ["python", "parser.py", PY_MODULE_DOC, { kind: "string", close: '"""' }],
  ] as const) {
    const chunks = chunkFile(path, text, language, "code");
    const middle = chunks.filter((c) => c.startLine > 2 && c.endLine < text.split("\n").length - 3);
    assert.ok(middle.length > 0, `${language}: a window with neither opener nor closer`);
    for (const chunk of middle) {
      assert.deepEqual({ kind: (chunk.metadata.startsInside as Inside).kind, close: (chunk.metadata.startsInside as Inside).close }, inside, `${language}: recorded`);
      assert.equal(isCommentChunk(chunk), true, `${language}: comments alone`);
      const { startsInside: _, ...unmarked } = chunk.metadata;
      assert.equal(isCommentChunk({ text: chunk.text, metadata: unmarked }), false, `${language}: read alone, its prose is code`);
    }
    assert.equal(chunks[0].metadata.startsInside, undefined, `${language}: the first window starts in code`);
  }
});

test("a recorded start that does not fit the language is read as code, as before", () => {
  const text = "Options may be given in a short or a long form.\nA value follows the option.\nGroups nest.";
  assert.equal(code("go", text), false);
  for (const startsInside of [{ kind: "string", close: '"""', rule: 99 }, { kind: "string", close: "`", rule: 0 }, { kind: "comment", close: 7 }, { kind: "comment" }, "comment"]) {
    assert.equal(isCommentChunk({ text, metadata: { kind: "code", language: "go", startsInside } }), false, JSON.stringify(startsInside));
  }
  assert.equal(isCommentChunk({ text, metadata: { kind: "code", language: "go", startsInside: { kind: "string", close: "`", rule: 1 } } }), true, "Go's raw string");
});
