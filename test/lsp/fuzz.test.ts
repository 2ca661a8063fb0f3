// 500 hostile messages to a real server, from a seeded generator so that a failure reproduces
// (FUZZ_SEED=<n> to replay one; the seed is in every failure message): malformed JSON-RPC, wrong
// parameter types, unknown methods, huge strings, bad URIs (outside the folder, other schemes,
// unparseable), negative and huge positions, garbage notifications, our custom methods with wrong
// shapes, and documents opened, changed and closed out of order. Afterwards the server must be
// running, must have answered every request it was sent, and must still find the Eiffel Tower.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startRaw, type RawServer } from "./raw-rpc";
import { waitFor } from "./lsp-client";
import { rngFrom } from "../crash/prng";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const MESSAGES = 500;

let work: string;
let ws: string;
let server: RawServer;


const rnd = rngFrom(SEED);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const chance = (p: number) => rnd() < p;

const ODD_STRINGS = ["", " ", "\u0000", "__proto__", "constructor", "toString", "💥".repeat(3), "\ud800", "a\u202eb", "../../etc/passwd", "%s%n%x", "${process.exit()}", "null", "-1", "1e309"];
const ODD_NUMBERS = [0, -1, -0, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, Number.MAX_SAFE_INTEGER];

function randomString(max = 40): string {
  if (chance(0.3)) return pick(ODD_STRINGS);
  const n = int(max);
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(chance(0.9) ? 32 + int(95) : int(0xffff));
  return s;
}

function hugeString(): string {
  const n = 100_000 + int(1_400_000);
  return chance(0.5) ? "x".repeat(n) : "The Eiffel Tower stands in Paris. ".repeat(Math.ceil(n / 34)).slice(0, n);
}

/** Any JSON value, nested a little. */
function garbage(depth = 0): unknown {
  switch (int(depth > 2 ? 4 : 7)) {
    case 0:
      return null;
    case 1:
      return chance(0.5);
    case 2:
      return pick(ODD_NUMBERS);
    case 3:
      return randomString();
    case 4:
      return Array.from({ length: int(4) }, () => garbage(depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = int(4); i > 0; i--) o[chance(0.2) ? pick(["__proto__", "constructor", "uri", "text", "range", "query"]) : randomString(8)] = garbage(depth + 1);
      return o;
    }
  }
}

function badUri(): string {
  return pick([
    "file:///etc/passwd",
    "file://evil.example.com/share/x.md",
    "http://example.com/a.md",
    "untitled:Untitled-1",
    "file:///%E0%A4%A",
    "file:",
    "",
    "not a uri",
    `file:///${"a/".repeat(3000)}x.md`,
    pathToFileURL(join(work, "outside.md")).href,
    pathToFileURL(`${ws}-evil/x.md`).href,
    `${pathToFileURL(ws).href}/../escape.md`,
    `${pathToFileURL(ws).href}/%2e%2e/escape.md`,
    "file:///dev/zero",
    "file:///proc/self/mem",
    "file:",
    "file:relative/x.md",
    randomString(),
  ]);
}

/** Documents the fuzz opens, inside the folder but not on disk (the knowledge base's own files are left alone). */
function fuzzDocUri(): string {
  return pathToFileURL(join(ws, `fuzz-${int(6)}.md`)).href;
}

const anyUri = () => (chance(0.5) ? fuzzDocUri() : chance(0.1) ? 5 : badUri());

function position(): unknown {
  if (chance(0.1)) return garbage();
  const n = () => (chance(0.5) ? int(50) : pick([-1, -(2 ** 31), 2 ** 31, 2 ** 53, 1e308, 1.5]));
  return { line: n(), character: n() };
}

const range = () => (chance(0.1) ? garbage() : { start: position(), end: position() });

