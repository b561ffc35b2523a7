#!/usr/bin/env bash
# A short fuzz run for CI: 30 s per target; skipped with a message without nightly/cargo-fuzz.
exec bash "$(dirname "$0")/../scripts/fuzz.sh" 30
