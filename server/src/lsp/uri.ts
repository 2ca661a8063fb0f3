// Document URIs as clients send them, checked: any string may arrive, and a handler must not throw
// on one it cannot use.
import { fileURLToPath } from "node:url";

/** The local path of a file: URI; undefined for another scheme or a file URI no path can come from (a remote host, bad escapes). */
export function pathOf(uri: string): string | undefined {
  // "file://" and then an absolute path: "file:" alone or "file:relative" is no file's address (Node reads "file:" as "/").
  if (typeof uri !== "string" || !uri.startsWith("file://")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
