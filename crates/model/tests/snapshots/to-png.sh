#!/usr/bin/env bash
# Renders every snapshot SVG here to a PNG beside it, for a person to look at.
# Needs rsvg-convert (Debian: apt-get install -y librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for svg in *.svg; do
  rsvg-convert --width 1000 --keep-aspect-ratio --background-color white -o "${svg%.svg}.png" "$svg"
done
