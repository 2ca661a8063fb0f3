import type { CommentRule, StringRule, Syntax } from "./syntax";
import { countFirstBranchOnly } from "./twin-branches";

export interface LineInfo {
  /** The line with comments removed and string contents blanked, same length as the source line. */
  code: string;
  /** Whitespace only in the source, and not inside a block comment. */
  blank: boolean;
  /** Has text, but all of it is comment; or is an empty line inside a block comment (commentGap). */
  commentOnly: boolean;
  /** An empty line inside a block comment: a paragraph break of the comment, not a blank line. */
  commentGap: boolean;
  /** Starts inside a multi-line string or comment. */
  startsInside: boolean;
  /** Which comment or string it starts inside, when it does (the innermost). */
  inside?: Inside;
  /**
   * The line before ended its code with a value and a backslash: this one goes on that line's
   * statement. After an operator (`options[:root] ||= \`) it starts the value, as a statement does.
   */
  continued?: true;
}

/**
 * The comment or string a line starts inside: enough to read a piece cut from the middle of one on
 * its own, as the file read it (a chunk's `startsInside` metadata). `rule` is the index of the string
 * rule in the language's syntax.
 */
export type Inside = { kind: "comment"; close: string; nestOpen?: string } | { kind: "string"; close: string; rule: number; open?: string };

type Frame =
  // An interpolation's code (`#{...}`, `${...}`, a shell's `$(...)`), up to the bracket that closes it.
  | { kind: "interp"; braces: number; open: string; close: string }
  // A shell parameter expansion, `${...}`: its inside is blanked, since a `{` there is a plain
  // character (`${HOSTNAME:-ltsp%{IP\}}`) while a `${` nests; its braces stay, a balanced pair.
  | { kind: "expansion" }
  | { kind: "heredoc"; end: RegExp }
  | { kind: "comment"; close: string; nestOpen?: string }
  | { kind: "string"; rule: StringRule; close: string; open?: string; depth: number };

const WORD = /[\w$]/;
// After these a "/" starts a regex literal rather than a division.
const REGEX_AFTER = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\b(?:return|typeof|case|do|else|in|of|void|yield|await|delete|throw|new))\s*$/;
const REGEX_BODY = /\/(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\[\n])+\/[a-z]*/y;
// A line that ends in an odd number of backslashes goes on on the next; one whose backslash follows
// an operator or an opening bracket (activesupport's `stop = \`, then `if ... else ... end`) leaves
// the next line to start the value.
const CONTINUED = /(?:^|[^\\])(?:\\\\)*\\$/;
const VALUE_GOES_ON = /[=(,[{&|+\-*%<>:~^]\s*\\$/;
const ESCAPED_SIGN = /^[^\s\w]$/;
const CHAR_LITERAL = /'(?:\\(?:u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{1,3}|.)|[^\\'\n])'/y;

/**
 * Splits each line into code and non-code. Strings, comments and regexes are
 * blanked so that brackets and keywords inside them do not count. Frames
 * (open strings, comments, interpolations) carry over from line to line.
 */
export function lexLines(lines: readonly string[], syntax: Syntax, startInside?: Inside): LineInfo[] {
  const stack: Frame[] = startInside ? frameOf(startInside, syntax) : [];
  const out: LineInfo[] = [];
  let continued = false;
  for (const line of lines) {
    const startsInside = stack.length > 0;
    const inside = startsInside ? insideOf(stack[stack.length - 1], syntax) : undefined;
    // An empty line inside a block comment (old Javadoc separates its paragraphs so) is part of the
    // comment: read as blank, it cut the comment's first paragraphs off the declaration it documents.
    const inComment = stack[stack.length - 1]?.kind === "comment";
    const heredocs: Frame[] = [];
    const code = lexLine(line, syntax, stack, heredocs);
    // Strings that cannot span lines end with the line, whatever the source says, unless a
    // backslash continues them on the next ("...is deprecated, \).
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.kind === "string" && !top.rule.multiline && !(top.rule.escapes && CONTINUED.test(line))) stack.pop();
      else if (top.kind === "interp" && stack.length > 1 && !isMultilineString(stack[stack.length - 2])) stack.pop();
      else if (top.kind === "expansion") stack.pop();
      else break;
    }
    // A heredoc's text starts on the next line; the first opened is read first.
    stack.push(...heredocs.reverse());
    const empty = line.trim() === "";
    const blank = empty && !inComment;
    out.push({ code, blank, commentOnly: !blank && code.trim() === "", commentGap: empty && inComment, startsInside, ...(inside ? { inside } : {}), ...(continued ? { continued } : {}) });
    const tail = code.trimEnd();
    continued = CONTINUED.test(tail) && !VALUE_GOES_ON.test(tail);
  }
  if (syntax.conditionalBranches) countFirstBranchOnly(out, syntax);
  return out;
}

