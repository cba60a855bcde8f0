#!/usr/bin/env bash
# Installs the benchmark and reliability tools that are missing, printing each step; sourced by
# bench/run.sh and bench/reliability.sh, and runnable alone. Idempotent: a second run only checks.
#   wrk            the one load tool for every target (Debian package)
#   datasette      the "SQLite file as a JSON API" alternative   (PyPI, venv in the cache folder)
#   schemathesis   property-based API testing from the OpenAPI    (PyPI, same venv)
#   json-server    the "JSON file as a REST API" alternative      (npm, pinned in bench/package.json)
#   lighthouse     page speed and accessibility audits              (npm, pinned in bench/lighthouse/package.json)
#   oha            open-loop load at fixed rates (crates.io, `cargo install --locked`, pinned below;
#                  compiling it takes several minutes once)
# Versions: bench/requirements.txt (pip) and bench/package-lock.json (npm).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_CACHE="${STITCHFORK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stitchfork}"
BENCH_VENV="${BENCH_VENV:-$BENCH_CACHE/bench-venv}"
BENCH_TOOLS="${BENCH_TOOLS:-$BENCH_CACHE/bench-tools}"
OHA_VERSION=1.16.0
export BENCH_TOOLS
SUDO=""
[ "$(id -u)" != 0 ] && SUDO="sudo"
tstep() { printf '==> [bench-tools %(%H:%M:%S)T] %s\n' -1 "$*"; }

# `bench_tools_install [wrk] [python] [node] [oha]`: only the groups asked for (default: all).
bench_tools_install() {
  local want="${*:-wrk python node oha}"
  local apt_missing=()
  case " $want " in *" wrk "*) command -v wrk >/dev/null || apt_missing+=(wrk) ;; esac
  command -v sqlite3 >/dev/null || apt_missing+=(sqlite3)
  if [ ${#apt_missing[@]} -gt 0 ]; then
    tstep "installing Debian packages: ${apt_missing[*]}"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${apt_missing[@]}"
  fi
  case " $want " in *" wrk "*) tstep "wrk: $(command -v wrk)" ;; esac

  case " $want " in *" python "*)
    if [ ! -x "$BENCH_VENV/bin/python" ]; then
      tstep "creating Python venv $BENCH_VENV"
      if ! python3 -m venv "$BENCH_VENV" 2>/dev/null; then
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q python3-venv
        rm -rf "$BENCH_VENV"; python3 -m venv "$BENCH_VENV"
      fi
    fi
    # The stamp records which requirements were installed, so a changed pin reinstalls.
    local stamp="$BENCH_VENV/.stitchfork-requirements"
    if ! cmp -s "$BENCH_DIR/requirements.txt" "$stamp"; then
      tstep "pip install -r bench/requirements.txt (datasette, schemathesis; about a minute)"
      "$BENCH_VENV/bin/pip" install -q --disable-pip-version-check -r "$BENCH_DIR/requirements.txt"
      cp "$BENCH_DIR/requirements.txt" "$stamp"
    fi
    tstep "datasette $("$BENCH_VENV/bin/datasette" --version | awk '{print $NF}'), schemathesis $("$BENCH_VENV/bin/schemathesis" --version | awk '{print $NF}')"
  ;; esac

  case " $want " in *" oha "*)
    if [ "$("$BENCH_TOOLS/bin/oha" --version 2>/dev/null | awk '{print $2}')" != "$OHA_VERSION" ]; then
      tstep "cargo install --locked oha $OHA_VERSION into $BENCH_TOOLS (several minutes, once)"
      CARGO_TARGET_DIR="$BENCH_CACHE/oha-build" nice cargo install --locked --root "$BENCH_TOOLS" oha --version "$OHA_VERSION"
    fi
    tstep "$("$BENCH_TOOLS/bin/oha" --version)"
  ;; esac

  case " $want " in *" node "*)
    if [ ! -x "$BENCH_DIR/node_modules/.bin/json-server" ]; then
      tstep "npm ci in bench/ (json-server)"
      (cd "$BENCH_DIR" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    tstep "json-server $("$BENCH_DIR/node_modules/.bin/json-server" --version)"
    if [ ! -d "$BENCH_DIR/lighthouse/node_modules/lighthouse" ]; then
      tstep "npm ci in bench/lighthouse (lighthouse)"
      (cd "$BENCH_DIR/lighthouse" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    tstep "lighthouse $(node -p "require('$BENCH_DIR/lighthouse/node_modules/lighthouse/package.json').version")"
  ;; esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then bench_tools_install "$@"; fi
