// semsearch token create|list: manages the static API tokens of the HTTP service (hashes only on disk).
import { addToken, parseScopeList, readTokensFile, SCOPES } from "../../http/tokens";
import { parseOptions, UsageError } from "../args";
import { usage } from "./index-command";

export const TOKEN_USAGE = `semsearch token create --name NAME --scopes ${SCOPES.join("|")}[,...] --tokens FILE
  semsearch token list --tokens FILE`;

export async function tokenCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    name: { type: "string" },
    scopes: { type: "string" },
    tokens: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return usage(TOKEN_USAGE);
  const [sub, ...extra] = positionals;
  if ((sub !== "create" && sub !== "list") || extra.length > 0) throw new UsageError(`usage: ${TOKEN_USAGE}`);
  if (!values.tokens) throw new UsageError(`token ${sub} needs --tokens FILE`);

  if (sub === "list") {
    const entries = readTokensFile(values.tokens);
    if (entries.length === 0) process.stderr.write(`no tokens in ${values.tokens}\n`);
    for (const e of entries) process.stdout.write(`${e.name}\t${e.scopes.join(",")}\n`);
    return 0;
  }

  if (!values.name) throw new UsageError("token create needs --name NAME");
  if (!values.scopes) throw new UsageError(`token create needs --scopes (some of ${SCOPES.join(",")})`);
  let scopes;
  try {
    scopes = parseScopeList(values.scopes);
  } catch (err) {
    throw new UsageError(`--scopes: ${(err as Error).message}`);
  }
  const token = addToken(values.tokens, values.name, scopes);
  // The token alone on stdout (for `TOKEN=$(semsearch token create ...)`); the reminder on stderr.
  process.stdout.write(`${token}\n`);
  process.stderr.write(`semsearch: token "${values.name}" (${scopes.join(",")}) added to ${values.tokens}. This is the only time it is shown: store it now.\n`);
  return 0;
}
