#!/usr/bin/env bash
# Prints the compressed size of what a browser downloads on first load of the app: per file, then
# per route (the page the server answers the route with, every script, wasm and stylesheet that
# page names, and the split module of the route's page with the chunks it needs), in gzip -9 (the budget's measure) and, when scripts/precompress.mjs wrote
# them, the brotli files the server sends.
#
#   scripts/web-size.sh [DIST] [--check]
# --check fails when a route's first load is over its budget in scripts/web-budget.txt.
# Size is deterministic for a given build, so this is a test, not a timing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/dist"; check=0
for arg in "$@"; do
  case "$arg" in --check) check=1 ;; *) DIST="$arg" ;; esac
done
BUDGETS="${STITCHFORK_WEB_BUDGET:-$ROOT/scripts/web-budget.txt}"

gz() { gzip -9 -c "$1" | wc -c; }
br() { if [ -f "$1.br" ]; then wc -c <"$1.br"; else echo 0; fi; }
# The files a page loads before it is interactive: itself and the assets it names (quoted paths;
# the list of every page module for the service worker is one string and is not counted).
page_files() {
  echo "$1"
  grep -oE "[\"'](/[A-Za-z0-9._/-]+\.(js|wasm|css))[\"']" "$DIST/$1" | tr -d "\"'" | sed 's|^/||' | sort -u
}
# The files of a split page module (scripts/wasm-split.sh writes app/<build>/modules.txt): the
# module and the chunks of code it shares with other pages, which a first visit fetches as one
# route bundle, route_<module>.bin, when the build made one (scripts/name-app.mjs). "-" is a
# route without a module.
module_files() {
  [ "$1" = - ] && return 0
  local list; list="$(ls "$DIST"/app/*/modules.txt 2>/dev/null | head -1)"
  [ -n "$list" ] || { echo "no app/*/modules.txt in $DIST for module $1" >&2; return 1; }
  local line; line="$(grep -E "^$1 " "$list")" || { echo "no page module '$1' in $list" >&2; return 1; }
  local dir="${list#"$DIST"/}"; dir="${dir%/modules.txt}"
  if [ -f "$DIST/$dir/route_$1.bin" ]; then echo "$dir/route_$1.bin"; return 0; fi
  for f in ${line#"$1" }; do echo "$dir/$f"; done
}

printf '%-44s %10s %10s %10s\n' "first-load file" "bytes" "gzip" "brotli"
for f in $(page_files index.html); do
  printf '%-44s %10d %10d %10s\n' "$f" "$(wc -c <"$DIST/$f")" "$(gz "$DIST/$f")" \
    "$(b=$(br "$DIST/$f"); [ "$b" -gt 0 ] && echo "$b" || echo -)"
done
if [ -f "$DIST/sw.js" ]; then
  printf '%-44s %10d %10d  (after load, not counted)\n' "sw.js (service worker)" "$(wc -c <"$DIST/sw.js")" "$(gz "$DIST/sw.js")"
fi

echo
printf '%-24s %-12s %-10s %10s %10s %10s\n' "route" "page" "module" "gzip" "brotli" "budget"
over=0
while read -r route page module budget; do
  case "$route" in '' | '#'*) continue ;; esac
  total=0; total_br=0
  files="$(page_files "$page"; module_files "$module")"
  for f in $files; do
    total=$((total + $(gz "$DIST/$f"))); total_br=$((total_br + $(br "$DIST/$f")))
  done
  mark=""; if [ "$total" -gt "$budget" ]; then mark="  OVER by $((total - budget))"; over=$((over + 1)); fi
  printf '%-24s %-12s %-10s %10d %10s %10d%s\n' "$route" "$page" "$module" "$total" \
    "$([ "$total_br" -gt 0 ] && echo "$total_br" || echo -)" "$budget" "$mark"
done <"$BUDGETS"

if [ "$check" = 1 ] && [ "$over" -gt 0 ]; then
  echo "first-load budget: $over route(s) over scripts/web-budget.txt" >&2
  exit 1
fi
