// semsearch: the command-line front end of the engine.
import { UsageError } from "./args";
import { EMBED_USAGE, embedCommand } from "./commands/embed-command";
import { INDEX_USAGE, indexCommand } from "./commands/index-command";
import { SEARCH_USAGE, searchCommand } from "./commands/search-command";
import { INSPECT_USAGE, inspectCommand } from "./commands/inspect-command";
import { COMPARE_USAGE, compareCommand } from "./commands/compare-command";
import { AUDIT_USAGE, auditCommand } from "./commands/audit-command";
import { TOKEN_USAGE, tokenCommand } from "./commands/token-command";
import { SERVE_USAGE, serveCommand } from "./commands/serve-command";
import { MODEL_USAGE, modelCommand } from "./commands/model-command";
import { MCP_USAGE, mcpCommand } from "./commands/mcp-command";
import { startServer } from "../lsp/server";

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  index: indexCommand,
  search: searchCommand,
  embed: embedCommand,
  inspect: inspectCommand,
  compare: compareCommand,
  token: tokenCommand,
  audit: auditCommand,
  serve: serveCommand,
  model: modelCommand,
  mcp: mcpCommand,
  // The language server ends the process itself on the client's `exit` notification.
  lsp: () => {
    startServer();
    return new Promise<number>(() => {});
  },
};

const HELP = `semsearch: local semantic search over a folder of markdown and code

  ${INDEX_USAGE}
  ${SEARCH_USAGE}
  ${EMBED_USAGE}
  ${COMPARE_USAGE}
  ${INSPECT_USAGE}
  ${TOKEN_USAGE}
  ${AUDIT_USAGE}
  semsearch lsp --stdio        the language server, for any LSP client
  ${SERVE_USAGE}
  ${MODEL_USAGE}
  ${MCP_USAGE}

Model options (every command): --model ID|bundled|PATH  --local-model-path DIR  --model-key PRIV.pem  --allow-download  --no-fallback
The default model is Xenova/all-MiniLM-L6-v2; without it on disk (and without --allow-download) the
bundled offline model is used instead, and semsearch says so.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`semsearch: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`semsearch: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`semsearch: ${(err as Error).message}\n`);
    if (process.env.SEMSEARCH_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}
