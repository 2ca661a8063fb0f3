// The MCP server as an agent meets it: `semsearch mcp` (the built CLI) over stdio, driven by the SDK's
// Client. Per corpus: the time per tool call once warm (search with 10 hits, similar, status; p50 and
// p95 over the runs), and the size of a 10-hit search answer in tokens (about characters / 4): the
// text an agent reads (default maxChars) and the structured content beside it. Two rows: the MCP
// process on its own index, and the same through a running language server's local socket.
//
//   npm run build && node --import tsx bench/mcp-bench.ts [--runs 30]
//
// Corpora: examples/knowledge-base (20 one-paragraph markdown files) and a copy of server/src (this
// project's TypeScript: the code-search case), each indexed first with `semsearch index --model
// bundled` into a temporary database. Nothing is asserted: figures are printed and written to
// bench/results/mcp.json.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { storageDirFor } from "../server/src/lsp/storage";
import { startClient } from "../test/lsp/lsp-client";
import { machine } from "./lib/machine";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "bin", "semsearch");
const { values } = parseArgs({ options: { runs: { type: "string", default: "30" } } });
const RUNS = Number(values.runs);

const CORPORA = [
  {
    name: "knowledge-base",
    source: join(ROOT, "examples", "knowledge-base"),
    queries: ["When was the Eiffel Tower built?", "how do plants make energy", "the largest desert", "who invented printing", "fast computers"],
    similar: { path: "05-eiffel-tower.md", startLine: 6, endLine: 6 },
  },
  {
    name: "server-src",
    source: join(ROOT, "server", "src"),
    queries: ["where is the bearer token checked", "split markdown into chunks by heading", "rebuild the HNSW index in the background", "parse command line options", "cosine similarity of two vectors"],
    similar: { path: "search/fusion.ts", startLine: 1, endLine: 30 },
  },
];

const tokens = (chars: number) => Math.round(chars / 4);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 100) / 100;
};

async function timed(client: Client, name: string, args: Record<string, unknown>): Promise<{ ms: number; result: CallToolResult }> {
  const t0 = performance.now();
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const ms = performance.now() - t0;
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return { ms, result };
}

/** The warm figures of one connected `semsearch mcp`: per-call times and the size of a 10-hit answer. */
async function measure(client: Client, c: (typeof CORPORA)[number]) {
  // Warm up: the first query loads the model's graph into the worker, the first call JIT-compiles.
  for (const q of c.queries) await timed(client, "search", { query: q });
  const searchMs: number[] = [];
  const textChars: number[] = [];
  const structuredChars: number[] = [];
  const resultChars: number[] = [];
  let sample = "";
  for (let i = 0; i < RUNS; i++) {
    const { ms, result } = await timed(client, "search", { query: c.queries[i % c.queries.length], k: 10 });
    searchMs.push(ms);
    const text = result.content.map((x) => (x.type === "text" ? x.text : "")).join("");
    textChars.push(text.length);
    structuredChars.push(JSON.stringify(result.structuredContent).length);
    resultChars.push(JSON.stringify(result).length);
    if (i === 0) sample = text;
  }
  const similarMs: number[] = [];
  const statusMs: number[] = [];
  for (let i = 0; i < RUNS; i++) similarMs.push((await timed(client, "similar", { ...c.similar, k: 10 })).ms);
  let via = "";
  for (let i = 0; i < RUNS; i++) {
    const { ms, result } = await timed(client, "status", {});
    statusMs.push(ms);
    via = String((result.structuredContent as { via?: string }).via);
  }
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    via,
    warmMs: {
      search: { p50: quantile(searchMs, 0.5), p95: quantile(searchMs, 0.95) },
      similar: { p50: quantile(similarMs, 0.5), p95: quantile(similarMs, 0.95) },
      status: { p50: quantile(statusMs, 0.5), p95: quantile(statusMs, 0.95) },
    },
    tenHitAnswer: {
      textChars: mean(textChars),
      textTokens: tokens(mean(textChars)),
      structuredChars: mean(structuredChars),
      structuredTokens: tokens(mean(structuredChars)),
      wholeResultTokens: tokens(mean(resultChars)),
    },
    sampleText: sample,
  };
}

