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
// Files whose name says no language, by the mode an editor's mode line gives them.
const BY_MODE = new Map<string, LanguageInfo>();

for (const { id, kind, extensions, fileNames = [], interpreters = [], modeNames = [] } of INDEXED_LANGUAGES) {
  for (const ext of extensions) BY_EXTENSION.set(ext, { language: id, kind });
  for (const name of fileNames) BY_NAME.set(name, { language: id, kind });
  for (const name of interpreters) BY_INTERPRETER.set(name, { language: id, kind });
  for (const name of [id, ...modeNames]) BY_MODE.set(name, { language: id, kind });
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
 * Whether a file's first lines may say its language: a name that says none, with no extension or
 * one we do not index (`bin/deploy`, `.git/hooks/pre-commit`, backupninja's `share/borg.helper`),
 * not a well-known file, not a hidden file.
 */
export function mayBeScript(relPath: string): boolean {
  const base = baseName(relPath);
  if (!base || base.startsWith(".") || BY_NAME.has(base) || languageOf(relPath) !== undefined) return false;
  const dot = base.lastIndexOf(".");
  return dot < 0 || !BINARY_EXTENSIONS.has(base.slice(dot).toLowerCase());
}

// Extensions of files that cannot be scripts, which discovery does not open to read their first
// lines: compressed, image, font, audio, video, compiled and database files. Reading them would cost
// (a walk of /usr/share took three times as long, its 24,000 man pages being `.gz`) and find nothing.
const BINARY_EXTENSIONS = new Set(
  [
    ".gz", ".tgz", ".bz2", ".xz", ".zst", ".lz4", ".zip", ".7z", ".rar", ".tar", ".jar", ".war", ".aar", ".apk", ".deb", ".rpm", ".whl",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".icns", ".bmp", ".tif", ".tiff", ".psd", ".heic",
    ".woff", ".woff2", ".ttf", ".otf", ".eot", ".pfb",
    ".mp3", ".wav", ".ogg", ".oga", ".flac", ".m4a", ".mp4", ".m4v", ".webm", ".mov", ".avi", ".mkv",
    ".pdf", ".exe", ".dll", ".so", ".dylib", ".o", ".a", ".obj", ".lib", ".class", ".pyc", ".pyo", ".wasm", ".node", ".mo", ".gmo",
    ".db", ".sqlite", ".sqlite3", ".bin", ".dat", ".pack", ".idx",
  ],
);

/** Whether discovery looks at a file at all: its name says a language we index, or its first lines may. */
export function mayBeIndexed(relPath: string): boolean {
  return languageOf(relPath) !== undefined || mayBeScript(relPath);
}

/** Enough of a file's start for its `#!` line and the mode lines of its first five lines. */
export const SCRIPT_HEAD_BYTES = 1024;

// `#!/bin/sh`, `#! /usr/bin/python3.11 -u`, `#!/usr/bin/env bash`, `#!/usr/bin/env -S node --flag`.
const SHEBANG = /^#![ \t]*(\S+)(?:[ \t]+(-S[ \t]+|-\S*[ \t]+)*(\S+))?/;

/**
 * The language a file's first lines say, or undefined: the interpreter its `#!` line names
 * (`#!/usr/bin/env python3` is Python), else the mode an editor's mode line gives it. Handlers that
 * a script sources carry no `#!` line, only `# -*- mode: sh; ... -*-` or `# vim: set filetype=sh:`
 * (backupninja's, twenty-ninth round), and VS Code reads them as shell scripts too.
 */
export function scriptLanguage(text: string): LanguageInfo | undefined {
  const head = text.startsWith("\uFEFF") ? text.slice(1) : text;
  return interpreterLanguage(head) ?? modeLineLanguage(head);
}

function interpreterLanguage(head: string): LanguageInfo | undefined {
  const m = SHEBANG.exec(head);
  if (!m) return undefined;
  const program = baseName(m[1]);
  const interpreter = program === "env" ? m[3] && baseName(m[3]) : program;
  if (!interpreter) return undefined;
  // python3.11, lua5.1, ruby3.1: the interpreter is named without its version.
  const info = BY_INTERPRETER.get(interpreter) ?? BY_INTERPRETER.get(interpreter.replace(/[\d.]+$/, ""));
  return info ? { ...info } : undefined;
}

// Emacs reads `-*- mode: sh; sh-basic-offset: 3 -*-` or `-*- sh -*-` on the first line, or the
// second after a `#!` line; Vim reads `vim: set filetype=sh:`, `vi: ft=sh`, `ex: syntax=sh` within
// the first lines (and the last, which discovery does not read).
const EMACS_MODE_LINE = /-\*-(.*?)-\*-/;
const EMACS_MODE = /(?:^|;)[ \t]*mode[ \t]*:[ \t]*([^\s;]+)/i;
const VIM_MODE_LINE = /(?:^|[ \t])(?:vim?|Vim|ex):.*?(?<![\w-])(?:ft|filetype|syn|syntax)=([\w+-]+)/;
/** How many of the first lines a Vim modeline may stand on (Vim's `modelines` default). */
const VIM_MODE_LINES = 5;

/** The language an Emacs mode line or a Vim modeline among the first lines names, or undefined. */
function modeLineLanguage(head: string): LanguageInfo | undefined {
  const lines = head.split("\n", VIM_MODE_LINES);
  const emacsLine = lines[0]?.startsWith("#!") ? lines[1] : lines[0];
  const emacs = emacsLine === undefined ? undefined : EMACS_MODE_LINE.exec(emacsLine)?.[1];
  if (emacs !== undefined) {
    const mode = emacs.includes(":") ? EMACS_MODE.exec(emacs)?.[1] : emacs.trim();
    const info = mode && BY_MODE.get(mode.toLowerCase());
    if (info) return { ...info };
  }
  for (const line of lines) {
    const vim = VIM_MODE_LINE.exec(line)?.[1];
    const info = vim && BY_MODE.get(vim.toLowerCase());
    if (info) return { ...info };
  }
  return undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
