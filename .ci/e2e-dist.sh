#!/usr/bin/env bash
# Release binaries end-to-end (after scripts/dist.sh):
#   1. the static x86_64-linux-musl binary runs the seeds and the examples on this machine, and
#      its JSON equals that of the ordinary build ($GXLINT, target/release/gxlint) when present;
#   2. the x86_64-pc-windows-gnu binary runs under Wine and gives the same JSON and human output
#      as the Linux one (paths aside: `\` vs `/`) on the seeds, the examples, a folder walk, a
#      path with Chinese characters and CRLF files; `--fix` writes the same bytes back (CRLF
#      kept) and a second `--fix` changes nothing; `gxlint lsp` answers `initialize` over stdio;
#   3. every binary in DIST_DIR/bin is ≤ 10 MB and `file` names its format (sizes printed).
# DIST_DIR defaults to target/dist. Wine: Debian's wine64 (its loader is /usr/lib/wine/wine64);
# the Wine prefix is cached in ~/.cache/gxlint-ci/wine (GXLINT_CI_CACHE).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_NAME=e2e-dist
# shellcheck source=.ci/lib.sh
source "$ROOT/.ci/lib.sh"
require_seeds

DIST_DIR="${DIST_DIR:-$ROOT/target/dist}"
LINUX="$DIST_DIR/bin/x86_64-unknown-linux-musl/gxlint"
WINDOWS="$DIST_DIR/bin/x86_64-pc-windows-gnu/gxlint.exe"
[[ -x "$LINUX" ]] || die "$LINUX missing: run scripts/dist.sh x86_64-unknown-linux-musl"
[[ -f "$WINDOWS" ]] || die "$WINDOWS missing: run scripts/dist.sh x86_64-pc-windows-gnu"
CACHE="${GXLINT_CI_CACHE:-$HOME/.cache/gxlint-ci}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# jsonnorm FILE: the JSON with the paths' `\` turned into `/` (and a leading `./`, which Windows'
# folder walk keeps, dropped), re-serialised canonically.
jsonnorm() {
  python3 - "$1" <<'PY'
import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
for f in v.get("files", []):
    p = f["path"].replace("\\", "/")
    f["path"] = p[2:] if p.startswith("./") else p
print(json.dumps(v, ensure_ascii=False, sort_keys=True, indent=1))
PY
}

# same NAME A B: pass if files A and B are identical, else fail with a diff.
same() {
  if cmp -s "$2" "$3"; then
    pass "$1"
  else
    diff -u "$2" "$3" | head -30 | sed 's/^/    | /'
    fail "$1" "outputs differ"
  fi
}

# --- 0. sizes and formats ---------------------------------------------------------------------
for bin in "$DIST_DIR"/bin/*/gxlint*; do
  t="$(basename "$(dirname "$bin")")"
  size="$(stat -c %s "$bin")"
  printf '    %-28s %9d bytes  %s\n' "$t" "$size" "$(file -b "$bin" | cut -c1-70)"
  if ((size <= 10 * 1024 * 1024)); then pass "$t: $size bytes ≤ 10 MB"; else fail "$t: size" "$size bytes > 10 MB"; fi
done

# --- 1. the musl binary on this machine -------------------------------------------------------
file -b "$LINUX" | grep -q 'static' && pass "musl: statically linked" || fail "musl: statically linked" "$(file -b "$LINUX")"
mkdir -p "$work/in/seeds" "$work/in/examples"
cp "$SEEDS"/* "$work/in/seeds/"
cp "$ROOT"/examples/*.md "$work/in/examples/"
cd "$work/in"
inputs=(seeds/* examples/*.md)
rc=0
"$LINUX" check --format json --fail-on never "${inputs[@]}" >"$work/linux.json" || rc=$?
n_diag="$(python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); print(sum(len(f.get("diagnostics",[])) for f in v["files"]))' "$work/linux.json")"
if ((rc == 0)); then pass "musl: checks the ${#inputs[@]} seeds and examples ($n_diag diagnostics)"; else fail "musl: check" "exit status $rc"; fi
if [[ -x "$GXLINT" ]]; then
  "$GXLINT" check --format json --fail-on never "${inputs[@]}" >"$work/native.json" || true
  same "musl: JSON identical to $(basename "$(dirname "$GXLINT")")/gxlint on the seeds and examples" "$work/native.json" "$work/linux.json"
fi
"$LINUX" --version | grep -Eq '^gxlint [0-9.]+ \([0-9a-f]{7,} [0-9-]{10}\)$' &&
  pass "musl: --version names the commit ($("$LINUX" --version))" ||
  fail "musl: --version" "$("$LINUX" --version)"

# --- 2. the Windows binary under Wine ---------------------------------------------------------
WINE="${WINE:-}"
if [[ -z "$WINE" ]]; then
  for w in /usr/lib/wine/wine64 "$(command -v wine64 2>/dev/null || true)" "$(command -v wine 2>/dev/null || true)"; do
    [[ -n "$w" && -x "$w" ]] && { WINE="$w"; break; }
  done
fi
[[ -n "$WINE" ]] || die "Wine not found: apt-get install wine64 (the loader is /usr/lib/wine/wine64)"
export WINEDEBUG=-all WINEPREFIX="$CACHE/wine"
mkdir -p "$CACHE"

windir="$work/win"
mkdir -p "$windir"
cp "$WINDOWS" "$windir/gxlint.exe"
# Wine 8 lacks bcryptprimitives.dll (ProcessPrng), which Rust's std imports; every Windows 10/11
# has it. A stand-in, next to the .exe, for this test only (never shipped).
if ! compgen -G "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/bcryptprimitives.dll" >/dev/null; then
  command -v x86_64-w64-mingw32-gcc >/dev/null || die "x86_64-w64-mingw32-gcc missing: apt-get install gcc-mingw-w64-x86-64"
  cat >"$work/bcryptprimitives.c" <<'C'
/* bcryptprimitives.c: test-only stand-in for Wine 8, which has no bcryptprimitives.dll */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return RtlGenRandom(data, (ULONG)len);
}
C
  x86_64-w64-mingw32-gcc -shared -O2 -o "$windir/bcryptprimitives.dll" "$work/bcryptprimitives.c" -ladvapi32
