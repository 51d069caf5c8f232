#!/usr/bin/env bash
# Runs every Scripts/examples/*.nnv and Scripts/lessons/*.nnv in a directory of its own and
# renders each SVG it writes to PNG with rsvg-convert. Fails when a script fails, an SVG does not render, or no SVG at all
# was written. The pictures stay in .build/examples/ (or the directory given) to look at.
#
#   Scripts/render-examples.sh [OUTPUT-DIRECTORY]
#
# NNV_BINARY names an nnv already built from this tree (test.sh passes the one `swift test`
# built, which saves a second build); otherwise the script builds one.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-$root/.build/examples}

if [ -n "${NNV_BINARY:-}" ]; then
  nnv=$NNV_BINARY
else
  swift build -c release --product nnv
  nnv="$(swift build -c release --show-bin-path)/nnv"
fi

rm -rf "$out"
mkdir -p "$out"
svgs=0
for script in "$root"/Scripts/examples/*.nnv "$root"/Scripts/lessons/*.nnv; do
  name=$(basename "$script" .nnv)
  mkdir -p "$out/$name"
  if ! (cd "$out/$name" && "$nnv" --color never "$script" >output.txt 2>&1); then
    echo "render-examples: $name.nnv failed:" >&2
    tail -n 20 "$out/$name/output.txt" >&2
    exit 1
  fi
  for svg in "$out/$name"/*.svg; do
    [ -e "$svg" ] || continue
    rsvg-convert "$svg" -o "${svg%.svg}.png"
    [ -s "${svg%.svg}.png" ] || { echo "render-examples: empty PNG from $svg" >&2; exit 1; }
    svgs=$((svgs + 1))
  done
done
if [ "$svgs" -eq 0 ]; then
  echo "render-examples: the examples wrote no SVG files" >&2
  exit 1
fi
echo "rendered $svgs SVG files from the examples and lessons to PNG in $out"
