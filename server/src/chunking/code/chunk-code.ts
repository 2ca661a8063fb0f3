import { emitRange, type Limits, type Piece } from "../pieces";
import type { SourceLines } from "../source-lines";
import { blockStatements, headerCode, joinCode, MACRO_LINE, nextCodeLine } from "./block-statements";
import { classify, keyedFunction, type Declaration } from "./declarations";
import { lexLines, type LineInfo } from "./lexer";
import { pythonLines, pythonStatements, type PythonLines } from "./python-statements";
import type { Statement } from "./statement";
import { syntaxFor, type Syntax } from "./syntax";

interface Context {
  /** The file's path in the workspace, which names a module's anonymous export. */
  relPath: string;
  src: SourceLines;
  infos: LineInfo[];
  syntax: Syntax;
  py?: PythonLines;
  language: string;
  limits: Limits;
}

interface Unit {
  statement: Statement;
  /** Set when the statement gets a chunk of its own. */
  declaration?: Declaration;
  /** The opening line(s) of a container being split into members. */
  isHeader?: boolean;
  /** The signature of a function being cut by its inner functions: it leads the code below it, however long. */
  isSignature?: boolean;
  /** A function's signature without a body (a TypeScript overload, a prototype): the function's name. */
  signatureOf?: string;
}

interface Scope {
  /** Qualified name of the enclosing container ("" at top level). */
  name: string;
  /** Nesting depth of the statements in this scope. */
  depth: number;
  /** The scope is a function's body: read as top-level code, only the functions it defines are cut out of it. */
  inFunction?: boolean;
}

// Languages whose overloads are signatures without a body, written right above the implementation.
const OVERLOADING = new Set(["typescript", "typescriptreact"]);
// Languages that write a whole function (or a macro) as `= expression`.
const EXPRESSION_FUNCTIONS = new Set(["kotlin", "scala", "swift"]);
// A value declaration this long is worth a chunk (and a symbol) of its own.
const STANDALONE_VALUE_LINES = 3;
const MAX_HEADER_CHARS = 600;
// The next branch of a conditional block cut by function (`else`, `elif [ -n "$X" ]; then`): it
// leads the function below it rather than make a chunk of one line.
const BRANCH_LINE = /^(?:else|(?:elif|elsif|elseif)\b.*)$/;
// Scripts whose top level runs section after section, each a few one-line statements above a long
// block: lynis's tests are a comment, a `Register --test-no SSH-7408 ... --description "..."` line,
// then `if [ ${SKIPTEST} -eq 0 ]; then` and the test. Those lines say what the block is for, and
// a chunk of their own left the block's windows without them (thirty-eighth round).
const LEAD_INS = new Set(["shellscript"]);
// Leftovers such as a class's closing brace or a shell `fi`: not worth a chunk of their own.
// (Comment-only statements have no code at all and are not leftovers.)
const CLOSER_ONLY = /^(?:[})\];,][\s})\];,]*|(?:end|fi)\s*[;,]?)$/;

/**
 * One chunk per top-level declaration (with the comments and decorators above
 * it), other code packed between them, big containers split into members.
 * Returns undefined for languages without a syntax description.
 */
export function chunkCode(relPath: string, src: SourceLines, language: string, limits: Limits): Piece[] | undefined {
  const syntax = syntaxFor(language);
  if (!syntax) return undefined;
  const infos = lexLines(src.lines, syntax);
  const ctx: Context = { relPath, src, infos, syntax, language, limits };
  if (syntax.family === "indent") ctx.py = pythonLines(src.lines, infos);
  const top: Scope = { name: "", depth: 0 };
  const pieces = emitUnits(ctx, toUnits(ctx, statementsOf(ctx, 0, src.count - 1, 0), top), top);
  // A window cut from the middle of a long comment or string says so: read alone, its prose looks like code.
  for (const piece of pieces) {
    const inside = infos[piece.start]?.inside;
    if (inside) piece.startsInside = inside;
  }
  return pieces;
}

