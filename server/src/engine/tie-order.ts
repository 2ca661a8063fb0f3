// Equal scores are common (a chunk copied into two files, two files with the same heading and
// sentence). Left in id order, they rank differently in an index that was updated than in one
// built from scratch, because re-indexing a file gives its chunks new ids. Ordered by where they
// are in the folder instead, every index of the same files ranks them the same.
import type { Scored } from "../search/fusion";

export interface Place {
  path: string;
  startLine: number;
}

/** The list by score, equal scores by path then line; lists without ties come back as they are. */
export function byScoreThenPlace<T extends Scored>(list: T[], placeOf: (ids: number[]) => Map<number, Place>): T[] {
  if (!list.some((s, i) => i > 0 && s.score === list[i - 1].score)) return list;
  const places = placeOf(list.map((s) => s.id));
  const where = (id: number) => places.get(id) ?? { path: "", startLine: 0 };
  return [...list].sort((a, b) => {
    if (b.score !== a.score) return b.score - a.score;
    const pa = where(a.id);
    const pb = where(b.id);
    return pa.path < pb.path ? -1 : pa.path > pb.path ? 1 : pa.startLine - pb.startLine;
  });
}
