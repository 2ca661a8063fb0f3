// better-sqlite3 13 is a Node-API 10 addon. On a Node without Node-API 10 it does not fail to load:
// it crashes the whole process (WiseLibs/better-sqlite3#1514). So the store asks first, and turns what
// would be a segfault into a message that names the Node found, the Node needed and the fix.

/** The first Node.js release with Node-API 10; VS Code 1.101 (Electron 35) is the first VS Code with it. */
export const MIN_NODE = "22.14.0";
export const MIN_NAPI = 10;
export const MIN_VSCODE = "1.101";

export interface NodeVersions {
  node: string;
  napi?: string;
  electron?: string;
}

/** Why this Node cannot open the store, or undefined when it can. */
export function nodeSupportProblem(v: NodeVersions = process.versions): string | undefined {
  const napi = Number(v.napi ?? 0);
  if (napi >= MIN_NAPI) return undefined;
  const found = v.electron ? `Electron ${v.electron} with Node.js ${v.node}` : `Node.js ${v.node}`;
  return (
    `Semantic Search needs Node.js ${MIN_NODE} or later (Node-API ${MIN_NAPI}) for its database; this is ${found} (Node-API ${v.napi ?? "unknown"}). ` +
    `Fix: in VS Code, update to ${MIN_VSCODE} or later, or set semanticSearch.server.runtime to a Node.js ${MIN_NODE}+ executable; ` +
    `on the command line, run semsearch with Node.js ${MIN_NODE}+ (in this repository, \`npm install\` puts one in node_modules/.bin/node).`
  );
}