/** `semsearch mcp` connected over stdio; its sockets looked for under `runtime`. */
async function connect(dir: string, db: string, runtime: string): Promise<{ client: Client; connectMs: number }> {
  const client = new Client({ name: "mcp-bench", version: "1" });
  const t0 = performance.now();
  const env = { ...(process.env as Record<string, string>), XDG_RUNTIME_DIR: runtime };
  await client.connect(new StdioClientTransport({ command: CLI, args: ["mcp", "--dir", dir, "--db", db, "--model", "bundled", "--no-index"], env, stderr: "ignore" }));
  return { client, connectMs: Math.round(performance.now() - t0) };
}

async function benchCorpus(c: (typeof CORPORA)[number], work: string) {
  const dir = join(work, c.name);
  const storage = join(work, "storage");
  const runtime = join(work, "runtime");
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  // The language server's database for the folder (what the VS Code registration passes as --db): both rows share it.
  const db = join(storageDirFor(dir, storage), "index.db");
  cpSync(c.source, dir, { recursive: true });
  const t0 = performance.now();
  const indexed = spawnSync(CLI, ["index", dir, "--db", db, "--model", "bundled", "--json"], { encoding: "utf8" });
  if (indexed.status !== 0) throw new Error(indexed.stderr);
  const summary = JSON.parse(indexed.stdout.trim().split("\n").pop()!);
  const indexSeconds = Math.round((performance.now() - t0) / 100) / 10;

  // Row 1: no server holds the folder; `semsearch mcp` opens the index and loads the model itself.
  const own = await connect(dir, db, runtime);
  let ownRow;
  try {
    ownRow = { connectMs: own.connectMs, ...(await measure(own.client, c)) };
  } finally {
    await own.client.close();
  }

  // Row 2: a language server holds it (as the editor's would); `semsearch mcp` asks it over its local socket.
  const lsp = await startClient({ folders: [dir], storagePath: storage, env: { XDG_RUNTIME_DIR: runtime }, indexTimeoutMs: 600_000 });
  let socketRow;
  try {
    await lsp.waitForIdle();
    const viaSocket = await connect(dir, db, runtime);
    try {
      socketRow = { connectMs: viaSocket.connectMs, ...(await measure(viaSocket.client, c)) };
    } finally {
      await viaSocket.client.close();
    }
  } finally {
    await lsp.stop();
  }
  if (ownRow.via !== "own index" || socketRow.via !== "language server socket") throw new Error(`the rows were answered via ${ownRow.via} and ${socketRow.via}`);
  return {
    corpus: c.name,
    files: summary.files,
    chunks: summary.chunks,
    indexSeconds,
    // The own-index row, as before (kept at the top level for comparison with older results).
    ...ownRow,
    viaSocket: socketRow,
  };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "mcp-bench-"));
  const started = new Date().toISOString();
  const m = machine();
  try {
    const corpora = [];
    for (const c of CORPORA) {
      const r = await benchCorpus(c, work);
      corpora.push(r);
      console.log(`${r.corpus}: ${r.files} files, ${r.chunks} chunks (indexed in ${r.indexSeconds} s)`);
      for (const [label, row] of [["own index", r], ["via socket", r.viaSocket]] as const) {
        const w = row.warmMs;
        console.log(`  ${label}: connect ${row.connectMs} ms; warm per call (ms, p50/p95 over ${RUNS}): search ${w.search.p50}/${w.search.p95}, similar ${w.similar.p50}/${w.similar.p95}, status ${w.status.p50}/${w.status.p95}`);
      }
      const t = r.tenHitAnswer;
      console.log(`  10-hit search answer: text ${t.textChars} chars (~${t.textTokens} tokens), structured ${t.structuredChars} chars (~${t.structuredTokens} tokens), whole result ~${t.wholeResultTokens} tokens (via socket: ~${r.viaSocket.tenHitAnswer.textTokens} tokens of text)`);
      console.log(`  sample text answer:\n${r.sampleText.replace(/^/gm, "    | ")}`);
    }
    mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
    const out = {
      bench: "mcp",
      date: started,
      finished: new Date().toISOString(),
      machine: m,
      loadAverage1mEnd: Math.round(loadavg()[0] * 100) / 100,
      model: "bundled:use-lite",
      method: `semsearch mcp over stdio, SDK Client; ${RUNS} calls per tool after warm-up; tokens = characters / 4; default maxChars. Per corpus two rows: own index (no server holds the folder) and viaSocket (a language server holds it; the MCP process asks it over its local socket)`,
      corpora,
    };
    writeFileSync(join(ROOT, "bench", "results", "mcp.json"), JSON.stringify(out, null, 2) + "\n");
    console.log("wrote bench/results/mcp.json");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
