// Sentence embeddings from any BERT-style ONNX model through transformers.js (e.g.
// Xenova/all-MiniLM-L6-v2): tokenizer + bare encoder from transformers.js, pooling and
// normalisation from ./pooling so that they are ours and testable.
//
// Offline by default: unless `allowRemote` is set, transformers.js is told not to fetch, and a
// missing model is reported (with where we looked and what to set) before transformers.js is
// even asked, so nothing can reach the network.
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { DecryptionError } from "../crypto/hybrid-encryption";
import { isEncryptedModelFolder } from "../crypto/model-encryption";
import { withDecryptedModel } from "./encrypted-model";
import { fusedModel } from "./graph-fusion/fused-model";
import { availableDtype, ONNX_FILES, type OnnxDtype } from "./onnx-files";
import { withModelFilesInMemory } from "./in-memory-model-files";
import { l2Normalize, meanPool } from "./pooling";
import { ModelLoadError, type EmbeddingProvider } from "./provider";

export interface TransformersProviderOptions {
  /** Hub-style id ("Xenova/all-MiniLM-L6-v2") or a path to a model folder (absolute, or starting with "."). */
  modelId: string;
  /** Folder holding models as <folder>/<org>/<name>/ (transformers.js's env.localModelPath). */
  localModelPath?: string;
  /** Only when true may transformers.js download from the Hugging Face hub. */
  allowRemote?: boolean;
  /** Where downloaded models are kept (and looked for). */
  cacheDir?: string;
  /** "q8" reads onnx/model_quantized.onnx, "fp32" onnx/model.onnx. Default "q8". */
  dtype?: "q8" | "fp32";
  /** Longest token sequence fed to the model; default min(256, max_position_embeddings). */
  maxTokens?: number;
  /** Threads onnxruntime uses inside one model call; default defaultThreads(). */
  threads?: number;
  /** RSA private key (PEM) for a model folder made by `semsearch model encrypt`. */
  modelKeyFile?: string;
  /**
   * Run a q8 model's attention blocks as onnxruntime's fused QAttention kernel (graph-fusion/),
   * after checking on a probe that the fused graph gives the same outputs. Default true; the
   * environment variable SEMSEARCH_FUSE_ATTENTION=0 turns it off.
   */
  fuseAttention?: boolean;
}

/**
 * Every core the process may use: one call at a time runs in the embedding worker, and
 * bench/throughput.ts measured two threads 1.7x (fp32) and 1.9x (q8) as fast as one on this 2-core machine
 * (bench/RESULTS.md, "Embedding throughput"). onnxruntime's own default counts physical cores,
 * which undercounts on machines with hyper-threading disabled in the guest or cgroup CPU limits.
 */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

type Transformers = typeof import("@huggingface/transformers");

/** The small part of transformers.js's tensor, tokenizer and model that we use. */
interface Tensor {
  data: ArrayLike<number | bigint> & { [i: number]: number | bigint };
  dims: number[];
}
interface Encoding {
  input_ids: Tensor;
  attention_mask: Tensor;
  token_type_ids?: Tensor;
}
interface Tokenizer {
  (texts: string[], options: { padding: boolean; truncation: boolean; max_length: number }): Encoding;
  encode(text: string): number[];
  sep_token_id?: number;
}
interface Model {
  (inputs: Encoding): Promise<Record<string, Tensor & { data: Float32Array }>>;
  config: Record<string, unknown>;
  dispose(): Promise<unknown>;
}

/** sentence-transformers' max_seq_length for MiniLM and friends; longer chunks cost time, not recall. */
const DEFAULT_MAX_TOKENS = 256;
/** Texts per model call: bounds the padded [batch, seq, hidden] tensor. */
const BATCH = 32;

let loaded: Promise<{ hf: Transformers; defaultLocalModelPath: string; defaultCacheDir: string }> | undefined;

