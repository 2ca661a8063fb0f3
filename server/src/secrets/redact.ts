// Replaces the secrets in a text with markers such as `[redacted: github-token]`, keeping every line
// where it was: a redacted span keeps its line breaks, so the line ranges of chunks made from the
// text still point at the right lines of the file.
import { DEFAULT_SECRET_PATTERNS, type SecretPattern } from "./patterns";

export interface Redaction {
  /** The text with each secret replaced by its marker. */
  text: string;
  /** The names of the patterns that matched, one per redacted span, in text order. */
  found: string[];
}

interface Span {
  start: number;
  end: number;
  name: string;
  order: number;
}

/** Redacts the built-in secret shapes and any `extra` patterns from `text`. */
export function redactSecrets(text: string, extra: readonly SecretPattern[] = []): Redaction {
  const patterns = extra.length ? [...DEFAULT_SECRET_PATTERNS, ...extra] : DEFAULT_SECRET_PATTERNS;
  const spans: Span[] = [];
  patterns.forEach((p, order) => {
    for (const m of text.matchAll(p.regex)) {
      const [start, end] = m.indices?.groups?.secret ?? m.indices![0];
      // An empty match (a lookaround-only user pattern) hides nothing.
      if (end > start) spans.push({ start, end, name: p.name, order });
    }
  });
  if (!spans.length) return { text, found: [] };
  // Earliest first; at the same start the longer span, then the pattern listed first, wins. A span
  // overlapping one already taken is merged into it, so no part of either survives.
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  const kept: Span[] = [];
  for (const s of spans) {
    const last = kept[kept.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else kept.push({ ...s });
  }
  let out = "";
  let at = 0;
  for (const s of kept) {
    out += text.slice(at, s.start) + marker(s.name, text.slice(s.start, s.end));
    at = s.end;
  }
  return { text: out + text.slice(at), found: kept.map((s) => s.name) };
}

/** The marker, followed by as many line breaks as the secret spanned. */
function marker(name: string, secret: string): string {
  const breaks = secret.match(/\r\n|\n|\r/g) ?? [];
  return `[redacted: ${name}]${breaks.join("")}`;
}
