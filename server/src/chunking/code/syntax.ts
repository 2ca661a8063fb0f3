/**
 * Just enough lexical knowledge of each language to tell code from strings
 * and comments, and to count the blocks that nest declarations.
 */

import { escapeRegExp } from "../../text/regexp";

export interface StringRule {
  /** Sticky regex matched at the current position. */
  open: RegExp;
  /** Characters the opener can start with: lets the lexer skip plain code quickly. */
  starts: string;
  close: string | ((m: RegExpExecArray) => string);
  escapes: boolean;
  multiline: boolean;
  /** Interpolation opener ("${", "#{") whose code may hold quotes of its own. */
  interp?: string;
  /** C# verbatim strings escape a quote by doubling it. */
  doubledQuote?: boolean;
  /** The opener ends with a bracket, and brackets of its kind nest inside (Ruby's `%r(a(b)c)`). */
  nests?: boolean;
  /** Only where the code before it matches: Ruby's `%(text)` is a string after an operator, a modulo after a value. */
  after?: RegExp;
}

export interface CommentRule {
  open: RegExp;
  starts: string;
  close: string | ((m: RegExpExecArray) => string);
  /** Only recognised at the start of a line (Ruby's =begin/=end). */
  lineStart?: boolean;
  /**
   * This text opens a comment inside the comment too, which then needs a close of its own: Rust,
   * Swift, Kotlin and Scala nest block comments. Tera comments out a test whose glob of templates
   * opens a comment of its own (slash, star) and closes it (star, slash): that close does not end
   * the outer comment, which ran on as code and left the rest of tera.rs eleven levels deep.
   */
  nestOpen?: string;
}

export interface Syntax {
  /** "block": braces and/or keyword pairs; "indent": Python. */
  family: "block" | "indent";
  /** Top-level statements end with ';' or a closing brace (C-like languages, Rust, PHP). */
  semicolons: boolean;
  lineComments: string[];
  /** Shell: '#' starts a comment only at the start of a word ("$#" is not one). */
  commentAtWordStart?: boolean;
  /** Shell: a backslash in code takes the next character as it is (`\"` opens no string, `\;` ends no statement). */
  escapesInCode?: boolean;
  blockComments: CommentRule[];
  strings: StringRule[];
  /** "'" is a char literal when it closes like one ('a', '\n'), else an ordinary character (Rust lifetimes). */
  charLiterals: boolean;
  /** JavaScript regex literals, which may contain unbalanced braces. */
  regexLiterals: boolean;
  /** Words of the language's own after which a slash opens a regex too (Ruby's `when /^%/`), besides JavaScript's. */
  regexAfterWords?: RegExp;
  /** A regex literal's whole text, sticky, where the language's differs from JavaScript's. */
  regexBody?: RegExp;
  /**
   * Tokens taken as plain code though a quote or a slash is in them: Ruby's `$'`, `$"`, `$/` globals;
   * a group 1 in the match is blanked as a string's text is (Ruby's character literals, `?}`, `?"`).
   */
  verbatim?: { pattern: RegExp; starts: string };
  /**
   * A heredoc opener at `i` of the line (`<<~HTML`, `<<<'EOF'`, `<<-EOF`), given the source before it:
   * the lines after this one are text up to the line `end` matches, whose group 1, if any, is code
   * (PHP's `EOT);`).
   */
  heredoc?: (line: string, i: number, before: string) => { text: string; end: RegExp } | undefined;
  /** `${...}` in code is a parameter expansion, blanked inside its braces (shell; lexer.ts). */
  parameterExpansions?: boolean;
  /** '#' at the start of a statement is a one-line directive (C preprocessor, C# regions). */
  preprocessor: boolean;
  /** `#if` / `#else` / `#endif` compile one branch: twin branches are counted once (twin-branches.ts). */
  conditionalBranches?: boolean;
  /** A macro may be called without a semicolon (`FOO(x)` alone on its line): C and C++ (block-statements.ts). */
  macroCalls?: boolean;
  /** Bracket characters counted for nesting. */
  brackets: string;
  /**
   * TypeScript: a function's return type may hold an object type (`): Config & {`, `): Array<{`), whose
   * brace opens no body (block-statements.ts).
   */
  returnObjectTypes?: boolean;
  /**
   * Block keywords on a line of code (strings and comments already blanked); `continued` when the line
   * goes on the statement of the line before (after a backslash), so that it starts no statement.
   */
  keywords?: (code: string, continued: boolean) => { open: number; close: number };
}

