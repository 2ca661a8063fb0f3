// The fused copy of a q8 model file (fuse-model.ts), used only after onnxruntime has run it and the
// original on the same probe and they agree: a pattern that matched a graph it was not written for
// cannot change a vector. Built in memory at each load (about 50 ms to fuse MiniLM, plus two
// sessions for the probe); nothing is written to disk.
import { readFileSync } from "node:fs";
import type { InferenceSession, Tensor } from "onnxruntime-node";
import { cosine } from "../../../../shared/src/vector-math";
import { onnxruntime } from "../onnxruntime";
import { fuseAttention } from "./fuse-model";

/** Least cosine between a token's output in the two graphs (the int8 products are the same; only float sums are reordered). */
export const AGREEMENT = 0.9999;

export type FusedModel = { bytes: Uint8Array; blocks: number; agreement: number } | { bytes?: undefined; reason: string };

export interface FusedModelOptions {
  /** config.json's num_attention_heads and vocab_size. */
  numHeads?: number;
  vocabSize?: number;
  threads: number;
}

export async function fusedModel(file: string, options: FusedModelOptions): Promise<FusedModel> {
  let original: Uint8Array;
  try {
    original = new Uint8Array(readFileSync(file));
  } catch (err) {
    return { reason: `could not read ${file}: ${(err as Error).message}` };
  }
  let fused: ReturnType<typeof fuseAttention>;
  try {
    fused = fuseAttention(original, { numHeads: options.numHeads });
  } catch (err) {
    // A graph the matcher trips on is run as exported: the fusion is never why a model fails to load.
    return { reason: `the graph could not be rewritten (${(err as Error).message})` };
  }
  if (!fused.bytes) return fused;
  try {
    const agreement = await probeAgreement(original, fused.bytes, options);
    if (!(agreement >= AGREEMENT)) return { reason: `the fused graph disagreed with the original on a probe (least token cosine ${agreement.toFixed(6)})` };
    return { bytes: fused.bytes, blocks: fused.blocks, agreement };
  } catch (err) {
    return { reason: `the fused graph did not run (${(err as Error).message})` };
  }
}

/** Runs both graphs on two texts (one padded) and gives the least cosine between their token outputs. */
export async function probeAgreement(original: Uint8Array, fused: Uint8Array, options: Omit<FusedModelOptions, "numHeads">): Promise<number> {
  const ort = onnxruntime();
  const sessionOptions: InferenceSession.SessionOptions = { intraOpNumThreads: options.threads, interOpNumThreads: 1, extra: { session: { intra_op: { allow_spinning: "0" } } } };
  const sessions: InferenceSession[] = [];
  try {
    for (const bytes of [original, fused]) sessions.push(await ort.InferenceSession.create(bytes, sessionOptions));
    const [batch, seq, lengths] = [2, 16, [16, 9]];
    const vocab = Math.max(2, options.vocabSize ?? 100);
    const feeds: Record<string, Tensor> = {};
    for (const name of sessions[0].inputNames) {
      const values = new BigInt64Array(batch * seq);
      for (let b = 0; b < batch; b++) {
        for (let t = 0; t < seq; t++) {
          const on = t < lengths[b];
          if (name === "input_ids") values[b * seq + t] = on ? BigInt(1 + ((b * 131 + t * 31) % (vocab - 1))) : 0n;
          else if (name === "attention_mask") values[b * seq + t] = on ? 1n : 0n;
          else if (name === "position_ids") values[b * seq + t] = BigInt(t);
          else if (name !== "token_type_ids") throw new Error(`unknown model input ${name}`);
        }
      }
      feeds[name] = new ort.Tensor("int64", values, [batch, seq]);
    }
    const [a, b] = [(await sessions[0].run(feeds))[sessions[0].outputNames[0]], (await sessions[1].run(feeds))[sessions[1].outputNames[0]]];
    const hidden = a.dims[2];
    if (a.dims.join() !== b.dims.join() || a.dims.length !== 3) throw new Error(`outputs of shape ${a.dims} and ${b.dims}`);
    const x = a.data as Float32Array;
    const y = b.data as Float32Array;
    let least = 1;
    for (let row = 0; row < batch; row++) {
      for (let t = 0; t < lengths[row]; t++) {
        const at = (row * seq + t) * hidden;
        least = Math.min(least, cosine(x.subarray(at, at + hidden), y.subarray(at, at + hidden)));
      }
    }
    return least;
  } finally {
    for (const s of sessions) await s.release().catch(() => undefined);
  }
}
