// How lexical and hybrid search order their results beyond the raw fusion of the two rankings: the
// options a caller can switch, and the explanation a result carries when asked for. Types and
// defaults only (the engine applies them: server/src/search/ranking-signals.ts); they cross the wire
// in SearchOptions.ranking and SearchHit.explain. docs/search-quality.md has the figures behind the
// defaults.

/**
 * What a query looks like (server/src/search/query-kind.ts): `identifier` (code names only),
 * `keywords` (a few bare words), `question` (natural language), `mixed` (a question with a code name in it).
 */
export type QueryKind = "identifier" | "keywords" | "question" | "mixed";

export const QUERY_KINDS: readonly QueryKind[] = ["identifier", "keywords", "question", "mixed"];

export interface RankingOptions {
  /** Weigh the keyword and vector rankings by the query's kind (default true). */
  queryAwareFusion?: boolean;
  /** A chunk that declares a name the query asks for goes up (default true). */
  definitionBoost?: boolean;
  /** A file whose name or folder matches the query's words goes up (default true). */
  pathMatch?: boolean;
  /**
   * In a query without code names, a chunk whose symbol is made of the query's words goes up
   * (`resolve_redirects` for "how are redirects followed"; default true).
   */
  symbolMatch?: boolean;
  /** Tests, examples, vendored copies, shims and `.d.ts` stubs go down (default true; which: `demote`). */
  demoteTests?: boolean;
  /**
   * For a question, a later piece of a long function or class goes down when its first piece (the one
   * that declares it) is a candidate too: the top 10 holds the start of each answer once, rather than
   * three windows of one function (default true).
   */
  laterPiecesDown?: boolean;
  /**
   * Where most of a query's candidates are code, markdown and plain text beyond the two best go down:
   * in a repository a README or a changelog repeats the words of the code it documents, section after
   * section, while a docs question's answer is its best prose hit (default true). Where most
   * candidates are prose (a notes folder, a docs tree) nothing moves.
   */
  proseInCodeDown?: boolean;
  /** Globs (over the path relative to the folder) of files that go down; default DEFAULT_DEMOTE_GLOBS. */
  demote?: string[];
  /** A file whose several chunks rank well lifts each of them (default false: it cost 0.014 nDCG@10 on the evaluation). */
  fileCredit?: boolean;
  /**
   * At most this many chunks of one file in the top k, the rest after (default 5; 0: no cap). On the
   * evaluation 3 cost 0.023 nDCG@10 on chunk ranks for +0.004 on file ranks; 5 costs 0.004.
   */
  perFileCap?: number;
}

export type ResolvedRanking = Required<RankingOptions>;

/**
 * Paths that are rarely what a search is after, though they repeat its words: tests and their data,
 * examples, vendored and amalgamated copies, compatibility shims, minified builds, type-declaration
 * stubs. A query that names the kind itself ("test for parseRange") does not demote it.
 */
export const DEFAULT_DEMOTE_GLOBS: readonly string[] = [
  "**/{test,tests,__tests__,spec,specs,testing,testdata,test_data,fixtures,__fixtures__,__mocks__}/**",
  "**/*.{test,spec}.*",
  "**/*_{test,spec}.*",
  "**/test_*.py",
  "**/{example,examples,demo,demos,sample,samples}/**",
  "**/{vendor,vendored,third_party,thirdparty,3rdparty,external,extern,node_modules,bower_components}/**",
  "**/*{amalgamation,.min,-min,.bundle,-bundle}.*",
  "**/{compat,compatibility,shim,shims,polyfill,polyfills,legacy}/**",
  "**/*{-compat,_compat,.compat,-shim,_shim,.shim}.*",
  "**/*.d.{ts,mts,cts}",
  "**/*.pyi",
];

export const DEFAULT_RANKING: ResolvedRanking = {
  queryAwareFusion: true,
  definitionBoost: true,
  pathMatch: true,
  symbolMatch: true,
  demoteTests: true,
  laterPiecesDown: true,
  proseInCodeDown: true,
  demote: [...DEFAULT_DEMOTE_GLOBS],
  fileCredit: false,
  perFileCap: 5,
};

/** Every switch off: the plain fusion of the two rankings (lexical: BM25 order), as before the signals. */
export const NO_RANKING_SIGNALS: ResolvedRanking = {
  queryAwareFusion: false,
  definitionBoost: false,
  pathMatch: false,
  symbolMatch: false,
  demoteTests: false,
  laterPiecesDown: false,
  proseInCodeDown: false,
  demote: [],
  fileCredit: false,
  perFileCap: 0,
};

/**
 * The switches of DEFAULT_RANKING, in its order: its booleans, and perFileCap (a number, 0 off). The
 * demote globs are a setting of demoteTests, not a switch. Read from the defaults, so that a new
 * signal is validated and measured without another list to keep in step.
 */
export const RANKING_SWITCHES = (Object.keys(DEFAULT_RANKING) as (keyof ResolvedRanking)[]).filter(
  (k): k is Exclude<keyof ResolvedRanking, "demote"> => typeof DEFAULT_RANKING[k] === "boolean" || typeof DEFAULT_RANKING[k] === "number",
);

export type RankingSignal = "definitionBoost" | "pathMatch" | "symbolMatch" | "demoteTests" | "laterPiecesDown" | "proseInCodeDown" | "fileCredit" | "perFileCap";

