// How long searches and hovers wait while the language server rebuilds a 100k-vector HNSW index,
// and while it saves one after a change: p50 and p95 per window, for the server in this tree and,
// with --before DIR, for an older build (a checkout with its own dist/), in one run.
//
//   git worktree add /tmp/semsearch-before <commit> && ln -s "$PWD/node_modules" /tmp/semsearch-before/
//   (cd /tmp/semsearch-before && node scripts/build.mjs)
//   npm run build && node --import tsx bench/rebuild-latency.ts --before /tmp/semsearch-before [--after DIR] [--chunks 100000]
//
// The workspace is 2,000 markdown files whose 100k chunks (50 a file) are written straight into the
// database with synthetic 512-d vectors (the bundled model's width) and the files' real content
// hashes, so opening it finds nothing to embed but a missing HNSW file to rebuild. Chunk text is
// made-up words plus one of 200 topic phrases, so keyword matches are selective as in real text.
// Queries are real: the bundled model embeds them. Writes bench/results/rebuild-latency.json.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from "vscode-languageserver-protocol/node";
import { contentHash } from "../server/src/engine/indexer";
import { storageDirFor } from "../server/src/lsp/storage";
import { Store, type FileUpdate } from "../server/src/store/store";
import { machine } from "./lib/machine";
import { ClusteredStream, rng } from "./lib/synthetic";

const MODEL = "bundled:use-lite";
const DIMS = 512;
const FILES = 2000;
const QUERIES = ["how do I parse command line options", "retry a request after a timeout", "where are settings stored", "glaciers carve valleys"];
/** 200 topic phrases, each in about 0.5% of the chunks, so a keyword search matches hundreds, not all. */
const TOPICS = Array.from({ length: 200 }, (_, i) => (i < QUERIES.length ? QUERIES[i] : `topic${i} subject${i % 37} matter${i % 11}`));

const { values } = parseArgs({ options: { before: { type: "string" }, after: { type: "string" }, chunks: { type: "string", default: "100000" } } });
const CHUNKS = Number(values.chunks);
const PER_FILE = Math.ceil(CHUNKS / FILES);

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const round = (x: number) => Math.round(x * 10) / 10;
const summary = (xs: number[]) => ({ n: xs.length, p50: round(pct(xs, 50)), p95: round(pct(xs, 95)), max: round(Math.max(0, ...xs)) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A workspace and a database that hold the same files, with no HNSW file beside the database. */
function makeWorkspace(root: string, storage: string): string {
  const dbPath = join(storageDirFor(root, storage), "index.db");
  const store = Store.open(dbPath);
  const model = store.model(MODEL, DIMS).id;
  const stream = new ClusteredStream(DIMS, 7);
  const r = rng(3);
  // Filler from a 20,000-word made-up vocabulary, plus one topic phrase a chunk.
  const words = (n: number) => Array.from({ length: n }, () => `w${Math.floor(r() * 20000).toString(36)}`).join(" ");
  for (let f = 0; f < FILES; f += 50) {
    const updates: FileUpdate[] = [];
    for (let i = f; i < Math.min(FILES, f + 50); i++) {
      const lines = Array.from({ length: PER_FILE }, (_, j) => `Note ${i}.${j}: ${words(6)} ${TOPICS[Math.floor(r() * TOPICS.length)]} ${words(6)}.`);
      const text = `# File ${i}\n\n${lines.join("\n\n")}\n`;
      mkdirSync(join(root, `d${i % 20}`), { recursive: true });
      const path = `d${i % 20}/file-${i}.md`;
      writeFileSync(join(root, path), text);
      const vectors = stream.next(PER_FILE);
      updates.push({
        path,
        contentHash: contentHash(text),
        size: Buffer.byteLength(text),
        chunks: lines.map((line, j) => ({ startLine: 3 + 2 * j, endLine: 3 + 2 * j, text: line, metadata: { language: "markdown", kind: "markdown" }, vector: vectors.subarray(j * DIMS, (j + 1) * DIMS) })),
      });
    }
    store.writeBatch(model, updates);
  }
  const counts = store.counts(model);
  store.close();
  console.error(`workspace: ${counts.files} files, ${counts.chunks} chunks in ${dbPath}`);
  return dbPath;
}

interface Server {
  conn: ProtocolConnection;
  logs: { at: number; message: string }[];
  stop(): Promise<void>;
}

async function startServer(cli: string, root: string, storage: string): Promise<Server> {
  const proc = spawn(cli, ["lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const logs: { at: number; message: string }[] = [];
  conn.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => ({ model: "bundled" })));
  conn.onRequest("client/registerCapability", () => null);
  conn.onRequest("window/workDoneProgress/create", () => null);
  conn.onNotification("window/logMessage", (m: { message: string }) => void logs.push({ at: Date.now(), message: m.message }));
  conn.listen();
  await conn.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: "bench" }],
    initializationOptions: { storagePath: storage },
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  await conn.sendNotification("initialized", {});
  return {
    conn,
    logs,
    async stop() {
      await Promise.race([conn.sendRequest("shutdown"), sleep(120_000)]).catch(() => undefined);
      await conn.sendNotification("exit").catch(() => undefined);
      await Promise.race([new Promise((r) => proc.once("exit", r)), sleep(10_000)]);
      proc.kill("SIGKILL");
      conn.dispose();
    },
  };
}

