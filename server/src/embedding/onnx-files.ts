// The ONNX files a model folder may hold, where transformers.js looks for them (its `dtype` option):
// the provider loads one of them, and the inspector reads the same one.
import { existsSync } from "node:fs";
import { join } from "node:path";

export type OnnxDtype = "q8" | "fp32";

export const ONNX_FILES: Record<OnnxDtype, string> = { q8: "onnx/model_quantized.onnx", fp32: "onnx/model.onnx" };

/**
 * The dtype a folder has a file for: `prefer` when it is there, else the other one, else undefined.
 * With `encrypted`, a file also counts as there when its `<file>.enc` is (an encrypted folder).
 */
export function availableDtype(dir: string, prefer: OnnxDtype, encrypted = false): OnnxDtype | undefined {
  const has = (file: string) => existsSync(join(dir, file)) || (encrypted && existsSync(join(dir, `${file}.enc`)));
  return ([prefer, prefer === "q8" ? "fp32" : "q8"] as const).find((dtype) => has(ONNX_FILES[dtype]));
}
