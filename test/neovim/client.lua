-- Drives the standalone server from a real Neovim (0.7+, headless) the way a user's config
-- would, and writes what Neovim received to a JSON file for test/protocol/neovim.test.ts.
local server, file, out = _G.pm_server, _G.pm_file, _G.pm_out
local result = {}

local client_id = vim.lsp.start_client({
  name = 'postmortem',
  -- As the README suggests for a shell that sets NODE_EXTRA_CA_CERTS.
  cmd = { 'env', '-u', 'NODE_EXTRA_CA_CERTS', 'node', server, '--stdio' },
  cmd_env = { POSTMORTEM_CODE_CACHE_DIR = vim.fn.stdpath('cache') .. '/postmortem' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)

local ok = vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
result.waited = ok
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, source = d.source, code = d.code })
end

local severity = vim.fn.search('^\\*\\*Severity\\*\\*') - 1
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = severity, character = 16 } }
local completion = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 5000) or {}
result.completion = {}
for _, response in pairs(completion) do
  local items = response.result and (response.result.items or response.result) or {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
end

local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = severity, character = 15 }, ['end'] = { line = severity, character = 15 } },
  context = { diagnostics = {} },
}, 5000) or {}
result.actions = {}
for _, response in pairs(actions) do
  for _, action in ipairs(response.result or {}) do table.insert(result.actions, action.title) end
end

-- Apply "Set Severity to HIGH" as Neovim does and read the line back.
for _, response in pairs(actions) do
  for _, action in ipairs(response.result or {}) do
    if action.title == 'Set Severity to HIGH' then vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16') end
  end
end
result.severityLine = vim.api.nvim_buf_get_lines(buf, severity, severity + 1, false)[1]

local f = io.open(out, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.stop_client(client_id, true)
vim.cmd('qa!')
