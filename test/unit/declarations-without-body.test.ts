// declaresWithoutBody: TypeScript overload signatures, Lua forward declarations and the closing line
// of a C typedef cut from its struct declare a name but are not where it is defined; the scanner tells a signature's semicolon from a body's brace.
import { test } from "node:test";
import assert from "node:assert/strict";
import { declaresWithoutBody } from "../../server/src/search/declarations-without-body";

const TS = "typescript";

test("a chunk of overload signatures holds only signatures", () => {
  const text = [
    "/* tslint:disable:max-line-length */",
    "export function exhaustMap<T, O extends ObservableInput<any>>(",
    "  project: (value: T, index: number) => O",
    "): OperatorFunction<T, ObservedValueOf<O>>;",
    "/** @deprecated */",
    "export function exhaustMap<T, O extends ObservableInput<any>>(project: (value: T, index: number) => O, resultSelector: undefined): OperatorFunction<T, ObservedValueOf<O>>;",
  ].join("\n");
  assert.equal(declaresWithoutBody("exhaustMap", text, TS), true);
  assert.equal(declaresWithoutBody("exhaustMap", `export declare function exhaustMap<T>(project: (value: T) => T): Op<T>;`, TS), true);
  // An object type after the colon is the return type, not a body.
  assert.equal(declaresWithoutBody("pairs", "export function pairs<T>(obj: { [key: string]: T }): { key: string; value: T };", TS), true);
});

test("an implementation is not only a signature, alone or after its overloads", () => {
  const impl = "export function exhaustMap<T, R, O extends ObservableInput<any>>(\n  project: (value: T, index: number) => O,\n  resultSelector?: (a: T) => R\n): OperatorFunction<T, ObservedValueOf<O> | R> {\n  return operate((source, subscriber) => {";
  assert.equal(declaresWithoutBody("exhaustMap", impl, TS), false);
  assert.equal(declaresWithoutBody("exhaustMap", `export function exhaustMap<T>(p: P<T>): Op<T>;\n${impl}`, TS), false);
  // Braces in parameters, in a type argument, after an arrow and in a string do not end it.
  assert.equal(declaresWithoutBody("parse", "function parse({ a, b }: { a: string; b: number }, fallback = '{', f: () => { x: 1 }): Map<string, { v: 1 }> {\n  return m;", TS), false);
  assert.equal(declaresWithoutBody("parse", "function parse({ a, b }: { a: string; b: number }, fallback = '{', f: () => { x: 1 }): Map<string, { v: 1 }>;", TS), true);
  // No return type: the body's brace follows the parameters.
  assert.equal(declaresWithoutBody("noop", "function noop() {}", TS), false);
});

test("a declaration that runs past the chunk, another name, or another language is not only signatures", () => {
  assert.equal(declaresWithoutBody("exhaustMap", " * ```\n */\nexport function exhaustMap<T, R, O extends ObservableInput<any>>(", TS), false);
  assert.equal(declaresWithoutBody("exhaustMap", "export function exhaustMapTo<T>(o: O): Op<T>;", TS), false);
  assert.equal(declaresWithoutBody("exhaustMap", "import { exhaustMap } from './exhaustMap';", TS), false);
  // JavaScript has no overloads; PHP's interface methods are not TypeScript's.
  assert.equal(declaresWithoutBody("handle", "function handle(a);", "javascript"), false);
  assert.equal(declaresWithoutBody("handle", "public function handle(array $record): bool;", "php"), false);
  // A name typed in lower case matches in any case, as the declaration test does.
  assert.equal(declaresWithoutBody("exhaustmap", "export function exhaustMap<T>(p: P<T>): Op<T>;", TS), true);
});

