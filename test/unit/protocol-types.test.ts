// Every custom request and notification in shared/src/protocol.ts comes with its type object: client
// and server register and send through `X.type`, so the params and results are checked at compile time.
// A namespace with a `method` but no `type` (or a `type` for another method) would let one side drift.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { NotificationType, NotificationType0, RequestType, RequestType0 } from "vscode-languageserver-protocol";
import * as protocol from "../../shared/src/protocol";

// The same rule for the type checker (npm run typecheck): an export with a `method` and no `type`
// object makes `Missing` non-empty, and the assignment below stops compiling.
type Exports = typeof protocol;
type Missing = { [K in keyof Exports]: Exports[K] extends { method: string } ? (Exports[K] extends { type: { method: string } } ? never : K) : never }[keyof Exports];
const noneMissing: [Missing] extends [never] ? true : Missing = true;

const namespaces = Object.entries(protocol as Record<string, unknown>).flatMap(([name, value]) =>
  typeof value === "object" && value !== null && "method" in value ? [[name, value as { method: unknown; type?: unknown }] as const] : [],
);

test("the protocol's namespaces are found (the checks below are not vacuous)", () => {
  assert.equal(noneMissing, true);
  const names = namespaces.map(([name]) => name);
  for (const known of ["SearchRequest", "StatusRequest", "StatusNotification", "InspectWeightsRequest", "CompareRequest", "DownloadModelRequest"]) {
    assert.ok(names.includes(known), `${known} among ${names.join(", ")}`);
  }
});

test("every namespace with a method has a type object for that same method", () => {
  const problems: string[] = [];
  for (const [name, ns] of namespaces) {
    if (typeof ns.method !== "string" || !ns.method) problems.push(`${name}.method is not a non-empty string`);
    const type = ns.type;
    const isType = type instanceof RequestType || type instanceof RequestType0 || type instanceof NotificationType || type instanceof NotificationType0;
    if (!isType) problems.push(`${name} has no type (a RequestType, RequestType0, NotificationType or NotificationType0)`);
    else if (type.method !== ns.method) problems.push(`${name}.type.method is ${type.method}, not ${String(ns.method)}`);
    if (name.endsWith("Request") && !(type instanceof RequestType || type instanceof RequestType0)) problems.push(`${name}.type is not a request type`);
    if (name.endsWith("Notification") && !(type instanceof NotificationType || type instanceof NotificationType0)) problems.push(`${name}.type is not a notification type`);
  }
  assert.deepEqual(problems, []);
});

test("every method is the server's own and no two namespaces share one", () => {
  const methods = namespaces.map(([, ns]) => ns.method as string);
  for (const m of methods) assert.match(m, /^semanticSearch\//);
  assert.equal(new Set(methods).size, methods.length, `duplicates in ${methods.join(", ")}`);
});

test("the client and the LSP server send and register the custom requests by type, never by method name", () => {
  const root = join(__dirname, "..", "..");
  const files = [
    ...readdirSync(join(root, "client", "src")).map((f) => join(root, "client", "src", f)),
    ...readdirSync(join(root, "server", "src", "lsp")).map((f) => join(root, "server", "src", "lsp", f)),
  ].filter((f) => f.endsWith(".ts"));
  assert.ok(files.length > 10, `found ${files.length} files`);
  const byName = /\b(?:request|sendRequest|onRequest|sendNotification|onNotification)\s*(?:<[^>(]*>)?\s*\(\s*(?:["'`]|[A-Za-z]+(?:Request|Notification)\.method\b|method\b)/;
  const offenders = files.flatMap((f) =>
    readFileSync(f, "utf8")
      .split("\n")
      .map((line, i) => ({ line, at: `${f.slice(root.length + 1)}:${i + 1}` }))
      .filter(({ line }) => byName.test(line))
      .map(({ line, at }) => `${at}: ${line.trim()}`),
  );
  assert.deepEqual(offenders, []);
});
