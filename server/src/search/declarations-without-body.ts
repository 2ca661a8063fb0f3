// Declarations that are not where a name is defined. TypeScript overloads: `export function
// exhaustMap<T, O>(project: ...): OperatorFunction<T, R>;` declares the name but has no body, and a
// library with many overloads (RxJS writes three to twelve before each operator) would otherwise
// have a chunk of bare signatures lead the query for the name, above the implementation with its
// doc comment and body (docs/search-quality.md, "Nine more sets written blind", fifteenth round).
// Lua's forward declarations: `local build_arg_list, split_iden  -- forward declaration` makes the
// names locals with no value, for a `function build_arg_list (...)` further down (nineteenth round).
// Lua's aliases: `local FFI_BAD_CONTEXT = base.FFI_BAD_CONTEXT` binds a local to another module's
// field, which that module declares as `_M.FFI_BAD_CONTEXT = -101` (twenty-ninth round).
// C's typedef of a long struct: `} redisAsyncContext;` closes a body that began forty lines up, with
// `typedef struct redisAsyncContext {`; cut apart, the closing line alone names the type too
// (twentieth round). And C's forward declarations: `typedef struct LZ4_stream_t_internal
// LZ4_stream_t_internal;` names the type a line before `struct LZ4_stream_t_internal {` gives it its
// fields, and the chunker may cut the two apart (thirtieth round).
import { escapeRegExp } from "../text/regexp";
import { lastSegment } from "./query-kind";
import { textDeclaresName } from "./ranking-signals";

/** How a `function name` declaration ends: its body's brace, a semicolon, or not within the text. */
type SignatureEnd = "body" | "signature" | "unknown";

/**
 * Whether the text declares `name` only where it gives it no body: in TypeScript, signatures
 * without a body (overloads and `declare function`), every one ending at a semicolon; in Lua,
 * forward declarations and aliases of another module's field. A text that holds the
 * implementation, or whose declaration runs past its end, is not. The caller decides what that
 * means: such a text is not where the name is declared when another candidate declares it with a
 * body (search/hybrid.ts).
 */
export function declaresWithoutBody(name: string, text: string, language?: unknown): boolean {
  if (language === "lua") return declaresOnlyOn(LUA_FORWARD_OR_ALIAS_LINE, name, text, language);
  if (language === "c" || language === "cpp") return declaresOnlyOn(C_CLOSING_OR_FORWARD_LINE, name, text, language);
  if (language !== "typescript" && language !== "typescriptreact") return false;
  const want = lastSegment(name);
  if (!want) return false;
  // As textDeclaresName: a name typed with a capital matches as typed, one in lower case in any case.
  const cased = /\p{Lu}/u.test(want);
  if (cased ? !text.includes(want) : !text.toLowerCase().includes(want)) return false;
  const declaration = new RegExp(String.raw`(?<![\w$.])function\s*\*?\s*${escapeRegExp(want)}(?![\w$])`, cased ? "g" : "gi");
  let signatures = 0;
  for (const m of text.matchAll(declaration)) {
    if (signatureEnd(text, m.index + m[0].length) !== "signature") return false;
    signatures++;
  }
  return signatures > 0;
}

/**
 * A line of Lua that only names locals, `local a, b` with no value, or binds one to a field of the
 * same name elsewhere, `local X = base.X`; a comment after it at most.
 */
const LUA_FORWARD_OR_ALIAS_LINE =
  /^[ \t]*local[ \t]+(?:[\w$]+(?:[ \t]*,[ \t]*[\w$]+)*|(?<alias>[\w$]+)[ \t]*=[ \t]*(?:[\w$]+\.)+\k<alias>)[ \t]*(?:--[^\n]*)?$/gm;

/**
 * A line of C that closes a body and names what it declared: `} redisAsyncContext;`, `} Reply,
 * *ReplyPtr;`; or one that declares a struct, union, enum or class without a body, with a comment
 * after it at most: `struct X;`, `typedef struct X X;`, `typedef struct X *XPtr;`.
 */
const C_CLOSING_OR_FORWARD_LINE =
  /^[ \t]*(?:\}[^;{}\n]*;[^\n]*|(?:typedef[ \t]+)?(?:struct|union|enum|class)[ \t]+[\w$]+(?:[ \t]*\*?[ \t]*[\w$]+)?[ \t]*;[ \t]*(?:\/\/[^\n]*|\/\*[^\n]*)?)$/gm;

/**
 * Whether the text declares `name` only on `lines` (Lua's forward declarations, C's closing lines):
 * without them, it no longer declares the name.
 */
function declaresOnlyOn(lines: RegExp, name: string, text: string, language: string): boolean {
  const want = lastSegment(name);
  if (!want || !textDeclaresName(want, text, language)) return false;
  return !textDeclaresName(want, text.replace(lines, ""), language);
}

/**
 * Reads a function's type parameters, parameters and return type from `from` (just after its name)
 * and says how the declaration ends. Brackets are counted; an arrow's `>` is no bracket; a brace
 * where a type begins (after `:`, `|`, `&`, `,`, `<`, `(` or `=>`) opens an object type, any other
 * brace at depth zero is the body.
 */
function signatureEnd(text: string, from: number): SignatureEnd {
  let depth = 0;
  let sawParameters = false;
  let previous = "";
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) continue;
    if (ch === "'" || ch === '"' || ch === "`") {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) return "unknown";
      i = close;
      previous = ch;
      continue;
    }
    if (ch === "=" && text[i + 1] === ">") {
      i++;
      previous = "=>";
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "<") depth++;
    else if (ch === ")" || ch === "]" || ch === ">") {
      depth--;
      if (ch === ")" && depth === 0) sawParameters = true;
    } else if (ch === "{") {
      if (depth === 0 && sawParameters && !/^(?::|\||&|,|<|\(|=>)$/.test(previous)) return "body";
      depth++;
    } else if (ch === "}") depth--;
    else if (ch === ";" && depth === 0) return sawParameters ? "signature" : "unknown";
    if (depth < 0) return "unknown";
    previous = ch;
  }
  return "unknown";
}
