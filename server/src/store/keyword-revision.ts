// What the keyword index holds for a chunk (search/lexical.ts lexicalFields) changes now and then,
// while a store's rows stay as they were written. A store records which way its rows were made
// (`meta`), and a store opened for writing that was made an older way has its rows rewritten once,
// from the chunks' stored text: no file is read again and no vector is made again.
//
//   1  the chunk's text, its identifiers' parts, and its names (symbol, heading, path)
//   2  in code, also the words its abbreviations stand for (search/abbreviations.ts)
import type Database from "better-sqlite3";
import { FTS_TABLE, FtsWriter } from "./fts";
import { metaValue, setMetaValue } from "./meta";
import { storedTextMode } from "./stored-text";

export const KEYWORD_REVISION = 2;

const KEY = "keywords.revision";

/** Only code chunks' rows differ between revision 1 and 2. */
const CHANGED_SINCE_1 = `json_extract(metadata, '$.kind') = 'code'`;

/** The revision a store's keyword rows were made with; a store from before revisions were recorded is 1. */
export function keywordRevision(db: Database.Database): number {
  const value = metaValue(db, KEY);
  return value === undefined ? 1 : Number(value);
}

/**
 * Brings the keyword rows of a writable store up to KEYWORD_REVISION, in one transaction (a crash
 * leaves the old rows, which still work). A store that keeps no text has no text to rewrite them
 * from: its rows are renewed file by file as the files change, and the log says so once.
 */
export function refreshKeywordRows(db: Database.Database, log?: (message: string) => void): void {
  if (keywordRevision(db) >= KEYWORD_REVISION) return;
  db.transaction(() => {
    // Another process may have done it while this one waited for the lock.
    if (keywordRevision(db) >= KEYWORD_REVISION) return;
    const count = db.prepare(`SELECT count(*) FROM chunks WHERE ${CHANGED_SINCE_1}`).pluck().get() as number;
    if (count && storedTextMode(db) === "none") {
      log?.(
        `This index keeps no text, so the keyword entries of its ${codeChunks(count)} cannot be rewritten from it: ` +
          `they gain the words their abbreviations stand for (cmp: compare) as their files change, or at once with semsearch index --rebuild.`,
      );
    } else if (count) {
      // A page at a time: a large index's texts are not all held in memory at once.
      const page = db.prepare(`SELECT id, path, text, metadata FROM chunks WHERE id > ? AND ${CHANGED_SINCE_1} ORDER BY id LIMIT 500`);
      const remove = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid = ?`);
      const writer = new FtsWriter(db);
      for (let last = 0; ; ) {
        const rows = page.all(last) as { id: number; path: string; text: string; metadata: string }[];
        if (!rows.length) break;
        for (const r of rows) {
          remove.run(r.id);
          writer.add(r.id, r.path, r.text, JSON.parse(r.metadata));
        }
        last = rows[rows.length - 1].id;
      }
      log?.(`Rewrote the keyword entries of ${codeChunks(count)} once: they now also hold the words their abbreviations stand for (cmp: compare).`);
    }
    setMetaValue(db, KEY, String(KEYWORD_REVISION));
  }).immediate();
}

const codeChunks = (n: number) => `${n} code chunk${n === 1 ? "" : "s"}`;
