// `semsearch serve`: the seed's REST API over the same engine, for a bank's standards: loopback by
// default, TLS and authentication required on any other address, an audit trail, OpenAPI docs.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { AuditLog } from "../../http/audit";
import { Authenticator } from "../../http/auth";
import { buildApp } from "../../http/app";
import { publicBindProblem } from "../../http/listen-check";
import { ServedWorkspace } from "../../http/served-workspace";
import { modelSpecFrom, numberOption, parse, UsageError } from "../args";
import { DB_KEY_OPTIONS, dbKeyFrom } from "../db-key";
import { usage } from "./index-command";
import { STORE_TEXT_OPTIONS, storeTextFrom } from "../store-text-args";

export const SERVE_USAGE =
  "semsearch serve --dir DIR [--dir DIR]... [--documents DIR] [--host 127.0.0.1] [--port 8765] [--tokens FILE] [--jwks FILE|URL --issuer ISS --audience AUD] [--tls-cert FILE --tls-key FILE] [--client-ca FILE] [--audit FILE] [--audit-redact] [--rate-limit N] [--model ID|bundled] [--store-text full|none] [--encrypt] [--key-file FILE]";

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    dir: { type: "string", multiple: true },
    documents: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "8765" },
    tokens: { type: "string" },
    jwks: { type: "string" },
    issuer: { type: "string" },
    audience: { type: "string" },
    "tls-cert": { type: "string" },
    "tls-key": { type: "string" },
    "client-ca": { type: "string" },
    audit: { type: "string" },
    "audit-redact": { type: "boolean", default: false },
    "rate-limit": { type: "string" },
    ...DB_KEY_OPTIONS,
    ...STORE_TEXT_OPTIONS,
  });
  if (values.help) return usage(SERVE_USAGE);
  const dirs = values.dir ?? [];
  if (!dirs.length) throw new UsageError(`serve needs at least one --dir.\nusage: ${SERVE_USAGE}`);
  const port = numberOption(values, "port")!;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port is a whole number from 0 to 65535; got "${values.port}".`);
  if (!!values["tls-cert"] !== !!values["tls-key"]) throw new UsageError("--tls-cert and --tls-key go together.");
  if (values["client-ca"] && !values["tls-cert"]) throw new UsageError("--client-ca (mutual TLS) needs --tls-cert and --tls-key.");
  const rateLimit = numberOption(values, "rate-limit");
  if (rateLimit !== undefined && (!Number.isInteger(rateLimit) || rateLimit < 1)) throw new UsageError("--rate-limit is requests per minute per identity, a whole number of at least 1.");

  const auth = await Authenticator.create({ tokensFile: values.tokens, jwks: values.jwks, issuer: values.issuer, audience: values.audience });
  const problem = publicBindProblem(values.host, { tls: !!values["tls-cert"], auth: auth.enabled || !!values["client-ca"] });
  if (problem) throw new Error(problem);
  const https = values["tls-cert"]
    ? { cert: readFileSync(values["tls-cert"]), key: readFileSync(values["tls-key"]!), ca: values["client-ca"] ? readFileSync(values["client-ca"]) : undefined }
    : undefined;
  const audit = values.audit ? AuditLog.open(values.audit, { redact: values["audit-redact"] }) : undefined;

  const { spec, fallback } = modelSpecFrom(values);
  // Like the editor's semanticSearch.storeText: the served indexes are brought to this mode; without
  // the flag each keeps the mode it has (a new one keeps text), as with `semsearch index`.
  const storeText = storeTextFrom(values);
  // Served folders' stores are all of one kind: with --encrypt every one is encrypted under the key.
  const { databaseKey, encrypt } = dbKeyFrom(values);
  const log = (m: string) => process.stderr.write(`semsearch: ${m}\n`);
  const served = await ServedWorkspace.open({
    dirs,
    documentsDir: values.documents ?? join(process.env.XDG_DATA_HOME || join(homedir(), ".local", "share"), "semsearch", "documents"),
    settings: { model: spec.model, localModelPath: spec.localModelPath, allowModelDownload: spec.allowDownload, fallbackToBundled: fallback, storeText },
    log,
    databaseKey: encrypt ? databaseKey : undefined,
  });
  const app = await buildApp({ served, auth, audit, https, rateLimit });
  const address = await app.listen({ host: values.host, port });
  process.stdout.write(`semsearch: serving ${served.folderNames().join(", ")} at ${address} (OpenAPI: ${address}/openapi.json, docs: ${address}/docs)\n`);

  return new Promise<number>((resolve) => {
    const stop = async () => {
      await app.close();
      await served.close();
      audit?.close();
      resolve(0);
    };
    process.once("SIGINT", () => void stop());
    process.once("SIGTERM", () => void stop());
  });
}
