// How `npm run eval` opens the engine over a corpus: the models it knows and the options it indexes
// and searches with. Kept apart from eval/run.ts so that a test can check the CLI ranks exactly as
// the eval measures (test/unit/eval-cli-agreement.test.ts): figures for a configuration the CLI does
// not run would say nothing about what a user, or a re-measurement through `semsearch search
// --json`, gets.
import { join } from "node:path";
import type { EngineOptions } from "../server/src/engine/options";
import type { ModelSpec } from "../server/src/embedding/model-spec";

const ROOT = join(__dirname, "..");

export const EVAL_MODELS: Record<string, ModelSpec> = {
  bundled: { model: "bundled" },
  // Not a meaningful model (random weights, 32 dimensions): a floor that shows what the pipeline
  // and BM25 alone are worth.
  tiny: { model: "semsearch/tiny-bert", localModelPath: join(ROOT, "test", "fixtures", "tiny-model") },
  // The default model, when it is in the model folder (~/.cache/semsearch/models or SEMSEARCH_MODELS);
  // not run unless asked for (--models minilm), and never downloaded.
  minilm: { model: "Xenova/all-MiniLM-L6-v2" },
};

/** The chunk size the eval measures unless --chunk-sizes says otherwise. */
export const EVAL_CHUNK_CHARS = 1000;

/** The engine options for one corpus, model and chunk size; the database lives in the corpus's .semsearch. */
export function evalEngineOptions(model: string, maxChunkChars: number, corpusDir: string): EngineOptions {
  const spec = EVAL_MODELS[model];
  if (!spec) throw new Error(`unknown model ${model}; known: ${Object.keys(EVAL_MODELS).join(", ")}`);
  return { root: corpusDir, dbPath: join(corpusDir, ".semsearch", `${model}-${maxChunkChars}.db`), model: spec, fallback: false, maxChunkChars };
}
