#!/usr/bin/env bash
# Builds the web app into dist/ with Trunk (release, offline), writes the precompressed .br/.gz
# copies the server sends, and prints the compressed size.
# Run after scripts/setup.sh has been sourced (it sets PATH, CARGO_TARGET_DIR and STITCHFORK_CACHE).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
: "${STITCHFORK_CACHE:?source scripts/setup.sh first}"

(
  # The wasm build gets its own target dir: its compiler and flags differ from the host build's,
  # and sharing one would make each invalidate the other.
  export CARGO_TARGET_DIR="$STITCHFORK_CACHE/target-wasm"
  # Leptos erases component and view types (AnyView, shared closures) instead of monomorphizing a
  # render/rebuild per view tree, so one generic copy serves every page. Cargo also reads this cfg to
  # turn on leptos_macro's erasing expansion.
  wasm_flags="--cfg erase_components"
  if [ "${STITCHFORK_WASM_VIA_RUSTUP:-0}" != 1 ]; then
    # Debian's rustc-web and its std source: std is compiled for wasm32 by cargo's build-std.
    # These variables are for this build only; host builds keep the rustup toolchain.
    export RUSTC=/usr/bin/rustc CARGO=/usr/bin/cargo RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    # Since std is compiled here anyway, compile it without panic messages: a panic in the
    # browser aborts either way, and the formatting machinery was ~60 KB of gzip'd wasm.
    wasm_flags="-Zunstable-options -Cpanic=immediate-abort $wasm_flags"
    mkdir -p "$STITCHFORK_CACHE/debian-cargo"
    ln -sf /usr/bin/cargo "$STITCHFORK_CACHE/debian-cargo/cargo"
    export PATH="$STITCHFORK_CACHE/debian-cargo:$PATH"
  fi
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$wasm_flags"
  echo "==> [build-web $(date +%T)] trunk build --release --offline"
  trunk build --release --offline
)
# The service worker names its cache after the build, so each deploy installs a new worker that
# drops the previous build's files once it takes over (public/sw.js).
build_id="$(sha256sum "$ROOT/dist/index.html" | cut -c1-16)"
sed -i "s/^const BUILD = 'dev';/const BUILD = '$build_id';/" "$ROOT/dist/sw.js"
grep -q "^const BUILD = '$build_id';" "$ROOT/dist/sw.js" || { echo "could not stamp dist/sw.js" >&2; exit 1; }
echo "==> [build-web $(date +%T)] precompressing dist/ (brotli 11, gzip 9)"
node "$ROOT/scripts/precompress.mjs" "$ROOT/dist"

"$ROOT/scripts/web-size.sh"
