/**
 * A file split into lines, with O(1) length of any line range, so packing
 * decisions on large files stay linear. Indices are 0-based; chunks convert
 * to 1-based line numbers only when they are emitted.
 */
export class SourceLines {
  readonly lines: string[];
  /** offsets[i] = length of lines[0..i-1] joined with "\n", plus one "\n" each. */
  private readonly offsets: number[];

  constructor(text: string) {
    // A leading BOM is not content; CR of CRLF endings is not either.
    this.lines = text.replace(/^\uFEFF/, "").split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
    this.offsets = new Array(this.lines.length + 1);
    this.offsets[0] = 0;
    for (let i = 0; i < this.lines.length; i++) this.offsets[i + 1] = this.offsets[i] + this.lines[i].length + 1;
  }

  get count(): number {
    return this.lines.length;
  }

  /** Length of lines[start..end] joined with "\n" (inclusive range). */
  length(start: number, end: number): number {
    if (end < start) return 0;
    return this.offsets[end + 1] - this.offsets[start] - 1;
  }

  text(start: number, end: number): string {
    return this.lines.slice(start, end + 1).join("\n");
  }

  isBlank(i: number): boolean {
    return this.lines[i].trim() === "";
  }

  /** The range without its leading and trailing blank lines, or undefined if it is all blank. */
  trim(start: number, end: number): [number, number] | undefined {
    while (start <= end && this.isBlank(start)) start++;
    while (end >= start && this.isBlank(end)) end--;
    return start <= end ? [start, end] : undefined;
  }
}
