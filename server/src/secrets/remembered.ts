// Extra secret patterns are remembered in the database they were used with. One index is written by
// several commands (`index`, `serve`, `mcp`), and only `index` takes --secret-pattern: without this,
// the next `serve` would re-chunk every file without the pattern and put back what it hid. A
// pattern is forgotten only by a rebuild from scratch (`index --rebuild`, Re-index Workspace), which
// starts from the patterns given then.
import type Database from "better-sqlite3";
import { deleteMetaValue, metaValue, setMetaValue } from "../store/meta";
import { compileSecretPatterns, type SecretPattern } from "./patterns";

const KEY = "secrets.extra_patterns";

export interface SecretRules {
  /** Regex sources: the remembered ones, then new ones given now. */
  sources: string[];
  patterns: SecretPattern[];
}

/** The patterns to redact with: those remembered in `db` and `given`, the union remembered. */
export function secretRules(db: Database.Database, given: readonly string[]): SecretRules {
  const remembered = read(db);
  const sources = [...new Set([...remembered, ...given])];
  if (sources.length !== remembered.length) {
    setMetaValue(db, KEY, JSON.stringify(sources));
  }
  return { sources, patterns: compileSecretPatterns(sources, "secret pattern remembered in the index") };
}

/** Forgets the remembered patterns (a rebuild from scratch). */
export function forgetSecretPatterns(db: Database.Database): void {
  deleteMetaValue(db, KEY);
}

function read(db: Database.Database): string[] {
  const stored = metaValue(db, KEY);
  if (stored === undefined) return [];
  const value: unknown = JSON.parse(stored);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
