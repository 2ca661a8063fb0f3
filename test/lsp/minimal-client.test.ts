// Issue 11: a client without workspace folders, file watching or dynamic registration still gets its
// folder indexed, searched, hovered and kept fresh, and the server still shuts down cleanly. The same
// checks run with a full client, a client that declares only work-done progress and configuration,
// and one that declares nothing at all (its settings in initializationOptions).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ClientCapabilities } from "vscode-languageserver-protocol";
import { FULL_CAPABILITIES, startClient, waitFor, type Client } from "./lsp-client";

const KB = join(__dirname, "..", "..", "examples", "knowledge-base");
/** The settings every variant indexes with: the exclude shows they were read, whichever way they came. */
const SETTINGS = { model: "bundled", fallbackToBundled: false, exclude: ["06-amazon-river.md"] };

interface Variant {
  name: string;
  capabilities: ClientCapabilities;
  folderParams: "workspaceFolders" | "rootUri" | "rootPath";
  /** Settings through initializationOptions instead of workspace/configuration. */
  settingsInInit?: boolean;
  /** Requests the client declares but fails. */
  failRequests?: string[];
}

const VARIANTS: Variant[] = [
  { name: "a full client", capabilities: FULL_CAPABILITIES, folderParams: "workspaceFolders" },
  {
    name: "a client with only work-done progress and configuration (rootUri)",
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } },
    folderParams: "rootUri",
  },
  { name: "a client with no capabilities at all (rootPath, settings in initializationOptions)", capabilities: {}, folderParams: "rootPath", settingsInInit: true },
  {
    name: "a full client whose registrations and progress creation fail",
    capabilities: FULL_CAPABILITIES,
    folderParams: "workspaceFolders",
    failRequests: ["client/registerCapability", "window/workDoneProgress/create"],
  },
];

