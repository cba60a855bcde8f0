#!/usr/bin/env bash
# The run command: installs what is missing, builds the app and the server, and serves the whole
# product (SQLite in data/, demo patterns on first start) at the printed URL.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ADDR="${STITCHFORK_ADDR:-127.0.0.1:8080}"
echo "Stitchfork will be served at http://$ADDR/ (first setting up and building what is missing)"
source scripts/setup.sh
scripts/build-web.sh
echo "==> [run $(date +%T)] cargo build --profile server -p stitchfork-server"
cargo build --profile server --locked -p stitchfork-server
exec "$CARGO_TARGET_DIR/server/stitchfork" serve --addr "$ADDR" \
  --database-url "${DATABASE_URL:-sqlite://data/stitchfork.db}" --dist dist --seed-demo-if-empty
