#!/usr/bin/env bash
# Installs what scripts/dist.sh, .ci/e2e-dist.sh and .ci/e2e-wheel.sh need (idempotent):
# Debian's cross linkers and Wine, the Rust targets, and ziglang + cargo-zigbuild + maturin from PyPI.
set -euo pipefail
need_apt=()
for p in gcc-mingw-w64-x86-64 gcc-aarch64-linux-gnu wine64 file zip unzip; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_apt+=("$p")
done
if ((${#need_apt[@]})); then
  echo "setup-dist: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
rustup target add x86_64-unknown-linux-musl aarch64-unknown-linux-musl x86_64-pc-windows-gnu \
  x86_64-apple-darwin aarch64-apple-darwin 2>&1 | grep -v 'is up to date' || true
python3 -m pip install --quiet --disable-pip-version-check ziglang cargo-zigbuild maturin