for (const variant of VARIANTS) {
  describe(variant.name, () => {
    // Whether the client reports changes on disk: only once it has registered the server's watcher.
    const watchesFiles = !!variant.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration && !variant.failRequests?.includes("client/registerCapability");
    const hasProgress = !!variant.capabilities.window?.workDoneProgress && !variant.failRequests?.includes("window/workDoneProgress/create");
    const canConfigure = !!variant.capabilities.workspace?.configuration;
    let root: string;
    let storage: string;
    let client: Client;
    const uri = (rel: string) => pathToFileURL(join(root, rel)).href;
    const search = (query: string, extra: object = {}) => client.conn.sendRequest("semanticSearch/search", { query, topK: 10, ...extra }) as Promise<any>;
    const status = () => client.conn.sendRequest("semanticSearch/status") as Promise<any>;
    /** What an editor does after a file changed on disk: a full client reports it; the others leave it to the server's watcher. */
    const onDisk = async (rel: string, type: 1 | 2 | 3) => {
      if (watchesFiles) await client.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(rel), type }] });
    };

    before(async () => {
      root = mkdtempSync(join(tmpdir(), "lsp-minimal-"));
      storage = mkdtempSync(join(tmpdir(), "lsp-minimal-store-"));
      cpSync(KB, root, { recursive: true });
      client = await startClient({
        folders: [root],
        storagePath: storage,
        capabilities: variant.capabilities,
        folderParams: variant.folderParams,
        failRequests: variant.failRequests,
        // A client that cannot be asked: anything in `settings` would go unread.
        settings: variant.settingsInInit ? { model: "Xenova/not-used" } : SETTINGS,
        initializationOptions: variant.settingsInInit ? { settings: SETTINGS } : {},
      });
    });

    after(async () => {
      if (client && client.proc.exitCode === null) await client.stop();
      rmSync(root, { recursive: true, force: true });
      rmSync(storage, { recursive: true, force: true });
    });

    test("indexes the folder with its settings, and the status notification says when it is done", async () => {
      const s = await status();
      assert.equal(s.state, "idle", JSON.stringify(s));
      assert.equal(s.model, "bundled:use-lite");
      assert.equal(s.message, undefined, "no fallback note: the configured model was used");
      assert.equal(s.files, 19, "the 20 files of the knowledge base but the excluded one");
      assert.ok(s.chunks >= 19, `${s.chunks} chunks`);
      await waitFor(() => client.statuses.some((n) => n.state === "idle" && n.files === 19), 10_000, "an idle status notification");
      if (!hasProgress) assert.deepEqual(client.progress, [], "no work-done progress without it");
      else assert.ok(client.progress.some((p) => p.kind === "end"));
    });

    test("searches, and the excluded file is not in the index", async () => {
      const eiffel = await search("Where is the Eiffel Tower located?");
      assert.equal(eiffel.results[0]?.uri, uri("05-eiffel-tower.md"));
      const amazon = await search("Amazon river rainforest South America", { mode: "lexical" });
      assert.ok(!amazon.results.some((r: any) => r.uri.endsWith("06-amazon-river.md")), JSON.stringify(amazon.results.map((r: any) => r.uri)));
    });

    test("hovers over a paragraph of an opened document", async () => {
      const docUri = uri("16-artificial-intelligence.md");
      await client.conn.sendNotification("textDocument/didOpen", {
        textDocument: { uri: docUri, languageId: "markdown", version: 1, text: readFileSync(join(root, "16-artificial-intelligence.md"), "utf8") },
      });
      const hover: any = await client.conn.sendRequest("textDocument/hover", { textDocument: { uri: docUri }, position: { line: 5, character: 10 } });
      assert.equal(hover?.contents.kind, "markdown");
      assert.match(hover.contents.value, /19-machine-learning\.md:6/);
      await client.conn.sendNotification("textDocument/didClose", { textDocument: { uri: docUri } });
    });

    test("sees files created, changed and deleted on disk", async () => {
      const found = async (query: string, rel: string) => (await search(query, { mode: "lexical" })).results.some((r: any) => r.uri === uri(rel));
      // A new file in a new folder: the watcher must pick up the folder, then its file.
      mkdirSync(join(root, "birds"));
      writeFileSync(join(root, "birds", "kiwi.md"), "# Kiwi\n\nThe kiwi is a flightless bird of New Zealand that lays a very large egg.\n");
      await onDisk("birds/kiwi.md", 1);
      await waitFor(() => found("kiwi flightless bird", "birds/kiwi.md"), 30_000, "the new file to be indexed");
      appendFileSync(join(root, "09-tokyo.md"), "\nTokyo also has the Shibuya scramble crossing, among the busiest crossings anywhere.\n");
      await onDisk("09-tokyo.md", 2);
      await waitFor(() => found("shibuya scramble crossing", "09-tokyo.md"), 30_000, "the changed file to be indexed again");
      rmSync(join(root, "birds", "kiwi.md"));
      await onDisk("birds/kiwi.md", 3);
      await waitFor(async () => !(await found("kiwi flightless bird", "birds/kiwi.md")), 30_000, "the deleted file to leave the index");
    });

    test("a settings change takes effect (thresholds at once), keeping the settings that came first", async () => {
      const thresholds = { strong: -1, possible: -1 };
      if (canConfigure) {
        client.settings = { ...client.settings, thresholds };
        await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
      } else {
        // Pushed settings are laid over initializationOptions.settings: the exclude still holds.
        await client.conn.sendNotification("workspace/didChangeConfiguration", { settings: { semanticSearch: { thresholds } } });
      }
      await waitFor(async () => (await search("Where is the Eiffel Tower located?")).results.every((r: any) => r.band === "strong"), 10_000, "every band to be strong");
      const s = await status();
      assert.equal(s.files, 19);
      assert.equal(s.state, "idle");
    });

    test("the server asked only for what the client declared", () => {
      assert.deepEqual(client.refused, [], "requests the client does not support");
      if (canConfigure) assert.ok(client.configurationItems.some((i) => i.scopeUri === pathToFileURL(root).href), "settings are asked for the folder");
    });

    test("shuts down cleanly: the process exits 0 after shutdown and exit", async () => {
      assert.equal(await client.stop(), 0, client.stderr.join(""));
    });
  });
}
