// The languages the index knows, written down once. Discovery decides from it which files to index
// and under which language; the client derives its document selector (which buffers the server
// sees), the search panel's language menu and the `lang:` names people type. Before this list, each
// of them kept its own copy and they drifted apart (.tsx buffers never reached the server).
// Pure data and lookups: the server, the client and the tests all import it.
import type { ChunkKind } from "./types";

export interface IndexedLanguage {
  /** The `language` the index stores: VS Code's language id, so filters and highlighting agree. */
  id: string;
  kind: ChunkKind;
  /** Extensions discovery indexes as this language: lower case, with the dot. */
  extensions: readonly string[];
  /** Extension-less base names ("Rakefile"), matched case-sensitively as the ecosystems spell them. */
  fileNames?: readonly string[];
  /**
   * Other VS Code language ids that editors give these files. The index keeps them under `id`
   * (a filter on typescript must find .tsx too), but the client has to ask for their buffers.
   */
  editorIds?: readonly string[];
  /** Extra names people type in `lang:` filters; the id, editor ids and extensions work already. */
  typedNames?: readonly string[];
  /**
   * Interpreters whose `#!` line makes an extension-less file (`bin/deploy`, a git hook) this
   * language, without a version suffix: `python` stands for python3 and python3.11 too.
   */
  interpreters?: readonly string[];
  /**
   * Names an editor's mode line gives this language, in a file whose name says none: Emacs's
   * `-*- mode: sh -*-` and Vim's `vim: set filetype=sh:`, lower case. The id counts already.
   */
  modeNames?: readonly string[];
}

export const INDEXED_LANGUAGES: readonly IndexedLanguage[] = [
  // "mdx" is the id the MDX extension gives .mdx files (and .md files when associated with it).
  { id: "markdown", kind: "markdown", extensions: [".md", ".markdown", ".mdx", ".mdown", ".mkd"], editorIds: ["mdx"] },
  { id: "plaintext", kind: "text", extensions: [".txt", ".text"], fileNames: ["README", "CHANGELOG", "LICENSE", "AUTHORS"] },
  { id: "restructuredtext", kind: "text", extensions: [".rst"], typedNames: ["rest", "restructured"] },
  { id: "asciidoc", kind: "text", extensions: [".adoc", ".asciidoc"] },
  { id: "typescript", kind: "code", extensions: [".ts", ".tsx", ".mts", ".cts"], editorIds: ["typescriptreact"], interpreters: ["ts-node", "tsx"], modeNames: ["ts"] },
  { id: "javascript", kind: "code", extensions: [".js", ".jsx", ".mjs", ".cjs"], editorIds: ["javascriptreact"], typedNames: ["node"], interpreters: ["node", "nodejs"], modeNames: ["js", "js2"] },
  { id: "python", kind: "code", extensions: [".py", ".pyi", ".pyw"], interpreters: ["python"] },
  { id: "go", kind: "code", extensions: [".go"], typedNames: ["golang"] },
  { id: "rust", kind: "code", extensions: [".rs"] },
  { id: "java", kind: "code", extensions: [".java"] },
  // `.h` is C++ as VS Code has it (its built-in cpp language claims it, and c has `.c`).
  { id: "c", kind: "code", extensions: [".c"] },
  { id: "cpp", kind: "code", extensions: [".cpp", ".cc", ".cxx", ".c++", ".h", ".hpp", ".hh", ".hxx", ".h++", ".ipp", ".inl", ".tpp", ".txx", ".cppm", ".ixx"], modeNames: ["c++"] },
  { id: "csharp", kind: "code", extensions: [".cs"], typedNames: ["c#"], modeNames: ["cs"] },
  { id: "ruby", kind: "code", extensions: [".rb", ".rake", ".gemspec"], fileNames: ["Rakefile", "Gemfile"], interpreters: ["ruby"] },
  { id: "php", kind: "code", extensions: [".php"], interpreters: ["php"] },
  { id: "shellscript", kind: "code", extensions: [".sh", ".bash", ".zsh", ".ksh"], typedNames: ["shell"], interpreters: ["sh", "bash", "zsh", "ksh", "dash", "ash"], modeNames: ["sh", "shell-script", "bash", "zsh", "ksh"] },
  { id: "kotlin", kind: "code", extensions: [".kt", ".kts"] },
  { id: "swift", kind: "code", extensions: [".swift"] },
  { id: "scala", kind: "code", extensions: [".scala", ".sc"] },
  { id: "lua", kind: "code", extensions: [".lua"], interpreters: ["lua", "luajit"] },
];

/** The languages as the index stores them (the values a language filter can match). */
export const INDEX_LANGUAGE_IDS: readonly string[] = INDEXED_LANGUAGES.map((l) => l.id);

/** Every VS Code language id whose buffers the server indexes: the client's document selector. */
export const EDITOR_LANGUAGE_IDS: readonly string[] = INDEXED_LANGUAGES.flatMap((l) => [l.id, ...(l.editorIds ?? [])]);

const BY_EDITOR_ID = new Map(INDEXED_LANGUAGES.flatMap((l) => [l.id, ...(l.editorIds ?? [])].map((id) => [id, l] as const)));

/** The indexed language of a buffer's VS Code language id (typescriptreact -> typescript). */
export function indexLanguageOfEditorId(languageId: string): IndexedLanguage | undefined {
  return BY_EDITOR_ID.get(languageId);
}

// No name means two languages (a unit test checks), so the order of building does not matter.
const BY_TYPED_NAME = new Map(
  INDEXED_LANGUAGES.flatMap((l) =>
    [...l.extensions.map((e) => e.slice(1)), l.id, ...(l.editorIds ?? []), ...(l.typedNames ?? [])].map((name) => [name.toLowerCase(), l.id] as const),
  ),
);

/** The index language a typed name means (`py`, `tsx`, `golang`, `typescriptreact`), case-insensitive. */
export function indexLanguageOfTypedName(name: string): string | undefined {
  return BY_TYPED_NAME.get(name.trim().toLowerCase());
}
