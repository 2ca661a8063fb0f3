// textHasOnlySignatures: TypeScript overload signatures declare a function's name but are not where
// it is implemented; the scanner tells a signature's semicolon from a body's brace.
import { test } from "node:test";
import assert from "node:assert/strict";
import { textHasOnlySignatures } from "../../server/src/search/overloads";

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
  assert.equal(textHasOnlySignatures("exhaustMap", text, TS), true);
  assert.equal(textHasOnlySignatures("exhaustMap", `export declare function exhaustMap<T>(project: (value: T) => T): Op<T>;`, TS), true);
  // An object type after the colon is the return type, not a body.
  assert.equal(textHasOnlySignatures("pairs", "export function pairs<T>(obj: { [key: string]: T }): { key: string; value: T };", TS), true);
});

test("an implementation is not only a signature, alone or after its overloads", () => {
  const impl = "export function exhaustMap<T, R, O extends ObservableInput<any>>(\n  project: (value: T, index: number) => O,\n  resultSelector?: (a: T) => R\n): OperatorFunction<T, ObservedValueOf<O> | R> {\n  return operate((source, subscriber) => {";
  assert.equal(textHasOnlySignatures("exhaustMap", impl, TS), false);
  assert.equal(textHasOnlySignatures("exhaustMap", `export function exhaustMap<T>(p: P<T>): Op<T>;\n${impl}`, TS), false);
  // Braces in parameters, in a type argument, after an arrow and in a string do not end it.
  assert.equal(textHasOnlySignatures("parse", "function parse({ a, b }: { a: string; b: number }, fallback = '{', f: () => { x: 1 }): Map<string, { v: 1 }> {\n  return m;", TS), false);
  assert.equal(textHasOnlySignatures("parse", "function parse({ a, b }: { a: string; b: number }, fallback = '{', f: () => { x: 1 }): Map<string, { v: 1 }>;", TS), true);
  // No return type: the body's brace follows the parameters.
  assert.equal(textHasOnlySignatures("noop", "function noop() {}", TS), false);
});

test("a declaration that runs past the chunk, another name, or another language is not only signatures", () => {
  assert.equal(textHasOnlySignatures("exhaustMap", " * ```\n */\nexport function exhaustMap<T, R, O extends ObservableInput<any>>(", TS), false);
  assert.equal(textHasOnlySignatures("exhaustMap", "export function exhaustMapTo<T>(o: O): Op<T>;", TS), false);
  assert.equal(textHasOnlySignatures("exhaustMap", "import { exhaustMap } from './exhaustMap';", TS), false);
  // JavaScript has no overloads; PHP's interface methods are not TypeScript's.
  assert.equal(textHasOnlySignatures("handle", "function handle(a);", "javascript"), false);
  assert.equal(textHasOnlySignatures("handle", "public function handle(array $record): bool;", "php"), false);
  // A name typed in lower case matches in any case, as the declaration test does.
  assert.equal(textHasOnlySignatures("exhaustmap", "export function exhaustMap<T>(p: P<T>): Op<T>;", TS), true);
});
