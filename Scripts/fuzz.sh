#!/usr/bin/env bash
# Fuzzes the lexer, parser and checker with libFuzzer, seeded with the language test corpus.
#
#   Scripts/fuzz.sh [SECONDS]        (default 60; extra libFuzzer flags after the seconds)
#
# Builds the NNVFuzz target (declared only when NNV_FUZZ=1) into .build-fuzz/ with
# -sanitize=fuzzer. Crashing inputs are written to .build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
NNV_FUZZ=1 swift build -c release --scratch-path .build-fuzz --product nnv-fuzz
binary="$(NNV_FUZZ=1 swift build -c release --scratch-path .build-fuzz --show-bin-path)/nnv-fuzz"
corpus=.build-fuzz/corpus
mkdir -p "$corpus" .build-fuzz/crashes
find Tests/Scripts Scripts/examples -name '*.nnv' -exec cp {} "$corpus"/ \;
"$binary" "$corpus" -max_total_time="$seconds" -timeout=2 -max_len=4096 \
  -artifact_prefix=.build-fuzz/crashes/ "$@"
