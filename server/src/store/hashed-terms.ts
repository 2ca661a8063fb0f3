// Keyword search without the words: a store that keeps no text (`--store-text none`, see
// stored-text.ts) still needs an FTS5 index, and an FTS5 index holds every word it is given. So it
// is given, for each word, a keyed hash: the word as FTS5 would index it (lower case, diacritics
// removed, Porter-stemmed) under an HMAC with the user's secret, cut to 12 hex characters. A query
// word goes through the same steps, so it meets the same token; BM25 sees the same term and
// document frequencies as it would with words, and only prefix matching is lost.
//
// What this does not hide: equal words give equal tokens, so the index still shows how often each
// (unknown) word occurs and which chunks share words. Without the secret, no token can be turned
// back into a word; with it (it sits in the user's config folder), guesses can be tested one word at
// a time. README's "What the index keeps" says so.
import { createHmac } from "node:crypto";
import { WORD } from "../search/identifiers";
import { userHmac, userSecret } from "../trust/user-secret";
import { porterStem } from "./porter-stem";

/** Hex characters of a hashed token: 48 bits, so that two words of one vocabulary all but never collide. */
const TOKEN_CHARS = 12;

/** A token no word hashes to (it is not 12 hex characters): what a term without a word becomes. */
const NO_WORD = "x";

let key: { secret: Buffer; subkey: Buffer } | undefined;
/** Hashes of words seen lately: a corpus repeats its vocabulary, and an HMAC per word is the cost here. */
let cache = new Map<string, string>();
const CACHE_LIMIT = 100_000;

/** The key word tokens are made with: derived from the user's secret, for this use only. */
function wordKey(): Buffer {
  const secret = userSecret();
  if (key?.secret !== secret) {
    key = { secret, subkey: userHmac("semsearch hashed keyword tokens v1") };
    cache = new Map();
  }
  return key.subkey;
}

/** A word as FTS5's `porter unicode61 remove_diacritics 2` indexes it: lower case, no diacritics, stemmed. */
export function normaliseWord(word: string): string {
  const folded = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
  return porterStem(folded);
}

/** The token a word is indexed and searched as. */
export function hashWord(word: string): string {
  const k = wordKey();
  const normal = normaliseWord(word);
  let token = cache.get(normal);
  if (token === undefined) {
    token = createHmac("sha256", k).update(normal, "utf8").digest("hex").slice(0, TOKEN_CHARS);
    if (cache.size >= CACHE_LIMIT) cache = new Map();
    cache.set(normal, token);
  }
  return token;
}

/** A text as the hashed index holds it: one token per word, in order (so phrases still match). */
export function hashedText(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) out.push(hashWord(m[0]));
  return out.join(" ");
}

/** A quoted FTS5 term ("word", or "two words" as a phrase) with its words hashed, quoted again. */
export function hashedTerm(quoted: string): string {
  const inner = quoted.startsWith('"') && quoted.endsWith('"') && quoted.length >= 2 ? quoted.slice(1, -1).replace(/""/g, '"') : quoted;
  return `"${hashedText(inner) || NO_WORD}"`;
}
