// semsearch: the command-line front end of the engine.
import { UsageError } from "./args";

/** A command's entry point and its line of the help. */
interface Command {
  run: (argv: string[]) => Promise<number>;
  usage: string;
}

// Each command's module loads only when that command runs: `semsearch search`, called in a loop by
// people and scripts, must not pay at startup for fastify (serve), the language server, the model
// inspectors or their dependencies. esbuild keeps these dynamic imports lazy in the bundle.
const COMMANDS: Record<string, () => Promise<Command>> = {
  index: () => import("./commands/index-command").then((m) => ({ run: m.indexCommand, usage: m.INDEX_USAGE })),
  search: () => import("./commands/search-command").then((m) => ({ run: m.searchCommand, usage: m.SEARCH_USAGE })),
  embed: () => import("./commands/embed-command").then((m) => ({ run: m.embedCommand, usage: m.EMBED_USAGE })),
  compare: () => import("./commands/compare-command").then((m) => ({ run: m.compareCommand, usage: m.COMPARE_USAGE })),
  inspect: () => import("./commands/inspect-command").then((m) => ({ run: m.inspectCommand, usage: m.INSPECT_USAGE })),
  token: () => import("./commands/token-command").then((m) => ({ run: m.tokenCommand, usage: m.TOKEN_USAGE })),
  audit: () => import("./commands/audit-command").then((m) => ({ run: m.auditCommand, usage: m.AUDIT_USAGE })),
  // The language server ends the process itself on the client's `exit` notification.
  lsp: async () => {
    const { startServer } = await import("../lsp/server");
    const { storeTextFrom } = await import("./store-text-args");
    return {
      run: (argv) => {
        // Clients add options of their own (--stdio, --clientProcessId=N): only ours is picked out.
        const storeText = storeTextFrom({ "store-text": optionValue(argv, "--store-text") });
        startServer(undefined, storeText ? { storeText } : {});
        return new Promise<number>(() => {});
      },
      usage: "semsearch lsp --stdio [--store-text full|none]   the language server, for any LSP client",
    };
  },
  serve: () => import("./commands/serve-command").then((m) => ({ run: m.serveCommand, usage: m.SERVE_USAGE })),
  model: () => import("./commands/model-command").then((m) => ({ run: m.modelCommand, usage: m.MODEL_USAGE })),
  mcp: () => import("./commands/mcp-command").then((m) => ({ run: m.mcpCommand, usage: m.MCP_USAGE })),
  db: () => import("./commands/db-command").then((m) => ({ run: m.dbCommand, usage: m.DB_USAGE })),
};

/** The help: loads every command's module for its usage line (help is not called in loops). */
async function help(): Promise<string> {
  const usages: string[] = [];
  for (const load of Object.values(COMMANDS)) usages.push((await load()).usage);
  return `semsearch: local semantic search over a folder of markdown and code

${usages.map((u) => `  ${u}`).join("\n")}

Model options (every command): --model ID|bundled|PATH  --local-model-path DIR  --model-key PRIV.pem  --allow-download  --no-fallback
The default model is Xenova/all-MiniLM-L6-v2; without it on disk (and without --allow-download) the
bundled offline model is used instead, and semsearch says so.
`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(await help());
    return command ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(`semsearch: unknown command "${command}"\n\n${await help()}`);
    return 2;
  }
  try {
    return await (await load()).run(rest);
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

/** The value of `--name VALUE` or `--name=VALUE` among arguments that may hold others. */
function optionValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1] ?? "";
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}
