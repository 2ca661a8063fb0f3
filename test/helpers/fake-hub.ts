// A stand-in for the Hugging Face hub on loopback: serves model folders at
// <base>/<model id>/resolve/main/<file>, as the real hub does, so downloads can be tested offline.
// `throttle` slows the body down so a test can cancel a download half-way.
import { readFileSync, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export interface FakeHub {
  url: string;
  /** Every path asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeHub(models: Record<string, string>, opts: { throttle?: { chunk: number; everyMs: number } } = {}): Promise<FakeHub> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(path);
    const m = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(path);
    const dir = m && models[m[1]];
    const file = dir && join(dir, m[2]);
    if (!file || !existsSync(file) || !statSync(file).isFile() || m[2].includes("..")) {
      res.writeHead(404).end("Entry not found");
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { "content-length": body.length, "content-type": "application/octet-stream" });
    if (!opts.throttle) return void res.end(body);
    const { chunk, everyMs } = opts.throttle;
    let at = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      res.write(body.subarray(at, at + chunk));
      at += chunk;
      if (at >= body.length) {
        clearInterval(timer);
        res.end();
      }
    }, everyMs);
    res.on("close", () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