/** A params object of roughly the right shape for a method, with wrong types mixed in. */
function paramsFor(method: string): unknown {
  if (chance(0.2)) return garbage();
  switch (method) {
    case "semanticSearch/search":
      return {
        query: pick<unknown>([randomString(), hugeString(), 5, null, ["a"], "Eiffel"]),
        ...(chance(0.5) ? { topK: pick<unknown>([-1, 0, 1e9, 1.5, "3", null, 3]) } : {}),
        ...(chance(0.3) ? { filter: pick<unknown>([[], "x", { path: 5 }, { a: { b: 1 } }, { __proto__: "x" }, { path: "**/*" }]) } : {}),
        ...(chance(0.3) ? { minScore: pick<unknown>(["a", -5, 5, NaN, null]) } : {}),
        ...(chance(0.3) ? { mode: pick<unknown>(["evil", 1, null, "lexical", "semantic"]) } : {}),
      };
    case "semanticSearch/similar":
      return { uri: anyUri(), range: range(), ...(chance(0.3) ? { topK: pick<unknown>([0, -2, "x", 1e9]) } : {}) };
    case "semanticSearch/embed":
      return { text: pick<unknown>([randomString(), hugeString(), 5, {}, null, ""]) };
    case "semanticSearch/downloadModel":
      // Never a real hub id: nothing may be fetched.
      return { model: pick<unknown>([5, "", "../../etc", "/abs/path", "no-slash", null, hugeString()]), workDoneToken: garbage() };
    case "semanticSearch/inspect/tensor":
    case "semanticSearch/inspect/exportTensorCsv":
      return { name: garbage(), path: pick<unknown>([5, null, "relative.csv", {}]), offset: pick(ODD_NUMBERS), limit: pick(ODD_NUMBERS) };
    case "semanticSearch/inspect/journey":
    case "semanticSearch/inspect/attention":
      return { text: pick<unknown>([randomString(), 5, null]), layer: pick<unknown>([-1, 1e9, "x", 0]), token: garbage(), values: pick(ODD_NUMBERS) };
    case "semanticSearch/compare":
      return { anchor: pick<unknown>([randomString(), 5, null]), texts: pick<unknown>([[], "x", [1, 2], Array(200).fill("a"), null]), values: pick(ODD_NUMBERS) };
    case "textDocument/hover":
      return { textDocument: chance(0.8) ? { uri: anyUri() } : garbage(), position: position() };
    default:
      return garbage();
  }
}

const CUSTOM_REQUESTS = [
  "semanticSearch/search",
  "semanticSearch/similar",
  "semanticSearch/embed",
  "semanticSearch/status",
  "semanticSearch/reindex",
  "semanticSearch/downloadModel",
  "semanticSearch/inspect/weights",
  "semanticSearch/inspect/tensor",
  "semanticSearch/inspect/exportTensorCsv",
  "semanticSearch/inspect/journey",
  "semanticSearch/inspect/attention",
  "semanticSearch/compare",
];
const OTHER_REQUESTS = ["textDocument/hover", "textDocument/completion", "workspace/executeCommand", "initialize", "semanticSearch/nope", "$/unknown", "rpc.discover", "__proto__", "constructor", "hasOwnProperty"];

interface Case {
  kind: string;
  /** The body as sent (a string is sent verbatim). */
  body: unknown;
  /** Set for a well-formed request: it must be answered. */
  id?: number | string;
}

let nextId = 1000;

function documentEvent(): Case {
  // The folder's own uri as a document too; never in folder events, where removing it would be legitimate.
  const uri = chance(0.85) ? fuzzDocUri() : chance(0.2) ? pathToFileURL(ws).href : badUri();
  const text = () => (chance(0.1) ? hugeString() : chance(0.1) ? garbage() : `# Fuzz\n\n${randomString(200)}\n`);
  switch (int(5)) {
    case 0:
      return { kind: "didOpen", body: { jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri, languageId: pick<unknown>(["markdown", 5, null]), version: pick(ODD_NUMBERS), text: text() } } } };
    case 1: {
      const change = chance(0.5) ? { text: text() } : { range: range(), text: text() };
      return { kind: "didChange", body: { jsonrpc: "2.0", method: "textDocument/didChange", params: { textDocument: { uri, version: pick(ODD_NUMBERS) }, contentChanges: chance(0.8) ? [change] : garbage() } } };
    }
    case 2:
      return { kind: "didClose", body: { jsonrpc: "2.0", method: "textDocument/didClose", params: chance(0.8) ? { textDocument: { uri } } : garbage() } };
    case 3:
      return { kind: "didSave", body: { jsonrpc: "2.0", method: "textDocument/didSave", params: chance(0.8) ? { textDocument: { uri }, text: garbage() } : garbage() } };
    default:
      return { kind: "hover", ...request("textDocument/hover", { textDocument: { uri }, position: position() }) };
  }
}

