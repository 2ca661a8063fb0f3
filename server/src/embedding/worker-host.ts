// The process's one embedding worker. Requests go in two lanes, so that a query waits behind at most
// the one indexing batch already running; the worker keeps the process alive only while busy.
import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FromWorker, ToWorker } from "./worker-protocol";

export type Lane = "query" | "index";
type Request = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, "id"> : never) : never;

interface Job {
  request: Request;
  resolve(reply: FromWorker): void;
  reject(err: Error): void;
}

class WorkerHost {
  private worker: Worker | undefined;
  private lanes: Record<Lane, Job[]> = { query: [], index: [] };
  private running: { id: number; job: Job } | undefined;
  private nextId = 1;

  send(request: Request, lane: Lane): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.lanes[lane].push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running) return;
    const job = this.lanes.query.shift() ?? this.lanes.index.shift();
    const worker = this.ensureWorker();
    if (!job) {
      worker.unref();
      return;
    }
    worker.ref();
    const id = this.nextId++;
    this.running = { id, job };
    worker.postMessage({ ...job.request, id } as ToWorker);
  }

  private onMessage(message: FromWorker): void {
    const running = this.running;
    if (!running || running.id !== message.id) return;
    this.running = undefined;
    running.job.resolve(message);
    this.pump();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.on("message", (m: FromWorker) => this.onMessage(m));
    worker.on("error", (err) => this.onCrash(worker, err));
    worker.on("exit", (code) => this.onCrash(worker, new Error(`it exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  /** A crashed worker fails what it held; the next request starts a fresh one. */
  private onCrash(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const jobs = [...(this.running ? [this.running.job] : []), ...this.lanes.query, ...this.lanes.index];
    this.running = undefined;
    this.lanes = { query: [], index: [] };
    for (const job of jobs) job.reject(new Error(`The embedding worker crashed: ${err.message}`));
  }
}

/** The built worker sits beside the bundle; from sources (tests under tsx) the .ts file is loaded through tsx. */
function startWorker(): Worker {
  const built = join(__dirname, "embed-worker.js");
  if (existsSync(built)) return new Worker(built);
  const source = join(__dirname, "embed-worker.ts");
  return new Worker(`require("tsx/cjs"); require(${JSON.stringify(source)});`, { eval: true });
}

export const workerHost = new WorkerHost();
