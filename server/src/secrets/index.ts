// Keeping credentials out of the index: the shapes of well-known secrets and the redactor that
// replaces them in chunk text before it is embedded or stored (file names that hold secrets are
// skipped by discovery, see discovery/secret-files.ts).
export { compileSecretPatterns, DEFAULT_SECRET_PATTERNS, InvalidSecretPattern, SECRET_RULES_VERSION } from "./patterns";
export type { SecretPattern } from "./patterns";
export { redactSecrets } from "./redact";
export type { Redaction } from "./redact";