/** One signal that moved a result: a factor on its score, or a score added, and why. */
export interface AppliedSignal {
  signal: RankingSignal;
  /** Multiplies the score (definition, path, symbol, demotion). */
  factor?: number;
  /** Added to the score (file credit). */
  add?: number;
  detail: string;
}

/** Why a result ranked where it did (SearchOptions.explain). */
export interface RankExplanation {
  queryKind: QueryKind;
  /**
   * What the query's candidates are (server/src/search/fusion.ts corpusKindOf): `prose` (markdown or
   * plain text) or `code`; the fusion's weights depend on it. Absent in explanations from before it.
   */
  corpus?: "code" | "prose";
  /** The fusion's weights for the vector and the keyword ranking, as used for this query (lexical mode: vector 0). */
  weights: [number, number];
  /** Set when the vector ranking led because the best keyword hit held few of the question's words. */
  lead?: "semantic";
  /** 1-based place in the vector ranking, absent when it was not in it. */
  semanticRank?: number;
  /** 1-based place in the keyword ranking, absent when it was not in it. */
  lexicalRank?: number;
  /** The fused score before the signals. */
  fused: number;
  signals: AppliedSignal[];
  /** The score the order comes from (fused, then the signals). */
  final: number;
  /** Set when the per-file cap moved it below chunks of other files. */
  capped?: boolean;
}

/** Fills a partial RankingOptions from the defaults; a bad value is an error that names it. */
export function resolveRanking(o: RankingOptions | undefined, base: ResolvedRanking = DEFAULT_RANKING): ResolvedRanking {
  const r: ResolvedRanking = { ...base, ...(o ?? {}) };
  for (const key of RANKING_SWITCHES) {
    if (typeof DEFAULT_RANKING[key] === "boolean" && typeof r[key] !== "boolean") throw new Error(`ranking.${key} is true or false; got ${JSON.stringify(r[key])}.`);
  }
  if (!Number.isInteger(r.perFileCap) || r.perFileCap < 0) throw new Error(`ranking.perFileCap is a whole number, 0 for no cap; got ${JSON.stringify(r.perFileCap)}.`);
  if (!Array.isArray(r.demote) || !r.demote.every((g) => typeof g === "string")) throw new Error(`ranking.demote is a list of globs; got ${JSON.stringify(r.demote)}.`);
  return r;
}

/** Short text of an explanation, for a terminal line or a tooltip. */
export function describeExplanation(e: RankExplanation): string {
  const keywordOnly = e.weights[0] === 0;
  const ranks = [...(keywordOnly ? [] : [e.semanticRank ? `vector #${e.semanticRank}` : "not in vector top"]), e.lexicalRank ? `keyword #${e.lexicalRank}` : "not in keyword top"];
  const signals = e.signals.map((s) => `${s.signal} ${s.factor !== undefined ? `×${round(s.factor)}` : `+${round(s.add ?? 0)}`} (${s.detail})`);
  const fusion = keywordOnly ? `${e.queryKind} query, keyword ranking only` : `${e.queryKind} query${e.corpus === "prose" ? " over prose" : ""}, weights vector ${e.weights[0]} : keyword ${e.weights[1]}${e.lead ? " (meaning leads: the best keyword hit holds few of the query's words)" : ""}`;
  return [fusion, ranks.join(", "), `fused ${round(e.fused)}`, ...signals, `final ${round(e.final)}${e.capped ? ", moved down by the per-file cap" : ""}`].join("; ");
}

/** What each signal did, in a word or two (explanationLine). */
const SIGNAL_WORDS: Record<RankingSignal, string> = {
  definitionBoost: "defines it",
  pathMatch: "path matches",
  symbolMatch: "name matches",
  demoteTests: "test/example/vendored file",
  laterPiecesDown: "later piece",
  proseInCodeDown: "prose among code",
  fileCredit: "file credit",
  perFileCap: "per-file cap",
};

/**
 * One short line of an explanation, for a list item such as the quick pick's detail: where each
 * ranking had it, whether meaning led, and each signal with how much it moved the score.
 * "vector #2, keyword #1 · defines parseRange ×2 · path matches ×1.17".
 */
export function explanationLine(e: RankExplanation): string {
  const keywordOnly = e.weights[0] === 0;
  const ranks = [...(keywordOnly ? [] : [e.semanticRank ? `vector #${e.semanticRank}` : "not in vector top"]), e.lexicalRank ? `keyword #${e.lexicalRank}` : "not in keyword top"].join(", ");
  const signals = e.signals.map((s) => {
    const what = s.signal === "definitionBoost" && s.detail.startsWith("declares ") ? definesWhat(s.detail) : SIGNAL_WORDS[s.signal];
    return `${what} ${s.factor !== undefined ? `×${round(s.factor, 100)}` : `+${round(s.add ?? 0)}`}`;
  });
  return [ranks + (e.lead ? " (meaning led)" : ""), ...signals, ...(e.capped ? ["after other files (per-file cap)"] : [])].join(" · ");
}

/**
 * "declares Command, put first in the keyword list" as "defines Command, first among keyword hits";
 * "declares Command, found by its name, put first ..." as "defines Command, found by its name".
 */
function definesWhat(detail: string): string {
  const [name, ...rest] = detail.slice("declares ".length).split(", ");
  if (rest.includes("found by its name")) return `defines ${name}, found by its name`;
  return `defines ${name}${rest.length ? ", first among keyword hits" : ""}`;
}

function round(x: number, scale = 1000): string {
  return String(Math.round(x * scale) / scale);
}
