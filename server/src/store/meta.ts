// The store's `meta` table: small facts about the store itself (its text mode, its owner's tag, how
// its vectors and keyword rows were made, the secret patterns it remembers), one text value a key.
// Some are read on every write and search, so the statements are prepared once per connection.
import type Database from "better-sqlite3";

interface MetaStatements {
  read: Database.Statement;
  write: Database.Statement;
  remove: Database.Statement;
}

const statements = new WeakMap<Database.Database, MetaStatements>();

function prepared(db: Database.Database): MetaStatements {
  let s = statements.get(db);
  if (!s) {
    s = {
      read: db.prepare("SELECT value FROM meta WHERE key = ?").pluck(),
      write: db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      remove: db.prepare("DELETE FROM meta WHERE key = ?"),
    };
    statements.set(db, s);
  }
  return s;
}

/** The value stored under `key`; undefined when there is none. */
export function metaValue(db: Database.Database, key: string): string | undefined {
  return prepared(db).read.get(key) as string | undefined;
}

export function setMetaValue(db: Database.Database, key: string, value: string): void {
  prepared(db).write.run(key, value);
}

export function deleteMetaValue(db: Database.Database, key: string): void {
  prepared(db).remove.run(key);
}
