// The order of results in the lexical and hybrid modes, from the two rankings (pure: the engine
// fetches the lists and the cosine scores).
import type { AppliedSignal, QueryKind, RankExplanation, ResolvedRanking } from "../../../shared/src/ranking";
import type { MatchedBy, SearchMode } from "../../../shared/src/types";
import { corpusKindOf, DEFAULT_FUSION, fuse, FUSION_BY_KIND, FUSION_BY_KIND_PROSE, isProseKind, type EntryScale, type FusionMethod, type KindFusion, type Scored } from "./fusion";
import { queryContentWords, termCoverage } from "./lexical";
import { declaresWithoutBody } from "./declarations-without-body";
import { CONTAINER_FACTOR, CONTAINER_NEAR, containerHeads } from "./container-heads";
import { COMMENTS_DOWN_CODE_LINES, COMMENTS_DOWN_FACTOR, isCommentChunk } from "./comment-chunks";
import { INTERFACES_DOWN_FACTOR, isInterfaceChunk } from "./interface-chunks";
import { insertFirstPieces } from "./first-pieces";
import { classifyQuery, isQuestionKind, lastSegment, type QueryAnalysis } from "./query-kind";
import {
  capPerFile,
  DEFINITION_FACTOR,
  DEMOTE_FACTOR,
  demotionMatcher,
  FILE_CREDIT,
  fileCredit,
  inScope,
  isConstructorOnly,
  isDemoted,
  isGeneratedChunk,
  isStubChunk,
  isInlineTest,
  LATER_PIECE_FACTOR,
  laterPieceFinder,
  PATH_WEIGHT,
  pieceDeclares,
  pathMatchScore,
  pathWords,
  PROSE_IN_CODE_FACTOR,
  PROSE_KEPT,
  SYMBOL_WEIGHT,
  symbolInScope,
  symbolIsName,
  symbolMatchScore,
  textDeclaresName,
  textImplementsName,
} from "./ranking-signals";

/**
 * How deep each ranking goes before fusion (or before a minScore cut). With the default small RRF k
 * a chunk ranked 50th adds almost nothing, so deeper lists change little (docs/search-quality.md).
 */
export const FUSION_DEPTH = 50;

// Languages whose documented prototypes the chunker names after their functions (chunk-code.ts).
const C_FAMILY = new Set(["c", "cpp"]);

/**
 * How many chunks a code-name query looks up by their symbol (namesToLookUp), a name, besides the
 * keyword list: BM25 puts every member of a big class ahead of the class's own chunk (each member is
 * short and says the name), so the declaration can be missing from the list's first FUSION_DEPTH.
 */
export const NAMED_DEPTH = 20;

export interface Ranked {
  id: number;
  matchedBy: MatchedBy;
}

export function rankForMode(mode: Exclude<SearchMode, "semantic">, semantic: Scored[], lexical: Scored[], how: FusionMethod): Ranked[] {
  if (mode === "lexical") return lexical.map((l) => ({ id: l.id, matchedBy: "lexical" }));
  return fuse([semantic, lexical], how).map((f) => ({
    id: f.id,
    matchedBy: f.ranks[0] !== undefined && f.ranks[1] !== undefined ? "both" : f.ranks[0] !== undefined ? "semantic" : "lexical",
  }));
}

/** What the ranking signals read of a candidate chunk. */
export interface CandidateRow {
  path: string;
  text: string;
  metadata: Record<string, unknown>;
}

export interface SignalRankInput {
  mode: Exclude<SearchMode, "semantic">;
  query: string;
  semantic: Scored[];
  lexical: Scored[];
  /**
   * Chunks whose symbol is a queried code name (namesToLookUp): one whose text declares the name
   * leads the keyword list as a declaring keyword hit does; the others play no part.
   */
  named?: Scored[];
  /**
   * For a question: later pieces of a function near the top of a list whose first piece is in no
   * list, each with that first piece (looked up by the engine: first-pieces.ts), whose row is in `rows`.
   */
  firstPieces?: ReadonlyMap<number, number>;
  /** Rows of every id in any list; an id without a row is dropped (deleted meanwhile). */
  rows: Map<number, CandidateRow>;
  ranking: ResolvedRanking;
  /** The engine's fusion: used as is unless it is the default and ranking.queryAwareFusion is on. */
  fusion: FusionMethod;
  /** Per-kind fusion over code candidates to use instead of FUSION_BY_KIND (the evaluation's sweep; prose: proseByKind). */
  byKind?: Record<QueryKind, KindFusion>;
  /** Per-kind fusion over prose candidates to use instead of FUSION_BY_KIND_PROSE (the evaluation's sweep). */
  proseByKind?: Record<QueryKind, KindFusion>;
  /** Signal strengths to use instead of the defaults (the evaluation's sweep). */
  strengths?: Partial<SignalStrengths>;
}

