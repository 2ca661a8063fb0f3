// Issue 16: kill `semsearch index` and the language server with SIGKILL at random moments (during
// first-time migrations, HNSW saves and forced re-indexes too), run two writers on one store with
// files changing under them, then reopen, finish indexing normally and check the store against a
// clean index of the same files. Exits 1 if any round leaves anything wrong.
//
//   npm run test:crash -- [--seed N] [--rounds N] [--start N] [--kinds cli-fresh,two-lsp,...]
//                         [--notes N] [--modules N] [--bin PATH] [--keep] [--report FILE]
//
// Not part of `npm test`: a full run (50 rounds) takes 10-15 minutes. It runs the built CLI and
// server (bin/semsearch, i.e. dist/; `npm run test:crash` builds first); `--bin` points at another
// build, e.g. a copy of dist/ that other work in the tree cannot rebuild under a long run.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { indexFileFor } from "../../server/src/engine/engine";
import { storageDirFor } from "../../server/src/lsp/storage";
import { checkStore, compareSnapshots, explainDifference, QUERIES, searchSnapshot, type DifferenceKind, type Snapshot } from "./checks";
import { rngFrom } from "./prng";
import { run, startServer } from "./processes";
import { describeExit, KINDS, lastLines, runRound, type Kind, type RoundOutcome, type Setup } from "./rounds";
import { copyFiles, filesOf, makeWorkspace, resetFiles, treeHash } from "./workspace";

