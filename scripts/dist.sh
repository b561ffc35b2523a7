#!/usr/bin/env bash
# Release artefacts: builds gxlint with the `dist` profile (Cargo.toml: LTO, one codegen unit, no
# debug info, stripped, size-optimised) for each target, checks each binary's format (`file`) and
# size (≤ 10 MB), and packs it with LICENSE, README.md and CHANGELOG.md as
# gxlint-VERSION-TARGET.tar.gz (.zip for Windows), then writes SHA256SUMS.
#
#   scripts/dist.sh [--out DIR] [TARGET…]
#
# Targets (default: all five):
#   x86_64-unknown-linux-musl   static, any Linux          linker: cc (musl-tools if present)
#   aarch64-unknown-linux-musl  static, any Linux on arm64 linker: aarch64-linux-gnu-gcc, else zig
#   x86_64-pc-windows-gnu       Windows 10/11 x64          linker: x86_64-w64-mingw32-gcc
#   x86_64-apple-darwin         macOS on Intel             cargo-zigbuild + ziglang (PyPI)
#   aarch64-apple-darwin        macOS on Apple silicon     cargo-zigbuild + ziglang (PyPI)
#
# Output (DIR, default target/dist): the archives, SHA256SUMS, and the bare binaries under
# bin/TARGET/ (reused by the wheels and the .vsix packages), plus sizes.tsv (target, binary
# bytes, archive bytes, build seconds). A target whose Rust standard library cannot be added with
# `rustup target add`, or whose linker is missing, is reported with what to install; the others
# are still built, and the exit status is 1.
# CARGO_TARGET_DIR is honoured. SOURCE_DATE_EPOCH (default: the commit's date) dates the archives.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ALL_TARGETS=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl x86_64-pc-windows-gnu
  x86_64-apple-darwin aarch64-apple-darwin)
MAX_BYTES=$((10 * 1024 * 1024))
OUT="$ROOT/target/dist"
targets=()
while (($#)); do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --out=*) OUT="${1#--out=}"; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "dist: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=("${ALL_TARGETS[@]}")
for t in "${targets[@]}"; do
  [[ " ${ALL_TARGETS[*]} " == *" $t "* ]] || {
    echo "dist: unknown target $t (known: ${ALL_TARGETS[*]})" >&2
    exit 2
  }
done
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

VERSION="$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -1)"
[[ -n "$VERSION" ]] || { echo "dist: no version in Cargo.toml" >&2; exit 1; }
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
echo "dist: gxlint $VERSION, targets: ${targets[*]}, output: $OUT"

# The Python scripts folder (maturin, cargo-zigbuild, ziglang from pip) on PATH.
PY_SCRIPTS="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)"
[[ -n "$PY_SCRIPTS" ]] && export PATH="$PY_SCRIPTS:$PATH"

failed=()
fail_target() { # fail_target TARGET WHY…
  local t="$1"; shift
  printf 'dist: CANNOT BUILD %s: %s\n' "$t" "$*" >&2
  failed+=("$t")
}

have_zig() { command -v cargo-zigbuild >/dev/null && python3 -c 'import ziglang' 2>/dev/null; }

# ensure_std TARGET: the target's standard library, added with rustup if missing.
ensure_std() {
  local t="$1"
  rustc --print target-libdir --target "$t" >/dev/null 2>&1 &&
    [[ -d "$(rustc --print target-libdir --target "$t")" ]] &&
    compgen -G "$(rustc --print target-libdir --target "$t")/libstd-*" >/dev/null && return 0
  if ! command -v rustup >/dev/null; then
    fail_target "$t" "its standard library is not installed and rustup is not available to add it"
    return 1
  fi
  echo "dist: rustup target add $t"
  local log
  if ! log="$(rustup target add "$t" 2>&1)"; then
    printf '%s\n' "$log" | sed 's/^/    | /' >&2
    fail_target "$t" "\`rustup target add $t\` failed (see above): the toolchain $(rustc --version) may not ship it, or there is no network"
    return 1
  fi
}

# build TARGET: sets BIN to the built binary.
build() {
  local t="$1" env_args=() cmd=(cargo build)
  case "$t" in
    x86_64-unknown-linux-musl)
      # Rust's musl targets bring their own C runtime (self-contained); cc only links.
      command -v cc >/dev/null || { fail_target "$t" "no C compiler (cc) to link with: apt-get install gcc"; return 1; } ;;
    aarch64-unknown-linux-musl)
      if command -v aarch64-linux-gnu-gcc >/dev/null; then
        env_args=(CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=aarch64-linux-gnu-gcc)
      elif have_zig; then
        cmd=(cargo zigbuild)
      else
        fail_target "$t" "no linker: apt-get install gcc-aarch64-linux-gnu (or pip install ziglang cargo-zigbuild)"
        return 1
      fi ;;
    x86_64-pc-windows-gnu)
      command -v x86_64-w64-mingw32-gcc >/dev/null || {
        fail_target "$t" "no linker: apt-get install gcc-mingw-w64-x86-64"
        return 1
      } ;;
    *-apple-darwin)
      have_zig || { fail_target "$t" "needs zig as its linker: pip install ziglang cargo-zigbuild"; return 1; }
      cmd=(cargo zigbuild) ;;
  esac
  echo "dist: ${env_args[*]} ${cmd[*]} --locked --profile dist --target $t --bin gxlint"
  if ! env "${env_args[@]}" "${cmd[@]}" --locked --profile dist --target "$t" --bin gxlint; then
    fail_target "$t" "the build failed (see above)"
    return 1
  fi
  BIN="$TARGET_DIR/$t/dist/gxlint"
  [[ "$t" == *windows* ]] && BIN="$BIN.exe"
  [[ -f "$BIN" ]] || { fail_target "$t" "built, but $BIN is missing"; return 1; }
}

