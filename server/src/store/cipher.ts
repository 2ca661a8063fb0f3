// Encryption at rest. The database is SQLCipher 4 (AES-256, through better-sqlite3-multiple-ciphers'
// "sqlcipher" cipher with its legacy=4 defaults), so the file opens in the sqlcipher tool too. WAL
// pages are encrypted like the database's own. The HNSW file would hold every vector in plaintext,
// and vectors can be turned back into text: an encrypted store never persists it (see hnsw-index.ts).
import type Database from "better-sqlite3";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** A passphrase, or a raw 256-bit key written x'<64 hex digits>' (SQLCipher's raw key syntax). */
export type DatabaseKey = string;

const SQLITE_HEADER = "SQLite format 3\0";
const RAW_KEY = /^x'([0-9a-fA-F]{64}|[0-9a-fA-F]{96})'$/;

/** Why a key cannot be used, or undefined. */
export function keyFormatProblem(key: string): string | undefined {
  if (key.length === 0) return "the database key is empty";
  if (/^x'/i.test(key) && !RAW_KEY.test(key)) return "a raw database key is written x'<64 hex digits>'";
  return undefined;
}

/** Keys a connection before its first read: SQLCipher 4 defaults, so the sqlcipher tool opens the file. */
export function applyKey(db: Database.Database, key: DatabaseKey): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma("legacy = 4");
  db.pragma(`key = ${sqlString(key)}`);
}

/** Re-encrypts an open (keyed) database under a new key. */
export function changeKey(db: Database.Database, key: DatabaseKey): void {
  db.pragma(`rekey = ${sqlString(key)}`);
}

export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * Whether the file on disk is encrypted: a plain SQLite file starts with its header in clear; an
 * SQLCipher one starts with a random salt, and is whole pages long. undefined: no file, or an empty
 * one (a new store). Called before this process opens the store: closing a descriptor of a file drops
 * every POSIX lock the process holds on it, SQLite's included.
 */
export function fileIsEncrypted(path: string): boolean | undefined {
  if (path === ":memory:") return undefined;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n === 0) return undefined;
    if (head.toString("latin1", 0, n) === SQLITE_HEADER.slice(0, n)) return false;
    // SQLCipher writes whole pages (512 to 65536 bytes). Anything else is no database at all, and is
    // left to SQLite to say so ("not a semsearch database"), not taken for an encrypted store.
    return fstatSync(fd).size % 512 === 0;
  } finally {
    closeSync(fd);
  }
}

export const KEY_SOURCES = "give its key with SEMSEARCH_DB_KEY or --key-file FILE (in VS Code: the setting semanticSearch.encryptIndex)";

export function encryptedNoKey(path: string): string {
  return `The index ${path} is encrypted: ${KEY_SOURCES}.`;
}

export function wrongKey(path: string): string {
  return `Wrong key for the encrypted index ${path}: the key given does not open it. Give the key it was encrypted with (SEMSEARCH_DB_KEY or --key-file).`;
}

export function plainButEncryptAsked(path: string): string {
  return `The index ${path} is not encrypted, but encryption was asked for: run \`semsearch db encrypt --db ${path}\` (with the key) to encrypt it in place, or leave out --encrypt.`;
}

/** SQLCipher reports a wrong key as "file is not a database" at the first read. */
export function isNotADatabase(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? "";
  return code === "SQLITE_NOTADB" || /not a database/i.test((err as Error).message ?? "");
}
