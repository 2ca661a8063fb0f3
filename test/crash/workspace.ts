// The workspace every round indexes: the seed's knowledge base plus generated markdown notes and
// code, enough chunks (> 2,000) that searches go through the HNSW graph rather than an exact scan,
// so a graph that differs from a clean build shows in the top 10. Everything is derived from a seed.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, relative } from "node:path";
import { pick, type Rng } from "./prng";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");

// The tiny test model knows 56 word pieces (test/fixtures/tiny-model): text made of other words
// embeds as [UNK]s, and chunks of it would tie. So the prose is built from the words it knows (and
// their ##s/##ing/##ed/##er/##ly forms); the other words only feed the lexical index.
const KNOWN = ["city", "code", "data", "eiffel", "embed", "file", "find", "function", "home", "index", "learning", "machine", "model", "paris", "query", "return", "search", "semantic", "text", "tower", "value", "vector", "word", "france"];
const SUFFIXES = ["", "", "", "s", "ing", "ed", "er", "ly"];
const GLUE = ["the", "a", "an", "and", "at", "for", "in", "is", "of", "on", "to", "with"];
const TOPICS = ["photosynthesis", "glaciers", "volcanoes", "coral", "tides", "comets", "deserts", "monsoons", "fossils", "auroras"];
const ACTIONS = ["parse", "retry", "cache", "render", "validate", "merge", "fetch", "encode", "schedule", "compress", "rank"];
const THINGS = ["config", "request", "token", "buffer", "record", "invoice", "session", "matrix", "queue", "payload"];

function word(rng: Rng): string {
  return pick(rng, KNOWN) + pick(rng, SUFFIXES);
}

function sentence(rng: Rng): string {
  const words: string[] = [];
  const n = 5 + Math.floor(rng() * 9);
  for (let i = 0; i < n; i++) words.push(rng() < 0.3 ? pick(rng, GLUE) : rng() < 0.1 ? pick(rng, TOPICS) : word(rng));
  const text = words.join(" ");
  return `${text[0].toUpperCase()}${text.slice(1)}${pick(rng, [".", ".", "?", "!"])}`;
}

function paragraph(rng: Rng, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rng)).join(" ");
}

/** A note of `sections` heading sections, each its own chunk. */
export function markdownNote(rng: Rng, n: number, sections: number): string {
  const topic = pick(rng, TOPICS);
  const lines = [`---`, `category: ${pick(rng, ["science", "geography", "notes"])}`, `topic: ${topic}`, `---`, ``, `# Note ${n}: ${word(rng)} ${word(rng)}`, ``];
  for (let s = 0; s < sections; s++) {
    lines.push(`## ${word(rng)} ${pick(rng, GLUE)} ${word(rng)} (${n}.${s})`, ``, paragraph(rng, 2 + Math.floor(rng() * 4)), ``);
  }
  return lines.join("\n");
}

/** A TypeScript module of `functions` functions, each its own chunk. */
export function codeModule(rng: Rng, n: number, functions: number): string {
  const out = [`// Module ${n}: helpers for ${pick(rng, THINGS)}s.`, ``];
  for (let f = 0; f < functions; f++) {
    const action = pick(rng, ACTIONS);
    const thing = pick(rng, THINGS);
    const name = `${action}${thing[0].toUpperCase()}${thing.slice(1)}${n}x${f}`;
    out.push(
      `/** ${action[0].toUpperCase()}${action.slice(1)} a ${thing}: ${sentence(rng)} */`,
      `export function ${name}(${thing}: string, limit = ${Math.floor(rng() * 100)}): string {`,
      `  const parts = ${thing}.split("${pick(rng, [",", ";", ":", "|"])}").slice(0, limit);`,
      `  if (parts.length === 0) throw new Error("${name}: empty ${thing}");`,
      `  return parts.map((p) => p.trim()).join("${pick(rng, ["-", "+", "/"])}");`,
      `}`,
      ``,
    );
  }
  return out.join("\n");
}

/** Writes the base workspace: the knowledge base under facts/, notes under notes/, code under src/. */
export function makeWorkspace(root: string, rng: Rng, size: { notes: number; modules: number }): void {
  mkdirSync(root, { recursive: true });
  cpSync(KB, join(root, "facts"), { recursive: true });
  mkdirSync(join(root, "notes"), { recursive: true });
  mkdirSync(join(root, "src"), { recursive: true });
  for (let i = 0; i < size.notes; i++) writeFileSync(join(root, "notes", `note-${String(i).padStart(3, "0")}.md`), markdownNote(rng, i, 10 + Math.floor(rng() * 6)));
  for (let i = 0; i < size.modules; i++) writeFileSync(join(root, "src", `mod-${String(i).padStart(3, "0")}.ts`), codeModule(rng, i, 8 + Math.floor(rng() * 6)));
}

/** The indexable files (not the store), relative path -> content, sorted. */
export function filesOf(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === ".semsearch") continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(root, full), readFileSync(full));
    }
  };
  walk(root);
  return out;
}

/** A hash of every file's path and content: equal hashes, equal clean indexes. */
export function treeHash(root: string): string {
  const h = createHash("sha256");
  for (const [path, content] of filesOf(root)) h.update(path).update("\0").update(content).update("\0");
  return h.digest("hex").slice(0, 16);
}

/** Copies the files (not the store) to a fresh folder. */
export function copyFiles(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  for (const [path, content] of filesOf(from)) {
    mkdirSync(dirname(join(to, path)), { recursive: true });
    writeFileSync(join(to, path), content);
  }
}

/** Resets the workspace's files to the base (the store is left alone): removes extras, rewrites changed ones. */
export function resetFiles(root: string, base: Map<string, Buffer>): void {
  const now = filesOf(root);
  for (const path of now.keys()) if (!base.has(path)) rmSync(join(root, path), { force: true });
  for (const [path, content] of base) {
    const current = now.get(path);
    if (current && current.equals(content)) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** One change a user could make while an index runs: edit a note, add a note, delete a file. */
export function mutateOnce(root: string, rng: Rng, serial: number): string {
  const notes = readdirSync(join(root, "notes")).filter((f) => f.endsWith(".md")).sort();
  const roll = rng();
  if (roll < 0.5 && notes.length) {
    const file = join(root, "notes", pick(rng, notes));
    writeFileSync(file, readFileSync(file, "utf8") + `\n## edit ${serial}\n\n${paragraph(rng, 4)}\n`);
    return `edit ${relative(root, file)}`;
  }
  if (roll < 0.8) {
    const file = join(root, "notes", `added-${serial}.md`);
    writeFileSync(file, markdownNote(rng, 1000 + serial, 3));
    return `add ${relative(root, file)}`;
  }
  const file = join(root, "notes", pick(rng, notes));
  rmSync(file, { force: true });
  return `delete ${relative(root, file)}`;
}
