// What a round must leave behind once the store has been reopened and indexing finished normally:
// a sound SQLite file, an HNSW graph holding exactly the model's chunks, an FTS table in step with
// the chunks, and the same top 10 as a clean index of the same files.
import Database from "better-sqlite3";
import { HierarchicalNSW } from "hnswlib-node";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { cosine } from "../../shared/src/vector-math";
import { vectorFromBlob } from "../../server/src/store/vectors";
import { run } from "./processes";

export interface StoreReport {
  problems: string[];
  chunks: number;
  hnswLabels: number;
  /** Labels in the graph, not in the database, that hnswlib has marked deleted (harmless). */
  deletedLabels: number;
  /** Files a save or a load left behind (`*.tmp`, `*.load`): never cleaned up, each as big as the index. */
  leftovers: { name: string; bytes: number }[];
  /** The stored chunks as path:start-end:hash(text), sorted: compared with a clean index's. */
  chunkKeys: string[];
}

export function checkStore(dbPath: string, modelId: string): StoreReport {
  const problems: string[] = [];
  const report: StoreReport = { problems, chunks: 0, hnswLabels: 0, deletedLabels: 0, leftovers: [], chunkKeys: [] };
  if (!existsSync(dbPath)) {
    problems.push(`no database at ${dbPath}`);
    return report;
  }
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  let model: { id: number; dimensions: number; generation: number } | undefined;
  const vectors = new Map<number, Float32Array>();
  try {
    const integrity = (db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== "ok") problems.push(`integrity_check: ${integrity.slice(0, 5).join("; ")}`);
    model = db.prepare("SELECT id, dimensions, generation FROM models WHERE model_id = ?").get(modelId) as typeof model;
    if (!model) {
      problems.push(`no row for model ${modelId} in models`);
      return report;
    }
    const rows = db.prepare("SELECT id, path, start_line AS s, end_line AS e, text, vector FROM chunks WHERE model = ?").all(model.id) as {
      id: number;
      path: string;
      s: number;
      e: number;
      text: string;
      vector: Buffer;
    }[];
    report.chunks = rows.length;
    for (const r of rows) {
      vectors.set(r.id, vectorFromBlob(r.vector));
      report.chunkKeys.push(`${r.path}:${r.s}-${r.e}:${createHash("sha1").update(r.text).digest("hex").slice(0, 10)}`);
    }
    report.chunkKeys.sort();
    // Every chunk of a file the files table lists, and every listed file has chunks or is empty.
    const orphans = db.prepare("SELECT COUNT(*) AS n FROM chunks c WHERE model = ? AND NOT EXISTS (SELECT 1 FROM files f WHERE f.model = c.model AND f.path = c.path)").get(model.id) as { n: number };
    if (orphans.n) problems.push(`${orphans.n} chunks of files the files table does not list`);
    // FTS in step with chunks (all models): a row per chunk, none left over.
    const hasFts = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'chunks_fts'").get();
    if (!hasFts) problems.push("no chunks_fts table (migration 3 missing)");
    else {
      const ftsIds = new Set((db.prepare("SELECT rowid AS id FROM chunks_fts").all() as { id: number }[]).map((r) => r.id));
      const chunkIds = (db.prepare("SELECT id FROM chunks").all() as { id: number }[]).map((r) => r.id);
      const missing = chunkIds.filter((id) => !ftsIds.has(id)).length;
      const chunkSet = new Set(chunkIds);
      const extra = [...ftsIds].filter((id) => !chunkSet.has(id)).length;
      if (missing) problems.push(`FTS: ${missing} chunks have no chunks_fts row`);
      if (extra) problems.push(`FTS: ${extra} chunks_fts rows have no chunk`);
    }
  } finally {
    db.close();
  }
  checkHnsw(dbPath, model!, vectors, report);
  return report;
}