function request(method: string, params: unknown): { body: unknown; id: number | string } {
  const id = chance(0.1) ? `s-${nextId++}` : nextId++;
  return { body: { jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) }, id };
}

function garbageNotification(): Case {
  const method = pick([
    "workspace/didChangeWatchedFiles",
    "workspace/didChangeConfiguration",
    "workspace/didChangeWorkspaceFolders",
    "workspace/didRenameFiles",
    "$/cancelRequest",
    "$/setTrace",
    "$/progress",
    "initialized",
    "textDocument/didOpen",
    "textDocument/didChange",
    "semanticSearch/statusChanged",
    "window/workDoneProgress/cancel",
  ]);
  let params: unknown = garbage();
  if (method === "workspace/didChangeWatchedFiles" && chance(0.7)) params = { changes: [{ uri: chance(0.5) ? fuzzDocUri() : badUri(), type: pick<unknown>([1, 2, 3, 0, 99, "x", null]) }] };
  // Settings of the wrong types only: valid ones would legitimately change what is indexed.
  if (method === "workspace/didChangeConfiguration" && chance(0.7)) params = { settings: { semanticSearch: pick<unknown>([5, "x", [], null, { maxFileSize: "big", include: 5, exclude: {}, hnsw: "x", thresholds: [] }]) } };
  if (method === "workspace/didChangeWorkspaceFolders" && chance(0.7)) params = { event: { added: pick<unknown>([[{ uri: 5 }], "x", [{ uri: badUri() }], null]), removed: pick<unknown>([[{ uri: badUri() }], 5, null]) } };
  if (method === "workspace/didRenameFiles" && chance(0.7)) params = { files: [{ oldUri: anyUri(), newUri: anyUri() }] };
  if (method === "$/cancelRequest" && chance(0.5)) params = { id: pick<unknown>([nextId - 1, nextId - 2, "x", null, {}]) };
  return { kind: `notify ${method}`, body: { jsonrpc: "2.0", method, ...(chance(0.9) ? { params } : {}) } };
}

function malformed(): Case {
  return {
    kind: "malformed",
    body: pick([
      "{",
      "[1,2",
      "null",
      "42",
      '"just a string"',
      "{}",
      "[]",
      '{"jsonrpc":"2.0"}',
      '{"jsonrpc":"1.0","id":1,"method":"semanticSearch/status"}',
      '{"jsonrpc":"2.0","id":{},"method":"semanticSearch/status"}',
      '{"jsonrpc":"2.0","id":1,"result":{"x":1}}',
      '{"jsonrpc":"2.0","id":999999,"error":{"code":1,"message":"x"}}',
      '{"jsonrpc":"2.0","method":5}',
      '{"jsonrpc":"2.0","method":null,"params":[]}',
      '[{"jsonrpc":"2.0","id":1,"method":"semanticSearch/status"}]',
      '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":[1,2,3]}',
      '{"jsonrpc":"2.0","method":"$/cancelRequest"}',
      '{"jsonrpc":"2.0","method":"$/cancelRequest","params":null}',
      JSON.stringify({ jsonrpc: "2.0", method: randomString(), params: garbage() }),
      JSON.stringify(garbage()),
    ]),
  };
}

function nextCase(): Case {
  const r = rnd();
  if (r < 0.12) return malformed();
  if (r < 0.4) {
    const method = pick(CUSTOM_REQUESTS);
    return { kind: method, ...request(method, paramsFor(method)) };
  }
  if (r < 0.5) {
    const method = pick(OTHER_REQUESTS);
    return { kind: method, ...request(method, paramsFor(method)) };
  }
  if (r < 0.58) return { kind: "unknown request", ...request(randomString(20), garbage()) };
  if (r < 0.8) return documentEvent();
  return garbageNotification();
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "fuzz-"));
  ws = join(work, "ws");
  cpSync(KB, ws, { recursive: true });
  server = startRaw();
  const init = await server.request("initialize", {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: pathToFileURL(ws).href, name: "ws" }],
    initializationOptions: { storagePath: join(work, "storage"), settings: { model: "bundled" } },
    capabilities: { workspace: { workspaceFolders: true } },
  });
  assert.ok(init.result?.capabilities, JSON.stringify(init));
  server.notify("initialized", {});
  await waitFor(async () => (await server.request("semanticSearch/status")).result?.state === "idle", 120_000, "indexing to end");
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

