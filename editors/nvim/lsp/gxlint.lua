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
  -- gxlint reads gxlint.toml itself; no settings are sent.
  settings = {},
}