/** The saved graph against SQLite: every chunk present and live with its own vector, no live stranger. */
function checkHnsw(dbPath: string, model: { dimensions: number; generation: number }, vectors: Map<number, Float32Array>, report: StoreReport): void {
  const dir = dirname(dbPath);
  const stem = dbPath.replace(/^.*\//, "").replace(/\.db$/, "");
  const names = readdirSync(dir).filter((f) => f.startsWith(`${stem}.`));
  // A save's temporary files (<index>.<pid>.<random>.tmp) and a load's private links (.load).
  report.leftovers = names.filter((f) => f.includes(".tmp") || f.endsWith(".load")).map((name) => ({ name, bytes: statSync(join(dir, name)).size }));
  const graphs = names.filter((f) => f.endsWith(".hnsw"));
  if (graphs.length !== 1) {
    report.problems.push(`expected one saved HNSW file beside the database, found ${graphs.length}: ${graphs.join(", ")}`);
    return;
  }
  const file = join(dir, graphs[0]);
  const sidecarFile = `${file}.json`;
  if (!existsSync(sidecarFile)) report.problems.push(`HNSW sidecar ${sidecarFile} missing`);
  else {
    try {
      const sidecar = JSON.parse(readFileSync(sidecarFile, "utf8"));
      if (typeof sidecar.generation === "number" && sidecar.generation !== model.generation)
        report.problems.push(`HNSW sidecar says generation ${sidecar.generation}, the database is at ${model.generation}`);
    } catch (err) {
      report.problems.push(`HNSW sidecar unreadable: ${(err as Error).message}`);
    }
  }
  const graph = new HierarchicalNSW("cosine", model.dimensions);
  try {
    graph.readIndexSync(file, true);
  } catch (err) {
    report.problems.push(`hnswlib cannot read ${graphs[0]}: ${(err as Error).message}`);
    return;
  }
  const labels = graph.getIdsList();
  report.hnswLabels = labels.length;
  const inGraph = new Set(labels);
  const missing = [...vectors.keys()].filter((id) => !inGraph.has(id));
  if (missing.length) report.problems.push(`HNSW: ${missing.length} chunk ids missing from the graph (e.g. ${missing.slice(0, 5).join(", ")})`);
  // getPoint throws on a label marked deleted: a chunk searches can never find.
  let wrongVector = 0;
  let deletedChunks = 0;
  for (const [id, vector] of vectors) {
    if (!inGraph.has(id)) continue;
    try {
      if (cosine(graph.getPoint(id), vector) < 0.9999) wrongVector++;
    } catch {
      deletedChunks++;
    }
  }
  if (wrongVector) report.problems.push(`HNSW: ${wrongVector} labels hold a vector other than their chunk's`);
  if (deletedChunks) report.problems.push(`HNSW: ${deletedChunks} chunk ids are in the graph but marked deleted`);
  // markDelete throws on a label already deleted: the only way hnswlib-node tells a soft-deleted
  // label (left over, harmless) from a live one (a stale label searches would return).
  let stale = 0;
  const staleIds: number[] = [];
  for (const id of labels) {
    if (vectors.has(id)) continue;
    try {
      graph.markDelete(id);
      stale++;
      staleIds.push(id);
    } catch {
      report.deletedLabels++;
    }
  }
  if (stale) report.problems.push(`HNSW: ${stale} live labels that are not chunks of the model (stale; e.g. ${staleIds.slice(0, 5).join(", ")})`);
}

/** The fixed queries: hybrid ones go through the HNSW graph (and FTS), lexical ones through FTS only. */
export const QUERIES: { query: string; mode: "hybrid" | "lexical" }[] = [
  { query: "find the eiffel tower in paris", mode: "hybrid" },
  { query: "machine learning model for semantic search", mode: "hybrid" },
  { query: "return the vector value of a function", mode: "hybrid" },
  { query: "coral fossils glaciers", mode: "lexical" },
  { query: "retry token", mode: "lexical" },
];

export type Snapshot = Map<string, string[]>;
const keyOf = (q: (typeof QUERIES)[number]) => `${q.mode}: ${q.query}`;

async function topTen(bin: string, q: (typeof QUERIES)[number], folder: string, args: string[]): Promise<{ hits?: string[]; problem?: string }> {
  const r = await run(bin, ["search", q.query, "--dir", folder, ...args, "--mode", q.mode, "--k", "10", "--json"]);
  if (r.code !== 0) return { problem: `search "${keyOf(q)}" exited ${r.code ?? r.signal}: ${r.stderr.trim().split("\n").slice(-2).join(" | ")}` };
  const out = JSON.parse(r.stdout) as { results: { path: string; startLine: number; endLine: number; score: number }[] };
  return { hits: out.results.map((h) => `${h.path}:${h.startLine}-${h.endLine}@${h.score}`) };
}

/** The top 10 of every query as path:start-end@score, from `semsearch search --json`. */
export async function searchSnapshot(bin: string, folder: string, modelArgs: string[], dbArgs: string[]): Promise<{ snapshot: Snapshot; problems: string[] }> {
  const snapshot: Snapshot = new Map();
  const problems: string[] = [];
  for (const q of QUERIES) {
    const { hits, problem } = await topTen(bin, q, folder, [...dbArgs, ...modelArgs]);
    if (problem) problems.push(problem);
    snapshot.set(keyOf(q), hits ?? []);
  }
  return { snapshot, problems };
}

export type DifferenceKind = "tie" | "graph" | "data";

const EXHAUSTIVE = ["--hnsw-ef-search", "100000"];

/** The sorted scores of a mode's top 50 (the depth hybrid search fuses): equal for equal data. */
async function scoreProfile(bin: string, query: string, mode: "semantic" | "lexical", where: { folder: string; args: string[] }): Promise<string | undefined> {
  const r = await run(bin, ["search", query, "--dir", where.folder, ...where.args, ...EXHAUSTIVE, "--mode", mode, "--k", "50", "--json"]);
  if (r.code !== 0) return undefined;
  return (JSON.parse(r.stdout) as { results: { score: number }[] }).results
    .map((h) => h.score)
    .sort((a, b) => b - a)
    .join();
}

/**
 * Why a query's top 10 differs from the clean index's:
 * - "graph": identical once both search the HNSW graph exhaustively (approximate search);
 * - "tie": the semantic and keyword rankings underneath (top 50, exhaustive) hold the same scores,
 *   so only hits of equal score (e.g. two chunks with the same text) trade places, and the fusion
 *   and ranking signals carry that into the top 10;
 * - "data": anything else.
 */
export async function explainDifference(
  bin: string,
  key: string,
  recovered: { folder: string; args: string[] },
  clean: { folder: string; args: string[] },
): Promise<{ kind: DifferenceKind; text: string }> {
  const q = QUERIES.find((x) => keyOf(x) === key)!;
  if (q.mode === "hybrid") {
    const a = await topTen(bin, q, recovered.folder, [...recovered.args, ...EXHAUSTIVE]);
    const b = await topTen(bin, q, clean.folder, [...clean.args, ...EXHAUSTIVE]);
    if (a.hits && b.hits && a.hits.join() === b.hits.join()) return { kind: "graph", text: "identical with an exhaustive efSearch: the two graphs differ (approximate search)" };
  }
  const modes = q.mode === "hybrid" ? (["semantic", "lexical"] as const) : (["lexical"] as const);
  const unequal: string[] = [];
  for (const mode of modes) {
    const a = await scoreProfile(bin, q.query, mode, recovered);
    const b = await scoreProfile(bin, q.query, mode, clean);
    if (a === undefined || b === undefined || a !== b) unequal.push(mode);
  }
  if (!unequal.length) return { kind: "tie", text: `the ${modes.join(" and ")} top 50 hold the same scores: hits of equal score trade places (tie order)` };
  return { kind: "data", text: `the ${unequal.join(" and ")} top 50 scores differ too, even with an exhaustive efSearch` };
}

/** The queries whose top 10 differ, with the first rank that differs. */
export function compareSnapshots(got: Snapshot, want: Snapshot): { key: string; text: string }[] {
  const diffs: { key: string; text: string }[] = [];
  for (const [key, expected] of want) {
    const actual = got.get(key) ?? [];
    if (actual.join() === expected.join()) continue;
    const at = expected.findIndex((e, i) => actual[i] !== e);
    const rank = at === -1 ? expected.length : at;
    diffs.push({ key, text: `${key}: rank ${rank + 1} is ${actual[rank] ?? "(none)"}, clean index has ${expected[rank] ?? "(none)"} (${actual.length} vs ${expected.length} hits)` });
  }
  return diffs;
}
