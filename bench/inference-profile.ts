// Where the time goes inside one embedding call of the MiniLM-shaped q8 model (scripts/make-bench-model.py),
// run by onnxruntime-node directly, in calls shaped like the indexer's (engine/embed-calls.ts: 4 texts
// of about 100 tokens; and 8 and 16):
//   - profile: onnxruntime's own profiler (enableProfiling), kernel time summed per op type, and the
//     op types of the graph before and after ORT's optimizer (optimizedModelFilePath, level "all");
//   - ceilings: the int8 rate measured in the same run (as bench/index-scale.ts measures it), each
//     call's ratio to it, and the ratio if only the int8 products took time (the most fusing the
//     other ops could give);
//   - options: session options that might change the speed, each timed on the same calls, in
//     rounds that take the options by turns (so that load from other processes meets all of them).
// The session options the engine uses (server/src/embedding/transformers.ts) are the "engine" row; the
// last row is the engine's provider itself (tokenizer and pooling around the same run).
// Usage: node --import tsx bench/inference-profile.ts [--model-dir DIR] [--seq 104] [--rounds 5]
//        [--calls 12] [--model-file FILE] [--out FILE]   (writes bench/results/inference-profile.json)
//        [--compare-file FILE]: only the engine's options on the model against FILE, by turns
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BENCH_MODEL, bertFlops, DEFAULT_BENCH_MODEL_DIR } from "./lib/bench-model";
import { machine } from "./lib/machine";
import { onnxruntime, type Ort } from "../server/src/embedding/onnxruntime";
import { measurePeak, type RateResult } from "./lib/onnx-matmul";
import { loadTransformersProvider } from "../server/src/embedding/transformers";
import { arg, percentile, rng, round } from "./lib/synthetic";

const MODEL_DIR = arg("model-dir", DEFAULT_BENCH_MODEL_DIR);
/** Tokens per text: bench/throughput.ts's sample of chunks averages 102 tokens; length-sorted calls pad little. */
const SEQ = Number(arg("seq", "104"));
const ROUNDS = Number(arg("rounds", "5"));
/** Calls per timing (each of BATCH texts). */
const CALLS = Number(arg("calls", "12"));
const BATCHES = [4, 8, 16];
/** Another ONNX file of the same inputs instead (e.g. the bench model with a real export's node pattern). */
const MODEL_FILE = arg("model-file", join(MODEL_DIR, BENCH_MODEL, "onnx", "model_quantized.onnx"));
const OUT = arg("out", join(__dirname, "results", "inference-profile.json"));
/** With it, only the engine's options on MODEL_FILE against the same on this file, by turns (no profile). */
const COMPARE_FILE = arg("compare-file", "");
const THREADS = availableParallelism();

type SessionOptions = NonNullable<Parameters<Ort["InferenceSession"]["create"]>[1]>;

/** What transformers.ts gives onnxruntime (transformers.js adds nothing that changes the CPU run). */
const ENGINE: SessionOptions = { intraOpNumThreads: THREADS, interOpNumThreads: 1, extra: { session: { intra_op: { allow_spinning: "0" } } } };

const ALL_OPTIONS: { name: string; options: SessionOptions; file?: string }[] = [
  { name: "engine (transformers.ts)", options: ENGINE },
  { name: "graphOptimizationLevel disabled", options: { ...ENGINE, graphOptimizationLevel: "disabled" } },
  { name: "graphOptimizationLevel basic", options: { ...ENGINE, graphOptimizationLevel: "basic" } },
  { name: "graphOptimizationLevel extended", options: { ...ENGINE, graphOptimizationLevel: "extended" } },
  { name: "graphOptimizationLevel all", options: { ...ENGINE, graphOptimizationLevel: "all" } },
  { name: "allow_spinning 1", options: { ...ENGINE, extra: { session: { intra_op: { allow_spinning: "1" } } } } },
  { name: "intraOpNumThreads 1", options: { ...ENGINE, intraOpNumThreads: 1 } },
  { name: "executionMode parallel (inter 2)", options: { ...ENGINE, executionMode: "parallel", interOpNumThreads: 2 } },
  { name: "enableCpuMemArena false", options: { ...ENGINE, enableCpuMemArena: false } },
  { name: "enableMemPattern false", options: { ...ENGINE, enableMemPattern: false } },
  { name: "dynamic_block_base 4", options: { ...ENGINE, extra: { session: { intra_op: { allow_spinning: "0" }, dynamic_block_base: "4" } } } },
  { name: "dynamic_block_base 4 + spinning", options: { ...ENGINE, extra: { session: { intra_op: { allow_spinning: "1" }, dynamic_block_base: "4" } } } },
];
const OPTIONS = COMPARE_FILE ? [ALL_OPTIONS[0], { name: "engine, --compare-file", options: ENGINE, file: COMPARE_FILE }] : ALL_OPTIONS;

