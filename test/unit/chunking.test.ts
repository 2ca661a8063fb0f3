import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { chunkerRevision, chunkFile, type Chunk, type ChunkOptions } from "../../server/src/chunking";
import { parseFrontMatter } from "../../server/src/chunking/front-matter";
import { blockStatements } from "../../server/src/chunking/code/block-statements";
import { lexLines } from "../../server/src/chunking/code/lexer";
import { syntaxFor } from "../../server/src/chunking/code/syntax";
import type { ChunkKind } from "../../shared/src/types";
import { balanceOf } from "../../eval/unbalanced";

const KB = path.join(__dirname, "..", "..", "examples", "knowledge-base");

/**
 * Chunks `text` and checks what must hold for every chunk of every file:
 * 1-based ranges inside the file, text equal to those source lines (or a part
 * of the one line for a cut over-long line), nothing blank, nothing too long.
 */
function chunk(relPath: string, text: string, language: string, kind: ChunkKind, opts: ChunkOptions = {}): Chunk[] {
  const chunks = chunkFile(relPath, text, language, kind, opts);
  const lines = text.replace(/^\uFEFF/, "").split("\n").map((l) => l.replace(/\r$/, ""));
  const maxChars = opts.maxChars ?? 1000;
  for (const c of chunks) {
    const where = `${relPath}:${c.startLine}-${c.endLine}`;
    assert.equal(c.relPath, relPath);
    assert.ok(Number.isInteger(c.startLine) && c.startLine >= 1, where);
    assert.ok(c.endLine >= c.startLine && c.endLine <= lines.length, where);
    assert.ok(c.text.trim().length > 0, `${where} is blank`);
    assert.ok(c.text.length <= maxChars, `${where} has ${c.text.length} chars`);
    const source = lines.slice(c.startLine - 1, c.endLine).join("\n");
    if (c.text !== source) {
      assert.equal(c.startLine, c.endLine, `${where}: text differs from its lines`);
      assert.ok(source.includes(c.text), `${where}: not a part of its line`);
    }
    assert.equal(c.language, language);
    assert.equal(c.kind, kind);
    assert.equal(c.metadata.language, language);
    assert.equal(c.metadata.kind, kind);
    assert.equal(c.metadata.symbol, c.symbol);
    assert.equal(c.metadata.heading, c.headingPath?.join(" > "));
  }
  return chunks;
}

/** Each name is the symbol of exactly one chunk. */
function assertNamedOnce(symbols: (string | undefined)[], names: string[], context = ""): void {
  for (const name of names) assert.equal(symbols.filter((s) => s === name).length, 1, `${context}${name} in ${JSON.stringify(symbols)}`);
}

/** A code file is cut so that each name is one chunk's symbol, and `revision` re-cuts the stored copies of such a file. */
function assertCutAndRevised(relPath: string, text: string, language: string, maxChars: number, names: string[], revision: string): void {
  assertNamedOnce(chunk(relPath, text, language, "code", { maxChars }).map((c) => c.symbol), names);
  assert.ok(chunkerRevision(language, text)!.includes(revision), chunkerRevision(language, text));
}

/** 1-based line number of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `no line contains ${needle}`);
  return i + 1;
}

const bySymbol = (chunks: Chunk[], symbol: string) => {
  const found = chunks.filter((c) => c.symbol === symbol);
  assert.ok(found.length > 0, `no chunk for ${symbol}; got ${JSON.stringify(chunks.map((c) => c.symbol))}`);
  return found;
};

// ---------------------------------------------------------------- markdown

test("knowledge-base fixture: one chunk per file with category and topic", () => {
  const files = fs.readdirSync(KB).filter((f) => f.endsWith(".md")).sort();
  assert.equal(files.length, 20);
  const categories = new Set<unknown>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(KB, file), "utf8");
    const chunks = chunk(file, text, "markdown", "markdown");
    assert.equal(chunks.length, 1, file);
    const [c] = chunks;
    assert.equal(typeof c.metadata.category, "string", file);
    assert.equal(typeof c.metadata.topic, "string", file);
    assert.ok(!c.text.includes("---"), `${file}: front matter leaked into the text`);
    assert.ok(!c.text.includes("category:"), file);
    assert.equal(c.startLine, 6, file);
    assert.equal(c.headingPath, undefined);
    categories.add(c.metadata.category);
  }
  assert.deepEqual([...categories].sort(), ["geography", "history", "science", "technology"]);
  const python = chunkFile("15-python.md", fs.readFileSync(path.join(KB, "15-python.md"), "utf8"), "markdown", "markdown")[0];
  assert.deepEqual({ category: python.metadata.category, topic: python.metadata.topic }, { category: "technology", topic: "programming" });
  assert.match(python.text, /^Python is a high-level/);
});

const GUIDE = `---
title: "Guide: setup"
tags: [install, "windows, mac", 3]
draft: false
version: 1.5
---

Intro before any heading.

# Install

General notes.

## On Windows

Run the installer.

\`\`\`bash
# not a heading
choco install thing
\`\`\`

## On Linux
### Debian

apt install thing

# Usage

Run it.
`;

test("markdown: one chunk per heading section with heading path, heading line and exact line ranges", () => {
  const chunks = chunk("guide.md", GUIDE, "markdown", "markdown");
  assert.deepEqual(
    chunks.map((c) => [c.startLine, c.endLine, c.headingPath ?? []]),
    [
      [8, 8, []],
      [lineOf(GUIDE, "# Install"), lineOf(GUIDE, "General notes."), ["Install"]],
      [lineOf(GUIDE, "## On Windows"), lineOf(GUIDE, "choco install") + 1, ["Install", "On Windows"]],
      [lineOf(GUIDE, "## On Linux"), lineOf(GUIDE, "apt install"), ["Install", "On Linux", "Debian"]],
      [lineOf(GUIDE, "# Usage"), lineOf(GUIDE, "Run it."), ["Usage"]],
    ],
  );
  const windows = chunks[2];
  assert.ok(windows.text.startsWith("## On Windows\n"), "the heading line is part of the text");
  assert.ok(windows.text.includes("# not a heading"), "a # inside a fence does not start a section");
  assert.equal(windows.metadata.heading, "Install > On Windows");
  // The empty "On Linux" section is shown with its "Debian" subsection, not alone.
  assert.ok(chunks[3].text.startsWith("## On Linux\n### Debian"));
  for (const c of chunks) {
    assert.equal(c.metadata.title, "Guide: setup");
    assert.deepEqual(c.metadata.tags, ["install", "windows, mac", 3]);
    assert.equal(c.metadata.draft, false);
    assert.equal(c.metadata.version, 1.5);
    assert.ok(!c.text.includes("title:"));
  }
});

test("markdown: fenced code with # lines and ~~~ fences never creates headings", () => {
  const text = "# Real\n\n```python\n# comment\ndef f():\n    pass\n```\n\n~~~\n## still code\n~~~\n\nafter\n";
  const chunks = chunk("f.md", text, "markdown", "markdown");
  assert.equal(chunks.length, 1);
  assert.deepEqual(chunks[0].headingPath, ["Real"]);
  assert.equal(chunks[0].endLine, 13);
});

test("markdown: setext headings and closing hashes", () => {
  const text = "Title\n=====\n\nIntro.\n\nPart two\n--------\n\nBody.\n\n## Closed ##\n\nText.\n";
  const chunks = chunk("s.md", text, "markdown", "markdown");
  assert.deepEqual(
    chunks.map((c) => c.headingPath),
    [["Title"], ["Title", "Part two"], ["Title", "Closed"]],
  );
  assert.deepEqual(chunks.map((c) => c.startLine), [1, 6, 11]);
});

test("markdown: heading-only sections are merged forward, never emitted blank", () => {
  const onlyHeadings = chunk("h.md", "# A\n\n## B\n\n", "markdown", "markdown");
  assert.equal(onlyHeadings.length, 1, "a document of headings is still indexed once");
  assert.equal(onlyHeadings[0].text, "# A\n\n## B");

  const trailing = chunk("t.md", "# A\n\ntext\n\n# Empty\n\n   \n", "markdown", "markdown");
  assert.deepEqual(trailing.map((c) => c.text), ["# A\n\ntext"]);

  assert.deepEqual(chunk("e.md", "", "markdown", "markdown"), []);
  assert.deepEqual(chunk("w.md", "\n  \n\t\n", "markdown", "markdown"), []);
  assert.deepEqual(chunk("fm.md", "---\ntitle: x\n---\n\n", "markdown", "markdown"), []);
});

test("markdown: a long section is split by paragraphs, keeping the heading path and heading line", () => {
  const paragraph = (n: number) => `Paragraph ${n} ` + "word ".repeat(30).trim() + ".";
  const body = Array.from({ length: 12 }, (_, i) => paragraph(i)).join("\n\n");
  const text = `# Top\n\n## Long section\n\n${body}\n\n\`\`\`\ncode line\n\nmore code\n\`\`\`\n`;
  const chunks = chunk("long.md", text, "markdown", "markdown", { maxChars: 400 });
  assert.ok(chunks.length >= 4, `${chunks.length} chunks`);
  for (const c of chunks) assert.deepEqual(c.headingPath, ["Top", "Long section"]);
  assert.ok(chunks[0].text.startsWith("# Top\n\n## Long section\n\nParagraph 0"));
  // Paragraph boundaries: no paragraph is cut in two.
  for (const c of chunks) {
    assert.ok(!/^word/.test(c.text), "a chunk starts at a paragraph start");
    assert.ok(c.text.endsWith(".") || c.text.endsWith("```"), JSON.stringify(c.text.slice(-20)));
  }
  // The fenced block (with its blank line) stays whole.
  const fence = chunks.find((c) => c.text.includes("code line"))!;
  assert.ok(fence.text.includes("more code"));
});

test("markdown: a paragraph longer than maxChars is windowed by lines", () => {
  const lines = Array.from({ length: 40 }, (_, i) => `line ${i} of one very long paragraph without blank lines`);
  const text = `# Head\n${lines.join("\n")}\n`;
  const chunks = chunk("p.md", text, "markdown", "markdown", { maxChars: 300, overlapLines: 1 });
  assert.ok(chunks.length > 5);
  assert.equal(chunks[0].startLine, 1);
  assert.equal(chunks[chunks.length - 1].endLine, 41);
  for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i].startLine, chunks[i - 1].endLine, "one line of overlap");
});

test("front matter parser: scalars, quotes, lists, block lists, comments", () => {
  const { data, bodyStart } = parseFrontMatter(
    [
      "---",
      "title: 'It''s here'",
      'quoted: "a: b # not a comment"',
      "plain: hello world # a comment",
      "count: 42",
      "ratio: -0.5",
      "zip: 007",
      "on: true",
      "off: False",
      "nothing: null",
      "list: [a, 'b, c', 3, true]",
      "authors:",
      "  - alice",
      "  - bob",
      "nested:",
      "  key: value",
      "date: 2024-01-02",
      "---",
      "body",
    ],
  );
  assert.equal(bodyStart, 18);
  assert.deepEqual(data, {
    title: "It's here",
    quoted: "a: b # not a comment",
    plain: "hello world",
    count: 42,
    ratio: -0.5,
    zip: "007",
    on: true,
    off: false,
    list: ["a", "b, c", 3, true],
    authors: ["alice", "bob"],
    date: "2024-01-02",
  });
  assert.deepEqual(parseFrontMatter(["---", "title: never closed", "body"]), { data: {}, bodyStart: 0 });
  assert.deepEqual(parseFrontMatter(["# Not front matter", "---"]), { data: {}, bodyStart: 0 });
});

// ---------------------------------------------------------------- code

const TS = `import { readFileSync } from "node:fs";
import path from "node:path";

const LIMIT = 10;

/** Adds two numbers. */
export function add(a: number, b: number): number {
  const braces = "}}}{";
  return a + b;
}

export interface Options {
  verbose: boolean;
}

export const handler = async (req: Request) => {
  const re = /[}]/g;
  return \`done \${req.url} }\`;
};

@sealed
export class Counter {
  private count = 0;

  increment(): void {
    this.count++;
  }
}
`;

test("code: TypeScript declarations get their own chunks with symbols and exact lines", () => {
  const chunks = chunk("a.ts", TS, "typescript", "code");
  assert.deepEqual(
    chunks.map((c) => [c.symbol, c.startLine, c.endLine]),
    [
      [undefined, 1, 4],
      ["add", 6, 10],
      ["Options", 12, 14],
      ["handler", 16, 19],
      ["Counter", 21, 28],
    ],
  );
  assert.ok(bySymbol(chunks, "add")[0].text.startsWith("/** Adds two numbers. */"), "doc comment attached");
  assert.ok(bySymbol(chunks, "Counter")[0].text.startsWith("@sealed"), "decorator attached");
  assert.equal(chunks[0].metadata.symbol, undefined);
});

const PY = `"""Module docstring."""
import os

TIMEOUT = 5


# Doubles things.
def double(x):
    """Return x doubled."""
    return x * 2


@cached
@route(
    "/path",
)
async def fetch(url,
                retries=3):
    template = """
def not_a_function():
    pass
"""
    return template


class Greeter(Base):
    """Greets people."""

    greeting = "hi"

    def __init__(self, name):
        self.name = name

    # Says hello.
    def hello(self):
        return f"{self.greeting} {self.name}"


if __name__ == "__main__":
    double(2)
`;

test("code: Python by indentation, with decorators, comments and docstrings attached", () => {
  const chunks = chunk("a.py", PY, "python", "code");
  assert.deepEqual(
    chunks.map((c) => [c.symbol, c.startLine, c.endLine]),
    [
      [undefined, 1, 4],
      ["double", 7, 10],
      ["fetch", 13, 23],
      ["Greeter", 26, 36],
      [undefined, 39, 40],
    ],
  );
  assert.ok(bySymbol(chunks, "fetch")[0].text.includes("def not_a_function"), "a def inside a string is not a declaration");
  assert.ok(bySymbol(chunks, "double")[0].text.startsWith("# Doubles things."));
});

test("code: a Python class over maxChars is split into its methods", () => {
  const chunks = chunk("a.py", PY, "python", "code", { maxChars: 120 });
  const greeter = chunks.filter((c) => c.symbol?.startsWith("Greeter"));
  assert.deepEqual(
    greeter.map((c) => [c.symbol, c.startLine, c.endLine]),
    [
      ["Greeter", 26, 29],
      ["Greeter.__init__", 31, 32],
      ["Greeter.hello", 34, 36],
    ],
  );
  assert.ok(greeter[0].text.includes('"""Greets people."""'));
});

const GO = `package main

import (
	"fmt"
)

// Server serves requests.
type Server struct {
	name string
}

// Handle handles one request.
func (s *Server) Handle(req string) error {
	if req == "}" {
		return nil
	}
	fmt.Println(\`raw } string\`)
	return nil
}

func main() {
	s := &Server{name: "x"}
	_ = s.Handle("")
}
`;

test("code: Go functions, methods (Receiver.Method) and types", () => {
  const chunks = chunk("main.go", GO, "go", "code");
  assert.deepEqual(
    chunks.map((c) => [c.symbol, c.startLine, c.endLine]),
    [
      [undefined, 1, 5],
      ["Server", 7, 10],
      ["Server.Handle", 12, 19],
      ["main", 21, 24],
    ],
  );
});

const RUST = `use std::fmt;

/// A point.
#[derive(Debug, Clone)]
pub struct Point {
    x: i32,
    y: i32,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

pub fn brace<'a>(p: &'a Point) -> char {
    let s = r#"raw " } string"#;
    '}'
}
`;

test("code: Rust structs, impl blocks and functions despite lifetimes and braces in literals", () => {
  const chunks = chunk("lib.rs", RUST, "rust", "code");
  assert.deepEqual(
    chunks.map((c) => [c.symbol, c.startLine, c.endLine]),
    [
      [undefined, 1, 1],
      ["Point", 3, 8],
      ["Point", 10, 14],
      ["brace", 16, 19],
    ],
  );
  assert.ok(chunks[1].text.startsWith("/// A point.\n#[derive"), "doc comment and attribute attached");
  const small = chunk("lib.rs", RUST, "rust", "code", { maxChars: 130 });
  assert.deepEqual(bySymbol(small, "Point.fmt").map((c) => [c.startLine, c.endLine]), [[11, 14]]);
});

