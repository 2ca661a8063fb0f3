// A one-line progress bar on a terminal; silent when stderr is a pipe or a file.
import type { IndexProgress } from "../../../shared/src/types";

export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: IndexProgress): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 80 && p.done < p.total) return;
      last = now;
      const width = 30;
      const filled = p.total ? Math.round((p.done / p.total) * width) : 0;
      const label = p.current ? ` ${p.current}` : "";
      const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${p.done}/${p.total} files${label}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1).padEnd((stream.columns ?? 100) - 1)}`);
    },
    done() {
      stream.write("\r\x1b[K");
    },
  };
}
