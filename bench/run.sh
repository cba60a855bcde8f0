#!/usr/bin/env bash
# The benchmark command (separate from the test command): installs its tools if missing, builds
# the release server and the web app, then measures Stitchfork (SQLite and PostgreSQL), Datasette
# and json-server side by side on the same 100,000 patterns, and writes bench/results.json and
# bench/results.txt (the printed table). See bench/README.md.
#
#   bench/run.sh                 the full run (about 30 minutes; the first also builds the data set)
#   bench/run.sh --quick         a smoke run: 12,000 patterns, 1 short run each, to bench/out/
#                                (allows uncommitted changes: its results are never committed)
#   bench/run.sh --allow-dirty   measure a tree with uncommitted changes (refused otherwise; the
#                                table says so)
#   bench/run.sh --no-browser    skip the web app build and the Chromium figures
#   bench/run.sh --targets stitchfork-sqlite,datasette    (any runner flag: python3 -m sfbench.runner -h)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
args=()
browser=1
for arg in "$@"; do
  case "$arg" in
    --quick) args+=(--patterns 12000 --duration 3 --warmup 1 --runs 1 --clicks 100 --allow-dirty
                    --open-duration 3 --open-start 50 --mixed-requests 30000
                    --results "$ROOT/bench/out/results-quick.json") ;;
    --no-browser) browser=0; args+=(--no-browser) ;;
    *) args+=("$arg") ;;
  esac
done

source scripts/setup.sh
source bench/tools.sh
bench_tools_install wrk python node oha
echo "==> [bench $(date +%T)] cargo build --profile server -p stitchfork-server"
cargo build --profile server --locked -p stitchfork-server
if [ "$browser" = 1 ]; then
  echo "==> [bench $(date +%T)] building the web app (scripts/build-web.sh)"
  scripts/build-web.sh
fi
mkdir -p bench/out
PYTHONPATH="$ROOT/bench" exec python3 -m sfbench.runner \
  --bin "$CARGO_TARGET_DIR/server/stitchfork" --venv "$BENCH_VENV" --dist "$ROOT/dist" \
  --oha "$BENCH_TOOLS/bin/oha" "${args[@]}"
