// Hybrid encryption of one file, as the seed's banking section describes: a fresh random AES-256
// key encrypts the bytes (GCM, so tampering is detected), and RSA-OAEP with SHA-256 wraps that key
// for the holder of the private key. The file's name is bound in as associated data, so two
// encrypted files cannot be swapped for each other unnoticed.
import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes, type KeyObject } from "node:crypto";

export interface SealedFile {
  /** The AES key, RSA-OAEP-SHA256-wrapped, base64. */
  wrappedKey: string;
  /** GCM nonce, base64 (12 bytes). */
  iv: string;
  /** GCM authentication tag, base64 (16 bytes). */
  tag: string;
}

export class DecryptionError extends Error {}

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" } as const;

export function seal(plain: Buffer, name: string, publicKey: KeyObject): { sealed: SealedFile; ciphertext: Buffer } {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  try {
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(name, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    const wrappedKey = publicEncrypt({ key: publicKey, ...OAEP }, key);
    return { sealed: { wrappedKey: wrappedKey.toString("base64"), iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64") }, ciphertext };
  } finally {
    key.fill(0);
  }
}

/** Decrypts into memory only; the unwrapped AES key is zeroed before this returns, whatever happens. */
export function open(ciphertext: Buffer, sealed: SealedFile, name: string, privateKey: KeyObject): Buffer {
  let key: Buffer;
  try {
    key = privateDecrypt({ key: privateKey, ...OAEP }, Buffer.from(sealed.wrappedKey, "base64"));
  } catch {
    throw new DecryptionError(`cannot unwrap the key of ${name}: the private key does not match the public key it was encrypted for`);
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64"));
    decipher.setAAD(Buffer.from(name, "utf8"));
    decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new DecryptionError(`${name} does not decrypt: it was altered, truncated or swapped with another file`);
  } finally {
    key.fill(0);
  }
}
