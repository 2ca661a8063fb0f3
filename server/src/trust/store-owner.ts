// Whose index is this? A database holds chunk text that search shows as a file's content, and
// vectors that rank it; one shipped in a repository (or left by another account) must not be taken
// for this user's. Each store gets a random id in its `meta` table and a tag: the HMAC of that id
// under this user's secret. Only this user's semsearch can make a tag that verifies.
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import type Database from "better-sqlite3";
import { metaValue, setMetaValue } from "../store/meta";
import { tagMatches, userHmac } from "./user-secret";

const STORE_ID = "store_id";
const OWNER_TAG = "owner_tag";

function expectedTag(storeId: string): Buffer {
  return userHmac("semsearch-store-owner", storeId);
}

/** True when the store carries a tag this user's secret made. */
export function ownedByThisUser(db: Database.Database): boolean {
  const id = metaValue(db, STORE_ID);
  return id !== undefined && tagMatches(metaValue(db, OWNER_TAG), expectedTag(id));
}

/** True when the store carries a tag at all (this user's or someone else's). */
export function hasOwnerTag(db: Database.Database): boolean {
  return metaValue(db, OWNER_TAG) !== undefined;
}

/** Gives the store a new id and this user's tag for it (inside the caller's write transaction). */
export function stampAsThisUsers(db: Database.Database): void {
  const id = randomBytes(16).toString("hex");
  setMetaValue(db, STORE_ID, id);
  setMetaValue(db, OWNER_TAG, expectedTag(id).toString("hex"));
}

/**
 * Whether an untagged store that predates tags (schema version 1-3) may simply be stamped as this
 * user's instead of having its contents dropped and re-embedded.
 *
 * Such a store was made by some semsearch before tags existed. If its file belongs to this uid it was
 * most likely made by this user's own semsearch on this machine (it is in the user's folder, written
 * by the user's processes), and re-embedding every user's whole index once on upgrade would cost
 * minutes to hours. A file owned by another uid was made by someone else: never stamped. The residual
 * risk, a crafted old-version database committed to a repository and cloned by this user (git makes
 * the clone's files this user's), is accepted: .semsearch folders carry a `*` .gitignore, so shipping
 * one takes a deliberate force-add, and any store written by a semsearch that has tags (version 4 on)
 * must carry a valid one; a missing tag there is never excused. On Windows, without uids, the same
 * reasoning stamps the store.
 */
export function mayStampLegacy(path: string): boolean {
  if (path === ":memory:") return true;
  const uid = process.getuid?.();
  if (uid === undefined) return true;
  const owner = statSync(path, { throwIfNoEntry: false })?.uid;
  return owner === uid;
}
