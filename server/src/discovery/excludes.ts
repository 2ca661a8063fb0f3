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

// A folder named `build` is a build's output at the root or beside a build manifest (`packages/app/build`
// beside package.json, `android/app/build` beside build.gradle). Elsewhere it may hold the project's
// own code: Debian's live-build keeps every script under `lib/live/build/`, which `**/build/**`
// left unindexed, with no setting to bring it back.
const BUILD_MANIFESTS = new Set([
  "package.json", "tsconfig.json", "Makefile", "makefile", "GNUmakefile", "CMakeLists.txt", "meson.build", "configure",
  "setup.py", "setup.cfg", "pyproject.toml", "conf.py", "build.gradle", "build.gradle.kts", "settings.gradle", "pom.xml",
  "build.xml", "Cargo.toml", "go.mod", "Gemfile", "Rakefile", "composer.json", "Podfile", "mix.exs", "SConstruct",
]);
const BUILD_MANIFEST_EXTENSIONS = [".csproj", ".sln", ".xcodeproj", ".xcworkspace"];

/** Whether `build`, a folder inside `parentRel` (whose entries are `siblings`), is a build's output. */
export function isBuildOutput(name: string, parentRel: string, siblings: Iterable<string>): boolean {
  if (name !== "build") return false;
  if (parentRel === "") return true;
  for (const sibling of siblings) {
    if (BUILD_MANIFESTS.has(sibling) || BUILD_MANIFEST_EXTENSIONS.some((ext) => sibling.endsWith(ext))) return true;
  }
  return false;
}

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