export interface SignalStrengths {
  definition: number;
  path: number;
  symbol: number;
  demote: number;
  laterPiece: number;
  container: number;
  /** How deep in the fused list a class's member makes its head go down. */
  containerNear: number;
  comments: number;
  /** How many lines of code a chunk of comments may hold and still go down as one. */
  commentCodeLines: number;
  interfaces: number;
  prose: number;
  fileCredit: number;
}

export const DEFAULT_STRENGTHS: SignalStrengths = {
  definition: DEFINITION_FACTOR,
  path: PATH_WEIGHT,
  symbol: SYMBOL_WEIGHT,
  demote: DEMOTE_FACTOR,
  laterPiece: LATER_PIECE_FACTOR,
  container: CONTAINER_FACTOR,
  containerNear: CONTAINER_NEAR,
  comments: COMMENTS_DOWN_FACTOR,
  commentCodeLines: COMMENTS_DOWN_CODE_LINES,
  interfaces: INTERFACES_DOWN_FACTOR,
  prose: PROSE_IN_CODE_FACTOR,
  fileCredit: FILE_CREDIT,
};

export interface SignalRanked extends Ranked {
  explain: RankExplanation;
}

/**
 * The order of lexical and hybrid results: the two rankings fused (by the query's kind), then the
 * code-aware signals (a declaration of a queried name up, a file whose path matches the query up, a
 * chunk whose symbol is made of a question's words up, a question's class heads with a member near the
 * top down, a question's later pieces of a function down, a question's chunks of comments alone and
 * its interfaces down, docs among mostly code down, tests/examples/vendored/stubs down, generated
 * files down, credit to a file with several good chunks), then at most `perFileCap` chunks per file
 * before the others.
 * Every entry carries its explanation.
 */
