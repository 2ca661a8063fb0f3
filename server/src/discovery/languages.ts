// Which files discovery indexes, and under which language: a lookup over the shared list of
// indexed languages, so the client's document selector and filters cannot drift from it.
import { INDEXED_LANGUAGES } from "../../../shared/src/languages";
import type { ChunkKind } from "../../../shared/src/types";

export interface LanguageInfo {
  language: string;
  kind: ChunkKind;
}

// Language ids follow VS Code's identifiers so the client can reuse them for highlighting and
// filters ("shellscript", "csharp", ...). JSX flavours share their base id: .tsx is "typescript".
const BY_EXTENSION = new Map<string, LanguageInfo>();
// Files that carry no extension but are well known (Rakefile, README).
const BY_NAME = new Map<string, LanguageInfo>();

for (const { id, kind, extensions, fileNames = [] } of INDEXED_LANGUAGES) {
  for (const ext of extensions) BY_EXTENSION.set(ext, { language: id, kind });
  for (const name of fileNames) BY_NAME.set(name, { language: id, kind });
}

/** Language and chunk kind of a path, or undefined when it is not a file we index. */
export function languageOf(relPath: string): LanguageInfo | undefined {
  const base = relPath.slice(relPath.lastIndexOf("/") + 1);
  const named = BY_NAME.get(base);
  if (named) return { ...named };
  const dot = base.lastIndexOf(".");
  // A leading dot is a hidden file's name (".bashrc"), not an extension.
  if (dot <= 0) return undefined;
  const info = BY_EXTENSION.get(base.slice(dot).toLowerCase());
  return info ? { ...info } : undefined;
}
