// The text of a chunk in a store that keeps none (`--store-text none`, store/stored-text.ts): read
// back from the file (or the editor buffer that was indexed), through the same secret redaction the
// indexer ran, and shown only when its keyed digest matches the one stored, so a result never shows
// a secret the index hid, nor text the file no longer holds as if it were what matched.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TextUnavailable } from "../../../shared/src/types";
import { SourceLines } from "../chunking/source-lines";
import { decodeText, isBinary } from "../discovery/binary";
import { redactSecrets, type SecretPattern } from "../secrets";
import type { StoredChunk } from "../store/store";
import { sliceIn, textDigest, type TextSlice } from "../store/stored-text";

type Source = { lines: SourceLines } | { unavailable: TextUnavailable };

/** What a file's text was read from: the editor's text itself, or the file's identity on disk. */
type From = { editor?: string; disk?: string };

/** Files whose redacted lines are kept between searches: a search reads the same few files again and again. */
const CACHED_FILES = 256;

export class ChunkTextReader {
  /**
   * Redacted lines by path, with what they were read from (the file's size, mtime and inode, or the
   * editor's text): a file is read and redacted again only when that changed. In memory only.
   */
  private readonly recent = new Map<string, { from: From; lines: SourceLines }>();

  constructor(
    private readonly root: string,
    private readonly maxFileSize: number,
    /** The redaction rules the indexer uses (built-in shapes are always on; these are the extra ones). */
    private readonly secretPatterns: () => readonly SecretPattern[],
    /** The text of a file as an editor gave it to the indexer, which wins over the disk's. */
    private readonly editorText: (relPath: string) => string | undefined = () => undefined,
  ) {}

  /**
   * Gives every row that carries a digest (a store without text) its text, or "" and the reason it
   * cannot be shown. Each file is read once per call.
   */
  fill(rows: Iterable<StoredChunk>): void {
    const files = new Map<string, Source>();
    for (const row of rows) {
      if (!row.digest) continue;
      let source = files.get(row.path);
      if (!source) files.set(row.path, (source = this.load(row.path)));
      if ("unavailable" in source) {
        row.text = "";
        row.textUnavailable = source.unavailable;
        continue;
      }
      const text = textOf(source.lines, row.startLine, row.endLine, row.slice);
      if (text !== undefined && textDigest(text).equals(row.digest)) {
        row.text = text;
        delete row.textUnavailable;
      } else {
        row.text = "";
        row.textUnavailable = "file changed since indexing";
      }
    }
  }

  /** Where a chunk's text sits in its one (long) line, read from the file now: for a store giving up its text. */
  sliceOf(path: string, line: number, text: string): TextSlice | undefined {
    const source = this.load(path);
    return "unavailable" in source ? undefined : sliceIn(source.lines.lines[line - 1], text);
  }

  /** A file's redacted lines, as the chunker saw them (chunking/index.ts). */
  private load(relPath: string): Source {
    const open = this.editorText(relPath);
    if (open !== undefined) return { lines: this.redacted(relPath, { editor: open }, () => open) };
    const abs = join(this.root, relPath);
    try {
      const st = statSync(abs);
      if (!st.isFile()) return { unavailable: "file deleted" };
      // It was indexed under the limit: past it now, it has changed.
      if (st.size > this.maxFileSize) return { unavailable: "file changed since indexing" };
      let binary = false;
      const lines = this.redacted(relPath, { disk: `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}` }, () => {
        const bytes = readFileSync(abs);
        binary = isBinary(bytes);
        return binary ? "" : decodeText(bytes).text;
      });
      if (binary) return { unavailable: "file changed since indexing" };
      return { lines };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { unavailable: code === "ENOENT" || code === "ENOTDIR" ? "file deleted" : "file unreadable" };
    }
  }

  /** The redacted lines of a text, from the cache when `from` (what identifies the text) is unchanged. */
  private redacted(relPath: string, from: From, read: () => string): SourceLines {
    const hit = this.recent.get(relPath);
    if (hit && hit.from.editor === from.editor && hit.from.disk === from.disk) {
      // Most recently used last: the first entry is the one to drop.
      this.recent.delete(relPath);
      this.recent.set(relPath, hit);
      return hit.lines;
    }
    const lines = new SourceLines(redactSecrets(read(), this.secretPatterns()).text);
    this.recent.delete(relPath);
    this.recent.set(relPath, { from, lines });
    if (this.recent.size > CACHED_FILES) this.recent.delete(this.recent.keys().next().value!);
    return lines;
  }
}

/** A chunk's lines joined, or its slice of one line; undefined when the file is shorter now. */
function textOf(src: SourceLines, startLine: number, endLine: number, slice: TextSlice | undefined): string | undefined {
  if (startLine < 1 || endLine > src.count || endLine < startLine) return undefined;
  const text = src.text(startLine - 1, endLine - 1);
  return slice ? text.slice(slice.from, slice.to) : text;
}
