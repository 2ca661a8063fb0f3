// Where hybrid loses a code question: finding the answer's file, or picking the answer's chunk inside
// it. File ranks run about 0.2 nDCG@10 above chunk ranks on the evaluation, and most of that gap is
// the order inside the right file (docs/search-quality.md, nineteenth round); these counts track it.
import type { QueryRecord } from "./report";

export interface LostWhere {
  n: number;
  /** Hybrid ranks a file of a best-graded answer first. */
  fileFirst: number;
  /** Hybrid ranks a chunk of a best-graded answer first. */
  chunkFirst: number;
  /** The answer's file first, and another of its chunks (or another file's) above the answer. */
  fileFirstChunkNot: number;
  /** The answer's file in the top 10 (by file ranks), and no answer chunk in the chunk top 10. */
  fileOnly: number;
}

export function lostWhere(records: QueryRecord[]): LostWhere {
  const out: LostWhere = { n: records.length, fileFirst: 0, chunkFirst: 0, fileFirstChunkNot: 0, fileOnly: 0 };
  for (const r of records) {
    const { chunk, file } = r.modes.hybrid;
    if (file.best === 1) out.fileFirst++;
    if (chunk.best === 1) out.chunkFirst++;
    if (file.best === 1 && chunk.best !== 1) out.fileFirstChunkNot++;
    if (file.best !== null && chunk.best === null) out.fileOnly++;
  }
  return out;
}
