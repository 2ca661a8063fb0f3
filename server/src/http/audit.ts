// The audit trail: one JSON line per request, each line carrying the SHA-256 of the line before it, so
// that editing, deleting or reordering lines breaks the chain and `semsearch audit verify` says where.
//
// What the chain does not do: it has no secret, so someone who can write the file can also rewrite
// every line after the one they change, cut lines off the end, or append well-chained lines. To catch
// that, keep the head hash (verifyAuditFile's `head`) somewhere they cannot write, or ship the lines to
// append-only storage as they are written.
//
// Line format: {"time": ISO-8601, ...AuditRecord, "prev": sha256 hex}\n, where `prev` is the hash of the
// previous line's bytes without its newline, or 64 zeros on the first line.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";

export interface AuditRecord {
  identity: string;
  remote: string;
  method: string;
  route: string;
  status: number;
  ms: number;
  query?: string;
  filter?: Record<string, string>;
  results?: { id: string; score: number }[];
}

const GENESIS = "0".repeat(64);
const NEWLINE = 0x0a;
const CHUNK = 1 << 16;

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

export class AuditLog {
  private fd: number | undefined;

  private constructor(
    private readonly file: string,
    fd: number,
    private prev: string,
    private readonly redact: boolean,
  ) {
    this.fd = fd;
  }

  /**
   * Opens (creating with mode 0600) an append-only JSON-lines file and continues its chain from the
   * last line. An existing file's mode is left as it is: tightening it is the operator's call,
   * loosening it never ours. `redact` stores the sha256 of the query (`queryHash`) instead of its
   * text: equal queries can still be matched up, though a guessable query can be guessed from its hash.
   *
   * If the last line is truncated or not JSON, this throws instead of appending: chaining onto a
   * damaged or tampered log would hide the damage, so the server must not start on it.
   */
  static open(file: string, opts: { redact?: boolean } = {}): AuditLog {
    // "a": every write goes to the end, whatever else holds the file open. The mode applies on creation only.
    const fd = openSync(file, "a+", 0o600);
    try {
      const last = lastLine(fd);
      let prev = GENESIS;
      if (last !== undefined) {
        const fault = lineFault(last.subarray(0, -1), last[last.length - 1] === NEWLINE);
        if (fault) throw new Error(`audit log ${file}: the last line ${fault}; refusing to append to it. Check it with: semsearch audit verify ${file}`);
        prev = sha256(last.subarray(0, -1));
      }
      return new AuditLog(file, fd, prev, opts.redact ?? false);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  /** Appends one line and waits for the write, so a request is never answered before it is logged. */
  append(record: AuditRecord): void {
    if (this.fd === undefined) throw new Error(`audit log ${this.file} is closed`);
    const { query, ...rest } = record;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), ...rest };
    if (query !== undefined) {
      if (this.redact) entry.queryHash = sha256(query);
      else entry.query = query;
    }
    entry.prev = this.prev;
    // JSON.stringify escapes newlines inside strings, so a record is always exactly one line.
    const line = JSON.stringify(entry);
    const bytes = Buffer.from(line + "\n", "utf8");
    for (let off = 0; off < bytes.length; ) off += writeSync(this.fd, bytes, off);
    this.prev = sha256(line);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Why a line is bad, or undefined when it is a JSON object with a well-formed `prev`. */
function lineFault(line: Buffer, terminated: boolean): string | undefined {
  if (!terminated) return "is truncated (no newline at the end)";
  let entry: unknown;
  try {
    entry = JSON.parse(line.toString("utf8"));
  } catch {
    return "is not valid JSON";
  }
  const prev = (entry as { prev?: unknown } | null)?.prev;
  if (typeof entry !== "object" || Array.isArray(entry) || typeof prev !== "string" || !/^[0-9a-f]{64}$/.test(prev)) {
    return `is not an audit entry (no "prev" hash)`;
  }
  return undefined;
}

/** The file's last line with its newline, if any (read backwards from the end: logs grow large). */
function lastLine(fd: number): Buffer | undefined {
  const size = fstatSync(fd).size;
  if (size === 0) return undefined;
  let tail = Buffer.alloc(0);
  let pos = size;
  while (pos > 0) {
    const n = Math.min(CHUNK, pos);
    pos -= n;
    const chunk = Buffer.alloc(n);
    readSync(fd, chunk, 0, n, pos);
    tail = Buffer.concat([chunk, tail]);
    // The newline that starts the last line: search before the file's final byte.
    const start = tail.length >= 2 ? tail.lastIndexOf(NEWLINE, tail.length - 2) : -1;
    if (start >= 0) return tail.subarray(start + 1);
  }
  return tail;
}

/** Calls `onLine` for each line (without its newline) of the file, reading it a chunk at a time. */
function eachLine(fd: number, onLine: (line: Buffer, terminated: boolean) => boolean): void {
  let rest = Buffer.alloc(0);
  const chunk = Buffer.alloc(CHUNK);
  for (let pos = 0; ; ) {
    const n = readSync(fd, chunk, 0, CHUNK, pos);
    if (n === 0) break;
    pos += n;
    let buf = Buffer.concat([rest, chunk.subarray(0, n)]);
    for (let nl = buf.indexOf(NEWLINE); nl >= 0; nl = buf.indexOf(NEWLINE)) {
      if (!onLine(buf.subarray(0, nl), true)) return;
      buf = buf.subarray(nl + 1);
    }
    rest = buf; // Buffer.concat copied it: it does not share the reused chunk
  }
  if (rest.length > 0) onLine(rest, false);
}

/**
 * Checks every line's `prev` against the hash of the line before. `brokenAt` is the 1-based line where
 * the chain first fails; `head` is the hash the next line would carry (keep it elsewhere to catch
 * rewrites of the end). Throws when the file cannot be read.
 */
export function verifyAuditFile(file: string): { ok: boolean; lines: number; brokenAt?: number; reason?: string; head?: string } {
  const fd = openSync(file, "r");
  let lines = 0;
  let expected = GENESIS;
  let broken: { brokenAt: number; reason: string } | undefined;
  try {
    eachLine(fd, (line, terminated) => {
      lines++;
      const fault = lineFault(line, terminated);
      if (fault) broken = { brokenAt: lines, reason: `the line ${fault}` };
      else if (JSON.parse(line.toString("utf8")).prev !== expected) {
        broken = {
          brokenAt: lines,
          reason: lines === 1 ? "the first line does not start the chain (lines were removed from the start?)" : `"prev" does not match line ${lines - 1} (a line was edited, removed, reordered or inserted)`,
        };
      }
      expected = sha256(line);
      return broken === undefined;
    });
  } finally {
    closeSync(fd);
  }
  return broken ? { ok: false, lines, ...broken } : { ok: true, lines, head: expected };
}
