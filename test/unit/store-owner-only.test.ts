// The index is its owner's alone: .semsearch is 0700 and the database 0600, also when an older
// semsearch left them open to others; a folder the user named that already existed is left alone.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Store } from "../../server/src/store/store";

const work = mkdtempSync(join(tmpdir(), "owner-only-"));
after(() => rmSync(work, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;

test("a new store: its .semsearch folder 0700, its database 0600", () => {
  const folder = join(work, "new", ".semsearch");
  Store.open(join(folder, "index.db")).close();
  assert.equal(mode(folder), 0o700);
  assert.equal(mode(join(folder, "index.db")), 0o600);
});

test("an existing .semsearch and database open to others are tightened", () => {
  const folder = join(work, "old", ".semsearch");
  mkdirSync(folder, { recursive: true, mode: 0o755 });
  chmodSync(folder, 0o755);
  Store.open(join(folder, "index.db")).close();
  chmodSync(join(folder, "index.db"), 0o644);
  Store.open(join(folder, "index.db")).close();
  assert.equal(mode(folder), 0o700);
  assert.equal(mode(join(folder, "index.db")), 0o600);
});

test("a folder the user named that already existed keeps its permissions", () => {
  const shared = join(work, "shared");
  mkdirSync(shared, { mode: 0o755 });
  chmodSync(shared, 0o755);
  writeFileSync(join(shared, "other-file.txt"), "not ours");
  Store.open(join(shared, "index.db")).close();
  assert.equal(mode(shared), 0o755);
  assert.equal(mode(join(shared, "index.db")), 0o600, "the database itself is still its owner's only");
});
