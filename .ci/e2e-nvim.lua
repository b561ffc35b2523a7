-- End-to-end test of editors/nvim with the real gxlint language server in headless Neovim 0.11.
--
-- Run by .ci/e2e-nvim.sh as
--   nvim --headless --clean --cmd 'set rtp+=editors/nvim' -c 'luafile .ci/e2e-nvim.lua'
-- with GXLINT_E2E_DIR (a folder of drafts holding defective.md and defective.txt),
-- GXLINT_E2E_RESULTS (a file this script writes one `PASS name` / `FAIL name: why` line to per
-- test) and `gxlint` on PATH. The folder holds a gxlint.toml, a root marker.
--
-- defective.md carries two known defects, placed by the shell script:
--   * the line `扫一扫在手机打开当前页` (GX503 web-residue, safe fix: delete the line)
--   * `365体育官网` appended to the title line (GX504 spam-injection, safe fix: delete it)
-- The test checks both diagnostics with their positions, removes the residue through a quick fix
-- (vim.lsp.buf.code_action with apply = true and a filter), removes the spam through the
-- `source.fixAll.gxlint` action, and writes the file; the shell script then runs `gxlint check`.

local dir = assert(os.getenv('GXLINT_E2E_DIR'), 'GXLINT_E2E_DIR not set')
local results_path = assert(os.getenv('GXLINT_E2E_RESULTS'), 'GXLINT_E2E_RESULTS not set')
local results = assert(io.open(results_path, 'w'))
local RESIDUE = '扫一扫在手机打开当前页'
local SPAM = '365体育官网'
local TIMEOUT = 20000

local function log(msg)
  io.stderr:write('[e2e-nvim.lua] ' .. msg .. '\n')
end

local function record(name, ok, why)
  local line = ok and ('PASS ' .. name) or ('FAIL ' .. name .. ': ' .. tostring(why))
  results:write(line .. '\n')
  results:flush()
  log(line)
end

-- Runs one test; a test returns true, or false/nil and a reason, or raises.
local function test(name, fn)
  local ok, res, why = pcall(fn)
  if not ok then
    record(name, false, res)
    return false
  end
  record(name, res == true, why)
  return res == true
end

local function finish()
  results:close()
  vim.cmd('qall!')
end

-- Any prompt would hang a headless run: a code action that is not unique is a failure.
local ui_select_calls = 0
vim.ui.select = function(items, _, on_choice)
  ui_select_calls = ui_select_calls + 1
  log('vim.ui.select called with ' .. #items .. ' items; choosing none')
  on_choice(nil, nil)
end

local function gxlint_client(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'gxlint' })[1]
end

local function find_line(bufnr, needle)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local s = l:find(needle, 1, true)
    if s then
      return i - 1, s - 1 -- 0-based line, 0-based byte column
    end
  end
  return nil
end

local function diags_with_code(bufnr, code)
  return vim.tbl_filter(function(d)
    return d.code == code
  end, vim.diagnostic.get(bufnr))
end

