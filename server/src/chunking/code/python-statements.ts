import type { LineInfo } from "./lexer";
import { PendingPrefix, type Statement } from "./statement";

export interface PythonLines {
  infos: readonly LineInfo[];
  /** Line continues the previous one: inside brackets, a triple-quoted string, or after a backslash. */
  continued: boolean[];
  indent: number[];
}

export function pythonLines(lines: readonly string[], infos: readonly LineInfo[]): PythonLines {
  const continued = new Array<boolean>(lines.length).fill(false);
  const indent = lines.map(indentWidth);
  let depth = 0;
  let backslash = false;
  for (let i = 0; i < lines.length; i++) {
    continued[i] = infos[i].startsInside || depth > 0 || backslash;
    for (const ch of infos[i].code) {
      if (ch === "(" || ch === "[" || ch === "{") depth++;
      else if (ch === ")" || ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
    }
    backslash = infos[i].code.trimEnd().endsWith("\\");
  }
  return { infos, continued, indent };
}

function indentWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === " ") width++;
    else if (ch === "\t") width += 8 - (width % 8);
    else break;
  }
  return width;
}

/**
 * Statements of lines [from, to] at the indentation of their first line: a
 * statement runs on while lines are indented deeper or continue it.
 */
export function pythonStatements(py: PythonLines, from: number, to: number): Statement[] {
  const { infos, continued, indent } = py;
  const statements: Statement[] = [];
  const prefix = new PendingPrefix(statements);

  let i = from;
  while (i <= to) {
    if (infos[i].blank && !continued[i]) {
      prefix.flush();
      i++;
      continue;
    }
    if (infos[i].commentOnly && !continued[i]) {
      prefix.extend(i, i);
      i++;
      continue;
    }
    const start = i;
    let end = start;
    for (let j = start + 1; j <= to; j++) {
      if (continued[j]) end = j;
      else if (infos[j].blank || infos[j].commentOnly) continue;
      else if (indent[j] > indent[start]) end = j;
      else break;
    }
    let header = start;
    while (header + 1 <= end && continued[header + 1]) header++;
    const hasBody = end > header;
    const statement: Statement = {
      prefixStart: prefix.startOf(start),
      start,
      end,
      bodyLine: hasBody ? header : -1,
      splittable: hasBody,
    };
    i = end + 1;
    if (infos[start].code.trimStart().startsWith("@") && !hasBody) {
      // A decorator belongs to the definition below it, like a comment.
      prefix.extend(statement.prefixStart, end);
      continue;
    }
    prefix.clear();
    statements.push(statement);
  }
  prefix.flush();
  return statements;
}
