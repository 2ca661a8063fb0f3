// Labelled queries: eval/queries/<corpus>.jsonl, one JSON object a line:
//   {"id", "category"?, "query", "answers": [{"path", "heading"? | "contains"? | "lines"?, "grade"?}]}
// `category` is what kind of question it is (CATEGORIES; default: "docs" in a docs corpus,
// "paraphrase" in the notes corpus, "semantic" in a code corpus).
// Two kinds of labels:
//   graded (every answer has a grade): 3 = the defining place, 2 = directly relevant, 1 = related;
//     each answer is its own relevant item, and nDCG rewards finding all of them, best first;
//   ungraded (no answer has one): the answers are alternatives, any one of them is enough (an
//     option documented in three places); they count as one relevant item of grade 1.
// `path` is relative to
// the corpus (<package>/<file>). Without a locator the whole file answers. `heading` names a
// markdown section (ATX or setext, exact text) and covers it up to the next heading of the same or
// a higher level; `contains` names the one line holding that exact text (with "anyOccurrence": true,
// every line holding it, each an alternative answer: an option documented in several places);
// `lines` is [first, last].
// Locators are resolved against the materialised files, so a label that no longer fits fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Kinds of question. symbol: a bare identifier; semantic: "how/where does it ..."; architecture:
 * how a whole flow or subsystem works; docs: a question over manuals; repo-docs: a question that a
 * repository's docs answer, asked of the repository with its code (a code corpus); paraphrase: a
 * fact asked in other words. */
export const CATEGORIES = ["symbol", "semantic", "architecture", "docs", "repo-docs", "paraphrase"] as const;
export type Category = (typeof CATEGORIES)[number];
/** The categories of code search: what "code" figures are made of, in a code corpus. */
export const CODE_CATEGORIES: readonly Category[] = ["symbol", "semantic", "architecture"];
/** The natural-language categories: the ones the hybrid-not-worse property is checked on. */
export const QUESTION_CATEGORIES: readonly Category[] = ["semantic", "architecture", "paraphrase", "docs", "repo-docs"];

export interface AnswerLabel {
  path: string;
  /** 1 (related) to 3 (the defining place); all answers of a query have one, or none has. */
  grade?: number;
  heading?: string;
  contains?: string;
  anyOccurrence?: boolean;
  lines?: [number, number];
}

export interface LabelledQuery {
  id: string;
  category?: Category;
  query: string;
  answers: AnswerLabel[];
}

/** A resolved answer: a file and an inclusive 1-based line range (whole file when absent). */
export interface Answer {
  path: string;
  range?: [number, number];
  /** Grade of the label it comes from (1 for ungraded labels). */
  grade?: number;
  /** Answers of one group are one relevant item: finding any of them finds it (see metrics.ts). */
  group?: number;
}

export interface ResolvedQuery {
  id: string;
  category: Category;
  query: string;
  /** Whether its labels carry grades (each label its own item) or are alternatives. */
  graded: boolean;
  answers: Answer[];
}

/** The category of a query that names none, from the kind of corpus it runs on. */
export function defaultCategory(corpusKind: "docs" | "code" | "notes"): Category {
  return corpusKind === "docs" ? "docs" : corpusKind === "notes" ? "paraphrase" : "semantic";
}

export function loadQueries(file: string, fallbackCategory: Category = "semantic"): LabelledQuery[] {
  const out: LabelledQuery[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      const q = JSON.parse(line) as LabelledQuery;
      if (!q.id || !q.query || !Array.isArray(q.answers) || !q.answers.length) throw new Error(`${file}:${i + 1}: a query needs id, query and answers`);
      if (q.category !== undefined && !CATEGORIES.includes(q.category)) {
        throw new Error(`${file}:${i + 1}: category "${q.category}" is not one of ${CATEGORIES.join(", ")}`);
      }
      const graded = q.answers.filter((a) => a.grade !== undefined);
      if (graded.length && graded.length !== q.answers.length) throw new Error(`${file}:${i + 1}: query ${q.id} grades some answers but not all (grade every answer, or none)`);
      for (const a of graded) if (![1, 2, 3].includes(a.grade!)) throw new Error(`${file}:${i + 1}: query ${q.id}: grade ${a.grade} is not 1, 2 or 3`);
      out.push({ ...q, category: q.category ?? fallbackCategory });
    });
  const ids = new Set<string>();
  for (const q of out) {
    if (ids.has(q.id)) throw new Error(`${file}: duplicate query id ${q.id}`);
    ids.add(q.id);
  }
  return out;
}

