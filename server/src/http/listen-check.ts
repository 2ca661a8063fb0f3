// Secure by default: the service listens on loopback unless told otherwise, and a public address
// needs both TLS and authentication before it starts.
import { isIP } from "node:net";

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  return h === "::1";
}

/** Why the service must not start on this host with these settings, or undefined when it may. */
export function publicBindProblem(host: string, opts: { tls: boolean; auth: boolean }): string | undefined {
  if (isLoopback(host)) return undefined;
  const missing = [!opts.tls && "TLS (--tls-cert FILE --tls-key FILE)", !opts.auth && "authentication (--tokens FILE, or --jwks FILE|URL with --issuer and --audience, or --client-ca FILE)"].filter(Boolean);
  if (!missing.length) return undefined;
  return `refusing to listen on ${host}, which other machines can reach, without ${missing.join(" and ")}. Add them, or listen on 127.0.0.1 (the default).`;
}
