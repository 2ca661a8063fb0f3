// The built CLI as tests drive it (npm test builds first): its path, the options that select the
// tiny test model (scripts/make-tiny-model.py; fast, offline), and a child run whose output is kept.
import { spawn } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..");
export const CLI = join(ROOT, "bin", "semsearch");
export const TINY_MODEL_DIR = join(ROOT, "test", "fixtures", "tiny-model");
/** Model options for any model-loading command: the tiny BERT in test/fixtures. */
export const TINY = ["--model", "semsearch/tiny-bert", "--local-model-path", TINY_MODEL_DIR];

/** Starts `semsearch <args>` and resolves when it exits, with its exit code and everything it wrote. */
export function startCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(CLI, args, { env });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, out, err })));
}
