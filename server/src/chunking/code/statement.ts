/** A top-level (or class-level) statement: a declaration or other code, with the comments above it. */
export interface Statement {
  /** First line of the comments, decorators or attributes directly above (== start when none). */
  prefixStart: number;
  /** First line of code. */
  start: number;
  /** Last line (inclusive). */
  end: number;
  /** Line on which the statement's block (class/function body) opens; -1 when it has none. */
  bodyLine: number;
  /** The body opens at the end of bodyLine and closes on `end`, so its lines can be split further. */
  splittable: boolean;
  /** How much deeper than the statement its body's lines are: 1, or 2 for a function wrapped in parentheses and called at once. */
  bodyDepth?: number;
}

/**
 * Comment and decorator lines waiting for the statement below them, which they belong to; a blank
 * line ends the wait and leaves them a statement of their own. Both statement splitters use it.
 */
export class PendingPrefix {
  private start = -1;
  private end = -1;
  /** Empty lines inside a block comment among the waiting lines: where a comment left alone parts. */
  private gaps: number[] = [];

  constructor(private readonly statements: Statement[]) {}

  /**
   * An empty line inside a block comment. The comment stays whole for the statement below it; left
   * alone (a module's or a licence's comment), it parts there as at a blank line, into paragraphs
   * that pack like any other lines instead of one long comment cut into windows.
   */
  gap(line: number): void {
    this.gaps.push(line);
  }

  /** Lines start..end (a comment, a decorator) belong to the next statement. */
  extend(start: number, end: number): void {
    if (this.start < 0) this.start = start;
    this.end = end;
  }

  /** The waiting lines, if any. */
  waiting(): [number, number] | undefined {
    return this.start >= 0 ? [this.start, this.end] : undefined;
  }

  /** Where a statement whose code starts on `line` begins, its waiting lines included. */
  startOf(line: number): number {
    return this.start >= 0 ? this.start : line;
  }

  /** The statement below took the waiting lines. */
  clear(): void {
    this.start = -1;
    this.gaps = [];
  }

  /** A blank line or the end: waiting lines become statements of their own, parted at their gaps. */
  flush(): void {
    if (this.start >= 0) {
      let from = this.start;
      for (const gap of [...this.gaps.filter((g) => g > this.start && g < this.end), this.end + 1]) {
        if (gap > from) this.statements.push({ prefixStart: from, start: from, end: gap - 1, bodyLine: -1, splittable: false });
        from = gap + 1;
      }
    }
    this.start = -1;
    this.gaps = [];
  }
}
