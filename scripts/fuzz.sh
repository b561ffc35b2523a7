#!/usr/bin/env bash
# Run the cargo-fuzz targets of fuzz/ for SECONDS each (default 60), corpus kept outside the
# clone (GXLINT_FUZZ_CORPUS, default ~/.cache/gxlint-fuzz). SANITIZER=none for the fast build
# (default: address). Installs cargo-fuzz when nightly is there but cargo-fuzz is not; skips
# with a message when there is no nightly toolchain. Stops at the first crash (exit 1; the
# reproducer is in fuzz/artifacts/TARGET/).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(check fix line_index store config)
corpus=${GXLINT_FUZZ_CORPUS:-$HOME/.cache/gxlint-fuzz}
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED: no nightly toolchain (rustup toolchain install nightly) — fuzzing needs it"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (cargo install cargo-fuzz --locked)"
  if ! cargo install cargo-fuzz --locked; then
    echo "fuzz: SKIPPED: cargo-fuzz could not be installed"
    exit 0
  fi
fi
for t in "${targets[@]}"; do
  mkdir -p "$corpus/$t"
  echo "fuzz: $t for $secs s (corpus $corpus/$t)"
  nice -n 19 cargo +nightly fuzz run -s "${SANITIZER:-address}" -O "$t" "$corpus/$t" -- \
    -max_total_time="$secs" -max_len=4096 -print_final_stats=1 ${FUZZ_ARGS:-}
done
