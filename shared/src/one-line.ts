// A text as one line of at most `max` characters: what a results header or an agent's snippet repeats
// of a query or a chunk. Runs of whitespace (indentation, blank lines) take room and say nothing.

/** `text` with its whitespace runs as single spaces, cut with "…" to at most `max` characters. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
