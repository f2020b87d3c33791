-- Drives Neovim's built-in LSP client against the macvlan language server, started by the
-- README's snippet (test/editors/neovim.test.ts loads it as init.lua). Each step records the
-- buffer text and the diagnostics Neovim holds, for the test to compare with the CLI.
-- Environment: MVS_SPEC (file to open), MVS_OUT (JSON written at the end).
local out = { steps = {}, errors = {} }
local spec = os.getenv('MVS_SPEC')

local function fail(msg) table.insert(out.errors, msg) end

local function text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

local function diags(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, { code = d.code, severity = d.severity, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col })
  end
  return list
end

local function key(list)
  local parts = {}
  for _, d in ipairs(list) do table.insert(parts, string.format('%s@%d:%d', d.code, d.lnum, d.col)) end
  table.sort(parts)
  return table.concat(parts, ',')
end

-- Waits until the diagnostics stop changing for a while (the server debounces edits).
-- An edit Neovim applies piece by piece (a rename) is several versions: the server may publish
-- for one in between before the last one's check. Wait for a change, then for a second without
-- one (a loaded machine can take a few hundred ms between two publishes).
local function settle(buf, before)
  vim.wait(15000, function() return key(diags(buf)) ~= before end, 20)
  local last, stable = key(diags(buf)), 0
  vim.wait(10000, function()
    local now = key(diags(buf))
    if now == last then stable = stable + 1 else stable, last = 0, now end
    return stable >= 34
  end, 30)
end

local function record(buf, name)
  table.insert(out.steps, { name = name, text = text(buf), diagnostics = diags(buf) })
end

local function client_of(buf)
  local found
  vim.wait(10000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(buf)) do if c.name == 'macvlan' then found = c end end
    return found ~= nil
  end, 20)
  return found
end

local function run()
  vim.cmd('edit ' .. spec)
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[buf].filetype
  local client = client_of(buf)
  if not client then return fail('no macvlan client attached') end
  out.incremental = client.resolved_capabilities and client.resolved_capabilities.text_document_did_change == 2
    or (client.server_capabilities and client.server_capabilities.textDocumentSync and client.server_capabilities.textDocumentSync.change == 2)
  settle(buf, '')
  record(buf, 'open')

  -- Incremental edits: the wifi gateway becomes the broadcast address, then goes back.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local gw
  for i, l in ipairs(lines) do if l:match('^%s+gateway: 203%.0%.113%.1%s*$') then gw = i - 1 break end end
  if not gw then return fail('no "gateway: 203.0.113.1" line') end
  local before = key(diags(buf))
  vim.api.nvim_buf_set_text(buf, gw, #lines[gw + 1] - 1, gw, #lines[gw + 1], { '255' })
  settle(buf, before)
  record(buf, 'edit')
  before = key(diags(buf))
  vim.api.nvim_buf_set_text(buf, gw, #lines[gw + 1] - 1, gw, #lines[gw + 1] + 2, { '1' })
  settle(buf, before)
  record(buf, 'edit back')

  -- Quick fix: the first edit offered for the gateway outside its subnet (MV104).
  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == 'MV104' and not target then target = d end end
  if not target then return fail('no MV104 to fix') end
  local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(buf, target.lnum)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } },
    context = { diagnostics = lsp_diags },
  }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
  local action
  out.actions = {}
  for _, r in pairs(res) do
    for _, a in ipairs(r.result or {}) do
      table.insert(out.actions, a.title)
      if not action and a.edit and not a.title:match('^Disable') then action = a end
    end
  end
  if not action then return fail('no quick fix with an edit for MV104') end
  out.applied = action.title
  before = key(diags(buf))
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  settle(buf, before)
  record(buf, 'quick fix')

  -- Rename the network `lan` everywhere (its key and every reference).
  lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local at
  for i, l in ipairs(lines) do if l:match('^  lan:') then at = i - 1 break end end
  if not at then return fail('no network lan') end
  res = vim.lsp.buf_request_sync(buf, 'textDocument/rename', { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = at, character = 3 }, newName = 'office' }, 10000) or {}
  local edit
  for _, r in pairs(res) do if r.result then edit = r.result end end
  if not edit then return fail('rename returned no edit') end
  before = key(diags(buf))
  vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
  settle(buf, before)
  record(buf, 'rename')
end

local ok, err = pcall(run)
if not ok then fail(tostring(err)) end
local f = io.open(os.getenv('MVS_OUT'), 'w')
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