function insideOf(frame: Frame, syntax: Syntax): Inside | undefined {
  if (frame.kind === "comment") return { kind: "comment", close: frame.close, ...(frame.nestOpen ? { nestOpen: frame.nestOpen } : {}) };
  if (frame.kind !== "string") return undefined;
  const rule = syntax.strings.indexOf(frame.rule);
  return rule < 0 ? undefined : { kind: "string", close: frame.close, rule, ...(frame.open ? { open: frame.open } : {}) };
}

/** The frame to start from; none when `inside` (read from a store) does not fit this syntax. */
function frameOf(inside: Inside, syntax: Syntax): Frame[] {
  if (typeof inside.close !== "string" || !inside.close) return [];
  if (inside.kind === "comment") return [{ kind: "comment", close: inside.close, ...(typeof inside.nestOpen === "string" && inside.nestOpen ? { nestOpen: inside.nestOpen } : {}) }];
  const rule = inside.kind === "string" && Number.isInteger(inside.rule) ? syntax.strings[inside.rule] : undefined;
  if (!rule?.multiline) return [];
  return [{ kind: "string", rule, close: inside.close, open: typeof inside.open === "string" && inside.open ? inside.open : undefined, depth: 0 }];
}

function isMultilineString(frame: Frame): boolean {
  return frame.kind === "string" && frame.rule.multiline;
}

