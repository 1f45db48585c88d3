-- Neovim (0.7+, headless) with a team's own template set in init_options, as the README says:
-- writes the diagnostics of a document and the completion at its choice field to a JSON file for
-- test/protocol/neovim.test.ts.
local server, root, file, out = _G.pm_server, _G.pm_root, _G.pm_file, _G.pm_out
local result = {}

local client_id = vim.lsp.start_client({
  name = 'postmortem',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  init_options = { settings = { template = 'templates/outage.md' } },
})
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)

result.waited = vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(result.diagnostics, { lnum = d.lnum, message = d.message, code = d.code })
end

local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 4, character = 13 } }
result.completion = {}
for _, response in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 5000) or {}) do
  local items = response.result and (response.result.items or response.result) or {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
end

local f = io.open(out, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.stop_client(client_id, true)
vim.cmd('qa!')
