// The weights of whichever model is loaded: ONNX (transformers.js models) or TF.js (the bundled
// encoder). Reading them is plain file work, so it runs on the calling thread; it yields between
// tensors so that a language server stays responsive while 22.7 million numbers are summarised.
import { readFile, stat } from "node:fs/promises";
import { relative } from "node:path";
import type { WeightsSummaryResult } from "../../../shared/src/protocol";
import { listModelFiles, onnxFile, type ModelLocation } from "./model-files";
import { parseOnnx } from "./onnx-model";
import { onnxWeightTensors } from "./onnx-weights";
import { summarize, type TensorSummary, type WeightTensor } from "./tensor-stats";
import { readTfjsModelJson, tfjsWeightTensors } from "./tfjs-weights";

export interface ModelWeights {
  location: ModelLocation;
  /** The file the tensors were read from, relative to the model folder. */
  weightsFile: string;
  tensors: WeightTensor[];
  notes: string[];
}

/** One model's weights at a time: a summary and then a tensor's CSV should not read the file twice. */
let cached: { key: string; weights: Promise<ModelWeights> } | undefined;

export async function loadWeights(location: ModelLocation): Promise<ModelWeights> {
  const file = location.kind === "onnx" ? onnxFile(location.dir, "fp32").path : `${location.dir}/model.json`;
  const key = `${file}:${(await stat(file)).mtimeMs}`;
  if (cached?.key !== key) {
    cached = { key, weights: read(location, file) };
    cached.weights.catch(() => (cached = undefined));
  }
  return cached.weights;
}

async function read(location: ModelLocation, file: string): Promise<ModelWeights> {
  const weightsFile = relative(location.dir, file).split("\\").join("/");
  if (location.kind === "tfjs") {
    const { tensors, notes } = await tfjsWeightTensors(location.dir, await readTfjsModelJson(location.dir));
    return { location, weightsFile, tensors, notes: [`weights read from model.json's manifest and its shard files.`, ...notes] };
  }
  const bytes = new Uint8Array(await readFile(file));
  const { tensors, notes } = onnxWeightTensors(bytes, parseOnnx(bytes));
  const why = weightsFile.endsWith("model.onnx") ? "the fp32 file: the weights as trained" : "no fp32 onnx/model.onnx here, so the quantized file";
  return { location, weightsFile, tensors, notes: [`weights read from ${weightsFile} (${why}).`, ...notes] };
}

export function findTensor(weights: ModelWeights, name: string): WeightTensor {
  const t = weights.tensors.find((x) => x.name === name);
  if (t) return t;
  const near = weights.tensors.filter((x) => x.name.toLowerCase().includes(name.toLowerCase())).slice(0, 5);
  throw new Error(`no weight tensor named "${name}" in ${weights.location.modelId}${near.length ? `; did you mean ${near.map((x) => `"${x.name}"`).join(", ")}?` : ". List them with: semsearch inspect weights"}`);
}

/** Summaries of the weights read above: computing one walks every value, so do it once. */
const summaries = new WeakMap<ModelWeights, Promise<WeightsSummaryResult>>();

export async function weightsSummary(location: ModelLocation): Promise<WeightsSummaryResult> {
  const weights = await loadWeights(location);
  let summary = summaries.get(weights);
  if (!summary) {
    summary = summarizeAll(weights);
    summaries.set(weights, summary);
    summary.catch(() => summaries.delete(weights));
  }
  return summary;
}

async function summarizeAll(weights: ModelWeights): Promise<WeightsSummaryResult> {
  const location = weights.location;
  const tensors: TensorSummary[] = [];
  for (const t of weights.tensors) {
    tensors.push(summarize(t));
    await new Promise((r) => setImmediate(r));
  }
  return {
    model: location.modelId,
    format: location.kind,
    directory: location.dir,
    weightsFile: weights.weightsFile,
    files: listModelFiles(location.dir),
    total_weights: tensors.reduce((n, t) => n + t.total_weights, 0),
    tensors,
    notes: weights.notes,
  };
}
