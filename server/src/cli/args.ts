// Command-line options shared by every subcommand that loads a model.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { DEFAULT_MODEL, type ModelSpec } from "../embedding/model-spec";

export class UsageError extends Error {}

export const MODEL_OPTIONS = {
  model: { type: "string" },
  "local-model-path": { type: "string" },
  "model-key": { type: "string" },
  "allow-download": { type: "boolean", default: false },
  "no-fallback": { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies ParseArgsConfig["options"];

/** A command's options and the model options every model-loading command takes. */
export function parse<O extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: O) {
  return parseOptions(argv, { ...MODEL_OPTIONS, ...options });
}

/** Exactly these options (and positionals); an unknown or malformed one is a UsageError. */
export function parseOptions<O extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * The model the command line names. `oneShot`: the command embeds a text or two and exits (search,
 * embed, compare, inspect), so the model is loaded as exported: rewriting its graph costs more load
 * time than it saves (ModelSpec.fuseAttention).
 */
export function modelSpecFrom(values: Record<string, unknown>, use: "one-shot" | "long-running" = "long-running"): { spec: ModelSpec; fallback: boolean } {
  return {
    spec: {
      model: (values.model as string | undefined) ?? process.env.SEMSEARCH_MODEL ?? DEFAULT_MODEL,
      localModelPath: (values["local-model-path"] as string | undefined) ?? process.env.SEMSEARCH_LOCAL_MODEL_PATH,
      modelKeyFile: (values["model-key"] as string | undefined) ?? process.env.SEMSEARCH_MODEL_KEY_FILE,
      allowDownload: Boolean(values["allow-download"]),
      ...(use === "one-shot" ? { fuseAttention: false } : {}),
    },
    fallback: !values["no-fallback"],
  };
}

export function numberOption(values: Record<string, unknown>, name: string, fallback?: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} takes a number; got "${raw}".`);
  return n;
}
