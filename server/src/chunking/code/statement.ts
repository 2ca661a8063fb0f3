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
}
