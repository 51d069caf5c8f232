#!/usr/bin/env bash
# Prints the path of a Python interpreter in a virtual environment that has the given packages,
# making the environment first when it is missing or was made for other packages. Environments
# are cached between runs under ${XDG_CACHE_HOME:-~/.cache}/nnv, one per NAME, and come from the
# Python package index. Only the checks of the test command use them: nnv itself runs no Python.
#   python="$(Scripts/python-env.sh onnx onnxruntime==1.20.1 numpy)"
set -euo pipefail
if [ "$#" -lt 2 ]; then
  echo "usage: Scripts/python-env.sh NAME PACKAGE..." >&2
  exit 2
fi
name="$1"
shift
root="${XDG_CACHE_HOME:-$HOME/.cache}/nnv/venv-$name"
wanted="$(printf '%s\n' "$@")"
if [ ! -x "$root/bin/python" ] || [ "$(cat "$root/requirements.txt" 2>/dev/null)" != "$wanted" ]; then
  echo "python-env.sh: making the '$name' environment (once)" >&2
  rm -rf "$root"
  python3 -m venv "$root" >&2
  "$root/bin/python" -m pip install --quiet --disable-pip-version-check "$@" >&2
  printf '%s\n' "$wanted" >"$root/requirements.txt"
fi
echo "$root/bin/python"
