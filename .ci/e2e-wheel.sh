#!/usr/bin/env bash
# The Python wheels (pyproject.toml: maturin, bindings = "bin", the dist profile): one for
# Linux x86_64 (the static musl binary, tagged manylinux_2_17 and musllinux_1_2) and one for
# Windows x64, built with the same CARGO_TARGET_DIR as scripts/dist.sh so cargo reuses that
# build. The Linux wheel is installed into a fresh venv and `gxlint check` runs from it on a seed;
# the Windows wheel's listing must hold gxlint.exe. Wheels go to DIST_DIR/wheels.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_NAME=e2e-wheel
# shellcheck source=.ci/lib.sh
source "$ROOT/.ci/lib.sh"
require_seeds
pip_tool maturin maturin
DIST_DIR="${DIST_DIR:-$ROOT/target/dist}"
WHEELS="$DIST_DIR/wheels"
rm -rf "$WHEELS"
mkdir -p "$WHEELS"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$ROOT"

build_wheel() { # build_wheel TARGET [maturin args…]
  local t="$1" t0=$SECONDS; shift
  if maturin build --target "$t" --out "$WHEELS" "$@" >"$work/maturin.log" 2>&1; then
    pass "maturin build --target $t ($((SECONDS - t0)) s)"
  else
    sed 's/^/    | /' "$work/maturin.log" | tail -30
    fail "maturin build --target $t" "failed"
  fi
}
build_wheel x86_64-unknown-linux-musl --compatibility manylinux_2_17 musllinux_1_2
build_wheel x86_64-pc-windows-gnu
ls -l "$WHEELS" | sed 's/^/    | /'

linux_whl="$(ls "$WHEELS"/gxlint-*-py3-none-manylinux*_x86_64*.whl 2>/dev/null | head -1)"
win_whl="$(ls "$WHEELS"/gxlint-*-py3-none-win_amd64.whl 2>/dev/null | head -1)"
if [[ -n "$win_whl" ]] && unzip -l "$win_whl" | grep -Eq 'gxlint-[0-9.]+\.data/scripts/gxlint\.exe$'; then
  pass "windows wheel $(basename "$win_whl") ($(stat -c %s "$win_whl") bytes) holds scripts/gxlint.exe"
else
  fail "windows wheel" "missing, or no gxlint.exe in it"
fi
[[ -n "$linux_whl" ]] || { fail "linux wheel" "not built"; summary; exit 1; }
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$linux_whl"
if [[ -x "$work/venv/bin/gxlint" ]]; then
  pass "pip install $(basename "$linux_whl") ($(stat -c %s "$linux_whl") bytes) puts gxlint in the venv"
else
  fail "pip install" "no gxlint in $work/venv/bin"
fi
"$work/venv/bin/gxlint" --version
make_defective_draft "$SEEDS/$CLEAN_SEED_NAME" "$work/defective.md"
rc=0
PATH="$work/venv/bin:/usr/bin:/bin" gxlint check --format json "$work/defective.md" >"$work/out.json" || rc=$?
if ((rc == 1)) && grep -q '"GX504"' "$work/out.json" && grep -q '"GX503"' "$work/out.json"; then
  pass "gxlint check from the venv finds GX503 and GX504 in a seed (exit status 1)"
else
  head -c 1500 "$work/out.json" | sed 's/^/    | /'
  fail "gxlint check from the venv" "exit status $rc, GX503/GX504 expected"
fi
summary