test(`${MESSAGES} hostile messages leave the server running and searching (seed ${SEED})`, async () => {
  const sent: Case[] = [];
  const answered = new Map<number | string, any>();
  const before = server.received.length;
  for (let i = 0; i < MESSAGES; i++) {
    const c = nextCase();
    sent.push(c);
    server.send(c.body);
    // Let the server read as we go, as a client would, and stop at once if it died.
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
    assert.ok(server.alive(), `seed ${SEED}: the server exited after message ${i} (${c.kind}): ${server.stderr.join("").slice(-3000)}`);
  }
  // The settings as they were (a garbage push leaves defaults, which may differ), then a barrier.
  server.notify("workspace/didChangeConfiguration", { settings: { semanticSearch: { model: "bundled" } } });
  const status = await server.request("semanticSearch/status", undefined, 60_000);
  assert.ok(status.result, `seed ${SEED}: ${JSON.stringify(status)}`);
  assert.ok(server.alive(), `seed ${SEED}: ${server.stderr.join("").slice(-3000)}`);

  // Every well-formed request got exactly one answer.
  const requests = sent.filter((c) => c.id !== undefined);
  await waitFor(
    () => {
      for (const m of server.received.slice(before)) if (m.id !== undefined && !m.method) answered.set(m.id, m);
      return requests.every((c) => answered.has(c.id!));
    },
    60_000,
    "every request to be answered",
  ).catch(() => {
    const missing = requests.filter((c) => !answered.has(c.id!)).map((c) => `${c.id} ${c.kind}`);
    assert.fail(`seed ${SEED}: ${missing.length} requests were never answered: ${missing.slice(0, 20).join("; ")}`);
  });
  // No answer says a handler failed on its own bug: an InternalError naming a JavaScript TypeError is one.
  const crashes = [...answered.values()].filter((m) => m.error && /Cannot read|is not a function|is not iterable|undefined|Maximum call stack/.test(m.error.message ?? "") && m.error.code === -32603);
  assert.deepEqual(
    crashes.map((m) => `${m.id}: ${m.error.message}`.slice(0, 300)),
    [],
    `seed ${SEED}: handlers failed on their own bugs`,
  );

  // Nor did a notification's handler (vscode-jsonrpc logs those and goes on; they are bugs all the same).
  const failedNotifications = server.received
    .slice(before)
    .filter((m) => m.method === "window/logMessage" && /Notification handler .* failed|TypeError|Cannot read|is not a function|is not iterable/.test(m.params?.message ?? ""))
    .map((m) => String(m.params.message).slice(0, 300));
  assert.deepEqual([...new Set(failedNotifications)], [], `seed ${SEED}: notification handlers failed on their own bugs`);

  let last: unknown;
  await waitFor(
    async () => {
      last = (await server.request("semanticSearch/status")).result;
      return (last as { state?: string } | undefined)?.state === "idle";
    },
    90_000,
    "the server to settle",
  ).catch((err: Error) => assert.fail(`seed ${SEED}: ${err.message}; last status ${JSON.stringify(last)}; log: ${server.received.filter((m) => m.method === "window/logMessage").slice(-15).map((m) => String(m.params.message).slice(0, 200)).join(" | ")}`));
  const found = await server.request("semanticSearch/search", { query: "Where is the Eiffel Tower?", topK: 3 });
  assert.ok(found.result?.results?.[0]?.uri.endsWith("05-eiffel-tower.md"), `seed ${SEED}: ${JSON.stringify(found).slice(0, 800)}`);
  assert.match(found.result.results[0].text, /Paris/);
  assert.ok(server.alive());
});
