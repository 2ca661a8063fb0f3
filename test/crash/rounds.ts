// The kinds of round: what runs, what changes under it, and the moment it is killed (SIGKILL).
// Each returns a description of what happened; the checks run afterwards, in crash-and-concurrency.ts.
import Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { between, pick, type Rng } from "./prng";
import { delay, pollUntil, run, start, startServer, type Exit, type Running, type Server } from "./processes";
import { mutateOnce } from "./workspace";

export interface Setup {
  bin: string;
  ws: string;
  /** The CLI's store: <ws>/.semsearch/index.db. */
  cliDb: string;
  /** The language server's store for `ws` under `lspStorage` (two servers share it). */
  lspDb: string;
  lspStorage: string;
  modelArgs: string[];
  lspInit: Record<string, unknown>;
  /** HNSW file name of the model beside a database (index.<model>-<hash>.hnsw). */
  hnswBeside(dbPath: string): string;
  /** How long a clean first-time `index` of the base workspace took, ms. */
  indexMs: number;
  /** How long an incremental `index` took when one ended before its kill, ms. */
  incrementalMs?: number;
}

export interface RoundOutcome {
  /** What happened, for the log: kill moment, processes, changes. */
  notes: string[];
  /** Did the SIGKILL land on a running process (false: it had already finished). */
  killLanded: boolean;
  /** Things that are wrong whatever the store holds afterwards: a crash, a writer that never finished. */
  problems: string[];
  /** Which store the round used. */
  store: "cli" | "lsp";
  /** Files changed during the round. */
  changes: number;
  /** Figures of the two-writer rounds: how each writer ended. */
  writerEnds: string[];
}

export const KINDS = [
  "cli-fresh",
  "cli-migration",
  "cli-incremental",
  "cli-rebuild",
  "cli-hnsw-save",
  "lsp-fresh",
  "lsp-reindex",
  "lsp-edit",
  "two-cli",
  "two-lsp",
] as const;
export type Kind = (typeof KINDS)[number];

