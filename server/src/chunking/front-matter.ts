/**
 * YAML front matter, read by a small parser for the flat `key: value` form
 * that notes and docs use. Nested maps are skipped rather than guessed at; a
 * full YAML parser is not worth a dependency for metadata filters.
 */
export type FrontMatterValue = string | number | boolean | Array<string | number | boolean>;

export interface FrontMatter {
  data: Record<string, FrontMatterValue>;
  /** Index of the first line after the closing fence (0 when there is no front matter). */
  bodyStart: number;
}

const FENCE = /^---\s*$/;
const CLOSE = /^(---|\.\.\.)\s*$/;
const KEY_LINE = /^([A-Za-z0-9_][\w.-]*|"[^"]+"|'[^']+')\s*:(?:\s+(.*)|\s*)$/;
const LIST_ITEM = /^\s*-(?:\s+(.*)|\s*)$/;

export function parseFrontMatter(lines: readonly string[]): FrontMatter {
  if (lines.length === 0 || !FENCE.test(lines[0])) return { data: {}, bodyStart: 0 };
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i])) {
      close = i;
      break;
    }
  }
  if (close < 0) return { data: {}, bodyStart: 0 };
  return { data: parseYamlLite(lines.slice(1, close)), bodyStart: close + 1 };
}

export function parseYamlLite(lines: readonly string[]): Record<string, FrontMatterValue> {
  const data: Record<string, FrontMatterValue> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // Indented lines belong to a structure we do not model (or were consumed below).
    if (/^\s/.test(line) || line.trim() === "" || line.startsWith("#")) continue;
    const m = KEY_LINE.exec(line);
    if (!m) continue;
    const key = unquote(m[1]);
    const raw = (m[2] ?? "").trim();

    if (raw === "" || raw === "|" || raw === ">" || /^[|>][-+]?$/.test(raw)) {
      const block: string[] = [];
      while (i + 1 < lines.length && (/^\s/.test(lines[i + 1]) || lines[i + 1].trim() === "" || LIST_ITEM.test(lines[i + 1]))) {
        block.push(lines[++i]);
      }
      const value = raw === "" ? blockList(block) : blockScalar(block, raw.startsWith("|"));
      if (value !== undefined) data[key] = value;
      continue;
    }
    const value = parseScalar(raw);
    if (value !== null) data[key] = value;
  }
  return data;
}

/** `- a` items under a key; undefined when the block is a nested map. */
function blockList(block: string[]): FrontMatterValue | undefined {
  const items: Array<string | number | boolean> = [];
  for (const line of block) {
    if (line.trim() === "") continue;
    const m = LIST_ITEM.exec(line);
    if (!m) return undefined;
    const v = parseScalar((m[1] ?? "").trim());
    if (v !== null && !Array.isArray(v)) items.push(v);
  }
  return items.length > 0 ? items : undefined;
}

function blockScalar(block: string[], literal: boolean): string {
  const body = block.map((l) => l.trim());
  while (body.length > 0 && body[body.length - 1] === "") body.pop();
  return literal ? body.join("\n") : body.join(" ").replace(/\s+/g, " ").trim();
}

/** One value: quoted or bare string, number, boolean, `[a, b]`; null for null/empty. */
export function parseScalar(raw: string): FrontMatterValue | null {
  const text = raw.trim();
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = closingQuote(text, 0);
    return unquote(text.slice(0, end + 1));
  }
  if (text.startsWith("[")) {
    const inner = text.endsWith("]") ? text.slice(1, -1) : text.slice(1);
    return splitFlowList(inner)
      .map((item) => parseScalar(item))
      .filter((v): v is string | number | boolean => v !== null && !Array.isArray(v));
  }
  const bare = text.replace(/\s+#.*$/, "");
  if (bare === "" || bare === "~" || /^null$/i.test(bare)) return null;
  if (/^(true|false)$/i.test(bare)) return bare.toLowerCase() === "true";
  // "007" and "1.2.3" stay strings: they are identifiers more often than numbers.
  if (/^[-+]?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(bare)) return Number(bare);
  return bare;
}

function splitFlowList(inner: string): string[] {
  const items: string[] = [];
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '"' || ch === "'") i = closingQuote(inner, i);
    else if (ch === ",") {
      items.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  items.push(inner.slice(start));
  return items.map((s) => s.trim()).filter((s) => s !== "");
}

/** Index of the quote closing the one at `open`, or the last index if unclosed. */
function closingQuote(text: string, open: number): number {
  const q = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (q === '"' && text[i] === "\\") i++;
    else if (text[i] === q) {
      // YAML escapes a single quote by doubling it.
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length - 1;
}

function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return text.slice(1, -1).replace(/\\(["\\nt])/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
  }
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  return text;
}