/** transformers.js is ESM-first but ships a CJS build too, so this works from tsx and from an esbuild CJS bundle. */
function transformersJs() {
  loaded ??= import("@huggingface/transformers").then((hf) => ({
    hf,
    // env is process-global: remember its defaults so one load's options do not leak into the next.
    defaultLocalModelPath: hf.env.localModelPath,
    defaultCacheDir: hf.env.cacheDir,
  }));
  return loaded;
}

export async function loadTransformersProvider(opts: TransformersProviderOptions): Promise<EmbeddingProvider> {
  const { hf, defaultLocalModelPath, defaultCacheDir } = await transformersJs();
  const allowRemote = !!opts.allowRemote;
  const requested: OnnxDtype = opts.dtype ?? "q8";
  const env = hf.env;
  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  env.localModelPath = opts.localModelPath ?? defaultLocalModelPath;
  env.cacheDir = opts.cacheDir ?? defaultCacheDir;

  const where = locate(opts.modelId, env.localModelPath, env.cacheDir, allowRemote ? env.remoteHost : undefined);
  if (!where.found && (!allowRemote || where.isPath)) throw notFound(opts.modelId, where, allowRemote, requested);
  // A local export often has only one of the two ONNX files: use what is there rather than fail.
  const dtype = where.found ? pickDtype(where.found, requested) : requested;

  const encrypted = where.found !== undefined && isEncryptedModelFolder(where.found);
  if (encrypted && !opts.modelKeyFile) {
    throw new ModelLoadError(
      `The model folder ${where.found} is encrypted (semsearch model encrypt). Give its RSA private key: ` +
        `--model-key priv.pem on the command line, or the semanticSearch.modelKeyFile setting.`,
      opts.modelId,
      lookedIn(where),
      false,
    );
  }
  const threads = opts.threads ?? defaultThreads();
  const fusion = !encrypted && dtype === "q8" && where.found && fusionWanted(opts) ? await fusedModel(path.join(where.found, ONNX_FILES.q8), { ...attentionShape(where.found), threads }) : undefined;
  const runtime = fusion?.bytes
    ? `onnxruntime runs ${opts.modelId} with its ${fusion.blocks} attention blocks fused into QAttention (probe agreement ${fusion.agreement.toFixed(6)}).`
    : fusion
      ? `onnxruntime runs ${opts.modelId} as exported: its attention was not fused (${fusion.reason}).`
      : undefined;
  // An encrypted folder, or a fused graph, is loaded by its path, so that every file transformers.js
  // asks for is a path inside it, which the in-memory cache answers.
  const loadId = encrypted || fusion?.bytes ? where.found! : where.loadId;
  const loadBoth = async () => {
    const tokenizer = (await hf.AutoTokenizer.from_pretrained(loadId)) as unknown as Tokenizer;
    const model = (await hf.AutoModel.from_pretrained(loadId, {
      dtype,
      device: "cpu",
      // One model call runs at a time, so inter-op parallelism would only contend with intra-op.
      // Without spinning, the threads sleep between calls instead of holding both cores: a hybrid
      // search's keyword half runs on the main thread while the query is embedded, and spinning
      // threads took its core (bench/RESULTS.md §9); indexing measured no slower without it.
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1, extra: { session: { intra_op: { allow_spinning: "0" } } } },
    })) as unknown as Model;
    return { tokenizer, model };
  };
  let tokenizer: Tokenizer;
  let model: Model;
  try {
    ({ tokenizer, model } = encrypted
      ? await withDecryptedModel(env, where.found!, opts.modelKeyFile!, loadBoth)
      : fusion?.bytes
        ? await withModelFilesInMemory(env, where.found!, new Map([[ONNX_FILES.q8, fusion.bytes]]), loadBoth)
        : await loadBoth());
  } catch (err) {
    if (err instanceof DecryptionError) throw new ModelLoadError(`Could not decrypt the model in ${where.found}: ${err.message}.`, opts.modelId, lookedIn(where), false);
    throw loadFailed(opts.modelId, where, allowRemote, err);
  }

  const positions = Number(model.config.max_position_embeddings) || Infinity;
  const maxTokens = Math.min(opts.maxTokens ?? DEFAULT_MAX_TOKENS, positions);
  // transformers.js truncates by cutting the sequence, dropping the closing [SEP]; Hugging Face
  // (and so sentence-transformers, whose vectors we want to reproduce) keeps it. Restore it when
  // the tokenizer really closes sequences with it.
  const sep = tokenizer.sep_token_id;
  const closesWithSep = sep !== undefined && tokenizer.encode("").at(-1) === sep;
  /** [CLS] and [SEP]: what the tokenizer adds to every text, within maxTokens. */
  const specialTokens = tokenizer.encode("").length;

  async function embedBatch(texts: string[]): Promise<Float32Array[]> {
    const enc = tokenizer(texts, { padding: true, truncation: true, max_length: maxTokens });
    if (closesWithSep) restoreSep(enc, sep!, maxTokens);
    const out = await model(enc);
    const hidden = out.last_hidden_state;
    if (!hidden) throw new Error(`model "${opts.modelId}" gave no last_hidden_state output`);
    const [b, s, h] = hidden.dims;
    return meanPool(hidden.data, [b, s, h], enc.attention_mask.data).map(l2Normalize);
  }

  async function embed(texts: string[]): Promise<Float32Array[]> {
    const result = new Array<Float32Array>(texts.length);
    // Similar lengths together, so that short texts are not padded to a long neighbour's length.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
    for (let start = 0; start < order.length; start += BATCH) {
      const idx = order.slice(start, start + BATCH);
      const vectors = await embedBatch(idx.map((i) => texts[i]));
      idx.forEach((i, k) => (result[i] = vectors[k]));
    }
    return result;
  }

  // One probe run: a model that loads but cannot run fails here, as a load error, and the
  // output width is the true dimension even if the config names it differently (e.g. "dim").
  let dimensions: number;
  try {
    dimensions = (await embedBatch(["probe"]))[0].length;
  } catch (err) {
    await model.dispose().catch(() => undefined);
    throw loadFailed(opts.modelId, where, allowRemote, err);
  }

  return {
    modelId: opts.modelId,
    dimensions,
    maxTokens,
    ...(runtime ? { runtime } : {}),
    countTokens: (texts) => texts.map((t) => tokenizer.encode(t).length),
    readExtent(text) {
      // The tokenizer gives no character offsets: the characters read are estimated in proportion.
      const tokens = Math.max(0, tokenizer.encode(text).length - specialTokens);
      const readTokens = Math.min(tokens, Math.max(1, maxTokens - specialTokens));
      if (readTokens >= tokens) return { tokens, readTokens, readChars: text.length, approximate: false };
      return { tokens, readTokens, readChars: Math.round((text.length * readTokens) / tokens), approximate: true };
    },
    async embed(texts) {
      return texts.length ? embed(texts) : [];
    },
    async dispose() {
      await model.dispose();
    },
  };
}

