// What the language server process is started with: its initializationOptions and what is added to
// its environment. The index key (index-key.ts) goes in the environment only. initialize's params,
// initializationOptions included, cross the LSP wire, and the client prints them in the output
// channel when semanticSearch.trace.server is verbose; a process's environment is never traced.
// Kept free of `vscode` so that a unit test checks it as it is.
import type { InitOptions } from "../../shared/src/protocol";

/** The variable the language server (server/src/lsp/env-key.ts) and the CLI (server/src/cli/db-key.ts) read the key from. */
export const DB_KEY_ENV = "SEMSEARCH_DB_KEY";

export interface ServerLaunch {
  initializationOptions: InitOptions;
  /** Laid over the extension host's environment by vscode-languageclient (NodeModule options.env). */
  env: Record<string, string | undefined>;
}

export function serverLaunch(opts: { storagePath: string; model?: string; databaseKey?: string }): ServerLaunch {
  return {
    initializationOptions: {
      storagePath: opts.storagePath,
      model: opts.model || undefined,
      // A model that is not on disk is the user's call (see model-choice.ts), not a silent fallback.
      askForMissingModel: true,
    },
    // With encryption off the variable is unset rather than left out: the extension host may have
    // inherited a key from a shell that exported it for the CLI, and that must not turn encryption on
    // behind the setting's back. (Node leaves a variable whose value is undefined out of a child's
    // environment.)
    env: { [DB_KEY_ENV]: opts.databaseKey },
  };
}
