// The check `npm run package` runs on every .vsix it writes: each native addon (.node) in it must be a
// Node-API addon, and every native binary in it must be built for the .vsix's target platform.
//
// Why: the server runs on whatever Node the user's editor brings (Electron's in desktop VS Code, Node 24
// in code-server, or semanticSearch.server.runtime). An addon built against one Node ABI
// (NODE_MODULE_VERSION) loads only in that Node; a Node-API addon loads in all of them. And VS Code
// installs a platform-specific .vsix only on its target, so a binary for another platform in it is
// either dead weight or a crash at load time.
//
// Everything is read from the bytes (the zip, the ELF/Mach-O/PE headers, the symbol names), so the check
// needs no native tools and runs on any packaging machine. Also a CLI:
//   node client/scripts/native-addons.mjs <file.vsix>...
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { inflateRawSync } from "node:zlib";

/**
 * The entries of a zip (a .vsix is one): [{ name, size, read() }], size uncompressed. A small reader
 * of the central directory, enough for what vsce writes (stored or deflated entries, no zip64).
 */
export function readZip(fileOrBuffer) {
  const zip = typeof fileOrBuffer === "string" ? readFileSync(fileOrBuffer) : fileOrBuffer;
  // The end-of-central-directory record closes the file (followed only by an optional comment).
  const eocd = zip.lastIndexOf(Buffer.from("PK\x05\x06", "latin1"));
  if (eocd < 0) throw new Error("not a zip file (no end of central directory)");
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new Error("zip64 archives are not supported");
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`corrupt zip: central directory entry ${i}`);
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLength);
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const read = () => {
      // The local header's name and extra field need not be as long as the central directory's.
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + compressed);
      if (method === 0) return raw;
      if (method === 8) return inflateRawSync(raw);
      throw new Error(`${name}: unsupported zip compression method ${method}`);
    };
    entries.push({ name, size, read });
  }
  return entries;
}

/**
 * How an addon registers with Node, from its symbol names (in the dynamic string table of an ELF, the
 * symbol table of a Mach-O with a leading "_", the export table of a PE):
 * - "node-api": exports napi_register_module_v1 (NAPI_MODULE_INIT) or calls napi_module_register;
 * - "abi": exports node_register_module_v<NODE_MODULE_VERSION> (NODE_MODULE_INIT), or calls
 *   node_module_register (the older NODE_MODULE macro, whose ABI number is data, not a name);
 * - "unknown": neither, so not something this check can vouch for.
 */
export function addonKind(bytes) {
  const text = Buffer.from(bytes).toString("latin1");
  const abi = /node_register_module_v(\d+)/.exec(text);
  if (abi) return { kind: "abi", abi: Number(abi[1]) };
  if (text.includes("node_module_register")) return { kind: "abi" };
  if (text.includes("napi_register_module_v1") || text.includes("napi_module_register")) return { kind: "node-api" };
  return { kind: "unknown" };
}

const ELF_MACHINES = { 3: "ia32", 40: "arm", 62: "x64", 183: "arm64" };
const MACHO_CPUS = { 7: "ia32", 12: "arm", 0x01000007: "x64", 0x0100000c: "arm64" };
const PE_MACHINES = { 0x14c: "ia32", 0x1c4: "arm", 0x8664: "x64", 0xaa64: "arm64" };

/**
 * The platform a binary is built for, from its header: { format: "elf" | "macho" | "pe", archs,
 * libc? } with archs in Node's process.arch names (a universal Mach-O has several), or null when the
 * bytes are none of the three formats.
 */
export function binaryPlatform(bytes) {
  const b = Buffer.from(bytes);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    const machine = b[5] === 2 ? b.readUInt16BE(18) : b.readUInt16LE(18);
    // A musl build needs libc.musl-<arch>.so.1, a glibc build libc.so.6 (DT_NEEDED names).
    const libc = b.includes("libc.musl-") ? "musl" : b.includes("libc.so.6") ? "glibc" : undefined;
    return { format: "elf", archs: [ELF_MACHINES[machine] ?? `elf-machine-${machine}`], libc };
  }
  const magic = b.length >= 8 ? b.readUInt32LE(0) : 0;
  if (magic === 0xfeedfacf || magic === 0xfeedface) {
    const cpu = b.readUInt32LE(4);
    return { format: "macho", archs: [MACHO_CPUS[cpu] ?? `macho-cpu-${cpu}`] };
  }
  if (b.length >= 8 && b.readUInt32BE(0) === 0xcafebabe) {
    // A universal binary: a big-endian table of 20-byte entries, one per architecture slice.
    const n = b.readUInt32BE(4);
    const archs = [];
    for (let i = 0; i < n && 8 + 20 * i + 4 <= b.length; i++) {
      const cpu = b.readUInt32BE(8 + 20 * i);
      archs.push(MACHO_CPUS[cpu] ?? `macho-cpu-${cpu}`);
    }
    return { format: "macho", archs };
  }
  if (b.length >= 64 && b[0] === 0x4d && b[1] === 0x5a) {
    const pe = b.readUInt32LE(0x3c);
    if (pe + 6 <= b.length && b.readUInt32BE(pe) === 0x50450000) {
      const machine = b.readUInt16LE(pe + 4);
      return { format: "pe", archs: [PE_MACHINES[machine] ?? `pe-machine-0x${machine.toString(16)}`] };
    }
  }
  return null;
}

