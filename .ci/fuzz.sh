#!/usr/bin/env bash
# A short fuzz run for CI: 30 s per target (five targets, a few minutes with the build), with
# AddressSanitizer; corpus kept in ~/.cache/gxlint-fuzz between runs. Installs cargo-fuzz when
# missing; skipped with a message when there is no nightly toolchain. A crash fails the step.
exec bash "$(dirname "$0")/../scripts/fuzz.sh" "${GXLINT_CI_FUZZ_SECS:-30}"
