import { resolve } from "node:path";
import { SEARCH_MODES, type SearchHit, type SearchMode } from "../../../../shared/src/types";
import { Engine } from "../../engine/engine";
import { percent } from "../../search/bands";
import { parseFilterArgs } from "../../search/filter";
import { modelSpecFrom, numberOption, parse, UsageError } from "../args";
import { HNSW_OPTIONS, HNSW_USAGE, hnswFrom } from "../hnsw-args";
import { usage } from "./index-command";
import { forTerminal } from "../terminal-text";

/** More results than anyone reads; it also keeps k a number SQLite takes as a LIMIT. */
const MAX_K = 1000;

export const SEARCH_USAGE = `semsearch search <query> --dir <dir> [--db FILE] [--model ID|bundled] [--k N] [--filter key=value]... [--min-score X] [--mode hybrid|semantic|lexical] ${HNSW_USAGE} [--json]`;

export async function searchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    dir: { type: "string" },
    db: { type: "string" },
    k: { type: "string" },
    filter: { type: "string", multiple: true },
    "min-score": { type: "string" },
    mode: { type: "string" },
    ...HNSW_OPTIONS,
  });
  if (values.help) return usage(SEARCH_USAGE);
  const query = positionals.join(" ").trim();
  if (!query) throw new UsageError(`search needs a query.\nusage: ${SEARCH_USAGE}`);
  const root = resolve(values.dir ?? ".");
  const k = numberOption(values, "k", 10)!;
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new UsageError(`--k takes a whole number from 1 to ${MAX_K}; got ${values.k}.`);
  let filter;
  try {
    filter = parseFilterArgs(values.filter ?? []);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const mode = values.mode as SearchMode | undefined;
  if (mode !== undefined && !SEARCH_MODES.includes(mode)) throw new UsageError(`--mode is one of ${SEARCH_MODES.join(", ")}; got "${values.mode}".`);
  const { spec, fallback } = modelSpecFrom(values);
  const engine = await Engine.open({ root, dbPath: values.db, model: spec, fallback, hnsw: hnswFrom(values), log: (m) => process.stderr.write(`semsearch: ${m}\n`) });
  try {
    if (engine.status().chunks === 0) {
      const db = values.db ? ` --db ${values.db}` : "";
      process.stderr.write(`semsearch: nothing is indexed for model ${engine.modelId} in ${engine.options.dbPath}; run: semsearch index ${root}${db} --model ${spec.model}\n`);
    }
    const response = await engine.search({ query, topK: k, filter, minScore: numberOption(values, "min-score"), mode });
    if (values.json) {
      // The documented shape, exactly: matchedBy stays out of it (scripts compare keys).
      process.stdout.write(JSON.stringify({ ...response, results: response.results.map(documentedHit) }) + "\n");
      return 0;
    }
    const where = Object.keys(filter).length ? ` where ${Object.entries(filter).map(([a, b]) => `${a}=${b}`).join(", ")}` : "";
    process.stdout.write(`${response.results.length} results for "${forTerminal(query)}" (${response.candidates} candidates${where}; model ${response.model})\n`);
    response.results.forEach((r, i) => {
      const preview = forTerminal(r.text.replace(/\s+/g, " ").trim().slice(0, 160));
      // The score is the cosine whatever the mode; a hit the vectors did not rank says so.
      const how = r.matchedBy === "lexical" ? "  (keyword match)" : "";
      process.stdout.write(`\n#${i + 1}  ${percent(r.score).padStart(6)}  ${r.band.padEnd(8)}  ${forTerminal(r.path)}:${r.startLine}-${r.endLine}${how}\n    ${preview}\n`);
    });
    return 0;
  } finally {
    await engine.close();
  }
}

function documentedHit(h: SearchHit) {
  return { path: h.path, startLine: h.startLine, endLine: h.endLine, score: h.score, band: h.band, text: h.text, metadata: h.metadata };
}