/** Input tensors for `batch` texts of `seq` tokens (every token real: length-sorted calls pad little). */
function feeds(ort: Ort, batch: number, seq: number, vocab: number) {
  const r = rng(batch * 1000 + seq);
  const ids = BigInt64Array.from({ length: batch * seq }, (_, i) => BigInt(i % seq === 0 ? 2 : i % seq === seq - 1 ? 3 : 5 + Math.floor(r() * (vocab - 5))));
  const dims = [batch, seq];
  return {
    input_ids: new ort.Tensor("int64", ids, dims),
    attention_mask: new ort.Tensor("int64", new BigInt64Array(batch * seq).fill(1n), dims),
    token_type_ids: new ort.Tensor("int64", new BigInt64Array(batch * seq), dims),
  };
}

// ---- a minimal protobuf reader: enough of onnx.proto to list a graph's nodes' op types
function readVarint(buf: Uint8Array, at: number): [number, number] {
  let n = 0;
  let mul = 1;
  for (;;) {
    const b = buf[at++];
    n += (b & 0x7f) * mul;
    if (b < 0x80) return [n, at];
    mul *= 128;
  }
}

/** Fields of one message: [field number, wire type, value or [start, end) of the bytes]. */
function* fields(buf: Uint8Array, start = 0, end = buf.length): Generator<{ field: number; wire: number; start: number; end: number }> {
  let at = start;
  while (at < end) {
    const [key, next] = readVarint(buf, at);
    at = next;
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      const [, after] = readVarint(buf, at);
      yield { field, wire, start: at, end: after };
      at = after;
    } else if (wire === 1) {
      yield { field, wire, start: at, end: at + 8 };
      at += 8;
    } else if (wire === 2) {
      const [len, body] = readVarint(buf, at);
      yield { field, wire, start: body, end: body + len };
      at = body + len;
    } else if (wire === 5) {
      yield { field, wire, start: at, end: at + 4 };
      at += 4;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
}

/** Op types of an ONNX model's main graph (ModelProto.graph = 7, GraphProto.node = 1, NodeProto.op_type = 4, domain = 7). */
function opCounts(file: string): Record<string, number> {
  const buf = readFileSync(file);
  const counts: Record<string, number> = {};
  for (const m of fields(buf)) {
    if (m.field !== 7 || m.wire !== 2) continue;
    for (const g of fields(buf, m.start, m.end)) {
      if (g.field !== 1 || g.wire !== 2) continue;
      let op = "";
      let domain = "";
      for (const n of fields(buf, g.start, g.end)) {
        if (n.field === 4) op = buf.subarray(n.start, n.end).toString("utf8");
        if (n.field === 7) domain = buf.subarray(n.start, n.end).toString("utf8");
      }
      const name = domain && domain !== "ai.onnx" ? `${domain}.${op}` : op;
      counts[name] = (counts[name] ?? 0) + 1;
    }
  }
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

interface ProfileEvent {
  cat: string;
  name: string;
  dur: number;
  args?: { op_name?: string; provider?: string };
}

/** Kernel time per op type over `runs` calls of [batch, SEQ], from onnxruntime's profiler, and the share of wall time it covers. */
async function profile(ort: Ort, batch: number, runs: number, vocab: number) {
  const dir = mkdtempSync(join(tmpdir(), "inference-profile-"));
  try {
    const session = await ort.InferenceSession.create(MODEL_FILE, { ...ENGINE, enableProfiling: true, profileFilePrefix: join(dir, "ort") });
    const input = feeds(ort, batch, SEQ, vocab);
    for (let i = 0; i < 3; i++) await session.run(input);
    const start = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) await session.run(input);
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    session.endProfiling();
    await session.release();
    const file = readdirSync(dir).find((f) => f.endsWith(".json"));
    if (!file) throw new Error(`onnxruntime wrote no profile in ${dir}`);
    const events = JSON.parse(readFileSync(join(dir, file), "utf8")) as ProfileEvent[];
    // The warm-up runs are in the profile too: keep the last `runs` model_run events' span.
    const modelRuns = events.filter((e) => e.cat === "Session" && e.name === "model_run");
    const kernels = events.filter((e) => e.cat === "Node" && e.name.endsWith("_kernel_time"));
    const perRunKernels = kernels.length / modelRuns.length;
    const measured = kernels.slice(kernels.length - Math.round(perRunKernels * runs));
    const byOp = new Map<string, { us: number; nodes: Set<string> }>();
    for (const e of measured) {
      const op = e.args?.op_name ?? "?";
      const entry = byOp.get(op) ?? { us: 0, nodes: new Set() };
      entry.us += e.dur;
      entry.nodes.add(e.name);
      byOp.set(op, entry);
    }
    const kernelUs = [...byOp.values()].reduce((s, e) => s + e.us, 0);
    const runUs = modelRuns.slice(-runs).reduce((s, e) => s + e.dur, 0);
    const productUs = [...byOp.entries()].filter(([op]) => INT8_PRODUCT_OPS.has(op)).reduce((sum, [, e]) => sum + e.us, 0);
    const ops = [...byOp.entries()]
      .sort((a, b) => b[1].us - a[1].us)
      .map(([op, e]) => ({ op, nodes: e.nodes.size, msPerCall: round(e.us / runs / 1000, 3), share: round(e.us / kernelUs, 3) }));
    return {
      batch,
      seq: SEQ,
      runs,
      wallMsPerCall: round(wallMs / runs, 2),
      modelRunMsPerCall: round(runUs / runs / 1000, 2),
      kernelMsPerCall: round(kernelUs / runs / 1000, 2),
      /** Kernel time summed over ops: with 2 threads a kernel's time is its wall time, so this near modelRunMs means ops ran one after another. */
      kernelShareOfRun: round(kernelUs / runUs, 3),
      /** Kernel time of the int8 products (INT8_PRODUCT_OPS): what a call needs even if every other op were free. */
      productMsPerCall: round(productUs / runs / 1000, 2),
      ops,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The ops that do the quantized products, quantizing their input included (the int8 work of a layer). */
const INT8_PRODUCT_OPS = new Set(["DynamicQuantizeMatMul", "MatMulIntegerToFloat", "DynamicQuantizeLinear", "MatMulInteger", "QAttention"]);

/**
 * What a call reaches of the FLOP limit (bertFlops over the int8 rate, as bench/index-scale.ts
 * reckons its ratio), and the most it could reach if every op but the int8 products took no time:
 * a ceiling no fusion of the other ops can lift, since a pass must at least run the products.
 */
function ceilings(profiles: Awaited<ReturnType<typeof profile>>[], rate: RateResult) {
  const perMs = rate.gigaOpsPerSecond * 1e6;
  return profiles.map((p) => {
    const flops = p.batch * bertFlops(p.seq);
    return {
      batch: p.batch,
      gflopPerCall: round(flops / 1e9, 2),
      ratioOfCall: round(flops / (p.wallMsPerCall * perMs), 3),
      productShareOfKernels: round(p.productMsPerCall / p.kernelMsPerCall, 3),
      ratioIfOnlyProducts: round(flops / (p.productMsPerCall * perMs), 3),
    };
  });
}

/** The graph's op types as written, and after ORT's optimizer at each level (its optimizedModelFilePath). */
async function graphs(ort: Ort) {
  const dir = mkdtempSync(join(tmpdir(), "inference-graph-"));
  try {
    const out: Record<string, Record<string, number>> = { file: opCounts(MODEL_FILE) };
    for (const level of ["basic", "extended", "all"] as const) {
      const path = join(dir, `${level}.onnx`);
      const s = await ort.InferenceSession.create(MODEL_FILE, { ...ENGINE, graphOptimizationLevel: level, optimizedModelFilePath: path });
      await s.release();
      out[level] = opCounts(path);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A row of the options table: calls of `b` texts. */
interface Runner {
  name: string;
  run(b: number): Promise<unknown>;
  release(): Promise<unknown>;
}

/**
 * The engine's whole embedding call as the worker makes it (server/src/embedding/transformers.ts:
 * tokenize, run, mean-pool, normalise) on texts of SEQ tokens, for what transformers.js adds to
 * the session's run. The bench tokenizer makes one token of each unknown word.
 */
async function providerRunner(): Promise<Runner> {
  const provider = await loadTransformersProvider({ modelId: BENCH_MODEL, localModelPath: MODEL_DIR, dtype: "q8" });
  const texts = Array.from({ length: Math.max(...BATCHES) }, (_, i) => Array.from({ length: SEQ - 2 }, (_, w) => `w${i}x${w}`).join(" "));
  const counted = provider.countTokens!(texts.slice(0, 1))[0];
  if (counted !== SEQ) throw new Error(`the provider's texts are ${counted} tokens, not ${SEQ}`);
  return { name: "transformers.js provider.embed (tokenize+run+pool)", run: (b) => provider.embed(texts.slice(0, b)), release: () => provider.dispose() };
}

/** Each option's ms per call of each batch size: ROUNDS rounds, each timing CALLS calls of every option in turn; the median round. */
async function optionsTable(ort: Ort, vocab: number) {
  const inputs = Object.fromEntries(BATCHES.map((b) => [b, feeds(ort, b, SEQ, vocab)]));
  const runners: Runner[] = [];
  for (const o of OPTIONS) {
    const session = await ort.InferenceSession.create(o.file ?? MODEL_FILE, o.options);
    runners.push({ name: o.name, run: (b) => session.run(inputs[b]), release: () => session.release() });
  }
  if (!COMPARE_FILE && !arg("model-file", "")) runners.push(await providerRunner());
  const times = new Map<string, number[]>();
  for (const s of runners) for (const b of BATCHES) for (let i = 0; i < 2; i++) await s.run(b);
  for (let r = 0; r < ROUNDS; r++) {
    for (const b of BATCHES) {
      // A different order each round, so that no option always follows the same neighbour.
      const order = r % 2 === 0 ? runners : [...runners].reverse();
      for (const s of order) {
        const start = process.hrtime.bigint();
        for (let i = 0; i < CALLS; i++) await s.run(b);
        const ms = Number(process.hrtime.bigint() - start) / 1e6 / CALLS;
        const key = `${s.name}|${b}`;
        times.set(key, [...(times.get(key) ?? []), ms]);
      }
    }
    console.error(`  round ${r + 1}/${ROUNDS} done, load ${loadavg()[0].toFixed(2)}`);
  }
  for (const s of runners) await s.release();
  return runners.map((o) => {
    const row: Record<string, unknown> = { option: o.name };
    for (const b of BATCHES) {
      const ms = percentile(times.get(`${o.name}|${b}`)!, 50);
      row[`b${b}MsPerCall`] = round(ms, 2);
      row[`b${b}ChunksPerSecond`] = round((b / ms) * 1000, 1);
    }
    return row;
  });
}

async function main() {
  const ort = onnxruntime();
  const vocab = JSON.parse(readFileSync(join(MODEL_DIR, BENCH_MODEL, "config.json"), "utf8")).vocab_size as number;
  const result: Record<string, unknown> = {
    bench: "inference-profile",
    date: new Date().toISOString(),
    command: `node --import tsx bench/inference-profile.ts ${process.argv.slice(2).join(" ")}`.trim(),
    machineAtStart: machine(),
    model: `${BENCH_MODEL} q8 (${MODEL_FILE}); all-MiniLM-L6-v2's shape, random weights, graph of scripts/make-tiny-model.py`,
    seq: SEQ,
    threads: THREADS,
    engineOptions: ENGINE,
    gflopPerCall: Object.fromEntries(BATCHES.map((b) => [b, round((b * bertFlops(SEQ)) / 1e9, 2)])),
  };
  if (COMPARE_FILE) result.compareFile = COMPARE_FILE;
  else {
    console.error("op types of the graph, as written and after ORT's optimizer...");
    result.graphOps = await graphs(ort);
    console.error("profiling...");
    result.profiles = [];
    for (const b of BATCHES) (result.profiles as unknown[]).push(await profile(ort, b, Math.max(4, Math.round(60 / b)), vocab));
    // The limit bench/index-scale.ts divides by, measured in the same run (this CPU's int8 rate drifts
    // by a fifth between runs an hour apart).
    console.error(`measuring the int8 rate (MatMulInteger, ${THREADS} threads, best of four shapes)...`);
    const rate = await measurePeak("MatMulInteger", THREADS);
    result.int8Rate = rate;
    result.ceilings = ceilings(result.profiles as Awaited<ReturnType<typeof profile>>[], rate);
  }
  console.error("timing session options...");
  result.options = await optionsTable(ort, vocab);
  result.machineAtEnd = machine();
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 2) + "\n");
  print(result);
}

function print(result: Record<string, unknown>) {
  if (result.graphOps) printProfile(result);
  console.log(`\nSession options (median of ${ROUNDS} rounds of ${CALLS} calls; chunks/s):`);
  console.log(`  ${"option".padEnd(36)} ${BATCHES.map((b) => `b=${b}`.padStart(9)).join(" ")}`);
  for (const row of result.options as Record<string, unknown>[]) console.log(`  ${String(row.option).padEnd(36)} ${BATCHES.map((b) => String(row[`b${b}ChunksPerSecond`]).padStart(9)).join(" ")}`);
}

function printProfile(result: Record<string, unknown>) {
  const g = result.graphOps as Record<string, Record<string, number>>;
  const opNames = [...new Set(Object.values(g).flatMap((c) => Object.keys(c)))];
  console.log(`\nOp types (node counts): file / basic / extended / all`);
  for (const op of opNames) console.log(`  ${op.padEnd(34)} ${["file", "basic", "extended", "all"].map((l) => String(g[l][op] ?? 0).padStart(5)).join(" ")}`);
  for (const p of result.profiles as Awaited<ReturnType<typeof profile>>[]) {
    console.log(`\nProfile, ${p.batch} texts x ${p.seq} tokens: ${p.wallMsPerCall} ms/call wall, ${p.modelRunMsPerCall} in model_run, kernels ${p.kernelMsPerCall} (${round(p.kernelShareOfRun * 100, 1)}%)`);
    for (const o of p.ops) console.log(`  ${o.op.padEnd(34)} ${String(o.nodes).padStart(4)} nodes ${o.msPerCall.toFixed(3).padStart(9)} ms ${(o.share * 100).toFixed(1).padStart(6)}%`);
  }
  const rate = result.int8Rate as RateResult;
  console.log(`\nAgainst the int8 rate of this run, ${rate.gigaOpsPerSecond} G ops/s (MatMulInteger ${rate.shape.join("x")}, ${rate.threads} threads):`);
  console.log(`  ${"texts".padEnd(6)} ${"ratio of a call".padStart(16)} ${"products' share".padStart(16)} ${"ratio if only products ran".padStart(28)}`);
  for (const c of result.ceilings as ReturnType<typeof ceilings>) {
    console.log(`  ${String(c.batch).padEnd(6)} ${c.ratioOfCall.toFixed(3).padStart(16)} ${(c.productShareOfKernels * 100).toFixed(1).padStart(15)}% ${c.ratioIfOnlyProducts.toFixed(3).padStart(28)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
