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
    // Own keys only: a filter on "__proto__" or "constructor" looks for that key, not the prototype's.
    return (_path, metadata) => matches(Object.hasOwn(metadata, key) ? metadata[key] : undefined, expected);
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
  // No prototype: `__proto__=x` becomes a key to filter on, not a write to Object.prototype's slot.
  const filter: MetadataFilter = Object.create(null);
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new Error(`A filter is key=value (for example category=science); got "${pair}".`);
    filter[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return filter;
}
