// Resident memory of a process and everything it started, read from /proc (Linux): the language
// server's model runs in worker threads (same process) and may run in child processes.
import { readdirSync, readFileSync } from "node:fs";

function children(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/)) if (c) out.push(Number(c));
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return out;
}

/** VmRSS of one process in KiB (0 once it has exited). */
function rssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The RSS of `pid` and all its descendants, in MiB, with how many processes that was. */
export function treeRssMiB(pid: number): { rssMiB: number; processes: number } {
  let kib = 0;
  let processes = 0;
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    const r = rssKiB(p);
    if (!r) continue;
    kib += r;
    processes++;
    todo.push(...children(p));
  }
  return { rssMiB: Math.round((kib / 1024) * 10) / 10, processes };
}

/** Polls treeRssMiB every `everyMs` until stopped; keeps the peak and a thinned series. */
export function pollTreeRss(pid: number, everyMs = 250) {
  let peakMiB = 0;
  let maxProcesses = 0;
  const samples: { s: number; rssMiB: number }[] = [];
  const started = Date.now();
  const take = () => {
    const { rssMiB, processes } = treeRssMiB(pid);
    peakMiB = Math.max(peakMiB, rssMiB);
    maxProcesses = Math.max(maxProcesses, processes);
    samples.push({ s: Math.round((Date.now() - started) / 100) / 10, rssMiB });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    peak: () => peakMiB,
    stop() {
      clearInterval(timer);
      take();
      // One sample in ten is enough to draw the curve in the result file.
      return { peakMiB, maxProcesses, samples: samples.filter((_, i) => i % 10 === 0 || i === samples.length - 1) };
    },
  };
}
