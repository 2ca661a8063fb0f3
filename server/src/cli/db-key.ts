// --encrypt and --key-file: the key of an encrypted store (store/cipher.ts), for every command that
// opens one. The key comes from a file only its owner can read, or from SEMSEARCH_DB_KEY; it is never
// taken on the command line, where other users see it in the process list.
import { readFileSync, statSync } from "node:fs";
import type { ParseArgsConfig } from "node:util";
import { keyFormatProblem } from "../store/cipher";
import { UsageError } from "./args";

export const DB_KEY_OPTIONS = {
  encrypt: { type: "boolean", default: false },
  "key-file": { type: "string" },
} as const satisfies ParseArgsConfig["options"];

export const DB_KEY_USAGE = "[--encrypt] [--key-file FILE]";

export const KEY_ENV = "SEMSEARCH_DB_KEY";

export interface DbKeyChoice {
  /** The key, when one was given (an encrypted store is opened with it; a plaintext one ignores it). */
  databaseKey?: string;
  /** --encrypt: the store must be encrypted (a new one is created so). */
  encrypt: boolean;
}

/** The key the options and environment give, checked; --encrypt with no key is a usage error. */
export function dbKeyFrom(values: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): DbKeyChoice {
  const file = values["key-file"] as string | undefined;
  const encrypt = Boolean(values.encrypt);
  const key = file !== undefined ? readKeyFile(file) : env[KEY_ENV] || undefined;
  if (encrypt && key === undefined) {
    throw new UsageError(`--encrypt needs a key: set ${KEY_ENV} (a passphrase, or x'<64 hex digits>') or give --key-file FILE (readable by you only).`);
  }
  if (key !== undefined) {
    const problem = keyFormatProblem(key);
    if (problem) throw new UsageError(`${problem} (${file !== undefined ? `--key-file ${file}` : KEY_ENV}).`);
  }
  return { databaseKey: key, encrypt };
}

/** A key file's first line. One that its group or others may read is refused: the key is only as private as the file. */
export function readKeyFile(file: string): string {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (err) {
    throw new UsageError(`cannot read the key file ${file}: ${(err as Error).message}`);
  }
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new UsageError(
      `the key file ${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): make it yours only with \`chmod 600 ${file}\`.`,
    );
  }
  const key = readFileSync(file, "utf8").split(/\r?\n/)[0];
  if (!key) throw new UsageError(`the key file ${file} is empty: its first line is the key.`);
  return key;
}