const ROOT = resolve(__dirname, "..", "..");
const MODEL = "semsearch/tiny-bert";
const MODEL_DIR = join(ROOT, "test", "fixtures", "tiny-model");

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    rounds: { type: "string", default: "50" },
    /** Number of the first round (1-based): re-runs round N of a seed alone, e.g. --start 18 --rounds 1. */
    start: { type: "string", default: "1" },
    kinds: { type: "string" },
    bin: { type: "string", default: join(ROOT, "bin", "semsearch") },
    notes: { type: "string", default: "65" },
    modules: { type: "string", default: "35" },
    keep: { type: "boolean", default: false },
    report: { type: "string" },
  },
});
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 1e9);
const rounds = Number(values.rounds);
const first = Number(values.start) - 1;
const kinds = (values.kinds ? values.kinds.split(",") : [...KINDS]) as Kind[];
for (const k of kinds) if (!KINDS.includes(k)) usage(`unknown kind "${k}"; kinds are ${KINDS.join(", ")}`);
if (!Number.isInteger(seed) || seed < 0) usage(`--seed takes a whole number; got ${values.seed}`);
if (!Number.isInteger(rounds) || rounds < 1) usage(`--rounds takes a whole number from 1; got ${values.rounds}`);
if (!Number.isInteger(first) || first < 0) usage(`--start takes a whole number from 1; got ${values.start}`);

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run test:crash -- [--seed N] [--rounds N] [--kinds ${KINDS.join(",")}] [--bin PATH] [--keep] [--report FILE]\n`);
  process.exit(2);
}

interface Reference {
  /** The clean copy, kept until the end for the exhaustive-search diagnosis. */
  dir: string;
  chunkKeys: string[];
  snapshot: Snapshot;
}

interface RoundResult {
  round: number;
  kind: Kind;
  outcome: RoundOutcome;
  recoveryMs: number;
  problems: string[];
  searchDiffs: string[];
  /** The two top 10s of every differing query, for the report file. */
  diffLists: { key: string; got: string[]; want: string[] }[];
  /** What the differences come down to (checks.ts explainDifference). */
  diffKinds: DifferenceKind[];
  identical: boolean;
  chunks: number;
  hnswLabels: number;
  deletedLabels: number;
  /** Temporary files this round left beside the store that the recovery did not remove. */
  leftovers: { name: string; bytes: number }[];
  ms: number;
}

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), "semsearch-crash-"));
  const ws = join(work, "ws");
  const lspStorage = join(work, "lsp-storage");
  const modelArgs = ["--model", MODEL, "--local-model-path", MODEL_DIR, "--no-fallback"];
  console.log(`crash-and-concurrency: seed ${seed}, ${rounds} rounds, kinds ${kinds.join(",")}`);
  console.log(`  bin ${values.bin}; work dir ${work}`);

  makeWorkspace(ws, rngFrom(seed), { notes: Number(values.notes), modules: Number(values.modules) });
  const base = filesOf(ws);
  const references = new Map<string, Reference>();
  const referenceProblems: string[] = [];
  let indexMs = 0;
  const reference = async (): Promise<Reference> => {
    const hash = treeHash(ws);
    const known = references.get(hash);
    if (known) return known;
    const dir = join(work, "clean", hash);
    copyFiles(ws, dir);
    const e = await run(values.bin!, ["index", dir, ...modelArgs]);
    if (e.code !== 0) throw new Error(`the clean index failed (${describeExit(e)}): ${lastLines(e.stderr)}`);
    indexMs ||= e.ms;
    const store = checkStore(join(dir, ".semsearch", "index.db"), MODEL);
    for (const p of store.problems) referenceProblems.push(`clean index of ${hash}: ${p}`);
    const { snapshot, problems } = await searchSnapshot(values.bin!, dir, modelArgs, []);
    for (const p of problems) referenceProblems.push(`clean index of ${hash}: ${p}`);
    const ref = { dir, chunkKeys: store.chunkKeys, snapshot };
    references.set(hash, ref);
    return ref;
  };
  const clean = await reference();
  console.log(`  workspace: ${base.size} files, ${clean.chunkKeys.length} chunks; clean index ${(indexMs / 1000).toFixed(1)} s; ${QUERIES.length} queries`);
  if (clean.chunkKeys.length <= 2000) throw new Error(`the workspace has only ${clean.chunkKeys.length} chunks: searches would not go through the HNSW graph (raise --notes)`);

  const setup: Setup = {
    bin: values.bin!,
    ws,
    cliDb: join(ws, ".semsearch", "index.db"),
    lspDb: join(storageDirFor(ws, lspStorage), "index.db"),
    lspStorage,
    modelArgs,
    lspInit: { storagePath: lspStorage, settings: { model: MODEL, localModelPath: MODEL_DIR, fallbackToBundled: false, allowModelDownload: false } },
    hnswBeside: (db) => indexFileFor(db, MODEL),
    indexMs,
  };

  const results: RoundResult[] = [];
  const seenLeftovers = new Set<string>();
  let serial = 0;
  const started = Date.now();
  for (let i = first; i < first + rounds; i++) {
    const kind = kinds[i % kinds.length];
    const t0 = Date.now();
    resetFiles(ws, base);
    const rng = rngFrom((seed * 1_000_003 + i * 7919) >>> 0);
    const outcome = await runRound(kind, setup, rng, () => ++serial);
    const db = outcome.store === "cli" ? setup.cliDb : setup.lspDb;
    const dbArgs = outcome.store === "cli" ? [] : ["--db", db];

    // Restart and finish indexing normally, the way the killed program would be run again.
    const problems = [...outcome.problems];
    const r0 = Date.now();
    if (outcome.store === "cli") {
      const e = await run(setup.bin, ["index", ws, ...modelArgs]);
      if (e.code !== 0) problems.push(`recovery index ${describeExit(e)}: ${lastLines(e.stderr)}`);
    } else {
      problems.push(...(await recoverWithServer(setup)));
    }
    const recoveryMs = Date.now() - r0;

    const store = checkStore(db, MODEL);
    problems.push(...store.problems);
    const ref = await reference();
    const have = new Set(store.chunkKeys);
    const want = new Set(ref.chunkKeys);
    const missing = ref.chunkKeys.filter((k) => !have.has(k));
    const extra = store.chunkKeys.filter((k) => !want.has(k));
    if (missing.length || extra.length || store.chunkKeys.length !== ref.chunkKeys.length)
      problems.push(
        `chunks differ from a clean index: ${store.chunkKeys.length} vs ${ref.chunkKeys.length}, ${missing.length} missing (e.g. ${missing[0] ?? "-"}), ${extra.length} extra (e.g. ${extra[0] ?? "-"})`,
      );
    const searched = await searchSnapshot(setup.bin, ws, modelArgs, dbArgs);
    problems.push(...searched.problems);
    const searchDiffs: string[] = [];
    const diffLists: RoundResult["diffLists"] = [];
    const diffKinds = new Set<DifferenceKind>();
    for (const d of compareSnapshots(searched.snapshot, ref.snapshot)) {
      diffLists.push({ key: d.key, got: searched.snapshot.get(d.key)!, want: ref.snapshot.get(d.key)! });
      const why = await explainDifference(setup.bin, d.key, { folder: ws, args: [...dbArgs, ...modelArgs] }, { folder: ref.dir, args: modelArgs });
      searchDiffs.push(`${d.text} [${why.text}]`);
      diffKinds.add(why.kind);
    }
    const result: RoundResult = {
      round: i + 1,
      kind,
      outcome,
      recoveryMs,
      problems,
      searchDiffs,
      diffLists,
      diffKinds: [...diffKinds],
      identical: searchDiffs.length === 0 && searched.problems.length === 0,
      chunks: store.chunks,
      hnswLabels: store.hnswLabels,
      deletedLabels: store.deletedLabels,
      leftovers: store.leftovers.filter((f) => !seenLeftovers.has(`${db}/${f.name}`)),
      ms: Date.now() - t0,
    };
    for (const f of store.leftovers) seenLeftovers.add(`${db}/${f.name}`);
    results.push(result);
    printRound(result);
  }

  const failed = results.filter((r) => r.problems.length || !r.identical || r.leftovers.length);
  const identical = results.filter((r) => r.identical).length;
  console.log(`\n=== summary (seed ${seed}) ===`);
  console.log(`rounds: ${results.length} in ${((Date.now() - started) / 1000).toFixed(0)} s; SIGKILL landed on a running process in ${results.filter((r) => r.outcome.killLanded).length}`);
  console.log(`top 10 identical to a clean index (${QUERIES.length} queries, hybrid and lexical): ${identical}/${results.length}`);
  const byKind = (k: DifferenceKind) => results.filter((r) => r.diffKinds.includes(k)).length;
  console.log(
    `  differing rounds by cause: tie order only ${results.filter((r) => r.diffKinds.length && r.diffKinds.every((k) => k === "tie")).length}, HNSW graph ${byKind("graph")}, data ${byKind("data")}`,
  );
  console.log(`store sound (integrity, HNSW = chunks, FTS = chunks, chunks = clean index): ${results.filter((r) => !r.problems.length).length}/${results.length}`);
  console.log(`files changed under the writers: ${results.reduce((n, r) => n + r.outcome.changes, 0)}`);
  const left = results.flatMap((r) => r.leftovers);
  console.log(
    `temporary files a killed save left beside the store, still there after recovery: ${left.length} (${(left.reduce((n, f) => n + f.bytes, 0) / 1e6).toFixed(1)} MB) from ${results.filter((r) => r.leftovers.length).length} rounds`,
  );
  console.log(`soft-deleted labels kept in the saved graph (harmless): max ${Math.max(...results.map((r) => r.deletedLabels))}`);
  console.log(`median recovery: ${(median(results.map((r) => r.recoveryMs)) / 1000).toFixed(1)} s`);
  console.log("per kind (rounds / kill landed / sound / identical):");
  for (const k of kinds) {
    const of = results.filter((r) => r.kind === k);
    if (!of.length) continue;
    console.log(`  ${k.padEnd(16)} ${of.length} / ${of.filter((r) => r.outcome.killLanded).length} / ${of.filter((r) => !r.problems.length).length} / ${of.filter((r) => r.identical).length}`);
  }
  const writerEnds = results.flatMap((r) => r.outcome.writerEnds.map((w) => `#${r.round} ${r.kind}: ${w}`));
  if (writerEnds.length) console.log(`two writers, how each ended:\n  ${writerEnds.join("\n  ")}`);
  if (referenceProblems.length) console.log(`problems in the clean indexes themselves:\n  ${referenceProblems.join("\n  ")}`);
  if (failed.length) {
    console.log(`FAILED rounds: ${failed.length}`);
    for (const r of failed) {
      const leftover = r.leftovers.length ? [`left behind: ${r.leftovers.map((f) => `${f.name} (${f.bytes} bytes)`).join(", ")}`] : [];
      console.log(`  #${r.round} ${r.kind} [${r.outcome.notes.filter((n) => !/^(edit|add|delete) /.test(n)).join("; ")}]: ${[...r.problems, ...r.searchDiffs, ...leftover].join(" || ")}`);
    }
  }
  if (values.report) writeFileSync(values.report, JSON.stringify({ seed, rounds: results.length, identical, referenceProblems, results }, null, 2));
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
  return failed.length || referenceProblems.length ? 1 : 0;
}