/** Searches and hovers, one after another, until `until()`; each sample tagged by `tag()` at send time. */
async function measure(s: Server, hoverUri: string, until: () => boolean, tag: () => boolean = () => true) {
  const search: number[] = [];
  const hover: number[] = [];
  for (let i = 0; !until(); i++) {
    const counted = tag();
    const t = process.hrtime.bigint();
    if (i % 2 === 0) await s.conn.sendRequest("semanticSearch/search", { query: QUERIES[i % QUERIES.length], topK: 10 });
    else await s.conn.sendRequest("textDocument/hover", { textDocument: { uri: hoverUri }, position: { line: 2, character: 3 } });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (counted) (i % 2 === 0 ? search : hover).push(ms);
    await sleep(20);
  }
  return { search: { ...summary(search), all: search }, hover: { ...summary(hover), all: hover } };
}

async function run(label: string, cli: string) {
  const root = mkdtempSync(join(tmpdir(), "rebuild-ws-"));
  const storage = mkdtempSync(join(tmpdir(), "rebuild-store-"));
  const dbPath = makeWorkspace(root, storage);
  const dir = join(dbPath, "..");
  const hnswFiles = () => readdirSync(dir).filter((f) => f.endsWith(".hnsw"));
  const saving = () => readdirSync(dir).some((f) => f.endsWith(".hnsw.tmp"));
  const hoverPath = join(root, "d0", "file-0.md");
  const hoverUri = pathToFileURL(hoverPath).href;

  const started = Date.now();
  const s = await startServer(cli, root, storage);
  await s.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: hoverUri, languageId: "markdown", version: 1, text: readFileSync(hoverPath, "utf8") } });
  // The rebuild window: until the HNSW file is written and the first pass has ended.
  const passEnded = () => s.logs.some((l) => /\d+ files, \d+ chunks/.test(l.message));
  const rebuilt = () => hnswFiles().length > 0 && !saving() && passEnded();
  const during = await measure(s, hoverUri, rebuilt);
  const rebuildSeconds = (Date.now() - started) / 1000;

  // The save windows: a changed file makes the server write the whole index again (3 s after the
  // burst); three rounds, for enough samples while the file is being written.
  const whileSaving = { search: [] as number[], hover: [] as number[] };
  for (let round = 1; round <= 3; round++) {
    const changed = join(root, "d1", `file-${round}.md`);
    writeFileSync(changed, `# File ${round}\n\nA changed note about glaciers, round ${round}.\n`);
    await s.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(changed).href, type: 2 }] });
    let sawSave = false;
    const deadline = Date.now() + 30_000;
    const samples = await measure(
      s,
      hoverUri,
      () => (sawSave && !saving()) || Date.now() > deadline,
      () => {
        const now = saving();
        sawSave ||= now;
        return now;
      },
    );
    whileSaving.search.push(...samples.search.all);
    whileSaving.hover.push(...samples.hover.all);
  }
  const idle = await measure(s, hoverUri, ((n) => () => n-- <= 0)(40));
  await s.stop();
  rmSync(root, { recursive: true, force: true });
  rmSync(storage, { recursive: true, force: true });
  const brief = (m: { search: { all: number[] }; hover: { all: number[] } }) => ({ search: summary(m.search.all), hover: summary(m.hover.all) });
  const result = { label, cli, rebuildWindowSeconds: round(rebuildSeconds), duringRebuild: brief(during), duringSave: { search: summary(whileSaving.search), hover: summary(whileSaving.hover) }, idle: brief(idle) };
  console.error(JSON.stringify(result));
  return result;
}

async function main() {
  const here = join(__dirname, "..");
  const runs = [];
  if (values.before) runs.push(await run("before", join(values.before, "bin", "semsearch")));
  // --after DIR: a copy of this tree's bin/ and dist/, so that a rebuild of dist/ meanwhile cannot change what is measured.
  runs.push(await run("after", join(values.after ?? here, "bin", "semsearch")));
  const out = { bench: "rebuild-latency", date: new Date().toISOString(), machine: machine(), chunks: CHUNKS, dims: DIMS, files: FILES, runs };
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "rebuild-latency.json"), JSON.stringify(out, null, 2) + "\n");
  console.log(JSON.stringify(out, null, 2));
  // The language client's streams of the stopped servers would keep this script alive.
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
