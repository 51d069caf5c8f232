#!/usr/bin/env bash
# Fuzzes nnv with libFuzzer, seeded with the language test corpus and the example scripts.
#
#   Scripts/fuzz.sh [SECONDS] [libFuzzer flags...]   run every input as a script (default 60 s)
#   NNV_FUZZ_MODE=check Scripts/fuzz.sh ...          only lex, parse and check each input
#   Scripts/fuzz.sh --long                           the nightly run: 8 hours, both cores
#
# Builds the NNVFuzz target (declared only when NNV_FUZZ=1) into .build-fuzz/ with
# -sanitize=fuzzer. Each input runs with resource limits: a watchdog presses Ctrl-C (the
# interpreter's cancellation flag) after NNV_FUZZ_BUDGET_MS (500 ms), an input still running 2 s
# later counts as a hang, an allocation over 1 GiB or a resident size over 2 GiB as a failure.
# Scripts may write files: they run in a temporary folder and, when this is run as root, as the
# user `nobody`, so no input can replace a file of the system. Failing inputs are written to
# .build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
extra=()
if [ "$seconds" = "--long" ]; then
  seconds=28800
  extra=(-jobs=2 -workers=2)
fi
NNV_FUZZ=1 swift build -c release --scratch-path .build-fuzz --product nnv-fuzz
binary="$(NNV_FUZZ=1 swift build -c release --scratch-path .build-fuzz --show-bin-path)/nnv-fuzz"
root="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The corpus grows across runs in .build-fuzz/corpus, seeded again from the tests each time.
corpus="$root/.build-fuzz/corpus"
mkdir -p "$corpus" "$work/crashes" .build-fuzz/crashes
find Tests/Scripts Scripts/examples -name '*.nnv' -exec cp {} "$corpus"/ \;
cp Scripts/fuzz/nnv.dict "$binary" "$work"/
run=()
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
  chown -R nobody "$work" "$corpus"
  run=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi
status=0
(cd "$work" && TMPDIR="$work" "${run[@]}" ./nnv-fuzz "$corpus" -dict=nnv.dict \
  -max_total_time="$seconds" -timeout=2 -malloc_limit_mb=1024 -rss_limit_mb=2048 \
  -max_len=4096 -print_final_stats=1 -artifact_prefix=crashes/ "${extra[@]}" "$@") || status=$?
cp "$work"/crashes/* "$root/.build-fuzz/crashes/" 2>/dev/null || true
# With -jobs, each job's log (with its final statistics) is in the work folder.
cp "$work"/fuzz-*.log "$root/.build-fuzz/" 2>/dev/null || true
exit "$status"
