/** Decimal units, so that the 1_000_000-byte default reads as "1 MB". */
export function formatSize(bytes: number): string {
  const units: Array<[number, string]> = [
    [1e9, "GB"],
    [1e6, "MB"],
    [1e3, "KB"],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${trimZero((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

function trimZero(s: string): string {
  return s.endsWith(".0") ? s.slice(0, -2) : s;
}
