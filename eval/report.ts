// The tables of an evaluation run, as markdown: printed by npm run eval and written to
// eval/RESULTS.md. Every figure is computed here from the per-query records the JSON keeps.
import { SEARCH_MODES, type SearchMode } from "../shared/src/types";
import { lostWhere } from "./file-or-chunk";
import { CODE_CATEGORIES, QUESTION_CATEGORIES } from "./labels";
import type { Metrics, Unit } from "./metrics";
import type { Override } from "./overrides";
import { describeOverrides } from "./overrides";
import { violations, type BestRanks } from "./property";

export interface OutcomeSummary {
  ndcg: number;
  first: number | null;
  best: number | null;
  found: number;
  items: number;
}

export interface ModeOutcome {
  chunk: OutcomeSummary;
  file: OutcomeSummary;
}

export interface QueryRecord {
  id: string;
  corpus: string;
  category: string;
  query: string;
  modes: Record<SearchMode, ModeOutcome>;
  /** Chunk rank of the first hit matching a best-graded answer, per mode (the property's input). */
  best: BestRanks;
}

export interface CorpusRun {
  corpus: string;
  kind: string;
  modelId: string;
  chunks: number;
  indexSeconds: number;
  configs: Record<string, { records: QueryRecord[]; searchSeconds: number }>;
  sweep?: { variant: string; metrics: Metrics }[];
}

export interface Report {
  generatedAt: string;
  command: string;
  seconds: number;
  machine: { cpus: number; cpu?: string; memoryGiB: number; node: string };
  model: string;
  modelId: string;
  maxChunkChars: number;
  configs: { name: string; search: Override[]; engine: Override[] }[];
  corpora: { name: string; kind: string; language?: string; description: string; packages: Record<string, string>; files: number; bytes: number; queries: number }[];
  runs: CorpusRun[];
}

/** Mean metrics of records in one mode and unit. */
export function summarise(records: QueryRecord[], mode: SearchMode, unit: Unit): Metrics {
  const n = records.length || 1;
  const sum = (f: (o: OutcomeSummary) => number) => records.reduce((s, r) => s + f(r.modes[mode][unit]), 0) / n;
  return {
    "ndcg@10": sum((o) => o.ndcg),
    mrr: sum((o) => (o.first ? 1 / o.first : 0)),
    "recall@10": sum((o) => (o.items ? o.found / o.items : 0)),
    "hit@1": sum((o) => (o.first === 1 ? 1 : 0)),
    queries: records.length,
  };
}

/** A code-search query: one of the code categories, over a code corpus (not its docs questions). */
const codeSearches = (records: QueryRecord[], codeCorpora: Set<string>) => records.filter((r) => codeCorpora.has(r.corpus) && CODE_CATEGORIES.includes(r.category as never));

/** Row groups of the category tables: each code category, all code, docs, docs in a repository, paraphrase, everything. */
function groups(records: QueryRecord[], codeCorpora: Set<string>): [string, QueryRecord[]][] {
  const code = codeSearches(records, codeCorpora);
  const out: [string, QueryRecord[]][] = CODE_CATEGORIES.map((c) => [`code: ${c}`, code.filter((r) => r.category === c)]);
  out.push(["code: all", code]);
  out.push(["docs", records.filter((r) => r.category === "docs")]);
  out.push(["docs in a repository", records.filter((r) => r.category === "repo-docs")]);
  out.push(["paraphrase", records.filter((r) => r.category === "paraphrase")]);
  out.push(["all", records]);
  return out.filter(([, rs]) => rs.length);
}

const f3 = (x: number) => x.toFixed(3);

