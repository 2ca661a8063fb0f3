// `npm run package [-- --target <target>[,<target>...] | --all]`: one
// semantic-search-<version>-<target>.vsix per vsce target, each holding only that target's native
// binaries, each checked by native-addons.mjs (Node-API addons only, all built for the target).
//
// Default: this machine's target only (what CI builds; it needs no cross compiler). The native modules:
// - better-sqlite3 13 and better-sqlite3-multiple-ciphers 13 (encrypted stores, SQLCipher): Node-API
//   prebuilds for 8 platforms, all in each package; keep the target's one.
// - onnxruntime-node: Node-API prebuilds for 6 platforms under bin/napi-v3/<platform>/<arch>/; likewise.
// - sharp: one optional package per platform, @img/sharp-<platform>-<arch> (+ its libvips); npm
//   installs only this machine's, so another target's are fetched with `npm pack`.
// - hnswlib-node: compiled by node-gyp at install, for this machine only; another target needs a
//   cross compiler. Here that means the other Linux architecture with a GNU cross toolchain
//   (linux-x64 <-> linux-arm64). darwin, win32 and alpine builds need a machine of their own.
// Another target is packaged from a staging copy of the project made of hard links, so this
// machine's node_modules is never written to.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync,
  statSync, symlinkSync, writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cliOnlyPackages } from "./cli-only-packages.mjs";
import { formatAddons, inspectVsix } from "./native-addons.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

// Thrown rather than exiting, so that the staging copy and temporary files are removed on the way out.
function fail(message) {
  throw new Error(message);
}

function isMusl() {
  const report = process.report?.getReport?.();
  return !report?.header?.glibcVersionRuntime;
}
const host = `${process.platform === "linux" && isMusl() ? "alpine" : process.platform}-${process.arch}`;
// vsce's platform-specific targets (linux-armhf left out: none of the native modules ships for it).
const TARGETS = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "win32-x64", "win32-arm64", "alpine-x64", "alpine-arm64"];

// GNU cross toolchains (Debian: g++-aarch64-linux-gnu, g++-x86-64-linux-gnu) by target architecture.
const CROSS_PREFIX = { x64: "x86_64-linux-gnu-", arm64: "aarch64-linux-gnu-" };

/** The cross-compiler prefix for `target`, or the reason this machine cannot build it. */
function crossToolchain(target) {
  const [os, arch] = target.split("-");
  if (!host.startsWith("linux-") || os !== "linux" || !CROSS_PREFIX[arch]) {
    return { why: `hnswlib-node must be compiled on ${target} itself (or a CI runner of it); see README "Packaging"` };
  }
  const cxx = `${CROSS_PREFIX[arch]}g++`;
  if (spawnSync(cxx, ["--version"]).status !== 0) {
    return { why: `hnswlib-node needs a cross compiler for ${target}: ${cxx} is not on PATH (Debian: apt-get install g++-${CROSS_PREFIX[arch].slice(0, -1).replaceAll("_", "-")})` };
  }
  return { prefix: CROSS_PREFIX[arch] };
}

function parseTargets(args) {
  const targets = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--all") {
      targets.push(host, ...Object.keys(CROSS_PREFIX).map((arch) => `linux-${arch}`));
    } else if (args[i] === "--target" && args[i + 1]) {
      targets.push(...args[++i].split(","));
    } else if (args[i].startsWith("--target=")) {
      targets.push(...args[i].slice("--target=".length).split(","));
    } else {
      fail(`unknown argument ${args[i]}; usage: package.mjs [--target <target>[,<target>...]] [--all]`);
    }
  }
  const unique = [...new Set(targets.length ? targets : [host])];
  const unknown = unique.filter((t) => !TARGETS.includes(t));
  if (unknown.length) fail(`unknown target ${unknown.join(", ")}; targets: ${TARGETS.join(", ")}`);
  if (!args.includes("--all")) return unique;
  // --all: every target this machine can build, saying why the others are left out.
  return unique.filter((t) => {
    const why = t !== host && crossToolchain(t).why;
    if (why) console.log(`package: skipping ${t}: ${why}`);
    return !why;
  });
}

/** Plaintext stores open with the first, encrypted ones with the second (server/src/store/sqlite.ts). */
const SQLITE_MODULES = ["better-sqlite3", "better-sqlite3-multiple-ciphers"];

/** The names each module gives a platform, as its loader computes them at run time. */
function platformNames(target) {
  const [os, arch] = target.split("-");
  const libc = os === "alpine" ? "linuxmusl" : os;
  return {
    // better-sqlite3's lib/binding.js and sharp's lib/libvips.js: linuxmusl-x64, linux-arm64, darwin-x64, ...
    prebuild: `${libc}-${arch}`,
    // onnxruntime-node's dist/binding.js: bin/napi-v3/<process.platform>/<process.arch>
    ort: `${os === "alpine" ? "linux" : os}/${arch}`,
  };
}

