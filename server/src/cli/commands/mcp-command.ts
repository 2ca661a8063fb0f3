// `semsearch mcp`: the index of one folder as an MCP server over stdio, for coding agents (Claude
// Code, Copilot agent mode, Cursor, Codex). stdout carries the protocol, so everything else goes to
// stderr. When a running language server or `semsearch serve` holds the folder's index, the tools ask
// it over its local socket (mcp/routed-backend.ts); else the process opens the index itself and brings
// it up to date in the background at start, answering searches meanwhile.
import { resolve } from "node:path";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { version } from "../../../../package.json";
import { RoutedBackend } from "../../mcp/routed-backend";
import { SocketBackend } from "../../mcp/socket-backend";
import { createMcpServer } from "../../mcp/tools";
import { serverDatabasesFor } from "../../socket/databases";
import { modelSpecFrom, parse, UsageError } from "../args";
import { DB_KEY_OPTIONS, dbKeyFrom } from "../db-key";
import { usage } from "./index-command";

export const MCP_USAGE = "semsearch mcp [--dir DIR] [--db FILE] [--model ID|bundled] [--no-index] [--encrypt] [--key-file FILE]   an MCP server over stdio, for coding agents";

export async function mcpCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    dir: { type: "string" },
    db: { type: "string" },
    "no-index": { type: "boolean", default: false },
    ...DB_KEY_OPTIONS,
  });
  if (values.help) return usage(MCP_USAGE);
  if (positionals.length) throw new UsageError(`mcp takes no positional arguments (got "${positionals.join(" ")}"); give the folder with --dir.\nusage: ${MCP_USAGE}`);
  // A stray console.log from a dependency would corrupt the protocol stream.
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  const log = (m: string) => process.stderr.write(`semsearch mcp: ${m}\n`);
  const root = resolve(values.dir ?? ".");
  const { spec, fallback } = modelSpecFrom(values);
  const dbKey = dbKeyFrom(values);
  // Through a running server's socket when one holds the folder (the editor's index, its model), else an own engine.
  const socket = new SocketBackend(root, serverDatabasesFor(root, values.db), spec.model);
  const backend = new RoutedBackend(socket, { root, db: values.db, model: spec, fallback, index: !values["no-index"], log, ...dbKey });
  const server = createMcpServer(backend, { version });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => {
    transport.onclose = () => done();
    process.stdin.once("end", () => done());
  });
  const via = await backend.start();
  await server.connect(transport);
  log(`serving ${root} over stdio, answering from ${via}`);
  await closed;
  await server.close();
  await backend.close();
  return 0;
}