export async function runRound(kind: Kind, s: Setup, rng: Rng, serial: () => number): Promise<RoundOutcome> {
  const o: RoundOutcome = { notes: [], killLanded: false, problems: [], store: kind.startsWith("cli") || kind === "two-cli" ? "cli" : "lsp", changes: 0, writerEnds: [] };
  const mutate = (n: number) => {
    for (let i = 0; i < n; i++) o.notes.push(mutateOnce(s.ws, rng, serial()));
    o.changes += n;
  };
  const T = s.indexMs;
  switch (kind) {
    case "cli-fresh": {
      removeStore(s.cliDb);
      const p = start(s.bin, ["index", s.ws, ...s.modelArgs]);
      await killAfter(p, between(rng, 0.05, 0.85) * T, o);
      break;
    }
    case "cli-migration": {
      // A fresh store: the kill lands as the database file appears, i.e. while the schema is created.
      removeStore(s.cliDb);
      const p = start(s.bin, ["index", s.ws, ...s.modelArgs]);
      const seen = await pollUntil(() => existsSync(s.cliDb), 30_000);
      // The schema is made within a few ms of the file appearing: half the kills land at once.
      const extra = rng() < 0.5 ? 0 : between(rng, 0.5, 4);
      if (extra) await delay(extra);
      o.killLanded = p.kill();
      await p.exited;
      o.notes.push(`killed ${seen ? `${extra.toFixed(1)} ms after index.db appeared` : "after 30 s without index.db"}; ${schemaAt(s.cliDb)}`);
      break;
    }
    case "cli-incremental": {
      await ensureStore(s, "cli");
      mutate(1 + Math.floor(rng() * 4));
      const p = start(s.bin, ["index", s.ws, ...s.modelArgs]);
      const changing = changeWhile(p.exited, rng, mutate);
      // A run over a few changed files is short (start-up, the scan, a few embeddings): once one has
      // ended before its kill, later kills are drawn within the length it took.
      await killAfter(p, between(rng, 0.05, 1) * (s.incrementalMs ?? 0.35 * T), o);
      if (!o.killLanded) s.incrementalMs = (await p.exited).ms;
      await changing;
      break;
    }
    case "cli-rebuild": {
      await ensureStore(s, "cli");
      const p = start(s.bin, ["index", s.ws, "--rebuild", ...s.modelArgs]);
      await killAfter(p, between(rng, 0.05, 1.0) * T, o);
      break;
    }
    case "cli-hnsw-save": {
      // The only save of these runs is the final one: the kill lands when its temporary file appears.
      await ensureStore(s, "cli");
      const rebuild = rng() < 0.5;
      if (!rebuild) mutate(2 + Math.floor(rng() * 4));
      // Any temporary file of the save (hnsw-index.ts names them <index file>.<pid>.<random>.tmp).
      const tmps = () => saveTemporaries(s.hnswBeside(s.cliDb));
      for (const f of tmps()) rmSync(f, { force: true });
      const p = start(s.bin, ["index", s.ws, ...(rebuild ? ["--rebuild"] : []), ...s.modelArgs]);
      const ended = { yes: false };
      void p.exited.then(() => (ended.yes = true));
      // inotify tells of a temporary file even if it is renamed before a poll would see it. Half the
      // kills land in the watch callback itself (mid-write, mostly: a save of ~2,000 vectors takes
      // a few ms), the others up to 2 ms later (rename and sidecar).
      const immediate = rng() < 0.5;
      const extra = immediate ? 0 : between(rng, 0, 2);
      const named = { yes: false, tmpAtKill: false };
      const stem = `${basename(s.hnswBeside(s.cliDb))}.`;
      const watcher = watch(dirname(s.cliDb), (_event, name) => {
        if (named.yes || !name || !name.startsWith(stem) || !name.includes(".tmp")) return;
        named.yes = true;
        if (immediate) {
          named.tmpAtKill = tmps().length > 0;
          o.killLanded = p.kill();
        }
      });
      const seen = await pollUntil(() => ended.yes || named.yes || tmps().length > 0, 120_000);
      if (!o.killLanded) {
        if (extra >= 1) await delay(extra);
        named.tmpAtKill = tmps().length > 0;
        o.killLanded = p.kill();
      }
      const tmpAtKill = named.tmpAtKill;
      watcher.close();
      o.notes.push(`${rebuild ? "--rebuild" : "incremental"}; killed ${seen && o.killLanded ? `${extra.toFixed(1)} ms after the .hnsw.tmp appeared` : "(the run ended first)"}; tmp ${tmpAtKill ? "present" : "gone"} at the kill`);
      await p.exited;
      break;
    }
    case "lsp-fresh": {
      removeStore(s.lspDb);
      const server = await startServer(s.bin, s.ws, s.lspInit);
      await killServerAfter(server, between(rng, 0.05, 0.8) * T, o);
      break;
    }
    case "lsp-reindex": {
      await ensureStore(s, "lsp");
      const server = await startServer(s.bin, s.ws, s.lspInit);
      if (!(await settle(server, o, "before the reindex"))) break;
      void server.conn.sendRequest("semanticSearch/reindex", {}).catch(() => undefined);
      await killServerAfter(server, between(rng, 0.02, 0.6) * T, o);
      break;
    }
    case "lsp-edit": {
      await ensureStore(s, "lsp");
      const server = await startServer(s.bin, s.ws, s.lspInit);
      if (!(await settle(server, o, "before the edits"))) break;
      const window = between(rng, 300, 3000);
      const changing = changeWhile(delay(window), rng, mutate);
      await killServerAfter(server, between(rng, 0.1, 1.0) * window, o);
      await changing;
      break;
    }
    case "two-cli": {
      const fresh = rng() < 0.5;
      if (fresh) removeStore(s.cliDb);
      else await ensureStore(s, "cli");
      const a = start(s.bin, ["index", s.ws, ...s.modelArgs]);
      const stagger = between(rng, 0, 600);
      await delay(stagger);
      const b = start(s.bin, ["index", s.ws, ...s.modelArgs]);
      const both = Promise.all([a.exited, b.exited]);
      const changing = changeWhile(both, rng, mutate);
      // Mostly one writer is killed while the other goes on; sometimes both run to the end.
      const victim = pick(rng, ["first", "second", "none"] as const);
      if (victim !== "none") await killAfter(victim === "first" ? a : b, between(rng, 0.05, 1.0) * T, o, false);
      const [ea, eb] = await both;
      await changing;
      o.notes.unshift(`${fresh ? "fresh" : "existing"} store; second writer ${stagger.toFixed(0)} ms later; ${victim === "none" ? "no kill" : `${victim} killed`}`);
      for (const [name, e, killed] of [["first", ea, victim === "first"], ["second", eb, victim === "second"]] as const) {
        o.writerEnds.push(`${name}: ${describeExit(e)}`);
        if (!killed || e.signal !== "SIGKILL") judgeWriterExit(`${name} index`, e, o);
      }
      break;
    }
    case "two-lsp": {
      const fresh = rng() < 0.5;
      if (fresh) removeStore(s.lspDb);
      else await ensureStore(s, "lsp");
      const a = await startServer(s.bin, s.ws, s.lspInit);
      const stagger = between(rng, 0, 600);
      await delay(stagger);
      const b = await startServer(s.bin, s.ws, s.lspInit);
      const window = between(rng, 500, 3000);
      const changing = changeWhile(delay(window), rng, mutate);
      const victim = rng() < 0.5 ? a : b;
      const survivor = victim === a ? b : a;
      await killServerAfter(victim, between(rng, 0.1, 1.2) * Math.max(window, T), o);
      await changing;
      o.notes.unshift(`${fresh ? "fresh" : "existing"} store; second server ${stagger.toFixed(0)} ms later; ${victim === a ? "first" : "second"} killed`);
      // The survivor must finish indexing what it saw and stop cleanly.
      const idle = await survivor.waitIdle(120_000);
      const last = idle ? await survivor.status().catch(() => undefined) : undefined;
      if (!idle) o.problems.push(`surviving server never became idle (exited: ${survivor.proc.exitCode ?? survivor.proc.signalCode ?? "no"})`);
      else if (last?.state === "error") o.problems.push(`surviving server in state error: ${last.message ?? ""}`);
      const e = await survivor.stop();
      o.writerEnds.push(`survivor: ${describeExit(e)}${last ? `, state ${last.state}` : ""}`);
      if (e.code !== 0) o.problems.push(`surviving server exited ${e.code ?? e.signal}: ${lastLines(e.stderr)}`);
      break;
    }
  }
  return o;
}

