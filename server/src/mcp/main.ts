// dist/mcp.js: `semsearch mcp` on its own, for the VS Code extension to start (its .vsix carries
// this bundle, not the whole CLI, whose `serve` needs packages the .vsix leaves out). Takes the same
// arguments as `semsearch mcp`, with or without the leading "mcp".
import { UsageError } from "../cli/args";
import { mcpCommand } from "../cli/commands/mcp-command";

const argv = process.argv.slice(2);
mcpCommand(argv[0] === "mcp" ? argv.slice(1) : argv).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`semsearch mcp: ${err.message}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