/** .vscodeignore lines leaving out every other platform's binaries found under `dir`/node_modules. */
function otherPlatformRules(dir, target) {
  const { prebuild, ort } = platformNames(target);
  const modules = join(dir, "node_modules");
  const list = (d) => (existsSync(d) ? readdirSync(d) : []);
  const rules = [];
  for (const sqlite of SQLITE_MODULES) {
    for (const f of list(join(modules, `${sqlite}/prebuilds`))) {
      if (f !== `${prebuild}.node`) rules.push(`node_modules/${sqlite}/prebuilds/${f}`);
    }
  }
  const ortBin = join(modules, "onnxruntime-node/bin/napi-v3");
  for (const os of list(ortBin)) {
    for (const arch of list(join(ortBin, os))) {
      if (`${os}/${arch}` !== ort) rules.push(`node_modules/onnxruntime-node/bin/napi-v3/${os}/${arch}/**`);
    }
  }
  for (const name of list(join(modules, "@img"))) {
    if (name.startsWith("sharp-") && name !== `sharp-${prebuild}` && name !== `sharp-libvips-${prebuild}`) {
      rules.push(`node_modules/@img/${name}/**`);
    }
  }
  return rules;
}

/** The addons the extension loads on `target`: the .vsix must have each of them. */
function requiredAddons(target) {
  const { prebuild, ort } = platformNames(target);
  return [
    ...SQLITE_MODULES.map((sqlite) => `${sqlite}/prebuilds/${prebuild}.node`),
    "hnswlib-node/build/Release/addon.node",
    `onnxruntime-node/bin/napi-v3/${ort}/onnxruntime_binding.node`,
    `@img/sharp-${prebuild}/lib/sharp-${prebuild}.node`,
  ].map((p) => `extension/node_modules/${p}`);
}

function run(command, args, options = {}) {
  console.log(`package: ${command} ${args.join(" ")}`);
  const r = spawnSync(command, args, { stdio: "inherit", ...options });
  const what = command === process.execPath ? args[0] : command;
  if (r.status !== 0) fail(`${what} failed (${r.error?.message ?? `status ${r.status}`})`);
}

/**
 * Copies `from` to `to` as hard links (instant, no space) or, across file systems, as copies. The
 * staging copy only ever removes files and writes new ones, never writes through a link, so the
 * project's own files stay as they are.
 */
function linkTree(from, to, skip) {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (skip(src)) continue;
    if (e.isDirectory()) linkTree(src, dst, skip);
    else if (e.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else {
      try {
        linkSync(src, dst);
      } catch (err) {
        if (err.code !== "EXDEV") throw err;
        copyFileSync(src, dst);
      }
    }
  }
}

/** Node's headers for node-gyp: Node-API is stable across Node versions, so the running Node's do. */
function nodeHeaders() {
  return [
    resolve(process.execPath, "../.."),
    // The "node" devDependency keeps its headers in its platform package.
    join(root, `node_modules/node/node_modules/node-${process.platform}-${process.arch}`),
  ].find((d) => existsSync(join(d, "include/node/node_api.h")));
}

/** npm's own node-gyp (npm run sets npm_config_node_gyp to it), else the one next to the global npm. */
function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  const globalRoot = spawnSync("npm", ["root", "-g"], { encoding: "utf8" }).stdout?.trim();
  const gyp = globalRoot && join(globalRoot, "npm/node_modules/node-gyp/bin/node-gyp.js");
  if (!gyp || !existsSync(gyp)) fail("cannot find node-gyp (run through `npm run package`)");
  return gyp;
}

