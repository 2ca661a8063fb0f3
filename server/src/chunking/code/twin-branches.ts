import { scanDepth } from "./block-statements";
import type { LineInfo } from "./lexer";
import type { Syntax } from "./syntax";

// Conditional compilation that opens (or closes) the same block in each branch:
//
//   #if UniRxLibrary
//       public static partial class SchedulerUnity {
//   #else
//       public static partial class Scheduler {
//   #endif
//
// Counted as written, the block is opened twice and never closed, and everything below is read one
// level too deep: UniRx's MainThreadScheduler.cs came out as windows of its namespace, no member named.
// The compiler sees one branch, so only the first is read as code and the others as comments (they
// stay with the code below them, as a comment does), but only when each branch moves the nesting by
// the same non-zero amount. Balanced branches (whole
// functions under #ifdef) and lone unbalanced ones (`extern "C" {` under `#ifdef __cplusplus`) stay
// as they are.

const DIRECTIVE = /^\s*#\s*(if|ifdef|ifndef|elif|elifdef|elifndef|else|endif)\b/;

interface Group {
  /** Line ranges [first, last] of each branch's body, directives excluded. */
  branches: [number, number][];
}

/** Reads every branch but the first as comment, in a conditional whose branches all open, or all close, the same. */
export function countFirstBranchOnly(infos: LineInfo[], syntax: Syntax): void {
  const open: Group[] = [];
  infos.forEach((info, i) => {
    const m = DIRECTIVE.exec(info.code);
    if (!m) return;
    const word = m[1];
    if (word.startsWith("if")) {
      open.push({ branches: [[i + 1, i]] });
      return;
    }
    const group = open[open.length - 1];
    if (!group) return;
    group.branches[group.branches.length - 1][1] = i - 1;
    if (word === "endif") {
      open.pop();
      blankTwins(infos, group, syntax);
    } else {
      group.branches.push([i + 1, i]);
    }
  });
}

function blankTwins(infos: LineInfo[], group: Group, syntax: Syntax): void {
  if (group.branches.length < 2) return;
  const deltas = group.branches.map(([from, to]) => netDepth(infos, from, to, syntax));
  if (deltas[0] === 0 || deltas.some((d) => d !== deltas[0])) return;
  for (const [from, to] of group.branches.slice(1)) {
    for (let k = from; k <= to; k++) {
      const info = infos[k];
      if (info.blank) continue;
      info.code = " ".repeat(info.code.length);
      info.commentOnly = true;
    }
  }
}

/** How far lines from..to move the nesting, counted as the statement splitter counts it, with no floor. */
function netDepth(infos: readonly LineInfo[], from: number, to: number, syntax: Syntax): number {
  let depth = 0;
  for (let k = from; k <= to; k++) depth = scanDepth(infos[k], depth, Number.NEGATIVE_INFINITY, syntax).depth;
  return depth;
}
