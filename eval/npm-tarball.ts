// An npm package's published tarball as an evaluation corpus, without installing it: Kotlin and
// Swift sources ship inside React Native and Expo packages, whose peer dependencies (react-native)
// this project must not install. The tarball is fetched once with `npm pack` into eval/.cache/,
// checked against the registry's SHA-512 integrity, and unpacked once, as a .deb is (corpora.ts).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface TarballSource {
  kind: "tarball";
  /** npm package name and exact version (`npm view <package>@<version> dist.integrity` gives the pin). */
  package: string;
  version: string;
  /** The registry's integrity of the tarball: "sha512-" and the base64 of its SHA-512. */
  integrity: string;
  /** The folder inside the tarball that holds the project (npm packs into `package/`). */
  root: string;
  /** The project's folder in the corpus (paths in the labels start with it). */
  as: string;
  /** Globs relative to `root`. */
  files: string[];
  /** Globs relative to `root` that are left out. */
  exclude?: string[];
}

export interface TarballOptions {
  /** Fetch a missing tarball with npm pack; false: a missing tarball is an error that says what to run. */
  fetch?: boolean;
  cacheDir: string;
}

/** The file name npm pack writes: `@scope/name` becomes `scope-name-<version>.tgz`. */
export function tarballFileName(source: Pick<TarballSource, "package" | "version">): string {
  return `${source.package.replace(/^@/, "").replace(/\//g, "-")}-${source.version}.tgz`;
}

/** "sha512-" and the base64 SHA-512 of a file, as npm writes integrity. */
export function integrityOf(path: string): string {
  return `sha512-${createHash("sha512").update(readFileSync(path)).digest("base64")}`;
}

/**
 * The unpacked folder of a pinned tarball: <cache>/npm_<file name>.d/<root>. Fetched once (when
 * `fetch`), its integrity checked before unpacking, unpacked under a temporary name and renamed when
 * complete, so that later runs need only that folder. Errors say what to run.
 */
export function tarballRoot(source: TarballSource, opts: TarballOptions, fail: (message: string) => Error): string {
  const cache = opts.cacheDir;
  const file = join(cache, tarballFileName(source));
  const unpacked = join(cache, `npm_${tarballFileName(source)}.d`);
  const spec = `${source.package}@${source.version}`;
  const hint = `cd ${cache} && npm pack ${spec}`;
  if (!existsSync(unpacked)) {
    mkdirSync(cache, { recursive: true });
    if (!existsSync(file)) {
      if (!opts.fetch) throw fail(`eval corpus needs the npm tarball of ${spec}, which is not in ${cache}: run ${hint}`);
      try {
        execFileSync("npm", ["pack", spec, "--pack-destination", cache, "--ignore-scripts"], { stdio: ["ignore", "ignore", "pipe"] });
      } catch (err) {
        const stderr = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim();
        throw fail(`could not fetch ${spec} from the npm registry (${stderr.split("\n").pop()}): check the registry is reachable, then run ${hint}`);
      }
      if (!existsSync(file)) throw fail(`npm pack ${spec} wrote no ${tarballFileName(source)} into ${cache}: run ${hint} and look at its output.`);
    }
    const sum = integrityOf(file);
    if (sum !== source.integrity) {
      throw fail(
        `${file} has integrity ${sum}, but eval/corpora.ts pins ${spec} to ${source.integrity}. ` +
          `Delete the file and run ${hint}; if the package really changed, re-check the labels before updating the pin.`,
      );
    }
    const partial = `${unpacked}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial);
    try {
      execFileSync("tar", ["-xzf", file, "-C", partial], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      throw fail(`tar could not unpack ${file} (${String((err as { stderr?: Buffer }).stderr ?? "").trim()}): delete it and run ${hint}`);
    }
    renameSync(partial, unpacked);
  }
  const root = join(unpacked, source.root);
  if (!existsSync(root)) throw fail(`${spec}'s tarball has no folder ${source.root} (it holds ${readdirSync(unpacked).join(", ")}): fix "root" in eval/corpora.ts.`);
  return root;
}
