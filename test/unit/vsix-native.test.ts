// The native-addon check of client/scripts/native-addons.mjs, which `npm run package` runs on every
// .vsix: addons must be Node-API (not bound to one Node ABI) and built for the .vsix's target.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import {
  addonKind, binaryPlatform, inspectVsix, platformMismatch, readZip,
} from "../../client/scripts/native-addons.mjs";

const root = join(import.meta.dirname ?? __dirname, "../..");
const modules = join(root, "node_modules");

// This machine's vsce target, as client/scripts/package.mjs computes it, and the names the modules'
// loaders give it.
const report = process.report?.getReport?.() as { header?: { glibcVersionRuntime?: string } } | undefined;
const musl = process.platform === "linux" && !report?.header?.glibcVersionRuntime;
const host = `${musl ? "alpine" : process.platform}-${process.arch}`;
const prebuildName = `${musl ? "linuxmusl" : process.platform}-${process.arch}`;
const otherArch = process.arch === "arm64" ? "x64" : "arm64";

const installed = {
  sqlite: join(modules, `better-sqlite3/prebuilds/${prebuildName}.node`),
  sqliteOtherArch: join(modules, `better-sqlite3/prebuilds/${musl ? "linuxmusl" : process.platform}-${otherArch}.node`),
  hnsw: join(modules, "hnswlib-node/build/Release/addon.node"),
  ort: join(modules, `onnxruntime-node/bin/napi-v3/${process.platform}/${process.arch}/onnxruntime_binding.node`),
};

/**
 * A minimal zip writer: `files` (name -> content) stored as they are, or deflated (as vsce does),
 * so that both of the reader's paths are exercised.
 */
function zip(files: Record<string, Buffer | string>, deflate = false): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const body = deflate ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(deflate ? 8 : 0, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, body);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The part of extension.vsixmanifest the check reads. */
const manifest = (target: string) =>
  `<?xml version="1.0" encoding="utf-8"?><PackageManifest><Metadata><Identity Id="semantic-search" Version="0.1.0" Publisher="semsearch" TargetPlatform="${target}"/></Metadata></PackageManifest>`;

/** A 64-bit little-endian ELF header for `machine` (62 = x86-64, 183 = aarch64) followed by `strings`. */
function elf(machine: number, ...strings: string[]): Buffer {
  const header = Buffer.alloc(64);
  header.write("\x7fELF", 0, "latin1");
  header[4] = 2; // 64-bit
  header[5] = 1; // little-endian
  header.writeUInt16LE(3, 16); // a shared object
  header.writeUInt16LE(machine, 18);
  return Buffer.concat([header, Buffer.from(strings.map((s) => `${s}\0`).join(""), "latin1")]);
}
const HOST_ELF_MACHINE = process.arch === "arm64" ? 183 : 62;

/** A 64-bit Mach-O header for `cpu` (0x01000007 = x86_64, 0x0100000c = arm64) followed by `strings`. */
function macho(cpu: number, ...strings: string[]): Buffer {
  const header = Buffer.alloc(32);
  header.writeUInt32LE(0xfeedfacf, 0);
  header.writeUInt32LE(cpu, 4);
  return Buffer.concat([header, Buffer.from(strings.map((s) => `${s}\0`).join(""), "latin1")]);
}

function withTempDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "vsix-native-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the installed native addons are Node-API addons built for this machine", () => {
  for (const file of [installed.sqlite, installed.hnsw, installed.ort]) {
    assert.ok(existsSync(file), `${file} is installed`);
    const bytes = readFileSync(file);
    assert.deepEqual(addonKind(bytes), { kind: "node-api" }, file);
    const platform = binaryPlatform(bytes);
    assert.ok(platform, `${file} has a known header`);
    assert.deepEqual(platform.archs, [process.arch], file);
    assert.equal(platformMismatch(platform, host), null, file);
    assert.match(platformMismatch(platform, `${host.split("-")[0]}-${otherArch}`) ?? "", /not for/, file);
  }
});

