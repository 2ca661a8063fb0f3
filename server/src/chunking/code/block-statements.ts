import type { LineInfo } from "./lexer";
import { PendingPrefix, type Statement } from "./statement";
import { CALLED_AT_ONCE } from "./declarations";
import type { Syntax } from "./syntax";

// A line ending like this cannot end a statement.
const ENDS_CONTINUED = /(?:[,=(\[.:&|^<>*/%]|(?<!\+)\+|(?<!-)-|=>|->|\b(?:and|or|not))$/;
// A line ending like this goes on past comment and blank lines below it: an assignment, an operator;
// not a Ruby method name that ends in `=` (`alias_method :eql?, :==`, `alias store []=`). The
// chunker's revision for this change (chunking/index.ts) looks for the same operators.
export const OPERATOR_GOING_ON = String.raw`(?:[=.&|^]|(?<!\+)\+|(?<!-)-|=>|->|\b(?:and|or|not))`;
const CONTINUES_PAST_COMMENTS = new RegExp(`${OPERATOR_GOING_ON}$`);
const RUBY_NAME_END = /(?:^|[\s,(]):(?:\[\]|[A-Za-z_]\w*|=|!)=$|^\s*alias\s/;
// A next line starting like this continues the statement (method chains, ternaries, Allman braces,
// a TypeScript union or intersection one member per line).
const NEXT_CONTINUES = /^(?:\{|\.(?!\.)|\?\.|&&|\|\||\||&|\?|:(?!:)|=>|->|\+(?!\+)|-(?!-)|\*|\/|%|=(?![=>])|where\b|extends\b|implements\b|throws\b)/;
// A line opening with `>` closes type parameters spread over lines (`export class Router<`, one per
// line, then `> {`): the statement goes on. Not in shell, where `> file` is a command of its own.
const CLOSES_ANGLES = /^>/;
// A header line ending with `<` opens type parameters over lines (`class RequestEvent<`, `extends
// NetworkFrame<`, `template<`): until the `>` that closes them, a brace is an object type among them
// (`DataType extends { requestId: string } = {`), not the body. The chunker's revision looks for the
// same lines.
export const ANGLES_OPENER = String.raw`[\w$\]]<`;
const OPENS_ANGLES = new RegExp(`${ANGLES_OPENER}$`);

/** How many more `<` than `>` a line of type parameters has; the arrows of function types are neither. */
function angleBalance(code: string): number {
  const bare = code.replace(/=>|->/g, "");
  return (bare.match(/</g)?.length ?? 0) - (bare.match(/>/g)?.length ?? 0);
}
// A condition without a brace has its branch on the next line, and an `else` may follow: Scala's
// and Kotlin's expression bodies (`def toInt64(int: Int): Maybe[Int64] =`, `if (int < Int64.MinValue)`,
// `Maybe.nothing`, `else`, `Maybe.just(int)`), braceless JavaScript.
const BRACELESS_CONTROL = /^(?:(?:else\s+)?if|while|for)\s*\(/;
// After a closed block, these keep the statement going.
const NEXT_CONTINUES_BLOCK = /^(?:else\b|catch\b|finally\b|\.(?!\.)|\?\.|while\s*\(.*\)\s*;)/;
// Complete on their own in semicolon languages, although they do not end with ';'.
const STANDALONE = /^(?:<\?(?:php|=)?|\?>|#!\[|(?:public|private|protected|internal)(?:\s+\w+)?\s*:(?!:)\s*$|[A-Za-z_]\w*\s*:(?!:)\s*$)/;
const DECORATOR_ONLY = /^@[\w.]+\s*(?:\([\s\S]*\))?\s*$/;
// C and C++: a macro alone on its line (`FMT_BEGIN_NAMESPACE`, `Q_OBJECT`, `G_BEGIN_DECLS`) is a
// statement of its own; read as the start of one, it swallowed the directives and code after it.
export const MACRO_LINE = /^[A-Z][A-Z0-9_]*$/;
// C and C++: a macro called alone on its line without a semicolon (cereal's
// `CEREAL_MAKE_HAS_MEMBER_SAVE_IMPL(save, )`, OpenSSL's `SKM_DEFINE_STACK_OF_INTERNAL(BIO, BIO, BIO)`).
// Read as the start of a statement waiting for its `;`, it swallowed the `#undef`s, the `#define`s and
// the namespace below it, all named after the macro.
const MACRO_CALL_LINE = /^[A-Z][A-Z0-9_]*\s*\((?:[^()]|\([^()]*\))*\)$/;

/**
 * Splits lines [from, to] of a brace or keyword language into statements at
 * nesting depth `base`: a statement ends where the nesting returns to `base`
 * at the end of a line that does not continue onto the next.
 */
export function blockStatements(lines: readonly string[], infos: readonly LineInfo[], syntax: Syntax, from: number, to: number, base: number): Statement[] {
  const statements: Statement[] = [];
  const prefix = new PendingPrefix(statements);

  let i = from;
  while (i <= to) {
    const info = infos[i];
    if (info.blank) {
      // A doc comment parted from the code below by one blank line still documents it (the comment, a
      // blank line, `get body () {`: the style of Express, Koa and Commander).
      const waiting = prefix.waiting();
      if (waiting && waiting[1] === i - 1 && isOneDocComment(lines, infos, waiting) && i < to && !infos[i + 1].blank && !infos[i + 1].commentOnly) {
        i++;
        continue;
      }
      prefix.flush();
      i++;
      continue;
    }
    if (info.commentOnly) {
      if (info.commentGap) prefix.gap(i);
      prefix.extend(i, i);
      i++;
      continue;
    }

    const start = i;
    let depth = base;
    let bodyLine = -1;
    let splittable = false;
    let bodyDepth = 1;
    // Type parameters over lines that the header has opened and not yet closed.
    let angles = 0;
    let j = i;
    for (;;) {
      const code = infos[j].code.trim();
      const inAngles = angles > 0;
      if (inAngles) angles = Math.max(0, angles + angleBalance(code));
      const scan = scanDepth(infos[j], depth, base, syntax);
      if (scan.openedAtBase && bodyLine < 0 && angles === 0 && !(syntax.returnObjectTypes && opensOnlyReturnTypes(infos, start, j, depth, base, syntax))) {
        bodyLine = j;
        splittable = scan.depth === base + 1;
      } else if (bodyLine < 0 && j === start && scan.depth === base + 2 && opensCalledAtOnce(code)) {
        // A function called at once opens its body inside the parenthesis that wraps it.
        bodyLine = j;
        splittable = true;
        bodyDepth = 2;
      }
      if (!inAngles && bodyLine < 0 && !syntax.commentAtWordStart && OPENS_ANGLES.test(code)) angles = 1;
      depth = scan.depth;
      if (depth === base && endsHere(infos, syntax, start, j, to, bodyLine >= 0)) break;
      if (j >= to) break;
      j++;
    }
    // The body must close on the statement's last line for its lines to be re-split.
    if (splittable && (j === bodyLine || depth !== base)) splittable = false;

    const statement: Statement = { prefixStart: prefix.startOf(start), start, end: j, bodyLine, splittable, ...(bodyDepth > 1 ? { bodyDepth } : {}) };
    i = j + 1;
    if (!syntax.semicolons && bodyLine < 0 && DECORATOR_ONLY.test(joinCode(infos, start, j))) {
      // A decorator belongs to the declaration below it, like a doc comment.
      prefix.extend(statement.prefixStart, j);
      continue;
    }
    if (syntax.macroCalls && annotatesNext(infos, start, j, to)) {
      // So does a macro called on the line above a declaration (`ABSL_DEPRECATED("...")`), which is
      // then named after itself rather than after the macro.
      prefix.extend(statement.prefixStart, j);
      continue;
    }
    prefix.clear();
    statements.push(statement);
  }
  prefix.flush();
  return statements;
}

// After a function's parameters, a colon starts its return type (`): Config & {`, `): Array<{`); a brace
// there right after `:`, `&`, `|`, `<` or `,` opens an object type. Taken for the body, it left the
// real body's code in the header, so that a long TanStack DB function was never cut by the functions
// it defines (thirty-eighth round).
const RETURN_TYPE = /\)\s*:/;
const OBJECT_TYPE_BEFORE = /[:&|<,]$/;

/**
 * TypeScript: line j opens an object type of a return type that goes on below it, and no body (which
 * opens on a later line: `} {`, `}> => {`). One closed on its line (`addDefaultCase(): {}`) is left
 * as it was read.
 */
function opensOnlyReturnTypes(infos: readonly LineInfo[], start: number, j: number, depth: number, base: number, syntax: Syntax): boolean {
  const code = infos[j].code;
  const above = j > start ? joinCode(infos, start, j - 1) : "";
  let d = depth;
  let typeOpen = false;
  for (let k = 0; k < code.length; k++) {
    const b = syntax.brackets.indexOf(code[k]);
    if (b < 0) continue;
    if (b % 2 === 1) {
      d = Math.max(base, d - 1);
      if (d === base) typeOpen = false;
      continue;
    }
    if (code[k] === "{" && d === base) {
      const before = `${above} ${code.slice(0, k)}`.trimEnd();
      if (!RETURN_TYPE.test(before) || !OBJECT_TYPE_BEFORE.test(before)) return false;
      typeOpen = true;
    }
    d++;
  }
  return typeOpen;
}

/** The line is the whole opening of a function called at once: it ends with its body's brace. */
function opensCalledAtOnce(code: string): boolean {
  const m = CALLED_AT_ONCE.exec(code);
  return m !== null && m[0].length === code.length;
}

// Doxygen's commands that make a comment a page, a group or a file's own documentation.
const DOXYGEN_PAGE = /^[\s*]*[\\@](?:mainpage|page|defgroup|addtogroup|file)\b/;

// Lines start..end are one doc comment (slash and two stars): it opens on the first, the others are
// inside it. Not a Doxygen page or group (libusb's 350-line `/** \page libusb_mtasync ...` a blank
// line above `usbi_io_init`), which documents no declaration.
function isOneDocComment(lines: readonly string[], infos: readonly LineInfo[], [start, end]: [number, number]): boolean {
  const open = /^\s*\/\*\*(?!\/)/.exec(lines[start]);
  if (!open || infos[start].startsInside) return false;
  for (let k = start + 1; k <= end; k++) if (!infos[k].startsInside) return false;
  const firstWords = lines[start].slice(open[0].length).trim() || (start < end ? lines[start + 1] : "");
  return !DOXYGEN_PAGE.test(firstWords);
}

/** The nesting depth after a line of code, from `depth`; it never goes below `base`. */
export function scanDepth(line: LineInfo, depth: number, base: number, syntax: Syntax): { depth: number; openedAtBase: boolean } {
  const { code } = line;
  let openedAtBase = false;
  const startDepth = depth;
  for (const ch of code) {
    const k = syntax.brackets.indexOf(ch);
    if (k < 0) continue;
    if (k % 2 === 0) {
      if (ch === "{" && depth === base) openedAtBase = true;
      depth++;
    } else {
      // A stray closer (or a lexing mistake) must not drag us below the level we split at.
      depth = Math.max(base, depth - 1);
    }
  }
  if (syntax.keywords) {
    const { open, close } = syntax.keywords(code, line.continued === true);
    if (open > 0 && startDepth === base) openedAtBase = true;
    depth = Math.max(base, depth + open - close);
  }
  return { depth, openedAtBase };
}

function endsHere(infos: readonly LineInfo[], syntax: Syntax, start: number, j: number, to: number, bodyOpened: boolean): boolean {
  const code = infos[j].code.trimEnd();
  if (code.endsWith("\\")) return j >= to;
  const first = infos[start].code.trim();
  if (syntax.preprocessor && first.startsWith("#")) return true;
  const next = nextCode(infos, j + 1, to);
  if (next === undefined) return true;
  if (bodyOpened) return !NEXT_CONTINUES_BLOCK.test(next);
  if (syntax.semicolons) {
    // A macro alone over a brace opens a block (toml++'s `TOML_NAMESPACE_START`, then `{`): it goes on.
    if (/[;}]$/.test(code) || STANDALONE.test(first) || (syntax.preprocessor && start === j && MACRO_LINE.test(first) && !next.startsWith("{"))) return true;
    return syntax.macroCalls === true && isMacroCall(infos, start, j) && !NEXT_CONTINUES.test(next);
  }
  // A comment or blank line after an assignment or an operator (`export const X =`, then
  // `/*@__PURE__*/`, then the value) ends nothing. After a comma it still ends the statement: in an
  // object cut by member, the comment documents the member below it (`limit: 10,`, `// Parse.`, `parse: function`).
  // Not in shell, where `FOO=` is a whole (empty) assignment.
  if (code === "" && !syntax.commentAtWordStart) {
    const last = lastCode(infos, start, j);
    if (CONTINUES_PAST_COMMENTS.test(last) && !RUBY_NAME_END.test(last)) return false;
  }
  if (ENDS_CONTINUED.test(code) && !closesTypeArguments(code)) return false;
  // Not where keywords make blocks: there `else` is inside one, or leads the function below it
  // (chunk-code.ts's BRANCH_LINE).
  if (!syntax.keywords && (isBracelessControl(code.trim()) || /^else\b/.test(next))) return false;
  return !NEXT_CONTINUES.test(next) && !(CLOSES_ANGLES.test(next) && !syntax.commentAtWordStart);
}

// A macro call is looked for over this many lines at most (`LLVM_YAML_DECLARE_MAPPING_TRAITS(`, its argument, `)`).
const MACRO_CALL_MAX_LINES = 8;

/** Lines start..j are one macro call, with nothing after its closing parenthesis. */
function isMacroCall(infos: readonly LineInfo[], start: number, j: number): boolean {
  if (j - start >= MACRO_CALL_MAX_LINES || !/^[A-Z][A-Z0-9_]*\s*\(/.test(infos[start].code.trim())) return false;
  return MACRO_CALL_LINE.test(start === j ? infos[j].code.trim() : joinCode(infos, start, j));
}

/**
 * Lines start..j are a macro call without a semicolon, or a macro's name alone (a statement of its
 * own: endsHere), right above a line of code that is neither a directive nor another such call: it
 * annotates that code.
 */
function annotatesNext(infos: readonly LineInfo[], start: number, j: number, to: number): boolean {
  if (j >= to) return false;
  const bare = start === j && MACRO_LINE.test(infos[j].code.trim());
  if (!bare && !isMacroCall(infos, start, j)) return false;
  const below = infos[j + 1];
  if (below.blank || below.commentOnly) return false;
  const next = below.code.trim();
  if (next.startsWith("#") || isMacroCall(infos, j + 1, j + 1) || /^[A-Z][A-Z0-9_]*\s*\($/.test(next)) return false;
  // A bare one (cmark's `CMARK_GFM_EXPORT` over each prototype) only over the start of a declaration,
  // or over another (toml++'s `TOML_PURE_GETTER` over `TOML_EXTERNAL_LINKAGE`): not over a closing
  // brace or a label (`Q_OBJECT` over `public:`).
  return !bare || (/^[A-Za-z_]/.test(next) && !STANDALONE.test(next));
}

/** `if (cond)` or `else` alone on its line: the condition's parenthesis closes at the line's end (`if (err) return done(err)` is whole). */
function isBracelessControl(code: string): boolean {
  if (code === "else") return true;
  const head = BRACELESS_CONTROL.exec(code);
  if (!head) return false;
  let depth = 1;
  for (let i = head[0].length; i < code.length; i++) {
    if (code[i] === "(") depth++;
    else if (code[i] === ")" && --depth === 0) return i === code.length - 1;
  }
  return false;
}

/**
 * `): Promise<T | D>` ends a TypeScript overload or a Kotlin interface member: a `>` that closes the
 * line's own `<` ends a type, not a comparison waiting for its right side.
 */
function closesTypeArguments(code: string): boolean {
  if (!/[^=\-]>$/.test(code)) return false;
  const arrows = code.replace(/=>|->/g, "");
  return (arrows.match(/</g)?.length ?? 0) >= (arrows.match(/>/g)?.length ?? 0);
}

function lastCode(infos: readonly LineInfo[], start: number, j: number): string {
  for (let k = j; k >= start; k--) {
    if (!infos[k].blank && !infos[k].commentOnly) return infos[k].code.trim();
  }
  return "";
}

function nextCode(infos: readonly LineInfo[], from: number, to: number): string | undefined {
  const k = nextCodeLine(infos, from, to);
  return k === undefined ? undefined : infos[k].code.trim();
}

/** The first line from `from` to `to` that holds code (not blank, not only a comment). */
export function nextCodeLine(infos: readonly LineInfo[], from: number, to: number): number | undefined {
  for (let k = from; k <= to; k++) {
    if (!infos[k].blank && !infos[k].commentOnly) return k;
  }
  return undefined;
}

// A conditional-compilation line: `#if UNITY_2018_3_OR_NEWER`, `#endif`, `#region Events`.
const CONDITIONAL_DIRECTIVE = /^\s*#\s*(?:if|ifdef|ifndef|elif|else|endif|region|endregion)\b/;

/**
 * A declaration's header, without the conditional-compilation lines inside it: an attribute under
 * `#if` (`[Obsolete(...)]`, then `#endif`, then `public static partial class ObservableWWW`) hid the class.
 */
export function headerCode(infos: readonly LineInfo[], start: number, end: number): string {
  return joinCode(infos, start, end, (k) => k === start || !CONDITIONAL_DIRECTIVE.test(infos[k].code));
}

/** The code of lines start..end (those `keep` keeps) on one line, spaces collapsed. */
export function joinCode(infos: readonly LineInfo[], start: number, end: number, keep: (line: number) => boolean = () => true): string {
  const parts: string[] = [];
  for (let k = start; k <= end; k++) if (keep(k)) parts.push(infos[k].code.trim());
  return parts.join(" ").replace(/\s+/g, " ").trim();
}
