// `npm run package`: builds semantic-search-<version>.vsix with vsce, including the production
// node_modules the server needs at run time (native modules included).
//
// The native modules (better-sqlite3, hnswlib-node) are built for this machine's platform and Node
// ABI, so the .vsix is platform-specific: it is marked with this platform as its vsce target, and
// the onnxruntime binaries of the other platforms are left out (they are ~190 MB).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const out = `${pkg.name}-${pkg.version}.vsix`;

for (const f of ["dist/extension.js", "dist/server.js", "dist/embed-worker.js"]) {
  if (!existsSync(join(root, f))) {
    console.error(`package: ${f} is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
}

function isMusl() {
  if (process.platform !== "linux") return false;
  const report = process.report?.getReport?.();
  return !report?.header?.glibcVersionRuntime;
}
const os = process.platform === "linux" && isMusl() ? "alpine" : process.platform;
const target = `${os}-${process.arch}`;

// The base ignore file plus the other platforms' onnxruntime-node binaries.
const ignore = [readFileSync(join(root, ".vscodeignore"), "utf8"), "", "# added by client/scripts/package.mjs for target " + target];
const ortBin = join(root, "node_modules/onnxruntime-node/bin/napi-v3");
if (existsSync(ortBin)) {
  for (const platform of readdirSync(ortBin)) {
    for (const arch of readdirSync(join(ortBin, platform))) {
      if (!statSync(join(ortBin, platform, arch)).isDirectory()) continue;
      if (platform === process.platform && arch === process.arch) continue;
      ignore.push(`node_modules/onnxruntime-node/bin/napi-v3/${platform}/${arch}/**`);
    }
  }
}
const tmp = mkdtempSync(join(tmpdir(), "semsearch-vsce-"));
const ignoreFile = join(tmp, ".vscodeignore");
writeFileSync(ignoreFile, ignore.join("\n") + "\n");

const vsce = join(root, "node_modules/@vscode/vsce/vsce");
const args = [
  vsce,
  "package",
  "--out", out,
  "--target", target,
  "--ignoreFile", ignoreFile,
  // No repository or LICENSE file yet: without these flags vsce stops and asks.
  "--allow-missing-repository",
  "--skip-license",
];
console.log(`package: vsce ${args.slice(1).join(" ")}`);
const run = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
rmSync(tmp, { recursive: true, force: true });
if (run.status !== 0) process.exit(run.status ?? 1);
const size = statSync(join(root, out)).size;
console.log(`package: ${out} (${(size / 1024 / 1024).toFixed(1)} MB, target ${target}, Node ABI ${process.versions.modules} of Node ${process.version})`);
