// Which SQLite opens a store. A plaintext store: better-sqlite3 (SQLite 3.54). An encrypted one:
// better-sqlite3-multiple-ciphers (SQLite3 Multiple Ciphers, the same API), whose SQLite is 3.53.4:
// there FTS5 contentless_delete tables do not undo a deleted row's statistics, so BM25 scores drift
// after re-indexing (test/unit/store-bm25.test.ts fails with it). One library for both waits for a
// multiple-ciphers release on SQLite >= 3.54. Each addon loads only when a store of its kind opens.
// A file is only ever opened by one of them in a process: two SQLite copies in one process do not
// see each other's POSIX locks.
import type Database from "better-sqlite3";

type DatabaseClass = typeof Database;

let plain: DatabaseClass | undefined;
let cipher: DatabaseClass | undefined;

export function sqliteFor(encrypted: boolean): DatabaseClass {
  if (encrypted) return (cipher ??= require("better-sqlite3-multiple-ciphers") as DatabaseClass);
  return (plain ??= require("better-sqlite3") as DatabaseClass);
}

export function openDatabase(path: string, options: Database.Options | undefined, encrypted: boolean): Database.Database {
  const Sqlite = sqliteFor(encrypted);
  return new Sqlite(path, options);
}
