# The tool versions the build needs, in one place: sourced by scripts/setup.sh (which installs
# them) and scripts/check-tools.sh (which checks them). Expects ROOT to be the repository root.
TRUNK_VERSION=0.21.14   # Trunk 0.22 needs a newer rustc than Debian's rustc-web
WASM_SPLIT_VERSION=0.2.4 # wasm-split-cli (crate wasm_split_cli_support): splits the wasm per page
BINARYEN_VERSION=132    # wasm-opt from npm (package.json); Debian's binaryen is too old
NODE_MAJOR_MIN=18       # node --test and playwright-core 1.65
# The wasm-bindgen CLI must equal the library version locked in Cargo.lock.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' "$ROOT/Cargo.lock")"
