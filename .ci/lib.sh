# Shared by the .ci scripts (sourced, not run). Needs ROOT (the repository) set by the caller.
# shellcheck shell=bash

GXLINT="${GXLINT:-$ROOT/target/release/gxlint}"
SEEDS="${GXLINT_SEEDS:-$ROOT/../shared/seeds}"
RESIDUE='扫一扫在手机打开当前页'
SPAM='365体育官网'

# The seed used for the drafts: a correct 2024 report whose only defects are web residue.
CLEAN_SEED_NAME="001_c72821a3dfd52d3e.txt"

die() { printf '%s: %s\n' "${E2E_NAME:-ci}" "$*" >&2; exit 1; }

require_seeds() {
  [[ -d "$SEEDS" ]] || die "seeds not found at $SEEDS (../shared/seeds beside the clone, or GXLINT_SEEDS)"
  [[ -f "$SEEDS/$CLEAN_SEED_NAME" ]] || die "seed $CLEAN_SEED_NAME missing in $SEEDS"
}

require_gxlint() {
  [[ -x "$GXLINT" ]] || die "$GXLINT not built (cargo build --release)"
}

# pip_tool EXE PACKAGE: makes EXE (from the PyPI package PACKAGE) runnable, installing it if
# needed. The interpreter's scripts folder goes on PATH (pyenv shims may not know a new tool yet).
pip_tool() {
  local exe="$1" pkg="$2" scripts
  scripts="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')"
  export PATH="$scripts:$PATH"
  if ! command -v "$exe" >/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check "$pkg"
    hash -r
  fi
  command -v "$exe" >/dev/null || die "$exe not found after pip install $pkg"
}

# Test bookkeeping: pass NAME / fail NAME WHY; summary prints `NAME: N passed, M failed`.
PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); printf 'PASS %s\n' "$1"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL %s: %s\n' "$1" "${2:-}"; }
summary() {
  printf '%s: %d passed, %d failed\n' "$E2E_NAME" "$PASSED" "$FAILED"
  ((FAILED == 0 && PASSED > 0))
}

# make_clean_draft OUT: the clean seed with its web residue removed by `gxlint check --fix`,
# and checked clean by `gxlint check`. Fails loudly if gxlint still reports anything.
make_clean_draft() {
  local out="$1"
  # The seeds are read-only; the copy must be writable for --fix to write it back.
  cp "$SEEDS/$CLEAN_SEED_NAME" "$out"
  chmod u+w "$out"
  "$GXLINT" check --fix "$out" >/dev/null 2>&1 || true
  if ! "$GXLINT" check "$out" >"$out.check" 2>&1; then
    cat "$out.check" >&2
    die "the clean seed still has diagnostics after gxlint check --fix (see above)"
  fi
  rm -f "$out.check"
}

# make_defective_draft CLEAN OUT: CLEAN with SPAM appended to the title line (the first line
# holding 年度报告) and a RESIDUE line inserted after it, two lines below.
make_defective_draft() {
  local clean="$1" out="$2"
  python3 - "$clean" "$out" "$SPAM" "$RESIDUE" <<'PY'
import sys
clean, out, spam, residue = sys.argv[1:5]
text = open(clean, encoding="utf-8").read()
lines = text.split("\n")
title = next(i for i, l in enumerate(lines) if "年度报告" in l)
lines[title] = lines[title] + spam
lines[title + 1:title + 1] = ["", residue]
open(out, "w", encoding="utf-8").write("\n".join(lines))
PY
}