function statementsOf(ctx: Context, from: number, to: number, depth: number): Statement[] {
  if (from > to) return [];
  return ctx.py ? pythonStatements(ctx.py, from, to) : blockStatements(ctx.src.lines, ctx.infos, ctx.syntax, from, to, depth);
}

function toUnits(ctx: Context, statements: Statement[], scope: Scope): Unit[] {
  return statements.map((statement) => {
    const headerEnd = statement.bodyLine >= 0 ? statement.bodyLine : Math.min(statement.end, statement.start + 3);
    const header = headerCode(ctx.infos, statement.start, headerEnd).slice(0, MAX_HEADER_CHARS);
    const declaration =
      anonymousExport(ctx, statement, header, scope) ??
      keyedFunction(ctx.src.lines[statement.start], ctx.language) ??
      classify(header, ctx.language, !scope.inFunction && (scope.name !== "" || scope.depth > 0)) ??
      conditionalBlock(ctx, statement, scope);
    if (!declaration) return { statement };
    if (declaration.kind === "function" && isModuleWrapper(ctx, statement, scope)) return { statement, declaration: { kind: "container", name: "" } };
    if (declaration.kind === "container") declaration.name = typedefName(ctx, statement, header) || declaration.name;
    // A prototype or a one-expression function is packed with its neighbours like a constant,
    // unless it is a documented one-expression function.
    let signatureOf: string | undefined;
    let prototype = false;
    if (declaration.kind === "function" && statement.bodyLine < 0 && !ctx.py && !isDocumentedExpressionFunction(ctx, statement, header)) {
      declaration.kind = "value";
      prototype = true;
      if (OVERLOADING.has(ctx.language)) signatureOf = declaration.name || undefined;
    }
    const lines = statement.end - statement.start + 1;
    if (declaration.kind === "value" && lines < STANDALONE_VALUE_LINES && !isDocumentedMacro(ctx, statement, header) && !(prototype && isDocumentedPrototype(ctx, statement, header, declaration.name))) {
      return { statement, signatureOf };
    }
    return { statement, declaration };
  });
}

/**
 * `fun View.pxToDp(px: Float): Float = ...` with a comment above it: Kotlin and Scala write whole
 * functions as one expression, and a documented one is a definition worth its own chunk and name. So
 * does Swift a macro: `public macro OptimizedFunction() = #externalMacro(...)`.
 */
function isDocumentedExpressionFunction(ctx: Context, statement: Statement, header: string): boolean {
  if (!EXPRESSION_FUNCTIONS.has(ctx.language) || statement.prefixStart >= statement.start) return false;
  // The parameters may hold default values (`x: Int = 0`); the body's `=` comes after them.
  let outside = header;
  for (let before = ""; before !== outside; ) {
    before = outside;
    outside = outside.replace(/\([^()]*\)/g, "");
  }
  return /(?<![=!<>])=(?![=>])/.test(outside);
}

/** `/// Initialize an array.` over `#define array_init(self) ...`: a documented macro that takes arguments is a function. */
function isDocumentedMacro(ctx: Context, statement: Statement, header: string): boolean {
  return (ctx.language === "c" || ctx.language === "cpp") && statement.prefixStart < statement.start && /^#\s*define\s+\w+\(/.test(header);
}

/**
 * A comment ("Frees the memory allocated for an iterator.") over `void cmark_iter_free(cmark_iter
 * *iter);`: in a C or C++ header the comment over a prototype is the function's documentation, so the
 * two are a chunk named after it, not glue among its neighbours'.
 */
function isDocumentedPrototype(ctx: Context, statement: Statement, header: string, name: string): boolean {
  if (ctx.language !== "c" && ctx.language !== "cpp") return false;
  // Its name is the function's, followed by its parameters: not a pointer to a function in a struct
  // (`int (*claim_interface)(...)`, read as a function named int).
  // A prototype ends with its semicolon and is not a macro's call (`FT_USE_MODULE( FT_Module_Class, x )`).
  if (!calledWithParameters(header, name) || MACRO_LINE.test(name) || !joinCode(ctx.infos, statement.start, statement.end).trimEnd().endsWith(";")) return false;
  for (let k = statement.prefixStart; k < statement.start; k++) if (ctx.infos[k].commentOnly) return true;
  return false;
}

