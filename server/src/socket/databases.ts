// Which databases a running server may hold a folder's index in, in the order an asker tries their
// sockets: the one named by --db; without it, <dir>/.semsearch/index.db (`semsearch index`, `serve`)
// and the language server's default one in the per-user cache (an editor without storagePath).
import { join, resolve } from "node:path";
import { defaultDbPath } from "../engine/options";
import { storageDirFor } from "../lsp/storage";

export function serverDatabasesFor(root: string, db?: string): string[] {
  return db ? [resolve(db)] : [defaultDbPath(root), join(storageDirFor(root), "index.db")];
}
