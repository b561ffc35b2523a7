#!/usr/bin/env bash
# `gxlint review` end-to-end:
#   1. generates a batch of 10,000 reports (examples/review_bench.rs: many agencies x three years,
#      defects and carry-over breaks planted) and times `gxlint review DIR -o review.html` on it
#      (limit: 10 s; the page under 20 MB), then the CSV and the workbook;
#   2. a Playwright test (playwright-core + Debian's chromium, from .ci/vscode-e2e) opens the
#      page from disk (limit: 2 s), sorts, filters, opens a report's findings and a rule's page,
#      and takes screenshots at desktop and phone width.
# GXLINT_UPDATE_SCREENSHOT=1 copies the screenshots to docs/images/ (shown in the README).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_NAME=e2e-review
# shellcheck source=.ci/lib.sh
source "$ROOT/.ci/lib.sh"
require_gxlint

N="${REVIEW_REPORTS:-10000}"
SHOT_DIR="${GXLINT_SCREENSHOT_DIR:-$ROOT/target/e2e-screenshots}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
batch="$work/batch"

# --- 1. the batch and the timings -------------------------------------------------------------
cd "$ROOT"
cargo build --release --quiet --example review_bench
"${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/review_bench" "$N" --keep "$batch" | sed 's/^/    | /'
rm -f "$batch/review.html"
t0=$(date +%s%N)
"$GXLINT" review "$batch" -o "$work/review.html" 2>"$work/review.log" || { cat "$work/review.log"; die "gxlint review failed"; }
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
secs="$((ms / 1000)).$(printf %03d $((ms % 1000)))"
sed 's/^/    | /' "$work/review.log"
size=$(stat -c %s "$work/review.html")
if ((ms < 10000)); then
  pass "review: $N reports in $secs s (limit 10 s)"
else
  fail "review: $N reports" "took $secs s, limit 10 s"
fi
if ((size < 20 * 1000 * 1000)); then
  pass "review: page $size bytes (limit 20 MB)"
else
  fail "review: page size" "$size bytes, limit 20 MB"
fi
"$GXLINT" review "$batch" --format csv -o "$work/review.csv" 2>/dev/null
"$GXLINT" review "$batch" -o "$work/review.xlsx" 2>/dev/null
rows=$(($(wc -l <"$work/review.csv") - 1))
if ((rows > N)) && [[ "$(head -c 2 "$work/review.xlsx")" == "PK" ]]; then
  pass "review: csv ($rows rows) and xlsx ($(stat -c %s "$work/review.xlsx") bytes)"
else
  fail "review: csv and xlsx" "csv $rows rows, xlsx $(head -c 2 "$work/review.xlsx" | od -c | head -1)"
fi

# --- 2. the page in chromium ------------------------------------------------------------------
if ! command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null
fi
cd "$ROOT/.ci/vscode-e2e"
npm ci --no-audit --no-fund >"$work/npm.log" 2>&1 || { cat "$work/npm.log"; die "npm ci failed"; }
set +e
REVIEW_PAGE="$work/review.html" REVIEW_REPORTS="$N" SCREENSHOT_DIR="$SHOT_DIR" \
  timeout 300 node --test --test-reporter=tap review.test.mjs 2>&1 | tee "$work/tap.log"
set -e
n_pass="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$work/tap.log" | tail -1)"
n_fail="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$work/tap.log" | tail -1)"
PASSED=$((PASSED + ${n_pass:-0}))
FAILED=$((FAILED + ${n_fail:-0}))
if [[ -z "$n_pass" || "${n_pass:-0}" -lt 6 ]]; then
  fail "playwright: all 6 tests ran" "the test runner reported ${n_pass:-no} passes"
fi
if [[ "${GXLINT_UPDATE_SCREENSHOT:-0}" == 1 ]]; then
  mkdir -p "$ROOT/docs/images"
  for f in review-desktop.png review-findings.png review-phone.png; do
    [[ -f "$SHOT_DIR/$f" ]] && cp "$SHOT_DIR/$f" "$ROOT/docs/images/$f"
  done
fi
summary
