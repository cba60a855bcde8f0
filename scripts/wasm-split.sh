#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): builds the app's wasm and splits it into the shell and one
# module per page, so a first visit downloads only what its page needs. Trunk 0.21 cannot split
# (it runs wasm-bindgen before a split could happen, trunk-rs/trunk#1022), so this hook does the
# Rust part of the build in the order splitting needs:
#   cargo build (linked with --emit-relocs)  ->  wasm-split-cli (shell + split_*.wasm + chunk_*.wasm)
#   ->  wasm-bindgen on the shell  ->  wasm-opt -Oz on every module
# and names the result in the staged index.html. Everything lands in app/<hash of the build>/:
# the split loader fetches modules relative to the shell's URL, and a new build's files never
# share a name with an old one, so open tabs of the old build keep finding theirs.
#
# Needs the environment of scripts/build-web.sh (the wasm toolchain and CARGO_TARGET_DIR), and
# Trunk's TRUNK_STAGING_DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${TRUNK_STAGING_DIR:?run by trunk build (Trunk.toml hook)}"
: "${CARGO_TARGET_DIR:?run through scripts/build-web.sh}"
NAME=stitchfork-web

step() { echo "==> [wasm-split $(date +%T)] $*"; }

step "cargo build --release (wasm32, --emit-relocs)"
# --emit-relocs keeps the relocations wasm-split-cli needs to move functions between modules.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} -Clink-arg=--emit-relocs"
cargo build --release --offline --target wasm32-unknown-unknown --bin "$NAME" \
  --manifest-path "$ROOT/Cargo.toml"
linked="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$NAME.wasm"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step "wasm-split-cli: the shell and one module per page"
wasm-split-cli "$linked" "$work/split" --target web --out-name "$NAME"

step "wasm-bindgen on the shell"
# --keep-lld-exports: the page modules import the shell's functions by their linker names.
wasm-bindgen "$work/split/$NAME.wasm" --out-dir "$work/split" --out-name "$NAME" \
  --target web --weak-refs --keep-lld-exports
rm "$work/split/$NAME.wasm" "$work/split"/*.d.ts

# --strip-debug drops the name sections wasm-split-cli leaves in each module (wasm-opt does not
# know one of their subsections and says so for each module; that note is filtered out).
step "wasm-opt -Oz on every module"
for wasm in "$work/split"/*.wasm; do
  wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$wasm" -o "$wasm" 2> >(grep -v "unknown name subsection" >&2)
done

# The folder's files are also shaped by name-app.mjs (the loader's patch, the route bundles), so
# its text is part of the name: a change there is a new folder, never new bytes under an old name
# (the server marks these files immutable).
build="$(cat "$work/split"/* "$ROOT/scripts/name-app.mjs" | sha256sum | cut -c1-16)"
out="$TRUNK_STAGING_DIR/app/$build"
mkdir -p "$out"
cp "$work/split"/* "$out/"
step "app/$build: $(ls "$out" | wc -l) files"
node "$ROOT/scripts/name-app.mjs" "$TRUNK_STAGING_DIR" "app/$build"
