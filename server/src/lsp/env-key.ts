// The database key from the server's environment, SEMSEARCH_DB_KEY, as the CLI takes it. It is how
// the VS Code extension passes the key (client/src/server-launch.ts), and the way for any client that
// starts the server to keep the key out of the protocol: initializationOptions.databaseKey works too,
// but initialize's params are printed by a client that traces the protocol. The key is taken out of
// process.env at start, so that the engine and embedding threads (a Worker copies process.env when it
// starts) and any process the server starts never hold a copy.
import type { InitOptions } from "../../../shared/src/protocol";
import { KEY_ENV } from "../cli/db-key";
import { keyFormatProblem } from "../store/cipher";

/** The key in `env`, if any, removed from it. An empty value counts as none (and is removed too). */
export function takeEnvKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env[KEY_ENV];
  delete env[KEY_ENV];
  return key || undefined;
}

/**
 * The key every folder's store is opened with: initializationOptions.databaseKey when the client gave
 * one (it is the more specific of the two), else the environment's. Notes for the log never hold the key.
 */
export function databaseKeyFor(init: InitOptions, envKey: string | undefined, log: (message: string) => void): string | undefined {
  if (init.databaseKey !== undefined && envKey !== undefined && init.databaseKey !== envKey) {
    log(`initializationOptions.databaseKey and ${KEY_ENV} differ: the stores are opened with initializationOptions.databaseKey.`);
  }
  const key = init.databaseKey ?? envKey;
  if (key === undefined) return undefined;
  // Kept even when malformed: each folder then fails to open and says so, rather than being indexed
  // into a plaintext store its user meant to be encrypted.
  const problem = keyFormatProblem(key);
  if (problem) log(`${init.databaseKey !== undefined ? "initializationOptions.databaseKey" : KEY_ENV}: ${problem}. No folder's index opens until it is fixed.`);
  return key;
}