/** Whether `name` stands in `header` as a word followed by an opening parenthesis that is not `(*`, `(&` or `(^`. */
function calledWithParameters(header: string, name: string): boolean {
  if (!name) return false;
  for (let at = header.indexOf(name); at >= 0; at = header.indexOf(name, at + 1)) {
    if (at > 0 && /[\w$]/.test(header[at - 1])) continue;
    const after = /^\s*\(\s*(.)?/.exec(header.slice(at + name.length));
    if (after && !/[*&^]/.test(after[1] ?? "")) return true;
  }
  return false;
}

const SCRIPT_LANGUAGES = new Set(["javascript", "javascriptreact", "typescript", "typescriptreact"]);
// `module.exports = (obj, keys) => {`, `export default function (req, res) {`: a function without a name of its own.
export const ANONYMOUS_EXPORT = /^(?:module\.exports\s*=\s*|export\s+default\s+)(?:async\s+)?(?:function\b\s*\*?\s*\(|\([^)]*\)\s*(?::[^=]*)?=>|[\w$]+\s*=>)/;

/** A module's anonymous exported function is named as its importers name it: after the file (or its folder, for an index). */
function anonymousExport(ctx: Context, statement: Statement, header: string, scope: Scope): Declaration | undefined {
  if (!SCRIPT_LANGUAGES.has(ctx.language) || scope.depth > 0 || statement.bodyLine < 0 || !ANONYMOUS_EXPORT.test(header)) return undefined;
  const parts = ctx.relPath.split(/[\\/]/);
  const stem = parts[parts.length - 1].replace(/\.[^.]*$/, "");
  const name = stem === "index" && parts.length > 1 ? parts[parts.length - 2] : stem;
  return name ? { kind: "function", name } : undefined;
}

/**
 * ljsyscall writes each module as `local function init(C, c, types)`, then the module's code at the
 * left margin, then `return {init = init}`: the function is the module, as a returned function is
 * (declarations.ts), and its own functions (`function S.ioctl(d, request, argp)`) are declarations,
 * not windows of `init`. A Lua function too big for one chunk whose body starts at the left margin and
 * defines functions is such a wrapper.
 */
function isModuleWrapper(ctx: Context, statement: Statement, scope: Scope): boolean {
  if (ctx.language !== "lua" || scope.depth > 0 || !statement.splittable || statement.bodyLine < 0) return false;
  if (ctx.src.length(statement.prefixStart, statement.end) <= ctx.limits.maxChars) return false;
  const first = nextCodeLine(ctx.infos, statement.bodyLine + 1, statement.end - 1);
  if (first === undefined || /^\s/.test(ctx.src.lines[first])) return false;
  return definesFunction(ctx, statement, scope.depth + 1);
}

/**
 * `typedef struct { ... } TokenCache;` is named after its closing brace, where C puts the name; so
 * is `typedef struct z_stream_s { ... } z_stream;`, whose tag its users seldom write (the tag stays
 * in the chunk's first line, where a query for it finds the declaration).
 */
function typedefName(ctx: Context, statement: Statement, header: string): string {
  if ((ctx.language !== "c" && ctx.language !== "cpp") || !/^typedef\b/.test(header)) return "";
  // zlib's `} FAR deflate_state;`: a macro in capitals may stand before the name.
  return /^\}\s*(?:[A-Z][A-Z0-9_]*\s+(?=[*A-Za-z_]))*\**\s*([A-Za-z_]\w*)/.exec(joinCode(ctx.infos, statement.end, statement.end))?.[1] ?? "";
}