function lexLine(line: string, syntax: Syntax, stack: Frame[], heredocs: Frame[]): string {
  const heredoc = stack[stack.length - 1];
  if (heredoc?.kind === "heredoc") {
    const end = heredoc.end.exec(line);
    if (!end) return " ".repeat(line.length);
    stack.pop();
    // What follows a PHP terminator goes on the statement (`EOT);` closes the call the text was given to).
    const rest = end[1] ?? "";
    return " ".repeat(line.length - rest.length) + (rest ? lexLine(rest, syntax, stack, heredocs) : "");
  }
  const out: string[] = [];
  // Only text in plain code at the outermost level is kept; the rest is blanked.
  const emit = (text: string, keep: boolean) => out.push(keep && stack.length === 0 ? text : " ".repeat(text.length));
  let i = 0;
  while (i < line.length) {
    const top = stack[stack.length - 1];
    if (top?.kind === "comment") {
      const end = line.indexOf(top.close, i);
      const nested = top.nestOpen ? line.indexOf(top.nestOpen, i) : -1;
      if (nested >= 0 && (end < 0 || nested < end)) {
        emit(line.slice(i, nested + top.nestOpen!.length), false);
        i = nested + top.nestOpen!.length;
        stack.push({ ...top });
      } else if (end < 0) {
        emit(line.slice(i), false);
        i = line.length;
      } else {
        emit(line.slice(i, end + top.close.length), false);
        i = end + top.close.length;
        stack.pop();
      }
      continue;
    }
    if (top?.kind === "string") {
      const { rule, close } = top;
      if (rule.escapes && line[i] === "\\") {
        emit(line.slice(i, i + 2), false);
        i += 2;
        continue;
      }
      if (rule.doubledQuote && line.startsWith(close + close, i)) {
        emit(close + close, false);
        i += close.length * 2;
        continue;
      }
      // A bracket-delimited literal counts the brackets of its kind inside it.
      if (top.open && line.startsWith(top.open, i)) {
        top.depth++;
        emit(top.open, false);
        i += top.open.length;
        continue;
      }
      if (line.startsWith(close, i)) {
        if (top.depth > 0) {
          top.depth--;
          emit(close, false);
          i += close.length;
          continue;
        }
        stack.pop();
        emit(close, true);
        i += close.length;
        continue;
      }
      // C#'s `{{` in an interpolated string is a brace, not a hole.
      if (rule.interp === "{" && line.startsWith("{{", i)) {
        emit("{{", false);
        i += 2;
        continue;
      }
      if (rule.interp && line.startsWith(rule.interp, i)) {
        emit(rule.interp, false);
        const open = rule.interp[rule.interp.length - 1];
        stack.push({ kind: "interp", braces: 0, open, close: open === "(" ? ")" : "}" });
        i += rule.interp.length;
        continue;
      }
      emit(line[i], false);
      i++;
      continue;
    }

    // Plain code, at the outermost level or inside an interpolation.
    if (!top) {
      // Fast path: copy the run of characters that cannot start a string, comment or regex.
      const starters = startersOf(syntax);
      let j = i;
      while (j < line.length && !starters.has(line[j])) j++;
      if (j > i) {
        out.push(line.slice(i, j));
        i = j;
        continue;
      }
    }
    const ch = line[i];
    if (top?.kind === "interp") {
      if (ch === top.open) top.braces++;
      else if (ch === top.close) {
        if (top.braces === 0) {
          stack.pop();
          emit(ch, false);
          i++;
          continue;
        }
        top.braces--;
      }
    }

    if (ch === "$" && syntax.parameterExpansions && line[i + 1] === "{") {
      emit("${", true);
      stack.push({ kind: "expansion" });
      i += 2;
      continue;
    }
    if (ch === "}" && top?.kind === "expansion") {
      stack.pop();
      emit(ch, true);
      i++;
      continue;
    }

    // An escaped sign is no quote, bracket or comment: blanked, as inside a string (a letter after the
    // backslash stays, as it always read).
    if (ch === "\\" && syntax.escapesInCode && ESCAPED_SIGN.test(line[i + 1] ?? "")) {
      emit(ch, true);
      emit(line[i + 1], false);
      i += 2;
      continue;
    }
    const comment = matchComment(line, i, syntax);
    if (comment) {
      const [text, rule, m] = comment;
      emit(text, false);
      i += text.length;
      stack.push({ kind: "comment", close: typeof rule.close === "string" ? rule.close : rule.close(m), ...(rule.nestOpen ? { nestOpen: rule.nestOpen } : {}) });
      continue;
    }
    if (isLineComment(line, i, syntax)) {
      emit(line.slice(i), false);
      break;
    }
    if (ch === "<" && syntax.heredoc) {
      const opened = syntax.heredoc(line, i, line.slice(0, i));
      if (opened) {
        // A quoted identifier is blanked as a string's text is: rake's `<<-'end;'` ends no block.
        emit(opened.text.replace(/(['"`])(.*)\1/, (_, quote: string, id: string) => quote + " ".repeat(id.length) + quote), true);
        i += opened.text.length;
        heredocs.push({ kind: "heredoc", end: opened.end });
        continue;
      }
    }
    if (syntax.verbatim) {
      syntax.verbatim.pattern.lastIndex = i;
      const m = syntax.verbatim.pattern.exec(line);
      if (m) {
        emit(m[1] === undefined ? m[0] : m[0].slice(0, m[0].length - m[1].length) + " ".repeat(m[1].length), true);
        i += m[0].length;
        continue;
      }
    }
    const str = matchString(line, i, syntax, () => line.slice(0, i));
    if (str) {
      const [text, rule, m] = str;
      emit(text, true);
      i += text.length;
      const close = typeof rule.close === "string" ? rule.close : rule.close(m);
      const last = text[text.length - 1];
      const open = rule.nests && last !== close ? last : undefined;
      stack.push({ kind: "string", rule, close, open, depth: 0 });
      continue;
    }
    if (ch === "'" && syntax.charLiterals) {
      CHAR_LITERAL.lastIndex = i;
      const m = CHAR_LITERAL.exec(line);
      if (m) {
        emit("'", true);
        emit(m[0].slice(1, -1), false);
        emit("'", true);
        i += m[0].length;
        continue;
      }
    }
    // What comes before is read from the source, not the output: inside an interpolation
    // (`"#{caller.first[/`.*'/]}"`) the output is blanked, and the "[" before the regex would be lost.
    if (ch === "/" && syntax.regexLiterals && line[i + 1] !== "/" && line[i + 1] !== "*" && regexMayStart(line.slice(0, i), syntax)) {
      const body = syntax.regexBody ?? REGEX_BODY;
      body.lastIndex = i;
      const m = body.exec(line);
      if (m) {
        emit("/", true);
        emit(m[0].slice(1), false);
        i += m[0].length;
        continue;
      }
    }
    emit(ch, true);
    i++;
  }
  return out.join("");
}

/** Whether a slash after this text opens a regex literal rather than a division. */
function regexMayStart(before: string, syntax: Syntax): boolean {
  return REGEX_AFTER.test(before) || !!syntax.regexAfterWords?.test(before);
}

const STARTERS = new WeakMap<Syntax, Set<string>>();

function startersOf(syntax: Syntax): Set<string> {
  let set = STARTERS.get(syntax);
  if (!set) {
    let chars = syntax.strings.map((r) => r.starts).join("") + syntax.blockComments.map((r) => r.starts).join("");
    chars += syntax.lineComments.map((c) => c[0]).join("");
    if (syntax.charLiterals) chars += "'";
    if (syntax.regexLiterals) chars += "/";
    if (syntax.verbatim) chars += syntax.verbatim.starts;
    if (syntax.heredoc) chars += "<";
    if (syntax.escapesInCode) chars += "\\";
    set = new Set(chars);
    STARTERS.set(syntax, set);
  }
  return set;
}

function matchComment(line: string, i: number, syntax: Syntax): [string, CommentRule, RegExpExecArray] | undefined {
  for (const rule of syntax.blockComments) {
    if (rule.lineStart && line.slice(0, i).trim() !== "") continue;
    rule.open.lastIndex = i;
    const m = rule.open.exec(line);
    if (m) return [m[0], rule, m];
  }
  return undefined;
}

function isLineComment(line: string, i: number, syntax: Syntax): boolean {
  for (const marker of syntax.lineComments) {
    if (!line.startsWith(marker, i)) continue;
    if (syntax.commentAtWordStart && i > 0 && !/\s/.test(line[i - 1])) continue;
    return true;
  }
  return false;
}

function matchString(line: string, i: number, syntax: Syntax, codeBefore: () => string): [string, StringRule, RegExpExecArray] | undefined {
  for (const rule of syntax.strings) {
    rule.open.lastIndex = i;
    const m = rule.open.exec(line);
    if (!m) continue;
    // A prefix letter (r"", b"", f"", %w[]) must start a token, not end an identifier.
    if (/^[A-Za-z%]/.test(m[0]) && i > 0 && WORD.test(line[i - 1])) continue;
    if (rule.after && !rule.after.test(codeBefore())) continue;
    return [m[0], rule, m];
  }
  return undefined;
}
