// Where the extension's language server keeps each folder's index: the storage folder the client
// gives it (initializationOptions.storagePath), keyed per folder the way the server does it
// (server/src/lsp/storage.ts, Workspace.dbPathFor). The MCP server definitions (mcp-servers.ts) name
// the same database, so agent mode searches the editor's index instead of building a second one.
import { join } from "node:path";
import type * as vscode from "vscode";
import { storageDirFor } from "../../server/src/lsp/storage";

/** initializationOptions.storagePath: the workspace's storage, or the global one without a workspace. */
export function serverStoragePath(context: vscode.ExtensionContext): string {
  return context.storageUri?.fsPath ?? context.globalStorageUri.fsPath;
}

/** The language server's database for a workspace folder. */
export function serverDbPath(context: vscode.ExtensionContext, root: string): string {
  return join(storageDirFor(root, serverStoragePath(context)), "index.db");
}
