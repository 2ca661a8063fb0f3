// The HNSW flags of `index` and `search`. M and efConstruction shape the graph, so a value other
// than the one the saved index was built with rebuilds it from the stored vectors (once: the
// rebuilt index is saved with the new values); efSearch only trades query time for recall.
import { DEFAULT_HNSW, type HnswParams } from "../index/hnsw-index";
import { UsageError } from "./args";

export const HNSW_OPTIONS = {
  "hnsw-m": { type: "string" },
  "hnsw-ef-construction": { type: "string" },
  "hnsw-ef-search": { type: "string" },
} as const;

export const HNSW_USAGE = `[--hnsw-m N] [--hnsw-ef-construction N] [--hnsw-ef-search N (0 = grows with the index)]`;

/** The HNSW parameters the flags ask for, defaults filling the rest; undefined when none is given. */
export function hnswFrom(values: Record<string, unknown>): HnswParams | undefined {
  const read = (flag: string, min: number, fallback: number): number => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} takes a whole number of at least ${min}; got "${raw}".`);
    return n;
  };
  if (values["hnsw-m"] === undefined && values["hnsw-ef-construction"] === undefined && values["hnsw-ef-search"] === undefined) return undefined;
  return {
    // hnswlib needs M >= 2; below that the graph does not connect.
    m: read("hnsw-m", 2, DEFAULT_HNSW.m),
    efConstruction: read("hnsw-ef-construction", 1, DEFAULT_HNSW.efConstruction),
    // efSearch 0 = grow with the index size (efSearchFor).
    efSearch: read("hnsw-ef-search", 0, DEFAULT_HNSW.efSearch),
  };
}