# check_format TARGET BIN: `file` must name the target's format and architecture.
check_format() {
  local t="$1" bin="$2" desc want
  desc="$(file -b "$bin")"
  case "$t" in
    x86_64-unknown-linux-musl) want='ELF 64-bit.*x86-64.*static' ;;
    aarch64-unknown-linux-musl) want='ELF 64-bit.*ARM aarch64.*static' ;;
    x86_64-pc-windows-gnu) want='PE32\+ executable.*x86-64' ;;
    x86_64-apple-darwin) want='Mach-O 64-bit.*x86_64' ;;
    aarch64-apple-darwin) want='Mach-O 64-bit.*arm64' ;;
  esac
  echo "dist: $t: $desc"
  if ! grep -Eq "$want" <<<"$desc"; then
    fail_target "$t" "\`file\` says \"$desc\", expected /$want/"
    return 1
  fi
}

# pack TARGET BIN: sets ARCHIVE.
pack() {
  local t="$1" bin="$2" name="gxlint-$VERSION-$t" stage exe=gxlint
  [[ "$t" == *windows* ]] && exe=gxlint.exe
  stage="$(mktemp -d)"
  mkdir "$stage/$name"
  cp "$bin" "$stage/$name/$exe"
  chmod 0755 "$stage/$name/$exe"
  cp LICENSE README.md CHANGELOG.md "$stage/$name/"
  chmod 0644 "$stage/$name"/*.md "$stage/$name/LICENSE"
  find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  if [[ "$t" == *windows* ]]; then
    ARCHIVE="$OUT/$name.zip"
    rm -f "$ARCHIVE"
    (cd "$stage" && find "$name" -type f | LC_ALL=C sort | zip -X -q -9 "$ARCHIVE" -@)
  else
    ARCHIVE="$OUT/$name.tar.gz"
    tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
      -cf - "$name" | gzip -n -9 >"$ARCHIVE"
  fi
  rm -rf "$stage"
}

for f in LICENSE README.md CHANGELOG.md; do
  [[ -f "$f" ]] || { echo "dist: $f is missing at the repository root" >&2; exit 1; }
done
: >"$OUT/sizes.tsv.new"
[[ -f "$OUT/sizes.tsv" ]] && grep -v -F -f <(printf '%s\t\n' "${targets[@]}") "$OUT/sizes.tsv" >>"$OUT/sizes.tsv.new" || true
for t in "${targets[@]}"; do
  echo
  echo "=== dist: $t ==="
  ensure_std "$t" || continue
  t0=$SECONDS
  build "$t" || continue
  dt=$((SECONDS - t0))
  check_format "$t" "$BIN" || continue
  size="$(stat -c %s "$BIN")"
  if ((size > MAX_BYTES)); then
    fail_target "$t" "the binary is $size bytes, over the $MAX_BYTES-byte limit"
    continue
  fi
  mkdir -p "$OUT/bin/$t"
  cp "$BIN" "$OUT/bin/$t/"
  pack "$t" "$BIN"
  asize="$(stat -c %s "$ARCHIVE")"
  printf '%s\t%s\t%s\t%s\n' "$t" "$size" "$asize" "$dt" >>"$OUT/sizes.tsv.new"
  echo "dist: $t: binary $size bytes, $(basename "$ARCHIVE") $asize bytes, built in $dt s"
done
LC_ALL=C sort "$OUT/sizes.tsv.new" >"$OUT/sizes.tsv"
rm -f "$OUT/sizes.tsv.new"

# SHA256SUMS covers every archive of this version in OUT (those of earlier runs included).
(cd "$OUT" && shopt -s nullglob && files=(gxlint-"$VERSION"-*.tar.gz gxlint-"$VERSION"-*.zip) &&
  if ((${#files[@]})); then sha256sum "${files[@]}" >SHA256SUMS; fi)

echo
echo "=== dist: artefacts in $OUT ==="
printf '%-28s %12s %12s %8s\n' target binary archive build
while IFS=$'\t' read -r t s a d; do
  printf '%-28s %12s %12s %7ss\n' "$t" "$s" "$a" "$d"
done <"$OUT/sizes.tsv"
[[ -f "$OUT/SHA256SUMS" ]] && sed 's/^/  /' "$OUT/SHA256SUMS"
if ((${#failed[@]})); then
  echo "dist: FAILED: ${failed[*]}" >&2
  exit 1
fi