export function rankWithSignals(input: SignalRankInput): SignalRanked[] {
  const { mode, ranking: r, rows } = input;
  const analysis = classifyQuery(input.query);
  const strengths = { ...DEFAULT_STRENGTHS, ...input.strengths };
  // Over prose (manuals, notes) meaning is the better half than over code: its own weights.
  const corpus = corpusKindOf([input.semantic, input.lexical], (id) => rows.get(id)?.metadata.kind);
  const kind = (corpus === "prose" ? (input.proseByKind ?? FUSION_BY_KIND_PROSE) : (input.byKind ?? FUSION_BY_KIND))[analysis.kind];
  const queryAware = r.queryAwareFusion && input.fusion === DEFAULT_FUSION;
  const words = queryContentWords(input.query);
  const coverage = new Map<number, number>();
  const coverageOf = (id: number) => {
    let c = coverage.get(id);
    if (c === undefined) {
      const row = rows.get(id);
      // A code chunk holds the words its abbreviations stand for, as its keyword row does.
      c = row ? termCoverage(words, `${row.path}\n${row.text}\n${namesOf(row.metadata)}`, !isProseKind(row.metadata.kind)) : 1;
      coverage.set(id, c);
    }
    return c;
  };
  // A question whose keyword hits hold few of its words (the best of the first semanticLeadDepth: a
  // small share of them, and at most semanticLeadWords): the vector list leads.
  const headCoverage = () => Math.max(...input.lexical.slice(0, kind.semanticLeadDepth ?? 1).map((e) => coverageOf(e.id)));
  const semanticLeads =
    queryAware &&
    mode === "hybrid" &&
    kind.semanticLeadBelow !== undefined &&
    input.lexical.length > 0 &&
    headCoverage() < kind.semanticLeadBelow &&
    (kind.semanticLeadWords === undefined || Math.round(headCoverage() * words.length) <= kind.semanticLeadWords);
  // Leading, meaning takes the larger weight, and each keyword hit counts by its share of the
  // question's words, so a hit on one common word barely moves the vector order.
  const lead = kind.lead ?? { weights: [kind.weights[1], kind.weights[0]] as [number, number], coveragePower: kind.coveragePower };
  const kindWeights: [number, number] = semanticLeads ? lead.weights : kind.weights;
  const power = semanticLeads ? lead.coveragePower : kind.coveragePower;
  const how: FusionMethod = queryAware ? { method: "rrf", k: kind.k, weights: kindWeights } : input.fusion;
  const used: [number, number] = how.method === "rrf" ? [how.weights?.[0] ?? 1, how.weights?.[1] ?? 1] : [how.weights[0] ?? 1, how.weights[1] ?? 1];
  // Lexical mode fuses the keyword list alone: the vector weight plays no part.
  const weights: [number, number] = mode === "lexical" ? [0, used[1]] : used;

  // A keyword hit of a question counts by the share of the question's words it holds.
  const scale: EntryScale | undefined = queryAware && power > 0 ? (list, id) => (list === 1 ? coverageOf(id) ** power : 1) : undefined;
  // A name the query qualifies (`Command.opts`) is a member: a local variable of that name is not it.
  const declaresInText = (row: CandidateRow, name: string) => textDeclaresName(name, row.text, row.metadata.language, analysis.qualifiers.has(name));
  // Whether some candidate declares the name in its text (a struct, not an impl), worked out once a name.
  const typeDeclared = once((name) => [...rows.values()].some((row) => !isConstructorOnly(name, row.metadata.symbol, row.text) && declaresInText(row, name)));
  // Whether some candidate declares the name with a body: then TypeScript's overload signatures of it
  // and Lua's forward declarations and aliases are not where it is declared, as an `impl` is not where a
  // declared type is.
  const bodyDeclared = once((name) => [...rows.values()].some((row) => declaresInText(row, name) && !declaresWithoutBody(name, row.text, row.metadata.language)));
  // Whether a candidate's text declares a queried name: asked by the lead and by the boost, worked out once.
  const textDeclarations = new Map<string, boolean>();
  const declares = (id: number, name: string) => {
    const key = `${id} ${name}`;
    let found = textDeclarations.get(key);
    if (found === undefined) {
      const row = rows.get(id);
      // A constructor (C++, Java, C#) says the type's name but is not where the type is declared; a
      // Rust `impl` block is, unless a candidate declares the type itself.
      found =
        !!row &&
        !isConstructorOnly(name, row.metadata.symbol, row.text) &&
        ((declaresInText(row, name) && !(declaresWithoutBody(name, row.text, row.metadata.language) && bodyDeclared(name))) ||
          (textImplementsName(name, row.text) && !typeDeclared(name)));
      textDeclarations.set(key, found);
    }
    return found;
  };
  // By the chunker's symbol or by its text, as the definition boost counts it. The symbol counts only
  // where no candidate of the same file with that symbol declares the name in its text: the code
  // after a class's constructor, or the second window of a long function, carries the class's or the
  // function's symbol, and the chunk that declares it is the one to lift.
  const declaredInSymbol = pieceDeclares(rows, declares);
  const symbolDeclares = (id: number, name: string) => {
    const row = rows.get(id);
    if (!row || !symbolIsName(name, row.metadata.symbol) || isConstructorOnly(name, row.metadata.symbol, row.text)) return false;
    // In C and C++ the chunker names a documented prototype after its function (or the windows of its
    // long doc comment): where a candidate declares the function with its body, that is where it is.
    if (C_FAMILY.has(String(row.metadata.language)) && bodyDeclared(name)) return false;
    return !declaredInSymbol(row, name);
  };
  const declaresByEither = (id: number, name: string) => declares(id, name) || symbolDeclares(id, name);
  const inScopeOf = qualifierScope(analysis, rows, declaresByEither);
  // Lexical mode lists keyword matches only: a declaration the vector list alone found stays out.
  const declared = r.definitionBoost
    ? declarationsLead(analysis, { lexical: input.lexical, semantic: mode === "lexical" ? [] : input.semantic, named: input.named }, (id, name) => declares(id, name) && inScopeOf(id, name))
    : undefined;
  const keyword = declared?.list ?? input.lexical;
  // Found by the lookup of its name alone, in neither list.
  const listed = new Set([...input.lexical, ...input.semantic].map((e) => e.id));
  const namedOnly = new Set((input.named ?? []).map((e) => e.id).filter((id) => !listed.has(id)));
  const bm25Rank = declared ? new Map(input.lexical.map((l, i) => [l.id, i + 1])) : undefined;
  const lengthFactors = new Map(input.lexical.flatMap((l) => (l.lengthFactor === undefined ? [] : [[l.id, l.lengthFactor] as const])));
  const lists = mode === "lexical" ? [[], keyword] : [input.semantic, keyword];
  const isQuestion = isQuestionKind(analysis.kind);
  // A first piece in no list takes the place of its function's best later piece.
  const { fused, standsInFor } = insertFirstPieces(
    fuse(lists, how, scale).filter((f) => rows.has(f.id)),
    r.firstPieceStandsIn && isQuestion && input.firstPieces ? input.firstPieces : new Map(),
  );

  // For a question, the later pieces of a function or class whose first piece is a candidate too.
  const laterPiece = laterPieceFinder(rows, declares, declaredInSymbol);
  const inPaths = pathWords(input.query);
  const demoted = r.demoteTests ? demotionMatcher(r.demote) : undefined;
  // Tests written inside source files go down with test folders: the globs say whether tests do.
  const demotesTestFolders = !!demoted && demoted("tests/lib.rs");
  // And stubs known by their content with stubs known by their extension.
  const demotesStubs = !!demoted && demoted("types/index.d.ts");
  // Both depend on the path alone, and a file's chunks often rank together: worked out once a path.
  const pathScore = once((path) => pathMatchScore(path, inPaths));
  const isDemotedPath = once((path) => !!demoted && isDemoted(path, demoted, inPaths));
  // For a question, the heads of classes and modules whose members are near the top.
  const heads = r.containerYields && isQuestion ? containerHeads(fused.map((f) => f.id), rows, strengths.containerNear) : new Map<number, string>();
  // Prose candidates met so far, in fused order.
  let proseSeen = 0;
  const items = fused.map((f) => {
    const row = rows.get(f.id)!;
    const signals: AppliedSignal[] = [];
    let score = f.fused;
    const later = standsInFor.get(f.id);
    if (later) signals.push({ signal: "firstPieceStandsIn", detail: `the start of ${String(row.metadata.symbol)}, in place of a later piece of it that matched` });
    // BM25's own rank, also for a declaration moved to the head of the keyword list (its signal says so).
    const lexicalRank = bm25Rank ? bm25Rank.get(f.id) : f.ranks[1];
    if (r.definitionBoost && analysis.names.length) {
      const name = analysis.names.find((n) => declaresByEither(f.id, n) && inScopeOf(f.id, n));
      if (name) {
        score *= strengths.definition;
        // Said only where it changed the keyword rank fusion used.
        const byName = declared?.declaring.has(f.id) && namedOnly.has(f.id) ? ", found by its name" : "";
        const first = declared?.declaring.has(f.id) && lexicalRank !== f.ranks[1] ? `${byName}, put first in the keyword list` : "";
        signals.push({ signal: "definitionBoost", factor: strengths.definition, detail: `declares ${name}${first}` });
      }
    }
    if (r.pathMatch) {
      const m = pathScore(row.path);
      if (m > 0) {
        const factor = 1 + strengths.path * m;
        score *= factor;
        signals.push({ signal: "pathMatch", factor, detail: `path matches the query's words (${Math.round(m * 100)}%)` });
      }
    }
    // A question names no code, but a chunk whose own name is made of its words ("how are redirects
    // followed" and resolve_redirects) is likely where it is answered.
    if (r.symbolMatch && !analysis.identifiers.length) {
      const m = symbolMatchScore(row.metadata.symbol, inPaths);
      if (m > 0) {
        const factor = 1 + strengths.symbol * m;
        score *= factor;
        signals.push({ signal: "symbolMatch", factor, detail: `its name ${String(row.metadata.symbol)} is made of the query's words (${Math.round(m * 100)}%)` });
      }
    }
    const member = heads.get(f.id);
    if (member) {
      score *= strengths.container;
      signals.push({ signal: "containerYields", factor: strengths.container, detail: `the head of ${String(row.metadata.symbol)}, whose member ${member} is near the top too` });
    }
    const pieceOf = r.laterPiecesDown && isQuestion ? laterPiece(f.id) : undefined;
    if (pieceOf) {
      score *= strengths.laterPiece;
      signals.push({ signal: "laterPiecesDown", factor: strengths.laterPiece, detail: `a later piece of ${pieceOf}, whose start is a candidate too` });
    }
    if (r.commentsDown && isQuestion && isCommentChunk(row, strengths.commentCodeLines)) {
      score *= strengths.comments;
      signals.push({ signal: "commentsDown", factor: strengths.comments, detail: "comments with no code: a licence, an overview, or a doc comment cut off from its code" });
    }
    if (r.interfacesDown && isQuestion && isInterfaceChunk(row)) {
      score *= strengths.interfaces;
      signals.push({ signal: "interfacesDown", factor: strengths.interfaces, detail: "an interface, trait or protocol with no bodies: the code that does it answers a question" });
    }
    // Over candidates that are mostly code, the best prose keeps its place (a docs question's answer)
    // and the rest of it, which repeats the code's words, goes below the code.
    if (isProseKind(row.metadata.kind) && ++proseSeen > PROSE_KEPT && r.proseInCodeDown && corpus === "code") {
      score *= strengths.prose;
      signals.push({ signal: "proseInCodeDown", factor: strengths.prose, detail: `markdown or text among candidates that are mostly code, after the ${PROSE_KEPT} best` });
    }
    if (isDemotedPath(row.path)) {
      score *= strengths.demote;
      signals.push({ signal: "demoteTests", factor: strengths.demote, detail: "test, example, vendored, shim or stub file" });
    } else if (demotesTestFolders && isInlineTest(row, inPaths)) {
      score *= strengths.demote;
      signals.push({ signal: "demoteTests", factor: strengths.demote, detail: "a test inside a source file" });
    } else if (demotesStubs && isStubChunk(row, inPaths)) {
      score *= strengths.demote;
      signals.push({ signal: "demoteTests", factor: strengths.demote, detail: "an API stub: every function its file declares has an empty body" });
    } else if (r.demoteGenerated && isGeneratedChunk(row, inPaths)) {
      // By what the file says, not its path (a generated parser in src/); down once where both apply.
      score *= strengths.demote;
      signals.push({ signal: "demoteGenerated", factor: strengths.demote, detail: "generated file (its first lines say a tool wrote it)" });
    }
    const explain: RankExplanation = {
      queryKind: analysis.kind,
      corpus,
      weights,
      ...(semanticLeads ? { lead: "semantic" as const } : {}),
      ...(f.ranks[0] !== undefined && mode === "hybrid" ? { semanticRank: f.ranks[0] } : {}),
      ...(lexicalRank !== undefined ? { lexicalRank } : {}),
      ...(lexicalRank !== undefined && lengthFactors.has(f.id) ? { keywordLengthFactor: lengthFactors.get(f.id)! } : {}),
      fused: f.fused,
      signals,
      final: score,
    };
    const ranks = (later ?? f).ranks;
    const matchedBy: MatchedBy = mode === "lexical" ? "lexical" : ranks[0] !== undefined && ranks[1] !== undefined ? "both" : ranks[0] !== undefined ? "semantic" : "lexical";
    return { id: f.id, matchedBy, path: row.path, score, explain };
  });
  if (r.fileCredit) {
    fileCredit(items, strengths.fileCredit).forEach((add, i) => {
      if (add <= 0) return;
      items[i].explain.signals.push({ signal: "fileCredit", add, detail: "other chunks of the file rank well too" });
      items[i].score += add;
      items[i].explain.final = items[i].score;
    });
  }
  // Stable: equal scores keep the fusion's order (and its tie-breaks).
  const sorted = items.map((it, at) => ({ it, at })).sort((a, b) => b.it.score - a.it.score || a.at - b.at).map((x) => x.it);
  const { order, moved } = capPerFile(sorted, r.perFileCap);
  return order.map((it) => {
    if (moved.has(it)) it.explain.capped = true;
    return { id: it.id, matchedBy: it.matchedBy, explain: it.explain };
  });
}

