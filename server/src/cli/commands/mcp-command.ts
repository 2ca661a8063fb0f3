// `semsearch mcp`: the index of one folder as an MCP server over stdio, for coding agents (Claude
// Code, Copilot agent mode, Cursor, Codex). stdout carries the protocol, so everything else goes to
// stderr. The index is brought up to date in the background at start; searches are answered meanwhile.
import { resolve } from "node:path";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { version } from "../../../../package.json";
import { Engine } from "../../engine/engine";
import { EngineBackend } from "../../mcp/engine-backend";
import { createMcpServer } from "../../mcp/tools";
import { modelSpecFrom, parse, UsageError } from "../args";
import { usage } from "./index-command";

export const MCP_USAGE = "semsearch mcp [--dir DIR] [--db FILE] [--model ID|bundled] [--no-index]   an MCP server over stdio, for coding agents";

export async function mcpCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    dir: { type: "string" },
    db: { type: "string" },
    "no-index": { type: "boolean", default: false },
  });
  if (values.help) return usage(MCP_USAGE);
  if (positionals.length) throw new UsageError(`mcp takes no positional arguments (got "${positionals.join(" ")}"); give the folder with --dir.\nusage: ${MCP_USAGE}`);
  // A stray console.log from a dependency would corrupt the protocol stream.
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  const log = (m: string) => process.stderr.write(`semsearch mcp: ${m}\n`);
  const root = resolve(values.dir ?? ".");
  const { spec, fallback } = modelSpecFrom(values);
  const engine = await Engine.open({ root, dbPath: values.db, model: spec, fallback, log, rebuildInBackground: true });
  const backend = new EngineBackend(engine, log);
  const server = createMcpServer(backend, { version });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => {
    transport.onclose = () => done();
    process.stdin.once("end", () => done());
  });
  await server.connect(transport);
  log(`serving ${root} (${engine.status().chunks} chunks, model ${engine.modelId}) over stdio`);
  if (!values["no-index"]) void backend.reindex(false);
  await closed;
  await backend.settle();
  await server.close();
  await engine.close();
  return 0;
}
