// Types of native-addons.mjs, for the unit test (test/unit/vsix-native.test.ts) under `npm run typecheck`.

export interface ZipEntry {
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  read(): Buffer;
}

export interface BinaryPlatform {
  format: "elf" | "macho" | "pe";
  /** process.arch names ("x64", "arm64", ...); a universal Mach-O has several. */
  archs: string[];
  libc?: "glibc" | "musl";
}

export type AddonKind = { kind: "node-api" | "unknown"; abi?: undefined } | { kind: "abi"; abi?: number };

export interface VsixAddon {
  name: string;
  size: number;
  kind: AddonKind["kind"];
  abi?: number;
  platform: BinaryPlatform | null;
}

export interface VsixReport {
  target: string | undefined;
  files: number;
  unpacked: number;
  addons: VsixAddon[];
  problems: string[];
}

export function readZip(fileOrBuffer: string | Buffer): ZipEntry[];
export function addonKind(bytes: Uint8Array): AddonKind;
export function binaryPlatform(bytes: Uint8Array): BinaryPlatform | null;
export function describePlatform(platform: BinaryPlatform | null): string;
export function platformMismatch(platform: BinaryPlatform | null, target: string): string | null;
export function inspectVsix(fileOrBuffer: string | Buffer): VsixReport;
export function formatAddons(addons: VsixAddon[]): string[];
