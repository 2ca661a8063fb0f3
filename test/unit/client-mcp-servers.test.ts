// The extension's MCP server definitions (client/src/mcp-servers.ts) against a fake `vscode` module:
// what agent mode is told to start, the setting that turns it off without a reload, and older VS Code
// versions without the API. Plus the manifest entry the API needs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { storageDirFor } from "../../server/src/lsp/storage";
import { Workspace } from "../../server/src/lsp/workspace";
import { installFakeVscode } from "../helpers/fake-vscode";

type Listener = (e: unknown) => void;

class FakeEmitter {
  listeners: Listener[] = [];
  event = (l: Listener) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e?: unknown) {
    for (const l of this.listeners) l(e);
  }
  dispose() {
    this.listeners = [];
  }
}

class FakeDefinition {
  cwd: unknown;
  constructor(
    readonly label: string,
    readonly command: string,
    readonly args: string[],
    readonly env: Record<string, string>,
    readonly version?: string,
  ) {}
}

const settings: Record<string, unknown> = {};
const configListeners: Listener[] = [];
const registered: { id: string; provider: { provideMcpServerDefinitions(): FakeDefinition[]; onDidChangeMcpServerDefinitions: (l: Listener) => unknown } }[] = [];
const fakeVscode = {
  EventEmitter: FakeEmitter,
  McpStdioServerDefinition: FakeDefinition,
  workspace: {
    workspaceFolders: [
      { name: "proj", uri: { scheme: "file", fsPath: "/work/proj" } },
      { name: "remote", uri: { scheme: "vscode-remote", fsPath: "/r" } },
    ],
    getConfiguration: (section: string) => ({ get: (key: string, fallback?: unknown) => settings[`${section}.${key}`] ?? fallback }),
    onDidChangeConfiguration: (l: Listener) => (configListeners.push(l), { dispose() {} }),
    onDidChangeWorkspaceFolders: () => ({ dispose() {} }),
  },
  lm: {
    registerMcpServerDefinitionProvider: (id: string, provider: (typeof registered)[number]["provider"]) => (registered.push({ id, provider }), { dispose() {} }),
  } as Record<string, unknown>,
};

installFakeVscode(fakeVscode);
const { registerMcpServers, MCP_PROVIDER_ID } = require("../../client/src/mcp-servers") as typeof import("../../client/src/mcp-servers");
const { serverStoragePath } = require("../../client/src/server-storage") as typeof import("../../client/src/server-storage");

const context = {
  asAbsolutePath: (p: string) => join("/ext", p),
  storageUri: { fsPath: "/storage/ws1" },
  globalStorageUri: { fsPath: "/storage/global" },
  extension: { packageJSON: { version: "9.8.7" } },
};
const root = join(import.meta.dirname ?? __dirname, "../..");

function provider() {
  registered.length = 0;
  const disposable = registerMcpServers(context as never);
  assert.ok(disposable, "registered where the API exists");
  assert.equal(registered.length, 1);
  return registered[0];
}

