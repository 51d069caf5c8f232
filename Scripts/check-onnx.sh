#!/usr/bin/env bash
# Checks ONNX export and import against ONNX Runtime (Scripts/check-onnx.py): every example
# model exported and run there on its samples, and models built with onnx's helper API imported
# and run by nnv, each within 1e-5 of the other. Makes (once, then cached) a Python environment
# with onnx, onnxruntime and numpy from the package index; nnv itself runs no Python.
#   NNV_BINARY=.build/release/nnv Scripts/check-onnx.sh
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${NNV_BINARY:-$(swift build -c release --show-bin-path)/nnv}"
python="$(Scripts/python-env.sh onnx onnx==1.17.0 onnxruntime==1.20.1 numpy)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" Scripts/check-onnx.py "$binary" "$work" Scripts/check-onnx.nnv