/** Starts from an existing, complete store: builds it once if a fresh round left none. */
async function ensureStore(s: Setup, which: "cli" | "lsp"): Promise<void> {
  const db = which === "cli" ? s.cliDb : s.lspDb;
  if (existsSync(db)) return;
  const e = await run(s.bin, ["index", s.ws, ...(which === "lsp" ? ["--db", db] : []), ...s.modelArgs]);
  if (e.code !== 0) throw new Error(`preparing the ${which} store failed: ${lastLines(e.stderr)}`);
}

/** The schema version a killed first open left committed, read from a copy (never the store itself). */
function schemaAt(db: string): string {
  if (!existsSync(db)) return "no index.db yet";
  const copy = mkdtempSync(join(tmpdir(), "crash-schema-"));
  try {
    for (const suffix of ["", "-wal"]) if (existsSync(db + suffix)) copyFileSync(db + suffix, join(copy, `index.db${suffix}`));
    const probe = new Database(join(copy, "index.db"));
    try {
      return `schema version ${probe.pragma("user_version", { simple: true })} committed at the kill${existsSync(`${db}-wal`) ? " (wal present)" : ""}`;
    } finally {
      probe.close();
    }
  } catch (err) {
    return `schema unreadable at the kill: ${(err as Error).message}`;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Temporary files beside an HNSW index file: a save in progress (or one a kill left behind). */
export function saveTemporaries(indexFile: string): string[] {
  const dir = dirname(indexFile);
  const stem = `${basename(indexFile)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.startsWith(stem) && n.includes(".tmp")).map((n) => join(dir, n));
}

function removeStore(db: string): void {
  rmSync(join(db, ".."), { recursive: true, force: true });
}

async function killAfter(p: Running, ms: number, o: RoundOutcome, judge = true): Promise<void> {
  const finished = await Promise.race([p.exited.then(() => true), delay(ms).then(() => false)]);
  o.killLanded = !finished && p.kill();
  o.notes.push(o.killLanded ? `killed at ${ms.toFixed(0)} ms` : `ended before the kill at ${ms.toFixed(0)} ms`);
  const e = await p.exited;
  if (!o.killLanded && judge) judgeWriterExit("index", e, o);
}

async function killServerAfter(server: Server, ms: number, o: RoundOutcome): Promise<void> {
  const exited = await Promise.race([server.exited.then(() => true), delay(ms).then(() => false)]);
  o.killLanded = !exited && server.kill();
  const state = server.statuses.at(-1)?.state ?? "none yet";
  o.notes.push(o.killLanded ? `server killed at ${ms.toFixed(0)} ms (last status: ${state})` : `server had exited before the kill at ${ms.toFixed(0)} ms`);
  const e = await server.exited;
  server.conn.dispose();
  if (!o.killLanded) o.problems.push(`server exited by itself: ${describeExit(e)}: ${lastLines(e.stderr)}`);
}

/** Waits for a started server to finish its first indexing pass; false (and a problem) if it does not. */
async function settle(server: Server, o: RoundOutcome, when: string): Promise<boolean> {
  await pollUntil(() => server.statuses.some((st) => st.state === "indexing"), 3000);
  if (await server.waitIdle(120_000)) return true;
  o.problems.push(`server never became idle ${when}`);
  server.kill();
  await server.exited;
  return false;
}

/** Changes files every 50-400 ms until `until` settles. */
async function changeWhile(until: Promise<unknown>, rng: Rng, mutate: (n: number) => void): Promise<void> {
  let done = false;
  void until.then(() => (done = true));
  while (!done) {
    await delay(between(rng, 50, 400));
    if (!done) mutate(1);
  }
}

/** A writer that ended by itself: 0, or 1 with a message, is an answer; anything else is a crash. */
function judgeWriterExit(who: string, e: Exit, o: RoundOutcome): void {
  if (e.code === 0) return;
  const stack = /^\s+at /m.test(e.stderr);
  if (e.code === 1 && e.stderr.trim() && !stack) {
    o.notes.push(`${who} refused: ${lastLines(e.stderr)}`);
    return;
  }
  o.problems.push(`${who} crashed (${describeExit(e)}${stack ? ", with a stack trace" : ""}): ${lastLines(e.stderr)}`);
}

export function describeExit(e: Exit): string {
  return e.signal ? `killed by ${e.signal}` : `exit ${e.code}`;
}

export function lastLines(text: string, n = 2): string {
  return text
    .trim()
    .split("\n")
    .filter((l) => l.trim() && !/Unloaded the model/.test(l))
    .slice(-n)
    .join(" | ")
    .slice(0, 400);
}