// Top-level compound statements that hold definitions: Python's `if sys.platform == "win32":`,
// `try:`, `except ImportError:` (for one platform or version); a shell library's guard against being
// sourced twice (`if [ -z "$LOADED" ]; then`), Ruby's `if RUBY_VERSION < ...` or `begin ... rescue
// LoadError`, Lua's `if jit then`, PHP's `if (!function_exists('f')) {`; and Rust's macros that wrap
// items (mio's `cfg_net! {`, `cfg_io_source! { impl SockState { ... } }`, `lazy_static! {`).
export const COMPOUND: Readonly<Record<string, RegExp>> = {
  python: /^(?:if|elif|else|try|except|finally|with)\b/,
  shellscript: /^if\b/,
  ruby: /^(?:if|unless|begin)\b/,
  lua: /^if\b/,
  php: /^if\b/,
  rust: /^[a-z_][a-z0-9_]*!\s*\{/,
};

/**
 * A top-level compound statement too big for one chunk is cut by the definitions it holds, which
 * keep their own names; one that fits stays packed with its neighbours. It must start at the left
 * margin (Python's always do), which lets the chunker revision find the files it can change.
 */
function conditionalBlock(ctx: Context, statement: Statement, scope: Scope): Declaration | undefined {
  const compound = Object.hasOwn(COMPOUND, ctx.language) ? COMPOUND[ctx.language] : undefined;
  const nested = scope.depth > 0;
  if (!compound || (nested && !COMPOUND_IN_CONTAINERS.has(ctx.language)) || !statement.splittable) return undefined;
  const line = ctx.src.lines[statement.start];
  if (!compound.test(nested ? line.trimStart() : line)) return undefined;
  if (ctx.src.length(statement.prefixStart, statement.end) <= ctx.limits.maxChars) return undefined;
  // Outside Python, only a block that itself defines a function (not in a `case` arm): plain script
  // code keeps its windows, which cutting by statement would only move.
  if (!ctx.py && !definesFunction(ctx, statement, scope.depth + 1)) return undefined;
  return { kind: "container", name: "" };
}

// Ruby also picks a class's or module's methods, and whole classes, by a condition inside its body
// (TZInfo's `if string_unary_minus_does_dedupe`, then `class UnaryMinusGlobalStringDeduper`): there
// the block is indented, and a class in it counts as a definition (TYPES_DEFINE). Only containers are cut into
// statements, so a block below the top level is one in a class's or module's body, not in a method's.
const COMPOUND_IN_CONTAINERS = new Set(["ruby"]);

// Where a type in such a block counts as a definition too: Ruby's class or module, Rust's impl,
// struct or trait (a cfg macro around `impl Drop for SockState`).
const TYPES_DEFINE = new Set(["ruby", "rust"]);

/**
 * Whether the block's statements (at `depth`) define a function (in Ruby and Rust, or a type).
 * A function's body is read as top-level code: there `transaction(() => {` is a call, not a method.
 */
function definesFunction(ctx: Context, statement: Statement, depth: number, inFunction = false): boolean {
  const orType = TYPES_DEFINE.has(ctx.language) && !inFunction;
  return statementsOf(ctx, statement.bodyLine + 1, statement.end - 1, depth).some((member) => {
    const kind = classify(joinCode(ctx.infos, member.start, member.bodyLine >= 0 ? member.bodyLine : member.start), ctx.language, !inFunction)?.kind;
    return kind === "function" || (orType && kind === "container");
  });
}

// Languages whose long functions often define named functions of their own: a factory
// (`function buildHooks() { function queryStatePreSelector() {...} ... }`), a closure (`def outer(): def inner(): ...`),
// a Lua `local function` helper. (Rust's are rare, and its macro_rules! inside a function would read as functions.)
const INNER_FUNCTIONS = new Set(["javascript", "javascriptreact", "typescript", "typescriptreact", "python", "lua"]);

/**
 * A function too big for one chunk that defines named functions in its own body is cut by them, as
 * a class is by its members, so that each inner function is a chunk that starts where it does and
 * carries its name (`buildHooks.queryStatePreSelector`), not a window of its outer function.
 */
function splitsByInnerFunctions(ctx: Context, declaration: Declaration, statement: Statement, scope: Scope): boolean {
  if (declaration.kind !== "function" || !INNER_FUNCTIONS.has(ctx.language) || !statement.splittable) return false;
  return definesFunction(ctx, statement, scope.depth + (statement.bodyDepth ?? 1), true);
}

function qualify(scope: Scope, name: string): string | undefined {
  if (!scope.name) return name || undefined;
  return name ? `${scope.name}.${name}` : scope.name;
}

function emitUnits(ctx: Context, units: Unit[], scope: Scope): Piece[] {
  const { src, limits } = ctx;
  const pieces: Piece[] = [];
  const scopeSymbol = scope.name || undefined;
  let glue: [number, number] | undefined;
  // The glue so far is only a container's opening line ("namespace X {"): too
  // little to search for alone, so it leads the next declaration instead.
  let glueIsHeader = false;
  // The glue so far is a function's signature (and maybe its first lines): the code below joins it
  // even past maxChars, to be cut into windows, so that the signature never stands alone.
  let glueIsSignature = false;
  // The glue ends in signatures of one function (`export function original<T>(value: T): T`, then
  // the implementation): where they start, with their doc comment, and the function's name.
  let signatures: { start: number; name: string } | undefined;
  // Where each of the glue's last one-line statements starts (with the comments above it), in a run
  // with no blank line: what may lead a long block below them in a script (see LEAD_INS, leadIn).
  let oneLiners: number[] = [];
  const flushGlue = () => {
    if (glue) for (const p of emitRange(src, glue[0], glue[1], limits)) pieces.push({ ...p, symbol: scopeSymbol });
    glue = undefined;
    glueIsHeader = false;
    glueIsSignature = false;
    signatures = undefined;
    oneLiners = [];
  };

  for (const { statement, declaration, isHeader, isSignature, signatureOf } of units) {
    const end = statement.end;
    if (!declaration) {
      const start = statement.prefixStart;
      if (CLOSER_ONLY.test(joinCode(ctx.infos, statement.start, end))) {
        attachCloser(src, limits, pieces, glue, start, end, (g) => (glue = g));
        signatures = undefined;
        continue;
      }
      const adjacent = glue?.[1] === start - 1;
      const joinsGlue = glue !== undefined && (glueIsSignature || src.length(glue[0], end) <= limits.maxChars);
      // Looked for only where the glue ends (never after a signature, which the code below always joins):
      // its one-liners are read once per chunk, not once per statement.
      const lead = !joinsGlue && adjacent && LEAD_INS.has(ctx.language) ? leadIn(ctx, oneLiners, start) : undefined;
      if (glue && joinsGlue) {
        glue = [glue[0], end];
        glueIsHeader = false;
        glueIsSignature = false;
      } else if (glue && lead !== undefined) {
        // A long block keeps the short statements that lead into it: its first window starts with them.
        glue = lead > glue[0] ? [glue[0], lead - 1] : undefined;
        flushGlue();
        glue = [lead, end];
      } else {
        flushGlue();
        glue = [start, end];
        glueIsHeader = isHeader === true || (!ctx.py && BRANCH_LINE.test(joinCode(ctx.infos, statement.start, end)));
        glueIsSignature = isSignature === true;
      }
      if (statement.start !== end) oneLiners = [];
      else {
        if (!adjacent) oneLiners = [];
        oneLiners.push(start);
      }
      if (!signatureOf) signatures = undefined;
      else if (signatures?.name !== signatureOf) signatures = { start, name: signatureOf };
      continue;
    }

    const symbol = qualify(scope, declaration.name);
    const splittable = declaration.kind === "container" && statement.splittable;
    let start = statement.prefixStart;
    if (glue && glueIsHeader && (splittable || src.length(glue[0], end) <= limits.maxChars)) {
      start = glue[0];
      glue = undefined;
      glueIsHeader = false;
    } else if (glue && signatures && signatures.name === declaration.name && declaration.kind === "function" && statement.prefixStart === statement.start) {
      // An implementation without a comment of its own keeps its overloads and the doc comment above them.
      start = signatures.start;
      glue = start > glue[0] ? [glue[0], start - 1] : undefined;
    }
    flushGlue();
    const from = pieces.length;
    if (src.length(start, end) > limits.maxChars && (splittable || splitsByInnerFunctions(ctx, declaration, statement, scope))) {
      const inFunction = declaration.kind === "function";
      const inner: Scope = { name: symbol ?? "", depth: scope.depth + (statement.bodyDepth ?? 1), ...(inFunction ? { inFunction } : {}) };
      pieces.push(...splitContainer(ctx, { ...statement, prefixStart: start }, inner));
    } else {
      for (const p of emitRange(src, start, end, limits)) pieces.push({ ...p, symbol });
    }
    // An inner function's pieces say whose body holds it (search/first-pieces.ts reads it).
    if (scope.inFunction && scope.name) for (let i = from; i < pieces.length; i++) pieces[i].within ??= scope.name;
  }
  flushGlue();
  return pieces;
}

/**
 * Where the one-line statements that lead a long block at `start` begin: as many of them (their
 * starts, in order) as half a chunk holds. None when they are parted by a blank line from a comment
 * above them: a section's heading, which says what they are for as much as the block does.
 */
function leadIn(ctx: Context, oneLiners: readonly number[], start: number): number | undefined {
  const first = oneLiners.find((s) => ctx.src.length(s, start - 1) <= ctx.limits.maxChars / 2);
  if (first === undefined) return undefined;
  let k = first - 1;
  while (k >= 0 && ctx.infos[k].blank) k--;
  return k >= 0 && ctx.infos[k].commentOnly === true ? undefined : first;
}

/** A closing brace joins the code before it if there is room, else it is dropped. */
function attachCloser(
  src: SourceLines,
  limits: Limits,
  pieces: Piece[],
  glue: [number, number] | undefined,
  start: number,
  end: number,
  setGlue: (g: [number, number]) => void,
): void {
  if (glue) {
    if (src.length(glue[0], end) <= limits.maxChars) setGlue([glue[0], end]);
    return;
  }
  const last = pieces[pieces.length - 1];
  if (!last || last.end >= start || src.trim(last.end + 1, start - 1) !== undefined) return;
  // Character-cut pieces of a long line cannot grow by whole lines.
  if (last.text !== src.text(last.start, last.end)) return;
  if (src.length(last.start, end) > limits.maxChars) return;
  last.end = end;
  last.text = src.text(last.start, end);
}

/**
 * A container too big for one chunk: its header (with the fields and code up
 * to the first member) under the container's name, then each member as
 * `Container.member`.
 */
function splitContainer(ctx: Context, statement: Statement, scope: Scope): Piece[] {
  const bodyFrom = statement.bodyLine + 1;
  // Brace and keyword languages close the body on the statement's last line; Python has no closer.
  const bodyTo = ctx.py ? statement.end : statement.end - 1;
  // A class's opening line leads its first member; a function's signature leads its own code, under its own name.
  const opening = { statement: { prefixStart: statement.prefixStart, start: statement.start, end: statement.bodyLine, bodyLine: -1, splittable: false } };
  const header: Unit = scope.inFunction ? { ...opening, isSignature: true } : { ...opening, isHeader: true };
  let members = toUnits(ctx, statementsOf(ctx, bodyFrom, bodyTo, scope.depth), scope);
  // In a function's body only the functions it defines are members; its own code stays in windows under its name.
  // An inner function that opens the body stays with the signature, which never stands alone.
  if (scope.inFunction) members = members.map((m, i) => (m.declaration?.kind === "function" && i > 0 ? m : { statement: m.statement }));
  const units = [header, ...members];
  if (!ctx.py) {
    units.push({ statement: { prefixStart: statement.end, start: statement.end, end: statement.end, bodyLine: -1, splittable: false } });
  }
  return emitUnits(ctx, units, scope);
}