test("each of better-sqlite3's prebuilds is Node-API and built for the platform it is named after", () => {
  const dir = join(modules, "better-sqlite3/prebuilds");
  const names = readdirSync(dir).filter((f) => f.endsWith(".node"));
  assert.ok(names.length >= 8, `${names.length} prebuilds`);
  const formats = new Set<string>();
  for (const name of names) {
    const bytes = readFileSync(join(dir, name));
    const [os, arch] = name.replace(/\.node$/, "").replace("linuxmusl", "alpine").split("-");
    const platform = binaryPlatform(bytes);
    formats.add(platform?.format ?? "none");
    assert.deepEqual(addonKind(bytes), { kind: "node-api" }, name);
    assert.equal(platformMismatch(platform, `${os}-${arch}`), null, name);
    assert.notEqual(platformMismatch(platform, `${os}-${arch === "x64" ? "arm64" : "x64"}`), null, name);
    // Same machine code, other C library: a linux prebuild is not for alpine and the other way round.
    if (os === "linux") assert.match(platformMismatch(platform, `alpine-${arch}`) ?? "", /glibc/, name);
    if (os === "alpine") assert.match(platformMismatch(platform, `linux-${arch}`) ?? "", /musl/, name);
  }
  // The real ELF, Mach-O and PE headers are all read.
  assert.deepEqual([...formats].sort(), ["elf", "macho", "pe"]);
});

test("an addon bound to one Node ABI is told apart from a Node-API one", () => {
  assert.deepEqual(addonKind(elf(62, "node_register_module_v115", "napi_create_object")), { kind: "abi", abi: 115 });
  assert.deepEqual(addonKind(macho(0x0100000c, "_node_register_module_v127")), { kind: "abi", abi: 127 });
  // The older NODE_MODULE macro registers from a static constructor; the ABI number is data.
  assert.deepEqual(addonKind(elf(62, "node_module_register")), { kind: "abi" });
  assert.deepEqual(addonKind(elf(62, "napi_register_module_v1")), { kind: "node-api" });
  assert.deepEqual(addonKind(elf(62, "napi_module_register")), { kind: "node-api" });
  assert.deepEqual(addonKind(elf(62, "sqlite3_open")), { kind: "unknown" });
});

test("binary headers give the format and architecture", () => {
  assert.deepEqual(binaryPlatform(elf(183, "libc.so.6")), { format: "elf", archs: ["arm64"], libc: "glibc" });
  assert.deepEqual(binaryPlatform(elf(62, "libc.musl-x86_64.so.1")), { format: "elf", archs: ["x64"], libc: "musl" });
  assert.deepEqual(binaryPlatform(macho(0x01000007)), { format: "macho", archs: ["x64"] });
  const fat = Buffer.alloc(48);
  fat.writeUInt32BE(0xcafebabe, 0);
  fat.writeUInt32BE(2, 4);
  fat.writeUInt32BE(0x01000007, 8);
  fat.writeUInt32BE(0x0100000c, 28);
  assert.deepEqual(binaryPlatform(fat), { format: "macho", archs: ["x64", "arm64"] });
  assert.equal(platformMismatch(binaryPlatform(fat), "darwin-arm64"), null);
  const pe = Buffer.alloc(128);
  pe.write("MZ", 0, "latin1");
  pe.writeUInt32LE(64, 0x3c);
  pe.write("PE\0\0", 64, "latin1");
  pe.writeUInt16LE(0xaa64, 68);
  assert.deepEqual(binaryPlatform(pe), { format: "pe", archs: ["arm64"] });
  assert.equal(binaryPlatform(Buffer.from("#!/bin/sh\necho not a binary\n")), null);
  assert.match(platformMismatch(binaryPlatform(pe), "linux-arm64") ?? "", /PE arm64, not for linux-arm64/);
});

test("the zip reader reads stored and deflated entries", () => {
  const files = { "a.txt": "hello ".repeat(100), "dir/b.bin": Buffer.from([0, 1, 2, 255]) };
  for (const deflate of [false, true]) {
    const entries = readZip(zip(files, deflate));
    assert.deepEqual(entries.map((e) => e.name), ["a.txt", "dir/b.bin"]);
    assert.deepEqual(entries.map((e) => e.size), [600, 4]);
    assert.equal(entries[0].read().toString(), files["a.txt"]);
    assert.deepEqual([...entries[1].read()], [0, 1, 2, 255]);
  }
  assert.throws(() => readZip(Buffer.from("not a zip")), /not a zip/);
});

