-- The incident's numbers in a real Neovim (0.7, headless): its code lens support shows the
-- metrics lens above the timeline and runs its command (the server asks Neovim to apply the
-- edit, which it does); Neovim 0.7 has no inlay hint display (0.10 added vim.lsp.inlay_hint),
-- so the hints are asked for by the request a newer Neovim sends, and their labels recorded.
local server, file, out = _G.pm_server, _G.pm_file, _G.pm_out
local result = {}

local client_id = vim.lsp.start_client({
  name = 'postmortem',
  cmd = { 'env', '-u', 'NODE_EXTRA_CA_CERTS', 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
result.waited = vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)

local uri = vim.uri_from_bufnr(buf)
local hints = vim.lsp.buf_request_sync(buf, 'textDocument/inlayHint', {
  textDocument = { uri = uri },
  range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(buf), character = 0 } },
}, 5000) or {}
result.hints = {}
for _, response in pairs(hints) do
  for _, hint in ipairs(response.result or {}) do table.insert(result.hints, { line = hint.position.line, label = hint.label }) end
end

vim.lsp.codelens.refresh()
vim.wait(5000, function() return #vim.lsp.codelens.get(buf) > 0 end, 20)
result.lenses = {}
for _, lens in ipairs(vim.lsp.codelens.get(buf)) do
  table.insert(result.lenses, { line = lens.range.start.line, title = lens.command and lens.command.title })
end

-- Run the lens as a user does (:lua vim.lsp.codelens.run() on its line).
local lens = vim.lsp.codelens.get(buf)[1]
if lens then
  vim.api.nvim_win_set_cursor(0, { lens.range.start.line + 1, 0 })
  vim.lsp.codelens.run()
  vim.wait(5000, function()
    return vim.fn.search('^\\*\\*Duration\\*\\*: 2h', 'nw') > 0
  end, 20)
end
result.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)

local f = io.open(out, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.stop_client(client_id, true)
vim.cmd('qa!')
