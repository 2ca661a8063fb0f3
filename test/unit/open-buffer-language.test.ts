// An open buffer arrives with the editor's languageId (typescriptreact for .tsx), but the server
// files it by its path, the same way a walk over the folder does: a filter on typescript finds it.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import { FileSync } from "../../server/src/lsp/file-sync";
import { Workspace } from "../../server/src/lsp/workspace";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const APP = `export function ShoppingCart({ items }: { items: string[] }) {
  return <ul>{items.map((item) => <li key={item}>{item}</li>)}</ul>;
}
`;

test("a typescriptreact buffer of a .tsx file is indexed as typescript, by its path", async () => {
  const root = mkdtempSync(join(tmpdir(), "open-buffer-"));
  dirs.push(root);
  const workspace = new Workspace({ model: "bundled", storagePath: join(root, ".storage") }, () => {}, () => {}, () => undefined);
  const [folder] = workspace.setFolders([{ uri: pathToFileURL(root).href }]);
  await folder.open(workspace.settings);
  assert.ok(folder.engine, folder.message);
  // Unsaved buffers: the files are not on disk, so only the buffers' text can be indexed. The
  // second one's language mode was switched by hand; its path still says what it is.
  const docs = new Map(
    [
      TextDocument.create(pathToFileURL(join(root, "src/App.tsx")).href, "typescriptreact", 1, APP),
      TextDocument.create(pathToFileURL(join(root, "src/Cart.jsx")).href, "plaintext", 1, APP.replace(": { items: string[] }", "")),
    ].map((d) => [d.uri, d]),
  );
  const sync = new FileSync(workspace, (uri) => docs.get(uri), () => {}, () => {});
  try {
    for (const uri of docs.keys()) await sync.update(uri);
    const typescript = await folder.engine.search({ query: "shopping cart items list", topK: 5, filter: { language: "typescript" } });
    assert.deepEqual(typescript.results.map((r) => [r.path, r.metadata.language, r.metadata.kind]), [["src/App.tsx", "typescript", "code"]]);
    const javascript = await folder.engine.search({ query: "shopping cart items list", topK: 5, filter: { language: "javascript" } });
    assert.deepEqual(javascript.results.map((r) => r.path), ["src/Cart.jsx"]);
    const editorIds = await folder.engine.search({ query: "shopping cart items list", topK: 5, filter: { language: "typescriptreact" } });
    assert.equal(editorIds.results.length, 0, "the index never stores an editor-only id");
  } finally {
    sync.dispose();
    await folder.close();
  }
});
