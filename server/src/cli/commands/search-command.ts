import { resolve } from "node:path";
import { Engine } from "../../engine/engine";
import { percent } from "../../search/bands";
import { parseFilterArgs } from "../../search/filter";
import { modelSpecFrom, numberOption, parse, UsageError } from "../args";
import { usage } from "./index-command";

export const SEARCH_USAGE = `semsearch search <query> --dir <dir> [--db FILE] [--model ID|bundled] [--k N] [--filter key=value]... [--min-score X] [--json]`;

export async function searchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    dir: { type: "string" },
    db: { type: "string" },
    k: { type: "string" },
    filter: { type: "string", multiple: true },
    "min-score": { type: "string" },
  });
  if (values.help) return usage(SEARCH_USAGE);
  const query = positionals.join(" ").trim();
  if (!query) throw new UsageError(`search needs a query.\nusage: ${SEARCH_USAGE}`);
  const root = resolve(values.dir ?? ".");
  const k = numberOption(values, "k", 10)!;
  if (!Number.isInteger(k) || k < 1) throw new UsageError(`--k takes a whole number of at least 1; got ${values.k}.`);
  let filter;
  try {
    filter = parseFilterArgs(values.filter ?? []);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { spec, fallback } = modelSpecFrom(values);
  const engine = await Engine.open({ root, dbPath: values.db, model: spec, fallback, log: (m) => process.stderr.write(`semsearch: ${m}\n`) });
  try {
    if (engine.status().chunks === 0) {
      const db = values.db ? ` --db ${values.db}` : "";
      process.stderr.write(`semsearch: nothing is indexed for model ${engine.modelId} in ${engine.options.dbPath}; run: semsearch index ${root}${db} --model ${spec.model}\n`);
    }
    const response = await engine.search({ query, topK: k, filter, minScore: numberOption(values, "min-score") });
    if (values.json) {
      process.stdout.write(JSON.stringify(response) + "\n");
      return 0;
    }
    const where = Object.keys(filter).length ? ` where ${Object.entries(filter).map(([a, b]) => `${a}=${b}`).join(", ")}` : "";
    process.stdout.write(`${response.results.length} results for "${query}" (${response.candidates} candidates${where}; model ${response.model})\n`);
    response.results.forEach((r, i) => {
      const preview = r.text.replace(/\s+/g, " ").trim().slice(0, 160);
      process.stdout.write(`\n#${i + 1}  ${percent(r.score).padStart(6)}  ${r.band.padEnd(8)}  ${r.path}:${r.startLine}-${r.endLine}\n    ${preview}\n`);
    });
    return 0;
  } finally {
    await engine.close();
  }
}
