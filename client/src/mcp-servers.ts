// Offers each workspace folder's index to VS Code's agent mode (Copilot and any other MCP client in
// the editor) as an MCP stdio server, so that it can search by meaning with no configuration. Only on
// VS Code versions with `vscode.lm.registerMcpServerDefinitionProvider` (1.101+); elsewhere nothing
// happens. `semanticSearch.mcp.enabled` turns it off and on without a reload.
//
// The server is dist/mcp.js (`semsearch mcp`) on the Node.js the language server runs on: the
// extension host's own (Electron, run as Node) unless `semanticSearch.server.runtime` names another.
// Its database is the language server's for that folder (--db): while the extension's server runs,
// `semsearch mcp` asks it over its local socket and opens no index of its own (no second index, no
// second model in memory); if that server is not running, it opens the same database itself (the
// store's writer lock keeps two writers apart).
import * as vscode from "vscode";
import { resolveRuntime } from "./runtime";
import { serverDbPath } from "./server-storage";

/** The id in package.json's contributes.mcpServerDefinitionProviders. */
export const MCP_PROVIDER_ID = "semanticSearch.mcpServers";

/** Settings whose change changes the definitions. */
const WATCHED = ["semanticSearch.mcp.enabled", "semanticSearch.model", "semanticSearch.localModelPath", "semanticSearch.allowModelDownload", "semanticSearch.fallbackToBundled", "semanticSearch.server.runtime"];

export class McpServers implements vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeMcpServerDefinitions = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (WATCHED.some((s) => e.affectsConfiguration(s))) this.changed.fire();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed.fire()),
    ];
  }

  provideMcpServerDefinitions(): vscode.McpStdioServerDefinition[] {
    if (!vscode.workspace.getConfiguration("semanticSearch").get<boolean>("mcp.enabled", true)) return [];
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file").map((f) => this.definition(f));
  }

  private definition(folder: vscode.WorkspaceFolder): vscode.McpStdioServerDefinition {
    const config = vscode.workspace.getConfiguration("semanticSearch", folder.uri);
    const runtime = resolveRuntime(config.get<string>("server.runtime", ""));
    const root = folder.uri.fsPath;
    const args = [this.context.asAbsolutePath("dist/mcp.js"), "mcp", "--dir", root, "--db", serverDbPath(this.context, root)];
    const model = config.get<string>("model");
    if (model) args.push("--model", model);
    const localModelPath = config.get<string>("localModelPath");
    if (localModelPath) args.push("--local-model-path", localModelPath);
    if (config.get<boolean>("allowModelDownload", false)) args.push("--allow-download");
    if (!config.get<boolean>("fallbackToBundled", true)) args.push("--no-fallback");
    // Electron is Node only when told so; another Node needs nothing.
    const command = runtime.kind === "path" ? runtime.path : process.execPath;
    const env: Record<string, string> = runtime.kind === "path" ? {} : { ELECTRON_RUN_AS_NODE: "1" };
    const version = String(this.context.extension?.packageJSON?.version ?? "");
    const definition = new vscode.McpStdioServerDefinition(`Semantic Search: ${folder.name}`, command, args, env, version || undefined);
    definition.cwd = folder.uri;
    return definition;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Registers the provider where VS Code has the API; returns what to dispose, or undefined. */
export function registerMcpServers(context: vscode.ExtensionContext): vscode.Disposable | undefined {
  const lm = vscode.lm as Partial<typeof vscode.lm> | undefined;
  if (typeof lm?.registerMcpServerDefinitionProvider !== "function") return undefined;
  const servers = new McpServers(context);
  const registration = lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, servers);
  return { dispose: () => (registration.dispose(), servers.dispose()) };
}