const C_BLOCK: CommentRule = { open: /\/\*/y, starts: "/", close: "*/" };
const NESTED_BLOCK: CommentRule = { ...C_BLOCK, nestOpen: "/*" };
const dq = (multiline = false, interp?: string): StringRule => ({ open: /"/y, starts: '"', close: '"', escapes: true, multiline, interp });
const sq = (multiline = false): StringRule => ({ open: /'/y, starts: "'", close: "'", escapes: true, multiline });
const tripleDq: StringRule = { open: /"""/y, starts: '"', close: '"""', escapes: true, multiline: true };

const base = {
  family: "block" as const,
  semicolons: false,
  lineComments: ["//"],
  blockComments: [C_BLOCK],
  charLiterals: false,
  regexLiterals: false,
  preprocessor: false,
  brackets: "{}[]()",
};

const javascript: Syntax = {
  ...base,
  strings: [dq(), sq(), { open: /`/y, starts: "`", close: "`", escapes: true, multiline: true, interp: "${" }],
  regexLiterals: true,
};

const cLike: Syntax = {
  ...base,
  semicolons: true,
  // A raw string, also a wide or Unicode one: `LR"(...)"`, `u8R"x(...)x"`.
  strings: [{ open: /(?:u8|[uUL])?R"([^()\\\s]{0,16})\(/y, starts: "RuUL", close: (m) => `)${m[1]}"`, escapes: false, multiline: true }, dq()],
  charLiterals: true,
  preprocessor: true,
  conditionalBranches: true,
  macroCalls: true,
};

const java: Syntax = { ...base, semicolons: true, strings: [tripleDq, dq()], charLiterals: true };

const csharp: Syntax = {
  ...base,
  semicolons: true,
  strings: [
    { open: /"""/y, starts: '"', close: '"""', escapes: false, multiline: true },
    // An interpolated string's holes are code, which may hold strings of their own: `$"{s.Replace("\"", "")}"`.
    { open: /(?:\$@|@\$)"/y, starts: "$@", close: '"', escapes: false, multiline: true, doubledQuote: true, interp: "{" },
    { open: /@"/y, starts: "@", close: '"', escapes: false, multiline: true, doubledQuote: true },
    { open: /\$"/y, starts: "$", close: '"', escapes: true, multiline: false, interp: "{" },
    { open: /"/y, starts: '"', close: '"', escapes: true, multiline: false },
  ],
  charLiterals: true,
  preprocessor: true,
  conditionalBranches: true,
};

const rust: Syntax = {
  ...base,
  blockComments: [NESTED_BLOCK],
  semicolons: true,
  strings: [{ open: /b?r(#*)"/y, starts: "br", close: (m) => `"${m[1]}`, escapes: false, multiline: true }, { open: /b?"/y, starts: 'b"', close: '"', escapes: true, multiline: true }],
  charLiterals: true,
};

const go: Syntax = {
  ...base,
  strings: [dq(), { open: /`/y, starts: "`", close: "`", escapes: false, multiline: true }],
  charLiterals: true,
};

const kotlin: Syntax = {
  ...base,
  blockComments: [NESTED_BLOCK],
  strings: [{ ...tripleDq, escapes: false, interp: "${" }, dq(false, "${")],
  charLiterals: true,
};
const swift: Syntax = { ...base, blockComments: [NESTED_BLOCK], strings: [tripleDq, dq()], conditionalBranches: true };
const scala: Syntax = { ...base, blockComments: [NESTED_BLOCK], strings: [tripleDq, dq()], charLiterals: true };

// <<<ID, <<<"ID", <<<'ID' (nowdoc); since PHP 7.3 the closing identifier may be indented and
// followed by the rest of the statement (`EOF;`, `EOF)`).
const PHP_HEREDOC = /<<<[ \t]*(['"]?)([A-Za-z_]\w*)\1/y;

const php: Syntax = {
  ...base,
  semicolons: true,
  lineComments: ["//", "#"],
  strings: [dq(true), sq(true)],
  heredoc: (line, i) => {
    PHP_HEREDOC.lastIndex = i;
    const m = PHP_HEREDOC.exec(line);
    return m ? { text: m[0], end: terminator(m[2], true, "\\b(.*?)") } : undefined;
  },
};

const python: Syntax = {
  ...base,
  family: "indent",
  lineComments: ["#"],
  blockComments: [],
  strings: [
    { open: /[rRbBuUfF]{0,2}"""/y, starts: `rRbBuUfF"`, close: '"""', escapes: true, multiline: true },
    { open: /[rRbBuUfF]{0,2}'''/y, starts: `rRbBuUfF'`, close: "'''", escapes: true, multiline: true },
    { open: /[rRbBuUfF]{0,2}"/y, starts: `rRbBuUfF"`, close: '"', escapes: true, multiline: false },
    { open: /[rRbBuUfF]{0,2}'/y, starts: `rRbBuUfF'`, close: "'", escapes: true, multiline: false },
  ],
  brackets: "{}[]()",
};

// Ruby's %-literals: %w[a b], %i(x y), %q{...} (no interpolation), %Q, %W, %I, %r, %x and a bare
// %(...) (with it). A bracket delimiter nests (%r(a(b)c)); another character closes on itself.
const RUBY_CLOSE: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };
// A bare "%" starts a literal where a value is expected, and is a modulo after one (`a % (b)`).
// A colon expects a value only with a space after it (`key: %w[a b]`, `c ? a : %w[b]`): `:%` is the
// modulo method's symbol (`apply_operation(input, operand, :%)` opened a literal that ran to the end
// of Liquid's standardfilters.rb).
const RUBY_VALUE_EXPECTED = /(?:(?:^|[(,=[!&|?{};+\-*%<>~^]|\b(?:return|when|if|unless|elsif|while|until|and|or|not|then|do|else|in))\s*|:\s+)$/;
// A regex whose closing slash is on a later line, where a value is expected: rouge's lexers write
// `KEYWORD = /\b(?:` and then one alternative a line with the `x` flag. Its body runs to the line's
// end without a closing slash (read as the one-line regex is: escapes, interpolations, classes).
const RUBY_REGEX_RUNS_ON = String.raw`\/(?=(?:\\.|#\{[^}\n]*\}|\[(?:\\.|[^\]\\\n])*\]|[^/\\[\n])*$)`;
// After a method name and a space, `%(` is the method's argument (`system %(diff "#{a}")`), as Ruby
// reads it; with a bracket only, so that `x %= 3` stays an assignment.
const RUBY_COMMAND_ARGUMENT = /\b[A-Za-z_]\w*[?!]?[ \t]+$/;
const rubyPercent = (letters: string, interp: string | undefined, after?: RegExp): StringRule => ({
  open: new RegExp(`%${letters}([^\\w\\s])`, "y"),
  starts: "%",
  close: (m) => RUBY_CLOSE[m[1]] ?? m[1],
  escapes: true,
  multiline: true,
  interp,
  nests: true,
  after,
});

// <<~ID and <<-ID (the terminator may be indented), <<'ID' / <<"ID", and a bare <<ID where a value
// starts (`x = <<SQL`, `f(<<EOS`); after a value `<<` appends (`list << Item`). A quoted identifier
// may hold any sign: rake ends a heredoc with `end;` (`<<-'end;'`).
const RUBY_HEREDOC = /<<(?:([~-])(?:(['"`])([^'"`\n]+)\2|([A-Za-z_]\w*))|(['"`])([^'"`\n]+)\5|([A-Z_][A-Z0-9_]*))/y;

function rubyHeredoc(line: string, i: number, before: string): { text: string; end: RegExp } | undefined {
  RUBY_HEREDOC.lastIndex = i;
  const m = RUBY_HEREDOC.exec(line);
  if (!m || (m[7] !== undefined && !/(?:^|[=(,])\s*$/.test(before))) return undefined;
  return { text: m[0], end: terminator(escapeRegExp(m[3] ?? m[4] ?? m[6] ?? m[7]), m[1] !== undefined) };
}

/** The line that ends a heredoc: its identifier alone (after indentation where `indented`). */
function terminator(id: string, indented: boolean, after = ""): RegExp {
  return new RegExp(`^${indented ? "\\s*" : ""}${id}${after}\\s*$`);
}

/** A Ruby keyword a condition follows, not after a dot (`stats.when` is a method): a regex may come next. */
export const RUBY_CONDITION_KEYWORD = String.raw`(?<![.\w$])(?:if|unless|elsif|when|while|until|and|or|not)`;

/**
 * A Ruby character literal of a sign the lexer reads (a bracket, a quote, `#`, `/`, `%`, an escape),
 * where a value may stand: mustermann's `expect(?})`, `on(?()`, `quotes: [?", ?']`, `?#  =>`. Not
 * after a name or a closing bracket, where `?` is a method's last letter or the ternary's (`empty? ?
 * a : b`). Group 1, the sign, is blanked; other literals (`?a`, `?,`) lex alike either way.
 */
const RUBY_SIGN_LITERAL = String.raw`(?<![\w)\]}?$])\?(\\.|[()[\]{}'"\`#/%])`;

const ruby: Syntax = {
  ...base,
  lineComments: ["#"],
  blockComments: [{ open: /=begin\b/y, starts: "=", close: "=end", lineStart: true }],
  // Their order is their index in a stored chunk's `inside` (frameOf): new rules go last.
  strings: [
    dq(true, "#{"),
    sq(true),
    rubyPercent("[qwis]", undefined),
    rubyPercent("[QWIrx]", "#{"),
    rubyPercent("", "#{", RUBY_VALUE_EXPECTED),
    { ...rubyPercent("", "#{", RUBY_COMMAND_ARGUMENT), open: /%([([{<])/y },
    { open: new RegExp(RUBY_REGEX_RUNS_ON, "y"), starts: "/", close: "/", escapes: true, multiline: true, interp: "#{", after: RUBY_VALUE_EXPECTED },
    // A command in backticks: `git ls-remote #{url} | cut -f 1` holds a shell's signs.
    { open: /`/y, starts: "`", close: "`", escapes: true, multiline: true, interp: "#{" },
  ],
  // Regex literals after an operator, `(`, `,` or a keyword such as `when` (`/[#{d}] */n` holds a "#").
  regexLiterals: true,
  // `when /%(-?\d+)d/`, `if /[ \t]\Z/ =~ line`: a condition may open with a regex.
  regexAfterWords: new RegExp(String.raw`${RUBY_CONDITION_KEYWORD}\s*$`),
  // An interpolation may hold a slash of its own: kramdown's `/ {#{indentation / 4}}/`.
  regexBody: /\/(?:\\.|#\{[^}\n]*\}|\[(?:\\.|[^\]\\])*\]|[^/\\[\n])+\/[a-z]*/y,
  heredoc: rubyHeredoc,
  // Special globals: $' (after the match), $" (loaded features), $/ (separator) and the like; and
  // character literals of signs.
  verbatim: { pattern: new RegExp(String.raw`\$[!@&\`'"+~=\/\\,;.<>_*$?:0-9-]|${RUBY_SIGN_LITERAL}`, "y"), starts: "$?" },
  keywords: rubyKeywords,
};

const lua: Syntax = {
  ...base,
  lineComments: ["--"],
  blockComments: [{ open: /--\[(=*)\[/y, starts: "-", close: (m) => `]${m[1]}]` }],
  strings: [{ open: /\[(=*)\[/y, starts: "[", close: (m) => `]${m[1]}]`, escapes: false, multiline: true }, dq(), sq()],
  keywords: luaKeywords,
};

const SHELL_HEREDOC = /<<(-?)[ \t]*(['"]?)\\?([A-Za-z_]\w*)\2/y;

const shell: Syntax = {
  ...base,
  lineComments: ["#"],
  commentAtWordStart: true,
  escapesInCode: true,
  parameterExpansions: true,
  blockComments: [],
  // A command substitution in double quotes holds quotes of its own: `"$($1 | awk -F'"' '{ print $2 }')"`.
  strings: [{ open: /\$'/y, starts: "$", close: "'", escapes: true, multiline: true }, dq(true, "$("), { open: /'/y, starts: "'", close: "'", escapes: false, multiline: true }],
  // case patterns ("a)") leave parentheses unbalanced, so only braces and brackets nest.
  brackets: "{}[]",
  // The regex of `[[ $cur =~ ^(\$\{[#!]?)([A-Za-z0-9_]*)\[([^]]*)$ ]]` is text, its brackets unbalanced
  // as a regex's may be (bash-completion's _variables): one word, with its quotes and escapes.
  verbatim: { pattern: /=~[ \t]+((?:\\.|"[^"\n]*"|'[^'\n]*'|[^\s\\"'])+)/y, starts: "=" },
  keywords: shellKeywords,
  // <<EOF, <<'EOF', <<"EOF", <<\EOF; <<-EOF lets the terminator be indented.
  heredoc: (line, i) => {
    SHELL_HEREDOC.lastIndex = i;
    const m = SHELL_HEREDOC.exec(line);
    return m ? { text: m[0], end: terminator(m[3], m[1] === "-") } : undefined;
  },
};

const typescript: Syntax = { ...javascript, returnObjectTypes: true };

const SYNTAX: Record<string, Syntax> = {
  typescript,
  typescriptreact: typescript,
  javascript,
  javascriptreact: javascript,
  c: cLike,
  cpp: cLike,
  java,
  csharp,
  rust,
  go,
  kotlin,
  swift,
  scala,
  php,
  python,
  ruby,
  lua,
  shellscript: shell,
};

export function syntaxFor(language: string): Syntax | undefined {
  return Object.hasOwn(SYNTAX, language) ? SYNTAX[language] : undefined;
}

function count(code: string, re: RegExp): number {
  return code.match(re)?.length ?? 0;
}

// Modifier forms ("x if y") do not open a block, so these count only where a statement starts;
// `return if done` is a modifier too, while `return case x` and `ok && begin ... end` open one. A line
// that goes on after a backslash starts no statement: Faraday's `return [nil, msg, exc] \`, then `if ...`.
/**
 * A Ruby keyword that opens a block where a statement starts (at a line's start, after `;`, `=`, `&&`, ...);
 * not a hash key or a keyword argument's label (activesupport's `options = {` / `if: @if.dup,`).
 */
export const RUBY_BLOCK_WORD = String.raw`\b(?:if|unless|while|until|case|begin|for|class|module)\b(?!:(?!:))`;
// Where a value or a statement is to come, a keyword opens a block: after `;`, `(`, `=`, `&&`, `||`,
// `<<`, `and`, `or`; after a comma, `{`, `[`, a block's parameters (`do |path| begin`, `{|c| if`),
// `+` (nokogiri's `set + if ...`), a hash rocket or a label (`:type => if`, `key: if`), a ternary's
// `? ` and `else` (`else if`, an `if` of its own). Not after the `=` that ends a setter's symbol
// (activesupport's `alias_method :regular_writer, :[]= unless ...`), nor after `?` or `!` ending a
// method's name (`ready? if x`), nor after a regex's closing slash.
const RUBY_STATEMENT_STARTS = String.raw`[;(,{[|+]|(?<!:(?:\[\]|[A-Za-z_]\w*))=>?|<<|&&|(?<=\s)\?\s|:\s|\b(?:and|or|else)\b|\breturn(?=\s+(?:case|begin)\b)`;
const RUBY_OPENS = new RegExp(String.raw`(?:^|${RUBY_STATEMENT_STARTS})\s*${RUBY_BLOCK_WORD}`, "g");
const RUBY_OPENS_GOING_ON = new RegExp(String.raw`(?:${RUBY_STATEMENT_STARTS})\s*${RUBY_BLOCK_WORD}`, "g");

function rubyKeywords(code: string, continued: boolean): { open: number; close: number } {
  let open = count(code, continued ? RUBY_OPENS_GOING_ON : RUBY_OPENS);
  // Every def opens a method, also behind a modifier (`private def x`, `ruby2_keywords def y`), but
  // an endless one ("def x = 1", "def x(a) = a"); a setter ("def level=(v)") is not endless.
  open += count(code, /(?<![.:@$])\bdef\b(?!:)(?!\s+[\w.]+[?!]?(?:\s*\([^)]*\)\s*|\s+)=(?![=~>]))/g);
  // Not a method called or defined `do` (sequel's `conn.do(sql)`, `def do(code)`), nor the symbol `:do`.
  if (!/^\s*(?:while|until|for)\b/.test(code)) open += count(code, /(?<![.:@$])(?<!\bdef\s+)\bdo\b(?![?!:])/g);
  const close = count(code, /(?<![.:$@])\bend\b(?![?!:])/g);
  return { open, close };
}

function luaKeywords(code: string): { open: number; close: number } {
  return {
    open: count(code, /(?<![.:])\b(?:function|if|do|repeat)\b/g),
    close: count(code, /(?<![.:])\b(?:end|until)\b/g),
  };
}

// A keyword followed by `=` is an argument or a variable: `dd if="$i" of="$target"`; one after an
// escaped sign (blanked, `\ `) goes on its word: live-build's case pattern `\#if\ *)`.
function shellKeywords(code: string): { open: number; close: number } {
  return {
    open: count(code, /(?<![\w$-]|\\ )(?:if|case|do)(?![\w=-])/g),
    close: count(code, /(?<![\w$-]|\\ )(?:fi|esac|done)(?![\w=-])/g),
  };
}
