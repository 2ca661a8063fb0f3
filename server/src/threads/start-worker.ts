// Starts one of the server's worker threads (the embedding worker, a folder's engine thread). Built,
// the thread's bundle sits beside the caller's in dist/; from sources (tests under tsx) its .ts file is
// loaded through tsx.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

export function startWorker(dir: string, name: string): Worker {
  const built = join(dir, `${name}.js`);
  if (existsSync(built)) return new Worker(built);
  const source = join(dir, `${name}.ts`);
  return new Worker(`require("tsx/cjs"); require(${JSON.stringify(source)});`, { eval: true });
}
