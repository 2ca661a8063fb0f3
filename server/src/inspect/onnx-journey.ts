// A text's journey through an ONNX encoder. The file names only its final output, so the hidden
// state after the embeddings and after each layer, and each layer's attention probabilities, are
// added as graph outputs (found by ./onnx-layers) and the edited bytes handed to onnxruntime.
// The tokenizer and truncation are the search's own (transformers.js, at most 256 tokens, [SEP]
// kept), so that the last stop, pooled and normalised, is the search's embedding.
//
// Runs in the embedding worker: onnxruntime-node's addon can be loaded by one thread only.
import { readFile, stat } from "node:fs/promises";
import { relative } from "node:path";
import { onnxruntime, type Ort } from "../embedding/onnxruntime";
import { l2Normalize, meanPool } from "../embedding/pooling";
import type { ModelLocation, OnnxDtype } from "./model-files";
import { onnxFile } from "./model-files";
import { planLayers, type LayerPlan } from "./onnx-layers";
import { parseOnnx, withExtraOutputs } from "./onnx-model";
import { averageHeads, type Trace, type TraceAttention } from "./trace";

type Session = Awaited<ReturnType<Ort["InferenceSession"]["create"]>>;

interface TokenTensor {
  data: BigInt64Array;
  dims: number[];
}
interface Tokenizer {
  (texts: string[], options: { padding: boolean; truncation: boolean; max_length: number }): Record<string, TokenTensor>;
  encode(text: string): number[];
  sep_token_id?: number;
  model: { convert_ids_to_tokens(ids: number[]): string[] };
}

interface Tracer {
  key: string;
  run(text: string): Promise<Trace>;
  release(): Promise<void>;
}

/** sentence-transformers' max_seq_length, as in the provider. */
const MAX_TOKENS = 256;

let current: Promise<Tracer> | undefined;

export async function traceOnnx(location: Extract<ModelLocation, { kind: "onnx" }>, text: string, dtype: OnnxDtype = "q8"): Promise<Trace> {
  const file = onnxFile(location.dir, dtype);
  const key = `${file.path}:${(await stat(file.path)).mtimeMs}`;
  let tracer = await current?.catch(() => undefined);
  if (tracer?.key !== key) {
    // One model's session at a time: a session holds the whole model in memory.
    await tracer?.release();
    current = openTracer(location, file.path, key);
    current.catch(() => (current = undefined));
    tracer = await current;
  }
  return tracer.run(text);
}

async function openTracer(location: Extract<ModelLocation, { kind: "onnx" }>, path: string, key: string): Promise<Tracer> {
  const bytes = new Uint8Array(await readFile(path));
  const graph = parseOnnx(bytes);
  const plan = planLayers(graph);
  const attentionTensors = Array.isArray(plan.attention) ? plan.attention : [];
  // The copy transformers.js loaded: the worker's one onnxruntime addon.
  const ort: Ort = onnxruntime();
  const session = await ort.InferenceSession.create(withExtraOutputs(bytes, graph, [...plan.hidden, ...attentionTensors]));
  const tokenizer = await loadTokenizer(location.dir);
  const positions = Number(location.config.max_position_embeddings) || Infinity;
  const maxTokens = Math.min(MAX_TOKENS, positions);
  const file = relative(location.dir, path).split("\\").join("/");
  const notes: string[] = [];
  const configured = Number(location.config.num_hidden_layers);
  if (configured && configured !== plan.hidden.length - 1) {
    notes.push(`config.json says ${configured} layers but ${plan.hidden.length - 1} were found in the graph.`);
  }
  if (!Array.isArray(plan.attention)) notes.push(`Attention is not available: ${plan.attention.missing}.`);
  return {
    key,
    release: () => session.release(),
    run: (text) => run(ort, session, tokenizer, plan, maxTokens, { model: location.modelId, file, notes }, text),
  };
}

async function loadTokenizer(dir: string): Promise<Tokenizer> {
  const hf = await import("@huggingface/transformers");
  // An absolute folder is read as a path by transformers.js; local_files_only: never the network.
  return (await hf.AutoTokenizer.from_pretrained(dir, { local_files_only: true })) as unknown as Tokenizer;
}

async function run(
  ort: Ort,
  session: Session,
  tokenizer: Tokenizer,
  plan: LayerPlan,
  maxTokens: number,
  about: { model: string; file: string; notes: string[] },
  text: string,
): Promise<Trace> {
  const enc = tokenizer([text], { padding: false, truncation: true, max_length: maxTokens });
  const ids = enc.input_ids.data;
  const seq = enc.input_ids.dims[1];
  // As the provider does: a cut sequence ends with [SEP] again, as in Hugging Face.
  const sep = tokenizer.sep_token_id;
  if (sep !== undefined && seq >= maxTokens && tokenizer.encode("").at(-1) === sep) ids[seq - 1] = BigInt(sep);
  const feeds: Record<string, InstanceType<Ort["Tensor"]>> = {};
  for (const name of session.inputNames) {
    const given = enc[name];
    // A model may want token_type_ids that a tokenizer does not give: all zeros, one segment.
    const data = given ? given.data : new BigInt64Array(seq);
    feeds[name] = new ort.Tensor("int64", data, [1, seq]);
  }
  const out = await session.run(feeds);
  const tensor = (name: string) => {
    const t = out[name];
    if (!t) throw new Error(`the model gave no output "${name}"`);
    return { data: t.data as Float32Array, dims: t.dims as number[] };
  };

  const tokenStops = plan.hidden.map((name, i) => {
    const t = tensor(name);
    if (t.dims.length !== 3 || t.dims[1] !== seq) throw new Error(`${name}: expected [1, ${seq}, width], got [${t.dims.join(", ")}]`);
    return { name: i === 0 ? "embeddings" : `layer ${i}`, tensor: name, width: t.dims[2], data: Float32Array.from(t.data) };
  });
  const last = tokenStops[tokenStops.length - 1];
  const mask = enc.attention_mask?.data ?? new BigInt64Array(seq).fill(1n);
  const pooled = meanPool(last.data, [1, seq, last.width], mask)[0];
  let attention: TraceAttention[] | { missing: string };
  if (Array.isArray(plan.attention)) {
    attention = plan.attention.map((name) => {
      const t = tensor(name);
      if (t.dims.length !== 4 || t.dims[2] !== seq || t.dims[3] !== seq) throw new Error(`${name}: expected [1, heads, ${seq}, ${seq}], got [${t.dims.join(", ")}]`);
      return { tensor: name, heads: t.dims[1], data: averageHeads(t.data, t.dims[1], seq) };
    });
  } else attention = plan.attention;

  return {
    model: about.model,
    tokens: tokenizer.model.convert_ids_to_tokens(Array.from(ids, Number)),
    layers: tokenStops.length - 1,
    tokenStops,
    sentenceStops: [
      { name: "mean pooled", tensor: `mean of ${last.tensor} over tokens`, width: last.width, data: pooled },
      { name: "normalised (the embedding)", tensor: "mean pooled / its length", width: last.width, data: l2Normalize(pooled) },
    ],
    attention,
    source: `${about.file}, run by onnxruntime with the hidden states and attention probabilities added as graph outputs (found by ${plan.strategy})`,
    notes: about.notes,
  };
}
