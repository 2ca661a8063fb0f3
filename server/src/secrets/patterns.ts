// The secret shapes that are redacted from every chunk before it is embedded and stored, so that
// search results, hover previews and the keyword index never hold them. Each pattern is specific
// enough that ordinary code and prose do not match it: a false positive costs a few searchable
// characters, a false negative leaks a credential into a database that gets copied around.
//
// A pattern with a group named `secret` redacts only that group (the key name around it stays, so
// `password = "..."` is still found by a search for "password"); otherwise the whole match goes.

export interface SecretPattern {
  /** Shown in the marker: `[redacted: <name>]`. */
  name: string;
  /** Global, with indices (flags "gd"). */
  regex: RegExp;
}

/** Bump when the default patterns change: stored files are then chunked (and redacted) again. */
export const SECRET_RULES_VERSION = "secrets-v1";

// Characters that may continue a token: a match must not stop in the middle of a longer word.
// Every repetition has an upper bound (well above real token lengths), so that no text, however
// odd (a megabyte of "sk-sk-sk-..."), makes a pattern backtrack quadratically.
const END = "(?![A-Za-z0-9_-])";

const DEFAULTS: Array<[name: string, source: string, flags?: string]> = [
  // PEM private keys of any kind (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP ... PRIVATE KEY BLOCK), from
  // the BEGIN line to the END line; a block cut off before its END line runs to the end of the text.
  ["private-key", "-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)"],
  // AWS access key ids: AKIA (long-term) or ASIA (temporary STS) and 16 upper-case letters/digits.
  ["aws-access-key-id", `\\b(?:AKIA|ASIA)[A-Z0-9]{16}${END}`],
  // GitHub tokens: personal (ghp_), OAuth (gho_), user-to-server (ghu_), server-to-server (ghs_),
  // refresh (ghr_), each with 36 or more base62 characters; fine-grained PATs (github_pat_...).
  ["github-token", `\\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})${END}`],
  // GitLab personal access tokens: glpat- and 20 or more characters.
  ["gitlab-token", `\\bglpat-[A-Za-z0-9_-]{20,100}${END}`],
  // Slack tokens: bot (xoxb-), user (xoxp-), app (xoxa-), refresh (xoxr-), legacy (xoxs-).
  ["slack-token", `\\bxox[abprs]-[A-Za-z0-9-]{10,250}${END}`],
  // Stripe live secret (sk_live_) and restricted (rk_live_) keys; test-mode keys are harmless.
  ["stripe-key", `\\b[sr]k_live_[A-Za-z0-9]{16,247}${END}`],
  // Google API keys: AIza and 35 more characters.
  ["google-api-key", `\\bAIza[A-Za-z0-9_-]{35}${END}`],
  // Anthropic API keys: sk-ant- and 20 or more characters (listed before the OpenAI shape, which
  // would match them too, so that the marker names the right vendor).
  ["anthropic-key", `\\bsk-ant-[A-Za-z0-9_-]{20,250}${END}`],
  // OpenAI-style keys: sk- (or sk-proj-, sk-svcacct-) and 20 or more characters with at least one
  // digit, so that a long kebab-case name starting with "sk-" is left alone.
  ["openai-key", `\\bsk-(?=[A-Za-z0-9_-]{0,250}[0-9])[A-Za-z0-9_-]{20,250}${END}`],
  // npm access tokens: npm_ and 36 characters.
  ["npm-token", `\\bnpm_[A-Za-z0-9]{36}${END}`],
  // JSON Web Tokens: a base64url header and payload (both JSON objects, so both start "eyJ") and a
  // signature, separated by dots.
  ["jwt", `\\beyJ[A-Za-z0-9_-]{8,1000}\\.eyJ[A-Za-z0-9_-]{8,4000}\\.[A-Za-z0-9_-]{8,1000}${END}`],
  // A quoted value assigned to a name that says it is a secret (password, passwd, secret, token,
  // api_key/apikey, access_key, private_key, credentials in any case, with any prefix or suffix:
  // DB_PASSWORD, "apiKey", client_secret) through =, :=, : or =>. Conservative: only the value
  // goes, and only when it is 12 or more characters without spaces and with at least one digit, so
  // placeholders, URLs, "$VARIABLES" and ordinary words ("password_confirmation") stay searchable.
  [
    "secret-assignment",
    "\\b[A-Za-z0-9_.-]{0,40}(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_]{0,40}[\"']?\\s*(?:=|:=|:|=>)\\s*([\"'`])(?<secret>(?![A-Za-z][A-Za-z0-9+.-]{0,30}://|\\$)(?=[^\"'`\\s]{0,500}[0-9])[^\"'`\\s]{12,500})\\1",
    "i",
  ],
  // The same without quotes, as .env files and shell scripts write it: an upper-case name, = with no
  // spaces, and a value that is not a variable or command ($VAR, $(...), `...`).
  [
    "secret-assignment",
    "\\b[A-Z0-9_]{0,40}(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)[A-Z0-9_]{0,40}=(?<secret>(?![A-Za-z][A-Za-z0-9+.-]{0,30}://)(?=[^\\s\"'`$]{0,500}[0-9])[^\\s\"'`$;&|]{12,500})(?![^\\s;&|])",
  ],
];

/** The built-in patterns, compiled once. */
export const DEFAULT_SECRET_PATTERNS: readonly SecretPattern[] = DEFAULTS.map(([name, source, flags = ""]) => ({
  name,
  regex: new RegExp(source, `gd${flags}`),
}));

/** A user pattern (semanticSearch.secrets.extraPatterns, --secret-pattern) that cannot be used. */
export class InvalidSecretPattern extends Error {}

/**
 * Compiles extra patterns given as regular-expression source strings. Each is named "custom"; one
 * with a `(?<secret>...)` group redacts only that group. Throws InvalidSecretPattern, saying which
 * pattern and why, for one that does not compile or that matches the empty string (it would put a
 * marker between every two characters).
 */
export function compileSecretPatterns(sources: readonly string[], where = "secret pattern"): SecretPattern[] {
  return sources.map((source) => {
    let regex: RegExp;
    try {
      regex = new RegExp(source, "gd");
    } catch (err) {
      throw new InvalidSecretPattern(`${where}: ${JSON.stringify(source)} is not a valid regular expression (${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "")}); fix or remove it.`);
    }
    if (new RegExp(source).test("")) throw new InvalidSecretPattern(`${where}: ${JSON.stringify(source)} matches the empty string, so it would redact nothing useful; make it match at least one character.`);
    return { name: "custom", regex };
  });
}