test("a Lua forward declaration names a local without defining it", () => {
  const forward = "local build_arg_list, split_iden  -- forward declaration\n\nfunction Item:split_param (line)\n   return line\nend";
  assert.equal(declaresWithoutBody("build_arg_list", forward, "lua"), true);
  assert.equal(declaresWithoutBody("build_arg_list", "local build_arg_list", "lua"), true);
  // The definition, a local with a value, and a forward declaration with its definition in one text.
  assert.equal(declaresWithoutBody("build_arg_list", "function build_arg_list (names,pmods)\n   return names", "lua"), false);
  assert.equal(declaresWithoutBody("split_iden", "local split_iden = function (s) return s end", "lua"), false);
  assert.equal(declaresWithoutBody("x", "local a, x = 1, 2", "lua"), false);
  assert.equal(declaresWithoutBody("build_arg_list", "local build_arg_list\nfunction build_arg_list (names)\nend", "lua"), false);
  // A text that does not declare the name at all, and the same line in another language.
  assert.equal(declaresWithoutBody("build_arg_list", "self.args = build_arg_list (names,pmods)", "lua"), false);
  assert.equal(declaresWithoutBody("build_arg_list", "local build_arg_list", "typescript"), false);
});

test("a Lua alias binds a local to another module's field of the same name without defining it", () => {
  const aliases = 'local base = require "resty.core.base"\nlocal FFI_BAD_CONTEXT = base.FFI_BAD_CONTEXT  -- from base\nlocal C = ffi.C';
  assert.equal(declaresWithoutBody("FFI_BAD_CONTEXT", aliases, "lua"), true);
  assert.equal(declaresWithoutBody("List", "local List = utils.stdmt.List", "lua"), true);
  // A local given another field's value, or a value computed from the field, is defined here.
  assert.equal(declaresWithoutBody("get_phase", "local get_phase = ngx.get_phase_name", "lua"), false);
  assert.equal(declaresWithoutBody("List", "local List = utils.stdmt.List or {}", "lua"), false);
  // With the module's own field in the same text, the text defines it.
  assert.equal(declaresWithoutBody("FFI_OK", "local FFI_OK = base.FFI_OK\n_M.FFI_OK = 0", "lua"), false);
});

test("a C typedef's closing line, cut from its struct, names the type without defining it", () => {
  const struct = "/* Context for an async connection to Redis */\ntypedef struct redisAsyncContext {\n    redisContext c;\n    int err;";
  for (const language of ["c", "cpp"]) {
    assert.equal(declaresWithoutBody("redisAsyncContext", "} redisAsyncContext;", language), true, language);
    assert.equal(declaresWithoutBody("redisAsyncContext", "        struct dict *patterns;\n    } sub;\n} redisAsyncContext;\n", language), true, language);
    // The opening line, and a whole typedef in one text, are the definition.
    assert.equal(declaresWithoutBody("redisAsyncContext", struct, language), false, language);
    assert.equal(declaresWithoutBody("redisAsyncContext", struct + "\n} redisAsyncContext;", language), false, language);
  }
  // A text that only uses the name, and the same line in a language without the rule.
  assert.equal(declaresWithoutBody("redisAsyncContext", "redisAsyncContext *redisAsyncConnect(const char *ip, int port);", "c"), false);
  assert.equal(declaresWithoutBody("redisAsyncContext", "} redisAsyncContext;", "rust"), false);
});

test("a C forward typedef names a struct a line before the struct gives it fields", () => {
  const forward = "typedef struct LZ4_stream_t_internal LZ4_stream_t_internal;";
  const struct = "struct LZ4_stream_t_internal {\n    uint32_t hashTable[LZ4_HASH_SIZE_U32];\n    uint32_t currentOffset;\n};";
  for (const language of ["c", "cpp"]) {
    assert.equal(declaresWithoutBody("LZ4_stream_t_internal", forward, language), true, language);
    assert.equal(declaresWithoutBody("LZ4_stream_t_internal", `${forward}  /* opaque */`, language), true, language);
    assert.equal(declaresWithoutBody("XXH32_state_t", "typedef struct XXH32_state_s XXH32_state_t;", language), true, language);
    assert.equal(declaresWithoutBody("ReplyPtr", "typedef struct Reply *ReplyPtr;", language), true, language);
    // With the struct in the same text, the text defines it.
    assert.equal(declaresWithoutBody("LZ4_stream_t_internal", `${forward}\n${struct}`, language), false, language);
    assert.equal(declaresWithoutBody("LZ4_stream_t_internal", struct, language), false, language);
  }
  assert.equal(declaresWithoutBody("LZ4_stream_t_internal", forward, "rust"), false);
});
