#!/usr/bin/env bash
# The reliability harness: tries to lose data and to break the API.
#   1. crash loop   clients publish/fork/like while the server is SIGKILLed at random moments;
#                   integrity checks after each kill, every acknowledged pattern read back
#   2. disk full    the SQLite file on a 2 MiB tmpfs that really fills up (needs root)
#   3. schemathesis every check against /api/v1/openapi.json, stateful phase included
#
#   bench/reliability.sh            full run: 200 crash cycles, >= 2,000 schemathesis cases
#   bench/reliability.sh --quick    the small version the test command runs (~1-2 minutes)
# With STITCHFORK_BIN set it uses that binary and builds nothing (the test command passes its
# debug build); otherwise it builds the release server.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
  esac
done
if [ "$quick" = 1 ]; then CYCLES=10; ST_EXAMPLES=10; ST_MIN=100; else CYCLES=200; ST_EXAMPLES=200; ST_MIN=2000; fi

set -e
if [ -z "${STITCHFORK_BIN:-}" ]; then
  source scripts/setup.sh
  echo "==> [reliability $(date +%T)] cargo build --profile server -p stitchfork-server"
  cargo build --profile server --locked -p stitchfork-server
  STITCHFORK_BIN="$CARGO_TARGET_DIR/server/stitchfork"
fi
source bench/tools.sh
bench_tools_install python
set +e
export PYTHONPATH="$ROOT/bench${PYTHONPATH:+:$PYTHONPATH}"

passed=0; failed=0; failed_names=()
run() { # run NAME COMMAND...
  local name="$1"; shift
  printf '\n==> [reliability %(%H:%M:%S)T] %s\n' -1 "$name"
  if "$@"; then passed=$((passed + 1)); echo "--- $name: ok"
  else failed=$((failed + 1)); failed_names+=("$name"); echo "--- $name: FAILED"; fi
}

run "crash loop ($CYCLES cycles)" python3 -m sfbench.crashloop --bin "$STITCHFORK_BIN" --cycles "$CYCLES"
run "disk full (2 MiB tmpfs)" python3 -m sfbench.diskfull --bin "$STITCHFORK_BIN"
run "schemathesis (all checks and phases, >= $ST_MIN cases)" python3 -m sfbench.fuzz --bin "$STITCHFORK_BIN" \
  --schemathesis "$BENCH_VENV/bin/schemathesis" --max-examples "$ST_EXAMPLES" --min-cases "$ST_MIN"

echo
[ "$failed" -gt 0 ] && printf 'failed: %s\n' "${failed_names[@]}"
echo "reliability: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
