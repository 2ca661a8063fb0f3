import { statSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_BANDS, DEFAULT_SEARCH_MODE, documentedHit, SEARCH_MODES, type SearchMode, type SearchResponse } from "../../../../shared/src/types";
import type { EngineSearchOptions } from "../../engine/engine";
import { oneLine } from "../../../../shared/src/one-line";
import { describeExplanation } from "../../../../shared/src/ranking";
import { percent } from "../../search/bands";
import { parseFilterArgs } from "../../search/filter";
import { askRunningServer } from "../../socket/client";
import { serverDatabasesFor } from "../../socket/databases";
import { modelSpecFrom, numberOption, parse, UsageError } from "../args";
import { DB_KEY_OPTIONS, DB_KEY_USAGE, dbKeyFrom } from "../db-key";
import { HNSW_OPTIONS, HNSW_USAGE, hnswFrom } from "../hnsw-args";
import { forTerminal } from "../terminal-text";
import { STORE_TEXT_OPTIONS, STORE_TEXT_USAGE, storeTextFrom } from "../store-text-args";

/** More results than anyone reads; it also keeps k a number SQLite takes as a LIMIT. */
const MAX_K = 1000;
/** How long to wait for a running server before searching the index itself. */
const SERVER_TIMEOUT_MS = 5000;

export const SEARCH_USAGE = `semsearch search <query> --dir <dir> [--db FILE] [--model ID|bundled] [--k N] [--filter key=value]... [--min-score X] [--mode hybrid|semantic|lexical] ${DB_KEY_USAGE} ${HNSW_USAGE} ${STORE_TEXT_USAGE} [--json] [--explain] [--no-server] [--verbose]`;

export async function searchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    dir: { type: "string" },
    db: { type: "string" },
    k: { type: "string" },
    filter: { type: "string", multiple: true },
    "min-score": { type: "string" },
    mode: { type: "string" },
    "no-server": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
    ...HNSW_OPTIONS,
    ...DB_KEY_OPTIONS,
    ...STORE_TEXT_OPTIONS,
  });
  if (values.help) {
    // Not index-command's usage(): importing that module would load the indexer into every search.
    process.stdout.write(`usage: ${SEARCH_USAGE}\n`);
    return 0;
  }
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
  const { spec, fallback } = modelSpecFrom(values, "one-shot");
  const hnsw = hnswFrom(values);
  // A search never converts a store: one in the other mode is searched as it is, with a note.
  const storeText = storeTextFrom(values);
  const note = (m: string) => process.stderr.write(`semsearch: ${m}\n`);
  const verbose = values.verbose ? note : () => undefined;
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`folder not found: ${root}`);

  // What the local engine would do, spelled out, so that a server with other settings answers the same.
  const minScore = numberOption(values, "min-score");
  const search: EngineSearchOptions = {
    query,
    topK: k,
    filter,
    minScore,
    mode: mode ?? DEFAULT_SEARCH_MODE,
    bands: DEFAULT_BANDS,
    // A keyword search needs no model: its hits are scored by keyword relevance (see EngineSearchOptions).
    keywordScores: (mode ?? DEFAULT_SEARCH_MODE) === "lexical" && minScore === undefined,
    // Why each hit ranked (lexical and hybrid): printed under it, or in --json as "explain".
    ...(values.explain ? { explain: true } : {}),
    ...(hnsw ? { efSearch: hnsw.efSearch } : {}),
  };

  // M and efConstruction shape the graph: asking for other ones rebuilds the index, which only the local path does.
  const canAskServer = !values["no-server"] && values["hnsw-m"] === undefined && values["hnsw-ef-construction"] === undefined;
  let response: SearchResponse | undefined;
  if (canAskServer) response = await askServer(root, values.db, search, spec.model, verbose);
  else verbose(`not asking a running server (--no-server, or options that change the graph)`);

  if (!response) {
    // Loaded only here: an answer from a running server needs neither SQLite nor the engine.
    const { Engine } = await import("../../engine/engine");
    const engine = await Engine.openLazy({ root, dbPath: values.db, model: spec, fallback, hnsw, readOnly: true, storeText, log: note, ...dbKeyFrom(values) });
    try {
      verbose(`via local store ${engine.options.dbPath}`);
      if (engine.status().chunks === 0) {
        const db = values.db ? ` --db ${values.db}` : "";
        note(`nothing is indexed for model ${engine.modelId} in ${engine.options.dbPath}; run: semsearch index ${root}${db} --model ${spec.model}`);
      }
      response = await engine.search(search);
    } finally {
      await engine.close({ exiting: true });
    }
  }
  print(response, query, filter, !!values.json, search.keywordScores === true, !!values.explain);
  return 0;
}

