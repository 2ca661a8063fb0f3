// `semsearch search --mode lexical` loads only what a keyword search needs: SQLite and its FTS
// index; no model, no embedding worker, no HNSW graph, and none of the other commands' dependencies.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const KB = join(ROOT, "examples", "knowledge-base");
const TINY_MODEL = join(ROOT, "test", "fixtures", "tiny-model", "semsearch", "tiny-bert");
const work = mkdtempSync(join(tmpdir(), "cli-lexical-"));
const kb = join(work, "kb");
const model = join(work, "model");
/** Where the model goes once the folder is indexed: the searches below must not need it. */
const away = join(work, "model-away");
// Runs in the CLI's process before it starts: records every module loaded and every thread started.
const RECORDER = join(work, "record-loads.js");
const RECORD = join(work, "loads.json");

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(CLI, args, { encoding: "utf8", env: { ...process.env, SEMSEARCH_NO_SOCKET: "1", XDG_RUNTIME_DIR: join(work, "runtime"), ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  cpSync(KB, kb, { recursive: true });
  cpSync(TINY_MODEL, model, { recursive: true });
  writeFileSync(
    RECORDER,
    `const wt = require("node:worker_threads");
     const threads = [];
     const Worker = wt.Worker;
     wt.Worker = class extends Worker { constructor(file, ...rest) { threads.push(String(file).slice(0, 200)); super(file, ...rest); } };
     process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(RECORD)}, JSON.stringify({ modules: Object.keys(require.cache), threads })));`,
  );
  const r = run(["index", kb, "--model", model, "--no-fallback"]);
  assert.equal(r.code, 0, r.err);
  renameSync(model, away);
});
after(() => rmSync(work, { recursive: true, force: true }));

test("a lexical search finds the right passage with the model gone from disk", () => {
  const r = run(["search", "Eiffel Tower", "--dir", kb, "--model", model, "--no-fallback", "--mode", "lexical", "--k", "3", "--json", "--no-server"]);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.equal(out.model, model);
  assert.equal(out.candidates, 20);
  assert.equal(out.results[0].path, "05-eiffel-tower.md");
  assert.deepEqual(Object.keys(out.results[0]).sort(), ["band", "endLine", "metadata", "path", "score", "startLine", "text"]);
  // Keyword relevance relative to the best hit: the first is 1, the rest below it.
  assert.equal(out.results[0].score, 1);
  for (const hit of out.results.slice(1)) assert.ok(hit.score > 0 && hit.score <= 1, String(hit.score));
  assert.equal(r.err, "");
});

test("the text output says the scores are keyword relevance", () => {
  const r = run(["search", "Eiffel", "--dir", kb, "--model", model, "--no-fallback", "--mode", "lexical", "--no-server"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /scores: keyword relevance, the best hit 100%/);
  assert.match(r.out, /#1 +100\.0% +strong +05-eiffel-tower\.md:\d+-\d+ {2}\(keyword match\)/);
});

test("what needs the model still loads it, and says clearly when it cannot", () => {
  // Hybrid embeds the query; --min-score is a cosine threshold, so a lexical search with it embeds too.
  for (const extra of [["--mode", "hybrid"], ["--mode", "lexical", "--min-score", "0.1"]]) {
    const r = run(["search", "Eiffel", "--dir", kb, "--model", model, "--no-fallback", "--json", "--no-server", ...extra]);
    assert.equal(r.code, 1, extra.join(" "));
    assert.match(r.err, /Could not load embedding model/);
  }
});

test("a lexical search loads no model, no embedding worker, no HNSW and no other command's dependencies", () => {
  renameSync(away, model);
  try {
    const r = run(["search", "Eiffel", "--dir", kb, "--model", model, "--mode", "lexical", "--json"], { NODE_OPTIONS: `--require ${RECORDER}` });
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).results[0].path, "05-eiffel-tower.md");
    const { modules, threads } = JSON.parse(readFileSync(RECORD, "utf8")) as { modules: string[]; threads: string[] };
    assert.ok(modules.some((m) => m.includes("better-sqlite3")), "the search did run (SQLite loaded)");
    assert.deepEqual(threads, [], "no worker thread (the embedding worker) was started");
    for (const heavy of ["hnswlib-node", "onnxruntime", "@huggingface", "@tensorflow", "@energetic-ai", "fastify", "vscode-languageserver", "jose"]) {
      assert.deepEqual(modules.filter((m) => m.includes(`node_modules/${heavy}`)), [], `${heavy} is not loaded`);
    }

    // A hybrid search does load the model: the recorder sees it (so the assertions above can fail).
    const hybrid = run(["search", "Eiffel", "--dir", kb, "--model", model, "--mode", "hybrid", "--json"], { NODE_OPTIONS: `--require ${RECORDER}` });
    assert.equal(hybrid.code, 0, hybrid.err);
    const loaded = JSON.parse(readFileSync(RECORD, "utf8")) as { modules: string[]; threads: string[] };
    assert.ok(loaded.threads.length > 0, "the embedding worker started");
  } finally {
    renameSync(model, away);
  }
});
