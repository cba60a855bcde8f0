#!/usr/bin/env bash
# Installs whatever Stitchfork's build, run and tests need and is missing, printing each step.
# Idempotent: a second run only checks. Sourced by scripts/run.sh and scripts/test.sh, and runnable alone.
# Why each step is done this way: no rustup wasm target can be downloaded on these machines, so
# Debian's rustc-web + its std source + cargo's build-std compile std for wasm32; tool versions are
# pinned (Trunk.toml) so Trunk never downloads anything. scripts/build-web.sh says how the wasm is built.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/versions.sh"

step() { printf '\n==> [setup %(%H:%M:%S)T] %s\n' -1 "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

apt_missing=()
need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' || apt_missing+=("$1"); }

step "checking system packages"
wasm_via_rustup=0
if rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  wasm_via_rustup=1
  echo "rustup has the wasm32-unknown-unknown target; no Debian compiler needed"
else
  # The rustup target can't be downloaded here: Debian's rustc-web ships std's source for build-std.
  # rust-web-llvm gives /usr/bin/rust-lld, which links wasm32; rustc-web only recommends it, and
  # recommendations are not installed below.
  for p in rustc-web cargo-web rust-web-src rust-web-llvm lld-22; do need_pkg "$p"; done
fi
for p in chromium chromium-driver postgresql; do need_pkg "$p"; done
if [ ${#apt_missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${apt_missing[*]} (a few minutes on a fresh machine)"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${apt_missing[@]}"
else
  echo "all Debian packages present"
fi

if ! have node || ! have npm; then
  step "installing Node.js and npm from Debian"
  $SUDO apt-get install -y -q nodejs npm
fi

step "npm tools (wasm-opt $BINARYEN_VERSION, terser, playwright-core, axe-core)"
if [ -x "$ROOT/node_modules/.bin/wasm-opt" ] && [ -d "$ROOT/node_modules/playwright-core" ] && [ -d "$ROOT/node_modules/axe-core" ] && [ -d "$ROOT/node_modules/terser" ]; then
  echo "present in node_modules"
else
  (cd "$ROOT" && npm ci --no-audit --no-fund)
fi

step "trunk $TRUNK_VERSION"
if have trunk && trunk --version | grep -q " $TRUNK_VERSION"; then
  echo "present: $(trunk --version)"
else
  echo "building trunk from crates.io: about 13 minutes on 2 cores; cargo prints its progress"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
if have wasm-bindgen && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION"; then
  echo "present: $(wasm-bindgen --version)"
else
  echo "building wasm-bindgen-cli from crates.io: about 4 minutes"
  # Not --locked: its lock file names a webpki-roots release the registry no longer serves.
  cargo install "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

step "wasm-split-cli $WASM_SPLIT_VERSION"
if cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  echo "present: wasm-split-cli $WASM_SPLIT_VERSION"
else
  echo "building wasm-split-cli from crates.io: about 3 minutes"
  cargo install --locked "wasm_split_cli_support@$WASM_SPLIT_VERSION" --features build-binary
fi

if [ "$wasm_via_rustup" != 1 ]; then
  # build-std compiles std from Debian's source, and std has crates.io dependencies of its own
  # (dlmalloc, compiler_builtins, ...). The wasm build runs --offline, so fetch them now.
  step "fetching std's own dependencies for build-std (seconds when present)"
  RUSTC_BOOTSTRAP=1 /usr/bin/cargo fetch --manifest-path /usr/lib/rustlib/src/rust/library/Cargo.toml
fi
step "fetching the project's dependencies (seconds when present)"
(cd "$ROOT" && cargo fetch --locked)

step "checking every tool is there in the right version"
STITCHFORK_WASM_VIA_RUSTUP="$wasm_via_rustup" "$ROOT/scripts/check-tools.sh"

# Compiled output lives outside the clone, so a fresh clone on a known machine reuses earlier builds.
# It only saves time; every tool above is still installed on a machine that has none.
export STITCHFORK_CACHE="${STITCHFORK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stitchfork}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$STITCHFORK_CACHE/target}"
mkdir -p "$STITCHFORK_CACHE"
export STITCHFORK_WASM_VIA_RUSTUP="$wasm_via_rustup"
echo "setup done"
