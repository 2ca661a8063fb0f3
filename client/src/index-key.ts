// semanticSearch.encryptIndex: the key every folder's index is encrypted under (SQLCipher, see
// server/src/store/cipher.ts). It lives in the extension's SecretStorage (the OS keychain), created
// on first use as 32 random bytes, and reaches the server only in the server process's environment,
// SEMSEARCH_DB_KEY (server-launch.ts), which the server takes out of its process.env at start
// (server/src/lsp/env-key.ts). Never in initializationOptions: initialize's params cross the LSP
// wire and are printed in the output channel when semanticSearch.trace.server is verbose. Never in a
// setting, a file or the log either.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";

export const ENCRYPT_SETTING = "semanticSearch.encryptIndex";
/** The SecretStorage entry. */
export const KEY_SECRET = "semanticSearch.databaseKey";

/** SQLCipher's raw-key form: 256 bits, no key derivation needed. */
function newKey(): string {
  return `x'${randomBytes(32).toString("hex")}'`;
}

/**
 * The key to pass to the server, or undefined when encryption is off. With it on, the stored key, or a
 * new one stored first. A key another window stored meanwhile wins: what is stored is what is used.
 */
export async function indexKey(secrets: vscode.SecretStorage): Promise<string | undefined> {
  if (!vscode.workspace.getConfiguration("semanticSearch").get<boolean>("encryptIndex", false)) return undefined;
  const stored = await secrets.get(KEY_SECRET);
  if (stored) return stored;
  await secrets.store(KEY_SECRET, newKey());
  const key = await secrets.get(KEY_SECRET);
  if (!key) throw new Error("Semantic Search: the index key could not be kept in the secret storage (is the OS keychain available?)");
  return key;
}

/** Turning encryption on or off restarts the server: the key is part of its environment, set when it starts. */
export function restartOnEncryptChange(restart: () => void, log: (message: string) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(ENCRYPT_SETTING)) return;
    log(`${ENCRYPT_SETTING} changed: restarting the server`);
    restart();
  });
}
