// What the figures were measured on, recorded in every result file: the machine is shared with
// other engineers' builds and tests, so the load average at the start and end is kept too.
import { cpus, freemem, loadavg, totalmem } from "node:os";

export function machine() {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}

export const rssMiB = (): number => Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10;
export const peakRssMiB = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
