// Packages the extension never loads: the HTTP service's (`semsearch serve`, a CLI command) and
// whatever only they depend on. The .vsix leaves them out; the extension's server bundle does not
// import them, and the e2e suite runs the packaged extension to prove it.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The dependencies of package.json that only the CLI's HTTP service uses. */
export const CLI_ONLY_ROOTS = ["fastify", "@fastify/swagger", "@fastify/swagger-ui", "@fastify/rate-limit", "jose"];

/** node_modules paths reachable from the CLI-only roots and from no other production dependency. */
export function cliOnlyPackages(root) {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
  const packages = lock.packages;
  const prodRoots = Object.keys(lock.packages[""].dependencies ?? {});
  // Where node would find `name` when required from the package at `from` (nested first, then up).
  const resolve = (from, name) => {
    for (let dir = from; ; dir = dir.includes("/node_modules/") ? dir.slice(0, dir.lastIndexOf("/node_modules/")) : "") {
      const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!dir) return undefined;
    }
  };
  const reach = (roots) => {
    const seen = new Set();
    const stack = roots.map((n) => resolve("", n)).filter(Boolean);
    while (stack.length) {
      const at = stack.pop();
      if (seen.has(at)) continue;
      seen.add(at);
      const p = packages[at];
      for (const dep of Object.keys({ ...p.dependencies, ...p.optionalDependencies, ...p.peerDependencies })) {
        const next = resolve(at, dep);
        if (next) stack.push(next);
      }
    }
    return seen;
  };
  const needed = reach(prodRoots.filter((n) => !CLI_ONLY_ROOTS.includes(n)));
  return [...reach(CLI_ONLY_ROOTS)].filter((p) => !needed.has(p)).sort();
}
