// How long one `semsearch search` process takes, start to exit, as a person or a script in a loop
// sees it: p50/p95 over many calls on the "docs" eval corpus (ten READMEs from node_modules, see
// eval/corpora.ts), indexed once with the bundled model. In one run:
//
//   lexical cold   --mode lexical, no server running: SQLite + FTS only, no model
//   hybrid cold    --mode hybrid, no server running: the CLI loads the bundled model itself
//   lexical warm   --mode lexical, `semsearch serve` holds the folder: answered over its local socket
//   hybrid warm    --mode hybrid, the same
//   rg             ripgrep over the same files (when `rg` is on PATH), for scale
//
//   npm run build && node --import tsx bench/cli-latency.ts [--runs 20] [--label after] [--bin DIR]
//
// --bin DIR runs DIR/bin/semsearch (an older checkout with its own dist/, for before/after figures).
// Results are merged into bench/results/cli-latency.json under the label, and printed.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CORPORA, materialise } from "../eval/corpora";
import { machine } from "./lib/machine";

const ROOT = join(__dirname, "..");
const { values } = parseArgs({ options: { runs: { type: "string", default: "20" }, label: { type: "string", default: "after" }, bin: { type: "string" } } });
const RUNS = Number(values.runs);
const CLI = join(resolve(values.bin ?? ROOT), "bin", "semsearch");
const OUT = join(ROOT, "bench", "results", "cli-latency.json");
const QUERIES = ["how to extract a tar archive", "glob pattern matching", "compare two versions", "stream backpressure", "proxy agent configuration"];
/** Words for rg (it matches text, not meaning): one per query. */
const RG_WORDS = ["extract", "glob", "compare", "backpressure", "proxy"];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (x: number) => Math.round(x * 10) / 10;
const summary = (xs: number[]) => ({ n: xs.length, p50: round(pct(xs, 50)), p95: round(pct(xs, 95)), min: round(Math.min(...xs)) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GNU time, when present: the CPU a process used, which the load of a shared machine does not inflate as it does wall time. */
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** One process: wall milliseconds, and user+system CPU milliseconds when GNU time is there. */
function timed(cmd: string, args: string[], okCodes = [0]): { wall: number; cpu?: number } {
  const [file, argv] = GNU_TIME ? [GNU_TIME, ["-f", "__cpu %U %S", cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, argv, { encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const cpu = /__cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined };
}

/** p50/p95 of wall time, and of CPU time when measured. */
function stats(runs: { wall: number; cpu?: number }[]) {
  const cpu = runs.flatMap((r) => (r.cpu === undefined ? [] : [r.cpu]));
  return { ...summary(runs.map((r) => r.wall)), ...(cpu.length ? { cpuP50: round(pct(cpu, 50)), cpuP95: round(pct(cpu, 95)) } : {}) };
}

function searchRuns(dir: string, mode: string, extra: string[] = []) {
  // One unmeasured call first: the page cache, not the code, would dominate the first figure.
  const args = (q: string) => ["search", q, "--dir", dir, "--model", "bundled", "--mode", mode, "--k", "10", "--json", ...extra];
  timed(CLI, args(QUERIES[0]));
  return stats(Array.from({ length: RUNS }, (_, i) => timed(CLI, args(QUERIES[i % QUERIES.length]))));
}

/** Whether this build's search takes --verbose and says which way it went (the local socket or the store). */
function via(dir: string): string | undefined {
  const r = spawnSync(CLI, ["search", "glob", "--dir", dir, "--model", "bundled", "--mode", "lexical", "--verbose"], { encoding: "utf8" });
  return /via (socket|local)/.exec(r.stderr)?.[1];
}

async function startServe(dir: string): Promise<ChildProcess> {
  const serve = spawn(CLI, ["serve", "--dir", dir, "--model", "bundled", "--port", "0", "--documents", join(dir, "..", `${dir.split("/").pop()}-documents`)], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  serve.stdout!.on("data", (d) => (out += d));
  serve.stderr!.on("data", (d) => (out += d));
  for (let i = 0; i < 600 && !/serving/.test(out); i++) await sleep(100);
  if (!/serving/.test(out)) throw new Error(`semsearch serve did not start: ${out}`);
  // The socket is up once the folder's engine is open; wait until a search goes that way.
  for (let i = 0; i < 100 && via(dir) !== "socket"; i++) await sleep(200);
  return serve;
}

async function main() {
  const before = machine();
  const corpus = materialise(CORPORA.find((c) => c.name === "docs")!);
  const dir = corpus.dir;
  const results: Record<string, unknown> = {};
  let serve: ChildProcess | undefined;
  try {
    const indexed = spawnSync(CLI, ["index", dir, "--model", "bundled"], { encoding: "utf8" });
    if (indexed.status !== 0) throw new Error(`indexing failed: ${indexed.stderr}`);
    process.stdout.write(`${indexed.stdout.trim()}\n`);
    results["lexical cold"] = searchRuns(dir, "lexical");
    results["hybrid cold"] = searchRuns(dir, "hybrid");
    const canVerbose = via(dir) !== undefined;
    if (canVerbose) {
      serve = await startServe(dir);
      if (via(dir) !== "socket") throw new Error("semsearch serve runs but searches do not go through its socket");
      results["lexical warm (server socket)"] = searchRuns(dir, "lexical");
      results["hybrid warm (server socket)"] = searchRuns(dir, "hybrid");
    } else {
      results["warm (server socket)"] = "not measured: this build has no local socket to a running server";
    }
    const rg = spawnSync("which", ["rg"], { encoding: "utf8" }).stdout.trim();
    if (rg) {
      timed(rg, ["-i", "-n", RG_WORDS[0], dir], [0, 1]);
      results.rg = stats(Array.from({ length: RUNS }, (_, i) => timed(rg, ["-i", "-n", RG_WORDS[i % RG_WORDS.length], dir], [0, 1])));
    } else {
      results.rg = "not measured: rg (ripgrep) is not installed on this machine";
    }
    const run = {
      when: new Date().toISOString(),
      cli: CLI,
      corpus: { name: corpus.spec.name, files: corpus.files.length, bytes: corpus.bytes, indexed: indexed.stdout.trim() },
      runsPerScenario: RUNS,
      machine: before,
      loadAverageAfter: machine().loadAverage1m,
      /** p50/p95 wall milliseconds per process; cpuP50/cpuP95: user+system CPU milliseconds (GNU time). */
      milliseconds: results,
    };
    const all = existsSync(OUT) ? JSON.parse(readFileSync(OUT, "utf8")) : {};
    all[values.label!] = run;
    writeFileSync(OUT, JSON.stringify(all, null, 2) + "\n");
    process.stdout.write(`${values.label}: ${JSON.stringify(run, null, 2)}\nwritten to ${OUT}\n`);
  } finally {
    if (serve) {
      serve.kill("SIGTERM");
      await new Promise((r) => serve!.once("exit", r));
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(dir, "..", `${dir.split("/").pop()}-documents`), { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