export function renderResults(report: Report, before?: { report: Report; file: string }): string {
  const lines: string[] = [];
  const push = (...ls: string[]) => lines.push(...ls);
  const baseline = report.configs[0].name;
  const recordsOf = (config: string) => report.runs.flatMap((r) => r.configs[config]?.records ?? []);
  const all = recordsOf(baseline);
  const codeCorpora = new Set(report.corpora.filter((c) => c.kind === "code").map((c) => c.name));
  const chunksOf = new Map(report.runs.map((r) => [r.corpus, r.chunks]));

  push(
    "# Search-quality evaluation",
    "",
    "Written by `npm run eval` (eval/run.ts); docs/search-quality.md explains the corpora, the labels and the measures, and records each choice of the ranking defaults with the figures behind it (per query kind and, for questions, per corpus kind: code or prose).",
    "",
    `- command: \`${report.command}\``,
    `- date: ${report.generatedAt}`,
    `- model: \`${report.model}\` (${report.modelId}), chunks of at most ${report.maxChunkChars} characters`,
    `- machine: ${report.machine.cpus} × ${report.machine.cpu ?? "?"}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node} (shared with other jobs); run took ${Math.round(report.seconds)} s`,
  );
  if (report.configs[0].search.length || report.configs[0].engine.length) {
    push(`- overrides: ${describeOverrides([...report.configs[0].search, ...report.configs[0].engine])}`);
  }
  push("", "## Corpora", "", "| corpus | contents | pinned | files | KiB | chunks | queries |", "|---|---|---|---|---|---|---|");
  for (const c of report.corpora) {
    const pins = Object.entries(c.packages).map(([p, v]) => `${p} ${v}`).join("; ");
    push(`| ${c.name}${c.language ? ` (${c.language})` : ""} | ${c.description} | ${pins} | ${c.files} | ${Math.round(c.bytes / 1024)} | ${chunksOf.get(c.name) ?? "?"} | ${c.queries} |`);
  }

  // Headline figures, in the shape of issue 13's table.
  const code = codeSearches(all, codeCorpora);
  const docs = all.filter((r) => r.category === "docs");
  const repoDocs = all.filter((r) => r.category === "repo-docs");
  const para = all.filter((r) => r.category === "paraphrase");
  push("", "## Headline", "", "| set | hybrid | lexical | semantic |", "|---|---|---|---|");
  const row = (label: string, cell: (m: SearchMode) => string) => push(`| ${label} | ${(["hybrid", "lexical", "semantic"] as SearchMode[]).map(cell).join(" | ")} |`);
  if (code.length) {
    row(`${code.length} code-search queries over ${codeCorpora.size} ${codeCorpora.size === 1 ? "corpus" : "corpora"}, nDCG@10 on chunk ranks`, (m) => f3(summarise(code, m, "chunk")["ndcg@10"]));
    row("the same, nDCG@10 on file ranks", (m) => f3(summarise(code, m, "file")["ndcg@10"]));
  }
  if (docs.length) row(`${docs.length} docs questions, recall@10 / MRR`, (m) => `${summarise(docs, m, "chunk")["recall@10"].toFixed(2)} / ${summarise(docs, m, "chunk").mrr.toFixed(2)}`);
  if (repoDocs.length) row(`${repoDocs.length} docs questions asked of a repository with its code, nDCG@10 on chunk ranks`, (m) => f3(summarise(repoDocs, m, "chunk")["ndcg@10"]));
  if (para.length) row(`${para.length} paraphrased questions over the knowledge base, top-1`, (m) => `${para.filter((r) => r.modes[m].chunk.first === 1).length}/${para.length}`);

  for (const unit of ["chunk", "file"] as Unit[]) {
    push(
      "",
      `## By category, ${unit} ranks`,
      "",
      ...(unit === "file" ? ["A file ranks where its first chunk does; a graded query's relevant items are then its files.", ""] : []),
      `| queries | n | ${SEARCH_MODES.map((m) => `${m} nDCG@10 | ${m} MRR | ${m} R@10`).join(" | ")} |`,
      `|---|---|${SEARCH_MODES.map(() => "---|---|---").join("|")}|`,
    );
    for (const [label, rs] of groups(all, codeCorpora)) {
      const cells = SEARCH_MODES.map((m) => {
        const s = summarise(rs, m, unit);
        return `${f3(s["ndcg@10"])} | ${f3(s.mrr)} | ${f3(s["recall@10"])}`;
      });
      push(`| ${label} | ${rs.length} | ${cells.join(" | ")} |`);
    }
  }

  push("", "## By corpus, nDCG@10 (chunk / file ranks)", "", `| corpus | n | ${SEARCH_MODES.join(" | ")} |`, `|---|---|${SEARCH_MODES.map(() => "---").join("|")}|`);
  for (const c of report.corpora) {
    const ofCorpus = all.filter((r) => r.corpus === c.name);
    // A code corpus's docs questions get a row of their own: the corpus's row is its code search.
    const parts: [string, QueryRecord[]][] = [
      [`${c.name}${c.language ? ` (${c.language})` : ""}`, ofCorpus.filter((r) => r.category !== "repo-docs")],
      [`${c.name}: docs questions`, ofCorpus.filter((r) => r.category === "repo-docs")],
    ];
    for (const [label, rs] of parts) {
      if (rs.length) push(`| ${label} | ${rs.length} | ${SEARCH_MODES.map((m) => `${f3(summarise(rs, m, "chunk")["ndcg@10"])} / ${f3(summarise(rs, m, "file")["ndcg@10"])}`).join(" | ")} |`);
    }
  }

  push(
    "",
    "## Code questions: the file or the chunk",
    "",
    "Hybrid's best-graded answer, by file ranks and by chunk ranks: how often the right file is first but another chunk leads, and how often the file is in the top 10 but none of its answer chunks is.",
    "",
    "| category | n | answer's file first | answer's chunk first | file first, another chunk first | file in the top 10, no answer chunk |",
    "|---|---|---|---|---|---|",
  );
  for (const category of CODE_CATEGORIES.filter((c) => c !== "symbol")) {
    const w = lostWhere(all.filter((r) => r.category === category));
    if (w.n) push(`| ${category} | ${w.n} | ${w.fileFirst} | ${w.chunkFirst} | ${w.fileFirstChunkNot} | ${w.fileOnly} |`);
  }

  const v = violations(all, QUESTION_CATEGORIES);
  const questions = all.filter((r) => QUESTION_CATEGORIES.includes(r.category as never));
  push(
    "",
    "## Property: hybrid is not worse than the better half",
    "",
    `For each natural-language question (${QUESTION_CATEGORIES.join(", ")}), the chunk rank at which hybrid puts its best-graded answer must not be below the better of semantic's and lexical's (ranks within the top 10; a question neither half answers cannot fail).`,
    "",
    `**${v.length} violations** out of ${questions.length} questions (${QUESTION_CATEGORIES.map((c) => `${c}: ${v.filter((x) => x.category === c).length}/${questions.filter((r) => r.category === c).length}`).join(", ")}; ` +
      `without the docs questions: ${v.filter((x) => x.category !== "docs").length}/${questions.filter((r) => r.category !== "docs").length}).`,
  );
  const paraphrases = all.filter((r) => r.category === "paraphrase");
  if (paraphrases.length) {
    const below = belowSemantic(paraphrases);
    push("", `Paraphrases where hybrid ranks the answer below semantic alone: **${below.length}** of ${paraphrases.length}${below.length ? ` (${below.map((r) => r.id).join(", ")})` : ""}.`);
  }
  if (v.length) {
    push("", "| query | category | hybrid | semantic | lexical | question |", "|---|---|---|---|---|---|");
    const rank = (r: number | null) => (r === null ? "–" : String(r));
    for (const x of v) push(`| ${x.id} | ${x.category} | ${rank(x.ranks.hybrid)} | ${rank(x.ranks.semantic)} | ${rank(x.ranks.lexical)} | ${x.query.replace(/\|/g, "\\|")} |`);
  }

  if (report.configs.length > 1) {
    push(
      "",
      "## Ablation",
      "",
      "Each ranking signal switched off alone (`SearchOptions.ranking`; one that is off by default switched on instead), then all of them off; the same index and queries. nDCG@10 unless said.",
      "",
      "| configuration | all hybrid chunk | code hybrid chunk | code hybrid file | code lexical chunk | symbol hybrid | semantic hybrid | architecture hybrid | docs hybrid | docs in a repository hybrid | paraphrase hybrid top-1 | paraphrases below semantic | property violations |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const config of report.configs) {
      const rs = recordsOf(config.name);
      const c = codeSearches(rs, codeCorpora);
      const cat = (name: string) => {
        const x = c.filter((r) => r.category === name);
        return x.length ? f3(summarise(x, "hybrid", "chunk")["ndcg@10"]) : "–";
      };
      const d = rs.filter((r) => r.category === "docs");
      const rd = rs.filter((r) => r.category === "repo-docs");
      const p = rs.filter((r) => r.category === "paraphrase");
      const label = config.name === baseline ? `${config.name} (${describeOverrides(config.search) || "defaults"})` : config.name;
      push(
        `| ${label} | ${f3(summarise(rs, "hybrid", "chunk")["ndcg@10"])} | ${c.length ? f3(summarise(c, "hybrid", "chunk")["ndcg@10"]) : "–"} | ${c.length ? f3(summarise(c, "hybrid", "file")["ndcg@10"]) : "–"} | ${c.length ? f3(summarise(c, "lexical", "chunk")["ndcg@10"]) : "–"} | ${cat("symbol")} | ${cat("semantic")} | ${cat("architecture")} | ${d.length ? f3(summarise(d, "hybrid", "chunk")["ndcg@10"]) : "–"} | ${rd.length ? f3(summarise(rd, "hybrid", "chunk")["ndcg@10"]) : "–"} | ${p.length ? `${p.filter((r) => r.modes.hybrid.chunk.first === 1).length}/${p.length}` : "–"} | ${p.length ? belowSemantic(p).length : "–"} | ${violations(rs, QUESTION_CATEGORIES).length} |`,
      );
    }
  }

  const sweeps = report.runs.filter((r) => r.sweep);
  if (sweeps.length) {
    push("", "## Fusion variants (first relevant hit only, all swept corpora pooled; the ten best)", "", "| variant | nDCG@10 | MRR | R@10 |", "|---|---|---|---|");
    const pooled = sweeps[0].sweep!.map((v, i) => {
      const ms = sweeps.map((r) => r.sweep![i].metrics);
      const n = ms.reduce((s, m) => s + m.queries, 0) || 1;
      const avg = (k: "ndcg@10" | "mrr" | "recall@10") => ms.reduce((s, m) => s + m[k] * m.queries, 0) / n;
      return { variant: v.variant, ndcg: avg("ndcg@10"), mrr: avg("mrr"), r10: avg("recall@10") };
    });
    for (const v of pooled.sort((a, b) => b.ndcg - a.ndcg).slice(0, 10)) push(`| ${v.variant} | ${f3(v.ndcg)} | ${f3(v.mrr)} | ${f3(v.r10)} |`);
  }
  if (before) push(...renderComparison(before.report, report, before.file));
  push("", `With ${all.length} queries one query moves a mean by about ${(1 / Math.max(all.length, 1)).toFixed(3)}; within one category more.`, "");
  return lines.join("\n");
}

