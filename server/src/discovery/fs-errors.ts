const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ELOOP: "symlink loop",
  ENOENT: "not found",
  EMFILE: "too many open files",
  EIO: "I/O error",
};

export function errorCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/** "unreadable: permission denied": a reason a person can act on, never a stack. */
export function unreadableReason(err: unknown): string {
  const code = errorCode(err);
  if (code) return `unreadable: ${REASONS[code] ?? code}`;
  return `unreadable: ${err instanceof Error ? err.message : String(err)}`;
}
