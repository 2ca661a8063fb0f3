import type { ChunkKind } from "../../../shared/src/types";

export interface LanguageInfo {
  language: string;
  kind: ChunkKind;
}

// Language ids follow VS Code's identifiers so the client can reuse them for
// highlighting and filters ("shellscript", "csharp", ...).
const BY_EXTENSION: Record<string, LanguageInfo> = {};

function register(kind: ChunkKind, language: string, extensions: string[]): void {
  for (const ext of extensions) BY_EXTENSION[ext] = { language, kind };
}

register("markdown", "markdown", [".md", ".markdown", ".mdx", ".mdown", ".mkd"]);
register("text", "plaintext", [".txt", ".text"]);
register("text", "restructuredtext", [".rst"]);
register("text", "asciidoc", [".adoc", ".asciidoc"]);

// JSX flavours share their base id: a filter on "typescript" should find .tsx too.
register("code", "typescript", [".ts", ".tsx", ".mts", ".cts"]);
register("code", "javascript", [".js", ".jsx", ".mjs", ".cjs"]);
register("code", "python", [".py", ".pyi", ".pyw"]);
register("code", "go", [".go"]);
register("code", "rust", [".rs"]);
register("code", "java", [".java"]);
register("code", "c", [".c", ".h"]);
register("code", "cpp", [".cpp", ".cc", ".cxx", ".c++", ".hpp", ".hh", ".hxx", ".h++", ".ipp", ".inl"]);
register("code", "csharp", [".cs"]);
register("code", "ruby", [".rb", ".rake", ".gemspec"]);
register("code", "php", [".php"]);
register("code", "shellscript", [".sh", ".bash", ".zsh", ".ksh"]);
register("code", "kotlin", [".kt", ".kts"]);
register("code", "swift", [".swift"]);
register("code", "scala", [".scala", ".sc"]);
register("code", "lua", [".lua"]);

// Files that carry no extension but are well known; matched case-sensitively
// on the base name because that is how the ecosystems spell them.
const BY_NAME: Record<string, LanguageInfo> = {
  Rakefile: { language: "ruby", kind: "code" },
  Gemfile: { language: "ruby", kind: "code" },
  README: { language: "plaintext", kind: "text" },
  CHANGELOG: { language: "plaintext", kind: "text" },
  LICENSE: { language: "plaintext", kind: "text" },
  AUTHORS: { language: "plaintext", kind: "text" },
};

/** Language and chunk kind of a path, or undefined when it is not a file we index. */
export function languageOf(relPath: string): LanguageInfo | undefined {
  const base = relPath.slice(relPath.lastIndexOf("/") + 1);
  const named = BY_NAME[base];
  if (named) return { ...named };
  const dot = base.lastIndexOf(".");
  // A leading dot is a hidden file's name (".bashrc"), not an extension.
  if (dot <= 0) return undefined;
  const info = BY_EXTENSION[base.slice(dot).toLowerCase()];
  return info ? { ...info } : undefined;
}
