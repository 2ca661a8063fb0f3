// onnxruntime-node as transformers.js resolves it: the one copy of the native addon in this process
// (it is transformers.js's dependency; a second copy could not be loaded next to it).
import { createRequire } from "node:module";

export type Ort = typeof import("onnxruntime-node");

export function onnxruntime(): Ort {
  return createRequire(require.resolve("@huggingface/transformers"))("onnxruntime-node") as Ort;
}
