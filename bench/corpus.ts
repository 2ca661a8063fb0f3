// The benchmark corpus: documentation and type declarations that ship in this project's npm
// dependencies (nobody on the team wrote them), copied into a temporary folder.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

const ROOT = join(__dirname, "..", "node_modules");

export function walk(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, keep, out);
    else if (entry.isFile() && keep(path)) out.push(path);
  }
  return out;
}

export interface Corpus {
  dir: string;
  files: number;
  bytes: number;
  packages: Record<string, string>;
}

/** About 1 MB of text: enough to measure, small enough for a bench run of a few minutes. */
const BUDGET_BYTES = 1_000_000;

export function makeCorpus(budget = BUDGET_BYTES): Corpus {
  const dir = mkdtempSync(join(tmpdir(), "semsearch-bench-"));
  const code = walk(join(ROOT, "vscode-languageserver-protocol", "lib", "common"), (p) => p.endsWith(".d.ts")).sort();
  // The vector stores compared in bench/stores are devDependencies: their docs stay out so the corpus does not change with them.
  const docsAll = walk(ROOT, (p) => /\.md$/i.test(p) && !/changelog|history|license|\/test\/|\/node_modules\/(@lancedb|usearch|apache-arrow)\//i.test(p) && statSync(p).size > 500 && statSync(p).size < 40_000).sort();
  const docs: string[] = [];
  let used = code.reduce((n, p) => n + statSync(p).size, 0);
  for (const p of docsAll) {
    if (used + statSync(p).size > budget) break;
    used += statSync(p).size;
    docs.push(p);
  }
  const packages: Record<string, string> = {};
  let bytes = 0;
  for (const file of [...docs, ...code]) {
    const rel = relative(ROOT, file);
    mkdirSync(join(dir, dirname(rel)), { recursive: true });
    cpSync(file, join(dir, rel));
    bytes += statSync(file).size;
    const pkg = rel.startsWith("@") ? rel.split("/").slice(0, 2).join("/") : rel.split("/")[0];
    if (!packages[pkg]) {
      try {
        packages[pkg] = JSON.parse(readFileSync(join(ROOT, pkg, "package.json"), "utf8")).version;
      } catch {
        packages[pkg] = "unknown";
      }
    }
  }
  return { dir, files: docs.length + code.length, bytes, packages };
}