/** An LSP round's store is reopened by a language server: start one, let it index, shut it down. */
async function recoverWithServer(s: Setup): Promise<string[]> {
  const problems: string[] = [];
  const server = await startServer(s.bin, s.ws, s.lspInit);
  const begun = Date.now();
  while (!server.statuses.some((st) => st.state === "indexing") && Date.now() - begun < 3000) await new Promise((r) => setTimeout(r, 20));
  if (!(await server.waitIdle(180_000))) problems.push("recovery server never became idle");
  else {
    const st = await server.status().catch(() => undefined);
    if (st?.state === "error") problems.push(`recovery server in state error: ${st.message ?? ""}`);
  }
  const e = await server.stop();
  if (e.code !== 0) problems.push(`recovery server exited ${describeExit(e)}: ${lastLines(e.stderr)}`);
  return problems;
}

function printRound(r: RoundResult): void {
  const verdict = r.problems.length ? `FAIL: ${r.problems.join(" || ")}` : "store ok";
  const top = r.identical ? "top10 identical" : `top10 DIFFERS: ${r.searchDiffs.join(" || ")}`;
  const what = [...r.outcome.notes.filter((n) => !/^(edit|add|delete) /.test(n)), ...(r.outcome.changes ? [`${r.outcome.changes} file changes`] : [])];
  const left = r.leftovers.length ? ` | LEFT BEHIND: ${r.leftovers.map((f) => `${f.name} (${f.bytes} B)`).join(", ")}` : "";
  console.log(
    `#${String(r.round).padStart(2)} ${r.kind.padEnd(15)} ${what.join("; ")} | recovery ${(r.recoveryMs / 1000).toFixed(1)} s | ${r.chunks} chunks, ${r.hnswLabels} labels | ${verdict} | ${top}${left} (${(r.ms / 1000).toFixed(1)} s)`,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`crash-and-concurrency: ${err instanceof Error ? err.stack : err}`);
    process.exit(1);
  },
);
