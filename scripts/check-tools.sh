#!/usr/bin/env bash
# Checks that every tool the build and the tests need is really there, in the right version, and
# says for each missing one what it is and how to get it. Exits 1 if any is missing, so a fresh
# machine stops here, before a long build fails with a compiler error instead.
# Run at the end of scripts/setup.sh (with its PATH) and as a phase of scripts/test.sh.
# STITCHFORK_WASM_VIA_RUSTUP=1 means rustup has the wasm32 target, so Debian's compiler is not needed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/versions.sh"
# Debian's std source for build-std; overridable so a test can point at a machine without it.
RUST_SRC="${STITCHFORK_RUST_SRC:-/usr/lib/rustlib/src/rust/library}"
PG_GLOB="${STITCHFORK_PG_GLOB:-/usr/lib/postgresql/*/bin}"

missing=0
ok() { printf '  ok       %-16s %s\n' "$1" "$2"; }
bad() { printf '  MISSING  %-16s %s\n' "$1" "$2"; missing=$((missing + 1)); }
version_of() { "$@" 2>/dev/null | head -1; }

echo "tool check:"
if [ "${STITCHFORK_WASM_VIA_RUSTUP:-0}" = 1 ]; then
  ok "wasm32 std" "rustup target wasm32-unknown-unknown"
else
  if [ -x /usr/bin/rustc ] && /usr/bin/rustc --version >/dev/null 2>&1; then ok "rustc-web" "$(/usr/bin/rustc --version)"
  else bad "rustc-web" "Debian's wasm-capable compiler: apt-get install rustc-web cargo-web"; fi
  if [ -f "$RUST_SRC/Cargo.lock" ]; then ok "std source" "$RUST_SRC"
  else bad "std source" "std's source for build-std: apt-get install rust-web-src"; fi
  # rustc links wasm32 with rust-lld; Debian ships it in rust-web-llvm, only a recommendation of rustc-web.
  if command -v rust-lld >/dev/null 2>&1; then ok "rust-lld" "$(command -v rust-lld)"
  else bad "rust-lld" "the wasm32 linker: apt-get install rust-web-llvm"; fi
fi

v="$(version_of trunk --version)"
if [ "$v" = "trunk $TRUNK_VERSION" ]; then ok trunk "$v"
else bad trunk "${v:-not found}; need $TRUNK_VERSION: cargo install --locked trunk@$TRUNK_VERSION"; fi

v="$(version_of wasm-bindgen --version)"
if [ "${v%% (*}" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then ok wasm-bindgen "$v"
else bad wasm-bindgen "${v:-not found}; need $WASM_BINDGEN_VERSION (= Cargo.lock): cargo install wasm-bindgen-cli@$WASM_BINDGEN_VERSION"; fi

# wasm-split-cli has no --version; cargo's install list says which release put it there.
v=""
if command -v wasm-split-cli >/dev/null 2>&1; then
  v="$(cargo install --list 2>/dev/null | awk '/^wasm_split_cli_support v/ {print $2; exit}' | tr -d 'v:')"
  v="${v:-unknown version}"
fi
if [ "$v" = "$WASM_SPLIT_VERSION" ]; then ok wasm-split-cli "$v"
else bad wasm-split-cli "${v:-not found}; need $WASM_SPLIT_VERSION: cargo install --locked wasm_split_cli_support@$WASM_SPLIT_VERSION --features build-binary"; fi

v="$(version_of wasm-opt --version)"
case "$v" in
  *"version $BINARYEN_VERSION"*) ok wasm-opt "$v" ;;
  *) bad wasm-opt "${v:-not found}; need version $BINARYEN_VERSION: npm ci (binaryen in package.json)" ;;
esac

v="$(version_of chromium --version)"
if [ -n "$v" ]; then ok chromium "$v"; else bad chromium "not found: apt-get install chromium chromium-driver"; fi

pgbin="$(ls -d $PG_GLOB 2>/dev/null | sort -V | tail -1)"
if [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] && [ -x "$pgbin/pg_ctl" ] && [ -x "$pgbin/postgres" ]; then
  ok postgresql "$("$pgbin/postgres" --version)"
else bad postgresql "server binaries (initdb, pg_ctl, postgres) not found: apt-get install postgresql"; fi

v="$(version_of node --version)"
major="${v#v}"; major="${major%%.*}"
if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge "$NODE_MAJOR_MIN" ]; then ok node "$v"
else bad node "${v:-not found}; need >= $NODE_MAJOR_MIN: apt-get install nodejs npm"; fi

for mod in playwright-core axe-core terser; do
  if [ -f "$ROOT/node_modules/$mod/package.json" ]; then ok "$mod" "node_modules/$mod"
  else bad "$mod" "not in node_modules: npm ci"; fi
done

if [ "$missing" -gt 0 ]; then
  echo "tool check failed: $missing missing (see MISSING above); nothing was built" >&2
  exit 1
fi
echo "tool check passed"