/** A .vsix-like zip for this machine's target with the real installed addons. */
function cleanVsix(extra: Record<string, Buffer> = {}): Record<string, Buffer | string> {
  return {
    "extension.vsixmanifest": manifest(host),
    "extension/package.json": "{}",
    "extension/node_modules/better-sqlite3/prebuilds/x.node": readFileSync(installed.sqlite),
    "extension/node_modules/hnswlib-node/build/Release/addon.node": readFileSync(installed.hnsw),
    "extension/node_modules/onnxruntime-node/bin/napi-v3/binding.node": readFileSync(installed.ort),
    ...extra,
  };
}

test("a .vsix with Node-API addons for its target passes", () => {
  const files = cleanVsix();
  const r = inspectVsix(zip(files, true));
  assert.equal(r.target, host);
  assert.deepEqual(r.problems, []);
  assert.equal(r.files, Object.keys(files).length);
  assert.equal(r.unpacked, Object.values(files).reduce((n, c) => n + Buffer.byteLength(c), 0));
  assert.deepEqual(r.addons.map((a) => [a.name.split("/").pop(), a.kind]), [["x.node", "node-api"], ["addon.node", "node-api"], ["binding.node", "node-api"]]);
});

test("a .vsix with an ABI-bound addon fails, naming the file and the ABI", () => {
  const bad = "extension/node_modules/old-sqlite/build/Release/old.node";
  const r = inspectVsix(zip(cleanVsix({ [bad]: elf(HOST_ELF_MACHINE, "libc.so.6", "node_register_module_v115") })));
  assert.equal(r.problems.length, 1, r.problems.join("\n"));
  assert.match(r.problems[0], new RegExp(`^${bad}: bound to one Node ABI \\(NODE_MODULE_VERSION 115\\)`));
});

test("a .vsix with an unrecognisable .node fails", () => {
  const bad = "extension/node_modules/x/x.node";
  const r = inspectVsix(zip(cleanVsix({ [bad]: elf(HOST_ELF_MACHINE, "libc.so.6") })));
  assert.deepEqual(r.problems.map((p) => p.split(":")[0]), [bad]);
  assert.match(r.problems[0], /not a recognisable Node addon/);
});

test("a .vsix with a binary for another architecture or OS fails", () => {
  const wrongArch = "extension/node_modules/better-sqlite3/prebuilds/other-arch.node";
  const wrongOs = "extension/node_modules/y/lib/libthing.dylib";
  const r = inspectVsix(zip(cleanVsix({
    [wrongArch]: readFileSync(installed.sqliteOtherArch),
    [wrongOs]: macho(process.arch === "arm64" ? 0x0100000c : 0x01000007),
  })));
  assert.deepEqual(r.problems.map((p) => p.split(":")[0]).sort(), [wrongArch, wrongOs].sort());
  assert.ok(r.problems.every((p) => p.endsWith(`not for ${host}`)), r.problems.join("\n"));
  // The same arm64 prebuild is right in a .vsix for its own target.
  const own = inspectVsix(zip({
    "extension.vsixmanifest": manifest(`${host.split("-")[0]}-${otherArch}`),
    [wrongArch]: readFileSync(installed.sqliteOtherArch),
  }));
  assert.deepEqual(own.problems, []);
});

test("a .vsix without a target platform fails", () => {
  const r = inspectVsix(zip({ "extension.vsixmanifest": "<PackageManifest/>", "extension/a.node": readFileSync(installed.hnsw) }));
  assert.deepEqual(r.problems, ["extension.vsixmanifest declares no TargetPlatform"]);
});

test("the CLI exits non-zero and names the .vsix and the addon when the check fails", () => {
  withTempDir((dir) => {
    const good = join(dir, "good.vsix");
    const bad = join(dir, "bad.vsix");
    writeFileSync(good, zip(cleanVsix(), true));
    writeFileSync(bad, zip(cleanVsix({ "extension/abi.node": elf(HOST_ELF_MACHINE, "node_register_module_v127") }), true));
    const cli = join(root, "client/scripts/native-addons.mjs");
    const ok = spawnSync(process.execPath, [cli, good], { encoding: "utf8" });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /hnswlib-node\/build\/Release\/addon\.node .* Node-API/);
    const failed = spawnSync(process.execPath, [cli, bad], { encoding: "utf8" });
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /bad\.vsix: extension\/abi\.node: bound to one Node ABI \(NODE_MODULE_VERSION 127\)/);
  });
});
