-- Neovim as a real LSP client of `plainly lsp` (Neovim 0.7+): opens a letter, waits for
-- diagnostics, asks for a hover and code actions, writes what it saw to a file, quits.
local out = assert(os.getenv("PLAINLY_NVIM_OUT"))
local bin = assert(os.getenv("PLAINLY_BIN"))
local file = assert(os.getenv("PLAINLY_FILE"))
local report = {}
local function say(line) table.insert(report, line) end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "plainly",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
if not id then
  say("error: client did not start")
else
  vim.lsp.buf_attach_client(buf, id)
  local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
  say("diagnostics-arrived: " .. tostring(got))
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
    say(string.format("diagnostic: %d:%d %s %s", d.lnum, d.col, code, d.message))
  end
  local client = vim.lsp.get_client_by_id(id)
  local uri = vim.uri_from_bufnr(buf)
  local hover = client.request_sync("textDocument/hover",
    { textDocument = { uri = uri }, position = { line = 2, character = 3 } }, 10000, buf)
  if hover and hover.result and hover.result.contents then
    local v = hover.result.contents.value or ""
    say("hover: " .. v:gsub("\n", " "))
  end
  local actions = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = { line = 2, character = 0 }, ["end"] = { line = 2, character = 1 } },
    context = { diagnostics = {} },
  }, 10000, buf)
  if actions and actions.result then
    for _, a in ipairs(actions.result) do say("action: " .. (a.title or "?")) end
  end
  vim.lsp.stop_client(id)
end
vim.fn.writefile(report, out)
vim.cmd("qa!")
