import { promises as fsp } from "node:fs";
import { decodeText, isBinary } from "./binary";
import { errorCode, unreadableReason } from "./fs-errors";
import { formatSize } from "./format-size";

export const DEFAULT_MAX_FILE_SIZE = 1_000_000;

export type ReadResult = { text: string; note?: string } | { skip: string };

export function tooLargeReason(size: number, maxFileSize: number): string {
  return `larger than ${formatSize(maxFileSize)} (${formatSize(size)})`;
}

/**
 * Reads a file discovered earlier. Everything may have changed since discovery
 * (size, content, existence), so the checks are repeated on the open handle.
 * Never throws: every failure becomes a skip reason.
 */
export async function readIndexableFile(absPath: string, maxFileSize = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  let handle: fsp.FileHandle | undefined;
  try {
    // Checked before opening: opening a FIFO for reading would block forever.
    const pre = await fsp.stat(absPath);
    if (pre.isDirectory()) return { skip: "unreadable: is a directory" };
    if (!pre.isFile()) return { skip: "not a regular file" };
    if (pre.size > maxFileSize) return { skip: tooLargeReason(pre.size, maxFileSize) };

    handle = await fsp.open(absPath, "r");
    const stat = await handle.stat();
    if (stat.size > maxFileSize) return { skip: tooLargeReason(stat.size, maxFileSize) };
    const buf = await handle.readFile();
    // The file may have grown between fstat and read.
    if (buf.length > maxFileSize) return { skip: tooLargeReason(buf.length, maxFileSize) };
    if (isBinary(buf)) return { skip: "binary file" };
    const { text, invalidUtf8 } = decodeText(buf);
    return invalidUtf8 ? { text, note: "invalid UTF-8 replaced" } : { text };
  } catch (err) {
    if (errorCode(err) === "ENOENT") return { skip: "deleted while indexing" };
    return { skip: unreadableReason(err) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * The first `bytes` of a regular file as text, enough for its `#!` line and mode lines; undefined
 * when it is not there or cannot be read (the caller's full read then says why).
 */
export async function readFileHead(absPath: string, bytes: number): Promise<string | undefined> {
  let handle: fsp.FileHandle | undefined;
  try {
    // Checked before opening, as readIndexableFile does: a FIFO would block.
    const pre = await fsp.stat(absPath);
    if (!pre.isFile()) return undefined;
    handle = await fsp.open(absPath, "r");
    const buf = Buffer.alloc(Math.min(bytes, pre.size));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.toString("utf8", 0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
