// A workspace folder (lsp/folder-index.ts) as a local socket's target: the language server and
// `semsearch serve` hold their folders this way.
import type { FolderIndex } from "../lsp/folder-index";
import type { SocketTarget } from "./listener";

export function folderSocketTarget(folder: FolderIndex, configuredModel: () => string | undefined): SocketTarget {
  return {
    root: folder.root,
    dbPath: folder.dbPath,
    // Answers while a pass runs too (from what is indexed so far), as the editor's searches do.
    engine: () => (folder.state === "idle" || folder.state === "indexing" ? folder.engine : undefined),
    configuredModel,
    state: () => folder.state,
    // The folder's pass, as the editor's Re-index command starts it (it cancels a pass that runs).
    reindex: (rebuild) => folder.index({ rebuild }),
  };
}