function fusionWanted(opts: TransformersProviderOptions): boolean {
  return (opts.fuseAttention ?? true) && process.env.SEMSEARCH_FUSE_ATTENTION !== "0";
}

/** Heads and vocabulary from the folder's config.json, which the fusion and its probe need. */
function attentionShape(dir: string): { numHeads?: number; vocabSize?: number } {
  try {
    const config = JSON.parse(readFileSync(path.join(dir, "config.json"), "utf8")) as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined);
    return { numHeads: num(config.num_attention_heads), vocabSize: num(config.vocab_size) };
  } catch {
    return {};
  }
}

/** Rows cut at maxTokens end with a word piece; make their last token the separator again. */
function restoreSep(enc: Encoding, sep: number, maxTokens: number): void {
  const [batch, seq] = enc.input_ids.dims;
  if (seq < maxTokens) return; // nothing was cut
  const ids = enc.input_ids.data;
  const mask = enc.attention_mask.data;
  const big = typeof ids[0] === "bigint";
  for (let b = 0; b < batch; b++) {
    const last = b * seq + seq - 1;
    if (Number(mask[last]) !== 0 && Number(ids[last]) !== sep) ids[last] = big ? BigInt(sep) : sep;
  }
}

interface Location {
  /** Id or absolute path handed to transformers.js. */
  loadId: string;
  isPath: boolean;
  /** Folders that would hold the model, with what each one is, for the error message. */
  candidates: { dir: string; what: string }[];
  /** The candidate folder that has a config.json, if any. */
  found?: string;
  /** Hub address, when downloads are allowed. */
  remote?: string;
}

