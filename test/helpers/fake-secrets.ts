// Fake secrets of every shape the redactor knows, made at run time from pieces, so that this
// repository never holds a literal that secret scanners (or GitHub push protection) would flag.
// None of them is a real credential.

/** `n` characters from `alphabet`, the same every run for the same seed. */
export function fakeChars(n: number, seed: number, alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"): string {
  let x = seed * 2654435761 + 12345;
  let out = "";
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
const join = (...parts: string[]) => parts.join("");

/** One token of each single-line shape, by the marker name it must get. Each has a digit. */
export function fakeTokens(seed = 1): Array<{ name: string; token: string }> {
  const c = (n: number, k: number) => fakeChars(n - 1, seed * 100 + k) + "7";
  return [
    { name: "aws-access-key-id", token: join("AK", "IA", fakeChars(15, seed, UPPER_DIGITS), "7") },
    { name: "aws-access-key-id", token: join("AS", "IA", fakeChars(15, seed + 1, UPPER_DIGITS), "3") },
    ...["p", "o", "u", "s", "r"].map((k, i) => ({ name: "github-token", token: join("gh", k, "_", c(36, 10 + i)) })),
    { name: "github-token", token: join("github", "_pat_", c(22, 20), "_", c(59, 21)) },
    { name: "gitlab-token", token: join("gl", "pat-", c(20, 30)) },
    ...["b", "p", "a", "r", "s"].map((k, i) => ({ name: "slack-token", token: join("xo", "x", k, "-", fakeChars(11, 40 + i, "0123456789"), "-", c(24, 45 + i)) })),
    { name: "stripe-key", token: join("sk", "_live_", c(24, 50)) },
    { name: "stripe-key", token: join("rk", "_live_", c(24, 51)) },
    { name: "google-api-key", token: join("AI", "za", c(35, 60)) },
    { name: "anthropic-key", token: join("sk-", "ant-", "api03-", c(93, 70)) },
    { name: "openai-key", token: join("sk-", c(48, 71)) },
    { name: "openai-key", token: join("sk-", "proj-", c(64, 72)) },
    { name: "npm-token", token: join("np", "m_", c(36, 80)) },
    { name: "jwt", token: [b64url({ alg: "HS256", typ: "JWT" }), b64url({ sub: "1234567890", name: "Test", iat: 1516239022 }), c(43, 90)].join(".") },
  ];
}

/** A PEM private key block of `lines` base64 lines (BEGIN and END lines included in the count + 2). */
export function fakePrivateKey(kind = "RSA", lines = 4, seed = 1): string {
  const label = join(kind ? `${kind} ` : "", "PRIV", "ATE KEY");
  const body = Array.from({ length: lines }, (_, i) => fakeChars(64, seed * 10 + i, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"));
  return [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`].join("\n");
}