const FORMAT_NAMES = { elf: "ELF", macho: "Mach-O", pe: "PE" };
const TARGET_FORMATS = { linux: "elf", alpine: "elf", darwin: "macho", win32: "pe" };

/** "ELF arm64 (glibc)", "Mach-O x64+arm64", "not a native binary". */
export function describePlatform(platform) {
  if (!platform) return "not a native binary";
  return `${FORMAT_NAMES[platform.format]} ${platform.archs.join("+")}${platform.libc ? ` (${platform.libc})` : ""}`;
}

/** Why a binary does not run on a vsce target ("linux-x64", "alpine-arm64", ...), or null when it does. */
export function platformMismatch(platform, target) {
  const [os, targetArch] = target.split("-");
  const format = TARGET_FORMATS[os];
  if (!format || !targetArch) throw new Error(`unknown vsce target ${target}`);
  const arch = targetArch === "armhf" ? "arm" : targetArch;
  if (!platform || platform.format !== format || !platform.archs.includes(arch)) {
    return `${describePlatform(platform)}, not for ${target}`;
  }
  // Alpine is musl; the other Linux targets are glibc. Same machine code, different C library.
  if (os === "alpine" && platform.libc === "glibc") return `built for glibc, ${target} has musl`;
  if (os === "linux" && platform.libc === "musl") return `built for musl, ${target} has glibc`;
  return null;
}

// Shared libraries are checked for their platform too (libonnxruntime, libvips, ...), not for an ABI.
const NATIVE_FILE = /\.(node|dll|dylib|so(\.\d+)*)$/;

/**
 * Reads a .vsix and checks its native binaries against the target its manifest declares.
 * Returns { target, files, unpacked, addons: [{ name, size, kind, abi?, platform }], problems }:
 * files and unpacked bytes as `unzip -l` counts them; problems empty when the .vsix passes.
 */
export function inspectVsix(fileOrBuffer) {
  const entries = readZip(fileOrBuffer);
  const manifest = entries.find((e) => e.name === "extension.vsixmanifest");
  const target = manifest && /TargetPlatform="([^"]+)"/.exec(manifest.read().toString("utf8"))?.[1];
  const problems = [];
  // A .vsix without a target installs everywhere, which native binaries cannot.
  if (!target) problems.push("extension.vsixmanifest declares no TargetPlatform");
  const addons = [];
  let unpacked = 0;
  for (const entry of entries) {
    unpacked += entry.size;
    if (!NATIVE_FILE.test(entry.name)) continue;
    const bytes = entry.read();
    const platform = binaryPlatform(bytes);
    if (entry.name.endsWith(".node")) {
      const { kind, abi } = addonKind(bytes);
      addons.push({ name: entry.name, size: entry.size, kind, abi, platform });
      if (kind === "abi") {
        problems.push(`${entry.name}: bound to one Node ABI (NODE_MODULE_VERSION ${abi ?? "unknown"}), not Node-API`);
      } else if (kind === "unknown") {
        problems.push(`${entry.name}: not a recognisable Node addon (no Node-API or Node ABI registration)`);
      }
    }
    const mismatch = target && platformMismatch(platform, target);
    if (mismatch) problems.push(`${entry.name}: ${mismatch}`);
  }
  return { target, files: entries.length, unpacked, addons, problems };
}

/** One line per addon, for the package log. */
export function formatAddons(addons) {
  return addons.map((a) => {
    const kind = a.kind === "abi" ? `Node ABI ${a.abi ?? "?"}` : a.kind === "node-api" ? "Node-API" : "unrecognised";
    return `  ${a.name}  ${(a.size / 1024).toFixed(0)} KiB  ${describePlatform(a.platform)}  ${kind}`;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: node client/scripts/native-addons.mjs <file.vsix>...");
    process.exit(2);
  }
  let failed = false;
  for (const file of files) {
    const r = inspectVsix(file);
    console.log(`${file}: target ${r.target ?? "none"}, ${r.files} files, ${r.unpacked} bytes unpacked`);
    console.log(formatAddons(r.addons).join("\n"));
    for (const p of r.problems) console.error(`${file}: ${p}`);
    failed ||= r.problems.length > 0;
  }
  process.exit(failed ? 1 : 0);
}
