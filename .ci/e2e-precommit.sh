#!/usr/bin/env bash
# pre-commit end-to-end: the real pre-commit, in a scratch git repository whose
# .pre-commit-config.yaml points at this repository at HEAD, refuses a commit of a defective
# draft with gxlint's messages and accepts a clean one. Both hooks are exercised: `gxlint`
# (language: rust, pre-commit builds gxlint with cargo) and `gxlint-system` (gxlint on PATH).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_NAME=e2e-precommit
# shellcheck source=.ci/lib.sh
source "$ROOT/.ci/lib.sh"
require_seeds
require_gxlint

pip_tool pre-commit pre-commit
pre-commit --version

rev="$(git -C "$ROOT" rev-parse HEAD)"
git -C "$ROOT" cat-file -e "$rev:.pre-commit-hooks.yaml" || die ".pre-commit-hooks.yaml is not committed at HEAD"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
make_clean_draft "$work/clean.md"
make_defective_draft "$work/clean.md" "$work/defective.md"

# pre-commit's own cache (its clone of this repository and the built hook) lives in the scratch
# folder, so the rust hook really is built here. Its cargo build reuses the release artifacts
# of this clone's target/ for the dependencies.
export PRE_COMMIT_HOME="$work/pre-commit-home"
export CARGO_TARGET_DIR="${GXLINT_PRECOMMIT_TARGET:-$ROOT/target}"
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@localhost GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@localhost

# run_case HOOK: a fresh repository using hook HOOK; the defective draft is refused, the clean
# one accepted.
run_case() {
  local hook="$1" repo="$work/repo-$1"
  git init -q -b main "$repo"
  cat >"$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $ROOT
    rev: $rev
    hooks:
      - id: $hook
YAML
  (cd "$repo" && git add .pre-commit-config.yaml && git commit -q -m config)
  (cd "$repo" && pre-commit install >/dev/null)
  local t0=$SECONDS
  (cd "$repo" && pre-commit install-hooks) >"$work/$hook.install.log" 2>&1 || {
    cat "$work/$hook.install.log"
    fail "$hook: hook installs" "pre-commit install-hooks failed"
    return 0
  }
  pass "$hook: hook installs ($((SECONDS - t0)) s)"

  # 1. A defective draft: the commit is refused, and the output carries gxlint's findings.
  cp "$work/defective.md" "$repo/report.md"
  (cd "$repo" && git add report.md)
  local out rc=0
  out="$(cd "$repo" && git commit -m 'defective draft' 2>&1)" || rc=$?
  printf '%s\n' "$out" | sed 's/^/    | /' | head -40
  if ((rc == 0)); then
    fail "$hook: defective draft refused" "the commit went through"
  elif ! grep -q 'GX503' <<<"$out" || ! grep -q 'GX504' <<<"$out"; then
    fail "$hook: defective draft refused" "refused, but gxlint's GX503/GX504 messages are missing"
  elif [[ -n "$(cd "$repo" && git rev-list -n1 HEAD -- report.md)" ]]; then
    fail "$hook: defective draft refused" "report.md was committed"
  else
    pass "$hook: defective draft refused with gxlint's messages"
  fi

  # 2. The clean draft: the commit is accepted.
  cp "$work/clean.md" "$repo/report.md"
  (cd "$repo" && git add report.md)
  rc=0
  out="$(cd "$repo" && git commit -m 'clean draft' 2>&1)" || rc=$?
  printf '%s\n' "$out" | sed 's/^/    | /' | head -10
  if ((rc != 0)); then
    fail "$hook: clean draft accepted" "commit refused"
  elif ! grep -q 'Passed' <<<"$out"; then
    fail "$hook: clean draft accepted" "committed, but the hook did not run on it"
  else
    pass "$hook: clean draft accepted"
  fi

  # 3. Not reports, or left out by gxlint.toml: a README and ordinary notes that mention the
  # annual report, and a defective draft under an excluded folder, are all committed.
  cp "$ROOT/README.md" "$repo/README.md"
  cp "$ROOT/tests/fixtures/not_reports/notice.md" "$repo/notice.md"
  mkdir -p "$repo/archive"
  cp "$work/defective.md" "$repo/archive/old-draft.md"
  printf 'exclude = ["archive/"]\n' >"$repo/gxlint.toml"
  (cd "$repo" && git add README.md notice.md archive gxlint.toml)
  rc=0
  out="$(cd "$repo" && git commit -m 'readme, notice, archived draft' 2>&1)" || rc=$?
  printf '%s\n' "$out" | sed 's/^/    | /' | head -10
  if ((rc != 0)); then
    fail "$hook: README, notice and an excluded draft accepted" "commit refused"
  elif ! grep -q 'Passed' <<<"$out"; then
    fail "$hook: README, notice and an excluded draft accepted" "the hook did not run on them"
  else
    pass "$hook: README, notice and an excluded draft accepted"
  fi
}

run_case gxlint
# gxlint-system: gxlint on PATH is this clone's release build.
PATH="$(dirname "$GXLINT"):$PATH" run_case gxlint-system

summary