export function resolveQueries(queries: LabelledQuery[], corpusDir: string): ResolvedQuery[] {
  const cache = new Map<string, string[]>();
  const linesOf = (path: string) => {
    if (!cache.has(path)) cache.set(path, readFileSync(join(corpusDir, path), "utf8").split(/\r?\n/));
    return cache.get(path)!;
  };
  return queries.map((q) => {
    const graded = q.answers.some((a) => a.grade !== undefined);
    return {
      id: q.id,
      category: q.category ?? "semantic",
      query: q.query,
      graded,
      answers: q.answers.flatMap((a, i) => {
        let lines: string[];
        try {
          lines = linesOf(a.path);
        } catch {
          throw new Error(`query ${q.id}: ${a.path} is not in the corpus`);
        }
        return locate(a, lines, q.id).map((range) => ({ path: a.path, range, grade: graded ? a.grade! : 1, group: graded ? i : 0 }));
      }),
    };
  });
}

function locate(a: AnswerLabel, lines: string[], id: string): ([number, number] | undefined)[] {
  if (a.lines) {
    const [first, last] = a.lines;
    if (!(first >= 1 && last >= first && last <= lines.length)) throw new Error(`query ${id}: lines ${first}-${last} are outside ${a.path}`);
    return [[first, last]];
  }
  if (a.contains !== undefined) {
    const at = lines.flatMap((l, i) => (l.includes(a.contains!) ? [i + 1] : []));
    if (at.length === 0 || (at.length > 1 && !a.anyOccurrence)) {
      throw new Error(`query ${id}: "${a.contains}" is on ${at.length} lines of ${a.path} (it must be on exactly one, or say anyOccurrence)`);
    }
    return at.map((n): [number, number] => [n, n]);
  }
  if (a.heading !== undefined) return [section(a.heading, lines, a.path, id)];
  return [undefined];
}

/** The lines of a markdown section: its heading to the line before the next heading at its level or above. */
export function section(heading: string, lines: string[], path: string, id: string): [number, number] {
  const headings = markdownHeadings(lines);
  const hits = headings.filter((h) => h.text === heading);
  if (hits.length !== 1) throw new Error(`query ${id}: heading "${heading}" occurs ${hits.length} times in ${path} (it must occur once)`);
  const h = hits[0];
  const next = headings.find((o) => o.line > h.line && o.level <= h.level);
  return [h.line, next ? next.line - 1 : lines.length];
}

interface Heading {
  line: number;
  level: number;
  text: string;
}

function markdownHeadings(lines: string[]): Heading[] {
  const out: Heading[] = [];
  let fence = false;
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) return;
    const atx = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx) {
      out.push({ line: i + 1, level: atx[1].length, text: atx[2] });
      return;
    }
    // Setext: a text line underlined with === (level 1) or --- (level 2).
    const under = /^(=+|-+)\s*$/.exec(lines[i + 1] ?? "");
    if (under && line.trim() && !/^\s*([-*+>|]|\d+\.)/.test(line)) out.push({ line: i + 1, level: under[1][0] === "=" ? 1 : 2, text: line.trim() });
  });
  return out;
}

/** Whether a hit answers the query: same file, and its lines overlap an answer's range. */
export function isRelevant(hit: { path: string; startLine: number; endLine: number }, answers: Answer[]): boolean {
  return answers.some((a) => a.path === hit.path && (!a.range || (hit.startLine <= a.range[1] && hit.endLine >= a.range[0])));
}
