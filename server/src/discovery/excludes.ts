import picomatch from "picomatch";

/**
 * Folders and files that are generated, vendored or tool state rather than
 * something a person wrote. `vendor/` is excluded too: it holds third-party
 * copies (Go modules, Composer, Bundler) that would drown the project's own
 * code in results. `include` narrows within what is left; it does not bring
 * these back. Python virtualenvs under other names are recognised by their
 * pyvenv.cfg.
 */
export const DEFAULT_EXCLUDES: string[] = [
  "**/node_modules/**",
  "**/dist/**",
  "**/build/**",
  "**/out/**",
  "**/.git/**",
  "**/.hg/**",
  "**/.svn/**",
  "**/.semsearch/**",
  "**/.venv/**",
  "**/__pycache__/**",
  "**/.mypy_cache/**",
  "**/.pytest_cache/**",
  "**/.tox/**",
  "**/target/**",
  "**/vendor/**",
  "**/coverage/**",
  "**/.next/**",
  "**/.nuxt/**",
  "**/.cache/**",
  "**/.gradle/**",
  "**/*.min.js",
  "**/*.min.mjs",
  "**/*.min.css",
  "**/*.bundle.js",
];

export type PathMatcher = (relPath: string) => boolean;

/**
 * Globs are relative to the root in posix form. As in .gitignore, a glob
 * without a slash matches a name at any depth ("*.log", "secret") and a
 * leading slash anchors one to the root ("/notes.md").
 */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const cleaned = globs
    .map((g) => g.trim().replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, ""))
    .filter((g) => g.length > 0)
    // A leading slash anchors to the root; picomatch's own `basename` option
    // would also break the patterns that do have a slash.
    .map((g) => (g.startsWith("/") ? g.replace(/^\/+/, "") : g.includes("/") ? g : `**/${g}`));
  if (cleaned.length === 0) return () => false;
  return picomatch(cleaned, { dot: true });
}
