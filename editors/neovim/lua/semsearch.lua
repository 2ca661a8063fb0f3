-- Semantic Search for Neovim 0.7 and later: starts `semsearch lsp --stdio` (the same language
-- server as the VS Code extension) for markdown and code buffers, and adds
--   :SemanticSearch {query}   the workspace's passages that best match, in the quickfix list
--   :SemanticSimilar          passages like the selected lines (or the line under the cursor)
-- Hover (K, or vim.lsp.buf.hover()) shows what the server's hover says: passages elsewhere that mean
-- the same as the paragraph under the cursor, with their similarity.
--
--   require("semsearch").setup({ cmd = { "/path/to/semsearch", "lsp", "--stdio" }, settings = { model = "bundled" } })
--
-- `settings` are the server's `semanticSearch.*` settings (README, "Settings"), without the prefix.
local M = {}

local defaults = {
  cmd = { "semsearch", "lsp", "--stdio" },
  filetypes = { "markdown", "text", "javascript", "typescript", "javascriptreact", "typescriptreact", "python", "go", "rust", "ruby", "java", "c", "cpp", "cs", "lua", "sh", "php", "kotlin", "swift", "scala" },
  -- The folder a buffer belongs to: the nearest of these upwards, else the buffer's own folder.
  root_markers = { ".git", ".semsearch", "package.json", "pyproject.toml", "go.mod", "Cargo.toml" },
  settings = {},
  top_k = 20,
}

local config = vim.deepcopy(defaults)
-- One server per root folder, and the last status message each said.
local clients = {}
local last_message = {}

local function root_of(path)
  local start_dir = vim.fn.fnamemodify(path, ":p:h")
  local dir = start_dir
  while true do
    for _, marker in ipairs(config.root_markers) do
      if vim.loop.fs_stat(dir .. "/" .. marker) then return dir end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then return start_dir end
    dir = parent
  end
end

local function start(bufnr)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" then return end
  local root = root_of(path)
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = "semsearch",
      cmd = config.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ":t") } },
      -- Neovim 0.7 does not declare workspace/configuration, so the server reads its settings from
      -- initializationOptions; a later Neovim answers the server's workspace/configuration from `settings`.
      init_options = { settings = config.settings },
      settings = { semanticSearch = config.settings },
      handlers = {
        -- Said once each: the server repeats its status with every change of state.
        ["semanticSearch/statusChanged"] = function(_, status)
          local message = status and status.message
          if message and message ~= "" and message ~= last_message[root] then
            last_message[root] = message
            vim.notify("semsearch: " .. message)
          end
        end,
      },
    })
    clients[root] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
end

local function client_for(bufnr)
  -- buf_get_clients is Neovim 0.7's; get_clients replaced it in 0.10.
  local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  for _, c in pairs(attached) do
    if c.name == "semsearch" then return c end
  end
  vim.notify("semsearch: no server for this buffer (open a file of the workspace first)", vim.log.levels.WARN)
end

-- Hits as quickfix items: file, line, the score and band, the first line of the passage.
local function to_quickfix(title, result)
  local items = {}
  for _, hit in ipairs(result and result.results or {}) do
    local first = (hit.text or ""):gsub("^%s+", ""):match("[^\n]*") or ""
    table.insert(items, {
      filename = vim.uri_to_fname(hit.uri),
      lnum = hit.range.start.line + 1,
      col = hit.range.start.character + 1,
      text = string.format("%.1f%% %s  %s", hit.score * 100, hit.band, first),
    })
  end
  vim.fn.setqflist({}, " ", { title = title, items = items })
  return #items
end

function M.search(query, bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then return end
  client.request("semanticSearch/search", { query = query, topK = config.top_k }, function(err, result)
    if err then return vim.notify("semsearch: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR) end
    local n = to_quickfix("Semantic Search: " .. query, result)
    if n > 0 then vim.cmd("copen") else vim.notify("semsearch: no results for " .. query) end
  end, bufnr)
end

function M.similar(first, last, bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then return end
  local lines = vim.api.nvim_buf_get_lines(bufnr, last - 1, last, false)
  local params = {
    uri = vim.uri_from_bufnr(bufnr),
    range = { start = { line = first - 1, character = 0 }, ["end"] = { line = last - 1, character = #(lines[1] or "") } },
    topK = config.top_k,
  }
  client.request("semanticSearch/similar", params, function(err, result)
    if err then return vim.notify("semsearch: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR) end
    local n = to_quickfix("Similar to lines " .. first .. "-" .. last, result)
    if n > 0 then vim.cmd("copen") else vim.notify("semsearch: nothing similar elsewhere") end
  end, bufnr)
end

function M.setup(opts)
  config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  local group = vim.api.nvim_create_augroup("semsearch", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = config.filetypes,
    callback = function(args) start(args.buf) end,
  })
  vim.api.nvim_create_user_command("SemanticSearch", function(c) M.search(c.args) end, { nargs = "+", desc = "Semantic Search over the workspace" })
  vim.api.nvim_create_user_command("SemanticSimilar", function(c) M.similar(c.line1, c.line2) end, { range = true, desc = "Passages like these lines" })
end

return M
