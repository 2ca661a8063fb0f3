// Inline filters typed into a search box: `category:science how do plants make food`, `lang:python`,
// `path:docs/**`, `kind:code`. Pure (no `vscode`): the quick pick and the search panel both use it.
import { indexLanguageOfTypedName } from "../../shared/src/languages";
import type { SearchParams } from "../../shared/src/protocol";
import type { MetadataFilter } from "../../shared/src/types";

export interface ParsedQuery {
  /** The words left once the filters are taken out, single-spaced. */
  query: string;
  /** Metadata filter keys as the server knows them (`lang` becomes `language`). */
  filter: MetadataFilter;
  /** What was typed wrong, in words for the user; the offending filter is left out. */
  problems: string[];
}

/** Filter words the user may type, and the metadata key each one filters on. */
const KEY_ALIASES: Record<string, string> = {
  category: "category",
  cat: "category",
  lang: "language",
  language: "language",
  path: "path",
  kind: "kind",
  symbol: "symbol",
  heading: "heading",
  tag: "tags",
  tags: "tags",
  title: "title",
};

const KINDS = ["markdown", "code", "text"] as const;
const KIND_ALIASES: Record<string, string> = { md: "markdown", docs: "markdown", doc: "markdown", src: "code", source: "code", txt: "text", plaintext: "text" };

/** The filter words, for placeholders and help texts. */
export const FILTER_HELP = "category:science  lang:python  path:docs/**  kind:code|markdown|text";

// A filter is `key:value` or `key:"quoted value"` standing on its own (start of input or after a space).
const FILTER_RE = /(^|\s)([A-Za-z][\w-]*):(?:"([^"]*)"|'([^']*)'|(\S*))(?=\s|$)/g;

export function parseQuery(input: string): ParsedQuery {
  const filter: MetadataFilter = {};
  const problems: string[] = [];
  const rest = input.replace(FILTER_RE, (whole, lead: string, word: string, dq?: string, sq?: string, bare?: string) => {
    const key = KEY_ALIASES[word.toLowerCase()];
    // Not one of ours (`note: this`, `http://x`): it is part of the query.
    if (!key) return whole;
    const raw = (dq ?? sq ?? bare ?? "").trim();
    if (!raw) {
      problems.push(`${word}: needs a value, for example ${example(key)}`);
      return lead;
    }
    const value = normalizeValue(key, raw);
    if (value === undefined) {
      problems.push(`kind:${raw} is not a kind; use one of ${KINDS.join(", ")}`);
      return lead;
    }
    filter[key] = value;
    return lead;
  });
  return { query: rest.replace(/\s+/g, " ").trim(), filter, problems };
}

function example(key: string): string {
  switch (key) {
    case "language":
      return "lang:python";
    case "path":
      return "path:docs/**";
    case "kind":
      return "kind:code";
    default:
      return `${key}:science`;
  }
}

/** The value as the server matches it; undefined when it cannot be right (an unknown kind). */
export function normalizeValue(key: string, raw: string): string | undefined {
  const value = raw.trim();
  switch (key) {
    case "language": {
      // Short names (`py`, `tsx`, `golang`) and editor ids (`typescriptreact`) become the language
      // the index stores; an unknown name is kept, so it simply matches nothing.
      const v = value.toLowerCase();
      return indexLanguageOfTypedName(v) ?? v;
    }
    case "kind": {
      const v = value.toLowerCase();
      const kind = KIND_ALIASES[v] ?? v;
      return (KINDS as readonly string[]).includes(kind) ? kind : undefined;
    }
    case "path":
      return normalizePathGlob(value);
    default:
      return value;
  }
}

/**
 * `path:` is a glob over the path relative to the workspace folder. A plain folder name (`docs`,
 * `docs/`, `./src/lib`) means everything under it; a name with a dot in its last part is a file.
 */
export function normalizePathGlob(value: string): string {
  let v = value.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
  if (/[*?[\]{}!]/.test(v)) return v;
  if (v.endsWith("/")) return `${v}**`;
  const last = v.slice(v.lastIndexOf("/") + 1);
  if (!last.includes(".")) v = `${v}/**`;
  return v;
}

/** The filter fields of the search panel; empty strings mean "any". */
export interface FilterFields {
  category?: string;
  language?: string;
  kind?: string;
  path?: string;
}

export interface BuiltSearch {
  /** Undefined when there is nothing to search for yet (no words, only filters). */
  params?: SearchParams;
  parsed: ParsedQuery;
}

/**
 * SearchParams from what was typed, plus the panel's filter fields (a field wins over the same
 * filter typed inline: the field is the more deliberate of the two).
 */
export function buildSearch(input: string, fields: FilterFields = {}, opts: { topK?: number; minScore?: number } = {}): BuiltSearch {
  const parsed = parseQuery(input);
  const filter: MetadataFilter = { ...parsed.filter };
  const fieldKeys: [keyof FilterFields, string][] = [
    ["category", "category"],
    ["language", "language"],
    ["kind", "kind"],
    ["path", "path"],
  ];
  for (const [field, key] of fieldKeys) {
    const raw = fields[field]?.trim();
    if (!raw) continue;
    const value = normalizeValue(key, raw);
    if (value === undefined) parsed.problems.push(`kind "${raw}" is not a kind; use one of ${KINDS.join(", ")}`);
    else filter[key] = value;
  }
  parsed.filter = filter;
  if (!parsed.query) return { parsed };
  const params: SearchParams = { query: parsed.query };
  if (Object.keys(filter).length) params.filter = filter;
  if (opts.topK !== undefined) params.topK = opts.topK;
  if (opts.minScore !== undefined) params.minScore = opts.minScore;
  return { params, parsed };
}

/** `category:science lang:python` — a filter written back the way it can be typed. */
export function describeFilter(filter: MetadataFilter | undefined): string {
  const typed: Record<string, string> = { language: "lang", tags: "tag" };
  return Object.entries(filter ?? {})
    .map(([k, v]) => `${typed[k] ?? k}:${/\s/.test(v) ? `"${v}"` : v}`)
    .join(" ");
}
