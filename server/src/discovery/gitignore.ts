import ignore, { type Ignore } from "ignore";

interface Level {
  /** Folder the rules were read from, relative to the root ("" for the root). */
  base: string;
  rules: Ignore;
}

/**
 * The .gitignore files in effect for one folder: its own and its ancestors'.
 * Immutable so each branch of the walk can extend it without affecting siblings.
 */
export class GitignoreStack {
  private constructor(private readonly levels: readonly Level[]) {}

  static empty(): GitignoreStack {
    return new GitignoreStack([]);
  }

  with(base: string, content: string): GitignoreStack {
    const rules = ignore().add(content);
    return new GitignoreStack([...this.levels, { base, rules }]);
  }

  ignores(relPath: string, isDir: boolean): boolean {
    let ignored = false;
    // Deeper files win over shallower ones, as in git: a nested "!x" re-includes.
    for (const { base, rules } of this.levels) {
      if (base && !relPath.startsWith(base + "/")) continue;
      const sub = base ? relPath.slice(base.length + 1) : relPath;
      const result = rules.test(isDir ? sub + "/" : sub);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}
