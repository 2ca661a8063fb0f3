// How a model's stored vectors were made, beyond the model's id: the bundled model can read long
// chunks in more than one way (embedding/bundled.ts, LongTexts), and each gives other vectors for
// them. The recipe's key is folded into every file's stored hash (indexer.ts, contentHash), so that
// a file embedded another way is embedded again by the next pass, file by file, and a cancelled pass
// resumes where it stopped: one index never mixes two kinds of vector for long. The store also
// remembers the key in `meta`, only to tell the user once why a pass re-embeds a whole index.
import type Database from "better-sqlite3";
import { deleteMetaValue, metaValue, setMetaValue } from "../store/meta";

/** A chunk's metadata as the chunker gives it (chunking/index.ts): its `kind`, and a code chunk's `symbol`. */
export type ChunkMetadata = Record<string, unknown>;

export interface VectorRecipe {
  modelId: string;
  /** Folded into file hashes; none for the way indexes were made before recipes. */
  key?: string;
  /** Completes "<model> now ...", for the note. */
  description: string;
  /**
   * What the model is given for a chunk, when not its text as it is: the bundled model reads code
   * chunks as words (embedding/use-lite/code-view.ts). Only the vector is made from it; the store
   * keeps the chunk's own text.
   */
  chunkText?(text: string, path: string, metadata: ChunkMetadata): string;
}

const metaKey = (modelRow: number) => `vectors.recipe.${modelRow}`;

/** The recipe key last indexed with for a model's row; undefined for an index made without one. */
export function recordedRecipe(db: Database.Database, modelRow: number): string | undefined {
  return metaValue(db, metaKey(modelRow));
}

export function recordRecipe(db: Database.Database, modelRow: number, key: string | undefined): void {
  if (key === undefined) deleteMetaValue(db, metaKey(modelRow));
  else setMetaValue(db, metaKey(modelRow), key);
}

/** The one-line note for a pass that re-embeds an index made with another recipe. */
export function recipeChangeNote(recipe: VectorRecipe, files: number): string {
  return `Re-embedding all ${files} indexed file${files === 1 ? "" : "s"} once: ${recipe.modelId} now ${recipe.description}, and this index was made otherwise; search keeps working meanwhile.`;
}
