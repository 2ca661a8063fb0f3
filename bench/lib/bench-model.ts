// The model of all-MiniLM-L6-v2's shape that the speed benches embed with (scripts/make-bench-model.py
// makes it: random weights, the real model's arithmetic per token), and its FLOPs per chunk.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ModelSpec } from "../../server/src/embedding/model-spec";

export const BENCH_MODEL = "semsearch/minilm-shaped";
export const DEFAULT_BENCH_MODEL_DIR = join(homedir(), ".cache", "semsearch", "bench-models");

/** The engine's spec for the MiniLM-shaped model in `dir`; says how to make it when it is not there. */
export function benchModelSpec(dir = DEFAULT_BENCH_MODEL_DIR): ModelSpec {
  if (!existsSync(join(dir, BENCH_MODEL, "onnx", "model_quantized.onnx"))) {
    throw new Error(`the MiniLM-shaped bench model is not in ${dir}: make it with \`/usr/bin/python3 scripts/make-bench-model.py ${dir}\` (needs Python's onnx and numpy), or pass --model-dir`);
  }
  return { model: BENCH_MODEL, localModelPath: dir };
}

/**
 * FLOPs to embed one chunk of `tokens` tokens with a BERT of all-MiniLM-L6-v2's shape: per token
 * 2*(4h^2 + 2h*ffn) per layer, attention 4*h*t per layer (the accounting of bench/throughput.ts, §5).
 */
export function bertFlops(tokens: number, c = { layers: 6, hidden: 384, ffn: 1536 }): number {
  return c.layers * (tokens * 2 * (4 * c.hidden ** 2 + 2 * c.hidden * c.ffn) + 4 * c.hidden * tokens * tokens);
}
