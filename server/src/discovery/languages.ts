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
// Scripts without an extension, by the interpreter their `#!` line names.
const BY_INTERPRETER = new Map<string, LanguageInfo>();

for (const { id, kind, extensions, fileNames = [], interpreters = [] } of INDEXED_LANGUAGES) {
  for (const ext of extensions) BY_EXTENSION.set(ext, { language: id, kind });
  for (const name of fileNames) BY_NAME.set(name, { language: id, kind });
  for (const name of interpreters) BY_INTERPRETER.set(name, { language: id, kind });
}

/** Language and chunk kind of a path, or undefined when it is not a file we index by its name. */
export function languageOf(relPath: string): LanguageInfo | undefined {
  const base = baseName(relPath);
  const named = BY_NAME.get(base);
  if (named) return { ...named };
  const dot = base.lastIndexOf(".");
  // A leading dot is a hidden file's name (".bashrc"), not an extension.
  if (dot <= 0) return undefined;
  const info = BY_EXTENSION.get(base.slice(dot).toLowerCase());
  return info ? { ...info } : undefined;
}

/**
 * Whether a file's first line may say its language: a name with no extension that is not a
 * well-known file (`bin/deploy`, `.git/hooks/pre-commit`, `configure`), not a hidden file.
 */
export function mayBeScript(relPath: string): boolean {
  const base = baseName(relPath);
  return base.length > 0 && !base.includes(".") && !BY_NAME.has(base);
}

/** Whether discovery looks at a file at all: its name says a language we index, or its `#!` line may. */
export function mayBeIndexed(relPath: string): boolean {
  return languageOf(relPath) !== undefined || mayBeScript(relPath);
}

// `#!/bin/sh`, `#! /usr/bin/python3.11 -u`, `#!/usr/bin/env bash`, `#!/usr/bin/env -S node --flag`.
const SHEBANG = /^#![ \t]*(\S+)(?:[ \t]+(-S[ \t]+|-\S*[ \t]+)*(\S+))?/;

/** The language a script's `#!` line names, or undefined: `#!/usr/bin/env python3` is Python. */
export function scriptLanguage(text: string): LanguageInfo | undefined {
  const m = SHEBANG.exec(text.startsWith("\uFEFF") ? text.slice(1) : text);
  if (!m) return undefined;
  const program = baseName(m[1]);
  const interpreter = program === "env" ? m[3] && baseName(m[3]) : program;
  if (!interpreter) return undefined;
  // python3.11, lua5.1, ruby3.1: the interpreter is named without its version.
  const info = BY_INTERPRETER.get(interpreter) ?? BY_INTERPRETER.get(interpreter.replace(/[\d.]+$/, ""));
  return info ? { ...info } : undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
