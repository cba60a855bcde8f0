#!/usr/bin/env bash
# Prints the compressed (gzip -9) size of what a browser downloads on first load of the app.
set -euo pipefail
DIST="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dist}"
total=0
printf '%-44s %10s %10s\n' "first-load file" "bytes" "gzip"
for f in "$DIST"/index.html "$DIST"/*.js "$DIST"/*.wasm "$DIST"/*.css; do
  [ -f "$f" ] || continue
  [ "$(basename "$f")" = embed.js ] && continue # the retailers' loader, not the app's first load
  raw=$(wc -c <"$f"); gz=$(gzip -9 -c "$f" | wc -c); total=$((total + gz))
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-44s %10s %10d  (%d KB)\n' "total compressed first load" "" "$total" $((total / 1024))
