#!/usr/bin/env bash
# VS Code end-to-end:
#   1. editors/vscode: npm ci, tsc --noEmit, esbuild bundle, vsce package -> a .vsix that holds
#      the linux-x64 server binary (target/release/gxlint), checked with unzip -l;
#   2. code-server (a real VS Code, in the browser) gets the .vsix installed and serves a folder
#      of drafts on 127.0.0.1; a Playwright test (playwright-core + Debian's chromium) opens a
#      defective draft, reads gxlint's diagnostics in the Problems panel, applies a quick fix and
#      Fix All, and keeps screenshots.
# code-server and Node 24 are cached outside the clone (~/.cache/gxlint-ci); see
# .ci/setup-code-server.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_NAME=e2e-vscode
# shellcheck source=.ci/lib.sh
source "$ROOT/.ci/lib.sh"
require_seeds
require_gxlint

SHOT_DIR="${GXLINT_SCREENSHOT_DIR:-$ROOT/target/e2e-screenshots}"
work="$(mktemp -d)"
cs_pid=""
cleanup() {
  if [[ -n "$cs_pid" ]] && kill -0 "$cs_pid" 2>/dev/null; then
    kill -- "-$cs_pid" 2>/dev/null || kill "$cs_pid" 2>/dev/null || true
    wait "$cs_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { # step NAME COMMAND...: runs a packaging step, counting it as a test
  local name="$1"; shift
  local t0=$SECONDS
  local rc=0
  "$@" >"$work/step.log" 2>&1 || rc=$?
  if ((rc == 0)); then
    pass "$name ($((SECONDS - t0)) s)"
  else
    grep -v 'Unknown .*config "nodedir"' "$work/step.log" | sed 's/^/    | /' | tail -40
    fail "$name" "exit status $rc"
    summary || true
    exit 1
  fi
}

# --- 1. build and package the extension -----------------------------------------------------
EXT="$ROOT/editors/vscode"
VSIX="$EXT/gxlint-linux-x64.vsix"
cd "$EXT"
rm -rf dist server "$VSIX"
step "vscode: npm ci" npm ci --no-audit --no-fund
step "vscode: tsc --noEmit" npx --no-install tsc --noEmit
step "vscode: esbuild bundle" npm run --silent bundle
step "vscode: copy server binary" env GXLINT_SERVER_BINARY="$GXLINT" npm run --silent copy-server
step "vscode: vsce package" npx --no-install vsce package --no-dependencies --no-rewrite-relative-links --target linux-x64 -o "$VSIX"

listing="$(unzip -l "$VSIX")"
printf '%s\n' "$listing" | sed 's/^/    | /'
want_size="$(stat -c %s "$GXLINT")"
if awk -v s="$want_size" '$4 == "extension/server/gxlint" && $1 == s { found = 1 } END { exit !found }' <<<"$listing" \
  && grep -q 'extension/dist/extension.js' <<<"$listing"; then
  pass "vscode: .vsix holds extension.js and the $want_size-byte server binary"
else
  fail "vscode: .vsix contents" "extension/server/gxlint ($want_size bytes) or extension/dist/extension.js missing"
fi

# --- 2. code-server ---------------------------------------------------------------------------
t0=$SECONDS
eval "$(bash "$ROOT/.ci/setup-code-server.sh" | grep -E '^(NODE24_BIN|CODE_SERVER_PKG)=')"
echo "code-server ready in $((SECONDS - t0)) s"
code_server() { "$NODE24_BIN/node" "$CODE_SERVER_PKG/out/node/entry.js" "$@"; }

user_data="$work/user-data"
ext_dir="$work/extensions"
mkdir -p "$user_data/User" "$ext_dir"
cat >"$user_data/User/settings.json" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "files.autoSave": "off",
  "editor.minimap.enabled": false,
  "window.zoomLevel": 0
}
JSON

code_server_common=(--user-data-dir "$user_data" --extensions-dir "$ext_dir" --disable-telemetry --disable-update-check)
if code_server "${code_server_common[@]}" --install-extension "$VSIX" >"$work/install.log" 2>&1 \
  && code_server "${code_server_common[@]}" --list-extensions 2>/dev/null | grep -qi '^gxlint\.gxlint$'; then
  pass "code-server: --install-extension $(basename "$VSIX")"
else
  sed 's/^/    | /' "$work/install.log"
  fail "code-server: --install-extension" "not installed"
  summary || true
  exit 1
fi

drafts="$work/drafts"
mkdir -p "$drafts"
make_clean_draft "$work/clean.md"
make_defective_draft "$work/clean.md" "$drafts/defective.md"
cp "$work/clean.md" "$drafts/clean.md"
: >"$drafts/gxlint.toml"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# gxlint is NOT on code-server's PATH: the diagnostics can only come from the bundled server.
setsid env PATH="/usr/bin:/bin" "$NODE24_BIN/node" "$CODE_SERVER_PKG/out/node/entry.js" \
  "${code_server_common[@]}" --auth none --bind-addr "127.0.0.1:$port" \
  --disable-workspace-trust --disable-getting-started-override "$drafts" \
  >"$work/code-server.log" 2>&1 &
cs_pid=$!
url="http://127.0.0.1:$port/"
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "${url}healthz" 2>/dev/null && break
  kill -0 "$cs_pid" 2>/dev/null || { cat "$work/code-server.log"; die "code-server exited"; }
  sleep 0.5
done
curl -fsS -o /dev/null "${url}healthz" || { cat "$work/code-server.log"; die "code-server did not answer on $url"; }
echo "code-server serving $drafts on $url"

# --- 3. the Playwright test -------------------------------------------------------------------
cd "$ROOT/.ci/vscode-e2e"
step "playwright: npm ci" npm ci --no-audit --no-fund
set +e
CODE_SERVER_URL="$url" GXLINT_E2E_DIR="$drafts" GXLINT="$GXLINT" SCREENSHOT_DIR="$SHOT_DIR" \
  timeout 600 node --test --test-reporter=tap vscode.test.mjs 2>&1 | tee "$work/tap.log"
set -e
n_pass="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$work/tap.log" | tail -1)"
n_fail="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$work/tap.log" | tail -1)"
PASSED=$((PASSED + ${n_pass:-0}))
FAILED=$((FAILED + ${n_fail:-0}))
if [[ -z "$n_pass" || "${n_pass:-0}" -lt 3 ]]; then
  fail "playwright: all 3 tests ran" "the test runner reported ${n_pass:-no} passes"
fi
if ((FAILED > 0)); then
  echo "--- code-server log (tail) ---"
  tail -40 "$work/code-server.log"
  find "$user_data" -name '*gxlint*.log' -path '*exthost*' -exec tail -40 {} \; 2>/dev/null || true
fi
ls -la "$SHOT_DIR" 2>/dev/null || true
# GXLINT_UPDATE_SCREENSHOT=1 refreshes the README's screenshot from this run.
if [[ "${GXLINT_UPDATE_SCREENSHOT:-0}" == 1 && -f "$SHOT_DIR/vscode-diagnostics.png" ]]; then
  cp "$SHOT_DIR/vscode-diagnostics.png" "$ROOT/editors/vscode/images/screenshot.png"
fi

summary