local function describe(ds)
  local parts = {}
  for _, d in ipairs(ds) do
    parts[#parts + 1] = string.format('%s@%d:%d', tostring(d.code), d.lnum + 1, d.col)
  end
  return '{' .. table.concat(parts, ', ') .. '}'
end

-- 1. The configuration comes from editors/nvim/lsp/gxlint.lua on 'runtimepath'.
test('config-from-runtimepath', function()
  local files = vim.api.nvim_get_runtime_file('lsp/gxlint.lua', true)
  if #files ~= 1 or not files[1]:find('editors/nvim/lsp/gxlint.lua', 1, true) then
    return false, 'lsp/gxlint.lua on runtimepath: ' .. vim.inspect(files)
  end
  local cfg = vim.lsp.config.gxlint
  if cfg == nil then
    return false, 'vim.lsp.config.gxlint is nil'
  end
  if not vim.deep_equal(cfg.cmd, { 'gxlint', 'lsp' }) then
    return false, 'cmd = ' .. vim.inspect(cfg.cmd)
  end
  if not vim.deep_equal(cfg.filetypes, { 'markdown', 'text' }) then
    return false, 'filetypes = ' .. vim.inspect(cfg.filetypes)
  end
  if not vim.deep_equal(cfg.root_markers, { 'gxlint.toml', '.git' }) then
    return false, 'root_markers = ' .. vim.inspect(cfg.root_markers)
  end
  return true
end)

-- 1b. The nvim-lspconfig shim registers the same server. nvim-lspconfig itself cannot be fetched
-- here, so its three entry points are stood in for by the smallest fakes that record the calls.
test('lspconfig-shim', function()
  local registered, setup_opts = {}, nil
  package.loaded['lspconfig.configs'] = setmetatable({}, {
    __newindex = function(t, k, v)
      registered[k] = v
      rawset(t, k, v)
    end,
  })
  package.loaded['lspconfig.util'] = {
    root_pattern = function(...)
      local markers = { ... }
      return function()
        return markers
      end
    end,
  }
  package.loaded['lspconfig'] = setmetatable({}, {
    __index = function(_, k)
      return { setup = function(opts) setup_opts = { name = k, opts = opts } end }
    end,
  })
  require('gxlint.lspconfig').setup({ marker = 1 })
  for _, m in ipairs({ 'lspconfig', 'lspconfig.configs', 'lspconfig.util', 'gxlint.lspconfig' }) do
    package.loaded[m] = nil
  end
  local dc = registered.gxlint and registered.gxlint.default_config
  if dc == nil then
    return false, 'configs.gxlint not registered'
  end
  if not vim.deep_equal(dc.cmd, { 'gxlint', 'lsp' }) or not vim.deep_equal(dc.filetypes, { 'markdown', 'text' }) then
    return false, 'default_config = ' .. vim.inspect(dc)
  end
  if not vim.deep_equal(dc.root_dir(), { 'gxlint.toml', '.git' }) then
    return false, 'root markers = ' .. vim.inspect(dc.root_dir())
  end
  if setup_opts == nil or setup_opts.name ~= 'gxlint' or setup_opts.opts.marker ~= 1 then
    return false, 'lspconfig.gxlint.setup not called with the options: ' .. vim.inspect(setup_opts)
  end
  return true
end)

vim.lsp.enable('gxlint')

-- 2. A plain-text draft (filetype text) gets the server too, rooted at the gxlint.toml folder.
test('attach-text', function()
  vim.cmd.edit(vim.fn.fnameescape(dir .. '/defective.txt'))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= 'text' then
    return false, 'filetype = ' .. vim.bo[bufnr].filetype
  end
  if not vim.wait(TIMEOUT, function()
    return gxlint_client(bufnr) ~= nil
  end, 50) then
    return false, 'no gxlint client attached to the .txt buffer'
  end
  local root = gxlint_client(bufnr).config.root_dir
  if vim.fs.normalize(root or '') ~= vim.fs.normalize(dir) then
    return false, 'root_dir = ' .. tostring(root) .. ', expected ' .. dir
  end
  if not vim.wait(TIMEOUT, function()
    return #diags_with_code(bufnr, 'GX503') > 0
  end, 50) then
    return false, 'no GX503 diagnostic for the .txt draft; got ' .. describe(vim.diagnostic.get(bufnr))
  end
  return true
end)

-- 3. The Markdown draft: GX503 on the residue line at column 0, GX504 where the spam starts.
vim.cmd.edit(vim.fn.fnameescape(dir .. '/defective.md'))
local buf = vim.api.nvim_get_current_buf()
local residue_line = find_line(buf, RESIDUE)
local spam_line, spam_col = find_line(buf, SPAM)

local have_diags = test('diagnostics-codes-and-positions', function()
  if vim.bo[buf].filetype ~= 'markdown' then
    return false, 'filetype = ' .. vim.bo[buf].filetype
  end
  if residue_line == nil or spam_line == nil then
    return false, 'test draft lacks the planted defects'
  end
  if not vim.wait(TIMEOUT, function()
    return gxlint_client(buf) ~= nil
  end, 50) then
    return false, 'no gxlint client attached to the .md buffer'
  end
  local ok = vim.wait(TIMEOUT, function()
    return #diags_with_code(buf, 'GX503') > 0 and #diags_with_code(buf, 'GX504') > 0
  end, 50)
  local all = vim.diagnostic.get(buf)
  if not ok then
    return false, 'expected GX503 and GX504, got ' .. describe(all)
  end
  local residue_hit, spam_hit = false, false
  for _, d in ipairs(diags_with_code(buf, 'GX503')) do
    if d.lnum == residue_line and d.col == 0 then
      residue_hit = true
    end
  end
  for _, d in ipairs(diags_with_code(buf, 'GX504')) do
    if d.lnum == spam_line and d.col == spam_col then
      spam_hit = true
    end
  end
  if not residue_hit then
    return false, string.format('no GX503 at %d:0; got %s', residue_line + 1, describe(all))
  end
  if not spam_hit then
    return false, string.format('no GX504 at %d:%d; got %s', spam_line + 1, spam_col, describe(all))
  end
  log('diagnostics: ' .. describe(all))
  return true
end)

-- Waits until `pred` holds after a code action was started; code actions are asynchronous.
local function run_code_action(opts, pred)
  ui_select_calls = 0
  vim.lsp.buf.code_action(opts)
  local ok = vim.wait(TIMEOUT, pred, 50)
  if ui_select_calls > 0 then
    return false, 'the filter left more than one action (a prompt was shown)'
  end
  if not ok then
    return false, 'the action was not applied in time'
  end
  return true
end

-- 4. Quick fix for the residue line: `vim.lsp.buf.code_action` with apply = true and a filter.
test('quickfix-web-residue', function()
  if not have_diags then
    return false, 'skipped: no diagnostics to fix'
  end
  vim.api.nvim_win_set_cursor(0, { residue_line + 1, 0 })
  local lines_before = vim.api.nvim_buf_line_count(buf)
  local ok, why = run_code_action({
    -- No context.diagnostics: Neovim sends the LSP diagnostics under the cursor itself.
    context = { only = { 'quickfix' } },
    apply = true,
    filter = function(action)
      if action.kind ~= nil and not vim.startswith(action.kind, 'quickfix') then
        return false
      end
      -- The fix of the GX503 diagnostic, not "disable gxlint for this line".
      local for_residue = false
      for _, d in ipairs(action.diagnostics or {}) do
        if d.code == 'GX503' and d.range.start.line == residue_line then
          for_residue = true
        end
      end
      local title = (action.title or ''):lower()
      for _, word in ipairs({ 'disable', '停用', '禁用', '忽略' }) do
        if title:find(word, 1, true) then
          return false
        end
      end
      return for_residue
    end,
  }, function()
    return find_line(buf, RESIDUE) == nil
  end)
  if not ok then
    return false, why
  end
  if vim.api.nvim_buf_line_count(buf) >= lines_before then
    return false, 'the residue text went but no line was removed'
  end
  return true
end)

-- 5. The source.fixAll.gxlint action removes the spam; then the buffer is written.
test('fix-all-and-write', function()
  if not have_diags then
    return false, 'skipped: no diagnostics to fix'
  end
  local ok, why = run_code_action({
    context = { only = { 'source.fixAll.gxlint' }, diagnostics = {} },
    apply = true,
  }, function()
    return find_line(buf, SPAM) == nil
  end)
  if not ok then
    return false, why
  end
  vim.cmd('silent write')
  if vim.bo[buf].modified then
    return false, 'buffer still modified after :write'
  end
  -- The server sees the change and clears its diagnostics for the fixed defects.
  if not vim.wait(TIMEOUT, function()
    return #diags_with_code(buf, 'GX503') == 0 and #diags_with_code(buf, 'GX504') == 0
  end, 50) then
    return false, 'diagnostics after the fixes: ' .. describe(vim.diagnostic.get(buf))
  end
  return true
end)

finish()