/**
 * The answer of a running server (language server, VS Code, `semsearch serve`) that holds this
 * folder's index, or undefined: then the CLI searches the index itself. Tried: the database named
 * by --db (default <dir>/.semsearch/index.db, which `semsearch index` and `serve` use), and without
 * --db also the language server's default one (in the per-user cache).
 */
async function askServer(root: string, db: string | undefined, search: EngineSearchOptions, model: string, verbose: (m: string) => void): Promise<SearchResponse | undefined> {
  const places = serverDatabasesFor(root, db);
  for (const dbPath of places) {
    const answer = await askRunningServer(dbPath, { method: "search", params: { ...search, model } }, { timeoutMs: SERVER_TIMEOUT_MS });
    if (answer.ok) {
      verbose(`via socket ${answer.socket} (a running server holds ${dbPath})`);
      return answer.result;
    }
    if (answer.why !== "no-socket") verbose(`not asking the server of ${dbPath}: ${answer.message}${answer.code ? ` (${answer.code})` : ""}`);
  }
  return undefined;
}

function print(response: SearchResponse, query: string, filter: Record<string, string>, json: boolean, keywordScores: boolean, explain: boolean): void {
  if (json) {
    // The documented shape, exactly: matchedBy stays out of it (scripts compare keys); --explain adds "explain".
    process.stdout.write(JSON.stringify({ ...response, results: response.results.map((h) => (explain ? { ...documentedHit(h), explain: h.explain ?? null } : documentedHit(h))) }) + "\n");
    return;
  }
  const where = Object.keys(filter).length ? ` where ${Object.entries(filter).map(([a, b]) => `${a}=${b}`).join(", ")}` : "";
  const scores = keywordScores ? "; scores: keyword relevance, the best hit 100%" : "";
  const n = response.results.length;
  process.stdout.write(`${n} ${n === 1 ? "result" : "results"} for "${forTerminal(shortened(query))}" (${response.candidates} candidates${where}; model ${response.model}${scores})\n`);
  // The model read only the start of a long query: said where a person reads it, as `embed` does.
  if (response.truncated) process.stderr.write(`semsearch: ${response.truncated.message}\n`);
  response.results.forEach((r, i) => {
    const preview = forTerminal(r.text.replace(/\s+/g, " ").trim().slice(0, 160));
    // The score is the cosine whatever the mode (but for a keyword-scored search); a hit the vectors did not rank says so.
    const how = r.matchedBy === "lexical" ? "  (keyword match)" : "";
    // An index that keeps no text reads it from the file: when that is gone or changed, say so instead.
    const shown = r.textUnavailable ? `(text not shown: ${r.textUnavailable})` : preview;
    process.stdout.write(`\n#${i + 1}  ${percent(r.score).padStart(6)}  ${r.band.padEnd(8)}  ${forTerminal(r.path)}:${r.startLine}-${r.endLine}${how}\n    ${shown}\n`);
    if (explain) process.stdout.write(`    why: ${r.explain ? forTerminal(describeExplanation(r.explain)) : "semantic search: ordered by cosine similarity alone"}\n`);
  });
}

/** A query as the results' header repeats it: a pasted page is not printed back whole, but its length is said. */
function shortened(query: string, max = 120): string {
  const whole = oneLine(query, Infinity);
  return whole.length <= max ? whole : `${oneLine(whole, max)} (${whole.length} characters)`;
}