test("code: a Rust trait implementation is named after the type it is for, references and lifetimes too", () => {
  const src = "impl<'a> Replacer for &'a str {\n    fn replace_append(&mut self) {}\n}\n\nimpl Replacer for String {\n    fn replace_append(&mut self) {}\n}\n\nimpl<'a, T: Trait> Trait for &'a mut Wrapper<T> {\n    fn go(&self) {}\n}\n";
  assert.deepEqual(
    chunk("lib.rs", src, "rust", "code").map((c) => c.symbol),
    ["str", "String", "Wrapper"],
  );
});

const JAVA = `package com.example;

import java.util.List;

/**
 * A calculator.
 */
public class Calculator {
    private int total = 0;

    @Override
    public String toString() {
        return "Calculator{" + total + "}";
    }

    public int add(int a, int b) {
        char c = '}';
        return a + b;
    }
}
`;

test("code: Java class, and its methods when it is too big, annotations attached", () => {
  const whole = chunk("Calculator.java", JAVA, "java", "code");
  assert.deepEqual(whole.map((c) => [c.symbol, c.startLine, c.endLine]), [
    [undefined, 1, 3],
    ["Calculator", 5, 20],
  ]);
  const split = chunk("Calculator.java", JAVA, "java", "code", { maxChars: 150 });
  assert.deepEqual(split.map((c) => [c.symbol, c.startLine, c.endLine]), [
    [undefined, 1, 3],
    ["Calculator", 5, 9],
    ["Calculator.toString", 11, 14],
    ["Calculator.add", 16, 20],
  ]);
  assert.ok(split[2].text.startsWith("    @Override"));
});

const C = `#include <stdio.h>
#define MAX(a, b) \\
  ((a) > (b) ? (a) : (b))

struct point {
    int x;
    int y;
};

static int helper(int x);

/* Adds numbers. */
int add(int a, int b)
{
    const char *s = "}";
    return a + b;
}

int main(int argc, char **argv) {
    printf("%d\\n", add(1, '{'));
    return 0;
}
`;

test("code: C functions (K&R and Allman braces), structs, macros and prototypes", () => {
  const chunks = chunk("main.c", C, "c", "code");
  assert.deepEqual(
    chunks.map((c) => [c.symbol, c.startLine, c.endLine]),
    [
      [undefined, 1, 3],
      ["point", 5, 8],
      [undefined, 10, 10],
      ["add", 12, 17],
      ["main", 19, 22],
    ],
  );
});

test("code: a C typedef of a pointer to a function is named after the type, not its return type", () => {
  const text = "typedef void (*crypt_fn) (const char *phrase, size_t phr_size,\n                          const char *setting, size_t set_size,\n                          uint8_t *output, size_t out_size);\n\nstatic int\nnext_id (void)\n{\n  return 1;\n}\n";
  const symbols = chunk("crypt.c", text, "c", "code").map((c) => c.symbol);
  assert.deepEqual(symbols, ["crypt_fn", "next_id"]);
});

const RUBY = `require "json"

# A greeter.
class Greeter
  attr_reader :name

  def initialize(name)
    @name = name
  end

  # Says hello.
  def hello
    return "nope" if name.nil?
    [1, 2].each do |i|
      puts "#{i} end"
    end
    "Hello #{name}"
  end
end

def top_level
  :end
end
`;

test("code: Ruby classes and methods by def/class ... end", () => {
  const chunks = chunk("greeter.rb", RUBY, "ruby", "code");
  assert.deepEqual(chunks.map((c) => [c.symbol, c.startLine, c.endLine]), [
    [undefined, 1, 1],
    ["Greeter", 3, 19],
    ["top_level", 21, 23],
  ]);
  const split = chunk("greeter.rb", RUBY, "ruby", "code", { maxChars: 200 });
  assert.deepEqual(split.map((c) => [c.symbol, c.startLine, c.endLine]), [
    [undefined, 1, 1],
    ["Greeter", 3, 5],
    ["Greeter.initialize", 7, 9],
    ["Greeter.hello", 11, 19],
    ["top_level", 21, 23],
  ]);
});

// Each method holds one construct that used to unbalance Ruby's blocks (a quote or "#" taken for a
// string or a comment, a block keyword miscounted), after which every later method was lost in
// windows of the module.
const RUBY_HARD = `module Rack
  class Parser
    def post_match(name)
      name =~ %r(\\A[\\[\\]]*([^\\[\\]]+)\\]*)
      after = $' || ''
    end

    def split_on(qs, d)
      qs.split(d ? (SEP[d] || /[#{d}] */n) : DEFAULT)
    end

    def page
      <<~HTML
        <% if error %>it's broken<% end %>
        <p>"unclosed
      HTML
    end

    def closed?
      return if @closed
      @closed = true
    end

    def level=(level); end

    ruby2_keywords def node(type, *args)
      type.new(*args)
    end

    def message
      text = "no paths" && begin
        compute
      end
      text << if empty?
                "none"
              else
                "some"
              end
    end

    def caller_name(name = "#{caller.first[/\`.*'/]} condition")
      name
    end

    def last
      %w[a b c].last
    end
  end
end
`;

test("code: Ruby's %-literals, $' globals, regexes, heredocs and modifier forms keep its methods apart", () => {
  const symbols = chunk("parser.rb", RUBY_HARD, "ruby", "code", { maxChars: 120 }).map((c) => c.symbol);
  for (const method of ["post_match", "split_on", "page", "closed?", "level=", "node", "message", "caller_name", "last"]) {
    assert.ok(symbols.includes(`Rack.Parser.${method}`), `${method} in ${JSON.stringify(symbols)}`);
  }
});

test("code: a big TypeScript class is split into methods named Class.method", () => {
  const methods = Array.from(
    { length: 8 },
    (_, i) => `  /** Method ${i}. */\n  method${i}(value: number): number {\n    const doubled = value * ${i};\n    return doubled + this.base;\n  }\n`,
  ).join("\n");
  const text = `export class Big extends Base {\n  private base = 1;\n\n${methods}}\n`;
  const chunks = chunk("big.ts", text, "typescript", "code", { maxChars: 300 });
  assert.deepEqual(
    chunks.map((c) => c.symbol),
    ["Big", ...Array.from({ length: 8 }, (_, i) => `Big.method${i}`)],
  );
  assert.equal(chunks[0].text, "export class Big extends Base {\n  private base = 1;");
  assert.ok(chunks[1].text.startsWith("  /** Method 0. */"));
  assert.ok(chunks[8].text.endsWith("}\n}"), "the class's closing brace joins the last method");
  assert.equal(chunks[8].endLine, text.split("\n").length - 1);
});

test("code: a function over maxChars falls back to overlapping line windows with its symbol", () => {
  const body = Array.from({ length: 60 }, (_, i) => `  total += compute(${i}, "value number ${i}");`).join("\n");
  const text = `function huge() {\n  let total = 0;\n${body}\n  return total;\n}\n`;
  const chunks = chunk("huge.js", text, "javascript", "code", { maxChars: 400, overlapLines: 2 });
  assert.ok(chunks.length > 4);
  for (const c of chunks) assert.equal(c.symbol, "huge");
  assert.equal(chunks[0].startLine, 1);
  assert.equal(chunks[chunks.length - 1].endLine, 64);
  for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i].startLine, chunks[i - 1].endLine - 1, "two lines of overlap");
});

test("code: unknown languages are chunked by line windows", () => {
  const text = Array.from({ length: 100 }, (_, i) => `main${i} = putStrLn "line ${i}"`).join("\n");
  const chunks = chunk("Main.hs", text, "haskell", "code", { maxChars: 250, overlapLines: 3 });
  assert.ok(chunks.length > 5);
  assert.equal(chunks[0].startLine, 1);
  assert.equal(chunks[chunks.length - 1].endLine, 100);
  for (let i = 1; i < chunks.length; i++) {
    assert.equal(chunks[i].startLine, chunks[i - 1].endLine - 2, "three lines of overlap");
    assert.equal(chunks[i].symbol, undefined);
  }
  const noOverlap = chunk("Main.hs", text, "haskell", "code", { maxChars: 250, overlapLines: 0 });
  for (let i = 1; i < noOverlap.length; i++) assert.equal(noOverlap[i].startLine, noOverlap[i - 1].endLine + 1);
});

test("code: a minified line is cut into parts of at most maxChars", () => {
  const line = "var a=" + "function(){return{x:1}};".repeat(45_000);
  assert.ok(line.length > 1_000_000);
  const started = Date.now();
  const chunks = chunk("app.js", line + "\n", "javascript", "code");
  assert.ok(Date.now() - started < 3000, "linear enough");
  assert.ok(chunks.length >= 1000);
  for (const c of chunks) assert.deepEqual([c.startLine, c.endLine], [1, 1]);
  assert.equal(chunks.map((c) => c.text).join(""), line, "the parts are the whole line, in order");
});

test("code: a long line among normal lines is cut by characters, the rest windowed", () => {
  const text = `const a = 1;\nconst data = "${"x".repeat(2500)}";\nconst b = 2;\n`;
  const chunks = chunk("data.ts", text, "typescript", "code", { maxChars: 1000 });
  assert.ok(chunks.some((c) => c.startLine === 2 && c.endLine === 2 && c.text.length === 1000));
  assert.ok(chunks.some((c) => c.text.includes("const a = 1;")));
  assert.ok(chunks.some((c) => c.text.includes("const b = 2;")));
});

test("code: CRLF line endings keep line numbers and lose the CR", () => {
  const text = GO.replace(/\n/g, "\r\n");
  const chunks = chunk("main.go", text, "go", "code");
  assert.deepEqual(chunks.map((c) => [c.symbol, c.startLine, c.endLine]), [
    [undefined, 1, 5],
    ["Server", 7, 10],
    ["Server.Handle", 12, 19],
    ["main", 21, 24],
  ]);
  for (const c of chunks) assert.ok(!c.text.includes("\r"));
});

test("code: other brace and keyword languages get symbols too", () => {
  const cases: Array<[string, string, string, string[]]> = [
    ["a.cs", "csharp", "namespace App {\n    public class Account {\n        public decimal Balance() {\n            return 0m;\n        }\n    }\n}\n", ["App"]],
    ["a.kt", "kotlin", "package demo\n\nfun main() {\n    println(\"hi\")\n}\n", ["main"]],
    ["a.php", "php", "<?php\nnamespace App;\n\nfunction helper() {\n    return 1;\n}\n", ["helper"]],
    ["a.sh", "shellscript", "#!/bin/sh\nset -e\n\nbuild() {\n  if [ -n \"$1\" ]; then\n    echo \"$# {\"\n  fi\n}\n", ["build"]],
    ["a.lua", "lua", "local M = {}\n\nfunction M.add(a, b)\n  if a then\n    return a + b\n  end\nend\n\nreturn M\n", ["M.add"]],
    ["a.cpp", "cpp", "#include <vector>\n\ndouble Circle::area() const {\n    return 3.14 * r * r;\n}\n", ["Circle::area"]],
    ["a.swift", "swift", "import Foundation\n\nfunc greet(name: String) -> String {\n    return \"Hi \\(name)\"\n}\n", ["greet"]],
    // A type's name stops at the colon of what it conforms to or extends.
    ["b.swift", "swift", "public protocol ChainableException: Error, AnyObject {\n  var cause: Error? { get set }\n  var rootCause: Error? { get }\n}\n", ["ChainableException"]],
    ["b.kt", "kotlin", "class Module: BaseModule() {\n  fun definition() = ModuleDefinition {\n    Name(\"Demo\")\n  }\n}\n", ["Module"]],
  ];
  for (const [file, language, text, symbols] of cases) {
    const chunks = chunk(file, text, language, "code");
    for (const s of symbols) bySymbol(chunks, s);
  }
});

test("code: C++ forward declarations are packed with their neighbours, and an export macro is not a class's name", () => {
  const text =
    "template <typename Context> class basic_format_arg;\ntemplate <typename Context> class basic_format_args;\nstruct Point;\n\n" +
    "class FMT_API format_error : public std::runtime_error {\n public:\n  using std::runtime_error::runtime_error;\n};\n";
  const chunks = chunk("format.h", text, "cpp", "code", { maxChars: 120 });
  const symbols = chunks.map((c) => c.symbol);
  assert.ok(symbols.includes("format_error"), JSON.stringify(symbols));
  assert.ok(!symbols.some((s) => s === "FMT_API" || s === "basic_format_args" || s === "basic_format_arg" || s === "Point"), JSON.stringify(symbols));
  // The three forward declarations are one piece of glue, not three one-line chunks.
  const forward = chunks.filter((c) => c.text.includes("class basic_format_arg"));
  assert.equal(forward.length, 1);
  assert.match(forward[0].text, /struct Point;/);
});

test("code: a C++ type's name stops at the colon of its base list, with or without a space before it", () => {
  const text =
    "namespace valijson {\nnamespace adapters {\n\ntemplate<\n    typename AdapterType,\n    typename ValueType>\nclass BasicAdapter: public Adapter\n{\npublic:\n" +
    "    bool equalTo(const Adapter &other, bool strict) const override\n    {\n        return isNull() == other.isNull();\n    }\n};\n\n" +
    "enum class Color: uint8_t { Red, Green };\n\nstruct outer::Inner:Base {\n    int x;\n};\n\n}\n}\n";
  const symbols = chunk("basic_adapter.hpp", text, "cpp", "code", { maxChars: 120 }).map((c) => c.symbol);
  assert.ok(symbols.includes("valijson.adapters.BasicAdapter.equalTo"), JSON.stringify(symbols));
  assert.ok(symbols.includes("valijson.adapters.Color"), JSON.stringify(symbols));
  assert.ok(symbols.includes("valijson.adapters.outer::Inner"), JSON.stringify(symbols));
  assert.ok(!symbols.some((s) => typeof s === "string" && /\w:(?!:)/.test(s)), JSON.stringify(symbols));
});

test("code: a C pointer to a function is named in its parentheses, behind a calling convention too, not after its return type", () => {
  const text =
    "/* Scan the next token. */\ntypedef int (PTRCALL *SCANNER)(const ENCODING *,\n                               const char *,\n                               const char *,\n                               const char **);\n\n" +
    "struct encoding {\n  SCANNER scanners[XML_N_STATES];\n  int (PTRCALL *sameName)(const ENCODING *,\n                          const char *,\n                          const char *);\n" +
    "  enum XML_Convert_Result (PTRCALL *utf8Convert)(const ENCODING *enc,\n                                                 const char **fromP,\n                                                 const char *fromLim);\n  int minBytesPerChar;\n};\n";
  const symbols = chunk("xmltok.h", text, "c", "code", { maxChars: 120 }).map((c) => c.symbol);
  assert.ok(symbols.includes("SCANNER"), JSON.stringify(symbols));
  assert.ok(symbols.includes("encoding.sameName"), JSON.stringify(symbols));
  assert.ok(symbols.includes("encoding.utf8Convert"), JSON.stringify(symbols));
  assert.ok(!symbols.some((s) => s === "int" || s === "encoding.int" || s === "encoding.XML_Convert_Result"), JSON.stringify(symbols));
});

test("code: a C++ macro alone on its line ends its statement, and a template head may hold parentheses", () => {
  const text =
    "FMT_BEGIN_NAMESPACE\n\n#ifndef FMT_USE_TZSET\n#  if FMT_HAS_INCLUDE(\"winapifamily.h\")\n#    include <winapifamily.h>\n#  endif\n#endif\n\n" +
    "template <typename To, typename From,\n          FMT_ENABLE_IF(std::is_integral<From>::value)>\nTo lossless_integral_conversion(const From from, int& ec) {\n  ec = 0;\n  return static_cast<To>(from);\n}\n\n" +
    "inline int count(int n) {\n  return n;\n}\n\nFMT_END_NAMESPACE\n";
  const chunks = chunk("chrono.h", text, "cpp", "code", { maxChars: 200 });
  const symbols = chunks.map((c) => c.symbol);
  assert.ok(symbols.includes("lossless_integral_conversion"), JSON.stringify(symbols));
  assert.ok(symbols.includes("count"), JSON.stringify(symbols));
  assert.ok(!symbols.some((s) => s === "FMT_HAS_INCLUDE" || s === "FMT_ENABLE_IF"), JSON.stringify(symbols));
});

