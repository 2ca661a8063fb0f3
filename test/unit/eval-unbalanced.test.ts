// eval/unbalanced.ts: the lexer's bracket and keyword depth over a whole file, which finds files the
// chunker cuts wrongly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { syntaxFor } from "../../server/src/chunking/code/syntax";
import { balanceOf } from "../../eval/unbalanced";

test("a balanced file ends at depth 0; an opened block that never closes, or a stray closer, does not", () => {
  const shell = syntaxFor("shellscript")!;
  assert.deepEqual(balanceOf(["f() {", '  if [ -n "$1" ]; then', "    dd if=in of=out", "  fi", "}"], shell), { end: 0 });
  assert.deepEqual(balanceOf(["f() {", "  if true; then", "}"], shell), { end: 1 });
  const ruby = syntaxFor("ruby")!;
  assert.deepEqual(balanceOf(["def a", '  system %(diff "#{x}")', "end"], ruby), { end: 0 });
  assert.deepEqual(balanceOf(["def a", "end", "end", "def b", "end"], ruby), { end: -1, belowZeroAt: 3 });
});
