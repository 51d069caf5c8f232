#!/usr/bin/env bash
# Checks nnv as a Jupyter kernel with Jupyter's own client libraries (the only Python in the
# test command; nnv itself runs none): installs the kernelspec into a folder of its own, turns
# every lesson into a notebook with `nnv notebook`, executes those and Scripts/notebooks/*.ipynb
# headless with nbclient, talks to the kernel directly (complete, inspect, is_complete, an
# interrupt during training), and converts one executed notebook to HTML, screenshotted in
# headless Chromium. Everything stays in .build/notebooks/ to look at.
#
#   Scripts/check-kernel.sh [NNV-BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
binary=${1:-${NNV_BINARY:-$(swift build -c release --show-bin-path)/nnv}}
python=$(Scripts/python-env.sh jupyter jupyter_client==8.6.3 nbclient==0.10.2 nbformat==5.10.4 \
  nbconvert==7.16.6)
out=$root/.build/notebooks
rm -rf "$out"
mkdir -p "$out/run" "$out/data" "$out/runtime"

# Jupyter finds the kernelspec only here, and keeps its files out of the home folder.
"$binary" kernel install --prefix "$out/prefix"
export JUPYTER_PATH=$out/prefix/share/jupyter JUPYTER_DATA_DIR=$out/data
export JUPYTER_RUNTIME_DIR=$out/runtime JUPYTER_CONFIG_DIR=$out/data JUPYTER_PLATFORM_DIRS=1

for lesson in Scripts/lessons/*.nnv; do
  name=$(basename "${lesson%.nnv}")
  "$binary" notebook "$lesson" -o "$out/run/$name.ipynb" >/dev/null
done
cp Scripts/notebooks/*.ipynb "$out/run/"
"$python" Scripts/check-kernel.py "$out/run"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
  profile=$(mktemp -d)
  trap 'rm -rf "$profile"' EXIT
  page=$out/run/executed-tour.html
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --hide-scrollbars --no-first-run --user-data-dir="$profile" --window-size=1000,3000 \
    --screenshot="$out/run/executed-tour.png" "file://$page" >/dev/null 2>&1 || true
  [ -s "$out/run/executed-tour.png" ] || { echo "check-kernel: no screenshot of $page" >&2; exit 1; }
fi
echo "check-kernel: the nnv kernel ran every notebook; executed notebooks in $out/run"
