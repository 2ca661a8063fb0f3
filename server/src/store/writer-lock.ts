// One indexing pass per store at a time. Two passes at once (two `semsearch index` runs, two editor
// windows on one workspace) undo each other's work: a rebuild clears what the other just wrote, and
// each reports counts the other is still changing. SQLite serialises single writes, not whole passes,
// so a pass holds this lock file beside the database; the second pass waits, then finds little to do.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";

interface Holder {
  pid: number;
  host: string;
  token: string;
}

const POLL_MS = 100;

/** Runs `work` holding the store's writer lock, waiting (abortably) while another live process holds it. */
export async function withWriterLock<T>(
  dbPath: string,
  work: () => Promise<T>,
  opts: { signal?: AbortSignal; log?: (message: string) => void } = {},
): Promise<T> {
  if (dbPath === ":memory:") return work();
  const file = `${dbPath}.lock`;
  const me: Holder = { pid: process.pid, host: hostname(), token: randomBytes(8).toString("hex") };
  let told = false;
  for (;;) {
    opts.signal?.throwIfAborted();
    if (tryCreate(file, me)) break;
    const holder = readHolder(file);
    if (holder && isDead(holder)) {
      breakStale(file, holder);
      continue;
    }
    if (!told && holder) {
      opts.log?.(`Another semsearch (process ${holder.pid}) is indexing this folder; waiting for it to finish.`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    if (readHolder(file)?.token === me.token) rmSync(file, { force: true });
  }
}

function tryCreate(file: string, me: Holder): boolean {
  // Written whole to a private name, then linked into place: a reader never sees half a holder.
  const tmp = `${file}.${me.pid}.${me.token}`;
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, "utf8"));
    return typeof h?.pid === "number" && typeof h?.token === "string" ? h : undefined;
  } catch {
    return undefined;
  }
}

/** A holder on this machine whose process is gone (it crashed or was killed mid-pass). */
function isDead(h: Holder): boolean {
  if (h.host !== hostname()) return false;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Moves a dead holder's lock aside. Should another process have replaced it meanwhile (it broke the
 * same stale lock first), what was moved is theirs: it is put back unless a newer lock is in place.
 */
function breakStale(file: string, dead: Holder): void {
  const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  const moved = readHolder(aside);
  if (moved && moved.token !== dead.token) {
    try {
      linkSync(aside, file);
    } catch {
      // A newer lock is in place: theirs stands.
    }
  }
  rmSync(aside, { force: true });
}
