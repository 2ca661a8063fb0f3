// Two workspace folders with settings of their own (workspace/configuration asked with each folder's
// scopeUri): each is indexed with its own model and excludes, and query-time settings change per
// folder without opening either folder again.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { indexFileFor } from "../../server/src/engine/engine";
import { storageDirFor } from "../../server/src/lsp/storage";
import { startClient, waitFor, type Client } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
const TINY_MODEL = join(__dirname, "..", "fixtures", "tiny-model", "semsearch", "tiny-bert");
const SECRET = "# Spices\n\nZanzibar is known for its clove plantations and the spice trade.\n";
const DRAFT = "# Plan\n\nA quokka is a small marsupial that lives on Rottnest Island.\n";
const EIFFEL = "Where is the Eiffel Tower located?";

let a: string;
let b: string;
let storage: string;
let client: Client;
const search = (query: string, extra: object = {}) => client.conn.sendRequest("semanticSearch/search", { query, topK: 60, ...extra }) as Promise<any>;
const inFolder = (root: string) => (r: { uri: string }) => r.uri.startsWith(pathToFileURL(root).href + "/");
const rel = (root: string, r: { uri: string }) => r.uri.slice(pathToFileURL(root).href.length + 1);

before(async () => {
  a = mkdtempSync(join(tmpdir(), "lsp-multi-a-"));
  b = mkdtempSync(join(tmpdir(), "lsp-multi-b-"));
  storage = mkdtempSync(join(tmpdir(), "lsp-multi-store-"));
  for (const root of [a, b]) {
    cpSync(KB, root, { recursive: true });
    writeFileSync(join(root, "secret.md"), SECRET);
    mkdirSync(join(root, "drafts"));
    writeFileSync(join(root, "drafts", "plan.md"), DRAFT);
  }
  client = await startClient({
    folders: [a, b],
    storagePath: storage,
    // The unscoped settings: what a folder without settings of its own would get.
    settings: { model: "bundled", exclude: ["*.md"] },
    folderSettings: {
      [a]: { model: "bundled", exclude: ["drafts/**"] },
      [b]: { model: TINY_MODEL, fallbackToBundled: false, exclude: ["secret.md"] },
    },
  });
});

after(async () => {
  await client?.stop();
  for (const d of [a, b, storage]) rmSync(d, { recursive: true, force: true });
});

test("settings are asked for each folder by its scopeUri", () => {
  const scopes = client.configurationItems.filter((i) => i.section === "semanticSearch").map((i) => i.scopeUri);
  assert.ok(scopes.includes(pathToFileURL(a).href), JSON.stringify(scopes));
  assert.ok(scopes.includes(pathToFileURL(b).href), JSON.stringify(scopes));
});

test("each folder keeps its own excludes: a file excluded in one folder is indexed in the other", async () => {
  const secret = (await search("zanzibar clove plantations", { mode: "lexical" })).results;
  assert.ok(secret.some((r: any) => inFolder(a)(r) && rel(a, r) === "secret.md"), "secret.md is indexed in A");
  assert.ok(!secret.some(inFolder(b)), "secret.md is excluded in B");
  const draft = (await search("quokka marsupial rottnest", { mode: "lexical" })).results;
  assert.ok(draft.some((r: any) => inFolder(b)(r) && rel(b, r) === "drafts/plan.md"), "drafts/plan.md is indexed in B");
  assert.ok(!draft.some(inFolder(a)), "drafts/ is excluded in A");
  const status: any = await client.conn.sendRequest("semanticSearch/status");
  // 22 files in each folder (the knowledge base, secret.md, drafts/plan.md), one excluded in each.
  assert.equal(status.files, 42, JSON.stringify(status));
});

