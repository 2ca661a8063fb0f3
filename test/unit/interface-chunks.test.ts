// isInterfaceChunk: which code chunks declare an interface, a trait or a protocol with no body, told by
// the first line of code (read with the chunker's lexer) and by no line opening a body.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isInterfaceChunk } from "../../server/src/search/interface-chunks";

const chunk = (language: string, text: string, metadata: Record<string, unknown> = {}) => isInterfaceChunk({ text, metadata: { kind: "code", language, ...metadata } });

test("interfaces, traits, protocols and type aliases with no bodies, under their doc comments", () => {
  assert.equal(chunk("typescript", "/** What a header can do. */\nexport interface ColumnSizingHeader {\n  /** Returns an event handler. */\n  getResizeHandler: (context?: Document) => (event: unknown) => void\n}"), true, "TypeScript interface");
  assert.equal(chunk("typescript", "export type Updater<T> = T | ((old: T) => T)"), true, "TypeScript type alias");
  assert.equal(chunk("go", "// Mapper maps a value.\ntype Mapper interface {\n\tDecode(ctx *DecodeContext, target reflect.Value) error\n}"), true, "Go interface");
  assert.equal(chunk("java", "@FunctionalInterface\npublic interface Callback {\n    void invoke(Object... args);\n}"), true, "Java interface under an annotation");
  assert.equal(chunk("rust", "/// A terminal.\npub trait TermLike: Debug + Send + Sync {\n    fn width(&self) -> u16;\n    fn move_cursor_up(&self, n: usize) -> io::Result<()>;\n}"), true, "Rust trait");
  assert.equal(chunk("swift", "public protocol Cancellable {\n  func cancel()\n}"), true, "Swift protocol");
  assert.equal(chunk("kotlin", "fun interface Listener {\n  fun onEvent(e: Event)\n}"), true, "Kotlin fun interface");
});

test("bodies, classes, comments and other languages are not", () => {
  assert.equal(chunk("java", "public interface Sorter {\n    default int compare(int a, int b) {\n        return a - b;\n    }\n}"), false, "a default method's body");
  assert.equal(chunk("rust", "pub trait Iter {\n    fn next(&mut self) -> Option<u8>;\n    fn count(self) -> usize {\n        0\n    }\n}"), false, "a provided method");
  assert.equal(chunk("go", "type Hook interface {\n\tBeforeApply() error\n}\n\nfunc callHook(h Hook) error {\n\treturn h.BeforeApply()\n}"), false, "a function after the interface");
  assert.equal(chunk("typescript", "export type Options = { a: number }\nexport function create(options: Options) {\n  return options\n}"), false, "a function after the alias");
  assert.equal(chunk("typescript", "export const create = () => {\n  return {}\n}"), false, "code first");
  assert.equal(chunk("typescript", "// interface Foo {\nconst x = 1"), false, "the keyword in a comment");
  assert.equal(chunk("typescript", "class Table implements Grid {\n  rows = []\n}"), false, "a class");
  assert.equal(chunk("python", "class Mapper(Protocol):\n    def decode(self) -> None: ..."), false, "a language without such a keyword here");
  assert.equal(isInterfaceChunk({ text: "interface A {}", metadata: { kind: "markdown", language: "typescript" } }), false, "not code");
});
