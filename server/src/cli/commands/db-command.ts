// `semsearch db encrypt|decrypt|rekey`: encryption at rest for a store that already exists (see
// store/convert.ts for how the file is swapped, store/cipher.ts for the format).
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { defaultDbPath } from "../../engine/options";
import { convertStore, type KeyChange } from "../../store/convert";
import { parseOptions, UsageError } from "../args";
import { DB_KEY_OPTIONS, dbKeyFrom, KEY_ENV, readKeyFile } from "../db-key";
import { usage } from "./index-command";

export const NEW_KEY_ENV = "SEMSEARCH_NEW_DB_KEY";

export const DB_USAGE =
  `semsearch db encrypt|decrypt|rekey [DIR | --db FILE] [--key-file FILE] [--new-key-file FILE]   ` +
  `encrypt a store in place (key: ${KEY_ENV} or --key-file), decrypt it, or change its key (new key: ${NEW_KEY_ENV} or --new-key-file)`;

export async function dbCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    db: { type: "string" },
    "new-key-file": { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
    ...DB_KEY_OPTIONS,
  });
  if (values.help) return usage(DB_USAGE);
  const [action, dir, ...extra] = positionals;
  if (action !== "encrypt" && action !== "decrypt" && action !== "rekey") throw new UsageError(`db takes encrypt, decrypt or rekey.\nusage: ${DB_USAGE}`);
  if (extra.length || (dir !== undefined && values.db !== undefined)) throw new UsageError(`db ${action} takes one folder or --db FILE.\nusage: ${DB_USAGE}`);
  const dbPath = values.db !== undefined ? resolve(values.db) : storeOf(resolve(dir ?? "."));
  const { databaseKey } = dbKeyFrom(values);
  if (databaseKey === undefined) {
    const what = action === "encrypt" ? "the key to encrypt with" : "the store's key";
    throw new UsageError(`db ${action} needs ${what}: set ${KEY_ENV} (a passphrase, or x'<64 hex digits>') or give --key-file FILE.`);
  }
  let change: KeyChange;
  if (action === "rekey") {
    const newKeyFile = values["new-key-file"];
    const newKey = newKeyFile !== undefined ? readKeyFile(newKeyFile) : process.env[NEW_KEY_ENV] || undefined;
    if (newKey === undefined) throw new UsageError(`db rekey needs the new key: set ${NEW_KEY_ENV} or give --new-key-file FILE.`);
    change = { to: "rekeyed", key: databaseKey, newKey };
  } else {
    change = action === "encrypt" ? { to: "encrypted", key: databaseKey } : { to: "plaintext", key: databaseKey };
  }
  const { removed } = await convertStore(dbPath, change, (m) => process.stderr.write(`semsearch: ${m}\n`));
  const done = { encrypted: "encrypted", plaintext: "decrypted", rekeyed: "re-keyed" }[change.to];
  if (values.json) process.stdout.write(JSON.stringify({ db: dbPath, action: done, removed }) + "\n");
  else {
    process.stdout.write(`${dbPath}: ${done}.\n`);
    if (removed.length) process.stdout.write(`Removed the plaintext HNSW files ${removed.join(", ")}: an encrypted store keeps its graph in memory only.\n`);
  }
  return 0;
}

/** A folder's store (<dir>/.semsearch/index.db), or the file itself when DIR names a database. */
function storeOf(path: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${path} does not exist.`);
  return stat.isDirectory() ? defaultDbPath(path) : path;
}
