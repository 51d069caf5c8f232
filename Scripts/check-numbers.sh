#!/usr/bin/env bash
# Reads what `write` writes with another implementation: NumPy and pandas parse the CSV files and
# Python's json module the JSON ones, and every number must come back with the same Float32 bits
# from both, written with no more digits than NumPy's shortest round-trip form. Run by
# Scripts/test.sh; NNV_BINARY is the nnv executable to run.
set -euo pipefail
cd "$(dirname "$0")/.."
python="$(Scripts/python-env.sh numbers numpy pandas)"
binary="${NNV_BINARY:-$(swift build -c release --show-bin-path)/nnv}"
out=".build/examples/numbers"
mkdir -p "$out"
(cd "$out" && "$binary" - >/dev/null) <<'NNV'
let d = digits()
model net { input 64; dense 32 tanh; dense 10 softmax }
train net on d epochs 2 lr 0.05
write attribution(net, on: d, method: "ig", steps: 20) to "ig.csv"
write attribution(net, on: d, method: "ig", steps: 20) to "ig.json"
write activations(net, on: d, samples: 300).dense_1 to "hidden.csv"
write activations(net, on: d, samples: 300).dense_1 to "hidden.json"
write d to "digits.csv"
write d to "digits.json"
write net to "history.csv"
NNV
"$python" Scripts/check-numbers.py "$out"