test("code: a template's member defined out of its class keeps its class in its name", () => {
  const text =
    "template<typename Key, class Comparator>\ntypename SkipList<Key,Comparator>::Node*\nSkipList<Key,Comparator>::NewNode(const Key& key, int height) {\n  return new Node(key);\n}\n\n" +
    "template<typename Key, class Comparator>\nint SkipList<Key, Comparator>::RandomHeight() {\n  int height = 1;\n  return height;\n}\n\n" +
    "template <typename T>\nbool operator<(const Box<T>& a, const Box<T>& b) {\n  return a.v < b.v;\n}\n";
  const symbols = chunk("skiplist.h", text, "cpp", "code", { maxChars: 400 }).map((c) => c.symbol);
  assert.deepEqual(symbols, ["SkipList::NewNode", "SkipList::RandomHeight", "operator<"]);
});

test("code: a C typedef of an anonymous struct, union or enum is named after its closing brace", () => {
  const c =
    "#include <stdint.h>\n\ntypedef struct {\n  unsigned cost;\n  unsigned node_count;\n  int dynamic_precedence;\n} ErrorStatus;\n\n" +
    "typedef enum {\n  ErrorComparisonTakeLeft,\n  ErrorComparisonNone,\n} ErrorComparison;\n\ntypedef union {\n  const void *ptr;\n  uint32_t n;\n} *SubtreeRef;\n\n" +
    "struct {\n  int unnamed;\n  int kept;\n  int anonymous;\n} globals;\n";
  const symbols = chunk("parser.c", c, "c", "code", { maxChars: 1000 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["ErrorStatus", "ErrorComparison", "SubtreeRef"]);
  assert.ok(!symbols.includes("globals"), "a variable of an anonymous struct type is not a type's name");
});

test("code: a C++ raw string, wide or Unicode too, is text whatever braces it holds", () => {
  // react-native-webview's Windows view injects a script as `LR"( ... )"`: its braces and quotes were
  // read as code, and the file ended a level below zero.
  const script = "window.onload = function (msg) { if (msg) { post(\"it's\");";
  const method = (name: string) => `void View::${name}() {\n    auto count = m_items.size();\n    m_total += count;\n}\n\n`;
  const cpp = `void View::Inject() {\n    winrt::hstring message = LR"(\n        ${script}\n    )";\n    m_webView.ExecuteScriptAsync(message);\n}\n\n` + method("Reset") + method("Reload");
  assertCutAndRevised("View.cpp", cpp, "cpp", 300, ["View::Inject", "View::Reset", "View::Reload"], "prefixed raw strings");
  const syntax = syntaxFor("cpp")!;
  assert.equal(balanceOf(cpp.split("\n"), syntax).end, 0, "balanced");
  const lines = lexLines(['auto s = u8R"x(a { ")x" + R"(b)";'], syntax);
  assert.equal(lines[0].code, 'auto s = u8R"x(' + " ".repeat(5) + ')x" + R"(' + " " + ')";');
  assert.equal(chunkerRevision("cpp", 'auto s = R"(a)";\nauto w = L"wide";\n')!.includes("prefixed raw strings"), false);
});

test("code: a C typedef of a tagged struct is named after its alias, past a macro in capitals", () => {
  // zlib.h and deflate.h: users write z_stream and deflate_state, seldom the tags; FAR is a macro.
  const c =
    "typedef struct z_stream_s {\n    z_const Bytef *next_in;\n    uInt     avail_in;\n} z_stream;\n\n" +
    "typedef struct internal_state {\n    z_streamp strm;\n    Bytef *pending_buf;\n} FAR deflate_state;\n\n" +
    "typedef struct gz_header_s\n{\n    int     text;\n} gz_header;\n\ntypedef gz_header FAR *gz_headerp;\n\n" +
    "typedef struct position {\n  XML_Size lineNumber;\n} POSITION;\n";
  assertCutAndRevised("zlib.h", c, "c", 1000, ["z_stream", "deflate_state", "gz_header", "POSITION"], "typedefs named after their alias");
  const symbols = chunk("zlib.h", c, "c", "code", { maxChars: 1000 }).map((c) => c.symbol);
  for (const gone of ["z_stream_s", "internal_state", "FAR", "position"]) assert.ok(!symbols.includes(gone), `${gone} in ${JSON.stringify(symbols)}`);
});

test("code: a documented one-expression Kotlin function has a chunk and a name of its own", () => {
  const kt =
    "package com.example.utils\n\nimport android.view.View\n\n" +
    "/**\n * Converts a pixel value to dp using the density of the display this view is attached to.\n */\n" +
    "internal fun View.pxToDp(px: Float): Float = pxToDp(px, resources.displayMetrics.density)\n\n" +
    "internal fun View.asViewGroupOrNull(): ViewGroup? = this as? ViewGroup\n\n" +
    "/** A sheet whose height follows its content. */\nfun Screen.fitsContent(height: Int = 0): Boolean = sheetDetents.count() == 1\n\n" +
    "interface Listener {\n  // Called when the screen changes.\n  fun onScreenChanged(screen: Screen, animated: Boolean = true)\n}\n";
  const chunks = chunk("ViewExt.kt", kt, "kotlin", "code", { maxChars: 1000 });
  const pxToDp = chunks.find((c) => c.symbol === "View.pxToDp");
  assert.ok(pxToDp?.text.startsWith("/**"), `its doc comment comes with it: ${JSON.stringify(chunks.map((c) => c.symbol))}`);
  assert.ok(chunks.some((c) => c.symbol === "Screen.fitsContent"), "a default value in the parameters is not the body's =");
  assert.ok(!chunks.some((c) => c.symbol?.endsWith("asViewGroupOrNull")), "an undocumented one-liner stays packed with its neighbours");
  assert.ok(!chunks.some((c) => c.symbol?.endsWith("onScreenChanged")), "an abstract member has no body to search");
});

test("code: TypeScript overloads and the doc comment above them lead an undocumented implementation", () => {
  const body = "  if (a === b) {\n    return true\n  }\n" + "  a = normalise(a)\n".repeat(6) + "  return false\n}\n";
  const ts =
    "import { QueryKey } from './types'\n\nconst MAX = 3\n\n/**\n * Checks if key `b` partially matches with key `a`.\n */\n" +
    "export function partialMatchKey(a: QueryKey, b: QueryKey): boolean\nexport function partialMatchKey(a: any, b: any): boolean {\n" + body +
    "\nexport function lastValueFrom<T>(source: Observable<T>): Promise<T>\nexport function lastValueFrom<T, D>(source: Observable<T>, config: Config<D>): Promise<T | D>\n" +
    "/**\n * Converts an observable to a promise that resolves with its last value.\n */\nexport function lastValueFrom<T, D>(source: Observable<T>, config?: Config<D>): Promise<T | D> {\n" + body;
  const chunks = chunk("utils.ts", ts, "typescript", "code", { maxChars: 1000 });
  const partial = chunks.filter((c) => c.symbol === "partialMatchKey");
  assert.equal(partial.length, 1, JSON.stringify(chunks.map((c) => [c.startLine, c.symbol])));
  assert.ok(partial[0].text.startsWith("/**\n * Checks if key") && partial[0].text.includes("a: any, b: any"), "the doc comment, the overload and the implementation are one chunk");
  assert.ok(!chunks.some((c) => c.text.includes("const MAX") && c.text.includes("partialMatchKey")), "the code before the overloads stays apart");
  // An implementation with its own doc comment keeps it first; its overloads stay apart.
  const last = chunks.find((c) => c.symbol === "lastValueFrom");
  assert.ok(last?.text.startsWith("/**\n * Converts an observable"), JSON.stringify(chunks.map((c) => [c.startLine, c.symbol])));
});

test("code: a line ending in a type argument ends its statement; a comparison waiting for its right side does not", () => {
  const kt = "interface ScreenContainer {\n  fun screens(): List<Screen>\n  fun topScreen(): Screen?\n}\n\nval isTaller = height >\n  width\n";
  const infos = lexLines(kt.split("\n"), syntaxFor("kotlin")!);
  const lines = kt.split("\n");
  const members = blockStatements(lines, infos, syntaxFor("kotlin")!, 1, 2, 1);
  assert.deepEqual(members.map((s) => [s.start, s.end]), [[1, 1], [2, 2]], "two abstract members, not one");
  const top = blockStatements(lines, infos, syntaxFor("kotlin")!, 5, 6, 0);
  assert.deepEqual(top.map((s) => [s.start, s.end]), [[5, 6]]);
  const ts = "export type ObservableInput<T> =\n  | Observable<T>\n  | PromiseLike<T>\n  | Iterable<T>;\n\nexport type Both<T> = Observable<T>\n  & Iterable<T>\n";
  const tsLines = ts.split("\n");
  const union = blockStatements(tsLines, lexLines(tsLines, syntaxFor("typescript")!), syntaxFor("typescript")!, 0, tsLines.length - 1, 0);
  assert.deepEqual(union.map((s) => [s.start, s.end]), [[0, 3], [5, 6]], "a union one member per line is one statement");
});

test("code: a comment or blank line after an assignment or an operator does not end the statement", () => {
  const body = Array.from({ length: 14 }, (_, i) => `    const v${i} = def.options.map((o) => o._zod.propValues).filter(Boolean).length + ${i};`).join("\n");
  const ts =
    "export interface $ZodUnion {\n  _zod: $ZodUnionInternals;\n}\n\n" +
    `export const $ZodDiscriminatedUnion: core.$constructor<$ZodDiscriminatedUnion> =\n  /*@__PURE__*/\n  core.$constructor("$ZodDiscriminatedUnion", (inst, def) => {\n${body}\n  });\n\n` +
    "export const total =\n  // the first and the second half\n\n  first + second;\n";
  const chunks = chunk("schemas.ts", ts, "typescript", "code", { maxChars: 1000 });
  const union = bySymbol(chunks, "$ZodDiscriminatedUnion");
  assert.equal(union[0].startLine, lineOf(ts, "export const $ZodDiscriminatedUnion"));
  assert.ok(union[0].text.includes('core.$constructor("$ZodDiscriminatedUnion"'), "the value stays with its name");
  const lines = ts.split("\n");
  const syntax = syntaxFor("typescript")!;
  const statements = blockStatements(lines, lexLines(lines, syntax), syntax, 0, lines.length - 1, 0);
  const total = statements.find((s) => lines[s.start].startsWith("export const total"))!;
  assert.equal(lines[total.end], "  first + second;", "past a comment and a blank line");
});

test("code: a comment after a comma or in shell still ends the statement", () => {
  const line = "    const a = x.split(',').map((s) => s.trim()).filter(Boolean).map((s) => s.toLowerCase()).join(';')\n";
  const js =
    "module.exports = {\n  limit: 10,\n  // Parse the body.\n  parse: function (x) {\n" + line.repeat(5) + "    return a\n  },\n" +
    "  encoding: 'utf8',\n  // Format the body.\n  format: function (x) {\n" + line.repeat(5) + "    return a\n  },\n}\n";
  assertNamedOnce(chunk("body.js", js, "javascript", "code", { maxChars: 1000 }).map((c) => c.symbol), ["parse", "format"], "an object's members: ");
  const fn = (name: string) => `${name}() {\n` + `  echo "${name}: the long line of the usage text that fills this function up to a chunk"\n`.repeat(8) + "}\n";
  const sh = "CONFIG=\n\n# Print usage.\n" + fn("usage") + "\nVERBOSE=\n# Run it.\n" + fn("run");
  assertNamedOnce(chunk("tool.sh", sh, "shellscript", "code", { maxChars: 1000 }).map((c) => c.symbol), ["usage", "run"], "shell's empty assignments: ");
  const rb = "class Template\n" + ["match", "extract"].map((m) => `  ##\n  # ${m} it.\n  alias_method :eql?, :==\n  alias store []=\n\n  # ${m} the URI.\n  def ${m}(uri)\n` + `    uri.to_s.split("/").map { |part| part.strip.downcase }.reject(&:empty?).join("/")\n`.repeat(6) + "  end\n").join("\n") + "end\n";
  assertNamedOnce(chunk("template.rb", rb, "ruby", "code", { maxChars: 1000 }).map((c) => c.symbol), ["Template.match", "Template.extract"], "a Ruby symbol that ends in =: ");
});

test("code: a documented C macro that takes arguments has a chunk and a name of its own", () => {
  const h =
    "#include <stdint.h>\n\n#define MAX_DEPTH 8\n\n/// Initialize an array.\n#define array_init(self) \\\n  ((self)->size = 0, (self)->capacity = 0)\n\n" +
    "/// Get a pointer to the element at a given `index` in the array.\n#define array_get(self, _index) \\\n  (&(self)->contents[_index])\n\n" +
    "#define array_len(self) ((self)->size)\n";
  const symbols = chunk("array.h", h, "c", "code", { maxChars: 1000 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["array_init", "array_get"]);
  assert.ok(!symbols.includes("array_len") && !symbols.includes("MAX_DEPTH"), "undocumented short macros stay packed");
});

test("code: a module's anonymous exported function is named after its file, or its folder for an index", () => {
  const body = "  const ret = {}\n" + "  ret.count = ret.count + 1\n".repeat(4) + "  return ret\n}\n";
  const name = (relPath: string, js: string) => chunk(relPath, js, relPath.endsWith(".ts") ? "typescript" : "javascript", "code").find((c) => c.text.includes("ret.count"))?.symbol;
  assert.equal(name("lib/only.js", "'use strict'\n\nmodule.exports = (obj, keys) => {\n" + body), "only");
  assert.equal(name("lib/helpers/parseHeaders.js", "import utils from '../utils.js'\n\nexport default (rawHeaders) => {\n" + body), "parseHeaders");
  assert.equal(name("lib/compose/index.js", "module.exports = function (middleware) {\n" + body), "compose");
  assert.equal(name("src/handler.ts", "export default async function (req: Request): Promise<Response> {\n" + body), "handler", "no longer named 'default'");
  assert.equal(name("lib/app.js", "module.exports = function createApplication() {\n" + body), "createApplication", "a function's own name wins");
});

test("code: PHP's global namespace in braces is cut by function, each named", () => {
  const body = (name: string) => `/**\n * ${name} does one thing.\n */\nfunction ${name}($a, $b)\n{\n${"    $a = $a + $b;\n".repeat(12)}    return $a;\n}\n\n`;
  const php = "<?php\nnamespace Twig\\Extension {\nfinal class CoreExtension\n{\n    public function getName() { return 'core'; }\n}\n}\n\nnamespace {\n" + body("twig_compare") + body("twig_round") + body("twig_sort_filter") + "}\n";
  const chunks = chunk("CoreExtension.php", php, "php", "code", { maxChars: 400 });
  const symbols = chunks.map((c) => c.symbol);
  for (const name of ["twig_compare", "twig_round", "twig_sort_filter"]) {
    const own = chunks.filter((c) => c.symbol === name);
    assert.equal(own.length, 1, `${name} in ${JSON.stringify(symbols)}`);
    assert.ok(own[0].text.indexOf(`* ${name} does one thing`) < own[0].text.indexOf(`function ${name}(`), "its doc comment comes with it");
  }
});

test("code: a Lua module returning a function is cut by the functions it holds", () => {
  const fn = (name: string) => `  function block.${name}(element, err)\n${"    element.count = element.count + 1\n".repeat(8)}    return element\n  end\n\n`;
  const lua = "local shuffle = require 'busted.utils'.shuffle\n\nreturn function(busted)\n  local block = {}\n\n" + fn("reject") + fn("execAll") + fn("setup") + "  return block\nend\n";
  const symbols = chunk("block.lua", lua, "lua", "code", { maxChars: 400 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["block.reject", "block.execAll", "block.setup"]);
  // A top-level `do ... end` that keeps its helpers local is cut the same way.
  const doBlock = "local Doc = {}\n\ndo\n  local function is_data(d)\n    return type(d) == 'table'\n  end\n\n" + fn("subst").replace(/block\./g, "Doc.") + fn("render").replace(/block\./g, "Doc.") + "end\n\nreturn Doc\n";
  const doSymbols = chunk("xml.lua", doBlock, "lua", "code", { maxChars: 400 }).map((c) => c.symbol);
  assertNamedOnce(doSymbols, ["Doc.subst", "Doc.render"]);
});

test("code: a Lua module written inside a wrapper function at the left margin is cut by the functions it holds", () => {
  const fn = (name: string) => `function S.${name}(fd, buf)\n${"  local ret, err = C.call(fd, buf)\n".repeat(8)}  return ret\nend\n\n`;
  const lua = "local abi = require 'syscall.abi'\n\nlocal function init(C, c, types)\n\nlocal S = {}\n\n" + fn("read") + fn("write") + fn("ioctl") + "return S\nend\n\nreturn {init = init}\n";
  const symbols = chunk("syscalls.lua", lua, "lua", "code", { maxChars: 400 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["S.read", "S.write", "S.ioctl"]);
  assert.ok(!symbols.includes("init"), JSON.stringify(symbols));
  // A long function whose body is indented, as functions are, keeps its name on every window.
  const indented = lua.replace(/^(?!local abi|local function init|end$|return \{|$)/gm, "  ");
  const windows = chunk("syscalls.lua", indented, "lua", "code", { maxChars: 400 }).map((c) => c.symbol);
  assert.ok(windows.filter((s) => s === "init").length >= 2, JSON.stringify(windows));
  assert.ok(!windows.includes("S.read"), JSON.stringify(windows));
});

test("code: a top-level Python if/try block too big for one chunk is cut by the definitions it holds", () => {
  const def = (name: string) => `    def ${name}(sock, timeout):\n${"        sock = sock.wrap(timeout)\n".repeat(8)}        return sock\n\n`;
  const py = "import sys\n\ntry:\n    import ssl\nexcept ImportError:\n    class SSLError(Exception):\n        pass\n\n" + def("wrap_socket") + def("resolve_cert_reqs") + "\nif sys.platform == 'win32':\n    def small():\n        return 1\n";
  const chunks = chunk("ssl_.py", py, "python", "code", { maxChars: 400 });
  const symbols = chunks.map((c) => c.symbol);
  assertNamedOnce(symbols, ["SSLError", "wrap_socket", "resolve_cert_reqs"]);
  assert.ok(chunks.find((c) => c.symbol === "SSLError")!.text.startsWith("except ImportError:"), "the block's opening line leads its first definition");
  // A block that fits in one chunk stays packed with its neighbours, unnamed.
  assert.ok(!symbols.includes("small"), JSON.stringify(symbols));
});

test("code: a top-level if block in shell, Ruby, Lua and PHP too big for one chunk is cut by the functions it holds", () => {
  const lines = (line: string) => line.repeat(8);
  const sh = '#!/bin/sh\n\nif [ -z "$LIB_LOADED" ]; then\n  LIB_LOADED=1\n\n  lib_setup() {\n' + lines('    mkdir -p "$1/cache"\n') + "  }\n\n  function lib_teardown {\n" + lines('    rm -rf "$1/cache"\n') + "  }\nfi\n";
  const shChunks = chunk("lib.sh", sh, "shellscript", "code", { maxChars: 400 });
  assertNamedOnce(shChunks.map((c) => c.symbol), ["lib_setup", "lib_teardown"]);
  assert.ok(shChunks.find((c) => c.symbol === "lib_teardown")!.text.endsWith("fi"), "the closing fi joins the last function instead of a chunk of its own");
  assert.ok(!shChunks.some((c) => c.text.trim() === "fi"), JSON.stringify(shChunks.map((c) => c.text)));

  const rb = "unless defined?(Lib)\n  def lib_setup(dir)\n" + lines("    FileUtils.mkdir_p(dir)\n") + "  end\n\n  def lib_teardown(dir)\n" + lines("    FileUtils.rm_rf(dir)\n") + "  end\nend\n";
  const rbBegin = "begin\n  require 'psych'\nrescue LoadError\n  def lib_setup(dir)\n" + lines("    FileUtils.mkdir_p(dir)\n") + "  end\n\n  def lib_teardown(dir)\n" + lines("    FileUtils.rm_rf(dir)\n") + "  end\nend\n";
  const lua = "if jit then\n  function lib_setup(dir)\n" + lines("    os.execute('mkdir ' .. dir)\n") + "  end\n\n  function lib_teardown(dir)\n" + lines("    os.execute('rm ' .. dir)\n") + "  end\nend\n";
  const php = "<?php\n\nif (!function_exists('lib_setup')) {\n  function lib_setup($dir) {\n" + lines("    mkdir($dir . '/cache');\n") + "  }\n\n  function lib_teardown($dir) {\n" + lines("    rmdir($dir . '/cache');\n") + "  }\n}\n";
  for (const [file, text, language] of [["lib.rb", rb.replace("unless", "if"), "ruby"], ["lib2.rb", rb, "ruby"], ["yaml.rb", rbBegin, "ruby"], ["lib.lua", lua, "lua"], ["lib.php", php, "php"]]) {
    assertNamedOnce(chunk(file, text, language, "code", { maxChars: 400 }).map((c) => c.symbol), ["lib_setup", "lib_teardown"]);
  }
  // Another branch leads the function below it, rather than make a chunk of one line.
  const branches = `#!/bin/sh\n\nif [ -n "$CACHE" ]; then\n  echo "${"x".repeat(388)}"\nelse\n  function lib_teardown {\n` + lines(`    rm -rf "$1/cache"\n`) + "  }\nfi\n";
  const branchChunks = chunk("lib.sh", branches, "shellscript", "code", { maxChars: 400 });
  assert.ok(branchChunks.find((c) => c.symbol === "lib_teardown")!.text.startsWith("else\n"), JSON.stringify(branchChunks.map((c) => c.text)));
  // Functions only inside a `case` arm leave the block in windows, as plain script code.
  const inCase = 'if [ -n "$MODE" ]; then\n  case "$MODE" in\n  fast)\n    run() {\n' + lines("      echo fast\n") + "    }\n    ;;\n  slow)\n    run() {\n" + lines("      echo slow\n") + "    }\n    ;;\n  esac\nfi\n";
  const caseChunks = chunk("modes.sh", inCase, "shellscript", "code", { maxChars: 200 });
  assert.ok(caseChunks.length > 1 && caseChunks.every((c) => c.symbol === undefined), JSON.stringify(caseChunks.map((c) => [c.symbol, c.startLine])));
  // Only a block at the left margin: that is what the chunker revision looks for.
  const indented = sh.replace(/^if /m, "  if ").replace(/^fi$/m, "  fi");
  assert.ok(!chunk("lib.sh", indented, "shellscript", "code", { maxChars: 400 }).some((c) => c.symbol === "lib_setup"));
  // A block that fits stays packed with its neighbours, unnamed, as in Python.
  const small = "if [ -n \"$DEBUG\" ]; then\n  trace() {\n    echo \"$@\"\n  }\nfi\n";
  assert.ok(!chunk("small.sh", small, "shellscript", "code", { maxChars: 400 }).some((c) => c.symbol === "trace"));
});

test("code: a CommonJS module's exported object is cut by its members, each with the doc comment a blank line above it", () => {
  const member = (head: string, doc: string) => `  /**\n   * ${doc}\n   *\n   * @api public\n   */\n\n  ${head} {\n${"    this.count = this.count + 1\n".repeat(6)}  },\n\n`;
  const js = "'use strict'\n\nmodule.exports = {\n\n" + member("get header ()", "Return response header.") + member("attachment (filename, options)", "Set Content-Disposition to attachment.") + member("flushHeaders ()", "Flush any set headers.") + "  parse: function (str) {\n    return str.split(',')\n  }\n}\n";
  const chunks = chunk("response.js", js, "javascript", "code", { maxChars: 400 });
  for (const [name, doc] of [["header", "Return response header."], ["attachment", "Set Content-Disposition"], ["flushHeaders", "Flush any set headers."]]) {
    const own = chunks.filter((c) => c.symbol === name);
    assert.equal(own.length, 1, `${name} in ${JSON.stringify(chunks.map((c) => c.symbol))}`);
    assert.ok(own[0].text.includes(doc), `${name}'s doc comment comes with it: ${own[0].text}`);
  }
  assert.ok(chunks.some((c) => c.symbol === "parse"), "an object literal's function property is named");
  const cls = chunk("application.js", "module.exports = class Application extends Emitter {\n  listen (...args) {\n" + "    this.n = this.n + 1\n".repeat(12) + "  }\n\n  use (fn) {\n" + "    this.m = this.m + 1\n".repeat(12) + "  }\n}\n", "javascript", "code", { maxChars: 300 });
  assert.ok(cls.some((c) => c.symbol === "Application.listen") && cls.some((c) => c.symbol === "Application.use"), JSON.stringify(cls.map((c) => c.symbol)));
});

test("code: a function assigned to a property is a declaration, named as ES5 code means it", () => {
  const js =
    "res.send = function send(body) {\n  return 1;\n};\n\nRoute.prototype.dispatch = function (req, res, done) {\n  return 2;\n};\n\n" +
    "exports.parse = (str) => {\n  return 3;\n};\n\nreq.get =\nreq.header = function header(name) {\n  return 4;\n};\n\n" +
    "module.exports = function createApplication() {\n  return 5;\n};\n\nres.statusCode = 200;\n";
  const symbols = chunk("response.js", js, "javascript", "code", { maxChars: 100 }).map((c) => c.symbol);
  assert.deepEqual(symbols, ["res.send", "Route.dispatch", "parse", "req.get", "createApplication", undefined]);
});

test("code: type parameters one per line do not end a class's or a method's opening early", () => {
  const method = (name: string) => `  public ${name}<\n    TPath extends string,\n    TInput,\n  >(\n    path: TPath,\n  ): Router<TPath, TInput> {\n${"    this.count = this.count + 1;\n".repeat(6)}    return this;\n  }\n\n`;
  const ts = "export class Router<\n  TContext extends Record<string, any>,\n  TQueries extends ProcedureRecord<\n    TContext,\n    any\n  >,\n> {\n  readonly name = 'router';\n\n" + method("query") + method("mutation") + "}\n";
  const symbols = chunk("router.ts", ts, "typescript", "code", { maxChars: 300 }).map((c) => c.symbol);
  assert.ok(symbols.includes("Router.query") && symbols.includes("Router.mutation"), JSON.stringify(symbols));
  assert.ok(symbols.every((s) => s !== undefined), `no piece of the class is left unnamed: ${JSON.stringify(symbols)}`);
  const statementsOf = (language: string, lines: string[]) => blockStatements(lines, lexLines(lines, syntaxFor(language)!), syntaxFor(language)!, 0, lines.length - 1, 0).length;
  assert.equal(statementsOf("shellscript", ["printf '%s' x", "> out.txt"]), 2, "in shell a line opening with > is a command of its own");
  assert.equal(statementsOf("typescript", ["type Pair<", "  A", "> = [A, A]"]), 1);
});

test("code: a brace among type parameters over lines is an object type, not the class's body", () => {
  const method = (name: string) => `  public ${name}(handlers: Array<Handler>): boolean {\n${"    this.count = this.count + 1;\n".repeat(6)}    return true;\n  }\n\n`;
  // msw's frames: an object type as a parameter's constraint and default, and as a base class's argument.
  const ts =
    "class RequestEvent<\n  DataType extends { requestId: string; request: Request } = {\n    requestId: string\n    request: Request\n  },\n  ReturnType = void,\n> extends TypedEvent<DataType, ReturnType> {\n" +
    method("accept") +
    "}\n\nexport abstract class HttpNetworkFrame extends NetworkFrame<\n  'http',\n  {\n    id: string\n  },\n  HttpNetworkFrameEventMap\n> {\n" +
    method("resolve") +
    method("passthrough") +
    "}\n";
  const chunks = chunk("http-frame.ts", ts, "typescript", "code", { maxChars: 300 });
  const symbols = chunks.map((c) => c.symbol);
  assertNamedOnce(symbols, ["RequestEvent.accept", "HttpNetworkFrame.resolve", "HttpNetworkFrame.passthrough"]);
  assert.ok(symbols.every((s) => s !== undefined), `no piece of either class is left unnamed: ${JSON.stringify(symbols)}`);
  assert.ok(chunkerRevision("typescript", ts)!.includes("braces among type parameters"), chunkerRevision("typescript", ts));
  assert.equal(chunkerRevision("typescript", "class A<T> {\n  a = { b: 1 }\n}\n"), undefined);
  // The `>` that closes them may end a line, several may close at once (toml11's return types), and
  // the body opens after them.
  const cpp =
    "template<typename T, typename C>\ndetail::enable_if_t<detail::conjunction<\n    detail::negation<detail::is_exact_toml_type<\n        detail::remove_cvref_t<T>, C>>,\n    detail::is_string_literal<T>\n    >::value, detail::remove_cvref_t<T>>\nfind_or(const basic_value<C>& v, T&& opt)\n{\n" +
    "    if(!v.is_table()) {return std::forward<T>(opt);}\n".repeat(8) +
    "    return get_or(v, std::forward<T>(opt));\n}\n";
  assert.ok(chunk("get.hpp", cpp, "cpp", "code", { maxChars: 300 }).every((c) => c.symbol === "find_or"), "every piece of the function is named after it");
});

test("code: a file wrapped in a function called at once is cut by the functions it holds", () => {
  const fn = (name: string) => `  function ${name}(value) {\n${"    value = value + 1;\n".repeat(8)}    return value;\n  }\n\n`;
  for (const [open, close] of [["(function () {", "})();"], [";(function (root) {", "}).call(this);"], ["(async () => {", "})();"]]) {
    const js = `${open}\n  var cache = {};\n\n${fn("parse")}${fn("format")}${fn("validate")}${close}\n`;
    const symbols = chunk("lib.js", js, "javascript", "code", { maxChars: 300 }).map((c) => c.symbol);
    assertNamedOnce(symbols, ["parse", "format", "validate"], `${open} `);
  }
});

test("code: a licence comment a blank line above code it does not document stays its own", () => {
  const js = "/*!\n * koa\n * MIT Licensed\n */\n\nfunction listen () {\n  return 1\n}\n";
  const chunks = chunk("a.js", js, "javascript", "code", { maxChars: 40 });
  assert.ok(!chunks.find((c) => c.symbol === "listen")!.text.includes("MIT Licensed"));
});

test("code: a Kotlin companion object too big for one chunk is cut by its members, named after the class", () => {
  const fn = (name: string) => `    /**\n     * Sends a ${name} request to the service.\n     */\n    fun ${name}(context: Context, receiver: ResultReceiver? = null) {\n${"      doWork(context, Intent(ACTION).putExtra(RECEIVER_KEY, receiver))\n".repeat(4)}    }\n\n`;
  const kt = "open class NotificationsService : BroadcastReceiver() {\n  companion object {\n    const val ACTION = \"expo.modules.notifications\"\n\n" + fn("present") + fn("dismiss") + fn("schedule") + "  }\n\n  override fun onReceive(context: Context, intent: Intent) {\n    handle(intent)\n  }\n}\n";
  const chunks = chunk("NotificationsService.kt", kt, "kotlin", "code", { maxChars: 500 });
  assertNamedOnce(chunks.map((c) => c.symbol), ["NotificationsService.present", "NotificationsService.dismiss", "NotificationsService.schedule", "NotificationsService.onReceive"]);
  assert.ok(chunkerRevision("kotlin", kt)!.endsWith("companion objects cut by member"), chunkerRevision("kotlin", kt));
  assert.equal(chunkerRevision("kotlin", "class A {\n  fun b() = 1\n}\n"), undefined);
});

test("code: Ruby's class << self too big for one chunk is cut by its methods, named after the class", () => {
  const method = (name: string) => `    # Registers a ${name} on the class.\n    def ${name}(klass, name, options = {})\n${"      commands[name.to_s] = Command.new(name, klass, options)\n".repeat(4)}    end\n\n`;
  const rb = "class Thor\n  class << self\n" + method("register") + method("subcommand") + method("desc") + "  end\n\n  def help(command = nil)\n    puts command\n  end\nend\n";
  const chunks = chunk("thor.rb", rb, "ruby", "code", { maxChars: 500 });
  assertNamedOnce(chunks.map((c) => c.symbol), ["Thor.register", "Thor.subcommand", "Thor.desc", "Thor.help"]);
  assert.ok(chunkerRevision("ruby", rb)!.endsWith("class << self cut by method"), chunkerRevision("ruby", rb));
  assert.equal(chunkerRevision("ruby", "class A\n  def b\n  end\nend\n"), "ruby 3");
});

test("code: a Ruby percent literal given to a method closes its bracket; a modulo and %= stay operators", () => {
  const rb = [
    "class Basic",
    "  def show_diff(destination, content)",
    "    Tempfile.open(File.basename(destination)) do |temp|",
    '      system %(#{diff_cmd} "#{destination}" "#{temp.path}")',
    "    end",
    "  end",
    "",
    "  def quiet?",
    "    total %= 3",
    "    share = total % (count)",
    "  end",
    "end",
    "",
    "def after",
    "  1",
    "end",
    "",
  ].join("\n");
  const infos = lexLines(rb.split("\n"), syntaxFor("ruby")!);
  assert.equal(infos[3].code.trim(), `system %(${" ".repeat(43)})`, "the literal's text is blanked and its closing bracket kept");
  assert.equal(infos[8].code.trim(), "total %= 3");
  assert.equal(infos[9].code.trim(), "share = total % (count)");
  // The class ends where it ends: the method after it is not swallowed into its windows.
  const chunks = chunk("basic.rb", rb, "ruby", "code", { maxChars: 400 });
  assert.deepEqual(chunks.map((c) => [c.symbol, c.startLine]), [["Basic", 1], ["after", 14]]);
});

test("code: a backslash in shell code escapes the quote after it, which opens no string", () => {
  // dracut's print_vars: read as opening a string, `\"` swallowed every function after it.
  const sh = 'print_vars() {\n    for _var in "$@"; do\n        eval printf -v _value "%s" \\""\\$$_var"\\"\n    done\n}\n\nnormalize_path() {\n    echo "${1%/}"\n}\n\nquote() {\n    echo it\\\'s \\{ "$1"\n    [[ ${_prog/\\$env\\{/} == "$1" ]] && echo \\;\n}\n\nlast() {\n    find . -exec rm {} \\;\n}\n';
  const chunks = chunk("dracut-functions.sh", sh, "shellscript", "code", { maxChars: 120 });
  assertNamedOnce(chunks.map((c) => c.symbol), ["print_vars", "normalize_path", "quote", "last"]);
  assert.equal(chunkerRevision("shellscript", sh), "shellscript 4, backslash escapes in code");
  assert.equal(chunkerRevision("shellscript", "f() {\n  echo done\n}\n"), "shellscript 4", "no backslash before a sign: cut as before");
});

test("code: shell: quotes inside a command substitution in quotes, a =~ regex and a keyword after an escaped sign open nothing", () => {
  // bash-completion's gphoto2 (`awk -F'"'` inside `"$(...)"`) and _variables (`[^]]` in a regex), and
  // live-build's case pattern `\#if\ *)`: each left its file a level off.
  const sh = [
    "ports() {\n    COMPREPLY=($(compgen -W \"$($1 --list 2>/dev/null |\n        awk -F'\"' 'NR>2 { print $2 }')\" -- \"$cur\"))\n}\n\n",
    "vars() {\n    if [[ $cur =~ ^(\\$\\{[#!]?)([A-Za-z0-9_]*)\\[([^]]*)$ ]]; then\n        echo \"$cur}\"\n    fi\n}\n\n",
    "expand() {\n    case \"${line}\" in\n        \\#if\\ *)\n            echo nested\n            ;;\n    esac\n}\n\n",
    "after() {\n    echo done\n}\n\nlast() {\n    :\n}\n",
  ].join("");
  assertCutAndRevised("completion.sh", sh, "shellscript", 120, ["ports", "vars", "expand", "after", "last"], "shellscript 4");
  const shell = syntaxFor("shellscript")!;
  assert.equal(lexLines(['x="$(awk -F\'"\' 1)"'], shell)[0].code, 'x="' + " ".repeat(14) + '"');
  assert.equal(lexLines(["[[ $x =~ ^[^]]*$ ]] && y"], shell)[0].code, "[[ $x =~ " + " ".repeat(7) + " ]] && y");
});

test("code: a shell keyword followed by = is an argument, which opens no block", () => {
  const sh = 'restore() {\n    for i in *; do\n        dd if="$i" of="$target" |& vinfo\n    done\n}\n\nafter() {\n    echo done=1\n}\n\nlast() {\n    :\n}\n';
  assert.deepEqual(chunk("lvmmerge.sh", sh, "shellscript", "code", { maxChars: 120 }).map((c) => c.symbol), ["restore", "after", "last"]);
  assert.ok(chunkerRevision("shellscript", sh)!.includes("keywords as arguments"));
});

test("code: a PHP or shell heredoc's text is not code, whatever braces and quotes it holds", () => {
  const php = "<?php\nclass ListCommand {\n    protected function configure() {\n        $this->setHelp(<<<'EOF'\n    The <info>%command.name%</info> command's { output\n    EOF\n        );\n    }\n\n    public function execute() {\n        return 0;\n    }\n}\n";
  const phpSymbols = chunk("ListCommand.php", php, "php", "code", { maxChars: 120 }).map((c) => c.symbol);
  assert.ok(phpSymbols.includes("ListCommand.execute"), JSON.stringify(phpSymbols));
  const sh = "setup() {\n  cat >conf <<-'EOF'\n\t{ \"it's\": [\n\tEOF\n}\n\nrun() {\n  echo run\n}\n";
  const shSymbols = chunk("t.sh", sh, "shellscript", "code", { maxChars: 40 }).map((c) => c.symbol);
  assert.ok(shSymbols.includes("run"), JSON.stringify(shSymbols));
});

test("code: what follows a PHP heredoc's terminator on its line is code", () => {
  // Doctrine DBAL's RunSqlCommand: `EOT);` closes the call the text was given to, and once read as
  // text it left every method below inside configure().
  const php = "<?php\nclass RunSqlCommand {\n    protected function configure() {\n        $this\n        ->setName('dbal:run-sql')\n        ->setHelp(<<<'EOT'\nThe <info>%command.name%</info> command runs the query.\nEOT);\n    }\n\n    protected function execute($input) {\n        return 0;\n    }\n\n    private function format($rows) {\n        return $rows;\n    }\n}\n";
  assertCutAndRevised("RunSqlCommand.php", php, "php", 260, ["RunSqlCommand.configure", "RunSqlCommand.execute", "RunSqlCommand.format"], "code after a heredoc's terminator");
  assert.equal(lexLines(["    ->setHelp(<<<'EOT'", "text {", "EOT);"], syntaxFor("php")!)[2].code, "   );");
  assert.equal(chunkerRevision("php", "<?php\n$x = <<<EOT\ntext\nEOT\n;\n")!.includes("code after a heredoc's terminator"), false);
});

test("code: a string continued by a backslash at the line's end stays a string on the next line", () => {
  const py = 'def check(self):\n    warn("check is deprecated, \\\n          use (the other one", Warning)\n\n\ndef after():\n    return 1\n';
  const symbols = chunk("old.py", py, "python", "code").map((c) => c.symbol);
  assert.deepEqual(symbols, ["check", "after"]);
});

test("code: comment blocks of their own (a licence header) are kept as chunks", () => {
  const text = "/*\n * Copyright 2024 Example Corp.\n * Licensed under MIT.\n */\n\npackage main\n\nfunc main() {\n}\n";
  const chunks = chunk("main.go", text, "go", "code");
  assert.deepEqual(chunks.map((c) => [c.symbol, c.startLine, c.endLine]), [
    [undefined, 1, 6],
    ["main", 8, 9],
  ]);
  const onlyComments = chunk("notes.py", "# just\n# comments\n", "python", "code");
  assert.deepEqual(onlyComments.map((c) => c.text), ["# just\n# comments"]);
});

test("code: a doc comment with empty lines between its paragraphs stays with what it documents", () => {
  // Old Javadoc (and C doc comments) leave a line empty between paragraphs; read as a blank line,
  // it cut the comment's first paragraphs off into a chunk of their own, and the class lost them.
  const java = [
    "package demo;",
    "",
    "/**",
    "\tA namespace holds variables and methods.",
    "\t<p>",
    "",
    "\tNote: lookups go through the parent namespaces.",
    "*/",
    "public class NameSpace {",
    "\tprivate NameSpace parent;",
    "",
    "\t/**",
    "\t\tSet the parent namespace.",
    "",
    "\t\tThe old parent is forgotten.",
    "\t*/",
    "\tpublic void setParent( NameSpace parent ) {",
    "\t\tthis.parent = parent;",
    "\t}",
    "}",
  ].join("\n");
  const chunks = chunk("NameSpace.java", java, "java", "code", { maxChars: 200 });
  assert.deepEqual(chunks.map((c) => [c.symbol, c.startLine, c.endLine]), [
    [undefined, 1, 1],
    ["NameSpace", 3, 10],
    ["NameSpace.setParent", 12, 20],
  ]);
  assert.ok(bySymbol(chunks, "NameSpace")[0].text.startsWith("/**\n\tA namespace holds"), "the class keeps its whole comment");
  assert.ok(bySymbol(chunks, "NameSpace.setParent")[0].text.includes("Set the parent namespace."), "the method keeps its first paragraph");
  const c = "/*\n * Parse a range.\n\n * Returns NULL on error.\n */\nint parse_range(const char *s)\n{\n  return 0;\n}\n";
  assert.deepEqual(chunk("range.c", c, "c", "code").map((x) => [x.symbol, x.startLine, x.endLine]), [["parse_range", 1, 9]]);
  // A comment left alone (a module's doc) still parts at its empty lines, into paragraphs that
  // pack as other lines do, not one long comment cut into overlapping windows.
  const para = (n: number) => Array.from({ length: 4 }, (_, i) => ` Paragraph ${n}, line ${i}: how the engine is put together.`);
  const moduleDoc = ["/*!", ...para(1), "", ...para(2), "*/", "", "fn main() {", "}", ""].join("\n");
  assert.deepEqual(chunk("lib.rs", moduleDoc, "rust", "code", { maxChars: 260 }).map((x) => [x.symbol, x.startLine, x.endLine]), [
    [undefined, 1, 5],
    [undefined, 7, 11],
    ["main", 13, 14],
  ]);
  // A blank line outside a comment still parts a comment from the code below it.
  const apart = "/* Section: parsing. */\n\nint parse_range(const char *s)\n{\n  return 0;\n}\n";
  assert.deepEqual(chunk("range.c", apart, "c", "code").map((x) => x.startLine), [1, 3]);
});

test("code: control statements inside a namespace are not mistaken for functions", () => {
  const text = `namespace Setup {\n  for (const x of list) {\n    register(x);\n  }\n\n  export function init() {\n    return 1;\n  }\n}\n`;
  const chunks = chunk("setup.ts", text, "typescript", "code", { maxChars: 80 });
  assert.deepEqual(chunks.map((c) => c.symbol), ["Setup", "Setup.init"]);
  assert.ok(chunks[0].text.includes("for (const x of list)"));
});

test("code: a container's bare opening line leads its first member instead of standing alone", () => {
  const text = "namespace App\n{\n    public class Account\n    {\n        public decimal Balance()\n        {\n            return 0m;\n        }\n\n        public void Reset()\n        {\n            balance = 0m;\n        }\n    }\n}\n";
  const chunks = chunk("Account.cs", text, "csharp", "code", { maxChars: 130 });
  assert.deepEqual(chunks.map((c) => [c.symbol, c.startLine, c.endLine]), [
    ["App.Account.Balance", 1, 8],
    ["App.Account.Reset", 10, 15],
  ]);
  assert.ok(chunks[0].text.startsWith("namespace App\n{\n    public class Account"));
});

// ---------------------------------------------------------------- text

test("text: paragraphs are merged up to maxChars and never cut in the middle", () => {
  const paragraphs = Array.from({ length: 10 }, (_, i) => `Paragraph ${i} line one.\nParagraph ${i} line two.`);
  const text = paragraphs.join("\n\n") + "\n";
  const chunks = chunk("notes.txt", text, "plaintext", "text", { maxChars: 120 });
  assert.ok(chunks.length >= 4 && chunks.length < 10, `${chunks.length} chunks`);
  for (const c of chunks) {
    assert.match(c.text, /^Paragraph \d+ line one\./);
    assert.match(c.text, /line two\.$/);
  }
  assert.equal(chunks[0].startLine, 1);
  assert.equal(chunks[chunks.length - 1].endLine, 29);
  const whole = chunk("notes.txt", text, "plaintext", "text");
  assert.equal(whole.length, 1, "small files are one chunk");
  assert.equal(whole[0].symbol, undefined);
});

test("text: a paragraph longer than maxChars is windowed", () => {
  const text = Array.from({ length: 30 }, (_, i) => `sentence ${i} of a very long paragraph`).join("\n");
  const chunks = chunk("long.txt", text, "plaintext", "text", { maxChars: 200 });
  assert.ok(chunks.length > 3);
  assert.equal(chunks[chunks.length - 1].endLine, 30);
});

test("every kind: empty and whitespace-only input gives no chunks", () => {
  for (const [language, kind] of [["markdown", "markdown"], ["typescript", "code"], ["plaintext", "text"], ["cobol", "code"]] as const) {
    assert.deepEqual(chunkFile("x", "", language, kind), []);
    assert.deepEqual(chunkFile("x", " \n\n\t\n", language, kind), []);
  }
});

test("code: #if branches that each open the same class are counted once, and the members below are cut and named", () => {
  const method = (name: string) => `        public void ${name}(Action action)\n        {\n${"            queue.Enqueue(action);\n".repeat(4)}        }\n\n`;
  const cs =
    "namespace UniRx\n{\n#if UniRxLibrary\n    public static partial class SchedulerUnity\n    {\n#else\n    public static partial class Scheduler\n    {\n#endif\n" +
    "        static IScheduler mainThread;\n\n" + method("Schedule") + method("ScheduleQueueing") + method("SchedulePeriodic") + "    }\n}\n";
  const chunks = chunk("MainThreadScheduler.cs", cs, "csharp", "code", { maxChars: 300 });
  assertNamedOnce(chunks.map((c) => c.symbol), ["UniRx.SchedulerUnity.Schedule", "UniRx.SchedulerUnity.ScheduleQueueing", "UniRx.SchedulerUnity.SchedulePeriodic"]);
  assert.ok(chunkerRevision("csharp", cs)!.endsWith("twin conditional branches counted once"), chunkerRevision("csharp", cs));
  assert.equal(chunkerRevision("csharp", "class A\n{\n}\n"), undefined);
});

test("code: balanced #if branches, and a lone one that opens a block closed under another #if, are read as written", () => {
  const c =
    "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n#ifdef _WIN32\nint open_port(int n) {\n  return win_open(n);\n}\n#else\nint open_port(int n) {\n  return posix_open(n);\n}\n#endif\n\n" +
    "int close_port(int n) {\n  return release(n);\n}\n\n#ifdef __cplusplus\n}\n#endif\n";
  const infos = lexLines(c.split("\n"), syntaxFor("c")!);
  // The #else branch of whole functions is still code: each of its lines keeps its brackets.
  assert.equal(infos[10].code.trim(), "return posix_open(n);");
  assert.equal(infos[9].commentOnly, false);
  const symbols = chunk("port.c", c, "c", "code", { maxChars: 60 }).map((ch) => ch.symbol);
  assert.equal(symbols.filter((s) => s === "open_port").length, 2, JSON.stringify(symbols));
  assert.ok(symbols.includes("close_port"), JSON.stringify(symbols));
});

test("code: an attribute under #if no longer hides the class below it", () => {
  const method = (name: string) => `        public static IObservable<string> ${name}(string url)\n        {\n            return FromCoroutine(url, null, null, null, null);\n        }\n\n`;
  const cs =
    "namespace UniRx\n{\n#if UNITY_2018_3_OR_NEWER\n    [Obsolete(\"Use UnityWebRequest\")]\n#endif\n    public static partial class ObservableWWW\n    {\n" +
    method("Get") + method("Post") + method("GetAndGetBytes") + "    }\n}\n";
  const symbols = chunk("ObservableWWW.cs", cs, "csharp", "code", { maxChars: 200 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["UniRx.ObservableWWW.Get", "UniRx.ObservableWWW.Post", "UniRx.ObservableWWW.GetAndGetBytes"]);
  assert.ok(chunkerRevision("csharp", cs)!.includes("directives inside a declaration's header"), chunkerRevision("csharp", cs));
});

test("code: a compiler attribute before a C or C++ function is not its name", () => {
  const cpp =
    "template <typename Container>\n#if FMT_CLANG_VERSION >= 307\n__attribute__((no_sanitize(\"undefined\")))\n#endif\ninline auto\nreserve(std::back_insert_iterator<Container> it, size_t n) -> int {\n  return grow(it, n);\n}\n\n" +
    "__declspec(dllexport)\nint sqlite3_extension_init(sqlite3 *db) {\n  return 0;\n}\n";
  const symbols = chunk("format.h", cpp, "cpp", "code", { maxChars: 400 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["reserve", "sqlite3_extension_init"]);
  assert.ok(!symbols.some((s) => s === "__attribute__" || s === "__declspec"), JSON.stringify(symbols));
  assert.ok(chunkerRevision("cpp", cpp)!.includes("compiler attributes not names"), chunkerRevision("cpp", cpp));
});

test("code: a condition alone on its line goes on to its branch and its else (Scala expression bodies, braceless JavaScript)", () => {
  const def = (name: string) => `  def ${name}(a: Decimal)(b: Decimal): Maybe[Decimal] =\n    if (b.compare(zero) == 0)\n      Maybe.nothing\n    else\n      Maybe.just(a.bigDecimal.divide(b.bigDecimal))\n\n`;
  const scala = "object Decimal {\n" + def("div") + def("quotient") + def("remainder") + "}\n";
  const chunks = chunk("Decimal.scala", scala, "scala", "code", { maxChars: 300 });
  assertNamedOnce(chunks.map((c) => c.symbol), ["Decimal.div", "Decimal.quotient", "Decimal.remainder"]);
  assert.match(chunks.find((c) => c.symbol === "Decimal.div")!.text, /else\n\s+Maybe\.just/);
  assert.ok(chunkerRevision("scala", scala)!.includes("braceless conditions go on"), chunkerRevision("scala", scala));

  // A condition whose branch is on its own line is whole, and the next statement stands alone.
  const infos = lexLines(["if (err) return done(err)", "next()"], syntaxFor("javascript")!);
  const statements = blockStatements(["if (err) return done(err)", "next()"], infos, syntaxFor("javascript")!, 0, 1, 0);
  assert.equal(statements.length, 2);
  const braceless = ["if (typeof Uint8Array !== \"undefined\")", "  run(tape)", "next()"];
  assert.equal(blockStatements(braceless, lexLines(braceless, syntaxFor("javascript")!), syntaxFor("javascript")!, 0, 2, 0).length, 2);
});

test("code: Swift's class func and class var are a type's members, not classes named func or var", () => {
  const fn = (name: string) => `    class func ${name}(url: String, completion: @escaping (Bool) -> Void) {\n${"        completion(FileManager.default.fileExists(atPath: url))\n".repeat(3)}    }\n\n`;
  const swift = "class UtilsDownloadFromHTTP {\n    class var shared: UtilsDownloadFromHTTP {\n        return instance\n    }\n\n" + fn("download") + fn("handleZipFile") + "    override class func moveAndRenameFile(from url: URL) {\n        move(url)\n    }\n}\n";
  const symbols = chunk("UtilsDownloadFromHTTP.swift", swift, "swift", "code", { maxChars: 300 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["UtilsDownloadFromHTTP.download", "UtilsDownloadFromHTTP.handleZipFile", "UtilsDownloadFromHTTP.moveAndRenameFile"]);
  assert.ok(!symbols.some((s) => /\.(?:func|var)$/.test(s ?? "")), JSON.stringify(symbols));
  assert.ok(chunkerRevision("swift", swift)!.includes("class members not classes"), chunkerRevision("swift", swift));
});

test("code: a Kotlin fun interface is an interface, and a C# method returning a tuple is named after itself", () => {
  const kt = "fun interface ViewEventCallback<T> {\n  operator fun invoke(arg: T)\n}\n\nfun dispatch(callback: ViewEventCallback<Int>) {\n  callback.invoke(1)\n}\n";
  const ktSymbols = chunk("ViewEvent.kt", kt, "kotlin", "code", { maxChars: 60 }).map((c) => c.symbol);
  assert.ok(ktSymbols.includes("ViewEventCallback") && ktSymbols.includes("dispatch"), JSON.stringify(ktSymbols));
  assert.ok(!ktSymbols.includes("interface"), JSON.stringify(ktSymbols));
  assert.ok(chunkerRevision("kotlin", kt)!.includes("functional interfaces named"), chunkerRevision("kotlin", kt));

  const method = "        public static (UniTask, CancellationTokenRegistration) ToUniTask(this CancellationToken token)\n        {\n            return (UniTask.Never(token), default);\n        }\n\n";
  const cs = "namespace Cysharp\n{\n    public static class CancellationTokenExtensions\n    {\n" + method + method.replace("ToUniTask", "WaitUntilCanceled") + "    }\n}\n";
  const csSymbols = chunk("CancellationTokenExtensions.cs", cs, "csharp", "code", { maxChars: 200 }).map((c) => c.symbol);
  assertNamedOnce(csSymbols, ["Cysharp.CancellationTokenExtensions.ToUniTask", "Cysharp.CancellationTokenExtensions.WaitUntilCanceled"]);
  assert.ok(chunkerRevision("csharp", cs)!.includes("tuple return types"), chunkerRevision("csharp", cs));
});

test("code: a PHP class's long constant or property table is named after itself", () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `        'KEYWORD_${i}' => 'PhpMyAdmin\\\\SqlParser\\\\Components\\\\Keyword${i}',\n`).join("");
  const php = "<?php\n\nclass Parser extends Core\n{\n    public static $STATEMENT_PARSERS = [\n" + rows(6) + "    ];\n\n    const KEYWORD_PARSERS = [\n" + rows(6) + "    ];\n\n    public $strict = false;\n\n    public function parse()\n    {\n        return $this->list;\n    }\n}\n";
  const symbols = chunk("Parser.php", php, "php", "code", { maxChars: 500 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["Parser.STATEMENT_PARSERS", "Parser.KEYWORD_PARSERS", "Parser.parse"]);
  assert.ok(!symbols.includes("Parser.strict"), "a one-line property is packed with its neighbours");
  assert.ok(chunkerRevision("php", php)!.includes("class constants and properties named"), chunkerRevision("php", php));
});

test("code: Ruby's :% symbol opens no percent literal", () => {
  const method = (name: string, op: string) => `    def ${name}(input, operand)\n      apply_operation(input, operand, ${op})\n    rescue ::ZeroDivisionError => e\n      raise Liquid::ZeroDivisionError, e.message\n    end\n\n`;
  const rb = "module Liquid\n  module StandardFilters\n" + method("modulo", ":%") + method("times", ":*") + method("plus", ":+") + "  end\nend\n";
  const symbols = chunk("standardfilters.rb", rb, "ruby", "code", { maxChars: 200 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["Liquid.StandardFilters.modulo", "Liquid.StandardFilters.times", "Liquid.StandardFilters.plus"]);
  assert.ok(chunkerRevision("ruby", rb)!.includes("the :% symbol"), chunkerRevision("ruby", rb));
  // A percent literal after a hash key's colon and a space still is one.
  assert.equal(lexLines(["opts = { names: %w[a) b] }"], syntaxFor("ruby")!)[0].code.includes("a)"), false);
});

/** A short Ruby method, for the tests of Ruby files that once left the methods below a fault unnamed. */
const rubyMethod = (name: string) => `  def ${name}(x)\n    x.to_s.strip.downcase\n  end\n\n`;

test("code: a Ruby condition may open with a regex literal", () => {
  // rake's String#pathmap and HighLine#say: brackets, braces and a percent sign inside the regexes
  // once read as code and left every method below them in windows of the class.
  const pathmap = "  def pathmap(spec)\n    spec.scan(/%\\{[^}]*\\}-?\\d*[sdpfnxX%]|%-?\\d+d|%.|[^%]+/).map do |frag|\n      case frag\n      when /%(-?\\d+)d/\n        pathmap_partial($1.to_i)\n      when /^%\\{([^}]*)\\}(\\d*[dpfnxX])/\n        frag\n      else\n        frag\n      end\n    end.join\n  end\n\n";
  const say = "  def say(statement)\n    if /[ \\t](\\e\\[\\d+(;\\d+)*m)?\\Z/ =~ statement\n      output.print(statement)\n    else\n      output.puts(statement)\n    end\n  end\n\n";
  const rb = "class String\n" + pathmap + rubyMethod("ext") + say + rubyMethod("color") + "end\n";
  assertCutAndRevised("string.rb", rb, "ruby", 400, ["String.pathmap", "String.ext", "String.say", "String.color"], "regexes after condition keywords");
  // A division after a method named like a keyword stays a division.
  assert.equal(lexLines(["ratio = stats.when / 2 / total"], syntaxFor("ruby")!)[0].code, "ratio = stats.when / 2 / total");
  assert.equal(chunkerRevision("ruby", "class A\n  def b(x)\n    x / 2\n  end\nend\n")!.includes("regexes after condition keywords"), false);
});

test("code: a Ruby regex may interpolate a slash, and a quoted heredoc identifier may hold a sign", () => {
  // kramdown's list parser (`#{indentation / 4}` inside a regex) and rake's CpuCounter (`<<-'end;'`)
  // each left the rest of their file a level off.
  const regex = "  def first_line(indentation)\n    content_re = /^(?:\\t| {4}){#{indentation / 4}} {#{indentation % 4}}.*\\n/\n    content_re\n  end\n\n";
  const rb = "class Parser\n" + regex + rubyMethod("second") + rubyMethod("third") + "end\n";
  assertCutAndRevised("list.rb", rb, "ruby", 200, ["Parser.first_line", "Parser.second", "Parser.third"], "slashes in regex interpolations");
  const heredoc = "unless Counter.method_defined?(:count)\n  Counter.class_eval <<-'end;', __FILE__, __LINE__+1\n    def count\n      1\n    end\n  end;\nend\n\n";
  const rb2 = "class Counter\n" + rubyMethod("first") + rubyMethod("second") + "end\n\n" + heredoc + "class After\n" + rubyMethod("earlier") + rubyMethod("later") + "end\n";
  assertCutAndRevised("cpu_counter.rb", rb2, "ruby", 80, ["Counter.first", "Counter.second", "After.earlier", "After.later"], "heredoc identifiers with signs");
  // The identifier is blanked, its quotes kept: no `end` in it closes a block.
  assert.equal(lexLines(["  x.class_eval <<-'end;'"], syntaxFor("ruby")!)[0].code, "  x.class_eval <<-'    '");
  assert.equal(chunkerRevision("ruby", "class A\n  def b(x)\n    \"#{x}\" + <<~EOS\n      text\n    EOS\n  end\nend\n")!.includes("heredoc identifiers with signs"), false);
});

test("code: a Ruby line after a backslash goes on its statement, so a modifier there opens no block", () => {
  // Faraday's error.rb: `return [nil, msg, exc] \`, then `if exc.respond_to?(:each_key)` on the next
  // line, opened a block that no `end` closed, and every method below it was a window of the first.
  const exc = "  def exc_msg_and_response(exc)\n    return [nil, \"status #{exc[:status]}\", exc] \\\n      if exc.respond_to?(:each_key)\n\n    [exc, exc.message, nil]\n  end\n\n";
  const rb = "class ClientError\n" + exc + rubyMethod("second") + rubyMethod("third") + "end\n";
  assertCutAndRevised("error.rb", rb, "ruby", 200, ["ClientError.exc_msg_and_response", "ClientError.second", "ClientError.third"], "lines after a backslash go on");
  // The line after a backslash in code goes on; after one inside a string that spans lines it does not.
  const ruby = syntaxFor("ruby")!;
  assert.deepEqual(lexLines(["  return x \\", "    if ok"], ruby).map((l) => l.continued === true), [false, true]);
  assert.deepEqual(lexLines(['  msg = "one \\', '  if two"', "  if ok"], ruby).map((l) => l.continued === true), [false, false, false]);
  assert.equal(chunkerRevision("ruby", "class A\n  def b(x)\n    if x\n      1\n    end\n  end\nend\n")!.includes("lines after a backslash go on"), false);
});

test("code: a Ruby character literal of a sign opens and closes nothing", () => {
  // mustermann's parsers: `expect(?})`, `on(?()`, `quotes: [?", ?']` and `?#  =>` read as a brace, a
  // parenthesis, quotes and a comment, and left the file two levels off.
  const parse = "  def parse_capture(type)\n    grouped_captures if expect(?})\n    on(?()  { |c| node(:group) { read unless scan(?)) } }\n  end\n\n";
  const quotes = "  def read_list(separator: ?,, escape: ?\\\\, quotes: [?\", ?'])\n    { ?#  => ?/, ?{ => ?% }\n  end\n\n";
  const rb = "class Parser\n" + parse + quotes + rubyMethod("second") + rubyMethod("third") + "end\n";
  assertCutAndRevised("parser.rb", rb, "ruby", 200, ["Parser.parse_capture", "Parser.read_list", "Parser.second", "Parser.third"], "ruby 3");
  // The sign is blanked; a method's last letter and the ternary's `?` are no literals.
  const ruby = syntaxFor("ruby")!;
  assert.equal(lexLines(["    expect(?}) or scan(?\\\\)"], ruby)[0].code, "    expect(? ) or scan(?  )");
  assert.equal(lexLines(["    empty? ? (a) : [b]"], ruby)[0].code, "    empty? ? (a) : [b]");
  assert.equal(lexLines(["    x = $? ? ok : fail"], ruby)[0].code, "    x = $? ? ok : fail");
});

test("code: a Ruby keyword opens a block where a value is to come, and not as a label or a setter's symbol", () => {
  // Rails, Sequel and Nokogiri: each of these left its file a level or two off.
  const methods = [
    // activesupport's `stop = \`, then `if ... end`: after an operator the next line starts the value.
    "  def truncate(at)\n    stop = \\\n      if at > 3\n        at - 3\n      else\n        at\n      end\n    stop\n  end\n\n",
    // A keyword as a hash key or a label, and a setter's symbol before a modifier.
    "  def merge(chain)\n    options = {\n      if: @if.dup,\n      unless: @unless.dup\n    }\n    build(chain, class: 'x')\n  end\n\n  alias_method :regular_writer, :[]= unless method_defined?(:regular_writer)\n\n",
    // After `+`, a hash rocket, a label, block parameters and `{`: a value.
    "  def search(rules)\n    rules.inject([]) do |set, rule|\n      set + if rule.xpath?\n        xpath(rule)\n      else\n        css(rule)\n      end\n    end\n  end\n\n",
    "  def schema(row)\n    { :type => if row.decimal?\n        :integer\n      else\n        :float\n      end,\n      key: if row.null? then nil else 1 end }\n  end\n\n",
    "  def each_bundle(paths)\n    paths.each do |path| begin\n      remap(path)\n    rescue => e\n      warn(e)\n    end\n    end\n    Thread.new{if conn = take; push(conn) end}\n  end\n\n",
    // `else if` opens an `if` of its own; a modifier after a method ending in `?` does not.
    "  def pick(a)\n    if a\n      1\n    else if a.nil?\n      2\n    end\n    end\n    done! if ready?\n  end\n\n",
  ].join("");
  const rb = "class Model\n" + methods + rubyMethod("after") + rubyMethod("last") + "end\n";
  assertCutAndRevised("model.rb", rb, "ruby", 200, ["Model.truncate", "Model.merge", "Model.search", "Model.schema", "Model.each_bundle", "Model.pick", "Model.after", "Model.last"], "ruby 3");
  const ruby = syntaxFor("ruby")!;
  const depth = (lines: string[]) => balanceOf(lines, ruby).end;
  assert.equal(depth(["x = if a", "  1", "end"]), 0);
  assert.equal(depth(["done! if ready?", "save if valid?"]), 0, "modifiers after names ending in ! and ?");
  assert.equal(depth(["x = y =~ /a/ if z"]), 0, "a modifier after a regex");
});

test("code: a Ruby regex may close on a later line, a command in backticks is text, and a method may be called do", () => {
  // rouge's lexers (`KEYWORD = /\b(?:` and one alternative a line), react-native's hermes-utils.rb
  // (`git ls-remote #{url} | cut -f 1` in backticks) and Sequel's `conn.do(sql)` and `def do(code)`.
  const methods = [
    "  KEYWORD = /\\b(?:\n      break | case | if\n    | for   | while\n    )\\b/x\n\n  def keywords\n    KEYWORD\n  end\n\n",
    "  def head_of(url, branch)\n    return {:commit => `git ls-remote #{url} #{branch} | cut -f 1`.strip}\n  end\n\n",
    "  def execute(sql, conn)\n    log(sql){conn.do(sql)}\n    case sql\n    when :do\n      1\n    end\n  end\n\n  def do(code, opts = {})\n    run(code)\n  end\n\n",
  ].join("");
  const rb = "class Lexer\n" + methods + rubyMethod("after") + rubyMethod("last") + "end\n";
  assertCutAndRevised("lexer.rb", rb, "ruby", 200, ["Lexer.keywords", "Lexer.head_of", "Lexer.execute", "Lexer.do", "Lexer.after", "Lexer.last"], "ruby 3");
  const ruby = syntaxFor("ruby")!;
  // The command is text: its `#{` opens an interpolation, not a comment, and its `|` is no sign.
  assert.equal(lexLines(["    x = {:c => `ls #{dir} | wc -l`.strip}"], ruby)[0].code, "    x = {:c => `" + " ".repeat(17) + "`.strip}");
  // A division at a line's end is no regex.
  assert.equal(lexLines(["    half = total /", "      2 if ok"], ruby)[1].code, "      2 if ok");
});

test("code: a Rust macro that wraps items is cut by the items it holds", () => {
  // mio's `cfg_io_source! { impl SelectorInner { fn register ... } }`: the impl's methods, and the
  // functions beside it, were windows of an unnamed block.
  const method = (name: string) => `        fn ${name}(&self, token: Token) -> io::Result<()> {\n            let state = self.state.lock().unwrap();\n            state.update(token)\n        }\n\n`;
  // The first holds an impl only: a type counts as a definition, as Ruby's class does.
  const rs = "cfg_io_source! {\n    use std::mem::size_of;\n\n    impl SelectorInner {\n" + method("register") + method("reregister") + "    }\n}\n\ncfg_net! {\n    fn get_base_socket(raw: RawSocket) -> io::Result<RawSocket> {\n        let base = raw.checked().unwrap_or(raw);\n        Ok(base)\n    }\n\n    fn get_other_socket(raw: RawSocket) -> io::Result<RawSocket> {\n        let other = raw.checked().unwrap_or(raw);\n        Ok(other)\n    }\n}\n";
  assertCutAndRevised("selector.rs", rs, "rust", 200, ["SelectorInner.register", "SelectorInner.reregister", "get_base_socket", "get_other_socket"], "conditional blocks cut by function");
  // One that fits stays packed with its neighbours, as a conditional block does.
  assert.equal(chunk("small.rs", "cfg_net! {\n    fn f() {}\n}\n", "rust", "code", { maxChars: 1000 }).length, 1);
});

test("code: Rust, Swift, Kotlin and Scala block comments nest", () => {
  const test = (name: string) => `    #[test]\n    fn ${name}() {\n        let tera = Tera::default();\n        assert!(tera.templates.is_empty());\n    }\n\n`;
  const rs = "mod tests {\n" + test("first") + "    /*#[test]\n    fn can_load_from_glob() {\n        let tera = Tera::new(\"examples/basic/templates/**/*\").unwrap();\n    }*/\n\n" + test("second") + test("third") + "}\n";
  const symbols = chunk("tera.rs", rs, "rust", "code", { maxChars: 200 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["tests.first", "tests.second", "tests.third"]);
  assert.ok(chunkerRevision("rust", rs)!.includes("nested block comments"), chunkerRevision("rust", rs));
  // C does not nest: its comment ends at the first close.
  const c = lexLines(["/* a /* b */ int x = 1;"], syntaxFor("c")!)[0].code;
  assert.match(c, /int x = 1;/);
  const kt = lexLines(["/* a /* b */ val hidden = 1 */ val x = 1"], syntaxFor("kotlin")!)[0].code;
  assert.doesNotMatch(kt, /hidden/);
  assert.match(kt, /val x = 1/);
});

test("code: a C or C++ macro called without a semicolon ends its statement, or annotates the code below it", () => {
  const body = (name: string) => `    template <class T, class A>\n    struct ${name} : std::integral_constant<bool, true>\n    {\n      typedef T type;\n      static const bool value = true;\n    };\n\n`;
  const cpp =
    "namespace traits\n{\n" +
    "    CEREAL_MAKE_HAS_MEMBER_SAVE_MINIMAL_IMPL(save_minimal, )\n    CEREAL_MAKE_HAS_MEMBER_SAVE_MINIMAL_TEST(save_minimal)\n\n" +
    "    #undef CEREAL_MAKE_HAS_MEMBER_SAVE_MINIMAL_IMPL\n\n" +
    "    namespace detail\n    {\n" + body("NoConvertBase") + body("AnyConvert") + "    }\n\n" +
    "    LLVM_YAML_DECLARE_MAPPING_TRAITS(\n        llvm::MinidumpYAML::Object)\n" + body("has_member_save") +
    "}\n";
  const symbols = chunk("traits.hpp", cpp, "cpp", "code", { maxChars: 300 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["traits.detail.NoConvertBase", "traits.detail.AnyConvert", "traits.has_member_save"]);
  assert.ok(!symbols.some((s) => /CEREAL_|LLVM_/.test(s ?? "")), JSON.stringify(symbols));
  assert.ok(chunkerRevision("cpp", cpp)!.includes("macro calls without a semicolon end"), chunkerRevision("cpp", cpp));

  // One called on the line above what it annotates leads it; one that opens a body (Allman style) is the function.
  const lines = ["ABSL_DEPRECATED(\"use Bar\")", "void Foo(int x);", "", "TEST(Parser, Empty)", "{", "  EXPECT_TRUE(parse(\"\"));", "}"];
  const statements = blockStatements(lines, lexLines(lines, syntaxFor("cpp")!), syntaxFor("cpp")!, 0, lines.length - 1, 0);
  assert.deepEqual(statements.map((s) => [s.prefixStart, s.start, s.end]), [[0, 1, 1], [3, 3, 6]]);
  // C# has no such macros: an upper-case call there goes on as before.
  const cs = ["FOO(bar)", "int x = 1;"];
  assert.equal(blockStatements(cs, lexLines(cs, syntaxFor("csharp")!), syntaxFor("csharp")!, 0, 1, 0).length, 1);
});

test("code: C and C++ macros alone on their line: an export macro leads its declaration, one over a brace opens a block; a documented prototype has a chunk and a name", () => {
  const h =
    "/** Creates a new iterator starting at 'root'.\n */\nCMARK_GFM_EXPORT\ncmark_iter *cmark_iter_new(cmark_node *root);\n\n" +
    "/** Frees the memory allocated for an iterator.\n */\nCMARK_GFM_EXPORT\nvoid cmark_iter_free(cmark_iter *iter);\n\n" +
    "CMARK_GFM_EXPORT cmark_node *cmark_node_new_with_ext(cmark_node_type type);\n\n" +
    "struct usbi_os_backend {\n\t/* Claim an interface. */\n\tint (*claim_interface)(struct libusb_device_handle *h, uint8_t iface);\n};\n\n" +
    "/* This is a generated file. */\nFT_USE_MODULE( FT_Module_Class, sfnt_module_class )\n\n" +
    "/** The library's version. */\nDEFAULT_VISIBILITY\nconst struct libusb_version * LIBUSB_CALL libusb_get_version(void)\n{\n\treturn &libusb_version_internal;\n}\n";
  for (const language of ["c", "cpp"]) {
    const chunks = chunk("cmark-gfm.h", h, language, "code", { maxChars: 1000 });
    assertNamedOnce(chunks.map((c) => c.symbol), ["cmark_iter_new", "cmark_iter_free", "libusb_get_version"]);
    // Each with its comment and its export macro.
    for (const name of ["cmark_iter_new", "cmark_iter_free", "libusb_get_version"]) assert.match(chunks.find((c) => c.symbol === name)!.text, /^\/\*\*[\s\S]*\n(?:CMARK_GFM_EXPORT|DEFAULT_VISIBILITY)\n/, name);
    // Without a comment a prototype stays packed; a pointer to a function and a macro's call are no function.
    assert.ok(!chunks.some((c) => ["cmark_node_new_with_ext", "int", "usbi_os_backend.int", "FT_USE_MODULE"].includes(c.symbol ?? "")), JSON.stringify(chunks.map((c) => c.symbol)));
    const revision = chunkerRevision(language, h)!;
    assert.ok(revision.includes("export macros lead their declaration") && revision.includes("documented prototypes named"), revision);
  }
  // Two export macros before a class's name (toml++'s), and a block a macro opens (its namespace), cut by member.
  const toml =
    "TOML_NAMESPACE_START\n{\n\tclass TOML_ABSTRACT_INTERFACE TOML_EXPORTED_CLASS node\n\t{\n" + "\t\tint kind_ = 0;\n".repeat(30) + "\t};\n\n" +
    "\tTOML_PURE_GETTER\n\tTOML_EXTERNAL_LINKAGE\n\tbool array::is_homogeneous(node_type ntype) const noexcept\n\t{\n\t\treturn ntype == node_type::none;\n\t}\n}\nTOML_NAMESPACE_END;\n";
  const tomlChunks = chunk("node.h", toml, "cpp", "code", { maxChars: 400 });
  assert.ok(tomlChunks.some((c) => c.symbol === "node") && !tomlChunks.some((c) => /TOML_/.test(c.symbol ?? "")), JSON.stringify(tomlChunks.map((c) => c.symbol)));
  assert.match(tomlChunks.find((c) => c.symbol === "array::is_homogeneous")!.text, /^\tTOML_PURE_GETTER\n\tTOML_EXTERNAL_LINKAGE\n/);
  const tomlRevision = chunkerRevision("cpp", toml)!;
  assert.ok(tomlRevision.includes("several export macros before a type's name") && tomlRevision.includes("blocks a macro opens cut by member"), tomlRevision);
  // A macro alone over a label leads nothing.
  const lines = ["class A {", "  Q_OBJECT", "public:", "  A();", "};"];
  const statements = blockStatements(lines, lexLines(lines, syntaxFor("cpp")!), syntaxFor("cpp")!, 1, 3, 1);
  assert.deepEqual(statements.map((s) => [s.prefixStart, s.start, s.end]), [[1, 1, 1], [2, 2, 2], [3, 3, 3]]);
});

test("code: a C function may be named like another language's keyword, an attribute after its return type is no name, and a table is named", () => {
  const c =
    "private unsigned char ebcdic_to_ascii[] = {\n  0,   1,   2,   3, 156,\n  9, 134, 127, 151, 141,\n};\n\n" +
    "private int\nmatch(struct magic_set *ms, struct magic *magic)\n{\n\treturn magiccheck(ms, magic);\n}\n\n" +
    "private const char * __attribute__((__format_arg__(3)))\nfile_fmtcheck(struct magic_set *ms, const char *def)\n{\n\treturn def;\n}\n\n" +
    "void lock() {\n  pthread_mutex_lock(&m);\n}\n";
  for (const language of ["c", "cpp"]) {
    const symbols = chunk("softmagic.c", c, language, "code", { maxChars: 1000 }).map((ch) => ch.symbol);
    assertNamedOnce(symbols, ["ebcdic_to_ascii", "match", "file_fmtcheck", "lock"]);
    const revision = chunkerRevision(language, c)!;
    assert.ok(revision.includes("functions named like other languages' keywords") && revision.includes("compiler attributes after the return type not names"), revision);
    assert.ok(revision.includes("tables named"), revision);
  }
  // Where they are keywords they still name nothing: Rust's `match (a, b) {` is no function.
  assert.ok(!chunk("lib.rs", "fn f() {}\n\nmatch (a, b) {\n    _ => {}\n}\n", "rust", "code", { maxChars: 20 }).some((ch) => ch.symbol === "match"));
});

test("code: a Lua table of three lines or more has a chunk and a name", () => {
  const lua =
    "local component = {}\n\n-- Keyword translation dictionary.\nlocal keyword_dictionary = {\n   _end = 'end', _do = 'do',\n   _true = 'true', _and = 'and',\n}\n\n" +
    "component.defaults = {\n   a = 1,\n   b = 2,\n}\n\nlocal short = { a = 1 }\n\nfunction component.create(name)\n   return setmetatable({ _name = name }, component)\nend\n";
  const chunks = chunk("component.lua", lua, "lua", "code", { maxChars: 200 });
  assertNamedOnce(chunks.map((c) => c.symbol), ["keyword_dictionary", "component.defaults", "component.create"]);
  assert.match(chunks.find((c) => c.symbol === "keyword_dictionary")!.text, /^-- Keyword translation dictionary\./);
  assert.ok(!chunks.some((c) => c.symbol === "short" || c.symbol === "component"), JSON.stringify(chunks.map((c) => c.symbol)));
  assert.ok(chunkerRevision("lua", lua)!.includes("tables named"), chunkerRevision("lua", lua));
});

test("code: a C# interpolated string may hold strings in its holes", () => {
  const method = (name: string, body: string) => `        public static void ${name}(string v)\n        {\n${body}            Console.WriteLine(v);\n        }\n\n`;
  const cs =
    "namespace Crowdin.Plugin\n{\n    public static class CreateFileHelper\n    {\n" +
    method("Quote", '            var translation = $"\\"{v.Replace("\\"", "\\"\\"")}\\"";\n            var braces = $"{{literal}} {v}";\n') +
    method("Verbatim", '            var path = $@"C:\\{v.Trim(\'"\')}\\x";\n') +
    method("Write", "            File.WriteAllText(v, v);\n") +
    "    }\n}\n";
  const symbols = chunk("CreateFileHelper.cs", cs, "csharp", "code", { maxChars: 300 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["Crowdin.Plugin.CreateFileHelper.Quote", "Crowdin.Plugin.CreateFileHelper.Verbatim", "Crowdin.Plugin.CreateFileHelper.Write"]);
  assert.ok(chunkerRevision("csharp", cs)!.includes("interpolated strings' holes read as code"), chunkerRevision("csharp", cs));
});

test("code: a documented Swift macro has a chunk and a name", () => {
  const swift =
    "import Foundation\n\n/// Generates an optimized synchronous function descriptor.\n@attached(peer, names: arbitrary)\n" +
    "public macro OptimizedFunction() =\n  #externalMacro(module: \"ExpoModulesMacros\", type: \"OptimizedFunctionAttachedMacro\")\n\n" +
    "public macro Undocumented() = #externalMacro(module: \"M\", type: \"U\")\n\npublic func helper() -> Int {\n  return 1\n}\n";
  const chunks = chunk("ExpoModulesMacros.swift", swift, "swift", "code", { maxChars: 250 });
  assertNamedOnce(chunks.map((c) => c.symbol), ["OptimizedFunction", "helper"]);
  assert.match(chunks.find((c) => c.symbol === "OptimizedFunction")!.text, /^\/\/\/ Generates/);
  assert.ok(!chunks.some((c) => c.symbol === "Undocumented"), "an undocumented one stays packed, as a one-expression function does");
  assert.ok(chunkerRevision("swift", swift)!.includes("macros named"), chunkerRevision("swift", swift));
});

test("code: a Ruby condition inside a module's body is cut by the classes and methods it holds", () => {
  const method = (name: string) => `      def ${name}(string)\n${"        return string if string.frozen?\n".repeat(4)}        -string\n      end\n\n`;
  const rb =
    "module TZInfo\n  class StringDeduper\n    def dedupe(string)\n      string\n    end\n  end\n\n" +
    "  if string_unary_minus_does_dedupe\n    # Deduplicates with String#-@ (Ruby 2.5 and later).\n    class UnaryMinusGlobalStringDeduper\n" + method("dedupe") + method("release") + "    end\n\n" +
    "    StringDeduper.instance_variable_set(:@global, UnaryMinusGlobalStringDeduper.new)\n  else\n    StringDeduper.instance_variable_set(:@global, ConcurrentStringDeduper.new)\n  end\nend\n";
  const symbols = chunk("string_deduper.rb", rb, "ruby", "code", { maxChars: 300 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["TZInfo.UnaryMinusGlobalStringDeduper.dedupe", "TZInfo.UnaryMinusGlobalStringDeduper.release"]);
  assert.ok(chunkerRevision("ruby", rb)!.includes("conditions in classes cut by definition"), chunkerRevision("ruby", rb));
  // The revision finds a definition in the else branch too.
  assert.ok(chunkerRevision("ruby", "if defined?(Cucumber)\n  require 'x'\nelse\n  module Disallow\n  end\nend\n")!.includes("conditions in classes cut by definition"));
});

test("code: a Doxygen page or group comment a blank line above code does not document it", () => {
  const page = "/** \\page libusb_mtasync Multi-threaded applications and asynchronous I/O\n *\n" + " * libusb is a thread-safe library, but extra considerations must be applied.\n".repeat(12) + " */\n\n";
  const fn = "int usbi_io_init(struct libusb_context *ctx)\n{\n\tint r;\n\tusbi_mutex_init(&ctx->flying_transfers_lock);\n\treturn r;\n}\n";
  for (const comment of [page, "/**\n * @defgroup libusb_hotplug Device hotplug event notification\n" + " * This page details how to use the libusb hotplug interface.\n".repeat(12) + " */\n\n"]) {
    const chunks = chunk("io.c", comment + fn, "c", "code", { maxChars: 400 });
    const named = chunks.filter((c) => c.symbol === "usbi_io_init");
    assert.equal(named.length, 1, JSON.stringify(chunks.map((c) => [c.startLine, c.symbol])));
    assert.match(named[0].text, /^int usbi_io_init/);
    assert.ok(chunkerRevision("c", comment + fn)!.includes("doxygen pages document no declaration"), chunkerRevision("c", comment + fn));
  }
  // A plain doc comment across a blank line still documents the code below it.
  const doc = "/**\n * Initialise the I/O state of a context.\n */\n\n" + fn;
  assert.match(chunk("io.c", doc, "c", "code", { maxChars: 400 }).find((c) => c.symbol === "usbi_io_init")!.text, /^\/\*\*/);
});

test("code: a C++ namespace with a macro after its name, or an inline one, is a namespace", () => {
  const cls = (name: string) => `  class ${name} : public std::runtime_error\n  {\n  public:\n    explicit ${name}(int ecode);\n    int code() const noexcept { return _M_code; }\n  private:\n    int _M_code;\n  };\n\n`;
  const cpp = "namespace std _GLIBCXX_VISIBILITY(default)\n{\n" + cls("regex_error") + cls("format_error") + "} // namespace std\n\n" +
    "namespace toml\n{\ninline namespace literals\n{\n" + cls("literal_error") + cls("parse_error") + "}\n}\n";
  const symbols = chunk("regex_error.h", cpp, "cpp", "code", { maxChars: 300 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["std.regex_error", "std.format_error", "toml.literals.literal_error", "toml.literals.parse_error"]);
  assert.ok(!symbols.some((s) => /_GLIBCXX_VISIBILITY/.test(s ?? "")), JSON.stringify(symbols));
  assert.ok(chunkerRevision("cpp", cpp)!.includes("inline namespaces and namespaces with a macro named"), chunkerRevision("cpp", cpp));
});

test("code: a Lua function stored under a table's string key is named after the table and the key", () => {
  const parse = (key: string) => `statements[${JSON.stringify(key)}] = function(state)\n   local start_range = copy_range(state)\n   skip_token(state)\n   local ast_node = parse_block(state)\n   return new_inner_node(start_range, state, "${key}", ast_node)\nend\n\n`;
  const lua = "local statements = {}\n\n" + parse("if") + parse("while") + parse("::") + "return parser\n";
  const chunks = chunk("parser.lua", lua, "lua", "code", { maxChars: 250 });
  assertNamedOnce(chunks.map((c) => c.symbol), ["statements.if", "statements.while"]);
  // A key that is no word names the function after its table.
  assert.match(chunks.find((c) => c.text.includes('statements["::"]'))!.symbol ?? "", /^statements$/);
  assert.ok(chunkerRevision("lua", lua)!.includes("functions under a table's string key named"), chunkerRevision("lua", lua));
});

test("code: a Kotlin extension function is named after its receiver's type and itself, a generic or nullable receiver too", () => {
  const body = "{\n  if (this == null) return null\n  val value = compute(this)\n  log(\"value: $value\")\n  return value\n}\n\n";
  const kt = "suspend fun <V> ListenableFuture<V>.await(executor: Executor? = null): V " + body + "fun Context?.findActivity(): Activity? " + body +
    "fun <T> Map<String, List<T>>.flatValues(): List<T> " + body + "fun android.view.MotionEvent.isHoverAction(): Boolean " + body + "fun plain(x: Int): Int " + body;
  const symbols = chunk("Extensions.kt", kt, "kotlin", "code", { maxChars: 200 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["ListenableFuture.await", "Context.findActivity", "Map.flatValues", "MotionEvent.isHoverAction", "plain"]);
  assert.ok(chunkerRevision("kotlin", kt)!.includes("extension functions named after their receiver"), chunkerRevision("kotlin", kt));
});

test("code: a brace inside a shell parameter expansion does not nest", () => {
  const fn = (name: string) => `${name}() {\n    echo "$HOSTNAME" >/etc/hostname\n    re hostname "$HOSTNAME"\n    rw echo_values "HOSTS_[[:alnum:]_]*"\n}\n\n`;
  const sh = "config_hostname() {\n    HOSTNAME=${HOSTNAME%% *}\n    HOSTNAME=${HOSTNAME:-ltsp%{IP\\}}\n    IP=${1:-${DEFAULT_IP}}\n    re hostname \"$HOSTNAME\"\n}\n\n" + fn("config_hosts") + fn("config_ifupdown");
  const symbols = chunk("45-networking.sh", sh, "shellscript", "code", { maxChars: 150 }).map((c) => c.symbol);
  assertNamedOnce(symbols, ["config_hostname", "config_hosts", "config_ifupdown"]);
  assert.ok(chunkerRevision("shellscript", sh)!.includes("parameter expansions blanked"), chunkerRevision("shellscript", sh));
  // The expansion's own braces stay: an assignment of one ends its statement.
  const lines = lexLines(["BASE_DIR=${BASE_DIR:-/srv/{ltsp}", "x=${a:-${b}}"], syntaxFor("shellscript")!);
  assert.deepEqual(lines.map((l) => l.code.trimEnd().slice(-1)), ["}", "}"]);
  assert.doesNotMatch(lines[0].code, /\{ltsp/);
});

test("code: a long TypeScript or Python function is cut by the functions it defines, named under it", () => {
  const tsInner = (name: string) => `  function ${name}(state: State) {\n${"    state = reduce(state, action)\n".repeat(6)}    return state\n  }\n\n`;
  const ts =
    "export function buildHooks(api: Api) {\n  const defs = api.endpointDefinitions\n  useEffect(() => {\n    subscribe(defs)\n  }, [defs])\n\n" +
    tsInner("queryStatePreSelector") + "  const usePrefetch = (name: string) => {\n" + "    dispatch(prefetch(name))\n".repeat(6) + "  }\n\n" + tsInner("buildUseQueryState") +
    "  return { usePrefetch, queryStatePreSelector }\n}\n";
  const tsChunks = chunk("buildHooks.ts", ts, "typescript", "code", { maxChars: 400 });
  assertNamedOnce(tsChunks.map((c) => c.symbol), ["buildHooks.queryStatePreSelector", "buildHooks.usePrefetch", "buildHooks.buildUseQueryState"]);
  // Each inner function's chunk starts on its own first line, not in a window of the outer function.
  assert.match(tsChunks.find((c) => c.symbol === "buildHooks.queryStatePreSelector")!.text, /^ {2}function queryStatePreSelector\(/);
  // The outer function's own code stays under its name.
  assert.ok(tsChunks.some((c) => c.symbol === "buildHooks" && c.text.includes("useEffect(")));
  assert.ok(chunkerRevision("typescript", ts)!.includes("long functions cut by the functions they define"), chunkerRevision("typescript", ts));
  assert.ok(!(chunkerRevision("typescript", "export function a() {\n  return 1\n}\n") ?? "").includes("inner functions"));

  const pyInner = (name: string) => `    def ${name}(node):\n${"        node = visit(node)\n".repeat(6)}        return node\n\n`;
  const py = "def compile_grammar(rules):\n    seen = set()\n\n" + pyInner("expand") + pyInner("mangle") + "    return [expand(r) for r in rules]\n";
  const pyChunks = chunk("load_grammar.py", py, "python", "code", { maxChars: 300 });
  assertNamedOnce(pyChunks.map((c) => c.symbol), ["compile_grammar.expand", "compile_grammar.mangle"]);
  assert.ok(chunkerRevision("python", py)!.includes("long functions cut by the functions they define"), chunkerRevision("python", py));
  // Methods side by side in a class are not one def inside another.
  assert.ok(!(chunkerRevision("python", "class A:\n    def b(self):\n        return 1\n\n    def c(self):\n        return 2\n") ?? "").includes("inner functions"));
});

test("code: in a shell script, the one-line statements right above a long block lead its first window", () => {
  const body = (n: number) => `    if [ \${SKIPTEST} -eq 0 ]; then\n${"        FIND=$(${GREPBINARY} \"^PermitRootLogin\" ${SSH_DAEMON_CONFIG})\n".repeat(n)}    fi\n`;
  const test = (id: string, what: string) =>
    `#\n${"#".repeat(40)}\n#\n    # Test        : ${id}\n    # Description : ${what}\n` +
    `    if [ \${OPENSSHD_RUNNING} -eq 1 ]; then PREQS_MET="YES"; else PREQS_MET="NO"; fi\n` +
    `    Register --test-no ${id} --preqs-met \${PREQS_MET} --weight L --description "${what}"\n` + body(12);
  const sh = "#!/bin/sh\n\n    InsertSection \"${SECTION_SSH}\"\n" + test("SSH-7408", "Check SSH specific defined options") + test("SSH-7440", "Check AllowUsers and AllowGroups");
  const chunks = chunk("tests_ssh", sh, "shellscript", "code", { maxChars: 700 });
  for (const id of ["SSH-7408", "SSH-7440"]) {
    // The test's comment and its Register line are in the window where its block starts, not a chunk of their own.
    const register = chunks.find((c) => c.text.includes(`Register --test-no ${id}`))!;
    assert.ok(register.text.includes("if [ ${SKIPTEST} -eq 0 ]; then"), register.text);
    assert.ok(register.text.includes(`# Test        : ${id}`), register.text);
  }
  // A heading parted from the lines below it by a blank line keeps them: they do not leave it for the block.
  const report = "    # Hardening Index\n    #\n    # Provide a visual way to show how much the system is hardened\n\n" +
    "    HPINDEX=$((HPPOINTS * 100 / HPTOTAL))\n" + body(14);
  const heading = chunk("report", "Report \"os=${OS}\"\n" + report, "shellscript", "code", { maxChars: 700 }).find((c) => c.text.includes("# Hardening Index"))!;
  assert.ok(heading.text.includes("HPINDEX="), heading.text);
  assert.equal(chunkerRevision("shellscript", sh), "shellscript 4");
});

test("code: a TypeScript function whose return type holds an object type over lines is cut by the functions it defines", () => {
  const inner = (head: string) => `${head}\n${"    changes.push({ type: `delete`, key })\n".repeat(6)}    return changes\n  }\n\n`;
  const ts =
    "function createLocalStorageSync<T>(\n  storageKey: string,\n): SyncConfig<T> & {\n  manualTrigger?: () => void\n  collection: any\n} {\n  let syncParams = null\n\n" +
    inner("  const findChanges = (\n    oldData: Map<string, T>,\n  ): Array<{\n    type: string\n    key: string\n  }> => {") +
    inner("  const processStorageChanges = (known?: Map<string, T>) => {") +
    "  return { syncParams }\n}\n";
  const chunks = chunk("local-storage.ts", ts, "typescript", "code", { maxChars: 400 });
  assertNamedOnce(chunks.map((c) => c.symbol), ["createLocalStorageSync.findChanges", "createLocalStorageSync.processStorageChanges"]);
  assert.match(chunks.find((c) => c.symbol === "createLocalStorageSync.findChanges")!.text, /^ {2}const findChanges = \(/);
  // The return type's members are the signature's, not code of the body.
  const head = chunks.find((c) => c.text.startsWith("function createLocalStorageSync"))!;
  assert.equal(head.symbol, "createLocalStorageSync");
  assert.ok(head.text.includes("manualTrigger?: () => void") && head.text.includes("let syncParams"), head.text);
  assert.ok(chunkerRevision("typescript", ts)!.includes("object types in return types"), chunkerRevision("typescript", ts));
  assert.ok(!(chunkerRevision("typescript", "export function a(): number {\n  return 1\n}\n") ?? "").includes("object types in return types"));

  // An object type closed on its line is read as before: an interface's method returning `{}` keeps its name.
  const builder = "export interface Builder<S> {\n" + "  /** Adds a case. */\n  addCase(type: string, reducer: Reducer<S>): Builder<S>\n".repeat(4) + "  /** The fallback reducer. */\n  addDefaultCase(reducer: Reducer<S>): {}\n}\n";
  assert.ok(chunk("mapBuilders.ts", builder, "typescript", "code", { maxChars: 120 }).some((c) => c.symbol === "Builder.addDefaultCase"));
});

test("code: a long Lua function is cut by its local functions; one that opens the body stays with the signature", () => {
  const inner = (name: string) => `  local function ${name}(s)\n${"    s = s:gsub('%s+', ' ')\n".repeat(6)}    return s\n  end\n\n`;
  const lua = "-- Writes a table as Lua source.\nfunction pretty.write(t, space)\n" + inner("put") + inner("eat_last_comma") + "  put(t)\n  return table.concat(lines)\nend\n";
  const chunks = chunk("pretty.lua", lua, "lua", "code", { maxChars: 300 });
  assertNamedOnce(chunks.map((c) => c.symbol), ["pretty.write.eat_last_comma"]);
  // The signature and its comment never stand alone: the body's first function stays with them, under pretty.write.
  const head = chunks.find((c) => c.text.includes("function pretty.write("))!;
  assert.equal(head.symbol, "pretty.write");
  assert.ok(head.text.includes("local function put("));
  assert.ok(!chunks.some((c) => c.symbol === "pretty.write.put"));
  assert.ok(chunkerRevision("lua", lua)!.includes("long functions cut by the functions they define"), chunkerRevision("lua", lua));
});

test("code: a long method with calls but no inner function is cut into windows as before, and a signature never stands alone", () => {
  // `debug("range", range)` reads as a method when a class's body is read: in a method's body it is a call.
  const ts = "export class Range {\n  parseRange(range: string) {\n    debug(\"range\", range)\n" + "    range = range.trim().replace(HYPHEN_RANGE, hyphenReplace)\n".repeat(10) + "    return range\n  }\n}\n";
  const pieces = chunk("range.ts", ts, "typescript", "code", { maxChars: 300 }).filter((c) => c.symbol === "Range.parseRange");
  assert.ok(pieces.length >= 2);
  // Windows of one function each repeat the last lines of the one above; pieces cut by statement would not.
  for (let i = 1; i < pieces.length; i++) assert.ok(pieces[i].startLine <= pieces[i - 1].endLine, JSON.stringify(pieces.map((c) => [c.startLine, c.endLine])));

  // Cut by its inner function, a Python function's signature leads its docstring, however long.
  const doc = "    Build the __hash__ method from the fields, in order, caching it when asked to.\n".repeat(4);
  const py = 'def make_hash(cls, attrs):\n    """\n' + doc + '    """\n    lines = []\n\n    def append_lines(prefix):\n' + "        lines.append(prefix + 'hash((')\n".repeat(8) + "\n    return lines\n";
  const pyChunks = chunk("make.py", py, "python", "code", { maxChars: 250 });
  const head = pyChunks.find((c) => c.text.startsWith("def make_hash("))!;
  assert.equal(head.symbol, "make_hash");
  assert.ok(head.text.includes("Build the __hash__ method"), head.text);
  assert.match(pyChunks.find((c) => c.symbol === "make_hash.append_lines")!.text, /^ {4}def append_lines\(prefix\):/);
});
