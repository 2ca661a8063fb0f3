// Starts the real `semsearch serve` (the built CLI) for the HTTP tests, and makes the TLS material
// they need with openssl: a CA, a server certificate for 127.0.0.1, and a client certificate.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const CLI = join(__dirname, "..", "..", "bin", "semsearch");

export interface Served {
  url: string;
  proc: ChildProcess;
  stderr: string[];
  stop(): Promise<number | null>;
}

export async function startServe(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const proc = spawn(CLI, ["serve", "--port", "0", "--model", "bundled", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  const stderr: string[] = [];
  proc.stderr!.on("data", (d) => stderr.push(String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d) => {
      out += String(d);
      const m = / at (https?:\/\/[^\s]+) \(OpenAPI/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.once("exit", (code) => reject(new Error(`semsearch serve exited with ${code} before listening: ${stderr.join("")}`)));
  });
  return {
    url,
    proc,
    stderr,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve(proc.exitCode);
        proc.once("exit", (code) => resolve(code));
        proc.kill("SIGTERM");
      }),
  };
}

/** Runs `semsearch serve` expecting it to refuse to start; resolves with its exit code and stderr. */
export function refusedServe(args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(CLI, ["serve", "--model", "bundled", ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stderr: r.stderr };
}

export function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(CLI, args, { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface Pki {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export function makePki(dir: string): Pki {
  const ssl = (...args: string[]) => {
    const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`openssl ${args.join(" ")}: ${r.stderr}`);
  };
  writeFileSync(join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=semsearch test CA");
  ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  ssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
  ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=teller-42/O=Test Bank");
  ssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.pem", "-days", "2");
  const at = (f: string) => join(dir, f);
  return { ca: at("ca.pem"), serverCert: at("server.pem"), serverKey: at("server.key"), clientCert: at("client.pem"), clientKey: at("client.key") };
}

/** Polls /v1/status until every folder is idle with its chunks indexed. */
export async function waitIndexed(get: () => Promise<{ state: string; chunks: number }>, minChunks: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const s = await get();
    if (s.state === "idle" && s.chunks >= minChunks) return;
    if (Date.now() > deadline) throw new Error(`the index did not come ready: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
