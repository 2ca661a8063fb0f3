// A code-name query also looks chunks up by their symbol (Store.nameSearch): a class of many short
// members puts every member ahead of the class's own chunk in BM25, far enough that the declaration
// was not among the keyword candidates at all, and the chunks of glue that carry the class's symbol
// took its place (docs/search-quality.md, "A Java set").
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../server/src/engine/engine";
import { FUSION_DEPTH, namesToLookUp } from "../../server/src/search/hybrid";
import { Store } from "../../server/src/store/store";
import { indexedBundledFolder, type IndexedFolder } from "../helpers/bundled-engine";

const MEMBERS = 70;

/** A class with a long doc comment and MEMBERS short methods that each say its name three times. */
function registryJava(): string {
  const doc = Array.from({ length: 8 }, (_, i) => `\tParagraph ${i} of a long description of how entries are kept, found and dropped again.`);
  const lines = ["package demo;", "", "/**", ...doc, "*/", "public class Registry {", "\tprivate java.util.Map entries = new java.util.HashMap();", ""];
  for (let i = 0; i < MEMBERS; i++) {
    lines.push(`\tpublic Registry with${i}( Registry other ) {`, `\t\treturn (Registry) other;`, "\t}", "");
  }
  lines.push("}", "");
  return lines.join("\n");
}

let folder: IndexedFolder;

before(async () => {
  folder = await indexedBundledFolder("name-lookup-", { "src/Registry.java": registryJava(), "src/Other.java": "class Other {\n\tRegistry registry;\n}\n" });
});

after(() => folder?.close());

test("the names looked up: the last segment of each code name, none for a question", () => {
  assert.deepEqual(namesToLookUp("Registry"), ["Registry"]);
  assert.deepEqual(namesToLookUp("XThis.getInterface"), ["getInterface"]);
  assert.deepEqual(namesToLookUp("Rack::Utils.escape_html"), ["escape_html"]);
  assert.deepEqual(namesToLookUp("how are entries kept in the registry?"), []);
  assert.deepEqual(namesToLookUp("registry entries"), [], "bare keywords look nothing up");
});

test("the store finds the chunks a name is the symbol of, not its members', in file order", () => {
  const { engine } = folder;
  const model = engine.store.findModel(engine.modelId)!.id;
  const found = engine.store.nameSearch(model, "registry", 20);
  assert.ok(found.length >= 1);
  assert.ok(found.every((f) => f.symbol === "Registry"), found.map((f) => f.symbol).join(", "));
  const lines = found.map((f) => engine.store.chunks([f.id]).get(f.id)!.startLine);
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
  assert.equal(lines[0], 3, "the class's own chunk, its doc comment first");
  // A member is found by its own name, whatever its class.
  const member = engine.store.nameSearch(model, "with7", 20);
  assert.deepEqual(member.map((f) => f.symbol), ["Registry.with7"]);
  assert.equal(engine.store.nameSearch(model, "Registry", 0).length, 0, "the limit holds");
});

test("searching the class's name puts its declaration first, though BM25 ranks it past the keyword list", async () => {
  const { engine } = folder;
  for (const mode of ["hybrid", "lexical"] as const) {
    const res = await engine.search({ query: "Registry", topK: 5, mode, explain: true });
    const top = res.results[0];
    assert.equal(top.path, "src/Registry.java", mode);
    assert.equal(top.startLine, 3, `${mode}: the class's chunk leads`);
    // It was not among the keyword list's FUSION_DEPTH: the lookup by name found it.
    assert.equal(top.explain?.lexicalRank, undefined, `${mode}: not in the keyword list (depth ${FUSION_DEPTH})`);
    assert.match(top.explain!.signals.find((s) => s.signal === "definitionBoost")!.detail, /declares Registry, found by its name, put first/);
  }
  // With the definition signal off the lookup plays no part: the class is not in the top 5.
  const off = await engine.search({ query: "Registry", topK: 5, mode: "lexical", ranking: { definitionBoost: false } });
  assert.ok(!off.results.some((r) => r.startLine === 3), off.results.map((r) => r.startLine).join(", "));
  // A question looks nothing up: it ranks as before.
  assert.deepEqual(namesToLookUp("where is the registry declared"), []);
});

test("a store without text looks names up alike (its keyword index holds hashed words)", async () => {
  const root = mkdtempSync(join(tmpdir(), "name-lookup-none-"));
  try {
    writeFileSync(join(root, "Registry.java"), registryJava());
    const engine = await Engine.open({ root, model: { model: "bundled" }, storeText: "none" });
    try {
      await engine.indexFolder();
      const res = await engine.search({ query: "Registry", topK: 3, mode: "hybrid" });
      assert.equal(res.results[0].startLine, 3);
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("another model's chunks in the same store do not use up the lookup's scan", () => {
  const dir = mkdtempSync(join(tmpdir(), "name-lookup-models-"));
  const store = Store.open(join(dir, "index.db"));
  try {
    // The other model was indexed first: more chunks naming Registry than the scan reads, every
    // one of them ahead of this model's chunk in the table.
    const other = store.model("other-model", 2).id;
    const members = Array.from({ length: 2100 }, (_, i) => ({
      startLine: i + 1,
      endLine: i + 1,
      text: `Registry with${i}(Registry other) { return other; }`,
      metadata: { symbol: `Registry.with${i}` },
      vector: Float32Array.of(1, 0),
    }));
    store.writeBatch(other, [{ path: "src/Registry.java", contentHash: "a", size: 1, chunks: members }]);
    const mine = store.model("this-model", 2).id;
    const declaration = { startLine: 1, endLine: 3, text: "public class Registry {\n}", metadata: { symbol: "Registry" }, vector: Float32Array.of(0, 1) };
    store.writeBatch(mine, [{ path: "src/Registry.java", contentHash: "a", size: 1, chunks: [declaration] }]);
    const found = store.nameSearch(mine, "Registry", 20);
    assert.deepEqual(found.map((f) => f.symbol), ["Registry"]);
    assert.equal(store.chunks([found[0].id]).get(found[0].id)!.path, "src/Registry.java");
    assert.equal(store.nameSearch(other, "with2099", 20).length, 1, "the other model's own lookups still work");
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the lookup does not depend on which file was indexed last: path order, as a fresh index stores them", () => {
  const dir = mkdtempSync(join(tmpdir(), "name-lookup-order-"));
  const store = Store.open(join(dir, "index.db"));
  try {
    const model = store.model("m", 2).id;
    const window = (i: number) => ({ startLine: i * 10 + 1, endLine: i * 10 + 9, text: `export class Command {\n  option${i}(): this;\n}`, metadata: { symbol: "Command" }, vector: Float32Array.of(1, 0) });
    const declaration = { startLine: 13, endLine: 20, text: "class Command extends EventEmitter {\n}", metadata: { symbol: "Command" }, vector: Float32Array.of(0, 1) };
    const lib = { path: "commander/lib/command.js", contentHash: "a", size: 1, chunks: [declaration] };
    // A fresh index stores lib/ before typings/; then command.js is edited and stored again, after them.
    store.writeBatch(model, [lib, { path: "commander/typings/index.d.ts", contentHash: "b", size: 1, chunks: Array.from({ length: 20 }, (_, i) => window(i)) }]);
    store.writeBatch(model, [{ ...lib, contentHash: "c" }]);
    const found = store.nameSearch(model, "Command", 10);
    assert.equal(found.length, 10);
    assert.equal(store.chunks([found[0].id]).get(found[0].id)!.path, "commander/lib/command.js", "the class itself, whatever was stored last");
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
