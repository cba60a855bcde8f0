#!/usr/bin/env bash
# Prints the compressed size of what a browser downloads on first load of the app: gzip -9 (the
# budget's measure) and, when scripts/precompress.mjs wrote them, the brotli files the server sends.
set -euo pipefail
DIST="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dist}"
total=0; total_br=0
printf '%-44s %10s %10s %10s\n' "first-load file" "bytes" "gzip" "brotli"
for f in "$DIST"/index.html "$DIST"/*.js "$DIST"/*.wasm "$DIST"/*.css; do
  [ -f "$f" ] || continue
  # the retailers' loader and demo shop are not the app; the service worker installs after the page is interactive
  case "$(basename "$f")" in embed.js | shop.js | sw.js) continue ;; esac
  raw=$(wc -c <"$f"); gz=$(gzip -9 -c "$f" | wc -c); total=$((total + gz))
  br=$(if [ -f "$f.br" ]; then wc -c <"$f.br"; else echo 0; fi); total_br=$((total_br + br))
  printf '%-44s %10d %10d %10s\n' "$(basename "$f")" "$raw" "$gz" "$([ "$br" -gt 0 ] && echo "$br" || echo -)"
done
printf '%-44s %10s %10d %10s  (gzip %d KB)\n' "total compressed first load" "" "$total" \
  "$([ "$total_br" -gt 0 ] && echo "$total_br" || echo -)" $((total / 1024))
if [ -f "$DIST/sw.js" ]; then
  printf '%-44s %10d %10d  (after load, not counted)\n' "sw.js (service worker)" "$(wc -c <"$DIST/sw.js")" "$(gzip -9 -c "$DIST/sw.js" | wc -c)"
fi
