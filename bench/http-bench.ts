// `semsearch serve` under load: search requests per second and p50/p95 latency at 1, 8 and 32
// concurrent clients over HTTP and HTTPS (autocannon, keep-alive connections, a bearer token), and the
// same searches through the engine directly (N concurrent loops of `engine.search`), in one run.
//
//   npm run build && node --import tsx bench/http-bench.ts [--duration 10] [--warmup 2] [--corpora kb,300k]
//
// Corpora: a copy of examples/knowledge-base (20 chunks) and 300 KB of the bench corpus
// (bench/corpus.ts), each indexed once with `semsearch index DIR --model bundled`; the server serves
// that database (<dir>/.semsearch/index.db) and the engine part opens the same one after the server
// has stopped, so the two never share the machine. Besides the rows asked for, two rows explain the
// ratio: HTTP with `folder` named in the body (a search of one folder; without it `serve` searches
// every served folder, the document collection included), and the engine searching two engines at
// once (the folder and an empty one), which is what `serve` does for an unscoped search.
//
// Traffic goes to 127.0.0.1 only. Nothing is asserted: figures are printed and written to
// bench/results/http.json. Every phase has a bounded duration; the server is stopped at the end.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Engine } from "../server/src/engine/engine";
import { makeCorpus } from "./corpus";
import { machine } from "./lib/machine";

// autocannon ships no type declarations (and @types/autocannon is not installed): what is used here.
interface CannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  requests: { average: number };
  latency: { p50: number; p97_5: number };
}
interface CannonInstance {
  on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
  on(event: "done", listener: (result: CannonResult) => void): void;
  on(event: "error", listener: (err: Error) => void): void;
}
type CannonRequest = { method: "POST"; path: string; headers: Record<string, string>; body: string };
const autocannon: (opts: { url: string; connections: number; duration: number; timeout: number; requests: CannonRequest[]; tlsOptions?: { ca: string } }) => CannonInstance = require("autocannon");

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "bin", "semsearch");
const CONCURRENCY = [1, 8, 32];
const K = 10;

/** Twenty varied questions: some about the knowledge base's topics, some about the npm docs, some about neither. */
const QUERIES = [
  "how do plants turn sunlight into energy",
  "what is inside a human cell",
  "the molecule that carries genetic information",
  "what happens near the event horizon of a black hole",
  "how fast does light travel",
  "the tallest mountain on earth",
  "which river carries the most water",
  "when did people first walk on the moon",
  "who invented movable type printing",
  "causes of the french revolution",
  "how do I parse command line options",
  "retry a request after a timeout",
  "send a notification from the language server to the client",
  "where are settings and configuration stored",
  "how to stream a large file without loading it into memory",
  "validate a JSON body against a schema",
  "what does the semantic tokens request return",
  "write a plugin that adds a route",
  "machine learning models learn from examples",
  "glaciers carve valleys",
];

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    corpora: { type: "string", default: "kb,300k" },
  },
});
const DURATION = Number(values.duration);
const WARMUP = Number(values.warmup);

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const load1 = () => round(loadavg()[0], 2);
const log = (m: string) => process.stderr.write(`http-bench: ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  transport: "http" | "https" | "engine";
  /**
   * "all": a search of every served folder (what a client gets by default; for the engine, two engines
   * searched at once); "folder": one folder (named in the body; the engine alone); "embed": the engine
   * only embedding the query (engine.embed), the part of a search the embedding worker does.
   */
  scope: "all" | "folder" | "embed" | "semantic" | "lexical";
  connections: number;
  seconds: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  load1mStart: number;
  load1mEnd: number;
  /** autocannon's own summary (HTTP rows): mean of its per-second samples, its p50 and p97.5 (whole ms). */
  autocannon?: { reqPerSecMean: number; p50Ms: number; p97_5Ms: number };
}

// ---------------------------------------------------------------------------------------------------
// A small client for 127.0.0.1 (status polling, warm checks), HTTP or HTTPS with our CA.

function call(url: string, opts: { method?: string; body?: unknown; token?: string; ca?: string }): Promise<{ status: number; json: any }> {
  const u = new URL(url);
  if (u.hostname !== "127.0.0.1") throw new Error(`refusing to send traffic to ${u.hostname}`);
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const send = u.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      u,
      {
        method: opts.method ?? "GET",
        headers: { ...(body ? { "content-type": "application/json" } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        ...(opts.ca ? { ca: opts.ca } : {}),
        timeout: 30_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined });
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${url}`)));
    req.on("error", reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------------
// The server: the built CLI, as a user runs it.

interface Server {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(args: string[]): Promise<Server> {
  const proc = spawn(CLI, ["serve", "--host", "127.0.0.1", "--port", "0", "--model", "bundled", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const stderr: string[] = [];
  proc.stderr!.on("data", (d) => stderr.push(String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`semsearch serve did not listen within 120 s: ${stderr.join("")}`)), 120_000);
    proc.stdout!.on("data", (d) => {
      out += String(d);
      const m = / at (https?:\/\/127\.0\.0\.1:\d+) \(OpenAPI/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`semsearch serve exited with ${code} before listening: ${stderr.join("")}`));
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const kill = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      proc.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      proc.kill("SIGTERM");
    });
  return { url, proc, stop };
}

async function waitIndexed(url: string, token: string, ca: string | undefined, minChunks: number): Promise<any> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { status, json } = await call(`${url}/v1/status`, { token, ca });
    if (status === 200 && json.state === "idle" && json.chunks >= minChunks) return json;
    if (Date.now() > deadline) throw new Error(`the server's index did not come ready: ${status} ${JSON.stringify(json)}`);
    await sleep(200);
  }
}

