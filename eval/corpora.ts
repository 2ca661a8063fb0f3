// The evaluation corpora: documentation and source code that ship in npm packages this project
// already installs (runtime dependencies in package-lock.json, so `npm ci` brings them back).
// Nobody on the team wrote them, so the labelled queries cannot be tuned to our own prose.
// Each source is pinned to a package version: the labels in eval/queries/ point at lines of those
// exact files, so a different version fails loudly instead of scoring against moved text.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import picomatch from "picomatch";

const NODE_MODULES = join(__dirname, "..", "node_modules");

export interface PackageSource {
  /** npm package name, as installed at node_modules/<package>. */
  package: string;
  version: string;
  /** Globs relative to the package folder. */
  files: string[];
}

export interface CorpusSpec {
  name: string;
  kind: "docs" | "code";
  description: string;
  sources: PackageSource[];
}

export const CORPORA: CorpusSpec[] = [
  {
    name: "docs",
    kind: "docs",
    description: "README manuals of ten runtime dependencies (markdown: API references, option lists, FAQs)",
    sources: [
      { package: "tar", version: "7.5.23", files: ["README.md"] },
      { package: "minipass", version: "7.1.3", files: ["README.md"] },
      { package: "node-fetch", version: "2.6.13", files: ["README.md"] },
      { package: "picomatch", version: "4.0.7", files: ["README.md"] },
      { package: "ignore", version: "7.0.16", files: ["README.md"] },
      { package: "semver", version: "7.8.6", files: ["README.md"] },
      { package: "global-agent", version: "3.0.0", files: ["README.md"] },
      { package: "roarr", version: "2.15.4", files: ["README.md"] },
      { package: "seedrandom", version: "3.0.5", files: ["README.md"] },
      { package: "protobufjs", version: "7.6.6", files: ["README.md"] },
    ],
  },
  {
    name: "code",
    kind: "code",
    description: "JavaScript sources of semver (the whole library and its CLI) and picomatch (lib/)",
    sources: [
      { package: "semver", version: "7.8.6", files: ["index.js", "bin/*.js", "classes/*.js", "functions/*.js", "internal/*.js", "ranges/*.js"] },
      { package: "picomatch", version: "4.0.7", files: ["lib/*.js"] },
    ],
  },
];

export interface Materialised {
  spec: CorpusSpec;
  dir: string;
  /** Corpus-relative paths (<package>/<path in package>), sorted. */
  files: string[];
  bytes: number;
  packages: Record<string, string>;
}

export class CorpusError extends Error {}

/** The installed version of a package, or a clear error saying what is wrong and what to do. */
export function installedVersion(pkg: string): string {
  const manifest = join(NODE_MODULES, pkg, "package.json");
  if (!existsSync(manifest)) throw new CorpusError(`eval corpus needs the npm package ${pkg}, which is not in ${NODE_MODULES}: run npm ci.`);
  return JSON.parse(readFileSync(manifest, "utf8")).version as string;
}

/** Copies a corpus's files into a fresh temporary folder (or `into`). */
export function materialise(spec: CorpusSpec, into?: string): Materialised {
  // Every pin is checked before anything is copied.
  for (const source of spec.sources) {
    const version = installedVersion(source.package);
    if (version !== source.version) {
      throw new CorpusError(
        `eval corpus "${spec.name}" is pinned to ${source.package}@${source.version}, but node_modules has ${version}. ` +
          `The labels in eval/queries/${spec.name}.jsonl point at lines of the pinned files: re-check them against the new version, then update eval/corpora.ts.`,
      );
    }
  }
  const dir = into ?? mkdtempSync(join(tmpdir(), `semsearch-eval-${spec.name}-`));
  const files: string[] = [];
  const packages: Record<string, string> = {};
  let bytes = 0;
  for (const source of spec.sources) {
    const version = source.version;
    packages[source.package] = version;
    const root = join(NODE_MODULES, source.package);
    const wanted = picomatch(source.files);
    const found = walk(root).filter((rel) => wanted(rel));
    if (!found.length) throw new CorpusError(`eval corpus "${spec.name}": ${source.package}@${version} has no file matching ${source.files.join(", ")}.`);
    for (const rel of found) {
      const target = join(dir, source.package, rel);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(root, rel), target);
      bytes += statSync(target).size;
      files.push(`${source.package}/${rel}`);
    }
  }
  return { spec, dir, files: files.sort(), bytes, packages };
}

/** Files under a package folder (posix relative paths), not descending into nested node_modules. */
function walk(root: string, dir = root, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") walk(root, path, out);
    } else if (entry.isFile()) {
      out.push(relative(root, path).split("\\").join("/"));
    }
  }
  return out;
}