/** Installs `name` (an optional dependency npm left out here) into `modules` at the lockfile's version. */
function fetchLockedPackage(modules, name) {
  const locked = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")).packages[`node_modules/${name}`];
  if (!locked?.integrity) fail(`${name} is not in package-lock.json`);
  const tmp = mkdtempSync(join(tmpdir(), "semsearch-pack-"));
  try {
    run("npm", ["pack", `${name}@${locked.version}`, "--pack-destination", tmp, "--loglevel=error"], { stdio: ["ignore", "ignore", "inherit"] });
    const tarball = join(tmp, readdirSync(tmp).find((f) => f.endsWith(".tgz")));
    const [algorithm, expected] = locked.integrity.split("-");
    const actual = createHash(algorithm).update(readFileSync(tarball)).digest("base64");
    if (actual !== expected) fail(`${name}@${locked.version}: the tarball's ${algorithm} is not the lockfile's`);
    const dest = join(modules, name);
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    run("tar", ["-xzf", tarball, "-C", dest, "--strip-components=1"]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// Staging copies go inside node_modules (ignored by git, npm and vsce), so that hard links stay on
// one file system.
const stagingParent = join(root, "node_modules/.cache");

/** Fills `stage` with a copy of the project that has `target`'s binaries in its node_modules. */
function stageCrossTarget(stage, target, prefix) {
  const [, arch] = target.split("-");
  const skip = (src) => src === join(root, ".git") || src === stagingParent || src.endsWith(".vsix");
  linkTree(root, stage, skip);
  const modules = join(stage, "node_modules");
  // npm's cache of the tree would hide the packages added below from `npm list` (which vsce runs).
  rmSync(join(modules, ".package-lock.json"), { force: true });

  const hnsw = join(modules, "hnswlib-node");
  rmSync(join(hnsw, "build"), { recursive: true, force: true });
  const headers = nodeHeaders();
  run(process.execPath, [nodeGyp(), "rebuild", `--arch=${arch}`, ...(headers ? [`--nodedir=${headers}`] : [])], {
    cwd: hnsw,
    env: { ...process.env, CC: `${prefix}gcc`, CXX: `${prefix}g++`, LINK: `${prefix}g++`, AR: `${prefix}ar` },
  });

  const { prebuild } = platformNames(target);
  const sharp = JSON.parse(readFileSync(join(modules, "sharp/package.json"), "utf8"));
  for (const name of Object.keys(sharp.optionalDependencies ?? {})) {
    const wanted = name === `@img/sharp-${prebuild}` || name === `@img/sharp-libvips-${prebuild}`;
    if (wanted && !existsSync(join(modules, name))) fetchLockedPackage(modules, name);
  }
}

function packageTarget(target) {
  const out = join(root, `${pkg.name}-${pkg.version}-${target}.vsix`);
  const cross = target === host ? null : crossToolchain(target);
  if (cross?.why) fail(`cannot package ${target} here: ${cross.why}`);
  if (cross) mkdirSync(stagingParent, { recursive: true });
  const dir = cross ? mkdtempSync(join(stagingParent, `semsearch-package-${target}-`)) : root;
  const tmp = mkdtempSync(join(tmpdir(), "semsearch-vsce-"));
  try {
    if (cross) stageCrossTarget(dir, target, cross.prefix);
    const ignore = [
      readFileSync(join(root, ".vscodeignore"), "utf8"),
      `# added by client/scripts/package.mjs for target ${target}`,
      ...otherPlatformRules(dir, target),
      "# only the CLI's HTTP service uses these",
      ...cliOnlyPackages(root).map((p) => `${p}/**`),
    ];
    const ignoreFile = join(tmp, ".vscodeignore");
    writeFileSync(ignoreFile, ignore.join("\n") + "\n");
    const vsce = join(root, "node_modules/@vscode/vsce/vsce");
    rmSync(out, { force: true });
    run(process.execPath, [
      vsce, "package", "--out", out, "--target", target, "--ignoreFile", ignoreFile,
      // No repository or LICENSE file yet: without these flags vsce stops and asks.
      "--allow-missing-repository", "--skip-license",
    ], { cwd: dir });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    if (dir !== root) rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** Runs the native-addon check on a written .vsix; returns false (and says why) when it fails. */
function checkVsix(out, target) {
  const report = inspectVsix(out);
  const names = new Set(report.addons.map((a) => a.name));
  const problems = [
    ...(report.target === target ? [] : [`its manifest's target is ${report.target}, not ${target}`]),
    ...requiredAddons(target).filter((n) => !names.has(n)).map((n) => `${n} is missing`),
    ...report.problems,
  ];
  const mb = (statSync(out).size / 1024 / 1024).toFixed(1);
  console.log(`package: ${out} (${mb} MB, ${report.files} files, ${report.unpacked} bytes unpacked, target ${target})`);
  console.log(formatAddons(report.addons).join("\n"));
  for (const p of problems) console.error(`package: ${out}: ${p}`);
  if (problems.length) console.error(`package: ${out} fails the native-addon check; do not ship it.`);
  return problems.length === 0;
}

try {
  for (const f of ["dist/extension.js", "dist/server.js", "dist/embed-worker.js", "dist/engine-thread.js"]) {
    if (!existsSync(join(root, f))) fail(`${f} is missing; run \`npm run build\` first.`);
  }
  let ok = true;
  for (const target of parseTargets(process.argv.slice(2))) ok = checkVsix(packageTarget(target), target) && ok;
  process.exitCode = ok ? 0 : 1;
} catch (err) {
  console.error(`package: ${err.message}`);
  process.exitCode = 1;
}
