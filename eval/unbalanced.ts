// Which code files of the eval corpora the chunker's lexer leaves unbalanced: brackets and block
// keywords (`if ... fi`, `def ... end`) not back to zero at the end, or below zero on the way. Such a
// file is cut wrongly from where the count goes astray, most often as windows of one declaration
// that swallowed everything after it (dracut's print_vars, thor's shell/basic.rb). A list to read,
// not a score: a doc stub with a parameter named `function` is unbalanced and harmless.
//
//   node --import tsx eval/unbalanced.ts [--corpora code,python,...] [--reuse DIR]
//   node --import tsx eval/unbalanced.ts --dir FOLDER     (any sources: an unpacked .deb, an npm tarball)
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { scanDepth } from "../server/src/chunking/code/block-statements";
import { lexLines } from "../server/src/chunking/code/lexer";
import { syntaxFor, type Syntax } from "../server/src/chunking/code/syntax";
import { languageOf, mayBeScript, scriptLanguage } from "../server/src/discovery/languages";
import { CORPORA, materialise, walk } from "./corpora";

export interface Balance {
  /** Bracket and keyword depth after the last line: 0 when balanced. */
  end: number;
  /** 1-based line where the depth first went below zero, if it did. */
  belowZeroAt?: number;
}

/**
 * The depth the statement splitter counts over a whole file of a brace or keyword language, with its
 * own scanDepth; without a floor, so that a stray closer shows.
 */
export function balanceOf(lines: readonly string[], syntax: Syntax): Balance {
  let depth = 0;
  let belowZeroAt: number | undefined;
  lexLines(lines, syntax).forEach((info, i) => {
    depth = scanDepth(info, depth, Number.NEGATIVE_INFINITY, syntax).depth;
    if (depth < 0 && belowZeroAt === undefined) belowZeroAt = i + 1;
  });
  return { end: depth, ...(belowZeroAt !== undefined ? { belowZeroAt } : {}) };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      corpora: { type: "string", default: CORPORA.filter((c) => c.kind === "code").map((c) => c.name).join(",") },
      reuse: { type: "string", default: join(__dirname, "..", ".semsearch", "eval-run") },
      dir: { type: "string" },
    },
  });
  // The eval's corpora, or one folder of any sources (the thirty-sixth round ran it over Debian's
  // activesupport, sequel and bash-completion, and React Native packages from npm).
  const dir = values.dir === undefined ? undefined : resolve(values.dir);
  const trees = dir
    ? [{ label: "", dir, files: walk(dir).filter((rel) => statSync(join(dir, rel)).size <= 2_000_000) }]
    : values.corpora!.split(",").map((name) => {
        const spec = CORPORA.find((c) => c.name === name.trim());
        if (!spec) throw new Error(`unknown corpus ${name}`);
        const m = materialise(spec, join(resolve(values.reuse!), spec.name), { fetch: true });
        return { label: `${spec.name}/`, dir: m.dir, files: m.files };
      });
  let files = 0;
  let unbalanced = 0;
  for (const tree of trees) {
    for (const rel of tree.files) {
      const text = readFileSync(join(tree.dir, rel), "utf8");
      if (text.includes("\u0000")) continue;
      const info = languageOf(rel) ?? (mayBeScript(rel) ? scriptLanguage(text) : undefined);
      const syntax = info?.kind === "code" ? syntaxFor(info.language) : undefined;
      if (!syntax || syntax.family !== "block") continue;
      files++;
      const b = balanceOf(text.split("\n"), syntax);
      if (b.end === 0 && b.belowZeroAt === undefined) continue;
      unbalanced++;
      console.log(`${tree.label}${rel}\tdepth at the end ${b.end}${b.belowZeroAt ? `, below zero at line ${b.belowZeroAt}` : ""}`);
    }
  }
  console.log(`${unbalanced} of ${files} code files unbalanced`);
}

if (require.main === module) main();