test("each folder is indexed with its own model", async () => {
  for (const [root, model, other] of [
    [a, "bundled:use-lite", TINY_MODEL],
    [b, TINY_MODEL, "bundled:use-lite"],
  ] as const) {
    const files = readdirSync(storageDirFor(root, storage));
    const own = indexFileFor(join(storageDirFor(root, storage), "index.db"), model).split("/").at(-1)!;
    const foreign = indexFileFor(join(storageDirFor(root, storage), "index.db"), other).split("/").at(-1)!;
    assert.ok(files.includes(own), `${own} in ${JSON.stringify(files)}`);
    assert.ok(!files.includes(foreign), `${foreign} in ${JSON.stringify(files)}`);
  }
  // The same passage scores differently under the two models.
  const results = (await search(EIFFEL, { mode: "semantic" })).results;
  const inA = results.find((r: any) => inFolder(a)(r) && rel(a, r) === "05-eiffel-tower.md");
  const inB = results.find((r: any) => inFolder(b)(r) && rel(b, r) === "05-eiffel-tower.md");
  assert.ok(inA && inB, "both folders answer");
  assert.notEqual(inA.score.toFixed(4), inB.score.toFixed(4));
  assert.equal(results.filter(inFolder(a))[0] && rel(a, results.filter(inFolder(a))[0]), "05-eiffel-tower.md", "the bundled model finds the tower in A");
});

test("thresholds, searchMode and efSearch change per folder without opening either folder again", async () => {
  const bandsOf = async (root: string, extra: object = { mode: "semantic" }) =>
    Object.fromEntries((await search(EIFFEL, extra)).results.filter(inFolder(root)).map((r: any) => [rel(root, r), r.band]));
  const bandsA = await bandsOf(a);
  assert.ok(Object.values(bandsA).some((band) => band !== "strong"), "A has hits below strong to begin with");
  const progressBefore = client.progress.length;
  const statusesBefore = client.statuses.length;
  const logsBefore = client.logs.length;
  const change = async (folder: string, settings: Record<string, unknown>) => {
    client.folderSettings[folder] = { ...client.folderSettings[folder], ...settings };
    await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
  };

  // Every band of B strong, then every band weak: whatever the tiny model's scores, one of the two is a change.
  await change(b, { thresholds: { strong: -1, possible: -1 }, hnsw: { efSearch: 50 } });
  await waitFor(async () => Object.values(await bandsOf(b)).every((band) => band === "strong"), 10_000, "B's bands to be strong");
  await change(b, { thresholds: { strong: 2, possible: 2 } });
  await waitFor(async () => Object.values(await bandsOf(b)).every((band) => band === "weak"), 10_000, "B's bands to be weak");
  assert.deepEqual(await bandsOf(a), bandsA, "A keeps its own thresholds");
  await change(a, { searchMode: "lexical" });
  await waitFor(async () => (await search("eiffel tower")).results.filter(inFolder(a)).every((r: any) => r.matchedBy === "lexical"), 10_000, "A to search by keywords");
  assert.ok((await search("eiffel tower")).results.filter(inFolder(b)).some((r: any) => r.matchedBy !== "lexical"), "B still searches in its own (hybrid) mode");

  const quiet = client.statuses.slice(statusesBefore);
  assert.ok(quiet.every((st) => st.state === "idle" && st.files === 42), `no folder was opened again: ${JSON.stringify(quiet)}`);

  // A change to what B stores does open B again: after it, nothing else must have been opened.
  const reopened = client.nextIndexingEnd();
  await change(b, { exclude: ["drafts/**"] });
  await reopened;
  await waitFor(async () => (await search("zanzibar clove plantations", { mode: "lexical" })).results.some(inFolder(b)), 30_000, "secret.md to be indexed in B");
  await client.waitForIdle();
  const progress = client.progress.slice(progressBefore);
  assert.equal(progress.filter((p) => p.kind === "begin").length, 1, `one indexing run, for the exclude change: ${JSON.stringify(progress)}`);
  const reopenLogs = client.logs.slice(logsBefore).filter((l) => /settings changed; opening it again/.test(l));
  assert.equal(reopenLogs.length, 1, JSON.stringify(reopenLogs));
  assert.ok(reopenLogs[0].startsWith(b), reopenLogs[0]);
  assert.ok(!client.logs.slice(logsBefore).some((l) => l.startsWith(`${a}:`)), "A was neither opened nor indexed again");
});