/**
 * "Before and after": the baseline configuration of an earlier run (npm run eval -- --compare FILE)
 * against this one, per category and mode (nDCG@10 / MRR / R@10 on chunk ranks), on file ranks, and
 * the property's counts. Only queries with the same id in both runs are compared.
 */
export function renderComparison(before: Report, after: Report, file: string): string[] {
  const baselineOf = (r: Report) => r.runs.flatMap((run) => run.configs[r.configs[0].name]?.records ?? []);
  const afterRecords = baselineOf(after);
  const beforeById = new Map(baselineOf(before).map((r) => [`${r.corpus}/${r.id}`, r]));
  const shared = afterRecords.filter((r) => beforeById.has(`${r.corpus}/${r.id}`));
  const old = shared.map((r) => beforeById.get(`${r.corpus}/${r.id}`)!);
  const codeCorpora = new Set(after.corpora.filter((c) => c.kind === "code").map((c) => c.name));
  const cell = (rs: QueryRecord[], m: SearchMode, unit: Unit) => {
    const x = summarise(rs, m, unit);
    return `${f3(x["ndcg@10"])} ${f3(x.mrr)} ${f3(x["recall@10"])}`;
  };
  const out = [
    "",
    "## Before and after",
    "",
    `Before: \`${before.command}\` of ${before.generatedAt} (${file}); after: this run. ${shared.length} queries in both. nDCG@10 MRR R@10 on chunk ranks, then file ranks for all. The earlier run's per-query figures are read from its JSON, which keeps three decimals, so its means can differ from its own page by 0.001.`,
    "",
    `| queries | n | ${SEARCH_MODES.map((m) => `${m} before | ${m} after`).join(" | ")} |`,
    `|---|---|${SEARCH_MODES.map(() => "---|---").join("|")}|`,
  ];
  const oldGroups = new Map(groups(old, codeCorpora));
  for (const [label, rs] of groups(shared, codeCorpora)) {
    const prev = oldGroups.get(label) ?? [];
    out.push(`| ${label} | ${rs.length} | ${SEARCH_MODES.map((m) => `${cell(prev, m, "chunk")} | ${cell(rs, m, "chunk")}`).join(" | ")} |`);
  }
  out.push(`| all, file ranks | ${shared.length} | ${SEARCH_MODES.map((m) => `${cell(old, m, "file")} | ${cell(shared, m, "file")}`).join(" | ")} |`);
  const questions = (rs: QueryRecord[]) => rs.filter((r) => QUESTION_CATEGORIES.includes(r.category as never)).length;
  const para = (rs: QueryRecord[]) => rs.filter((r) => r.category === "paraphrase");
  out.push(
    "",
    `Property violations: **${violations(old, QUESTION_CATEGORIES).length} before, ${violations(shared, QUESTION_CATEGORIES).length} after** (of ${questions(shared)} questions); ` +
      `paraphrases where hybrid ranks the answer below semantic alone: **${belowSemantic(para(old)).length} before, ${belowSemantic(para(shared)).length} after** (of ${para(shared).length}).`,
  );
  return out;
}

/** Records whose best answer hybrid ranks below where semantic alone does (absent counts as below). */
function belowSemantic(records: QueryRecord[]): QueryRecord[] {
  return records.filter((r) => r.best.semantic !== null && (r.best.hybrid === null || r.best.hybrid > r.best.semantic));
}