/**
 * A query that is only a code name or bare keywords (`Command`, `HTTPAdapter.send`, `scan`) asks for
 * the thing named: the candidates whose text declares it (the chunk with `type Command struct`, not
 * every chunk of its methods) lead the keyword list, ahead of chunks that only use the name often.
 * BM25 ranks a long declaration low when every chunk of the file says the name (a type's doc comment
 * and fields), and the definition factor cannot lift a chunk the keyword list does not hold: over the
 * 40 symbol queries of `npm run eval` this took hybrid nDCG@10 from 0.820 to 0.881
 * (docs/search-quality.md). The symbol from the chunker is not used here: every window of a long
 * declaration carries it, and the declaration is in the first. Declaring candidates keep their order
 * (keyword list first, then the vector list's, then the lookup by name's); the rest of the keyword
 * list follows.
 */
export function declarationsLead(
  analysis: QueryAnalysis,
  input: Pick<SignalRankInput, "lexical" | "semantic" | "named">,
  declares: (id: number, name: string) => boolean,
): { list: Scored[]; declaring: Set<number> } | undefined {
  if ((analysis.kind !== "identifier" && analysis.kind !== "keywords") || !analysis.names.length) return undefined;
  const declaring = new Set<number>();
  for (const { id } of [...input.lexical, ...input.semantic, ...(input.named ?? [])]) {
    if (!declaring.has(id) && analysis.names.some((n) => declares(id, n))) declaring.add(id);
  }
  if (!declaring.size) return undefined;
  // Fusions that read scores (not ranks) see the promoted entries at the list's best score.
  const top = input.lexical.length ? input.lexical[0].score : 1;
  const list = [...[...declaring].map((id) => ({ id, score: top })), ...input.lexical.filter((l) => !declaring.has(l.id))];
  return { list, declaring };
}

