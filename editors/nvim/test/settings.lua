-- Headless test of the README's settings snippet (run by settings.sh): the snippet is read from
-- editors/nvim/README.md and executed as it is; then a fresh skeleton (GX501 placeholders and
-- GX502 empty fields) must show GX501 only (ignore), and an edit must not be checked before the
-- file is written (run = 'onSave').
local root = assert(os.getenv('GXLINT_NVIM_ROOT'))
local draft = assert(os.getenv('GXLINT_NVIM_DRAFT'))
local failures = 0
local function check(ok, name, why)
  io.stdout:write((ok and 'PASS ' or 'FAIL ') .. name .. (ok and '' or (': ' .. why)) .. '\n')
  if not ok then
    failures = failures + 1
  end
end

local readme = table.concat(vim.fn.readfile(root .. '/editors/nvim/README.md'), '\n')
local snippet = readme:match('<!%-%- snippet: settings[^\n]*\n```lua\n(.-)```')
check(snippet ~= nil, 'snippet-found', 'no settings snippet in README.md')
assert(loadstring(snippet))()

local function codes()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    out[#out + 1] = d.code
  end
  table.sort(out)
  return table.concat(out, ',')
end

vim.cmd.edit(draft)
local got = vim.wait(15000, function()
  return #vim.diagnostic.get(0) > 0
end, 100)
check(got, 'diagnostics-arrive', 'no diagnostics within 15 s')
check(codes() == 'GX501,GX501', 'ignore-applied', 'codes: ' .. codes())

-- One placeholder filled in: not checked while typing …
local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
local at
for i, l in ipairs(lines) do
  if l:find('【请填写：存在的主要问题', 1, true) then
    at = i
  end
end
check(at ~= nil, 'placeholder-found', 'no placeholder line in the skeleton')
vim.api.nvim_buf_set_lines(0, at - 1, at, false, { '本年度未发现需要说明的问题。' })
vim.wait(1500)
check(codes() == 'GX501,GX501', 'not-on-type', 'checked before saving: ' .. codes())
-- Not tested: the check on :write. Neovim 0.11 pulls diagnostics (textDocument/diagnostic) and
-- does not answer workspace/diagnostic/refresh, so the result of the check on save is shown at the
-- next pull (the next edit or BufEnter), not at once.

vim.cmd(failures == 0 and 'qall!' or 'cquit!')
