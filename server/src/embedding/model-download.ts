// Fetches a transformers.js model from the Hugging Face hub into the models folder, only when the
// user asked for it (the first-run "Download" button, or semanticSearch.allowModelDownload). Our own
// fetch, not transformers.js's: it reports bytes as they arrive, stops on cancel, and writes into a
// scratch folder renamed into place at the end, so a cancelled or failed download leaves nothing
// half-written where the loader would find it.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/** The hub; SEMSEARCH_HUB points elsewhere (a mirror, or a test's local server). */
export function hubUrl(): string {
  return (process.env.SEMSEARCH_HUB || "https://huggingface.co").replace(/\/+$/, "");
}

/** Where a model's files come from, as the first-run notification names it. */
export function modelSource(modelId: string): string {
  return `${hubUrl()}/${modelId}`;
}

/**
 * Download sizes (q8 ONNX + tokenizer) of the models people are likely to configure, so the
 * notification can say what a click costs without asking the network first.
 */
const KNOWN_SIZES: Record<string, number> = {
  "Xenova/all-MiniLM-L6-v2": 23_700_000,
  "Xenova/paraphrase-multilingual-MiniLM-L12-v2": 127_000_000,
};

export function approxDownloadBytes(modelId: string): number | undefined {
  return KNOWN_SIZES[modelId];
}

/** What transformers.js reads for a q8 feature-extraction model; `optional` files may be absent. */
const FILES: { path: string; optional?: boolean }[] = [
  { path: "config.json" },
  { path: "tokenizer.json" },
  { path: "tokenizer_config.json" },
  { path: "special_tokens_map.json", optional: true },
  { path: "onnx/model_quantized.onnx" },
];

export interface DownloadProgress {
  file: string;
  /** Bytes received so far, over all files. */
  received: number;
  /** Bytes expected, over the files whose size is known so far. */
  expected: number;
}

export interface DownloadResult {
  dir: string;
  bytes: number;
}

export class DownloadCancelled extends Error {
  constructor() {
    super("The download was cancelled.");
    this.name = "DownloadCancelled";
  }
}

/** A hub id such as "org/name": one or two plain path segments, nothing that climbs out of the folder. */
export function isHubId(modelId: string): boolean {
  return /^[\w.-]+(\/[\w.-]+)?$/.test(modelId) && !modelId.split("/").some((part) => part === "." || part === "..");
}

export async function downloadModel(opts: {
  modelId: string;
  /** The models folder: the model lands in <modelsDir>/<modelId>/. */
  modelsDir: string;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  /** Default: hubUrl(). */
  hub?: string;
}): Promise<DownloadResult> {
  const { modelId, signal } = opts;
  if (!isHubId(modelId)) throw new Error(`"${modelId}" is not a Hugging Face model id (org/name); only those can be downloaded.`);
  const target = resolve(opts.modelsDir, modelId);
  const scratch = `${target}.download-${process.pid}-${Date.now()}`;
  const hub = opts.hub ?? hubUrl();
  const progress: DownloadProgress = { file: "", received: 0, expected: 0 };
  try {
    for (const file of FILES) {
      if (signal?.aborted) throw new DownloadCancelled();
      const url = `${hub}/${modelId}/resolve/main/${file.path}`;
      let response: Response;
      try {
        response = await fetch(url, { signal, redirect: "follow" });
      } catch (err) {
        if (signal?.aborted) throw new DownloadCancelled();
        throw new Error(`Could not reach ${url}: ${(err as Error).message}. Check the network connection (or a proxy), or copy the model folder to ${target} by hand.`);
      }
      if (response.status === 404 && file.optional) continue;
      if (!response.ok || !response.body) {
        throw new Error(`Downloading ${url} failed: HTTP ${response.status}${response.status === 404 ? ` (is "${modelId}" a transformers.js model with ${file.path}?)` : ""}.`);
      }
      const length = Number(response.headers.get("content-length") ?? 0);
      progress.file = file.path;
      progress.expected += length;
      opts.onProgress?.({ ...progress });
      const dest = join(scratch, file.path);
      mkdirSync(dirname(dest), { recursive: true });
      const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
      body.on("data", (chunk: Buffer) => {
        progress.received += chunk.length;
        opts.onProgress?.({ ...progress });
      });
      try {
        await pipeline(body, createWriteStream(dest), { signal });
      } catch (err) {
        if (signal?.aborted) throw new DownloadCancelled();
        throw new Error(`Downloading ${url} failed: ${(err as Error).message}`);
      }
    }
    // Replace a broken earlier copy (one without config.json would not be found anyway).
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    mkdirSync(dirname(target), { recursive: true });
    renameSync(scratch, target);
    return { dir: target, bytes: progress.received };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
