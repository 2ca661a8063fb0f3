// The optional client capabilities the server uses, each with a fallback when it is missing: a client
// that can do nothing but speak JSON-RPC still gets its folders indexed, kept fresh and searched.
import { pathToFileURL } from "node:url";
import type { ClientCapabilities, InitializeParams } from "vscode-languageserver/node";

export interface ClientFeatures {
  /** workspace/configuration: else initializationOptions.settings and didChangeConfiguration's settings. */
  configuration: boolean;
  /** Dynamic registration of didChangeConfiguration: else the client sends it unasked, or never. */
  configurationRegistration: boolean;
  /** Dynamic registration of file watchers: else the server watches the folders itself. */
  watchFiles: boolean;
  /** window/workDoneProgress: else indexing shows in the status notification only. */
  workDoneProgress: boolean;
  /** workspace/didChangeWorkspaceFolders: else the folders are those of initialize for good. */
  workspaceFolders: boolean;
}

export function clientFeatures(c: ClientCapabilities | undefined): ClientFeatures {
  return {
    configuration: c?.workspace?.configuration === true,
    configurationRegistration: c?.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchFiles: c?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workDoneProgress: c?.window?.workDoneProgress === true,
    workspaceFolders: c?.workspace?.workspaceFolders === true,
  };
}

/** The workspace folders of initialize; a client without them names one root (rootUri, or the older rootPath). */
export function initialFolders(params: InitializeParams): { uri: string; name?: string }[] {
  // Checked, not trusted: a folder that is not {uri: string} is left out rather than failing initialize.
  const folders = Array.isArray(params.workspaceFolders) ? params.workspaceFolders.filter((f) => typeof f?.uri === "string" && f.uri) : [];
  if (folders.length) return folders;
  if (typeof params.rootUri === "string" && params.rootUri) return [{ uri: params.rootUri, name: "root" }];
  if (typeof params.rootPath === "string" && params.rootPath) return [{ uri: pathToFileURL(params.rootPath).href, name: "root" }];
  return [];
}
