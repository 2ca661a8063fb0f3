// `semsearch db encrypt|decrypt|rekey`: a store changes key (none -> key, key -> none, key -> key) as a
// whole file. The store is checkpointed, copied beside itself, the copy re-encrypted (PRAGMA rekey,
// SQLite3 Multiple Ciphers' way of encrypting, decrypting and changing the key), checked, fsynced and
// renamed over the original: a crash at any point leaves the old store or the new one, never half of
// each. (This SQLite build has no sqlcipher_export and no URI filenames for VACUUM INTO.) All of it
// runs under the store's writer lock, so no `semsearch index` or editor pass writes meanwhile.
import type Database from "better-sqlite3";
import { closeSync, copyFileSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { applyKey, changeKey, encryptedNoKey, fileIsEncrypted, isNotADatabase, keyFormatProblem, wrongKey, type DatabaseKey } from "./cipher";
import { openDatabase } from "./sqlite";
import { StoreError } from "./store";
import { withWriterLock } from "./writer-lock";

export type KeyChange = { to: "encrypted"; key: DatabaseKey } | { to: "plaintext"; key: DatabaseKey } | { to: "rekeyed"; key: DatabaseKey; newKey: DatabaseKey };

export interface ConvertResult {
  /** HNSW files removed (encrypting: they hold every vector in plaintext). */
  removed: string[];
}

/** Changes a store's key in place; a wrong key or a store in the wrong state changes nothing. */
export async function convertStore(dbPath: string, change: KeyChange, log?: (message: string) => void): Promise<ConvertResult> {
  for (const k of change.to === "rekeyed" ? [change.key, change.newKey] : [change.key]) {
    const problem = keyFormatProblem(k);
    if (problem) throw new StoreError(`${problem}.`);
  }
  return withWriterLock(dbPath, async () => convertLocked(dbPath, change), { log });
}

function convertLocked(dbPath: string, change: KeyChange): ConvertResult {
  const encrypted = fileIsEncrypted(dbPath);
  if (encrypted === undefined) throw new StoreError(`There is no index at ${dbPath}. Run semsearch index on the folder first.`);
  if (change.to === "encrypted" && encrypted) throw new StoreError(`The index ${dbPath} is already encrypted; to change its key, use semsearch db rekey.`);
  if (change.to !== "encrypted" && !encrypted) throw new StoreError(`The index ${dbPath} is not encrypted; to encrypt it, use semsearch db encrypt.`);
  const sourceKey = change.to === "encrypted" ? undefined : change.key;
  const userVersion = checkpoint(dbPath, sourceKey);

  const copy = join(dirname(dbPath), `.${basename(dbPath)}.${process.pid}.rekey`);
  try {
    copyFileSync(dbPath, copy);
    // SQLite3 Multiple Ciphers even for a plaintext source: it is the one that encrypts.
    const db: Database.Database = openDatabase(copy, undefined, true);
    try {
      if (sourceKey) applyKey(db, sourceKey);
      // Rekeying rewrites every page; SQLite3 Multiple Ciphers does that only outside WAL mode.
      db.pragma("journal_mode = DELETE");
      if (!sourceKey) {
        db.pragma("cipher = 'sqlcipher'");
        db.pragma("legacy = 4");
      }
      changeKey(db, change.to === "plaintext" ? "" : change.to === "rekeyed" ? change.newKey : change.key);
      db.pragma("journal_mode = WAL");
    } finally {
      db.close();
    }
    verify(copy, change.to === "plaintext" ? undefined : change.to === "rekeyed" ? change.newKey : change.key, userVersion);
    fsyncFile(copy);
    // The old store's WAL and shared memory were emptied by the checkpoint; left beside the new file they would be misread.
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
    renameSync(copy, dbPath);
    fsyncFile(dirname(dbPath));
  } finally {
    rmSync(copy, { force: true });
    rmSync(`${copy}-journal`, { force: true });
  }
  return { removed: change.to === "encrypted" ? removeHnswFiles(dbPath) : [] };
}

/** Moves everything in the WAL into the database file (so that a copy of the file is the whole store); returns user_version. */
function checkpoint(dbPath: string, key: DatabaseKey | undefined): number {
  const db = openDatabase(dbPath, { fileMustExist: true, timeout: 5000 }, key !== undefined);
  try {
    if (key) applyKey(db, key);
    let version: number;
    try {
      version = db.pragma("user_version", { simple: true }) as number;
    } catch (err) {
      if (key && isNotADatabase(err)) throw new StoreError(wrongKey(dbPath));
      if (!key && isNotADatabase(err)) throw new StoreError(encryptedNoKey(dbPath));
      throw err;
    }
    const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    if (result && result.busy) {
      throw new StoreError(`The index ${dbPath} is in use by another process (an editor window or semsearch serve): close it, then try again.`);
    }
    return version;
  } finally {
    db.close();
  }
}

/** The converted copy opens with its new key and holds the same schema version. */
function verify(path: string, key: DatabaseKey | undefined, userVersion: number): void {
  const db = openDatabase(path, { fileMustExist: true }, key !== undefined);
  try {
    if (key) applyKey(db, key);
    const version = db.pragma("user_version", { simple: true }) as number;
    const ok = db.pragma("quick_check", { simple: true });
    if (version !== userVersion || ok !== "ok") throw new StoreError(`The converted copy of the index did not check out (${ok}); the index was left as it was.`);
  } finally {
    db.close();
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The HNSW files (and sidecars) of every model beside the database: index.db -> index.<model>-<hash>.hnsw[.json]. */
function removeHnswFiles(dbPath: string): string[] {
  const dir = dirname(dbPath);
  const prefix = `${basename(dbPath, ".db")}.`;
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && /\.hnsw(\.json)?$/.test(name)) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
