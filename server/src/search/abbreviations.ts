// Words a question spells out and code abbreviates: "maximum allowed length" is `MAX_LENGTH`,
// "compare two versions" is `cmp`. The keyword index holds, beside a code chunk's words, the words
// its abbreviations stand for (search/lexical.ts lexicalFields), so that a question in full words
// meets the code's short names. Prose is left as written: a README's "err" or "req" is in a code
// sample, and spelling those out made questions over docs worse (docs/search-quality.md). Only
// abbreviations that mean one thing in code are listed: none that is also a common word of its own
// or of another meaning ("res", "el", "ts"), and none that is a language's keyword or built-in type
// (`fn`, `func`, `var`, `async`, `int`, `str`, `bool`, `char`): those are in most chunks of their language,
// and spelling them out there only blurs the word (measured: Rust questions lost on "string").
const ABBREVIATIONS: Record<string, string[]> = {
  address: ["addr"],
  allocate: ["alloc"],
  allocation: ["alloc"],
  argument: ["arg", "args"],
  arguments: ["args", "arg"],
  attribute: ["attr", "attrs"],
  attributes: ["attrs", "attr"],
  buffer: ["buf"],
  callback: ["cb"],
  character: ["chr"],
  characters: ["chars"],
  command: ["cmd"],
  compare: ["cmp"],
  comparison: ["cmp"],
  configuration: ["config", "cfg", "conf"],
  context: ["ctx"],
  count: ["cnt"],
  current: ["cur", "curr"],
  database: ["db"],
  destination: ["dst", "dest"],
  directory: ["dir"],
  directories: ["dirs"],
  document: ["doc"],
  documents: ["docs"],
  element: ["elem"],
  environment: ["env"],
  error: ["err"],
  execute: ["exec"],
  expression: ["expr"],
  extension: ["ext"],
  format: ["fmt"],
  generate: ["gen"],
  identifier: ["ident"],
  index: ["idx"],
  information: ["info"],
  initialize: ["init"],
  initialise: ["init"],
  initialization: ["init"],
  iterator: ["iter"],
  length: ["len"],
  library: ["lib"],
  maximum: ["max"],
  message: ["msg"],
  minimum: ["min"],
  number: ["num"],
  object: ["obj"],
  option: ["opt"],
  options: ["opts"],
  package: ["pkg"],
  parameter: ["param", "params"],
  parameters: ["params", "param"],
  pointer: ["ptr"],
  position: ["pos"],
  previous: ["prev"],
  properties: ["props"],
  property: ["prop"],
  reference: ["ref"],
  references: ["refs"],
  repository: ["repo"],
  request: ["req"],
  response: ["resp"],
  sequence: ["seq"],
  source: ["src"],
  specification: ["spec"],
  statistics: ["stats"],
  synchronous: ["sync"],
  temporary: ["tmp", "temp"],
  utility: ["util", "utils"],
  utilities: ["utils", "util"],
  value: ["val"],
};

const SPELLED_OUT = new Map<string, string[]>();
for (const [word, short] of Object.entries(ABBREVIATIONS)) {
  for (const s of short) SPELLED_OUT.set(s, [...(SPELLED_OUT.get(s) ?? []), word]);
}

/** The words a lower-case abbreviation stands for in code (`cmp`: compare, comparison); none for most words. */
export function spelledOut(part: string): readonly string[] {
  return SPELLED_OUT.get(part) ?? [];
}
