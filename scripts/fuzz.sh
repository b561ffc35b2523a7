#!/usr/bin/env bash
# Run the cargo-fuzz targets of fuzz/ for SECONDS each (default 60), corpus kept outside the
# clone (GXLINT_FUZZ_CORPUS, default ~/.cache/gxlint-fuzz). SANITIZER=none for the fast build.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(check fix line_index store config)
corpus=${GXLINT_FUZZ_CORPUS:-$HOME/.cache/gxlint-fuzz}
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: nightly toolchain or cargo-fuzz missing (cargo install cargo-fuzz): skipped"; exit 0
fi
for t in "${targets[@]}"; do
  mkdir -p "$corpus/$t"
  nice -n 19 cargo +nightly fuzz run -s "${SANITIZER:-address}" -O "$t" "$corpus/$t" -- \
    -max_total_time="$secs" -max_len=4096 -print_final_stats=1
done