function cannon(url: string, opts: { connections: number; duration: number; token: string; ca?: string; folder?: string }) {
  const requests = QUERIES.map((query) => ({
    method: "POST" as const,
    path: "/v1/search",
    headers: { "content-type": "application/json", authorization: `Bearer ${opts.token}` },
    body: JSON.stringify({ query, k: K, ...(opts.folder ? { folder: opts.folder } : {}) }),
  }));
  const latencies: number[] = [];
  let non2xx = 0;
  const instance = autocannon({
    url,
    connections: opts.connections,
    duration: opts.duration,
    timeout: 60,
    requests,
    ...(opts.ca ? { tlsOptions: { ca: opts.ca } } : {}),
  });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else non2xx++;
  });
  return new Promise<{ result: CannonResult; latencies: number[]; non2xx: number }>((resolve, reject) => {
    instance.on("done", (result) => resolve({ result, latencies, non2xx }));
    instance.on("error", reject);
  });
}

async function httpRows(transport: "http" | "https", scope: "all" | "folder", url: string, token: string, ca: string | undefined, folder: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const connections of CONCURRENCY) {
    if (WARMUP > 0) await cannon(url, { connections, duration: WARMUP, token, ca, folder: scope === "folder" ? folder : undefined });
    const load1mStart = load1();
    const { result, latencies, non2xx } = await cannon(url, { connections, duration: DURATION, token, ca, folder: scope === "folder" ? folder : undefined });
    const seconds = result.duration;
    const row: Row = {
      transport,
      scope,
      connections,
      seconds: round(seconds, 2),
      requests: latencies.length,
      reqPerSec: round(latencies.length / seconds),
      p50Ms: round(pct(latencies, 50)),
      p95Ms: round(pct(latencies, 95)),
      p99Ms: round(pct(latencies, 99)),
      errors: result.errors + result.timeouts,
      non2xx,
      load1mStart,
      load1mEnd: load1(),
      autocannon: { reqPerSecMean: result.requests.average, p50Ms: result.latency.p50, p97_5Ms: result.latency.p97_5 },
    };
    if (row.errors || row.non2xx) log(`WARNING: ${transport}/${scope} c=${connections}: ${row.errors} errors, ${row.non2xx} non-2xx responses`);
    log(`${transport.padEnd(6)} ${scope.padEnd(8)} c=${String(connections).padStart(2)}: ${row.reqPerSec} req/s, p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms (load ${row.load1mStart} → ${row.load1mEnd})`);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// The engine directly: N concurrent loops of engine.search for the same duration, counted as autocannon
// counts (answers completed before the end; answers still in flight then are dropped).

async function engineLoops(search: (query: string) => Promise<unknown>, connections: number, duration: number) {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + duration * 1000;
  const loop = async () => {
    for (let i = 0; performance.now() < end; i = (i + 1) % QUERIES.length) {
      const t = performance.now();
      try {
        await search(QUERIES[i]);
      } catch {
        errors++;
        continue;
      }
      const done = performance.now();
      if (done <= end) latencies.push(done - t);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return { latencies, errors, seconds: duration };
}

async function engineRows(scope: Row["scope"], search: (query: string) => Promise<unknown>, concurrency = CONCURRENCY): Promise<Row[]> {
  const rows: Row[] = [];
  for (const connections of concurrency) {
    if (WARMUP > 0) await engineLoops(search, connections, WARMUP);
    const load1mStart = load1();
    const { latencies, errors, seconds } = await engineLoops(search, connections, DURATION);
    const row: Row = {
      transport: "engine",
      scope,
      connections,
      seconds,
      requests: latencies.length,
      reqPerSec: round(latencies.length / seconds),
      p50Ms: round(pct(latencies, 50)),
      p95Ms: round(pct(latencies, 95)),
      p99Ms: round(pct(latencies, 99)),
      errors,
      non2xx: 0,
      load1mStart,
      load1mEnd: load1(),
    };
    log(`engine ${scope.padEnd(8)} c=${String(connections).padStart(2)}: ${row.reqPerSec} req/s, p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms (load ${row.load1mStart} → ${row.load1mEnd})`);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------

function indexFolder(dir: string): { files: number; chunks: number; seconds: number } {
  const r = spawnSync(CLI, ["index", dir, "--model", "bundled", "--json"], { encoding: "utf8", timeout: 900_000 });
  if (r.status !== 0) throw new Error(`semsearch index ${dir} failed (${r.status}): ${r.stderr}`);
  const summary = JSON.parse(r.stdout.trim().split("\n").pop()!);
  return { files: summary.files, chunks: summary.chunks, seconds: summary.seconds };
}

function makeTls(dir: string): { cert: string; key: string; pem: string } {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  const r = spawnSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
  return { cert, key, pem: readFileSync(cert, "utf8") };
}

function makeToken(file: string): string {
  const r = spawnSync(CLI, ["token", "create", "--name", "bench", "--scopes", "search", "--tokens", file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`semsearch token create: ${r.stderr}`);
  const token = /\bss_[A-Za-z0-9_-]+/.exec(r.stdout)?.[0];
  if (!token) throw new Error(`no token in: ${r.stdout}`);
  return token;
}

interface CorpusRun {
  name: string;
  description: string;
  files: number;
  chunks: number;
  indexSeconds: number;
  rows: Row[];
}

async function benchCorpus(name: string, description: string, dir: string, work: string, tls: { cert: string; key: string; pem: string }, tokensFile: string, token: string): Promise<CorpusRun> {
  log(`${name}: indexing ${dir} with the bundled model`);
  const indexed = indexFolder(dir);
  log(`${name}: ${indexed.files} files, ${indexed.chunks} chunks in ${indexed.seconds} s`);
  const rows: Row[] = [];
  // The rate limit is per identity per minute (default 600): raised so that it never answers 429 here.
  const common = ["--dir", dir, "--tokens", tokensFile, "--rate-limit", "1000000000"];

  for (const transport of ["http", "https"] as const) {
    const documents = mkdtempSync(join(work, "documents-"));
    const ca = transport === "https" ? tls.pem : undefined;
    const server = await startServer([...common, "--documents", documents, ...(transport === "https" ? ["--tls-cert", tls.cert, "--tls-key", tls.key] : [])]);
    try {
      if (!server.url.startsWith(`${transport}://`)) throw new Error(`expected a ${transport} URL, got ${server.url}`);
      const status = await waitIndexed(server.url, token, ca, indexed.chunks);
      const folder = status.folders[0].name as string;
      log(`${name}: ${transport} server at ${server.url} (${status.files} files, ${status.chunks} chunks; folders ${status.folders.map((f: any) => f.name).join(", ")})`);
      const probe = await call(`${server.url}/v1/search`, { method: "POST", body: { query: QUERIES[0], k: K }, token, ca });
      if (probe.status !== 200) throw new Error(`a probe search answered ${probe.status}: ${JSON.stringify(probe.json)}`);
      // A first warm-up of the whole server (model, JIT, connections), then each configuration has its own.
      await cannon(server.url, { connections: 8, duration: Math.max(WARMUP, 3), token, ca });
      rows.push(...(await httpRows(transport, "all", server.url, token, ca, folder)));
      rows.push(...(await httpRows(transport, "folder", server.url, token, ca, folder)));
    } finally {
      await server.stop();
      rmSync(documents, { recursive: true, force: true });
    }
  }

  // The engine in this process, on the same database, with the server stopped.
  const empty = mkdtempSync(join(work, "empty-"));
  const engine = await Engine.open({ root: dir, model: { model: "bundled" } });
  const other = await Engine.open({ root: empty, model: { model: "bundled" } });
  try {
    const s = engine.status();
    if (s.chunks !== indexed.chunks) log(`WARNING: the engine sees ${s.chunks} chunks, the index wrote ${indexed.chunks}`);
    for (let i = 0; i < QUERIES.length; i++) await engine.search({ query: QUERIES[i], topK: K });
    rows.push(...(await engineRows("folder", (query) => engine.search({ query, topK: K }))));
    rows.push(...(await engineRows("all", (query) => Promise.all([engine.search({ query, topK: K }), other.search({ query, topK: K })]))));
    rows.push(...(await engineRows("embed", (query) => engine.embed(query))));
    // Where a single search's time goes (one client): the same search with only one of hybrid's two retrievers.
    rows.push(...(await engineRows("semantic", (query) => engine.search({ query, topK: K, mode: "semantic" }), [1])));
    rows.push(...(await engineRows("lexical", (query) => engine.search({ query, topK: K, mode: "lexical" }), [1])));
  } finally {
    await other.close();
    await engine.close();
    rmSync(empty, { recursive: true, force: true });
  }
  return { name, description, files: indexed.files, chunks: indexed.chunks, indexSeconds: indexed.seconds, rows };
}

function ratios(rows: Row[]) {
  const find = (t: Row["transport"], s: Row["scope"], c: number) => rows.find((r) => r.transport === t && r.scope === s && r.connections === c);
  return CONCURRENCY.map((c) => {
    const engine = find("engine", "folder", c)!;
    const q = (r: Row | undefined) => (r ? round(r.reqPerSec / engine.reqPerSec, 2) : NaN);
    return {
      connections: c,
      httpOverEngine: q(find("http", "all", c)),
      httpsOverEngine: q(find("https", "all", c)),
      httpFolderOverEngine: q(find("http", "folder", c)),
      httpsFolderOverEngine: q(find("https", "folder", c)),
      engineTwoFoldersOverEngine: q(find("engine", "all", c)),
      embedOnlyOverEngine: q(find("engine", "embed", c)),
    };
  });
}

function table(run: CorpusRun): string {
  const label = (r: Row) =>
    r.transport === "engine"
      ? { folder: "engine direct", all: "engine direct, 2 engines (as serve)", embed: "engine: query embedding only", semantic: "engine, semantic mode only", lexical: "engine, lexical mode only (still embeds)" }[r.scope]
      : `${r.transport.toUpperCase()}${r.scope === "folder" ? ", `folder` named" : ""}`;
  const order = (r: Row) => ["http/all", "https/all", "engine/folder", "http/folder", "https/folder", "engine/all", "engine/embed", "engine/semantic", "engine/lexical"].indexOf(`${r.transport}/${r.scope}`);
  const lines = [`${run.name}: ${run.files} files, ${run.chunks} chunks`, "", "| path | clients | req/s | p50 ms | p95 ms |", "|---|---|---|---|---|"];
  for (const r of [...run.rows].sort((a, b) => order(a) - order(b) || a.connections - b.connections)) lines.push(`| ${label(r)} | ${r.connections} | ${r.reqPerSec} | ${r.p50Ms} | ${r.p95Ms} |`);
  lines.push("", "| clients | HTTP / engine | HTTPS / engine | HTTP, folder / engine | HTTPS, folder / engine | 2 engines / engine | embedding only / engine |", "|---|---|---|---|---|---|---|");
  for (const q of ratios(run.rows)) lines.push(`| ${q.connections} | ${q.httpOverEngine} | ${q.httpsOverEngine} | ${q.httpFolderOverEngine} | ${q.httpsFolderOverEngine} | ${q.engineTwoFoldersOverEngine} | ${q.embedOnlyOverEngine} |`);
  return lines.join("\n");
}

async function main() {
  const startedAt = new Date().toISOString();
  const machineAtStart = machine();
  const work = mkdtempSync(join(tmpdir(), "http-bench-"));
  const cleanup: string[] = [work];
  const runs: CorpusRun[] = [];
  try {
    const tls = makeTls(work);
    const tokensFile = join(work, "tokens.json");
    const token = makeToken(tokensFile);
    const wanted = String(values.corpora).split(",");
    if (wanted.includes("kb")) {
      const kb = join(work, "knowledge-base");
      cpSync(join(ROOT, "examples", "knowledge-base"), kb, { recursive: true });
      runs.push(await benchCorpus("knowledge-base", "a copy of examples/knowledge-base", kb, work, tls, tokensFile, token));
    }
    if (wanted.includes("300k")) {
      const corpus = makeCorpus(300_000);
      cleanup.push(corpus.dir);
      runs.push(await benchCorpus("npm-docs-300k", `bench/corpus.ts makeCorpus(300_000): ${corpus.bytes} bytes of npm docs and .d.ts files`, corpus.dir, work, tls, tokensFile, token));
    }
  } finally {
    for (const d of cleanup) rmSync(d, { recursive: true, force: true });
  }

  const result = {
    bench: "http",
    date: startedAt,
    finished: new Date().toISOString(),
    machine: machineAtStart,
    loadAverage1mEnd: load1(),
    model: "bundled:use-lite",
    method: {
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
      concurrency: CONCURRENCY,
      k: K,
      queries: QUERIES,
      http: "autocannon 9 in the bench process, keep-alive connections, each cycling through the 20 queries; POST /v1/search {query, k: 10} with a bearer token (sha256-hashed static token); --rate-limit raised to 1e9; no audit log",
      https: "the same over TLS (self-signed RSA-2048 certificate for IP 127.0.0.1, verified by the client); connections are kept alive, so handshakes happen once per connection",
      engine: "Engine.open({root, model: {model: 'bundled'}}) in the bench process on the same database, after the server stopped; N concurrent async loops of engine.search({query, topK: 10}); only answers completed within the duration count, as autocannon counts",
      scopes: "semantic, lexical (one client only): engine.search with that mode instead of the default hybrid (a lexical search still embeds the query, for its cosines); embed: engine.embed(query) alone, the embedding worker's part of a search; all: what serve does for a search without `folder` (the folder and the empty document collection are both searched, each embedding the query), and for the engine two engines searched at once; folder: one folder (HTTP body names it; the engine alone)",
      latency: "p50/p95/p99 over every 2xx answer of the measured window (nearest rank)",
    },
    corpora: runs.map((r) => ({ name: r.name, description: r.description, files: r.files, chunks: r.chunks, indexSeconds: r.indexSeconds, rows: r.rows, ratios: ratios(r.rows) })),
  };
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "http.json"), JSON.stringify(result, null, 2) + "\n");
  for (const r of runs) console.log(table(r) + "\n");
  console.log(`wrote bench/results/http.json (load ${machineAtStart.loadAverage1m} → ${result.loadAverage1mEnd})`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
