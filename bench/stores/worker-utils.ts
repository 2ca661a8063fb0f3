import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Bytes of every file below a folder: a store's size on disk. */
export function bytesUnder(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? bytesUnder(p) : statSync(p).size;
  }
  return total;
}
