// A model folder encrypted file by file (`semsearch model encrypt`): each file becomes <name>.enc,
// sealed under its own random key (hybrid-encryption.ts), and a manifest records every file's
// wrapped key, nonce, tag and plaintext SHA-256. Decryption happens in memory only: the loader
// serves the decrypted bytes to the model runtime, and nothing in plaintext touches the disk.
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { DecryptionError, open, seal, type SealedFile } from "./hybrid-encryption";

export const MANIFEST = "semsearch-encrypted.json";
const FORMAT = 1;

interface ManifestEntry extends SealedFile {
  /** Path inside the model folder, "/"-separated. */
  path: string;
  bytes: number;
  sha256: string;
}

interface Manifest {
  format: number;
  algorithm: string;
  files: ManifestEntry[];
}

export function isEncryptedModelFolder(dir: string): boolean {
  return existsSync(join(dir, MANIFEST));
}

export function readPublicKey(file: string): KeyObject {
  // A private key file works too: its public half is derived from it.
  return checkedRsa(() => createPublicKey(readFileSync(file)), file, "public");
}

export function readPrivateKey(file: string): KeyObject {
  return checkedRsa(() => createPrivateKey(readFileSync(file)), file, "private");
}

function checkedRsa(read: () => KeyObject, file: string, kind: string): KeyObject {
  let key: KeyObject;
  try {
    key = read();
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not a PEM or DER key";
    throw new DecryptionError(`cannot read the ${kind} key ${file}: ${why}. Make a key pair with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out priv.pem && openssl pkey -in priv.pem -pubout -out pub.pem`);
  }
  if (key.asymmetricKeyType !== "rsa" || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new DecryptionError(`${file} is not an RSA key of at least 2048 bits; model files are wrapped with RSA-OAEP-SHA256.`);
  }
  return key;
}

/** Encrypts every regular file of `source` into `target` (which must not exist yet or be empty). */
export function encryptModelFolder(source: string, target: string, publicKey: KeyObject): { files: number; bytes: number } {
  const src = resolve(source);
  const out = resolve(target);
  if (!existsSync(src) || !lstatSync(src).isDirectory()) throw new DecryptionError(`${source} is not a model folder`);
  if (isEncryptedModelFolder(src)) throw new DecryptionError(`${source} is already encrypted`);
  if (out === src || out.startsWith(src + sep)) throw new DecryptionError(`the output folder must be outside ${source}`);
  if (existsSync(out) && readdirSync(out).length > 0) throw new DecryptionError(`${target} is not empty; choose a new folder`);
  const files: ManifestEntry[] = [];
  let bytes = 0;
  for (const path of regularFiles(src)) {
    const plain = readFileSync(join(src, path));
    const { sealed, ciphertext } = seal(plain, path, publicKey);
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, `${path}.enc`), ciphertext);
    files.push({ path, bytes: plain.length, sha256: sha256(plain), ...sealed });
    bytes += plain.length;
  }
  const manifest: Manifest = { format: FORMAT, algorithm: "AES-256-GCM per file; key wrapped with RSA-OAEP-SHA256", files };
  writeFileSync(join(out, MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
  return { files: files.length, bytes };
}

/** Every file of an encrypted folder, decrypted into memory and checked against its recorded hash. */
export function decryptModelFolder(dir: string, privateKey: KeyObject): Map<string, Buffer> {
  const manifest = readManifest(dir);
  const files = new Map<string, Buffer>();
  for (const entry of manifest.files) {
    const encrypted = join(dir, `${entry.path}.enc`);
    if (!existsSync(encrypted)) throw new DecryptionError(`${encrypted} is missing; the encrypted model is incomplete`);
    const plain = open(readFileSync(encrypted), entry, entry.path, privateKey);
    if (sha256(plain) !== entry.sha256) throw new DecryptionError(`${entry.path} decrypted to different bytes than were encrypted`);
    files.set(entry.path, plain);
  }
  return files;
}

/** `semsearch model decrypt`: the one place plaintext is written, and only where the user asks. */
export function writeDecryptedFolder(dir: string, target: string, privateKey: KeyObject): { files: number; bytes: number } {
  const out = resolve(target);
  if (existsSync(out) && readdirSync(out).length > 0) throw new DecryptionError(`${target} is not empty; choose a new folder`);
  const files = decryptModelFolder(dir, privateKey);
  let bytes = 0;
  for (const [path, plain] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), plain);
    bytes += plain.length;
    plain.fill(0);
  }
  return { files: files.size, bytes };
}

function readManifest(dir: string): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8"));
  } catch {
    throw new DecryptionError(`${join(dir, MANIFEST)} is missing or not JSON; ${dir} is not an encrypted model folder`);
  }
  if (manifest.format !== FORMAT || !Array.isArray(manifest.files)) throw new DecryptionError(`${join(dir, MANIFEST)} has an unknown format`);
  for (const entry of manifest.files) {
    // A manifest names files inside its folder only.
    if (typeof entry.path !== "string" || entry.path.split("/").some((part) => part === ".." || part === "") || entry.path.startsWith("/")) {
      throw new DecryptionError(`${join(dir, MANIFEST)} names a file outside its folder`);
    }
  }
  return manifest;
}

function regularFiles(root: string, under = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, under), { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...regularFiles(root, path));
    else if (entry.isFile()) found.push(path);
  }
  return found.sort();
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