fi
win() { "$WINE" "$windir/gxlint.exe" "$@"; }

t0=$SECONDS
# The first start in a new prefix sets it up (and says so on stderr): done once, quietly.
[[ -f "$WINEPREFIX/system.reg" ]] || win --version >/dev/null 2>&1 || true
echo "Wine prefix ready in $((SECONDS - t0)) s"
t0=$SECONDS
wv="$(win --version 2>&1 | tr -d '\r')" || true
if [[ "$wv" == "$("$LINUX" --version)" ]]; then
  pass "wine: gxlint.exe starts ($wv, $((SECONDS - t0)) s incl. Wine start)"
else
  printf '    | %s\n' "$wv"
  fail "wine: gxlint.exe --version" "expected $("$LINUX" --version)"
  summary || true
  exit 1
fi

# (a) the seeds and examples, named one by one, then found by a folder walk.
win check --format json --fail-on never "${inputs[@]}" >"$work/win.json" 2>"$work/win.err" || true
jsonnorm "$work/linux.json" >"$work/linux.norm"
jsonnorm "$work/win.json" >"$work/win.norm"
same "wine: JSON identical to Linux on ${#inputs[@]} seeds and examples" "$work/linux.norm" "$work/win.norm"
"$LINUX" check --format json --fail-on never . >"$work/linux-walk.json" || true
win check --format json --fail-on never . >"$work/win-walk.json" 2>/dev/null || true
jsonnorm "$work/linux-walk.json" >"$work/linux-walk.norm"
jsonnorm "$work/win-walk.json" >"$work/win-walk.norm"
same "wine: JSON identical to Linux for a folder walk (\`check .\`)" "$work/linux-walk.norm" "$work/win-walk.norm"

# (b) the human output, with its Chinese messages and carets, and the exit status.
rcl=0 rcw=0
"$LINUX" check examples/draft-2024.md >"$work/linux.txt" 2>&1 || rcl=$?
win check examples/draft-2024.md >"$work/win.txt" 2>&1 || rcw=$?
same "wine: human output identical to Linux" "$work/linux.txt" "$work/win.txt"
grep -q '栏应为 6，实为 7' "$work/win.txt" && pass "wine: Chinese in the human output (栏应为 6，实为 7)" ||
  fail "wine: Chinese in the human output" "message not found"
((rcl == rcw && rcw == 1)) && pass "wine: exit status 1 as on Linux" || fail "wine: exit status" "linux $rcl, windows $rcw"

