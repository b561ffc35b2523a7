-- gxlint language server for Neovim 0.11+ (`:help lsp-config`).
--
-- Put this directory on 'runtimepath' (or copy this file to ~/.config/nvim/lsp/gxlint.lua), then
--   vim.lsp.enable('gxlint')
-- Override any field with vim.lsp.config('gxlint', { ... }).

---@type vim.lsp.Config
return {
  cmd = { 'gxlint', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'gxlint.toml', '.git' },
  -- Editor settings (answered to the server's workspace/configuration, section `gxlint`); merged
  -- under gxlint.toml: its `select` wins, `ignore` lists are joined.
  settings = {
    gxlint = {
      enable = true, -- false: no diagnostics
      run = 'onType', -- or 'onSave': check when the file is opened and written
      select = {}, -- only these rules (codes, names, prefixes such as 'GX3')
      ignore = {}, -- not these rules
    },
  },
}
