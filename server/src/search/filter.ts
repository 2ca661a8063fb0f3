// Metadata filters, the seed's WHERE clause: every key must match exactly. `path` is a glob over
// the file's path; a list-valued metadata key (tags) matches when any element does.
import picomatch from "picomatch";
import type { MetadataFilter } from "../../../shared/src/types";

export type ChunkPredicate = (path: string, metadata: Record<string, unknown>) => boolean;

export function compileFilter(filter: MetadataFilter | undefined): ChunkPredicate | undefined {
  const entries = Object.entries(filter ?? {});
  if (!entries.length) return undefined;
  const checks = entries.map(([key, expected]): ChunkPredicate => {
    if (key === "path") {
      const isMatch = picomatch(expected, { dot: true });
      return (path) => isMatch(path);
    }
    return (_path, metadata) => matches(metadata[key], expected);
  });
  return (path, metadata) => checks.every((check) => check(path, metadata));
}

function matches(value: unknown, expected: string): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => matches(v, expected));
  return String(value).toLowerCase() === expected.toLowerCase();
}

/** Parses `key=value` pairs as given on the command line. */
export function parseFilterArgs(pairs: string[]): MetadataFilter {
  const filter: MetadataFilter = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new Error(`A filter is key=value (for example category=science); got "${pair}".`);
    filter[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return filter;
}