/**
 * The names to look up by symbol (Store.nameSearch) for a query of code names: the last segment of
 * each (`getInterface` of `XThis.getInterface`), at most four. None for bare keywords (looking them up
 * moved no query of `npm run eval`, and a common word costs a scan of up to 2,000 matches) or a question.
 */
export function namesToLookUp(query: string): string[] {
  const analysis = classifyQuery(query);
  if (analysis.kind !== "identifier") return [];
  const words = new Set(analysis.names.map(lastSegment).filter((w) => /^[\p{L}\p{N}_]+$/u.test(w)));
  return [...words].slice(0, 4);
}

/**
 * Whether a candidate counts as declaring a name, given where the query puts the name: `Regex::new`
 * asks for the `new` of `Regex` (ranking-signals.ts inScope), not every `fn new` of the code base,
 * which in a crate of constructors all lead the keyword list otherwise. When no candidate that declares
 * the name is inside its qualifier, the qualifier is taken for a module alias the code never spells
 * out (`fs.readFile`), and every declaration counts as before.
 */
function qualifierScope(analysis: QueryAnalysis, rows: Map<number, CandidateRow>, declaresAnywhere: (id: number, name: string) => boolean): (id: number, name: string) => boolean {
  const inside = new Map<string, Set<number>>();
  const insideOf = (name: string, qualifier: string) => {
    let ids = inside.get(name);
    if (!ids) {
      const all = [...rows].filter(([id, row]) => declaresAnywhere(id, name) && inScope(qualifier, name, { path: row.path, text: row.text, symbol: row.metadata.symbol }));
      // A member its symbol names inside the qualifier outranks one that only says the qualifier.
      const named = all.filter(([, row]) => symbolInScope(qualifier, name, { symbol: row.metadata.symbol, text: row.text }));
      ids = new Set((named.length ? named : all).map(([id]) => id));
      inside.set(name, ids);
    }
    return ids;
  };
  return (id, name) => {
    const qualifier = analysis.qualifiers.get(name);
    if (qualifier === undefined) return true;
    const ids = insideOf(name, qualifier);
    return ids.size === 0 || ids.has(id);
  };
}

/** A function of a string (a path, a name), computed once per string. */
function once<T>(of: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    if (!seen.has(key)) seen.set(key, of(key));
    return seen.get(key)!;
  };
}

/** The chunk's symbol and heading path, which the keyword index searches too. */
function namesOf(metadata: Record<string, unknown>): string {
  const heading = Array.isArray(metadata.headingPath) ? metadata.headingPath.join(" ") : metadata.heading;
  return [metadata.symbol, heading].filter((v) => typeof v === "string").join(" ");
}
