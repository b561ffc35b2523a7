-- gxlint for nvim-lspconfig users (Neovim 0.10 or nvim-lspconfig's older `setup` interface).
--
--   require('gxlint.lspconfig').setup()          -- after putting editors/nvim on 'runtimepath'
-- or paste the body of `setup` into your init.lua.
local M = {}

function M.setup(opts)
  local configs = require('lspconfig.configs')
  local util = require('lspconfig.util')
  if not configs.gxlint then
    configs.gxlint = {
      default_config = {
        cmd = { 'gxlint', 'lsp' },
        filetypes = { 'markdown', 'text' },
        root_dir = util.root_pattern('gxlint.toml', '.git'),
        single_file_support = true,
        settings = { gxlint = { enable = true, run = 'onType', select = {}, ignore = {} } },
      },
      docs = {
        description = 'gxlint: linter for 政府信息公开工作年度报告 drafts (`gxlint lsp`).',
      },
    }
  end
  require('lspconfig').gxlint.setup(opts or {})
end

return M