function locate(modelId: string, localModelPath: string, cacheDir: string | null, remoteHost?: string): Location {
  if (path.isAbsolute(modelId) || modelId.startsWith(".")) {
    // A model folder given directly. Its absolute path goes to transformers.js as is: it reads
    // non-hub ids as paths, and this also works for folder names a hub id cannot have (spaces,
    // "--" as in hub cache folders), where splitting into localModelPath + basename would not.
    const dir = path.resolve(modelId);
    const candidates = [{ dir, what: "model folder" }];
    return { loadId: dir, isPath: true, candidates, found: hasConfig(dir) ? dir : undefined };
  }
  const candidates = [{ dir: path.resolve(localModelPath, modelId), what: "local model folder" }];
  // transformers.js also finds models it downloaded earlier in its cache: by default the same folder.
  const cached = cacheDir ? path.resolve(cacheDir, modelId) : undefined;
  if (cached === candidates[0].dir) candidates[0].what = "local model folder and download cache";
  else if (cached) candidates.push({ dir: cached, what: "download cache" });
  const found = candidates.find((c) => hasConfig(c.dir))?.dir;
  const remote = remoteHost ? `${remoteHost.replace(/\/$/, "")}/${modelId}` : undefined;
  return { loadId: modelId, isPath: false, candidates, found, remote };
}

function hasConfig(dir: string): boolean {
  return existsSync(path.join(dir, "config.json")) || existsSync(path.join(dir, "config.json.enc"));
}

function pickDtype(dir: string, requested: OnnxDtype): OnnxDtype {
  // An encrypted folder holds <file>.enc for each file.
  return availableDtype(dir, requested, true) ?? requested;
}

function lookedIn(where: Location): string[] {
  return [...where.candidates.map((c) => c.dir), ...(where.remote ? [where.remote] : [])];
}

function howToFix(modelId: string, allowRemote: boolean): string {
  const folder =
    `set semanticSearch.localModelPath (CLI: --local-model-path) to a folder that contains ${modelId} ` +
    `(config.json, tokenizer.json, ${ONNX_FILES.q8})`;
  return allowRemote
    ? `Check the network connection, or ${folder}.`
    : `${folder[0].toUpperCase()}${folder.slice(1)}, or allow downloads with semanticSearch.allowModelDownload / --allow-download.`;
}

function notFound(modelId: string, where: Location, allowRemote: boolean, dtype: OnnxDtype): ModelLoadError {
  const places = where.candidates.map((c) => `${c.dir} (${c.what})`).join(" or ");
  const message = where.isPath
    ? `Could not load embedding model "${modelId}": ${places} has no config.json. ` +
      `Point it at a folder that holds config.json, tokenizer.json and ${ONNX_FILES[dtype]}.`
    : `Could not load embedding model "${modelId}": not found in ${places}` +
      `${allowRemote ? "" : " and downloads are off"}. ${howToFix(modelId, allowRemote)}`;
  return new ModelLoadError(message, modelId, lookedIn(where), !where.isPath && !allowRemote);
}

function loadFailed(modelId: string, where: Location, allowRemote: boolean, err: unknown): ModelLoadError {
  const reason = err instanceof Error ? err.message : String(err);
  const message = where.found
    ? `Could not load embedding model "${modelId}" from ${where.found}: ${reason}`
    : `Could not load embedding model "${modelId}": not found in ` +
      `${where.candidates.map((c) => `${c.dir} (${c.what})`).join(" or ")}` +
      `${allowRemote && where.remote ? `, and downloading it from ${where.remote} failed: ${reason}` : `: ${reason}`}. ` +
      howToFix(modelId, allowRemote);
  return new ModelLoadError(message, modelId, lookedIn(where));
}
