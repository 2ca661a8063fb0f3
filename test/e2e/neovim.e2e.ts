// The same language server in a second editor: Neovim (Debian's, 0.7), headless, with the plugin in
// editors/neovim. It checks what a Neovim user does: open a note, wait for the folder to be indexed,
// `:SemanticSearch` a question into the quickfix list, and `:SemanticSimilar` on a line. Neovim 0.7
// does not declare workspace/configuration and encodes an empty parameter table as `[]`: the
// settings must arrive through initializationOptions (the bundled model below) and a request
// without parameters must be answered (the status poll).
//
// The index lives in a temporary folder (SEMSEARCH_STORAGE) and no model folder holds anything
// (SEMSEARCH_MODELS): nothing outside the test's folders is read or written.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./harness";

const work = mkdtempSync(join(tmpdir(), "semsearch-e2e-nvim-"));
after(() => rmSync(work, { recursive: true, force: true }));

// Runs in Neovim after the init file: every step's outcome goes to result.json.
const SCRIPT = String.raw`
local out = { search = {}, similar = {} }
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.KB .. "/05-eiffel-tower.md"))
local buf = vim.api.nvim_get_current_buf()
out.indexed = vim.wait(90000, function()
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
    local r = c.request_sync("semanticSearch/status", {}, 5000, buf)
    if r and r.err then out.status_error = r.err.message end
    if r and r.result and r.result.state == "idle" and r.result.chunks > 0 then
      out.model, out.chunks = r.result.model, r.result.chunks
      return true
    end
  end
  return false
end, 500)
local function quickfix()
  local items = {}
  for _, item in ipairs(vim.fn.getqflist()) do
    table.insert(items, { file = vim.fn.fnamemodify(vim.fn.bufname(item.bufnr), ":t"), line = item.lnum, text = item.text })
  end
  return items
end
vim.cmd("SemanticSearch how do plants turn sunlight into food")
vim.wait(30000, function() return #vim.fn.getqflist() > 0 end, 100)
out.search = quickfix()
out.search_title = vim.fn.getqflist({ title = 1 }).title
vim.cmd("cclose")
vim.api.nvim_set_current_buf(buf)
vim.fn.setqflist({})
vim.cmd("6SemanticSimilar")
vim.wait(30000, function() return #vim.fn.getqflist() > 0 end, 100)
out.similar = quickfix()
vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.RESULT)
vim.cmd("qa!")
`;

test("Neovim: the plugin indexes the folder and answers :SemanticSearch and :SemanticSimilar in the quickfix list", () => {
  const kb = join(work, "kb");
  cpSync(join(REPO_ROOT, "examples", "knowledge-base"), kb, { recursive: true });
  mkdirSync(join(kb, ".git")); // the plugin's root marker: the folder is the workspace
  const storage = join(work, "storage");
  const models = join(work, "models");
  mkdirSync(storage);
  mkdirSync(models);
  const init = join(work, "init.lua");
  writeFileSync(
    init,
    `vim.opt.runtimepath:append(${JSON.stringify(join(REPO_ROOT, "editors", "neovim"))})\n` +
      `require("semsearch").setup({ cmd = { ${JSON.stringify(join(REPO_ROOT, "bin", "semsearch"))}, "lsp", "--stdio" }, settings = { model = "bundled" } })\n`,
  );
  const script = join(work, "run.lua");
  writeFileSync(script, SCRIPT);
  const resultFile = join(work, "result.json");
  const r = spawnSync("nvim", ["--headless", "-n", "-i", "NONE", "-u", init, "-c", `luafile ${script}`], {
    cwd: kb,
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, KB: kb, RESULT: resultFile, SEMSEARCH_STORAGE: storage, SEMSEARCH_MODELS: models, XDG_STATE_HOME: work, XDG_CACHE_HOME: work },
  });
  assert.equal(r.error, undefined, `nvim: ${r.error?.message}`);
  const out = JSON.parse(readFileSync(resultFile, "utf8")) as {
    indexed: boolean;
    model: string;
    chunks: number;
    status_error?: string;
    search: { file: string; line: number; text: string }[];
    search_title: string;
    similar: { file: string; line: number; text: string }[];
  };
  assert.equal(out.status_error, undefined, "a request Neovim sends with {} (encoded []) is answered");
  assert.ok(out.indexed, r.stderr);
  // The setting reached the server through initializationOptions: no fallback, no question.
  assert.equal(out.model, "bundled:use-lite");
  assert.equal(out.chunks, 20);
  assert.doesNotMatch(r.stderr + r.stdout, /Could not load embedding model/);

  assert.equal(out.search_title, "Semantic Search: how do plants turn sunlight into food");
  assert.ok(out.search.length >= 3, JSON.stringify(out.search));
  assert.deepEqual([out.search[0].file, out.search[0].line], ["00-photosynthesis.md", 6]);
  assert.match(out.search[0].text, /^\d+\.\d% (strong|possible|weak) {2}Photosynthesis is the process/);

  // Like the Eiffel Tower's line, from elsewhere: its own file is left out.
  assert.ok(out.similar.length > 0);
  assert.ok(out.similar.every((h) => h.file !== "05-eiffel-tower.md"), JSON.stringify(out.similar));
  assert.match(out.similar[0].text, /^\d+\.\d% (strong|possible|weak) {2}\S/);
});