test("each file folder becomes a stdio server: the extension's dist/mcp.js on the extension host's Node, on the language server's database", () => {
  for (const k of Object.keys(settings)) delete settings[k];
  const { id, provider: p } = provider();
  assert.equal(id, MCP_PROVIDER_ID);
  const defs = p.provideMcpServerDefinitions();
  assert.equal(defs.length, 1, "the non-file folder is left out");
  const d = defs[0];
  assert.equal(d.label, "Semantic Search: proj");
  assert.equal(d.command, process.execPath);
  assert.deepEqual(d.env, { ELECTRON_RUN_AS_NODE: "1" });
  assert.deepEqual(d.args.slice(0, 4), [join("/ext", "dist/mcp.js"), "mcp", "--dir", "/work/proj"]);
  assert.equal(d.args[4], "--db");
  // The database the language server opens for this folder: the client's storagePath (initializationOptions),
  // keyed as the server keys it; so with the editor's server running the MCP server asks it over its socket.
  const lspWorkspace = new Workspace({ storagePath: "/storage/ws1" }, () => undefined, () => undefined, () => undefined);
  assert.equal(d.args[5], lspWorkspace.dbPathFor("/work/proj"));
  assert.equal(d.args[5], join(storageDirFor("/work/proj", "/storage/ws1"), "index.db"));
  assert.doesNotMatch(d.args[5], /\/mcp\//, "no database of its own under the extension's storage");
  assert.equal(d.args.length, 6, "no model options when none is set");
  assert.equal(d.version, "9.8.7");
  assert.deepEqual(d.cwd, fakeVscode.workspace.workspaceFolders[0].uri);
});

test("without a workspace storage, the language server and the MCP definition both use the global storage", () => {
  const global = { ...context, storageUri: undefined };
  assert.equal(serverStoragePath(global as never), "/storage/global");
  registered.length = 0;
  registerMcpServers(global as never);
  const d = registered[0].provider.provideMcpServerDefinitions()[0];
  assert.equal(d.args[5], join(storageDirFor("/work/proj", "/storage/global"), "index.db"));
  // The language client passes the same storagePath in its initializationOptions.
  assert.match(readFileSync(join(root, "client/src/server.ts"), "utf8"), /storagePath: serverStoragePath\(this\.context\)/);
});

test("the model settings and another Node (semanticSearch.server.runtime) are passed on", () => {
  Object.assign(settings, {
    "semanticSearch.model": "bundled",
    "semanticSearch.allowModelDownload": true,
    "semanticSearch.fallbackToBundled": false,
    "semanticSearch.server.runtime": process.execPath,
  });
  const d = provider().provider.provideMcpServerDefinitions()[0];
  assert.equal(d.command, process.execPath);
  assert.deepEqual(d.env, {}, "a real Node needs no ELECTRON_RUN_AS_NODE");
  assert.deepEqual(d.args.slice(6), ["--model", "bundled", "--allow-download", "--no-fallback"]);
  for (const k of Object.keys(settings)) delete settings[k];
});

test("semanticSearch.mcp.enabled = false offers nothing, and the change is announced (no reload)", () => {
  const { provider: p } = provider();
  let announced = 0;
  p.onDidChangeMcpServerDefinitions(() => announced++);
  settings["semanticSearch.mcp.enabled"] = false;
  for (const l of configListeners) l({ affectsConfiguration: (s: string) => s === "semanticSearch.mcp.enabled" });
  assert.equal(announced, 1);
  assert.deepEqual(p.provideMcpServerDefinitions(), []);
  for (const l of configListeners) l({ affectsConfiguration: (s: string) => s === "editor.fontSize" });
  assert.equal(announced, 1, "unrelated settings do not announce a change");
  settings["semanticSearch.mcp.enabled"] = true;
  assert.equal(p.provideMcpServerDefinitions().length, 1);
});

test("a VS Code without vscode.lm.registerMcpServerDefinitionProvider: nothing is registered, nothing throws", () => {
  const register = fakeVscode.lm.registerMcpServerDefinitionProvider;
  delete fakeVscode.lm.registerMcpServerDefinitionProvider;
  try {
    assert.equal(registerMcpServers(context as never), undefined);
  } finally {
    fakeVscode.lm.registerMcpServerDefinitionProvider = register;
  }
});

test("the manifest declares the provider and the setting; the extension registers it; the .vsix carries dist/mcp.js", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  assert.deepEqual(pkg.contributes.mcpServerDefinitionProviders, [{ id: MCP_PROVIDER_ID, label: "Semantic Search" }]);
  const setting = pkg.contributes.configuration.properties["semanticSearch.mcp.enabled"];
  assert.equal(setting.type, "boolean");
  assert.equal(setting.default, true);
  const [, minor] = /^\^1\.(\d+)\./.exec(pkg.engines.vscode) ?? [];
  assert.ok(Number(minor) >= 101, "the API needs VS Code 1.101");
  assert.match(readFileSync(join(root, "client/src/extension.ts"), "utf8"), /registerMcpServers\(context\)/);
  assert.match(readFileSync(join(root, ".vscodeignore"), "utf8"), /^!dist\/mcp\.js$/m);
  assert.ok(pkg.dependencies["@modelcontextprotocol/sdk"], "the SDK is a production dependency (packaged)");
});