# (c) a path with Chinese characters (folder and file name), CRLF line endings.
mkdir -p "报告草稿"
cp examples/draft-2024.md "报告草稿/二〇二四年度报告.md"
sed 's/$/\r/' examples/draft-2024.md >"报告草稿/二〇二四年度报告-crlf.md"
sed 's/$/\r/' "seeds/$CLEAN_SEED_NAME" >"报告草稿/seed-crlf.txt"
"$LINUX" check --format json --fail-on never "报告草稿" >"$work/linux-zh.json" || true
win check --format json --fail-on never "报告草稿" >"$work/win-zh.json" 2>/dev/null || true
jsonnorm "$work/linux-zh.json" >"$work/linux-zh.norm"
jsonnorm "$work/win-zh.json" >"$work/win-zh.norm"
same "wine: JSON identical under a Chinese path, LF and CRLF files" "$work/linux-zh.norm" "$work/win-zh.norm"
if grep -q '"path": "报告草稿/二〇二四年度报告-crlf.md"' "$work/win-zh.norm" &&
  [[ "$(grep -c '"code"' "$work/win-zh.norm")" -gt 3 ]]; then
  pass "wine: the Chinese file names are reported, with diagnostics"
else
  fail "wine: Chinese file names" "not in the output"
fi
win check "报告草稿/二〇二四年度报告-crlf.md" >"$work/win-zh.txt" 2>&1 || true
grep -q '报告草稿[/\\]二〇二四年度报告-crlf.md:49:46' "$work/win-zh.txt" &&
  pass "wine: human output names the Chinese path and the same line:column on CRLF" ||
  { sed 's/^/    | /' "$work/win-zh.txt" | head; fail "wine: human output for a CRLF file" "no …:49:46"; }

# (d) --fix writes the same bytes back on both systems (CRLF kept); a second --fix is a no-op.
for f in "二〇二四年度报告.md" "二〇二四年度报告-crlf.md" "seed-crlf.txt"; do
  mkdir -p "$work/fix-l" "$work/fix-w"
  cp "报告草稿/$f" "$work/fix-l/$f"
  cp "报告草稿/$f" "win-$f"
  "$LINUX" check --fix --unsafe-fixes --fail-on never "$work/fix-l/$f" >/dev/null 2>&1 || true
  win check --fix --unsafe-fixes --fail-on never "win-$f" >/dev/null 2>&1 || true
  if cmp -s "报告草稿/$f" "win-$f"; then
    fail "wine: --fix $f" "the file was not changed"
  else
    same "wine: --fix writes $f back exactly as on Linux" "$work/fix-l/$f" "win-$f"
  fi
  if [[ "$f" == *crlf* ]]; then
    lf_only="$(python3 -c 'import sys; b=open(sys.argv[1],"rb").read(); print(b.count(b"\n") - b.count(b"\r\n"))' "win-$f")"
    ((lf_only == 0)) && pass "wine: --fix keeps CRLF in $f" || fail "wine: --fix keeps CRLF in $f" "$lf_only bare LF"
  fi
  cp "win-$f" "$work/once"
  win check --fix --unsafe-fixes --fail-on never "win-$f" >/dev/null 2>&1 || true
  same "wine: a second --fix changes nothing in $f" "$work/once" "win-$f"
done

# (e) the language server answers initialize, then shutdown and exit, over stdio.
python3 - "$WINE" "$windir/gxlint.exe" >"$work/lsp.log" 2>&1 <<'PY' && pass "wine: gxlint lsp answers initialize and shuts down over stdio" || { sed 's/^/    | /' "$work/lsp.log"; fail "wine: gxlint lsp" "no initialize result"; }
import json, subprocess, sys, time

def frame(obj):
    body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body

def read_message(stream):
    headers = {}
    while True:
        line = stream.readline()
        if not line:
            raise SystemExit("server closed stdout")
        line = line.strip()
        if not line:
            break
        k, _, v = line.decode("ascii").partition(":")
        headers[k.strip().lower()] = v.strip()
    return json.loads(stream.read(int(headers["content-length"])))

p = subprocess.Popen(sys.argv[1:] + ["lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"processId": None, "rootUri": None, "capabilities": {}}}))
p.stdin.flush()
while True:
    m = read_message(p.stdout)
    if m.get("id") == 1:
        break
caps = m["result"]["capabilities"]
print("initialize ->", json.dumps(m["result"].get("serverInfo")), sorted(caps))
assert "textDocumentSync" in caps and "codeActionProvider" in caps, caps
p.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
p.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None}))
p.stdin.flush()
while read_message(p.stdout).get("id") != 2:
    pass
p.stdin.write(frame({"jsonrpc": "2.0", "method": "exit", "params": None}))
p.stdin.close()
rc = p.wait(timeout=30)
print("exit status", rc)
assert rc == 0, rc
PY
sed 's/^/    | /' "$work/lsp.log"

summary
