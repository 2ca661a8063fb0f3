import { resolve } from "node:path";
import { Engine } from "../../engine/engine";
import { modelSpecFrom, numberOption, parse, UsageError } from "../args";
import { DB_KEY_OPTIONS, DB_KEY_USAGE, dbKeyFrom } from "../db-key";
import { HNSW_OPTIONS, HNSW_USAGE, hnswFrom } from "../hnsw-args";
import { progressBar } from "../progress";
import { STORE_TEXT_OPTIONS, STORE_TEXT_USAGE, storeTextFrom } from "../store-text-args";
import { compileSecretPatterns, InvalidSecretPattern } from "../../secrets";

export const INDEX_USAGE = `semsearch index <dir> [--db FILE] [--model ID|bundled] [--rebuild] [--exclude GLOB]... [--max-file-size BYTES] [--secret-pattern RE]... [--vector-storage float32|int8] ${STORE_TEXT_USAGE} ${DB_KEY_USAGE} ${HNSW_USAGE}`;

export async function indexCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    db: { type: "string" },
    rebuild: { type: "boolean", default: false },
    exclude: { type: "string", multiple: true },
    "max-file-size": { type: "string" },
    "vector-storage": { type: "string" },
    "secret-pattern": { type: "string", multiple: true },
    ...HNSW_OPTIONS,
    ...DB_KEY_OPTIONS,
    ...STORE_TEXT_OPTIONS,
  });
  if (values.help) return usage(INDEX_USAGE);
  if (positionals.length !== 1) throw new UsageError(`index takes one folder.\nusage: ${INDEX_USAGE}`);
  const root = resolve(positionals[0]);
  const { spec, fallback } = modelSpecFrom(values);
  const dbKey = dbKeyFrom(values);
  const storage = values["vector-storage"];
  if (storage !== undefined && storage !== "float32" && storage !== "int8") throw new UsageError(`--vector-storage is float32 or int8; got "${storage}".`);
  const storeText = storeTextFrom(values);
  const secretPatterns = values["secret-pattern"] ?? [];
  try {
    compileSecretPatterns(secretPatterns, "--secret-pattern");
  } catch (err) {
    if (err instanceof InvalidSecretPattern) throw new UsageError(err.message);
    throw err;
  }
  const engine = await Engine.open({
    root,
    dbPath: values.db,
    model: spec,
    fallback,
    exclude: values.exclude,
    maxFileSize: numberOption(values, "max-file-size"),
    secretPatterns,
    hnsw: hnswFrom(values),
    vectorStorage: storage,
    rebuild: values.rebuild,
    storeText,
    ...dbKey,
    log: (m) => process.stderr.write(`semsearch: ${m}\n`),
  });
  const bar = progressBar();
  try {
    const summary = await engine.indexFolder({ onProgress: (p) => bar.update(p), rebuild: values.rebuild });
    bar.done();
    for (const s of summary.skipped) process.stderr.write(`skipped ${s.path}: ${s.reason}\n`);
    const line =
      `Indexed ${summary.files} files, ${summary.chunks} chunks in ${summary.seconds.toFixed(1)} s ` +
      `(${summary.embedded} embedded, ${summary.removed} removed, ${summary.skipped.length} skipped; model ${engine.modelId})`;
    if (values.json) process.stdout.write(JSON.stringify({ ...summary, model: engine.modelId }) + "\n");
    else process.stdout.write(line + "\n");
    return 0;
  } finally {
    bar.done();
    await engine.close({ exiting: true });
  }
}

export function usage(text: string): number {
  process.stdout.write(`usage: ${text}\n`);
  return 0;
}
