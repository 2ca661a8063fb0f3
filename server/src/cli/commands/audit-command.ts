// semsearch audit verify FILE: checks the hash chain of the HTTP service's audit log.
import { verifyAuditFile } from "../../http/audit";
import { parseOptions, UsageError } from "../args";
import { usage } from "./index-command";

export const AUDIT_USAGE = "semsearch audit verify FILE";

export async function auditCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, { help: { type: "boolean", short: "h" } });
  if (values.help) return usage(AUDIT_USAGE);
  const [sub, file, ...extra] = positionals;
  if (sub !== "verify" || !file || extra.length > 0) throw new UsageError(`usage: ${AUDIT_USAGE}`);
  let result;
  try {
    result = verifyAuditFile(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`audit: ${file}: ${e.code === "ENOENT" ? "no such file" : `cannot read it: ${e.message}`}\n`);
    return 1;
  }
  // The verdict goes to stdout either way (it is the command's answer); the exit code says which.
  if (result.ok) process.stdout.write(`audit: ${file}: ${result.lines} lines, chain intact\n`);
  else process.stdout.write(`audit: ${file}: chain broken at line ${result.brokenAt}: ${result.reason}\n`);
  return result.ok ? 0 : 1;
}
